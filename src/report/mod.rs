//! The HTML report: a typed view of the scores for the templates, charts as inline SVG,
//! and the templates compiled into the binary.
//!
//! Nothing is computed here but layout: every number comes from [`crate::scoring`].

mod charts;
pub mod locale;

use std::collections::BTreeMap;

use base64::Engine;
use serde::Serialize;
use tera::{Context, Tera};

use crate::assessment::Assessment;
use crate::cmd::Collected;
use crate::diagnostics::{Diagnostic, Problems};
use crate::questionnaire::{Item, Perspective, Questionnaire};
use crate::scoring::{Band, GapTest, ItemScores, Scores};
use locale::Locale;

/// The templates compiled into the binary, by file name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("form.html", include_str!("../../templates/form.html")),
    ("form.js", include_str!("../../templates/form.js")),
];

/// The report's colours when the assessment brings none.
pub(crate) const DEFAULT_ACCENT: &str = "#1d5f8a";

/// How many of the largest blind spots and hidden strengths the summary names.
const HIGHLIGHTS: usize = 3;

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
    pub dimensions: Vec<DimensionSection>,
    pub nps: Option<NpsSection>,
    pub journey: Journey,
    pub inside: Vec<GroupTable>,
    /// With `--baseline`: this wave against the earlier one.
    pub trend: Option<TrendView>,
    pub method: Method,
    /// The footnote for a significant gap's asterisk.
    pub significance_note: String,
    /// The answer scale's steps with their chart classes, for the distributions' legend.
    pub scale: Vec<ScaleStep>,
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn a_light_brand_colour_is_darkened_for_text_only_as_far_as_needed() {
        assert_eq!(readable("#00667a", 4.5), "#00667a", "dark enough already");
        let yellow = readable("#ffcc00", 4.5);
        assert_ne!(yellow, "#ffcc00");
        let lines = readable("#ffcc00", 3.0);
        assert!(
            lines > yellow,
            "lines may stay lighter than text: {lines} vs {yellow}"
        );
        assert_eq!(readable("#ffffff", 4.5).len(), 7);
    }
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
    pub chart_svg: String,
    /// The items whose customer score moved most.
    pub movers: Vec<Mover>,
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

/// An earlier wave to compare with.
pub struct Baseline {
    pub wave: String,
    pub scores: Scores,
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
}

/// A score as the report writes it, with its level.
#[derive(Serialize)]
pub struct Headline {
    pub score: String,
    pub n: usize,
    pub level: Option<LevelRef>,
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
    pub self_mean: String,
    pub customer_mean: String,
}

#[derive(Serialize)]
pub struct Views {
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
    pub customer_score: String,
    pub customer_n: usize,
    pub customer_ci: String,
    pub customer_alpha: String,
    pub gap: GapText,
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
    pub self_mean: String,
    pub self_n: String,
    pub customer_mean: String,
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

/// Renders the report of an assessment in a language, with the shipped templates or a
/// consultant's own (see [`Templates`]).
pub fn render(
    assessment: &Assessment,
    collected: &Collected,
    language: &str,
    templates: &Templates,
    baseline: Option<&Baseline>,
) -> Result<String, Problems> {
    let q = &assessment.questionnaire;
    q.require_language(language)?;
    let locale = templates.locale(language)?;
    let mut view = build(assessment, collected, &locale);
    view.trend = baseline.map(|baseline| trend_view(assessment, collected, baseline, &locale));
    let tera = templates.tera()?;
    let context = Context::from_serialize(&view)
        .map_err(|e| Diagnostic::file("report.html", format!("cannot prepare the report: {e}")))?;
    render_template(&tera, "report.html", &context).map_err(|mut problems| {
        // name the consultant's own file when it is theirs that failed
        for d in &mut problems.0 {
            d.file = templates.origin("report.html");
        }
        problems
    })
}

/// The templates and the report's words: the shipped ones, where a consultant's folder
/// (`--templates DIR`) does not bring a file of the same name. As in Zola, the user's files
/// win and the built-ins fill the rest; a locale file there (`locale/de.toml`) changes just
/// the words it names.
pub struct Templates {
    /// Name → (where it came from, text).
    files: BTreeMap<String, (std::path::PathBuf, String)>,
}

impl Templates {
    pub fn built_in() -> Templates {
        let mut files = BTreeMap::new();
        for (name, text) in TEMPLATES {
            files.insert(
                name.to_string(),
                (
                    std::path::PathBuf::from(format!("templates/{name}")),
                    text.to_string(),
                ),
            );
        }
        Templates { files }
    }

    /// The built-ins with the files of `dir` over them.
    pub fn load(dir: Option<&std::path::Path>) -> Result<Templates, Problems> {
        let mut templates = Templates::built_in();
        let Some(dir) = dir else {
            return Ok(templates);
        };
        if !dir.is_dir() {
            return Err(Diagnostic::file(dir, "the templates folder does not exist").into());
        }
        let mut problems = Problems::default();
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(e) if e.file_type().is_file() => e,
                Ok(_) => continue,
                Err(e) => {
                    problems.push(Diagnostic::file(
                        dir,
                        format!("cannot read the folder: {e}"),
                    ));
                    continue;
                }
            };
            let Ok(relative) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            // templates and words; a logo or a README kept beside them is none of our business
            let template = [".html", ".htm", ".css", ".js", ".svg", ".txt"]
                .iter()
                .any(|e| name.ends_with(e));
            let words = name.starts_with("locale/") && name.ends_with(".toml");
            if name.starts_with('.') || !(template || words) {
                continue;
            }
            match crate::diagnostics::read_to_string(entry.path()) {
                Ok(text) => {
                    templates
                        .files
                        .insert(name, (entry.path().to_path_buf(), text));
                }
                Err(e) => problems.push(e),
            }
        }
        // every words file, whichever language is rendered: a typo should not wait for the
        // other language's report
        for (name, (path, _)) in &templates.files {
            if let Some(language) = name
                .strip_prefix("locale/")
                .and_then(|n| n.strip_suffix(".toml"))
            {
                if locale::BUILT_IN.iter().all(|(l, _, _)| *l != language) {
                    problems.push(Diagnostic::file(
                        path,
                        format!("the report has no language `{language}` (it speaks de and en)"),
                    ));
                } else if let Err(found) = templates.locale(language) {
                    problems.extend(found);
                }
            }
        }
        problems.into_result(templates)
    }

    /// Where a template came from: the consultant's file, or the shipped one.
    pub fn origin(&self, name: &str) -> std::path::PathBuf {
        self.files
            .get(name)
            .map_or_else(|| std::path::PathBuf::from(name), |(path, _)| path.clone())
    }

    /// A Tera instance with every template (locale files aside) and the `markdown` filter.
    pub fn tera(&self) -> Result<Tera, Problems> {
        let mut tera = Tera::default();
        let templates = self
            .files
            .iter()
            .filter(|(name, _)| !name.starts_with("locale/"))
            .map(|(name, (_, text))| (name.as_str(), text.as_str()));
        tera.add_raw_templates(templates).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message += &format!(": {cause}");
                source = cause.source();
            }
            // Tera names the template; point at the file it came from.
            let file = self
                .files
                .iter()
                .find(|(name, _)| message.contains(&format!("'{name}'")))
                .map_or_else(
                    || std::path::PathBuf::from("templates"),
                    |(_, (path, _))| path.clone(),
                );
            Diagnostic::file(file, format!("the template is broken: {message}"))
        })?;
        tera.register_filter("markdown", crate::markdown::filter);
        // Tera 1 always offers `get_env`: the environment has no place in a client's report,
        // and the same inputs must give the same bytes on any machine
        tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| {
            Err(tera::Error::msg("`get_env` is not available in templates: a report must not depend on the machine it is made on"))
        });
        Ok(tera)
    }

    /// The report's words in `language`, with a consultant's changes over the shipped ones.
    pub fn locale(&self, language: &str) -> Result<Locale, Problems> {
        let mut locale = Locale::built_in(language)?;
        let name = format!("locale/{language}.toml");
        if let Some((path, text)) = self.files.get(&name) {
            let source = crate::diagnostics::Source { path, text };
            let changes: BTreeMap<String, toml::Spanned<String>> =
                toml::from_str(text).map_err(|e| source.toml_error(&e))?;
            let mut problems = Problems::default();
            for (key, value) in changes {
                let span = value.span();
                match locale.strings.get_mut(&key) {
                    Some(word) => *word = value.into_inner(),
                    None => problems.push(source.error(
                        span,
                        format!("`{key}` is not one of the report's words (see templates/locale/{language}.toml)"),
                    )),
                }
            }
            return problems.into_result(locale);
        }
        Ok(locale)
    }
}

/// Renders one template, with the whole chain of a template error in the message.
pub(crate) fn render_template(
    tera: &Tera,
    name: &str,
    context: &Context,
) -> Result<String, Problems> {
    tera.render(name, context).map_err(|e| {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            message += &format!(": {cause}");
            source = cause.source();
        }
        Diagnostic::file(name, message).into()
    })
}

/// WCAG 2 relative luminance of a `#rrggbb` colour.
fn luminance(rgb: [f64; 3]) -> f64 {
    let channel = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// The colour, darkened just enough to reach `ratio` against white (WCAG: 4.5 for text,
/// 3 for lines and shapes); a brand colour that already does is kept as it is.
pub fn readable(hex: &str, ratio: f64) -> String {
    let parse =
        |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64;
    let mut rgb = [parse(1), parse(3), parse(5)];
    while 1.05 / (luminance(rgb) + 0.05) < ratio {
        rgb = rgb.map(|c| (c * 0.95).floor());
    }
    format!(
        "#{:02x}{:02x}{:02x}",
        rgb[0] as u8, rgb[1] as u8, rgb[2] as u8
    )
}

/// The compiled-in templates, with the `markdown` filter.
pub(crate) fn templates() -> Result<Tera, Problems> {
    Templates::built_in().tera()
}

struct Builder<'a> {
    q: &'a Questionnaire,
    scores: &'a Scores,
    locale: &'a Locale,
    lang: &'a str,
}

impl Builder<'_> {
    fn t<'s>(&'s self, key: &'s str) -> &'s str {
        self.locale.t(key)
    }

    fn score(&self, score: Option<f64>) -> String {
        score.map_or_else(|| "–".to_string(), |s| self.locale.number(s, 1))
    }

    fn gap(&self, gap: Option<f64>, test: &GapTest) -> GapText {
        let Some(g) = gap else {
            return GapText {
                value: String::new(),
                significant: false,
                test: String::new(),
                kind: "none",
                label: String::new(),
            };
        };
        let mut parts = Vec::new();
        if let Some(p) = test.p_value {
            parts.push(if p < 0.001 {
                format!("p < {}", self.locale.number(0.001, 3))
            } else {
                format!("p = {}", self.locale.number(p, 3))
            });
        }
        if let Some(g) = test.hedges_g {
            parts.push(format!("g = {}", self.locale.number(g, 2)));
        }
        let band = Band::of(g);
        let band_label = self.t(&format!("band_{}", band.id())).to_string();
        let (kind, label) = match band {
            Band::Aligned => ("aligned", band_label),
            _ if g > 0.0 => ("blind", format!("{band_label} · {}", self.t("blind_spot"))),
            _ => (
                "hidden",
                format!("{band_label} · {}", self.t("hidden_strength")),
            ),
        };
        GapText {
            value: self.locale.signed(g, 1),
            significant: test.significant,
            test: parts.join(" · "),
            kind,
            label,
        }
    }

    fn interval(&self, ci: Option<[f64; 2]>, decimals: usize) -> String {
        ci.map_or_else(String::new, |[low, high]| {
            format!(
                "{} – {}",
                self.locale.number(low, decimals),
                self.locale.number(high, decimals)
            )
        })
    }

    fn alpha(&self, alpha: Option<f64>) -> String {
        alpha.map_or_else(|| "–".to_string(), |a| self.locale.number(a, 2))
    }

    fn level(&self, level: Option<usize>) -> Option<LevelRef> {
        let number = level?;
        let l = &self.q.levels[number - 1];
        Some(LevelRef {
            number,
            label: self
                .t("level_of")
                .replace("{n}", &number.to_string())
                .replace("{total}", &self.q.levels.len().to_string()),
            name: l.name.get(self.lang).to_string(),
            description: l.description.get(self.lang).to_string(),
        })
    }

    /// The wording a reader of the report recognises: the customer's, where there is one.
    fn item_text(&self, item: &Item) -> String {
        item.customer
            .as_ref()
            .or(item.self_text.as_ref())
            .map_or_else(String::new, |t| t.get(self.lang).to_string())
    }

    fn mean(&self, view: Option<&crate::scoring::ItemView>) -> String {
        match view {
            None => self.t("not_asked").to_string(),
            Some(v) => v
                .mean
                .map_or_else(|| "–".to_string(), |m| self.locale.number(m, 1)),
        }
    }

    fn dimension_row(&self, d: usize) -> DimensionRow {
        let dimension = &self.q.dimensions[d];
        let s = &self.scores.dimensions[d];
        DimensionRow {
            id: dimension.id.clone(),
            name: dimension.name.get(self.lang).to_string(),
            self_score: self.score(s.self_view.score),
            self_n: s.self_view.n,
            self_ci: self.interval(s.self_view.ci95, 1),
            self_alpha: self.alpha(s.self_view.alpha),
            customer_score: self.score(s.customer.score),
            customer_n: s.customer.n,
            customer_ci: self.interval(s.customer.ci95, 1),
            customer_alpha: self.alpha(s.customer.alpha),
            gap: self.gap(s.gap, &s.test),
        }
    }

    fn highlight(&self, index: usize) -> Highlight {
        let item = &self.scores.items[index];
        let question = &self.q.items[index];
        Highlight {
            text: self.item_text(question),
            reverse: question.reverse,
            dimension: self.q.dimensions[question.dimension]
                .name
                .get(self.lang)
                .to_string(),
            gap: self.gap(item.gap, &item.test),
            self_mean: self.mean(item.self_view.as_ref()),
            customer_mean: self.mean(item.customer.as_ref()),
        }
    }

    fn journey_cell(&self, cell: &crate::scoring::JourneyCell) -> JourneyCellView {
        let side = |v: &Option<crate::scoring::JourneyView>| match v {
            Some(v) => match v.score {
                Some(score) => (
                    self.locale.number(score, 0),
                    v.n.to_string(),
                    format!("heat-{}", ((score / 10.0).floor() as i64).clamp(0, 9)),
                ),
                None => (String::new(), v.n.to_string(), "empty".to_string()),
            },
            None => (String::new(), String::new(), "empty".to_string()),
        };
        let (self_score, self_n, self_heat) = side(&cell.self_view);
        let (customer_score, customer_n, customer_heat) = side(&cell.customer);
        let gap = self.gap(cell.gap, &GapTest::none());
        JourneyCellView {
            self_score,
            self_n,
            self_heat,
            customer_score,
            customer_n,
            customer_heat,
            gap: cell
                .gap
                .map_or_else(String::new, |g| self.locale.signed(g, 0)),
            gap_kind: gap.kind,
        }
    }

    /// A perspective's groups beside the whole, with small groups pooled (see scoring).
    fn group_table(&self, p: Perspective, min_group_size: usize) -> GroupTable {
        let groups = self.scores.groups.get(p);
        let dash = || "–".to_string();
        let rows: Vec<GroupRow> = groups
            .iter()
            .map(|g| GroupRow {
                name: if g.pooled == 1 {
                    self.t("other_group_one").to_string()
                } else if g.pooled > 1 {
                    self.t("other_group").replace("{k}", &g.pooled.to_string())
                } else {
                    g.name.clone()
                },
                n: g.n.map_or_else(dash, |n| n.to_string()),
                scores: g
                    .dimensions
                    .iter()
                    .map(|d| d.score.map_or_else(dash, |s| self.locale.number(s, 1)))
                    .collect(),
            })
            .collect();
        let whole = |p: Perspective, key: &str| GroupRow {
            name: self.t(key).to_string(),
            n: self.scores.respondents.get(p).to_string(),
            scores: self
                .scores
                .dimensions
                .iter()
                .map(|d| {
                    let view = match p {
                        Perspective::SelfView => &d.self_view,
                        Perspective::Customer => &d.customer,
                    };
                    self.score(view.score)
                })
                .collect(),
        };
        let (title, totals) = match p {
            Perspective::SelfView => (
                self.t("groups_self"),
                vec![
                    whole(p, "all_self"),
                    whole(Perspective::Customer, "customer_view"),
                ],
            ),
            Perspective::Customer => (
                self.t("groups_customer"),
                vec![
                    whole(p, "all_customers"),
                    whole(Perspective::SelfView, "self_view"),
                ],
            ),
        };
        let spread = (0..self.q.dimensions.len())
            .map(|d| {
                let shown: Vec<f64> = groups
                    .iter()
                    .filter_map(|g| g.dimensions[d].score)
                    .collect();
                if shown.len() < 2 {
                    return String::new();
                }
                let high = shown.iter().cloned().fold(f64::MIN, f64::max);
                let low = shown.iter().cloned().fold(f64::MAX, f64::min);
                self.locale.number(high - low, 1)
            })
            .collect();
        GroupTable {
            perspective: p.id(),
            title: title.to_string(),
            dimensions: self
                .q
                .dimensions
                .iter()
                .map(|d| d.name.get(self.lang).to_string())
                .collect(),
            rows,
            totals,
            spread,
            note: self
                .t("groups_note")
                .replace("{min}", &min_group_size.to_string()),
        }
    }

    fn nps_figures(&self) -> Option<NpsFigures> {
        let nps = self.scores.nps.as_ref()?;
        let view = |s: &Option<crate::scoring::NpsScores>| {
            s.as_ref().map(|s| NpsView {
                score: s
                    .score
                    .map_or_else(|| "–".to_string(), |v| self.locale.signed(v, 0)),
                ci: self.interval(s.ci95, 0),
                n: s.n,
                promoters: s.promoters,
                passives: s.passives,
                detractors: s.detractors,
            })
        };
        Some(NpsFigures {
            self_view: view(&nps.self_view),
            customer: view(&nps.customer),
        })
    }
}

/// The answers of both perspectives, worst experience first: a reverse-keyed item's raw
/// answers are turned around, so that left is always the bad side.
fn distribution_bars(
    b: &Builder,
    item: &Item,
    scores: &ItemScores,
) -> Vec<charts::DistributionBar> {
    [
        (Perspective::SelfView, "self_short"),
        (Perspective::Customer, "customer_short"),
    ]
    .into_iter()
    .filter_map(|(p, label)| {
        let view = scores.view(p)?;
        let mut counts = view.counts.clone();
        if item.reverse {
            counts.reverse();
        }
        Some(charts::DistributionBar {
            label: b
                .t(label)
                .chars()
                .next()
                .map(String::from)
                .unwrap_or_default(),
            counts,
        })
    })
    .collect()
}

fn change_text(locale: &Locale, change: &crate::scoring::Change) -> ChangeText {
    let number = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| locale.number(v, 1));
    ChangeText {
        before: number(change.before),
        now: number(change.now),
        change: change
            .change
            .map_or_else(String::new, |c| locale.signed(c, 1)),
        ci: change.ci95.map_or_else(String::new, |[low, high]| {
            format!("{} – {}", locale.signed(low, 1), locale.signed(high, 1))
        }),
        significant: change.significant,
        kind: match change.change {
            Some(c) if c > 0.0 => "up",
            Some(c) if c < 0.0 => "down",
            _ => "none",
        },
    }
}

/// The trend section: both waves per dimension and overall, and the items that moved most.
fn trend_view(
    assessment: &Assessment,
    collected: &Collected,
    baseline: &Baseline,
    locale: &Locale,
) -> TrendView {
    let q = &assessment.questionnaire;
    let lang = locale.language.as_str();
    let weights: Vec<(String, f64)> = q
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), d.weight))
        .collect();
    let trend = crate::scoring::trend(&collected.scores, &baseline.scores, &weights);
    let row = |name: String, change: &crate::scoring::Both<crate::scoring::Change>| TrendRow {
        name,
        customer: change_text(locale, &change.customer),
        self_view: change_text(locale, &change.self_view),
    };
    let name_of = |id: &str| {
        q.dimensions
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.name.get(lang).to_string())
    };
    let rows: Vec<TrendRow> = trend
        .dimensions
        .iter()
        .map(|(id, c)| row(name_of(id), c))
        .collect();
    let chart_rows: Vec<charts::GapRow> = trend
        .dimensions
        .iter()
        .zip(&rows)
        .map(|((_, c), r)| charts::GapRow {
            label: r.name.clone(),
            gap: c.customer.change,
            value: r.customer.change.clone(),
            significant: c.customer.significant,
        })
        .collect();
    let mut moved: Vec<&(String, crate::scoring::Both<crate::scoring::Change>)> = trend
        .items
        .iter()
        .filter(|(_, c)| c.customer.change.is_some())
        .collect();
    moved.sort_by(|a, b| {
        let size = |c: &crate::scoring::Change| c.change.map_or(0.0, f64::abs);
        size(&b.1.customer).total_cmp(&size(&a.1.customer))
    });
    let movers = moved
        .into_iter()
        .take(5)
        .filter_map(|(id, c)| {
            let item = q.items.iter().find(|i| &i.id == id)?;
            Some(Mover {
                text: item
                    .customer
                    .as_ref()
                    .or(item.self_text.as_ref())?
                    .get(lang)
                    .to_string(),
                dimension: q.dimensions[item.dimension].name.get(lang).to_string(),
                customer: change_text(locale, &c.customer),
            })
        })
        .collect();
    TrendView {
        before: baseline.wave.clone(),
        now: assessment.wave.clone(),
        overall: row(locale.t("overall_score").to_string(), &trend.overall),
        chart_svg: charts::gap_bars(
            &chart_rows,
            locale.t("trend_chart_title"),
            locale.t("trend_worse"),
            locale.t("trend_better"),
            true,
            locale.t("decimal_separator"),
        ),
        rows,
        movers,
    }
}

fn comments_of(collected: &Collected, item: Option<usize>, text: String) -> ItemComments {
    let of = |p: Perspective| {
        collected
            .comments
            .iter()
            .filter(|c| c.item == item && c.perspective == p)
            .map(|c| c.text.clone())
            .collect()
    };
    let more = |p: Perspective| {
        collected
            .comment_counts
            .get(&(item, p))
            .map_or(0, |n| n.saturating_sub(crate::cmd::COMMENTS_SHOWN))
    };
    let more = |p: Perspective| match more(p) {
        0 => String::new(),
        n => n.to_string(),
    };
    ItemComments {
        text,
        customer: of(Perspective::Customer),
        self_view: of(Perspective::SelfView),
        more_customer: more(Perspective::Customer),
        more_self: more(Perspective::SelfView),
    }
}

fn build(assessment: &Assessment, collected: &Collected, locale: &Locale) -> ReportView {
    let q = &assessment.questionnaire;
    let scores = &collected.scores;
    let lang = locale.language.as_str();
    let b = Builder {
        q,
        scores,
        locale,
        lang,
    };

    let cover = Cover {
        client: assessment.client.clone(),
        title: q.title.get(lang).to_string(),
        wave: assessment.wave.clone(),
        date: locale.date(assessment.date),
        consultant: assessment.consultant.clone(),
        logo: assessment.logo.as_ref().map(|logo| {
            format!(
                "data:{};base64,{}",
                logo.mime,
                base64::engine::general_purpose::STANDARD.encode(&logo.bytes)
            )
        }),
        self_respondents: scores.respondents.self_view,
        customer_respondents: scores.respondents.customer,
    };

    let overall = &scores.overall;
    let marks = [
        charts::LevelMark {
            class: "customer",
            score: overall.customer.score,
            label: format!(
                "{} {}",
                b.t("customer_view"),
                b.score(overall.customer.score)
            ),
        },
        charts::LevelMark {
            class: "self",
            score: overall.self_view.score,
            label: format!("{} {}", b.t("self_view"), b.score(overall.self_view.score)),
        },
    ];
    let thresholds: Vec<f64> = q.levels.iter().map(|l| l.min_score).collect();
    let summary = Summary {
        self_view: Headline {
            score: b.score(overall.self_view.score),
            n: scores.respondents.self_view,
            level: b.level(overall.self_view.level),
        },
        customer: Headline {
            score: b.score(overall.customer.score),
            n: scores.respondents.customer,
            level: b.level(overall.customer.level),
        },
        gap: b.gap(overall.gap, &GapTest::none()),
        level_scale_svg: charts::level_scale(&thresholds, &marks, b.t("level")),
        nps: b.nps_figures(),
        blind_spots: scores
            .blind_spots()
            .into_iter()
            .take(HIGHLIGHTS)
            .map(|i| b.highlight(i))
            .collect(),
        hidden_strengths: scores
            .hidden_strengths()
            .into_iter()
            .take(HIGHLIGHTS)
            .map(|i| b.highlight(i))
            .collect(),
        narrative: assessment.summary_for(lang).map(str::to_string),
    };

    let rows: Vec<DimensionRow> = (0..q.dimensions.len())
        .map(|d| b.dimension_row(d))
        .collect();
    let axes: Vec<charts::RadarAxis> = q
        .dimensions
        .iter()
        .zip(&scores.dimensions)
        .map(|(dimension, s)| charts::RadarAxis {
            label: dimension.name.get(lang).to_string(),
            self_score: s.self_view.score,
            customer_score: s.customer.score,
        })
        .collect();
    let gap_rows: Vec<charts::GapRow> = rows
        .iter()
        .zip(&scores.dimensions)
        .map(|(row, s)| charts::GapRow {
            label: row.name.clone(),
            gap: s.gap,
            value: row.gap.value.clone(),
            significant: s.test.significant,
        })
        .collect();
    let views = Views {
        radar_svg: charts::radar(&axes, b.t("radar_title")),
        gap_svg: charts::gap_bars(
            &gap_rows,
            b.t("gap_chart_title"),
            b.t("gap_axis_hidden"),
            b.t("gap_axis_blind"),
            false,
            b.t("decimal_separator"),
        ),
        rows,
    };

    let dimensions = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let s = &scores.dimensions[d];
            let mut items = Vec::new();
            let mut comments = Vec::new();
            for (i, item) in q
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.dimension == d)
            {
                let is = &scores.items[i];
                let n = |v: Option<&crate::scoring::ItemView>| {
                    v.map_or_else(String::new, |v| v.n.to_string())
                };
                let text = b.item_text(item);
                items.push(ItemRow {
                    id: item.id.clone(),
                    self_text: item
                        .customer
                        .as_ref()
                        .and(item.self_text.as_ref())
                        .map(|t| t.get(lang).to_string()),
                    reverse: item.reverse,
                    phase: b.t(&format!("phase_{}", item.phase.id())).to_string(),
                    self_mean: b.mean(is.self_view.as_ref()),
                    self_n: n(is.self_view.as_ref()),
                    customer_mean: b.mean(is.customer.as_ref()),
                    customer_n: n(is.customer.as_ref()),
                    gap: b.gap(is.gap, &is.test),
                    svg: charts::distribution(
                        &distribution_bars(&b, item, is),
                        b.t("distribution"),
                    ),
                    text: text.clone(),
                });
                let item_comments = comments_of(collected, Some(i), text);
                if !item_comments.customer.is_empty() || !item_comments.self_view.is_empty() {
                    comments.push(item_comments);
                }
            }
            let customer_level = s.customer.level;
            DimensionSection {
                id: dimension.id.clone(),
                number: d + 1,
                name: dimension.name.get(lang).to_string(),
                description: dimension.description.get(lang).to_string(),
                row: b.dimension_row(d),
                customer_level: b.level(customer_level),
                recommendation: customer_level
                    .and_then(|l| dimension.recommendations.get(l - 1))
                    .map(|r| r.get(lang).to_string()),
                items,
                comments,
            }
        })
        .collect();

    let nps = q.nps.as_ref().and_then(|nps| {
        let question = nps
            .customer
            .as_ref()
            .or(nps.self_text.as_ref())?
            .get(lang)
            .to_string();
        Some(NpsSection {
            comments: comments_of(collected, None, question.clone()),
            question,
            figures: b.nps_figures()?,
        })
    });

    let labels = q.scale.labels.get(lang).cloned().unwrap_or_default();
    let labelled: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(k, label)| format!("{} = {label}", q.scale.min + k as i64))
        .collect();
    let method = Method {
        questionnaire: q.title.get(lang).to_string(),
        version: format!("{} {}", q.id, q.version),
        scale_text: locale
            .t("method_scale_text")
            .replace("{min}", &q.scale.min.to_string())
            .replace("{max}", &q.scale.max.to_string())
            .replace("{labels}", &labelled.join(", ")),
        allow_na: q.scale.allow_na,
        anonymity_min: assessment.min_group_size.to_string(),
        anonymity_text: locale
            .t("method_anonymity_text")
            .replace("{min}", &assessment.min_group_size.to_string())
            .replace(
                "{pooled}",
                &Perspective::BOTH
                    .iter()
                    .flat_map(|&p| scores.groups.get(p))
                    .map(|g| g.pooled)
                    .sum::<usize>()
                    .to_string(),
            ),
        respondents_text: locale
            .t("method_respondents_text")
            .replace("{files}", &collected.load.files.to_string())
            .replace("{self}", &scores.respondents.self_view.to_string())
            .replace("{customer}", &scores.respondents.customer.to_string()),
        levels: q
            .levels
            .iter()
            .enumerate()
            .map(|(i, level)| LevelRow {
                number: i + 1,
                from: locale
                    .t("method_from")
                    .replace("{score}", &locale.number(level.min_score, 0)),
                name: level.name.get(lang).to_string(),
                description: level.description.get(lang).to_string(),
            })
            .collect(),
    };

    let journey = Journey {
        phases: crate::questionnaire::Phase::ALL
            .iter()
            .map(|p| b.t(&format!("phase_{}", p.id())).to_string())
            .collect(),
        rows: q
            .dimensions
            .iter()
            .map(|dimension| JourneyRow {
                dimension: dimension.name.get(lang).to_string(),
                cells: scores
                    .journey
                    .iter()
                    .filter(|cell| cell.dimension == dimension.id)
                    .map(|cell| b.journey_cell(cell))
                    .collect(),
            })
            .collect(),
    };
    let inside: Vec<GroupTable> = Perspective::BOTH
        .into_iter()
        .filter(|&p| !scores.groups.get(p).is_empty())
        .map(|p| b.group_table(p, assessment.min_group_size))
        .collect();

    let brand = assessment.accent.as_deref().unwrap_or(DEFAULT_ACCENT);
    ReportView {
        lang: lang.to_string(),
        t: locale.strings.clone(),
        accent: readable(brand, 3.0),
        accent_text: readable(brand, 4.5),
        cover,
        summary,
        views,
        dimensions,
        nps,
        journey,
        inside,
        trend: None,
        method,
        scale: labels
            .iter()
            .enumerate()
            .map(|(k, label)| ScaleStep {
                label: label.clone(),
                class: charts::step_class(k, labels.len()),
            })
            .collect(),
        significance_note: locale
            .t("significance_note")
            .replace("{min}", &assessment.min_group_size.to_string()),
    }
}
