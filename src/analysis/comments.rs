//! The comments a report shows: at most [`COMMENTS_SHOWN`] per item (or the NPS question)
//! and perspective, chosen and ordered by their text alone. In file order, the comments of
//! one respondent or one department would sit together and could be linked.

use std::collections::{BTreeMap, HashMap};

use crate::model::questionnaire::Perspective;
use crate::model::respondent::Respondent;

/// How many comments per item and perspective the report shows; the rest are counted, and
/// `centricity comments` exports all of them. A survey of a million keeps a sensible report.
pub const COMMENTS_SHOWN: usize = 20;

/// The longest comment the report shows in full; `centricity comments` has every word.
const COMMENT_CHARACTERS: usize = 1500;

/// A comment as the report shows it: never with the respondent's id.
#[derive(Debug, Clone)]
pub struct ShownComment {
    /// The item index, or `None` for the NPS question.
    pub item: Option<usize>,
    pub perspective: Perspective,
    pub text: String,
}

/// Comments are kept per item (or `None`, the NPS question) and perspective.
pub type CommentKey = (Option<usize>, Perspective);

/// Chooses the comments to show while the respondents stream past.
#[derive(Default)]
pub struct CommentChooser {
    kept: BTreeMap<CommentKey, Vec<(u64, String)>>,
    counts: HashMap<CommentKey, usize>,
}

impl CommentChooser {
    pub fn add(&mut self, respondent: &Respondent) {
        for c in &respondent.comments {
            let key = (c.item, respondent.perspective);
            *self.counts.entry(key).or_insert(0) += 1;
            let shown = self.kept.entry(key).or_default();
            let hash = fnv1a(&c.text);
            if shown.len() < COMMENTS_SHOWN {
                shown.push((hash, shortened(&c.text)));
            } else if let Some(largest) = shown.iter_mut().max_by_key(|(h, _)| *h) {
                if hash < largest.0 {
                    *largest = (hash, shortened(&c.text));
                }
            }
        }
    }

    /// Adds the comments of respondents read after all of this one's: the kept ones are
    /// still those with the smallest hashes, whichever part saw them.
    pub fn merge(&mut self, part: CommentChooser) {
        for (key, count) in part.counts {
            *self.counts.entry(key).or_insert(0) += count;
        }
        for (key, theirs) in part.kept {
            let shown = self.kept.entry(key).or_default();
            for (hash, text) in theirs {
                if shown.len() < COMMENTS_SHOWN {
                    shown.push((hash, text));
                } else if let Some(largest) = shown.iter_mut().max_by_key(|(h, _)| *h) {
                    if hash < largest.0 {
                        *largest = (hash, text);
                    }
                }
            }
        }
    }

    /// The comments to show, sorted by key and then by text, and every key's full count.
    pub fn finish(self) -> (Vec<ShownComment>, HashMap<CommentKey, usize>) {
        let comments = self
            .kept
            .into_iter()
            .flat_map(|((item, perspective), mut shown)| {
                shown.sort_by(|a, b| a.1.cmp(&b.1));
                shown.into_iter().map(move |(_, text)| ShownComment {
                    item,
                    perspective,
                    text,
                })
            })
            .collect();
        (comments, self.counts)
    }
}

/// FNV-1a: a fixed, neutral order for choosing which comments to show (the same every run,
/// unrelated to who wrote them or where).
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A comment as the report shows it: cut after [`COMMENT_CHARACTERS`], at a word.
pub(crate) fn shortened(text: &str) -> String {
    match text.char_indices().nth(COMMENT_CHARACTERS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let cut = text[..cut]
                .rfind(char::is_whitespace)
                .filter(|&i| i > cut / 2)
                .unwrap_or(cut);
            format!("{} […]", text[..cut].trim_end())
        }
    }
}
