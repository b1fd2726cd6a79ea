//! The views: the answers as text for a terminal, Markdown, JSON, the
//! rustc-style check report, Graphviz DOT, Mermaid, the web page, pictures
//! rendered by Graphviz, and the JSON Schema of topics files.
//!
//! Uses everything else; nothing else uses a view, and the views write to a
//! `Write` they are given, never to standard output themselves.

pub mod diff;
pub mod dot;
pub mod html;
pub mod json;
pub mod json_schema;
pub mod markdown;
pub mod mermaid;
pub mod render;
pub mod report;
pub mod text;
