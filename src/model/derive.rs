//! Derived quantities: a composition's coat weights, mass fractions and total.
//!
//! A component's amount may be given as a coat weight (g/m²), as wt% of the element's total
//! (its `solid_content`), or as parts per hundred parts of other components. The derivation
//! computes, where the inputs allow, each component's coat weight and wt% and the total; it is
//! a fixpoint over the components (each round settles at least one value or stops), so it is
//! linear in rounds and never recursive. Inputs that cannot all hold are errors pointing at
//! every value involved.

use super::error::ModelError;
use super::schema::{Owner, Schema};
use super::taxonomy::MaterialId;
use super::{Component, Given, Model, Node, PhrTarget, Val};
use crate::source::Span;
use crate::units::{Exact, Interval, Temp};

/// What is known of one component's amount.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Derived {
    /// In base units (g/m²).
    pub coat_weight: Option<Interval>,
    /// In wt% of the element's total.
    pub mass_fraction: Option<Interval>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Composition {
    /// The total coat weight (g/m²), given or derived.
    pub total: Option<Interval>,
    pub total_given: bool,
    /// Parallel to the node's components.
    pub parts: Vec<Derived>,
}

/// The amount of a genus in one element: the sum over its species.
#[derive(Debug, Clone, PartialEq)]
pub struct GenusAmount {
    /// `None` when some contributing component's amount is unknown (or none contributes in
    /// this basis).
    pub value: Option<Interval>,
    /// Indices of the components that are species of the genus.
    pub contributors: Vec<usize>,
}

/// Which amount a genus sum adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    CoatWeight,
    MassFraction,
}

impl Composition {
    /// The sum over the components that are `genus` or its species.
    pub fn genus_amount(
        &self,
        schema: &Schema,
        components: &[Component],
        genus: MaterialId,
        basis: Basis,
    ) -> GenusAmount {
        let mut value = Some(Interval::point(Exact::ZERO));
        let mut contributors = Vec::new();
        for (i, (c, d)) in components.iter().zip(&self.parts).enumerate() {
            if !schema.materials.is_a(c.material, genus) {
                continue;
            }
            contributors.push(i);
            let amount = match basis {
                Basis::CoatWeight => d.coat_weight,
                Basis::MassFraction => d.mass_fraction,
            };
            value = match (value, amount) {
                (Some(v), Some(a)) => v.add(a).ok(),
                _ => None,
            };
        }
        if contributors.is_empty() {
            value = None;
        }
        if basis == Basis::MassFraction
            && !contributors.is_empty()
            && let Some(share) = self.genus_share(schema, components, genus)
        {
            value = Some(share);
        }
        GenusAmount {
            value,
            contributors,
        }
    }

    /// The wt% of a genus when the total is the sum of the parts: G/(G + rest) with exact
    /// bounds from the ends (summing the species' own shares would count each tolerance
    /// twice). `None` when the total is given or some coat weight is unknown.
    pub fn genus_share(
        &self,
        schema: &Schema,
        components: &[Component],
        genus: MaterialId,
    ) -> Option<Interval> {
        if self.total_given {
            return None;
        }
        let mut g = Interval::point(Exact::ZERO);
        let mut rest = Interval::point(Exact::ZERO);
        for (c, d) in components.iter().zip(&self.parts) {
            let w = d.coat_weight?;
            if schema.materials.is_a(c.material, genus) {
                g = g.add(w).ok()?;
            } else {
                rest = rest.add(w).ok()?;
            }
        }
        let frac = |a: Exact, r: Exact| -> Option<Exact> {
            let sum = a.add(r).ok()?;
            if sum.is_zero() {
                Some(Exact::ZERO)
            } else {
                a.div(sum).ok()?.mul(Exact::HUNDRED).ok()
            }
        };
        Interval::new(frac(g.lo, rest.hi)?, frac(g.hi, rest.lo)?)
    }
}

pub(super) fn derive_all(model: &mut Model, errors: &mut Vec<ModelError>) {
    let total_props: Vec<_> = model
        .schema
        .kinds()
        .map(|(k, _)| model.schema.prop_id(Owner::Kind(k), "solid_content"))
        .collect();
    for i in 0..model.nodes.len() {
        let Some(node) = model.nodes.get(i) else {
            continue;
        };
        if node.components.is_empty() {
            continue;
        }
        let total_prop = total_props.get(node.kind.0 as usize).copied().flatten();
        let total = total_prop
            .and_then(|p| node.prop(p))
            .and_then(|pv| match &pv.value {
                Val::Quantity(q) => Some((q.value, pv.span)),
                _ => None,
            });
        let comp = derive(&model.schema, node, total, errors);
        if let Some(n) = model.nodes.get_mut(i) {
            n.composition = Some(comp);
        }
    }
}

fn phr_base(
    node: &Node,
    parts: &[Derived],
    schema: &Schema,
    target: &PhrTarget,
    basis: Basis,
) -> Option<Interval> {
    let pick = |d: &Derived| match basis {
        Basis::CoatWeight => d.coat_weight,
        Basis::MassFraction => d.mass_fraction,
    };
    match target {
        PhrTarget::Component(j) => parts.get(*j).and_then(pick),
        PhrTarget::Genus(g) => {
            let mut sum = Interval::point(Exact::ZERO);
            let mut any = false;
            for (c, d) in node.components.iter().zip(parts) {
                if schema.materials.is_a(c.material, *g) {
                    sum = sum.add(pick(d)?).ok()?;
                    any = true;
                }
            }
            any.then_some(sum)
        }
    }
}

fn derive(
    schema: &Schema,
    node: &Node,
    total: Option<(Interval, Span)>,
    errors: &mut Vec<ModelError>,
) -> Composition {
    let n = node.components.len();
    let mut parts = vec![Derived::default(); n];
    let hundredth = |x: Interval| x.scale(Exact::ratio(1, 100).unwrap_or(Exact::ONE)).ok();

    // A phr amount relative to itself, directly or through a chain, has no value.
    let deps = |i: usize| -> Vec<usize> {
        match node.components.get(i).map(|c| &c.given) {
            Some(Given::Phr {
                of: PhrTarget::Component(j),
                ..
            }) => vec![*j],
            Some(Given::Phr {
                of: PhrTarget::Genus(g),
                ..
            }) => node
                .components
                .iter()
                .enumerate()
                .filter(|(_, c)| schema.materials.is_a(c.material, *g))
                .map(|(k, _)| k)
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut cyclic = vec![false; n];
    for (i, c) in node.components.iter().enumerate() {
        if !matches!(c.given, Given::Phr { .. }) {
            continue;
        }
        let mut seen = vec![false; n];
        let mut stack = deps(i);
        while let Some(k) = stack.pop() {
            if k == i {
                if let Some(slot) = cyclic.get_mut(i) {
                    *slot = true;
                }
                break;
            }
            if let Some(s) = seen.get_mut(k)
                && !*s
            {
                *s = true;
                stack.extend(deps(k));
            }
        }
        if cyclic.get(i).copied().unwrap_or(false) {
            errors.push(ModelError::PhrCycle {
                span: c.amount_span,
                name: schema.materials.name(c.material).to_string(),
            });
        }
    }

    for (d, c) in parts.iter_mut().zip(&node.components) {
        match c.given {
            Given::CoatWeight(v) => d.coat_weight = Some(v),
            Given::MassFraction(v) => d.mass_fraction = Some(v),
            _ => {}
        }
    }
    let mut total_value = total.map(|(t, _)| t);
    let mut derived_total = false;
    // Settle what follows from the values; then, with a given total, solve for a component
    // whose amount only the total and its dependants' parts per hundred determine, and settle
    // again.
    for solving in [false, true] {
        if solving {
            // Only over a composition given in full: an unlisted component (`...`) would take
            // part of the total, and the solved amount would be too large.
            let listed_all =
                super::Known::of(!node.components.is_empty(), node.closure) == super::Known::All;
            let solved = total
                .filter(|_| listed_all)
                .and_then(|(t, _)| solve_root(node, &parts, t, &cyclic, &deps));
            match (solved, parts.get_mut(solved.map_or(usize::MAX, |(r, _)| r))) {
                (Some((_, v)), Some(slot)) => slot.coat_weight = Some(v),
                _ => break,
            }
        }
        // Each round settles at least one value or stops; n + 2 rounds suffice.
        for _ in 0..n + 2 {
            let mut changed = false;
            for i in 0..n {
                let Some(c) = node.components.get(i) else {
                    continue;
                };
                let before = parts.get(i).cloned().unwrap_or_default();
                let mut now = before.clone();
                if let Given::Phr { value, of } = &c.given
                    && !cyclic.get(i).copied().unwrap_or(true)
                {
                    if now.coat_weight.is_none() {
                        now.coat_weight = phr_base(node, &parts, schema, of, Basis::CoatWeight)
                            .and_then(|b| b.mul(*value).ok())
                            .and_then(hundredth);
                    }
                    if now.mass_fraction.is_none() {
                        now.mass_fraction = phr_base(node, &parts, schema, of, Basis::MassFraction)
                            .and_then(|b| b.mul(*value).ok())
                            .and_then(hundredth);
                    }
                }
                if let Some(t) = total_value {
                    if now.coat_weight.is_none() {
                        now.coat_weight = now
                            .mass_fraction
                            .and_then(|f| f.mul(t).ok())
                            .and_then(hundredth);
                    }
                    if now.mass_fraction.is_none() {
                        now.mass_fraction = if derived_total {
                            share(i, &parts)
                        } else {
                            now.coat_weight
                                .and_then(|w| w.div(t).ok())
                                .and_then(|x| x.scale(Exact::HUNDRED).ok())
                        };
                    }
                }
                if now != before {
                    changed = true;
                    if let Some(slot) = parts.get_mut(i) {
                        *slot = now;
                    }
                }
            }
            if total_value.is_none() && parts.iter().all(|d| d.coat_weight.is_some()) {
                let mut sum = Some(Interval::point(Exact::ZERO));
                for d in &parts {
                    sum = match (sum, d.coat_weight) {
                        (Some(s), Some(w)) => s.add(w).ok(),
                        _ => None,
                    };
                }
                if sum.is_some() {
                    total_value = sum;
                    derived_total = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    check_consistency(schema, node, &parts, total, derived_total, errors);
    Composition {
        total: total_value,
        total_given: total.is_some(),
        parts,
    }
}

/// With the total given and one component `r` of unknown amount whose dependants are given in
/// parts per hundred of it (`modifier = 5 phr of silica`, `solid_content = 2.1 g/m2`):
/// total = known + r × (1 + Σ p / 100), so r = (total − known) / (1 + Σ p / 100). `None`
/// unless exactly that shape holds (any other unknown amount leaves `r` undetermined).
fn solve_root(
    node: &Node,
    parts: &[Derived],
    total: Interval,
    cyclic: &[bool],
    deps: &dyn Fn(usize) -> Vec<usize>,
) -> Option<(usize, Interval)> {
    let unknown: Vec<usize> = (0..parts.len())
        .filter(|&i| parts.get(i).is_some_and(|d| d.coat_weight.is_none()))
        .collect();
    let is_phr = |i: usize| {
        matches!(
            node.components.get(i).map(|c| &c.given),
            Some(Given::Phr { .. })
        )
    };
    let roots: Vec<usize> = unknown.iter().copied().filter(|&i| !is_phr(i)).collect();
    let [root] = roots.as_slice() else {
        return None;
    };
    let mut per_hundred = Interval::point(Exact::ZERO);
    for &i in &unknown {
        if i == *root {
            continue;
        }
        let Some(Given::Phr { value, .. }) = node.components.get(i).map(|c| &c.given) else {
            return None;
        };
        if cyclic.get(i).copied().unwrap_or(true) || deps(i) != [*root] {
            return None;
        }
        per_hundred = per_hundred.add(*value).ok()?;
    }
    let mut known = Interval::point(Exact::ZERO);
    for (i, d) in parts.iter().enumerate() {
        if !unknown.contains(&i) {
            known = known.add(d.coat_weight?).ok()?;
        }
    }
    let factor = Interval::point(Exact::ONE)
        .add(per_hundred.scale(Exact::ratio(1, 100).ok()?).ok()?)
        .ok()?;
    let value = total.sub(known).ok()?.div(factor).ok()?;
    // Parts that weigh more than the total are reported by the consistency check; they solve
    // for nothing.
    (value.lo >= Exact::ZERO).then_some((*root, value))
}

/// The wt% of component `i` when the total is the sum of the parts. Dividing by that sum as an
/// interval would count the part's own tolerance twice (its low end over a total built from
/// its high end); the share w/(w + rest) rises with w and falls with the rest, so its exact
/// bounds come from the ends.
fn share(i: usize, parts: &[Derived]) -> Option<Interval> {
    let own = parts.get(i)?.coat_weight?;
    let mut rest = Interval::point(Exact::ZERO);
    for (j, d) in parts.iter().enumerate() {
        if j != i {
            rest = rest.add(d.coat_weight?).ok()?;
        }
    }
    let frac = |w: Exact, r: Exact| -> Option<Exact> {
        let sum = w.add(r).ok()?;
        if sum.is_zero() {
            Some(Exact::ZERO)
        } else {
            w.div(sum).ok()?.mul(Exact::HUNDRED).ok()
        }
    };
    Interval::new(frac(own.lo, rest.hi)?, frac(own.hi, rest.lo)?)
}

fn sum_lo(values: impl Iterator<Item = Interval>) -> (Exact, Exact) {
    let mut lo = Exact::ZERO;
    let mut hi = Exact::ZERO;
    for v in values {
        lo = lo.add(v.lo).unwrap_or(lo);
        hi = hi.add(v.hi).unwrap_or(hi);
    }
    (lo, hi)
}

fn check_consistency(
    schema: &Schema,
    node: &Node,
    parts: &[Derived],
    total: Option<(Interval, Span)>,
    derived_total: bool,
    errors: &mut Vec<ModelError>,
) {
    let units = &schema.units;
    let fraction_dim = units.dimension("mass_fraction").map(|d| d.dim);
    let cw_dim = units.dimension("coat_weight").map(|d| d.dim);

    // Fractions as written first: a wt% sum past 100 is the author's slip, whatever follows.
    // Without a total, fractions derived through phr count too.
    let with_fraction: Vec<(usize, Interval)> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            total.is_none()
                || node
                    .components
                    .get(*i)
                    .is_some_and(|c| matches!(c.given, Given::MassFraction(_)))
        })
        .filter_map(|(i, d)| d.mass_fraction.map(|f| (i, f)))
        .collect();
    let (lo, _) = sum_lo(with_fraction.iter().map(|(_, f)| *f));
    if lo > Exact::HUNDRED {
        let spans = with_fraction
            .iter()
            .filter_map(|(i, _)| node.components.get(*i))
            .map(|c| c.amount_span)
            .collect();
        let sum = fraction_dim.map_or_else(
            || lo.to_string(),
            |d| units.format(d, Temp::Difference, Interval::point(lo)),
        );
        errors.push(ModelError::PercentSum {
            span: node.head_span,
            parts: spans,
            sum,
        });
        return;
    }
    // Every component given as a fraction, and together short of the whole.
    let all_fractions = node
        .components
        .iter()
        .all(|c| matches!(c.given, Given::MassFraction(_)));
    let (_, hi) = sum_lo(with_fraction.iter().map(|(_, f)| *f));
    if all_fractions && with_fraction.len() == parts.len() && hi < Exact::HUNDRED {
        let spans = with_fraction
            .iter()
            .filter_map(|(i, _)| node.components.get(*i))
            .map(|c| c.amount_span)
            .collect();
        let fmt = |x: Exact| {
            fraction_dim.map_or_else(
                || x.to_string(),
                |d| units.format(d, Temp::Difference, Interval::point(x)),
            )
        };
        let missing = Exact::HUNDRED.sub(hi).map_or_else(|_| String::new(), fmt);
        errors.push(ModelError::PercentShort {
            span: node.head_span,
            parts: spans,
            sum: fmt(hi),
            missing,
        });
    }
    let (Some((t, total_span)), false) = (total, derived_total) else {
        return;
    };
    let with_weight: Vec<(usize, Interval)> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.coat_weight.map(|w| (i, w)))
        .collect();
    let (lo, hi) = sum_lo(with_weight.iter().map(|(_, w)| *w));
    let Some(cw) = cw_dim else { return };
    let fmt = |x: Exact| units.format(cw, Temp::Difference, Interval::point(x));
    let spans: Vec<Span> = with_weight
        .iter()
        .filter_map(|(i, _)| node.components.get(*i))
        .map(|c| c.amount_span)
        .collect();
    if lo > t.hi {
        errors.push(ModelError::PartsExceedTotal {
            total: total_span,
            total_value: units.format(cw, Temp::Difference, t),
            parts: spans,
            sum: fmt(lo),
        });
    } else if with_weight.len() == parts.len() && hi < t.lo && !spans.is_empty() {
        let missing = t.lo.sub(hi).map_or_else(|_| String::new(), fmt);
        errors.push(ModelError::PartsShortOfTotal {
            total: total_span,
            total_value: units.format(cw, Temp::Difference, t),
            parts: spans,
            sum: fmt(hi),
            missing,
        });
    }
}
