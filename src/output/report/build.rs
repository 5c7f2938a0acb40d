//! The typed view of the report, built from the analysis: layout and wording only, every
//! number comes from [`crate::analysis`].

use super::charts;
use super::colour::{readable, DEFAULT_ACCENT};
use super::view::*;
use crate::analysis::gaps::{Band, GapKind};
use crate::analysis::scores::{Both, GapTest, ItemScores, Scores};
use crate::analysis::trend::{Change, Trend};
use crate::analysis::Analysis;
use crate::model::assessment::Assessment;
use crate::model::questionnaire::{Item, Perspective, Questionnaire};
use crate::output::locale::Locale;

/// How many of the largest blind spots and hidden strengths the summary names.
pub(super) const HIGHLIGHTS: usize = 3;

/// Below this Cronbach's alpha the report says the dimension's items do not measure one
/// thing (see `alpha_low_note`).
const ALPHA_LOW: f64 = 0.5;

/// The most groups a table of the inside view shows: the largest, and the pool.
const GROUPS_SHOWN: usize = 40;

/// What every part of the report is made from, with the report's ways of writing things.
pub(super) struct Builder<'a> {
    pub(super) q: &'a Questionnaire,
    pub(super) scores: &'a Scores,
    pub(super) locale: &'a Locale,
    pub(super) lang: &'a str,
    pub(super) assessment: &'a Assessment,
    pub(super) analysis: &'a Analysis,
}

impl Builder<'_> {
    pub(super) fn t<'s>(&'s self, key: &'s str) -> &'s str {
        self.locale.t(key)
    }

    pub(super) fn score(&self, score: Option<f64>) -> String {
        score.map_or_else(|| "–".to_string(), |s| self.locale.number(s, 1))
    }

    pub(super) fn gap(&self, gap: Option<f64>, test: &GapTest) -> GapText {
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
        let kind = GapKind::of(g);
        let band_label = self.t(&format!("band_{}", Band::of(g).id())).to_string();
        let label = match kind {
            // inside the aligned band but more than chance: not "aligned" beside a star
            GapKind::Aligned if test.significant => self.t("band_small_real").to_string(),
            GapKind::Aligned => band_label,
            GapKind::BlindSpot => format!("{band_label} · {}", self.t("blind_spot")),
            GapKind::HiddenStrength => format!("{band_label} · {}", self.t("hidden_strength")),
        };
        GapText {
            value: self.locale.signed(g, 1),
            significant: test.significant,
            test: parts.join(" · "),
            kind: kind.id(),
            label,
        }
    }

    pub(super) fn interval(&self, ci: Option<[f64; 2]>, decimals: usize) -> String {
        ci.map_or_else(String::new, |[low, high]| {
            format!(
                "{} – {}",
                self.locale.number(low, decimals),
                self.locale.number(high, decimals)
            )
        })
    }

    pub(super) fn alpha(&self, alpha: Option<f64>) -> String {
        alpha.map_or_else(|| "–".to_string(), |a| self.locale.number(a, 2))
    }

    pub(super) fn alpha_low(&self, alpha: Option<f64>) -> bool {
        alpha.is_some_and(|a| a < ALPHA_LOW)
    }

    pub(super) fn level(&self, level: Option<usize>) -> Option<LevelRef> {
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
    pub(super) fn item_text(&self, item: &Item) -> String {
        item.customer
            .as_ref()
            .or(item.self_text.as_ref())
            .map_or_else(String::new, |t| t.get(self.lang).to_string())
    }

    pub(super) fn mean(&self, view: Option<&crate::analysis::scores::ItemView>) -> String {
        match view {
            None => self.t("not_asked").to_string(),
            Some(v) => v
                .mean
                .map_or_else(|| "–".to_string(), |m| self.locale.number(m, 1)),
        }
    }

    /// An item's score on the 0–100 scale, the scale of the gap beside it; "not applicable"
    /// when every answer of the perspective was "na".
    pub(super) fn item_score(&self, view: Option<&crate::analysis::scores::ItemView>) -> String {
        match view {
            None => self.t("not_asked").to_string(),
            Some(v) if not_applicable(v) => self.t("not_applicable_all").to_string(),
            Some(v) => self.score(v.score),
        }
    }

    pub(super) fn dimension_row(&self, d: usize) -> DimensionRow {
        let dimension = &self.q.dimensions[d];
        let s = &self.scores.dimensions[d];
        DimensionRow {
            id: dimension.id.clone(),
            name: dimension.name.get(self.lang).to_string(),
            self_score: self.score(s.self_view.score),
            self_n: s.self_view.n,
            self_ci: self.interval(s.self_view.ci95, 1),
            self_alpha: self.alpha(s.self_view.alpha),
            self_alpha_low: self.alpha_low(s.self_view.alpha),
            customer_score: self.score(s.customer.score),
            customer_n: s.customer.n,
            customer_ci: self.interval(s.customer.ci95, 1),
            customer_alpha: self.alpha(s.customer.alpha),
            customer_alpha_low: self.alpha_low(s.customer.alpha),
            gap: self.gap(s.gap, &s.test),
            target: super::targets::target_text(self.locale, &s.customer.target, Some(&s.customer)),
        }
    }

    pub(super) fn highlight(&self, index: usize) -> Highlight {
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
            self_score: self.item_score(item.self_view.as_ref()),
            customer_score: self.item_score(item.customer.as_ref()),
        }
    }

    pub(super) fn journey_cell(
        &self,
        cell: &crate::analysis::scores::JourneyCell,
    ) -> JourneyCellView {
        let side = |v: &Option<crate::analysis::scores::JourneyView>| match v {
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
    pub(super) fn group_table(&self, p: Perspective, min_group_size: usize) -> GroupTable {
        let all = self.scores.groups.get(p);
        // the largest groups, in their usual order; thirty thousand rows would make a
        // report no one reads and no browser prints (the JSON keeps every group)
        let mut largest: Vec<usize> = (0..all.len()).collect();
        largest.sort_by_key(|&i| (all[i].pooled == 0, std::cmp::Reverse(all[i].n)));
        largest.truncate(GROUPS_SHOWN);
        largest.sort_unstable();
        let groups: Vec<&crate::analysis::scores::Group> =
            largest.iter().map(|&i| &all[i]).collect();
        let more = match all.len() - groups.len() {
            0 => String::new(),
            more => self
                .t("groups_more")
                .replace("{shown}", &groups.len().to_string())
                .replace("{more}", &more.to_string()),
        };
        let mut pooling = Vec::new();
        if let Some(pool) = all.iter().find(|g| g.pooled > 0) {
            if pool.pooled_small > 0 {
                pooling.push(
                    self.t("groups_pooled_small")
                        .replace("{k}", &pool.pooled_small.to_string())
                        .replace("{min}", &min_group_size.to_string()),
                );
            }
            if !pool.pooled_to_protect.is_empty() {
                pooling.push(
                    self.t("groups_pooled_protect")
                        .replace("{names}", &pool.pooled_to_protect.join(", ")),
                );
            }
        }
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
            more,
            pooling,
        }
    }

    pub(super) fn nps_figures(&self) -> Option<NpsFigures> {
        let nps = self.scores.nps.as_ref()?;
        let view = |s: &Option<crate::analysis::scores::NpsScores>| {
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

/// Every answer of a perspective to an item was "na" (don't know / not applicable): the
/// item did not apply to them, and a recommendation that rests on it may not either.
pub(super) fn not_applicable(view: &crate::analysis::scores::ItemView) -> bool {
    view.n == 0 && view.na > 0
}

/// The answers of both perspectives, worst experience first: a reverse-keyed item's raw
/// answers are turned around, so that left is always the bad side.
pub(super) fn distribution_bars(
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

fn change_text(locale: &Locale, change: &Change) -> ChangeText {
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
fn trend_view(assessment: &Assessment, trend: &Trend, locale: &Locale) -> TrendView {
    let q = &assessment.questionnaire;
    let lang = locale.language.code();
    let row = |name: String, change: &Both<Change>| TrendRow {
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
    // what cannot be compared, said rather than left as dashes and an empty chart
    let notes: Vec<String> = [Perspective::Customer, Perspective::SelfView]
        .into_iter()
        .filter(|&p| {
            trend.overall.get(p).change.is_none()
                && trend
                    .dimensions
                    .iter()
                    .all(|(_, c)| c.get(p).change.is_none())
        })
        .map(|p| {
            let key = if *trend.before_respondents.get(p) == 0 {
                "trend_none_before"
            } else if trend.overall.get(p).now.is_none() {
                "trend_none_now"
            } else {
                "trend_none_shared"
            };
            locale
                .t(key)
                .replace("{wave}", &trend.baseline_wave)
                .replace("{answers}", locale.t(&format!("trend_answers_{}", p.id())))
        })
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
    let mut moved: Vec<&(String, Both<Change>)> = trend
        .items
        .iter()
        .filter(|(_, c)| c.customer.change.is_some())
        .collect();
    moved.sort_by(|a, b| {
        let size = |c: &Change| c.change.map_or(0.0, f64::abs);
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
        before: trend.baseline_wave.clone(),
        now: assessment.wave.clone(),
        overall: row(locale.t("overall_score").to_string(), &trend.overall),
        // no chart without a single change to draw
        chart_svg: if chart_rows.iter().any(|r| r.gap.is_some()) {
            charts::gap_bars(
                &chart_rows,
                locale.t("trend_chart_title"),
                locale.t("trend_worse"),
                locale.t("trend_better"),
                true,
                locale.numbers(),
            )
        } else {
            String::new()
        },
        notes,
        rows,
        movers,
        progress: super::targets::progress(q, trend, locale),
    }
}

pub(super) fn comments_of(analysis: &Analysis, item: Option<usize>, text: String) -> ItemComments {
    let of = |p: Perspective| {
        analysis
            .comments
            .iter()
            .filter(|c| c.item == item && c.perspective == p)
            .map(|c| c.text.clone())
            .collect()
    };
    let more = |p: Perspective| {
        analysis.comment_counts.get(&(item, p)).map_or(0, |n| {
            n.saturating_sub(crate::analysis::comments::COMMENTS_SHOWN)
        })
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

pub(super) fn build(assessment: &Assessment, analysis: &Analysis, locale: &Locale) -> ReportView {
    let q = &assessment.questionnaire;
    let lang = locale.language.code();
    let b = Builder {
        q,
        scores: &analysis.scores,
        locale,
        lang,
        assessment,
        analysis,
    };
    let labels = q.scale.labels.get(lang).cloned().unwrap_or_default();
    let brand = assessment.accent.as_deref().unwrap_or(DEFAULT_ACCENT);
    ReportView {
        lang: lang.to_string(),
        t: locale.strings.clone(),
        accent: readable(brand, 3.0),
        accent_text: readable(brand, 4.5),
        cover: b.cover(),
        summary: b.summary(),
        views: b.views(),
        drivers: b.drivers(),
        dimensions: b.dimensions(),
        nps: b.nps(),
        themes: b.themes(),
        journey: b.journey(),
        inside: b.inside(),
        trend: analysis
            .trend
            .as_ref()
            .map(|trend| trend_view(assessment, trend, locale)),
        norms: None,
        method: b.method(),
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
