//! Writes a generated curriculum to standard output, for benchmarks and
//! experiments:
//!
//! ```text
//! cargo run --release --example generate -- --topics 100000 --seed 1 > big.yaml
//! cargo run --release --example generate -- --topics 100000 --format json > big.json
//! cargo run --release --example generate -- --topics 100000 --format edges | tsort
//! ```

use std::io::{BufWriter, Write};

use clap::{Parser, ValueEnum};
use prereq::generate::{GenerateOptions, generate};

/// Generate a layered random curriculum as a topics file.
#[derive(Debug, Parser)]
struct Args {
    /// How many topics.
    #[arg(long, default_value_t = 1000)]
    topics: usize,
    /// The seed; the same arguments give the same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many sections (default: one per thousand topics).
    #[arg(long)]
    sections: Option<usize>,
    /// The most prerequisites one topic gets.
    #[arg(long, default_value_t = 5)]
    max_prerequisites: usize,
    /// Out of 100, how many edges are `recommends`.
    #[arg(long, default_value_t = 20)]
    recommends_percent: u32,
    /// How many cycles to inject.
    #[arg(long, default_value_t = 0)]
    cycles: usize,
    /// The file format.
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// topics.yaml
    Yaml,
    /// topics.json
    Json,
    /// One edge a line, `prerequisite dependent`, as GNU tsort reads them.
    Edges,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut options = GenerateOptions::new(args.topics);
    options.seed = args.seed;
    if let Some(sections) = args.sections {
        options.sections = sections;
    }
    options.max_prerequisites = args.max_prerequisites;
    options.recommends_percent = args.recommends_percent;
    options.cycles = args.cycles;
    let curriculum = generate(&options);
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Yaml => curriculum.write_yaml(&mut out)?,
        Format::Json => curriculum.write_json(&mut out)?,
        Format::Edges => {
            for (prerequisite, dependent, _) in curriculum.edges() {
                let ids = (
                    &curriculum.topics[prerequisite].id,
                    &curriculum.topics[dependent].id,
                );
                writeln!(out, "{} {}", ids.0, ids.1)?;
            }
        }
    }
    out.flush()
}
