use anyhow::{Result, bail};
use prereq::catalog::Catalog;
use prereq::dot::{Plan, dot_text, layout_warning, roadmap_of};
use prereq::render::{Format, RenderError};

use super::{Exit, print};
use crate::cli::{PictureFormat, RenderArgs};

pub fn run(catalog: &Catalog, args: &RenderArgs) -> Result<Exit> {
    let format = match args.format {
        Some(PictureFormat::Svg) => Format::Svg,
        Some(PictureFormat::Png) => Format::Png,
        Some(PictureFormat::Pdf) => Format::Pdf,
        None => match Format::from_path(&args.output) {
            Some(format) => format,
            None => bail!(
                "cannot tell the picture format of `{}`: end the name in .svg, .png or .pdf, or pass --format",
                args.output.display()
            ),
        },
    };
    let options = match super::dot::options(catalog, &args.diagram, !args.all_edges)? {
        Ok(options) => options,
        Err(exit) => return Ok(exit),
    };
    let plan = Plan::new(catalog, &options);
    warn_if_large(&plan);
    let dot = dot_text(&roadmap_of(catalog, &options, &plan));
    match prereq::render::render_to(&dot, format, &args.output) {
        Ok(()) => print(&prereq::dot::written(
            &args.output.display().to_string(),
            &plan,
        )),
        Err(err) => graphviz_failure(err),
    }
}

/// Prints a warning before a layout that will take long.
pub fn warn_if_large(plan: &Plan) {
    if let Some(warning) = layout_warning(plan) {
        eprintln!("warning: {warning}");
    }
}

/// Exit 3 for Graphviz's faults; other failures are I/O errors.
pub fn graphviz_failure(err: RenderError) -> Result<Exit> {
    if err.is_graphviz() {
        eprintln!("error: {err}");
        Ok(Exit::Graphviz)
    } else {
        Err(err.into())
    }
}
