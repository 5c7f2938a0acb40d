//! The text of a drafted mapping (`centricity mapping`): valid TOML that `import` accepts,
//! with a comment on every line the draft is not sure of and every column it left out named.
//! Any text from the export is escaped in strings and made one line in comments, so a hostile
//! header cannot add a line of its own.

use std::fmt::Write;

use crate::input::import::draft::{
    ColumnRef, CommentWhy, Draft, Matched, Placed, Respondent, ScaleNote, Sureness, Tool, Why,
};
use crate::model::questionnaire::{Perspective, Questionnaire};

/// What the mapping says beyond the draft: the questionnaire as the mapping refers to it, the
/// perspective, and the export's file name (for the comment at the top).
pub struct Heading<'a> {
    pub questionnaire: &'a str,
    pub perspective: Perspective,
    pub export_name: &'a str,
}

/// The longest header quoted in a comment, in characters (the rest is cut with "…").
const QUOTED: usize = 100;

/// The widest line of a list in a comment.
const WIDTH: usize = 96;

/// The mapping's text.
pub fn mapping_toml(draft: &Draft, q: &Questionnaire, heading: &Heading) -> String {
    let mut out = String::new();
    top(&mut out, draft, q, heading);
    fields(&mut out, draft, q);
    left_out(&mut out, draft);
    values(&mut out, draft);
    for matched in &draft.matched {
        item(&mut out, draft, q, matched);
    }
    for (question, column) in &draft.unnamed {
        let _ = writeln!(
            out,
            "\n# check: {} is the wording of {}, but other columns have the same header, so a mapping\n# cannot name it: give the columns different headers in the export",
            shown(&draft.names[*column]),
            quoted(draft.id(*question, q))
        );
    }
    if !draft.unmatched.is_empty() {
        out.push('\n');
        list(
            &mut out,
            &format!(
                "not found in the export ({}; map them by hand with [[items]], or leave them out):",
                draft.unmatched.len()
            ),
            draft.unmatched.iter().map(String::from),
        );
    }
    out
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(s, "\\u{:04X}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Text for a comment: one line (control characters, line breaks among them, as spaces).
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A header quoted for a comment: one line, cut after [`QUOTED`] characters.
fn shown(text: &str) -> String {
    let line = one_line(text);
    match line.char_indices().nth(QUOTED) {
        Some((at, _)) => format!("\"{}…\"", &line[..at]),
        None => format!("\"{line}\""),
    }
}

/// Appends a comment listing `names`, wrapped at [`WIDTH`], every name written.
fn list(out: &mut String, title: &str, names: impl Iterator<Item = String>) {
    let mut line = format!("# {}", one_line(title));
    for name in names {
        if line.chars().count() + name.chars().count() + 1 > WIDTH && line.len() > 4 {
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
            line = "#  ".to_string();
        }
        line.push(' ');
        line.push_str(&name);
        line.push(',');
    }
    out.push_str(line.trim_end_matches(','));
    out.push('\n');
}

/// A `key = value` line with an optional comment.
fn line(out: &mut String, key_value: &str, comment: Option<&str>) {
    match comment {
        Some(c) => {
            let _ = writeln!(out, "{key_value}   # {}", one_line(c));
        }
        None => {
            let _ = writeln!(out, "{key_value}");
        }
    }
}

fn top(out: &mut String, draft: &Draft, q: &Questionnaire, heading: &Heading) {
    let from = match draft.tool {
        Some(tool) => format!(" ({} export)", tool.name()),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "# Drafted by `centricity mapping` from {}{from}.",
        one_line(heading.export_name)
    );
    out.push_str("# Check it, above all the lines marked \"check\", then:\n");
    out.push_str("#   centricity import EXPORT --mapping THIS-FILE -o DIR/answers/x.csv\n");
    if let Some(ScaleNote::Points(points)) = draft.values.scale {
        let ours = q.scale.max - q.scale.min + 1;
        let _ = writeln!(
            out,
            "# CHECK: the answers look like a scale of {points} points, the questionnaire's has {ours}."
        );
        let remedy = match points {
            5 => "# Values are never squeezed: create the assessment on 5 points (`centricity init DIR`, the\n# default) and draft again with its questionnaire.\n".to_string(),
            7 if ours == 5 => "# Values are never squeezed: create the assessment with `centricity init DIR --scale 7`\n# and draft again with `--questionnaire DIR/questionnaire.toml`.\n".to_string(),
            _ => format!("# Values are never squeezed: use a questionnaire on {points} points (a questionnaire file,\n# given to `centricity init --questionnaire`) and draft again with `--questionnaire` it.\n"),
        };
        out.push_str(&remedy);
    }
    line(
        out,
        &format!("questionnaire = {}", quoted(heading.questionnaire)),
        None,
    );
    let perspective = format!("perspective = {}", quoted(heading.perspective.id()));
    let other = match heading.perspective {
        Perspective::Customer => "self",
        Perspective::SelfView => "customer",
    };
    let hint = (draft.other_perspective * 2 > draft.matched.len()).then(|| {
        format!(
            "check: {} of {} headers are worded for the `{other}` perspective; if so, write \"{other}\"",
            draft.other_perspective,
            draft.matched.len()
        )
    });
    line(out, &perspective, hint.as_deref());
    if draft.header_rows > 1 {
        let shape = match draft.tool {
            Some(Tool::Qualtrics) => "the shape of a Qualtrics export: names, question texts, {\"ImportId\":…}",
            Some(Tool::QualtricsLegacy) => "the shape of Qualtrics' legacy export: V1, V2, … over the question texts",
            Some(Tool::SurveyMonkey) => "the shape of a SurveyMonkey export: the questions, then Response, Open-Ended Response or a matrix's statements",
            _ => "detected as `import` detects them",
        };
        line(
            out,
            &format!("header_rows = {}", draft.header_rows),
            Some(shape),
        );
    }
}

/// Respondent, date, language, keep, scale and `ignore_other_columns`.
fn fields(out: &mut String, draft: &Draft, q: &Questionnaire) {
    let name = |c: usize| quoted(&draft.names[c]);
    match &draft.respondent {
        Respondent::Column { column, prefix } if prefix.is_empty() => line(
            out,
            &format!("respondent = {{ column = {} }}", name(*column)),
            None,
        ),
        Respondent::Column { column, prefix } => line(
            out,
            &format!(
                "respondent = {{ column = {}, prefix = {} }}",
                name(*column),
                quoted(prefix)
            ),
            Some("the prefix keeps these ids apart from other exports'"),
        ),
        Respondent::Numbered { prefix, unusable } => {
            let why = match unusable {
                Some(c) => format!(
                    "check: the column {} has empty or repeated ids, so respondents are numbered in the export's order",
                    shown(&draft.names[*c])
                ),
                None => "no id column: respondents are numbered in the export's order".to_string(),
            };
            line(
                out,
                &format!("respondent = {{ numbered = {} }}", quoted(prefix)),
                Some(&why),
            );
        }
    }
    if let Some(date) = &draft.date {
        let format = date
            .format
            .map(|f| format!(", format = {}", quoted(f)))
            .unwrap_or_default();
        let text = format!("date = {{ column = {}{format} }}", name(date.column));
        if date.readable {
            let how = date.format.unwrap_or("yyyy-mm-dd");
            let why = format!("its {} values are all dates as {how}", date.values);
            line(out, &text, Some(&why));
        } else {
            line(out, &format!("# {text}"), Some("check: some of its values are no dates as yyyy-mm-dd, dd.mm.yyyy or mm/dd/yyyy"));
        }
    }
    match (&draft.language, &draft.worded_in) {
        (Some(language), _) => {
            let codes = match language.codes.as_slice() {
                [] => String::new(),
                codes => {
                    let pairs: Vec<String> = codes
                        .iter()
                        .map(|(code, l)| format!("{} = {}", quoted(code), quoted(l)))
                        .collect();
                    format!(", values = {{ {} }}", pairs.join(", "))
                }
            };
            let text = format!("language = {{ column = {}{codes} }}", name(language.column));
            let unknown = (!language.unknown.is_empty()).then(|| {
                let codes: Vec<String> = language.unknown.iter().map(|c| quoted(c)).collect();
                format!(
                    "check: {} {} no language of the questionnaire ({}); map them with values = {{ {} = \"{}\" }}",
                    codes.join(", "),
                    if codes.len() == 1 { "is" } else { "are" },
                    q.languages.join(", "),
                    codes[0],
                    q.languages.first().map_or("", String::as_str)
                )
            });
            line(out, &text, unknown.as_deref());
        }
        (None, Some(code)) => line(
            out,
            &format!("language = {}", quoted(code)),
            Some("every matched header is worded in this language"),
        ),
        (None, None) => {}
    }
    let rules: Vec<(String, &str)> = draft
        .keep
        .iter()
        .map(|keep| {
            let rule = match keep.values.as_slice() {
                [] => "filled = true".to_string(),
                values => {
                    let values: Vec<String> = values.iter().map(|v| quoted(v)).collect();
                    format!("values = [{}]", values.join(", "))
                }
            };
            (
                format!("{{ column = {}, {rule} }}", name(keep.column)),
                keep.why,
            )
        })
        .collect();
    match rules.as_slice() {
        [] => {}
        [(rule, why)] => line(out, &format!("keep = {rule}"), Some(why)),
        rules => {
            line(
                out,
                "keep = [",
                Some("rows are imported when all of these hold"),
            );
            for (rule, why) in rules {
                line(out, &format!("  {rule},"), Some(why));
            }
            line(out, "]", None);
        }
    }
    if let Some(ScaleNote::Shifted(low, high)) = draft.values.scale {
        let why = format!(
            "the export's numbers run from {low} to {high}: the questionnaire's {} to {}, shifted",
            q.scale.min, q.scale.max
        );
        line(out, &format!("scale = [{low}, {high}]"), Some(&why));
    }
    line(
        out,
        "ignore_other_columns = true",
        Some("the columns left out are listed below"),
    );
    if draft.matched.is_empty() {
        line(
            out,
            "items = []",
            Some("check: no header matches a question's wording; replace this line by [[items]] tables"),
        );
    }
}

/// The columns left out, every one named.
fn left_out(out: &mut String, draft: &Draft) {
    if draft.left_out.is_empty() {
        return;
    }
    let names = draft.left_out.iter().map(|&c| shown(&draft.names[c]));
    list(
        out,
        &format!("left out ({} columns):", draft.left_out.len()),
        names,
    );
    // a group is never guessed, but a column named like one is offered, commented out
    for &c in draft
        .left_out
        .iter()
        .filter(|&&c| names_groups(&draft.names[c]))
    {
        line(
            out,
            &format!("# group = {{ column = {} }}", quoted(&draft.names[c])),
            Some("check: remove the leading # if this column names the groups to compare"),
        );
    }
    if !draft.answer_like.is_empty() {
        let names = draft.answer_like.iter().map(|&c| shown(&draft.names[c]));
        list(
            out,
            "check: of them, these hold answers on the scale, but their headers match no question's wording:",
            names,
        );
    }
}

/// `[values]`: the answer texts placed, then those that could not be, commented out.
fn values(out: &mut String, draft: &Draft) {
    let values = &draft.values;
    if values.placed.is_empty() && values.unplaced.is_empty() {
        return;
    }
    out.push_str("\n[values]\n");
    for value in &values.placed {
        let placed = match value.placed {
            Placed::Value(v) => v.to_string(),
            Placed::NotApplicable => "\"na\"".to_string(),
            Placed::Unanswered => "\"\"".to_string(),
        };
        let why = match &value.why {
            Why::Label(language) => format!("the questionnaire's label ({language})"),
            Why::Anchor => "a common agreement anchor".to_string(),
            Why::DontKnow => "don't know: not applicable".to_string(),
            Why::DontKnowNoNa => {
                "don't know; the questionnaire allows no \"na\", so: unanswered".to_string()
            }
            Why::ToolCode(tool) => format!("{tool}'s code for a question not answered"),
            Why::ToolDontKnow(tool) => format!("{tool}'s code for \"don't know\": not applicable"),
            Why::Numbered => "its number is the point of the scale its label names".to_string(),
        };
        let count = answers(value.count);
        line(
            out,
            &format!("{} = {placed}", quoted(&value.text)),
            Some(&format!("{why}; {count}")),
        );
    }
    for (text, count) in &values.unplaced {
        let _ = writeln!(
            out,
            "# {} = ?   ({}; could not place)",
            one_line(&quoted(text)),
            answers(*count)
        );
    }
}

fn answers(count: usize) -> String {
    match count {
        1 => "1 answer".to_string(),
        n => format!("{n} answers"),
    }
}

/// One `[[items]]` table.
fn item(out: &mut String, draft: &Draft, q: &Questionnaire, matched: &Matched) {
    out.push_str("\n[[items]]\n");
    line(
        out,
        &format!("item = {}", quoted(draft.id(matched.question, q))),
        None,
    );
    let how = match matched.sure {
        Sureness::Exact => "exact wording".to_string(),
        Sureness::Words(share) => format!("check: {:.0} % of the words match", share * 100.0),
        Sureness::UsualNps => {
            "check: the usual recommendation question, not the questionnaire's wording".to_string()
        }
    };
    let text = match &matched.name {
        ColumnRef::Header(header) => format!("column = {}", quoted(header)),
        ColumnRef::Question(text) => format!("question = {}", quoted(text)),
    };
    // the header text that matched, unless the line names the column by it already
    let comment = match &matched.name {
        ColumnRef::Header(h) | ColumnRef::Question(h) if *h == matched.cell => how,
        _ => format!("{how}: {}", shown(&matched.cell)),
    };
    line(out, &text, Some(&comment));
    if let (crate::input::import::draft::Question::Nps, Some((low, high))) =
        (matched.question, draft.nps_scale)
    {
        line(
            out,
            &format!("scale = [{low}, {high}]"),
            Some("check: the answers are stored as 1 … 11 (0 … 10 shifted by one), as SoSci Survey stores them"),
        );
    }
    if let Some(found) = &matched.comment {
        let text = match &found.name {
            ColumnRef::Header(header) => format!("comment = {}", quoted(header)),
            ColumnRef::Question(text) => format!("comment = {{ question = {} }}", quoted(text)),
        };
        let why = match found.why {
            CommentWhy::NamesColumn => "its header names the item's column".to_string(),
            CommentWhy::Follows => "a comment column right after the item's".to_string(),
            CommentWhy::General => "a general question for anything else".to_string(),
            CommentWhy::FreeTextAfter => format!(
                "check: free text right after the item's column, {}",
                shown(&draft.names[found.column])
            ),
        };
        match found.why.sure() {
            true => line(out, &text, Some(&why)),
            false => line(out, &format!("# {text}"), Some(&why)),
        }
    }
    for (column, sure) in &matched.rivals {
        let how = match sure {
            Sureness::Exact => "the exact wording too".to_string(),
            Sureness::Words(share) => format!("{:.0} % of the words match", share * 100.0),
            Sureness::UsualNps => "the usual recommendation question too".to_string(),
        };
        let _ = writeln!(
            out,
            "# check: {} is like it as well ({how}); left out",
            shown(&draft.names[*column])
        );
    }
}

/// Whether a column's header names groups (segment, department, customer type, site).
fn names_groups(header: &str) -> bool {
    const WORDS: [&str; 16] = [
        "segment",
        "gruppe",
        "group",
        "abteilung",
        "department",
        "bereich",
        "team",
        "kundentyp",
        "kundenart",
        "customer type",
        "standort",
        "filiale",
        "branch",
        "region",
        "privat- oder firmenkunde",
        "private or business",
    ];
    let header = header.to_lowercase();
    // Qualtrics' `Q6_NPS_GROUP` is the NPS category, no group of respondents
    header.chars().count() <= 60
        && !header.contains("nps")
        && WORDS.iter().any(|w| header.contains(w))
}
