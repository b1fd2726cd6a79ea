//! JSON views for machines: study paths and check reports.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::check::Report;
use crate::diagnostic::{Code, Severity};
use crate::path::StudyPath;

/// The version of the JSON layouts below; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct PathJson<'a> {
    goals: Vec<&'a str>,
    path: Vec<PathStepJson<'a>>,
    total_hours: f64,
}

#[derive(Serialize)]
struct PathStepJson<'a> {
    id: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    hours: Option<f64>,
}

/// `{"goals": [ids], "path": [{"id", "title", "section", "hours"}], "total_hours"}`.
pub fn path(catalog: &Catalog, path: &StudyPath) -> String {
    let doc = PathJson {
        goals: path
            .goals
            .iter()
            .map(|&g| catalog.topic(g).id.as_str())
            .collect(),
        path: path
            .topics
            .iter()
            .map(|&id| {
                let topic = catalog.topic(id);
                PathStepJson {
                    id: &topic.id,
                    title: &topic.title,
                    section: topic.section.map(|s| catalog.section(s).id.as_str()),
                    hours: topic.hours,
                }
            })
            .collect(),
        total_hours: path.total_hours,
    };
    to_string(&doc)
}

#[derive(Serialize)]
struct ReportJson<'a> {
    format_version: u32,
    file: &'a str,
    topics: usize,
    edges: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    severity: Severity,
    code: Code,
    message: &'a str,
    line: u32,
    column: u32,
    topics: &'a [String],
    help: Option<&'a str>,
}

/// The check report: counts and every diagnostic with its place.
pub fn report(file: &str, report: &Report) -> String {
    let doc = ReportJson {
        format_version: FORMAT_VERSION,
        file,
        topics: report.topics,
        edges: report.edges.0 + report.edges.1,
        errors: report.errors(),
        warnings: report.warnings(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| DiagnosticJson {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                line: d.pos().line,
                column: d.pos().column,
                topics: &d.topics,
                help: d.help.as_deref(),
            })
            .collect(),
    };
    to_string(&doc)
}

fn to_string(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON views serialize plain data");
    text.push('\n');
    text
}
