//! `mediac fmt`: the one canonical layout of a `.media` file.
//!
//! Contract: [`format`] changes only whitespace between tokens, never inside a string or a
//! comment's text, and never joins or splits lines, so the syntax tree of the result equals
//! the input's (up to spans and trailing spaces of comments) and every comment stays where it
//! was. It is idempotent. It refuses a text with syntax errors (what is an item and what is
//! not is then unknown). The layout:
//!
//! * two spaces of indentation per open `{`; a line that starts with `}` closes first;
//! * a continuation line is indented two more: one inside `(` or `[` opened on an earlier
//!   line, one after a line that ends in `:`, `=`, `,`, an operator, `where`, `and` or `or`,
//!   and one that starts with `and`, `or`, `where`, `note` or an operator;
//! * runs of spaces and tabs between tokens become one space; two spaces before a trailing
//!   `//` comment; no trailing whitespace;
//! * at most one blank line in a row, none at the start or end of the file; lines end in
//!   `\n` (a file written with `\r\n` or `\r` comes back with `\n`);
//! * the lines inside a block comment are kept as written.

use crate::source::FileId;
use crate::syntax::{self, SyntaxError};

/// Why a text was not formatted.
#[derive(Debug, Clone)]
pub enum FormatError {
    /// The text has syntax errors: formatting it could move what the parser cannot place.
    Syntax(Vec<SyntaxError>),
}

/// The canonical layout of `text`, or why there is none.
pub fn format(text: &str) -> Result<String, FormatError> {
    // Read as the compiler reads it: a lone carriage return ends a line (a `//` comment ends
    // there too), so the text is checked with those line ends, not as one long line.
    let text = crate::source::normalize_line_endings(text.to_string());
    let (_, errors) = syntax::parse(FileId(0), &text);
    // A warning (a file of comments only) does not stop formatting; an error does.
    let severe = |e: &SyntaxError| {
        crate::diagnostic::Diagnostic::from(e).severity == crate::diagnostic::Severity::Error
    };
    if errors.iter().any(severe) {
        return Err(FormatError::Syntax(
            errors.into_iter().filter(severe).collect(),
        ));
    }
    Ok(layout(&text))
}

/// Where a scan of the text stands at a line break.
#[derive(Debug, Clone, Copy, Default)]
struct State {
    braces: usize,
    parens: usize,
    in_block_comment: bool,
}

/// One line split into its code (whitespace collapsed) and its trailing line comment.
struct Line {
    code: String,
    comment: Option<String>,
    /// The line starts inside a block comment: it is kept as written.
    verbatim: bool,
    raw: String,
}

fn layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut state = State::default();
    let mut continues = false;
    let mut blank_run = 0usize;
    let mut wrote_any = false;
    for raw in lines(text) {
        let start = state;
        let line = split_line(raw, &mut state);
        if line.verbatim {
            flush_blanks(&mut out, &mut blank_run, wrote_any);
            // Inside a block comment every character is the comment's, trailing blanks too.
            out.push_str(&line.raw);
            out.push('\n');
            wrote_any = true;
            continue;
        }
        if line.code.is_empty() && line.comment.is_none() {
            blank_run += 1;
            continue;
        }
        flush_blanks(&mut out, &mut blank_run, wrote_any);
        let closing = line
            .code
            .chars()
            .filter(|c| *c != ' ')
            .take_while(|c| *c == '}')
            .count();
        let depth = start.braces.saturating_sub(closing);
        let starts_continuation = starts_continuing(&line.code);
        let extra = usize::from(
            !line.code.is_empty()
                && !line.code.starts_with('}')
                && (start.parens > 0 || continues || starts_continuation)
                && !closes_bracket(&line.code),
        );
        out.push_str(&"  ".repeat(depth + extra));
        out.push_str(&line.code);
        if let Some(c) = &line.comment {
            if !line.code.is_empty() {
                out.push_str("  ");
            }
            out.push_str(c.trim_end());
        }
        out.push('\n');
        wrote_any = true;
        if !line.code.is_empty() {
            continues = ends_continuing(&line.code);
        }
    }
    out
}

/// One blank line for a run of them, except before the first line written.
fn flush_blanks(out: &mut String, blank_run: &mut usize, wrote_any: bool) {
    if *blank_run > 0 && wrote_any {
        out.push('\n');
    }
    *blank_run = 0;
}

/// The lines of the text, split at `\r\n`, `\n` and a lone `\r` alike.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\n') => {
                out.push(text.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            Some(b'\r') => {
                out.push(text.get(start..i).unwrap_or(""));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        out.push(text.get(start..).unwrap_or(""));
    }
    out
}

/// Splits a line into code and trailing comment, collapsing whitespace in the code, and
/// advances the bracket state over it.
fn split_line(raw: &str, state: &mut State) -> Line {
    let verbatim = state.in_block_comment;
    let mut code = String::with_capacity(raw.len());
    let mut comment = None;
    let mut chars = raw.char_indices().peekable();
    let mut pending_space = false;
    let mut in_string = false;
    while let Some((i, c)) = chars.next() {
        if state.in_block_comment {
            if c == '*' && chars.peek().is_some_and(|(_, n)| *n == '/') {
                chars.next();
                state.in_block_comment = false;
            }
            if !verbatim {
                code.push(c);
                if !state.in_block_comment {
                    code.push('/');
                }
            }
            continue;
        }
        if in_string {
            code.push(c);
            if c == '\\' {
                if let Some((_, n)) = chars.next() {
                    code.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            ' ' | '\t' => {
                pending_space = !code.is_empty();
                continue;
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                comment = raw.get(i..).map(str::to_string);
                break;
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '*') => {
                chars.next();
                state.in_block_comment = true;
                if pending_space {
                    code.push(' ');
                    pending_space = false;
                }
                code.push_str("/*");
                continue;
            }
            _ => {}
        }
        if pending_space {
            code.push(' ');
            pending_space = false;
        }
        code.push(c);
        match c {
            '"' => in_string = true,
            '{' => state.braces += 1,
            '}' => state.braces = state.braces.saturating_sub(1),
            '(' | '[' => state.parens += 1,
            ')' | ']' => state.parens = state.parens.saturating_sub(1),
            _ => {}
        }
    }
    Line {
        code,
        comment,
        verbatim,
        raw: raw.to_string(),
    }
}

/// Words and signs after which an expression or entry goes on on the next line.
const CONTINUING_ENDS: &[&str] = &[
    ":", "=", ",", "+", "-", "−", "*", "×", "/", "÷", "<", ">", "<=", ">=", "≤", "≥", "==", "!=",
    "≠", "(", "[", "and", "or", "where", "not", "in", "is",
];

fn ends_continuing(code: &str) -> bool {
    let last_word = code
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default();
    CONTINUING_ENDS.contains(&last_word)
        || code.ends_with(':')
        || code.ends_with('(')
        || code.ends_with('[')
        || (code.ends_with(',') && !code.ends_with("},"))
}

fn starts_continuing(code: &str) -> bool {
    let first = code.split(' ').next().unwrap_or_default();
    matches!(
        first,
        "and" | "or" | "where" | "note" | "+" | "*" | "×" | "/" | "÷"
    )
}

/// A line that starts by closing a `(` or `[` goes back to the opening line's indentation.
fn closes_bracket(code: &str) -> bool {
    code.starts_with(')') || code.starts_with(']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indents_by_braces_and_continuations_and_keeps_comments() {
        let text = "medium   \"A\"  {\n\tsupport { paper = 170 g/m2 }   // paper\n\n\n layer \"top\" {\n silica = 7 g/m2\n}\n}\n";
        assert_eq!(
            format(text).unwrap(),
            "medium \"A\" {\n  support { paper = 170 g/m2 }  // paper\n\n  layer \"top\" {\n    silica = 7 g/m2\n  }\n}\n"
        );
        let claims = "claimset x \"X\" {\nsource \"t\"\nclaim 1 medium {\n\"A medium\": medium M\n\"words\":\nhas(M, silica)\nand has(M, pva)\n}\n}\n";
        assert_eq!(
            format(claims).unwrap(),
            "claimset x \"X\" {\n  source \"t\"\n  claim 1 medium {\n    \"A medium\": medium M\n    \"words\":\n      has(M, silica)\n      and has(M, pva)\n  }\n}\n"
        );
    }

    #[test]
    fn strings_and_block_comments_are_kept_as_written() {
        let text = "/* a\n     kept   as is */\nmedium \"A  b\" { support { paper = 170 g/m2 } }\n";
        let out = format(text).unwrap();
        assert_eq!(out, text);
        assert_eq!(format(&out).unwrap(), out);
    }

    #[test]
    fn refuses_a_text_with_syntax_errors() {
        assert!(matches!(
            format("medium \"A\" { layer { silica = } }\n"),
            Err(FormatError::Syntax(_))
        ));
    }

    /// Found by fuzzing: with lone carriage returns the whole text looked like one comment
    /// to a parse of the raw text, so a file with syntax errors was formatted.
    #[test]
    fn lone_carriage_returns_end_comments_before_the_check() {
        let text = "// a comment\rmedium \"A\" { layer {\r}\r";
        assert!(matches!(format(text), Err(FormatError::Syntax(_))));
    }

    /// Found by fuzzing: a line inside a block comment keeps its trailing blanks (they are the
    /// comment's text).
    #[test]
    fn block_comment_lines_keep_their_trailing_blanks() {
        let text = "/* one  \n two \n*/\nunit gu = 1 %\n";
        assert_eq!(format(text).unwrap(), text);
    }

    #[test]
    fn line_endings_become_newlines() {
        assert_eq!(
            format("medium \"A\" {\r\n  support { paper = 170 g/m2 }\r}\r\n").unwrap(),
            "medium \"A\" {\n  support { paper = 170 g/m2 }\n}\n"
        );
    }
}
