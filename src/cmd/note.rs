use std::io::Write;

/// A note for the person at the terminal (warnings, what was written). A closed stderr is
/// not worth a failure.
pub fn note(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
