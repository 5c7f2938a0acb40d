//! `centricity template`: a blank answer file a person fills with numbers.

use std::path::Path;

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::language::Language;
use crate::model::questionnaire::Perspective;
use crate::output::template::blank_answer_file;
use crate::output::write::{check_target, write_atomic};

pub fn run(
    dir: &Path,
    perspective: Perspective,
    language: Option<Language>,
    output: Option<&Path>,
) -> Result<(), Problems> {
    if let Some(path) = output {
        check_target(path)?;
    }
    let assessment = super::load_assessment(dir)?;
    let language = language.unwrap_or(assessment.language);
    let text = blank_answer_file(&assessment, perspective, language)?;
    match output {
        None => super::print(&text),
        Some(path) if path.exists() => Err(Diagnostic::file(
            path,
            "already exists; `template` never overwrites a file (it may hold answers)",
        )
        .into()),
        Some(path) => write_atomic(path, text.as_bytes()).map_err(Problems::from),
    }
}
