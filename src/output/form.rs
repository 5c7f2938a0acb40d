//! The offline answer form: one HTML file with the questions of a perspective, which saves
//! a filled answer file (SPEC §2.3) as a download.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::model::questionnaire::Perspective;
use crate::output::locale::Locale;

#[derive(Serialize)]
pub struct FormView {
    pub lang: String,
    pub t: BTreeMap<String, String>,
    pub accent: String,
    pub title: String,
    pub client: String,
    pub wave: String,
    pub questionnaire: String,
    pub version: String,
    pub perspective: &'static str,
    pub allow_na: bool,
    pub scale: Vec<ScaleChoice>,
    pub dimensions: Vec<FormDimension>,
    pub nps: Option<FormQuestion>,
    /// Under which key the browser keeps unsaved answers (in the tab, or on the device if the
    /// person chooses so): one place per assessment and perspective.
    pub storage_key: String,
    pub group_label: String,
}

#[derive(Serialize)]
pub struct ScaleChoice {
    pub value: i64,
    pub label: String,
}

#[derive(Serialize)]
pub struct FormDimension {
    pub name: String,
    pub items: Vec<FormQuestion>,
}

#[derive(Serialize)]
pub struct FormQuestion {
    pub id: String,
    pub text: String,
    pub help: Option<String>,
}

pub fn render(
    assessment: &Assessment,
    perspective: Perspective,
    language: Language,
) -> Result<String, Problems> {
    let q = &assessment.questionnaire;
    q.require_language(language)?;
    let locale = Locale::built_in(language)?;
    let language = language.code();
    let labels = q.scale.labels.get(language).cloned().unwrap_or_default();
    let dimensions = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| FormDimension {
            name: dimension.name.get(language).to_string(),
            items: q
                .items
                .iter()
                .filter(|i| i.dimension == d && i.is_asked(perspective))
                .map(|item| FormQuestion {
                    id: item.id.clone(),
                    text: item
                        .text(perspective)
                        .map_or("", |t| t.get(language))
                        .to_string(),
                    help: item.help.as_ref().map(|h| h.get(language).to_string()),
                })
                .collect(),
        })
        .filter(|d| !d.items.is_empty())
        .collect();
    let nps = q
        .nps
        .as_ref()
        .filter(|n| n.is_asked(perspective))
        .map(|n| FormQuestion {
            id: n.id.clone(),
            text: n
                .text(perspective)
                .map_or("", |t| t.get(language))
                .to_string(),
            help: None,
        });
    let view = FormView {
        lang: language.to_string(),
        t: locale.strings.clone(),
        // the form puts white text on it and uses it for text: the text contrast applies
        accent: crate::output::report::colour::readable(
            assessment
                .accent
                .as_deref()
                .unwrap_or(crate::output::report::colour::DEFAULT_ACCENT),
            4.5,
        ),
        title: q.title.get(language).to_string(),
        client: assessment.client.clone(),
        wave: assessment.wave.clone(),
        questionnaire: q.id.clone(),
        version: q.version.clone(),
        perspective: perspective.id(),
        allow_na: q.scale.allow_na,
        scale: labels
            .into_iter()
            .enumerate()
            .map(|(k, label)| ScaleChoice {
                value: q.scale.min + k as i64,
                label,
            })
            .collect(),
        dimensions,
        nps,
        storage_key: format!(
            "centricity:{}:{}:{}:{}:{}",
            q.id,
            q.version,
            perspective.id(),
            assessment.client,
            assessment.wave
        ),
        group_label: locale
            .t(match perspective {
                Perspective::SelfView => "form_group_self",
                Perspective::Customer => "form_group_customer",
            })
            .to_string(),
    };
    let tera = crate::output::templates::templates()?;
    let context = Context::from_serialize(&view)
        .map_err(|e| Diagnostic::file("form.html", format!("cannot prepare the form: {e}")))?;
    crate::output::templates::render_template(&tera, "form.html", &context)
}
