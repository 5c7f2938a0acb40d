use std::path::Path;

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::language::Language;
use crate::output::write::write_atomic;

pub fn run(
    dir: &Path,
    output: &Path,
    language: Option<Language>,
    templates: Option<&Path>,
    baseline: Option<&Path>,
    pdf: Option<&Path>,
) -> Result<(), Problems> {
    let templates = crate::output::templates::Templates::load(templates)?;
    let (assessment, mut analysis) = super::collect(dir)?;
    if let Some(other) = baseline {
        if !other.join(crate::input::assessment::FILE_NAME).is_file() {
            return Err(Diagnostic::file(
                other,
                "the baseline folder has no assessment.toml (give the folder of the earlier wave)",
            )
            .into());
        }
        let same_folder =
            matches!((dir.canonicalize(), other.canonicalize()), (Ok(a), Ok(b)) if a == b);
        if same_folder {
            return Err(Diagnostic::file(
                other,
                "the baseline is this assessment itself; give the earlier wave's folder",
            )
            .into());
        }
        let (earlier, before) = super::collect(other)?;
        let baseline_file = other.join(crate::input::assessment::FILE_NAME);
        let (q, p) = (&assessment.questionnaire, &earlier.questionnaire);
        if q.id != p.id || q.major != p.major {
            return Err(Diagnostic::file(
                    &baseline_file,
                    format!(
                        "the baseline uses questionnaire `{}` {}, this wave `{}` {}: waves compare only on the same questionnaire and major version",
                        p.id, p.version, q.id, q.version
                    ),
                )
                .into());
        }
        if earlier.wave == assessment.wave {
            return Err(Diagnostic::file(
                &baseline_file,
                format!(
                    "the baseline has the same wave label, `{}`: is it really the earlier wave?",
                    earlier.wave
                ),
            )
            .into());
        }
        if earlier.date > assessment.date {
            return Err(Diagnostic::file(
                &baseline_file,
                format!(
                    "the baseline (wave {}, {}) is newer than this wave ({}, {}): swap them",
                    earlier.wave, earlier.date, assessment.wave, assessment.date
                ),
            )
            .into());
        }
        if let Some(difference) =
            scores_differently(&assessment.questionnaire, &earlier.questionnaire)
        {
            return Err(Diagnostic::file(
                    &baseline_file,
                    format!("the baseline's questionnaire scores differently, so the waves do not compare: {difference}"),
                )
                .into());
        }
        analysis.compare_with(&assessment, &earlier, &before);
    }
    let language = language.unwrap_or(assessment.language);
    let html = crate::output::report::render(&assessment, &analysis, language, &templates)?;
    // With a PDF, both are made before either is written: a failed print leaves the
    // previous report and PDF as they were.
    let mut printed_pdf = None;
    if let Some(pdf) = pdf {
        let same = output == pdf
            || matches!((output.canonicalize(), pdf.canonicalize()), (Ok(a), Ok(b)) if a == b);
        if same {
            return Err(Diagnostic::file(
                pdf,
                "the PDF and the HTML report need different file names",
            )
            .into());
        }
        for file in [output, pdf] {
            let folder = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if !folder.is_dir() {
                return Err(Diagnostic::file(
                    file,
                    format!(
                        "cannot write the file: the folder `{}` does not exist",
                        folder.display()
                    ),
                )
                .into());
            }
        }
        let dir = pdf
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let staging = tempfile::Builder::new()
            .prefix(".centricity-")
            .tempdir_in(dir)
            .map_err(|e| Diagnostic::file(pdf, format!("cannot write beside the PDF: {e}")))?;
        let page = staging.path().join("report.html");
        write_atomic(&page, html.as_bytes())?;
        let printed = staging.path().join("report.pdf");
        crate::output::pdf::print(&page, &printed)?;
        let bytes = std::fs::read(&printed)
            .map_err(|e| Diagnostic::file(&printed, format!("cannot read the PDF: {e}")))?;
        printed_pdf = Some((pdf, bytes));
    }
    write_atomic(output, html.as_bytes())?;
    if let Some((pdf, bytes)) = printed_pdf {
        write_atomic(pdf, &bytes)?;
        crate::cmd::note(&format!(
            "wrote {} ({} KB)",
            pdf.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    crate::cmd::note(&format!(
        "wrote {} ({} KB): {} self and {} customer respondents",
        output.display(),
        html.len().div_ceil(1024),
        analysis.scores.respondents.self_view,
        analysis.scores.respondents.customer
    ));
    Ok(())
}

/// What makes two questionnaires give different scores for the same answers, if anything:
/// the scale, a shared item's dimension, reverse keying or weight, a shared dimension's
/// weight. (Items and dimensions only one of them has are left out of the trend anyway.)
fn scores_differently(
    now: &crate::model::questionnaire::Questionnaire,
    before: &crate::model::questionnaire::Questionnaire,
) -> Option<String> {
    if (now.scale.min, now.scale.max) != (before.scale.min, before.scale.max) {
        return Some(format!(
            "its scale runs from {} to {}, this one from {} to {}",
            before.scale.min, before.scale.max, now.scale.min, now.scale.max
        ));
    }
    for dimension in &now.dimensions {
        if let Some(old) = before.dimensions.iter().find(|d| d.id == dimension.id) {
            if old.weight != dimension.weight {
                return Some(format!(
                    "dimension `{}` weighs {} there and {} here",
                    dimension.id, old.weight, dimension.weight
                ));
            }
        }
    }
    for item in &now.items {
        let Some(old) = before.items.iter().find(|i| i.id == item.id) else {
            continue;
        };
        let (here, there) = (
            &now.dimensions[item.dimension].id,
            &before.dimensions[old.dimension].id,
        );
        if here != there {
            return Some(format!(
                "item `{}` belongs to `{there}` there and to `{here}` here",
                item.id
            ));
        }
        if old.reverse != item.reverse {
            return Some(format!(
                "item `{}` is reverse-keyed in one and not the other",
                item.id
            ));
        }
        if old.weight != item.weight {
            return Some(format!(
                "item `{}` weighs {} there and {} here",
                item.id, old.weight, item.weight
            ));
        }
    }
    None
}
