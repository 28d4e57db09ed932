//! Process windows (`mediac window`): where, in the plane of two spec values with the rest of
//! the spec fixed, a claim is met — drawn from the exact inequalities, not sampled.
//!
//! Contract: for each of a number of rows (values of the y axis), the claim is evaluated with
//! y fixed to the row's value and x free over the axis's range, as a toleranced value is: the
//! exact evaluator answers with the sub-range of x where every limitation holds (a partly met
//! verdict's window, solved exactly where a condition is affine in x or a ratio of affine
//! functions of it). Where several bindings of the claim hold on different sub-ranges (two
//! resin layers, two melting points), the rest of the range is evaluated again until what is
//! left is not met, so a row is the union of every binding's window. Each boundary point is an
//! exact rational, with whether the bound itself is allowed (a strict bound is drawn dashed).
//! A row whose verdict is undetermined or arguable says so and is drawn hatched.

use super::{Axis, SweepError, prepare};
use crate::compile::Compilation;
use crate::eval::{Evaluator, Verdict};
use crate::model::NodeId;
use crate::units::{Exact, Interval};
use std::fmt::Write as _;

/// How many rows a window has by default, and at most.
pub const DEFAULT_ROWS: usize = 160;
pub const MAX_ROWS: usize = 2_000;

/// A sub-range of x where the claim is met, in the x axis's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub lo: Exact,
    /// The low end is a bound of the claim (not the edge of the range), and it is excluded.
    pub lo_strict: bool,
    /// The low end is a bound of the claim, not the edge of the drawn range.
    pub lo_bound: bool,
    pub hi: Exact,
    pub hi_strict: bool,
    pub hi_bound: bool,
}

/// One row of the window: a value of y and where along x the claim is met.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub y: Exact,
    pub met: Vec<Span>,
    /// Some part of the row is undetermined or arguable: what the spec does not state (or how
    /// the claim is read) decides it.
    pub open: bool,
}

/// The window: the axes (in their units) and the rows, bottom to top.
#[derive(Debug, Clone)]
pub struct Region {
    pub x: Axis,
    pub y: Axis,
    pub rows: Vec<Row>,
    /// The product's own values (in the axes' units), as intervals (a tolerance is a range).
    pub point: Option<(Interval, Interval)>,
    pub title: String,
}

/// The region of claim `claim` of set `set` for `subject` over the axes' ranges, with
/// `rows` values of y from FROM to TO (the axes' steps are not used).
pub fn region(
    c: &Compilation,
    set: usize,
    claim: u32,
    subject: NodeId,
    x: &Axis,
    y: &Axis,
    rows: usize,
) -> Result<Region, SweepError> {
    let rows = rows.clamp(2, MAX_ROWS);
    // One grid point per axis end: enough to find and convert the two values.
    let ends = |a: &Axis| Axis {
        step: a
            .to
            .sub(a.from)
            .ok()
            .filter(|s| !s.is_zero())
            .unwrap_or(Exact::ONE),
        ..a.clone()
    };
    let p = prepare(c, subject, &ends(x), Some(&ends(y)))?;
    let ty = p.ty.as_ref().ok_or_else(|| SweepError::NotGiven {
        axis: y.label(),
        subject: c.model.describe(subject),
    })?;
    let to_base = |t: &super::Target, v: Exact| super::base_value(t, v);
    let from_base = |t: &super::Target, v: Exact| {
        t.scale
            .from_base(v, t.difference)
            .map_err(|e| SweepError::Unit {
                axis: String::new(),
                why: format!("a boundary cannot be converted exactly: {e}"),
            })
    };
    let x_lo = to_base(&p.tx, x.from)?;
    let x_hi = to_base(&p.tx, x.to)?;
    let (x_lo, x_hi) = (x_lo.min(x_hi), x_lo.max(x_hi));
    let evaluator = Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let n = i64::try_from(rows - 1).unwrap_or(1);
    let mut out = Vec::with_capacity(rows);
    for i in 0..=n {
        let yv =
            y.to.sub(y.from)
                .and_then(|d| d.mul(Exact::int(i)))
                .and_then(|d| d.div(Exact::int(n)))
                .and_then(|d| y.from.add(d))
                .map_err(|_| SweepError::TooManyPoints { points: u128::MAX })?;
        let yb = to_base(ty, yv)?;
        let (met, open) = row(
            &evaluator,
            set,
            claim,
            subject,
            (p.tx.span, x_lo, x_hi),
            (ty.span, yb),
        );
        let met = met
            .into_iter()
            .map(|s| {
                Ok(Span {
                    lo: from_base(&p.tx, s.lo)?,
                    hi: from_base(&p.tx, s.hi)?,
                    ..s
                })
            })
            .collect::<Result<Vec<_>, SweepError>>()?;
        out.push(Row { y: yv, met, open });
    }
    let point = product_point(c, &p, x, y);
    Ok(Region {
        x: x.clone(),
        y: y.clone(),
        rows: out,
        point,
        title: String::new(),
    })
}

/// Where along x (in base units) the claim is met at one value of y: the union of the windows
/// of every binding, found by evaluating again what each window leaves.
fn row(
    evaluator: &Evaluator<'_>,
    set: usize,
    claim: u32,
    subject: NodeId,
    (xspan, x_lo, x_hi): (crate::source::Span, Exact, Exact),
    (yspan, y): (crate::source::Span, Exact),
) -> (Vec<Span>, bool) {
    let mut met = Vec::new();
    let mut open = false;
    let mut pending = vec![(x_lo, x_hi)];
    // Each round takes a window out of the range: a handful of bindings at most.
    let mut rounds = 0;
    while let Some((lo, hi)) = pending.pop() {
        rounds += 1;
        if rounds > 16 {
            open = true;
            break;
        }
        let Some(xi) = Interval::new(lo, hi) else {
            continue;
        };
        let fixed = [(xspan, xi), (yspan, Interval::point(y))];
        let Some(v) = evaluator.claim_at(set, claim, subject, &fixed) else {
            continue;
        };
        match v.verdict {
            Verdict::Met => met.push(Span {
                lo,
                lo_strict: false,
                lo_bound: false,
                hi,
                hi_strict: false,
                hi_bound: false,
            }),
            Verdict::NotMet => {}
            Verdict::PartlyMet => match v.window.filter(|w| w.leaf == Some(xspan)) {
                Some(w) => {
                    let s = Span {
                        lo: w.lo,
                        lo_strict: w.lo_open,
                        lo_bound: w.lo > lo,
                        hi: w.hi,
                        hi_strict: w.hi_open,
                        hi_bound: w.hi < hi,
                    };
                    // What the window leaves, on either side, may be met by another binding.
                    if w.lo > lo {
                        pending.push((lo, w.lo));
                    }
                    if w.hi < hi {
                        pending.push((w.hi, hi));
                    }
                    met.push(s);
                }
                None => open = true,
            },
            Verdict::Undetermined | Verdict::Arguable => open = true,
        }
    }
    met.sort_by_key(|s| s.lo);
    (merge(met), open)
}

/// Touching or overlapping spans as one.
fn merge(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last)
                if s.lo < last.hi || (s.lo == last.hi && !(s.lo_strict && last.hi_strict)) =>
            {
                if s.hi > last.hi || (s.hi == last.hi && !s.hi_strict) {
                    last.hi = s.hi;
                    last.hi_strict = s.hi_strict;
                    last.hi_bound = s.hi_bound;
                }
            }
            _ => out.push(s),
        }
    }
    out
}

/// The product's own values of the two axes, in their units.
fn product_point(
    c: &Compilation,
    p: &super::Prepared,
    x: &Axis,
    y: &Axis,
) -> Option<(Interval, Interval)> {
    let value = |t: &super::Target| -> Option<Interval> {
        let q = c.model.nodes.iter().find_map(|n| {
            n.props
                .iter()
                .find(|pv| pv.span == t.span)
                .and_then(|pv| match &pv.value {
                    crate::model::Val::Quantity(q) => Some(q.value),
                    _ => None,
                })
        })?;
        let lo = t.scale.from_base(q.lo, t.difference).ok()?;
        let hi = t.scale.from_base(q.hi, t.difference).ok()?;
        Interval::new(lo.min(hi), lo.max(hi))
    };
    let _ = (x, y);
    Some((value(&p.tx)?, value(p.ty.as_ref()?)?))
}

/// An exact value as CSV cells: exactly (`200/3`) and as a decimal for plotting tools.
fn cells(x: Exact) -> String {
    format!("{x},{:.6}", x.approx())
}

/// The rows as CSV, one line per met span of a row (a row where nothing is met has empty
/// cells): y, then each end exactly and as a decimal, and whether it is a `strict` bound of the
/// claim (excluded), an `inclusive` one, or the `range` edge of the drawing; `undecided` when
/// part of the row is undetermined or arguable.
pub fn csv(r: &Region) -> String {
    let mut out = format!(
        "{y},{y} decimal,{x} low,{x} low decimal,low,{x} high,{x} high decimal,high,undecided\n",
        y = r.y.label(),
        x = r.x.label(),
    );
    let kind = |bound: bool, strict: bool| match (bound, strict) {
        (false, _) => "range",
        (true, true) => "strict",
        (true, false) => "inclusive",
    };
    for row in &r.rows {
        if row.met.is_empty() {
            let _ = writeln!(out, "{},,,,,,,{}", cells(row.y), row.open);
        }
        for s in &row.met {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{}",
                cells(row.y),
                cells(s.lo),
                kind(s.lo_bound, s.lo_strict),
                cells(s.hi),
                kind(s.hi_bound, s.hi_strict),
                row.open
            );
        }
    }
    out
}

pub use super::window_svg::svg;

/// The axis of `text`: `KIND.PROPERTY=FROM..TO UNIT` as written (`:STEP` is allowed and not
/// used), or `KIND.PROPERTY` alone for a range around the product's own value — from a quarter
/// of it to twice it, in the display unit of the property's dimension.
pub fn axis(c: &Compilation, subject: NodeId, text: &str) -> Result<Axis, SweepError> {
    if text.contains('=') {
        let with_step = if text.rsplit_once('=').is_some_and(|(_, r)| r.contains(':')) {
            text.to_string()
        } else {
            format!("{text}:1")
        };
        return Axis::parse(&with_step);
    }
    let bad = |why: &str| SweepError::Syntax {
        axis: text.to_string(),
        why: why.to_string(),
    };
    let (kind, property) = text
        .trim()
        .rsplit_once('.')
        .ok_or_else(|| bad("the value is not KIND.PROPERTY"))?;
    let s = &c.model.schema;
    let dim = s
        .kind_id(kind)
        .and_then(|k| s.prop_id(crate::model::Owner::Kind(k), property))
        .and_then(|p| s.prop(p))
        .and_then(|p| match p.ty {
            crate::model::PropTy::Quantity { dim, .. } => Some(dim),
            _ => None,
        })
        .ok_or_else(|| bad("no quantity property of that name"))?;
    let unit = s
        .units
        .display_unit(dim)
        .map(|u| u.symbol.clone())
        .ok_or_else(|| bad("its dimension has no display unit: give the range and unit"))?;
    let probe = Axis {
        kind: kind.trim().to_string(),
        property: property.trim().to_string(),
        from: Exact::ZERO,
        to: Exact::ZERO,
        step: Exact::ONE,
        unit,
    };
    let t = super::target(c, subject, &probe)?;
    let v = c
        .model
        .nodes
        .iter()
        .find_map(|n| n.props.iter().find(|p| p.span == t.span))
        .and_then(|p| match &p.value {
            crate::model::Val::Quantity(q) => q
                .value
                .lo
                .add(q.value.hi)
                .and_then(|s| s.div(Exact::int(2)))
                .ok()
                .and_then(|m| t.scale.from_base(m, t.difference).ok()),
            _ => None,
        })
        .ok_or_else(|| bad("the product's value cannot be read"))?;
    let (from, to) = if v.is_negative() || v.is_zero() {
        (v.sub(Exact::int(10)), v.add(Exact::int(10)))
    } else {
        (v.div(Exact::int(4)), v.mul(Exact::int(2)))
    };
    Ok(Axis {
        from: from.map_err(|_| bad("the range overflows"))?,
        to: to.map_err(|_| bad("the range overflows"))?,
        ..probe
    })
}
