//! Variants: `medium "B" from "A" { … }` is lowered as A's syntax tree with B's entries laid
//! over it, under B's name (docs/language.md §4.9). Resolving a chain of variants is bounded
//! by the nesting limit and stops at a cycle.

use super::error::ModelError;
use crate::suggest::closest;
use crate::syntax::ast;
use std::collections::HashMap;

/// The element `e` is a variant of, with `e`'s entries laid over it (recursively through
/// variants of variants; `seen` guards against cycles).
pub(super) fn variant(
    e: &ast::Element,
    tops: &HashMap<(&str, &str), &ast::Element>,
    seen: &mut Vec<(String, String)>,
) -> Result<ast::Element, ModelError> {
    let Some(base_name) = &e.from else {
        return Ok(e.clone());
    };
    let key = (
        e.head.name.clone(),
        e.name.as_ref().map_or(String::new(), |n| n.value.clone()),
    );
    if seen.contains(&key) || seen.len() > crate::syntax::MAX_NESTING {
        return Err(ModelError::VariantCycle {
            span: base_name.span,
            name: key.1,
        });
    }
    seen.push(key);
    let Some(base) = tops.get(&(e.head.name.as_str(), base_name.value.as_str())) else {
        let names = tops
            .keys()
            .filter(|(k, _)| *k == e.head.name)
            .map(|(_, n)| *n);
        return Err(ModelError::UnresolvedRef {
            span: base_name.span,
            name: base_name.value.clone(),
            kind: e.head.name.clone(),
            suggestion: closest(&base_name.value, names).map(str::to_string),
        });
    };
    let base = variant(base, tops, seen)?;
    Ok(overlay(base, e))
}

/// `base` with `over`'s name, value and entries: an entry of `over` is laid over the entry of
/// `base` with the same head and name, recursively — its value, when it gives one, replaces
/// the base's, and its block is laid over the base's block (`layer "top" { silica = 7 g/m2 }`
/// changes one value of that layer, and `colloidal_silica = 20 g/m2` keeps the coating the
/// base lists inside the silica); entries `base` lacks are added after its own.
fn overlay(mut base: ast::Element, over: &ast::Element) -> ast::Element {
    base.head = over.head.clone();
    base.name = over.name.clone();
    base.from = None;
    base.span = over.span;
    if over.value.is_some() {
        base.value = over.value.clone();
    }
    match (&mut base.body, &over.body) {
        (Some(b), Some(ob)) => {
            if ob.closure != ast::Closure::Listed {
                b.closure = ob.closure;
            }
            for entry in &ob.entries {
                let same = |x: &&mut ast::Element| {
                    x.head.name == entry.head.name
                        && x.name.as_ref().map(|n| &n.value)
                            == entry.name.as_ref().map(|n| &n.value)
                };
                match b.entries.iter_mut().find(same) {
                    Some(x) => *x = overlay(x.clone(), entry),
                    None => b.entries.push(entry.clone()),
                }
            }
        }
        (None, Some(ob)) => base.body = Some(ob.clone()),
        _ => {}
    }
    base
}
