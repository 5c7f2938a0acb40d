//! Respondents' answers: TOML files (one respondent each) and CSV tables (one respondent a
//! row), found at any depth under the answers folder, in sorted path order.
//!
//! Respondents are handed to a sink one by one, so that scoring keeps counts rather than
//! respondents; what must be remembered across files (respondent ids, to find duplicates)
//! is kept here. Each file is read into memory whole.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::input::files::read_to_string;
use crate::model::assessment::Date;
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::{Answer, Comment, Respondent};

/// What a load found besides the respondents.
#[derive(Debug, Default)]
pub struct LoadSummary {
    pub files: usize,
    pub respondents: usize,
    /// Things worth saying that are not errors: files that are not answer files, tables
    /// without rows.
    pub warnings: Vec<Diagnostic>,
}

/// Reads every answer file under `dir`, handing each valid respondent to `sink`. All
/// problems are collected; the summary (with its warnings) comes back either way.
pub fn load(
    dir: &Path,
    questionnaire: &Questionnaire,
    sink: &mut dyn FnMut(&Respondent),
) -> (LoadSummary, Problems) {
    let mut loader = Loader {
        questionnaire,
        problems: Problems::default(),
        files: Vec::new(),
        seen: Ids::default(),
        duplicates: Vec::new(),
        summary: LoadSummary::default(),
    };
    if !dir.is_dir() {
        loader.problems.push(Diagnostic::file(
            dir,
            "the answers folder does not exist (put answer files, *.toml or *.csv, there)",
        ));
        return (loader.summary, loader.problems);
    }
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                loader.problems.push(Diagnostic::file(
                    path,
                    format!("cannot read the folder: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if hidden || !entry.file_type().is_file() {
            continue;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("toml") => loader.toml_file(path, sink),
            Some("csv") => loader.csv_file(path, sink),
            _ => loader.summary.warnings.push(Diagnostic::file(
                path,
                "not read (answer files end in .toml or .csv)",
            )),
        }
    }
    loader.resolve_duplicates();
    if loader.summary.files == 0 && loader.problems.is_empty() {
        loader.problems.push(Diagnostic::file(
            dir,
            "no answer files found (expected *.toml files, one respondent each, or *.csv tables)",
        ));
    }
    (loader.summary, loader.problems)
}

struct Loader<'q> {
    questionnaire: &'q Questionnaire,
    problems: Problems,
    /// The files read so far; places below refer to them by index.
    files: Vec<std::path::PathBuf>,
    /// Respondent ids and where each was first seen. This is the one thing that grows with
    /// the number of respondents: duplicates can be anywhere.
    seen: Ids,
    /// Ids seen twice, reported once every file is read (their lines are worked out then).
    duplicates: Vec<(Box<str>, Place, Place)>,
    summary: LoadSummary,
}

/// A place in a file read earlier, as a byte offset; lines are counted only for problems.
#[derive(Clone, Copy)]
struct Place {
    file: u32,
    offset: u64,
}

impl Place {
    /// 24 bits of file index, 40 of byte offset (a terabyte).
    fn pack(self) -> u64 {
        (u64::from(self.file) << 40) | (self.offset & ((1 << 40) - 1))
    }

    fn unpack(packed: u64) -> Place {
        Place {
            file: (packed >> 40) as u32,
            offset: packed & ((1 << 40) - 1),
        }
    }
}

/// Respondent ids seen so far, exactly and in little memory: the ids one after another in
/// one string, and a hash table of their indexes (a randomly keyed hash, so that crafted
/// ids cannot slow it down). A million ids take about 35 MB, not the 100 MB of a map of
/// strings.
#[derive(Default)]
struct Ids {
    hasher: foldhash::fast::RandomState,
    table: hashbrown::HashTable<u32>,
    /// (start in `text`, length, packed place where it was first seen)
    entries: Vec<(u32, u32, u64)>,
    text: String,
}

impl Ids {
    /// Room for `more` ids without growing.
    fn reserve(&mut self, more: usize) {
        use std::hash::BuildHasher;
        let (entries, text, hasher) = (&self.entries, &self.text, &self.hasher);
        self.table.reserve(more, |&i| {
            let (start, len, _) = entries[i as usize];
            hasher.hash_one(&text[start as usize..(start + len) as usize])
        });
        self.entries.reserve(more);
    }

    /// Where `id` was seen before, or `None` (and it is now seen here).
    fn claim(&mut self, id: &str, here: Place) -> Option<Place> {
        use std::hash::BuildHasher;
        let hash = self.hasher.hash_one(id);
        let (entries, text) = (&self.entries, &self.text);
        let of = |i: u32| {
            let (start, len, _) = entries[i as usize];
            &text[start as usize..(start + len) as usize]
        };
        if let Some(&i) = self.table.find(hash, |&i| of(i) == id) {
            return Some(Place::unpack(entries[i as usize].2));
        }
        let index = self.entries.len() as u32;
        self.entries
            .push((self.text.len() as u32, id.len() as u32, here.pack()));
        self.text.push_str(id);
        let (entries, text, hasher) = (&self.entries, &self.text, &self.hasher);
        self.table.insert_unique(hash, index, |&i| {
            let (start, len, _) = entries[i as usize];
            hasher.hash_one(&text[start as usize..(start + len) as usize])
        });
        None
    }
}

/// A problem in a table, known by its row (and cell); its line and column are worked out
/// only when there are problems, so that a million rows need no line counting.
struct Pending {
    /// Byte offset of the row (or of the exact place, when `cell` is `None` and `exact`).
    offset: usize,
    cell: Option<usize>,
    message: String,
}

/// Counts the quotes that pass, to find one that is opened and never closed.
struct QuoteTracker<R> {
    inner: R,
    offset: u64,
    open: Option<u64>,
}

impl<R: std::io::Read> std::io::Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'"' {
                self.open = match self.open {
                    None => Some(self.offset + i as u64),
                    Some(_) => None,
                };
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// An answer as written, before it is checked against the scale.
enum Raw<'a> {
    Integer(i64),
    /// A TOML string or a CSV cell that is not an integer.
    Text(&'a str),
    /// A TOML string that holds a number: `"4"` where `4` was meant.
    QuotedNumber(&'a str),
    Other(String),
}

/// What a key in `[answers]` or a CSV column refers to.
#[derive(Clone, Copy)]
enum Question {
    Item(usize),
    Nps,
}

/// The closest of `candidates` to a mistyped `word`, if it is close enough to be meant.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

impl<'q> Loader<'q> {
    fn question(&self, key: &str) -> Option<Question> {
        if self.questionnaire.nps.as_ref().is_some_and(|n| n.id == key) {
            return Some(Question::Nps);
        }
        self.questionnaire.item_index(key).map(Question::Item)
    }

    fn question_ids(&self) -> impl Iterator<Item = &str> {
        let items = self.questionnaire.items.iter().map(|i| i.id.as_str());
        items.chain(self.questionnaire.nps.as_ref().map(|n| n.id.as_str()))
    }

    fn unknown_question(&self, key: &str) -> String {
        let hint = did_you_mean(key, self.question_ids());
        let hint = if hint.is_empty() {
            format!(
                " (expected an item id of questionnaire `{}`, like `{}`)",
                self.questionnaire.id,
                self.questionnaire
                    .items
                    .first()
                    .map_or("", |i| i.id.as_str())
            )
        } else {
            hint
        };
        format!("unknown item id `{key}`{hint}")
    }

    fn is_asked(&self, question: Question, perspective: Perspective) -> bool {
        match question {
            Question::Item(i) => self.questionnaire.items[i].is_asked(perspective),
            Question::Nps => self
                .questionnaire
                .nps
                .as_ref()
                .is_some_and(|n| n.is_asked(perspective)),
        }
    }

    /// Checks one answer against the scale (0–10 for the NPS question).
    fn check_answer(&self, key: &str, question: Question, raw: Raw) -> Result<Answer, String> {
        let scale = &self.questionnaire.scale;
        let (min, max) = match question {
            Question::Item(_) => (scale.min, scale.max),
            Question::Nps => (0, 10),
        };
        // the common case first, without building any message
        match raw {
            Raw::Integer(v) if (min..=max).contains(&v) => return Ok(Answer::Value(v)),
            Raw::Text(t) if scale.allow_na && t.eq_ignore_ascii_case("na") => {
                return Ok(Answer::NotApplicable)
            }
            _ => {}
        }
        let na = if scale.allow_na { " or \"na\"" } else { "" };
        let expected = format!("a whole number from {min} to {max}{na}");
        Err(match raw {
            Raw::Text(t) if t.eq_ignore_ascii_case("na") => format!(
                "the answer to `{key}` is \"na\", but this questionnaire does not allow \"na\" (expected {expected})"
            ),
            Raw::Integer(v) => {
                format!("the answer to `{key}` is {v}, outside the scale (expected {expected})")
            }
            Raw::QuotedNumber(t) => format!(
                "the answer to `{key}` is \"{t}\" in quotes; write the number without quotes: \"{key}\" = {t}"
            ),
            Raw::Text(t) => match t.replace(',', ".").parse::<f64>() {
                Ok(_) => format!(
                    "the answer to `{key}` is {t}, not a whole number (expected {expected})"
                ),
                Err(_) => format!("the answer to `{key}` is \"{t}\" (expected {expected})"),
            },
            Raw::Other(found) => format!("the answer to `{key}` is {found} (expected {expected})"),
        })
    }

    /// Records an answer of a respondent whose perspective is `asked_of` (`None` when the
    /// perspective itself is wrong: then everything but that is still checked).
    fn answer(
        &self,
        respondent: &mut Respondent,
        asked_of: Option<Perspective>,
        key: &str,
        raw: Raw,
    ) -> Result<(), String> {
        let question = self.asked_question(key, asked_of)?;
        self.record_answer(respondent, key, question, raw)
    }

    /// Records an answer to a question already known to be asked of the respondent.
    fn record_answer(
        &self,
        respondent: &mut Respondent,
        key: &str,
        question: Question,
        raw: Raw,
    ) -> Result<(), String> {
        let answer = self.check_answer(key, question, raw)?;
        match question {
            Question::Item(i) => respondent.answers[i] = Some(answer),
            Question::Nps => respondent.nps = Some(answer),
        }
        Ok(())
    }

    fn comment(
        &self,
        respondent: &mut Respondent,
        asked_of: Option<Perspective>,
        key: &str,
        text: &str,
    ) -> Result<(), String> {
        let question = self.asked_question(key, asked_of)?;
        Self::record_comment(respondent, question, text);
        Ok(())
    }

    fn record_comment(respondent: &mut Respondent, question: Question, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            respondent.comments.push(Comment {
                item: match question {
                    Question::Item(i) => Some(i),
                    Question::Nps => None,
                },
                text: text.to_string(),
            });
        }
    }

    /// The question a key names, if it exists and is asked of the respondent's perspective.
    fn asked_question(&self, key: &str, asked_of: Option<Perspective>) -> Result<Question, String> {
        let question = self
            .question(key)
            .ok_or_else(|| self.unknown_question(key))?;
        match asked_of {
            Some(p) if !self.is_asked(question, p) => Err(Self::not_asked(key, p)),
            _ => Ok(question),
        }
    }

    fn not_asked(key: &str, perspective: Perspective) -> String {
        format!(
            "`{key}` is not asked of the `{}` perspective (its wording for that side is missing in the questionnaire)",
            perspective.id()
        )
    }

    fn perspective(&self, value: &str) -> Result<Perspective, String> {
        Perspective::parse(value).ok_or_else(|| {
            format!("unknown perspective `{value}` (expected \"self\" for the company's people or \"customer\")")
        })
    }

    /// Registers a respondent id; false when it was seen before (reported at the end).
    fn claim_id(&mut self, id: &str, here: Place) -> bool {
        match self.seen.claim(id, here) {
            Some(first) => {
                self.duplicates.push((id.into(), here, first));
                false
            }
            None => true,
        }
    }

    /// The index of a file about to be read.
    fn register(&mut self, path: &Path) -> u32 {
        self.files.push(path.to_path_buf());
        (self.files.len() - 1) as u32
    }

    /// Ids seen twice, with both places as lines: each file is read again for that, once.
    fn resolve_duplicates(&mut self) {
        let mut texts: HashMap<u32, (String, crate::input::diagnostics::Lines)> = HashMap::new();
        let duplicates = std::mem::take(&mut self.duplicates);
        for (id, here, first) in duplicates {
            for file in [here.file, first.file] {
                texts.entry(file).or_insert_with(|| {
                    let text = reread(&self.files[file as usize]);
                    let lines = crate::input::diagnostics::Lines::new(&text);
                    (text, lines)
                });
            }
            let place = |p: Place| {
                let (text, lines) = &texts[&p.file];
                lines.position(text, record_start(text, p.offset as usize))
            };
            let (first_line, _) = place(first);
            let (line, column) = place(here);
            let here_path = &self.files[here.file as usize];
            self.problems.push(Diagnostic {
                span: None,
                ..Diagnostic::at(
                    here_path,
                    line,
                    column,
                    format!(
                        "respondent `{id}` appears twice: first in {}:{first_line}",
                        self.files[first.file as usize].display()
                    ),
                )
            });
        }
    }

    fn check_language(&self, language: &str) -> Result<(), String> {
        if self.questionnaire.languages.iter().any(|l| l == language) {
            Ok(())
        } else {
            Err(format!(
                "`language` is `{language}`, but the questionnaire has only {}",
                self.questionnaire.languages.join(", ")
            ))
        }
    }

    fn new_respondent(&self, id: String, perspective: Option<Perspective>) -> Respondent {
        Respondent {
            id,
            perspective: perspective.unwrap_or(Perspective::Customer),
            group: None,
            language: None,
            answers: vec![None; self.questionnaire.items.len()],
            nps: None,
            comments: Vec::new(),
        }
    }

    fn toml_file(&mut self, path: &Path, sink: &mut dyn FnMut(&Respondent)) {
        self.summary.files += 1;
        let file_index = self.register(path);
        let text = match read_to_string(path) {
            Ok(text) => text,
            Err(e) => return self.problems.push(e),
        };
        let source = Source { path, text: &text };
        let file: AnswerFile = match toml::from_str(&blank_answers_left_out(&text)) {
            Ok(file) => file,
            Err(e) => return self.problems.push(source.toml_error(&e)),
        };
        let before = self.problems.0.len();
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
            match self.check_language(language.get_ref()) {
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
                toml::Value::Table(_) if self.question(key.get_ref()).is_none() => {
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
                let span = if self.question(key.get_ref()).is_some() {
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
        let here = Place {
            file: file_index,
            offset: file.respondent.span().start as u64,
        };
        if !id.is_empty() && self.claim_id(&id, here) && self.problems.0.len() == before {
            self.summary.respondents += 1;
            sink(&respondent);
        }
    }

    /// Reads a table row by row from the file (never whole), so that a survey of any size
    /// fits; what goes wrong is kept as byte places and put into lines at the end.
    fn csv_file(&mut self, path: &Path, sink: &mut dyn FnMut(&Respondent)) {
        use std::io::BufRead;
        self.summary.files += 1;
        let file_index = self.register(path);
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) => {
                return self
                    .problems
                    .push(Diagnostic::file(path, format!("cannot read the file: {e}")))
            }
        };
        let mut input = std::io::BufReader::with_capacity(1 << 16, file);
        let head = match input.fill_buf() {
            Ok(head) => head.to_vec(),
            Err(e) => {
                return self
                    .problems
                    .push(Diagnostic::file(path, format!("cannot read the file: {e}")))
            }
        };
        let bom = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        input.consume(bom);
        // The first lines, for the header and the delimiter.
        let head = &head[bom..];
        let whole_lines = head
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(head.len(), |i| i + 1);
        let head_text = String::from_utf8_lossy(&head[..whole_lines]).into_owned();
        let delimiter = detect_delimiter(&head_text);
        let tracker = QuoteTracker {
            inner: input,
            offset: 0,
            open: None,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(tracker);
        let mut pending: Vec<Pending> = Vec::new();
        let mut record = csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                return self.problems.push(Diagnostic::file(
                    path,
                    "the table is empty (expected a header row: respondent,perspective,…)",
                ))
            }
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize);
                pending.push(Pending {
                    offset,
                    cell: None,
                    message: format!("cannot read the table: {e}"),
                });
                return self.report_pending(path, pending);
            }
        }
        let header = record.clone();
        let keys: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let head_source = Source {
            path,
            text: &head_text,
        };
        let Some(columns) = self.csv_columns(&head_source, &header, delimiter) else {
            return;
        };
        let position = |c: usize| {
            columns
                .iter()
                .position(|col| matches!(col, Column::Field(f) if *f == c))
        };
        let (Some(id_column), Some(perspective_column)) =
            (position(FIELD_RESPONDENT), position(FIELD_PERSPECTIVE))
        else {
            return self.problems.push(Diagnostic::at(
                path,
                1,
                1,
                "the header needs a `respondent` and a `perspective` column",
            ));
        };

        let mut respondent = self.new_respondent(String::new(), None);
        let group_column = columns
            .iter()
            .position(|c| matches!(c, Column::Field(FIELD_GROUP)));
        // about as many rows as the file has room for, so the id table need not grow while
        // reading; capped, so a file of blank lines cannot make it reserve much
        let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
        let head_rows = head_text.lines().filter(|l| !l.trim().is_empty()).count();
        if head_rows > 0 && whole_lines > 0 {
            self.seen
                .reserve((size / whole_lines * head_rows).min(2_000_000));
        }
        let mut rows = 0;
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let offset = e.position().map_or(0, |p| p.byte() as usize);
                    let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                    pending.push(Pending {
                        offset,
                        cell: None,
                        message: format!("cannot read the table: {e}"),
                    });
                    if io {
                        break;
                    }
                    continue;
                }
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue; // a blank line, as spreadsheets leave at the end
            }
            rows += 1;
            if record.len() != columns.len() {
                let hint = if record.iter().any(|cell| cell.contains('\n')) {
                    " (a cell runs over several lines: is a closing quote missing?)"
                } else {
                    ""
                };
                pending.push(Pending {
                    offset: start,
                    cell: None,
                    message: format!(
                        "the row has {} cells, but the header has {} columns{hint}",
                        record.len(),
                        columns.len()
                    ),
                });
                continue;
            }
            let before = pending.len();
            let mut problem = |cell: usize, message: String| {
                let name = keys[cell].as_str();
                let message = if message.contains(&format!("`{name}`")) {
                    message
                } else {
                    format!("{message} (column `{name}`)")
                };
                pending.push(Pending {
                    offset: start,
                    cell: Some(cell),
                    message,
                });
            };
            let id = record[id_column].trim();
            if id.is_empty() {
                problem(id_column, "the respondent id is empty".to_string());
            }
            let perspective = match self.perspective(record[perspective_column].trim()) {
                Ok(p) => Some(p),
                Err(message) => {
                    problem(perspective_column, message);
                    None
                }
            };
            // one respondent, reused for every row
            respondent.perspective = perspective.unwrap_or(Perspective::Customer);
            if group_column.is_none_or(|c| record[c].trim().is_empty()) {
                respondent.group = None;
            }
            respondent.language = None;
            respondent.answers.iter_mut().for_each(|a| *a = None);
            respondent.nps = None;
            respondent.comments.clear();
            for (c, column) in columns.iter().enumerate() {
                let cell = tidy(&record[c]);
                if cell.is_empty() {
                    continue;
                }
                if cell.contains('\0') {
                    problem(
                        c,
                        "the cell contains a NUL character (is the file damaged, or not a table?)"
                            .to_string(),
                    );
                    continue;
                }
                let key = keys[c].as_str();
                let result = match *column {
                    Column::Field(FIELD_GROUP) => {
                        // the same group on most rows: keep the allocation
                        match &mut respondent.group {
                            Some(group) if group == cell => {}
                            group => *group = Some(cell.to_string()),
                        }
                        Ok(())
                    }
                    Column::Field(FIELD_DATE) => match Date::parse(cell) {
                        Some(_) => Ok(()),
                        None => Err(format!("the date `{cell}` is not a date like 2026-10-01")),
                    },
                    Column::Field(FIELD_LANGUAGE) => self.check_language(cell).map(|()| {
                        respondent.language = Some(cell.to_string());
                    }),
                    Column::Field(_) => Ok(()),
                    Column::Answer(question) | Column::Comment(question)
                        if perspective.is_some_and(|p| !self.is_asked(question, p)) =>
                    {
                        Err(Self::not_asked(key, respondent.perspective))
                    }
                    Column::Answer(question) => {
                        // nearly every cell is one digit
                        let raw = match cell.as_bytes() {
                            [digit @ b'0'..=b'9'] => Raw::Integer(i64::from(digit - b'0')),
                            _ => match cell.parse::<i64>() {
                                Ok(v) => Raw::Integer(v),
                                Err(_) => Raw::Text(cell),
                            },
                        };
                        self.record_answer(&mut respondent, key, question, raw)
                    }
                    Column::Comment(question) => {
                        Self::record_comment(&mut respondent, question, cell);
                        Ok(())
                    }
                };
                if let Err(message) = result {
                    problem(c, message);
                }
            }
            if !id.is_empty() {
                let here = Place {
                    file: file_index,
                    offset: start as u64,
                };
                if self.claim_id(id, here) && pending.len() == before {
                    respondent.id.clear();
                    respondent.id.push_str(id);
                    self.summary.respondents += 1;
                    sink(&respondent);
                }
            }
        }
        // An unclosed quote swallows the rest of the table into one cell.
        if let Some(open) = reader.get_ref().open {
            pending.push(Pending {
                offset: open as usize,
                cell: None,
                message: "this quote is never closed, so the rest of the table was read as one cell (add the closing `\"`)".to_string(),
            });
        }
        if rows == 0 && pending.is_empty() {
            self.summary.warnings.push(Diagnostic::file(
                path,
                "the table has a header but no respondents",
            ));
        }
        self.report_pending(path, pending);
    }

    /// The problems of a table, with lines and columns: the file is read once more for it.
    fn report_pending(&mut self, path: &Path, pending: Vec<Pending>) {
        if pending.is_empty() {
            return;
        }
        let text = reread(path);
        let delimiter = detect_delimiter(text.get(..text.len().min(1 << 16)).unwrap_or(&text));
        let lines = crate::input::diagnostics::Lines::new(&text);
        for p in pending {
            let start = record_start(&text, p.offset.min(text.len()));
            let span = match p.cell {
                None => start..start,
                Some(cell) => {
                    let offsets = cell_offsets(&text, start, delimiter, cell + 2);
                    let from = offsets.get(cell).copied().unwrap_or(start);
                    let to = offsets.get(cell + 1).map_or_else(
                        || from + text[from..].find(['\r', '\n']).unwrap_or(text.len() - from),
                        |next| next - 1,
                    );
                    from..to.max(from)
                }
            };
            self.problems
                .push(lines.error(path, &text, span, p.message));
        }
    }

    /// Reads the header row; unknown and repeated columns are problems.
    fn csv_columns(
        &mut self,
        source: &Source,
        header: &csv::StringRecord,
        delimiter: u8,
    ) -> Option<Vec<Column>> {
        let before = self.problems.0.len();
        let offsets = cell_offsets(source.text, 0, delimiter, header.len());
        let mut columns = Vec::new();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (c, name) in header.iter().enumerate() {
            let name = name.trim();
            let offset = offsets.get(c).copied().unwrap_or(0);
            let at = |message: String| source.error(offset..offset, message);
            if let Some(first) = seen.insert(name, c) {
                self.problems.push(at(format!(
                    "column `{name}` appears twice (first as column {})",
                    first + 1
                )));
            }
            let column = if let Some(f) = FIELDS.iter().position(|f| *f == name) {
                Column::Field(f)
            } else if let Some(key) = name.strip_prefix("comment:") {
                match self.question(key.trim()) {
                    Some(q) => Column::Comment(q),
                    None => {
                        let message = self.unknown_question(key.trim());
                        self.problems
                            .push(at(format!("column `{name}`: {message}")));
                        continue;
                    }
                }
            } else if let Some(q) = self.question(name) {
                Column::Answer(q)
            } else {
                let known = FIELDS.iter().copied().chain(self.question_ids());
                let hint = did_you_mean(name, known);
                self.problems.push(at(format!(
                    "unknown column `{name}`{hint} (expected {}, an item id, or `comment:<item id>`)",
                    FIELDS.join(", ")
                )));
                continue;
            };
            columns.push(column);
        }
        (self.problems.0.len() == before).then_some(columns)
    }
}

const FIELDS: [&str; 5] = ["respondent", "perspective", "group", "date", "language"];
const FIELD_RESPONDENT: usize = 0;
const FIELD_PERSPECTIVE: usize = 1;
const FIELD_GROUP: usize = 2;
const FIELD_DATE: usize = 3;
const FIELD_LANGUAGE: usize = 4;

enum Column {
    /// One of [`FIELDS`], by index.
    Field(usize),
    /// An item or the NPS question.
    Answer(Question),
    /// `comment:<id>`.
    Comment(Question),
}

/// The delimiter of a table: the one of `,` `;` and tab that splits every row into the same
/// number of cells, the most of them. Counting characters in the header is not enough: a
/// German Excel file separated by `;` may have commas in its question texts.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let mut best: Option<(u8, usize)> = None;
    for delimiter in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let lengths: Vec<usize> = reader
            .records()
            .take(100)
            .filter_map(Result::ok)
            .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
            .map(|r| r.len())
            .collect();
        let Some(&columns) = lengths.first() else {
            continue;
        };
        if columns > 1
            && lengths.iter().all(|&l| l == columns)
            && best.is_none_or(|(_, b)| columns > b)
        {
            best = Some((delimiter, columns));
        }
    }
    best.map_or_else(
        || {
            // rows of different lengths: the header decides, and the rows will be reported
            let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            [b',', b';', b'\t']
                .into_iter()
                .max_by_key(|d| header.bytes().filter(|b| b == d).count())
                .unwrap_or(b',')
        },
        |(d, _)| d,
    )
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

/// Where a record really starts. With CRLF line ends the csv crate reports the line break
/// before a record as its start (BurntSushi/rust-csv#208); no record starts with one.
pub(crate) fn record_start(text: &str, reported: usize) -> usize {
    reported
        + text.as_bytes()[reported.min(text.len())..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count()
}

/// A cell without the spaces around it; most cells have none, and checking is cheaper than
/// trimming.
fn tidy(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// A file's text again, for putting problems into lines, without a byte-order mark. Bytes
/// that are not UTF-8 become one `?` each (not the three bytes of U+FFFD), so that every byte
/// offset taken while reading still points at the same place.
fn reread(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text
}

/// The byte offsets where the cells of the record starting at `start` begin.
pub(crate) fn cell_offsets(text: &str, start: usize, delimiter: u8, cells: usize) -> Vec<usize> {
    let mut offsets = vec![start];
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate().skip(start) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b if b == delimiter && !quoted => {
                offsets.push(i + 1);
                if offsets.len() == cells {
                    break;
                }
            }
            _ => {}
        }
    }
    offsets
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
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

    #[test]
    fn a_reread_keeps_every_byte_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let bytes = b"a,\xff\xfe,b\n\xc3\xa4,x\n";
        std::fs::write(&path, bytes).unwrap();
        let text = reread(&path);
        assert_eq!(text, "a,??,b\nä,x\n");
        assert_eq!(text.len(), bytes.len());
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_rows_evenly() {
        assert_eq!(detect_delimiter("respondent,perspective\nx,y;z\n"), b',');
        assert_eq!(
            detect_delimiter("respondent;perspective;r1\nk1;customer;3\n"),
            b';'
        );
        assert_eq!(detect_delimiter("respondent\tperspective\nk\tc\n"), b'\t');
        // commas in a question text of a ;-separated file
        let excel =
            "ID;Was sagen Sie, z. B. Lob, Kritik?;Segment\n1;gut;Privat\n2;\"ja, gern\";Firma\n";
        assert_eq!(detect_delimiter(excel), b';');
    }

    #[test]
    fn cells_start_after_unquoted_delimiters() {
        let text = "h\nk1,\"a, b\",3\n";
        assert_eq!(cell_offsets(text, 2, b',', 3), [2, 5, 12]);
    }

    #[test]
    fn typos_get_a_suggestion() {
        let ids = ["reach.channels", "reach.hours"];
        assert_eq!(
            did_you_mean("reach.chanels", ids.into_iter()),
            " (did you mean `reach.channels`?)"
        );
        assert_eq!(did_you_mean("xyz", ids.into_iter()), "");
    }
}
