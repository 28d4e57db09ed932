//! `mediac window`: the region where heat_press_fixing claim 1 is met in the plane of the
//! heat press's surface temperature and time, for the FixPress example — Tg + 2/t < T < TM + 3/t
//! with Tg = 60 °C and TM = 118 °C (the back resin layer, the one that lets the most through).
//! The boundary is exact: just inside it the claim is met, just outside it is not.

use mediac::compile::{Compilation, Compiler};
use mediac::eval::Verdict;
use mediac::sweep::window::{self, Region};
use mediac::sweep::{Axis, sweep_pointwise};
use mediac::units::Exact;

fn example() -> Compilation {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/examples/02_fixpress_heat_press.media"
    );
    let mut c = Compiler::new();
    c.add(path, std::fs::read_to_string(path).unwrap());
    c.compile()
}

/// heat_press_fixing's index and the FixPress roller process.
fn set_and_subject(c: &Compilation) -> (usize, mediac::model::NodeId) {
    let set = c
        .claimsets
        .iter()
        .position(|s| s.id == "heat_press_fixing")
        .unwrap();
    let subject = c
        .model
        .nodes
        .iter()
        .position(|n| n.name.as_deref() == Some("FixPress roller printing"))
        .map(|i| mediac::model::NodeId(i as u32))
        .unwrap();
    (set, subject)
}

fn region(c: &Compilation, rows: usize) -> Region {
    let (set, subject) = set_and_subject(c);
    let x = window::axis(c, subject, "heat_press.surface_temperature=40..180 °C").unwrap();
    let y = window::axis(c, subject, "heat_press.time=0.1..1.2 s").unwrap();
    let mut r = window::region(c, set, 1, subject, &x, &y, rows).unwrap();
    r.title = "heat_press_fixing claim 1: FixPress roller printing".into();
    r
}

fn verdict_at(c: &Compilation, t: Exact, time: Exact) -> Verdict {
    let (set, subject) = set_and_subject(c);
    let axis = |kind: &str, prop: &str, v: Exact, unit: &str| Axis {
        kind: kind.into(),
        property: prop.into(),
        from: v,
        to: v,
        step: Exact::ONE,
        unit: unit.into(),
    };
    let x = axis("heat_press", "surface_temperature", t, "°C");
    let y = axis("heat_press", "time", time, "s");
    let v = sweep_pointwise(c, set, 1, subject, &x, Some(&y)).unwrap();
    assert_eq!(v.len(), 1);
    v[0]
}

#[test]
fn the_boundary_is_tg_plus_2_over_t_and_tm_plus_3_over_t() {
    let c = example();
    let r = region(&c, 12);
    assert_eq!(r.rows.len(), 12);
    for row in &r.rows {
        assert!(!row.open);
        assert_eq!(row.met.len(), 1, "one span per row");
        let s = &row.met[0];
        let two_over_t = Exact::int(2).div(row.y).unwrap();
        let three_over_t = Exact::int(3).div(row.y).unwrap();
        assert_eq!(
            s.lo,
            Exact::int(60).add(two_over_t).unwrap(),
            "t = {}",
            row.y
        );
        assert!(s.lo_strict && s.lo_bound);
        // The upper end is inside the drawn range only where 118 + 3/t < 180.
        let upper = Exact::int(118).add(three_over_t).unwrap();
        if upper < Exact::int(180) {
            assert_eq!(s.hi, upper, "t = {}", row.y);
            assert!(s.hi_strict && s.hi_bound);
        } else {
            assert_eq!(s.hi, Exact::int(180));
            assert!(!s.hi_bound);
        }
    }
}

#[test]
fn points_just_inside_the_drawn_boundary_are_met_and_just_outside_are_not() {
    let c = example();
    let r = region(&c, 9);
    let eps = Exact::ratio(1, 1_000_000).unwrap();
    let mut checked = 0;
    for row in &r.rows {
        let s = &row.met[0];
        if s.lo_bound {
            assert_eq!(verdict_at(&c, s.lo.add(eps).unwrap(), row.y), Verdict::Met);
            assert_eq!(
                verdict_at(&c, s.lo.sub(eps).unwrap(), row.y),
                Verdict::NotMet
            );
            // A strict bound: the boundary point itself is not met.
            assert_eq!(verdict_at(&c, s.lo, row.y), Verdict::NotMet);
            checked += 1;
        }
        if s.hi_bound {
            assert_eq!(verdict_at(&c, s.hi.sub(eps).unwrap(), row.y), Verdict::Met);
            assert_eq!(
                verdict_at(&c, s.hi.add(eps).unwrap(), row.y),
                Verdict::NotMet
            );
            assert_eq!(verdict_at(&c, s.hi, row.y), Verdict::NotMet);
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked}");
}

#[test]
fn window_svg_and_csv() {
    let c = example();
    let r = region(&c, 24);
    insta::assert_snapshot!("window_fixpress_svg", window::svg(&r));
    insta::assert_snapshot!("window_fixpress_csv", window::csv(&region(&c, 6)));
}

/// The picture in the README is what the command draws now.
#[test]
fn the_readme_picture_is_current() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mediac"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "window",
            "specs/examples/02_fixpress_heat_press.media",
            "--claim",
            "heat_press_fixing.1",
            "--subject",
            "FixPress roller printing",
            "--x",
            "heat_press.surface_temperature=40..180 °C",
            "--y",
            "heat_press.time=0.1..1.2 s",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/images/fixpress-window.svg"
    ))
    .unwrap();
    assert!(
        out.stdout == committed,
        "docs/images/fixpress-window.svg is stale: run the command in README.md \"Process windows\""
    );
}
