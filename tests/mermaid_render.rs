//! `prereq mermaid` in a real renderer: the mermaid package's browser bundle,
//! in a local page in headless Chromium, draws the whole handbook, each
//! section with the topics it needs from others, the path to every topic, `--recommended` and a file of hostile
//! titles, for every Mermaid release listed in .ci/mermaid-versions. Each
//! picture must have as many nodes, clusters and edges as the plan draws,
//! show every title exactly, link each topic to its first resource, and hold
//! none of Mermaid's error texts.
//!
//! Skipped, with a notice, where Chromium or the bundles cannot be had:
//! `apt-get install chromium` and `.ci/fetch-mermaid` (which needs npm).

mod common;

use std::path::{Path, PathBuf};

use common::chromium::{Page, find_chromium, launch};
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, TopicId, is_web_url};
use prereq::view::dot::{DotOptions, Plan, RankDir};
use serde_json::{Value, json};

/// Texts Mermaid draws or throws instead of a diagram.
const FAILURES: [&str; 5] = [
    "Syntax error",
    "Maximum text size",
    "Edge limit exceeded",
    "Unsupported markdown",
    "Parse error",
];

/// The Mermaid releases to test, from .ci/mermaid-versions.
fn versions() -> Vec<String> {
    let list = std::fs::read_to_string(".ci/mermaid-versions").expect("read .ci/mermaid-versions");
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Where .ci/fetch-mermaid puts a release's browser bundle, or
/// $PREREQ_MERMAID_DIR/VERSION/mermaid.min.js.
fn bundle(version: &str) -> PathBuf {
    let root = std::env::var_os("PREREQ_MERMAID_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/mermaid"));
    root.join(version).join("mermaid.min.js")
}

/// One diagram to draw and what it must come out as.
struct Case {
    name: String,
    text: String,
    nodes: Vec<String>,
    clusters: Vec<String>,
    edges: usize,
    links: Vec<String>,
    goals: Vec<String>,
    known: Vec<String>,
    /// The context topics of a picture by section, shown faded.
    context: Vec<String>,
    /// How many edges come from context topics, drawn in their fainter grey.
    faded_edges: usize,
    title: Option<String>,
}

impl Case {
    fn empty() -> Case {
        Case {
            name: String::new(),
            text: String::new(),
            nodes: Vec::new(),
            clusters: Vec::new(),
            edges: 0,
            links: Vec::new(),
            goals: Vec::new(),
            known: Vec::new(),
            context: Vec::new(),
            faded_edges: 0,
            title: None,
        }
    }
}

/// A title as Mermaid shows it: white space runs as one space, no control
/// characters. (The page leaves out the invisible word joiners prereq puts
/// inside Mermaid's placeholders.)
fn shown(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn case(name: &str, catalog: &Catalog, options: &DotOptions) -> Case {
    let plan = Plan::new(catalog, options);
    let drawn: Vec<TopicId> = catalog.ids().filter(|id| plan.shown[id.index()]).collect();
    let mut clusters = Vec::new();
    for (index, section) in catalog.sections.iter().enumerate() {
        if drawn.iter().any(|&id| {
            catalog
                .topic(id)
                .section
                .is_some_and(|s| s.index() == index)
        }) {
            clusters.push(shown(&prereq::view::text::section_heading(section)));
        }
    }
    // Mermaid 12 puts clusters in the picture in another order.
    clusters.sort();
    // Nodes come out grouped by section, those without one first.
    let mut nodes: Vec<String> = drawn
        .iter()
        .map(|&id| shown(&catalog.topic(id).title))
        .collect();
    nodes.sort();
    let mut links: Vec<String> = drawn
        .iter()
        .filter_map(|&id| {
            let topic = catalog.topic(id);
            // A quote cannot stand in the link; the browser would encode it so too.
            topic
                .resources
                .iter()
                .find(|r| is_web_url(&r.url))
                .map(|r| r.url.replace('"', "%22"))
        })
        .collect();
    links.sort();
    let titles = |pick: &dyn Fn(TopicId) -> bool| {
        let mut titles: Vec<String> = drawn
            .iter()
            .filter(|&&id| pick(id))
            .map(|&id| shown(&catalog.topic(id).title))
            .collect();
        titles.sort();
        titles
    };
    Case {
        name: name.to_owned(),
        text: prereq::view::mermaid::to_mermaid(catalog, options),
        nodes,
        clusters,
        edges: plan.edges.len(),
        links,
        goals: titles(&|id| plan.goal[id.index()]),
        known: titles(&|id| plan.known[id.index()] && !plan.goal[id.index()]),
        context: titles(&|id| {
            plan.context[id.index()] && !plan.known[id.index()] && !plan.goal[id.index()]
        }),
        faded_edges: plan
            .edges
            .iter()
            .filter(|(from, _, _)| plan.context[from.index()])
            .count(),
        title: catalog
            .title
            .as_deref()
            .filter(|t| prereq::view::mermaid::title_shown(t))
            .map(shown),
    }
}

fn load(path: &str) -> Catalog {
    let text = std::fs::read_to_string(path).unwrap();
    prereq::input::load::catalog(&SourceFile::new(path, text)).expect("a valid topics file")
}

fn cases() -> Vec<Case> {
    let handbook = load("topics.yaml");
    let mut cases = vec![
        case("the handbook", &handbook, &DotOptions::default()),
        case(
            "the handbook, recommended, left to right",
            &handbook,
            &DotOptions {
                recommended: true,
                rankdir: RankDir::LeftRight,
                ..DotOptions::default()
            },
        ),
        case(
            "the handbook, reduced",
            &handbook,
            &DotOptions {
                reduce: true,
                ..DotOptions::default()
            },
        ),
    ];
    for (index, section) in handbook.sections.iter().enumerate() {
        cases.push(case(
            &format!("section {}", section.id),
            &handbook,
            &DotOptions {
                sections: vec![prereq::model::catalog::SectionId(index as u32)],
                recommended: true,
                ..DotOptions::default()
            },
        ));
    }
    let math = handbook.resolve("math").unwrap();
    cases.push(case(
        "section IV, reduced, knowing math, left to right",
        &handbook,
        &DotOptions {
            sections: vec![prereq::view::dot::find_section(&handbook, "IV").unwrap()],
            known: vec![handbook.resolve("instruct-fine-tuning").unwrap(), math],
            reduce: true,
            rankdir: RankDir::LeftRight,
            ..DotOptions::default()
        },
    ));
    for id in handbook.ids() {
        let topic = &handbook.topic(id).id;
        cases.push(case(
            &format!("the path to {topic}"),
            &handbook,
            &DotOptions {
                goals: vec![id],
                ..DotOptions::default()
            },
        ));
        cases.push(case(
            &format!("the path to {topic} with recommended topics, knowing math"),
            &handbook,
            &DotOptions {
                goals: vec![id],
                recommended: true,
                known: vec![math],
                reduce: true,
                ..DotOptions::default()
            },
        ));
    }
    let hostile = load("tests/fixtures/mermaid/hostile.yaml");
    let unicode = hostile.resolve("unicode").unwrap();
    let end = hostile.resolve("end").unwrap();
    cases.push(case("hostile titles", &hostile, &DotOptions::default()));
    cases.push(case(
        "hostile titles, recommended, a goal and a known topic",
        &hostile,
        &DotOptions {
            goals: vec![unicode],
            known: vec![end],
            recommended: true,
            ..DotOptions::default()
        },
    ));
    cases
}

/// Draws every diagram in one page and returns what each came out as.
const RENDER_ALL: &str = r#"
async (diagrams) => {
  const clean = (t) => t.replace(/\u2060/g, '').replace(/\s+/g, ' ').trim();
  mermaid.initialize({ startOnLoad: false });
  const stage = document.getElementById('stage');
  const results = [];
  for (const [i, text] of diagrams.entries()) {
    stage.innerHTML = '';
    const r = { error: null };
    try {
      const { svg } = await mermaid.render('diagram' + i, text);
      stage.innerHTML = svg;
      const root = stage.querySelector('svg');
      r.nodes = [...root.querySelectorAll('g.node')].map((n) => clean(n.textContent)).sort();
      r.goals = [...root.querySelectorAll('g.node.goal')].map((n) => clean(n.textContent)).sort();
      r.known = [...root.querySelectorAll('g.node.known')].map((n) => clean(n.textContent)).sort();
      r.context = [...root.querySelectorAll('g.node.context')].map((n) => clean(n.textContent)).sort();
      r.faded_edges = [...root.querySelectorAll('path.flowchart-link')]
        .filter((p) => (p.getAttribute('style') || '').includes('#aaaaaa')).length;
      r.clusters = [...root.querySelectorAll('g.cluster')].map((c) => clean(c.textContent)).sort();
      r.edges = root.querySelectorAll('path.flowchart-link').length;
      r.links = [...root.querySelectorAll('a')]
        .map((a) => a.getAttribute('xlink:href') ?? a.getAttribute('href')).sort();
      const title = root.querySelector('.flowchartTitleText');
      r.title = title ? clean(title.textContent) : null;
    } catch (e) {
      r.error = String((e && e.message) || e);
    }
    r.page = document.body.textContent;
    results.push(r);
  }
  return results;
}
"#;

fn render(page: &mut Page, bundle: &Path, texts: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("render.html");
    std::fs::write(
        &html,
        format!(
            "<!doctype html><meta charset=\"utf-8\"><body><div id=\"stage\"></div>\
             <script src=\"file://{}\"></script></body>",
            std::fs::canonicalize(bundle).unwrap().display()
        ),
    )
    .unwrap();
    page.events.clear();
    page.command(
        "Page.navigate",
        json!({"url": format!("file://{}", html.display())}),
    );
    page.wait_for("Page.loadEventFired");
    let call = format!("({RENDER_ALL})({})", json!(texts));
    match page.eval(&call) {
        Value::Array(results) => results,
        other => panic!("the page returned {other}"),
    }
}

fn check(version: &str, case: &Case, result: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expect = |what: &str, got: &Value, want: Value| {
        if *got != want {
            problems.push(format!("{what}: got {got}, want {want}"));
        }
    };
    if let Some(error) = result["error"].as_str() {
        return vec![format!("Mermaid {version}, {}: {error}", case.name)];
    }
    expect("nodes", &result["nodes"], json!(case.nodes));
    expect("clusters", &result["clusters"], json!(case.clusters));
    expect("edges", &result["edges"], json!(case.edges));
    expect("links", &result["links"], json!(case.links));
    expect("goals", &result["goals"], json!(case.goals));
    expect("known", &result["known"], json!(case.known));
    expect("context", &result["context"], json!(case.context));
    expect(
        "faded edges",
        &result["faded_edges"],
        json!(case.faded_edges),
    );
    expect("title", &result["title"], json!(case.title));
    let page = result["page"].as_str().unwrap_or_default();
    for failure in FAILURES {
        if page.contains(failure) {
            problems.push(format!("the page says {failure:?}"));
        }
    }
    problems
        .into_iter()
        .map(|p| format!("Mermaid {version}, {}: {p}", case.name))
        .collect()
}

#[test]
fn mermaid_draws_every_diagram() {
    let Some(chromium) = find_chromium() else {
        common::skip(
            "the Mermaid rendering test",
            "Chromium is",
            "apt-get install chromium",
        );
        return;
    };
    let versions = versions();
    let missing: Vec<&String> = versions.iter().filter(|v| !bundle(v).is_file()).collect();
    if !missing.is_empty() {
        let versions: Vec<&str> = missing.iter().map(|v| v.as_str()).collect();
        common::skip(
            "the Mermaid rendering test",
            &format!("the Mermaid bundle of {} is", versions.join(", ")),
            ".ci/fetch-mermaid, which needs npm",
        );
        return;
    }
    let cases = cases();
    // The whole handbook, as the curriculum has it: 54 topics in Preliminaries
    // and nine sections, 61 `requires` edges.
    assert_eq!(
        (
            cases[0].nodes.len(),
            cases[0].clusters.len(),
            cases[0].edges
        ),
        (54, 10, 61)
    );
    // Pictures by section draw context topics and their faded edges.
    assert!(
        cases
            .iter()
            .any(|c| !c.context.is_empty() && c.faded_edges > 0)
    );
    // Controls, which the check must catch: labels written raw, and a diagram
    // past the edge limit. Mermaid 12 no longer reads plain labels as
    // Markdown; Mermaid 11 does.
    let naive = |name: &str, label: &str, all: bool| {
        let control = Case {
            name: name.to_owned(),
            text: format!("flowchart TB\n  a[\"{label}\"]\n"),
            nodes: vec![label.to_owned()],
            ..Case::empty()
        };
        (control, all)
    };
    let mut many = String::from("flowchart TB\n");
    for i in 0..=prereq::view::mermaid::MAX_EDGES {
        many.push_str(&format!("  a{i} --> b{i}\n"));
    }
    let controls = [
        naive("a raw quote", "say \"hi\"", true),
        naive("raw HTML", "<b>x</b> & y", true),
        naive("a raw list", "1. First", false),
        (
            Case {
                name: "too many edges".to_owned(),
                text: many,
                ..Case::empty()
            },
            true,
        ),
    ];
    let texts: Vec<&str> = cases
        .iter()
        .chain(controls.iter().map(|(c, _)| c))
        .map(|c| c.text.as_str())
        .collect();
    let (_browser, browser_url) = launch(&chromium);
    let mut page = Page::open(&browser_url);
    page.command("Page.enable", json!({}));
    page.command("Runtime.enable", json!({}));
    let mut problems = Vec::new();
    for version in &versions {
        let results = render(&mut page, &bundle(version), &texts);
        assert_eq!(results.len(), cases.len() + controls.len());
        for (case, result) in cases.iter().zip(&results) {
            problems.extend(check(version, case, result));
        }
        for ((control, all), result) in controls.iter().zip(&results[cases.len()..]) {
            if *all || version.starts_with("11.") {
                assert_ne!(
                    check(version, control, result),
                    Vec::<String>::new(),
                    "Mermaid {version}: the check missed what is wrong with {}",
                    control.name
                );
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
