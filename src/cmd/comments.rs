//! `centricity comments`: every comment of an assessment, for reading in a spreadsheet.

use std::path::Path;

use super::note;
use crate::input::answers;
use crate::input::diagnostics::Problems;
use crate::output::comments::{comments_csv, CommentRow};
use crate::output::scores::Delimiter;
use crate::output::write::{check_target, write_atomic};

use super::inputs::Inputs;

pub fn run(dir: &Path, output: Option<&Path>, delimiter: Delimiter) -> Result<(), Problems> {
    if let Some(path) = output {
        // a regular file, and not one the export reads: a table in the answers folder
        // would be read as answers next time
        check_target(path)?;
        Inputs::default().assessment(dir).refuse(path)?;
    }
    let assessment = super::load_assessment(dir)?;
    let q = &assessment.questionnaire;
    let mut rows: Vec<CommentRow> = Vec::new();
    let (load, problems) = answers::load(&assessment.answers_dir, q, &mut |respondent| {
        for comment in &respondent.comments {
            let order = comment.item.unwrap_or(q.items.len());
            rows.push((order, respondent.perspective, comment.text.clone()));
        }
    });
    super::warn(&load.warnings);
    if !problems.is_empty() {
        return Err(problems);
    }
    let count = rows.len();
    let bytes = comments_csv(&assessment, rows, delimiter)?;
    match output {
        Some(path) => {
            write_atomic(path, &bytes)?;
            note(&format!("wrote {}: {count} comments", path.display()));
            Ok(())
        }
        None => super::print(&String::from_utf8_lossy(&bytes)),
    }
}
