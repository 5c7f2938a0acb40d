use std::process::ExitCode;

use clap::Parser;

use centricity::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match centricity::cmd::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for diagnostic in &problems.0 {
                eprintln!("error: {diagnostic}");
            }
            let n = problems.0.len();
            eprintln!("{n} problem{} found", if n == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}
