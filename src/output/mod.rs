//! What centricity writes: the report, the score exports, the form, the blank answer file,
//! the comments, the answer table of an import, the PDF.

pub mod answer_table;
pub mod comments;
pub mod form;
pub mod locale;
pub mod mapping;
pub mod markdown;
pub mod norms;
pub mod number;
pub mod pdf;
pub mod report;
pub mod scores;
pub mod slides;
pub mod template;
pub mod templates;
pub mod write;
