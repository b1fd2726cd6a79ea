//! Redundant edges: a prerequisite edge that another chain of edges already
//! implies, and that a transitive reduction would remove.
//!
//! An exact answer costs time proportional to topics times edges on dense
//! graphs, so the search is bounded: each topic's search visits at most
//! [`PER_TOPIC_BUDGET`] topics, and the whole run at most [`GLOBAL_FACTOR`]
//! times the size of the graph. Edges whose search ran out are counted in
//! [`Redundancy::unchecked`], never guessed.

use std::collections::VecDeque;

use crate::catalog::{Catalog, EdgeKind, TopicId};
use crate::path::topological_order;

/// How many topics one topic's search may visit.
pub const PER_TOPIC_BUDGET: usize = 4_096;

/// The whole run may visit this many times (topics + edges).
pub const GLOBAL_FACTOR: usize = 16;

/// The outcome of a search for redundant edges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redundancy {
    /// Redundant edges as (prerequisite, dependent), sorted.
    pub edges: Vec<(TopicId, TopicId)>,
    /// How many edges could not be checked within the search budget.
    pub unchecked: usize,
}

/// Finds the `kind` edges implied by another chain of `kind` edges.
/// Topics on a cycle are skipped: a cycle has no transitive reduction.
pub fn redundant_edges(catalog: &Catalog, kind: EdgeKind) -> Redundancy {
    let follow = |k: EdgeKind| k == kind;
    let position = positions(catalog, kind);
    let graph = catalog.graph();
    let n = catalog.topics.len();
    let mut global = GLOBAL_FACTOR
        .saturating_mul(n + graph.petgraph().edge_count())
        .max(PER_TOPIC_BUDGET);
    let mut stamp = vec![u32::MAX; n];
    let mut direct_mark = vec![u32::MAX; n];
    let mut stack = Vec::new();
    let mut result = Redundancy::default();

    for v in catalog.ids() {
        let Some(v_pos) = position[v.index()] else {
            continue;
        };
        let generation = v.0;
        let mut direct: Vec<TopicId> = graph
            .prerequisites(v)
            .filter(|&(p, k)| follow(k) && position[p.index()].is_some())
            .map(|(p, _)| p)
            .collect();
        direct.sort_unstable();
        direct.dedup();
        if direct.len() < 2 {
            continue;
        }
        let floor = direct
            .iter()
            .filter_map(|p| position[p.index()])
            .min()
            .unwrap_or(v_pos);
        for &p in &direct {
            direct_mark[p.index()] = generation;
        }
        // Walk the ancestors of v's direct prerequisites (not the prerequisites
        // themselves): any direct prerequisite met there is implied by a longer chain.
        stack.clear();
        for &p in &direct {
            stack.push(p);
        }
        let mut found = Vec::new();
        let mut visits = 0usize;
        let mut exhausted = false;
        while let Some(at) = stack.pop() {
            for (w, k) in graph.prerequisites(at) {
                if !follow(k) || stamp[w.index()] == generation {
                    continue;
                }
                let Some(w_pos) = position[w.index()] else {
                    continue;
                };
                if w_pos < floor {
                    continue;
                }
                stamp[w.index()] = generation;
                visits += 1;
                if direct_mark[w.index()] == generation {
                    found.push(w);
                }
                stack.push(w);
            }
            if visits > PER_TOPIC_BUDGET || visits > global {
                exhausted = true;
                break;
            }
        }
        global = global.saturating_sub(visits);
        if exhausted {
            // Edges already found are certainly redundant; the rest are unknown.
            result.unchecked += direct.len() - found.len();
        }
        for w in found {
            result.edges.push((w, v));
        }
    }
    result.edges.sort_unstable();
    result
}

/// A chain of `kind` edges from `prerequisite` to `dependent` other than the
/// direct edge, as the topics along it (both ends included), if one exists
/// within the search budget.
pub fn implying_chain(
    catalog: &Catalog,
    prerequisite: TopicId,
    dependent: TopicId,
    kind: EdgeKind,
) -> Option<Vec<TopicId>> {
    let graph = catalog.graph();
    let mut parent: std::collections::HashMap<TopicId, TopicId> = std::collections::HashMap::new();
    let mut queue = VecDeque::new();
    for (p, k) in graph.prerequisites(dependent) {
        if k == kind && p != prerequisite && !parent.contains_key(&p) {
            parent.insert(p, dependent);
            queue.push_back(p);
        }
    }
    let mut visits = 0;
    while let Some(at) = queue.pop_front() {
        if at == prerequisite {
            let mut chain = vec![at];
            let mut step = at;
            while step != dependent {
                step = parent[&step];
                chain.push(step);
            }
            return Some(chain);
        }
        visits += 1;
        if visits > PER_TOPIC_BUDGET {
            return None;
        }
        for (w, k) in graph.prerequisites(at) {
            if k == kind && w != dependent && !parent.contains_key(&w) {
                parent.insert(w, at);
                queue.push_back(w);
            }
        }
    }
    None
}

/// Each topic's position in a topological order of the `kind` edges; `None`
/// for topics on or behind a cycle.
fn positions(catalog: &Catalog, kind: EdgeKind) -> Vec<Option<u32>> {
    let everything = vec![true; catalog.topics.len()];
    let order = topological_order(catalog, &everything, |k| k == kind);
    let mut position = vec![None; catalog.topics.len()];
    for (i, id) in order.into_iter().enumerate() {
        position[id.index()] = Some(i as u32);
    }
    position
}
