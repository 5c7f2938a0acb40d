//! `centricity comments`: every comment of an assessment, for reading in a spreadsheet.
//! The report shows a few per item; this has them all. Like the report, it never says who
//! wrote a comment, nor from which group: only the item and the perspective.

use std::path::Path;

use super::note;
use crate::input::answers;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::output::write::write_atomic;

pub fn run(dir: &Path, output: Option<&Path>) -> Result<(), Problems> {
    let assessment = Assessment::load(dir)?;
    let q = &assessment.questionnaire;
    let language = assessment.language.code();
    let nps_id = q.nps.as_ref().map_or("nps", |n| n.id.as_str());
    // (question order, perspective, text): sorted before writing, so that the order says
    // nothing about who wrote what, nor from which department
    let mut rows: Vec<(usize, crate::model::questionnaire::Perspective, String)> = Vec::new();
    let (load, problems) = answers::load(&assessment.answers_dir, q, &mut |respondent| {
        for comment in &respondent.comments {
            let order = comment.item.unwrap_or(q.items.len());
            rows.push((order, respondent.perspective, comment.text.clone()));
        }
    });
    for warning in &load.warnings {
        note(&format!("warning: {warning}"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    rows.sort();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(["item", "perspective", "statement", "comment"]);
    for (order, perspective, text) in &rows {
        let (id, statement) = match q.items.get(*order) {
            Some(item) => (
                item.id.as_str(),
                item.text(*perspective).map_or("", |t| t.get(language)),
            ),
            None => (nps_id, ""),
        };
        let _ = writer.write_record([id, perspective.id(), statement, text.as_str()]);
    }
    let count = rows.len();
    let bytes = writer
        .into_inner()
        .map_err(|e| Diagnostic::file("<comments>", format!("cannot write the comments: {e}")))?;
    match output {
        Some(path) => {
            write_atomic(path, &bytes)?;
            note(&format!("wrote {}: {count} comments", path.display()));
            Ok(())
        }
        None => super::print(&String::from_utf8_lossy(&bytes)),
    }
}
