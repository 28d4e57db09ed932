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
