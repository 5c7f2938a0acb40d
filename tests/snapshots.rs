//! What users see, frozen: every output of the shipped examples and the messages of
//! `validate` on the broken fixtures. A change to any of these bytes shows up as a snapshot
//! diff (`cargo insta review`), and the commit that accepts it says why.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Fixture;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A run of the binary from the project folder, with colour off and a fixed environment.
struct Seen {
    code: i32,
    stdout: String,
    stderr: String,
}

fn centricity(args: &[&str]) -> Seen {
    let output = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Seen {
        code: output.status.code().expect("an exit code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 on stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 on stderr"),
    }
}

/// Everything a run shows, with a temporary folder's name replaced by `[tmp]`.
fn shown(seen: &Seen, tmp: &Path) -> String {
    let text = format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        seen.code, seen.stdout, seen.stderr
    );
    text.replace(tmp.to_str().unwrap(), "[tmp]")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn reports_in_both_languages_with_and_without_a_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["de", "en"] {
        for baseline in [false, true] {
            let out = tmp.path().join(format!("report-{lang}-{baseline}.html"));
            let mut args = vec![
                "report",
                "examples/velo-muster",
                "--lang",
                lang,
                "-o",
                out.to_str().unwrap(),
            ];
            if baseline {
                args.extend(["--baseline", "examples/velo-muster-2025"]);
            }
            let seen = centricity(&args);
            let name = match baseline {
                false => format!("report-{lang}"),
                true => format!("report-{lang}-baseline"),
            };
            insta::assert_snapshot!(format!("{name}-run"), shown(&seen, tmp.path()));
            insta::assert_snapshot!(name, read(&out));
        }
    }
}

#[test]
fn scores_as_table_json_and_csv() {
    for (name, args) in [
        ("score-table", vec!["--format", "table"]),
        ("score-table-en", vec!["--format", "table", "--lang", "en"]),
        ("score-json", vec!["--format", "json"]),
        ("score-csv-comma", vec!["--format", "csv"]),
        (
            "score-csv-semicolon",
            vec!["--format", "csv", "--delimiter", ";"],
        ),
        (
            "score-csv-tab",
            vec!["--format", "csv", "--delimiter", "tab"],
        ),
    ] {
        let mut all = vec!["score", "examples/velo-muster"];
        all.extend(args);
        let seen = centricity(&all);
        assert_eq!(seen.code, 0, "{name}: {}", seen.stderr);
        insta::assert_snapshot!(name, shown(&seen, Path::new("/nowhere")));
    }
}

#[test]
fn comments_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("comments.csv");
    let seen = centricity(&[
        "comments",
        "examples/velo-muster",
        "-o",
        out.to_str().unwrap(),
    ]);
    insta::assert_snapshot!("comments-run", shown(&seen, tmp.path()));
    insta::assert_snapshot!("comments", read(&out));
    let to_stdout = centricity(&["comments", "examples/velo-muster-2025"]);
    insta::assert_snapshot!("comments-stdout", shown(&to_stdout, tmp.path()));
    let semicolon = centricity(&["comments", "examples/velo-muster", "--delimiter", ";"]);
    assert_eq!(semicolon.code, 0, "{}", semicolon.stderr);
    insta::assert_snapshot!("comments-semicolon", shown(&semicolon, tmp.path()));
}

#[test]
fn forms_and_templates_for_both_perspectives() {
    let tmp = tempfile::tempdir().unwrap();
    for perspective in ["self", "customer"] {
        let out = tmp.path().join(format!("form-{perspective}.html"));
        let seen = centricity(&[
            "form",
            "examples/velo-muster",
            "--perspective",
            perspective,
            "-o",
            out.to_str().unwrap(),
        ]);
        insta::assert_snapshot!(format!("form-{perspective}-run"), shown(&seen, tmp.path()));
        insta::assert_snapshot!(format!("form-{perspective}"), read(&out));

        let seen = centricity(&[
            "template",
            "examples/velo-muster",
            "--perspective",
            perspective,
        ]);
        insta::assert_snapshot!(format!("template-{perspective}"), shown(&seen, tmp.path()));
    }
    let seen = centricity(&[
        "template",
        "examples/velo-muster",
        "--perspective",
        "customer",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("template-customer-en", shown(&seen, tmp.path()));
}

#[test]
fn every_shipped_import_sample() {
    let tmp = tempfile::tempdir().unwrap();
    for tool in [
        "google-forms",
        "limesurvey",
        "microsoft-forms",
        "qualtrics",
        "sosci",
        "surveymonkey",
    ] {
        let out = tmp.path().join(format!("{tool}.csv"));
        let export = format!("examples/imports/{tool}/export.csv");
        let mapping = format!("examples/imports/{tool}/mapping.toml");
        let seen = centricity(&[
            "import",
            &export,
            "--mapping",
            &mapping,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(seen.code, 0, "{tool}: {}", seen.stderr);
        insta::assert_snapshot!(format!("import-{tool}-run"), shown(&seen, tmp.path()));
        insta::assert_snapshot!(format!("import-{tool}"), read(&out));
    }
}

#[test]
fn validate_on_the_examples_and_other_commands() {
    for (name, args) in [
        (
            "validate-velo-muster",
            vec!["validate", "examples/velo-muster"],
        ),
        (
            "validate-velo-muster-2025",
            vec!["validate", "examples/velo-muster-2025"],
        ),
        ("questionnaires", vec!["questionnaires"]),
        (
            "validate-missing-folder",
            vec!["validate", "examples/nowhere"],
        ),
    ] {
        let seen = centricity(&args);
        insta::assert_snapshot!(name, shown(&seen, Path::new("/nowhere")));
    }
}

fn copy_into(from: &Path, to: &Path) {
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_into(&path, &target);
        } else if path.file_name().unwrap() != "expect.toml" {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// Each case of a corpus overlays its files on the small assessment of `tests/common`, and
/// `validate` says what it says; the snapshot keeps the message and the exit code.
fn validate_corpus(corpus: &str) {
    let dir = root().join(corpus);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "{corpus} holds cases");
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let fixture = Fixture::new();
        copy_into(&case, fixture.path());
        let seen = centricity(&["validate", fixture.path().to_str().unwrap()]);
        let prefix = corpus.rsplit('/').next().unwrap();
        insta::assert_snapshot!(
            format!("validate-{prefix}-{name}"),
            shown(&seen, fixture.path())
        );
    }
}

#[test]
fn validate_on_the_broken_fixtures() {
    validate_corpus("tests/fixtures/broken");
}

#[test]
fn validate_on_the_hostile_corpus() {
    validate_corpus("tests/hostile");
}
