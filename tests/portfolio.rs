//! specs/examples/portfolio: two teams' claim sets (modules that declare overlapping names) and
//! products with coated particles and a variant, checked together in one run — with the rest
//! of the shipped examples — without collisions.

mod common;

use mediac::compile::{Compilation, Compiler};
use mediac::diagnostic::Severity;
use mediac::eval::Verdict;
use std::path::Path;

fn portfolio() -> Compilation {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut c = Compiler::new();
    c.root = Some(root.to_path_buf());
    // Only the product file: its imports load the two claim sets.
    let products = root.join("specs/examples/portfolio/products.media");
    c.add(
        products.display().to_string(),
        std::fs::read_to_string(&products).unwrap(),
    );
    c.compile()
}

fn layer_total(c: &Compilation, medium: &str) -> String {
    let m = c
        .model
        .nodes
        .iter()
        .position(|n| n.name.as_deref() == Some(medium))
        .unwrap();
    let layer = c
        .model
        .nodes
        .iter()
        .find(|n| {
            n.parent.map(|p| p.0 as usize) == Some(m)
                && Some(n.kind) == c.model.schema.kind_id("layer")
        })
        .unwrap();
    let t = layer.composition.as_ref().unwrap().total.unwrap();
    assert_eq!(t.lo, t.hi);
    t.lo.to_string()
}

#[test]
fn the_portfolio_checks_without_a_problem_and_its_verdicts_are_pinned() {
    let c = portfolio();
    let problems: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let v = |s: &str, set: &str, n: u32| common::verdict_of(&c, s, set, n).verdict;
    use Verdict::{Met, NotMet};
    let alpha = "alpha_coated_silica";
    let beta = "beta_supported_compound";
    // Coated vs added on its own: the same amounts, only where the modifier is differs.
    assert_eq!(v("Portfolio Gloss 1", alpha, 1), Met);
    assert_eq!(v("Portfolio Gloss 1 Blend", alpha, 1), NotMet);
    assert_eq!([2, 3].map(|n| v("Portfolio Gloss 1", alpha, n)), [Met, Met]);
    // The variant keeps the coating and doubles the silica: out of claim 2's 10–30 g/m².
    assert_eq!(
        [1, 2, 3].map(|n| v("Portfolio Gloss 1 Heavy", alpha, n)),
        [Met, NotMet, Met]
    );
    assert_eq!(
        [1, 2, 3].map(|n| v("Portfolio Matte 2", beta, n)),
        [Met, Met, Met]
    );
    assert_eq!(v("Portfolio Matte 2", alpha, 1), NotMet);
    for s in [
        "Portfolio Gloss 1",
        "Portfolio Gloss 1 Blend",
        "Portfolio Gloss 1 Heavy",
    ] {
        assert_eq!(v(s, beta, 1), NotMet, "{s}");
    }
}

#[test]
fn layer_totals_count_what_is_coated_on_the_particles() {
    let c = portfolio();
    // 15 g/m² silica + 6 wt% of it coated (0.9) + 3 g/m² PVA.
    assert_eq!(layer_total(&c, "Portfolio Gloss 1"), "18.9");
    assert_eq!(layer_total(&c, "Portfolio Gloss 1 Blend"), "18.9");
    // The variant: 30 + 1.8 + 3.
    assert_eq!(layer_total(&c, "Portfolio Gloss 1 Heavy"), "34.8");
    // 12 g/m² fibres + 4 phr (0.48) + 0.5 + 2.
    assert_eq!(layer_total(&c, "Portfolio Matte 2"), "14.98");
}

#[test]
fn the_teams_names_overlap_without_colliding() {
    let c = portfolio();
    let m = &c.model.schema.materials;
    // Declared differently by both: two materials.
    assert!(m.lookup("team_alpha::cation_modifier").is_some());
    assert!(m.lookup("team_beta::cation_modifier").is_some());
    // Declared alike by both: one.
    assert!(m.lookup("team_alpha::hydrophilic_polymer").is_some());
    assert!(m.lookup("team_beta::hydrophilic_polymer").is_none());
    // Both put the prelude's PVA under it: an extension, not a new material.
    assert!(m.lookup("team_alpha::polyvinyl_alcohol").is_none());
}

#[test]
fn the_portfolio_checks_together_with_every_shipped_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut c = Compiler::new();
    c.root = Some(root.to_path_buf());
    let mut paths = common::example_paths();
    for f in [
        "products.media",
        "claims/team_alpha.media",
        "claims/team_beta.media",
    ] {
        paths.push(root.join("specs/examples/portfolio").join(f));
    }
    for p in &paths {
        c.add(p.display().to_string(), std::fs::read_to_string(p).unwrap());
    }
    let c = c.compile();
    let errors: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        common::verdict_of(&c, "Portfolio Gloss 1 Blend", "alpha_coated_silica", 1).verdict,
        Verdict::NotMet
    );
}
