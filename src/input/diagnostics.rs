//! Problems found in the user's files, each naming the file and, where there is one, the
//! line and column, and their rendering for the terminal.

use std::fmt;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line and column (in characters), where the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The bytes the problem is about, for showing the line it is on.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// A problem with the file as a whole (it cannot be read, it is missing, …).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            position: None,
            message: message.into(),
            span: None,
        }
    }

    pub fn at(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            position: Some((line, column)),
            message: message.into(),
            span: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.file.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// Everything that went wrong in one run. A command fails with all of them, not the first.
#[derive(Debug, Default, thiserror::Error)]
#[error("{} problem(s) found", .0.len())]
pub struct Problems(pub Vec<Diagnostic>, pub Option<Footer>);

/// What `validate` read before it found problems, for the closing line.
#[derive(Debug, Clone, Copy)]
pub struct Footer {
    pub files: usize,
    pub respondents: usize,
}

impl Problems {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In file order, and within a file by line and column; the same problem once.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
        self.0.dedup();
    }

    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    pub fn with_footer(mut self, footer: Footer) -> Problems {
        self.1 = Some(footer);
        self
    }

    /// `Ok(value)` when nothing went wrong, else all problems.
    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Problems {
    fn from(diagnostic: Diagnostic) -> Self {
        Problems(vec![diagnostic], None)
    }
}

/// Words a closing "(…)" starts with when it tells what to do or what was expected; other
/// parentheses ("(os error 2)") stay part of the message.
const HINTS: [&str; 14] = [
    "expected",
    "did you mean",
    "write",
    "map them",
    "add",
    "a cell",
    "item ids",
    "column",
    "every text",
    "give",
    "see",
    "first",
    "the major",
    "\"na\"",
];

/// The message and its hint: a closing "(…)" that reads like advice is the hint, shown on a
/// line of its own.
fn split_hint(message: &str) -> (&str, Option<&str>) {
    if !message.ends_with(')') {
        return (message, None);
    }
    let mut depth = 0;
    for (i, c) in message.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    let head = message[..i].trim_end();
                    let hint = &message[i + 1..message.len() - 1];
                    let advice = HINTS.iter().any(|h| hint.starts_with(h));
                    return if head.is_empty() || !advice {
                        (message, None)
                    } else {
                        (head, Some(hint))
                    };
                }
            }
            _ => {}
        }
    }
    (message, None)
}

/// The longest line shown under a problem; longer ones are named by line and column only.
const MAX_SNIPPET: usize = 300;

/// Problems as a person reads them: each with its place, the line it is on and a hint
/// (codespan-reporting), in colour when `color` is true.
pub fn render(problems: &Problems, color: bool) -> Vec<u8> {
    use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term;

    let mut files = SimpleFiles::new();
    let mut ids: std::collections::HashMap<&Path, Option<usize>> = std::collections::HashMap::new();
    let config = term::Config::default();
    let mut out: Vec<u8> = Vec::new();
    let mut buffer = term::termcolor::Buffer::no_color();
    if color {
        buffer = term::termcolor::Buffer::ansi();
    }
    for d in problems.0.iter().take(SHOWN_PROBLEMS) {
        let (message, hint) = split_hint(&d.message);
        let notes: Vec<String> = hint.map(|h| format!("hint: {h}")).into_iter().collect();
        // only a problem with a place needs its file's text
        let file = match d.span {
            None => None,
            Some(_) => *ids.entry(&d.file).or_insert_with(|| {
                source_text(&d.file).map(|text| files.add(d.file.display().to_string(), text))
            }),
        };
        // a line of a thousand cells or a ten-megabyte comment is no snippet to print
        let readable = |id: usize, span: &Range<usize>| {
            files.get(id).ok().is_some_and(|file| {
                let text = file.source();
                let start = span.start.min(text.len());
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                line_end - line_start <= MAX_SNIPPET
            })
        };
        let report = match (file, &d.span) {
            (Some(id), Some(span)) if readable(id, span) => Report::error()
                .with_message(message)
                .with_labels(vec![Label::primary(id, span.clone())])
                .with_notes(notes),
            _ => {
                let place = match d.position {
                    Some((line, column)) => format!("{}:{line}:{column}", d.file.display()),
                    None => d.file.display().to_string(),
                };
                Report::error()
                    .with_message(format!("{place}: {message}"))
                    .with_notes(notes)
            }
        };
        if term::emit_to_write_style(&mut buffer, &config, &files, &report).is_err() {
            buffer.clear();
            let _ = writeln!(out, "error: {d}");
        }
        out.extend_from_slice(buffer.as_slice());
        buffer.clear();
    }
    if problems.0.len() > SHOWN_PROBLEMS {
        let _ = writeln!(
            out,
            "… and {} more problems like these (fix these first, then run again)",
            problems.0.len() - SHOWN_PROBLEMS
        );
    }
    out
}

/// How many problems are printed: a table with a wrong value in every row would otherwise
/// print a million.
const SHOWN_PROBLEMS: usize = 200;

/// The text of a file a problem points into: from disk, or a built-in one.
fn source_text(path: &Path) -> Option<String> {
    if let Some((_, _, text)) = crate::input::builtin::BUILT_IN
        .iter()
        .find(|(_, name, _)| Path::new(name) == path)
    {
        return Some(text.to_string());
    }
    // never a pipe or a device (a problem may name one: `-o /dev/zero`), which could block
    // or never end
    if !path.is_file() {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(text.trim_start_matches('\u{feff}').to_string())
}

/// The text of a file a diagnostic can point into: spans become line and column.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

/// Where the lines of a text start: for placing many problems in one file, each in a
/// binary search instead of a count from the start (which made 200,000 problems take ten
/// minutes).
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines(starts)
    }

    /// 1-based line and column (in characters) of a byte offset in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.0.partition_point(|&start| start <= offset);
        let start = self.0[line.saturating_sub(1)];
        (line.max(1), text[start..offset].chars().count() + 1)
    }

    /// A problem at `span` of the file `path` whose text this indexes.
    pub fn error(
        &self,
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(text, span.start);
        Diagnostic {
            span: Some(span),
            ..Diagnostic::at(path, line, column, message)
        }
    }
}

impl Source<'_> {
    /// 1-based line and column (counted in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(span.start);
        Diagnostic {
            span: Some(span),
            ..Diagnostic::at(self.path, line, column, message)
        }
    }

    /// Parses TOML from `text` (this source's text, or the same text with blanks in place):
    /// a NUL character written as an escape (`\u0000`) is refused before parsing, so that
    /// no NUL reaches a report or a table from a TOML file.
    pub fn parse_toml<T: serde::de::DeserializeOwned>(&self, text: &str) -> Result<T, Diagnostic> {
        if let Some(at) = nul_escape(text) {
            return Err(self.error(
                at..at + 6,
                "a NUL character (\\u0000) is not allowed in a text",
            ));
        }
        toml::from_str(text).map_err(|e| self.toml_error(&e))
    }

    /// A TOML syntax or shape error, placed where the parser says.
    pub fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        if let Some(diagnostic) = self.dotted_date(error) {
            return diagnostic;
        }
        let message = plain_words(error.message().trim_end());
        match error.span() {
            Some(span) => self.error(span, message),
            None => Diagnostic::file(self.path, message),
        }
    }
}

/// Where a TOML text writes a NUL character as an escape: `\u0000` or `\U00000000` after
/// an odd number of backslashes (`\\u0000` is a backslash and the text "u0000").
fn nul_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('\\') {
        let escape = &bytes[at + 1..];
        let nul = escape.starts_with(b"u0000") || escape.starts_with(b"U00000000");
        if nul {
            let backslashes = bytes[..=at]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if backslashes % 2 == 1 {
                return Some(at);
            }
        }
    }
    None
}

impl Source<'_> {
    /// `date = 25.11.2026`, as people write dates, is not TOML (it reads as a broken number):
    /// say what a date is instead of "invalid float".
    fn dotted_date(&self, error: &toml::de::Error) -> Option<Diagnostic> {
        let span = error.span()?;
        let line_start = self.text[..span.start.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line = self.text[line_start..].lines().next()?;
        let value = line.split_once('=')?.1.split('#').next()?.trim();
        let parts: Vec<&str> = value.split('.').collect();
        let numeric =
            |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
        if parts.len() != 3 || !parts.iter().all(numeric) || parts[2].len() != 4 {
            return None;
        }
        let at = line_start + line.find(value)?;
        Some(self.error(
            at..at + value.len(),
            format!(
                "`{value}` is not a date TOML reads (write it as {}-{:0>2}-{:0>2}: year-month-day, without quotes)",
                parts[2], parts[1], parts[0]
            ),
        ))
    }
}

/// serde's messages speak of types; add what a person should write instead.
fn plain_words(message: &str) -> String {
    if message.contains("expected `nan`") {
        format!("{message} (\"na\" is text: write it in quotes, \"na\")")
    } else if message.contains("expected a string") && message.starts_with("invalid type") {
        format!("{message} (write the value in quotes, like \"2026\")")
    } else if message.contains("TOML datetime") {
        format!("{message} (write a date like 2026-11-15, without quotes)")
    } else {
        message.to_string()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Names for a message, at most a few: `a, b, c, d, e, f, g, h and 9992 more`. A header
/// of ten million columns must not become a message of ten million names.
pub fn some_of<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    const SHOWN: usize = 8;
    let mut shown = Vec::new();
    let mut more = 0usize;
    for name in names {
        if shown.len() < SHOWN {
            shown.push(name.as_ref().to_string());
        } else {
            more += 1;
        }
    }
    match more {
        0 => shown.join(", "),
        _ => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_escapes_are_found() {
        assert_eq!(nul_escape(r#"a = "x\u0000""#), Some(6));
        assert_eq!(nul_escape(r#"a = "x\U00000000""#), Some(6));
        assert_eq!(nul_escape(r#"a = "x\\u0000""#), None);
        assert_eq!(nul_escape(r#"a = "x\\\u0000""#), Some(8));
        assert_eq!(nul_escape(r#"a = "\u00e4""#), None);
    }

    #[test]
    fn long_lists_are_cut() {
        assert_eq!(some_of(["a", "b"]), "a, b");
        let many = (0..10_000).map(|i| format!("c{i}"));
        assert_eq!(
            some_of(many),
            "c0, c1, c2, c3, c4, c5, c6, c7 and 9992 more"
        );
    }

    #[test]
    fn a_closing_parenthesis_is_the_hint() {
        assert_eq!(
            split_hint("r1 is 6, outside the scale (expected 1 to 5 (or \"na\"))"),
            (
                "r1 is 6, outside the scale",
                Some("expected 1 to 5 (or \"na\")")
            )
        );
        assert_eq!(split_hint("no hint here"), ("no hint here", None));
        assert_eq!(split_hint("(all of it)"), ("(all of it)", None));
        assert_eq!(
            split_hint("cannot read (os error 2)"),
            ("cannot read (os error 2)", None)
        );
    }

    #[test]
    fn indexed_lines_place_like_counting() {
        let text = "a = 1\nÄö = 2\n\nx";
        let source = Source {
            path: Path::new("x"),
            text,
        };
        let lines = Lines::new(text);
        for offset in [0, 3, 6, 10, 13, 14, 15, 99] {
            assert_eq!(
                lines.position(text, offset),
                source.position(offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nÄö = 2\n";
        let source = Source {
            path: Path::new("x.toml"),
            text,
        };
        assert_eq!(source.position(0), (1, 1));
        assert_eq!(source.position(6), (2, 1));
        // "Äö" is four bytes but two characters
        assert_eq!(source.position(10), (2, 3));
    }
}
