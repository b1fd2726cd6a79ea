use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use prereq::diagnostic::Diagnostic;
use prereq::input::source::SourceFile;

/// Reads the topics the command line, the environment or the working directory
/// names, else the built-in handbook. A file that is not UTF-8 is a diagnostic.
pub fn read(topics: Option<&Path>) -> Result<Result<SourceFile, (SourceFile, Box<Diagnostic>)>> {
    let (name, bytes) = match topics {
        Some(path) => read_named(path)?,
        None if Path::new("topics.yaml").is_file() => (
            "topics.yaml".to_owned(),
            read_file(Path::new("topics.yaml"))?,
        ),
        None => return Ok(Ok(SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK))),
    };
    Ok(prereq::input::load::decode(&name, bytes))
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
