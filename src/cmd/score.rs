use std::path::Path;

use crate::input::diagnostics::Problems;
use crate::model::language::Language;
use crate::output::scores::{exporter, Delimiter, Format};

pub fn run(
    dir: &Path,
    format: Format,
    delimiter: Delimiter,
    language: Option<Language>,
) -> Result<(), Problems> {
    let (assessment, analysis) = super::collect(dir)?;
    let language = language.unwrap_or(assessment.language);
    let bytes = exporter(format, delimiter, language).export(&assessment, &analysis)?;
    super::print(&String::from_utf8_lossy(&bytes))
}
