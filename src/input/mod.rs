//! Reading and checking the user's files, each problem with its place.

pub mod answers;
pub mod assessment;
pub mod builtin;
pub mod cells;
pub mod check;
pub mod diagnostics;
pub mod files;
pub mod import;
pub mod norms;
pub mod questionnaire;
mod recommendations;
pub(crate) mod spreadsheet;
pub mod table;
mod targets;
pub mod themes;
