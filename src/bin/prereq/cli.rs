use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use crate::complete;

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
        env = "PREREQ_TOPICS",
        // Empty is let through here, to be told apart below by where it came from.
        value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from)
    )]
    pub topics: Option<PathBuf>,
}

impl Cli {
    /// Parses the command line. `PREREQ_TOPICS` set but empty counts as not
    /// set, as a cleared variable should; an empty `--topics` is an error.
    pub fn parse_args() -> Cli {
        let matches = Cli::command().try_get_matches().unwrap_or_else(|err| {
            // clap counts a value from the environment as typed, and its
            // usage line would show `--topics <FILE>` the user never wrote.
            // The same words parsed without the variable give the error
            // about what was typed.
            if std::env::var_os("PREREQ_TOPICS").is_some() {
                let without = Cli::command().mut_arg("topics", |arg| arg.env(None::<&str>));
                if let Err(typed) = without.try_get_matches() {
                    typed.exit();
                }
            }
            err.exit()
        });
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
        if cli
            .input
            .topics
            .as_ref()
            .is_some_and(|t| t.as_os_str().is_empty())
        {
            if matches.value_source("topics") == Some(ValueSource::EnvVariable) {
                cli.input.topics = None;
            } else {
                Cli::command()
                    .error(ErrorKind::InvalidValue, "--topics needs a file name")
                    .exit();
            }
        }
        if let Some(why) = cli.command.reads_no_topics() {
            // Set by the environment, it is meant for other commands.
            let on_line =
                |m: &clap::ArgMatches| m.value_source("topics") == Some(ValueSource::CommandLine);
            let given = on_line(&matches) || matches.subcommand().is_some_and(|(_, m)| on_line(m));
            if given {
                Cli::command()
                    .error(
                        ErrorKind::ArgumentConflict,
                        format!("--topics does not apply: {why}"),
                    )
                    .exit();
            }
        }
        cli
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every topic the goals need, each after its prerequisites.
    Path(PathArgs),
    /// List the topics you can study now, ranked by how much of the goal's path waits on them.
    Next(NextArgs),
    /// Explain why a goal needs a topic: the chain of prerequisites and their reasons.
    Why(WhyArgs),
    /// Validate the topics file; exit 1 if it has errors.
    Check(CheckArgs),
    /// Print the roadmap as a Graphviz DOT graph.
    Dot(DotArgs),
    /// Print the roadmap as a Mermaid flowchart, which GitHub and GitLab draw in Markdown.
    Mermaid(DotArgs),
    /// Draw the roadmap into an SVG, PNG or PDF file with Graphviz.
    Render(RenderArgs),
    /// Write the roadmap as one web page to explore offline.
    Html(HtmlArgs),
    /// Show one topic: prerequisites and why, what it unlocks, hours, resources.
    Show(ShowArgs),
    /// List every topic in reading order.
    List(ListArgs),
    /// Compare two versions of a topics file: topics and edges added, removed
    /// or renamed, and how the study path to each --goal changes.
    Diff(DiffArgs),
    /// Print the JSON Schema of topics files, for editors that check YAML as it is typed.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print a manual page (roff), for `man -l -` or a man directory.
    Man(ManArgs),
    /// Write a small, commented starter topics file to begin a curriculum with.
    Init(InitArgs),
    /// Run the language server on standard input and output, for editors:
    /// every check as you type, completion, hover, definitions, renames.
    Lsp,
}

/// What the learner already knows. A known topic and everything it requires
/// leave the path.
impl Command {
    /// Why the command reads no topics file, if it reads none.
    fn reads_no_topics(&self) -> Option<&'static str> {
        match self {
            Command::Diff(_) => Some("`prereq diff` compares the two files it is given"),
            Command::Schema(_) => {
                Some("`prereq schema` prints the schema every topics file follows")
            }
            Command::Completions(_) => Some("`prereq completions` prints a shell script"),
            Command::Man(_) => Some("`prereq man` prints a manual page"),
            Command::Init(_) => Some("`prereq init` writes a new topics file"),
            Command::Lsp => Some("`prereq lsp` checks the documents the editor sends it"),
            _ => None,
        }
    }

    /// What the learner knows, for the commands that take it.
    pub fn known(&self) -> Option<&KnownArgs> {
        match self {
            Command::Path(args) => Some(&args.known),
            Command::Next(args) => Some(&args.known),
            Command::Why(args) => Some(&args.known),
            Command::Dot(args) | Command::Mermaid(args) => Some(&args.diagram.known),
            Command::Render(args) => Some(&args.diagram.known),
            Command::Html(args) => Some(&args.diagram.known),
            _ => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct KnownArgs {
    /// Topics you know: ids, aliases or titles, comma-separated (repeatable).
    #[arg(long, value_name = "TOPICS", value_delimiter = ',', add = ArgValueCompleter::new(complete::topics))]
    pub known: Vec<String>,
    /// A progress file: one topic you know per line (id, alias or title), `#`
    /// comments (`-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub progress: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Goals: ids, aliases or titles (case-insensitive); several give one merged path.
    #[arg(required = true, value_name = "GOAL", add = ArgValueCompleter::new(complete::topics))]
    pub goals: Vec<String>,
    #[command(flatten)]
    pub known: KnownArgs,
    /// Follow `recommends` edges as well as `requires`.
    #[arg(long)]
    pub recommended: bool,
    /// Group the path into stages whose topics can be studied side by side.
    #[arg(long, conflicts_with = "pace")]
    pub levels: bool,
    /// Lay the path out week by week at this many hours of study a week.
    #[arg(long, value_name = "HOURS_PER_WEEK", value_parser = parse_pace)]
    pub pace: Option<f64>,
    /// Show every resource of each topic, not only the first (text output).
    #[arg(long)]
    pub resources: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
    /// Put the path's Mermaid diagram above the checklist (with --format markdown).
    #[arg(long)]
    pub diagram: bool,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    /// Only topics on the way to this goal (repeatable); without it, the whole curriculum.
    #[arg(long, value_name = "GOAL", value_delimiter = ',', add = ArgValueCompleter::new(complete::topics))]
    pub toward: Vec<String>,
    #[command(flatten)]
    pub known: KnownArgs,
    /// Follow `recommends` edges as well as `requires`.
    #[arg(long)]
    pub recommended: bool,
    /// Show every resource of each topic, not only the first (text output).
    #[arg(long)]
    pub resources: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct WhyArgs {
    /// The topic in question: id, alias or title.
    #[arg(add = ArgValueCompleter::new(complete::topics))]
    pub topic: String,
    /// The goal whose path it may be on.
    #[arg(add = ArgValueCompleter::new(complete::topics))]
    pub goal: String,
    #[command(flatten)]
    pub known: KnownArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

fn parse_pace(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(pace) if prereq::query::plan::PACES.contains(&pace) => Ok(pace),
        Ok(_) => Err("give from 0.1 to 168 hours a week".to_owned()),
        Err(_) => Err("give a number of hours a week, such as `6` or `7.5`".to_owned()),
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Silence warning rules by their codes, such as `isolated-topic`
    /// (comma-separated or repeated).
    #[arg(
        long,
        value_name = "CODE",
        value_delimiter = ',',
        add = ArgValueCompleter::new(complete::rules)
    )]
    pub allow: Vec<String>,
    /// Also check an ordered list of topics (one id, alias or title per line,
    /// `#` comments): each must come after the topics it requires.
    #[arg(long, value_name = "FILE")]
    pub order: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Apply the safe fixes to the file in place (YAML only): a misspelt
    /// prerequisite with one close name, a redundant requirement, a topic
    /// placed before its prerequisite. Then check the fixed file.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix`: print the changes as a unified diff, and change nothing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

/// How `check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics in the style of rustc, then a summary line.
    Text,
    /// One JSON document (`format_version` 1).
    Json,
    /// GitHub Actions annotations, then the summary line.
    Github,
}

/// `--topics` on a command that reads no topics file of its own: hidden from
/// its help, and refused if given rather than silently ignored. Its own
/// definition keeps the global one off the command.
#[derive(Debug, Args)]
pub struct NoTopics {
    #[arg(
        id = "topics",
        long = "topics",
        short = 't',
        hide = true,
        value_name = "FILE"
    )]
    _topics: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    no_topics: NoTopics,
    /// The file to write; an existing file is never overwritten.
    #[arg(default_value = "topics.yaml", value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    no_topics: NoTopics,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    no_topics: NoTopics,
    /// The old topics file (`-` reads standard input).
    pub old: PathBuf,
    /// The new topics file (`-` reads standard input).
    pub new: PathBuf,
    /// Show how the study path to this goal changes (repeatable).
    #[arg(long, value_name = "GOAL", value_delimiter = ',')]
    pub goal: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// How `prereq diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per change.
    Text,
    /// Markdown for a pull-request comment.
    Markdown,
    /// One JSON document.
    Json,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    #[command(flatten)]
    no_topics: NoTopics,
    /// A command, for its own page (prereq-COMMAND(1)); without it, prereq(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[command(flatten)]
    no_topics: NoTopics,
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// What a roadmap picture shows.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// Draw only the study path to this goal, highlighted (repeatable).
    #[arg(long, value_name = "GOAL", value_delimiter = ',', add = ArgValueCompleter::new(complete::topics))]
    pub goal: Vec<String>,
    /// Draw only the topics of this section (id, number or title; repeatable),
    /// and, faded, the topics of other sections they directly need.
    #[arg(long, value_name = "SECTION", value_delimiter = ',')]
    pub section: Vec<String>,
    /// Known topics are greyed, with everything they require.
    #[command(flatten)]
    pub known: KnownArgs,
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
    #[arg(add = ArgValueCompleter::new(complete::topics))]
    pub topic: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON document.
    Json,
}

/// How the learner's views (path, next, why) are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    /// For people, fitting 80 columns; colour on a terminal unless NO_COLOR is set.
    Text,
    /// Markdown for notes or issues: topics as a checklist, resources as links.
    Markdown,
    /// One JSON document.
    Json,
}
