//! Where a partly met comparison holds: the window on the one uncertain spec value it
//! depends on, solved exactly (affine, or a ratio of affine functions), or on the compared
//! expression.

use super::expr::{Bound, Ctx, Leaf, V};
use super::judge::{Window, holds, window_on};
use crate::claims::Ex;
use crate::model::NodeId;
use crate::source::Span;
use crate::syntax::ast::CmpOp;
use crate::units::{Exact, Interval, Quantity, Temp};

impl<'m> Ctx<'m> {
    /// Where a partly met comparison holds: on the one uncertain spec value it depends on,
    /// found exactly by evaluating the difference of the sides at the value's two ends
    /// (when the difference is affine in it), or else on the compared expression.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn window(
        &mut self,
        l: &Ex,
        r: &Ex,
        op: CmpOp,
        x: Quantity,
        y: Quantity,
        leaf: Leaf,
        d: usize,
    ) -> Option<Window> {
        let units = &self.model.schema.units;
        if let Leaf::One(span) = leaf
            && let Some(range) = self.leaf_value(span)
            && let Some(w) = self.solve_leaf(l, r, op, span, range, d)
        {
            return Some(w);
        }
        let _ = units;
        if !y.value.is_point() {
            return None;
        }
        let (lo, lo_open, hi, hi_open) = window_on(x.value, op, y.value.lo)?;
        let what = if self.detail {
            self.text(l.span()).to_string()
        } else {
            String::new()
        };
        Some(Window {
            leaf: None,
            what,
            dim: x.dim,
            temp: x.temp,
            lo,
            lo_open,
            hi,
            hi_open,
        })
    }

    /// The spec value at `span` as it stands in this evaluation: replaced (a sweep's or a
    /// window's value) where it is, else as the spec gives it.
    pub(super) fn leaf_value(&self, span: Span) -> Option<Quantity> {
        let mut q = self.leaf_as_given(span)?;
        if let Some(v) = self.replaced(span) {
            q.value = v;
        }
        Some(q)
    }

    fn leaf_as_given(&self, span: Span) -> Option<Quantity> {
        use super::index::NONE;
        use crate::model::{Given, Val as MVal};
        use crate::units::Dim;
        let &(node, comp, prop) = self.index.leaf_values.get(&span)?;
        let n = self.model.node(node)?;
        let quantity = |p: &crate::model::PropValue| match &p.value {
            MVal::Quantity(q) => Some(*q),
            _ => None,
        };
        if comp == NONE {
            return quantity(n.props.get(prop as usize)?);
        }
        let c = n.components.get(comp as usize)?;
        if prop != NONE {
            return quantity(c.props.get(prop as usize)?);
        }
        // A component amount as written.
        let units = &self.model.schema.units;
        let dim_of = |name: &str| units.dimension(name).map_or(Dim::NONE, |x| x.dim);
        match c.given {
            Given::CoatWeight(v) => Some(Quantity::new(dim_of("coat_weight"), Temp::Difference, v)),
            Given::MassFraction(v) => {
                Some(Quantity::new(dim_of("mass_fraction"), Temp::Difference, v))
            }
            _ => None,
        }
    }

    /// left − right with one spec value replaced by `v`, when both sides are then points.
    pub(super) fn difference_at(
        &mut self,
        l: &Ex,
        r: &Ex,
        leaf: Span,
        v: Exact,
        d: usize,
    ) -> Option<Exact> {
        let saved = self.override_leaf.replace((leaf, Interval::point(v)));
        let detail = std::mem::replace(&mut self.detail, false);
        let diff = match (self.eval(l, d), self.eval(r, d)) {
            (V::Q(a, _), V::Q(b, _)) if a.value.is_point() && b.value.is_point() => {
                a.value.lo.sub(b.value.lo).ok()
            }
            _ => None,
        };
        self.detail = detail;
        self.override_leaf = saved;
        diff
    }

    pub(super) fn solve_leaf(
        &mut self,
        l: &Ex,
        r: &Ex,
        op: CmpOp,
        leaf: Span,
        q: Quantity,
        d: usize,
    ) -> Option<Window> {
        let at = |this: &mut Self, v: Exact| this.difference_at(l, r, leaf, v, d);
        let (a, b) = (q.value.lo, q.value.hi);
        let ga = at(self, a)?;
        let gb = at(self, b)?;
        let mid = a.add(b).ok()?.div(Exact::int(2)).ok()?;
        let gm = at(self, mid)?;
        if ga == gb {
            return None;
        }
        // Affine in the leaf (the midpoint's value is the mean of the ends' values): the root is
        // where the line crosses zero. Otherwise try a ratio of affine functions (a value in a
        // denominator, as in a mass ratio), fitted exactly through the three points; either
        // root is checked by evaluating the condition there.
        let affine = ga.add(gb).ok()?.div(Exact::int(2)).ok()? == gm;
        let root = if affine {
            let slope = gb.sub(ga).ok()?.div(b.sub(a).ok()?).ok()?;
            a.sub(ga.div(slope).ok()?).ok()?
        } else {
            let r = mobius_root([(a, ga), (mid, gm), (b, gb)])?;
            if !(a <= r && r <= b) || at(self, r)? != Exact::ZERO {
                return None;
            }
            r
        };
        let slope = gb.sub(ga).ok()?;
        // With a positive slope, g > 0 ⟺ v > root; with a negative one the order flips.
        let op_on_leaf = if slope.is_negative() {
            match op {
                CmpOp::Gt => CmpOp::Lt,
                CmpOp::Ge => CmpOp::Le,
                CmpOp::Lt => CmpOp::Gt,
                CmpOp::Le => CmpOp::Ge,
                other => other,
            }
        } else {
            op
        };
        let (lo, lo_open, hi, hi_open) = window_on(q.value, op_on_leaf, root)?;
        debug_assert!(holds(if lo_open { hi } else { lo }, op_on_leaf, root) || lo == hi);
        let what = if self.detail {
            self.leaf_name(leaf)
        } else {
            String::new()
        };
        Some(Window {
            leaf: Some(leaf),
            what,
            dim: q.dim,
            temp: q.temp,
            lo,
            lo_open,
            hi,
            hi_open,
        })
    }

    pub(super) fn leaf_name(&self, span: Span) -> String {
        for (i, n) in self.model.nodes.iter().enumerate() {
            let id = NodeId(u32::try_from(i).unwrap_or(u32::MAX));
            if let Some(ci) = n.components.iter().position(|c| c.amount_span == span) {
                return format!("the amount of {}", self.describe_comp(id, ci));
            }
        }
        for (i, n) in self.model.nodes.iter().enumerate() {
            let id = NodeId(u32::try_from(i).unwrap_or(u32::MAX));
            // The node's own properties first, then each component's, under one wording.
            let owners = std::iter::once((Bound::Node(id), &n.props)).chain(
                n.components
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| (Bound::Comp(id, ci), &c.props)),
            );
            for (owner, props) in owners {
                if let Some(p) = props.iter().find(|p| p.span == span) {
                    let label = self
                        .model
                        .schema
                        .prop(p.prop)
                        .map_or("?", |x| x.label.as_str());
                    return format!("the {label} of {}", self.describe(owner));
                }
            }
        }
        format!("`{}`", self.text(span))
    }
}

/// The zero of g(v) = (p·v + q)/(v + s) through three points (v, g(v)) — a value in a
/// denominator, as `a / v − 1` — from the linear system p·v + q − g·s = g·v, solved exactly
/// by Cramer's rule; the zero is −q/p. (The affine case, a constant denominator, is handled
/// before.)
fn mobius_root(points: [(Exact, Exact); 3]) -> Option<Exact> {
    let row = |(v, g): (Exact, Exact)| -> Option<[Exact; 4]> {
        Some([v, Exact::ONE, g.neg(), g.mul(v).ok()?])
    };
    let [r0, r1, r2] = [row(points[0])?, row(points[1])?, row(points[2])?];
    let det3 = |m: [[Exact; 3]; 3]| -> Option<Exact> {
        let t = |a: Exact, b: Exact, c: Exact, d: Exact| a.mul(d).ok()?.sub(b.mul(c).ok()?).ok();
        let [[a, b, c], [d, e, f], [g, h, i]] = m;
        a.mul(t(e, f, h, i)?)
            .ok()?
            .sub(b.mul(t(d, f, g, i)?).ok()?)
            .ok()?
            .add(c.mul(t(d, e, g, h)?).ok()?)
            .ok()
    };
    let coeff = |k: usize| -> [[Exact; 3]; 3] {
        let pick = |r: [Exact; 4]| -> [Exact; 3] {
            let mut x = [r[0], r[1], r[2]];
            if let Some(slot) = x.get_mut(k) {
                *slot = r[3];
            }
            x
        };
        [pick(r0), pick(r1), pick(r2)]
    };
    let det = det3([
        [r0[0], r0[1], r0[2]],
        [r1[0], r1[1], r1[2]],
        [r2[0], r2[1], r2[2]],
    ])?;
    if det.is_zero() {
        return None;
    }
    let p = det3(coeff(0))?.div(det).ok()?;
    let q = det3(coeff(1))?.div(det).ok()?;
    if p.is_zero() {
        return None;
    }
    q.neg().div(p).ok()
}

/// The smallest change of one spec value that makes a met limitation fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    /// "the time of heat_press from 0.4 s to 0.25 s or less"
    pub text: String,
    /// Where the value is written.
    pub span: Span,
    /// |new − old| / |old|, to pick the smallest change among several.
    pub relative: Exact,
}

impl<'m> Ctx<'m> {
    /// For a met comparison (or interval), the single spec value whose smallest relative change
    /// makes it fail, found exactly where the condition is affine in the value or a ratio of
    /// affine functions of it.
    pub(super) fn escape(&mut self, e: &Ex, leaves: &[Span]) -> Option<Escape> {
        let conditions: Vec<(&Ex, &Ex, CmpOp)> = match e {
            Ex::Cmp(l, op, r, _) => vec![(l.as_ref(), r.as_ref(), *op)],
            Ex::InInterval {
                value,
                lo,
                lo_closed,
                hi,
                hi_closed,
                ..
            } => vec![
                (
                    value.as_ref(),
                    lo.as_ref(),
                    if *lo_closed { CmpOp::Ge } else { CmpOp::Gt },
                ),
                (
                    value.as_ref(),
                    hi.as_ref(),
                    if *hi_closed { CmpOp::Le } else { CmpOp::Lt },
                ),
            ],
            _ => return None,
        };
        let mut best: Option<Escape> = None;
        for &leaf in leaves {
            let Some(q) = self.leaf_value(leaf) else {
                continue;
            };
            if !q.value.is_point() {
                continue;
            }
            for &(l, r, op) in &conditions {
                if let Some(esc) = self.escape_on(l, r, op, leaf, q)
                    && best.as_ref().is_none_or(|b| esc.relative < b.relative)
                {
                    best = Some(esc);
                }
            }
        }
        best
    }

    fn escape_on(&mut self, l: &Ex, r: &Ex, op: CmpOp, leaf: Span, q: Quantity) -> Option<Escape> {
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return None;
        }
        let at = |this: &mut Self, v: Exact| this.difference_at(l, r, leaf, v, 0);
        let v0 = q.value.lo;
        let step = if v0.is_zero() {
            Exact::ONE
        } else {
            v0.abs().div(Exact::int(10)).ok()?
        };
        let (v1, v2) = (v0.add(step).ok()?, v0.sub(step).ok()?);
        let (g0, g1, g2) = (at(self, v0)?, at(self, v1)?, at(self, v2)?);
        if g0 == g1 && g0 == g2 {
            return None; // the condition does not depend on this value
        }
        let root = if g1.sub(g0).ok()? == g0.sub(g2).ok()? {
            let slope = g1.sub(g0).ok()?.div(step).ok()?;
            v0.sub(g0.div(slope).ok()?).ok()?
        } else {
            let r = mobius_root([(v2, g2), (v0, g0), (v1, g1)])?;
            if at(self, r)? != Exact::ZERO {
                return None;
            }
            r
        };
        // A value that cannot be (a negative amount, a temperature below 0 K) is no escape.
        if root.is_negative() && !(q.dim.is_temperature() && q.temp != Temp::Absolute) {
            return None;
        }
        let strict = matches!(op, CmpOp::Gt | CmpOp::Lt);
        let down = root < v0;
        let units = &self.model.schema.units;
        let shown = |v: Exact| units.format(q.dim, q.temp, Interval::point(v));
        let to = match (strict, down) {
            (true, true) => format!("to {} or less", shown(root)),
            (true, false) => format!("to {} or more", shown(root)),
            (false, true) => format!("below {}", shown(root)),
            (false, false) => format!("above {}", shown(root)),
        };
        let relative = if v0.is_zero() {
            root.abs()
        } else {
            root.sub(v0).ok()?.abs().div(v0.abs()).ok()?
        };
        let what = self.leaf_name(leaf);
        Some(Escape {
            text: format!("{what} from {} {to}", shown(v0)),
            span: leaf,
            relative,
        })
    }
}
