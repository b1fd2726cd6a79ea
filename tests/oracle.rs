//! Differential tests: prereq against networkx (tests/oracle.py) and GNU tsort
//! on a few hundred generated graphs, with and without cycles.
//!
//! networkx is the oracle for study paths (ancestors of the goals), strongly
//! connected components and redundant edges (transitive reduction); tsort for
//! whether a graph is acyclic. A machine without python3 and networkx, or
//! without tsort, skips that half with a notice.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use prereq::diagnostic::Code;
use prereq::generate::{Curriculum, GenerateOptions, generate};
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, EdgeKind, TopicId};
use prereq::query::path::{PathOptions, StudyPath};
use serde_json::{Value, json};

const GRAPHS: u64 = 300;

/// One generated graph, loaded through the YAML or the JSON path.
struct Case {
    curriculum: Curriculum,
    catalog: Catalog,
    has_cycle_error: bool,
    goals: Vec<usize>,
}

fn cases() -> Vec<Case> {
    (0..GRAPHS)
        .map(|seed| {
            let mut options = GenerateOptions::new(3 + (seed as usize * 7) % 38);
            options.seed = seed;
            options.sections = 1 + (seed as usize % 3);
            options.max_prerequisites = (seed as usize % 6).max(1);
            options.recommends_percent = if seed % 4 == 0 { 30 } else { 0 };
            options.cycles = if seed % 3 == 0 {
                1 + (seed as usize % 2)
            } else {
                0
            };
            let curriculum = generate(&options);
            let source = if seed % 2 == 0 {
                SourceFile::new("generated.yaml", curriculum.to_yaml())
            } else {
                SourceFile::new("generated.json", curriculum.to_json())
            };
            let (catalog, diagnostics) = prereq::input::load::analyze(&source);
            let catalog = catalog.expect("a generated file parses");
            let has_cycle_error = diagnostics.iter().any(|d| d.code == Code::Cycle);
            let unexpected: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.code != Code::Cycle)
                .map(|d| d.message.clone())
                .collect();
            assert!(unexpected.is_empty(), "seed {seed}: {unexpected:?}");
            let n = curriculum.topics.len();
            let goals = vec![n - 1, (seed as usize * 13) % n];
            Case {
                curriculum,
                catalog,
                has_cycle_error,
                goals,
            }
        })
        .collect()
}

fn oracle(python: &str, cases: &[Case]) -> Vec<Value> {
    let input: Vec<Value> = cases
        .iter()
        .map(|case| {
            let edges: Vec<Value> = case
                .curriculum
                .edges()
                .map(|(p, d, hard)| json!([p, d, hard]))
                .collect();
            json!({"n": case.curriculum.topics.len(), "edges": edges, "goals": case.goals})
        })
        .collect();
    let output = common::run_python(python, "oracle.py", &Value::Array(input).to_string());
    serde_json::from_str::<Vec<Value>>(&output).expect("the oracle prints JSON")
}

fn indexes(value: &Value) -> Vec<usize> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_u64().expect("an index") as usize)
        .collect()
}

fn ids(list: &[TopicId]) -> Vec<usize> {
    list.iter().map(|id| id.index()).collect()
}

#[test]
fn agrees_with_networkx() {
    let Some(python) = common::python_with("networkx") else {
        common::skip(
            "the networkx half",
            "python3 with networkx is",
            "pip install networkx",
        );
        return;
    };
    let cases = cases();
    let answers = oracle(&python, &cases);
    assert_eq!(answers.len(), cases.len());
    let (mut paths, mut cyclic, mut redundant) = (0, 0, 0);
    for (seed, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        let catalog = &case.catalog;
        let acyclic = answer["acyclic"].as_bool().expect("a verdict");
        assert_eq!(!acyclic, case.has_cycle_error, "seed {seed}: cycle verdict");
        cyclic += usize::from(!acyclic);

        let sccs: Vec<Vec<usize>> = answer["sccs"]
            .as_array()
            .expect("sccs")
            .iter()
            .map(indexes)
            .collect();
        let ours: Vec<Vec<usize>> = catalog.graph().cycles().iter().map(|g| ids(g)).collect();
        let mut ours_sorted = ours.clone();
        ours_sorted.sort();
        assert_eq!(
            ours_sorted, sccs,
            "seed {seed}: strongly connected components"
        );

        let Some(path_answer) = answer.get("path") else {
            continue;
        };
        let goals: Vec<TopicId> = case.goals.iter().map(|&g| TopicId(g as u32)).collect();
        let path = StudyPath::to(catalog, &goals, &PathOptions::default());
        let mut set = ids(&path.topics);
        set.sort_unstable();
        set.dedup();
        assert_eq!(
            set.len(),
            path.topics.len(),
            "seed {seed}: a topic twice on the path"
        );
        assert_eq!(set, indexes(path_answer), "seed {seed}: path set");
        let mut place = vec![usize::MAX; catalog.topics.len()];
        for (i, id) in path.topics.iter().enumerate() {
            place[id.index()] = i;
        }
        for id in &path.topics {
            for p in catalog.topic(*id).requires() {
                assert!(
                    place[p.topic.index()] < place[id.index()],
                    "seed {seed}: `{}` comes before its prerequisite `{}`",
                    catalog.topic(*id).id,
                    catalog.topic(p.topic).id
                );
            }
        }
        paths += 1;

        let reduction = prereq::query::reduce::redundant_edges(catalog, EdgeKind::Requires);
        assert_eq!(
            reduction.unchecked, 0,
            "seed {seed}: small graphs are checked whole"
        );
        let ours: Vec<Vec<usize>> = reduction
            .edges
            .iter()
            .map(|&(p, d)| vec![p.index(), d.index()])
            .collect();
        let theirs: Vec<Vec<usize>> = answer["redundant"]
            .as_array()
            .expect("edges")
            .iter()
            .map(indexes)
            .collect();
        assert_eq!(ours, theirs, "seed {seed}: redundant edges");
        redundant += ours.len();
    }
    // The generated set must exercise every comparison.
    assert!(
        cyclic > 30 && paths > 150 && redundant > 50,
        "{cyclic} cyclic, {paths} paths, {redundant} redundant edges"
    );
}

#[test]
fn agrees_with_tsort() {
    let tsort_runs = Command::new("tsort")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !tsort_runs {
        common::skip(
            "the tsort half",
            "GNU tsort is",
            "apt-get install coreutils",
        );
        return;
    }
    let cases = cases();
    for (seed, case) in cases.iter().enumerate().take(120) {
        let mut input = String::new();
        for (i, _) in case.curriculum.topics.iter().enumerate() {
            input.push_str(&format!("{i} {i}\n"));
        }
        for (p, d, _) in case.curriculum.edges() {
            input.push_str(&format!("{p} {d}\n"));
        }
        let mut child = Command::new("tsort")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tsort starts");
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(input.as_bytes())
            .expect("tsort reads its input");
        let acyclic = child.wait().expect("tsort finishes").success();
        assert_eq!(
            !acyclic, case.has_cycle_error,
            "seed {seed}: tsort's verdict"
        );
    }
}
