//! The score exports behind one trait, as hyperfine's exporters: each format is one file
//! that implements [`Exporter`], registered in [`exporter`].

mod csv;
mod json;
mod table;
mod xlsx;

use crate::analysis::Analysis;
use crate::input::diagnostics::Problems;
use crate::model::assessment::Assessment;
use crate::model::language::Language;

/// Writes an assessment's analysis in one format.
pub trait Exporter {
    fn export(&self, assessment: &Assessment, analysis: &Analysis) -> Result<Vec<u8>, Problems>;
}

/// The formats of `score --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    /// An Excel workbook: binary, written to a file only.
    Xlsx,
}

/// Between the cells of a written table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    /// German and Swiss Excel: numbers then get a decimal comma.
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// The decimal separator that goes with it: a comma where cells are split by `;`.
    pub fn decimal_separator(self) -> &'static str {
        match self {
            Delimiter::Semicolon => ",",
            Delimiter::Comma | Delimiter::Tab => ".",
        }
    }
}

/// The exporter of a format. A new format is a file beside this one and a line here.
/// `language` is the table's and the workbook's words; JSON and CSV keys are always English (a contract).
pub fn exporter(format: Format, delimiter: Delimiter, language: Language) -> Box<dyn Exporter> {
    match format {
        Format::Table => Box::new(table::Table { language }),
        Format::Json => Box::new(json::Json),
        Format::Csv => Box::new(csv::Csv { delimiter }),
        Format::Xlsx => Box::new(xlsx::Xlsx { language }),
    }
}
