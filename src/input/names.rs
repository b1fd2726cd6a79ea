//! The names a learner may type for each topic, read without validating
//! the file: for shell completion, which must answer at once.

use crate::diagnostic::Diagnostic;
use crate::input::schema::{FileSink, RawSection, RawTopic};
use crate::input::source::SourceFile;

/// One topic's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicNames {
    /// The topic's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its aliases, as written.
    pub aliases: Vec<String>,
}

/// A name that completes a typed prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion<'a> {
    /// The name to offer.
    pub name: &'a str,
    /// The topic it names.
    pub topic: &'a TopicNames,
    /// Whether `name` is an alias rather than the id.
    pub alias: bool,
}

/// The names of every topic `source` holds, in reading order, or why the
/// file cannot be read as a topics file. Nothing else is checked: a
/// misspelt prerequisite or a cycle changes nothing. Large files are read
/// on several threads, as for a catalog.
pub fn topic_names(source: &SourceFile) -> Result<Vec<TopicNames>, Box<Diagnostic>> {
    let mut names = Names::default();
    if crate::input::split::parse(source, &mut names as &mut (dyn FileSink + Send)).is_some() {
        return Ok(names.0);
    }
    // What the pieces handed on is dropped: the one-thread read starts afresh.
    let mut names = Names::default();
    crate::input::load::parse_into(source, &mut names)?;
    Ok(names.0)
}

/// The ids that start with `prefix`, then the aliases that do, each group
/// in alphabetical order; a name offered once, as the first topic that has
/// it (an id before an alias).
pub fn completions<'a>(topics: &'a [TopicNames], prefix: &str) -> Vec<Completion<'a>> {
    let mut ids: Vec<Completion<'a>> = topics
        .iter()
        .filter(|topic| topic.id.starts_with(prefix))
        .map(|topic| Completion {
            name: &topic.id,
            topic,
            alias: false,
        })
        .collect();
    let mut aliases: Vec<Completion<'a>> = topics
        .iter()
        .flat_map(|topic| {
            topic
                .aliases
                .iter()
                .filter(|alias| alias.starts_with(prefix))
                .map(move |alias| Completion {
                    name: alias,
                    topic,
                    alias: true,
                })
        })
        .collect();
    // Stable sorts keep the first topic of each name first, for dedup.
    ids.sort_by_key(|c| c.name);
    ids.dedup_by_key(|c| c.name);
    aliases.sort_by_key(|c| c.name);
    aliases.dedup_by_key(|c| c.name);
    aliases.retain(|alias| ids.binary_search_by_key(&alias.name, |id| id.name).is_err());
    ids.extend(aliases);
    ids
}

/// A sink that keeps only the names.
#[derive(Default)]
struct Names(Vec<TopicNames>);

impl FileSink for Names {
    fn expect(&mut self, topics: usize) {
        self.0.reserve(topics);
    }

    fn sections(&mut self, _: Vec<RawSection>) {}

    fn topic(&mut self, topic: RawTopic) {
        self.0.push(TopicNames {
            id: topic.id.value,
            title: topic.title,
            aliases: topic.aliases.into_iter().map(|a| a.value).collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "version: 1\ntopics:\n  - id: beta\n    title: Beta\n    aliases: [b, alpha-like]\n  - id: alpha\n    title: Alpha\n";

    #[test]
    fn ids_first_then_aliases_each_sorted() {
        let topics = topic_names(&SourceFile::new("t.yaml", FILE)).unwrap();
        let names: Vec<(&str, bool)> = completions(&topics, "")
            .iter()
            .map(|c| (c.name, c.alias))
            .collect();
        assert_eq!(
            names,
            [
                ("alpha", false),
                ("beta", false),
                ("alpha-like", true),
                ("b", true)
            ]
        );
        let names: Vec<&str> = completions(&topics, "al").iter().map(|c| c.name).collect();
        assert_eq!(names, ["alpha", "alpha-like"]);
    }

    #[test]
    fn a_name_is_offered_once() {
        let file = "version: 1\ntopics:\n  - id: beta\n    title: Beta\n    aliases: [alpha, b]\n  - id: alpha\n    title: Alpha\n    aliases: [b]\n";
        let topics = topic_names(&SourceFile::new("t.yaml", file)).unwrap();
        let names: Vec<(&str, &str, bool)> = completions(&topics, "")
            .iter()
            .map(|c| (c.name, c.topic.id.as_str(), c.alias))
            .collect();
        assert_eq!(
            names,
            [
                ("alpha", "alpha", false),
                ("beta", "beta", false),
                ("b", "beta", true)
            ]
        );
    }

    #[test]
    fn a_broken_file_gives_no_names() {
        let broken = format!("{FILE}  - id: [\n");
        assert!(topic_names(&SourceFile::new("t.yaml", broken)).is_err());
        assert!(topic_names(&SourceFile::new("t.yaml", "")).is_err());
    }
}
