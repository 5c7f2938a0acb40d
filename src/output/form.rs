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
    /// The introduction; where "na" is allowed, it names the option as the form labels it.
    pub intro: String,
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
    let nps = q.nps.as_ref().filter(|n| n.is_asked(perspective)).map(|n| {
        let text = n
            .text(perspective)
            .map_or("", |t| t.get(language))
            .to_string();
        // the scale's ends once: under the question unless its text already says them
        let help =
            (!states_the_nps_scale(&text)).then(|| locale.t("template_nps_scale").to_string());
        FormQuestion {
            id: n.id.clone(),
            text,
            help,
        }
    });
    let mut intro = locale.t("form_intro").to_string();
    if q.scale.allow_na {
        intro.push(' ');
        intro.push_str(
            &locale
                .t("form_intro_na")
                .replace("{na}", locale.t("form_na")),
        );
    }
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
        intro,
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

/// Whether an NPS question's text already gives the ends of its 0–10 scale, as the shipped
/// questionnaire's does ("… (0 = sehr unwahrscheinlich, 10 = sehr wahrscheinlich)").
pub(crate) fn states_the_nps_scale(text: &str) -> bool {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    text.contains("0=") && text.contains("10=")
}

#[cfg(test)]
mod tests {
    use super::states_the_nps_scale;

    #[test]
    fn a_question_that_gives_the_scale_is_recognised() {
        assert!(states_the_nps_scale(
            "How likely …? (0 = not at all likely, 10 = extremely likely)"
        ));
        assert!(!states_the_nps_scale("How likely are you to recommend us?"));
    }
}
