//! The driver analysis and the priority matrix on the real binary: the JSON's shape, nulls
//! below 30 customers and without an NPS question, collinear dimensions, a questionnaire too
//! wide for exact LMG, and the report's section in both languages.

mod common;

use std::fmt::Write;

use common::{Fixture, MINI};
use serde_json::Value;

/// `count` customers of the mini questionnaire (r1, r2 reversed, c1; NPS), answering in a
/// pattern that varies every column and ties the NPS answer to reachability.
fn customers(count: usize) -> String {
    let mut csv = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    for k in 0..count {
        let r1 = 1 + k % 5;
        let r2 = 1 + (k * 3 + 1) % 5;
        let c1 = 1 + (k * 7 + 2) % 5;
        let nps = (2 * r1 + (6 - r2) / 2 + k % 3).min(10);
        let _ = writeln!(csv, "k{k},customer,,{r1},{r2},{c1},{nps}");
    }
    csv
}

fn scores(fixture: &Fixture) -> Value {
    let run = fixture.run("score", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("NaN"));
    serde_json::from_str(&run.stdout).unwrap()
}

fn report(fixture: &Fixture, lang: &str) -> String {
    let out = fixture.file(&format!("report-{lang}.html"));
    let run = fixture.run("report", &["-o", out.to_str().unwrap(), "--lang", lang]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn forty_customers_give_drivers_and_priorities_in_the_json() {
    let fixture = Fixture::new();
    fixture.write("answers/customers.csv", &customers(40));
    let scores = scores(&fixture);
    let drivers = &scores["drivers"];
    assert_eq!(drivers["outcome"], "nps");
    assert_eq!(drivers["n"], 40);
    let r2 = drivers["r2"].as_f64().unwrap();
    assert!(r2 > 0.0 && r2 <= 1.0);
    let dimensions = drivers["dimensions"].as_array().unwrap();
    let ids: Vec<&str> = dimensions
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["reach", "comp"]);
    let sum = |key: &str| {
        dimensions
            .iter()
            .map(|d| d[key].as_f64().unwrap())
            .sum::<f64>()
    };
    assert!((sum("lmg") - r2).abs() < 1e-12, "LMG parts add up to R²");
    assert!((sum("relative_weight") - r2).abs() < 1e-12);
    assert!((sum("share") - 100.0).abs() < 1e-9);
    assert_eq!(drivers["dimensions_omitted"], Value::Null);
    // the items asked of customers, not the self-only c2
    let items = drivers["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["r1", "r2", "c1"]);
    for item in items {
        assert_eq!(item["n"], 40);
        let r = item["r"].as_f64().unwrap();
        let ci = item["ci95"].as_array().unwrap();
        assert!(ci[0].as_f64().unwrap() <= r && r <= ci[1].as_f64().unwrap());
        assert!(item["p_value"].as_f64().is_some());
    }
    let priorities = scores["priorities"].as_array().unwrap();
    assert_eq!(priorities.len(), 3);
    for p in priorities {
        assert!(p["importance"].is_number() && p["performance"].is_number());
        assert!(p.get("self").is_some(), "self is there, null or a score");
        let quadrant = p["quadrant"].as_str().unwrap();
        assert!(["concentrate", "keep_up", "low_priority", "overkill"].contains(&quadrant));
    }
}

#[test]
fn below_thirty_customers_there_are_no_drivers_and_the_report_says_why() {
    let fixture = Fixture::new();
    fixture.write("answers/customers.csv", &customers(29));
    let scores = scores(&fixture);
    assert_eq!(scores["drivers"], Value::Null);
    assert_eq!(scores["priorities"], Value::Null);
    let de = report(&fixture, "de");
    assert!(de.contains("Nur 29 Kundinnen und Kunden haben jede Dimension bewertet"));
    assert!(de.contains("Was zuerst angehen"));
    let en = report(&fixture, "en");
    assert!(en.contains(
        "only 29 customers rated every dimension and answered the NPS question; at least 30"
    ));
    assert!(
        !en.contains("Priority matrix: customer score"),
        "no matrix without drivers"
    );
}

#[test]
fn a_questionnaire_without_nps_has_no_driver_analysis() {
    let fixture = Fixture::new();
    let without = &MINI[..MINI.find("[nps]").unwrap()];
    fixture.write("questionnaire.toml", without);
    let csv = customers(40).replace(",nps\n", "\n");
    let csv: String = csv
        .lines()
        .map(|line| match line.rsplit_once(',') {
            Some((head, _)) if !line.starts_with("respondent") => format!("{head}\n"),
            _ => format!("{line}\n"),
        })
        .collect();
    fixture.write("answers/customers.csv", &csv);
    // the self answers of the fixture carry an NPS answer: the mini questionnaire's, gone here
    for file in ["answers/self/s1.toml", "answers/self/s2.toml"] {
        let text = std::fs::read_to_string(fixture.file(file)).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| !l.starts_with("\"nps\"") && !l.starts_with("nps"))
            .map(|l| format!("{l}\n"))
            .collect();
        fixture.write(file, &kept);
    }
    let scores = scores(&fixture);
    assert_eq!(scores["drivers"], Value::Null);
    assert!(report(&fixture, "en").contains("the questionnaire asks customers no NPS question"));
    assert!(report(&fixture, "de")
        .contains("Der Fragebogen stellt den Kundinnen und Kunden keine NPS-Frage"));
}

#[test]
fn collinear_dimensions_give_nulls_not_nan() {
    let fixture = Fixture::new();
    // reach = mean(r1, 6 − r2) = r1 = c1 = comp for every customer
    let mut csv = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    for k in 0..40 {
        let a = 1 + k % 5;
        let _ = writeln!(
            csv,
            "k{k},customer,,{a},{},{a},{}",
            6 - a,
            (2 * a + k % 3).min(10)
        );
    }
    fixture.write("answers/customers.csv", &csv);
    let scores = scores(&fixture);
    let drivers = &scores["drivers"];
    assert_eq!(drivers["r2"], Value::Null);
    assert_eq!(drivers["dimensions_omitted"], "collinear");
    for d in drivers["dimensions"].as_array().unwrap() {
        assert_eq!(
            (&d["lmg"], &d["share"], &d["relative_weight"]),
            (&Value::Null, &Value::Null, &Value::Null)
        );
    }
    // the items still have their correlations, and the report renders
    assert!(drivers["items"][0]["r"].is_number());
    assert!(report(&fixture, "en").contains("move in perfect step"));
}

#[test]
fn ten_thousand_dimensions_skip_the_dimension_part_quickly() {
    let fixture = Fixture::new();
    let dimensions = 10_000;
    let mut q = String::from(&MINI[..MINI.find("[[dimensions]]").unwrap()]);
    for d in 0..dimensions {
        let _ = write!(
            q,
            "[[dimensions]]\nid = \"d{d}\"\nname = {{ de = \"D\", en = \"D\" }}\ndescription = {{ de = \".\", en = \".\" }}\nrecommendations = [{{ de = \".\", en = \".\" }}, {{ de = \".\", en = \".\" }}]\n[[items]]\nid = \"i{d}\"\ndimension = \"d{d}\"\nphase = \"use\"\ncustomer = {{ de = \".\", en = \".\" }}\n"
        );
    }
    q += "[nps]\nid = \"nps\"\ncustomer = { de = \"?\", en = \"?\" }\n";
    fixture.write("questionnaire.toml", &q);
    std::fs::remove_dir_all(fixture.file("answers/self")).unwrap();
    let mut csv = String::from("respondent,perspective");
    (0..dimensions).for_each(|d| {
        let _ = write!(csv, ",i{d}");
    });
    csv += ",nps\n";
    for k in 0..30 {
        let _ = write!(csv, "k{k},customer");
        (0..dimensions).for_each(|d| {
            let _ = write!(csv, ",{}", 1 + (k + d) % 5);
        });
        let _ = writeln!(csv, ",{}", k % 11);
    }
    fixture.write("answers/customers.csv", &csv);
    let started = std::time::Instant::now();
    let scores = scores(&fixture);
    let drivers = &scores["drivers"];
    assert_eq!(drivers["n"], 30);
    assert_eq!(drivers["dimensions"], Value::Null);
    assert_eq!(drivers["dimensions_omitted"], "too_many_dimensions");
    assert_eq!(drivers["items"].as_array().unwrap().len(), dimensions);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn the_report_shows_drivers_matrix_and_what_to_fix_first_in_both_languages() {
    let fixture = Fixture::new();
    fixture.write("answers/customers.csv", &customers(40));
    let de = report(&fixture, "de");
    for words in [
        r#"<section id="drivers""#,
        "Was die Weiterempfehlung treibt",
        "Was zuerst angehen",
        "Prioritätenmatrix",
        "Hier ansetzen",
        "Weiter so",
        "Geringe Priorität",
        "Mögliche Übererfüllung",
        "Gestrichelte Linien: Mittelwerte der gezeigten Aussagen",
        "<desc>",
    ] {
        assert!(de.contains(words), "de: {words}");
    }
    let en = report(&fixture, "en");
    for words in [
        "What drives recommendation",
        "What to fix first",
        "Priority matrix",
        "Concentrate here",
        "Keep up the good work",
        "Low priority",
        "Possible overkill",
        "Johnson",
    ] {
        assert!(en.contains(words), "en: {words}");
    }
}
