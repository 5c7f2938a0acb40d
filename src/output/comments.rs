//! The comments export of `centricity comments`: every comment, for reading in a
//! spreadsheet. Like the report, it never says who wrote a comment, nor from which group:
//! only the item and the perspective, sorted so that the order says nothing either.

use crate::input::cells::neutralise;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::model::questionnaire::Perspective;
use crate::output::scores::Delimiter;

/// The byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one.
pub const BOM: &str = "\u{feff}";

/// One comment: its item's position in the questionnaire (the NPS question after every
/// item), the perspective, the text.
pub type CommentRow = (usize, Perspective, String);

/// The comments as CSV, sorted by question, perspective and text; a cell a spreadsheet would
/// run as a formula gets a leading `'` ([`neutralise`]). UTF-8 with a byte order mark, so
/// that Excel reads the umlauts, and cells split by `delimiter` (`;` for German and Swiss
/// Excel).
pub fn comments_csv(
    assessment: &Assessment,
    mut rows: Vec<CommentRow>,
    delimiter: Delimiter,
) -> Result<Vec<u8>, Problems> {
    let q = &assessment.questionnaire;
    let language = assessment.language.code();
    let nps_id = q.nps.as_ref().map_or("nps", |n| n.id.as_str());
    rows.sort();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let _ = writer.write_record(["item", "perspective", "statement", "comment"]);
    for (order, perspective, text) in &rows {
        let (id, statement) = match q.items.get(*order) {
            Some(item) => (
                item.id.as_str(),
                item.text(*perspective).map_or("", |t| t.get(language)),
            ),
            None => (nps_id, ""),
        };
        for cell in [id, perspective.id(), statement, text.as_str()] {
            let _ = writer.write_field(neutralise(cell).as_bytes());
        }
        let _ = writer.write_record(None::<&[u8]>);
    }
    writer.into_inner().map_err(|e| {
        Diagnostic::file("<comments>", format!("cannot write the comments: {e}")).into()
    })
}
