//! Snapshots of the reports: claim charts (md, csv) for one example of each claim set,
//! explanations of a heat-press claim and a ratio claim, SARIF, and a verdict-lock diff.

use mediac::compile::{Compilation, Compiler};
use mediac::eval::ClaimVerdict;
use mediac::report::{chart, explain, lock, sarif, short};
use std::path::Path;

fn compile_files(names: &[&str]) -> Compilation {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/examples");
    let mut c = Compiler::new();
    for n in names {
        c.add(
            format!("specs/examples/{n}"),
            std::fs::read_to_string(dir.join(n)).unwrap(),
        );
    }
    let c = c.compile();
    assert!(
        !c.has_errors(),
        "{:?}",
        c.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    c
}

fn subject(c: &Compilation, name: &str) -> mediac::model::NodeId {
    *c.model
        .items
        .iter()
        .find(|id| c.model.node(**id).and_then(|n| n.name.as_deref()) == Some(name))
        .unwrap()
}

fn set(c: &Compilation, id: &str) -> usize {
    c.claimsets.iter().position(|s| s.id == id).unwrap()
}

fn verdict<'c>(
    c: &'c Compilation,
    subject_name: &str,
    set_id: &str,
    claim: u32,
) -> &'c ClaimVerdict {
    let (s, si) = (subject(c, subject_name), set(c, set_id));
    c.verdicts
        .iter()
        .find(|v| v.subject == s && v.set == si && v.claim == claim)
        .unwrap()
}

fn charts(file: &str, subject_name: &str, set_id: &str, claim: u32) -> (String, String) {
    let c = compile_files(&[file]);
    let mut ch = chart::build(
        &c,
        set(&c, set_id),
        subject(&c, subject_name),
        Some(claim),
        "2026-11-21",
    )
    .unwrap();
    // As `mediac chart` does: the full claim text, and a confidentiality header.
    let (name, text) =
        mediac::compile::claim_text(&c, &c.claimsets[set(&c, set_id)], Path::new(".")).unwrap();
    ch.attach_claim_text(&name, &text);
    ch.header = Some("Privileged & Confidential — prepared at the request of counsel".into());
    (chart::markdown(&ch), chart::csv(&ch))
}

#[test]
fn chart_thermoplastic_upper_layer() {
    let (md, csv) = charts(
        "tul_claim01_meets.media",
        "TUL Duo Gloss",
        "thermoplastic_upper_layer",
        8,
    );
    insta::assert_snapshot!("chart_tul_md", md);
    insta::assert_snapshot!("chart_tul_csv", csv);
}

#[test]
fn chart_heat_press_fixing() {
    let (md, csv) = charts(
        "hpf_claim01_meets.media",
        "HPF Aqua print and fix",
        "heat_press_fixing",
        2,
    );
    insta::assert_snapshot!("chart_hpf_md", md);
    insta::assert_snapshot!("chart_hpf_csv", csv);
}

#[test]
fn chart_cast_coated_alumina() {
    let (md, csv) = charts(
        "cca_claim12_misses_mgcl2_anhydride.media",
        "CCA Lite Gloss 210",
        "cast_coated_alumina",
        12,
    );
    insta::assert_snapshot!("chart_cca_md", md);
    insta::assert_snapshot!("chart_cca_csv", csv);
}

#[test]
fn html_chart_is_self_contained() {
    let c = compile_files(&["hpf_claim01_meets.media"]);
    let ch = chart::build(
        &c,
        set(&c, "heat_press_fixing"),
        subject(&c, "HPF Aqua print and fix"),
        Some(1),
        "2026-11-21",
    )
    .unwrap();
    let html = chart::html(&ch);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script")
            && !html.contains("http://")
            && !html.contains("https://")
            && !html.contains("<link")
    );
    assert!(html.contains("@media print"));
    assert!(html.contains("✔ met"));
    // The identity table (6 rows), the summary (a head row and a row per claim), each claim's
    // table (a head row and its rows), the provenance.
    assert_eq!(
        html.matches("<tr>").count(),
        6 + 1
            + ch.summary.rows.len()
            + ch.claims.iter().map(|c| c.rows.len() + 1).sum::<usize>()
            + ch.provenance.len()
    );
    assert!(html.contains("<h2>Summary</h2>") && html.contains("<h2>Provenance</h2>"));
}

#[test]
fn explain_a_heat_press_claim() {
    let c = compile_files(&["hpf_claim01_meets.media"]);
    insta::assert_snapshot!(explain::render(
        &c,
        verdict(&c, "HPF Aqua print and fix", "heat_press_fixing", 1)
    ));
}

#[test]
fn explain_a_ratio_claim() {
    let c = compile_files(&["tul_claim17_misses_ratio_7_to_3.media"]);
    insta::assert_snapshot!(explain::render(
        &c,
        verdict(&c, "TUL Duo Pearl Lite", "thermoplastic_upper_layer", 17)
    ));
}

const FAILING: &str = r#"medium "M" {
  support { paper = 170 g/m2 }
  layer "base" { role = ink_absorbing; silica = 18 g/m2; pva = 3 g/m2 }
  layer "top" { role = ink_absorbing; silica = 5 g/m2; polystyrene_latex = 4.6 g/m2 }
}
medium "N" { support { paper = 170 g/m2 } layer "top" { silica = 5 g/m2; thickness = 12 g/m2 } }
expect "M" meets thermoplastic_upper_layer.claim 7
avoid "M" reads_on thermoplastic_upper_layer.claim 1
"#;

#[test]
fn sarif_output() {
    let mut c = Compiler::new();
    c.add("spec.media", FAILING);
    let c = c.compile();
    let refs: Vec<_> = c.diagnostics.iter().collect();
    insta::assert_snapshot!(sarif::report_in(&refs, &c.sources, None));
}

#[test]
fn short_output() {
    let mut c = Compiler::new();
    c.add("spec.media", FAILING);
    let c = c.compile();
    let lines: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| short::render(d, &c.sources))
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn lock_diff_names_subject_claim_verdicts_and_limitation() {
    let before = r#"medium "Lock" {
      support { paper = 170 g/m2 }
      layer "base" { role = ink_absorbing; silica = 18 g/m2 }
      layer "top" { role = ink_absorbing; silica = 5 g/m2; polystyrene_latex = 2 g/m2 }
    }"#;
    let after = before.replace("polystyrene_latex = 2 g/m2", "polystyrene_latex = 5 g/m2");
    let entries = |text: &str| {
        let mut c = Compiler::new();
        c.add("lock.media", text);
        lock::entries(&c.compile())
    };
    let old = entries(before);
    let written = lock::render(&old);
    // The file is line-based text, one line per verdict, in key order, and reads back as
    // written.
    assert_eq!(lock::parse(&written).unwrap(), old);
    assert_eq!(lock::render(&lock::parse(&written).unwrap()), written);
    assert_eq!(written.lines().count(), old.len() + 1);
    let claims: Vec<&str> = written
        .lines()
        .skip(1)
        .filter(|l| l.contains("thermoplastic_upper_layer"))
        .map(|l| l.split(" | ").nth(2).unwrap())
        .collect();
    assert_eq!(claims[..3], ["1", "2", "3"]);
    let diff = lock::diff(
        &lock::parse(&written).unwrap(),
        &entries(&after),
        "verdicts.lock",
    );
    let shown: Vec<String> = diff
        .iter()
        .map(|d| {
            format!(
                "{}: {}\n  help: {}",
                d.code.as_str(),
                d.message,
                d.help.as_deref().unwrap_or("")
            )
        })
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
}

/// A not-met row names what breaks it, and a claim set's `note` reaches its row.
#[test]
fn a_not_met_row_names_the_counter_example_and_notes_reach_their_rows() {
    let text = r#"claimset only_silica "Only silica (test)" {
  source "test"
  claim 1 medium {
    "A medium": medium M
    "a layer": layer L in M
    "every inorganic pigment of which is silica": only(L, inorganic_pigment, silica)
  }
}
medium "Mixed" { support { paper = 170 g/m2 } layer "top" { silica = 5 g/m2; alumina_hydrate = 2 g/m2; pva = 1 g/m2 } }
"#;
    let c = mediac::compile::compile_str("only.media", text);
    let ch = chart::build(
        &c,
        set(&c, "only_silica"),
        subject(&c, "Mixed"),
        Some(1),
        "2026-11-21",
    )
    .unwrap();
    let row = ch.claims[0].rows.iter().find(|r| r.id == "1[c]").unwrap();
    assert_eq!(row.verdict, mediac::eval::Verdict::NotMet);
    assert_eq!(
        row.evidence,
        ["alumina_hydrate in layer \"top\": not silica (only.media:9)"]
    );
    assert!(
        row.message
            .contains("also contains inorganic pigment that is not silica: alumina_hydrate"),
        "{}",
        row.message
    );

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut comp = Compiler::new();
    comp.root = Some(root.to_path_buf());
    let products = root.join("specs/examples/portfolio/products.media");
    comp.add(
        products.display().to_string(),
        std::fs::read_to_string(&products).unwrap(),
    );
    let c = comp.compile();
    let ch = chart::build(
        &c,
        set(&c, "alpha_coated_silica"),
        subject(&c, "Portfolio Gloss 1 Blend"),
        Some(1),
        "2026-11-21",
    )
    .unwrap();
    let row = ch.claims[0].rows.iter().find(|r| r.id == "1[e]").unwrap();
    assert!(
        row.note
            .starts_with("a blended modifier may adsorb on the silica too"),
        "{}",
        row.note
    );
    assert_eq!(row.verdict, mediac::eval::Verdict::NotMet);
}

/// The HTML chart draws the process window of a claim that reads two stated values.
#[test]
fn the_html_chart_of_a_process_claim_has_its_window() {
    let c = compile_files(&["02_fixpress_heat_press.media"]);
    let si = set(&c, "heat_press_fixing");
    let s = subject(&c, "FixPress roller printing");
    let mut ch = chart::build(&c, si, s, Some(1), "2026-11-21").unwrap();
    ch.attach_windows(&c, si, s);
    let svg = ch.claims[0]
        .window
        .as_deref()
        .expect("claim 1 reads T and t");
    assert!(svg.contains("heat_press.surface_temperature (°C)"));
    assert!(svg.contains("heat_press.time (s)"));
    assert!(
        svg.contains("stroke-dasharray=\"6 4\""),
        "strict bounds are dashed"
    );
    let html = chart::html(&ch);
    assert_eq!(html.matches("<figure class=\"window\">").count(), 1);
}

/// A spec's `note "…"` reaches the rows whose evidence lies in its element.
#[test]
fn a_spec_note_reaches_the_rows_that_read_its_element() {
    let text = r#"claimset thick "Thick (test)" {
  source "test"
  claim 1 medium {
    "A medium": medium M
    "a layer": layer L in M
    "at least 5 µm thick": L.thickness >= 5 µm
  }
}
medium "Noted" {
  support { paper = 170 g/m2 }
  layer "top" {
    note "thickness by SEM cross-section, lot 23"
    thickness = 8 µm
    silica = 5 g/m2
  }
}
"#;
    let c = mediac::compile::compile_str("noted.media", text);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let ch = chart::build(
        &c,
        set(&c, "thick"),
        subject(&c, "Noted"),
        Some(1),
        "2026-11-21",
    )
    .unwrap();
    let row = ch.claims[0].rows.iter().find(|r| r.id == "1[c]").unwrap();
    assert_eq!(row.note, "thickness by SEM cross-section, lot 23");
}
