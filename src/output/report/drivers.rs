//! The report's driver section and its "what to fix first": wording and layout of
//! [`crate::analysis::drivers`], nothing computed but the chart's geometry.

use std::collections::HashMap;

use super::build::Builder;
use super::matrix;
use super::view::{DriverDimension, DriverItem, DriversView, FixFirst};
use crate::analysis::drivers::{self, Drivers, Omitted, Priority, Quadrant, MIN_CUSTOMERS};
use crate::model::questionnaire::Perspective;

/// How many items "what to fix first" names at most.
const FIX_FIRST: usize = 5;

impl Builder<'_> {
    /// The driver section, the priority matrix and what to fix first; when there is no
    /// driver analysis, only the sentence that says why.
    pub(super) fn drivers(&self) -> DriversView {
        let Some(drivers) = &self.scores.drivers else {
            return DriversView {
                missing: self.no_drivers(),
                r2_text: String::new(),
                dimensions_note: String::new(),
                shares_svg: String::new(),
                dimensions: Vec::new(),
                items: Vec::new(),
                matrix_svg: String::new(),
                fix_first: Vec::new(),
            };
        };
        let (dimensions, shares_svg) = self.driver_dimensions(drivers);
        let (items, matrix_svg) = self.driver_items(drivers);
        DriversView {
            missing: String::new(),
            r2_text: drivers.r2.map_or_else(String::new, |r2| {
                self.t("drivers_r2")
                    .replace("{r2}", &self.locale.number(r2, 2))
                    .replace("{percent}", &self.percent(100.0 * r2))
                    .replace("{n}", &drivers.n.to_string())
            }),
            dimensions_note: match drivers.dimensions_omitted {
                None => String::new(),
                Some(Omitted::TooManyDimensions) => self
                    .t("drivers_too_many_dimensions")
                    .replace("{max}", &drivers::MAX_DIMENSIONS.to_string()),
                Some(Omitted::NoVariance) => self.t("drivers_no_variance").to_string(),
                Some(Omitted::Collinear) => self.t("drivers_collinear").to_string(),
            },
            shares_svg,
            dimensions,
            items,
            matrix_svg,
            fix_first: self.fix_first(),
        }
    }

    /// Why there is no driver analysis: no NPS question for customers, or too few customers.
    pub(super) fn no_drivers(&self) -> String {
        let asked = self
            .q
            .nps
            .as_ref()
            .is_some_and(|n| n.is_asked(Perspective::Customer));
        if asked {
            self.t("drivers_too_few")
                .replace("{n}", &self.scores.driver_customers.to_string())
                .replace("{min}", &MIN_CUSTOMERS.to_string())
        } else {
            self.t("drivers_no_nps").to_string()
        }
    }

    fn percent(&self, value: f64) -> String {
        self.t("percent")
            .replace("{value}", &self.locale.number(value, 1))
    }

    fn optional(&self, value: Option<f64>, decimals: usize) -> String {
        value.map_or_else(|| "–".to_string(), |v| self.locale.number(v, decimals))
    }

    fn driver_dimensions(&self, drivers: &Drivers) -> (Vec<DriverDimension>, String) {
        let Some(dimensions) = &drivers.dimensions else {
            return (Vec::new(), String::new());
        };
        let rows: Vec<DriverDimension> = dimensions
            .iter()
            .zip(&self.q.dimensions)
            .map(|(d, dimension)| {
                let relative = d
                    .relative_weight
                    .zip(drivers.r2)
                    .filter(|(_, r2)| *r2 > 0.0)
                    .map(|(w, r2)| 100.0 * w / r2);
                DriverDimension {
                    name: dimension.name.get(self.lang).to_string(),
                    share: d.share.map_or_else(|| "–".to_string(), |s| self.percent(s)),
                    lmg: self.optional(d.lmg, 3),
                    relative_weight: self.optional(d.relative_weight, 3),
                    relative_share: relative.map_or_else(|| "–".to_string(), |s| self.percent(s)),
                }
            })
            .collect();
        if drivers.r2.is_none() {
            return (rows, String::new());
        }
        let bars: Vec<matrix::ShareRow> = dimensions
            .iter()
            .zip(&rows)
            .map(|(d, row)| matrix::ShareRow {
                label: row.name.clone(),
                share: d.share,
                value: format!(
                    "{} · {} {}",
                    row.share,
                    self.t("drivers_relative_weight_short"),
                    row.relative_share
                ),
            })
            .collect();
        let svg = matrix::share_bars(&bars, self.t("drivers_shares_title"));
        (rows, svg)
    }

    /// The items' correlations, numbered as in the matrix, and the matrix.
    fn driver_items(&self, drivers: &Drivers) -> (Vec<DriverItem>, String) {
        let priorities = self.scores.priorities.as_deref().unwrap_or_default();
        let index: HashMap<&str, usize> = self
            .q
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i))
            .collect();
        let plotted: HashMap<&str, &Priority> =
            priorities.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut points = Vec::new();
        let items = drivers
            .items
            .iter()
            .map(|d| {
                let priority = plotted.get(d.id.as_str());
                let number = priority.map(|p| {
                    points.push(matrix::MatrixPoint {
                        number: points.len() + 1,
                        importance: p.importance,
                        performance: p.performance,
                        self_score: p.self_score,
                        concentrate: p.quadrant == Quadrant::Concentrate,
                    });
                    points.len()
                });
                let item = index.get(d.id.as_str()).map(|&i| &self.q.items[i]);
                DriverItem {
                    number: number.map_or_else(String::new, |n| n.to_string()),
                    text: item.map_or_else(String::new, |i| self.item_text(i)),
                    dimension: item.map_or_else(String::new, |i| {
                        self.q.dimensions[i.dimension]
                            .name
                            .get(self.lang)
                            .to_string()
                    }),
                    n: d.n,
                    r: self.optional(d.r, 2),
                    ci: self.interval(d.ci95, 2),
                    p: d.p_value.map_or_else(
                        || "–".to_string(),
                        |p| {
                            if p < 0.001 {
                                format!("< {}", self.locale.number(0.001, 3))
                            } else {
                                self.locale.number(p, 3)
                            }
                        },
                    ),
                    significant: d.p_value.is_some_and(|p| p < 0.05),
                    quadrant: priority.map_or_else(String::new, |p| p.quadrant.id().to_string()),
                    quadrant_label: priority.map_or_else(String::new, |p| {
                        self.t(&format!("quadrant_{}", p.quadrant.id())).to_string()
                    }),
                }
            })
            .collect();
        let plotted: Vec<(f64, f64)> = priorities
            .iter()
            .map(|p| (p.importance, p.performance))
            .collect();
        let Some(means) = drivers::crosshairs(&plotted) else {
            return (items, String::new());
        };
        let words = matrix::MatrixWords {
            title: self.t("matrix_title"),
            description: self.t("matrix_desc"),
            x_axis: self.t("matrix_x"),
            y_axis: self.t("matrix_y"),
            crosshairs: self.t("matrix_crosshairs"),
            quadrants: [
                self.t("quadrant_concentrate"),
                self.t("quadrant_keep_up"),
                self.t("quadrant_low_priority"),
                self.t("quadrant_overkill"),
            ],
        };
        let svg = matrix::priority_matrix(&points, means, &words, self.locale.numbers());
        (items, svg)
    }

    /// The most urgent items of "concentrate here", with their gap to the self-view.
    fn fix_first(&self) -> Vec<FixFirst> {
        let Some(priorities) = &self.scores.priorities else {
            return Vec::new();
        };
        self.scores
            .fix_first()
            .into_iter()
            .take(FIX_FIRST)
            .filter_map(|k| {
                let priority = &priorities[k];
                let index = self.q.items.iter().position(|i| i.id == priority.id)?;
                let (item, scores) = (&self.q.items[index], &self.scores.items[index]);
                Some(FixFirst {
                    number: (k + 1).to_string(),
                    text: self.item_text(item),
                    reverse: item.reverse,
                    dimension: self.q.dimensions[item.dimension]
                        .name
                        .get(self.lang)
                        .to_string(),
                    importance: self.locale.number(priority.importance, 2),
                    customer_score: self.item_score(scores.customer.as_ref()),
                    self_score: self.item_score(scores.self_view.as_ref()),
                    gap: self.gap(scores.gap, &scores.test),
                })
            })
            .collect()
    }
}
