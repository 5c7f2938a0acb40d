//! The report's own words and how numbers and dates are written, per language.

use std::collections::BTreeMap;
use std::path::Path;

use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::model::assessment::Date;
use crate::model::language::Language;
use crate::output::number::Numbers;

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
    pub language: Language,
    pub strings: BTreeMap<String, String>,
    numbers: Numbers,
}

impl Locale {
    /// The shipped words of a language.
    pub fn built_in(language: Language) -> Result<Locale, Problems> {
        let (name, text) = built_in_text(language);
        let path = Path::new(name);
        let source = Source { path, text };
        let strings = toml::from_str(text).map_err(|e| source.toml_error(&e))?;
        Locale::new(language, strings, path)
    }

    /// The words of `language`, checked: every word the report uses is there (a missing
    /// one is an error naming `origin`, never a key printed in a client's report).
    pub fn new(
        language: Language,
        strings: BTreeMap<String, String>,
        origin: &Path,
    ) -> Result<Locale, Problems> {
        let missing: Vec<String> = every_word()
            .into_iter()
            .filter(|key| !strings.contains_key(key))
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostic::file(
                origin,
                format!(
                    "the report's words in `{language}` lack {}",
                    missing
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .into());
        }
        let numbers = Numbers::typeset(&strings["decimal_separator"]);
        Ok(Locale {
            language,
            strings,
            numbers,
        })
    }

    /// A word of the report. Every word is there (see [`Locale::new`]); a key the code asks
    /// for that no locale has is caught by the tests.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// How this language writes numbers.
    pub fn numbers(&self) -> &Numbers {
        &self.numbers
    }

    /// `58.9` or `58,9`, with a real minus sign.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        self.numbers.number(value, decimals)
    }

    /// A difference: `+15.2`, `−8.4`, `0.0`.
    pub fn signed(&self, value: f64, decimals: usize) -> String {
        self.numbers.signed(value, decimals)
    }

    pub fn date(&self, date: Date) -> String {
        self.t("date_format")
            .replace("{day}", &date.day.to_string())
            .replace("{month}", self.t(&format!("month_{}", date.month)))
            .replace("{year}", &date.year.to_string())
    }
}

/// The file name and text of a shipped locale.
fn built_in_text(language: Language) -> (&'static str, &'static str) {
    BUILT_IN
        .iter()
        .find(|(l, _, _)| *l == language.code())
        .map_or(("", ""), |(_, name, text)| (name, text))
}

/// Every word of every shipped locale: what any locale must have.
fn every_word() -> std::collections::BTreeSet<String> {
    BUILT_IN
        .iter()
        .filter_map(|(_, _, text)| toml::from_str::<BTreeMap<String, String>>(text).ok())
        .flat_map(|words| words.into_keys())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        let de = Locale::built_in(Language::De).unwrap();
        let en = Locale::built_in(Language::En).unwrap();
        let keys = |l: &Locale| l.strings.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&de), keys(&en));
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let de = Locale::built_in(Language::De).unwrap();
        let en = Locale::built_in(Language::En).unwrap();
        assert_eq!(de.number(58.94, 1), "58,9");
        assert_eq!(en.signed(15.25, 1), "+15.3");
        let date = Date::parse("2026-11-15").unwrap();
        assert_eq!(de.date(date), "15. November 2026");
        assert_eq!(en.date(date), "15 November 2026");
    }

    #[test]
    fn a_missing_word_is_an_error_when_loaded() {
        let mut strings = Locale::built_in(Language::En).unwrap().strings;
        strings.remove("blind_spot");
        let problems = Locale::new(Language::En, strings, Path::new("my/en.toml")).unwrap_err();
        let message = problems.0[0].to_string();
        assert!(message.contains("my/en.toml"), "{message}");
        assert!(message.contains("lack `blind_spot`"), "{message}");
    }

    /// Every word the code asks for by name is in the locales: `t("…")` never prints a key.
    #[test]
    fn every_word_the_code_asks_for_exists() {
        let words = every_word();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut asked = Vec::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // a call of `t` with a literal word (`b.t(…)`), not `get(…)`
                    for (at, _) in text.match_indices("t(\"") {
                        let before = text[..at].chars().next_back().unwrap_or(' ');
                        if before.is_alphanumeric() || before == '_' {
                            continue;
                        }
                        let rest = &text[at + 3..];
                        let key: String = rest.chars().take_while(|c| *c != '"').collect();
                        if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                            asked.push((path.display().to_string(), key));
                        }
                    }
                }
            }
        }
        assert!(asked.len() > 20, "found the calls: {}", asked.len());
        let mut dynamic: Vec<String> = (1..=12).map(|m| format!("month_{m}")).collect();
        dynamic.extend(["aligned", "moderate", "high", "severe"].map(|b| format!("band_{b}")));
        dynamic
            .extend(["discover", "buy", "use", "support", "after"].map(|p| format!("phase_{p}")));
        for (file, key) in asked {
            assert!(words.contains(&key), "{file}: `{key}` is in no locale");
        }
        for key in dynamic {
            assert!(words.contains(&key), "`{key}` is in no locale");
        }
    }
}
