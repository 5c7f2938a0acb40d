//! Exports as the tools and spreadsheets of other countries write them: dates with a time of
//! day, month first with one or two digits (`3/7/2026 2:33:01 PM`), and legacy encodings
//! guessed from the bytes (Windows-1250 for a Polish client, UTF-16 without a byte-order
//! mark).

mod common;

use common::{import_bytes, import_text as import};

const MAPPING: &str = r#"questionnaire = "customer-centricity"
perspective = "customer"
respondent = { column = "id" }
group = { column = "Segment" }
ignore_other_columns = true

[[items]]
item = "reach.channels"
column = "R1"
comment = "Kommentar"
"#;

#[test]
fn dates_month_first_with_a_time_of_day() {
    let export = "id,Timestamp,R1\n\
                  k1,3/7/2026 2:33:01 PM,4\n\
                  k2,12/24/2026 9:05:00 AM,5\n\
                  k3,10/1/2026 14:33,3\n";
    let mapping = "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\n\
                   respondent = { column = \"id\" }\n\
                   date = { column = \"Timestamp\", format = \"m/d/yyyy\" }\n\n\
                   [[items]]\nitem = \"reach.channels\"\ncolumn = \"R1\"\n";
    let (ran, table) = import(mapping, export);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let table = table.unwrap();
    for date in ["2026-03-07", "2026-12-24", "2026-10-01"] {
        assert!(table.contains(date), "{date}: {table}");
    }

    // without the format, the one problem names the format the column is written in
    let (ran, table) = import(&mapping.replace(", format = \"m/d/yyyy\"", ""), export);
    assert_eq!(ran.code, 1);
    assert!(table.is_none());
    assert!(
        ran.stderr.contains("they are dates as mm/dd/yyyy"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_date_followed_by_words_is_no_date() {
    let export = "id,Datum,R1\nk1,07.03.2026 14:33,4\nk2,07.03.2026 irgendwann,5\n";
    let mapping = "questionnaire = \"customer-centricity\"\nperspective = \"customer\"\n\
                   respondent = { column = \"id\" }\n\
                   date = { column = \"Datum\", format = \"dd.mm.yyyy\" }\n\n\
                   [[items]]\nitem = \"reach.channels\"\ncolumn = \"R1\"\n";
    let (ran, _) = import(mapping, export);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains("`07.03.2026 irgendwann` is not a date as dd.mm.yyyy"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("export.csv:3:"), "{}", ran.stderr);
}

#[test]
fn a_polish_clients_excel_file_is_read_as_windows_1250() {
    let text = "id;Segment;R1;Kommentar\r\n\
                k1;Klienci biznesowi;4;Bardzo miła obsługa, szybka odpowiedź\r\n\
                k2;Klienci prywatni;2;Źle oznaczone ceny, żadnej informacji o dostawie\r\n";
    let (cp1250, _, unmappable) = encoding_rs::WINDOWS_1250.encode(text);
    assert!(!unmappable);
    let (ran, table) = import_bytes(MAPPING, &cp1250);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let table = table.unwrap();
    for words in [
        "Klienci biznesowi",
        "Bardzo miła obsługa, szybka odpowiedź",
        "Źle oznaczone ceny, żadnej informacji o dostawie",
    ] {
        assert!(table.contains(words), "{words}: {table}");
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let text = "id\tSegment\tR1\tKommentar\r\n\
                k1\tPrivatkunden\t4\tSehr freundlich, pünktlich geliefert\r\n";
    for bytes in [
        text.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
        text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    ] {
        let (ran, table) = import_bytes(MAPPING, &bytes);
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        let table = table.unwrap();
        assert!(
            table.contains("Sehr freundlich, pünktlich geliefert"),
            "{table}"
        );
    }
}
