//! Writing norms (`centricity norms -o norms.json`): the document of schema
//! `centricity.norms/1`, pretty JSON in a fixed key order, so the same portfolio gives the
//! same bytes.

use std::path::Path;

use crate::input::diagnostics::Diagnostic;
use crate::model::norms::Norms;
use crate::output::write::write_atomic;

/// The norms as JSON text, ending in a newline.
pub fn to_json(norms: &Norms) -> Result<String, Diagnostic> {
    let mut json = serde_json::to_string_pretty(norms)
        .map_err(|e| Diagnostic::file("<norms>", format!("cannot write the norms: {e}")))?;
    json.push('\n');
    Ok(json)
}

/// Writes the norms to `path`, completely or not at all.
pub fn write(norms: &Norms, path: &Path) -> Result<(), Diagnostic> {
    write_atomic(path, to_json(norms)?.as_bytes())
}
