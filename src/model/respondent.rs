//! A respondent and their answers, as read from any answer file.

use crate::model::questionnaire::Perspective;

/// One answer that is there: a value on the scale, or "not applicable / don't know".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Value(i64),
    NotApplicable,
}

/// A comment a respondent left on an item, or on the NPS question (`item: None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub item: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Respondent {
    pub id: String,
    pub perspective: Perspective,
    /// Department or level (self), segment (customer).
    pub group: Option<String>,
    pub language: Option<String>,
    /// One entry per questionnaire item; `None` = left out.
    pub answers: Vec<Option<Answer>>,
    pub nps: Option<Answer>,
    pub comments: Vec<Comment>,
}
