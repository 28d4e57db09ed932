//! A linear pre-scan of the raw text: brackets, strings and comments.
//!
//! It runs before the recursive-descent parser so that pathological nesting is refused with a
//! diagnostic instead of a stack overflow, and so that an unclosed bracket is reported where it
//! was opened rather than where the parser gave up.
//!
//! A missing `}` costs only its block: when the braces do not balance, a second pass reads the
//! indentation (a line indented no deeper than the line that opened a block, and not starting
//! with `}`, ends that block) and closes each such block by turning one byte of the whitespace
//! before that line into `}` in a copy of the text handed to the parser. Offsets do not move, so
//! every span still points into the file. When the guess cannot be placed (no whitespace to use,
//! or the indentation contradicts the brackets) the unclosed bracket stops the file as before.

use super::{MAX_NESTING, SyntaxError};
use crate::source::{FileId, Span};
use std::borrow::Cow;

/// What the pre-scan found: where items may start, and the repairs of unclosed blocks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Offsets where a line at bracket depth 0 starts with a name: the places a top-level item
    /// can start, where the parser resumes after a syntax error.
    pub starts: Vec<usize>,
    /// Whitespace bytes that stand for a missing `}`.
    pub closes: Vec<usize>,
    /// One error per block closed that way.
    pub errors: Vec<SyntaxError>,
}

impl Structure {
    /// The text the parser reads: `text` with the missing braces put in.
    pub fn repaired<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.closes.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut bytes = text.as_bytes().to_vec();
        for &at in &self.closes {
            if let Some(b) = bytes.get_mut(at) {
                *b = b'}';
            }
        }
        // Only ASCII whitespace was replaced by an ASCII brace.
        Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
    }
}

/// Checks brackets, strings and comments (see the module's documentation).
pub fn check_structure(file: FileId, text: &str) -> Result<Structure, SyntaxError> {
    match walk(file, text, false) {
        Err(e @ SyntaxError::UnclosedBracket { expected: '}', .. }) => {
            walk(file, text, true).map_err(|_| e)
        }
        other => other,
    }
}

/// One pass over the text. With `by_indentation`, blocks that the indentation ends are closed
/// (see [`Structure::closes`]) and any bracket error is final.
fn walk(file: FileId, text: &str, by_indentation: bool) -> Result<Structure, SyntaxError> {
    let bytes = text.as_bytes();
    // (bracket, offset, indentation of its line)
    let mut stack: Vec<(u8, usize, usize)> = Vec::new();
    let mut out = Structure::default();
    // Whitespace since the last code byte, outside comments: where a `}` may be put.
    let mut spare: Vec<usize> = Vec::new();
    let mut at_line_start = true;
    let mut line_start = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if at_line_start {
            if b == b' ' || b == b'\t' || b == b'\r' {
                spare.push(i);
                i += 1;
                continue;
            }
            let comment = b == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*'));
            if by_indentation && b != b'\n' && b != b'}' && !comment {
                let indent = i - line_start;
                while let Some(&(b'{', at, opened)) = stack.last() {
                    if indent > opened {
                        break;
                    }
                    // The block should have ended before this line.
                    let Some(slot) = (!spare.is_empty()).then(|| spare.remove(0)) else {
                        return Err(SyntaxError::UnclosedBracket {
                            open: Span::new(file, at, at + 1),
                            expected: '}',
                            before: None,
                        });
                    };
                    out.closes.push(slot);
                    out.errors.push(SyntaxError::UnclosedBracket {
                        open: Span::new(file, at, at + 1),
                        expected: '}',
                        before: Some(Span::new(file, i, i)),
                    });
                    stack.pop();
                }
            }
            if stack.is_empty() && (b.is_ascii_alphabetic() || b == b'_') {
                out.starts.push(i);
            }
        }
        at_line_start = b == b'\n';
        if at_line_start {
            line_start = i + 1;
        }
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => spare.push(i),
            // A comment is not code: the whitespace before it stays usable.
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {}
            _ => spare.clear(),
        }
        match b {
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None | Some(b'\n') => {
                            // `\\` at the very end steps past it: keep the span in the text.
                            return Err(SyntaxError::UnterminatedString {
                                span: Span::new(file, start, i.min(bytes.len())),
                            });
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while let Some(&c) = bytes.get(i) {
                    if c == b'\n' {
                        break;
                    }
                    i += 1;
                }
                // The line break that ends the comment is not usable: a `}` put there would be
                // inside the comment.
                at_line_start = false;
                if bytes.get(i).is_some() {
                    at_line_start = true;
                    line_start = i + 1;
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                i += 2;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(SyntaxError::UnterminatedComment {
                                span: Span::new(file, start, start + 2),
                            });
                        }
                        Some(b'*') if bytes.get(i + 1) == Some(&b'/') => {
                            i += 1;
                            break;
                        }
                        Some(b'\n') => {
                            line_start = i + 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                if stack.len() >= MAX_NESTING {
                    return Err(SyntaxError::TooDeep {
                        span: Span::new(file, i, i + 1),
                        limit: MAX_NESTING,
                    });
                }
                stack.push((b, i, indentation(bytes, line_start)));
            }
            b')' | b']' | b'}' => match stack.pop() {
                None => {
                    return Err(SyntaxError::UnmatchedClose {
                        span: Span::new(file, i, i + 1),
                        found: b as char,
                    });
                }
                Some((open, at, _)) if !closes(open, b) => {
                    return Err(SyntaxError::MismatchedBracket {
                        open: Span::new(file, at, at + 1),
                        close: Span::new(file, i, i + 1),
                        expected: closer(open) as char,
                        found: b as char,
                    });
                }
                Some(_) => {}
            },
            _ => {}
        }
        i += 1;
    }
    // Blocks still open at the end of the file close in the whitespace that ends it.
    while let Some((open, at, _)) = stack.pop() {
        let slot = (by_indentation && open == b'{' && !spare.is_empty()).then(|| spare.remove(0));
        let Some(slot) = slot else {
            return Err(SyntaxError::UnclosedBracket {
                open: Span::new(file, at, at + 1),
                expected: closer(open) as char,
                before: None,
            });
        };
        out.closes.push(slot);
        out.errors.push(SyntaxError::UnclosedBracket {
            open: Span::new(file, at, at + 1),
            expected: '}',
            before: Some(Span::new(file, bytes.len(), bytes.len())),
        });
    }
    Ok(out)
}

/// Spaces and tabs at the start of the line that starts at `line_start`.
fn indentation(bytes: &[u8], line_start: usize) -> usize {
    bytes
        .get(line_start..)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count()
}

/// `(` and `[` close each other's way too: a half-open interval `[3:7, 7:3)` is one bracket
/// pair. Braces pair only with braces, so a block is never closed by a parenthesis.
fn closes(open: u8, close: u8) -> bool {
    if open == b'{' {
        close == b'}'
    } else {
        close == b')' || close == b']'
    }
}

fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: FileId = FileId(0);

    #[test]
    fn deep_nesting_is_refused_at_the_bracket_past_the_limit() {
        let text = "(".repeat(10_000) + &")".repeat(10_000);
        let err = check_structure(F, &text).unwrap_err();
        assert_eq!(
            err,
            SyntaxError::TooDeep {
                span: Span::new(F, 64, 65),
                limit: 64
            }
        );
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        assert!(check_structure(F, "a \"{(\" // {\n/* ( */ b").is_ok());
    }

    #[test]
    fn item_starts_are_lines_at_depth_zero() {
        let text = "unit a = 1 g\nmedium \"x\" {\n  layer {}\n}\n  // note\n  ink \"k\" {}\n";
        let starts = check_structure(F, text).unwrap().starts;
        let words: Vec<&str> = starts.iter().map(|&s| &text[s..s + 3]).collect();
        assert_eq!(words, ["uni", "med", "ink"]);
    }

    #[test]
    fn unbalanced_brackets_point_at_the_culprit() {
        assert!(matches!(
            check_structure(F, "{ ]"),
            Err(SyntaxError::MismatchedBracket { .. })
        ));
        assert!(matches!(
            check_structure(F, "}"),
            Err(SyntaxError::UnmatchedClose { .. })
        ));
        assert_eq!(
            check_structure(F, "x {"),
            Err(SyntaxError::UnclosedBracket {
                open: Span::new(F, 2, 3),
                expected: '}',
                before: None,
            })
        );
        assert!(matches!(
            check_structure(F, "\"abc\n"),
            Err(SyntaxError::UnterminatedString { .. })
        ));
        assert!(matches!(
            check_structure(F, "/* x"),
            Err(SyntaxError::UnterminatedComment { .. })
        ));
    }

    #[test]
    fn a_missing_brace_is_put_where_the_indentation_ends_its_block() {
        let text = "medium \"A\" {\n  layer \"x\" {\n    silica = 5 g/m2\n  layer \"y\" { pva = 1 g/m2 }\n}\nmedium \"B\" {}\n";
        let s = check_structure(F, text).unwrap();
        let fixed = s.repaired(text);
        // The `}` takes the place of the first space of the dedented line's indentation... or
        // of the line break before it.
        assert_eq!(
            fixed,
            "medium \"A\" {\n  layer \"x\" {\n    silica = 5 g/m2}  layer \"y\" { pva = 1 g/m2 }\n}\nmedium \"B\" {}\n"
        );
        let open = text.find("{\n    silica").unwrap();
        let before = text.find("layer \"y\"").unwrap();
        assert_eq!(
            s.errors,
            [SyntaxError::UnclosedBracket {
                open: Span::new(F, open, open + 1),
                expected: '}',
                before: Some(Span::new(F, before, before)),
            }]
        );
        let words: Vec<&str> = s.starts.iter().map(|&i| &text[i..i + 8]).collect();
        assert_eq!(words, ["medium \"", "medium \""]);
    }

    #[test]
    fn a_block_open_at_the_end_closes_in_the_final_line_break() {
        let text = "medium \"A\" {\n  support { paper = 1 g/m2 }\n";
        let s = check_structure(F, text).unwrap();
        assert_eq!(s.closes, [text.len() - 1]);
        // Without whitespace to put it in, the file stops at the bracket as before.
        assert!(check_structure(F, "medium \"A\" {").is_err());
    }

    #[test]
    fn a_brace_is_never_put_inside_a_line_comment() {
        let text = "a {\n  x = 1 // note\nb {}\n";
        let s = check_structure(F, text).unwrap();
        // The line break ends the comment: the `}` goes before the comment instead.
        assert_eq!(s.repaired(text), "a {\n  x = 1}// note\nb {}\n");
    }
}
