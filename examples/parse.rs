//! The parse-only floor for performance figures: reads a topics file and
//! parses it into serde structs, nothing else.
//!
//! ```text
//! cargo run --release --example parse -- big.yaml          # serde-saphyr into plain structs
//! cargo run --release --example parse -- big.json          # serde_json into plain structs
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
    requires: Vec<String>,
    #[serde(default)]
    recommends: Vec<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut spanned = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--spanned" => spanned = true,
            _ => path = Some(arg),
        }
    }
    let path = path.ok_or("usage: parse [--spanned] FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let topics = if spanned {
        let source = prereq::source::SourceFile::new(path.as_str(), text);
        let raw = prereq::load::parse(&source).map_err(|d| d.message.clone())?;
        raw.topics.len()
    } else if path.ends_with(".json") {
        serde_json::from_str::<PlainFile>(&text)?.topics.len()
    } else {
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(prereq::load::budget_for(text.len()));
        serde_saphyr::from_str_with_options::<PlainFile>(&text, options)?
            .topics
            .len()
    };
    println!("{topics} topics");
    Ok(())
}
