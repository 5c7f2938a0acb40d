use std::path::Path;

use crate::diagnostics::{write_atomic, Diagnostic, Problems};

pub fn run(
    dir: &Path,
    output: &Path,
    language: Option<&str>,
    templates: Option<&Path>,
    baseline: Option<&Path>,
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
    write_atomic(output, html.as_bytes())?;
    crate::diagnostics::note(&format!(
        "wrote {} ({} KB): {} self and {} customer respondents",
        output.display(),
        html.len().div_ceil(1024),
        collected.scores.respondents.self_view,
        collected.scores.respondents.customer
    ));
    Ok(())
}
