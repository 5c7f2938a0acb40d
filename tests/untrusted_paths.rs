//! An assessment folder from a client is untrusted: nothing it names outside itself is read,
//! links out of it are not followed, FIFOs and devices are refused rather than waited on,
//! and sizes are checked before reading. The cases that a repository can hold are in
//! tests/hostile/ (`summary-*`, `logo-outside`, `answers-of-another-client`,
//! `questionnaire-outside`); these need links, FIFOs or files built at run time.

mod common;

use std::path::Path;

use common::{Fixture, ASSESSMENT};

/// A secret beside the assessment folder, where `../secret.txt` would find it.
fn secret_beside(fixture: &Fixture) -> std::path::PathBuf {
    let secret = fixture.path().parent().unwrap().join(format!(
        "secret-{}.txt",
        fixture.path().file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&secret, "PRIVATE KEY 4711\n").unwrap();
    secret
}

fn report_has_no(fixture: &Fixture, words: &str) {
    let out = fixture.file("report.html");
    let run = fixture.run("report", &["-o", out.to_str().unwrap()]);
    if run.code == 0 {
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(!html.contains(words), "the report shows `{words}`");
    }
}

#[cfg(unix)]
#[test]
fn a_summary_that_links_out_of_the_folder_is_refused() {
    let fixture = Fixture::new();
    let secret = secret_beside(&fixture);
    std::os::unix::fs::symlink(&secret, fixture.file("summary.md")).unwrap();
    fixture.write(
        "assessment.toml",
        &format!("{ASSESSMENT}summary = \"summary.md\"\n"),
    );
    fixture.run("validate", &[]).fails_at(
        "assessment.toml",
        8,
        "leads outside the assessment folder",
    );
    report_has_no(&fixture, "PRIVATE KEY");
    std::fs::remove_file(secret).unwrap();
}

#[test]
fn a_summary_two_folders_up_is_refused() {
    let fixture = Fixture::new();
    let secret = secret_beside(&fixture);
    let name = secret.file_name().unwrap().to_string_lossy().to_string();
    fixture.write(
        "assessment.toml",
        &format!("{ASSESSMENT}summary = \"../{name}\"\n"),
    );
    fixture.run("validate", &[]).fails_at(
        "assessment.toml",
        8,
        "leads outside the assessment folder",
    );
    report_has_no(&fixture, "PRIVATE KEY");
    std::fs::remove_file(secret).unwrap();
}

/// Another client's answers, linked into this client's answers folder, are not read.
#[cfg(unix)]
#[test]
fn links_out_of_the_answers_folder_are_not_followed_and_said_so() {
    let fixture = Fixture::new();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(
        other.path().join("other.csv"),
        "respondent,perspective,r1\nz1,customer,5\nz2,customer,5\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(other.path(), fixture.file("answers/other-client")).unwrap();
    std::os::unix::fs::symlink(
        other.path().join("other.csv"),
        fixture.file("answers/linked.csv"),
    )
    .unwrap();
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("3 customer"), "{}", run.stdout);
    for link in ["other-client", "linked.csv"] {
        assert!(
            run.stderr.contains(link)
                && run
                    .stderr
                    .contains("a link that leads outside the answers folder"),
            "{link} said: {}",
            run.stderr
        );
    }
    // a link that stays inside is followed
    std::os::unix::fs::symlink(
        fixture.file("answers/self"),
        fixture.file("answers/self-again"),
    )
    .unwrap();
    let run = fixture.run("validate", &[]);
    assert!(
        run.stderr.contains("appears twice"),
        "followed inside: {}",
        run.stderr
    );
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// A FIFO would block a reader forever: it is an error, at once.
#[cfg(unix)]
#[test]
fn fifos_are_refused_not_waited_on() {
    let fixture = Fixture::new();
    mkfifo(&fixture.file("answers/pipe.csv"));
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a FIFO, device or socket is never read"),
        "{}",
        run.stderr
    );

    let fixture = Fixture::new();
    mkfifo(&fixture.file("summary.md"));
    fixture.write(
        "assessment.toml",
        &format!("{ASSESSMENT}summary = \"summary.md\"\n"),
    );
    fixture.run("validate", &[]).fails_at(
        "assessment.toml",
        8,
        "a FIFO (named pipe), not a regular file",
    );
}

#[test]
fn sizes_are_checked_before_reading() {
    let fixture = Fixture::new();
    let big = std::fs::File::create(fixture.file("summary.md")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap(); // sparse: no disk, but 65 MB to a reader
    fixture.write(
        "assessment.toml",
        &format!("{ASSESSMENT}summary = \"summary.md\"\n"),
    );
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 8, "larger than 64 MB");

    let fixture = Fixture::new();
    let big = std::fs::File::create(fixture.file("answers/huge.toml")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    fixture
        .run("validate", &[])
        .fails_at_file("huge.toml", "larger than 64 MB");
}

/// A questionnaire shared between clients, outside the folder: only when the person
/// running centricity says so.
#[test]
fn a_questionnaire_outside_needs_the_flag() {
    let fixture = Fixture::new();
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(shared.path().join("q.toml"), common::MINI).unwrap();
    let path = shared.path().join("q.toml");
    fixture.write(
        "assessment.toml",
        &ASSESSMENT.replace("questionnaire.toml", path.to_str().unwrap()),
    );
    fixture.run("validate", &[]).fails_at(
        "assessment.toml",
        6,
        "run with --allow-outside-questionnaire",
    );
    let run = fixture.run("validate", &["--allow-outside-questionnaire"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
