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
