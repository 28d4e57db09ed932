//! The claim phase's errors, with spans and help computed where they are made.

use crate::model::ModelError;
use crate::source::Span;
use crate::units::UnitError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimError {
    /// Unknown kinds and materials, reported as in specs.
    Model(ModelError),
    /// A construction point, `construed` expression or `about` bound that cannot be read.
    Construction {
        span: Span,
        message: String,
        help: String,
    },
    Unit(UnitError),
    DuplicateClaimSet {
        span: Span,
        previous: Span,
        id: String,
    },
    DuplicateClaim {
        span: Span,
        previous: Span,
        number: u32,
    },
    UnknownCategory {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    BadParent {
        span: Span,
        number: u32,
        claim: u32,
        reason: String,
    },
    UnknownVariable {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    DuplicateVariable {
        span: Span,
        previous: Span,
        name: String,
    },
    BadBinder {
        span: Span,
        message: String,
        help: String,
    },
    UnknownProperty {
        span: Span,
        kind: String,
        name: String,
        suggestion: Option<String>,
    },
    UnknownFunction {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    Arity {
        span: Span,
        func: String,
        expected: String,
    },
    WrongType {
        span: Span,
        expected: String,
        found: String,
        help: String,
    },
    NotAChoice {
        span: Span,
        value: String,
        choices: Vec<String>,
        suggestion: Option<String>,
    },
    SubjectMissing {
        span: Span,
        claim: u32,
        kind: String,
    },
    UnknownClaimSet {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    UnknownClaim {
        span: Span,
        set: String,
        number: u32,
    },
    UnknownSubject {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    AmbiguousSubject {
        span: Span,
        name: String,
        kinds: Vec<String>,
    },
    SubjectKind {
        span: Span,
        subject: String,
        kind: String,
        claim: u32,
        wants: String,
    },
}
