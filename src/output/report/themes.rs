//! The section "What the comments say", from [`crate::analysis::scores::CommentThemes`]:
//! wording and layout only.

use super::build::Builder;
use super::view::*;
use crate::analysis::scores::{CommentThemes, TermZ};
use crate::model::questionnaire::Perspective;

impl Builder<'_> {
    pub(super) fn themes(&self) -> Option<ThemesSection> {
        let themes = &self.scores.themes;
        let wrote = |p: Perspective| {
            let t = themes.get(p);
            t.dimensions.iter().any(|d| d.comments > 0)
                || t.detractor_comments + t.promoter_comments > 0
                || self
                    .analysis
                    .comment_counts
                    .iter()
                    .any(|((_, q), n)| *q == p && *n > 0)
        };
        let perspectives: Vec<ThemesPerspective> = [Perspective::Customer, Perspective::SelfView]
            .into_iter()
            .filter(|p| wrote(*p))
            .map(|p| self.themes_of(p, themes.get(p)))
            .collect();
        if perspectives.is_empty() {
            return None;
        }
        Some(ThemesSection {
            anonymity: self.with_min("themes_anonymity"),
            dictionary: self.dictionary(wrote(Perspective::SelfView)),
            perspectives,
        })
    }

    fn with_min(&self, key: &str) -> String {
        self.t(key)
            .replace("{min}", &self.assessment.min_group_size.to_string())
    }

    fn themes_of(&self, p: Perspective, themes: &CommentThemes) -> ThemesPerspective {
        let longest = themes
            .dimensions
            .iter()
            .flat_map(|d| d.terms.iter().flatten())
            .map(|t| t.count)
            .max()
            .unwrap_or(1)
            .max(1);
        let dimensions = themes
            .dimensions
            .iter()
            .zip(&self.q.dimensions)
            .map(|(d, dimension)| {
                let note = match &d.terms {
                    _ if d.comments == 0 => self.t("themes_no_comments").to_string(),
                    None => self.with_min("themes_too_few"),
                    Some(terms) if terms.is_empty() => self.t("themes_no_terms").to_string(),
                    Some(_) => String::new(),
                };
                DimensionTermsView {
                    name: dimension.name.get(self.lang).to_string(),
                    comments: self
                        .t("themes_comments_of")
                        .replace("{comments}", &d.comments.to_string())
                        .replace("{people}", &d.respondents.to_string()),
                    terms: d
                        .terms
                        .iter()
                        .flatten()
                        .map(|t| TermBar {
                            term: t.term.clone(),
                            count: t.count.to_string(),
                            // a CSS length, not a number for reading
                            width: format!(
                                "{:.1}",
                                f64::from(t.count) / f64::from(longest) * 100.0
                            ),
                        })
                        .collect(),
                    note,
                }
            })
            .collect();
        let asked = self
            .scores
            .nps
            .as_ref()
            .is_some_and(|nps| nps.get(p).as_ref().is_some_and(|n| n.n > 0));
        let contrast = asked.then(|| {
            let scored = |list: &Option<Vec<TermZ>>| -> (Vec<TermScore>, String) {
                match list {
                    None => (Vec::new(), self.with_min("themes_contrast_too_few")),
                    Some(terms) if terms.is_empty() => {
                        (Vec::new(), self.t("themes_none_stand_out").to_string())
                    }
                    Some(terms) => (
                        terms
                            .iter()
                            .map(|t| TermScore {
                                term: t.term.clone(),
                                z: self.locale.number(t.z, 1),
                            })
                            .collect(),
                        String::new(),
                    ),
                }
            };
            let (detractors, detractors_note) = scored(&themes.detractors);
            let (promoters, promoters_note) = scored(&themes.promoters);
            ContrastView {
                counts: self
                    .t("themes_contrast_counts")
                    .replace("{detractors}", &themes.detractor_comments.to_string())
                    .replace("{promoters}", &themes.promoter_comments.to_string()),
                detractors,
                promoters,
                detractors_note,
                promoters_note,
            }
        });
        ThemesPerspective {
            perspective: p.id(),
            title: match p {
                Perspective::Customer => self.t("comments_customer"),
                Perspective::SelfView => self.t("comments_self"),
            }
            .to_string(),
            dimensions,
            contrast,
        }
    }

    fn dictionary(&self, has_self: bool) -> Option<DictionaryView> {
        let themes = &self.assessment.themes;
        if themes.is_empty() {
            return None;
        }
        let counts = &self.scores.themes;
        let count = |p: Perspective, t: usize| {
            counts
                .get(p)
                .dictionary
                .get(t)
                .and_then(|c| c.comments)
                .map_or_else(|| "–".to_string(), |n| n.to_string())
        };
        let rows = themes
            .iter()
            .enumerate()
            .map(|(t, theme)| {
                let quotes = self.analysis.theme_quotes.get(t);
                ThemeRow {
                    label: theme.label(self.locale.language).to_string(),
                    dimension: theme.dimension.map_or_else(String::new, |d| {
                        self.q.dimensions[d].name.get(self.lang).to_string()
                    }),
                    customer: count(Perspective::Customer, t),
                    self_view: count(Perspective::SelfView, t),
                    customer_quotes: quotes.map(|q| q.customer.clone()).unwrap_or_default(),
                    self_quotes: quotes.map(|q| q.self_view.clone()).unwrap_or_default(),
                }
            })
            .collect();
        Some(DictionaryView { rows, has_self })
    }
}
