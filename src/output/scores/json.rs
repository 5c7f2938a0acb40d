//! `score --format json`: the analysis's scores as they are (SPEC §5, schema
//! `centricity.scores/1`).

use super::Exporter;
use crate::analysis::Analysis;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;

pub struct Json;

impl Exporter for Json {
    fn export(&self, _: &Assessment, analysis: &Analysis) -> Result<Vec<u8>, Problems> {
        let mut json = serde_json::to_string_pretty(&analysis.scores)
            .map_err(|e| Diagnostic::file("<stdout>", format!("cannot write the scores: {e}")))?;
        json.push('\n');
        Ok(json.into_bytes())
    }
}
