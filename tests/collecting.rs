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
        unfilled.stderr.ends_with(", 1 problem\n"),
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

// ------------------------------------------------------------------------------------
// Imports from survey tools.

const IMPORTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/imports");

fn import(
    export: &std::path::Path,
    mapping: &std::path::Path,
    out: &std::path::Path,
) -> common::Run {
    run(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn the_sample_exports_import_into_an_assessment_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let assessment = dir.path().join("a");
    assert_eq!(run(&["init", assessment.to_str().unwrap()]).code, 0);
    for (tool, respondents) in [
        ("limesurvey", 12),
        ("google-forms", 10),
        ("microsoft-forms", 8),
    ] {
        let source = std::path::Path::new(IMPORTS).join(tool);
        let out = assessment.join(format!("answers/{tool}.csv"));
        let done = import(
            &source.join("export.csv"),
            &source.join("mapping.toml"),
            &out,
        );
        assert_eq!(done.code, 0, "{tool}: {}", done.stderr);
        assert!(
            done.stderr.contains(&format!("{respondents} respondents")),
            "{}",
            done.stderr
        );
    }
    let validate = run(&["validate", assessment.to_str().unwrap()]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(
        validate
            .stdout
            .contains("3 files, 30 respondents (0 self, 30 customer)"),
        "{}",
        validate.stdout
    );

    // what came in: Google Forms has numbered ids, a converted date, the NPS comment
    let google = std::fs::read_to_string(assessment.join("answers/google-forms.csv")).unwrap();
    let first = google.lines().nth(1).unwrap();
    assert!(
        first.starts_with("gf-001,customer,Privatkunde,2026-10-06,de,"),
        "{first}"
    );
    assert!(google.lines().next().unwrap().ends_with(",nps,comment:nps"));
    assert!(
        google.contains(
            "\"Der Service war top.\nNur die Lieferung per Kurier hat zwei Wochen gedauert.\""
        ),
        "a cell over two lines stays one cell"
    );
    let microsoft =
        std::fs::read_to_string(assessment.join("answers/microsoft-forms.csv")).unwrap();
    assert!(
        microsoft.contains(",na,"),
        "\"Weiß nicht\" in Windows-1252 maps to na"
    );
}

#[test]
fn the_same_export_imports_to_the_same_bytes_however_it_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::path::Path::new(IMPORTS).join("google-forms");
    let original = std::fs::read_to_string(source.join("export.csv")).unwrap();
    let semicolons = {
        // a spreadsheet re-saving the table with ; quotes only the cells that need it
        let mut reader = csv::Reader::from_reader(original.as_bytes());
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer.write_record(reader.headers().unwrap()).unwrap();
        for record in reader.records() {
            writer.write_record(&record.unwrap()).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    };
    let (windows_1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&semicolons);
    assert!(!lossy);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(original.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("utf8", original.as_bytes().to_vec()),
        (
            "bom",
            [&[0xEF, 0xBB, 0xBF][..], original.as_bytes()].concat(),
        ),
        ("crlf", original.replace('\n', "\r\n").into_bytes()),
        ("semicolon-crlf", semicolons.clone().into_bytes()),
        ("windows-1252", windows_1252.into_owned()),
        ("utf16", utf16),
    ];
    let mut outputs = Vec::new();
    for (name, bytes) in variants {
        let export = dir.path().join(format!("{name}.csv"));
        std::fs::write(&export, bytes).unwrap();
        let out = dir.path().join(format!("out-{name}.csv"));
        let done = import(&export, &source.join("mapping.toml"), &out);
        assert_eq!(done.code, 0, "{name}: {}", done.stderr);
        outputs.push((name, std::fs::read(out).unwrap()));
    }
    for (name, bytes) in &outputs[1..] {
        assert!(
            bytes == &outputs[0].1,
            "{name} imports differently from plain UTF-8"
        );
    }
}

#[test]
fn an_export_with_a_problem_names_column_and_row_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("map.toml");
    std::fs::write(
        &mapping,
        "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\n\n[values]\n\"ja\" = 5\n\"nein\" = 1\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n",
    )
    .unwrap();
    let export = dir.path().join("export.csv");
    std::fs::write(&export, "id,Kanal\n1,ja\n2,vielleicht\n3,nein\n").unwrap();
    let out = dir.path().join("answers.csv");
    let failed = import(&export, &mapping, &out);
    failed.fails_at(
        "export.csv",
        3,
        "the answer \"vielleicht\" is not in the mapping's `values` (column `Kanal`)",
    );
    assert!(!out.exists(), "nothing is written");

    std::fs::write(&export, "id,Kanal,Wetter\n1,ja,sonnig\n").unwrap();
    let unmapped = import(&export, &mapping, &out);
    unmapped.fails_at(
        "export.csv",
        1,
        "the mapping does not say what these columns are: `Wetter`",
    );

    std::fs::write(
        &mapping,
        std::fs::read_to_string(&mapping)
            .unwrap()
            .replace("reach.channels", "reach.kanal"),
    )
    .unwrap();
    let bad_mapping = import(&export, &mapping, &out);
    bad_mapping.fails_at(
        "map.toml",
        10,
        "`reach.kanal` is not an item of questionnaire `customer-centricity`",
    );
    assert!(!out.exists());
}

// ------------------------------------------------------------------------------------
// Diagnostics.

#[test]
fn validate_shows_the_line_a_hint_and_a_summary_without_colour_in_a_pipe() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/x.toml",
        "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"customer\"\nrespondent = \"x1\"\n[answers]\nr1 = 9\n",
    );
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 1);
    let stderr = &run.stderr;
    assert!(
        stderr.contains("error: the answer to `r1` is 9, outside the scale\n"),
        "{stderr}"
    );
    assert!(stderr.contains("x.toml:6:6\n"), "the place: {stderr}");
    assert!(stderr.contains("6 │ r1 = 9\n"), "the line itself: {stderr}");
    assert!(
        stderr.contains("= hint: expected a whole number from 1 to 5 or \"na\""),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("4 files, 5 respondents, 1 problem\n"),
        "the summary: {stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour codes when stderr is not a terminal"
    );
}

#[test]
fn a_csv_problem_underlines_the_whole_cell() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        "respondent,perspective,r1\nk1,customer,viele\n",
    );
    let run = fixture.run("validate", &[]);
    assert!(
        run.stderr
            .contains("2 │ k1,customer,viele\n  │             ^^^^^\n"),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------------------------------------------
// The form (its behaviour in a browser is tests/browser/form.test.mjs).

#[test]
fn the_form_has_every_question_and_nothing_from_elsewhere() {
    let fixture = Fixture::new();
    let out = fixture.file("form.html");
    let made = fixture.run(
        "form",
        &["--perspective", "self", "-o", out.to_str().unwrap()],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for id in ["r1", "r2", "c1", "c2", "nps"] {
        assert!(html.contains(&format!("data-question=\"{id}\"")), "{id}");
    }
    assert_eq!(
        html.matches("type=\"radio\" name=\"r1\"").count(),
        6,
        "five steps and \"na\""
    );
    assert!(
        html.contains("Wir schulen uns."),
        "the staff wording, in German"
    );
    assert!(
        html.contains("Muster &amp; Söhne &lt;AG&gt;"),
        "the client's name is escaped"
    );
    assert!(!html.contains("<AG>"));
    for remote in [
        "src=\"http",
        "href=\"http",
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
    ] {
        assert!(!html.contains(remote), "{remote}");
    }
}

// Found in review: each of these once imported wrong data or a poor message.

struct ImportCase {
    dir: tempfile::TempDir,
}

impl ImportCase {
    fn new(mapping: &str, export: &[u8]) -> ImportCase {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("map.toml"), mapping).unwrap();
        std::fs::write(dir.path().join("export.csv"), export).unwrap();
        ImportCase { dir }
    }

    fn run(&self) -> (common::Run, Option<String>) {
        let out = self.dir.path().join("answers.csv");
        let run = import(
            &self.dir.path().join("export.csv"),
            &self.dir.path().join("map.toml"),
            &out,
        );
        (run, std::fs::read_to_string(out).ok())
    }
}

const MAP: &str = "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\n\n[[items]]\nitem = \"reach.channels\"\ncolumn = \"Kanal\"\n";

#[test]
fn answer_codes_are_read_as_the_mapping_says_not_as_numbers() {
    // a tool that codes 1 = "trifft voll zu" … 6 = "weiss nicht"
    let mapping = MAP.replace(
        "\n\n[[items]]",
        "\n[values]\n\"1\" = 5\n\"2\" = 4\n\"6\" = \"na\"\n\n[[items]]",
    );
    let (run, out) = ImportCase::new(&mapping, b"id,Kanal\n1,1\n2,2\n3,6\n").run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = out.unwrap();
    assert!(
        out.contains("\n1,customer,5\n2,customer,4\n3,customer,na\n"),
        "{out}"
    );
}

#[test]
fn a_perspective_column_maps_as_the_readme_shows() {
    let mapping = MAP.replace(
        "perspective = \"customer\"",
        "perspective = { column = \"Rolle\", values = { \"Kunde\" = \"customer\", \"Mitarbeiter\" = \"self\" } }",
    );
    let (run, out) =
        ImportCase::new(&mapping, b"id,Rolle,Kanal\n1,Kunde,4\n2,Mitarbeiter,3\n").run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.unwrap().contains("\n1,customer,4\n2,self,3\n"));
    let (run, _) = ImportCase::new(&mapping, b"id,Rolle,Kanal\n1,,4\n").run();
    run.fails_at("export.csv", 2, "the perspective cell is empty");
}

#[test]
fn typos_inside_mapping_tables_are_named() {
    for (mapping, line, words) in [
        (MAP.replace("{ column = \"id\" }", "{ column = \"id\", prefx = \"x-\" }"), 3, "`prefx` does not belong in `respondent`"),
        (MAP.replace("{ column = \"id\" }", "{ numbered = \"x-\", column = \"id\" }"), 3, "`respondent` takes a `column` (or `question`) with an optional `prefix`, or `numbered` alone"),
        (MAP.replace("{ column = \"id\" }", "\"id\""), 3, "`respondent` takes { column = …"),
        (MAP.replace("perspective = \"customer\"", "perspective = \"customer\"\nlanguage = { colum = \"lang\" }"), 3, "`colum` does not belong in `language`"),
    ] {
        let (run, out) = ImportCase::new(&mapping, b"id,Kanal,lang\n1,4,de\n").run();
        run.fails_at("map.toml", line, words);
        assert!(out.is_none(), "nothing written");
    }
}

#[test]
fn a_semicolon_export_with_commas_in_its_questions_is_read() {
    let mapping = MAP
        .replace("column = \"Kanal\"", "question = \"über welche Kanäle\"")
        .replace(
            "\n\n[[items]]",
            "\nignore_other_columns = true\n\n[[items]]",
        );
    let export = "id;Über welche Kanäle, z. B. Telefon, Mail, erreichen Sie uns?;Möchten Sie noch etwas sagen, z. B. Lob, Kritik?\r\n1;4;gut, danke\r\n";
    let (run, out) = ImportCase::new(&mapping, export.as_bytes()).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.unwrap().contains("\n1,customer,4\n"));
}

#[test]
fn dates_are_read_only_in_their_own_format() {
    let mapping = MAP.replace(
        "\n\n[[items]]",
        "\ndate = { column = \"Datum\", format = \"mm/dd/yyyy\" }\n\n[[items]]",
    );
    for cell in ["11.04.2026", "4/10/26"] {
        let export = format!("id,Datum,Kanal\n1,{cell},4\n");
        let (run, out) = ImportCase::new(&mapping, export.as_bytes()).run();
        run.fails_at(
            "export.csv",
            2,
            &format!("`{cell}` is not a date as mm/dd/yyyy"),
        );
        assert!(out.is_none());
    }
}

#[test]
fn a_file_that_mixes_encodings_is_refused() {
    let mapping = MAP.replace(
        "\n\n[[items]]",
        "\ngroup = { column = \"Segment\" }\n\n[[items]]",
    );
    let export = [
        b"id,Segment,Kanal\n1,Privatkund\xc3\xa9,4\n2,Caf".as_slice(),
        b"\xe9,3\n",
    ]
    .concat();
    let (run, out) = ImportCase::new(&mapping, &export).run();
    run.fails_at(
        "export.csv",
        3,
        "the file is UTF-8 in places and another encoding here",
    );
    assert!(out.is_none());
}

#[test]
fn a_language_column_is_checked_and_a_column_is_mapped_once() {
    let mapping = MAP.replace(
        "\n\n[[items]]",
        "\nlanguage = { column = \"Sprache\" }\n\n[[items]]",
    );
    let (run, _) = ImportCase::new(&mapping, b"id,Sprache,Kanal\n1,nl-informal,4\n").run();
    run.fails_at(
        "export.csv",
        2,
        "the language `nl-informal` is not one of the questionnaire's (de, en",
    );

    let twice = format!("{MAP}\n[[items]]\nitem = \"reach.hours\"\ncolumn = \"Kanal\"\n");
    let (run, _) = ImportCase::new(&twice, b"id,Kanal\n1,4\n").run();
    run.fails_at("map.toml", 11, "column `Kanal` is already mapped on line 7");
}

#[test]
fn an_import_never_writes_over_its_export() {
    let case = ImportCase::new(MAP, b"id,Kanal\n1,4\n");
    let export = case.dir.path().join("export.csv");
    let run = import(&export, &case.dir.path().join("map.toml"), &export);
    run.fails_at_file("export.csv", "is the export itself");
    assert_eq!(std::fs::read(&export).unwrap(), b"id,Kanal\n1,4\n");
}

#[test]
fn a_form_replaces_only_an_earlier_form() {
    let fixture = Fixture::new();
    let answers = fixture.file("answers/self/s1.toml");
    let run = fixture.run(
        "form",
        &["--perspective", "self", "-o", answers.to_str().unwrap()],
    );
    run.fails_at_file("s1.toml", "a form is an .html file");
    let notes = fixture.file("notes.html");
    std::fs::write(&notes, "<p>my notes</p>").unwrap();
    let run = fixture.run(
        "form",
        &["--perspective", "self", "-o", notes.to_str().unwrap()],
    );
    run.fails_at_file("notes.html", "is not a centricity form");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "<p>my notes</p>");
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), common::SELF_1);

    let form = fixture.file("form.html");
    for _ in 0..2 {
        let made = fixture.run(
            "form",
            &["--perspective", "self", "-o", form.to_str().unwrap()],
        );
        assert_eq!(made.code, 0, "an earlier form is replaced: {}", made.stderr);
    }
}
