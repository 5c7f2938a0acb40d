//! `score --format xlsx`: the scores as an Excel workbook, a sheet per part of the JSON
//! document (summary, dimensions, statements, groups, journey, NPS, drivers, comment terms),
//! its words in the assessment's language. Numbers are number cells with every digit and a
//! display format; `null` is an empty cell; an interval is two columns. Nothing is shown that
//! `score --format json` does not show (the anonymity rules are the analysis's).

mod sheet;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::Exporter;
use crate::analysis::drivers::Omitted;
use crate::analysis::scores::{ItemView, Scores};
use crate::analysis::Analysis;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::output::locale::Locale;
use sheet::{Cell, Kind, Table};

/// The workbook, its words in `language` (`score --lang`, else the assessment's language).
pub struct Xlsx {
    pub language: Language,
}

impl Exporter for Xlsx {
    fn export(&self, assessment: &Assessment, analysis: &Analysis) -> Result<Vec<u8>, Problems> {
        assessment.questionnaire.require_language(self.language)?;
        let locale = Locale::built_in(self.language)?;
        let book = Book {
            assessment,
            q: &assessment.questionnaire,
            scores: &analysis.scores,
            locale: &locale,
            lang: self.language.code(),
        };
        workbook(assessment, &book.tables()).map_err(|e| {
            Diagnostic::file(
                &assessment.dir,
                format!("cannot make the workbook of the scores: {e}"),
            )
            .into()
        })
    }
}

/// The workbook's bytes. Its creation date is the assessment's date, not the clock: the same
/// assessment gives the same bytes.
fn workbook(assessment: &Assessment, tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let date = assessment.date;
    let created = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} · {}", assessment.client, assessment.wave))
            .set_author("centricity")
            .set_creation_datetime(&created),
    );
    for table in tables {
        table.write(&mut workbook)?;
    }
    workbook.save_to_buffer()
}

/// What the sheets are made from.
struct Book<'a> {
    assessment: &'a Assessment,
    q: &'a Questionnaire,
    scores: &'a Scores,
    locale: &'a Locale,
    lang: &'static str,
}

impl Book<'_> {
    fn t<'k>(&'k self, key: &'k str) -> &'k str {
        self.locale.t(key)
    }

    /// The sheets, in the order of the JSON document; those without content are left out.
    fn tables(&self) -> Vec<Table> {
        let mut tables = vec![
            self.summary(),
            self.dimensions(),
            self.items(),
            self.groups(),
            self.journey(),
        ];
        tables.extend(self.nps());
        tables.extend(self.drivers());
        tables.extend(self.driver_items());
        tables.push(self.themes());
        tables.retain(|t| !t.is_empty());
        tables
    }

    fn view(&self, p: Perspective) -> &str {
        match p {
            Perspective::SelfView => self.t("self_short"),
            Perspective::Customer => self.t("customer_short"),
        }
    }

    /// "Score · Self": a measure of one perspective.
    fn of(&self, key: &str, p: Perspective) -> String {
        format!("{} · {}", self.t(key), self.view(p))
    }

    /// Yes or no in words: LibreOffice shows a boolean cell as `1` or `TRUE` by chance.
    fn yes_no(&self, yes: bool) -> Cell {
        Cell::text(self.t(if yes { "xlsx_yes" } else { "xlsx_no" }))
    }

    fn dimension_name(&self, id: &str) -> String {
        self.q
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.name.get(self.lang).to_string())
    }

    fn level_name(&self, level: Option<usize>) -> Cell {
        level
            .and_then(|l| self.q.levels.get(l.wrapping_sub(1)))
            .map_or(Cell::Empty, |l| Cell::text(l.name.get(self.lang)))
    }

    /// The headers of a gap and its test, the same for dimensions and statements.
    fn gap_headers(&self, table: &mut Table) {
        for key in [
            "gap",
            "xlsx_band",
            "xlsx_p",
            "xlsx_hedges_g",
            "xlsx_significant",
        ] {
            table.header(self.t(key));
        }
    }

    /// A gap, its band and its test, under [`Self::gap_headers`].
    fn gap_cells(
        &self,
        gap: Option<f64>,
        band: Option<crate::analysis::gaps::Band>,
        test: &crate::analysis::scores::GapTest,
    ) -> [Cell; 5] {
        [
            Cell::number(gap, Kind::Signed),
            self.band(band),
            Cell::number(test.p_value, Kind::P),
            Cell::number(test.hedges_g, Kind::Decimal2),
            self.yes_no(test.significant),
        ]
    }

    fn band(&self, band: Option<crate::analysis::gaps::Band>) -> Cell {
        band.map_or(Cell::Empty, |b| {
            Cell::text(self.t(&format!("band_{}", b.id())))
        })
    }

    /// The wording of a statement: the customers', else the self-view's (as the report).
    fn statement(&self, id: &str) -> Cell {
        let item = self.q.item_ids.get(id).map(|&i| &self.q.items[i]);
        item.and_then(|i| i.customer.as_ref().or(i.self_text.as_ref()))
            .map_or(Cell::Empty, |t| Cell::text(t.get(self.lang)))
    }

    /// The overall view, the NPS and the drivers' fit per perspective; then the assessment.
    fn summary(&self) -> Table {
        let s = self.scores;
        let mut table = Table::new(self.t("xlsx_sheet_summary"), 1).unfiltered();
        for key in [
            "xlsx_measure",
            "self_view",
            "customer_view",
            "gap",
            "xlsx_band",
        ] {
            table.header(self.t(key));
        }
        let o = &s.overall;
        let both = |label: &str, f: &dyn Fn(Perspective) -> Cell| {
            let mut cells = vec![Cell::text(label)];
            cells.extend(Perspective::BOTH.map(f));
            cells.extend([Cell::Empty, Cell::Empty]);
            cells
        };
        table.row(both(self.t("respondents"), &|p| {
            Cell::count(*s.respondents.get(p))
        }));
        let mut overall = both(self.t("overall_score"), &|p| {
            Cell::number(pick(p, &o.self_view, &o.customer).score, Kind::Score)
        });
        overall[3] = Cell::number(o.gap, Kind::Signed);
        overall[4] = self.band(o.band);
        table.row(overall);
        table.row(both(self.t("level"), &|p| {
            pick(p, &o.self_view, &o.customer)
                .level
                .map_or(Cell::Empty, Cell::count)
        }));
        table.row(both(self.t("xlsx_level_name"), &|p| {
            self.level_name(pick(p, &o.self_view, &o.customer).level)
        }));
        table.row(both(self.t("target"), &|p| {
            Cell::number(
                pick(p, &o.self_view, &o.customer).target.target,
                Kind::Score,
            )
        }));
        table.row(both(self.t("xlsx_to_target"), &|p| {
            Cell::number(
                pick(p, &o.self_view, &o.customer).target.to_target,
                Kind::Signed,
            )
        }));
        if let Some(nps) = &s.nps {
            table.row(both(self.t("nps_short"), &|p| {
                Cell::number(nps.get(p).as_ref().and_then(|v| v.score), Kind::Signed)
            }));
            table.row(both(self.t("xlsx_nps_n"), &|p| {
                nps.get(p)
                    .as_ref()
                    .map_or(Cell::Empty, |v| Cell::count(v.n))
            }));
        }
        if let Some(drivers) = &s.drivers {
            let customer = |cell: Cell| {
                move |p: Perspective| match p {
                    Perspective::Customer => cell.clone(),
                    Perspective::SelfView => Cell::Empty,
                }
            };
            table.row(both(
                self.t("xlsx_drivers_n"),
                &customer(Cell::count(drivers.n)),
            ));
            table.row(both(
                self.t("xlsx_drivers_r2"),
                &customer(Cell::number(drivers.r2, Kind::Decimal3)),
            ));
            if let Some(omitted) = drivers.dimensions_omitted {
                table.row(both(
                    self.t("xlsx_drivers_omitted"),
                    &customer(Cell::text(self.omitted(omitted))),
                ));
            }
        }
        let a = self.assessment;
        let facts = [
            ("xlsx_client", a.client.clone()),
            ("wave", a.wave.clone()),
            ("date", self.locale.date(a.date)),
            (
                "method_questionnaire",
                format!("{} {}", self.q.id, self.q.version),
            ),
        ];
        for (key, value) in facts {
            let mut cells = vec![Cell::text(self.t(key)), Cell::text(value)];
            cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
            table.row(cells);
        }
        table
    }

    fn omitted(&self, omitted: Omitted) -> String {
        match omitted {
            Omitted::TooManyDimensions => self.t("drivers_too_many_dimensions").replace(
                "{max}",
                &crate::analysis::drivers::MAX_DIMENSIONS.to_string(),
            ),
            Omitted::NoVariance => self.t("drivers_no_variance").to_string(),
            Omitted::Collinear => self.t("drivers_collinear").to_string(),
        }
    }

    /// A row per dimension: both views side by side, then the gap and its test, then the
    /// customer view's target.
    fn dimensions(&self) -> Table {
        let mut table = Table::new(self.t("xlsx_sheet_dimensions"), 2);
        table.header(self.t("xlsx_id"));
        table.header(self.t("dimension"));
        for p in Perspective::BOTH {
            for key in [
                "n",
                "mean",
                "score",
                "xlsx_sd",
                "xlsx_ci_low",
                "xlsx_ci_high",
                "alpha",
                "level",
                "xlsx_level_name",
            ] {
                table.header(self.of(key, p));
            }
        }
        self.gap_headers(&mut table);
        for key in ["target", "xlsx_to_target"] {
            table.header(self.t(key));
        }
        for d in &self.scores.dimensions {
            let mut cells = vec![Cell::text(&d.id), Cell::text(self.dimension_name(&d.id))];
            for p in Perspective::BOTH {
                let v = pick(p, &d.self_view, &d.customer);
                cells.extend([
                    Cell::count(v.n),
                    Cell::number(v.mean, Kind::Decimal2),
                    Cell::number(v.score, Kind::Score),
                    Cell::number(v.sd, Kind::Score),
                    Cell::number(v.ci95.map(|c| c[0]), Kind::Score),
                    Cell::number(v.ci95.map(|c| c[1]), Kind::Score),
                    Cell::number(v.alpha, Kind::Decimal2),
                    v.level.map_or(Cell::Empty, Cell::count),
                    self.level_name(v.level),
                ]);
            }
            cells.extend(self.gap_cells(d.gap, d.band, &d.test));
            cells.extend([
                Cell::number(d.customer.target.target, Kind::Score),
                Cell::number(d.customer.target.to_target, Kind::Signed),
            ]);
            table.row(cells);
        }
        table
    }

    /// A row per statement: its wording, both views with a column per answer, the gap.
    fn items(&self) -> Table {
        let mut table = Table::new(self.t("xlsx_sheet_items"), 1);
        for key in ["xlsx_id", "item", "dimension", "phase", "xlsx_reverse"] {
            table.header(self.t(key));
        }
        let answers: Vec<i64> = (self.q.scale.min..=self.q.scale.max).collect();
        for p in Perspective::BOTH {
            for key in [
                "n",
                "na",
                "xlsx_missing",
                "mean",
                "score",
                "xlsx_sd",
                "xlsx_ci_low",
                "xlsx_ci_high",
            ] {
                table.header(self.of(key, p));
            }
            for value in &answers {
                let answer = self.t("xlsx_answer").replace("{value}", &value.to_string());
                table.header(format!("{answer} · {}", self.view(p)));
            }
        }
        self.gap_headers(&mut table);
        for i in &self.scores.items {
            let reverse = self.q.item_ids.get(&i.id).map(|&x| self.q.items[x].reverse);
            let mut cells = vec![
                Cell::text(&i.id),
                self.statement(&i.id),
                Cell::text(self.dimension_name(&i.dimension)),
                Cell::text(self.t(&format!("phase_{}", i.phase.id()))),
                reverse.map_or(Cell::Empty, |r| self.yes_no(r)),
            ];
            for p in Perspective::BOTH {
                cells.extend(item_view(i.view(p), answers.len()));
            }
            cells.extend(self.gap_cells(i.gap, i.band, &i.test));
            table.row(cells);
        }
        table
    }

    /// A row per group and perspective, pooled and suppressed exactly as in the JSON.
    fn groups(&self) -> Table {
        let mut table = Table::new(self.t("xlsx_sheet_groups"), 2);
        for key in [
            "view",
            "group",
            "n",
            "xlsx_pooled",
            "xlsx_pooled_small",
            "xlsx_pooled_to_protect",
        ] {
            table.header(self.t(key));
        }
        for d in &self.q.dimensions {
            table.header(format!("{} · {}", d.name.get(self.lang), self.t("score")));
        }
        for p in Perspective::BOTH {
            for g in self.scores.groups.get(p) {
                let name = match g.pooled {
                    0 => g.name.clone(),
                    1 => self.t("other_group_one").to_string(),
                    k => self.t("other_group").replace("{k}", &k.to_string()),
                };
                let mut cells = vec![
                    Cell::text(self.view(p)),
                    Cell::text(name),
                    g.n.map_or(Cell::Empty, Cell::count),
                    Cell::count(g.pooled),
                    Cell::count(g.pooled_small),
                    Cell::text(g.pooled_to_protect.join(", ")),
                ];
                for d in &self.q.dimensions {
                    let score = g.dimensions.iter().find(|x| x.id == d.id);
                    cells.push(Cell::number(score.and_then(|x| x.score), Kind::Score));
                }
                table.row(cells);
            }
        }
        table
    }

    /// A row per phase and dimension: answers and score of both views, and the gap.
    fn journey(&self) -> Table {
        let mut table = Table::new(self.t("xlsx_sheet_journey"), 2);
        table.header(self.t("phase"));
        table.header(self.t("dimension"));
        for p in Perspective::BOTH {
            table.header(self.of("xlsx_answers", p));
            table.header(self.of("score", p));
        }
        table.header(self.t("gap"));
        for c in &self.scores.journey {
            let mut cells = vec![
                Cell::text(self.t(&format!("phase_{}", c.phase.id()))),
                Cell::text(self.dimension_name(&c.dimension)),
            ];
            for v in [&c.self_view, &c.customer] {
                cells.push(v.as_ref().map_or(Cell::Empty, |v| Cell::count(v.n)));
                cells.push(Cell::number(v.as_ref().and_then(|v| v.score), Kind::Score));
            }
            cells.push(Cell::number(c.gap, Kind::Signed));
            table.row(cells);
        }
        table
    }

    /// A row per perspective asked the NPS question: the answers 0–10, the three groups,
    /// the score and its interval.
    fn nps(&self) -> Option<Table> {
        let nps = self.scores.nps.as_ref()?;
        let mut table = Table::new(self.t("xlsx_sheet_nps"), 1);
        table.header(self.t("view"));
        table.header(self.t("n"));
        for value in 0..=10 {
            table.header(self.t("xlsx_answer").replace("{value}", &value.to_string()));
        }
        for key in [
            "nps_detractors_short",
            "nps_passives_short",
            "nps_promoters_short",
            "nps_short",
            "xlsx_ci_low",
            "xlsx_ci_high",
        ] {
            table.header(self.t(key));
        }
        for p in Perspective::BOTH {
            let Some(v) = nps.get(p) else { continue };
            let mut cells = vec![Cell::text(self.view(p)), Cell::count(v.n)];
            cells.extend(v.counts.iter().map(|&c| Cell::count(c)));
            cells.extend([
                Cell::count(v.detractors),
                Cell::count(v.passives),
                Cell::count(v.promoters),
                Cell::number(v.score, Kind::Signed),
                Cell::number(v.ci95.map(|c| c[0]), Kind::Signed),
                Cell::number(v.ci95.map(|c| c[1]), Kind::Signed),
            ]);
            table.row(cells);
        }
        Some(table)
    }

    /// The dimensions' parts of R² (LMG, in percent, Johnson's relative weight).
    fn drivers(&self) -> Option<Table> {
        let dimensions = self.scores.drivers.as_ref()?.dimensions.as_ref()?;
        let mut table = Table::new(self.t("xlsx_sheet_drivers"), 2);
        for key in [
            "xlsx_id",
            "dimension",
            "drivers_lmg",
            "drivers_share",
            "drivers_relative_weight",
        ] {
            table.header(self.t(key));
        }
        for d in dimensions {
            table.row(vec![
                Cell::text(&d.id),
                Cell::text(self.dimension_name(&d.id)),
                Cell::number(d.lmg, Kind::Decimal3),
                Cell::number(d.share, Kind::Percent),
                Cell::number(d.relative_weight, Kind::Decimal3),
            ]);
        }
        Some(table)
    }

    /// Each statement's correlation with the NPS answer and its place in the priority matrix.
    fn driver_items(&self) -> Option<Table> {
        let drivers = self.scores.drivers.as_ref()?;
        let priorities = self.scores.priorities.as_deref().unwrap_or_default();
        let mut table = Table::new(self.t("xlsx_sheet_driver_items"), 1);
        for key in [
            "xlsx_id",
            "item",
            "n",
            "xlsx_r",
            "xlsx_ci_low",
            "xlsx_ci_high",
            "xlsx_p",
            "matrix_quadrant",
            "xlsx_importance",
            "xlsx_performance",
            "self_score_col",
        ] {
            table.header(self.t(key));
        }
        for i in &drivers.items {
            let at = priorities.iter().find(|p| p.id == i.id);
            table.row(vec![
                Cell::text(&i.id),
                self.statement(&i.id),
                Cell::count(i.n),
                Cell::number(i.r, Kind::Decimal3),
                Cell::number(i.ci95.map(|c| c[0]), Kind::Decimal3),
                Cell::number(i.ci95.map(|c| c[1]), Kind::Decimal3),
                Cell::number(i.p_value, Kind::P),
                at.map_or(Cell::Empty, |p| {
                    Cell::text(self.t(&format!("quadrant_{}", p.quadrant.id())))
                }),
                Cell::number(at.map(|p| p.importance), Kind::Decimal3),
                Cell::number(at.map(|p| p.performance), Kind::Score),
                Cell::number(at.and_then(|p| p.self_score), Kind::Score),
            ]);
        }
        Some(table)
    }

    /// The comments' terms as a list: per dimension with their counts, the detractors' and
    /// promoters' with their z, the themes with their counts; only what the JSON shows.
    fn themes(&self) -> Table {
        let mut table = Table::new(self.t("xlsx_sheet_themes"), 0);
        for key in [
            "view",
            "xlsx_context",
            "xlsx_term",
            "xlsx_comments",
            "xlsx_z",
        ] {
            table.header(self.t(key));
        }
        for p in Perspective::BOTH {
            let themes = self.scores.themes.get(p);
            let view = || Cell::text(self.view(p));
            for d in &themes.dimensions {
                for term in d.terms.iter().flatten() {
                    table.row(vec![
                        view(),
                        Cell::text(self.dimension_name(&d.id)),
                        Cell::text(&term.term),
                        Cell::count(term.count),
                        Cell::Empty,
                    ]);
                }
            }
            for (key, terms) in [
                ("themes_detractors", &themes.detractors),
                ("themes_promoters", &themes.promoters),
            ] {
                for term in terms.iter().flatten() {
                    table.row(vec![
                        view(),
                        Cell::text(self.t(key)),
                        Cell::text(&term.term),
                        Cell::Empty,
                        Cell::number(Some(term.z), Kind::Decimal2),
                    ]);
                }
            }
            for theme in &themes.dictionary {
                table.row(vec![
                    view(),
                    Cell::text(self.t("themes_dictionary")),
                    Cell::text(&theme.theme),
                    theme.comments.map_or(Cell::Empty, Cell::count),
                    Cell::Empty,
                ]);
            }
        }
        table
    }
}

/// One perspective's of two values.
fn pick<'a, T>(p: Perspective, self_view: &'a T, customer: &'a T) -> &'a T {
    match p {
        Perspective::SelfView => self_view,
        Perspective::Customer => customer,
    }
}

/// A statement's cells for one perspective; empty where it is not asked of it.
fn item_view(view: Option<&ItemView>, answers: usize) -> Vec<Cell> {
    let Some(v) = view else {
        return vec![Cell::Empty; 8 + answers];
    };
    let mut cells = vec![
        Cell::count(v.n),
        Cell::count(v.na),
        Cell::count(v.missing),
        Cell::number(v.mean, Kind::Decimal2),
        Cell::number(v.score, Kind::Score),
        Cell::number(v.sd, Kind::Score),
        Cell::number(v.ci95.map(|c| c[0]), Kind::Score),
        Cell::number(v.ci95.map(|c| c[1]), Kind::Score),
    ];
    cells.extend(v.counts.iter().map(|&c| Cell::count(c)));
    cells.resize(8 + answers, Cell::Empty);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Excel refuses a workbook whose sheet names are longer than 31 characters or hold
    /// one of `[]:*?/\`: every shipped language's names pass its rules.
    #[test]
    fn every_sheet_name_is_one_excel_accepts() {
        for language in [Language::De, Language::En] {
            let locale = Locale::built_in(language).unwrap();
            let names: Vec<&String> = locale
                .strings
                .iter()
                .filter(|(key, _)| key.starts_with("xlsx_sheet_"))
                .map(|(_, name)| name)
                .collect();
            assert_eq!(names.len(), 9, "{language}");
            for name in names {
                rust_xlsxwriter::utility::check_sheet_name(name)
                    .unwrap_or_else(|e| panic!("{language}: {name:?}: {e}"));
            }
        }
    }
}
