use std::path::Path;

use crate::analysis::gaps::Band;
use crate::analysis::scores::Scores;
use crate::cli::Format;
use crate::input::diagnostics::Problems;
use crate::model::assessment::Assessment;
use crate::model::questionnaire::Perspective;
use crate::output::locale::fixed;

pub fn run(dir: &Path, format: Format, delimiter: &str) -> Result<(), Problems> {
    let (assessment, collected) = super::collect(dir)?;
    let text = match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&collected.scores).map_err(|e| {
                crate::input::diagnostics::Diagnostic::file(
                    "<stdout>",
                    format!("cannot write the scores: {e}"),
                )
            })?;
            json.push('\n');
            json
        }
        Format::Table => table(&assessment, &collected.scores),
        Format::Csv => csv_export(&collected.scores, delimiter),
    };
    super::print(&text)
}

fn number(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| fixed(v, 1))
}

fn signed(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| {
        let text = fixed(v, 1);
        if text.starts_with('-') || text == "0.0" {
            text
        } else {
            format!("+{text}")
        }
    })
}

fn band(gap: Option<f64>, band: Option<Band>) -> String {
    match (gap, band) {
        (Some(_), Some(Band::Aligned)) => "aligned".to_string(),
        (Some(g), Some(b)) if g > 0.0 => format!("{} blind spot", b.id()),
        (Some(_), Some(b)) => format!("{} hidden strength", b.id()),
        _ => String::new(),
    }
}

/// The scores for people: dimensions, overall, NPS and the largest gaps, on the 0–100 scale.
fn table(assessment: &Assessment, scores: &Scores) -> String {
    let q = &assessment.questionnaire;
    let lang = &assessment.language;
    let level = |l: Option<usize>| {
        l.map_or("–".to_string(), |l| {
            format!("{l} {}", q.levels[l - 1].name.get(lang))
        })
    };
    let mut out = format!(
        "{} · wave {} · {} {}\nrespondents: {} self, {} customer\nscores on a 0–100 scale; gap = self − customer\n\n",
        assessment.client,
        assessment.wave,
        q.id,
        q.version,
        scores.respondents.self_view,
        scores.respondents.customer
    );
    out += &format!(
        "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n",
        "dimension", "self", "n", "customer", "n", "gap", "band"
    );
    for d in &scores.dimensions {
        out += &format!(
            "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n",
            d.id,
            number(d.self_view.score),
            d.self_view.n,
            number(d.customer.score),
            d.customer.n,
            signed(d.gap),
            band(d.gap, d.band)
        );
    }
    let o = &scores.overall;
    out += &format!(
        "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n\n",
        "overall",
        number(o.self_view.score),
        "",
        number(o.customer.score),
        "",
        signed(o.gap),
        band(o.gap, o.band)
    );
    out += &format!(
        "level  self: {}\n       customer: {}\n",
        level(o.self_view.level),
        level(o.customer.level)
    );
    if let Some(nps) = &scores.nps {
        let show = |s: &Option<crate::analysis::scores::NpsScores>| {
            s.as_ref().map_or("not asked".to_string(), |s| {
                format!("{} (n = {})", signed(s.score), s.n)
            })
        };
        out += &format!(
            "NPS    self: {}\n       customer: {}\n",
            show(&nps.self_view),
            show(&nps.customer)
        );
    }
    for (title, items) in [
        ("largest blind spots", scores.blind_spots()),
        ("largest hidden strengths", scores.hidden_strengths()),
    ] {
        if items.is_empty() {
            continue;
        }
        out += &format!("\n{title}:\n");
        for item in items.iter().take(3).map(|&i| &scores.items[i]) {
            out += &format!(
                "  {:<26} {:>7}  (self {}, customer {})\n",
                item.id,
                signed(item.gap),
                number(item.self_view.as_ref().and_then(|v| v.score)),
                number(item.customer.as_ref().and_then(|v| v.score))
            );
        }
    }
    out
}

/// The scores for spreadsheets: a row per overall view, dimension, item and NPS and
/// perspective, unrounded; the gap and its test on both perspectives' rows.
fn csv_export(scores: &Scores, delimiter: &str) -> String {
    let delimiter = match delimiter {
        ";" => b';',
        "tab" => b'\t',
        _ => b',',
    };
    let comma = delimiter == b';';
    let number = |v: Option<f64>| {
        v.map_or_else(String::new, |v| {
            let text = v.to_string();
            if comma {
                text.replace('.', ",")
            } else {
                text
            }
        })
    };
    let count = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "kind",
        "id",
        "dimension",
        "phase",
        "perspective",
        "n",
        "na",
        "missing",
        "mean",
        "score",
        "sd",
        "ci95_low",
        "ci95_high",
        "alpha",
        "level",
        "gap",
        "band",
        "p_value",
        "hedges_g",
        "significant",
    ];
    let _ = writer.write_record(header);
    let mut row = |cells: Vec<String>| {
        let _ = writer.write_record(&cells);
    };
    let band = |b: Option<Band>| b.map_or_else(String::new, |b| b.id().to_string());
    for p in Perspective::BOTH {
        let o = match p {
            Perspective::SelfView => &scores.overall.self_view,
            Perspective::Customer => &scores.overall.customer,
        };
        let mut cells = vec![
            "overall".into(),
            String::new(),
            String::new(),
            String::new(),
            p.id().into(),
        ];
        cells.extend(vec![String::new(); 4]);
        cells.push(number(o.score));
        cells.extend(vec![String::new(); 4]);
        cells.push(count(o.level.map(|l| l as u64)));
        cells.push(number(scores.overall.gap));
        cells.push(band(scores.overall.band));
        cells.extend(vec![String::new(); 3]);
        row(cells);
    }
    for d in &scores.dimensions {
        for p in Perspective::BOTH {
            let v = match p {
                Perspective::SelfView => &d.self_view,
                Perspective::Customer => &d.customer,
            };
            row(vec![
                "dimension".into(),
                d.id.clone(),
                d.id.clone(),
                String::new(),
                p.id().into(),
                v.n.to_string(),
                String::new(),
                String::new(),
                number(v.mean),
                number(v.score),
                number(v.sd),
                number(v.ci95.map(|c| c[0])),
                number(v.ci95.map(|c| c[1])),
                number(v.alpha),
                count(v.level.map(|l| l as u64)),
                number(d.gap),
                band(d.band),
                number(d.test.p_value),
                number(d.test.hedges_g),
                d.test.significant.to_string(),
            ]);
        }
    }
    for i in &scores.items {
        for p in Perspective::BOTH {
            let Some(v) = i.view(p) else { continue };
            row(vec![
                "item".into(),
                i.id.clone(),
                i.dimension.clone(),
                i.phase.id().into(),
                p.id().into(),
                v.n.to_string(),
                v.na.to_string(),
                v.missing.to_string(),
                number(v.mean),
                number(v.score),
                number(v.sd),
                number(v.ci95.map(|c| c[0])),
                number(v.ci95.map(|c| c[1])),
                String::new(),
                String::new(),
                number(i.gap),
                band(i.band),
                number(i.test.p_value),
                number(i.test.hedges_g),
                i.test.significant.to_string(),
            ]);
        }
    }
    if let Some(nps) = &scores.nps {
        for p in Perspective::BOTH {
            let Some(v) = nps.get(p) else { continue };
            let mut cells = vec![
                "nps".into(),
                "nps".into(),
                String::new(),
                String::new(),
                p.id().into(),
                v.n.to_string(),
            ];
            cells.extend(vec![String::new(); 3]);
            cells.push(number(v.score));
            cells.push(String::new());
            cells.push(number(v.ci95.map(|c| c[0])));
            cells.push(number(v.ci95.map(|c| c[1])));
            cells.extend(vec![String::new(); 7]);
            row(cells);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
