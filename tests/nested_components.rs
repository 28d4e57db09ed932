//! Components of components (docs/language.md §5.8): a coating's amount relative to its host,
//! the layer's totals through it, and claims that tell a coated modifier from one added on its
//! own.

mod common;

use mediac::eval::Verdict;

const CLAIMS: &str = r#"material cation_modifier "cation modifier"
material cationic_fixing_agent : cation_modifier
claimset coated_silica "Coated colloidal silica (test)" {
  source "test"
  claim 1 medium {
    "A recording medium": medium M
    "an ink-receiving layer": layer L in M
    "containing colloidal silica": component S in L is colloidal_silica
    "whose surface is coated with a cation modifier": component C on S is cation_modifier
    "the modifier being 1 to 30 % by weight based on the silica": phr(L, C, S) in [1 phr, 30 phr]
  }
  claim 2 medium of 1 {
    "the layer holding 12 to 13 g/m2 in all": total(L) in [12 g/m2, 13 g/m2]
  }
  claim 3 medium of 1 {
    "at most 4 wt% of the layer being cation modifier": wt(L, cation_modifier) <= 4 wt%
  }
}
"#;

fn medium(name: &str, top: &str) -> String {
    format!(
        "medium \"{name}\" {{\n  support {{ paper = 170 g/m2 }}\n  layer \"top\" {{\n{top}\n  }}\n}}\n"
    )
}

fn verdicts(spec: &str) -> Vec<Verdict> {
    let c = common::compile_clean(&[("claims.media", CLAIMS), ("spec.media", spec)], false);
    (1..=3)
        .map(|n| {
            c.verdicts
                .iter()
                .find(|v| v.claim == n)
                .map(|v| v.verdict)
                .unwrap()
        })
        .collect()
}

#[test]
fn a_coated_modifier_meets_and_one_added_on_its_own_is_not_cleared_unless_the_host_is_stated_bare()
{
    let coated = medium(
        "Coated",
        "    colloidal_silica = 10 g/m2 { cationic_fixing_agent = 5 wt% }\n    pva = 2 g/m2",
    );
    // 0.5 g/m2 of agent on 10 g/m2 of silica: 5 phr; the layer holds 12.5 g/m2, 4 wt% agent.
    assert_eq!(
        verdicts(&coated),
        [Verdict::Met, Verdict::Met, Verdict::Met]
    );
    // Added to the layer on its own: a cationic agent in a silica dispersion may well end up
    // on the silica, so nothing clears the product…
    let separate = medium(
        "Separate",
        "    colloidal_silica = 10 g/m2\n    cationic_fixing_agent = 0.5 g/m2\n    pva = 2 g/m2",
    );
    assert_eq!(
        verdicts(&separate),
        [
            Verdict::Undetermined,
            Verdict::Undetermined,
            Verdict::Undetermined
        ]
    );
    let c = common::compile_clean(
        &[("claims.media", CLAIMS), ("spec.media", &separate)],
        false,
    );
    let why = c.verdicts[0]
        .limitations
        .iter()
        .flat_map(|l| &l.judgement.missing)
        .map(|m| m.what.as_str())
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        why.starts_with("cationic_fixing_agent in layer \"top\" is written beside colloidal_silica in layer \"top\", not in it"),
        "{why}"
    );
    // …until the spec states that the silica is bare (`complete` in its block).
    let bare = medium(
        "Bare",
        "    colloidal_silica = 10 g/m2 { complete }\n    cationic_fixing_agent = 0.5 g/m2\n    pva = 2 g/m2",
    );
    assert_eq!(
        verdicts(&bare),
        [Verdict::NotMet, Verdict::NotMet, Verdict::NotMet]
    );
}

#[test]
fn what_is_on_a_component_is_unknown_when_the_layer_may_hold_more() {
    let open = medium(
        "Open",
        "    colloidal_silica = 10 g/m2\n    pva = 2 g/m2\n    ...",
    );
    assert_eq!(verdicts(&open)[0], Verdict::Undetermined);
}

#[test]
fn phr_and_wt_percent_inside_a_host_are_the_same_share_and_totals_roll_up() {
    for share in ["5 phr", "5 wt%", "0.5 g/m2"] {
        let spec = medium(
            "S",
            &format!(
                "    colloidal_silica = 10 g/m2 {{ cationic_fixing_agent = {share} }}\n    pva = 2 g/m2"
            ),
        );
        let c = common::compile_clean(&[("claims.media", CLAIMS), ("spec.media", &spec)], false);
        let layer = c
            .model
            .nodes
            .iter()
            .find(|n| n.name.as_deref() == Some("top"))
            .unwrap();
        let comp = layer.composition.as_ref().unwrap();
        let total = comp.total.unwrap();
        assert_eq!(
            (total.lo.to_string(), total.hi.to_string()),
            ("12.5".to_string(), "12.5".to_string()),
            "{share}"
        );
        let agent = layer
            .components
            .iter()
            .position(|c| c.host.is_some())
            .unwrap();
        assert_eq!(layer.components[agent].host, Some(0), "{share}");
        let cw = comp.parts[agent].coat_weight.unwrap();
        assert_eq!(cw.lo.to_string(), "0.5", "{share}");
        let wt = comp.parts[agent].mass_fraction.unwrap();
        assert_eq!(wt.lo.to_string(), "4", "{share}");
    }
}

#[test]
fn a_share_of_another_component_inside_a_host_is_an_error() {
    let spec = medium(
        "S",
        "    colloidal_silica = 10 g/m2 { cationic_fixing_agent = 5 phr of pva }\n    pva = 2 g/m2",
    );
    let c = common::compile_files(&[("claims.media", CLAIMS), ("spec.media", &spec)], false);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::value::wrong")
        .unwrap_or_else(|| panic!("{:?}", c.diagnostics));
    assert_eq!(
        d.help.as_deref(),
        Some(
            "inside a component's block a share is relative to that component: write `cationic_fixing_agent = 5 phr`, or move `cationic_fixing_agent` out to the layer"
        )
    );
}

#[test]
fn the_same_material_on_a_host_and_beside_it_are_two_components() {
    let spec = medium(
        "Both",
        "    colloidal_silica = 10 g/m2 { cationic_fixing_agent = 5 phr }\n    cationic_fixing_agent = 0.5 g/m2\n    pva = 2 g/m2",
    );
    let c = common::compile_clean(&[("claims.media", CLAIMS), ("spec.media", &spec)], false);
    let layer = c
        .model
        .nodes
        .iter()
        .find(|n| n.name.as_deref() == Some("top"))
        .unwrap();
    assert_eq!(layer.components.len(), 4);
    // 13 g/m2 in all: claim 2's window holds; 1 g/m2 of agent is 1/13 > 4 wt%: claim 3 fails.
    let v = |n: u32| c.verdicts.iter().find(|v| v.claim == n).unwrap().verdict;
    assert_eq!(
        (v(1), v(2), v(3)),
        (Verdict::Met, Verdict::Met, Verdict::NotMet)
    );
}

#[test]
fn a_component_is_on_a_component_not_on_an_element() {
    let claims = r#"claimset bad_on "Bad on (test)" {
  source "test"
  claim 1 medium {
    "A recording medium": medium M
    "a layer": layer L in M
    "with silica on it": component S on L is silica
  }
}
"#;
    let c = common::compile_files(&[("claims.media", claims)], false);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::claim::bad_binder")
        .unwrap_or_else(|| panic!("{:?}", c.diagnostics));
    assert_eq!(
        d.message,
        "a component is `in` an element, `on` another component"
    );
}
