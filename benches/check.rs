//! Benchmarks (divan): `cargo bench`. Inputs are generated here, so that the benchmarks need
//! nothing but the crate; scripts/gen-corpus and scripts/gen-scale write the larger and more
//! varied inputs that docs/performance.md measures whole-process.
//!
//! - `parse_only` vs `check_corpus`: pest alone over N specs, item by item (the baseline the
//!   scale work compares a check with), and the whole check of the same text.
//! - `check_one_spec`: one example spec against the shipped claim sets, in process.
//! - `medium_layers`: one medium with N ink-absorbing layers against the shipped claims.
//! - `sweep_window`: heat_press_fixing claim 1 over an N × N grid of surface temperature and
//!   time on the heat-press example (the compilation is made once, outside the timing);
//!   `sweep_numpy_grid`: the same over the grid scripts/sweep-numpy evaluates.

use mediac::compile::Compiler;

fn main() {
    divan::main();
}

/// N two-layer media with a printing and heat-press process each (the shape of
/// scripts/gen-corpus), with distinct names.
fn corpus(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (pig, tg, t) = (
            ["fumed_silica", "precipitated_silica", "alumina_hydrate"][i % 3],
            60 + (i * 7) % 60,
            80 + (i * 13) % 80,
        );
        out.push_str(&format!(
            r#"medium "M{i}" {{
  complete
  support {{
    paper = 180 g/m2
    resin_layer "front" {{ ldpe = 25 g/m2; melting_point = 120 °C; solvent_permeable = false; side = front }}
  }}
  layer "base" {{ {pig} = 18 g/m2; pva = 3 g/m2; thickness = 30 um }}
  layer "top" {{
    {pig} = 5.5 g/m2
    polystyrene_latex = 1.25 g/m2 {{ tg = {tg} °C; particle_size = 200 nm }}
    pva = 0.6 g/m2
    thickness = 8 um
  }}
}}
ink "K{i}" {{ carbon_black = 4 wt%; glycerol = 15 wt%; water = 81 wt% }}
process "P{i}" {{
  medium = "M{i}"
  print {{ ink = "K{i}" }}
  heat_press {{ surface_temperature = {t} °C ± 1 °C; time = 300 ms; pressure = 5/10 MPa }}
}}
"#
        ));
    }
    out
}

fn layers(n: usize) -> String {
    let mut out = String::from("medium \"Tall\" {\n  complete\n  support { paper = 180 g/m2 }\n");
    for i in 0..n {
        out.push_str(&format!(
            "  layer \"l{i}\" {{ fumed_silica = {} g/m2; pva = 1 g/m2; thickness = 20 um }}\n",
            10 + i % 7
        ));
    }
    out.push_str("}\n");
    out
}

/// The check as `mediac check --format short` runs it: verdicts judged and dropped per subject.
fn check(text: &str) -> usize {
    let mut c = Compiler::new();
    c.explain_all = false;
    c.keep_verdicts = false;
    c.add("bench.media", text.to_string());
    let counts = c.compile().verdict_counts;
    counts.met + counts.partly_met + counts.undetermined + counts.arguable + counts.not_met
}

#[divan::bench(args = [100, 1000])]
fn parse_only(bencher: divan::Bencher, n: usize) {
    let text = corpus(n);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| mediac::syntax::pest_only(divan::black_box(&text)));
}

#[divan::bench(args = [100, 1000], sample_count = 10)]
fn check_corpus(bencher: divan::Bencher, n: usize) {
    let text = corpus(n);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| check(divan::black_box(&text)));
}

#[divan::bench(sample_count = 20)]
fn check_one_spec(bencher: divan::Bencher) {
    let text = corpus(1);
    bencher.bench(|| check(divan::black_box(&text)));
}

#[divan::bench(args = [100, 500, 2000], sample_count = 10)]
fn medium_layers(bencher: divan::Bencher, n: usize) {
    let text = layers(n);
    bencher.bench(|| check(divan::black_box(&text)));
}

/// The heat-press example compiled, with the index of heat_press_fixing and the subject.
fn heat_press() -> (mediac::compile::Compilation, usize, mediac::model::NodeId) {
    let mut c = Compiler::new();
    c.add(
        "hpf.media",
        include_str!("../specs/examples/hpf_claim01_meets.media"),
    );
    let c = c.compile();
    let set = c
        .claimsets
        .iter()
        .position(|s| s.id == "heat_press_fixing")
        .unwrap_or(0);
    let subject = c
        .model
        .items
        .iter()
        .copied()
        .find(|id| {
            c.model.node(*id).and_then(|x| x.name.as_deref()) == Some("HPF Aqua print and fix")
        })
        .unwrap_or(mediac::model::NodeId(0));
    (c, set, subject)
}

#[divan::bench(args = [100, 400], sample_count = 10)]
fn sweep_window(bencher: divan::Bencher, n: usize) {
    use mediac::sweep::{Axis, sweep};
    let (c, set, subject) = heat_press();
    let step_t = format!("{}", 80.0 / n as f64);
    let step_s = format!("{}", 1.95 / n as f64);
    let x = Axis::parse(&format!(
        "heat_press.surface_temperature=80..160 °C:{step_t}"
    ))
    .ok();
    let y = Axis::parse(&format!("heat_press.time=0.05..2 s:{step_s}")).ok();
    let (Some(x), Some(y)) = (x, y) else { return };
    bencher
        .counter(divan::counter::ItemsCount::new(n * n))
        .bench(|| sweep(&c, set, 1, subject, &x, Some(&y)).map(|g| g.verdicts.len()));
}

/// The grid of scripts/sweep-numpy (1,001 × 976 points), for the ratio against numpy.
#[divan::bench(sample_count = 20)]
fn sweep_numpy_grid(bencher: divan::Bencher) {
    use mediac::sweep::{Axis, sweep};
    let (c, set, subject) = heat_press();
    let x = Axis::parse("heat_press.surface_temperature=80..160 °C:0.08").ok();
    let y = Axis::parse("heat_press.time=0.05..2 s:0.002").ok();
    let (Some(x), Some(y)) = (x, y) else { return };
    bencher
        .counter(divan::counter::ItemsCount::new(1001usize * 976))
        .bench(|| sweep(&c, set, 1, subject, &x, Some(&y)).map(|g| g.verdicts.len()));
}
