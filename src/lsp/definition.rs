//! Go to definition and find references. A name under the cursor is looked up as what it can
//! be where it stands: a claim number in an intent (the claim in its claim set), a claim-set
//! id, a subject's or element's name in a string (the element), a material, unit, element kind
//! or property (its declaration, also in the prelude and the shipped claim sets, which open
//! as read-only files). References are the places the same name is written, as a whole word,
//! in the files of the compilation.

use super::{At, Failure, at};
use crate::source::Span;
use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams};

pub fn definition(
    ws: &mut super::Workspace,
    p: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, Failure> {
    let pos = p.text_document_position_params;
    let a = at(ws, &pos.text_document.uri, pos.position)?;
    let target = claim_of_intent(&a)
        .or_else(|| string_target(&a))
        .or_else(|| declared(&a));
    Ok(target
        .and_then(|s| a.compiled.location(s))
        .map(GotoDefinitionResponse::Scalar))
}

pub fn references(
    ws: &mut super::Workspace,
    p: ReferenceParams,
) -> Result<Option<Vec<Location>>, Failure> {
    let pos = p.text_document_position;
    let a = at(ws, &pos.text_document.uri, pos.position)?;
    let Some((_, _, word)) = super::text::word_at(a.compiled.text(a.file), a.offset) else {
        return Ok(None);
    };
    let word = word.to_string();
    let mut out = Vec::new();
    for (id, f) in a.compiled.c.sources.files() {
        let mut from = 0;
        while let Some(i) = f.text.get(from..).and_then(|t| t.find(&word)) {
            let start = from + i;
            let end = start + word.len();
            from = end;
            let boundary =
                |c: Option<char>| c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
            let before = f.text.get(..start).and_then(|t| t.chars().next_back());
            let after = f.text.get(end..).and_then(|t| t.chars().next());
            if boundary(before)
                && boundary(after)
                && let Some(loc) = a.compiled.location(Span::new(id, start, end))
            {
                out.push(loc);
            }
            if out.len() >= 10_000 {
                break;
            }
        }
    }
    Ok(Some(out))
}

/// In `expect "X" meets SET.claim 1, 3..5`: a number → that claim; `SET` → the set.
fn claim_of_intent(a: &At<'_>) -> Option<Span> {
    let c = &a.compiled.c;
    let intent = c.intents.iter().find(|i| {
        i.span.file == a.file
            && (i.span.start as usize) <= a.offset
            && a.offset <= i.span.end as usize
    })?;
    let set = c.claimsets.get(intent.set)?;
    let (_, _, word) = super::text::word_at(a.compiled.text(a.file), a.offset)?;
    if let Ok(n) = word.parse::<u32>() {
        return set.claim(n).map(|cl| cl.number_span);
    }
    (word == set.id).then_some(set.id_span)
}

/// A name in a string: `expect "GlossPro 260" …`, `medium = "GlossPro 260"`, `from "A"`.
fn string_target(a: &At<'_>) -> Option<Span> {
    let text = a.compiled.text(a.file);
    let line_start = text.get(..a.offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(a.offset..)?
        .find('\n')
        .map_or(text.len(), |i| a.offset + i);
    let line = text.get(line_start..line_end)?;
    // The string the offset lies in: quotes before it on the line must be odd in number.
    let rel = a.offset - line_start;
    let quotes: Vec<usize> = line.match_indices('"').map(|(i, _)| i).collect();
    let (open, close) = quotes.chunks(2).find_map(|p| match p {
        [open, close] if *open < rel && rel <= *close => Some((*open, *close)),
        _ => None,
    })?;
    let name = line.get(open + 1..close)?;
    let m = &a.compiled.c.model;
    // A top-level element of that name (a claim-words string names none).
    m.nodes
        .iter()
        .filter(|n| n.parent.is_none() && n.name.as_deref() == Some(name))
        .map(|n| n.head_span)
        .next()
}

/// A declared name: material, unit, element kind, property, claim set.
fn declared(a: &At<'_>) -> Option<Span> {
    let (_, _, word) = super::text::word_at(a.compiled.text(a.file), a.offset)?;
    let s = &a.compiled.c.model.schema;
    if let Some(id) = s.materials.lookup(word) {
        return s.materials.get(id).map(|m| m.span);
    }
    if let Some(u) = s.units.unit(word) {
        return Some(u.span);
    }
    if let Some(k) = s.kind_id(word).and_then(|k| s.kind(k)) {
        return Some(k.span);
    }
    if let Some(set) = a.compiled.c.claimsets.iter().find(|c| c.id == word) {
        return Some(set.id_span);
    }
    // A property: of the element kind the cursor stands in, else any of that name.
    let mut props = s
        .kinds()
        .flat_map(|(k, _)| s.props_of(crate::model::Owner::Kind(k)))
        .chain(s.props_of(crate::model::Owner::Component))
        .filter(|(_, p)| p.name == word);
    props.next().map(|(_, p)| p.span)
}
