//! The prerequisite graph: one node per topic, an edge from each prerequisite
//! to the topic that needs it; and the search for cycles. It knows topics only
//! by their place in reading order, not what they hold.

use std::sync::OnceLock;

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::{EdgeRef, NodeFiltered};

/// A topic's place in reading order; also its node index in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicId(pub u32);

impl TopicId {
    /// The position in reading order, from 0.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Whether an edge must be followed or is only advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// `requires`: the prerequisite must be studied first.
    Requires,
    /// `recommends`: worth studying first, not needed.
    Recommends,
}

impl EdgeKind {
    /// The field name in topics files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requires => "requires",
            Self::Recommends => "recommends",
        }
    }
}

/// Topics and their prerequisite edges. Node `i` is `TopicId(i)`.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    inner: DiGraph<(), EdgeKind, u32>,
    // Loading reports cycles and `check` then asks which topics share one:
    // the search runs once.
    cycles: OnceLock<Vec<Vec<TopicId>>>,
    // Whether every edge comes from an earlier topic in reading order.
    forward: bool,
}

impl Graph {
    /// Builds the graph of `topics` topics from each topic's prerequisite
    /// edges, `(prerequisite, kind)`, topic by topic in reading order;
    /// `edges` is how many there are in all.
    pub fn build(
        topics: usize,
        edges: usize,
        prerequisites: impl Iterator<Item = impl Iterator<Item = (TopicId, EdgeKind)>>,
    ) -> Graph {
        let mut inner = DiGraph::with_capacity(topics, edges);
        for _ in 0..topics {
            inner.add_node(());
        }
        let mut forward = true;
        for (index, list) in prerequisites.enumerate() {
            for (prerequisite, kind) in list {
                forward &= prerequisite.index() < index;
                inner.add_edge(node(prerequisite), NodeIndex::new(index), kind);
            }
        }
        Graph {
            inner,
            cycles: OnceLock::new(),
            forward,
        }
    }

    /// Whether every edge comes from an earlier topic, so that reading order
    /// is a topological order: a topic before `a` can then be on no chain
    /// that starts at `a`. Most files are written so.
    pub fn points_forward(&self) -> bool {
        self.forward
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
    pub fn cycles(&self) -> &[Vec<TopicId>] {
        self.cycles.get_or_init(|| self.find_cycles())
    }

    fn find_cycles(&self) -> Vec<Vec<TopicId>> {
        // Reading order is then a topological order, and there is no cycle.
        if self.forward {
            return Vec::new();
        }
        let candidates = self.cycle_candidates();
        let part = NodeFiltered::from_fn(&self.inner, |n: NodeIndex<u32>| candidates[n.index()]);
        let mut groups: Vec<Vec<TopicId>> = tarjan_scc(&part)
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

    /// The edges, of `kind` only if given, as lists both ways: every topic's
    /// dependents, and every topic's prerequisites.
    pub(crate) fn adjacency(&self, kind: Option<EdgeKind>) -> (Adjacency, Adjacency) {
        let n = self.inner.node_count();
        let edges = || {
            self.inner
                .raw_edges()
                .iter()
                .filter(move |e| kind.is_none_or(|k| e.weight == k))
                .map(|e| (e.source().index() as u32, e.target().index() as u32))
        };
        let dependents = Adjacency::new(n, edges);
        let prerequisites = Adjacency::new(n, || edges().map(|(from, to)| (to, from)));
        (dependents, prerequisites)
    }

    /// Which topics may lie on a cycle. Kahn's algorithm, run from the
    /// topics with no prerequisites and again from those with no dependents,
    /// reaches every topic but those on cycles, after one and before one:
    /// what it leaves is the cycles and what lies between them, usually a
    /// small part of the graph, where the strongly connected components are
    /// then searched.
    fn cycle_candidates(&self) -> Vec<bool> {
        let (dependents, prerequisites) = self.adjacency(None);
        let mut kept = vec![true; self.inner.node_count()];
        let ahead = dependents.kahn(prerequisites.lengths());
        let behind = prerequisites.kahn(dependents.lengths());
        for t in ahead.into_iter().chain(behind) {
            kept[t as usize] = false;
        }
        kept
    }

    /// One concrete cycle through the first topic of `group`, as the topics in
    /// prerequisite order, the first repeated at the end: `a -> b -> c -> a`
    /// means `a` is a prerequisite of `b`, and so on.
    pub fn concrete_cycle(&self, group: &[TopicId]) -> Vec<TopicId> {
        let in_group = |id: TopicId| group.binary_search(&id).is_ok();
        shortest_cycle(group[0], |at| {
            self.dependents(at)
                .map(|(t, _)| t)
                .filter(|&t| in_group(t))
                .collect()
        })
    }
}

/// The shortest cycle through `start`, found breadth-first along `next`
/// (tried in sorted order), with `start` at both ends. `start` must lie on a cycle.
pub fn shortest_cycle<N: Copy + Ord + std::hash::Hash>(
    start: N,
    next: impl Fn(N) -> Vec<N>,
) -> Vec<N> {
    let mut parent: std::collections::HashMap<N, N> = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    'search: while let Some(at) = queue.pop_front() {
        let mut following = next(at);
        following.sort_unstable();
        following.dedup();
        for n in following {
            if n == start {
                parent.insert(start, at);
                break 'search;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(n) {
                slot.insert(at);
                queue.push_back(n);
            }
        }
    }
    let mut cycle = vec![start];
    let mut at = parent.get(&start).copied().unwrap_or(start);
    while at != start {
        cycle.push(at);
        at = parent[&at];
    }
    cycle.push(start);
    cycle.reverse();
    cycle
}

/// Adjacency lists indexed by topic, all in one array.
pub(crate) struct Adjacency {
    start: Vec<u32>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// Lists, for each topic, the `to` ends of the edges whose `from` end it
    /// is, in the order `edges` gives them. `edges` is asked twice: once to
    /// count, once to fill.
    pub(crate) fn new<I: Iterator<Item = (u32, u32)>>(
        n: usize,
        edges: impl Fn() -> I,
    ) -> Adjacency {
        let mut start = vec![0u32; n + 1];
        for (from, _) in edges() {
            start[from as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut targets = vec![0u32; start[n] as usize];
        for (from, to) in edges() {
            targets[fill[from as usize] as usize] = to;
            fill[from as usize] += 1;
        }
        Adjacency { start, targets }
    }

    /// Kahn's algorithm along the lists: the topics with nothing `waiting`
    /// are taken first, and each topic taken counts itself off the `waiting`
    /// of the topics on its list, which are taken in turn once at zero. The
    /// topics in the order taken; one on a cycle, or after one, never is.
    pub(crate) fn kahn(&self, mut waiting: Vec<u32>) -> Vec<u32> {
        let n = waiting.len();
        let mut order = Vec::with_capacity(n);
        order.extend((0..n as u32).filter(|&t| waiting[t as usize] == 0));
        let mut next = 0;
        while let Some(&at) = order.get(next) {
            next += 1;
            for &d in self.of(at) {
                waiting[d as usize] -= 1;
                if waiting[d as usize] == 0 {
                    order.push(d);
                }
            }
        }
        order
    }

    /// How long each topic's list is.
    pub(crate) fn lengths(&self) -> Vec<u32> {
        self.start.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// The list of `topic`.
    pub(crate) fn of(&self, topic: u32) -> &[u32] {
        let at = topic as usize;
        &self.targets[self.start[at] as usize..self.start[at + 1] as usize]
    }
}

fn node(id: TopicId) -> NodeIndex<u32> {
    NodeIndex::new(id.index())
}

fn topic(node: NodeIndex<u32>) -> TopicId {
    TopicId(node.index() as u32)
}

/// One prerequisite edge: `prerequisite` must (or should) come before `dependent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// The topic studied first.
    pub prerequisite: TopicId,
    /// The topic that needs it.
    pub dependent: TopicId,
    /// Hard or soft.
    pub kind: EdgeKind,
}

impl Graph {
    /// For each cycle group (as [`Graph::cycles`] returns them), a small set of
    /// edges inside the group whose removal leaves it without cycles, preferring
    /// `recommends` edges. A heuristic, not a minimum: near-linear in the size
    /// of the group.
    ///
    /// The `requires` edges that close a cycle in a depth-first search (in
    /// reading order) are the only hard edges that may go; the group is then
    /// ordered so that every other hard edge points forward, breaking ties
    /// first against violating edges and then by reading order. The edges that
    /// point backward in that order are the repair.
    pub fn cycle_repair(&self, group: &[TopicId]) -> Vec<Edge> {
        let local = |id: TopicId| group.binary_search(&id).ok();
        let n = group.len();
        // Edges inside the group, as (source, target, kind) in local indices.
        let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        let mut edges: Vec<(usize, usize, EdgeKind)> = Vec::new();
        for (source, &id) in group.iter().enumerate() {
            for (dependent, kind) in self.dependents(id) {
                if let Some(target) = local(dependent) {
                    out[source].push((target, edges.len()));
                    edges.push((source, target, kind));
                }
            }
        }
        for list in &mut out {
            list.sort_unstable();
        }
        let violable = hard_back_edges(&out, &edges);
        // Kahn's algorithm over the hard edges that must stay; the others only
        // decide which ready topic goes first.
        let mut hard_in = vec![0usize; n];
        let mut back_in = vec![0usize; n];
        let mut soft_in = vec![0usize; n];
        for (e, &(_, target, kind)) in edges.iter().enumerate() {
            match (kind, violable[e]) {
                (EdgeKind::Requires, false) => hard_in[target] += 1,
                (EdgeKind::Requires, true) => back_in[target] += 1,
                (EdgeKind::Recommends, _) => soft_in[target] += 1,
            }
        }
        let key = |v: usize, back_in: &[usize], soft_in: &[usize]| {
            std::cmp::Reverse((back_in[v] > 0, soft_in[v] > 0, v))
        };
        let mut heap = std::collections::BinaryHeap::new();
        for (v, _) in hard_in.iter().enumerate().filter(|(_, count)| **count == 0) {
            heap.push(key(v, &back_in, &soft_in));
        }
        let mut place = vec![usize::MAX; n];
        let mut placed = 0;
        while let Some(std::cmp::Reverse((_, _, v))) = heap.pop() {
            if place[v] != usize::MAX {
                continue;
            }
            place[v] = placed;
            placed += 1;
            for &(target, e) in &out[v] {
                if place[target] != usize::MAX {
                    continue;
                }
                let counter = match (edges[e].2, violable[e]) {
                    (EdgeKind::Requires, false) => &mut hard_in,
                    (EdgeKind::Requires, true) => &mut back_in,
                    (EdgeKind::Recommends, _) => &mut soft_in,
                };
                counter[target] -= 1;
                if hard_in[target] == 0 {
                    heap.push(key(target, &back_in, &soft_in));
                }
            }
        }
        let mut repair: Vec<Edge> = edges
            .iter()
            .filter(|&&(source, target, _)| place[source] > place[target])
            .map(|&(source, target, kind)| Edge {
                prerequisite: group[source],
                dependent: group[target],
                kind,
            })
            .collect();
        repair
            .sort_unstable_by_key(|e| (e.kind == EdgeKind::Requires, e.dependent, e.prerequisite));
        repair
    }
}

/// Marks the `requires` edges that reach back to a topic still on the stack
/// of a depth-first search over `requires` edges, started in reading order.
/// Without them the hard edges have no cycle.
fn hard_back_edges(out: &[Vec<(usize, usize)>], edges: &[(usize, usize, EdgeKind)]) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut back = vec![false; edges.len()];
    let mut state = vec![State::New; out.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..out.len() {
        if state[root] != State::New {
            continue;
        }
        state[root] = State::OnStack;
        stack.push((root, 0));
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&(target, e)) = out[v].get(*next) {
                *next += 1;
                if edges[e].2 != EdgeKind::Requires {
                    continue;
                }
                match state[target] {
                    State::New => {
                        state[target] = State::OnStack;
                        stack.push((target, 0));
                    }
                    State::OnStack => back[e] = true,
                    State::Done => {}
                }
            } else {
                state[v] = State::Done;
                stack.pop();
            }
        }
    }
    back
}
