//! The report as PDF, printed by a locally installed Chromium or Chrome in headless mode:
//! the same engine the report is designed for, so the PDF looks as the page does.
//!
//! A client's files are untrusted, so the copy the browser prints may load and run nothing
//! (see [`PRINT_POLICY`]), the browser keeps its sandbox unless this runs as root, and an
//! interrupted print (Ctrl-C, SIGTERM) stops the browser and removes the copy and the
//! browser's profile before the process ends.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::input::diagnostics::{Diagnostic, Problems};

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

/// The browser's switches: headless printing, and nothing running beside the page that is
/// not needed for it (no extensions, no background services, no new windows).
const SWITCHES: [&str; 13] = [
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--block-new-web-contents",
    "--no-service-autorun",
    "--no-pdf-header-footer",
];

/// What the printed copy may load: its own inline styles and `data:` images and fonts. No
/// script, nothing from the network, no other file (`file:` frames, images, fonts).
const PRINT_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">";

/// How long printing may take before it counts as hung.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// How much of what the browser writes to its standard error is kept for a message.
const STDERR_KEPT: usize = 8 * 1024;

const NO_BROWSER: &str = "no Chromium or Chrome was found to print the PDF: install one (Debian/Ubuntu: `apt-get install chromium`; macOS and Windows: Google Chrome), or set CENTRICITY_CHROMIUM to its path";

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

/// The page as the browser prints it: [`PRINT_POLICY`] before every element, so that it
/// covers all of them, and a byte order mark, so that the page is read as UTF-8 however far
/// down its own charset stands.
///
/// The policy goes right after the doctype (or at the very start when there is none): a
/// `<meta>` there makes the browser open `<html>` and `<head>` itself and put the policy
/// first in that head; the page's own `<html lang=…>` then only adds its attributes and its
/// `<head>` is the same head. So nothing of the page is parsed but its doctype, and no
/// element of it comes before the policy, whatever the template looks like.
fn with_print_policy(html: &str) -> String {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let blank = html.len() - html.trim_start().len();
    let rest = &html[blank..];
    let doctype = rest
        .get(..9)
        .filter(|start| start.eq_ignore_ascii_case("<!doctype"))
        .and_then(|_| rest.find('>'))
        .map_or(0, |end| blank + end + 1);
    format!(
        "\u{feff}{}{PRINT_POLICY}{}",
        &html[..doctype],
        &html[doctype..]
    )
}

/// Prints a report to PDF, staged in a private folder beside `pdf` (which this does not
/// write): the PDF's bytes come back, so that the caller writes the HTML and the PDF
/// together or neither. The staged copy carries [`PRINT_POLICY`]; `html` is not changed.
///
/// SIGINT and SIGTERM during the print stop the browser, remove the staged copy and the
/// browser's profile, and return an error (a second signal ends the process at once). One
/// print at a time, as the command line does.
pub fn print_html(html: &str, pdf: &Path) -> Result<Vec<u8>, Problems> {
    let browser = find_browser().ok_or_else(|| Diagnostic::file(pdf, NO_BROWSER))?;
    let signals = Signals::watch();
    let printed = stage_and_print(&browser, html, pdf, &signals);
    // The staged files are gone by now; a signal that came at the very end counts too.
    if signals.stop_watching() {
        return Err(interrupted(pdf));
    }
    printed
}

fn stage_and_print(
    browser: &Path,
    html: &str,
    pdf: &Path,
    signals: &Signals,
) -> Result<Vec<u8>, Problems> {
    let dir = pdf
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let cannot_stage = |e: std::io::Error| -> Problems {
        Diagnostic::file(pdf, format!("cannot write beside the PDF: {e}")).into()
    };
    let staging = tempfile::Builder::new()
        .prefix(".centricity-")
        .tempdir_in(dir)
        .map_err(cannot_stage)?;
    let folder = staging.path().canonicalize().map_err(cannot_stage)?;
    let page = folder.join("report.html");
    std::fs::write(&page, with_print_policy(html)).map_err(cannot_stage)?;
    print(browser, &page, &folder.join("report.pdf"), pdf, signals)
}

/// Prints the page `html` to the file `printed` and returns its bytes; problems name the
/// user's `pdf`, or the browser when it is the browser's.
fn print(
    browser: &Path,
    html: &Path,
    printed: &Path,
    pdf: &Path,
    signals: &Signals,
) -> Result<Vec<u8>, Problems> {
    let profile = tempfile::Builder::new()
        .prefix(".centricity-profile-")
        .tempdir()
        .map(Profile)
        .map_err(|e| Diagnostic::file(pdf, format!("cannot make a folder for the browser: {e}")))?;
    let mut command = Command::new(browser);
    command.args(SWITCHES);
    // Chromium refuses to run as root with its sandbox; anyone else keeps it.
    if runs_as_root() {
        command.arg("--no-sandbox");
    }
    command
        .arg(format!("--user-data-dir={}", profile.0.path().display()))
        .arg(format!("--print-to-pdf={}", printed.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // Its own process group: the browser and its helpers are stopped together, and a
    // Ctrl-C at the terminal reaches only this process, which then stops them.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(|e| {
        Diagnostic::file(
            browser,
            format!("cannot start the browser to print the PDF: {e}"),
        )
    })?;
    let stderr = Drain::start(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if signals.came() {
            stop(&mut child);
            return Err(interrupted(pdf));
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                stop(&mut child);
                return Err(Diagnostic::file(
                    browser,
                    "printing the PDF took over two minutes; stopped",
                )
                .into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                stop(&mut child);
                return Err(Diagnostic::file(browser, format!("lost the browser: {e}")).into());
            }
        }
    };
    match std::fs::read(printed) {
        Ok(bytes) if status.success() && bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => Err(Diagnostic::file(
            browser,
            format!(
                "the browser did not print the PDF ({status}): {}",
                stderr.last_line()
            ),
        )
        .into()),
    }
}

fn interrupted(pdf: &Path) -> Problems {
    Diagnostic::file(pdf, "printing the PDF was interrupted; stopped").into()
}

#[cfg(unix)]
fn runs_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn runs_as_root() -> bool {
    false
}

/// Stops the browser and its helpers and waits for it.
fn stop(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(group) = i32::try_from(child.id()) {
        // SAFETY: kill has no memory effects. The group is the browser's own (see
        // `process_group(0)`), and its id cannot be reused while the browser, not yet
        // waited for, still holds it.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The browser's profile, a fresh folder in the temp folder. Chromium also makes a folder
/// there for its single-instance socket, linked from the profile, and removes it only when it
/// ends normally; that one goes too when this is dropped.
struct Profile(tempfile::TempDir);

impl Drop for Profile {
    fn drop(&mut self) {
        let Ok(socket) = std::fs::read_link(self.0.path().join("SingletonSocket")) else {
            return;
        };
        // Only a folder beside the profile that holds nothing but the socket and its like.
        let Some(folder) = socket
            .parent()
            .filter(|f| f.parent() == self.0.path().parent())
        else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        let only_singletons = entries.into_iter().all(|entry| {
            entry.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("Singleton"))
        });
        if only_singletons {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

/// Set while no print runs, and once a signal came during one. SIGINT and SIGTERM end the
/// process as they always do while it is set; while it is clear, the first one only sets it.
static STOP: AtomicBool = AtomicBool::new(true);

/// Whether SIGINT and SIGTERM are caught (done once per process).
fn catch_signals() -> bool {
    static CAUGHT: OnceLock<bool> = OnceLock::new();
    *CAUGHT.get_or_init(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        [SIGINT, SIGTERM].into_iter().all(|signal| {
            // The default action goes first, so that it sees the flag as it was before
            // this signal.
            signal_hook::flag::register_conditional_default(signal, &STOP).is_ok()
                && signal_hook::flag::register(signal, &STOP).is_ok()
        })
    })
}

/// SIGINT and SIGTERM, caught while a print runs.
struct Signals {
    caught: bool,
}

impl Signals {
    fn watch() -> Signals {
        let caught = catch_signals();
        if caught {
            STOP.store(false, Ordering::SeqCst);
        }
        Signals { caught }
    }

    /// Whether a signal came.
    fn came(&self) -> bool {
        self.caught && STOP.load(Ordering::SeqCst)
    }

    /// Whether a signal came; from now on they end the process again.
    fn stop_watching(self) -> bool {
        self.caught && STOP.swap(true, Ordering::SeqCst)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        STOP.store(true, Ordering::SeqCst);
    }
}

/// The browser's standard error, read while it runs, so that a browser that writes a lot
/// never waits on a full pipe; the last few KB are kept for a message.
struct Drain {
    kept: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
}

impl Drain {
    fn start(pipe: Option<ChildStderr>) -> Drain {
        let kept = Arc::new(Mutex::new(Vec::new()));
        let reader = pipe.map(|mut pipe| {
            let kept = Arc::clone(&kept);
            std::thread::spawn(move || {
                let mut buffer = [0; 4096];
                loop {
                    match pipe.read(&mut buffer) {
                        Ok(0) => break,
                        Ok(n) => {
                            let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
                            kept.extend_from_slice(&buffer[..n]);
                            if kept.len() > 2 * STDERR_KEPT {
                                let cut = kept.len() - STDERR_KEPT;
                                kept.drain(..cut);
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
            })
        });
        Drain { kept, reader }
    }

    /// The last line the browser wrote, once it has finished writing (a helper that still
    /// holds the pipe is waited for a second at most: the reader is not joined).
    fn last_line(&self) -> String {
        let waited = Instant::now();
        while let Some(reader) = &self.reader {
            if reader.is_finished() || waited.elapsed() > Duration::from_secs(1) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&kept)
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .trim()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{with_print_policy, PRINT_POLICY};

    #[test]
    fn file_urls_are_percent_encoded() {
        let url = super::file_url(std::path::Path::new("/tmp/Kunde #1/Bericht ä.html"));
        assert_eq!(url, "file:///tmp/Kunde%20%231/Bericht%20%C3%A4.html");
    }

    #[test]
    fn the_policy_comes_before_every_element() {
        let shipped = "<!DOCTYPE html>\n\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">";
        assert_eq!(
            with_print_policy(shipped),
            format!("\u{feff}<!DOCTYPE html>{PRINT_POLICY}\n\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">")
        );
        for (page, before) in [
            ("<html><head><script>x()</script>", ""),
            ("<script>x()</script>", ""),
            ("", ""),
            ("<!-- <!doctype html> --><p>", ""),
            (
                "\u{feff}  <!doctype html SYSTEM \"about:legacy-compat\"><p>",
                "  <!doctype html SYSTEM \"about:legacy-compat\">",
            ),
            ("<!doctype html", ""),
            ("<!doc", ""),
            ("\n<!DocType html><head>", "\n<!DocType html>"),
        ] {
            let staged = with_print_policy(page);
            let page = page.strip_prefix('\u{feff}').unwrap_or(page);
            assert_eq!(
                staged,
                format!("\u{feff}{before}{PRINT_POLICY}{}", &page[before.len()..]),
                "{page:?}"
            );
        }
    }
}
