//! What centricity writes: the report, the score exports, the form, the blank answer file,
//! the answer table of an import, the PDF.

pub mod answer_table;
pub mod form;
pub mod locale;
pub mod markdown;
pub mod pdf;
pub mod report;
pub mod templates;
pub mod write;
