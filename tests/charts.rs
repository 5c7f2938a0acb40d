//! `centricity charts`: the report's charts as SVG and PNG for 16:9 slides.

mod common;

use std::path::{Path, PathBuf};

use common::{run, Fixture, Run};
use resvg::tiny_skia::Pixmap;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster");
const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster-2025");

/// The charts of the example, as the README lists them.
const EXAMPLE_CHARTS: &[&str] = &[
    "level-scale",
    "radar",
    "targets",
    "gap-by-dimension",
    "driver-shares",
    "priority-matrix",
    "nps",
    "distribution-reachability",
    "distribution-friendliness",
    "distribution-competence",
    "distribution-reliability",
    "distribution-delight",
];

fn charts(dir: &str, output: &Path, more: &[&str]) -> Run {
    let mut args = vec!["charts", dir, "-o", output.to_str().unwrap()];
    args.extend_from_slice(more);
    run(&args)
}

fn files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(folder: &Path, name: &str) -> String {
    std::fs::read_to_string(folder.join(name)).unwrap()
}

fn pixmap(path: PathBuf) -> Pixmap {
    Pixmap::decode_png(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// The texts of an SVG: what stands between its tags, entities decoded.
fn texts(svg: &str) -> String {
    let without_style = svg
        .split("<style>")
        .map(|part| part.split_once("</style>").map_or(part, |(_, rest)| rest))
        .collect::<String>();
    without_style
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, text)| text))
        .collect::<String>()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

#[test]
fn the_example_gives_every_chart_as_svg_and_png_on_a_16_9_slide() {
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("charts");
    let result = charts(EXAMPLE, &folder, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("wrote 12 charts"),
        "{}",
        result.stderr
    );
    let mut expected: Vec<String> = EXAMPLE_CHARTS
        .iter()
        .flat_map(|name| [format!("{name}.png"), format!("{name}.svg")])
        .collect();
    expected.sort();
    assert_eq!(files(&folder), expected);
    for name in EXAMPLE_CHARTS {
        let svg = read(&folder, &format!("{name}.svg"));
        assert!(
            svg.starts_with(r#"<svg data-centricity="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080" width="1920" height="1080"><style>"#),
            "{name}: {}",
            &svg[..200]
        );
        // standalone: every colour resolved, nothing fetched from elsewhere
        assert!(!svg.contains("var(--"), "{name}");
        assert!(!svg.contains("href") && !svg.contains("@import"), "{name}");
        assert_eq!(
            svg.matches("http").count(),
            svg.matches("http://www.w3.org/2000/svg").count(),
            "{name}"
        );
        let png = pixmap(folder.join(format!("{name}.png")));
        assert_eq!((png.width(), png.height()), (1920, 1080), "{name}");
    }
    // the report's own SVG, nested as it is: its title and its classes
    let radar = read(&folder, "radar.svg");
    assert!(radar.contains(r#"<svg class="chart" viewBox="0 0 560 440""#));
    assert!(radar.contains("<title>"));
    assert!(
        radar.contains("svg .area.customer{fill: #00667a;"),
        "the accent of assessment.toml"
    );
    // the legend the report writes beside the chart in HTML
    assert!(
        radar.contains(">Selbstbild (Mitarbeitende)</text>"),
        "{radar}"
    );
    let distribution = read(&folder, "distribution-reachability.svg");
    assert!(distribution.contains("Ich erreiche das Unternehmen zu Zeiten, die mir passen."));
    assert_eq!(
        distribution.matches(r#"<svg class="distribution""#).count(),
        5
    );
    assert!(distribution.contains(">trifft voll zu</text>"));
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let out = tempfile::tempdir().unwrap();
    let (first, second) = (out.path().join("a"), out.path().join("b"));
    assert_eq!(charts(EXAMPLE, &first, &[]).code, 0);
    assert_eq!(charts(EXAMPLE, &second, &[]).code, 0);
    for name in files(&first) {
        assert!(
            std::fs::read(first.join(&name)).unwrap() == std::fs::read(second.join(&name)).unwrap(),
            "{name} differs between two runs"
        );
    }
}

#[test]
fn english_charts_and_the_trend_against_a_baseline() {
    let out = tempfile::tempdir().unwrap();
    let result = charts(
        EXAMPLE,
        out.path(),
        &["--lang", "en", "--baseline", BASELINE],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let trend = read(out.path(), "trend.svg");
    assert!(
        trend.contains(r#"class="bar "#),
        "a bar per changed dimension"
    );
    let radar = read(out.path(), "radar.svg");
    assert!(radar.contains(">Self-view (staff)</text>"), "{radar}");
    assert!(radar.contains(">Reachability</text>"));
    assert!(pixmap(out.path().join("trend.png")).width() == 1920);
}

/// Whether both shipped faces have a glyph for `c`.
fn shipped_font_has(c: char) -> bool {
    let faces: [&[u8]; 2] = [
        include_bytes!("../fonts/LiberationSans-Regular.ttf"),
        include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    ];
    faces.iter().all(|bytes| {
        let font = skrifa::FontRef::new(bytes).expect("a font");
        skrifa::charmap::Charmap::new(&font).map(c).is_some()
    })
}

#[test]
fn every_character_of_the_charts_is_in_the_shipped_font() {
    for lang in ["de", "en"] {
        let out = tempfile::tempdir().unwrap();
        let result = charts(
            EXAMPLE,
            out.path(),
            &["--lang", lang, "--baseline", BASELINE],
        );
        assert_eq!(result.code, 0, "{}", result.stderr);
        for name in files(out.path()).iter().filter(|n| n.ends_with(".svg")) {
            let missing: Vec<char> = texts(&read(out.path(), name))
                .chars()
                .filter(|c| !c.is_whitespace())
                .filter(|c| !shipped_font_has(*c))
                .collect();
            assert!(
                missing.is_empty(),
                "{lang} {name}: no glyph for {missing:?}"
            );
        }
    }
}

/// Dark pixels (the text's ink) in a region of a pixmap.
fn ink(pixmap: &Pixmap, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
    let mut dark = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = pixmap.pixel(x, y).unwrap();
            if u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 300
                && p.alpha() > 200
            {
                dark += 1;
            }
        }
    }
    dark
}

#[test]
fn text_is_drawn_whatever_family_the_stylesheet_names_first() {
    // "Segoe UI" is on no Linux machine: the shipped Liberation Sans draws the text anyway
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><rect width="400" height="100" fill="#fff"/><text x="10" y="60" font-family="'Segoe UI', sans-serif" font-size="40" font-weight="700" fill="#000">Größe −12,5</text></svg>"##;
    let png = centricity::output::slides::png(svg).unwrap();
    let drawn = Pixmap::decode_png(&png).unwrap();
    assert!(ink(&drawn, (10, 20, 300, 70)) > 1500, "the text is drawn");
    assert_eq!(ink(&drawn, (0, 75, 400, 100)), 0, "and nothing else");
    // the example's radar: its legend's words are drawn below the chart
    let out = tempfile::tempdir().unwrap();
    assert_eq!(charts(EXAMPLE, out.path(), &[]).code, 0);
    let radar = pixmap(out.path().join("radar.png"));
    assert!(
        ink(&radar, (430, 960, 1400, 1020)) > 2000,
        "the legend's words"
    );
}

fn hostile_fixture() -> Fixture {
    let fixture = Fixture::new();
    let questionnaire = common::MINI
        .replace(
            r#"customer = { de = "Ich erreiche sie.""#,
            r#"customer = { de = "<script>alert('x')</script> & Co.""#,
        )
        .replace(
            r#"name = { de = "Kompetenz""#,
            r#"name = { de = "<b>Kompetenz</b>""#,
        );
    assert_ne!(questionnaire, common::MINI);
    fixture.write("questionnaire.toml", &questionnaire);
    fixture
}

#[test]
fn texts_from_the_clients_files_stay_text() {
    let fixture = hostile_fixture();
    let folder = fixture.file("slides");
    let result = fixture.run("charts", &["-o", folder.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let distribution = read(&folder, "distribution-reach.svg");
    assert!(!distribution.contains("<script"), "{distribution}");
    assert!(
        distribution.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2F;script&gt; &amp; Co.")
    );
    let radar = read(&folder, "radar.svg");
    assert!(!radar.contains("<b>") && radar.contains("&lt;b&gt;Kompetenz&lt;&#x2F;b&gt;"));
    // and the PNG was drawn from it (an unescaped `<` would not have parsed)
    assert_eq!(pixmap(folder.join("distribution-reach.png")).width(), 1920);
}

#[test]
fn the_folder_is_made_and_only_earlier_charts_are_replaced() {
    let fixture = Fixture::new();
    let folder = fixture.file("out/charts");
    let out = folder.to_str().unwrap();
    assert_eq!(
        fixture.run("charts", &["-o", out]).code,
        0,
        "a missing folder is made"
    );
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    // an earlier run's charts are replaced; the consultant's own file is left alone
    std::fs::write(folder.join("radar.svg"), "old").unwrap_or(());
    let again = fixture.run("charts", &["-o", out]);
    assert_eq!(again.code, 1, "radar.svg is no chart now: {}", again.stderr);
    again.fails_at_file("radar.svg", "is not a chart centricity wrote");
    std::fs::remove_file(folder.join("radar.svg")).unwrap();
    let before = std::fs::read(folder.join("nps.png")).unwrap();
    let again = fixture.run("charts", &["-o", out]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(std::fs::read(folder.join("nps.png")).unwrap(), before);
    assert_eq!(read(&folder, "notes.txt"), "mine");
    // a PNG of the same name that this command did not write is refused, and nothing written
    std::fs::copy(
        fixture.file("answers/customers.csv"),
        folder.join("nps.png"),
    )
    .unwrap();
    std::fs::remove_file(folder.join("radar.svg")).unwrap();
    let refused = fixture.run("charts", &["-o", out]);
    refused.fails_at_file("nps.png", "is not a chart centricity wrote");
    assert!(
        !folder.join("radar.svg").exists(),
        "nothing is written when one file is refused"
    );
}

#[test]
fn the_output_is_a_folder_outside_the_answers() {
    let fixture = Fixture::new();
    fixture.write("report.html", "x");
    let file = fixture.file("report.html");
    fixture
        .run("charts", &["-o", file.to_str().unwrap()])
        .fails_at_file("report.html", "is a file, not a folder");
    let inside = fixture.file("answers/charts");
    fixture
        .run("charts", &["-o", inside.to_str().unwrap()])
        .fails_at_file("answers", "inside the assessment's answers folder");
    assert!(!inside.exists(), "no folder is made in the answers");
}

#[test]
fn the_readme_lists_every_chart() {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## Charts for slides")
        .nth(1)
        .expect("a section on charts");
    for name in EXAMPLE_CHARTS.iter().chain(&["trend"]) {
        let listed = match name.strip_prefix("distribution-") {
            Some(_) => "| `distribution-ID` |".to_string(),
            None => format!("| `{name}` |"),
        };
        assert!(
            section.contains(&listed),
            "{name} is not in the README's list"
        );
    }
}
