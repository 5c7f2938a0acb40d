//! Respondents' answers: TOML files (one respondent each) and CSV tables (one respondent a
//! row), found at any depth under the answers folder, in sorted path order.
//!
//! Respondents are handed to a sink one by one, so that scoring keeps counts rather than
//! respondents; what must be remembered across files (respondent ids, to find duplicates)
//! is kept here. A TOML file is read into memory whole, a table row by row.

mod chunks;
mod csv;
mod ids;
mod parallel;
mod rows;
mod toml;

use std::collections::HashMap;
use std::path::Path;

use ids::{Claims, Duplicate, Ids};

use crate::input::check::{unknown_question, Question, Raw};
use crate::input::diagnostics::{Diagnostic, Lines, Problems};
use crate::input::files::Folder;
use crate::input::table::{record_start, reread};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::Respondent;

/// What a load found besides the respondents.
#[derive(Debug, Default)]
pub struct LoadSummary {
    pub files: usize,
    pub respondents: usize,
    /// Things worth saying that are not errors: files that are not answer files, hidden
    /// files and folders (skipped), tables without rows.
    pub warnings: Vec<Diagnostic>,
}

/// Where the respondents of a load go: one at a time, or, for a large table read on
/// several threads, in parts, each tallied on its own and merged in file order.
pub trait Sink {
    /// What a part of a table is tallied in.
    type Part: Sink + Send;

    fn add(&mut self, respondent: &Respondent);

    /// An empty tally for a part of a table, or `None` when every respondent must arrive
    /// here, one by one, in file order.
    fn part(&self) -> Option<Self::Part>;

    /// A part's tally, after all of those before it.
    fn merge(&mut self, part: Self::Part);
}

/// A function that takes the respondents one by one, in file order.
struct EachRespondent<'f>(&'f mut dyn FnMut(&Respondent));

/// The part of a sink that takes no parts.
pub enum NoParts {}

impl Sink for EachRespondent<'_> {
    type Part = NoParts;

    fn add(&mut self, respondent: &Respondent) {
        (self.0)(respondent);
    }

    fn part(&self) -> Option<NoParts> {
        None
    }

    fn merge(&mut self, part: NoParts) {
        match part {}
    }
}

impl Sink for NoParts {
    type Part = NoParts;

    fn add(&mut self, _: &Respondent) {
        match *self {}
    }

    fn part(&self) -> Option<NoParts> {
        match *self {}
    }

    fn merge(&mut self, part: NoParts) {
        match part {}
    }
}

/// Reads every answer file under `dir`, handing each valid respondent to `sink`, one by one
/// in file order. All problems are collected; the summary (with its warnings) comes back
/// either way. A respondent handed over is only sure to count when there are no problems.
pub fn load(
    dir: &Path,
    questionnaire: &Questionnaire,
    sink: &mut dyn FnMut(&Respondent),
) -> (LoadSummary, Problems) {
    load_into(dir, questionnaire, &mut EachRespondent(sink))
}

/// [`load`] into a sink that may take a large table in parts, read on several threads.
pub fn load_into<S: Sink>(
    dir: &Path,
    questionnaire: &Questionnaire,
    sink: &mut S,
) -> (LoadSummary, Problems) {
    let mut loader = Loader {
        questionnaire,
        problems: Problems::default(),
        files: Vec::new(),
        claims: Vec::new(),
        seen: Ids::default(),
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
    // answer files in a row, read together (see `Loader::toml_files`)
    let mut batch: Vec<std::path::PathBuf> = Vec::new();
    while let Some(entry) = walk.next() {
        if let Ok(entry) = &entry {
            if is_plain_answer_file(entry) {
                batch.push(entry.path().to_path_buf());
                if batch.len() == BATCH {
                    loader.toml_files(&mut batch, sink);
                }
                continue;
            }
        }
        // everything else after the answer files before it, in order
        loader.toml_files(&mut batch, sink);
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
            Some("toml") => loader.toml_files(&mut vec![path.to_path_buf()], sink),
            Some("csv") => loader.csv_file(path, sink),
            _ => loader.summary.warnings.push(Diagnostic::file(
                path,
                "not read (answer files end in .toml or .csv)",
            )),
        }
    }
    loader.toml_files(&mut batch, sink);
    loader.resolve_duplicates(dir);
    if loader.summary.files == 0 && loader.problems.is_empty() {
        loader.problems.push(Diagnostic::file(
            dir,
            "no answer files found (expected *.toml files, one respondent each, or *.csv tables)",
        ));
    }
    (loader.summary, loader.problems)
}

/// Answer files read together, at most.
const BATCH: usize = 512;

/// A `.toml` file that is no link, not hidden, and regular: read without further ado.
fn is_plain_answer_file(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_file()
        && !entry.path_is_symlink()
        && !(entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.'))
        && entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

struct Loader<'q> {
    questionnaire: &'q Questionnaire,
    problems: Problems,
    /// The files read so far; places below refer to them by index.
    files: Vec<std::path::PathBuf>,
    /// Per file, how to find the ids it claimed again.
    claims: Vec<Claims>,
    /// Respondent ids, as hashes: the one thing that grows with the number of respondents,
    /// since duplicates can be anywhere.
    seen: Ids,
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
        rows::record_answer(self.questionnaire, respondent, key, question, raw)
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
        rows::record_comment(respondent, question, text);
        Ok(())
    }

    /// The question a key names, if it exists and is asked of the respondent's perspective.
    fn asked_question(&self, key: &str, asked_of: Option<Perspective>) -> Result<Question, String> {
        let q = self.questionnaire;
        let question = Question::find(q, key).ok_or_else(|| unknown_question(q, key))?;
        match asked_of {
            Some(p) if !question.is_asked(q, p) => Err(rows::not_asked(key, p)),
            _ => Ok(question),
        }
    }

    fn perspective(&self, value: &str) -> Result<Perspective, String> {
        rows::perspective(value)
    }

    /// Registers a respondent id whose hash is `hash`, of a respondent without a problem
    /// (`clean`, counted) or with one. Ids seen twice are found once every file is read.
    fn claim_id(&mut self, hash: u64, clean: bool) {
        self.seen.claim(hash, clean);
        if clean {
            self.summary.respondents += 1;
        }
    }

    /// The index of a file about to be read.
    fn register(&mut self, path: &Path) -> u32 {
        self.files.push(path.to_path_buf());
        self.claims.push(Claims::None);
        (self.files.len() - 1) as u32
    }

    /// Ids seen twice, with both places as lines: the files that claimed them are read
    /// again for that, once. A respondent counts once, however often their id appears.
    fn resolve_duplicates(&mut self, dir: &Path) {
        let repeated = self.seen.repeated(parallel::threads());
        if repeated.is_empty() {
            return;
        }
        let wanted = repeated.iter().map(|r| r.hash).collect();
        let places = ids::places(&self.files, &self.claims, &wanted, &self.seen);
        // Each repeated hash counted its clean claims; it stands for as many respondents
        // as it has ids (one, but for two ids sharing a hash), at most one per clean claim.
        let mut texts: HashMap<u64, (u64, Vec<&str>)> = HashMap::new();
        for (id, _) in &places {
            let (found, ids) = texts.entry(self.seen.key(id)).or_default();
            *found += 1;
            if !ids.contains(&&**id) {
                ids.push(id);
            }
        }
        let mut changed = false;
        for r in &repeated {
            let (found, ids) = texts
                .get(&r.hash)
                .map_or((0, 1), |(f, ids)| (*f, ids.len()));
            self.summary.respondents -= (r.clean - r.clean.min(ids as u64)) as usize;
            changed |= found < r.claims;
        }
        if changed {
            // never a duplicate let pass: said, even when it cannot be placed
            self.problems.push(Diagnostic::file(
                dir,
                "a respondent id appears more than once, but the answer files changed while they were read, so where cannot be said: run again",
            ));
        }
        let mut files: HashMap<u32, (String, Lines)> = HashMap::new();
        for Duplicate { id, here, first } in ids::duplicates(places) {
            for file in [here.file, first.file] {
                files.entry(file).or_insert_with(|| {
                    let text = reread(&self.files[file as usize]);
                    let lines = Lines::new(&text);
                    (text, lines)
                });
            }
            let place = |p: Place| {
                let (text, lines) = &files[&p.file];
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
        rows::new_respondent(self.questionnaire, id, perspective)
    }
}
