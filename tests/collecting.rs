//! Getting answers in: blank answer files, survey-tool imports, diagnostics.

mod common;

use common::{run, Fixture};
use serde_json::Value;

fn score(fixture: &Fixture) -> Value {
    let run = fixture.run("score", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_filled_template_validates_and_scores_like_a_hand_written_file() {
    let fixture = Fixture::new();
    let blank = fixture.run("template", &["--perspective", "customer", "--lang", "en"]);
    assert_eq!(blank.code, 0, "{}", blank.stderr);
    let text = blank.stdout;
    // every question of the perspective, with its wording, and no self-only item
    for (id, wording) in [
        ("r1", "I reach them."),
        ("r2", "I was passed on."),
        ("c1", "I am advised well."),
        ("nps", "Recommend?"),
    ] {
        assert!(
            text.contains(&format!("\"{id}\" =\n")),
            "{id} is there to fill"
        );
        assert!(text.contains(wording), "{wording}");
    }
    assert!(!text.contains("\"c2\""), "c2 is asked of staff only");
    assert!(text.contains("1 = 1, 2 = 2"), "the scale is explained");

    // As it comes, only the respondent id is missing.
    fixture.write("answers/template.toml", &text);
    let unfilled = fixture.run("validate", &[]);
    unfilled.fails_at("template.toml", 13, "`respondent` is empty");
    assert!(
        unfilled.stderr.contains("1 problem found"),
        "{}",
        unfilled.stderr
    );

    // Filled in part, it counts like the same answers written by hand.
    let filled = text
        .replace("respondent = \"\"", "respondent = \"k9\"")
        .replace("\"r1\" =\n", "\"r1\" = 5\n")
        .replace("\"nps\" =\n", "\"nps\" = 10\n")
        .replace(
            "[comments]\n",
            "[comments]\n\"r1\" = \"Immer erreichbar.\"\n",
        );
    fixture.write("answers/template.toml", &filled);
    let by_template = score(&fixture);
    fixture.write(
        "answers/template.toml",
        "questionnaire = \"mini\"\nquestionnaire_version = \"2.1.0\"\nperspective = \"customer\"\nrespondent = \"k9\"\n[answers]\nr1 = 5\nnps = 10\n[comments]\nr1 = \"Immer erreichbar.\"\n",
    );
    let by_hand = score(&fixture);
    assert_eq!(by_template, by_hand);
    assert_eq!(by_template["respondents"]["customer"], 4);
}

#[test]
fn a_template_never_overwrites_a_file() {
    let fixture = Fixture::new();
    let out = fixture.file("answers/self/s1.toml");
    let run = fixture.run(
        "template",
        &["--perspective", "self", "-o", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("never overwrites"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(out).unwrap(), common::SELF_1);
}

#[test]
fn a_template_for_staff_has_the_staff_wording_in_german() {
    let fixture = Fixture::new();
    let out = fixture.file("blank-self.toml");
    let made = fixture.run(
        "template",
        &["--perspective", "self", "-o", out.to_str().unwrap()],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let text = std::fs::read_to_string(out).unwrap();
    assert!(text.contains("# Wir schulen uns.\n\"c2\" ="), "{text}");
    assert!(text.contains("perspective = \"self\""));
    assert!(text.contains("So füllen Sie aus"));
    assert_eq!(
        run(&["template", "x", "--perspective", "kunde"]).code,
        2,
        "a usage error"
    );
}
