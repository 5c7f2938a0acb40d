//! The report as the templates see it: every number already a string in the report's
//! language, every chart already an SVG.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Serialize)]
pub struct ReportView {
    pub lang: String,
    /// The report's own words (`templates/locale/*.toml`).
    pub t: BTreeMap<String, String>,
    /// The brand colour for lines and fills: at least 3:1 against white.
    pub accent: String,
    /// The brand colour for text and under white text: at least 4.5:1 against white.
    pub accent_text: String,
    pub cover: Cover,
    pub summary: Summary,
    pub views: Views,
    /// Key drivers of the NPS answer and the priority matrix.
    pub drivers: DriversView,
    pub dimensions: Vec<DimensionSection>,
    pub nps: Option<NpsSection>,
    /// What the comments say; `None` when no comment was written.
    pub themes: Option<ThemesSection>,
    pub journey: Journey,
    pub inside: Vec<GroupTable>,
    /// With `--baseline`: this wave against the earlier one.
    pub trend: Option<TrendView>,
    /// With `--norms`: where the client stands among the consultant's portfolio.
    pub norms: Option<super::norms::NormsView>,
    pub method: Method,
    /// The footnote for a significant gap's asterisk.
    pub significance_note: String,
    /// The answer scale's steps with their chart classes, for the distributions' legend.
    pub scale: Vec<ScaleStep>,
}

#[derive(Serialize)]
pub struct ScaleStep {
    pub label: String,
    pub class: String,
}

#[derive(Serialize)]
pub struct TrendView {
    pub before: String,
    pub now: String,
    pub overall: TrendRow,
    pub rows: Vec<TrendRow>,
    /// Empty when no dimension has a change of the customer view.
    pub chart_svg: String,
    /// What cannot be compared, and why (e.g. the earlier wave has no customer answers).
    pub notes: Vec<String>,
    /// The items whose customer score moved most.
    pub movers: Vec<Mover>,
    /// The customer view's way toward its targets (`[targets]`): overall, then dimensions.
    pub progress: Vec<ProgressText>,
}

/// A target of the customer view as the report writes it.
#[derive(Serialize)]
pub struct TargetText {
    /// `65`
    pub value: String,
    /// "Ziel 65 · noch 7,3 Punkte", "Ziel 65 · erreicht (+3,1)"
    pub text: String,
    pub reached: bool,
    /// "Das 95-%-Intervall reicht bis zum Ziel.", or empty.
    pub interval_note: String,
}

/// Before → now → target, and how much of the distance was closed.
#[derive(Serialize)]
pub struct ProgressText {
    pub name: String,
    pub before: String,
    pub now: String,
    pub target: String,
    /// "40 % des Abstands geschlossen", "Ziel erreicht", …
    pub text: String,
    /// `up`, `down`, `reached` or `none`: for styling.
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct TrendRow {
    pub name: String,
    pub customer: ChangeText,
    #[serde(rename = "self")]
    pub self_view: ChangeText,
}

/// A change as the report writes it: `before`, `now`, `change` (signed) and `ci`.
#[derive(Serialize)]
pub struct ChangeText {
    pub before: String,
    pub now: String,
    pub change: String,
    pub ci: String,
    pub significant: bool,
    /// `up`, `down` or `none`: for styling.
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct Mover {
    pub text: String,
    pub dimension: String,
    pub customer: ChangeText,
}

#[derive(Serialize)]
pub struct Journey {
    /// Phase names, in journey order.
    pub phases: Vec<String>,
    pub rows: Vec<JourneyRow>,
}

#[derive(Serialize)]
pub struct JourneyRow {
    pub dimension: String,
    pub cells: Vec<JourneyCellView>,
}

/// A cell of the heat maps; empty strings where the cell has no value.
#[derive(Serialize)]
pub struct JourneyCellView {
    pub self_score: String,
    pub self_n: String,
    /// `heat-0` … `heat-9`, or `empty`.
    pub self_heat: String,
    pub customer_score: String,
    pub customer_n: String,
    pub customer_heat: String,
    pub gap: String,
    pub gap_kind: &'static str,
}

#[derive(Serialize)]
pub struct GroupTable {
    pub perspective: &'static str,
    pub title: String,
    pub dimensions: Vec<String>,
    pub rows: Vec<GroupRow>,
    /// The whole perspective, and for the self-view the customers beside it.
    pub totals: Vec<GroupRow>,
    /// Per dimension: highest minus lowest shown group score.
    pub spread: Vec<String>,
    pub note: String,
    /// When not every group fits: how many more there are, and where they all are.
    pub more: String,
    /// What "other" holds and why: how many groups were below the minimum (never named),
    /// and which larger ones were pooled to protect the rest.
    pub pooling: Vec<String>,
}

#[derive(Serialize)]
pub struct GroupRow {
    pub name: String,
    pub n: String,
    pub scores: Vec<String>,
}

#[derive(Serialize)]
pub struct Cover {
    pub client: String,
    pub title: String,
    pub wave: String,
    pub date: String,
    pub consultant: Option<String>,
    /// A `data:` URI.
    pub logo: Option<String>,
    pub self_respondents: usize,
    pub customer_respondents: usize,
}

#[derive(Serialize)]
pub struct Summary {
    pub self_view: Headline,
    pub customer: Headline,
    pub gap: GapText,
    pub level_scale_svg: String,
    pub nps: Option<NpsFigures>,
    pub blind_spots: Vec<Highlight>,
    pub hidden_strengths: Vec<Highlight>,
    /// The consultant's `summary.md`, Markdown.
    pub narrative: Option<String>,
    /// When the summary is in another language than the report: a note saying which.
    pub narrative_language: Option<String>,
}

/// A score as the report writes it, with its level.
#[derive(Serialize)]
pub struct Headline {
    pub score: String,
    pub n: usize,
    pub level: Option<LevelRef>,
    /// The customer view's overall target, if one is set.
    pub target: Option<TargetText>,
}

#[derive(Serialize)]
pub struct LevelRef {
    pub number: usize,
    /// "Stufe 3 von 5"
    pub label: String,
    pub name: String,
    /// Markdown.
    pub description: String,
}

/// A gap as the report writes it.
#[derive(Serialize)]
pub struct GapText {
    /// `+15,2`, or empty when there is no gap.
    pub value: String,
    /// p < 0.05 with enough respondents on both sides.
    pub significant: bool,
    /// `p = 0,003 · g = 1,21`, where they can be computed.
    pub test: String,
    /// `blind`, `hidden`, `aligned` or `none`: for styling.
    pub kind: &'static str,
    /// "hoch · blinder Fleck"
    pub label: String,
}

#[derive(Serialize)]
pub struct Highlight {
    pub text: String,
    /// Negatively worded: the means shown are reversed, so that high is good.
    pub reverse: bool,
    pub dimension: String,
    pub gap: GapText,
    /// The means on the answer scale (1–5).
    pub self_mean: String,
    pub customer_mean: String,
    /// The scores on the 0–100 scale, the gap's scale.
    pub self_score: String,
    pub customer_score: String,
}

#[derive(Serialize)]
pub struct Views {
    /// The customer view against its targets per dimension; empty when no dimension has one.
    pub targets_svg: String,
    pub radar_svg: String,
    pub gap_svg: String,
    pub rows: Vec<DimensionRow>,
}

#[derive(Serialize)]
pub struct DimensionRow {
    pub id: String,
    pub name: String,
    pub self_score: String,
    pub self_n: usize,
    /// `72,2–82,8`, or empty.
    pub self_ci: String,
    pub self_alpha: String,
    /// Alpha below 0.5: the items do not measure one thing here.
    pub self_alpha_low: bool,
    pub customer_score: String,
    pub customer_n: usize,
    pub customer_ci: String,
    pub customer_alpha: String,
    pub customer_alpha_low: bool,
    pub gap: GapText,
    /// The customer view's target for this dimension, if one is set.
    pub target: Option<TargetText>,
}

#[derive(Serialize)]
pub struct DimensionSection {
    pub id: String,
    pub number: usize,
    pub name: String,
    /// Markdown.
    pub description: String,
    pub row: DimensionRow,
    pub customer_level: Option<LevelRef>,
    /// Markdown: the recommendation for the level the customer view reaches.
    pub recommendation: Option<String>,
    /// Statements of the dimension that did not apply to a whole perspective (every answer
    /// "na"): the recommendation may not apply where it concerns them.
    pub recommendation_notes: Vec<String>,
    pub items: Vec<ItemRow>,
    pub comments: Vec<ItemComments>,
}

#[derive(Serialize)]
pub struct ItemRow {
    pub id: String,
    /// The customer's wording, or the self wording for a self-only item.
    pub text: String,
    /// The self wording, when the item has both.
    pub self_text: Option<String>,
    /// Negatively worded: the means shown are reversed, so that high is good.
    pub reverse: bool,
    pub phase: String,
    /// The means on the answer scale (1–5).
    pub self_mean: String,
    pub self_n: String,
    pub customer_mean: String,
    /// The scores on the 0–100 scale, the gap's scale; "not applicable" when every answer
    /// was "na".
    pub self_score: String,
    pub customer_score: String,
    pub customer_n: String,
    pub gap: GapText,
    /// The answers' distribution, self above customers.
    pub svg: String,
}

#[derive(Serialize)]
pub struct ItemComments {
    pub text: String,
    pub customer: Vec<String>,
    #[serde(rename = "self")]
    pub self_view: Vec<String>,
    /// Comments beyond those shown, per perspective, or empty (`centricity comments` has
    /// them all).
    pub more_customer: String,
    pub more_self: String,
}

#[derive(Serialize)]
pub struct NpsFigures {
    pub self_view: Option<NpsView>,
    pub customer: Option<NpsView>,
}

#[derive(Serialize)]
pub struct NpsView {
    pub score: String,
    /// `−6–26`, or empty.
    pub ci: String,
    pub n: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
}

#[derive(Serialize)]
pub struct NpsSection {
    pub question: String,
    pub figures: NpsFigures,
    /// The answers 0–10 of both views as bars, coloured by detractors, passives, promoters.
    pub chart_svg: String,
    pub comments: ItemComments,
}

#[derive(Serialize)]
pub struct Method {
    pub questionnaire: String,
    pub version: String,
    pub scale_text: String,
    pub allow_na: bool,
    pub respondents_text: String,
    pub anonymity_text: String,
    /// `min_group_size`, for texts that name it.
    pub anonymity_min: String,
    pub levels: Vec<LevelRow>,
}

#[derive(Serialize)]
pub struct LevelRow {
    pub number: usize,
    pub from: String,
    pub name: String,
    pub description: String,
}

/// "What the comments say": the terms per dimension, detractors against promoters, the
/// theme dictionary. Comment-derived words arrive as plain text (escaped by the template).
#[derive(Serialize)]
pub struct ThemesSection {
    /// "Only what at least 5 people wrote is shown …"
    pub anonymity: String,
    /// Customers first, then the self-view; a perspective without comments is left out.
    pub perspectives: Vec<ThemesPerspective>,
    pub dictionary: Option<DictionaryView>,
}

#[derive(Serialize)]
pub struct ThemesPerspective {
    /// `customer` or `self`: for styling.
    pub perspective: &'static str,
    pub title: String,
    pub dimensions: Vec<DimensionTermsView>,
    /// Detractors against promoters; `None` where the perspective was not asked the NPS
    /// question.
    pub contrast: Option<ContrastView>,
}

#[derive(Serialize)]
pub struct DimensionTermsView {
    pub name: String,
    /// "17 comments from 13 people"
    pub comments: String,
    pub terms: Vec<TermBar>,
    /// Why no terms are shown (too few people, no comments, no term in two), or empty.
    pub note: String,
}

#[derive(Serialize)]
pub struct TermBar {
    pub term: String,
    pub count: String,
    /// Of the longest bar of the perspective, in percent: layout only.
    pub width: String,
}

#[derive(Serialize)]
pub struct ContrastView {
    /// "12 comments of detractors, 20 of promoters"
    pub counts: String,
    pub detractors: Vec<TermScore>,
    pub promoters: Vec<TermScore>,
    /// Why a list is empty (too few people, nothing stands out), or empty.
    pub detractors_note: String,
    pub promoters_note: String,
}

#[derive(Serialize)]
pub struct TermScore {
    pub term: String,
    /// The z-score, formatted.
    pub z: String,
}

#[derive(Serialize)]
pub struct DictionaryView {
    pub rows: Vec<ThemeRow>,
    /// Whether any staff comment was read: the self column is shown only then.
    pub has_self: bool,
}

#[derive(Serialize)]
pub struct ThemeRow {
    pub label: String,
    /// The dimension's name, or empty.
    pub dimension: String,
    /// The count of comments, or `–` when fewer than `min_group_size` people wrote them.
    pub customer: String,
    #[serde(rename = "self")]
    pub self_view: String,
    pub customer_quotes: Vec<String>,
    pub self_quotes: Vec<String>,
}

/// The driver analysis and the priority matrix; every field empty when there is none
/// (`missing` says why).
#[derive(Serialize)]
pub struct DriversView {
    /// Why there is no driver analysis, or empty.
    pub missing: String,
    /// "R² = 0,23: …", or empty.
    pub r2_text: String,
    /// Why the dimensions have no shares (too many, constant, collinear), or empty.
    pub dimensions_note: String,
    /// Each dimension's LMG share of R² as bars, relative weights beside; or empty.
    pub shares_svg: String,
    pub dimensions: Vec<DriverDimension>,
    /// The items asked of customers, in questionnaire order, numbered as in the matrix.
    pub items: Vec<DriverItem>,
    /// The priority matrix, or empty when no item has a correlation and a score.
    pub matrix_svg: String,
    /// What to fix first: the items of "concentrate here", the most urgent first.
    pub fix_first: Vec<FixFirst>,
}

#[derive(Serialize)]
pub struct DriverDimension {
    pub name: String,
    /// LMG share of R², percent (`39,8 %`), or `–`.
    pub share: String,
    pub lmg: String,
    pub relative_weight: String,
    /// The relative weight in percent of R².
    pub relative_share: String,
}

#[derive(Serialize)]
pub struct DriverItem {
    /// Its number in the matrix; empty when it is not plotted.
    pub number: String,
    pub text: String,
    pub dimension: String,
    pub n: u64,
    pub r: String,
    /// `0,21 – 0,55`, or empty.
    pub ci: String,
    pub p: String,
    /// p < 0.05.
    pub significant: bool,
    /// `concentrate`, `keep_up`, `low_priority`, `overkill`, or empty.
    pub quadrant: String,
    pub quadrant_label: String,
}

#[derive(Serialize)]
pub struct FixFirst {
    pub number: String,
    pub text: String,
    pub reverse: bool,
    pub dimension: String,
    /// r with the NPS answer.
    pub importance: String,
    pub customer_score: String,
    pub self_score: String,
    /// The gap to the self-view, with its significance (as everywhere in the report).
    pub gap: GapText,
}
