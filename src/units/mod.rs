//! Units and dimensions: the types of quantities.
//!
//! Contract: every value that takes part in a decision is an exact rational ([`Exact`]) or a
//! closed interval of them ([`Interval`]); conversions are exact; every combination of
//! dimensions the physics does not allow is a [`UnitError`] with spans and readable names for
//! both sides. The table of units and named dimensions ([`UnitTable`]) is data from the
//! prelude, not code.
pub mod dim;
pub mod exact;
pub mod interval;
pub mod quantity;
pub mod table;

pub use dim::Dim;
pub use exact::{ArithError, Exact};
pub use interval::Interval;
pub use quantity::{Quantity, Temp, UnitError, binary, eval_spread, expect_type, unify};
pub use table::{NamedDim, Resolved, UnitDef, UnitTable};
