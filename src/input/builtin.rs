//! The questionnaires compiled into the binary.

/// The questionnaires compiled into the binary: (id, file name, TOML).
pub const BUILT_IN: &[(&str, &str, &str)] = &[(
    "customer-centricity",
    "questionnaires/customer-centricity.toml",
    include_str!("../../questionnaires/customer-centricity.toml"),
)];

/// The `[scale]` of the built-in questionnaire as it is written in its file.
const FIVE_POINTS: &str = r#"min = 1
max = 5
labels = { de = ["trifft gar nicht zu", "trifft eher nicht zu", "teils, teils", "trifft eher zu", "trifft voll zu"], en = ["not true at all", "mostly not true", "partly true", "mostly true", "completely true"] }
"#;

/// The same scale on seven points, worded as common 7-point agreement scales are.
const SEVEN_POINTS: &str = r#"min = 1
max = 7
labels = { de = ["trifft überhaupt nicht zu", "trifft nicht zu", "trifft eher nicht zu", "teils, teils", "trifft eher zu", "trifft zu", "trifft voll und ganz zu"], en = ["not true at all", "not true", "mostly not true", "partly true", "mostly true", "true", "completely true"] }
"#;

/// The text of the built-in questionnaire `id` on a 1–7 scale (its levels are on 0–100, so
/// they hold for any scale); `None` when `id` is no built-in questionnaire.
pub fn on_seven_points(id: &str) -> Option<String> {
    let (_, _, text) = BUILT_IN.iter().find(|(i, _, _)| *i == id)?;
    let at = text.find(FIVE_POINTS)?;
    Some(format!(
        "# `centricity init --scale 7`: the built-in questionnaire `{id}` on a 1–7 scale.\n{}{SEVEN_POINTS}{}",
        &text[..at],
        &text[at + FIVE_POINTS.len()..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::questionnaire::Questionnaire;

    #[test]
    fn every_built_in_questionnaire_has_a_seven_point_version() {
        for (id, file, _) in BUILT_IN {
            let text = on_seven_points(id).expect("the five-point scale block is found");
            let q = Questionnaire::parse(std::path::Path::new(file), &text)
                .unwrap_or_else(|_| panic!("{id} on seven points is no valid questionnaire"));
            assert_eq!((q.scale.min, q.scale.max), (1, 7));
            assert!(q.scale.labels.values().all(|l| l.len() == 7));
        }
    }
}
