//! `centricity score`: the scores in a format, printed or written to a file.

use std::path::Path;

use super::inputs::Inputs;
use super::note;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::language::Language;
use crate::output::scores::{exporter, Delimiter, Format};
use crate::output::write::{check_target, write_atomic};

pub fn run(
    dir: &Path,
    format: Option<Format>,
    delimiter: Delimiter,
    language: Option<Language>,
    output: Option<&Path>,
) -> Result<(), Problems> {
    let format = chosen_format(format, output)?;
    if let Some(path) = output {
        // a regular file, and none the assessment reads: a table in the answers folder
        // would be read as answers next time
        check_target(path)?;
        Inputs::default().assessment(dir).refuse(path)?;
    }
    let (assessment, analysis) = super::collect(dir)?;
    let language = language.unwrap_or(assessment.language);
    let bytes = exporter(format, delimiter, language).export(&assessment, &analysis)?;
    match output {
        Some(path) => {
            write_atomic(path, &bytes)?;
            note(&format!("wrote {}", path.display()));
            Ok(())
        }
        None => super::print(&String::from_utf8_lossy(&bytes)),
    }
}

/// The format asked for, or the one the file name asks for: a workbook is written to a
/// `.xlsx` file only, and a `.xlsx` file holds only a workbook (Excel refuses anything else
/// with that name, or offers to "repair" it).
fn chosen_format(format: Option<Format>, output: Option<&Path>) -> Result<Format, Diagnostic> {
    let xlsx_file = output.filter(|path| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    });
    match (format, output, xlsx_file) {
        (None, _, Some(_)) => Ok(Format::Xlsx),
        (None, _, None) => Ok(Format::Table),
        (Some(Format::Xlsx), None, _) => Err(Diagnostic::file(
            "--format xlsx",
            "a workbook is a binary file and is not printed to the terminal; name the file to write with -o, e.g. `-o scores.xlsx`",
        )),
        (Some(Format::Xlsx), Some(path), None) => Err(Diagnostic::file(
            path,
            "a workbook's file name must end in .xlsx, or Excel will not open it; e.g. `-o scores.xlsx`",
        )),
        (Some(Format::Xlsx), _, Some(_)) => Ok(Format::Xlsx),
        (Some(_), _, Some(path)) => Err(Diagnostic::file(
            path,
            "ends in .xlsx, but this --format writes text, which Excel would not open; use --format xlsx (or leave out --format) for a workbook",
        )),
        (Some(format), _, None) => Ok(format),
    }
}
