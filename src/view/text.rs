//! Plain-text views of a catalog for terminals: paths, topics, lists.
//! Every view fits 80 columns, but for urls, which are never broken.

use std::fmt::Write;
use std::io;

use anstyle::Style;

use crate::model::catalog::{Catalog, EdgeKind, Resource, Section, Topic, TopicId};
use crate::query::path::StudyPath;
use crate::query::plan::{self, Layout, Need, NextTopic, WeekPlan, Why};

/// The width text views are laid out for.
pub const WIDTH: usize = 80;

/// Hours as a person writes them: `6`, `2.5`.
pub fn hours(h: f64) -> String {
    let tenths = (h * 10.0).round();
    // Whole tenths print as integers: the float formatter's exact mode is
    // slow, and a long path prints hours on every line.
    if (0.0..1e15).contains(&tenths) {
        let tenths = tenths as u64;
        return match tenths % 10 {
            0 => (tenths / 10).to_string(),
            tenth => format!("{}.{tenth}", tenths / 10),
        };
    }
    // Adding zero turns -0.0 (the sum of no hours) into 0.0.
    let rounded = tenths / 10.0 + 0.0;
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

/// The heading of the section `topic` is in, or `(no section)`.
pub fn section_heading_of(catalog: &Catalog, topic: &Topic) -> String {
    topic.section.map_or_else(
        || "(no section)".to_owned(),
        |s| section_heading(catalog.section(s)),
    )
}

/// Whether `text` is printable ASCII: one column per byte, nothing to
/// replace or flatten.
fn plain_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Shortens `text` to `width` characters, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.len() <= width && plain_ascii(text) {
        return text.to_owned();
    }
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

/// How the learner's text views are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Which resources to show under each topic.
    pub resources: ResourceDetail,
    /// Whether to use colour (ANSI escapes); for terminals only.
    pub color: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        Self {
            resources: ResourceDetail::First,
            color: false,
        }
    }
}

impl TextOptions {
    fn paint(self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn bold(self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    fn dim(self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }
}

/// `1 hour`, `2.5 hours`.
pub fn hours_text(h: f64) -> String {
    let shown = hours(h);
    let unit = if shown == "1" { "hour" } else { "hours" };
    format!("{shown} {unit}")
}

/// The line saying how many known topics leave the path.
pub fn known_line(known: usize) -> String {
    if known == 1 {
        "Leaving out 1 known topic and everything it requires.".to_owned()
    } else {
        format!("Leaving out {known} known topics and everything they require.")
    }
}

/// What `write` writes into memory, as text: the String form of a view that
/// is otherwise written straight to its reader. Writing into a `Vec` cannot
/// fail, and views write only `str`s.
pub(crate) fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut bytes = Vec::new();
    write(&mut bytes).ok();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Runs `write` on `out` through [`IoText`]: the streaming form of a view
/// that is otherwise built as a String.
pub(crate) fn streamed(
    out: &mut dyn io::Write,
    write: impl FnOnce(&mut dyn Write),
) -> io::Result<()> {
    let mut text = IoText { out, error: None };
    write(&mut text);
    text.finish()
}

/// Text written with `fmt::Write` going straight to an `io::Write`. The
/// first I/O error is kept, and stops every later write, since `fmt::Error`
/// carries no cause.
struct IoText<'w> {
    out: &'w mut dyn io::Write,
    error: Option<io::Error>,
}

impl IoText<'_> {
    /// What writing came to: the first error, if any.
    fn finish(self) -> io::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl Write for IoText<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.out.write_all(text.as_bytes()).map_err(|err| {
            self.error = Some(err);
            std::fmt::Error
        })
    }
}

/// How much a path holds: `9 topics, 55.5 hours`, and how many of its
/// topics have no estimate, which the hours leave out.
fn path_amount(path: &StudyPath) -> String {
    let mut amount = format!(
        "{}, {}",
        plural(path.topics.len(), "topic", "topics"),
        hours_text(path.total_hours)
    );
    amount.push_str(&unestimated_part(path.unestimated.len()));
    amount
}

/// `, 3 topics without an estimate`, or nothing for none.
pub fn unestimated_part(count: usize) -> String {
    if count == 0 {
        String::new()
    } else {
        format!(", {} without an estimate", plural(count, "topic", "topics"))
    }
}

/// The required and optional parts of a path that follows recommendations:
/// `6 required, 41 hours; 3 optional, 14.5 hours`. None when no topic is
/// optional.
pub fn required_and_optional(path: &StudyPath) -> Option<String> {
    let optional = path.optional.iter().filter(|&&o| o).count();
    if optional == 0 {
        return None;
    }
    Some(format!(
        "{} required, {}; {optional} optional, {}",
        path.topics.len() - optional,
        hours_text(path.required_hours()),
        hours_text(path.optional_hours)
    ))
}

/// What the critical chain means, after its hours.
pub fn chain_caption(path: &StudyPath) -> &'static str {
    if path.recommended {
        "the least time even studying topics side by side, following the recommendations too"
    } else {
        "the least time even studying topics side by side"
    }
}

/// `n` and the noun that fits it: `1 topic`, `2 topics`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn goal_titles(catalog: &Catalog, goals: &[TopicId]) -> String {
    let titles: Vec<&str> = goals
        .iter()
        .map(|&g| catalog.topic(g).title.as_str())
        .collect();
    titles.join(" + ")
}

/// One topic line: `lead`, the title with its id (on a line below when both
/// do not fit), and `right` aligned to the right margin. It is built in `line`, a buffer that a long
/// list reuses.
fn topic_line(
    line: &mut String,
    out: &mut dyn Write,
    catalog: &Catalog,
    lead: &str,
    id: TopicId,
    right: &str,
    options: TextOptions,
) {
    let topic = catalog.topic(id);
    let right_width = right.chars().count().max(6);
    let room = WIDTH.saturating_sub(lead.chars().count() + right_width + 1);
    line.clear();
    line.push_str(lead);
    // A path of a million topics prints a million of these lines: plain
    // ASCII (the usual case) is measured in bytes and written as it is.
    let with_id = topic.title.len() + topic.id.len() + 3;
    let plain = !options.color && plain_ascii(&topic.title) && plain_ascii(&topic.id);
    let mut id_below = false;
    let width = if plain && with_id <= room {
        line.push_str(&topic.title);
        line.push_str(" (");
        line.push_str(&topic.id);
        line.push(')');
        with_id
    } else {
        let with_id = format!("{} ({})", topic.title, topic.id);
        let title = if with_id.chars().count() <= room {
            // Fits whole; truncating only turns control characters to spaces.
            truncate(&with_id, room)
        } else {
            // The id is what the learner types into `--known`: it goes on
            // a line of its own, whole, rather than be cut off.
            id_below = true;
            truncate(&topic.title, room)
        };
        line.push_str(&options.bold(&title));
        title.chars().count()
    };
    line.extend(std::iter::repeat_n(' ', room.saturating_sub(width)));
    let _ = write!(line, " {right:>right_width$}");
    let end = line.trim_end().len();
    line.truncate(end);
    line.push('\n');
    if id_below {
        line.extend(std::iter::repeat_n(' ', lead.chars().count()));
        let _ = writeln!(line, "({})", truncate(&topic.id, usize::MAX));
    }
    let _ = out.write_str(line);
}

/// The topic's resources that `options` asks for, indented by `indent`.
fn resource_lines(
    out: &mut dyn Write,
    catalog: &Catalog,
    id: TopicId,
    indent: usize,
    options: TextOptions,
) {
    let resources = &catalog.topic(id).resources;
    let shown = match options.resources {
        ResourceDetail::First => &resources[..resources.len().min(1)],
        ResourceDetail::All => &resources[..],
    };
    if shown.is_empty() {
        return;
    }
    let pad = " ".repeat(indent);
    for resource in shown {
        let _ = writeln!(
            out,
            "{pad}{}",
            truncate(&resource_line(resource), WIDTH - indent)
        );
        let _ = writeln!(out, "{pad}  {}", options.dim(&resource.url));
    }
}

/// A topic's hours as a path shows them: `5 h`, or `no estimate`, after
/// `optional, ` for a topic on the path only because of a recommendation.
pub fn hours_note(h: Option<f64>, optional: bool) -> String {
    let mut note = optional_prefix(optional);
    match h {
        Some(h) => {
            let _ = write!(note, "{} h", hours(h));
        }
        None => note.push_str("no estimate"),
    }
    note
}

/// A week's share of a topic: `2 of 5 h`, after `optional, ` as in
/// [`hours_note`].
pub fn share_note(part: f64, total: Option<f64>, optional: bool) -> String {
    let mut note = optional_prefix(optional);
    let _ = write!(note, "{} of {} h", hours(part), hours(total.unwrap_or(0.0)));
    note
}

fn optional_prefix(optional: bool) -> String {
    if optional { "optional, " } else { "" }.to_owned()
}

/// Wraps `text` to the width, with `first` before the first line and
/// `rest` before the others.
fn wrapped(out: &mut dyn Write, text: &str, first: &str, rest: &str) {
    for line in textwrap::wrap(
        text,
        textwrap::Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            // Ids are hyphenated; breaking them would make them uncopyable.
            .word_splitter(textwrap::WordSplitter::NoHyphenation),
    ) {
        let _ = writeln!(out, "{line}");
    }
}

/// The opening lines of a view: the heading, wrapped and bold, and how many
/// known topics leave the path.
fn header(out: &mut dyn Write, heading: &str, path: &StudyPath, options: TextOptions) {
    let mut heading_text = String::new();
    wrapped(&mut heading_text, heading, "", "  ");
    let _ = writeln!(out, "{}", options.bold(heading_text.trim_end()));
    if !path.known.is_empty() {
        let _ = writeln!(out, "{}", known_line(path.known.len()));
    }
}

/// The closing lines of a path view: the total and the critical chain.
fn path_summary(out: &mut dyn Write, catalog: &Catalog, path: &StudyPath) {
    let mut total = format!("Total: {}", hours_text(path.total_hours));
    if let Some(split) = required_and_optional(path) {
        let _ = write!(total, " ({split})");
    }
    let _ = writeln!(out);
    wrapped(out, &total, "", "  ");
    if !path.unestimated.is_empty() {
        wrapped(
            out,
            &format!(
                "Without an estimate, so not counted: {}",
                id_list(catalog, &path.unestimated)
            ),
            "",
            "  ",
        );
    }
    let chain = plan::critical_chain(catalog, path);
    wrapped(
        out,
        &format!(
            "Critical chain: {}, {}:",
            hours_text(chain.hours),
            chain_caption(path)
        ),
        "",
        "  ",
    );
    // Each arrow stays at the end of a line, after the id it leads from.
    let mut line = String::from(" ");
    for (n, &id) in chain.topics.iter().enumerate() {
        let mut word = catalog.topic(id).id.clone();
        if n + 1 < chain.topics.len() {
            word.push_str(" ->");
        }
        if line.len() > 2 && line.chars().count() + 1 + word.chars().count() > WIDTH {
            let _ = writeln!(out, "{line}");
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(&word);
    }
    let _ = writeln!(out, "{line}");
}

/// Up to ten ids, comma-separated, and how many more there are.
fn id_list(catalog: &Catalog, topics: &[TopicId]) -> String {
    const SHOWN: usize = 10;
    let mut list: Vec<&str> = topics
        .iter()
        .take(SHOWN)
        .map(|&id| catalog.topic(id).id.as_str())
        .collect();
    let more = topics.len().saturating_sub(SHOWN);
    let more = format!("and {more} more");
    if topics.len() > SHOWN {
        list.push(&more);
    }
    list.join(", ")
}

/// The study path as text: a summary line, then the topics grouped as
/// `layout` says, with hours and resources, then the total and the
/// critical chain.
pub fn path(
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
    options: TextOptions,
) -> String {
    let mut out = String::new();
    path_into(&mut out, catalog, path, layout, options);
    out
}

/// Writes [`path`]'s view to `out` as it is made, so a path of a hundred
/// thousand topics is never held whole.
pub fn write_path(
    out: &mut dyn io::Write,
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
    options: TextOptions,
) -> io::Result<()> {
    streamed(out, |text| path_into(text, catalog, path, layout, options))
}

fn path_into(
    out: &mut dyn Write,
    catalog: &Catalog,
    path: &StudyPath,
    layout: Layout<'_>,
    options: TextOptions,
) {
    let goals = goal_titles(catalog, &path.goals);
    let amount = path_amount(path);
    let heading = match layout {
        Layout::Sections => format!("Study path to {goals}: {amount}"),
        Layout::Levels(stages) => format!(
            "Study path to {goals}: {amount}, {}",
            plural(stages.len(), "stage", "stages")
        ),
        Layout::Weeks(plan) => format!(
            "Study plan for {goals} at {} a week: {amount}, {}",
            hours_text(plan.pace),
            plural(plan.total_weeks() as usize, "week", "weeks")
        ),
    };
    header(out, &heading, path, options);
    if path.topics.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing left to study: you know every topic on the way."
        );
        return;
    }
    match layout {
        Layout::Sections => sections(out, catalog, path, options),
        Layout::Levels(stages) => levels(out, catalog, path, stages, options),
        Layout::Weeks(plan) => weeks(out, catalog, path, plan, options),
    }
    path_summary(out, catalog, path);
}

fn sections(out: &mut dyn Write, catalog: &Catalog, path: &StudyPath, options: TextOptions) {
    let mut current_section = None;
    let number_width = path.topics.len().to_string().len();
    // One buffer each for the number, the hours and the line, reused: a
    // path may have a million lines.
    let (mut lead, mut right, mut line) = (String::new(), String::new(), String::new());
    for (n, &id) in path.topics.iter().enumerate() {
        let topic = catalog.topic(id);
        if n == 0 || topic.section != current_section {
            current_section = topic.section;
            let heading = section_heading_of(catalog, topic);
            let _ = writeln!(out, "\n{}", options.bold(&truncate(&heading, WIDTH)));
        }
        lead.clear();
        let _ = write!(lead, "  {:>number_width$}. ", n + 1);
        right.clear();
        right.push_str(&hours_note(topic.hours, path.optional[n]));
        topic_line(&mut line, out, catalog, &lead, id, &right, options);
        resource_lines(out, catalog, id, lead.len(), options);
    }
}

fn levels(
    out: &mut dyn Write,
    catalog: &Catalog,
    path: &StudyPath,
    stages: &[Vec<TopicId>],
    options: TextOptions,
) {
    let _ = writeln!(out, "Topics within a stage can be studied side by side.");
    let optional = path.optional_by_topic(catalog);
    let count: usize = stages.iter().map(Vec::len).sum();
    let number_width = count.to_string().len();
    let mut line = String::new();
    let mut n = 0;
    for (s, stage) in stages.iter().enumerate() {
        let stage_hours: f64 = stage
            .iter()
            .map(|&id| catalog.topic(id).hours_or_zero())
            .sum();
        let unestimated = stage
            .iter()
            .filter(|&&id| catalog.topic(id).hours.is_none())
            .count();
        let heading = format!(
            "Stage {}: {}, {}{}",
            s + 1,
            plural(stage.len(), "topic", "topics"),
            hours_text(stage_hours),
            unestimated_part(unestimated)
        );
        let _ = writeln!(out, "\n{}", options.bold(&heading));
        for &id in stage {
            n += 1;
            let lead = format!("  {n:>number_width$}. ");
            let right = hours_note(catalog.topic(id).hours, optional[id.index()]);
            topic_line(&mut line, out, catalog, &lead, id, &right, options);
            resource_lines(out, catalog, id, lead.len(), options);
        }
    }
}

fn weeks(
    out: &mut dyn Write,
    catalog: &Catalog,
    path: &StudyPath,
    plan: &WeekPlan,
    options: TextOptions,
) {
    let optional = path.optional_by_topic(catalog);
    let mut started = vec![false; catalog.topics.len()];
    let mut line = String::new();
    for week in &plan.weeks {
        let week_hours: f64 = week.items.iter().map(|item| item.hours).sum();
        let heading = if week.first == week.last {
            let unestimated = week
                .items
                .iter()
                .filter(|item| catalog.topic(item.topic).hours.is_none())
                .count();
            format!(
                "Week {}: {}{}",
                week.first,
                hours_text(week_hours),
                unestimated_part(unestimated)
            )
        } else {
            format!(
                "Weeks {} to {}: {} a week",
                week.first,
                week.last,
                hours_text(week_hours)
            )
        };
        let _ = writeln!(out, "\n{}", options.bold(&heading));
        for item in &week.items {
            let total = catalog.topic(item.topic).hours;
            let whole = item.finished
                && !started[item.topic.index()]
                && total.is_none_or(|t| (t - item.hours).abs() < 1e-9);
            let optional = optional[item.topic.index()];
            let right = if whole {
                hours_note(total, optional)
            } else {
                share_note(item.hours, total, optional)
            };
            topic_line(&mut line, out, catalog, "  ", item.topic, &right, options);
            if !std::mem::replace(&mut started[item.topic.index()], true) {
                resource_lines(out, catalog, item.topic, 4, options);
            }
        }
    }
}

/// What to study next: the topics that can be started now, ranked, each with
/// its hours, what it leads to and its first resource (or all, as `options`
/// says).
pub fn next(
    catalog: &Catalog,
    path: &StudyPath,
    toward: &[TopicId],
    next: &[NextTopic],
    options: TextOptions,
) -> String {
    let mut out = String::new();
    let heading = if path.topics.is_empty() {
        if toward.is_empty() {
            "Study next: no topics left".to_owned()
        } else {
            format!(
                "Study next toward {}: no topics left",
                goal_titles(catalog, toward)
            )
        }
    } else if toward.is_empty() {
        format!(
            "Study next: {} of {} left can be started now",
            next.len(),
            plural(path.topics.len(), "topic", "topics")
        )
    } else {
        format!(
            "Study next toward {}: {} of {} on the way can be started now",
            goal_titles(catalog, toward),
            next.len(),
            plural(path.topics.len(), "topic", "topics")
        )
    };
    header(&mut out, &heading, path, options);
    if next.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing left to study: you know every topic on the way."
        );
        return out;
    }
    let number_width = next.len().to_string().len();
    let optional = path.optional_by_topic(catalog);
    out.push('\n');
    for (n, item) in next.iter().enumerate() {
        let lead = format!("  {:>number_width$}. ", n + 1);
        let right = hours_note(
            catalog.topic(item.topic).hours,
            optional[item.topic.index()],
        );
        topic_line(
            &mut String::new(),
            &mut out,
            catalog,
            &lead,
            item.topic,
            &right,
            options,
        );
        let pad = " ".repeat(lead.len());
        let _ = writeln!(
            out,
            "{pad}{}",
            options.dim(&format!(
                "leads a chain of {} h; opens {}",
                hours(item.chain_hours),
                plural(item.opens, "topic", "topics")
            ))
        );
        resource_lines(&mut out, catalog, item.topic, lead.len(), options);
    }
    out
}

/// Why a topic is on the way to a goal: a plain sentence, then the chain of
/// edges from the goal down to the topic, each with its reason.
pub fn why(catalog: &Catalog, why: &Why, options: TextOptions) -> String {
    let name = |id: TopicId| {
        let topic = catalog.topic(id);
        format!("{} ({})", topic.title, topic.id)
    };
    let (topic, goal) = (name(why.topic), name(why.goal));
    let edges = plural(why.chain.len(), "edge", "edges");
    let sentence = match why.need {
        Need::Goal => format!("{topic} is the goal itself."),
        Need::Required => format!("{goal} requires {topic}; the shortest chain has {edges}:"),
        Need::Recommended => format!(
            "{topic} is only recommended for {goal}, not required: every chain \
             between them has a `recommends` edge, so it is on the path only \
             when recommendations are followed. The closest chain, with the \
             fewest recommendations and then the fewest edges, has {edges}:"
        ),
        Need::NotNeeded => format!(
            "{topic} is not needed for {goal}: no chain of prerequisites leads \
             from the goal to it."
        ),
    };
    let mut out = String::new();
    let mut sentence_text = String::new();
    wrapped(&mut sentence_text, &sentence, "", "");
    out.push_str(&options.bold(sentence_text.trim_end()));
    out.push('\n');
    if !why.chain.is_empty() {
        out.push('\n');
    }
    for link in &why.chain {
        let edge = format!(
            "{} {} {}",
            catalog.topic(link.dependent).title,
            link.kind.as_str(),
            catalog.topic(link.prerequisite).title
        );
        wrapped(&mut out, &edge, "  ", "    ");
        if let Some(because) = &link.because {
            wrapped(&mut out, because, "    because: ", "             ");
        }
    }
    if why.known {
        let known = format!(
            "You know {} (or a topic that requires it), so it is not on your path.",
            catalog.topic(why.topic).title
        );
        out.push('\n');
        wrapped(&mut out, &known, "", "");
    }
    out
}

/// Every topic in reading order under its section heading: title and id.
pub fn list(catalog: &Catalog) -> String {
    let mut out = String::new();
    list_into(&mut out, catalog);
    out
}

/// Writes [`list`]'s view to `out` as it is made.
pub fn write_list(out: &mut dyn io::Write, catalog: &Catalog) -> io::Result<()> {
    streamed(out, |text| list_into(text, catalog))
}

fn list_into(out: &mut dyn Write, catalog: &Catalog) {
    let mut current_section = None;
    for (n, topic) in catalog.topics.iter().enumerate() {
        if n == 0 || topic.section != current_section {
            current_section = topic.section;
            if n > 0 {
                let _ = out.write_char('\n');
            }
            let heading = section_heading_of(catalog, topic);
            let _ = writeln!(out, "{}", truncate(&heading, WIDTH));
        }
        let line = format!("{} ({})", topic.title, topic.id);
        let _ = writeln!(out, "  {}", truncate(&line, WIDTH - 2));
    }
}

/// Everything about one topic: section, aliases, hours, summary, its
/// prerequisites with their reasons, what it unlocks, and its resources.
pub fn show(catalog: &Catalog, id: TopicId) -> String {
    let topic = catalog.topic(id);
    let mut out = String::new();
    wrapped(
        &mut out,
        &format!("{} ({})", topic.title, topic.id),
        "",
        "  ",
    );
    if let Some(section) = topic.section {
        let heading = section_heading(catalog.section(section));
        wrapped(&mut out, &heading, "Section:  ", "          ");
    }
    if !topic.aliases.is_empty() {
        wrapped(
            &mut out,
            &topic.aliases.join(", "),
            "Aliases:  ",
            "          ",
        );
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
    let unlocks = catalog.unlocks(id);
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
