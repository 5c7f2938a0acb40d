//! A table read in parts on several threads gives the same bytes as on one thread: the
//! same scores to the last digit, the same problems at the same lines, in the same order.
//! `CENTRICITY_CHUNK_BYTES` cuts a small table into many parts (a few rows each), so that
//! every kind of row lands next to a cut somewhere.

mod common;

use std::process::Command;

use common::{Fixture, Run};

/// A customer table of `rows` rows on the mini questionnaire, with a byte-order mark and
/// CRLF line ends: "na", cells left blank, blank lines, comments with quoted line breaks
/// and quotes, and (with `broken`) wrong values, short rows and ids seen twice, spread over
/// the whole table.
fn table(rows: usize, broken: bool) -> String {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut text = String::from("\u{feff}respondent,perspective,group,r1,r2,c1,nps,comment:r1\r\n");
    for k in 0..rows {
        let mut answer = |of: u64| match next(20) {
            0 => "na".to_string(),
            1 => String::new(),
            _ => (1 + next(of)).to_string(),
        };
        let (r1, r2, c1) = (answer(5), answer(5), answer(5));
        let nps = next(11);
        let group = ["Privat", "Firma", " privat ", ""][next(4) as usize];
        let comment = match next(8) {
            0 => "\"Die Hotline, immer besetzt\"".to_string(),
            1 => format!("\"Zwei\r\nZeilen, Nummer {}\"", next(50)),
            2 => "\"Er sagte \"\"nie wieder\"\" am Telefon\"".to_string(),
            _ => String::new(),
        };
        let id = if broken && k % 997 == 500 {
            format!("k{}", k / 3) // seen before, in an earlier part
        } else {
            format!("k{k}")
        };
        let row = if broken && k % 331 == 7 {
            format!("{id},customer,Privat,7,x,2,11,") // two wrong values, a wrong NPS
        } else if broken && k % 613 == 100 {
            format!("{id},customer,Privat,3") // too few cells
        } else {
            format!("{id},customer,{group},{r1},{r2},{c1},{nps},{comment}")
        };
        text.push_str(&row);
        text.push_str("\r\n");
        if next(50) == 0 {
            text.push_str("\r\n,,,,,,,\r\n");
        }
    }
    text
}

fn run_with(fixture: &Fixture, threads: usize, chunk: Option<usize>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_centricity"));
    command
        .args(&args[..1])
        .arg(fixture.path())
        .args(&args[1..])
        .env("CENTRICITY_THREADS", threads.to_string());
    match chunk {
        Some(bytes) => command.env("CENTRICITY_CHUNK_BYTES", bytes.to_string()),
        None => command.env_remove("CENTRICITY_CHUNK_BYTES"),
    };
    let output = command.output().expect("the binary runs");
    let run = Run {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn scores_are_the_same_bytes_with_any_number_of_threads() {
    let fixture = Fixture::new();
    fixture.write("answers/customers.csv", &table(3000, false));
    for args in [
        &["score", "--format", "json"][..],
        &["score", "--format", "csv"][..],
        &["validate"][..],
    ] {
        let one = run_with(&fixture, 1, Some(2000), args);
        assert_eq!(one.code, 0, "{}", one.stderr);
        assert!(one.stdout.len() > 40, "{}", one.stdout);
        for threads in [2, 4] {
            for _ in 0..2 {
                let many = run_with(&fixture, threads, Some(2000), args);
                assert_eq!(many.stdout, one.stdout, "{args:?} on {threads} threads");
                assert_eq!(many.stderr, one.stderr, "{args:?} on {threads} threads");
            }
        }
    }
    // the whole table in one part counts the same respondents (the means may differ in
    // their last digit: the same numbers summed in other groups)
    let whole = run_with(&fixture, 2, None, &["validate"]);
    let parts = run_with(&fixture, 2, Some(2000), &["validate"]);
    assert_eq!(whole.stdout, parts.stdout);
}

#[test]
fn the_report_is_the_same_bytes_with_any_number_of_threads() {
    let fixture = Fixture::new();
    fixture.write("answers/customers.csv", &table(2000, false));
    let report = |threads: usize| {
        let out = fixture.file(&format!("report-{threads}.html"));
        let run = run_with(
            &fixture,
            threads,
            Some(1500),
            &["report", "-o", out.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read(out).unwrap()
    };
    let one = report(1);
    assert_eq!(report(2), one);
    assert_eq!(report(4), one);
}

#[test]
fn problems_are_the_same_at_the_same_lines_however_the_table_is_cut() {
    let fixture = Fixture::new();
    fixture.write("answers/customers.csv", &table(3000, true));
    let whole = run_with(&fixture, 1, None, &["validate"]);
    assert_eq!(whole.code, 1);
    let problems = whole.problems();
    assert!(
        problems.iter().any(|p| p.contains("appears twice")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains("the row has 4 cells")));
    assert!(problems.len() > 30, "{}", problems.len());
    for (threads, chunk) in [(1, 700), (2, 700), (4, 700), (2, 5000), (3, 1)] {
        let cut = run_with(&fixture, threads, Some(chunk), &["validate"]);
        assert_eq!(cut.code, 1);
        assert_eq!(
            cut.stderr, whole.stderr,
            "{threads} threads, parts of {chunk} bytes"
        );
    }
    // the first duplicate's first place, counted by hand: row 500 repeats k166
    let text = std::fs::read_to_string(fixture.file("answers/customers.csv")).unwrap();
    let first = text[..text.find("\nk166,").unwrap()].matches('\n').count() + 2;
    let duplicate = problems
        .iter()
        .find(|p| p.contains("respondent `k166` appears twice"))
        .unwrap();
    assert!(
        duplicate.contains(&format!("customers.csv:{first}")),
        "{duplicate} (expected line {first})"
    );
}

#[test]
fn many_answer_files_give_the_same_bytes_on_any_number_of_threads() {
    // 1,200 answer files in three folders (700 in the first: more than one batch of 512), a
    // table between them, wrong values, unreadable TOML and ids seen twice: within a batch,
    // across batches and across folders
    let fixture = Fixture::new();
    for k in 0..1200 {
        let folder = match k {
            0..700 => "a",
            700..1000 => "b",
            _ => "c",
        };
        let (r1, nps) = (1 + k % 5, k % 11);
        let body = match k {
            17 => "this is = not [toml".to_string(),
            400 => format!("[answers]\nr1 = 9\nnps = {nps}\n"),
            900 => "[answers]\nr1 = 4,5\n".to_string(),
            _ => format!("[answers]\nr1 = {r1}\nnps = {nps}\n"),
        };
        let id = match k {
            300 => "t10".to_string(),  // in the batch of t10, on another thread
            650 => "t600".to_string(), // in the batch after t600's
            1100 => "t5".to_string(),  // in another folder
            _ => format!("t{k}"),
        };
        let text = format!(
            "questionnaire = \"mini\"\nquestionnaire_version = \"2.0.0\"\nperspective = \"customer\"\nrespondent = \"{id}\"\n\n{body}"
        );
        fixture.write(&format!("answers/{folder}/f{k:04}.toml"), &text);
    }
    fixture.write("answers/b/.hidden.toml", "not read");
    fixture.write(
        "answers/b/m-table.csv",
        "respondent,perspective,r1\nx1,customer,3\nx2,customer,8\n",
    );
    let one = run_with(&fixture, 1, None, &["validate"]);
    assert_eq!(one.code, 1, "{}", one.stderr);
    let problems = one.problems();
    assert_eq!(problems.len(), 7, "{problems:?}");
    // the first of two is the one read first: the files were taken in order
    for (id, first, again) in [
        ("t10", "a/f0010.toml", "a/f0300.toml"),
        ("t600", "a/f0600.toml", "a/f0650.toml"),
        ("t5", "a/f0005.toml", "c/f1100.toml"),
    ] {
        let said = format!("respondent `{id}` appears twice: first in ");
        assert!(
            problems
                .iter()
                .any(|p| p.contains(again) && p.contains(&said) && p.contains(first)),
            "{id}: {problems:?}"
        );
    }
    for (file, words) in [
        ("f0017.toml", ""),
        ("f0400.toml", "outside the scale"),
        ("f0900.toml", "4,5"),
        ("m-table.csv:3", "outside the scale"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(file) && p.contains(words)),
            "{file}: {problems:?}"
        );
    }
    // 1,200 files, the table and the fixture's own; every respondent but the three again
    // and the three with a problem counted
    assert!(
        one.stderr.contains(", 1200 respondents, 7 problems"),
        "{}",
        one.stderr
    );
    for threads in [2, 4] {
        let many = run_with(&fixture, threads, None, &["validate"]);
        assert_eq!(many.stderr, one.stderr, "{threads} threads");
        assert_eq!(many.stdout, one.stdout, "{threads} threads");
    }
    for name in [
        "a/f0300.toml",
        "a/f0650.toml",
        "c/f1100.toml",
        "a/f0017.toml",
    ] {
        std::fs::remove_file(fixture.file(&format!("answers/{name}"))).unwrap();
    }
    for name in ["a/f0400.toml", "b/f0900.toml", "b/m-table.csv"] {
        std::fs::remove_file(fixture.file(&format!("answers/{name}"))).unwrap();
    }
    let scores = |threads| run_with(&fixture, threads, None, &["score", "--format", "json"]);
    let one = scores(1);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(scores(2).stdout, one.stdout);
}
