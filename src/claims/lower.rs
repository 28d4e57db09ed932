//! Claim-set AST → checked claim IR: names, types, units.

use super::error::ClaimError;
use super::{Binder, Category, Claim, ClaimSet, Domain, Ex, Item, Limitation, Sym};
use crate::model::{KindId, MaterialId, Model, ModelError, Owner, PropTy};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::ast::{self, BinderSource, CExpr, ClaimItem, LimitationBody};
use crate::units::{Dim, Exact, Interval, Quantity, Temp, UnitError, binary, eval_spread};
use std::collections::HashMap;

/// The type of a claim expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ty {
    Node(KindId),
    Nodes(KindId),
    Component,
    Q(Dim, Temp),
    Bool,
    Material,
    Choice(Vec<String>),
    Text,
}

pub(super) type Env = Vec<(Sym, Ty, Span)>;

/// Builds every claim set of the compilation.
pub fn build(files: &[&ast::File], model: &Model, errors: &mut Vec<ClaimError>) -> Vec<ClaimSet> {
    let mut sets: Vec<ClaimSet> = Vec::new();
    for decl in files.iter().flat_map(|f| f.items.iter()) {
        let ast::Item::ClaimSet(cs) = decl else {
            continue;
        };
        if let Some(prev) = sets.iter().find(|s| s.id == cs.id.name) {
            errors.push(ClaimError::DuplicateClaimSet {
                span: cs.id.span,
                previous: prev.id_span,
                id: cs.id.name.clone(),
            });
            continue;
        }
        let mut l = Lower {
            model,
            errors,
            symbols: Vec::new(),
            sym_index: HashMap::new(),
            constructions: Vec::new(),
            about_band: None,
            set_span: cs.id.span,
        };
        let set = l.claim_set(cs);
        sets.push(set);
    }
    sets
}

pub(super) struct Lower<'a> {
    pub(super) model: &'a Model,
    pub(super) errors: &'a mut Vec<ClaimError>,
    pub(super) symbols: Vec<String>,
    pub(super) sym_index: HashMap<String, Sym>,
    /// The construction points of the set being lowered (see construction.rs).
    pub(super) constructions: Vec<super::Construction>,
    /// `about 10 %` of the set, with its span.
    pub(super) about_band: Option<(Quantity, Span)>,
    pub(super) set_span: Span,
}

pub(super) fn describe_ty(model: &Model, ty: &Ty) -> String {
    describe(model, ty)
}

fn describe(model: &Model, ty: &Ty) -> String {
    match ty {
        Ty::Node(k) => format!("a {}", model.schema.kind_name(*k)),
        Ty::Nodes(k) => format!("a list of {}s", model.schema.kind_name(*k)),
        Ty::Component => "a component".into(),
        Ty::Q(d, t) => model.schema.units.describe_type(*d, *t),
        Ty::Bool => "a truth value".into(),
        Ty::Material => "a material".into(),
        Ty::Choice(c) => format!("one of {}", c.join(", ")),
        Ty::Text => "text".into(),
    }
}

impl Lower<'_> {
    pub(super) fn sym(&mut self, name: &str) -> Sym {
        if let Some(s) = self.sym_index.get(name) {
            return *s;
        }
        let s = Sym(u32::try_from(self.symbols.len()).unwrap_or(u32::MAX));
        self.symbols.push(name.to_string());
        self.sym_index.insert(name.to_string(), s);
        s
    }

    pub(super) fn claim_set(&mut self, cs: &ast::ClaimSetDecl) -> ClaimSet {
        self.constructions(cs);
        let mut claims: Vec<Claim> = Vec::new();
        let mut decls: Vec<&ast::ClaimDecl> = cs.claims.iter().collect();
        decls.sort_by_key(|c| c.number);
        // Variables every chain down to a claim binds, for the claims that depend on it.
        let mut visible: HashMap<u32, Env> = HashMap::new();
        for d in decls {
            if let Some(prev) = claims.iter().find(|c| c.number == d.number) {
                self.errors.push(ClaimError::DuplicateClaim {
                    span: d.number_span,
                    previous: prev.number_span,
                    number: d.number,
                });
                continue;
            }
            let Some(category) = self.category(&d.category) else {
                continue;
            };
            let errors_before = self.errors.len();
            let parents = self.parents(d, &claims);
            let parent_broken = self.errors.len() > errors_before
                || claims
                    .iter()
                    .any(|c| c.broken && parents.contains(&c.number));
            // The variables visible to this claim: those every chain through its parents binds
            // with one type. What every chain through a parent binds is known per parent
            // (`visible`), so this is linear in the parents, not in the chains (which grow
            // exponentially with multiple dependencies).
            let mut env: Env = Vec::new();
            if let Some(first) = parents.first().and_then(|p| visible.get(p)) {
                for (sym, ty, span) in first {
                    if parents.iter().all(|p| {
                        visible
                            .get(p)
                            .is_some_and(|e| e.iter().any(|(s, t, _)| s == sym && t == ty))
                    }) {
                        env.push((*sym, ty.clone(), *span));
                    }
                }
            }
            let inherited = env.len();
            let mut items = Vec::new();
            let mut also = Vec::new();
            let mut notes = Vec::new();
            // A claim whose parents cannot be found cannot see their variables; lowering its
            // items would only report each use of them as unknown.
            let items_src: &[ClaimItem] = if self.errors.len() > errors_before {
                &[]
            } else {
                &d.items
            };
            for item in items_src {
                match item {
                    ClaimItem::Binder(b) => {
                        if let Some(binder) = self.binder(b, &mut env, None) {
                            items.push(Item::Binder(binder));
                        }
                    }
                    ClaimItem::Limitation(lim) => {
                        also.extend(lim.also.iter().map(|s| (s.value.clone(), s.span)));
                        if let Some(n) = &lim.note {
                            let at = match &lim.body {
                                LimitationBody::Binder(b) => b.span,
                                LimitationBody::Expr(_) => lim.span,
                            };
                            notes.push((at, n.value.clone()));
                        }
                        match &lim.body {
                            LimitationBody::Binder(b) => {
                                let words = Some((lim.words.value.clone(), lim.words.span));
                                if let Some(binder) = self.binder(b, &mut env, words) {
                                    items.push(Item::Binder(binder));
                                }
                            }
                            LimitationBody::Expr(e) => {
                                if let Some(expr) = self.condition(e, &env) {
                                    items.push(Item::Limitation(Limitation {
                                        words: lim.words.value.clone(),
                                        words_span: lim.words.span,
                                        expr,
                                        span: lim.span,
                                    }));
                                }
                            }
                        }
                    }
                }
            }
            // Every claim reads on an element of its category's kind: some variable of the
            // chain must range over such elements.
            let subject_kind = self.model.schema.kind_id(category.subject_kind());
            if !parent_broken
                && !env
                    .iter()
                    .any(|(_, t, _)| subject_kind.is_some_and(|k| *t == Ty::Node(k)))
            {
                self.errors.push(ClaimError::SubjectMissing {
                    span: d.category.span,
                    claim: d.number,
                    kind: category.subject_kind().to_string(),
                });
            }
            visible.insert(d.number, env.clone());
            env.truncate(inherited);
            let broken = parent_broken || self.errors.len() > errors_before;
            claims.push(Claim {
                number: d.number,
                number_span: d.number_span,
                category,
                parents,
                items,
                also_words: also,
                notes,
                span: d.span,
                broken,
            });
        }
        ClaimSet {
            id: cs.id.name.clone(),
            title: cs.title.value.clone(),
            source: cs.source.value.clone(),
            source_span: cs.source.span,
            patent: cs.patent.as_ref().map(|p| p.value.clone()),
            span: cs.span,
            id_span: cs.id.span,
            claims,
            symbols: std::mem::take(&mut self.symbols),
            constructions: std::mem::take(&mut self.constructions),
        }
    }

    pub(super) fn category(&mut self, id: &ast::Ident) -> Option<Category> {
        let found = Category::ALL
            .iter()
            .find(|(n, _)| *n == id.name)
            .map(|(_, c)| *c);
        if found.is_none() {
            self.errors.push(ClaimError::UnknownCategory {
                span: id.span,
                name: id.name.clone(),
                suggestion: closest(&id.name, Category::ALL.iter().map(|(n, _)| *n))
                    .map(str::to_string),
            });
        }
        found
    }

    pub(super) fn parents(&mut self, d: &ast::ClaimDecl, earlier: &[Claim]) -> Vec<u32> {
        let mut out = Vec::new();
        for r in &d.parents {
            if r.to < r.from {
                self.errors.push(ClaimError::BadParent {
                    span: r.span,
                    number: r.from,
                    claim: d.number,
                    reason: format!("the range {}..{} runs backwards", r.from, r.to),
                });
                continue;
            }
            if r.to.saturating_sub(r.from) > 10_000 {
                self.errors.push(ClaimError::BadParent {
                    span: r.span,
                    number: r.to,
                    claim: d.number,
                    reason: "a claim set has far fewer claims".into(),
                });
                continue;
            }
            for n in r.from..=r.to {
                if n >= d.number {
                    self.errors.push(ClaimError::BadParent {
                        span: r.span,
                        number: n,
                        claim: d.number,
                        reason: "a claim depends only on claims before it".into(),
                    });
                } else if earlier.iter().any(|c| c.number == n) {
                    if !out.contains(&n) {
                        out.push(n);
                    }
                } else {
                    self.errors.push(ClaimError::BadParent {
                        span: r.span,
                        number: n,
                        claim: d.number,
                        reason: "no such claim in this claim set".into(),
                    });
                }
            }
        }
        out
    }

    pub(super) fn lookup<'e>(
        &self,
        env: &'e Env,
        id: &ast::Ident,
    ) -> Result<(Sym, &'e Ty), ClaimError> {
        let found = self
            .sym_index
            .get(&id.name)
            .and_then(|s| env.iter().rev().find(|(e, _, _)| e == s))
            .map(|(s, t, _)| (*s, t));
        found.ok_or_else(|| ClaimError::UnknownVariable {
            span: id.span,
            name: id.name.clone(),
            suggestion: closest(
                &id.name,
                env.iter()
                    .map(|(s, _, _)| self.symbols.get(s.0 as usize).map_or("", String::as_str)),
            )
            .map(str::to_string),
        })
    }

    pub(super) fn node_var(&self, env: &Env, id: &ast::Ident) -> Result<(Sym, KindId), ClaimError> {
        let (sym, ty) = self.lookup(env, id)?;
        match ty {
            Ty::Node(k) => Ok((sym, *k)),
            other => Err(ClaimError::WrongType {
                span: id.span,
                expected: "an element (a layer, a process, …)".into(),
                found: describe(self.model, other),
                help: format!("`{}` is not an element variable", id.name),
            }),
        }
    }

    pub(super) fn material(&self, e: &CExpr) -> Result<MaterialId, ClaimError> {
        match e {
            CExpr::Name(id) => self
                .model
                .schema
                .resolve_material(id)
                .map_err(ClaimError::Model),
            other => Err(ClaimError::WrongType {
                span: other.span(),
                expected: "a material or genus name".into(),
                found: "an expression".into(),
                help: "name a material of the taxonomy, e.g. `inorganic_pigment`".into(),
            }),
        }
    }

    pub(super) fn push_err(&mut self, e: ClaimError) {
        if !self.errors.contains(&e) {
            self.errors.push(e);
        }
    }

    /// Lowers a binder and adds its variable to `env`.
    pub(super) fn binder(
        &mut self,
        b: &ast::BinderDecl,
        env: &mut Env,
        words: Option<(String, Span)>,
    ) -> Option<Binder> {
        match self.binder_inner(b, env, words) {
            Ok(binder) => Some(binder),
            Err(e) => {
                self.push_err(e);
                // Keep the variable (when its kind is known) so that later uses of it are not
                // reported as unknown on top of this error.
                let ty = if b.kind.name == "component" {
                    Some(Ty::Component)
                } else {
                    self.model.schema.kind_id(&b.kind.name).map(Ty::Node)
                };
                let sym = self.sym(&b.var.name);
                if let Some(ty) = ty
                    && !env.iter().any(|(s, _, _)| *s == sym)
                {
                    env.push((sym, ty, b.var.span));
                }
                None
            }
        }
    }

    pub(super) fn binder_inner(
        &mut self,
        b: &ast::BinderDecl,
        env: &mut Env,
        words: Option<(String, Span)>,
    ) -> Result<Binder, ClaimError> {
        let schema = &self.model.schema;
        if let Some((_, _, prev)) = self
            .sym_index
            .get(&b.var.name)
            .and_then(|s| env.iter().find(|(e, _, _)| e == s))
        {
            return Err(ClaimError::DuplicateVariable {
                span: b.var.span,
                previous: *prev,
                name: b.var.name.clone(),
            });
        }
        let (domain, ty) = if b.kind.name == "component" {
            let parent = match &b.source {
                Some(BinderSource::In(p) | BinderSource::On(p)) => p,
                _ => {
                    return Err(ClaimError::BadBinder {
                        span: b.span,
                        message: "a component variable needs the element it is in".into(),
                        help: format!("write `component {} in LAYER is GENUS`", b.var.name),
                    });
                }
            };
            let genus = match &b.genus {
                Some(g) => Some(schema.resolve_material(g).map_err(ClaimError::Model)?),
                None => None,
            };
            // `component C on S` (or `in S`) with S a component: what is on or in S.
            if let Ok((host, Ty::Component)) = self.lookup(env, parent) {
                (Domain::Inner { host, genus }, Ty::Component)
            } else {
                if let Some(BinderSource::On(p)) = &b.source
                    && let Ok((_, Ty::Node(_))) = self.lookup(env, p)
                {
                    return Err(ClaimError::BadBinder {
                        span: b.span,
                        message: "a component is `in` an element, `on` another component".into(),
                        help: format!(
                            "write `component {} in {}`, or bind the component it is on first",
                            b.var.name, p.name
                        ),
                    });
                }
                let (of, _) = self.node_var(env, parent)?;
                (Domain::Components { of, genus }, Ty::Component)
            }
        } else {
            let kind = schema.kind_id(&b.kind.name).ok_or_else(|| {
                ClaimError::Model(ModelError::UnknownKind {
                    span: b.kind.span,
                    name: b.kind.name.clone(),
                    suggestion: closest(
                        &b.kind.name,
                        schema
                            .kinds()
                            .map(|(_, k)| k.name.as_str())
                            .chain(["component"]),
                    )
                    .map(str::to_string),
                })
            })?;
            if let Some(g) = &b.genus {
                return Err(ClaimError::BadBinder {
                    span: g.span,
                    message: "only component variables take `is GENUS`".into(),
                    help: "filter elements with `where`".into(),
                });
            }
            let top = schema.kind(kind).is_some_and(|k| k.parents.is_empty());
            let kind_name = b.kind.name.clone();
            let domain = match &b.source {
                None if top => Domain::All(kind),
                None => {
                    return Err(ClaimError::BadBinder {
                        span: b.span,
                        message: format!("a {kind_name} stands inside another element"),
                        help: format!("say which: `{kind_name} {} in VARIABLE`", b.var.name),
                    });
                }
                Some(BinderSource::In(parent)) => {
                    let (p, pk) = self.node_var(env, parent)?;
                    if !nests_in(self.model, kind, pk) {
                        return Err(ClaimError::BadBinder {
                            span: b.span,
                            message: format!(
                                "a {kind_name} never stands in a {}",
                                schema.kind_name(pk)
                            ),
                            help: "check the variable after `in`".into(),
                        });
                    }
                    Domain::In { kind, parent: p }
                }
                Some(BinderSource::On(target)) => {
                    let (t, _) = self.node_var(env, target)?;
                    if !top {
                        return Err(ClaimError::BadBinder {
                            span: b.span,
                            message: format!(
                                "`on` finds top-level elements, and a {kind_name} is nested"
                            ),
                            help: format!("write `{kind_name} {} in VARIABLE`", b.var.name),
                        });
                    }
                    Domain::On { kind, target: t }
                }
                Some(BinderSource::Eq(path)) => {
                    let (ex, ty) = self.path(path, env)?;
                    let Ex::Prop {
                        of,
                        prop,
                        component: false,
                        ..
                    } = ex
                    else {
                        return Err(ClaimError::BadBinder {
                            span: path.span,
                            message: "`=` takes a reference property of an element".into(),
                            help: "e.g. `ink I = S.ink`".into(),
                        });
                    };
                    match ty {
                        Ty::Node(k) | Ty::Nodes(k) if k == kind => Domain::Ref {
                            from: of,
                            prop,
                            kind,
                        },
                        other => {
                            return Err(ClaimError::WrongType {
                                span: path.span,
                                expected: format!("a reference to a {kind_name}"),
                                found: describe(self.model, &other),
                                help: "the property must refer to elements of the variable's kind"
                                    .into(),
                            });
                        }
                    }
                }
            };
            (domain, Ty::Node(kind))
        };
        let var = self.sym(&b.var.name);
        env.push((var, ty, b.var.span));
        let filter = match &b.filter {
            Some(f) => match self.condition_result(f, env) {
                Ok(ex) => Some(ex),
                // The variable stays bound, so that one typo in a condition is one error and
                // not one more for every later use of the variable.
                Err(e) => return Err(e),
            },
            None => None,
        };
        Ok(Binder {
            var,
            domain,
            filter,
            words,
            span: b.span,
        })
    }

    /// A boolean expression; errors are reported and `None` returned.
    pub(super) fn condition(&mut self, e: &CExpr, env: &Env) -> Option<Ex> {
        match self.condition_result(e, env) {
            Ok(ex) => Some(ex),
            Err(err) => {
                self.push_err(err);
                None
            }
        }
    }

    pub(super) fn condition_result(&mut self, e: &CExpr, env: &Env) -> Result<Ex, ClaimError> {
        match self.expr(e, env)? {
            (ex, Ty::Bool) => Ok(ex),
            (_, ty) => Err(ClaimError::WrongType {
                span: e.span(),
                expected: "a condition (true or false)".into(),
                found: describe(self.model, &ty),
                help: "compare it: `X.thickness >= 3 µm`".into(),
            }),
        }
    }

    pub(super) fn path(&mut self, p: &ast::Path, env: &Env) -> Result<(Ex, Ty), ClaimError> {
        let (Some(var), Some(prop), None) = (p.parts.first(), p.parts.get(1), p.parts.get(2))
        else {
            return Err(ClaimError::WrongType {
                span: p.span,
                expected: "`VARIABLE.property`".into(),
                found: "a longer path".into(),
                help: "bind the intermediate element to a variable first: `ink I = S.ink`".into(),
            });
        };
        let (sym, ty) = self.lookup(env, var)?;
        let schema = &self.model.schema;
        let (owner, component, kind_name) = match ty {
            Ty::Node(k) => (Owner::Kind(*k), false, schema.kind_name(*k).to_string()),
            Ty::Component => (Owner::Component, true, "component".to_string()),
            other => {
                return Err(ClaimError::WrongType {
                    span: var.span,
                    expected: "an element or component".into(),
                    found: describe(self.model, other),
                    help: "properties belong to elements and components".into(),
                });
            }
        };
        let Some(pid) = schema.prop_id(owner, &prop.name) else {
            return Err(ClaimError::UnknownProperty {
                span: prop.span,
                kind: kind_name,
                name: prop.name.clone(),
                suggestion: closest(
                    &prop.name,
                    schema.props_of(owner).map(|(_, p)| p.name.as_str()),
                )
                .map(str::to_string),
            });
        };
        let ty = match schema.prop(pid).map(|p| &p.ty) {
            Some(PropTy::Quantity { dim, temp, .. }) => Ty::Q(*dim, *temp),
            Some(PropTy::Bool) => Ty::Bool,
            Some(PropTy::Text) | None => Ty::Text,
            Some(PropTy::Material(_)) => Ty::Material,
            Some(PropTy::OneOf(c)) => Ty::Choice(c.clone()),
            Some(PropTy::Ref { kind, list: false }) => Ty::Node(*kind),
            Some(PropTy::Ref { kind, list: true }) => Ty::Nodes(*kind),
        };
        Ok((
            Ex::Prop {
                of: sym,
                prop: pid,
                component,
                span: p.span,
            },
            ty,
        ))
    }

    pub(super) fn quantity(&self, q: &ast::Quantity) -> Result<Quantity, ClaimError> {
        let spread = ast::Spread::Exact(ast::Expr::Quantity(q.clone()));
        eval_spread(&spread, &self.model.schema.units).map_err(ClaimError::Unit)
    }

    pub(super) fn expr(&mut self, e: &CExpr, env: &Env) -> Result<(Ex, Ty), ClaimError> {
        match e {
            CExpr::Quantity(q) => {
                let v = self.quantity(q)?;
                Ok((Ex::Const(v, q.span), Ty::Q(v.dim, v.temp)))
            }
            CExpr::Ratio(a, b, span) => {
                let value = a
                    .value
                    .div(b.value)
                    .map_err(|error| ClaimError::Unit(UnitError::Arith { span: *span, error }))?;
                let dim = self
                    .model
                    .schema
                    .units
                    .dimension("mass_ratio")
                    .map_or(Dim::NONE, |d| d.dim);
                let q = Quantity::new(dim, Temp::Difference, Interval::point(value));
                Ok((Ex::Const(q, *span), Ty::Q(dim, Temp::Difference)))
            }
            CExpr::Bool(b, span) => Ok((Ex::Bool(*b, *span), Ty::Bool)),
            CExpr::Name(id) => {
                let (sym, ty) = self.lookup(env, id)?;
                Ok((Ex::Var(sym, id.span), ty.clone()))
            }
            CExpr::Path(p) => self.path(p, env),
            CExpr::Paren(inner, _) => self.expr(inner, env),
            CExpr::Construed { point, arms, span } => self.construed(point, arms, *span, env),
            CExpr::About { span, .. } => Err(ClaimError::Construction {
                span: *span,
                message: "`about` qualifies a bound".into(),
                help: "write it where a comparison or an interval takes a bound: `X.thickness <= about 5 µm`, `ratio(…) in [about 1:2, about 1:10]`".into(),
            }),
            CExpr::NameList(_, span) => Err(ClaimError::WrongType {
                span: *span,
                expected: "a value or a condition".into(),
                found: "a list of materials".into(),
                help: "a list names the members of a group: `consisting_of(T, GENUS, [a, b])`, `any_of(T, [a, b])`".into(),
            }),
            CExpr::Call {
                func,
                args,
                quant,
                span,
            } => self.call(func, args, quant.as_deref(), *span, env),
            // A negative literal (`-20 °C`) is a value of its own, not a negated temperature.
            CExpr::Neg(inner, span) if matches!(inner.as_ref(), CExpr::Quantity(_)) => {
                let CExpr::Quantity(q) = inner.as_ref() else {
                    return Err(self.not_quantity(*span, &Ty::Bool));
                };
                let mut neg = q.clone();
                neg.number.value = neg.number.value.neg();
                neg.span = *span;
                let v = self.quantity(&neg)?;
                Ok((Ex::Const(v, *span), Ty::Q(v.dim, v.temp)))
            }
            CExpr::Neg(inner, span) => {
                let (ex, ty) = self.expr(inner, env)?;
                let Ty::Q(dim, temp) = ty else {
                    return Err(self.not_quantity(inner.span(), &ty));
                };
                if dim.is_temperature() && temp == Temp::Absolute {
                    return Err(ClaimError::Unit(UnitError::AbsoluteNegated { span: *span }));
                }
                Ok((Ex::Neg(Box::new(ex), *span), Ty::Q(dim, temp)))
            }
            CExpr::Arith(l, op, r, span) => {
                let (le, lt) = self.expr(l, env)?;
                let (re, rt) = self.expr(r, env)?;
                let (Ty::Q(ld, ltemp), Ty::Q(rd, rtemp)) = (&lt, &rt) else {
                    let bad = if matches!(lt, Ty::Q(..)) {
                        (r.span(), &rt)
                    } else {
                        (l.span(), &lt)
                    };
                    return Err(self.not_quantity(bad.0, bad.1));
                };
                let one = Interval::point(Exact::ONE);
                let a = Quantity::new(*ld, *ltemp, one);
                let b = Quantity::new(*rd, *rtemp, one);
                let q = binary(
                    &self.model.schema.units,
                    (&a, l.span()),
                    *op,
                    (&b, r.span()),
                    *span,
                )
                .map_err(ClaimError::Unit)?;
                Ok((
                    Ex::Arith(Box::new(le), *op, Box::new(re), *span),
                    Ty::Q(q.dim, q.temp),
                ))
            }
            CExpr::Cmp(l, op, r, span) => self.compare(l, *op, r, *span, env),
            CExpr::InInterval {
                value,
                lo,
                lo_closed,
                hi,
                hi_closed,
                span,
            } => {
                let (ve, vt) = self.expr(value, env)?;
                let (le, lt) = self.bound(lo, env, true)?;
                let (he, ht) = self.bound(hi, env, false)?;
                self.comparable(&vt, value.span(), &lt, lo.span())?;
                self.comparable(&vt, value.span(), &ht, hi.span())?;
                if let (Ex::Const(a, _), Ex::Const(b, _)) = (&le, &he)
                    && a.value.lo > b.value.hi
                {
                    return Err(ClaimError::WrongType {
                        span: lo.span().to(hi.span()),
                        expected: "an interval from its low end to its high end".into(),
                        found: "an interval that runs backwards".into(),
                        help: "write the smaller bound first, whatever order the claim states them in: `[10:90, 45:55]`".into(),
                    });
                }
                Ok((
                    Ex::InInterval {
                        value: Box::new(ve),
                        lo: Box::new(le),
                        lo_closed: *lo_closed,
                        hi: Box::new(he),
                        hi_closed: *hi_closed,
                        span: *span,
                    },
                    Ty::Bool,
                ))
            }
            CExpr::Member(l, r, span) => {
                let CExpr::Name(id) = l.as_ref() else {
                    return Err(ClaimError::WrongType {
                        span: l.span(),
                        expected: "an element variable".into(),
                        found: "an expression".into(),
                        help: "write `U in C.layers`".into(),
                    });
                };
                let (node, kind) = self.node_var(env, id)?;
                let (list, lt) = self.expr(r, env)?;
                match lt {
                    Ty::Nodes(k) | Ty::Node(k) if k == kind => Ok((
                        Ex::Member {
                            node,
                            list: Box::new(list),
                            span: *span,
                        },
                        Ty::Bool,
                    )),
                    other => Err(ClaimError::WrongType {
                        span: r.span(),
                        expected: format!("a reference to {}s", self.model.schema.kind_name(kind)),
                        found: describe(self.model, &other),
                        help: "`in` tests membership in a reference list such as `C.layers`".into(),
                    }),
                }
            }
            CExpr::Is(value, genus, span) => {
                let (ve, vt) = self.expr(value, env)?;
                if !matches!(vt, Ty::Material | Ty::Component) {
                    return Err(ClaimError::WrongType {
                        span: value.span(),
                        expected: "a material or a component".into(),
                        found: describe(self.model, &vt),
                        help: "`is` tests genus membership: `HR.covering is silicone_resin`".into(),
                    });
                }
                let g = self
                    .model
                    .schema
                    .resolve_material(genus)
                    .map_err(ClaimError::Model)?;
                Ok((
                    Ex::Is {
                        value: Box::new(ve),
                        genus: g,
                        span: *span,
                    },
                    Ty::Bool,
                ))
            }
            CExpr::And(parts, span) | CExpr::Or(parts, span) => {
                let mut out = Vec::new();
                for p in parts {
                    let (ex, ty) = self.expr(p, env)?;
                    if ty != Ty::Bool {
                        return Err(ClaimError::WrongType {
                            span: p.span(),
                            expected: "a condition".into(),
                            found: describe(self.model, &ty),
                            help: "`and` and `or` join conditions".into(),
                        });
                    }
                    out.push(ex);
                }
                Ok((
                    if matches!(e, CExpr::And(..)) {
                        Ex::And(out, *span)
                    } else {
                        Ex::Or(out, *span)
                    },
                    Ty::Bool,
                ))
            }
            CExpr::Not(inner, span) => {
                let (ex, ty) = self.expr(inner, env)?;
                if ty != Ty::Bool {
                    return Err(ClaimError::WrongType {
                        span: inner.span(),
                        expected: "a condition".into(),
                        found: describe(self.model, &ty),
                        help: "`not` negates a condition".into(),
                    });
                }
                Ok((Ex::Not(Box::new(ex), *span), Ty::Bool))
            }
        }
    }

    pub(super) fn not_quantity(&self, span: Span, ty: &Ty) -> ClaimError {
        ClaimError::WrongType {
            span,
            expected: "a quantity".into(),
            found: describe(self.model, ty),
            help: "arithmetic works on quantities".into(),
        }
    }
}

/// Whether elements of `kind` can stand, at any depth, inside elements of `ancestor`.
fn nests_in(model: &Model, kind: KindId, ancestor: KindId) -> bool {
    let mut frontier = vec![kind];
    let mut seen = Vec::new();
    while let Some(k) = frontier.pop() {
        if seen.contains(&k) {
            continue;
        }
        seen.push(k);
        for p in model
            .schema
            .kind(k)
            .map(|k| k.parents.clone())
            .unwrap_or_default()
        {
            if p == ancestor {
                return true;
            }
            frontier.push(p);
        }
    }
    false
}
