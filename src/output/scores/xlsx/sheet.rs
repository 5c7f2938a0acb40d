//! One table on one worksheet: a bold header row that stays in view with the id column, a
//! filter on it, every number a number cell in its column's format, every text a string
//! cell (never a formula, whatever it starts with).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// How a number is shown. The cell keeps every digit; only the display is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Counts: `114`.
    Count,
    /// Scores on 0–100 and their intervals: `58.9`.
    Score,
    /// Differences (gap, distance to a target, NPS): `+9.7`, `-8.9`.
    Signed,
    /// Means on the answer scale, α, Hedges' g: `3.25`.
    Decimal2,
    /// Correlations and parts of R²: `0.421`.
    Decimal3,
    /// p-values: `0.023`, and below 0.001 in scientific notation (`3.35E-11`).
    P,
    /// A value that is already in percent, as in the JSON (24.17 is shown `24.2 %`).
    Percent,
}

impl Kind {
    fn number_format(self) -> &'static str {
        match self {
            Kind::Count => "0",
            Kind::Score => "0.0",
            Kind::Signed => "+0.0;-0.0;0.0",
            Kind::Decimal2 => "0.00",
            Kind::Decimal3 => "0.000",
            Kind::P => "[<0.001]0.00E+00;0.000",
            Kind::Percent => "0.0\" %\"",
        }
    }
}

/// A cell's content; `Empty` where the JSON has `null`.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64, Kind),
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    pub fn number(value: Option<f64>, kind: Kind) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Number(v, kind))
    }

    pub fn count(value: impl TryInto<u64>) -> Cell {
        // counts of respondents and answers: exact in an f64 below 2^53
        value
            .try_into()
            .map_or(Cell::Empty, |v| Cell::Number(v as f64, Kind::Count))
    }

    /// The characters a reader sees, to size the column.
    fn width(&self) -> usize {
        match self {
            Cell::Text(text) => text.chars().count(),
            Cell::Number(_, Kind::P) => 9,
            Cell::Number(v, _) => format!("{:.1}", v).len() + 1,
            Cell::Empty => 0,
        }
    }
}

/// A worksheet's table: its header row and its rows.
pub struct Table {
    pub name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// The columns that stay in view when scrolling right.
    frozen: u16,
    filtered: bool,
}

impl Table {
    /// A table whose first `frozen` columns name the row.
    pub fn new(name: impl Into<String>, frozen: u16) -> Table {
        Table {
            name: name.into(),
            headers: Vec::new(),
            rows: Vec::new(),
            frozen,
            filtered: true,
        }
    }

    /// No filter buttons: for a sheet that is no list (the summary).
    pub fn unfiltered(mut self) -> Table {
        self.filtered = false;
        self
    }

    pub fn header(&mut self, header: impl Into<String>) {
        self.headers.push(header.into());
    }

    /// A row: its cells in the order of the headers.
    pub fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.headers.len(), "{}", self.name);
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds the table to `workbook` as a worksheet of its own.
    pub fn write(&self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&self.name)?;
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin);
        let mut lines = 1;
        for (col, text) in self.headers.iter().enumerate() {
            let col = col as u16;
            let width = self.width(col as usize);
            sheet.write_string_with_format(0, col, text, &header)?;
            sheet.set_column_width(col, width as f64)?;
            lines = lines.max(
                text.chars()
                    .count()
                    .div_ceil(width.saturating_sub(1).max(1)),
            );
        }
        // Excel does not grow a wrapped header row by itself
        sheet.set_row_height(0, 15 * lines.min(5) as u32)?;
        for (row, cells) in self.rows.iter().enumerate() {
            let row = row as u32 + 1;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    // a string cell: `=HYPERLINK(…)` in a group's name stays text
                    Cell::Text(text) => {
                        sheet.write_string(row, col, fit(text))?;
                    }
                    Cell::Number(value, kind) => {
                        let format = Format::new().set_num_format(kind.number_format());
                        sheet.write_number_with_format(row, col, *value, &format)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, self.frozen)?;
        let last_col = self.headers.len().saturating_sub(1) as u16;
        if self.filtered {
            sheet.autofilter(0, 0, self.rows.len() as u32, last_col)?;
        }
        // printed: landscape, as wide as the page, the header on every page
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(0, 0)?;
        Ok(())
    }

    /// A column's width in characters: its widest cell, or the longest word of its header
    /// (the header wraps), within 6 and 60.
    fn width(&self, col: usize) -> usize {
        let header = self.headers[col]
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        let cells = self.rows.iter().filter_map(|r| r.get(col)).map(Cell::width);
        // the filter button takes about two characters of the header
        (header + 3).max(cells.max().unwrap_or(0) + 1).clamp(6, 60)
    }
}

/// A cell holds at most 32,767 characters; a longer text is cut, not refused.
fn fit(text: &str) -> &str {
    const MAX: usize = 32_767;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_to_what_a_cell_holds() {
        let long = "ä".repeat(40_000);
        assert_eq!(fit(&long).chars().count(), 32_767);
        assert_eq!(fit("kurz"), "kurz");
    }

    #[test]
    fn columns_fit_their_widest_cell_within_bounds() {
        let mut table = Table::new("t", 1);
        table.header("Id");
        table.header("A very long header");
        table.row(vec![Cell::text("x".repeat(100)), Cell::count(5u32)]);
        assert_eq!(table.width(0), 60);
        assert_eq!(table.width(1), 9);
    }
}
