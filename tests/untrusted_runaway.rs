//! Nothing runs away: bounded problems per table, short messages about huge headers, a
//! row that never ends is an error, a report with 30,000 groups stays printable, texts stay
//! on one line in the blank answer file, and no NUL character gets through.

mod common;

use std::fmt::Write;

use common::{run, Fixture, ASSESSMENT};

/// `import` of `export.csv` with `mapping.toml`, both in `dir`, to `out`.
fn import(dir: &std::path::Path, out: &std::path::Path) -> common::Run {
    run(&[
        "import",
        dir.join("export.csv").to_str().unwrap(),
        "--mapping",
        dir.join("mapping.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn thirty_thousand_groups_leave_a_report_a_browser_can_print() {
    let fixture = Fixture::new();
    let mut csv = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    for g in 0..30_000 {
        for k in 0..5 {
            let _ = writeln!(
                csv,
                "g{g}k{k},customer,Filiale {g},{},3,4,8",
                1 + (g + k) % 5
            );
        }
    }
    fixture.write("answers/customers.csv", &csv);
    let out = fixture.file("report.html");
    let made = fixture.run("report", &["-o", out.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.len() < 400_000, "the report is {} bytes", html.len());
    assert!(
        html.contains("The table shows the 40 largest groups; 29960 more are in the scores"),
        "says how many more"
    );
    // the JSON keeps every group
    let json = fixture.run("score", &["--format", "json"]);
    let scores: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        scores["groups"]["customer"].as_array().unwrap().len(),
        30_000
    );
}

#[test]
fn problems_per_table_are_bounded_and_counted() {
    let fixture = Fixture::new();
    let mut csv = String::from("respondent,perspective,r1\n");
    for k in 0..3_000 {
        let _ = writeln!(csv, "x{k},customer,9");
    }
    fixture.write("answers/customers.csv", &csv);
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("2000 more problems in this table are counted but not listed"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_row_that_never_ends_is_an_error() {
    let fixture = Fixture::new();
    let mut line = String::with_capacity(66 * 1024 * 1024);
    line.push_str("respondent,perspective");
    while line.len() < 65 * 1024 * 1024 {
        line.push_str(",xxxxxxxxxxxxxxx");
    }
    line.push('\n');
    fixture.write("answers/customers.csv", &line);
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("a row longer than 64 MB"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
}

#[test]
fn a_header_of_many_columns_gives_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut export = String::from("id");
    for c in 0..100_000 {
        let _ = write!(export, ",Spalte {c}");
    }
    export.push_str("\nr1");
    export.push_str(&",1".repeat(100_000));
    export.push('\n');
    std::fs::write(dir.path().join("export.csv"), &export).unwrap();
    std::fs::write(
        dir.path().join("mapping.toml"),
        "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\n\n[[items]]\nitem = \"reach.hours\"\ncolumn = \"Spalte X\"\n",
    )
    .unwrap();
    let out = dir.path().join("answers.csv");
    let run = import(dir.path(), &out);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.len() < 4_000,
        "{} bytes of messages",
        run.stderr.len()
    );
    assert!(run.stderr.contains("more"), "{}", run.stderr);
}

/// A client name with a line break must not become live TOML in the blank answer file.
#[test]
fn texts_stay_on_one_line_in_the_blank_answer_file() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &ASSESSMENT.replace(
            "client = \"Muster & Söhne <AG>\"",
            "client = \"Muster AG\\nrespondent = \\\"injected\\\"\\u0007\"",
        ),
    );
    let run = fixture.run("template", &["--perspective", "customer"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout
            .lines()
            .any(|l| l.starts_with("respondent = \"injected\"")),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("# Muster AG respondent = \"injected\" "));
    assert!(
        toml::from_str::<toml::Table>(&run.stdout.replace("\" =\n", "\" = 3\n")).is_ok(),
        "the filled template is valid TOML"
    );
}

#[test]
fn no_nul_character_gets_through() {
    // written as a TOML escape in an answer file's comment
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"customer\"\nrespondent = \"x1\"\n[comments]\nr1 = \"gut\\u0000\"\n",
    );
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 6, "a NUL character");
    // as a raw byte in the summary
    let fixture = Fixture::new();
    fixture.write("summary.md", "Gut\0gemacht");
    fixture.write(
        "assessment.toml",
        &format!("{ASSESSMENT}summary = \"summary.md\"\n"),
    );
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 8, "NUL character");
    // in the client's name
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &ASSESSMENT.replace("Muster & Söhne <AG>", "Muster\\u0000AG"),
    );
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 1, "a NUL character");
    // in a survey export
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("export.csv"), "id,hours\nr1,\"4\0\"\n").unwrap();
    std::fs::write(
        dir.path().join("mapping.toml"),
        "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\n\n[[items]]\nitem = \"reach.hours\"\ncolumn = \"hours\"\n",
    )
    .unwrap();
    let out = dir.path().join("answers.csv");
    let run = import(dir.path(), &out);
    run.fails_at("export.csv", 2, "NUL character");
    assert!(!out.exists());
}
