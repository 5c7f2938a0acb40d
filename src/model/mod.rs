//! The domain types: questionnaire, assessment, respondent. No files, no formatting.

pub mod assessment;
pub mod language;
pub mod norms;
pub mod questionnaire;
pub mod respondent;
pub mod themes;
