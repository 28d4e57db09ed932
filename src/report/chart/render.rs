//! The chart as Markdown, CSV and self-contained, printable HTML.

use super::{ChartClaim, ClaimChart};
use crate::eval::Verdict;

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
    let mut out = String::new();
    if let Some(h) = &ch.header {
        out.push_str(&format!("**{}**\n\n", md_cell(h)));
    }
    out.push_str(&format!(
        "# Claim chart: {}\n\n| | |\n|---|---|\n| Patent | {} |\n| Title | {} |\n| Claim set | `{}` |\n| Claim text | {} |\n| Subject | {} |\n| Date | {} |\n",
        ch.set_id,
        md_cell(ch.patent.as_deref().unwrap_or("not stated in the claim set")),
        md_cell(&ch.title),
        ch.set_id,
        md_cell(&ch.source),
        md_cell(&ch.subject),
        ch.date
    ));
    out.push_str("\n## Summary\n\n| Claim |");
    for s in &ch.summary.subjects {
        out.push_str(&format!(" {} |", md_cell(s)));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(ch.summary.subjects.len()));
    out.push('\n');
    for r in &ch.summary.rows {
        out.push_str(&format!("| {} |", md_cell(&summary_label(r))));
        for v in &r.verdicts {
            out.push_str(&format!(" {} |", v.map_or("—", Verdict::words)));
        }
        out.push('\n');
    }
    for cl in &ch.claims {
        out.push_str(&format!("\n## {}\n\n", claim_heading(cl)));
        if let Some(t) = &cl.text {
            out.push_str(&format!("> {}\n\n", md_cell(t)));
        }
        if let Some(n) = &cl.construction_note {
            out.push_str(&format!("Construction: {}\n\n", md_cell(n)));
        }
        if let Some(n) = &cl.note {
            out.push_str(&format!("{}\n\n", md_cell(n)));
        }
        out.push_str("| Element | Claim words | Construction adopted | Evidence | Verdict and reason | Margin | Notes |\n|---|---|---|---|---|---|---|\n");
        for r in &cl.rows {
            out.push_str(&format!(
                "| {} | {} | {} | {} | **{}**: {} | {} | {} |\n",
                r.id,
                md_cell(&r.words),
                md_cell(&r.reading),
                md_cell(&r.evidence.join("\n")),
                r.verdict.words(),
                md_cell(&r.message),
                md_cell(&r.margin),
                md_cell(&r.note)
            ));
        }
    }
    out.push_str("\n## Provenance\n\n| | |\n|---|---|\n");
    for (k, v) in &ch.provenance {
        out.push_str(&format!("| {} | {} |\n", md_cell(k), md_cell(v)));
    }
    out
}

/// "1 (medium)", and for a dependent claim "└ 2 (of 1)" indented by its depth.
fn summary_label(r: &super::SummaryRow) -> String {
    if r.parents.is_empty() {
        return format!("{} ({})", r.number, r.category);
    }
    let of: Vec<String> = r.parents.iter().map(u32::to_string).collect();
    format!(
        "{}└ {} (of {})",
        "\u{a0}\u{a0}\u{a0}".repeat(r.depth.saturating_sub(1)),
        r.number,
        of.join(", ")
    )
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
        "claimset,subject,claim,element,words,reading,evidence,verdict,margin,construction,reason,note\n",
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
                r.message.clone(),
                r.note.clone(),
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
.header { font-weight: 700; text-align: center; border: 2px solid #000; padding: .3em; }
h1 { font-size: 1.5em; margin-bottom: .3em; }
h2 { font-size: 1.15em; margin-top: 1.8em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; table-layout: fixed; }
th, td { border: 1px solid #888; padding: .35em .5em; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #eee; overflow-wrap: normal; }
thead { display: table-header-group; }
table.meta, table.summary { width: auto; table-layout: auto; }
table.meta th { width: 8em; }
table.summary td.v { white-space: nowrap; }
col.id { width: 5em; } col.words { width: 16%; } col.reading { width: 21%; } col.evidence { width: 22%; }
col.verdict { width: 19%; } col.margin { width: 9%; } col.note { width: 9%; }
td.id { white-space: nowrap; font-family: ui-monospace, monospace; }
td.verdict .v { font-weight: 600; white-space: nowrap; display: block; }
td.verdict .why { font-size: .88em; }
.met { background: #e3f4e3; }
.not-met { background: #fbe0e0; border: 3px double #000; }
.partly { background: #fff3cd; border: 2px dashed #000; }
.undetermined { background: #e8e8f4; border: 2px dotted #000; }
.arguable { background: #f0e4f8; border: 3px double #606; }
blockquote { margin: .5em 0 .8em; padding: .3em .8em; border-left: 4px solid #999; background: #f7f7f7; }
.evidence { font-size: .92em; }
.note { font-style: italic; }
.legend span { margin-right: 1.5em; }
.provenance { font-size: .85em; }
figure.window { break-inside: avoid; margin: .5em 0 1.5em; }
figure.window svg { max-width: 100%; height: auto; }
figcaption { font-size: .85em; font-style: italic; }
.provenance td { font-family: ui-monospace, monospace; }
@page { margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  h2 { break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
}
";

fn summary_html(ch: &ClaimChart) -> String {
    let mut out =
        String::from("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>Claim</th>");
    for s in &ch.summary.subjects {
        out.push_str(&format!("<th>{}</th>", esc(s)));
    }
    out.push_str("</tr></thead>\n");
    for r in &ch.summary.rows {
        out.push_str(&format!("<tr><td>{}</td>", esc(&summary_label(r))));
        for v in &r.verdicts {
            match v {
                Some(v) => {
                    let (class, label) = badge(*v);
                    out.push_str(&format!("<td class=\"v {class}\">{label}</td>"));
                }
                None => out.push_str("<td class=\"v\">—</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

pub fn html(ch: &ClaimChart) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<title>Claim chart: {} — {}</title>\n",
        esc(&ch.set_id),
        esc(&ch.subject)
    ));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    if let Some(h) = &ch.header {
        out.push_str(&format!("<p class=\"header\">{}</p>\n", esc(h)));
    }
    out.push_str(&format!("<h1>Claim chart: {}</h1>\n", esc(&ch.set_id)));
    out.push_str("<table class=\"meta\">\n");
    for (k, v) in [
        (
            "Patent",
            ch.patent
                .clone()
                .unwrap_or_else(|| "not stated in the claim set".into()),
        ),
        ("Title", ch.title.clone()),
        ("Claim set", ch.set_id.clone()),
        ("Claim text", ch.source.clone()),
        ("Subject", ch.subject.clone()),
        ("Date", ch.date.clone()),
    ] {
        out.push_str(&format!("<tr><th>{k}</th><td>{}</td></tr>\n", esc(&v)));
    }
    out.push_str("</table>\n<p class=\"legend\"><span>✔ met</span><span>✘ not met (double border)</span><span>◐ partly met (dashed)</span><span>? undetermined (dotted)</span><span>⚖ arguable (depends on a construction)</span></p>\n");
    out.push_str(&summary_html(ch));
    for cl in &ch.claims {
        let (class, label) = badge(cl.verdict);
        out.push_str(&format!(
            "<h2>{} <span class=\"{class}\">{label}</span></h2>\n",
            esc(claim_heading(cl).rsplit_once(": ").map_or("", |(h, _)| h))
        ));
        if let Some(t) = &cl.text {
            out.push_str(&format!("<blockquote>{}</blockquote>\n", esc(t)));
        }
        if let Some(n) = &cl.construction_note {
            out.push_str(&format!("<p class=\"note\">Construction: {}</p>\n", esc(n)));
        }
        if let Some(n) = &cl.note {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(n)));
        }
        out.push_str("<table>\n<colgroup><col class=\"id\"><col class=\"words\"><col class=\"reading\"><col class=\"evidence\"><col class=\"verdict\"><col class=\"margin\"><col class=\"note\"></colgroup>\n<thead><tr><th>Element</th><th>Claim words</th><th>Construction adopted</th><th>Evidence</th><th>Verdict and reason</th><th>Margin</th><th>Notes</th></tr></thead>\n");
        for r in &cl.rows {
            let (class, label) = badge(r.verdict);
            let evidence: Vec<String> = r.evidence.iter().map(|e| esc(e)).collect();
            out.push_str(&format!(
                "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"evidence\">{}</td><td class=\"verdict {class}\"><span class=\"v\">{label}</span><span class=\"why\">{}</span></td><td>{}</td><td class=\"note\">{}</td></tr>\n",
                esc(&r.id),
                esc(&r.words),
                esc(&r.reading),
                evidence.join("<br>"),
                esc(&r.message),
                esc(&r.margin),
                esc(&r.note)
            ));
        }
        out.push_str("</table>\n");
        if let Some(svg) = &cl.window {
            out.push_str("<figure class=\"window\">\n");
            out.push_str(svg);
            out.push_str("<figcaption>Process window: where the claim is met in the plane of two of the values it reads, the rest of the spec fixed (exact boundaries; strict bounds dashed).</figcaption>\n</figure>\n");
        }
    }
    out.push_str("<h2>Provenance</h2>\n<table class=\"meta provenance\">\n");
    for (k, v) in &ch.provenance {
        out.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            esc(k),
            esc(v)
        ));
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}
