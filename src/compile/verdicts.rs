//! Verdicts → diagnostics: each (claim set, subject)'s verdicts, as the evaluator makes them,
//! are explained where they will be shown, turned into the diagnostics of the intents on that
//! subject (or into one summary note when no intent covers it) and counted; then kept only when
//! the caller wants every verdict. A large check so holds one subject's verdicts at a time.
//!
//! Contract: the diagnostics come out in the order they would have if every verdict had been
//! kept and judged afterwards (intents in their order, then summaries by item and set), so the
//! output does not depend on the number of threads.

use super::{ClaimSet, Intent};
use crate::diagnostic::{self, Diagnostic};
use crate::eval::{self, ClaimVerdict, Evaluator, Verdict};
use crate::model::{self, NodeId};
use std::collections::{HashMap, HashSet};

/// How many verdicts of each kind a compilation has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub met: usize,
    pub partly_met: usize,
    pub undetermined: usize,
    pub arguable: usize,
    pub not_met: usize,
}

impl Counts {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Met => self.met += 1,
            Verdict::PartlyMet => self.partly_met += 1,
            Verdict::Undetermined => self.undetermined += 1,
            Verdict::Arguable => self.arguable += 1,
            Verdict::NotMet => self.not_met += 1,
        }
    }

    pub(super) fn merge(&mut self, o: Counts) {
        self.met += o.met;
        self.partly_met += o.partly_met;
        self.undetermined += o.undetermined;
        self.arguable += o.arguable;
        self.not_met += o.not_met;
    }

    /// The count of one kind of verdict.
    pub fn of(&self, v: Verdict) -> usize {
        match v {
            Verdict::Met => self.met,
            Verdict::PartlyMet => self.partly_met,
            Verdict::Undetermined => self.undetermined,
            Verdict::Arguable => self.arguable,
            Verdict::NotMet => self.not_met,
        }
    }
}

/// What judging needs besides the evaluator.
pub(super) struct Judging<'a> {
    pub model: &'a model::Model,
    pub claimsets: &'a [ClaimSet],
    pub intents: &'a [Intent],
    /// Top-level items with an error in them or in an item they refer to: not judged.
    pub tainted: &'a HashSet<NodeId>,
    pub summaries: bool,
    pub explain_all: bool,
    pub explain_readings: bool,
    pub keep: bool,
}

/// Where a verdict diagnostic goes among the others: intents first, in their order and the
/// order of their claims, then summaries by item and claim set, then the withheld notes.
type Order = (u8, usize, usize);

/// Judges every verdict: (the verdicts, in claim order, when kept; the counts; the
/// diagnostics of intents, summaries and withheld subjects, in their order).
pub(super) fn judge(
    evaluator: &Evaluator<'_>,
    j: &Judging<'_>,
) -> (Vec<ClaimVerdict>, Counts, Vec<Diagnostic>) {
    let top = |n: NodeId| top_item(j.model, n);
    let mut by_subject: HashMap<(usize, NodeId), Vec<usize>> = HashMap::new();
    for (i, intent) in j.intents.iter().enumerate() {
        by_subject
            .entry((intent.set, intent.subject))
            .or_default()
            .push(i);
    }
    let item_pos: HashMap<NodeId, usize> = j
        .model
        .items
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i))
        .collect();
    let results = evaluator.evaluate_each(|si, subject, mut verdicts| {
        let intents = by_subject.get(&(si, subject));
        let judged = !j.tainted.contains(&top(subject));
        for (_, _, v) in &mut verdicts {
            if j.explain_readings {
                evaluator.explain_readings(v);
            } else if j.explain_all
                || (judged
                    && intents.is_some_and(|is| {
                        is.iter()
                            .filter_map(|i| j.intents.get(*i))
                            .any(|i| i.claims.contains(&v.claim))
                    }))
            {
                evaluator.explain(v);
            }
        }
        if !judged {
            // Reached without the values that have errors: what such a verdict says is not
            // a fact of the spec (a `complete` layer missing a misspelt component would not
            // contain it). Every report (JSON, the lock, the counts) says undetermined.
            for (_, _, v) in &mut verdicts {
                withhold(v);
            }
        }
        let mut counts = Counts::default();
        for (_, _, v) in &verdicts {
            counts.add(v.verdict);
        }
        let mut out: Vec<(Order, Diagnostic)> = Vec::new();
        if judged {
            let set = j.claimsets.get(si);
            match (intents, set) {
                (Some(is), Some(set)) => {
                    for &i in is {
                        let Some(intent) = j.intents.get(i) else {
                            continue;
                        };
                        for (k, claim) in intent.claims.iter().enumerate() {
                            let Some((_, _, v)) =
                                verdicts.iter().find(|(_, _, v)| v.claim == *claim)
                            else {
                                continue;
                            };
                            for d in intent_diagnostics(intent, *claim, v, set, j.model, evaluator)
                            {
                                out.push(((0, i, k), d));
                            }
                        }
                    }
                }
                (None, Some(set)) if j.summaries && !verdicts.is_empty() => {
                    if let Some(&pos) = item_pos.get(&subject) {
                        let vs: Vec<&ClaimVerdict> = verdicts.iter().map(|(_, _, v)| v).collect();
                        out.push((
                            (1, pos, si),
                            diagnostic::claims::summary(subject, set, &vs, j.model),
                        ));
                    }
                }
                _ => {}
            }
        }
        let kept = if j.keep { verdicts } else { Vec::new() };
        (kept, counts, out)
    });
    let mut counts = Counts::default();
    let mut kept: Vec<(usize, usize, ClaimVerdict)> = Vec::new();
    let mut ordered: Vec<(Order, Diagnostic)> = Vec::new();
    for (k, c, d) in results {
        counts.merge(c);
        kept.extend(k);
        ordered.extend(d);
    }
    kept.sort_by_key(|(ci, pos, _)| (*ci, *pos));
    // Subjects that are not judged get one note, whether or not they had verdicts.
    let mut withheld: Vec<NodeId> = j
        .intents
        .iter()
        .map(|i| i.subject)
        .filter(|s| j.tainted.contains(&top(*s)))
        .collect();
    if j.summaries {
        withheld.extend(
            j.model
                .items
                .iter()
                .copied()
                .filter(|s| j.tainted.contains(s)),
        );
    }
    withheld.sort();
    withheld.dedup();
    for (n, subject) in withheld.into_iter().enumerate() {
        if let Some(d) = withheld_note(j.model, subject) {
            ordered.push(((2, n, 0), d));
        }
    }
    ordered.sort_by_key(|(o, _)| *o);
    (
        kept.into_iter().map(|(_, _, v)| v).collect(),
        counts,
        ordered.into_iter().map(|(_, d)| d).collect(),
    )
}

/// The diagnostics of one claim of an intent.
fn intent_diagnostics(
    intent: &Intent,
    claim: u32,
    v: &ClaimVerdict,
    set: &ClaimSet,
    model: &model::Model,
    evaluator: &Evaluator<'_>,
) -> Vec<Diagnostic> {
    match adopted(v, &intent.adopted, evaluator) {
        Some(under) => diagnostic::claims::intent(intent, &under, set, model),
        None if !intent.adopted.is_empty()
            && intent.adopted.iter().any(|(p, _)| v.points.contains(p)) =>
        {
            // The intent adopts a reading that was not evaluated: a pin (`--construction`)
            // reads the point another way.
            vec![
                Diagnostic::new(
                    diagnostic::Code::ClaimConstruction,
                    format!(
                        "the intent adopts a reading of claim {claim} that --construction excludes"
                    ),
                )
                .primary(intent.span, "this intent")
                .help(
                    "drop the pin or the intent's `with`: they read a construction point two ways",
                ),
            ]
        }
        None => diagnostic::claims::intent(intent, v, set, model),
    }
}

/// A verdict of a subject whose spec has errors: undetermined under every reading, and why.
fn withhold(v: &mut ClaimVerdict) {
    const WHY: &str =
        "not judged: the spec (or one it refers to) has errors; a value with an error is not read";
    let clear = |v: &mut ClaimVerdict| {
        v.verdict = Verdict::Undetermined;
        v.note = Some(WHY.to_string());
        // No binding and no limitations to show: they were reached without the broken values
        // (and an explanation asked for later finds nothing to explain).
        v.chain.clear();
        v.bindings.clear();
        v.limitations.clear();
        v.chosen.clear();
    };
    for r in &mut v.by_construction {
        clear(r);
    }
    clear(v);
}

fn withheld_note(model: &model::Model, subject: NodeId) -> Option<Diagnostic> {
    let node = model.node(subject)?;
    Some(
        Diagnostic::new(
            diagnostic::Code::VerdictWithheld,
            format!(
                "the verdicts of {} are not reported: its spec has errors",
                model.describe(subject)
            ),
        )
        .primary(node.head_span, "not judged")
        .help(
            "fix the errors first: a value with an error is not read, so every claim that \
             reads it would call it \"not given\"",
        ),
    )
}

/// The top-level item a node belongs to.
fn top_item(model: &model::Model, mut n: NodeId) -> NodeId {
    // Nesting is bounded by the syntax's limit; the bound guards a malformed parent chain.
    for _ in 0..=crate::syntax::MAX_NESTING {
        match model.node(n).and_then(|x| x.parent) {
            Some(p) => n = p,
            None => break,
        }
    }
    n
}

/// The top-level items with an error inside them (syntax or model), and every item that refers
/// to one of those, directly or through others.
pub(super) fn tainted_items(model: &model::Model, diagnostics: &[Diagnostic]) -> HashSet<NodeId> {
    let errors: Vec<crate::source::Span> = diagnostics
        .iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .filter_map(Diagnostic::primary_span)
        .collect();
    let mut tainted: HashSet<NodeId> = HashSet::new();
    if errors.is_empty() {
        return tainted;
    }
    let mut by_file: HashMap<crate::source::FileId, Vec<(u32, u32)>> = HashMap::new();
    for e in &errors {
        by_file.entry(e.file).or_default().push((e.start, e.end));
    }
    for v in by_file.values_mut() {
        v.sort_unstable();
    }
    for &item in &model.items {
        let Some(span) = model.node(item).map(|n| n.span) else {
            continue;
        };
        let Some(list) = by_file.get(&span.file) else {
            continue;
        };
        let first = list.partition_point(|&(s, _)| s < span.start);
        if list
            .get(first)
            .is_some_and(|&(s, _)| s < span.end.max(span.start + 1))
        {
            tainted.insert(item);
        }
    }
    // Items that refer to a tainted one: follow references backwards from the tainted items.
    let mut referrers: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for (i, node) in model.nodes.iter().enumerate() {
        let id = NodeId(u32::try_from(i).unwrap_or(u32::MAX));
        for p in &node.props {
            for &t in p.value.targets() {
                referrers
                    .entry(top_item(model, t))
                    .or_default()
                    .push(top_item(model, id));
            }
        }
    }
    // A variant depends on the element it varies: what it inherits has that one's errors.
    for &(variant, base) in &model.variant_of {
        referrers
            .entry(top_item(model, base))
            .or_default()
            .push(top_item(model, variant));
    }
    let mut queue: Vec<NodeId> = tainted.iter().copied().collect();
    while let Some(t) = queue.pop() {
        for &r in referrers.get(&t).map_or(&[][..], Vec::as_slice) {
            if tainted.insert(r) {
                queue.push(r);
            }
        }
    }
    tainted
}

/// The verdict an intent that adopts readings (`with POINT = ALT`) is judged by: the readings
/// that agree with it, explained. `None` when the intent adopts none, or the claim uses none
/// of the points it adopts.
fn adopted(
    v: &ClaimVerdict,
    pins: &[(usize, usize)],
    evaluator: &eval::Evaluator<'_>,
) -> Option<ClaimVerdict> {
    if pins.is_empty() || !pins.iter().any(|(p, _)| v.points.contains(p)) {
        return None;
    }
    let fits = |r: &ClaimVerdict| {
        pins.iter()
            .all(|(p, a)| r.reading.get(*p).is_none_or(|x| x == a))
    };
    let matching: Vec<ClaimVerdict> = v
        .by_construction
        .iter()
        .filter(|r| fits(r))
        .cloned()
        .collect();
    let mut shown = matching.first()?.clone();
    evaluator.explain(&mut shown);
    if matching.iter().any(|r| r.verdict != shown.verdict) {
        shown.verdict = eval::Verdict::Arguable;
    }
    shown.points = v.points.clone();
    shown.by_construction = matching;
    Some(shown)
}
