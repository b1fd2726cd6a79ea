//! What a learner already knows: topics named on the command line and in a
//! progress file kept in their own repository.
//!
//! A progress file is plain text, one topic per line, each an id, alias or
//! title (ignoring case). A `#` at the start of a line or after a space begins
//! a comment; blank lines are skipped.

use crate::catalog::{Catalog, TopicId, UnknownTopic};
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::source::SourceFile;

/// Why the known topics could not be resolved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KnownError {
    /// A name given directly (such as with `--known`) matches no topic.
    #[error(transparent)]
    Named(#[from] UnknownTopic),
    /// The progress file names topics that do not exist: one diagnostic each.
    #[error("the progress file names {} unknown topic(s)", .0.len())]
    Progress(Vec<Diagnostic>),
}

/// One entry of a progress file: the name written and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name, trimmed, without its comment.
    pub name: String,
    /// Where the name starts.
    pub pos: Pos,
}

/// The entries of a progress file, in file order.
pub fn entries(source: &SourceFile) -> Vec<Entry> {
    source
        .text()
        .lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let content = strip_comment(line);
            let name = content.trim();
            if name.is_empty() {
                return None;
            }
            let leading = content.len() - content.trim_start().len();
            let column = content[..leading].chars().count() + 1;
            let line_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            Some(Entry {
                name: name.to_owned(),
                pos: Pos::new(line_number, column),
            })
        })
        .collect()
}

// A `#` inside a name, as in "C#", is part of the name; one at the start or
// after whitespace begins a comment.
fn strip_comment(line: &str) -> &str {
    let mut previous_blank = true;
    for (at, c) in line.char_indices() {
        if c == '#' && previous_blank {
            return &line[..at];
        }
        previous_blank = c.is_whitespace();
    }
    line
}

/// How many unknown entries get a "did you mean".
const MAX_SUGGESTIONS: usize = 100;

/// Resolves a progress file to topics: every entry, or one diagnostic per
/// entry that names no topic (with a suggestion when one is close).
pub fn resolve_progress(
    catalog: &Catalog,
    source: &SourceFile,
) -> Result<Vec<TopicId>, Vec<Diagnostic>> {
    let mut known = Vec::new();
    let mut errors = Vec::new();
    for entry in entries(source) {
        match catalog.lookup(&entry.name) {
            Some(id) => known.push(id),
            None => {
                let mut d = Diagnostic::new(
                    Code::UnknownProgressTopic,
                    format!("progress entry `{}` names no topic", entry.name),
                )
                .label(
                    entry.pos,
                    entry.name.chars().count(),
                    "no topic has this id, alias or title",
                );
                // Each suggestion scans every name: only the first few get one.
                let suggestion = (errors.len() < MAX_SUGGESTIONS)
                    .then(|| catalog.suggest(&entry.name))
                    .flatten();
                d = match suggestion {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help("fix the name, or remove the line"),
                };
                errors.push(d);
            }
        }
    }
    if errors.is_empty() {
        Ok(known)
    } else {
        Err(errors)
    }
}

/// The topics a learner knows: `names` (ids, aliases or titles) and the entries
/// of `progress`, without repeats, in the order given.
pub fn known_topics(
    catalog: &Catalog,
    names: &[String],
    progress: Option<&SourceFile>,
) -> Result<Vec<TopicId>, KnownError> {
    let mut known = Vec::with_capacity(names.len());
    for name in names {
        known.push(catalog.resolve(name)?);
    }
    if let Some(source) = progress {
        known.extend(resolve_progress(catalog, source).map_err(KnownError::Progress)?);
    }
    let mut seen = vec![false; catalog.topics.len()];
    known.retain(|id| !std::mem::replace(&mut seen[id.index()], true));
    Ok(known)
}
