use std::path::Path;

use crate::diagnostics::{note, write_atomic, Problems};

/// Maps a survey export onto an answer table; with any problem, nothing is written.
pub fn run(export: &Path, mapping: &Path, output: &Path) -> Result<(), Problems> {
    let output = crate::import::check_output(export, output)?;
    let imported = crate::import::import(export, mapping)?;
    write_atomic(&output, imported.csv.as_bytes())?;
    if !imported.ignored_columns.is_empty() {
        note(&format!(
            "ignored columns (the mapping allows it): {}",
            imported.ignored_columns.join(", ")
        ));
    }
    note(&format!(
        "wrote {}: {} respondents",
        output.display(),
        imported.respondents
    ));
    Ok(())
}
