//! How numbers are written: one formatter per locale, used by every output. The report
//! writes `58,9` or `58.9` with a real minus sign (`−8,4`); the terminal table and the CSV
//! export write ASCII (`-8.4`), the CSV unrounded.

/// A way of writing numbers: its decimal separator and its minus sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbers {
    decimal: String,
    minus: &'static str,
}

impl Numbers {
    /// For people reading a report: the locale's decimal separator and a real minus sign.
    pub fn typeset(decimal_separator: &str) -> Numbers {
        Numbers {
            decimal: decimal_separator.to_string(),
            minus: "−",
        }
    }

    /// For terminals and files: ASCII, with `decimal_separator` (`,` for German Excel).
    pub fn plain(decimal_separator: &str) -> Numbers {
        Numbers {
            decimal: decimal_separator.to_string(),
            minus: "-",
        }
    }

    /// `value` with `decimals` places, rounded half away from zero as people round by hand
    /// (56.25 → 56.3). A value that rounds to zero has no sign (−0.04 → 0.0).
    pub fn number(&self, value: f64, decimals: usize) -> String {
        let text = rounded(value.abs(), decimals).replace('.', &self.decimal);
        if value < 0.0 && has_nonzero_digit(&text) {
            format!("{}{text}", self.minus)
        } else {
            text
        }
    }

    /// A difference: `+15.2`, `−8.4`, `0.0`.
    pub fn signed(&self, value: f64, decimals: usize) -> String {
        let text = self.number(value, decimals);
        if value > 0.0 && has_nonzero_digit(&text) {
            format!("+{text}")
        } else {
            text
        }
    }

    /// Every digit the value has (the shortest text that reads back as the same number),
    /// for files that are read by programs.
    pub fn exact(&self, value: f64) -> String {
        let text = value.abs().to_string().replace('.', &self.decimal);
        if value < 0.0 {
            format!("{}{text}", self.minus)
        } else {
            text
        }
    }

    /// Like [`Numbers::exact`], with a plus sign on positive values: axis ticks of changes.
    pub fn exact_signed(&self, value: f64) -> String {
        let text = self.exact(value);
        if value > 0.0 {
            format!("+{text}")
        } else {
            text
        }
    }
}

fn has_nonzero_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// A number with `decimals` places, rounded half away from zero (Rust's formatter would
/// round the tie 56.25 to even, 56.2).
fn rounded(value: f64, decimals: usize) -> String {
    let factor = 10f64.powi(decimals as i32);
    format!("{:.*}", decimals, (value * factor).round() / factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_locale_and_round_half_away_from_zero() {
        let de = Numbers::typeset(",");
        let en = Numbers::typeset(".");
        assert_eq!(de.number(58.94, 1), "58,9");
        assert_eq!(en.number(58.94, 1), "58.9");
        assert_eq!(de.signed(-8.44, 1), "−8,4");
        assert_eq!(en.signed(15.25, 1), "+15.3");
        assert_eq!(en.signed(-0.04, 1), "0.0");
        assert_eq!(de.number(56.25, 1), "56,3");
        assert_eq!(Numbers::plain(".").number(-56.25, 1), "-56.3");
    }

    #[test]
    fn exact_numbers_keep_every_digit() {
        let plain = Numbers::plain(".");
        assert_eq!(plain.exact(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(plain.exact(-3.0), "-3");
        assert_eq!(Numbers::plain(",").exact(-2.5), "-2,5");
        assert_eq!(Numbers::typeset(",").exact_signed(12.5), "+12,5");
        assert_eq!(Numbers::typeset(",").exact_signed(-25.0), "−25");
        assert_eq!(Numbers::typeset(".").exact_signed(0.0), "0");
    }
}
