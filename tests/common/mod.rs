//! Helpers shared by the integration tests.

// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use mediac::compile::Compilation;
use mediac::eval::ClaimVerdict;
use std::path::{Path, PathBuf};

/// The verdict of claim `claim` of set `set` for the subject named `subject`.
pub fn verdict_of<'c>(
    c: &'c Compilation,
    subject: &str,
    set: &str,
    claim: u32,
) -> &'c ClaimVerdict {
    c.verdicts
        .iter()
        .find(|v| {
            c.model.node(v.subject).and_then(|n| n.name.as_deref()) == Some(subject)
                && c.claimsets[v.set].id == set
                && v.claim == claim
        })
        .unwrap_or_else(|| panic!("no verdict for {subject} {set} {claim}"))
}

/// The `.media` files of `specs/examples`, sorted so that file ids are stable.
pub fn example_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "media"))
        .collect();
    paths.sort();
    paths
}

/// Compiles `files` (name, text) with the prelude, and the shipped claim sets when `shipped`,
/// and asserts that no diagnostic is an error.
pub fn compile_clean(files: &[(&str, &str)], shipped: bool) -> Compilation {
    let c = compile_files(files, shipped);
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == mediac::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    c
}

/// Compiles `files` (name, text) with the prelude, and the shipped claim sets when `shipped`.
pub fn compile_files(files: &[(&str, &str)], shipped: bool) -> Compilation {
    let mut c = if shipped {
        mediac::compile::Compiler::new()
    } else {
        mediac::compile::Compiler::bare()
    };
    for (name, text) in files {
        c.add(*name, *text);
    }
    c.compile()
}

/// Each diagnostic as `file:line: code` (summary notes left out).
pub fn located_codes(c: &Compilation) -> Vec<String> {
    c.diagnostics
        .iter()
        .filter(|d| d.code.as_str() != "media::verdict::summary")
        .map(|d| {
            let at = d
                .primary_span()
                .and_then(|s| {
                    let f = c.sources.get(s.file)?;
                    Some(format!("{}:{}: ", f.name, f.line_col(s.start as usize).0))
                })
                .unwrap_or_default();
            format!("{at}{}", d.code.as_str())
        })
        .collect()
}
