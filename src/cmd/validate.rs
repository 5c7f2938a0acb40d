use std::path::Path;

use crate::input::diagnostics::Problems;

pub fn run(dir: &Path) -> Result<(), Problems> {
    let (_, analysis) = super::collect(dir)?;
    let respondents = &analysis.scores.respondents;
    super::print(&format!(
        "{} files, {} respondents ({} self, {} customer), 0 problems\n",
        analysis.files,
        respondents.self_view + respondents.customer,
        respondents.self_view,
        respondents.customer
    ))
}
