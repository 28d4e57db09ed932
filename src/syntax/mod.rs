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
            | SyntaxError::FileTooLarge { span, .. } => *span,
            SyntaxError::UnclosedBracket { open, .. } => *open,
            SyntaxError::MismatchedBracket { close, .. } => *close,
        }
    }
}

/// Parses one file: the items that parsed, and the syntax errors. A bracket or string error
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
    match scan::check_structure(file, text) {
        Ok(starts) => parser::parse_file(file, text, &starts),
        Err(e) => (empty(), vec![e]),
    }
}
