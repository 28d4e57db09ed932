//! Files extend the taxonomy: an existing material joins genera of the file's own, and two
//! files that declare the same material alike do not collide.

mod common;

use mediac::compile::Compiler;

fn diagnostics(files: &[(&str, &str)]) -> Vec<String> {
    common::located_codes(&common::compile_files(files, false))
}

#[test]
fn a_prelude_material_joins_a_genus_of_the_file() {
    let claims = r#"material hydrophilic_polymer "hydrophilic polymer"
material pva : hydrophilic_polymer
claimset hp "Genus extension (test)" {
  source "test"
  claim 1 medium {
    "medium": medium M
    "a layer": layer U in M
    "containing a hydrophilic polymer and a binder": has(U, hydrophilic_polymer) and has(U, binder)
  }
}
"#;
    let spec = "medium \"H\" { support { paper = 170 g/m2 } layer \"l\" { silica = 5 g/m2; pva = 1 g/m2 } }\n";
    let mut c = Compiler::bare();
    c.add("claims.media", claims);
    c.add("spec.media", spec);
    let c = c.compile();
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let v = c.verdicts.iter().find(|v| v.claim == 1).unwrap();
    assert_eq!(v.verdict, mediac::eval::Verdict::Met);
}

#[test]
fn two_files_declaring_a_material_alike_do_not_collide() {
    let a = "material hydrophilic_polymer \"hydrophilic polymer\"\nmaterial pva : hydrophilic_polymer\n";
    let b = "material hydrophilic_polymer \"hydrophilic polymer\"\nmaterial water_soluble_resin\nmaterial pva : water_soluble_resin\n";
    assert_eq!(
        diagnostics(&[("a.media", a), ("b.media", b)]),
        Vec::<String>::new()
    );
    // A different label is a conflict, shown with both declarations.
    let c = "material hydrophilic_polymer \"water-loving polymer\"\n";
    assert_eq!(
        diagnostics(&[("a.media", a), ("c.media", c)]),
        ["c.media:1: media::decl::duplicate"]
    );
}

#[test]
fn an_extension_that_closes_a_cycle_is_reported_where_it_is_written() {
    let text = "// silica under one of its own species\nmaterial silica : fumed_silica\n";
    assert_eq!(
        diagnostics(&[("cycle.media", text)]),
        ["cycle.media:2: media::decl::taxonomy_cycle"]
    );
}
