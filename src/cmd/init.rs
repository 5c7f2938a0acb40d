use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::input::assessment::{is_hex_colour, FILE_NAME};
use crate::input::builtin::{on_seven_points, BUILT_IN};
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::files::read_to_string;
use crate::model::assessment::Date;
use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;
use crate::output::write::write_atomic;

/// What `init` puts into the new assessment.toml.
pub struct New {
    /// The client [default: the folder's name].
    pub client: Option<String>,
    pub language: Language,
    /// A built-in questionnaire's id or a questionnaire file's path.
    pub questionnaire: String,
    pub consultant: Option<String>,
    /// `[branding] accent`, already checked to be `#rrggbb` (see `cli.rs`).
    pub accent: Option<String>,
    pub wave: String,
    /// The answer scale's points: 5 (the questionnaire as it is) or 7 (the built-in
    /// questionnaire on 1–7, written into the folder).
    pub scale: u8,
}

/// Creates an assessment folder. Existing files are never overwritten.
pub fn run(dir: &Path, new: New) -> Result<(), Problems> {
    let New {
        client,
        language,
        questionnaire,
        consultant,
        accent,
        wave,
        scale,
    } = new;
    let questionnaire = questionnaire.as_str();
    debug_assert!(accent.as_deref().is_none_or(is_hex_colour));
    let assessment_path = dir.join(FILE_NAME);
    if assessment_path.exists() {
        return Err(Diagnostic::file(
            &assessment_path,
            "already exists; `init` never overwrites an assessment (choose another folder)",
        )
        .into());
    }
    // A questionnaire given by path is copied in, so the folder holds everything its report
    // depends on and can be archived or versioned as one.
    let built_in = BUILT_IN.iter().any(|(id, _, _)| *id == questionnaire);
    let (reference, copy) = if built_in && scale == 7 {
        let text = on_seven_points(questionnaire).ok_or_else(|| {
            Diagnostic::file(
                dir,
                format!("the questionnaire `{questionnaire}` has no 7-point version"),
            )
        })?;
        ("questionnaire.toml".to_string(), Some(text))
    } else if built_in {
        (questionnaire.to_string(), None)
    } else if scale != 5 {
        return Err(Diagnostic::file(
            Path::new(questionnaire),
            format!("`--scale {scale}` is for the built-in questionnaire; a questionnaire file keeps the scale it says (leave `--scale` out)"),
        )
        .into());
    } else {
        let source = Path::new(questionnaire);
        let text = read_to_string(source)?;
        let q = Questionnaire::parse(source, &text)?;
        if !q.languages.iter().any(|l| l == language.code()) {
            return Err(Diagnostic::file(
                source,
                format!(
                    "has no `{language}` texts (it has {}); choose --lang accordingly",
                    q.languages.join(", ")
                ),
            )
            .into());
        }
        ("questionnaire.toml".to_string(), Some(text))
    };
    let client = client.unwrap_or_else(|| {
        dir.canonicalize()
            .ok()
            .or_else(|| Some(dir.to_path_buf()))
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Client".to_string())
    });
    let create = |path: &Path| {
        std::fs::create_dir_all(path)
            .map_err(|e| Diagnostic::file(path, format!("cannot create the folder: {e}")))
    };
    create(dir)?;
    create(&dir.join("answers"))?;
    if let Some(text) = copy {
        write_new(&dir.join("questionnaire.toml"), &text)?;
    }
    // a key given is written, one not given stays a comment with an example; either way
    // the line's own comment after it, in one column
    let line = |key: &str, value: Option<String>, example: &str| {
        let line = value.map_or_else(
            || format!("# {key} = {example}"),
            |v| format!("{key} = {}", toml_string(&v)),
        );
        format!("{line:<32} ")
    };
    let firm = match language {
        Language::De => "\"Ihre Firma\"",
        Language::En => "\"Your firm\"",
    };
    let assessment = fill(
        assessment_toml(language),
        &[
            ("client", toml_string(&client)),
            ("wave", format!("{:<25} ", toml_string(&wave))),
            ("date", today().to_string()),
            ("consultant", line("consultant", consultant, firm)),
            ("language", language.code().to_string()),
            ("questionnaire", toml_string(&reference)),
            ("accent", line("accent", accent, "\"#00667a\"")),
        ],
    );
    write_new(&assessment_path, &assessment)?;
    super::print(&format!(
        "Created the assessment {dir}.\nNext: put answer files (*.toml, one respondent each, or *.csv tables) into {answers},\nthen run `centricity validate {dir}` and `centricity report {dir}`.\n",
        dir = dir.display(),
        answers = dir.join("answers").display()
    ))
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if path.exists() {
        return Err(Diagnostic::file(
            path,
            "already exists; `init` never overwrites a file",
        ));
    }
    write_atomic(path, text.as_bytes())
}

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// Today's date in UTC, for the new assessment's `date` (days to civil date after
/// Howard Hinnant's `civil_from_days`).
fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// `template` with every `{name}` of `values` replaced in one pass: a value holding `{…}`
/// (a client called "{date} AG") stays as it is.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let found = values.iter().find(|(name, _)| {
            rest[1..].starts_with(name) && rest[1 + name.len()..].starts_with('}')
        });
        match found {
            Some((name, value)) => {
                out.push_str(value);
                rest = &rest[name.len() + 2..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The new assessment.toml, its comments in the assessment's language. `{consultant}` and
/// `{accent}` are the key or, not given, a commented example.
fn assessment_toml(language: Language) -> &'static str {
    match language {
        Language::De => ASSESSMENT_DE,
        Language::En => ASSESSMENT_EN,
    }
}

const ASSESSMENT_EN: &str = r##"# One assessment: one client, one wave. See the README for every key.
client = {client}
wave = {wave}# the label of this measurement, e.g. "2026" or "Q3"
date = {date}                # the date printed on the report
{consultant}# shown on the cover
language = "{language}"                  # the report's language: de or en
questionnaire = {questionnaire}
answers = "answers"              # folder with answer files, at any depth
# summary = "summary.md"         # your narrative for the client, Markdown, shown after the cover
min_group_size = 5               # groups smaller than this are never shown on their own
# industry = "Handel"            # for norms across your clients: `centricity norms --industry`
# size = "50-249"                # and `--size` compare like with like

[branding]
# logo = "logo.svg"              # SVG or PNG, embedded into the report
{accent}# colour of headings and charts

# Targets for the customer view's scores (0–100), shown in the report with the distance to go:
# [targets]
# overall = 70                   # the overall score
# reachability = 65              # a dimension, by its id in the questionnaire
"##;

const ASSESSMENT_DE: &str = r##"# Eine Erhebung: ein Unternehmen, ein Zeitpunkt. Alle Schlüssel sind im README beschrieben.
client = {client}
wave = {wave}# die Bezeichnung dieser Erhebung, z. B. "2026" oder "Q3"
date = {date}                # das Datum auf dem Bericht
{consultant}# steht auf dem Titelblatt
language = "{language}"                  # die Sprache des Berichts: de oder en
questionnaire = {questionnaire}
answers = "answers"              # Ordner mit den Antwortdateien, in beliebiger Tiefe
# summary = "summary.md"         # Ihre Einschätzung für das Unternehmen, Markdown, nach dem Titelblatt
min_group_size = 5               # kleinere Gruppen werden nie einzeln gezeigt
# industry = "Handel"            # für Vergleichswerte über Ihre Kunden: `centricity norms --industry`
# size = "50-249"                # und `--size` vergleichen Gleiches mit Gleichem

[branding]
# logo = "logo.svg"              # SVG oder PNG, wird in den Bericht eingebettet
{accent}# Farbe der Titel und Diagramme

# Ziele für die Werte der Kundensicht (0–100), im Bericht mit dem Abstand dazu:
# [targets]
# overall = 70                   # der Gesamtwert
# reachability = 65              # eine Dimension, mit ihrer id im Fragebogen
"##;
