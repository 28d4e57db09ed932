//! `mediac explain`: one claim for one subject, limitation by limitation, with the value of
//! every sub-expression beneath it (power-assertion style), the binding chosen, the
//! conversions applied and, for a partly met limitation, where it holds.

use super::reading::Reader;
use crate::claims::Item;
use crate::compile::Compilation;
use crate::eval::{ClaimVerdict, Verdict};
use crate::source::{SourceMap, Span, one_line};
use std::fmt::Write;

fn at(span: Span, sources: &SourceMap) -> String {
    match sources.get(span.file) {
        Some(f) => {
            let (l, c) = f.line_col(span.start as usize);
            format!("{}:{l}:{c}", f.name)
        }
        None => String::new(),
    }
}

/// Renders an explained verdict; for a claim with construction points, the shown reading in
/// full, then each other reading with the limitations whose verdict it changes.
pub fn render(c: &Compilation, v: &ClaimVerdict) -> String {
    let mut out = render_reading(c, v);
    let Some(set) = c.claimsets.get(v.set) else {
        return out;
    };
    if v.points.is_empty() {
        return out;
    }
    let shown = v.by_construction.first();
    for r in v.by_construction.iter().skip(1) {
        let _ = writeln!(
            out,
            "\nunder {}: {}",
            r.reading_text(set),
            r.verdict.words()
        );
        let mut same = 0usize;
        for l in &r.limitations {
            let before = shown.and_then(|s| {
                s.limitations
                    .iter()
                    .find(|x| x.claim == l.claim && x.index == l.index)
            });
            if before.is_some_and(|b| {
                b.judgement.verdict == l.judgement.verdict
                    && b.judgement.message == l.judgement.message
            }) {
                same += 1;
                continue;
            }
            let _ = writeln!(
                out,
                "  {} {} — \"{}\"\n    ⇒ {}",
                l.element_id(),
                l.judgement.verdict.words(),
                l.words,
                l.judgement.message
            );
        }
        if same > 0 {
            let _ = writeln!(out, "  (the other {same} limitations as above)");
        }
    }
    out
}

fn render_reading(c: &Compilation, v: &ClaimVerdict) -> String {
    let mut out = String::new();
    let Some(set) = c.claimsets.get(v.set) else {
        return out;
    };
    let reader = Reader {
        model: &c.model,
        set,
        sources: &c.sources,
        plain: false,
    };
    let category = set.claim(v.claim).map_or("?", |x| x.category.name());
    let _ = writeln!(
        out,
        "{} claim {} ({category}) for {}: {}",
        set.id,
        v.claim,
        c.model.describe(v.subject),
        v.verdict.words()
    );
    if !v.points.is_empty() {
        let _ = writeln!(out, "  construction: {} (shown below)", v.reading_text(set));
        if v.verdict == Verdict::Arguable {
            for p in v.deciding_points() {
                if let Some(cn) = set.constructions.get(p) {
                    let _ = writeln!(
                        out,
                        "  arguable: depends on {} ({})",
                        cn.name,
                        crate::diagnostic::claims::point_verdicts(v, set, p)
                    );
                }
            }
        }
    }
    if v.chain.len() > 1 {
        let chain: Vec<String> = v.chain.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "  read through claims {}", chain.join(" → "));
    }
    if !v.bindings.is_empty() {
        let b: Vec<String> = v
            .bindings
            .iter()
            .map(|b| format!("{} = {}", b.var, b.value))
            .collect();
        let _ = writeln!(out, "  binding: {}", b.join(", "));
    }
    if let Some(n) = &v.note {
        let _ = writeln!(out, "  note: {n}");
    }
    for l in &v.limitations {
        let j = &l.judgement;
        let _ = writeln!(
            out,
            "\n{} {} — \"{}\"",
            l.element_id(),
            j.verdict.words(),
            l.words
        );
        let item = set.claim(l.claim).and_then(|cl| {
            cl.items.iter().find(|i| match i {
                Item::Binder(b) => b.span == l.span,
                Item::Limitation(x) => x.span == l.span,
            })
        });
        if let Some(item) = item {
            let written = match item {
                Item::Binder(b) => c.sources.slice(b.span),
                Item::Limitation(x) => c.sources.slice(x.expr.span()),
            };
            let _ = writeln!(out, "    {}", one_line(written));
            let _ = writeln!(out, "    reads: {}", reader.item(item));
        }
        // Innermost sub-expressions first, each with its value.
        for (expr, value) in &j.trace {
            let _ = writeln!(out, "    │ {expr} = {value}");
        }
        if !j.message.is_empty() {
            let _ = writeln!(out, "    ⇒ {}", j.message);
        }
        if j.verdict == Verdict::PartlyMet
            && let Some(w) = &j.window
        {
            let _ = writeln!(
                out,
                "    holds for {} in {}",
                w.what,
                w.describe(&c.model.schema.units)
            );
        }
        for e in &j.evidence {
            let _ = writeln!(out, "    from {} ({})", e.text, at(e.span, &c.sources));
        }
        for m in &j.missing {
            let _ = writeln!(out, "    missing: {} ({})", m.what, at(m.span, &c.sources));
        }
    }
    out
}
