//! The rules behind `prereq check`: everything the loader finds, plus
//! warnings about files that work but probably not as meant.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt, HashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::diagnostic::{Code, Diagnostic, Pos, Severity};
use crate::input::source::SourceFile;
use crate::model::catalog::{Catalog, EdgeKind, Prerequisite, SectionId, TopicId};

/// What to check besides the topics file, and which rules to leave out.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions<'a> {
    /// Rules whose diagnostics are dropped.
    pub allow: Vec<Code>,
    /// An external ordered list of topics to check against the prerequisites.
    pub order: Option<&'a SourceFile>,
}

/// Counts of what a parsed topics file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Topics defined.
    pub topics: usize,
    /// `requires` edges.
    pub requires: usize,
    /// `recommends` edges.
    pub recommends: usize,
}

/// The outcome of checking an ordered list against the prerequisites.
#[derive(Debug, Clone)]
pub struct OrderReport {
    /// The list's name, as diagnostics show it.
    pub file: String,
    /// How many entries (non-blank, non-comment lines) it has.
    pub entries: usize,
    /// Every problem, in line order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The outcome of checking one file.
#[derive(Debug, Clone)]
pub struct Report {
    /// The checked file's name: a path, `<stdin>` or `<built-in handbook>`.
    pub file: String,
    /// What the file holds; `None` if it could not be parsed at all.
    pub stats: Option<Stats>,
    /// Every problem in the topics file, errors and warnings, in file order,
    /// but the redundant edges past the first few, which `redundant` keeps.
    /// [`Report::all`] gives both, merged in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Redundant-edge warnings past the first [`FULL_REDUNDANT`], in file order.
    pub redundant: RedundantEdges,
    /// The check of `--order`'s list, if one was given.
    pub order: Option<OrderReport>,
    /// How many diagnostics `allow` silenced.
    pub allowed: usize,
    /// `requires` edges too many to test for redundancy (see [`crate::query::reduce`]).
    pub unchecked_redundancy: usize,
}

impl Report {
    /// How many diagnostics are errors, the order list's included.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many diagnostics are warnings, the order list's included.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Whether `check` should fail: on errors, and with `strict` on warnings too.
    pub fn failed(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }

    /// Every diagnostic with the name of the file it is about: the topics
    /// file's in file order, then the order list's. A compact redundant edge
    /// becomes its diagnostic only as it is reached.
    pub fn all(&self) -> impl Iterator<Item = (&str, Cow<'_, Diagnostic>)> {
        let order = self.order.iter().flat_map(|o| {
            o.diagnostics
                .iter()
                .map(move |d| (o.file.as_str(), Cow::Borrowed(d)))
        });
        self.entries()
            .map(|entry| (self.file.as_str(), entry.diagnostic()))
            .chain(order)
    }

    /// The topics file's diagnostics in file order, the compact ones as they
    /// are kept.
    pub(crate) fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        let mut listed = self.diagnostics.iter().peekable();
        let mut compact = (0..self.redundant.len()).peekable();
        std::iter::from_fn(move || {
            let take_listed = match (listed.peek(), compact.peek()) {
                (Some(d), Some(&i)) => place(d) <= self.redundant.place(i),
                (Some(_), None) => true,
                (None, _) => false,
            };
            if take_listed {
                listed.next().map(Entry::Listed)
            } else {
                compact.next().map(|i| Entry::Compact(&self.redundant, i))
            }
        })
    }

    fn count(&self, severity: Severity) -> usize {
        let listed = self
            .diagnostics
            .iter()
            .chain(self.order.iter().flat_map(|o| &o.diagnostics))
            .filter(|d| d.severity == severity)
            .count();
        let compact = if severity == REDUNDANT {
            self.redundant.len()
        } else {
            0
        };
        listed + compact
    }
}

/// Where a diagnostic goes in a report: by place, unknown places last, an
/// error before a warning at the same place.
fn place(d: &Diagnostic) -> (bool, Pos, Severity) {
    place_of(d.pos(), d.severity)
}

/// [`place`] of a diagnostic at `pos` of `severity`.
fn place_of(pos: Pos, severity: Severity) -> (bool, Pos, Severity) {
    (!pos.is_known(), pos, severity)
}

/// The severity of every redundant-edge warning, compact or not.
const REDUNDANT: Severity = Code::RedundantPrerequisite.severity();

/// One of a report's diagnostics about the topics file.
pub(crate) enum Entry<'a> {
    /// One of [`Report::diagnostics`].
    Listed(&'a Diagnostic),
    /// The `n`th of [`Report::redundant`].
    Compact(&'a RedundantEdges, usize),
}

impl<'a> Entry<'a> {
    pub(crate) fn severity(&self) -> Severity {
        match self {
            Entry::Listed(d) => d.severity,
            Entry::Compact(..) => REDUNDANT,
        }
    }

    pub(crate) fn diagnostic(&self) -> Cow<'a, Diagnostic> {
        match *self {
            Entry::Listed(d) => Cow::Borrowed(d),
            Entry::Compact(edges, n) => Cow::Owned(edges.diagnostic(n)),
        }
    }

    /// The diagnostic on one line (see [`Diagnostic::render_short`]).
    pub(crate) fn write_short(
        &self,
        out: &mut dyn std::io::Write,
        source: &SourceFile,
        color: bool,
    ) -> std::io::Result<()> {
        match *self {
            Entry::Listed(d) => crate::diagnostic::write_short(
                out,
                source,
                d.pos(),
                d.severity,
                d.code,
                &d.message,
                color,
            ),
            Entry::Compact(edges, n) => {
                let (dependent, prerequisite) = edges.ids(n);
                crate::diagnostic::write_short(
                    out,
                    source,
                    edges.edges[n].pos,
                    REDUNDANT,
                    Code::RedundantPrerequisite,
                    &redundant_message(dependent, prerequisite),
                    color,
                )
            }
        }
    }
}

/// Redundant-edge warnings kept as the two topic ids and the place. A large
/// generated curriculum may have hundreds of thousands; as full diagnostics
/// they took more memory and time than reading the file. Each is made into
/// its diagnostic only when it is shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RedundantEdges {
    /// Every edge's dependent id and prerequisite id, one after another,
    /// each cut as a diagnostic cuts it.
    ids: String,
    edges: Vec<CompactEdge>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct CompactEdge {
    /// Where the dependent's id ends in `ids`; it starts where the edge
    /// before ends.
    dependent_end: usize,
    /// Where the prerequisite's id ends, right after the dependent's.
    prerequisite_end: usize,
    /// The prerequisite id's length in characters, uncut: what the label covers.
    prerequisite_chars: usize,
    pos: Pos,
}

impl RedundantEdges {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.edges.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.edges.is_empty()
    }

    /// Each as its diagnostic, in file order.
    pub fn iter(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        (0..self.len()).map(|n| self.diagnostic(n))
    }

    fn diagnostic(&self, n: usize) -> Diagnostic {
        let (dependent, prerequisite) = self.ids(n);
        let edge = &self.edges[n];
        redundant_diagnostic(
            dependent,
            prerequisite,
            edge.prerequisite_chars,
            edge.pos,
            None,
        )
    }

    /// The dependent's and the prerequisite's ids of the `n`th, as cut.
    fn ids(&self, n: usize) -> (&str, &str) {
        let start = n
            .checked_sub(1)
            .map_or(0, |m| self.edges[m].prerequisite_end);
        let edge = &self.edges[n];
        (
            &self.ids[start..edge.dependent_end],
            &self.ids[edge.dependent_end..edge.prerequisite_end],
        )
    }

    fn place(&self, n: usize) -> (bool, Pos, Severity) {
        place_of(self.edges[n].pos, REDUNDANT)
    }

    /// Keeps the edges for which `keep(dependent, place)` holds; returns how
    /// many were dropped.
    fn retain(&mut self, keep: impl Fn(&str, Pos) -> bool) -> usize {
        let before = self.edges.len();
        if before == 0 {
            return 0;
        }
        let mut kept = RedundantEdges::default();
        for n in 0..before {
            let (dependent, prerequisite) = self.ids(n);
            let edge = self.edges[n];
            if keep(dependent, edge.pos) {
                kept.ids.push_str(dependent);
                let dependent_end = kept.ids.len();
                kept.ids.push_str(prerequisite);
                kept.edges.push(CompactEdge {
                    dependent_end,
                    prerequisite_end: kept.ids.len(),
                    ..edge
                });
            }
        }
        *self = kept;
        before - self.edges.len()
    }

    fn push(&mut self, dependent: &str, prerequisite: &str, pos: Pos) {
        // A diagnostic shows no more of an id than this (an id may be
        // megabytes long, and named by many edges through a short alias).
        self.ids.push_str(&crate::diagnostic::clip_str(dependent));
        let dependent_end = self.ids.len();
        self.ids
            .push_str(&crate::diagnostic::clip_str(prerequisite));
        self.edges.push(CompactEdge {
            dependent_end,
            prerequisite_end: self.ids.len(),
            prerequisite_chars: prerequisite.chars().count(),
            pos,
        });
    }
}

/// Parses, validates and lints `source`, and checks `options.order` against it.
pub fn check(source: &SourceFile, options: &CheckOptions<'_>) -> Report {
    check_keeping(source, options).0
}

/// [`check`], giving back the catalog too (`None` when the file could not be
/// parsed): a caller about to exit need not spend time freeing it.
pub fn check_keeping(source: &SourceFile, options: &CheckOptions<'_>) -> (Report, Option<Catalog>) {
    let (catalog, mut diagnostics) = crate::input::load::analyze(source);
    let mut unchecked_redundancy = 0;
    let mut redundant = RedundantEdges::default();
    if let Some(catalog) = &catalog {
        let found = warnings(catalog);
        // A topic with an error gets no warning that it is incomplete: the
        // field may be there but unreadable, and the error says so already.
        let flawed: HashSet<&str> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .flat_map(|d| d.topics.iter().map(String::as_str))
            .collect();
        let incomplete =
            |d: &Diagnostic| matches!(d.code, Code::MissingHours | Code::MissingResources);
        let kept: Vec<Diagnostic> = found
            .diagnostics
            .into_iter()
            .filter(|d| {
                !(incomplete(d)
                    && d.topics
                        .first()
                        .is_some_and(|t| flawed.contains(t.as_str())))
            })
            .collect();
        diagnostics.extend(kept);
        redundant = found.redundant;
        if !options.allow.contains(&Code::RedundantPrerequisite) {
            unchecked_redundancy = found.unchecked;
        }
    }
    let order = options.order.map(|list| {
        let (entries, diagnostics) = match &catalog {
            Some(catalog) => crate::query::order::check(catalog, source.name(), list),
            None => (crate::input::list::entries(list).count(), Vec::new()),
        };
        OrderReport {
            file: list.name().to_owned(),
            entries,
            diagnostics,
        }
    });
    let mut report = Report {
        file: source.name().to_owned(),
        redundant,
        stats: catalog.as_ref().map(|c| {
            let (requires, recommends) = c.graph().edge_counts();
            Stats {
                topics: c.topics.len(),
                requires,
                recommends,
            }
        }),
        diagnostics,
        order,
        allowed: 0,
        unchecked_redundancy,
    };
    let silenced = Silenced::of(catalog.as_ref());
    report.allowed = retain_allowed(&mut report.diagnostics, &options.allow, &silenced);
    if options.allow.contains(&Code::RedundantPrerequisite) {
        report.allowed += report.redundant.len();
        report.redundant = RedundantEdges::default();
    } else if !silenced.is_empty() {
        report.allowed += report.redundant.retain(|dependent, pos| {
            !silenced.covers(Code::RedundantPrerequisite, Some(dependent), pos)
        });
    }
    if let Some(order) = &mut report.order {
        report.allowed +=
            retain_allowed(&mut order.diagnostics, &options.allow, &Silenced::default());
    }
    (report, catalog)
}

/// Where the file silences a warning rule itself: `allow:` on a topic
/// covers the warnings about that topic (the first it names), and on an
/// edge the warnings at that edge.
#[derive(Debug, Default)]
struct Silenced {
    topics: HashMap<String, Vec<Code>>,
    edges: HashSet<(Pos, Code)>,
}

impl Silenced {
    fn of(catalog: Option<&Catalog>) -> Self {
        let mut silenced = Silenced::default();
        for allow in catalog.map_or(&[][..], |c| &c.allows) {
            match allow.edge {
                Some(pos) => {
                    silenced.edges.insert((pos, allow.code));
                }
                None => {
                    if let Some(catalog) = catalog {
                        let id = catalog.topic(allow.topic).id.clone();
                        silenced.topics.entry(id).or_default().push(allow.code);
                    }
                }
            }
        }
        silenced
    }

    fn is_empty(&self) -> bool {
        self.topics.is_empty() && self.edges.is_empty()
    }

    /// Whether a warning of `code` about `topic`, at `pos`, is silenced.
    fn covers(&self, code: Code, topic: Option<&str>, pos: Pos) -> bool {
        self.edges.contains(&(pos, code))
            || topic
                .and_then(|t| self.topics.get(t))
                .is_some_and(|codes| codes.contains(&code))
    }
}

/// The report on a file that could not even be decoded (`diagnostic` says why).
pub fn unreadable(source: &SourceFile, diagnostic: Diagnostic) -> Report {
    Report {
        file: source.name().to_owned(),
        stats: None,
        diagnostics: vec![diagnostic],
        redundant: RedundantEdges::default(),
        order: None,
        allowed: 0,
        unchecked_redundancy: 0,
    }
}

/// Drops the diagnostics of allowed rules, sorts the rest by place; returns
/// how many were dropped.
fn retain_allowed(diagnostics: &mut Vec<Diagnostic>, allow: &[Code], silenced: &Silenced) -> usize {
    let before = diagnostics.len();
    diagnostics.retain(|d| {
        let here = d.severity == Severity::Warning
            && !silenced.is_empty()
            && silenced.covers(d.code, d.topics.first().map(String::as_str), d.pos());
        !allow.contains(&d.code) && !here
    });
    diagnostics.sort_by_key(place);
    before - diagnostics.len()
}

/// What the warning rules find in a catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Warnings {
    /// Every warning but the redundant edges past the first
    /// [`FULL_REDUNDANT`], in no particular order.
    pub diagnostics: Vec<Diagnostic>,
    /// The rest of the redundant edges, in file order.
    pub redundant: RedundantEdges,
    /// How many `requires` edges were too many to test for redundancy.
    pub unchecked: usize,
}

/// Every warning rule over a catalog.
pub fn warnings(catalog: &Catalog) -> Warnings {
    warnings_on_threads(catalog, catalog.topics.len() >= SIDE_THREAD_TOPICS)
}

/// [`warnings`], with the rules other than redundancy beside the redundancy
/// search if `side_thread`, on the thread that helps with it. The answer is
/// the same either way; [`warnings`] does so for large catalogs only.
pub fn warnings_on_threads(catalog: &Catalog, side_thread: bool) -> Warnings {
    let (redundancy, (before, after)) = if side_thread {
        // The other rules take a third of the redundancy search's time on a
        // large graph. They run on the thread that helps with the search,
        // while this one makes the search's labels, and that thread then
        // joins in: one thread fewer than a thread of their own, and so
        // less memory, for the same time.
        crate::query::reduce::redundant_edges_beside(catalog, EdgeKind::Requires, || {
            other_rules(catalog)
        })
    } else {
        (
            crate::query::reduce::redundant_edges(catalog, EdgeKind::Requires),
            other_rules(catalog),
        )
    };
    let mut found = Warnings::default();
    let mut redundant = Vec::new();
    found.unchecked =
        redundant_prerequisites(catalog, redundancy, &mut redundant, &mut found.redundant);
    // Always in this order, so that warnings at one place keep theirs.
    found.diagnostics = before;
    found.diagnostics.append(&mut redundant);
    found.diagnostics.extend(after);
    found
}

// From this many topics, the rules other than redundancy run beside the
// redundancy search: starting a thread costs more than these rules on a
// small file.
const SIDE_THREAD_TOPICS: usize = 1 << 16;

/// The rules other than redundancy: the ones reported before it, and after.
fn other_rules(catalog: &Catalog) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut before = Vec::new();
    out_of_order(catalog, &mut before);
    let mut after = Vec::new();
    requires_and_recommends(catalog, &mut after);
    isolated_topics(catalog, &mut after);
    empty_sections(catalog, &mut after);
    section_cycles(catalog, &mut after);
    duplicate_urls(catalog, &mut after);
    incomplete_topics(catalog, &mut after);
    (before, after)
}

/// How many warnings a text report renders in full, with the source line;
/// the ones after take a line each. Errors are always in full.
pub const FULL_WARNINGS: usize = 200;

/// How many redundant edges, the first in reading order of the dependent
/// topic, are full diagnostics with the chain that implies them; the rest
/// are kept compact. As many as the text report shows in full, since each
/// chain is its own bounded search.
pub const FULL_REDUNDANT: usize = FULL_WARNINGS;

/// Makes the diagnostics of `redundancy`'s edges; returns how many edges it
/// left unchecked.
fn redundant_prerequisites(
    catalog: &Catalog,
    mut redundancy: crate::query::reduce::Redundancy,
    out: &mut Vec<Diagnostic>,
    compact: &mut RedundantEdges,
) -> usize {
    // The report goes in file order, which follows the dependent topic.
    redundancy.edges.sort_unstable_by_key(|&(p, d)| (d, p));
    let mut later = Vec::new();
    for (n, &(prerequisite, dependent)) in redundancy.edges.iter().enumerate() {
        let topic = catalog.topic(dependent);
        let prereq = &catalog.topic(prerequisite).id;
        let Some(edge) = topic.requires().find(|p| p.topic == prerequisite) else {
            continue;
        };
        if n >= FULL_REDUNDANT {
            later.push((edge.pos, dependent, prerequisite));
            continue;
        }
        let chain = crate::query::reduce::implying_chain(
            catalog,
            prerequisite,
            dependent,
            EdgeKind::Requires,
        )
        .map(|chain| {
            chain
                .iter()
                .map(|&id| catalog.topic(id).id.as_str())
                .collect::<Vec<_>>()
        });
        out.push(redundant_diagnostic(
            &topic.id,
            prereq,
            prereq.chars().count(),
            edge.pos,
            chain,
        ));
    }
    // A topic's edges are in file order only by luck: sorted as the report is.
    later.sort_by_key(|&(pos, _, _)| place_of(pos, REDUNDANT));
    compact.edges.reserve_exact(later.len());
    for (pos, dependent, prerequisite) in later {
        compact.push(
            &catalog.topic(dependent).id,
            &catalog.topic(prerequisite).id,
            pos,
        );
    }
    compact.ids.shrink_to_fit();
    redundancy.unchecked
}

fn redundant_message(dependent: &str, prerequisite: &str) -> String {
    crate::diagnostic::clip(format!(
        "topic `{dependent}` requires `{prerequisite}`, which another chain of requirements already implies"
    ))
}

/// The warning that `dependent`'s requirement of `prerequisite` (an id of
/// `prerequisite_chars` characters), written at `pos`, is implied by `chain`
/// (or by a chain not looked for).
fn redundant_diagnostic(
    dependent: &str,
    prerequisite: &str,
    prerequisite_chars: usize,
    pos: Pos,
    chain: Option<Vec<&str>>,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::RedundantPrerequisite,
        redundant_message(dependent, prerequisite),
    )
    .label(
        pos,
        prerequisite_chars,
        if chain.is_some() {
            "implied by the chain below"
        } else {
            "implied by a longer chain"
        },
    )
    .topic(dependent)
    .topic(prerequisite);
    if let Some(chain) = chain {
        d = d.note(format!("chain: {}", chain.join(" -> ")));
    }
    // One fixed text for every such edge: the message names both topics.
    d.help(
        "remove it from `requires` (a study path stays the same), or keep it by giving the edge `allow: [redundant-prerequisite]`",
    )
}

/// The smallest move of one topic that puts a prerequisite before its dependent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Move `topic` to just below `below`, its last later prerequisite. If
    /// `with_dependents`, topics between them depend on it and must move too.
    Down {
        /// The topic to move.
        topic: TopicId,
        /// The topic it goes below.
        below: TopicId,
        /// Whether it would pass one of its own dependents.
        with_dependents: bool,
    },
    /// Move `topic` (the prerequisite) to just above `above`, its dependent.
    Up {
        /// The topic to move.
        topic: TopicId,
        /// The topic it goes above.
        above: TopicId,
    },
}

/// A topic that comes before one of its prerequisites in reading order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutOfOrder<'a> {
    /// The topic that comes too early.
    pub dependent: TopicId,
    /// Its edge to the later prerequisite.
    pub prerequisite: &'a Prerequisite,
    /// The smallest move that fixes it without breaking another edge.
    pub fix: Move,
}

/// Every edge whose prerequisite comes later in the file than its dependent,
/// but for edges inside a cycle (no move fixes those), with the smallest fix:
/// the dependent down below its last later prerequisite, or the prerequisite
/// up above the dependent, whichever passes fewer topics without passing a
/// topic it must stay on the right side of. Linear in topics and edges.
pub fn out_of_order_edges(catalog: &Catalog) -> Vec<OutOfOrder<'_>> {
    let n = catalog.topics.len();
    // For each topic: the earliest dependent after it, and the latest
    // prerequisite before it. A topic may move down up to its first dependent,
    // and up as far as its last prerequisite.
    let mut first_dependent_after = vec![usize::MAX; n];
    let mut last_prerequisite_before: Vec<Option<usize>> = vec![None; n];
    for (index, topic) in catalog.topics.iter().enumerate() {
        for p in &topic.prerequisites {
            let prereq = p.topic.index();
            if prereq < index {
                let last = &mut last_prerequisite_before[index];
                *last = Some(last.map_or(prereq, |l| l.max(prereq)));
                let first = &mut first_dependent_after[prereq];
                *first = (*first).min(index);
            }
        }
    }
    let in_cycle = &same_cycle(catalog);
    let mut found = Vec::new();
    for (index, topic) in catalog.topics.iter().enumerate() {
        let dependent = TopicId(index as u32);
        let later = || {
            topic
                .prerequisites
                .iter()
                .filter(move |p| p.topic.index() > index && !in_cycle(index, p.topic.index()))
        };
        let Some(last) = later().map(|p| p.topic).max() else {
            continue;
        };
        let down_is_safe = first_dependent_after[index] > last.index();
        let down = Move::Down {
            topic: dependent,
            below: last,
            with_dependents: !down_is_safe,
        };
        for p in later() {
            let up_is_safe = last_prerequisite_before[p.topic.index()].is_none_or(|l| l < index);
            let up = Move::Up {
                topic: p.topic,
                above: dependent,
            };
            let up_is_shorter = p.topic < last;
            let fix = match (down_is_safe, up_is_safe) {
                (true, true) if up_is_shorter => up,
                (true, _) | (false, false) => down,
                (false, true) => up,
            };
            found.push(OutOfOrder {
                dependent,
                prerequisite: p,
                fix,
            });
        }
    }
    found
}

/// Whether two topics (by index) lie on one cycle. Edges between them are
/// the cycle error's business, not a warning's.
fn same_cycle(catalog: &Catalog) -> impl Fn(usize, usize) -> bool + use<> {
    let mut group_of = vec![usize::MAX; catalog.topics.len()];
    for (number, group) in catalog.graph().cycles().iter().enumerate() {
        for id in group {
            group_of[id.index()] = number;
        }
    }
    move |a, b| group_of[a] != usize::MAX && group_of[a] == group_of[b]
}

fn out_of_order(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let at = |id: TopicId| {
        let topic = catalog.topic(id);
        format!("`{}` (line {})", topic.id, topic.pos.line)
    };
    for edge in out_of_order_edges(catalog) {
        let topic = catalog.topic(edge.dependent);
        let p = edge.prerequisite;
        let prereq = catalog.topic(p.topic);
        let help = match edge.fix {
            Move::Down {
                topic,
                below,
                with_dependents: false,
            } => format!("move {} below {}", at(topic), at(below)),
            Move::Down { topic, below, .. } => format!(
                "move {} below {}, together with the topics after it that depend on it",
                at(topic),
                at(below)
            ),
            Move::Up { topic, above } => format!("move {} above {}", at(topic), at(above)),
        };
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
                "{help}, so that the reading order is a study order"
            )),
        );
    }
}

fn requires_and_recommends(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for topic in &catalog.topics {
        let mut recommends = topic.recommends().peekable();
        if recommends.peek().is_none() {
            continue;
        }
        let required: Vec<TopicId> = topic.requires().map(|p| p.topic).collect();
        for p in recommends.filter(|p| required.contains(&p.topic)) {
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
                    .help("connect it with `requires` or `recommends`, or give it `allow: [isolated-topic]`"),
            );
        }
    }
}

fn incomplete_topics(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for topic in &catalog.topics {
        let width = topic.id.chars().count();
        if topic.hours.is_none() {
            out.push(
                Diagnostic::new(
                    Code::MissingHours,
                    format!("topic `{}` has no hours", topic.id),
                )
                .label(topic.pos, width, "no `hours` estimate")
                .topic(&topic.id)
                .note("totals leave it out and say how many topics they leave out")
                .help("add `hours:` with an estimate, or give it `allow: [missing-hours]`"),
            );
        }
        if topic.resources.is_empty() {
            out.push(
                Diagnostic::new(Code::MissingResources, format!("topic `{}` has no resources", topic.id))
                    .label(topic.pos, width, "nothing to learn it from")
                    .topic(&topic.id)
                    .help("add `resources:` with a title and url, or give it `allow: [missing-resources]`"),
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

fn section_cycles(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    // One example edge per ordered pair of sections, the first in file order.
    let mut graph: DiGraph<(), (), u32> = DiGraph::with_capacity(catalog.sections.len(), 0);
    for _ in &catalog.sections {
        graph.add_node(());
    }
    let mut example: HashMap<(SectionId, SectionId), (TopicId, &Prerequisite)> = HashMap::new();
    let in_cycle = same_cycle(catalog);
    for (index, topic) in catalog.topics.iter().enumerate() {
        let Some(to) = topic.section else { continue };
        for p in topic
            .requires()
            .filter(|p| !in_cycle(index, p.topic.index()))
        {
            let Some(from) = catalog.topic(p.topic).section else {
                continue;
            };
            if from != to && !example.contains_key(&(from, to)) {
                example.insert((from, to), (TopicId(index as u32), p));
                graph.add_edge(NodeIndex::new(from.index()), NodeIndex::new(to.index()), ());
            }
        }
    }
    let mut groups: Vec<Vec<SectionId>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .map(|scc| {
            let mut ids: Vec<SectionId> = scc
                .into_iter()
                .map(|n| SectionId(n.index() as u32))
                .collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    groups.sort_unstable();
    for group in groups {
        let members: HashSet<SectionId> = group.iter().copied().collect();
        let cycle = crate::model::graph::shortest_cycle(group[0], |at: SectionId| {
            graph
                .neighbors(NodeIndex::new(at.index()))
                .map(|n| SectionId(n.index() as u32))
                .filter(|s| members.contains(s))
                .collect()
        });
        let names: Vec<&str> = cycle
            .iter()
            .map(|&s| catalog.section(s).id.as_str())
            .collect();
        let mut d = Diagnostic::new(
            Code::SectionCycle,
            format!("sections require each other: {}", names.join(" -> ")),
        );
        for pair in cycle.windows(2) {
            let (dependent, p) = example[&(pair[0], pair[1])];
            let dependent = catalog.topic(dependent);
            let prereq = &catalog.topic(p.topic).id;
            d = d
                .label(
                    p.pos,
                    prereq.chars().count(),
                    format!(
                        "`{}` (in `{}`) requires `{prereq}` (in `{}`)",
                        dependent.id,
                        catalog.section(pair[1]).id,
                        catalog.section(pair[0]).id
                    ),
                )
                .topic(&dependent.id)
                .topic(prereq);
        }
        if group.len() > cycle.len() - 1 {
            let all: Vec<&str> = group
                .iter()
                .map(|&s| catalog.section(s).id.as_str())
                .collect();
            d = d.note(format!(
                "these sections all depend on each other: {}",
                all.join(", ")
            ));
        }
        out.push(d.help(
            "a reader cannot finish one section before starting the other: move topics between sections so that requirements point one way",
        ));
    }
}

fn duplicate_urls(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for topic in &catalog.topics {
        let mut seen: HashMap<&str, &crate::model::catalog::Resource> = HashMap::new();
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
