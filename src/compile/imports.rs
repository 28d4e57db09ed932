//! Loading the files that `import` names: relative to the importing file's folder, inside
//! the project root, each file once however many import it, cycles reported.
//!
//! Contract: reads only regular files of at most the parser's size limit (through
//! `crate::files`); every failure is a [`ModuleError`] at the import's span. A file given on
//! the command line and imported too is one file. The result lists, per file, the files its
//! imports load, for module resolution.

use crate::files;
use crate::modules::ModuleError;
use crate::source::{FileId, SourceMap};
use crate::syntax::{self, SyntaxError, ast};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub(super) type Parsed = (FileId, ast::File, Vec<SyntaxError>);

/// Loads and parses what the files import, transitively; returns each file's imports.
pub(super) fn load(
    sources: &mut SourceMap,
    parsed: &mut Vec<Parsed>,
    shipped: &[FileId],
    root: &Path,
    errors: &mut Vec<ModuleError>,
) -> HashMap<FileId, Vec<FileId>> {
    let mut edges: HashMap<FileId, Vec<(FileId, crate::source::Span)>> = HashMap::new();
    let any_import = parsed
        .iter()
        .any(|(_, f, _)| f.items.iter().any(|i| matches!(i, ast::Item::Import(_))));
    if !any_import {
        return HashMap::new();
    }
    let shown_root = root.display().to_string();
    let lexical_root = lexical(root);
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut by_path: HashMap<PathBuf, FileId> = HashMap::new();
    for (id, f) in sources.files() {
        if shipped.contains(&id) {
            continue;
        }
        if let Ok(p) = std::fs::canonicalize(&f.name) {
            by_path.entry(p).or_insert(id);
        }
    }
    let mut next = 0;
    while let Some((id, file, _)) = parsed.get(next) {
        next += 1;
        let id = *id;
        let imports: Vec<ast::ImportDecl> = file
            .items
            .iter()
            .filter_map(|i| match i {
                ast::Item::Import(d) => Some(d.clone()),
                _ => None,
            })
            .collect();
        if imports.is_empty() {
            continue;
        }
        let name = sources.get(id).map(|f| f.name.clone()).unwrap_or_default();
        if shipped.contains(&id) {
            for d in &imports {
                errors.push(ModuleError::ImportWithoutFolder {
                    span: d.span,
                    file: name.clone(),
                });
            }
            continue;
        }
        // A file that is not on disk (standard input, a test's text) imports from the
        // current folder.
        let folder = Path::new(&name)
            .parent()
            .filter(|p| Path::new(&name).is_file() && !p.as_os_str().is_empty());
        for d in imports {
            let wanted = match folder {
                Some(f) => f.join(&d.path.value),
                None => PathBuf::from(&d.path.value),
            };
            // Outside the root as written (whether or not it exists), or once links are
            // followed.
            let outside = |p: &Path| !p.starts_with(&lexical_root) && !p.starts_with(&root);
            if outside(&lexical(&wanted)) {
                errors.push(ModuleError::ImportOutsideRoot {
                    span: d.path.span,
                    path: d.path.value.clone(),
                    root: shown_root.clone(),
                });
                continue;
            }
            let Ok(canonical) = std::fs::canonicalize(&wanted) else {
                errors.push(ModuleError::ImportNotFound {
                    span: d.path.span,
                    path: d.path.value.clone(),
                    reason: format!("there is no file {}", wanted.display()),
                });
                continue;
            };
            if !canonical.starts_with(&root) {
                errors.push(ModuleError::ImportOutsideRoot {
                    span: d.path.span,
                    path: d.path.value.clone(),
                    root: shown_root.clone(),
                });
                continue;
            }
            let target = match by_path.get(&canonical) {
                Some(t) => *t,
                None => match files::read_text(&canonical, files::LIMIT) {
                    Ok(text) => {
                        let shown = wanted.to_string_lossy().into_owned();
                        let t = sources.add(shown, text);
                        let (tree, syntax_errors) = match sources.get(t) {
                            Some(f) => syntax::parse(t, &f.text),
                            None => continue,
                        };
                        parsed.push((t, tree, syntax_errors));
                        by_path.insert(canonical, t);
                        t
                    }
                    Err(e) => {
                        errors.push(ModuleError::ImportNotFound {
                            span: d.path.span,
                            path: d.path.value.clone(),
                            reason: e.to_string(),
                        });
                        continue;
                    }
                },
            };
            edges.entry(id).or_default().push((target, d.span));
        }
    }
    report_cycles(&edges, sources, errors);
    edges
        .into_iter()
        .map(|(f, ts)| (f, ts.into_iter().map(|(t, _)| t).collect()))
        .collect()
}

/// Whether `path` lies inside `root`, as written and once links are followed.
pub(super) fn inside_root(path: &Path, root: &Path) -> bool {
    let lexical_root = lexical(root);
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let as_written = lexical(path);
    let inside = |p: &Path| p.starts_with(&lexical_root) || p.starts_with(&canonical_root);
    inside(&as_written) && std::fs::canonicalize(path).map_or(true, |c| inside(&c))
}

/// The absolute form of a path with `.` and `..` taken away by their meaning, without
/// touching the file system (a path that does not exist may still be outside the root).
fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Each cycle of imports once, at the import that closes it (an iterative depth-first walk:
/// the graph is as large as the user's files).
fn report_cycles(
    edges: &HashMap<FileId, Vec<(FileId, crate::source::Span)>>,
    sources: &SourceMap,
    errors: &mut Vec<ModuleError>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut starts: Vec<FileId> = edges.keys().copied().collect();
    starts.sort();
    let mut mark: HashMap<FileId, Mark> = HashMap::new();
    let name = |f: FileId| sources.get(f).map(|s| s.name.clone()).unwrap_or_default();
    for start in starts {
        if mark.get(&start).copied().unwrap_or(Mark::New) != Mark::New {
            continue;
        }
        // (file, index of the next edge to follow)
        let mut stack: Vec<(FileId, usize)> = vec![(start, 0)];
        mark.insert(start, Mark::Open);
        while let Some((f, i)) = stack.last().copied() {
            let out = edges.get(&f).map_or(&[][..], Vec::as_slice);
            let Some((t, span)) = out.get(i).copied() else {
                mark.insert(f, Mark::Done);
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match mark.get(&t).copied().unwrap_or(Mark::New) {
                Mark::New => {
                    mark.insert(t, Mark::Open);
                    stack.push((t, 0));
                }
                Mark::Open => {
                    let from = stack.iter().position(|(x, _)| *x == t).unwrap_or(0);
                    let mut files: Vec<String> =
                        stack.iter().skip(from).map(|(x, _)| name(*x)).collect();
                    files.push(name(t));
                    errors.push(ModuleError::ImportCycle { span, files });
                }
                Mark::Done => {}
            }
        }
    }
}
