//! Reading and checking a questionnaire file.
//!
//! The TOML file is parsed into `*File` structs that keep the spans of what validation
//! needs to point at, then checked as a whole (all problems at once) and turned into the
//! plain [`Questionnaire`] the rest of the program uses.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::input::builtin::BUILT_IN;
use crate::input::diagnostics::{some_of, Diagnostic, Problems, Source};
use crate::input::files::read_to_string;
use crate::model::language::Language;
use crate::model::questionnaire::*;

impl Questionnaire {
    /// An error unless the questionnaire has texts in `language`.
    pub fn require_language(&self, language: Language) -> Result<(), Problems> {
        if self.languages.iter().any(|l| l == language.code()) {
            return Ok(());
        }
        Err(Diagnostic::file(
            &self.origin,
            format!(
                "the questionnaire has no `{language}` texts (it has {})",
                self.languages.join(", ")
            ),
        )
        .into())
    }

    /// Loads a built-in questionnaire by id, or a file by path.
    pub fn load(reference: &str, base: &Path) -> Result<Questionnaire, Problems> {
        if let Some((_, name, text)) = BUILT_IN.iter().find(|(id, _, _)| *id == reference) {
            return Questionnaire::parse(Path::new(name), text);
        }
        let path = base.join(reference);
        if !path.is_file() {
            let known: Vec<&str> = BUILT_IN.iter().map(|(id, _, _)| *id).collect();
            return Err(Diagnostic::file(
                &path,
                format!(
                    "no such questionnaire: `{reference}` is neither a built-in id ({}) nor a file",
                    known.join(", ")
                ),
            )
            .into());
        }
        let text = read_to_string(&path)?;
        Questionnaire::parse(&path, &text)
    }

    /// Parses and validates a questionnaire, reporting every problem found.
    pub fn parse(path: &Path, text: &str) -> Result<Questionnaire, Problems> {
        let source = Source { path, text };
        let file: QuestionnaireFile = source.parse_toml(text)?;
        file.validate(&source)
    }
}

// ---------------------------------------------------------------------------------------
// The file as written, with spans.

type SpannedText = Spanned<BTreeMap<String, String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionnaireFile {
    id: Spanned<String>,
    version: Spanned<String>,
    languages: Spanned<Vec<String>>,
    title: SpannedText,
    scale: ScaleFile,
    levels: Spanned<Vec<LevelFile>>,
    dimensions: Spanned<Vec<DimensionFile>>,
    items: Spanned<Vec<ItemFile>>,
    nps: Option<NpsFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    min: Spanned<i64>,
    max: i64,
    labels: Spanned<BTreeMap<String, Vec<String>>>,
    allow_na: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelFile {
    min_score: Spanned<f64>,
    name: SpannedText,
    description: SpannedText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionFile {
    id: Spanned<String>,
    #[serde(default = "one")]
    weight: Spanned<f64>,
    name: SpannedText,
    description: SpannedText,
    recommendations: Spanned<Vec<SpannedText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    id: Spanned<String>,
    dimension: Spanned<String>,
    phase: Phase,
    #[serde(default = "one")]
    weight: Spanned<f64>,
    #[serde(default)]
    reverse: bool,
    #[serde(rename = "self")]
    self_text: Option<SpannedText>,
    customer: Option<SpannedText>,
    help: Option<SpannedText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NpsFile {
    id: Spanned<String>,
    #[serde(rename = "self")]
    self_text: Option<SpannedText>,
    customer: Option<SpannedText>,
}

fn one() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}

struct Checker<'a> {
    source: &'a Source<'a>,
    languages: Vec<String>,
    problems: Problems,
}

impl Checker<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        let diagnostic = self.source.error(span, message);
        self.problems.push(diagnostic);
    }

    /// Every text must exist in every listed language, and in no other.
    fn text(&mut self, text: &SpannedText, what: &str) -> Text {
        let span = text.span();
        for language in &self.languages.clone() {
            match text.get_ref().get(language) {
                None => self.error(
                    span.clone(),
                    format!("{what} has no `{language}` text (every text needs all of the questionnaire's languages)"),
                ),
                Some(s) if s.trim().is_empty() => {
                    self.error(span.clone(), format!("{what} has an empty `{language}` text"))
                }
                Some(_) => {}
            }
        }
        for language in text.get_ref().keys() {
            if !self.languages.contains(language) {
                self.error(
                    span.clone(),
                    format!(
                        "{what} has a `{language}` text, but `{language}` is not in `languages` ({})",
                        self.languages.join(", ")
                    ),
                );
            }
        }
        Text(text.get_ref().clone())
    }

    fn id(&mut self, id: &Spanned<String>, what: &str) {
        if !is_valid_id(id.get_ref()) {
            self.error(
                id.span(),
                format!(
                    "{what} id `{}` may only contain lower-case letters, digits, `.`, `_` and `-`",
                    id.get_ref()
                ),
            );
        }
    }

    fn weight(&mut self, weight: &Spanned<f64>, id: &str) {
        let w = *weight.get_ref();
        if !(w.is_finite() && w > 0.0 && w <= 1000.0) {
            self.error(
                weight.span(),
                format!(
                    "the weight of `{id}` must be a number above 0 and at most 1000, found {w}"
                ),
            );
        }
    }
}

impl QuestionnaireFile {
    fn validate(self, source: &Source) -> Result<Questionnaire, Problems> {
        let mut check = Checker {
            source,
            languages: self.languages.get_ref().clone(),
            problems: Problems::default(),
        };

        check.id(&self.id, "questionnaire");
        let major = major_version(self.version.get_ref());
        if major.is_none() {
            check.error(
                self.version.span(),
                format!(
                    "version `{}` must be MAJOR.MINOR.PATCH, like `1.0.0`",
                    self.version.get_ref()
                ),
            );
        }
        if check.languages.is_empty() {
            check.error(
                self.languages.span(),
                "`languages` must list at least one language",
            );
        }
        let mut seen = BTreeSet::new();
        for language in check.languages.clone() {
            if !seen.insert(language.clone()) {
                check.error(
                    self.languages.span(),
                    format!("language `{language}` is listed twice"),
                );
            }
        }
        let title = check.text(&self.title, "the title");

        let scale = check.scale(&self);
        let levels = check.levels(&self);
        let (dimensions, dimension_ids) = check.dimensions(&self, levels.len());
        let (items, item_ids) = check.items(&self, &dimensions, &dimension_ids);
        let nps = check.nps(&self, &item_ids);

        let questionnaire = Questionnaire {
            id: self.id.get_ref().clone(),
            version: self.version.get_ref().clone(),
            major: major.unwrap_or(0),
            languages: check.languages.clone(),
            title,
            scale,
            levels,
            dimensions,
            items,
            nps,
            origin: source.path.to_path_buf(),
            item_ids: HashMap::new(),
        };
        let mut questionnaire = questionnaire;
        questionnaire.item_ids = questionnaire
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.clone(), i))
            .collect();
        check.problems.into_result(questionnaire)
    }
}

impl Checker<'_> {
    /// The answer scale: its range and a label per step in every language.
    fn scale(&mut self, file: &QuestionnaireFile) -> Scale {
        let (min, max) = (*file.scale.min.get_ref(), file.scale.max);
        if min >= max || min < -100 || max > 100 || max - min > 20 {
            self.error(
                file.scale.min.span(),
                format!("the scale runs from `min` ({min}) to `max` ({max}); `min` must be below `max`, both between −100 and 100, at most 21 steps"),
            );
        }
        let steps = (max.clamp(-100, 100) - min.clamp(-100, 100) + 1).max(0) as usize;
        for language in self.languages.clone() {
            match file.scale.labels.get_ref().get(&language) {
                None => self.error(
                    file.scale.labels.span(),
                    format!("the scale has no `{language}` labels"),
                ),
                Some(labels) if labels.len() != steps => self.error(
                    file.scale.labels.span(),
                    format!(
                        "the scale's `{language}` labels must be {steps} (one per step from {min} to {max}), found {}",
                        labels.len()
                    ),
                ),
                Some(_) => {}
            }
        }
        for language in file.scale.labels.get_ref().keys() {
            if !self.languages.contains(language) {
                self.error(
                    file.scale.labels.span(),
                    format!(
                        "the scale has `{language}` labels, but `{language}` is not in `languages`"
                    ),
                );
            }
        }
        Scale {
            min: min.clamp(-100, 100),
            max: max.clamp(-100, 100),
            labels: file.scale.labels.get_ref().clone(),
            allow_na: file.scale.allow_na,
        }
    }

    /// The maturity levels, in ascending order of their lowest score.
    fn levels(&mut self, file: &QuestionnaireFile) -> Vec<Level> {
        if file.levels.get_ref().is_empty() {
            self.error(file.levels.span(), "at least one `[[levels]]` is needed");
        }
        let mut levels = Vec::new();
        let mut previous: Option<f64> = None;
        for (i, level) in file.levels.get_ref().iter().enumerate() {
            let score = *level.min_score.get_ref();
            if !(0.0..=100.0).contains(&score) {
                self.error(
                    level.min_score.span(),
                    format!("`min_score` must be between 0 and 100, found {score}"),
                );
            }
            if let Some(previous) = previous.filter(|p| score <= *p) {
                self.error(
                    level.min_score.span(),
                    format!("levels must be in ascending `min_score` order: level {} has {score}, the one before it {previous}", i + 1),
                );
            }
            previous = Some(score);
            let what = format!("level {}", i + 1);
            levels.push(Level {
                min_score: score,
                name: self.text(&level.name, &format!("the name of {what}")),
                description: self.text(&level.description, &format!("the description of {what}")),
            });
        }
        levels
    }

    /// The dimensions, with one recommendation per level; their ids by index.
    fn dimensions(
        &mut self,
        file: &QuestionnaireFile,
        levels: usize,
    ) -> (Vec<Dimension>, BTreeMap<String, usize>) {
        let mut dimensions = Vec::new();
        let mut dimension_ids: BTreeMap<String, usize> = BTreeMap::new();
        for dimension in file.dimensions.get_ref() {
            let id = dimension.id.get_ref().clone();
            self.id(&dimension.id, "dimension");
            if dimension_ids.contains_key(&id) {
                self.error(
                    dimension.id.span(),
                    format!("dimension id `{id}` is used twice"),
                );
            } else {
                dimension_ids.insert(id.clone(), dimensions.len());
            }
            self.weight(&dimension.weight, &id);
            if dimension.recommendations.get_ref().len() != levels {
                self.error(
                    dimension.recommendations.span(),
                    format!(
                        "dimension `{id}` needs one recommendation per level ({}), found {}",
                        levels,
                        dimension.recommendations.get_ref().len()
                    ),
                );
            }
            let recommendations = dimension
                .recommendations
                .get_ref()
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    self.text(r, &format!("recommendation {} of dimension `{id}`", i + 1))
                })
                .collect();
            dimensions.push(Dimension {
                name: self.text(&dimension.name, &format!("the name of dimension `{id}`")),
                description: self.text(
                    &dimension.description,
                    &format!("the description of dimension `{id}`"),
                ),
                weight: *dimension.weight.get_ref(),
                recommendations,
                id,
            });
        }
        if dimensions.is_empty() {
            self.error(
                file.dimensions.span(),
                "at least one `[[dimensions]]` is needed",
            );
        }
        (dimensions, dimension_ids)
    }

    /// The items, each in a dimension that exists, and every dimension with an item.
    fn items(
        &mut self,
        file: &QuestionnaireFile,
        dimensions: &[Dimension],
        dimension_ids: &BTreeMap<String, usize>,
    ) -> (Vec<Item>, BTreeSet<String>) {
        let mut items = Vec::new();
        let mut item_ids = BTreeSet::new();
        for item in file.items.get_ref() {
            let id = item.id.get_ref().clone();
            self.id(&item.id, "item");
            if !item_ids.insert(id.clone()) {
                self.error(item.id.span(), format!("item id `{id}` is used twice"));
            }
            self.weight(&item.weight, &id);
            let dimension = match dimension_ids.get(item.dimension.get_ref()) {
                Some(&d) => d,
                None => {
                    self.error(
                        item.dimension.span(),
                        format!(
                            "item `{id}` names dimension `{}`, which is not defined (defined: {})",
                            item.dimension.get_ref(),
                            some_of(dimension_ids.keys())
                        ),
                    );
                    0
                }
            };
            if item.self_text.is_none() && item.customer.is_none() {
                self.error(
                    item.id.span(),
                    format!("item `{id}` needs a `self` or a `customer` wording, or both"),
                );
            }
            let mut text = |t: &Option<SpannedText>, what: &str| {
                t.as_ref()
                    .map(|t| self.text(t, &format!("the {what} of item `{id}`")))
            };
            items.push(Item {
                self_text: text(&item.self_text, "`self` wording"),
                customer: text(&item.customer, "`customer` wording"),
                help: text(&item.help, "help"),
                dimension,
                phase: item.phase,
                weight: *item.weight.get_ref(),
                reverse: item.reverse,
                id,
            });
        }
        let used: BTreeSet<usize> = items.iter().map(|item| item.dimension).collect();
        for (d, dimension) in dimensions.iter().enumerate() {
            let registered = dimension_ids.get(&dimension.id) == Some(&d);
            if registered && !used.contains(&d) {
                let span = file.dimensions.get_ref()[d].id.span();
                self.error(span, format!("dimension `{}` has no items", dimension.id));
            }
        }
        (items, item_ids)
    }

    /// The NPS question, whose id no item may have.
    fn nps(&mut self, file: &QuestionnaireFile, item_ids: &BTreeSet<String>) -> Option<Nps> {
        file.nps.as_ref().map(|nps| {
            let id = nps.id.get_ref().clone();
            self.id(&nps.id, "NPS");
            if item_ids.contains(&id) {
                self.error(
                    nps.id.span(),
                    format!("the NPS id `{id}` is also an item id"),
                );
            }
            if nps.self_text.is_none() && nps.customer.is_none() {
                self.error(
                    nps.id.span(),
                    "the NPS question needs a `self` or a `customer` wording, or both",
                );
            }
            Nps {
                self_text: nps
                    .self_text
                    .as_ref()
                    .map(|t| self.text(t, "the NPS `self` wording")),
                customer: nps
                    .customer
                    .as_ref()
                    .map(|t| self.text(t, "the NPS `customer` wording")),
                id,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_questionnaire_is_valid_and_complete() {
        let (_, name, text) = BUILT_IN[0];
        let q = Questionnaire::parse(Path::new(name), text).unwrap_or_else(|p| {
            panic!(
                "{}",
                p.0.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let ids: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "reachability",
                "friendliness",
                "competence",
                "reliability",
                "delight"
            ]
        );
        assert_eq!(q.levels.len(), 5);
        for (d, _) in q.dimensions.iter().enumerate() {
            let items = q.items.iter().filter(|i| i.dimension == d).count();
            assert!(items >= 5, "dimension {d} has {items} items");
        }
        for phase in Phase::ALL {
            assert!(q.items.iter().any(|i| i.phase == phase), "{phase:?} unused");
        }
        assert!(q.items.iter().any(|i| i.reverse));
        assert!(q
            .items
            .iter()
            .all(|i| i.self_text.is_some() && i.customer.is_some()));
        let nps = q.nps.as_ref().expect("the NPS question");
        assert!(nps.self_text.is_some() && nps.customer.is_some());
        assert_eq!(q.languages, ["de", "en"]);
    }

    #[test]
    fn versions_need_three_numbers() {
        assert_eq!(major_version("1.0.0"), Some(1));
        assert_eq!(major_version("12.3.4"), Some(12));
        assert_eq!(major_version("1.0"), None);
        assert_eq!(major_version("v1.0.0"), None);
    }
}
