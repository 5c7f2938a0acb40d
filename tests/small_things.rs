//! Small things a client sees ("no silent surprises"): the comments export opens in Swiss
//! Excel, the score table speaks the assessment's language, the form says one thing once,
//! `init` writes what it is told in the language asked for, the licence is there, and the
//! browser tests find the binary where cargo put it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run, Fixture};

const BOM: &str = "\u{feff}";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// 1. comments ------------------------------------------------------------------------------

#[test]
fn comments_start_with_a_byte_order_mark_and_take_a_delimiter() {
    let fixture = Fixture::new();
    let out = fixture.file("comments.csv");
    let written = fixture.run("comments", &["-o", out.to_str().unwrap()]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(&[0xef, 0xbb, 0xbf]), "no BOM: {bytes:?}");
    let comma = read(&out);
    assert!(
        comma.starts_with(&format!("{BOM}item,perspective,statement,comment\r\n")),
        "{comma}"
    );

    let semicolon = fixture.run("comments", &["--delimiter", ";"]);
    assert_eq!(semicolon.code, 0, "{}", semicolon.stderr);
    let text = &semicolon.stdout;
    assert!(
        text.starts_with(&format!("{BOM}item;perspective;statement;comment\r\n")),
        "{text}"
    );
    // a comma inside a comment is no longer a reason to quote it; the text is the same
    assert!(text.contains(";Nie erreichbar.\r\n"), "{text}");
    assert!(text.contains("Die Hotline, immer besetzt\r\n"), "{text}");
    let cells = |t: &str, d: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(d)
            .from_reader(t.trim_start_matches(BOM).as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    assert_eq!(cells(&comma, b','), cells(text, b';'));

    let tab = fixture.run("comments", &["--delimiter", "tab"]);
    assert!(tab.stdout.starts_with(&format!("{BOM}item\tperspective")));
}

// 2. score --lang --------------------------------------------------------------------------

#[test]
fn the_score_table_speaks_the_assessments_language_or_lang() {
    let fixture = Fixture::new(); // language = "de"
    let de = fixture.run("score", &[]);
    assert_eq!(de.code, 0, "{}", de.stderr);
    for word in [
        "Erhebung 2026",
        "Teilnehmende: 2 Mitarbeitende, 3 Kundinnen und Kunden",
        "Werte auf der Skala 0–100; Lücke = Selbstbild − Kundensicht",
        "Dimension ",
        " Selbst ",
        " Kunden ",
        " Lücke ",
        "Einordnung",
        "Gesamt ",
        "Reifegrad  Selbstbild: ",
        "Kundensicht: ",
    ] {
        assert!(de.stdout.contains(word), "{word:?} in\n{}", de.stdout);
    }
    for english in [
        "dimension",
        "customer",
        " gap ",
        "overall",
        "level",
        "aligned",
        "wave",
    ] {
        assert!(
            !de.stdout.contains(english),
            "{english:?} in\n{}",
            de.stdout
        );
    }

    let en = fixture.run("score", &["--lang", "en"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    for word in [
        "wave 2026",
        "respondents: 2 self, 3 customer",
        "scores on a 0–100 scale; gap = self − customer",
        "dimension ",
        "overall ",
        "level  self: ",
        "       customer: ",
        "NPS    self: ",
    ] {
        assert!(en.stdout.contains(word), "{word:?} in\n{}", en.stdout);
    }

    // JSON and CSV are a contract: the same keys, whatever the language
    for format in ["json", "csv"] {
        let de = fixture.run("score", &["--format", format, "--lang", "de"]);
        let en = fixture.run("score", &["--format", format, "--lang", "en"]);
        assert_eq!(de.code, 0, "{}", de.stderr);
        assert_eq!(de.stdout, en.stdout, "{format}");
    }
}

// 3. the form ------------------------------------------------------------------------------

fn form(dir: &Path, perspective: &str, lang: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("form.html");
    let made = run(&[
        "form",
        dir.to_str().unwrap(),
        "--perspective",
        perspective,
        "--lang",
        lang,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    // the text as a browser shows it
    read(&file)
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

#[test]
fn the_forms_introduction_names_the_not_applicable_option_as_it_is_labelled() {
    let fixture = Fixture::new();
    let de = form(fixture.path(), "customer", "de");
    assert!(
        de.contains("wählen Sie «weiss nicht / nicht zutreffend»"),
        "{de}"
    );
    assert!(!de.contains("kann ich nicht beurteilen»"), "{de}");
    let en = form(fixture.path(), "customer", "en");
    assert!(en.contains("choose “don't know / not applicable”"), "{en}");
    assert!(!en.contains("“cannot judge”"), "{en}");

    // without "na" on the scale, the introduction does not mention it
    let text = common::MINI.replace("allow_na = true", "allow_na = false");
    fixture.write("questionnaire.toml", &text);
    let without = form(fixture.path(), "customer", "de");
    assert!(!without.contains("weiss nicht"), "{without}");
}

#[test]
fn the_nps_scale_is_said_once() {
    // the shipped questionnaire's question gives the scale itself: no second line under it
    let example = root().join("examples/velo-muster");
    for (lang, scale) in [
        ("de", "0 = sehr unwahrscheinlich"),
        ("en", "0 = not at all likely"),
    ] {
        for perspective in ["self", "customer"] {
            let html = form(&example, perspective, lang);
            assert_eq!(html.matches(scale).count(), 1, "{lang} {perspective}");
            assert_eq!(html.matches("10 = ").count(), 1, "{lang} {perspective}");
        }
    }
    // a question that does not give it gets it once, under the question
    let fixture = Fixture::new();
    let html = form(fixture.path(), "customer", "de");
    assert_eq!(
        html.matches("0 = sehr unwahrscheinlich, 10 = sehr wahrscheinlich")
            .count(),
        1,
        "{html}"
    );
    let en = form(fixture.path(), "customer", "en");
    assert_eq!(
        en.matches("0 = not at all likely, 10 = extremely likely")
            .count(),
        1,
        "{en}"
    );
}

// 4. init ----------------------------------------------------------------------------------

#[test]
fn init_writes_consultant_accent_and_wave() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("acme");
    let made = run(&[
        "init",
        target.to_str().unwrap(),
        "--consultant",
        "Beispiel \"Beratung\" {date} \\ AG",
        "--accent",
        "#A1B2C3",
        "--wave",
        "2026 \"Q3\"",
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let text = read(&target.join("assessment.toml"));
    let written: toml::Table = toml::from_str(&text).expect("init writes valid TOML");
    assert_eq!(
        written["consultant"].as_str(),
        Some("Beispiel \"Beratung\" {date} \\ AG"),
        "{text}"
    );
    assert_eq!(written["wave"].as_str(), Some("2026 \"Q3\""), "{text}");
    assert_eq!(
        written["branding"]["accent"].as_str(),
        Some("#a1b2c3"),
        "{text}"
    );
    // and the assessment loads: the one problem is that there are no answers yet
    let checked = run(&["validate", target.to_str().unwrap()]);
    assert_eq!(checked.problems().len(), 1, "{}", checked.stderr);
    assert!(
        checked.stderr.contains("no answer files"),
        "{}",
        checked.stderr
    );

    // without them: the examples stay comments, the wave is "1"
    let plain = dir.path().join("plain");
    assert_eq!(run(&["init", plain.to_str().unwrap()]).code, 0);
    let written: toml::Table = toml::from_str(&read(&plain.join("assessment.toml"))).unwrap();
    assert_eq!(written["wave"].as_str(), Some("1"));
    assert!(!written.contains_key("consultant"));
    assert!(written
        .get("branding")
        .is_none_or(|b| b.get("accent").is_none()));
}

#[test]
fn init_refuses_an_accent_that_is_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("acme");
    for bad in ["red", "#12345", "#1234567", "00667a", "#gg667a"] {
        let refused = run(&["init", target.to_str().unwrap(), "--accent", bad]);
        assert_eq!(refused.code, 2, "{bad}: {}", refused.stderr);
        assert!(
            refused.stderr.contains("--accent")
                && refused
                    .stderr
                    .contains("six hexadecimal digits, like #00667a"),
            "{bad}: {}",
            refused.stderr
        );
        assert!(!target.exists(), "{bad}: nothing written");
    }
}

#[test]
fn inits_comments_follow_lang() {
    let dir = tempfile::tempdir().unwrap();
    let de = dir.path().join("de");
    let en = dir.path().join("en");
    assert_eq!(run(&["init", de.to_str().unwrap(), "--lang", "de"]).code, 0);
    assert_eq!(run(&["init", en.to_str().unwrap(), "--lang", "en"]).code, 0);
    let de = read(&de.join("assessment.toml"));
    let en = read(&en.join("assessment.toml"));
    assert!(
        de.contains("# die Sprache des Berichts: de oder en"),
        "{de}"
    );
    assert!(de.contains("# steht auf dem Titelblatt"), "{de}");
    assert!(!de.contains("the report"), "{de}");
    assert!(!de.contains('ß'), "Swiss orthography: {de}");
    assert!(en.contains("# the report's language: de or en"), "{en}");
    assert!(!en.contains("Bericht"), "{en}");
    // the same keys either way
    let keys = |text: &str| {
        let table: toml::Table = toml::from_str(text).unwrap();
        table.keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(keys(&de), keys(&en));
}

// 5. licence and changelog -----------------------------------------------------------------

#[test]
fn the_licence_file_matches_cargo_toml_and_there_is_a_changelog() {
    let manifest: toml::Table = toml::from_str(&read(&root().join("Cargo.toml"))).unwrap();
    assert_eq!(manifest["package"]["license"].as_str(), Some("MIT"));
    let licence = read(&root().join("LICENSE"));
    assert!(licence.starts_with("MIT License"), "{licence}");
    assert!(licence.contains("Copyright (c) 2026 the centricity authors"));
    assert!(licence.contains("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND"));
    let changelog = read(&root().join("CHANGELOG.md"));
    assert!(changelog.contains("## [Unreleased]"), "{changelog}");
    assert!(changelog.contains("keepachangelog.com"), "{changelog}");
}

// 6. the browser tests find the binary -----------------------------------------------------

/// What tests/browser/binary.mjs says the binary is, under `env`; `None` without node.
fn browser_binary(env: &[(&str, &str)]) -> Option<String> {
    let mut node = Command::new("node");
    node.arg("binary.mjs")
        .current_dir(root().join("tests/browser"))
        .env_remove("CENTRICITY_BIN")
        .env_remove("CARGO_TARGET_DIR");
    for (key, value) in env {
        node.env(key, value);
    }
    let output = node.output().ok()?;
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8(output.stdout).unwrap().trim().to_string())
}

#[test]
fn the_browser_tests_find_the_binary_where_cargo_put_it() {
    for file in ["form", "pdf", "quality"] {
        let text = read(&root().join(format!("tests/browser/{file}.test.mjs")));
        assert!(
            text.contains("from \"./binary.mjs\"") && !text.contains("target/debug/centricity"),
            "{file}.test.mjs finds the binary through binary.mjs"
        );
    }
    let Some(default) = browser_binary(&[]) else {
        eprintln!("no node: the rule itself is not run");
        return;
    };
    let root = root();
    assert_eq!(
        Path::new(&default),
        root.join("target/debug/centricity").as_path()
    );
    assert_eq!(
        browser_binary(&[("CARGO_TARGET_DIR", "/elsewhere/target")]).unwrap(),
        "/elsewhere/target/debug/centricity"
    );
    assert_eq!(
        Path::new(&browser_binary(&[("CARGO_TARGET_DIR", "relative")]).unwrap()),
        root.join("relative/debug/centricity").as_path()
    );
    assert_eq!(
        browser_binary(&[
            ("CENTRICITY_BIN", "/opt/centricity"),
            ("CARGO_TARGET_DIR", "/elsewhere")
        ])
        .unwrap(),
        "/opt/centricity"
    );
}

/// The blank answer file gives the NPS scale's ends once: the shipped question states them.
#[test]
fn the_blank_answer_file_states_the_nps_scale_once() {
    for (lang, ends) in [
        ("de", "0 = sehr unwahrscheinlich"),
        ("en", "0 = not at all likely"),
    ] {
        let run = common::run(&[
            "template",
            "examples/velo-muster",
            "--perspective",
            "customer",
            "--lang",
            lang,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            run.stdout.matches(ends).count(),
            1,
            "{lang}:\n{}",
            run.stdout
        );
    }
}
