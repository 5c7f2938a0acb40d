//! Norms across a consultant's portfolio: how the scores of many assessments of one
//! questionnaire are spread, as `centricity norms` writes them and `report --norms` reads
//! them (schema `centricity.norms/1`, described in the README).
//!
//! Anonymity: a norms file holds only statistics over assessments, the questionnaire's id,
//! major version and scoring, the date range of the waves and the filters. No client, wave
//! label, folder name, respondent, group or comment is in it, and no statistic of fewer than
//! [`MIN_ASSESSMENTS`] assessments (such a quantity is `null` and listed in `left_out`).

use serde::{Deserialize, Serialize};

use crate::model::assessment::Date;

pub const SCHEMA: &str = "centricity.norms/1";

/// The fewest assessments a norm is computed from: below this a quartile says more about
/// one client than about a portfolio.
pub const MIN_ASSESSMENTS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norms {
    pub schema: String,
    pub questionnaire: NormsQuestionnaire,
    /// The assessments the norms are made of (after the filters).
    pub assessments: usize,
    pub waves: Waves,
    pub filters: Filters,
    pub excluded: Excluded,
    pub overall: Views,
    pub dimensions: Vec<DimensionNorms>,
    pub items: Vec<ItemNorms>,
    /// `None` when the questionnaire has no NPS question.
    pub nps: Option<NpsNorms>,
    /// The quantities with fewer than [`MIN_ASSESSMENTS`] values, in the order above.
    pub left_out: Vec<LeftOut>,
}

/// The questionnaire and what decides its scores, so that a report compares only what
/// was scored the same way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormsQuestionnaire {
    pub id: String,
    pub major: u64,
    pub scale: ScaleRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleRange {
    pub min: i64,
    pub max: i64,
}

/// The earliest and the latest `date` of the assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waves {
    pub from: Date,
    pub to: Date,
}

/// `--industry` and `--size` as given; `None` when not filtered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filters {
    pub industry: Option<String>,
    pub size: Option<String>,
}

/// Assessments found but not in the norms, counted by reason (never named: a folder's name
/// is often the client's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excluded {
    /// Their files have problems (`centricity validate` lists them).
    pub invalid: usize,
    /// Another industry than `--industry`, or none.
    pub industry: usize,
    /// Another size than `--size`, or none.
    pub size: usize,
}

/// How one quantity is spread over the assessments, each weighted equally. Quantiles are
/// Hyndman & Fan's type 7 (R's default, numpy's `linear`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    /// Assessments with a value.
    pub n: usize,
    pub mean: f64,
    /// The 25th, 50th and 75th percentiles.
    pub quartiles: [f64; 3],
    /// The 10th, 20th, …, 90th percentiles.
    pub deciles: [f64; 9],
}

/// A score's norms per view, and of the gap (self − customer).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Views {
    #[serde(rename = "self")]
    pub self_view: Option<Norm>,
    pub customer: Option<Norm>,
    pub gap: Option<Norm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionNorms {
    pub id: String,
    /// The dimension's weight in the overall score.
    pub weight: f64,
    #[serde(rename = "self")]
    pub self_view: Option<Norm>,
    pub customer: Option<Norm>,
    pub gap: Option<Norm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemNorms {
    pub id: String,
    pub dimension: String,
    pub reverse: bool,
    pub weight: f64,
    #[serde(rename = "self")]
    pub self_view: Option<Norm>,
    pub customer: Option<Norm>,
    pub gap: Option<Norm>,
}

/// The NPS per view (−100 to 100).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpsNorms {
    #[serde(rename = "self")]
    pub self_view: Option<Norm>,
    pub customer: Option<Norm>,
}

/// A quantity not written: fewer than [`MIN_ASSESSMENTS`] assessments had a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftOut {
    /// `overall`, `dimension`, `item` or `nps`.
    pub part: String,
    /// The dimension's or item's id; `None` for the overall score and the NPS.
    pub id: Option<String>,
    /// `self`, `customer` or `gap`.
    pub view: String,
    /// The assessments that had a value.
    pub n: usize,
}
