use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use prereq::diagnostic::Diagnostic;
use prereq::input::source::SourceFile;

/// What to read when neither the command line nor the environment names a
/// file and no topics.yaml is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// The built-in handbook, said once on standard error.
    Handbook,
    /// Nothing: a usage error. `check` in CI must check the author's file
    /// or fail, never pass on the handbook.
    Refuse,
}

/// The name that asks for the built-in handbook (unless a file has it).
pub const HANDBOOK_ARG: &str = "handbook";

/// Where the topics come from, before anything is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin<'a> {
    /// The file the command line or the environment names (`-` is standard input).
    Named(&'a Path),
    /// The nearest topics.yaml.
    Found(std::path::PathBuf),
    /// The built-in handbook, asked for by name.
    Handbook,
    /// Nothing named and no topics.yaml found.
    Nothing,
}

/// Where the topics are to be read from: the file the command line or the
/// environment names, else the nearest topics.yaml (see [`find_topics`]).
/// Says nothing on any stream, so that shell completion can ask too.
pub fn origin(topics: Option<&Path>) -> Result<Origin<'_>> {
    Ok(match topics {
        Some(path) if path.as_os_str() == HANDBOOK_ARG && !path.exists() => Origin::Handbook,
        Some(path) => Origin::Named(path),
        None => match find_topics()? {
            Some(path) => Origin::Found(path),
            None => Origin::Nothing,
        },
    })
}

/// Reads the topics [`origin`] finds, else what `fallback` says. A file
/// that is not UTF-8 is a diagnostic.
pub fn read(
    topics: Option<&Path>,
    fallback: Fallback,
) -> Result<Result<SourceFile, (SourceFile, Box<Diagnostic>)>> {
    let (name, bytes) = match origin(topics)? {
        Origin::Named(path) => read_named(path)?,
        Origin::Found(path) => (path.display().to_string(), read_file(&path)?),
        Origin::Handbook => return Ok(Ok(handbook())),
        Origin::Nothing if fallback == Fallback::Refuse => anyhow::bail!(
            "no topics.yaml in this directory or a parent up to the repository's root; \
             name the file with `--topics FILE`, or use `--topics {HANDBOOK_ARG}` for the built-in handbook"
        ),
        Origin::Nothing => {
            eprintln!(
                "note: no topics.yaml here or in a parent directory; reading the built-in handbook"
            );
            return Ok(Ok(handbook()));
        }
    };
    Ok(prereq::input::load::decode(&name, bytes))
}

/// The built-in handbook.
pub fn handbook() -> SourceFile {
    SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK)
}

/// The nearest topics.yaml: in the working directory, else in its parents
/// up to the root of the git repository it is in (the first with `.git`),
/// as git finds its own directory. The path is relative (`../topics.yaml`),
/// so diagnostics point at it from where the command runs.
pub fn find_topics() -> Result<Option<std::path::PathBuf>> {
    let start = std::env::current_dir().context("cannot read the working directory")?;
    let mut relative = std::path::PathBuf::new();
    for dir in start.ancestors() {
        let candidate = dir.join("topics.yaml");
        if candidate.is_file() {
            return Ok(Some(relative.join("topics.yaml")));
        }
        if dir.join(".git").exists() {
            break;
        }
        relative.push("..");
    }
    Ok(None)
}

/// The name diagnostics show for `path`, and its bytes; `-` is standard input.
pub fn read_named(path: &Path) -> Result<(String, Vec<u8>)> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(("<stdin>".to_owned(), bytes));
    }
    Ok((path.display().to_string(), read_file(path)?))
}

/// Whether `path` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of the file at `path`; a directory is an error of its own.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    if path.is_dir() {
        anyhow::bail!("cannot read `{}`: it is a directory", path.display());
    }
    std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
}
