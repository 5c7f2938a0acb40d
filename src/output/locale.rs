//! The report's own words and how numbers and dates are written, per language.

use std::collections::BTreeMap;
use std::path::Path;

use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::model::assessment::Date;

/// The locales compiled into the binary: (language, file name, TOML).
pub const BUILT_IN: &[(&str, &str, &str)] = &[
    (
        "de",
        "locale/de.toml",
        include_str!("../../templates/locale/de.toml"),
    ),
    (
        "en",
        "locale/en.toml",
        include_str!("../../templates/locale/en.toml"),
    ),
];

#[derive(Debug, Clone)]
pub struct Locale {
    pub language: String,
    pub strings: BTreeMap<String, String>,
}

impl Locale {
    pub fn built_in(language: &str) -> Result<Locale, Problems> {
        let Some((_, name, text)) = BUILT_IN.iter().find(|(l, _, _)| *l == language) else {
            let known: Vec<&str> = BUILT_IN.iter().map(|(l, _, _)| *l).collect();
            return Err(Diagnostic::file(
                "<report>",
                format!(
                    "the report has no texts in `{language}` (available: {})",
                    known.join(", ")
                ),
            )
            .into());
        };
        let path = Path::new(name);
        let source = Source { path, text };
        let strings = toml::from_str(text).map_err(|e| source.toml_error(&e))?;
        Ok(Locale {
            language: language.to_string(),
            strings,
        })
    }

    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// `58.9` or `58,9`, with a real minus sign.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        let text = fixed(value.abs(), decimals);
        let text = text.replace('.', self.t("decimal_separator"));
        // -0.04 shown with one decimal is 0.0, not −0.0
        if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("−{text}")
        } else {
            text
        }
    }

    /// A difference: `+15.2`, `−8.4`, `0.0`.
    pub fn signed(&self, value: f64, decimals: usize) -> String {
        let text = self.number(value, decimals);
        if value > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("+{text}")
        } else {
            text
        }
    }

    pub fn date(&self, date: Date) -> String {
        self.t("date_format")
            .replace("{day}", &date.day.to_string())
            .replace("{month}", self.t(&format!("month_{}", date.month)))
            .replace("{year}", &date.year.to_string())
    }
}

/// A number with `decimals` places, rounded half away from zero as people round by hand
/// (56.25 → 56.3; Rust's formatter would round the tie to even, 56.2).
pub fn fixed(value: f64, decimals: usize) -> String {
    let factor = 10f64.powi(decimals as i32);
    format!("{:.*}", decimals, (value * factor).round() / factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        let de = Locale::built_in("de").unwrap();
        let en = Locale::built_in("en").unwrap();
        let keys = |l: &Locale| l.strings.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&de), keys(&en));
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let de = Locale::built_in("de").unwrap();
        let en = Locale::built_in("en").unwrap();
        assert_eq!(de.number(58.94, 1), "58,9");
        assert_eq!(en.number(58.94, 1), "58.9");
        assert_eq!(de.signed(-8.44, 1), "−8,4");
        assert_eq!(en.signed(15.25, 1), "+15.3");
        assert_eq!(en.signed(-0.04, 1), "0.0");
        assert_eq!(de.number(56.25, 1), "56,3");
        assert_eq!(fixed(-56.25, 1), "-56.3");
        let date = Date::parse("2026-11-15").unwrap();
        assert_eq!(de.date(date), "15. November 2026");
        assert_eq!(en.date(date), "15 November 2026");
    }
}
