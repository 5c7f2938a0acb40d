//! A client's files are untrusted: nothing is lost (no command writes over its own inputs,
//! onto a device or a pipe, or with a surprising mode), nothing opens in a spreadsheet as a
//! formula, and hidden folders under answers/ are skipped, and said so.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, Run};

const FORMULA: &str = "=cmd|' /C calc'!A0";

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs the binary with a time limit, so that a command stuck on a pipe fails the test
/// instead of hanging it.
fn run_briefly(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("centricity {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn mkfifo(at: &Path) {
    let made = Command::new("mkfifo").arg(at).status().unwrap();
    assert!(made.success(), "mkfifo {}", at.display());
}

fn is_fifo(at: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(at).is_ok_and(|m| m.file_type().is_fifo())
}

const EXPORT: &str = "id,Frage 1,Kommentar\n1,4,Gut\n2,2,\n";

fn mapping() -> String {
    format!(
        "questionnaire = \"{}\"\nperspective = \"customer\"\nrespondent = {{ column = \"id\", prefix = \"i-\" }}\n\n[[items]]\nitem = \"r1\"\ncolumn = \"Frage 1\"\ncomment = \"Kommentar\"\n",
        "questionnaire.toml"
    )
}

/// Imports `export` with the fixture's mapping into `out`.
fn import(fixture: &Fixture, export: &str, out: &Path, force: bool) -> Run {
    fixture.write("export.csv", export);
    fixture.write("map.toml", &mapping());
    let (export, map) = (fixture.file("export.csv"), fixture.file("map.toml"));
    let mut args = vec![
        "import",
        path(&export),
        "--mapping",
        path(&map),
        "-o",
        path(out),
    ];
    if force {
        args.push("--force");
    }
    run_briefly(&args)
}

// ------------------------------------------------------------------------------------
// 1. No command writes over its own inputs.

#[test]
fn a_report_never_replaces_the_assessment_or_its_questionnaire() {
    let fixture = Fixture::new();
    for name in ["assessment.toml", "questionnaire.toml"] {
        let target = fixture.file(name);
        let before = std::fs::read(&target).unwrap();
        let run = fixture.run("report", &["-o", path(&target)]);
        run.fails_at_file(name, "a file this command reads");
        assert_eq!(std::fs::read(&target).unwrap(), before, "{name} unchanged");
    }
    // the same file by another way of writing its name
    let dotted = fixture.path().join("answers/../assessment.toml");
    let run = fixture.run("report", &["-o", path(&dotted)]);
    run.fails_at_file("assessment.toml", "a file this command reads");
}

#[test]
fn a_report_never_replaces_the_summary_or_the_logo() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!(
            "{}summary = {{ de = \"summary.md\", en = \"summary.en.md\" }}\n\n[branding]\nlogo = \"logo.svg\"\n",
            common::ASSESSMENT
        ),
    );
    fixture.write("summary.md", "# Zusammenfassung\n");
    fixture.write("summary.en.md", "# Summary\n");
    fixture.write(
        "logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>",
    );
    assert_eq!(fixture.run("validate", &[]).code, 0);
    for name in ["summary.md", "summary.en.md", "logo.svg"] {
        let target = fixture.file(name);
        let before = std::fs::read(&target).unwrap();
        let run = fixture.run("report", &["-o", path(&target)]);
        run.fails_at_file(name, "a file this command reads");
        assert_eq!(std::fs::read(&target).unwrap(), before, "{name} unchanged");
    }
}

#[test]
fn report_and_comments_never_write_into_the_answers_folder() {
    let fixture = Fixture::new();
    let into_answers = [
        ("report", fixture.file("answers/report.html")),
        ("report", fixture.file("answers/self/deep/report.html")),
        ("comments", fixture.file("answers/comments.csv")),
        ("comments", fixture.file("answers/customers.csv")),
    ];
    std::fs::create_dir_all(fixture.file("answers/self/deep")).unwrap();
    let customers = std::fs::read(fixture.file("answers/customers.csv")).unwrap();
    for (command, target) in &into_answers {
        let run = fixture.run(command, &["-o", path(target)]);
        run.fails_at_file(
            target.file_name().unwrap().to_str().unwrap(),
            "inside the assessment's answers folder",
        );
    }
    assert!(!fixture.file("answers/report.html").exists());
    assert!(!fixture.file("answers/comments.csv").exists());
    assert_eq!(
        std::fs::read(fixture.file("answers/customers.csv")).unwrap(),
        customers
    );
    // nor the PDF, and then not the report either
    let (html, pdf) = (fixture.file("r.html"), fixture.file("answers/r.pdf"));
    let run = fixture.run("report", &["-o", path(&html), "--pdf", path(&pdf)]);
    run.fails_at_file("r.pdf", "inside the assessment's answers folder");
    assert!(!html.exists() && !pdf.exists());
}

#[test]
fn a_report_never_writes_into_its_templates_or_over_its_baseline() {
    let fixture = Fixture::new();
    fixture.write("brand/style.css", "h1 { color: black; }\n");
    let template = fixture.file("brand/report.html");
    let run = fixture.run(
        "report",
        &[
            "--templates",
            path(&fixture.file("brand")),
            "-o",
            path(&template),
        ],
    );
    run.fails_at_file("report.html", "inside the templates folder");
    assert!(!template.exists());

    let earlier = Fixture::new();
    let target = earlier.file("assessment.toml");
    let before = std::fs::read(&target).unwrap();
    let run = fixture.run(
        "report",
        &["--baseline", path(earlier.path()), "-o", path(&target)],
    );
    run.fails_at_file("assessment.toml", "a file this command reads");
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn an_import_replaces_a_table_only_with_force_and_only_its_own() {
    let fixture = Fixture::new();
    let out = fixture.file("answers/imported.csv");
    let first = import(&fixture, EXPORT, &out, false);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let written = std::fs::read_to_string(&out).unwrap();

    // without --force, an existing table stays
    let again = import(&fixture, "id,Frage 1,Kommentar\n1,5,\n", &out, false);
    again.fails_at_file("imported.csv", "already exists");
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);

    // with --force, the import's own earlier table is replaced
    let forced = import(&fixture, "id,Frage 1,Kommentar\n1,5,\n", &out, true);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("i-1,customer,5"));

    // never a file the import did not write, even with --force
    let customers = fixture.file("answers/customers.csv");
    let before = std::fs::read_to_string(&customers).unwrap();
    for force in [false, true] {
        let run = import(&fixture, EXPORT, &customers, force);
        run.fails_at_file("customers.csv", "already exists");
        assert_eq!(std::fs::read_to_string(&customers).unwrap(), before);
    }
    let run = import(&fixture, EXPORT, &customers, true);
    run.fails_at_file("customers.csv", "not written by this import");

    // nor its own mapping, nor its export
    let map_csv = fixture.file("map.csv");
    std::fs::write(&map_csv, mapping()).unwrap();
    fixture.write("export.csv", EXPORT);
    let run = run_briefly(&[
        "import",
        path(&fixture.file("export.csv")),
        "--mapping",
        path(&map_csv),
        "-o",
        path(&map_csv),
        "--force",
    ]);
    run.fails_at_file("map.csv", "is the mapping itself");
    assert_eq!(std::fs::read_to_string(&map_csv).unwrap(), mapping());
}

#[test]
fn an_import_never_opens_a_pipe() {
    let fixture = Fixture::new();
    let pipe = fixture.file("table.csv");
    mkfifo(&pipe);
    for force in [false, true] {
        let run = import(&fixture, EXPORT, &pipe, force);
        run.fails_at_file("table.csv", "is a named pipe (FIFO)");
        assert!(is_fifo(&pipe));
    }
}

// ------------------------------------------------------------------------------------
// 2. -o onto something that is not a regular file.

#[test]
fn a_device_is_never_an_output_not_even_for_root() {
    let fixture = Fixture::new();
    for args in [
        vec!["report", "-o", "/dev/null"],
        vec!["comments", "-o", "/dev/null"],
        vec!["template", "--perspective", "self", "-o", "/dev/null"],
    ] {
        let mut all = vec![args[0], path(fixture.path())];
        all.extend_from_slice(&args[1..]);
        let run = run_briefly(&all);
        run.fails_at_file("/dev/null", "is a device, not a regular file");
    }
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null is still a device");
}

#[test]
fn dev_stdout_is_refused_as_a_link() {
    let fixture = Fixture::new();
    let run = run_briefly(&["report", path(fixture.path()), "-o", "/dev/stdout"]);
    run.fails_at_file("/dev/stdout", "is a symbolic link");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink(),
        "/dev/stdout is still a link"
    );
}

#[test]
fn a_named_pipe_is_never_an_output() {
    let fixture = Fixture::new();
    let dir = path(fixture.path());
    let pipes: Vec<(Vec<&str>, PathBuf)> = vec![
        (vec!["report", dir], fixture.file("pipe.html")),
        (vec!["comments", dir], fixture.file("pipe.csv")),
        (
            vec!["form", dir, "--perspective", "customer"],
            fixture.file("form.html"),
        ),
        (
            vec!["template", dir, "--perspective", "self"],
            fixture.file("blank.toml"),
        ),
    ];
    for (args, pipe) in &pipes {
        mkfifo(pipe);
        let mut all = args.clone();
        all.extend(["-o", path(pipe)]);
        let run = run_briefly(&all);
        run.fails_at_file(
            pipe.file_name().unwrap().to_str().unwrap(),
            "is a named pipe (FIFO), not a regular file",
        );
        assert!(is_fifo(pipe), "{} is still a pipe", pipe.display());
    }
    let run = fixture.run(
        "report",
        &[
            "-o",
            path(&fixture.file("r.html")),
            "--pdf",
            path(&pipes[0].1),
        ],
    );
    run.fails_at_file("pipe.html", "is a named pipe");
    assert!(!fixture.file("r.html").exists(), "neither file is written");
}

#[test]
fn a_folder_or_a_link_is_never_an_output() {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.file("folder.html")).unwrap();
    let run = fixture.run("report", &["-o", path(&fixture.file("folder.html"))]);
    run.fails_at_file("folder.html", "is a folder, not a regular file");

    let elsewhere = fixture.file("notes.html");
    std::fs::write(&elsewhere, "my notes").unwrap();
    let link = fixture.file("link.html");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let run = fixture.run("report", &["-o", path(&link)]);
    run.fails_at_file("link.html", "is a symbolic link");
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "my notes");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

// ------------------------------------------------------------------------------------
// 3. A replaced file is 0644, whatever it was.

#[test]
fn a_replaced_file_is_readable_by_others_and_never_executable() {
    use std::os::unix::fs::PermissionsExt;
    let fixture = Fixture::new();
    for (name, mode) in [("private.html", 0o600), ("open.html", 0o777)] {
        let target = fixture.file(name);
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode)).unwrap();
        let run = fixture.run("report", &["-o", path(&target)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let now = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(now & 0o777, 0o644, "{name} was {mode:o}");
    }
    let table = fixture.file("comments.csv");
    std::fs::write(&table, "old").unwrap();
    std::fs::set_permissions(&table, std::fs::Permissions::from_mode(0o666)).unwrap();
    assert_eq!(fixture.run("comments", &["-o", path(&table)]).code, 0);
    let now = std::fs::metadata(&table).unwrap().permissions().mode();
    assert_eq!(now & 0o777, 0o644);
}

// ------------------------------------------------------------------------------------
// 4. A missing Chromium still writes the HTML and names the user's PDF.

#[test]
fn without_any_chromium_the_html_is_written_and_the_pdf_named() {
    let fixture = Fixture::new();
    let empty = tempfile::tempdir().unwrap();
    let (html, pdf) = (fixture.file("r.html"), fixture.file("r.pdf"));
    let out = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args([
            "report",
            path(fixture.path()),
            "-o",
            path(&html),
            "--pdf",
            path(&pdf),
        ])
        .env_remove("CENTRICITY_CHROMIUM")
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(html.is_file(), "the HTML report is written: {stderr}");
    assert!(!pdf.exists());
    assert!(stderr.contains(&format!("{}:", pdf.display())), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(
        !stderr.contains(".centricity-"),
        "no staging path: {stderr}"
    );
    let leftovers = std::fs::read_dir(fixture.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".centricity-"))
        .count();
    assert_eq!(leftovers, 0, "no staging folder is left behind");
}

// ------------------------------------------------------------------------------------
// 5. Nothing opens in a spreadsheet as a formula.

/// Every cell of a CSV text: none may start a formula, unless it is a plain number.
fn formula_cells(csv_text: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(csv_text.as_bytes());
    let mut found = Vec::new();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            let starts = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            let number = cell.replace(',', ".").parse::<f64>().is_ok();
            if starts && !number {
                found.push(cell.to_string());
            }
        }
    }
    found
}

#[test]
fn the_comments_export_neutralises_formulas_and_keeps_numbers() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/self/s3.toml",
        &format!(
            "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"self\"\nrespondent = \"s3\"\n\n[answers]\nr1 = 3\n\n[comments]\nr1 = \"{}\"\nr2 = \"@SUM(1+1)\"\nc1 = \"-3.5\"\nc2 = \"- a bullet\"\nnps = \"+41 44 000 00 00\"\n",
            FORMULA
        ),
    );
    let run = fixture.run("comments", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv_text = run.stdout;
    assert_eq!(formula_cells(&csv_text, b','), Vec::<String>::new());
    for neutralised in [
        "'=cmd|' /C calc'!A0",
        "'@SUM(1+1)",
        "'- a bullet",
        "'+41 44 000 00 00",
    ] {
        assert!(csv_text.contains(neutralised), "{neutralised}: {csv_text}");
    }
    assert!(csv_text.contains(",-3.5\r\n"), "a number stays: {csv_text}");
}

#[test]
fn the_score_csv_neutralises_ids_and_keeps_negative_numbers() {
    let fixture = Fixture::new();
    // an id may start with `-`: a spreadsheet would read it as a formula
    fixture.write(
        "questionnaire.toml",
        &common::MINI.replace("\"reach\"", "\"-reach\""),
    );
    assert_eq!(fixture.run("validate", &[]).code, 0);
    for (delimiter, byte) in [(",", b','), (";", b';'), ("tab", b'\t')] {
        let run = fixture.run("score", &["--format", "csv", "--delimiter", delimiter]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(formula_cells(&run.stdout, byte), Vec::<String>::new());
        let sep = byte as char;
        assert!(
            run.stdout
                .contains(&format!("dimension{sep}'-reach{sep}'-reach{sep}")),
            "{}",
            run.stdout
        );
        // the gaps of this fixture are negative numbers, written as numbers
        let negative = format!("{sep}-");
        assert!(run.stdout.contains(&negative), "{}", run.stdout);
    }
}

/// The report's HTML escaping of a text (tera's: `& < > " ' /`).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2F;")
}

#[test]
fn a_formula_comment_round_trips_through_import_and_report() {
    let fixture = Fixture::new();
    let out = fixture.file("answers/imported.csv");
    let export = format!("id,Frage 1,Kommentar\n1,4,\"{FORMULA}\"\n2,-,@x\n-3,3,+1\n");
    let mut values = mapping();
    values = values.replace(
        "\n\n[[items]]",
        "\n[values]\n\"-\" = \"na\"\n\"3\" = 3\n\"4\" = 4\n\n[[items]]",
    );
    values = values.replace(", prefix = \"i-\"", "");
    fixture.write("map.toml", &values);
    fixture.write("export.csv", &export);
    let run = run_briefly(&[
        "import",
        path(&fixture.file("export.csv")),
        "--mapping",
        path(&fixture.file("map.toml")),
        "-o",
        path(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = std::fs::read_to_string(&out).unwrap();
    assert_eq!(formula_cells(&table, b','), Vec::<String>::new(), "{table}");
    assert!(table.contains(&format!(",'{FORMULA}\n")), "{table}");
    assert!(table.contains(",'@x\n"), "{table}");
    assert!(
        table.contains("\n-3,customer,3,+1\n"),
        "numbers stay: {table}"
    );

    // read back: the `'` is gone again, in the report and in the comments export
    let validate = fixture.run("validate", &[]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    let html = fixture.file("report.html");
    let report = fixture.run("report", &["-o", path(&html)]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains(&escaped(FORMULA)), "the comment is shown");
    assert!(
        !html.contains(&escaped(&format!("'{FORMULA}"))),
        "the comment is shown as it was written, without the quote"
    );
    let comments = fixture.run("comments", &[]);
    assert!(
        comments.stdout.contains(&format!(",'{FORMULA}\r\n")),
        "{}",
        comments.stdout
    );
    assert!(!comments.stdout.contains("''"), "{}", comments.stdout);
}

// ------------------------------------------------------------------------------------
// 6. Hidden folders are skipped, and said so; nothing is skipped silently.

#[test]
fn hidden_folders_and_files_are_skipped_with_a_warning() {
    let fixture = Fixture::new();
    // a broken answer file in a hidden folder would fail validation if it were read
    fixture.write("answers/.git/objects/broken.toml", "this is = not [ toml");
    fixture.write("answers/.git/config.csv", "not,a,table\n");
    fixture.write("answers/self/.draft.toml", "broken = [");
    fixture.write("answers/notes.txt", "ideas");
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warning = |name: &str, words: &str| {
        let found = run
            .stderr
            .lines()
            .any(|l| l.contains("warning") && l.contains(name) && l.contains(words));
        assert!(
            found,
            "a warning about {name} saying {words:?}: {}",
            run.stderr
        );
    };
    warning("answers/.git", "skipped the hidden folder");
    warning("answers/self/.draft.toml", "skipped the hidden file");
    warning("answers/notes.txt", "not read");
    assert!(
        !run.stderr.contains("broken.toml") && !run.stderr.contains("config.csv"),
        "nothing inside a hidden folder is read or named: {}",
        run.stderr
    );
    assert!(run.stdout.contains("3 files"), "{}", run.stdout);
}

#[test]
fn a_pipe_under_answers_is_named_not_read() {
    let fixture = Fixture::new();
    mkfifo(&fixture.file("answers/pipe.toml"));
    let run = run_briefly(&["validate", path(fixture.path())]);
    assert_eq!(run.code, 1, "a FIFO is refused: {}", run.stderr);
    assert!(
        run.stderr
            .contains("a FIFO, device or socket is never read"),
        "{}",
        run.stderr
    );
}
