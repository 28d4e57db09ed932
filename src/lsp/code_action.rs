//! Quick fixes: every "did you mean `X`?" of a diagnostic whose primary place overlaps the
//! requested range replaces the misspelt text with `X`; and where a verdict is undetermined
//! because a property of an element is not given, "state it" writes the entry `name =` into
//! the element's block — without a value, so that the spec has a syntax error (and is not
//! judged) until the real value is filled in: a made-up value could clear a product.

use super::{Failure, offset_in};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

pub fn code_actions(
    ws: &mut super::Workspace,
    p: CodeActionParams,
) -> Result<Option<Vec<CodeActionOrCommand>>, Failure> {
    let compiled = ws.compile();
    let Some(file) = compiled.file_of(&p.text_document.uri) else {
        return Ok(None);
    };
    let text = compiled.text(file);
    let from = offset_in(text, p.range.start)?;
    let to = offset_in(text, p.range.end)?;
    let mut out = Vec::new();
    for d in &compiled.c.diagnostics {
        let Some(span) = d.primary_span() else {
            continue;
        };
        if span.file != file || (span.end as usize) < from || (span.start as usize) > to {
            continue;
        }
        let Some(fix) = d.help.as_deref().and_then(suggestion) else {
            continue;
        };
        let Some(loc) = compiled.location(span) else {
            continue;
        };
        let written = text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default();
        // A suggestion for a quoted name keeps the quotes as written.
        let new_text = if written.starts_with('"') && !fix.starts_with('"') {
            format!("\"{fix}\"")
        } else {
            fix.to_string()
        };
        let edit = WorkspaceEdit {
            changes: Some(HashMap::from([(
                loc.uri.clone(),
                vec![TextEdit::new(loc.range, new_text.clone())],
            )])),
            ..Default::default()
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("replace with `{new_text}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: None,
            edit: Some(edit),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    out.extend(missing_facts(compiled, file, from, to));
    Ok(Some(out))
}

/// "State the thickness of layer "top"": one action per property a verdict missed on an
/// element whose head lies in the requested range.
fn missing_facts(
    compiled: &super::workspace::Compiled,
    file: crate::source::FileId,
    from: usize,
    to: usize,
) -> Vec<CodeActionOrCommand> {
    let c = &compiled.c;
    let m = &c.model;
    let text = compiled.text(file);
    let mut seen = Vec::new();
    let mut out = Vec::new();
    let missing = c
        .verdicts
        .iter()
        .flat_map(|v| &v.limitations)
        .flat_map(|l| &l.judgement.missing)
        .filter(|x| !x.unbound && x.span.file == file);
    for miss in missing {
        if (miss.span.end as usize) < from || (miss.span.start as usize) > to {
            continue;
        }
        let Some((index, node)) = m
            .nodes
            .iter()
            .enumerate()
            .find(|(_, n)| n.head_span == miss.span)
        else {
            continue;
        };
        let id = crate::model::NodeId(u32::try_from(index).unwrap_or(u32::MAX));
        let owner = crate::model::Owner::Kind(node.kind);
        // "the {name, spaced} of {element} is not given": eval's wording for a missing property.
        let Some(spaced) = miss
            .what
            .strip_prefix("the ")
            .and_then(|w| w.strip_suffix(&format!(" of {} is not given", m.describe(id))))
        else {
            continue;
        };
        let Some((_, prop)) = m
            .schema
            .props_of(owner)
            .find(|(_, p)| p.name.replace('_', " ") == spaced)
        else {
            continue;
        };
        let label = prop.label.as_str();
        if seen.contains(&(miss.span, prop.name.clone())) {
            continue;
        }
        seen.push((miss.span, prop.name.clone()));
        // After the `{` that opens the element's block.
        let head_end = miss.span.end as usize;
        let Some(brace) = text
            .get(head_end..)
            .and_then(|t| t.find('{'))
            .map(|i| head_end + i)
        else {
            continue;
        };
        let line_start = text
            .get(..head_end)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let indent: String = text
            .get(line_start..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let unit = match &prop.ty {
            crate::model::PropTy::Quantity { dim, .. } => m
                .schema
                .units
                .display_unit(*dim)
                .map(|u| format!(" (in {})", u.symbol))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let insert = format!("\n{indent}  {} =   // state the {label}{unit}", prop.name);
        let Some(at) = compiled.location(crate::source::Span::new(file, brace + 1, brace + 1))
        else {
            continue;
        };
        let edit = WorkspaceEdit {
            changes: Some(HashMap::from([(
                at.uri.clone(),
                vec![TextEdit::new(at.range, insert)],
            )])),
            ..Default::default()
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("state the {spaced} of {}", m.describe(id)),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit),
            ..Default::default()
        }));
    }
    out
}

/// `X` of "did you mean `X`?".
fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next().filter(|s| !s.is_empty())
}
