//! The templates and the report's words: the shipped ones, compiled into the binary, with a
//! consultant's own folder over them.

use std::collections::BTreeMap;

use tera::{Context, Tera};

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::files::Folder;
use crate::model::language::Language;
use crate::output::locale::Locale;

/// The templates compiled into the binary, by file name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("themes.html", include_str!("../../templates/themes.html")),
    ("drivers.html", include_str!("../../templates/drivers.html")),
    (
        "fix-first.html",
        include_str!("../../templates/fix-first.html"),
    ),
    ("nps.html", include_str!("../../templates/nps.html")),
    ("norms.html", include_str!("../../templates/norms.html")),
    ("targets.html", include_str!("../../templates/targets.html")),
    (
        "targets_chart.html",
        include_str!("../../templates/targets_chart.html"),
    ),
    ("form.html", include_str!("../../templates/form.html")),
    ("form.js", include_str!("../../templates/form.js")),
];

/// The templates and the report's words: the shipped ones, where a consultant's folder
/// (`--templates DIR`) does not bring a file of the same name. As in Zola, the user's files
/// win and the built-ins fill the rest; a locale file there (`locale/de.toml`) changes just
/// the words it names.
pub struct Templates {
    /// Name → (where it came from, text).
    files: BTreeMap<String, (std::path::PathBuf, String)>,
}

impl Templates {
    pub fn built_in() -> Templates {
        let mut files = BTreeMap::new();
        for (name, text) in TEMPLATES {
            files.insert(
                name.to_string(),
                (
                    std::path::PathBuf::from(format!("templates/{name}")),
                    text.to_string(),
                ),
            );
        }
        Templates { files }
    }

    /// The built-ins with the files of `dir` over them.
    pub fn load(dir: Option<&std::path::Path>) -> Result<Templates, Problems> {
        let mut templates = Templates::built_in();
        let Some(dir) = dir else {
            return Ok(templates);
        };
        if !dir.is_dir() {
            return Err(Diagnostic::file(dir, "the templates folder does not exist").into());
        }
        let mut problems = Problems::default();
        let folder = Folder::open(dir)?;
        let mut walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                // templates are code: one that links out of its folder is refused, so a
                // folder received from someone cannot pull in a file from elsewhere
                Ok(e) if e.path_is_symlink() && !folder.holds(e.path()) => {
                    if e.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                    problems.push(Diagnostic::file(
                        e.path(),
                        "a link that leads outside the templates folder: templates are read only from inside it",
                    ));
                    continue;
                }
                Ok(e) if e.file_type().is_file() => e,
                Ok(_) => continue,
                Err(e) => {
                    problems.push(Diagnostic::file(
                        dir,
                        format!("cannot read the folder: {e}"),
                    ));
                    continue;
                }
            };
            let Ok(relative) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            // templates and words; a logo or a README kept beside them is none of our business
            let template = [".html", ".htm", ".css", ".js", ".svg", ".txt"]
                .iter()
                .any(|e| name.ends_with(e));
            let words = name.starts_with("locale/") && name.ends_with(".toml");
            if name.starts_with('.') || !(template || words) {
                continue;
            }
            match crate::input::files::read_to_string(entry.path()) {
                Ok(text) => {
                    templates
                        .files
                        .insert(name, (entry.path().to_path_buf(), text));
                }
                Err(e) => problems.push(e),
            }
        }
        // every words file, whichever language is rendered: a typo should not wait for the
        // other language's report
        for (name, (path, _)) in &templates.files {
            if let Some(code) = name
                .strip_prefix("locale/")
                .and_then(|n| n.strip_suffix(".toml"))
            {
                match Language::parse(code) {
                    None => problems.push(Diagnostic::file(
                        path,
                        format!("the report has no language `{code}` (it speaks de and en)"),
                    )),
                    Some(language) => {
                        if let Err(found) = templates.locale(language) {
                            problems.extend(found);
                        }
                    }
                }
            }
        }
        problems.into_result(templates)
    }

    /// Where a template came from: the consultant's file, or the shipped one.
    pub fn origin(&self, name: &str) -> std::path::PathBuf {
        self.files
            .get(name)
            .map_or_else(|| std::path::PathBuf::from(name), |(path, _)| path.clone())
    }

    /// A Tera instance with every template (locale files aside) and the `markdown` filter.
    pub fn tera(&self) -> Result<Tera, Problems> {
        let mut tera = Tera::default();
        let templates = self
            .files
            .iter()
            .filter(|(name, _)| !name.starts_with("locale/"))
            .map(|(name, (_, text))| (name.as_str(), text.as_str()));
        tera.add_raw_templates(templates).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message += &format!(": {cause}");
                source = cause.source();
            }
            // Tera names the template; point at the file it came from.
            let file = self
                .files
                .iter()
                .find(|(name, _)| message.contains(&format!("'{name}'")))
                .map_or_else(
                    || std::path::PathBuf::from("templates"),
                    |(_, (path, _))| path.clone(),
                );
            Diagnostic::file(file, format!("the template is broken: {message}"))
        })?;
        tera.register_filter("markdown", crate::output::markdown::filter);
        // Tera 1 always offers `get_env`: the environment has no place in a client's report,
        // and the same inputs must give the same bytes on any machine
        tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| {
            Err(tera::Error::msg("`get_env` is not available in templates: a report must not depend on the machine it is made on"))
        });
        Ok(tera)
    }

    /// The report's words in `language`, with a consultant's changes over the shipped ones.
    pub fn locale(&self, language: Language) -> Result<Locale, Problems> {
        let locale = Locale::built_in(language)?;
        let name = format!("locale/{language}.toml");
        if let Some((path, text)) = self.files.get(&name) {
            let source = crate::input::diagnostics::Source { path, text };
            let changes: BTreeMap<String, toml::Spanned<String>> = source.parse_toml(text)?;
            let mut problems = Problems::default();
            let mut strings = locale.strings;
            for (key, value) in changes {
                let span = value.span();
                match strings.get_mut(&key) {
                    Some(word) => *word = value.into_inner(),
                    None => problems.push(source.error(
                        span,
                        format!("`{key}` is not one of the report's words (see templates/locale/{language}.toml)"),
                    )),
                }
            }
            problems.into_result(())?;
            return Locale::new(language, strings, path);
        }
        Ok(locale)
    }
}

/// Renders one template, with the whole chain of a template error in the message.
pub(crate) fn render_template(
    tera: &Tera,
    name: &str,
    context: &Context,
) -> Result<String, Problems> {
    tera.render(name, context).map_err(|e| {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            message += &format!(": {cause}");
            source = cause.source();
        }
        Diagnostic::file(name, message).into()
    })
}

/// The compiled-in templates, with the `markdown` filter.
pub(crate) fn templates() -> Result<Tera, Problems> {
    Templates::built_in().tera()
}
