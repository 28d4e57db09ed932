//! `file:line:col: severity[code]: message`, one line per diagnostic, for editors' quickfix
//! lists. Diagnostics without a location print as `mediac: severity[code]: message`.

use crate::diagnostic::Diagnostic;
use crate::source::{SourceMap, one_line};

pub fn render(d: &Diagnostic, sources: &SourceMap) -> String {
    let place = d.primary_span().and_then(|s| {
        let f = sources.get(s.file)?;
        let (line, col) = f.line_col(s.start as usize);
        Some(format!("{}:{line}:{col}", f.name))
    });
    let message = one_line(&d.message);
    format!(
        "{}: {}[{}]: {message}",
        place.as_deref().unwrap_or("mediac"),
        d.severity.as_str(),
        d.code.as_str()
    )
}
