//! The HTML report: a typed view of the analysis for the templates ([`view`], made by
//! [`build`]), charts as inline SVG ([`charts`]), the brand colour made readable.
//!
//! Nothing is computed here but layout: every number comes from [`crate::analysis`].

mod build;
pub mod charts;
pub mod colour;
mod drivers;
mod matrix;
pub mod norms;
mod sections;
mod targets;
mod themes;
pub mod view;

use tera::Context;

use crate::analysis::Analysis;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::output::templates::{render_template, Templates};

/// Renders the report of an assessment in a language, with the shipped templates or a
/// consultant's own (see [`Templates`]).
pub fn render(
    assessment: &Assessment,
    analysis: &Analysis,
    language: Language,
    templates: &Templates,
) -> Result<String, Problems> {
    render_with_norms(assessment, analysis, language, templates, None)
}

/// [`render`], and with `standing` where the client stands among the norms of
/// `report --norms`.
pub fn render_with_norms(
    assessment: &Assessment,
    analysis: &Analysis,
    language: Language,
    templates: &Templates,
    standing: Option<&crate::analysis::norms::Standing>,
) -> Result<String, Problems> {
    let q = &assessment.questionnaire;
    q.require_language(language)?;
    let locale = templates.locale(language)?;
    let mut view = build::build(assessment, analysis, &locale);
    view.norms = standing.map(|s| norms::view(s, q, &locale));
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

/// The language of the consultant's summary, when a report in `language` shows one written
/// in another: a summary for every language (`summary = "summary.md"`) is in the
/// assessment's own language. `None` when the summary is in the report's language or none
/// is shown.
pub fn summary_language(assessment: &Assessment, language: Language) -> Option<Language> {
    if assessment.summary.contains_key(language.code()) {
        return None;
    }
    assessment.summary_for(language)?;
    (assessment.language != language).then_some(assessment.language)
}
