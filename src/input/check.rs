//! The checks that answer files, answer tables and imports share: which question an id
//! names, whether it is asked of a perspective, whether an answer fits its scale, the
//! languages, and "did you mean".

use std::ops::RangeInclusive;

use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::Answer;

/// The closest of `candidates` to a mistyped `word`, if it is close enough to be meant.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// What an answer key, a table column or a mapped item refers to.
#[derive(Clone, Copy)]
pub(crate) enum Question {
    /// An item, by its index in the questionnaire.
    Item(usize),
    Nps,
}

impl Question {
    /// The question `id` names: the NPS question or an item.
    pub(crate) fn find(questionnaire: &Questionnaire, id: &str) -> Option<Question> {
        if questionnaire.nps.as_ref().is_some_and(|n| n.id == id) {
            return Some(Question::Nps);
        }
        questionnaire.item_index(id).map(Question::Item)
    }

    /// The whole numbers that answer it: the scale, or 0–10 for the NPS question.
    #[inline]
    pub(crate) fn range(self, questionnaire: &Questionnaire) -> RangeInclusive<i64> {
        match self {
            Question::Item(_) => questionnaire.scale.min..=questionnaire.scale.max,
            Question::Nps => 0..=10,
        }
    }

    /// Whether the questionnaire asks it of `perspective` (has its wording for that side).
    #[inline]
    pub(crate) fn is_asked(self, questionnaire: &Questionnaire, perspective: Perspective) -> bool {
        match self {
            Question::Item(i) => questionnaire.items[i].is_asked(perspective),
            Question::Nps => questionnaire
                .nps
                .as_ref()
                .is_some_and(|n| n.is_asked(perspective)),
        }
    }

    /// The item a comment on it belongs to (`None`: the NPS question).
    pub(crate) fn item(self) -> Option<usize> {
        match self {
            Question::Item(i) => Some(i),
            Question::Nps => None,
        }
    }
}

/// The ids of every question: the items, then the NPS question.
pub(crate) fn question_ids(questionnaire: &Questionnaire) -> impl Iterator<Item = &str> {
    let items = questionnaire.items.iter().map(|i| i.id.as_str());
    items.chain(questionnaire.nps.as_ref().map(|n| n.id.as_str()))
}

/// The problem with a key that names no question, with the likely one or an example.
pub(crate) fn unknown_question(questionnaire: &Questionnaire, key: &str) -> String {
    let hint = did_you_mean(key, question_ids(questionnaire));
    let hint = if hint.is_empty() {
        format!(
            " (expected an item id of questionnaire `{}`, like `{}`)",
            questionnaire.id,
            questionnaire.items.first().map_or("", |i| i.id.as_str())
        )
    } else {
        hint
    };
    format!("unknown item id `{key}`{hint}")
}

/// Whether a text is "not applicable" on this questionnaire's scale (in any case).
#[inline]
pub(crate) fn is_not_applicable(questionnaire: &Questionnaire, text: &str) -> bool {
    questionnaire.scale.allow_na && text.eq_ignore_ascii_case("na")
}

/// An answer as written, before it is checked against the scale.
pub(crate) enum Raw<'a> {
    Integer(i64),
    /// A TOML string or a CSV cell that is not an integer.
    Text(&'a str),
    /// A TOML string that holds a number: `"4"` where `4` was meant.
    QuotedNumber(&'a str),
    Other(String),
}

impl<'a> Raw<'a> {
    /// A table cell: a whole number, or text.
    #[inline]
    pub(crate) fn cell(cell: &'a str) -> Raw<'a> {
        // nearly every cell is one digit
        match cell.as_bytes() {
            [digit @ b'0'..=b'9'] => Raw::Integer(i64::from(digit - b'0')),
            _ => match cell.parse::<i64>() {
                Ok(v) => Raw::Integer(v),
                Err(_) => Raw::Text(cell),
            },
        }
    }
}

/// Checks one answer (to the question `key`) against the scale (0–10 for the NPS question).
#[inline]
pub(crate) fn check_answer(
    questionnaire: &Questionnaire,
    key: &str,
    question: Question,
    raw: Raw,
) -> Result<Answer, String> {
    // the common case first, without building any message
    match raw {
        Raw::Integer(v) if question.range(questionnaire).contains(&v) => Ok(Answer::Value(v)),
        Raw::Text(t) if is_not_applicable(questionnaire, t) => Ok(Answer::NotApplicable),
        _ => Err(answer_problem(questionnaire, key, question, raw)),
    }
}

/// Why an answer does not fit (see [`check_answer`]).
#[cold]
fn answer_problem(
    questionnaire: &Questionnaire,
    key: &str,
    question: Question,
    raw: Raw,
) -> String {
    let range = question.range(questionnaire);
    let (min, max) = (range.start(), range.end());
    let na = if questionnaire.scale.allow_na {
        " or \"na\""
    } else {
        ""
    };
    let expected = format!("a whole number from {min} to {max}{na}");
    match raw {
        Raw::Text(t) if t.eq_ignore_ascii_case("na") => format!(
            "the answer to `{key}` is \"na\", but this questionnaire does not allow \"na\" (expected {expected})"
        ),
        Raw::Integer(v) => {
            let hint = match question {
                Question::Item(_) => other_scale_hint(*min, *max, v),
                _ => String::new(),
            };
            format!("the answer to `{key}` is {v}, outside the scale (expected {expected}{hint})")
        }
        Raw::QuotedNumber(t) => format!(
            "the answer to `{key}` is \"{t}\" in quotes; write the number without quotes: \"{key}\" = {t}"
        ),
        Raw::Text(t) => match t.replace(',', ".").parse::<f64>() {
            Ok(_) => {
                format!("the answer to `{key}` is {t}, not a whole number (expected {expected})")
            }
            Err(_) => format!(
                "the answer to `{key}` is \"{t}\", which is not a number (expected {expected})"
            ),
        },
        Raw::Other(found) => format!("the answer to `{key}` is {found} (expected {expected})"),
    }
}

/// What an answer just above a 5-point scale most likely means: answers given on 7 points,
/// which need the questionnaire on 7 points. Other numbers get no guess.
fn other_scale_hint(min: i64, max: i64, v: i64) -> String {
    if max - min + 1 == 5 && (max + 1..=max + 2).contains(&v) {
        "; were the answers given on 7 points? then the questionnaire must be on 7 points too: \
         create the assessment with `centricity init DIR --scale 7` (or name a questionnaire \
         on 7 points in `assessment.toml`)"
            .to_string()
    } else {
        String::new()
    }
}

/// A language must be one the questionnaire is written in.
pub(crate) fn check_language(questionnaire: &Questionnaire, language: &str) -> Result<(), String> {
    if questionnaire.languages.iter().any(|l| l == language) {
        Ok(())
    } else {
        Err(format!(
            "`language` is `{language}`, but the questionnaire has only {}",
            questionnaire.languages.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion() {
        let ids = ["reach.channels", "reach.hours"];
        assert_eq!(
            did_you_mean("reach.chanels", ids.into_iter()),
            " (did you mean `reach.channels`?)"
        );
        assert_eq!(did_you_mean("xyz", ids.into_iter()), "");
    }
}
