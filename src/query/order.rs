//! Checking an external ordered list of topics (a syllabus, a series of
//! posts, a course plan) against the prerequisites. The list is read by
//! [`crate::input::list::entries`].

use foldhash::{HashMap, HashMapExt};

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::input::list::entries;
use crate::input::source::SourceFile;
use crate::model::catalog::{Catalog, Suggester, TopicId};

// Unknown entries past this many get no "did you mean", since each
// suggestion compares against every name.
const MAX_SUGGESTIONS: usize = 20;

/// Checks `list` against the `requires` edges of `catalog`: every entry must
/// come after each topic it requires, and each of those must be listed.
/// `topics_file` names the topics file in notes. Returns the number of
/// entries and the problems, in line order.
pub fn check(catalog: &Catalog, topics_file: &str, list: &SourceFile) -> (usize, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut listed: HashMap<TopicId, (Pos, usize)> = HashMap::new();
    let mut order: Vec<(TopicId, Pos, usize)> = Vec::new();
    let mut count = 0;
    let mut suggester = Suggester::new(MAX_SUGGESTIONS);
    for entry in entries(list) {
        count += 1;
        let len = entry.name.chars().count();
        // `lookup`, not `resolve`: a failed `resolve` scans every name for a
        // suggestion, which MAX_SUGGESTIONS is there to bound.
        let id = match catalog.lookup(entry.name) {
            Some(id) => id,
            None => {
                let help = suggester.help(
                    catalog,
                    entry.name,
                    "use a topic's id, one of its aliases, or its title",
                );
                diagnostics.push(
                    Diagnostic::new(
                        Code::OrderUnknownTopic,
                        format!("no topic is named `{}`", entry.name),
                    )
                    .label(entry.pos, len, "not an id, alias or title")
                    .help(help),
                );
                continue;
            }
        };
        let topic = catalog.topic(id);
        if let Some(&(first, first_len)) = listed.get(&id) {
            diagnostics.push(
                Diagnostic::new(
                    Code::OrderDuplicate,
                    format!("topic `{}` is listed twice", topic.id),
                )
                .label(entry.pos, len, "listed again here")
                .label(first, first_len, "first listed here")
                .topic(&topic.id)
                .help("remove one of the two lines; the first one counts"),
            );
            continue;
        }
        listed.insert(id, (entry.pos, len));
        order.push((id, entry.pos, len));
    }
    for &(id, pos, len) in &order {
        let topic = catalog.topic(id);
        for p in topic.requires() {
            let prereq = catalog.topic(p.topic);
            match listed.get(&p.topic) {
                Some(&(at, at_len)) if at.line > pos.line => diagnostics.push(
                    Diagnostic::new(
                        Code::OrderBeforePrerequisite,
                        format!(
                            "`{}` (line {}) comes before `{}` (line {}), which it requires",
                            topic.id, pos.line, prereq.id, at.line
                        ),
                    )
                    .label(pos, len, format!("requires `{}`", prereq.id))
                    .label(at, at_len, "listed later here")
                    .topic(&topic.id)
                    .topic(&prereq.id)
                    .help(format!(
                        "move line {} above line {}, or line {} below line {}",
                        at.line, pos.line, pos.line, at.line
                    )),
                ),
                Some(_) => {}
                None => diagnostics.push(
                    Diagnostic::new(
                        Code::OrderMissingPrerequisite,
                        format!(
                            "`{}` (line {}) requires `{}`, which the list leaves out",
                            topic.id, pos.line, prereq.id
                        ),
                    )
                    .label(pos, len, format!("requires `{}`", prereq.id))
                    .topic(&topic.id)
                    .topic(&prereq.id)
                    .note(format!(
                        "`{}` requires it at {topics_file}:{}",
                        topic.id, p.pos.line
                    ))
                    .help(format!("add `{}` above line {}", prereq.id, pos.line)),
                ),
            }
        }
    }
    diagnostics.sort_by_key(|d| d.pos());
    (count, diagnostics)
}
