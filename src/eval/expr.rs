//! Evaluation of claim expressions under one binding of the claim's variables.

use super::Verdict;
use super::judge::{Evidence, Judgement, Missing, Window, compare, fmt_distance, holds, window_on};
use crate::claims::{Binder, ClaimSet, Domain, Ex, Func, Sym};
use crate::model::{Basis, Given, KindId, MaterialId, Model, NodeId, PropValue, Val as MVal};
use crate::source::{SourceMap, Span};
use crate::syntax::ast::CmpOp;
use crate::units::table::fmt_exact;
use crate::units::{Dim, Exact, Interval, Quantity, Temp, binary};
use std::collections::HashMap;

/// What a claim variable is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    fn join(self, o: Leaf) -> Leaf {
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

/// Lookup structures built once per evaluation.
pub struct Index {
    /// Top-level nodes per kind, in source order.
    pub by_kind: HashMap<KindId, Vec<NodeId>>,
    /// Top-level nodes that refer (by a property of their own) to a node.
    pub referrers: HashMap<NodeId, Vec<NodeId>>,
}

impl Index {
    pub fn new(model: &Model) -> Index {
        let mut by_kind: HashMap<KindId, Vec<NodeId>> = HashMap::new();
        let mut referrers: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for &id in &model.items {
            let Some(n) = model.node(id) else { continue };
            by_kind.entry(n.kind).or_default().push(id);
            for p in &n.props {
                let targets: &[NodeId] = match &p.value {
                    MVal::Ref(t) => std::slice::from_ref(t),
                    MVal::Refs(ts) => ts,
                    _ => &[],
                };
                for t in targets {
                    let list = referrers.entry(*t).or_default();
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
        }
        Index { by_kind, referrers }
    }
}

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
    pub missing: Vec<Missing>,
    pub evidence: Vec<Evidence>,
    /// Values of the quantity sub-expressions evaluated, innermost first (detail mode).
    pub trace: Vec<(Span, String)>,
}

impl<'m> Ctx<'m> {
    pub fn lookup(&self, s: Sym) -> Bound {
        self.env
            .iter()
            .rev()
            .find(|(v, _)| *v == s)
            .map_or(Bound::Unbound, |(_, b)| *b)
    }

    /// A spec value as written, to show conversions (`500 mg/m2` read as `0.5 g/m²`); only in
    /// detail mode.
    fn written(&self, span: Span) -> Option<String> {
        self.detail.then(|| self.text(span))
    }

    /// Claim source text for messages, with line breaks and indentation collapsed.
    fn text(&self, span: Span) -> String {
        self.sources
            .slice(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn miss(&mut self, what: impl FnOnce() -> String, span: Span) -> V<'m> {
        self.miss_as(what, span, false)
    }

    fn miss_as(&mut self, what: impl FnOnce() -> String, span: Span, unbound: bool) -> V<'m> {
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

    fn note(&mut self, span: Span, text: impl FnOnce() -> String) {
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

    fn describe_comp(&self, n: NodeId, i: usize) -> String {
        let comp = self.model.node(n).and_then(|node| node.components.get(i));
        match comp {
            Some(c) => {
                let name = self.model.schema.materials.name(c.material);
                match &c.label {
                    Some(l) => format!("{name} \"{l}\" in {}", self.model.describe(n)),
                    None => format!("{name} in {}", self.model.describe(n)),
                }
            }
            None => "?".into(),
        }
    }

    fn node(&self, s: Sym, span: Span) -> Result<NodeId, (String, Span)> {
        match self.lookup(s) {
            Bound::Node(n) => Ok(n),
            _ => Err((
                format!("nothing is bound to `{}`", self.set.symbol(s)),
                span,
            )),
        }
    }

    /// The candidates of a binder's domain under the current bindings, before its filter.
    pub fn domain(&self, b: &Binder) -> Vec<Bound> {
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
                        if n != p && node.kind == *kind {
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
                        .filter(|n| m.node(**n).is_some_and(|x| x.kind == *kind))
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
    fn eval(&mut self, e: &Ex, depth: usize) -> V<'m> {
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

    fn eval_inner(&mut self, e: &Ex, depth: usize) -> V<'m> {
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
                let j = self.said(Judgement::of(met), || {
                    if met {
                        format!("{mn} is a {gn}")
                    } else {
                        format!("{mn} is not a {gn}")
                    }
                });
                let _ = span;
                V::Truth(j)
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

    fn truth(&mut self, e: &Ex, d: usize) -> Judgement {
        match self.eval(e, d) {
            V::Truth(j) => j,
            _ => Judgement::new(Verdict::Undetermined),
        }
    }

    fn said(&self, j: Judgement, msg: impl FnOnce() -> String) -> Judgement {
        if self.detail { j.say(msg()) } else { j }
    }

    fn prop(&mut self, of: Sym, prop: crate::model::PropId, component: bool, span: Span) -> V<'m> {
        let m = self.model;
        // The property's name reads better in a sentence than its label ("thickness of layer
        // \"top\"", not "thickness of the layer of layer \"top\"").
        let label_owned = m
            .schema
            .prop(prop)
            .map_or_else(|| "?".to_string(), |p| p.name.replace('_', " "));
        let label = label_owned.as_str();
        let (pv, owner_desc, owner_span): (Option<&'m PropValue>, String, Span) =
            match self.lookup(of) {
                Bound::Node(n) if !component => {
                    let node = m.node(n);
                    (
                        node.and_then(|x| x.prop(prop)),
                        m.describe(n),
                        node.map_or(span, |x| x.head_span),
                    )
                }
                Bound::Comp(n, i) if component => {
                    let c = m.node(n).and_then(|x| x.components.get(i));
                    (
                        c.and_then(|c| c.props.iter().find(|p| p.prop == prop)),
                        self.describe_comp(n, i),
                        c.map_or(span, |c| c.span),
                    )
                }
                _ => {
                    let name = self.set.symbol(of).to_string();
                    return self.miss_as(
                        || format!("{label}: nothing is bound to `{name}`"),
                        span,
                        true,
                    );
                }
            };
        let Some(pv) = pv else {
            return self.miss(
                || format!("the {label} of {owner_desc} is not given"),
                owner_span,
            );
        };
        match &pv.value {
            MVal::Quantity(q) => {
                let mut q = *q;
                if let Some((leaf, v)) = self.override_leaf
                    && leaf == pv.span
                {
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

    fn cmp(&mut self, l: &Ex, op: CmpOp, r: &Ex, span: Span, d: usize) -> V<'m> {
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
                    j.window = self.window(l, r, op, x, y, leaf, d);
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

    /// Where a partly met comparison holds: on the one uncertain spec value it depends on,
    /// found exactly by evaluating the difference of the sides at the value's two ends
    /// (when the difference is affine in it), or else on the compared expression.
    #[allow(clippy::too_many_arguments)]
    fn window(
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

    fn leaf_value(&self, span: Span) -> Option<Quantity> {
        let units = &self.model.schema.units;
        let dim_of = |name: &str| units.dimension(name).map_or(Dim::NONE, |x| x.dim);
        // A component amount as written …
        let amount = self
            .model
            .nodes
            .iter()
            .flat_map(|n| n.components.iter())
            .find_map(|c| match c.given {
                Given::CoatWeight(v) if c.amount_span == span => {
                    Some(Quantity::new(dim_of("coat_weight"), Temp::Difference, v))
                }
                Given::MassFraction(v) if c.amount_span == span => {
                    Some(Quantity::new(dim_of("mass_fraction"), Temp::Difference, v))
                }
                _ => None,
            });
        if amount.is_some() {
            return amount;
        }
        // … or a property value.
        self.model.nodes.iter().find_map(|n| {
            n.props
                .iter()
                .chain(n.components.iter().flat_map(|c| c.props.iter()))
                .find_map(|p| match &p.value {
                    MVal::Quantity(q) if p.span == span => Some(*q),
                    _ => None,
                })
        })
    }

    fn solve_leaf(
        &mut self,
        l: &Ex,
        r: &Ex,
        op: CmpOp,
        leaf: Span,
        q: Quantity,
        d: usize,
    ) -> Option<Window> {
        let at = |this: &mut Self, v: Exact| -> Option<Exact> {
            let saved = this.override_leaf.replace((leaf, Interval::point(v)));
            let detail = std::mem::replace(&mut this.detail, false);
            let diff = match (this.eval(l, d), this.eval(r, d)) {
                (V::Q(a, _), V::Q(b, _)) if a.value.is_point() && b.value.is_point() => {
                    a.value.lo.sub(b.value.lo).ok()
                }
                _ => None,
            };
            this.detail = detail;
            this.override_leaf = saved;
            diff
        };
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

    fn leaf_name(&self, span: Span) -> String {
        for (i, n) in self.model.nodes.iter().enumerate() {
            let id = NodeId(u32::try_from(i).unwrap_or(u32::MAX));
            if let Some(ci) = n.components.iter().position(|c| c.amount_span == span) {
                return format!("the amount of {}", self.describe_comp(id, ci));
            }
        }
        for (i, n) in self.model.nodes.iter().enumerate() {
            let id = NodeId(u32::try_from(i).unwrap_or(u32::MAX));
            for p in &n.props {
                if p.span == span {
                    let label = self
                        .model
                        .schema
                        .prop(p.prop)
                        .map_or("?", |x| x.label.as_str());
                    return format!("the {label} of {}", self.model.describe(id));
                }
            }
            for (ci, c) in n.components.iter().enumerate() {
                for p in &c.props {
                    if p.span == span {
                        let label = self
                            .model
                            .schema
                            .prop(p.prop)
                            .map_or("?", |x| x.label.as_str());
                        return format!("the {label} of {}", self.describe_comp(id, ci));
                    }
                }
            }
        }
        format!("`{}`", self.text(span))
    }

    fn explain_cmp(&self, j: &mut Judgement, l: &Ex, op: CmpOp, r: &Ex, x: Quantity, y: Quantity) {
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
        j.bound = Some(bound);
        j.margin = dist.map(|m| {
            let s = fmt_distance(units, x.dim, m.abs());
            if m.is_negative() { negative(&s) } else { s }
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn in_interval(
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
            low.window = self.window(value, lo, lop, x, l, leaf, d);
        }
        if high.verdict == Verdict::PartlyMet {
            high.window = self.window(value, hi, hop, x, h, leaf, d);
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
            j.bound = Some(interval);
            j.margin = match (j.verdict, inside, above, below) {
                (Verdict::Met, Some(m), _, _) => Some(show(m)),
                (Verdict::NotMet, _, Some(a), _) if !a.is_negative() => Some(negative(&show(a))),
                (Verdict::NotMet, _, _, Some(b)) if !b.is_negative() => Some(negative(&show(b))),
                _ => None,
            };
        }
        let _ = span;
        V::Truth(j)
    }

    fn func(&mut self, f: &Func, span: Span, d: usize) -> V<'m> {
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
                            let desc = self.describe_comp(n, i);
                            self.note(c.span, || desc);
                        }
                    }
                }
                let gname = mats.label(*genus).to_string();
                let ndesc = m.describe(n);
                let met = !found.is_empty();
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
                    .filter(|c| !mats.is_a(**c, *species))
                    .map(|c| mats.name(*c))
                    .collect();
                let met = !comps.is_empty() && others.is_empty();
                let (gname, sname, ndesc) = (
                    mats.label(*genus).to_string(),
                    mats.label(*species).to_string(),
                    m.describe(n),
                );
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
                match node
                    .and_then(|x| x.composition.as_ref())
                    .and_then(|c| c.total)
                {
                    Some(t) => {
                        let desc = m.describe(n);
                        let shown = units.format(dim("coat_weight"), Temp::Difference, t);
                        self.note(node.map_or(span, |x| x.head_span), || {
                            format!("total coat weight of {desc} = {shown}")
                        });
                        V::Q(
                            Quantity::new(dim("coat_weight"), Temp::Difference, t),
                            if t.is_point() { Leaf::None } else { Leaf::Many },
                        )
                    }
                    None => {
                        let desc = m.describe(n);
                        self.miss(|| format!("the total coat weight of {desc} is not given and cannot be derived"), node.map_or(span, |x| x.head_span))
                    }
                }
            }
            Func::Count(b) => {
                let (met, unknown) = self.count(b, d);
                match Interval::new(Exact::int(met), Exact::int(met + unknown)) {
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
                let (met, unknown) = self.count(b, d);
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
                let mut total: Option<Quantity> = None;
                for cand in self.domain(b) {
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
                let before = matches!(f, Func::Before(..));
                let met = same_parent
                    && if before {
                        ix < iy
                    } else {
                        ix.abs_diff(iy) == 1
                    };
                if self.detail {
                    for (n, i) in [(x, ix), (y, iy)] {
                        let desc = m.describe(n);
                        self.note(m.node(n).map_or(span, |k| k.head_span), || {
                            format!("{desc} is element {} of its parent", i + 1)
                        });
                    }
                }
                let (dx, dy) = (m.describe(x), m.describe(y));
                V::Truth(
                    self.said(Judgement::of(met), || match (before, met, same_parent) {
                        (_, _, false) => format!("{dx} and {dy} do not stand in the same element"),
                        (true, true, _) => format!("{dx} comes before {dy}"),
                        (true, false, _) => format!(
                            "{dx} does not come before {dy} (it is element {}, {dy} element {})",
                            ix + 1,
                            iy + 1
                        ),
                        (false, true, _) => format!("{dx} and {dy} are next to each other"),
                        (false, false, _) => format!("{dx} and {dy} are not next to each other"),
                    }),
                )
            }
            Func::Last(a) => {
                let x = match self.node(*a, span) {
                    Ok(x) => x,
                    Err((w, s)) => return self.miss_as(|| w, s, true),
                };
                let kind = m.node(x).map(|n| n.kind);
                let last = m
                    .node(x)
                    .and_then(|n| n.parent)
                    .and_then(|p| m.node(p))
                    .and_then(|p| {
                        p.children
                            .iter()
                            .rev()
                            .find(|c| m.node(**c).map(|n| n.kind) == kind)
                            .copied()
                    });
                let met = last == Some(x);
                let desc = m.describe(x);
                let top = last.map(|l| m.describe(l)).unwrap_or_default();
                V::Truth(self.said(Judgement::of(met), || {
                    if met {
                        format!("{desc} is the last of its kind")
                    } else {
                        format!("{top} lies above {desc}")
                    }
                }))
            }
        }
    }

    /// Position among the parent's elements of the same kind: adjacency of layers is not
    /// broken by the support listed between them.
    fn kind_index(&self, n: NodeId) -> Option<usize> {
        let m = self.model;
        let node = m.node(n)?;
        let parent = m.node(node.parent?)?;
        parent
            .children
            .iter()
            .filter(|c| m.node(**c).is_some_and(|x| x.kind == node.kind))
            .position(|c| *c == n)
    }

    /// Position among the elements of the parent (layers from the support up, steps in order).
    fn sibling_index(&self, n: NodeId) -> Option<usize> {
        let m = self.model;
        let parent = m.node(m.node(n)?.parent?)?;
        parent.children.iter().position(|c| *c == n)
    }

    /// (met, undetermined) candidates of a binder's domain.
    fn count(&mut self, b: &Binder, d: usize) -> (i64, i64) {
        let mut met = 0;
        let mut unknown = 0;
        for cand in self.domain(b) {
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
        (met, unknown)
    }

    /// The amount of a genus in an element, in coat weight or wt% (optionally as anhydride).
    fn amount(
        &mut self,
        of: Sym,
        genus: MaterialId,
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
        let gname = mats.label(genus).to_string();
        let ndesc = m.describe(n);
        let Some(comp) = node.composition.as_ref() else {
            self.note(node.head_span, || format!("{ndesc} lists no components"));
            return V::Q(
                Quantity::new(dim, Temp::Difference, Interval::point(Exact::ZERO)),
                Leaf::None,
            );
        };
        let mut sum = Interval::point(Exact::ZERO);
        let mut leaf = Leaf::None;
        for (i, (c, dv)) in node.components.iter().zip(&comp.parts).enumerate() {
            if !mats.is_a(c.material, genus) {
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
            let v = match self.override_leaf {
                Some((leaf, value)) if given_here && leaf == c.amount_span => Some(value),
                _ => v,
            };
            let Some(mut v) = v else {
                let desc = self.describe_comp(n, i);
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
                        return self.miss(
                            || format!("no molar masses to convert {name} to its anhydride"),
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
            let desc = self.describe_comp(n, i);
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
                .filter(|w| converted(w, &shown))
                .map_or(String::new(), |w| format!(" (written {w})"));
            self.note(c.amount_span, || {
                format!("{desc}: {shown}{written}{given}{conv}")
            });
        }
        if self.detail && !node.components.iter().any(|c| mats.is_a(c.material, genus)) {
            self.note(node.head_span, || format!("{ndesc} contains no {gname}"));
        }
        // Over a total that is the sum of the parts, the genus's share has tighter exact
        // bounds than the sum of its species' shares.
        if basis == Basis::MassFraction
            && !anhydrous
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
    fn ratio(
        &mut self,
        of: Sym,
        a: MaterialId,
        b: MaterialId,
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
                        let (bn, desc) = (
                            self.model.schema.materials.label(b).to_string(),
                            self.node(of, span)
                                .map(|n| self.model.describe(n))
                                .unwrap_or_default(),
                        );
                        self.miss(
                            || format!("{desc} contains no {bn}, so the ratio is undefined"),
                            span,
                        );
                        None
                    }
                };
            }
        }
        // Neither basis is complete: say what is missing.
        let dim = dim_of("coat_weight");
        let _ = self.amount(of, a, Basis::CoatWeight, anhydrous, dim, span);
        let _ = self.amount(of, b, Basis::CoatWeight, anhydrous, dim, span);
        None
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
fn converted(written: &str, shown: &str) -> bool {
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
