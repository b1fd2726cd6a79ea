//! prereq turns a curriculum, topics and the prerequisites between them, into a
//! graph: study paths to any goal, validation with rustc-style diagnostics, and
//! Graphviz roadmaps.

pub mod catalog;
pub mod check;
pub mod diagnostic;
pub mod dot;
pub mod graph;
pub mod json;
pub mod load;
pub mod markdown;
pub mod path;
pub mod plan;
pub mod progress;
pub mod schema;
pub mod source;
pub mod text;

/// The built-in curriculum: the Generative AI Handbook (William Brown, 2024).
pub const HANDBOOK: &str = include_str!("../topics.yaml");

/// The name diagnostics show for the built-in curriculum.
pub const HANDBOOK_NAME: &str = "<built-in handbook>";
