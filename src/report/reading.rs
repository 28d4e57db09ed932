//! How a claim set reads a limitation, in plain words: the "construction" column of a claim
//! chart. Rendered from the checked expression, so it always says what is evaluated.

use crate::claims::{Binder, ClaimSet, Domain, Ex, Func, Item};
use crate::model::Model;
use crate::source::SourceMap;
use crate::syntax::ast::{BinOp, CmpOp};

pub struct Reader<'a> {
    pub model: &'a Model,
    pub set: &'a ClaimSet,
    pub sources: &'a SourceMap,
}

impl Reader<'_> {
    fn text(&self, e: &Ex) -> String {
        self.sources.one_line(e.span())
    }

    fn genus(&self, m: crate::model::MaterialId) -> String {
        self.model.schema.materials.label(m).to_string()
    }

    fn var(&self, s: crate::claims::Sym) -> String {
        self.set.symbol(s).to_string()
    }

    /// The reading of a binder: "U, a layer of M such that …".
    pub fn binder(&self, b: &Binder) -> String {
        let schema = &self.model.schema;
        let v = self.var(b.var);
        let what = match &b.domain {
            Domain::All(k) => format!("a {}", schema.kind_name(*k)),
            Domain::In { kind, parent } => {
                format!("a {} in {}", schema.kind_name(*kind), self.var(*parent))
            }
            Domain::On { kind, target } => format!(
                "a {} that refers to {}",
                schema.kind_name(*kind),
                self.var(*target)
            ),
            Domain::Ref { from, prop, .. } => {
                format!(
                    "the element {}'s {} names",
                    self.var(*from),
                    schema.prop(*prop).map_or("?", |p| p.name.as_str())
                )
            }
            Domain::Components { of, genus } => match genus {
                Some(g) => format!(
                    "a component of {} that is {}",
                    self.var(*of),
                    self.genus(*g)
                ),
                None => format!("a component of {}", self.var(*of)),
            },
            Domain::Inner { host, genus } => match genus {
                Some(g) => format!(
                    "a component on or in {} that is {}",
                    self.var(*host),
                    self.genus(*g)
                ),
                None => format!("a component on or in {}", self.var(*host)),
            },
        };
        match &b.filter {
            Some(f) => format!("{v}: {what} such that {}", self.expr(f)),
            None => format!("{v}: {what}"),
        }
    }

    pub fn item(&self, item: &Item) -> String {
        match item {
            Item::Binder(b) => self.binder(b),
            Item::Limitation(l) => self.expr(&l.expr),
        }
    }

    pub fn expr(&self, e: &Ex) -> String {
        self.expr_at(e, 0)
    }

    fn expr_at(&self, e: &Ex, depth: usize) -> String {
        if depth > 64 {
            return self.text(e);
        }
        let d = depth + 1;
        let schema = &self.model.schema;
        match e {
            Ex::Const(..) | Ex::Bool(..) | Ex::Choice(..) => self.text(e),
            Ex::Var(s, _) => self.var(*s),
            Ex::Prop { of, prop, .. } => {
                let name = schema
                    .prop(*prop)
                    .map_or_else(|| "?".to_string(), |p| p.name.replace('_', " "));
                format!("the {name} of {}", self.var(*of))
            }
            Ex::Func(f, _) => self.func(f, d),
            Ex::Neg(x, _) => format!("−{}", self.expr_at(x, d)),
            Ex::Arith(l, op, r, _) => {
                let sym = match op {
                    BinOp::Add => "+",
                    BinOp::Sub => "−",
                    BinOp::Mul => "×",
                    BinOp::Div => "÷",
                };
                format!("({} {sym} {})", self.expr_at(l, d), self.expr_at(r, d))
            }
            Ex::Cmp(l, op, r, _) => {
                let words = match op {
                    CmpOp::Gt => "is more than",
                    CmpOp::Ge => "is at least",
                    CmpOp::Lt => "is less than",
                    CmpOp::Le => "is at most",
                    CmpOp::Eq => "is",
                    CmpOp::Ne => "is not",
                };
                format!("{} {words} {}", self.expr_at(l, d), self.expr_at(r, d))
            }
            Ex::InInterval {
                value,
                lo,
                lo_closed,
                hi,
                hi_closed,
                ..
            } => format!(
                "{} is from {} ({}) to {} ({})",
                self.expr_at(value, d),
                self.expr_at(lo, d),
                if *lo_closed { "inclusive" } else { "exclusive" },
                self.expr_at(hi, d),
                if *hi_closed { "inclusive" } else { "exclusive" }
            ),
            Ex::Member { node, list, .. } => {
                format!("{} is among {}", self.var(*node), self.expr_at(list, d))
            }
            Ex::Is { value, genus, .. } => format!(
                "{} is a kind of {}",
                self.expr_at(value, d),
                self.genus(*genus)
            ),
            Ex::NodeEq { a, b, equal, .. } => {
                format!(
                    "{} is {}the same element as {}",
                    self.expr_at(a, d),
                    if *equal { "" } else { "not " },
                    self.expr_at(b, d)
                )
            }
            Ex::And(parts, _) => parts
                .iter()
                .map(|p| self.expr_at(p, d))
                .collect::<Vec<_>>()
                .join(", and "),
            Ex::Or(parts, _) => {
                let inner: Vec<String> = parts.iter().map(|p| self.expr_at(p, d)).collect();
                format!("either {}", inner.join(", or "))
            }
            Ex::Not(x, _) => format!("not ({})", self.expr_at(x, d)),
            Ex::Construed { point, arms, .. } => {
                let c = self.set.constructions.get(*point);
                let name = c.map_or("?", |c| c.name.as_str());
                let shown: Vec<String> = arms
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let alt = c
                            .and_then(|c| c.alternatives.get(i))
                            .map_or("?", |a| a.name.as_str());
                        format!("{alt}: {}", self.expr_at(a, d))
                    })
                    .collect();
                format!("as `{name}` is construed — {}", shown.join("; "))
            }
        }
    }

    fn func(&self, f: &Func, d: usize) -> String {
        let g = |m| self.genus(m);
        let v = |s| self.var(s);
        // A bound component is named by its variable ("X"), a genus by its words.
        let pt = |p: crate::claims::Part| match p {
            crate::claims::Part::Genus(m) => self.genus(m),
            crate::claims::Part::Component(c) => self.var(c),
        };
        match f {
            Func::Has { of, genus } => format!("{} contains {}", v(*of), g(*genus)),
            Func::Only { of, genus, species } => {
                format!("every {} in {} is {}", g(*genus), v(*of), g(*species))
            }
            Func::ConsistingOf { of, genus, members } => format!(
                "{} has {}, and every one is {} (a closed group)",
                v(*of),
                g(*genus),
                members
                    .iter()
                    .map(|m| g(*m))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Func::AnyOf { of, members } => format!(
                "{} contains {}",
                v(*of),
                members
                    .iter()
                    .map(|m| g(*m))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Func::Mass { of, genus } => format!("the coat weight of {} in {}", pt(*genus), v(*of)),
            Func::Wt {
                of,
                genus,
                anhydrous,
            } => format!(
                "the wt% of {} in {}{}",
                pt(*genus),
                v(*of),
                if *anhydrous {
                    " in terms of anhydride"
                } else {
                    ""
                }
            ),
            Func::Ratio {
                of,
                a,
                b,
                anhydrous,
            } => format!(
                "the mass ratio {} : {} in {}{}",
                pt(*a),
                pt(*b),
                v(*of),
                if *anhydrous {
                    " in terms of anhydride"
                } else {
                    ""
                }
            ),
            Func::Phr { of, a, b } => format!(
                "the parts of {} per 100 parts of {} in {}",
                pt(*a),
                pt(*b),
                v(*of)
            ),
            Func::Total { of } => format!("the total coat weight of {}", v(*of)),
            Func::Count(b) => format!("the number of {}", self.binder(b)),
            Func::Exists(b) => format!("there is {}", self.binder(b)),
            Func::Sum(b, body) => format!(
                "the sum of {} over {}",
                self.expr_at(body, d),
                self.binder(b)
            ),
            Func::Before(a, b) => format!(
                "{} comes before {} (from the support up, or in process order)",
                v(*a),
                v(*b)
            ),
            Func::Adjacent(a, b) => format!("{} and {} are next to each other", v(*a), v(*b)),
            Func::Last(a) => format!(
                "{} is the last of its kind on its side (the uppermost layer)",
                v(*a)
            ),
            Func::Melts { step, component } => format!(
                "{} melts {} (a melt step naming it, or heating above its Tg or melting point)",
                v(*step),
                v(*component)
            ),
        }
    }
}
