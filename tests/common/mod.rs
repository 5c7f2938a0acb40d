//! A small assessment in a temporary folder, and the real binary to run on it.
#![allow(dead_code, clippy::new_without_default)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const MINI: &str = include_str!("../fixtures/mini-questionnaire.toml");

pub const ASSESSMENT: &str = r#"client = "Muster & Söhne <AG>"
wave = "2026"
date = 2026-11-15
consultant = "Beispiel Consulting"
language = "de"
questionnaire = "questionnaire.toml"
min_group_size = 5
"#;

pub const SELF_1: &str = r#"questionnaire = "mini"
questionnaire_version = "2.0.0"
perspective = "self"
respondent = "s1"
group = "Verkauf"

[answers]
r1 = 5
r2 = 1
c1 = 4
c2 = 4
nps = 9

[comments]
c1 = "Wir könnten mehr schulen."
"#;

pub const SELF_2: &str = r#"questionnaire = "mini"
questionnaire_version = "2.3.1"
perspective = "self"
respondent = "s2"

[answers]
r1 = 4
r2 = 2
c1 = "na"
c2 = 3
nps = 7
"#;

pub const CUSTOMERS: &str = "respondent,perspective,group,r1,r2,c1,nps,comment:r1\n\
k1,customer,Privat,2,4,5,3,\"<script>alert('x')</script> Die Hotline, immer besetzt\"\n\
k2,customer,Privat,3,,4,10,\n\
k3,customer,Firma,1,5,na,6,Nie erreichbar.\n";

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// Two staff and three customers on the mini questionnaire; scores computed by hand in
    /// tests/cli.rs.
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        fixture.write("assessment.toml", ASSESSMENT);
        fixture.write("questionnaire.toml", MINI);
        fixture.write("answers/self/s1.toml", SELF_1);
        fixture.write("answers/self/s2.toml", SELF_2);
        fixture.write("answers/customers.csv", CUSTOMERS);
        fixture
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.file(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `centricity <command> <this folder> <more…>`.
    pub fn run(&self, command: &str, more: &[&str]) -> Run {
        let mut args = vec![command, self.path().to_str().unwrap()];
        args.extend_from_slice(more);
        run(&args)
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(args)
        .output()
        .expect("the binary runs");
    let run = Run {
        code: status.code().expect("an exit code, not a signal"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "a panic:\n{}", run.stderr);
    run
}

impl Run {
    /// The problems printed, each as one line `file:line:column: message (hint)`, rebuilt
    /// from the rendered blocks (message, `┌─ place`, the source line, `= hint: …`).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for block in self.stderr.split("error: ").skip(1) {
            let mut lines = block.lines();
            let message = lines.next().unwrap_or("").to_string();
            let mut place = None;
            let mut hint = None;
            for line in lines {
                let line = line.trim();
                if let Some(p) = line.strip_prefix("┌─ ") {
                    place = Some(p.to_string());
                } else if let Some(h) = line.strip_prefix("= hint: ") {
                    hint = Some(h.to_string());
                }
            }
            let mut one = match place {
                Some(place) => format!("{place}: {message}"),
                None => message,
            };
            if let Some(hint) = hint {
                one += &format!(" ({hint})");
            }
            problems.push(one);
        }
        problems
    }

    /// Asserts the run failed as invalid input with a message naming `file:line` and
    /// containing `words`.
    pub fn fails_at(&self, file: &str, line: usize, words: &str) {
        assert_eq!(self.code, 1, "exit code; stderr:\n{}", self.stderr);
        let found = self
            .problems()
            .iter()
            .any(|l| l.contains(&format!("{file}:{line}:")) && l.contains(words));
        assert!(
            found,
            "expected a problem at {file}:{line} saying {words:?}; stderr:\n{}",
            self.stderr
        );
    }
}

impl Run {
    /// Asserts the run failed as invalid input with a message about a file (no line).
    pub fn fails_at_file(&self, file: &str, words: &str) {
        assert_eq!(self.code, 1, "exit code; stderr:\n{}", self.stderr);
        let found = self
            .problems()
            .iter()
            .any(|l| l.contains(file) && l.contains(words));
        assert!(
            found,
            "expected a problem with {file} saying {words:?}; stderr:\n{}",
            self.stderr
        );
    }
}

/// A small export and mapping in a temporary folder, imported: the run, and the table
/// written (if any).
pub fn import_text(mapping: &str, export: &str) -> (Run, Option<String>) {
    import_bytes(mapping, export.as_bytes())
}

/// [`import_text`] with the export as bytes (another encoding).
pub fn import_bytes(mapping: &str, export: &[u8]) -> (Run, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("map.toml"), mapping).unwrap();
    std::fs::write(dir.path().join("export.csv"), export).unwrap();
    let out = dir.path().join("out.csv");
    let run = run(&[
        "import",
        dir.path().join("export.csv").to_str().unwrap(),
        "--mapping",
        dir.path().join("map.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let table = std::fs::read_to_string(&out).ok();
    (run, table)
}
