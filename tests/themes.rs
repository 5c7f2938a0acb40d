//! The "themes" of `centricity score --format json` against an independent reference
//! (tests/reference/themes.py: its own tokenisation, Python's Snowball stemmers, numpy's
//! log-odds; it writes tests/reference/expected_themes.json and CI re-runs it), and the
//! section of the report: escaped, anonymous.

mod common;

use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

/// Every field of `expected` is in `actual` with the same value: numbers to 1e-9 relative,
/// lists of the same length in the same order.
fn compare(path: &str, expected: &Value, actual: &Value, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                match a.get(key) {
                    Some(found) => compare(&format!("{path}.{key}"), value, found, problems),
                    None => problems.push(format!("{path}.{key}: missing, expected {value}")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(&format!("{path}[{i}]"), ev, av, problems);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if ((e - a) / e.abs().max(1e-6)).abs() > TOLERANCE {
                problems.push(format!("{path}: expected {e}, found {a}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => problems.push(format!("{path}: expected {e}, found {a}")),
    }
}

#[test]
fn terms_and_log_odds_match_the_reference() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/expected_themes.json")).unwrap(),
    )
    .unwrap();
    let run = common::run(&[
        "score",
        &format!("{root}/cases/themes"),
        "--format",
        "json",
        "--allow-outside-questionnaire",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let actual: Value = serde_json::from_str(&run.stdout).unwrap();
    // the case is one where the lists say something: both have terms that stand out
    let customer = &expected["themes"]["customer"];
    assert!(!customer["detractors"].as_array().unwrap().is_empty());
    assert!(!customer["promoters"].as_array().unwrap().is_empty());
    let mut problems = Vec::new();
    compare(
        "themes",
        &expected["themes"],
        &actual["themes"],
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Customers' comments on `r1`: `writers` people, each with `text`.
fn customers(writers: usize, text: &str) -> String {
    let mut csv = String::from("respondent,perspective,r1,r2,c1,nps,comment:r1\n");
    for k in 0..writers {
        csv.push_str(&format!("k{k},customer,2,4,5,{},\"{text} {k}\"\n", k % 11));
    }
    csv
}

const THEMES: &str =
    "[themes.hotline]\nlabel = \"Hotline <b>\"\nwords = [\"hotline\", \"script\"]\n";

#[test]
fn the_section_escapes_what_comments_say() {
    let fixture = common::Fixture::new();
    let hostile = "<script>alert('x')</script> Hotline <img src=x onerror=alert(1)> besetzt";
    fixture.write("answers/customers.csv", &customers(6, hostile));
    fixture.write("themes.toml", THEMES);
    let out = fixture.file("r.html");
    let run = fixture.run("report", &["-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out).unwrap();
    let start = html
        .find("<section id=\"themes\"")
        .expect("the section is there");
    let end = start + html[start..].find("</section>").unwrap();
    let section = &html[start..end];
    assert!(section.contains("Hotline"), "{section}");
    assert!(
        section.contains("&lt;script&gt;"),
        "the quote is there, as text"
    );
    assert!(
        section.contains("Hotline &lt;b&gt;"),
        "the label is text too"
    );
    for raw in ["<script", "<img", "<b>"] {
        assert!(!section.contains(raw), "{raw} reached the report");
    }
}

#[test]
fn nothing_is_shown_from_fewer_than_min_group_size_people() {
    let fixture = common::Fixture::new(); // min_group_size = 5
    fixture.write("themes.toml", THEMES);
    fixture.write(
        "answers/customers.csv",
        &customers(4, "Hotline besetzt, Hotline nie erreichbar"),
    );
    let run = fixture.run("score", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let customer = &json["themes"]["customer"];
    assert_eq!(customer["dimensions"][0]["comments"], 4);
    assert_eq!(customer["dimensions"][0]["terms"], Value::Null);
    assert_eq!(customer["dictionary"][0]["comments"], Value::Null);
    assert_eq!(customer["detractors"], Value::Null);
    let out = fixture.file("r.html");
    let run = fixture.run("report", &["-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out).unwrap();
    let section = &html[html.find("<section id=\"themes\"").unwrap()..];
    assert!(section.contains("Weniger als 5 Personen haben hierzu kommentiert"));
    assert!(
        !section.contains("besetzt"),
        "no term and no quote from four people"
    );

    // five people: shown
    fixture.write(
        "answers/customers.csv",
        &customers(5, "Hotline besetzt, Hotline nie erreichbar"),
    );
    let run = fixture.run("score", &["--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let customer = &json["themes"]["customer"];
    let terms = customer["dimensions"][0]["terms"].as_array().unwrap();
    let hotline = terms.iter().find(|t| t["term"] == "Hotline").unwrap();
    assert_eq!(
        hotline["count"], 5,
        "once per comment, though twice in each"
    );
    assert_eq!(customer["dictionary"][0]["comments"], 5);
}

#[test]
fn a_theme_file_outside_the_folder_is_refused() {
    let fixture = common::Fixture::new();
    fixture.write("../outside-themes.toml", THEMES);
    let settings = format!(
        "{}themes = \"../outside-themes.toml\"\n",
        common::ASSESSMENT
    );
    fixture.write("assessment.toml", &settings);
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`themes`: `../outside-themes.toml` leads outside the assessment folder"),
        "{}",
        run.stderr
    );
}
