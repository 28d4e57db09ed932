//! The verdicts of the meet/miss examples (specs/examples/{tul,hpf,cca}_claim*), one JSON line
//! per (subject, claim set, claim), pinned by an insta snapshot. Each line names the
//! limitations that are not met, so that a change of reading shows up as a reviewed diff.

mod common;

use mediac::compile::Compiler;

#[test]
fn verdicts_of_the_claim_examples() {
    let paths = common::example_paths();
    let mut c = Compiler::new();
    let mut subjects = Vec::new();
    for p in &paths {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(p).unwrap();
        if ["tul_claim", "hpf_claim", "cca_claim"]
            .iter()
            .any(|x| name.starts_with(x))
        {
            // The subjects are the ones the file's intents name.
            for line in text.lines() {
                let line = line.trim();
                if (line.starts_with("expect ") || line.starts_with("avoid "))
                    && let Some(q) = line.split('"').nth(1)
                {
                    subjects.push(q.to_string());
                }
            }
        }
        c.add(name, text);
    }
    subjects.sort();
    subjects.dedup();
    let compilation = c.compile();
    assert!(!compilation.has_errors());
    let json: serde_json::Value = serde_json::from_str(&mediac::report::json::report(
        &compilation,
        &[],
        paths.len(),
    ))
    .unwrap();
    let mut lines = Vec::new();
    let mut claims_seen = std::collections::BTreeSet::new();
    for v in json["verdicts"].as_array().unwrap() {
        let subject = v["subject"].as_str().unwrap();
        if !subjects.iter().any(|s| s == subject) {
            continue;
        }
        claims_seen.insert((
            v["claimset"].as_str().unwrap().to_string(),
            v["claim"].as_u64().unwrap(),
        ));
        let not_met: Vec<String> = v["limitations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["verdict"] != "met")
            .map(|l| {
                format!(
                    "{} {}",
                    l["id"].as_str().unwrap(),
                    l["verdict"].as_str().unwrap()
                )
            })
            .collect();
        let line = serde_json::json!({
            "subject": subject,
            "claimset": v["claimset"],
            "claim": v["claim"],
            "verdict": v["verdict"],
            "not_met": not_met,
        });
        lines.push(line.to_string());
    }
    assert_eq!(
        claims_seen.len(),
        61,
        "every claim of the three seeds has verdicts"
    );
    insta::assert_snapshot!(lines.join("\n"));
}
