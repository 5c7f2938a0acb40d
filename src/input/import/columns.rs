//! Finding the export's columns a mapping names, by their exact header or by the question
//! text their header contains; each column may be mapped once.

use std::collections::BTreeMap;
use std::ops::Range;

use super::headers::Headers;
use super::normalise;
use crate::input::check::did_you_mean;
use crate::input::diagnostics::{some_of, Problems, Source};
use crate::input::table::normalise_header;

/// The (at most three) headers most like the question text `wanted` (normalised): by the
/// best match of the question against any stretch of the header as long as it, so that a
/// question with a typo still finds the long header it is part of.
fn closest<'h>(wanted: &str, headers: &'h Headers) -> Vec<&'h str> {
    // a header of millions of columns is no reason to wait for a hint
    let mut scored: Vec<(f64, &str)> = headers
        .texts
        .iter()
        .zip(&headers.names)
        .take(10_000)
        .map(|(text, name)| (likeness(wanted, text), name.as_str()))
        .filter(|(score, _)| *score > 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, h)| h).collect()
}

/// How like `wanted` the most similar part of `header` is, from 0 to 1.
fn likeness(wanted: &str, header: &str) -> f64 {
    let header: Vec<char> = header.chars().collect();
    let n = wanted.chars().count();
    if header.len() <= n {
        let header: String = header.iter().collect();
        return strsim::normalized_levenshtein(wanted, &header);
    }
    // windows starting at word starts only: a long header costs a few comparisons
    (0..=header.len() - n)
        .filter(|&i| i == 0 || header[i - 1] == ' ')
        .take(200)
        .map(|i| {
            let part: String = header[i..i + n].iter().collect();
            strsim::normalized_levenshtein(wanted, &part)
        })
        .fold(0.0, f64::max)
}

/// Where a mapped thing is: its exact header, or text its header contains.
#[derive(Clone)]
pub(super) enum ColumnName {
    Header(String),
    Question(String),
}

/// The export's columns, and which of them the mapping has used so far.
pub(super) struct Columns<'a> {
    /// The export's header rows.
    headers: &'a Headers,
    /// The mapping file, where problems are placed.
    map: &'a Source<'a>,
    /// Each used column, with the place in the mapping that uses it.
    used: BTreeMap<usize, Range<usize>>,
}

impl<'a> Columns<'a> {
    pub(super) fn new(headers: &'a Headers, map: &'a Source<'a>) -> Self {
        Columns {
            headers,
            map,
            used: BTreeMap::new(),
        }
    }

    /// Finds a mapped column (named at `span` of the mapping) in the export and marks it
    /// used, or reports why not.
    pub(super) fn locate(
        &mut self,
        name: &ColumnName,
        span: Range<usize>,
        problems: &mut Problems,
    ) -> Option<usize> {
        match self.find(name) {
            Ok(c) => {
                if let Some(first) = self.used.insert(c, span.clone()) {
                    let (line, _) = self.map.position(first.start);
                    problems.push(self.map.error(
                        span,
                        format!(
                            "column `{}` is already mapped on line {line}",
                            self.headers.names[c]
                        ),
                    ));
                    return None;
                }
                Some(c)
            }
            Err(message) => {
                problems.push(self.map.error(span, message));
                None
            }
        }
    }

    /// The one column `name` names, or why there is not one.
    fn find(&self, name: &ColumnName) -> Result<usize, String> {
        let header = &self.headers.names;
        let hits: Vec<usize> = match name {
            ColumnName::Header(wanted) => {
                let wanted = normalise_header(wanted);
                let first = &self.headers.first;
                (0..first.len()).filter(|&c| first[c] == wanted).collect()
            }
            ColumnName::Question(question) => {
                let wanted = normalise(question);
                let texts = &self.headers.texts;
                (0..texts.len())
                    .filter(|&c| texts[c].contains(&wanted))
                    .collect()
            }
        };
        match (hits.as_slice(), name) {
            ([c], _) => Ok(*c),
            ([], ColumnName::Header(h)) => Err(format!(
                "the export has no column `{h}`{} (its columns: {})",
                did_you_mean(h, header.iter().map(String::as_str)),
                some_of(header)
            )),
            ([], ColumnName::Question(q)) => {
                let close = closest(&normalise(q), self.headers);
                let hint = match close.is_empty() {
                    true => format!(" (its columns: {})", some_of(header)),
                    false => format!(
                        " (did you mean one of the closest headers: {}?)",
                        some_of(close.iter().map(|h| format!("\"{h}\"")))
                    ),
                };
                Err(format!(
                    "no column of the export contains the question \"{q}\"{hint}"
                ))
            }
            (_, ColumnName::Header(h)) => {
                Err(format!("the export has {} columns named `{h}`", hits.len()))
            }
            (_, ColumnName::Question(q)) => Err(format!(
                "{} columns of the export contain the question \"{q}\"; name the column instead",
                hits.len()
            )),
        }
    }

    /// Finds a column (named at `span` of the mapping) that may also be mapped otherwise,
    /// such as the one `keep` looks at, and marks it used.
    pub(super) fn locate_shared(
        &mut self,
        name: &ColumnName,
        span: Range<usize>,
        problems: &mut Problems,
    ) -> Option<usize> {
        match self.find(name) {
            Ok(c) => {
                self.used.entry(c).or_insert(span);
                Some(c)
            }
            Err(message) => {
                problems.push(self.map.error(span, message));
                None
            }
        }
    }

    /// The headers of the columns nothing in the mapping uses, in the export's order.
    pub(super) fn unused(&self) -> Vec<String> {
        (0..self.headers.names.len())
            .filter(|c| !self.used.contains_key(c))
            .map(|c| self.headers.names[c].clone())
            .collect()
    }
}
