//! Shell completion with clap_complete's engine: the shell runs
//! `COMPLETE=SHELL prereq -- WORDS...` at each Tab, and topic names come
//! from the topics file the command being typed would read.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::sync::OnceLock;

use clap_complete::engine::CompletionCandidate;
use prereq::diagnostic::Code;
use prereq::input::names::TopicNames;

use crate::input::{self, Origin};

/// The variable that asks for completion, as clap_complete names it.
const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, if this run is one; else returns
/// at the cost of reading one variable.
pub fn handoff(command: fn() -> clap::Command) {
    if std::env::var_os(VAR).is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    // What is printed is the shell's list of candidates: a panic's message
    // would land on the user's prompt.
    let requested = words().is_some();
    if requested {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let env = clap_complete::CompleteEnv::with_factory(command);
    let current_dir = std::env::current_dir().ok();
    match env.try_complete(std::env::args_os(), current_dir.as_deref()) {
        Ok(true) => std::process::exit(0),
        Ok(false) => {}
        // Nothing to offer, quietly: the shell shows no candidates.
        Err(_) if requested => std::process::exit(1),
        Err(err) => err.exit(),
    }
}

/// The registration script for `shell`, as `COMPLETE=SHELL prereq` prints it.
pub fn registration(shell: clap_complete::Shell) -> anyhow::Result<String> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        anyhow::bail!("no dynamic completion for {name}");
    };
    // The program the script runs at each Tab: this one, as it was called,
    // made absolute when called by a relative path, as clap_complete does.
    let mut program = PathBuf::from(
        std::env::args_os()
            .next()
            .unwrap_or_else(|| "prereq".into()),
    );
    if program.components().count() > 1
        && let Ok(dir) = std::env::current_dir()
    {
        program = dir.join(program);
    }
    let mut script = Vec::new();
    completer.write_registration(
        VAR,
        "prereq",
        "prereq",
        &program.to_string_lossy(),
        &mut script,
    )?;
    Ok(String::from_utf8_lossy(&script).into_owned())
}

/// The topic ids, then the aliases, that start with `current`, from the
/// topics file in effect; each with the topic's title.
pub fn topics(current: &OsStr) -> Vec<CompletionCandidate> {
    quietly(|| {
        let Some(prefix) = current.to_str() else {
            return Vec::new();
        };
        prereq::input::names::completions(names(), prefix)
            .into_iter()
            .map(|c| {
                let title = c.topic.title.lines().next().unwrap_or_default();
                let help = if c.alias {
                    format!("{title} (alias of {})", c.topic.id)
                } else {
                    title.to_owned()
                };
                CompletionCandidate::new(c.name).help(Some(help.into()))
            })
            .collect()
    })
}

/// The warning rules `--allow` takes that start with `current`.
pub fn rules(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str() else {
        return Vec::new();
    };
    Code::allowable()
        .filter(|code| code.as_str().starts_with(prefix))
        .map(|code| CompletionCandidate::new(code.as_str()).help(Some(code.description().into())))
        .collect()
}

/// `candidates()`, or none if it panics.
fn quietly(candidates: impl FnOnce() -> Vec<CompletionCandidate>) -> Vec<CompletionCandidate> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(candidates)).unwrap_or_default()
}

/// The names of the topics in effect, read once.
fn names() -> &'static [TopicNames] {
    static NAMES: OnceLock<Vec<TopicNames>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let typed = words().and_then(|words| typed_topics(&words));
        let named = typed.or_else(|| std::env::var_os("PREREQ_TOPICS").filter(|v| !v.is_empty()));
        let named = named.map(PathBuf::from);
        let source = match input::origin(named.as_deref()) {
            // Standard input is the shell's, not a file to read at a Tab.
            Ok(Origin::Named(path)) if input::is_stdin(path) => return Vec::new(),
            Ok(Origin::Named(path)) => read(path.to_owned()),
            Ok(Origin::Found(path)) => read(path),
            // As the commands that take topic names do, without the note.
            Ok(Origin::Handbook | Origin::Nothing) => Some(input::handbook()),
            Err(_) => None,
        };
        // A file the command would refuse offers nothing: the shell is no
        // place for its diagnostics.
        source
            .and_then(|s| prereq::input::names::topic_names(&s).ok())
            .unwrap_or_default()
    })
}

/// The text of the file at `path`; `None` if it cannot be read or is not
/// UTF-8.
fn read(path: PathBuf) -> Option<prereq::input::source::SourceFile> {
    let bytes = input::read_file(&path).ok()?;
    prereq::input::load::decode(&path.display().to_string(), bytes).ok()
}

/// The words of the command line being completed, after the program's
/// name, as the registration script passes them after `--`; `None` when
/// this run is not a completion request.
fn words() -> Option<Vec<OsString>> {
    let mut args = std::env::args_os().skip(1);
    args.by_ref().find(|a| a == "--")?;
    Some(args.skip(1).collect())
}

/// The file `--topics` names on the command line being completed: the last
/// one given before any `--`, as clap takes it. Bash hands `--topics=FILE`
/// over as three words, `--topics`, `=` and `FILE`.
fn typed_topics(words: &[OsString]) -> Option<OsString> {
    let mut found = None;
    let mut words = words.iter().map(|w| w.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match &*word {
            "--" => break,
            "--topics" | "-t" => match words.next() {
                Some(next) if next == "=" => words.next(),
                next => next,
            },
            other => match other
                .strip_prefix("--topics=")
                .or_else(|| other.strip_prefix("-t="))
                .or_else(|| other.strip_prefix("-t"))
            {
                Some(value) => Some(value.to_owned().into()),
                None => continue,
            },
        };
        found = value.map(|v| as_shell_reads(&v));
    }
    found
}

/// A word as the shell will pass it to the command: surrounding quotes
/// dropped, and a leading `~/` made the home directory.
fn as_shell_reads(word: &str) -> OsString {
    let unquoted = ['\'', '"']
        .iter()
        .find_map(|&q| word.strip_prefix(q).map(|w| w.strip_suffix(q).unwrap_or(w)))
        .unwrap_or(word);
    match (unquoted.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest).into_os_string(),
        _ => unquoted.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(line: &str) -> Option<OsString> {
        let words: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        typed_topics(&words)
    }

    #[test]
    fn topics_typed_in_every_spelling() {
        assert_eq!(typed("path --topics a.yaml x"), Some("a.yaml".into()));
        assert_eq!(typed("-t a.yaml path x"), Some("a.yaml".into()));
        assert_eq!(typed("path --topics = a.yaml x"), Some("a.yaml".into()));
        assert_eq!(typed("path --topics=a.yaml x"), Some("a.yaml".into()));
        assert_eq!(typed("path -ta.yaml x"), Some("a.yaml".into()));
        assert_eq!(typed("-t a.yaml path -t 'b.yaml' x"), Some("b.yaml".into()));
        assert_eq!(typed("path x -- --topics a.yaml"), None);
        assert_eq!(typed("path x"), None);
    }
}
