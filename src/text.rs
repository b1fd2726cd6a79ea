//! Plain-text views of a catalog for terminals: paths, topics, lists.
//! Every view fits 80 columns, but for urls, which are never broken.

use std::fmt::Write;

use crate::catalog::{Catalog, EdgeKind, Resource, Section, TopicId};
use crate::path::StudyPath;

/// The width text views are laid out for.
pub const WIDTH: usize = 80;

/// Hours as a person writes them: `6`, `2.5`.
pub fn hours(h: f64) -> String {
    let rounded = (h * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A section's heading: `II. Neural Sequential Prediction`.
pub fn section_heading(section: &Section) -> String {
    match &section.number {
        Some(number) => format!("{number}. {}", section.title),
        None => section.title.clone(),
    }
}

/// Shortens `text` to `width` characters, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= width {
        return flat;
    }
    let mut out: String = flat.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A resource on one line: `Title, Author (video)`.
pub fn resource_line(resource: &Resource) -> String {
    let mut line = resource.title.clone();
    if let Some(author) = resource.author.as_ref().filter(|a| **a != resource.title) {
        let _ = write!(line, ", {author}");
    }
    let _ = write!(line, " ({})", resource.kind.as_str());
    if let Some(note) = &resource.note {
        let _ = write!(line, ": {note}");
    }
    line
}

/// Which resources a path view shows under each topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceDetail {
    /// The first resource only.
    First,
    /// Every resource.
    All,
}

/// The study path as text: the goal, then the topics under their section
/// headings with hours and resources, then the total.
pub fn path(catalog: &Catalog, path: &StudyPath, detail: ResourceDetail) -> String {
    let mut out = String::new();
    let goals: Vec<&str> = path
        .goals
        .iter()
        .map(|&g| catalog.topic(g).title.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Study path to {}: {} {}, {} hours",
        goals.join(" + "),
        path.topics.len(),
        if path.topics.len() == 1 {
            "topic"
        } else {
            "topics"
        },
        hours(path.total_hours)
    );
    if path.topics.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing left to study: you know every topic on the way."
        );
        return out;
    }
    let mut current_section = None;
    let number_width = path.topics.len().to_string().len();
    for (n, &id) in path.topics.iter().enumerate() {
        let topic = catalog.topic(id);
        if n == 0 || topic.section != current_section {
            current_section = topic.section;
            let heading = topic.section.map_or_else(
                || "(no section)".to_owned(),
                |s| section_heading(catalog.section(s)),
            );
            let _ = writeln!(out, "\n{}", truncate(&heading, WIDTH));
        }
        let hours_text = topic
            .hours
            .map(|h| format!("{} h", hours(h)))
            .unwrap_or_default();
        let lead = format!("  {:>number_width$}. ", n + 1);
        let room = WIDTH - lead.len() - hours_text.len().max(6) - 1;
        let with_id = format!("{} ({})", topic.title, topic.id);
        let title = if with_id.chars().count() <= room {
            with_id
        } else {
            truncate(&topic.title, room)
        };
        let _ = writeln!(out, "{lead}{title:<room$} {hours_text:>6}");
        let indent = " ".repeat(lead.len());
        let shown = match detail {
            ResourceDetail::First => &topic.resources[..topic.resources.len().min(1)],
            ResourceDetail::All => &topic.resources[..],
        };
        for resource in shown {
            let _ = writeln!(
                out,
                "{indent}{}",
                truncate(&resource_line(resource), WIDTH - indent.len())
            );
            let _ = writeln!(out, "{indent}  {}", resource.url);
        }
    }
    let _ = writeln!(out, "\nTotal: {} hours", hours(path.total_hours));
    out
}

/// Every topic in reading order under its section heading: title and id.
pub fn list(catalog: &Catalog) -> String {
    let mut out = String::new();
    let mut current_section = None;
    for (n, topic) in catalog.topics.iter().enumerate() {
        if n == 0 || topic.section != current_section {
            current_section = topic.section;
            if n > 0 {
                out.push('\n');
            }
            let heading = topic.section.map_or_else(
                || "(no section)".to_owned(),
                |s| section_heading(catalog.section(s)),
            );
            let _ = writeln!(out, "{}", truncate(&heading, WIDTH));
        }
        let line = format!("{} ({})", topic.title, topic.id);
        let _ = writeln!(out, "  {}", truncate(&line, WIDTH - 2));
    }
    out
}

/// Everything about one topic: section, aliases, hours, summary, its
/// prerequisites with their reasons, what it unlocks, and its resources.
pub fn show(catalog: &Catalog, id: TopicId) -> String {
    let topic = catalog.topic(id);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", topic.title, topic.id);
    if let Some(section) = topic.section {
        let _ = writeln!(
            out,
            "Section:  {}",
            section_heading(catalog.section(section))
        );
    }
    if !topic.aliases.is_empty() {
        let _ = writeln!(out, "Aliases:  {}", topic.aliases.join(", "));
    }
    if let Some(h) = topic.hours {
        let _ = writeln!(out, "Hours:    {}", hours(h));
    }
    if let Some(summary) = &topic.summary {
        out.push('\n');
        for line in textwrap::wrap(summary, WIDTH) {
            let _ = writeln!(out, "{line}");
        }
    }
    for kind in [EdgeKind::Requires, EdgeKind::Recommends] {
        let edges: Vec<_> = topic
            .prerequisites
            .iter()
            .filter(|p| p.kind == kind)
            .collect();
        if edges.is_empty() {
            continue;
        }
        let heading = match kind {
            EdgeKind::Requires => "Requires",
            EdgeKind::Recommends => "Recommends",
        };
        let _ = writeln!(out, "\n{heading}:");
        for p in edges {
            let prereq = catalog.topic(p.topic);
            let _ = writeln!(
                out,
                "  - {}",
                truncate(&format!("{} ({})", prereq.title, prereq.id), WIDTH - 4)
            );
            if let Some(because) = &p.because {
                for line in textwrap::wrap(
                    because,
                    textwrap::Options::new(WIDTH)
                        .initial_indent("    because: ")
                        .subsequent_indent("             "),
                ) {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }
    let unlocks: Vec<(TopicId, EdgeKind)> = {
        let mut v: Vec<_> = catalog.graph().dependents(id).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if !unlocks.is_empty() {
        let _ = writeln!(out, "\nUnlocks:");
        for (next, kind) in unlocks {
            let next = catalog.topic(next);
            let how = match kind {
                EdgeKind::Requires => "",
                EdgeKind::Recommends => " [recommended]",
            };
            let _ = writeln!(
                out,
                "  - {}",
                truncate(&format!("{} ({}){how}", next.title, next.id), WIDTH - 4)
            );
        }
    }
    if !topic.resources.is_empty() {
        let _ = writeln!(out, "\nResources:");
        for resource in &topic.resources {
            let _ = writeln!(out, "  - {}", truncate(&resource_line(resource), WIDTH - 4));
            let _ = writeln!(out, "    {}", resource.url);
        }
    }
    out
}
