//! Properties of stages, the critical chain, next steps and week plans on
//! random curricula, checked against direct (slower) computations.

use std::fmt::Write;

use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, TopicId};
use prereq::query::path::{PathOptions, StudyPath};
use prereq::query::plan;
use proptest::prelude::*;

/// A random curriculum: topic `i` has `hours[i]` (0 for none) and edges to
/// earlier topics, each `(prerequisite, recommended)`.
#[derive(Debug, Clone)]
struct Curriculum {
    hours: Vec<u8>,
    edges: Vec<Vec<(usize, bool)>>,
}

fn curriculum() -> impl Strategy<Value = Curriculum> {
    curriculum_up_to(24)
}

/// A random curriculum of fewer than `max` topics.
fn curriculum_up_to(max: usize) -> impl Strategy<Value = Curriculum> {
    (1usize..max).prop_flat_map(|n| {
        (
            prop::collection::vec(0u8..6, n),
            prop::collection::vec(
                prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..4),
                n,
            ),
        )
            .prop_map(|(hours, raw)| {
                let edges = raw
                    .into_iter()
                    .enumerate()
                    .map(|(i, list)| {
                        if i == 0 {
                            return Vec::new();
                        }
                        let mut seen = vec![false; i];
                        list.into_iter()
                            .map(|(index, soft)| (index.index(i), soft))
                            .filter(|&(p, _)| !std::mem::replace(&mut seen[p], true))
                            .collect()
                    })
                    .collect();
                Curriculum { hours, edges }
            })
    })
}

fn load(c: &Curriculum) -> Catalog {
    let mut text = String::from("version: 1\ntopics:\n");
    for (i, edges) in c.edges.iter().enumerate() {
        let _ = writeln!(text, "  - id: t{i}\n    title: T{i}");
        if c.hours[i] > 0 {
            let _ = writeln!(text, "    hours: {}", f64::from(c.hours[i]) / 2.0);
        }
        for (key, soft) in [("requires", false), ("recommends", true)] {
            let list: Vec<_> = edges.iter().filter(|e| e.1 == soft).collect();
            if !list.is_empty() {
                let _ = writeln!(text, "    {key}:");
                for (p, _) in list {
                    let _ = writeln!(text, "      - topic: t{p}");
                }
            }
        }
    }
    prereq::input::load::catalog(&SourceFile::new("random", text))
        .expect("random curricula are valid")
}

/// The on-path prerequisites of every path topic, by path position.
fn on_path_prerequisites(catalog: &Catalog, path: &StudyPath) -> Vec<Vec<usize>> {
    let positions = path.positions(catalog);
    path.topics
        .iter()
        .map(|&id| {
            let mut before: Vec<usize> = catalog
                .topic(id)
                .prerequisites
                .iter()
                .filter(|p| path.follows(p.kind))
                .filter_map(|p| positions[p.topic.index()])
                .collect();
            before.sort_unstable();
            before.dedup();
            before
        })
        .collect()
}

fn hours(catalog: &Catalog, id: TopicId) -> f64 {
    catalog.topic(id).hours_or_zero()
}

proptest! {
    #[test]
    fn plans_agree_with_direct_computation(
        c in curriculum(),
        goal_picks in prop::collection::vec(any::<prop::sample::Index>(), 1..3),
        known_picks in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        recommended in any::<bool>(),
        pace in 1u8..20,
    ) {
        let catalog = load(&c);
        let n = catalog.topics.len();
        let pick = |picks: &[prop::sample::Index]| -> Vec<TopicId> {
            picks.iter().map(|i| TopicId(i.index(n) as u32)).collect()
        };
        let path = StudyPath::to(
            &catalog,
            &pick(&goal_picks),
            &PathOptions { recommended, known: pick(&known_picks) },
        );
        let before = on_path_prerequisites(&catalog, &path);
        let m = path.topics.len();

        // Stages: a topic's stage is the longest chain of prerequisites below it.
        let mut depth = vec![0usize; m];
        for i in 0..m {
            depth[i] = before[i].iter().map(|&b| depth[b] + 1).max().unwrap_or(0);
        }
        let stages = plan::levels(&catalog, &path);
        prop_assert_eq!(stages.iter().map(Vec::len).sum::<usize>(), m);
        for (s, stage) in stages.iter().enumerate() {
            prop_assert!(!stage.is_empty());
            for id in stage {
                let at = path.topics.iter().position(|t| t == id).unwrap();
                prop_assert_eq!(depth[at], s);
            }
        }

        // Longest hours-weighted chain ending at and starting from each topic.
        let mut ending = vec![0.0f64; m];
        for i in 0..m {
            let below = before[i].iter().map(|&b| ending[b]).fold(0.0, f64::max);
            ending[i] = hours(&catalog, path.topics[i]) + below;
        }
        let mut starting = vec![0.0f64; m];
        for i in (0..m).rev() {
            let above = (i + 1..m)
                .filter(|&j| before[j].contains(&i))
                .map(|j| starting[j])
                .fold(0.0, f64::max);
            starting[i] = hours(&catalog, path.topics[i]) + above;
        }

        let chain = plan::critical_chain(&catalog, &path);
        let longest = ending.iter().copied().fold(0.0, f64::max);
        prop_assert!((chain.hours - longest).abs() < 1e-9);
        let sum: f64 = chain.topics.iter().map(|&id| hours(&catalog, id)).sum();
        prop_assert!((chain.hours - sum).abs() < 1e-9);
        prop_assert_eq!(chain.topics.is_empty(), m == 0);
        let positions = path.positions(&catalog);
        for pair in chain.topics.windows(2) {
            let (a, b) = (positions[pair[0].index()].unwrap(), positions[pair[1].index()].unwrap());
            prop_assert!(before[b].contains(&a), "not a chain: {:?}", chain.topics);
        }

        // Next: exactly the topics with no prerequisite left, ranked.
        let next = plan::next(&catalog, &path);
        let mut ready: Vec<usize> = (0..m).filter(|&i| before[i].is_empty()).collect();
        ready.sort_by(|&a, &b| starting[b].total_cmp(&starting[a]).then(a.cmp(&b)));
        let mut got: Vec<usize> = next
            .iter()
            .map(|t| positions[t.topic.index()].unwrap())
            .collect();
        for window in next.windows(2) {
            prop_assert!(window[0].chain_hours >= window[1].chain_hours);
        }
        for item in &next {
            let at = positions[item.topic.index()].unwrap();
            prop_assert!((item.chain_hours - starting[at]).abs() < 1e-9);
            let opens = (0..m).filter(|&j| before[j] == [at]).count();
            prop_assert_eq!(item.opens, opens);
        }
        got.sort_unstable();
        ready.sort_unstable();
        prop_assert_eq!(got, ready);

        // Weeks: every hour placed once, in path order, no week over the pace.
        let pace = f64::from(pace) / 2.0;
        let weeks = plan::weeks(&catalog, &path, pace).unwrap();
        let mut placed = vec![0.0f64; n];
        let mut order = Vec::new();
        let mut next_week = 1;
        for week in &weeks.weeks {
            prop_assert_eq!(week.first, next_week);
            next_week = week.last + 1;
            let runs = (week.last - week.first + 1) as f64;
            if week.first != week.last {
                prop_assert_eq!(week.items.len(), 1, "a run holds one topic alone");
            }
            let total: f64 = week.items.iter().map(|i| i.hours).sum();
            prop_assert!(total <= pace + 1e-9);
            for item in &week.items {
                placed[item.topic.index()] += item.hours * runs;
                if order.last() != Some(&item.topic) {
                    order.push(item.topic);
                }
            }
        }
        prop_assert_eq!(&order, &path.topics);
        for &id in &path.topics {
            prop_assert!((placed[id.index()] - hours(&catalog, id)).abs() < 1e-9);
        }
    }
}

/// Hours as the float formatter writes them, rounded to tenths: what
/// `text::hours` writes with integers.
fn hours_by_float(h: f64) -> String {
    let rounded = (h * 10.0).round() / 10.0 + 0.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

proptest! {
    #[test]
    fn hours_read_as_the_float_formatter_writes_them(
        h in prop_oneof![0.0..20.0f64, 0.0..1e7f64, 0.0..1e16f64, (0u32..100_000).prop_map(|t| f64::from(t) / 20.0)]
    ) {
        prop_assert_eq!(prereq::view::text::hours(h), hours_by_float(h));
    }
}

#[test]
fn hours_at_the_edges_read_as_the_float_formatter_writes_them() {
    for h in [
        0.0, -0.0, 0.04, 0.05, 0.15, 0.25, 2.45, 2.55, 9.95, 1e15, 2e16, -3.0, -0.25,
    ] {
        assert_eq!(prereq::view::text::hours(h), hours_by_float(h), "{h}");
    }
}

/// Every chain of prerequisites from `at` down to `topic`, as (dependent,
/// prerequisite, recommended) edges from `at` down.
fn all_chains(c: &Curriculum, at: usize, topic: usize) -> Vec<Vec<(usize, usize, bool)>> {
    if at == topic {
        return vec![Vec::new()];
    }
    let mut chains = Vec::new();
    for &(p, soft) in &c.edges[at] {
        for rest in all_chains(c, p, topic) {
            let mut chain = vec![(at, p, soft)];
            chain.extend(rest);
            chains.push(chain);
        }
    }
    chains
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// `why` shows, of all chains, the one with the fewest recommendations,
    /// then the fewest edges, then the topics first in the file from the goal
    /// down, and calls the topic required exactly when that chain has no
    /// recommendation.
    #[test]
    fn why_shows_the_closest_chain_of_all(
        c in curriculum_up_to(13),
        topic in any::<prop::sample::Index>(),
        goal in any::<prop::sample::Index>(),
    ) {
        let catalog = load(&c);
        let n = catalog.topics.len();
        let (topic, goal) = (topic.index(n), goal.index(n));
        let why = plan::why(&catalog, TopicId(topic as u32), TopicId(goal as u32), &[]);
        let shown: Vec<(usize, usize, bool)> = why
            .chain
            .iter()
            .map(|link| (
                link.dependent.index(),
                link.prerequisite.index(),
                link.kind == prereq::model::catalog::EdgeKind::Recommends,
            ))
            .collect();
        let best = all_chains(&c, goal, topic).into_iter().min_by_key(|chain| {
            let recommends = chain.iter().filter(|e| e.2).count();
            let topics: Vec<usize> = chain.iter().map(|e| e.1).collect();
            (recommends, chain.len(), topics)
        });
        let expected_need = match &best {
            _ if topic == goal => plan::Need::Goal,
            None => plan::Need::NotNeeded,
            Some(chain) if chain.iter().all(|e| !e.2) => plan::Need::Required,
            Some(_) => plan::Need::Recommended,
        };
        prop_assert_eq!(why.need, expected_need);
        let expected_chain = if topic == goal { Vec::new() } else { best.unwrap_or_default() };
        prop_assert_eq!(shown, expected_chain);
    }
}
