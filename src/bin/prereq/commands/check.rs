use std::path::Path;

use anyhow::{Context, Result};
use prereq::diagnostic::{Code, Diagnostic, Severity};
use prereq::input::source::SourceFile;
use prereq::query::check::CheckOptions;

use super::{Exit, color_on, stream};
use crate::cli::{CheckArgs, CheckFormat};
use crate::input;

pub fn run(
    source: Result<SourceFile, (SourceFile, Box<Diagnostic>)>,
    args: &CheckArgs,
) -> Result<Exit> {
    let allow = allowed(&args.allow)?;
    let order = args.order.as_deref().map(read_order).transpose()?;
    let source = match (args.fix, source) {
        (true, Ok(source)) => match fix(source, &allow, args)? {
            Fixing::Checked(source) => Ok(source),
            Fixing::Done(exit) => return Ok(exit),
        },
        (_, source) => source,
    };
    let (source, report) = match source {
        Ok(source) => {
            let options = CheckOptions {
                allow,
                order: order.as_ref(),
            };
            let (report, catalog) = prereq::query::check::check_keeping(&source, &options);
            // As with_catalog does: the process ends soon, and freeing a
            // large catalog piece by piece is time spent for nothing.
            std::mem::forget(catalog);
            (source, report)
        }
        Err((source, diagnostic)) => {
            let report = prereq::query::check::unreadable(&source, *diagnostic);
            (source, report)
        }
    };
    match args.format {
        CheckFormat::Text => {
            let color = color_on(&std::io::stdout());
            stream(|out| {
                prereq::view::report::write_text(out, &report, &source, order.as_ref(), color)
            })?
        }
        CheckFormat::Json => stream(|out| prereq::view::report::write_json(out, &report))?,
        CheckFormat::Github => {
            stream(|out| prereq::view::report::write_github(out, &report, args.strict))?
        }
    };
    Ok(if report.failed(args.strict) {
        Exit::Invalid
    } else {
        Exit::Ok
    })
}

/// What `--fix` leaves to do.
enum Fixing {
    /// Check this text, the fixed file's.
    Checked(SourceFile),
    /// Nothing more: exit so.
    Done(Exit),
}

/// Applies the safe fixes to the file `source` came from, or with
/// `--dry-run` prints them; says on standard error what it fixed.
fn fix(source: SourceFile, allow: &[Code], args: &CheckArgs) -> Result<Fixing> {
    let name = source.name().to_owned();
    if name.starts_with('<') {
        anyhow::bail!("--fix edits a file in place; {name} is not one");
    }
    if prereq::input::format::is_json(&source) {
        anyhow::bail!("--fix edits YAML files; {name} is JSON");
    }
    let options = CheckOptions {
        allow: allow.to_vec(),
        order: None,
    };
    let Some(fixed) = prereq::query::fix::fix_file(&source, &options) else {
        // Unreadable: nothing is touched, and the check says why.
        return Ok(Fixing::Checked(source));
    };
    let summary = fixed
        .counts
        .iter()
        .map(|(code, n)| format!("{n} {code}"))
        .collect::<Vec<_>>()
        .join(", ");
    let total = fixed.total();
    let problems = if total == 1 { "problem" } else { "problems" };
    if args.dry_run {
        print!(
            "{}",
            prereq::query::fix::unified_diff(&name, source.text(), &fixed.text)
        );
        if total == 0 {
            eprintln!("{name}: nothing to fix");
        } else {
            eprintln!("{name}: would fix {total} {problems} ({summary})");
        }
        let report = prereq::query::check::check(
            &SourceFile::new(name.as_str(), fixed.text.as_str()),
            &options,
        );
        return Ok(Fixing::Done(if report.failed(args.strict) {
            Exit::Invalid
        } else {
            Exit::Ok
        }));
    }
    if total > 0 {
        prereq::view::render::write_atomic(std::path::Path::new(&name), fixed.text.as_bytes())?;
        eprintln!("{name}: fixed {total} {problems} ({summary})");
    }
    Ok(Fixing::Checked(SourceFile::new(name, fixed.text)))
}

fn allowed(names: &[String]) -> Result<Vec<Code>> {
    let mut allow = Vec::with_capacity(names.len());
    for name in names {
        match Code::from_name(name) {
            // An allowed error would let a broken file through the gate.
            Some(code) if code.severity() == Severity::Error => {
                anyhow::bail!(
                    "--allow: `{name}` is an error, not a warning; only warnings can be allowed"
                );
            }
            Some(code) => allow.push(code),
            None => {
                let names = Code::ALL.iter().map(|c| c.as_str());
                let hint = prereq::model::catalog::suggest_among(name, names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                anyhow::bail!("--allow: no rule is called `{name}`{hint}");
            }
        }
    }
    Ok(allow)
}

fn read_order(path: &Path) -> Result<SourceFile> {
    let bytes = input::read_file(path).context("--order")?;
    prereq::input::load::decode(&path.display().to_string(), bytes).map_err(|(_, d)| {
        let pos = d.pos();
        anyhow::anyhow!(
            "--order: {}:{}:{}: {}",
            path.display(),
            pos.line,
            pos.column,
            d.message
        )
    })
}
