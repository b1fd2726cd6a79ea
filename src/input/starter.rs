//! The starter topics file `prereq init` writes: two sections, three
//! topics, both forms of an edge, resources, and the line that points an
//! editor at the schema. `prereq check` passes on it with no warnings.

/// The starter file's text.
pub const STARTER: &str = include_str!("starter.yaml");
