//! The questionnaire: dimensions, items, scale, maturity levels and the NPS question, as
//! the rest of the program uses them. Reading and checking the file is
//! the input layer's `questionnaire` module.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A text in every language of the questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `language`; validation guarantees every listed language is there.
    pub fn get(&self, language: &str) -> &str {
        self.0.get(language).map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Discover,
    Buy,
    Use,
    Support,
    After,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Discover,
        Phase::Buy,
        Phase::Use,
        Phase::Support,
        Phase::After,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Phase::Discover => "discover",
            Phase::Buy => "buy",
            Phase::Use => "use",
            Phase::Support => "support",
            Phase::After => "after",
        }
    }
}

/// Who answers: the company about itself, or its customers about the company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Perspective {
    #[serde(rename = "self")]
    SelfView,
    #[serde(rename = "customer")]
    Customer,
}

impl Perspective {
    pub const BOTH: [Perspective; 2] = [Perspective::SelfView, Perspective::Customer];

    pub fn id(self) -> &'static str {
        match self {
            Perspective::SelfView => "self",
            Perspective::Customer => "customer",
        }
    }

    pub fn parse(value: &str) -> Option<Perspective> {
        match value {
            "self" => Some(Perspective::SelfView),
            "customer" => Some(Perspective::Customer),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    /// The major version: answer files must name the same one.
    pub major: u64,
    pub languages: Vec<String>,
    pub title: Text,
    pub scale: Scale,
    pub levels: Vec<Level>,
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    pub nps: Option<Nps>,
    /// Where it came from, for messages: a path, or the built-in file name.
    #[serde(skip)]
    pub origin: PathBuf,
    /// Item id → index in `items`: a look-up per answer, never a scan.
    #[serde(skip)]
    pub item_ids: HashMap<String, usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    /// One label per step min..=max, per language.
    pub labels: BTreeMap<String, Vec<String>>,
    pub allow_na: bool,
}

impl Scale {
    pub fn steps(&self) -> usize {
        (self.max - self.min + 1) as usize
    }

    /// The middle of the scale.
    pub fn centre(&self) -> f64 {
        (self.min + self.max) as f64 / 2.0
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub min_score: f64,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    pub id: String,
    pub weight: f64,
    pub name: Text,
    pub description: Text,
    /// One per level, in level order.
    pub recommendations: Vec<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    /// Index into [`Questionnaire::dimensions`].
    pub dimension: usize,
    pub phase: Phase,
    pub weight: f64,
    pub reverse: bool,
    #[serde(rename = "self")]
    pub self_text: Option<Text>,
    pub customer: Option<Text>,
    pub help: Option<Text>,
}

impl Item {
    /// The wording for a perspective; `None` when the item is not asked of it.
    pub fn text(&self, perspective: Perspective) -> Option<&Text> {
        match perspective {
            Perspective::SelfView => self.self_text.as_ref(),
            Perspective::Customer => self.customer.as_ref(),
        }
    }

    pub fn is_asked(&self, perspective: Perspective) -> bool {
        self.text(perspective).is_some()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Nps {
    pub id: String,
    #[serde(rename = "self")]
    pub self_text: Option<Text>,
    pub customer: Option<Text>,
}

impl Nps {
    /// The wording for a perspective; `None` when the question is not asked of it.
    pub fn text(&self, perspective: Perspective) -> Option<&Text> {
        match perspective {
            Perspective::SelfView => self.self_text.as_ref(),
            Perspective::Customer => self.customer.as_ref(),
        }
    }

    pub fn is_asked(&self, perspective: Perspective) -> bool {
        self.text(perspective).is_some()
    }
}

impl Questionnaire {
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.item_ids.get(id).copied()
    }

    /// Per dimension, the indexes of its items asked of a perspective, in questionnaire
    /// order: one pass over the items, however many dimensions there are.
    pub fn items_by_dimension(&self, perspective: Option<Perspective>) -> Vec<Vec<usize>> {
        let mut by_dimension = vec![Vec::new(); self.dimensions.len()];
        for (i, item) in self.items.iter().enumerate() {
            if perspective.is_none_or(|p| item.is_asked(p)) {
                by_dimension[item.dimension].push(i);
            }
        }
        by_dimension
    }

    /// The 1-based level reached by a score on the 0–100 scale: the last level (in file
    /// order, which validation keeps ascending) whose `min_score` is at most the score.
    pub fn level_of(&self, score: f64) -> Option<usize> {
        self.levels
            .iter()
            .rposition(|level| reaches(score, level.min_score))
            .map(|i| i + 1)
    }
}

/// Whether a computed value reaches a threshold. Means are sums of many divided values,
/// so a score that is exactly 55 on paper may come out as 54.99999999999999; a tolerance far
/// below any displayed digit keeps it on the right side of the threshold.
pub fn reaches(value: f64, threshold: f64) -> bool {
    value >= threshold - 1e-9
}

/// Ids of items and dimensions: lower-case letters, digits, `.`, `_` and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// The major version of a `MAJOR.MINOR.PATCH` version string.
pub fn major_version(version: &str) -> Option<u64> {
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let rest: Vec<&str> = parts.collect();
    (rest.len() == 2 && rest.iter().all(|p| p.parse::<u64>().is_ok())).then_some(major)
}
