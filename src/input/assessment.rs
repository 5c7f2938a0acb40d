//! Reading `assessment.toml` and what it refers to: questionnaire, summary, logo.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::input::check::did_you_mean;
use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::input::files::{read_bytes, read_to_string, Folder};
use crate::model::assessment::{Assessment, Date, Logo};
use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;

pub const FILE_NAME: &str = "assessment.toml";

/// The largest logo we embed: the report must stay a sensible size to mail.
const MAX_LOGO_BYTES: usize = 512 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentFile {
    client: String,
    wave: String,
    date: Spanned<toml::value::Datetime>,
    consultant: Option<String>,
    language: Spanned<String>,
    questionnaire: Spanned<String>,
    #[serde(default = "default_answers")]
    answers: Spanned<String>,
    /// `"summary.md"`, or one file per language: `{ de = "summary.md", en = "summary.en.md" }`.
    summary: Option<Spanned<toml::Value>>,
    #[serde(default = "default_min_group_size")]
    min_group_size: Spanned<i64>,
    branding: Option<BrandingFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandingFile {
    logo: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

fn default_answers() -> Spanned<String> {
    Spanned::new(0..0, "answers".to_string())
}

fn default_min_group_size() -> Spanned<i64> {
    Spanned::new(0..0, 5)
}

pub fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// What the person running centricity allows beyond an assessment's own folder (never what
/// the assessment's own files say).
#[derive(Debug, Clone, Copy, Default)]
pub struct Trust {
    /// The questionnaire may be a file outside the folder (one shared between clients).
    pub outside_questionnaire: bool,
}

fn is_built_in(reference: &str) -> bool {
    crate::input::builtin::BUILT_IN
        .iter()
        .any(|(id, _, _)| *id == reference)
}

impl Assessment {
    /// The questionnaire and the answers folder of an assessment whose `assessment.toml`
    /// has problems elsewhere, so that its answer files can still be checked.
    /// The same rules hold: nothing outside the folder is read.
    pub fn questionnaire_and_answers(dir: &Path) -> Option<(Questionnaire, PathBuf)> {
        Self::questionnaire_and_answers_with(dir, Trust::default())
    }

    pub fn questionnaire_and_answers_with(
        dir: &Path,
        trust: Trust,
    ) -> Option<(Questionnaire, PathBuf)> {
        let folder = Folder::open(dir).ok()?;
        let text = read_to_string(&dir.join(FILE_NAME)).ok()?;
        let table: toml::Table = toml::from_str(&text).ok()?;
        let reference = table.get("questionnaire")?.as_str()?;
        if !is_built_in(reference) && !trust.outside_questionnaire {
            folder.inside(reference).ok()?;
        }
        let questionnaire = Questionnaire::load(reference, dir).ok()?;
        let answers = table
            .get("answers")
            .and_then(|a| a.as_str())
            .unwrap_or("answers");
        Some((questionnaire, folder.inside(answers).ok()?))
    }

    /// Loads `DIR/assessment.toml` and what it refers to: questionnaire, summary, logo.
    /// Every path it names must lead to a file inside `DIR`.
    pub fn load(dir: &Path) -> Result<Assessment, Problems> {
        Self::load_with(dir, Trust::default())
    }

    /// [`Assessment::load`], with what the person running centricity allows beyond it.
    pub fn load_with(dir: &Path, trust: Trust) -> Result<Assessment, Problems> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Err(Diagnostic::file(
                &path,
                format!(
                    "not found: `{}` is not an assessment folder (create one with `centricity init {}`)",
                    dir.display(),
                    dir.display()
                ),
            )
            .into());
        }
        let folder = Folder::open(dir)?;
        let text = read_to_string(&path)?;
        let source = Source {
            path: &path,
            text: &text,
        };
        let file: AssessmentFile = source.parse_toml(&text)?;
        let mut problems = Problems::default();

        let date = Date::from_toml(file.date.get_ref());
        if date.is_none() {
            problems.push(source.error(
                file.date.span(),
                "`date` must be a date like 2026-11-15, without a time",
            ));
        }
        let reference = file.questionnaire.get_ref();
        let built_in = crate::input::builtin::BUILT_IN.iter().map(|(id, _, _)| *id);
        if !is_built_in(reference) && !trust.outside_questionnaire {
            if let Err(reason) = folder.inside(reference) {
                problems.push(source.error(
                    file.questionnaire.span(),
                    format!("`questionnaire`: {reason} (a questionnaire shared between clients: run with --allow-outside-questionnaire)"),
                ));
                return Err(problems);
            }
        }
        if !is_built_in(reference) && !dir.join(reference).is_file() {
            let ids: Vec<&str> = built_in.clone().collect();
            let close = did_you_mean(reference, ids.iter().copied());
            problems.push(source.error(
                file.questionnaire.span(),
                format!(
                    "`questionnaire` is `{reference}`{close}: neither a built-in questionnaire ({}) nor a file in {}",
                    ids.join(", "),
                    dir.display()
                ),
            ));
            return Err(problems);
        }
        let questionnaire = match Questionnaire::load(reference, dir) {
            Ok(q) => Some(q),
            Err(mut found) => {
                problems.0.append(&mut found.0);
                None
            }
        };
        let language = Language::parse(file.language.get_ref());
        if language.is_none() {
            problems.push(source.error(
                file.language.span(),
                format!(
                    "`language` is `{}`, but the report speaks de and en",
                    file.language.get_ref()
                ),
            ));
        }
        if let Some(q) = &questionnaire {
            if !q.languages.contains(file.language.get_ref()) {
                problems.push(source.error(
                    file.language.span(),
                    format!(
                        "`language` is `{}`, but the questionnaire has only {}",
                        file.language.get_ref(),
                        q.languages.join(", ")
                    ),
                ));
            }
        }
        let min_group_size = *file.min_group_size.get_ref();
        if min_group_size < 1 {
            problems.push(source.error(
                file.min_group_size.span(),
                format!("`min_group_size` must be 1 or more, found {min_group_size}"),
            ));
        }
        let summary = match &file.summary {
            Some(value) => summary_files(
                value,
                questionnaire.as_ref(),
                &folder,
                &source,
                &mut problems,
            ),
            None => BTreeMap::new(),
        };
        let answers_dir = match folder.inside(file.answers.get_ref()) {
            Ok(path) => Some(path),
            Err(reason) => {
                problems.push(source.error(file.answers.span(), format!("`answers`: {reason}")));
                None
            }
        };
        let (accent, logo) = match &file.branding {
            Some(branding) => load_branding(branding, &folder, &source, &mut problems),
            None => (None, None),
        };

        match (date, questionnaire, language, answers_dir) {
            (Some(date), Some(questionnaire), Some(language), Some(answers_dir))
                if problems.is_empty() =>
            {
                Ok(Assessment {
                    dir: dir.to_path_buf(),
                    client: file.client,
                    wave: file.wave,
                    date,
                    consultant: file.consultant.filter(|c| !c.trim().is_empty()),
                    language,
                    questionnaire,
                    answers_dir,
                    summary,
                    min_group_size: min_group_size as usize,
                    logo,
                    accent,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The consultant's narrative: one Markdown file for every language, or one per language.
fn summary_files(
    value: &Spanned<toml::Value>,
    questionnaire: Option<&Questionnaire>,
    folder: &Folder,
    source: &Source,
    problems: &mut Problems,
) -> BTreeMap<String, String> {
    let mut summary = BTreeMap::new();
    let files: Vec<(String, String)> = match value.get_ref() {
        toml::Value::String(name) => vec![("*".to_string(), name.clone())],
        toml::Value::Table(table) => table
            .iter()
            .filter_map(|(language, name)| match name.as_str() {
                Some(name) => Some((language.clone(), name.to_string())),
                None => {
                    problems.push(source.error(
                        value.span(),
                        format!("`summary.{language}` must be a file name"),
                    ));
                    None
                }
            })
            .collect(),
        _ => {
            problems.push(source.error(
                value.span(),
                "`summary` is a file name, or one per language: { de = \"summary.md\", en = \"summary.en.md\" }",
            ));
            Vec::new()
        }
    };
    for (language, name) in files {
        if let Some(q) = questionnaire.filter(|_| language != "*") {
            if !q.languages.contains(&language) {
                problems.push(source.error(
                    value.span(),
                    format!(
                        "`summary` has a `{language}` file, but the questionnaire has only {}",
                        q.languages.join(", ")
                    ),
                ));
            }
        }
        let read = match folder.inside(&name) {
            Ok(path) => {
                read_to_string(&path).map_err(|e| format!("`summary` file `{name}`: {}", e.message))
            }
            Err(reason) => Err(format!("`summary`: {reason}")),
        };
        match read {
            Ok(text) => {
                summary.insert(language, text);
            }
            Err(message) => problems.push(source.error(value.span(), message)),
        }
    }
    summary
}

/// The brand colour and the logo, each checked.
fn load_branding(
    branding: &BrandingFile,
    folder: &Folder,
    source: &Source,
    problems: &mut Problems,
) -> (Option<String>, Option<Logo>) {
    let accent = branding.accent.as_ref().and_then(|accent| {
        if is_hex_colour(accent.get_ref()) {
            Some(accent.get_ref().to_ascii_lowercase())
        } else {
            problems.push(source.error(
                accent.span(),
                format!(
                    "`accent` must be a colour like \"#00667a\", found \"{}\"",
                    accent.get_ref()
                ),
            ));
            None
        }
    });
    let logo = branding.logo.as_ref().and_then(|logo| {
        folder
            .inside(logo.get_ref())
            .and_then(|path| load_logo(&path))
            .map_err(|message| {
                problems.push(source.error(logo.span(), format!("`logo`: {message}")))
            })
            .ok()
    });
    (accent, logo)
}

fn load_logo(path: &Path) -> Result<Logo, String> {
    let bytes = read_bytes(path, MAX_LOGO_BYTES as u64).map_err(|e| {
        if e.message.contains("larger than") {
            format!(
                "`{}` is over {} KB; a logo may be at most {} KB",
                path.display(),
                MAX_LOGO_BYTES / 1024,
                MAX_LOGO_BYTES / 1024
            )
        } else {
            let what = format!("cannot read `{}`", path.display());
            e.message.replacen("cannot read the file", &what, 1)
        }
    })?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(format!(
            "`{}` is {} KB; a logo may be at most {} KB",
            path.display(),
            bytes.len() / 1024,
            MAX_LOGO_BYTES / 1024
        ));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let mime = match extension.as_deref() {
        Some("svg") if std::str::from_utf8(&bytes).is_ok_and(|s| s.contains("<svg")) => {
            "image/svg+xml"
        }
        Some("png") if bytes.starts_with(b"\x89PNG\r\n\x1a\n") => "image/png",
        _ => return Err(format!("`{}` is not an SVG or PNG image", path.display())),
    };
    Ok(Logo { mime, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2026-11-15").map(|d| d.to_string()).as_deref(),
            Some("2026-11-15")
        );
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("15.11.2026").is_none());
    }

    #[test]
    fn accents_are_six_digit_hex() {
        assert!(is_hex_colour("#00667a"));
        assert!(!is_hex_colour("#0667a"));
        assert!(!is_hex_colour("red;}body{x"));
    }
}
