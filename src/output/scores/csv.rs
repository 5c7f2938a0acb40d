//! `score --format csv`: the scores for spreadsheets, a row per overall view, dimension,
//! item and NPS and perspective, unrounded.

use super::{Delimiter, Exporter};
use crate::analysis::gaps::Band;
use crate::analysis::scores::Scores;
use crate::analysis::Analysis;
use crate::input::cells::neutralise;
use crate::input::diagnostics::Problems;
use crate::model::assessment::Assessment;
use crate::model::questionnaire::Perspective;
use crate::output::number::Numbers;

pub struct Csv {
    pub delimiter: Delimiter,
}

impl Exporter for Csv {
    fn export(&self, _: &Assessment, analysis: &Analysis) -> Result<Vec<u8>, Problems> {
        Ok(csv_export(&analysis.scores, self.delimiter).into_bytes())
    }
}

/// The scores for spreadsheets: a row per overall view, dimension, item and NPS and
/// perspective, unrounded; the gap and its test on both perspectives' rows, the target and the
/// distance to it on the customer view's overall and dimension rows. No cell starts a formula
/// ([`neutralise`]).
fn csv_export(scores: &Scores, delimiter: Delimiter) -> String {
    let numbers = Numbers::plain(delimiter.decimal_separator());
    let number = |v: Option<f64>| v.map_or_else(String::new, |v| numbers.exact(v));
    let delimiter = delimiter.byte();
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
        "target",
        "to_target",
    ];
    let _ = writer.write_record(header);
    let mut row = |mut cells: Vec<String>| {
        // the columns a kind of row has not (an item's target) stay empty
        cells.resize(header.len(), String::new());
        // numbers stay numbers; an id a spreadsheet would run as a formula gets a `'`
        for cell in &cells {
            let _ = writer.write_field(neutralise(cell).as_bytes());
        }
        let _ = writer.write_record(None::<&[u8]>);
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
        cells.extend([number(o.target.target), number(o.target.to_target)]);
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
                number(v.target.target),
                number(v.target.to_target),
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
            row(cells);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
