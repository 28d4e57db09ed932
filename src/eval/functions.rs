//! The built-in functions of claim expressions: composition (has, only, mass, wt, ratio,
//! phr, total), quantifiers (count, exists, sum) and order (before, adjacent, last).

use super::Verdict;
use super::expr::{Bound, Ctx, Leaf, V, converted};
use super::judge::Judgement;
use crate::claims::{Binder, Func, Part, Sym};
use crate::model::{Basis, Given, MaterialId, NodeId};
use crate::source::Span;
use crate::units::table::fmt_exact;
use crate::units::{Dim, Exact, Interval, Quantity, Temp};

/// The number of elements a list the spec does not close may still hold: any number. A count
/// over it ranges up to this, and the range is `Leaf::Unknown`, so a comparison it straddles is
/// undetermined.
pub(super) const UNLISTED: i64 = 1 << 40;

impl<'m> Ctx<'m> {
    pub(super) fn func(&mut self, f: &Func, span: Span, d: usize) -> V<'m> {
        let m = self.model;
        let mats = &m.schema.materials;
        let units = &m.schema.units;
        let dim = |name: &str| units.dimension(name).map_or(Dim::NONE, |x| x.dim);
        match f {
            Func::Has { of, genus } => {
                let n = match self.node(*of, span) {
                    Ok(n) => n,
                    Err((w, s)) => return self.miss_as(|| w, s, true),
                };
                let node = m.node(n);
                let found: Vec<usize> = node.map_or_else(Vec::new, |x| {
                    x.components
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| mats.is_a(c.material, *genus))
                        .map(|(i, _)| i)
                        .collect()
                });
                if self.detail {
                    for &i in &found {
                        if let Some(c) = node.and_then(|x| x.components.get(i)) {
                            let desc = self.desc_comp(n, i);
                            self.note(c.span, || desc);
                        }
                    }
                }
                let gname = self.label_of(*genus);
                let ndesc = self.desc(n);
                let met = !found.is_empty();
                let maybe = node.and_then(|x| {
                    x.components
                        .iter()
                        .find(|c| mats.may_be(c.material, *genus))
                        .map(|c| (c.span, mats.name(c.material).to_string()))
                });
                if !met && let Some((at, name)) = maybe {
                    return self.miss(
                        || format!("{name} is named only by a genus: whether it is {gname} is not stated"),
                        at,
                    );
                }
                if !met && let Some(why) = self.composition_unknown(n) {
                    let at = node.map_or(span, |x| x.head_span);
                    return self.miss(
                        || format!("whether it contains {gname} is not known: {why}"),
                        at,
                    );
                }
                V::Truth(self.said(Judgement::of(met), || {
                    if met {
                        format!("{ndesc} contains {gname}")
                    } else {
                        format!("{ndesc} contains no {gname}")
                    }
                }))
            }
            Func::Only { of, genus, species } => {
                let n = match self.node(*of, span) {
                    Ok(n) => n,
                    Err((w, s)) => return self.miss_as(|| w, s, true),
                };
                let comps: Vec<MaterialId> = m.node(n).map_or_else(Vec::new, |x| {
                    x.components
                        .iter()
                        .filter(|c| mats.is_a(c.material, *genus))
                        .map(|c| c.material)
                        .collect()
                });
                let others: Vec<&str> = comps
                    .iter()
                    .filter(|c| !mats.is_a(**c, *species) && !mats.may_be(**c, *species))
                    .map(|c| mats.name(*c))
                    .collect();
                // Named by a genus that may or may not be the species (or may be of the genus).
                let unsure = m.node(n).and_then(|x| {
                    x.components
                        .iter()
                        .find(|c| {
                            (mats.is_a(c.material, *genus) && mats.may_be(c.material, *species))
                                || mats.may_be(c.material, *genus)
                        })
                        .map(|c| (c.span, mats.name(c.material).to_string()))
                });
                if others.is_empty()
                    && let Some((at, name)) = unsure
                {
                    let (g, sp) = (self.label_of(*genus), self.label_of(*species));
                    return self.miss(
                        || format!("{name} is named only by a genus: whether it is {g} that is {sp} is not stated"),
                        at,
                    );
                }
                let met = !comps.is_empty() && others.is_empty();
                let (gname, sname, ndesc) =
                    (self.label_of(*genus), self.label_of(*species), self.desc(n));
                // A component the spec does not list could be one that is not of the species
                // (or the only one of the genus).
                if others.is_empty()
                    && let Some(why) = self.composition_unknown(n)
                {
                    let at = m.node(n).map_or(span, |x| x.head_span);
                    return self.miss(
                        || format!("whether all {gname} of it is {sname} is not known: {why}"),
                        at,
                    );
                }
                // The components that break "every … is …", as evidence of a not-met row.
                if !others.is_empty()
                    && let Some(node) = m.node(n)
                {
                    for (i, c) in node.components.iter().enumerate() {
                        if mats.is_a(c.material, *genus)
                            && !mats.is_a(c.material, *species)
                            && !mats.may_be(c.material, *species)
                        {
                            let sname = self.label_of(*species);
                            let desc = self.describe_comp(n, i);
                            self.note(c.span, || format!("{desc}: not {sname}"));
                        }
                    }
                }
                let others = others.join(", ");
                let empty = comps.is_empty();
                V::Truth(self.said(Judgement::of(met), || {
                    if empty {
                        format!("{ndesc} contains no {gname}")
                    } else if met {
                        format!("all {gname} of {ndesc} is {sname}")
                    } else {
                        format!("{ndesc} also contains {gname} that is not {sname}: {others}")
                    }
                }))
            }
            Func::ConsistingOf { of, genus, members } => {
                self.group(*of, Some(*genus), members, span)
            }
            Func::AnyOf { of, members } => self.group(*of, None, members, span),
            Func::Mass { of, genus } => self.amount(
                *of,
                *genus,
                Basis::CoatWeight,
                false,
                dim("coat_weight"),
                span,
            ),
            Func::Wt {
                of,
                genus,
                anhydrous,
            } => self.amount(
                *of,
                *genus,
                Basis::MassFraction,
                *anhydrous,
                dim("mass_fraction"),
                span,
            ),
            Func::Ratio {
                of,
                a,
                b,
                anhydrous,
            } => {
                let r = self.ratio(*of, *a, *b, *anhydrous, span);
                match r {
                    Some((x, leaf)) => {
                        V::Q(Quantity::new(dim("mass_ratio"), Temp::Difference, x), leaf)
                    }
                    None => V::Missing,
                }
            }
            Func::Phr { of, a, b } => match self.ratio(*of, *a, *b, false, span) {
                Some((x, leaf)) => match x.scale(Exact::HUNDRED) {
                    Ok(v) => V::Q(Quantity::new(dim("phr"), Temp::Difference, v), leaf),
                    Err(_) => V::Missing,
                },
                None => V::Missing,
            },
            Func::Total { of } => {
                let n = match self.node(*of, span) {
                    Ok(n) => n,
                    Err((w, s)) => return self.miss_as(|| w, s, true),
                };
                let node = m.node(n);
                let stated_total = node.is_some_and(|x| {
                    x.props.iter().any(|p| {
                        m.schema
                            .prop(p.prop)
                            .is_some_and(|d| d.name == "solid_content")
                    })
                });
                // A total summed from a composition that may be incomplete is no total.
                if !stated_total && let Some(why) = self.composition_unknown(n) {
                    return self.miss(|| why, node.map_or(span, |x| x.head_span));
                }
                match node
                    .and_then(|x| x.composition.as_ref())
                    .and_then(|c| c.total)
                {
                    Some(t) => {
                        self.note(node.map_or(span, |x| x.head_span), || {
                            let shown = units.format(dim("coat_weight"), Temp::Difference, t);
                            format!("total coat weight of {} = {shown}", m.describe(n))
                        });
                        V::Q(
                            Quantity::new(dim("coat_weight"), Temp::Difference, t),
                            if t.is_point() { Leaf::None } else { Leaf::Many },
                        )
                    }
                    None => {
                        let desc = self.desc(n);
                        self.miss(|| format!("the total coat weight of {desc} is not given and cannot be derived"), node.map_or(span, |x| x.head_span))
                    }
                }
            }
            Func::Count(b) => {
                let (met, unknown) = self.count(b, d);
                match Interval::new(Exact::int(met), Exact::int(met.saturating_add(unknown))) {
                    Some(v) => V::Q(
                        Quantity::new(Dim::NONE, Temp::Difference, v),
                        if unknown > 0 {
                            Leaf::Unknown
                        } else {
                            Leaf::None
                        },
                    ),
                    None => V::Missing,
                }
            }
            Func::Exists(b) => {
                let (met, unknown) = self.count_upto(b, d, 1);
                let v = if met > 0 {
                    Verdict::Met
                } else if unknown > 0 {
                    Verdict::Undetermined
                } else {
                    Verdict::NotMet
                };
                V::Truth(Judgement::new(v))
            }
            Func::Sum(b, body) => {
                if let Some((why, at)) = self.unlisted(b) {
                    return self.miss(|| format!("the sum is not known: {why}"), at);
                }
                let mut total: Option<Quantity> = None;
                for &cand in self.domain(b).iter() {
                    self.env.push((b.var, cand));
                    let verdict = b
                        .filter
                        .as_ref()
                        .map_or(Verdict::Met, |f| self.truth(f, d).verdict);
                    if verdict != Verdict::Met && verdict != Verdict::NotMet {
                        // Whether this element belongs in the sum is undecided: so is the sum.
                        self.env.pop();
                        return self.miss(
                            || "whether an element belongs in the sum is not decided".into(),
                            span,
                        );
                    }
                    let v = if verdict == Verdict::Met {
                        Some(self.eval(body, d))
                    } else {
                        None
                    };
                    self.env.pop();
                    match v {
                        None => {}
                        Some(V::Q(q, _)) => {
                            total = match total {
                                None => Some(q),
                                Some(t) => match t.value.add(q.value) {
                                    Ok(s) => Some(Quantity { value: s, ..t }),
                                    Err(_) => return V::Missing,
                                },
                            }
                        }
                        Some(_) => return V::Missing,
                    }
                }
                match total {
                    Some(t) => V::Q(t, Leaf::Many),
                    None => self.miss(|| "nothing to add up: no element matches".into(), span),
                }
            }
            Func::Before(a, b) | Func::Adjacent(a, b) => {
                let (x, y) = match (self.node(*a, span), self.node(*b, span)) {
                    (Ok(x), Ok(y)) => (x, y),
                    (Err((w, s)), _) | (_, Err((w, s))) => return self.miss_as(|| w, s, true),
                };
                let (Some(ix), Some(iy)) = (if matches!(f, Func::Adjacent(..)) {
                    (self.kind_index(x), self.kind_index(y))
                } else {
                    (self.sibling_index(x), self.sibling_index(y))
                }) else {
                    return V::Truth(Judgement::of(false));
                };
                let same_parent =
                    m.node(x).and_then(|n| n.parent) == m.node(y).and_then(|n| n.parent);
                // Layers stack on their own side of the support: a back coat is neither above
                // nor next to a front layer.
                let (sx, sy) = (self.side(x), self.side(y));
                let same_side = sx == sy;
                let before = matches!(f, Func::Before(..));
                let met = same_parent
                    && same_side
                    && if before {
                        ix < iy
                    } else {
                        ix.abs_diff(iy) == 1
                    };
                // Next to each other among the listed layers, but an unlisted one may lie
                // between them.
                if met
                    && !before
                    && let Some(p) = m.node(x).and_then(|n| n.parent)
                    && let Some(kind) = m.node(x).map(|n| n.kind)
                    && m.children_known(p, kind).may_have_more()
                {
                    let pd = m.describe(p);
                    let at = m.node(p).map_or(span, |n| n.head_span);
                    return self.miss(
                        || format!("{pd} may have layers it does not list, one of which could lie between them (its block says `...` or lists none)"),
                        at,
                    );
                }
                if self.detail {
                    for (n, i) in [(x, ix), (y, iy)] {
                        let desc = self.desc(n);
                        self.note(m.node(n).map_or(span, |k| k.head_span), || {
                            format!("{desc} is element {} of its parent", i + 1)
                        });
                    }
                }
                V::Truth(self.said(Judgement::of(met), || {
                    let (dx, dy) = (m.describe(x), m.describe(y));
                    match (before, met, same_parent, same_side) {
                        (_, _, false, _) => {
                            format!("{dx} and {dy} do not stand in the same element")
                        }
                        (_, _, _, false) => format!(
                            "{dx} is on the {} side and {dy} on the {} side",
                            sx.unwrap_or("?"),
                            sy.unwrap_or("?")
                        ),
                        (true, true, _, _) => format!("{dx} comes before {dy}"),
                        (true, false, _, _) => format!(
                            "{dx} does not come before {dy} (it is element {}, {dy} element {})",
                            ix + 1,
                            iy + 1
                        ),
                        (false, true, _, _) => format!("{dx} and {dy} are next to each other"),
                        (false, false, _, _) => {
                            format!("{dx} and {dy} are not next to each other")
                        }
                    }
                }))
            }
            Func::Melts { step, component } => self.melts(*step, *component, span),
            Func::Last(a) => {
                let x = match self.node(*a, span) {
                    Ok(x) => x,
                    Err((w, s)) => return self.miss_as(|| w, s, true),
                };
                let kind = m.node(x).map(|n| n.kind);
                let parent = m.node(x).and_then(|n| n.parent);
                let met = parent.is_some() && self.index.last.get(x.0 as usize) == Some(&true);
                if met
                    && let (Some(p), Some(k)) = (parent, kind)
                    && m.children_known(p, k).may_have_more()
                {
                    let at = m.node(p).map_or(span, |n| n.head_span);
                    return self.miss(
                        || format!("{} is the last listed, but {} may have layers it does not list (its block says `...` or lists none)", m.describe(x), m.describe(p)),
                        at,
                    );
                }
                V::Truth(self.said(Judgement::of(met), || {
                    let desc = m.describe(x);
                    if met {
                        format!("{desc} is the last of its kind on its side")
                    } else {
                        let side = self.side(x);
                        let top = parent
                            .and_then(|p| m.node(p))
                            .and_then(|p| {
                                p.children.iter().rev().find(|c| {
                                    m.node(**c).map(|n| n.kind) == kind && self.side(**c) == side
                                })
                            })
                            .map(|l| m.describe(*l))
                            .unwrap_or_default();
                        format!("{top} lies above {desc}")
                    }
                }))
            }
        }
    }

    /// The side of the support an element stands on (`side`, or its declared default);
    /// `None` for elements without sides.
    pub(super) fn side(&self, n: NodeId) -> Option<&'m str> {
        super::expr::side_of(self.model, n)
    }

    /// Position among the parent's elements of the same kind on the same side: adjacency of
    /// layers is not broken by the support listed between them.
    pub(super) fn kind_index(&self, n: NodeId) -> Option<usize> {
        let i = *self.index.kind_pos.get(n.0 as usize)?;
        (i != u32::MAX).then_some(i as usize)
    }

    /// Position among the elements of the parent (layers from the support up, steps in order).
    pub(super) fn sibling_index(&self, n: NodeId) -> Option<usize> {
        let i = *self.index.sibling.get(n.0 as usize)?;
        (i != u32::MAX).then_some(i as usize)
    }

    /// (met, undetermined) candidates of a binder's domain.
    pub(super) fn count(&mut self, b: &Binder, d: usize) -> (i64, i64) {
        self.count_upto(b, d, i64::MAX)
    }

    /// As [`Ctx::count`], stopping at `enough` met candidates (an existence needs one).
    pub(super) fn count_upto(&mut self, b: &Binder, d: usize, enough: i64) -> (i64, i64) {
        let mut met = 0;
        let mut unknown = 0;
        for &cand in self.domain(b).iter() {
            if met >= enough {
                return (met, unknown);
            }
            self.env.push((b.var, cand));
            let v = b
                .filter
                .as_ref()
                .map_or(Verdict::Met, |f| self.truth(f, d).verdict);
            self.env.pop();
            match v {
                Verdict::Met => met += 1,
                Verdict::NotMet => {}
                _ => unknown += 1,
            }
        }
        if let Some((why, at)) = self.unlisted(b) {
            // Any number of unlisted elements may match.
            unknown = UNLISTED;
            let _ = self.miss(|| why, at);
        }
        (met, unknown)
    }

    /// The amount of a genus in an element, in coat weight or wt% (optionally as anhydride).
    pub(super) fn amount(
        &mut self,
        of: Sym,
        part: Part,
        basis: Basis,
        anhydrous: bool,
        dim: Dim,
        span: Span,
    ) -> V<'m> {
        let m = self.model;
        let n = match self.node(of, span) {
            Ok(n) => n,
            Err((w, s)) => return self.miss_as(|| w, s, true),
        };
        let Some(node) = m.node(n) else {
            return V::Missing;
        };
        let mats = &m.schema.materials;
        // What is weighed: every component of a genus, or the one a binder picked.
        let (genus, picked) = match part {
            Part::Genus(g) => (Some(g), None),
            Part::Component(c) => match self.lookup(c) {
                Bound::Comp(cn, ci) if cn == n => (None, Some(ci)),
                Bound::Comp(cn, ci) => {
                    let (name, comp, elem) = (
                        self.set.symbol(c).to_string(),
                        self.desc_comp(cn, ci),
                        self.desc(n),
                    );
                    return self.miss(
                        || format!("`{name}` is {comp}, not a component of {elem}"),
                        span,
                    );
                }
                _ => {
                    let name = self.set.symbol(c).to_string();
                    return self.miss_as(|| format!("nothing is bound to `{name}`"), span, true);
                }
            },
        };
        let gname = match (genus, picked) {
            (Some(g), _) => self.label_of(g),
            (None, Some(i)) => self.desc_comp(n, i),
            _ => String::new(),
        };
        let ndesc = self.desc(n);
        // A composition the spec does not give (or gives with `...`) could hold more of the
        // genus: its amount is unknown, not the sum of what is listed. (An unlisted component
        // changes nothing of the amount of a component that is listed.)
        // For one listed component only its wt% can depend on what is not listed: over a
        // total derived from the listed parts (no `solid_content`, no wt% of its own).
        let share_of_unlisted = picked.is_some_and(|i| {
            basis == Basis::MassFraction
                && !node.composition.as_ref().is_some_and(|c| c.total_given)
                && !matches!(
                    node.components.get(i).map(|c| &c.given),
                    Some(Given::MassFraction(_))
                )
        });
        if (genus.is_some() || share_of_unlisted)
            && let Some(why) = self.composition_unknown(n)
        {
            let _ = (&gname, &ndesc);
            return self.miss(|| why, node.head_span);
        }
        let Some(comp) = node.composition.as_ref() else {
            self.note(node.head_span, || format!("{ndesc} lists no components"));
            return V::Q(
                Quantity::new(dim, Temp::Difference, Interval::point(Exact::ZERO)),
                Leaf::None,
            );
        };
        if let Some(genus) = genus
            && let Some(c) = node
                .components
                .iter()
                .find(|c| mats.may_be(c.material, genus))
        {
            let name = mats.name(c.material).to_string();
            return self.miss(
                || format!("{name} is named only by a genus: whether it counts as {gname} is not stated"),
                c.span,
            );
        }
        let mut sum = Interval::point(Exact::ZERO);
        let mut leaf = Leaf::None;
        let counts = |i: usize, c: &crate::model::Component| match genus {
            Some(g) => mats.is_a(c.material, g),
            None => picked == Some(i),
        };
        for (i, (c, dv)) in node.components.iter().zip(&comp.parts).enumerate() {
            if !counts(i, c) {
                continue;
            }
            let v = match basis {
                Basis::CoatWeight => dv.coat_weight,
                Basis::MassFraction => dv.mass_fraction,
            };
            // A component amount written in this basis is a spec value the window can be
            // solved on; replace it when it is the one being varied.
            let given_here = matches!(
                (&c.given, basis),
                (Given::CoatWeight(_), Basis::CoatWeight)
                    | (Given::MassFraction(_), Basis::MassFraction)
            );
            let v = match self.replaced(c.amount_span) {
                Some(value) if given_here => Some(value),
                _ => v,
            };
            let Some(mut v) = v else {
                let desc = self.desc_comp(n, i);
                let unit = if basis == Basis::CoatWeight {
                    "a coat weight"
                } else {
                    "a mass fraction"
                };
                return self.miss(
                    || format!("the amount of {desc} is not given as {unit} (nor derivable)"),
                    c.amount_span,
                );
            };
            let mut conv = String::new();
            if anhydrous {
                match mats.anhydride_factor(c.material) {
                    Some((anh, f)) if f != Exact::ONE => {
                        match v.scale(f) {
                            Ok(x) => v = x,
                            Err(_) => return V::Missing,
                        }
                        if self.detail {
                            conv = format!(
                                " = {} as {} (× {})",
                                m.schema.units.format(dim, Temp::Difference, v),
                                mats.name(anh),
                                fmt_exact(f)
                            );
                        }
                    }
                    Some(_) => {}
                    None => {
                        let name = mats.name(c.material).to_string();
                        let open = mats.hydrate_state_open(c.material);
                        return self.miss(
                            || {
                                if open {
                                    let species = mats.species_with_molar_mass(c.material).join(", ");
                                    format!("the hydrate state of {name} is not stated, so its amount in terms of anhydride is unknown: name the species ({species})")
                                } else {
                                    format!("no molar masses to convert {name} to its anhydride")
                                }
                            },
                            c.span,
                        );
                    }
                }
            }
            if !v.is_point() {
                leaf = leaf.join(if given_here && !anhydrous {
                    Leaf::One(c.amount_span)
                } else {
                    Leaf::Many
                });
            }
            sum = match sum.add(v) {
                Ok(s) => s,
                Err(_) => return V::Missing,
            };
            if self.detail {
                let desc = self.desc_comp(n, i);
                let given = match c.given {
                    Given::CoatWeight(_) | Given::MassFraction(_) => "",
                    _ => " (derived)",
                };
                let shown = match basis {
                    Basis::CoatWeight => dv.coat_weight,
                    Basis::MassFraction => dv.mass_fraction,
                }
                .map(|x| m.schema.units.format(dim, Temp::Difference, x))
                .unwrap_or_default();
                let written = self
                    .written(c.amount_span)
                    .filter(|w| !matches!(c.given, Given::Present) && converted(w, &shown))
                    .map_or(String::new(), |w| format!(" (written {w})"));
                self.note(c.amount_span, || {
                    format!("{desc}: {shown}{written}{given}{conv}")
                });
            }
        }
        if self.detail
            && let Some(genus) = genus
            && !node.components.iter().any(|c| mats.is_a(c.material, genus))
        {
            self.note(node.head_span, || format!("{ndesc} contains no {gname}"));
        }
        // Over a total that is the sum of the parts, the genus's share has tighter exact
        // bounds than the sum of its species' shares.
        if basis == Basis::MassFraction
            && !anhydrous
            && let Some(genus) = genus
            && let Some(share) = comp.genus_share(&m.schema, &node.components, genus)
        {
            sum = share;
            // A share depends on every part, not only on the genus's own amounts.
            if !sum.is_point() {
                leaf = Leaf::Many;
            }
        }
        V::Q(Quantity::new(dim, Temp::Difference, sum), leaf)
    }

    /// a / b by mass in an element: from coat weights where known, else from wt%.
    pub(super) fn ratio(
        &mut self,
        of: Sym,
        a: Part,
        b: Part,
        anhydrous: bool,
        span: Span,
    ) -> Option<(Interval, Leaf)> {
        let units = &self.model.schema.units;
        let dim_of = |name: &str| units.dimension(name).map_or(Dim::NONE, |x| x.dim);
        for basis in [Basis::CoatWeight, Basis::MassFraction] {
            // The amounts keep their own dimension so that the evidence shows units.
            let dim = dim_of(if basis == Basis::CoatWeight {
                "coat_weight"
            } else {
                "mass_fraction"
            });
            let detail = self.detail;
            self.detail = false;
            let (x, y) = (
                self.amount(of, a, basis, anhydrous, dim, span),
                self.amount(of, b, basis, anhydrous, dim, span),
            );
            self.detail = detail;
            if let (V::Q(x, lx), V::Q(y, ly)) = (x, y) {
                if detail {
                    // Again with detail, for the evidence.
                    let _ = self.amount(of, a, basis, anhydrous, dim, span);
                    let _ = self.amount(of, b, basis, anhydrous, dim, span);
                }
                return match x.value.div(y.value) {
                    Ok(r) => Some((r, lx.join(ly))),
                    Err(_) => {
                        let bn = match b {
                            Part::Genus(g) => self.label_of(g),
                            Part::Component(c) => match self.lookup(c) {
                                Bound::Comp(cn, ci) => self.desc_comp(cn, ci),
                                _ => self.set.symbol(c).to_string(),
                            },
                        };
                        let desc = self
                            .node(of, span)
                            .map(|n| self.desc(n))
                            .unwrap_or_default();
                        self.miss(
                            || format!("{desc} contains no {bn}, so the ratio is undefined"),
                            span,
                        );
                        None
                    }
                };
            }
        }
        // Without amounts, the parts the spec states: every component of `a` given in parts
        // per hundred of exactly the components of `b` (`pva = 20 phr of silica`).
        if !anhydrous && let Some(r) = self.stated_parts(of, a, b, span) {
            let leaf = if r.is_point() { Leaf::None } else { Leaf::Many };
            return Some((r, leaf));
        }
        // Neither basis is complete: say what is missing.
        let dim = dim_of("coat_weight");
        let _ = self.amount(of, a, Basis::CoatWeight, anhydrous, dim, span);
        let _ = self.amount(of, b, Basis::CoatWeight, anhydrous, dim, span);
        None
    }

    /// a / b as the spec states it in parts per hundred, when every component counted as `a`
    /// is given as `p phr of` exactly the components counted as `b` (Σ p / 100). `None` when
    /// the composition could hold more of either (unknown or partial), or any other shape.
    fn stated_parts(&mut self, of: Sym, a: Part, b: Part, span: Span) -> Option<Interval> {
        let m = self.model;
        let mats = &m.schema.materials;
        let n = self.node(of, span).ok()?;
        let node = m.node(n)?;
        let open = self.composition_unknown(n).is_some();
        let counted = |p: Part| -> Option<Vec<usize>> {
            match p {
                Part::Genus(g) => {
                    // Unlisted components, or one named by a more general genus, could count.
                    if open || node.components.iter().any(|c| mats.may_be(c.material, g)) {
                        return None;
                    }
                    Some(
                        node.components
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| mats.is_a(c.material, g))
                            .map(|(i, _)| i)
                            .collect(),
                    )
                }
                Part::Component(c) => match self.lookup(c) {
                    Bound::Comp(cn, ci) if cn == n => Some(vec![ci]),
                    _ => None,
                },
            }
        };
        let (sa, sb) = (counted(a)?, counted(b)?);
        if sa.is_empty() || sb.is_empty() {
            return None;
        }
        let mut sum = Interval::point(Exact::ZERO);
        let mut evidence = Vec::new();
        for i in sa {
            let c = node.components.get(i)?;
            let Given::Phr { value, of: target } = &c.given else {
                return None;
            };
            evidence.push((i, c.amount_span));
            let targets: Vec<usize> = match target {
                crate::model::PhrTarget::Component(j) => vec![*j],
                crate::model::PhrTarget::Genus(g) => node
                    .components
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| mats.is_a(c.material, *g))
                    .map(|(k, _)| k)
                    .collect(),
            };
            if targets != sb {
                return None;
            }
            sum = sum.add(*value).ok()?;
        }
        if self.detail {
            for (i, at) in evidence {
                let desc = self.desc_comp(n, i);
                let written = self.written(at).unwrap_or_default();
                self.note(at, || format!("{desc}: {written} (stated parts)"));
            }
        }
        sum.scale(Exact::ratio(1, 100).ok()?).ok()
    }

    /// Descriptions for messages, built only in detail mode (the search needs none).
    pub(super) fn desc(&self, n: NodeId) -> String {
        if self.detail {
            self.model.describe(n)
        } else {
            String::new()
        }
    }

    fn desc_comp(&self, n: NodeId, i: usize) -> String {
        if self.detail {
            self.describe_comp(n, i)
        } else {
            String::new()
        }
    }

    fn label_of(&self, m: MaterialId) -> String {
        if self.detail {
            self.model.schema.materials.label(m).to_string()
        } else {
            String::new()
        }
    }
}
