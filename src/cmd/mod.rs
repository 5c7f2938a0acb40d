//! One function per subcommand; `run` dispatches. Commands return problems, never exit.

mod charts;
mod comments;
mod form;
mod generate;
mod import;
mod init;
mod inputs;
mod mapping;
mod norms;
mod note;
mod questionnaires;
mod report;
mod score;
mod template;
mod validate;

use std::io::Write;
use std::path::Path;

use crate::analysis::{Analyser, Analysis};
use crate::cli::Command;
use crate::input::answers::{self, LoadSummary};
use crate::input::assessment::Trust;
use crate::input::diagnostics::{Diagnostic, Footer, Problems};
use crate::model::assessment::Assessment;
pub use note::note;

/// What the person running centricity allows beyond an assessment's folder; set once by
/// [`run`] from the command line, read wherever an assessment is loaded.
static TRUST: std::sync::OnceLock<Trust> = std::sync::OnceLock::new();

/// Loads an assessment with what the command line allows.
pub fn load_assessment(dir: &Path) -> Result<Assessment, Problems> {
    Assessment::load_with(dir, trust())
}

fn trust() -> Trust {
    TRUST.get().copied().unwrap_or_default()
}

pub fn run(command: Command, trust: Trust) -> Result<(), Problems> {
    let _ = TRUST.set(trust);
    match command {
        Command::Init {
            dir,
            client,
            lang,
            questionnaire,
            consultant,
            accent,
            wave,
            scale,
        } => init::run(
            &dir,
            init::New {
                client,
                language: lang.into(),
                questionnaire,
                consultant,
                accent,
                wave,
                scale,
            },
        ),
        Command::Template {
            dir,
            perspective,
            lang,
            output,
        } => template::run(
            &dir,
            perspective.into(),
            lang.map(Into::into),
            output.as_deref(),
        ),
        Command::Form {
            dir,
            perspective,
            lang,
            output,
        } => {
            let perspective: crate::model::questionnaire::Perspective = perspective.into();
            let output = output.unwrap_or_else(|| format!("form-{}.html", perspective.id()).into());
            form::run(&dir, perspective, lang.map(Into::into), &output)
        }
        Command::Import {
            export,
            mapping,
            output,
            force,
        } => import::run(&export, &mapping, &output, force),
        Command::Mapping {
            export,
            questionnaire,
            perspective,
            output,
            force,
        } => mapping::run(
            &export,
            &questionnaire,
            perspective.into(),
            output.as_deref(),
            force,
        ),
        Command::Validate { dir } => validate::run(&dir),
        Command::Score {
            dir,
            format,
            delimiter,
            lang,
            output,
        } => score::run(
            &dir,
            format.map(Into::into),
            delimiter.into(),
            lang.map(Into::into),
            output.as_deref(),
        ),
        Command::Report {
            dir,
            output,
            lang,
            templates,
            baseline,
            pdf,
            norms,
        } => report::run(
            &dir,
            &output,
            lang.map(Into::into),
            templates.as_deref(),
            baseline.as_deref(),
            pdf.as_deref(),
            norms.as_deref(),
        ),
        Command::Charts {
            dir,
            output,
            lang,
            baseline,
        } => charts::run(&dir, &output, lang.map(Into::into), baseline.as_deref()),
        Command::Comments {
            dir,
            output,
            delimiter,
        } => comments::run(&dir, output.as_deref(), delimiter.into()),
        Command::Norms {
            dirs,
            output,
            industry,
            size,
        } => norms::run(&dirs, &output, industry.as_deref(), size.as_deref()),
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

/// Loads an assessment and every answer file, and analyses them in one pass. Warnings are
/// printed whether or not there are problems.
pub fn collect(dir: &Path) -> Result<(Assessment, Analysis), Problems> {
    let assessment = match load_assessment(dir) {
        Ok(assessment) => assessment,
        Err(mut problems) => {
            // The answer files are checked all the same, so one run lists every problem.
            if let Some((questionnaire, answers_dir)) =
                Assessment::questionnaire_and_answers_with(dir, trust())
            {
                let (summary, found) = answers::load(&answers_dir, &questionnaire, &mut |_| {});
                warn(&summary.warnings);
                problems.extend(found);
                return Err(problems.with_footer(footer(&summary)));
            }
            return Err(problems);
        }
    };
    let mut analyser = Analyser::new(&assessment);
    let (load, problems) = answers::load_into(
        &assessment.answers_dir,
        &assessment.questionnaire,
        &mut analyser,
    );
    warn(&load.warnings);
    if !problems.is_empty() {
        return Err(problems.with_footer(footer(&load)));
    }
    let analysis = analyser.finish(load.files);
    for (perspective, shown, others) in &analysis.merged_groups {
        let others: Vec<String> = others.iter().map(|s| format!("`{s}`")).collect();
        note(&format!(
            "note: the group `{shown}` ({}) is also written {}: counted as one group",
            perspective.id(),
            crate::input::diagnostics::some_of(&others)
        ));
    }
    for (perspective, a, b) in &analysis.similar_groups {
        note(&format!(
            "warning: the groups `{a}` and `{b}` ({}) are spelled almost alike: if they are one group, write them the same in the answer files",
            perspective.id()
        ));
    }
    Ok((assessment, analysis))
}

fn footer(load: &LoadSummary) -> Footer {
    Footer {
        files: load.files,
        respondents: load.respondents,
    }
}

fn warn(warnings: &[Diagnostic]) {
    for warning in warnings {
        note(&format!("warning: {warning}"));
    }
}

/// Prints to stdout; a closed pipe (`centricity score … | head`) is not an error.
fn print(text: &str) -> Result<(), Problems> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Diagnostic::file("<stdout>", format!("cannot write: {e}")).into())
        }
        _ => Ok(()),
    }
}
