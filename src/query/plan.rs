//! A learner's questions about a study path: what can be studied now, which
//! topics can be studied side by side, the least time the goal takes, a
//! week-by-week plan at a pace, and why one topic is needed for another.
//!
//! Every computation here is one pass over the path in topological order (or
//! its reverse), linear in the topics and edges of the path, but `why`'s
//! search for the closest chain, `O(E log V)`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::model::catalog::{Catalog, EdgeKind, TopicId};
use crate::query::path::{StudyPath, known_closure};

/// How a path view groups its topics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layout<'a> {
    /// In path order under section headings.
    Sections,
    /// In stages of topics that can be studied side by side.
    Levels(&'a [Vec<TopicId>]),
    /// Week by week at a pace.
    Weeks(&'a WeekPlan),
}

/// Hours closer than this are equal: sums of estimates such as 0.1 + 0.2.
const EPSILON: f64 = 1e-9;

/// The path grouped into stages: every topic's prerequisites on the path are
/// in earlier stages, so the topics of one stage can be studied side by side.
/// A topic's stage is one more than the latest stage of its prerequisites;
/// within a stage, topics keep their path order.
pub fn levels(catalog: &Catalog, path: &StudyPath) -> Vec<Vec<TopicId>> {
    let positions = path.positions(catalog);
    let mut level = vec![0usize; path.topics.len()];
    let mut stages: Vec<Vec<TopicId>> = Vec::new();
    for (n, &id) in path.topics.iter().enumerate() {
        let stage = catalog
            .graph()
            .prerequisites(id)
            .filter(|&(_, kind)| path.follows(kind))
            .filter_map(|(p, _)| positions[p.index()])
            .map(|before| level[before] + 1)
            .max()
            .unwrap_or(0);
        level[n] = stage;
        if stages.len() <= stage {
            stages.resize_with(stage + 1, Vec::new);
        }
        stages[stage].push(id);
    }
    stages
}

/// A chain of topics, each a prerequisite of the next, and their hours.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The topics, first to study first.
    pub topics: Vec<TopicId>,
    /// The sum of their hours.
    pub hours: f64,
}

/// The critical chain: the chain of prerequisites on the path with the most
/// hours. However many topics are studied side by side, the goal takes at
/// least this long. Ties go to the chain that ends later on the path and, at
/// each step back, to the prerequisite earlier on the path.
pub fn critical_chain(catalog: &Catalog, path: &StudyPath) -> Chain {
    let positions = path.positions(catalog);
    let mut best = vec![0.0f64; path.topics.len()];
    let mut from: Vec<Option<usize>> = vec![None; path.topics.len()];
    for (n, &id) in path.topics.iter().enumerate() {
        let mut longest: Option<usize> = None;
        for (p, kind) in catalog.graph().prerequisites(id) {
            let Some(before) = positions[p.index()].filter(|_| path.follows(kind)) else {
                continue;
            };
            longest = match longest {
                Some(l) if best[l] > best[before] + EPSILON => Some(l),
                Some(l) if best[before] <= best[l] + EPSILON && l < before => Some(l),
                _ => Some(before),
            };
        }
        best[n] = catalog.topic(id).hours_or_zero() + longest.map_or(0.0, |l| best[l]);
        from[n] = longest;
    }
    let mut end: Option<usize> = None;
    for n in 0..path.topics.len() {
        if end.is_none_or(|e| best[n] + EPSILON >= best[e]) {
            end = Some(n);
        }
    }
    let mut topics = Vec::new();
    let mut at = end;
    while let Some(n) = at {
        topics.push(path.topics[n]);
        at = from[n];
    }
    topics.reverse();
    Chain {
        hours: end.map_or(0.0, |e| best[e]),
        topics,
    }
}

/// A topic that can be studied now, with what it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct NextTopic {
    /// The topic.
    pub topic: TopicId,
    /// The hours of the longest chain of path topics that starts with this
    /// one (its own hours included): how much of the remaining path waits on it.
    pub chain_hours: f64,
    /// How many path topics it opens: those for which it is the only
    /// prerequisite left on the path, so they can be studied right after it.
    pub opens: usize,
}

/// The topics of the path that can be studied now: none of their
/// prerequisites (of the kinds the path follows) is left on the path, that
/// is, each is known. They come ranked by how much of the remaining path waits
/// on them: the longest hours-weighted chain they start, then how many topics
/// they open, then path order.
pub fn next(catalog: &Catalog, path: &StudyPath) -> Vec<NextTopic> {
    let positions = path.positions(catalog);
    let graph = catalog.graph();
    let on_path_prerequisites = |id: TopicId| {
        graph
            .prerequisites(id)
            .filter(|&(_, kind)| path.follows(kind))
            .filter_map(|(p, _)| positions[p.index()])
    };
    // Longest chain starting at each topic, in reverse topological order.
    let mut chain = vec![0.0f64; path.topics.len()];
    for (n, &id) in path.topics.iter().enumerate().rev() {
        let after = graph
            .dependents(id)
            .filter(|&(_, kind)| path.follows(kind))
            .filter_map(|(d, _)| positions[d.index()])
            .map(|d| chain[d])
            .fold(0.0f64, f64::max);
        chain[n] = catalog.topic(id).hours_or_zero() + after;
    }
    let mut opens = vec![0usize; path.topics.len()];
    let mut ready = Vec::new();
    for (n, &id) in path.topics.iter().enumerate() {
        let mut only: Option<usize> = None;
        let mut several = false;
        for before in on_path_prerequisites(id) {
            match only {
                None => only = Some(before),
                Some(o) if o != before => several = true,
                Some(_) => {}
            }
        }
        match (only, several) {
            (None, _) => ready.push(n),
            (Some(o), false) => opens[o] += 1,
            (Some(_), true) => {}
        }
    }
    ready.sort_by(|&a, &b| {
        chain[b]
            .total_cmp(&chain[a])
            .then(opens[b].cmp(&opens[a]))
            .then(a.cmp(&b))
    });
    ready
        .into_iter()
        .map(|n| NextTopic {
            topic: path.topics[n],
            chain_hours: chain[n],
            opens: opens[n],
        })
        .collect()
}

/// The paces [`weeks`] accepts, in hours a week. Hours are shown to a tenth,
/// so a slower pace would print as `0 hours a week`; a week has 168 hours.
pub const PACES: std::ops::RangeInclusive<f64> = 0.1..=168.0;

/// A pace outside [`PACES`].
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("the pace must be from 0.1 to 168 hours a week, not {0}")]
pub struct InvalidPace(pub f64);

/// Part of a topic studied in a week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekItem {
    /// The topic.
    pub topic: TopicId,
    /// Hours spent on it in the week (in each week, for a run of weeks).
    pub hours: f64,
    /// Whether the topic is finished in the week (the last, for a run of weeks).
    pub finished: bool,
}

/// One week of a plan, or a run of weeks spent on one topic alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// The week's number, from 1.
    pub first: u64,
    /// The same as `first`, or the last week of a run.
    pub last: u64,
    /// What is studied, in path order.
    pub items: Vec<WeekItem>,
}

/// The path laid out in weeks at a pace; a topic may span weeks.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    /// Hours of study a week.
    pub pace: f64,
    /// The weeks in order. A run of weeks given to one topic alone is one entry.
    pub weeks: Vec<Week>,
}

impl WeekPlan {
    /// How many weeks the plan takes.
    pub fn total_weeks(&self) -> u64 {
        self.weeks.last().map_or(0, |w| w.last)
    }
}

/// Lays `path` out in weeks of `pace` hours, in path order: each week is
/// filled before the next begins. Topics without an estimate take no time.
pub fn weeks(catalog: &Catalog, path: &StudyPath, pace: f64) -> Result<WeekPlan, InvalidPace> {
    if !PACES.contains(&pace) {
        return Err(InvalidPace(pace));
    }
    let mut weeks: Vec<Week> = Vec::new();
    let mut current = Week {
        first: 1,
        last: 1,
        items: Vec::new(),
    };
    let mut used = 0.0f64;
    let start_week = |weeks: &mut Vec<Week>, current: &mut Week, used: &mut f64| {
        // Week numbers saturate rather than overflow at absurdly slow paces.
        let number = current.last.saturating_add(1);
        weeks.push(std::mem::replace(
            current,
            Week {
                first: number,
                last: number,
                items: Vec::new(),
            },
        ));
        *used = 0.0;
    };
    for &id in &path.topics {
        let mut left = catalog.topic(id).hours_or_zero();
        if left <= EPSILON {
            current.items.push(WeekItem {
                topic: id,
                hours: 0.0,
                finished: true,
            });
            continue;
        }
        while left > EPSILON {
            if used >= pace - EPSILON {
                start_week(&mut weeks, &mut current, &mut used);
            }
            if current.items.is_empty() && left > pace + EPSILON {
                // Whole weeks given to this topic alone, as one run; the
                // rest (at least a little) follows in the week after.
                let whole = ((left - EPSILON) / pace).floor().max(1.0);
                let rest = left - whole * pace;
                let (whole, rest) = if rest <= EPSILON {
                    (whole - 1.0, rest + pace)
                } else {
                    (whole, rest)
                };
                if whole >= 1.0 {
                    let run = whole as u64;
                    current.last = current.first.saturating_add(run.saturating_sub(1));
                    current.items.push(WeekItem {
                        topic: id,
                        hours: pace,
                        finished: false,
                    });
                    start_week(&mut weeks, &mut current, &mut used);
                }
                left = rest;
            }
            let take = left.min(pace - used);
            left -= take;
            used += take;
            current.items.push(WeekItem {
                topic: id,
                hours: take,
                finished: left <= EPSILON,
            });
        }
    }
    if !current.items.is_empty() {
        weeks.push(current);
    }
    Ok(WeekPlan { pace, weeks })
}

/// How a topic is needed for a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The topic is the goal itself.
    Goal,
    /// A chain of `requires` edges leads from the goal to the topic.
    Required,
    /// Only chains with a `recommends` edge do: it is on the path only with
    /// recommendations followed.
    Recommended,
    /// No chain leads from the goal to the topic.
    NotNeeded,
}

/// One edge of a chain: `dependent` needs `prerequisite`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The topic that has the prerequisite.
    pub dependent: TopicId,
    /// The prerequisite.
    pub prerequisite: TopicId,
    /// Hard or soft.
    pub kind: EdgeKind,
    /// The reason the file gives.
    pub because: Option<String>,
}

/// Why a topic is on the way to a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// The topic asked about.
    pub topic: TopicId,
    /// The goal.
    pub goal: TopicId,
    /// How the goal needs the topic.
    pub need: Need,
    /// The edges from the goal down to the topic, goal first; empty unless
    /// the topic is required or recommended.
    pub chain: Vec<Link>,
    /// Whether the learner knows the topic (so it is not on their path).
    pub known: bool,
}

/// Why `goal` needs `topic`: of the chains of prerequisites from the goal
/// down to the topic, the one with the fewest `recommends` edges (none when
/// the topic is required), then the fewest edges; among chains equal in both,
/// the one whose topics come first in the file, read from the goal down.
pub fn why(catalog: &Catalog, topic: TopicId, goal: TopicId, known: &[TopicId]) -> Why {
    let known = known_closure(catalog, known)[topic.index()];
    let (need, chain) = if topic == goal {
        (Need::Goal, Vec::new())
    } else {
        match closest_chain(catalog, topic, goal) {
            Some((0, chain)) => (Need::Required, chain),
            Some((_, chain)) => (Need::Recommended, chain),
            None => (Need::NotNeeded, Vec::new()),
        }
    };
    Why {
        topic,
        goal,
        need,
        chain,
        known,
    }
}

/// The cost of a chain: its `recommends` edges, then all its edges; less is
/// closer.
type ChainCost = (u32, u32);

/// The chain [`why`] shows, with the number of its `recommends` edges.
///
/// A search up the dependents from `topic` gives every topic its cost down
/// to `topic` (Dijkstra's, as the costs are pairs; `O(E log V)`); then a walk
/// down from `goal` takes, at each step, the first prerequisite in the file
/// that stays on a cheapest chain.
fn closest_chain(catalog: &Catalog, topic: TopicId, goal: TopicId) -> Option<(u32, Vec<Link>)> {
    let graph = catalog.graph();
    let step = |cost: ChainCost, kind: EdgeKind| {
        (cost.0 + u32::from(kind == EdgeKind::Recommends), cost.1 + 1)
    };
    let mut cost: Vec<Option<ChainCost>> = vec![None; catalog.topics.len()];
    let mut heap = BinaryHeap::from([Reverse(((0, 0), topic))]);
    cost[topic.index()] = Some((0, 0));
    while let Some(Reverse((at_cost, at))) = heap.pop() {
        if cost[at.index()] != Some(at_cost) {
            continue;
        }
        // Every topic on a cheapest chain from the goal costs less than the
        // goal, so it is settled by now.
        if at == goal {
            break;
        }
        for (dependent, kind) in graph.dependents(at) {
            let reach = step(at_cost, kind);
            if cost[dependent.index()].is_none_or(|c| reach < c) {
                cost[dependent.index()] = Some(reach);
                heap.push(Reverse((reach, dependent)));
            }
        }
    }
    let total = cost[goal.index()]?;
    let mut chain = Vec::new();
    let mut at = goal;
    while at != topic {
        let want = cost[at.index()];
        let next = catalog
            .topic(at)
            .prerequisites
            .iter()
            .filter(|p| cost[p.topic.index()].map(|c| step(c, p.kind)) == want)
            .min_by_key(|p| (p.topic, p.kind == EdgeKind::Recommends))?;
        chain.push(Link {
            dependent: at,
            prerequisite: next.topic,
            kind: next.kind,
            because: next.because.clone(),
        });
        at = next.topic;
    }
    Some((total.0, chain))
}
