//! Positions and URIs: LSP counts columns in UTF-16 code units and names files by URI; the
//! compiler counts bytes and names files by path.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The byte offsets where the lines of `text` start (after `\n`, `\r\n` or a lone `\r`, the
/// line ends LSP knows).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        match b {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// The LSP position of a byte offset (clamped to the text).
pub fn position(text: &str, starts: &[usize], offset: usize) -> Position {
    let offset = offset.min(text.len());
    let line = starts.partition_point(|s| *s <= offset).saturating_sub(1);
    let start = starts.get(line).copied().unwrap_or(0);
    let character: usize = text
        .get(start..offset)
        .unwrap_or_default()
        .chars()
        .map(char::len_utf16)
        .sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

pub fn range(text: &str, starts: &[usize], start: usize, end: usize) -> Range {
    Range::new(position(text, starts, start), position(text, starts, end))
}

/// The byte offset of an LSP position; `None` for a line past the end of the text. A column
/// past the end of its line is the line's end (as the protocol says).
pub fn offset(text: &str, starts: &[usize], pos: Position) -> Option<usize> {
    let line = usize::try_from(pos.line).ok()?;
    let start = *starts.get(line)?;
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    let content = text.get(start..end).unwrap_or_default();
    let content = content.trim_end_matches(['\n', '\r']);
    let mut units = 0usize;
    let want = usize::try_from(pos.character).unwrap_or(usize::MAX);
    for (i, c) in content.char_indices() {
        if units >= want {
            return Some(start + i);
        }
        units += c.len_utf16();
    }
    Some(start + content.len())
}

/// The path a `file:` URI names.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///C:/…` on Windows, `file:///home/…` elsewhere; an authority is not used.
    let path = rest.get(rest.find('/')?..)?;
    Some(PathBuf::from(percent_decode(path)))
}

/// The `file:` URI of an absolute path.
pub fn path_uri(path: &Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).ok()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The identifier (letters, digits, `_`, `::`) around a byte offset, with its range.
pub fn word_at(text: &str, offset: usize) -> Option<(usize, usize, &str)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let before = text.get(..offset)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let after = text.get(offset..)?;
    let end = offset
        + after
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(after.len(), |(i, _)| i);
    let w = text.get(start..end)?.trim_matches(':');
    (!w.is_empty()).then_some((start, end, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_units_not_bytes() {
        let text = "a = 5 °C; b = 2 µm\r\nm² x\rlast";
        let starts = line_starts(text);
        assert_eq!(starts, vec![0, 22, 28]);
        let b = text.find('b').unwrap();
        assert_eq!(position(text, &starts, b), Position::new(0, 10));
        assert_eq!(offset(text, &starts, Position::new(0, 10)), Some(b));
        let x = text.find('x').unwrap();
        assert_eq!(position(text, &starts, x), Position::new(1, 3));
        assert_eq!(offset(text, &starts, Position::new(1, 3)), Some(x));
        assert_eq!(offset(text, &starts, Position::new(1, 99)), Some(27));
        assert_eq!(offset(text, &starts, Position::new(3, 0)), None);
    }

    #[test]
    fn uris_round_trip_paths_with_spaces_and_unicode() {
        let p = Path::new("/tmp/a b/µ.media");
        let u = path_uri(p).unwrap();
        assert_eq!(u.as_str(), "file:///tmp/a%20b/%C2%B5.media");
        assert_eq!(uri_path(&u).unwrap(), p);
    }
}
