//! Source files and byte spans.
//!
//! Every phase points back into the text it came from with a [`Span`]: a file id and a byte
//! range. The [`SourceMap`] owns the texts; diagnostics carry spans only and are resolved to
//! line and column when they are rendered.

use std::ops::Range;

/// Index of a file in a [`SourceMap`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FileId(pub u32);

/// A byte range in one file. Half-open: `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        // Files larger than 4 GiB are refused before they are parsed, so this never saturates
        // in practice; saturating keeps the conversion total.
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The smallest span that covers both (which must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// One loaded file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    /// The text as read, except that a lone carriage return (classic Mac line ending) is
    /// replaced by a line feed: `\r\n`, `\n` and `\r` all end a line, for the grammar (a
    /// `//` comment ends there) as for line numbers. Both are one byte, so every offset into
    /// the text is an offset into the file.
    pub text: String,
    line_starts: Vec<usize>,
    /// Characters before every [`CHUNK`]-th byte (snapped forward to a character boundary), so
    /// that a column in characters costs at most one chunk of counting however long the line.
    chunk_chars: Vec<(usize, usize)>,
}

/// Bytes between two checkpoints of [`SourceFile::chunk_chars`].
const CHUNK: usize = 4096;

/// `text` with every `\r` that is not followed by `\n` turned into `\n`.
pub fn normalize_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes.get(i + 1) != Some(&b'\n')
            && let Some(b) = bytes.get_mut(i)
            && *b == b'\r'
        {
            *b = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl SourceFile {
    pub fn new(name: String, text: String) -> SourceFile {
        let text = normalize_line_endings(text);
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chunk_chars = Vec::with_capacity(text.len() / CHUNK + 1);
        let (mut byte, mut chars) = (0usize, 0usize);
        while byte < text.len() {
            chunk_chars.push((byte, chars));
            let mut next = (byte + CHUNK).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text.get(byte..next).map_or(0, |s| s.chars().count());
            byte = next;
        }
        SourceFile {
            name,
            text,
            line_starts,
            chunk_chars,
        }
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor(offset);
        let line = self.line_index(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        (
            line + 1,
            self.char_offset(offset) - self.char_offset(start) + 1,
        )
    }

    /// 1-based line and column counted in bytes (as editors' quickfix lists count them).
    pub fn line_byte_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        (line + 1, offset - start + 1)
    }

    /// A byte offset as an offset in characters (code points) from the start of the file.
    pub fn char_offset(&self, offset: usize) -> usize {
        let offset = self.floor(offset);
        let i = self.chunk_chars.partition_point(|&(b, _)| b <= offset);
        let (byte, chars) = i
            .checked_sub(1)
            .and_then(|i| self.chunk_chars.get(i))
            .copied()
            .unwrap_or((0, 0));
        chars + self.text.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// The nearest character boundary at or before `offset` (clamped to the text).
    pub fn floor(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// The nearest character boundary at or after `offset` (clamped to the text).
    pub fn ceil(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o += 1;
        }
        o
    }

    /// 0-based index of the line an offset is on.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset.min(self.text.len())) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of a span, or "" when the span does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// All files of one compilation: the prelude, claim sets and the user's specs.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(name.into(), text.into()));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).map_or("", |f| f.slice(span))
    }

    /// The text under `span` on one line, for messages that quote source.
    pub fn one_line(&self, span: Span) -> String {
        one_line(self.slice(span))
    }
}

/// `text` with line breaks and runs of whitespace collapsed to single spaces and the ends
/// trimmed: claim words span lines in the source but are quoted on one line.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_collapses_breaks_and_indentation() {
        assert_eq!(
            one_line("  a layer\n      on the\tsupport \n"),
            "a layer on the support"
        );
        assert_eq!(one_line(" \n "), "");
        let mut map = SourceMap::new();
        let file = map.add("t.media", "x \"an upper\n   layer\" y");
        assert_eq!(map.one_line(Span::new(file, 2, 22)), "\"an upper layer\"");
    }

    #[test]
    fn every_line_ending_ends_a_line() {
        let f = SourceFile::new("t".into(), "a\rb\r\nc\nd".into());
        assert_eq!(f.text, "a\nb\r\nc\nd", "only the lone CR is replaced");
        assert_eq!(f.line_col(2), (2, 1));
        assert_eq!(f.line_col(5), (3, 1));
        assert_eq!(f.line_col(7), (4, 1));
    }

    #[test]
    fn columns_count_characters_or_bytes() {
        let f = SourceFile::new("t".into(), "x = 115 °C; y\n°C µm".into());
        // `y` is the 13th character and the 14th byte (° is two bytes).
        assert_eq!(f.line_col(13), (1, 13));
        assert_eq!(f.line_byte_col(13), (1, 14));
        assert_eq!(f.line_col(f.text.len()), (2, 6));
        assert_eq!(f.char_offset(f.text.len()), 19);
    }

    #[test]
    fn columns_on_a_long_line_use_the_checkpoints() {
        let line = "é".repeat(10_000);
        let f = SourceFile::new("t".into(), format!("{line}x"));
        assert_eq!(f.line_col(20_000), (1, 10_001));
        assert_eq!(f.char_offset(20_001), 10_001);
        // An offset inside a character counts as the character's start.
        assert_eq!(f.line_col(3), (1, 2));
    }
}
