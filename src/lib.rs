//! prereq turns a curriculum, topics and the prerequisites between them, into a
//! graph: study paths to any goal, validation with rustc-style diagnostics, and
//! Graphviz roadmaps.
//!
//! ```
//! use prereq::path::{PathOptions, StudyPath};
//! use prereq::source::SourceFile;
//!
//! let source = SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK);
//! let catalog = prereq::load::catalog(&source).expect("the handbook is valid");
//! let goal = catalog.resolve("lora").unwrap();
//! let path = StudyPath::to(&catalog, &[goal], &PathOptions::default());
//! assert_eq!(catalog.topic(path.topics[0]).id, "math");
//! ```

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod catalog;
pub mod check;
pub mod cycles;
pub mod diagnostic;
pub mod diff;
pub mod dot;
pub mod format;
pub mod generate;
pub mod graph;
pub mod handbook;
pub mod html;
pub mod json;
pub mod json_input;
pub mod json_schema;
pub mod list;
pub mod load;
pub mod markdown;
pub mod mermaid;
pub mod order;
pub mod path;
pub mod plan;
pub mod progress;
pub mod reduce;
pub mod render;
pub mod report;
pub mod schema;
pub mod source;
pub mod split;
pub mod text;

pub use handbook::{HANDBOOK, HANDBOOK_NAME};
