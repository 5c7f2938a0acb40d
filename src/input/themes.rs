//! The theme dictionary: `themes.toml` in the assessment folder, or the file
//! `assessment.toml` names (`themes = "themes.toml"`), read like every file an assessment
//! names: inside its folder, its size checked first.
//!
//! ```toml
//! [themes.erreichbarkeit]
//! label = { de = "Erreichbarkeit", en = "Reachability" }   # or one text for every language
//! dimension = "reachability"                                # optional
//! words = { de = ["hotline", "warteschleife", "rückruf*"], en = ["hotline", "on hold"] }
//! # or one list for every language: words = ["hotline", "e-mail"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::input::check::did_you_mean;
use crate::input::diagnostics::{Problems, Source};
use crate::input::files::{read_to_string, regular_file, Folder};
use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;
use crate::model::themes::{Pattern, Theme};

/// The file looked for when `assessment.toml` names none.
pub const DEFAULT_FILE: &str = "themes.toml";

/// A dictionary is a page of words, not a corpus: more is a mistake or an attack.
const MAX_BYTES: u64 = 1024 * 1024;
/// Every comment is matched against every pattern: these keep that cheap.
const MAX_THEMES: usize = 100;
const MAX_PATTERNS: usize = 2000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    themes: BTreeMap<Spanned<String>, ThemeFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    label: Spanned<toml::Value>,
    dimension: Option<Spanned<String>>,
    words: Spanned<toml::Value>,
}

/// The dictionary of an assessment: the file `named` in `assessment.toml` (whose `source`
/// places a problem with the name), else `themes.toml` if the folder has one, else none.
/// Every problem is pushed; the themes are returned only when the file has none.
pub(super) fn load(
    named: Option<&Spanned<String>>,
    folder: &Folder,
    questionnaire: Option<&Questionnaire>,
    source: &Source,
    problems: &mut Problems,
) -> Vec<Theme> {
    let name = named.map_or(DEFAULT_FILE, |n| n.get_ref().as_str());
    let span = named.map_or(0..0, |n| n.span());
    let path = match folder.inside(name) {
        Ok(path) => path,
        Err(reason) => {
            problems.push(source.error(span, format!("`themes`: {reason}")));
            return Vec::new();
        }
    };
    if named.is_none() && std::fs::symlink_metadata(&path).is_err() {
        return Vec::new();
    }
    let text = regular_file(&path).and_then(|metadata| {
        if metadata.len() > MAX_BYTES {
            return Err(crate::input::diagnostics::Diagnostic::file(
                &path,
                format!(
                    "the theme dictionary is {} KB; it may be at most {} KB",
                    metadata.len() / 1024,
                    MAX_BYTES / 1024
                ),
            ));
        }
        read_to_string(&path)
    });
    let text = match text {
        Ok(text) => text,
        Err(diagnostic) => {
            problems.push(diagnostic);
            return Vec::new();
        }
    };
    let before = problems.0.len();
    let themes = parse(&path, &text, questionnaire, problems);
    if problems.0.len() > before {
        return Vec::new();
    }
    themes
}

/// Parses and checks a dictionary's text; every problem is pushed with its place.
pub fn parse(
    path: &Path,
    text: &str,
    questionnaire: Option<&Questionnaire>,
    problems: &mut Problems,
) -> Vec<Theme> {
    let source = Source { path, text };
    let file: ThemesFile = match source.parse_toml(text) {
        Ok(file) => file,
        Err(diagnostic) => {
            problems.push(diagnostic);
            return Vec::new();
        }
    };
    let mut entries: Vec<(Spanned<String>, ThemeFile)> = file.themes.into_iter().collect();
    // in the order of the file, as the consultant arranged them
    entries.sort_by_key(|(id, _)| id.span().start);
    if entries.len() > MAX_THEMES {
        problems.push(source.error(
            entries[MAX_THEMES].0.span(),
            format!(
                "the dictionary has {} themes; at most {MAX_THEMES} are counted",
                entries.len()
            ),
        ));
        return Vec::new();
    }
    let mut themes = Vec::new();
    let mut patterns = 0;
    for (id, theme) in entries {
        let theme = check_theme(&source, &id, theme, questionnaire, problems);
        patterns += theme.patterns.len();
        if patterns > MAX_PATTERNS {
            problems.push(source.error(
                id.span(),
                format!(
                    "the dictionary has more than {MAX_PATTERNS} words; that many are not matched"
                ),
            ));
            return Vec::new();
        }
        themes.push(theme);
    }
    themes
}

fn check_theme(
    source: &Source,
    id: &Spanned<String>,
    theme: ThemeFile,
    questionnaire: Option<&Questionnaire>,
    problems: &mut Problems,
) -> Theme {
    let name = id.get_ref();
    if name.trim().is_empty() {
        problems.push(source.error(id.span(), "a theme needs a name: [themes.NAME]"));
    }
    let dimension = theme.dimension.as_ref().and_then(|d| {
        let q = questionnaire?;
        let found = q.dimensions.iter().position(|x| &x.id == d.get_ref());
        if found.is_none() {
            let ids = q.dimensions.iter().map(|x| x.id.as_str());
            let hint = match did_you_mean(d.get_ref(), ids.clone()) {
                hint if hint.is_empty() => format!(
                    " (expected one of {})",
                    ids.map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
                ),
                hint => hint,
            };
            problems.push(source.error(
                d.span(),
                format!(
                    "`themes.{name}.dimension`: the questionnaire has no dimension `{}`{hint}",
                    d.get_ref()
                ),
            ));
        }
        found
    });
    let label = label(source, name, &theme.label, problems);
    let patterns = patterns(source, name, &theme.words, problems);
    Theme {
        id: name.clone(),
        label,
        dimension,
        patterns,
    }
}

/// `label = "Text"` for every language, or `{ de = "…", en = "…" }`.
fn label(
    source: &Source,
    theme: &str,
    value: &Spanned<toml::Value>,
    problems: &mut Problems,
) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    let mut wrong = |message: String| problems.push(source.error(value.span(), message));
    match value.get_ref() {
        toml::Value::String(text) if !text.trim().is_empty() => {
            labels.insert("*".to_string(), text.trim().to_string());
        }
        toml::Value::Table(table) if !table.is_empty() => {
            for (language, text) in table {
                match (Language::parse(language), text.as_str()) {
                    (Some(_), Some(text)) if !text.trim().is_empty() => {
                        labels.insert(language.clone(), text.trim().to_string());
                    }
                    (None, _) => wrong(format!(
                        "`themes.{theme}.label.{language}`: the report speaks de and en{}",
                        did_you_mean(language, Language::ALL.iter().map(|l| l.code()))
                    )),
                    _ => wrong(format!(
                        "`themes.{theme}.label.{language}` must be a text that is not empty"
                    )),
                }
            }
        }
        _ => wrong(format!(
            "`themes.{theme}.label` is a text, or one per language: {{ de = \"…\", en = \"…\" }}"
        )),
    }
    labels
}

/// `words = ["…"]` for every language, or `{ de = ["…"], en = ["…"] }`.
fn patterns(
    source: &Source,
    theme: &str,
    value: &Spanned<toml::Value>,
    problems: &mut Problems,
) -> Vec<Pattern> {
    let mut wrong = |message: String| problems.push(source.error(value.span(), message));
    let lists: Vec<(Option<Language>, &toml::Value)> = match value.get_ref() {
        toml::Value::Array(_) => vec![(None, value.get_ref())],
        toml::Value::Table(table) => table
            .iter()
            .filter_map(|(language, list)| match Language::parse(language) {
                Some(l) => Some((Some(l), list)),
                None => {
                    wrong(format!(
                        "`themes.{theme}.words.{language}`: the report speaks de and en{}",
                        did_you_mean(language, Language::ALL.iter().map(|l| l.code()))
                    ));
                    None
                }
            })
            .collect(),
        _ => {
            wrong(format!(
                "`themes.{theme}.words` is a list of words, or one per language: {{ de = [\"hotline\", \"rückruf*\"], en = [\"hotline\", \"call back\"] }}"
            ));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for (language, list) in lists {
        let Some(list) = list.as_array() else {
            wrong(format!("`themes.{theme}.words`: each language has a list of words, like [\"hotline\", \"rückruf*\"]"));
            continue;
        };
        for word in list {
            match word.as_str().map(pattern) {
                Some(Ok((text, prefix))) => found.push(Pattern {
                    language,
                    text,
                    prefix,
                }),
                Some(Err(why)) => wrong(format!("`themes.{theme}.words`: {why}")),
                None => wrong(format!(
                    "`themes.{theme}.words` holds {word}, but every entry is a word or phrase in quotes"
                )),
            }
        }
    }
    if found.is_empty() {
        wrong(format!(
            "`themes.{theme}.words` has no word: list the words that name the theme"
        ));
    }
    found
}

/// A word or phrase as the dictionary writes it: lower-cased, a `*` only at its end.
fn pattern(written: &str) -> Result<(String, bool), String> {
    let text = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let (text, prefix) = match text.strip_suffix('*') {
        Some(stem) => (stem.trim_end().to_string(), true),
        None => (text, false),
    };
    if text.contains('*') {
        return Err(format!(
            "`{written}`: a `*` may only end an entry (`rückruf*` finds Rückruf, Rückrufe, …)"
        ));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(format!("`{written}` has no word to look for"));
    }
    if prefix && text.ends_with(|c: char| !c.is_alphanumeric()) {
        return Err(format!("`{written}`: a `*` follows the start of a word"));
    }
    Ok((text.to_lowercase(), prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> Vec<String> {
        let q = Questionnaire::load("customer-centricity", Path::new(".")).unwrap();
        let mut problems = Problems::default();
        parse(Path::new("themes.toml"), text, Some(&q), &mut problems);
        problems.0.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_dictionary_is_read_in_file_order() {
        let q = Questionnaire::load("customer-centricity", Path::new(".")).unwrap();
        let mut problems = Problems::default();
        let themes = parse(
            Path::new("themes.toml"),
            "[themes.zeit]\nlabel = \"Zeit\"\nwords = [\"Warte*\", \"on  hold\"]\n\
             [themes.beratung]\nlabel = { de = \"Beratung\", en = \"Advice\" }\n\
             dimension = \"competence\"\nwords = { de = [\"beratung\"], en = [\"advice\"] }\n",
            Some(&q),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(themes[0].id, "zeit");
        assert_eq!(themes[0].patterns[0].text, "warte");
        assert!(themes[0].patterns[0].prefix);
        assert_eq!(themes[0].patterns[1].text, "on hold");
        assert_eq!(themes[1].label(Language::En), "Advice");
        assert_eq!(themes[1].dimension, Some(2));
        assert_eq!(themes[1].patterns[1].language, Some(Language::En));
    }

    #[test]
    fn an_unknown_key_is_placed_and_named() {
        let found = problems_of("[themes.a]\nlabel = \"A\"\nwords = [\"a\"]\nwrods = [\"b\"]\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("themes.toml:4:1: unknown field `wrods`"),
            "{found:?}"
        );
        assert!(found[0].contains("`words`"), "{found:?}");
    }

    #[test]
    fn an_unknown_dimension_says_which_was_meant() {
        let found = problems_of(
            "[themes.a]\nlabel = \"A\"\ndimension = \"reachabilty\"\nwords = [\"hotline\"]\n",
        );
        assert_eq!(
            found,
            ["themes.toml:3:13: `themes.a.dimension`: the questionnaire has no dimension `reachabilty` (did you mean `reachability`?)"]
        );
    }

    #[test]
    fn bad_words_and_labels_are_all_found() {
        let found = problems_of(
            "[themes.a]\nlabel = { de = \"A\", fr = \"A\" }\nwords = { de = [\"ho*tline\"], es = [\"x\"] }\n\
             [themes.b]\nlabel = 3\nwords = [\"*\", 4]\n",
        );
        let all = found.join("\n");
        assert!(
            all.contains("themes.toml:2:9: `themes.a.label.fr`"),
            "{all}"
        );
        assert!(all.contains("`themes.a.words.es`"), "{all}");
        assert!(all.contains("`ho*tline`: a `*` may only end"), "{all}");
        assert!(
            all.contains("themes.toml:5:9: `themes.b.label` is a text"),
            "{all}"
        );
        assert!(all.contains("`*` has no word"), "{all}");
        assert!(all.contains("holds 4"), "{all}");
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("themes.toml"), "[themes]\n").unwrap();
        let folder = Folder::open(&dir.path().join("a")).unwrap();
        let text = "themes = \"../themes.toml\"\n";
        let source = Source {
            path: Path::new("assessment.toml"),
            text,
        };
        let named = Spanned::new(9..25, "../themes.toml".to_string());
        let mut problems = Problems::default();
        let themes = load(Some(&named), &folder, None, &source, &mut problems);
        assert!(themes.is_empty());
        assert_eq!(problems.0.len(), 1);
        let message = problems.0[0].to_string();
        assert!(
            message.starts_with("assessment.toml:1:10: `themes`: `../themes.toml` leads outside"),
            "{message}"
        );
        // no dictionary at all is no problem
        let mut problems = Problems::default();
        assert!(load(None, &folder, None, &source, &mut problems).is_empty());
        assert!(problems.is_empty());
    }
}
