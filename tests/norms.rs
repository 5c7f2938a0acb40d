//! `centricity norms` and `report --norms` on a synthetic portfolio of 14 assessments
//! (tests/reference/cases/norms/portfolio, written by make.py there): the norms against an
//! independent reference (tests/reference/norms.py: numpy's type-7 quantiles over the
//! assessments' `score --format json`; it writes tests/reference/expected_norms.json),
//! anonymity, filters, broken and mixed portfolios, the file's checks, and the report.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

const TOLERANCE: f64 = 1e-9;
const PORTFOLIO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/reference/cases/norms/portfolio"
);

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

/// A copy of the portfolio in a temporary folder, to change.
fn portfolio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(Path::new(PORTFOLIO), &dir.path().join("portfolio"));
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// `centricity norms <dirs> -o <out> <more>`: the run and the file written, if any.
fn norms(dirs: &[&Path], out: &Path, more: &[&str]) -> (common::Run, Option<String>) {
    let mut args = vec!["norms".to_string()];
    args.extend(dirs.iter().map(|d| d.to_str().unwrap().to_string()));
    args.extend(["-o".to_string(), out.to_str().unwrap().to_string()]);
    args.extend(more.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = common::run(&args);
    (run, std::fs::read_to_string(out).ok())
}

#[test]
fn norms_match_the_numpy_reference() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/expected_norms.json")).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (run, written) = norms(&[Path::new(PORTFOLIO)], &dir.path().join("n.json"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let actual: Value = serde_json::from_str(&written.unwrap()).unwrap();
    assert_eq!(actual["schema"], "centricity.norms/1");
    assert_eq!(actual["questionnaire"]["id"], "customer-centricity");
    assert_eq!(actual["questionnaire"]["major"], 1);
    assert_eq!(actual["waves"]["from"], "2025-01-22");
    assert_eq!(actual["waves"]["to"], "2025-12-21");
    // the case is one where it matters: a quantity with n below 14, and one left out
    assert_eq!(expected["overall"]["self"]["n"], 13);
    assert!(!expected["left_out"].as_array().unwrap().is_empty());
    let mut problems = Vec::new();
    compare("norms", &expected, &actual, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // said at the terminal, too
    assert!(
        run.stderr.contains("norms of 14 assessments"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("not written, with fewer than 10 assessments: item `reach.hours` self (8)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_same_portfolio_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, a) = norms(&[Path::new(PORTFOLIO)], &dir.path().join("a.json"), &[]);
    // the assessments named one by one, in another order, and one twice
    let mut each: Vec<PathBuf> = std::fs::read_dir(PORTFOLIO)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    each.sort();
    each.reverse();
    each.push(each[0].clone());
    let each: Vec<&Path> = each.iter().map(PathBuf::as_path).collect();
    let (run, b) = norms(&each, &dir.path().join("b.json"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (a, b) = (a.unwrap(), b.unwrap());
    // the same norms (a mean summed in another order may differ in its last bits)
    let mut problems = Vec::new();
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    compare("norms", &parse(&a), &parse(&b), &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let (_, again) = norms(&[Path::new(PORTFOLIO)], &dir.path().join("c.json"), &[]);
    assert_eq!(a, again.unwrap(), "the same arguments give the same bytes");
}

#[test]
fn no_client_wave_group_or_comment_reaches_the_norms() {
    let dir = tempfile::tempdir().unwrap();
    let (run, written) = norms(&[Path::new(PORTFOLIO)], &dir.path().join("n.json"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = written.unwrap();
    for secret in [
        "Geheim",
        "Zauberwort",
        "Frühjahr",
        "Flamingo",
        "Pinguin",
        "Hallo",
        "a01",
        "a14",
        "portfolio",
        "c0",
        "s0",
    ] {
        assert!(
            !written.contains(secret),
            "`{secret}` is in the norms:\n{written}"
        );
    }
    // nothing but the documented keys at the top, in the documented order
    let keys: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("  \"")?.split('"').next())
        .collect();
    assert_eq!(
        keys,
        [
            "schema",
            "questionnaire",
            "assessments",
            "waves",
            "filters",
            "excluded",
            "overall",
            "dimensions",
            "items",
            "nps",
            "left_out"
        ]
    );
}

#[test]
fn filters_choose_industry_and_size_and_too_few_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.json");
    let (run, written) = norms(&[Path::new(PORTFOLIO)], &out, &["--industry", " handel "]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&written.unwrap()).unwrap();
    assert_eq!(v["assessments"], 10);
    assert_eq!(v["filters"]["industry"], " handel ");
    assert_eq!(v["excluded"]["industry"], 4);
    assert!(
        run.stderr.contains("4 of other industries"),
        "{}",
        run.stderr
    );
    // ten of Handel; fewer with a self-view in all of them, so nothing else changes

    let out = dir.path().join("industrie.json");
    let (run, written) = norms(&[Path::new(PORTFOLIO)], &out, &["--industry", "Industrie"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(written.is_none(), "nothing is written below 10 assessments");
    assert!(
        run.stderr.contains("4 assessments to make norms of")
            && run.stderr.contains("10 not of the industry `Industrie`")
            && run.stderr.contains("at least 10"),
        "{}",
        run.stderr
    );

    let (run, _) = norms(&[Path::new(PORTFOLIO)], &out, &["--size", "10-49"]);
    assert_eq!(run.code, 1, "7 of each size: {}", run.stderr);
    assert!(
        run.stderr.contains("7 not of the size `10-49`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_assessment_is_left_out_with_a_warning_and_counted() {
    let dir = portfolio();
    let root = dir.path().join("portfolio");
    std::fs::write(
        root.join("a03/answers/customer.csv"),
        "respondent,perspective,reach.channels\nk1,customer,9\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("notes")).unwrap(); // no assessment: not counted
    let out = dir.path().join("n.json");
    let (run, written) = norms(&[&root], &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: left out `")
            && run.stderr.contains("a03")
            && run.stderr.contains("centricity validate"),
        "{}",
        run.stderr
    );
    let v: Value = serde_json::from_str(&written.unwrap()).unwrap();
    assert_eq!(v["assessments"], 13);
    assert_eq!(v["excluded"]["invalid"], 1);
    assert!(!v.to_string().contains("a03"));
}

#[test]
fn mixed_questionnaires_are_refused() {
    let dir = portfolio();
    let root = dir.path().join("portfolio");
    let other = root.join("a15");
    std::fs::create_dir_all(other.join("answers")).unwrap();
    std::fs::write(other.join("questionnaire.toml"), common::MINI).unwrap();
    std::fs::write(
        other.join("assessment.toml"),
        common::ASSESSMENT.replace("Muster", "Andere"),
    )
    .unwrap();
    std::fs::write(other.join("answers/customers.csv"), common::CUSTOMERS).unwrap();
    let out = dir.path().join("n.json");
    let (run, written) = norms(&[&root], &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(written.is_none());
    assert!(
        run.stderr.contains("the assessments use 2 questionnaires")
            && run
                .stderr
                .contains("`customer-centricity` 1 (14 assessments")
            && run.stderr.contains("`mini` 2 (1 assessments"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_assessments_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.json");
    let (run, _) = norms(&[dir.path()], &out, &[]);
    run.fails_at_file(
        dir.path().to_str().unwrap(),
        "is neither an assessment folder nor a folder of them",
    );
}

/// The norms of the portfolio, written to `dir/norms.json`.
fn made_norms(dir: &Path) -> PathBuf {
    let out = dir.join("norms.json");
    let (run, _) = norms(&[Path::new(PORTFOLIO)], &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

#[test]
fn the_report_places_the_client_among_its_peers_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let norms_file = made_norms(dir.path());
    let client = Path::new(PORTFOLIO).join("a01");
    for (lang, words) in [
        (
            "de",
            [
                "unter 14 Vergleichsunternehmen",
                "Im Vergleich mit 14 Unternehmen",
                "Perzentil ",
            ],
        ),
        (
            "en",
            [
                "percentile among 14 peers",
                "Compared with 14 companies",
                "middle:",
            ],
        ),
    ] {
        let html = dir.path().join(format!("r-{lang}.html"));
        let run = common::run(&[
            "report",
            client.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "--lang",
            lang,
            "--norms",
            norms_file.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = std::fs::read_to_string(&html).unwrap();
        for word in words {
            assert!(html.contains(word), "{lang}: `{word}` missing");
        }
        assert!(
            html.contains(r#"class="norm-band""#),
            "the peers' band is drawn"
        );
        assert!(
            html.contains("norm-client gap-"),
            "the gap among peers is drawn"
        );
    }
    // without --norms, no trace of them
    let plain = dir.path().join("plain.html");
    let run = common::run(&[
        "report",
        client.to_str().unwrap(),
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plain = std::fs::read_to_string(plain).unwrap();
    assert!(!plain.contains(r#"class="norm-band""#) && !plain.contains("Vergleichsunternehmen"));
}

#[test]
fn norms_of_another_questionnaire_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let norms_file = made_norms(dir.path());
    let text = std::fs::read_to_string(&norms_file).unwrap();
    let client = Path::new(PORTFOLIO).join("a01");
    let html = dir.path().join("r.html");
    let report = |norms: &Path| {
        common::run(&[
            "report",
            client.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "--norms",
            norms.to_str().unwrap(),
        ])
    };
    let other = dir.path().join("other.json");
    std::fs::write(&other, text.replacen("\"major\": 1", "\"major\": 2", 1)).unwrap();
    report(&other).fails_at_file(
        "other.json",
        "the norms are of questionnaire `customer-centricity` 2, this assessment uses `customer-centricity` 1.0.0",
    );
    let weighed = dir.path().join("weighed.json");
    std::fs::write(
        &weighed,
        text.replacen("\"weight\": 1.0", "\"weight\": 2.0", 1),
    )
    .unwrap();
    report(&weighed).fails_at_file(
        "weighed.json",
        "the norms' questionnaire scores differently, so the scores do not compare: dimension `reachability` weighs 2 there and 1 here",
    );
    assert!(!html.exists(), "no report is written");
}

#[test]
fn a_norms_file_is_checked_before_it_is_believed() {
    let dir = tempfile::tempdir().unwrap();
    let norms_file = made_norms(dir.path());
    let text = std::fs::read_to_string(&norms_file).unwrap();
    let client = Path::new(PORTFOLIO).join("a01");
    let html = dir.path().join("r.html");
    let report = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        common::run(&[
            "report",
            client.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "--norms",
            path.to_str().unwrap(),
        ])
    };
    // an unknown key, with its line and column
    let unknown = text.replacen(
        "\"assessments\": 14",
        "\"assessments\": 14,\n  \"client\": \"x\"",
        1,
    );
    report("unknown.json", &unknown).fails_at(
        "unknown.json",
        12,
        "not valid norms: unknown field `client`, expected one of `schema`",
    );
    // a scores file, a newer schema
    report("scores.json", "{\"schema\": \"centricity.scores/1\"}")
        .fails_at_file("scores.json", "is the scores of one assessment");
    report("newer.json", "{\"schema\": \"centricity.norms/2\"}")
        .fails_at_file("newer.json", "has the schema `centricity.norms/2`");
    // a norm of fewer than 10, quantiles out of order
    let few = text.replacen("\"n\": 13", "\"n\": 3", 1);
    report("few.json", &few).fails_at_file("few.json", "overall.self: n is 3");
    let v: Value = serde_json::from_str(&text).unwrap();
    let q1 = v["overall"]["customer"]["quartiles"][0].to_string();
    let disordered = text.replacen(&q1, "99.0", 1);
    report("disordered.json", &disordered).fails_at_file("disordered.json", "overall.customer:");
    assert!(!html.exists());
}

#[test]
fn assessment_toml_takes_industry_and_size_as_texts() {
    let fixture = common::Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!("{}industry = 3\nsizes = \"10-49\"\n", common::ASSESSMENT),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "assessment.toml",
        8,
        "`industry` is a whole number, but must be a text",
    );
    run.fails_at(
        "assessment.toml",
        9,
        "unknown field `sizes` (did you mean `size`?)",
    );
}
