//! Amounts the spec states only relative to another component: solved against a given total,
//! and read by `phr()` as stated when no amounts are known.

mod common;

use mediac::compile::Compilation;
use mediac::eval::Verdict;
use mediac::units::{Exact, Interval};

const CLAIMS: &str = r#"claimset phrs "Stated parts (test)" {
  source "test"
  claim 1 medium {
    "medium": medium M
    "a layer": layer U in M
    "10 to 30 parts of binder per 100 parts of silica": phr(U, pva, silica) in [10 phr, 30 phr]
  }
  claim 2 medium {
    "medium": medium M
    "a layer": layer U in M
    "at least 1.5 g/m2 of silica": mass(U, silica) >= 1.5 g/m2
  }
}
"#;

fn compile(spec: &str) -> Compilation {
    common::compile_clean(&[("claims.media", CLAIMS), ("spec.media", spec)], false)
}

/// The coat weight derived for the components of the subject's only layer.
fn coat_weights(c: &Compilation) -> Vec<Option<Interval>> {
    let m = &c.model;
    let layer = m
        .nodes
        .iter()
        .find(|n| m.schema.kind_name(n.kind) == "layer")
        .unwrap();
    layer
        .composition
        .as_ref()
        .unwrap()
        .parts
        .iter()
        .map(|p| p.coat_weight)
        .collect()
}

fn g_m2(n: i128, d: i128) -> Option<Interval> {
    // g/m² in base units (g/m²): the same number.
    Some(Interval::point(Exact::ratio(n, d).unwrap()))
}

#[test]
fn a_component_in_parts_of_another_is_solved_against_the_total() {
    let c = compile(
        "medium \"P\" { support { paper = 170 g/m2 }\n\
         layer \"l\" { solid_content = 2.1 g/m2; silica; pva = 5 phr of silica } }\n",
    );
    // silica + 5/100 silica = 2.1 g/m²: silica 2, PVA 0.1.
    assert_eq!(coat_weights(&c), [g_m2(2, 1), g_m2(1, 10)]);
    assert_eq!(common::verdict_of(&c, "P", "phrs", 2).verdict, Verdict::Met);
    // With another component of unknown amount the total decides nothing.
    let c = compile(
        "medium \"P\" { support { paper = 170 g/m2 }\n\
         layer \"l\" { solid_content = 2.1 g/m2; silica; boric_acid; pva = 5 phr of silica } }\n",
    );
    assert_eq!(coat_weights(&c), [None, None, None]);
    assert_eq!(
        common::verdict_of(&c, "P", "phrs", 2).verdict,
        Verdict::Undetermined
    );
    // Nor over a partial composition: an unlisted component takes part of the total.
    let c = compile(
        "medium \"P\" { support { paper = 170 g/m2 }\n\
         layer \"l\" { solid_content = 2.1 g/m2; silica; pva = 5 phr of silica; ... } }\n",
    );
    assert_eq!(coat_weights(&c), [None, None]);
}

#[test]
fn phr_reads_stated_parts_without_amounts() {
    let c = compile(
        "medium \"P\" { support { paper = 170 g/m2 }\n\
         layer \"l\" { silica; pva = 20 phr of silica } }\n",
    );
    assert_eq!(common::verdict_of(&c, "P", "phrs", 1).verdict, Verdict::Met);
    let c = compile(
        "medium \"P\" { support { paper = 170 g/m2 }\n\
         layer \"l\" { silica; pva = 40 phr of silica } }\n",
    );
    assert_eq!(
        common::verdict_of(&c, "P", "phrs", 1).verdict,
        Verdict::NotMet
    );
    // A partial composition may hold more binder: the stated parts are a floor, not the
    // answer.
    let c = compile(
        "medium \"P\" { support { paper = 170 g/m2 }\n\
         layer \"l\" { silica; pva = 40 phr of silica; ... } }\n",
    );
    assert_eq!(
        common::verdict_of(&c, "P", "phrs", 1).verdict,
        Verdict::Undetermined
    );
}
