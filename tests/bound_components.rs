//! Amount functions over the components a binder picked ("the weight ratio of (b) to (a)"),
//! not over every component of their genera.

mod common;

use mediac::compile::Compilation;
use mediac::eval::Verdict;

const CLAIMS: &str = r#"claimset parts "Functions over bound components (test)" {
  source "test"
  claim 1 medium {
    "An ink jet recording medium": medium M
    "a layer": layer U in M
    "(a) an inorganic pigment": component A in U is inorganic_pigment
    "(b) thermoplastic particles": component B in U is thermoplastic_particles
    "the weight ratio of (b) to (a) is at least 0.5": ratio(U, B, A) >= 1:2
  }
  claim 2 medium {
    "An ink jet recording medium": medium M
    "a layer": layer U in M
    "the weight ratio of thermoplastic particles to inorganic pigment is at least 0.5":
      ratio(U, thermoplastic_particles, inorganic_pigment) >= 1:2
  }
  claim 3 medium {
    "An ink jet recording medium": medium M
    "a layer": layer U in M
    "(a) an inorganic pigment": component A in U is inorganic_pigment
    "(a) is at most 30 wt% of the layer and 1 to 3 g/m2":
      wt(U, A) <= 30 wt% and mass(U, A) in [1 g/m2, 3 g/m2]
  }
  claim 4 medium {
    "An ink jet recording medium": medium M
    "two layers": layer U in M
    "another layer": layer L in M where before(L, U)
    "(a) an inorganic pigment of the other layer": component A in L is inorganic_pigment
    "the ratio in the first layer": ratio(U, A, A) >= 1:1
  }
}
"#;

/// 2 g/m² silica, 6 g/m² alumina and 2 g/m² latex: the latex is 1:1 to the silica but 1:4 to
/// the inorganic pigment as a whole.
const SPEC: &str = r#"medium "Two pigments" {
  support { paper = 170 g/m2 }
  layer "base" { complete; silica = 5 g/m2; pva = 1 g/m2 }
  layer "top" { complete; silica = 2 g/m2; alumina = 6 g/m2; polystyrene_latex = 2 g/m2 }
}
"#;

fn compile() -> Compilation {
    common::compile_clean(&[("claims.media", CLAIMS), ("spec.media", SPEC)], false)
}

#[test]
fn a_ratio_of_bound_components_weighs_only_them() {
    let c = compile();
    let bound = common::verdict_of(&c, "Two pigments", "parts", 1);
    assert_eq!(bound.verdict, Verdict::Met);
    // The binding that meets it picks the silica as (a): 2 : 2.
    let e = mediac::eval::Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let mut shown = bound.clone();
    e.explain(&mut shown);
    let a = shown.bindings.iter().find(|b| b.var == "A").unwrap();
    assert_eq!(a.value, "silica in layer \"top\"");
    // Over the genera, the latex is a quarter of the inorganic pigment.
    let genus = common::verdict_of(&c, "Two pigments", "parts", 2);
    assert_eq!(genus.verdict, Verdict::NotMet);
}

#[test]
fn wt_and_mass_of_a_bound_component() {
    let c = compile();
    // The silica of the top layer: 2 g/m², 20 wt% of 10 g/m² (the alumina, 60 wt%, is not).
    assert_eq!(
        common::verdict_of(&c, "Two pigments", "parts", 3).verdict,
        Verdict::Met
    );
    // Over a partial composition with no total given, the share of one listed component is
    // unknown: unlisted components would weigh in the total.
    let partial = SPEC.replace("layer \"top\" { complete;", "layer \"top\" { ...;");
    assert_ne!(partial, SPEC);
    let c = common::compile_clean(&[("claims.media", CLAIMS), ("spec.media", &partial)], false);
    assert_eq!(
        common::verdict_of(&c, "Two pigments", "parts", 3).verdict,
        Verdict::Undetermined
    );
}

/// A component bound in another element is not a component of the one the function weighs:
/// an encoding slip the evaluator cannot settle, so undetermined, never not met.
#[test]
fn a_component_of_another_element_is_undetermined_not_absent() {
    let c = compile();
    let v = common::verdict_of(&c, "Two pigments", "parts", 4);
    assert_eq!(v.verdict, Verdict::Undetermined);
    let e = mediac::eval::Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let mut shown = v.clone();
    e.explain(&mut shown);
    let row = shown.limitations.last().unwrap();
    assert!(
        row.judgement
            .missing
            .iter()
            .any(|m| m.what.contains("not a component of layer \"top\"")),
        "{:?}",
        row.judgement.missing
    );
}
