//! The cycle errors: one diagnostic per group of topics that depend on each
//! other, with a concrete cycle, the line of each of its edges, every topic
//! in the group, and the edges whose removal breaks every cycle there.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::model::catalog::{Catalog, EdgeKind, Prerequisite, TopicId};
use crate::model::graph::Edge;

/// One error per cycle group: a concrete cycle, each edge's line, every topic involved.
pub fn cycle_diagnostics(catalog: &Catalog) -> Vec<Diagnostic> {
    let graph = catalog.graph();
    graph
        .cycles()
        .iter()
        .map(|group| {
            let cycle = graph.concrete_cycle(group);
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
            for &id in group {
                d = d.topic(&catalog.topic(id).id);
            }
            d.help(repair_help(catalog, &graph.cycle_repair(group)))
        })
        .collect()
}

// How many repair edges a hint lists before summing up the rest.
const MAX_REPAIR_SHOWN: usize = 8;

/// Where a repair edge names its prerequisite (or, failing that, its dependent's id).
fn repair_pos(catalog: &Catalog, edge: &Edge) -> Pos {
    let dependent = catalog.topic(edge.dependent);
    dependent
        .prerequisites
        .iter()
        .find(|p| p.topic == edge.prerequisite && p.kind == edge.kind)
        .map_or(dependent.pos, |p| p.pos)
}

/// For each cycle group, by the id of its first topic (the first topic its
/// diagnostic names), the places of the edges its repair hint names.
pub fn repair_places(catalog: &Catalog) -> Vec<(String, Vec<Pos>)> {
    let graph = catalog.graph();
    graph
        .cycles()
        .iter()
        .filter_map(|group| {
            let first = catalog.topic(*group.first()?).id.clone();
            let places = graph
                .cycle_repair(group)
                .iter()
                .map(|edge| repair_pos(catalog, edge))
                .collect();
            Some((first, places))
        })
        .collect()
}

fn repair_help(catalog: &Catalog, repair: &[Edge]) -> String {
    let line = |edge: &Edge| {
        let dependent = catalog.topic(edge.dependent);
        let prerequisite = &catalog.topic(edge.prerequisite).id;
        let pos = repair_pos(catalog, edge);
        format!(
            "`{prerequisite}` from the {} of `{}` (line {})",
            edge.kind.as_str(),
            dependent.id,
            pos.line
        )
    };
    let mut shown: Vec<String> = repair.iter().take(MAX_REPAIR_SHOWN).map(line).collect();
    if repair.len() > MAX_REPAIR_SHOWN {
        shown.push(format!("and {} more", repair.len() - MAX_REPAIR_SHOWN));
    }
    let verb = if repair.len() == 1 {
        "to break the cycle, remove"
    } else {
        "to break every cycle here, remove"
    };
    format!("{verb} {}", shown.join("; "))
}

/// The edge by which `prereq` is a prerequisite of `dependent`, preferring a hard one.
pub fn edge_between(
    catalog: &Catalog,
    prereq: TopicId,
    dependent: TopicId,
) -> Option<&Prerequisite> {
    let topic = catalog.topic(dependent);
    topic
        .requires()
        .find(|p| p.topic == prereq)
        .or_else(|| topic.recommends().find(|p| p.topic == prereq))
}
