//! Lowering of claim construction: `construction` points, `construed` expressions, `about`
//! bounds and Markush groups.
//!
//! Contract: every construction point of a claim set has at least two alternatives with
//! distinct names and exactly one default; a `construed` expression has one arm per
//! alternative, all of one type; an `about` bound becomes a `construed` expression on the set's
//! implicit point `about` (alternatives `exact` and `band`), widened by the bound's own band or
//! the set's `about` declaration.

use super::error::ClaimError;
use super::lower::{Env, Lower, Ty};
use super::{Alternative, Construction, Ex};
use crate::model::MaterialId;
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::ast::{self, CExpr};
use crate::units::{Exact, Interval, Quantity, Temp};

/// The name of the implicit construction point of `about` bounds.
pub const ABOUT: &str = "about";

impl Lower<'_> {
    /// Lowers the construction points of a claim set into `self.constructions`.
    pub(super) fn constructions(&mut self, cs: &ast::ClaimSetDecl) {
        self.constructions.clear();
        self.about_band = None;
        self.set_span = cs.id.span;
        for d in &cs.constructions {
            let name = d.name.name.clone();
            if name == ABOUT || self.constructions.iter().any(|c| c.name == name) {
                self.push_err(ClaimError::Construction {
                    span: d.name.span,
                    message: format!("construction point `{name}` is declared twice"),
                    help: if name == ABOUT {
                        "`about` is the point of the set's `about` bounds; name this one otherwise"
                            .into()
                    } else {
                        "give each construction point its own name".into()
                    },
                });
                continue;
            }
            let mut alternatives: Vec<Alternative> = Vec::new();
            for a in &d.alternatives {
                if alternatives.iter().any(|x| x.name == a.name.name) {
                    self.push_err(ClaimError::Construction {
                        span: a.name.span,
                        message: format!(
                            "alternative `{}` of `{name}` is declared twice",
                            a.name.name
                        ),
                        help: "give each alternative its own name".into(),
                    });
                    continue;
                }
                alternatives.push(Alternative {
                    name: a.name.name.clone(),
                    rationale: a.rationale.value.clone(),
                    source: a.source.as_ref().map(|s| s.value.clone()),
                    span: a.name.span,
                });
            }
            let defaults: Vec<&ast::AlternativeDecl> =
                d.alternatives.iter().filter(|a| a.default).collect();
            if alternatives.len() < 2 || defaults.len() != 1 {
                self.push_err(ClaimError::Construction {
                    span: d.name.span,
                    message: if alternatives.len() < 2 {
                        format!("construction point `{name}` has fewer than two alternatives")
                    } else {
                        format!(
                            "construction point `{name}` has {} defaults",
                            if defaults.is_empty() { "no".to_string() } else { defaults.len().to_string() }
                        )
                    },
                    help: "list at least two readings and mark exactly one `default`: `literal default \"why\"`".into(),
                });
            }
            let default = defaults
                .first()
                .and_then(|x| alternatives.iter().position(|a| a.name == x.name.name))
                .unwrap_or(0);
            self.constructions.push(Construction {
                name,
                question: d.question.value.clone(),
                alternatives,
                default,
                span: d.name.span,
            });
        }
        if let Some(q) = &cs.about {
            if cs.about_count > 1 {
                self.push_err(ClaimError::Construction {
                    span: q.span,
                    message: "the set declares its `about` band more than once".into(),
                    help: "keep one `about BAND`; give a bound its own with `within`".into(),
                });
            }
            match self.quantity(q) {
                Ok(v) if !v.value.lo.is_negative() && v.value.is_point() => {
                    self.about_band = Some((v, q.span));
                }
                Ok(_) => self.push_err(ClaimError::Construction {
                    span: q.span,
                    message: "the band of `about` must be one non-negative value".into(),
                    help: "e.g. `about 10 %` (relative) or `about 0.5 µm` (absolute)".into(),
                }),
                Err(e) => self.push_err(e),
            }
        }
    }

    /// `construed POINT { ALT: expr, … }`
    pub(super) fn construed(
        &mut self,
        point: &ast::Ident,
        arms: &[(ast::Ident, CExpr)],
        span: Span,
        env: &Env,
    ) -> Result<(Ex, Ty), ClaimError> {
        let Some(pi) = self
            .constructions
            .iter()
            .position(|c| c.name == point.name && c.name != ABOUT)
        else {
            return Err(ClaimError::Construction {
                span: point.span,
                message: format!("no construction point `{}` in this claim set", point.name),
                help: match closest(
                    &point.name,
                    self.constructions.iter().map(|c| c.name.as_str()),
                ) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "declare it after `source`: `construction {} \"question\" {{ a default \"why\"; b \"why\" }}`",
                        point.name
                    ),
                },
            });
        };
        let alts: Vec<String> = self
            .constructions
            .get(pi)
            .map(|c| c.alternatives.iter().map(|a| a.name.clone()).collect())
            .unwrap_or_default();
        let mut lowered: Vec<Option<(Ex, Ty)>> = vec![None; alts.len()];
        for (alt, e) in arms {
            let Some(ai) = alts.iter().position(|a| *a == alt.name) else {
                return Err(ClaimError::Construction {
                    span: alt.span,
                    message: format!("`{}` has no alternative `{}`", point.name, alt.name),
                    help: format!("its alternatives: {}", alts.join(", ")),
                });
            };
            if lowered.get(ai).is_some_and(Option::is_some) {
                return Err(ClaimError::Construction {
                    span: alt.span,
                    message: format!("alternative `{}` has two arms", alt.name),
                    help: "give each alternative one expression".into(),
                });
            }
            let x = self.expr(e, env)?;
            if let Some(slot) = lowered.get_mut(ai) {
                *slot = Some(x);
            }
        }
        let missing: Vec<&str> = alts
            .iter()
            .zip(&lowered)
            .filter(|(_, l)| l.is_none())
            .map(|(a, _)| a.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(ClaimError::Construction {
                span,
                message: format!(
                    "`construed {}` says nothing under {}",
                    point.name,
                    missing.join(", ")
                ),
                help: "give every alternative an arm (`true` for a reading under which the words limit nothing)".into(),
            });
        }
        let mut out = Vec::new();
        let mut ty: Option<Ty> = None;
        for (e, t) in lowered.into_iter().flatten() {
            match &ty {
                None => ty = Some(t),
                Some(first) if *first != t => {
                    return Err(ClaimError::Construction {
                        span: e.span(),
                        message: "the arms of a `construed` expression differ in type".into(),
                        help: "every reading must give the same kind of value (all conditions, or all quantities of one dimension)".into(),
                    });
                }
                Some(_) => {}
            }
            out.push(e);
        }
        Ok((
            Ex::Construed {
                point: pi,
                arms: out,
                span,
            },
            ty.unwrap_or(Ty::Bool),
        ))
    }

    /// A bound of a comparison or interval: `about` bounds become a `construed` expression on
    /// the point `about`; others are plain expressions. `lower` says which way the band widens.
    pub(super) fn bound(
        &mut self,
        e: &CExpr,
        env: &Env,
        lower: bool,
    ) -> Result<(Ex, Ty), ClaimError> {
        let CExpr::About {
            bound,
            within,
            span,
        } = e
        else {
            return self.expr(e, env);
        };
        let (inner, ty) = self.expr(bound, env)?;
        let Ex::Const(q, qspan) = inner else {
            return Err(ClaimError::Construction {
                span: bound.span(),
                message: "`about` takes a number with its unit or a ratio".into(),
                help: "e.g. `about 5 µm` or `about 1:2`".into(),
            });
        };
        let band = match within {
            Some(w) => {
                let v = self.quantity(w)?;
                (v, w.span)
            }
            None => self.about_band.ok_or_else(|| ClaimError::Construction {
                span: *span,
                message: "`about` without a band".into(),
                help: "declare the set's band after `source` (`about 10 %`), or give this bound its own: `about 5 µm within 0.5 µm`".into(),
            })?,
        };
        let widened = widen(self, q, band, lower)?;
        let point = self.about_point();
        Ok((
            Ex::Construed {
                point,
                arms: vec![Ex::Const(q, qspan), Ex::Const(widened, *span)],
                span: *span,
            },
            ty,
        ))
    }

    /// The set's implicit `about` point, declared on first use.
    fn about_point(&mut self) -> usize {
        if let Some(i) = self.constructions.iter().position(|c| c.name == ABOUT) {
            return i;
        }
        let span = self.about_band.map_or(self.set_span, |(_, s)| s);
        self.constructions.push(Construction {
            name: ABOUT.into(),
            question: "How far does \"about\" reach beyond the number it qualifies?".into(),
            alternatives: vec![
                Alternative {
                    name: "exact".into(),
                    rationale: "the bound as written: the band is a question of fact that this reading does not concede".into(),
                    source: None,
                    span,
                },
                Alternative {
                    name: "band".into(),
                    rationale: "\"about\" avoids a strict numerical boundary and reaches what the art treats as the same: the bound widened by the band".into(),
                    source: Some("Cohesive Techs. v. Waters, 543 F.3d 1351 (Fed. Cir. 2008)".into()),
                    span,
                },
            ],
            default: 1,
            span,
        });
        self.constructions.len() - 1
    }

    /// `[a, b, c]`: materials.
    pub(super) fn members(&self, e: &CExpr) -> Result<Vec<MaterialId>, ClaimError> {
        let CExpr::NameList(names, _) = e else {
            return Err(ClaimError::WrongType {
                span: e.span(),
                expected: "a list of materials `[a, b, c]`".into(),
                found: "an expression".into(),
                help: "name the members of the group in brackets".into(),
            });
        };
        names
            .iter()
            .map(|n| {
                self.model
                    .schema
                    .resolve_material(n)
                    .map_err(ClaimError::Model)
            })
            .collect()
    }
}

/// The bound moved outward by the band: down for a lower bound, up for an upper one.
fn widen(
    l: &Lower<'_>,
    q: Quantity,
    (band, bspan): (Quantity, Span),
    lower: bool,
) -> Result<Quantity, ClaimError> {
    let units = &l.model.schema.units;
    let percent = units.dimension("percent").map(|d| d.dim);
    let arith = |error| ClaimError::Unit(crate::units::UnitError::Arith { span: bspan, error });
    let delta = if Some(band.dim) == percent {
        if q.temp == Temp::Absolute {
            // A share of a point on a temperature scale depends on the scale's zero.
            return Err(ClaimError::Construction {
                span: bspan,
                message: "a relative band cannot widen a temperature".into(),
                help: "give the band as a temperature difference: `within 2 K`".into(),
            });
        }
        // Relative: a share of the bound's own size.
        let share = band.value.lo.div(Exact::HUNDRED).map_err(arith)?;
        q.value.lo.abs().mul(share).map_err(arith)?
    } else if band.dim == q.dim && band.temp != Temp::Absolute {
        band.value.lo
    } else {
        return Err(ClaimError::Construction {
            span: bspan,
            message: format!(
                "the band {} does not fit a bound of {}",
                units.describe_type(band.dim, band.temp),
                units.describe_type(q.dim, q.temp)
            ),
            help: "give the band in % of the bound, or in the bound's own dimension (a temperature band in K)".into(),
        });
    };
    let moved = if lower {
        q.value.lo.sub(delta)
    } else {
        q.value.lo.add(delta)
    }
    .map_err(arith)?;
    Ok(Quantity::new(q.dim, q.temp, Interval::point(moved)))
}
