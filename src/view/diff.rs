//! The difference between two topics files, as text, as Markdown for a
//! pull-request comment, and as one JSON document.

use std::fmt::Write;

use serde::Serialize;

use crate::query::diff::{Diff, PathSummary};

/// The diff as text to paste into a pull request: one line per change,
/// `+` added, `-` removed, `~` renamed.
pub fn text(diff: &Diff) -> String {
    let mut out = String::new();
    if diff.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    let _ = writeln!(
        out,
        "topics: {} added, {} removed, {} renamed, {} changed",
        diff.added_topics.len(),
        diff.removed_topics.len(),
        diff.renamed_topics.len(),
        diff.changed_topics.len()
    );
    for t in &diff.added_topics {
        let _ = writeln!(out, "+ {} ({})", t.id, t.title);
    }
    for t in &diff.removed_topics {
        let _ = writeln!(out, "- {} ({})", t.id, t.title);
    }
    for r in &diff.renamed_topics {
        let _ = writeln!(out, "~ {} -> {}", r.old, r.new);
    }
    for t in &diff.changed_topics {
        for c in &t.changes {
            let field = match &c.edge {
                Some(edge) => format!("{} of `{edge}`", c.field),
                None => c.field.to_owned(),
            };
            let _ = writeln!(
                out,
                "~ {}: {field} {} -> {}",
                t.id,
                shown(&c.old),
                shown(&c.new)
            );
        }
    }
    let _ = writeln!(
        out,
        "edges: {} added, {} removed",
        diff.added_edges.len(),
        diff.removed_edges.len()
    );
    for e in &diff.added_edges {
        let _ = writeln!(out, "+ {} {} {}", e.dependent, e.kind, e.prerequisite);
    }
    for e in &diff.removed_edges {
        let _ = writeln!(out, "- {} {} {}", e.dependent, e.kind, e.prerequisite);
    }
    for g in &diff.goals {
        let change = change(g, "-");
        let _ = writeln!(
            out,
            "goal {}: {} -> {}{change}",
            g.goal,
            describe(&g.old),
            describe(&g.new)
        );
        for id in &g.added {
            let _ = writeln!(out, "  + {id}");
        }
        for id in &g.removed {
            let _ = writeln!(out, "  - {id}");
        }
        for r in &g.retimed {
            let _ = writeln!(
                out,
                "  ~ {}: {} -> {}",
                r.id,
                estimate(r.old),
                estimate(r.new)
            );
        }
    }
    out
}

/// The diff as Markdown for a pull-request comment: a heading, the counts,
/// then each change as a list item, names as code and titles escaped.
pub fn markdown(diff: &Diff) -> String {
    use crate::view::markdown::escape;
    let mut out = String::from("### Curriculum changes\n\n");
    if diff.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**Topics:** {} added, {} removed, {} renamed, {} changed\n",
        diff.added_topics.len(),
        diff.removed_topics.len(),
        diff.renamed_topics.len(),
        diff.changed_topics.len()
    );
    for t in &diff.added_topics {
        let _ = writeln!(out, "- added `{}`: {}", t.id, escape(&t.title));
    }
    for t in &diff.removed_topics {
        let _ = writeln!(out, "- removed `{}`: {}", t.id, escape(&t.title));
    }
    for r in &diff.renamed_topics {
        let _ = writeln!(out, "- renamed `{}` to `{}`", r.old, r.new);
    }
    for t in &diff.changed_topics {
        for c in &t.changes {
            let field = match &c.edge {
                Some(edge) => format!("{} of `{edge}`", c.field),
                None => c.field.to_owned(),
            };
            let _ = writeln!(
                out,
                "- changed `{}`: {field} {} → {}",
                t.id,
                escape(&shown(&c.old)),
                escape(&shown(&c.new))
            );
        }
    }
    let _ = writeln!(
        out,
        "\n**Edges:** {} added, {} removed\n",
        diff.added_edges.len(),
        diff.removed_edges.len()
    );
    for e in &diff.added_edges {
        let _ = writeln!(
            out,
            "- added: `{}` {} `{}`",
            e.dependent, e.kind, e.prerequisite
        );
    }
    for e in &diff.removed_edges {
        let _ = writeln!(
            out,
            "- removed: `{}` {} `{}`",
            e.dependent, e.kind, e.prerequisite
        );
    }
    for g in &diff.goals {
        let change = change(g, "−");
        let _ = writeln!(
            out,
            "\n**Path to `{}`:** {} → {}{change}\n",
            g.goal,
            describe(&g.old),
            describe(&g.new)
        );
        for id in &g.added {
            let _ = writeln!(out, "- joins the path: `{id}`");
        }
        for id in &g.removed {
            let _ = writeln!(out, "- leaves the path: `{id}`");
        }
        for r in &g.retimed {
            let _ = writeln!(
                out,
                "- `{}`: {} → {}",
                r.id,
                estimate(r.old),
                estimate(r.new)
            );
        }
    }
    out
}

/// A goal's path in one version: its topics and hours.
fn describe(path: &Option<PathSummary>) -> String {
    match path {
        Some(p) => format!(
            "{} {}, {} h",
            p.topics,
            if p.topics == 1 { "topic" } else { "topics" },
            crate::view::text::hours(p.hours)
        ),
        None => "no such topic".to_owned(),
    }
}

/// How a goal's hours changed, ` (+2 h)`, with `minus` as the sign of a fall.
fn change(goal: &crate::query::diff::GoalChange, minus: &str) -> String {
    match (&goal.old, &goal.new) {
        (Some(old), Some(new)) => {
            let delta = new.hours - old.hours;
            let sign = if delta < 0.0 { minus } else { "+" };
            format!(" ({sign}{} h)", crate::view::text::hours(delta.abs()))
        }
        _ => String::new(),
    }
}

/// A topic's estimate, or that it has none.
fn estimate(hours: Option<f64>) -> String {
    match hours {
        Some(h) => format!("{} h", crate::view::text::hours(h)),
        None => "no estimate".to_owned(),
    }
}

/// A field's value on one line: text quoted, numbers as they are, a
/// list of resources by their urls, nothing as `none`.
fn shown(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "none".to_owned(),
        Value::String(text) => format!("{:?}", crate::diagnostic::clip_str(text)),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), crate::view::text::hours),
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| match item.get("url") {
                    Some(Value::String(url)) => url.clone(),
                    _ => shown(item),
                })
                .collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// The diff as one JSON document (`format_version` 1).
pub fn json(diff: &Diff) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        format_version: u32,
        #[serde(flatten)]
        diff: &'a Diff,
    }
    let mut text = serde_json::to_string_pretty(&Doc {
        format_version: crate::view::json::FORMAT_VERSION,
        diff,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}
