//! The report as PDF, printed by a locally installed Chromium or Chrome in headless mode:
//! the same engine the report is designed for, so the PDF looks as the page does.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::output::write::write_atomic;

/// Browsers that print PDFs headless, by the names their packages install.
const BROWSERS: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Where browsers live outside PATH on macOS and Windows.
const KNOWN_PLACES: [&str; 3] = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

/// How long printing may take before it counts as hung.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The browser to print with: `CENTRICITY_CHROMIUM`, else the first one found.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CENTRICITY_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in BROWSERS {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    KNOWN_PLACES.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// A `file://` URL for a path: everything but unreserved characters and `/` percent-encoded,
/// so that a folder called "Kunde #1" is not cut at the `#`.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// Prints a report to PDF, staged in a private folder beside `pdf` (which this does not
/// write): the PDF's bytes come back, so that the caller writes the HTML and the PDF
/// together or neither.
pub fn print_html(html: &str, pdf: &Path) -> Result<Vec<u8>, Problems> {
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
    print(&page, &printed)?;
    std::fs::read(&printed)
        .map_err(|e| Diagnostic::file(&printed, format!("cannot read the PDF: {e}")).into())
}

/// Prints `html` (a file) to the PDF `pdf`.
pub fn print(html: &Path, pdf: &Path) -> Result<(), Problems> {
    let browser = find_browser().ok_or_else(|| {
        Diagnostic::file(
            pdf,
            "no Chromium or Chrome was found to print the PDF: install one (Debian/Ubuntu: `apt-get install chromium`; macOS and Windows: Google Chrome), or set CENTRICITY_CHROMIUM to its path",
        )
    })?;
    let profile = tempfile::tempdir()
        .map_err(|e| Diagnostic::file(pdf, format!("cannot make a folder for the browser: {e}")))?;
    let html = html
        .canonicalize()
        .map_err(|e| Diagnostic::file(html, format!("cannot find the report: {e}")))?;
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Diagnostic::file(
                &browser,
                format!("cannot start the browser to print the PDF: {e}"),
            )
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                return Err(Diagnostic::file(
                    &browser,
                    "printing the PDF took over two minutes; stopped",
                )
                .into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                return Err(Diagnostic::file(&browser, format!("lost the browser: {e}")).into())
            }
        }
    };
    let printed = std::fs::read(pdf)
        .map(|b| b.starts_with(b"%PDF"))
        .unwrap_or(false);
    if !status.success() || !printed {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
        }
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(Diagnostic::file(
            &browser,
            format!("the browser did not print the PDF ({status}): {last}"),
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_urls_are_percent_encoded() {
        let url = super::file_url(std::path::Path::new("/tmp/Kunde #1/Bericht ä.html"));
        assert_eq!(url, "file:///tmp/Kunde%20%231/Bericht%20%C3%A4.html");
    }
}
