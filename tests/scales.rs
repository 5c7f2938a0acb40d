//! Exports on another scale than the questionnaire's are never squeezed: `init --scale 7`
//! makes the questionnaire on 1–7, a mapping's `scale` shifts an export's range of the same
//! number of points, and anything else is an error that says which of the two to use.

mod common;

use common::{import_text as import, run};

fn init(folder: &std::path::Path, more: &[&str]) -> common::Run {
    let mut args = vec!["init", folder.to_str().unwrap()];
    args.extend_from_slice(more);
    run(&args)
}

#[test]
fn init_with_seven_points_writes_the_questionnaire_into_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a");
    let created = init(&folder, &["--scale", "7", "--lang", "en"]);
    assert_eq!(created.code, 0, "{}", created.stderr);

    let assessment = std::fs::read_to_string(folder.join("assessment.toml")).unwrap();
    assert!(
        assessment.contains("questionnaire = \"questionnaire.toml\""),
        "{assessment}"
    );
    let text = std::fs::read_to_string(folder.join("questionnaire.toml")).unwrap();
    let q: toml::Value = toml::from_str(&text).unwrap();
    let scale = &q["scale"];
    assert_eq!(scale["min"].as_integer(), Some(1));
    assert_eq!(scale["max"].as_integer(), Some(7));
    for language in ["de", "en"] {
        let labels = scale["labels"][language].as_array().unwrap();
        assert_eq!(labels.len(), 7, "{language}: {labels:?}");
    }
    assert_eq!(
        scale["labels"]["de"][0].as_str(),
        Some("trifft überhaupt nicht zu")
    );
    assert_eq!(
        scale["labels"]["de"][6].as_str(),
        Some("trifft voll und ganz zu")
    );
    assert_eq!(scale["labels"]["en"][0].as_str(), Some("not true at all"));
    assert_eq!(scale["labels"]["en"][6].as_str(), Some("completely true"));
    assert!(!text.contains('ß'), "Swiss spelling");

    // a 7-point answer file validates, and a 7 scores 100
    std::fs::write(
        folder.join("answers").join("k1.toml"),
        "questionnaire = \"customer-centricity\"\nquestionnaire_version = \"1.0.0\"\nperspective = \"customer\"\nrespondent = \"k1\"\n\n[answers]\n\"reach.channels\" = 7\n",
    )
    .unwrap();
    let validate = run(&["validate", folder.to_str().unwrap()]);
    assert_eq!(validate.code, 0, "{}{}", validate.stdout, validate.stderr);
    let score = run(&["score", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(score.code, 0, "{}", score.stderr);
    let json: serde_json::Value = serde_json::from_str(&score.stdout).unwrap();
    let item = &json["items"][0];
    assert_eq!(item["id"], "reach.channels");
    assert_eq!(item["customer"]["score"].as_f64(), Some(100.0), "{item}");
    assert_eq!(item["customer"]["counts"].as_array().unwrap().len(), 7);

    // init never overwrites: a questionnaire.toml already there stays
    let again = dir.path().join("b");
    std::fs::create_dir_all(&again).unwrap();
    std::fs::write(again.join("questionnaire.toml"), "mine").unwrap();
    let refused = init(&again, &["--scale", "7"]);
    assert_ne!(refused.code, 0);
    assert_eq!(
        std::fs::read_to_string(again.join("questionnaire.toml")).unwrap(),
        "mine"
    );
}

#[test]
fn init_with_five_points_uses_the_built_in_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a");
    let created = init(&folder, &["--scale", "5"]);
    assert_eq!(created.code, 0, "{}", created.stderr);
    let assessment = std::fs::read_to_string(folder.join("assessment.toml")).unwrap();
    assert!(
        assessment.contains("questionnaire = \"customer-centricity\""),
        "{assessment}"
    );
    assert!(!folder.join("questionnaire.toml").exists());

    let other = init(&dir.path().join("b"), &["--scale", "6"]);
    assert_ne!(other.code, 0);
    assert!(other.stderr.contains("5 or 7 points"), "{}", other.stderr);
}

const HEAD: &str = "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\n";
const ITEMS: &str = "\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n\n[[items]]\nitem = \"reach.hours\"\ncolumn = \"Zeit\"\n";

#[test]
fn a_shifted_export_is_moved_onto_the_questionnaire_scale() {
    let on_one_to_five = "id,Kanal,Zeit\n1,1,5\n2,3,4\n3,5,\n";
    let (run, expected) = import(&format!("{HEAD}{ITEMS}"), on_one_to_five);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = expected.unwrap();

    let on_zero_to_four = "id,Kanal,Zeit\n1,0,4\n2,2,3\n3,4,\n";
    let (run, table) = import(&format!("{HEAD}scale = [0, 4]\n{ITEMS}"), on_zero_to_four);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(table.unwrap(), expected);

    // one item's own `scale`, the other on the questionnaire's
    let mixed = "id,Kanal,Zeit\n1,0,5\n2,2,4\n3,4,\n";
    let per_item = format!("{HEAD}{ITEMS}").replace(
        "column = \"Kanal\"\n",
        "column = \"Kanal\"\nscale = [0, 4]\n",
    );
    let (run, table) = import(&per_item, mixed);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(table.unwrap(), expected);
}

#[test]
fn a_scale_of_another_length_is_never_squeezed() {
    let export = "id,Kanal,Zeit\n1,1,7\n";
    let (run, table) = import(&format!("{HEAD}scale = [1, 7]\n{ITEMS}"), export);
    assert!(table.is_none());
    run.fails_at(
        "map.toml",
        4,
        "the export's scale has 7 points, the questionnaire's 5",
    );
    assert!(run.stderr.contains("--scale 7"), "{}", run.stderr);
    assert!(run.stderr.contains("never squeezed"), "{}", run.stderr);

    // on one item, at its line
    let per_item = format!("{HEAD}{ITEMS}")
        .replace("column = \"Zeit\"\n", "column = \"Zeit\"\nscale = [1, 7]\n");
    let (run, _) = import(&per_item, export);
    run.fails_at("map.toml", 12, "the export's scale has 7 points");
}

#[test]
fn a_number_outside_the_scale_names_both_remedies() {
    let export = "id,Kanal,Zeit\n1,6,4\n";
    let (run, table) = import(&format!("{HEAD}{ITEMS}"), export);
    assert!(table.is_none());
    run.fails_at("export.csv", 2, "6 is outside the scale (1 to 5)");
    assert!(run.stderr.contains("`init --scale 7`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("write `scale = [0, 4]` in the mapping"),
        "{}",
        run.stderr
    );
}

/// `validate` on answers given on 7 points for the 5-point questionnaire: a 6 or a 7, in an
/// answer table and in an answer file, names the 7-point questionnaire as the remedy; an 8
/// or a 0 is only out of range.
#[test]
fn validate_names_the_seven_point_questionnaire_for_a_six_or_a_seven() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a");
    assert_eq!(init(&folder, &[]).code, 0);
    let answers = folder.join("answers");
    std::fs::write(
        answers.join("table.csv"),
        "respondent,perspective,reach.channels,reach.hours,reach.response-time\n\
         k1,customer,6,8,0\n",
    )
    .unwrap();
    std::fs::write(
        answers.join("k2.toml"),
        "questionnaire = \"customer-centricity\"\nquestionnaire_version = \"1.0.0\"\nrespondent = \"k2\"\nperspective = \"customer\"\n\n[answers]\n\"reach.channels\" = 7\n",
    )
    .unwrap();
    let validate = run(&["validate", folder.to_str().unwrap()]);
    assert_eq!(validate.code, 1, "{}", validate.stderr);
    let messages = validate.stderr;
    // one problem a block: the message, the place, the hint
    let lines = |needle: &str| -> Vec<&str> {
        messages
            .split("\n\n")
            .filter(|l| l.contains(needle) && l.contains("outside the scale"))
            .collect()
    };
    for needle in ["is 6,", "is 7,"] {
        let found = lines(needle);
        assert_eq!(found.len(), 1, "{needle}: {messages}");
        assert!(found[0].contains("init DIR --scale 7"), "{}", found[0]);
    }
    for needle in ["is 8,", "is 0,"] {
        let found = lines(needle);
        assert_eq!(found.len(), 1, "{needle}: {messages}");
        assert!(!found[0].contains("--scale"), "{}", found[0]);
    }
}
