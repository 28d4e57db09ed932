//! Verdicts at the exact boundaries the claims draw, and the four-valued logic.

use mediac::compile::{Compilation, compile_str};
use mediac::eval::{ClaimVerdict, LimitationResult, Verdict};

fn compile(text: &str) -> Compilation {
    let c = compile_str("spec.media", text);
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == mediac::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    c
}

fn verdict<'c>(c: &'c Compilation, subject: &str, set: &str, claim: u32) -> &'c ClaimVerdict {
    c.verdicts
        .iter()
        .find(|v| {
            c.model.node(v.subject).and_then(|n| n.name.as_deref()) == Some(subject)
                && c.claimsets.get(v.set).is_some_and(|s| s.id == set)
                && v.claim == claim
        })
        .unwrap_or_else(|| panic!("no verdict for {subject} {set} {claim}"))
}

fn limitation<'v>(v: &'v ClaimVerdict, id: &str) -> &'v LimitationResult {
    v.limitations
        .iter()
        .find(|l| l.element_id() == id)
        .unwrap_or_else(|| panic!("no limitation {id}"))
}

/// A two-layer medium whose upper layer holds `top`.
fn medium(name: &str, top: &str) -> String {
    format!(
        r#"medium "{name}" {{
          support {{ paper = 170 g/m2 }}
          layer "base" {{ role = ink_absorbing; silica = 18 g/m2; pva = 3 g/m2 }}
          layer "top" {{ role = ink_absorbing; {top} }}
        }}"#
    )
}

#[test]
fn half_a_gram_written_in_milligrams_meets_the_lower_bound_of_claim_8() {
    let c = compile(&medium(
        "M",
        "silica = 6 g/m2; polystyrene_latex = 500 mg/m2",
    ));
    let v = verdict(&c, "M", "thermoplastic_upper_layer", 8);
    assert_eq!(v.verdict, Verdict::Met);
    let l = limitation(v, "8[a]");
    assert_eq!(l.judgement.verdict, Verdict::Met);
    assert!(
        l.judgement.message.contains("0.5 g/m²"),
        "{}",
        l.judgement.message
    );
    // One milligram less and it is not met.
    let c = compile(&medium(
        "M",
        "silica = 6 g/m2; polystyrene_latex = 499 mg/m2",
    ));
    assert_eq!(
        verdict(&c, "M", "thermoplastic_upper_layer", 8).verdict,
        Verdict::NotMet
    );
}

#[test]
fn seven_to_three_misses_less_than_seven_thirds_in_claim_17() {
    let c = compile(&medium("M", "silica = 7 g/m2; polystyrene_latex = 3 g/m2"));
    let v = verdict(&c, "M", "thermoplastic_upper_layer", 17);
    assert_eq!(v.verdict, Verdict::NotMet);
    let failed: Vec<&str> = v
        .limitations
        .iter()
        .filter(|l| l.judgement.verdict != Verdict::Met)
        .map(|l| l.words.as_str())
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].contains("less than 7/3"));
    let msg = &limitation(v, "17[g]").judgement.message;
    assert!(msg.contains("which the claim excludes"), "{msg}");
    // Just inside: 6.99 g against 3 g.
    let c = compile(&medium(
        "M",
        "silica = 6.99 g/m2; polystyrene_latex = 3 g/m2",
    ));
    assert_eq!(
        verdict(&c, "M", "thermoplastic_upper_layer", 17).verdict,
        Verdict::Met
    );
}

#[test]
fn a_tolerance_that_straddles_a_bound_is_partly_met_with_the_window() {
    // Thermoplastic particles 0.5 ± 0.1 g/m²: claim 8 ("from 0.5") holds only for [0.5, 0.6].
    let c = compile(&medium(
        "M",
        "silica = 6 g/m2; polystyrene_latex = 0.5 +- 0.1 g/m2",
    ));
    let v = verdict(&c, "M", "thermoplastic_upper_layer", 8);
    assert_eq!(v.verdict, Verdict::PartlyMet);
    let j = &limitation(v, "8[a]").judgement;
    let w = j.window.as_ref().expect("a window");
    assert_eq!(w.describe(&c.model.schema.units), "[0.5, 0.6] g/m²");
}

#[test]
fn a_missing_fact_is_undetermined_and_named() {
    // The upper layer gives its silica without an amount: the ratio cannot be decided.
    let c = compile(&medium("M", "silica; polystyrene_latex = 2 g/m2"));
    let v = verdict(&c, "M", "thermoplastic_upper_layer", 7);
    assert_eq!(v.verdict, Verdict::Undetermined);
    let j = &limitation(v, "7[a]").judgement;
    assert!(
        j.missing.iter().any(|m| m.what.contains("silica")),
        "{:?}",
        j.missing
    );
}

#[test]
fn the_binding_with_fewest_failures_is_reported_when_nothing_binds() {
    // Neither layer holds thermoplastic particles: claim 1 fails; the report says which
    // layer it took as "the upper layer".
    let c = compile(&medium("M", "silica = 6 g/m2"));
    let v = verdict(&c, "M", "thermoplastic_upper_layer", 1);
    assert_eq!(v.verdict, Verdict::NotMet);
    assert!(
        v.note
            .as_deref()
            .is_some_and(|n| n.contains("U = layer \"top\"")),
        "{:?}",
        v.note
    );
}

#[test]
fn expectations_and_avoidance_become_diagnostics_in_two_files() {
    let text = format!(
        "{}\nexpect \"M\" meets thermoplastic_upper_layer.claim 7\navoid \"M\" reads_on thermoplastic_upper_layer.claim 1\n",
        medium("M", "silica = 5 g/m2; polystyrene_latex = 4.6 g/m2")
    );
    let c = compile_str("spec.media", &text);
    let mut codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["media::verdict::not_met", "media::verdict::reads_on"]
    );
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::verdict::not_met")
        .unwrap();
    // Ratio 4.6/5 = 0.92 is above 45/55.
    assert!(
        d.message.contains("0.92 is above the upper bound 45:55"),
        "{}",
        d.message
    );
    let files: Vec<&str> = d
        .labels
        .iter()
        .map(|l| c.sources.get(l.span.file).unwrap().name.as_str())
        .collect();
    assert!(
        files.contains(&"spec.media")
            && files
                .iter()
                .any(|f| f.contains("thermoplastic_upper_layer")),
        "{files:?}"
    );
    let primary = d.labels.iter().find(|l| l.primary).unwrap();
    assert_eq!(c.sources.slice(primary.span), "4.6 g/m2");
}
