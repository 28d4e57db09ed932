//! Inputs whose size used to make the binding search exponential or quadratic: a claim
//! depending on 50 others, a chain of 300 claims, 6 layer binders, 200 layers. These tests
//! assert verdicts (and which binding is shown), never times: the benchmarks and
//! docs/performance.md measure speed. A search that ran out of its budget answers
//! undetermined, never not met.

mod common;

use common::verdict_of as find;
use mediac::compile::{Compilation, Compiler};
use mediac::eval::Verdict;

fn compile_with(text: &str, budget: Option<usize>, shipped: bool) -> Compilation {
    let mut c = if shipped {
        Compiler::new()
    } else {
        Compiler::bare()
    };
    c.search_budget = budget;
    c.add("spec.media", text.to_string());
    c.compile()
}

fn medium(name: &str, layers: usize, top: &str) -> String {
    let mut out = format!("medium \"{name}\" {{\n  complete\n  support {{ paper = 180 g/m2 }}\n");
    for i in 0..layers {
        out.push_str(&format!(
            "  layer \"l{i}\" {{ fumed_silica = {} g/m2; pva = 1 g/m2 }}\n",
            10 + i % 7
        ));
    }
    out.push_str(&format!("  layer \"top\" {{ {top} }}\n}}\n"));
    out
}

const ROOT: &str = r#"  claim 1 medium {
    "An ink jet recording medium": medium M
    "a layer": layer U in M
    "containing silica": has(U, silica)
  }
"#;

#[test]
fn a_claim_depending_on_fifty_others_is_met_through_some_chain() {
    let mut set = String::from("claimset fan \"f\" {\n  source \"t\"\n");
    set.push_str(ROOT);
    for k in 2..=50 {
        set.push_str(&format!(
            "  claim {k} medium of 1..{} {{ \"c{k}\": has(U, silica) }}\n",
            k - 1
        ));
    }
    // Claim 51 can only be met through claim 50's parents on the layer with alumina.
    set.push_str("  claim 51 medium of 1..50 { \"alumina\": has(U, alumina) }\n}\n");
    let text = format!(
        "{set}{}",
        medium("Fan", 3, "fumed_silica = 2 g/m2; fumed_alumina = 1 g/m2")
    );
    let c = compile_with(&text, None, false);
    assert_eq!(find(&c, "Fan", "fan", 50).verdict, Verdict::Met);
    let v = find(&c, "Fan", "fan", 51);
    assert_eq!(v.verdict, Verdict::Met);
    // The binding shown is the top layer, the only one with alumina.
    let c2 = {
        let mut c = Compiler::bare();
        c.add("spec.media", text.clone());
        c.compile()
    };
    let shown = find(&c2, "Fan", "fan", 51);
    assert!(
        shown
            .bindings
            .iter()
            .any(|b| b.var == "U" && b.value == "layer \"top\""),
        "{:?}",
        shown.bindings
    );
}

#[test]
fn a_chain_of_three_hundred_claims_fails_from_the_claim_that_fails() {
    let mut set = String::from("claimset chain \"c\" {\n  source \"t\"\n");
    set.push_str(ROOT);
    for k in 2..=300 {
        // Claim 200 asks for more silica than any layer has.
        let bound = if k == 200 { 100 } else { 1 };
        set.push_str(&format!(
            "  claim {k} medium of {} {{ \"c{k}\": mass(U, silica) > {bound} g/m2 }}\n",
            k - 1
        ));
    }
    set.push_str("}\n");
    let text = format!("{set}{}", medium("Chain", 3, "fumed_silica = 2 g/m2"));
    let c = compile_with(&text, None, false);
    assert_eq!(find(&c, "Chain", "chain", 199).verdict, Verdict::Met);
    let v = find(&c, "Chain", "chain", 300);
    assert_eq!(v.verdict, Verdict::NotMet);
    assert_eq!(v.chain.len(), 300);
    // Only claim 200's limitation fails.
    let failed: Vec<u32> = v
        .limitations
        .iter()
        .filter(|l| l.judgement.verdict == Verdict::NotMet)
        .map(|l| l.claim)
        .collect();
    assert_eq!(failed, vec![200]);
}

const BINDERS: &str = r#"claimset binders "b" {
  source "t"
  claim 1 medium {
    "m": medium M
    "layer 0": layer L0 in M
    "layer 1": layer L1 in M
    "layer 2": layer L2 in M
    "layer 3": layer L3 in M
    "layer 4": layer L4 in M
    "layer 5": layer L5 in M
    "x": before(L0, L1) and before(L1, L2) and before(L2, L3) and before(L3, L4) and before(L4, L5) and has(L5, alumina)
  }
}
"#;

#[test]
fn six_layer_binders_are_searched_and_the_fewest_failures_shown() {
    let text = format!(
        "{BINDERS}{}{}",
        medium("No alumina", 19, "fumed_silica = 2 g/m2"),
        medium("Alumina on top", 19, "fumed_alumina = 2 g/m2")
    );
    let c = compile_with(&text, None, false);
    assert_eq!(
        find(&c, "No alumina", "binders", 1).verdict,
        Verdict::NotMet
    );
    let met = find(&c, "Alumina on top", "binders", 1);
    assert_eq!(met.verdict, Verdict::Met);
    assert!(
        met.bindings
            .iter()
            .any(|b| b.var == "L5" && b.value == "layer \"top\"")
    );
}

#[test]
fn an_exhausted_search_is_undetermined_never_not_met() {
    let text = format!(
        "{BINDERS}{}",
        medium("No alumina", 19, "fumed_silica = 2 g/m2")
    );
    let c = compile_with(&text, Some(50), false);
    let v = find(&c, "No alumina", "binders", 1);
    assert_eq!(v.verdict, Verdict::Undetermined);
    let note = v.note.as_deref().unwrap_or_default();
    assert!(note.contains("stopped after 50 steps"), "{note}");
    // With its full budget the same search decides.
    let c = compile_with(&text, None, false);
    assert_eq!(
        find(&c, "No alumina", "binders", 1).verdict,
        Verdict::NotMet
    );
}

#[test]
fn two_hundred_layers_are_read_against_the_shipped_claims() {
    // (2,000 and more layers are measured by the benchmark script, in release builds.)
    let text = medium(
        "Tall",
        200,
        "fumed_silica = 2 g/m2; polystyrene_latex = 1 g/m2 { tg = 90 °C }",
    );
    let c = compile_with(&text, None, true);
    let v = find(&c, "Tall", "thermoplastic_upper_layer", 1);
    // The top layer holds more silica (2 g/m²) than thermoplastic particles (1 g/m²), with
    // ink absorption layers below it: claim 1 is met with U = top.
    assert_eq!(v.verdict, Verdict::Met);
    assert!(
        v.bindings
            .iter()
            .any(|b| b.var == "U" && b.value == "layer \"top\"")
    );
    // Claim 14 asks for a single ink absorption layer: not met.
    assert_eq!(
        find(&c, "Tall", "thermoplastic_upper_layer", 14).verdict,
        Verdict::NotMet
    );
}
