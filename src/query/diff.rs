//! What changed between two versions of a curriculum: topics and edges added,
//! removed and renamed, and how the study path to each goal changes.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::catalog::{Catalog, TopicId};
use crate::query::path::{PathOptions, StudyPath};

/// A topic as the diff names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// A topic whose id changed, found through the new version's aliases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rename {
    /// The id in the old version.
    pub old: String,
    /// The id in the new version (which lists the old id as an alias).
    pub new: String,
}

/// One edge, by the ids its topics have in the new version where they exist.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EdgeRef {
    /// The topic that needs the prerequisite.
    pub dependent: String,
    /// `requires` or `recommends`.
    pub kind: &'static str,
    /// The prerequisite.
    pub prerequisite: String,
}

/// One field of a topic that both versions have, changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// `title`, `section`, `hours`, `aliases`, `summary`, `resources`, or
    /// `because`, the reason of an edge that both versions have.
    pub field: &'static str,
    /// For `because`: the edge, as `requires linear-algebra`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge: Option<String>,
    /// The value before (`null` when the field was not given).
    pub old: Value,
    /// The value after.
    pub new: Value,
}

/// A topic both versions have, with the fields that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicChange {
    /// Its id in the new version.
    pub id: String,
    /// What changed, in the order of the fields of a topic.
    pub changes: Vec<FieldChange>,
}

/// A goal's study path in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathSummary {
    /// How many topics the path has.
    pub topics: usize,
    /// Its total hours.
    pub hours: f64,
}

/// How the study path to one goal changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalChange {
    /// The goal as asked for.
    pub goal: String,
    /// The path in the old version; `None` if the goal does not exist there.
    pub old: Option<PathSummary>,
    /// The path in the new version; `None` if the goal does not exist there.
    pub new: Option<PathSummary>,
    /// Topics the new path has and the old one had not.
    pub added: Vec<String>,
    /// Topics the old path had and the new one has not.
    pub removed: Vec<String>,
    /// Topics on both paths whose hours changed: where a change of the
    /// path's hours comes from, besides the topics added and removed.
    pub retimed: Vec<Retimed>,
}

/// A topic on both paths to a goal whose estimate changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retimed {
    /// Its id in the new version.
    pub id: String,
    /// Its hours before (`null` when it had no estimate).
    pub old: Option<f64>,
    /// Its hours after.
    pub new: Option<f64>,
}

/// Everything that changed, each list in reading order of its version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Topics only the new version has.
    pub added_topics: Vec<TopicRef>,
    /// Topics only the old version had.
    pub removed_topics: Vec<TopicRef>,
    /// Topics whose id changed, the old id kept as an alias.
    pub renamed_topics: Vec<Rename>,
    /// Topics both versions have whose fields changed.
    pub changed_topics: Vec<TopicChange>,
    /// Edges only the new version has.
    pub added_edges: Vec<EdgeRef>,
    /// Edges only the old version had.
    pub removed_edges: Vec<EdgeRef>,
    /// One entry per goal asked for.
    pub goals: Vec<GoalChange>,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added_topics.is_empty()
            && self.removed_topics.is_empty()
            && self.renamed_topics.is_empty()
            && self.changed_topics.is_empty()
            && self.added_edges.is_empty()
            && self.removed_edges.is_empty()
            && self.goals.iter().all(|g| {
                g.old == g.new && g.added.is_empty() && g.removed.is_empty() && g.retimed.is_empty()
            })
    }
}

/// Compares `old` with `new`; `goals` are names (id, alias or title) looked up
/// in each version. Paths follow `requires` edges only.
pub fn diff(old: &Catalog, new: &Catalog, goals: &[String]) -> Diff {
    // Where each old topic lives in the new version: same id, else an alias.
    let mut in_new: Vec<Option<TopicId>> = Vec::with_capacity(old.topics.len());
    let mut renamed_topics = Vec::new();
    let mut removed_topics = Vec::new();
    for (index, topic) in old.topics.iter().enumerate() {
        let same = new.lookup_name(&topic.id);
        if let Some(id) = same
            && new.topic(id).id != topic.id
        {
            renamed_topics.push(Rename {
                old: topic.id.clone(),
                new: new.topic(id).id.clone(),
            });
        }
        if same.is_none() {
            removed_topics.push(topic_ref(old, TopicId(index as u32)));
        }
        in_new.push(same);
    }
    let matched: HashSet<TopicId> = in_new.iter().flatten().copied().collect();
    // Where each new topic was in the old version.
    let mut old_of: Vec<Option<TopicId>> = vec![None; new.topics.len()];
    for (index, found) in in_new.iter().enumerate() {
        if let Some(found) = found {
            old_of[found.index()].get_or_insert(TopicId(index as u32));
        }
    }
    let changed_topics = new
        .ids()
        .filter_map(|id| {
            let before = old_of[id.index()]?;
            let changes = changes(old, before, new, id, &in_new);
            (!changes.is_empty()).then(|| TopicChange {
                id: new.topic(id).id.clone(),
                changes,
            })
        })
        .collect();
    let added_topics = new
        .ids()
        .filter(|id| !matched.contains(id))
        .map(|id| topic_ref(new, id))
        .collect();
    let new_name = |id: TopicId| match in_new[id.index()] {
        Some(n) => new.topic(n).id.clone(),
        None => old.topic(id).id.clone(),
    };
    let old_edges: Vec<EdgeRef> = edges(old, new_name);
    let new_edges: Vec<EdgeRef> = edges(new, |id| new.topic(id).id.clone());
    let old_set: HashSet<&EdgeRef> = old_edges.iter().collect();
    let new_set: HashSet<&EdgeRef> = new_edges.iter().collect();
    let added_edges = new_edges
        .iter()
        .filter(|e| !old_set.contains(e))
        .cloned()
        .collect();
    let removed_edges = old_edges
        .iter()
        .filter(|e| !new_set.contains(e))
        .cloned()
        .collect();
    let goals = goals
        .iter()
        .map(|goal| {
            let old_path = old.lookup(goal).map(|g| path(old, g));
            let new_path = new.lookup(goal).map(|g| path(new, g));
            let old_ids: Vec<String> = old_path
                .iter()
                .flat_map(|p| p.topics.iter().map(|&id| new_name(id)))
                .collect();
            let new_ids: Vec<String> = new_path
                .iter()
                .flat_map(|p| p.topics.iter().map(|&id| new.topic(id).id.clone()))
                .collect();
            let old_lookup: HashSet<&String> = old_ids.iter().collect();
            let new_lookup: HashSet<&String> = new_ids.iter().collect();
            let on_old_path: HashSet<TopicId> = old_path
                .iter()
                .flat_map(|p| p.topics.iter().copied())
                .collect();
            let retimed = new_path
                .iter()
                .flat_map(|p| p.topics.iter().copied())
                .filter_map(|id| {
                    let before = old_of[id.index()].filter(|o| on_old_path.contains(o))?;
                    let (old_hours, new_hours) = (old.topic(before).hours, new.topic(id).hours);
                    (old_hours != new_hours).then(|| Retimed {
                        id: new.topic(id).id.clone(),
                        old: old_hours,
                        new: new_hours,
                    })
                })
                .collect();
            GoalChange {
                retimed,
                goal: goal.clone(),
                added: new_ids
                    .iter()
                    .filter(|id| !old_lookup.contains(id))
                    .cloned()
                    .collect(),
                removed: old_ids
                    .iter()
                    .filter(|id| !new_lookup.contains(id))
                    .cloned()
                    .collect(),
                old: old_path.map(|p| summary(&p)),
                new: new_path.map(|p| summary(&p)),
            }
        })
        .collect();
    Diff {
        added_topics,
        removed_topics,
        renamed_topics,
        changed_topics,
        added_edges,
        removed_edges,
        goals,
    }
}

/// The fields of topic `a` of `old` that differ in topic `b` of `new`;
/// `in_new` maps old topics to new ones, for the edges.
fn changes(
    old: &Catalog,
    a: TopicId,
    new: &Catalog,
    b: TopicId,
    in_new: &[Option<TopicId>],
) -> Vec<FieldChange> {
    let (before, after) = (old.topic(a), new.topic(b));
    let section = |catalog: &Catalog, topic: &crate::model::catalog::Topic| {
        topic.section.map(|s| catalog.section(s).id.clone())
    };
    let resources = |topic: &crate::model::catalog::Topic| -> Value {
        topic
            .resources
            .iter()
            .map(|r| json!({"title": r.title, "url": r.url, "kind": r.kind}))
            .collect()
    };
    let mut changes = Vec::new();
    let mut field = |name: &'static str, edge: Option<String>, old: Value, new: Value| {
        if old != new {
            changes.push(FieldChange {
                field: name,
                edge,
                old,
                new,
            });
        }
    };
    field("title", None, json!(before.title), json!(after.title));
    field(
        "section",
        None,
        json!(section(old, before)),
        json!(section(new, after)),
    );
    field("hours", None, json!(before.hours), json!(after.hours));
    // An alias that now names the topic's old id is the rename, not a change.
    let aliases = |topic: &crate::model::catalog::Topic| -> Value {
        topic
            .aliases
            .iter()
            .filter(|a| **a != before.id)
            .map(|a| json!(a))
            .collect()
    };
    field("aliases", None, aliases(before), aliases(after));
    field("summary", None, json!(before.summary), json!(after.summary));
    field("resources", None, resources(before), resources(after));
    for p in &before.prerequisites {
        let Some(target) = in_new[p.topic.index()] else {
            continue;
        };
        let same = after
            .prerequisites
            .iter()
            .find(|q| q.topic == target && q.kind == p.kind);
        if let Some(q) = same {
            field(
                "because",
                Some(format!("{} {}", p.kind.as_str(), new.topic(target).id)),
                json!(p.because),
                json!(q.because),
            );
        }
    }
    changes
}

fn topic_ref(catalog: &Catalog, id: TopicId) -> TopicRef {
    let topic = catalog.topic(id);
    TopicRef {
        id: topic.id.clone(),
        title: topic.title.clone(),
    }
}

fn edges(catalog: &Catalog, name: impl Fn(TopicId) -> String) -> Vec<EdgeRef> {
    let mut out = Vec::new();
    for (index, topic) in catalog.topics.iter().enumerate() {
        let dependent = name(TopicId(index as u32));
        for p in &topic.prerequisites {
            out.push(EdgeRef {
                dependent: dependent.clone(),
                kind: p.kind.as_str(),
                prerequisite: name(p.topic),
            });
        }
    }
    out
}

fn path(catalog: &Catalog, goal: TopicId) -> StudyPath {
    StudyPath::to(catalog, &[goal], &PathOptions::default())
}

fn summary(path: &StudyPath) -> PathSummary {
    PathSummary {
        topics: path.topics.len(),
        hours: path.total_hours,
    }
}
