//! Process windows: one claim's verdict over a grid of one or two spec values, the rest of
//! the spec fixed (`mediac sweep`).
//!
//! Contract: an [`Axis`] names an element kind, one of its properties and a range in a unit
//! (`heat_press.surface_temperature=80..160 °C:0.5`). [`sweep`] finds the one value the spec
//! gives for it (in the subject or an element the subject refers to), replaces it by each
//! grid value, and decides the claim at every point. Blocks of the grid are decided at once
//! (by the claim's compiled form, [`crate::eval::SweepForm`], where it has one: floats with a
//! bound of their rounding error, deciding only clear of every bound; else by the exact
//! evaluator over the block's intervals) and halved where a boundary crosses them; the
//! points the floats leave open are decided by the exact evaluator, with exact rationals, so
//! no point near a boundary is decided by rounding. [`csv`] and [`json`] render the grid in
//! the axes' units.

use crate::compile::Compilation;
use crate::eval::{Evaluator, Verdict};
use crate::model::{NodeId, Val};
use crate::source::{FileId, Span};
use crate::syntax::ast::{UnitExpr, UnitFactor};
use crate::units::{Exact, Interval};
use std::fmt;

pub mod window;
mod window_svg;

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
    /// Whether the claim's compiled form decided the points away from its boundaries
    /// ([`crate::eval::SweepForm`]); else blocks and points were all decided by the exact
    /// evaluator. Either way every point near a boundary is decided exactly.
    pub compiled: bool,
}

/// The grid of the axes, found in the spec and converted to base units.
struct Prepared {
    tx: Target,
    ty: Option<Target>,
    xs: Vec<Exact>,
    ys: Vec<Exact>,
    /// `xs` and `ys` in the model's base units.
    xb: Vec<Exact>,
    yb: Vec<Exact>,
}

fn prepare(
    c: &Compilation,
    subject: NodeId,
    x: &Axis,
    y: Option<&Axis>,
) -> Result<Prepared, SweepError> {
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
    let xb: Vec<Exact> = xs
        .iter()
        .map(|v| base_value(&tx, *v))
        .collect::<Result<_, _>>()?;
    let yb: Vec<Exact> = match &ty {
        Some(t) => ys
            .iter()
            .map(|v| base_value(t, *v))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(Prepared {
        tx,
        ty,
        xs,
        ys,
        xb,
        yb,
    })
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
    let Prepared {
        tx,
        ty,
        xs,
        ys,
        xb,
        yb,
    } = prepare(c, subject, x, y)?;
    let evaluator = Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let axes = Axes {
        x: (tx.span, &xb),
        y: ty.as_ref().map(|t| (t.span, yb.as_slice())),
    };
    let mut whole: Vec<(Span, Interval)> = Vec::with_capacity(2);
    whole.extend(span_of(&xb, 0, xb.len()).map(|i| (tx.span, i)));
    if let Some(t) = &ty {
        whole.extend(span_of(&yb, 0, yb.len()).map(|i| (t.span, i)));
    }
    let form = evaluator.sweep_form(set, claim, subject, &whole);
    let compiled = form.is_some();
    let verdicts = match form {
        Some(form) => refine_compiled(&form, &evaluator, set, claim, subject, &axes),
        None => refine(&evaluator, set, claim, subject, &axes),
    };
    Ok(Grid {
        x: x.clone(),
        y: y.cloned(),
        xs,
        ys,
        verdicts,
        compiled,
    })
}

/// A grid value in the model's base units.
fn base_value(t: &Target, v: Exact) -> Result<Exact, SweepError> {
    t.scale
        .to_base(v, t.difference)
        .map_err(|e| SweepError::Unit {
            axis: String::new(),
            why: format!("a grid value cannot be converted exactly: {e}"),
        })
}

/// The swept values: where each is written, and its grid in base units.
struct Axes<'a> {
    x: (Span, &'a [Exact]),
    y: Option<(Span, &'a [Exact])>,
}

impl Axes<'_> {
    /// The swept values over block `b`: each the interval of the grid values it covers.
    fn fixed(&self, b: &Block) -> Vec<(Span, Interval)> {
        let mut f = Vec::with_capacity(2);
        f.extend(span_of(self.x.1, b.x0, b.x1).map(|i| (self.x.0, i)));
        if let Some((span, ys)) = self.y {
            f.extend(span_of(ys, b.y0, b.y1).map(|i| (span, i)));
        }
        f
    }
}

/// Sets every point of block `b` of a grid `width` points wide to `v`.
fn fill(verdicts: &mut [Verdict], width: usize, b: &Block, v: Verdict) {
    for y in b.y0..b.y1 {
        if let Some(row) = verdicts.get_mut(y * width + b.x0..y * width + b.x1) {
            row.fill(v);
        }
    }
}

/// A block of the grid: x indices `x0..x1`, y indices `y0..y1` (`0..1` for one axis).
#[derive(Clone, Copy)]
struct Block {
    x0: usize,
    x1: usize,
    y0: usize,
    y1: usize,
}

impl Block {
    fn whole(width: usize, height: usize) -> Block {
        Block {
            x0: 0,
            x1: width,
            y0: 0,
            y1: height,
        }
    }

    fn points(&self) -> usize {
        (self.x1 - self.x0) * (self.y1 - self.y0)
    }

    /// The two halves along the longer side.
    fn split(self) -> [Block; 2] {
        if self.x1 - self.x0 >= self.y1 - self.y0 {
            let mid = self.x0 + (self.x1 - self.x0) / 2;
            [Block { x1: mid, ..self }, Block { x0: mid, ..self }]
        } else {
            let mid = self.y0 + (self.y1 - self.y0) / 2;
            [Block { y1: mid, ..self }, Block { y0: mid, ..self }]
        }
    }
}

/// The interval of grid values `from..to` (indices, half-open; the grid may run downwards).
fn span_of(values: &[Exact], from: usize, to: usize) -> Option<Interval> {
    let (lo, hi) = hull(values, from, to)?;
    Interval::new(lo, hi)
}

/// The least and greatest of values `from..to` (indices, half-open; the grid may run
/// downwards).
fn hull<T: Copy + PartialOrd>(values: &[T], from: usize, to: usize) -> Option<(T, T)> {
    let a = *values.get(from)?;
    let b = *values.get(to.checked_sub(1)?)?;
    Some(if a <= b { (a, b) } else { (b, a) })
}

/// The verdict at every grid point, row-major.
///
/// Every point is decided by the exact evaluator, but not one at a time: a block of the grid
/// is evaluated once with each swept value as the interval its block covers, as a toleranced
/// value is. When the claim is *met* (or *not met*) over that whole interval, it is so at each
/// of its points, and the block is filled; otherwise it is halved, down to single points,
/// which are evaluated as written. Only the blocks that a boundary of the window crosses are
/// refined, so the work grows with the length of the boundary, not with the grid's area.
fn refine(
    evaluator: &Evaluator<'_>,
    set: usize,
    claim: u32,
    subject: NodeId,
    axes: &Axes<'_>,
) -> Vec<Verdict> {
    let width = axes.x.1.len();
    let height = axes.y.map_or(1, |(_, ys)| ys.len());
    let mut verdicts = vec![Verdict::Undetermined; width * height];
    let mut pending = vec![Block::whole(width, height)];
    pending.retain(|b| b.points() > 0);
    while !pending.is_empty() {
        let fixed: Vec<Vec<(Span, Interval)>> = pending.iter().map(|b| axes.fixed(b)).collect();
        let results = evaluator.verdicts_at(set, claim, subject, &fixed);
        let mut next = Vec::new();
        for (b, v) in pending.iter().zip(results) {
            let whole = matches!(v, Verdict::Met | Verdict::NotMet);
            if b.points() == 1 || whole {
                fill(&mut verdicts, width, b, v);
            } else {
                next.extend(b.split());
            }
        }
        pending = next;
    }
    verdicts
}

/// [`refine`] with the claim's compiled form: a block is decided by floats where they are
/// clear of every boundary by more than their error (see [`crate::eval::SweepForm`]), else
/// halved; the single points the floats leave open (next to a boundary, or on one) are
/// decided by the exact evaluator, all at once.
fn refine_compiled(
    form: &crate::eval::SweepForm,
    evaluator: &Evaluator<'_>,
    set: usize,
    claim: u32,
    subject: NodeId,
    axes: &Axes<'_>,
) -> Vec<Verdict> {
    let xf: Vec<f64> = axes.x.1.iter().map(|v| v.approx()).collect();
    let yf: Option<Vec<f64>> = axes
        .y
        .map(|(_, ys)| ys.iter().map(|v| v.approx()).collect());
    let width = xf.len();
    let height = yf.as_ref().map_or(1, Vec::len);
    let mut verdicts = vec![Verdict::Undetermined; width * height];
    let mut pending = vec![Block::whole(width, height)];
    let mut open: Vec<Block> = Vec::new();
    while let Some(b) = pending.pop() {
        if b.points() == 0 {
            continue;
        }
        let mut boxes = Vec::with_capacity(2);
        boxes.extend(hull(&xf, b.x0, b.x1));
        if let Some(ys) = &yf {
            boxes.extend(hull(ys, b.y0, b.y1));
        }
        match form.decide(&boxes) {
            Some(v) => fill(&mut verdicts, width, &b, v),
            None if b.points() == 1 => open.push(b),
            None => pending.extend(b.split()),
        }
    }
    let fixed: Vec<Vec<(Span, Interval)>> = open.iter().map(|b| axes.fixed(b)).collect();
    let exact = evaluator.verdicts_at(set, claim, subject, &fixed);
    for (b, v) in open.iter().zip(exact) {
        fill(&mut verdicts, width, b, v);
    }
    verdicts
}

/// Every point evaluated on its own, for tests of [`refine`].
#[doc(hidden)]
pub fn sweep_pointwise(
    c: &Compilation,
    set: usize,
    claim: u32,
    subject: NodeId,
    x: &Axis,
    y: Option<&Axis>,
) -> Result<Vec<Verdict>, SweepError> {
    sweep_exact_at(c, set, claim, subject, x, y, None)
}

/// The points of the grid at the given row-major indices (all when `None`), each evaluated on
/// its own by the exact evaluator, for tests of the compiled form.
#[doc(hidden)]
pub fn sweep_exact_at(
    c: &Compilation,
    set: usize,
    claim: u32,
    subject: NodeId,
    x: &Axis,
    y: Option<&Axis>,
    only: Option<&[usize]>,
) -> Result<Vec<Verdict>, SweepError> {
    let p = prepare(c, subject, x, y)?;
    let width = p.xb.len();
    let height = if p.ty.is_some() { p.yb.len() } else { 1 };
    let all: Vec<usize> = match only {
        Some(o) => o.to_vec(),
        None => (0..width * height).collect(),
    };
    let mut points = Vec::with_capacity(all.len());
    for i in all {
        let (Some(xv), row) = (p.xb.get(i % width.max(1)), i / width.max(1)) else {
            continue;
        };
        let mut f = vec![(p.tx.span, Interval::point(*xv))];
        if let (Some(t), Some(v)) = (&p.ty, p.yb.get(row)) {
            f.push((t.span, Interval::point(*v)));
        }
        points.push(f);
    }
    let evaluator = Evaluator::new(&c.model, &c.sources, &c.claimsets);
    Ok(evaluator.verdicts_at(set, claim, subject, &points))
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
    // Each grid value is formatted once, not once per point.
    let xs: Vec<String> = g.xs.iter().map(|v| fmt(*v)).collect();
    let ys: Vec<String> = g.ys.iter().map(|v| fmt(*v)).collect();
    out.reserve(g.verdicts.len() * 24);
    for (i, v) in g.verdicts.iter().enumerate() {
        let x = xs.get(i % width).map_or("0", String::as_str);
        out.push_str(x);
        out.push(',');
        if let Some(y) = ys.get(i / width) {
            out.push_str(y);
            out.push(',');
        }
        out.push_str(v.as_str());
        out.push('\n');
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
