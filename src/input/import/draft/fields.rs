//! The columns every survey tool has under its own names: the respondent id, the date, the
//! language and whether a response was finished; and which tool's export it is.

use super::super::mapping::base_language;
use super::words::fold;
use crate::input::spreadsheet::serial_date;
use crate::input::table::{parse_date, FORMATS};
use crate::model::questionnaire::Questionnaire;

/// The survey tools whose exports have a shape of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Qualtrics,
    QualtricsLegacy,
    SurveyMonkey,
    LimeSurvey,
    SoSci,
    GoogleForms,
    MicrosoftForms,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Qualtrics => "Qualtrics",
            Tool::QualtricsLegacy => "Qualtrics (legacy export)",
            Tool::SurveyMonkey => "SurveyMonkey",
            Tool::LimeSurvey => "LimeSurvey",
            Tool::SoSci => "SoSci Survey",
            Tool::GoogleForms => "Google Forms",
            Tool::MicrosoftForms => "Microsoft Forms",
        }
    }

    /// The prefix of respondent ids from this tool, which keeps them apart from another
    /// tool's ids in the same assessment.
    pub fn prefix(self) -> &'static str {
        match self {
            Tool::Qualtrics | Tool::QualtricsLegacy => "qx-",
            Tool::SurveyMonkey => "sm-",
            Tool::LimeSurvey => "ls-",
            Tool::SoSci => "sosci-",
            Tool::GoogleForms => "gf-",
            Tool::MicrosoftForms => "msf-",
        }
    }
}

/// Whether the first header row has a column called `name` (compared [`fold`]ed).
fn has(first: &[String], name: &str) -> bool {
    let name = fold(name);
    first.iter().any(|h| fold(h) == name)
}

/// Which tool wrote the export, by its header rows and the names of its own columns.
pub(super) fn tool(first: &[String], header_rows: usize) -> Option<Tool> {
    let any = |names: &[&str]| names.iter().any(|n| has(first, n));
    if first.first().is_some_and(|h| h == "V1") && header_rows == 2 {
        return Some(Tool::QualtricsLegacy);
    }
    if header_rows == 3 || any(&["ResponseId", "Q_Language"]) {
        return Some(Tool::Qualtrics);
    }
    if any(&["Respondent ID"]) && any(&["Collector ID"]) {
        return Some(Tool::SurveyMonkey);
    }
    if any(&["submitdate"]) && any(&["startlanguage", "lastpage"]) {
        return Some(Tool::LimeSurvey);
    }
    if any(&["CASE"]) && any(&["SERIAL", "QUESTNNR", "LASTDATA", "MAILSENT"]) {
        return Some(Tool::SoSci);
    }
    if first
        .first()
        .is_some_and(|h| ["zeitstempel", "timestamp"].contains(&fold(h).as_str()))
    {
        return Some(Tool::GoogleForms);
    }
    let times = [
        "Completion time",
        "Fertigstellungszeit",
        "Start time",
        "Startzeit",
    ];
    if any(&["ID"]) && any(&times) {
        return Some(Tool::MicrosoftForms);
    }
    None
}

/// The first column whose name (compared [`fold`]ed) is one of `names`, in the order of
/// `names`, that `usable` allows.
fn find(first: &[String], names: &[&str], usable: impl Fn(usize) -> bool) -> Option<usize> {
    names.iter().find_map(|name| {
        let name = fold(name);
        (0..first.len()).find(|&c| fold(&first[c]) == name && usable(c))
    })
}

/// Where respondent ids come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Respondent {
    Column {
        column: usize,
        prefix: String,
    },
    /// Numbered in the export's order; with the id column that could not be used, if any.
    Numbered {
        prefix: String,
        unusable: Option<usize>,
    },
}

/// The names tools give their respondent id column, the likeliest first.
const ID_NAMES: &[&str] = &[
    "ResponseId",
    "Response ID",
    "Respondent ID",
    "Antwort-ID",
    "CASE",
    "id",
    "Teilnehmer-ID",
    "Participant ID",
];

/// The respondent id column, if its values are all there and all different; else numbered.
pub(super) fn respondent(first: &[String], rows: &[Vec<String>], tool: Option<Tool>) -> Respondent {
    let prefix = tool.map_or("", Tool::prefix).to_string();
    let Some(column) = find(first, ID_NAMES, |_| true) else {
        let prefix = if prefix.is_empty() {
            "r-".into()
        } else {
            prefix
        };
        return Respondent::Numbered {
            prefix,
            unusable: None,
        };
    };
    let mut ids: Vec<&str> = rows.iter().map(|r| r[column].trim()).collect();
    let filled = ids.iter().all(|id| !id.is_empty());
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    if filled && ids.len() == before {
        Respondent::Column { column, prefix }
    } else {
        let prefix = if prefix.is_empty() {
            "r-".into()
        } else {
            prefix
        };
        Respondent::Numbered {
            prefix,
            unusable: Some(column),
        }
    }
}

/// The date of a response.
#[derive(Debug, Clone, PartialEq)]
pub struct DateColumn {
    pub column: usize,
    /// The format all its values are written in; `None` for yyyy-mm-dd (the default).
    pub format: Option<&'static str>,
    /// False when some value is no date in any format (the line is written commented out).
    pub readable: bool,
    /// How many values it has.
    pub values: usize,
}

/// The names tools give the date a response was finished (or started), the best first.
const DATE_NAMES: &[&str] = &[
    "RecordedDate",
    "submitdate",
    "End Date",
    "EndDate",
    "Completion time",
    "Fertigstellungszeit",
    "Zeitstempel",
    "Timestamp",
    "LASTDATA",
    "datestamp",
    "StartDate",
    "Start Date",
    "STARTED",
    "Start time",
    "Startzeit",
];

/// The date column and the format all its values are written in, trying each of
/// [`FORMATS`] with [`parse_date`] (a workbook's date cells are already yyyy-mm-dd, or
/// serial days).
pub(super) fn date(first: &[String], rows: &[Vec<String>], workbook: bool) -> Option<DateColumn> {
    let column = find(first, DATE_NAMES, |_| true)?;
    let values: Vec<&str> = rows
        .iter()
        .map(|r| r[column].trim())
        .filter(|v| !v.is_empty())
        .collect();
    let fits = |format: &str| {
        values
            .iter()
            .all(|v| parse_date(v, format).is_some() || (workbook && serial_date(v).is_some()))
    };
    let format = FORMATS.iter().copied().find(|f| fits(f));
    Some(DateColumn {
        column,
        format: format.filter(|f| *f != FORMATS[0]),
        readable: format.is_some(),
        values: values.len(),
    })
}

/// The language of a response.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageColumn {
    pub column: usize,
    /// Three-letter codes (ISO 639-2, as SoSci Survey writes them) of the questionnaire's
    /// languages: (code, language).
    pub codes: Vec<(String, String)>,
    /// The codes in it that are no language of the questionnaire (nor a variant of one).
    pub unknown: Vec<String>,
}

/// Three-letter language codes (ISO 639-2/B and /T) and their two-letter ones.
const THREE_LETTERS: &[(&str, &str)] = &[
    ("deu", "de"),
    ("ger", "de"),
    ("eng", "en"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("ita", "it"),
];

/// The names tools give the language a response was given in.
const LANGUAGE_NAMES: &[&str] = &["Q_Language", "startlanguage", "LANGUAGE", "Sprache"];

/// The language column, with the codes in it the questionnaire does not know.
pub(super) fn language(
    first: &[String],
    rows: &[Vec<String>],
    q: &Questionnaire,
) -> Option<LanguageColumn> {
    let column = find(first, LANGUAGE_NAMES, |_| true)?;
    let mut unknown: Vec<String> = rows
        .iter()
        .map(|r| r[column].trim())
        .filter(|v| !v.is_empty() && base_language(q, v).is_none())
        .map(String::from)
        .collect();
    unknown.sort();
    unknown.dedup();
    let mut codes = Vec::new();
    unknown.retain(|code| {
        let lower = code.to_lowercase();
        let known = THREE_LETTERS
            .iter()
            .find(|(three, _)| *three == lower)
            .and_then(|(_, two)| base_language(q, two));
        match known {
            Some(language) => {
                codes.push((code.clone(), language));
                false
            }
            None => true,
        }
    });
    Some(LanguageColumn {
        column,
        codes,
        unknown,
    })
}

/// Which rows to import: one rule of the mapping's `keep`.
#[derive(Debug, Clone, PartialEq)]
pub struct Keep {
    pub column: usize,
    /// The cells of a row to keep; empty: any filled cell (LimeSurvey's `submitdate`).
    pub values: Vec<&'static str>,
    /// Why, for the mapping's comment: `only finished responses`.
    pub why: &'static str,
}

/// The columns that say whether a response counts: Qualtrics' `Finished` (`1`, `True`),
/// LimeSurvey's `submitdate` (filled), SoSci Survey's `FINISHED` (`1`), `MODE`
/// (`interview`, not `pretest`) and `Q_VIEWER` (`0`, not a click-through).
pub(super) fn keep(first: &[String], tool: Option<Tool>) -> Vec<Keep> {
    let rule = |names: &[&str], values: Vec<&'static str>, why: &'static str| {
        find(first, names, |_| true).map(|column| Keep {
            column,
            values,
            why,
        })
    };
    let finished = "only finished responses";
    match tool {
        Some(Tool::SoSci) => [
            rule(&["FINISHED"], vec!["1"], finished),
            rule(
                &["MODE"],
                vec!["interview"],
                "not the tests of the questionnaire (pretest)",
            ),
            rule(
                &["Q_VIEWER"],
                vec!["0"],
                "not those who only clicked through",
            ),
        ]
        .into_iter()
        .flatten()
        .collect(),
        Some(Tool::LimeSurvey) => rule(&["submitdate"], Vec::new(), finished)
            .into_iter()
            .collect(),
        _ => rule(&["Finished"], vec!["1", "True"], finished)
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tools_are_told_by_their_columns() {
        let monkey = names(&["Respondent ID", "Collector ID", "Start Date"]);
        assert_eq!(tool(&monkey, 2), Some(Tool::SurveyMonkey));
        let lime = names(&["id", "submitdate", "lastpage", "startlanguage"]);
        assert_eq!(tool(&lime, 1), Some(Tool::LimeSurvey));
        let sosci = names(&["CASE", "SERIAL", "REF", "STARTED", "LASTDATA", "FINISHED"]);
        assert_eq!(tool(&sosci, 1), Some(Tool::SoSci));
        assert_eq!(
            tool(&names(&["Zeitstempel", "Frage"]), 1),
            Some(Tool::GoogleForms)
        );
        assert_eq!(tool(&names(&["Frage", "Antwort"]), 1), None);
    }

    #[test]
    fn a_repeated_id_is_not_used() {
        let first = names(&["id", "R1"]);
        let rows = vec![names(&["1", "a"]), names(&["1", "b"])];
        assert_eq!(
            respondent(&first, &rows, None),
            Respondent::Numbered {
                prefix: "r-".into(),
                unusable: Some(0)
            }
        );
        let rows = vec![names(&["1", "a"]), names(&["2", "b"])];
        assert_eq!(
            respondent(&first, &rows, Some(Tool::LimeSurvey)),
            Respondent::Column {
                column: 0,
                prefix: "ls-".into()
            }
        );
    }

    #[test]
    fn three_letter_language_codes_are_mapped_the_rest_said() {
        let q = Questionnaire::load("customer-centricity", std::path::Path::new("."))
            .unwrap_or_else(|_| panic!("the built-in questionnaire loads"));
        let first = names(&["LANGUAGE"]);
        let rows = vec![names(&["deu"]), names(&["EN"]), names(&["tlh"])];
        let found = language(&first, &rows, &q).map(|l| (l.codes, l.unknown));
        let expected = (vec![("deu".to_string(), "de".to_string())], names(&["tlh"]));
        assert_eq!(found, Some(expected));
    }

    #[test]
    fn a_date_gets_the_format_all_its_values_have() {
        let first = names(&["Zeitstempel"]);
        let rows = vec![names(&["6.10.2026 10:13:21"]), names(&["17.10.2026 11:00"])];
        let found = date(&first, &rows, false).map(|d| (d.format, d.readable));
        assert_eq!(found, Some((Some("dd.mm.yyyy"), true)));
        let rows = vec![names(&["2026-10-06 10:13:21"])];
        let found = date(&first, &rows, false).map(|d| (d.format, d.readable));
        assert_eq!(found, Some((None, true)));
        let rows = vec![names(&["gestern"])];
        let found = date(&first, &rows, false).map(|d| d.readable);
        assert_eq!(found, Some(false));
    }
}
