//! The report never contradicts itself ("No silent surprises"): what it lists, labels and
//! counts agrees with what it says elsewhere, and what it cannot show it says.

mod common;

use std::path::{Path, PathBuf};

use common::{run, Fixture};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster");
const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster-2025");

/// The report of `dir` in `lang`, with more arguments; its HTML and the terminal's text.
fn report(dir: &Path, lang: &str, more: &[&str]) -> (String, String) {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("r.html");
    let mut args = vec![
        "report",
        dir.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
        "--lang",
        lang,
    ];
    args.extend_from_slice(more);
    let seen = run(&args);
    assert_eq!(seen.code, 0, "report failed:\n{}", seen.stderr);
    // apostrophes as a reader sees them ("don't", "Cronbach's")
    let html = std::fs::read_to_string(file)
        .unwrap()
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/");
    (html, seen.stderr)
}

fn example(lang: &str) -> String {
    report(Path::new(EXAMPLE), lang, &[]).0
}

/// The text from `start` up to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The numbers right after every `marker` in `text`, read as the report writes them
/// (`+10.3`, `−5.3`); a marker followed by no number (`–`) is skipped.
fn numbers_after(text: &str, marker: &str) -> Vec<f64> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let number: String = text[i + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | '−'))
                .collect();
            number.replace('−', "-").parse::<f64>().ok()
        })
        .collect()
}

/// Twenty staff and twenty customers on the mini questionnaire, with small gaps only: r1
/// +10 points and significant, r2 0, c1 −5 (customers a little better).
fn small_gaps() -> Fixture {
    let fixture = Fixture {
        dir: tempfile::tempdir().unwrap(),
    };
    fixture.write("assessment.toml", common::ASSESSMENT);
    fixture.write("questionnaire.toml", common::MINI);
    let mut staff = String::from("respondent,perspective,group,r1,r2,c1,c2,nps\n");
    let mut customers = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    for k in 1..=20 {
        let r1 = if k <= 10 { 4 } else { 5 };
        staff += &format!("s{k},self,A,{r1},2,3,4,8\n");
        let r1 = if k <= 2 { 5 } else { 4 };
        let c1 = if k <= 4 { 4 } else { 3 };
        customers += &format!("k{k},customer,A,{r1},2,{c1},8\n");
    }
    fixture.write("answers/self.csv", &staff);
    fixture.write("answers/customers.csv", &customers);
    fixture
}

// 1. The lists of blind spots and hidden strengths hold only gaps outside the aligned band,
// and say so when there are none.
#[test]
fn highlights_list_only_gaps_outside_the_aligned_band() {
    let html = example("en");
    for kind in ["blind", "hidden"] {
        let block = between(
            &html,
            &format!("<div class=\"highlight {kind}\">"),
            "</div>",
        );
        let gaps = numbers_after(block, "Gap ");
        assert!(!gaps.is_empty(), "the example has {kind} gaps");
        for gap in gaps {
            assert!(
                gap.abs() >= 12.5,
                "{kind}: gap {gap} is in the aligned band"
            );
        }
    }
    let (html, _) = report(small_gaps().path(), "en", &[]);
    for (kind, none) in [
        (
            "blind",
            "No item where the company sees itself clearly better than its customers do.",
        ),
        (
            "hidden",
            "No item where customers see the company clearly better than it sees itself.",
        ),
    ] {
        let block = between(
            &html,
            &format!("<div class=\"highlight {kind}\">"),
            "</div>",
        );
        assert!(numbers_after(block, "Gap ").is_empty(), "{block}");
        assert!(block.contains(none), "{block}");
    }
    let (de, _) = report(small_gaps().path(), "de", &[]);
    assert!(de.contains(
        "Keine Aussage, bei der die Kundinnen und Kunden das Unternehmen deutlich besser sehen"
    ));
}

#[test]
fn the_score_table_lists_only_gaps_outside_the_aligned_band() {
    let seen = run(&["score", EXAMPLE, "--format", "table", "--lang", "en"]);
    assert_eq!(seen.code, 0, "{}", seen.stderr);
    for title in ["largest blind spots:", "largest hidden strengths:"] {
        let list = between(&seen.stdout, title, "\n\n");
        for line in list.lines().skip(1) {
            let gap: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
            assert!(gap.abs() >= 12.5, "{line}");
        }
    }
    let fixture = small_gaps();
    let seen = fixture.run("score", &["--format", "table", "--lang", "en"]);
    assert_eq!(seen.code, 0, "{}", seen.stderr);
    assert!(
        seen.stdout
            .contains("largest blind spots: No item where the company sees itself clearly better")
            && seen.stdout.contains(
                "largest hidden strengths: No item where customers see the company clearly better"
            ),
        "{}",
        seen.stdout
    );
}

// 2. A significant gap inside the aligned band is not called "aligned".
#[test]
fn a_significant_small_gap_is_not_called_aligned() {
    let (html, _) = report(small_gaps().path(), "en", &[]);
    let reach = between(&html, "<section id=\"dim-reach\"", "</section>");
    let card = between(reach, "<div class=\"card gap", "</div>");
    // r1 +10 and r2 0: +5 points, significant
    assert!(
        card.contains("+5.0<span class=\"star\"> *</span>"),
        "{card}"
    );
    assert!(card.contains("small but real difference"), "{card}");
    assert!(!card.contains(">aligned<"), "{card}");
    let views = between(&html, "<section id=\"views\"", "</section>");
    assert!(
        views.contains("+5.0 *</td><td class=\"band aligned\">small but real difference"),
        "{views}"
    );
    let method = between(&html, "<section id=\"method\"", "</section>");
    assert!(
        method.contains("two criteria"),
        "the method explains size and significance"
    );
    let (de, _) = report(small_gaps().path(), "de", &[]);
    assert!(de.contains("kleiner, aber echter Unterschied"));
}

// 3. Where a gap stands beside scores, they are on the same 0–100 scale, and say so.
#[test]
fn scores_beside_gaps_are_on_the_0_to_100_scale() {
    let html = example("en");
    let blind = between(&html, "<div class=\"highlight blind\">", "</div>");
    let selfs = numbers_after(blind, "Self ");
    assert!(!selfs.is_empty());
    for (s, c) in selfs.iter().zip(numbers_after(blind, "Customers ")) {
        let gaps = numbers_after(blind, "Gap ");
        assert!(
            gaps.iter().any(|g| (s - c - g).abs() < 0.11),
            "self {s} − customers {c} is none of the gaps {gaps:?}"
        );
    }
    let items = between(&html, "<table class=\"items\">", "</thead>");
    assert!(items.contains("Self (0–100)"), "{items}");
    assert!(items.contains("Customers (0–100)"), "{items}");
    assert!(!items.contains(" Ø"), "{items}");
}

// 4. A journey cell's number counts answers and says so.
#[test]
fn journey_cells_count_answers_and_say_so() {
    let html = example("en");
    let journey = between(&html, "<section id=\"journey\"", "</section>");
    assert!(!journey.contains(">n = "), "a bare n in the journey");
    assert!(journey.contains(" answers</span>"));
    assert!(journey.contains("counts answers, not people"));
    assert!(example("de").contains(" Antworten</span>"));
}

/// Ten customers who agree with both statements of `reach`, one of them negatively worded:
/// after reversing, the two contradict each other, and the dimension's alpha is below 0.
fn contradicting_statements() -> Fixture {
    let fixture = Fixture {
        dir: tempfile::tempdir().unwrap(),
    };
    fixture.write("assessment.toml", common::ASSESSMENT);
    fixture.write("questionnaire.toml", common::MINI);
    let mut customers = String::from("respondent,perspective,group,r1,r2,c1,nps\n");
    for k in 1..=10 {
        let r = k % 5 + 1;
        // a little apart now and then, so that the sum varies and alpha exists
        let r2 = (r + usize::from(k % 3 == 0)).min(5);
        customers += &format!("k{k},customer,A,{r},{r2},{},8\n", 6 - r);
    }
    fixture.write("answers/customers.csv", &customers);
    fixture.write("answers/self/s1.toml", common::SELF_1);
    fixture
}

// 5. An alpha below 0.5 is explained where it is shown.
#[test]
fn a_low_alpha_is_explained() {
    let fixture = contradicting_statements();
    let html = report(fixture.path(), "en", &[]).0;
    let note = "below 0.5: the statements of this dimension do not measure one thing here; read the dimension's score with care";
    let mut explained = 0;
    for section in html.split("<section id=\"dim-").skip(1) {
        let section = &section[..section.find("</section>").unwrap()];
        let alphas = numbers_after(section, "Cronbach's α: ");
        if alphas.iter().any(|a| *a < 0.5) {
            assert!(section.contains(note), "a low alpha without a word");
            explained += 1;
        } else {
            assert!(!section.contains(note), "a note without a low alpha");
        }
    }
    assert!(explained > 0, "the fixture has a low alpha");
    assert!(report(fixture.path(), "de", &[]).0.contains("unter 0,5"));
}

/// The earlier wave, copied without its customers' answers.
fn baseline_without_customers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(Path::new(BASELINE), dir.path());
    std::fs::remove_dir_all(dir.path().join("answers/customers")).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// 6. A baseline without customers: this wave's values stand, and the report says why no
// change is shown.
#[test]
fn a_baseline_without_customers_shows_what_exists_and_says_what_not() {
    let baseline = baseline_without_customers();
    let (html, _) = report(
        Path::new(EXAMPLE),
        "en",
        &["--baseline", baseline.path().to_str().unwrap()],
    );
    let trend = between(&html, "<section id=\"trend\"", "</section>");
    let totals = between(trend, "<tbody class=\"totals\">", "</tbody>");
    // the customer view now, as the summary gives it
    let customer_now = numbers_after(
        between(&html, "<div class=\"card customer\">", "</div>"),
        "<p class=\"figure\">",
    )[0];
    assert!(
        totals.contains(&format!("<td class=\"num\">{customer_now:.1}</td>")),
        "this wave's customer overall {customer_now} is missing:\n{totals}"
    );
    assert!(
        trend.contains("The earlier wave (2025) has no customer answers: no change can be shown."),
        "{trend}"
    );
    assert!(
        !trend.contains("trend_chart_title") && !trend.contains("<figure class=\"gap-chart\">"),
        "an empty chart"
    );
}

/// The mini assessment with a German `summary.md` only.
fn with_german_summary() -> Fixture {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!("{}summary = \"summary.md\"\n", common::ASSESSMENT),
    );
    fixture.write("summary.md", "Die Kundschaft ist zufrieden.\n");
    fixture
}

// 7. An English report with only a German summary warns, and says so in the report.
#[test]
fn a_summary_in_another_language_is_announced() {
    let fixture = with_german_summary();
    let (html, stderr) = report(fixture.path(), "en", &[]);
    assert!(
        stderr.contains("warning") && stderr.contains("summary") && stderr.contains("German"),
        "{stderr}"
    );
    let narrative = between(&html, "<div class=\"narrative\">", "</section>");
    assert!(narrative.contains("Die Kundschaft ist zufrieden."));
    assert!(
        narrative.contains("The consultant's summary is in German."),
        "{narrative}"
    );
    // in its own language: no warning, no note
    let (html, stderr) = report(fixture.path(), "de", &[]);
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!html.contains("ist auf Deutsch"));
}

// 8. The NPS section is not called "Recommendation", like every dimension's advice.
#[test]
fn the_nps_section_has_its_own_name() {
    let html = example("en");
    assert!(html.contains("<h2>Likelihood to recommend (NPS)</h2>"));
    assert!(!html.contains("<h2>Recommendation</h2>"));
    assert!(example("de").contains("<h2>Weiterempfehlung (NPS)</h2>"));
}

// 9. Printing: headings stay with what follows; long tables and long blocks flow, only
// their rows and entries are kept whole; the dimensions' charts and table fit one page.
#[test]
fn print_keeps_headings_with_their_content_and_lets_long_tables_flow() {
    let html = example("en");
    let print = between(&html, "@media print", "</style>");
    let rule = |selector: &str| {
        print
            .split('}')
            .find(|r| {
                let selectors = r.split('{').next().unwrap();
                let selectors = selectors.rsplit("*/").next().unwrap();
                selectors.split(',').any(|s| s.trim() == selector)
            })
            .unwrap_or_else(|| panic!("no print rule for {selector}"))
            .to_string()
    };
    for heading in ["h2", "h3", "figcaption"] {
        assert!(rule(heading).contains("break-after: avoid"), "{heading}");
    }
    let kept = keep_list(print);
    for long in [
        ".highlight",
        "table",
        "table.items",
        "table.groups",
        ".page",
    ] {
        assert!(!kept.contains(&long), "{long} is kept whole: {kept:?}");
    }
    for short in ["tr", ".highlight li", ".views table.scores"] {
        assert!(kept.contains(&short), "{short} may break: {kept:?}");
    }
    assert!(
        rule("figure.radar svg").contains("width"),
        "the radar fits the page"
    );
}

/// The selectors of every print rule that says `break-inside: avoid`.
fn keep_list(print: &str) -> Vec<&str> {
    print
        .split('}')
        .filter(|rule| rule.contains("break-inside: avoid"))
        .flat_map(|rule| rule.split('{').next().unwrap().split(','))
        .map(|s| s.trim().rsplit("*/").next().unwrap().trim())
        .collect()
}

// 10. A recommendation that may not apply says so.
#[test]
fn a_statement_nobody_could_judge_marks_the_recommendation() {
    let fixture = Fixture::new();
    // both staff answer "na" to c1 (the Competence dimension)
    fixture.write(
        "answers/self/s1.toml",
        &common::SELF_1.replace("c1 = 4", "c1 = \"na\""),
    );
    let (html, _) = report(fixture.path(), "en", &[]);
    let competence = between(&html, "<section id=\"dim-comp\"", "</section>");
    let recommendation = between(
        competence,
        "<div class=\"recommendation\">",
        "<div class=\"md\">",
    );
    assert!(
        recommendation.contains(
            "Every answer from staff to “We advise well.” was “don't know / not applicable”"
        ),
        "{recommendation}"
    );
    let items = between(competence, "<table class=\"items\">", "</table>");
    assert!(items.contains("not applicable"), "{items}");
    // the other dimension's recommendation stands as it is
    let reach = between(&html, "<section id=\"dim-reach\"", "</section>");
    assert!(!reach.contains("was “don't know / not applicable”"));
}
