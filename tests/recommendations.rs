//! A consultant replaces a recommendation in `assessment.toml`, without editing the
//! questionnaire; a dimension, level or language that does not exist is named.

mod common;

use common::{Fixture, ASSESSMENT};

#[test]
fn the_consultants_recommendation_replaces_the_questionnaires() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!(
            "{ASSESSMENT}\n[recommendations.reach]\n1 = \"Eigener Rat für tiefe Werte.\"\n2 = {{ de = \"Eigener Rat für hohe Werte.\", en = \"Own advice for high scores.\" }}\n"
        ),
    );
    for (lang, own) in [
        ("de", "Eigener Rat für"),
        ("en", "Own advice for high scores."),
    ] {
        let out = fixture.file(&format!("report-{lang}.html"));
        let run = fixture.run("report", &["-o", out.to_str().unwrap(), "--lang", lang]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = std::fs::read_to_string(out).unwrap();
        let reach = &html[html.find("id=\"dim-reach\"").unwrap()..];
        let reach = &reach[..reach.find("</section>").unwrap()];
        assert!(
            reach.contains(own) || (lang == "en" && reach.contains("Eigener Rat für tiefe")),
            "{lang}: {reach}"
        );
        assert!(!reach.contains("Mehr Telefon.") && !reach.contains("Weiter so."));
    }
}

#[test]
fn a_recommendation_for_something_that_does_not_exist_is_named() {
    let fixture = Fixture::new();
    fixture.write(
        "assessment.toml",
        &format!(
            "{ASSESSMENT}\n[recommendations.reech]\n1 = \"x\"\n\n[recommendations.comp]\n7 = \"y\"\n3 = {{ fr = \"z\" }}\n"
        ),
    );
    let run = fixture.run("validate", &[]);
    assert_eq!(run.code, 1);
    for words in [
        "the questionnaire has no dimension `reech`",
        "hint: did you mean `reach`?",
        "`recommendations.comp.7`: a level is a number from 1 to 2",
        "`recommendations.comp.3`: a level is a number from 1 to 2",
    ] {
        assert!(run.stderr.contains(words), "{words}: {}", run.stderr);
    }
}
