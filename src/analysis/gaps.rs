//! The gap between the self-view and the customers' view, and what it is called: one rule,
//! used by every output.

use serde::Serialize;

use crate::model::questionnaire::reaches;

/// Within this many points (on the 0–100 scale) either way, the two views count as aligned:
/// 12.5 points are half a step on a 1–5 scale.
pub const ALIGNED: f64 = 12.5;

/// How large a gap is, on the 0–100 scale: aligned below [`ALIGNED`], then a band every
/// [`ALIGNED`] points.
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
        if !reaches(g, ALIGNED) {
            Band::Aligned
        } else if !reaches(g, 2.0 * ALIGNED) {
            Band::Moderate
        } else if !reaches(g, 3.0 * ALIGNED) {
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

/// What a gap means: outside the aligned band, a positive gap is a blind spot (the company
/// sees itself better than its customers experience it), a negative one a hidden strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    Aligned,
    BlindSpot,
    HiddenStrength,
}

impl GapKind {
    pub fn of(gap: f64) -> GapKind {
        match Band::of(gap) {
            Band::Aligned => GapKind::Aligned,
            _ if gap > 0.0 => GapKind::BlindSpot,
            _ => GapKind::HiddenStrength,
        }
    }

    /// The class the report's charts and tables use.
    pub fn id(self) -> &'static str {
        match self {
            GapKind::Aligned => "aligned",
            GapKind::BlindSpot => "blind",
            GapKind::HiddenStrength => "hidden",
        }
    }
}

/// Gap = self score − customer score; positive is a blind spot, negative a hidden strength.
/// `None` where either side has no score.
pub fn gap(self_score: Option<f64>, customer_score: Option<f64>) -> Option<f64> {
    Some(self_score? - customer_score?)
}
