//! Targets for the customer view (`[targets]` in assessment.toml) and the NPS answers drawn,
//! on the real binary. The fixture's scores are computed by hand in tests/cli.rs: customers
//! score reach 25,0 (95 % interval up to 87,1), comp 87,5, overall 56,25.

mod common;

use common::Fixture;
use serde_json::Value;

const TARGETS: &str = "\n[targets]\noverall = 70\nreach = 60\ncomp = 80\n";

fn with_targets() -> Fixture {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!("{}{TARGETS}", common::ASSESSMENT),
    );
    fixture
}

fn scores(fixture: &Fixture) -> Value {
    let run = fixture.run("score", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn report(fixture: &Fixture, more: &[&str]) -> String {
    let out = fixture.file("report.html");
    let mut args = vec!["-o", out.to_str().unwrap()];
    args.extend_from_slice(more);
    let run = fixture.run("report", &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(out).unwrap()
}

fn close(value: &Value, expected: f64) {
    let v = value
        .as_f64()
        .unwrap_or_else(|| panic!("a number: {value}"));
    assert!((v - expected).abs() < 1e-9, "{v} is not {expected}");
}

#[test]
fn the_json_has_target_and_distance_on_the_customer_views() {
    let json = scores(&with_targets());
    let overall = &json["overall"]["customer"];
    close(&overall["target"], 70.0);
    close(&overall["to_target"], 56.25 - 70.0);
    let reach = &json["dimensions"][0]["customer"];
    close(&reach["target"], 60.0);
    close(&reach["to_target"], -35.0);
    close(&json["dimensions"][1]["customer"]["to_target"], 7.5);
    // the self-view has no target, and says so: the fields are there, null
    for view in [
        &json["overall"]["self"],
        &json["dimensions"][0]["self"],
        &json["dimensions"][1]["self"],
    ] {
        assert!(
            view["target"].is_null() && view["to_target"].is_null(),
            "{view}"
        );
    }

    let json = scores(&Fixture::new());
    let reach = &json["dimensions"][0]["customer"];
    let keys = reach.as_object().unwrap();
    assert!(keys.contains_key("target") && keys.contains_key("to_target"));
    assert!(reach["target"].is_null() && reach["to_target"].is_null());
}

#[test]
fn a_target_without_a_score_has_no_distance() {
    let fixture = with_targets();
    std::fs::remove_file(fixture.file("answers/customers.csv")).unwrap();
    let json = scores(&fixture);
    let reach = &json["dimensions"][0]["customer"];
    close(&reach["target"], 60.0);
    assert!(reach["to_target"].is_null());
    assert!(json["overall"]["customer"]["to_target"].is_null());
}

#[test]
fn the_csv_has_target_columns_on_the_customer_rows() {
    let run = with_targets().run("score", &["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert!(lines.next().unwrap().ends_with(",target,to_target"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.contains(&"overall,,,,customer,,,,,56.25,,,,,2,18.75,moderate,,,,70,-13.75"));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("dimension,reach,reach,,customer,") && r.ends_with(",60,-35")));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("dimension,reach,reach,,self,") && r.ends_with(",,")));
    let columns = rows[0].split(',').count();
    assert!(
        rows.iter().all(|r| csv_fields(r) == columns),
        "every row as long as the header"
    );
}

fn csv_fields(line: &str) -> usize {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .len()
}

#[test]
fn wrong_targets_are_shown_at_their_lines_all_at_once() {
    let fixture = Fixture::new();
    // lines 8–12
    fixture.write(
        "assessment.toml",
        &format!(
            "{}[targets]\noverall = 170\nreachability = 65\ncomp = \"hoch\"\nreach = -5\n",
            common::ASSESSMENT
        ),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "assessment.toml",
        9,
        "`targets.overall` is 170, but a target is a score from 0 to 100",
    );
    run.fails_at(
        "assessment.toml",
        10,
        "`targets.reachability`: the questionnaire has no dimension `reachability` (did you mean `reach`?)",
    );
    run.fails_at(
        "assessment.toml",
        11,
        "`targets.comp` must be a number from 0 to 100, without quotes",
    );
    run.fails_at("assessment.toml", 12, "`targets.reach` is -5");
    assert_eq!(run.problems().len(), 4, "{}", run.stderr);

    fixture.write(
        "assessment.toml",
        &format!("{}[targets]\nfreindliness = 65\n", common::ASSESSMENT),
    );
    let run = fixture.run("validate", &[]);
    run.fails_at(
        "assessment.toml",
        9,
        "no dimension `freindliness` (its dimensions: reach, comp, and `overall` for the overall score)",
    );

    fixture.write(
        "assessment.toml",
        &format!("targets = 70\n{}", common::ASSESSMENT),
    );
    fixture
        .run("validate", &[])
        .fails_at("assessment.toml", 1, "`targets` is a table");
}

#[test]
fn init_writes_a_commented_example_of_targets_that_works_uncommented() {
    for (lang, words) in [
        ("en", "# Targets for the customer view"),
        ("de", "# Ziele für die Werte der Kundensicht"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("acme");
        let run = common::run(&["init", dir.to_str().unwrap(), "--lang", lang]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(dir.join("assessment.toml")).unwrap();
        assert!(text.contains(words), "{text}");
        assert!(text.contains("# [targets]\n# overall = 70"), "{text}");
        // uncommented, the example is a valid table for the built-in questionnaire
        let uncommented = text
            .replace("# [targets]", "[targets]")
            .replace("# overall = 70", "overall = 70")
            .replace("# reachability = 65", "reachability = 65");
        std::fs::write(dir.join("assessment.toml"), uncommented).unwrap();
        std::fs::write(
            dir.join("answers/c.csv"),
            "respondent,perspective,reach.response-time\nc1,customer,4\n",
        )
        .unwrap();
        let run = common::run(&["score", dir.to_str().unwrap(), "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        close(&json["overall"]["customer"]["target"], 70.0);
        close(&json["dimensions"][0]["customer"]["target"], 65.0);
    }
}

#[test]
fn the_report_shows_the_targets_in_both_languages() {
    let fixture = with_targets();
    let de = report(&fixture, &[]);
    // the summary's headline card: overall 56,25 against 70
    assert!(de.contains("Ziel 70 · noch 13,8 Punkte"), "overall target");
    // the dimension cards: reach below, its interval reaching the target; comp above
    assert!(de.contains("Ziel 60 · noch 35,0 Punkte"));
    assert!(de.contains("Das 95-%-Intervall reicht bereits bis zum Ziel"));
    assert!(de.contains("Ziel 80 · erreicht (+7,5)"));
    // the chart of the customer view against the targets: a tick per target, with a legend
    let chart = svg_after(&de, "Kundensicht und Ziele (0–100)");
    assert_eq!(chart.matches(r#"class="target""#).count(), 2, "{chart}");
    assert!(
        chart.contains(">Ziel 60 · −35,0<tspan class=\"caption\"> · Intervall reicht hin</tspan>")
    );
    assert!(chart.contains(">Ziel 80 · +7,5</text>"));
    assert!(de.contains("Ziel der Kundensicht"), "the legend");

    let en = report(&fixture, &["--lang", "en"]);
    assert!(en.contains("Target 70 · 13.8 points to go"));
    assert!(en.contains("Target 60 · 35.0 points to go"));
    assert!(en.contains("The 95 % interval already reaches the target"));
    assert!(en.contains("Target 80 · reached (+7.5)"));
    assert!(en.contains("Target of the customer view"));

    // without targets, nothing of them
    let plain = report(&Fixture::new(), &[]);
    assert!(!plain.contains("Ziel 6") && !plain.contains("Kundensicht und Ziele"));
}

/// The first SVG after `marker`.
fn svg_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let from = html.find(marker).unwrap_or_else(|| panic!("no {marker:?}"));
    let start = from + html[from..].find("<svg").unwrap();
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

#[test]
fn the_trend_shows_progress_toward_the_targets() {
    let now = with_targets();
    let before = with_targets();
    before.write(
        "assessment.toml",
        &format!("{}{TARGETS}", common::ASSESSMENT).replace("wave = \"2026\"", "wave = \"2025\""),
    );
    // a year earlier the customers could not reach anyone: reach 4,2 (see tests/cli.rs)
    before.write(
        "answers/customers.csv",
        &common::CUSTOMERS
            .replace("k1,customer,Privat,2,", "k1,customer,Privat,1,")
            .replace("k2,customer,Privat,3,", "k2,customer,Privat,1,"),
    );
    let html = report(&now, &["--baseline", before.path().to_str().unwrap()]);
    let progress = &html[html
        .find("Fortschritt zu den Zielen")
        .expect("the progress table")..];
    // reach: 4,17 → 25 of the way to 60: 20,83 / 55,83 = 37 %
    assert!(progress.contains("<td class=\"num n\">4,2</td><td class=\"num\">25,0</td><td class=\"num\">60</td><td class=\"progress up\">37 % des Abstands geschlossen</td>"), "{progress}");
    // overall: (4,17 + 87,5) / 2 = 45,83 → 56,25 of the way to 70: 10,42 / 24,17 = 43 %
    assert!(progress.contains("43 % des Abstands geschlossen"));
    // comp: 87,5 both times, above 80
    assert!(progress.contains("Ziel in beiden Erhebungen erreicht"));

    let en = report(
        &now,
        &[
            "--baseline",
            before.path().to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert!(en.contains("Progress toward the targets"));
    assert!(en.contains("closed 37 % of the distance"));
    assert!(en.contains("target reached in both waves"));
}

/// How many of each perspective answered 0..10 to the NPS question, counted from the
/// fixture's own files, not by centricity.
fn nps_counts_of_the_fixture() -> ([u64; 11], [u64; 11]) {
    let mut customer = [0; 11];
    let mut table = csv::Reader::from_reader(common::CUSTOMERS.as_bytes());
    let column = table
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "nps")
        .unwrap();
    for record in table.records() {
        let answer: usize = record.unwrap()[column].parse().unwrap();
        customer[answer] += 1;
    }
    let mut staff = [0; 11];
    for file in [common::SELF_1, common::SELF_2] {
        let answers: toml::Table = toml::from_str(file).unwrap();
        let answer = answers["answers"]["nps"].as_integer().unwrap();
        staff[answer as usize] += 1;
    }
    (customer, staff)
}

#[test]
fn the_nps_views_carry_their_counts_of_each_answer() {
    let (customer, staff) = nps_counts_of_the_fixture();
    let json = scores(&Fixture::new());
    let counts = |view: &str| -> Vec<u64> {
        json["nps"][view]["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .collect()
    };
    assert_eq!(counts("customer"), customer);
    assert_eq!(counts("self"), staff);
}

#[test]
fn the_nps_section_draws_the_answers_of_both_views() {
    let (customer, staff) = nps_counts_of_the_fixture();
    for (lang, title, categories) in [
        (
            "de",
            "Antworten von 0 bis 10, je Sicht",
            ["Kritiker", "Passive", "Promotoren"],
        ),
        (
            "en",
            "Answers from 0 to 10, per view",
            ["Detractors", "Passives", "Promoters"],
        ),
    ] {
        let html = report(&Fixture::new(), &["--lang", lang]);
        let nps = &html[html.find("id=\"nps\"").unwrap()..];
        let svg = svg_after(nps, title);
        assert!(
            svg.contains(&format!("<title>{title}</title><desc>")),
            "accessible: {svg}"
        );
        // eleven bars per view, customers first and the company's estimate beside them
        assert_eq!(svg.matches("class=\"nps-bar ").count(), 22);
        assert_eq!(svg.matches("class=\"nps-bar detractor\"").count(), 14);
        assert_eq!(svg.matches("class=\"nps-bar passive\"").count(), 4);
        assert_eq!(svg.matches("class=\"nps-bar promoter\"").count(), 4);
        // the counts as text, in answer order
        let shown: Vec<u64> = svg
            .split("<text class=\"value\"")
            .skip(1)
            .map(|t| {
                t[t.find('>').unwrap() + 1..t.find('<').unwrap()]
                    .parse()
                    .unwrap()
            })
            .collect();
        let expected: Vec<u64> = customer.iter().chain(&staff).copied().collect();
        assert_eq!(shown, expected);
        // the categories named under their brackets, once per view, and in the legend
        for name in categories {
            assert_eq!(svg.matches(&format!(">{name}</text>")).count(), 2, "{name}");
        }
        assert!(nps.contains("class=\"key nps-key promoter\""));
        let (customers_first, estimate) = match lang {
            "de" => (
                "Kundinnen und Kunden · NPS −33 · n = 3",
                "Schätzung des Unternehmens · NPS +50 · n = 2",
            ),
            _ => (
                "Customers · NPS −33 · n = 3",
                "The company&#x27;s estimate · NPS +50 · n = 2",
            ),
        };
        let (a, b) = (svg.find(customers_first), svg.find(estimate));
        assert!(a.is_some() && b.is_some() && a < b, "{svg}");
    }
}
