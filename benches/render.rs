//! How long pictures take for generated curricula of 100, 500 and 1,000
//! topics: the DOT text alone, the Graphviz layout to SVG (reduced edges, as
//! `render` draws by default), and the whole web page (layout included).
//! Graphviz must be on the PATH for the last two; without it they are skipped
//! with a notice.
//!
//! The curricula come from `prereq::generate` with its defaults (0 to 5
//! prerequisites a topic, mostly among recent topics, a fifth of them soft),
//! split into sections of ten topics.

use divan::Bencher;
use prereq::generate::{GenerateOptions, generate};
use prereq::input::source::SourceFile;
use prereq::model::catalog::Catalog;
use prereq::view::dot::{DotOptions, Plan, to_dot_planned};
use prereq::view::render::Format;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100, 500, 1000];

/// A generated curriculum of `topics` topics in sections of ten, so that the
/// pictures have clusters as a book would.
fn generated(topics: usize) -> Catalog {
    let options = GenerateOptions {
        sections: topics.div_ceil(10),
        ..GenerateOptions::new(topics)
    };
    let source = SourceFile::new("generated", generate(&options).to_yaml());
    prereq::input::load::catalog(&source).expect("the generator writes valid curricula")
}

fn reduced() -> DotOptions {
    DotOptions {
        reduce: true,
        ..DotOptions::default()
    }
}

fn graphviz_present() -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("notice: Graphviz `dot` is not installed; skipping layout benchmarks");
    }
    found
}

/// What `render` does for an SVG: plan, DOT text, Graphviz layout.
fn laid_out(catalog: &Catalog, options: &DotOptions) -> (Plan, Vec<u8>) {
    let plan = Plan::new(catalog, options);
    let text = to_dot_planned(catalog, options, &plan);
    let svg = prereq::view::render::graphviz(&text, Format::Svg).expect("graphviz lays it out");
    (plan, svg.bytes)
}

/// Planning the picture and writing DOT text, with edge reduction.
#[divan::bench(args = SIZES)]
fn dot(bencher: Bencher, topics: usize) {
    let catalog = generated(topics);
    let options = reduced();
    bencher.bench_local(|| to_dot_planned(&catalog, &options, &Plan::new(&catalog, &options)));
}

/// `prereq render -o FILE.svg`: DOT text and the Graphviz layout.
#[divan::bench(args = SIZES, sample_count = 1, sample_size = 1)]
fn render_svg(bencher: Bencher, topics: usize) {
    if !graphviz_present() {
        return;
    }
    let catalog = generated(topics);
    let options = reduced();
    bencher.bench_local(|| laid_out(&catalog, &options));
}

/// `prereq html -o FILE`: DOT text, the Graphviz layout and the page around it.
#[divan::bench(args = SIZES, sample_count = 1, sample_size = 1)]
fn html(bencher: Bencher, topics: usize) {
    if !graphviz_present() {
        return;
    }
    let catalog = generated(topics);
    let options = reduced();
    bencher.bench_local(|| {
        let (plan, svg) = laid_out(&catalog, &options);
        prereq::view::html::page(&catalog, &options, &plan, &String::from_utf8_lossy(&svg))
    });
}
