//! Redundant `requires` edges are reported with the chain that implies them,
//! and a search cut short by its budget is said so in the summary, having
//! reported only edges that are redundant.

use std::collections::{BTreeSet, HashMap};

use prereq::diagnostic::Code;
use prereq::input::source::SourceFile;
use prereq::model::catalog::EdgeKind;
use prereq::query::check::CheckOptions;

/// A chain t0 <- t1 <- ... <- t(n-1), then `last` requiring t0 and t(n-1).
fn chain(n: usize) -> String {
    let mut yaml = String::from(
        "version: 1\ntopics:\n  - id: t0\n    title: T0\n    hours: 1\n    resources: [{title: R, url: https://example.org/, kind: notes}]\n",
    );
    for i in 1..n {
        yaml.push_str(&format!(
            "  - id: t{i}\n    title: T{i}\n    hours: 1\n    resources: [{{title: R, url: https://example.org/, kind: notes}}]\n    requires: [t{}]\n",
            i - 1
        ));
    }
    yaml.push_str(&format!(
        "  - id: last\n    title: Last\n    hours: 1\n    resources: [{{title: R, url: https://example.org/, kind: notes}}]\n    requires: [t0, t{}]\n",
        n - 1
    ));
    yaml
}

#[test]
fn a_short_redundant_edge_comes_with_its_chain() {
    let source = SourceFile::new("chain.yaml", chain(4));
    let report = prereq::query::check::check(&source, &CheckOptions::default());
    let redundant: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RedundantPrerequisite)
        .collect();
    assert_eq!(redundant.len(), 1);
    assert_eq!(
        redundant[0].message,
        "topic `last` requires `t0`, which another chain of requirements already implies"
    );
    assert_eq!(redundant[0].notes, ["chain: t0 -> t1 -> t2 -> t3 -> last"]);
    assert_eq!(report.unchecked_redundancy, 0);
}

/// Topics in an order where every prerequisite comes first, as (id, requires).
type Topics = Vec<(String, Vec<String>)>;

/// A graph built to run the search out of budget. Topic `wide` requires
/// 40 unrelated sources `l*` that all lead, through `f`, to more topics than
/// one search may visit, and 40 topics `h*` fed by a pool `a*` at the end of a
/// chain `g*`. With that many direct prerequisites the labels are not asked,
/// so nothing short of walking all of `f`'s dependents settles the `l*`.
/// Redundant: `wide` <- `g0` and `a0` (through the `h*`), `x` <- `l0` (through `f`).
fn out_of_budget() -> Topics {
    let names = |prefix: &str, n: usize| (0..n).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>();
    let (l, a, h) = (names("l", 40), names("a", 100), names("h", 40));
    let mut topics: Topics = Vec::new();
    for id in &l {
        topics.push((id.clone(), vec![]));
    }
    topics.push(("f".into(), l.clone()));
    for y in names("y", prereq::query::reduce::PER_TOPIC_BUDGET + 1_000) {
        topics.push((y, vec!["f".into()]));
    }
    topics.push(("x".into(), vec!["f".into(), "l0".into()]));
    topics.push(("g0".into(), vec![]));
    for i in 1..=10 {
        topics.push((format!("g{i}"), vec![format!("g{}", i - 1)]));
    }
    for id in &a {
        topics.push((id.clone(), vec!["g10".into()]));
    }
    for (i, id) in h.iter().enumerate() {
        let pool = (0..10).map(|j| a[(7 * i + j) % a.len()].clone()).collect();
        topics.push((id.clone(), pool));
    }
    let mut wide: Vec<String> = l.iter().chain(&h).cloned().collect();
    wide.extend(["g0".into(), "a0".into()]);
    topics.push(("wide".into(), wide));
    topics
}

fn yaml(topics: &Topics) -> String {
    let mut text = String::from("version: 1\ntopics:\n");
    for (id, requires) in topics {
        text.push_str(&format!("  - id: {id}\n    title: {id}\n    hours: 1\n    resources: [{{title: R, url: https://example.org/, kind: notes}}]\n"));
        if !requires.is_empty() {
            text.push_str(&format!("    requires: [{}]\n", requires.join(", ")));
        }
    }
    text
}

/// Every redundant edge, by reachability sets: (prerequisite, dependent) names.
fn brute_force(topics: &Topics) -> BTreeSet<(String, String)> {
    let index: HashMap<&str, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let words = topics.len().div_ceil(64);
    // below[t]: the topics t leads to; prerequisites come first, so walk back.
    let mut below = vec![vec![0u64; words]; topics.len()];
    for t in (0..topics.len()).rev() {
        for p in &topics[t].1 {
            let p = index[p.as_str()];
            let (head, tail) = below.split_at_mut(t);
            for (w, &bits) in head[p].iter_mut().zip(&tail[0]) {
                *w |= bits;
            }
            head[p][t / 64] |= 1 << (t % 64);
        }
    }
    let mut redundant = BTreeSet::new();
    for (id, requires) in topics {
        for d in requires {
            let implied = requires.iter().any(|p| {
                let q = index[p.as_str()];
                p != d && below[index[d.as_str()]][q / 64] >> (q % 64) & 1 == 1
            });
            if implied {
                redundant.insert((d.clone(), id.clone()));
            }
        }
    }
    redundant
}

/// The redundant `requires` edges prereq finds, by name, and how many it
/// left unchecked.
fn search(topics: &Topics) -> (BTreeSet<(String, String)>, usize) {
    let source = SourceFile::new("search.yaml", yaml(topics));
    let catalog = prereq::input::load::catalog(&source).expect("the graph loads");
    let found = prereq::query::reduce::redundant_edges(&catalog, EdgeKind::Requires);
    let names = found
        .edges
        .iter()
        .map(|&(d, v)| (catalog.topic(d).id.clone(), catalog.topic(v).id.clone()))
        .collect();
    (names, found.unchecked)
}

#[test]
fn a_search_out_of_budget_reports_only_redundant_edges_and_counts_the_rest() {
    let topics = out_of_budget();
    let (found_names, unchecked) = search(&topics);
    let exact = brute_force(&topics);
    let pair = |d: &str, v: &str| (d.to_string(), v.to_string());
    assert_eq!(
        exact,
        BTreeSet::from([pair("a0", "wide"), pair("g0", "wide"), pair("l0", "x")])
    );
    assert!(found_names.is_subset(&exact), "{found_names:?}");
    assert!(found_names.contains(&pair("l0", "x")));
    assert!(unchecked > 0);
    assert!(found_names.len() + unchecked >= exact.len());
}

/// The same bounds on generated curricula, where every edge gets decided.
#[test]
fn generated_curricula_get_the_exact_answer() {
    for max_prerequisites in [5, 20] {
        let mut options = prereq::generate::GenerateOptions::new(3_000);
        options.max_prerequisites = max_prerequisites;
        let curriculum = prereq::generate::generate(&options);
        let topics: Topics = curriculum
            .topics
            .iter()
            .map(|t| {
                let requires = t.requires.iter().map(|&p| curriculum.topics[p].id.clone());
                (t.id.clone(), requires.collect())
            })
            .collect();
        let (found_names, unchecked) = search(&topics);
        assert_eq!(unchecked, 0);
        assert_eq!(found_names, brute_force(&topics));
    }
}

#[test]
fn edges_past_the_search_budget_are_counted_not_guessed() {
    let source = SourceFile::new("budget.yaml", yaml(&out_of_budget()));
    let report = prereq::query::check::check(&source, &CheckOptions::default());
    assert!(report.unchecked_redundancy > 0);
    let summary = prereq::view::report::summary(&report);
    assert!(
        summary.ends_with(&format!(
            "\nnote: {} `requires` edges were not checked for redundancy: the search stops at a size limit",
            report.unchecked_redundancy
        )),
        "{summary}"
    );
    let allowed = CheckOptions {
        allow: vec![Code::RedundantPrerequisite],
        order: None,
    };
    let report = prereq::query::check::check(&source, &allowed);
    assert_eq!(report.unchecked_redundancy, 0);
}

/// Chunks searched side by side give the answer of one search over all
/// topics, however small they are; out of budget, each chunk still reports
/// only redundant edges and counts the rest.
#[test]
fn chunks_of_any_size_give_the_same_answer() {
    let curriculum = prereq::generate::generate(&prereq::generate::GenerateOptions::new(3_000));
    let source = SourceFile::new("chunks.json", curriculum.to_json());
    let catalog = prereq::input::load::catalog(&source).expect("the graph loads");
    let whole =
        prereq::query::reduce::redundant_edges_in_chunks(&catalog, EdgeKind::Requires, 3_000);
    assert_eq!(whole.unchecked, 0);
    assert!(whole.edges.len() > 100, "{}", whole.edges.len());
    assert_eq!(
        prereq::query::reduce::redundant_edges(&catalog, EdgeKind::Requires),
        whole
    );
    for chunk in [1, 7, 1_000, 2_999] {
        let found =
            prereq::query::reduce::redundant_edges_in_chunks(&catalog, EdgeKind::Requires, chunk);
        assert_eq!(found, whole, "chunks of {chunk}");
    }
    let beside =
        prereq::query::reduce::redundant_edges_beside(&catalog, EdgeKind::Requires, || {
            catalog.topics.len()
        });
    assert_eq!(beside, (whole.clone(), 3_000));

    let topics = out_of_budget();
    let exact = brute_force(&topics);
    let source = SourceFile::new("budget.yaml", yaml(&topics));
    let catalog = prereq::input::load::catalog(&source).expect("the graph loads");
    for chunk in [1, 2, 5] {
        let found =
            prereq::query::reduce::redundant_edges_in_chunks(&catalog, EdgeKind::Requires, chunk);
        let names: BTreeSet<_> = found
            .edges
            .iter()
            .map(|&(d, v)| (catalog.topic(d).id.clone(), catalog.topic(v).id.clone()))
            .collect();
        assert!(names.is_subset(&exact), "chunks of {chunk}: {names:?}");
        assert!(
            names.len() + found.unchecked >= exact.len(),
            "chunks of {chunk}"
        );
    }
}

/// The other rules on a thread beside the redundancy search give what they
/// give after it, in the same order.
#[test]
fn rules_beside_the_search_give_the_same_warnings() {
    let curriculum = prereq::generate::generate(&prereq::generate::GenerateOptions::new(2_000));
    // Read backwards, every edge points to a later topic: out of order.
    let mut topics: Topics = curriculum
        .topics
        .iter()
        .rev()
        .map(|t| {
            let requires = t.requires.iter().map(|&p| curriculum.topics[p].id.clone());
            (t.id.clone(), requires.collect())
        })
        .collect();
    topics.push(("alone".to_owned(), Vec::new()));
    let source = SourceFile::new("backwards.yaml", yaml(&topics));
    let catalog = prereq::input::load::catalog(&source).expect("the graph loads");
    let alone = prereq::query::check::warnings_on_threads(&catalog, false);
    let beside = prereq::query::check::warnings_on_threads(&catalog, true);
    assert_eq!(beside, alone);
    assert_eq!(prereq::query::check::warnings(&catalog), alone);

    let codes: Vec<Code> = alone.diagnostics.iter().map(|d| d.code).collect();
    let count = |code| codes.iter().filter(|&&c| c == code).count();
    assert!(
        count(Code::OutOfOrder) > 1_000,
        "{}",
        count(Code::OutOfOrder)
    );
    assert_eq!(
        count(Code::RedundantPrerequisite),
        prereq::query::check::FULL_REDUNDANT
    );
    assert!(!alone.redundant.is_empty());
    assert!(count(Code::IsolatedTopic) >= 1);
    // Out-of-order warnings first, then redundant edges, then the rest.
    let last_out_of_order = codes.iter().rposition(|&c| c == Code::OutOfOrder).unwrap();
    let first_redundant = codes
        .iter()
        .position(|&c| c == Code::RedundantPrerequisite)
        .unwrap();
    assert_eq!(first_redundant, last_out_of_order + 1);
    assert_eq!(codes.last(), Some(&Code::IsolatedTopic));
}
