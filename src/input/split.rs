//! Reading a large topics file on several threads.
//!
//! Neither YAML nor JSON can be parsed from the middle in general, but the
//! list of topics can be cut where one item ends and the next begins. In
//! YAML that is a line holding nothing but the list's own indentation and
//! `- `: block and plain scalars end before such a line, so a cut there is a
//! true item boundary, and a quoted scalar or flow collection left open by a
//! cut makes the piece before it fail. In JSON it is a line that starts with
//! `{` after a comma, since a raw line break never lies inside a string. Any
//! failure sends the whole file back to the one-thread parser, whose
//! diagnostics are the only ones ever shown.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use serde::de::DeserializeSeed;

use crate::input::json_input::{is_space, skip_space};
use crate::input::schema::{
    FileSeed, FileSink, RawFile, RawHead, RawTopic, StagedSink, TopicsSeed,
};
use crate::input::source::SourceFile;

/// Below this size a file is read on one thread: a few milliseconds of work
/// do not pay for starting another.
pub const MIN_SPLIT_BYTES: usize = 1 << 20;

/// About how long a piece of a large file is: a hundred-odd topics. With
/// 16 KiB pieces a 100,000-topic file peaked at 73 MB where 256 KiB pieces
/// took 96 to 106 MB, in the same time.
const PIECE_BYTES: usize = 16 << 10;

/// A file cut for reading in parallel: the text before the list of topics,
/// and the list in pieces.
#[derive(Debug, PartialEq)]
pub struct Plan<'t> {
    /// How the file is written.
    pub format: Format,
    /// The whole file.
    pub text: &'t str,
    /// Everything before the list of topics: version, title, sections. In
    /// JSON it runs to the list's opening bracket.
    pub head: &'t str,
    /// In JSON, everything from the list's closing bracket on: the keys
    /// written after `topics` (sorted keys put `version` there).
    pub tail: &'t str,
    /// In JSON, how many line breaks the list holds, and how many characters
    /// its last line has before the closing bracket.
    pub gap: (usize, usize),
    /// The list of topics in consecutive pieces, each starting at an item.
    pub pieces: Vec<Piece<'t>>,
}

/// The two ways a topics file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// topics.yaml
    Yaml,
    /// topics.json
    Json,
}

/// A run of whole items of the list of topics.
#[derive(Debug, PartialEq)]
pub struct Piece<'t> {
    /// The text, from the start of a line.
    pub text: &'t str,
    /// How many lines of the file come before it.
    pub lines_before: u32,
}

/// Cuts `text` into about `pieces` pieces, or `None` when the file does not
/// have the plain shape the cuts rely on: one `topics:` key at the top level,
/// written last, holding a block sequence. Anything unusual at the start of
/// a line (a quoted or explicit key, an anchor, a tag, a document marker)
/// keeps the file whole.
pub fn plan(text: &str, pieces: usize) -> Option<Plan<'_>> {
    let step = (text.len() / pieces.max(1)).max(1);
    let mut head_end = None;
    let mut indent = None;
    let mut pieces = Vec::new();
    let mut next_cut = 0;
    let mut line_no: u32 = 0;
    let mut start = 0;
    while start < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |n| start + n + 1);
        let line = &text[start..end];
        match head_end {
            None => {
                if is_topics_key(line) {
                    head_end = Some(start);
                    next_cut = end;
                } else if !plain_head_line(line, line_no) {
                    return None;
                }
            }
            Some(_) => {
                let first = line.as_bytes()[0];
                let content = line.trim_start_matches(' ');
                let blank = content.trim_end().is_empty() || content.starts_with('#');
                if !blank {
                    let this = line.len() - content.len();
                    let item = is_item(content);
                    let k = match indent {
                        Some(k) => k,
                        None if item => *indent.insert(this),
                        None => return None,
                    };
                    // Past the list, the file must hold nothing else at the top level.
                    if first != b' ' && !(k == 0 && item) {
                        return None;
                    }
                    if item && this == k && start >= next_cut {
                        pieces.push(Piece {
                            text: &text[start..],
                            lines_before: line_no,
                        });
                        next_cut = start + step;
                    }
                } else if first != b' ' && first != b'#' && first != b'\n' && first != b'\r' {
                    return None;
                }
            }
        }
        line_no = line_no.checked_add(1)?;
        start = end;
    }
    // Each piece runs to the start of the next.
    for n in 1..pieces.len() {
        let next_len = pieces[n].text.len();
        let piece = &mut pieces[n - 1];
        piece.text = &piece.text[..piece.text.len() - next_len];
    }
    if pieces.len() < 2 {
        return None;
    }
    Some(Plan {
        format: Format::Yaml,
        text,
        head: &text[..head_end?],
        tail: "",
        gap: (0, 0),
        pieces,
    })
}

/// Cuts a JSON `text` into about `pieces` pieces, or `None` when its shape
/// does not allow it: the list of topics must be the value of the first
/// `"topics"` key, end at the file's last `]`, and its items must start lines. A
/// raw line break never lies inside a JSON string, so a line that starts,
/// after spaces, with `{` at the first item's indentation, right after a
/// comma, starts an item; should it be a nested object after all, the
/// pieces around it fail and the file is read whole.
pub fn plan_json(text: &str, pieces: usize) -> Option<Plan<'_>> {
    let bytes = text.as_bytes();
    let step = (text.len() / pieces.max(1)).max(1);
    let key = memchr::memmem::find_iter(bytes, b"\"topics\"").find(|&at| {
        let colon = skip_space(bytes, at + 8);
        bytes.get(colon) == Some(&b':')
    })?;
    let open = skip_space(bytes, skip_space(bytes, key + 8) + 1);
    if bytes.get(open) != Some(&b'[') {
        return None;
    }
    // Where the list ends, if the file is what it seems; if not, the head
    // with this tail or the last piece fails to parse.
    let close = memchr::memrchr(b']', bytes)?;
    let first = skip_space(bytes, open + 1);
    if first >= close || bytes[first] != b'{' {
        return None;
    }
    let mut cuts = vec![(first, count_lines(&bytes[..first]))];
    // Items are cut at the first item's indentation, so nested objects on
    // lines of their own are passed over.
    let first_line = memchr::memrchr(b'\n', &bytes[..first]).map_or(0, |i| i + 1);
    let mut indent =
        (blanks(&bytes[first_line..first]) == first - first_line).then_some(first - first_line);
    let mut line_no = cuts[0].1;
    let mut next_cut = first + step;
    for newline in memchr::memchr_iter(b'\n', &bytes[first..close]) {
        line_no = line_no.checked_add(1)?;
        let start = first + newline + 1;
        if start < next_cut {
            continue;
        }
        let item = start + blanks(&bytes[start..close]);
        let after_comma = bytes[..start].iter().rev().find(|&&b| !is_space(b)) == Some(&b',');
        if item < close
            && bytes[item] == b'{'
            && after_comma
            && *indent.get_or_insert(item - start) == item - start
        {
            cuts.push((item, line_no));
            next_cut = item + step;
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    let list_lines = line_no - cuts[0].1 + count_lines(&bytes[open..first]);
    let last_line = memchr::memrchr(b'\n', &bytes[..close])
        .map_or(0, |i| i + 1)
        .max(open + 1);
    let gap = (list_lines as usize, text[last_line..close].chars().count());
    let pieces = cuts
        .iter()
        .enumerate()
        .map(|(n, &(at, lines_before))| Piece {
            text: &text[at..cuts.get(n + 1).map_or(close, |c| c.0)],
            lines_before,
        })
        .collect();
    Some(Plan {
        format: Format::Json,
        text,
        head: &text[..=open],
        tail: &text[close..],
        gap,
        pieces,
    })
}

/// How many spaces and tabs `bytes` starts with: a line's indentation.
fn blanks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

fn count_lines(bytes: &[u8]) -> u32 {
    u32::try_from(memchr::memchr_iter(b'\n', bytes).count()).unwrap_or(u32::MAX)
}

/// `topics:` alone on its line, but for spaces and a comment.
fn is_topics_key(line: &str) -> bool {
    line.strip_prefix("topics:").is_some_and(|rest| {
        let rest = rest.trim_start_matches(' ');
        rest.is_empty() || rest.starts_with('#') || rest.trim_end().is_empty()
    })
}

/// A line before the list that cannot hide a second `topics` key or carry
/// state into the list: no quoted, explicit, anchored or tagged key at the
/// top level, no flow collection and no document marker.
fn plain_head_line(line: &str, line_no: u32) -> bool {
    let unusual = match line.as_bytes()[0] {
        b'"' | b'\'' | b'?' | b'&' | b'*' | b'!' | b'{' | b'[' | b'.' | b'\t' | b'|' | b'>' => true,
        // A sequence item of a section list written flush left, or the
        // document marker on the first line.
        b'-' => !(is_item(line) || line_no == 0 && line.trim_end() == "---"),
        _ => false,
    };
    !unusual && !line.starts_with("topics")
}

/// Whether a line, its indentation removed, starts a sequence item.
fn is_item(content: &str) -> bool {
    content
        .strip_prefix('-')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n', '\r']))
}

/// Parses `source` as `load::parse_into` does, on every core,
/// handing everything to `sink` in reading order.
///
/// `None` when the file is too small, there is one core, or the file is not
/// of the plain shape [`plan`] needs, or when any piece fails to parse. The
/// sink may then have received some topics already: the caller starts again
/// with a fresh one on one thread, which also gives the exact diagnostic.
pub fn parse<S: StagedSink + Send + ?Sized>(source: &SourceFile, sink: &mut S) -> Option<RawHead> {
    // Asking for the cores reads the cgroup files: only worth it for a file
    // large enough to be cut.
    if source.text().len() < MIN_SPLIT_BYTES {
        return None;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    parse_on(source, sink, threads)
}

/// [`parse`] on up to `threads` threads.
pub fn parse_on<S: StagedSink + Send + ?Sized>(
    source: &SourceFile,
    sink: &mut S,
    threads: usize,
) -> Option<RawHead> {
    let text = source.text();
    if threads < 2 || text.len() < MIN_SPLIT_BYTES {
        return None;
    }
    // Small pieces keep few topics waiting for their turn and let memory
    // freed by one thread be reused soon; a parser costs next to nothing.
    let pieces = (threads * 8).max(text.len() / PIECE_BYTES);
    let plan = if crate::input::format::is_json(source) {
        plan_json(text, pieces)
    } else {
        plan(text, pieces)
    };
    parse_plan(&plan?, sink, threads)
}

/// Parses a [`Plan`] on `threads` threads; see [`parse`].
pub fn parse_plan<S: StagedSink + Send + ?Sized>(
    plan: &Plan<'_>,
    sink: &mut S,
    threads: usize,
) -> Option<RawHead> {
    let text = plan.text;
    let len = text.len();
    let head = match plan.format {
        Format::Yaml => RawFile::collect(|s| {
            serde_saphyr::with_deserializer_from_str_with_options(
                plan.head,
                crate::input::format::yaml_options(len),
                |de| FileSeed(s).deserialize(de),
            )
        })
        .ok()?,
        Format::Json => {
            // The head and the tail with the list emptied into as many line
            // breaks and spaces, so every position in them is the file's.
            let (lines, columns) = plan.gap;
            let mut head =
                String::with_capacity(plan.head.len() + lines + columns + plan.tail.len());
            head.push_str(plan.head);
            head.extend(std::iter::repeat_n('\n', lines));
            head.extend(std::iter::repeat_n(' ', columns));
            head.push_str(plan.tail);
            RawFile::collect(|s| crate::input::json_input::parse_json_text(&head, s)).ok()?
        }
    };
    if !head.topics.is_empty() {
        return None;
    }
    // Alias replays are shared out, so the pieces together may replay no
    // more than the whole file could.
    let replays = crate::input::format::replay_limit(len) / plan.pieces.len();
    sink.expect(crate::input::format::expected_topics(
        text,
        plan.format == Format::Json,
    ));
    let head = head.feed(sink);
    let checks = sink.checks();
    let shared = Shared::<S> {
        plan,
        checks: &checks,
        replays,
        next: AtomicUsize::new(0),
        failed: AtomicBool::new(false),
        state: Mutex::new(State {
            parsed: plan.pieces.iter().map(|_| None).collect(),
            fed: 0,
        }),
        changed: Condvar::new(),
        window: threads * 4,
        sink: Mutex::new(sink),
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            // Without a helper (none could be started) this thread reads
            // every piece itself.
            let helper = std::thread::Builder::new().spawn_scoped(scope, || shared.work());
            if helper.is_err() {
                break;
            }
        }
        shared.work();
    });
    if shared.failed.load(Ordering::Relaxed) {
        return None;
    }
    // A thread that stores a piece while another holds the sink leaves it to
    // that one, which looks again once it lets go; this is only the last look.
    shared.drain();
    (shared.lock().fed == plan.pieces.len()).then_some(head)
}

/// What the threads share while reading the pieces.
struct Shared<'p, 't, 's, S: StagedSink + Send + ?Sized> {
    plan: &'p Plan<'t>,
    checks: &'p S::Checks,
    replays: usize,
    /// The next piece nobody has taken.
    next: AtomicUsize,
    failed: AtomicBool,
    state: Mutex<State<S::Checked>>,
    changed: Condvar,
    /// How far past the last piece handed on a thread may read ahead, which
    /// bounds the topics held at once.
    window: usize,
    /// Whichever thread holds it hands the pieces read on, in order.
    sink: Mutex<&'s mut S>,
}

struct State<T> {
    /// Pieces read, their topics through the first step, and not yet handed on.
    parsed: Vec<Option<Vec<T>>>,
    /// How many pieces have been handed on.
    fed: usize,
}

impl<S: StagedSink + Send + ?Sized> Shared<'_, '_, '_, S> {
    /// What every thread does, the calling one included: takes pieces in
    /// turn and reads each, then hands on whatever is due if no other thread
    /// is doing so. Handing on a piece costs about half as much as reading
    /// it, so no thread is left to do all of it while the others wait.
    fn work(&self) {
        // Should reading ever panic, no thread may wait for a piece that
        // will never come: they are told, and the panic goes on.
        struct FailOnPanic<'s, 'p, 't, 'k, S: StagedSink + Send + ?Sized>(
            &'s Shared<'p, 't, 'k, S>,
        );
        impl<S: StagedSink + Send + ?Sized> Drop for FailOnPanic<'_, '_, '_, '_, S> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.fail();
                }
            }
        }
        let _guard = FailOnPanic(self);
        loop {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            if n >= self.plan.pieces.len() {
                return;
            }
            if !self.wait_for_room(n) {
                return;
            }
            if self.read_due(n) {
                continue;
            }
            let Some(topics) = self.gather(n) else {
                self.fail();
                return;
            };
            self.lock().parsed[n] = Some(topics);
            self.drain();
        }
    }

    /// Waits until piece `n` is within the window past the pieces handed
    /// on; false if some piece failed meanwhile.
    fn wait_for_room(&self, n: usize) -> bool {
        let mut state = self.lock();
        while n >= state.fed + self.window && !self.failed.load(Ordering::Relaxed) {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !self.failed.load(Ordering::Relaxed)
    }

    /// Reads piece `n` straight into the sink if it is the one due and no
    /// other thread holds the sink; whether it did. Only the thread that
    /// took `n` can hand it on, so it stays due while the sink is held.
    fn read_due(&self, n: usize) -> bool {
        if self.lock().fed != n {
            return false;
        }
        let Ok(mut sink) = self.sink.try_lock() else {
            return false;
        };
        let mut direct = Checking::<S, _> {
            checks: self.checks,
            take: |topic| sink.checked(topic),
        };
        if self.read(n, &mut direct).is_none() {
            drop(sink);
            self.fail();
            return true;
        }
        self.lock().fed = n + 1;
        self.changed.notify_all();
        drop(sink);
        self.drain();
        true
    }

    /// Hands on, in order, every piece read and due, unless another thread
    /// holds the sink, in which case that thread will.
    fn drain(&self) {
        loop {
            let Ok(mut sink) = self.sink.try_lock() else {
                return;
            };
            loop {
                let (n, topics) = {
                    let mut state = self.lock();
                    let n = state.fed;
                    match state.parsed.get_mut(n).and_then(Option::take) {
                        Some(topics) => (n, topics),
                        None => break,
                    }
                };
                topics.into_iter().for_each(|t| sink.checked(t));
                self.lock().fed = n + 1;
                self.changed.notify_all();
            }
            drop(sink);
            // A piece stored while this thread held the sink found it taken
            // and left the handing on to this thread.
            let state = self.lock();
            if !state.parsed.get(state.fed).is_some_and(Option::is_some) {
                return;
            }
        }
    }

    /// Reads piece `n` through the first step into a list.
    fn gather(&self, n: usize) -> Option<Vec<S::Checked>> {
        let mut topics = Vec::new();
        self.read(
            n,
            &mut Checking::<S, _> {
                checks: self.checks,
                take: |topic| topics.push(topic),
            },
        )?;
        Some(topics)
    }

    /// Reads piece `n` into `sink`, with the file's line numbers.
    fn read(&self, n: usize, sink: &mut dyn FileSink) -> Option<()> {
        let piece = &self.plan.pieces[n];
        match self.plan.format {
            Format::Yaml => {
                // serde-saphyr counts from the piece's first line.
                let mut shifted = Shift {
                    lines: piece.lines_before,
                    sink,
                };
                let mut options = crate::input::format::yaml_options(piece.text.len());
                options.alias_limits.max_total_replayed_events = self.replays;
                serde_saphyr::with_deserializer_from_str_with_options(piece.text, options, |de| {
                    TopicsSeed(&mut shifted).deserialize(de)
                })
                .ok()
            }
            Format::Json => {
                let last = n + 1 == self.plan.pieces.len();
                crate::input::json_input::parse_piece(
                    self.plan.text,
                    piece.text,
                    piece.lines_before,
                    last,
                    sink,
                )
            }
        }
    }

    fn fail(&self) {
        self.failed.store(true, Ordering::Relaxed);
        // Taken so that no thread is between its check and its wait.
        drop(self.lock());
        self.changed.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<S::Checked>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Takes a piece's topics through the first step and hands each to `take`.
struct Checking<'c, S: StagedSink + ?Sized, F: FnMut(S::Checked)> {
    checks: &'c S::Checks,
    take: F,
}

impl<S: StagedSink + ?Sized, F: FnMut(S::Checked)> FileSink for Checking<'_, S, F> {
    fn sections(&mut self, _: Vec<crate::input::schema::RawSection>) {}

    fn topic(&mut self, topic: RawTopic) {
        (self.take)(S::check(self.checks, topic));
    }
}

/// Moves each topic's positions down by `lines` on its way to `sink`.
struct Shift<'s> {
    lines: u32,
    sink: &'s mut dyn FileSink,
}

impl FileSink for Shift<'_> {
    fn sections(&mut self, sections: Vec<crate::input::schema::RawSection>) {
        self.sink.sections(sections);
    }

    fn topic(&mut self, mut topic: RawTopic) {
        topic.shift_lines(self.lines);
        self.sink.topic(topic);
    }
}
