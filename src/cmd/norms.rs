//! `centricity norms DIR... -o norms.json`: norms across a consultant's portfolio.
//!
//! Each DIR is an assessment folder or a folder of them. One broken assessment does not stop
//! a portfolio run: it is left out with a warning that names its folder, and counted (never
//! named) in the norms' `excluded`. Assessments of different questionnaires (id or major
//! version), or of one questionnaire scored differently, are refused: norms compare like
//! with like, and which ones belong together is the consultant's choice.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::inputs::Inputs;
use super::note;
use crate::analysis::norms::{Portfolio, Sample};
use crate::analysis::trend::scores_differently;
use crate::input::assessment::FILE_NAME;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::{Assessment, Date};
use crate::model::norms::{Excluded, Filters, LeftOut, Norms, MIN_ASSESSMENTS};
use crate::model::questionnaire::Questionnaire;
use crate::output::write::check_target;

pub fn run(
    dirs: &[PathBuf],
    output: &Path,
    industry: Option<&str>,
    size: Option<&str>,
) -> Result<(), Problems> {
    let folders = assessment_folders(dirs)?;
    check_target(output)?;
    let mut inputs = Inputs::default();
    for folder in &folders {
        inputs = inputs.assessment(folder);
    }
    inputs.refuse(output)?;

    let mut excluded = Excluded::default();
    // of each assessment only its folder and date; of each questionnaire version one copy
    let mut members: Vec<(PathBuf, Date)> = Vec::new();
    let mut questionnaires = Questionnaires::default();
    for folder in &folders {
        let assessment = match super::load_assessment(folder) {
            Ok(assessment) => assessment,
            Err(problems) => {
                excluded.invalid += 1;
                skipped(folder, &problems);
                continue;
            }
        };
        if !matches(industry, assessment.industry.as_deref()) {
            excluded.industry += 1;
        } else if !matches(size, assessment.size.as_deref()) {
            excluded.size += 1;
        } else {
            questionnaires.add(&assessment)?;
            members.push((assessment.dir, assessment.date));
        }
    }
    if members.len() < MIN_ASSESSMENTS {
        return Err(too_few(members.len(), &excluded, industry, size).into());
    }
    let mut portfolio = Portfolio::new(questionnaires.newest()?);
    for ((dir, date), result) in members.iter().zip(samples(&members, &portfolio)) {
        match result {
            Ok(sample) => portfolio.add(sample, *date),
            Err(problems) => {
                excluded.invalid += 1;
                skipped(dir, &problems);
            }
        }
    }
    if portfolio.assessments() < MIN_ASSESSMENTS {
        return Err(too_few(portfolio.assessments(), &excluded, industry, size).into());
    }
    let filters = Filters {
        industry: industry.map(str::to_string),
        size: size.map(str::to_string),
    };
    let Some(norms) = portfolio.finish(filters, excluded) else {
        return Err(too_few(0, &Excluded::default(), industry, size).into());
    };
    crate::output::norms::write(&norms, output)?;
    summarise(&norms, output);
    Ok(())
}

/// A filter matches a value written the same, ignoring case and spaces at the ends; no
/// filter matches everything.
fn matches(filter: Option<&str>, value: Option<&str>) -> bool {
    let fold = |s: &str| s.trim().to_lowercase();
    match (filter, value) {
        (None, _) => true,
        (Some(f), Some(v)) => fold(f) == fold(v),
        (Some(_), None) => false,
    }
}

/// The assessment folders the arguments name, in order: a folder with `assessment.toml` is
/// one; any other folder holds them as its immediate subfolders, taken in byte order of
/// their names (the same norms on every machine). A folder given twice counts once.
fn assessment_folders(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, Problems> {
    let mut folders = Vec::new();
    let mut problems = Problems::default();
    for dir in dirs {
        if dir.join(FILE_NAME).is_file() {
            folders.push(dir.clone());
            continue;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(Diagnostic::file(
                    dir,
                    format!("cannot read the folder: {e}"),
                ));
                continue;
            }
        };
        let mut inside: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join(FILE_NAME).is_file())
            .collect();
        inside.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        if inside.is_empty() {
            problems.push(Diagnostic::file(
                dir,
                format!("is neither an assessment folder nor a folder of them: neither it nor a folder in it has an {FILE_NAME}"),
            ));
        }
        folders.extend(inside);
    }
    let mut seen = HashSet::new();
    folders.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    problems.into_result(folders)
}

/// A warning for an assessment left out of the norms, with its first problem.
fn skipped(folder: &Path, problems: &Problems) {
    let first = problems
        .0
        .first()
        .map_or_else(String::new, |d| format!(": {d}"));
    let n = problems.0.len();
    note(&format!(
        "warning: left out `{}`, which has {n} problem{}{first} (`centricity validate {}` lists them all)",
        folder.display(),
        if n == 1 { "" } else { "s" },
        folder.display()
    ));
}

/// The questionnaires of the assessments, one of each version: the norms need one
/// questionnaire and major version, scored the same way throughout.
#[derive(Default)]
struct Questionnaires {
    /// Each version's questionnaire, with the first folder that uses it.
    versions: Vec<(Questionnaire, PathBuf)>,
    /// Per questionnaire id and major version, the folders (for the message when they mix).
    kinds: BTreeMap<(String, u64), Vec<PathBuf>>,
}

impl Questionnaires {
    /// An assessment's questionnaire: refused when it scores differently from another of
    /// the same id and major version (a file changed without a new version, say).
    fn add(&mut self, assessment: &Assessment) -> Result<(), Problems> {
        let q = &assessment.questionnaire;
        let kind = self.kinds.entry((q.id.clone(), q.major)).or_default();
        kind.push(assessment.dir.clone());
        for (other, dir) in &self.versions {
            if (&other.id, other.major) != (&q.id, q.major) {
                continue;
            }
            if let Some(difference) = scores_differently(other, q) {
                return Err(Diagnostic::file(
                    assessment.dir.join(FILE_NAME),
                    format!(
                        "its questionnaire scores differently from that of `{}`, so their scores do not compare: {difference}",
                        dir.display()
                    ),
                )
                .into());
            }
        }
        let known = self
            .versions
            .iter()
            .any(|(other, _)| other.id == q.id && other.version == q.version);
        if !known {
            self.versions.push((q.clone(), assessment.dir.clone()));
        }
        Ok(())
    }

    /// The newest version, once all are of one questionnaire and major version.
    fn newest(&self) -> Result<&Questionnaire, Problems> {
        if self.kinds.len() > 1 {
            let list: Vec<String> = self
                .kinds
                .iter()
                .map(|((id, major), dirs)| {
                    let some: Vec<String> = dirs
                        .iter()
                        .take(3)
                        .map(|d| format!("`{}`", d.display()))
                        .collect();
                    let more = if dirs.len() > 3 { ", …" } else { "" };
                    format!(
                        "`{id}` {major} ({} assessments: {}{more})",
                        dirs.len(),
                        some.join(", ")
                    )
                })
                .collect();
            return Err(Diagnostic::file(
                "<norms>",
                format!(
                    "the assessments use {} questionnaires: {}. Norms compare only assessments of one questionnaire and major version: give the folders of one of them",
                    self.kinds.len(),
                    list.join("; ")
                ),
            )
            .into());
        }
        let version = |q: &Questionnaire| -> Vec<u64> {
            q.version
                .split('.')
                .map(|p| p.parse().unwrap_or(0))
                .collect()
        };
        self.versions
            .iter()
            .map(|(q, _)| q)
            .max_by(|a, b| version(a).cmp(&version(b)))
            .ok_or_else(|| Diagnostic::file("<norms>", "no assessment to make norms of").into())
    }
}

/// Every assessment's sample, on all cores: each assessment is read and analysed as
/// `score` does it; the results come back in the assessments' order.
fn samples(members: &[(PathBuf, Date)], portfolio: &Portfolio) -> Vec<Result<Sample, Problems>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(members.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Sample, Problems>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some((dir, _)) = members.get(k) else {
                            break;
                        };
                        let sample = super::collect(dir)
                            .map(|(_, analysis)| portfolio.sample(&analysis.scores));
                        mine.push((k, sample));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, result)| result).collect()
}

fn too_few(
    found: usize,
    excluded: &Excluded,
    industry: Option<&str>,
    size: Option<&str>,
) -> Diagnostic {
    let mut why = Vec::new();
    if excluded.invalid > 0 {
        why.push(format!("{} with problems", excluded.invalid));
    }
    if let (Some(industry), n) = (industry, excluded.industry) {
        why.push(format!("{n} not of the industry `{industry}`"));
    }
    if let (Some(size), n) = (size, excluded.size) {
        why.push(format!("{n} not of the size `{size}`"));
    }
    let why = match why.is_empty() {
        true => String::new(),
        false => format!(" (left out: {})", why.join(", ")),
    };
    Diagnostic::file(
        "<norms>",
        format!("{found} assessment{} to make norms of{why}: norms need at least {MIN_ASSESSMENTS}, so that no quartile tells about one client; nothing was written", if found == 1 { "" } else { "s" }),
    )
}

/// What was written, what was left out and why, at the terminal.
fn summarise(norms: &Norms, output: &Path) {
    let q = &norms.questionnaire;
    let mut line = format!(
        "wrote {}: norms of {} assessments of `{}` {}, waves {} to {}",
        output.display(),
        norms.assessments,
        q.id,
        q.major,
        norms.waves.from,
        norms.waves.to
    );
    let e = &norms.excluded;
    let mut out = Vec::new();
    for (n, what) in [
        (e.invalid, "with problems"),
        (e.industry, "of other industries"),
        (e.size, "of other sizes"),
    ] {
        if n > 0 {
            out.push(format!("{n} {what}"));
        }
    }
    if !out.is_empty() {
        line += &format!("; left out {}", out.join(", "));
    }
    note(&line);
    if !norms.left_out.is_empty() {
        let shown: Vec<String> = norms.left_out.iter().take(8).map(left_out_text).collect();
        let more = match norms.left_out.len().saturating_sub(shown.len()) {
            0 => String::new(),
            k => format!(" and {k} more (see `left_out` in the file)"),
        };
        note(&format!(
            "note: not written, with fewer than {MIN_ASSESSMENTS} assessments: {}{more}",
            shown.join(", ")
        ));
    }
}

fn left_out_text(l: &LeftOut) -> String {
    let what = match &l.id {
        Some(id) => format!("{} `{id}`", l.part),
        None => l.part.clone(),
    };
    format!("{what} {} ({})", l.view, l.n)
}
