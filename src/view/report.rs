//! The three views of a check report: text for people, JSON for programs,
//! and GitHub Actions workflow commands that annotate a pull request; and
//! the report on a file that other commands cannot use.

use std::borrow::Cow;
use std::fmt::Write;
use std::io;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::input::source::SourceFile;
use crate::query::check::{Entry, Report};
use crate::view::json::FORMAT_VERSION;
use crate::view::text::plural;

pub use crate::query::check::FULL_WARNINGS;

/// Every diagnostic rendered as rustc would, then the summary line.
/// `order` is the `--order` list, for the diagnostics about it.
pub fn text(
    report: &Report,
    source: &SourceFile,
    order: Option<&SourceFile>,
    color: bool,
) -> String {
    crate::view::text::written(|out| write_text(out, report, source, order, color))
}

/// Writes [`text`]'s report to `out` as it is rendered, so a report of
/// thousands of warnings is never held whole. Past [`FULL_WARNINGS`]
/// warnings, each further one takes a line: place, rule and message.
pub fn write_text(
    out: &mut dyn io::Write,
    report: &Report,
    source: &SourceFile,
    order: Option<&SourceFile>,
    color: bool,
) -> io::Result<()> {
    let order_entries = report
        .order
        .iter()
        .flat_map(|o| &o.diagnostics)
        .map(|d| (Entry::Listed(d), order.unwrap_or(source)));
    let all = report
        .entries()
        .map(|entry| (entry, source))
        .chain(order_entries);
    let mut warnings = 0;
    let mut noted = false;
    let mut in_short_run = false;
    for (entry, file) in all {
        let warning = entry.severity() == Severity::Warning;
        warnings += usize::from(warning);
        if warning && warnings > FULL_WARNINGS {
            if !noted {
                writeln!(
                    out,
                    "note: the first {FULL_WARNINGS} warnings are shown in full, the rest one per line (`--format json` gives every detail)\n"
                )?;
                noted = true;
            }
            entry.write_short(out, file, color)?;
            in_short_run = true;
        } else {
            if in_short_run {
                // A full diagnostic among the short lines stands apart.
                writeln!(out)?;
                in_short_run = false;
            }
            write!(out, "{}\n\n", entry.diagnostic().render(file, color))?;
        }
    }
    if in_short_run {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(report))
}

/// Why a file cannot be used by a command other than `check`: its
/// diagnostics, each followed by a blank line but the last, then
/// `error: cannot use FILE: it has N errors`.
pub fn unusable(source: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> String {
    let rendered: Vec<String> = diagnostics
        .iter()
        .map(|d| d.render(source, color) + "\n")
        .collect();
    let mut out = rendered.join("\n");
    let _ = writeln!(
        out,
        "error: cannot use {}: it has {}",
        source.name(),
        plural(diagnostics.len(), "error", "errors")
    );
    out
}

/// One line: which file, how many topics and edges, errors and warnings.
pub fn summary(report: &Report) -> String {
    let mut line = format!("checked {}: ", report.file);
    match report.stats {
        Some(stats) => line.push_str(&format!(
            "{}, {} ({} requires, {} recommends)",
            plural(stats.topics, "topic", "topics"),
            plural(stats.requires + stats.recommends, "edge", "edges"),
            stats.requires,
            stats.recommends,
        )),
        None => line.push_str("not a readable topics file"),
    }
    if let Some(order) = &report.order {
        line.push_str(&format!(
            "; order {}: {}",
            order.file,
            plural(order.entries, "entry", "entries")
        ));
    }
    line.push_str(&format!(
        ": {}, {}",
        plural(report.errors(), "error", "errors"),
        plural(report.warnings(), "warning", "warnings"),
    ));
    if report.allowed > 0 {
        line.push_str(&format!(" ({} allowed)", report.allowed));
    }
    if report.unchecked_redundancy > 0 {
        line.push_str(&format!(
            "\nnote: {} `requires` edges were not checked for redundancy: the search stops at a size limit",
            report.unchecked_redundancy
        ));
    }
    line
}

#[derive(Serialize)]
struct ReportJson<'a> {
    format_version: u32,
    file: &'a str,
    parsed: bool,
    topics: Option<usize>,
    edges: Option<usize>,
    requires: Option<usize>,
    recommends: Option<usize>,
    order: Option<OrderJson<'a>>,
    errors: usize,
    warnings: usize,
    allowed: usize,
    unchecked_redundancy: usize,
    diagnostics: Diagnostics<'a>,
}

/// Every diagnostic of a report, each made into its JSON form as it is
/// written, since compact ones are made into diagnostics only then.
struct Diagnostics<'a>(&'a Report);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.all().map(|(file, d)| JsonEntry(file, d)))
    }
}

struct JsonEntry<'a>(&'a str, Cow<'a, Diagnostic>);

impl Serialize for JsonEntry<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let JsonEntry(file, d) = self;
        let pos = d.pos();
        DiagnosticJson {
            file,
            severity: d.severity,
            code: d.code,
            message: &d.message,
            line: pos.is_known().then_some(pos.line),
            column: pos.is_known().then_some(pos.column),
            labels: d
                .labels
                .iter()
                .filter(|l| l.pos.is_known())
                .map(|l| LabelJson {
                    line: l.pos.line,
                    column: l.pos.column,
                    length: l.len.max(1),
                    message: &l.message,
                })
                .collect(),
            notes: &d.notes,
            help: d.help.as_deref(),
            topics: &d.topics,
        }
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct OrderJson<'a> {
    file: &'a str,
    entries: usize,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    file: &'a str,
    severity: Severity,
    code: Code,
    message: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    labels: Vec<LabelJson<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    topics: &'a [String],
}

#[derive(Serialize)]
struct LabelJson<'a> {
    line: u32,
    column: u32,
    length: usize,
    message: &'a str,
}

/// The report as one JSON document (layout in the README, `format_version` 1).
pub fn json(report: &Report) -> String {
    crate::view::text::written(|out| write_json(out, report))
}

/// Writes [`json`]'s document to `out` as it is made, so the JSON of
/// hundreds of thousands of diagnostics is never held whole.
pub fn write_json(out: &mut dyn io::Write, report: &Report) -> io::Result<()> {
    let stats = report.stats;
    let doc = ReportJson {
        format_version: FORMAT_VERSION,
        file: &report.file,
        parsed: stats.is_some(),
        topics: stats.map(|s| s.topics),
        edges: stats.map(|s| s.requires + s.recommends),
        requires: stats.map(|s| s.requires),
        recommends: stats.map(|s| s.recommends),
        order: report.order.as_ref().map(|o| OrderJson {
            file: &o.file,
            entries: o.entries,
        }),
        errors: report.errors(),
        warnings: report.warnings(),
        allowed: report.allowed,
        unchecked_redundancy: report.unchecked_redundancy,
        diagnostics: Diagnostics(report),
    };
    crate::view::json::write_pretty(out, &doc)
}

/// One GitHub Actions workflow command per diagnostic
/// (`::error file=...,line=...,col=...,title=...::message`), then the summary.
/// Files that are not on disk (standard input, the built-in handbook) get no
/// `file=`, so GitHub shows the annotation on the run instead of the diff.
/// With `strict`, warnings fail the job, so they are annotated as errors.
pub fn github(report: &Report, strict: bool) -> String {
    crate::view::text::written(|out| write_github(out, report, strict))
}

/// Writes [`github`]'s commands to `out` one at a time.
pub fn write_github(out: &mut dyn io::Write, report: &Report, strict: bool) -> io::Result<()> {
    for (file, d) in report.all() {
        writeln!(out, "{}", annotation(file, &d, strict))?;
    }
    writeln!(out, "{}", summary(report))
}

fn annotation(file: &str, d: &Diagnostic, strict: bool) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning if strict => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if !(file.starts_with('<') && file.ends_with('>')) {
        properties.push(format!("file={}", escape_property(file)));
    }
    let pos = d.pos();
    if pos.is_known() {
        // The primary label's stretch, its last column included.
        let len = d.labels.first().map_or(1, |l| l.len.max(1));
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        properties.push(format!("line={}", pos.line));
        properties.push(format!("endLine={}", pos.line));
        properties.push(format!("col={}", pos.column));
        properties.push(format!("endColumn={}", pos.column.saturating_add(len - 1)));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("prereq {}", d.code))
    ));
    let mut message = d.message.clone();
    for label in d.labels.iter().skip(1).filter(|l| l.pos.is_known()) {
        message.push_str(&format!("\nline {}: {}", label.pos.line, label.message));
    }
    for note in &d.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a workflow command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
