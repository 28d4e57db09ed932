//! A large input checked a group of specs at a time, so that memory holds one group's syntax
//! trees and model per thread, not the whole input's.
//!
//! Contract: [`compile`] gives exactly the diagnostics, counts and spec count that compiling
//! the input whole gives, or `None`, leaving the compiler untouched (its caller then compiles
//! whole). It splits only where it can show that no spec's result depends on a spec of
//! another group:
//! - the user's files hold specs and intents only (no declaration, claim set, module or
//!   import: those are read by every spec), and each cuts plainly into items (see
//!   [`syntax::sketch`]); each group's ranges parse into exactly the items sketched;
//! - items that name one another (any string of one is the name of another) are in one
//!   group, and groups do not interleave in source order, so diagnostics come out in order;
//! - no group has an error (a "did you mean" reads every name), a diagnostic outside its own
//!   items, or a verdict that listed every element of a kind; and no file has a spec that
//!   does not say which element it is on beside an element of that kind (it may be on it).
//!
//! Groups are checked in parallel and their results kept in source order.

use super::{Compilation, Compiler, Lowered, Phase, lower};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{KindId, Model, PropTy};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::sketch::{ItemSketch, string_value};
use crate::syntax::{self, ast};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// The bytes of spec text a group holds before the next may start (groups end only where no
/// item names one across the cut).
pub const GROUP_BYTES: usize = 1 << 17;

/// One item of the input: its file and sketch.
struct Unit {
    file: FileId,
    sketch: ItemSketch,
}

/// A run of units, in source order: `units[from..to]`.
struct Group {
    from: usize,
    to: usize,
}

/// What one group gave.
struct Checked {
    diagnostics: Vec<Diagnostic>,
    counts: super::Counts,
    specs: usize,
    /// (kind, file, target kind) of each spec that does not say which element of the target
    /// kind it is on.
    silent: FxHashSet<(KindId, FileId, KindId)>,
    /// (file, kind) of each element, at any depth.
    present: FxHashSet<(FileId, KindId)>,
}

/// Checks the input a group at a time, or answers `None` and leaves the compiler as it was
/// (see the module's documentation).
pub(super) fn compile(c: &mut Compiler) -> Option<Compilation> {
    if !c.batched || c.keep_verdicts || c.lint_shipped || c.lint_text || c.explain_readings {
        return None;
    }
    let group_bytes = c.group_bytes.unwrap_or(GROUP_BYTES).max(1);
    let units = sketch_inputs(c)?;
    let groups = cut(&units, &c.sources, group_bytes);
    if groups.len() < 2 {
        return None;
    }
    let shipped = shipped_trees(c)?;
    let shipped_refs: Vec<&ast::File> = shipped.iter().collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = units.len();
    let checked: Option<Vec<Checked>> = groups
        .par_iter()
        .map(|g| {
            let out = check_group(c, &shipped_refs, &units, g);
            if let Some(report) = &c.progress {
                let n = g.to - g.from;
                let before = done.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                report(Phase::Evaluate, before + n, total);
            }
            out
        })
        .collect();
    let checked = checked?;
    // A spec that does not say which element it is on may be on any of that kind in its file:
    // such specs and those elements must all be in one group.
    let silent: FxHashSet<(FileId, KindId)> = checked
        .iter()
        .flat_map(|k| k.silent.iter().map(|(_, file, target)| (*file, *target)))
        .collect();
    let mut owner: FxHashMap<(FileId, KindId), usize> = FxHashMap::default();
    for (g, k) in checked.iter().enumerate() {
        let keys = k.present.iter().copied().filter(|key| silent.contains(key));
        let opened = k.silent.iter().map(|(_, file, target)| (*file, *target));
        for key in keys.chain(opened) {
            if *owner.entry(key).or_insert(g) != g
                && checked.iter().any(|k| k.present.contains(&key))
            {
                return None;
            }
        }
    }
    let Lowered {
        model,
        claimsets,
        intents,
        ..
    } = lower(&shipped_refs);
    let mut counts = super::Counts::default();
    // Each group's model holds the prelude's specs (if it has any) too.
    let mut specs = model.items.len();
    let mut diagnostics = Vec::new();
    for k in checked {
        counts.merge(k.counts);
        specs += k.specs.saturating_sub(model.items.len());
        diagnostics.extend(k.diagnostics);
    }
    Some(Compilation {
        sources: std::mem::take(&mut c.sources),
        model,
        claimsets,
        intents,
        verdicts: Vec::new(),
        verdict_counts: counts,
        diagnostics,
        specs,
        groups: groups.len(),
    })
}

/// Every item of the user's files, in source order; `None` when a file cannot be cut plainly.
fn sketch_inputs(c: &Compiler) -> Option<Vec<Unit>> {
    let mut units = Vec::new();
    for (id, file) in c.sources.files() {
        if c.shipped.contains(&id) {
            continue;
        }
        let sketches = syntax::sketch::sketch(id, &file.text)?;
        if sketches.is_empty() {
            return None;
        }
        units.extend(sketches.into_iter().map(|sketch| Unit { file: id, sketch }));
    }
    Some(units)
}

/// The groups: runs of units such that every unit is in the run of each unit whose name one
/// of its strings is, each run at least `bytes` long where that allows.
fn cut(units: &[Unit], sources: &SourceMap, bytes: usize) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..units.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    let mut named: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, u) in units.iter().enumerate() {
        if let Some(n) = &u.sketch.name {
            let first = *named.entry(n.as_str()).or_insert(i);
            let (a, b) = (root(&mut parent, first), root(&mut parent, i));
            if let Some(slot) = parent.get_mut(a.max(b)) {
                *slot = a.min(b);
            }
        }
    }
    for (i, u) in units.iter().enumerate() {
        let text = sources.get(u.file).map_or("", |f| f.text.as_str());
        for s in &u.sketch.strings {
            if let Some(&j) = named.get(string_value(text, *s).as_ref()) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if let Some(slot) = parent.get_mut(a.max(b)) {
                    *slot = a.min(b);
                }
            }
        }
    }
    // The last unit of each set: no group may end before it.
    let mut last: FxHashMap<usize, usize> = FxHashMap::default();
    for i in 0..units.len() {
        last.insert(root(&mut parent, i), i);
    }
    let mut groups = Vec::new();
    let (mut from, mut reach, mut size) = (0, 0, 0);
    for (i, u) in units.iter().enumerate() {
        let r = root(&mut parent, i);
        reach = reach.max(last.get(&r).copied().unwrap_or(i));
        size += u.sketch.end.saturating_sub(u.sketch.start);
        if reach == i && size >= bytes {
            groups.push(Group { from, to: i + 1 });
            (from, size) = (i + 1, 0);
        }
    }
    if from < units.len() {
        groups.push(Group {
            from,
            to: units.len(),
        });
    }
    groups
}

/// The shipped files' syntax trees, as the whole compile has them when the user's files
/// declare nothing.
fn shipped_trees(c: &Compiler) -> Option<Vec<ast::File>> {
    let mut files = Vec::new();
    for id in &c.shipped {
        let f = c.sources.get(*id)?;
        let (tree, errors) = syntax::parse(*id, &f.text);
        if !errors.is_empty() {
            return None;
        }
        files.push((*id, tree));
    }
    let mut module_errors = Vec::new();
    crate::modules::resolve(&mut files, &Default::default(), &mut module_errors);
    module_errors
        .is_empty()
        .then(|| files.into_iter().map(|(_, f)| f).collect())
}

/// One group checked as the whole compile checks it; `None` when it does not stand apart
/// (see the module's documentation).
fn check_group(c: &Compiler, shipped: &[&ast::File], units: &[Unit], g: &Group) -> Option<Checked> {
    let members = units.get(g.from..g.to)?;
    // The group's ranges, a tree per file.
    let mut trees: Vec<ast::File> = Vec::new();
    let mut ranges: Vec<Span> = Vec::new();
    for run in members.chunk_by(|a, b| a.file == b.file) {
        let (first, last) = (run.first()?, run.last()?);
        let text = &c.sources.get(first.file)?.text;
        let tree = syntax::parse_range(first.file, text, first.sketch.start, last.sketch.end)?;
        if !sketched(&tree, run) {
            return None;
        }
        ranges.push(Span::new(
            first.file,
            first.sketch.start,
            last.sketch.end.max(first.sketch.start),
        ));
        trees.push(tree);
    }
    let refs: Vec<&ast::File> = shipped.iter().copied().chain(trees.iter()).collect();
    let lowered = lower(&refs);
    drop(refs);
    drop(trees);
    let judged = c.judge(
        &lowered.model,
        &lowered.claimsets,
        &lowered.intents,
        lowered.diagnostics,
        false,
    );
    let inside = |d: &Diagnostic| {
        d.primary_span().is_some_and(|s| {
            ranges
                .iter()
                .any(|r| r.file == s.file && r.start <= s.start && s.end <= r.end)
        })
    };
    if judged.listed_all
        || judged
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || !inside(d))
    {
        return None;
    }
    let (silent, present) = open_references(&lowered.model);
    Some(Checked {
        diagnostics: judged.diagnostics,
        counts: judged.counts,
        specs: lowered.model.items.len(),
        silent,
        present,
    })
}

/// Whether a tree holds exactly the sketched items: one per sketch, each a spec (with the name
/// sketched) or an intent.
fn sketched(tree: &ast::File, run: &[Unit]) -> bool {
    let within = |span: Span, u: &Unit| {
        (u.sketch.start..=u.sketch.end).contains(&(span.start as usize))
            && (span.end as usize) <= u.sketch.end
    };
    tree.items.len() == run.len()
        && tree.items.iter().zip(run).all(|(item, u)| match item {
            ast::Item::Element(e) => {
                e.name.as_ref().map(|n| n.value.as_str()) == u.sketch.name.as_deref()
                    && within(e.span, u)
            }
            ast::Item::Intent(i) => u.sketch.name.is_none() && within(i.span, u),
            _ => false,
        })
}

/// The specs of a model that do not say which element of a kind they are on, and the kinds of
/// elements per file.
#[allow(clippy::type_complexity)]
fn open_references(
    model: &Model,
) -> (
    FxHashSet<(KindId, FileId, KindId)>,
    FxHashSet<(FileId, KindId)>,
) {
    let mut silent = FxHashSet::default();
    let present = model.nodes.iter().map(|n| (n.span.file, n.kind)).collect();
    for &id in &model.items {
        let Some(n) = model.node(id) else { continue };
        for (pid, def) in model.schema.props_of(crate::model::Owner::Kind(n.kind)) {
            if let PropTy::Ref { kind: target, .. } = def.ty
                && n.prop(pid).is_none()
            {
                silent.insert((n.kind, n.span.file, target));
            }
        }
    }
    (silent, present)
}
