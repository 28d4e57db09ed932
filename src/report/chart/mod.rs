//! Claim charts: what an IP team hands to counsel. The patent's identity and each claim's
//! full text; a summary of claims × subjects; per limitation a row with the claim words, the
//! construction adopted in plain words (no variable letters), the evidence (the spec value, and
//! for a row that is not met the value that breaks it), the verdict with its reason in visible
//! text, the margin with its unit, and the claim set's note; a provenance footer (mediac's
//! version, the SHA-256 of every file the chart rests on). As Markdown, CSV or printable HTML
//! ([`render`]).

mod render;
pub use render::{csv, html, markdown};

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
    /// Why the verdict, in plain words: "the mass ratio … = 7/3 is at the upper bound 7:3,
    /// which the claim excludes".
    pub message: String,
    /// The claim set's `note "…"` for the limitation.
    pub note: String,
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
    /// The claim's full text, from the claim text the set names (when it can be read).
    pub text: Option<String>,
    /// The process window of the claim (SVG), when its own limitations compare two values
    /// the spec states of its elements (see [`ClaimChart::attach_windows`]).
    pub window: Option<String>,
    pub rows: Vec<ChartRow>,
}

/// One claim of the summary: its verdict for each subject, indented under its parent.
pub struct SummaryRow {
    pub number: u32,
    /// How many first parents up to an independent claim.
    pub depth: usize,
    pub parents: Vec<u32>,
    pub category: &'static str,
    /// Parallel to [`Summary::subjects`]; `None` where the claim does not read on the subject's
    /// kind.
    pub verdicts: Vec<Option<Verdict>>,
}

/// Claims × subjects → verdicts, for every subject of the compilation the set reads on.
pub struct Summary {
    pub subjects: Vec<String>,
    pub rows: Vec<SummaryRow>,
}

pub struct ClaimChart {
    pub set_id: String,
    pub title: String,
    pub source: String,
    /// The publication number, when the claim set states it (`patent "…"`).
    pub patent: Option<String>,
    pub subject: String,
    pub date: String,
    /// A line printed above everything ("Privileged & Confidential — …").
    pub header: Option<String>,
    pub summary: Summary,
    pub claims: Vec<ChartClaim>,
    /// (what, value): mediac's version, and the SHA-256 of each file the chart rests on.
    pub provenance: Vec<(String, String)>,
}

impl ClaimChart {
    /// Quotes each claim in full from the claim text the set encodes.
    pub fn attach_claim_text(&mut self, name: &str, text: &str) {
        let claims = crate::analysis::claim_text::split_claims(text);
        for cl in &mut self.claims {
            cl.text = claims
                .iter()
                .find(|c| c.number == cl.number)
                .map(|c| plain_tex(&c.text.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
        self.provenance
            .push((format!("claim text {name}"), sha256(text.as_bytes())));
    }
}

impl ClaimChart {
    /// Draws, for each claim whose own limitations read two or more quantities the spec
    /// states of its elements, the window of the first two (`mediac window`, exact
    /// boundaries), for the HTML chart.
    pub fn attach_windows(&mut self, c: &Compilation, set_index: usize, subject: NodeId) {
        use crate::sweep::window;
        for cl in &mut self.claims {
            let Some(v) = c
                .verdicts
                .iter()
                .find(|v| v.set == set_index && v.claim == cl.number && v.subject == subject)
            else {
                continue;
            };
            let mut axes: Vec<String> = Vec::new();
            for l in v.limitations.iter().filter(|l| l.claim == cl.number) {
                for e in &l.judgement.evidence {
                    let found = c.model.nodes.iter().find_map(|n| {
                        n.props.iter().find(|p| p.span == e.span).and_then(|p| {
                            matches!(p.value, crate::model::Val::Quantity(_)).then(|| {
                                let kind = c.model.schema.kind_name(n.kind);
                                let name =
                                    c.model.schema.prop(p.prop).map_or("", |d| d.name.as_str());
                                format!("{kind}.{name}")
                            })
                        })
                    });
                    if let Some(a) = found
                        && !axes.contains(&a)
                    {
                        axes.push(a);
                    }
                }
            }
            let [x, y, ..] = axes.as_slice() else {
                continue;
            };
            let drawn = window::axis(c, subject, x)
                .and_then(|xa| Ok((xa, window::axis(c, subject, y)?)))
                .and_then(|(xa, ya)| {
                    window::region(c, set_index, cl.number, subject, &xa, &ya, 60)
                });
            if let Ok(mut r) = drawn {
                r.title = format!("Claim {}: where {} meets it", cl.number, self.subject);
                cl.window = Some(window::svg(&r));
            }
        }
    }
}

/// A claim text with its TeX markup written out for reading: `$$(T - T_g) \times t > 6$$` →
/// `(T - T_g) × t > 6`, `$^{\circ}\text{C}$` → `°C`.
fn plain_tex(s: &str) -> String {
    let s = s
        .replace("^{\\circ}", "°")
        .replace("\\times", "×")
        .replace("\\cdot", "·")
        .replace("\\leq", "≤")
        .replace("\\geq", "≥")
        .replace("\\le", "≤")
        .replace("\\ge", "≥");
    let mut out = String::with_capacity(s.len());
    // `\text{…}`: the braces of the command go, what they hold stays.
    let mut open_text = 0usize;
    let mut rest = s.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("\\text{") {
            open_text += 1;
            rest = after;
            continue;
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        match c {
            '$' => {}
            '}' if open_text > 0 => open_text -= 1,
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::from("SHA-256 ");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
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
        plain: true,
    };
    let claim_of = |n: u32| set.claim(n);
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
                // A fact missing only because an earlier binder found nothing is that binder's
                // row's to tell.
                evidence.extend(
                    j.missing
                        .iter()
                        .filter(|m| !m.unbound)
                        .map(|m| format!("missing: {} ({})", m.what, at(m.span, &c.sources))),
                );
                // The claim set's note, then the notes of the spec elements the evidence is in.
                let mut notes: Vec<String> = claim_of(n)
                    .and_then(|cl| cl.notes.iter().find(|(s, _)| *s == l.span))
                    .map(|(_, t)| t.clone())
                    .into_iter()
                    .collect();
                for e in &j.evidence {
                    for t in spec_notes(&c.model, e.span) {
                        if !notes.contains(t) {
                            notes.push(t.clone());
                        }
                    }
                }
                let note = notes.join("; ");
                let message = match item {
                    Some(Item::Limitation(x)) => {
                        plain_message(&reader, &c.sources, &x.expr, &j.message)
                    }
                    // "U is layer "upper"" → "the upper layer is layer "upper"".
                    Some(Item::Binder(b)) => match j
                        .message
                        .strip_prefix(&format!("{} is ", set.symbol(b.var)))
                    {
                        Some(rest) => format!("{} is {rest}", reader.var(b.var)),
                        None => j.message.clone(),
                    },
                    None => j.message.clone(),
                };
                let message = plain_symbols(&reader, set, &plain_unbound(&reader, set, &message));
                let evidence: Vec<String> = evidence
                    .iter()
                    .map(|e| plain_symbols(&reader, set, e))
                    .collect();
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
                    message,
                    note,
                }
            })
            .collect();
        claims.push(ChartClaim {
            number: n,
            category: claim.category.name(),
            parents: claim.parents.clone(),
            verdict: v.verdict,
            note: v
                .note
                .as_deref()
                .map(|n| plain_binding_note(&reader, set, n)),
            construction: v.reading_text(set),
            construction_note: construction_note(v, set),
            text: None,
            window: None,
            rows,
        });
    }
    Some(ClaimChart {
        set_id: set.id.clone(),
        title: set.title.clone(),
        source: set.source.clone(),
        patent: set.patent.clone(),
        subject: c.model.describe(subject),
        date: date.to_string(),
        header: None,
        summary: summary(c, set_index),
        claims,
        provenance: provenance(c, set),
    })
}

/// "nothing is bound to `T`" → "nothing was found for the treatment solution (see the row that
/// introduces it)".
fn plain_unbound(reader: &Reader<'_>, set: &crate::claims::ClaimSet, message: &str) -> String {
    let Some((before, rest)) = message.split_once("nothing is bound to `") else {
        return message.to_string();
    };
    let Some((name, after)) = rest.split_once('`') else {
        return message.to_string();
    };
    let Some(i) = set.symbols.iter().position(|s| s == name) else {
        return message.to_string();
    };
    let var = reader.var(crate::claims::Sym(u32::try_from(i).unwrap_or(u32::MAX)));
    let before = before.trim_start_matches("undetermined: ");
    format!(
        "undetermined: {before}nothing was found for {var} (see the row that introduces it){after}"
    )
}

/// Every `` `X` `` that names a variable of the set, in plain words: "nothing is known of the
/// process, so neither is the apply".
fn plain_symbols(reader: &Reader<'_>, set: &crate::claims::ClaimSet, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    let mut i = 0;
    while let Some(inside) = rest.get(i) {
        let after = rest.get(i + 1);
        match (set.symbols.iter().position(|s| s == inside), after) {
            (Some(n), Some(after)) => {
                out.push_str(&reader.var(crate::claims::Sym(u32::try_from(n).unwrap_or(u32::MAX))));
                out.push_str(after);
                i += 2;
            }
            _ => {
                out.push('`');
                out.push_str(inside);
                i += 1;
            }
        }
    }
    out
}

/// "…: M = medium "X", P = nothing" → "…: the medium = medium "X", the process = not found".
fn plain_binding_note(reader: &Reader<'_>, set: &crate::claims::ClaimSet, note: &str) -> String {
    let Some((head, pairs)) = note.split_once(": ") else {
        return note.to_string();
    };
    let plain: Vec<String> = pairs
        .split(", ")
        .map(|pair| match pair.split_once(" = ") {
            Some((name, value)) => match set.symbols.iter().position(|s| s == name) {
                Some(i) => {
                    let var = reader.var(crate::claims::Sym(u32::try_from(i).unwrap_or(u32::MAX)));
                    let value = if value == "nothing" {
                        "not found"
                    } else {
                        value
                    };
                    format!("{var} = {value}")
                }
                None => pair.to_string(),
            },
            None => pair.to_string(),
        })
        .collect();
    format!("{head}: {}", plain.join(", "))
}

/// The `note "…"` entries of the innermost spec element that holds `span`.
fn spec_notes(m: &crate::model::Model, span: Span) -> &[String] {
    m.nodes
        .iter()
        .filter(|n| {
            n.span.file == span.file && n.span.start <= span.start && span.end <= n.span.end
        })
        .min_by_key(|n| n.span.end - n.span.start)
        .map_or(&[], |n| n.notes.as_slice())
}

/// The verdict's reason with the compared expression as the claim set writes it
/// (`ratio(U, inorganic_pigment, …)`) replaced by its plain reading.
fn plain_message(
    reader: &Reader<'_>,
    sources: &SourceMap,
    e: &crate::claims::Ex,
    message: &str,
) -> String {
    use crate::claims::Ex;
    let lhs = match e {
        Ex::Cmp(l, _, _, _) => l,
        Ex::InInterval { value, .. } => value,
        _ => return message.to_string(),
    };
    let raw = sources.one_line(lhs.span());
    if raw.trim().is_empty() {
        return message.to_string();
    }
    message.replacen(raw.trim(), &reader.expr(lhs), 1)
}

/// Every claim of the set × every subject with a verdict of the set.
fn summary(c: &Compilation, set_index: usize) -> Summary {
    let Some(set) = c.claimsets.get(set_index) else {
        return Summary {
            subjects: Vec::new(),
            rows: Vec::new(),
        };
    };
    let mut subjects: Vec<NodeId> = Vec::new();
    for v in c.verdicts.iter().filter(|v| v.set == set_index) {
        if !subjects.contains(&v.subject) {
            subjects.push(v.subject);
        }
    }
    let depth = |n: u32| {
        let mut d = 0;
        let mut cur = n;
        while let Some(p) = set.claim(cur).and_then(|x| x.parents.first().copied()) {
            d += 1;
            cur = p;
            if d > 64 {
                break;
            }
        }
        d
    };
    let rows = set
        .claims
        .iter()
        .map(|cl| SummaryRow {
            number: cl.number,
            depth: depth(cl.number),
            parents: cl.parents.clone(),
            category: cl.category.name(),
            verdicts: subjects
                .iter()
                .map(|s| {
                    c.verdicts
                        .iter()
                        .find(|v| v.set == set_index && v.claim == cl.number && v.subject == *s)
                        .map(|v| v.verdict)
                })
                .collect(),
        })
        .collect();
    Summary {
        subjects: subjects.iter().map(|s| c.model.describe(*s)).collect(),
        rows,
    }
}

/// mediac's version and the SHA-256 of the claim-set file and of every spec file.
fn provenance(c: &Compilation, set: &crate::claims::ClaimSet) -> Vec<(String, String)> {
    let mut out = vec![("mediac".to_string(), env!("CARGO_PKG_VERSION").to_string())];
    if let Some(f) = c.sources.get(set.span.file) {
        out.push((format!("claim set {}", f.name), sha256(f.text.as_bytes())));
    }
    for (id, f) in c.sources.files() {
        if id == set.span.file || f.name.starts_with('<') {
            continue;
        }
        out.push((format!("spec {}", f.name), sha256(f.text.as_bytes())));
    }
    out
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
