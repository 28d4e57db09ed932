//! Formatting a document with `mediac fmt`'s layout: one edit that replaces the whole text,
//! none when it is already formatted or has syntax errors (which the diagnostics show).

use super::Failure;
use lsp_types::{DocumentFormattingParams, Position, Range, TextEdit};

pub fn format(
    ws: &mut super::Workspace,
    p: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>, Failure> {
    let key = super::workspace::key(&p.text_document.uri);
    let Some(doc) = ws.open.get(&key) else {
        return Ok(None);
    };
    let Ok(formatted) = crate::fmt::format(&doc.text) else {
        return Ok(None);
    };
    if formatted == doc.text {
        return Ok(Some(Vec::new()));
    }
    let starts = super::text::line_starts(&doc.text);
    let end = super::text::position(&doc.text, &starts, doc.text.len());
    Ok(Some(vec![TextEdit::new(
        Range::new(Position::new(0, 0), end),
        formatted,
    )]))
}
