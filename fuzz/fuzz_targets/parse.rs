//! The input as a `.media` file, through the parser alone: the pre-scan of brackets, strings
//! and comments, pest, the lowering to the syntax tree (`syntax::parse_text`, never the cache of
//! shipped files), and pest alone as the parse-only benchmark runs it (`syntax::pest_only`).
//! Each syntax error becomes a diagnostic that is rendered as `mediac check` would render it:
//! human (with and without colour), short, GitHub annotations and SARIF.
//!
//! Contract (src/syntax/mod.rs): parsing never panics and never overflows the stack, whatever
//! the input; every syntax error points inside the file, at character boundaries (a span past
//! the end or inside a character gives wrong lines, columns and offsets in every format).
#![no_main]

mod common;

use libfuzzer_sys::{Corpus, fuzz_target};
use mediac::diagnostic::Diagnostic;
use mediac::report::human::{self, Color};
use mediac::report::{sarif, short};
use mediac::source::{FileId, SourceMap, Span};
use mediac::syntax::{self, SyntaxError};

/// Parsing is linear, so this target takes larger inputs than the compiling ones; the scripts
/// pass `-max_len=16384` all the same.
const MAX_INPUT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = common::text_of(data, MAX_INPUT) else {
        return Corpus::Reject;
    };
    let mut sources = SourceMap::new();
    let file = sources.add("fuzz/input.media", text);
    // The compiler parses the text as the source map holds it (it may normalise line endings).
    let Some(text) = sources.get(file).map(|f| f.text.as_str()) else {
        return Corpus::Reject;
    };
    let (tree, errors) = syntax::parse_text(file, text);
    common::consume(&tree);
    common::consume(syntax::pest_only(text));

    let diagnostics: Vec<Diagnostic> = errors.iter().map(Diagnostic::from).collect();
    for (e, d) in errors.iter().zip(&diagnostics) {
        check_span(e.span(), file, text, e);
        for label in &d.labels {
            check_span(label.span, file, text, e);
        }
    }

    for color in [Color::Never, Color::Always] {
        for d in &diagnostics {
            common::consume(human::render(d, &sources, color));
        }
    }
    for d in &diagnostics {
        common::consume(short::render(d, &sources));
        common::consume(short::github(d, &sources));
    }
    let refs: Vec<&Diagnostic> = diagnostics.iter().collect();
    common::consume(sarif::report(&refs, &sources));
    Corpus::Keep
});

/// A syntax error's span lies in the parsed file, inside its text, on character boundaries.
fn check_span(span: Span, file: FileId, text: &str, error: &SyntaxError) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert_eq!(span.file, file, "span in another file: {error:?}");
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} is outside the text of {} bytes: {error:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span {start}..{end} splits a character: {error:?}"
    );
}
