//! A linear pre-scan of the raw text: brackets, strings and comments.
//!
//! It runs before the recursive-descent parser so that pathological nesting is refused with a
//! diagnostic instead of a stack overflow, and so that an unclosed bracket is reported where it
//! was opened rather than where the parser gave up.

use super::{MAX_NESTING, SyntaxError};
use crate::source::{FileId, Span};

/// Checks brackets, strings and comments; returns the offsets where a line at bracket depth 0
/// starts with a name — the places a top-level item can start, where the parser resumes after a
/// syntax error.
pub fn check_structure(file: FileId, text: &str) -> Result<Vec<usize>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut starts = Vec::new();
    let mut at_line_start = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if at_line_start {
            if b == b' ' || b == b'\t' || b == b'\r' {
                i += 1;
                continue;
            }
            if stack.is_empty() && (b.is_ascii_alphabetic() || b == b'_') {
                starts.push(i);
            }
        }
        at_line_start = b == b'\n';
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
                // The newline itself is read by the loop, which marks the next line's start.
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
                stack.push((b, i));
            }
            b')' | b']' | b'}' => match stack.pop() {
                None => {
                    return Err(SyntaxError::UnmatchedClose {
                        span: Span::new(file, i, i + 1),
                        found: b as char,
                    });
                }
                Some((open, at)) if !closes(open, b) => {
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
    match stack.pop() {
        Some((open, at)) => Err(SyntaxError::UnclosedBracket {
            open: Span::new(file, at, at + 1),
            expected: closer(open) as char,
        }),
        None => Ok(starts),
    }
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
        let starts = check_structure(F, text).unwrap();
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
                expected: '}'
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
}
