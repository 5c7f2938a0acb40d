use std::path::Path;

use crate::diagnostics::{write_atomic, Diagnostic, Problems};

pub fn run(
    dir: &Path,
    output: &Path,
    language: Option<&str>,
    templates: Option<&Path>,
    baseline: Option<&Path>,
    pdf: Option<&Path>,
) -> Result<(), Problems> {
    let templates = crate::report::Templates::load(templates)?;
    let (assessment, collected) = super::collect(dir)?;
    let baseline = match baseline {
        None => None,
        Some(other) => {
            let (earlier, scores) = super::collect(other)?;
            let (q, p) = (&assessment.questionnaire, &earlier.questionnaire);
            if q.id != p.id || q.major != p.major {
                return Err(Diagnostic::file(
                    other.join(crate::assessment::FILE_NAME),
                    format!(
                        "the baseline uses questionnaire `{}` {}, this wave `{}` {}: waves compare only on the same questionnaire and major version",
                        p.id, p.version, q.id, q.version
                    ),
                )
                .into());
            }
            Some(crate::report::Baseline {
                wave: earlier.wave,
                scores: scores.scores,
            })
        }
    };
    let language = language.unwrap_or(&assessment.language);
    let html = crate::report::render(
        &assessment,
        &collected,
        language,
        &templates,
        baseline.as_ref(),
    )?;
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
        crate::pdf::print(&page, &printed)?;
        let bytes = std::fs::read(&printed)
            .map_err(|e| Diagnostic::file(&printed, format!("cannot read the PDF: {e}")))?;
        printed_pdf = Some((pdf, bytes));
    }
    write_atomic(output, html.as_bytes())?;
    if let Some((pdf, bytes)) = printed_pdf {
        write_atomic(pdf, &bytes)?;
        crate::diagnostics::note(&format!(
            "wrote {} ({} KB)",
            pdf.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    crate::diagnostics::note(&format!(
        "wrote {} ({} KB): {} self and {} customer respondents",
        output.display(),
        html.len().div_ceil(1024),
        collected.scores.respondents.self_view,
        collected.scores.respondents.customer
    ));
    Ok(())
}
