use anyhow::Result;
use prereq::check::Report;
use prereq::diagnostic::Code;
use prereq::source::SourceFile;

use super::{Exit, color_on, print, render_all};
use crate::cli::{CheckArgs, Format};

pub fn run(source: &SourceFile, args: &CheckArgs) -> Result<Exit> {
    let mut allow = Vec::with_capacity(args.allow.len());
    for name in &args.allow {
        match Code::from_name(name) {
            Some(code) => allow.push(code),
            None => {
                let names = Code::ALL.iter().map(|c| c.as_str());
                let hint = prereq::catalog::suggest_among(name, names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                anyhow::bail!("--allow: no rule is called `{name}`{hint}");
            }
        }
    }
    let report = prereq::check::check(source, &allow);
    let failed = report.errors() > 0 || (args.strict && report.warnings() > 0);
    match args.format {
        Format::Text => print(&check_text(source, &report))?,
        Format::Json => print(&prereq::json::report(source.name(), &report))?,
    };
    Ok(if failed { Exit::Invalid } else { Exit::Ok })
}

fn check_text(source: &SourceFile, report: &Report) -> String {
    let mut out = render_all(source, &report.diagnostics, color_on(&std::io::stdout()));
    if !out.is_empty() {
        out.push('\n');
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out.push_str(&format!(
        "checked {}: {}, {} ({} requires, {} recommends): {}, {}\n",
        source.name(),
        plural(report.topics, "topic", "topics"),
        plural(report.edges.0 + report.edges.1, "edge", "edges"),
        report.edges.0,
        report.edges.1,
        plural(report.errors(), "error", "errors"),
        plural(report.warnings(), "warning", "warnings"),
    ));
    out
}
