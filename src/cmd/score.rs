use std::path::Path;

use crate::input::diagnostics::Problems;
use crate::output::scores::{exporter, Delimiter, Format};

pub fn run(dir: &Path, format: Format, delimiter: Delimiter) -> Result<(), Problems> {
    let (assessment, analysis) = super::collect(dir)?;
    let bytes = exporter(format, delimiter).export(&assessment, &analysis)?;
    super::print(&String::from_utf8_lossy(&bytes))
}
