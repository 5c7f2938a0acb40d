//! Writing files: completely or not at all, and only ever a regular file.

use std::io::Write;
use std::path::Path;

use crate::input::diagnostics::Diagnostic;

/// Writes a file completely or not at all: a temporary file beside it, then a rename, so a
/// failed run never leaves a half-written file and never destroys the previous one. Only a
/// new name or an existing regular file is written ([`check_target`]); the file is 0644.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    check_target(path)?;
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

/// Refuses an `output` that is one of the command's `inputs` (each with what to call it: "the
/// export"), is no place to write (see [`check_target`]), or exists while `force` is not
/// given (`exists` says why, and how to replace it).
pub fn check_new_output(
    output: &Path,
    inputs: &[(&Path, &str)],
    what: &str,
    force: bool,
    exists: &str,
) -> Result<(), Diagnostic> {
    let same = |input: &Path| match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if let Some((_, name)) = inputs.iter().find(|(input, _)| same(input)) {
        return Err(Diagnostic::file(
            output,
            format!("is {name} itself; write {what} to another file"),
        ));
    }
    check_target(output)?;
    if !force && std::fs::symlink_metadata(output).is_ok() {
        return Err(Diagnostic::file(
            output,
            format!("already exists; {exists}"),
        ));
    }
    Ok(())
}

/// The one rule for where an output may go: a name that does not exist yet, or a regular
/// file (which is replaced). Anything else is refused, for every user including root: a
/// folder, a device (`/dev/null`), a named pipe, a socket, and a symbolic link, which the
/// rename would replace rather than write through (so `/dev/stdout` is refused too: commands
/// that can print to the terminal do so without `-o`). Commands that read an existing output
/// before replacing it call this first, so that they never open a pipe or a device.
pub fn check_target(path: &Path) -> Result<(), Diagnostic> {
    let Ok(found) = std::fs::symlink_metadata(path) else {
        return Ok(()); // a new file (or one the write will name the problem of)
    };
    let kind = found.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "is a folder".to_string()
    } else if kind.is_symlink() {
        let to = std::fs::read_link(path)
            .map(|t| format!(" to `{}`", t.display()))
            .unwrap_or_default();
        format!("is a symbolic link{to}")
    } else {
        format!("is {}", special_kind(&kind))
    };
    Err(Diagnostic::file(
        path,
        format!(
            "{what}, not a regular file: centricity writes only regular files; give a new file name (to print to the terminal, leave out -o where the command allows it)"
        ),
    ))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "something else"
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
