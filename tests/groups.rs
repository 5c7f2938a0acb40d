//! Groups as people type them: one department written `buchhaltung` once and `Buchhaltung`
//! five times is one group, near spellings are warned about, and the report says what its
//! pool ("other") holds and why.

mod common;

use std::fmt::Write;

use common::Fixture;

/// A customer table: `(group, how many)` respondents each.
fn customers(groups: &[(&str, usize)]) -> String {
    let mut csv = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    let mut k = 0;
    for (group, n) in groups {
        for _ in 0..*n {
            k += 1;
            let _ = writeln!(csv, "k{k},customer,{group},{},3,4,8", 1 + k % 5);
        }
    }
    csv
}

fn groups_of(fixture: &Fixture) -> Vec<serde_json::Value> {
    let run = fixture.run("score", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    scores["groups"]["customer"].as_array().unwrap().clone()
}

#[test]
fn names_that_differ_in_case_spacing_or_accents_are_one_group() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &customers(&[
            ("Buchhaltung", 5),
            ("buchhaltung", 1),
            ("Zürich", 3),
            (" Zurich ", 2),
            ("ZÜRICH", 1),
        ]),
    );
    let groups = groups_of(&fixture);
    let named: Vec<(&str, u64)> = groups
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["n"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(named, [("Buchhaltung", 6), ("Zürich", 6)], "{groups:?}");
    // counted as one, and said so: the numbers are right, the source data is not tidy
    let run = fixture.run("validate", &[]);
    assert!(
        run.stderr.contains(
            "note: the group `Buchhaltung` (customer) is also written `buchhaltung`: counted as one group"
        ) && run.stderr.contains("`Zürich` (customer) is also written `Zurich`, `ZÜRICH`"),
        "{}",
        run.stderr
    );
}

#[test]
fn near_spellings_are_warned_about() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &customers(&[("Buchhaltung", 5), ("Buchaltung", 1), ("Verkauf", 5)]),
    );
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the groups `Buchaltung` and `Buchhaltung` (customer) are spelled almost alike"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`Verkauf`"), "{}", run.stderr);
}

/// Steuern has enough people to be shown, but shown, the two people of the small groups
/// could be worked out from the total: it is pooled, and the report says so by name. The
/// small groups are counted, never named.
#[test]
fn the_report_says_what_the_pool_holds_and_why() {
    let fixture = Fixture::new();
    fixture.write(
        "answers/customers.csv",
        &customers(&[
            ("Revision", 8),
            ("Steuern", 5),
            ("Empfang", 1),
            ("Archiv", 1),
        ]),
    );
    let groups = groups_of(&fixture);
    let pool = groups
        .iter()
        .find(|g| g["pooled"].as_u64() > Some(0))
        .unwrap();
    assert_eq!(pool["pooled"], 3);
    assert_eq!(pool["pooled_small"], 2);
    assert_eq!(pool["pooled_to_protect"], serde_json::json!(["Steuern"]));

    let out = fixture.file("report.html");
    let run = fixture.run("report", &["-o", out.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.contains("“Other” holds 2 groups with fewer than 5 people"));
    assert!(html.contains("Also in “Other”, though large enough to be shown: Steuern."));
    assert!(
        !html.contains("Empfang") && !html.contains("Archiv"),
        "small groups never named"
    );
}

#[test]
fn a_group_cell_that_is_only_a_neutralised_space_is_no_group() {
    // `'` and a tab is what a spreadsheet-safe export makes of a tab: no group, not the
    // group of the row before
    let fixture = Fixture::new();
    let mut csv = customers(&[("Firma", 5)]);
    for k in 6..11 {
        let _ = writeln!(csv, "k{k},customer,\"'\t\",3,3,4,8");
    }
    fixture.write("answers/customers.csv", &csv);
    let groups = groups_of(&fixture);
    let named: Vec<(&str, u64)> = groups
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["n"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(named, [("Firma", 5)], "{groups:?}");
}
