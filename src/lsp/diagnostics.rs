//! Diagnostics for the editor: every diagnostic of the compilation, in the file of its
//! primary label, with its other labels as related information; and the set of files to
//! publish (including those whose problems are gone, to clear them).

use super::workspace::Compiled;
use crate::diagnostic::{Diagnostic, Severity};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Uri,
};
use std::collections::BTreeMap;

/// Per URI, the diagnostics to publish (every file of the workspace gets an entry, empty when
/// it has no problem).
pub fn by_file(compiled: &Compiled) -> BTreeMap<String, (Uri, Vec<lsp_types::Diagnostic>)> {
    let mut out: BTreeMap<String, (Uri, Vec<lsp_types::Diagnostic>)> = BTreeMap::new();
    for (f, uri) in &compiled.uris {
        if compiled.shipped.contains(f) {
            continue;
        }
        out.entry(uri.as_str().to_string())
            .or_insert_with(|| (uri.clone(), Vec::new()));
    }
    for d in &compiled.c.diagnostics {
        let Some(span) = d.primary_span() else {
            continue;
        };
        let Some(loc) = compiled.location(span) else {
            continue;
        };
        let entry = out
            .entry(loc.uri.as_str().to_string())
            .or_insert_with(|| (loc.uri.clone(), Vec::new()));
        entry.1.push(convert(d, loc.range, compiled));
    }
    out
}

pub fn convert(
    d: &Diagnostic,
    range: lsp_types::Range,
    compiled: &Compiled,
) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        // The per-spec verdict summaries are many: shown as hints, not as problems.
        Severity::Note if d.code.as_str() == "media::verdict::summary" => DiagnosticSeverity::HINT,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(primary) = d.labels.iter().find(|l| l.primary)
        && !primary.message.is_empty()
        && !message.contains(&primary.message)
    {
        message.push_str(&format!(" ({})", primary.message));
    }
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    for n in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(n);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: compiled.location(l.span)?,
                message: l.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: None,
        source: Some("mediac".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn params(
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams::new(uri, diagnostics, version)
}
