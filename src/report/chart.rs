//! Claim charts: one row per limitation, in claim order, dependent claims after their parents,
//! as Markdown, self-contained HTML or CSV.

use super::reading::Reader;
use crate::claims::Item;
use crate::compile::Compilation;
use crate::eval::{ClaimVerdict, Verdict};
use crate::model::NodeId;
use crate::source::{SourceMap, Span};

pub struct ChartRow {
    /// `1[c]`
    pub id: String,
    pub words: String,
    pub reading: String,
    pub evidence: Vec<String>,
    pub verdict: Verdict,
    pub margin: String,
    pub message: String,
}

pub struct ChartClaim {
    pub number: u32,
    pub category: &'static str,
    pub parents: Vec<u32>,
    pub verdict: Verdict,
    pub note: Option<String>,
    /// The construction adopted for the rows (`alumina = with_hydrates`); empty when the claim
    /// uses no construction point.
    pub construction: String,
    /// "arguable: depends on alumina (with_hydrates → met, oxide_only → not met)", or every
    /// reading's verdict when they agree.
    pub construction_note: Option<String>,
    pub rows: Vec<ChartRow>,
}

pub struct ClaimChart {
    pub set_id: String,
    pub title: String,
    pub source: String,
    pub subject: String,
    pub date: String,
    pub claims: Vec<ChartClaim>,
}

fn at(span: Span, sources: &SourceMap) -> String {
    match sources.get(span.file) {
        Some(f) => format!("{}:{}", f.name, f.line_col(span.start as usize).0),
        None => String::new(),
    }
}

/// The chart of one subject against a claim set; `only` restricts it to a claim and the
/// claims it depends on. The verdicts must have been explained.
pub fn build(
    c: &Compilation,
    set_index: usize,
    subject: NodeId,
    only: Option<u32>,
    date: &str,
) -> Option<ClaimChart> {
    let set = c.claimsets.get(set_index)?;
    let reader = Reader {
        model: &c.model,
        set,
        sources: &c.sources,
    };
    let wanted: Vec<u32> = match only {
        Some(n) => set.ancestors(n),
        None => set.claims.iter().map(|x| x.number).collect(),
    };
    let verdict_of = |n: u32| -> Option<&ClaimVerdict> {
        c.verdicts
            .iter()
            .find(|v| v.set == set_index && v.claim == n && v.subject == subject)
    };
    let mut claims = Vec::new();
    for n in wanted {
        let (Some(claim), Some(v)) = (set.claim(n), verdict_of(n)) else {
            continue;
        };
        let rows = v
            .limitations
            .iter()
            .filter(|l| l.claim == n)
            .map(|l| {
                let item = claim.items.iter().find(|i| match i {
                    Item::Binder(b) => b.span == l.span,
                    Item::Limitation(x) => x.span == l.span,
                });
                let j = &l.judgement;
                let mut evidence: Vec<String> = j
                    .evidence
                    .iter()
                    .map(|e| format!("{} ({})", e.text, at(e.span, &c.sources)))
                    .collect();
                evidence.extend(
                    j.missing
                        .iter()
                        .map(|m| format!("missing: {} ({})", m.what, at(m.span, &c.sources))),
                );
                let margin = match (&j.window, &j.margin) {
                    (Some(w), _) if j.verdict == Verdict::PartlyMet => format!(
                        "holds for {} in {}",
                        w.what,
                        w.describe(&c.model.schema.units)
                    ),
                    (_, Some(m)) => m.clone(),
                    _ => String::new(),
                };
                ChartRow {
                    id: l.element_id(),
                    words: l.words.clone(),
                    reading: item.map_or_else(String::new, |i| reader.item(i)),
                    evidence,
                    verdict: j.verdict,
                    margin,
                    message: j.message.clone(),
                }
            })
            .collect();
        claims.push(ChartClaim {
            number: n,
            category: claim.category.name(),
            parents: claim.parents.clone(),
            verdict: v.verdict,
            note: v.note.clone(),
            construction: v.reading_text(set),
            construction_note: construction_note(v, set),
            rows,
        });
    }
    Some(ClaimChart {
        set_id: set.id.clone(),
        title: set.title.clone(),
        source: set.source.clone(),
        subject: c.model.describe(subject),
        date: date.to_string(),
        claims,
    })
}

/// The per-claim construction line of a chart.
fn construction_note(v: &ClaimVerdict, set: &crate::claims::ClaimSet) -> Option<String> {
    if v.points.is_empty() {
        return None;
    }
    if v.verdict == Verdict::Arguable {
        let parts: Vec<String> = v
            .deciding_points()
            .iter()
            .filter_map(|p| {
                let c = set.constructions.get(*p)?;
                Some(format!(
                    "{} ({})",
                    c.name,
                    crate::diagnostic::claims::point_verdicts(v, set, *p)
                ))
            })
            .collect();
        return Some(format!(
            "arguable: depends on {}. Rows below: {}.",
            parts.join(" and "),
            v.reading_text(set)
        ));
    }
    if v.by_construction.len() <= 1 {
        return Some(format!(
            "{} under the one reading evaluated (pinned): {}.",
            v.verdict.words(),
            v.reading_text(set)
        ));
    }
    Some(format!(
        "{} under every reading of {}. Rows below: {}.",
        v.verdict.words(),
        v.points
            .iter()
            .filter_map(|p| set.constructions.get(*p).map(|c| c.name.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        v.reading_text(set)
    ))
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

fn claim_heading(cl: &ChartClaim) -> String {
    let parents = if cl.parents.is_empty() {
        String::new()
    } else {
        let ps: Vec<String> = cl.parents.iter().map(u32::to_string).collect();
        format!(", of claim {}", ps.join(", "))
    };
    format!(
        "Claim {} ({}{}): {}",
        cl.number,
        cl.category,
        parents,
        cl.verdict.words()
    )
}

pub fn markdown(ch: &ClaimChart) -> String {
    let mut out = format!(
        "# Claim chart: {}\n\n| | |\n|---|---|\n| Claim set | `{}`: {} |\n| Source | {} |\n| Subject | {} |\n| Date | {} |\n",
        ch.set_id,
        ch.set_id,
        md_cell(&ch.title),
        md_cell(&ch.source),
        md_cell(&ch.subject),
        ch.date
    );
    for cl in &ch.claims {
        out.push_str(&format!("\n## {}\n\n", claim_heading(cl)));
        if let Some(n) = &cl.construction_note {
            out.push_str(&format!("Construction: {}\n\n", md_cell(n)));
        }
        if let Some(n) = &cl.note {
            out.push_str(&format!("{}\n\n", md_cell(n)));
        }
        out.push_str("| Element | Claim words | Reading | Evidence | Verdict | Margin |\n|---|---|---|---|---|---|\n");
        for r in &cl.rows {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                r.id,
                md_cell(&r.words),
                md_cell(&r.reading),
                md_cell(&r.evidence.join("\n")),
                r.verdict.words(),
                md_cell(&r.margin)
            ));
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv(ch: &ClaimChart) -> String {
    let mut out = String::from(
        "claimset,subject,claim,element,words,reading,evidence,verdict,margin,construction\n",
    );
    for cl in &ch.claims {
        for r in &cl.rows {
            let fields = [
                ch.set_id.clone(),
                ch.subject.clone(),
                cl.number.to_string(),
                r.id.clone(),
                r.words.clone(),
                r.reading.clone(),
                r.evidence.join("; "),
                r.verdict.as_str().to_string(),
                r.margin.clone(),
                cl.construction.clone(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Verdicts are told apart by a symbol and a word, and by the cell's border, not by colour
/// alone: the chart reads the same printed in black and white.
fn badge(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Met => ("met", "✔ met"),
        Verdict::NotMet => ("not-met", "✘ not met"),
        Verdict::PartlyMet => ("partly", "◐ partly met"),
        Verdict::Undetermined => ("undetermined", "? undetermined"),
        Verdict::Arguable => ("arguable", "⚖ arguable"),
    }
}

const STYLE: &str = "
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.5em; margin-bottom: .3em; }
h2 { font-size: 1.15em; margin-top: 1.8em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #888; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #eee; }
table.meta { width: auto; }
table.meta th { width: 8em; }
td.id { white-space: nowrap; font-family: ui-monospace, monospace; }
td.verdict { white-space: nowrap; font-weight: 600; }
td.met { background: #e3f4e3; }
td.not-met { background: #fbe0e0; border: 3px double #000; }
td.partly { background: #fff3cd; border: 2px dashed #000; }
td.undetermined { background: #e8e8f4; border: 2px dotted #000; }
h2 span.arguable, td.arguable { background: #f0e4f8; border: 3px double #606; }
.evidence { font-size: .92em; }
.note { font-style: italic; }
.legend span { margin-right: 1.5em; }
@media print {
  body { margin: 1cm; font-size: 10pt; }
  h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
}
";

pub fn html(ch: &ClaimChart) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<title>Claim chart: {} — {}</title>\n",
        esc(&ch.set_id),
        esc(&ch.subject)
    ));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<h1>Claim chart: {}</h1>\n", esc(&ch.set_id)));
    out.push_str("<table class=\"meta\">\n");
    for (k, v) in [
        ("Claim set", format!("{}: {}", ch.set_id, ch.title)),
        ("Source", ch.source.clone()),
        ("Subject", ch.subject.clone()),
        ("Date", ch.date.clone()),
    ] {
        out.push_str(&format!("<tr><th>{k}</th><td>{}</td></tr>\n", esc(&v)));
    }
    out.push_str("</table>\n<p class=\"legend\"><span>✔ met</span><span>✘ not met (double border)</span><span>◐ partly met (dashed)</span><span>? undetermined (dotted)</span><span>⚖ arguable (depends on a construction)</span></p>\n");
    for cl in &ch.claims {
        let (class, label) = badge(cl.verdict);
        out.push_str(&format!(
            "<h2>{} <span class=\"{class}\">{label}</span></h2>\n",
            esc(claim_heading(cl).rsplit_once(": ").map_or("", |(h, _)| h))
        ));
        if let Some(n) = &cl.construction_note {
            out.push_str(&format!("<p class=\"note\">Construction: {}</p>\n", esc(n)));
        }
        if let Some(n) = &cl.note {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(n)));
        }
        out.push_str("<table>\n<tr><th>Element</th><th>Claim words</th><th>Reading</th><th>Evidence</th><th>Verdict</th><th>Margin</th></tr>\n");
        for r in &cl.rows {
            let (class, label) = badge(r.verdict);
            let evidence: Vec<String> = r.evidence.iter().map(|e| esc(e)).collect();
            out.push_str(&format!(
                "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"evidence\">{}</td><td class=\"verdict {class}\" title=\"{}\">{label}</td><td>{}</td></tr>\n",
                esc(&r.id),
                esc(&r.words),
                esc(&r.reading),
                evidence.join("<br>"),
                esc(&r.message),
                esc(&r.margin)
            ));
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
