use std::path::Path;

use super::note;
use crate::input::diagnostics::Problems;
use crate::output::write::write_atomic;

/// Maps a survey export onto an answer table; with any problem, nothing is written.
pub fn run(export: &Path, mapping: &Path, output: &Path) -> Result<(), Problems> {
    let output = crate::input::import::check_output(export, output)?;
    let imported = crate::input::import::import(export, mapping)?;
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
