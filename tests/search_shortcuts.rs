//! The binding search's shortcuts (pruning, the lookahead bound on later binders, skipping a
//! claim reached again, stopping at the first met binding or at the first that reaches the
//! parents' best standing) change nothing: on every shipped
//! example and on the shapes of tests/scale.rs, the search with them gives the same verdict,
//! chain and binding as weighing every binding of every chain.

mod common;

use mediac::compile::{Compilation, Compiler};
use mediac::eval::{ClaimVerdict, Evaluator};

/// Verdict, chain and shown binding of every claim for every subject, with or without the
/// shortcuts.
fn outcomes(c: &Compilation, exhaustive: bool) -> Vec<String> {
    let mut e = Evaluator::new(&c.model, &c.sources, &c.claimsets);
    if exhaustive {
        e.exhaustive();
    }
    let mut vs: Vec<ClaimVerdict> = e.evaluate();
    vs.iter_mut()
        .map(|v| {
            e.explain_readings(v);
            let show = |v: &ClaimVerdict| {
                let b: Vec<String> = v
                    .bindings
                    .iter()
                    .map(|b| format!("{}={}", b.var, b.value))
                    .collect();
                format!("{:?} via {:?} with {}", v.verdict, v.chain, b.join(", "))
            };
            let readings: Vec<String> = v.by_construction.iter().map(show).collect();
            format!(
                "{} {} claim {}: {} [{}]",
                c.model.describe(v.subject),
                c.claimsets[v.set].id,
                v.claim,
                show(v),
                readings.join("; ")
            )
        })
        .collect()
}

fn assert_same(c: &Compilation) {
    let fast = outcomes(c, false);
    let full = outcomes(c, true);
    assert_eq!(fast.len(), full.len());
    for (a, b) in fast.iter().zip(&full) {
        assert_eq!(a, b, "the search's shortcuts changed an outcome");
    }
}

#[test]
fn shortcuts_change_nothing_on_the_shipped_examples() {
    let mut c = Compiler::new();
    for p in common::example_paths() {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        c.add(name, std::fs::read_to_string(&p).unwrap());
    }
    let c = c.compile();
    assert!(!c.verdicts.is_empty());
    assert_same(&c);
}

#[test]
fn shortcuts_change_nothing_on_layer_binders_and_multiple_dependencies() {
    let mut text = String::from(
        r#"claimset shapes "s" {
  source "t"
  claim 1 medium {
    "m": medium M
    "a": layer A in M
    "b": layer B in M where B != A
    "c": layer C in M where C != B
    "order": before(A, B) and before(B, C)
    "alumina on top": has(C, alumina)
    "silica below": has(A, silica)
  }
  claim 2 medium of 1 { "more silica": mass(A, silica) > 12 g/m2 }
  claim 3 medium of 1, 2 { "thin": mass(B, silica) < 11 g/m2 }
  claim 4 medium of 2, 3 { "any alumina": has(B, alumina) }
  claim 5 medium of 1..4 { "none": has(A, alumina) }
}
"#,
    );
    for (name, top) in [
        ("Alumina", "fumed_alumina = 2 g/m2"),
        ("Silica", "fumed_silica = 2 g/m2"),
    ] {
        text.push_str(&format!(
            "medium \"{name}\" {{\n  complete\n  support {{ paper = 180 g/m2 }}\n"
        ));
        for i in 0..6 {
            text.push_str(&format!(
                "  layer \"l{i}\" {{ fumed_silica = {} g/m2; pva = 1 g/m2 }}\n",
                9 + i % 5
            ));
        }
        text.push_str(&format!("  layer \"top\" {{ {top} }}\n}}\n"));
    }
    // An open medium: unlisted layers may be bound too.
    text.push_str("medium \"Open\" {\n  layer \"l0\" { fumed_silica = 14 g/m2 }\n  ...\n}\n");
    let mut c = Compiler::bare();
    c.add("shapes.media", text);
    let c = c.compile();
    assert!(
        !c.has_errors(),
        "{:?}",
        c.diagnostics.first().map(|d| &d.message)
    );
    assert_same(&c);
}

/// Chains are walked shortest first: claim 23 ("of 1, 4..14, 17") met through claim 1 is read
/// through 1 → 23, not through a longer chain that ties with it (1 → 4 → 11 → 23).
#[test]
fn a_claim_met_through_a_parent_directly_is_read_through_the_shortest_chain() {
    let spec = include_str!("../specs/examples/tul_claim23_meets.media");
    let c = common::compile_files(&[("tul23.media", spec)], true);
    for claim in [23, 24, 26] {
        let v = common::verdict_of(
            &c,
            "TUL Fuse Gloss imaging",
            "thermoplastic_upper_layer",
            claim,
        );
        assert_eq!(v.verdict, mediac::eval::Verdict::Met, "claim {claim}");
        let mut chain = vec![1, 23];
        if claim != 23 {
            chain.push(claim);
        }
        assert_eq!(v.chain, chain, "claim {claim}");
    }
}
