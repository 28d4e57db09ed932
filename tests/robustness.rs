//! Hostile input ends in a diagnostic or a result: never a panic, never a stack overflow.

use mediac::compile::{Compiler, PRELUDE, compile_str};

/// Parsing and the model, without the claim sets (their evaluation is tested elsewhere and
/// would only slow these large inputs down).
fn compile_bare(text: &str) -> mediac::compile::Compilation {
    let mut c = Compiler::bare();
    c.add("t.media", text);
    c.compile()
}

fn codes(text: &str) -> Vec<&'static str> {
    compile_str("t.media", text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

#[test]
fn ten_thousand_nested_parentheses() {
    let text = format!(
        "process \"p\" {{ heat {{ time = {}1 s{} }} }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert_eq!(codes(&text), ["media::syntax::too_deep"]);
}

#[test]
fn ten_thousand_nested_braces() {
    let text = format!(
        "medium \"m\" {}{}",
        "{ layer ".repeat(10_000),
        "}".repeat(10_000)
    );
    assert_eq!(codes(&text), ["media::syntax::too_deep"]);
}

#[test]
fn nesting_at_the_limit_is_accepted() {
    let depth = mediac::syntax::MAX_NESTING - 2; // the process and heat braces take two levels
    let text = format!(
        "process \"p\" {{ heat {{ time = {}1 s{} }} }}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    assert_eq!(codes(&text), Vec::<&str>::new());
}

#[test]
fn long_chains_of_signs_and_operators() {
    let signs = format!(
        "process \"p\" {{ heat {{ time = {}1 s }} }}",
        "-".repeat(100_000)
    );
    assert_eq!(
        codes(&signs),
        Vec::<&str>::new(),
        "an even number of minus signs is plus"
    );
    let sum = format!(
        "process \"p\" {{ heat {{ time = 1 s{} }} }}",
        " + 1 s".repeat(10_000)
    );
    assert_eq!(codes(&sum), ["media::syntax::expression_too_long"]);
}

#[test]
fn huge_numbers_do_not_overflow() {
    let text = format!(
        "process \"p\" {{ heat {{ time = {} s }} }}",
        "9".repeat(200)
    );
    assert_eq!(codes(&text), ["media::syntax::number_too_large"]);
    let text = "process \"p\" { heat { time = 1e30 s * 1e30 * 1e30 } }";
    assert_eq!(codes(text), ["media::unit::arithmetic"]);
    let text = "process \"p\" { heat { time = 1 s / (2 - 2) } }";
    assert_eq!(codes(text), ["media::unit::arithmetic"]);
}

#[test]
fn a_large_file_is_checked() {
    // 2 MB here (the test profile is unoptimised); scripts/large-file.sh checks 50 MB with a
    // release build.
    let item = "medium \"m{}\" {\n  layer \"base\" { silica = 18 g/m2; pva = 12 phr of silica; thickness = 30 um }\n  layer \"top\" { silica = 6 g/m2; polystyrene_latex = 2.5 g/m2 { tg = 100 °C ± 2 °C }; pva = 0.6 g/m2 }\n}\n";
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 2_000_000 {
        text.push_str(&item.replace("{}", &i.to_string()));
        i += 1;
    }
    let c = compile_bare(&text);
    assert!(c.diagnostics.is_empty());
    assert_eq!(c.model.items.len(), i);
}

/// A deterministic mutation fuzzer: delete, duplicate or insert bytes of real input at
/// pseudo-random places, and compile each result.
#[test]
fn mutated_input_never_panics() {
    let seed_text = format!(
        "{}\n{}",
        r#"medium "m" { support { air_permeable = true; paper = 170 g/m2 }
  layer "base" { silica = 80 wt%; pva = 20 phr of silica; solid_content = 20 ± 1 g/m2 }
  layer "top" { fumed_silica = 6 g/m2; polystyrene_latex "ps" = 2.5 g/m2 { tg = 100 °C } }
}
process "p" { medium = "m"; coat { layers = ["base", "top"]; simultaneous = true }
  heat_press { surface_temperature = (120 °C + 10 K) ± 2 K; time = 0.4 .. 0.6 s; pressure = 0.8 MPa } }
"#,
        PRELUDE
            .lines()
            .filter(|l| l.starts_with("material"))
            .take(30)
            .collect::<Vec<_>>()
            .join("\n")
    );
    let bytes = seed_text.as_bytes();
    let alphabet = b"{}()[]\"=;:.,+-*/%\xc2\xb0 \nabcg0123456789";
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let mut m = bytes.to_vec();
        for _ in 0..(1 + next() % 4) {
            let at = (next() as usize) % (m.len() + 1);
            match next() % 3 {
                0 if at < m.len() => {
                    m.remove(at);
                }
                1 if at < m.len() => {
                    let b = m[at];
                    m.insert(at, b);
                }
                _ => m.insert(at, alphabet[(next() as usize) % alphabet.len()]),
            }
        }
        let text = String::from_utf8_lossy(&m);
        let _ = compile_bare(&text);
    }
}
