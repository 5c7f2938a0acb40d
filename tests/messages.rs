//! Messages that lead somewhere: each says what is wrong, where, and what to do, and a run
//! says everything it can find at once.

mod common;

use common::{run, Fixture};

// 1. A folder inside an assessment, or its assessment.toml, names the assessment.

#[test]
fn the_answers_folder_names_its_assessment() {
    let fixture = Fixture::new();
    let dir = fixture.path().to_str().unwrap().to_string();
    let answers = fixture.file("answers");
    for command in ["report", "validate"] {
        let seen = run(&[command, answers.to_str().unwrap()]);
        assert_eq!(seen.code, 1, "{}", seen.stderr);
        assert!(
            seen.stderr.contains(&format!(
                "is the answers folder of the assessment `{dir}`: run `centricity {command} {dir}`"
            )),
            "{}",
            seen.stderr
        );
        assert!(!seen.stderr.contains("centricity init"), "{}", seen.stderr);
    }
}

#[test]
fn assessment_toml_given_as_the_folder_names_its_assessment() {
    let fixture = Fixture::new();
    let dir = fixture.path().to_str().unwrap().to_string();
    let settings = fixture.file("assessment.toml");
    let seen = run(&["report", settings.to_str().unwrap()]);
    assert_eq!(seen.code, 1, "{}", seen.stderr);
    assert!(
        seen.stderr
            .contains(&format!("the settings file of the assessment `{dir}`")),
        "{}",
        seen.stderr
    );
    assert!(
        seen.stderr
            .contains(&format!("run `centricity report {dir}`")),
        "{}",
        seen.stderr
    );
    assert!(!seen.stderr.contains("centricity init"), "{}", seen.stderr);
}

#[test]
fn a_folder_outside_any_assessment_still_suggests_init() {
    let empty = tempfile::tempdir().unwrap();
    let seen = run(&["validate", empty.path().to_str().unwrap()]);
    assert!(seen.stderr.contains("centricity init"), "{}", seen.stderr);
}

// 2. Every problem of assessment.toml in one run.

#[test]
fn every_problem_of_assessment_toml_at_once() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        "wave = \"2026\"\n\
         date = 2026-11-15\n\
         consultent = \"Beispiel Consulting\"\n\
         language = \"de\"\n\
         questionnaire = \"questionnaire.toml\"\n\
         min_grup_size = 5\n\
         \n\
         [branding]\n\
         accent = \"red\"\n",
    );
    let seen = fixture.run("validate", &[]);
    seen.fails_at(
        "assessment.toml",
        1,
        "missing field `client`: add a line like `client = \"Muster AG\"`",
    );
    seen.fails_at("assessment.toml", 3, "did you mean `consultant`?");
    seen.fails_at("assessment.toml", 6, "did you mean `min_group_size`?");
    seen.fails_at("assessment.toml", 9, "`accent` must be a colour");
}

// 4. Answers TOML cannot read are named, all of them, in plain words.

#[test]
fn unreadable_answers_say_what_an_answer_is_all_at_once() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/self/s3.toml",
        "questionnaire = \"mini\"\n\
         questionnaire_version = \"2.0.0\"\n\
         perspective = \"self\"\n\
         respondent = \"s3\"\n\
         \n\
         [answers]\n\
         r1 = 4,5\n\
         r2 = vier\n\
         c1 = \"vier\"\n\
         c2 = 9\n",
    );
    let seen = fixture.run("validate", &[]);
    let what = "an answer is a whole number from 1 to 5, or \"na\"";
    seen.fails_at(
        "s3.toml",
        7,
        &format!("`r1` is 4,5, not a whole number: {what}"),
    );
    seen.fails_at("s3.toml", 8, &format!("`r2` is vier: {what}"));
    seen.fails_at("s3.toml", 9, "`c1` is \"vier\", which is not a number");
    seen.fails_at("s3.toml", 10, "`c2` is 9, outside the scale");
    assert!(!seen.stderr.contains("expected newline"), "{}", seen.stderr);
}

// 3. An answer table saved by Excel reads like an export: encoding, delimiter, dates.

#[test]
fn an_excel_table_reads_like_its_utf8_twin() {
    let utf8 = Fixture::new();
    let table = "respondent,perspective,group,date,r1,r2,c1,nps,comment:r1\n\
                 k1,customer,Privat,2026-11-19,2,4,5,3,Die Hotline ist nie besetzt – schade\n\
                 k2,customer,Privat,2026-11-20,3,,4,10,Größer wäre schöner\n\
                 k3,customer,Firma,2026-01-02,1,5,na,6,Nie erreichbar.\n";
    utf8.write("answers/customers.csv", table);

    let excel = Fixture::new();
    let semicolons = table
        .replace(',', ";")
        .replace("2026-11-19", "19.11.2026")
        .replace("2026-11-20", "20.11.2026")
        .replace("2026-01-02", "2.1.2026");
    let text = semicolons.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    std::fs::write(excel.file("answers/customers.csv"), &bytes).unwrap();

    let seen = excel.run("validate", &[]);
    assert_eq!(seen.code, 0, "{}", seen.stderr);
    let twin = utf8.run("score", &["--format", "json"]);
    let scored = excel.run("score", &["--format", "json"]);
    assert_eq!(scored.code, 0, "{}", scored.stderr);
    assert_eq!(scored.stdout, twin.stdout);
    let comments = excel.run("comments", &[]);
    assert!(
        comments.stdout.contains("Größer wäre schöner"),
        "{}",
        comments.stdout
    );
}

#[test]
fn an_ambiguous_date_in_a_table_says_which_dates_are_taken() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        "respondent;perspective;date;r1\nk1;customer;01/02/2026;2\nk2;customer;19.11.2026;3\n",
    );
    let seen = fixture.run("validate", &[]);
    seen.fails_at("customers.csv", 2, "not a date as yyyy-mm-dd or dd.mm.yyyy");
    seen.fails_at("customers.csv", 2, "month first or day first");
    assert_eq!(seen.problems().len(), 1, "{}", seen.stderr);
}

#[test]
fn a_table_in_windows_1252_places_its_problems_in_the_decoded_text() {
    let fixture = Fixture::new();
    let text = "respondent;perspective;group;r1\nk1;customer;Bäckerei;2\nk2;customer;Müller;7\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(fixture.file("answers/customers.csv"), &bytes).unwrap();
    let seen = fixture.run("validate", &[]);
    seen.fails_at("customers.csv", 3, "the answer to `r1` is 7");
    assert!(
        seen.stderr.contains("customers.csv:3:20"),
        "{}",
        seen.stderr
    );
}

// 5. Mappings: a comment found by its question, the closest headers, a date column once.

const MAPPING: &str = r#"questionnaire = "questionnaire.toml"
perspective = "customer"
respondent = { column = "ID" }
date = { column = "Datum"DATE_FORMAT }
ignore_other_columns = true

[[items]]
item = "r1"
question = "QUESTION"
comment = { question = "Kommentar zur Erreichbarkeit" }
"#;

/// An export of `rows` rows with day-first dates, and a mapping of it (with `question` for
/// the item and `format` for the date), imported.
fn import(rows: usize, question: &str, format: &str) -> (Fixture, common::Run) {
    let fixture = Fixture::new();
    let mut export =
        "ID;Wie gut erreichen Sie uns?;Kommentar zur Erreichbarkeit (freiwillig);Datum\n"
            .to_string();
    for i in 1..=rows {
        export += &format!("{i};4;Kommentar {i};{}.11.2026\n", i % 28 + 1);
    }
    fixture.write("export.csv", &export);
    let format = match format {
        "" => String::new(),
        f => format!(", format = \"{f}\""),
    };
    fixture.write(
        "mapping.toml",
        &MAPPING
            .replace("DATE_FORMAT", &format)
            .replace("QUESTION", question),
    );
    let seen = run(&[
        "import",
        fixture.file("export.csv").to_str().unwrap(),
        "--mapping",
        fixture.file("mapping.toml").to_str().unwrap(),
        "-o",
        fixture.file("answers/imported.csv").to_str().unwrap(),
    ]);
    (fixture, seen)
}

#[test]
fn a_comment_column_is_found_by_its_question() {
    let (fixture, seen) = import(3, "Wie gut erreichen Sie uns", "dd.mm.yyyy");
    assert_eq!(seen.code, 0, "{}", seen.stderr);
    let table = std::fs::read_to_string(fixture.file("answers/imported.csv")).unwrap();
    assert!(table.contains("comment:r1"), "{table}");
    assert!(table.contains("Kommentar 2"), "{table}");
}

#[test]
fn a_question_no_header_contains_names_the_closest_headers() {
    let (_, seen) = import(3, "Wie gut erreichen Sie unss", "dd.mm.yyyy");
    seen.fails_at(
        "mapping.toml",
        9,
        "no column of the export contains the question \"Wie gut erreichen Sie unss\"",
    );
    seen.fails_at(
        "mapping.toml",
        9,
        "the closest headers: \"Wie gut erreichen Sie uns?\"",
    );
}

#[test]
fn a_date_column_in_another_format_is_one_problem_with_the_format() {
    let (_, seen) = import(40, "Wie gut erreichen Sie uns", "");
    seen.fails_at(
        "export.csv",
        2,
        "`2.11.2026` is not a date as yyyy-mm-dd, nor is any of the other 39 values of the column `Datum`",
    );
    seen.fails_at(
        "export.csv",
        2,
        "write format = \"dd.mm.yyyy\" in the mapping's `date`",
    );
    assert_eq!(seen.problems().len(), 1, "{}", seen.stderr);
}

/// `init` run on the answers folder (as an old message advised) leaves an assessment.toml
/// among the answers: it is named for what it is, not parsed as a broken answer file.
#[test]
fn an_assessment_toml_among_the_answers_is_named_for_what_it_is() {
    let fixture = Fixture::new();
    fixture.write("answers/assessment.toml", common::ASSESSMENT);
    fixture.run("validate", &[]).fails_at_file(
        "answers/assessment.toml",
        "an assessment.toml inside the answers folder is not an answer file",
    );
}

/// `date = 25.11.2026`, as people write dates, reads as a broken number to TOML: the message
/// says how to write the date, not "invalid float".
#[test]
fn a_dotted_date_says_how_to_write_a_date() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &common::ASSESSMENT.replace("date = 2026-11-15", "date = 25.11.2026"),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "assessment.toml",
        3,
        "`25.11.2026` is not a date TOML reads (write it as 2026-11-25: year-month-day, without quotes)",
    );
    assert!(!run.stderr.contains("invalid float"), "{}", run.stderr);
}
