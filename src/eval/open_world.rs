//! What a spec does not list: for a binder, whether elements the spec does not list may
//! exist (an unknown or `...` list, an unset reference, a process the spec does not describe,
//! a component named by a more general genus), and for a node, whether its composition is
//! known. The search adds an undetermined "unlisted element" wherever this says so, and the
//! built-in functions read an unknown composition as unknown, never as empty.

use super::expr::{Bound, Ctx};
use crate::claims::{Binder, Domain, Sym};
use crate::model::{Known, NodeId};
use crate::source::Span;
use crate::syntax::ast;

impl Ctx<'_> {
    /// Why a binder's domain may hold elements the spec does not list, and where the spec
    /// would list them; `None` when the candidates are all there is. What a spec does not
    /// describe is unknown, never absent: a claim is not cleared on it.
    pub fn unlisted(&self, b: &Binder) -> Option<(String, Span)> {
        let m = self.model;
        let var = || self.set.symbol(b.var).to_string();
        let unknown_parent = |p: Sym| {
            Some((
                format!(
                    "nothing is known of `{}`, so neither is `{}`",
                    self.set.symbol(p),
                    var()
                ),
                b.span,
            ))
        };
        match &b.domain {
            Domain::All(_) => None,
            Domain::Ref { from, prop, .. } => {
                let Bound::Node(n) = self.lookup(*from) else {
                    return unknown_parent(*from);
                };
                let node = m.node(n)?;
                if node.prop(*prop).is_some() {
                    return None;
                }
                let name = m
                    .schema
                    .prop(*prop)
                    .map_or_else(|| "?".to_string(), |p| p.name.replace('_', " "));
                Some((
                    format!("the {name} of {} is not given", m.describe(n)),
                    node.head_span,
                ))
            }
            Domain::In { kind, parent } => {
                let Bound::Node(p) = self.lookup(*parent) else {
                    return unknown_parent(*parent);
                };
                let node = m.node(p)?;
                let what = m.schema.kind(*kind).map_or("?", |k| k.label.as_str());
                // A kind that stands deeper (a heat roller in the device of an apparatus): open
                // when any container on the way may hold more than it lists.
                if let Some(open) = m.open_container(p, *kind) {
                    let on = m.node(open).map_or(node.head_span, |x| x.head_span);
                    return Some((
                        format!(
                            "{} may have a {what} (or an element holding one) it does not list",
                            m.describe(open)
                        ),
                        on,
                    ));
                }
                match m.children_known(p, *kind) {
                    Known::All => None,
                    Known::Some => Some((
                        format!(
                            "{} may have a {what} it does not list (its block says `...`)",
                            m.describe(p)
                        ),
                        node.head_span,
                    )),
                    Known::Nothing => Some((
                        format!(
                            "{} lists no {what}: whether it has one is not stated (list it, or write `complete` in its block if it has none)",
                            m.describe(p)
                        ),
                        node.head_span,
                    )),
                }
            }
            Domain::On { kind, target } => {
                let Bound::Node(t) = self.lookup(*target) else {
                    return unknown_parent(*target);
                };
                let node = m.node(t)?;
                if matches!(node.closure, ast::Closure::Complete(_)) {
                    // Every process on it is described; but one of the same file that does not
                    // say what it is on may be on it (one in another file must name it).
                    let silent = *self.index.silent.get(&(*kind, node.span.file, node.kind))?;
                    let sd = m.describe(silent);
                    let tname = m.schema.kind_name(node.kind);
                    return Some((
                        format!(
                            "{sd} does not say which {tname} it is on: it may be on {}",
                            m.describe(t)
                        ),
                        m.node(silent).map_or(node.head_span, |x| x.head_span),
                    ));
                }
                let what = m.schema.kind(*kind).map_or("?", |k| k.label.as_str());
                let kname = m.schema.kind_name(*kind);
                let target = m.describe(t);
                let prop = m
                    .schema
                    .kind(node.kind)
                    .map_or("?", |k| k.name.as_str())
                    .to_string();
                let described = self.index.referrers.get(&t).is_some_and(|rs| {
                    rs.iter()
                        .any(|r| m.node(*r).is_some_and(|x| m.schema.kind_is(x.kind, *kind)))
                });
                Some((
                    if described {
                        format!(
                            "{target} may be in a {what} the spec does not describe (write `complete` in its block if the spec describes every {what} that makes or uses it)"
                        )
                    } else {
                        format!(
                            "no {what} that makes or uses {target} is described (add `{kname} \"…\" {{ {prop} = \"{}\" … }}`, or write `complete` in its block if there is none)",
                            node.name.as_deref().unwrap_or("…")
                        )
                    },
                    node.head_span,
                ))
            }
            Domain::Components { of, genus } => {
                let Bound::Node(n) = self.lookup(*of) else {
                    return unknown_parent(*of);
                };
                let node = m.node(n)?;
                if let Some(why) =
                    genus.and_then(|g| undecided_species(m, node.components.iter(), g))
                {
                    return Some(why);
                }
                self.composition_unknown(n)
                    .map(|what| (what, node.head_span))
            }
            // What is on a component is stated with the node's composition: a complete list
            // of the layer's components includes those inside others (docs/language.md §5.8).
            Domain::Inner { host, genus } => {
                let Bound::Comp(n, h) = self.lookup(*host) else {
                    return unknown_parent(*host);
                };
                let node = m.node(n)?;
                let inner = node.components.iter().filter(|c| c.host == Some(h));
                if let Some(why) = genus.and_then(|g| undecided_species(m, inner, g)) {
                    return Some(why);
                }
                let host_c = node.components.get(h)?;
                // A component written beside the host may be on it all the same (a cationic
                // modifier added to a silica dispersion adsorbs on the silica): only the host's
                // `complete` says that nothing else is.
                if !matches!(host_c.closure, crate::syntax::ast::Closure::Complete(_))
                    && let Some(beside) = node.components.iter().enumerate().find(|(i, c)| {
                        *i != h
                            && c.host != Some(h)
                            && genus.is_none_or(|g| {
                                m.schema.materials.is_a(c.material, g)
                                    || m.schema.materials.may_be(c.material, g)
                            })
                    })
                {
                    let (bi, bc) = beside;
                    let (host_name, beside_name) =
                        (self.describe_comp(n, h), self.describe_comp(n, bi));
                    return Some((
                        format!(
                            "{beside_name} is written beside {host_name}, not in it: whether it is on it (adsorbed, coated in situ) is not stated (write `complete` in the block of {} if nothing is on it)",
                            m.schema.materials.name(host_c.material)
                        ),
                        bc.span,
                    ));
                }
                self.composition_unknown(n).map(|what| (what, host_c.span))
            }
        }
    }

    /// Why the composition of a node may hold components the spec does not list.
    pub(super) fn composition_unknown(&self, n: NodeId) -> Option<String> {
        let m = self.model;
        match m.composition_known(n) {
            Known::All => None,
            Known::Some => Some(format!(
                "{} may contain components it does not list (its block says `...`)",
                m.describe(n)
            )),
            Known::Nothing => Some(format!(
                "the composition of {} is not given (list its components, or write `complete` if it has none)",
                m.describe(n)
            )),
        }
    }
}

/// The first component named only by a genus that may or may not be `genus`: whether a binder
/// `is GENUS` finds it is not stated.
fn undecided_species<'c>(
    m: &crate::model::Model,
    mut components: impl Iterator<Item = &'c crate::model::Component>,
    genus: crate::model::MaterialId,
) -> Option<(String, crate::source::Span)> {
    let c = components.find(|c| m.schema.materials.may_be(c.material, genus))?;
    Some((
        format!(
            "{} is named only by a genus: whether it is {} is not stated",
            m.schema.materials.name(c.material),
            m.schema.materials.name(genus)
        ),
        c.span,
    ))
}
