//! The words of a comment, as the theme analysis counts them.
//!
//! The rules, which `tests/reference/themes.py` re-implements on its own:
//! - A **word** is a run of letters and digits (Unicode word boundaries, UAX #29, so `don't`
//!   and `Kund:innen` are one word); words joined by a hyphen are one word (`E-Bike`).
//!   A word without a letter (`2026`, `3.5`) is no word.
//! - Words are lower-cased (Unicode NFC, `’` as `'`), and **stemmed** with the Snowball
//!   algorithm of the comment's language (German or English, `rust-stemmers`), so that
//!   "Lieferung" and "Lieferungen" are one term.
//! - **Stop words** (the Snowball project's lists as NLTK ships them, from `stop-words`,
//!   and the few fillers of [`EXTRA_STOP_WORDS`]) and words of one letter are not counted; they are still there for the theme dictionary's
//!   phrases (`on hold`).
//! - A **two-word phrase** is two counted words in a row with nothing between them but
//!   spaces and stop words: not across punctuation, a number or a line break.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::language::Language;

/// Fillers the Snowball lists keep but that say nothing about a reason: contractions
/// (`beim`), particles, small numbers written out.
pub const EXTRA_STOP_WORDS: [(Language, &[&str]); 2] = [
    (
        Language::De,
        &[
            "beim",
            "mal",
            "schon",
            "erst",
            "ja",
            "eben",
            "halt",
            "eigentlich",
            "zwei",
            "drei",
            "vier",
            "fünf",
            "bzw",
            "usw",
            "z.b",
        ],
    ),
    (
        Language::En,
        &[
            "also", "would", "could", "really", "even", "still", "one", "two", "three", "get",
            "got", "e.g",
        ],
    ),
];

/// A word of a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'t> {
    /// As written.
    pub written: &'t str,
    /// Shared with every other time the word was written so (see [`Words`]).
    pub lower: Arc<str>,
    pub stem: Arc<str>,
    /// Counted: not a stop word, more than one letter.
    pub counted: bool,
    /// The first word of the comment or of a sentence.
    pub initial: bool,
    /// Something other than spaces (punctuation, a number) stands before it: no phrase
    /// reaches across.
    pub after_break: bool,
}

/// A term a comment uses: one word or two, by stem (`key`), with the words as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term<'t> {
    pub key: Arc<str>,
    pub spelling: Cow<'t, str>,
}

/// Stemmers and stop words of both languages, made once.
pub struct Words {
    german: Stemmer,
    english: Stemmer,
    german_stop: HashSet<&'static str>,
    english_stop: HashSet<&'static str>,
    /// Words as written, lower-cased and stemmed before: a survey's comments use a few
    /// thousand words again and again, and stemming is most of the work on a comment.
    seen: std::cell::RefCell<SeenWords>,
}

/// Per language (German, English) and word as written: (lower-cased, stem, counted).
type SeenWords = [HashMap<Box<str>, (Arc<str>, Arc<str>, bool), foldhash::fast::RandomState>; 2];

/// The most words [`Words`] remembers: beyond, a word is worked out each time.
const WORDS_REMEMBERED: usize = 50_000;

impl Default for Words {
    fn default() -> Self {
        Words {
            german: Stemmer::create(Algorithm::German),
            english: Stemmer::create(Algorithm::English),
            german_stop: stop_list(Language::De),
            english_stop: stop_list(Language::En),
            seen: Default::default(),
        }
    }
}

impl Words {
    pub fn stem(&self, lower: &str, language: Language) -> String {
        match language {
            Language::De => self.german.stem(lower).into_owned(),
            Language::En => self.english.stem(lower).into_owned(),
        }
    }

    pub fn is_stop_word(&self, lower: &str, language: Language) -> bool {
        match language {
            Language::De => self.german_stop.contains(lower),
            Language::En => self.english_stop.contains(lower),
        }
    }

    /// Every word of `text`, in order.
    pub fn words<'t>(&self, text: &'t str, language: Language) -> Vec<Word<'t>> {
        let mut found: Vec<Word<'t>> = Vec::new();
        let (mut initial, mut after_break) = (true, false);
        // where the last word ends, and where a hyphen right after it ends: a word that
        // starts there joins it (`E-Bike`)
        let (mut word_end, mut hyphen_end) = (None, None);
        for (at, segment) in text.split_word_bound_indices() {
            let end = at + segment.len();
            if segment.chars().any(char::is_alphabetic) {
                match (hyphen_end == Some(at), found.last_mut()) {
                    (true, Some(last)) => {
                        let start = last.written.as_ptr() as usize - text.as_ptr() as usize;
                        *last =
                            self.word(&text[start..end], language, last.initial, last.after_break);
                    }
                    _ => found.push(self.word(segment, language, initial, after_break)),
                }
                (initial, after_break) = (false, false);
                (word_end, hyphen_end) = (Some(end), None);
                continue;
            }
            hyphen_end = (segment == "-" && word_end == Some(at)).then_some(end);
            word_end = None;
            if segment.chars().all(char::is_whitespace) {
                if segment.contains('\n') {
                    (initial, after_break) = (true, true);
                }
            } else {
                // punctuation, a symbol or a number
                after_break = true;
                if segment.contains(['.', '!', '?', '…']) {
                    initial = true;
                }
            }
        }
        found
    }

    fn word<'t>(
        &self,
        written: &'t str,
        language: Language,
        initial: bool,
        after_break: bool,
    ) -> Word<'t> {
        let of = match language {
            Language::De => 0,
            Language::En => 1,
        };
        if let Some((lower, stem, counted)) = self.seen.borrow()[of].get(written) {
            return Word {
                written,
                lower: lower.clone(),
                stem: stem.clone(),
                counted: *counted,
                initial,
                after_break,
            };
        }
        let lower: String = written.to_lowercase().replace('’', "'").nfc().collect();
        let stem: Arc<str> = self.stem(&lower, language).into();
        let counted = lower.chars().count() > 1 && !self.is_stop_word(&lower, language);
        let lower: Arc<str> = lower.into();
        let seen = &mut self.seen.borrow_mut()[of];
        if seen.len() < WORDS_REMEMBERED {
            seen.insert(written.into(), (lower.clone(), stem.clone(), counted));
        }
        Word {
            written,
            lower,
            stem,
            counted,
            initial,
            after_break,
        }
    }

    /// The terms of a comment, each once (a term counts once per comment): its counted
    /// words and its two-word phrases, with the spelling each was first written in.
    pub fn terms<'t>(&self, text: &'t str, language: Language) -> Vec<Term<'t>> {
        terms_of(&self.words(text, language), language)
    }
}

/// [`Words::terms`] of a comment's `words`.
pub fn terms_of<'t>(words: &[Word<'t>], language: Language) -> Vec<Term<'t>> {
    let mut terms: Vec<Term> = Vec::new();
    let mut seen: HashSet<Arc<str>, foldhash::fast::RandomState> = HashSet::default();
    let mut previous: Option<&Word> = None;
    for word in words {
        if word.after_break {
            previous = None;
        }
        if !word.counted {
            continue;
        }
        if let Some(before) = previous {
            let key: Arc<str> = format!("{} {}", before.stem, word.stem).into();
            if seen.insert(key.clone()) {
                let spelling = format!("{} {}", spelling_of(before, language), word.written);
                terms.push(Term {
                    key,
                    spelling: Cow::Owned(spelling),
                });
            }
        }
        if seen.insert(word.stem.clone()) {
            terms.push(Term {
                key: word.stem.clone(),
                spelling: spelling_of(word, language),
            });
        }
        previous = Some(word);
    }
    terms
}

/// The Snowball stop words of a language (as NLTK ships them) and its fillers.
fn stop_list(language: Language) -> HashSet<&'static str> {
    let extra = EXTRA_STOP_WORDS
        .iter()
        .filter(|(l, _)| *l == language)
        .flat_map(|(_, words)| words.iter());
    stop_words::get(language.code())
        .iter()
        .chain(extra)
        .copied()
        .collect()
}

/// A word as the report may show it: as written, but an English word that starts a
/// sentence is not capitalised for that (German capitals are the word's own).
fn spelling_of<'t>(word: &Word<'t>, language: Language) -> Cow<'t, str> {
    if word.initial && language == Language::En && !is_shouting(word.written) {
        let mut chars = word.written.chars();
        if let Some(first) = chars.next() {
            return Cow::Owned(first.to_lowercase().chain(chars).collect());
        }
    }
    Cow::Borrowed(word.written)
}

/// All capitals, more than one letter: `LIEFERUNG`, `SBB`.
pub fn is_shouting(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() > 1 && !text.chars().any(char::is_lowercase)
}

/// The readable form of a term from the spellings it was written in and how often: the
/// most frequent one (the first in sort order on a tie). All capitals give way to any other
/// spelling; a long word only ever shouted is lower-cased (`LIEFERUNG`), a short one is
/// taken for an abbreviation (`SBB`).
pub fn readable(spellings: &[(String, u32)]) -> String {
    let best = |calm: bool| {
        spellings
            .iter()
            .filter(|(s, _)| !calm || !is_shouting(s))
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(s, _)| s.clone())
    };
    match best(true) {
        Some(calm) => calm,
        None => {
            let shouted = best(false).unwrap_or_default();
            if shouted.split(' ').any(|w| w.chars().count() > 4) {
                shouted.to_lowercase()
            } else {
                shouted
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, language: Language) -> Vec<String> {
        Words::default()
            .terms(text, language)
            .into_iter()
            .map(|t| t.key.to_string())
            .collect()
    }

    #[test]
    fn stemming_groups_the_forms_of_a_word() {
        let words = Words::default();
        assert_eq!(words.stem("lieferung", Language::De), "liefer");
        assert_eq!(words.stem("lieferungen", Language::De), "liefer");
        assert_eq!(words.stem("aktuelle", Language::De), "aktuell");
        assert_eq!(words.stem("deliveries", Language::En), "deliveri");
        assert_eq!(words.stem("delivery", Language::En), "deliveri");
        assert_eq!(
            keys("Lieferung", Language::De),
            keys("Lieferungen", Language::De)
        );
    }

    #[test]
    fn stop_words_are_not_counted() {
        assert_eq!(
            keys("Die Hotline ist nicht erreichbar", Language::De),
            ["hotlin", "hotlin erreichbar", "erreichbar"]
        );
        assert_eq!(
            keys("I was on hold for ages", Language::En),
            ["hold", "hold age", "age"]
        );
        assert!(keys("und oder aber", Language::De).is_empty());
    }

    #[test]
    fn phrases_do_not_cross_punctuation_or_numbers() {
        assert_eq!(
            keys("Hotline besetzt. Rückruf fehlt", Language::De),
            [
                "hotlin",
                "hotlin besetzt",
                "besetzt",
                "ruckruf",
                "ruckruf fehlt",
                "fehlt"
            ]
        );
        assert_eq!(keys("Kurier 3 Tage", Language::De), ["kuri", "tag"]);
        // a term counts once per comment
        assert_eq!(keys("Hotline, Hotline, Hotline!", Language::De), ["hotlin"]);
    }

    #[test]
    fn hyphens_join_and_apostrophes_stay() {
        let words = Words::default();
        let found = words.words("Das E-Bike-Angebot, don’t Liefer- und", Language::De);
        let written: Vec<&str> = found.iter().map(|w| w.written).collect();
        assert_eq!(written, ["Das", "E-Bike-Angebot", "don’t", "Liefer", "und"]);
        assert_eq!(&*found[2].lower, "don't");
    }

    #[test]
    fn spellings_are_readable() {
        let terms =
            Words::default().terms("Delivery was late. The delivery was LATE", Language::En);
        assert_eq!(terms[0].spelling, "delivery");
        assert_eq!(
            readable(&[("Lieferung".into(), 3), ("lieferung".into(), 1)]),
            "Lieferung"
        );
        assert_eq!(
            readable(&[("LIEFERUNG".into(), 5), ("Lieferung".into(), 1)]),
            "Lieferung"
        );
        assert_eq!(readable(&[("LIEFERUNG".into(), 5)]), "lieferung");
        assert_eq!(readable(&[("SBB".into(), 2)]), "SBB");
        assert_eq!(
            readable(&[("Hotline besetzt".into(), 2), ("hotline besetzt".into(), 2)]),
            "Hotline besetzt"
        );
    }
}
