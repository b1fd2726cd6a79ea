//! Study paths: everything a goal needs, each topic after its prerequisites,
//! in the file's reading order wherever there is a choice.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::model::catalog::{Catalog, EdgeKind, TopicId};

/// What a study path follows and leaves out.
#[derive(Debug, Clone, Default)]
pub struct PathOptions {
    /// Follow `recommends` edges as well as `requires`.
    pub recommended: bool,
    /// Topics the learner already knows; they, and all they require, leave the path.
    pub known: Vec<TopicId>,
}

/// An ordered list of topics that reaches the goals.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyPath {
    /// The goals, as asked for.
    pub goals: Vec<TopicId>,
    /// The topics to study, in order; goals included unless known.
    pub topics: Vec<TopicId>,
    /// The sum of the topics' hours (those without an estimate count none).
    pub total_hours: f64,
    /// Per topic of `topics`: whether it is there only because of a
    /// recommendation, no chain of `requires` edges leading to it from a goal.
    /// All false unless `recommended`.
    pub optional: Vec<bool>,
    /// The sum of the optional topics' hours, a part of `total_hours`.
    pub optional_hours: f64,
    /// The topics of `topics` that have no estimate of hours, in path order.
    pub unestimated: Vec<TopicId>,
    /// Whether `recommends` edges were followed as well as `requires`.
    pub recommended: bool,
    /// The topics the learner said they know, as given.
    pub known: Vec<TopicId>,
}

impl StudyPath {
    /// Whether the path follows edges of this kind.
    pub fn follows(&self, kind: EdgeKind) -> bool {
        self.recommended || kind == EdgeKind::Requires
    }

    /// For every topic of the catalog, its place on the path, if it is on it.
    pub fn positions(&self, catalog: &Catalog) -> Vec<Option<usize>> {
        let mut positions = vec![None; catalog.topics.len()];
        for (n, id) in self.topics.iter().enumerate() {
            positions[id.index()] = Some(n);
        }
        positions
    }
}

/// Marks, for every topic, whether a walk from `starts` against the edges reaches it.
/// `follow` chooses which edge kinds to walk; `blocked` topics are neither entered nor passed.
pub fn ancestors(
    catalog: &Catalog,
    starts: &[TopicId],
    follow: impl Fn(EdgeKind) -> bool,
    blocked: &[bool],
) -> Vec<bool> {
    let graph = catalog.graph();
    let mut seen = vec![false; catalog.topics.len()];
    let mut stack: Vec<TopicId> = Vec::new();
    for &start in starts {
        if !blocked[start.index()] && !seen[start.index()] {
            seen[start.index()] = true;
            stack.push(start);
        }
    }
    while let Some(at) = stack.pop() {
        for (prereq, kind) in graph.prerequisites(at) {
            if follow(kind) && !seen[prereq.index()] && !blocked[prereq.index()] {
                seen[prereq.index()] = true;
                stack.push(prereq);
            }
        }
    }
    seen
}

/// The topics that count as known: `known` and everything they require.
pub fn known_closure(catalog: &Catalog, known: &[TopicId]) -> Vec<bool> {
    let none = vec![false; catalog.topics.len()];
    ancestors(catalog, known, |kind| kind == EdgeKind::Requires, &none)
}

impl StudyPath {
    /// The hours of the topics that are not optional.
    pub fn required_hours(&self) -> f64 {
        // Adding zero turns a -0.0 difference into 0.0.
        self.total_hours - self.optional_hours + 0.0
    }

    /// Per topic of the catalog, by index: whether the path holds it as
    /// optional (see [`StudyPath::optional`]).
    pub fn optional_by_topic(&self, catalog: &Catalog) -> Vec<bool> {
        let mut optional = vec![false; catalog.topics.len()];
        for (id, &o) in self.topics.iter().zip(&self.optional) {
            optional[id.index()] = o;
        }
        optional
    }

    /// The path to `goals`. The catalog must be free of cycles among the edges followed.
    pub fn to(catalog: &Catalog, goals: &[TopicId], options: &PathOptions) -> StudyPath {
        let known = known_closure(catalog, &options.known);
        let follow = |kind: EdgeKind| options.recommended || kind == EdgeKind::Requires;
        let wanted = ancestors(catalog, goals, follow, &known);
        let topics = topological_order(catalog, &wanted, follow);
        let optional = if options.recommended {
            let required = ancestors(catalog, goals, |kind| kind == EdgeKind::Requires, &known);
            topics.iter().map(|id| !required[id.index()]).collect()
        } else {
            vec![false; topics.len()]
        };
        // Summed from +0.0, not by `Iterator::sum`, whose empty sum is -0.0.
        let (mut total_hours, mut optional_hours) = (0.0, 0.0);
        for (&id, &optional) in topics.iter().zip(&optional) {
            let hours = catalog.topic(id).hours_or_zero();
            total_hours += hours;
            if optional {
                optional_hours += hours;
            }
        }
        let unestimated = topics
            .iter()
            .copied()
            .filter(|&id| catalog.topic(id).hours.is_none())
            .collect();
        StudyPath {
            goals: goals.to_vec(),
            topics,
            total_hours,
            optional,
            optional_hours,
            unestimated,
            recommended: options.recommended,
            known: options.known.clone(),
        }
    }
}

/// Kahn's algorithm over the `wanted` topics, taking the earliest topic in
/// reading order among those ready. Topics on a cycle, and all that depend on
/// them, never become ready and are left out.
pub fn topological_order(
    catalog: &Catalog,
    wanted: &[bool],
    follow: impl Fn(EdgeKind) -> bool,
) -> Vec<TopicId> {
    if catalog.graph().points_forward() {
        // Reading order is then a topological order, and the earliest ready
        // topic is always the earliest one left: Kahn's algorithm would give
        // the wanted topics in reading order, so they are taken as they are.
        return catalog.ids().filter(|id| wanted[id.index()]).collect();
    }
    kahn_order(catalog, wanted, follow)
}

/// [`topological_order`] by Kahn's algorithm, whatever the edges.
fn kahn_order(
    catalog: &Catalog,
    wanted: &[bool],
    follow: impl Fn(EdgeKind) -> bool,
) -> Vec<TopicId> {
    let graph = catalog.graph();
    let mut waiting = vec![0u32; catalog.topics.len()];
    let mut ready = BinaryHeap::new();
    let mut count = 0;
    for id in catalog.ids().filter(|id| wanted[id.index()]) {
        count += 1;
        let n = graph
            .prerequisites(id)
            .filter(|&(p, kind)| follow(kind) && wanted[p.index()])
            .count() as u32;
        waiting[id.index()] = n;
        if n == 0 {
            ready.push(Reverse(id));
        }
    }
    let mut order = Vec::with_capacity(count);
    while let Some(Reverse(id)) = ready.pop() {
        order.push(id);
        for (next, kind) in graph.dependents(id) {
            if follow(kind) && wanted[next.index()] {
                waiting[next.index()] -= 1;
                if waiting[next.index()] == 0 {
                    ready.push(Reverse(next));
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On files whose edges all point forward, the order taken as it stands
    /// is the one Kahn's algorithm gives, for every kind of edge followed.
    #[test]
    fn forward_files_keep_kahns_order() {
        for seed in 0..4 {
            let mut options = crate::generate::GenerateOptions::new(3_000);
            options.seed = seed;
            let json = crate::generate::generate(&options).to_json();
            let source = crate::input::source::SourceFile::new("forward.json", json);
            let catalog = crate::input::load::catalog(&source).expect("the graph loads");
            assert!(catalog.graph().points_forward());
            let last = TopicId(catalog.topics.len() as u32 - 1);
            for recommended in [false, true] {
                let follow = |kind: EdgeKind| recommended || kind == EdgeKind::Requires;
                let nothing_known = vec![false; catalog.topics.len()];
                let wanted = ancestors(&catalog, &[last], follow, &nothing_known);
                let order = topological_order(&catalog, &wanted, follow);
                assert!(order.len() > 100, "{}", order.len());
                assert_eq!(order, kahn_order(&catalog, &wanted, follow));
            }
        }
    }

    /// A topic is optional when only recommendations lead to it, even if a
    /// `requires` edge leads to it from another optional topic; one that a
    /// chain of `requires` reaches from the goal is not, even when a goal
    /// also recommends it. Hours without an estimate are listed, not summed.
    #[test]
    fn optional_topics_are_those_only_recommendations_reach() {
        let yaml = "version: 1\ntopics:\n\
            - {id: base, title: Base, hours: 1}\n\
            - {id: extra, title: Extra, hours: 2, requires: [deep]}\n\
            - {id: deep, title: Deep}\n\
            - {id: goal, title: Goal, hours: 4, requires: [base], recommends: [extra, base]}\n";
        let source = crate::input::source::SourceFile::new("optional.yaml", yaml);
        let catalog = crate::input::load::catalog(&source).expect("the graph loads");
        let id = |name: &str| catalog.lookup(name).expect("a topic");
        let options = PathOptions {
            recommended: true,
            known: Vec::new(),
        };
        let path = StudyPath::to(&catalog, &[id("goal")], &options);
        let marked: Vec<(&str, bool)> = path
            .topics
            .iter()
            .zip(&path.optional)
            .map(|(&t, &o)| (catalog.topic(t).id.as_str(), o))
            .collect();
        assert_eq!(
            marked,
            [
                ("base", false),
                ("deep", true),
                ("extra", true),
                ("goal", false)
            ]
        );
        assert_eq!((path.total_hours, path.optional_hours), (7.0, 2.0));
        assert_eq!(path.unestimated, [id("deep")]);
        let required = StudyPath::to(&catalog, &[id("goal")], &PathOptions::default());
        assert_eq!(required.optional, [false, false]);
        assert_eq!((required.total_hours, required.optional_hours), (5.0, 0.0));
        assert!(required.unestimated.is_empty());
    }
}
