//! The prerequisite graph: one node per topic, an edge from each prerequisite
//! to the topic that needs it; and the search for cycles.

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::catalog::{Catalog, EdgeKind, Topic, TopicId};
use crate::diagnostic::{Code, Diagnostic};

/// Topics and their prerequisite edges. Node `i` is `TopicId(i)`.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    inner: DiGraph<(), EdgeKind, u32>,
}

impl Graph {
    /// Builds the graph from topics in reading order.
    pub fn build(topics: &[Topic]) -> Graph {
        let edges: usize = topics.iter().map(|t| t.prerequisites.len()).sum();
        let mut inner = DiGraph::with_capacity(topics.len(), edges);
        for _ in topics {
            inner.add_node(());
        }
        for (index, topic) in topics.iter().enumerate() {
            for p in &topic.prerequisites {
                inner.add_edge(node(p.topic), NodeIndex::new(index), p.kind);
            }
        }
        Graph { inner }
    }

    /// The petgraph graph itself.
    pub fn petgraph(&self) -> &DiGraph<(), EdgeKind, u32> {
        &self.inner
    }

    /// How many edges of each kind: (requires, recommends).
    pub fn edge_counts(&self) -> (usize, usize) {
        let hard = self
            .inner
            .edge_weights()
            .filter(|&&k| k == EdgeKind::Requires)
            .count();
        (hard, self.inner.edge_count() - hard)
    }

    /// The topics that `id` is a prerequisite of, with the kind of edge.
    pub fn dependents(&self, id: TopicId) -> impl Iterator<Item = (TopicId, EdgeKind)> + '_ {
        self.neighbours(id, Direction::Outgoing)
    }

    /// The prerequisites of `id`, with the kind of edge.
    pub fn prerequisites(&self, id: TopicId) -> impl Iterator<Item = (TopicId, EdgeKind)> + '_ {
        self.neighbours(id, Direction::Incoming)
    }

    fn neighbours(
        &self,
        id: TopicId,
        direction: Direction,
    ) -> impl Iterator<Item = (TopicId, EdgeKind)> + '_ {
        self.inner
            .edges_directed(node(id), direction)
            .map(move |e: EdgeReference<'_, EdgeKind>| {
                let other = if direction == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (topic(other), *e.weight())
            })
    }

    /// Groups of topics that reach each other through prerequisite edges (of
    /// either kind): every group of two or more is a cycle. Groups come in
    /// reading order of their first topic, members sorted.
    pub fn cycles(&self) -> Vec<Vec<TopicId>> {
        let mut groups: Vec<Vec<TopicId>> = tarjan_scc(&self.inner)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let mut ids: Vec<TopicId> = scc.into_iter().map(topic).collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        groups.sort_unstable_by_key(|g| g[0]);
        groups
    }

    /// One concrete cycle through the first topic of `group`, as the topics in
    /// prerequisite order, the first repeated at the end: `a -> b -> c -> a`
    /// means `a` is a prerequisite of `b`, and so on.
    pub fn concrete_cycle(&self, group: &[TopicId]) -> Vec<TopicId> {
        let start = group[0];
        let in_group = |id: TopicId| group.binary_search(&id).is_ok();
        // Breadth-first from `start` along edges inside the group, back to
        // `start`: the shortest cycle through it.
        let mut parent: std::collections::HashMap<TopicId, TopicId> =
            std::collections::HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        'search: while let Some(at) = queue.pop_front() {
            let mut next: Vec<TopicId> = self
                .dependents(at)
                .map(|(t, _)| t)
                .filter(|&t| in_group(t))
                .collect();
            next.sort_unstable();
            next.dedup();
            for t in next {
                if t == start {
                    parent.insert(start, at);
                    break 'search;
                }
                if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(t) {
                    slot.insert(at);
                    queue.push_back(t);
                }
            }
        }
        let mut cycle = vec![start];
        let mut at = parent[&start];
        while at != start {
            cycle.push(at);
            at = parent[&at];
        }
        cycle.push(start);
        cycle.reverse();
        cycle
    }
}

fn node(id: TopicId) -> NodeIndex<u32> {
    NodeIndex::new(id.index())
}

fn topic(node: NodeIndex<u32>) -> TopicId {
    TopicId(node.index() as u32)
}

/// One error per cycle group: a concrete cycle, each edge's line, every topic involved.
pub fn cycle_diagnostics(catalog: &Catalog) -> Vec<Diagnostic> {
    let graph = catalog.graph();
    graph
        .cycles()
        .into_iter()
        .map(|group| {
            let cycle = graph.concrete_cycle(&group);
            let names: Vec<&str> = cycle
                .iter()
                .map(|&id| catalog.topic(id).id.as_str())
                .collect();
            let soft_only = cycle.windows(2).all(|pair| {
                edge_between(catalog, pair[0], pair[1])
                    .is_some_and(|p| p.kind == EdgeKind::Recommends)
            });
            let what = if soft_only {
                "recommendation cycle"
            } else {
                "prerequisite cycle"
            };
            let mut d = Diagnostic::new(Code::Cycle, format!("{what}: {}", names.join(" -> ")));
            for pair in cycle.windows(2) {
                if let Some(p) = edge_between(catalog, pair[0], pair[1]) {
                    let dependent = &catalog.topic(pair[1]).id;
                    let prereq = &catalog.topic(pair[0]).id;
                    d = d.label(
                        p.pos,
                        prereq.chars().count(),
                        format!("`{dependent}` {} `{prereq}`", p.kind.as_str()),
                    );
                }
            }
            if group.len() > cycle.len() - 1 {
                let all: Vec<&str> = group
                    .iter()
                    .map(|&id| catalog.topic(id).id.as_str())
                    .collect();
                d = d.note(format!(
                    "these {} topics all depend on each other: {}",
                    group.len(),
                    all.join(", ")
                ));
            }
            for &id in &group {
                d = d.topic(&catalog.topic(id).id);
            }
            d.help("remove one of these edges to break the cycle")
        })
        .collect()
}

/// The edge by which `prereq` is a prerequisite of `dependent`, preferring a hard one.
pub fn edge_between(
    catalog: &Catalog,
    prereq: TopicId,
    dependent: TopicId,
) -> Option<&crate::catalog::Prerequisite> {
    let topic = catalog.topic(dependent);
    topic
        .requires()
        .find(|p| p.topic == prereq)
        .or_else(|| topic.recommends().find(|p| p.topic == prereq))
}
