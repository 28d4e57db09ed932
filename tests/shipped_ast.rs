//! The cache of the shipped files' syntax trees (src/syntax/shipped.ast) is the one this
//! build would make. Run with MEDIAC_UPDATE_SHIPPED=1 to rewrite it after editing the prelude
//! or a shipped claim set; a stale cache is never used (its texts no longer match), so this
//! only keeps the cold start fast.

use std::path::Path;

#[test]
fn the_shipped_syntax_cache_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/syntax/shipped.ast");
    let want = mediac::compile::shipped_syntax_cache();
    assert!(want.len() > 1000, "the cache holds the shipped files");
    let have = std::fs::read(&path).unwrap_or_default();
    if have != want {
        if std::env::var_os("MEDIAC_UPDATE_SHIPPED").is_some() {
            std::fs::write(&path, &want).unwrap();
        } else {
            panic!(
                "src/syntax/shipped.ast is stale: run MEDIAC_UPDATE_SHIPPED=1 cargo test --test shipped_ast"
            );
        }
    }
}

#[test]
fn a_cached_tree_is_the_tree_the_parser_makes() {
    let c = mediac::compile::Compiler::new();
    let compiled = c.compile();
    // Parsing from the cache and from the text give the same model and claim sets.
    let files: Vec<_> = compiled.sources.files().collect();
    assert!(files.len() >= 4);
    for (id, f) in files {
        let (parsed, errors) = mediac::syntax::parse_text(id, &f.text);
        assert!(errors.is_empty());
        if let Some(cached) = mediac::syntax::shipped::lookup(id, &f.text) {
            assert_eq!(format!("{cached:?}"), format!("{parsed:?}"), "{}", f.name);
        } else {
            panic!("{} is not in the cache", f.name);
        }
    }
}
