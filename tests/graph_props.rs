//! Properties of study paths, cycle detection and edge reduction on random
//! graphs, checked against brute-force answers.

use std::collections::BTreeSet;
use std::fmt::Write;

use prereq::diagnostic::Code;
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, EdgeKind, TopicId};
use prereq::query::path::{PathOptions, StudyPath};
use prereq::query::reduce::{implying_chain, redundant_edges};
use proptest::prelude::*;

/// A topics file with topics `t0..tn`; `edges` are (prerequisite, dependent).
fn topics_yaml(n: usize, edges: &[(usize, usize)]) -> String {
    let mut text = String::from("version: 1\ntopics:\n");
    for t in 0..n {
        let _ = writeln!(text, "  - id: t{t}\n    title: Topic {t}");
        let prereqs: Vec<String> = edges
            .iter()
            .filter(|&&(_, d)| d == t)
            .map(|&(p, _)| format!("t{p}"))
            .collect();
        if !prereqs.is_empty() {
            let _ = writeln!(text, "    requires: [{}]", prereqs.join(", "));
        }
    }
    text
}

fn load(n: usize, edges: &[(usize, usize)]) -> (Catalog, Vec<prereq::diagnostic::Diagnostic>) {
    let source = SourceFile::new("random.yaml", topics_yaml(n, edges));
    let (catalog, diagnostics) = prereq::input::load::analyze(&source);
    (catalog.expect("generated files parse"), diagnostics)
}

/// Random DAG edges: each topic takes up to 4 distinct earlier topics, shuffled
/// by a permutation so reading order and dependency order differ.
fn dag() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (2usize..24)
        .prop_flat_map(|n| {
            let edges = proptest::collection::vec((0..n, 0..n), 0..n * 3);
            let perm = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
            (Just(n), edges, perm)
        })
        .prop_map(|(n, raw, perm)| {
            let edges: BTreeSet<(usize, usize)> = raw
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.min(b), a.max(b)))
                .map(|(a, b)| (perm[a], perm[b]))
                .collect();
            (n, edges.into_iter().collect())
        })
}

fn reach(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<bool>> {
    let mut r = vec![vec![false; n]; n];
    for &(a, b) in edges {
        r[a][b] = true;
    }
    for k in 0..n {
        let via = r[k].clone();
        for row in r.iter_mut() {
            if row[k] {
                for (cell, &onward) in row.iter_mut().zip(&via) {
                    *cell |= onward;
                }
            }
        }
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn path_is_the_ancestors_in_a_topological_order((n, edges) in dag(), goal in 0usize..24) {
        let goal = goal % n;
        let (catalog, diagnostics) = load(n, &edges);
        prop_assert!(diagnostics.iter().all(|d| d.code != Code::Cycle));
        let path = StudyPath::to(&catalog, &[TopicId(goal as u32)], &PathOptions::default());
        let r = reach(n, &edges);
        let expected: BTreeSet<usize> = (0..n).filter(|&t| t == goal || r[t][goal]).collect();
        let got: BTreeSet<usize> = path.topics.iter().map(|t| t.index()).collect();
        prop_assert_eq!(got, expected);
        let position: std::collections::HashMap<usize, usize> =
            path.topics.iter().enumerate().map(|(i, t)| (t.index(), i)).collect();
        for &(a, b) in &edges {
            if let (Some(pa), Some(pb)) = (position.get(&a), position.get(&b)) {
                prop_assert!(pa < pb, "t{} must come before t{}", a, b);
            }
        }
        let again = StudyPath::to(&catalog, &[TopicId(goal as u32)], &PathOptions::default());
        prop_assert_eq!(path, again);
    }

    #[test]
    fn injected_cycles_are_found_and_named((n, edges) in dag(), pick in 0usize..1000) {
        prop_assume!(!edges.is_empty());
        let (a, b) = edges[pick % edges.len()];
        // b -> a closes a cycle through every topic on some path a ~> b.
        let mut cyclic = edges.clone();
        cyclic.push((b, a));
        let (catalog, diagnostics) = load(n, &cyclic);
        let cycles: Vec<_> = diagnostics.iter().filter(|d| d.code == Code::Cycle).collect();
        prop_assert_eq!(cycles.len(), 1);
        let named: BTreeSet<&str> = cycles[0].topics.iter().map(String::as_str).collect();
        let r2 = reach(n, &cyclic);
        let expected: BTreeSet<String> = (0..n).filter(|&t| r2[t][t]).map(|t| format!("t{t}")).collect();
        let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
        prop_assert_eq!(named, expected);
        let (ta, tb) = (format!("t{a}"), format!("t{b}"));
        prop_assert!(cycles[0].message.contains(&ta) && cycles[0].message.contains(&tb));
        prop_assert_eq!(catalog.graph().cycles().len(), 1);
    }

    #[test]
    fn redundant_edges_are_those_a_longer_chain_implies((n, edges) in dag()) {
        let (catalog, _) = load(n, &edges);
        let r = reach(n, &edges);
        let expected: Vec<(usize, usize)> = edges
            .iter()
            .copied()
            .filter(|&(a, b)| (0..n).any(|k| k != a && k != b && r[a][k] && r[k][b]))
            .collect();
        let found = redundant_edges(&catalog, EdgeKind::Requires);
        prop_assert_eq!(found.unchecked, 0);
        let mut got: Vec<(usize, usize)> = found.edges.iter().map(|(a, b)| (a.index(), b.index())).collect();
        got.sort_unstable();
        let mut expected = expected;
        expected.sort_unstable();
        prop_assert_eq!(&got, &expected);
        for &(a, b) in &got {
            let chain = implying_chain(&catalog, TopicId(a as u32), TopicId(b as u32), EdgeKind::Requires)
                .expect("a redundant edge has a chain");
            prop_assert!(chain.len() >= 3);
            prop_assert_eq!(chain[0].index(), a);
            prop_assert_eq!(chain[chain.len() - 1].index(), b);
            for pair in chain.windows(2) {
                prop_assert!(edges.contains(&(pair[0].index(), pair[1].index())));
            }
        }
    }
}

/// The search for cycles first sets aside every topic that cannot be on one,
/// from both ends of the graph. A topic downstream of one cycle and upstream
/// of another survives that, yet is on neither, and must not be named.
#[test]
fn topics_between_two_cycles_are_on_neither() {
    // t1 <-> t2, then t3 between, then t4 <-> t5; t0 leads in, t6 leads out,
    // and t7 hangs off the side.
    let edges = [
        (0, 1),
        (1, 2),
        (2, 1),
        (2, 3),
        (3, 4),
        (4, 5),
        (5, 4),
        (5, 6),
        (3, 7),
    ];
    let (catalog, diagnostics) = load(8, &edges);
    let groups: Vec<Vec<u32>> = catalog
        .graph()
        .cycles()
        .iter()
        .map(|group| group.iter().map(|t| t.0).collect())
        .collect();
    assert_eq!(groups, [vec![1, 2], vec![4, 5]]);
    let named: Vec<&[String]> = diagnostics
        .iter()
        .filter(|d| d.code == Code::Cycle)
        .map(|d| d.topics.as_slice())
        .collect();
    assert_eq!(named.len(), 2, "{named:?}");
}
