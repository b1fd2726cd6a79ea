use anyhow::Result;
use prereq::model::catalog::Catalog;
use prereq::view::dot::{DotOptions, Plan};
use prereq::view::mermaid::DiagramSize;

use super::{Exit, stream};
use crate::cli::DotArgs;

pub fn run(catalog: &Catalog, args: &DotArgs) -> Result<Exit> {
    let options = match super::dot::options(catalog, &args.diagram, args.reduce)? {
        Ok(options) => options,
        Err(exit) => return Ok(exit),
    };
    let mut size = DiagramSize::default();
    let exit = stream(|out| {
        size = write(out, catalog, &options)?;
        Ok(())
    })?;
    warn_past_limits(&size, &options);
    Ok(exit)
}

/// Writes the diagram `options` ask for.
fn write(
    out: &mut impl std::io::Write,
    catalog: &Catalog,
    options: &DotOptions,
) -> std::io::Result<DiagramSize> {
    let plan = Plan::new(catalog, options);
    prereq::view::mermaid::write_mermaid(out, catalog, options, &plan)
}

/// How big the diagram `options` ask for comes out.
pub fn size(catalog: &Catalog, options: &DotOptions) -> DiagramSize {
    write(&mut std::io::sink(), catalog, options).expect("the sink takes everything")
}

/// Warns on standard error when Mermaid would refuse the diagram.
pub fn warn_past_limits(size: &DiagramSize, options: &DotOptions) {
    if let Some(warning) = size.limit_warning(options) {
        eprintln!("warning: {warning}");
    }
}
