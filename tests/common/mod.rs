//! Helpers shared by the integration tests that read the shipped examples.

use std::path::{Path, PathBuf};

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
