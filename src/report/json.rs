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

fn verdict(v: &ClaimVerdict, c: &Compilation, detail: Detail) -> JsonVerdict {
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
            .filter(|_| detail == Detail::All || v.verdict != Verdict::Met)
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
            .filter(|l| {
                let j = &l.judgement;
                // Under `failed`, a limitation left undetermined only because an earlier
                // binder found nothing is a consequence of that failure, not a row of its own.
                detail == Detail::All
                    || (j.verdict != Verdict::Met
                        && !(j.verdict == Verdict::Undetermined
                            && !j.missing.is_empty()
                            && j.missing.iter().all(|m| m.unbound)))
            })
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
                        .filter(|_| detail == Detail::All)
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

/// How much of each verdict a report carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Every verdict; for a verdict that is not met, its binding and the limitations that
    /// are not met, with their values. A met verdict carries neither.
    Failed,
    /// Every limitation of every verdict, met or not.
    All,
}

impl Detail {
    fn as_str(self) -> &'static str {
        match self {
            Detail::Failed => "failed",
            Detail::All => "all",
        }
    }
}

/// The whole report with every limitation (`Detail::All`), as one string.
pub fn report(c: &Compilation, extra: &[Diagnostic], files: usize) -> String {
    let mut out = Vec::new();
    match write_report(&mut out, c, extra, files, Detail::All) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// Verdicts explained and serialized at a time: the report streams, so memory holds one
/// batch of explanations, not the whole run's.
const BATCH: usize = 256;

/// Writes the report as pretty-printed JSON, fields in schema order, a batch of verdicts at a
/// time. `extra` are diagnostics made outside the compilation (I/O failures). Verdicts the
/// compilation did not explain are explained here, as far as `detail` needs, and dropped once
/// written.
pub fn write_report(
    out: &mut dyn std::io::Write,
    c: &Compilation,
    extra: &[Diagnostic],
    files: usize,
    detail: Detail,
) -> std::io::Result<()> {
    use rayon::prelude::*;
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
    let summary = Summary {
        files,
        specs: c.model.items.len(),
        errors: all.iter().filter(|d| d.severity == Severity::Error).count(),
        warnings: all
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        verdicts: counts,
    };
    // Items of the lists are two levels deep: indented as a whole-document print would. A
    // `failed` report prints each item on one line: it is for tools, and a third the size.
    let item = "\n    ";
    let one = |v: &JsonVerdict| match detail {
        Detail::All => pretty_at(v, item),
        Detail::Failed => {
            serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        }
    };
    writeln!(out, "{{")?;
    writeln!(out, "  \"version\": 1,")?;
    writeln!(out, "  \"detail\": \"{}\",", detail.as_str())?;
    write!(out, "  \"diagnostics\": [")?;
    for (i, d) in all.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(
            out,
            "{sep}\n    {}",
            pretty_at(&diagnostic(d, &c.sources), item)
        )?;
    }
    if all.is_empty() {
        writeln!(out, "],")?;
    } else {
        writeln!(out, "\n  ],")?;
    }
    write!(out, "  \"verdicts\": [")?;
    let evaluator = crate::eval::Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let mut first = true;
    for batch in c.verdicts.chunks(BATCH) {
        let texts: Vec<String> = batch
            .par_iter()
            .map(|v| {
                let wanted = detail == Detail::All || v.verdict != Verdict::Met;
                if wanted && v.limitations.is_empty() && !v.chain.is_empty() {
                    let mut x = v.clone();
                    evaluator.explain(&mut x);
                    one(&verdict(&x, c, detail))
                } else {
                    one(&verdict(v, c, detail))
                }
            })
            .collect();
        for t in texts {
            let sep = if first { "" } else { "," };
            first = false;
            write!(out, "{sep}\n    {t}")?;
        }
    }
    if first {
        writeln!(out, "],")?;
    } else {
        writeln!(out, "\n  ],")?;
    }
    writeln!(out, "  \"summary\": {}", pretty_at(&summary, "\n  "))?;
    writeln!(out, "}}")
}

fn pretty_at(v: &impl Serialize, newline: &str) -> String {
    serde_json::to_string_pretty(v)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        .replace('\n', newline)
}
