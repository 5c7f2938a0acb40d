//! centricity: a company's self-view of its customer-centricity beside its customers' view.
//!
//! The pipeline, one module a step: [`questionnaire`] and [`assessment`] and [`answers`]
//! load and validate, [`scoring`] computes, [`report`] renders, [`diagnostics`] writes.

pub mod answers;
pub mod assessment;
pub mod cli;
pub mod cmd;
pub mod diagnostics;
pub mod form;
pub mod import;
pub mod markdown;
pub mod pdf;
pub mod questionnaire;
pub mod report;
pub mod scoring;
pub mod statistics;
