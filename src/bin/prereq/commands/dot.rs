use anyhow::Result;
use prereq::model::catalog::Catalog;
use prereq::view::dot::{DotOptions, Plan, RankDir};

use super::{Exit, resolve_all, stream};
use crate::cli::{self, DiagramArgs, DotArgs};

pub fn run(catalog: &Catalog, args: &DotArgs) -> Result<Exit> {
    match options(catalog, &args.diagram, args.reduce)? {
        Ok(options) => {
            let plan = Plan::new(catalog, &options);
            // Streamed: at a million topics the text alone is hundreds of megabytes.
            stream(|out| prereq::view::dot::write_dot(out, catalog, &options, &plan))
        }
        Err(exit) => Ok(exit),
    }
}

/// The drawing options the diagram arguments ask for, or the exit code after
/// reporting a bad progress file.
pub fn options(
    catalog: &Catalog,
    args: &DiagramArgs,
    reduce: bool,
) -> Result<Result<DotOptions, Exit>> {
    let mut sections = Vec::with_capacity(args.section.len());
    for name in &args.section {
        let id = prereq::view::dot::find_section(catalog, name)?;
        if !sections.contains(&id) {
            sections.push(id);
        }
    }
    let goals = resolve_all(catalog, &args.goal)?;
    let known = match super::known(catalog, &args.known)? {
        Ok(known) => known,
        Err(exit) => return Ok(Err(exit)),
    };
    Ok(Ok(DotOptions {
        goals,
        recommended: args.recommended,
        known,
        reduce,
        sections,
        rankdir: match args.rankdir {
            cli::RankDir::Tb => RankDir::TopBottom,
            cli::RankDir::Lr => RankDir::LeftRight,
        },
    }))
}
