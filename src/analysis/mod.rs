//! Claim-set analysis (design semantics 9): a claim whose limitations — its own and those it
//! inherits — cannot all hold, and a claim that repeats another limitation for limitation.
//!
//! Contract: pure analysis of the checked claim IR; it decides exactly (rational bounds) and
//! only says what it can show: bounds on one quantity that leave nothing, including the bound
//! parts per hundred put on a mass fraction (A/(A+B) ≤ p/(100 + p) for p phr of A per B).

pub mod claim_text;
pub mod completeness;

use crate::claims::{ClaimSet, Ex, Func, Item, Part, Sym};
use crate::model::MaterialId;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::CmpOp;
use crate::units::Exact;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The limitations of a claim's chain leave no value for one quantity.
    Unsatisfiable {
        set: String,
        claim: u32,
        span: Span,
        with: Span,
        quantity: String,
        why: String,
    },
    /// A claim adds exactly what an earlier claim with the same parents adds.
    Repeats {
        set: String,
        claim: u32,
        span: Span,
        other: u32,
        other_span: Span,
    },
    /// A phrase of a claim's text (`span`, in the text) that no limitation's words cover; or,
    /// without a phrase, a claim of the text that the set does not encode.
    Unencoded {
        set: String,
        claim: u32,
        span: Span,
        claim_span: Option<Span>,
        phrase: Option<String>,
    },
    /// A limitation's words (`span`) that occur neither in its claim's text (`text`) nor in
    /// its parents'.
    WordsNotInClaim {
        set: String,
        claim: u32,
        span: Span,
        text: Span,
    },
    /// "the X" (`span`, in the text) with no "a X" before it in the claim or its parents.
    NoAntecedent {
        set: String,
        claim: u32,
        span: Span,
        claim_span: Span,
        phrase: String,
    },
    /// A claim the set encodes that its text does not have.
    NotInText {
        set: String,
        claim: u32,
        span: Span,
        source: String,
    },
    /// The set's claim text could not be found or read.
    TextMissing {
        set: String,
        span: Span,
        source: String,
        reason: String,
    },
}

/// What a bound constrains.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Wt(Sym, MaterialId),
    Phr(Sym, MaterialId, MaterialId),
    Text(String),
}

#[derive(Debug, Clone, Copy)]
struct Bound {
    value: Exact,
    /// The bound itself is allowed.
    closed: bool,
}

/// The values a limitation allows, as a (possibly open) interval, and where it is.
#[derive(Debug, Clone, Copy)]
struct Range {
    lo: Option<Bound>,
    hi: Option<Bound>,
    span: Span,
}

fn key(e: &Ex, sources: &SourceMap) -> Key {
    match e {
        Ex::Func(
            Func::Wt {
                of,
                genus: Part::Genus(genus),
                anhydrous: false,
            },
            _,
        ) => Key::Wt(*of, *genus),
        Ex::Func(
            Func::Phr {
                of,
                a: Part::Genus(a),
                b: Part::Genus(b),
            },
            _,
        ) => Key::Phr(*of, *a, *b),
        other => Key::Text(sources.one_line(other.span())),
    }
}

fn constant(e: &Ex) -> Option<Exact> {
    match e {
        Ex::Const(q, _) if q.value.is_point() => Some(q.value.lo),
        _ => None,
    }
}

/// The constraint a limitation puts on one quantity, if it is a comparison with constants.
fn constraint(e: &Ex, sources: &SourceMap) -> Option<(Key, Range)> {
    let span = e.span();
    match e {
        Ex::Cmp(l, op, r, _) => {
            let c = constant(r)?;
            let (lo, hi) = match op {
                CmpOp::Gt => (
                    Some(Bound {
                        value: c,
                        closed: false,
                    }),
                    None,
                ),
                CmpOp::Ge => (
                    Some(Bound {
                        value: c,
                        closed: true,
                    }),
                    None,
                ),
                CmpOp::Lt => (
                    None,
                    Some(Bound {
                        value: c,
                        closed: false,
                    }),
                ),
                CmpOp::Le => (
                    None,
                    Some(Bound {
                        value: c,
                        closed: true,
                    }),
                ),
                CmpOp::Eq => (
                    Some(Bound {
                        value: c,
                        closed: true,
                    }),
                    Some(Bound {
                        value: c,
                        closed: true,
                    }),
                ),
                CmpOp::Ne => return None,
            };
            Some((key(l, sources), Range { lo, hi, span }))
        }
        Ex::InInterval {
            value,
            lo,
            lo_closed,
            hi,
            hi_closed,
            ..
        } => Some((
            key(value, sources),
            Range {
                lo: Some(Bound {
                    value: constant(lo)?,
                    closed: *lo_closed,
                }),
                hi: Some(Bound {
                    value: constant(hi)?,
                    closed: *hi_closed,
                }),
                span,
            },
        )),
        _ => None,
    }
}

fn empty(lo: Bound, hi: Bound) -> bool {
    lo.value > hi.value || (lo.value == hi.value && !(lo.closed && hi.closed))
}

pub fn analyse<'a>(
    sets: impl IntoIterator<Item = &'a ClaimSet>,
    sources: &SourceMap,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for set in sets {
        repeats(set, sources, &mut out);
        for claim in &set.claims {
            if claim.broken {
                continue;
            }
            // Each chain through the claim's parents; the claim is reported once.
            'chains: for chain in set.chains(claim.number) {
                let mut ranges: HashMap<Key, Vec<(u32, Range)>> = HashMap::new();
                for n in &chain {
                    let Some(c) = set.claim(*n) else { continue };
                    for item in &c.items {
                        let Item::Limitation(l) = item else { continue };
                        let Some((k, r)) = constraint(&l.expr, sources) else {
                            continue;
                        };
                        // p phr of A per B bounds the mass fraction of A: A/(A+B) ≤ p/(100+p).
                        if let (Key::Phr(of, a, _), Some(hi)) = (&k, r.hi) {
                            let hundred_plus = Exact::HUNDRED.add(hi.value).ok();
                            if let Some(w) = hundred_plus
                                .and_then(|d| hi.value.mul(Exact::HUNDRED).ok()?.div(d).ok())
                            {
                                let implied = Range {
                                    lo: None,
                                    hi: Some(Bound {
                                        value: w,
                                        closed: hi.closed,
                                    }),
                                    span: r.span,
                                };
                                ranges
                                    .entry(Key::Wt(*of, *a))
                                    .or_default()
                                    .push((*n, implied));
                            }
                        }
                        ranges.entry(k).or_default().push((*n, r));
                    }
                }
                for (k, rs) in &ranges {
                    // Only pairs with one of this claim's own limitations are reported; going
                    // through the others' pairs too made a long chain cubic.
                    let own: Vec<usize> = rs
                        .iter()
                        .enumerate()
                        .filter(|(_, (n, _))| *n == claim.number)
                        .map(|(i, _)| i)
                        .collect();
                    if own.is_empty() {
                        continue;
                    }
                    for (i, (na, a)) in rs.iter().enumerate() {
                        let partners: Vec<usize> = if *na == claim.number {
                            (i + 1..rs.len()).collect()
                        } else {
                            own.iter().copied().filter(|j| *j > i).collect()
                        };
                        for (nb, b) in partners.iter().filter_map(|j| rs.get(*j)) {
                            let conflict =
                                [(a.lo, b.hi), (b.lo, a.hi)].into_iter().any(|(lo, hi)| {
                                    match (lo, hi) {
                                        (Some(lo), Some(hi)) => empty(lo, hi),
                                        _ => false,
                                    }
                                });
                            // Report only conflicts that involve this claim's own limitations.
                            if conflict && (*na == claim.number || *nb == claim.number) {
                                let (mine, other) =
                                    if *nb == claim.number { (b, a) } else { (a, b) };
                                let quantity = match k {
                                    Key::Text(t) => t.clone(),
                                    Key::Wt(s, _) | Key::Phr(s, _, _) => {
                                        format!("a mass fraction in {}", set.symbol(*s))
                                    }
                                };
                                let why = if matches!(k, Key::Wt(..))
                                    && rs.iter().any(|(_, r)| r.span == other.span)
                                    && sources.one_line(other.span).contains("phr(")
                                {
                                    "parts per hundred put an upper bound on the mass fraction: p phr of A per B is at most p/(100 + p) of A and B together".to_string()
                                } else {
                                    "the bounds on the same quantity leave no value".to_string()
                                };
                                out.push(Finding::Unsatisfiable {
                                    set: set.id.clone(),
                                    claim: claim.number,
                                    span: mine.span,
                                    with: other.span,
                                    quantity,
                                    why,
                                });
                                break 'chains;
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Claims with the same category and parents whose own items read the same.
fn repeats(set: &ClaimSet, sources: &SourceMap, out: &mut Vec<Finding>) {
    let signature = |c: &crate::claims::Claim| -> (String, Vec<u32>, Vec<String>) {
        let mut items: Vec<String> = c
            .items
            .iter()
            .map(|i| match i {
                Item::Binder(b) => sources.one_line(b.span),
                Item::Limitation(l) => sources.one_line(l.expr.span()),
            })
            .collect();
        items.sort();
        (c.category.name().to_string(), c.parents.clone(), items)
    };
    for (i, a) in set.claims.iter().enumerate() {
        if a.items.is_empty() {
            continue;
        }
        let sa = signature(a);
        if let Some(b) = set.claims.iter().skip(i + 1).find(|b| signature(b) == sa) {
            out.push(Finding::Repeats {
                set: set.id.clone(),
                claim: b.number,
                span: b.number_span,
                other: a.number,
                other_span: a.number_span,
            });
        }
    }
}
