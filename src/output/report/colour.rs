//! The brand colour, made readable.

/// The report's colours when the assessment brings none.
pub(crate) const DEFAULT_ACCENT: &str = "#1d5f8a";

/// WCAG 2 relative luminance of a `#rrggbb` colour.
fn luminance(rgb: [f64; 3]) -> f64 {
    let channel = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// The colour, darkened just enough to reach `ratio` against white (WCAG: 4.5 for text,
/// 3 for lines and shapes); a brand colour that already does is kept as it is.
pub fn readable(hex: &str, ratio: f64) -> String {
    let parse =
        |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64;
    let mut rgb = [parse(1), parse(3), parse(5)];
    while 1.05 / (luminance(rgb) + 0.05) < ratio {
        rgb = rgb.map(|c| (c * 0.95).floor());
    }
    format!(
        "#{:02x}{:02x}{:02x}",
        rgb[0] as u8, rgb[1] as u8, rgb[2] as u8
    )
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn a_light_brand_colour_is_darkened_for_text_only_as_far_as_needed() {
        assert_eq!(readable("#00667a", 4.5), "#00667a", "dark enough already");
        let yellow = readable("#ffcc00", 4.5);
        assert_ne!(yellow, "#ffcc00");
        let lines = readable("#ffcc00", 3.0);
        assert!(
            lines > yellow,
            "lines may stay lighter than text: {lines} vs {yellow}"
        );
        assert_eq!(readable("#ffffff", 4.5).len(), 7);
    }
}
