//! Phase 3: claim sets → checked claim IR.
//!
//! Contract: [`build`] turns every `claimset` of the compilation into a [`ClaimSet`] whose
//! expressions are resolved (variables, properties, materials, functions) and type-checked
//! with the same unit algebra as the spec side; every problem is a [`ClaimError`] with spans.
//! Limitations stay data — expressions over named quantities — so that later passes (the
//! evaluator, a linter, a sweeper) can analyse them.

mod compare;
mod construction;
mod error;
mod functions;
pub mod intent;
mod lower;

pub use error::ClaimError;
pub use intent::Intent;
pub use lower::build;

use crate::model::{KindId, MaterialId, PropId};
use crate::source::Span;
use crate::syntax::ast::{BinOp, CmpOp};
use crate::units::Quantity;

/// The most chains [`ClaimSet::chains`] lists.
pub const MAX_CHAINS: usize = 1024;

/// A variable name, interned per claim set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Medium,
    ManufacturingMethod,
    RecordingMethod,
    Apparatus,
}

impl Category {
    pub const ALL: [(&'static str, Category); 4] = [
        ("medium", Category::Medium),
        ("manufacturing_method", Category::ManufacturingMethod),
        ("recording_method", Category::RecordingMethod),
        ("apparatus", Category::Apparatus),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Medium => "medium",
            Category::ManufacturingMethod => "manufacturing_method",
            Category::RecordingMethod => "recording_method",
            Category::Apparatus => "apparatus",
        }
    }

    /// The kind of spec element a claim of this category reads on.
    pub fn subject_kind(self) -> &'static str {
        match self {
            Category::Medium => "medium",
            Category::ManufacturingMethod | Category::RecordingMethod => "process",
            Category::Apparatus => "apparatus",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClaimSet {
    pub id: String,
    pub title: String,
    /// The claim text the set encodes: a file next to the claim set (or in `text/` beside it).
    pub source: String,
    pub source_span: Span,
    /// `patent "…"`: the publication number, for charts.
    pub patent: Option<String>,
    pub span: Span,
    pub id_span: Span,
    /// Sorted by number.
    pub claims: Vec<Claim>,
    /// Variable names, indexed by [`Sym`].
    pub symbols: Vec<String>,
    /// The construction points of the set, indexed by [`Ex::Construed`]'s `point`.
    pub constructions: Vec<Construction>,
}

/// A construction point: a question on which reasonable readers of the claims differ, with
/// its alternatives (docs/language.md, "Constructions").
#[derive(Debug, Clone)]
pub struct Construction {
    pub name: String,
    pub question: String,
    pub alternatives: Vec<Alternative>,
    /// Index of the default alternative (the reading charts and explanations show first).
    pub default: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Alternative {
    pub name: String,
    pub rationale: String,
    pub source: Option<String>,
    pub span: Span,
}

impl ClaimSet {
    /// The construction points an expression tree uses, added to `out` (sorted, no repeats).
    pub fn points_in(ex: &Ex, out: &mut Vec<usize>) {
        let mut stack = vec![ex];
        while let Some(e) = stack.pop() {
            if let Ex::Construed { point, .. } = e
                && let Err(i) = out.binary_search(point)
            {
                out.insert(i, *point);
            }
            e.push_children(&mut stack);
        }
    }

    /// The claim and every claim on some chain of its parents, in number order (each once,
    /// however many chains pass through it).
    pub fn ancestors(&self, number: u32) -> Vec<u32> {
        let mut seen: Vec<u32> = Vec::new();
        let mut stack = vec![number];
        while let Some(n) = stack.pop() {
            let Some(c) = self.claim(n) else { continue };
            if let Err(i) = seen.binary_search(&n) {
                seen.insert(i, n);
                // Parents are lower-numbered (checked when the set is built): this ends.
                stack.extend(c.parents.iter().filter(|p| **p < n));
            }
        }
        seen
    }

    /// The construction points a claim uses, through any chain of its parents.
    pub fn points_of_claim(&self, number: u32) -> Vec<usize> {
        let mut out = Vec::new();
        for n in self.ancestors(number) {
            let Some(c) = self.claim(n) else { continue };
            for item in &c.items {
                match item {
                    Item::Binder(b) => {
                        if let Some(f) = &b.filter {
                            Self::points_in(f, &mut out);
                        }
                    }
                    Item::Limitation(l) => Self::points_in(&l.expr, &mut out),
                }
            }
        }
        out
    }
}

impl ClaimSet {
    pub fn claim(&self, number: u32) -> Option<&Claim> {
        self.claims
            .binary_search_by_key(&number, |c| c.number)
            .ok()
            .and_then(|i| self.claims.get(i))
    }

    pub fn symbol(&self, s: Sym) -> &str {
        self.symbols.get(s.0 as usize).map_or("?", String::as_str)
    }

    /// Chains of claims from an independent claim down to `number`, one per alternative of
    /// each multiple dependency (`of 1, 4..14`), root first; at most [`MAX_CHAINS`] of them
    /// (their number grows exponentially with multiple dependencies). The evaluator does not
    /// use this: it walks the claims as a graph (see `eval::plan`).
    pub fn chains(&self, number: u32) -> Vec<Vec<u32>> {
        let mut out = Vec::new();
        self.chains_into(number, &mut Vec::new(), &mut out, 0);
        out
    }

    fn chains_into(
        &self,
        number: u32,
        suffix: &mut Vec<u32>,
        out: &mut Vec<Vec<u32>>,
        depth: usize,
    ) {
        // Parents are always lower-numbered (checked when the set is built), so chains are
        // finite; the depth guard keeps even a corrupt set from recursing without end.
        let Some(claim) = self.claim(number) else {
            return;
        };
        if depth > self.claims.len() || out.len() >= MAX_CHAINS {
            return;
        }
        suffix.push(number);
        if claim.parents.is_empty() {
            out.push(suffix.iter().rev().copied().collect());
        } else {
            for &p in &claim.parents {
                self.chains_into(p, suffix, out, depth + 1);
            }
        }
        suffix.pop();
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub number: u32,
    pub number_span: Span,
    pub category: Category,
    /// Expanded alternatives: `of 1, 4..6` is [1, 4, 5, 6].
    pub parents: Vec<u32>,
    /// Binders and limitations in the order written.
    pub items: Vec<Item>,
    /// Further passages of the claim text that its limitations read, beside their own words
    /// (definitions given later in the claim), for the completeness lint.
    pub also_words: Vec<(String, Span)>,
    /// `note "…"` of a limitation, by the span of its item (for the chart's notes column).
    pub notes: Vec<(Span, String)>,
    pub span: Span,
    /// The claim (or a parent) has errors; it is not evaluated, since leaving out the
    /// limitation that failed to compile would read the claim more broadly than it is.
    pub broken: bool,
}

impl Claim {
    pub fn is_independent(&self) -> bool {
        self.parents.is_empty()
    }
}

#[derive(Debug, Clone)]
pub enum Item {
    Binder(Binder),
    Limitation(Limitation),
}

/// The elements a variable ranges over.
#[derive(Debug, Clone, PartialEq)]
pub enum Domain {
    /// Every top-level element of the kind.
    All(KindId),
    /// Elements of the kind nested (at any depth) in the variable's element.
    In { kind: KindId, parent: Sym },
    /// Top-level elements of the kind that refer to the variable's element.
    On { kind: KindId, target: Sym },
    /// The element(s) a reference property of the variable points to.
    Ref {
        from: Sym,
        prop: PropId,
        kind: KindId,
    },
    /// Components of the variable's element, optionally of a genus.
    Components { of: Sym, genus: Option<MaterialId> },
    /// Components on or in the variable's component (its coating, a supported compound, a
    /// shell), optionally of a genus.
    Inner {
        host: Sym,
        genus: Option<MaterialId>,
    },
}

impl Domain {
    /// The variable whose element the domain is taken from, if any.
    pub fn reads(&self) -> Option<Sym> {
        match *self {
            Domain::All(_) => None,
            Domain::In { parent: s, .. }
            | Domain::On { target: s, .. }
            | Domain::Ref { from: s, .. }
            | Domain::Components { of: s, .. }
            | Domain::Inner { host: s, .. } => Some(s),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binder {
    pub var: Sym,
    pub domain: Domain,
    pub filter: Option<Ex>,
    /// The claim words when the binder is written as a limitation (`"an upper layer": ...`).
    pub words: Option<(String, Span)>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Limitation {
    pub words: String,
    pub words_span: Span,
    pub expr: Ex,
    pub span: Span,
}

/// A checked expression.
#[derive(Debug, Clone)]
pub enum Ex {
    Const(Quantity, Span),
    Bool(bool, Span),
    Choice(String, Span),
    /// A node or component variable.
    Var(Sym, Span),
    /// `X.prop` of an element (or of a component when `component`).
    Prop {
        of: Sym,
        prop: PropId,
        component: bool,
        span: Span,
    },
    Func(Func, Span),
    Neg(Box<Ex>, Span),
    Arith(Box<Ex>, BinOp, Box<Ex>, Span),
    Cmp(Box<Ex>, CmpOp, Box<Ex>, Span),
    InInterval {
        value: Box<Ex>,
        lo: Box<Ex>,
        lo_closed: bool,
        hi: Box<Ex>,
        hi_closed: bool,
        span: Span,
    },
    /// `U in C.layers`
    Member {
        node: Sym,
        list: Box<Ex>,
        span: Span,
    },
    /// `X.covering is silicone_resin`
    Is {
        value: Box<Ex>,
        genus: MaterialId,
        span: Span,
    },
    /// Two element-valued expressions (variables or single references) name the same element.
    NodeEq {
        a: Box<Ex>,
        b: Box<Ex>,
        equal: bool,
        span: Span,
    },
    And(Vec<Ex>, Span),
    Or(Vec<Ex>, Span),
    Not(Box<Ex>, Span),
    /// `construed POINT { ALT: expr, … }`, one arm per alternative in declaration order (an
    /// `about` bound is one too, on the set's `about` point).
    Construed {
        point: usize,
        arms: Vec<Ex>,
        span: Span,
    },
}

impl Ex {
    /// Pushes the expressions directly inside this one: operands, arms of a construction
    /// point, and the conditions (and summed body) of nested binders.
    pub fn push_children<'a>(&'a self, out: &mut Vec<&'a Ex>) {
        match self {
            Ex::Construed { arms, .. } => out.extend(arms.iter()),
            Ex::Func(f, _) => match f {
                Func::Count(b) | Func::Exists(b) => out.extend(b.filter.iter()),
                Func::Sum(b, body) => {
                    out.extend(b.filter.iter());
                    out.push(body);
                }
                _ => {}
            },
            Ex::Neg(a, _) | Ex::Not(a, _) => out.push(a),
            Ex::Arith(a, _, b, _) | Ex::Cmp(a, _, b, _) => {
                out.push(a);
                out.push(b);
            }
            Ex::InInterval { value, lo, hi, .. } => {
                out.push(value);
                out.push(lo);
                out.push(hi);
            }
            Ex::Member { list, .. } => out.push(list),
            Ex::Is { value, .. } => out.push(value),
            Ex::NodeEq { a, b, .. } => {
                out.push(a);
                out.push(b);
            }
            Ex::And(xs, _) | Ex::Or(xs, _) => out.extend(xs.iter()),
            Ex::Const(..) | Ex::Bool(..) | Ex::Choice(..) | Ex::Var(..) | Ex::Prop { .. } => {}
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Ex::Const(_, s)
            | Ex::Bool(_, s)
            | Ex::Choice(_, s)
            | Ex::Var(_, s)
            | Ex::Prop { span: s, .. }
            | Ex::Func(_, s)
            | Ex::Neg(_, s)
            | Ex::Arith(_, _, _, s)
            | Ex::Cmp(_, _, _, s)
            | Ex::InInterval { span: s, .. }
            | Ex::Member { span: s, .. }
            | Ex::Is { span: s, .. }
            | Ex::NodeEq { span: s, .. }
            | Ex::And(_, s)
            | Ex::Or(_, s)
            | Ex::Not(_, s)
            | Ex::Construed { span: s, .. } => *s,
        }
    }
}

/// What an amount function weighs in an element: every component of a genus (its genus
/// amount), or the one component a component binder picked ("the weight ratio of (b) to (a)"
/// over the components bound as (a) and (b), not over every component of their genera).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Genus(MaterialId),
    Component(Sym),
}

/// The built-in functions of claim expressions (docs/language.md lists them).
#[derive(Debug, Clone)]
pub enum Func {
    /// The element has a component of the genus.
    Has {
        of: Sym,
        genus: MaterialId,
    },
    /// The element has the genus and every component of the genus is of the species.
    Only {
        of: Sym,
        genus: MaterialId,
        species: MaterialId,
    },
    /// Coat weight of the genus in the element.
    Mass {
        of: Sym,
        genus: Part,
    },
    /// wt% of the genus (or of the bound component) in the element; `anhydrous` converts
    /// hydrates.
    Wt {
        of: Sym,
        genus: Part,
        anhydrous: bool,
    },
    /// Mass ratio a/b in the element; `anhydrous` converts hydrates.
    Ratio {
        of: Sym,
        a: Part,
        b: Part,
        anhydrous: bool,
    },
    /// Parts of a per 100 parts of b.
    Phr {
        of: Sym,
        a: Part,
        b: Part,
    },
    /// The element's total coat weight.
    Total {
        of: Sym,
    },
    Count(Box<Binder>),
    Sum(Box<Binder>, Box<Ex>),
    Exists(Box<Binder>),
    /// `a` comes before `b` among the elements of their (common) parent: layers from the
    /// support up, steps in process order.
    Before(Sym, Sym),
    /// `a` and `b` are next to each other among their parent's elements.
    Adjacent(Sym, Sym),
    /// `a` is the last of its kind in its parent (the uppermost layer).
    Last(Sym),
    /// "selected from the group consisting of A, B and C" (a closed Markush group): the
    /// element has a component of the genus, and every one is (a species of) a member.
    ConsistingOf {
        of: Sym,
        genus: MaterialId,
        members: Vec<MaterialId>,
    },
    /// The element contains (a species of) at least one of the members.
    AnyOf {
        of: Sym,
        members: Vec<MaterialId>,
    },
    /// The process step melts (or softens past its glass transition) the component: a `melt`
    /// step whose target the component is, or a heating step hotter than the component's Tg
    /// (or melting point) unless the step says `melts = false`.
    Melts {
        step: Sym,
        component: Sym,
    },
}
