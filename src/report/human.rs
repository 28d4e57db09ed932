//! Human output: miette's graphical report.
//!
//! miette draws the labels of one source per report, so a diagnostic whose labels lie in
//! several files (a spec value and the claim it fails) is drawn as one report for the primary
//! label's file with one related report per other file.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile, SourceMap};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// Whether to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}

/// A source file for miette, by reference (no copy of the text per diagnostic).
struct FileSource<'a>(&'a SourceFile);

impl SourceCode for FileSource<'_> {
    /// miette's own `str` implementation counts lines from the start of the text, which makes
    /// every diagnostic cost the size of its file. Cut out just the lines the excerpt needs
    /// (found with the file's line index), let miette read those, and shift the result back.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let f = self.0;
        let start = span.offset().min(f.text.len());
        let end = (span.offset() + span.len()).min(f.text.len());
        // Two lines of margin on each side, so that miette's edge rules (a span that starts or
        // ends at a newline) see the same neighbourhood as in the whole text.
        let first = f.line_index(start).saturating_sub(before + 2);
        let last = (f.line_index(end) + after + 3).min(f.line_count());
        let mut from = f.line_start(first).unwrap_or(0);
        let mut to = f.line_start(last).unwrap_or(f.text.len());
        let mut end = end;
        // On very long lines (minified files) quote a window around the span, not the lines:
        // quoting a megabyte line per diagnostic made output and time grow with the square of
        // the file. An excerpt of many ordinary lines (the labels of a claim across its
        // limitations) is quoted whole.
        let longest = (first..last)
            .map(|l| {
                let a = f.line_start(l).unwrap_or(0);
                f.line_start(l + 1).unwrap_or(f.text.len()) - a
            })
            .max()
            .unwrap_or(0);
        if longest > MAX_EXCERPT {
            end = f.ceil(end.min(start + MAX_EXCERPT / 2));
            from = f.floor(start.saturating_sub(EXCERPT_CONTEXT)).max(from);
            to = f.ceil(end + EXCERPT_CONTEXT).min(to).max(end);
        }
        let first = f.line_index(from);
        // Characters between the start of the first quoted line and the window's start.
        let shift = f.char_offset(from) - f.char_offset(f.line_start(first).unwrap_or(0));
        let window = f.text.get(from..to).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((start - from).into(), end - start);
        let inner = window.read_span(&local, before, after)?;
        let shifted = SourceSpan::new((inner.span().offset() + from).into(), inner.span().len());
        let column = if inner.line() == 0 {
            inner.column() + shift
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            f.name.clone(),
            inner.data(),
            shifted,
            inner.line() + first,
            column,
            inner.line_count() + first,
        )))
    }
}

/// Longest line (in bytes) quoted whole; an excerpt with a longer line is a window around the
/// span.
const MAX_EXCERPT: usize = 2048;
/// Bytes quoted on each side of a span in a window cut out of a long line.
const EXCERPT_CONTEXT: usize = 120;

struct Report<'a> {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Option<FileSource<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic))
                as Box<dyn Iterator<Item = _>>
        })
    }
}

fn labels_in(d: &Diagnostic, file: FileId) -> Vec<LabeledSpan> {
    d.labels
        .iter()
        .filter(|l| l.span.file == file)
        .map(|l| {
            let span = SourceSpan::new((l.span.start as usize).into(), l.span.len());
            let text = (!l.message.is_empty()).then(|| l.message.clone());
            if l.primary {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })
        .collect()
}

fn report<'a>(d: &Diagnostic, sources: &'a SourceMap) -> Report<'a> {
    let main_file = d.primary_span().map(|s| s.file);
    let mut help = d.help.clone();
    for note in &d.notes {
        let line = format!("note: {note}");
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    let mut other_files: Vec<FileId> = d
        .labels
        .iter()
        .map(|l| l.span.file)
        .filter(|f| Some(*f) != main_file)
        .collect();
    other_files.sort_unstable();
    other_files.dedup();
    let related = other_files
        .into_iter()
        .map(|f| Report {
            code: "",
            severity: Severity::Note,
            message: format!("in {}", sources.get(f).map_or("?", |s| s.name.as_str())),
            help: None,
            source: sources.get(f).map(FileSource),
            labels: labels_in(d, f),
            related: Vec::new(),
        })
        .collect();
    Report {
        code: d.code.as_str(),
        severity: d.severity,
        message: d.message.clone(),
        help,
        source: main_file.and_then(|f| sources.get(f)).map(FileSource),
        labels: main_file.map(|f| labels_in(d, f)).unwrap_or_default(),
        related,
    }
}

/// Renders one diagnostic as miette's graphical report.
pub fn render(d: &Diagnostic, sources: &SourceMap, color: Color) -> String {
    let theme = match color {
        Color::Always => GraphicalTheme::unicode(),
        Color::Never => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    let mut r = report(d, sources);
    // The excerpts of other files (the claim a spec value fails) follow the main report as
    // reports of their own: miette would head related reports with a bare "Advice:" line.
    let others = std::mem::take(&mut r.related);
    let mut failed = handler.render_report(&mut out, &r).is_err();
    for o in &others {
        out.push('\n');
        failed |= handler.render_report(&mut out, o).is_err();
    }
    if failed {
        out = format!(
            "{}[{}]: {}\n",
            d.severity.as_str(),
            d.code.as_str(),
            d.message
        );
    }
    out
}

/// `2 errors, 1 warning` (or `no problems`).
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let (e, w) = (count(Severity::Error), count(Severity::Warning));
    match (e, w) {
        (0, 0) => "no problems".into(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line-indexed excerpt must be exactly what miette's own reader returns.
    #[test]
    fn excerpts_match_miettes_own_reader() {
        let text = "a\nbb b\n\nccc c c\nd\n  eeee\nf\n".repeat(3);
        let file = SourceFile::new("t".into(), text.clone());
        let src = FileSource(&file);
        for start in 0..text.len() {
            for len in [0, 1, 3, 9, 20] {
                if start + len > text.len() {
                    continue;
                }
                for ctx in [0, 1, 2] {
                    let span = SourceSpan::new(start.into(), len);
                    let a = src.read_span(&span, ctx, ctx).unwrap();
                    let b = text.as_str().read_span(&span, ctx, ctx).unwrap();
                    assert_eq!(a.data(), b.data(), "data at {start}+{len} ctx {ctx}");
                    assert_eq!(a.span(), b.span(), "span at {start}+{len} ctx {ctx}");
                    assert_eq!(
                        (a.line(), a.column(), a.line_count()),
                        (b.line(), b.column(), b.line_count()),
                        "pos at {start}+{len} ctx {ctx}"
                    );
                }
            }
        }
    }
}
