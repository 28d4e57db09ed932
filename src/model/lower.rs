//! Spec elements → [`Node`]s: name resolution, value typing and references.

use super::error::ModelError;
use super::schema::{KindId, Owner, PropDef, PropTy, Schema};
use super::{Component, Given, Model, Node, NodeId, PhrTarget, PropValue, Val};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::MAX_NESTING;
use crate::syntax::ast::{self, Item, Value};
use crate::units::{Dim, Exact, Quantity, Temp, eval_spread, expect_type};
use std::collections::HashMap;

/// Most components in one element. Real layers list a handful; the derivation is quadratic in
/// the components of one element, so hostile input is cut off here.
pub const MAX_COMPONENTS: usize = 1024;

/// A typed property value, or references still to be resolved.
pub(super) enum Typed {
    Done(Val),
    Refs {
        kind: KindId,
        list: bool,
        names: Vec<ast::Str>,
    },
}

fn shape(v: &Value) -> &'static str {
    match v {
        Value::Amount(_) => "a quantity",
        Value::Str(_) => "a string",
        Value::List(..) => "a list",
        Value::Bool(..) => "`true` or `false`",
        Value::Ident(_) => "a name",
    }
}

fn describe_ty(s: &Schema, ty: &PropTy) -> String {
    match ty {
        PropTy::Bool => "`true` or `false`".into(),
        PropTy::Text => "a string".into(),
        PropTy::Material(None) => "a material".into(),
        PropTy::Material(Some(g)) => format!("a material of the genus {}", s.materials.name(*g)),
        PropTy::Ref { kind, list: false } => {
            format!("the name of a {} in quotes", s.kind_name(*kind))
        }
        PropTy::Ref { kind, list: true } => {
            format!("a list of {} names: [\"a\", \"b\"]", s.kind_name(*kind))
        }
        PropTy::OneOf(c) => format!("one of {}", c.join(", ")),
        PropTy::Quantity { dim, temp, .. } => s.units.describe_type(*dim, *temp),
    }
}

/// Types the value of `e` (an entry `name = value`) against the property's declaration.
pub(super) fn type_value(s: &Schema, def: &PropDef, e: &ast::Element) -> Result<Typed, ModelError> {
    if let Some(label) = &e.name {
        return Err(ModelError::UnexpectedLabel {
            span: label.span,
            name: def.name.clone(),
        });
    }
    if let Some(body) = &e.body {
        return Err(ModelError::UnexpectedBody {
            span: body.span,
            name: def.name.clone(),
        });
    }
    let Some(value) = &e.value else {
        return Err(ModelError::MissingValue {
            span: e.head.span,
            name: def.name.clone(),
            expected: describe_ty(s, &def.ty),
        });
    };
    let wrong = |help: String| ModelError::WrongValue {
        span: value.span(),
        name: def.name.clone(),
        expected: describe_ty(s, &def.ty),
        found: shape(value).into(),
        help,
    };
    let done = |v| Ok(Typed::Done(v));
    match (&def.ty, value) {
        (PropTy::Quantity { dim, temp, .. }, Value::Amount(a)) => {
            if let Some(of) = &a.of {
                return Err(ModelError::WrongValue {
                    span: of.span(),
                    name: def.name.clone(),
                    expected: describe_ty(s, &def.ty),
                    found: "an amount relative to a component".into(),
                    help: "`of` belongs only to component amounts in phr: `pva = 12 phr of silica`"
                        .into(),
                });
            }
            let q = eval_spread(&a.spread, &s.units).map_err(ModelError::Unit)?;
            let q = expect_type(q, *dim, *temp, a.span, &s.units).map_err(ModelError::Unit)?;
            check_range(s, &q, &def.label, a.span)?;
            done(Val::Quantity(q))
        }
        (PropTy::Bool, Value::Bool(b, _)) => done(Val::Bool(*b)),
        (PropTy::Text, Value::Str(t)) => done(Val::Text(t.value.clone())),
        (PropTy::Material(genus), Value::Ident(id)) => {
            let m = s.resolve_material(id)?;
            if let Some(g) = genus
                && !s.materials.is_a(m, *g)
            {
                return Err(ModelError::NotOfGenus {
                    span: id.span,
                    material: id.name.clone(),
                    genus: s.materials.name(*g).to_string(),
                });
            }
            done(Val::Material(m))
        }
        (PropTy::OneOf(choices), Value::Ident(id)) => {
            if choices.contains(&id.name) {
                done(Val::Choice(id.name.clone()))
            } else {
                Err(ModelError::NotAChoice {
                    span: id.span,
                    value: id.name.clone(),
                    name: def.name.clone(),
                    choices: choices.clone(),
                    suggestion: closest(&id.name, choices.iter().map(String::as_str))
                        .map(str::to_string),
                })
            }
        }
        (PropTy::Ref { kind, list }, Value::Str(name)) => Ok(Typed::Refs {
            kind: *kind,
            list: *list,
            names: vec![name.clone()],
        }),
        (PropTy::Ref { kind, list: true }, Value::List(names, _)) => Ok(Typed::Refs {
            kind: *kind,
            list: true,
            names: names.clone(),
        }),
        (PropTy::Ref { .. }, Value::Ident(id)) => {
            Err(wrong(format!("put the name in quotes: \"{}\"", id.name)))
        }
        (PropTy::Text, Value::Ident(id)) => {
            Err(wrong(format!("put the text in quotes: \"{}\"", id.name)))
        }
        (PropTy::Quantity { .. }, Value::Ident(id)) => Err(wrong(format!(
            "`{}` is a name; this property takes a number with a unit",
            id.name
        ))),
        (PropTy::Bool, Value::Ident(id)) if id.name == "yes" || id.name == "no" => {
            Err(wrong(format!(
                "write `{}`",
                if id.name == "yes" { "true" } else { "false" }
            )))
        }
        _ => Err(wrong(format!("write {}", describe_ty(s, &def.ty)))),
    }
}

/// Values outside what the quantity can physically be: negative amounts, temperatures below
/// absolute zero, fractions past 100 %.
fn check_range(s: &Schema, q: &Quantity, what: &str, span: Span) -> Result<(), ModelError> {
    // Anything with a temperature in it (a difference, K·s) may be negative; only an absolute
    // temperature has a floor.
    if q.dim.involves_temperature() {
        if q.temp == Temp::Absolute && q.value.lo.is_negative() {
            return Err(ModelError::BelowAbsoluteZero {
                span,
                value: s.units.format(q.dim, q.temp, q.value),
            });
        }
        return Ok(());
    }
    if q.value.lo.is_negative() {
        return Err(ModelError::Negative {
            span,
            what: what.to_string(),
            value: s.units.format(q.dim, q.temp, q.value),
        });
    }
    let is_fraction = ["mass_fraction", "volume_fraction"]
        .iter()
        .any(|n| s.units.dimension(n).is_some_and(|d| d.dim == q.dim));
    if is_fraction && q.value.hi > Exact::HUNDRED {
        return Err(ModelError::FractionOver100 {
            span,
            value: s.units.format(q.dim, q.temp, q.value),
        });
    }
    Ok(())
}

struct PendingRef {
    node: NodeId,
    prop: super::PropId,
    kind: KindId,
    list: bool,
    names: Vec<ast::Str>,
    span: Span,
    entry_span: Span,
}

struct PendingPhr {
    node: NodeId,
    component: usize,
    of: ast::Reference,
}

struct Lowerer<'m> {
    model: &'m mut Model,
    errors: &'m mut Vec<ModelError>,
    refs: Vec<PendingRef>,
    /// (node, property) → the entry of each pending reference: a second entry for the same
    /// property is found without scanning every reference of the run.
    pending_entries: HashMap<(NodeId, super::PropId), Span>,
    phr: Vec<PendingPhr>,
    /// (kind, root or none for top-level kinds, name) → node, for duplicates and references.
    names: HashMap<(KindId, Option<NodeId>, String), Vec<NodeId>>,
    /// Variants lowered: (node, kind name, name of the element it varies).
    variants: Vec<(NodeId, String, String)>,
}

pub(super) fn lower(model: &mut Model, files: &[&ast::File], errors: &mut Vec<ModelError>) {
    let mut l = Lowerer {
        model,
        errors,
        refs: Vec::new(),
        pending_entries: HashMap::new(),
        phr: Vec::new(),
        names: HashMap::new(),
        variants: Vec::new(),
    };
    // Variants (`medium "B" from "A" { … }`) are lowered as A's tree with B's entries laid
    // over it, under B's name; the elements they may vary are the named top-level ones.
    let tops: HashMap<(&str, &str), &ast::Element> = files
        .iter()
        .flat_map(|f| f.items.iter())
        .filter_map(|i| match i {
            Item::Element(e) => Some((e.head.name.as_str(), e.name.as_ref()?.value.as_str(), e)),
            _ => None,
        })
        .fold(HashMap::new(), |mut m, (k, n, e)| {
            m.entry((k, n)).or_insert(e);
            m
        });
    for item in files.iter().flat_map(|f| f.items.iter()) {
        if let Item::Element(e) = item {
            if e.from.is_none() {
                l.top_level(e);
                continue;
            }
            match super::variants::variant(e, &tops, &mut Vec::new()) {
                Ok(merged) => {
                    if let Some(id) = l.top_level(&merged)
                        && let Some(base) = e.from.as_ref()
                    {
                        l.variants
                            .push((id, e.head.name.clone(), base.value.clone()));
                    }
                }
                Err(err) => l.errors.push(err),
            }
        }
    }
    l.resolve_phr();
    l.resolve_refs();
    l.resolve_variants();
}

impl Lowerer<'_> {
    /// Records which element each variant varies (a variant depends on it: an error there is
    /// an error of the variant too).
    fn resolve_variants(&mut self) {
        for (id, kind, base) in std::mem::take(&mut self.variants) {
            let Some(k) = self.model.schema.kind_id(&kind) else {
                continue;
            };
            if let Some(&b) = self.names.get(&(k, None, base)).and_then(|ids| ids.first()) {
                self.model.variant_of.push((id, b));
            }
        }
    }

    fn schema(&self) -> &Schema {
        &self.model.schema
    }

    fn top_level(&mut self, e: &ast::Element) -> Option<NodeId> {
        let s = self.schema();
        let Some(kind) = s.kind_id(&e.head.name) else {
            let tops: Vec<&str> = s
                .kinds()
                .filter(|(_, k)| k.parents.is_empty())
                .map(|(_, k)| k.name.as_str())
                .collect();
            let err = ModelError::UnknownName {
                span: e.head.span,
                name: e.head.name.clone(),
                place: "the top level of a file".into(),
                suggestion: closest(&e.head.name, tops.into_iter()).map(str::to_string),
            };
            self.errors.push(err);
            return None;
        };
        if let Some(k) = s.kind(kind)
            && !k.parents.is_empty()
        {
            let allowed_in = k
                .parents
                .iter()
                .map(|p| s.kind_name(*p).to_string())
                .collect();
            self.errors.push(ModelError::NotTopLevel {
                span: e.head.span,
                name: e.head.name.clone(),
                allowed_in,
            });
            return None;
        }
        self.element(e, kind, None, 1)
    }

    fn element(
        &mut self,
        e: &ast::Element,
        kind: KindId,
        parent: Option<NodeId>,
        depth: usize,
    ) -> Option<NodeId> {
        if depth > MAX_NESTING {
            self.errors.push(ModelError::TooDeep {
                span: e.head.span,
                limit: MAX_NESTING,
            });
            return None;
        }
        if let Some(v) = &e.value {
            self.errors.push(ModelError::UnexpectedValue {
                span: v.span(),
                name: e.head.name.clone(),
            });
        }
        let id = NodeId(u32::try_from(self.model.nodes.len()).unwrap_or(u32::MAX));
        let root = parent.map(|p| self.model.root_of(p));
        if let Some(name) = &e.name {
            let key = (kind, root, name.value.clone());
            let entry = self.names.entry(key).or_default();
            if let Some(prev) = entry
                .first()
                .and_then(|p| self.model.nodes.get(p.0 as usize))
            {
                self.errors.push(ModelError::DuplicateName {
                    span: name.span,
                    previous: prev.head_span,
                    kind: e.head.name.clone(),
                    name: name.value.clone(),
                });
            }
            entry.push(id);
        }
        let head_span = e
            .name
            .as_ref()
            .map_or(e.head.span, |n| e.head.span.to(n.span));
        self.model.nodes.push(Node {
            kind,
            name: e.name.as_ref().map(|n| n.value.clone()),
            span: e.span,
            head_span,
            parent,
            children: Vec::new(),
            props: Vec::new(),
            components: Vec::new(),
            composition: None,
            closure: e.body.as_ref().map_or(ast::Closure::Listed, |b| b.closure),
        });
        if parent.is_none() {
            self.model.items.push(id);
        } else if let Some(p) = parent.and_then(|p| self.model.nodes.get_mut(p.0 as usize)) {
            p.children.push(id);
        }
        if let Some(body) = &e.body {
            for entry in &body.entries {
                self.entry(id, kind, entry, depth);
            }
        }
        Some(id)
    }

    fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.model.nodes.get_mut(id.0 as usize)
    }

    fn entry(&mut self, node: NodeId, kind: KindId, e: &ast::Element, depth: usize) {
        let s = &self.model.schema;
        let head = &e.head.name;
        if let Some(pid) = s.prop_id(Owner::Kind(kind), head) {
            let Some(def) = s.prop(pid) else { return };
            match type_value(s, def, e) {
                Ok(typed) => self.set_prop(node, pid, typed, e),
                Err(err) => self.errors.push(err),
            }
            return;
        }
        if let Some(child) = s.kind_id(head) {
            let allowed = s.kind(child).map(|k| k.parents.clone()).unwrap_or_default();
            if allowed.contains(&kind) {
                self.element(e, child, Some(node), depth + 1);
            } else {
                let allowed_in = allowed
                    .iter()
                    .map(|p| s.kind_name(*p).to_string())
                    .collect();
                let place = s.kind_name(kind).to_string();
                self.errors.push(ModelError::Misplaced {
                    span: e.head.span,
                    name: head.clone(),
                    place,
                    allowed_in,
                });
            }
            return;
        }
        if let Some(material) = s.materials.lookup(head) {
            self.component(node, kind, material, e);
            return;
        }
        let mut candidates: Vec<&str> = s
            .props_of(Owner::Kind(kind))
            .map(|(_, p)| p.name.as_str())
            .collect();
        candidates.extend(s.child_kinds(kind).map(|(_, k)| k.name.as_str()));
        if s.kind(kind).is_some_and(|k| !k.amounts.is_empty()) {
            candidates.extend(s.materials.names());
        }
        let suggestion = closest(head, candidates.into_iter()).map(str::to_string);
        self.errors.push(ModelError::UnknownName {
            span: e.head.span,
            name: head.clone(),
            place: format!("a {}", s.kind_name(kind)),
            suggestion,
        });
    }

    fn set_prop(&mut self, node: NodeId, prop: super::PropId, typed: Typed, e: &ast::Element) {
        let span = e.value.as_ref().map_or(e.span, Value::span);
        let pending = self.pending_entries.get(&(node, prop)).copied();
        if let Some(prev) = self
            .model
            .node(node)
            .and_then(|n| n.prop(prop))
            .map(|p| p.entry_span)
            .or(pending)
        {
            let err = ModelError::DuplicateEntry {
                span: e.head.span,
                previous: prev,
                name: e.head.name.clone(),
                place: self.model.describe(node),
            };
            self.errors.push(err);
            return;
        }
        let value = match typed {
            Typed::Done(v) => v,
            Typed::Refs { kind, list, names } => {
                self.pending_entries.insert((node, prop), e.span);
                self.refs.push(PendingRef {
                    node,
                    prop,
                    kind,
                    list,
                    names,
                    span,
                    entry_span: e.span,
                });
                return;
            }
        };
        if let Some(n) = self.node_mut(node) {
            n.props.push(PropValue {
                prop,
                value,
                span,
                entry_span: e.span,
            });
        }
    }

    fn component(
        &mut self,
        node: NodeId,
        kind: KindId,
        material: super::MaterialId,
        e: &ast::Element,
    ) {
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
                .find(|c| c.material == material && c.label == label)
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
        let (given, amount_span) = match &e.value {
            None => (Some(Given::Present), e.head.span),
            Some(Value::Amount(a)) => (self.amount(kind, a, &e.head.name), a.span),
            Some(other) => {
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
        if let Some(body) = &e.body {
            for entry in &body.entries {
                let s = &self.model.schema;
                let Some(pid) = s.prop_id(Owner::Component, &entry.head.name) else {
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
        let index = n.components.len();
        n.components.push(Component {
            material,
            label,
            given,
            props,
            span: e.span,
            amount_span,
        });
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
        let matches = |k: super::AmountKind| dim_of(k.dimension_name()) == Some(q.dim);
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
            (super::AmountKind::Phr, None) => {
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
            (super::AmountKind::Phr, Some(_)) => {
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
            (super::AmountKind::CoatWeight, None) => Some(Given::CoatWeight(q.value)),
            (super::AmountKind::MassFraction, None) => Some(Given::MassFraction(q.value)),
        }
    }

    fn resolve_phr(&mut self) {
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

    /// Resolves references: to top-level kinds globally; to nested kinds within the
    /// referring element's top-level item and the top-level items that item refers to.
    fn resolve_refs(&mut self) {
        let mut pending = std::mem::take(&mut self.refs);
        let is_top = |s: &Schema, k: KindId| s.kind(k).is_some_and(|k| k.parents.is_empty());
        pending.sort_by_key(|r| !is_top(&self.model.schema, r.kind));
        for r in pending {
            let top = is_top(&self.model.schema, r.kind);
            let root = self.model.root_of(r.node);
            let mut scope = vec![root];
            if let Some(n) = self.model.node(root) {
                for pv in &n.props {
                    match &pv.value {
                        Val::Ref(t) => scope.push(*t),
                        Val::Refs(ts) => scope.extend(ts.iter().copied()),
                        _ => {}
                    }
                }
            }
            let mut resolved = Vec::new();
            for name in &r.names {
                let found: Vec<NodeId> = if top {
                    self.names
                        .get(&(r.kind, None, name.value.clone()))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    scope
                        .iter()
                        .filter_map(|root| {
                            self.names.get(&(r.kind, Some(*root), name.value.clone()))
                        })
                        .flatten()
                        .copied()
                        .collect()
                };
                let kind = self.model.schema.kind_name(r.kind).to_string();
                match found.as_slice() {
                    [one] => resolved.push(*one),
                    [] => {
                        let known: Vec<&str> = self
                            .names
                            .keys()
                            .filter(|(k, rt, _)| {
                                *k == r.kind && (top || rt.is_some_and(|rt| scope.contains(&rt)))
                            })
                            .map(|(_, _, n)| n.as_str())
                            .collect();
                        let suggestion =
                            closest(&name.value, known.into_iter()).map(str::to_string);
                        self.errors.push(ModelError::UnresolvedRef {
                            span: name.span,
                            name: name.value.clone(),
                            kind,
                            suggestion,
                        });
                    }
                    many => {
                        let candidates = many
                            .iter()
                            .filter_map(|id| self.model.node(*id))
                            .map(|n| n.head_span)
                            .collect();
                        self.errors.push(ModelError::AmbiguousRef {
                            span: name.span,
                            name: name.value.clone(),
                            kind,
                            candidates,
                        });
                    }
                }
            }
            if resolved.len() != r.names.len() {
                continue;
            }
            let value = if r.list {
                Val::Refs(resolved)
            } else {
                resolved
                    .first()
                    .map_or(Val::Refs(Vec::new()), |n| Val::Ref(*n))
            };
            if let Some(n) = self.node_mut(r.node) {
                n.props.push(PropValue {
                    prop: r.prop,
                    value,
                    span: r.span,
                    entry_span: r.entry_span,
                });
            }
        }
    }
}

fn amount_units(s: &Schema, kinds: &[super::AmountKind]) -> Vec<String> {
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

fn first_unit(s: &Schema, kinds: &[super::AmountKind]) -> String {
    kinds
        .first()
        .and_then(|k| s.units.dimension(k.dimension_name()))
        .and_then(|d| d.display.as_ref())
        .map_or_else(|| "g/m²".to_string(), |u| u.symbol.clone())
}
