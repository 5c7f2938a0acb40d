//! The report's sections, one method each, built from the analysis.

use base64::Engine;

use super::build::{comments_of, distribution_bars, not_applicable, Builder, HIGHLIGHTS};
use super::charts;
use super::targets;
use super::view::*;
use crate::analysis::scores::GapTest;
use crate::model::questionnaire::Perspective;

impl Builder<'_> {
    /// The cover: client, title, wave, date, consultant, logo.
    pub(super) fn cover(&self) -> Cover {
        let (q, scores, lang, locale, assessment) =
            (self.q, self.scores, self.lang, self.locale, self.assessment);
        Cover {
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
        }
    }

    /// The summary: both overall scores, their levels, the largest gaps, the narrative.
    pub(super) fn summary(&self) -> Summary {
        let (q, scores, locale, assessment, b) =
            (self.q, self.scores, self.locale, self.assessment, self);
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
        Summary {
            self_view: Headline {
                score: b.score(overall.self_view.score),
                n: scores.respondents.self_view,
                level: b.level(overall.self_view.level),
                target: None,
            },
            customer: Headline {
                score: b.score(overall.customer.score),
                n: scores.respondents.customer,
                level: b.level(overall.customer.level),
                target: targets::target_text(locale, &overall.customer.target, None),
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
            narrative: assessment.summary_for(locale.language).map(str::to_string),
            narrative_language: super::summary_language(assessment, locale.language)
                .map(|language| b.t(&format!("summary_in_{}", language.code())).to_string()),
        }
    }

    /// Both views per dimension: the table, the radar and the gaps.
    pub(super) fn views(&self) -> Views {
        let (q, scores, lang, locale, b) = (self.q, self.scores, self.lang, self.locale, self);
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
        Views {
            targets_svg: b.targets_chart(),
            radar_svg: charts::radar(&axes, b.t("radar_title")),
            gap_svg: charts::gap_bars(
                &gap_rows,
                b.t("gap_chart_title"),
                b.t("gap_axis_hidden"),
                b.t("gap_axis_blind"),
                false,
                locale.numbers(),
            ),
            rows,
        }
    }

    /// A section per dimension: its items, their distributions and comments.
    pub(super) fn dimensions(&self) -> Vec<DimensionSection> {
        let (q, scores, lang, analysis, b) = (self.q, self.scores, self.lang, self.analysis, self);
        q.dimensions
            .iter()
            .enumerate()
            .map(|(d, dimension)| {
                let s = &scores.dimensions[d];
                let mut items = Vec::new();
                let mut comments = Vec::new();
                let mut recommendation_notes = Vec::new();
                for (i, item) in q
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.dimension == d)
                {
                    let is = &scores.items[i];
                    let n = |v: Option<&crate::analysis::scores::ItemView>| {
                        v.map_or_else(String::new, |v| v.n.to_string())
                    };
                    let text = b.item_text(item);
                    for (p, who) in [
                        (Perspective::SelfView, "self_respondents"),
                        (Perspective::Customer, "customer_respondents"),
                    ] {
                        let wording = match p {
                            Perspective::SelfView => item.self_text.as_ref(),
                            Perspective::Customer => item.customer.as_ref(),
                        };
                        if let (Some(view), Some(wording)) = (is.view(p), wording) {
                            if not_applicable(view) {
                                recommendation_notes.push(
                                    b.t("recommendation_na_note")
                                        .replace("{who}", b.t(who))
                                        .replace("{item}", wording.get(lang)),
                                );
                            }
                        }
                    }
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
                        self_score: b.item_score(is.self_view.as_ref()),
                        customer_score: b.item_score(is.customer.as_ref()),
                        customer_n: n(is.customer.as_ref()),
                        gap: b.gap(is.gap, &is.test),
                        svg: charts::distribution(
                            &distribution_bars(b, item, is),
                            b.t("distribution"),
                        ),
                        text: text.clone(),
                    });
                    let item_comments = comments_of(analysis, Some(i), text);
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
                    // the consultant's own text for this level, else the questionnaire's
                    recommendation: customer_level.and_then(|l| {
                        let own = b
                            .assessment
                            .recommendation(&dimension.id, l, b.locale.language);
                        own.or_else(|| dimension.recommendations.get(l - 1).map(|r| r.get(lang)))
                            .map(str::to_string)
                    }),
                    recommendation_notes,
                    items,
                    comments,
                }
            })
            .collect()
    }

    /// The NPS question, where the questionnaire asks it.
    pub(super) fn nps(&self) -> Option<NpsSection> {
        let (q, lang, analysis, b) = (self.q, self.lang, self.analysis, self);
        q.nps.as_ref().and_then(|nps| {
            let question = nps
                .customer
                .as_ref()
                .or(nps.self_text.as_ref())?
                .get(lang)
                .to_string();
            Some(NpsSection {
                comments: comments_of(analysis, None, question.clone()),
                question,
                figures: b.nps_figures()?,
                chart_svg: b.nps_chart()?,
            })
        })
    }

    /// The customer view of every dimension against its target, when any dimension has one.
    pub(super) fn targets_chart(&self) -> String {
        let dimensions = &self.scores.dimensions;
        if dimensions
            .iter()
            .all(|d| d.customer.target.target.is_none())
        {
            return String::new();
        }
        let rows: Vec<charts::TargetRow> = self
            .q
            .dimensions
            .iter()
            .zip(dimensions)
            .map(|(dimension, s)| {
                let view = &s.customer;
                charts::TargetRow {
                    label: dimension.name.get(self.lang).to_string(),
                    score: view.score,
                    ci95: view.ci95,
                    target: view.target.target,
                    distance: match (view.target.target, view.target.to_target) {
                        (Some(target), Some(d)) => self
                            .t("target_chart_value")
                            .replace("{target}", &targets::target_number(self.locale, target))
                            .replace("{points}", &self.locale.signed(d, 1)),
                        _ => String::new(),
                    },
                    note: match view.interval_reaches_target() {
                        true => self.t("target_chart_interval").to_string(),
                        false => String::new(),
                    },
                }
            })
            .collect();
        charts::targets(&rows, self.t("target_chart_title"))
    }

    /// The answers 0–10 of both views as bars: the customers', and beside them the
    /// company's estimate. `None` when neither view was asked.
    pub(super) fn nps_chart(&self) -> Option<String> {
        let nps = self.scores.nps.as_ref()?;
        let views = [
            (&nps.customer, "nps_chart_customer"),
            (&nps.self_view, "nps_chart_self"),
        ];
        let panels: Vec<charts::NpsPanel> = views
            .into_iter()
            .filter_map(|(view, who)| {
                let view = view.as_ref()?;
                let score = view
                    .score
                    .map_or_else(|| "–".to_string(), |v| self.locale.signed(v, 0));
                Some(charts::NpsPanel {
                    title: self
                        .t("nps_chart_panel")
                        .replace("{view}", self.t(who))
                        .replace("{score}", &score)
                        .replace("{n}", &view.n.to_string()),
                    counts: view.counts,
                })
            })
            .collect();
        if panels.is_empty() {
            return None;
        }
        // under brackets that show the answers they span: the names alone fit
        let categories = [
            self.t("nps_detractors_short"),
            self.t("nps_passives_short"),
            self.t("nps_promoters_short"),
        ];
        let description: Vec<String> = views
            .iter()
            .filter_map(|(view, who)| {
                let view = view.as_ref()?;
                Some(
                    self.t("nps_chart_description")
                        .replace("{view}", self.t(who))
                        .replace("{detractors}", &view.detractors.to_string())
                        .replace("{passives}", &view.passives.to_string())
                        .replace("{promoters}", &view.promoters.to_string()),
                )
            })
            .collect();
        Some(charts::nps_bars(
            &panels,
            &charts::NpsWords {
                title: self.t("nps_chart_title"),
                description: &description.join(" "),
                categories,
            },
        ))
    }

    /// How the numbers were made: scale, anonymity, respondents, levels.
    pub(super) fn method(&self) -> Method {
        let (q, scores, lang, locale, assessment, analysis) = (
            self.q,
            self.scores,
            self.lang,
            self.locale,
            self.assessment,
            self.analysis,
        );
        let labels = q.scale.labels.get(lang).cloned().unwrap_or_default();
        let labelled: Vec<String> = labels
            .iter()
            .enumerate()
            .map(|(k, label)| format!("{} = {label}", q.scale.min + k as i64))
            .collect();
        Method {
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
                .replace("{files}", &analysis.files.to_string())
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
        }
    }

    /// The customer journey: phase by dimension.
    pub(super) fn journey(&self) -> Journey {
        let (q, scores, lang, b) = (self.q, self.scores, self.lang, self);
        Journey {
            phases: crate::model::questionnaire::Phase::ALL
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
        }
    }

    /// The inside view: each perspective's groups beside the whole.
    pub(super) fn inside(&self) -> Vec<GroupTable> {
        let (scores, assessment, b) = (self.scores, self.assessment, self);
        Perspective::BOTH
            .into_iter()
            .filter(|&p| !scores.groups.get(p).is_empty())
            .map(|p| b.group_table(p, assessment.min_group_size))
            .collect()
    }
}
