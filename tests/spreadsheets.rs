//! Spreadsheet exports (`.xlsx`, `.ods`): the shipped Microsoft Forms workbook imports,
//! validates and scores; problems name the sheet and cell; files that are no export say
//! which export to choose; damaged workbooks never panic.
//!
//! The workbooks are written here by a small writer (a ZIP of a few XML parts), so that
//! every variant is made from the same rows. `CENTRICITY_WRITE_SAMPLES=1 cargo test --test
//! spreadsheets` writes the shipped sample again.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::run;
use proptest::prelude::*;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/imports/microsoft-forms-xlsx"
);
const CSV_SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/imports/microsoft-forms/export.csv"
);

#[derive(Clone, Debug)]
enum Cell {
    Text(String),
    Number(f64),
    /// An Excel serial date (days since 1899-12-30, the time as a fraction).
    Date(f64),
    Empty,
}

type Rows = Vec<Vec<Cell>>;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn column_name(mut c: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default());
        writer.start_file(*name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// An `.xlsx` with these sheets, dates as real date cells (a date style, numFmt 22).
fn xlsx(sheets: &[(&str, &Rows)]) -> Vec<u8> {
    let sheets: Vec<(&str, String)> = sheets
        .iter()
        .map(|(name, rows)| (*name, sheet_xml(rows)))
        .collect();
    workbook(&sheets)
}

/// An `.xlsx` with these sheets, each given as its XML.
fn workbook(sheets: &[(&str, String)]) -> Vec<u8> {
    let mut parts = vec![
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{}</Types>"#,
                (1..=sheets.len())
                    .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
                    .collect::<String>()
            ),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                .to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{}</sheets></workbook>"#,
                sheets
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| format!(
                        r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
                        escape(name),
                        i + 1,
                        i + 1
                    ))
                    .collect::<String>()
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
                (1..=sheets.len())
                    .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
                    .collect::<String>()
            ),
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>"#
                .to_string(),
        ),
    ];
    let mut names = Vec::new();
    for i in 1..=sheets.len() {
        names.push(format!("xl/worksheets/sheet{i}.xml"));
    }
    for (i, (_, xml)) in sheets.iter().enumerate() {
        parts.push((names[i].as_str(), xml.clone()));
    }
    zip(&parts)
}

/// A worksheet's XML: `sheetData` holding these rows.
fn sheet_xml(rows: &Rows) -> String {
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        data += &format!(r#"<row r="{}">"#, r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_name(c), r + 1);
            data += &match cell {
                Cell::Text(t) => format!(
                    r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(t)
                ),
                Cell::Number(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
                Cell::Date(d) => format!(r#"<c r="{at}" s="1"><v>{d}</v></c>"#),
                Cell::Empty => String::new(),
            };
        }
        data += "</row>";
    }
    worksheet(&data)
}

fn worksheet(data: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
    )
}

/// An `.ods` with one sheet: dates as date cells, numbers as floats.
fn ods(name: &str, rows: &Rows) -> Vec<u8> {
    let mut table = format!(r#"<table:table table:name="{}">"#, escape(name));
    for row in rows {
        table += "<table:table-row>";
        for cell in row {
            table += &match cell {
                Cell::Text(t) => format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    escape(t)
                ),
                Cell::Number(n) => format!(
                    r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                ),
                Cell::Date(d) => {
                    let (y, m, day) = civil(*d as i64);
                    let minutes = ((d.fract() * 1440.0).round()) as i64;
                    format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{day:02}T{:02}:{:02}:00"><text:p>x</text:p></table:table-cell>"#,
                        minutes / 60,
                        minutes % 60
                    )
                }
                Cell::Empty => "<table:table-cell/>".to_string(),
            };
        }
        table += "</table:table-row>";
    }
    table += "</table:table>";
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".to_string(),
        ),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
                .to_string(),
        ),
        ("content.xml", content),
    ])
}

/// Days since 1899-12-30 for a civil date.
fn serial(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + 25_569
}

/// The civil date of a serial day.
fn civil(serial: i64) -> (i64, i64, i64) {
    let z = serial - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `11.10.2026 08:11` as an Excel serial date.
fn date_cell(text: &str) -> Cell {
    let (date, time) = text.split_once(' ').unwrap();
    let d: Vec<i64> = date.split('.').map(|p| p.parse().unwrap()).collect();
    let t: Vec<f64> = time.split(':').map(|p| p.parse().unwrap()).collect();
    Cell::Date(serial(d[2], d[1], d[0]) as f64 + (t[0] * 60.0 + t[1]) / 1440.0)
}

/// The Microsoft Forms sample as a workbook's rows: the CSV sample's answers, under the
/// headers of an English Microsoft Forms export, ids and NPS as numbers, times as dates.
fn forms_rows() -> Rows {
    let bytes = std::fs::read(CSV_SAMPLE).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let row = record
            .iter()
            .enumerate()
            .map(|(c, cell)| match (r, c) {
                (0, 0..=4) => Cell::Text(
                    ["ID", "Start time", "Completion time", "Email", "Name"][c].to_string(),
                ),
                (0, _) => Cell::Text(cell.to_string()),
                (_, _) if cell.is_empty() => Cell::Empty,
                (_, 1 | 2) => date_cell(cell),
                (_, c) if cell.parse::<f64>().is_ok() && (c == 0 || c + 1 == record.len()) => {
                    Cell::Number(cell.parse().unwrap())
                }
                _ => Cell::Text(cell.to_string()),
            })
            .collect();
        rows.push(row);
    }
    rows
}

fn import(export: &Path, mapping: &Path, out: &Path) -> common::Run {
    run(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

fn mapping() -> PathBuf {
    Path::new(SAMPLE).join("mapping.toml")
}

/// Writes `bytes` as `name` in `dir` and imports it with the sample's mapping.
fn import_bytes(dir: &Path, name: &str, bytes: &[u8]) -> (common::Run, PathBuf) {
    let export = dir.join(name);
    std::fs::write(&export, bytes).unwrap();
    let out = dir.join(format!("{name}.csv"));
    (import(&export, &mapping(), &out), out)
}

#[test]
fn the_shipped_workbook_is_the_one_these_rows_make() {
    let made = xlsx(&[("Sheet1", &forms_rows())]);
    let shipped = Path::new(SAMPLE).join("export.xlsx");
    if std::env::var_os("CENTRICITY_WRITE_SAMPLES").is_some() {
        std::fs::write(&shipped, &made).unwrap();
    }
    assert_eq!(
        std::fs::read(&shipped).unwrap(),
        made,
        "run with CENTRICITY_WRITE_SAMPLES=1 to write it again"
    );
}

#[test]
fn the_workbook_sample_imports_validates_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let assessment = dir.path().join("a");
    assert_eq!(run(&["init", assessment.to_str().unwrap()]).code, 0);
    let out = assessment.join("answers/microsoft-forms.csv");
    let done = import(&Path::new(SAMPLE).join("export.xlsx"), &mapping(), &out);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(done.stderr.contains("8 respondents"), "{}", done.stderr);
    let table = std::fs::read_to_string(&out).unwrap();
    assert!(
        table.contains("msf-1,customer,"),
        "ids lose their .0:\n{table}"
    );
    assert!(
        table.contains(",2026-10-11,"),
        "date cells are dates:\n{table}"
    );
    assert!(table.contains(",na,"), "\"Weiß nicht\" is na");
    let validate = run(&["validate", assessment.to_str().unwrap()]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(
        validate
            .stdout
            .contains("8 respondents (0 self, 8 customer)"),
        "{}",
        validate.stdout
    );
    let score = run(&["score", assessment.to_str().unwrap(), "--format", "json"]);
    assert_eq!(score.code, 0, "{}", score.stderr);
    assert!(score.stdout.contains("\"customer\""), "{}", score.stdout);
}

#[test]
fn a_workbook_and_an_ods_import_like_the_csv_they_were_made_from() {
    let dir = tempfile::tempdir().unwrap();
    let rows = forms_rows();
    let (xlsx_run, xlsx_out) = import_bytes(dir.path(), "export.xlsx", &xlsx(&[("Sheet1", &rows)]));
    assert_eq!(xlsx_run.code, 0, "{}", xlsx_run.stderr);
    let (ods_run, ods_out) = import_bytes(dir.path(), "export.ods", &ods("Tabelle1", &rows));
    assert_eq!(ods_run.code, 0, "{}", ods_run.stderr);
    // the same workbook named .xls: the bytes decide, not the name
    let (renamed, renamed_out) =
        import_bytes(dir.path(), "export.xls", &xlsx(&[("Sheet1", &rows)]));
    assert_eq!(renamed.code, 0, "{}", renamed.stderr);
    let xlsx_table = std::fs::read(&xlsx_out).unwrap();
    assert_eq!(xlsx_table, std::fs::read(&ods_out).unwrap());
    assert_eq!(xlsx_table, std::fs::read(&renamed_out).unwrap());
    // and the CSV the rows came from gives the same answers
    let csv_out = dir.path().join("csv.csv");
    let csv = import(
        Path::new(CSV_SAMPLE),
        &Path::new(CSV_SAMPLE).with_file_name("mapping.toml"),
        &csv_out,
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert_eq!(
        String::from_utf8(xlsx_table).unwrap(),
        std::fs::read_to_string(&csv_out).unwrap()
    );
}

#[test]
fn serial_numbers_in_the_date_column_are_dates() {
    let dir = tempfile::tempdir().unwrap();
    let dated = forms_rows();
    let serials: Rows = dated
        .iter()
        .map(|row| {
            let mut row = row.clone();
            if let Cell::Date(d) = row[2] {
                row[2] = Cell::Number(d);
            }
            row
        })
        .collect();
    let (run_dates, out_dates) =
        import_bytes(dir.path(), "dates.xlsx", &xlsx(&[("Sheet1", &dated)]));
    let (run_serials, out_serials) =
        import_bytes(dir.path(), "serials.xlsx", &xlsx(&[("Sheet1", &serials)]));
    assert_eq!(run_dates.code, 0, "{}", run_dates.stderr);
    assert_eq!(run_serials.code, 0, "{}", run_serials.stderr);
    assert_eq!(
        std::fs::read(out_dates).unwrap(),
        std::fs::read(out_serials).unwrap()
    );
}

#[test]
fn a_sheet_is_chosen_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let notes: Rows = vec![vec![Cell::Text("Notizen".into())]];
    let rows = forms_rows();
    let workbook = xlsx(&[("Hinweise", &notes), ("Antworten", &rows)]);
    let export = dir.path().join("export.xlsx");
    std::fs::write(&export, workbook).unwrap();
    let text = std::fs::read_to_string(mapping()).unwrap();
    let chosen = dir.path().join("chosen.toml");
    std::fs::write(
        &chosen,
        text.replacen(
            "questionnaire = ",
            "sheet = \"Antworten\"\nquestionnaire = ",
            1,
        ),
    )
    .unwrap();
    let done = import(&export, &chosen, &dir.path().join("out.csv"));
    assert_eq!(done.code, 0, "{}", done.stderr);
    let missing = dir.path().join("missing.toml");
    std::fs::write(
        &missing,
        text.replacen("questionnaire = ", "sheet = \"Daten\"\nquestionnaire = ", 1),
    )
    .unwrap();
    let failed = import(&export, &missing, &dir.path().join("out2.csv"));
    failed.fails_at_file("export.xlsx", "no sheet `Daten`");
    assert!(failed.stderr.contains("`Antworten`"), "{}", failed.stderr);
    // without `sheet`, the first sheet is read: it has none of the mapped columns
    let first = import(&export, &mapping(), &dir.path().join("out3.csv"));
    assert_eq!(first.code, 1, "{}", first.stderr);
    // `sheet` with a CSV export is a mistake in the mapping
    let csv = import(Path::new(CSV_SAMPLE), &chosen, &dir.path().join("out5.csv"));
    csv.fails_at("chosen.toml", 4, "`sheet` is for spreadsheet exports");
    // a column the mapping does not name is placed at the sheet's header row
    let strict = dir.path().join("strict.toml");
    std::fs::write(
        &strict,
        text.replacen("ignore_other_columns = true", "sheet = \"Antworten\"", 1),
    )
    .unwrap();
    let unmapped = import(&export, &strict, &dir.path().join("out4.csv"));
    unmapped.fails_at_file("export.xlsx: Antworten!1:1", "`Start time`");
}

#[test]
fn a_wrong_value_is_named_by_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = forms_rows();
    // the first question (column G) of the fourth respondent (row 5)
    rows[4][6] = Cell::Text("Trifft total zu".into());
    let (done, _) = import_bytes(dir.path(), "export.xlsx", &xlsx(&[("Sheet1", &rows)]));
    done.fails_at_file(
        "export.xlsx: Sheet1!G5",
        "\"Trifft total zu\" is not in the mapping",
    );
    // a repeated id names the row of the first
    let mut rows = forms_rows();
    rows[3][0] = Cell::Number(1.0);
    let (done, _) = import_bytes(dir.path(), "again.xlsx", &xlsx(&[("Sheet1", &rows)]));
    done.fails_at_file("again.xlsx: Sheet1!A4", "appears twice (first on row 2)");
}

#[test]
fn a_cell_far_away_is_no_sheet_of_billions_of_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = forms_rows();
    rows.truncate(3);
    // one more cell, in the last row and column a sheet has
    let far = sheet_xml(&rows).replace(
        "</sheetData>",
        r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
    );
    let (done, _) = import_bytes(dir.path(), "far.xlsx", &workbook(&[("Sheet1", far)]));
    done.fails_at_file("far.xlsx: Sheet1!XFD1048576", "no column title");
}

#[test]
fn an_export_without_a_header_row_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = forms_rows();
    rows[0] = vec![Cell::Empty];
    let (done, _) = import_bytes(dir.path(), "export.xlsx", &xlsx(&[("Sheet1", &rows)]));
    done.fails_at_file("export.xlsx: Sheet1!A1", "no header row");
}

#[test]
fn files_that_are_no_export_say_which_export_to_choose() {
    let dir = tempfile::tempdir().unwrap();
    let instead = "export the survey as CSV or Excel (.xlsx) instead";
    let archive = zip(&[("antworten.txt", "hallo".to_string())]);
    let word = zip(&[("word/document.xml", "<w:document/>".to_string())]);
    let spss = b"$FL2@(#) IBM SPSS STATISTICS 64-bit Linux 27.0.0.0".to_vec();
    let syntax = b"GET DATA /TYPE=TXT /FILE='export.csv'.\nVARIABLE LABELS q1 'Frage'.\n".to_vec();
    let r_script = b"data <- read.csv(\"export.csv\")\n".to_vec();
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(vec![0u8; 500]);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes, what) in [
        ("export.zip", &archive, "a ZIP archive"),
        ("export.docx", &word, "a Word document"),
        ("export.sav", &spss, "an SPSS data file"),
        // the bytes decide, not the name
        ("export.xlsx", &spss, "an SPSS data file"),
        ("export.csv", &archive, "a ZIP archive"),
        ("export.sps", &syntax, "SPSS syntax"),
        ("export.R", &r_script, "an R script"),
        ("export.doc", &doc, "a Word document"),
    ] {
        let (done, _) = import_bytes(dir.path(), name, bytes);
        done.fails_at_file(name, what);
        assert!(done.stderr.contains(instead), "{name}: {}", done.stderr);
    }
}

fn damaged() -> impl Strategy<Value = Vec<u8>> {
    let rows: Rows = forms_rows().into_iter().take(4).collect();
    let workbook = xlsx(&[("Sheet1", &rows)]);
    let len = workbook.len();
    prop::collection::vec((0..len, any::<u8>()), 1..12).prop_map(move |changes| {
        let mut bytes = workbook.clone();
        for (at, byte) in changes {
            bytes[at] = byte;
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn a_damaged_workbook_never_panics(bytes in damaged(), cut in 0usize..4000) {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("export.xlsx");
        let keep = if cut % 2 == 0 { bytes.len() } else { bytes.len().saturating_sub(cut) };
        std::fs::write(&export, &bytes[..keep]).unwrap();
        let _ = centricity::input::import::import(&export, &mapping());
    }
}

/// A real Excel 97–2003 workbook (BIFF8, written by xlwt from the shipped sample; see
/// `tests/fixtures/xls/make.py`) imports to the same table as the `.xlsx` it was made from.
#[test]
fn a_real_xls_workbook_imports_like_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let xls = fixtures.join("xls/export.xls");
    assert!(std::fs::read(&xls)
        .unwrap()
        .starts_with(b"\xD0\xCF\x11\xE0"));
    let (xls_out, xlsx_out) = (dir.path().join("xls.csv"), dir.path().join("xlsx.csv"));
    let done = import(&xls, &mapping(), &xls_out);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(done.stderr.contains("8 respondents"), "{}", done.stderr);
    let done = import(
        &Path::new(SAMPLE).join("export.xlsx"),
        &mapping(),
        &xlsx_out,
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(
        std::fs::read_to_string(&xls_out).unwrap(),
        std::fs::read_to_string(&xlsx_out).unwrap()
    );
}

/// A workbook with a part that unpacks to a gigabyte (1 MB packed; see
/// `tests/fixtures/zip-bomb/make.py`) is refused before calamine reads it, and nothing is
/// written.
#[test]
fn a_zip_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/zip-bomb/export.xlsx");
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 * 1024 * 1024);
    let out = dir.path().join("out.csv");
    let done = import(&bomb, &mapping(), &out);
    done.fails_at_file("export.xlsx", "the workbook unpacks to more than 1024 MB");
    assert!(!out.exists());
}

/// A workbook cut short (a download that broke off) is called damaged, with what to do.
#[test]
fn a_workbook_cut_short_is_called_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(Path::new(SAMPLE).join("export.xlsx")).unwrap();
    let (done, out) = import_bytes(dir.path(), "export.xlsx", &whole[..whole.len() / 2]);
    done.fails_at_file("export.xlsx", "the workbook is damaged or incomplete");
    assert!(
        done.stderr.contains("download the export again"),
        "{}",
        done.stderr
    );
    assert!(!out.exists());
}
