//! The floor: the same table merely parsed with the csv crate, on one thread, every record
//! read and every field counted, nothing checked or computed. `bench/run.sh` builds it with
//! `cargo build --release --example csv_floor` and runs it on the benchmark's table.

use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: csv_floor TABLE.csv")?;
    let file = std::fs::File::open(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 16, file));
    let mut record = csv::StringRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_record(&mut record)? {
        records += 1;
        fields += record.len() as u64;
    }
    println!("{records} records, {fields} fields");
    Ok(())
}
