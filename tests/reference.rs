//! `centricity score --format json` against numbers from scipy and pingouin (and the driver
//! analysis against pingouin's LMG, numpy's Johnson weights and scipy's Pearson)
//! (tests/reference/reference.py writes tests/reference/expected.json; CI re-runs it).

mod common;

use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

/// Every field of `expected` must be in `actual` with the same value: numbers to 1e-9
/// relative (absolute near zero), nulls as nulls. Fields only in `actual` are not checked.
fn compare(path: &str, expected: &Value, actual: &Value, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let inner = format!("{path}.{key}");
                match a.get(key) {
                    Some(found) => compare(&inner, value, found, problems),
                    None => problems.push(format!("{inner}: missing, expected {value}")),
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
            let scale = e.abs().max(1e-6);
            if ((e - a) / scale).abs() > TOLERANCE {
                problems.push(format!("{path}: expected {e}, found {a}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => problems.push(format!("{path}: expected {e}, found {a}")),
    }
}

/// A list of entries with an `id` as an object keyed by it; `null` stays `null`.
fn keyed(list: &Value) -> Value {
    match list.as_array() {
        None => list.clone(),
        Some(entries) => Value::Object(
            entries
                .iter()
                .map(|entry| (entry["id"].as_str().unwrap().to_string(), entry.clone()))
                .collect(),
        ),
    }
}

/// The JSON document re-keyed like expected.json: dimensions, items, the drivers' dimensions
/// and items and the priorities by id.
fn by_id(scores: &Value) -> Value {
    let mut drivers = scores["drivers"].clone();
    if let Value::Object(d) = &mut drivers {
        for list in ["dimensions", "items"] {
            let entry = d.get(list).map(keyed).unwrap_or(Value::Null);
            d.insert(list.to_string(), entry);
        }
    }
    serde_json::json!({
        "dimensions": keyed(&scores["dimensions"]),
        "items": keyed(&scores["items"]),
        "nps": scores["nps"].clone(),
        "drivers": drivers,
        "priorities": keyed(&scores["priorities"]),
    })
}

#[test]
fn statistics_match_scipy_and_pingouin() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/expected.json")).unwrap())
            .unwrap();
    let cases = expected.as_object().unwrap();
    assert!(cases.len() >= 4, "the reference cases are there");
    assert!(
        cases.values().any(|c| c["drivers"].is_object())
            && cases.values().any(|c| c["drivers"].is_null()),
        "a case with a driver analysis and one without"
    );
    let mut problems = Vec::new();
    for (case, values) in cases {
        let dir = format!("{root}/cases/{case}");
        // the cases' questionnaires are kept with the test fixtures
        let run = common::run(&[
            "score",
            &dir,
            "--format",
            "json",
            "--allow-outside-questionnaire",
        ]);
        assert_eq!(run.code, 0, "{case}: {}", run.stderr);
        let actual: Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(!run.stdout.contains("NaN"));
        compare(case, values, &by_id(&actual), &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
