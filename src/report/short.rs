//! One line per diagnostic.
//!
//! - [`render`]: `file:line:col: severity[code]: message` for editors' quickfix lists (Vim's
//!   `%f:%l:%c`, Emacs' compilation mode). Columns are counted in bytes, as those count them, so
//!   a jump lands on the right character on lines with `°C` or `µm`. Diagnostics without a
//!   location print as `mediac: severity[code]: message`.
//! - [`github`]: GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which
//!   GitHub shows as annotations on the pull request. Columns are counted in characters, as the
//!   web view shows them.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, one_line};

pub fn render(d: &Diagnostic, sources: &SourceMap) -> String {
    let place = d.primary_span().and_then(|s| {
        let f = sources.get(s.file)?;
        let (line, col) = f.line_byte_col(s.start as usize);
        Some(format!("{}:{line}:{col}", f.name))
    });
    let place = place.or_else(|| d.path.clone());
    let message = one_line(&d.message);
    format!(
        "{}: {}[{}]: {message}",
        place.as_deref().unwrap_or("mediac"),
        d.severity.as_str(),
        d.code.as_str()
    )
}

/// Escapes the message of a workflow command (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(d: &Diagnostic, sources: &SourceMap) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = Vec::new();
    if let Some(s) = d.primary_span()
        && let Some(f) = sources.get(s.file)
    {
        let (line, col) = f.line_col(s.start as usize);
        let (end_line, end_col) = f.line_col(s.end as usize);
        props.push(format!("file={}", escape_property(&f.name)));
        props.push(format!("line={line}"));
        props.push(format!("col={col}"));
        props.push(format!("endLine={end_line}"));
        props.push(format!("endColumn={}", end_col.max(col)));
    } else if let Some(p) = &d.path {
        props.push(format!("file={}", escape_property(p)));
    }
    props.push(format!("title={}", escape_property(d.code.as_str())));
    let mut message = one_line(&d.message);
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&one_line(h));
    }
    format!("::{command} {}::{}", props.join(","), escape_data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source::Span;

    fn sample() -> (SourceMap, Diagnostic) {
        let mut map = SourceMap::new();
        let f = map.add("a,b.media", "t = 115 °C; x = 1 C\n");
        let d = Diagnostic::new(Code::UnitUnknown, "unknown unit `C`: 50% of it")
            .primary(Span::new(f, 19, 20), "here")
            .help("write `°C`");
        (map, d)
    }

    #[test]
    fn short_columns_count_bytes() {
        let (map, d) = sample();
        // `C` is the 19th character but the 20th byte (° is two bytes).
        assert_eq!(
            render(&d, &map),
            "a,b.media:1:20: error[media::unit::unknown]: unknown unit `C`: 50% of it"
        );
    }

    #[test]
    fn github_annotations_escape_properties_and_data() {
        let (map, d) = sample();
        assert_eq!(
            github(&d, &map),
            "::error file=a%2Cb.media,line=1,col=19,endLine=1,endColumn=20,\
             title=media%3A%3Aunit%3A%3Aunknown::unknown unit `C`: 50%25 of it%0Ahelp: write `°C`"
        );
    }
}
