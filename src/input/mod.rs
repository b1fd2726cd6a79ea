//! Reading a file: the text and its positions, the raw schema that mirrors
//! the file, the YAML and JSON parsers and their limits, the split parser
//! for large files, plain-text lists, the names of topics read unchecked
//! for completion, and the built-in handbook.
//!
//! Uses [`crate::diagnostic`]; and [`load`], which turns a file into a
//! catalog, hands topics to [`crate::model::catalog`]'s builder as they are
//! read and adds [`crate::query::cycles`]' errors. Nothing here knows about
//! study paths or views.

pub mod format;
pub mod handbook;
pub mod json_input;
pub mod list;
pub mod load;
pub mod names;
pub mod schema;
pub mod source;
pub mod split;
pub mod starter;
pub mod tree;
pub mod validate;
