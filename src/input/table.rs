//! Reading tables (answer tables and survey exports): encodings, the delimiter, records
//! streamed from a file or read whole, and the byte places of rows and cells.

use std::io::BufRead;
use std::ops::Range;
use std::path::Path;

use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::model::assessment::Date;

/// The delimiter of a table: the one of `,` `;` and tab that splits every row into the same
/// number of cells, the most of them. Counting characters in the header is not enough: a
/// German Excel file separated by `;` may have commas in its question texts.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let mut best: Option<(u8, usize)> = None;
    for delimiter in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let lengths: Vec<usize> = reader
            .records()
            .take(100)
            .filter_map(Result::ok)
            .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
            .map(|r| r.len())
            .collect();
        let Some(&columns) = lengths.first() else {
            continue;
        };
        if columns > 1
            && lengths.iter().all(|&l| l == columns)
            && best.is_none_or(|(_, b)| columns > b)
        {
            best = Some((delimiter, columns));
        }
    }
    best.map_or_else(
        || {
            // rows of different lengths: the header decides, and the rows will be reported.
            // The header is its first record, not its first line: a quoted title may hold a
            // line break
            [b',', b';', b'\t']
                .into_iter()
                .max_by_key(|&d| header_cells(text, d))
                .unwrap_or(b',')
        },
        |(d, _)| d,
    )
}

/// How many cells the first record of `text` has when split at `delimiter`.
fn header_cells(text: &str, delimiter: u8) -> usize {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .find(|r| !r.iter().all(|c| c.trim().is_empty()))
        .map_or(0, |r| r.len())
}

/// An export's text, decoded: UTF-8 (with or without BOM), UTF-16 with BOM or without one
/// (told by its zero bytes), else the legacy encoding chardetng guesses from the bytes:
/// Windows-1252 for what Excel writes in German-speaking countries, Windows-1250 for Central
/// Europe, and so on. A file that is UTF-8 in places and something else in others is
/// refused: decoding it either way would garble half of it. The error is the byte offset of
/// the first byte that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, usize> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(bytes).0.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (mut utf8_letters, mut first_invalid, mut offset) = (0, None, 0);
    for chunk in bytes.utf8_chunks() {
        utf8_letters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() && first_invalid.is_none() {
            first_invalid = Some(offset + chunk.valid().len());
        }
        offset += chunk.valid().len() + chunk.invalid().len();
    }
    match first_invalid {
        Some(at) if utf8_letters > 0 => Err(at),
        _ => Ok(legacy_encoding(bytes)
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()),
    }
}

/// The legacy encoding of text that is not UTF-8, as chardetng (Firefox's detector) guesses
/// it from the first 4 MiB.
fn legacy_encoding(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(4 << 20)], true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// UTF-16 without a byte-order mark, as some tools write it: in its first 1,024 bytes,
/// nearly every other byte is zero (the high byte of Latin text), and the others are not.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros = |at: usize| head.iter().skip(at).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let (even, odd) = (zeros(0), zeros(1));
    match (mostly(even), mostly(odd)) {
        (false, true) if even == 0 => Some(encoding_rs::UTF_16LE),
        (true, false) if odd == 0 => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// A file's text in whatever encoding [`decode`] recognises; a file of mixed encodings is
/// a problem placed at its first byte that is not UTF-8.
pub(crate) fn read_decoded(path: &Path) -> Result<String, Problems> {
    let bytes = crate::input::files::read_bytes(path, crate::input::files::MAX_EXPORT_BYTES)?;
    let text = decode(&bytes).map_err(|at| mixed_encoding_in(path, &bytes, at))?;
    crate::input::files::refuse_nul(path, &text)?;
    Ok(text)
}

/// The problem with a file that is UTF-8 in places and not at byte `at`.
pub(crate) fn mixed_encoding(path: &Path, at: usize) -> Diagnostic {
    let bytes = std::fs::read(path).unwrap_or_default();
    mixed_encoding_in(path, &bytes, at.min(bytes.len()))
}

fn mixed_encoding_in(path: &Path, bytes: &[u8], at: usize) -> Diagnostic {
    let lossy = String::from_utf8_lossy(&bytes[..at]).into_owned();
    let (line, column) = Source { path, text: &lossy }.position(lossy.len());
    Diagnostic::at(
        path,
        line,
        column,
        "the file is UTF-8 in places and another encoding here (save it again, as UTF-8)",
    )
}

/// The ways a date may be written in an export (a mapping's `format`). Each takes one or two
/// digits for the day and the month, so `mm/dd/yyyy` also reads `3/7/2026`.
pub(crate) const FORMATS: [&str; 3] = ["yyyy-mm-dd", "dd.mm.yyyy", "mm/dd/yyyy"];

/// The format a mapping names: one of [`FORMATS`], or the same written with single letters
/// (`m/d/yyyy`, `d.m.yyyy`, `yyyy-m-d`), which reads the same dates.
pub(crate) fn date_format(name: &str) -> Option<&'static str> {
    match name.trim() {
        "yyyy-mm-dd" | "yyyy-m-d" => Some(FORMATS[0]),
        "dd.mm.yyyy" | "d.m.yyyy" => Some(FORMATS[1]),
        "mm/dd/yyyy" | "m/d/yyyy" => Some(FORMATS[2]),
        _ => None,
    }
}

/// The ways of [`FORMATS`] an answer table takes without being told: those that cannot be
/// read two ways (`01/02/2026` can).
const TABLE_FORMATS: [&str; 2] = ["yyyy-mm-dd", "dd.mm.yyyy"];

/// A date as survey tools and spreadsheets write it, in `format` (one of [`FORMATS`]),
/// parsed by jiff, with or without a time of day after it (`14:33`, `14:33:01.250`,
/// `2:33:01 PM`, a `T` before it, a zone such as `Z`, `+01:00` or `GMT+1` after it), which
/// is dropped. The separators must be the format's and the year must have four digits, so
/// that a day and a month are never swapped quietly; any other text after the date makes
/// the cell no date.
pub(crate) fn parse_date(cell: &str, format: &str) -> Option<Date> {
    let (pattern, separator, year) = match format {
        "dd.mm.yyyy" => ("%d.%m.%Y", '.', 2),
        "mm/dd/yyyy" => ("%m/%d/%Y", '/', 2),
        _ => ("%Y-%m-%d", '-', 0),
    };
    let cell = cell.trim();
    let (parsed, end) = jiff::fmt::strtime::BrokenDownTime::parse_prefix(pattern, cell).ok()?;
    let (date, rest) = (cell.get(..end)?, cell.get(end..)?);
    let parts: Vec<&str> = date.split(separator).collect();
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let shape =
        parts.len() == 3 && (0..3).all(|i| digits(parts[i], if i == year { 4..=4 } else { 1..=2 }));
    if !shape || !time_of_day(rest) {
        return None;
    }
    let date = parsed.to_date().ok()?;
    Date::new(
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
}

/// Whether what follows a date is nothing, or a time of day (as [`parse_date`] takes it).
fn time_of_day(rest: &str) -> bool {
    if rest.trim().is_empty() {
        return true;
    }
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let Some(time) = rest.strip_prefix([' ', 'T']) else {
        return false;
    };
    let time = time.trim_start();
    const PATTERNS: [&str; 4] = ["%I:%M:%S %p", "%I:%M %p", "%H:%M:%S%.f", "%H:%M"];
    PATTERNS.iter().any(|pattern| {
        match jiff::fmt::strtime::BrokenDownTime::parse_prefix(pattern, time) {
            Ok((parsed, end)) => parsed.to_time().is_ok() && time_zone(&time[end..]),
            Err(_) => false,
        }
    })
}

/// Whether what follows a time of day is nothing or a zone: `Z`, `+01:00`, `UTC`, `GMT+1`,
/// `MEZ`.
fn time_zone(rest: &str) -> bool {
    let zone = rest.trim();
    zone.is_empty()
        || (zone.len() <= 12
            && zone.starts_with(|c: char| c.is_ascii_alphabetic() || c == '+' || c == '-')
            && zone
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | ':')))
}

/// A date in an answer table: `2026-11-19`, or day first as German and Swiss spreadsheets
/// write it, `19.11.2026` (or `19.11.2026 14:33`).
#[inline]
pub(crate) fn table_date(cell: &str) -> Option<Date> {
    Date::parse(cell).or_else(|| TABLE_FORMATS.iter().find_map(|f| parse_date(cell, f)))
}

/// Why a cell of an answer table is no date, and the ways one may be written.
#[cold]
pub(crate) fn date_problem(cell: &str) -> String {
    let slashes = if cell.contains('/') {
        "; a date with slashes can be read month first or day first, so it is not taken"
    } else {
        ""
    };
    format!(
        "the date `{cell}` is not a date as yyyy-mm-dd or dd.mm.yyyy{slashes} (write it like 2026-11-19 or 19.11.2026)"
    )
}

/// The largest table whose every byte is checked for UTF-8 before it is streamed; of a
/// larger one, the first 64 KiB decide (a spreadsheet's export is far smaller).
const MAX_CHECKED_BYTES: u64 = 16 * 1024 * 1024;

/// How a table's bytes are text.
pub(crate) enum Encoded {
    /// UTF-8 (with or without a byte-order mark): streamed from the file as it is.
    Utf8,
    /// Another encoding (Windows-1252, UTF-16): the whole text, decoded, without a BOM.
    Decoded(String),
    /// UTF-8 in places and something else at this byte offset.
    Mixed(usize),
}

/// Whether a table is UTF-8, and its text decoded when it is not: a UTF-16 byte-order mark,
/// or bytes that are not UTF-8 in a table up to [`MAX_CHECKED_BYTES`] (or in the first
/// 64 KiB, `head`, of a larger one).
pub(crate) fn encoding(path: &Path, head: &[u8]) -> std::io::Result<Encoded> {
    let utf16 = head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
        || utf16_without_bom(head).is_some();
    let size = std::fs::metadata(path)?.len();
    let whole_head = head.len() as u64 >= size;
    let head_lines = match head.iter().rposition(|&b| b == b'\n') {
        Some(i) if !whole_head => &head[..=i],
        _ => head,
    };
    let suspect = utf16 || std::str::from_utf8(head_lines).is_err();
    if !suspect && (whole_head || size > MAX_CHECKED_BYTES) {
        return Ok(Encoded::Utf8);
    }
    let bytes = crate::input::files::read_bytes(path, crate::input::files::MAX_EXPORT_BYTES)
        .map_err(|d| std::io::Error::other(d.message))?;
    if !utf16 && std::str::from_utf8(&bytes).is_ok() {
        return Ok(Encoded::Utf8);
    }
    Ok(match decode(&bytes) {
        Ok(text) => Encoded::Decoded(text),
        Err(at) => Encoded::Mixed(at),
    })
}

/// A file's text again, for putting problems into lines, without a byte-order mark. A table
/// in another encoding is decoded as it was for reading; otherwise bytes that are not UTF-8
/// become one `?` each (not the three bytes of U+FFFD), so that every byte offset taken
/// while reading still points at the same place.
pub(crate) fn reread(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let head = &bytes[..bytes.len().min(1 << 16)];
    if let Ok(Encoded::Decoded(text)) = encoding(path, head) {
        return text;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text
}

/// The longest row of a table: a long comment fits, a 2 GB line is an error, not an
/// exhausted memory.
pub(crate) const MAX_ROW_BYTES: u64 = 64 * 1024 * 1024;

/// Counts the quotes that pass, to find one that is opened and never closed, and the bytes
/// since the last line break outside quotes, to stop a row that never ends.
pub(crate) struct QuoteTracker<R> {
    inner: R,
    offset: u64,
    open: Option<u64>,
    /// Where the current row started (after the last line break outside quotes).
    row_start: u64,
}

impl<R> QuoteTracker<R> {
    pub(crate) fn new(inner: R) -> Self {
        QuoteTracker {
            inner,
            offset: 0,
            open: None,
            row_start: 0,
        }
    }
}

impl<R: std::io::Read> std::io::Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            match b {
                b'"' => {
                    self.open = match self.open {
                        None => Some(self.offset + i as u64),
                        Some(_) => None,
                    };
                }
                b'\n' if self.open.is_none() => self.row_start = self.offset + i as u64 + 1,
                _ => {}
            }
        }
        self.offset += n as u64;
        if self.offset - self.row_start > MAX_ROW_BYTES {
            return Err(long_row(self.row_start));
        }
        Ok(n)
    }
}

/// The error of a row longer than [`MAX_ROW_BYTES`] that starts at byte `row_start`.
pub(crate) fn long_row(row_start: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "a row longer than {} MB (from byte {row_start}): is this a table?",
            MAX_ROW_BYTES / (1024 * 1024)
        ),
    )
}

/// A table read record by record, never whole: from its file when it is UTF-8, else from
/// its decoded text. Byte offsets of records are counted after the byte-order mark, as in
/// [`reread`].
pub(crate) type RecordStream = csv::Reader<QuoteTracker<Box<dyn std::io::Read + Send>>>;

/// A table file opened for streaming, with its first lines (for the header, the delimiter
/// and an estimate of the number of rows).
pub(crate) struct StreamedTable {
    /// The table's bytes after a byte-order mark, as UTF-8.
    pub input: Box<dyn std::io::Read + Send>,
    /// The whole lines of the first 64 KiB, decoded lossily.
    pub head: String,
    /// How many bytes of the file `head` covers.
    pub head_bytes: usize,
    pub delimiter: u8,
}

/// A table opened for reading, or the place where it stops being UTF-8 (one value made
/// once a file: its size does not matter).
#[allow(clippy::large_enum_variant)]
pub(crate) enum Opened {
    Table(StreamedTable),
    Mixed(usize),
}

/// Opens a table for reading row by row; a UTF-8 byte-order mark is skipped, a table in
/// another encoding (see [`encoding`]) is decoded whole first.
pub(crate) fn stream(path: &Path) -> std::io::Result<Opened> {
    let file = std::fs::File::open(path)?;
    let mut input = std::io::BufReader::with_capacity(1 << 16, file);
    let head = input.fill_buf()?.to_vec();
    let (input, head): (Box<dyn std::io::Read + Send>, Vec<u8>) = match encoding(path, &head)? {
        Encoded::Utf8 => {
            let bom = if head.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            input.consume(bom);
            (Box::new(input), head[bom..].to_vec())
        }
        Encoded::Decoded(text) => {
            let text = text.into_bytes();
            let head = text[..text.len().min(1 << 16)].to_vec();
            (Box::new(std::io::Cursor::new(text)), head)
        }
        Encoded::Mixed(at) => return Ok(Opened::Mixed(at)),
    };
    // The first lines, for the header and the delimiter.
    let head_bytes = head
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(head.len(), |i| i + 1);
    let head = String::from_utf8_lossy(&head[..head_bytes]).into_owned();
    let delimiter = detect_delimiter(&head);
    Ok(Opened::Table(StreamedTable {
        input,
        head,
        head_bytes,
        delimiter,
    }))
}

impl StreamedTable {
    /// The table's records, one after another.
    pub(crate) fn records(self) -> RecordStream {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(QuoteTracker::new(self.input))
    }
}

/// A table read whole: its header, and its rows with where each starts.
pub(crate) struct Table {
    /// The header cells, as [`normalise_header`] leaves them.
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub delimiter: u8,
}

/// Reads a whole table (called `what` in problems), skipping blank rows; a row whose
/// length differs from the header's is a problem.
pub(crate) fn read_table(source: &Source, what: &str) -> Result<Table, Problems> {
    let (path, text) = (source.path, source.text);
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut problems = Problems::default();
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Diagnostic::file(
                    path,
                    format!("cannot read the {what}: {e}"),
                ));
                continue;
            }
        };
        let start = record_start(text, record.position().map_or(0, |p| p.byte() as usize));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<String> = record.iter().map(|c| c.to_string()).collect();
        match &header {
            None => header = Some(cells.iter().map(|h| normalise_header(h)).collect()),
            Some(h) if cells.len() != h.len() => problems.push(source.error(
                start..start,
                format!(
                    "the row has {} cells, but the header has {} columns",
                    cells.len(),
                    h.len()
                ),
            )),
            Some(_) => rows.push((start, cells)),
        }
    }
    let Some(header) = header else {
        return Err(Diagnostic::file(path, format!("the {what} is empty")).into());
    };
    if rows.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::file(
            path,
            format!("the {what} has a header but no rows"),
        ));
    }
    problems.into_result(Table {
        header,
        rows,
        delimiter,
    })
}

/// A header as a person reads it: trimmed, non-breaking spaces as spaces.
pub(crate) fn normalise_header(header: &str) -> String {
    header.replace('\u{a0}', " ").trim().to_string()
}

/// Where a record really starts. With CRLF line ends the csv crate reports the line break
/// before a record as its start (BurntSushi/rust-csv#208); no record starts with one.
pub(crate) fn record_start(text: &str, reported: usize) -> usize {
    reported
        + text.as_bytes()[reported.min(text.len())..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count()
}

/// The byte offsets where the cells of the record starting at `start` begin.
pub(crate) fn cell_offsets(text: &str, start: usize, delimiter: u8, cells: usize) -> Vec<usize> {
    let mut offsets = vec![start];
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate().skip(start) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b if b == delimiter && !quoted => {
                offsets.push(i + 1);
                if offsets.len() == cells {
                    break;
                }
            }
            _ => {}
        }
    }
    offsets
}

/// The bytes of cell `cell` of the record starting at `start`, from the record's
/// [`cell_offsets`]: up to the next delimiter, or for the last cell found to the line end.
pub(crate) fn cell_span(text: &str, start: usize, offsets: &[usize], cell: usize) -> Range<usize> {
    let from = offsets.get(cell).copied().unwrap_or(start);
    let to = offsets.get(cell + 1).map_or_else(
        || from + text[from..].find(['\r', '\n']).unwrap_or(text.len() - from),
        |next| next - 1,
    );
    from..to.max(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reread_keeps_every_byte_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let bytes = b"a,\xff\xfe,b\n\xc3\xa4,x\n";
        std::fs::write(&path, bytes).unwrap();
        let text = reread(&path);
        assert_eq!(text, "a,??,b\nä,x\n");
        assert_eq!(text.len(), bytes.len());
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_rows_evenly() {
        assert_eq!(detect_delimiter("respondent,perspective\nx,y;z\n"), b',');
        assert_eq!(
            detect_delimiter("respondent;perspective;r1\nk1;customer;3\n"),
            b';'
        );
        assert_eq!(detect_delimiter("respondent\tperspective\nk\tc\n"), b'\t');
        // commas in a question text of a ;-separated file
        let excel =
            "ID;Was sagen Sie, z. B. Lob, Kritik?;Segment\n1;gut;Privat\n2;\"ja, gern\";Firma\n";
        assert_eq!(detect_delimiter(excel), b';');
    }

    #[test]
    fn a_quoted_line_break_in_the_header_does_not_hide_its_delimiter() {
        // rows of different lengths: the header's first record decides, not its first line
        assert_eq!(detect_delimiter("\"a\nb\",Kanal,Zeit\n1,5,4\n1,4\n"), b',');
        assert_eq!(detect_delimiter("\"a\nb\";Kanal;Zeit\n1;5;4\n1;4\n"), b';');
    }

    #[test]
    fn cells_start_after_unquoted_delimiters() {
        let text = "h\nk1,\"a, b\",3\n";
        assert_eq!(cell_offsets(text, 2, b',', 3), [2, 5, 12]);
        let offsets = cell_offsets(text, 2, b',', 3);
        assert_eq!(cell_span(text, 2, &offsets, 1), 5..11);
        assert_eq!(cell_span(text, 2, &offsets, 2), 12..13);
    }

    #[test]
    fn exports_decode_whatever_their_encoding() {
        let text = "id;Frage\n1;Stimme voll zu – gerne\n";
        let utf8_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let utf16_le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let utf16_be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        for bytes in [
            text.as_bytes(),
            &utf8_bom,
            &cp1252,
            &utf16,
            &utf16_le,
            &utf16_be,
        ] {
            assert_eq!(decode(bytes).as_deref(), Ok(text));
        }
    }

    #[test]
    fn a_legacy_encoding_is_guessed_from_the_bytes() {
        // a Polish client's Excel (Windows-1250), a Swiss one's (Windows-1252): chardetng
        // tells them apart where a fixed rule would garble one of them
        let polish = "id;Komentarz\n1;Bardzo miła obsługa, szybka odpowiedź i żadnych problemów\n\
                      2;Źle oznaczone ceny, ale pracownicy są pomocni\n";
        let (cp1250, _, unmappable) = encoding_rs::WINDOWS_1250.encode(polish);
        assert!(!unmappable);
        assert_eq!(decode(&cp1250).as_deref(), Ok(polish));
        let swiss = "id;Bemerkung\n1;Sehr freundliche Beratung, die Lieferung kam pünktlich\n\
                     2;Der Rückruf kam erst nach drei Tagen, schade für die Qualität\n";
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(swiss);
        assert_eq!(decode(&cp1252).as_deref(), Ok(swiss));
    }

    #[test]
    fn dates_with_and_without_a_time_of_day() {
        let date = |cell: &str, format: &str| parse_date(cell, format).map(|d| d.to_string());
        let day = Some("2026-03-07".to_string());
        for (cell, format) in [
            ("2026-03-07", "yyyy-mm-dd"),
            ("2026-3-7", "yyyy-mm-dd"),
            ("2026-03-07 09:21:41", "yyyy-mm-dd"),
            ("2026-03-07T09:21:41Z", "yyyy-mm-dd"),
            ("2026-03-07T09:21:41.250+01:00", "yyyy-mm-dd"),
            ("07.03.2026", "dd.mm.yyyy"),
            ("7.3.2026 14:33", "dd.mm.yyyy"),
            ("07.03.2026 14:33:01", "dd.mm.yyyy"),
            ("03/07/2026", "mm/dd/yyyy"),
            ("3/7/2026", "mm/dd/yyyy"),
            ("3/7/2026 2:33:01 PM", "mm/dd/yyyy"),
            ("3/7/2026, 2:33 pm", "mm/dd/yyyy"),
            ("3/7/2026 14:33:01 GMT+1", "mm/dd/yyyy"),
        ] {
            assert_eq!(date(cell, format), day, "{cell} as {format}");
        }
        for (cell, format, why) in [
            ("31.02.2026", "dd.mm.yyyy", "no such day"),
            (
                "11.04.2026",
                "mm/dd/yyyy",
                "the separator must fit the format",
            ),
            ("4/10/26", "mm/dd/yyyy", "a two-digit year is ambiguous"),
            ("13/07/2026", "mm/dd/yyyy", "no 13th month"),
            ("2026-03-07 soon", "yyyy-mm-dd", "text after the date"),
            ("2026-03-07 25:00", "yyyy-mm-dd", "no 25th hour"),
            (
                "2026-03-07 9:21 or later",
                "yyyy-mm-dd",
                "words after the time",
            ),
            ("+2026-03-07", "yyyy-mm-dd", "a sign is no digit"),
            ("007.03.2026", "dd.mm.yyyy", "three digits for a day"),
        ] {
            assert_eq!(date(cell, format), None, "{cell} as {format}: {why}");
        }
        assert_eq!(date_format("m/d/yyyy"), Some("mm/dd/yyyy"));
        assert_eq!(date_format("d.m.yyyy"), Some("dd.mm.yyyy"));
        assert_eq!(date_format("yyyy/mm/dd"), None);
    }

    #[test]
    fn utf8_with_a_stray_byte_is_refused() {
        let mixed = [b"Gr\xc3\xbc\xc3\x9fe\nCaf".as_slice(), b"\xe9\n"].concat();
        assert_eq!(decode(&mixed), Err(11));
    }
}
