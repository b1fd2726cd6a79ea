//! prereq turns a curriculum, topics and the prerequisites between them, into a
//! graph: study paths to any goal, validation with rustc-style diagnostics, and
//! roadmaps in Mermaid, Graphviz and a web page.
//!
//! Data flows through four stages, one folder each: [`input`] reads a file
//! into the raw schema, [`model`] builds the catalog and its graph, [`query`]
//! asks questions of it (paths, checks, redundancy, ...), and [`view`] writes
//! the answers as text, Markdown, JSON, DOT, Mermaid or HTML. [`diagnostic`]
//! is what every stage reports problems with. See docs/architecture.md.
//!
//! ```
//! use prereq::query::path::{PathOptions, StudyPath};
//! use prereq::input::source::SourceFile;
//!
//! let source = SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK);
//! let catalog = prereq::input::load::catalog(&source).expect("the handbook is valid");
//! let goal = catalog.resolve("lora").unwrap();
//! let path = StudyPath::to(&catalog, &[goal], &PathOptions::default());
//! assert_eq!(catalog.topic(path.topics[0]).id, "math");
//! ```

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
#[doc(hidden)]
pub mod generate;
pub mod input;
pub mod lsp;
pub mod model;
pub mod query;
pub mod view;

pub use input::handbook::{HANDBOOK, HANDBOOK_NAME};
