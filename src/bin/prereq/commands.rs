use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use prereq::catalog::{Catalog, TopicId};
use prereq::check::Report;
use prereq::diagnostic::{Code, Diagnostic};
use prereq::dot::DotOptions;
use prereq::path::{PathOptions, StudyPath};
use prereq::source::SourceFile;
use prereq::text::ResourceDetail;

use crate::cli::{CheckArgs, Cli, Command, DotArgs, Format, PathArgs, ShowArgs};
use crate::input;

/// The exit codes prereq promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// The topics have errors (or warnings, with `check --strict`).
    Invalid = 1,
    /// Bad usage or an I/O failure.
    Usage = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Runs one command and returns its exit code.
pub fn run(cli: Cli) -> Result<Exit> {
    let source = match input::read(cli.input.topics.as_deref())? {
        Ok(source) => source,
        Err((source, diagnostic)) => return Ok(report_invalid(&source, &[*diagnostic])),
    };
    if let Command::Check(args) = &cli.command {
        return check(&source, args);
    }
    let catalog = match prereq::load::catalog(&source) {
        Ok(catalog) => catalog,
        Err(diagnostics) => return Ok(report_invalid(&source, &diagnostics)),
    };
    match &cli.command {
        Command::Path(args) => path(&catalog, args),
        Command::Dot(args) => dot(&catalog, args),
        Command::Show(args) => show(&catalog, args),
        Command::List => print(&prereq::text::list(&catalog)),
        Command::Check(_) => unreachable!("handled above"),
    }
}

fn color_on(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn render_all(source: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(source, color) + "\n")
        .collect::<Vec<_>>()
        .join("\n")
}

fn report_invalid(source: &SourceFile, diagnostics: &[Diagnostic]) -> Exit {
    let color = color_on(&std::io::stderr());
    eprint!("{}", render_all(source, diagnostics, color));
    let errors = diagnostics.len();
    eprintln!(
        "error: cannot use {}: it has {errors} {}",
        source.name(),
        if errors == 1 { "error" } else { "errors" }
    );
    Exit::Invalid
}

fn print(text: &str) -> Result<Exit> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`prereq list | head`) is the reader's choice, not a failure.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Ok),
        Err(err) => Err(err.into()),
        Ok(()) => Ok(Exit::Ok),
    }
}

fn resolve_all(catalog: &Catalog, names: &[String]) -> Result<Vec<TopicId>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let id = catalog.resolve(name)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn path(catalog: &Catalog, args: &PathArgs) -> Result<Exit> {
    let goals = resolve_all(catalog, &args.goals)?;
    let options = PathOptions {
        recommended: args.recommended,
        ..PathOptions::default()
    };
    let path = StudyPath::to(catalog, &goals, &options);
    let detail = if args.resources {
        ResourceDetail::All
    } else {
        ResourceDetail::First
    };
    print(&match args.format {
        Format::Text => prereq::text::path(catalog, &path, detail),
        Format::Json => prereq::json::path(catalog, &path),
    })
}

fn check(source: &SourceFile, args: &CheckArgs) -> Result<Exit> {
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

fn dot(catalog: &Catalog, args: &DotArgs) -> Result<Exit> {
    let options = DotOptions {
        goals: resolve_all(catalog, &args.goal)?,
        recommended: args.recommended,
    };
    print(&prereq::dot::to_dot(catalog, &options))
}

fn show(catalog: &Catalog, args: &ShowArgs) -> Result<Exit> {
    let id = catalog.resolve(&args.topic)?;
    print(&prereq::text::show(catalog, id))
}
