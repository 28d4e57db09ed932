//! Large files parsed in pieces on every core (see [`parse_pieces`]).

use super::{File, Run, parse_from};
use crate::source::FileId;
use crate::syntax::SyntaxError;

/// Files at least twice this large are parsed in pieces of about this size.
pub(super) const PIECE_BYTES: usize = 1 << 19;

/// A large file parsed in pieces on every core, each piece from an item start on. The
/// result is the one-pass parse's exactly, or `None` (then the file is parsed in one pass):
/// each piece must end exactly where the next begins (so the one pass would have started an
/// item there too, and parses the same text from the same position), and no piece may have
/// an error (after one, the one pass recovers differently).
pub(super) fn parse_pieces(
    file: FileId,
    text: &str,
    item_starts: &[usize],
) -> Option<(File, Vec<SyntaxError>)> {
    use rayon::prelude::*;
    let mut bounds = vec![0usize];
    let mut next = PIECE_BYTES;
    for &s in item_starts {
        if s >= next && s < text.len() && after_block(text, s) {
            bounds.push(s);
            next = s + PIECE_BYTES;
        }
    }
    bounds.push(usize::MAX);
    let pieces: Vec<(usize, usize)> = bounds
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect();
    let runs: Vec<Run> = pieces
        .par_iter()
        .map(|&(from, to)| parse_from(file, text, item_starts, from, to))
        .collect();
    let last = runs.len().checked_sub(1)?;
    for (i, (run, (_, to))) in runs.iter().zip(&pieces).enumerate() {
        let joined = if i == last {
            run.at_end || run.end >= text.len()
        } else {
            !run.at_end && run.end <= *to && blank_until(text, run.end, *to)
        };
        if !run.errors.is_empty() || !joined {
            return None;
        }
    }
    let mut items = Vec::new();
    let mut comments = Vec::new();
    for run in runs {
        items.extend(run.items);
        comments.extend(run.comments);
    }
    Some((File { items, comments }, Vec::new()))
}

/// The items of `text[from..to]` and the comments before them, when that range parses without
/// an error into items the last of which ends where only whitespace is left before `to` (or,
/// with `to` at the end of the text, at its end): what a one-pass parse of the whole text gives
/// for that range when it starts an item at `from`.
pub(in crate::syntax) fn parse_range(
    file: FileId,
    text: &str,
    from: usize,
    to: usize,
) -> Option<File> {
    let last = to >= text.len();
    let run = parse_from(file, text, &[], from, if last { usize::MAX } else { to });
    let joined = if last {
        run.at_end
    } else {
        !run.at_end && run.end <= to && blank_until(text, run.end, to)
    };
    (run.errors.is_empty() && joined).then_some(File {
        items: run.items,
        comments: run.comments,
    })
}

/// Whether only whitespace separates `s` from a block's closing brace on a line without a
/// comment: where one item ends and the next begins with nothing (no comment) between, a
/// piece can start. A wrong guess costs only the one-pass parse (the pieces do not join).
fn after_block(text: &str, s: usize) -> bool {
    let Some(before) = text.get(..s) else {
        return false;
    };
    let trimmed = before.trim_end_matches([' ', '\t', '\r', '\n']);
    let line = trimmed.rsplit('\n').next().unwrap_or("");
    trimmed.ends_with('}') && !line.contains("//") && !line.contains("/*")
}

/// Whether nothing but whitespace (as the grammar skips it) lies from `pos` to `stop`: a
/// piece ends there, and the next, from `stop`, parses what the one pass would from `pos`.
pub(super) fn blank_until(text: &str, pos: usize, stop: usize) -> bool {
    pos >= stop
        || (stop != usize::MAX
            && text.get(pos..stop).is_some_and(|t| {
                t.chars()
                    .all(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{FEFF}'))
            }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::scan::check_structure;

    fn big(with: &str) -> String {
        let item = "medium \"M#\" {\n  // a remark\n  complete\n  layer \"top\" { fumed_silica = 3 g/m2; pva = 1 g/m2 }\n}\n\n/* between items */\nprocess \"P#\" {\n  medium = \"M#\"\n}\n\n";
        let mut text = String::from(with);
        let mut i = 0;
        while text.len() < 3 * PIECE_BYTES {
            text.push_str(&item.replace('#', &i.to_string()));
            i += 1;
        }
        text
    }

    fn one_pass(text: &str, starts: &[usize]) -> String {
        let run = parse_from(FileId(0), text, starts, 0, usize::MAX);
        format!(
            "{:?} {:?}",
            File {
                items: run.items,
                comments: run.comments,
            },
            run.errors
        )
    }

    #[test]
    fn a_large_file_parsed_in_pieces_is_what_one_pass_gives() {
        let text = big("");
        let starts = check_structure(FileId(0), &text).unwrap().starts;
        let (file, errors) = parse_pieces(FileId(0), &text, &starts).expect("the pieces join");
        assert!(file.items.len() > 6000);
        assert_eq!(format!("{file:?} {errors:?}"), one_pass(&text, &starts));
    }

    #[test]
    fn a_piece_with_an_error_leaves_the_file_to_one_pass() {
        let text = big("").replacen("process \"P700\" {", "process \"P700\" { = ", 1);
        let starts = check_structure(FileId(0), &text).unwrap().starts;
        assert!(parse_pieces(FileId(0), &text, &starts).is_none());
        let (file, errors) = super::super::parse_file(FileId(0), &text, &starts);
        assert_eq!(errors.len(), 1);
        assert_eq!(format!("{file:?} {errors:?}"), one_pass(&text, &starts));
    }
}
