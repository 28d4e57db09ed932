//! Spec elements → [`Node`]s: name resolution, value typing and references.

use super::error::ModelError;
use super::schema::{KindId, Owner, PropDef, PropTy, Schema};
use super::{Model, Node, NodeId, PropValue, Val};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::MAX_NESTING;
use crate::syntax::ast::{self, Item, Value};
use crate::units::{Exact, Quantity, Temp, eval_spread, expect_type};
use std::collections::HashMap;

mod components;

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
            notes: Vec::new(),
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
            self.component(node, kind, material, e, None, depth);
            return;
        }
        // `note "measured by XRF, lot 23"`: a remark for reports, not a fact.
        if head == "note"
            && e.value.is_none()
            && e.body.is_none()
            && let Some(text) = &e.name
        {
            let text = text.value.clone();
            if let Some(n) = self.node_mut(node) {
                n.notes.push(text);
            }
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
