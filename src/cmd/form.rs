use std::path::Path;

use super::note;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::language::Language;
use crate::model::questionnaire::Perspective;
use crate::output::write::{check_target, write_atomic};

pub fn run(
    dir: &Path,
    perspective: Perspective,
    language: Option<Language>,
    output: &Path,
) -> Result<(), Problems> {
    let is_html = matches!(
        output
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("html" | "htm")
    );
    if !is_html {
        return Err(Diagnostic::file(
            output,
            "a form is an .html file; choose a name ending in .html",
        )
        .into());
    }
    // Only an earlier form may be replaced: never answers, never anything else; and a pipe
    // or a device is never even opened to find out.
    check_target(output)?;
    if output.exists() {
        let earlier = std::fs::read_to_string(output).unwrap_or_default();
        if !earlier.contains("data-storage=\"centricity:") {
            return Err(Diagnostic::file(
                output,
                "already exists and is not a centricity form; choose another name",
            )
            .into());
        }
    }
    let assessment = super::load_assessment(dir)?;
    let language = language.unwrap_or(assessment.language);
    let html = crate::output::form::render(&assessment, perspective, language)?;
    write_atomic(output, html.as_bytes())?;
    note(&format!(
        "wrote {}: open it in any browser, offline; \"Save\" downloads the answer file for {}/answers/",
        output.display(),
        dir.display()
    ));
    Ok(())
}
