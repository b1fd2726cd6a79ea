//! Which format a topics file is read as, and how its parser is set up:
//! JSON or YAML by the file's name, the YAML parser's budget and limits on
//! alias expansion for a file of a given size, and a first guess at how many
//! topics a file holds. Shared by the one-thread and the split parsers.

use serde_saphyr::{Budget, Options};

use crate::input::source::SourceFile;

/// Whether `source` is read as JSON: its name ends in `.json`.
pub fn is_json(source: &SourceFile) -> bool {
    std::path::Path::new(source.name())
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

/// About how many topics `text` holds: how often an `id` key is written
/// (sections have ids too). Reserving that much room up front saves growing
/// the list of topics, and the name map, step by step on a large file; a
/// count that is wrong costs only that saving.
pub(crate) fn expected_topics(text: &str, is_json: bool) -> usize {
    let key = if is_json { "\"id\"" } else { "id:" };
    // An `id` key takes at least a line of its own, so this bounds the count
    // even for a text that repeats the word everywhere.
    memchr::memmem::find_iter(text.as_bytes(), key)
        .count()
        .min(text.len() / 16)
}

/// The parser's options for a YAML text of `len` bytes: its budget and its
/// limit on alias replays, and no snippets (diagnostics draw their own).
pub(crate) fn yaml_options(len: usize) -> Options {
    let mut options = Options::default();
    options.budget = Some(budget_for(len));
    options.alias_limits.max_total_replayed_events = replay_limit(len);
    options.with_snippet = false;
    // A plain value is typed as YAML 1.2 types it (`yes` and `Y` are
    // strings, not booleans), and a string field takes only a string: a plain
    // `2001` or `true` there must be quoted, as the JSON Schema says.
    options.strict_booleans = true;
    options.no_schema = true;
    options
}

/// A parser budget that admits any honest file of `len` bytes.
pub fn budget_for(len: usize) -> Budget {
    // Every YAML node takes at least two bytes ("a\n" or "a,"), and each
    // produces at most two events, so these bounds never reject an honest file.
    let mut budget = Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    budget
}

/// How many events aliases may replay in a file of `len` bytes: a small file
/// cannot expand to more than a small multiple of itself, and no file beyond
/// serde-saphyr's default of one million.
pub fn replay_limit(len: usize) -> usize {
    len.saturating_mul(2).clamp(100_000, 1_000_000)
}

/// What every topics file looks like, for messages about files that do not.
pub(crate) const SHAPE: &str = "a topics file looks like `version: 1` then `topics:` with a list of `- id: ...` and `title: ...` entries";
