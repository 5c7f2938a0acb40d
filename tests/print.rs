//! `report --pdf` with a real Chromium and with fake ones: the printed copy loads and runs
//! nothing, a chatty browser cannot hang the print, and an interrupted print leaves no file.
#![cfg(unix)]

use std::io::Read;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/velo-muster");

/// The Chromium that centricity will find, as `src/output/pdf.rs::find_browser` looks for it.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CENTRICITY_CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| {
            [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ]
            .map(|name| dir.join(name))
        })
        .find(|p| p.is_file())
        .expect(
            "these tests print with a real Chromium and none was found: install it \
             (Debian/Ubuntu: `apt-get install chromium`; .ci/run installs it) or set \
             CENTRICITY_CHROMIUM to its path",
        )
}

/// The names in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A program that stands in for the browser.
fn fake_browser(path: &Path, script: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Waits for a child, at most `limit`; a child still running then is killed.
fn wait(child: &mut std::process::Child, limit: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn stderr_of(child: &mut std::process::Child) -> String {
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).unwrap();
    }
    stderr
}

/// Counts the connections to a local port until dropped; each one is closed at once.
struct Listener {
    port: u16,
    connections: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Listener {
    fn start() -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let thread = {
            let (connections, done) = (Arc::clone(&connections), Arc::clone(&done));
            let started = Instant::now();
            std::thread::spawn(move || {
                while !done.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(300) {
                    match listener.accept() {
                        Ok(_) => {
                            connections.fetch_add(1, Ordering::SeqCst);
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(10)),
                    }
                }
            })
        };
        Listener {
            port,
            connections,
            done,
            thread: Some(thread),
        }
    }

    /// The connections so far, after a moment for late ones.
    fn connections(mut self) -> usize {
        std::thread::sleep(Duration::from_millis(300));
        self.done.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
        self.connections.load(Ordering::SeqCst)
    }
}

#[test]
fn the_printed_copy_loads_and_runs_nothing() {
    let browser = chromium();
    let listener = Listener::start();
    let port = listener.port;
    let work = tempfile::tempdir().unwrap();
    let templates = work.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("report.html"),
        format!(
            r#"<!DOCTYPE html>
<html lang="{{{{ lang }}}}">
<head>
<meta charset="utf-8">
<title>{{{{ cover.client }}}}</title>
<script src="http://127.0.0.1:{port}/s.js"></script>
<link rel=stylesheet href="http://127.0.0.1:{port}/c.css">
</head>
<body>
<p>Printed for {{{{ cover.client }}}}</p>
<img src="http://127.0.0.1:{port}/i.png" width="40" height="40">
<iframe src="file:///etc/passwd" width="600" height="400"></iframe>
<script>fetch('http://127.0.0.1:{port}/f')</script>
</body>
</html>
"#
        ),
    )
    .unwrap();
    let (out, temp) = (work.path().join("out"), work.path().join("tmp"));
    std::fs::create_dir(&out).unwrap();
    std::fs::create_dir(&temp).unwrap();
    let (html, pdf) = (out.join("out.html"), out.join("out.pdf"));
    let mut run = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(["report", EXAMPLE, "--templates"])
        .arg(&templates)
        .arg("-o")
        .arg(&html)
        .arg("--pdf")
        .arg(&pdf)
        .env("CENTRICITY_CHROMIUM", &browser)
        .env("TMPDIR", &temp)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait(&mut run, Duration::from_secs(180));
    let stderr = stderr_of(&mut run);
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "printed with {}; stderr:\n{stderr}",
        browser.display()
    );
    let bytes = std::fs::read(&pdf).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert_eq!(
        listener.connections(),
        0,
        "the printed page reached the network"
    );
    // The report the user gets is the template's output as it was, without the policy.
    let written = std::fs::read_to_string(&html).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(!written.contains("Content-Security-Policy"));
    assert_eq!(names(&out), ["out.html", "out.pdf"], "staging left behind");
    assert!(names(&temp).is_empty(), "browser profile left behind");
    match Command::new("pdftotext").arg(&pdf).arg("-").output() {
        Ok(text) if text.status.success() => {
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(text.contains("Printed for Velo Muster AG"), "{text}");
            assert!(!text.contains("root:"), "a local file was printed:\n{text}");
        }
        _ => eprintln!("no pdftotext: the PDF's text was not checked"),
    }
}

/// Starts a print with a browser that only sleeps, sends `signal` to centricity once the
/// browser runs, and checks that centricity stops on its own and leaves nothing behind.
fn interrupt_print(signal: &str) {
    let work = tempfile::tempdir().unwrap();
    let (out, pdfs, temp) = (
        work.path().join("out"),
        work.path().join("pdf"),
        work.path().join("tmp"),
    );
    for dir in [&out, &pdfs, &temp] {
        std::fs::create_dir(dir).unwrap();
    }
    let started = work.path().join("browser-started");
    let browser = work.path().join("browser");
    // As Chromium does, it links its single-instance socket, in a folder of its own in the
    // temp folder, from the profile; that folder stays when the browser is killed.
    fake_browser(
        &browser,
        &format!(
            r#"for a; do case "$a" in --user-data-dir=*) profile="${{a#--user-data-dir=}}";; esac; done
socket="$TMPDIR/org.chromium.Chromium.fake"
mkdir "$socket" && touch "$socket/SingletonSocket" "$socket/SingletonCookie"
ln -s "$socket/SingletonSocket" "$profile/SingletonSocket"
touch '{}'
sleep 60"#,
            started.display()
        ),
    );
    let mut run = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(["report", EXAMPLE, "-o"])
        .arg(out.join("out.html"))
        .arg("--pdf")
        .arg(pdfs.join("out.pdf"))
        .env("CENTRICITY_CHROMIUM", &browser)
        .env("TMPDIR", &temp)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let waited = Instant::now();
    while !started.exists() {
        assert!(
            waited.elapsed() < Duration::from_secs(120),
            "the browser never started"
        );
        assert!(run.try_wait().unwrap().is_none(), "{}", stderr_of(&mut run));
        std::thread::sleep(Duration::from_millis(20));
    }
    // What there is to clean up: the staged copy beside the PDF and the browser's profile.
    assert_eq!(names(&pdfs).len(), 1, "no staging folder beside the PDF");
    assert!(names(&pdfs)[0].starts_with(".centricity-"));
    assert_eq!(names(&temp).len(), 2, "no profile in the temp folder");
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &run.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = wait(&mut run, Duration::from_secs(20)).expect("centricity stopped");
    let stderr = stderr_of(&mut run);
    // An exit code, not death by the signal: centricity caught it and cleaned up.
    assert_eq!(status.code(), Some(1), "{status}; stderr:\n{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(
        names(&pdfs).is_empty(),
        "left beside the PDF: {:?}",
        names(&pdfs)
    );
    assert!(
        names(&temp).is_empty(),
        "left in the temp folder: {:?}",
        names(&temp)
    );
    assert!(names(&out).is_empty(), "wrote {:?}", names(&out));
}

#[test]
fn an_interrupted_print_leaves_nothing_behind() {
    interrupt_print("INT");
}

#[test]
fn a_terminated_print_leaves_nothing_behind() {
    interrupt_print("TERM");
}

#[test]
fn a_browser_that_writes_a_lot_does_not_hang_the_print() {
    let work = tempfile::tempdir().unwrap();
    let browser = work.path().join("browser");
    // A megabyte on standard error, far more than a pipe holds, then a last word and failure.
    fake_browser(
        &browser,
        "i=0\nwhile [ $i -lt 16384 ]; do echo 'all work and no play makes Chromium a dull browser, all work and no play' >&2; i=$((i+1)); done\necho 'the last words' >&2\nexit 3",
    );
    let pdf = work.path().join("out.pdf");
    let started = Instant::now();
    let mut run = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(["report", EXAMPLE, "-o"])
        .arg(work.path().join("out.html"))
        .arg("--pdf")
        .arg(&pdf)
        .env("CENTRICITY_CHROMIUM", &browser)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait(&mut run, Duration::from_secs(60));
    let stderr = stderr_of(&mut run);
    assert!(
        status.is_some(),
        "still printing after {:?}",
        started.elapsed()
    );
    assert_eq!(status.unwrap().code(), Some(1), "{stderr}");
    assert!(stderr.contains("the last words"), "{stderr}");
    assert!(!pdf.exists());
}

// Linux: elsewhere a browser may stand in one of the places looked at outside PATH.
#[cfg(target_os = "linux")]
#[test]
fn a_missing_browser_is_named_with_the_users_pdf() {
    let work = tempfile::tempdir().unwrap();
    let empty = work.path().join("no-browsers-here");
    std::fs::create_dir(&empty).unwrap();
    let pdfs = work.path().join("pdf");
    std::fs::create_dir(&pdfs).unwrap();
    let pdf = pdfs.join("out.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_centricity"))
        .args(["report", EXAMPLE, "-o"])
        .arg(work.path().join("out.html"))
        .arg("--pdf")
        .arg(&pdf)
        .env_remove("CENTRICITY_CHROMIUM")
        .env("PATH", &empty)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_ne!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("no Chromium or Chrome"), "{stderr}");
    assert!(stderr.contains(&*pdf.to_string_lossy()), "{stderr}");
    assert!(!stderr.contains(".centricity-"), "{stderr}");
    assert!(
        names(&pdfs).is_empty(),
        "left beside the PDF: {:?}",
        names(&pdfs)
    );
}
