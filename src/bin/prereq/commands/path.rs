use anyhow::Result;
use prereq::catalog::Catalog;
use prereq::plan::{self, Layout};

use super::{Exit, print, resolve_all, study_path, text_options};
use crate::cli::{PathArgs, ViewFormat};

pub fn run(catalog: &Catalog, args: &PathArgs) -> Result<Exit> {
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
    print(&match args.format {
        ViewFormat::Text => {
            prereq::text::path(catalog, &path, layout, text_options(args.resources))
        }
        ViewFormat::Markdown => prereq::markdown::path(catalog, &path, layout),
        ViewFormat::Json => prereq::json::path(catalog, &path, layout),
    })
}
