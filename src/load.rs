//! Reading a topics file: bytes to text to [`RawFile`], with every failure
//! turned into a [`Diagnostic`] that points at the place.

use serde_saphyr::{Budget, Error as YamlError, Options};

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::schema::RawFile;
use crate::source::SourceFile;

/// Decodes `bytes` as UTF-8 (a byte-order mark is dropped). On failure, the
/// text with invalid bytes replaced, and a diagnostic at the first invalid byte.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<SourceFile, (SourceFile, Box<Diagnostic>)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let diagnostic = Diagnostic::new(
                Code::Encoding,
                format!(
                    "invalid UTF-8: byte 0x{:02x} at offset {valid}",
                    bytes[valid]
                ),
            )
            .label(Pos::new(to_u32(line), to_u32(column)), 1, "not UTF-8")
            .help("save the file as UTF-8");
            let lossy = SourceFile::new(name, String::from_utf8_lossy(bytes).into_owned());
            Err((lossy, Box::new(diagnostic)))
        }
    }
}

/// Parses the text into the raw schema: as JSON when the file name ends in
/// `.json`, else as YAML.
pub fn parse(source: &SourceFile) -> Result<RawFile, Box<Diagnostic>> {
    let is_json = std::path::Path::new(source.name())
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if is_json {
        crate::json_input::parse_json(source)
    } else {
        parse_yaml(source)
    }
}

/// Parses YAML text into the raw schema.
///
/// The parser's safety budget grows with the size of the input, so large honest
/// files load, while the limits on alias expansion stay fixed and stop
/// "billion laughs" files early.
pub fn parse_yaml(source: &SourceFile) -> Result<RawFile, Box<Diagnostic>> {
    let mut options = Options::default();
    options.budget = Some(budget_for(source.text().len()));
    options.with_snippet = false;
    serde_saphyr::from_str_with_options(source.text(), options)
        .map_err(|err| Box::new(yaml_diagnostic(&err)))
}

/// A parser budget that admits any honest file of `len` bytes.
pub fn budget_for(len: usize) -> Budget {
    // Every YAML node takes at least two bytes ("a\n" or "a,"), and each
    // produces at most two events, so these bounds never reject an honest file.
    let mut budget = Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    budget
}

fn yaml_diagnostic(err: &YamlError) -> Diagnostic {
    let err = err.without_snippet();
    let code = match err {
        YamlError::DuplicateMappingKey { .. } => Code::DuplicateKey,
        YamlError::Budget { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => Code::Limit,
        YamlError::SerdeInvalidType { .. }
        | YamlError::SerdeInvalidValue { .. }
        | YamlError::SerdeInvalidLength { .. }
        | YamlError::SerdeUnknownVariant { .. }
        | YamlError::SerdeUnknownField { .. }
        | YamlError::SerdeMissingField { .. }
        | YamlError::NullIntoString { .. }
        | YamlError::InvalidScalar { .. }
        | YamlError::Message { .. } => Code::Schema,
        _ => Code::Syntax,
    };
    let message = first_line(&err.to_string());
    let pos = err.location().map(Pos::from).unwrap_or_default();
    let mut diagnostic = Diagnostic::new(code, message);
    if pos.is_known() {
        diagnostic = diagnostic.label(pos, 1, "");
    }
    diagnostic
}

// serde-saphyr's plain message starts with the text and may append the
// position; the position is shown by the renderer instead.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message);
    match line.rfind(" at line ") {
        Some(at) => line[..at].to_owned(),
        None => line.to_owned(),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parses and validates `source`: the catalog (unless the file could not be
/// parsed at all) and every error found, cycles included.
pub fn analyze(source: &SourceFile) -> (Option<crate::catalog::Catalog>, Vec<Diagnostic>) {
    match parse(source) {
        Ok(raw) => {
            let (catalog, diagnostics) = crate::catalog::Catalog::from_raw(raw);
            (Some(catalog), diagnostics)
        }
        Err(diagnostic) => (None, vec![*diagnostic]),
    }
}

/// Parses and validates `source`, failing with every error if there is any.
pub fn catalog(source: &SourceFile) -> Result<crate::catalog::Catalog, Vec<Diagnostic>> {
    match analyze(source) {
        (Some(catalog), diagnostics) if diagnostics.is_empty() => Ok(catalog),
        (_, diagnostics) => Err(diagnostics),
    }
}
