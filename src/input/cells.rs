//! Table cells a spreadsheet must not run as formulas (OWASP's "CSV injection"): every CSV
//! centricity writes puts a `'` before a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return, unless the cell is a plain number; the answer-table reader takes exactly
//! that `'` off again, so a comment like `=SUM(A1)` survives an import unchanged.
//!
//! Both directions live here, in the input layer, because the reader of answer tables needs
//! the inverse; the writers (output) use [`neutralise`].

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
fn is_trigger(byte: u8) -> bool {
    matches!(byte, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// A plain number: an optional sign, digits, and at most one decimal point or comma followed
/// by digits (`-3.5`, `-3,5`, `+1`, `-12`). A spreadsheet reads it as a number, never a
/// formula, so it is written as it is in either decimal style.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match fraction {
        None => !whole.is_empty() && all_digits(whole),
        Some(fraction) => !fraction.is_empty() && all_digits(whole) && all_digits(fraction),
    }
}

/// The cell as a CSV writer should write it: with a leading `'` when a spreadsheet would
/// otherwise run it as a formula (it then shows the text as it is).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(&first) if is_trigger(first) && !is_number(cell) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The inverse of [`neutralise`] for the reader of answer tables: a cell that is `'`
/// followed by one of `= + - @`, tab or carriage return loses the `'`; every other cell is
/// returned as it is. A first-byte test, no allocation: it runs on every cell of a table.
#[inline]
pub fn restore(cell: &str) -> &str {
    match cell.as_bytes() {
        [b'\'', second, ..] if is_trigger(*second) => &cell[1..],
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_quote_and_numbers_stay_numbers() {
        for formula in [
            "=SUM(A1)",
            "=cmd|' /C calc'!A0",
            "+A1",
            "-A1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-",
            "+",
            "-.",
            "-1.",
            "-1.2.3",
            "-1e5",
            "- bullet",
        ] {
            assert_eq!(neutralise(formula), format!("'{formula}"), "{formula:?}");
        }
        for plain in [
            "", "-3.5", "-3,5", "-12", "+1", "-.5", "0", "text", "'=x", " =x", "3-4",
        ] {
            assert_eq!(neutralise(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn restore_undoes_exactly_the_quote_neutralise_adds() {
        for cell in [
            "=SUM(A1)",
            "=cmd|' /C calc'!A0",
            "-x",
            "@x",
            "+x",
            "\tx",
            "\rx",
            "-3.5",
            "plain",
            "'quoted",
            "'",
            "''=x",
            "",
            "ü",
        ] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
        assert_eq!(restore("'quoted"), "'quoted");
        assert_eq!(restore("'"), "'");
        assert_eq!(restore("'ü"), "'ü");
    }
}
