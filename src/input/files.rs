//! Reading the user's files: every read goes through here, so that no error can forget
//! its path, no read blocks on a FIFO or a device, and no read is larger than it may be.
//! [`Folder`] keeps the paths an assessment names inside the assessment's folder.

use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::input::diagnostics::{Diagnostic, Source};

/// The largest text file read whole: TOML files, Markdown, templates, mappings. A 10 MB
/// comment fits; a file that could exhaust memory does not.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// The largest survey export read whole by `import`.
pub const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// What a path is, for a message: "a folder", "a FIFO", "a device".
fn kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// The metadata of a regular file (links followed), or why it cannot be read as one.
pub fn regular_file(path: &Path) -> Result<Metadata, Diagnostic> {
    let metadata = std::fs::metadata(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot read the file: {e}")))?;
    if !metadata.is_file() {
        return Err(Diagnostic::file(
            path,
            format!(
                "cannot read the file: it is {}, not a regular file",
                kind(&metadata)
            ),
        ));
    }
    Ok(metadata)
}

/// Reads a regular file of at most `limit` bytes, checked before reading (and while, for a
/// file that grows).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let metadata = regular_file(path)?;
    let too_large = || {
        Diagnostic::file(
            path,
            format!(
                "the file is larger than {} MB, more than centricity reads",
                limit / (1024 * 1024)
            ),
        )
    };
    if metadata.len() > limit {
        return Err(too_large());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot read the file: {e}")))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::file(path, format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads a UTF-8 text file of at most [`MAX_TEXT_BYTES`]; a leading byte-order mark is
/// dropped.
pub fn read_to_string(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, MAX_TEXT_BYTES)?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let source = Source { path, text: &text };
        let (line, column) = source.position(text.len());
        Diagnostic::at(
            path,
            line,
            column,
            "the file is not valid UTF-8 (save it as UTF-8)",
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    refuse_nul(path, &text)?;
    Ok(text)
}

/// No NUL character reaches a report or a table: a text that holds one is refused where it is.
pub fn refuse_nul(path: &Path, text: &str) -> Result<(), Diagnostic> {
    match text.find('\0') {
        None => Ok(()),
        Some(at) => {
            let (line, column) = Source { path, text }.position(at);
            Err(Diagnostic::at(
                path,
                line,
                column,
                "the file contains a NUL character (is it damaged, or not a text file?)",
            ))
        }
    }
}

/// A folder whose files may name other files, but only inside it: an assessment from a
/// client may not put `/etc/passwd`, `../../.ssh/id_rsa` or another client's answers into a
/// report. Links are followed only while they stay inside.
#[derive(Debug, Clone)]
pub struct Folder {
    /// As given, for messages and for the paths handed on.
    dir: PathBuf,
    /// Where it really is, links resolved.
    real: PathBuf,
}

impl Folder {
    pub fn open(dir: &Path) -> Result<Folder, Diagnostic> {
        let real = dir
            .canonicalize()
            .map_err(|e| Diagnostic::file(dir, format!("cannot open the folder: {e}")))?;
        Ok(Folder {
            dir: dir.to_path_buf(),
            real,
        })
    }

    /// A path written in one of the folder's files (`summary = "summary.md"`), as a path
    /// under the folder, or why it is refused: absolute, or leading outside (by `..` or by a
    /// link). A path that does not exist is returned as it is, for the caller's message.
    pub fn inside(&self, name: &str) -> Result<PathBuf, String> {
        let written = Path::new(name);
        if name.is_empty() {
            return Err("is empty; name a file in the assessment folder".to_string());
        }
        if written.is_absolute() || name.starts_with('~') {
            return Err(format!(
                "`{name}` is not in the assessment folder: name a file inside it, relative to assessment.toml"
            ));
        }
        let path = self.dir.join(written);
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.real) => Ok(path),
            Ok(_) => Err(format!(
                "`{name}` leads outside the assessment folder; only files inside it are read"
            )),
            // missing: say so where it is used; a path that climbs out is refused even then
            Err(_)
                if written
                    .components()
                    .any(|c| c == std::path::Component::ParentDir) =>
            {
                Err(format!(
                    "`{name}` leads outside the assessment folder; only files inside it are read"
                ))
            }
            Err(_) => Ok(path),
        }
    }

    /// Whether a path found while walking the folder (maybe through a link) is really in it.
    pub fn holds(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| real.starts_with(&self.real))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/summary.md"), "x").unwrap();
        let folder = Folder::open(&dir.path().join("a")).unwrap();
        assert!(folder.inside("summary.md").is_ok());
        assert!(
            folder.inside("missing.md").is_ok(),
            "missing is said where used"
        );
        assert!(folder.inside("/etc/passwd").is_err());
        assert!(folder.inside("../a/summary.md").is_ok(), "still inside");
        assert!(folder.inside("../b/answers").is_err());
        assert!(folder.inside("../../../etc/passwd").is_err());
        assert!(folder.inside("").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", dir.path().join("a/key.md")).unwrap();
            assert!(folder.inside("key.md").is_err(), "a link out");
            assert!(!folder.holds(&dir.path().join("a/key.md")));
            assert!(folder.holds(&dir.path().join("a/summary.md")));
        }
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_not_read() {
        let error = read_to_string(Path::new("/dev/zero")).unwrap_err();
        assert!(error.message.contains("a device"), "{}", error.message);
        let error = read_to_string(Path::new("/tmp")).unwrap_err();
        assert!(error.message.contains("a folder"), "{}", error.message);
    }

    #[test]
    fn sizes_are_checked_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'a'; 2 * 1024 * 1024]).unwrap();
        let error = read_bytes(&path, 1024 * 1024).unwrap_err();
        assert!(
            error.message.contains("larger than 1 MB"),
            "{}",
            error.message
        );
        assert_eq!(
            read_bytes(&path, 4 * 1024 * 1024).unwrap().len(),
            2 * 1024 * 1024
        );
    }
}
