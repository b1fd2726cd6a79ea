//! The questions asked of a catalog: study paths, plans by stage and week,
//! what a learner knows, the checks and their rules, cycles, redundant
//! edges, reading order, the difference between two files, and the safe fixes.
//!
//! Uses [`crate::model`], [`crate::input`] and [`crate::diagnostic`]; answers
//! are data, never text, which is [`crate::view`]'s work.

pub mod check;
pub mod cycles;
pub mod diff;
pub mod fix;
pub mod order;
pub mod path;
pub mod plan;
pub mod progress;
pub mod reduce;
