//! The shipped examples compile together without a single diagnostic, and together they use
//! every element kind and every property the prelude declares for specs.

mod common;

use mediac::compile::Compiler;
use mediac::model::Owner;
use std::collections::BTreeSet;
use std::path::Path;

fn compile_examples() -> mediac::compile::Compilation {
    let paths = common::example_paths();
    assert!(paths.len() >= 6, "at least six example specs");
    let mut c = Compiler::new();
    for p in &paths {
        c.add(
            p.file_name().unwrap().to_string_lossy(),
            std::fs::read_to_string(p).unwrap(),
        );
    }
    c.compile()
}

#[test]
fn examples_are_clean() {
    let c = compile_examples();
    let rendered: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| mediac::report::human::render(d, &c.sources, mediac::report::human::Color::Never))
        .collect();
    assert!(c.diagnostics.is_empty(), "{}", rendered.join("\n"));
}

#[test]
fn examples_use_every_kind_and_property() {
    let c = compile_examples();
    let m = &c.model;
    let mut kinds = BTreeSet::new();
    let mut props = BTreeSet::new();
    for n in &m.nodes {
        kinds.insert(n.kind);
        props.extend(n.props.iter().map(|p| p.prop));
        for comp in &n.components {
            props.extend(comp.props.iter().map(|p| p.prop));
        }
    }
    let missing_kinds: Vec<&str> = m
        .schema
        .kinds()
        // A kind others are sorts of (`step`, `nip_member`) is used through them.
        .filter(|(k, _)| !kinds.iter().any(|used| m.schema.kind_is(*used, *k)))
        .map(|(_, k)| k.name.as_str())
        .collect();
    assert!(
        missing_kinds.is_empty(),
        "element kinds no example uses: {missing_kinds:?}"
    );
    let mut missing_props = Vec::new();
    for (k, kind) in m.schema.kinds() {
        for (id, p) in m.schema.props_of(Owner::Kind(k)) {
            if !props.contains(&id) {
                missing_props.push(format!("{}.{}", kind.name, p.name));
            }
        }
    }
    for (id, p) in m.schema.props_of(Owner::Component) {
        if !props.contains(&id) {
            missing_props.push(format!("component.{}", p.name));
        }
    }
    assert!(
        missing_props.is_empty(),
        "properties no example uses: {missing_props:?}"
    );
}

#[test]
fn every_diagnostic_code_is_documented() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"))
            .unwrap();
    let missing: Vec<&str> = mediac::diagnostic::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !docs.contains(&format!("### {c}")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a section in docs/diagnostics.md: {missing:?}"
    );
}

/// Each "Output:" block of docs/diagnostics.md shows what the compiler prints for its example
/// (scripts/refresh-diagnostics-doc.py copies the reviewed snapshots in).
#[test]
fn documented_outputs_match_the_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
    let mut checked = 0;
    for section in doc.split("\n### ").skip(1) {
        let Some(start) = section.find("(../specs/invalid/") else {
            continue;
        };
        let rest = &section[start + "(../".len()..];
        let rel = &rest[..rest.find(')').unwrap()];
        let Some(out) = section.split("Output:\n\n```text\n").nth(1) else {
            continue;
        };
        let shown = &out[..out.find("```").unwrap()];
        let name = rel
            .trim_start_matches("specs/invalid/")
            .trim_end_matches(".media")
            .replace('/', "__");
        let snap = std::fs::read_to_string(root.join(format!(
            "tests/snapshots/invalid__invalid_specs@{name}.media.snap"
        )))
        .unwrap();
        let body = snap.splitn(3, "---\n").nth(2).unwrap().trim_end();
        let expected: Vec<String> = body
            .lines()
            .map(|l| {
                if l.chars().count() <= 110 {
                    l.to_string()
                } else {
                    format!("{} …", l.chars().take(108).collect::<String>())
                }
            })
            .collect();
        assert_eq!(
            shown.trim_end(),
            expected.join("\n").trim_end(),
            "docs/diagnostics.md section for {rel}: run scripts/refresh-diagnostics-doc.py"
        );
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} documented outputs found");
}
