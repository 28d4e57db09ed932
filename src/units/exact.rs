//! Exact rational numbers for every value that takes part in a decision.
//!
//! A thin wrapper over `num_rational::Ratio<i128>` whose arithmetic is checked: an operation
//! that would overflow 128 bits returns [`ArithError::Overflow`] instead of panicking or
//! wrapping, and division by zero is an error, not an infinity. Realistic spec values (decimals
//! with a few digits, fractions such as 45/55, the 5/9 of °F) stay far from that limit; the
//! check exists so that hostile input ends in a diagnostic.

use num_integer::Integer;
use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, Zero};
use std::fmt;

/// Why an exact computation could not be carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithError {
    Overflow,
    DivisionByZero,
}

impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArithError::Overflow => f.write_str("the exact value needs more than 128 bits"),
            ArithError::DivisionByZero => f.write_str("division by zero"),
        }
    }
}

/// An exact rational number.
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Exact(Ratio<i128>);

/// Refuse i128::MIN everywhere: its negation overflows inside num-rational's normalisation.
fn guard(r: Ratio<i128>) -> Result<Exact, ArithError> {
    if *r.numer() == i128::MIN || *r.denom() == i128::MIN {
        Err(ArithError::Overflow)
    } else {
        Ok(Exact(r))
    }
}

// Checked arithmetic returns `Result`; `std::ops` would have to panic or wrap instead.
#[allow(clippy::should_implement_trait)]
impl Exact {
    pub const ZERO: Exact = Exact(Ratio::new_raw(0, 1));
    pub const ONE: Exact = Exact(Ratio::new_raw(1, 1));
    pub const HUNDRED: Exact = Exact(Ratio::new_raw(100, 1));

    pub fn int(n: i64) -> Exact {
        Exact(Ratio::from_integer(i128::from(n)))
    }

    /// `numer / denom`, reduced.
    pub fn ratio(numer: i128, denom: i128) -> Result<Exact, ArithError> {
        if denom == 0 {
            return Err(ArithError::DivisionByZero);
        }
        if numer == i128::MIN || denom == i128::MIN {
            return Err(ArithError::Overflow);
        }
        guard(Ratio::new(numer, denom))
    }

    /// Parses the literal forms of the language: `12`, `0.5`, `1.5e-3`, `45/55`.
    /// Returns `None` when the text is not such a literal; `Some(Err)` when it is but does not
    /// fit 128 bits.
    pub fn parse(text: &str) -> Option<Result<Exact, ArithError>> {
        if let Some((n, d)) = text.split_once('/') {
            let n = parse_digits(n)?;
            let d = parse_digits(d)?;
            return Some(match (n, d) {
                (Some(n), Some(d)) => Exact::ratio(n, d),
                _ => Err(ArithError::Overflow),
            });
        }
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(i) => (text.get(..i)?, Some(text.get(i + 1..)?)),
            None => (text, None),
        };
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac_part.bytes().all(|b| b.is_ascii_digit())
            || (mantissa.contains('.') && frac_part.is_empty())
        {
            return None;
        }
        let exp: i64 = if let Some(exponent) = exponent {
            let digits = exponent.trim_start_matches(['+', '-']);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            match exponent.parse::<i64>() {
                Ok(e) => e,
                Err(_) => return Some(Err(ArithError::Overflow)),
            }
        } else {
            0
        };
        Some(decimal(int_part, frac_part, exp))
    }

    pub fn numer(self) -> i128 {
        *self.0.numer()
    }

    pub fn denom(self) -> i128 {
        *self.0.denom()
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_negative()
    }

    pub fn add(self, o: Exact) -> Result<Exact, ArithError> {
        guard(self.0.checked_add(&o.0).ok_or(ArithError::Overflow)?)
    }

    pub fn sub(self, o: Exact) -> Result<Exact, ArithError> {
        guard(self.0.checked_sub(&o.0).ok_or(ArithError::Overflow)?)
    }

    pub fn mul(self, o: Exact) -> Result<Exact, ArithError> {
        guard(self.0.checked_mul(&o.0).ok_or(ArithError::Overflow)?)
    }

    pub fn div(self, o: Exact) -> Result<Exact, ArithError> {
        if o.is_zero() {
            return Err(ArithError::DivisionByZero);
        }
        guard(self.0.checked_div(&o.0).ok_or(ArithError::Overflow)?)
    }

    pub fn neg(self) -> Exact {
        // guard() keeps i128::MIN out, so the negation cannot overflow.
        Exact(Ratio::new_raw(-*self.0.numer(), *self.0.denom()))
    }

    pub fn abs(self) -> Exact {
        if self.is_negative() { self.neg() } else { self }
    }

    /// `self^n` for a small integer power (negative powers invert).
    pub fn pow(self, n: i32) -> Result<Exact, ArithError> {
        let mut acc = Exact::ONE;
        for _ in 0..n.unsigned_abs() {
            acc = acc.mul(self)?;
        }
        if n < 0 { Exact::ONE.div(acc) } else { Ok(acc) }
    }

    pub fn min(self, o: Exact) -> Exact {
        if self <= o { self } else { o }
    }

    pub fn max(self, o: Exact) -> Exact {
        if self >= o { self } else { o }
    }

    /// An approximation for display only; never used to decide anything.
    pub fn approx(self) -> f64 {
        self.numer() as f64 / self.denom() as f64
    }

    /// The exact decimal expansion when the denominator has only the factors 2 and 5 and the
    /// expansion is short; `None` otherwise.
    pub fn terminating_decimal(self) -> Option<String> {
        let mut d = self.denom();
        let mut places = 0u32;
        while d % 10 == 0 {
            d /= 10;
            places += 1;
        }
        while d % 2 == 0 || d % 5 == 0 {
            if d % 2 == 0 {
                d /= 2;
            } else {
                d /= 5;
            }
            places += 1;
        }
        if d != 1 || places > 12 {
            return None;
        }
        let scaled = self
            .0
            .checked_mul(&Ratio::from_integer(10i128.checked_pow(places)?))?;
        let n = scaled.to_integer();
        let neg = n < 0;
        let digits = n.unsigned_abs().to_string();
        let p = places as usize;
        let s = if p == 0 {
            digits
        } else if digits.len() > p {
            let (a, b) = digits.split_at(digits.len() - p);
            format!("{a}.{b}")
        } else {
            format!("0.{}{}", "0".repeat(p - digits.len()), digits)
        };
        Some(if neg { format!("-{s}") } else { s })
    }
}

fn parse_digits(s: &str) -> Option<Option<i128>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse::<i128>().ok())
}

fn decimal(int_part: &str, frac_part: &str, exp: i64) -> Result<Exact, ArithError> {
    let digits = format!("{int_part}{frac_part}");
    let digits = digits.trim_start_matches('0');
    let mantissa: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| ArithError::Overflow)?
    };
    let frac_len = i64::try_from(frac_part.len()).map_err(|_| ArithError::Overflow)?;
    let shift = exp.checked_sub(frac_len).ok_or(ArithError::Overflow)?;
    if mantissa == 0 {
        return Ok(Exact::ZERO);
    }
    let ten_pow = |k: i64| -> Result<i128, ArithError> {
        let k = u32::try_from(k).map_err(|_| ArithError::Overflow)?;
        10i128.checked_pow(k).ok_or(ArithError::Overflow)
    };
    if shift >= 0 {
        let scaled = mantissa
            .checked_mul(ten_pow(shift)?)
            .ok_or(ArithError::Overflow)?;
        Exact::ratio(scaled, 1)
    } else {
        let denom = ten_pow(shift.checked_neg().ok_or(ArithError::Overflow)?)?;
        let g = mantissa.gcd(&denom);
        Exact::ratio(mantissa / g, denom / g)
    }
}

impl fmt::Display for Exact {
    /// Integers and short terminating decimals exactly (`0.5`, `128`); other fractions as
    /// `n/d` (`45/55` prints as `9/11`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.terminating_decimal() {
            Some(s) => f.write_str(&s),
            None => write!(f, "{}/{}", self.numer(), self.denom()),
        }
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numer(), self.denom())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Exact {
        Exact::parse(s).unwrap().unwrap()
    }

    #[test]
    fn literals_parse_exactly() {
        assert_eq!(e("0.5"), Exact::ratio(1, 2).unwrap());
        assert_eq!(e("45/55"), Exact::ratio(9, 11).unwrap());
        assert_eq!(e("1.5e-3"), Exact::ratio(3, 2000).unwrap());
        assert_eq!(e("2E2"), Exact::int(200));
        assert_eq!(e("007.50"), Exact::ratio(15, 2).unwrap());
        assert_eq!(e("0.000"), Exact::ZERO);
    }

    #[test]
    fn malformed_and_huge_literals_do_not_panic() {
        assert!(Exact::parse("abc").is_none());
        assert!(Exact::parse("1.").is_none());
        assert!(Exact::parse("1e").is_none());
        assert_eq!(Exact::parse("1/0"), Some(Err(ArithError::DivisionByZero)));
        assert_eq!(
            Exact::parse(&"9".repeat(60)),
            Some(Err(ArithError::Overflow))
        );
        assert_eq!(Exact::parse("1e400"), Some(Err(ArithError::Overflow)));
        assert_eq!(
            Exact::parse("1e-99999999999999999999"),
            Some(Err(ArithError::Overflow))
        );
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let big = Exact::ratio(i128::MAX, 1).unwrap();
        assert_eq!(big.add(big), Err(ArithError::Overflow));
        assert_eq!(big.mul(big), Err(ArithError::Overflow));
        assert_eq!(Exact::ONE.div(Exact::ZERO), Err(ArithError::DivisionByZero));
        assert_eq!(big.neg().sub(Exact::ONE), Err(ArithError::Overflow));
    }

    #[test]
    fn display_is_exact() {
        assert_eq!(e("0.5").to_string(), "0.5");
        assert_eq!(e("128").to_string(), "128");
        assert_eq!(e("45/55").to_string(), "9/11");
        assert_eq!(Exact::ratio(-1, 40).unwrap().to_string(), "-0.025");
    }
}
