//! The detail of a verdict: the chosen binding evaluated again with messages, evidence,
//! windows and the smallest change that would make each met limitation fail.
//!
//! Contract: [`explain`] fills `bindings`, `limitations` and `note` of a verdict from its
//! chain and chosen binding; it never changes the verdict. Only verdicts that are shown are
//! explained, so the binding search itself builds no text.

use super::expr::{Bound, Ctx, Index};
use super::judge::Judgement;
use super::{ClaimVerdict, LimitationResult, Verdict};
use crate::claims::{Binder, ClaimSet, Domain, Item};
use crate::model::{Model, NodeId};
use crate::source::SourceMap;

/// One item of a flattened chain: the claim it comes from, its element index (for binders
/// with words and limitations) and the item.
struct Step<'s> {
    claim: u32,
    element: Option<usize>,
    item: &'s Item,
}

fn flatten<'s>(set: &'s ClaimSet, chain: &[u32]) -> Vec<Step<'s>> {
    let mut steps = Vec::new();
    for n in chain {
        let Some(c) = set.claim(*n) else { continue };
        let mut element = 0;
        for item in &c.items {
            let has_words = match item {
                Item::Binder(b) => b.words.is_some(),
                Item::Limitation(_) => true,
            };
            steps.push(Step {
                claim: *n,
                element: has_words.then_some(element),
                item,
            });
            if has_words {
                element += 1;
            }
        }
    }
    steps
}

/// Evaluates the chosen binding again, with messages, evidence and windows, and intersects
/// the windows of partly met limitations that bear on the same spec value.
pub(super) fn explain(
    model: &Model,
    sources: &SourceMap,
    index: &Index,
    set: &ClaimSet,
    v: &mut ClaimVerdict,
) {
    let steps = flatten(set, &v.chain);
    let mut ctx = Ctx {
        model,
        sources,
        set,
        index,
        detail: true,
        env: Vec::new(),
        override_leaf: None,
        fixed: &[],
        fixed_read: Default::default(),
        missing: Vec::new(),
        evidence: Vec::new(),
        trace: Vec::new(),
        reading: v.reading.clone(),
        touched: 0,
        domains: Default::default(),
    };
    let mut limitations = Vec::new();
    let mut bindings = Vec::new();
    let mut combined: Option<Judgement> = None;
    for step in &steps {
        let j = match step.item {
            Item::Binder(b) => {
                let bound = v
                    .chosen
                    .iter()
                    .find(|(v, _)| *v == b.var)
                    .map_or(Bound::Unbound, |(_, x)| *x);
                ctx.env.push((b.var, bound));
                let span = match bound {
                    Bound::Node(n) => model.node(n).map(|x| x.head_span),
                    Bound::Comp(n, i) => model
                        .node(n)
                        .and_then(|x| x.components.get(i))
                        .map(|c| c.span),
                    Bound::Unbound => None,
                };
                bindings.push(super::Binding {
                    var: set.symbol(b.var).to_string(),
                    value: ctx.describe(bound),
                    span,
                });
                let desc = ctx.describe(bound);
                let var = set.symbol(b.var).to_string();
                let text = sources.one_line(b.span);
                let unset = match bound {
                    Bound::Unbound => ctx.unlisted(b),
                    Bound::Node(n) if n == v.subject => subject_unstated(&ctx, b, v.subject),
                    _ => None,
                };
                let mut j = if let Some((what, span)) = unset {
                    let mut j =
                        Judgement::new(Verdict::Undetermined).say(format!("undetermined: {what}"));
                    j.missing.push(super::Missing {
                        what,
                        span,
                        unbound: false,
                    });
                    j
                } else if bound == Bound::Unbound {
                    Judgement::new(Verdict::NotMet)
                        .say(format!("nothing in the spec matches `{text}`"))
                } else {
                    // The binder's condition may have been undecided (or met in part) for the
                    // element chosen; then so is this row.
                    let cond = b.filter.as_ref().map(|f| {
                        ctx.missing.clear();
                        ctx.evidence.clear();
                        let mut c = ctx.judge(f);
                        c.missing = std::mem::take(&mut ctx.missing);
                        c.evidence.append(&mut ctx.evidence);
                        c
                    });
                    match cond {
                        Some(c) if c.verdict != Verdict::Met => {
                            let why = if c.message.is_empty() {
                                String::new()
                            } else {
                                format!(", but {}", c.message)
                            };
                            let mut j =
                                Judgement::new(c.verdict).say(format!("{var} is {desc}{why}"));
                            j.window = c.window;
                            j.missing = c.missing;
                            j.evidence = c.evidence;
                            j
                        }
                        _ => Judgement::new(Verdict::Met).say(format!("{var} is {desc}")),
                    }
                };
                if let Some(s) = span {
                    j.evidence.push(super::Evidence {
                        span: s,
                        text: desc,
                    });
                }
                if b.words.is_none() && j.verdict == Verdict::Met {
                    continue;
                }
                j
            }
            Item::Limitation(l) => {
                ctx.missing.clear();
                ctx.evidence.clear();
                ctx.trace.clear();
                let mut j = ctx.judge(&l.expr);
                j.trace = std::mem::take(&mut ctx.trace)
                    .into_iter()
                    .map(|(span, value)| (sources.one_line(span), value))
                    .collect();
                j.missing = std::mem::take(&mut ctx.missing);
                let mut ev = std::mem::take(&mut ctx.evidence);
                ev.append(&mut j.evidence);
                ev.dedup();
                j.evidence = ev;
                // The spec reads on the claim: find, per limitation, the smallest change of
                // one of the values it read that would make it fail.
                if v.verdict == Verdict::Met && j.verdict == Verdict::Met {
                    let leaves: Vec<crate::source::Span> =
                        j.evidence.iter().map(|e| e.span).collect();
                    j.escape = ctx.escape(&l.expr, &leaves).map(Box::new);
                }
                if j.verdict == Verdict::Undetermined && j.message.is_empty() {
                    j.message = match j.missing.first() {
                        Some(m) => format!("undetermined: {}", m.what),
                        None => "undetermined".into(),
                    };
                }
                j
            }
        };
        combined = Some(match combined {
            None => j.clone(),
            Some(c) => c.and(j.clone()),
        });
        let (words, words_span, span) = match step.item {
            Item::Binder(b) => match &b.words {
                Some((w, s)) => (w.clone(), *s, b.span),
                None => (sources.slice(b.span).trim().to_string(), b.span, b.span),
            },
            Item::Limitation(l) => (l.words.clone(), l.words_span, l.span),
        };
        limitations.push(LimitationResult {
            claim: step.claim,
            index: step.element.unwrap_or(usize::MAX),
            words,
            words_span,
            span,
            judgement: j,
        });
    }
    // The combination with windows can only be stricter than the search's, never looser.
    // Limitations each met for part of a tolerance can still fail together: say why.
    let conflict = combined.as_ref().and_then(|c| {
        let i = c.message.find("no value of ")?;
        Some(c.message.get(i..)?.split(';').next()?.to_string())
    });
    // Said only when there was a choice to make.
    v.note = (v.verdict != Verdict::Met && !bindings.is_empty() && v.alternatives > 1).then(|| {
        let shown: Vec<String> = bindings
            .iter()
            .map(|b| format!("{} = {}", b.var, b.value))
            .collect();
        format!(
            "no binding meets every limitation; shown is the one with the fewest failures: {}",
            shown.join(", ")
        )
    });
    if let Some(c) = conflict
        && v.verdict == Verdict::NotMet
        && !limitations
            .iter()
            .any(|l| l.judgement.verdict == Verdict::NotMet)
    {
        v.note = Some(format!(
            "every limitation holds for part of the tolerances, but {c}"
        ));
    }
    v.bindings = bindings;
    v.limitations = limitations;
}

/// For the subject's own binder `P on M` (a process that makes M): when the subject states no
/// reference to an element of M's kind at all, which one it refers to is unknown, so the
/// subject may well be on M. `None` when the binder is not such a binder, or the subject
/// states its reference (to another element).
pub(super) fn subject_unstated(
    ctx: &Ctx<'_>,
    b: &Binder,
    subject: NodeId,
) -> Option<(String, crate::source::Span)> {
    let Domain::On { kind, target } = b.domain else {
        return None;
    };
    let m = ctx.model;
    let node = m.node(subject)?;
    if !m.schema.kind_is(node.kind, kind) {
        return None;
    }
    let Bound::Node(t) = ctx.lookup(target) else {
        return None;
    };
    let tk = m.node(t)?.kind;
    let unset = m
        .schema
        .props_of(crate::model::Owner::Kind(node.kind))
        .filter(|(_, p)| {
            matches!(p.ty, crate::model::PropTy::Ref { kind: rk, .. } if m.schema.kind_is(tk, rk))
        })
        .find(|(id, _)| node.prop(*id).is_none())?;
    Some((
        format!(
            "the {} of {} is not given",
            unset.1.name.replace('_', " "),
            m.describe(subject)
        ),
        node.head_span,
    ))
}
