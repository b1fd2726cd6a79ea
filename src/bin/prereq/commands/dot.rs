use anyhow::Result;
use prereq::catalog::Catalog;
use prereq::dot::{DotOptions, RankDir};

use super::{Exit, print, resolve_all};
use crate::cli::{self, DiagramArgs, DotArgs};

pub fn run(catalog: &Catalog, args: &DotArgs) -> Result<Exit> {
    let options = options(catalog, &args.diagram, args.reduce)?;
    print(&prereq::dot::to_dot(catalog, &options))
}

/// The drawing options the diagram arguments ask for.
pub fn options(catalog: &Catalog, args: &DiagramArgs, reduce: bool) -> Result<DotOptions> {
    let mut sections = Vec::with_capacity(args.section.len());
    for name in &args.section {
        let id = prereq::dot::find_section(catalog, name)?;
        if !sections.contains(&id) {
            sections.push(id);
        }
    }
    Ok(DotOptions {
        goals: resolve_all(catalog, &args.goal)?,
        recommended: args.recommended,
        known: Vec::new(),
        reduce,
        sections,
        rankdir: match args.rankdir {
            cli::RankDir::Tb => RankDir::TopBottom,
            cli::RankDir::Lr => RankDir::LeftRight,
        },
    })
}
