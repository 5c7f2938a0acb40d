//! Respondent ids seen so far, to find one seen twice anywhere: the one thing a load keeps
//! per respondent, so it is kept small.
//!
//! Each id is stored once, its length and then its bytes, one after another in one buffer,
//! and a hash table holds where each starts (a randomly keyed hash, so that crafted ids
//! cannot slow it down). An id of 8 characters takes about 14 bytes: 9 in the buffer, 4 in
//! the table (with its control byte and free room, 5 to 10). Where an id was first seen is
//! not kept: when one is seen twice, the files are read again to find it.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::PathBuf;

use super::Place;
use crate::input::cells::restore;
use crate::input::table;

#[derive(Default)]
pub(super) struct Ids {
    hasher: foldhash::fast::RandomState,
    table: hashbrown::HashTable<u32>,
    /// Each id as its length (LEB128) and its bytes.
    text: Vec<u8>,
}

/// The id stored at `start` of `text`.
fn id_at(text: &[u8], start: u32) -> &[u8] {
    let (mut len, mut shift, mut at) = (0usize, 0, start as usize);
    loop {
        let b = text[at];
        len |= usize::from(b & 0x7f) << shift;
        at += 1;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    &text[at..at + len]
}

impl Ids {
    /// The hasher ids are hashed with (for hashing them on other threads).
    pub fn hasher(&self) -> foldhash::fast::RandomState {
        self.hasher.clone()
    }

    /// Room for `more` ids without growing the table.
    pub fn reserve(&mut self, more: usize) {
        let (text, hasher) = (&self.text, &self.hasher);
        self.table
            .reserve(more, |&i| hasher.hash_one(id_at(text, i)));
    }

    /// Whether `id`, whose hash by [`Self::hasher`] is `hash`, is new (and now seen).
    pub fn claim(&mut self, id: &str, hash: u64) -> bool {
        let text = &self.text;
        if self
            .table
            .find(hash, |&i| id_at(text, i) == id.as_bytes())
            .is_some()
        {
            return false;
        }
        // an id longer than the 4 GB the table can address is not remembered (and no
        // table has one: a row is at most 64 MB)
        let Ok(start) = u32::try_from(self.text.len()) else {
            return true;
        };
        let mut len = id.len();
        loop {
            let low = (len & 0x7f) as u8;
            len >>= 7;
            self.text.push(if len > 0 { low | 0x80 } else { low });
            if len == 0 {
                break;
            }
        }
        self.text.extend_from_slice(id.as_bytes());
        let (text, hasher) = (&self.text, &self.hasher);
        self.table
            .insert_unique(hash, start, |&i| hasher.hash_one(id_at(text, i)));
        true
    }
}

/// How to find again the ids a file claimed, for the place of a duplicate's first
/// appearance.
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

/// Where each of the `duplicates` ids was first claimed: the files are read again, in
/// order, until every one is found.
pub(super) fn first_places(
    files: &[PathBuf],
    claims: &[Claims],
    duplicates: &[(Box<str>, Place)],
) -> HashMap<Box<str>, Place> {
    let wanted: HashSet<&str> = duplicates.iter().map(|(id, _)| &**id).collect();
    let mut found: HashMap<Box<str>, Place> = HashMap::new();
    for (file, (path, claims)) in files.iter().zip(claims).enumerate() {
        if found.len() == wanted.len() {
            break;
        }
        let mut first = |id: &str, offset: u64| {
            if wanted.contains(id) && !found.contains_key(id) {
                let file = file as u32;
                found.insert(id.into(), Place { file, offset });
            }
        };
        match claims {
            Claims::None => {}
            Claims::Toml { id, offset } => first(id, *offset),
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
                        first(id, record.position().map_or(0, |p| p.byte()));
                    }
                }
            }
        }
    }
    // a duplicate is always seen once before (a fallback, should a file have changed)
    for (id, here) in duplicates {
        found.entry(id.clone()).or_insert(*here);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_told_apart_exactly() {
        let mut ids = Ids::default();
        let hasher = ids.hasher();
        let long = "x".repeat(300);
        for id in ["k1", "k2", "", &long, "k10"] {
            assert!(ids.claim(id, hasher.hash_one(id.as_bytes())), "{id}");
        }
        for id in ["k1", &long, "", "k10"] {
            assert!(!ids.claim(id, hasher.hash_one(id.as_bytes())), "{id}");
        }
        assert!(ids.claim("k3", hasher.hash_one(b"k3".as_slice())));
    }
}
