use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use centricity::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match centricity::cmd::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(mut problems) => {
            problems.sort();
            // A closed pipe (`centricity validate … 2>&1 | head`) must not turn into a panic.
            let mut stderr = std::io::stderr().lock();
            for diagnostic in &problems.0 {
                let _ = writeln!(stderr, "error: {diagnostic}");
            }
            let n = problems.0.len();
            let _ = writeln!(stderr, "{n} problem{} found", if n == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}
