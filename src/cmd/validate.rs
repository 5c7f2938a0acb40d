use std::path::Path;

use crate::diagnostics::Problems;

pub fn run(dir: &Path) -> Result<(), Problems> {
    let (_, collected) = super::collect(dir)?;
    let respondents = &collected.scores.respondents;
    super::print(&format!(
        "{} files, {} respondents ({} self, {} customer), 0 problems\n",
        collected.load.files,
        collected.load.respondents,
        respondents.self_view,
        respondents.customer
    ))
}
