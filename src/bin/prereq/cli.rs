use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Study paths, checks and roadmaps for a curriculum of topics and prerequisites.
///
/// Reads topics from --topics FILE, else $PREREQ_TOPICS, else ./topics.yaml,
/// else the built-in Generative AI Handbook.
#[derive(Debug, Parser)]
#[command(name = "prereq", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the topics come from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The topics file to read (`-` reads standard input).
    #[arg(
        long,
        short = 't',
        global = true,
        value_name = "FILE",
        env = "PREREQ_TOPICS"
    )]
    pub topics: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every topic the goals need, each after its prerequisites.
    Path(PathArgs),
    /// Validate the topics file; exit 1 if it has errors.
    Check(CheckArgs),
    /// Print the roadmap as a Graphviz DOT graph.
    Dot(DotArgs),
    /// Draw the roadmap into an SVG, PNG or PDF file with Graphviz.
    Render(RenderArgs),
    /// Write the roadmap as one web page to explore offline.
    Html(HtmlArgs),
    /// Show one topic: prerequisites and why, what it unlocks, hours, resources.
    Show(ShowArgs),
    /// List every topic in reading order.
    List,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Goals: ids, aliases or titles (case-insensitive).
    #[arg(required = true, value_name = "GOAL")]
    pub goals: Vec<String>,
    /// Follow `recommends` edges as well as `requires`.
    #[arg(long)]
    pub recommended: bool,
    /// Show every resource of each topic, not only the first.
    #[arg(long)]
    pub resources: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Silence a rule by its code, such as `isolated-topic` (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What a roadmap picture shows.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// Draw only the study path to this goal, highlighted (repeatable).
    #[arg(long, value_name = "GOAL")]
    pub goal: Vec<String>,
    /// Draw only the topics of this section: id, number or title (repeatable).
    #[arg(long, value_name = "SECTION")]
    pub section: Vec<String>,
    /// Draw `recommends` edges too, dashed; with --goal, their topics join the path.
    #[arg(long)]
    pub recommended: bool,
    /// Which way prerequisites point: TB (top to bottom) or LR (left to right).
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        default_value = "TB",
        value_name = "DIR"
    )]
    pub rankdir: RankDir,
}

#[derive(Debug, Args)]
pub struct DotArgs {
    #[command(flatten)]
    pub diagram: DiagramArgs,
    /// Hide each edge that a longer chain of drawn edges already implies.
    #[arg(long)]
    pub reduce: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The picture file to write; replaced only once the new one is complete.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// Picture format [default: from the file's extension].
    #[arg(long, value_enum)]
    pub format: Option<PictureFormat>,
    #[command(flatten)]
    pub diagram: DiagramArgs,
    /// Draw every edge, also those a longer chain already implies (slower to lay out).
    #[arg(long)]
    pub all_edges: bool,
}

#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// The web page to write; replaced only once the new one is complete.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub diagram: DiagramArgs,
    /// Draw every edge, also those a longer chain already implies (slower to lay out).
    #[arg(long)]
    pub all_edges: bool,
}

/// Which way prerequisites point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankDir {
    /// Top to bottom.
    #[value(name = "TB")]
    Tb,
    /// Left to right.
    #[value(name = "LR")]
    Lr,
}

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PictureFormat {
    /// Scalable vector graphics, with tooltips and links.
    Svg,
    /// A bitmap.
    Png,
    /// A printable page, with links.
    Pdf,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The topic: id, alias or title.
    pub topic: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON document.
    Json,
}
