//! The parsed form of the files that ship inside the binary (the prelude and the claim
//! sets), so that a one-spec check does not parse its declarations and claims at every
//! start (58 KB: parsing them took most of a one-spec check).
//!
//! Contract: [`lookup`] returns the syntax tree of a shipped file only when the file id and
//! the text are exactly those the cache was made from (the cache stores the text); any other
//! file, or a shipped file edited without remaking the cache, is parsed as usual. The cache,
//! `shipped.ast`, is made by `mediac::compile::shipped_syntax_cache`; `tests/shipped_ast.rs`
//! fails when it is stale and rewrites it with `MEDIAC_UPDATE_SHIPPED=1`.

use super::ast;
use crate::source::FileId;

static CACHE: &[u8] = include_bytes!("shipped.ast");

/// One file: its id when the compiler loads it, its text, and its syntax tree (postcard).
type Entry<'a> = (u32, &'a str, &'a [u8]);

/// The syntax tree of a shipped file, if the cache holds this file with this exact text.
pub fn lookup(file: FileId, text: &str) -> Option<ast::File> {
    let entries: Vec<Entry<'_>> = postcard::from_bytes(CACHE).ok()?;
    let (_, _, bytes) = entries
        .iter()
        .find(|(id, t, _)| *id == file.0 && *t == text)?;
    postcard::from_bytes(bytes).ok()
}

/// The cache's bytes for files that parsed without errors: (id, text, tree).
pub fn encode(files: &[(FileId, &str, &ast::File)]) -> Vec<u8> {
    let trees: Vec<Vec<u8>> = files
        .iter()
        .map(|(_, _, f)| postcard::to_allocvec(f).unwrap_or_default())
        .collect();
    let entries: Vec<Entry<'_>> = files
        .iter()
        .zip(&trees)
        .map(|((id, text, _), tree)| (id.0, *text, tree.as_slice()))
        .collect();
    postcard::to_allocvec(&entries).unwrap_or_default()
}
