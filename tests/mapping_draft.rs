//! `centricity mapping`: a mapping drafted from each shipped export imports, without an
//! edit, the same answers as the mapping shipped beside it; what it cannot draft it says.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::run;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample folder of examples/imports/, sorted, with its export.
fn samples() -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("examples/imports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .filter_map(|dir| {
            let export = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_stem().is_some_and(|s| s == "export"))?;
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            Some((name, export))
        })
        .collect();
    found.sort();
    found
}

/// Samples whose headers carry no wording (LimeSurvey exported with question codes `R1`,
/// `R2`, … as headings): their items cannot be found by the draft.
const WITHOUT_WORDING: &[&str] = &["limesurvey"];

/// An answer table: its header and rows, by column name.
struct Table {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

fn read_table(path: &Path) -> Table {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    Table { header, rows }
}

/// The prefix a mapping gives respondent ids (`prefix` or `numbered`).
fn prefix(mapping: &str) -> String {
    let table: toml::Table = toml::from_str(mapping).unwrap();
    let respondent = table["respondent"].as_table().unwrap();
    respondent
        .get("prefix")
        .or_else(|| respondent.get("numbered"))
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string()
}

/// Drafts a mapping of `export` to `dir/map.toml`, imports with it and with the shipped
/// mapping into a fresh assessment: (the draft's text, the draft's stderr, the table with
/// the draft, the table with the shipped mapping).
fn draft_and_import(export: &Path, dir: &Path) -> (String, String, Table, Table) {
    let map = dir.join("map.toml");
    let mut args = vec![
        "mapping",
        export.to_str().unwrap(),
        "-o",
        map.to_str().unwrap(),
    ];
    // a sample on another scale brings its questionnaire (SoSci's 7 points)
    let own = export.with_file_name("questionnaire.toml");
    if own.exists() {
        args.extend(["--questionnaire", own.to_str().unwrap()]);
    }
    let drafted = run(&args);
    assert_eq!(drafted.code, 0, "{}", drafted.stderr);
    let assessment = dir.join("a");
    assert_eq!(run(&["init", assessment.to_str().unwrap()]).code, 0);
    let out = |name: &str| assessment.join("answers").join(name);
    let with_draft = run(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        map.to_str().unwrap(),
        "-o",
        out("draft.csv").to_str().unwrap(),
    ]);
    assert_eq!(
        with_draft.code, 0,
        "the draft imports: {}",
        with_draft.stderr
    );
    let shipped = export.with_file_name("mapping.toml");
    let with_shipped = run(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        shipped.to_str().unwrap(),
        "-o",
        out("shipped.csv").to_str().unwrap(),
    ]);
    assert_eq!(with_shipped.code, 0, "{}", with_shipped.stderr);
    let text = std::fs::read_to_string(&map).unwrap();
    (
        text,
        drafted.stderr,
        read_table(&out("draft.csv")),
        read_table(&out("shipped.csv")),
    )
}

/// The respondent ids without the prefix their mapping gives them.
fn ids(table: &Table, prefix: &str) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|r| {
            r["respondent"]
                .strip_prefix(prefix)
                .unwrap_or(&r["respondent"])
                .to_string()
        })
        .collect()
}

#[test]
fn every_sample_drafts_a_mapping_that_imports_the_same_answers() {
    for (name, export) in samples() {
        if WITHOUT_WORDING.contains(&name.as_str()) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let (text, stderr, draft, shipped) = draft_and_import(&export, dir.path());
        let shipped_mapping =
            std::fs::read_to_string(export.with_file_name("mapping.toml")).unwrap();
        assert_eq!(
            ids(&draft, &prefix(&text)),
            ids(&shipped, &prefix(&shipped_mapping)),
            "{name}: the same respondents"
        );
        // every column but the id and the group (a segment, which the draft does not guess)
        for column in &shipped.header {
            if column == "respondent" || column == "group" {
                continue;
            }
            assert!(
                draft.header.contains(column),
                "{name}: the draft has no `{column}`\n{text}"
            );
            let values = |t: &Table| t.rows.iter().map(|r| r[column].clone()).collect::<Vec<_>>();
            assert_eq!(
                values(&draft),
                values(&shipped),
                "{name}: column `{column}`\n{text}"
            );
        }
        assert!(stderr.contains("25 of 25 items, nps"), "{name}: {stderr}");
    }
}

#[test]
fn an_export_without_wording_is_said_to_be_one_and_only_its_nps_is_drafted() {
    let export = root().join("examples/imports/limesurvey/export.csv");
    let dir = tempfile::tempdir().unwrap();
    let (text, stderr, draft, shipped) = draft_and_import(&export, dir.path());
    assert!(
        stderr.contains(": 0 of 25 items, nps, comment for 0 items; 0 answer texts to place by hand; 30 columns left out"),
        "{stderr}"
    );
    // no item is mapped, every one is named as not found, and the code columns as holding
    // answers without a wording
    assert!(!text.contains("\nitem = \"reach"), "{text}");
    assert!(
        text.contains("# not found in the export (25; map them by hand"),
        "{text}"
    );
    assert!(text.contains("#   reach.channels, reach.hours,"), "{text}");
    assert!(
        text.contains("# check: of them, these hold answers on the scale, but their headers match no question's wording:\n#   \"R1\", \"R2\", \"R3\","),
        "{text}"
    );
    // its answer texts are drafted all the same, ready for the items mapped by hand
    assert!(text.contains("\"Trifft voll zu\" = 5   # the questionnaire's label (de)"));
    assert!(text.contains("\"Weiss nicht\" = \"na\""));
    // the NPS column, named `NPS`, is the one question imported
    assert!(
        text.contains(
            "item = \"nps\"\ncolumn = \"NPS\"   # check: the usual recommendation question"
        ),
        "{text}"
    );
    let items: Vec<&String> = draft.header.iter().filter(|h| h.contains('.')).collect();
    assert!(items.is_empty(), "no item imported: {:?}", draft.header);
    let nps = |t: &Table| t.rows.iter().map(|r| r["nps"].clone()).collect::<Vec<_>>();
    assert_eq!(nps(&draft), nps(&shipped));
}

#[test]
fn drafts_of_qualtrics_and_surveymonkey_as_they_are_written() {
    for name in ["qualtrics", "surveymonkey"] {
        let export = format!("examples/imports/{name}/export.csv");
        let drafted = std::process::Command::new(env!("CARGO_BIN_EXE_centricity"))
            .args(["mapping", &export])
            .current_dir(root())
            .output()
            .unwrap();
        assert!(drafted.status.success());
        let text = String::from_utf8(drafted.stdout).unwrap();
        insta::assert_snapshot!(format!("mapping-draft-{name}"), text);
    }
}

#[test]
fn the_same_export_drafts_the_same_bytes_whatever_its_encoding() {
    let export = root().join("examples/imports/google-forms/export.csv");
    let text = std::fs::read_to_string(&export).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        ("utf8.csv", text.as_bytes().to_vec()),
        (
            "bom.csv",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
        ("crlf.csv", text.replace('\n', "\r\n").into_bytes()),
        (
            "cp1252.csv",
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        ),
        (
            "utf16.csv",
            [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
        ),
    ];
    let mut drafts = Vec::new();
    for (file, bytes) in variants {
        // the file's name is written into the draft's first line: the same for all
        let sub = dir.path().join(file);
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join("export.csv");
        std::fs::write(&path, bytes).unwrap();
        let first = run(&["mapping", path.to_str().unwrap()]);
        let again = run(&["mapping", path.to_str().unwrap()]);
        assert_eq!(first.stdout, again.stdout);
        drafts.push(first.stdout);
    }
    for (i, draft) in drafts.iter().enumerate() {
        assert_eq!(draft, &drafts[0], "variant {i}");
    }
}

#[test]
fn a_hostile_header_stays_in_its_string_and_its_comment() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    let hostile = "\"\n[values]\n\"x\" = 5";
    let cell = format!("\"{}\"", hostile.replace('"', "\"\""));
    let csv = format!(
        "id,{cell},Ich erhalte innerhalb eines Arbeitstages eine Antwort.,\"Back\\slash \"\"q\"\" \u{7}\"\n\
         1,a,Trifft voll zu,x\n2,b,\"Sehr \"\"gut\"\"\n[values]\",y\n"
    );
    std::fs::write(&export, csv).unwrap();
    let drafted = run(&["mapping", export.to_str().unwrap()]);
    assert_eq!(drafted.code, 0, "{}", drafted.stderr);
    let text = &drafted.stdout;
    // valid TOML, and nothing from the export became a line of its own
    let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let values = table["values"].as_table().unwrap();
    assert_eq!(
        values.keys().collect::<Vec<_>>(),
        ["Trifft voll zu"],
        "{text}"
    );
    for line in text.lines() {
        assert!(
            line.is_empty()
                || line.starts_with('#')
                || line.starts_with('[')
                || line.contains(" = "),
            "a line of the export's: {line:?}\n{text}"
        );
        assert!(
            !line.starts_with("[values]\"") && line != "\"x\" = 5",
            "{text}"
        );
    }
    assert!(
        text.contains("\n# \"Sehr \\\"gut\\\"\\n[values]\" = ?   (1 answer; could not place)\n"),
        "{text}"
    );
    // and import takes it
    let assessment = dir.path().join("a");
    assert_eq!(run(&["init", assessment.to_str().unwrap()]).code, 0);
    let map = dir.path().join("map.toml");
    std::fs::write(&map, text).unwrap();
    let out = assessment.join("answers/x.csv");
    let imported = run(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        map.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    // the answer nobody placed is the one problem
    assert_eq!(imported.code, 1, "{}", imported.stderr);
    assert!(
        imported.stderr.contains("is not in the mapping's `values`"),
        "{}",
        imported.stderr
    );
}

#[test]
fn the_output_is_never_written_over_the_export_nor_over_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    std::fs::copy(
        root().join("examples/imports/qualtrics/export.csv"),
        &export,
    )
    .unwrap();
    let path = export.to_str().unwrap();
    let over_export = run(&["mapping", path, "-o", path, "--force"]);
    over_export.fails_at_file("export.csv", "is the export itself");
    let map = dir.path().join("map.toml");
    std::fs::write(&map, "# mine\n").unwrap();
    let exists = run(&["mapping", path, "-o", map.to_str().unwrap()]);
    exists.fails_at_file("map.toml", "already exists");
    assert_eq!(std::fs::read_to_string(&map).unwrap(), "# mine\n");
    let forced = run(&["mapping", path, "-o", map.to_str().unwrap(), "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(std::fs::read_to_string(&map)
        .unwrap()
        .contains("item = \"reach.channels\""));
}

#[test]
fn a_bad_export_is_a_problem_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    std::fs::write(&export, "id,Frage\n1,a\n2,b,c\n").unwrap();
    let drafted = run(&["mapping", export.to_str().unwrap()]);
    drafted.fails_at("export.csv", 3, "the row has 3 cells");
    assert!(drafted.stdout.is_empty());
}

#[test]
fn a_questionnaire_file_is_written_from_the_mapping_folder() {
    let dir = tempfile::tempdir().unwrap();
    let assessment = dir.path().join("a");
    assert_eq!(
        run(&["init", assessment.to_str().unwrap(), "--scale", "7"]).code,
        0
    );
    std::fs::create_dir_all(dir.path().join("maps")).unwrap();
    let map = dir.path().join("maps/map.toml");
    let drafted = run(&[
        "mapping",
        root()
            .join("examples/imports/qualtrics/export.csv")
            .to_str()
            .unwrap(),
        "--questionnaire",
        assessment.join("questionnaire.toml").to_str().unwrap(),
        "-o",
        map.to_str().unwrap(),
    ]);
    assert_eq!(drafted.code, 0, "{}", drafted.stderr);
    let text = std::fs::read_to_string(&map).unwrap();
    assert!(
        text.contains("questionnaire = \"../a/questionnaire.toml\"\n"),
        "{text}"
    );
    // the export's five anchors are not squeezed onto seven points
    assert!(!text.contains("\n\"Weder noch\" = "), "{text}");
    assert!(
        text.contains("# CHECK: the answers look like a scale of 5 points"),
        "{text}"
    );
    assert!(text.contains("# \"Weder noch\" = ?"), "{text}");
}

/// A column named like a group is offered as `group`, commented out: never guessed.
#[test]
fn a_group_column_is_offered_commented_out() {
    let dir = tempfile::tempdir().unwrap();
    let export = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/imports/microsoft-forms-xlsx/export.xlsx");
    let drafted = run(&["mapping", export.to_str().unwrap()]);
    assert_eq!(drafted.code, 0, "{}", drafted.stderr);
    let line = drafted
        .stdout
        .lines()
        .find(|l| l.contains("group ="))
        .unwrap_or_else(|| panic!("{}", drafted.stdout));
    assert!(
        line.starts_with("# group = { column = \"Kundensegment\" }"),
        "{line}"
    );
    // and the draft still imports as it is: the offer changes nothing
    let map = dir.path().join("map.toml");
    std::fs::write(&map, &drafted.stdout).unwrap();
    let out = dir.path().join("out.csv");
    let imported = run(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        map.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(!std::fs::read_to_string(&out).unwrap().contains("group"));
}
