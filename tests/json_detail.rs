//! `--format json` carries the limitations that are not met by default (`detail: failed`)
//! and every limitation with `--explain all`; the verdicts are the same either way.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn report(args: &[&str]) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_mediac"))
        .current_dir(root)
        .args(["check", "--format", "json", "specs/examples"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn verdicts(r: &Value) -> &Vec<Value> {
    r["verdicts"].as_array().unwrap()
}

#[test]
fn failed_detail_keeps_what_is_not_met_and_all_keeps_everything() {
    let failed = report(&[]);
    let all = report(&["--explain", "all"]);
    assert_eq!(failed["detail"], "failed");
    assert_eq!(all["detail"], "all");
    let (f, a) = (verdicts(&failed), verdicts(&all));
    assert_eq!(f.len(), a.len());
    assert!(f.len() > 100);
    let mut not_met_rows = 0;
    for (x, y) in f.iter().zip(a) {
        for key in ["subject", "claimset", "claim", "verdict", "chain"] {
            assert_eq!(x[key], y[key], "{key} differs");
        }
        let rows = x["limitations"].as_array().unwrap();
        if x["verdict"] == "met" {
            assert!(rows.is_empty() && x["bindings"].as_array().unwrap().is_empty());
            assert!(!y["limitations"].as_array().unwrap().is_empty());
        } else {
            // Exactly the rows of the full report that are not met, in the same order, less
            // those undetermined only because an earlier binder found nothing; without the
            // trace of sub-expression values.
            let consequence = |l: &Value| {
                let missing = l["missing"].as_array().unwrap();
                l["verdict"] == "undetermined"
                    && !missing.is_empty()
                    && missing.iter().all(|m| {
                        m["text"]
                            .as_str()
                            .unwrap()
                            .contains("nothing is bound to `")
                    })
            };
            let expected: Vec<Value> = y["limitations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["verdict"] != "met" && !consequence(l))
                .map(|l| {
                    let mut l = l.clone();
                    l["trace"] = Value::Array(Vec::new());
                    l
                })
                .collect();
            assert_eq!(rows, &expected);
            not_met_rows += rows.len();
        }
    }
    assert!(not_met_rows > 0);
    assert_eq!(failed["summary"], all["summary"]);
}
