//! Dimensions: the types of quantities.
//!
//! A dimension is a vector of integer exponents over the base dimensions. Besides the physical
//! bases (mass, length, time, temperature, amount of substance) the dimensionless kinds that
//! must never be confused with each other are bases of their own: a mass fraction (wt%) is not
//! a volume fraction (vol%) or a mole fraction (mol%), neither is a plain percentage, parts per
//! hundred (phr) or a mass ratio. That makes "wt% compared with vol%" a dimension mismatch like
//! any other. Files may declare up to [`USER_BASES`] more base dimensions of their own
//! (`dimension gloss_units = base`), kept by the unit table; they print as `base11` … until the
//! table names them.

use std::fmt;

/// Names of the compiler's own base dimensions, in exponent order. The prelude gives each a
/// readable label.
pub const BASE_NAMES: [&str; 11] = [
    "mass",
    "length",
    "temperature",
    "time",
    "amount",
    "mass_fraction",
    "volume_fraction",
    "percent",
    "phr",
    "mass_ratio",
    "mole_fraction",
];

/// Base dimensions that files may declare besides [`BASE_NAMES`].
pub const USER_BASES: usize = 5;

/// Exponent slots: the compiler's bases, then the declared ones.
pub const BASES: usize = BASE_NAMES.len() + USER_BASES;

pub const TEMPERATURE_BASE: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Dim(pub [i32; BASES]);

// Exponent arithmetic, named like the quantity operations it mirrors.
#[allow(clippy::should_implement_trait)]
impl Dim {
    pub const NONE: Dim = Dim([0; BASES]);

    /// The base dimension with the given name (see [`BASE_NAMES`]).
    pub fn base_named(name: &str) -> Option<Dim> {
        Dim::base(BASE_NAMES.iter().position(|b| *b == name)?)
    }

    /// The base dimension of exponent slot `i`.
    pub fn base(i: usize) -> Option<Dim> {
        let mut e = [0; BASES];
        *e.get_mut(i)? = 1;
        Some(Dim(e))
    }

    /// The slot of a base dimension (one exponent 1, the others 0).
    pub fn base_slot(self) -> Option<usize> {
        let mut slots = self.0.iter().enumerate().filter(|(_, e)| **e != 0);
        match (slots.next(), slots.next()) {
            (Some((i, 1)), None) => Some(i),
            _ => None,
        }
    }

    pub fn temperature() -> Dim {
        let mut e = [0; BASES];
        e[TEMPERATURE_BASE] = 1;
        Dim(e)
    }

    pub fn is_none(self) -> bool {
        self == Dim::NONE
    }

    /// Exactly a temperature (not K·s, not K²).
    pub fn is_temperature(self) -> bool {
        self == Dim::temperature()
    }

    /// Contains temperature at any power.
    pub fn involves_temperature(self) -> bool {
        self.0[TEMPERATURE_BASE] != 0
    }

    pub fn mul(self, o: Dim) -> Dim {
        let mut e = self.0;
        for (a, b) in e.iter_mut().zip(o.0) {
            *a = a.saturating_add(b);
        }
        Dim(e)
    }

    pub fn div(self, o: Dim) -> Dim {
        self.mul(o.pow(-1))
    }

    pub fn pow(self, n: i32) -> Dim {
        let mut e = self.0;
        for a in e.iter_mut() {
            *a = a.saturating_mul(n);
        }
        Dim(e)
    }
}

pub fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

impl fmt::Display for Dim {
    /// `mass/length²`, `temperature·time`, `dimensionless`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |positive: bool| -> Vec<String> {
            self.0
                .iter()
                .enumerate()
                .filter(|(_, e)| if positive { **e > 0 } else { **e < 0 })
                .map(|(i, e)| {
                    let name = BASE_NAMES
                        .get(i)
                        .map_or_else(|| format!("base{}", i + 1), |n| (*n).to_string());
                    let e = e.abs();
                    if e == 1 {
                        name
                    } else {
                        format!("{name}{}", superscript(e))
                    }
                })
                .collect()
        };
        let num = part(true);
        let den = part(false);
        match (num.is_empty(), den.is_empty()) {
            (true, true) => f.write_str("dimensionless"),
            (false, true) => f.write_str(&num.join("·")),
            (true, false) => write!(f, "1/{}", den.join("·")),
            (false, false) if den.len() == 1 => write!(f, "{}/{}", num.join("·"), den.join("·")),
            (false, false) => write!(f, "{}/({})", num.join("·"), den.join("·")),
        }
    }
}

impl fmt::Debug for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_reads_as_a_formula() {
        let m = Dim::base_named("mass").unwrap();
        let l = Dim::base_named("length").unwrap();
        let t = Dim::base_named("time").unwrap();
        assert_eq!(m.div(l.pow(2)).to_string(), "mass/length²");
        assert_eq!(Dim::temperature().mul(t).to_string(), "temperature·time");
        assert_eq!(Dim::NONE.to_string(), "dimensionless");
        assert_eq!(l.pow(2).div(t).to_string(), "length²/time");
    }
}
