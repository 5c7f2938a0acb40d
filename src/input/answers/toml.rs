//! Answer files in TOML, one respondent each, as a filled-in template leaves them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use std::hash::BuildHasher;

use super::ids::Claims;
use super::{parallel, Loader, Sink};
use crate::input::check::{check_language, Question, Raw};
use crate::input::diagnostics::{Diagnostic, Source};
use crate::input::files::read_to_string;
use crate::model::assessment::Date;
use crate::model::questionnaire::Questionnaire;

/// Answer files are read on several threads only when each gets at least this many.
const PER_THREAD: usize = 32;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnswerFile {
    questionnaire: Spanned<String>,
    questionnaire_version: Spanned<String>,
    perspective: Spanned<String>,
    respondent: Spanned<String>,
    group: Option<String>,
    date: Option<Spanned<toml::value::Datetime>>,
    language: Option<Spanned<String>>,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    comments: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// An answer file read and parsed, or the problems that stopped it: the part of reading a
/// file that needs nothing from the files before it, so it can be done on any thread.
pub(super) type Prepared = Result<(String, AnswerFile, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads and parses the answer file at `path` (see [`Prepared`]).
pub(super) fn prepare(path: &Path, questionnaire: &Questionnaire) -> Prepared {
    let text = read_to_string(path).map_err(|e| vec![e])?;
    let source = Source { path, text: &text };
    let (file, unreadable) = parse(&source, questionnaire)?;
    Ok((text, file, unreadable))
}

impl Loader<'_> {
    /// Reads answer files, in order: read and parsed on [`parallel::threads`] threads,
    /// then each checked and its respondent handed to `sink` here. `paths` is emptied.
    pub(super) fn toml_files<S: Sink>(&mut self, paths: &mut Vec<PathBuf>, sink: &mut S) {
        let q = self.questionnaire;
        let threads = parallel::threads().min(paths.len() / PER_THREAD).max(1);
        let prepared: Vec<Prepared> = if threads == 1 {
            paths.iter().map(|path| prepare(path, q)).collect()
        } else {
            let share = paths.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let parts: Vec<_> = paths
                    .chunks(share)
                    .map(|part| {
                        scope.spawn(move || {
                            part.iter().map(|path| prepare(path, q)).collect::<Vec<_>>()
                        })
                    })
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for (path, prepared) in paths.drain(..).zip(prepared) {
            self.toml_file(&path, prepared, sink);
        }
    }

    /// Checks one answer file, read and parsed, and hands its respondent to `sink` if it
    /// has no problem.
    fn toml_file<S: Sink>(&mut self, path: &Path, prepared: Prepared, sink: &mut S) {
        self.summary.files += 1;
        let file_index = self.register(path);
        // what `init` run on the answers folder leaves: not an answer file at all
        if path
            .file_name()
            .is_some_and(|n| n == crate::input::assessment::FILE_NAME)
        {
            return self.problems.push(Diagnostic::file(
                path,
                "an assessment.toml inside the answers folder is not an answer file: was a second assessment made here by mistake? (move or delete it, and its questionnaire)",
            ));
        }
        let (text, file, unreadable) = match prepared {
            Ok(prepared) => prepared,
            Err(problems) => return self.problems.0.extend(problems),
        };
        let source = Source { path, text: &text };
        let before = self.problems.0.len();
        self.problems.0.extend(unreadable);
        let q = self.questionnaire;
        self.check_questionnaire(&file, &source);
        let perspective = match self.perspective(file.perspective.get_ref()) {
            Ok(p) => Some(p),
            Err(message) => {
                self.problems
                    .push(source.error(file.perspective.span(), message));
                None
            }
        };
        let id = file.respondent.get_ref().trim().to_string();
        if id.is_empty() {
            self.problems.push(source.error(
                file.respondent.span(),
                "`respondent` is empty (give each respondent a pseudonymous id)",
            ));
        }
        if let Some(date) = &file.date {
            if Date::from_toml(date.get_ref()).is_none() {
                self.problems.push(source.error(
                    date.span(),
                    "`date` must be a date like 2026-10-01, without a time",
                ));
            }
        }
        let mut respondent = self.new_respondent(id.clone(), perspective);
        respondent.group = file
            .group
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty());
        if let Some(language) = &file.language {
            match check_language(q, language.get_ref()) {
                Ok(()) => respondent.language = Some(language.get_ref().clone()),
                Err(message) => self.problems.push(source.error(language.span(), message)),
            }
        }
        let mut found = Vec::new();
        for (key, value) in &file.answers {
            let raw = match value.get_ref() {
                toml::Value::Integer(v) => Raw::Integer(*v),
                toml::Value::String(s) if s.trim().parse::<i64>().is_ok() => Raw::QuotedNumber(s),
                toml::Value::String(s) => Raw::Text(s),
                toml::Value::Float(f) => Raw::Other(format!("{f}, not a whole number")),
                // `reach.hours = 4` without quotes is a table `reach` with a key `hours`
                toml::Value::Table(_) if Question::find(q, key.get_ref()).is_none() => {
                    found.push(source.error(
                        key.span(),
                        format!(
                            "unknown item id `{}`: item ids contain dots, so write the key in quotes, like \"{}\" = 4",
                            key.get_ref(),
                            q.items.first().map_or("", |i| i.id.as_str())
                        ),
                    ));
                    continue;
                }
                other => Raw::Other(format!("a {}", other.type_str())),
            };
            if let Err(message) = self.answer(&mut respondent, perspective, key.get_ref(), raw) {
                let span = if Question::find(q, key.get_ref()).is_some() {
                    value.span()
                } else {
                    key.span()
                };
                found.push(source.error(span, message));
            }
        }
        for (key, text) in &file.comments {
            if let Err(message) =
                self.comment(&mut respondent, perspective, key.get_ref(), text.get_ref())
            {
                found.push(source.error(key.span(), message));
            }
        }
        self.problems.0.extend(found);
        if id.is_empty() {
            return;
        }
        self.claims[file_index as usize] = Claims::Toml {
            id: id.as_str().into(),
            offset: file.respondent.span().start as u64,
        };
        let hash = self.seen.hasher().hash_one(id.as_bytes());
        let clean = self.problems.0.len() == before;
        self.claim_id(hash, clean);
        if clean {
            sink.add(&respondent);
        }
    }

    /// The file answers this assessment's questionnaire, in its major version.
    fn check_questionnaire(&mut self, file: &AnswerFile, source: &Source) {
        let q = self.questionnaire;
        if file.questionnaire.get_ref() != &q.id {
            self.problems.push(source.error(
                file.questionnaire.span(),
                format!(
                    "answers questionnaire `{}`, but this assessment uses `{}`",
                    file.questionnaire.get_ref(),
                    q.id
                ),
            ));
        }
        let version = file.questionnaire_version.get_ref();
        match crate::model::questionnaire::major_version(version) {
            None => self.problems.push(source.error(
                file.questionnaire_version.span(),
                format!("`questionnaire_version` must be MAJOR.MINOR.PATCH, like \"{}\", found \"{version}\"", q.version),
            )),
            Some(major) if major != q.major => self.problems.push(source.error(
                file.questionnaire_version.span(),
                format!(
                    "`questionnaire_version` is {version}, but the questionnaire is version {} (the major versions must match)",
                    q.version
                ),
            )),
            Some(_) => {}
        }
    }
}

/// Parses an answer file. A value TOML cannot read (`4,5`, `vier`) stops the parser at the
/// first one; each such answer is named instead (the second part), and the rest of the file
/// is read without them. `Err` with the problems when nothing could be read.
fn parse(
    source: &Source,
    questionnaire: &Questionnaire,
) -> Result<(AnswerFile, Vec<Diagnostic>), Vec<Diagnostic>> {
    let blanked = blank_answers_left_out(source.text);
    let file = match source.parse_toml(&blanked) {
        Ok(file) => file,
        Err(e) => {
            let (rest, found) = unreadable_answers(&blanked, questionnaire);
            if found.is_empty() {
                return Err(vec![e]);
            }
            let mut unreadable: Vec<Diagnostic> = found
                .into_iter()
                .map(|(span, message)| source.error(span, message))
                .collect();
            return match source.parse_toml(&rest) {
                Ok(file) => Ok((file, unreadable)),
                Err(e) => {
                    unreadable.push(e);
                    Err(unreadable)
                }
            };
        }
    };
    Ok((file, Vec::new()))
}

/// A filled-in template leaves the answers it skips as `"item" =`, with nothing after the
/// `=`: not TOML, but plainly "unanswered". Such lines in `[answers]` and `[comments]` are
/// blanked out (with spaces, so every position in the file stays where it was).
fn blank_answers_left_out(text: &str) -> String {
    let mut table = String::new();
    let mut out = String::with_capacity(text.len());
    // inside a multi-line string ("""…""" or '''…''') a line ending in `=` is text
    let mut multiline: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let was_inside = multiline.is_some();
        for delimiter in ["\"\"\"", "\'\'\'"] {
            if multiline.is_none_or(|open| open == delimiter)
                && content.matches(delimiter).count() % 2 == 1
            {
                multiline = if multiline.is_some() {
                    None
                } else {
                    Some(delimiter)
                };
            }
        }
        if was_inside || multiline.is_some() {
            out.push_str(line);
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.split(']').next()) {
            table = name.trim().to_string();
        }
        let before_comment = trimmed.split('#').next().unwrap_or("").trim_end();
        let left_out = matches!(table.as_str(), "answers" | "comments")
            && before_comment.ends_with('=')
            && !before_comment[..before_comment.len() - 1].trim().is_empty()
            && !before_comment[..before_comment.len() - 1].contains('=');
        if left_out {
            out.push_str(&" ".repeat(content.len()));
            out.push_str(&line[content.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The lines of `[answers]` whose value TOML cannot read, each with a message that says
/// what an answer is, and the text with those lines blanked (positions kept).
fn unreadable_answers(
    text: &str,
    q: &crate::model::questionnaire::Questionnaire,
) -> (String, Vec<(std::ops::Range<usize>, String)>) {
    let mut table = String::new();
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.split(']').next()) {
            table = name.trim().to_string();
        }
        let readable = || toml::from_str::<toml::Table>(content).is_ok();
        let Some((key, value)) = content.split_once('=') else {
            out.push_str(line);
            continue;
        };
        if table != "answers" || trimmed.starts_with('#') || readable() {
            out.push_str(line);
            continue;
        }
        let key = key.trim().trim_matches(['"', '\'']);
        let value_text = value.split(" #").next().unwrap_or(value).trim();
        let value_start = start + key_len(content) + (value.len() - value.trim_start().len());
        let span = value_start..value_start + value_text.len();
        let range =
            Question::find(q, key).map_or(q.scale.min..=q.scale.max, |question| question.range(q));
        let na = if q.scale.allow_na { ", or \"na\"" } else { "" };
        let what = format!(
            "an answer is a whole number from {} to {}{na}",
            range.start(),
            range.end()
        );
        let message = if value_text.eq_ignore_ascii_case("na") {
            format!("the answer to `{key}` is na (write it in quotes: \"na\")")
        } else if is_integer(value_text) {
            format!("the answer to `{key}` is {value_text}, outside the scale: {what}")
        } else if value_text.replace(',', ".").parse::<f64>().is_ok() {
            format!("the answer to `{key}` is {value_text}, not a whole number: {what}")
        } else {
            format!("the answer to `{key}` is {value_text}: {what}")
        };
        found.push((span, message));
        out.push_str(&" ".repeat(content.len()));
        out.push_str(&line[content.len()..]);
    }
    (out, found)
}

/// Whether a value is written as a whole number (one too large for TOML, say).
fn is_integer(value: &str) -> bool {
    let digits = value
        .strip_prefix(['+', '-'])
        .unwrap_or(value)
        .replace('_', "");
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The bytes of `line` up to and including its first `=`.
fn key_len(line: &str) -> usize {
    line.find('=').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_left_out_of_a_template_are_blanked_in_place() {
        let text = "respondent = \"\"\n[answers]\n\"r1\" =\n\"r2\" = 4\n\"r3\" =   # why\r\n";
        let blanked = blank_answers_left_out(text);
        assert_eq!(blanked.len(), text.len(), "positions stay");
        let expected = format!(
            "respondent = \"\"\n[answers]\n{}\n\"r2\" = 4\n{}\r\n",
            " ".repeat("\"r1\" =".len()),
            " ".repeat("\"r3\" =   # why".len())
        );
        assert_eq!(blanked, expected);
        // outside [answers] nothing is touched: a missing value there is an error
        assert_eq!(blank_answers_left_out("respondent =\n"), "respondent =\n");
        // nor is text in a multi-line comment that happens to end in `=`
        let comment =
            "[comments]\n\"r1\" = \"\"\"\nÖffnungszeiten Samstag =\n9 bis 12\"\"\"\n\"r2\" =\n";
        let blanked = blank_answers_left_out(comment);
        assert!(blanked.contains("Öffnungszeiten Samstag =\n"), "{blanked}");
        assert!(!blanked.contains("\"r2\" ="), "{blanked}");
    }
}
