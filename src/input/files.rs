//! Reading the user's files: every read goes through here, so that no error can forget
//! its path.

use std::path::Path;

use crate::input::diagnostics::{Diagnostic, Source};

/// Reads a UTF-8 text file; a leading byte-order mark is dropped.
pub fn read_to_string(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot read the file: {e}")))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let source = Source { path, text: &text };
        let (line, column) = source.position(text.len());
        Diagnostic::at(
            path,
            line,
            column,
            "the file is not valid UTF-8 (save it as UTF-8)",
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
