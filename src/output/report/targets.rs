//! The customer view's targets (`[targets]` of `assessment.toml`) as the report writes them:
//! on the cards and, with a baseline, the way toward them.

use super::view::{ProgressText, TargetText};
use crate::analysis::scores::{DimensionView, Target};
use crate::analysis::trend::{Progress, Trend};
use crate::model::questionnaire::Questionnaire;
use crate::output::locale::Locale;

/// A target as written: whole targets without decimals (`65`), others with one (`62,5`).
pub(super) fn target_number(locale: &Locale, target: f64) -> String {
    let decimals = if target.fract() == 0.0 { 0 } else { 1 };
    locale.number(target, decimals)
}

/// "Ziel 65 · noch 7,3 Punkte" or "Ziel 65 · erreicht (+3,1)"; `None` without a target, or
/// without a score to measure it by (then the target alone).
pub(super) fn target_text(
    locale: &Locale,
    target: &Target,
    dimension: Option<&DimensionView>,
) -> Option<TargetText> {
    let value = target_number(locale, target.target?);
    let text = match target.to_target {
        None => locale.t("target_only").replace("{target}", &value),
        Some(d) if d >= 0.0 => locale
            .t("target_reached")
            .replace("{target}", &value)
            .replace("{points}", &locale.signed(d, 1)),
        Some(d) => locale
            .t("target_to_go")
            .replace("{target}", &value)
            .replace("{points}", &locale.number(-d, 1)),
    };
    let interval_note = match dimension {
        Some(view) if view.interval_reaches_target() => {
            locale.t("target_interval_reaches").to_string()
        }
        _ => String::new(),
    };
    Some(TargetText {
        value,
        text,
        reached: target.reached().unwrap_or(false),
        interval_note,
    })
}

/// Before → now → target per target, with how much of the distance was closed.
pub(super) fn progress(q: &Questionnaire, trend: &Trend, locale: &Locale) -> Vec<ProgressText> {
    let lang = locale.language.code();
    trend
        .progress
        .iter()
        .map(|p| {
            let name = match &p.dimension {
                None => locale.t("overall_score").to_string(),
                Some(id) => q
                    .dimensions
                    .iter()
                    .find(|d| &d.id == id)
                    .map_or_else(|| id.clone(), |d| d.name.get(lang).to_string()),
            };
            let score = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| locale.number(v, 1));
            let (text, kind) = progress_words(p, locale);
            ProgressText {
                name,
                before: score(p.before),
                now: score(p.now),
                target: target_number(locale, p.target),
                text,
                kind,
            }
        })
        .collect()
}

/// What the way toward a target amounts to, in words, and its kind for styling.
fn progress_words(p: &Progress, locale: &Locale) -> (String, &'static str) {
    let (Some(before), Some(now)) = (p.before, p.now) else {
        return (locale.t("progress_unknown").to_string(), "none");
    };
    let reached_now = now >= p.target;
    match p.closed {
        // the earlier wave had reached it already
        None if reached_now => (locale.t("progress_kept").to_string(), "reached"),
        None => (
            locale
                .t("progress_fell_below")
                .replace("{points}", &locale.number(p.target - now, 1)),
            "down",
        ),
        Some(_) if reached_now => (locale.t("progress_reached").to_string(), "reached"),
        Some(closed) if closed >= 0.0 => (
            locale
                .t("progress_closed")
                .replace("{percent}", &locale.number(closed * 100.0, 0)),
            "up",
        ),
        Some(_) => (
            locale
                .t("progress_grew")
                .replace("{points}", &locale.number(before - now, 1)),
            "down",
        ),
    }
}
