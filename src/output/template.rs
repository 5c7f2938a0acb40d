//! The blank answer file of `centricity template`: every question of a perspective as a
//! comment above its key, for a person to fill with numbers.

use crate::input::diagnostics::Problems;
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::model::questionnaire::Perspective;
use crate::output::locale::Locale;

/// A TOML basic string.
fn quoted(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// Every question of a perspective as a comment above its key, the scale explained at the
/// top; the keys are left without a value, which the loader reads as "unanswered".
pub fn blank_answer_file(
    assessment: &Assessment,
    perspective: Perspective,
    language: Language,
) -> Result<String, Problems> {
    let q = &assessment.questionnaire;
    q.require_language(language)?;
    let locale = Locale::built_in(language)?;
    let language = language.code();
    let t = |key: &str| locale.t(key).to_string();
    let labels = q.scale.labels.get(language).cloned().unwrap_or_default();
    let scale: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(k, label)| format!("{} = {label}", q.scale.min + k as i64))
        .collect();
    let (title, group_hint) = match perspective {
        Perspective::SelfView => (t("template_title_self"), t("template_group_self")),
        Perspective::Customer => (t("template_title_customer"), t("template_group_customer")),
    };
    let mut out = String::new();
    // Texts from the assessment and the questionnaire land in comments: a line break there
    // would make the rest live TOML, and TOML allows no control character in a comment but
    // the tab. So every line written stays one line.
    let mut line = |text: &str| {
        out.extend(
            text.chars()
                .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
        );
        out.push('\n');
    };
    line(&format!("# {} – {title}", q.title.get(language)));
    line(&format!(
        "# {} · {} {}",
        assessment.client,
        t("wave"),
        assessment.wave
    ));
    line("#");
    line(&format!(
        "# {}",
        t("template_how")
            .replace("{min}", &q.scale.min.to_string())
            .replace("{max}", &q.scale.max.to_string())
    ));
    line(&format!("#   {}", scale.join(", ")));
    if q.scale.allow_na {
        line(&format!("# {}", t("template_na")));
    }
    line(&format!("# {}", t("template_comments")));
    let example = q
        .items
        .iter()
        .find(|i| i.is_asked(perspective))
        .map_or("", |i| i.id.as_str());
    line(&format!(
        "#   {} = {}",
        quoted(example),
        quoted(&t("template_comment_example"))
    ));
    line("");
    line(&format!("questionnaire = {}", quoted(&q.id)));
    line(&format!("questionnaire_version = {}", quoted(&q.version)));
    line(&format!("perspective = {}", quoted(perspective.id())));
    line(&format!(
        "respondent = \"\"        # {}",
        t("template_respondent")
    ));
    line(&format!("group = \"\"             # {group_hint}"));
    line(&format!("language = {}", quoted(language)));
    line("");
    line("[answers]");
    for (d, dimension) in q.dimensions.iter().enumerate() {
        let items: Vec<_> = q
            .items
            .iter()
            .filter(|i| i.dimension == d && i.is_asked(perspective))
            .collect();
        if items.is_empty() {
            continue;
        }
        line("");
        line(&format!("# ── {} ──", dimension.name.get(language)));
        for item in items {
            let text = item.text(perspective).map_or("", |t| t.get(language));
            line(&format!("# {}", one_line(text)));
            if let Some(help) = &item.help {
                line(&format!("#   ({})", one_line(help.get(language))));
            }
            line(&format!("{} =", quoted(&item.id)));
        }
    }
    if let Some(nps) = q.nps.as_ref().filter(|n| n.is_asked(perspective)) {
        let text = nps.text(perspective);
        line("");
        line(&format!("# ── {} ──", t("nps")));
        let question = text.map_or("", |t| t.get(language));
        line(&format!("# {}", one_line(question)));
        // the scale's ends once: the shipped question states them itself
        if !crate::output::form::states_the_nps_scale(question) {
            line(&format!("#   {}", t("template_nps_scale")));
        }
        line(&format!("{} =", quoted(&nps.id)));
    }
    line("");
    line("[comments]");
    Ok(out)
}

/// Questionnaire texts may run over lines; a TOML comment may not.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
