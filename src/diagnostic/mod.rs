//! The one diagnostic model: every phase's errors become [`Diagnostic`]s here, and every
//! rendering (human, and the machine formats to come) starts from them.
//!
//! A diagnostic has a stable [`Code`], a severity, a message, labelled spans — possibly in
//! several files, which is why labels carry a full [`Span`] — a help line and notes.

pub mod claims;
mod codes;
mod convert;

pub use codes::Code;

use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The one place the diagnostic is about; others give context.
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// The file a diagnostic without labels is about (an unreadable path, a lock file), so
    /// that tools can still place it.
    pub path: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: show_invisible(message.into()),
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            path: None,
        }
    }

    pub fn primary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: show_invisible(message.into()),
            primary: true,
        });
        self
    }

    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: show_invisible(message.into()),
            primary: false,
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(show_invisible(help.into()));
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Diagnostic {
        self.help = help.map(show_invisible);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(show_invisible(note.into()));
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// The primary label's span (the first label's when none is marked primary).
    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
            .map(|l| l.span)
    }
}

/// The text with every invisible or bidirectional control character written out as `<U+200B>`:
/// a message quoting a name must show how it differs from the name it looks like.
fn show_invisible(text: String) -> String {
    if !text
        .chars()
        .any(|c| crate::syntax::invisible_name(c).is_some())
    {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if crate::syntax::invisible_name(c).is_some() {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}
