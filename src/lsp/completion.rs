//! Completion, from the text before the cursor (the file may not parse while it is typed):
//!
//! * after `NAME = NUMBER `: the units of the value's dimension — for a property its declared
//!   dimension (a thickness takes lengths), for a component the amount kinds of the element
//!   (g/m², wt%, phr);
//! * at the start of an entry: the properties of the enclosing element's kind, the kinds that
//!   may stand in it, and materials where it takes components (those of the genus a property
//!   of material type expects after `NAME = `);
//! * after `SET.claim `: the claim numbers of the set; after `expect "`/`avoid "`: subject
//!   names; after `with `: the construction points of the claim sets.

use super::{Failure, at};
use crate::model::{KindId, Model, Owner, PropTy};
use lsp_types::{CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse};

pub fn completion(
    ws: &mut super::Workspace,
    p: CompletionParams,
) -> Result<Option<CompletionResponse>, Failure> {
    let pos = p.text_document_position;
    let a = at(ws, &pos.text_document.uri, pos.position)?;
    let text = a.compiled.text(a.file);
    let before = text.get(..a.offset).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default();
    let m = &a.compiled.c.model;
    let items = if let Some(items) = intent_items(a.compiled, line) {
        items
    } else if let Some(head) = after_number(line) {
        let kind = enclosing_kind(m, before);
        unit_items(m, kind, head)
    } else if let Some(head) = after_equals(line) {
        value_items(m, enclosing_kind(m, before), head)
    } else if line
        .trim_start()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        entry_items(m, enclosing_kind(m, before), before)
    } else {
        Vec::new()
    };
    Ok(Some(CompletionResponse::Array(items)))
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: (!detail.is_empty()).then(|| detail.to_string()),
        ..Default::default()
    }
}

/// `thickness = 30 ` (or `= 30 µ`): the entry's head name.
fn after_number(line: &str) -> Option<&str> {
    let (lhs, rhs) = line.rsplit_once('=')?;
    let head = lhs
        .trim()
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ';')
        .next()?;
    let rhs = rhs.trim_start();
    let number_end = rhs
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '/'))
        .unwrap_or(rhs.len());
    let (number, rest) = rhs.split_at(number_end);
    let typing_unit = rest.starts_with(' ') && !rest.trim().contains(' ');
    (!number.is_empty() && typing_unit && !head.is_empty()).then_some(head)
}

/// `binder = ` : the entry's head name.
fn after_equals(line: &str) -> Option<&str> {
    let (lhs, rhs) = line.rsplit_once('=')?;
    if !rhs
        .trim()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    lhs.trim()
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ';')
        .next()
        .filter(|h| !h.is_empty())
}

/// The kind of the element whose block the text ends in, read from the text (the nearest
/// unclosed `{` and the name before it): `None` outside any block or inside a component's.
fn enclosing_kind(m: &Model, before: &str) -> Option<Owner> {
    let mut depth = 0usize;
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        match bytes.get(i) {
            Some(b'}') => depth += 1,
            Some(b'{') if depth > 0 => depth -= 1,
            Some(b'{') => {
                let head_line = before.get(..i)?.rsplit(['\n', '{', ';']).next()?;
                let head = head_line.split_whitespace().next()?;
                if let Some(k) = m.schema.kind_id(head) {
                    return Some(Owner::Kind(k));
                }
                if m.schema.materials.lookup(head).is_some() {
                    return Some(Owner::Component);
                }
                return None;
            }
            _ => {}
        }
    }
    None
}

fn units_of_dim(m: &Model, dim: crate::units::Dim) -> Vec<String> {
    let mut names: Vec<String> = m
        .schema
        .units
        .unit_names()
        .filter(|n| m.schema.units.unit(n).is_some_and(|u| u.dim == dim))
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

fn unit_items(m: &Model, kind: Option<Owner>, head: &str) -> Vec<CompletionItem> {
    let s = &m.schema;
    let mut dims = Vec::new();
    if let Some(owner) = kind
        && let Some(p) = s.prop_id(owner, head).and_then(|p| s.prop(p))
        && let PropTy::Quantity { dim, .. } = p.ty
    {
        dims.push((dim, p.label.clone()));
    } else if s.materials.lookup(head).is_some()
        && let Some(Owner::Kind(k)) = kind
        && let Some(kd) = s.kind(k)
    {
        for a in &kd.amounts {
            if let Some(d) = s.units.dimension(a.dimension_name()) {
                dims.push((d.dim, d.label.clone()));
            }
        }
    }
    dims.into_iter()
        .flat_map(|(dim, label)| {
            units_of_dim(m, dim)
                .into_iter()
                .map(move |u| item(&u, CompletionItemKind::UNIT, &label))
        })
        .collect()
}

fn value_items(m: &Model, kind: Option<Owner>, head: &str) -> Vec<CompletionItem> {
    let s = &m.schema;
    let Some(p) = kind
        .and_then(|o| s.prop_id(o, head))
        .and_then(|p| s.prop(p))
    else {
        return Vec::new();
    };
    match &p.ty {
        PropTy::OneOf(choices) => choices
            .iter()
            .map(|c| item(c, CompletionItemKind::ENUM_MEMBER, &p.label))
            .collect(),
        PropTy::Bool => ["true", "false"]
            .iter()
            .map(|b| item(b, CompletionItemKind::KEYWORD, ""))
            .collect(),
        PropTy::Material(genus) => s
            .materials
            .names()
            .filter(|n| {
                genus.is_none_or(|g| {
                    s.materials
                        .lookup(n)
                        .is_some_and(|id| s.materials.is_a(id, g))
                })
            })
            .map(|n| item(n, CompletionItemKind::VALUE, &p.label))
            .collect(),
        _ => Vec::new(),
    }
}

fn entry_items(m: &Model, kind: Option<Owner>, before: &str) -> Vec<CompletionItem> {
    let s = &m.schema;
    let Some(owner) = kind else {
        if before.trim().is_empty() || before.ends_with('\n') {
            return s
                .kinds()
                .filter(|(_, k)| k.parents.is_empty())
                .map(|(_, k)| item(&k.name, CompletionItemKind::CLASS, &k.label))
                .collect();
        }
        return Vec::new();
    };
    let mut out: Vec<CompletionItem> = s
        .props_of(owner)
        .map(|(_, p)| item(&p.name, CompletionItemKind::PROPERTY, &p.label))
        .collect();
    if let Owner::Kind(k) = owner {
        out.extend(
            s.child_kinds(k)
                .map(|(_, c)| item(&c.name, CompletionItemKind::CLASS, &c.label)),
        );
        if takes_components(m, k) {
            out.extend(s.materials.names().map(|n| {
                let label = s.materials.lookup(n).map_or("", |id| s.materials.label(id));
                item(n, CompletionItemKind::VALUE, label)
            }));
        }
    } else {
        // Inside a component: what may be on or in it.
        out.extend(
            s.materials
                .names()
                .map(|n| item(n, CompletionItemKind::VALUE, "")),
        );
    }
    out
}

fn takes_components(m: &Model, k: KindId) -> bool {
    m.schema.kind(k).is_some_and(|k| !k.amounts.is_empty())
}

/// Completions in an intent line, or `None` when the line is not one.
fn intent_items(compiled: &super::workspace::Compiled, line: &str) -> Option<Vec<CompletionItem>> {
    let t = line.trim_start();
    if !(t.starts_with("expect") || t.starts_with("avoid")) {
        return None;
    }
    let c = &compiled.c;
    if let Some(pos) = t.rfind(".claim ") {
        let set_id = t.get(..pos)?.rsplit(' ').next()?;
        let set = c.claimsets.iter().find(|s| s.id == set_id)?;
        return Some(
            set.claims
                .iter()
                .map(|cl| {
                    item(
                        &cl.number.to_string(),
                        CompletionItemKind::VALUE,
                        &format!("{} claim {}", set.id, cl.number),
                    )
                })
                .collect(),
        );
    }
    if t.ends_with(" with ") || t.contains(" with ") {
        return Some(
            c.claimsets
                .iter()
                .flat_map(|s| {
                    s.constructions.iter().flat_map(move |p| {
                        p.alternatives.iter().map(move |alt| {
                            item(
                                &format!("{} = {}", p.name, alt.name),
                                CompletionItemKind::ENUM_MEMBER,
                                &format!("{}: {}", s.id, p.question),
                            )
                        })
                    })
                })
                .collect(),
        );
    }
    if t.matches('"').count() == 1 {
        return Some(
            c.model
                .nodes
                .iter()
                .filter(|n| n.parent.is_none())
                .filter_map(|n| n.name.as_deref())
                .map(|n| item(n, CompletionItemKind::REFERENCE, ""))
                .collect(),
        );
    }
    if t.contains(" meets ") || t.contains(" reads_on ") {
        return Some(
            c.claimsets
                .iter()
                .map(|s| item(&s.id, CompletionItemKind::MODULE, &s.title))
                .collect(),
        );
    }
    Some(Vec::new())
}
