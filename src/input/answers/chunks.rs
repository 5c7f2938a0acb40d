//! A table's bytes cut into parts of whole rows, so that each part can be read on a thread
//! of its own.
//!
//! The cuts depend on the bytes alone (a part ends at the first row end after a fixed
//! number of bytes), never on the number of threads, so
//! that the parts, and what is merged from them, are the same on every machine. A row ends
//! where the csv crate ends a record: at a line break outside a quoted field, where a field
//! is quoted when its first byte is `"` and `""` inside it is a quote. A part read by a
//! fresh csv reader then gives the records, and (with the part's offset added) the byte
//! places, that one reader going through the whole table gives.

use std::io::Read;

use memchr::{memchr, memchr2, memchr_iter};

use crate::input::table::{long_row, MAX_ROW_BYTES};

/// Whole rows of a table, and where they start in it.
pub(super) struct Chunk {
    pub bytes: Vec<u8>,
    pub offset: u64,
}

/// Reads a table in parts of whole rows.
pub(super) struct Chunks<R> {
    input: R,
    delimiter: u8,
    size: usize,
    /// The bytes from the start of the next part on.
    buffer: Vec<u8>,
    /// Where `buffer` starts in the table.
    offset: u64,
    eof: bool,
    /// How far `buffer` is scanned for quotes, and whether that place is inside a quoted
    /// field.
    scanned: usize,
    quoted: bool,
    /// Every `"` handed out, counted in pairs: a quote opened and never closed.
    open: Option<u64>,
    /// A row longer than [`MAX_ROW_BYTES`] starts here: the rows before it are handed out,
    /// then the error.
    long_row: Option<u64>,
    failed: bool,
}

impl<R: Read> Chunks<R> {
    pub fn new(input: R, delimiter: u8, size: usize) -> Chunks<R> {
        Chunks {
            input,
            delimiter,
            size: size.max(1),
            buffer: Vec::new(),
            offset: 0,
            eof: false,
            scanned: 0,
            quoted: false,
            open: None,
            long_row: None,
            failed: false,
        }
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The byte offset of a quote opened and never closed, once every part is read.
    pub fn open_quote(&self) -> Option<u64> {
        self.open
    }

    /// The next part: whole rows, at least `size` bytes unless it is the last.
    pub fn next_chunk(&mut self) -> std::io::Result<Option<Chunk>> {
        if let Some(row_start) = self.long_row.take() {
            self.failed = true;
            self.count_quotes(self.buffer.len());
            return Err(long_row(row_start));
        }
        if self.failed {
            return Ok(None);
        }
        loop {
            if self.buffer.len() > self.size {
                if let Some(cut) = self.find_cut() {
                    return self.cut_at(cut);
                }
            }
            if self.eof {
                if self.buffer.is_empty() {
                    return Ok(None);
                }
                return self.cut_at(self.buffer.len());
            }
            if self.buffer.len().saturating_sub(self.size) as u64 > MAX_ROW_BYTES {
                // no row end since `size`: the last row is long
                return self.cut_at(self.buffer.len());
            }
            self.fill()?;
        }
    }

    /// The part up to `cut`, or the rows before a row longer than [`MAX_ROW_BYTES`] in it
    /// (and then the error).
    fn cut_at(&mut self, cut: usize) -> std::io::Result<Option<Chunk>> {
        if cut as u64 > MAX_ROW_BYTES {
            let rows = row_ends(&self.buffer[..cut], self.delimiter);
            if let Some(&(start, _)) = rows
                .iter()
                .find(|(start, end)| (end - start) as u64 > MAX_ROW_BYTES)
            {
                self.long_row = Some(self.offset + start as u64);
                return match start {
                    0 => self.next_chunk(),
                    _ => Ok(Some(self.split(start))),
                };
            }
        }
        Ok(Some(self.split(cut)))
    }

    /// Reads more of the table into the buffer.
    fn fill(&mut self) -> std::io::Result<()> {
        let len = self.buffer.len();
        let want = (self.size + 1).saturating_sub(len).max(1 << 16);
        self.buffer.resize(len + want, 0);
        loop {
            match self.input.read(&mut self.buffer[len..]) {
                Ok(n) => {
                    self.buffer.truncate(len + n);
                    self.eof = n == 0;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buffer.truncate(len);
                    return Err(e);
                }
            }
        }
    }

    /// Where the part ends: after the row that ends with the first line break at or after
    /// `size`, right after the `\r` or `\n` that ends it (the csv crate ends the record
    /// at a `\r` and reads a `\n` after it as a blank line). `None` when the buffer holds
    /// no such row end yet.
    fn find_cut(&mut self) -> Option<usize> {
        let target = self.size;
        loop {
            let bytes = &self.buffer;
            if self.quoted {
                let Some(i) = memchr(b'"', &bytes[self.scanned..]) else {
                    self.scanned = bytes.len();
                    return None;
                };
                let q = self.scanned + i;
                match bytes.get(q + 1) {
                    None if !self.eof => {
                        self.scanned = q;
                        return None;
                    }
                    Some(b'"') => self.scanned = q + 2,
                    _ => {
                        self.quoted = false;
                        self.scanned = q + 1;
                    }
                }
            } else if self.scanned < target {
                match memchr(b'"', &bytes[self.scanned..target]) {
                    None => self.scanned = target,
                    Some(i) => self.quote(self.scanned + i),
                }
            } else {
                let Some(i) = memchr2(b'\n', b'"', &bytes[self.scanned..]) else {
                    self.scanned = bytes.len();
                    return None;
                };
                let p = self.scanned + i;
                if bytes[p] == b'"' {
                    self.quote(p);
                    continue;
                }
                // Blank lines belong to the record after them (the csv crate places a
                // record where the one before it ended), so the part ends right after the
                // first `\r` or `\n` that ends a record.
                let blank = bytes[..p]
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count();
                if blank < p {
                    return Some(p - blank + 1);
                }
                self.scanned = p + 1;
            }
        }
    }

    /// A quote outside a quoted field: it opens one at the start of a field, and is a
    /// character like any other inside one (as the csv crate reads it).
    fn quote(&mut self, q: usize) {
        let before = q.checked_sub(1).map(|i| self.buffer[i]);
        self.quoted = match before {
            None | Some(b'\n' | b'\r') => true,
            Some(b) => b == self.delimiter,
        };
        self.scanned = q + 1;
    }

    /// Hands out the buffer up to `cut`; the rest starts the next part.
    fn split(&mut self, cut: usize) -> Chunk {
        self.count_quotes(cut);
        let mut rest = Vec::with_capacity(self.size + (1 << 16) + 1);
        rest.extend_from_slice(&self.buffer[cut..]);
        let mut bytes = std::mem::replace(&mut self.buffer, rest);
        bytes.truncate(cut);
        let chunk = Chunk {
            bytes,
            offset: self.offset,
        };
        self.offset += cut as u64;
        (self.scanned, self.quoted) = (0, false);
        chunk
    }

    fn count_quotes(&mut self, end: usize) {
        for q in memchr_iter(b'"', &self.buffer[..end]) {
            self.open = match self.open {
                None => Some(self.offset + q as u64),
                Some(_) => None,
            };
        }
    }
}

/// The rows of `bytes` (which start at a row), as (start, end) with the end after the
/// line break; the last ends at the end of `bytes`. Byte by byte: only for a long row.
fn row_ends(bytes: &[u8], delimiter: u8) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let (mut start, mut quoted, mut field_start) = (0, false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
        } else if b == b'\n' {
            rows.push((start, i + 1));
            start = i + 1;
        }
        field_start = !quoted && (b == delimiter || b == b'\n' || b == b'\r');
        i += 1;
    }
    if start < bytes.len() {
        rows.push((start, bytes.len()));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, size: usize) -> Vec<String> {
        let mut chunks = Chunks::new(text.as_bytes(), b',', size);
        let mut parts = Vec::new();
        let mut offset = 0;
        while let Some(chunk) = chunks.next_chunk().unwrap() {
            assert_eq!(chunk.offset, offset);
            offset += chunk.bytes.len() as u64;
            parts.push(String::from_utf8(chunk.bytes).unwrap());
        }
        assert_eq!(parts.concat(), text);
        parts
    }

    #[test]
    fn parts_end_after_a_line_break_outside_quotes() {
        assert_eq!(parts("a,b\nc,d\ne,f\n", 1), ["a,b\n", "c,d\n", "e,f\n"]);
        assert_eq!(parts("a,b\nc,d\ne,f", 5), ["a,b\nc,d\n", "e,f"]);
        // a quoted line break is no row end, and `""` is a quote inside quotes
        assert_eq!(
            parts("a,\"x\n\"\"y\n\"\nc,d\n", 1),
            ["a,\"x\n\"\"y\n\"\n", "c,d\n"]
        );
        // a quote inside a field is a character: it opens nothing
        assert_eq!(parts("a,b\"c\nd,e\n", 1), ["a,b\"c\n", "d,e\n"]);
    }

    #[test]
    fn with_crlf_a_part_ends_before_the_line_feed() {
        assert_eq!(parts("a,b\r\nc,d\r\n", 1), ["a,b\r", "\nc,d\r", "\n"]);
    }

    #[test]
    fn the_records_of_the_parts_are_the_records_of_the_whole() {
        let text = "h,i\r\n1,\"a\r\nb\"\r\n\r\n2,\"\"\"\"\r\n3,x\"y\r\n4,\"q\"z\r\n";
        let read = |bytes: &[u8], offset: u64| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes);
            let mut records = Vec::new();
            for record in reader.byte_records() {
                let record = record.unwrap();
                let start = offset + record.position().unwrap().byte();
                records.push((start, format!("{record:?}")));
            }
            records
        };
        let whole = read(text.as_bytes(), 0);
        for size in 1..text.len() {
            let mut chunks = Chunks::new(text.as_bytes(), b',', size);
            let mut records = Vec::new();
            while let Some(chunk) = chunks.next_chunk().unwrap() {
                records.extend(read(&chunk.bytes, chunk.offset));
            }
            assert_eq!(records, whole, "parts of {size} bytes");
        }
    }

    #[test]
    fn an_unclosed_quote_is_found_across_parts() {
        let mut chunks = Chunks::new(&b"a,b\nc,\"d\ne,f\n"[..], b',', 1);
        while chunks.next_chunk().unwrap().is_some() {}
        assert_eq!(chunks.open_quote(), Some(6));
    }
}
