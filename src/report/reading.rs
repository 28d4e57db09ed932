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
    /// For readers who do not read the encoding (claim charts for counsel): each variable is
    /// named by the claim words that introduce it ("the upper layer"), or by its kind ("the
    /// layer"), never by its letter.
    pub plain: bool,
}

/// "An upper layer" → "the upper layer"; "comprising a substrate" → "the substrate".
fn definite(words: &str) -> Option<String> {
    definite_after(words, false)
}

/// `led`: a word such as "containing" came first, so a bare noun ("containing resin fine
/// particles") names the thing too.
fn definite_after(words: &str, led: bool) -> Option<String> {
    let lower = words.trim();
    for lead in [
        "comprising ",
        "containing ",
        "having ",
        "and ",
        "onto ",
        "on ",
        "in ",
        "of ",
        "with ",
    ] {
        if let Some(rest) = lower.strip_prefix(lead) {
            return definite_after(rest, true);
        }
    }
    let bare = !["a ", "an ", "A ", "An ", "the ", "The ", "said "]
        .iter()
        .any(|a| lower.starts_with(a));
    if led && bare && lower.split_whitespace().count() <= 4 {
        return Some(format!("the {lower}"));
    }
    for article in ["a ", "an ", "A ", "An ", "the ", "The ", "said "] {
        if let Some(rest) = lower.strip_prefix(article) {
            // The noun phrase only: "a substrate and provided thereon" → "the substrate".
            let phrase = [
                " and ",
                ",",
                " which",
                " wherein",
                " having",
                " containing",
                " provided",
            ]
            .iter()
            .filter_map(|cut| rest.find(cut))
            .min()
            .map_or(rest, |i| rest.get(..i).unwrap_or(rest));
            return (phrase.split_whitespace().count() <= 6).then(|| format!("the {phrase}"));
        }
    }
    None
}

impl Reader<'_> {
    fn text(&self, e: &Ex) -> String {
        self.sources.one_line(e.span())
    }

    fn genus(&self, m: crate::model::MaterialId) -> String {
        self.model.schema.materials.label(m).to_string()
    }

    /// How a variable is named: its letter, or in plain words its claim words.
    pub fn var(&self, s: crate::claims::Sym) -> String {
        if !self.plain {
            return self.set.symbol(s).to_string();
        }
        self.binder_of(s).map_or_else(
            || self.set.symbol(s).to_string(),
            |b| {
                let by_words = b.words.as_ref().and_then(|(w, _)| definite(w));
                by_words.unwrap_or_else(|| format!("the {}", self.kind_word(&b.domain)))
            },
        )
    }

    fn kind_word(&self, d: &Domain) -> String {
        let schema = &self.model.schema;
        match d {
            Domain::All(k)
            | Domain::In { kind: k, .. }
            | Domain::On { kind: k, .. }
            | Domain::Ref { kind: k, .. } => schema.kind_name(*k).replace('_', " "),
            Domain::Components { genus: Some(g), .. } | Domain::Inner { genus: Some(g), .. } => {
                self.genus(*g)
            }
            Domain::Components { .. } | Domain::Inner { .. } => "component".into(),
        }
    }

    /// The binder that binds `s`, in the claims or inside their expressions.
    fn binder_of(&self, s: crate::claims::Sym) -> Option<&Binder> {
        // Binders inside expressions (`count(layer X in M where …)`), found with the
        // expressions' own walk (bounded by the tree, which the parser bounds).
        fn in_ex(e: &Ex, s: crate::claims::Sym) -> Option<&Binder> {
            let mut stack = vec![e];
            while let Some(x) = stack.pop() {
                if let Ex::Func(Func::Count(b) | Func::Exists(b) | Func::Sum(b, _), _) = x
                    && b.var == s
                {
                    return Some(b.as_ref());
                }
                x.push_children(&mut stack);
            }
            None
        }
        self.set
            .claims
            .iter()
            .flat_map(|c| &c.items)
            .find_map(|i| match i {
                Item::Binder(b) if b.var == s => Some(b),
                Item::Binder(b) => b.filter.as_ref().and_then(|f| in_ex(f, s)),
                Item::Limitation(l) => in_ex(&l.expr, s),
            })
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
        // In plain words a variable without claim words of its own is not named: "there is a
        // layer in … such that …".
        let named = !self.plain || b.words.is_some();
        match (&b.filter, named) {
            (Some(f), true) => format!("{v}: {what} such that {}", self.expr(f)),
            (None, true) => format!("{v}: {what}"),
            (Some(f), false) => format!("{what} such that {}", self.expr(f)),
            (None, false) => what,
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
            Func::Count(b) if self.plain => {
                format!("the number of elements that are {}", self.binder(b))
            }
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
