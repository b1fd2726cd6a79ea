//! How load, check, path and dot grow with the size of a curriculum, on
//! generated files of 1,000 and 10,000 topics; with `PREREQ_BENCH_LARGE=1`
//! also 100,000 and 1,000,000 (minutes, and a few GB of memory).
//!
//! ```text
//! cargo bench --bench scale
//! PREREQ_BENCH_LARGE=1 cargo bench --bench scale
//! ```
//!
//! `parse` is the floor: the text into serde structs and nothing else.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use prereq::generate::{GenerateOptions, generate};
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, TopicId};
use prereq::query::check::CheckOptions;
use prereq::query::path::{PathOptions, StudyPath};
use prereq::view::dot::{DotOptions, Plan};

// The allocator of the prereq binary, so the figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let large = std::env::var_os("PREREQ_BENCH_LARGE").is_some();
    // A million topics take seconds a run: a few samples are enough there,
    // and twenty keep the default run to about a minute.
    let samples = if large { 3 } else { 20 };
    divan::Divan::from_args()
        .sample_count(samples)
        .sample_size(1)
        .main();
}

fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000, 10_000];
    if std::env::var_os("PREREQ_BENCH_LARGE").is_some() {
        sizes.extend([100_000, 1_000_000]);
    }
    sizes
}

/// The generated file of `n` topics as YAML and as JSON, made once per size.
fn sources(n: usize) -> &'static (SourceFile, SourceFile) {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static (SourceFile, SourceFile)>>> =
        OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .expect("not poisoned");
    cache.entry(n).or_insert_with(|| {
        let curriculum = generate(&GenerateOptions::new(n));
        Box::leak(Box::new((
            SourceFile::new("bench.yaml", curriculum.to_yaml()),
            SourceFile::new("bench.json", curriculum.to_json()),
        )))
    })
}

fn catalog(n: usize) -> &'static Catalog {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static Catalog>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .expect("not poisoned");
    cache.entry(n).or_insert_with(|| {
        let catalog =
            prereq::input::load::catalog(&sources(n).1).expect("a generated file is valid");
        Box::leak(Box::new(catalog))
    })
}

/// One generated file: its format and size.
#[derive(Debug, Clone, Copy)]
struct Input {
    json: bool,
    topics: usize,
}

impl std::fmt::Display for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let format = if self.json { "json" } else { "yaml" };
        write!(f, "{format} {}", self.topics)
    }
}

impl Input {
    fn source(self) -> &'static SourceFile {
        let (yaml, json) = sources(self.topics);
        if self.json { json } else { yaml }
    }
}

fn inputs() -> Vec<Input> {
    let sizes = sizes();
    [false, true]
        .into_iter()
        .flat_map(|json| sizes.iter().map(move |&topics| Input { json, topics }))
        .collect()
}

/// The floor: the text into the schema's serde structs.
#[divan::bench(args = inputs())]
fn parse(bencher: divan::Bencher, input: Input) {
    let source = input.source();
    bencher.bench(|| prereq::input::load::parse(source).expect("parses"));
}

/// Parse, validate, build the graph and look for cycles.
#[divan::bench(args = inputs())]
fn load(bencher: divan::Bencher, input: Input) {
    let source = input.source();
    bencher.bench(|| prereq::input::load::catalog(source).expect("loads"));
}

/// `prereq check`: load and every rule.
#[divan::bench(args = inputs())]
fn check(bencher: divan::Bencher, input: Input) {
    let source = input.source();
    bencher.bench(|| prereq::query::check::check(source, &CheckOptions::default()));
}

/// The warning rules alone, on a loaded catalog.
#[divan::bench(args = sizes())]
fn warnings(bencher: divan::Bencher, n: usize) {
    let catalog = catalog(n);
    bencher.bench(|| prereq::query::check::warnings(catalog));
}

/// The study path to the last topic, on a loaded catalog.
#[divan::bench(args = sizes())]
fn path(bencher: divan::Bencher, n: usize) {
    let catalog = catalog(n);
    let goal = TopicId(n as u32 - 1);
    bencher.bench(|| StudyPath::to(catalog, &[goal], &PathOptions::default()));
}

/// The whole roadmap as DOT text, on a loaded catalog, written out as
/// `prereq dot` streams it.
#[divan::bench(args = sizes())]
fn dot(bencher: divan::Bencher, n: usize) {
    let catalog = catalog(n);
    let options = DotOptions::default();
    bencher.bench(|| {
        let plan = Plan::new(catalog, &options);
        prereq::view::dot::write_dot(&mut std::io::sink(), catalog, &options, &plan)
    });
}
