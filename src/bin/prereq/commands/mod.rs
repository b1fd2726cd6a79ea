use std::io::{BufWriter, IsTerminal, StdoutLock, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use prereq::diagnostic::Diagnostic;
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, TopicId};
use prereq::query::path::{PathOptions, StudyPath};
use prereq::query::progress::KnownError;
use prereq::view::text::{ResourceDetail, TextOptions};

use crate::cli::{Cli, Command, KnownArgs};
use crate::input;

mod check;
mod completions;
mod diff;
mod dot;
mod html;
mod init;
mod lsp;
mod mermaid;
mod next;
mod path;
mod render;
mod show;
mod why;

/// The exit codes prereq promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// The topics have errors (or warnings, with `check --strict`), or the
    /// progress file names topics that do not exist.
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
    let topics = cli.input.topics.as_deref();
    let progress = cli.command.known().and_then(|k| k.progress.as_deref());
    if topics.is_some_and(input::is_stdin) && progress.is_some_and(input::is_stdin) {
        anyhow::bail!("--topics and --progress cannot both read standard input (`-`)");
    }
    match &cli.command {
        Command::Schema(_) => print(&prereq::view::json_schema::schema()),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
        Command::Lsp => Ok(lsp::run()),
        Command::Init(args) => init::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Check(args) => check::run(input::read(topics, input::Fallback::Refuse)?, args),
        Command::Path(args) => with_catalog(topics, |catalog| path::run(catalog, args)),
        Command::Next(args) => with_catalog(topics, |catalog| next::run(catalog, args)),
        Command::Why(args) => with_catalog(topics, |catalog| why::run(catalog, args)),
        Command::Dot(args) => with_catalog(topics, |catalog| dot::run(catalog, args)),
        Command::Mermaid(args) => with_catalog(topics, |catalog| mermaid::run(catalog, args)),
        Command::Render(args) => with_catalog(topics, |catalog| render::run(catalog, args)),
        Command::Html(args) => with_catalog(topics, |catalog| html::run(catalog, args)),
        Command::Show(args) => with_catalog(topics, |catalog| show::run(catalog, args)),
        Command::List(args) => with_catalog(topics, |catalog| match args.format {
            crate::cli::Format::Text => stream(|out| prereq::view::text::write_list(out, catalog)),
            crate::cli::Format::Json => stream(|out| prereq::view::json::write_list(out, catalog)),
        }),
    }
}

/// Loads the topics and runs `command` on them; a file with errors is reported instead.
fn with_catalog(
    topics: Option<&Path>,
    command: impl FnOnce(&Catalog) -> Result<Exit>,
) -> Result<Exit> {
    let source = match input::read(topics, input::Fallback::Handbook)? {
        Ok(source) => source,
        Err((source, diagnostic)) => return Ok(report_invalid(&source, &[*diagnostic])),
    };
    match prereq::input::load::catalog(&source) {
        Ok(catalog) => {
            let exit = command(&catalog);
            // The process ends next: freeing a large catalog string by string
            // took a tenth of the run on 100,000 topics, for nothing.
            std::mem::forget(catalog);
            exit
        }
        Err(diagnostics) => Ok(report_invalid(&source, &diagnostics)),
    }
}

/// Whether to colour output on `stream`: a terminal, and `NO_COLOR` unset or empty.
pub fn color_on(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The topics `--known` and `--progress` name, or the exit code after
/// reporting a progress file's errors. An unknown `--known` name is a usage
/// error; a bad progress file is bad input data, like a bad topics file.
pub fn known(catalog: &Catalog, args: &KnownArgs) -> Result<Result<Vec<TopicId>, Exit>> {
    let progress = match &args.progress {
        None => None,
        Some(path) => {
            let (name, bytes) = input::read_named(path)?;
            match prereq::input::load::decode(&name, bytes) {
                Ok(source) => Some(source),
                Err((source, diagnostic)) => {
                    return Ok(Err(report_invalid(&source, &[*diagnostic])));
                }
            }
        }
    };
    match prereq::query::progress::known_topics(catalog, &args.known, progress.as_ref()) {
        Ok(known) => Ok(Ok(known)),
        Err(KnownError::Named(unknown)) => anyhow::bail!("--known: {unknown}"),
        Err(KnownError::Progress(diagnostics)) => {
            let source = progress
                .as_ref()
                .expect("progress errors come from a progress file");
            Ok(Err(report_invalid(source, &diagnostics)))
        }
    }
}

/// The study path to `goals` for the learner `--known` and `--progress`
/// describe, or the exit code after reporting a bad progress file.
pub fn study_path(
    catalog: &Catalog,
    goals: &[TopicId],
    known_args: &KnownArgs,
    recommended: bool,
) -> Result<Result<StudyPath, Exit>> {
    Ok(known(catalog, known_args)?
        .map(|known| StudyPath::to(catalog, goals, &PathOptions { recommended, known })))
}

/// Text options from `--resources` and whether stdout is a colour terminal.
pub fn text_options(all_resources: bool) -> TextOptions {
    TextOptions {
        resources: if all_resources {
            ResourceDetail::All
        } else {
            ResourceDetail::First
        },
        color: color_on(&std::io::stdout()),
    }
}

/// Prints the diagnostics of an unusable file and a closing line to stderr.
pub fn report_invalid(source: &SourceFile, diagnostics: &[Diagnostic]) -> Exit {
    let color = color_on(&std::io::stderr());
    eprint!(
        "{}",
        prereq::view::report::unusable(source, diagnostics, color)
    );
    Exit::Invalid
}

/// Writes `text` to stdout.
pub fn print(text: &str) -> Result<Exit> {
    stream(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output with `write`, through a buffer.
pub fn stream(
    write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<Exit> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        // A closed pipe (`prereq list | head`) is the reader's choice, not a failure.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Ok),
        Err(err) => Err(err.into()),
        Ok(()) => Ok(Exit::Ok),
    }
}

/// Resolves every name to a topic, without repeats, in the order given.
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
