//! Phase 1: text → syntax tree.
//!
//! Contract: [`parse`] never panics, reports every item's syntax error (not only the first), and never recurses deeper than [`MAX_NESTING`]. Before pest
//! sees a file, a linear scan checks its brackets, strings and comments; a file nested deeper
//! than the limit, with an unclosed bracket or an unterminated string ends in a
//! [`SyntaxError`] with a span, so that neither pest nor any later recursive pass can overflow
//! the stack. Only [`parser`] knows pest.

pub mod ast;
mod parser;
mod scan;
pub mod shipped;
pub mod sketch;

use crate::source::{FileId, Span};

/// Deepest bracket nesting accepted. Real specs nest 4–6 levels; the limit is there so that no
/// recursive pass can be driven into a stack overflow.
pub const MAX_NESTING: usize = 64;

/// Most operands in one arithmetic expression (each level of a left-folded chain is a level of
/// recursion for later passes).
pub const MAX_OPERANDS: usize = 256;

/// Largest file accepted (spans are 32-bit).
pub const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// The grammar did not match at `span`.
    Unexpected {
        span: Span,
        expected: Vec<&'static str>,
        found: String,
        help: String,
    },
    TooDeep {
        span: Span,
        limit: usize,
    },
    UnclosedBracket {
        open: Span,
        expected: char,
        /// Where the indentation says the block ends (the parser reads a `}` there).
        before: Option<Span>,
    },
    MismatchedBracket {
        open: Span,
        close: Span,
        expected: char,
        found: char,
    },
    UnmatchedClose {
        span: Span,
        found: char,
    },
    UnterminatedString {
        span: Span,
    },
    UnterminatedComment {
        span: Span,
    },
    NumberTooLarge {
        span: Span,
    },
    ZeroDenominator {
        span: Span,
    },
    UnitPower {
        span: Span,
        power: String,
    },
    ExpressionTooLong {
        span: Span,
        limit: usize,
    },
    FileTooLarge {
        span: Span,
        bytes: usize,
    },
    /// A zero-width, invisible or bidirectional control character: names that look the same
    /// would differ, and text could display in another order than it is read.
    InvisibleCharacter {
        span: Span,
        character: char,
    },
    /// A file with text in it that yields no item (e.g. everything is a comment).
    NoItems {
        span: Span,
        only_comments: bool,
    },
}

/// The invisible and bidirectional control characters refused anywhere in a file (a byte-order
/// mark is accepted at the very start): the "Trojan Source" set and the zero-width characters.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return None,
    })
}

/// Most invisible characters reported per file (one is enough to act on; a file full of them
/// must not make a diagnostic per byte).
const MAX_INVISIBLE: usize = 20;

fn invisible_characters(file: FileId, text: &str) -> Vec<SyntaxError> {
    text.char_indices()
        .filter(|&(i, c)| !(i == 0 && c == '\u{FEFF}') && invisible_name(c).is_some())
        .take(MAX_INVISIBLE)
        .map(|(i, c)| SyntaxError::InvisibleCharacter {
            span: Span::new(file, i, i + c.len_utf8()),
            character: c,
        })
        .collect()
}

/// Whether a file has anything but whitespace and comments (a rough scan: a `//` inside a
/// string counts as a comment, which only makes the "no items" warning rarer).
fn has_code(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{FEFF}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').and_then(|i| r.get(i..)).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").and_then(|i| r.get(i + 2..)).unwrap_or("");
        } else {
            return !rest.is_empty();
        }
    }
}

impl SyntaxError {
    pub fn span(&self) -> Span {
        match self {
            SyntaxError::Unexpected { span, .. }
            | SyntaxError::TooDeep { span, .. }
            | SyntaxError::UnmatchedClose { span, .. }
            | SyntaxError::UnterminatedString { span }
            | SyntaxError::UnterminatedComment { span }
            | SyntaxError::NumberTooLarge { span }
            | SyntaxError::ZeroDenominator { span }
            | SyntaxError::UnitPower { span, .. }
            | SyntaxError::ExpressionTooLong { span, .. }
            | SyntaxError::FileTooLarge { span, .. }
            | SyntaxError::InvisibleCharacter { span, .. }
            | SyntaxError::NoItems { span, .. } => *span,
            SyntaxError::UnclosedBracket { open, .. } => *open,
            SyntaxError::MismatchedBracket { close, .. } => *close,
        }
    }
}

/// Parses one file: the items that parsed, and the syntax errors. A missing `}` costs only its
/// block when the indentation shows where the block ends; any other bracket or string error
/// leaves no items (item boundaries cannot be trusted); any other error costs only the item it
/// is in.
pub fn parse(file: FileId, text: &str) -> (ast::File, Vec<SyntaxError>) {
    if let Some(tree) = shipped::lookup(file, text) {
        return (tree, Vec::new());
    }
    parse_text(file, text)
}

/// pest alone over a file, item by item, building no syntax tree: the baseline of the
/// parse-only benchmark. Returns the number of items parsed (it stops at the first error).
pub fn pest_only(text: &str) -> usize {
    parser::pest_only(text)
}

/// The items of `text[from..to]`, parsed as a one-pass parse of the whole file would parse
/// them when it starts an item at `from`; `None` unless they parse without an error and end
/// where only whitespace is left before `to` (see [`sketch`]: ranges it cut are parsed one
/// group at a time, and a file whose ranges do not all parse so is parsed whole).
pub fn parse_range(file: FileId, text: &str, from: usize, to: usize) -> Option<ast::File> {
    parser::parse_range(file, text, from, to)
}

/// As [`parse`], never from the cache of shipped files.
pub fn parse_text(file: FileId, text: &str) -> (ast::File, Vec<SyntaxError>) {
    let empty = || ast::File {
        items: Vec::new(),
        comments: Vec::new(),
    };
    if text.len() > MAX_FILE_BYTES {
        let e = SyntaxError::FileTooLarge {
            span: Span::new(file, 0, 0),
            bytes: text.len(),
        };
        return (empty(), vec![e]);
    }
    let invisible = invisible_characters(file, text);
    let (tree, mut errors) = match scan::check_structure(file, text) {
        Ok(s) => {
            let (tree, errors) = parser::parse_file(file, &s.repaired(text), &s.starts);
            (tree, s.errors.into_iter().chain(errors).collect())
        }
        Err(e) => (empty(), vec![e]),
    };
    // A file that reads as nothing although it has text (all of it commented out, or a line
    // ending the grammar did not see) must not pass silently as "no problems".
    if tree.items.is_empty() && errors.is_empty() && !text.trim().is_empty() {
        let first = text.len() - text.trim_start().len();
        let end = text
            .get(first..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| first + i);
        errors.push(SyntaxError::NoItems {
            span: Span::new(file, first, end),
            only_comments: !has_code(text),
        });
    }
    errors.splice(0..0, invisible);
    (tree, errors)
}
