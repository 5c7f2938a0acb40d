//! The answer table an import writes (SPEC §2.4): CSV with `\n` line ends, and where it may
//! go.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::input::cells::neutralise;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::import::Imported;
use crate::output::write::{check_new_output, check_target};

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

/// Where the answer table goes: a `.csv`, not the export nor the mapping, and a new file or
/// a regular one. An existing file is replaced only with `force`, and then only if an import
/// wrote it ([`check_replace`], once the table is made).
pub fn check_output(
    export: &Path,
    mapping: &Path,
    output: &Path,
    force: bool,
) -> Result<PathBuf, Problems> {
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
    check_new_output(
        output,
        &[(export, "the export"), (mapping, "the mapping")],
        "the answer table",
        force,
        "`import` replaces an answer table only with --force, and only one an import wrote (its first line is the header this import writes)",
    )?;
    Ok(output.to_path_buf())
}

/// With `--force`, whether the existing `output` may be replaced by `table`: only when its
/// first line is exactly the header `table` starts with, i.e. the same questionnaire's table
/// as an import writes it. Anything else (answers typed by hand with other columns, a
/// spreadsheet's re-save with a BOM or CRLF, another file altogether) is never replaced.
pub fn check_replace(output: &Path, table: &[u8]) -> Result<(), Problems> {
    check_target(output)?;
    if std::fs::symlink_metadata(output).is_err() {
        return Ok(());
    }
    let header_end = table
        .iter()
        .position(|&b| b == b'\n')
        .map_or(table.len(), |end| end + 1);
    let header = &table[..header_end];
    let mut start = Vec::with_capacity(header.len());
    let read = std::fs::File::open(output)
        .and_then(|file| file.take(header.len() as u64).read_to_end(&mut start));
    if let Err(e) = read {
        return Err(Diagnostic::file(output, format!("cannot read the file: {e}")).into());
    }
    if start != header {
        return Err(Diagnostic::file(
            output,
            "already exists and was not written by this import (its first line is not the header this import writes); --force replaces only an earlier import's table: choose another name",
        )
        .into());
    }
    Ok(())
}
