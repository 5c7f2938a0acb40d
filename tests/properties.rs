//! No input makes the loaders panic: arbitrary bytes, and valid files with random damage,
//! as questionnaire, answer file, answer table and survey export. Each property runs 256
//! cases (PROPTEST_CASES raises it), through the library, so thousands of files take seconds.

use std::path::Path;

use centricity::input::answers;
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
    let len = valid.len();
    prop::collection::vec((0..len, any::<u8>(), 0u8..3), 1..12).prop_map(move |edits| {
        let mut bytes = valid.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match kind {
                0 if !bytes.is_empty() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ if !bytes.is_empty() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        bytes
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
        let _ = centricity::input::import::import(&dir.path().join("export.csv"), &dir.path().join("map.toml"));
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
        let _ = centricity::input::import::import(&dir.path().join("export.csv"), &dir.path().join("map.toml"));
    }
}
