//! The built-in curriculum, the Generative AI Handbook, and its translation
//! into JSON made at build time (see build.rs): reading JSON is many times
//! faster than reading YAML, and the handbook is read on every run that names
//! no file. Each value's line and column in topics.yaml comes with the
//! translation, so diagnostics and positions are those of the YAML.

use crate::input::source::SourceFile;

/// The built-in curriculum: the Generative AI Handbook (William Brown, 2024).
pub const HANDBOOK: &str = include_str!("../../topics.yaml");

/// The name diagnostics show for the built-in curriculum.
pub const HANDBOOK_NAME: &str = "<built-in handbook>";

/// The handbook as JSON; empty if build.rs could not read the YAML.
const JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/handbook.json"));

/// (byte offset in [`JSON`], line, column in topics.yaml) of every value, by offset.
const POSITIONS: &[(u32, u32, u32)] = include!(concat!(env!("OUT_DIR"), "/handbook_positions.rs"));

/// The JSON form of a text, with the YAML positions of its values.
#[derive(Debug, Clone, Copy)]
pub struct Translation {
    /// The JSON text.
    pub json: &'static str,
    /// (byte offset in `json`, line, column in the YAML) of every value, by offset.
    pub positions: &'static [(u32, u32, u32)],
}

/// The build-time translation of `source`, if its text is the built-in
/// handbook's (whatever its name: ./topics.yaml in this repository is too).
pub fn translation(source: &SourceFile) -> Option<Translation> {
    (!JSON.is_empty() && source.text() == HANDBOOK).then_some(Translation {
        json: JSON,
        positions: POSITIONS,
    })
}
