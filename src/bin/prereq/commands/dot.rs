use anyhow::Result;
use prereq::catalog::Catalog;
use prereq::dot::DotOptions;

use super::{Exit, print, resolve_all};
use crate::cli::DotArgs;

pub fn run(catalog: &Catalog, args: &DotArgs) -> Result<Exit> {
    let options = DotOptions {
        goals: resolve_all(catalog, &args.goal)?,
        recommended: args.recommended,
    };
    print(&prereq::dot::to_dot(catalog, &options))
}
