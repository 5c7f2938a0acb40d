//! The scored result: the JSON document of `score --format json`, and what every other
//! output is made from.

use serde::Serialize;

use crate::analysis::drivers::{Drivers, Priority, Quadrant};
use crate::analysis::gaps::{Band, GapKind};
use crate::analysis::statistics::{self, Moments};
use crate::model::assessment::Targets;
use crate::model::questionnaire::{Perspective, Phase};

pub const SCHEMA: &str = "centricity.scores/1";

/// A value for each perspective. Serialised as `{"self": …, "customer": …}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Both<T> {
    #[serde(rename = "self")]
    pub self_view: T,
    pub customer: T,
}

impl<T> Both<T> {
    pub fn get(&self, perspective: Perspective) -> &T {
        match perspective {
            Perspective::SelfView => &self.self_view,
            Perspective::Customer => &self.customer,
        }
    }

    pub(crate) fn get_mut(&mut self, perspective: Perspective) -> &mut T {
        match perspective {
            Perspective::SelfView => &mut self.self_view,
            Perspective::Customer => &mut self.customer,
        }
    }

    pub(crate) fn from_fn(mut f: impl FnMut(Perspective) -> T) -> Both<T> {
        Both {
            self_view: f(Perspective::SelfView),
            customer: f(Perspective::Customer),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub schema: &'static str,
    pub questionnaire: QuestionnaireRef,
    pub assessment: AssessmentRef,
    pub respondents: Both<usize>,
    pub overall: Overall,
    pub dimensions: Vec<DimensionScores>,
    pub items: Vec<ItemScores>,
    /// `None` when the questionnaire has no NPS question.
    pub nps: Option<Both<Option<NpsScores>>>,
    /// Scores per group (department or segment); small groups pooled, see [`Group`].
    pub groups: Both<Vec<Group>>,
    /// Phase × dimension, in questionnaire order of dimensions and journey order of phases.
    pub journey: Vec<JourneyCell>,
    /// What drives the customers' NPS answer: `None` without an NPS question asked of
    /// customers, or below [`crate::analysis::drivers::MIN_CUSTOMERS`] customers with every
    /// dimension value and an NPS answer.
    pub drivers: Option<Drivers>,
    /// The items with a correlation and a customer score in the importance–performance
    /// matrix, in questionnaire order; `None` without drivers.
    pub priorities: Option<Vec<Priority>>,
    /// Customers with every dimension value and an NPS answer: not in the JSON (`drivers.n`
    /// has it), but the report says how many there were when too few.
    #[serde(skip)]
    pub driver_customers: u64,
    /// What the comments say: terms per dimension, detractors' and promoters' terms, the
    /// theme dictionary (see `analysis::themes`).
    pub themes: Both<CommentThemes>,
}

/// The reasons in one perspective's comments. Anonymity: nothing here comes from fewer
/// than `min_group_size` people; what would is `None` (the counts of comments stay).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CommentThemes {
    /// Per dimension, in questionnaire order: the comments on its items.
    pub dimensions: Vec<DimensionTerms>,
    /// Comments of respondents who gave the NPS question 0–6, and 9–10.
    pub detractor_comments: usize,
    pub promoter_comments: usize,
    /// The terms that set detractors' comments apart from promoters' (z > 1.96, at most
    /// eight, strongest first); `None` without enough of either, or without the NPS question.
    pub detractors: Option<Vec<TermZ>>,
    /// The same for promoters over detractors (their z, positive).
    pub promoters: Option<Vec<TermZ>>,
    /// The themes of `themes.toml`, in file order.
    pub dictionary: Vec<ThemeCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionTerms {
    pub id: String,
    pub comments: usize,
    /// The people who wrote them.
    pub respondents: usize,
    /// The most used terms (in at least two comments), most first.
    pub terms: Option<Vec<TermCount>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermCount {
    pub term: String,
    /// The comments that use it.
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermZ {
    pub term: String,
    pub z: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeCount {
    pub theme: String,
    /// The comments that name it; `None` when fewer than `min_group_size` people wrote them.
    pub comments: Option<usize>,
}

/// The name of the pool of groups smaller than `min_group_size`.
pub const OTHER: &str = "other";

/// A group's scores. Anonymity (SPEC §3): a group with fewer than `min_group_size`
/// respondents is never shown on its own; such groups are pooled into one entry named
/// [`OTHER`] (`pooled` says how many), and a pool or a cell that is still too small shows
/// no numbers at all, exactly like an empty one.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    /// `None` when suppressed.
    pub n: Option<usize>,
    /// For the pool: how many groups it holds; 0 for a group of its own.
    pub pooled: usize,
    /// For the pool: how many of them have fewer than `min_group_size` people (never named).
    pub pooled_small: usize,
    /// For the pool: the groups large enough to be shown that are pooled all the same, so
    /// that the few people outside the shown groups cannot be worked out from the whole.
    pub pooled_to_protect: Vec<String>,
    pub dimensions: Vec<GroupDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupDimension {
    pub id: String,
    pub n: Option<usize>,
    pub score: Option<f64>,
}

/// All answers to the items of one dimension in one phase of the customer journey.
#[derive(Debug, Clone, Serialize)]
pub struct JourneyCell {
    pub phase: Phase,
    pub dimension: String,
    /// `None` when the questionnaire has no item for this cell and perspective.
    #[serde(rename = "self")]
    pub self_view: Option<JourneyView>,
    pub customer: Option<JourneyView>,
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JourneyView {
    /// Answers (not respondents) in the cell.
    pub n: u64,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRef {
    pub client: String,
    pub wave: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    #[serde(rename = "self")]
    pub self_view: OverallView,
    pub customer: OverallView,
    pub gap: Option<f64>,
    pub band: Option<Band>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverallView {
    pub score: Option<f64>,
    /// 1-based position in the questionnaire's levels.
    pub level: Option<usize>,
    #[serde(flatten)]
    pub target: Target,
}

/// The score a view should reach (`[targets]` of `assessment.toml`) and how far it is: set on
/// the customer view only, `None` (JSON `null`) everywhere else, so the schema never changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Target {
    pub target: Option<f64>,
    /// score − target: negative while the score is below its target.
    pub to_target: Option<f64>,
}

impl Target {
    pub fn of(score: Option<f64>, target: Option<f64>) -> Target {
        Target {
            target,
            to_target: score.zip(target).map(|(s, t)| s - t),
        }
    }

    /// The score is at or above its target.
    pub fn reached(&self) -> Option<bool> {
        self.to_target.map(|d| d >= 0.0)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionScores {
    pub id: String,
    #[serde(rename = "self")]
    pub self_view: DimensionView,
    pub customer: DimensionView,
    pub gap: Option<f64>,
    pub band: Option<Band>,
    #[serde(flatten)]
    pub test: GapTest,
}

/// Is a gap more than noise? Welch's test and the effect size, self-view against customers.
#[derive(Debug, Clone, Serialize)]
pub struct GapTest {
    pub p_value: Option<f64>,
    pub hedges_g: Option<f64>,
    /// p < 0.05 and both sides have at least `min_group_size` respondents.
    pub significant: bool,
}

impl GapTest {
    /// No test: for the overall gap, which is not a mean of respondents.
    pub fn none() -> GapTest {
        GapTest {
            p_value: None,
            hedges_g: None,
            significant: false,
        }
    }

    pub(crate) fn of(self_view: &Moments, customer: &Moments, min_group_size: usize) -> GapTest {
        let p_value = statistics::welch_p(self_view, customer);
        let enough = self_view.n.min(customer.n) >= min_group_size as u64;
        GapTest {
            p_value,
            hedges_g: statistics::hedges_g(self_view, customer),
            significant: enough && p_value.is_some_and(|p| p < 0.05),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
    /// Respondents who answered at least half of the dimension's items.
    pub n: usize,
    pub mean: Option<f64>,
    pub score: Option<f64>,
    /// Sample standard deviation of the respondents' values, on the 0–100 scale.
    pub sd: Option<f64>,
    /// 95 % confidence interval of the score.
    pub ci95: Option<[f64; 2]>,
    /// Cronbach's alpha of the dimension's items for this perspective.
    pub alpha: Option<f64>,
    pub level: Option<usize>,
    #[serde(flatten)]
    pub target: Target,
}

impl DimensionView {
    /// The 95 % interval reaches the target while the score itself is still below it: the
    /// target may already be met, the sample cannot tell.
    pub fn interval_reaches_target(&self) -> bool {
        match (self.ci95, self.target.target, self.target.reached()) {
            (Some([_, high]), Some(target), Some(false)) => high >= target,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemScores {
    pub id: String,
    pub dimension: String,
    pub phase: Phase,
    /// `None` for a perspective the item is not asked of.
    #[serde(rename = "self")]
    pub self_view: Option<ItemView>,
    pub customer: Option<ItemView>,
    pub gap: Option<f64>,
    pub band: Option<Band>,
    #[serde(flatten)]
    pub test: GapTest,
}

impl ItemScores {
    pub fn view(&self, perspective: Perspective) -> Option<&ItemView> {
        match perspective {
            Perspective::SelfView => self.self_view.as_ref(),
            Perspective::Customer => self.customer.as_ref(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub n: u64,
    pub na: u64,
    pub missing: u64,
    pub mean: Option<f64>,
    pub score: Option<f64>,
    /// Sample standard deviation on the 0–100 scale.
    pub sd: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// How many gave each raw answer, from the scale's min to its max.
    pub counts: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NpsScores {
    pub n: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub score: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// How many answered each of 0, 1, …, 10.
    pub counts: [u64; 11],
}

impl Scores {
    /// Sets the targets on the customer views (see [`Target`]).
    pub fn set_targets(&mut self, targets: &Targets) {
        let overall = &mut self.overall.customer;
        overall.target = Target::of(overall.score, targets.overall);
        for d in &mut self.dimensions {
            d.customer.target = Target::of(d.customer.score, targets.dimension(&d.id));
        }
    }

    /// Indexes of the items where the company sees itself clearly better than its customers
    /// do (a [`GapKind::BlindSpot`]: outside the aligned band), largest gap first.
    pub fn blind_spots(&self) -> Vec<usize> {
        self.ranked(GapKind::BlindSpot)
    }

    /// Indexes of the items where customers rate the company clearly better than it rates
    /// itself (a [`GapKind::HiddenStrength`]: outside the aligned band), largest first.
    pub fn hidden_strengths(&self) -> Vec<usize> {
        self.ranked(GapKind::HiddenStrength)
    }

    /// What to fix first: the items of the "concentrate here" quadrant, by importance ×
    /// (100 − performance), the most urgent first (indexes into `priorities`).
    pub fn fix_first(&self) -> Vec<usize> {
        let Some(priorities) = &self.priorities else {
            return Vec::new();
        };
        let mut urgent: Vec<(usize, f64)> = priorities
            .iter()
            .enumerate()
            .filter(|(_, p)| p.quadrant == Quadrant::Concentrate)
            .map(|(i, p)| (i, p.importance * (100.0 - p.performance)))
            .collect();
        urgent.sort_by(|a, b| b.1.total_cmp(&a.1));
        urgent.into_iter().map(|(i, _)| i).collect()
    }

    /// The items whose gap is of `kind`, largest first; ties in questionnaire order.
    fn ranked(&self, kind: GapKind) -> Vec<usize> {
        let mut items: Vec<(usize, f64)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| item.gap.map(|g| (i, g)))
            .filter(|(_, g)| GapKind::of(*g) == kind)
            .map(|(i, g)| (i, g.abs()))
            .collect();
        items.sort_by(|a, b| b.1.total_cmp(&a.1));
        items.into_iter().map(|(i, _)| i).collect()
    }
}
