//! `score --format xlsx`: the workbook has its sheets, frozen headers and filters, repeats
//! byte for byte, keeps every text a text, follows the write rules of `-o`, and LibreOffice
//! reads back the numbers of `score --format json`.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run, Fixture};
use serde_json::Value;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster");

/// The sheets of the example in German, in order.
const SHEETS: [&str; 9] = [
    "Übersicht",
    "Dimensionen",
    "Aussagen",
    "Gruppen",
    "Kundenreise",
    "NPS",
    "Treiber",
    "Treiber je Aussage",
    "Begriffe in Kommentaren",
];

/// Writes the workbook of `dir` into `out` (with `more` arguments); the file's bytes.
fn workbook(dir: &str, out: &Path, more: &[&str]) -> Vec<u8> {
    let mut args = vec!["score", dir, "-o", out.to_str().unwrap()];
    args.extend_from_slice(more);
    let run = run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing printed: {}", run.stdout);
    std::fs::read(out).unwrap()
}

/// The parts of the workbook, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP file");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.insert(file.name().to_string(), text);
    }
    parts
}

/// The sheet names in the workbook's order.
fn sheet_names(parts: &BTreeMap<String, String>) -> Vec<String> {
    let workbook = &parts["xl/workbook.xml"];
    workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_example_has_a_sheet_per_part_with_frozen_filtered_headers() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = workbook(EXAMPLE, &dir.path().join("scores.xlsx"), &[]);
    let parts = parts(&bytes);
    assert_eq!(sheet_names(&parts), SHEETS);
    for i in 1..=SHEETS.len() {
        let sheet = &parts[&format!("xl/worksheets/sheet{i}.xml")];
        assert!(
            sheet.contains("state=\"frozen\""),
            "{}: no frozen pane",
            SHEETS[i - 1]
        );
        // the summary is no list; every other sheet is one, with filter buttons
        assert_eq!(sheet.contains("<autoFilter"), i > 1, "{}", SHEETS[i - 1]);
        assert!(!sheet.contains("<f>"), "{}: a formula", SHEETS[i - 1]);
    }
    // the statements keep the id column in view, the dimensions also their name
    assert!(parts["xl/worksheets/sheet3.xml"].contains("topLeftCell=\"B2\""));
    assert!(parts["xl/worksheets/sheet2.xml"].contains("topLeftCell=\"C2\""));
    assert!(parts["docProps/core.xml"].contains("2026-11-15T00:00:00Z"));
}

#[test]
fn the_same_assessment_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = workbook(EXAMPLE, &dir.path().join("a.xlsx"), &[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = workbook(EXAMPLE, &dir.path().join("b.xlsx"), &[]);
    assert!(first == second, "two runs wrote different workbooks");
}

#[test]
fn english_sheets_and_headers_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = workbook(EXAMPLE, &dir.path().join("scores.xlsx"), &["--lang", "en"]);
    let parts = parts(&bytes);
    assert_eq!(
        sheet_names(&parts),
        [
            "Summary",
            "Dimensions",
            "Statements",
            "Groups",
            "Journey",
            "NPS",
            "Drivers",
            "Drivers by statement",
            "Comment terms"
        ]
    );
    let strings = &parts["xl/sharedStrings.xml"];
    for word in [
        "Score · Self",
        "Gap",
        "I can reach the company",
        "Hedges' g",
    ] {
        assert!(strings.contains(word), "no {word:?}");
    }
}

#[test]
fn a_text_that_looks_like_a_formula_stays_text() {
    let fixture = Fixture::new();
    let mut customers = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    for (i, group) in ["\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "@SUM(1)"]
        .iter()
        .enumerate()
    {
        for k in 0..5 {
            customers += &format!("k{i}{k},customer,{group},{},2,4,{}\n", 1 + k, 5 + k);
        }
    }
    fixture.write("answers/customers.csv", &customers);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.xlsx");
    let bytes = workbook(fixture.path().to_str().unwrap(), &out, &[]);
    let parts = parts(&bytes);
    let strings = &parts["xl/sharedStrings.xml"];
    assert!(
        strings.contains("<t>=HYPERLINK(\"http://x\",\"y\")</t>"),
        "{strings}"
    );
    assert!(strings.contains("@SUM(1)"));
    for (name, part) in &parts {
        assert!(!part.contains("<f>"), "{name} holds a formula");
    }
    let groups = &libreoffice_csv(&out)["Gruppen"];
    let names: Vec<&str> = groups.iter().map(|r| r[1].as_str()).collect();
    assert!(
        names.contains(&"=HYPERLINK(\"http://x\",\"y\")"),
        "{names:?}"
    );
    assert!(names.contains(&"@SUM(1)"), "{names:?}");
}

#[test]
fn a_workbook_goes_to_a_xlsx_file_and_never_over_an_input() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let run = fixture.run("score", &["--format", "xlsx"]);
    run.fails_at_file("--format xlsx", "-o scores.xlsx");
    let csv = dir.path().join("scores.csv");
    let run = fixture.run("score", &["--format", "xlsx", "-o", csv.to_str().unwrap()]);
    run.fails_at_file("scores.csv", "must end in .xlsx");
    assert!(!csv.exists());
    let xlsx = dir.path().join("scores.xlsx");
    let run = fixture.run("score", &["--format", "json", "-o", xlsx.to_str().unwrap()]);
    run.fails_at_file("scores.xlsx", "--format xlsx");
    let inside = fixture.file("answers/scores.xlsx");
    let run = fixture.run("score", &["-o", inside.to_str().unwrap()]);
    run.fails_at_file("scores.xlsx", "answers folder");
    assert!(!inside.exists());
    let run = fixture.run(
        "score",
        &["-o", fixture.file("assessment.toml").to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(std::fs::read_to_string(fixture.file("assessment.toml"))
        .unwrap()
        .starts_with("client"));
    // -o works for the other formats too: the JSON as it would be printed
    let json = dir.path().join("scores.json");
    let run = fixture.run("score", &["--format", "json", "-o", json.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed = fixture.run("score", &["--format", "json"]).stdout;
    assert_eq!(std::fs::read_to_string(&json).unwrap(), printed);
}

/// The LibreOffice to convert with, or a failure saying how to install it.
fn soffice() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
        .expect(
            "these tests read the workbook back with LibreOffice and none was found: install \
             it (Debian/Ubuntu: `apt-get install libreoffice-calc-nogui`; .ci/run installs it)",
        )
}

/// Every sheet of the workbook as LibreOffice reads it, by name: rows of cells, the header
/// row first, numbers in full precision (not as shown).
fn libreoffice_csv(xlsx: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let out = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    // field 9 `false`: the cells' values, not their display; field 12 `-1`: every sheet
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let status = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(out.path())
        .arg(xlsx)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let stem = xlsx.file_stem().unwrap().to_str().unwrap();
    let mut sheets = BTreeMap::new();
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let sheet = name.strip_prefix(&format!("{stem}-")).unwrap().to_string();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        sheets.insert(sheet, rows);
    }
    sheets
}

/// A sheet's rows as maps from header to cell.
fn by_header(rows: &[Vec<String>]) -> Vec<BTreeMap<String, String>> {
    let header = &rows[0];
    rows[1..]
        .iter()
        .map(|row| header.iter().cloned().zip(row.iter().cloned()).collect())
        .collect()
}

/// The cell says what the JSON value says: the same number (to 1e-9 of it), empty for
/// `null`, or the same text.
fn same(cell: &str, json: &Value, what: &str) {
    match json {
        Value::Null => assert_eq!(cell, "", "{what}: null is an empty cell"),
        Value::Number(n) => {
            let want = n.as_f64().unwrap();
            let got: f64 = cell
                .parse()
                .unwrap_or_else(|_| panic!("{what}: {cell:?} is no number"));
            let tolerance = 1e-9 * want.abs().max(1e-9);
            assert!((got - want).abs() <= tolerance, "{what}: {got} ≠ {want}");
        }
        Value::String(s) => assert_eq!(cell, s, "{what}"),
        other => panic!("{what}: {other} is no cell"),
    }
}

/// Each row of `rows` against the JSON value at the same place in `values`: the column
/// `header` against the value at `pointer`.
fn check(
    sheet: &str,
    rows: &[BTreeMap<String, String>],
    values: &[&Value],
    columns: &[(&str, &str)],
) {
    assert_eq!(rows.len(), values.len(), "{sheet}: rows");
    for (row, value) in rows.iter().zip(values) {
        for (header, pointer) in columns {
            let cell = row
                .get(*header)
                .unwrap_or_else(|| panic!("{sheet}: no column {header:?} in {row:?}"));
            let want = value.pointer(pointer).unwrap_or(&Value::Null);
            same(cell, want, &format!("{sheet} {header} ({pointer})"));
        }
    }
}

/// The columns of both perspectives: `"{header} · Selbst"` at `/self{pointer}`, and the same
/// for customers.
fn per_view(columns: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (view, key) in [("Selbst", "/self"), ("Kunden", "/customer")] {
        for (header, pointer) in columns {
            all.push((format!("{header} · {view}"), format!("{key}{pointer}")));
        }
    }
    all
}

fn borrowed(columns: &[(String, String)]) -> Vec<(&str, &str)> {
    columns
        .iter()
        .map(|(h, p)| (h.as_str(), p.as_str()))
        .collect()
}

#[test]
fn libreoffice_reads_the_numbers_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("scores.xlsx");
    workbook(EXAMPLE, &xlsx, &[]);
    let json = run(&["score", EXAMPLE, "--format", "json"]);
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    let sheets = libreoffice_csv(&xlsx);
    let mut names: Vec<&str> = sheets.keys().map(String::as_str).collect();
    let mut expected = SHEETS.to_vec();
    names.sort();
    expected.sort();
    assert_eq!(names, expected);
    let sheet = |name: &str| by_header(&sheets[name]);
    let list = |pointer: &str| -> Vec<&Value> {
        json.pointer(pointer)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .collect()
    };

    let dimension = per_view(&[
        ("n", "/n"),
        ("Mittelwert", "/mean"),
        ("Wert", "/score"),
        ("Std.-Abw.", "/sd"),
        ("95 %-VB unten", "/ci95/0"),
        ("95 %-VB oben", "/ci95/1"),
        ("Cronbachs α", "/alpha"),
        ("Reifegrad", "/level"),
    ]);
    let mut columns = borrowed(&dimension);
    columns.extend([
        ("Kennung", "/id"),
        ("Lücke", "/gap"),
        ("p", "/p_value"),
        ("Hedges' g", "/hedges_g"),
        ("Ziel", "/customer/target"),
        ("Abstand zum Ziel", "/customer/to_target"),
    ]);
    check(
        "Dimensionen",
        &sheet("Dimensionen"),
        &list("/dimensions"),
        &columns,
    );

    let mut item = vec![
        ("n", "/n".to_string()),
        ("k. A.", "/na".to_string()),
        ("Fehlend", "/missing".to_string()),
        ("Mittelwert", "/mean".to_string()),
        ("Wert", "/score".to_string()),
        ("Std.-Abw.", "/sd".to_string()),
        ("95 %-VB unten", "/ci95/0".to_string()),
        ("95 %-VB oben", "/ci95/1".to_string()),
    ];
    let answers: Vec<String> = (1..=5).map(|v| format!("Antwort {v}")).collect();
    for (v, header) in answers.iter().enumerate() {
        item.push((header, format!("/counts/{v}")));
    }
    let item: Vec<(&str, &str)> = item.iter().map(|(h, p)| (*h, p.as_str())).collect();
    let item = per_view(&item);
    let mut columns = borrowed(&item);
    columns.extend([
        ("Kennung", "/id"),
        ("Lücke", "/gap"),
        ("p", "/p_value"),
        ("Hedges' g", "/hedges_g"),
    ]);
    let statements = sheet("Aussagen");
    check("Aussagen", &statements, &list("/items"), &columns);
    assert!(statements[0]["Aussage"].starts_with("Ich kann das Unternehmen"));

    let groups: Vec<&Value> = list("/groups/self")
        .into_iter()
        .chain(list("/groups/customer"))
        .collect();
    let scores: Vec<(String, String)> = [
        "Erreichbarkeit",
        "Freundlichkeit",
        "Kompetenz",
        "Zuverlässigkeit",
        "Begeisterung",
    ]
    .iter()
    .enumerate()
    .map(|(d, name)| (format!("{name} · Wert"), format!("/dimensions/{d}/score")))
    .collect();
    let mut columns = borrowed(&scores);
    columns.extend([
        ("n", "/n"),
        ("Zusammengefasste Gruppen", "/pooled"),
        ("Davon klein", "/pooled_small"),
    ]);
    check("Gruppen", &sheet("Gruppen"), &groups, &columns);

    let journey = per_view(&[("Antworten", "/n"), ("Wert", "/score")]);
    let mut columns = borrowed(&journey);
    columns.push(("Lücke", "/gap"));
    check(
        "Kundenreise",
        &sheet("Kundenreise"),
        &list("/journey"),
        &columns,
    );

    let nps: Vec<&Value> = ["/nps/self", "/nps/customer"]
        .iter()
        .map(|p| json.pointer(p).unwrap())
        .collect();
    let counts: Vec<(String, String)> = (0..=10)
        .map(|v| (format!("Antwort {v}"), format!("/counts/{v}")))
        .collect();
    let mut columns = borrowed(&counts);
    columns.extend([
        ("n", "/n"),
        ("Kritiker", "/detractors"),
        ("Passive", "/passives"),
        ("Promotoren", "/promoters"),
        ("NPS", "/score"),
        ("95 %-VB unten", "/ci95/0"),
        ("95 %-VB oben", "/ci95/1"),
    ]);
    check("NPS", &sheet("NPS"), &nps, &columns);

    let columns = [
        ("Kennung", "/id"),
        ("LMG", "/lmg"),
        ("Anteil an R²", "/share"),
        ("Relatives Gewicht", "/relative_weight"),
    ];
    check(
        "Treiber",
        &sheet("Treiber"),
        &list("/drivers/dimensions"),
        &columns,
    );

    let columns = [
        ("Kennung", "/id"),
        ("n", "/n"),
        ("r", "/r"),
        ("95 %-VB unten", "/ci95/0"),
        ("95 %-VB oben", "/ci95/1"),
        ("p", "/p_value"),
    ];
    let driver_items = sheet("Treiber je Aussage");
    check(
        "Treiber je Aussage",
        &driver_items,
        &list("/drivers/items"),
        &columns,
    );
    for p in list("/priorities") {
        let row = driver_items
            .iter()
            .find(|r| r["Kennung"] == p["id"].as_str().unwrap())
            .unwrap();
        same(&row["Wichtigkeit (r)"], &p["importance"], "importance");
        same(
            &row["Leistung (Kundenwert)"],
            &p["performance"],
            "performance",
        );
        same(&row["Selbst (0–100)"], &p["self"], "self");
    }

    let summary = &sheets["Übersicht"];
    let line = |label: &str| summary.iter().find(|r| r[0] == label).unwrap();
    for (label, pointers) in [
        (
            "Teilnehmende",
            ["/respondents/self", "/respondents/customer"],
        ),
        (
            "Gesamtwert",
            ["/overall/self/score", "/overall/customer/score"],
        ),
        (
            "Reifegrad",
            ["/overall/self/level", "/overall/customer/level"],
        ),
        ("Ziel", ["/overall/self/target", "/overall/customer/target"]),
        ("NPS", ["/nps/self/score", "/nps/customer/score"]),
    ] {
        for (col, pointer) in pointers.iter().enumerate() {
            same(&line(label)[col + 1], json.pointer(pointer).unwrap(), label);
        }
    }
    same(
        &line("Gesamtwert")[3],
        &json["overall"]["gap"],
        "overall gap",
    );
    same(&line("Treiber: R²")[2], &json["drivers"]["r2"], "R²");

    // the terms, each with its count, as the JSON has them (and nothing it has not)
    let terms = sheet("Begriffe in Kommentaren");
    let counted: usize = ["self", "customer"]
        .iter()
        .map(|p| {
            let themes = &json["themes"][p];
            let dimensions: usize = themes["dimensions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["terms"].as_array().map_or(0, Vec::len))
                .sum();
            let contrast: usize = ["detractors", "promoters"]
                .iter()
                .map(|k| themes[k].as_array().map_or(0, Vec::len))
                .sum();
            dimensions + contrast + themes["dictionary"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(terms.len(), counted);
    let hotline = terms
        .iter()
        .find(|r| r["Begriff"] == "Hotline" && r["Bereich"] == "Erreichbarkeit")
        .unwrap();
    let json_hotline = &json["themes"]["customer"]["dimensions"][0]["terms"][0];
    same(&hotline["Kommentare"], &json_hotline["count"], "Hotline");
}
