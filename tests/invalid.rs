//! Every file under specs/invalid/ is compiled alone (with the prelude) and its rendered
//! diagnostics, colour off, are snapshotted. Each file states the code it exists for in its
//! first line (`// expect: media::unit::mismatch`); the test fails when that code is not among
//! the diagnostics, so a snapshot can never silently stop showing what the file is about.

use mediac::compile::compile_str;
use mediac::report::human::{Color, render};

fn expected_code(text: &str) -> Option<&str> {
    // Any line ending ends the marker line (one file has lone carriage returns).
    text.split(['\n', '\r'])
        .next()?
        .trim()
        .strip_prefix("// expect:")
        .map(str::trim)
}

#[test]
fn invalid_specs() {
    insta::glob!(
        "../specs/invalid",
        "**/*.media",
        |path: &std::path::Path| {
            let text = std::fs::read_to_string(path).unwrap();
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let name = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
                .replace('\\', "/");
            let c = compile_str(&name, &text);
            let code = expected_code(&text)
                .unwrap_or_else(|| panic!("{name}: first line must be `// expect: CODE`"));
            assert!(
                c.diagnostics.iter().any(|d| d.code.as_str() == code),
                "{name}: expected a {code} diagnostic, got {:?}",
                c.diagnostics
                    .iter()
                    .map(|d| d.code.as_str())
                    .collect::<Vec<_>>()
            );
            let rendered: String = c
                .diagnostics
                .iter()
                .map(|d| render(d, &c.sources, Color::Never) + "\n")
                .collect();
            insta::assert_snapshot!(rendered);
        }
    );
}
