//! Redundant edges: a prerequisite edge that another chain of edges already
//! implies, and that a transitive reduction would remove.
//!
//! An exact answer costs time proportional to topics times edges on dense
//! graphs, so the search is bounded: each topic's search visits at most
//! [`PER_TOPIC_BUDGET`] topics, and the whole run at most [`GLOBAL_FACTOR`]
//! times the size of the graph, shared out among chunks of 65,536 topics
//! that threads search side by side. Edges whose search ran out are counted
//! in [`Redundancy::unchecked`], never guessed.
//!
//! A direct prerequisite `d` of a topic `v` is redundant exactly when `d` is
//! an ancestor of another direct prerequisite of `v`. Three steps decide it,
//! each exact, the later ones only for what the earlier left open:
//!
//! 1. Labels computed once in linear time. A few well-connected topics are
//!    hubs; each topic records which hubs lead to it and which it leads to.
//!    A hub that `d` leads to and that leads to another direct prerequisite
//!    proves `d` redundant. Ancestry is ruled out when the hubs disagree, or by the
//!    topological position and the longest chains from the sources and to
//!    the sinks; if it is ruled out for every other direct prerequisite, the
//!    edge is needed.
//! 2. A search up from all direct prerequisites at once that always expands
//!    the topic latest in a topological order first. Every ancestor of a
//!    topic comes before it in that order, so once the search has passed
//!    `d`'s position it has seen every topic that could lead to `d`, and `d`
//!    is decided. Topics no undecided prerequisite may lead to (by the
//!    labels) are not expanded, and the search stops once all are decided.
//!    If it runs out of budget, only the prerequisites below the point
//!    reached are left open.
//! 3. From each of those, a walk down its dependents, kept below that point
//!    and to topics that may lead to another direct prerequisite: meeting a
//!    topic the search up has seen proves the edge redundant; a walk that
//!    dies out proves it is needed. What is still open after that is
//!    unchecked.

use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, VecDeque};

use foldhash::HashMap;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, mpsc};

use crate::model::catalog::{Catalog, EdgeKind, TopicId};
use crate::model::graph::Adjacency;

/// How many topics one topic's search may visit.
pub const PER_TOPIC_BUDGET: usize = 4_096;

/// The whole run may visit this many times (topics + edges).
pub const GLOBAL_FACTOR: usize = 16;

// How many topics the search up may visit; the walks down get the rest of
// the topic's budget. On generated curricula a walk down settles a far
// prerequisite in a few steps where the search up would sweep everything in
// between, so a larger share only made the run slower.
const UPWARD_BUDGET: usize = 64;

// Past this many direct prerequisites to compare, labels are not asked and
// the answer is left to the searches, so one topic with a huge list stays
// linear.
const LABEL_CHECKS: usize = 32;

// How many hubs: one bit each in a label.
const HUBS: usize = u64::BITS as usize;

const OFF_CYCLE: u32 = u32::MAX;
const NOT_DIRECT: u32 = u32::MAX;

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
    redundant_edges_in_chunks(catalog, kind, CHUNK)
}

/// [`redundant_edges`], searching topics in chunks of `chunk` topics, each
/// with its own share of the budget. Where no search runs out of budget the
/// answer is the same for every chunk size.
pub fn redundant_edges_in_chunks(catalog: &Catalog, kind: EdgeKind, chunk: usize) -> Redundancy {
    search_in_chunks(catalog, kind, chunk, None::<fn()>).0
}

/// [`redundant_edges`], with `beside` run on another core meanwhile: first
/// thing on the first thread that helps with the search, which then joins
/// in; or before the search, if there is one core. Its answer comes back with
/// the search's.
pub fn redundant_edges_beside<R: Send>(
    catalog: &Catalog,
    kind: EdgeKind,
    beside: impl FnOnce() -> R + Send,
) -> (Redundancy, R) {
    let (found, answer) = search_in_chunks(catalog, kind, CHUNK, Some(beside));
    // The first helper, or this thread, ran it.
    (
        found,
        answer.unwrap_or_else(|| unreachable!("`beside` always runs")),
    )
}

/// The search in chunks of `chunk` topics on every core, with `beside` run
/// by the first helper before it joins in (or first, by this thread alone).
fn search_in_chunks<R: Send>(
    catalog: &Catalog,
    kind: EdgeKind,
    chunk: usize,
    beside: Option<impl FnOnce() -> R + Send>,
) -> (Redundancy, Option<R>) {
    let n = catalog.topics.len();
    let chunk_size = chunk.max(1);
    let chunks = n.div_ceil(chunk_size);
    // One thread per chunk, and one more for the work beside.
    let wanted = chunks + usize::from(beside.is_some());
    // Asking for the cores reads the cgroup files: not for one thread.
    let threads = if wanted > 1 {
        std::thread::available_parallelism().map_or(1, |t| t.get().min(wanted))
    } else {
        1
    };
    let next = AtomicUsize::new(0);
    let work = |graph: &Labelled| {
        let mut search = Search::new(n);
        let mut done = Vec::new();
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks {
                return done;
            }
            let topics = chunk * chunk_size..n.min((chunk + 1) * chunk_size);
            done.push((chunk, search.chunk(graph, catalog, topics)));
        }
    };
    let work = &work;
    let labelled = OnceLock::new();
    // Taken by the first helper to start; by this thread if none does.
    let beside = Mutex::new(beside);
    let run_beside = || {
        let first = beside.lock().unwrap_or_else(|e| e.into_inner()).take();
        first.map(|f| f())
    };
    let (mut found, answer) = std::thread::scope(|scope| {
        let run_beside = &run_beside;
        let mut senders = Vec::new();
        let mut helpers = Vec::new();
        for _ in 1..threads {
            let (send, receive) = mpsc::channel::<&Labelled>();
            let helper = std::thread::Builder::new().spawn_scoped(scope, move || {
                let answer = run_beside();
                // No labels come if this thread panicked making them.
                let found = receive.recv().map(work).unwrap_or_default();
                (found, answer)
            });
            // A helper that cannot be started leaves its work to the others.
            match helper {
                Ok(helper) => {
                    senders.push(send);
                    helpers.push(helper);
                }
                Err(_) => break,
            }
        }
        let mut answer = if helpers.is_empty() {
            run_beside()
        } else {
            None
        };
        let graph = labelled.get_or_init(|| Labelled::new(catalog, kind));
        for send in senders {
            // A helper only stops listening by panicking, which `join` passes on.
            let _ = send.send(graph);
        }
        let mut found = work(graph);
        for helper in helpers {
            // A helper's panic goes on as this thread's.
            let (theirs, their_answer) = helper
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            found.extend(theirs);
            answer = answer.or(their_answer);
        }
        (found, answer)
    });
    found.sort_unstable_by_key(|&(chunk, _)| chunk);
    let mut result = Redundancy::default();
    for (_, part) in found {
        result.edges.extend(part.edges);
        result.unchecked += part.unchecked;
    }
    result.edges.sort_unstable();
    (result, answer)
}

// Topics are searched in chunks of this many, each with its own share of the
// global budget, so that threads can take chunks in any order and the answer
// stays the same on any machine. A graph of fewer topics is one chunk.
const CHUNK: usize = 1 << 16;

/// What is known of one topic before any search.
#[derive(Debug, Clone, Copy)]
struct Label {
    /// Position in a topological order; [`OFF_CYCLE`] for topics on or
    /// behind a cycle.
    position: u32,
    /// The longest chain of edges from a source to the topic.
    depth: u32,
    /// The longest chain of edges from the topic to a sink.
    height: u32,
    /// The hubs that lead to the topic or are it, one bit each.
    above: u64,
    /// The hubs the topic leads to or is.
    below: u64,
}

impl Label {
    /// False only if `self` is certainly not an ancestor of `other`.
    fn may_lead_to(&self, other: &Label) -> bool {
        self.position < other.position
            && self.depth < other.depth
            && self.height > other.height
            && self.above & !other.above == 0
            && other.below & !self.below == 0
    }
}

/// The `kind` edges with every topic's label.
struct Labelled {
    labels: Vec<Label>,
    prerequisites: Adjacency,
    dependents: Adjacency,
}

impl Labelled {
    fn new(catalog: &Catalog, kind: EdgeKind) -> Labelled {
        let n = catalog.topics.len();
        let (dependents, prerequisites) = catalog.graph().adjacency(Some(kind));

        // Topics on a cycle, and all behind them, keep no position.
        let order = dependents.kahn(prerequisites.lengths());

        let mut labels = vec![
            Label {
                position: OFF_CYCLE,
                depth: 0,
                height: 0,
                above: 0,
                below: 0,
            };
            n
        ];
        for (i, &t) in order.iter().enumerate() {
            labels[t as usize].position = i as u32;
        }
        // One hub per stretch of the order: the topic there with the most
        // edges in times out, the likeliest to sit on long chains.
        for (bit, stretch) in order.chunks(order.len().div_ceil(HUBS).max(1)).enumerate() {
            let hub = stretch
                .iter()
                .max_by_key(|&&t| (prerequisites.of(t).len() + 1) * (dependents.of(t).len() + 1));
            if let Some(&hub) = hub {
                labels[hub as usize].above |= 1 << bit;
                labels[hub as usize].below |= 1 << bit;
            }
        }
        // Every prerequisite of a topic with a position has one, earlier.
        for &t in &order {
            let (mut depth, mut above) = (0, 0);
            for &p in prerequisites.of(t) {
                depth = depth.max(labels[p as usize].depth + 1);
                above |= labels[p as usize].above;
            }
            labels[t as usize].depth = depth;
            labels[t as usize].above |= above;
        }
        for &t in order.iter().rev() {
            let (mut height, mut below) = (0, 0);
            for &d in dependents.of(t) {
                if labels[d as usize].position != OFF_CYCLE {
                    height = height.max(labels[d as usize].height + 1);
                    below |= labels[d as usize].below;
                }
            }
            labels[t as usize].height = height;
            labels[t as usize].below |= below;
        }
        Labelled {
            labels,
            prerequisites,
            dependents,
        }
    }
}

/// Buffers reused by every topic's search.
struct Search {
    /// Per topic, the last topic whose search up saw it.
    stamp: Vec<u32>,
    /// Per topic seen, its index among the direct prerequisites, or
    /// [`NOT_DIRECT`].
    slot: Vec<u32>,
    /// Per topic, the last walk down that saw it.
    seen: Vec<u32>,
    walk: u32,
    heap: BinaryHeap<(u32, u32)>,
    stack: Vec<u32>,
    /// The topic's direct prerequisites, by position.
    direct: Vec<u32>,
    /// Per direct prerequisite: proven redundant.
    redundant: Vec<bool>,
    /// Per direct prerequisite: decided, either way.
    decided: Vec<bool>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            stamp: vec![u32::MAX; n],
            slot: vec![NOT_DIRECT; n],
            seen: vec![0; n],
            walk: 0,
            heap: BinaryHeap::new(),
            stack: Vec::new(),
            direct: Vec::new(),
            redundant: Vec::new(),
            decided: Vec::new(),
        }
    }

    /// Decides every topic of a chunk, within its share of the global
    /// budget: [`GLOBAL_FACTOR`] times its topics and their edges.
    fn chunk(&mut self, graph: &Labelled, catalog: &Catalog, topics: Range<usize>) -> Redundancy {
        let topics = topics.start as u32..topics.end as u32;
        let petgraph = catalog.graph().petgraph();
        let edges: usize = topics
            .clone()
            .map(|v| {
                petgraph
                    .edges_directed(NodeIndex::new(v as usize), Direction::Incoming)
                    .count()
            })
            .sum();
        let mut global = GLOBAL_FACTOR
            .saturating_mul(topics.len() + edges)
            .max(PER_TOPIC_BUDGET);
        let mut result = Redundancy::default();
        for v in topics {
            if graph.labels[v as usize].position == OFF_CYCLE {
                continue;
            }
            let spent = self.topic(graph, v, global, &mut result);
            global = global.saturating_sub(spent);
        }
        result
    }

    /// Decides the direct prerequisites of `v`, adding the redundant ones and
    /// the unchecked count to `result`; returns the topics visited.
    fn topic(&mut self, graph: &Labelled, v: u32, global: usize, result: &mut Redundancy) -> usize {
        let labels = &graph.labels;
        self.direct.clear();
        self.direct.extend_from_slice(graph.prerequisites.of(v));
        self.direct
            .sort_unstable_by_key(|&p| labels[p as usize].position);
        self.direct.dedup();
        let count = self.direct.len();
        if count < 2 {
            return 0;
        }
        self.redundant.clear();
        self.redundant.resize(count, false);
        self.decided.clear();
        self.decided.resize(count, false);
        self.settle_by_labels(labels);
        let mut visits = 0;
        if let Some(point) = self.search_up(graph, v, global.min(UPWARD_BUDGET), &mut visits) {
            let budget = global.min(PER_TOPIC_BUDGET);
            for i in 0..count {
                if !self.decided[i] && labels[self.direct[i] as usize].position < point {
                    match self.walk_down(graph, v, i, point, budget, &mut visits) {
                        Some(redundant) => {
                            self.redundant[i] = redundant;
                            self.decided[i] = true;
                        }
                        None => break,
                    }
                }
            }
            // Above the point reached, the search up decided everything.
            result.unchecked += (0..count)
                .filter(|&i| !self.decided[i] && labels[self.direct[i] as usize].position < point)
                .count();
        }
        for (i, &d) in self.direct.iter().enumerate() {
            if self.redundant[i] {
                result.edges.push((TopicId(d), TopicId(v)));
            }
        }
        visits
    }

    /// Step 1: what the labels alone decide.
    fn settle_by_labels(&mut self, labels: &[Label]) {
        let count = self.direct.len();
        // `above_others` holds the hubs above some direct prerequisite
        // other than the current one, from prefix and suffix unions.
        let mut above_others = vec![0u64; count];
        let mut before = 0;
        for (i, &p) in self.direct.iter().enumerate() {
            above_others[i] = before;
            before |= labels[p as usize].above;
        }
        let mut after = 0;
        for i in (0..count).rev() {
            let d = &labels[self.direct[i] as usize];
            let others = above_others[i] | after;
            after |= d.above;
            if d.below & others != 0 {
                self.redundant[i] = true;
                self.decided[i] = true;
                continue;
            }
            // Only later prerequisites can be descendants.
            let later = &self.direct[i + 1..];
            if later.len() <= LABEL_CHECKS
                && !later.iter().any(|&p| d.may_lead_to(&labels[p as usize]))
            {
                self.decided[i] = true;
            }
        }
    }

    /// Step 2: the search up from all direct prerequisites, latest position
    /// first, for those not yet decided. Returns the position where the budget
    /// ran out, if it did.
    fn search_up(
        &mut self,
        graph: &Labelled,
        v: u32,
        budget: usize,
        visits: &mut usize,
    ) -> Option<u32> {
        let labels = &graph.labels;
        let mut undecided = self.decided.iter().filter(|&&d| !d).count();
        if undecided == 0 {
            return None;
        }
        let generation = v;
        self.heap.clear();
        for (i, &p) in self.direct.iter().enumerate() {
            self.stamp[p as usize] = generation;
            self.slot[p as usize] = i as u32;
            self.heap.push((labels[p as usize].position, p));
        }
        // direct[lowest..open] holds the prerequisites not yet passed; the
        // first of them is undecided.
        let mut lowest = self.decided.iter().take_while(|&&d| d).count();
        let mut open = self.direct.len();
        while let Some((at_position, at)) = self.heap.pop() {
            while open > lowest && labels[self.direct[open - 1] as usize].position > at_position {
                open -= 1;
                if !self.decided[open] {
                    self.decided[open] = true;
                    undecided -= 1;
                }
            }
            if undecided == 0 {
                return None;
            }
            // A direct prerequisite is walked past only if an undecided one
            // may lead to it.
            if self.slot[at as usize] != NOT_DIRECT
                && !self.may_be_reached(labels, lowest, open, &labels[at as usize])
            {
                continue;
            }
            for &w in graph.prerequisites.of(at) {
                if self.stamp[w as usize] == generation {
                    let i = self.slot[w as usize] as usize;
                    if i < self.direct.len() && !self.decided[i] {
                        self.redundant[i] = true;
                        self.decided[i] = true;
                        undecided -= 1;
                        while lowest < open && self.decided[lowest] {
                            lowest += 1;
                        }
                    }
                    continue;
                }
                let w_label = &labels[w as usize];
                if lowest >= open
                    || w_label.position <= labels[self.direct[lowest] as usize].position
                    || !self.may_be_reached(labels, lowest, open, w_label)
                {
                    continue;
                }
                self.stamp[w as usize] = generation;
                self.slot[w as usize] = NOT_DIRECT;
                *visits += 1;
                self.heap.push((w_label.position, w));
            }
            if undecided == 0 {
                return None;
            }
            if *visits > budget {
                return Some(at_position);
            }
        }
        None
    }

    /// Whether an undecided direct prerequisite in `direct[lowest..open]` may
    /// be an ancestor of the topic labelled `of`.
    fn may_be_reached(&self, labels: &[Label], lowest: usize, open: usize, of: &Label) -> bool {
        let mut asked = 0;
        for (&d, &known) in self.direct[lowest..open]
            .iter()
            .zip(&self.decided[lowest..open])
        {
            if known {
                continue;
            }
            let d = &labels[d as usize];
            if d.position >= of.position {
                break;
            }
            asked += 1;
            if asked > LABEL_CHECKS || d.may_lead_to(of) {
                return true;
            }
        }
        false
    }

    /// Step 3: the walk down from direct prerequisite `i`, below `point`.
    /// Whether it is redundant, or `None` if the budget ran out.
    fn walk_down(
        &mut self,
        graph: &Labelled,
        v: u32,
        i: usize,
        point: u32,
        budget: usize,
        visits: &mut usize,
    ) -> Option<bool> {
        let labels = &graph.labels;
        if self.walk == u32::MAX {
            self.seen.fill(0);
            self.walk = 0;
        }
        self.walk += 1;
        let from = self.direct[i];
        self.stack.clear();
        self.stack.push(from);
        self.seen[from as usize] = self.walk;
        while let Some(at) = self.stack.pop() {
            for &w in graph.dependents.of(at) {
                if self.seen[w as usize] == self.walk {
                    continue;
                }
                self.seen[w as usize] = self.walk;
                // Everything the search up saw leads to a direct prerequisite.
                if self.stamp[w as usize] == v {
                    return Some(true);
                }
                // Above the point, the search up saw every topic `from` may lead to.
                let w_label = &labels[w as usize];
                if w_label.position > point || !self.may_lead_on(labels, from, w_label) {
                    continue;
                }
                *visits += 1;
                if *visits > budget {
                    return None;
                }
                self.stack.push(w);
            }
        }
        Some(false)
    }

    /// Whether the topic labelled `of` may be an ancestor of a direct
    /// prerequisite other than `from`.
    fn may_lead_on(&self, labels: &[Label], from: u32, of: &Label) -> bool {
        let mut asked = 0;
        for &p in self.direct.iter().rev() {
            let p_label = &labels[p as usize];
            if p_label.position <= of.position {
                break;
            }
            if p == from {
                continue;
            }
            asked += 1;
            if asked > LABEL_CHECKS || of.may_lead_to(p_label) {
                return true;
            }
        }
        false
    }
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
    // In a file whose edges all point forward, a topic before the
    // prerequisite cannot lie on a chain from it: the search skips them.
    let floor = if graph.points_forward() {
        prerequisite
    } else {
        TopicId(0)
    };
    let mut parent: HashMap<TopicId, TopicId> = HashMap::default();
    let mut queue = VecDeque::new();
    for (p, k) in graph.prerequisites(dependent) {
        if k == kind
            && p != prerequisite
            && let Entry::Vacant(slot) = parent.entry(p)
        {
            slot.insert(dependent);
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
            if k == kind
                && w != dependent
                && w >= floor
                && let Entry::Vacant(slot) = parent.entry(w)
            {
                slot.insert(at);
                queue.push_back(w);
            }
        }
    }
    None
}
