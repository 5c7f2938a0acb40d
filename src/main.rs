use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use centricity::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let trust = centricity::input::assessment::Trust {
        outside_questionnaire: cli.allow_outside_questionnaire,
    };
    match centricity::cmd::run(cli.command, trust) {
        Ok(()) => ExitCode::SUCCESS,
        Err(mut problems) => {
            problems.sort();
            let stderr = std::io::stderr();
            // Colour for people at a terminal; plain text for files, pipes and NO_COLOR.
            let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut stderr = stderr.lock();
            // A closed pipe (`centricity validate … 2>&1 | head`) must not turn into a panic.
            let _ = stderr.write_all(&centricity::input::diagnostics::render(&problems, color));
            let n = problems.0.len();
            let count = format!("{n} problem{}", if n == 1 { "" } else { "s" });
            let _ = match problems.1 {
                Some(f) => writeln!(
                    stderr,
                    "{} files, {} respondents, {count}",
                    f.files, f.respondents
                ),
                None => writeln!(stderr, "{count} found"),
            };
            ExitCode::from(1)
        }
    }
}
