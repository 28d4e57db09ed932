//! Phase 4: claim sets × specs → verdicts.
//!
//! Contract: [`evaluate`] decides, for every claim of every claim set and every spec element
//! of the claim's subject kind, whether the element practises the claim. Each limitation is
//! *met* (for every value within the spec's tolerances), *not met* (for none), *partly met*
//! (for some: the window is reported) or *undetermined* (a fact is missing: named). A claim is
//! met when some binding of its variables — through some chain of its parents — meets every
//! limitation; otherwise the best binding (best verdict, then fewest failed limitations) is
//! reported and said to be the one chosen. Boundaries are compared as exact rationals.
//!
//! The search runs without building messages; only the chosen binding is evaluated again with
//! evidence and explanations, so the hot path does not allocate per binding.

mod bind;
mod explain;
mod expr;
mod form;
mod functions;
mod index;
mod judge;
mod open_world;
mod physics;
mod plan;
mod search;
mod window;

pub use form::SweepForm;
pub use judge::{Evidence, Judgement, Missing, Window};
pub use search::{Evaluator, evaluate};
pub use window::Escape;

pub(crate) use expr::Bound;

use crate::model::NodeId;
use crate::source::Span;
use std::fmt;

/// Verdicts. The first four are ordered from worst to best for choosing a binding; a
/// limitation or a binding is always one of them. `Arguable` is a claim's verdict only: the
/// readings of its construction points disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    NotMet,
    Undetermined,
    PartlyMet,
    Met,
    Arguable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::PartlyMet => "partly_met",
            Verdict::Undetermined => "undetermined",
            Verdict::Arguable => "arguable",
        }
    }

    /// For prose: "met", "not met", "partly met", "undetermined".
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not met",
            Verdict::PartlyMet => "partly met",
            Verdict::Undetermined => "undetermined",
            Verdict::Arguable => "arguable",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

/// The evaluation of one limitation (or of a binder written with claim words) for the chosen
/// binding.
#[derive(Debug, Clone)]
pub struct LimitationResult {
    /// The claim the limitation belongs to (a parent's limitations come first).
    pub claim: u32,
    /// Element id within its claim: 0 → `a`, 1 → `b`, …
    pub index: usize,
    pub words: String,
    pub words_span: Span,
    /// The limitation in the claim file.
    pub span: Span,
    pub judgement: Judgement,
}

impl LimitationResult {
    /// `1[c]`
    pub fn element_id(&self) -> String {
        if self.index == usize::MAX {
            // A binder without claim words of its own: not an element of the claim chart.
            return format!("{}[·]", self.claim);
        }
        // a … z, then aa, ab, … (claims with more than 26 elements exist).
        let mut n = self.index;
        let mut letters = Vec::new();
        loop {
            letters.push(char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)));
            if n < 26 {
                break;
            }
            n = n / 26 - 1;
        }
        letters.reverse();
        format!(
            "{}[{}]",
            self.claim,
            letters.into_iter().collect::<String>()
        )
    }
}

/// What a claim variable was bound to.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub var: String,
    /// `layer "top"`, `component polystyrene_latex "PS latex" of layer "top"`, or `nothing`.
    pub value: String,
    pub span: Option<Span>,
}

/// The verdict of one claim for one subject.
#[derive(Debug, Clone)]
pub struct ClaimVerdict {
    /// Index into the claim sets given to [`evaluate`].
    pub set: usize,
    pub claim: u32,
    pub subject: NodeId,
    pub verdict: Verdict,
    /// The chain of claims the verdict was reached through, root first.
    pub chain: Vec<u32>,
    pub bindings: Vec<Binding>,
    /// In chain order, for the chosen binding.
    pub limitations: Vec<LimitationResult>,
    /// Said when no binding met every limitation.
    pub note: Option<String>,
    /// The chosen binding, for [`Evaluator::explain`].
    pub(crate) chosen: Vec<(crate::claims::Sym, Bound)>,
    /// For a partly met verdict: where, within the one uncertain spec value the claim depends
    /// on, all its limitations hold (exact bounds).
    pub window: Option<Window>,
    /// How many complete bindings the search weighed (the note on the chosen one is said only
    /// when there was a choice).
    pub alternatives: usize,
    /// The alternative read for each construction point of the set (by point index).
    pub reading: Vec<usize>,
    /// The construction points the claim uses (through any chain); empty when none.
    pub points: Vec<usize>,
    /// When the claim uses construction points: its verdict under each reading evaluated, the
    /// shown (default or pinned) reading first. `verdict` is `Arguable` when they differ.
    pub by_construction: Vec<ClaimVerdict>,
    /// The construction points the search evaluated (see `Ctx::touched`).
    pub(crate) touched: u64,
    /// The search ran out of its budget before finding a binding that meets every
    /// limitation; the verdict is then undetermined.
    pub(crate) exhausted: bool,
}

impl ClaimVerdict {
    /// `alumina = with_hydrates, about = band`: the reading of the points the claim uses.
    pub fn reading_text(&self, set: &crate::claims::ClaimSet) -> String {
        self.points
            .iter()
            .filter_map(|p| {
                let c = set.constructions.get(*p)?;
                let alt = c.alternatives.get(*self.reading.get(*p)?)?;
                Some(format!("{} = {}", c.name, alt.name))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The points whose alternative alone changes the verdict (the other points as in the
    /// shown reading); when only a combination of points changes it, all the points whose
    /// readings differ between the verdicts.
    pub fn deciding_points(&self) -> Vec<usize> {
        let Some(shown) = self.by_construction.first() else {
            return Vec::new();
        };
        let alone: Vec<usize> = self
            .points
            .iter()
            .copied()
            .filter(|p| {
                self.by_construction.iter().any(|r| {
                    r.verdict != shown.verdict
                        && r.reading
                            .iter()
                            .zip(&shown.reading)
                            .enumerate()
                            .all(|(i, (a, b))| i == *p || a == b)
                })
            })
            .collect();
        if !alone.is_empty() {
            return alone;
        }
        self.points
            .iter()
            .copied()
            .filter(|p| {
                self.by_construction.iter().any(|r| {
                    r.verdict != shown.verdict && r.reading.get(*p) != shown.reading.get(*p)
                })
            })
            .collect()
    }
}
