use std::io::Write;

use anyhow::Result;

use super::Exit;
use crate::cli::InitArgs;

/// Writes the starter topics file, never over an existing file.
pub fn run(args: &InitArgs) -> Result<Exit> {
    let file = &args.file;
    let yaml = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if !yaml {
        eprintln!(
            "error: `prereq init` writes YAML; name the file with `.yaml`, such as {}",
            file.with_extension("yaml").display()
        );
        return Ok(Exit::Usage);
    }
    // `create_new` fails if the file exists, even if it appears meanwhile.
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file);
    let mut out = match created {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; `prereq init` never overwrites a file (name another: `prereq init FILE`)",
                file.display()
            );
            return Ok(Exit::Usage);
        }
        Err(e) => {
            eprintln!("error: cannot create {}: {e}", file.display());
            return Ok(Exit::Usage);
        }
    };
    if let Err(e) = out.write_all(prereq::input::starter::STARTER.as_bytes()) {
        // Nothing the user had is lost: the file is new.
        let _ = std::fs::remove_file(file);
        eprintln!("error: cannot write {}: {e}", file.display());
        return Ok(Exit::Usage);
    }
    let source = prereq::input::source::SourceFile::new("starter", prereq::input::starter::STARTER);
    let catalog = prereq::input::load::catalog(&source)
        .map_err(|_| anyhow::anyhow!("the starter file does not load"))?;
    let last = catalog.topics.last().map_or("GOAL", |t| t.id.as_str());
    println!(
        "wrote {}: {} sections, {} topics\nnext: `prereq check` to check it, `prereq path {last}` to plan a path",
        file.display(),
        catalog.sections.len(),
        catalog.topics.len()
    );
    Ok(Exit::Ok)
}
