//! The model: the catalog of sections and topics, with every name resolved
//! and the prerequisite graph built over it.
//!
//! Uses [`crate::input`] for the raw schema it is built from and
//! [`crate::diagnostic`] for what is wrong with it; never the questions or
//! the views.

pub mod catalog;
pub mod graph;
