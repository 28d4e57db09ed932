//! Finding the claim text a claim set names (`source "…"`), for `mediac lint`'s completeness
//! checks: the shipped sets' texts are compiled in; a user's is read next to the claim-set
//! file, or in a `text/` folder beside it, inside the project root.

use super::imports::inside_root;
use crate::analysis::{Finding, completeness};
use crate::claims::ClaimSet;
use crate::files;
use crate::source::{FileId, SourceMap};
use std::path::{Path, PathBuf};

/// The claim texts of the shipped claim sets: (file name, text).
pub const SHIPPED_TEXTS: &[(&str, &str)] = &[
    (
        "000_12d70d8203fbf654.txt",
        include_str!("../../specs/claims/text/000_12d70d8203fbf654.txt"),
    ),
    (
        "001_8a241fd3746aa3b2.txt",
        include_str!("../../specs/claims/text/001_8a241fd3746aa3b2.txt"),
    ),
    (
        "002_8f8223cb0641ca14.txt",
        include_str!("../../specs/claims/text/002_8f8223cb0641ca14.txt"),
    ),
];

/// Checks each set against its claim text, adding the texts to `sources`.
pub(super) fn check(
    sets: &[&ClaimSet],
    sources: &mut SourceMap,
    shipped: &[FileId],
    root: &Path,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for set in sets {
        let found = locate(set, sources, shipped.contains(&set.span.file), root);
        match found {
            Ok((name, text)) => {
                let file = sources.add(name, text);
                if let Some(f) = sources.get(file) {
                    completeness::check(set, file, &f.text, &mut out);
                }
            }
            Err(reason) => out.push(Finding::TextMissing {
                set: set.id.clone(),
                span: set.source_span,
                source: set.source.clone(),
                reason,
            }),
        }
    }
    out
}

/// The claim text of `set`: (shown name, text), or why it cannot be read.
pub(super) fn locate(
    set: &ClaimSet,
    sources: &SourceMap,
    shipped: bool,
    root: &Path,
) -> Result<(String, String), String> {
    if shipped {
        return SHIPPED_TEXTS
            .iter()
            .find(|(name, _)| *name == set.source)
            .map(|(name, text)| (format!("<claims>/text/{name}"), text.to_string()))
            .ok_or_else(|| "no shipped claim text has this name".to_string());
    }
    let folder = sources
        .get(set.span.file)
        .map(|f| Path::new(&f.name).parent().map(Path::to_path_buf))
        .unwrap_or_default()
        .unwrap_or_default();
    read_beside(&folder, &set.source, root)
}

/// `folder/source`, else `folder/text/source`: (shown name, text).
fn read_beside(folder: &Path, source: &str, root: &Path) -> Result<(String, String), String> {
    let candidates: Vec<PathBuf> = vec![folder.join(source), folder.join("text").join(source)];
    for path in &candidates {
        if !path.is_file() {
            continue;
        }
        if !inside_root(path, root) {
            return Err(format!(
                "{} is outside the project root `{}`",
                path.display(),
                root.display()
            ));
        }
        return files::read_text(path, files::LIMIT)
            .map(|t| (path.display().to_string(), t))
            .map_err(|e| format!("{}: {e}", path.display()));
    }
    Err(format!(
        "there is no file {}",
        candidates
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" or ")
    ))
}
