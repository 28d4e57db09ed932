//! Lookup structures built once per evaluation from the model: elements by kind, who refers
//! to whom, positions among siblings, and the spec value behind each span.

use crate::model::PropTy;
use crate::model::{KindId, Model, NodeId, Val as MVal};
use crate::source::Span;

/// Lookup structures built once per evaluation.
pub struct Index {
    /// Top-level nodes per kind, in source order.
    pub by_kind: rustc_hash::FxHashMap<KindId, Vec<NodeId>>,
    /// Top-level nodes that refer (by a property of their own) to a node.
    pub referrers: rustc_hash::FxHashMap<NodeId, Vec<NodeId>>,
    /// (kind, file, target kind) → the first top-level element of the kind in the file that
    /// does not say which element of the target kind it is on (a process without `medium =`).
    pub silent: rustc_hash::FxHashMap<(KindId, crate::source::FileId, KindId), NodeId>,
    /// Per node: its position among its parent's elements (`u32::MAX` for top-level ones).
    pub sibling: Vec<u32>,
    /// Per node: its position among its parent's elements of its kind on its side.
    pub kind_pos: Vec<u32>,
    /// Per node: whether it is the last of its kind on its side in its parent.
    pub last: Vec<bool>,
    /// The quantity written at each span (component amounts and quantity properties), for
    /// windows that replace one spec value: looked up, not searched for in every node.
    pub leaf_values: rustc_hash::FxHashMap<Span, LeafAt>,
    /// Set when an evaluation listed every top-level element of a kind (a binder the subject
    /// does not tie to the elements it names): its verdict then rests on every spec of the
    /// model, not only on those the subject refers to.
    pub listed_all: std::sync::atomic::AtomicBool,
}

impl Index {
    pub fn new(model: &Model) -> Index {
        let mut by_kind: rustc_hash::FxHashMap<KindId, Vec<NodeId>> =
            rustc_hash::FxHashMap::default();
        let mut referrers: rustc_hash::FxHashMap<NodeId, Vec<NodeId>> =
            rustc_hash::FxHashMap::default();
        let mut silent = rustc_hash::FxHashMap::default();
        for &id in &model.items {
            let Some(n) = model.node(id) else { continue };
            by_kind.entry(n.kind).or_default().push(id);
            for (pid, def) in model.schema.props_of(crate::model::Owner::Kind(n.kind)) {
                if let PropTy::Ref { kind: tk, .. } = def.ty
                    && n.prop(pid).is_none()
                {
                    silent.entry((n.kind, n.span.file, tk)).or_insert(id);
                }
            }
            for p in &n.props {
                for t in p.value.targets() {
                    let list = referrers.entry(*t).or_default();
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
        }
        let n = model.nodes.len();
        let (mut sibling, mut kind_pos, mut last) =
            (vec![u32::MAX; n], vec![u32::MAX; n], vec![false; n]);
        // Positions are computed once, so that `before`, `adjacent` and `uppermost` cost the
        // same for the tenth layer as for the thousandth.
        let mut seen: rustc_hash::FxHashMap<(KindId, Option<&str>), (u32, NodeId)> =
            rustc_hash::FxHashMap::default();
        for parent in &model.nodes {
            seen.clear();
            for (i, c) in parent.children.iter().enumerate() {
                let Some(node) = model.node(*c) else { continue };
                let ix = c.0 as usize;
                if let Some(slot) = sibling.get_mut(ix) {
                    *slot = u32::try_from(i).unwrap_or(u32::MAX);
                }
                let e = seen
                    .entry((node.kind, side_of(model, *c)))
                    .or_insert((0, *c));
                if let Some(slot) = kind_pos.get_mut(ix) {
                    *slot = e.0;
                }
                e.0 = e.0.saturating_add(1);
                e.1 = *c;
            }
            for (_, l) in seen.values() {
                if let Some(slot) = last.get_mut(l.0 as usize) {
                    *slot = true;
                }
            }
        }
        Index {
            by_kind,
            referrers,
            silent,
            sibling,
            kind_pos,
            last,
            leaf_values: leaf_values(model),
            listed_all: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

/// Where a quantity is written: (node, component or `NONE`, property or `NONE`); a component
/// with no property is its amount.
pub type LeafAt = (NodeId, u32, u32);

/// "No component" / "no property" in a [`LeafAt`].
pub const NONE: u32 = u32::MAX;

/// Where each quantity of the spec is written, by span: component amounts and quantity
/// properties of nodes and components. An amount wins over a property at the same span.
fn leaf_values(model: &Model) -> rustc_hash::FxHashMap<Span, LeafAt> {
    let mut out = rustc_hash::FxHashMap::default();
    let ix = |i: usize| u32::try_from(i).unwrap_or(NONE);
    for (ni, n) in model.nodes.iter().enumerate() {
        let node = NodeId(ix(ni));
        for (pi, p) in n.props.iter().enumerate() {
            if matches!(p.value, MVal::Quantity(_)) {
                out.entry(p.span).or_insert((node, NONE, ix(pi)));
            }
        }
        for (ci, c) in n.components.iter().enumerate() {
            for (pi, p) in c.props.iter().enumerate() {
                if matches!(p.value, MVal::Quantity(_)) {
                    out.entry(p.span).or_insert((node, ix(ci), ix(pi)));
                }
            }
        }
    }
    for (ni, n) in model.nodes.iter().enumerate() {
        for (ci, c) in n.components.iter().enumerate() {
            if matches!(
                c.given,
                crate::model::Given::CoatWeight(_) | crate::model::Given::MassFraction(_)
            ) {
                out.insert(c.amount_span, (NodeId(ix(ni)), ix(ci), NONE));
            }
        }
    }
    out
}

/// The side of the support an element stands on (`side`, or its declared default); `None` for
/// elements without sides.
pub(super) fn side_of(m: &Model, n: NodeId) -> Option<&str> {
    let node = m.node(n)?;
    let pid = m
        .schema
        .prop_id(crate::model::Owner::Kind(node.kind), "side")?;
    let v = match node.prop(pid) {
        Some(p) => &p.value,
        None => m.schema.prop(pid)?.default.as_ref()?,
    };
    match v {
        MVal::Choice(c) => Some(c.as_str()),
        _ => None,
    }
}
