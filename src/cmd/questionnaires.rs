use std::path::Path;

use crate::input::builtin::BUILT_IN;
use crate::input::diagnostics::Problems;
use crate::model::questionnaire::Questionnaire;

pub fn run() -> Result<(), Problems> {
    let mut out = String::new();
    for (id, name, text) in BUILT_IN {
        let q = Questionnaire::parse(Path::new(name), text)?;
        out += &format!(
            "{id}  version {}  {} dimensions, {} items, languages {}\n    {}\n",
            q.version,
            q.dimensions.len(),
            q.items.len(),
            q.languages.join(", "),
            q.languages
                .iter()
                .map(|l| q.title.get(l))
                .collect::<Vec<_>>()
                .join(" / ")
        );
    }
    super::print(&out)
}
