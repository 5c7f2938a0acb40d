//! The real binary on small assessments: every command, every class of bad input.

mod common;

use std::path::Path;

use common::{run, Fixture};
use serde_json::Value;

fn json(fixture: &Fixture) -> Value {
    let run = fixture.run("score", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("score --format json prints JSON")
}

fn close(value: &Value, expected: f64) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("a number, found {value}"));
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, found {actual}"
    );
}

// ------------------------------------------------------------------------------------
// Scores, computed by hand for the fixture in tests/common.rs.

#[test]
fn score_json_matches_the_hand_computed_values() {
    let fixture = Fixture::new();
    let doc = json(&fixture);
    assert_eq!(doc["schema"], "centricity.scores/1");
    assert_eq!(doc["questionnaire"]["id"], "mini");
    assert_eq!(doc["questionnaire"]["version"], "2.1.0");
    assert_eq!(doc["assessment"]["client"], "Muster & Söhne <AG>");
    assert_eq!(doc["respondents"]["self"], 2);
    assert_eq!(doc["respondents"]["customer"], 3);

    // reach, self: s1 (5 + rev 1→5)/2 = 5, s2 (4 + rev 2→4)/2 = 4 → 4.5 → 87.5
    let reach = &doc["dimensions"][0];
    assert_eq!(reach["id"], "reach");
    assert_eq!(reach["self"]["n"], 2);
    close(&reach["self"]["mean"], 4.5);
    close(&reach["self"]["score"], 87.5);
    close(&reach["self"]["sd"], 0.5f64.sqrt() * 25.0);
    // reach, customer: k1 (2 + rev 4→2)/2 = 2; k2 answered r1 only (half counts) = 3;
    // k3 (1 + rev 5→1)/2 = 1 → 2 → 25
    assert_eq!(reach["customer"]["n"], 3);
    close(&reach["customer"]["score"], 25.0);
    close(&reach["gap"], 62.5);
    assert_eq!(reach["band"], "severe");

    // comp, self: s1 (4+4)/2 = 4; s2 c1 "na", c2 3 → half answered → 3 → 3.5 → 62.5
    // comp, customer (c1 only): 5, 4, and k3 "na" left out → 4.5 → 87.5
    let comp = &doc["dimensions"][1];
    close(&comp["self"]["score"], 62.5);
    assert_eq!(comp["customer"]["n"], 2);
    close(&comp["customer"]["score"], 87.5);
    close(&comp["gap"], -25.0);
    assert_eq!(comp["band"], "high");

    close(&doc["overall"]["self"]["score"], 75.0);
    assert_eq!(doc["overall"]["self"]["level"], 2);
    close(&doc["overall"]["customer"]["score"], 56.25);
    close(&doc["overall"]["gap"], 18.75);

    // r2 is reverse-keyed: counts are raw answers, the mean is on reversed values
    let r2 = &doc["items"][1];
    assert_eq!(r2["id"], "r2");
    assert_eq!(r2["customer"]["counts"], serde_json::json!([0, 0, 0, 1, 1]));
    assert_eq!(r2["customer"]["missing"], 1);
    close(&r2["customer"]["mean"], 1.5);
    let c1 = &doc["items"][2];
    assert_eq!(c1["self"]["na"], 1);
    close(&c1["gap"], -12.5);
    assert_eq!(c1["band"], "moderate");
    // c2 is asked of the company only
    let c2 = &doc["items"][3];
    assert_eq!(c2["customer"], Value::Null);
    assert_eq!(c2["gap"], Value::Null);
    assert_eq!(c2["phase"], "use");

    // NPS: self 9, 7 → 50; customers 3, 10, 6 → (1 − 2)/3
    close(&doc["nps"]["self"]["score"], 50.0);
    assert_eq!(doc["nps"]["customer"]["detractors"], 2);
    close(&doc["nps"]["customer"]["score"], -100.0 / 3.0);
}

#[test]
fn a_perspective_without_respondents_gives_null() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.file("answers/customers.csv")).unwrap();
    let doc = json(&fixture);
    assert_eq!(doc["respondents"]["customer"], 0);
    assert_eq!(doc["overall"]["customer"]["score"], Value::Null);
    assert_eq!(doc["overall"]["gap"], Value::Null);
    assert_eq!(doc["dimensions"][0]["customer"]["mean"], Value::Null);
    assert_eq!(doc["dimensions"][0]["customer"]["sd"], Value::Null);
    assert_eq!(doc["nps"]["customer"]["score"], Value::Null);
}

#[test]
fn small_groups_never_appear_by_name() {
    // Verkauf has 1 respondent, Privat 2, Firma 1; the minimum is 5.
    let fixture = Fixture::new();
    let doc = json(&fixture);
    let html = report(&fixture, &[]);
    let text = serde_json::to_string(&doc).unwrap();
    for name in ["Verkauf", "Privat", "Firma"] {
        assert!(!text.contains(name), "{name} in the JSON");
        assert!(!html.contains(name), "{name} in the report");
    }
    let customer_groups = doc["groups"]["customer"].as_array().unwrap();
    assert_eq!(customer_groups.len(), 1);
    assert_eq!(customer_groups[0]["name"], "other");
    assert_eq!(customer_groups[0]["pooled"], 2);
    assert_eq!(
        customer_groups[0]["n"],
        Value::Null,
        "a pool of 3 is still too small"
    );
    assert_eq!(customer_groups[0]["dimensions"][0]["score"], Value::Null);
}

#[test]
fn score_table_shows_dimensions_gaps_and_levels() {
    let fixture = Fixture::new();
    let run = fixture.run("score", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("reach"), "{}", run.stdout);
    assert!(run.stdout.contains("87.5"), "{}", run.stdout);
    assert!(run.stdout.contains("+62.5"), "{}", run.stdout);
    // the fixture's language is German, and so is the table
    assert!(
        run.stdout.contains("blinder Fleck, gravierend"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("verborgene Stärke, hoch"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2 Hoch"), "{}", run.stdout);
}

// ------------------------------------------------------------------------------------
// Commands.

#[test]
fn validate_counts_files_and_respondents() {
    let fixture = Fixture::new();
    fixture.write("answers/notes.txt", "not an answer file");
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("3 files, 5 respondents (2 self, 3 customer), 0 problems"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("notes.txt: not read"),
        "skipped files are named: {}",
        run.stderr
    );
}

#[test]
fn init_creates_an_assessment_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("acme-2026");
    let target = target.to_str().unwrap();
    let first = run(&[
        "init",
        target,
        "--client",
        "Acme \"Velos\" AG",
        "--lang",
        "en",
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let text = std::fs::read_to_string(dir.path().join("acme-2026/assessment.toml")).unwrap();
    let written: toml::Table = toml::from_str(&text).expect("init writes valid TOML");
    assert_eq!(written["client"].as_str(), Some("Acme \"Velos\" AG"));
    assert_eq!(written["language"].as_str(), Some("en"));
    assert!(dir.path().join("acme-2026/answers").is_dir());

    // The new folder is valid as it is, but has no answers yet.
    let validate = run(&["validate", target]);
    validate.fails_at_file("answers", "no answer files found");

    std::fs::write(
        dir.path().join("acme-2026/assessment.toml"),
        "client = \"mine\"",
    )
    .unwrap();
    let second = run(&["init", target]);
    assert_eq!(second.code, 1);
    assert!(
        second.stderr.contains("already exists"),
        "{}",
        second.stderr
    );
    let kept = std::fs::read_to_string(dir.path().join("acme-2026/assessment.toml")).unwrap();
    assert_eq!(kept, "client = \"mine\"");
}

#[test]
fn init_copies_a_questionnaire_given_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("mine.toml");
    std::fs::write(&q, common::MINI).unwrap();
    let target = dir.path().join("a");
    let init = run(&[
        "init",
        target.to_str().unwrap(),
        "--questionnaire",
        q.to_str().unwrap(),
    ]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let copy = std::fs::read_to_string(target.join("questionnaire.toml")).unwrap();
    assert_eq!(copy, common::MINI);
    let text = std::fs::read_to_string(target.join("assessment.toml")).unwrap();
    assert!(
        text.contains(r#"questionnaire = "questionnaire.toml""#),
        "{text}"
    );
}

#[test]
fn questionnaires_lists_the_built_in_one() {
    let run = run(&["questionnaires"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("customer-centricity  version 1.0.0  5 dimensions"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Reifegrad Kundenzentrierung"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(run(&["score"]).code, 2);
    assert_eq!(run(&["score", ".", "--format", "xml"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    for command in ["init", "validate", "score", "report", "questionnaires"] {
        assert!(help.stdout.contains(command), "{command} in --help");
    }
}

#[test]
fn a_folder_that_is_no_assessment_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let run = run(&["score", dir.path().to_str().unwrap()]);
    run.fails_at_file("assessment.toml", "not an assessment folder");
}

// ------------------------------------------------------------------------------------
// The report.

fn report(fixture: &Fixture, more: &[&str]) -> String {
    let out = fixture.file("out/report.html");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut args = vec!["-o", out.to_str().unwrap()];
    args.extend_from_slice(more);
    let run = fixture.run("report", &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_report_shows_dimensions_scores_and_comments() {
    let fixture = Fixture::new();
    let html = report(&fixture, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="de">"#));
    for name in ["Erreichbarkeit", "Kompetenz"] {
        assert!(html.contains(name), "{name}");
    }
    // scores as displayed in German: reach 87,5 / 25,0, gap +62,5; overall 75,0 / 56,3
    for shown in [
        "87,5",
        "25,0",
        "+62,5",
        "75,0",
        "56,3",
        "−25,0",
        "15. November 2026",
    ] {
        assert!(html.contains(shown), "{shown} in the report");
    }
    // the recommendation for the level the customer view reaches: reach 25 → level 1
    assert!(html.contains("Mehr Telefon."));
    // comments, and no respondent id anywhere
    assert!(html.contains("Nie erreichbar."));
    assert!(html.contains("Wir könnten mehr schulen."));
    assert!(
        !html.contains(">k3<") && !html.contains("s1"),
        "respondent ids stay out"
    );
}

#[test]
fn the_report_escapes_everything_from_answer_files() {
    let fixture = Fixture::new();
    let html = report(&fixture, &[]);
    assert!(
        !html.contains("<script>alert"),
        "a comment's script arrives escaped"
    );
    assert!(
        html.contains("&lt;script&gt;alert("),
        "the comment is still shown"
    );
    assert!(
        html.contains("Muster &amp; Söhne &lt;AG&gt;"),
        "the client name is escaped"
    );
    assert!(!html.contains("<AG>"));
}

#[test]
fn the_report_renders_markdown_without_raw_html() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!("{}summary = \"summary.md\"\n", common::ASSESSMENT),
    );
    fixture.write(
        "summary.md",
        "## Kernaussage\n\nDie **Erreichbarkeit** leidet.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
    );
    let html = report(&fixture, &[]);
    assert!(html.contains("<strong>Erreichbarkeit</strong>"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("javascript:"));
}

#[test]
fn the_report_is_self_contained_and_the_same_every_time() {
    let fixture = Fixture::new();
    let first = report(&fixture, &[]);
    let second = report(&fixture, &[]);
    assert_eq!(first, second, "same inputs, same bytes");
    for forbidden in [
        "<script",
        "src=\"http",
        "href=\"http",
        "url(http",
        "@import",
    ] {
        assert!(!first.contains(forbidden), "{forbidden} in the report");
    }
    assert!(first.contains("<svg"), "charts are inline SVG");
}

#[test]
fn the_report_speaks_english_on_request() {
    let fixture = Fixture::new();
    let html = report(&fixture, &["--lang", "en"]);
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains("Reachability") && html.contains("Self-view"));
    assert!(html.contains("87.5") && html.contains("15 November 2026"));
    assert!(
        !html.contains("Selbstbild"),
        "no German words of the report's own"
    );
}

#[test]
fn the_example_renders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("velo.html");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster");
    let run = run(&["report", example, "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.contains("Velo Muster AG"));
    assert!(
        html.contains("data:image/svg+xml;base64,"),
        "the logo is embedded"
    );
    assert_eq!(html.matches("class=\"dimension page\"").count(), 5);
}

#[test]
fn a_failed_report_leaves_the_previous_one_untouched() {
    let fixture = Fixture::new();
    let out = fixture.file("report.html");
    std::fs::write(&out, "the previous report").unwrap();
    fixture.write("answers/bad.toml", "perspective = ");
    let run = fixture.run("report", &["-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the previous report"
    );
}

// ------------------------------------------------------------------------------------
// Bad input: exit code 1 and a message naming the file and line.

fn answer_file(body: &str) -> String {
    format!(
        "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"customer\"\nrespondent = \"x1\"\n{body}"
    )
}

#[test]
fn an_unknown_item_id_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        &answer_file("[answers]\nr1 = 3\nr9 = 4\n"),
    );
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 7, "unknown item id `r9`");
}

#[test]
fn an_answer_outside_the_scale_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        &answer_file("[answers]\nr1 = 6\nnps = 11\n"),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at("x.toml", 6, "the answer to `r1` is 6, outside the scale (expected a whole number from 1 to 5 or \"na\"; were the answers given on 7 points?");
    run.fails_at(
        "x.toml",
        7,
        "the answer to `nps` is 11, outside the scale (expected a whole number from 0 to 10",
    );
}

#[test]
fn a_non_integer_answer_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        &answer_file("[answers]\nr1 = 4.5\nr2 = \"viel\"\n"),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at("x.toml", 6, "4.5, not a whole number");
    run.fails_at("x.toml", 7, "the answer to `r2` is \"viel\"");
}

#[test]
fn an_answer_to_an_item_not_asked_of_the_perspective_is_named() {
    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("[answers]\nc2 = 3\n"));
    fixture.run("validate", &[]).fails_at(
        "x.toml",
        6,
        "`c2` is not asked of the `customer` perspective",
    );
}

#[test]
fn an_unknown_perspective_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"kunde\"\nrespondent = \"x1\"\n",
    );
    fixture.run("validate", &[]).fails_at(
        "x.toml",
        3,
        "unknown perspective `kunde` (expected \"self\" for the company's people or \"customer\")",
    );
}

#[test]
fn a_duplicate_respondent_is_named_across_files() {
    let fixture = Fixture::new();
    fixture.write("answers/zz/dup.toml", &answer_file("").replace("x1", "k2"));
    fixture
        .run("validate", &[])
        .fails_at("dup.toml", 4, "respondent `k2` appears twice: first in");
    let run = fixture.run("validate", &[]);
    assert!(
        run.stderr.contains("customers.csv:3"),
        "names the first place: {}",
        run.stderr
    );
}

#[test]
fn a_wrong_questionnaire_version_is_named() {
    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("").replace("2.0.0", "1.4.0"));
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 2, "the major versions must match");
}

#[test]
fn unknown_keys_are_typos_not_silence() {
    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("grupe = \"Verkauf\"\n"));
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 5, "unknown field `grupe`");

    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!("{}langauge = \"en\"\n", common::ASSESSMENT),
    );
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 8, "unknown field `langauge`");

    let fixture = Fixture::new();
    fixture.write(
        "questionnaire.toml",
        &common::MINI.replace("allow_na = true", "allow_na = true\nallow_nan = true"),
    );
    fixture.run("validate", &[]).fails_at(
        "questionnaire.toml",
        12,
        "unknown field `allow_nan`, expected one of `min`, `max`, `labels`, `allow_na`",
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nrespondent = \"x1\"\n",
    );
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 1, "missing field `perspective`");
}

#[test]
fn a_questionnaire_text_missing_a_language_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "questionnaire.toml",
        &common::MINI.replace(
            "customer = { de = \"Ich erreiche sie.\", en = \"I reach them.\" }",
            "customer = { de = \"Ich erreiche sie.\" }",
        ),
    );
    fixture
        .run("validate", &[])
        .fails_at("questionnaire.toml", 40, "has no `en` text");
}

#[test]
fn duplicate_ids_in_the_questionnaire_are_named() {
    let fixture = Fixture::new();
    fixture.write(
        "questionnaire.toml",
        &common::MINI
            .replace("id = \"c1\"", "id = \"r1\"")
            .replace("id = \"comp\"", "id = \"reach\""),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "questionnaire.toml",
        30,
        "dimension id `reach` is used twice",
    );
    run.fails_at("questionnaire.toml", 51, "item id `r1` is used twice");
}

#[test]
fn an_item_naming_an_unknown_dimension_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "questionnaire.toml",
        &common::MINI.replace(
            "dimension = \"comp\"\nphase = \"use\"",
            "dimension = \"kompetenz\"\nphase = \"use\"",
        ),
    );
    fixture.run("validate", &[]).fails_at(
        "questionnaire.toml",
        59,
        "names dimension `kompetenz`, which is not defined (defined: comp, reach)",
    );
}

#[test]
fn levels_out_of_order_are_named() {
    let fixture = Fixture::new();
    fixture.write(
        "questionnaire.toml",
        &common::MINI.replace("min_score = 50", "min_score = 0"),
    );
    fixture.run("validate", &[]).fails_at(
        "questionnaire.toml",
        19,
        "levels must be in ascending `min_score` order",
    );
}

#[test]
fn a_csv_with_an_unknown_column_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &common::CUSTOMERS
            .replacen("nps,", "nps,segment,", 1)
            .replace("\n", ",x\n")
            .replacen(",x\n", "\n", 1),
    );
    fixture
        .run("validate", &[])
        .fails_at("customers.csv", 1, "unknown column `segment`");
}

#[test]
fn a_ragged_csv_row_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &format!("{}k4,customer,Privat,3\n", common::CUSTOMERS),
    );
    fixture.run("validate", &[]).fails_at(
        "customers.csv",
        5,
        "the row has 4 cells, but the header has 8 columns",
    );
}

#[test]
fn csv_cells_are_checked_with_their_column() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &format!("{}k4,customer,Privat,0,2.5,3,7,\n", common::CUSTOMERS),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "customers.csv",
        5,
        "the answer to `r1` is 0, outside the scale",
    );
    run.fails_at("customers.csv", 5, "2.5, not a whole number");
    assert!(
        run.stderr.contains("customers.csv:5:22"),
        "the cell `2.5` starts at character 22: {}",
        run.stderr
    );
}

#[test]
fn all_problems_of_a_run_are_reported_not_just_the_first() {
    let fixture = Fixture::new();
    fixture.write("answers/a.toml", &answer_file("[answers]\nr1 = 9\n"));
    fixture.write(
        "answers/b.toml",
        &answer_file("[answers]\nr1 = 2\nzz = 1\n").replace("x1", "x2"),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at("a.toml", 6, "outside the scale");
    run.fails_at("b.toml", 7, "unknown item id `zz`");
    assert!(
        run.stderr.contains("5 files, 5 respondents, 2 problems"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_toml_file_is_named_with_its_line() {
    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("[answers]\nr1 = 4 5\n"));
    let run = fixture.run("score", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("x.toml:6:"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "no scores from invalid input");
}

#[test]
fn invalid_branding_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!(
            "{}[branding]\naccent = \"red;}} body {{ x\"\nlogo = \"missing.svg\"\n",
            common::ASSESSMENT
        ),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at("assessment.toml", 9, "`accent` must be a colour like");
    run.fails_at("assessment.toml", 10, "`logo`: cannot read");
}

// ------------------------------------------------------------------------------------
// Found in review: each of these once went wrong.

fn builtin_fixture(csv: &str) -> Fixture {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &common::ASSESSMENT.replace("questionnaire.toml", "customer-centricity"),
    );
    std::fs::remove_dir_all(fixture.file("answers")).unwrap();
    fixture.write("answers/customers.csv", csv);
    fixture
}

#[test]
fn a_score_exactly_on_a_threshold_reaches_the_level() {
    // values 3.0, 1.6 and 5.0 (reach.transfers is reversed): mean 3.2, score exactly 55,
    // which is where level 3 begins; summed in floating point it comes out a hair below
    let csv = "respondent,perspective,reach.channels,reach.hours,reach.response-time,reach.right-person,reach.transfers\n\
c1,customer,3,3,3,3,3\n\
c2,customer,2,2,2,1,5\n\
c3,customer,5,5,5,5,1\n";
    let doc = json(&builtin_fixture(csv));
    close(&doc["dimensions"][0]["customer"]["score"], 55.0);
    assert_eq!(doc["dimensions"][0]["customer"]["level"], 3);
    assert_eq!(doc["overall"]["customer"]["level"], 3);
}

#[test]
fn csv_lines_are_counted_right_with_crlf_and_blank_lines() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        "respondent,perspective,r1\r\nk1,customer,3\r\n\r\nk2,customer,9\r\n",
    );
    fixture
        .run("validate", &[])
        .fails_at("customers.csv", 4, "the answer to `r1` is 9");
}

#[test]
fn one_digit_cells_are_checked_like_any_other() {
    // the reader stores a fitting one-digit answer straight away; every other digit still
    // meets the full check: off the scale, or asked only of the other side
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        "respondent,perspective,r1,c2,nps\nk1,customer,3,,0\nk2,customer,0,,10\nk3,customer,4,3,9\nk4,self,5,2,1\n",
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "customers.csv",
        3,
        "the answer to `r1` is 0, outside the scale",
    );
    run.fails_at(
        "customers.csv",
        4,
        "`c2` is not asked of the `customer` perspective",
    );
    assert_eq!(run.problems().len(), 2, "{}", run.stderr);
}

#[test]
fn an_unclosed_quote_is_an_error_not_a_swallowed_table() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        "respondent,perspective,r1,comment:r1\nk1,customer,4,\"sehr gut\nk2,customer,3,\nk3,customer,2,\n",
    );
    fixture
        .run("validate", &[])
        .fails_at("customers.csv", 2, "this quote is never closed");
}

#[test]
fn semicolon_tables_from_german_spreadsheets_are_read() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &common::CUSTOMERS
            .replace(',', ";")
            .replace("Hotline; immer", "Hotline, immer"),
    );
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("5 respondents"), "{}", run.stdout);
}

#[test]
fn messages_say_what_to_write_instead() {
    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("[answers]\nr1 = \"4\"\n"));
    fixture.run("validate", &[]).fails_at(
        "x.toml",
        6,
        "write the number without quotes: \"r1\" = 4",
    );

    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("").replace("2.0.0", "2.0"));
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 2, "must be MAJOR.MINOR.PATCH");

    let fixture = builtin_fixture("respondent,perspective\n");
    fixture.write(
        "answers/x.toml",
        "questionnaire = \"customer-centricity\"\nquestionnaire_version = \"1.0.0\"\nperspective = \"customer\"\nrespondent = \"x\"\n[answers]\nreach.hours = 4\n",
    );
    fixture
        .run("validate", &[])
        .fails_at("x.toml", 6, "write the key in quotes");

    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        &answer_file("[answers]\nr11 = 4\n").replace("x1", "x2"),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at("x.toml", 6, "unknown item id `r11` (did you mean `r1`?)");

    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &common::ASSESSMENT.replace("wave = \"2026\"", "wave = 2026"),
    );
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 2, "write the value in quotes");
}

#[test]
fn a_mistyped_built_in_questionnaire_is_named_in_assessment_toml() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &common::ASSESSMENT.replace("questionnaire.toml", "customer-centricty"),
    );
    fixture.run("validate", &[]).fails_at(
        "assessment.toml",
        6,
        "`questionnaire` is `customer-centricty` (did you mean `customer-centricity`?)",
    );
}

#[test]
fn problems_in_assessment_toml_do_not_hide_those_in_answer_files() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &common::ASSESSMENT.replace("min_group_size = 5", "min_group_size = 0"),
    );
    fixture.write("answers/x.toml", &answer_file("[answers]\nr1 = 9\n"));
    let run = fixture.run("validate", &[]);
    run.fails_at("assessment.toml", 7, "`min_group_size` must be 1 or more");
    run.fails_at("x.toml", 6, "outside the scale");
}

#[test]
fn an_unknown_perspective_does_not_stop_the_other_checks() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        &answer_file("[answers]\nr1 = 9\n").replace("\"customer\"", "\"kunde\""),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at("x.toml", 3, "unknown perspective `kunde`");
    run.fails_at("x.toml", 6, "outside the scale");
}

#[test]
fn a_closed_stderr_is_no_panic() {
    let fixture = Fixture::new();
    fixture.write("answers/x.toml", &answer_file("[answers]\nr1 = 9\n"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(["validate", fixture.path().to_str().unwrap()])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stderr.take()); // the reader goes away, as `| head` does
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn writing_into_a_missing_folder_names_the_folder() {
    let fixture = Fixture::new();
    let out = fixture.file("no/such/report.html");
    let run = fixture.run("report", &["-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("at path"),
        "no temporary file names: {}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_new_report_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let fixture = Fixture::new();
    report(&fixture, &[]);
    let mode = std::fs::metadata(fixture.file("out/report.html"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn a_table_without_rows_is_mentioned() {
    let fixture = Fixture::new();
    fixture.write("answers/empty.csv", "respondent,perspective,r1\n");
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("empty.csv: the table has a header but no respondents"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_absurd_scale_is_an_error_not_an_overflow() {
    let fixture = Fixture::new();
    fixture.write(
        "questionnaire.toml",
        &common::MINI.replace("min = 1", "min = -9223372036854775807"),
    );
    fixture
        .run("validate", &[])
        .fails_at("questionnaire.toml", 8, "between −100 and 100");
}

// ------------------------------------------------------------------------------------
// Own templates.

#[test]
fn own_templates_replace_the_shipped_ones_by_name() {
    let fixture = Fixture::new();
    fixture.write(
        "brand/style.css",
        "h1 { color: rebeccapurple; } /* Beispiel-Branding */\n",
    );
    fixture.write("brand/locale/de.toml", "summary = \"Auf einen Blick\"\n");
    let templates = fixture.file("brand");
    let html = report(&fixture, &["--templates", templates.to_str().unwrap()]);
    assert!(
        html.contains("Beispiel-Branding"),
        "the own style.css is used"
    );
    assert!(
        !html.contains("--hidden: #23743a"),
        "instead of the shipped one"
    );
    assert!(html.contains(">Auf einen Blick</h2>"), "an own word");
    assert!(html.contains("Selbstbild"), "the other words stay");
}

#[test]
fn a_broken_own_template_or_word_names_its_file() {
    let fixture = Fixture::new();
    fixture.write("brand/report.html", "<h1>{{ cover.client </h1>\n");
    let out = fixture.file("r.html");
    let run = fixture.run(
        "report",
        &[
            "-o",
            out.to_str().unwrap(),
            "--templates",
            fixture.file("brand").to_str().unwrap(),
        ],
    );
    run.fails_at_file("brand/report.html", "the template is broken");

    std::fs::remove_file(fixture.file("brand/report.html")).unwrap();
    fixture.write("brand/locale/de.toml", "sumary = \"Auf einen Blick\"\n");
    let run = fixture.run(
        "report",
        &[
            "-o",
            out.to_str().unwrap(),
            "--templates",
            fixture.file("brand").to_str().unwrap(),
        ],
    );
    run.fails_at("de.toml", 1, "`sumary` is not one of the report's words");
    assert!(!out.exists());
}

// ------------------------------------------------------------------------------------
// Exports.

#[test]
fn score_as_csv_has_a_row_per_dimension_item_and_perspective() {
    let fixture = Fixture::new();
    let run = fixture.run("score", &["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..5],
        ["kind", "id", "dimension", "phase", "perspective"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 2 overall + 2 dimensions × 2 + items: r1, r2, c1 × 2 and c2 (self only) + 2 NPS
    assert_eq!(rows.len(), 2 + 4 + 7 + 2);
    let reach_self = rows
        .iter()
        .find(|r| &r[0] == "dimension" && &r[1] == "reach" && &r[4] == "self")
        .unwrap();
    assert_eq!(&reach_self[9], "87.5");
    assert_eq!(&reach_self[15], "62.5");
    assert_eq!(&reach_self[16], "severe");

    let german = fixture.run("score", &["--format", "csv", "--delimiter", ";"]);
    assert!(
        german
            .stdout
            .contains("dimension;reach;reach;;self;2;;;4,5;87,5;"),
        "{}",
        german.stdout
    );
}

#[test]
fn completions_and_the_manual_come_from_the_cli_definition() {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("_centricity()") && bash.stdout.contains("questionnaires"));
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(
        man.stdout.contains(".TH centricity 1"),
        "{}",
        &man.stdout[..200]
    );
    assert!(man.stdout.contains("validate"));
}

// ------------------------------------------------------------------------------------
// Languages.

/// `word` in `text` as a word of its own: "Method" is not in "Methode".
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The report's text as a reader sees it: no tags, no stylesheet, no class names.
fn visible_text(html: &str) -> String {
    let without_style = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    let mut text = String::new();
    let mut in_tag = false;
    for c in without_style.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn locale(language: &str) -> std::collections::BTreeMap<String, String> {
    let path = format!(
        "{}/templates/locale/{language}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn each_language_speaks_only_its_own_words() {
    let fixture = Fixture::new();
    let (de, en) = (locale("de"), locale("en"));
    for (language, own, other) in [("de", &de, &en), ("en", &en, &de)] {
        let html = visible_text(&report(&fixture, &["--lang", language]));
        let mut checked = 0;
        for (key, word) in other {
            // words both languages share ("Dimension", "NPS") and templates with {…} are no test
            let shared = own.values().any(|w| contains_word(w, word)); // "Net Promoter Score"
            if shared || word.contains('{') || word.chars().count() < 4 {
                continue;
            }
            let escaped = word
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(
                !contains_word(&html, word) && !contains_word(&html, &escaped),
                "the {language} report has the other language's `{key}`: {word:?}"
            );
            checked += 1;
        }
        assert!(checked > 100, "{checked} words checked");
    }
}

// ------------------------------------------------------------------------------------
// Trend.

#[test]
fn a_baseline_adds_the_trend_with_intervals() {
    let now = Fixture::new();
    let before = Fixture::new();
    before.write(
        "assessment.toml",
        &common::ASSESSMENT.replace("wave = \"2026\"", "wave = \"2025\""),
    );
    // a year earlier the customers could not reach anyone: r1 = 1 for all
    before.write(
        "answers/customers.csv",
        &common::CUSTOMERS
            .replace("k1,customer,Privat,2,", "k1,customer,Privat,1,")
            .replace("k2,customer,Privat,3,", "k2,customer,Privat,1,"),
    );
    let html = report(&now, &["--baseline", before.path().to_str().unwrap()]);
    assert!(html.contains("id=\"trend\""));
    assert!(
        html.contains("Erhebung 2026 verglichen mit 2025"),
        "the waves are named"
    );
    // reach, customers, 2025: k1 (1 + rev 4→2)/2 = 1.5, k2 1, k3 1 → 7/6 → 4,2; 2026: 25,0
    let trend = &html[html.find("id=\"trend\"").unwrap()..];
    assert!(
        trend.contains(">4,2<") && trend.contains(">25,0<") && trend.contains(">+20,8"),
        "{trend}"
    );

    let other = Fixture::new();
    other.write(
        "questionnaire.toml",
        &common::MINI.replace("version = \"2.1.0\"", "version = \"3.0.0\""),
    );
    for file in ["answers/self/s1.toml", "answers/self/s2.toml"] {
        let text = std::fs::read_to_string(other.file(file)).unwrap();
        other.write(
            file,
            &text.replace("2.0.0", "3.0.0").replace("2.3.1", "3.0.0"),
        );
    }
    let out = now.file("trend.html");
    let run = now.run(
        "report",
        &[
            "-o",
            out.to_str().unwrap(),
            "--baseline",
            other.path().to_str().unwrap(),
        ],
    );
    run.fails_at_file(
        "assessment.toml",
        "waves compare only on the same questionnaire and major version",
    );
    assert!(!out.exists());
}

// ------------------------------------------------------------------------------------
// PDF (printed for real in tests/browser/pdf.test.mjs).

#[test]
fn without_a_browser_the_pdf_fails_clearly_and_writes_nothing() {
    let fixture = Fixture::new();
    let (html, pdf) = (fixture.file("r.html"), fixture.file("r.pdf"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args([
            "report",
            fixture.path().to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .env("CENTRICITY_CHROMIUM", fixture.file("no-such-browser"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot start the browser to print the PDF"),
        "{stderr}"
    );
    assert!(!html.exists() && !pdf.exists(), "neither file is written");
    let leftovers: Vec<_> = std::fs::read_dir(fixture.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".centricity-"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

// ------------------------------------------------------------------------------------
// Branding.

#[test]
fn a_png_logo_and_a_light_accent_are_branded_readably() {
    let fixture = Fixture::new();
    // the smallest PNG: a 1×1 pixel
    let png: [u8; 67] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    std::fs::write(fixture.file("logo.png"), png).unwrap();
    fixture.write(
        "assessment.toml",
        &format!(
            "{}[branding]\nlogo = \"logo.png\"\naccent = \"#FFCC00\"\n",
            common::ASSESSMENT
        ),
    );
    let html = report(&fixture, &[]);
    assert!(
        html.contains("src=\"data:image/png;base64,iVBORw0KGgo"),
        "the logo is embedded"
    );
    assert!(
        html.contains("--accent-text: #"),
        "a text colour is derived"
    );
    assert!(
        !html.contains("--accent-text: #ffcc00"),
        "yellow is too light for text"
    );
    assert!(
        html.contains("Beispiel Consulting"),
        "the consultant, on the cover and in the footer"
    );
    assert_eq!(html.matches("Beispiel Consulting").count(), 2);

    std::fs::write(fixture.file("logo.png"), vec![0x89; 600 * 1024]).unwrap();
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 9, "a logo may be at most 512 KB");
}

// ------------------------------------------------------------------------------------
// Large surveys.

#[test]
fn the_report_shows_some_comments_per_item_and_the_export_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let assessment = dir.path().join("big");
    let made = run(&[
        "generate",
        assessment.to_str().unwrap(),
        "--customers",
        "3000",
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let all = run(&["comments", assessment.to_str().unwrap()]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let total = all.stdout.lines().count() - 1;
    let out = dir.path().join("r.html");
    let report = run(&[
        "report",
        assessment.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let html = std::fs::read_to_string(out).unwrap();
    // shown + "… und N weitere" adds up to all of them
    let more: usize = html
        .match_indices("… und ")
        .map(|(i, _)| {
            html[i + "… und ".len()..]
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert!(more > 0, "some items have more than 20 comments");
    let shown_comments = html.matches("<div class=\"voices customer\">").count();
    assert!(shown_comments > 0);
    let listed: usize = html
        .split("<div class=\"voices customer\">")
        .skip(1)
        .map(|v| v.split("</ul>").next().unwrap().matches("<li>").count())
        .sum();
    assert!(
        listed <= 20 * shown_comments,
        "at most 20 per item: {listed}"
    );
    assert_eq!(
        listed + more,
        total,
        "shown ({listed}) and counted ({more}) are all ({total})"
    );
    assert!(all
        .stdout
        .starts_with("\u{feff}item,perspective,statement,comment\r\n"));
    assert!(
        !all.stdout.contains(",c1,") && !all.stdout.contains("Privatkunden"),
        "no ids, no groups"
    );
}

// ------------------------------------------------------------------------------------
// Same inputs, same bytes.

#[test]
fn the_same_answers_give_the_same_bytes_whatever_the_order_locale_or_time_zone() {
    let files: Vec<(String, String)> = (0..12)
        .map(|i| {
            let perspective = if i % 3 == 0 { "self" } else { "customer" };
            (
                format!("answers/batch-{}/r{i:02}.toml", i % 4),
                format!(
                    "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"{perspective}\"\nrespondent = \"r{i}\"\ngroup = \"G{}\"\n[answers]\nr1 = {}\nr2 = {}\nc1 = {}\nnps = {}\n[comments]\nr1 = \"Kommentar {i}\"\n",
                    i % 2,
                    1 + i % 5,
                    1 + (i * 3) % 5,
                    1 + (i * 7) % 5,
                    i % 11
                ),
            )
        })
        .collect();
    let mut outputs = Vec::new();
    for (order, env) in [
        (false, [("TZ", "UTC"), ("LANG", "C"), ("LC_ALL", "C")]),
        (
            true,
            [
                ("TZ", "Pacific/Kiritimati"),
                ("LANG", "de_CH.UTF-8"),
                ("LC_ALL", "de_CH.UTF-8"),
            ],
        ),
    ] {
        let fixture = Fixture::new();
        let mut ordered = files.clone();
        if order {
            ordered.reverse(); // created the other way round
        }
        for (path, text) in &ordered {
            fixture.write(path, text);
        }
        let out = fixture.file("report.html");
        let command = |args: &[&str]| {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_centricity"))
                .args(args)
                .envs(env)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            output.stdout
        };
        let dir = fixture.path().to_str().unwrap();
        command(&["report", dir, "-o", out.to_str().unwrap()]);
        let json = command(&["score", dir, "--format", "json"]);
        let csv = command(&["score", dir, "--format", "csv"]);
        let comments = command(&["comments", dir]);
        outputs.push((std::fs::read(out).unwrap(), json, csv, comments));
    }
    assert!(outputs[0].0 == outputs[1].0, "the report differs");
    assert!(outputs[0].1 == outputs[1].1, "the JSON differs");
    assert!(outputs[0].2 == outputs[1].2, "the CSV differs");
    assert!(outputs[0].3 == outputs[1].3, "the comments differ");
}

#[test]
fn a_summary_per_language() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!(
            "{}summary = {{ de = \"zusammenfassung.md\", en = \"summary.md\" }}\n",
            common::ASSESSMENT
        ),
    );
    fixture.write("zusammenfassung.md", "Auf Deutsch.\n");
    fixture.write("summary.md", "In English.\n");
    assert!(report(&fixture, &[]).contains("Auf Deutsch."));
    let english = report(&fixture, &["--lang", "en"]);
    assert!(english.contains("In English.") && !english.contains("Auf Deutsch."));

    fixture.write(
        "assessment.toml",
        &format!(
            "{}summary = {{ fr = \"summary.md\" }}\n",
            common::ASSESSMENT
        ),
    );
    fixture.run("validate", &[]).fails_at(
        "assessment.toml",
        8,
        "`summary` has a `fr` file, but the questionnaire has only de, en",
    );
}

#[test]
fn comments_come_in_an_order_that_says_nothing_about_who_wrote_them() {
    let fixture = Fixture::new();
    // in file order, k1's two comments would sit together and after k2's
    fixture.write(
        "answers/customers.csv",
        "respondent,perspective,r1,c1,comment:r1,comment:c1\nk1,customer,2,4,Zebra eins,Zebra zwei\nk2,customer,3,4,Apfel eins,Apfel zwei\n",
    );
    let html = report(&fixture, &[]);
    let apple = html.find("Apfel eins").unwrap();
    let zebra = html.find("Zebra eins").unwrap();
    assert!(apple < zebra, "by text, not by file");
    let export = fixture.run("comments", &[]);
    let lines: Vec<&str> = export
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "Apfel eins",
            "Zebra eins",
            "Wir könnten mehr schulen.",
            "Apfel zwei",
            "Zebra zwei"
        ]
    );
}

#[test]
fn a_pdf_beside_an_impossible_report_is_not_written() {
    let fixture = Fixture::new();
    let pdf = fixture.file("r.pdf");
    let missing = fixture.file("no-such-folder/r.html");
    let run = fixture.run(
        "report",
        &[
            "-o",
            missing.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    run.fails_at_file("r.html", "the folder");
    assert!(!pdf.exists(), "no PDF without its report");
    let same = fixture.file("r.out");
    let run = fixture.run(
        "report",
        &[
            "-o",
            same.to_str().unwrap(),
            "--pdf",
            same.to_str().unwrap(),
        ],
    );
    run.fails_at_file("r.out", "need different file names");
    assert!(!same.exists());
}

#[test]
fn a_baseline_that_does_not_compare_is_refused() {
    let now = Fixture::new();
    let earlier = |edit: &dyn Fn(&Fixture)| {
        let before = Fixture::new();
        before.write(
            "assessment.toml",
            &common::ASSESSMENT
                .replace("wave = \"2026\"", "wave = \"2025\"")
                .replace("2026-11-15", "2025-11-14"),
        );
        edit(&before);
        before
    };
    let refused_at = |baseline: &Path, words: &str| {
        let out = now.file("t.html");
        let run = now.run(
            "report",
            &[
                "-o",
                out.to_str().unwrap(),
                "--baseline",
                baseline.to_str().unwrap(),
            ],
        );
        run.fails_at_file("", words);
        assert!(!out.exists());
    };
    let refused = |before: &Fixture, words: &str| refused_at(before.path(), words);
    refused_at(now.path(), "the baseline is this assessment itself");
    refused(
        &earlier(&|b| b.write("assessment.toml", common::ASSESSMENT)),
        "the same wave label",
    );
    refused(
        &earlier(&|b| {
            b.write(
                "assessment.toml",
                &common::ASSESSMENT
                    .replace("wave = \"2026\"", "wave = \"2027\"")
                    .replace("2026-11-15", "2027-11-15"),
            )
        }),
        "is newer than this wave",
    );
    refused(
        &earlier(&|b| {
            b.write(
                "questionnaire.toml",
                &common::MINI.replace("reverse = true\n", ""),
            )
        }),
        "item `r2` is reverse-keyed in one and not the other",
    );
    refused(
        &earlier(&|b| {
            b.write(
                "questionnaire.toml",
                &common::MINI.replace("id = \"comp\"\n", "id = \"comp\"\nweight = 3.0\n"),
            )
        }),
        "dimension `comp` weighs 3 there and 1 here",
    );
    let missing = now.file("no-such-wave");
    let run = now.run(
        "report",
        &[
            "-o",
            now.file("t.html").to_str().unwrap(),
            "--baseline",
            missing.to_str().unwrap(),
        ],
    );
    run.fails_at_file("no-such-wave", "the baseline folder has no assessment.toml");
}

#[test]
fn the_overall_trend_compares_the_dimensions_both_waves_have() {
    let now = Fixture::new();
    let before = Fixture::new();
    before.write(
        "assessment.toml",
        &common::ASSESSMENT
            .replace("wave = \"2026\"", "wave = \"2025\"")
            .replace("2026-11-15", "2025-11-14"),
    );
    // a year earlier nobody answered `comp`; `reach` is as now
    before.write(
        "answers/customers.csv",
        "respondent,perspective,r1,r2\nk1,customer,2,4\nk2,customer,3,\nk3,customer,1,5\n",
    );
    let html = report(&now, &["--baseline", before.path().to_str().unwrap()]);
    let trend = &html[html.find("id=\"trend\"").unwrap()..];
    let overall = &trend[trend.find("Gesamtwert").unwrap()..][..600];
    // over `reach` alone: 25,0 then and now, so no change (not 25,0 → 56,3)
    assert!(
        overall.contains(">25,0<") && overall.contains(">0,0<"),
        "{overall}"
    );
}

#[test]
fn own_templates_are_read_as_a_consultant_keeps_them() {
    let fixture = Fixture::new();
    let brand = fixture.file("brand");
    std::fs::create_dir_all(brand.join("partials/deep")).unwrap();
    // a logo and a README beside the templates are left alone
    std::fs::write(brand.join("logo.png"), [0x89u8, 0x50, 0xff, 0x00]).unwrap();
    std::fs::write(brand.join("README.md"), "{% if %} notes").unwrap();
    // a template linked within the folder is followed, partials at any depth load
    std::fs::create_dir_all(brand.join("kept")).unwrap();
    std::fs::write(
        brand.join("kept/mine.css"),
        "/* verlinkt */ {% include \"partials/deep/more.css\" %}",
    )
    .unwrap();
    std::fs::write(brand.join("partials/deep/more.css"), "/* tief */").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(brand.join("kept/mine.css"), brand.join("style.css")).unwrap();
    let html = report(&fixture, &["--templates", brand.to_str().unwrap()]);
    #[cfg(unix)]
    assert!(html.contains("/* verlinkt */ /* tief */"));
    // templates are code: a link out of their folder is refused, not followed
    #[cfg(unix)]
    {
        std::fs::write(fixture.file("elsewhere.html"), "{{ t.summary }}").unwrap();
        std::os::unix::fs::symlink(fixture.file("elsewhere.html"), brand.join("out.html")).unwrap();
        let out = fixture.file("r.html");
        fixture
            .run(
                "report",
                &[
                    "-o",
                    out.to_str().unwrap(),
                    "--templates",
                    brand.to_str().unwrap(),
                ],
            )
            .fails_at_file("out.html", "a link that leads outside the templates folder");
        std::fs::remove_file(brand.join("out.html")).unwrap();
    }

    // words for either language are checked whichever is rendered; no third language
    let out = fixture.file("r.html");
    let dir = brand.to_str().unwrap();
    fixture.write("brand/locale/en.toml", "bogus = \"x\"\n");
    fixture
        .run("report", &["-o", out.to_str().unwrap(), "--templates", dir])
        .fails_at("en.toml", 1, "`bogus` is not one of the report's words");
    std::fs::remove_file(brand.join("locale/en.toml")).unwrap();
    fixture.write("brand/locale/fr.toml", "summary = \"Résumé\"\n");
    fixture
        .run("report", &["-o", out.to_str().unwrap(), "--templates", dir])
        .fails_at_file("fr.toml", "no language `fr`");
    std::fs::remove_file(brand.join("locale/fr.toml")).unwrap();

    // the environment stays out of the report
    fixture.write("brand/report.html", "<p>{{ get_env(name=\"HOME\") }}</p>\n");
    let run = fixture.run("report", &["-o", out.to_str().unwrap(), "--templates", dir]);
    run.fails_at_file("brand/report.html", "`get_env` is not available");
    assert!(!out.exists());
}

#[test]
fn a_real_group_called_other_is_not_taken_for_the_pool() {
    let fixture = Fixture::new();
    let mut rows = String::from("respondent,perspective,group,r1,r2,c1\n");
    for i in 0..6 {
        rows += &format!("o{i},customer,other,{},3,4\n", 1 + i % 5);
    }
    fixture.write("answers/customers.csv", &rows);
    let html = report(&fixture, &[]);
    let customers = &html[html.find("Kundensicht nach Segment").unwrap()..];
    let table = &customers[..customers.find("</table>").unwrap()];
    assert!(
        !table.contains("zusammengefasst"),
        "no pool among the customers: {table}"
    );
    assert!(table.contains(">other</th>"), "the group by its own name");
}
