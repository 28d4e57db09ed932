//! The inputs of a command: the files named or found under folders (through
//! `mediac::files`), standard input for `-`, read into a compiler; every file that cannot be
//! read becomes a diagnostic, none is dropped.

use crate::Inputs;
use mediac::compile::Compiler;
use mediac::diagnostic::{Code, Diagnostic};
use mediac::files::{self, FileError};
use std::path::{Path, PathBuf};

/// The diagnostic for a file or folder that could not be read.
pub(crate) fn file_error(path: &Path, e: &FileError) -> Diagnostic {
    let shown = path.display().to_string();
    let d = match e {
        FileError::TooLarge { .. } => Diagnostic::new(
            Code::SyntaxFileTooLarge,
            format!("{shown} is too large: {e}"),
        )
        .help("split the specs over several files"),
        FileError::NotAFile { .. } => {
            Diagnostic::new(Code::IoRead, format!("cannot read {shown}: {e}"))
                .help("name a regular file; FIFOs and devices are not read, as they may never end")
        }
        FileError::NotUtf8 { .. } => {
            Diagnostic::new(Code::IoRead, format!("cannot read {shown}: {e}"))
                .help("save the file as UTF-8")
        }
        FileError::NotFound => Diagnostic::new(Code::IoRead, format!("cannot read {shown}: {e}"))
            .help("check the path; relative paths start at the current directory"),
        FileError::Io(_) => Diagnostic::new(Code::IoRead, format!("cannot read {shown}: {e}"))
            .help("check the file's permissions"),
    };
    d.path(shown)
}

/// Reads the inputs into a compiler. Returns the compiler, the diagnostics of files that
/// could not be read (and of folders with nothing to read), and the number of files read.
pub(crate) fn load(inputs: &Inputs) -> (Compiler, Vec<Diagnostic>, usize) {
    let mut diagnostics = Vec::new();
    let stdin = inputs.paths.iter().any(|p| p.as_os_str() == "-");
    let named: Vec<PathBuf> = inputs
        .claims
        .iter()
        .chain(&inputs.paths)
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let found = files::find(&named);
    for (path, e) in &found.errors {
        diagnostics.push(file_error(path, e));
    }
    for folder in &found.empty_folders {
        diagnostics.push(
            Diagnostic::new(
                Code::IoEmptyFolder,
                format!(
                    "{} holds no .media file: nothing in it is checked",
                    folder.display()
                ),
            )
            .help(
                "check the path; files ignored by .gitignore, hidden ones and `target` folders \
                 are skipped (name a file directly to check it anyway)",
            )
            .path(folder.display().to_string()),
        );
    }
    // The same file named twice (directly and through its folder) is read once.
    let mut seen = std::collections::HashSet::new();
    let files: Vec<PathBuf> = found
        .files
        .into_iter()
        .filter(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())))
        .collect();
    let mut compiler = if inputs.no_shipped_claims {
        Compiler::bare()
    } else {
        Compiler::new()
    };
    compiler.constructions = inputs.constructions.clone();
    compiler.root = Some(inputs.root.clone());
    let mut loaded = 0usize;
    for f in &files {
        match files::read_text(f, files::LIMIT) {
            Ok(text) => {
                if compiler.add(f.display().to_string(), text).is_some() {
                    loaded += 1;
                }
            }
            Err(e) => diagnostics.push(file_error(f, &e)),
        }
    }
    if stdin {
        let name = inputs
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string());
        match files::read_stdin(files::LIMIT) {
            Ok(text) => {
                if compiler.add(name, text).is_some() {
                    loaded += 1;
                }
            }
            Err(e) => diagnostics.push(file_error(Path::new(&name), &e)),
        }
    }
    (compiler, diagnostics, loaded)
}
