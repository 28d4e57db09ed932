//! Quick fixes: every "did you mean `X`?" of a diagnostic whose primary place overlaps the
//! requested range replaces the misspelt text with `X`.

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
    Ok(Some(out))
}

/// `X` of "did you mean `X`?".
fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next().filter(|s| !s.is_empty())
}
