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

/// The keys of `assessment.toml`, and for each required one a line to add when it is missing.
const KEYS: [(&str, Option<&str>); 15] = [
    ("client", Some("client = \"Muster AG\"")),
    ("wave", Some("wave = \"2026\"")),
    ("date", Some("date = 2026-11-15")),
    ("consultant", None),
    ("language", Some("language = \"de\"")),
    (
        "questionnaire",
        Some("questionnaire = \"customer-centricity\""),
    ),
    ("answers", None),
    ("summary", None),
    ("min_group_size", None),
    ("branding", None),
    ("recommendations", None),
    ("themes", None),
    ("targets", None),
    ("industry", None),
    ("size", None),
];

const BRANDING_KEYS: [&str; 2] = ["logo", "accent"];

/// `assessment.toml`, each value as written and where: its shape is checked key by key, so
/// that every problem in the file is found in one run, not one per run.
type RawTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// `[branding]`, with the places of its keys.
#[derive(Deserialize)]
struct BrandingOnly {
    branding: Option<Spanned<RawTable>>,
}

struct AssessmentFile {
    client: Option<String>,
    wave: Option<String>,
    date: Option<Spanned<toml::value::Datetime>>,
    consultant: Option<String>,
    language: Option<Spanned<String>>,
    questionnaire: Option<Spanned<String>>,
    answers: Spanned<String>,
    /// `"summary.md"`, or one file per language: `{ de = "summary.md", en = "summary.en.md" }`.
    summary: Option<Spanned<toml::Value>>,
    min_group_size: Spanned<i64>,
    branding: Option<BrandingFile>,
    recommendations: Option<Spanned<toml::Value>>,
    themes: Option<Spanned<String>>,
    industry: Option<String>,
    size: Option<String>,
}

struct BrandingFile {
    logo: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

impl AssessmentFile {
    /// Reads the file's keys: unknown ones (with the likely one), missing required ones
    /// (with a line to add) and values of the wrong kind are all problems, found together.
    fn read(source: &Source, problems: &mut Problems) -> Result<AssessmentFile, Diagnostic> {
        let mut table: RawTable = source.parse_toml(source.text)?;
        let branding: BrandingOnly = source.parse_toml(source.text)?;
        let known = KEYS.iter().map(|(k, _)| *k);
        for key in table.keys() {
            if !known.clone().any(|k| k == key.get_ref()) {
                problems.push(unknown_key(source, key, known.clone()));
            }
        }
        // at the top: below a `[branding]` header a key would belong to the branding
        let top = 0..0;
        for (key, example) in KEYS.iter().filter_map(|(k, e)| Some((*k, (*e)?))) {
            if !table.keys().any(|k| k.get_ref() == key) {
                problems.push(source.error(
                    top.clone(),
                    format!("missing field `{key}`: add a line like `{example}` at the top"),
                ));
            }
        }
        let mut take = |key: &str| {
            let found = table.keys().find(|k| k.get_ref() == key).cloned();
            found.and_then(|k| table.remove(&k))
        };
        let mut text = |key: &str, example: &str| {
            take(key).and_then(|value| match value.get_ref() {
                toml::Value::String(s) => Some(Spanned::new(value.span(), s.clone())),
                other => {
                    problems.push(source.error(
                        value.span(),
                        format!(
                            "`{key}` is {}, but must be a text (write the value in quotes, like {example})",
                            a_kind(other)
                        ),
                    ));
                    None
                }
            })
        };
        let client = text("client", "client = \"Muster AG\"").map(Spanned::into_inner);
        let wave = text("wave", "wave = \"2026\"").map(Spanned::into_inner);
        let consultant =
            text("consultant", "consultant = \"Beispiel Consulting\"").map(Spanned::into_inner);
        let language = text("language", "language = \"de\"");
        let questionnaire = text("questionnaire", "questionnaire = \"customer-centricity\"");
        let themes = text("themes", "themes = \"themes.toml\"");
        let industry = text("industry", "industry = \"Handel\"").map(Spanned::into_inner);
        let size = text("size", "size = \"50-249\"").map(Spanned::into_inner);
        let answers = text("answers", "answers = \"answers\"")
            .unwrap_or_else(|| Spanned::new(0..0, "answers".into()));
        let date = take("date").and_then(|value| match value.get_ref() {
            toml::Value::Datetime(d) => Some(Spanned::new(value.span(), *d)),
            other => {
                problems.push(source.error(
                    value.span(),
                    format!(
                        "`date` is {}, but must be a date (write a date like 2026-11-15, without quotes)",
                        a_kind(other)
                    ),
                ));
                None
            }
        });
        let min_group_size = match take("min_group_size") {
            None => Spanned::new(0..0, 5),
            Some(value) => match value.get_ref() {
                toml::Value::Integer(n) => Spanned::new(value.span(), *n),
                other => {
                    problems.push(source.error(
                        value.span(),
                        format!(
                            "`min_group_size` is {}, but must be a whole number (write it like min_group_size = 5)",
                            a_kind(other)
                        ),
                    ));
                    Spanned::new(0..0, 5)
                }
            },
        };
        let summary = take("summary");
        let recommendations = take("recommendations");
        let branding = match (take("branding"), branding.branding) {
            (Some(_), Some(raw)) => Some(BrandingFile::read(raw.into_inner(), source, problems)),
            (Some(value), None) => {
                problems.push(source.error(
                    value.span(),
                    "`branding` is a table: [branding] with `logo` and `accent` under it",
                ));
                None
            }
            _ => None,
        };
        Ok(AssessmentFile {
            client,
            wave,
            date,
            consultant,
            language,
            questionnaire,
            answers,
            summary,
            min_group_size,
            branding,
            recommendations,
            themes,
            industry,
            size,
        })
    }
}

impl BrandingFile {
    fn read(raw: RawTable, source: &Source, problems: &mut Problems) -> BrandingFile {
        let mut branding = BrandingFile {
            logo: None,
            accent: None,
        };
        for (key, value) in raw {
            let slot = match key.get_ref().as_str() {
                "logo" => &mut branding.logo,
                "accent" => &mut branding.accent,
                _ => {
                    problems.push(unknown_key(source, &key, BRANDING_KEYS.into_iter()));
                    continue;
                }
            };
            match value.get_ref() {
                toml::Value::String(s) => *slot = Some(Spanned::new(value.span(), s.clone())),
                other => problems.push(source.error(
                    value.span(),
                    format!(
                        "`{}` is {}, but must be a text in quotes",
                        key.get_ref(),
                        a_kind(other)
                    ),
                )),
            }
        }
        branding
    }
}

/// A key no one reads, with the one likely meant, or the ones there are.
fn unknown_key<'a>(
    source: &Source,
    key: &Spanned<String>,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let name = key.get_ref();
    let hint = match did_you_mean(name, known.clone()) {
        hint if hint.is_empty() => format!(
            " (expected one of {})",
            known
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        hint => hint,
    };
    source.error(key.span(), format!("unknown field `{name}`{hint}"))
}

/// What a TOML value is, for a message: "a number", "a text", …
fn a_kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a text",
        toml::Value::Integer(_) => "a whole number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
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
            return Err(not_an_assessment(dir, &path).into());
        }
        let folder = Folder::open(dir)?;
        let text = read_to_string(&path)?;
        let source = Source {
            path: &path,
            text: &text,
        };
        let mut problems = Problems::default();
        let file = AssessmentFile::read(&source, &mut problems)?;

        let date = file.date.as_ref().and_then(|d| {
            let date = Date::from_toml(d.get_ref());
            if date.is_none() {
                problems.push(source.error(
                    d.span(),
                    "`date` must be a date like 2026-11-15, without a time",
                ));
            }
            date
        });
        let questionnaire = file
            .questionnaire
            .as_ref()
            .and_then(|q| load_questionnaire(q, dir, &folder, trust, &source, &mut problems));
        let language = file.language.as_ref().and_then(|l| {
            let language = Language::parse(l.get_ref());
            if language.is_none() {
                problems.push(source.error(
                    l.span(),
                    format!(
                        "`language` is `{}`, but the report speaks de and en",
                        l.get_ref()
                    ),
                ));
            }
            if let Some(q) = &questionnaire {
                if !q.languages.contains(l.get_ref()) {
                    problems.push(source.error(
                        l.span(),
                        format!(
                            "`language` is `{}`, but the questionnaire has only {}",
                            l.get_ref(),
                            q.languages.join(", ")
                        ),
                    ));
                }
            }
            language
        });
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
        let recommendations = match &file.recommendations {
            Some(value) => {
                super::recommendations::read(value, questionnaire.as_ref(), &source, &mut problems)
            }
            None => BTreeMap::new(),
        };
        let themes = super::themes::load(
            file.themes.as_ref(),
            &folder,
            questionnaire.as_ref(),
            &source,
            &mut problems,
        );
        let targets = super::targets::read(questionnaire.as_ref(), &source, &mut problems);
        let (accent, logo) = match &file.branding {
            Some(branding) => load_branding(branding, &folder, &source, &mut problems),
            None => (None, None),
        };

        match (
            file.client,
            file.wave,
            date,
            questionnaire,
            language,
            answers_dir,
        ) {
            (
                Some(client),
                Some(wave),
                Some(date),
                Some(questionnaire),
                Some(language),
                Some(answers_dir),
            ) if problems.is_empty() => Ok(Assessment {
                dir: dir.to_path_buf(),
                client,
                wave,
                date,
                consultant: file.consultant.filter(|c| !c.trim().is_empty()),
                language,
                questionnaire,
                answers_dir,
                summary,
                min_group_size: min_group_size as usize,
                logo,
                accent,
                recommendations,
                themes,
                targets,
                industry: file.industry.filter(|i| !i.trim().is_empty()),
                size: file.size.filter(|s| !s.trim().is_empty()),
            }),
            _ => Err(problems),
        }
    }
}

/// The questionnaire `assessment.toml` names: built in, or a file inside the folder (or
/// outside it, when the person running centricity allows that).
fn load_questionnaire(
    reference: &Spanned<String>,
    dir: &Path,
    folder: &Folder,
    trust: Trust,
    source: &Source,
    problems: &mut Problems,
) -> Option<Questionnaire> {
    let (span, reference) = (reference.span(), reference.get_ref());
    if !is_built_in(reference) && !trust.outside_questionnaire {
        if let Err(reason) = folder.inside(reference) {
            problems.push(source.error(
                span,
                format!("`questionnaire`: {reason} (a questionnaire shared between clients: run with --allow-outside-questionnaire)"),
            ));
            return None;
        }
    }
    if !is_built_in(reference) && !dir.join(reference).is_file() {
        let ids: Vec<&str> = crate::input::builtin::BUILT_IN
            .iter()
            .map(|(id, _, _)| *id)
            .collect();
        let close = did_you_mean(reference, ids.iter().copied());
        problems.push(source.error(
            span,
            format!(
                "`questionnaire` is `{reference}`{close}: neither a built-in questionnaire ({}) nor a file in {}",
                ids.join(", "),
                dir.display()
            ),
        ));
        return None;
    }
    match Questionnaire::load(reference, dir) {
        Ok(q) => Some(q),
        Err(mut found) => {
            problems.0.append(&mut found.0);
            None
        }
    }
}

/// Why `dir` is no assessment folder, and what to run instead: a folder inside an
/// assessment (its answers, say) or its `assessment.toml` names the assessment; only a
/// folder outside any assessment is worth an `init`.
fn not_an_assessment(dir: &Path, path: &Path) -> Diagnostic {
    let command = command_name();
    let is_settings = dir.file_name().is_some_and(|n| n == FILE_NAME) && dir.is_file();
    let shown = |p: &Path| match p.as_os_str().is_empty() {
        true => ".".to_string(),
        false => p.display().to_string(),
    };
    if is_settings {
        let folder = dir.parent().unwrap_or(Path::new(""));
        return Diagnostic::file(
            dir,
            format!(
                "`{}` is the settings file of the assessment `{}`: commands take the folder: run `centricity {command} {}`",
                dir.display(),
                shown(folder),
                shown(folder)
            ),
        );
    }
    let enclosing = dir
        .ancestors()
        .skip(1)
        .map(|a| {
            if a.as_os_str().is_empty() {
                Path::new(".")
            } else {
                a
            }
        })
        .find(|a| a.join(FILE_NAME).is_file());
    if let Some(assessment) = enclosing.filter(|_| dir.is_dir()) {
        let answers = Assessment::questionnaire_and_answers(assessment)
            .map(|(_, answers)| answers)
            .unwrap_or_else(|| assessment.join("answers"));
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        let what = if same(dir, &answers) {
            "is the answers folder of"
        } else {
            "is a folder inside"
        };
        let folder = if dir.is_relative() && assessment == Path::new(".") {
            ".".to_string()
        } else {
            assessment.display().to_string()
        };
        return Diagnostic::file(
            dir,
            format!(
                "`{}` {what} the assessment `{folder}`: run `centricity {command} {folder}`",
                dir.display()
            ),
        );
    }
    Diagnostic::file(
        path,
        format!(
            "not found: `{}` is not an assessment folder (create one with `centricity init {}`)",
            dir.display(),
            dir.display()
        ),
    )
}

/// The subcommand this run was started with, for a message that says what to run instead
/// (`report` when it cannot be told).
fn command_name() -> String {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .filter(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_lowercase()))
        .unwrap_or_else(|| "report".to_string())
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
