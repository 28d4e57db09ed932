//! `mediac check --format sarif` against the OASIS SARIF 2.1.0 JSON schema
//! (tests/data/sarif-schema-2.1.0.json; where it comes from: tests/data/README.md).
//!
//! Specs with errors, warnings, syntax errors and broken intents are compiled as the CLI
//! compiles them, rendered with `report::sarif` and validated; a deliberately broken log must
//! fail, so a validator that accepts everything cannot pass these tests. A last test checks what
//! the schema cannot: that each region's `charOffset` is the character offset of its
//! `startLine`/`startColumn` (the log declares `columnKind: unicodeCodePoints`).

use jsonschema::{Draft, Registry, Validator};
use mediac::compile::{Compilation, Compiler};
use mediac::report::sarif;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("data/sarif-schema-2.1.0.json");

/// The validator, built once. The schema is draft-07 and is used unchanged, with format
/// assertions on (`uri`, `uri-reference`, `date-time` …).
///
/// It is registered under its own `$id` and reached through a one-line root schema instead of
/// being compiled directly, because the published 2.1.0 schema does not pass jsonschema's
/// meta-schema check: the `pattern` of `run.language` and `toolComponent.language`,
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]` that strict ECMA-262 rejects
/// (sarif-spec issue #488, corrected in the 2.1.0 errata). A registered resource is not checked
/// against the meta-schema; every keyword in it still validates instances as usual. mediac
/// never writes `language`.
fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        assert_eq!(
            schema["title"], "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
            "tests/data/sarif-schema-2.1.0.json is not the SARIF 2.1.0 schema"
        );
        let id = schema["$id"]
            .as_str()
            .expect("the schema has an $id")
            .to_owned();
        let registry = Registry::new()
            .add(&id, Draft::Draft7.create_resource(schema))
            .and_then(|r| r.prepare())
            .expect("the schema registers");
        jsonschema::options()
            .with_draft(Draft::Draft7)
            .should_validate_formats(true)
            .with_registry(&registry)
            .build(&json!({ "$ref": id }))
            .expect("the schema compiles")
    })
}

/// Every violation as `instance path: message`.
fn violations(log: &Value) -> Vec<String> {
    validator()
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_valid(log: &Value, what: &str) {
    let v = violations(log);
    assert!(
        v.is_empty(),
        "SARIF of {what} violates the SARIF 2.1.0 schema ({} violations):\n  {}",
        v.len(),
        v.join("\n  ")
    );
}

/// Compiles (name, text) pairs as `mediac check --format sarif` does (no summary notes) and
/// returns the compilation with its SARIF log, parsed.
fn compile(files: &[(String, String)]) -> (Compilation, Value) {
    compile_with(Compiler::new(), files)
}

fn compile_with(mut c: Compiler, files: &[(String, String)]) -> (Compilation, Value) {
    c.summaries = false;
    c.explain_all = false;
    for (name, text) in files {
        c.add(name.clone(), text.clone());
    }
    let c = c.compile();
    let refs: Vec<_> = c.diagnostics.iter().collect();
    let log: Value =
        serde_json::from_str(&sarif::report(&refs, &c.sources)).expect("SARIF is JSON");
    (c, log)
}

fn spec(path: &str) -> (String, String) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    (path.to_owned(), text)
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"]
        .as_array()
        .expect("runs[0].results")
}

fn levels(log: &Value) -> Vec<&str> {
    results(log)
        .iter()
        .filter_map(|r| r["level"].as_str())
        .collect()
}

/// Errors of three phases (a length given as a coat weight, a component given as mass/length,
/// a misspelt medium) and a warning (an ink's wt% adding up to 92), after `°C` and `±`.
const ERRORS_AND_WARNINGS: &str = r#"medium "Sarif Gloss" {
  support { paper = 170 g/m2 }
  layer "base" { role = ink_absorbing; silica = 18 g/m2; pva = 10 phr of silica; thickness = 20 g/m2 }
  layer "top" { role = ink_absorbing; silica = 6 g/m2; polystyrene_latex = 2.5 g/m2 { tg = 100 °C ± 2 °C }; pva = 0.6 g/mm }
}

ink "Sarif K" {
  carbon_black = 4 wt%
  water = 70 wt%
  glycerol = 18 wt%
}

process "Sarif coating" {
  medium = "Sarif Glos"
}
"#;

#[test]
fn a_minimal_log_is_valid() {
    let log = json!({
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "mediac" } }, "results": [] }]
    });
    assert_valid(&log, "a minimal log");
}

/// Where the violation must be reported, and how the log is broken.
type Breakage = (&'static str, fn(&mut Value));

#[test]
fn broken_logs_are_invalid() {
    let (_, log) = compile(&[("spec.media".into(), ERRORS_AND_WARNINGS.into())]);
    assert!(!results(&log).is_empty());
    assert_valid(&log, "the base of the broken logs");
    let breakages: &[Breakage] = &[
        ("/version", |l| l["version"] = json!("2.1")),
        ("", |l| _ = l.as_object_mut().unwrap().remove("runs")),
        ("/runs/0/results/0/level", |l| {
            l["runs"][0]["results"][0]["level"] = json!("fatal")
        }),
        ("/runs/0/results/0/message", |l| {
            l["runs"][0]["results"][0]["message"] = json!({ "txt": "typo" })
        }),
        ("/runs/0/results/0", |l| {
            l["runs"][0]["results"][0]["severity"] = json!("error")
        }),
        (
            "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
            |l| {
                l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                    json!(0)
            },
        ),
        (
            "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri",
            |l| {
                l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                    ["uri"] = json!("<not a uri>")
            },
        ),
        ("/runs/0/tool/driver", |l| {
            _ = l["runs"][0]["tool"]["driver"]
                .as_object_mut()
                .unwrap()
                .remove("name")
        }),
        (
            "/runs/0/tool/driver/rules/0/defaultConfiguration/level",
            |l| {
                l["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] =
                    json!("info")
            },
        ),
    ];
    for (path, breakage) in breakages {
        let mut broken = log.clone();
        breakage(&mut broken);
        let v = violations(&broken);
        assert!(
            v.iter().any(|m| m.starts_with(&format!("{path}: "))),
            "a log broken at `{path}` was not reported there (violations: {v:?})"
        );
    }
}

#[test]
fn errors_and_warnings_are_valid_sarif() {
    let (c, log) = compile(&[
        ("spec.media".into(), ERRORS_AND_WARNINGS.into()),
        spec("specs/invalid/syntax/unclosed.media"),
    ]);
    let levels = levels(&log);
    assert!(
        levels.contains(&"error") && levels.contains(&"warning"),
        "{levels:?}"
    );
    assert_eq!(results(&log).len(), c.diagnostics.len());
    assert_valid(&log, "specs with errors and warnings");
}

#[test]
fn broken_intents_are_valid_sarif() {
    // Each of these points at the spec value and at the claim's words in a shipped claim set.
    for name in [
        "verdict_not_met",
        "verdict_partly_met",
        "verdict_undetermined",
        "verdict_reads_on",
        "verdict_may_read_on",
        "verdict_cannot_clear",
        "intent_unknown_claim",
        "intent_unknown_subject",
    ] {
        let (c, log) = compile(&[spec(&format!("specs/invalid/claims/{name}.media"))]);
        assert!(!c.diagnostics.is_empty(), "{name}: no diagnostics");
        assert_valid(&log, &format!("specs/invalid/claims/{name}.media"));
    }
}

#[test]
fn every_invalid_spec_is_valid_sarif() {
    // One compilation per file, as its diagnostics are meant to be seen, spread over the cores.
    // Only the specs in claims/ state intents; elsewhere the shipped claim sets add no
    // diagnostic (the SARIF is the same without them) but cost ~55 ms a file in a debug build.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![root.join("specs/invalid")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "media") {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                files.push(rel.replace('\\', "/"));
            }
        }
    }
    files.sort();
    assert!(files.len() > 40, "only {} invalid specs found", files.len());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let files = &files;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for rel in files.iter().skip(w).step_by(workers) {
                        let compiler = if rel.starts_with("specs/invalid/claims/") {
                            Compiler::new()
                        } else {
                            Compiler::bare()
                        };
                        let (_, log) = compile_with(compiler, &[spec(rel)]);
                        let v = violations(&log);
                        if !v.is_empty() {
                            failures.push(format!("{rel}:\n    {}", v.join("\n    ")));
                        }
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "SARIF violates the SARIF 2.1.0 schema for {} of {} specs:\n  {}",
        failures.len(),
        files.len(),
        failures.join("\n  ")
    );
}

#[test]
fn file_names_that_need_escaping_are_valid_sarif() {
    // A folder with a space and a file name with a non-ASCII letter, as users name them.
    let (_, log) = compile(&[(
        "specs/Satin Line/spec-ü.media".into(),
        ERRORS_AND_WARNINGS.into(),
    )]);
    assert_valid(&log, "a spec whose path has a space and a non-ASCII letter");
}

#[test]
fn regions_agree_with_their_offsets() {
    // `charOffset`/`charLength` count characters (here Unicode code points, as the log's
    // `columnKind` says), like `startColumn`/`endColumn`; the examples have `°C`, `µm`, `²`.
    let files = vec![
        spec("specs/invalid/claims/verdict_not_met.media"),
        ("spec.media".into(), ERRORS_AND_WARNINGS.into()),
    ];
    let (c, log) = compile(&files);
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    let texts: HashMap<String, &str> = c
        .sources
        .files()
        .map(|(_, f)| (f.name.trim_start_matches("./").to_owned(), f.text.as_str()))
        .collect();
    let mut wrong = Vec::new();
    for r in results(&log) {
        let locations = r["locations"].as_array().into_iter().flatten();
        let related = r["relatedLocations"].as_array().into_iter().flatten();
        for loc in locations.chain(related) {
            let p = &loc["physicalLocation"];
            let uri = p["artifactLocation"]["uri"].as_str().unwrap_or_default();
            let (Some(text), Some(region)) = (texts.get(uri), p["region"].as_object()) else {
                continue;
            };
            let (line, col) = (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            );
            let chars: Vec<char> = text.chars().collect();
            let line_start = chars
                .split_inclusive(|ch| *ch == '\n')
                .take(line as usize - 1)
                .map(<[char]>::len)
                .sum::<usize>();
            let expected = line_start + col as usize - 1;
            let given = region["charOffset"].as_u64().unwrap() as usize;
            if given != expected {
                let len = region["charLength"].as_u64().unwrap() as usize;
                let meant: String = chars.iter().skip(expected).take(len).collect();
                let read: String = chars.iter().skip(given).take(len).collect();
                wrong.push(format!(
                    "{uri}:{line}:{col}: charOffset {given}, but that position is character \
                     {expected}: the region reads {read:?} instead of {meant:?}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Results without a span (a verdict that drifted from the lock, an unreadable path) are
/// placed on their file: code-scanning uploads reject results without any location.
#[test]
fn lock_drift_results_have_a_location() {
    let spec = r#"medium "Drift" {
      support { paper = 170 g/m2 }
      layer "base" { role = ink_absorbing; silica = 18 g/m2 }
      layer "top" { role = ink_absorbing; silica = 5 g/m2; polystyrene_latex = 2 g/m2 }
    }"#;
    let lock_of = |text: &str| {
        let mut c = Compiler::new();
        c.add("drift.media", text);
        mediac::report::lock::entries(&c.compile())
    };
    let old = lock_of(spec);
    let new = lock_of(&spec.replace("= 2 g/m2", "= 5 g/m2"));
    let drift = mediac::report::lock::diff(&old, &new, "verdicts lock.txt");
    assert!(!drift.is_empty());
    let c = Compiler::new().compile();
    let refs: Vec<_> = drift.iter().collect();
    let log: Value =
        serde_json::from_str(&mediac::report::sarif::report(&refs, &c.sources)).unwrap();
    assert_valid(&log, "lock drift");
    for r in results(&log) {
        let uri = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, "verdicts%20lock.txt", "{r}");
    }
}
