//! SARIF 2.1.0 for code-scanning tools: one rule per diagnostic code (with its summary as
//! help), one result per diagnostic with its locations; labels in other files become related
//! locations.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::{SourceMap, Span};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A file name as a SARIF URI reference: percent-encoded, relative to the checkout
/// (`%SRCROOT%`), or to mediac itself (`MEDIAC`) for the prelude and claim sets inside the
/// binary (`<claims>/x.media`).
fn artifact(name: &str) -> (String, &'static str) {
    let (path, base) = match name.strip_prefix('<').and_then(|n| n.split_once(">/")) {
        Some((dir, file)) => (format!("{dir}/{file}"), "MEDIAC"),
        None => (
            name.trim_start_matches("./").replace('\\', "/"),
            "%SRCROOT%",
        ),
    };
    let mut uri = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    (uri, base)
}

fn location(span: Span, sources: &SourceMap, message: &str) -> Value {
    let Some(f) = sources.get(span.file) else {
        return json!({});
    };
    let (line, col) = f.line_col(span.start as usize);
    let (end_line, end_col) = f.line_col(span.end as usize);
    // Paths are given relative to the working directory (uriBaseId %SRCROOT%) as code-scanning
    // uploads expect; files inside the binary keep their `<prelude>/…` names. Regions are
    // lines, columns and offsets in code points (columnKind).
    let (uri, base) = artifact(&f.name);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri, "uriBaseId": base },
            "region": {
                "startLine": line,
                "startColumn": col,
                "endLine": end_line,
                "endColumn": end_col.max(if end_line == line { col } else { 1 }),
                "charOffset": f.char_offset(span.start as usize),
                "charLength": f.char_offset(span.end as usize) - f.char_offset(span.start as usize)
            }
        }
    });
    if !message.is_empty()
        && let Some(o) = loc.as_object_mut()
    {
        o.insert("message".into(), json!({ "text": message }));
    }
    loc
}

pub fn report(diagnostics: &[&Diagnostic], sources: &SourceMap) -> String {
    let mut codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str().trim_start_matches("media::").replace("::", "/"),
                "shortDescription": { "text": c.summary() },
                "fullDescription": { "text": c.summary() },
                "help": { "text": format!("{} (see docs/diagnostics.md#{})", c.summary(), c.as_str().replace("::", "")) },
                "defaultConfiguration": { "level": level(c.default_severity()) }
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let rule_index = codes.iter().position(|c| *c == d.code).unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!("\nhelp: {h}"));
            }
            let primary = d.primary_span();
            // A result without a span is placed on its file (code-scanning uploads reject
            // results without any location).
            let locations: Vec<Value> = match (primary, &d.path) {
                (Some(s), _) => vec![location(s, sources, "")],
                (None, Some(p)) => {
                    let (uri, base) = artifact(p);
                    vec![json!({ "physicalLocation": { "artifactLocation": { "uri": uri, "uriBaseId": base } } })]
                }
                (None, None) => Vec::new(),
            };
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .filter(|(_, l)| Some(l.span) != primary || !l.primary)
                .map(|(i, l)| {
                    let mut loc = location(l.span, sources, &l.message);
                    if let Some(o) = loc.as_object_mut() {
                        o.insert("id".into(), json!(i));
                    }
                    loc
                })
                .collect();
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": locations
            });
            if !related.is_empty()
                && let Some(o) = r.as_object_mut()
            {
                o.insert("relatedLocations".into(), json!(related));
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mediac",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
