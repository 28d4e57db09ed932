//! Every name in a syntax tree that module resolution may rewrite, with whether it declares
//! or refers to something.
//!
//! Contract: visits, in source order, the idents that name materials (and genera), element
//! kinds and properties — the three namespaces a module owns. Units and dimensions are not
//! visited (they are shared by every file), nor are claim variables, function names,
//! construction points, claim-set ids or `one_of` values.

use crate::syntax::ast::*;
use std::collections::HashSet;

/// Whether an ident declares a name or refers to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Site {
    Decl,
    Ref,
}

/// Nesting beyond this is not walked. The parser refuses blocks and expressions nested far
/// less deep, so this only keeps the walk total on trees built by other means.
const MAX_DEPTH: usize = 512;

type Visit<'a> = dyn FnMut(&mut Ident, Site) + 'a;

/// Calls `f` on each name of `item` that resolution may rewrite.
pub(super) fn item_idents(item: &mut Item, f: &mut Visit<'_>) {
    match item {
        Item::Material(m) => {
            f(&mut m.name, Site::Decl);
            for a in &mut m.aliases {
                f(a, Site::Decl);
            }
            for p in &mut m.parents {
                f(p, Site::Ref);
            }
            if let Some(b) = &mut m.body {
                block(b, f, 0);
            }
        }
        Item::ElementKind(k) => {
            f(&mut k.name, Site::Decl);
            for s in k.supers.iter_mut().chain(k.parents.iter_mut()) {
                f(s, Site::Ref);
            }
        }
        Item::Property(p) => {
            f(&mut p.owner, Site::Ref);
            f(&mut p.name, Site::Decl);
            match &mut p.ty {
                PropType::Material(Some(g), _) => f(g, Site::Ref),
                PropType::Ref { kind, .. } => f(kind, Site::Ref),
                _ => {}
            }
        }
        Item::Element(e) => element(e, f, 0),
        Item::ClaimSet(c) => claimset(c, f),
        Item::Intent(i) => {
            if let Some(k) = &mut i.subject_kind {
                f(k, Site::Ref);
            }
        }
        Item::Module(_) | Item::Import(_) | Item::Dimension(_) | Item::Unit(_) => {}
    }
}

fn element(e: &mut Element, f: &mut Visit<'_>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    f(&mut e.head, Site::Ref);
    match &mut e.value {
        Some(Value::Ident(i)) => f(i, Site::Ref),
        Some(Value::Amount(a)) => {
            if let Some(Reference::Name(n)) = &mut a.of {
                f(n, Site::Ref);
            }
        }
        _ => {}
    }
    if let Some(b) = &mut e.body {
        block(b, f, depth + 1);
    }
}

fn block(b: &mut Block, f: &mut Visit<'_>, depth: usize) {
    for e in &mut b.entries {
        element(e, f, depth + 1);
    }
}

fn claimset(c: &mut ClaimSetDecl, f: &mut Visit<'_>) {
    // A claim may use the variables of the claims it depends on: a name bound anywhere in the
    // set is a variable wherever it stands as a value.
    let mut vars = HashSet::new();
    for claim in &c.claims {
        for it in &claim.items {
            match it {
                ClaimItem::Binder(b)
                | ClaimItem::Limitation(LimitationDecl {
                    body: LimitationBody::Binder(b),
                    ..
                }) => binder_vars(b, &mut vars, 0),
                ClaimItem::Limitation(LimitationDecl {
                    body: LimitationBody::Expr(e),
                    ..
                }) => expr_vars(e, &mut vars, 0),
            }
        }
    }
    let mut w = ClaimWalk { vars: &vars, f };
    for claim in &mut c.claims {
        for it in &mut claim.items {
            match it {
                ClaimItem::Binder(b) => w.binder(b, 0),
                ClaimItem::Limitation(l) => match &mut l.body {
                    LimitationBody::Binder(b) => w.binder(b, 0),
                    LimitationBody::Expr(e) => w.expr(e, 0),
                },
            }
        }
    }
}

fn binder_vars(b: &BinderDecl, vars: &mut HashSet<String>, depth: usize) {
    vars.insert(b.var.name.clone());
    if let Some(e) = &b.filter {
        expr_vars(e, vars, depth + 1);
    }
}

/// The variables bound inside an expression (`count(layer X in M where …)`).
fn expr_vars(e: &CExpr, vars: &mut HashSet<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let d = depth + 1;
    match e {
        CExpr::Call { args, quant, .. } => {
            if let Some(q) = quant {
                binder_vars(&q.binder, vars, d);
                if let Some(b) = &q.body {
                    expr_vars(b, vars, d);
                }
            }
            for a in args {
                expr_vars(a, vars, d);
            }
        }
        _ => each_child(e, &mut |c| expr_vars(c, vars, d)),
    }
}

/// Calls `f` on each direct sub-expression (not those of a `Call`'s quantified argument).
fn each_child<'e>(e: &'e CExpr, f: &mut dyn FnMut(&'e CExpr)) {
    match e {
        CExpr::Neg(a, _) | CExpr::Paren(a, _) | CExpr::Not(a, _) | CExpr::Is(a, _, _) => f(a),
        CExpr::Arith(a, _, b, _) | CExpr::Cmp(a, _, b, _) | CExpr::Member(a, b, _) => {
            f(a);
            f(b);
        }
        CExpr::InInterval { value, lo, hi, .. } => {
            f(value);
            f(lo);
            f(hi);
        }
        CExpr::And(xs, _) | CExpr::Or(xs, _) => xs.iter().for_each(f),
        CExpr::Construed { arms, .. } => arms.iter().for_each(|(_, x)| f(x)),
        CExpr::About { bound, .. } => f(bound),
        CExpr::Call { args, .. } => args.iter().for_each(f),
        CExpr::Quantity(_)
        | CExpr::Ratio(..)
        | CExpr::Bool(..)
        | CExpr::Name(_)
        | CExpr::Path(_)
        | CExpr::NameList(..) => {}
    }
}

struct ClaimWalk<'v, 'f, 'a> {
    vars: &'v HashSet<String>,
    f: &'f mut Visit<'a>,
}

impl ClaimWalk<'_, '_, '_> {
    fn binder(&mut self, b: &mut BinderDecl, depth: usize) {
        (self.f)(&mut b.kind, Site::Ref);
        if let Some(BinderSource::Eq(p)) = &mut b.source {
            self.path(p);
        }
        if let Some(g) = &mut b.genus {
            (self.f)(g, Site::Ref);
        }
        if let Some(e) = &mut b.filter {
            self.expr(e, depth + 1);
        }
    }

    /// `U.tg`: the head is a variable (or a name); what follows are properties.
    fn path(&mut self, p: &mut Path) {
        let mut parts = p.parts.iter_mut();
        if let Some(head) = parts.next()
            && !self.vars.contains(&head.name)
        {
            (self.f)(head, Site::Ref);
        }
        for prop in parts {
            (self.f)(prop, Site::Ref);
        }
    }

    fn expr(&mut self, e: &mut CExpr, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match e {
            CExpr::Name(i) => {
                if !self.vars.contains(&i.name) {
                    (self.f)(i, Site::Ref);
                }
            }
            CExpr::Path(p) => self.path(p),
            CExpr::NameList(xs, _) => {
                for x in xs {
                    (self.f)(x, Site::Ref);
                }
            }
            CExpr::Is(a, g, _) => {
                self.expr(a, d);
                (self.f)(g, Site::Ref);
            }
            CExpr::Call { args, quant, .. } => {
                if let Some(q) = quant {
                    self.binder(&mut q.binder, d);
                    if let Some(b) = &mut q.body {
                        self.expr(b, d);
                    }
                }
                for a in args {
                    self.expr(a, d);
                }
            }
            CExpr::Neg(a, _) | CExpr::Paren(a, _) | CExpr::Not(a, _) => self.expr(a, d),
            CExpr::Arith(a, _, b, _) | CExpr::Cmp(a, _, b, _) | CExpr::Member(a, b, _) => {
                self.expr(a, d);
                self.expr(b, d);
            }
            CExpr::InInterval { value, lo, hi, .. } => {
                self.expr(value, d);
                self.expr(lo, d);
                self.expr(hi, d);
            }
            CExpr::And(xs, _) | CExpr::Or(xs, _) => {
                for x in xs {
                    self.expr(x, d);
                }
            }
            CExpr::Construed { arms, .. } => {
                for (_, x) in arms {
                    self.expr(x, d);
                }
            }
            CExpr::About { bound, .. } => self.expr(bound, d),
            CExpr::Quantity(_) | CExpr::Ratio(..) | CExpr::Bool(..) => {}
        }
    }
}
