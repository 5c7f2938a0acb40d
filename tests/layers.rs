//! The layers of ARCHITECTURE.md, enforced: each layer of `src/` uses only the layers
//! before it (model → input → analysis → output → commands), never one after it.

use std::path::{Path, PathBuf};

/// The layers in order; a file belongs to the first whose folder (or file) holds it.
const LAYERS: [(&str, &[&str]); 5] = [
    ("model", &["model"]),
    ("input", &["input"]),
    ("analysis", &["analysis"]),
    ("output", &["output"]),
    ("commands", &["cmd", "cli.rs", "main.rs", "lib.rs"]),
];

fn layer_of_file(relative: &Path) -> usize {
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    LAYERS
        .iter()
        .position(|(_, roots)| roots.contains(&first.as_str()))
        .unwrap_or_else(|| panic!("{} belongs to no layer", relative.display()))
}

fn layer_of_path(path: &str) -> Option<usize> {
    let first = path.split("::").next()?;
    match first {
        "cmd" | "cli" => Some(4),
        _ => LAYERS.iter().position(|(name, _)| *name == first),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::a::…` in a file's code and doc comments, with its line.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let path: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push((number + 1, path));
            rest = after;
        }
    }
    found
}

#[test]
fn no_layer_uses_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let mine = layer_of_file(relative);
        let text = std::fs::read_to_string(file).unwrap();
        for (line, path) in crate_paths(&text) {
            if let Some(theirs) = layer_of_path(&path) {
                if theirs > mine {
                    wrong.push(format!(
                        "{}:{line}: the {} layer uses crate::{path} ({})",
                        relative.display(),
                        LAYERS[mine].0,
                        LAYERS[theirs].0
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_wrong_direction() {
    let found = crate_paths("use crate::output::report;\n/// see [`crate::cmd::run`]\n");
    assert_eq!(found[0], (1, "output::report".to_string()));
    assert_eq!(layer_of_path(&found[1].1), Some(4));
    assert_eq!(layer_of_file(Path::new("model/respondent.rs")), 0);
}
