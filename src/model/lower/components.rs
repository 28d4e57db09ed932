//! Components of an element: their amounts (absolute, a share of the element, parts per
//! hundred of another component, or a share of the component they are written in), their
//! properties, and the components written inside them.

use super::{Lowerer, MAX_COMPONENTS, PendingPhr, Typed, check_range, shape, type_value};
use crate::model::error::ModelError;
use crate::model::schema::{KindId, Owner, Schema};
use crate::model::{Component, Given, NodeId, PhrTarget, PropValue};
use crate::suggest::closest;
use crate::syntax::MAX_NESTING;
use crate::syntax::ast::{self, Value};
use crate::units::{Dim, eval_spread};

impl Lowerer<'_> {
    /// A component of `node`, or (with `host`) a component on or in another component of it:
    /// a coating, a supported compound, a shell. An inner component is a component of the
    /// node too (the node's totals and shares count it); its amount inside the host's block
    /// is relative to the host (`5 phr`, `5 wt%`: 5 parts per 100 parts of the host).
    pub(super) fn component(
        &mut self,
        node: NodeId,
        kind: KindId,
        material: crate::model::MaterialId,
        e: &ast::Element,
        host: Option<usize>,
        depth: usize,
    ) {
        if depth > MAX_NESTING {
            self.errors.push(ModelError::TooDeep {
                span: e.head.span,
                limit: MAX_NESTING,
            });
            return;
        }
        let s = &self.model.schema;
        let Some(k) = s.kind(kind) else { return };
        if k.amounts.is_empty() {
            let allowed_in = s
                .kinds()
                .filter(|(_, k)| !k.amounts.is_empty())
                .map(|(_, k)| k.name.clone())
                .collect();
            self.errors.push(ModelError::NoComponents {
                span: e.head.span,
                material: e.head.name.clone(),
                place: k.name.clone(),
                allowed_in,
            });
            return;
        }
        if self
            .model
            .node(node)
            .is_some_and(|n| n.components.len() >= MAX_COMPONENTS)
        {
            self.errors.push(ModelError::TooManyComponents {
                span: e.head.span,
                limit: MAX_COMPONENTS,
            });
            return;
        }
        let label = e.name.as_ref().map(|n| n.value.clone());
        if let Some(prev) = self.model.node(node).and_then(|n| {
            n.components
                .iter()
                .find(|c| c.material == material && c.label == label && c.host == host)
        }) {
            let err = ModelError::DuplicateEntry {
                span: e.head.span,
                previous: prev.span,
                name: e.head.name.clone(),
                place: self.model.describe(node),
            };
            self.errors.push(err);
            return;
        }
        let (given, amount_span) = match (&e.value, host) {
            (None, _) => (Some(Given::Present), e.head.span),
            (Some(Value::Amount(a)), Some(h)) => {
                (self.host_amount(kind, a, &e.head.name, h), a.span)
            }
            (Some(Value::Amount(a)), None) => (self.amount(kind, a, &e.head.name), a.span),
            (Some(other), _) => {
                let allowed = amount_units(s, &k.amounts);
                self.errors.push(ModelError::WrongValue {
                    span: other.span(),
                    name: e.head.name.clone(),
                    expected: format!("an amount in {}", allowed.join(", ")),
                    found: shape(other).into(),
                    help: format!(
                        "write an amount such as `{} = 10 {}`",
                        e.head.name,
                        first_unit(s, &k.amounts)
                    ),
                });
                (None, other.span())
            }
        };
        // An amount that failed to type (already reported) still leaves the component present,
        // so that the consistency checks do not report a short list on top of the error.
        let given = given.unwrap_or(Given::Present);
        let mut props = Vec::new();
        let mut inner = Vec::new();
        let mut notes = Vec::new();
        if let Some(body) = &e.body {
            for entry in &body.entries {
                let s = &self.model.schema;
                // `note "…"` in a component's block: a remark for reports, kept with its element.
                if entry.head.name == "note"
                    && entry.value.is_none()
                    && entry.body.is_none()
                    && let Some(text) = &entry.name
                {
                    notes.push(text.value.clone());
                    continue;
                }
                let Some(pid) = s.prop_id(Owner::Component, &entry.head.name) else {
                    if let Some(m) = s.materials.lookup(&entry.head.name) {
                        inner.push((m, entry));
                        continue;
                    }
                    let names = s.props_of(Owner::Component).map(|(_, p)| p.name.as_str());
                    self.errors.push(ModelError::UnknownName {
                        span: entry.head.span,
                        name: entry.head.name.clone(),
                        place: format!("the component {}", e.head.name),
                        suggestion: closest(&entry.head.name, names).map(str::to_string),
                    });
                    continue;
                };
                let Some(def) = s.prop(pid) else { continue };
                match type_value(s, def, entry) {
                    Ok(Typed::Done(value)) => {
                        if let Some(prev) = props.iter().find(|p: &&PropValue| p.prop == pid) {
                            self.errors.push(ModelError::DuplicateEntry {
                                span: entry.head.span,
                                previous: prev.entry_span,
                                name: entry.head.name.clone(),
                                place: format!("the component {}", e.head.name),
                            });
                            continue;
                        }
                        let span = entry.value.as_ref().map_or(entry.span, Value::span);
                        props.push(PropValue {
                            prop: pid,
                            value,
                            span,
                            entry_span: entry.span,
                        });
                    }
                    // Components have no reference-typed properties in any sensible schema;
                    // keep the language total all the same.
                    Ok(Typed::Refs { .. }) => {}
                    Err(err) => self.errors.push(err),
                }
            }
        }
        let Some(n) = self.node_mut(node) else { return };
        n.notes.extend(notes);
        let index = n.components.len();
        n.components.push(Component {
            material,
            label,
            given,
            props,
            span: e.span,
            amount_span,
            host,
            closure: e.body.as_ref().map_or(ast::Closure::Listed, |b| b.closure),
        });
        for (m, entry) in inner {
            self.component(node, kind, m, entry, Some(index), depth + 1);
        }
        if let Some(ast::Element {
            value: Some(Value::Amount(ast::Amount { of: Some(of), .. })),
            ..
        }) = Some(e)
        {
            self.phr.push(PendingPhr {
                node,
                component: index,
                of: of.clone(),
            });
        }
    }

    /// Types the amount of a component inside `host`'s block: a coat weight, or a share of the
    /// host in phr or wt% (both parts per 100 parts of the host: "5 % by weight based on the
    /// silica"). `None` after reporting an error.
    fn host_amount(
        &mut self,
        kind: KindId,
        a: &ast::Amount,
        name: &str,
        host: usize,
    ) -> Option<Given> {
        let s = &self.model.schema;
        let q = match eval_spread(&a.spread, &s.units) {
            Ok(q) => q,
            Err(e) => {
                self.errors.push(ModelError::Unit(e));
                return None;
            }
        };
        let dim_of =
            |k: crate::model::AmountKind| s.units.dimension(k.dimension_name()).map(|d| d.dim);
        let share = [
            crate::model::AmountKind::Phr,
            crate::model::AmountKind::MassFraction,
        ]
        .into_iter()
        .any(|k| dim_of(k) == Some(q.dim));
        if !share {
            return self.amount(kind, a, name);
        }
        if let Some(of) = &a.of {
            self.errors.push(ModelError::WrongValue {
                span: of.span(),
                name: name.to_string(),
                expected: "a share of the component it is written in".into(),
                found: "a share of another component".into(),
                help: format!(
                    "inside a component's block a share is relative to that component: write `{name} = {} phr`, or move `{name}` out to the layer",
                    crate::units::table::fmt_exact(q.value.lo)
                ),
            });
            return None;
        }
        if let Err(e) = check_range(s, &q, &format!("amount of {name}"), a.span) {
            self.errors.push(e);
            return None;
        }
        // wt% and phr are both counted in their own unit (5 wt% is 5, 5 phr is 5): a share
        // in wt% of the host is the same number of parts per hundred.
        Some(Given::Phr {
            value: q.value,
            of: PhrTarget::Component(host),
        })
    }

    /// Types a component's amount. `None` after reporting an error.
    fn amount(&mut self, kind: KindId, a: &ast::Amount, name: &str) -> Option<Given> {
        let s = &self.model.schema;
        let allowed = s.kind(kind).map(|k| k.amounts.clone()).unwrap_or_default();
        let q = match eval_spread(&a.spread, &s.units) {
            Ok(q) => q,
            Err(e) => {
                self.errors.push(ModelError::Unit(e));
                return None;
            }
        };
        let dim_of = |n: &str| s.units.dimension(n).map(|d| d.dim);
        let matches = |k: crate::model::AmountKind| dim_of(k.dimension_name()) == Some(q.dim);
        let Some(ak) = allowed.iter().copied().find(|k| matches(*k)) else {
            let err = if q.dim == Dim::NONE {
                ModelError::Unit(crate::units::UnitError::BareNumber {
                    span: a.span,
                    expected: format!("an amount in {}", amount_units(s, &allowed).join(", ")),
                    help: format!(
                        "give the unit: `{name} = {} {}`",
                        crate::units::table::fmt_exact(q.value.lo),
                        first_unit(s, &allowed)
                    ),
                })
            } else {
                ModelError::AmountNotAllowed {
                    span: a.span,
                    place: s.kind_name(kind).to_string(),
                    found: s.units.describe_type(q.dim, q.temp),
                    allowed: amount_units(s, &allowed),
                }
            };
            self.errors.push(err);
            return None;
        };
        if let Err(e) = check_range(s, &q, &format!("amount of {name}"), a.span) {
            self.errors.push(e);
            return None;
        }
        match (ak, &a.of) {
            (crate::model::AmountKind::Phr, None) => {
                self.errors.push(ModelError::WrongValue {
                    span: a.span,
                    name: name.to_string(),
                    expected: "parts per hundred parts of another component".into(),
                    found: "parts per hundred of nothing".into(),
                    help: format!(
                        "say what the parts are relative to: `{name} = {} phr of OTHER`, OTHER a component or genus of this element",
                        crate::units::table::fmt_exact(q.value.lo)
                    ),
                });
                None
            }
            (crate::model::AmountKind::Phr, Some(_)) => {
                // The target is resolved once every component of the element is known.
                Some(Given::Phr {
                    value: q.value,
                    of: PhrTarget::Component(usize::MAX),
                })
            }
            (_, Some(of)) => {
                self.errors.push(ModelError::WrongValue {
                    span: of.span(),
                    name: name.to_string(),
                    expected: "an amount".into(),
                    found: "an amount relative to a component".into(),
                    help: "`of` belongs only to amounts in phr: `pva = 12 phr of silica`".into(),
                });
                None
            }
            (crate::model::AmountKind::CoatWeight, None) => Some(Given::CoatWeight(q.value)),
            (crate::model::AmountKind::MassFraction, None) => Some(Given::MassFraction(q.value)),
        }
    }

    pub(super) fn resolve_phr(&mut self) {
        for p in std::mem::take(&mut self.phr) {
            let s = &self.model.schema;
            let Some(n) = self.model.nodes.get(p.node.0 as usize) else {
                continue;
            };
            let target = match &p.of {
                ast::Reference::Label(l) => n
                    .components
                    .iter()
                    .position(|c| c.label.as_deref() == Some(&l.value))
                    .map(PhrTarget::Component),
                ast::Reference::Name(id) => n
                    .components
                    .iter()
                    .position(|c| c.label.as_deref() == Some(&id.name))
                    .map(PhrTarget::Component)
                    .or_else(|| {
                        s.materials
                            .lookup(&id.name)
                            .filter(|g| {
                                n.components
                                    .iter()
                                    .any(|c| s.materials.is_a(c.material, *g))
                            })
                            .map(PhrTarget::Genus)
                    }),
            };
            let target = match target {
                Some(PhrTarget::Component(i)) if i == p.component => None,
                t => t,
            };
            let Some(target) = target else {
                let mut names: Vec<&str> = n
                    .components
                    .iter()
                    .filter_map(|c| c.label.as_deref())
                    .collect();
                names.extend(n.components.iter().map(|c| s.materials.name(c.material)));
                let suggestion = closest(p.of.text(), names.into_iter()).map(str::to_string);
                self.errors.push(ModelError::PhrTarget {
                    span: p.of.span(),
                    name: p.of.text().to_string(),
                    suggestion,
                });
                if let Some(n) = self.model.nodes.get_mut(p.node.0 as usize)
                    && let Some(c) = n.components.get_mut(p.component)
                {
                    c.given = Given::Present;
                }
                continue;
            };
            if let Some(n) = self.model.nodes.get_mut(p.node.0 as usize)
                && let Some(c) = n.components.get_mut(p.component)
                && let Given::Phr { of, .. } = &mut c.given
            {
                *of = target;
            }
        }
    }
}

fn amount_units(s: &Schema, kinds: &[crate::model::AmountKind]) -> Vec<String> {
    kinds
        .iter()
        .map(|k| {
            let label = s
                .units
                .dimension(k.dimension_name())
                .map_or(k.dimension_name().to_string(), |d| d.label.clone());
            match s
                .units
                .dimension(k.dimension_name())
                .and_then(|d| d.display.as_ref())
            {
                Some(u) => format!("{label} ({})", u.symbol),
                None => label,
            }
        })
        .collect()
}

fn first_unit(s: &Schema, kinds: &[crate::model::AmountKind]) -> String {
    kinds
        .first()
        .and_then(|k| s.units.dimension(k.dimension_name()))
        .and_then(|d| d.display.as_ref())
        .map_or_else(|| "g/m²".to_string(), |u| u.symbol.clone())
}
