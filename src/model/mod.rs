//! Phase 2: syntax trees → typed model.
//!
//! Contract: [`build`] reads the declarations of every file (prelude first) into a [`Schema`]
//! — units, named dimensions, element kinds, properties, the materials taxonomy — and then
//! lowers every spec element into a [`Node`]: names resolved (unknown ones with a "did you
//! mean"), every value checked against its declared type and converted to exact base units,
//! references resolved, and each layer's, ink's or solution's composition derived (coat
//! weights, wt%, parts per hundred). It never stops at the first error: every problem becomes a
//! [`ModelError`] with spans, and the model keeps whatever was valid.

mod derive;
mod error;
mod lower;
mod schema;
pub mod taxonomy;
mod variants;

pub use derive::{Basis, Composition, Derived, GenusAmount};
pub use error::ModelError;
pub use schema::{AmountKind, Kind, KindId, Owner, PropDef, PropId, PropTy, Schema};
pub use taxonomy::{Material, MaterialId, Taxonomy};

use crate::source::Span;
use crate::syntax::ast;
use crate::units::{Interval, Quantity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A typed value of a property.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Quantity(Quantity),
    Bool(bool),
    Text(String),
    Material(MaterialId),
    Choice(String),
    Ref(NodeId),
    Refs(Vec<NodeId>),
}

impl Val {
    /// The elements a reference value points to (none for other values).
    pub fn targets(&self) -> &[NodeId] {
        match self {
            Val::Ref(t) => std::slice::from_ref(t),
            Val::Refs(ts) => ts,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone)]
pub struct PropValue {
    pub prop: PropId,
    pub value: Val,
    /// The value as written.
    pub span: Span,
    /// The whole entry, `name = value`.
    pub entry_span: Span,
}

/// How a component's amount was written.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// Listed without an amount (`boric_acid`): present, amount unknown.
    Present,
    CoatWeight(Interval),
    MassFraction(Interval),
    /// Parts per hundred parts of the components selected by `of`.
    Phr {
        value: Interval,
        of: PhrTarget,
    },
}

/// The components an amount in phr is relative to.
#[derive(Debug, Clone, PartialEq)]
pub enum PhrTarget {
    /// Every component that is this material or one of its species.
    Genus(MaterialId),
    /// One component, by index in its node.
    Component(usize),
}

#[derive(Debug, Clone)]
pub struct Component {
    pub material: MaterialId,
    pub label: Option<String>,
    pub given: Given,
    pub props: Vec<PropValue>,
    pub span: Span,
    /// The amount as written (the entry's span when there is none).
    pub amount_span: Span,
    /// The component (by index in the node) this one is on or in: a coating, a supported
    /// compound, a shell. Written inside the host's block.
    pub host: Option<usize>,
    /// What the component's own block says of what is on or in it: `complete` states that
    /// nothing but what it lists is (a component of the element written beside it is then not
    /// on it); otherwise such a component may be on it (docs/language.md §5.8).
    pub closure: ast::Closure,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: KindId,
    pub name: Option<String>,
    pub span: Span,
    /// The span to point at when talking about this element (its head and name).
    pub head_span: Span,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub props: Vec<PropValue>,
    pub components: Vec<Component>,
    pub composition: Option<Composition>,
    /// What the spec says of the sub-elements and components it does not list.
    pub closure: ast::Closure,
    /// `note "…"` entries: remarks for reports (a claim chart's notes column).
    pub notes: Vec<String>,
}

/// How much a spec tells of one kind of sub-element of a node, or of its composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// What is listed is all there is.
    All,
    /// Some are listed, and there may be more (`...`).
    Some,
    /// Nothing is said (none listed, no `complete`).
    Nothing,
}

impl Known {
    /// Whether elements the spec does not list may exist.
    pub fn may_have_more(self) -> bool {
        self != Known::All
    }

    fn of(listed: bool, closure: ast::Closure) -> Known {
        match closure {
            ast::Closure::Complete(_) => Known::All,
            ast::Closure::Open(_) => {
                if listed {
                    Known::Some
                } else {
                    Known::Nothing
                }
            }
            ast::Closure::Listed => {
                if listed {
                    Known::All
                } else {
                    Known::Nothing
                }
            }
        }
    }
}

impl Node {
    pub fn prop(&self, id: PropId) -> Option<&PropValue> {
        self.props.iter().find(|p| p.prop == id)
    }
}

/// Everything the later phases need: the schema and the lowered spec elements.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub schema: Schema,
    pub nodes: Vec<Node>,
    /// Top-level elements in source order.
    pub items: Vec<NodeId>,
    /// (variant, the element it varies): `medium "B" from "A"`.
    pub variant_of: Vec<(NodeId, NodeId)>,
}

impl Model {
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0 as usize)
    }

    /// A short human name: `layer "top"`, `medium "GlossPro 260"`, `heat_roller`.
    pub fn describe(&self, id: NodeId) -> String {
        match self.node(id) {
            Some(n) => {
                let kind = self.schema.kind(n.kind).map_or("?", |k| k.name.as_str());
                match &n.name {
                    Some(name) => format!("{kind} \"{name}\""),
                    None => kind.to_string(),
                }
            }
            None => "?".into(),
        }
    }

    /// The top-level element a node belongs to.
    pub fn root_of(&self, mut id: NodeId) -> NodeId {
        // Parents always have smaller ids than their children, so this terminates.
        while let Some(p) = self.node(id).and_then(|n| n.parent) {
            if p >= id {
                break;
            }
            id = p;
        }
        id
    }

    /// What the spec says of the components of a node: a listed composition is complete
    /// unless the block says `...`; none listed is unknown unless it says `complete`.
    pub fn composition_known(&self, id: NodeId) -> Known {
        self.node(id).map_or(Known::Nothing, |n| {
            // A kind that takes no amounts (a medium, a process) never lists components.
            if self
                .schema
                .kind(n.kind)
                .is_some_and(|k| k.amounts.is_empty())
            {
                return Known::All;
            }
            Known::of(!n.components.is_empty(), n.closure)
        })
    }

    /// What the spec says of the sub-elements of `kind` in a node. Kinds that are sorts of one
    /// kind (the members of a heating and pressing device) and kinds declared `ordered` (the
    /// steps of a process) are one list: a process that lists its steps lists all of them.
    pub fn children_known(&self, id: NodeId, kind: KindId) -> Known {
        let Some(n) = self.node(id) else {
            return Known::Nothing;
        };
        let s = &self.schema;
        let ordered = |k: KindId| s.kind(k).is_some_and(|x| x.ordered);
        let root = |k: KindId| s.kind_and_supers(k).last().copied().unwrap_or(k);
        let same_list = |k: KindId| root(k) == root(kind) || (ordered(kind) && ordered(k));
        let listed = n
            .children
            .iter()
            .filter_map(|c| self.node(*c))
            .any(|c| same_list(c.kind));
        Known::of(listed, n.closure)
    }

    /// For a kind that stands deeper than directly in `id`: the first element on the way (`id`
    /// or one of its descendants) whose list of containers of that kind, or of the kind
    /// itself, may hold more than it lists. `None` when every such list is known, or when the
    /// kind stands directly in `id` (see [`Model::children_known`]).
    pub fn open_container(&self, id: NodeId, kind: KindId) -> Option<NodeId> {
        let s = &self.schema;
        let node = self.node(id)?;
        let direct = |outer: KindId| {
            s.kind_and_supers(kind)
                .iter()
                .any(|k| s.kind(*k).is_some_and(|x| x.parents.contains(&outer)))
        };
        if direct(node.kind) {
            return None;
        }
        let mut stack = vec![(id, 0usize)];
        while let Some((n, depth)) = stack.pop() {
            let Some(x) = self.node(n) else { continue };
            if depth > 64 {
                break;
            }
            // The kinds that may stand in `x` and hold `kind`, directly or deeper.
            for (ck, _) in s.child_kinds(x.kind) {
                if ck != kind && self.nests(kind, ck) && self.children_known(n, ck).may_have_more()
                {
                    return Some(n);
                }
            }
            if n != id && direct(x.kind) && self.children_known(n, kind).may_have_more() {
                return Some(n);
            }
            for c in &x.children {
                stack.push((*c, depth + 1));
            }
        }
        None
    }

    /// Whether elements of `inner` can stand in an element of `outer`, at any depth.
    fn nests(&self, inner: KindId, outer: KindId) -> bool {
        let s = &self.schema;
        let mut seen = vec![inner];
        let mut i = 0;
        while let Some(&k) = seen.get(i) {
            i += 1;
            let parents: Vec<KindId> = s
                .kind_and_supers(k)
                .iter()
                .flat_map(|sk| s.kind(*sk).map(|x| x.parents.clone()).unwrap_or_default())
                .collect();
            for p in parents {
                if p == outer {
                    return true;
                }
                if !seen.contains(&p) {
                    seen.push(p);
                }
            }
        }
        false
    }

    pub fn top_level(&self, kind: &str, name: &str) -> Option<NodeId> {
        let k = self.schema.kind_id(kind)?;
        self.items.iter().copied().find(|&id| {
            self.node(id)
                .is_some_and(|n| n.kind == k && n.name.as_deref() == Some(name))
        })
    }
}

/// Builds the model from parsed files, prelude first. Files are processed in the order given;
/// declarations from every file are read before any element, so a spec may use a material
/// declared further down or in another file.
pub fn build(files: &[&ast::File]) -> (Model, Vec<ModelError>) {
    let mut errors = Vec::new();
    let schema = schema::build(files, &mut errors);
    let mut model = Model {
        schema,
        nodes: Vec::new(),
        items: Vec::new(),
        variant_of: Vec::new(),
    };
    lower::lower(&mut model, files, &mut errors);
    derive::derive_all(&mut model, &mut errors);
    (model, errors)
}
