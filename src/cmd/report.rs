use std::path::Path;

use crate::assessment::Assessment;
use crate::diagnostics::{write_atomic, Problems};

pub fn run(dir: &Path, output: &Path, language: Option<&str>) -> Result<(), Problems> {
    let assessment = Assessment::load(dir)?;
    let collected = super::collect(&assessment)?;
    super::warn_skipped(&collected.load.skipped);
    let language = language.unwrap_or(&assessment.language);
    let html = crate::report::render(&assessment, &collected, language)?;
    write_atomic(output, html.as_bytes())?;
    eprintln!(
        "wrote {} ({} KB): {} self and {} customer respondents",
        output.display(),
        html.len().div_ceil(1024),
        collected.scores.respondents.self_view,
        collected.scores.respondents.customer
    );
    Ok(())
}
