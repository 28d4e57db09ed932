//! Built-in functions that read what a product is rather than a number: Markush groups
//! (`consisting_of`, `any_of`) and whether a process step melts a component (`melts`), from
//! the step's kind and temperature against the component's Tg or melting point.

use super::Verdict;
use super::expr::{Bound, Ctx, V};
use super::judge::Judgement;
use crate::claims::Sym;
use crate::model::MaterialId;
use crate::source::Span;

impl<'m> Ctx<'m> {
    /// A Markush group: with a genus, closed (`consisting_of`: the element has the genus and
    /// every component of it is a member); without, open (`any_of`: some component is a
    /// member). The evidence names the member found or the component outside the group.
    pub(super) fn group(
        &mut self,
        of: Sym,
        genus: Option<MaterialId>,
        members: &[MaterialId],
        span: Span,
    ) -> V<'m> {
        let m = self.model;
        let mats = &m.schema.materials;
        let n = match self.node(of, span) {
            Ok(n) => n,
            Err((w, s)) => return self.miss_as(|| w, s, true),
        };
        let Some(node) = m.node(n) else {
            return V::Missing;
        };
        let member = |x: MaterialId| members.iter().any(|g| mats.is_a(x, *g));
        let maybe_member = |x: MaterialId| members.iter().any(|g| mats.may_be(x, *g));
        let names = if self.detail {
            members
                .iter()
                .map(|x| mats.name(*x))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            String::new()
        };
        let ndesc = self.desc(n);
        match genus {
            Some(g) => {
                let in_genus: Vec<usize> = node
                    .components
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| mats.is_a(c.material, g))
                    .map(|(i, _)| i)
                    .collect();
                let outside = in_genus.iter().copied().find(|i| {
                    node.components
                        .get(*i)
                        .is_some_and(|c| !member(c.material) && !maybe_member(c.material))
                });
                if let Some(i) = outside {
                    let c = node.components.get(i).map_or(span, |c| c.span);
                    let desc = self.describe_comp(n, i);
                    self.note(c, || format!("{desc} is outside the group ({names})"));
                    return V::Truth(self.said(Judgement::of(false), || {
                        format!("{desc} is not one of {names}")
                    }));
                }
                let unsure = node.components.iter().find(|c| {
                    (mats.is_a(c.material, g) && !member(c.material))
                        || (!mats.is_a(c.material, g) && mats.may_be(c.material, g))
                });
                if let Some(c) = unsure {
                    return self.named_by_genus(c.material, &names, c.span);
                }
                // An unlisted component could lie outside the group (or be the only one in it).
                if let Some(why) = self.composition_unknown(n) {
                    return self.miss(|| why, node.head_span);
                }
                for &i in &in_genus {
                    if let Some(c) = node.components.get(i) {
                        let desc = self.describe_comp(n, i);
                        self.note(c.span, || format!("{desc} is in the group"));
                    }
                }
                let met = !in_genus.is_empty();
                let gname = mats.label(g).to_string();
                V::Truth(self.said(Judgement::of(met), || {
                    if met {
                        format!("every {gname} of {ndesc} is one of {names}")
                    } else {
                        format!("{ndesc} contains no {gname}")
                    }
                }))
            }
            None => {
                if let Some((i, c)) = node
                    .components
                    .iter()
                    .enumerate()
                    .find(|(_, c)| member(c.material))
                {
                    let desc = self.describe_comp(n, i);
                    self.note(c.span, || format!("{desc} is in the group"));
                    return V::Truth(
                        self.said(Judgement::of(true), || format!("{desc} is one of {names}")),
                    );
                }
                if let Some(c) = node.components.iter().find(|c| maybe_member(c.material)) {
                    return self.named_by_genus(c.material, &names, c.span);
                }
                if let Some(why) = self.composition_unknown(n) {
                    return self.miss(|| why, node.head_span);
                }
                V::Truth(self.said(Judgement::of(false), || {
                    format!("{ndesc} contains none of {names}")
                }))
            }
        }
    }

    /// A component named by a genus that may or may not be a member of a group: unknown.
    fn named_by_genus(&mut self, material: MaterialId, names: &str, span: Span) -> V<'m> {
        let name = self.model.schema.materials.name(material).to_string();
        self.miss(
            || {
                format!(
                    "{name} is named only by a genus: whether it is one of {names} is not stated"
                )
            },
            span,
        )
    }

    /// Whether a process step melts a component (see [`Func::Melts`]).
    pub(super) fn melts(&mut self, step: Sym, comp: Sym, span: Span) -> V<'m> {
        let m = self.model;
        let s = &m.schema;
        let n = match self.node(step, span) {
            Ok(n) => n,
            Err((w, at)) => return self.miss_as(|| w, at, true),
        };
        let (cn, ci) = match self.lookup(comp) {
            Bound::Comp(cn, ci) => (cn, ci),
            _ => {
                let name = self.set.symbol(comp).to_string();
                return self.miss_as(|| format!("nothing is bound to `{name}`"), span, true);
            }
        };
        let (Some(node), Some(c)) = (m.node(n), m.node(cn).and_then(|x| x.components.get(ci)))
        else {
            return V::Missing;
        };
        let kind = s.kind_name(node.kind);
        let prop = |name: &str| {
            s.prop_id(crate::model::Owner::Kind(node.kind), name)
                .and_then(|p| node.prop(p))
        };
        // Descriptions only in detail mode: the search calls this once per binding.
        let step_desc = self.desc(n);
        let comp_desc = if self.detail {
            self.describe_comp(cn, ci)
        } else {
            String::new()
        };
        if kind == "melt" {
            return match prop("target").map(|p| &p.value) {
                Some(crate::model::Val::Material(t)) => {
                    let met = s.materials.is_a(c.material, *t);
                    let tn = s.materials.name(*t).to_string();
                    if !met && s.materials.may_be(c.material, *t) {
                        let cn = s.materials.name(c.material).to_string();
                        return self.miss(
                            || format!("{step_desc} melts {tn}; {comp_desc} is named only as {cn}, which may or may not be {tn}"),
                            c.span,
                        );
                    }
                    V::Truth(self.said(Judgement::of(met), || {
                        if met {
                            format!("{step_desc} melts {tn}, and {comp_desc} is {tn}")
                        } else {
                            format!("{step_desc} melts {tn}, which {comp_desc} is not")
                        }
                    }))
                }
                _ => self.miss(
                    || format!("what {step_desc} melts is not given (`target = …`)"),
                    node.head_span,
                ),
            };
        }
        // Any step that heats the layer: a drying oven and a cast drum heat it too.
        let temp_prop = match kind {
            "heat" | "dry" => "temperature",
            "heat_press" | "cast" => "surface_temperature",
            _ => {
                return V::Truth(self.said(Judgement::of(false), || {
                    format!("{step_desc} neither melts nor heats")
                }));
            }
        };
        if let Some(crate::model::Val::Bool(false)) = prop("melts").map(|p| &p.value) {
            return V::Truth(self.said(Judgement::of(false), || {
                format!("{step_desc} is stated not to melt (`melts = false`)")
            }));
        }
        let Some(crate::model::Val::Quantity(t)) = prop(temp_prop).map(|p| &p.value) else {
            return self.miss(
                || {
                    format!(
                        "the {} of {step_desc} is not given",
                        temp_prop.replace('_', " ")
                    )
                },
                node.head_span,
            );
        };
        // The lowest softening point the spec gives: past Tg a latex film-forms and fuses.
        let comp_prop = |name: &'static str| {
            s.prop_id(crate::model::Owner::Component, name)
                .and_then(|p| c.props.iter().find(|x| x.prop == p))
                .and_then(|p| match &p.value {
                    crate::model::Val::Quantity(q) => Some((name, q.value, p.span)),
                    _ => None,
                })
        };
        let Some((which, point, at)) = comp_prop("tg").or_else(|| comp_prop("melting_point"))
        else {
            return self.miss(
                || format!("neither the Tg nor the melting point of {comp_desc} is given"),
                c.span,
            );
        };
        let (units, dim, temp) = (&s.units, t.dim, t.temp);
        // Only messages show them.
        let (shown_t, shown_p) = if self.detail {
            (
                units.format(dim, temp, t.value),
                units.format(dim, temp, point),
            )
        } else {
            (String::new(), String::new())
        };
        let which = if which == "tg" { "Tg" } else { "melting point" };
        self.note(at, || format!("{which} of {comp_desc} = {shown_p}"));
        if t.value.lo > point.hi {
            V::Truth(self.said(Judgement::of(true), || {
                format!(
                    "{step_desc} heats to {shown_t}, above the {which} of {comp_desc} ({shown_p})"
                )
            }))
        } else if t.value.hi <= point.lo {
            V::Truth(self.said(Judgement::of(false), || {
                format!("{step_desc} heats to {shown_t}, not above the {which} of {comp_desc} ({shown_p})")
            }))
        } else {
            // Within the tolerances it is above for some values and not for others.
            V::Truth(self.said(Judgement::new(Verdict::PartlyMet), || {
                format!("{step_desc} heats to {shown_t}, above the {which} of {comp_desc} ({shown_p}) for part of the tolerances only")
            }))
        }
    }
}
