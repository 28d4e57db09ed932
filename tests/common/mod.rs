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
