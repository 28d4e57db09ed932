//! `mediac tree`: the dependency tree of a claim set, as text and dot, with and without a
//! subject's verdicts; multiple dependencies (thermoplastic_upper_layer claim 23) drawn as such.

use std::process::Command;

fn mediac(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mediac"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tree_text_of_a_set_with_multiple_dependencies() {
    insta::assert_snapshot!(
        "tree_tul_text",
        mediac(&["tree", "--claimset", "thermoplastic_upper_layer"])
    );
}

#[test]
fn tree_text_with_a_subjects_verdicts() {
    insta::assert_snapshot!(
        "tree_hpf_text_verdicts",
        mediac(&[
            "tree",
            "--claimset",
            "heat_press_fixing",
            "specs/examples/02_fixpress_heat_press.media",
            "--subject",
            "FixPress roller printing",
        ])
    );
}

#[test]
fn tree_dot() {
    let dot = mediac(&[
        "tree",
        "--claimset",
        "thermoplastic_upper_layer",
        "--format",
        "dot",
    ]);
    // Claim 23 depends on 1, 4–14 and 17: its first parent's edge is solid, the others dashed.
    assert!(dot.contains("  c1 -> c23;\n"));
    assert!(dot.contains("  c17 -> c23 [style=dashed];\n"));
    insta::assert_snapshot!("tree_tul_dot", dot);
}

#[test]
fn an_unknown_claim_set_is_a_usage_error_naming_the_loaded_ones() {
    let out = Command::new(env!("CARGO_BIN_EXE_mediac"))
        .args(["tree", "--claimset", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no claim set `nope`; the loaded ones: thermoplastic_upper_layer, heat_press_fixing, cast_coated_alumina"), "{err}");
}
