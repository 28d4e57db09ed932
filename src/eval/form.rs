//! The compiled form of one claim for one subject over swept spec values (`mediac sweep`).
//!
//! Contract: [`Evaluator::sweep_form`] enumerates every complete binding of the claim's
//! chains (an exhaustive, recording search) and keeps, per binding, the verdict of the
//! conditions that read no swept value and, compiled to floating-point arithmetic, those that
//! do. The claim's verdict at a grid point is then what the search would find: the best
//! verdict over the bindings, each the lowest of its conditions. [`SweepForm::decide`]
//! evaluates that over a box of the grid with interval arithmetic that carries a bound of its
//! rounding error, and answers only when every comparison is clear of its bound by more than
//! that error; otherwise it answers `None`, and the caller decides the point with the exact
//! evaluator. So floats only ever decide points far from every boundary, and every point
//! near one is decided with exact rationals.
//!
//! The form is not built (`None`, and the sweep evaluates every point exactly) when a claim
//! is read several ways, when a binder's condition reads a swept value (the elements bound
//! would change over the grid), when a swept condition is anything but comparisons of sums,
//! differences, products and quotients joined by `and`, `or` and `not`, when a binding is
//! partly met, when there are more than a few thousand bindings, or when the form disagrees
//! with the exact evaluator at the grid's corners and centre.

use super::Verdict;
use super::bind::Recorder;
use super::expr::{Ctx, Leaf, V};
use super::search::{Cache, Evaluator};
use crate::claims::Ex;
use crate::model::NodeId;
use crate::source::Span;
use crate::syntax::ast::{BinOp, CmpOp};
use crate::units::{Exact, Interval};

/// Relative rounding error allowed per operation: eight times the unit roundoff of `f64`.
const EPS: f64 = 1.0 / (1u64 << 50) as f64;

/// The deepest expression compiled.
const MAX_DEPTH: usize = 64;

/// A claim compiled for a sweep (see the module's contract).
#[derive(Debug)]
pub struct SweepForm {
    bindings: Vec<BindingForm>,
}

#[derive(Debug)]
struct BindingForm {
    /// The lowest verdict of the conditions that read no swept value.
    fixed: Verdict,
    conds: Vec<Cond>,
}

#[derive(Debug)]
enum Num {
    Const(F),
    /// The swept value of axis `i`, in base units.
    Axis(usize),
    Neg(Box<Num>),
    Bin(BinOp, Box<Num>, Box<Num>),
    /// A value the spec does not give (whatever the swept values): the comparison is
    /// undetermined, as the exact evaluator answers.
    Missing,
}

#[derive(Debug)]
enum Cond {
    Known(Verdict),
    Cmp(Num, CmpOp, Num),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

/// An interval of floats and a bound of the rounding error of both ends.
#[derive(Debug, Clone, Copy)]
struct F {
    lo: f64,
    hi: f64,
    err: f64,
}

impl F {
    fn exact(v: Exact) -> F {
        let f = v.approx();
        F {
            lo: f,
            hi: f,
            err: f.abs() * EPS,
        }
    }

    fn mag(&self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }

    fn finite(self) -> Option<F> {
        (self.lo.is_finite() && self.hi.is_finite() && self.err.is_finite()).then_some(self)
    }
}

impl Evaluator<'_> {
    /// Compiles claim `claim` of set `set` for `subject` over the spec values at the spans of
    /// `axes`, each ranging over its interval (see the module's contract); `None` when the
    /// claim cannot be compiled.
    pub fn sweep_form(
        &self,
        set: usize,
        claim: u32,
        subject: NodeId,
        axes: &[(Span, Interval)],
    ) -> Option<SweepForm> {
        let work = self.claim_work(|s, n| s == set && n == claim);
        let c = work.first()?;
        let [reading] = c.readings.as_slice() else {
            return None;
        };
        let claimset = self.sets.get(c.set)?;
        let (mut any, mut cache) = (Cache::default(), Cache::default());
        let ((verdict, record), _) = self.search(
            c,
            claimset,
            subject,
            reading,
            (&mut any, &mut cache, false, &mut Default::default()),
            axes,
            Some(Recorder::default()),
            None,
        );
        let record = record?;
        if record.failed || verdict.exhausted {
            return None;
        }
        let mut ctx = Ctx {
            model: self.model,
            sources: self.sources,
            set: claimset,
            index: &self.index,
            detail: false,
            env: Vec::new(),
            override_leaf: None,
            fixed: axes,
            fixed_read: Default::default(),
            missing: Vec::new(),
            evidence: Vec::new(),
            trace: Vec::new(),
            reading: reading.clone(),
            touched: 0,
            domains: Default::default(),
        };
        let mut bindings = Vec::with_capacity(record.out.len());
        for r in &record.out {
            let mut conds = Vec::with_capacity(r.swept.len());
            for (ex, env) in &r.swept {
                ctx.env.clone_from(env);
                conds.push(compile_cond(&mut ctx, ex, axes, 0)?);
            }
            bindings.push(BindingForm {
                fixed: r.fixed,
                conds,
            });
        }
        let form = SweepForm { bindings };
        // A last guard against any difference between these floats and the exact evaluator's
        // arithmetic: the two must agree wherever the form decides at the grid's corners and
        // centre.
        let corners = |i: Interval| [i.lo, i.hi, mid(i)];
        let xs = corners(axes.first()?.1);
        let ys: Vec<Option<Exact>> = match axes.get(1) {
            Some((_, i)) => corners(*i).into_iter().map(Some).collect(),
            None => vec![None],
        };
        for x in xs {
            for y in &ys {
                let mut point = vec![x];
                point.extend(*y);
                let boxes: Vec<(f64, f64)> =
                    point.iter().map(|v| (v.approx(), v.approx())).collect();
                let Some(fast) = form.decide(&boxes) else {
                    continue;
                };
                let fixed: Vec<(Span, Interval)> = axes
                    .iter()
                    .zip(&point)
                    .map(|((s, _), v)| (*s, Interval::point(*v)))
                    .collect();
                let exact = self.verdicts_at(set, claim, subject, &[fixed]);
                if exact.first() != Some(&fast) {
                    return None;
                }
            }
        }
        Some(form)
    }
}

fn mid(i: Interval) -> Exact {
    i.lo.add(i.hi)
        .and_then(|s| s.div(Exact::int(2)))
        .unwrap_or(i.lo)
}

fn compile_cond(
    ctx: &mut Ctx<'_>,
    ex: &Ex,
    axes: &[(Span, Interval)],
    depth: usize,
) -> Option<Cond> {
    if depth > MAX_DEPTH {
        return None;
    }
    ctx.fixed_read.set(false);
    let j = ctx.judge(ex);
    if !ctx.fixed_read.get() {
        // Partly met needs the windows of the exact evaluator.
        return (j.verdict != Verdict::PartlyMet).then_some(Cond::Known(j.verdict));
    }
    let d = depth + 1;
    let num = |ctx: &mut Ctx<'_>, e: &Ex| compile_num(ctx, e, axes, d);
    Some(match ex {
        Ex::Cmp(l, op, r, _) => match (num(ctx, l)?, num(ctx, r)?) {
            (Num::Missing, _) | (_, Num::Missing) => Cond::Known(Verdict::Undetermined),
            (l, r) => Cond::Cmp(l, *op, r),
        },
        Ex::InInterval {
            value,
            lo,
            lo_closed,
            hi,
            hi_closed,
            ..
        } => {
            let (v, l, h) = (num(ctx, value)?, num(ctx, lo)?, num(ctx, hi)?);
            if [&v, &l, &h].iter().any(|n| matches!(n, Num::Missing)) {
                Cond::Known(Verdict::Undetermined)
            } else {
                Cond::All(vec![
                    Cond::Cmp(v, if *lo_closed { CmpOp::Ge } else { CmpOp::Gt }, l),
                    Cond::Cmp(
                        num(ctx, value)?,
                        if *hi_closed { CmpOp::Le } else { CmpOp::Lt },
                        h,
                    ),
                ])
            }
        }
        Ex::And(xs, _) => Cond::All(
            xs.iter()
                .map(|x| compile_cond(ctx, x, axes, d))
                .collect::<Option<_>>()?,
        ),
        Ex::Or(xs, _) => Cond::Any(
            xs.iter()
                .map(|x| compile_cond(ctx, x, axes, d))
                .collect::<Option<_>>()?,
        ),
        Ex::Not(x, _) => Cond::Not(Box::new(compile_cond(ctx, x, axes, d)?)),
        _ => return None,
    })
}

fn compile_num(ctx: &mut Ctx<'_>, ex: &Ex, axes: &[(Span, Interval)], depth: usize) -> Option<Num> {
    if depth > MAX_DEPTH {
        return None;
    }
    ctx.fixed_read.set(false);
    let v = ctx.eval(ex, 0);
    if !ctx.fixed_read.get() {
        // A value the sweep does not change: exact once, and a point (a tolerance would need
        // the exact evaluator's windows).
        return match v {
            V::Q(q, _) => q.value.is_point().then(|| Num::Const(F::exact(q.value.lo))),
            V::Missing => Some(Num::Missing),
            _ => None,
        };
    }
    // Missing over the whole box may still be a number at each point (a quotient by a range
    // through zero): compiled from its parts all the same.
    let leaf = match v {
        V::Q(_, leaf) => Some(leaf),
        V::Missing => None,
        _ => return None,
    };
    let d = depth + 1;
    let missing = |n: &Num| matches!(n, Num::Missing);
    match ex {
        Ex::Prop { .. } => match leaf? {
            Leaf::One(span) => axes.iter().position(|(s, _)| *s == span).map(Num::Axis),
            _ => None,
        },
        Ex::Neg(inner, _) => Some(match compile_num(ctx, inner, axes, d)? {
            Num::Missing => Num::Missing,
            n => Num::Neg(Box::new(n)),
        }),
        Ex::Arith(a, op, b, _) => {
            let (a, b) = (compile_num(ctx, a, axes, d)?, compile_num(ctx, b, axes, d)?);
            Some(if missing(&a) || missing(&b) {
                Num::Missing
            } else {
                Num::Bin(*op, Box::new(a), Box::new(b))
            })
        }
        _ => None,
    }
}

impl SweepForm {
    /// The claim's verdict over the box `boxes` (per axis, the least and greatest grid value
    /// in base units, as floats), when the floats decide it beyond their rounding error.
    pub fn decide(&self, boxes: &[(f64, f64)]) -> Option<Verdict> {
        let mut known: Option<Verdict> = None;
        let mut open: Option<Verdict> = None;
        for b in &self.bindings {
            let mut v = Some(b.fixed);
            let mut ceiling = b.fixed;
            for c in &b.conds {
                if v == Some(Verdict::NotMet) || ceiling == Verdict::NotMet {
                    break;
                }
                match cond(c, boxes) {
                    Some(x) => {
                        ceiling = ceiling.min(x);
                        v = v.map(|v| v.min(x));
                    }
                    None => v = None,
                }
            }
            match v {
                Some(v) => known = Some(known.map_or(v, |k| k.max(v))),
                None if ceiling == Verdict::NotMet => {
                    known = Some(known.map_or(Verdict::NotMet, |k| k.max(Verdict::NotMet)))
                }
                None => open = Some(open.map_or(ceiling, |o| o.max(ceiling))),
            }
        }
        // No complete binding: the claim is not met (as the search answers).
        let known = known.unwrap_or(Verdict::NotMet);
        match open {
            // An undecided binding can at best reach its ceiling.
            Some(o) if o > known => None,
            _ => Some(known),
        }
    }
}

fn cond(c: &Cond, boxes: &[(f64, f64)]) -> Option<Verdict> {
    match c {
        Cond::Known(v) => Some(*v),
        Cond::Cmp(l, op, r) => compare(num(l, boxes)?, *op, num(r, boxes)?),
        Cond::All(cs) => {
            let mut out = Some(Verdict::Met);
            for c in cs {
                match cond(c, boxes) {
                    Some(Verdict::NotMet) => return Some(Verdict::NotMet),
                    Some(v) => out = out.map(|o| o.min(v)),
                    None => out = None,
                }
            }
            out
        }
        Cond::Any(cs) => {
            let mut out = Some(Verdict::NotMet);
            for c in cs {
                match cond(c, boxes) {
                    Some(Verdict::Met) => return Some(Verdict::Met),
                    Some(v) => out = out.map(|o| o.max(v)),
                    None => out = None,
                }
            }
            out
        }
        Cond::Not(c) => cond(c, boxes).map(|v| match v {
            Verdict::Met => Verdict::NotMet,
            Verdict::NotMet => Verdict::Met,
            v => v,
        }),
    }
}

/// `l op r` over the boxes: decided only when the two sides are apart by more than their
/// error bounds (with a safety factor); equality is never decided by floats.
fn compare(l: F, op: CmpOp, r: F) -> Option<Verdict> {
    let tol = 4.0 * (l.err + r.err) + f64::MIN_POSITIVE;
    let above = l.lo - r.hi > tol; // l > r everywhere
    let below = r.lo - l.hi > tol; // l < r everywhere
    let met = |b: bool| {
        if b { Verdict::Met } else { Verdict::NotMet }
    };
    match op {
        CmpOp::Gt | CmpOp::Ge => (above || below).then(|| met(above)),
        CmpOp::Lt | CmpOp::Le => (above || below).then(|| met(below)),
        CmpOp::Eq => (above || below).then_some(Verdict::NotMet),
        CmpOp::Ne => (above || below).then_some(Verdict::Met),
    }
}

fn num(n: &Num, boxes: &[(f64, f64)]) -> Option<F> {
    match n {
        Num::Const(f) => Some(*f),
        // Compiling turns every comparison with a missing side into `Known`.
        Num::Missing => None,
        Num::Axis(i) => {
            let (lo, hi) = *boxes.get(*i)?;
            let f = F { lo, hi, err: 0.0 };
            Some(F {
                err: f.mag() * EPS,
                ..f
            })
        }
        Num::Neg(x) => {
            let x = num(x, boxes)?;
            Some(F {
                lo: -x.hi,
                hi: -x.lo,
                err: x.err,
            })
        }
        Num::Bin(op, a, b) => {
            let (a, b) = (num(a, boxes)?, num(b, boxes)?);
            let (lo, hi, err) = match op {
                BinOp::Add => (a.lo + b.lo, a.hi + b.hi, a.err + b.err),
                BinOp::Sub => (a.lo - b.hi, a.hi - b.lo, a.err + b.err),
                BinOp::Mul => {
                    let p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
                    let (lo, hi) = bounds(p);
                    (lo, hi, a.err * b.mag() + b.err * a.mag() + a.err * b.err)
                }
                BinOp::Div => {
                    // Only away from zero, with room for the error of the divisor.
                    let least = b.lo.abs().min(b.hi.abs()) - b.err;
                    if (b.lo <= 0.0 && b.hi >= 0.0) || least <= 0.0 {
                        return None;
                    }
                    let q = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi];
                    let (lo, hi) = bounds(q);
                    (lo, hi, (a.err + a.mag() * b.err / least) / least)
                }
            };
            let f = F { lo, hi, err };
            F {
                err: f.err + f.mag() * EPS,
                ..f
            }
            .finite()
        }
    }
}

fn bounds(v: [f64; 4]) -> (f64, f64) {
    v.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(*x), hi.max(*x))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(v: f64) -> F {
        F {
            lo: v,
            hi: v,
            err: v.abs() * EPS,
        }
    }

    #[test]
    fn floats_decide_only_clear_of_the_bound() {
        assert_eq!(
            compare(point(2.5), CmpOp::Gt, point(2.0)),
            Some(Verdict::Met)
        );
        assert_eq!(
            compare(point(1.5), CmpOp::Gt, point(2.0)),
            Some(Verdict::NotMet)
        );
        // On the bound, or within rounding of it: left to the exact evaluator.
        assert_eq!(compare(point(2.0), CmpOp::Gt, point(2.0)), None);
        assert_eq!(compare(point(2.0 + 1e-15), CmpOp::Ge, point(2.0)), None);
        // Equality is never decided by floats, only its failure.
        assert_eq!(compare(point(2.0), CmpOp::Eq, point(2.0)), None);
        assert_eq!(
            compare(point(3.0), CmpOp::Eq, point(2.0)),
            Some(Verdict::NotMet)
        );
        // A box that straddles the bound is not decided.
        let wide = F {
            lo: 1.0,
            hi: 3.0,
            err: 0.0,
        };
        assert_eq!(compare(wide, CmpOp::Lt, point(2.0)), None);
    }

    #[test]
    fn a_quotient_by_a_range_through_zero_is_left_open() {
        let q = Num::Bin(
            BinOp::Div,
            Box::new(Num::Const(point(1.0))),
            Box::new(Num::Axis(0)),
        );
        assert!(num(&q, &[(-1.0, 1.0)]).is_none());
        let f = num(&q, &[(2.0, 4.0)]).expect("decided away from zero");
        assert_eq!((f.lo, f.hi), (0.25, 0.5));
        assert!(f.err > 0.0);
    }

    #[test]
    fn an_undecided_binding_that_could_beat_the_decided_ones_leaves_the_point_open() {
        let bound = |v: f64| Num::Const(point(v));
        let form = SweepForm {
            bindings: vec![
                BindingForm {
                    fixed: Verdict::Undetermined,
                    conds: vec![],
                },
                // Met or not met at 2.0, exactly on its bound: only the exact evaluator knows.
                BindingForm {
                    fixed: Verdict::Met,
                    conds: vec![Cond::Cmp(Num::Axis(0), CmpOp::Gt, bound(2.0))],
                },
            ],
        };
        assert_eq!(form.decide(&[(2.0, 2.0)]), None);
        assert_eq!(form.decide(&[(3.0, 3.0)]), Some(Verdict::Met));
        assert_eq!(form.decide(&[(1.0, 1.0)]), Some(Verdict::Undetermined));
        // No binding at all: not met, as the search answers.
        assert_eq!(
            SweepForm { bindings: vec![] }.decide(&[(1.0, 1.0)]),
            Some(Verdict::NotMet)
        );
    }
}
