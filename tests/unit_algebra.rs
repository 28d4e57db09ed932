//! The exact-boundary rules of the unit algebra, end to end: values are written in `.media`
//! text, checked against declared dimensions and compared as exact rationals in base units.

use mediac::compile::compile_str;
use mediac::model::{Owner, Val};
use mediac::units::{Exact, Interval, Quantity, Temp};

/// Compiles `process "p" { <body> }` with a few extra test properties, and returns the value of
/// each property of `p` in source order.
fn values(body: &str) -> Vec<Quantity> {
    let text = format!(
        "property process.cw1 : coat_weight\nproperty process.cw2 : coat_weight\n\
         property process.t1 : temperature\nproperty process.t2 : temperature\n\
         property process.dose : temperature_time\nproperty process.dose2 : temperature_time\n\
         property process.dt : temperature_difference\n\
         process \"p\" {{ {body} }}\n"
    );
    let c = compile_str("test.media", &text);
    let msgs: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(c.diagnostics.is_empty(), "{msgs:?}");
    let m = &c.model;
    let node = m
        .items
        .iter()
        .filter_map(|id| m.node(*id))
        .next_back()
        .unwrap();
    node.props
        .iter()
        .map(|p| match &p.value {
            Val::Quantity(q) => *q,
            other => panic!("not a quantity: {other:?}"),
        })
        .collect()
}

fn errors(body: &str) -> Vec<&'static str> {
    let text = format!(
        "property process.t1 : temperature\nproperty process.dose : temperature_time\nprocess \"p\" {{ {body} }}\n"
    );
    compile_str("test.media", &text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn exact(n: i128, d: i128) -> Exact {
    Exact::ratio(n, d).unwrap()
}

#[test]
fn milligrams_per_square_metre_equal_grams_exactly() {
    let v = values("cw1 = 500 mg/m2; cw2 = 0.5 g/m²");
    assert_eq!(v[0].value, v[1].value);
    assert_eq!(v[0].value, Interval::point(exact(1, 2)));
    assert_eq!(v[0].dim, v[1].dim);
}

#[test]
fn fahrenheit_and_celsius_meet_at_the_boiling_point() {
    let v = values("t1 = 212 °F; t2 = 100 degC");
    assert_eq!(v[0].value, v[1].value);
    assert_eq!(v[0].value, Interval::point(exact(37315, 100)), "373.15 K");
    assert_eq!(v[0].temp, Temp::Absolute);
}

#[test]
fn a_temperature_difference_times_a_time_is_kelvin_seconds() {
    let v = values("dose = (120 °C - 100 °C) * 0.2 s; dose2 = 4 K·s");
    assert_eq!(v[0].value, v[1].value);
    assert_eq!(v[0].value, Interval::point(Exact::int(4)));
    assert_eq!(v[0].dim, v[1].dim);
}

#[test]
fn celsius_seconds_in_a_compound_unit_mean_kelvin_seconds() {
    let v = values("dose = 2 °C·s; dose2 = 2 K*s");
    assert_eq!(v[0].value, v[1].value);
}

#[test]
fn a_difference_may_be_added_to_an_absolute_temperature() {
    let v = values("t1 = 120 °C + 5 K; t2 = 125 °C");
    assert_eq!(v[0].value, v[1].value);
    assert_eq!(v[0].temp, Temp::Absolute);
}

#[test]
fn a_kelvin_literal_is_absolute_where_a_temperature_is_declared() {
    let v = values("t1 = 373.15 K; t2 = 100 °C; dt = 5 K");
    assert_eq!(v[0].value, v[1].value);
    assert_eq!(v[0].temp, Temp::Absolute);
    assert_eq!(v[2].temp, Temp::Difference);
    assert_eq!(v[2].value, Interval::point(Exact::int(5)));
}

#[test]
fn tolerances_and_ranges_are_exact_intervals() {
    let v = values("t1 = 130 °C ± 2 °C; t2 = 128 .. 132 °C; cw1 = 18 +- 0.5 g/m2");
    assert_eq!(v[0].value, v[1].value);
    assert_eq!(
        v[0].value,
        Interval::new(exact(40115, 100), exact(40515, 100)).unwrap()
    );
    assert_eq!(
        v[2].value,
        Interval::new(exact(35, 2), exact(37, 2)).unwrap()
    );
}

#[test]
fn fractions_are_exact() {
    let v = values("cw1 = 45/55 g/m2; cw2 = 9/11 g/m2");
    assert_eq!(v[0].value, v[1].value);
}

#[test]
fn forbidden_temperature_arithmetic_is_an_error() {
    assert_eq!(errors("t1 = 100 °C + 20 °C"), ["media::unit::absolute_sum"]);
    assert_eq!(
        errors("dose = 120 °C * 2 s"),
        ["media::unit::absolute_scaled"]
    );
    assert_eq!(
        errors("t1 = 5 K - 100 °C"),
        ["media::unit::wrong_dimension"]
    );
    assert_eq!(
        errors("t1 = (20 °C - 10 °C) - 100 °C"),
        ["media::unit::difference_minus_absolute"]
    );
    assert_eq!(
        errors("t1 = 130 °C - 100 °C"),
        ["media::unit::wrong_dimension"]
    );
    assert_eq!(errors("dose = 2"), ["media::unit::bare_number"]);
    assert_eq!(errors("dose = 2 g/m2 + 3 s"), ["media::unit::mismatch"]);
    assert_eq!(
        errors("t1 = -300 °C"),
        ["media::value::below_absolute_zero"]
    );
}

#[test]
fn mass_and_volume_fractions_never_compare() {
    let text = "property process.f : mass_fraction\nprocess \"p\" { f = 30 vol% }\n";
    let codes: Vec<_> = compile_str("t.media", text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["media::unit::wrong_dimension"]);
}

#[test]
fn dimension_mismatches_name_both_dimensions() {
    let text = "property process.t1 : temperature\nprocess \"p\" { t1 = 18 g/m2 }\n";
    let c = compile_str("t.media", text);
    let d = &c.diagnostics[0];
    assert_eq!(
        d.message,
        "expected absolute temperature, found coat weight (mass/length²)"
    );
    assert_eq!(c.sources.slice(d.primary_span().unwrap()), "18 g/m2");
    assert_eq!(
        d.help.as_deref(),
        Some("this place takes absolute temperature, e.g. a value in °C")
    );
}

#[test]
fn the_prelude_declares_every_unit_the_design_requires() {
    let c = compile_str("t.media", "");
    assert!(c.diagnostics.is_empty());
    for u in [
        "g", "mg", "wt%", "vol%", "%", "phr", "°C", "degC", "K", "°F", "degF", "s", "ms", "min",
        "h", "MPa", "kPa", "Pa", "bar", "nm", "µm", "um", "mm", "mol",
    ] {
        assert!(c.model.schema.units.unit(u).is_some(), "unit {u}");
    }
    let _ = Owner::Component;
}

/// The diagnostics (code and message) of a file.
fn diagnostics_of(text: &str) -> Vec<String> {
    compile_str("test.media", text)
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect()
}

#[test]
fn mole_fractions_weight_fractions_and_percentages_never_compare() {
    let text = "property layer.va : mole_fraction\n\
                medium \"m\" { support { paper = 170 g/m2 }\n\
                layer \"a\" { va = 12 mol% }\n\
                layer \"b\" { va = 12 wt% }\n\
                layer \"c\" { va = 12 % }\n}\n";
    assert_eq!(
        diagnostics_of(text),
        [
            "media::unit::wrong_dimension: expected mole fraction, found mass fraction",
            "media::unit::wrong_dimension: expected mole fraction, found percentage",
        ]
    );
}

#[test]
fn a_file_declares_a_base_dimension_of_its_own() {
    let text = "dimension gloss = base \"gloss units\" in GU\n\
                unit GU = base gloss\n\
                dimension gloss_rate = gloss / time \"gloss gain\"\n\
                property layer.g60 : gloss\n\
                property layer.gain : gloss_rate\n\
                medium \"m\" { support { paper = 170 g/m2 }\n\
                layer \"a\" { g60 = 80 GU; gain = 2 GU/s }\n\
                layer \"b\" { g60 = 80 %; gain = 2 GU }\n}\n";
    assert_eq!(
        diagnostics_of(text),
        [
            "media::unit::wrong_dimension: expected gloss units, found percentage",
            "media::unit::wrong_dimension: expected gloss gain (gloss/time), found gloss units",
        ]
    );
}
