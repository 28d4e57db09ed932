//! Lowering of the built-in functions of claim expressions: argument shapes and result types.

use super::error::ClaimError;
use super::lower::{Env, Lower, Ty};
use super::{Ex, Func, Sym};
use crate::model::{KindId, MaterialId};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::ast::{self, CExpr};
use crate::units::{Dim, Temp, UnitError};

impl Lower<'_> {
    pub(super) fn call(
        &mut self,
        func: &ast::Ident,
        args: &[CExpr],
        quant: Option<&ast::QuantArg>,
        span: Span,
        env: &Env,
    ) -> Result<(Ex, Ty), ClaimError> {
        let units = &self.model.schema.units;
        let dim_of = |name: &str| units.dimension(name).map_or(Dim::NONE, |d| d.dim);
        let arity = |n: usize, shape: &str| -> Result<(), ClaimError> {
            if args.len() == n && quant.is_none() {
                Ok(())
            } else {
                Err(ClaimError::Arity {
                    span,
                    func: func.name.clone(),
                    expected: shape.to_string(),
                })
            }
        };
        let var = |this: &Self, i: usize| -> Result<(Sym, KindId), ClaimError> {
            match args.get(i) {
                Some(CExpr::Name(id)) => this.node_var(env, id),
                Some(other) => Err(ClaimError::WrongType {
                    span: other.span(),
                    expected: "an element variable".into(),
                    found: "an expression".into(),
                    help: "name the element's variable, e.g. `U`".into(),
                }),
                None => Err(ClaimError::Arity {
                    span,
                    func: func.name.clone(),
                    expected: "more arguments".into(),
                }),
            }
        };
        let mat = |this: &Self, i: usize| -> Result<MaterialId, ClaimError> {
            args.get(i).map_or_else(
                || {
                    Err(ClaimError::Arity {
                        span,
                        func: func.name.clone(),
                        expected: "more arguments".into(),
                    })
                },
                |a| this.material(a),
            )
        };
        // An amount's part: a component variable (the component a binder picked) or a
        // material (every component of that genus in the element).
        let part = |this: &Self, i: usize| -> Result<super::Part, ClaimError> {
            if let Some(CExpr::Name(id)) = args.get(i)
                && let Ok((sym, Ty::Component)) = this.lookup(env, id)
            {
                return Ok(super::Part::Component(sym));
            }
            mat(this, i).map(super::Part::Genus)
        };
        let q = |d: &str| Ty::Q(dim_of(d), Temp::Difference);
        let (f, ty) = match func.name.as_str() {
            "has" => {
                arity(2, "has(ELEMENT, MATERIAL)")?;
                (
                    Func::Has {
                        of: var(self, 0)?.0,
                        genus: mat(self, 1)?,
                    },
                    Ty::Bool,
                )
            }
            "only" => {
                arity(3, "only(ELEMENT, GENUS, SPECIES)")?;
                (
                    Func::Only {
                        of: var(self, 0)?.0,
                        genus: mat(self, 1)?,
                        species: mat(self, 2)?,
                    },
                    Ty::Bool,
                )
            }
            "mass" => {
                arity(2, "mass(ELEMENT, MATERIAL or COMPONENT)")?;
                (
                    Func::Mass {
                        of: var(self, 0)?.0,
                        genus: part(self, 1)?,
                    },
                    q("coat_weight"),
                )
            }
            "wt" | "wt_anhydrous" => {
                arity(2, "wt(ELEMENT, MATERIAL or COMPONENT)")?;
                (
                    Func::Wt {
                        of: var(self, 0)?.0,
                        genus: part(self, 1)?,
                        anhydrous: func.name == "wt_anhydrous",
                    },
                    q("mass_fraction"),
                )
            }
            "ratio" | "ratio_anhydrous" => {
                arity(3, "ratio(ELEMENT, NUMERATOR, DENOMINATOR)")?;
                let f = Func::Ratio {
                    of: var(self, 0)?.0,
                    a: part(self, 1)?,
                    b: part(self, 2)?,
                    anhydrous: func.name == "ratio_anhydrous",
                };
                (f, q("mass_ratio"))
            }
            "phr" => {
                arity(3, "phr(ELEMENT, PARTS, PER_HUNDRED_OF)")?;
                (
                    Func::Phr {
                        of: var(self, 0)?.0,
                        a: part(self, 1)?,
                        b: part(self, 2)?,
                    },
                    q("phr"),
                )
            }
            "total" => {
                arity(1, "total(ELEMENT)")?;
                (
                    Func::Total {
                        of: var(self, 0)?.0,
                    },
                    q("coat_weight"),
                )
            }
            "before" | "below" | "after" | "above" | "adjacent" => {
                arity(2, &format!("{}(A, B)", func.name))?;
                let (a, _) = var(self, 0)?;
                let (b, _) = var(self, 1)?;
                let f = match func.name.as_str() {
                    "before" | "below" => Func::Before(a, b),
                    "adjacent" => Func::Adjacent(a, b),
                    _ => Func::Before(b, a),
                };
                (f, Ty::Bool)
            }
            "last" | "uppermost" => {
                arity(1, &format!("{}(ELEMENT)", func.name))?;
                (Func::Last(var(self, 0)?.0), Ty::Bool)
            }
            "consisting_of" => {
                arity(3, "consisting_of(ELEMENT, GENUS, [MEMBER, …])")?;
                let members = match args.get(2) {
                    Some(a) => self.members(a)?,
                    None => Vec::new(),
                };
                (
                    Func::ConsistingOf {
                        of: var(self, 0)?.0,
                        genus: mat(self, 1)?,
                        members,
                    },
                    Ty::Bool,
                )
            }
            "any_of" => {
                arity(2, "any_of(ELEMENT, [MEMBER, …])")?;
                let members = match args.get(1) {
                    Some(a) => self.members(a)?,
                    None => Vec::new(),
                };
                (
                    Func::AnyOf {
                        of: var(self, 0)?.0,
                        members,
                    },
                    Ty::Bool,
                )
            }
            "melts" => {
                arity(2, "melts(STEP, COMPONENT)")?;
                let (step, _) = var(self, 0)?;
                let component = match args.get(1) {
                    Some(CExpr::Name(id)) => match self.lookup(env, id)? {
                        (sym, Ty::Component) => sym,
                        (_, other) => {
                            return Err(ClaimError::WrongType {
                                span: id.span,
                                expected: "a component variable".into(),
                                found: super::lower::describe_ty(self.model, other),
                                help:
                                    "bind it first: `component X in U is thermoplastic_particles`"
                                        .into(),
                            });
                        }
                    },
                    _ => {
                        return Err(ClaimError::Arity {
                            span,
                            func: func.name.clone(),
                            expected: "melts(STEP, COMPONENT)".into(),
                        });
                    }
                };
                (Func::Melts { step, component }, Ty::Bool)
            }
            "count" | "exists" | "sum" => {
                let Some(qa) = quant else {
                    return Err(ClaimError::Arity {
                        span,
                        func: func.name.clone(),
                        expected: format!(
                            "{}(KIND X in VARIABLE where CONDITION{})",
                            func.name,
                            if func.name == "sum" {
                                ": EXPRESSION"
                            } else {
                                ""
                            }
                        ),
                    });
                };
                let mut inner_env = env.clone();
                let binder = self.binder_inner(&qa.binder, &mut inner_env, None)?;
                match (func.name.as_str(), &qa.body) {
                    ("sum", Some(body)) => {
                        let (be, bt) = self.expr(body, &inner_env)?;
                        let Ty::Q(d, t) = bt else {
                            return Err(self.not_quantity(body.span(), &bt));
                        };
                        if d.is_temperature() && t == Temp::Absolute {
                            return Err(ClaimError::Unit(UnitError::AbsoluteSum {
                                span: body.span(),
                                left: body.span(),
                                right: body.span(),
                            }));
                        }
                        (Func::Sum(Box::new(binder), Box::new(be)), Ty::Q(d, t))
                    }
                    ("sum", None) => {
                        return Err(ClaimError::Arity {
                            span,
                            func: func.name.clone(),
                            expected: "sum(KIND X in VARIABLE: EXPRESSION)".into(),
                        });
                    }
                    (_, Some(body)) => {
                        return Err(ClaimError::Arity {
                            span: body.span(),
                            func: func.name.clone(),
                            expected: format!("no `: EXPRESSION` in {}", func.name),
                        });
                    }
                    ("count", None) => (
                        Func::Count(Box::new(binder)),
                        Ty::Q(Dim::NONE, Temp::Difference),
                    ),
                    _ => (Func::Exists(Box::new(binder)), Ty::Bool),
                }
            }
            other => {
                const FUNCS: [&str; 23] = [
                    "melts",
                    "consisting_of",
                    "any_of",
                    "has",
                    "only",
                    "mass",
                    "wt",
                    "wt_anhydrous",
                    "ratio",
                    "ratio_anhydrous",
                    "phr",
                    "total",
                    "before",
                    "below",
                    "after",
                    "above",
                    "adjacent",
                    "last",
                    "uppermost",
                    "count",
                    "exists",
                    "sum",
                    "is",
                ];
                return Err(ClaimError::UnknownFunction {
                    span: func.span,
                    name: other.to_string(),
                    suggestion: closest(other, FUNCS.into_iter()).map(str::to_string),
                });
            }
        };
        Ok((Ex::Func(f, span), ty))
    }
}
