use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use prereq::diagnostic::Diagnostic;
use prereq::source::SourceFile;

/// Reads the topics the command line, the environment or the working directory
/// names, else the built-in handbook. A file that is not UTF-8 is a diagnostic.
pub fn read(topics: Option<&Path>) -> Result<Result<SourceFile, (SourceFile, Box<Diagnostic>)>> {
    let (name, bytes) = match topics {
        Some(path) if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            ("<stdin>".to_owned(), bytes)
        }
        Some(path) => (path.display().to_string(), read_file(path)?),
        None if Path::new("topics.yaml").is_file() => (
            "topics.yaml".to_owned(),
            read_file(Path::new("topics.yaml"))?,
        ),
        None => return Ok(Ok(SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK))),
    };
    Ok(prereq::load::decode(&name, bytes))
}

pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    if path.is_dir() {
        anyhow::bail!("cannot read `{}`: it is a directory", path.display());
    }
    std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
}
