//! Markdown views for notes and issues: study paths and next steps as task
//! checklists with every resource as a link, and the chain behind `why`.

use std::fmt::Write;

use crate::model::catalog::{Catalog, Resource, TopicId};
use crate::query::path::StudyPath;
use crate::query::plan::{self, Layout, Need, NextTopic, WeekPlan, Why};
use crate::view::text::{
    chain_caption, hours, hours_note, hours_text, plural, required_and_optional,
    section_heading_of, share_note, unestimated_part,
};

/// Escapes the characters that Markdown would read as markup in running
/// text (inside a list item, never at the start of a line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~')
            || (c == '&' && starts_entity(&text[at + 1..]))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether text after a `&` reads as an entity: `amp;`, `#38;`.
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(rest.len());
    name > 0 && rest[name..].starts_with(';')
}

/// A link destination: parentheses, angle brackets and backslashes escaped.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if matches!(c, '(' | ')' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A resource as a list item: `[Title](url), Author (video): note`.
fn resource_item(resource: &Resource) -> String {
    let mut line = format!(
        "[{}]({})",
        escape(&resource.title),
        destination(&resource.url)
    );
    if let Some(author) = resource.author.as_ref().filter(|a| **a != resource.title) {
        let _ = write!(line, ", {}", escape(author));
    }
    let _ = write!(line, " ({})", resource.kind.as_str());
    if let Some(note) = &resource.note {
        let _ = write!(line, ": {}", escape(note));
    }
    line
}

fn topic_name(catalog: &Catalog, id: TopicId) -> String {
    let topic = catalog.topic(id);
    format!("**{}** (`{}`)", escape(&topic.title), topic.id)
}

/// A checklist item for a topic, `detail` after its name, then every
/// resource as a link.
fn task(out: &mut dyn Write, catalog: &Catalog, id: TopicId, detail: &str) {
    let _ = writeln!(out, "- [ ] {}{detail}", topic_name(catalog, id));
    for resource in &catalog.topic(id).resources {
        let _ = writeln!(out, "  - {}", resource_item(resource));
    }
}

/// A task's hours after its name: `, 5 h`, `, no estimate`, with
/// `optional` before them as in [`hours_note`].
fn hours_detail(h: Option<f64>, optional: bool) -> String {
    format!(", {}", hours_note(h, optional))
}

/// Each topic's id as inline code: `` `rag` ``.
fn code_ids(catalog: &Catalog, topics: &[TopicId]) -> Vec<String> {
    topics
        .iter()
        .map(|&id| format!("`{}`", catalog.topic(id).id))
        .collect()
}

fn goal_titles(catalog: &Catalog, goals: &[TopicId]) -> String {
    let titles: Vec<String> = goals
        .iter()
        .map(|&g| escape(&catalog.topic(g).title))
        .collect();
    titles.join(" + ")
}

/// The study path as a Markdown checklist, grouped as `layout` says, each
/// topic with its hours and its resources as links.
pub fn path(catalog: &Catalog, path: &StudyPath, layout: Layout<'_>) -> String {
    let mut out = String::new();
    path_into(&mut out, catalog, path, layout, false);
    out
}

/// Writes [`path`]'s checklist to `out` as it is made, a line at a time.
pub fn write_path(
    out: &mut dyn std::io::Write,
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
) -> std::io::Result<()> {
    crate::view::text::streamed(out, |text| path_into(text, catalog, path, layout, false))
}

/// Writes [`path`]'s checklist to `out` with the path's Mermaid diagram
/// (see [`crate::view::mermaid::path_options`]) in a ```` ```mermaid ```` block
/// above it, which GitHub and GitLab draw.
pub fn write_path_with_diagram(
    out: &mut dyn std::io::Write,
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
) -> std::io::Result<()> {
    crate::view::text::streamed(out, |text| path_into(text, catalog, path, layout, true))
}

fn path_into(
    out: &mut dyn Write,
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
    diagram: bool,
) {
    let goals = goal_titles(catalog, &path.goals);
    match layout {
        Layout::Weeks(plan) => {
            let _ = writeln!(
                out,
                "# Study plan for {goals}, {} a week",
                hours_text(plan.pace)
            );
        }
        _ => {
            let _ = writeln!(out, "# Study path to {goals}");
        }
    }
    let mut summary = format!(
        "\n{}, {}",
        plural(path.topics.len(), "topic", "topics"),
        hours_text(path.total_hours)
    );
    match layout {
        Layout::Sections => {}
        Layout::Levels(stages) => {
            let _ = write!(summary, " in {}", plural(stages.len(), "stage", "stages"));
        }
        Layout::Weeks(plan) => {
            let _ = write!(
                summary,
                " over {}",
                plural(plan.total_weeks() as usize, "week", "weeks")
            );
        }
    }
    summary.push_str(&unestimated_part(path.unestimated.len()));
    if path.topics.is_empty() {
        let _ = writeln!(
            out,
            "{summary}: nothing left to study, you know every topic on the way."
        );
        return;
    }
    let chain = plan::critical_chain(catalog, path);

    if let Some(split) = required_and_optional(path) {
        let _ = write!(summary, " ({split})");
    }
    let _ = write!(
        out,
        "{summary}. Critical chain, {}: {} ({}).",
        chain_caption(path),
        hours_text(chain.hours),
        code_ids(catalog, &chain.topics).join(" → ")
    );
    if let Layout::Levels(_) = layout {
        let _ = write!(out, " Topics within a stage can be studied side by side.");
    }
    let _ = writeln!(out);
    if !path.unestimated.is_empty() {
        let _ = writeln!(
            out,
            "\nWithout an estimate, so not counted in the hours: {}.",
            code_ids(catalog, &path.unestimated).join(", ")
        );
    }
    if !path.known.is_empty() {
        let _ = writeln!(out, "\n{}", crate::view::text::known_line(path.known.len()));
    }
    if diagram {
        let options = crate::view::mermaid::path_options(path);
        let _ = write!(
            out,
            "\n```mermaid\n{}```\n",
            crate::view::mermaid::to_mermaid(catalog, &options)
        );
    }
    let optional = path.optional_by_topic(catalog);
    let detail = |id: TopicId| hours_detail(catalog.topic(id).hours, optional[id.index()]);
    match layout {
        Layout::Sections => {
            let mut current = None;
            for (n, &id) in path.topics.iter().enumerate() {
                let topic = catalog.topic(id);
                if n == 0 || topic.section != current {
                    current = topic.section;
                    let heading = section_heading_of(catalog, topic);
                    let _ = writeln!(out, "\n## {}\n", escape(&heading));
                }
                task(out, catalog, id, &detail(id));
            }
        }
        Layout::Levels(stages) => {
            for (s, stage) in stages.iter().enumerate() {
                let _ = writeln!(out, "\n## Stage {}\n", s + 1);
                for &id in stage {
                    task(out, catalog, id, &detail(id));
                }
            }
        }
        Layout::Weeks(plan) => weeks(out, catalog, plan, &optional),
    }
}

/// The week plan's checklist; `optional` tells, per topic of the catalog,
/// whether the path holds it only because of a recommendation.
fn weeks(out: &mut dyn Write, catalog: &Catalog, plan: &WeekPlan, optional: &[bool]) {
    let mut started = vec![false; catalog.topics.len()];
    for week in &plan.weeks {
        if week.first == week.last {
            let _ = writeln!(out, "\n## Week {}\n", week.first);
        } else {
            let _ = writeln!(out, "\n## Weeks {} to {}\n", week.first, week.last);
        }
        for item in &week.items {
            let total = catalog.topic(item.topic).hours;
            let first = !std::mem::replace(&mut started[item.topic.index()], true);
            let whole =
                first && item.finished && total.is_none_or(|t| (t - item.hours).abs() < 1e-9);
            let optional = optional[item.topic.index()];
            if whole {
                task(out, catalog, item.topic, &hours_detail(total, optional));
                continue;
            }
            let mut detail = format!(", {}", share_note(item.hours, total, optional));
            if week.first != week.last {
                detail.push_str(" each week");
            }
            if first {
                task(out, catalog, item.topic, &detail);
            } else {
                let verb = if item.finished { "finish" } else { "continue" };
                let _ = writeln!(
                    out,
                    "- [ ] {verb} {}{detail}",
                    topic_name(catalog, item.topic)
                );
            }
        }
    }
}

/// The topics that can be studied now as a Markdown checklist, ranked, with
/// what each leads to and its resources as links.
pub fn next(catalog: &Catalog, path: &StudyPath, toward: &[TopicId], next: &[NextTopic]) -> String {
    let mut out = String::new();
    if toward.is_empty() {
        let _ = writeln!(out, "# Study next");
    } else {
        let _ = writeln!(out, "# Study next toward {}", goal_titles(catalog, toward));
    }
    if next.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing left to study: you know every topic on the way."
        );
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} of {} left can be started now.\n",
        next.len(),
        plural(path.topics.len(), "topic", "topics")
    );
    let optional = path.optional_by_topic(catalog);
    for item in next {
        let detail = format!(
            "{}: leads a chain of {} h, opens {}",
            hours_detail(
                catalog.topic(item.topic).hours,
                optional[item.topic.index()]
            ),
            hours(item.chain_hours),
            plural(item.opens, "topic", "topics")
        );
        task(&mut out, catalog, item.topic, &detail);
    }
    out
}

/// Why a topic is on the way to a goal, in Markdown: a sentence and the chain
/// of edges, each with its reason.
pub fn why(catalog: &Catalog, why: &Why) -> String {
    let topic = topic_name(catalog, why.topic);
    let goal = topic_name(catalog, why.goal);
    let mut out = format!(
        "# Why {} for {}\n\n",
        escape(&catalog.topic(why.topic).title),
        escape(&catalog.topic(why.goal).title)
    );
    let edges = plural(why.chain.len(), "edge", "edges");
    let _ = writeln!(
        out,
        "{}",
        match why.need {
            Need::Goal => format!("{topic} is the goal itself."),
            Need::Required => format!("{goal} requires {topic}; the shortest chain has {edges}:"),
            Need::Recommended => format!(
                "{topic} is only recommended for {goal}, not required: every chain \
                 between them has a `recommends` edge. The closest chain, with the fewest recommendations and then the fewest \
                 edges, has {edges}:"
            ),
            Need::NotNeeded => format!(
                "{topic} is not needed for {goal}: no chain of prerequisites leads \
                 from the goal to it."
            ),
        }
    );
    if !why.chain.is_empty() {
        out.push('\n');
    }
    for link in &why.chain {
        let _ = write!(
            out,
            "1. {} {} {}",
            topic_name(catalog, link.dependent),
            link.kind.as_str(),
            topic_name(catalog, link.prerequisite)
        );
        match &link.because {
            Some(because) => {
                let _ = writeln!(out, ": {}", escape(because));
            }
            None => out.push('\n'),
        }
    }
    if why.known {
        let _ = writeln!(
            out,
            "\nYou know {topic} (or a topic that requires it), so it is not on your path."
        );
    }
    out
}
