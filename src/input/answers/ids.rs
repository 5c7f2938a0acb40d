//! Respondent ids seen so far, to find one seen twice anywhere: the one thing a load keeps
//! per respondent, so it is kept small.
//!
//! Each id is kept as its 64-bit hash alone, 8 bytes whatever its length, in the order
//! claimed (a randomly keyed hash, so that no one can write ids that share one). Once every
//! file is read the hashes are sorted; when some hash was claimed twice, which is when an
//! id was (or, once in billions of loads, two ids share a hash), the files are read again
//! for the ids themselves and where each was seen.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::PathBuf;

use super::Place;
use crate::input::cells::restore;
use crate::input::table;

/// Below this many ids, the hashes are sorted on one thread.
const SORT_APART: usize = 1 << 16;

#[derive(Default)]
pub(super) struct Ids {
    hasher: foldhash::fast::RandomState,
    /// Per id claimed, in order: its hash, the lowest bit replaced by whether the
    /// respondent had no problem.
    claims: Vec<u64>,
}

/// A hash claimed more than once.
pub(super) struct Repeated {
    /// The hash, its lowest bit cleared.
    pub hash: u64,
    /// How many claimed it, and how many of them were respondents without a problem.
    pub claims: u64,
    pub clean: u64,
}

impl Ids {
    /// The hasher ids are hashed with (for hashing them on other threads).
    pub fn hasher(&self) -> foldhash::fast::RandomState {
        self.hasher.clone()
    }

    /// Room for `more` ids without growing.
    pub fn reserve(&mut self, more: usize) {
        self.claims.reserve(more);
    }

    /// Claims an id whose hash by [`Self::hasher`] is `hash`, of a respondent without a
    /// problem (`clean`) or with one.
    pub fn claim(&mut self, hash: u64, clean: bool) {
        self.claims.push(hash & !1 | u64::from(clean));
    }

    /// The hash of an id, as [`Repeated::hash`] gives it.
    pub fn key(&self, id: &str) -> u64 {
        self.hasher.hash_one(id.as_bytes()) & !1
    }

    /// The hashes claimed more than once, in sorted order; the claims are let go.
    pub fn repeated(&mut self, threads: usize) -> Vec<Repeated> {
        let mut claims = std::mem::take(&mut self.claims);
        sort(&mut claims, threads);
        let mut repeated = Vec::new();
        for run in claims.chunk_by(|a, b| a & !1 == b & !1) {
            if run.len() > 1 {
                repeated.push(Repeated {
                    hash: run[0] & !1,
                    claims: run.len() as u64,
                    clean: run.iter().map(|c| c & 1).sum(),
                });
            }
        }
        repeated
    }
}

/// Sorts `hashes`, on two threads when there are many: the result is the same either way.
fn sort(hashes: &mut [u64], threads: usize) {
    if threads < 2 || hashes.len() < SORT_APART {
        hashes.sort_unstable();
        return;
    }
    let middle = hashes.len() / 2;
    hashes.select_nth_unstable(middle);
    let (low, high) = hashes.split_at_mut(middle);
    std::thread::scope(|scope| {
        scope.spawn(|| low.sort_unstable());
        high.sort_unstable();
    });
}

/// How to find again the ids a file claimed, for the places of a duplicate.
pub(super) enum Claims {
    None,
    /// An answer file: its one id, and where.
    Toml {
        id: Box<str>,
        offset: u64,
    },
    /// A table: every row with this many cells claims the id in this column.
    Table {
        respondent: usize,
        columns: usize,
    },
}

/// A respondent id claimed again: where, and where it was claimed first.
pub(super) struct Duplicate {
    pub id: Box<str>,
    pub here: Place,
    pub first: Place,
}

/// The ids whose hashes were claimed more than once (`wanted`, by [`Ids::key`]), every
/// place each was claimed at, in file order: the files are read again for it.
pub(super) fn places(
    files: &[PathBuf],
    claims: &[Claims],
    wanted: &HashSet<u64>,
    ids: &Ids,
) -> Vec<(Box<str>, Place)> {
    let mut found = Vec::new();
    for (file, (path, claims)) in files.iter().zip(claims).enumerate() {
        let mut claimed = |id: &str, offset: u64| {
            if wanted.contains(&ids.key(id)) {
                let file = file as u32;
                found.push((id.into(), Place { file, offset }));
            }
        };
        match claims {
            Claims::None => {}
            Claims::Toml { id, offset } => claimed(id, *offset),
            Claims::Table {
                respondent,
                columns,
            } => {
                let Ok(table::Opened::Table(table)) = table::stream(path) else {
                    continue;
                };
                let mut records = table.records();
                let mut record = csv::StringRecord::new();
                let mut header = true;
                loop {
                    match records.read_record(&mut record) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => break,
                        Err(_) => continue,
                    }
                    if std::mem::take(&mut header) || record.len() != *columns {
                        continue;
                    }
                    let id = restore(&record[*respondent]).trim();
                    if !id.is_empty() {
                        claimed(id, record.position().map_or(0, |p| p.byte()));
                    }
                }
            }
        }
    }
    found
}

/// Of the `places` ids were claimed at, in file order, each claim of an id claimed before,
/// with where it was first claimed. (Two ids that merely share a hash are no duplicate.)
pub(super) fn duplicates(places: Vec<(Box<str>, Place)>) -> Vec<Duplicate> {
    let mut first: HashMap<Box<str>, Place> = HashMap::new();
    let mut found = Vec::new();
    for (id, here) in places {
        match first.get(&id) {
            Some(&first) => found.push(Duplicate { id, here, first }),
            None => {
                first.insert(id, here);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(offset: u64) -> Place {
        Place { file: 0, offset }
    }

    #[test]
    fn a_hash_claimed_twice_is_found_with_its_clean_claims() {
        let mut ids = Ids::default();
        let key = |id: &str| ids.key(id);
        let (k1, k2, long) = (key("k1"), key("k2"), key(&"x".repeat(300)));
        for (hash, clean) in [
            (k1, true),
            (k2, true),
            (long, false),
            (k1, false),
            (long, true),
        ] {
            ids.claim(hash, clean);
        }
        // many more, so that the sort runs on two threads
        for n in 0..100_000u64 {
            ids.claim(ids.key(&format!("m{n}")), true);
        }
        let mut repeated: Vec<(u64, u64)> =
            ids.repeated(2).iter().map(|r| (r.hash, r.clean)).collect();
        repeated.sort_unstable();
        let mut expected = vec![(k1, 1), (long, 1)];
        expected.sort_unstable();
        assert_eq!(repeated, expected);
        assert!(ids.repeated(2).is_empty(), "the claims are let go");
    }

    #[test]
    fn only_an_id_claimed_again_is_a_duplicate() {
        // `b` shares a hash with `a` (as read again), but is another id
        let places = vec![
            ("a".into(), place(10)),
            ("b".into(), place(20)),
            ("a".into(), place(30)),
            ("a".into(), place(40)),
        ];
        let found: Vec<(String, u64, u64)> = duplicates(places)
            .into_iter()
            .map(|d| (d.id.to_string(), d.here.offset, d.first.offset))
            .collect();
        assert_eq!(found, [("a".into(), 30, 10), ("a".into(), 40, 10)]);
    }
}
