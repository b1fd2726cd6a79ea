//! Using prereq as a library: load the built-in handbook, find a goal by its
//! alias, and walk the study path with each topic's first resource.
//!
//! Run with `cargo run --example library -- lora`.

use prereq::input::source::SourceFile;
use prereq::query::path::{PathOptions, StudyPath};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let goal = std::env::args().nth(1).unwrap_or_else(|| "rag".to_owned());
    let source = SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK);
    let catalog = prereq::input::load::catalog(&source)
        .map_err(|diagnostics| format!("the handbook has {} errors", diagnostics.len()))?;
    let goal = catalog.resolve(&goal)?;
    let path = StudyPath::to(&catalog, &[goal], &PathOptions::default());
    for (step, &id) in path.topics.iter().enumerate() {
        let topic = catalog.topic(id);
        let first = topic.resources.first().map_or("", |r| r.url.as_str());
        println!(
            "{:>2}. {} ({} h) {first}",
            step + 1,
            topic.title,
            topic.hours_or_zero()
        );
    }
    println!("{} hours in all", path.total_hours);
    Ok(())
}
