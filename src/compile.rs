//! The pipeline driver: files in, model and diagnostics out.
//!
//! The prelude is always file 0. Syntax errors cost only the items they are in: every item
//! that parsed still goes through the model, so one typo does not hide the problems of the
//! rest.

use crate::diagnostic::Diagnostic;
use crate::model::{self, Model};
use crate::source::{FileId, SourceMap};
use crate::syntax;

/// The prelude, compiled into the binary.
pub const PRELUDE: &str = include_str!("../specs/prelude.media");
pub const PRELUDE_NAME: &str = "<prelude>/prelude.media";

pub struct Compilation {
    pub sources: SourceMap,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collects the files of one compilation.
pub struct Compiler {
    sources: SourceMap,
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler::new()
    }
}

impl Compiler {
    pub fn new() -> Compiler {
        let mut sources = SourceMap::new();
        sources.add(PRELUDE_NAME, PRELUDE);
        Compiler { sources }
    }

    /// Adds a file. A copy of the shipped prelude is skipped: it is always loaded already.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> Option<FileId> {
        let text = text.into();
        if text == PRELUDE {
            return None;
        }
        Some(self.sources.add(name, text))
    }

    pub fn compile(self) -> Compilation {
        let mut diagnostics = Vec::new();
        let mut files = Vec::new();
        for (id, file) in self.sources.files() {
            let (ast, errors) = syntax::parse(id, &file.text);
            diagnostics.extend(errors.iter().map(Diagnostic::from));
            files.push(ast);
        }
        let refs: Vec<&syntax::ast::File> = files.iter().collect();
        let (model, errors) = model::build(&refs);
        diagnostics.extend(errors.iter().map(Diagnostic::from));
        diagnostics.sort_by_key(|d| d.primary_span().map(|s| (s.file, s.start, s.end)));
        Compilation {
            sources: self.sources,
            model,
            diagnostics,
        }
    }
}

/// Compiles one text with the prelude; for tests and tools.
pub fn compile_str(name: &str, text: &str) -> Compilation {
    let mut c = Compiler::new();
    c.add(name, text);
    c.compile()
}
