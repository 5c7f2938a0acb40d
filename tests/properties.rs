//! No input makes the loaders panic: arbitrary bytes, and valid files with random damage,
//! as questionnaire, answer file, answer table and survey export (a CSV, the shipped
//! workbook, and small tables whose first rows look like Qualtrics', SurveyMonkey's or
//! nothing's header rows). Each property runs 256 cases (PROPTEST_CASES raises it; the
//! workbook's 64, for each reads a whole workbook), through the library, so thousands of files
//! take seconds.

use std::path::Path;

use centricity::input::answers;
use centricity::input::import::{import, Imported};
use centricity::model::questionnaire::Questionnaire;
use proptest::prelude::*;

const MINI: &str = include_str!("fixtures/mini-questionnaire.toml");
const ANSWER_FILE: &str = "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"customer\"\nrespondent = \"x1\"\ngroup = \"A\"\n[answers]\nr1 = 4\nr2 = \"na\"\nc1 = 5\nnps = 9\n[comments]\nr1 = \"gut, \\\"sehr\\\" gut\"\n";
const TABLE: &str = "respondent,perspective,group,r1,r2,c1,nps,comment:r1\nk1,customer,A,2,4,5,3,\"Die Hotline, immer besetzt\"\nk2,customer,B,3,,4,10,\nk3,self,A,1,5,na,6,\"zwei\nZeilen\"\n";

fn mini() -> Questionnaire {
    Questionnaire::parse(Path::new("mini.toml"), MINI).expect("the test questionnaire")
}

/// Loads an answers folder holding one file with these bytes; must return, never panic.
fn load(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let q = mini();
    let mut respondents = 0;
    let (_, _problems) = answers::load(dir.path(), &q, &mut |_| respondents += 1);
}

/// A valid text with random damage: bytes replaced, inserted and cut out.
fn damaged(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    damaged_bytes(valid.as_bytes(), 3)
}

/// A change to a file: where (of its length), a byte, and what kind of change.
type Edit = (prop::sample::Index, u8, u8);

/// One to eleven changes: bytes replaced, inserted, cut out and (with `kinds` 4) bits
/// flipped, as a broken download or disk leaves a file.
fn edits(kinds: u8) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..kinds), 1..12)
}

fn apply(bytes: &mut Vec<u8>, edits: &[Edit]) {
    for (at, byte, kind) in edits {
        let at = at
            .index(bytes.len().max(1))
            .min(bytes.len().saturating_sub(1));
        match kind {
            0 if !bytes.is_empty() => bytes[at] = *byte,
            1 => bytes.insert(at, *byte),
            3 if !bytes.is_empty() => bytes[at] ^= 1 << (byte % 8),
            _ if !bytes.is_empty() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
}

/// A valid file with random damage (see [`edits`]).
fn damaged_bytes(valid: &'static [u8], kinds: u8) -> impl Strategy<Value = Vec<u8>> {
    edits(kinds).prop_map(move |edits| {
        let mut bytes = valid.to_vec();
        apply(&mut bytes, &edits);
        bytes
    })
}

/// The shipped workbook with one of its parts (the sheet's XML, the styles, …) damaged and
/// the archive made again: a damaged archive mostly fails its checksums, and this damage
/// reaches the XML and the cells instead.
fn workbook_with_a_damaged_part() -> impl Strategy<Value = Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(WORKBOOK)).unwrap();
    let parts: Vec<(String, Vec<u8>)> = (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (part.name().to_string(), bytes)
        })
        .collect();
    (0..parts.len(), edits(4)).prop_map(move |(damaged, edits)| {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (i, (name, bytes)) in parts.iter().enumerate() {
            let mut bytes = bytes.clone();
            if i == damaged {
                apply(&mut bytes, &edits);
            }
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .last_modified_time(zip::DateTime::default());
            writer.start_file(name.as_str(), options).unwrap();
            writer.write_all(&bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    })
}

/// An import's outcome is a table or problems that say something: with a table, one row a
/// respondent, each as long as its header, and no more rows than the export has under its
/// first line (`rows`, when known).
fn imported_or_said_why(
    result: Result<Imported, centricity::input::diagnostics::Problems>,
    rows: Option<usize>,
) {
    match result {
        Ok(imported) => {
            assert_eq!(imported.rows.len(), imported.respondents);
            assert!(imported
                .rows
                .iter()
                .all(|row| row.len() == imported.header.len()));
            let left_out: usize = imported.left_out.iter().map(|(_, n)| n).sum();
            if let Some(rows) = rows {
                assert!(
                    imported.respondents + left_out <= rows,
                    "{} + {left_out} > {rows}",
                    imported.respondents
                );
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            assert!(problems.0.iter().all(|p| !p.message.trim().is_empty()));
        }
    }
}

/// The shipped workbook export (Microsoft Forms) and its mapping.
const WORKBOOK: &[u8] = include_bytes!("../examples/imports/microsoft-forms-xlsx/export.xlsx");
const WORKBOOK_MAPPING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/imports/microsoft-forms-xlsx/mapping.toml"
);

/// A cell of a first row: names survey tools use, Qualtrics' legacy `V1`, empty (a matrix
/// heading's), or anything.
fn header_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ResponseId".to_string()),
        Just("Respondent ID".to_string()),
        Just("V1".to_string()),
        Just("V2".to_string()),
        Just("Finished".to_string()),
        Just("Kanal".to_string()),
        Just(String::new()),
        "[ -~äü\n]{0,8}",
    ]
}

/// A row under the first: Qualtrics' question texts or `{"ImportId":…}`, SurveyMonkey's
/// `Response` row, a respondent's answers, or anything; as wide as the first row, or not.
fn top_row(width: usize) -> impl Strategy<Value = Vec<String>> {
    let ragged = width.saturating_sub(1)..=width + 1;
    prop_oneof![
        4 => prop::collection::vec(
            prop_oneof![
                Just("Kanal - Wie sehr?".to_string()),
                Just("Start Date".to_string()),
                Just("Han Solo".to_string()),
                "[ -~]{0,12}"
            ],
            width
        ),
        4 => prop::collection::vec(
            prop_oneof![
                Just("{\"ImportId\":\"QID1_1\"}".to_string()),
                Just("{\"ImportId\":\"_recordId\"}".to_string()),
                Just(String::new()),
            ],
            width
        ),
        4 => prop::collection::vec(
            prop_oneof![
                Just("Response".to_string()),
                Just("Open-Ended Response".to_string()),
                Just("Han Solo".to_string()),
                Just(String::new()),
            ],
            width
        )
        .prop_map(|mut row| {
            row[0] = String::new();
            row
        }),
        // a respondent's answers, mostly ones the mapping knows
        8 => prop::collection::vec(
            prop_oneof![
                3 => Just("1".to_string()),
                3 => Just("5".to_string()),
                3 => Just("na".to_string()),
                3 => Just("trifft voll zu".to_string()),
                3 => Just(String::new()),
                1 => "[ -~]{0,6}"
            ],
            width
        ),
        // rarer: a table whose rows are not all as wide is refused before its header rows
        1 => prop::collection::vec("[ -~]{0,6}", ragged),
    ]
}

/// A small export: a first row, then up to eight rows of any of [`top_row`]'s kinds.
fn small_export() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..6).prop_flat_map(|width| {
        (
            prop::collection::vec(header_cell(), width),
            prop::collection::vec(top_row(width), 0..8),
        )
            .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
    })
}

proptest! {
    #[test]
    fn any_bytes_as_a_questionnaire(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = Questionnaire::parse(Path::new("q.toml"), &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_damaged_questionnaire(bytes in damaged(MINI)) {
        let _ = Questionnaire::parse(Path::new("q.toml"), &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn any_bytes_as_an_answer_file(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load("a.toml", &bytes);
    }

    #[test]
    fn a_damaged_answer_file(bytes in damaged(ANSWER_FILE)) {
        load("a.toml", &bytes);
    }

    #[test]
    fn any_bytes_as_an_answer_table(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load("a.csv", &bytes);
    }

    #[test]
    fn a_damaged_answer_table(bytes in damaged(TABLE)) {
        load("a.csv", &bytes);
    }

    #[test]
    fn a_damaged_survey_export(bytes in damaged("id;Kanal;Datum\n1;trifft voll zu;12.10.2026\n2;na;13.10.2026\n")) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("q.toml"), MINI).unwrap();
        std::fs::write(
            dir.path().join("map.toml"),
            "questionnaire = \"q.toml\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\ndate = { column = \"Datum\", format = \"dd.mm.yyyy\" }\n[values]\n\"trifft voll zu\" = 5\n\"na\" = \"na\"\n[[items]]\nitem = \"r1\"\ncolumn = \"Kanal\"\n",
        ).unwrap();
        std::fs::write(dir.path().join("export.csv"), &bytes).unwrap();
        let _ = import(&dir.path().join("export.csv"), &dir.path().join("map.toml"));
    }

    #[test]
    fn a_damaged_export_with_several_header_rows(
        bytes in damaged("StartDate,Finished,Q_Language,ResponseId,Q1_1,,Q2\nStart Date,Finished,Language,Response ID,Kanal - Wie sehr?,Han Solo,Open-Ended Response\n{\"ImportId\":\"startDate\"},{\"ImportId\":\"finished\"},{\"ImportId\":\"Q_Language\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1_1\"},{\"ImportId\":\"QID1_2\"},{\"ImportId\":\"QID2\"}\n2026-10-01,1,DE,R_1,trifft voll zu,na,gut\n2026-10-02,0,de-CH,R_2,,,\n"),
        header_rows in prop::option::of(0i64..5),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("q.toml"), MINI).unwrap();
        let rows = header_rows.map_or(String::new(), |n| format!("header_rows = {n}\n"));
        std::fs::write(
            dir.path().join("map.toml"),
            format!("questionnaire = \"q.toml\"\nperspective = \"customer\"\nrespondent = {{ column = \"ResponseId\" }}\n{rows}language = {{ column = \"Q_Language\", values = {{ \"nl\" = \"de\" }} }}\nkeep = [{{ column = \"Finished\", values = [\"1\"] }}, {{ question = \"Start Date\", filled = true }}]\nignore_other_columns = true\n[values]\n\"trifft voll zu\" = 5\n\"na\" = \"na\"\n[[items]]\nitem = \"r1\"\nquestion = \"Kanal\"\n[[items]]\nitem = \"r2\"\nquestion = \"Han Solo\"\n"),
        ).unwrap();
        std::fs::write(dir.path().join("export.csv"), &bytes).unwrap();
        let _ = import(&dir.path().join("export.csv"), &dir.path().join("map.toml"));
    }

    #[test]
    fn header_rows_of_any_shape(
        table in small_export(),
        header_rows in prop::option::of(0i64..5),
        numbered in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("q.toml"), MINI).unwrap();
        // the mapping names columns of the first row (so that most tables get as far as their
        // rows): the respondent's, then up to two items', each a column once
        let mut names: Vec<&String> = Vec::new();
        for cell in &table[0] {
            let key = |c: &str| c.trim().to_lowercase();
            if !cell.trim().is_empty() && !names.iter().any(|n| key(n) == key(cell)) {
                names.push(cell);
            }
        }
        let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
        let mut mapping = String::from("questionnaire = \"q.toml\"\nperspective = \"customer\"\nignore_other_columns = true\n");
        if let Some(n) = header_rows {
            mapping += &format!("header_rows = {n}\n");
        }
        let mut names = names.into_iter();
        match (numbered, names.next()) {
            (false, Some(id)) => mapping += &format!("respondent = {{ column = {} }}\n", quoted(id)),
            _ => mapping += "respondent = { numbered = \"x-\" }\n",
        }
        if table[0].iter().any(|c| c == "Finished") {
            mapping += "keep = { column = \"Finished\", values = [\"1\"] }\n";
        }
        let items: Vec<_> = ["r1", "r2"].into_iter().zip(names).collect();
        if items.is_empty() {
            mapping += "items = []\n";
        }
        mapping += "[values]\n\"trifft voll zu\" = 5\n\"na\" = \"na\"\n";
        for (item, column) in items {
            mapping += &format!("[[items]]\nitem = \"{item}\"\ncolumn = {}\n", quoted(column));
        }
        std::fs::write(dir.path().join("map.toml"), mapping).unwrap();
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for row in &table {
            writer.write_record(row).unwrap();
        }
        std::fs::write(dir.path().join("export.csv"), writer.into_inner().unwrap()).unwrap();
        let result = import(&dir.path().join("export.csv"), &dir.path().join("map.toml"));
        imported_or_said_why(result, Some(table.len() - 1));
    }
}

proptest! {
    // a whole workbook a case: 64 of them (a fixed number) take a few seconds
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn the_shipped_workbook_damaged(
        bytes in prop_oneof![damaged_bytes(WORKBOOK, 4), workbook_with_a_damaged_part()],
        cut in prop::option::weighted(0.25, 0..WORKBOOK.len()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("export.xlsx");
        // a download broken off: the end of the file missing
        let keep = cut.map_or(bytes.len(), |cut| cut.min(bytes.len()));
        std::fs::write(&export, &bytes[..keep]).unwrap();
        let result = import(&export, std::path::Path::new(WORKBOOK_MAPPING));
        imported_or_said_why(result, None);
    }
}
