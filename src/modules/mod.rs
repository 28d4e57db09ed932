//! Modules: a file that says `module team_alpha` declares its materials, element kinds and
//! properties in its own namespace, so that two files written apart may both declare
//! `cationic_modifier` without colliding (docs/language.md, "Modules").
//!
//! Contract: a pure pass between parsing and the model. It rewrites the names of the syntax
//! trees so that every later phase sees one flat namespace of unique names: a module's own
//! name `x` becomes `team_alpha::x` in its declaration and wherever it is used — unqualified
//! in its own file and in files that `import` it, qualified anywhere. It decides:
//!
//! * **Extension, not a new name.** A material declaration in a module with no body whose
//!   name is a material of the shared files (the prelude, files without `module`) adds to that
//!   material (open taxonomy), and a declaration that says `other::x` adds to that module's.
//! * **Identical declarations merge.** A module's declaration identical (up to layout) to a
//!   shared one of the same name is that one; the same declaration in several modules is one
//!   name (the first module's), provided what it refers to merges too. Identical declarations
//!   in shared files are one. Declarations that differ stay apart: in modules they are two
//!   names, in shared files the model reports the duplicate, showing both.
//! * **Scope.** In a file, its own module's names come first; then a name declared by exactly
//!   one imported module, or a shared name. A name that two imports (or an import and a shared
//!   file) declare differently is ambiguous where it is used: an error showing both
//!   declarations. Imports are not re-exported.
//!
//! Units and dimensions are shared by every file (a unit means the same everywhere): they are
//! not namespaced, and identical declarations of them merge like other shared ones.

mod error;
mod walk;

pub use error::ModuleError;

use crate::source::{FileId, Span};
use crate::suggest::closest;
use crate::syntax::ast::{self, Ident, Item};
use std::collections::{BTreeMap, HashMap, HashSet};
use walk::{Site, item_idents};

/// The separator of a qualified name: `team_alpha::zeolite`.
pub const SEPARATOR: &str = "::";

/// What a name of a module stands for.
#[derive(Debug, Clone)]
struct Own {
    /// The name every later phase sees.
    canonical: String,
    /// Its declaration.
    span: Span,
}

/// One file's module: its name and its own names.
#[derive(Debug)]
struct Module {
    name: String,
    span: Span,
    names: HashMap<String, Own>,
}

/// A file's view of the names it may use unqualified.
enum Seen {
    One(Own),
    Ambiguous(Vec<Own>),
}

/// Rewrites the names of `files` (see the module docs). `imports` lists, per file, the files
/// its `import`s load.
pub fn resolve(
    files: &mut [(FileId, ast::File)],
    imports: &HashMap<FileId, Vec<FileId>>,
    errors: &mut Vec<ModuleError>,
) {
    let modules = module_of_files(files, errors);
    if modules.is_empty() && !files.iter_mut().any(|(_, f)| has_qualified(f)) {
        merge_identical_shared(files, &modules);
        return;
    }
    let shared = shared_declarations(files, &modules);
    let mut by_file: HashMap<FileId, Module> = HashMap::new();
    let mut dropped: HashSet<(FileId, usize)> = HashSet::new();
    for (id, file) in files.iter() {
        if let Some((name, span)) = modules.get(id) {
            let m = own_names(*id, name, *span, file, &shared, &mut dropped);
            by_file.insert(*id, m);
        }
    }
    merge_across_modules(files, &mut by_file, &mut dropped);
    let qualified: HashMap<String, Own> = by_file
        .values()
        .flat_map(|m| {
            m.names
                .iter()
                .map(move |(n, own)| (format!("{}{SEPARATOR}{n}", m.name), own.clone()))
        })
        .collect();
    let module_names: Vec<String> = by_file.values().map(|m| m.name.clone()).collect();
    for (id, file) in files.iter_mut() {
        let scope = scope_of(*id, &by_file, imports, &shared);
        let mut said = HashSet::new();
        let mut rename = |ident: &mut Ident, site: Site| {
            if let Some((module, _)) = ident.name.split_once(SEPARATOR) {
                match qualified.get(&ident.name) {
                    Some(own) => ident.name.clone_from(&own.canonical),
                    None if !module_names.iter().any(|m| m == module) => {
                        let unqualified = ident.name.get(module.len() + SEPARATOR.len()..);
                        let unqualified = unqualified.unwrap_or_default().to_string();
                        if said.insert(ident.name.clone()) {
                            errors.push(ModuleError::UnknownModule {
                                span: ident.span,
                                name: module.to_string(),
                                suggestion: closest(
                                    module,
                                    module_names.iter().map(String::as_str),
                                )
                                .map(str::to_string),
                            });
                        }
                        // Said once: the model then judges the name as if unqualified, rather
                        // than report it unknown too.
                        ident.name = unqualified;
                    }
                    // A module that does not declare the name: the model says so, with the
                    // names it does know.
                    None => {}
                }
                return;
            }
            if site == Site::Decl && !by_file.contains_key(id) {
                return;
            }
            match scope.get(&ident.name) {
                Some(Seen::One(own)) => ident.name.clone_from(&own.canonical),
                Some(Seen::Ambiguous(all)) => {
                    if said.insert(ident.name.clone()) {
                        errors.push(ModuleError::Ambiguous {
                            span: ident.span,
                            name: ident.name.clone(),
                            candidates: all.iter().map(|o| (o.canonical.clone(), o.span)).collect(),
                        });
                    }
                    // The error withholds the verdicts; the first meaning keeps the model
                    // from reporting the name unknown as well.
                    if let Some(first) = all.first() {
                        ident.name.clone_from(&first.canonical);
                    }
                }
                None => {}
            }
        };
        for item in &mut file.items {
            item_idents(item, &mut rename);
        }
    }
    for (id, file) in files.iter_mut() {
        let mut i = 0;
        file.items.retain(|_| {
            i += 1;
            !dropped.contains(&(*id, i - 1))
        });
    }
    merge_identical_shared(files, &modules);
}

fn has_qualified(f: &mut ast::File) -> bool {
    let mut any = false;
    for item in &mut f.items {
        item_idents(item, &mut |i, _| any |= i.name.contains(SEPARATOR));
    }
    any
}

/// The module each file declares, reporting a second `module` in a file and a module name
/// two files declare.
fn module_of_files(
    files: &[(FileId, ast::File)],
    errors: &mut Vec<ModuleError>,
) -> BTreeMap<FileId, (String, Span)> {
    let mut out: BTreeMap<FileId, (String, Span)> = BTreeMap::new();
    let mut first: HashMap<String, Span> = HashMap::new();
    for (id, file) in files {
        for item in &file.items {
            let Item::Module(m) = item else { continue };
            if let Some((first, prev)) = out.get(id) {
                errors.push(ModuleError::DuplicateModule {
                    span: m.name.span,
                    previous: *prev,
                    name: first.clone(),
                    same_file: true,
                });
                continue;
            }
            if let Some(prev) = first.get(&m.name.name) {
                errors.push(ModuleError::DuplicateModule {
                    span: m.name.span,
                    previous: *prev,
                    name: m.name.name.clone(),
                    same_file: false,
                });
                continue;
            }
            if m.name.name.contains(SEPARATOR) {
                errors.push(ModuleError::QualifiedModuleName {
                    span: m.name.span,
                    name: m.name.name.clone(),
                });
                continue;
            }
            first.insert(m.name.name.clone(), m.name.span);
            out.insert(*id, (m.name.name.clone(), m.name.span));
        }
    }
    out
}

/// Which namespace a declaration is in, and its names.
fn declared(item: &Item) -> Option<(&'static str, Vec<&Ident>)> {
    match item {
        Item::Material(m) => Some((
            "material",
            std::iter::once(&m.name).chain(&m.aliases).collect(),
        )),
        Item::ElementKind(k) => Some(("element kind", vec![&k.name])),
        Item::Property(p) => Some(("property", vec![&p.name])),
        _ => None,
    }
}

/// A declaration as data, without its spans or comments: two declarations are the same when
/// these are equal.
fn stripped(item: &Item) -> Option<serde_json::Value> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                let is_span = map.len() == 3
                    && map.contains_key("file")
                    && map.contains_key("start")
                    && map.contains_key("end");
                if is_span {
                    *v = serde_json::Value::Null;
                } else {
                    map.values_mut().for_each(strip);
                }
            }
            serde_json::Value::Array(xs) => xs.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(item).ok()?;
    strip(&mut v);
    Some(v)
}

/// The declarations of the shared files (those without `module`): (namespace, name) → the
/// first one's span and data.
type Shared = HashMap<(&'static str, String), (Span, Option<serde_json::Value>)>;

fn shared_declarations(
    files: &[(FileId, ast::File)],
    modules: &BTreeMap<FileId, (String, Span)>,
) -> Shared {
    let mut out = Shared::new();
    for (id, file) in files {
        if modules.contains_key(id) {
            continue;
        }
        for item in &file.items {
            if let Some((what, names)) = declared(item) {
                for n in names {
                    out.entry((what, n.name.clone()))
                        .or_insert_with(|| (n.span, stripped(item)));
                }
            }
        }
    }
    out
}

/// A module's own names: new ones qualified, extensions and copies of shared declarations not
/// (the copies are dropped).
fn own_names(
    id: FileId,
    name: &str,
    span: Span,
    file: &ast::File,
    shared: &Shared,
    dropped: &mut HashSet<(FileId, usize)>,
) -> Module {
    let mut m = Module {
        name: name.to_string(),
        span,
        names: HashMap::new(),
    };
    for (i, item) in file.items.iter().enumerate() {
        let Some((what, names)) = declared(item) else {
            continue;
        };
        let is_shared = |n: &Ident| shared.get(&(what, n.name.clone()));
        let extends = matches!(item, Item::Material(d) if d.body.is_none())
            && names.first().is_some_and(|n| is_shared(n).is_some());
        let copy = names
            .first()
            .and_then(|n| is_shared(n))
            .is_some_and(|(_, data)| data.is_some() && *data == stripped(item));
        if copy {
            dropped.insert((id, i));
        }
        for n in names {
            if n.name.contains(SEPARATOR) {
                continue;
            }
            let canonical = if extends || copy {
                n.name.clone()
            } else {
                format!("{name}{SEPARATOR}{}", n.name)
            };
            m.names.entry(n.name.clone()).or_insert(Own {
                canonical,
                span: n.span,
            });
        }
    }
    m
}

/// The same declaration in several modules is one name (the first module's), when the names
/// it refers to of its own module merge too (decided as a fixpoint).
fn merge_across_modules(
    files: &[(FileId, ast::File)],
    by_file: &mut HashMap<FileId, Module>,
    dropped: &mut HashSet<(FileId, usize)>,
) {
    // (namespace, name) → every module declaration of it: (file, item index, data, refs).
    type Decl = (FileId, usize, Option<serde_json::Value>, Vec<String>);
    let mut decls: BTreeMap<(&'static str, String), Vec<Decl>> = BTreeMap::new();
    for (id, file) in files {
        let Some(m) = by_file.get(id) else { continue };
        for (i, item) in file.items.iter().enumerate() {
            if dropped.contains(&(*id, i)) {
                continue;
            }
            let Some((what, names)) = declared(item) else {
                continue;
            };
            let Some(first) = names.first() else { continue };
            let own_new = m
                .names
                .get(&first.name)
                .is_some_and(|o| o.canonical != first.name);
            if !own_new {
                continue;
            }
            let mut refs = Vec::new();
            let mut copy = item.clone();
            item_idents(&mut copy, &mut |ident, site| {
                if site == Site::Ref && m.names.contains_key(&ident.name) {
                    refs.push(ident.name.clone());
                }
            });
            decls.entry((what, first.name.clone())).or_default().push((
                *id,
                i,
                stripped(item),
                refs,
            ));
        }
    }
    let mut merged: HashSet<String> = decls
        .iter()
        .filter(|(_, ds)| {
            ds.len() > 1
                && ds
                    .iter()
                    .all(|d| d.2.is_some() && d.2 == ds.first().and_then(|f| f.2.clone()))
        })
        .map(|((_, n), _)| n.clone())
        .collect();
    // At most one name leaves per round.
    loop {
        let leaving = decls.iter().find_map(|((_, n), ds)| {
            (merged.contains(n)
                && ds
                    .iter()
                    .any(|d| d.3.iter().any(|r| r != n && !merged.contains(r))))
            .then(|| n.clone())
        });
        match leaving {
            Some(n) => {
                merged.remove(&n);
            }
            None => break,
        }
    }
    for ((_, n), ds) in &decls {
        if !merged.contains(n) {
            continue;
        }
        let Some(canonical) = ds
            .first()
            .and_then(|(f, ..)| by_file.get(f))
            .and_then(|m| m.names.get(n))
            .map(|o| o.canonical.clone())
        else {
            continue;
        };
        for (f, i, ..) in ds.iter().skip(1) {
            dropped.insert((*f, *i));
            if let Some(own) = by_file.get_mut(f).and_then(|m| m.names.get_mut(n)) {
                own.canonical.clone_from(&canonical);
            }
        }
    }
}

/// The names `file` may use unqualified: its module's own, then its imports' and the shared
/// names.
fn scope_of(
    file: FileId,
    by_file: &HashMap<FileId, Module>,
    imports: &HashMap<FileId, Vec<FileId>>,
    shared: &Shared,
) -> HashMap<String, Seen> {
    let mut seen: HashMap<String, Seen> = HashMap::new();
    let mut imported: Vec<&Module> = imports
        .get(&file)
        .into_iter()
        .flatten()
        .filter(|f| **f != file)
        .filter_map(|f| by_file.get(f))
        .collect();
    imported.sort_by_key(|m| m.span.file);
    imported.dedup_by_key(|m| m.span.file);
    for m in imported {
        for (n, own) in &m.names {
            match seen.get_mut(n) {
                None => {
                    seen.insert(n.clone(), Seen::One(own.clone()));
                }
                Some(Seen::One(o)) if o.canonical == own.canonical => {}
                Some(Seen::One(o)) => {
                    let first = o.clone();
                    seen.insert(n.clone(), Seen::Ambiguous(vec![first, own.clone()]));
                }
                Some(Seen::Ambiguous(all)) => {
                    if !all.iter().any(|o| o.canonical == own.canonical) {
                        all.push(own.clone());
                    }
                }
            }
        }
    }
    // An imported name that is also a different shared one is ambiguous too.
    for (n, s) in seen.iter_mut() {
        let global = shared
            .iter()
            .find(|((_, name), _)| name == n)
            .map(|(_, (span, _))| *span);
        if let Some(span) = global {
            let own_shared = Own {
                canonical: n.clone(),
                span,
            };
            match s {
                Seen::One(o) if o.canonical != *n => {
                    *s = Seen::Ambiguous(vec![own_shared, o.clone()]);
                }
                Seen::Ambiguous(all) if !all.iter().any(|o| o.canonical == *n) => {
                    all.insert(0, own_shared);
                }
                _ => {}
            }
        }
    }
    if let Some(m) = by_file.get(&file) {
        for (n, own) in &m.names {
            seen.insert(n.clone(), Seen::One(own.clone()));
        }
    }
    seen
}

/// Identical declarations in shared files are one: later copies are dropped, so that two
/// files that declare the same unit or property alike do not collide. Only names declared
/// more than once are compared.
fn merge_identical_shared(
    files: &mut [(FileId, ast::File)],
    modules: &BTreeMap<FileId, (String, Span)>,
) {
    fn key(item: &Item) -> Option<(&'static str, String)> {
        Some(match item {
            Item::Unit(u) => ("unit", u.name.name.clone()),
            Item::Dimension(d) => ("dimension", d.name.name.clone()),
            Item::ElementKind(k) => ("kind", k.name.name.clone()),
            Item::Property(p) => ("property", format!("{}.{}", p.owner.name, p.name.name)),
            Item::Material(m) if m.body.is_some() => ("material", m.name.name.clone()),
            _ => return None,
        })
    }
    let mut count: HashMap<(&'static str, String), usize> = HashMap::new();
    for (id, file) in files.iter() {
        if !modules.contains_key(id) {
            for k in file.items.iter().filter_map(key) {
                *count.entry(k).or_default() += 1;
            }
        }
    }
    if count.values().all(|n| *n < 2) {
        return;
    }
    let mut first: HashMap<(&'static str, String), Option<serde_json::Value>> = HashMap::new();
    for (id, file) in files.iter_mut() {
        if modules.contains_key(id) {
            continue;
        }
        file.items.retain(|item| {
            let Some(k) = key(item).filter(|k| count.get(k).is_some_and(|n| *n > 1)) else {
                return true;
            };
            let data = stripped(item);
            match first.get(&k) {
                Some(prev) => !(data.is_some() && *prev == data),
                None => {
                    first.insert(k, data);
                    true
                }
            }
        });
    }
}
