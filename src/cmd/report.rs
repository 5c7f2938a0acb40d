use std::path::Path;

use super::note;
use crate::analysis::Analysis;
use crate::input::assessment::FILE_NAME;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::output::templates::Templates;
use crate::output::write::{check_target, write_atomic};

use super::inputs::Inputs;

pub fn run(
    dir: &Path,
    output: &Path,
    language: Option<Language>,
    templates: Option<&Path>,
    baseline: Option<&Path>,
    pdf: Option<&Path>,
    norms: Option<&Path>,
) -> Result<(), Problems> {
    check_outputs(dir, output, templates, baseline, pdf)?;
    if let Some(norms) = norms {
        check_not_norms(output, pdf, norms)?;
    }
    let templates = Templates::load(templates)?;
    // read and checked before the answers: a wrong file is told at once
    let norms = match norms {
        Some(path) => Some((path, crate::input::norms::load(path)?)),
        None => None,
    };
    let (assessment, mut analysis) = super::collect(dir)?;
    if let Some(other) = baseline {
        let (earlier, before) = load_baseline(dir, other, &assessment)?;
        analysis.compare_with(&assessment, &earlier, &before);
    }
    let standing = match &norms {
        Some((path, norms)) => {
            check_norms(path, norms, &assessment)?;
            Some(crate::analysis::norms::standing(&analysis.scores, norms))
        }
        None => None,
    };
    let language = language.unwrap_or(assessment.language);
    if let Some(written) = crate::output::report::summary_language(&assessment, language) {
        // shown as it is, with a note in the report; but the person printing should know
        note(&format!(
            "warning: the consultant's summary is in {}, the report in {}: the report shows it as written and says so; for a summary in {} give one file per language, e.g. summary = {{ {} = \"summary.md\", {} = \"summary.{}.md\" }}",
            language_name(written),
            language_name(language),
            language_name(language),
            written.code(),
            language.code(),
            language.code()
        ));
    }
    let html = crate::output::report::render_with_norms(
        &assessment,
        &analysis,
        language,
        &templates,
        standing.as_ref(),
    )?;
    if let Some(pdf) = pdf {
        check_pdf_paths(output, pdf)?;
        if crate::output::pdf::find_browser().is_none() {
            // Nothing to print with: the report is still worth having, and the user learns
            // which of their files is missing and what to install.
            write_atomic(output, html.as_bytes())?;
            note(&format!("wrote {}, but not the PDF", output.display()));
            return Err(Diagnostic::file(pdf, NO_BROWSER).into());
        }
    }
    // With a PDF, both are made before either is written: a failed print leaves the
    // previous report and PDF as they were.
    let printed_pdf = match pdf {
        None => None,
        Some(pdf) => Some((pdf, crate::output::pdf::print_html(&html, pdf)?)),
    };
    write_atomic(output, html.as_bytes())?;
    if let Some((pdf, bytes)) = printed_pdf {
        write_atomic(pdf, &bytes)?;
        note(&format!(
            "wrote {} ({} KB)",
            pdf.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    note(&format!(
        "wrote {} ({} KB): {} self and {} customer respondents",
        output.display(),
        html.len().div_ceil(1024),
        analysis.scores.respondents.self_view,
        analysis.scores.respondents.customer
    ));
    Ok(())
}

/// A language's English name, for messages at the terminal.
fn language_name(language: Language) -> &'static str {
    match language {
        Language::De => "German",
        Language::En => "English",
    }
}

const NO_BROWSER: &str = "not written: no Chromium or Chrome was found to print the PDF (the HTML report was written); install one (Debian/Ubuntu: `apt-get install chromium`; macOS and Windows: Google Chrome), or set CENTRICITY_CHROMIUM to its path";

/// The report and the PDF go to regular files (or new names), and over nothing the report
/// reads: not the assessment's files nor its answers folder, not the baseline's, not into
/// the templates folder. Checked before anything is loaded, so nothing is written.
fn check_outputs(
    dir: &Path,
    output: &Path,
    templates: Option<&Path>,
    baseline: Option<&Path>,
    pdf: Option<&Path>,
) -> Result<(), Problems> {
    let mut inputs = Inputs::default().assessment(dir);
    if let Some(other) = baseline {
        inputs = inputs.assessment(other);
    }
    if let Some(templates) = templates {
        inputs = inputs.folder(templates, "is inside the templates folder");
    }
    for file in std::iter::once(output).chain(pdf) {
        check_target(file)?;
        inputs.refuse(file)?;
    }
    Ok(())
}

/// The earlier wave of `--baseline`, analysed, once it is sure to compare with this one.
pub(super) fn load_baseline(
    dir: &Path,
    other: &Path,
    assessment: &Assessment,
) -> Result<(Assessment, Analysis), Problems> {
    if !other.join(FILE_NAME).is_file() {
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
    let refuse = |message: String| -> Result<(Assessment, Analysis), Problems> {
        Err(Diagnostic::file(other.join(FILE_NAME), message).into())
    };
    let (q, p) = (&assessment.questionnaire, &earlier.questionnaire);
    if q.id != p.id || q.major != p.major {
        return refuse(format!(
            "the baseline uses questionnaire `{}` {}, this wave `{}` {}: waves compare only on the same questionnaire and major version",
            p.id, p.version, q.id, q.version
        ));
    }
    if earlier.wave == assessment.wave {
        return refuse(format!(
            "the baseline has the same wave label, `{}`: is it really the earlier wave?",
            earlier.wave
        ));
    }
    if earlier.date > assessment.date {
        return refuse(format!(
            "the baseline (wave {}, {}) is newer than this wave ({}, {}): swap them",
            earlier.wave, earlier.date, assessment.wave, assessment.date
        ));
    }
    if let Some(difference) = crate::analysis::trend::scores_differently(q, p) {
        return refuse(format!(
            "the baseline's questionnaire scores differently, so the waves do not compare: {difference}"
        ));
    }
    Ok((earlier, before))
}

/// The report and the PDF never replace the norms file they are made with.
fn check_not_norms(output: &Path, pdf: Option<&Path>, norms: &Path) -> Result<(), Problems> {
    for file in std::iter::once(output).chain(pdf) {
        let same = file == norms
            || matches!((file.canonicalize(), norms.canonicalize()), (Ok(a), Ok(b)) if a == b);
        if same {
            return Err(Diagnostic::file(
                file,
                "is the norms file this report reads, and a command never writes over what it reads; choose another file name",
            )
            .into());
        }
    }
    Ok(())
}

/// Norms compare only with an assessment of the same questionnaire and major version,
/// scored the same way (the rule `--baseline` follows).
fn check_norms(
    path: &Path,
    norms: &crate::model::norms::Norms,
    assessment: &Assessment,
) -> Result<(), Problems> {
    let q = &assessment.questionnaire;
    let n = &norms.questionnaire;
    if q.id != n.id || q.major != n.major {
        return Err(Diagnostic::file(
            path,
            format!(
                "the norms are of questionnaire `{}` {}, this assessment uses `{}` {}: norms compare only on the same questionnaire and major version",
                n.id, n.major, q.id, q.version
            ),
        )
        .into());
    }
    let scoring = crate::input::norms::scoring(norms, path);
    if let Some(difference) = crate::analysis::trend::scores_differently(q, &scoring) {
        return Err(Diagnostic::file(
            path,
            format!("the norms' questionnaire scores differently, so the scores do not compare: {difference}"),
        )
        .into());
    }
    Ok(())
}

/// The PDF and the HTML report go to different files, in folders that exist.
fn check_pdf_paths(output: &Path, pdf: &Path) -> Result<(), Problems> {
    let same = output == pdf
        || matches!((output.canonicalize(), pdf.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if same {
        return Err(
            Diagnostic::file(pdf, "the PDF and the HTML report need different file names").into(),
        );
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
    Ok(())
}
