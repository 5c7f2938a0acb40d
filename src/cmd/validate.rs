use std::path::Path;

use crate::assessment::Assessment;
use crate::diagnostics::Problems;

pub fn run(dir: &Path) -> Result<(), Problems> {
    let assessment = Assessment::load(dir)?;
    let collected = super::collect(&assessment)?;
    super::warn_skipped(&collected.load.skipped);
    let respondents = &collected.scores.respondents;
    super::print(&format!(
        "{} files, {} respondents ({} self, {} customer), 0 problems\n",
        collected.load.files,
        collected.load.respondents,
        respondents.self_view,
        respondents.customer
    ))
}
