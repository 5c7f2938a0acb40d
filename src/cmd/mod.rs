//! One function per subcommand; `run` dispatches. Commands return problems, never exit.

mod init;
mod questionnaires;
mod report;
mod score;
mod validate;

use std::io::Write;
use std::path::PathBuf;

use crate::answers::{self, LoadSummary};
use crate::assessment::Assessment;
use crate::cli::Command;
use crate::diagnostics::Problems;
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
        Command::Validate { dir } => validate::run(&dir),
        Command::Score { dir, format } => score::run(&dir, format),
        Command::Report { dir, output, lang } => report::run(&dir, &output, lang.map(|l| l.code())),
        Command::Questionnaires => questionnaires::run(),
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

/// The answers of an assessment, scored, with the comments kept for the report.
pub struct Collected {
    pub scores: Scores,
    pub comments: Vec<CollectedComment>,
    pub load: LoadSummary,
}

/// Loads every answer file of an assessment and scores it in one pass.
pub fn collect(assessment: &Assessment) -> Result<Collected, Problems> {
    let mut tally = Tally::new(&assessment.questionnaire);
    let mut comments = Vec::new();
    let load = answers::load(
        &assessment.answers_dir,
        &assessment.questionnaire,
        &mut |respondent| {
            tally.add(&respondent);
            comments.extend(respondent.comments.into_iter().map(|c| CollectedComment {
                item: c.item,
                perspective: respondent.perspective,
                text: c.text,
            }));
        },
    )?;
    let scores = tally.finish(
        &assessment.client,
        &assessment.wave,
        assessment.min_group_size,
    );
    Ok(Collected {
        scores,
        comments,
        load,
    })
}

/// Files under the answers folder that are not answer files are named, not silently passed.
fn warn_skipped(skipped: &[PathBuf]) {
    for path in skipped {
        eprintln!(
            "warning: {}: not read (answer files end in .toml or .csv)",
            path.display()
        );
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
