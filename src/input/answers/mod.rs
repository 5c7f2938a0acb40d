//! Respondents' answers: TOML files (one respondent each) and CSV tables (one respondent a
//! row), found at any depth under the answers folder, in sorted path order.
//!
//! Respondents are handed to a sink one by one, so that scoring keeps counts rather than
//! respondents; what must be remembered across files (respondent ids, to find duplicates)
//! is kept here. A TOML file is read into memory whole, a table row by row.

mod csv;
mod toml;

use std::collections::HashMap;
use std::path::Path;

use crate::input::check::{check_answer, unknown_question, Question, Raw};
use crate::input::diagnostics::{Diagnostic, Lines, Problems};
use crate::input::files::Folder;
use crate::input::table::{record_start, reread};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::{Comment, Respondent};

/// What a load found besides the respondents.
#[derive(Debug, Default)]
pub struct LoadSummary {
    pub files: usize,
    pub respondents: usize,
    /// Things worth saying that are not errors: files that are not answer files, hidden
    /// files and folders (skipped), tables without rows.
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
        unlisted: 0,
    };
    if !dir.is_dir() {
        loader.problems.push(Diagnostic::file(
            dir,
            "the answers folder does not exist (put answer files, *.toml or *.csv, there)",
        ));
        return (loader.summary, loader.problems);
    }
    let Ok(folder) = Folder::open(dir) else {
        loader
            .problems
            .push(Diagnostic::file(dir, "cannot open the answers folder"));
        return (loader.summary, loader.problems);
    };
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
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
        // a link is followed only while it stays in the folder: a client's folder may not
        // make centricity read another client's answers, or anything else
        if entry.path_is_symlink() && !folder.holds(path) {
            loader.summary.warnings.push(Diagnostic::file(
                path,
                "not read: a link that leads outside the answers folder",
            ));
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            // never silently: a hidden folder is not entered, and said so like a hidden file
            let message = if entry.file_type().is_dir() {
                walk.skip_current_dir();
                "skipped the hidden folder (its name starts with `.`)"
            } else {
                "skipped the hidden file (its name starts with `.`)"
            };
            loader
                .summary
                .warnings
                .push(Diagnostic::file(path, message));
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            loader.problems.push(Diagnostic::file(
                path,
                "not an answer file: a FIFO, device or socket is never read",
            ));
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
    /// Problems of the table being read past the most kept: counted, not listed.
    unlisted: u64,
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

impl<'q> Loader<'q> {
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
    #[inline]
    fn record_answer(
        &self,
        respondent: &mut Respondent,
        key: &str,
        question: Question,
        raw: Raw,
    ) -> Result<(), String> {
        let answer = check_answer(self.questionnaire, key, question, raw)?;
        match question {
            Question::Item(i) => respondent.answers[i] = Some(answer),
            Question::Nps => respondent.nps = Some(answer),
        }
        Ok(())
    }

    /// Records a comment of a respondent whose perspective is `asked_of` (as [`Self::answer`]).
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
                item: question.item(),
                text: text.to_string(),
            });
        }
    }

    /// The question a key names, if it exists and is asked of the respondent's perspective.
    fn asked_question(&self, key: &str, asked_of: Option<Perspective>) -> Result<Question, String> {
        let q = self.questionnaire;
        let question = Question::find(q, key).ok_or_else(|| unknown_question(q, key))?;
        match asked_of {
            Some(p) if !question.is_asked(q, p) => Err(Self::not_asked(key, p)),
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
        let mut texts: HashMap<u32, (String, Lines)> = HashMap::new();
        let duplicates = std::mem::take(&mut self.duplicates);
        for (id, here, first) in duplicates {
            for file in [here.file, first.file] {
                texts.entry(file).or_insert_with(|| {
                    let text = reread(&self.files[file as usize]);
                    let lines = Lines::new(&text);
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
}
