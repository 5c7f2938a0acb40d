//! The theme dictionary of an assessment (`themes.toml`): named themes, each found in the
//! comments by its words. Reading the file is the input layer's; finding the words, the
//! analysis's.

use std::collections::BTreeMap;

use crate::model::language::Language;

/// A theme a consultant wants counted in the comments, such as "Reachability".
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The key of `[themes.ID]`.
    pub id: String,
    /// Per language code; `*` for every language.
    pub label: BTreeMap<String, String>,
    /// The index of the dimension the theme is about, if the file names one: the report
    /// shows it beside the theme. Comments are counted wherever they were written.
    pub dimension: Option<usize>,
    pub patterns: Vec<Pattern>,
}

/// One entry of a theme's `words`: a word or a phrase of several words (`"on hold"`),
/// matched after stemming, or with a trailing `*` a prefix of the last word
/// (`"rückruf*"`: Rückruf, Rückrufe, Rückrufservice).
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The language whose comments it is looked for in; `None` for every language.
    pub language: Option<Language>,
    /// As written, lower-cased, without the `*`.
    pub text: String,
    pub prefix: bool,
}

impl Theme {
    /// The label in a language: its own, the one for every language, or any.
    pub fn label(&self, language: Language) -> &str {
        self.label
            .get(language.code())
            .or_else(|| self.label.get("*"))
            .or_else(|| self.label.values().next())
            .map_or(self.id.as_str(), String::as_str)
    }
}
