//! An assessment: one client, one wave, its questionnaire and where its answers are.
//! Reading `assessment.toml` is the input layer's.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;

/// A calendar date, as TOML and CSV files write it (`2026-11-15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text[0..4].parse().ok()?;
        let month = text[5..7].parse().ok()?;
        let day = text[8..10].parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// A TOML date; a date with a time or an offset is not a date.
    pub fn from_toml(value: &toml::value::Datetime) -> Option<Date> {
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => Date::new(d.year, d.month, d.day),
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date like 2026-11-15 (a day that exists)"
            ))
        })
    }
}

/// An image for the cover, kept as bytes to embed as a data URI.
#[derive(Debug, Clone)]
pub struct Logo {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub dir: PathBuf,
    pub client: String,
    pub wave: String,
    pub date: Date,
    pub consultant: Option<String>,
    /// The report's language.
    pub language: Language,
    pub questionnaire: Questionnaire,
    pub answers_dir: PathBuf,
    /// The consultant's narrative, Markdown, per report language; the key `*` holds one for
    /// every language.
    pub summary: BTreeMap<String, String>,
    pub min_group_size: usize,
    pub logo: Option<Logo>,
    /// The consultant's own recommendation texts, over the questionnaire's.
    pub recommendations: Recommendations,
    /// `#rrggbb`, validated: it goes into the report's CSS.
    pub accent: Option<String>,
    /// The theme dictionary (`themes.toml`), in file order; empty without one.
    pub themes: Vec<crate::model::themes::Theme>,
    /// `[targets]`: the customer-view scores the client aims for.
    pub targets: Targets,
    /// The client's industry and size, free text: `centricity norms --industry`/`--size`
    /// compare like with like. `None` when not given.
    pub industry: Option<String>,
    pub size: Option<String>,
}

/// The scores (0–100) the customer view should reach: overall and per dimension id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    pub overall: Option<f64>,
    pub dimensions: BTreeMap<String, f64>,
}

impl Targets {
    pub fn dimension(&self, id: &str) -> Option<f64> {
        self.dimensions.get(id).copied()
    }
}

/// Per dimension id and level (1-based): a text per language code, `*` for every language.
pub type Recommendations = BTreeMap<(String, usize), BTreeMap<String, String>>;

impl Assessment {
    /// The consultant's recommendation for a dimension at a level, if they wrote one.
    pub fn recommendation(
        &self,
        dimension: &str,
        level: usize,
        language: Language,
    ) -> Option<&str> {
        let texts = self.recommendations.get(&(dimension.to_string(), level))?;
        texts
            .get(language.code())
            .or_else(|| texts.get("*"))
            .map(String::as_str)
    }

    /// The consultant's narrative for a report language, if there is one.
    pub fn summary_for(&self, language: Language) -> Option<&str> {
        self.summary
            .get(language.code())
            .or_else(|| self.summary.get("*"))
            .map(String::as_str)
            .filter(|text| !text.trim().is_empty())
    }
}
