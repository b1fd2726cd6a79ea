use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use prereq::catalog::{Catalog, TopicId};
use prereq::diagnostic::Diagnostic;
use prereq::source::SourceFile;

use crate::cli::{Cli, Command};
use crate::input;

mod check;
mod dot;
mod html;
mod path;
mod render;
mod show;

/// The exit codes prereq promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// The topics have errors (or warnings, with `check --strict`).
    Invalid = 1,
    /// Bad usage or an I/O failure.
    Usage = 2,
    /// Graphviz is missing or failed.
    Graphviz = 3,
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
        return check::run(&source, args);
    }
    let catalog = match prereq::load::catalog(&source) {
        Ok(catalog) => catalog,
        Err(diagnostics) => return Ok(report_invalid(&source, &diagnostics)),
    };
    match &cli.command {
        Command::Path(args) => path::run(&catalog, args),
        Command::Dot(args) => dot::run(&catalog, args),
        Command::Render(args) => render::run(&catalog, args),
        Command::Html(args) => html::run(&catalog, args),
        Command::Show(args) => show::run(&catalog, args),
        Command::List => print(&prereq::text::list(&catalog)),
        Command::Check(_) => unreachable!("handled above"),
    }
}

pub fn color_on(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn render_all(source: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> String {
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

pub fn print(text: &str) -> Result<Exit> {
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

pub fn resolve_all(catalog: &Catalog, names: &[String]) -> Result<Vec<TopicId>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let id = catalog.resolve(name)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}
