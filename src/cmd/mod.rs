//! One function per subcommand; `run` dispatches. Commands return problems, never exit.

mod comments;
mod form;
mod generate;
mod import;
mod init;
mod questionnaires;
mod report;
mod score;
mod template;
mod validate;

use std::io::Write;
use std::path::Path;

use crate::answers::{self, LoadSummary};
use crate::assessment::Assessment;
use crate::cli::Command;
use crate::diagnostics::{Diagnostic, Problems};
use crate::questionnaire::Perspective;
use crate::scoring::{Scores, Tally};

pub fn run(command: Command) -> Result<(), Problems> {
    match command {
        Command::Init {
            dir,
            client,
            lang,
            questionnaire,
        } => init::run(&dir, client, lang.code(), &questionnaire),
        Command::Template {
            dir,
            perspective,
            lang,
            output,
        } => template::run(
            &dir,
            perspective.into(),
            lang.map(|l| l.code()),
            output.as_deref(),
        ),
        Command::Form {
            dir,
            perspective,
            lang,
            output,
        } => {
            let perspective: crate::questionnaire::Perspective = perspective.into();
            let output = output.unwrap_or_else(|| format!("form-{}.html", perspective.id()).into());
            form::run(&dir, perspective, lang.map(|l| l.code()), &output)
        }
        Command::Import {
            export,
            mapping,
            output,
        } => import::run(&export, &mapping, &output),
        Command::Validate { dir } => validate::run(&dir),
        Command::Score {
            dir,
            format,
            delimiter,
        } => score::run(&dir, format, &delimiter),
        Command::Report {
            dir,
            output,
            lang,
            templates,
            baseline,
            pdf,
        } => report::run(
            &dir,
            &output,
            lang.map(|l| l.code()),
            templates.as_deref(),
            baseline.as_deref(),
            pdf.as_deref(),
        ),
        Command::Comments { dir, output } => comments::run(&dir, output.as_deref()),
        Command::Questionnaires => questionnaires::run(),
        Command::Completions { shell } => {
            let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "centricity", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Command::Generate {
            dir,
            customers,
            staff_files,
        } => generate::run(&dir, customers, staff_files),
        Command::Man => {
            let command = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|e| {
                    Diagnostic::file("<stdout>", format!("cannot write the manual: {e}"))
                })?;
            print(&String::from_utf8_lossy(&out))
        }
    }
}

/// A comment as the report shows it: never with the respondent's id.
#[derive(Debug, Clone)]
pub struct CollectedComment {
    /// The item index, or `None` for the NPS question.
    pub item: Option<usize>,
    pub perspective: Perspective,
    pub text: String,
}

/// How many comments per item and perspective the report shows; the rest are counted, and
/// `centricity comments` exports all of them. A survey of a million keeps a sensible report.
pub const COMMENTS_SHOWN: usize = 20;

/// The answers of an assessment, scored, with the comments kept for the report.
pub struct Collected {
    pub scores: Scores,
    /// At most [`COMMENTS_SHOWN`] per item (or NPS) and perspective, in file order.
    pub comments: Vec<CollectedComment>,
    /// All comments per item (or NPS) and perspective, shown or not.
    pub comment_counts: std::collections::HashMap<(Option<usize>, Perspective), usize>,
    pub load: LoadSummary,
}

/// Loads an assessment and every answer file, and scores them in one pass. Warnings are
/// printed whether or not there are problems.
pub fn collect(dir: &Path) -> Result<(Assessment, Collected), Problems> {
    let assessment = match Assessment::load(dir) {
        Ok(assessment) => assessment,
        Err(mut problems) => {
            // The answer files are checked all the same, so one run lists every problem.
            if let Some((questionnaire, answers_dir)) = Assessment::questionnaire_and_answers(dir) {
                let (summary, found) = answers::load(&answers_dir, &questionnaire, &mut |_| {});
                warn(&summary.warnings);
                problems.extend(found);
                return Err(problems.with_footer(footer(&summary)));
            }
            return Err(problems);
        }
    };
    let mut tally = Tally::new(&assessment.questionnaire);
    // The comments shown are chosen and ordered by their text alone: in file order, the
    // comments of one respondent or one department would sit together and could be linked.
    let mut kept: std::collections::BTreeMap<CommentKey, Vec<(u64, String)>> =
        std::collections::BTreeMap::new();
    let mut comment_counts = std::collections::HashMap::new();
    let (load, problems) = answers::load(
        &assessment.answers_dir,
        &assessment.questionnaire,
        &mut |respondent| {
            tally.add(respondent);
            for c in &respondent.comments {
                let key = (c.item, respondent.perspective);
                *comment_counts.entry(key).or_insert(0) += 1;
                let shown = kept.entry(key).or_default();
                let hash = fnv1a(&c.text);
                if shown.len() < COMMENTS_SHOWN {
                    shown.push((hash, shortened(&c.text)));
                } else if let Some(largest) = shown.iter_mut().max_by_key(|(h, _)| *h) {
                    if hash < largest.0 {
                        *largest = (hash, shortened(&c.text));
                    }
                }
            }
        },
    );
    let comments = kept
        .into_iter()
        .flat_map(|((item, perspective), mut shown)| {
            shown.sort_by(|a, b| a.1.cmp(&b.1));
            shown.into_iter().map(move |(_, text)| CollectedComment {
                item,
                perspective,
                text,
            })
        })
        .collect();
    warn(&load.warnings);
    if !problems.is_empty() {
        return Err(problems.with_footer(footer(&load)));
    }
    let scores = tally.finish(
        &assessment.client,
        &assessment.wave,
        assessment.min_group_size,
    );
    let collected = Collected {
        scores,
        comments,
        comment_counts,
        load,
    };
    Ok((assessment, collected))
}

/// Comments are kept per item (or `None`, the NPS question) and perspective.
type CommentKey = (Option<usize>, Perspective);

/// FNV-1a: a fixed, neutral order for choosing which comments to show (the same every run,
/// unrelated to who wrote them or where).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The longest comment the report shows in full; `centricity comments` has every word.
const COMMENT_CHARACTERS: usize = 1500;

/// A comment as the report shows it: cut after [`COMMENT_CHARACTERS`], at a word.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(COMMENT_CHARACTERS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let cut = text[..cut]
                .rfind(char::is_whitespace)
                .filter(|&i| i > cut / 2)
                .unwrap_or(cut);
            format!("{} […]", text[..cut].trim_end())
        }
    }
}

fn footer(load: &LoadSummary) -> crate::diagnostics::Footer {
    crate::diagnostics::Footer {
        files: load.files,
        respondents: load.respondents,
    }
}

fn warn(warnings: &[Diagnostic]) {
    for warning in warnings {
        crate::diagnostics::note(&format!("warning: {warning}"));
    }
}

/// Prints to stdout; a closed pipe (`centricity score … | head`) is not an error.
fn print(text: &str) -> Result<(), Problems> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(
            crate::diagnostics::Diagnostic::file("<stdout>", format!("cannot write: {e}")).into(),
        ),
        _ => Ok(()),
    }
}
