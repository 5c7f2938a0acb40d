use std::path::Path;

use crate::diagnostics::{write_atomic, Problems};

pub fn run(
    dir: &Path,
    output: &Path,
    language: Option<&str>,
    templates: Option<&Path>,
) -> Result<(), Problems> {
    let templates = crate::report::Templates::load(templates)?;
    let (assessment, collected) = super::collect(dir)?;
    let language = language.unwrap_or(&assessment.language);
    let html = crate::report::render(&assessment, &collected, language, &templates)?;
    write_atomic(output, html.as_bytes())?;
    crate::diagnostics::note(&format!(
        "wrote {} ({} KB): {} self and {} customer respondents",
        output.display(),
        html.len().div_ceil(1024),
        collected.scores.respondents.self_view,
        collected.scores.respondents.customer
    ));
    Ok(())
}
