use std::path::Path;

use super::note;
use crate::input::diagnostics::Problems;
use crate::output::answer_table;
use crate::output::write::write_atomic;

/// Maps a survey export onto an answer table; with any problem, nothing is written.
/// An existing table is replaced only with `force`, and only one an import wrote.
pub fn run(export: &Path, mapping: &Path, output: &Path, force: bool) -> Result<(), Problems> {
    let output = answer_table::check_output(export, mapping, output, force)?;
    let imported = crate::input::import::import(export, mapping)?;
    let table = answer_table::to_csv(&imported, export)?;
    if force {
        answer_table::check_replace(&output, &table)?;
    }
    write_atomic(&output, &table)?;
    if !imported.ignored_columns.is_empty() {
        note(&format!(
            "ignored columns (the mapping allows it): {}",
            crate::input::diagnostics::some_of(&imported.ignored_columns)
        ));
    }
    let left_out: usize = imported.left_out.iter().map(|(_, n)| n).sum();
    let why = imported
        .left_out
        .iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect::<Vec<_>>()
        .join(", ");
    note(&match left_out {
        0 => format!(
            "wrote {}: {} respondents",
            output.display(),
            imported.respondents
        ),
        _ => format!(
            "wrote {}: {} respondents; left out {left_out}: {why}",
            output.display(),
            imported.respondents
        ),
    });
    Ok(())
}
