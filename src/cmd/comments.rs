//! `centricity comments`: every comment of an assessment, for reading in a spreadsheet.
//! The report shows a few per item; this has them all. Like the report, it never says who
//! wrote a comment, nor from which group: only the item and the perspective.

use std::path::Path;

use crate::answers;
use crate::assessment::Assessment;
use crate::diagnostics::{note, write_atomic, Diagnostic, Problems};

pub fn run(dir: &Path, output: Option<&Path>) -> Result<(), Problems> {
    let assessment = Assessment::load(dir)?;
    let q = &assessment.questionnaire;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(["item", "perspective", "statement", "comment"]);
    let language = &assessment.language;
    let nps_id = q.nps.as_ref().map_or("nps", |n| n.id.as_str());
    let mut count = 0usize;
    let (load, problems) = answers::load(&assessment.answers_dir, q, &mut |respondent| {
        for comment in &respondent.comments {
            let (id, statement) = match comment.item {
                Some(i) => {
                    let item = &q.items[i];
                    let text = item
                        .text(respondent.perspective)
                        .map_or("", |t| t.get(language));
                    (item.id.as_str(), text)
                }
                None => (nps_id, ""),
            };
            let _ =
                writer.write_record([id, respondent.perspective.id(), statement, &comment.text]);
            count += 1;
        }
    });
    for warning in &load.warnings {
        note(&format!("warning: {warning}"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
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
