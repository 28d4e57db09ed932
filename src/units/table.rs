//! The unit table: named dimensions and units, filled from the prelude's declarations.
//!
//! A unit converts to the base units (g, m, s, K, mol and one base per dimensionless kind) by
//! an exact factor, and — for °C and °F only — an offset: `base = (value + offset) × scale`.
//! The offset applies only when such a unit stands alone as an absolute temperature; inside a
//! compound unit (`°C·s`) or as a tolerance's half-width a Celsius degree is a kelvin.

use super::dim::BASE_NAMES;
use super::{Dim, Exact, Interval, Temp, UnitError};
use crate::source::Span;
use crate::syntax::ast::UnitExpr;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct UnitDef {
    /// The symbol it was declared with (`°C`), used when printing values.
    pub symbol: String,
    pub dim: Dim,
    pub scale: Exact,
    pub offset: Option<Exact>,
    pub span: Span,
}

/// A named dimension: `coat_weight` = mass/length², shown as "coat weight", printed in g/m².
#[derive(Debug, Clone)]
pub struct NamedDim {
    pub name: String,
    pub label: String,
    pub dim: Dim,
    pub display: Option<Resolved>,
    pub span: Span,
}

/// A unit expression resolved against the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub dim: Dim,
    pub scale: Exact,
    /// Present only for a lone affine unit (`°C`, `°F`).
    pub offset: Option<Exact>,
    /// A lone temperature unit without offset (`K`): absolute or difference by context.
    pub lone_kelvin: bool,
    /// As written (`g/m²`).
    pub symbol: String,
}

impl Resolved {
    /// The temperature reading of a literal in this unit when it stands on its own.
    pub fn temp(&self) -> Temp {
        if self.offset.is_some() {
            Temp::Absolute
        } else if self.lone_kelvin {
            Temp::Either
        } else {
            Temp::Difference
        }
    }

    /// Value in this unit → value in base units. `as_difference` drops the offset.
    pub fn to_base(&self, v: Exact, as_difference: bool) -> Result<Exact, super::ArithError> {
        match self.offset {
            Some(off) if !as_difference => v.add(off)?.mul(self.scale),
            _ => v.mul(self.scale),
        }
    }

    /// Value in base units → value in this unit.
    pub fn from_base(&self, v: Exact, as_difference: bool) -> Result<Exact, super::ArithError> {
        let scaled = v.div(self.scale)?;
        match self.offset {
            Some(off) if !as_difference => scaled.sub(off),
            _ => Ok(scaled),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct UnitTable {
    units: Vec<UnitDef>,
    by_name: HashMap<String, usize>,
    dims: Vec<NamedDim>,
    dims_by_name: HashMap<String, usize>,
    /// Base dimensions declared by files, in slot order after the compiler's own.
    user_bases: Vec<String>,
}

impl UnitTable {
    pub fn new() -> UnitTable {
        UnitTable::default()
    }

    /// Adds a unit under its symbol and aliases. Returns the first name already taken, if any.
    pub fn add_unit(&mut self, names: &[&str], def: UnitDef) -> Result<(), (String, Span)> {
        for n in names {
            if let Some(&i) = self.by_name.get(*n) {
                let span = self.units.get(i).map_or(def.span, |u| u.span);
                return Err(((*n).to_string(), span));
            }
        }
        let i = self.units.len();
        self.units.push(def);
        for n in names {
            self.by_name.insert((*n).to_string(), i);
        }
        Ok(())
    }

    pub fn unit(&self, name: &str) -> Option<&UnitDef> {
        self.units.get(*self.by_name.get(name)?)
    }

    pub fn unit_names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    pub fn add_dimension(&mut self, d: NamedDim) -> Result<(), Span> {
        if let Some(&i) = self.dims_by_name.get(&d.name) {
            return Err(self.dims.get(i).map_or(d.span, |x| x.span));
        }
        self.dims_by_name.insert(d.name.clone(), self.dims.len());
        self.dims.push(d);
        Ok(())
    }

    /// Sets the unit a named dimension's values are printed in. Returns the dimension's own
    /// formula when the unit measures something else.
    pub fn set_display(&mut self, name: &str, unit: Resolved) -> Result<(), Dim> {
        match self
            .dims_by_name
            .get(name)
            .and_then(|&i| self.dims.get_mut(i))
        {
            Some(d) if d.dim == unit.dim => {
                d.display = Some(unit);
                Ok(())
            }
            Some(d) => Err(d.dim),
            None => Ok(()),
        }
    }

    pub fn dimension(&self, name: &str) -> Option<&NamedDim> {
        self.dims.get(*self.dims_by_name.get(name)?)
    }

    pub fn dimension_names(&self) -> impl Iterator<Item = &str> {
        self.dims.iter().map(|d| d.name.as_str())
    }

    /// The base dimension of a name: one of the compiler's, or one a file declared.
    pub fn base_dim(&self, name: &str) -> Option<Dim> {
        Dim::base_named(name).or_else(|| {
            let i = self.user_bases.iter().position(|b| b == name)?;
            Dim::base(BASE_NAMES.len() + i)
        })
    }

    /// Makes `name` a base dimension: the compiler's own, or the next free declared slot.
    /// `None` when all [`super::dim::USER_BASES`] slots are taken.
    pub fn declare_base(&mut self, name: &str) -> Option<Dim> {
        if let Some(d) = self.base_dim(name) {
            return Some(d);
        }
        if self.user_bases.len() >= super::dim::USER_BASES {
            return None;
        }
        self.user_bases.push(name.to_string());
        Dim::base(BASE_NAMES.len() + self.user_bases.len() - 1)
    }

    /// The base dimensions files declared, in slot order.
    pub fn declared_bases(&self) -> &[String] {
        &self.user_bases
    }

    /// A dimension's formula, with declared bases by their names (`gloss_units/time`).
    pub fn formula(&self, dim: Dim) -> String {
        let mut text = dim.to_string();
        // Longest slot numbers first, so that `base12` is not read as `base1` + `2`.
        for (i, name) in self.user_bases.iter().enumerate().rev() {
            text = text.replace(&format!("base{}", BASE_NAMES.len() + i + 1), name);
        }
        text
    }

    fn named(&self, dim: Dim) -> Option<&NamedDim> {
        self.dims.iter().find(|d| d.dim == dim)
    }

    /// "coat weight (mass/length²)", or the bare formula when the dimension has no name.
    pub fn describe(&self, dim: Dim) -> String {
        let formula = self.formula(dim);
        match self.named(dim) {
            // A base dimension's formula is its own name: the label says it all.
            Some(n) if dim.base_slot().is_some() => n.label.clone(),
            Some(n) if n.label != formula => format!("{} ({formula})", n.label),
            _ => formula,
        }
    }

    /// Describes a quantity type, telling absolute temperatures from differences.
    pub fn describe_type(&self, dim: Dim, temp: Temp) -> String {
        if dim.is_temperature() {
            match temp {
                Temp::Absolute => "absolute temperature".into(),
                Temp::Difference => "temperature difference".into(),
                Temp::Either => "temperature".into(),
            }
        } else {
            self.describe(dim)
        }
    }

    /// The unit values of this dimension are printed in (`g/m²`), if the prelude names one.
    pub fn display_unit(&self, dim: Dim) -> Option<&Resolved> {
        self.named(dim)?.display.as_ref()
    }

    /// Resolves a written unit. Unknown names get a "did you mean".
    pub fn resolve(&self, u: &UnitExpr) -> Result<Resolved, UnitError> {
        let mut dim = Dim::NONE;
        let mut scale = Exact::ONE;
        let mut symbol = String::new();
        let mut lone: Option<&UnitDef> = None;
        for (i, f) in u.factors.iter().enumerate() {
            let def = self.unit(&f.name).ok_or_else(|| UnitError::UnknownUnit {
                span: f.span,
                name: f.name.clone(),
                suggestion: self.suggest(&f.name),
            })?;
            dim = dim.mul(def.dim.pow(f.power));
            scale = scale
                .mul(def.scale.pow(f.power).map_err(|e| UnitError::Arith {
                    span: f.span,
                    error: e,
                })?)
                .map_err(|e| UnitError::Arith {
                    span: f.span,
                    error: e,
                })?;
            if i > 0 {
                symbol.push(if f.power < 0 { '/' } else { '·' });
            }
            symbol.push_str(&def.symbol);
            let p = if i > 0 && f.power < 0 {
                -f.power
            } else {
                f.power
            };
            if p != 1 {
                symbol.push_str(&super::dim::superscript(p));
            }
            lone = (u.factors.len() == 1 && f.power == 1).then_some(def);
        }
        let offset = lone.and_then(|d| d.offset);
        let lone_kelvin = lone.is_some_and(|d| d.dim.is_temperature() && d.offset.is_none());
        Ok(Resolved {
            dim,
            scale,
            offset,
            lone_kelvin,
            symbol,
        })
    }

    /// The unit a misspelt unit name most likely meant: first the spellings people commonly
    /// use for a unit the prelude writes otherwise (`C` and `deg` for `°C`, `gsm` for `g/m²`),
    /// then the closest name by edit distance (which alone would offer `%` for `C`).
    pub fn suggest(&self, name: &str) -> Option<String> {
        const COMMON: &[(&str, &str)] = &[
            ("c", "°C"),
            ("deg", "°C"),
            ("degree", "°C"),
            ("degrees", "°C"),
            ("celsius", "°C"),
            ("centigrade", "°C"),
            ("f", "°F"),
            ("fahrenheit", "°F"),
            ("kelvin", "K"),
            ("gsm", "g/m²"),
            ("mu", "µm"),
            ("microns", "µm"),
            ("micrometer", "µm"),
            ("micrometre", "µm"),
            ("secs", "s"),
            ("second", "s"),
            ("seconds", "s"),
            ("mins", "min"),
            ("minute", "min"),
            ("minutes", "min"),
            ("hrs", "h"),
            ("hours", "h"),
            ("wt", "wt%"),
            ("pph", "phr"),
        ];
        let lower = name.to_lowercase();
        if let Some((_, unit)) = COMMON.iter().find(|(k, _)| *k == lower) {
            return Some((*unit).to_string());
        }
        crate::suggest::closest(name, self.unit_names()).map(str::to_string)
    }

    /// Formats a value held in base units in the dimension's display unit:
    /// `18 g/m²`, `130 °C`, `128 .. 132 °C`, `20 K`.
    pub fn format(&self, dim: Dim, temp: Temp, value: Interval) -> String {
        // A temperature difference prints in kelvin whatever the display unit of temperature.
        if dim.is_temperature() && temp != Temp::Absolute {
            return join(&fmt_interval(value), "K");
        }
        let shown = self.display_unit(dim).and_then(|u| {
            let lo = u.from_base(value.lo, false).ok()?;
            let hi = u.from_base(value.hi, false).ok()?;
            Some((Interval { lo, hi }, u.symbol.as_str()))
        });
        match shown {
            Some((v, sym)) => join(&fmt_interval(v), sym),
            // A named dimension without a unit (a mass ratio) is a plain number.
            None if dim.is_none() || self.named(dim).is_some() => fmt_interval(value),
            None => join(&fmt_interval(value), &format!("({dim})")),
        }
    }
}

fn join(value: &str, unit: &str) -> String {
    if unit.starts_with('%') || unit.is_empty() {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

/// `18`, `9/11 (≈ 0.818)`, `128 .. 132`.
pub fn fmt_exact(x: Exact) -> String {
    match x.terminating_decimal() {
        Some(s) => s,
        None => format!("{x} (≈ {})", approx3(x)),
    }
}

/// Three significant decimals for display only.
pub fn approx3(x: Exact) -> String {
    let s = format!("{:.3}", x.approx());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn fmt_interval(v: Interval) -> String {
    if v.is_point() {
        fmt_exact(v.lo)
    } else {
        format!("{} .. {}", fmt_exact(v.lo), fmt_exact(v.hi))
    }
}
