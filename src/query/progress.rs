//! What a learner already knows: topics named on the command line and in a
//! progress file kept in their own repository.
//!
//! A progress file is a plain-text list of topics, one per line, read by
//! [`crate::input::list::entries`].

use crate::diagnostic::{Code, Diagnostic};
use crate::input::list::entries;
use crate::input::source::SourceFile;
use crate::model::catalog::{Catalog, Suggester, TopicId, UnknownTopic};

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
    let mut suggester = Suggester::new(MAX_SUGGESTIONS);
    for entry in entries(source) {
        match catalog.lookup(entry.name) {
            Some(id) => known.push(id),
            None => {
                let help = suggester.help(catalog, entry.name, "fix the name, or remove the line");
                errors.push(
                    Diagnostic::new(
                        Code::UnknownProgressTopic,
                        format!("progress entry `{}` names no topic", entry.name),
                    )
                    .label(
                        entry.pos,
                        entry.name.chars().count(),
                        "no topic has this id, alias or title",
                    )
                    .help(help),
                );
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
/// of `progress`, without repeats, in the order given. An empty name, as a
/// trailing comma in `--known a,b,` leaves, names nothing and is passed over.
pub fn known_topics(
    catalog: &Catalog,
    names: &[String],
    progress: Option<&SourceFile>,
) -> Result<Vec<TopicId>, KnownError> {
    let mut known = Vec::with_capacity(names.len());
    for name in names.iter().filter(|name| !name.trim().is_empty()) {
        known.push(catalog.resolve(name)?);
    }
    if let Some(source) = progress {
        known.extend(resolve_progress(catalog, source).map_err(KnownError::Progress)?);
    }
    let mut seen = vec![false; catalog.topics.len()];
    known.retain(|id| !std::mem::replace(&mut seen[id.index()], true));
    Ok(known)
}
