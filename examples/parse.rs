//! The parse-only floor for performance figures, as issue 7 measures it:
//! reads a topics file, parses it into plain serde structs and builds the
//! petgraph of its edges through a String-keyed map of ids, nothing else.
//!
//! ```text
//! cargo run --release --example parse -- big.yaml          # serde-saphyr, then the graph
//! cargo run --release --example parse -- big.json          # serde_json, then the graph
//! cargo run --release --example parse -- --no-graph big.yaml # the structs only
//! cargo run --release --example parse -- --spanned big.yaml  # prereq's own schema, with positions
//! ```

use serde::Deserialize;

// The same allocator as the prereq binary, so the floor is comparable.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The schema without positions: what a program that only reads the data would use.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainFile {
    version: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    sections: Vec<PlainSection>,
    #[serde(default)]
    topics: Vec<PlainTopic>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainSection {
    id: String,
    title: String,
}

// Edges are read in their short form only, as generated files write them.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainTopic {
    id: String,
    title: String,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    hours: Option<f64>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    resources: Vec<PlainResource>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    recommends: Vec<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainResource {
    title: String,
    url: String,
    kind: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut spanned = false;
    let mut graph = true;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--spanned" => spanned = true,
            "--no-graph" => graph = false,
            _ => path = Some(arg),
        }
    }
    let path = path.ok_or("usage: parse [--spanned | --no-graph] FILE")?;
    let text = std::fs::read_to_string(&path)?;
    if spanned {
        let source = prereq::input::source::SourceFile::new(path.as_str(), text);
        let raw = prereq::input::load::parse(&source).map_err(|d| d.message.clone())?;
        println!("{} topics", raw.topics.len());
        return Ok(());
    }
    let file = if path.ends_with(".json") {
        serde_json::from_str::<PlainFile>(&text)?
    } else {
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(prereq::input::load::budget_for(text.len()));
        serde_saphyr::from_str_with_options::<PlainFile>(&text, options)?
    };
    if graph {
        let edges = petgraph_of(&file.topics);
        println!("{} topics, {edges} edges", file.topics.len());
    } else {
        println!("{} topics", file.topics.len());
    }
    Ok(())
}

/// Builds the prerequisite graph the plain way; returns its edge count.
fn petgraph_of(topics: &[PlainTopic]) -> usize {
    let mut graph = petgraph::graph::DiGraph::<(), ()>::with_capacity(topics.len(), 0);
    let mut nodes = std::collections::HashMap::with_capacity(topics.len());
    for topic in topics {
        nodes.insert(topic.id.as_str(), graph.add_node(()));
    }
    for topic in topics {
        let to = nodes[topic.id.as_str()];
        for prerequisite in topic.requires.iter().chain(&topic.recommends) {
            if let Some(&from) = nodes.get(prerequisite.as_str()) {
                graph.add_edge(from, to, ());
            }
        }
    }
    graph.edge_count()
}
