//! Typed quantities and the evaluation of written values.
//!
//! [`eval_spread`] turns a written value (`18 g/m2`, `130 °C ± 2 °C`, `0.4 .. 0.6 s`,
//! `(120 °C − 100 °C) × 0.2 s`) into a [`Quantity`]: a dimension, a temperature reading and an
//! interval in base units. Every combination the units do not allow is a [`UnitError`] that
//! names both sides.
//!
//! Temperatures are affine. A lone `°C`/`°F` literal is an absolute temperature; a lone `K`
//! literal is absolute or a difference as its use requires ([`Temp::Either`]); anything else
//! with a temperature in it (`K·s`, a tolerance's half-width) is a difference.

use super::table::{UnitTable, fmt_exact};
use super::{ArithError, Dim, Interval};
use crate::source::Span;
use crate::syntax::ast::{BinOp, Expr, Quantity as Literal, Spread, UnitExpr};

/// How a temperature-dimensioned quantity is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temp {
    /// A point on the temperature scale (stored in kelvin).
    Absolute,
    /// A difference between two points (in kelvin).
    Difference,
    /// A lone kelvin literal, which can serve as either.
    Either,
}

/// A value with its type. For dimensions other than temperature `temp` is always
/// [`Temp::Difference`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub dim: Dim,
    pub temp: Temp,
    pub value: Interval,
}

impl Quantity {
    pub fn new(dim: Dim, temp: Temp, value: Interval) -> Quantity {
        let temp = if dim.is_temperature() {
            temp
        } else {
            Temp::Difference
        };
        Quantity { dim, temp, value }
    }

    pub fn is_absolute(&self) -> bool {
        self.dim.is_temperature() && self.temp == Temp::Absolute
    }
}

/// The deepest expression evaluated. The parser's nesting limit keeps real input far below.
const MAX_EVAL_DEPTH: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    UnknownUnit {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    /// `a + b` or `a .. b` whose sides have different dimensions.
    Mismatch {
        span: Span,
        op: &'static str,
        left: (Span, String),
        right: (Span, String),
    },
    AbsoluteSum {
        span: Span,
        left: Span,
        right: Span,
    },
    AbsoluteScaled {
        span: Span,
        operand: Span,
        op: &'static str,
    },
    AbsoluteNegated {
        span: Span,
    },
    DifferenceMinusAbsolute {
        span: Span,
        right: Span,
    },
    Arith {
        span: Span,
        error: ArithError,
    },
    NegativeTolerance {
        span: Span,
        value: String,
    },
    ReversedRange {
        span: Span,
        low: (Span, String),
        high: (Span, String),
    },
    /// A value whose type is not the one declared for where it stands.
    WrongType {
        span: Span,
        expected: String,
        found: String,
        help: String,
    },
    /// A bare number where a dimensioned quantity is required.
    BareNumber {
        span: Span,
        expected: String,
        help: String,
    },
    TooDeep {
        span: Span,
    },
}

impl UnitError {
    pub fn span(&self) -> Span {
        match self {
            UnitError::UnknownUnit { span, .. }
            | UnitError::Mismatch { span, .. }
            | UnitError::AbsoluteSum { span, .. }
            | UnitError::AbsoluteScaled { span, .. }
            | UnitError::AbsoluteNegated { span }
            | UnitError::DifferenceMinusAbsolute { span, .. }
            | UnitError::Arith { span, .. }
            | UnitError::NegativeTolerance { span, .. }
            | UnitError::ReversedRange { span, .. }
            | UnitError::WrongType { span, .. }
            | UnitError::BareNumber { span, .. }
            | UnitError::TooDeep { span } => *span,
        }
    }
}

struct Eval<'t> {
    table: &'t UnitTable,
}

/// Evaluates a written value: exact, `x ± d` or `a .. b`.
pub fn eval_spread(spread: &Spread, table: &UnitTable) -> Result<Quantity, UnitError> {
    let ev = Eval { table };
    match spread {
        Spread::Exact(e) => ev.expr(e, None, false, 0),
        Spread::Tolerance(x, d) => {
            let xq = ev.expr(x, literal_unit(d), false, 0)?;
            let dq = ev.expr(d, literal_unit(x), true, 0)?;
            let span = x.span().to(d.span());
            if xq.dim != dq.dim {
                return Err(ev.mismatch(span, "±", (x.span(), &xq), (d.span(), &dq)));
            }
            if dq.is_absolute() {
                return Err(UnitError::AbsoluteSum {
                    span,
                    left: x.span(),
                    right: d.span(),
                });
            }
            if dq.value.lo.is_negative() {
                return Err(UnitError::NegativeTolerance {
                    span: d.span(),
                    value: table.format(dq.dim, dq.temp, dq.value),
                });
            }
            let arith = |e| UnitError::Arith { span, error: e };
            let value = Interval {
                lo: xq.value.lo.sub(dq.value.hi).map_err(arith)?,
                hi: xq.value.hi.add(dq.value.hi).map_err(arith)?,
            };
            Ok(Quantity::new(xq.dim, xq.temp, value))
        }
        Spread::Range(a, b) => {
            let aq = ev.expr(a, literal_unit(b), false, 0)?;
            let bq = ev.expr(b, literal_unit(a), false, 0)?;
            let span = a.span().to(b.span());
            let temp = match unify(&aq, &bq) {
                Some(t) => t,
                None => return Err(ev.mismatch(span, "..", (a.span(), &aq), (b.span(), &bq))),
            };
            let Some(value) = Interval::new(aq.value.lo, bq.value.hi) else {
                return Err(UnitError::ReversedRange {
                    span,
                    low: (a.span(), table.format(aq.dim, temp, aq.value)),
                    high: (b.span(), table.format(bq.dim, temp, bq.value)),
                });
            };
            Ok(Quantity::new(aq.dim, temp, value))
        }
    }
}

/// The common type of two quantities that may stand side by side (as the ends of a range or
/// two sides of a comparison); `None` when they differ in dimension or in temperature reading.
pub fn unify(a: &Quantity, b: &Quantity) -> Option<Temp> {
    if a.dim != b.dim {
        return None;
    }
    use Temp::*;
    match (a.temp, b.temp) {
        (x, y) if x == y => Some(x),
        (Either, t) | (t, Either) => Some(t),
        _ => None,
    }
}

/// The unit of a plain literal (`2 °C`, `-5 °C`), for `130 ± 2 °C` and `0.4 .. 0.6 s`.
fn literal_unit(e: &Expr) -> Option<&UnitExpr> {
    match e {
        Expr::Quantity(q) => q.unit.as_ref(),
        Expr::Neg(inner, _) => literal_unit(inner),
        _ => None,
    }
}

/// Checks a value against the type declared for its place, settling a lone kelvin to the
/// reading the place wants.
pub fn expect_type(
    q: Quantity,
    dim: Dim,
    temp: Temp,
    span: Span,
    table: &UnitTable,
) -> Result<Quantity, UnitError> {
    let expected = table.describe_type(dim, temp);
    if q.dim != dim {
        let example = table.display_unit(dim).map(|u| u.symbol.clone());
        if q.dim.is_none() {
            let help = match example {
                Some(u) => format!("give the unit: `{} {u}`", fmt_exact(q.value.lo)),
                None => format!("give a unit of {}", table.describe(dim)),
            };
            return Err(UnitError::BareNumber {
                span,
                expected,
                help,
            });
        }
        let help = match example {
            Some(u) => format!("this place takes {expected}, e.g. a value in {u}"),
            None => format!("this place takes {expected}"),
        };
        let found = table.describe_type(q.dim, q.temp);
        return Err(UnitError::WrongType {
            span,
            expected,
            found,
            help,
        });
    }
    if !dim.is_temperature() {
        return Ok(q);
    }
    match (temp, q.temp) {
        (Temp::Absolute, Temp::Absolute | Temp::Either) => Ok(Quantity { temp: Temp::Absolute, ..q }),
        (Temp::Difference, Temp::Difference | Temp::Either) => Ok(Quantity { temp: Temp::Difference, ..q }),
        (Temp::Either, _) => Ok(q),
        (Temp::Absolute, _) => Err(UnitError::WrongType {
            span,
            expected,
            found: table.describe_type(q.dim, q.temp),
            help: "a temperature difference is not a temperature: give the temperature itself, e.g. `130 °C`".into(),
        }),
        (Temp::Difference, _) => Err(UnitError::WrongType {
            span,
            expected,
            found: table.describe_type(q.dim, q.temp),
            help: "a difference of Celsius degrees is written in kelvin: `5 K`, not `5 °C`".into(),
        }),
    }
}

impl Eval<'_> {
    fn mismatch(
        &self,
        span: Span,
        op: &'static str,
        l: (Span, &Quantity),
        r: (Span, &Quantity),
    ) -> UnitError {
        UnitError::Mismatch {
            span,
            op,
            left: (l.0, self.table.describe_type(l.1.dim, l.1.temp)),
            right: (r.0, self.table.describe_type(r.1.dim, r.1.temp)),
        }
    }

    fn literal(
        &self,
        q: &Literal,
        negate: bool,
        inherit: Option<&UnitExpr>,
        as_difference: bool,
    ) -> Result<Quantity, UnitError> {
        let n = if negate {
            q.number.value.neg()
        } else {
            q.number.value
        };
        let arith = |e| UnitError::Arith {
            span: q.span,
            error: e,
        };
        let Some(unit) = q.unit.as_ref().or(inherit) else {
            return Ok(Quantity::new(
                Dim::NONE,
                Temp::Difference,
                Interval::point(n),
            ));
        };
        let r = self.table.resolve(unit)?;
        let temp = if as_difference {
            Temp::Difference
        } else {
            r.temp()
        };
        let v = r.to_base(n, as_difference).map_err(arith)?;
        Ok(Quantity::new(r.dim, temp, Interval::point(v)))
    }

    fn expr(
        &self,
        e: &Expr,
        inherit: Option<&UnitExpr>,
        as_difference: bool,
        depth: usize,
    ) -> Result<Quantity, UnitError> {
        if depth > MAX_EVAL_DEPTH {
            return Err(UnitError::TooDeep { span: e.span() });
        }
        match e {
            Expr::Quantity(q) => self.literal(q, false, inherit, as_difference),
            Expr::Neg(inner, span) => {
                if let Expr::Quantity(q) = inner.as_ref() {
                    return self.literal(q, true, inherit, as_difference);
                }
                let q = self.expr(inner, None, as_difference, depth + 1)?;
                if q.is_absolute() {
                    return Err(UnitError::AbsoluteNegated { span: *span });
                }
                Ok(Quantity {
                    value: q.value.neg(),
                    ..q
                })
            }
            Expr::Paren(inner, _) => self.expr(inner, None, as_difference, depth + 1),
            Expr::Binary(l, op, r, span) => {
                let a = self.expr(l, None, as_difference, depth + 1)?;
                let b = self.expr(r, None, as_difference, depth + 1)?;
                binary(self.table, (&a, l.span()), *op, (&b, r.span()), *span)
            }
        }
    }
}

/// One arithmetic step on typed intervals; shared by the spec side and claim expressions.
pub fn binary(
    table: &UnitTable,
    (a, la): (&Quantity, Span),
    op: BinOp,
    (b, rb): (&Quantity, Span),
    span: Span,
) -> Result<Quantity, UnitError> {
    use Temp::*;
    let arith = |e| UnitError::Arith { span, error: e };
    match op {
        BinOp::Add | BinOp::Sub => {
            if a.dim != b.dim {
                return Err(UnitError::Mismatch {
                    span,
                    op: op.symbol(),
                    left: (la, table.describe_type(a.dim, a.temp)),
                    right: (rb, table.describe_type(b.dim, b.temp)),
                });
            }
            let temp = if !a.dim.is_temperature() {
                Difference
            } else {
                match (op, a.temp, b.temp) {
                    (BinOp::Add, Absolute, Absolute) => {
                        return Err(UnitError::AbsoluteSum {
                            span,
                            left: la,
                            right: rb,
                        });
                    }
                    (BinOp::Add, Absolute, _) | (BinOp::Add, _, Absolute) => Absolute,
                    (BinOp::Sub, Absolute, Absolute) | (BinOp::Sub, Either, Absolute) => Difference,
                    (BinOp::Sub, Absolute, _) => Absolute,
                    (BinOp::Sub, Difference, Absolute) => {
                        return Err(UnitError::DifferenceMinusAbsolute { span, right: rb });
                    }
                    (_, Either, Either) => Either,
                    _ => Difference,
                }
            };
            let value = if op == BinOp::Add {
                a.value.add(b.value)
            } else {
                a.value.sub(b.value)
            };
            Ok(Quantity::new(a.dim, temp, value.map_err(arith)?))
        }
        BinOp::Mul | BinOp::Div => {
            for (q, s) in [(a, la), (b, rb)] {
                if q.is_absolute() {
                    return Err(UnitError::AbsoluteScaled {
                        span,
                        operand: s,
                        op: op.symbol(),
                    });
                }
            }
            let (dim, value) = if op == BinOp::Mul {
                (a.dim.mul(b.dim), a.value.mul(b.value))
            } else {
                (a.dim.div(b.dim), a.value.div(b.value))
            };
            // Scaling a temperature yields a difference: `2 * 300 K` is never an absolute
            // temperature (that would scale a point of the scale).
            let temp = Difference;
            Ok(Quantity::new(dim, temp, value.map_err(arith)?))
        }
    }
}
