use std::path::Path;

use crate::assessment::Assessment;
use crate::diagnostics::{note, write_atomic, Problems};
use crate::questionnaire::Perspective;

pub fn run(
    dir: &Path,
    perspective: Perspective,
    language: Option<&str>,
    output: &Path,
) -> Result<(), Problems> {
    let assessment = Assessment::load(dir)?;
    let language = language.unwrap_or(&assessment.language);
    let html = crate::form::render(&assessment, perspective, language)?;
    write_atomic(output, html.as_bytes())?;
    note(&format!(
        "wrote {}: open it in any browser, offline; \"Save\" downloads the answer file for {}/answers/",
        output.display(),
        dir.display()
    ));
    Ok(())
}
