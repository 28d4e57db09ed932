//! Machine-readable output: one JSON object with the diagnostics and the verdicts.
//! The schema is documented in docs/json.md; field names are stable.

use crate::compile::Compilation;
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::{ClaimVerdict, Verdict};
use crate::source::{SourceMap, Span};
use serde::Serialize;

/// Where a span is: file, byte offset and length, 1-based line and column (in characters).
#[derive(Serialize)]
pub struct Location {
    pub file: String,
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(span: Span, sources: &SourceMap) -> Location {
        let file = sources.get(span.file);
        let (line, column) = file.map_or((0, 0), |f| f.line_col(span.start as usize));
        let (end_line, end_column) = file.map_or((0, 0), |f| f.line_col(span.end as usize));
        Location {
            file: file.map_or_else(String::new, |f| f.name.clone()),
            offset: span.start as usize,
            length: span.len(),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    location: Location,
    message: String,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    code: &'static str,
    severity: &'static str,
    message: String,
    labels: Vec<JsonLabel>,
    help: Option<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct JsonText {
    text: String,
    location: Location,
}

#[derive(Serialize)]
struct JsonWindow {
    what: String,
    range: String,
}

#[derive(Serialize)]
struct JsonLimitation {
    id: String,
    claim: u32,
    words: String,
    verdict: &'static str,
    message: String,
    value: Option<String>,
    bound: Option<String>,
    margin: Option<String>,
    window: Option<JsonWindow>,
    missing: Vec<JsonText>,
    evidence: Vec<JsonText>,
    trace: Vec<JsonTrace>,
    escape: Option<JsonText>,
    location: Location,
}

#[derive(Serialize)]
struct JsonTrace {
    expression: String,
    value: String,
}

#[derive(Serialize)]
struct JsonBinding {
    var: String,
    value: String,
    location: Option<Location>,
}

#[derive(Serialize)]
struct JsonVerdict {
    subject: String,
    subject_kind: String,
    claimset: String,
    claim: u32,
    category: &'static str,
    verdict: &'static str,
    chain: Vec<u32>,
    bindings: Vec<JsonBinding>,
    note: Option<String>,
    limitations: Vec<JsonLimitation>,
    /// Present when the claim uses construction points: the verdict under each reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    by_construction: Option<Vec<JsonReading>>,
}

#[derive(Serialize)]
struct JsonReading {
    construction: std::collections::BTreeMap<String, String>,
    verdict: &'static str,
}

#[derive(Serialize, Default)]
struct Counts {
    met: usize,
    partly_met: usize,
    undetermined: usize,
    arguable: usize,
    not_met: usize,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    specs: usize,
    errors: usize,
    warnings: usize,
    verdicts: Counts,
}

#[derive(Serialize)]
struct JsonReport {
    version: u32,
    diagnostics: Vec<JsonDiagnostic>,
    verdicts: Vec<JsonVerdict>,
    summary: Summary,
}

fn diagnostic(d: &Diagnostic, sources: &SourceMap) -> JsonDiagnostic {
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        message: d.message.clone(),
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                location: Location::of(l.span, sources),
                message: l.message.clone(),
                primary: l.primary,
            })
            .collect(),
        help: d.help.clone(),
        notes: d.notes.clone(),
    }
}

fn verdict(v: &ClaimVerdict, c: &Compilation) -> JsonVerdict {
    let m = &c.model;
    let units = &m.schema.units;
    let set = c.claimsets.get(v.set);
    let node = m.node(v.subject);
    JsonVerdict {
        subject: node.and_then(|n| n.name.clone()).unwrap_or_default(),
        subject_kind: node
            .map(|n| m.schema.kind_name(n.kind).to_string())
            .unwrap_or_default(),
        claimset: set.map(|s| s.id.clone()).unwrap_or_default(),
        claim: v.claim,
        category: set
            .and_then(|s| s.claim(v.claim))
            .map_or("", |x| x.category.name()),
        verdict: v.verdict.as_str(),
        chain: v.chain.clone(),
        bindings: v
            .bindings
            .iter()
            .map(|b| JsonBinding {
                var: b.var.clone(),
                value: b.value.clone(),
                location: b.span.map(|s| Location::of(s, &c.sources)),
            })
            .collect(),
        note: v.note.clone(),
        by_construction: (!v.points.is_empty()).then(|| {
            v.by_construction
                .iter()
                .map(|r| JsonReading {
                    construction: r
                        .points
                        .iter()
                        .filter_map(|p| {
                            let c = set?.constructions.get(*p)?;
                            let alt = c.alternatives.get(*r.reading.get(*p)?)?;
                            Some((c.name.clone(), alt.name.clone()))
                        })
                        .collect(),
                    verdict: r.verdict.as_str(),
                })
                .collect()
        }),
        limitations: v
            .limitations
            .iter()
            .map(|l| {
                let j = &l.judgement;
                JsonLimitation {
                    id: l.element_id(),
                    claim: l.claim,
                    words: l.words.clone(),
                    verdict: j.verdict.as_str(),
                    message: j.message.clone(),
                    value: j.value.clone(),
                    bound: j.bound.clone(),
                    margin: j.margin.clone(),
                    window: j.window.as_ref().map(|w| JsonWindow {
                        what: w.what.clone(),
                        range: w.describe(units),
                    }),
                    missing: j
                        .missing
                        .iter()
                        .map(|x| JsonText {
                            text: x.what.clone(),
                            location: Location::of(x.span, &c.sources),
                        })
                        .collect(),
                    evidence: j
                        .evidence
                        .iter()
                        .map(|x| JsonText {
                            text: x.text.clone(),
                            location: Location::of(x.span, &c.sources),
                        })
                        .collect(),
                    trace: j
                        .trace
                        .iter()
                        .map(|(e, v)| JsonTrace {
                            expression: e.clone(),
                            value: v.clone(),
                        })
                        .collect(),
                    escape: j.escape.as_ref().map(|e| JsonText {
                        text: e.text.clone(),
                        location: Location::of(e.span, &c.sources),
                    }),
                    location: Location::of(l.span, &c.sources),
                }
            })
            .collect(),
    }
}

/// The whole report as pretty-printed JSON, fields in schema order. `extra` are diagnostics
/// made outside the compilation (I/O failures).
pub fn report(c: &Compilation, extra: &[Diagnostic], files: usize) -> String {
    let all: Vec<&Diagnostic> = extra.iter().chain(c.diagnostics.iter()).collect();
    let mut counts = Counts::default();
    for v in &c.verdicts {
        match v.verdict {
            Verdict::Met => counts.met += 1,
            Verdict::PartlyMet => counts.partly_met += 1,
            Verdict::Undetermined => counts.undetermined += 1,
            Verdict::NotMet => counts.not_met += 1,
            Verdict::Arguable => counts.arguable += 1,
        }
    }
    let r = JsonReport {
        version: 1,
        diagnostics: all.iter().map(|d| diagnostic(d, &c.sources)).collect(),
        verdicts: c.verdicts.iter().map(|v| verdict(v, c)).collect(),
        summary: Summary {
            files,
            specs: c.model.items.len(),
            errors: all.iter().filter(|d| d.severity == Severity::Error).count(),
            warnings: all
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
            verdicts: counts,
        },
    };
    serde_json::to_string_pretty(&r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
