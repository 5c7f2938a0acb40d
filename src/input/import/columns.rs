//! Finding the export's columns a mapping names, by their exact header or by the question
//! text their header contains; each column may be mapped once.

use std::collections::BTreeMap;
use std::ops::Range;

use super::normalise;
use crate::input::check::did_you_mean;
use crate::input::diagnostics::{some_of, Problems, Source};
use crate::input::table::normalise_header;

/// Where a mapped thing is: its exact header, or text its header contains.
#[derive(Clone)]
pub(super) enum ColumnName {
    Header(String),
    Question(String),
}

/// The export's columns, and which of them the mapping has used so far.
pub(super) struct Columns<'a> {
    /// The export's header, as [`normalise_header`] leaves it.
    header: &'a [String],
    /// The mapping file, where problems are placed.
    map: &'a Source<'a>,
    /// Each used column, with the place in the mapping that uses it.
    used: BTreeMap<usize, Range<usize>>,
}

impl<'a> Columns<'a> {
    pub(super) fn new(header: &'a [String], map: &'a Source<'a>) -> Self {
        Columns {
            header,
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
                            self.header[c]
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
        let header = self.header;
        let hits: Vec<usize> = match name {
            ColumnName::Header(wanted) => {
                let wanted = normalise_header(wanted);
                (0..header.len()).filter(|&c| header[c] == wanted).collect()
            }
            ColumnName::Question(question) => {
                let wanted = normalise(question);
                (0..header.len())
                    .filter(|&c| normalise(&header[c]).contains(&wanted))
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
            ([], ColumnName::Question(q)) => Err(format!(
                "no column of the export contains the question \"{q}\""
            )),
            (_, ColumnName::Header(h)) => {
                Err(format!("the export has {} columns named `{h}`", hits.len()))
            }
            (_, ColumnName::Question(q)) => Err(format!(
                "{} columns of the export contain the question \"{q}\"; name the column instead",
                hits.len()
            )),
        }
    }

    /// The headers of the columns nothing in the mapping uses, in the export's order.
    pub(super) fn unused(&self) -> Vec<String> {
        (0..self.header.len())
            .filter(|c| !self.used.contains_key(c))
            .map(|c| self.header[c].clone())
            .collect()
    }
}
