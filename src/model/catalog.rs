//! The validated model of a curriculum: topics, sections, resources and the
//! prerequisite edges between topics, with every name resolved.

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use crate::diagnostic::{Code, Diagnostic, Pos, Severity};
use crate::input::schema::{
    FileSink, Located, RawHead, RawResource, RawSection, RawTopic, ResourceKind, StagedSink,
};
use crate::model::graph::Graph;
pub use crate::model::graph::{EdgeKind, TopicId};

/// A section's place in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionId(pub u32);

impl SectionId {
    /// The position in reading order, from 0.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One prerequisite of a topic.
#[derive(Debug, Clone, PartialEq)]
pub struct Prerequisite {
    /// The topic to study first.
    pub topic: TopicId,
    /// Hard or soft.
    pub kind: EdgeKind,
    /// Why, in the file's words.
    pub because: Option<String>,
    /// Where the reference is written.
    pub pos: Pos,
}

/// A warning rule the file silences at one place: `allow:` on a topic, or
/// on an edge written as a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allow {
    /// The topic that carries it.
    pub topic: TopicId,
    /// For an edge's: where the edge names its prerequisite.
    pub edge: Option<Pos>,
    /// The rule.
    pub code: Code,
}

/// A learning resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Its own title.
    pub title: String,
    /// Its http(s) url.
    pub url: String,
    /// What sort it is.
    pub kind: ResourceKind,
    /// Who made it.
    pub author: Option<String>,
    /// Which part, or what it is about.
    pub note: Option<String>,
    /// Where its url is written.
    pub pos: Pos,
}

/// A group of topics, such as a part of a book.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Kebab-case id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Optional number, such as `II`.
    pub number: Option<String>,
    /// What the section is for.
    pub goal: Option<String>,
    /// Resources for the section as a whole.
    pub resources: Vec<Resource>,
    /// Where its id is written.
    pub pos: Pos,
}

/// One thing to learn.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// Kebab-case id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// The section it belongs to.
    pub section: Option<SectionId>,
    /// Other names for it.
    pub aliases: Vec<String>,
    /// Hard prerequisites, then soft ones, each in file order.
    pub prerequisites: Vec<Prerequisite>,
    /// Estimated hours of study.
    pub hours: Option<f64>,
    /// What it is.
    pub summary: Option<String>,
    /// Where to learn it.
    pub resources: Vec<Resource>,
    /// Where its id is written.
    pub pos: Pos,
}

impl Topic {
    /// The hard prerequisites.
    pub fn requires(&self) -> impl Iterator<Item = &Prerequisite> {
        self.prerequisites
            .iter()
            .filter(|p| p.kind == EdgeKind::Requires)
    }

    /// The soft prerequisites.
    pub fn recommends(&self) -> impl Iterator<Item = &Prerequisite> {
        self.prerequisites
            .iter()
            .filter(|p| p.kind == EdgeKind::Recommends)
    }

    /// Hours, counting a topic without an estimate as zero.
    pub fn hours_or_zero(&self) -> f64 {
        self.hours.unwrap_or(0.0)
    }
}

/// A goal or topic name that matches nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no topic is named `{query}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownTopic {
    /// What was asked for.
    pub query: String,
    /// The closest id, alias or title, if any is close.
    pub suggestion: Option<String>,
}

/// A validated curriculum.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The curriculum's name.
    pub title: Option<String>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
    /// Topics in reading order; `TopicId(i)` is `topics[i]`.
    pub topics: Vec<Topic>,
    /// Every id and alias in lowercase, with where it was first written.
    names: HashMap<CompactString, (TopicId, NameOwner)>,
    /// Titles in lowercase, made on the first lookup by title: most runs
    /// name topics by id and never need them.
    titles: OnceLock<HashMap<String, TopicId>>,
    graph: Graph,
    /// The warning rules silenced at one place, in reading order; few files
    /// have any, so they are kept here rather than on every topic.
    pub allows: Vec<Allow>,
}

/// The versions of the topics format this build reads.
pub const SUPPORTED_VERSION: u64 = 1;

impl Catalog {
    /// The topic with this id.
    pub fn topic(&self, id: TopicId) -> &Topic {
        &self.topics[id.index()]
    }

    /// The section with this id.
    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id.index()]
    }

    /// Every topic id in reading order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = TopicId> + use<> {
        (0..self.topics.len() as u32).map(TopicId)
    }

    /// The prerequisite graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The topics that name `id` as a prerequisite, in reading order, each
    /// once with the kind of its edge (`requires` where it has both).
    pub fn unlocks(&self, id: TopicId) -> Vec<(TopicId, EdgeKind)> {
        let mut unlocks: Vec<_> = self.graph.dependents(id).collect();
        // Requires sorts before Recommends, so a topic that both requires and
        // recommends this one is listed once, as requiring it.
        unlocks.sort_unstable();
        unlocks.dedup_by_key(|(topic, _)| *topic);
        unlocks
    }

    /// Finds a topic by id, alias or title, ignoring case.
    pub fn resolve(&self, query: &str) -> Result<TopicId, UnknownTopic> {
        self.lookup(query).ok_or_else(|| {
            let trimmed = query.trim();
            UnknownTopic {
                query: trimmed.to_owned(),
                suggestion: self.suggest(trimmed),
            }
        })
    }

    /// Finds a topic by id, alias or title, ignoring case; no suggestion when
    /// nothing matches, so it costs one hash lookup.
    pub fn lookup(&self, query: &str) -> Option<TopicId> {
        let lower = query.trim().to_lowercase();
        match self.names.get(lower.as_str()) {
            Some(&(id, _)) => Some(id),
            None => self.titles().get(&lower).copied(),
        }
    }

    /// The topic with this id or alias, ignoring case; no titles, no suggestions.
    pub fn lookup_name(&self, name: &str) -> Option<TopicId> {
        self.names.get(lowercase(name).as_ref()).map(|&(id, _)| id)
    }

    fn titles(&self) -> &HashMap<String, TopicId> {
        self.titles.get_or_init(|| {
            let mut titles = HashMap::with_capacity(self.topics.len());
            for (topic, id) in self.topics.iter().zip(self.ids()) {
                titles
                    .entry(topic.title.trim().to_lowercase())
                    .or_insert(id);
            }
            titles
        })
    }

    /// The id, alias or title closest to `query`, if one is close enough to be a typo.
    pub fn suggest(&self, query: &str) -> Option<String> {
        let query = query.to_lowercase();
        let candidates =
            self.names
                .iter()
                .map(|(name, &(id, _))| (name.as_str(), (id, false, name.as_str())))
                .chain(self.titles().iter().map(|(title, &id)| {
                    (title.as_str(), (id, true, self.topic(id).title.as_str()))
                }));
        best_match(&query, candidates).map(|(_, _, shown)| shown.to_owned())
    }
}

/// `name` in lowercase, without a copy when it already is: ids are
/// kebab-case, so looking up an edge then costs no allocation.
fn lowercase(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(name.to_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// A suggestion: the topic, whether it is matched by title, and the name to show.
type Shown<'a> = (TopicId, bool, &'a str);

/// Hands out "did you mean" hints for misspelt names in lists (progress
/// files, `--order` lists), a bounded number of them: each one scans every
/// id, alias and title, so a list full of typos stays linear.
#[derive(Debug, Clone)]
pub struct Suggester {
    left: usize,
}

impl Suggester {
    /// A suggester that gives at most `limit` hints.
    pub fn new(limit: usize) -> Self {
        Self { left: limit }
    }

    /// `did you mean `x`?` for `name`, or `fallback` when nothing is close or
    /// the hints are used up.
    pub fn help(&mut self, catalog: &Catalog, name: &str, fallback: &str) -> String {
        let suggestion = if self.left > 0 {
            self.left -= 1;
            catalog.suggest(name)
        } else {
            None
        };
        match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => fallback.to_owned(),
        }
    }
}

/// The closest candidate by normalised edit distance; ties go to the lowest
/// id, then an id or alias before a title, then the first name in byte order
/// (candidates come from hash maps, whose order changes from run to run).
fn best_match<'a>(
    query: &str,
    candidates: impl Iterator<Item = (&'a str, Shown<'a>)>,
) -> Option<Shown<'a>> {
    let mut best: Option<(f64, Shown<'a>)> = None;
    if query.len() > MAX_SUGGEST_LEN {
        return None;
    }
    for (name, shown) in candidates {
        if !could_match(query, name) {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(query, name);
        let prefix = name.starts_with(query) && query.len() >= 3;
        let score = if prefix { score.max(0.75) } else { score };
        let better = match best {
            None => true,
            Some((s, b)) => score > s || (score == s && shown < b),
        };
        if better {
            best = Some((score, shown));
        }
    }
    best.filter(|(score, _)| *score >= 0.6)
        .map(|(_, shown)| shown)
}

/// Names longer than this get no suggestion: edit distance costs the product
/// of the two lengths.
const MAX_SUGGEST_LEN: usize = 200;

/// Whether `name` may be close enough to `query` to suggest: its length
/// differs by less than the edit distance a suggestion allows, or `query`
/// may be a prefix of it.
fn could_match(query: &str, name: &str) -> bool {
    let (a, b) = (query.chars().count(), name.chars().count());
    name.len() <= MAX_SUGGEST_LEN * 4
        && (a.abs_diff(b) * 10 <= a.max(b) * 4 || name.starts_with(query))
}

/// Suggests one of `names` for a misspelt `query`.
pub fn suggest_among<'a>(query: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if query.len() > MAX_SUGGEST_LEN {
        return None;
    }
    names
        .into_iter()
        .filter(|name| could_match(query, name))
        .map(|name| (strsim::normalized_damerau_levenshtein(query, name), name))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, name)| name)
}

/// [`suggest_among`], and whether the suggestion is the only one that
/// close: a fix may apply it without asking only then.
pub fn suggest_clearly<'a>(
    query: &str,
    names: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<(&'a str, bool)> {
    let best = suggest_among(query, names.clone())?;
    let score = |name: &str| strsim::normalized_damerau_levenshtein(query, name);
    let top = score(best);
    let unique = !names
        .into_iter()
        .any(|name| name != best && could_match(query, name) && score(name) >= top);
    Some((best, unique))
}

fn digits(n: u64) -> usize {
    n.to_string().len()
}

/// Whether `id` is lowercase kebab-case: `a-z`, `0-9`, single dashes between words.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `text` with every control character but the line feed as a space: a
/// terminal would act on an escape sequence, while a line break is one the
/// author wrote (views on one line flatten it themselves).
fn printable(text: String) -> String {
    let replace = |c: char| c.is_control() && c != '\n';
    // Control characters are bytes below 0x20, 0x7f, or 0xc2 0x80-0x9f; a
    // text with none of those bytes is kept without decoding it.
    let maybe = |b: &u8| (*b < 0x20 && *b != b'\n') || *b == 0x7f || *b == 0xc2;
    if !text.as_bytes().iter().any(maybe) || !text.contains(replace) {
        return text;
    }
    text.chars()
        .map(|c| if replace(c) { ' ' } else { c })
        .collect()
}

/// The most hours one topic may take. Sums over a whole path stay finite,
/// and a plan's week numbers stay far from overflowing, at any pace.
pub const MAX_HOURS: f64 = 10_000.0;

/// `value` as a message shows it: `2.5`, `-3`, or `1e308` where the plain
/// digits would run to hundreds of characters.
fn number(value: f64) -> String {
    if value != 0.0 && !(1e-6..1e16).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Whether `url` is an absolute http or https url.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty()
        && !rest.starts_with('/')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// What is wrong with a resource url, if anything: the message, the label
/// and the help.
fn url_problem(url: &str) -> Option<(String, &'static str, String)> {
    if is_web_url(url) {
        return None;
    }
    let shown = crate::diagnostic::clip_str(url);
    let lower = url.to_ascii_lowercase();
    if let Some(space) = url
        .chars()
        .position(|c| c.is_whitespace() || c.is_control())
    {
        let what = if url.chars().nth(space).is_some_and(char::is_whitespace) {
            "a space"
        } else {
            "a control character"
        };
        return Some((
            format!("the url `{shown}` holds {what}"),
            "a url holds no spaces or control characters",
            "remove it, or write a space as `%20`".to_owned(),
        ));
    }
    let scheme_end = url.find("://");
    match scheme_end {
        Some(_) if lower.starts_with("http://") || lower.starts_with("https://") => Some((
            format!("the url `{shown}` has no host after its scheme"),
            "no host",
            "write the whole address, such as `https://example.com/page`".to_owned(),
        )),
        Some(end) => {
            let scheme = &lower[..end];
            let rest = &url[end + 3..];
            let misspelt = [("https", "https"), ("http", "http")]
                .iter()
                .find(|(name, _)| suggest_among(scheme, [*name]).is_some());
            match misspelt {
                Some((name, _)) => Some((
                    format!("the url `{shown}` begins with `{scheme}://`, not `{name}://`"),
                    "misspelt scheme",
                    format!("write `{name}://{}`", crate::diagnostic::clip_str(rest)),
                )),
                None => Some((
                    format!("the url `{shown}` uses `{scheme}`; resources are http or https"),
                    "not http or https",
                    "link to a web page instead".to_owned(),
                )),
            }
        }
        None if url.contains('.') && !url.contains(':') && !url.starts_with('/') => Some((
            format!("the url `{shown}` has no scheme"),
            "no `https://`",
            format!("write `https://{shown}`"),
        )),
        None => Some((
            format!("`{shown}` is not an http or https url"),
            "not an http(s) url",
            "resource urls start with `https://` or `http://`".to_owned(),
        )),
    }
}

/// The `invalid-url` diagnostic for the url of resource `title` of topic
/// `owner` (none for a section's), if the url is not http(s).
pub(crate) fn url_diagnostic(
    title: &str,
    url: &Located<String>,
    owner: Option<&str>,
) -> Option<Diagnostic> {
    let (message, label, help) = url_problem(&url.value)?;
    let d = Diagnostic::new(Code::InvalidUrl, format!("resource `{title}`: {message}"))
        .label(url.pos, url.value.chars().count(), label)
        .help(help);
    Some(match owner {
        Some(owner) => d.topic(owner),
        None => d,
    })
}

/// Checks a list of resources of `owner` (a topic id, or none for a
/// section's), reporting each url that is not http(s).
fn resources(
    raw: Vec<RawResource>,
    owner: Option<&str>,
    report: &mut dyn FnMut(Diagnostic),
) -> Vec<Resource> {
    raw.into_iter()
        .map(|resource| {
            let pos = resource.url.pos;
            if let Some(d) = url_diagnostic(&resource.title, &resource.url, owner) {
                report(d);
            }
            Resource {
                title: printable(resource.title),
                url: resource.url.value,
                kind: resource.kind,
                author: resource.author.map(printable),
                note: resource.note.map(printable),
                pos,
            }
        })
        .collect()
}

/// The diagnostic for an id or alias that is not kebab-case, if it is not.
fn id_diagnostic(id: &str, pos: Pos, what: &str) -> Option<Diagnostic> {
    if is_kebab_case(id) {
        return None;
    }
    let fixed = kebab(id);
    let mut d = Diagnostic::new(Code::InvalidId, format!("{what} `{id}` is not kebab-case")).label(
        pos,
        id.chars().count(),
        "not kebab-case",
    );
    if !fixed.is_empty() {
        d = d.help(format!(
            "use lowercase words joined by dashes, such as `{fixed}`"
        ));
    }
    Some(d)
}

/// What checking a topic on its own needs from the rest of the file: its
/// sections. The threads reading a large file share it.
#[derive(Debug, Default, Clone)]
pub struct TopicChecks {
    section_index: HashMap<String, SectionId>,
}

/// A topic checked on its own, on whichever thread read it: everything but
/// its names, which only the map of all names read before it can settle.
#[derive(Debug)]
pub struct CheckedTopic {
    /// The topic, each prerequisite still pointing at [`UNRESOLVED`].
    topic: Topic,
    alias_pos: Vec<Pos>,
    /// Each prerequisite's name as written, in the order of `topic`'s.
    names: Vec<CompactString>,
    /// Diagnostics in the order they are made, each with the name (0 the
    /// id, then the aliases) whose claim comes after it.
    diagnostics: Vec<(usize, Diagnostic)>,
    /// The rules it silences: for itself, or for the edge at a place.
    allows: Vec<(Option<Pos>, Code)>,
}

impl TopicChecks {
    fn new(sections: &[Section]) -> Self {
        let mut section_index = HashMap::with_capacity(sections.len());
        for (i, section) in sections.iter().enumerate() {
            section_index
                .entry(section.id.clone())
                .or_insert(SectionId(i as u32));
        }
        Self { section_index }
    }

    /// The first step for a topic: everything that needs no other topic.
    pub fn check(&self, raw_topic: RawTopic) -> CheckedTopic {
        let RawTopic {
            id: raw_id,
            title,
            section,
            aliases,
            requires,
            recommends,
            hours,
            summary,
            resources: raw_resources,
            allow,
        } = raw_topic;
        let pos = raw_id.pos;
        let mut diagnostics = Vec::new();
        let after_claims = usize::MAX;
        if let Some(d) = id_diagnostic(&raw_id.value, pos, "topic id") {
            diagnostics.push((0, d.topic(&raw_id.value)));
        }
        let mut alias_names = Vec::with_capacity(aliases.len());
        let mut alias_pos = Vec::with_capacity(aliases.len());
        for (i, alias) in aliases.into_iter().enumerate() {
            if let Some(d) = id_diagnostic(&alias.value, alias.pos, "alias") {
                diagnostics.push((i + 1, d.topic(&raw_id.value)));
            }
            alias_pos.push(alias.pos);
            alias_names.push(alias.value);
        }
        let title = printable(title);

        let section = section.and_then(|section| {
            let found = self.section_index.get(section.value.as_str()).copied();
            if found.is_none() {
                let names = self
                    .section_index
                    .keys()
                    .map(String::as_str)
                    .filter(|name| is_kebab_case(name));
                let mut d = Diagnostic::new(
                    Code::UnknownSection,
                    format!(
                        "topic `{}` is in unknown section `{}`",
                        raw_id.value, section.value
                    ),
                )
                .label(
                    section.pos,
                    section.value.chars().count(),
                    "no such section",
                )
                .topic(&raw_id.value);
                d = match suggest_among(&section.value, names) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help("add it under `sections:`, or fix the name"),
                };
                diagnostics.push((after_claims, d));
            }
            found
        });
        let hours = hours.and_then(|hours| {
            let value = hours.value;
            if value.is_finite() && value > 0.0 && value <= MAX_HOURS {
                return Some(value);
            }
            let shown = number(value);
            let (message, label, help) = if value > MAX_HOURS {
                (
                    format!(
                        "topic `{}` has hours {shown}, more than {MAX_HOURS}",
                        raw_id.value
                    ),
                    "too many hours for one topic",
                    "split the topic into smaller ones, or give a smaller estimate",
                )
            } else {
                (
                    format!(
                        "topic `{}` has hours {shown}, which is not a positive number",
                        raw_id.value
                    ),
                    "not a positive number",
                    "give an estimate above zero, such as `hours: 2`, or leave `hours` out",
                )
            };
            diagnostics.push((
                after_claims,
                Diagnostic::new(Code::InvalidHours, message)
                    .label(hours.pos, 1, label)
                    .topic(&raw_id.value)
                    .help(help),
            ));
            None
        });

        let resources = resources(raw_resources, Some(&raw_id.value), &mut |d| {
            diagnostics.push((after_claims, d));
        });
        let mut allows = Vec::new();
        let mut allowed =
            |names: Vec<Located<String>>, edge: Option<Pos>, diagnostics: &mut Vec<_>| {
                for name in names {
                    match allowed_code(&name) {
                        Ok(code) => allows.push((edge, code)),
                        Err(d) => diagnostics.push((after_claims, (*d).topic(&raw_id.value))),
                    }
                }
            };
        allowed(allow, None, &mut diagnostics);
        let count = requires.len() + recommends.len();
        let mut prerequisites = Vec::with_capacity(count);
        // Only the names go on to the thread that resolves them: a third
        // of what the edges as written take.
        let mut names = Vec::with_capacity(count);
        for (kind, edges) in [
            (EdgeKind::Requires, requires),
            (EdgeKind::Recommends, recommends),
        ] {
            for edge in edges {
                allowed(edge.allow, Some(edge.topic.pos), &mut diagnostics);
                prerequisites.push(Prerequisite {
                    topic: UNRESOLVED,
                    kind,
                    because: edge.because.map(printable),
                    pos: edge.topic.pos,
                });
                names.push(edge.topic.value);
            }
        }
        CheckedTopic {
            topic: Topic {
                id: raw_id.value,
                title,
                section,
                aliases: alias_names,
                prerequisites,
                hours,
                summary: summary.map(printable),
                resources,
                pos,
            },
            alias_pos,
            names,
            diagnostics,
            allows,
        }
    }
}

/// The warning rule `name` names, for `allow:`; an error rule or an
/// unknown name is a diagnostic.
fn allowed_code(name: &Located<String>) -> Result<Code, Box<Diagnostic>> {
    let len = name.value.chars().count();
    match Code::from_name(&name.value) {
        Some(code) if code.severity() == Severity::Warning => Ok(code),
        Some(code) => Err(Box::new(
            Diagnostic::new(
                Code::Schema,
                format!("`{code}` is an error rule; only warnings can be allowed"),
            )
            .label(name.pos, len, "an error cannot be allowed")
            .help("fix the error instead"),
        )),
        None => {
            let warnings = Code::allowable().map(Code::as_str);
            let d = Diagnostic::new(
                Code::Schema,
                format!(
                    "`allow` names no warning rule `{}`",
                    crate::diagnostic::clip_str(&name.value)
                ),
            )
            .label(name.pos, len, "no such rule");
            Err(Box::new(match suggest_among(&name.value, warnings) {
                Some(close) => d.help(format!("did you mean `{close}`?")),
                None => d.help("the warning rules are listed in docs/checks.md"),
            }))
        }
    }
}

/// How many misspelt references get a "did you mean"; each costs a scan of all names.
const MAX_SUGGESTIONS: usize = 100;

/// Validates a file's sections and topics as a parser hands them over (it
/// is a [`FileSink`]), then [`finish`](CatalogBuilder::finish)es the catalog.
///
/// An edge to a topic read earlier is resolved at once, so a file in study
/// order keeps no names of edges in memory; the others wait for the end.
#[derive(Debug, Default)]
pub struct CatalogBuilder {
    diagnostics: Vec<Diagnostic>,
    suggestions: usize,
    sections: Option<Vec<Section>>,
    checks: TopicChecks,
    /// Topics read before any sections: a section name is only checked once
    /// the sections are known.
    waiting: Vec<RawTopic>,
    topics: Vec<Topic>,
    names: HashMap<CompactString, (TopicId, NameOwner)>,
    pending: Vec<PendingEdge>,
    allows: Vec<Allow>,
}

/// What a name already stands for, to report a clash.
#[derive(Debug, Clone, Copy)]
struct NameOwner {
    pos: Pos,
    is_alias: bool,
}

/// An edge whose target was not known when its topic was read: its slot in
/// the topic's prerequisites holds [`UNRESOLVED`] until the end, and the
/// slot's kind and place with it.
#[derive(Debug)]
struct PendingEdge {
    from: TopicId,
    slot: u32,
    name: CompactString,
}

const UNRESOLVED: TopicId = TopicId(u32::MAX);

impl FileSink for CatalogBuilder {
    fn expect(&mut self, topics: usize) {
        self.topics.reserve(topics);
        self.names.reserve(topics);
    }

    fn sections(&mut self, raw: Vec<RawSection>) {
        let sections = self.check_sections(raw);
        self.checks = TopicChecks::new(&sections);
        self.sections = Some(sections);
        for topic in std::mem::take(&mut self.waiting) {
            self.add(topic);
        }
    }

    fn topic(&mut self, topic: RawTopic) {
        if self.sections.is_some() {
            self.add(topic);
        } else {
            self.waiting.push(topic);
        }
    }
}

/// The threads reading a large file check each topic on its own; the names
/// are claimed and looked up in reading order.
impl StagedSink for CatalogBuilder {
    type Checked = CheckedTopic;
    type Checks = TopicChecks;

    fn checks(&self) -> TopicChecks {
        self.checks.clone()
    }

    fn check(checks: &TopicChecks, topic: RawTopic) -> CheckedTopic {
        checks.check(topic)
    }

    fn checked(&mut self, topic: CheckedTopic) {
        self.commit(topic);
    }
}

impl CatalogBuilder {
    /// A builder with nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The catalog (with invalid references dropped) and every problem
    /// found but cycles, which [`crate::query::cycles::cycle_diagnostics`] adds.
    pub fn finish(mut self, head: RawHead) -> (Catalog, Vec<Diagnostic>) {
        if self.sections.is_none() {
            self.sections(Vec::new());
        }
        let mut catalog = Catalog {
            title: head.title.map(printable),
            sections: self.sections.take().unwrap_or_default(),
            topics: std::mem::take(&mut self.topics),
            names: std::mem::take(&mut self.names),
            titles: OnceLock::new(),
            graph: Graph::default(),
            allows: std::mem::take(&mut self.allows),
        };
        let mut dropped = Vec::new();
        for PendingEdge { from, slot, name } in std::mem::take(&mut self.pending) {
            let slot = slot as usize;
            match self.edge(&catalog, from, slot, &name) {
                Some(target) => catalog.topics[from.index()].prerequisites[slot].topic = target,
                None => dropped.push(from),
            }
        }
        dropped.dedup();
        for from in dropped {
            catalog.topics[from.index()]
                .prerequisites
                .retain(|p| p.topic != UNRESOLVED);
        }
        let edges = catalog.topics.iter().map(|t| t.prerequisites.len()).sum();
        catalog.graph = Graph::build(
            catalog.topics.len(),
            edges,
            catalog
                .topics
                .iter()
                .map(|t| t.prerequisites.iter().map(|p| (p.topic, p.kind))),
        );

        let mut diagnostics = Vec::with_capacity(self.diagnostics.len() + 1);
        if head.version.value != SUPPORTED_VERSION {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnsupportedVersion,
                    format!(
                        "topics format version {} is not supported",
                        head.version.value
                    ),
                )
                .label(head.version.pos, digits(head.version.value), "this version")
                .help(format!("this prereq reads `version: {SUPPORTED_VERSION}`")),
            );
        }
        diagnostics.append(&mut self.diagnostics);
        (catalog, diagnostics)
    }

    fn add(&mut self, topic: RawTopic) {
        let checked = self.checks.check(topic);
        self.commit(checked);
    }

    /// The second step for a topic: its names are claimed and its
    /// prerequisites looked up, in reading order.
    fn commit(&mut self, checked: CheckedTopic) {
        let id = TopicId(self.topics.len() as u32);
        let CheckedTopic {
            mut topic,
            alias_pos,
            names,
            diagnostics,
            allows,
        } = checked;
        self.allows
            .extend(allows.into_iter().map(|(edge, code)| Allow {
                topic: id,
                edge,
                code,
            }));
        let mut diagnostics = diagnostics.into_iter().peekable();
        let aliases = topic
            .aliases
            .iter()
            .zip(alias_pos)
            .map(|(a, p)| (a, p, true));
        for (name_index, (name, pos, is_alias)) in std::iter::once((&topic.id, topic.pos, false))
            .chain(aliases)
            .enumerate()
        {
            while let Some((_, d)) = diagnostics.next_if(|&(before, _)| before <= name_index) {
                self.diagnostics.push(d);
            }
            self.claim(name, id, &topic.id, pos, is_alias);
        }
        self.diagnostics.extend(diagnostics.map(|(_, d)| d));
        for (prerequisite, (slot, name)) in topic
            .prerequisites
            .iter_mut()
            .zip(names.into_iter().enumerate())
        {
            // Names in the file match exactly; only the command line is
            // forgiving about case.
            match self.names.get(name.as_str()) {
                Some(&(target, _)) if target != id => prerequisite.topic = target,
                // Unknown so far, or the topic itself: decided at the end,
                // where the diagnostics of edges are made in file order.
                _ => self.pending.push(PendingEdge {
                    from: id,
                    slot: slot as u32,
                    name,
                }),
            }
        }
        self.topics.push(topic);
    }

    fn check_sections(&mut self, raw: Vec<RawSection>) -> Vec<Section> {
        let mut seen: HashMap<String, Pos> = HashMap::with_capacity(raw.len());
        let mut sections = Vec::with_capacity(raw.len());
        for section in raw {
            let pos = section.id.pos;
            self.diagnostics
                .extend(id_diagnostic(&section.id.value, pos, "section id"));
            match seen.entry(section.id.value.clone()) {
                Entry::Occupied(first) => self.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        format!("section `{}` is defined twice", section.id.value),
                    )
                    .label(pos, section.id.value.chars().count(), "defined again here")
                    .label(
                        *first.get(),
                        section.id.value.chars().count(),
                        "first defined here",
                    )
                    .help("rename one of the sections, or merge them"),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(pos);
                }
            }
            let resources = resources(section.resources, None, &mut |d| self.diagnostics.push(d));
            sections.push(Section {
                id: section.id.value,
                title: printable(section.title),
                number: section.number.map(printable),
                goal: section.goal.map(printable),
                resources,
                pos,
            });
        }
        sections
    }

    /// Suggests an id for a misspelt reference, and whether no other is as
    /// close; only for the first few, since each suggestion scans every name.
    fn suggest_id(&mut self, catalog: &Catalog, name: &str) -> Option<(String, bool)> {
        self.suggestions += 1;
        if self.suggestions > MAX_SUGGESTIONS {
            return None;
        }
        // Never a name that is itself invalid: an invalid id still claims
        // its name, but is no spelling to copy.
        suggest_clearly(
            &name.to_lowercase(),
            catalog
                .names
                .keys()
                .map(CompactString::as_str)
                .filter(|name| is_kebab_case(name)),
        )
        .map(|(name, unique)| (name.to_owned(), unique))
    }

    /// Records `name` as taken by topic `id`; reports a clash if it already was
    /// (the first one keeps it).
    fn claim(&mut self, name: &str, id: TopicId, owner: &str, pos: Pos, is_alias: bool) {
        match self.names.entry(CompactString::from(lowercase(name))) {
            Entry::Vacant(slot) => {
                slot.insert((id, NameOwner { pos, is_alias }));
            }
            Entry::Occupied(first) => {
                let (first_id, first) = *first.get();
                let first_owner = self
                    .topics
                    .get(first_id.index())
                    .map(|topic| topic.id.clone())
                    .filter(|first| first != owner);
                let what = if is_alias { "alias" } else { "topic id" };
                let was = if first.is_alias {
                    "an alias"
                } else {
                    "a topic id"
                };
                let mut d = Diagnostic::new(
                    Code::DuplicateId,
                    format!("{what} `{name}` is already used as {was}"),
                )
                .label(pos, name.chars().count(), "used again here")
                .label(first.pos, name.chars().count(), "first used here")
                .topic(owner)
                .help("ids and aliases share one namespace: rename one of them");
                if let Some(first_owner) = first_owner {
                    d = d.topic(first_owner);
                }
                self.diagnostics.push(d);
            }
        }
    }

    /// The topic named `name` by the edge in prerequisite `slot` of `from`,
    /// looked up among every name in the file; reported, and `None`, when it
    /// is unknown or `from` itself.
    fn edge(
        &mut self,
        catalog: &Catalog,
        from: TopicId,
        slot: usize,
        name: &str,
    ) -> Option<TopicId> {
        let topic = &catalog.topics[from.index()];
        let Prerequisite { kind, pos, .. } = topic.prerequisites[slot];
        let len = name.chars().count();
        match catalog.names.get(name) {
            Some(&(target, _)) if target == from => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::SelfPrerequisite,
                        format!("topic `{}` {} itself", topic.id, kind.as_str()),
                    )
                    .label(pos, len, "this is the topic itself")
                    .topic(&topic.id)
                    .help("remove this entry"),
                );
                None
            }
            Some(&(target, _)) => Some(target),
            None => {
                let verb = kind.as_str();
                let mut d = Diagnostic::new(
                    Code::UnknownPrerequisite,
                    format!("topic `{}` {verb} unknown topic `{name}`", topic.id),
                )
                .topic(&topic.id);
                let lower = lowercase(name);
                d = match catalog.names.get(lower.as_ref()) {
                    Some(_) if is_kebab_case(&lower) => {
                        let mut d = d
                            .label(pos, len, "names match exactly, in case too")
                            .help(format!("write it `{lower}`"));
                        d.replacement = Some(lower.into_owned());
                        d
                    }
                    _ => {
                        d = d.label(pos, len, "no topic has this id or alias");
                        match self.suggest_id(catalog, name) {
                            Some((s, unique)) => {
                                let mut d = d.help(format!("did you mean `{s}`?"));
                                d.replacement = unique.then_some(s);
                                d
                            }
                            None => d.help("add the topic, or remove this entry"),
                        }
                    }
                };
                self.diagnostics.push(d);
                None
            }
        }
    }
}

/// A kebab-case spelling of `id`, for repair hints: lowercase, with each
/// run of other characters a dash (`TypeScript` -> `typescript`,
/// `responsive design` -> `responsive-design`). Empty when `id` has no
/// ASCII letter or digit; otherwise always a valid id.
pub fn kebab(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
