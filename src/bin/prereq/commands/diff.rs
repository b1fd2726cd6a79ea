use anyhow::Result;

use super::{Exit, print, report_invalid};
use crate::cli::{DiffArgs, DiffFormat};
use crate::input;

pub fn run(args: &DiffArgs) -> Result<Exit> {
    let mut catalogs = Vec::with_capacity(2);
    for path in [&args.old, &args.new] {
        let source = match input::read(Some(path), input::Fallback::Refuse)? {
            Ok(source) => source,
            Err((source, diagnostic)) => return Ok(report_invalid(&source, &[*diagnostic])),
        };
        match prereq::input::load::catalog(&source) {
            Ok(catalog) => catalogs.push(catalog),
            Err(diagnostics) => return Ok(report_invalid(&source, &diagnostics)),
        }
    }
    let (old, new) = (&catalogs[0], &catalogs[1]);
    for goal in &args.goal {
        if old.resolve(goal).is_err() {
            // A goal missing from both versions is a typo, not a change.
            new.resolve(goal)?;
        }
    }
    let diff = prereq::query::diff::diff(old, new, &args.goal);
    print(&match args.format {
        DiffFormat::Text => prereq::view::diff::text(&diff),
        DiffFormat::Markdown => prereq::view::diff::markdown(&diff),
        DiffFormat::Json => prereq::view::diff::json(&diff),
    })
}
