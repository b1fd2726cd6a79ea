//! Random curricula for benchmarks and differential tests: sections in
//! reading order, each topic with zero to a few prerequisites among the topics
//! before it, the same output for the same seed, and optionally some cycles.

use std::io::{self, Write};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// How many topics.
    pub topics: usize,
    /// How many sections the topics are split into, in order (at least one).
    pub sections: usize,
    /// The most prerequisites one topic gets; each topic draws 0 to this many
    /// (at most [`MAX_PREREQUISITES`]).
    pub max_prerequisites: usize,
    /// Out of 100, how many edges are `recommends` rather than `requires`.
    pub recommends_percent: u32,
    /// How many cycles to inject: each adds one `requires` edge from a topic
    /// back to a later topic that already depends on it.
    pub cycles: usize,
    /// The seed; the same options give the same curriculum.
    pub seed: u64,
}

impl GenerateOptions {
    /// `topics` topics in about one section per thousand, 0-5 prerequisites,
    /// a fifth of the edges soft, no cycles, seed 1.
    pub fn new(topics: usize) -> Self {
        Self {
            topics,
            sections: topics.div_ceil(1000).max(1),
            max_prerequisites: 5,
            recommends_percent: 20,
            cycles: 0,
            seed: 1,
        }
    }
}

/// The largest `max_prerequisites` the generator honours.
pub const MAX_PREREQUISITES: usize = 64;

/// A generated section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSection {
    /// Its kebab-case id.
    pub id: String,
}

/// A generated topic; prerequisites are indexes into [`Curriculum::topics`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedTopic {
    /// Its kebab-case id.
    pub id: String,
    /// The index of its section.
    pub section: usize,
    /// Whole hours of study, 1 to 8.
    pub hours: u32,
    /// Hard prerequisites.
    pub requires: Vec<usize>,
    /// Soft prerequisites.
    pub recommends: Vec<usize>,
}

/// A generated curriculum, writable as a topics file in YAML or JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curriculum {
    /// Sections in reading order.
    pub sections: Vec<GeneratedSection>,
    /// Topics in reading order.
    pub topics: Vec<GeneratedTopic>,
    /// How many cycles were injected (fewer than asked when the graph had too
    /// few chains to close).
    pub cycles: usize,
}

/// SplitMix64: small, fast and fully determined by its seed, which is all a
/// generator of test data needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be above zero.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: u32) -> bool {
        self.next() % 100 < u64::from(p)
    }
}

/// Generates a curriculum. Every edge points to an earlier topic except the
/// injected cycle edges; every topic has at least one edge when there are two
/// or more topics.
pub fn generate(options: &GenerateOptions) -> Curriculum {
    let mut rng = Rng(options.seed);
    let n = options.topics;
    let sections = options.sections.clamp(1, n.max(1));
    let per_section = n.div_ceil(sections).max(1);
    // Most prerequisites come from the few dozen topics just before, as in a
    // book; the rest from anywhere earlier, which links the sections.
    let near = per_section.clamp(8, 64);
    let max_prerequisites = options.max_prerequisites.min(MAX_PREREQUISITES);
    let mut topics: Vec<GeneratedTopic> = Vec::with_capacity(n);
    let mut has_dependent = vec![false; n];
    for i in 0..n {
        let mut requires = Vec::new();
        let mut recommends = Vec::new();
        if i > 0 {
            let count = rng.below(max_prerequisites + 1);
            for _ in 0..count {
                let back = if rng.percent(70) {
                    1 + rng.below(near.min(i))
                } else {
                    1 + rng.below(i)
                };
                let target = i - back;
                if requires.contains(&target) || recommends.contains(&target) {
                    continue;
                }
                if rng.percent(options.recommends_percent) {
                    recommends.push(target);
                } else {
                    requires.push(target);
                }
                has_dependent[target] = true;
            }
        }
        topics.push(GeneratedTopic {
            id: format!("t{i}"),
            section: (i / per_section).min(sections - 1),
            hours: 1 + rng.below(8) as u32,
            requires,
            recommends,
        });
    }
    // A topic with no edges at all would be reported as isolated; tie it to
    // the topic before it.
    for i in 1..n {
        let topic = &mut topics[i];
        if topic.requires.is_empty() && topic.recommends.is_empty() && !has_dependent[i] {
            topic.requires.push(i - 1);
            has_dependent[i - 1] = true;
        }
    }
    if n > 1 && !has_dependent[0] {
        topics[1].requires.push(0);
    }
    let injected = inject_cycles(&mut topics, options.cycles, &mut rng);
    Curriculum {
        sections: (0..sections)
            .map(|s| GeneratedSection {
                id: format!("s{s}"),
            })
            .collect(),
        topics,
        cycles: injected,
    }
}

/// Closes `count` cycles: from a random topic, walk two to four `requires`
/// edges back to an earlier topic, and make that one require the start.
fn inject_cycles(topics: &mut [GeneratedTopic], count: usize, rng: &mut Rng) -> usize {
    let mut injected = 0;
    let mut attempts = 0;
    while injected < count && attempts < count.saturating_mul(100) && !topics.is_empty() {
        attempts += 1;
        let start = rng.below(topics.len());
        let steps = 2 + rng.below(3);
        let mut at = start;
        for _ in 0..steps {
            let requires = &topics[at].requires;
            if requires.is_empty() {
                break;
            }
            at = requires[rng.below(requires.len())];
        }
        if at == start || topics[at].requires.contains(&start) {
            continue;
        }
        topics[at].recommends.retain(|&t| t != start);
        topics[at].requires.push(start);
        injected += 1;
    }
    injected
}

impl Curriculum {
    /// Every edge as (prerequisite, dependent, hard), in file order.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
        self.topics.iter().enumerate().flat_map(|(i, topic)| {
            let hard = topic.requires.iter().map(move |&p| (p, i, true));
            let soft = topic.recommends.iter().map(move |&p| (p, i, false));
            hard.chain(soft)
        })
    }

    /// Writes the curriculum as a topics.yaml file.
    pub fn write_yaml(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "version: 1")?;
        writeln!(
            out,
            "title: Generated curriculum of {} topics",
            self.topics.len()
        )?;
        writeln!(out, "sections:")?;
        for (s, section) in self.sections.iter().enumerate() {
            writeln!(out, "  - id: {}", section.id)?;
            writeln!(out, "    title: Section {s}")?;
        }
        writeln!(out, "topics:")?;
        for (i, topic) in self.topics.iter().enumerate() {
            writeln!(out, "  - id: {}", topic.id)?;
            writeln!(out, "    title: Topic {i}")?;
            writeln!(out, "    section: {}", self.sections[topic.section].id)?;
            writeln!(out, "    hours: {}", topic.hours)?;
            writeln!(out, "    summary: Generated topic {i}.")?;
            writeln!(
                out,
                "    resources: [{{title: Notes on topic {i}, url: \"https://example.org/{}\", kind: notes}}]",
                topic.id
            )?;
            for (field, list) in [
                ("requires", &topic.requires),
                ("recommends", &topic.recommends),
            ] {
                if !list.is_empty() {
                    write!(out, "    {field}: [")?;
                    self.write_ids(out, list, "")?;
                    writeln!(out, "]")?;
                }
            }
        }
        Ok(())
    }

    /// Writes the curriculum as a topics.json file (the same schema, one topic a line).
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        writeln!(out, "  \"version\": 1,")?;
        writeln!(
            out,
            "  \"title\": \"Generated curriculum of {} topics\",",
            self.topics.len()
        )?;
        writeln!(out, "  \"sections\": [")?;
        for (s, section) in self.sections.iter().enumerate() {
            let comma = if s + 1 < self.sections.len() { "," } else { "" };
            writeln!(
                out,
                "    {{\"id\": \"{}\", \"title\": \"Section {s}\"}}{comma}",
                section.id
            )?;
        }
        writeln!(out, "  ],")?;
        writeln!(out, "  \"topics\": [")?;
        for (i, topic) in self.topics.iter().enumerate() {
            write!(
                out,
                "    {{\"id\": \"{}\", \"title\": \"Topic {i}\", \"section\": \"{}\", \"hours\": {}, \"summary\": \"Generated topic {i}.\", \"resources\": [{{\"title\": \"Notes on topic {i}\", \"url\": \"https://example.org/{}\", \"kind\": \"notes\"}}]",
                topic.id, self.sections[topic.section].id, topic.hours, topic.id
            )?;
            for (field, list) in [
                ("requires", &topic.requires),
                ("recommends", &topic.recommends),
            ] {
                if !list.is_empty() {
                    write!(out, ", \"{field}\": [")?;
                    self.write_ids(out, list, "\"")?;
                    write!(out, "]")?;
                }
            }
            let comma = if i + 1 < self.topics.len() { "," } else { "" };
            writeln!(out, "}}{comma}")?;
        }
        writeln!(out, "  ]")?;
        writeln!(out, "}}")
    }

    /// Writes the ids of `list` separated by commas, each between `quote`s.
    fn write_ids(&self, out: &mut impl Write, list: &[usize], quote: &str) -> io::Result<()> {
        for (k, &p) in list.iter().enumerate() {
            let sep = if k == 0 { "" } else { ", " };
            write!(out, "{sep}{quote}{}{quote}", self.topics[p].id)?;
        }
        Ok(())
    }

    /// The curriculum as topics.yaml text.
    pub fn to_yaml(&self) -> String {
        let mut out = Vec::new();
        self.write_yaml(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("generated text is UTF-8")
    }

    /// The curriculum as topics.json text.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        self.write_json(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("generated text is UTF-8")
    }
}
