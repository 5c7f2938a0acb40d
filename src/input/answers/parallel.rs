//! A table of more than one part read on several threads: each part into an empty tally
//! of its own, the tallies merged in file order on the calling thread, which also reads
//! the file and claims the ids. The parts are cut by bytes alone, so the result is the
//! same, bit for bit, with one thread or many.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{mpsc, Mutex};

use super::chunks::{Chunk, Chunks};
use super::rows::{Outcome, Rows};
use super::Sink;

/// Parts of this many bytes (up to the next row end): about 11,000 rows of the default
/// questionnaire, enough that merging their tallies costs nothing next to reading them.
const CHUNK_BYTES: usize = 1 << 20;

/// How many threads read parts: one per core, or `CENTRICITY_THREADS` (for tests and
/// measurements; the result does not depend on it).
pub(super) fn threads() -> usize {
    std::env::var("CENTRICITY_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(64)
}

/// The size of a part: [`CHUNK_BYTES`], or `CENTRICITY_CHUNK_BYTES` for tests, which cut
/// small tables into many parts. (A different size merges the same numbers in other
/// groups, which may change the last digit of a mean.)
pub(super) fn chunk_bytes() -> usize {
    std::env::var("CENTRICITY_CHUNK_BYTES")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(CHUNK_BYTES)
}

/// Reads `first` and every further part of `chunks`, handing each part's [`Outcome`] to
/// `settle` in file order. A table of one part, or a sink that takes no parts, is read
/// straight into `sink` on this thread; otherwise each part is tallied apart (on
/// [`threads`] threads) and merged into `sink` in file order. An error reading the file
/// ends it, after the parts before.
pub(super) fn read<R: Read, S: Sink>(
    chunks: &mut Chunks<R>,
    first: Chunk,
    rows: &Rows,
    sink: &mut S,
    mut settle: impl FnMut(Outcome),
) -> std::io::Result<()> {
    let second = chunks.next_chunk();
    let second = match second {
        Ok(Some(second)) if sink.part().is_some() => second,
        second => {
            // one part, or respondents one by one: all on this thread, straight into the sink
            settle(rows.read(&first.bytes, first.offset, sink));
            let mut next = second;
            loop {
                match next? {
                    Some(chunk) => settle(rows.read(&chunk.bytes, chunk.offset, sink)),
                    None => return Ok(()),
                }
                next = chunks.next_chunk();
            }
        }
    };
    let threads = threads();
    if threads == 1 {
        for chunk in [Ok(Some(first)), Ok(Some(second))]
            .into_iter()
            .chain(std::iter::from_fn(|| Some(chunks.next_chunk())))
        {
            let Some(chunk) = chunk? else {
                return Ok(());
            };
            let Some(mut part) = sink.part() else {
                return Ok(());
            };
            settle(rows.read(&chunk.bytes, chunk.offset, &mut part));
            sink.merge(part);
        }
        return Ok(());
    }
    on_threads(threads, chunks, [first, second], rows, sink, settle)
}

/// [`read`] with the parts tallied on `threads` threads.
fn on_threads<R: Read, S: Sink>(
    threads: usize,
    chunks: &mut Chunks<R>,
    first: [Chunk; 2],
    rows: &Rows,
    sink: &mut S,
    mut settle: impl FnMut(Outcome),
) -> std::io::Result<()> {
    let (jobs, job) = mpsc::sync_channel::<(usize, Chunk, S::Part)>(threads);
    let job = Mutex::new(job);
    std::thread::scope(|scope| {
        let (done, finished) = mpsc::channel::<(usize, Outcome, S::Part)>();
        for _ in 0..threads {
            let (job, done) = (&job, done.clone());
            scope.spawn(move || loop {
                // the lock is held only while waiting for the next part
                let next = job
                    .lock()
                    .map_err(drop)
                    .and_then(|j| j.recv().map_err(drop));
                let Ok((index, chunk, mut part)) = next else {
                    break;
                };
                let outcome = rows.read(&chunk.bytes, chunk.offset, &mut part);
                drop(chunk);
                if done.send((index, outcome, part)).is_err() {
                    break;
                }
            });
        }
        drop(done);
        // finished parts waiting for those before them
        let mut waiting: BTreeMap<usize, (Outcome, S::Part)> = BTreeMap::new();
        let (mut sent, mut merged) = (0, 0);
        let mut merge_ready = |waiting: &mut BTreeMap<usize, (Outcome, S::Part)>,
                               merged: &mut usize,
                               sink: &mut S| {
            while let Some((outcome, part)) = waiting.remove(merged) {
                settle(outcome);
                sink.merge(part);
                *merged += 1;
            }
        };
        let mut first = first.into_iter();
        let mut result = Ok(());
        loop {
            // at most two parts a thread in memory, read or waiting to be merged
            while sent - merged >= 2 * threads {
                let Ok((index, outcome, part)) = finished.recv() else {
                    break;
                };
                waiting.insert(index, (outcome, part));
                merge_ready(&mut waiting, &mut merged, sink);
            }
            let chunk = match first.next() {
                Some(chunk) => chunk,
                None => match chunks.next_chunk() {
                    Ok(Some(chunk)) => chunk,
                    Ok(None) => break,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                },
            };
            let Some(part) = sink.part() else {
                break;
            };
            if jobs.send((sent, chunk, part)).is_err() {
                break;
            }
            sent += 1;
            while let Ok((index, outcome, part)) = finished.try_recv() {
                waiting.insert(index, (outcome, part));
            }
            merge_ready(&mut waiting, &mut merged, sink);
        }
        drop(jobs);
        while merged < sent {
            let Ok((index, outcome, part)) = finished.recv() else {
                break;
            };
            waiting.insert(index, (outcome, part));
            merge_ready(&mut waiting, &mut merged, sink);
        }
        result
    })
}
