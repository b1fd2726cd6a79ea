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
    /// The sum of the topics' hours.
    pub total_hours: f64,
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
    /// The path to `goals`. The catalog must be free of cycles among the edges followed.
    pub fn to(catalog: &Catalog, goals: &[TopicId], options: &PathOptions) -> StudyPath {
        let known = known_closure(catalog, &options.known);
        let follow = |kind: EdgeKind| options.recommended || kind == EdgeKind::Requires;
        let wanted = ancestors(catalog, goals, follow, &known);
        let topics = topological_order(catalog, &wanted, follow);
        let total_hours = topics
            .iter()
            .map(|&id| catalog.topic(id).hours_or_zero())
            .sum::<f64>()
            // The sum of no hours is -0.0; adding zero makes it 0.0.
            + 0.0;
        StudyPath {
            goals: goals.to_vec(),
            topics,
            total_hours,
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
}
