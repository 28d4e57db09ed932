//! Comparisons of claim expressions: which types compare, with which operators, and how a
//! bound (an `about` bound included) is lowered on each side. A bare number against a
//! dimensioned quantity is an error whose help writes the number in the other side's unit.

use super::Ex;
use super::error::ClaimError;
use super::lower::{Env, Lower, Ty, describe_ty as describe};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::ast::{CExpr, CmpOp};
use crate::units::{Exact, Interval, Quantity, Temp, UnitError, unify};

impl Lower<'_> {
    /// Two quantity types that may be compared; a bare number against a dimensioned quantity
    /// is an error whose help writes the number in the other side's unit.
    pub(super) fn comparable(
        &self,
        a: &Ty,
        a_span: Span,
        b: &Ty,
        b_span: Span,
    ) -> Result<(), ClaimError> {
        let (Ty::Q(ad, at), Ty::Q(bd, bt)) = (a, b) else {
            let bad = if matches!(a, Ty::Q(..)) {
                (b_span, b)
            } else {
                (a_span, a)
            };
            return Err(self.not_quantity(bad.0, bad.1));
        };
        let units = &self.model.schema.units;
        let one = Interval::point(Exact::ONE);
        if unify(&Quantity::new(*ad, *at, one), &Quantity::new(*bd, *bt, one)).is_some() {
            return Ok(());
        }
        let (bare, other, other_temp) = if bd.is_none() {
            (b_span, *ad, *at)
        } else if ad.is_none() {
            (a_span, *bd, *bt)
        } else {
            return Err(ClaimError::WrongType {
                span: b_span,
                expected: units.describe_type(*ad, *at),
                found: units.describe_type(*bd, *bt),
                help: "both sides of a comparison must have the same dimension".into(),
            });
        };
        let ratio = units
            .dimension("mass_ratio")
            .is_some_and(|d| d.dim == other);
        let help = if ratio {
            "write a mass ratio as `a:b`, e.g. `45:55`".to_string()
        } else {
            let unit = if other.is_temperature() && other_temp != Temp::Absolute {
                Some("K".to_string())
            } else {
                units.display_unit(other).map(|u| u.symbol.clone())
            };
            match unit {
                Some(u) => format!("give the number the unit of the other side: `… {u}`"),
                None => format!("give the number a unit of {}", units.describe(other)),
            }
        };
        Err(ClaimError::Unit(UnitError::BareNumber {
            span: bare,
            expected: units.describe_type(other, other_temp),
            help,
        }))
    }

    pub(super) fn compare(
        &mut self,
        l: &CExpr,
        op: CmpOp,
        r: &CExpr,
        span: Span,
        env: &Env,
    ) -> Result<(Ex, Ty), ClaimError> {
        let (le, lt) = self.expr(l, env)?;
        let eq_only = |this: &Self| -> Result<(), ClaimError> {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                Ok(())
            } else {
                Err(ClaimError::WrongType {
                    span,
                    expected: "`==` or `!=`".into(),
                    found: format!("`{}`", op.symbol()),
                    help: format!("{} have no order", describe(this.model, &lt)),
                })
            }
        };
        match &lt {
            Ty::Choice(choices) => {
                eq_only(self)?;
                let CExpr::Name(id) = r else {
                    return Err(ClaimError::WrongType {
                        span: r.span(),
                        expected: format!("one of {}", choices.join(", ")),
                        found: "an expression".into(),
                        help: "compare a choice with one of its values".into(),
                    });
                };
                if !choices.contains(&id.name) {
                    return Err(ClaimError::NotAChoice {
                        span: id.span,
                        value: id.name.clone(),
                        choices: choices.clone(),
                        suggestion: closest(&id.name, choices.iter().map(String::as_str))
                            .map(str::to_string),
                    });
                }
                Ok((
                    Ex::Cmp(
                        Box::new(le),
                        op,
                        Box::new(Ex::Choice(id.name.clone(), id.span)),
                        span,
                    ),
                    Ty::Bool,
                ))
            }
            Ty::Node(k) => {
                eq_only(self)?;
                let k = *k;
                let (re, rt) = self.expr(r, env)?;
                match rt {
                    Ty::Node(rk)
                        if self.model.schema.kind_is(rk, k) || self.model.schema.kind_is(k, rk) =>
                    {
                        Ok((
                            Ex::NodeEq {
                                a: Box::new(le),
                                b: Box::new(re),
                                equal: op == CmpOp::Eq,
                                span,
                            },
                            Ty::Bool,
                        ))
                    }
                    Ty::Nodes(_) => Err(ClaimError::WrongType {
                        span: r.span(),
                        expected: "one element".into(),
                        found: describe(self.model, &rt),
                        help: "test membership in a list with `in`: `HR in B.houses`".into(),
                    }),
                    other => Err(ClaimError::WrongType {
                        span: r.span(),
                        expected: format!("a {}", self.model.schema.kind_name(k)),
                        found: describe(self.model, &other),
                        help: "only elements of the same kind can be the same element".into(),
                    }),
                }
            }
            Ty::Bool => {
                eq_only(self)?;
                let (re, rt) = self.expr(r, env)?;
                if rt != Ty::Bool {
                    return Err(ClaimError::WrongType {
                        span: r.span(),
                        expected: "`true` or `false`".into(),
                        found: describe(self.model, &rt),
                        help: "compare a yes/no property with `true` or `false`".into(),
                    });
                }
                Ok((Ex::Cmp(Box::new(le), op, Box::new(re), span), Ty::Bool))
            }
            Ty::Q(..) => {
                let (re, rt) = match (r, op) {
                    (CExpr::About { .. }, CmpOp::Eq | CmpOp::Ne) => {
                        return Err(ClaimError::Construction {
                            span: r.span(),
                            message: "`about` widens a bound, and `==` and `!=` have none".into(),
                            help: "write the range: `X in [about 4 µm, about 6 µm]`".into(),
                        });
                    }
                    (_, CmpOp::Gt | CmpOp::Ge) => self.bound(r, env, true)?,
                    _ => self.bound(r, env, false)?,
                };
                self.comparable(&lt, l.span(), &rt, r.span())?;
                Ok((Ex::Cmp(Box::new(le), op, Box::new(re), span), Ty::Bool))
            }
            other => Err(ClaimError::WrongType {
                span: l.span(),
                expected: "a quantity, choice, truth value or element".into(),
                found: describe(self.model, other),
                help: "materials are tested with `is`: `X.covering is silicone_resin`".into(),
            }),
        }
    }
}
