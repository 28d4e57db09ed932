//! Judgements: the verdict of a condition with its explanation, and the comparison rules.

use super::Verdict;
use crate::source::Span;
use crate::syntax::ast::CmpOp;
use crate::units::table::approx3;
use crate::units::{Dim, Exact, Interval, Temp, UnitTable};

/// A fact the spec does not state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub what: String,
    /// Where it would be stated (the element that lacks it).
    pub span: Span,
    /// Missing only because an earlier binder of the claim found nothing: a consequence of
    /// that failure, not a fact of its own.
    pub unbound: bool,
}

/// A spec value a limitation read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub span: Span,
    pub text: String,
}

/// Where, within the spec's tolerance, a partly met condition holds: a sub-range of one spec
/// value (`leaf`) when the condition depends on a single uncertain value, else of the compared
/// expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub leaf: Option<Span>,
    pub what: String,
    pub dim: Dim,
    pub temp: Temp,
    pub lo: Exact,
    pub lo_open: bool,
    pub hi: Exact,
    pub hi_open: bool,
}

impl Window {
    pub fn intersect(&self, o: &Window) -> Option<Window> {
        let (lo, lo_open) = match self.lo.cmp(&o.lo) {
            std::cmp::Ordering::Less => (o.lo, o.lo_open),
            std::cmp::Ordering::Greater => (self.lo, self.lo_open),
            std::cmp::Ordering::Equal => (self.lo, self.lo_open || o.lo_open),
        };
        let (hi, hi_open) = match self.hi.cmp(&o.hi) {
            std::cmp::Ordering::Less => (self.hi, self.hi_open),
            std::cmp::Ordering::Greater => (o.hi, o.hi_open),
            std::cmp::Ordering::Equal => (self.hi, self.hi_open || o.hi_open),
        };
        let empty = lo > hi || (lo == hi && (lo_open || hi_open));
        (!empty).then(|| Window {
            lo,
            lo_open,
            hi,
            hi_open,
            ..self.clone()
        })
    }

    /// `(130, 132] °C`
    pub fn describe(&self, units: &UnitTable) -> String {
        let lo = units.format(self.dim, self.temp, Interval::point(self.lo));
        let hi = units.format(self.dim, self.temp, Interval::point(self.hi));
        // Print the unit once, after the bracket.
        let (lo_num, unit) = split_unit(&lo);
        let (hi_num, _) = split_unit(&hi);
        format!(
            "{}{lo_num}, {hi_num}{}{unit}",
            if self.lo_open { "(" } else { "[" },
            if self.hi_open { ")" } else { "]" }
        )
    }
}

fn split_unit(s: &str) -> (&str, String) {
    // Values print as "<number>[ (≈ …)][ unit]"; the unit is what follows the last number.
    match s.rfind(|c: char| c.is_ascii_digit() || c == ')') {
        Some(i) => {
            let (num, unit) = s.split_at(i + 1);
            (num, unit.to_string())
        }
        None => (s, String::new()),
    }
}

/// The verdict of a condition, and in detail mode why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    /// One sentence: "… is above the upper bound 45:55 (≈ 0.818) by ≈ 0.102".
    pub message: String,
    /// The value that was compared, as shown.
    pub value: Option<String>,
    /// The bound it was compared with, as written in the claim.
    pub bound: Option<String>,
    /// Signed distance to the nearest bound: positive inside, negative outside.
    pub margin: Option<String>,
    /// Boxed: a window is rare (partly met only) and a judgement is moved often.
    pub window: Option<Box<Window>>,
    pub missing: Vec<Missing>,
    pub evidence: Vec<Evidence>,
    /// Each quantity sub-expression of the limitation (as written) and its value, innermost
    /// first.
    pub trace: Vec<(String, String)>,
    /// For a met limitation of a claim the spec reads on: the smallest change of one value
    /// that makes it fail.
    pub escape: Option<Box<super::window::Escape>>,
}

/// The verdict and window of two conditions that must both hold: the lower verdict, except
/// that two partly met conditions on the same spec value hold together only where their
/// windows overlap (else not met). The one rule for limitations and for a binding's whole
/// set of limitations.
pub fn and_verdicts(
    a: (Verdict, Option<&Window>),
    b: (Verdict, Option<&Window>),
) -> (Verdict, Option<Box<Window>>) {
    let verdict = a.0.min(b.0);
    if a.0 == Verdict::PartlyMet && b.0 == Verdict::PartlyMet {
        match (a.1, b.1) {
            (Some(x), Some(y)) if x.leaf.is_some() && x.leaf == y.leaf => match x.intersect(y) {
                Some(w) => (verdict, Some(Box::new(w))),
                None => (Verdict::NotMet, None),
            },
            (Some(x), _) => (verdict, Some(Box::new(x.clone()))),
            (None, y) => (verdict, y.cloned().map(Box::new)),
        }
    } else if verdict == Verdict::PartlyMet {
        (verdict, a.1.or(b.1).cloned().map(Box::new))
    } else {
        (verdict, None)
    }
}

impl Judgement {
    pub fn new(verdict: Verdict) -> Judgement {
        Judgement {
            verdict,
            message: String::new(),
            value: None,
            bound: None,
            margin: None,
            window: None,
            missing: Vec::new(),
            evidence: Vec::new(),
            trace: Vec::new(),
            escape: None,
        }
    }

    pub fn of(met: bool) -> Judgement {
        Judgement::new(if met { Verdict::Met } else { Verdict::NotMet })
    }

    pub fn say(mut self, message: impl Into<String>) -> Judgement {
        self.message = message.into();
        self
    }

    /// `a and b`: not met dominates, then undetermined, then partly met. Windows on the same
    /// spec value intersect; an empty intersection means no value within the tolerance meets
    /// both, which is not met.
    pub fn and(self, o: Judgement) -> Judgement {
        let (verdict, window) = and_verdicts(
            (self.verdict, self.window.as_deref()),
            (o.verdict, o.window.as_deref()),
        );
        let mut message = join(&self.message, &o.message);
        if verdict == Verdict::NotMet
            && self.verdict == Verdict::PartlyMet
            && o.verdict == Verdict::PartlyMet
            && let Some(a) = &self.window
        {
            message = join(
                &message,
                &format!("no value of {} within its tolerance meets both", a.what),
            );
        }
        self.merge(o, verdict, message, window)
    }

    /// The judgement of two combined: their facts together, with the combined verdict.
    fn merge(
        self,
        o: Judgement,
        verdict: Verdict,
        message: String,
        window: Option<Box<Window>>,
    ) -> Judgement {
        let mut missing = self.missing;
        missing.extend(o.missing);
        let mut evidence = self.evidence;
        evidence.extend(o.evidence);
        let mut trace = self.trace;
        trace.extend(o.trace);
        Judgement {
            verdict,
            message,
            value: None,
            bound: None,
            margin: None,
            window,
            missing,
            evidence,
            trace,
            escape: None,
        }
    }

    /// `a or b`: met dominates, then partly met, then undetermined.
    pub fn or(self, o: Judgement) -> Judgement {
        let verdict = self.verdict.max(o.verdict);
        let message = join(&self.message, &o.message);
        let window = if verdict == Verdict::PartlyMet {
            self.window.clone().or_else(|| o.window.clone())
        } else {
            None
        };
        self.merge(o, verdict, message, window)
    }

    pub fn negate(mut self) -> Judgement {
        self.verdict = match self.verdict {
            Verdict::Met => Verdict::NotMet,
            Verdict::NotMet => Verdict::Met,
            v => v,
        };
        // The window of the negation is the complement: not one interval; drop it.
        self.window = None;
        if !self.message.is_empty() {
            self.message = format!("not ({})", self.message);
        }
        self
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}; {b}"),
    }
}

/// The verdict of `x op y` over intervals.
pub fn compare(x: Interval, op: CmpOp, y: Interval) -> Verdict {
    use Verdict::*;
    let (met, not) = match op {
        CmpOp::Gt => (x.lo > y.hi, x.hi <= y.lo),
        CmpOp::Ge => (x.lo >= y.hi, x.hi < y.lo),
        CmpOp::Lt => (x.hi < y.lo, x.lo >= y.hi),
        CmpOp::Le => (x.hi <= y.lo, x.lo > y.hi),
        CmpOp::Eq => (
            x.is_point() && y.is_point() && x.lo == y.lo,
            !x.intersects(&y),
        ),
        CmpOp::Ne => (
            !x.intersects(&y),
            x.is_point() && y.is_point() && x.lo == y.lo,
        ),
    };
    if met {
        Met
    } else if not {
        NotMet
    } else {
        PartlyMet
    }
}

/// Whether a point satisfies `v op b` exactly.
pub fn holds(v: Exact, op: CmpOp, b: Exact) -> bool {
    match op {
        CmpOp::Gt => v > b,
        CmpOp::Ge => v >= b,
        CmpOp::Lt => v < b,
        CmpOp::Le => v <= b,
        CmpOp::Eq => v == b,
        CmpOp::Ne => v != b,
    }
}

/// The part of `[x.lo, x.hi]` where `v op b` holds, for a point `b`.
pub fn window_on(x: Interval, op: CmpOp, b: Exact) -> Option<(Exact, bool, Exact, bool)> {
    let (lo, lo_open, hi, hi_open) = match op {
        CmpOp::Gt => (b.max(x.lo), b >= x.lo, x.hi, false),
        CmpOp::Ge => (b.max(x.lo), false, x.hi, false),
        CmpOp::Lt => (x.lo, false, b.min(x.hi), b <= x.hi),
        CmpOp::Le => (x.lo, false, b.min(x.hi), false),
        CmpOp::Eq => (b, false, b, false),
        CmpOp::Ne => return None,
    };
    let empty = lo > hi || (lo == hi && (lo_open || hi_open));
    (!empty).then_some((lo, lo_open, hi, hi_open))
}

/// A distance for messages: exact when short, else three significant digits.
pub fn fmt_distance(units: &UnitTable, dim: Dim, d: Exact) -> String {
    let shown = units.format(dim, Temp::Difference, Interval::point(d));
    if shown.contains('≈') {
        // "28/275 (≈ 0.102) unit" → "≈ 0.102 unit"
        let unit = shown.rsplit_once(')').map_or("", |(_, u)| u);
        let scaled = units
            .display_unit(dim)
            .and_then(|u| u.from_base(d, true).ok())
            .unwrap_or(d);
        format!("≈ {}{unit}", approx3(scaled))
    } else {
        shown
    }
}
