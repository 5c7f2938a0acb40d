//! How alike an export's header and an item's wording are: both reduced to their words
//! (lower case, accents and punctuation gone, `ß` as `ss`), the header also without the
//! lead-ins survey tools put before a statement, then compared as sets of words.

use std::collections::BTreeSet;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The least share of words a header and a wording must have in common (Sørensen–Dice on
/// their sets of words) to be taken as the same question: one word in four may differ, so
/// that a typo or an edited word still matches, while two different statements of the same
/// questionnaire (which share far fewer words) do not.
pub(super) const THRESHOLD: f64 = 0.75;

/// A text as its words are compared: lower case, accents dropped (`é` → `e`, `ü` → `u`),
/// `ß` as `ss`, apostrophes dropped (`don't` → `dont`), any other punctuation a space, and
/// spaces collapsed.
pub(super) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            '\'' | '’' | '‘' | '`' | '´' => {}
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The set of a text's [`fold`]ed words.
pub(super) fn words(text: &str) -> BTreeSet<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// The parts of a header cell that may be the statement itself: the whole cell, the text in
/// its last brackets (Google Forms' `Heading [Statement]`), and what follows the last of each
/// separator a lead-in ends with (`Erreichbarkeit - Wie sehr stimmen Sie zu? - Statement`,
/// `Bitte bewerten Sie … – Statement`, `Frage: Statement`).
pub(super) fn segments(cell: &str) -> Vec<&str> {
    let mut parts = vec![cell.trim()];
    if let (Some(open), true) = (cell.rfind('['), cell.trim_end().ends_with(']')) {
        let inner = cell[open + 1..].trim_end();
        parts.push(inner.trim_end_matches(']').trim());
    }
    for separator in [" - ", " – ", " — ", ": ", "? "] {
        if let Some(at) = cell.rfind(separator) {
            parts.push(cell[at + separator.len()..].trim());
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.dedup();
    parts
}

/// How alike a header cell and a wording are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Likeness {
    /// The same words in the same order (after [`fold`]), in the cell or a [`segments`] of it.
    Exact,
    /// The share of words in common (Sørensen–Dice: twice the common words over the words of
    /// both), from 0 to 1.
    Words(f64),
}

impl Likeness {
    /// 1 for [`Likeness::Exact`], else the share of words.
    pub fn score(self) -> f64 {
        match self {
            Likeness::Exact => 1.0,
            Likeness::Words(share) => share,
        }
    }
}

/// How alike the best part of `cell` (see [`segments`]) is to `wording`.
pub(super) fn likeness(cell: &str, wording: &str) -> Likeness {
    let wanted = fold(wording);
    let wanted_words = words(wording);
    let mut best = 0.0f64;
    for part in segments(cell) {
        if fold(part) == wanted {
            return Likeness::Exact;
        }
        best = best.max(dice(&words(part), &wanted_words));
    }
    Likeness::Words(best)
}

/// Sørensen–Dice of two sets: 2 |A ∩ B| / (|A| + |B|).
fn dice(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Whether a header asks the usual recommendation question ("Wie wahrscheinlich ist es, dass
/// Sie … weiterempfehlen?", "How likely are you to recommend …?") or is named after it
/// (`NPS`, `Net Promoter Score`).
pub(super) fn is_recommendation_question(cell: &str) -> bool {
    let words = words(cell);
    let has = |stem: &str| words.iter().any(|w| w.starts_with(stem));
    (has("wahrscheinlich") && (has("empfehl") || has("weiterempfehl")))
        || (has("likely") && has("recommend"))
        || words.contains("nps")
        || fold(cell).contains("net promoter")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(
            fold("Ich werde höflich behandelt."),
            "ich werde hoflich behandelt"
        );
        assert_eq!(fold("Weiß nicht"), fold("Weiss nicht"));
        assert_eq!(fold("Don't know"), "dont know");
        assert_eq!(fold("k. A."), "k a");
        assert_eq!(fold("  Teils,\u{a0}teils "), "teils teils");
    }

    #[test]
    fn lead_ins_are_stripped() {
        let wording = "Ich erhalte innerhalb eines Arbeitstages eine Antwort.";
        for header in [
            "Erreichbarkeit - Wie sehr stimmen Sie zu? - Ich erhalte innerhalb eines Arbeitstages eine Antwort.",
            "Bitte bewerten Sie Ihre Erfahrung – Ich erhalte innerhalb eines Arbeitstages eine Antwort",
            "Erreichbarkeit – wie sehr trifft das zu? [Ich erhalte innerhalb eines Arbeitstages eine Antwort.]",
            "ICH ERHALTE INNERHALB EINES ARBEITSTAGES EINE ANTWORT",
        ] {
            assert_eq!(likeness(header, wording), Likeness::Exact, "{header}");
        }
    }

    #[test]
    fn accents_and_punctuation_do_not_matter() {
        assert_eq!(
            likeness(
                "Ich werde hoflich und respektvoll behandelt",
                "Ich werde höflich und respektvoll behandelt."
            ),
            Likeness::Exact
        );
    }

    #[test]
    fn a_changed_word_still_matches_another_statement_does_not() {
        let wording = "Ich komme schnell zu jemandem, der mir wirklich helfen kann.";
        let edited = likeness(
            "Ich komme rasch zu jemandem, der mir wirklich helfen kann.",
            wording,
        );
        assert!(
            edited.score() >= THRESHOLD && edited.score() < 1.0,
            "{edited:?}"
        );
        let other = likeness(
            "Ich wurde mehrmals weitergeleitet, bevor mir jemand helfen konnte.",
            wording,
        );
        assert!(other.score() < THRESHOLD, "{other:?}");
    }

    #[test]
    fn the_recommendation_question_is_known_in_both_languages() {
        assert!(is_recommendation_question(
            "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?"
        ));
        assert!(is_recommendation_question(
            "How likely is it that you would recommend us to a friend?"
        ));
        assert!(is_recommendation_question("NPS"));
        assert!(!is_recommendation_question("Wie zufrieden sind Sie?"));
    }
}
