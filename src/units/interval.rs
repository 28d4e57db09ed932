//! Closed intervals of exact rationals: the value of a spec quantity.
//!
//! An exact value is the degenerate interval `[x, x]`, `x ± d` is `[x − d, x + d]` and `a .. b`
//! is `[a, b]`. Arithmetic is the sound interval arithmetic: the result contains every value
//! that the operation can produce from values in the operands.

use super::exact::{ArithError, Exact};
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    pub lo: Exact,
    pub hi: Exact,
}

// Checked arithmetic returns `Result`; `std::ops` would have to panic or wrap instead.
#[allow(clippy::should_implement_trait)]
impl Interval {
    pub fn point(x: Exact) -> Interval {
        Interval { lo: x, hi: x }
    }

    /// `[lo, hi]`; `None` when `lo > hi`.
    pub fn new(lo: Exact, hi: Exact) -> Option<Interval> {
        (lo <= hi).then_some(Interval { lo, hi })
    }

    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }

    pub fn contains(&self, x: Exact) -> bool {
        self.lo <= x && x <= self.hi
    }

    pub fn intersects(&self, o: &Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    pub fn add(self, o: Interval) -> Result<Interval, ArithError> {
        Ok(Interval {
            lo: self.lo.add(o.lo)?,
            hi: self.hi.add(o.hi)?,
        })
    }

    pub fn sub(self, o: Interval) -> Result<Interval, ArithError> {
        Ok(Interval {
            lo: self.lo.sub(o.hi)?,
            hi: self.hi.sub(o.lo)?,
        })
    }

    pub fn neg(self) -> Interval {
        Interval {
            lo: self.hi.neg(),
            hi: self.lo.neg(),
        }
    }

    pub fn mul(self, o: Interval) -> Result<Interval, ArithError> {
        let a = self.lo.mul(o.lo)?;
        let b = self.lo.mul(o.hi)?;
        let c = self.hi.mul(o.lo)?;
        let d = self.hi.mul(o.hi)?;
        Ok(Interval {
            lo: a.min(b).min(c.min(d)),
            hi: a.max(b).max(c.max(d)),
        })
    }

    /// Division; an error when the divisor's interval contains zero (the quotient would be
    /// unbounded).
    pub fn div(self, o: Interval) -> Result<Interval, ArithError> {
        if o.contains(Exact::ZERO) {
            return Err(ArithError::DivisionByZero);
        }
        let inv = Interval {
            lo: Exact::ONE.div(o.hi)?,
            hi: Exact::ONE.div(o.lo)?,
        };
        self.mul(inv)
    }

    pub fn scale(self, k: Exact) -> Result<Interval, ArithError> {
        self.mul(Interval::point(k))
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_point() {
            write!(f, "{}", self.lo)
        } else {
            write!(f, "{} .. {}", self.lo, self.hi)
        }
    }
}

impl fmt::Debug for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:?}, {:?}]", self.lo, self.hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(lo: i64, hi: i64) -> Interval {
        Interval::new(Exact::int(lo), Exact::int(hi)).unwrap()
    }

    #[test]
    fn arithmetic_is_sound() {
        assert_eq!(i(1, 2).add(i(10, 20)).unwrap(), i(11, 22));
        assert_eq!(i(1, 2).sub(i(10, 20)).unwrap(), i(-19, -8));
        assert_eq!(i(-1, 2).mul(i(-3, 4)).unwrap(), i(-6, 8));
        assert_eq!(i(2, 4).div(i(1, 2)).unwrap(), i(1, 4));
        assert_eq!(i(2, 4).div(i(-1, 2)), Err(ArithError::DivisionByZero));
        assert!(Interval::new(Exact::int(3), Exact::int(2)).is_none());
    }
}
