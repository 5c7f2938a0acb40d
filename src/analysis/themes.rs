//! The reasons in the comments: the terms each dimension's comments use most, the terms
//! that set detractors' comments apart from promoters', and the consultant's theme
//! dictionary, counted while the respondents stream past.
//!
//! Memory grows with the vocabulary, never with the survey: each term is a count per
//! dimension, per NPS group and per perspective, with the spellings it was written in; of
//! the comments themselves only two quotes per theme and perspective are kept.
//!
//! Anonymity: nothing is shown that fewer than `min_group_size` people wrote (a
//! dimension's terms, the detractors' and promoters' lists, a theme's count and quotes).

use std::collections::{HashMap, HashSet};

/// Terms are counted in hash maps that need not withstand crafted keys' collisions as
/// much as be fast; their order never shows (every list is sorted).
type Fast = foldhash::fast::RandomState;

use crate::analysis::comments::{fnv1a, shortened};
use crate::analysis::scores::{Both, CommentThemes, DimensionTerms, TermCount, TermZ, ThemeCount};
use crate::analysis::statistics::log_odds_z;
use crate::analysis::words::{readable, terms_of, Term, Words};
use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;
use crate::model::respondent::{Answer, Respondent};
use crate::model::themes::Theme;

/// How many terms a dimension and each NPS group list.
pub const TERMS_SHOWN: usize = 8;
/// A dimension's term is listed when at least this many comments use it.
const TERMS_MIN_COUNT: u32 = 2;
/// |z| above this: the term sets one group apart at the 5 % level (two-sided).
pub const Z_CRITICAL: f64 = 1.96;
/// Quotes kept per theme and perspective.
pub const QUOTES: usize = 2;
/// Spellings kept per term: enough to find the usual one.
const SPELLINGS: usize = 8;

/// Comments counted together: per term, the comments that use it.
#[derive(Debug, Default)]
struct Bucket {
    comments: usize,
    writers: usize,
    counts: HashMap<String, u32, Fast>,
    /// The sum of `counts`: n in Monroe et al.
    total: u64,
}

impl Bucket {
    fn add(&mut self, terms: &[Term]) {
        self.comments += 1;
        self.total += terms.len() as u64;
        for term in terms {
            match self.counts.get_mut(&*term.key) {
                Some(count) => *count += 1,
                None => {
                    self.counts.insert(term.key.to_string(), 1);
                }
            }
        }
    }
}

impl Bucket {
    fn merge(&mut self, part: Bucket) {
        self.comments += part.comments;
        self.writers += part.writers;
        self.total += part.total;
        for (key, count) in part.counts {
            *self.counts.entry(key).or_insert(0) += count;
        }
    }
}

#[derive(Debug, Default)]
struct ThemeTally {
    comments: usize,
    writers: usize,
    /// The comments with the smallest text hashes: a fixed, neutral choice, as for the
    /// comments the report shows.
    quotes: Vec<(u64, String)>,
}

#[derive(Debug, Default)]
struct Side {
    dimensions: Vec<Bucket>,
    /// Every comment of the perspective: the prior of the log-odds.
    all: Bucket,
    detractors: Bucket,
    promoters: Bucket,
    themes: Vec<ThemeTally>,
}

/// A dictionary entry made ready to match: per part, a stem, or a prefix for the last.
struct Matcher {
    theme: usize,
    language: Language,
    stems: Vec<String>,
    prefix: Option<String>,
}

/// Counts the terms and themes of the comments, one respondent at a time.
pub struct ThemeCounter {
    words: Words,
    /// The assessment's language: for respondents who did not say theirs.
    language: Language,
    /// Per item, its dimension.
    dimension_of: Vec<usize>,
    dimension_ids: Vec<String>,
    theme_ids: Vec<String>,
    matchers: Vec<Matcher>,
    sides: Both<Side>,
    spellings: HashMap<String, Vec<(String, u32)>, Fast>,
}

impl ThemeCounter {
    pub fn new(
        questionnaire: &Questionnaire,
        language: Language,
        themes: &[Theme],
    ) -> ThemeCounter {
        let words = Words::default();
        let mut matchers = Vec::new();
        for (t, theme) in themes.iter().enumerate() {
            for pattern in &theme.patterns {
                let languages = match pattern.language {
                    Some(l) => vec![l],
                    None => Language::ALL.to_vec(),
                };
                for language in languages {
                    let parts = words.words(&pattern.text, language);
                    let mut stems: Vec<String> = parts.iter().map(|w| w.stem.to_string()).collect();
                    let prefix = match pattern.prefix {
                        true => stems.pop().and(parts.last().map(|w| w.lower.to_string())),
                        false => None,
                    };
                    if stems.is_empty() && prefix.is_none() {
                        continue;
                    }
                    matchers.push(Matcher {
                        theme: t,
                        language,
                        stems,
                        prefix,
                    });
                }
            }
        }
        let dimensions = questionnaire.dimensions.len();
        let side = || Side {
            dimensions: (0..dimensions).map(|_| Bucket::default()).collect(),
            themes: (0..themes.len()).map(|_| ThemeTally::default()).collect(),
            ..Side::default()
        };
        ThemeCounter {
            words,
            language,
            dimension_of: questionnaire.items.iter().map(|i| i.dimension).collect(),
            dimension_ids: questionnaire
                .dimensions
                .iter()
                .map(|d| d.id.clone())
                .collect(),
            theme_ids: themes.iter().map(|t| t.id.clone()).collect(),
            matchers,
            sides: Both {
                self_view: side(),
                customer: side(),
            },
            spellings: HashMap::default(),
        }
    }

    pub fn add(&mut self, respondent: &Respondent) {
        if respondent.comments.is_empty() {
            return;
        }
        let language = respondent
            .language
            .as_deref()
            .and_then(Language::parse)
            .unwrap_or(self.language);
        // 0–6 detractor, 9–10 promoter (SPEC §3)
        let nps_group = match respondent.nps {
            Some(Answer::Value(v)) if v <= 6 => Some(false),
            Some(Answer::Value(v)) if v >= 9 => Some(true),
            _ => None,
        };
        let side = self.sides.get_mut(respondent.perspective);
        let mut wrote_in: HashSet<usize> = HashSet::new();
        let mut named: HashSet<usize> = HashSet::new();
        for comment in &respondent.comments {
            let words = self.words.words(&comment.text, language);
            let terms = terms_of(&words, language);
            for term in &terms {
                let spellings = match self.spellings.get_mut(&*term.key) {
                    Some(spellings) => spellings,
                    None => self.spellings.entry(term.key.to_string()).or_default(),
                };
                if let Some((_, count)) = spellings.iter_mut().find(|(s, _)| *s == term.spelling) {
                    *count += 1;
                } else if spellings.len() < SPELLINGS {
                    spellings.push((term.spelling.to_string(), 1));
                }
            }
            if let Some(item) = comment.item {
                let d = self.dimension_of[item];
                side.dimensions[d].add(&terms);
                wrote_in.insert(d);
            }
            side.all.add(&terms);
            match nps_group {
                Some(false) => side.detractors.add(&terms),
                Some(true) => side.promoters.add(&terms),
                None => {}
            }
            if !self.matchers.is_empty() {
                let mut hit: Vec<usize> = Vec::new();
                for m in self.matchers.iter().filter(|m| m.language == language) {
                    if !hit.contains(&m.theme) && matches(m, &words) {
                        hit.push(m.theme);
                    }
                }
                for t in hit {
                    // a comment counts once per theme, however many of its words it has
                    side.themes[t].comments += 1;
                    keep_quote(&mut side.themes[t], &comment.text);
                    named.insert(t);
                }
            }
        }
        for d in wrote_in {
            side.dimensions[d].writers += 1;
        }
        for t in named {
            side.themes[t].writers += 1;
        }
        side.all.writers += 1;
        match nps_group {
            Some(false) => side.detractors.writers += 1,
            Some(true) => side.promoters.writers += 1,
            None => {}
        }
    }

    /// Adds the counts of respondents read after all of this one's. A term keeps the first
    /// [`SPELLINGS`] spellings seen, this part's before the next part's.
    pub fn merge(&mut self, part: ThemeCounter) {
        for (mine, theirs) in [
            (&mut self.sides.self_view, part.sides.self_view),
            (&mut self.sides.customer, part.sides.customer),
        ] {
            for (mine, theirs) in mine.dimensions.iter_mut().zip(theirs.dimensions) {
                mine.merge(theirs);
            }
            mine.all.merge(theirs.all);
            mine.detractors.merge(theirs.detractors);
            mine.promoters.merge(theirs.promoters);
            for (mine, theirs) in mine.themes.iter_mut().zip(theirs.themes) {
                mine.comments += theirs.comments;
                mine.writers += theirs.writers;
                for (hash, text) in theirs.quotes {
                    keep_hashed_quote(mine, hash, text);
                }
            }
        }
        for (key, theirs) in part.spellings {
            let Some(spellings) = self.spellings.get_mut(&key) else {
                self.spellings.insert(key, theirs);
                continue;
            };
            for (spelling, count) in theirs {
                if let Some((_, c)) = spellings.iter_mut().find(|(s, _)| *s == spelling) {
                    *c += count;
                } else if spellings.len() < SPELLINGS {
                    spellings.push((spelling, count));
                }
            }
        }
    }

    /// The terms and themes of both perspectives, and each theme's quotes per perspective
    /// (none where its count is not shown). `nps_asked`: whether a perspective was asked
    /// the NPS question.
    pub fn finish(
        &self,
        min_group_size: usize,
        nps_asked: Both<bool>,
    ) -> (Both<CommentThemes>, Vec<Both<Vec<String>>>) {
        let themes = Both::from_fn(|p| {
            self.perspective(self.sides.get(p), min_group_size, *nps_asked.get(p))
        });
        let quotes = (0..self.theme_ids.len())
            .map(|t| {
                Both::from_fn(|p| {
                    let tally = &self.sides.get(p).themes[t];
                    if tally.writers < min_group_size {
                        return Vec::new();
                    }
                    let mut quotes = tally.quotes.clone();
                    quotes.sort();
                    quotes.into_iter().map(|(_, text)| text).collect()
                })
            })
            .collect();
        (themes, quotes)
    }

    fn perspective(&self, side: &Side, min_group_size: usize, nps_asked: bool) -> CommentThemes {
        let enough = |bucket: &Bucket| bucket.writers >= min_group_size && bucket.writers > 0;
        let dimensions = side
            .dimensions
            .iter()
            .zip(&self.dimension_ids)
            .map(|(bucket, id)| DimensionTerms {
                id: id.clone(),
                comments: bucket.comments,
                respondents: bucket.writers,
                terms: enough(bucket).then(|| self.most_used(bucket)),
            })
            .collect();
        let contrast = nps_asked && enough(&side.detractors) && enough(&side.promoters);
        let (detractors, promoters) = match contrast {
            true => {
                let (d, p) = self.contrast(side);
                (Some(d), Some(p))
            }
            false => (None, None),
        };
        CommentThemes {
            dimensions,
            detractor_comments: side.detractors.comments,
            promoter_comments: side.promoters.comments,
            detractors,
            promoters,
            dictionary: side
                .themes
                .iter()
                .zip(&self.theme_ids)
                .map(|(tally, id)| ThemeCount {
                    theme: id.clone(),
                    comments: (tally.writers >= min_group_size).then_some(tally.comments),
                })
                .collect(),
        }
    }

    /// The terms most comments use (at least [`TERMS_MIN_COUNT`]), most first; ties by stem.
    fn most_used(&self, bucket: &Bucket) -> Vec<TermCount> {
        let mut terms: Vec<(&String, u32)> = bucket
            .counts
            .iter()
            .filter(|(_, &c)| c >= TERMS_MIN_COUNT)
            .map(|(k, &c)| (k, c))
            .collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        terms
            .into_iter()
            .take(TERMS_SHOWN)
            .map(|(key, count)| TermCount {
                term: self.readable(key),
                count,
            })
            .collect()
    }

    /// Detractors' terms against promoters', and promoters' against detractors': the
    /// weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    /// 2008). The prior is the whole perspective's comments: α_w = α₀ · y_w / n, with α₀ the
    /// number of distinct terms there, so that the prior adds one comment per term on
    /// average, spread by how often the survey uses each. (The corpus size, a common α₀ with
    /// a large background corpus, would outweigh a survey's few dozen detractors.)
    fn contrast(&self, side: &Side) -> (Vec<TermZ>, Vec<TermZ>) {
        let (d, p, all) = (&side.detractors, &side.promoters, &side.all);
        let alpha_0 = all.counts.len() as f64;
        let n_all = all.total as f64;
        let mut keys: Vec<&String> = d.counts.keys().chain(p.counts.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut scored: Vec<(&String, f64)> = keys
            .into_iter()
            .filter_map(|key| {
                let count = |b: &Bucket| f64::from(b.counts.get(key).copied().unwrap_or(0));
                let alpha_w = alpha_0 * count(all) / n_all;
                let z = log_odds_z(
                    count(d),
                    d.total as f64,
                    count(p),
                    p.total as f64,
                    alpha_w,
                    alpha_0,
                )?;
                Some((key, z))
            })
            .collect();
        let list = |scored: &mut Vec<(&String, f64)>, sign: f64| {
            scored.sort_by(|a, b| {
                (sign * b.1)
                    .total_cmp(&(sign * a.1))
                    .then_with(|| a.0.cmp(b.0))
            });
            scored
                .iter()
                .filter(|(_, z)| sign * z > Z_CRITICAL)
                .take(TERMS_SHOWN)
                .map(|(key, z)| TermZ {
                    term: self.readable(key),
                    z: sign * z,
                })
                .collect::<Vec<_>>()
        };
        let detractors = list(&mut scored, 1.0);
        let promoters = list(&mut scored, -1.0);
        (detractors, promoters)
    }

    fn readable(&self, key: &str) -> String {
        self.spellings
            .get(key)
            .map_or_else(|| key.to_string(), |s| readable(s))
    }
}

/// Whether a dictionary entry occurs in a comment's words: its stems in a row, the last
/// one a prefix where the entry ends in `*`.
fn matches(m: &Matcher, words: &[crate::analysis::words::Word]) -> bool {
    let length = m.stems.len() + usize::from(m.prefix.is_some());
    if length == 0 || words.len() < length {
        return false;
    }
    words.windows(length).any(|window| {
        window
            .iter()
            .zip(&m.stems)
            .all(|(w, stem)| *w.stem == **stem)
            && m.prefix
                .as_ref()
                .is_none_or(|prefix| window[length - 1].lower.starts_with(prefix.as_str()))
    })
}

fn keep_quote(tally: &mut ThemeTally, text: &str) {
    let hash = fnv1a(text);
    // shortened only when kept
    if tally.quotes.len() < QUOTES || tally.quotes.iter().any(|(h, _)| hash < *h) {
        keep_hashed_quote(tally, hash, shortened(text));
    }
}

/// [`keep_quote`] for a quote another part kept: its hash and shortened text.
fn keep_hashed_quote(tally: &mut ThemeTally, hash: u64, text: String) {
    if tally.quotes.iter().any(|(h, _)| *h == hash) {
        return;
    }
    if tally.quotes.len() < QUOTES {
        tally.quotes.push((hash, text));
    } else if let Some(largest) = tally.quotes.iter_mut().max_by_key(|(h, _)| *h) {
        if hash < largest.0 {
            *largest = (hash, text);
        }
    }
}
