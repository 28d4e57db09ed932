//! The model phase's errors. Each carries its spans and the text of its help, computed where
//! the error is made; `crate::diagnostic` turns them into diagnostics.

use crate::source::Span;
use crate::units::UnitError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    Unit(UnitError),
    Duplicate {
        what: &'static str,
        name: String,
        span: Span,
        previous: Span,
    },
    UnknownBaseDimension {
        span: Span,
        name: String,
        suggestion: Option<String>,
        /// The formula, when the name is a dimension derived from others.
        derived: Option<String>,
    },
    /// More base dimensions declared than there are slots for.
    TooManyBaseDimensions {
        span: Span,
        name: String,
        declared: Vec<String>,
    },
    UnknownDimension {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    UnknownKind {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    UnknownAmountKind {
        span: Span,
        name: String,
    },
    UnknownMaterial {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    TaxonomyCycle {
        span: Span,
        name: String,
    },
    /// An element kind that is, through its `: KIND` declarations, a sort of itself.
    KindCycle {
        span: Span,
        name: String,
    },
    ZeroUnit {
        span: Span,
        name: String,
    },
    MolarMassMissing {
        span: Span,
        material: String,
    },
    /// An entry head that is neither a property, an element kind nor a material.
    UnknownName {
        span: Span,
        name: String,
        place: String,
        suggestion: Option<String>,
    },
    NotTopLevel {
        span: Span,
        name: String,
        allowed_in: Vec<String>,
    },
    Misplaced {
        span: Span,
        name: String,
        place: String,
        allowed_in: Vec<String>,
    },
    DuplicateName {
        span: Span,
        previous: Span,
        kind: String,
        name: String,
    },
    DuplicateEntry {
        span: Span,
        previous: Span,
        name: String,
        place: String,
    },
    MissingValue {
        span: Span,
        name: String,
        expected: String,
    },
    UnexpectedValue {
        span: Span,
        name: String,
    },
    UnexpectedBody {
        span: Span,
        name: String,
    },
    UnexpectedLabel {
        span: Span,
        name: String,
    },
    WrongValue {
        span: Span,
        name: String,
        expected: String,
        found: String,
        help: String,
    },
    NotAChoice {
        span: Span,
        value: String,
        name: String,
        choices: Vec<String>,
        suggestion: Option<String>,
    },
    NotOfGenus {
        span: Span,
        material: String,
        genus: String,
    },
    UnresolvedRef {
        span: Span,
        name: String,
        kind: String,
        suggestion: Option<String>,
    },
    /// `from "A"` where A is B itself, or a variant of B.
    VariantCycle {
        span: Span,
        name: String,
    },
    AmbiguousRef {
        span: Span,
        name: String,
        kind: String,
        candidates: Vec<Span>,
    },
    Negative {
        span: Span,
        what: String,
        value: String,
    },
    BelowAbsoluteZero {
        span: Span,
        value: String,
    },
    FractionOver100 {
        span: Span,
        value: String,
    },
    AmountNotAllowed {
        span: Span,
        place: String,
        found: String,
        allowed: Vec<String>,
    },
    NoComponents {
        span: Span,
        material: String,
        place: String,
        allowed_in: Vec<String>,
    },
    PhrTarget {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    PhrCycle {
        span: Span,
        name: String,
    },
    PercentSum {
        span: Span,
        parts: Vec<Span>,
        sum: String,
    },
    PartsExceedTotal {
        total: Span,
        total_value: String,
        parts: Vec<Span>,
        sum: String,
    },
    PercentShort {
        span: Span,
        parts: Vec<Span>,
        sum: String,
        missing: String,
    },
    PartsShortOfTotal {
        total: Span,
        total_value: String,
        parts: Vec<Span>,
        sum: String,
        missing: String,
    },
    TooDeep {
        span: Span,
        limit: usize,
    },
    TooManyComponents {
        span: Span,
        limit: usize,
    },
}
