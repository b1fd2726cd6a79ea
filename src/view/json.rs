//! JSON views for machines: study paths, next steps and why (check reports are in [`crate::view::report`]).

use serde::Serialize;

use crate::model::catalog::{Catalog, TopicId};
use crate::query::path::StudyPath;
use crate::query::plan::{self, Layout, Need, NextTopic, Why};

/// The version of the JSON layouts below; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct PathJson<'a> {
    goals: Vec<&'a str>,
    path: Vec<PathStepJson<'a>>,
    total_hours: f64,
    required_hours: f64,
    optional_hours: f64,
    without_hours: Vec<&'a str>,
    recommended: bool,
    known: Vec<&'a str>,
    critical_chain: ChainJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: Option<Vec<Vec<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pace: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_weeks: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<Vec<WeekJson<'a>>>,
}

#[derive(Serialize)]
struct PathStepJson<'a> {
    id: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    hours: Option<f64>,
    optional: bool,
}

#[derive(Serialize)]
struct ChainJson<'a> {
    topics: Vec<&'a str>,
    hours: f64,
}

#[derive(Serialize)]
struct WeekJson<'a> {
    first: u64,
    last: u64,
    topics: Vec<WeekItemJson<'a>>,
}

#[derive(Serialize)]
struct WeekItemJson<'a> {
    id: &'a str,
    hours: f64,
    finished: bool,
}

fn ids<'a>(catalog: &'a Catalog, topics: &[TopicId]) -> Vec<&'a str> {
    topics
        .iter()
        .map(|&id| catalog.topic(id).id.as_str())
        .collect()
}

fn step(catalog: &Catalog, id: TopicId, optional: bool) -> PathStepJson<'_> {
    let topic = catalog.topic(id);
    PathStepJson {
        id: &topic.id,
        title: &topic.title,
        section: topic.section.map(|s| catalog.section(s).id.as_str()),
        hours: topic.hours,
        optional,
    }
}

/// `{"goals": [ids], "path": [{"id", "title", "section", "hours" (null
/// without an estimate), "optional"}], "total_hours", "required_hours",
/// "optional_hours", "without_hours": [ids], "recommended", "known": [ids],
/// "critical_chain": {"topics", "hours"}}`, plus `"levels": [[ids]]` for
/// stages, or `"pace"`, `"total_weeks"` and `"weeks": [{"first", "last", "topics": [{"id",
/// "hours", "finished"}]}]` for a week plan (a run of weeks on one topic is one
/// entry, its hours those of each week).
pub fn path(catalog: &Catalog, path: &StudyPath, layout: Layout<'_>) -> String {
    crate::view::text::written(|out| write_path(out, catalog, path, layout))
}

/// Writes [`path`]'s document to `out` as it is made.
pub fn write_path(
    out: &mut dyn std::io::Write,
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
) -> std::io::Result<()> {
    let chain = plan::critical_chain(catalog, path);
    let mut doc = PathJson {
        goals: ids(catalog, &path.goals),
        path: path
            .topics
            .iter()
            .zip(&path.optional)
            .map(|(&id, &optional)| step(catalog, id, optional))
            .collect(),
        total_hours: path.total_hours,
        required_hours: path.required_hours(),
        optional_hours: path.optional_hours,
        without_hours: ids(catalog, &path.unestimated),
        recommended: path.recommended,
        known: ids(catalog, &path.known),
        critical_chain: ChainJson {
            topics: ids(catalog, &chain.topics),
            hours: chain.hours,
        },
        levels: None,
        pace: None,
        total_weeks: None,
        weeks: None,
    };
    match layout {
        Layout::Sections => {}
        Layout::Levels(stages) => {
            doc.levels = Some(stages.iter().map(|stage| ids(catalog, stage)).collect());
        }
        Layout::Weeks(plan) => {
            doc.pace = Some(plan.pace);
            doc.total_weeks = Some(plan.total_weeks());
            doc.weeks = Some(
                plan.weeks
                    .iter()
                    .map(|week| WeekJson {
                        first: week.first,
                        last: week.last,
                        topics: week
                            .items
                            .iter()
                            .map(|item| WeekItemJson {
                                id: &catalog.topic(item.topic).id,
                                hours: item.hours,
                                finished: item.finished,
                            })
                            .collect(),
                    })
                    .collect(),
            );
        }
    }
    write_pretty(out, &doc)
}

#[derive(Serialize)]
struct NextJson<'a> {
    toward: Vec<&'a str>,
    known: Vec<&'a str>,
    remaining_topics: usize,
    remaining_hours: f64,
    next: Vec<NextItemJson<'a>>,
}

#[derive(Serialize)]
struct NextItemJson<'a> {
    #[serde(flatten)]
    step: PathStepJson<'a>,
    chain_hours: f64,
    opens: usize,
    resource: Option<ResourceJson<'a>>,
}

#[derive(Serialize)]
struct ResourceJson<'a> {
    title: &'a str,
    url: &'a str,
    kind: &'a str,
}

/// `{"toward": [ids], "known": [ids], "remaining_topics", "remaining_hours",
/// "next": [{"id", "title", "section", "hours", "optional", "chain_hours",
/// "opens", "resource": {"title", "url", "kind"} or null}]}`, best first.
pub fn next(catalog: &Catalog, path: &StudyPath, toward: &[TopicId], next: &[NextTopic]) -> String {
    let optional = path.optional_by_topic(catalog);
    let doc = NextJson {
        toward: ids(catalog, toward),
        known: ids(catalog, &path.known),
        remaining_topics: path.topics.len(),
        remaining_hours: path.total_hours,
        next: next
            .iter()
            .map(|item| NextItemJson {
                step: step(catalog, item.topic, optional[item.topic.index()]),
                chain_hours: item.chain_hours,
                opens: item.opens,
                resource: catalog
                    .topic(item.topic)
                    .resources
                    .first()
                    .map(|r| ResourceJson {
                        title: &r.title,
                        url: &r.url,
                        kind: r.kind.as_str(),
                    }),
            })
            .collect(),
    };
    to_string(&doc)
}

#[derive(Serialize)]
struct WhyJson<'a> {
    topic: &'a str,
    goal: &'a str,
    need: &'a str,
    known: bool,
    chain: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    dependent: &'a str,
    kind: &'a str,
    prerequisite: &'a str,
    because: Option<&'a str>,
}

/// `{"topic", "goal", "need": "goal" | "required" | "recommended" |
/// "not-needed", "known", "chain": [{"dependent", "kind", "prerequisite",
/// "because"}]}`, the chain from the goal down to the topic.
pub fn why(catalog: &Catalog, why: &Why) -> String {
    let doc = WhyJson {
        topic: &catalog.topic(why.topic).id,
        goal: &catalog.topic(why.goal).id,
        need: match why.need {
            Need::Goal => "goal",
            Need::Required => "required",
            Need::Recommended => "recommended",
            Need::NotNeeded => "not-needed",
        },
        known: why.known,
        chain: why
            .chain
            .iter()
            .map(|link| LinkJson {
                dependent: &catalog.topic(link.dependent).id,
                kind: link.kind.as_str(),
                prerequisite: &catalog.topic(link.prerequisite).id,
                because: link.because.as_deref(),
            })
            .collect(),
    };
    to_string(&doc)
}

#[derive(Serialize)]
struct ListJson<'a> {
    format_version: u32,
    title: Option<&'a str>,
    sections: Vec<SectionJson<'a>>,
    topics: Vec<TopicJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    id: &'a str,
    title: &'a str,
    number: Option<&'a str>,
    goal: Option<&'a str>,
}

#[derive(Serialize)]
struct TopicJson<'a> {
    id: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    aliases: &'a [String],
    hours: Option<f64>,
    summary: Option<&'a str>,
    requires: Vec<EdgeJson<'a>>,
    recommends: Vec<EdgeJson<'a>>,
    resources: Vec<FullResourceJson<'a>>,
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    id: &'a str,
    because: Option<&'a str>,
}

#[derive(Serialize)]
struct FullResourceJson<'a> {
    title: &'a str,
    url: &'a str,
    kind: &'a str,
    author: Option<&'a str>,
    note: Option<&'a str>,
}

fn topic_json(catalog: &Catalog, id: TopicId) -> TopicJson<'_> {
    let topic = catalog.topic(id);
    let edges = |kind: crate::model::catalog::EdgeKind| {
        topic
            .prerequisites
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| EdgeJson {
                id: &catalog.topic(p.topic).id,
                because: p.because.as_deref(),
            })
            .collect()
    };
    TopicJson {
        id: &topic.id,
        title: &topic.title,
        section: topic.section.map(|s| catalog.section(s).id.as_str()),
        aliases: &topic.aliases,
        hours: topic.hours,
        summary: topic.summary.as_deref(),
        requires: edges(crate::model::catalog::EdgeKind::Requires),
        recommends: edges(crate::model::catalog::EdgeKind::Recommends),
        resources: topic
            .resources
            .iter()
            .map(|r| FullResourceJson {
                title: &r.title,
                url: &r.url,
                kind: r.kind.as_str(),
                author: r.author.as_deref(),
                note: r.note.as_deref(),
            })
            .collect(),
    }
}

/// `{"format_version", "title", "sections": [{"id", "title", "number",
/// "goal"}], "topics": [topic]}`, every topic in reading order, where a topic
/// is `{"id", "title", "section", "aliases", "hours", "summary", "requires":
/// [{"id", "because"}], "recommends": [...], "resources": [{"title", "url",
/// "kind", "author", "note"}]}`: what a site generator needs.
pub fn write_list(out: &mut dyn std::io::Write, catalog: &Catalog) -> std::io::Result<()> {
    let doc = ListJson {
        format_version: FORMAT_VERSION,
        title: catalog.title.as_deref(),
        sections: catalog
            .sections
            .iter()
            .map(|s| SectionJson {
                id: &s.id,
                title: &s.title,
                number: s.number.as_deref(),
                goal: s.goal.as_deref(),
            })
            .collect(),
        topics: catalog.ids().map(|id| topic_json(catalog, id)).collect(),
    };
    write_pretty(out, &doc)
}

#[derive(Serialize)]
struct ShowJson<'a> {
    format_version: u32,
    #[serde(flatten)]
    topic: TopicJson<'a>,
    unlocks: Vec<UnlockJson<'a>>,
}

#[derive(Serialize)]
struct UnlockJson<'a> {
    id: &'a str,
    kind: &'a str,
    because: Option<&'a str>,
}

/// `{"format_version"}` and one topic as [`write_list`] gives it, plus
/// `"unlocks": [{"id", "kind", "because"}]`: the topics that require or
/// recommend it, in reading order, as `prereq show` lists them.
pub fn show(catalog: &Catalog, id: TopicId) -> String {
    let unlocks = catalog
        .unlocks(id)
        .into_iter()
        .map(|(d, kind)| {
            let topic = catalog.topic(d);
            let because = topic
                .prerequisites
                .iter()
                .find(|p| p.topic == id && p.kind == kind)
                .and_then(|p| p.because.as_deref());
            UnlockJson {
                id: &topic.id,
                kind: kind.as_str(),
                because,
            }
        })
        .collect();
    to_string(&ShowJson {
        format_version: FORMAT_VERSION,
        topic: topic_json(catalog, id),
        unlocks,
    })
}

fn to_string(value: &impl Serialize) -> String {
    crate::view::text::written(|out| write_pretty(out, value))
}

/// Writes `value` as pretty-printed JSON and a line break, as every JSON
/// view and report ends.
pub(crate) fn write_pretty(
    out: &mut dyn std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)
}
