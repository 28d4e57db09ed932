//! The open-world rules case by case, with small claim sets of their own: sides and open lists
//! for adjacency, melting by any heating step and `melts = false`, lists on the way to a nested
//! element, a material named by a more general genus under `is`, and hydrate states.

mod common;

use mediac::compile::{Compilation, Compiler};
use mediac::eval::Verdict;

fn compile(text: &str) -> Compilation {
    let mut c = Compiler::new();
    c.add("spec.media", text.to_string());
    c.compile()
}

fn verdict(c: &Compilation, subject: &str, set: &str, claim: u32) -> Verdict {
    common::verdict_of(c, subject, set, claim).verdict
}

const ADJACENT: &str = r#"
claimset adj "two layers next to each other" {
  source "t"
  claim 1 medium {
    "m": medium M
    "a": layer A in M where A.role == ink_absorbing
    "b": layer B in M where B.role == undercoat
    "next to each other": adjacent(A, B)
  }
}
"#;

#[test]
fn adjacency_is_judged_on_one_side_and_is_open_when_layers_may_be_unlisted() {
    let c = compile(&format!(
        r#"{ADJACENT}
medium "Same side" {{ complete layer "u" {{ role = undercoat }} layer "a" {{ role = ink_absorbing }} }}
medium "Other side" {{ complete layer "u" {{ role = undercoat; side = back }} layer "a" {{ role = ink_absorbing }} }}
medium "Partial" {{ layer "u" {{ role = undercoat }} layer "a" {{ role = ink_absorbing }} ... }}
"#
    ));
    assert_eq!(verdict(&c, "Same side", "adj", 1), Verdict::Met);
    assert_eq!(verdict(&c, "Other side", "adj", 1), Verdict::NotMet);
    // An unlisted layer could lie between them.
    assert_eq!(verdict(&c, "Partial", "adj", 1), Verdict::Undetermined);
}

const MELT: &str = r#"
claimset melt "a step that melts the latex" {
  source "t"
  claim 1 recording_method {
    "p": process P
    "m": medium M = P.medium
    "l": layer L in M
    "latex": component X in L is thermoplastic_particles
    "a step": step Q in P
    "melts it": melts(Q, X)
  }
}
medium "M" { complete layer "l" { polystyrene_latex = 1 g/m2 { tg = 100 °C } } }
"#;

#[test]
fn any_heating_step_above_tg_melts_unless_it_says_otherwise() {
    let c = compile(&format!(
        r#"{MELT}
process "Oven" {{ medium = "M"; dry {{ temperature = 120 °C }} }}
process "Cool oven" {{ medium = "M"; dry {{ temperature = 80 °C }} }}
process "Stated" {{ medium = "M"; heat {{ temperature = 120 °C; melts = false }} }}
process "Straddle" {{ medium = "M"; heat {{ temperature = 100 °C ± 5 °C }} }}
process "Unknown" {{ medium = "M"; heat {{ time = 2 s }} }}
"#
    ));
    assert_eq!(verdict(&c, "Oven", "melt", 1), Verdict::Met);
    assert_eq!(verdict(&c, "Cool oven", "melt", 1), Verdict::NotMet);
    assert_eq!(verdict(&c, "Stated", "melt", 1), Verdict::NotMet);
    assert_eq!(verdict(&c, "Straddle", "melt", 1), Verdict::PartlyMet);
    assert_eq!(verdict(&c, "Unknown", "melt", 1), Verdict::Undetermined);
}

#[test]
fn a_nested_element_is_unknown_when_a_list_on_the_way_is() {
    let set = r#"
claimset roller "a heat roller" {
  source "t"
  claim 1 apparatus {
    "a": apparatus A
    "a heat roller": heat_roller H in A
  }
}
"#;
    let c = compile(&format!(
        r#"{set}
apparatus "Listed" {{ complete heat_press_device "d" {{ heat_roller "h" {{ }} }} }}
apparatus "Bare device" {{ complete heat_press_device "d" {{ pressure = 1 MPa }} }}
apparatus "No roller" {{ complete heat_press_device "d" {{ pressure_roller {{ contacts = back_side }} }} }}
"#
    ));
    assert_eq!(verdict(&c, "Listed", "roller", 1), Verdict::Met);
    // The device lists no member at all: its rollers are unknown.
    assert_eq!(
        verdict(&c, "Bare device", "roller", 1),
        Verdict::Undetermined
    );
    // The device lists its members, and no heat roller among them.
    assert_eq!(verdict(&c, "No roller", "roller", 1), Verdict::NotMet);
}

#[test]
fn is_reads_a_more_general_name_as_unknown() {
    let set = r#"
claimset cover "a silicone resin cover" {
  source "t"
  claim 1 apparatus {
    "a": apparatus A
    "d": heat_press_device D in A
    "r": heat_roller H in D
    "covered with silicone resin": H.covering is silicone_resin
  }
}
"#;
    let c = compile(&format!(
        r#"{set}
apparatus "Resin" {{ complete heat_press_device "d" {{ heat_roller "h" {{ covering = resin }} }} }}
apparatus "Rubber" {{ complete heat_press_device "d" {{ heat_roller "h" {{ covering = silicone_rubber }} }} }}
apparatus "Silicone" {{ complete heat_press_device "d" {{ heat_roller "h" {{ covering = silicone_resin }} }} }}
"#
    ));
    assert_eq!(verdict(&c, "Resin", "cover", 1), Verdict::Undetermined);
    assert_eq!(verdict(&c, "Rubber", "cover", 1), Verdict::NotMet);
    assert_eq!(verdict(&c, "Silicone", "cover", 1), Verdict::Met);
}

#[test]
fn plain_magnesium_salts_leave_the_hydrate_state_open() {
    let c = compile("");
    let m = &c.model.schema.materials;
    for plain in [
        "magnesium_chloride",
        "magnesium_sulfate",
        "magnesium_nitrate",
        "borax",
    ] {
        let id = m.lookup(plain).unwrap();
        assert!(m.hydrate_state_open(id), "{plain}");
        assert_eq!(m.anhydride_factor(id), None, "{plain}");
    }
    let anh = m.lookup("anhydrous_magnesium_chloride").unwrap();
    assert!(!m.hydrate_state_open(anh));
    assert!(m.anhydride_factor(anh).is_some());
}

#[test]
fn an_intent_that_adopts_a_reading_a_pin_excludes_is_an_error() {
    let mut c = Compiler::new();
    c.constructions = vec!["cast_coated_alumina.alumina=with_hydrates".into()];
    c.add(
        "spec.media",
        r#"medium "X" { complete support { paper = 190 g/m2; air_permeable = true } layer "l" { alumina_hydrate = 20 g/m2; pva = 2 g/m2 } }
avoid "X" reads_on cast_coated_alumina.claim 1 with alumina = oxide_only
"#,
    );
    let c = c.compile();
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::claim::construction")
        .expect("a construction diagnostic");
    assert!(
        d.message.contains("--construction excludes"),
        "{}",
        d.message
    );
}
