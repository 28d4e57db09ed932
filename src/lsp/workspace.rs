//! The files the server compiles: the open documents (their editor text), every `*.media`
//! file under the workspace root (respecting `.gitignore`, read from disk), the prelude and
//! the shipped claim sets — the last two also written once to a read-only cache folder so
//! that "go to definition" can open them.

use super::text::{line_starts, path_uri, uri_path};
use crate::compile::{Compilation, Compiler, PRELUDE, PRELUDE_NAME, SHIPPED_CLAIMS};
use crate::source::FileId;
use lsp_types::Uri;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// An open document.
pub struct Doc {
    /// As the editor sent it: diagnostics go back under the same URI.
    pub uri: Uri,
    pub text: String,
    pub version: i32,
}

pub struct Workspace {
    pub root: Option<PathBuf>,
    /// By the path the URI names (or the URI itself for other schemes).
    pub open: BTreeMap<String, Doc>,
    disk: BTreeMap<PathBuf, String>,
    /// Where the shipped files are written, by their name in the source map.
    shipped: HashMap<String, PathBuf>,
    pub compiled: Option<Compiled>,
    pub dirty: bool,
    /// Whether the shipped claim sets are loaded (the client's `shippedClaims` option).
    pub shipped_claims: bool,
}

/// A compilation and where its files are.
pub struct Compiled {
    pub c: Compilation,
    /// The URI of each file of the compilation that has one.
    pub uris: HashMap<FileId, Uri>,
    /// The line starts of each file (for positions).
    pub lines: HashMap<FileId, Vec<usize>>,
    /// The files that ship with the compiler (read-only: no diagnostics are published there).
    pub shipped: std::collections::HashSet<FileId>,
}

impl Compiled {
    pub fn file_of(&self, uri: &Uri) -> Option<FileId> {
        self.uris
            .iter()
            .find(|(_, u)| u.as_str() == uri.as_str())
            .map(|(f, _)| *f)
    }

    pub fn text(&self, f: FileId) -> &str {
        self.c.sources.get(f).map_or("", |s| s.text.as_str())
    }

    pub fn starts(&self, f: FileId) -> &[usize] {
        self.lines.get(&f).map_or(&[], Vec::as_slice)
    }

    /// The LSP location of a span.
    pub fn location(&self, span: crate::source::Span) -> Option<lsp_types::Location> {
        let uri = self.uris.get(&span.file)?.clone();
        let text = self.text(span.file);
        let starts = self.starts(span.file);
        Some(lsp_types::Location::new(
            uri,
            super::text::range(text, starts, span.start as usize, span.end as usize),
        ))
    }
}

/// The key of a document: the path its URI names, else the URI.
pub fn key(uri: &Uri) -> String {
    uri_path(uri).map_or_else(
        || uri.as_str().to_string(),
        |p| p.to_string_lossy().into_owned(),
    )
}

impl Workspace {
    pub fn new(root: Option<PathBuf>) -> Workspace {
        let mut w = Workspace {
            root,
            open: BTreeMap::new(),
            disk: BTreeMap::new(),
            shipped: HashMap::new(),
            compiled: None,
            dirty: true,
            shipped_claims: true,
        };
        w.rescan();
        w.shipped = write_shipped();
        w
    }

    /// Reads every `*.media` file under the root again.
    pub fn rescan(&mut self) {
        self.disk.clear();
        let Some(root) = &self.root else { return };
        let found = crate::files::find(std::slice::from_ref(root));
        for f in found.files {
            if let Ok(text) = crate::files::read_text(&f, crate::files::LIMIT) {
                let abs = std::path::absolute(&f).unwrap_or(f);
                self.disk.insert(abs, text);
            }
        }
        self.dirty = true;
    }

    /// Reads one file again (saved, created or deleted outside the editor).
    pub fn reload(&mut self, path: &Path) {
        match crate::files::read_text(path, crate::files::LIMIT) {
            Ok(text) => {
                self.disk.insert(path.to_path_buf(), text);
            }
            Err(_) => {
                self.disk.remove(path);
            }
        }
        self.dirty = true;
    }

    /// Compiles the workspace again if anything changed since the last time.
    pub fn compile(&mut self) -> &Compiled {
        if self.dirty || self.compiled.is_none() {
            self.compiled = Some(self.build());
            self.dirty = false;
        }
        // Set just above.
        match &self.compiled {
            Some(c) => c,
            None => unreachable_compiled(),
        }
    }

    fn build(&self) -> Compiled {
        let mut compiler = if self.shipped_claims {
            Compiler::new()
        } else {
            Compiler::bare()
        };
        compiler.summaries = true;
        compiler.root = self.root.clone();
        let mut names: HashMap<FileId, Uri> = HashMap::new();
        for (path, text) in &self.disk {
            let key = path.to_string_lossy().into_owned();
            if self.open.contains_key(&key) {
                continue;
            }
            if let Some(id) = compiler.add(key, text.clone())
                && let Some(u) = path_uri(path)
            {
                names.insert(id, u);
            }
        }
        for (key, doc) in &self.open {
            if let Some(id) = compiler.add(key.clone(), doc.text.clone()) {
                names.insert(id, doc.uri.clone());
            }
        }
        let c = compiler.compile();
        let mut uris = HashMap::new();
        let mut lines = HashMap::new();
        let mut shipped = std::collections::HashSet::new();
        for (id, f) in c.sources.files() {
            lines.insert(id, line_starts(&f.text));
            if let Some(u) = names.get(&id) {
                uris.insert(id, u.clone());
            } else if let Some(p) = self.shipped.get(&f.name) {
                shipped.insert(id);
                if let Some(u) = path_uri(p) {
                    uris.insert(id, u);
                }
            } else if let Some(u) =
                path_uri(Path::new(&f.name)).filter(|_| Path::new(&f.name).is_absolute())
            {
                // An imported file the walk did not find (outside a gitignored folder, say).
                uris.insert(id, u);
            }
        }
        Compiled {
            c,
            uris,
            lines,
            shipped,
        }
    }
}

// The compilation was stored the line before it is read; a fresh one stands in regardless so
// that this path has no panic.
fn unreachable_compiled() -> &'static Compiled {
    static EMPTY: std::sync::OnceLock<Compiled> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Compiled {
        c: Compiler::bare().compile(),
        uris: HashMap::new(),
        lines: HashMap::new(),
        shipped: std::collections::HashSet::new(),
    })
}

/// Writes the prelude and shipped claim sets to a read-only cache folder (once per version),
/// and returns where each went by its source-map name.
fn write_shipped() -> HashMap<String, PathBuf> {
    let mut out = HashMap::new();
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("mediac")
        .join(env!("CARGO_PKG_VERSION"));
    let files = std::iter::once((PRELUDE_NAME, PRELUDE)).chain(SHIPPED_CLAIMS.iter().copied());
    for (name, text) in files {
        let rel = name.trim_start_matches('<').replacen('>', "", 1);
        let path = base.join(rel);
        let current = std::fs::read_to_string(&path).is_ok_and(|t| t == text);
        if !current {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = make_writable(&path);
            if crate::files::write_atomic(&path, text.as_bytes()).is_err() {
                continue;
            }
            let _ = make_read_only(&path);
        }
        out.insert(name.to_string(), path);
    }
    out
}

fn make_read_only(path: &Path) -> std::io::Result<()> {
    let mut p = std::fs::metadata(path)?.permissions();
    p.set_readonly(true);
    std::fs::set_permissions(path, p)
}

fn make_writable(path: &Path) -> std::io::Result<()> {
    let mut p = std::fs::metadata(path)?.permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    p.set_readonly(false);
    std::fs::set_permissions(path, p)
}
