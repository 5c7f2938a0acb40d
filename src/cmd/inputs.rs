//! What a command reads, so that its `-o` never writes over it: an assessment's
//! `assessment.toml`, questionnaire, summary, theme dictionary and logo files, its answers folder (at any
//! depth), and folders like `--templates`.

use std::path::{Path, PathBuf};

use crate::input::assessment::FILE_NAME;
use crate::input::diagnostics::Diagnostic;

#[derive(Default)]
pub struct Inputs {
    /// Files a command reads: none of them may be replaced.
    files: Vec<PathBuf>,
    /// Folders a command reads: nothing may be written into them, at any depth. With the
    /// words a refusal gives for each.
    folders: Vec<(PathBuf, &'static str)>,
}

impl Inputs {
    /// The files and the answers folder of the assessment in `dir`, as its
    /// `assessment.toml` names them. Read leniently: a broken file still names what it can,
    /// and its problems are the loader's to report.
    pub fn assessment(mut self, dir: &Path) -> Inputs {
        let path = dir.join(FILE_NAME);
        self.files.push(path.clone());
        // through the one reader: never blocks on a FIFO, never reads more than a text file
        let table: toml::Table = crate::input::files::read_to_string(&path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default();
        if let Some(questionnaire) = text(table.get("questionnaire")) {
            self.files.push(dir.join(questionnaire));
        }
        match table.get("summary") {
            Some(toml::Value::String(name)) => self.files.push(dir.join(name)),
            Some(toml::Value::Table(names)) => {
                let names = names.values().filter_map(toml::Value::as_str);
                self.files.extend(names.map(|name| dir.join(name)));
            }
            _ => {}
        }
        let themes = text(table.get("themes")).unwrap_or(crate::input::themes::DEFAULT_FILE);
        self.files.push(dir.join(themes));
        let branding = table.get("branding").and_then(toml::Value::as_table);
        if let Some(logo) = text(branding.and_then(|b| b.get("logo"))) {
            self.files.push(dir.join(logo));
        }
        let answers = text(table.get("answers")).unwrap_or("answers");
        self.folders.push((
            dir.join(answers),
            "is inside the assessment's answers folder",
        ));
        self
    }

    /// A folder the command reads, as `--templates`: nothing is written into it.
    pub fn folder(mut self, dir: &Path, words: &'static str) -> Inputs {
        self.folders.push((dir.to_path_buf(), words));
        self
    }

    /// Refuses an output that would replace one of the inputs or land in an input folder.
    pub fn refuse(&self, output: &Path) -> Result<(), Diagnostic> {
        let Some(target) = location(output) else {
            return Ok(());
        };
        let refuse = |message: String| Err(Diagnostic::file(output, message));
        for file in &self.files {
            // the file's own name, and what it links to: either would be replaced
            let same = location(file).is_some_and(|f| f == target)
                || file.canonicalize().is_ok_and(|f| f == target);
            if same {
                return refuse(
                    "is a file this command reads, and a command never writes over what it reads; choose another file name"
                        .to_string(),
                );
            }
        }
        for (folder, words) in &self.folders {
            if folder.canonicalize().is_ok_and(|f| target.starts_with(f)) {
                return refuse(format!(
                    "{words} `{}`, and a command never writes over what it reads; choose a file outside it",
                    folder.display()
                ));
            }
        }
        Ok(())
    }
}

/// Where a write to `path` lands: its folder resolved (links and `..` followed), and its own
/// name, which a write replaces rather than follows. `None` when the folder does not exist
/// (the write will say so).
fn location(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}

/// A string value of the TOML, if it is one.
fn text(value: Option<&toml::Value>) -> Option<&str> {
    value.and_then(toml::Value::as_str)
}
