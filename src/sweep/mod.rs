//! Process windows: one claim's verdict over a grid of one or two spec values, the rest of
//! the spec fixed (`mediac sweep`).
//!
//! Contract: an [`Axis`] names an element kind, one of its properties and a range in a unit
//! (`heat_press.surface_temperature=80..160 °C:0.5`). [`sweep`] finds the one value the spec
//! gives for it (in the subject or an element the subject refers to), replaces it by each
//! grid value, and evaluates the claim with the exact evaluator at every point: the grid
//! values are exact rationals and so is every comparison, so no point near a boundary is
//! decided by rounding. [`csv`] and [`json`] render the grid in the axes' units.

use crate::compile::Compilation;
use crate::eval::{Evaluator, Verdict};
use crate::model::{NodeId, Val};
use crate::source::{FileId, Span};
use crate::syntax::ast::{UnitExpr, UnitFactor};
use crate::units::{Exact, Interval};
use std::fmt;

/// The most grid points one sweep evaluates.
pub const MAX_POINTS: usize = 4_000_000;

/// One swept value: `KIND.PROPERTY=FROM..TO UNIT:STEP`.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub kind: String,
    pub property: String,
    pub from: Exact,
    pub to: Exact,
    pub step: Exact,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SweepError {
    /// The axis text is not `KIND.PROPERTY=FROM..TO UNIT:STEP`.
    Syntax { axis: String, why: String },
    /// No element the subject is or refers to gives the property.
    NotGiven { axis: String, subject: String },
    /// Several do: which one is meant is not clear.
    Ambiguous { axis: String, count: usize },
    /// The unit is unknown, or of another dimension than the property.
    Unit { axis: String, why: String },
    /// More points than [`MAX_POINTS`].
    TooManyPoints { points: u128 },
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepError::Syntax { axis, why } => write!(
                f,
                "`{axis}`: {why}; an axis is KIND.PROPERTY=FROM..TO UNIT:STEP, e.g. heat_press.time=0.05..2 s:0.01"
            ),
            SweepError::NotGiven { axis, subject } => write!(
                f,
                "`{axis}`: {subject} gives no such value (neither it nor an element it refers to): give one in the spec to sweep it"
            ),
            SweepError::Ambiguous { axis, count } => write!(
                f,
                "`{axis}`: {count} elements give this value; sweep a spec where one does"
            ),
            SweepError::Unit { axis, why } => write!(f, "`{axis}`: {why}"),
            SweepError::TooManyPoints { points } => write!(
                f,
                "the grid has {points} points, more than {MAX_POINTS}: use a coarser step"
            ),
        }
    }
}

impl Axis {
    pub fn parse(text: &str) -> Result<Axis, SweepError> {
        let bad = |why: &str| SweepError::Syntax {
            axis: text.to_string(),
            why: why.to_string(),
        };
        let (path, range) = text.split_once('=').ok_or_else(|| bad("no `=`"))?;
        let (kind, property) = path
            .trim()
            .rsplit_once('.')
            .ok_or_else(|| bad("the value is not KIND.PROPERTY"))?;
        let (span_part, step) = range.rsplit_once(':').ok_or_else(|| bad("no `:STEP`"))?;
        let (from, rest) = span_part
            .split_once("..")
            .ok_or_else(|| bad("no `FROM..TO`"))?;
        let rest = rest.trim();
        let cut = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
            .unwrap_or(rest.len());
        let (to, unit) = rest.split_at(cut);
        let number = |s: &str, what: &str| -> Result<Exact, SweepError> {
            match Exact::parse(s.trim()) {
                Some(Ok(x)) => Ok(x),
                _ => Err(bad(&format!("{what} `{}` is not a number", s.trim()))),
            }
        };
        let (from, to, step) = (
            number(from, "FROM")?,
            number(to, "TO")?,
            number(step, "STEP")?,
        );
        if step.is_zero() || step.is_negative() {
            return Err(bad("STEP must be more than 0"));
        }
        if to < from {
            return Err(bad("TO is below FROM"));
        }
        let unit = unit.trim();
        if unit.is_empty() {
            return Err(bad("no unit after TO"));
        }
        Ok(Axis {
            kind: kind.trim().to_string(),
            property: property.trim().to_string(),
            from,
            to,
            step,
            unit: unit.to_string(),
        })
    }

    /// `heat_press.surface_temperature (°C)`
    pub fn label(&self) -> String {
        format!("{}.{} ({})", self.kind, self.property, self.unit)
    }

    /// The grid values, in the axis unit: FROM, FROM + STEP, … up to TO.
    fn values(&self) -> Result<Vec<Exact>, SweepError> {
        let over = || SweepError::TooManyPoints { points: u128::MAX };
        let n = self
            .to
            .sub(self.from)
            .and_then(|d| d.div(self.step))
            .map_err(|_| over())?;
        // floor(n) + 1 points; n is not negative.
        let count = (n.numer() / n.denom()).saturating_add(1);
        if count > MAX_POINTS as i128 {
            return Err(SweepError::TooManyPoints {
                points: count as u128,
            });
        }
        (0..count)
            .map(|i| {
                Exact::int(i as i64)
                    .mul(self.step)
                    .and_then(|d| self.from.add(d))
                    .map_err(|_| over())
            })
            .collect()
    }
}

/// A swept value found in the spec: where it is written, and how the axis unit converts to
/// the model's base units.
struct Target {
    span: Span,
    scale: crate::units::Resolved,
    difference: bool,
}

/// The grid and the verdict at each point, `y` empty for one axis.
pub struct Grid {
    pub x: Axis,
    pub y: Option<Axis>,
    pub xs: Vec<Exact>,
    pub ys: Vec<Exact>,
    /// Row-major: for each y (or once), every x.
    pub verdicts: Vec<Verdict>,
}

/// Evaluates claim `claim` of set `set` for `subject` over the grid of the axes.
pub fn sweep(
    c: &Compilation,
    set: usize,
    claim: u32,
    subject: NodeId,
    x: &Axis,
    y: Option<&Axis>,
) -> Result<Grid, SweepError> {
    let tx = target(c, subject, x)?;
    let ty = y.map(|a| target(c, subject, a)).transpose()?;
    let xs = x.values()?;
    let ys = match y {
        Some(a) => a.values()?,
        None => Vec::new(),
    };
    let total = (xs.len() as u128) * (ys.len().max(1) as u128);
    if total > MAX_POINTS as u128 {
        return Err(SweepError::TooManyPoints { points: total });
    }
    let base = |t: &Target, v: Exact| -> Option<Interval> {
        t.scale.to_base(v, t.difference).ok().map(Interval::point)
    };
    let mut points: Vec<Vec<(Span, Interval)>> = Vec::with_capacity(total as usize);
    let rows: Vec<Option<Exact>> = if ys.is_empty() {
        vec![None]
    } else {
        ys.iter().copied().map(Some).collect()
    };
    for yv in &rows {
        for xv in &xs {
            let mut fixed = Vec::with_capacity(2);
            fixed.extend(base(&tx, *xv).map(|v| (tx.span, v)));
            if let (Some(t), Some(v)) = (&ty, yv) {
                fixed.extend(base(t, *v).map(|v| (t.span, v)));
            }
            points.push(fixed);
        }
    }
    let evaluator = Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let verdicts = evaluator.verdicts_at(set, claim, subject, &points);
    Ok(Grid {
        x: x.clone(),
        y: y.cloned(),
        xs,
        ys,
        verdicts,
    })
}

/// The one value of the axis's property that the subject, or an element it refers to, gives.
fn target(c: &Compilation, subject: NodeId, axis: &Axis) -> Result<Target, SweepError> {
    let m = &c.model;
    let text = || format!("{}.{}", axis.kind, axis.property);
    // The subject's own elements and those of the elements it refers to.
    let mut roots = vec![subject];
    if let Some(n) = m.node(subject) {
        for p in &n.props {
            roots.extend(p.value.targets().iter().copied());
        }
    }
    let mut found: Vec<(Span, crate::units::Quantity)> = Vec::new();
    let mut stack = roots;
    let mut seen: Vec<NodeId> = Vec::new();
    while let Some(id) = stack.pop() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let Some(n) = m.node(id) else { continue };
        stack.extend(n.children.iter().copied());
        if m.schema.kind_name(n.kind) != axis.kind
            && !m
                .schema
                .kind_id(&axis.kind)
                .is_some_and(|k| m.schema.kind_is(n.kind, k))
        {
            continue;
        }
        for p in &n.props {
            if m.schema
                .prop(p.prop)
                .is_some_and(|d| d.name == axis.property)
                && let Val::Quantity(q) = &p.value
            {
                found.push((p.span, *q));
            }
        }
    }
    let (span, q) = match found.as_slice() {
        [] => {
            return Err(SweepError::NotGiven {
                axis: text(),
                subject: m.describe(subject),
            });
        }
        [one] => *one,
        many => {
            return Err(SweepError::Ambiguous {
                axis: text(),
                count: many.len(),
            });
        }
    };
    let at = Span::new(FileId(0), 0, 0);
    let unit = UnitExpr {
        factors: vec![UnitFactor {
            name: axis.unit.clone(),
            power: 1,
            span: at,
        }],
        span: at,
    };
    let scale = m
        .schema
        .units
        .resolve(&unit)
        .map_err(|_| SweepError::Unit {
            axis: text(),
            why: format!("`{}` is not a unit", axis.unit),
        })?;
    if scale.dim != q.dim {
        return Err(SweepError::Unit {
            axis: text(),
            why: format!(
                "`{}` is a unit of {}, the value is a {}",
                axis.unit,
                m.schema.units.describe(scale.dim),
                m.schema.units.describe(q.dim)
            ),
        });
    }
    Ok(Target {
        span,
        difference: !q.is_absolute(),
        scale,
    })
}

/// `x,y,verdict` lines (`x,verdict` for one axis), values in the axes' units.
pub fn csv(g: &Grid) -> String {
    let fmt = |v: Exact| crate::units::table::fmt_exact(v);
    let mut out = match &g.y {
        Some(y) => format!("\"{}\",\"{}\",verdict\n", g.x.label(), y.label()),
        None => format!("\"{}\",verdict\n", g.x.label()),
    };
    let width = g.xs.len().max(1);
    for (i, v) in g.verdicts.iter().enumerate() {
        let x = g.xs.get(i % width).copied().unwrap_or(Exact::ZERO);
        match g.ys.get(i / width) {
            Some(y) => out.push_str(&format!("{},{},{}\n", fmt(x), fmt(*y), v.as_str())),
            None => out.push_str(&format!("{},{}\n", fmt(x), v.as_str())),
        }
    }
    out
}

/// The grid as JSON: the axes, then one `[x, y, verdict]` (or `[x, verdict]`) per point.
pub fn json(g: &Grid) -> String {
    let fmt = |v: Exact| crate::units::table::fmt_exact(v);
    let width = g.xs.len().max(1);
    let points: Vec<serde_json::Value> = g
        .verdicts
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = fmt(g.xs.get(i % width).copied().unwrap_or(Exact::ZERO));
            match g.ys.get(i / width) {
                Some(y) => serde_json::json!([x, fmt(*y), v.as_str()]),
                None => serde_json::json!([x, v.as_str()]),
            }
        })
        .collect();
    let axis = |a: &Axis| serde_json::json!({ "value": format!("{}.{}", a.kind, a.property), "unit": a.unit });
    serde_json::json!({
        "x": axis(&g.x),
        "y": g.y.as_ref().map(axis),
        "points": points,
    })
    .to_string()
}
