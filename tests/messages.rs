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
        "missing `client`: add a line like `client = \"Muster AG\"`",
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
