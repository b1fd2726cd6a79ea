//! How long pictures take for generated curricula of 100, 500 and 1,000
//! topics: the DOT text alone, the Graphviz layout to SVG (reduced edges, as
//! `render` draws by default), and the whole web page (layout included).
//! Graphviz must be on the PATH for the last two; without it they are skipped
//! with a notice.
//!
//! The curricula come from a small deterministic generator below: topics in
//! sections of ten, each requiring one to three earlier topics (mostly
//! recent ones, sometimes far back, as in a book) and sometimes recommending one.

use divan::Bencher;
use prereq::catalog::Catalog;
use prereq::dot::{DotOptions, Plan, dot_text, roadmap_of};
use prereq::render::Format;
use prereq::source::SourceFile;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100, 500, 1000];

/// A linear congruential generator: the same curriculum on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// A curriculum of `topics` topics as topics.yaml text.
fn generated_yaml(topics: usize) -> String {
    let mut random = Random(topics as u64);
    let mut yaml = String::from("version: 1\ntitle: Generated\nsections:\n");
    for s in 0..topics.div_ceil(10) {
        yaml.push_str(&format!("  - id: s{s}\n    title: Section {s}\n"));
    }
    yaml.push_str("topics:\n");
    for t in 0..topics {
        yaml.push_str(&format!(
            "  - id: t{t}\n    title: Topic number {t}\n    section: s{}\n    hours: 1\n    summary: What topic {t} is about.\n    resources:\n      - {{title: R{t}, url: \"https://example.com/{t}\", kind: docs}}\n",
            t / 10
        ));
        if t == 0 {
            continue;
        }
        let mut requires = Vec::new();
        for _ in 0..1 + random.below(3) {
            let back = if random.below(4) == 0 {
                1 + random.below(t)
            } else {
                1 + random.below(t.min(15))
            };
            let p = t - back;
            if !requires.contains(&p) {
                requires.push(p);
            }
        }
        let list: Vec<String> = requires.iter().map(|p| format!("t{p}")).collect();
        yaml.push_str(&format!("    requires: [{}]\n", list.join(", ")));
        if random.below(3) == 0 {
            let p = random.below(t);
            if !requires.contains(&p) {
                yaml.push_str(&format!("    recommends: [t{p}]\n"));
            }
        }
    }
    yaml
}

fn generated(topics: usize) -> Catalog {
    let source = SourceFile::new("generated", generated_yaml(topics));
    prereq::load::catalog(&source).expect("the generator writes valid curricula")
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
    let text = dot_text(&roadmap_of(catalog, options, &plan));
    let svg = prereq::render::graphviz(&text, Format::Svg).expect("graphviz lays it out");
    (plan, svg)
}

/// Planning the picture and writing DOT text, with edge reduction.
#[divan::bench(args = SIZES)]
fn dot(bencher: Bencher, topics: usize) {
    let catalog = generated(topics);
    let options = reduced();
    bencher.bench_local(|| {
        dot_text(&roadmap_of(
            &catalog,
            &options,
            &Plan::new(&catalog, &options),
        ))
    });
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
        prereq::html::page(&catalog, &options, &plan, &String::from_utf8_lossy(&svg))
    });
}
