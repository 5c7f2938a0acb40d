//! `centricity mapping`: a mapping drafted from a survey tool's export, to start from.

use std::path::{Component, Path, PathBuf};

use super::note;
use crate::input::builtin::BUILT_IN;
use crate::input::diagnostics::Problems;
use crate::input::import::draft::{draft, Draft, Question};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::output::mapping::{mapping_toml, Heading};
use crate::output::write::{check_new_output, write_atomic};

/// Drafts a mapping of `export` onto the questionnaire `questionnaire` (an id, or a path
/// from the working folder) and prints it, or writes it to `output`: never over the export
/// or the questionnaire, and over another existing file only with `force`.
pub fn run(
    export: &Path,
    questionnaire: &str,
    perspective: Perspective,
    output: Option<&Path>,
    force: bool,
) -> Result<(), Problems> {
    let built_in = BUILT_IN.iter().any(|(id, _, _)| *id == questionnaire);
    if let Some(output) = output {
        check_output(
            export,
            (!built_in).then(|| Path::new(questionnaire)),
            output,
            force,
        )?;
    }
    let q = Questionnaire::load(questionnaire, Path::new("."))?;
    let found = draft(export, &q, perspective)?;
    let reference = match (built_in, output) {
        (false, Some(output)) => relative_to_folder_of(output, Path::new(questionnaire)),
        _ => questionnaire.to_string(),
    };
    let export_name = export.file_name().map_or_else(
        || export.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let heading = Heading {
        questionnaire: &reference,
        perspective,
        export_name: &export_name,
    };
    let text = mapping_toml(&found, &q, &heading);
    let written = match output {
        None => {
            super::print(&text)?;
            "a mapping".to_string()
        }
        Some(path) => {
            write_atomic(path, text.as_bytes())?;
            path.display().to_string()
        }
    };
    note(&summary(&written, &found, &q, perspective));
    Ok(())
}

/// `drafted mapping.toml: 25 of 25 items, nps, comment for 2 items; 3 answer texts to place
/// by hand; 12 columns left out`.
fn summary(written: &str, found: &Draft, q: &Questionnaire, perspective: Perspective) -> String {
    let asked = q.items.iter().filter(|i| i.is_asked(perspective)).count();
    let items = found
        .matched
        .iter()
        .filter(|m| m.question != Question::Nps)
        .count();
    let nps = match found.matched.iter().any(|m| m.question == Question::Nps) {
        true => "nps",
        false => "no nps",
    };
    let comments = found
        .matched
        .iter()
        .filter(|m| m.comment.as_ref().is_some_and(|c| c.why.sure()))
        .count();
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    format!(
        "drafted {written}: {items} of {asked} items, {nps}, comment for {}; {} to place by hand; {} left out",
        plural(comments, "item", "items"),
        plural(found.values.unplaced.len(), "answer text", "answer texts"),
        plural(found.left_out.len(), "column", "columns"),
    )
}

/// Refuses an output that is the export or the questionnaire, is no regular file, or exists
/// (without `force`).
fn check_output(
    export: &Path,
    questionnaire: Option<&Path>,
    output: &Path,
    force: bool,
) -> Result<(), Problems> {
    let mut inputs = vec![(export, "the export")];
    inputs.extend(questionnaire.map(|q| (q, "the questionnaire")));
    check_new_output(
        output,
        &inputs,
        "the mapping",
        force,
        "`mapping` replaces a file only with --force (it may be a mapping you edited)",
    )?;
    Ok(())
}

/// `target` (a path from the working folder) as a path from the folder of `file`, as a
/// mapping refers to its questionnaire; as given when either cannot be resolved.
fn relative_to_folder_of(file: &Path, target: &Path) -> String {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(folder), Ok(target_full)) = (folder.canonicalize(), target.canonicalize()) else {
        return target.to_string_lossy().into_owned();
    };
    let from: Vec<Component> = folder.components().collect();
    let to: Vec<Component> = target_full.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in common..from.len() {
        relative.push("..");
    }
    for part in &to[common..] {
        relative.push(part);
    }
    relative.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_questionnaire_path_is_written_from_the_mapping_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::create_dir_all(dir.path().join("c")).unwrap();
        std::fs::write(dir.path().join("c/q.toml"), "").unwrap();
        let found = relative_to_folder_of(
            &dir.path().join("a/b/map.toml"),
            &dir.path().join("c/q.toml"),
        );
        assert_eq!(found, Path::new("../../c/q.toml").to_string_lossy());
    }
}
