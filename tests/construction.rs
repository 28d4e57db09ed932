//! Claim construction: verdicts under every reading of the construction points a claim uses,
//! `arguable` when they differ, pinned readings, `about` bounds and Markush groups.

mod common;

use common::verdict_of as verdict;
use mediac::compile::{Compilation, Compiler};
use mediac::eval::{ClaimVerdict, Verdict};
use std::path::Path;

fn compile(texts: &[(&str, String)], pins: &[&str]) -> Compilation {
    let mut c = Compiler::new();
    c.constructions = pins.iter().map(|s| s.to_string()).collect();
    for (name, text) in texts {
        c.add(*name, text.clone());
    }
    c.compile()
}

/// The (reading, verdict) pairs of a verdict, as `point=alt,…` text.
fn readings(c: &Compilation, v: &ClaimVerdict) -> Vec<(String, Verdict)> {
    let set = &c.claimsets[v.set];
    let mut out: Vec<(String, Verdict)> = v
        .by_construction
        .iter()
        .map(|r| (r.reading_text(set), r.verdict))
        .collect();
    out.sort();
    out
}

const BOEHMITE_CAST: &str = r#"
medium "Boehmite Cast" {
  complete
  support { paper = 190 g/m2; air_permeable = true }
  layer "cast" { alumina_hydrate = 21 g/m2; pva = 2 g/m2 }
}
solution "gel" { borax_decahydrate = 4 wt%; mgcl2_6h2o = 5 wt%; water = 91 wt% }
process "casting" {
  medium = "Boehmite Cast"
  coat { layers = ["cast"] }
  apply { solution = "gel"; onto = "cast" }
  cast { onto = "cast"; surface = mirror; surface_temperature = 95 °C }
  dry { temperature = 110 °C }
}
"#;

#[test]
fn a_boehmite_only_cast_paper_is_arguable_and_a_pin_decides_it() {
    let c = compile(&[("spec.media", BOEHMITE_CAST.to_string())], &[]);
    let v = verdict(&c, "Boehmite Cast", "cast_coated_alumina", 1);
    assert_eq!(v.verdict, Verdict::Arguable);
    assert_eq!(
        readings(&c, v),
        [
            ("alumina = oxide_only".to_string(), Verdict::NotMet),
            ("alumina = with_hydrates".to_string(), Verdict::Met),
        ]
    );
    let set = &c.claimsets[v.set];
    let deciding: Vec<&str> = v
        .deciding_points()
        .iter()
        .map(|p| set.constructions[*p].name.as_str())
        .collect();
    assert_eq!(deciding, ["alumina"]);

    let pinned = |alt: &str| {
        let c = compile(
            &[("spec.media", BOEHMITE_CAST.to_string())],
            &[&format!("cast_coated_alumina.alumina={alt}")],
        );
        verdict(&c, "Boehmite Cast", "cast_coated_alumina", 1).verdict
    };
    assert_eq!(pinned("with_hydrates"), Verdict::Met);
    assert_eq!(pinned("oxide_only"), Verdict::NotMet);
}

#[test]
fn the_json_report_names_the_reading_of_each_verdict() {
    let c = compile(&[("spec.media", BOEHMITE_CAST.to_string())], &[]);
    let json: serde_json::Value =
        serde_json::from_str(&mediac::report::json::report(&c, &[], 1)).unwrap();
    let v = json["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["claimset"] == "cast_coated_alumina" && v["claim"] == 1)
        .unwrap();
    assert_eq!(v["verdict"], "arguable");
    let by = v["by_construction"].as_array().unwrap();
    assert_eq!(by.len(), 2);
    assert_eq!(by[0]["construction"]["alumina"], "with_hydrates");
    assert_eq!(by[0]["verdict"], "met");
    assert_eq!(by[1]["construction"]["alumina"], "oxide_only");
    assert_eq!(by[1]["verdict"], "not_met");
    // A claim without construction points has no by_construction at all.
    let plain = json["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["claimset"] == "heat_press_fixing" && v["claim"] == 1)
        .unwrap();
    assert!(plain.get("by_construction").is_none());
}

#[test]
fn an_intent_that_adopts_a_reading_is_judged_under_it() {
    let text = format!(
        "{BOEHMITE_CAST}\navoid \"Boehmite Cast\" reads_on cast_coated_alumina.claim 1 with alumina = oxide_only\n"
    );
    let c = compile(&[("spec.media", text)], &[]);
    let intent_diags: Vec<&str> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() != "media::verdict::summary")
        .map(|d| d.code.as_str())
        .collect();
    assert!(intent_diags.is_empty(), "{intent_diags:?}");
    let text =
        format!("{BOEHMITE_CAST}\navoid \"Boehmite Cast\" reads_on cast_coated_alumina.claim 1\n");
    let c = compile(&[("spec.media", text)], &[]);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::verdict::arguable")
        .expect("an arguable warning");
    assert!(d.message.contains("`alumina`"), "{}", d.message);
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("with_hydrates → met, oxide_only → not met")),
        "{:?}",
        d.notes
    );
}

fn example() -> Vec<(&'static str, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/examples/construction");
    [
        "cationic_topcoat_claims.media",
        "cationic_topcoat_products.media",
    ]
    .into_iter()
    .map(|f| (f, std::fs::read_to_string(dir.join(f)).unwrap()))
    .collect()
}

#[test]
fn about_five_micrometres_with_a_ten_percent_band() {
    let c = compile(&example(), &[]);
    // 5.0 µm meets "not more than about 5 µm" under both readings.
    assert_eq!(
        verdict(&c, "Thin A", "cationic_topcoat", 1).verdict,
        Verdict::Met
    );
    // 5.2 µm: above the bound as written, inside the band (5.5 µm).
    let b = verdict(&c, "Thin B", "cationic_topcoat", 1);
    assert_eq!(b.verdict, Verdict::Arguable);
    assert_eq!(
        readings(&c, b),
        [
            ("about = band".to_string(), Verdict::Met),
            ("about = exact".to_string(), Verdict::NotMet),
        ]
    );
    // 5.6 µm: outside the band too.
    assert_eq!(
        verdict(&c, "Thin C", "cationic_topcoat", 1).verdict,
        Verdict::NotMet
    );
    // The band is shown where the bound is compared.
    let shown = b
        .limitations
        .iter()
        .find(|l| l.words.contains("about 5 µm"))
        .unwrap();
    assert!(
        shown.judgement.message.contains("5.5 µm"),
        "{}",
        shown.judgement.message
    );
}

#[test]
fn a_closed_group_names_the_member_outside_it() {
    let c = compile(&example(), &[]);
    let d = verdict(&c, "Thin D", "cationic_topcoat", 1);
    assert_eq!(d.verdict, Verdict::NotMet);
    let group = d
        .limitations
        .iter()
        .find(|l| l.words.starts_with("a binder selected from the group"))
        .unwrap();
    assert_eq!(group.judgement.verdict, Verdict::NotMet);
    assert!(
        group.judgement.message.contains("styrene_acrylic_latex"),
        "{}",
        group.judgement.message
    );
    assert!(
        group
            .judgement
            .evidence
            .iter()
            .any(|e| e.text.contains("outside the group")),
        "{:?}",
        group.judgement.evidence
    );
}

#[test]
fn selected_from_among_is_open_or_closed() {
    let c = compile(&example(), &[]);
    let e = verdict(&c, "Thin E", "cationic_topcoat", 3);
    assert_eq!(e.verdict, Verdict::Arguable);
    for (reading, v) in readings(&c, e) {
        let expected = if reading.contains("among = open") {
            Verdict::Met
        } else {
            Verdict::NotMet
        };
        assert_eq!(v, expected, "{reading}");
    }
    let pinned = compile(&example(), &["cationic_topcoat.among=open"]);
    assert_eq!(
        verdict(&pinned, "Thin E", "cationic_topcoat", 3).verdict,
        Verdict::Met
    );
}

#[test]
fn a_pin_that_names_nothing_is_a_diagnostic_with_the_choices() {
    let c = compile(&example(), &["cationic_topcoat.amoung=open"]);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::claim::construction")
        .unwrap();
    assert!(d.message.contains("no construction point"), "{}", d.message);
    assert_eq!(
        d.help.as_deref(),
        Some("did you mean `cationic_topcoat.among`?")
    );
    let c = compile(&example(), &["cationic_topcoat.among=half_open"]);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::claim::construction")
        .unwrap();
    assert_eq!(d.help.as_deref(), Some("its alternatives: closed, open"));
    // Two loaded sets have a point `among`: the set must be named.
    let c = compile(&example(), &["among=open"]);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::claim::construction")
        .unwrap();
    assert!(d.message.contains("several claim sets"), "{}", d.message);
}

#[test]
fn about_needs_a_band_and_a_place_as_a_bound() {
    let set = |body: &str| {
        format!(
            "claimset t \"t\" {{\n  source \"t\"\n  claim 1 medium {{\n    \"m\": medium M\n    \"l\": layer L in M\n    \"w\": {body}\n  }}\n}}\n"
        )
    };
    let errors = |text: String| -> Vec<(String, Option<String>)> {
        compile(&[("t.media", text)], &[])
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "media::claim::construction")
            .map(|d| (d.message.clone(), d.help.clone()))
            .collect()
    };
    let e = errors(set("L.thickness <= about 5 µm"));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, "`about` without a band");
    let e = errors(set("L.thickness == about 5 µm within 0.5 µm"));
    assert_eq!(
        e[0].0,
        "`about` widens a bound, and `==` and `!=` have none"
    );
    let e = errors(set("L.thickness <= about 5 µm within 2 g/m2"));
    assert!(e[0].0.starts_with("the band coat weight"), "{:?}", e);
    // A temperature takes a band in K, not in %.
    let tset = |body: &str| {
        format!(
            "claimset tt \"t\" {{\n  source \"t\"\n  claim 1 recording_method {{\n    \"p\": process P\n    \"h\": heat H in P\n    \"w\": {body}\n  }}\n}}\n"
        )
    };
    let e = errors(tset("H.temperature >= about 100 °C within 10 %"));
    assert_eq!(e[0].0, "a relative band cannot widen a temperature");
    let c = compile(
        &[(
            "t.media",
            tset("H.temperature >= about 100 °C within 5 K")
                + "process \"X\" { heat { temperature = 97 °C } }\n",
        )],
        &[],
    );
    assert_eq!(verdict(&c, "X", "tt", 1).verdict, Verdict::Arguable);
    // A band of its own needs no set band; an absolute band in the bound's dimension works.
    let c = compile(
        &[(
            "t.media",
            set("L.thickness <= about 5 µm within 500 nm")
                + "medium \"X\" { complete support { paper = 1 g/m2 } layer \"l\" { thickness = 5.4 um } }\n",
        )],
        &[],
    );
    assert_eq!(verdict(&c, "X", "t", 1).verdict, Verdict::Arguable);
}

#[test]
fn an_arguable_verdict_names_the_fact_its_undetermined_reading_lacks() {
    // A blank medium: read as a limitation, "subjected to image recording" needs a process the
    // spec does not describe; read as intended use, it limits nothing.
    let text = r#"
medium "Blank" {
  support { paper = 175 g/m2 }
  layer "lower" { fumed_silica = 20 g/m2; pva = 4 g/m2 }
  layer "upper" { fumed_silica = 5 g/m2; polystyrene_latex = 1 g/m2; pva = 1 g/m2 }
}
avoid "Blank" reads_on thermoplastic_upper_layer.claim 2
"#;
    let c = compile(&[("spec.media", text.to_string())], &[]);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "media::verdict::arguable")
        .expect("an arguable warning");
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("is undetermined: no process that makes or uses medium \"Blank\"")),
        "{:?}",
        d.notes
    );
}

#[test]
fn the_command_line_pins_a_reading_with_construction() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |pin: Option<&str>| -> serde_json::Value {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mediac"));
        cmd.current_dir(root).args([
            "check",
            "--format",
            "json",
            "specs/invalid/claims/verdict_arguable.media",
        ]);
        if let Some(p) = pin {
            cmd.args(["--construction", p]);
        }
        let out = cmd.output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let verdict_of = |json: &serde_json::Value| {
        json["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["claimset"] == "cast_coated_alumina" && v["claim"] == 1)
            .unwrap()["verdict"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(verdict_of(&run(None)), "arguable");
    assert_eq!(
        verdict_of(&run(Some("cast_coated_alumina.alumina=with_hydrates"))),
        "met"
    );
    assert_eq!(
        verdict_of(&run(Some("cast_coated_alumina.alumina=oxide_only"))),
        "not_met"
    );
}
