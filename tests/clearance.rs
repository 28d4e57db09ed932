//! The clearance examples of specs/examples/clearance: one product per way a clearance tool can
//! go wrong (absence read as a fact, labels read as structure, sides, process physics,
//! taxonomy). Each file states an `avoid` intent; the outcome it must have is pinned here, with
//! the fact the diagnostic must name.

use mediac::compile::{Compilation, compile_str};
use mediac::diagnostic::{Diagnostic, Severity};
use mediac::eval::Verdict;
use std::path::Path;
use std::process::Command;

fn example(name: &str) -> (String, Compilation) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs/examples/clearance")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let c = compile_str(name, &text);
    (text, c)
}

/// The diagnostics an intent of the file produced (not the summary notes).
fn intent_diagnostics(c: &Compilation) -> Vec<&Diagnostic> {
    c.diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .collect()
}

fn all_text(d: &Diagnostic) -> String {
    let mut s = d.message.clone();
    for l in &d.labels {
        s.push('\n');
        s.push_str(&l.message);
    }
    for n in &d.notes {
        s.push('\n');
        s.push_str(n);
    }
    s
}

/// The file's one intent gives exactly one diagnostic, of `code`, whose text names `fact`.
fn pinned(name: &str, code: &str, fact: &str) {
    let (_, c) = example(name);
    let ds = intent_diagnostics(&c);
    let shown: Vec<String> = ds
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert_eq!(ds.len(), 1, "{name}: {shown:#?}");
    let d = ds[0];
    assert_eq!(d.code.as_str(), code, "{name}: {shown:#?}");
    let text = all_text(d);
    assert!(
        text.contains(fact),
        "{name}: the diagnostic should name {fact:?}:\n{text}"
    );
}

// ---------------------------------------------------------------- absence is unknown

#[test]
fn a_product_by_process_claim_with_no_known_process_cannot_be_cleared() {
    pinned(
        "absence_cca_no_process.media",
        "media::verdict::cannot_clear",
        "no process that makes or uses medium \"Rival Cast Gloss\" is described",
    );
}

#[test]
fn an_apparatus_with_no_known_medium_cannot_be_cleared() {
    pinned(
        "absence_hpf_printer_alone.media",
        "media::verdict::cannot_clear",
        "no process that makes or uses apparatus \"Rival Fuser Printer\" is described",
    );
}

#[test]
fn a_blank_medium_cannot_be_cleared_of_a_use_limitation() {
    pinned(
        "absence_tul_blank_medium.media",
        "media::verdict::cannot_clear",
        "no process that makes or uses medium \"Rival Duo Blank\" is described",
    );
}

// ---------------------------------------------------------------- composition, not labels

#[test]
fn layers_labelled_ink_absorbing_are_read_by_what_they_contain() {
    pinned(
        "labels_hpf_ink_absorbing_roles.media",
        "media::verdict::reads_on",
        "reads on heat_press_fixing claim 1",
    );
}

#[test]
fn a_silica_layer_labelled_undercoat_is_an_ink_absorption_layer() {
    pinned(
        "labels_tul_undercoat_role.media",
        "media::verdict::reads_on",
        "reads on thermoplastic_upper_layer claim 1",
    );
}

// ---------------------------------------------------------------- sides

#[test]
fn a_back_coat_listed_last_does_not_cover_the_front_upper_layer() {
    pinned(
        "sides_tul_back_coat_listed_last.media",
        "media::verdict::reads_on",
        "reads on thermoplastic_upper_layer claim 10",
    );
}

#[test]
fn t_is_the_temperature_of_the_member_on_the_image_side() {
    pinned(
        "sides_hpf_heat_roller_on_back.media",
        "media::verdict::reads_on",
        "reads on heat_press_fixing claim 12",
    );
    let (_, c) = example("sides_hpf_heat_roller_on_back.media");
    let v = c
        .verdicts
        .iter()
        .find(|v| c.claimsets[v.set].id == "heat_press_fixing" && v.claim == 12)
        .unwrap();
    let tm = v.bindings.iter().find(|b| b.var == "TM").unwrap();
    assert_eq!(tm.value, "pressure_roller");
}

// ---------------------------------------------------------------- process physics

#[test]
fn heat_pressing_above_the_tg_of_the_upper_layer_particles_melts_them() {
    pinned(
        "process_tul_heat_press_above_tg.media",
        "media::verdict::reads_on",
        "reads on thermoplastic_upper_layer claim 23",
    );
}

#[test]
fn a_heated_mirror_drum_dries_the_cast_layer() {
    pinned(
        "process_cca_drum_dries.media",
        "media::verdict::reads_on",
        "reads on cast_coated_alumina claim 16",
    );
}

// ---------------------------------------------------------------- taxonomy

#[test]
fn a_dye_ink_with_colloidal_silica_is_not_a_pigment_ink() {
    let (_, c) = example("taxonomy_dye_ink_with_silica.media");
    assert!(
        intent_diagnostics(&c).is_empty(),
        "the avoid intent holds: {:?}",
        intent_diagnostics(&c)
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    let v = c
        .verdicts
        .iter()
        .find(|v| c.claimsets[v.set].id == "heat_press_fixing" && v.claim == 1)
        .unwrap();
    assert_eq!(v.verdict, Verdict::NotMet);
    let failed: Vec<(&str, Verdict)> = v
        .limitations
        .iter()
        .filter(|l| l.judgement.verdict != Verdict::Met)
        .map(|l| (l.words.as_str(), l.judgement.verdict))
        .collect();
    assert_eq!(
        failed,
        [("containing pigment", Verdict::NotMet)],
        "only the pigment-ink limitation fails"
    );
}

#[test]
fn a_film_forming_latex_counts_as_binder() {
    pinned(
        "taxonomy_latex_binder_phr.media",
        "media::verdict::reads_on",
        "reads on cast_coated_alumina claim 5",
    );
}

#[test]
fn borax_without_a_hydrate_state_cannot_be_cleared_in_terms_of_anhydride() {
    pinned(
        "taxonomy_borax_hydrate_unstated.media",
        "media::verdict::cannot_clear",
        "the hydrate state of borax is not stated",
    );
}

#[test]
fn a_magnesium_salt_not_said_to_be_water_soluble_cannot_be_cleared() {
    pinned(
        "taxonomy_magnesium_salt_unnamed.media",
        "media::verdict::cannot_clear",
        "magnesium_salt is named only by a genus",
    );
}

// ---------------------------------------------------------------- the CLI

#[test]
fn cannot_clear_fails_the_run_under_deny_warnings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs/examples/clearance/absence_cca_no_process.media");
    let run = |deny: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mediac"));
        cmd.arg("check").arg(&path).args(["--format", "short"]);
        if deny {
            cmd.args(["--deny", "warnings"]);
        }
        cmd.output().unwrap()
    };
    let plain = run(false);
    assert_eq!(plain.status.code(), Some(0), "a warning alone passes");
    let denied = run(true);
    assert_eq!(denied.status.code(), Some(1), "--deny warnings fails");
    let out = String::from_utf8_lossy(&denied.stdout);
    assert!(out.contains("media::verdict::cannot_clear"), "{out}");
}
