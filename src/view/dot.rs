//! The roadmap as a Graphviz graph: one cluster per section in reading order,
//! hard edges solid, soft edges dashed, and a legend. Options narrow it to the
//! path to some goals or to some sections, grey out known topics, and hide
//! edges that longer chains already imply. Drawn by section, the picture also
//! shows, faded, the topics from elsewhere that the section's topics directly
//! need: what the section expects its students to know.

use std::io::{self, Write};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::model::catalog::{Catalog, EdgeKind, SectionId, TopicId, is_web_url, suggest_among};
use crate::query::path::{ancestors, known_closure};

/// Which way prerequisites point on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankDir {
    /// Prerequisites above the topics that need them.
    #[default]
    TopBottom,
    /// Prerequisites left of the topics that need them.
    LeftRight,
}

impl RankDir {
    /// The Graphviz `rankdir` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TopBottom => "TB",
            Self::LeftRight => "LR",
        }
    }
}

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Draw only the study path to these goals, and highlight them.
    pub goals: Vec<TopicId>,
    /// Draw `recommends` edges (dashed); with goals, follow them into the path too.
    pub recommended: bool,
    /// Topics the learner knows; they and everything they require are greyed.
    pub known: Vec<TopicId>,
    /// Hide edges that a longer chain of drawn edges already implies.
    pub reduce: bool,
    /// Draw only the topics of these sections (all sections when empty), and,
    /// faded as context, the topics outside them that they directly need.
    pub sections: Vec<SectionId>,
    /// Which way the edges point.
    pub rankdir: RankDir,
}

/// The topics and edges a roadmap draws, before any Graphviz syntax.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Per topic: whether it is drawn, as a topic of the picture or as context.
    pub shown: Vec<bool>,
    /// Per topic: whether it is drawn only as context, faded: it lies outside
    /// the chosen sections and a drawn topic inside them directly needs it.
    /// Only edges into the topics inside are drawn, so a context topic has
    /// edges out and none in.
    pub context: Vec<bool>,
    /// Per topic: whether it is greyed as known.
    pub known: Vec<bool>,
    /// Per topic: whether it is one of the goals.
    pub goal: Vec<bool>,
    /// The drawn edges as (prerequisite, dependent, kind), by dependent in reading order.
    pub edges: Vec<(TopicId, TopicId, EdgeKind)>,
    /// How many edges between drawn topics were hidden as implied by longer chains.
    pub hidden: usize,
}

impl Plan {
    /// Works out what `options` draw of `catalog`.
    pub fn new(catalog: &Catalog, options: &DotOptions) -> Plan {
        let drawn_kind = |kind: EdgeKind| options.recommended || kind == EdgeKind::Requires;
        let count = catalog.topics.len();
        let mut shown = if options.goals.is_empty() {
            vec![true; count]
        } else {
            ancestors(catalog, &options.goals, drawn_kind, &vec![false; count])
        };
        let mut context = vec![false; count];
        if !options.sections.is_empty() {
            let mut wanted = vec![false; catalog.sections.len()];
            for section in &options.sections {
                wanted[section.index()] = true;
            }
            for id in catalog.ids() {
                let inside = catalog.topic(id).section.is_some_and(|s| wanted[s.index()]);
                shown[id.index()] &= inside;
            }
            // The direct prerequisites of the topics inside, over the edges
            // drawn: a goal's path holds them already, whatever their section.
            for id in catalog.ids().filter(|id| shown[id.index()]) {
                for p in &catalog.topic(id).prerequisites {
                    if drawn_kind(p.kind) && !shown[p.topic.index()] {
                        context[p.topic.index()] = true;
                    }
                }
            }
            for (shown, &context) in shown.iter_mut().zip(&context) {
                *shown |= context;
            }
        }
        let known = known_closure(catalog, &options.known);

        // Redundant edges of each kind, sorted, as implied by a chain of the same kind.
        let redundant = |kind: EdgeKind| {
            if options.reduce && drawn_kind(kind) {
                crate::query::reduce::redundant_edges(catalog, kind).edges
            } else {
                Vec::new()
            }
        };
        let redundant_hard = redundant(EdgeKind::Requires);
        let redundant_soft = redundant(EdgeKind::Recommends);
        // A goal's path holds every topic on a chain to it, but a section may
        // not: there an edge is hidden only if a chain implying it is drawn,
        // which needs every topic after its first to be inside, since no edge
        // into a context topic is drawn.
        let closed = options.sections.is_empty();
        let inside = |t: &TopicId| shown[t.index()] && !context[t.index()];
        let hide = |from: TopicId, to: TopicId, kind: EdgeKind| {
            let list = match kind {
                EdgeKind::Requires => &redundant_hard,
                EdgeKind::Recommends => &redundant_soft,
            };
            list.binary_search(&(from, to)).is_ok()
                && (closed
                    || crate::query::reduce::implying_chain(catalog, from, to, kind)
                        .is_some_and(|chain| chain[1..].iter().all(inside)))
        };
        let mut edges = Vec::new();
        let mut hidden = 0;
        // `drawn_for[p]` is the last dependent an edge from `p` was drawn to: a
        // topic may list a prerequisite under both kinds; draw it once, hard first.
        let mut drawn_for: Vec<Option<TopicId>> = vec![None; count];
        for id in catalog.ids().filter(|id| inside(id)) {
            let topic = catalog.topic(id);
            for p in &topic.prerequisites {
                if !shown[p.topic.index()]
                    || !drawn_kind(p.kind)
                    || drawn_for[p.topic.index()] == Some(id)
                {
                    continue;
                }
                drawn_for[p.topic.index()] = Some(id);
                if hide(p.topic, id, p.kind) {
                    hidden += 1;
                    continue;
                }
                edges.push((p.topic, id, p.kind));
            }
        }
        let mut goal = vec![false; count];
        for id in &options.goals {
            goal[id.index()] = true;
        }
        Plan {
            shown,
            context,
            known,
            goal,
            edges,
            hidden,
        }
    }

    /// How many topics are drawn, context included.
    pub fn topics(&self) -> usize {
        self.shown.iter().filter(|&&s| s).count()
    }

    /// How many topics are drawn only as context.
    pub fn context_topics(&self) -> usize {
        self.context.iter().filter(|&&c| c).count()
    }
}

/// Above this many drawn topics, Graphviz's layout takes more than a few
/// seconds (see benches/render.rs).
pub const LARGE_LAYOUT_TOPICS: usize = 500;

/// Up to this many drawn topics, sections are stacked in reading order. The
/// invisible edges that stack them slow the layout down several times over,
/// which matters only for larger pictures, and those are too big to read as
/// a table of contents anyway.
pub const STACKED_SECTIONS_MAX_TOPICS: usize = 200;

/// A warning to show before laying out a large roadmap, if `plan` is one.
pub fn layout_warning(plan: &Plan) -> Option<String> {
    let topics = plan.topics();
    (topics > LARGE_LAYOUT_TOPICS).then(|| {
        format!(
            "drawing {topics} topics and {} edges; Graphviz may take a minute or more \
             (layout time grows with the cube of the size). \
             Draw less with --goal GOAL or --section SECTION.",
            plan.edges.len()
        )
    })
}

/// A section name that matches nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSection {
    /// What was asked for.
    pub query: String,
    /// The closest section id, if any is close.
    pub suggestion: Option<String>,
    /// The ids of the first [`SECTIONS_LISTED`] sections, in reading order.
    pub known: Vec<String>,
    /// How many sections there are in all.
    pub sections: usize,
}

/// How many section ids an [`UnknownSection`] names at most.
pub const SECTIONS_LISTED: usize = 12;

impl std::fmt::Display for UnknownSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no section is named `{}`", self.query)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        if self.sections == 0 {
            return f.write_str(" (the topics have no sections)");
        }
        let listed: Vec<String> = self.known.iter().map(|id| format!("`{id}`")).collect();
        write!(f, " (sections: {}", listed.join(", "))?;
        if self.sections > self.known.len() {
            write!(f, " and {} more", self.sections - self.known.len())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownSection {}

/// Finds a section by id, number (such as `IV`) or title, ignoring case.
pub fn find_section(catalog: &Catalog, query: &str) -> Result<SectionId, UnknownSection> {
    let wanted = query.trim().to_lowercase();
    let found = catalog.sections.iter().position(|s| {
        s.id.to_lowercase() == wanted
            || s.title.trim().to_lowercase() == wanted
            || s.number
                .as_ref()
                .is_some_and(|n| n.trim().to_lowercase() == wanted)
    });
    match found {
        Some(index) => Ok(SectionId(index as u32)),
        None => Err(UnknownSection {
            query: query.trim().to_owned(),
            suggestion: suggest_among(&wanted, catalog.sections.iter().map(|s| s.id.as_str()))
                .map(str::to_owned),
            known: catalog
                .sections
                .iter()
                .take(SECTIONS_LISTED)
                .map(|s| s.id.clone())
                .collect(),
            sections: catalog.sections.len(),
        }),
    }
}

/// Quotes `text` as a DOT string whose label shows exactly `text`.
///
/// Graphviz reads backslash sequences in labels (`\n`, `\l`, `\N`, ...) and
/// HTML entities (`&amp;`), so a backslash is doubled, a quote escaped, `&`
/// written as `&amp;` and a line break becomes `\n`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    // Most labels need no escape: copied whole rather than char by char.
    if !needs_escape(text) {
        out.push_str(text);
        out.push('"');
        return out;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether [`quote`] changes anything in `text` but adding the quotes.
fn needs_escape(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b'"' | b'\\' | b'&') || b.is_ascii_control() || b >= 0x80)
}

fn esc(text: &str) -> Id {
    Id::Escaped(quote(text))
}

fn plain(text: &str) -> Id {
    Id::Plain(text.to_owned())
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(plain(key), value)
}

const GOAL_FILL: &str = "#ffd966";
const KNOWN_FILL: &str = "#e8e8e8";
const KNOWN_TEXT: &str = "#888888";
const SOFT_EDGE: &str = "#888888";
/// The border and edges of a context topic, fainter than anything else drawn.
pub(crate) const CONTEXT_LINE: &str = "#aaaaaa";
const CONTEXT_TEXT: &str = "#888888";

/// The id of a topic's node in SVG output, for pages that script the picture.
pub fn node_id(topic: &str) -> String {
    let mut id = String::new();
    push_node_id(&mut id, topic);
    id
}

/// Appends [`node_id`] to `out`.
fn push_node_id(out: &mut String, topic: &str) {
    out.push_str("topic:");
    out.push_str(topic);
}

/// The id of an edge in SVG output.
pub fn edge_id(prerequisite: &str, dependent: &str) -> String {
    let mut id = String::new();
    push_edge_id(&mut id, prerequisite, dependent);
    id
}

/// Appends [`edge_id`] to `out`.
fn push_edge_id(out: &mut String, prerequisite: &str, dependent: &str) {
    out.push_str("edge:");
    out.push_str(prerequisite);
    out.push(':');
    out.push_str(dependent);
}

/// The roadmap for `catalog` as DOT text, ending in a newline.
pub fn to_dot(catalog: &Catalog, options: &DotOptions) -> String {
    to_dot_planned(catalog, options, &Plan::new(catalog, options))
}

/// The roadmap for an already worked-out `plan` as DOT text, ending in a newline.
pub fn to_dot_planned(catalog: &Catalog, options: &DotOptions, plan: &Plan) -> String {
    crate::view::text::written(|out| write_dot(out, catalog, options, plan))
}

/// Writes the roadmap for `plan` to `out` as DOT text, ending in a newline,
/// one statement at a time: however large the curriculum, besides the plan
/// and the drawn topics grouped by section, only one node or edge is held in
/// memory.
pub fn write_dot(
    out: &mut impl Write,
    catalog: &Catalog,
    options: &DotOptions,
    plan: &Plan,
) -> io::Result<()> {
    let mut dot = DotWriter::new(out);
    dot.out.write_all(b"digraph roadmap {\n")?;
    dot.statement(
        TOP,
        &GraphAttributes::Graph(vec![
            attr("rankdir", plain(options.rankdir.as_str())),
            attr("newrank", plain("true")),
            attr("fontname", esc("Helvetica")),
            attr("label", esc(catalog.title.as_deref().unwrap_or("Roadmap"))),
            attr("labelloc", plain("t")),
            attr("fontsize", plain("20")),
        ]),
    )?;
    dot.statement(
        TOP,
        &GraphAttributes::Node(vec![
            attr("shape", plain("box")),
            attr("style", esc("rounded,filled")),
            attr("fillcolor", esc("#ffffff")),
            attr("fontname", esc("Helvetica")),
        ]),
    )?;
    dot.statement(
        TOP,
        &GraphAttributes::Edge(vec![attr("color", esc("#444444"))]),
    )?;

    let mut by_section: Vec<Vec<TopicId>> = vec![Vec::new(); catalog.sections.len()];
    // Node and edge statements are most of the text: written directly, in
    // graphviz-rust's form, from one reused buffer for their ids.
    let mut scratch = String::new();
    for id in catalog.ids().filter(|id| plan.shown[id.index()]) {
        match catalog.topic(id).section {
            Some(section) => by_section[section.index()].push(id),
            None => write_node(dot.out, TOP, catalog, id, plan, &mut scratch)?,
        }
    }
    for (index, members) in by_section.iter().enumerate().filter(|(_, m)| !m.is_empty()) {
        let section = &catalog.sections[index];
        let label = crate::view::text::section_heading(section);
        // Context topics keep to a cluster of their own section, faded, so the
        // teacher reads where each expected topic is taught. A section is
        // either chosen or not, so its cluster is all context or none.
        let faded = plan.context[members[0].index()];
        writeln!(dot.out, "{TOP}subgraph cluster_{index} {{")?;
        dot.statement(INNER, &attr("label", esc(&label)))?;
        if faded {
            dot.statement(INNER, &attr("style", esc("rounded,dashed")))?;
            dot.statement(INNER, &attr("color", esc(CONTEXT_LINE)))?;
            dot.statement(INNER, &attr("fontcolor", esc(CONTEXT_TEXT)))?;
        } else {
            dot.statement(INNER, &attr("style", esc("rounded")))?;
            dot.statement(INNER, &attr("color", esc("#999999")))?;
        }
        dot.statement(INNER, &attr("fontsize", plain("16")))?;
        for &topic in members {
            write_node(dot.out, INNER, catalog, topic, plan, &mut scratch)?;
        }
        writeln!(dot.out, "{TOP}}}")?;
    }

    for &(from_id, to, kind) in &plan.edges {
        let (from, to) = (&catalog.topic(from_id).id, &catalog.topic(to).id);
        scratch.clear();
        push_edge_id(&mut scratch, from, to);
        let attributes = edge_attributes(&scratch, kind, plan.context[from_id.index()]);
        write_statement(dot.out, TOP, &Head::Edge(from, to), &attributes)?;
    }
    if plan.topics() <= STACKED_SECTIONS_MAX_TOPICS {
        // Context clusters stay out of the stacking: their edges into the
        // section already place them before it, even one from a later section.
        for members in &mut by_section {
            if members.first().is_some_and(|t| plan.context[t.index()]) {
                members.clear();
            }
        }
        section_order(&mut dot, catalog, &by_section)?;
    }
    dot.statement(TOP, &legend(options, plan))?;
    dot.out.write_all(b"}\n")
}

/// The indent of a statement in the graph, and of one inside a cluster.
const TOP: &str = "  ";
const INNER: &str = "    ";

/// Prints DOT statements one by one with graphviz-rust and writes them out
/// as lines, so that the text matches what graphviz-rust prints for the
/// whole graph, without ever holding the whole graph.
///
/// graphviz-rust joins a graph's or cluster's statements with line breaks
/// between the opening and closing lines; since neither is ever empty here,
/// ending every statement with a line break writes the same text.
struct DotWriter<'w, W> {
    out: &'w mut W,
    context: PrinterContext,
}

impl<'w, W: Write> DotWriter<'w, W> {
    fn new(out: &'w mut W) -> Self {
        let mut context = PrinterContext::default();
        // graphviz-rust prints an edge as `->` only in a context whose private
        // digraph flag is set, which only printing a `DiGraph` does (and
        // nothing resets). Printing an empty one first sets it for the edges
        // printed on their own below.
        DotGraph::DiGraph {
            id: plain("roadmap"),
            strict: false,
            stmts: Vec::new(),
        }
        .print(&mut context);
        DotWriter { out, context }
    }

    /// Writes one statement as a line with `indent` before it.
    fn statement(&mut self, indent: &str, item: &impl DotPrinter) -> io::Result<()> {
        let text = item.print(&mut self.context);
        self.out.write_all(indent.as_bytes())?;
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

/// Invisible edges that stack the sections top to bottom (or left to right)
/// in reading order, so that a wide curriculum reads like its table of
/// contents instead of spreading every section side by side. Between two
/// sections stands one invisible node, so this costs two edges per topic.
fn section_order<W: Write>(
    dot: &mut DotWriter<'_, W>,
    catalog: &Catalog,
    by_section: &[Vec<TopicId>],
) -> io::Result<()> {
    let mut previous: Option<&[TopicId]> = None;
    for (index, members) in by_section.iter().enumerate().filter(|(_, m)| !m.is_empty()) {
        if let Some(above) = previous {
            let spacer = format!("_section_{index}");
            dot.statement(
                TOP,
                &Node::new(
                    NodeId(plain(&spacer), None),
                    vec![
                        attr("style", plain("invis")),
                        attr("shape", plain("point")),
                        attr("width", plain("0")),
                        attr("height", plain("0")),
                        attr("label", esc("")),
                    ],
                ),
            )?;
            let invisible = || vec![attr("style", plain("invis"))];
            let spacer_vertex = || Vertex::N(NodeId(plain(&spacer), None));
            for &topic in above {
                dot.statement(
                    TOP,
                    &Edge {
                        ty: EdgeTy::Pair(vertex(catalog, topic), spacer_vertex()),
                        attributes: invisible(),
                    },
                )?;
            }
            for &topic in members {
                dot.statement(
                    TOP,
                    &Edge {
                        ty: EdgeTy::Pair(spacer_vertex(), vertex(catalog, topic)),
                        attributes: invisible(),
                    },
                )?;
            }
        }
        previous = Some(members);
    }
    Ok(())
}

/// A box explaining the colours and edge styles the picture uses.
fn legend(options: &DotOptions, plan: &Plan) -> Node {
    let swatch = |fill: &str, text: &str, what: &str| {
        format!(
            r#"<tr><td bgcolor="{fill}" border="1" style="rounded"><font color="{text}">topic</font></td><td align="left">{what}</td></tr>"#
        )
    };
    let mut rows = vec![
        r#"<tr><td colspan="2"><b>Legend</b></td></tr>"#.to_owned(),
        swatch("#ffffff", "#000000", "a topic"),
    ];
    if !options.goals.is_empty() {
        rows.push(swatch(GOAL_FILL, "#000000", "a goal"));
    }
    if plan.known.iter().zip(&plan.shown).any(|(&k, &s)| k && s) {
        rows.push(swatch(KNOWN_FILL, KNOWN_TEXT, "known already"));
    }
    if plan.context.contains(&true) {
        rows.push(format!(
            r#"<tr><td border="1" style="rounded,dashed" color="{CONTEXT_LINE}"><font color="{CONTEXT_TEXT}">topic</font></td><td align="left">a prerequisite from another section</td></tr>"#
        ));
    }
    rows.push(r#"<tr><td>&#8212;&#8212;&#9654;</td><td align="left">requires: study the first topic before the second</td></tr>"#.to_owned());
    if options.recommended {
        rows.push(format!(
            r#"<tr><td><font color="{SOFT_EDGE}">- - - &#9654;</font></td><td align="left">recommends: helps, but not needed</td></tr>"#
        ));
    }
    if plan.hidden > 0 {
        rows.push(format!(
            r#"<tr><td colspan="2" align="left">{} {} implied by longer chains not drawn</td></tr>"#,
            plan.hidden,
            if plan.hidden == 1 { "edge" } else { "edges" }
        ));
    }
    let table = format!(
        r#"<<table border="0" cellborder="0" cellspacing="2" cellpadding="3">{}</table>>"#,
        rows.concat()
    );
    Node::new(
        NodeId(plain("_legend"), None),
        vec![
            attr("id", esc("legend")),
            attr("tooltip", esc("Legend")),
            attr("shape", plain("box")),
            attr("style", esc("rounded")),
            attr("color", esc("#999999")),
            attr("fontsize", plain("11")),
            attr("label", Id::Html(table)),
        ],
    )
}

fn vertex(catalog: &Catalog, topic: TopicId) -> Vertex {
    Vertex::N(NodeId(esc(&catalog.topic(topic).id), None))
}

/// A value in an attribute list of a node or edge statement.
#[derive(Debug, Clone, Copy)]
enum Value<'a> {
    /// Written as it stands: a keyword or a number.
    Plain(&'a str),
    /// Written quoted, as [`quote`] does.
    Quoted(&'a str),
}

/// What a node or edge statement is about.
enum Head<'a> {
    /// A topic's node, by id.
    Node(&'a str),
    /// An edge between two topics, by id.
    Edge(&'a str, &'a str),
}

/// The attributes of a topic's node; `id` is its [`node_id`].
fn node_attributes<'a>(
    catalog: &'a Catalog,
    topic_id: TopicId,
    plan: &Plan,
    id: &'a str,
) -> Vec<(&'static str, Value<'a>)> {
    let topic = catalog.topic(topic_id);
    let mut attributes = Vec::with_capacity(9);
    attributes.push(("label", Value::Quoted(&topic.title)));
    attributes.push(("id", Value::Quoted(id)));
    if let Some(summary) = &topic.summary {
        attributes.push(("tooltip", Value::Quoted(summary)));
    }
    if let Some(resource) = topic.resources.iter().find(|r| is_web_url(&r.url)) {
        attributes.push(("URL", Value::Quoted(&resource.url)));
        attributes.push(("target", Value::Quoted("_blank")));
    }
    if plan.goal[topic_id.index()] {
        attributes.push(("fillcolor", Value::Quoted(GOAL_FILL)));
        attributes.push(("penwidth", Value::Plain("2")));
    } else if plan.known[topic_id.index()] {
        attributes.push(("fillcolor", Value::Quoted(KNOWN_FILL)));
        attributes.push(("fontcolor", Value::Quoted(KNOWN_TEXT)));
        attributes.push(("color", Value::Quoted(KNOWN_TEXT)));
    } else if plan.context[topic_id.index()] {
        attributes.push(("fontcolor", Value::Quoted(CONTEXT_TEXT)));
        attributes.push(("color", Value::Quoted(CONTEXT_LINE)));
    }
    if plan.context[topic_id.index()] {
        attributes.push(("style", Value::Quoted("rounded,filled,dashed")));
    }
    attributes
}

/// The attributes of an edge; `id` is its [`edge_id`]. An edge from a
/// context topic keeps its kind's line, in the context's fainter colour.
fn edge_attributes(id: &str, kind: EdgeKind, from_context: bool) -> Vec<(&'static str, Value<'_>)> {
    let mut attributes = vec![("id", Value::Quoted(id))];
    if kind == EdgeKind::Recommends {
        attributes.push(("style", Value::Plain("dashed")));
    }
    if from_context {
        attributes.push(("color", Value::Quoted(CONTEXT_LINE)));
    } else if kind == EdgeKind::Recommends {
        attributes.push(("color", Value::Quoted(SOFT_EDGE)));
    }
    attributes
}

fn write_node(
    out: &mut impl Write,
    indent: &str,
    catalog: &Catalog,
    topic: TopicId,
    plan: &Plan,
    scratch: &mut String,
) -> io::Result<()> {
    let id = &catalog.topic(topic).id;
    scratch.clear();
    push_node_id(scratch, id);
    let attributes = node_attributes(catalog, topic, plan, scratch);
    write_statement(out, indent, &Head::Node(id), &attributes)
}

/// Writes a node or edge statement as a line, exactly as graphviz-rust
/// prints it: `"a"[k=v k="w"]` or `"a" -> "b" [k=v]`.
fn write_statement(
    out: &mut impl Write,
    indent: &str,
    head: &Head<'_>,
    attributes: &[(&str, Value<'_>)],
) -> io::Result<()> {
    out.write_all(indent.as_bytes())?;
    match *head {
        Head::Node(id) => write_quoted(out, id)?,
        Head::Edge(from, to) => {
            write_quoted(out, from)?;
            out.write_all(b" -> ")?;
            write_quoted(out, to)?;
            out.write_all(b" ")?;
        }
    }
    out.write_all(b"[")?;
    for (n, (key, value)) in attributes.iter().enumerate() {
        if n > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(key.as_bytes())?;
        out.write_all(b"=")?;
        match *value {
            Value::Plain(text) => out.write_all(text.as_bytes())?,
            Value::Quoted(text) => write_quoted(out, text)?,
        }
    }
    out.write_all(b"]\n")
}

/// Writes `text` as [`quote`] returns it.
fn write_quoted(out: &mut impl Write, text: &str) -> io::Result<()> {
    if needs_escape(text) {
        return out.write_all(quote(text).as_bytes());
    }
    out.write_all(b"\"")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\"")
}

/// The line confirming a picture was written: what it shows.
pub fn written(file: &str, plan: &Plan) -> String {
    let topics = plan.topics();
    let edges = plan.edges.len();
    let from_elsewhere = match plan.context_topics() {
        0 => String::new(),
        1 => " (1 from another section)".to_owned(),
        n => format!(" ({n} from other sections)"),
    };
    let mut line = format!(
        "wrote {file}: {topics} {}{from_elsewhere}, {edges} {}",
        if topics == 1 { "topic" } else { "topics" },
        if edges == 1 { "edge" } else { "edges" },
    );
    if plan.hidden > 0 {
        line.push_str(&format!(
            " ({} implied by longer chains not drawn)",
            plan.hidden
        ));
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same statement built as graphviz-rust's own structures.
    fn printed(head: &Head<'_>, attributes: &[(&str, Value<'_>)]) -> String {
        let attributes = attributes
            .iter()
            .map(|&(key, value)| match value {
                Value::Plain(text) => attr(key, plain(text)),
                Value::Quoted(text) => attr(key, esc(text)),
            })
            .collect();
        let mut out = Vec::new();
        let mut dot = DotWriter::new(&mut out);
        match *head {
            Head::Node(id) => dot.statement(TOP, &Node::new(NodeId(esc(id), None), attributes)),
            Head::Edge(from, to) => dot.statement(
                TOP,
                &Edge {
                    ty: EdgeTy::Pair(
                        Vertex::N(NodeId(esc(from), None)),
                        Vertex::N(NodeId(esc(to), None)),
                    ),
                    attributes,
                },
            ),
        }
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn written(head: &Head<'_>, attributes: &[(&str, Value<'_>)]) -> String {
        let mut out = Vec::new();
        write_statement(&mut out, TOP, head, attributes).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn statements_are_written_as_graphviz_rust_prints_them() {
        let odd = "a \"quoted\" back\\slash & ampersand,\r\nnew line, tab\t, ünïcode";
        let attributes = [
            ("label", Value::Quoted(odd)),
            ("id", Value::Quoted("topic:t-1")),
            ("penwidth", Value::Plain("2")),
            ("color", Value::Quoted("")),
        ];
        for head in [
            Head::Node("t-1"),
            Head::Node(odd),
            Head::Edge("a", "b"),
            Head::Edge(odd, "b"),
        ] {
            for n in 1..=attributes.len() {
                let expected = printed(&head, &attributes[..n]);
                assert_eq!(written(&head, &attributes[..n]), expected);
            }
        }
        assert_eq!(
            written(&Head::Edge("a", "b"), &attributes[2..3]),
            "  \"a\" -> \"b\" [penwidth=2]\n"
        );
    }
}
