use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::input::assessment::FILE_NAME;
use crate::input::builtin::BUILT_IN;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::files::read_to_string;
use crate::model::assessment::Date;
use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;
use crate::output::write::write_atomic;

/// Creates an assessment folder. Existing files are never overwritten.
pub fn run(
    dir: &Path,
    client: Option<String>,
    language: Language,
    questionnaire: &str,
) -> Result<(), Problems> {
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
    let (reference, copy) = if BUILT_IN.iter().any(|(id, _, _)| *id == questionnaire) {
        (questionnaire.to_string(), None)
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
    let assessment = ASSESSMENT
        .replace("{client}", &toml_string(&client))
        .replace("{date}", &today().to_string())
        .replace("{language}", language.code())
        .replace("{questionnaire}", &toml_string(&reference));
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

const ASSESSMENT: &str = r##"# One assessment: one client, one wave. See the README for every key.
client = {client}
wave = "1"                       # the label of this measurement, e.g. "2026" or "Q3"
date = {date}                # the date printed on the report
# consultant = "Your firm"       # shown on the cover
language = "{language}"                  # the report's language: de or en
questionnaire = {questionnaire}
answers = "answers"              # folder with answer files, at any depth
# summary = "summary.md"         # your narrative for the client, Markdown, shown after the cover
min_group_size = 5               # groups smaller than this are never shown on their own

# [branding]
# logo = "logo.svg"              # SVG or PNG, embedded into the report
# accent = "#00667a"             # colour of headings and charts
"##;
