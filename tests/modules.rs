//! Modules and imports (docs/language.md §3.8): two files written apart declare the same names
//! without colliding; identical declarations merge, differing ones are ambiguous where used;
//! imports load files relative to the importer, stay inside the root and report cycles.

mod common;

use mediac::compile::{Compilation, Compiler};
use mediac::diagnostic::Severity;
use mediac::eval::Verdict;
use std::path::Path;

const ALPHA: &str = r#"module team_alpha
material cationic_modifier "cationic surface modifier (team alpha)"
material hydrophilic_polymer "hydrophilic polymer"
material pva : hydrophilic_polymer
claimset alpha_cationic "Alpha (test): a layer with a cationic modifier" {
  source "test"
  claim 1 medium {
    "A recording medium": medium M
    "a layer": layer L in M
    "containing a cationic modifier and a hydrophilic polymer": has(L, cationic_modifier) and has(L, hydrophilic_polymer)
  }
}
"#;

const BETA: &str = r#"module team_beta
material cationic_modifier : binder "cationic modifier (team beta)"
material hydrophilic_polymer "hydrophilic polymer"
claimset beta_cationic "Beta (test): a layer with a cationic modifier" {
  source "test"
  claim 1 medium {
    "A recording medium": medium M
    "a layer": layer L in M
    "containing a cationic modifier": has(L, cationic_modifier)
  }
}
"#;

fn verdict(c: &Compilation, set: &str) -> Verdict {
    c.verdicts
        .iter()
        .find(|v| c.claimsets[v.set].id == set && v.claim == 1)
        .unwrap_or_else(|| panic!("no verdict of {set}"))
        .verdict
}

#[test]
fn two_modules_declare_the_same_name_without_colliding() {
    let spec = r#"medium "P" {
  layer "top" {
    silica = 10 g/m2
    team_alpha::cationic_modifier = 1 g/m2
    pva = 1 g/m2
  }
}
"#;
    let c = common::compile_clean(
        &[
            ("alpha.media", ALPHA),
            ("beta.media", BETA),
            ("p.media", spec),
        ],
        false,
    );
    // Alpha's modifier is not beta's: the product meets alpha's claim, and beta's claim is
    // not met (the layer's list is complete and holds no beta modifier).
    assert_eq!(verdict(&c, "alpha_cationic"), Verdict::Met);
    assert_eq!(verdict(&c, "beta_cationic"), Verdict::NotMet);
    // The prelude's pva joined alpha's genus (an extension, not a new `team_alpha::pva`).
    assert!(c.model.schema.materials.lookup("pva").is_some());
    assert!(c.model.schema.materials.lookup("team_alpha::pva").is_none());
    assert!(
        c.model
            .schema
            .materials
            .lookup("team_alpha::hydrophilic_polymer")
            .is_some()
    );
}

#[test]
fn identical_declarations_in_two_modules_are_one_name() {
    // Both modules declare `hydrophilic_polymer` alike: it is one genus (alpha's), so that a
    // product naming beta's is seen by alpha's claim too.
    let spec = r#"medium "P" {
  layer "top" {
    silica = 10 g/m2
    team_alpha::cationic_modifier = 1 g/m2
    team_beta::hydrophilic_polymer = 1 g/m2
  }
}
"#;
    let c = common::compile_clean(
        &[
            ("alpha.media", ALPHA),
            ("beta.media", BETA),
            ("p.media", spec),
        ],
        false,
    );
    assert_eq!(verdict(&c, "alpha_cationic"), Verdict::Met);
    assert!(
        c.model
            .schema
            .materials
            .lookup("team_beta::hydrophilic_polymer")
            .is_none()
    );
}

#[test]
fn a_name_two_imports_declare_differently_is_ambiguous_showing_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("alpha.media"), ALPHA).unwrap();
    std::fs::write(dir.path().join("beta.media"), BETA).unwrap();
    let product = "import \"alpha.media\"\nimport \"beta.media\"\nmedium \"P\" {\n  layer \"top\" {\n    silica = 10 g/m2\n    cationic_modifier = 1 g/m2\n    hydrophilic_polymer = 1 g/m2\n  }\n}\n";
    let path = dir.path().join("product.media");
    std::fs::write(&path, product).unwrap();
    let c = compile_in(dir.path(), &[&path]);
    let errors: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    // Only the modifier: the two `hydrophilic_polymer`s are alike, hence one.
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = errors[0];
    assert_eq!(d.code.as_str(), "media::module::ambiguous");
    assert_eq!(
        d.message,
        "`cationic_modifier` means 2 different things here"
    );
    let at = d.primary_span().unwrap();
    let text = &c.sources.get(at.file).unwrap().text;
    assert_eq!(
        &text[at.start as usize..at.end as usize],
        "cationic_modifier"
    );
    assert_eq!(
        c.sources
            .get(at.file)
            .unwrap()
            .line_col(at.start as usize)
            .0,
        6
    );
    let shown: Vec<&str> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .map(|l| l.message.as_str())
        .collect();
    assert_eq!(
        shown,
        [
            "`team_alpha::cationic_modifier` is declared here",
            "`team_beta::cationic_modifier` is declared here"
        ]
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "write the qualified name: `team_alpha::cationic_modifier` or `team_beta::cationic_modifier` (the declarations differ, so they are not merged)"
        )
    );
    // The product's verdicts are withheld, never judged on a guess.
    assert!(!c.verdicts.is_empty());
    assert!(
        c.verdicts
            .iter()
            .all(|v| v.verdict == Verdict::Undetermined)
    );
}

#[test]
fn an_import_loads_the_file_and_its_names_resolve_unqualified() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    std::fs::write(dir.path().join("claims/alpha.media"), ALPHA).unwrap();
    std::fs::create_dir(dir.path().join("products")).unwrap();
    let product = "import \"../claims/alpha.media\"\nmedium \"P\" {\n  layer \"top\" { silica = 10 g/m2; cationic_modifier = 1 g/m2; hydrophilic_polymer = 1 g/m2 }\n}\n";
    let path = dir.path().join("products/p.media");
    std::fs::write(&path, product).unwrap();
    let c = compile_in(dir.path(), &[&path]);
    assert!(
        c.diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        c.diagnostics
    );
    assert_eq!(verdict(&c, "alpha_cationic"), Verdict::Met);
}

#[test]
fn a_file_given_and_imported_is_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let alpha = dir.path().join("alpha.media");
    std::fs::write(&alpha, ALPHA).unwrap();
    let product = dir.path().join("p.media");
    std::fs::write(&product, "import \"alpha.media\"\n").unwrap();
    let c = compile_in(dir.path(), &[&alpha, &product]);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    assert_eq!(c.claimsets.len(), 1);
}

#[test]
fn an_import_cycle_is_reported_at_the_import_that_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.media");
    let b = dir.path().join("b.media");
    std::fs::write(&a, "import \"b.media\"\n").unwrap();
    std::fs::write(&b, "// b\nimport \"a.media\"\n").unwrap();
    let c = compile_in(dir.path(), &[&a]);
    let codes = common::located_codes(&c);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(
        codes[0].ends_with("b.media:2: media::import::cycle"),
        "{codes:?}"
    );
    let d = &c.diagnostics[0];
    assert!(d.message.starts_with("these files import each other: "));
    assert!(d.message.contains("a.media → "), "{}", d.message);
}

#[test]
fn an_import_outside_the_root_is_refused_whether_or_not_it_exists() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(dir.path().join("outside.media"), ALPHA).unwrap();
    let p = project.join("p.media");
    std::fs::write(
        &p,
        "import \"../outside.media\"\nimport \"../nothing.media\"\n",
    )
    .unwrap();
    let c = compile_in(&project, &[&p]);
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["media::import::outside_root", "media::import::outside_root"]
    );
    // Nothing outside was read.
    assert!(c.claimsets.is_empty());
}

#[test]
fn a_qualified_name_of_no_module_suggests_the_one_meant() {
    let spec = "medium \"P\" { layer \"top\" { silica = 10 g/m2; team_alpah::cationic_modifier = 1 g/m2 } }\n";
    let c = common::compile_files(&[("alpha.media", ALPHA), ("p.media", spec)], false);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::module::unknown")
        .unwrap();
    assert_eq!(d.message, "no file declares `module team_alpah`");
    assert_eq!(d.help.as_deref(), Some("did you mean `team_alpha`?"));
    // Said once: the name is then read unqualified, and alpha's modifier is not a shared name.
    assert_eq!(
        common::located_codes(&c),
        [
            "p.media:1: media::module::unknown",
            "p.media:1: media::name::unknown"
        ]
    );
}

#[test]
fn shared_files_merge_identical_declarations_and_show_both_of_differing_ones() {
    let a = "property layer.gloss_60 : percent \"60° gloss\"\nunit gu = 1 %\n";
    let same = "// the same, written again\nproperty layer.gloss_60 : percent \"60° gloss\"\nunit gu = 1 %\n";
    assert_eq!(
        common::located_codes(&common::compile_files(
            &[("a.media", a), ("b.media", same)],
            false
        )),
        Vec::<String>::new()
    );
    let other = "property layer.gloss_60 : percent \"gloss at 60°\"\n";
    let c = common::compile_files(&[("a.media", a), ("c.media", other)], false);
    assert_eq!(
        common::located_codes(&c),
        ["c.media:1: media::decl::duplicate"]
    );
    let d = &c.diagnostics[0];
    let files: Vec<&str> = d
        .labels
        .iter()
        .map(|l| c.sources.get(l.span.file).unwrap().name.as_str())
        .collect();
    assert_eq!(files, ["c.media", "a.media"]);
}

/// Compiles the files with the prelude only and the root `root`.
fn compile_in(root: &Path, files: &[&Path]) -> Compilation {
    let mut c = Compiler::bare();
    c.root = Some(root.to_path_buf());
    for f in files {
        c.add(f.display().to_string(), std::fs::read_to_string(f).unwrap());
    }
    c.compile()
}
