//! Running Graphviz's `dot` to turn DOT text into SVG, PNG or PDF, and
//! writing output files atomically.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The program that lays out graphs.
pub const GRAPHVIZ: &str = "dot";

/// How to get Graphviz, shown when it is missing.
pub const INSTALL_HINT: &str = "install Graphviz: `apt-get install graphviz` (Debian, Ubuntu), \
`dnf install graphviz` (Fedora), `brew install graphviz` (macOS), `winget install graphviz` (Windows); \
`prereq dot | dot -Tsvg -o roadmap.svg` does the same by hand. \
`prereq mermaid` needs nothing installed: it prints a Mermaid diagram that GitHub and GitLab draw in Markdown";

/// A picture format Graphviz writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics; keeps tooltips and links.
    Svg,
    /// A bitmap.
    Png,
    /// A printable page; keeps links.
    Pdf,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 3] = [Format::Svg, Format::Png, Format::Pdf];

    /// The name `dot -T` takes, which is also the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
        }
    }

    /// The format a file name's extension asks for, ignoring case.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.as_str() == ext)
    }
}

/// Why a picture could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `dot` is not on the PATH.
    #[error("Graphviz is not installed (no `{GRAPHVIZ}` program on the PATH); {INSTALL_HINT}")]
    Missing,
    /// `dot` could be found but not started, or its pipes failed.
    #[error("cannot run Graphviz `{GRAPHVIZ}`")]
    Run(#[source] std::io::Error),
    /// `dot` ran and reported failure.
    #[error("Graphviz `{GRAPHVIZ}` failed ({status}){}", if stderr.is_empty() { String::new() } else { format!(": {stderr}") })]
    Failed {
        /// How it exited.
        status: String,
        /// What it printed on standard error, trimmed.
        stderr: String,
    },
    /// The output file could not be written; any earlier file there is unchanged.
    #[error("cannot write `{}`", path.display())]
    Write {
        /// The file asked for.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
}

impl RenderError {
    /// Whether the fault lies with Graphviz (missing or failing) rather than the output file.
    pub fn is_graphviz(&self) -> bool {
        !matches!(self, Self::Write { .. })
    }
}

/// A picture Graphviz made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The picture file's bytes.
    pub bytes: Vec<u8>,
    /// What Graphviz printed on standard error although it succeeded, such as
    /// a note that it scaled a huge bitmap down; trimmed, often empty.
    pub warnings: String,
}

/// Lays out `dot` with Graphviz and returns the picture in `format`.
pub fn graphviz(dot: &str, format: Format) -> Result<Rendered, RenderError> {
    let mut child = Command::new(GRAPHVIZ)
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => RenderError::Missing,
            _ => RenderError::Run(err),
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Feed and drain on separate threads so that neither side can fill a pipe
    // and wait on the other.
    let (written, errors, output) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(dot.as_bytes()));
        let reader = scope.spawn(move || {
            let mut text = Vec::new();
            stderr.read_to_end(&mut text).map(|_| text)
        });
        let mut output = Vec::new();
        let read = child
            .stdout
            .take()
            .expect("stdout is piped")
            .read_to_end(&mut output);
        (
            writer.join().unwrap_or(Ok(())),
            reader.join().unwrap_or_else(|_| Ok(Vec::new())),
            read.map(|_| output),
        )
    });
    let status = child.wait().map_err(RenderError::Run)?;
    let errors = String::from_utf8_lossy(&errors.unwrap_or_default())
        .trim()
        .to_owned();
    if !status.success() {
        return Err(RenderError::Failed {
            status: status.to_string(),
            stderr: errors,
        });
    }
    // A broken pipe on stdin with a zero exit means dot stopped reading early
    // yet succeeded; any other failure to feed it is an error.
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(RenderError::Run(err));
    }
    Ok(Rendered {
        bytes: output.map_err(RenderError::Run)?,
        warnings: errors,
    })
}

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// renamed over `path` only once complete: a failure leaves any existing file
/// as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    let failed = |source| RenderError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".prereq-").suffix(".tmp");
    // Temporary files are private; the output keeps the permissions of the
    // file it replaces, or gets the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Some(meta.permissions()),
        _ => new_file_permissions(),
    };
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let mut temp = builder.tempfile_in(dir).map_err(failed)?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(failed)?;
    temp.persist(path).map_err(|err| failed(err.error))?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Lays out `dot` in `format` and writes it atomically to `path`; returns
/// Graphviz's warnings.
pub fn render_to(dot: &str, format: Format, path: &Path) -> Result<String, RenderError> {
    let picture = graphviz(dot, format)?;
    write_atomic(path, &picture.bytes)?;
    Ok(picture.warnings)
}
