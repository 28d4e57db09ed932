//! Evaluation of claim expressions under one binding of the claim's variables.

use super::Verdict;
use super::judge::{Evidence, Judgement, Missing, compare, fmt_distance};
use crate::claims::{Binder, ClaimSet, Domain, Ex, Sym};
use crate::model::{KindId, MaterialId, Model, NodeId, PropValue, Val as MVal};
use crate::source::{SourceMap, Span};
use crate::syntax::ast::CmpOp;
use crate::units::{Exact, Interval, Quantity, binary};

pub(super) use super::index::{Index, side_of};

/// What a claim variable is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    Node(NodeId),
    Comp(NodeId, usize),
    /// Nothing could be bound (the claim's words name something the spec lacks).
    Unbound,
}

/// Which uncertain spec values a quantity depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    None,
    One(Span),
    Many,
    /// The range stems from facts the spec does not state (a count over elements whose
    /// condition is undecided), not from tolerances: an undecided comparison is undetermined,
    /// not partly met.
    Unknown,
}

impl Leaf {
    pub(super) fn join(self, o: Leaf) -> Leaf {
        match (self, o) {
            (Leaf::Unknown, _) | (_, Leaf::Unknown) => Leaf::Unknown,
            (Leaf::None, x) | (x, Leaf::None) => x,
            (Leaf::One(a), Leaf::One(b)) if a == b => Leaf::One(a),
            _ => Leaf::Many,
        }
    }
}

// A short-lived value of the evaluator: boxing the judgement would allocate on every
// comparison of the binding search.
#[allow(clippy::large_enum_variant)]
pub enum V<'m> {
    Q(Quantity, Leaf),
    Truth(Judgement),
    Node(NodeId),
    Nodes(&'m [NodeId]),
    Comp(NodeId, usize),
    Material(MaterialId),
    Choice(&'m str),
    /// A fact the spec does not state (the reason is in `Ctx::missing` in detail mode).
    Missing,
}

/// Candidate lists by (kind, containing element).
pub type DomainCache =
    std::cell::RefCell<rustc_hash::FxHashMap<(KindId, Option<NodeId>), std::rc::Rc<[Bound]>>>;

pub struct Ctx<'m> {
    pub model: &'m Model,
    pub sources: &'m SourceMap,
    pub set: &'m ClaimSet,
    pub index: &'m Index,
    /// Build messages, evidence and missing facts (the chosen binding only).
    pub detail: bool,
    pub env: Vec<(Sym, Bound)>,
    /// Evaluate with one spec value replaced (to find where a condition holds).
    pub override_leaf: Option<(Span, Interval)>,
    /// Spec values replaced for the whole evaluation (`mediac sweep`), by the span of the value.
    pub fixed: &'m [(Span, Interval)],
    /// Set when a value of `fixed` was read: what depends on the swept values (`mediac
    /// sweep` compiles those conditions; see `eval::form`).
    pub fixed_read: std::cell::Cell<bool>,
    pub missing: Vec<Missing>,
    pub evidence: Vec<Evidence>,
    /// Values of the quantity sub-expressions evaluated, innermost first (detail mode).
    pub trace: Vec<(Span, String)>,
    /// The alternative read for each construction point of the set (by index); a point
    /// without one is read by its default.
    pub reading: Vec<usize>,
    /// The construction points whose `construed` expressions were evaluated (bit per point;
    /// all bits for points past 63): a reading that agrees on these gives the same search.
    pub touched: u64,
    /// Candidate lists of `All` and `In` domains, by (kind, element): listing the layers of a
    /// medium once, not once per binding that asks for them.
    pub domains: DomainCache,
}

impl<'m> Ctx<'m> {
    /// The value that replaces the spec value at `span` in this evaluation, if any.
    pub(super) fn replaced(&self, span: Span) -> Option<Interval> {
        match self.override_leaf {
            Some((leaf, v)) if leaf == span => Some(v),
            _ => {
                let hit = self.fixed.iter().find(|(s, _)| *s == span).map(|(_, v)| *v);
                if hit.is_some() {
                    self.fixed_read.set(true);
                }
                hit
            }
        }
    }

    pub fn lookup(&self, s: Sym) -> Bound {
        self.env
            .iter()
            .rev()
            .find(|(v, _)| *v == s)
            .map_or(Bound::Unbound, |(_, b)| *b)
    }

    /// A spec value as written, to show conversions (`500 mg/m2` read as `0.5 g/m²`); only in
    /// detail mode.
    pub(super) fn written(&self, span: Span) -> Option<String> {
        self.detail.then(|| self.text(span))
    }

    /// Claim source text for messages, with line breaks and indentation collapsed.
    pub(super) fn text(&self, span: Span) -> String {
        self.sources.one_line(span)
    }

    pub(super) fn miss(&mut self, what: impl FnOnce() -> String, span: Span) -> V<'m> {
        self.miss_as(what, span, false)
    }

    pub(super) fn miss_as(
        &mut self,
        what: impl FnOnce() -> String,
        span: Span,
        unbound: bool,
    ) -> V<'m> {
        if self.detail {
            let m = Missing {
                what: what(),
                span,
                unbound,
            };
            if !self.missing.contains(&m) {
                self.missing.push(m);
            }
        }
        V::Missing
    }

    pub(super) fn note(&mut self, span: Span, text: impl FnOnce() -> String) {
        if self.detail {
            let e = Evidence { span, text: text() };
            if !self.evidence.contains(&e) {
                self.evidence.push(e);
            }
        }
    }

    pub fn describe(&self, b: Bound) -> String {
        match b {
            Bound::Node(n) => self.model.describe(n),
            Bound::Comp(n, i) => self.describe_comp(n, i),
            Bound::Unbound => "nothing".into(),
        }
    }

    /// "cationic_fixing_agent on colloidal_silica in layer \"top\"": a component, with the
    /// component it is on when it has a host.
    pub(super) fn describe_comp(&self, n: NodeId, i: usize) -> String {
        let node = self.model.node(n);
        let Some(c) = node.and_then(|node| node.components.get(i)) else {
            return "?".into();
        };
        let named = |c: &crate::model::Component| {
            let name = self.model.schema.materials.name(c.material);
            match &c.label {
                Some(l) => format!("{name} \"{l}\""),
                None => name.to_string(),
            }
        };
        let host = c
            .host
            .and_then(|h| node.and_then(|node| node.components.get(h)))
            .map(|h| format!(" on {}", named(h)))
            .unwrap_or_default();
        format!("{}{host} in {}", named(c), self.model.describe(n))
    }

    pub(super) fn node(&self, s: Sym, span: Span) -> Result<NodeId, (String, Span)> {
        match self.lookup(s) {
            Bound::Node(n) => Ok(n),
            _ => Err((
                format!("nothing is bound to `{}`", self.set.symbol(s)),
                span,
            )),
        }
    }

    /// The candidates of a binder's domain under the current bindings, before its filter.
    pub fn domain(&self, b: &Binder) -> std::rc::Rc<[Bound]> {
        let key = match &b.domain {
            Domain::All(k) => {
                self.index
                    .listed_all
                    .store(true, std::sync::atomic::Ordering::Relaxed);
                Some((*k, None))
            }
            Domain::In { kind, parent } => match self.lookup(*parent) {
                Bound::Node(p) => Some((*kind, Some(p))),
                _ => None,
            },
            _ => None,
        };
        if let Some(k) = key
            && let Some(hit) = self.domains.borrow().get(&k)
        {
            return hit.clone();
        }
        let list: std::rc::Rc<[Bound]> = self.domain_list(b).into();
        if let Some(k) = key {
            self.domains.borrow_mut().insert(k, list.clone());
        }
        list
    }

    fn domain_list(&self, b: &Binder) -> Vec<Bound> {
        let m = self.model;
        match &b.domain {
            Domain::All(k) => self
                .index
                .by_kind
                .get(k)
                .map_or_else(Vec::new, |v| v.iter().map(|n| Bound::Node(*n)).collect()),
            Domain::In { kind, parent } => match self.lookup(*parent) {
                Bound::Node(p) => {
                    let mut out = Vec::new();
                    let mut stack = vec![p];
                    // Depth-first in source order; the model's nesting is bounded by the parser.
                    while let Some(n) = stack.pop() {
                        let Some(node) = m.node(n) else { continue };
                        for c in node.children.iter().rev() {
                            stack.push(*c);
                        }
                        if n != p && m.schema.kind_is(node.kind, *kind) {
                            out.push(Bound::Node(n));
                        }
                    }
                    out
                }
                _ => Vec::new(),
            },
            Domain::On { kind, target } => match self.lookup(*target) {
                Bound::Node(t) => self.index.referrers.get(&t).map_or_else(Vec::new, |v| {
                    v.iter()
                        .filter(|n| m.node(**n).is_some_and(|x| m.schema.kind_is(x.kind, *kind)))
                        .map(|n| Bound::Node(*n))
                        .collect()
                }),
                _ => Vec::new(),
            },
            Domain::Ref { from, prop, .. } => match self.lookup(*from) {
                Bound::Node(f) => match m.node(f).and_then(|n| n.prop(*prop)).map(|p| &p.value) {
                    Some(MVal::Ref(t)) => vec![Bound::Node(*t)],
                    Some(MVal::Refs(ts)) => ts.iter().map(|t| Bound::Node(*t)).collect(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            },
            Domain::Inner { host, genus } => match self.lookup(*host) {
                Bound::Comp(n, h) => m.node(n).map_or_else(Vec::new, |node| {
                    node.components
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| {
                            c.host == Some(h)
                                && genus.is_none_or(|g| m.schema.materials.is_a(c.material, g))
                        })
                        .map(|(i, _)| Bound::Comp(n, i))
                        .collect()
                }),
                _ => Vec::new(),
            },
            Domain::Components { of, genus } => match self.lookup(*of) {
                Bound::Node(n) => m.node(n).map_or_else(Vec::new, |node| {
                    node.components
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| {
                            genus.is_none_or(|g| m.schema.materials.is_a(c.material, g))
                        })
                        .map(|(i, _)| Bound::Comp(n, i))
                        .collect()
                }),
                _ => Vec::new(),
            },
        }
    }

    /// Evaluates a condition.
    pub fn judge(&mut self, e: &Ex) -> Judgement {
        match self.eval(e, 0) {
            V::Truth(j) => j,
            V::Missing => Judgement::new(Verdict::Undetermined),
            // Type checking makes every limitation a condition.
            _ => Judgement::new(Verdict::Undetermined),
        }
    }

    /// Evaluates, and in detail mode records the value of every quantity sub-expression (the
    /// power-assertion trace of `mediac explain` and of not-met diagnostics).
    pub(super) fn eval(&mut self, e: &Ex, depth: usize) -> V<'m> {
        let v = self.eval_inner(e, depth);
        if self.detail
            && let V::Q(q, _) = &v
            && !matches!(e, Ex::Const(..))
        {
            let shown = self.model.schema.units.format(q.dim, q.temp, q.value);
            let entry = (e.span(), shown);
            if !self.trace.contains(&entry) {
                self.trace.push(entry);
            }
        }
        v
    }

    pub(super) fn eval_inner(&mut self, e: &Ex, depth: usize) -> V<'m> {
        if depth > 256 {
            return self.miss(
                || "the expression is nested too deeply to evaluate".into(),
                e.span(),
            );
        }
        let d = depth + 1;
        match e {
            Ex::Const(q, _) => V::Q(*q, Leaf::None),
            Ex::Bool(b, _) => V::Truth(Judgement::of(*b)),
            // A choice is only ever the right side of `==`/`!=`, which reads it directly.
            Ex::Choice(..) => V::Missing,
            Ex::Var(s, span) => match self.lookup(*s) {
                Bound::Node(n) => V::Node(n),
                Bound::Comp(n, i) => V::Comp(n, i),
                Bound::Unbound => {
                    let name = self.set.symbol(*s).to_string();
                    self.miss_as(|| format!("nothing is bound to `{name}`"), *span, true)
                }
            },
            Ex::Prop {
                of,
                prop,
                component,
                span,
            } => self.prop(*of, *prop, *component, *span),
            Ex::Func(f, span) => self.func(f, *span, d),
            Ex::Neg(inner, _) => match self.eval(inner, d) {
                V::Q(q, leaf) => V::Q(
                    Quantity {
                        value: q.value.neg(),
                        ..q
                    },
                    leaf,
                ),
                other => other,
            },
            Ex::Arith(l, op, r, span) => {
                let (a, b) = (self.eval(l, d), self.eval(r, d));
                match (a, b) {
                    (V::Q(x, lx), V::Q(y, ly)) => match binary(&self.model.schema.units, (&x, l.span()), *op, (&y, r.span()), *span) {
                        Ok(q) => V::Q(q, lx.join(ly)),
                        Err(_) => self.miss(|| "the arithmetic is undefined for these values (division by a range containing zero)".into(), *span),
                    },
                    _ => V::Missing,
                }
            }
            Ex::Cmp(l, op, r, span) => self.cmp(l, *op, r, *span, d),
            Ex::InInterval {
                value,
                lo,
                lo_closed,
                hi,
                hi_closed,
                span,
            } => self.in_interval(value, lo, *lo_closed, hi, *hi_closed, *span, d),
            Ex::Member { node, list, span } => {
                let n = match self.node(*node, *span) {
                    Ok(n) => n,
                    Err((w, s)) => return self.miss_as(|| w, s, true),
                };
                match self.eval(list, d) {
                    V::Nodes(ns) => V::Truth(Judgement::of(ns.contains(&n))),
                    V::Node(x) => V::Truth(Judgement::of(x == n)),
                    _ => V::Missing,
                }
            }
            Ex::Is { value, genus, span } => {
                let mats = &self.model.schema.materials;
                let m = match self.eval(value, d) {
                    V::Material(m) => m,
                    V::Comp(n, i) => match self.model.node(n).and_then(|x| x.components.get(i)) {
                        Some(c) => c.material,
                        None => return V::Missing,
                    },
                    _ => return V::Missing,
                };
                let met = mats.is_a(m, *genus);
                let (mn, gn) = (mats.name(m).to_string(), mats.name(*genus).to_string());
                if !met && mats.may_be(m, *genus) {
                    return self.miss(
                        || {
                            format!(
                                "{mn} is named only by a genus: whether it is a {gn} is not stated"
                            )
                        },
                        *span,
                    );
                }
                let j = self.said(Judgement::of(met), || {
                    if met {
                        format!("{mn} is a {gn}")
                    } else {
                        format!("{mn} is not a {gn}")
                    }
                });
                V::Truth(j)
            }
            Ex::Construed { point, arms, .. } => {
                self.touched |= u32::try_from(*point)
                    .ok()
                    .and_then(|p| 1u64.checked_shl(p))
                    .unwrap_or(u64::MAX);
                let alt =
                    self.reading.get(*point).copied().unwrap_or_else(|| {
                        self.set.constructions.get(*point).map_or(0, |c| c.default)
                    });
                match arms.get(alt) {
                    Some(a) => self.eval(a, d),
                    None => V::Missing,
                }
            }
            Ex::NodeEq { a, b, equal, .. } => match (self.eval(a, d), self.eval(b, d)) {
                (V::Node(x), V::Node(y)) => V::Truth(Judgement::of((x == y) == *equal)),
                _ => V::Missing,
            },
            Ex::And(parts, _) => {
                let mut acc: Option<Judgement> = None;
                for p in parts {
                    let j = self.truth(p, d);
                    acc = Some(match acc {
                        None => j,
                        Some(a) => a.and(j),
                    });
                }
                V::Truth(acc.unwrap_or_else(|| Judgement::new(Verdict::Met)))
            }
            Ex::Or(parts, _) => {
                let mut acc: Option<Judgement> = None;
                for p in parts {
                    let j = self.truth(p, d);
                    acc = Some(match acc {
                        None => j,
                        Some(a) => a.or(j),
                    });
                }
                V::Truth(acc.unwrap_or_else(|| Judgement::new(Verdict::NotMet)))
            }
            Ex::Not(inner, _) => V::Truth(self.truth(inner, d).negate()),
        }
    }

    pub(super) fn truth(&mut self, e: &Ex, d: usize) -> Judgement {
        match self.eval(e, d) {
            V::Truth(j) => j,
            _ => Judgement::new(Verdict::Undetermined),
        }
    }

    pub(super) fn said(&self, j: Judgement, msg: impl FnOnce() -> String) -> Judgement {
        if self.detail { j.say(msg()) } else { j }
    }

    pub(super) fn prop(
        &mut self,
        of: Sym,
        prop: crate::model::PropId,
        component: bool,
        span: Span,
    ) -> V<'m> {
        let m = self.model;
        // The property's name reads better in a sentence than its label ("thickness of layer
        // \"top\"", not "thickness of the layer of layer \"top\"").
        // Descriptions are built only in detail mode: the binding search reads properties
        // millions of times. (The property's name reads better in a sentence than its label.)
        let detail = self.detail;
        let label_owned = if detail {
            m.schema
                .prop(prop)
                .map_or_else(|| "?".to_string(), |p| p.name.replace('_', " "))
        } else {
            String::new()
        };
        let label = label_owned.as_str();
        let (pv, owner_desc, owner_span): (Option<&'m PropValue>, String, Span) =
            match self.lookup(of) {
                Bound::Node(n) if !component => {
                    let node = m.node(n);
                    let desc = if detail { m.describe(n) } else { String::new() };
                    (
                        node.and_then(|x| x.prop(prop)),
                        desc,
                        node.map_or(span, |x| x.head_span),
                    )
                }
                Bound::Comp(n, i) if component => {
                    let c = m.node(n).and_then(|x| x.components.get(i));
                    let desc = if detail {
                        self.describe_comp(n, i)
                    } else {
                        String::new()
                    };
                    (
                        c.and_then(|c| c.props.iter().find(|p| p.prop == prop)),
                        desc,
                        c.map_or(span, |c| c.span),
                    )
                }
                _ => {
                    let name = if detail {
                        self.set.symbol(of).to_string()
                    } else {
                        String::new()
                    };
                    return self.miss_as(
                        || format!("{label}: nothing is bound to `{name}`"),
                        span,
                        true,
                    );
                }
            };
        let Some(pv) = pv else {
            // A property with a declared default (a layer's side) has it when not stated.
            match m.schema.prop(prop).and_then(|p| p.default.as_ref()) {
                Some(MVal::Choice(c)) => {
                    self.note(owner_span, || {
                        format!("{label} of {owner_desc} = {c} (not stated: the default)")
                    });
                    return V::Choice(c.as_str());
                }
                Some(MVal::Bool(b)) => {
                    self.note(owner_span, || {
                        format!("{label} of {owner_desc} = {b} (not stated: the default)")
                    });
                    return V::Truth(Judgement::of(*b));
                }
                _ => {}
            }
            return self.miss(
                || format!("the {label} of {owner_desc} is not given"),
                owner_span,
            );
        };
        match &pv.value {
            MVal::Quantity(q) => {
                let mut q = *q;
                if let Some(v) = self.replaced(pv.span) {
                    q.value = v;
                }
                let written = self.written(pv.span);
                self.note(pv.span, || {
                    let shown = m.schema.units.format(q.dim, q.temp, q.value);
                    format!(
                        "{label} of {owner_desc} = {shown}{}",
                        written
                            .as_deref()
                            .filter(|w| converted(w, &shown))
                            .map_or(String::new(), |w| format!(" (written {w})"))
                    )
                });
                V::Q(
                    q,
                    if q.value.is_point() {
                        Leaf::None
                    } else {
                        Leaf::One(pv.span)
                    },
                )
            }
            MVal::Bool(b) => {
                self.note(pv.span, || format!("{label} of {owner_desc} = {b}"));
                V::Truth(Judgement::of(*b))
            }
            MVal::Choice(c) => {
                self.note(pv.span, || format!("{label} of {owner_desc} = {c}"));
                V::Choice(c.as_str())
            }
            MVal::Material(mat) => {
                self.note(pv.span, || {
                    format!(
                        "{label} of {owner_desc} = {}",
                        m.schema.materials.name(*mat)
                    )
                });
                V::Material(*mat)
            }
            MVal::Ref(n) => V::Node(*n),
            MVal::Refs(ns) => V::Nodes(ns.as_slice()),
            MVal::Text(_) => V::Missing,
        }
    }

    pub(super) fn cmp(&mut self, l: &Ex, op: CmpOp, r: &Ex, span: Span, d: usize) -> V<'m> {
        let a = self.eval(l, d);
        let b = if matches!(r, Ex::Choice(..)) {
            V::Missing
        } else {
            self.eval(r, d)
        };
        match (a, b) {
            (V::Q(x, lx), V::Q(y, ly)) => {
                let leaf = lx.join(ly);
                let mut verdict = compare(x.value, op, y.value);
                if verdict == Verdict::PartlyMet && leaf == Leaf::Unknown {
                    verdict = Verdict::Undetermined;
                }
                let mut j = Judgement::new(verdict);
                if verdict == Verdict::PartlyMet {
                    j.window = self.window(l, r, op, x, y, leaf, d).map(Box::new);
                }
                if self.detail {
                    self.explain_cmp(&mut j, l, op, r, x, y);
                }
                V::Truth(j)
            }
            (V::Choice(a), _) => {
                let Ex::Choice(c, _) = r else {
                    return V::Missing;
                };
                let equal = a == c.as_str();
                let met = if op == CmpOp::Ne { !equal } else { equal };
                let lhs = self.text(l.span()).to_string();
                V::Truth(self.said(Judgement::of(met), || format!("{lhs} is {a}")))
            }
            (V::Truth(a), V::Truth(b)) => {
                let (av, bv) = (a.verdict, b.verdict);
                if av == Verdict::Undetermined || bv == Verdict::Undetermined {
                    return V::Missing;
                }
                let equal = av == bv;
                let _ = span;
                V::Truth(Judgement::of(if op == CmpOp::Ne { !equal } else { equal }))
            }
            _ => V::Missing,
        }
    }

    pub(super) fn explain_cmp(
        &self,
        j: &mut Judgement,
        l: &Ex,
        op: CmpOp,
        r: &Ex,
        x: Quantity,
        y: Quantity,
    ) {
        let units = &self.model.schema.units;
        let value = units.format(x.dim, x.temp, x.value);
        let bound_text = self.text(r.span()).trim().to_string();
        let bound_value = units.format(y.dim, y.temp, y.value);
        let bound = if bound_text == bound_value || bound_value.contains(&bound_text) {
            bound_value.clone()
        } else {
            format!("{bound_text} = {bound_value}")
        };
        let lhs = self.text(l.span()).trim().to_string();
        // Distance from the value to the bound, positive on the side the claim asks for.
        let dist = match op {
            CmpOp::Gt | CmpOp::Ge => x.value.lo.sub(y.value.hi).ok(),
            CmpOp::Lt | CmpOp::Le => y.value.lo.sub(x.value.hi).ok(),
            _ => None,
        };
        let words = match op {
            CmpOp::Gt => "more than",
            CmpOp::Ge => "at least",
            CmpOp::Lt => "less than",
            CmpOp::Le => "at most",
            CmpOp::Eq => "equal to",
            CmpOp::Ne => "different from",
        };
        let show = |v: Exact| fmt_distance(units, x.dim, v.abs());
        j.message = match (j.verdict, dist) {
            (Verdict::Met, Some(m)) if m.is_zero() => {
                format!("{lhs} = {value} is {words} {bound}, exactly at the bound")
            }
            (Verdict::Met, Some(m)) => {
                format!("{lhs} = {value} is {words} {bound}, by {}", show(m))
            }
            (Verdict::Met, None) => format!("{lhs} = {value} is {words} {bound}"),
            (Verdict::NotMet, Some(m)) if m.is_zero() => {
                format!(
                    "{lhs} = {value} is exactly {bound}, which the claim's \"{words}\" excludes"
                )
            }
            (Verdict::NotMet, Some(m)) => format!(
                "{lhs} = {value} is not {words} {bound}: it misses by {}",
                show(m)
            ),
            (Verdict::NotMet, None) => format!("{lhs} = {value} is not {words} {bound}"),
            (Verdict::Undetermined, _) => {
                format!(
                    "{lhs} = {value} may or may not be {words} {bound}: a fact it depends on is not given"
                )
            }
            (_, _) => match &j.window {
                Some(w) => format!(
                    "{lhs} = {value} is {words} {bound} only for {} in {}",
                    w.what,
                    w.describe(units)
                ),
                None => format!("{lhs} = {value} is {words} {bound} for only part of its range"),
            },
        };
        j.value = Some(value);
        j.bound = Some(bound.clone());
        let met = j.verdict == Verdict::Met;
        j.margin = dist.map(|m| margin(units, x.dim, m, met, (&lhs, &bound)));
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn in_interval(
        &mut self,
        value: &Ex,
        lo: &Ex,
        lo_closed: bool,
        hi: &Ex,
        hi_closed: bool,
        span: Span,
        d: usize,
    ) -> V<'m> {
        let (v, a, b) = (self.eval(value, d), self.eval(lo, d), self.eval(hi, d));
        let (V::Q(x, lx), V::Q(l, ll), V::Q(h, lh)) = (v, a, b) else {
            return V::Missing;
        };
        let lop = if lo_closed { CmpOp::Ge } else { CmpOp::Gt };
        let hop = if hi_closed { CmpOp::Le } else { CmpOp::Lt };
        let mut low = Judgement::new(compare(x.value, lop, l.value));
        let mut high = Judgement::new(compare(x.value, hop, h.value));
        let leaf = lx.join(ll).join(lh);
        if low.verdict == Verdict::PartlyMet {
            low.window = self.window(value, lo, lop, x, l, leaf, d).map(Box::new);
        }
        if high.verdict == Verdict::PartlyMet {
            high.window = self.window(value, hi, hop, x, h, leaf, d).map(Box::new);
        }
        // One side fully met and the other partly: the window is the partial side's.
        let mut j = low.and(high);
        if j.verdict == Verdict::PartlyMet && leaf == Leaf::Unknown {
            j.verdict = Verdict::Undetermined;
            j.window = None;
        }
        if j.verdict == Verdict::PartlyMet && j.window.is_none() {
            j.window = None;
        }
        if self.detail {
            let units = &self.model.schema.units;
            let shown = units.format(x.dim, x.temp, x.value);
            let lhs = self.text(value.span()).trim().to_string();
            let interval = format!(
                "{}{}, {}{}",
                if lo_closed { "[" } else { "(" },
                self.text(lo.span()).trim(),
                self.text(hi.span()).trim(),
                if hi_closed { "]" } else { ")" }
            );
            let fmt_b = |q: &Quantity, t: &str| {
                let v = units.format(q.dim, q.temp, q.value);
                if v == t || v.contains(t) {
                    v
                } else {
                    format!("{t} = {v}")
                }
            };
            let lo_b = fmt_b(&l, self.text(lo.span()).trim());
            let hi_b = fmt_b(&h, self.text(hi.span()).trim());
            let below = l.value.lo.sub(x.value.hi).ok();
            let above = x.value.lo.sub(h.value.hi).ok();
            let inside = x
                .value
                .lo
                .sub(l.value.hi)
                .ok()
                .zip(h.value.lo.sub(x.value.hi).ok())
                .map(|(a, b)| a.min(b));
            let show = |m: Exact| fmt_distance(units, x.dim, m.abs());
            j.message = match j.verdict {
                Verdict::Met => match inside {
                    Some(m) => format!(
                        "{lhs} = {shown} is within {interval}, {} inside the nearest bound",
                        show(m)
                    ),
                    None => format!("{lhs} = {shown} is within {interval}"),
                },
                Verdict::NotMet => match (above, below) {
                    (Some(a), _) if a > Exact::ZERO || (a.is_zero() && !hi_closed) => {
                        if a.is_zero() {
                            format!(
                                "{lhs} = {shown} is at the upper bound {hi_b}, which the claim excludes"
                            )
                        } else {
                            format!(
                                "{lhs} = {shown} is above the upper bound {hi_b} by {}",
                                show(a)
                            )
                        }
                    }
                    (_, Some(b)) if b.is_zero() => {
                        format!(
                            "{lhs} = {shown} is at the lower bound {lo_b}, which the claim excludes"
                        )
                    }
                    (_, Some(b)) => format!(
                        "{lhs} = {shown} is below the lower bound {lo_b} by {}",
                        show(b)
                    ),
                    _ => format!("{lhs} = {shown} is outside {interval}"),
                },
                _ => match &j.window {
                    Some(w) => format!(
                        "{lhs} = {shown} is within {interval} only for {} in {}",
                        w.what,
                        w.describe(units)
                    ),
                    None => {
                        format!("{lhs} = {shown} is within {interval} for only part of its range")
                    }
                },
            };
            j.value = Some(shown);
            j.bound = Some(interval.clone());
            let m = |d: Exact, met: bool| margin(units, x.dim, d, met, (&lhs, &interval));
            j.margin = match (j.verdict, inside, above, below) {
                (Verdict::Met, Some(d), _, _) => Some(m(d, true)),
                (Verdict::NotMet, _, Some(a), _) if !a.is_negative() => Some(m(a.neg(), false)),
                (Verdict::NotMet, _, _, Some(b)) if !b.is_negative() => Some(m(b.neg(), false)),
                _ => None,
            };
        }
        let _ = span;
        V::Truth(j)
    }
}

/// The one margin rule of every output: the signed distance from the nearest point of the
/// value's range to the bound — positive inside, negative outside — with its unit (`(ratio)`
/// for a ratio, `elements` for a count); a value exactly at a bound the claim excludes is
/// `0 …, at the excluded bound`, never `-0`.
fn margin(
    units: &crate::units::UnitTable,
    dim: crate::units::Dim,
    signed: Exact,
    met: bool,
    (lhs, bound): (&str, &str),
) -> String {
    let mut shown = fmt_distance(units, dim, signed.abs());
    if dim != crate::units::Dim::NONE && units.display_unit(dim).is_none() {
        // A kind with no unit of its own (a mass ratio): named in words.
        shown.push_str(&format!(" ({})", units.describe(dim)));
    } else if dim == crate::units::Dim::NONE {
        if bound.contains(':') || lhs.starts_with("ratio(") {
            shown.push_str(" (ratio)");
        } else if lhs.starts_with("count(") {
            shown.push_str(if signed.abs() == Exact::ONE {
                " element"
            } else {
                " elements"
            });
        }
    }
    if signed.is_zero() {
        if met {
            shown
        } else {
            format!("{shown}, at the excluded bound")
        }
    } else if signed.is_negative() {
        negative(&shown)
    } else {
        shown
    }
}

/// A distance outside the bound, written with its sign: `-0.5 g/m²`, `≈ -0.011`.
fn negative(shown: &str) -> String {
    match shown.strip_prefix("≈ ") {
        Some(rest) => format!("≈ -{rest}"),
        None => format!("-{shown}"),
    }
}

/// Whether a value was converted on its way from the text (`500 mg/m2` shown as `0.5 g/m²`,
/// `7 g/m2` as a wt%): the units differ once ASCII spellings are normalised.
pub(super) fn converted(written: &str, shown: &str) -> bool {
    // The unit is the last word when it is not a number: `g/m2` in `0.3 g/m2 .. 0.7 g/m2`.
    let unit = |s: &str| -> String {
        let last = s.split_whitespace().next_back().unwrap_or("");
        let last = if last.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '≈') {
            ""
        } else {
            last
        };
        last.replace("m2", "m²")
            .replace("m3", "m³")
            .replace("degC", "°C")
            .replace("degF", "°F")
            .replace("um", "µm")
            .replace('μ', "µ")
            .replace('*', "·")
    };
    unit(written) != unit(shown)
}
