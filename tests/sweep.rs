//! `mediac sweep`: the verdict at every grid point is the verdict of the spec with the value
//! written in; around every change of verdict (the boundary of the process window) that is
//! checked by compiling the edited spec. Bad axes get a message that says what is wrong.

mod common;

use mediac::compile::{Compilation, Compiler};
use mediac::eval::Verdict;
use mediac::sweep::{Axis, SweepError, sweep};
use std::path::Path;

const SPEC: &str = "specs/examples/hpf_claim01_meets.media";
const SUBJECT: &str = "HPF Aqua print and fix";

fn spec() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC)).unwrap()
}

fn compile(text: &str) -> Compilation {
    let mut c = Compiler::new();
    c.add("spec.media", text.to_string());
    c.compile()
}

fn set_index(c: &Compilation) -> usize {
    c.claimsets
        .iter()
        .position(|s| s.id == "heat_press_fixing")
        .unwrap()
}

fn subject(c: &Compilation) -> mediac::model::NodeId {
    common::verdict_of(c, SUBJECT, "heat_press_fixing", 1).subject
}

/// The verdict of claim 1 with the heat press written at `t` °C and `s` seconds.
fn written(t: &str, s: &str) -> Verdict {
    let text = spec()
        .replace(
            "surface_temperature = 105 °C",
            &format!("surface_temperature = {t} °C"),
        )
        .replace("time = 0.4 s", &format!("time = {s} s"));
    let c = compile(&text);
    common::verdict_of(&c, SUBJECT, "heat_press_fixing", 1).verdict
}

#[test]
fn every_point_next_to_a_change_of_verdict_is_the_written_spec_s_verdict() {
    let c = compile(&spec());
    let x = Axis::parse("heat_press.surface_temperature=60..140 °C:2.5").unwrap();
    let y = Axis::parse("heat_press.time=0.1..1 s:0.3").unwrap();
    let g = sweep(&c, set_index(&c), 1, subject(&c), &x, Some(&y)).unwrap();
    assert_eq!(g.xs.len(), 33);
    assert_eq!(g.ys.len(), 4);
    assert_eq!(g.verdicts.len(), 33 * 4);
    let fmt = |v: mediac::units::Exact| mediac::units::table::fmt_exact(v);
    let mut checked = 0;
    for (row, yv) in g.ys.iter().enumerate() {
        let line = &g.verdicts[row * 33..(row + 1) * 33];
        for i in 0..33 {
            let change =
                (i > 0 && line[i - 1] != line[i]) || (i + 1 < 33 && line[i + 1] != line[i]);
            if change {
                assert_eq!(
                    line[i],
                    written(&fmt(g.xs[i]), &fmt(*yv)),
                    "at {} °C, {} s",
                    fmt(g.xs[i]),
                    fmt(*yv)
                );
                checked += 1;
            }
        }
    }
    // The window has both edges in this grid, in every row.
    assert!(checked >= 8, "{checked} points checked");
    assert!(g.verdicts.contains(&Verdict::Met) && g.verdicts.contains(&Verdict::NotMet));
}

#[test]
fn a_point_exactly_on_a_strict_bound_is_not_met() {
    // (T − Tg)·t > 2 K·s with Tg = 65 °C and t = 0.4 s: T = 70 °C is on the bound.
    let c = compile(&spec());
    let x = Axis::parse("heat_press.surface_temperature=69.5..70.5 °C:0.5").unwrap();
    let g = sweep(&c, set_index(&c), 1, subject(&c), &x, None).unwrap();
    assert_eq!(
        g.verdicts,
        vec![Verdict::NotMet, Verdict::NotMet, Verdict::Met]
    );
    let csv = mediac::sweep::csv(&g);
    assert_eq!(
        csv,
        "\"heat_press.surface_temperature (°C)\",verdict\n69.5,not_met\n70,not_met\n70.5,met\n"
    );
}

#[test]
fn bad_axes_say_what_is_wrong() {
    let err = |s: &str| Axis::parse(s).unwrap_err().to_string();
    assert!(err("heat_press.time").contains("no `=`"));
    assert!(err("time=1..2 s:1").contains("not KIND.PROPERTY"));
    assert!(err("heat_press.time=1..2 s").contains("no `:STEP`"));
    assert!(err("heat_press.time=2..1 s:1").contains("TO is below FROM"));
    assert!(err("heat_press.time=1..2 s:0").contains("STEP must be more than 0"));
    let c = compile(&spec());
    let (si, s) = (set_index(&c), subject(&c));
    let unit = Axis::parse("heat_press.time=1..2 °C:1").unwrap();
    assert!(matches!(
        sweep(&c, si, 1, s, &unit, None),
        Err(SweepError::Unit { .. })
    ));
    let absent = Axis::parse("heat_press.nip_width=1..2 mm:1").unwrap();
    assert!(matches!(
        sweep(&c, si, 1, s, &absent, None),
        Err(SweepError::NotGiven { .. })
    ));
    let huge = Axis::parse("heat_press.time=0..1000 s:0.0001").unwrap();
    assert!(matches!(
        sweep(&c, si, 1, s, &huge, None),
        Err(SweepError::TooManyPoints { .. })
    ));
}

/// The blocks `sweep` decides at once (a block evaluated with each swept value as the interval
/// it covers) give the verdict that evaluating every point on its own gives, for every claim
/// of the set the subject is read by, with and without a tolerance on a value the window
/// depends on (which makes bands of `partly_met`).
#[test]
fn deciding_blocks_at_once_gives_the_verdict_of_every_point() {
    use mediac::sweep::sweep_pointwise;
    let toleranced = spec().replace("tg = 65 °C ", "tg = 65 °C ± 3 °C ");
    assert_ne!(toleranced, spec());
    let x = Axis::parse("heat_press.surface_temperature=60..140 °C:2.5").unwrap();
    let y = Axis::parse("heat_press.time=0.1..1 s:0.05").unwrap();
    let p = Axis::parse("heat_press.pressure=0..2 MPa:0.25").unwrap();
    let mut partly = 0;
    for text in [spec(), toleranced] {
        let c = compile(&text);
        let set = set_index(&c);
        let s = subject(&c);
        for claim in 1..=11 {
            for (x, y) in [(&x, Some(&y)), (&x, None), (&y, Some(&p))] {
                let fast = sweep(&c, set, claim, s, x, y).unwrap().verdicts;
                let slow = sweep_pointwise(&c, set, claim, s, x, y).unwrap();
                assert_eq!(
                    fast,
                    slow,
                    "claim {claim}, {} × {:?}",
                    x.label(),
                    y.map(Axis::label)
                );
                partly += fast.iter().filter(|v| **v == Verdict::PartlyMet).count();
            }
        }
    }
    assert!(
        partly > 0,
        "the tolerance makes no partly-met band: the test misses that case"
    );
}

/// The benchmark's grid (docs/performance.md): claim 1 over 1,001 × 976 points. The claim's
/// compiled form decides it, floats deciding only far from the boundary; every point within
/// one grid step of a change of verdict (along a row, a column or a diagonal) is what the
/// exact evaluator gives at that point on its own.
#[test]
fn the_compiled_form_agrees_with_the_exact_evaluator_within_one_step_of_every_boundary() {
    use mediac::sweep::sweep_exact_at;
    let c = compile(&spec());
    let (set, s) = (set_index(&c), subject(&c));
    let x = Axis::parse("heat_press.surface_temperature=80..160 °C:0.08").unwrap();
    let y = Axis::parse("heat_press.time=0.05..2 s:0.002").unwrap();
    let g = sweep(&c, set, 1, s, &x, Some(&y)).unwrap();
    assert!(
        g.compiled,
        "claim 1 is not compiled: the fast path is not tested"
    );
    let (w, h) = (g.xs.len(), g.ys.len());
    assert_eq!((w, h), (1001, 976));
    let at = |i: usize, j: usize| g.verdicts[j * w + i];
    let mut near = Vec::new();
    for j in 0..h {
        for i in 0..w {
            let v = at(i, j);
            let differs = (-1i64..=1).any(|dj| {
                (-1i64..=1).any(|di| {
                    let (ni, nj) = (i as i64 + di, j as i64 + dj);
                    ni >= 0
                        && nj >= 0
                        && (ni as usize) < w
                        && (nj as usize) < h
                        && at(ni as usize, nj as usize) != v
                })
            });
            if differs {
                near.push(j * w + i);
            }
        }
    }
    // Both edges of the window cross the grid: thousands of points lie next to them.
    assert!(
        near.len() > 2000,
        "{} points next to a boundary",
        near.len()
    );
    let exact = sweep_exact_at(&c, set, 1, s, &x, Some(&y), Some(&near)).unwrap();
    let disagree: Vec<usize> = near
        .iter()
        .zip(&exact)
        .filter(|(i, e)| g.verdicts[**i] != **e)
        .map(|(i, _)| *i)
        .collect();
    assert!(
        disagree.is_empty(),
        "{} points disagree, e.g. {:?}",
        disagree.len(),
        disagree.first()
    );
    let met = g.verdicts.iter().filter(|v| **v == Verdict::Met).count();
    // The count numpy and the exact evaluator agree on (scripts/sweep-numpy).
    assert_eq!(met, 695_327);
}

/// A claim read several ways (claim 10's unit is a construction point) has no compiled form:
/// its sweep is decided by the exact evaluator alone, and gives what each point gives.
#[test]
fn a_claim_read_several_ways_is_swept_exactly() {
    use mediac::sweep::sweep_pointwise;
    let c = compile(&spec());
    let (set, s) = (set_index(&c), subject(&c));
    let x = Axis::parse("heat_press.surface_temperature=60..140 °C:5").unwrap();
    let g = sweep(&c, set, 10, s, &x, None).unwrap();
    assert!(!g.compiled);
    assert_eq!(
        g.verdicts,
        sweep_pointwise(&c, set, 10, s, &x, None).unwrap()
    );
    assert!(sweep(&c, set, 1, s, &x, None).unwrap().compiled);
}
