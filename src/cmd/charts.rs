//! `centricity charts`: the report's charts as SVG and PNG for slides.

use std::path::Path;

use super::inputs::Inputs;
use super::note;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::language::Language;
use crate::output::slides::{self, SOFTWARE, SVG_MARK};
use crate::output::templates::{Templates, TEMPLATES};
use crate::output::write::{check_target, write_atomic};

pub fn run(
    dir: &Path,
    output: &Path,
    language: Option<Language>,
    baseline: Option<&Path>,
) -> Result<(), Problems> {
    let mut inputs = Inputs::default().assessment(dir);
    if let Some(other) = baseline {
        inputs = inputs.assessment(other);
    }
    check_folder(output, &inputs)?;
    let (assessment, mut analysis) = super::collect(dir)?;
    if let Some(other) = baseline {
        let (earlier, before) = super::report::load_baseline(dir, other, &assessment)?;
        analysis.compare_with(&assessment, &earlier, &before);
    }
    let language = language.unwrap_or(assessment.language);
    let templates = Templates::built_in();
    let charts = crate::output::report::charts(&assessment, &analysis, language, &templates)?;
    let css = TEMPLATES
        .iter()
        .find(|(name, _)| *name == "style.css")
        .map_or("", |(_, text)| *text);
    let slides = slides::slides(&charts, css)?;

    // every file is checked before the first is written
    let files: Vec<(std::path::PathBuf, &[u8])> = slides
        .iter()
        .flat_map(|slide| {
            [
                (
                    output.join(format!("{}.svg", slide.name)),
                    slide.svg.as_bytes(),
                ),
                (output.join(format!("{}.png", slide.name)), &slide.png[..]),
            ]
        })
        .collect();
    std::fs::create_dir_all(output)
        .map_err(|e| Diagnostic::file(output, format!("cannot create the folder: {e}")))?;
    let mut problems = Problems::default();
    for (file, _) in &files {
        if let Err(problem) = check_target(file)
            .and_then(|()| inputs.refuse(file))
            .and_then(|()| earlier_chart(file))
        {
            problems.push(problem);
        }
    }
    problems.into_result(())?;
    for (file, bytes) in &files {
        write_atomic(file, bytes)?;
    }
    let names: Vec<&str> = slides.iter().map(|s| s.name.as_str()).collect();
    note(&format!(
        "wrote {} charts to {}, each as .svg and .png ({}×{}): {}",
        slides.len(),
        output.display(),
        slides::WIDTH,
        slides::HEIGHT,
        names.join(", ")
    ));
    Ok(())
}

/// The charts go into a folder, a new one or one that exists, never a file; and not into
/// a folder the command reads (the answers), at any depth, nor a new one inside it.
fn check_folder(output: &Path, inputs: &Inputs) -> Result<(), Diagnostic> {
    if std::fs::metadata(output).is_ok_and(|found| !found.is_dir()) {
        return Err(Diagnostic::file(
            output,
            "is a file, not a folder: `charts -o` names the folder the charts go into; give a folder (it is created if missing)",
        ));
    }
    output
        .ancestors()
        .filter(|folder| !folder.as_os_str().is_empty())
        .try_for_each(|folder| inputs.refuse(folder))
        .map_err(|problem| Diagnostic::file(output, problem.message))
}

/// A file of a chart's name may be replaced only when an earlier run of `charts` wrote it.
fn earlier_chart(file: &Path) -> Result<(), Diagnostic> {
    use std::io::Read;
    // the marks are in the first bytes: the SVG's root element, the PNG's chunk after its header
    let mut bytes = Vec::new();
    let Ok(found) = std::fs::File::open(file) else {
        return Ok(()); // a new file
    };
    let _ = found.take(512).read_to_end(&mut bytes);
    let ours = match file.extension().and_then(|e| e.to_str()) {
        Some("svg") => String::from_utf8_lossy(&bytes).contains(SVG_MARK),
        _ => bytes.windows(SOFTWARE.len()).any(|w| w == SOFTWARE),
    };
    if ours {
        Ok(())
    } else {
        Err(Diagnostic::file(
            file,
            "already exists and is not a chart centricity wrote; move it away or choose another folder",
        ))
    }
}
