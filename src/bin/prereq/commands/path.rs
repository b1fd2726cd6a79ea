use anyhow::Result;
use prereq::model::catalog::Catalog;
use prereq::query::plan::{self, Layout};

use super::{Exit, resolve_all, stream, study_path, text_options};
use crate::cli::{PathArgs, ViewFormat};

pub fn run(catalog: &Catalog, args: &PathArgs) -> Result<Exit> {
    if args.diagram && args.format != ViewFormat::Markdown {
        anyhow::bail!("--diagram goes with --format markdown: it is a Mermaid block in Markdown");
    }
    let goals = resolve_all(catalog, &args.goals)?;
    let path = match study_path(catalog, &goals, &args.known, args.recommended)? {
        Ok(path) => path,
        Err(exit) => return Ok(exit),
    };
    let stages;
    let week_plan;
    let layout = if args.levels {
        stages = plan::levels(catalog, &path);
        Layout::Levels(&stages)
    } else if let Some(pace) = args.pace {
        week_plan = plan::weeks(catalog, &path, pace)?;
        Layout::Weeks(&week_plan)
    } else {
        Layout::Sections
    };
    match args.format {
        ViewFormat::Text => stream(|out| {
            let options = text_options(args.resources);
            prereq::view::text::write_path(out, catalog, &path, layout, options)
        }),
        ViewFormat::Markdown if args.diagram => {
            let exit = stream(|out| {
                prereq::view::markdown::write_path_with_diagram(out, catalog, &path, layout)
            })?;
            // Measured apart, for the warning: the diagram is small next to the checklist.
            let options = prereq::view::mermaid::path_options(&path);
            if let Some(over) = super::mermaid::size(catalog, &options).over_limits() {
                eprintln!(
                    "warning: the path's diagram has {over}, past Mermaid's default limits, \
                     which GitHub and GitLab cannot raise; draw it in parts with \
                     `prereq mermaid --goal GOAL --section SECTION --reduce`"
                );
            }
            Ok(exit)
        }
        ViewFormat::Markdown => {
            stream(|out| prereq::view::markdown::write_path(out, catalog, &path, layout))
        }
        ViewFormat::Json => {
            stream(|out| prereq::view::json::write_path(out, catalog, &path, layout))
        }
    }
}
