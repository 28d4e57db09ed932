//! A lexical sketch of a file's top-level items, without a syntax tree: where each item lies,
//! the name it declares and every string it holds (the names it may refer to).
//!
//! Contract: [`sketch`] runs in time linear in the text and keeps no more than the strings. It
//! answers `None` for any text it cannot cut plainly into items (a bracket or string the
//! pre-scan rejects or repairs, an invisible character, a qualified `module::name`): such a
//! file is parsed whole. A sketch is a guess about items, checked later:
//! [`super::parse_range`] parses each range and says whether it is exactly the items the
//! sketch expects, and a caller that finds otherwise parses the file whole.

use super::{MAX_FILE_BYTES, scan};
use crate::source::FileId;

/// One top-level item as the sketch sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSketch {
    /// From the end of the previous item (the comments and blank lines before this item are
    /// its own), to just after its closing `}` or `;`; the last item's range ends at the end
    /// of the file.
    pub start: usize,
    pub end: usize,
    /// The name the item declares (`medium "M0" {`): its first string when that follows the
    /// item's keyword directly. Intents (`expect`, `avoid`) declare none.
    pub name: Option<String>,
    /// Where every string of the item lies (its name's too), quotes excluded: read one with
    /// [`string_value`]. Offsets, not copies: the sketch of a large input stays small.
    pub strings: Vec<(u32, u32)>,
}

/// The value of a string of the sketch (its escapes read as the grammar reads them).
pub fn string_value(text: &str, (from, to): (u32, u32)) -> std::borrow::Cow<'_, str> {
    let raw = text.get(from as usize..to as usize).unwrap_or_default();
    if !raw.contains('\\') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => value.push('\n'),
                Some(other) => value.push(other),
                None => {}
            },
            (c, false) => value.push(c),
        }
    }
    std::borrow::Cow::Owned(value)
}

/// The items of a file, or `None` when the text cannot be cut plainly into items (see the
/// module's documentation).
pub fn sketch(file: FileId, text: &str) -> Option<Vec<ItemSketch>> {
    if text.len() > MAX_FILE_BYTES || !super::invisible_characters(file, text).is_empty() {
        return None;
    }
    let structure = scan::check_structure(file, text).ok()?;
    if !structure.closes.is_empty() || !structure.errors.is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut i = 0;
    let mut start = 0;
    let mut depth = 0usize;
    // Tokens of the current item read so far at depth 0 (keyword, name): enough to tell the
    // declared name.
    let mut head: Vec<Token> = Vec::new();
    let mut strings: Vec<(u32, u32)> = Vec::new();
    let mut name: Option<String> = None;
    let mut begun = false;
    // Where the last token read ends.
    let mut last = 0;
    while let Some(&b) = bytes.get(i) {
        let blank = matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let comment = b == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*'));
        let token = !(blank || comment);
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text.get(i..)?.find('\n').map_or(text.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text.get(i + 2..)?.find("*/").map(|n| i + 2 + n + 2)?;
            }
            b'"' => {
                let next = string_end(text, i)?;
                let at = (u32::try_from(i + 1).ok()?, u32::try_from(next - 1).ok()?);
                begun = true;
                if depth == 0 && head.len() < 2 {
                    head.push(Token::Str);
                    if let [Token::Word(false), Token::Str] = head.as_slice() {
                        name = Some(string_value(text, at).into_owned());
                    }
                }
                strings.push(at);
                i = next;
            }
            b'{' | b'(' | b'[' => {
                begun = true;
                depth += 1;
                head.push(Token::Other);
                i += 1;
            }
            b'}' | b')' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                if depth == 0 && b == b'}' {
                    items.push(finish(start, i, &mut name, &mut strings));
                    (start, begun) = (i, false);
                    head.clear();
                }
            }
            b';' if depth == 0 => {
                i += 1;
                items.push(finish(start, i, &mut name, &mut strings));
                (start, begun) = (i, false);
                head.clear();
            }
            _ => {
                let len = bytes
                    .get(i..)?
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                if len == 0 {
                    begun = true;
                    // A qualified name (`team::silica`) is a module's: its file is parsed whole.
                    if b == b':' && bytes.get(i + 1) == Some(&b':') {
                        return None;
                    }
                    head.push(Token::Other);
                    // One whole character, so that `i` stays on a character boundary.
                    i += text.get(i..)?.chars().next()?.len_utf8();
                } else {
                    let word = text.get(i..i + len)?;
                    let intent = matches!(word, "expect" | "avoid");
                    // An intent needs no `;`: the next intent ends it.
                    if intent && depth == 0 && head.first() == Some(&Token::Word(true)) {
                        items.push(finish(start, last, &mut name, &mut strings));
                        start = last;
                        head.clear();
                    }
                    head.push(Token::Word(intent));
                    begun = true;
                    i += len;
                }
            }
        }
        if token {
            last = i;
        }
    }
    if begun {
        // The last item ends at the end of the file (an intent without `;`).
        items.push(finish(start, text.len(), &mut name, &mut strings));
    } else if let Some(last) = items.last_mut() {
        // Comments and blank lines after the last item are parsed with it.
        last.end = text.len();
    }
    Some(items)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A word; `true` for the keywords of intents.
    Word(bool),
    Str,
    Other,
}

fn finish(
    start: usize,
    end: usize,
    name: &mut Option<String>,
    strings: &mut Vec<(u32, u32)>,
) -> ItemSketch {
    ItemSketch {
        start,
        end,
        name: name.take(),
        strings: std::mem::take(strings),
    }
}

/// The position after the closing quote of the string that opens at `at`.
fn string_end(text: &str, at: usize) -> Option<usize> {
    let mut chars = text.get(at + 1..)?.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Some(at + 1 + k + 1),
            '\\' => {
                chars.next()?;
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(Option<String>, Vec<String>, &str)> {
        sketch(FileId(7), text)
            .unwrap_or_default()
            .into_iter()
            .map(|s| {
                let strings = s
                    .strings
                    .iter()
                    .map(|r| string_value(text, *r).into_owned());
                (
                    s.name,
                    strings.collect(),
                    text.get(s.start..s.end).unwrap_or("?"),
                )
            })
            .collect()
    }

    #[test]
    fn items_are_cut_after_their_closing_brace_with_the_comments_before_them() {
        let text = "medium \"M0\" { layer \"top\" { silica = 5 g/m2 } }\n// the ink\nink \"K0\" { water = 100 wt% }\nprocess \"P0\" { medium = \"M0\"; print { ink = \"K0\" } }\n// end\n";
        let got = names(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0.as_deref(), Some("M0"));
        assert_eq!(got[0].1, vec!["M0", "top"]);
        assert!(got[0].2.starts_with("medium") && got[0].2.ends_with("} }"));
        assert!(got[1].2.starts_with("\n// the ink\nink"));
        assert_eq!(got[2].0.as_deref(), Some("P0"));
        assert_eq!(got[2].1, vec!["P0", "M0", "K0"]);
        assert!(got[2].2.ends_with("// end\n"), "{:?}", got[2].2);
    }

    #[test]
    fn intents_declare_no_name_and_end_at_their_semicolon_or_the_file() {
        let text = "expect \"A \\\"x\\\"\" meets s.claim 1;\navoid process \"B\" reads_on s.*\n// then\nexpect \"C\" meets s.claim 2";
        let got = names(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, None);
        assert_eq!(got[0].1, vec!["A \"x\""]);
        assert_eq!(got[1].0, None);
        assert_eq!(got[1].1, vec!["B"]);
        assert_eq!(got[1].2, "\navoid process \"B\" reads_on s.*");
        assert_eq!(got[2].1, vec!["C"]);
        assert_eq!(got[2].2, "\n// then\nexpect \"C\" meets s.claim 2");
    }

    #[test]
    fn a_variant_declares_its_own_name_and_refers_to_its_base() {
        let got = names("medium \"B\" from \"A\" { }");
        assert_eq!(got[0].0.as_deref(), Some("B"));
        assert_eq!(got[0].1, vec!["B", "A"]);
    }

    #[test]
    fn text_it_cannot_cut_plainly_is_refused() {
        assert!(sketch(FileId(1), "medium \"M\" {").is_none());
        assert!(sketch(FileId(1), "medium \"M\" { }}").is_none());
        assert!(sketch(FileId(1), "ink \"K\u{200B}\" { }").is_none());
        assert!(sketch(FileId(1), "ink \"K { }").is_none());
        assert!(sketch(FileId(1), "ink \"K\" { team::dye = 1 wt% }").is_none());
    }
}
