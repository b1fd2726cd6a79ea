use anyhow::{Result, bail};
use prereq::model::catalog::Catalog;
use prereq::view::dot::{DotOptions, Plan, layout_warning, to_dot_planned};
use prereq::view::render::{Format, RenderError};

use super::{Exit, print};
use crate::cli::{DiagramArgs, PictureFormat, RenderArgs};

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
    let picture = match Picture::new(catalog, &args.diagram, args.all_edges)? {
        Ok(picture) => picture,
        Err(exit) => return Ok(exit),
    };
    let result = prereq::view::render::render_to(&picture.dot, format, &args.output)
        .map(|warnings| report_warnings(&warnings));
    picture.finish(&args.output, result)
}

/// A roadmap ready for Graphviz: what it shows, and its DOT text.
pub struct Picture {
    pub options: DotOptions,
    pub plan: Plan,
    pub dot: String,
}

impl Picture {
    /// Plans the picture the arguments ask for (edges reduced unless
    /// `all_edges`), warning first when its layout will take long; or the exit
    /// code after reporting a bad progress file.
    pub fn new(
        catalog: &Catalog,
        args: &DiagramArgs,
        all_edges: bool,
    ) -> Result<Result<Picture, Exit>> {
        let options = match super::dot::options(catalog, args, !all_edges)? {
            Ok(options) => options,
            Err(exit) => return Ok(Err(exit)),
        };
        let plan = Plan::new(catalog, &options);
        if let Some(warning) = layout_warning(&plan) {
            eprintln!("warning: {warning}");
        }
        let dot = to_dot_planned(catalog, &options, &plan);
        Ok(Ok(Picture { options, plan, dot }))
    }

    /// Reports how writing `output` went.
    pub fn finish(
        &self,
        output: &std::path::Path,
        result: Result<(), RenderError>,
    ) -> Result<Exit> {
        match result {
            Ok(()) => print(&prereq::view::dot::written(
                &output.display().to_string(),
                &self.plan,
            )),
            Err(err) => graphviz_failure(err),
        }
    }
}

/// Passes on what Graphviz warned about, line by line.
pub fn report_warnings(warnings: &str) {
    for line in warnings.lines().filter(|l| !l.trim().is_empty()) {
        eprintln!("graphviz: {line}");
    }
}

/// Exit 3 for Graphviz's faults; other failures are I/O errors.
pub fn graphviz_failure(err: RenderError) -> Result<Exit> {
    if err.is_graphviz() {
        eprintln!("error: {:#}", anyhow::Error::from(err));
        Ok(Exit::Graphviz)
    } else {
        Err(err.into())
    }
}
