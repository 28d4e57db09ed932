//! Hover: on a component, its amounts as given and as derived (coat weight, wt% of the element,
//! the host it is on) and the claim limitations that read it with their verdicts; on a
//! property value, the value in base terms and the limitations that read it; on an intent,
//! the verdict of each claim it names; on a material, unit, element kind or claim set, its
//! declaration (a material with its genus chain).

use super::{At, Failure, at};
use crate::eval::ClaimVerdict;
use crate::model::{Given, MaterialId, Model, Val};
use crate::source::Span;
use crate::units::Temp;
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

pub fn hover(ws: &mut super::Workspace, p: HoverParams) -> Result<Option<Hover>, Failure> {
    let pos = p.text_document_position_params;
    let a = at(ws, &pos.text_document.uri, pos.position)?;
    let text = component(&a)
        .or_else(|| property(&a))
        .or_else(|| intent(&a))
        .or_else(|| named(&a));
    Ok(text.map(|(value, span)| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: a.compiled.location(span).map(|l| l.range),
    }))
}

fn contains(span: Span, a: &At<'_>) -> bool {
    span.file == a.file && (span.start as usize) <= a.offset && a.offset <= span.end as usize
}

fn written(a: &At<'_>, span: Span) -> String {
    a.compiled
        .text(span.file)
        .get(span.start as usize..span.end as usize)
        .unwrap_or_default()
        .to_string()
}

/// "silica → inorganic pigment → coating pigment" (each genus once, nearest first).
pub(super) fn genus_chain(m: &Model, id: MaterialId) -> String {
    let tax = &m.schema.materials;
    let mut out = vec![tax.label(id).to_string()];
    let mut frontier = vec![id];
    let mut seen = vec![id];
    for _ in 0..32 {
        let mut next = Vec::new();
        for f in frontier {
            for p in tax.get(f).map(|x| x.parents.clone()).unwrap_or_default() {
                if !seen.contains(&p) {
                    seen.push(p);
                    next.push(p);
                    out.push(tax.label(p).to_string());
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    out.join(" → ")
}

/// The limitations whose evidence is `span`, with their verdicts.
fn readers(a: &At<'_>, span: Span) -> Vec<String> {
    let c = &a.compiled.c;
    let mut out = Vec::new();
    for v in &c.verdicts {
        for l in &v.limitations {
            if l.judgement.evidence.iter().any(|e| e.span == span) && out.len() < 12 {
                let set = c.claimsets.get(v.set).map_or("?", |s| s.id.as_str());
                let line = format!(
                    "- {set} claim {} {} \"{}\": **{}**",
                    v.claim,
                    l.element_id(),
                    l.words,
                    l.judgement.verdict.words()
                );
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out
}

fn component(a: &At<'_>) -> Option<(String, Span)> {
    let m = &a.compiled.c.model;
    let mut best: Option<(usize, usize, usize)> = None;
    for (n, node) in m.nodes.iter().enumerate() {
        for (i, c) in node.components.iter().enumerate() {
            if contains(c.span, a) {
                let len = (c.span.end - c.span.start) as usize;
                if best.is_none_or(|(_, _, l)| len < l) {
                    best = Some((n, i, len));
                }
            }
        }
    }
    let (n, i, _) = best?;
    let node = m.nodes.get(n)?;
    let c = node.components.get(i)?;
    let units = &m.schema.units;
    let name = m.schema.materials.name(c.material);
    let mut lines = vec![format!(
        "**{name}** in {} — {}",
        m.describe(crate::model::NodeId(u32::try_from(n).ok()?)),
        genus_chain(m, c.material)
    )];
    if let Some(h) = c.host.and_then(|h| node.components.get(h)) {
        lines.push(format!(
            "- on or in: {}",
            m.schema.materials.name(h.material)
        ));
    }
    let given = match &c.given {
        Given::Present => "listed without an amount".to_string(),
        _ => format!("given: `{}`", written(a, c.amount_span)),
    };
    lines.push(format!("- {given}"));
    if let Some(d) = node.composition.as_ref().and_then(|comp| comp.parts.get(i)) {
        let dim = |name: &str| units.dimension(name).map(|d| d.dim);
        match (d.coat_weight, dim("coat_weight")) {
            (Some(cw), Some(dim)) => lines.push(format!(
                "- coat weight: {}{}",
                units.format(dim, Temp::Difference, cw),
                derived(&c.given, matches!(c.given, Given::CoatWeight(_)))
            )),
            _ => lines.push("- coat weight: not known from the spec".into()),
        }
        match (d.mass_fraction, dim("mass_fraction")) {
            (Some(w), Some(dim)) => lines.push(format!(
                "- share of {}: {}{}",
                m.describe(crate::model::NodeId(u32::try_from(n).ok()?)),
                units.format(dim, Temp::Difference, w),
                derived(&c.given, matches!(c.given, Given::MassFraction(_)))
            )),
            _ => lines.push("- wt% of the element: not known from the spec".into()),
        }
        if let Some(total) = node.composition.as_ref().and_then(|comp| comp.total)
            && let Some(dim) = dim("coat_weight")
        {
            lines.push(format!(
                "- the element in all: {}",
                units.format(dim, Temp::Difference, total)
            ));
        }
    }
    let read = readers(a, c.amount_span);
    if !read.is_empty() {
        lines.push(String::new());
        lines.push("Claims that read this amount:".into());
        lines.extend(read);
    }
    Some((lines.join("\n"), c.span))
}

fn derived(_given: &Given, stated: bool) -> &'static str {
    if stated { " (as given)" } else { " (derived)" }
}

fn property(a: &At<'_>) -> Option<(String, Span)> {
    let m = &a.compiled.c.model;
    let found = m.nodes.iter().enumerate().find_map(|(n, node)| {
        node.props
            .iter()
            .find(|p| contains(p.entry_span, a))
            .map(|p| (n, p))
    })?;
    let (n, pv) = found;
    let def = m.schema.prop(pv.prop)?;
    let value = match &pv.value {
        Val::Quantity(q) => m.schema.units.format(q.dim, q.temp, q.value),
        Val::Bool(b) => b.to_string(),
        Val::Text(t) => format!("\"{t}\""),
        Val::Material(id) => m.schema.materials.name(*id).to_string(),
        Val::Choice(c) => c.clone(),
        Val::Ref(t) => m.describe(*t),
        Val::Refs(ts) => ts
            .iter()
            .map(|t| m.describe(*t))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mut lines = vec![
        format!(
            "**{}** of {}: {value}",
            def.label,
            m.describe(crate::model::NodeId(u32::try_from(n).ok()?))
        ),
        format!("- written: `{}`", written(a, pv.span)),
    ];
    let read = readers(a, pv.span);
    if !read.is_empty() {
        lines.push(String::new());
        lines.push("Claims that read this value:".into());
        lines.extend(read);
    }
    Some((lines.join("\n"), pv.entry_span))
}

fn intent(a: &At<'_>) -> Option<(String, Span)> {
    let c = &a.compiled.c;
    let i = c.intents.iter().find(|i| contains(i.span, a))?;
    let set = c.claimsets.get(i.set)?;
    let mut lines = vec![format!(
        "**{}** against {} ({}):",
        c.model.describe(i.subject),
        set.id,
        if i.avoid {
            "must not read on"
        } else {
            "must meet"
        }
    )];
    let verdicts: Vec<&ClaimVerdict> = c
        .verdicts
        .iter()
        .filter(|v| v.subject == i.subject && v.set == i.set && i.claims.contains(&v.claim))
        .collect();
    for v in verdicts {
        lines.push(format!("- claim {}: **{}**", v.claim, v.verdict.words()));
    }
    Some((lines.join("\n"), i.span))
}

fn named(a: &At<'_>) -> Option<(String, Span)> {
    let text = a.compiled.text(a.file);
    let (start, end, word) = super::text::word_at(text, a.offset)?;
    let span = Span::new(a.file, start, end);
    let m = &a.compiled.c.model;
    if let Some(id) = m.schema.materials.lookup(word) {
        let mat = m.schema.materials.get(id)?;
        let mut lines = vec![format!(
            "**{}** (material): {}",
            mat.name,
            genus_chain(m, id)
        )];
        if let Some(mm) = mat.molar_mass {
            lines.push(format!(
                "- molar mass: {} g/mol",
                crate::units::table::fmt_exact(mm)
            ));
        }
        return Some((lines.join("\n"), span));
    }
    if let Some(u) = m.schema.units.unit(word) {
        return Some((
            format!(
                "**{}** (unit of {})",
                u.symbol,
                m.schema.units.describe(u.dim)
            ),
            span,
        ));
    }
    if let Some(k) = m.schema.kind_id(word).and_then(|k| m.schema.kind(k)) {
        return Some((format!("**{}** (element kind): {}", k.name, k.label), span));
    }
    if let Some(set) = a.compiled.c.claimsets.iter().find(|s| s.id == word) {
        return Some((
            format!(
                "**{}** (claim set, {} claims): {}",
                set.id,
                set.claims.len(),
                set.title
            ),
            span,
        ));
    }
    None
}
