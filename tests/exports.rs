//! Real survey exports, as they come: the shipped Qualtrics and SurveyMonkey samples (header
//! rows detected, `keep`, rows answering nothing, language codes) imported, validated and
//! scored; and the rules one by one on small exports.

mod common;

use common::{import_text as import, run};

/// Imports a shipped sample into a fresh assessment, then validates and scores it: the
/// import's summary line, `validate`'s, and the JSON scores.
fn import_validate_score(tool: &str) -> (String, String, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a");
    let init = run(&["init", folder.to_str().unwrap()]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let out = folder.join("answers").join(format!("{tool}.csv"));
    let import = run(&[
        "import",
        &format!("examples/imports/{tool}/export.csv"),
        "--mapping",
        &format!("examples/imports/{tool}/mapping.toml"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(import.code, 0, "{tool}: {}", import.stderr);
    let validate = run(&["validate", folder.to_str().unwrap()]);
    assert_eq!(validate.code, 0, "{tool}: {}", validate.stderr);
    let score = run(&["score", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(score.code, 0, "{tool}: {}", score.stderr);
    let json = serde_json::from_str(&score.stdout).unwrap();
    let table = std::fs::read_to_string(&out).unwrap();
    (
        import.stderr,
        validate.stdout + &validate.stderr,
        json,
        table,
    )
}

#[test]
fn a_qualtrics_export_with_three_header_rows() {
    let (import, validate, json, table) = import_validate_score("qualtrics");
    assert!(
        import.contains(
            "15 respondents; left out 5: 4 not finished (keep), 1 answered nothing mapped"
        ),
        "{import}"
    );
    assert!(
        validate.contains("15 respondents (0 self, 15 customer), 0 problems"),
        "{validate}"
    );
    assert_eq!(json["respondents"]["customer"], 15);
    // the export's DE and EN are written as the questionnaire's codes
    let languages: Vec<&str> = table
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    assert!(
        languages.iter().all(|l| *l == "de" || *l == "en"),
        "{languages:?}"
    );
    assert!(languages.contains(&"en") && languages.contains(&"de"));
    assert!(!table.contains("ImportId"));
}

#[test]
fn a_surveymonkey_export_with_a_matrix_under_one_heading() {
    let (import, validate, json, table) = import_validate_score("surveymonkey");
    assert!(
        import.contains("11 respondents; left out 3: 3 answered nothing mapped"),
        "{import}"
    );
    assert!(
        validate.contains("11 respondents (0 self, 11 customer), 0 problems"),
        "{validate}"
    );
    assert_eq!(json["respondents"]["customer"], 11);
    assert_eq!(table.lines().count(), 12);
    assert!(!table.contains("Open-Ended Response"));
}

const HEAD: &str = "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\nignore_other_columns = true\n";

#[test]
fn header_rows_are_detected_or_given() {
    // SurveyMonkey: a matrix heading over empty first-row cells, labels in the second row
    let monkey =
        "id,Wer ist Ihr Held?,,Noch etwas?\n,Han Solo,Leia,Open-Ended Response\n1,5,4,gut\n2,,,\n";
    let mapping = format!(
        "{HEAD}\n[[items]]\nitem = \"reach.channels\"\nquestion = \"Han Solo\"\n\n[[items]]\nitem = \"reach.hours\"\nquestion = \"Held? Leia\"\n"
    );
    let (run, table) = import(&mapping, monkey);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 respondents; left out 1: 1 answered nothing mapped"),
        "{}",
        run.stderr
    );
    assert!(table.unwrap().contains("\n1,customer,5,4\n"));

    // an answer that reads "Response" in a respondent's row is no header row
    let one = "id,Kanal,Was noch?\n1,4,Response\n";
    let mapping = format!("{HEAD}\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n");
    let (run, table) = import(&mapping, one);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(table.unwrap().ends_with("\n1,customer,4\n"));

    // Qualtrics' legacy export: V1, V2, … over the question texts
    let legacy = "V1,V2\nResponseID,Wie erreichbar?\nR_1,3\n";
    let mapping =
        format!("{HEAD}\n[[items]]\nitem = \"reach.channels\"\nquestion = \"erreichbar\"\n")
            .replace("column = \"id\"", "column = \"V1\"");
    let (run, table) = import(&mapping, legacy);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(table.unwrap().contains("\nR_1,customer,3\n"));

    // told: the second row is a header row, though nothing shows it
    let told = "id,Kanal\nx,Frage zum Kanal\n1,4\n";
    let mapping = format!("{HEAD}header_rows = 2\n\n[[items]]\nitem = \"reach.channels\"\nquestion = \"Frage zum Kanal\"\n");
    let (run, table) = import(&mapping, told);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(table.unwrap().ends_with("\n1,customer,4\n"));

    let mapping = format!(
        "{HEAD}header_rows = 0\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n"
    );
    let (run, _) = import(&mapping, told);
    run.fails_at("map.toml", 5, "`header_rows` is 0");
}

#[test]
fn keep_rules_must_all_hold() {
    let export = "id,Finished,submitdate,Kanal\n1,1,2026-10-01,4\n2,0,2026-10-01,4\n3,True,,3\n4,true,2026-10-02,na\n5,1,2026-10-02,\n";
    let mapping = format!(
        "{HEAD}keep = [{{ column = \"Finished\", values = [\"1\", \"True\"] }}, {{ column = \"submitdate\", filled = true }}]\n\n[values]\n\"na\" = \"na\"\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n"
    );
    let (run, table) = import(&mapping, export);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 respondents; left out 3: 1 not finished (keep), 1 without submitdate (keep), 1 answered nothing mapped"),
        "{}",
        run.stderr
    );
    let table = table.unwrap();
    assert!(table.contains("\n1,customer,4\n") && table.contains("\n4,customer,na\n"));

    // a column mapped to an item may be one `keep` looks at too
    let on_an_item = format!("{HEAD}keep = {{ column = \"Kanal\", values = [\"4\"] }}\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n");
    let (run, table) = import(&on_an_item, export);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("2 respondents; left out 3: 3 not kanal (keep)"),
        "{}",
        run.stderr
    );
    assert!(table.unwrap().ends_with("\n1,customer,4\n2,customer,4\n"));

    let wrong = format!("{HEAD}keep = {{ column = \"Finished\" }}\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n");
    let (run, _) = import(&wrong, export);
    run.fails_at(
        "map.toml",
        5,
        "`keep` takes either `values` or `filled = true`",
    );
}

#[test]
fn a_code_mapped_to_unanswered_is_no_answer() {
    let export = "id,Kanal\n1,-99\n2,4\n";
    let mapping = format!("{HEAD}\n[values]\n\"-99\" = \"\"\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n");
    let (run, table) = import(&mapping, export);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("left out 1: 1 answered nothing mapped"),
        "{}",
        run.stderr
    );
    assert!(table.unwrap().ends_with("\n2,customer,4\n"));
}

#[test]
fn language_codes_are_reduced_to_their_base() {
    let export = "id,Sprache,Kanal\n1,DE,4\n2,de-CH,4\n3,de_DE,4\n4,de-informal,4\n5,EN-gb,4\n6,nl-informal,4\n";
    let mapping = format!(
        "{HEAD}language = {{ column = \"Sprache\", values = {{ \"nl-informal\" = \"en\" }} }}\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n"
    );
    let (run, table) = import(&mapping, export);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let languages: Vec<String> = table
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().to_string())
        .collect();
    assert_eq!(languages, ["de", "de", "de", "de", "en", "en"]);

    let (run, _) = import(&mapping, "id,Sprache,Kanal\n1,de,4\n2,fr-CH,4\n");
    run.fails_at(
        "export.csv",
        3,
        "the language `fr-CH` is not one of the questionnaire's",
    );
}
