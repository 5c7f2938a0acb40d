//! Hostile and broken input: the corpus in tests/hostile/ (each case overlays files on a
//! small assessment and says what must happen), and cases built here that a repository
//! should not hold (a 10 MB comment, a symlink loop, an empty folder). Every report made on
//! the way is checked for anything that could run script.

mod common;

use std::path::Path;

use common::{run, Fixture};

/// Every tag of the report: no element that runs or embeds, no event handler, no script or
/// HTML `data:` URL in an attribute. Text between tags is not looked at: a comment that says
/// "javascript:" is harmless text once escaped, and escaping is what puts it there.
fn assert_inert(html: &str, case: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = tag_end(after) else { break };
        let tag = &after[..end];
        rest = &after[end..];
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        assert!(
            !["script", "iframe", "object", "embed", "base", "frame", "applet", "meta"]
                .contains(&name.as_str())
                || (name == "meta" && !tag.to_lowercase().contains("http-equiv")),
            "{case}: a <{name}> element: <{tag}>"
        );
        for (attribute, value) in attributes(tag) {
            let value = value.trim().to_lowercase();
            assert!(
                !attribute.starts_with("on"),
                "{case}: an event handler `{attribute}` in <{tag}>"
            );
            assert!(attribute != "srcdoc", "{case}: srcdoc in <{tag}>");
            for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                assert!(
                    !value.starts_with(scheme),
                    "{case}: `{attribute}={value}` in <{name}>"
                );
            }
        }
    }
}

/// Where a tag ends: the first `>` outside quotes.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A tag's attributes as (lower-case name, value).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = tag
        .char_indices()
        .skip_while(|(_, c)| !c.is_whitespace())
        .peekable();
    let text = tag;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() || c == '/' {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d == '=' || d.is_whitespace() {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let name = text[i..end].to_lowercase();
        let mut value = String::new();
        if chars.peek().is_some_and(|&(_, d)| d == '=') {
            chars.next();
            match chars.peek().map(|&(_, d)| d) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, d) in chars.by_ref() {
                        if d == q {
                            break;
                        }
                        value.push(d);
                    }
                }
                _ => {
                    while let Some(&(_, d)) = chars.peek() {
                        if d.is_whitespace() {
                            break;
                        }
                        value.push(d);
                        chars.next();
                    }
                }
            }
        }
        out.push((name, value));
    }
    out
}

fn copy_into(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_into(&entry.path(), &target);
        } else if entry.file_name() != "expect.toml" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[derive(serde::Deserialize)]
struct Expect {
    outcome: String,
    message: Option<String>,
}

/// Report on a fixture in both languages; the report must come out, inert and sensible.
fn safe_report(fixture: &Fixture, case: &str) -> String {
    let mut english = String::new();
    for lang in ["de", "en"] {
        let out = fixture.file(&format!("report-{lang}.html"));
        let made = fixture.run("report", &["-o", out.to_str().unwrap(), "--lang", lang]);
        assert_eq!(made.code, 0, "{case}: {}", made.stderr);
        let html = std::fs::read_to_string(out).unwrap();
        assert_inert(&html, case);
        assert!(
            html.len() < 1_000_000,
            "{case}: the report is {} bytes",
            html.len()
        );
        english = html;
    }
    english
}

#[test]
fn the_hostile_corpus_ends_in_a_clear_error_or_a_safe_report() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 14);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect: Expect =
            toml::from_str(&std::fs::read_to_string(case.join("expect.toml")).unwrap()).unwrap();
        let fixture = Fixture::new();
        copy_into(&case, fixture.path());
        match expect.outcome.as_str() {
            "report" => {
                safe_report(&fixture, &name);
            }
            "error" => {
                let out = fixture.file("report.html");
                let run = fixture.run("report", &["-o", out.to_str().unwrap()]);
                assert_eq!(run.code, 1, "{name}: {}", run.stderr);
                let message = expect.message.unwrap();
                assert!(
                    run.stderr.contains(&message),
                    "{name}: expected {message:?} in:\n{}",
                    run.stderr
                );
                assert!(!out.exists(), "{name}: nothing written");
            }
            other => panic!("{name}: unknown outcome {other}"),
        }
    }
}

#[test]
fn hostile_text_is_shown_as_text() {
    let fixture = Fixture::new();
    copy_into(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/script-in-comments"),
        fixture.path(),
    );
    let html = safe_report(&fixture, "comments");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"),
        "the payload is there, as text"
    );
    assert!(
        html.contains("{{ 7*7 }}"),
        "template syntax in a comment is not evaluated"
    );
}

#[test]
fn a_ten_megabyte_comment_leaves_a_sensible_report() {
    let fixture = Fixture::new();
    let comment = "Sehr lang. ".repeat(1024 * 1024);
    fixture.write(
        "answers/long.csv",
        &format!("respondent,perspective,r1,comment:r1\nlong,customer,4,{comment}\n"),
    );
    let html = safe_report(&fixture, "long comment");
    assert!(
        html.contains("Sehr lang. Sehr lang.") && html.contains("[…]"),
        "shortened, and says so"
    );
    let all = fixture.run("comments", &[]);
    assert!(
        all.stdout.len() > 10 * 1024 * 1024,
        "every word in the export"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_answers_is_an_error_not_a_hang() {
    let fixture = Fixture::new();
    std::os::unix::fs::symlink(fixture.file("answers"), fixture.file("answers/self/loop")).unwrap();
    let run = fixture.run("validate", &[]);
    run.fails_at_file("loop", "cannot read the folder");
}

#[test]
fn an_answers_folder_without_files_says_so() {
    let fixture = Fixture::new();
    std::fs::remove_dir_all(fixture.file("answers")).unwrap();
    std::fs::create_dir_all(fixture.file("answers/empty")).unwrap();
    fixture
        .run("validate", &[])
        .fails_at_file("answers", "no answer files found");
}

#[test]
fn hostile_labels_through_an_import_stay_text() {
    let fixture = Fixture::new();
    // the imported five are the only customers, so their group is shown by name
    std::fs::remove_file(fixture.file("answers/customers.csv")).unwrap();
    let dir = fixture.path();
    std::fs::write(
        dir.join("map.toml"),
        "questionnaire = \"questionnaire.toml\"\nperspective = \"customer\"\nrespondent = { column = \"id\" }\ngroup = { column = \"<b>Segment</b>\" }\n[values]\n\"<script>alert(1)</script>\" = 5\n[[items]]\nitem = \"r1\"\ncolumn = \"<b>Segment</b> r1\"\ncomment = \"note\"\n",
    )
    .unwrap();
    let mut export = String::from("id,<b>Segment</b>,<b>Segment</b> r1,note\n");
    for i in 0..5 {
        export += &format!(
            "x{i},<img src=x onerror=alert(1)>,<script>alert(1)</script>,<svg onload=alert(1)>\n"
        );
    }
    std::fs::write(dir.join("export.csv"), export).unwrap();
    let out = fixture.file("answers/imported.csv");
    let imported = run(&[
        "import",
        dir.join("export.csv").to_str().unwrap(),
        "--mapping",
        dir.join("map.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let html = safe_report(&fixture, "import");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the group name, escaped"
    );
}

#[test]
fn the_scan_catches_what_it_should() {
    for bad in [
        "<script>x</script>",
        "<p onclick=\"x\">",
        "<a href=\"javascript:x\">",
        "<img src=x onerror=x>",
        "<iframe src=\"x\">",
        "<a href='JavaScript:x'>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert(bad, "probe")).is_err();
        assert!(caught, "{bad} passed the scan");
    }
    assert_inert("<p class=\"x\">javascript: onclick= &lt;script&gt;</p><img src=\"data:image/png;base64,AA\">", "probe");
}
