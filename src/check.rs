//! The rules behind `prereq check`: everything the loader finds, plus
//! warnings about files that work but probably not as meant.

use std::collections::HashMap;

use crate::catalog::{Catalog, TopicId};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

/// The outcome of checking one file.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every problem, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many topics the file defines (0 if it could not be parsed).
    pub topics: usize,
    /// How many prerequisite edges it has: (requires, recommends).
    pub edges: (usize, usize),
}

impl Report {
    /// How many diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Parses, validates and lints `source`. Rules named in `allow` are left out.
pub fn check(source: &SourceFile, allow: &[Code]) -> Report {
    let (catalog, mut diagnostics) = match crate::load::analyze(source) {
        (Some(catalog), diagnostics) => (Some(catalog), diagnostics),
        (None, diagnostics) => (None, diagnostics),
    };
    if let Some(catalog) = &catalog {
        diagnostics.extend(warnings(catalog));
    }
    diagnostics.retain(|d| !allow.contains(&d.code));
    diagnostics.sort_by_key(|d| {
        let pos = d.pos();
        (!pos.is_known(), pos, d.severity)
    });
    Report {
        topics: catalog.as_ref().map_or(0, |c| c.topics.len()),
        edges: catalog.as_ref().map_or((0, 0), |c| c.graph().edge_counts()),
        diagnostics,
    }
}

/// Every warning rule over a catalog.
pub fn warnings(catalog: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out_of_order(catalog, &mut out);
    requires_and_recommends(catalog, &mut out);
    isolated_topics(catalog, &mut out);
    empty_sections(catalog, &mut out);
    duplicate_urls(catalog, &mut out);
    out
}

fn out_of_order(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for (index, topic) in catalog.topics.iter().enumerate() {
        let later: Vec<_> = topic
            .prerequisites
            .iter()
            .filter(|p| p.topic.index() > index)
            .collect();
        let Some(last) = later.iter().max_by_key(|p| p.topic) else {
            continue;
        };
        for p in &later {
            let prereq = catalog.topic(p.topic);
            out.push(
                Diagnostic::new(
                    Code::OutOfOrder,
                    format!(
                        "topic `{}` comes before `{}`, which it {}",
                        topic.id,
                        prereq.id,
                        p.kind.as_str()
                    ),
                )
                .label(p.pos, prereq.id.chars().count(), "listed later in the file")
                .label(prereq.pos, prereq.id.chars().count(), "defined here")
                .topic(&topic.id)
                .topic(&prereq.id)
                .help(format!(
                    "move `{}` below `{}` (line {}), so the reading order is a study order",
                    topic.id,
                    catalog.topic(last.topic).id,
                    catalog.topic(last.topic).pos.line
                )),
            );
        }
    }
}

fn requires_and_recommends(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for topic in &catalog.topics {
        let required: Vec<TopicId> = topic.requires().map(|p| p.topic).collect();
        for p in topic.recommends().filter(|p| required.contains(&p.topic)) {
            let prereq = &catalog.topic(p.topic).id;
            out.push(
                Diagnostic::new(
                    Code::RequiresAndRecommends,
                    format!("topic `{}` both requires and recommends `{prereq}`", topic.id),
                )
                .label(p.pos, prereq.chars().count(), "also under `requires`")
                .topic(&topic.id)
                .topic(prereq)
                .help("keep it in one list: `requires` if it is needed, `recommends` if it only helps"),
            );
        }
    }
}

fn isolated_topics(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    if catalog.topics.len() < 2 {
        return;
    }
    let graph = catalog.graph();
    for id in catalog.ids() {
        if graph.prerequisites(id).next().is_none() && graph.dependents(id).next().is_none() {
            let topic = catalog.topic(id);
            out.push(
                Diagnostic::new(Code::IsolatedTopic, format!("topic `{}` has no edges at all", topic.id))
                    .label(topic.pos, topic.id.chars().count(), "nothing requires it and it requires nothing")
                    .topic(&topic.id)
                    .help("connect it with `requires` or `recommends`, or allow the rule with `--allow isolated-topic`"),
            );
        }
    }
}

fn empty_sections(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut used = vec![false; catalog.sections.len()];
    for topic in &catalog.topics {
        if let Some(section) = topic.section {
            used[section.index()] = true;
        }
    }
    for (section, used) in catalog.sections.iter().zip(used) {
        if !used {
            out.push(
                Diagnostic::new(
                    Code::EmptySection,
                    format!("section `{}` has no topics", section.id),
                )
                .label(
                    section.pos,
                    section.id.chars().count(),
                    "no topic names this section",
                )
                .help("add topics with `section: ...`, or remove the section"),
            );
        }
    }
}

fn duplicate_urls(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for topic in &catalog.topics {
        let mut seen: HashMap<&str, &crate::catalog::Resource> = HashMap::new();
        for resource in &topic.resources {
            if let Some(first) = seen.insert(resource.url.as_str(), resource) {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateUrl,
                        format!("topic `{}` lists the url {} twice", topic.id, resource.url),
                    )
                    .label(
                        resource.pos,
                        resource.url.chars().count(),
                        "listed again here",
                    )
                    .label(first.pos, first.url.chars().count(), "first listed here")
                    .topic(&topic.id)
                    .help("remove one of the two entries"),
                );
            }
        }
    }
}
