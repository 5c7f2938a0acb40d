use std::path::Path;

use crate::diagnostics::Problems;
use crate::questionnaire::{Questionnaire, BUILT_IN};

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
