//! Names as bytes: the shared type lives in `ops::name` (cache and health take them too).

pub use crate::ops::name::*;
