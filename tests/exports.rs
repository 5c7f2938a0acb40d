//! Real survey exports, as they come: the shipped Qualtrics, SurveyMonkey, SoSci Survey and
//! LimeSurvey samples (header rows detected or given, `keep`, rows answering nothing, codes
//! for unanswered, language codes, 7 points) imported, validated and scored; and the rules
//! one by one on small exports.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::{import_text as import, run};

/// The export of a shipped sample: the one file `examples/imports/{tool}/export.*`.
fn sample_export(tool: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/imports")
        .join(tool);
    let exports: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_stem().is_some_and(|stem| stem == "export"))
        .collect();
    assert_eq!(exports.len(), 1, "{tool}: {exports:?}");
    exports.into_iter().next().unwrap()
}

/// Imports a shipped sample into a fresh assessment (`init` with `init_args`), then
/// validates and scores it: the import's summary line, `validate`'s, the JSON scores and the
/// table written.
fn import_validate_score(
    tool: &str,
    init_args: &[&str],
) -> (String, String, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a");
    let mut args = vec!["init", folder.to_str().unwrap()];
    args.extend_from_slice(init_args);
    let init = run(&args);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let out = folder.join("answers").join(format!("{tool}.csv"));
    let export = sample_export(tool);
    let import = run(&[
        "import",
        export.to_str().unwrap(),
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
    let (import, validate, json, table) = import_validate_score("qualtrics", &[]);
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
    let (import, validate, json, table) = import_validate_score("surveymonkey", &[]);
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

/// A table's rows by the value of its column `key`, each as header → cell.
fn rows_by(
    reader: &mut csv::Reader<&[u8]>,
    key: &str,
    skip: usize,
) -> HashMap<String, HashMap<String, String>> {
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .skip(skip)
        .map(|record| {
            let record = record.unwrap();
            let row: HashMap<String, String> = header
                .iter()
                .cloned()
                .zip(record.iter().map(String::from))
                .collect();
            (row[key].clone(), row)
        })
        .collect()
}

#[test]
fn a_sosci_export_in_utf16_with_labels_minus_nines_and_seven_points() {
    let (import, validate, json, table) = import_validate_score("sosci", &["--scale", "7"]);
    assert!(
        import.contains("14 respondents; left out 6: 1 mode not interview (keep), 1 q_viewer not 0 (keep), 3 not finished (keep), 1 answered nothing mapped"),
        "{import}"
    );
    assert!(
        validate.contains("14 respondents (0 self, 14 customer), 0 problems"),
        "{validate}"
    );
    assert_eq!(json["respondents"]["customer"], 14);

    // the export as SoSci writes it: UTF-16 with BOM, tabs, names then labels
    let bytes = std::fs::read(sample_export("sosci")).unwrap();
    assert_eq!(&bytes[..2], b"\xff\xfe", "UTF-16 LE with BOM");
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    let text = String::from_utf16(&units).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    let export = rows_by(&mut reader, "CASE", 1);
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let imported = rows_by(&mut reader, "respondent", 0);
    assert_eq!(imported.len(), 14);

    let mapping: toml::Value =
        toml::from_str(&std::fs::read_to_string("examples/imports/sosci/mapping.toml").unwrap())
            .unwrap();
    let items: Vec<(&str, &str)> = mapping["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["item"].as_str().unwrap(), i["column"].as_str().unwrap()))
        .collect();
    // every cell of every imported row, against the export's: -9 is unanswered (no value),
    // -1 is "na", 1–7 stay as they are (no squeezing), the NPS's 1–11 is 0–10
    let (mut minus_nines, mut sixes_and_sevens) = (0, 0);
    let mut languages = Vec::new();
    for (id, row) in &imported {
        let case = id.strip_prefix("sosci-").expect("the mapping's prefix");
        let source = &export[case];
        assert_eq!(source["FINISHED"], "1", "{id}");
        assert_eq!(source["MODE"], "interview", "{id}");
        assert_eq!(row["date"], source["STARTED"][..10], "{id}");
        languages.push((source["LANGUAGE"].clone(), row["language"].clone()));
        for (item, column) in &items {
            let (given, written) = (source[*column].as_str(), row[*item].as_str());
            let expected = match (given, *item) {
                ("-9", _) => String::new(),
                ("-1", _) => "na".to_string(),
                (n, "nps") => (n.parse::<i64>().unwrap() - 1).to_string(),
                (n, _) => n.to_string(),
            };
            assert_eq!(written, expected, "{id} {item}: {given}");
            minus_nines += usize::from(given == "-9");
            sixes_and_sevens += usize::from(*item != "nps" && (given == "6" || given == "7"));
        }
        assert_eq!(row["comment:nps"], source["AN01_01"].replace("\r\n", "\n"));
    }
    assert!(minus_nines > 0 && sixes_and_sevens > 0);
    languages.sort();
    languages.dedup();
    assert_eq!(
        languages,
        [("eng".into(), "en".into()), ("ger".into(), "de".into())]
    );

    // and the scores count them so: a -9 is missing, never a value
    for (item, column) in items.iter().filter(|(item, _)| *item != "nps") {
        let scored = json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == *item)
            .unwrap();
        let given: Vec<&str> = imported
            .keys()
            .map(|id| export[id.strip_prefix("sosci-").unwrap()][*column].as_str())
            .collect();
        let count = |code: &str| given.iter().filter(|g| **g == code).count();
        let customer = &scored["customer"];
        assert_eq!(customer["missing"], count("-9"), "{item}");
        assert_eq!(customer["na"], count("-1"), "{item}");
        let counts: Vec<usize> = (1..=7).map(|v| count(&v.to_string())).collect();
        assert_eq!(customer["counts"], serde_json::json!(counts), "{item}");
    }
}

#[test]
fn a_limesurvey_export_with_unfinished_responses() {
    let (import, validate, json, table) = import_validate_score("limesurvey", &[]);
    assert!(
        import.contains("12 respondents; left out 3: 3 without submitdate (keep)"),
        "{import}"
    );
    assert!(
        validate.contains("12 respondents (0 self, 12 customer), 0 problems"),
        "{validate}"
    );
    assert_eq!(json["respondents"]["customer"], 12);
    // the rows left out are the ones LimeSurvey has no submitdate for
    let export = std::fs::read_to_string(sample_export("limesurvey")).unwrap();
    let mut reader = csv::Reader::from_reader(export.as_bytes());
    let rows = rows_by(&mut reader, "id", 0);
    let unfinished: Vec<&String> = rows
        .iter()
        .filter(|(_, row)| row["submitdate"].is_empty())
        .map(|(id, _)| id)
        .collect();
    assert_eq!(unfinished.len(), 3);
    for id in unfinished {
        assert!(rows[id]["lastpage"].parse::<u32>().unwrap() < 6, "{id}");
        assert!(!table.contains(&format!("\nls-{id},")), "{id}");
    }
}

#[test]
fn an_error_in_one_keep_rule_of_a_list_points_at_that_rule() {
    let export = "id,Finished,Kanal\n1,1,4\n";
    let mapping = format!(
        "{HEAD}keep = [\n  {{ column = \"Finished\", values = [\"1\"] }},\n  {{ column = \"Finishd\", filled = true }},\n  {{ colum = \"x\" }},\n]\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n"
    );
    let (run, table) = import(&mapping, export);
    assert!(table.is_none());
    run.fails_at("map.toml", 7, "the export has no column `Finishd`");
    run.fails_at("map.toml", 8, "unknown field `colum`");
    let problems = run.problems();
    assert!(
        problems.iter().any(|p| p.contains("map.toml:7:3:")),
        "{problems:?}"
    );

    // on one line, the column is the wrong rule's
    let one_line = format!("{HEAD}keep = [{{ column = \"Finished\", values = [\"1\"] }}, {{ column = \"Kanal\" }}]\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n");
    let (run, _) = import(&one_line, export);
    let column = "keep = [{ column = \"Finished\", values = [\"1\"] }, "
        .chars()
        .count()
        + 1;
    assert!(
        run.problems()
            .iter()
            .any(|p| p.contains(&format!("map.toml:5:{column}:"))
                && p.contains("`keep` takes either `values` or `filled = true`")),
        "{:?}",
        run.problems()
    );
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
            .contains("2 respondents; left out 3: 3 kanal not 4 (keep)"),
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
