//! The gap between the self-view and the customers' view, and what it is called: one rule,
//! used by every output.

use serde::Serialize;

use crate::model::questionnaire::reaches;

/// How large a gap is, on the 0–100 scale (12.5 points = half a step on a 1–5 scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Aligned,
    Moderate,
    High,
    Severe,
}

impl Band {
    pub fn of(gap: f64) -> Band {
        let g = gap.abs();
        if !reaches(g, 12.5) {
            Band::Aligned
        } else if !reaches(g, 25.0) {
            Band::Moderate
        } else if !reaches(g, 37.5) {
            Band::High
        } else {
            Band::Severe
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Band::Aligned => "aligned",
            Band::Moderate => "moderate",
            Band::High => "high",
            Band::Severe => "severe",
        }
    }
}

/// Gap = self score − customer score; positive is a blind spot, negative a hidden strength.
/// `None` where either side has no score.
pub fn gap(self_score: Option<f64>, customer_score: Option<f64>) -> Option<f64> {
    Some(self_score? - customer_score?)
}
