//! The answer table an import writes (SPEC §2.4): CSV with `\n` line ends, and where it may
//! go.

use std::path::{Path, PathBuf};

use crate::input::cells::neutralise;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::import::Imported;

/// The imported table as CSV: the header, then a row a respondent, cells quoted only where
/// needed, and a cell a spreadsheet would run as a formula with a leading `'` (which the
/// answer-table reader takes off again). Problems name `export`, the file the table comes
/// from.
pub fn to_csv(imported: &Imported, export: &Path) -> Result<Vec<u8>, Problems> {
    let write_error =
        |e: csv::Error| Diagnostic::file(export, format!("cannot write the table: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut write = |cells: &[String]| {
        for cell in cells {
            writer
                .write_field(neutralise(cell).as_bytes())
                .map_err(write_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(write_error)
    };
    write(&imported.header)?;
    for row in &imported.rows {
        write(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Diagnostic::file(export, format!("cannot write the table: {e}")))?;
    Ok(bytes)
}

/// Where the answer table goes: a `.csv`, and not the export itself.
pub fn check_output(export: &Path, output: &Path) -> Result<PathBuf, Problems> {
    if output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
        != Some("csv")
    {
        return Err(
            Diagnostic::file(output, "the output must be a .csv file (an answer table)").into(),
        );
    }
    let same = match (export.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Diagnostic::file(
            output,
            "is the export itself; write the answer table to another file",
        )
        .into());
    }
    Ok(output.to_path_buf())
}
