//! The errors of module resolution and of loading imports. Each carries its spans and the
//! text of its help; `crate::diagnostic` turns them into diagnostics.

use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleError {
    /// A name two visible declarations give different meanings to.
    Ambiguous {
        span: Span,
        name: String,
        /// (qualified name, declaration) of each.
        candidates: Vec<(String, Span)>,
    },
    /// `x::name` where no file declares `module x`.
    UnknownModule {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    /// A module name declared twice (in two files), or a second `module` in one file (`name`
    /// is then the first one's).
    DuplicateModule {
        span: Span,
        previous: Span,
        name: String,
        same_file: bool,
    },
    /// `module a::b`.
    QualifiedModuleName { span: Span, name: String },
    /// An import that names no readable `.media` file.
    ImportNotFound {
        span: Span,
        path: String,
        reason: String,
    },
    /// An import of a file outside the project root.
    ImportOutsideRoot {
        span: Span,
        path: String,
        root: String,
    },
    /// An import that closes a cycle: the files on it, from the importing one round to it.
    ImportCycle { span: Span, files: Vec<String> },
    /// An import in a file that is not on disk (standard input, a shipped file).
    ImportWithoutFolder { span: Span, file: String },
}
