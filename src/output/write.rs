//! Writing files: completely or not at all.

use std::io::Write;
use std::path::Path;

use crate::input::diagnostics::Diagnostic;

/// Writes a file completely or not at all: a temporary file beside it, then a rename, so a
/// failed run never leaves a half-written file and never destroys the previous one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| Diagnostic::file(path, format!("cannot write the file: {e}"));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Diagnostic::file(
            path,
            format!(
                "cannot write the file: the folder `{}` does not exist",
                dir.display()
            ),
        ));
    }
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    readable_by_others(temp.path()).map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A temporary file is private (0600); the written file, new or replacing another, is the
/// usual 0644 so colleagues on a shared drive can read the report, whatever the mode of the
/// file it replaces (a report never becomes executable, nor private by accident).
#[cfg(unix)]
fn readable_by_others(temp: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(temp, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> std::io::Result<()> {
    Ok(())
}
