//! The answers of an export placed on the questionnaire's scale: texts by the scale's labels
//! (in every language of the questionnaire) or by the agreement anchors survey tools offer,
//! "don't know" texts as "na", tool codes for "not answered" as unanswered; numbers on the
//! scale as they are, numbers of a shifted scale by a `scale`. What cannot be placed is said,
//! never guessed.

use std::collections::BTreeMap;

use super::fields::Tool;
use super::words::fold;
use crate::model::questionnaire::Questionnaire;

/// Where an answer text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Placed {
    Value(i64),
    NotApplicable,
    /// Counted as not answered (`""` in the mapping).
    Unanswered,
}

/// Why an answer text was placed where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A label of the questionnaire's scale in this language.
    Label(String),
    /// A common agreement anchor of a scale with the questionnaire's number of points.
    Anchor,
    /// A "don't know" text.
    DontKnow,
    /// A "don't know" text, but the questionnaire allows no "na".
    DontKnowNoNa,
    /// The code this tool writes for a question not answered.
    ToolCode(&'static str),
    /// The code this tool writes for its "don't know" option.
    ToolDontKnow(&'static str),
    /// A number with a label after it (`5 - Stimme voll zu`), the number on the scale.
    Numbered,
}

/// One answer text of the export with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// As the export writes it (its first spelling, when it has several).
    pub text: String,
    pub placed: Placed,
    pub why: Why,
    /// How many answers give it.
    pub count: usize,
}

/// How the export's numbers sit on the questionnaire's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleNote {
    /// On it (or no numbers at all).
    Same,
    /// The questionnaire's scale shifted: `scale = [low, high]`.
    Shifted(i64, i64),
    /// Another number of points (at least this many): another questionnaire is needed.
    Points(i64),
}

/// The export's answers for the items, placed.
#[derive(Debug, Default)]
pub struct Values {
    /// In the order of their place (the scale, then "na", then unanswered), then by text.
    pub placed: Vec<Value>,
    /// Texts that could not be placed, with how many answers give each, most given first.
    pub unplaced: Vec<(String, usize)>,
    pub scale: Option<ScaleNote>,
}

/// Agreement scales survey tools offer, by their number of points: each point a list of the
/// ways to write it, already [`fold`]ed. Only a scale with the questionnaire's number of
/// points is used, so that answers are never squeezed onto another scale.
const ANCHORS: &[&[&[&str]]] = &[
    &[
        &[
            "stimme uberhaupt nicht zu",
            "stimme gar nicht zu",
            "trifft uberhaupt nicht zu",
            "trifft gar nicht zu",
            "strongly disagree",
            "not true at all",
            "not at all true",
        ],
        &[
            "stimme eher nicht zu",
            "stimme nicht zu",
            "trifft eher nicht zu",
            "disagree",
            "somewhat disagree",
            "mostly not true",
        ],
        &[
            "weder noch",
            "teils teils",
            "neutral",
            "stimme weder zu noch nicht zu",
            "neither agree nor disagree",
            "partly true",
        ],
        &[
            "stimme eher zu",
            "stimme zu",
            "trifft eher zu",
            "agree",
            "somewhat agree",
            "mostly true",
        ],
        &[
            "stimme voll und ganz zu",
            "stimme voll zu",
            "stimme vollig zu",
            "trifft voll und ganz zu",
            "trifft voll zu",
            "trifft vollig zu",
            "strongly agree",
            "completely true",
        ],
    ],
    &[
        &[
            "stimme uberhaupt nicht zu",
            "trifft uberhaupt nicht zu",
            "strongly disagree",
        ],
        &["stimme nicht zu", "trifft nicht zu", "disagree"],
        &[
            "stimme eher nicht zu",
            "trifft eher nicht zu",
            "somewhat disagree",
        ],
        &[
            "weder noch",
            "teils teils",
            "neutral",
            "neither agree nor disagree",
        ],
        &["stimme eher zu", "trifft eher zu", "somewhat agree"],
        &["stimme zu", "trifft zu", "agree"],
        &[
            "stimme voll und ganz zu",
            "trifft voll und ganz zu",
            "trifft voll zu",
            "strongly agree",
        ],
    ],
];

/// "Don't know" and its family, [`fold`]ed: answered, but not on the scale.
const DONT_KNOW: &[&str] = &[
    "weiss nicht",
    "weiss ich nicht",
    "kann ich nicht beurteilen",
    "nicht beurteilbar",
    "keine angabe",
    "k a",
    "nicht zutreffend",
    "dont know",
    "do not know",
    "not applicable",
    "n a",
    "na",
    "cannot say",
    "cant say",
];

/// The codes tools write for a question a respondent saw and left out: taken from any
/// export, as no scale has them.
const TOOL_CODES: &[(&str, &str)] = &[("-99", "Qualtrics"), ("-9", "SoSci Survey")];

/// The code SoSci Survey writes for its residual option "weiß nicht" / "don't know": taken
/// only from a SoSci export, since `-1` could be a point of another tool's scale.
const SOSCI_DONT_KNOW: &str = "-1";

/// The place of a tool's code (see [`TOOL_CODES`], [`SOSCI_DONT_KNOW`]), if `text` is one.
fn tool_code(text: &str, tool: Option<Tool>, q: &Questionnaire) -> Option<(Placed, Why)> {
    if let Some((_, name)) = TOOL_CODES.iter().find(|(code, _)| *code == text) {
        return Some((Placed::Unanswered, Why::ToolCode(name)));
    }
    (tool == Some(Tool::SoSci) && text == SOSCI_DONT_KNOW).then(|| match q.scale.allow_na {
        true => (Placed::NotApplicable, Why::ToolDontKnow(Tool::SoSci.name())),
        false => (Placed::Unanswered, Why::DontKnowNoNa),
    })
}

/// Where `text` goes on the questionnaire's scale, and why; `None` when it cannot be placed.
pub(super) fn place(text: &str, q: &Questionnaire, tool: Option<Tool>) -> Option<(Placed, Why)> {
    let trimmed = text.trim();
    if let Some(placed) = tool_code(trimmed, tool, q) {
        return Some(placed);
    }
    let folded = fold(trimmed);
    if DONT_KNOW.contains(&folded.as_str()) {
        return Some(match q.scale.allow_na {
            true => (Placed::NotApplicable, Why::DontKnow),
            false => (Placed::Unanswered, Why::DontKnowNoNa),
        });
    }
    let points = q.scale.max - q.scale.min + 1;
    for (language, labels) in &q.scale.labels {
        if labels.len() as i64 != points {
            continue;
        }
        if let Some(i) = labels.iter().position(|l| fold(l) == folded) {
            return Some((
                Placed::Value(q.scale.min + i as i64),
                Why::Label(language.clone()),
            ));
        }
    }
    for anchors in ANCHORS.iter().filter(|a| a.len() as i64 == points) {
        if let Some(i) = anchors
            .iter()
            .position(|ways| ways.contains(&folded.as_str()))
        {
            return Some((Placed::Value(q.scale.min + i as i64), Why::Anchor));
        }
    }
    // `5 - Stimme voll zu`: the number, when the label after it is that point too
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    let rest = trimmed[digits.len()..].trim_start_matches([' ', '-', '–', '=', ':', '.', ')']);
    if let (Ok(n), false) = (digits.parse::<i64>(), rest.is_empty()) {
        if let Some((Placed::Value(v), _)) = place(rest, q, tool) {
            if v == n {
                return Some((Placed::Value(n), Why::Numbered));
            }
        }
    }
    None
}

/// The answers of the columns `cells` (one list a column) placed: every distinct text once
/// (distinct as `import` tells them apart: case and spaces do not count), the numbers
/// checked against the scale.
pub(super) fn values(columns: &[Vec<&str>], q: &Questionnaire, tool: Option<Tool>) -> Values {
    // normalised text → (first spelling, count)
    let mut texts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut numbers: Vec<i64> = Vec::new();
    // each distinct cell once, in the export's order of first appearance
    let mut distinct: Vec<(&str, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for cell in columns.iter().flatten().map(|c| c.trim()) {
        if cell.is_empty() {
            continue;
        }
        let at = *seen.entry(cell).or_insert_with(|| {
            distinct.push((cell, 0));
            distinct.len() - 1
        });
        distinct[at].1 += 1;
    }
    for (cell, count) in distinct {
        if let Ok(n) = cell.parse::<i64>() {
            if tool_code(cell, tool, q).is_none() {
                numbers.extend(std::iter::repeat_n(n, count));
                continue;
            }
        }
        let entry = texts
            .entry(super::super::normalise(cell))
            .or_insert_with(|| (cell.to_string(), 0));
        entry.1 += count;
    }
    // answers on a scale of another number of points are never squeezed onto this one
    let other_points = other_points(texts.values().map(|(text, _)| text.as_str()), q);
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    for (text, count) in texts.into_values() {
        match place(&text, q, tool) {
            Some((Placed::Value(_), _)) if other_points.is_some() => unplaced.push((text, count)),
            Some((placed_at, why)) => placed.push(Value {
                text,
                placed: placed_at,
                why,
                count,
            }),
            None => unplaced.push((text, count)),
        }
    }
    placed.sort_by(|a, b| (a.placed, &a.text).cmp(&(b.placed, &b.text)));
    unplaced.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let scale = match other_points {
        Some(points) => Some(ScaleNote::Points(points)),
        None => scale_note(&numbers, &placed, &unplaced, q),
    };
    Values {
        placed,
        unplaced,
        scale,
    }
}

/// The number of points of an agreement scale other than the questionnaire's whose anchors
/// the texts give more different points of than the questionnaire has (a 7-point export of a
/// 5-point questionnaire), or every point of (the five anchors of a 5-point export, which a
/// 7-point scale also has, for a 7-point questionnaire), if any.
fn other_points<'t>(
    texts: impl Iterator<Item = &'t str> + Clone,
    q: &Questionnaire,
) -> Option<i64> {
    let points = q.scale.max - q.scale.min + 1;
    ANCHORS
        .iter()
        .filter(|anchors| anchors.len() as i64 != points)
        .find(|anchors| {
            let mut hit: Vec<usize> = texts
                .clone()
                .filter_map(|text| {
                    let folded = fold(text);
                    anchors
                        .iter()
                        .position(|ways| ways.contains(&folded.as_str()))
                })
                .collect();
            hit.sort_unstable();
            hit.dedup();
            hit.len() as i64 > points || hit.len() == anchors.len()
        })
        .map(|anchors| anchors.len() as i64)
}

/// Adds the answers of a column that `fits` does not take (once each, as `import` tells them
/// apart) to the texts that could not be placed.
pub(super) fn add_unplaced(values: &mut Values, cells: &[&str], fits: impl Fn(&str) -> bool) {
    for cell in cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty() && !fits(c))
    {
        let key = super::super::normalise(cell);
        match values
            .unplaced
            .iter_mut()
            .find(|(text, _)| super::super::normalise(text) == key)
        {
            Some((_, count)) => *count += 1,
            None => values.unplaced.push((cell.to_string(), 1)),
        }
    }
    values
        .unplaced
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

/// How the numbers (and the number of different texts) fit the questionnaire's scale.
fn scale_note(
    numbers: &[i64],
    placed: &[Value],
    unplaced: &[(String, usize)],
    q: &Questionnaire,
) -> Option<ScaleNote> {
    let (min, max) = (q.scale.min, q.scale.max);
    let points = max - min + 1;
    // texts on a scale: the different points placed, and those that could not be
    let mut on_scale: Vec<i64> = placed
        .iter()
        .filter_map(|v| match v.placed {
            Placed::Value(v) => Some(v),
            _ => None,
        })
        .collect();
    on_scale.sort_unstable();
    on_scale.dedup();
    let texts = (on_scale.len() + unplaced.len()) as i64;
    let (Some(&low), Some(&high)) = (numbers.iter().min(), numbers.iter().max()) else {
        return (texts > points && !unplaced.is_empty()).then_some(ScaleNote::Points(texts));
    };
    if low >= min && high <= max {
        return Some(ScaleNote::Same);
    }
    let span = high - low + 1;
    if span > points {
        return Some(ScaleNote::Points(span));
    }
    Some(if low < min {
        ScaleNote::Shifted(low, low + points - 1)
    } else {
        ScaleNote::Shifted(high - points + 1, high)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questionnaire() -> Questionnaire {
        crate::model::questionnaire::Questionnaire::load(
            "customer-centricity",
            std::path::Path::new("."),
        )
        .unwrap_or_else(|_| panic!("the built-in questionnaire loads"))
    }

    #[test]
    fn labels_anchors_and_dont_know_are_placed() {
        let q = questionnaire();
        let cases = [
            ("trifft voll zu", Placed::Value(5)),
            ("Mostly not true", Placed::Value(2)),
            ("Stimme überhaupt nicht zu", Placed::Value(1)),
            ("Weder noch", Placed::Value(3)),
            ("Stimme voll und ganz zu", Placed::Value(5)),
            ("Strongly agree", Placed::Value(5)),
            ("Teils, teils", Placed::Value(3)),
            ("Weiß nicht", Placed::NotApplicable),
            ("Weiss nicht", Placed::NotApplicable),
            ("Don't know", Placed::NotApplicable),
            ("k. A.", Placed::NotApplicable),
            ("-99", Placed::Unanswered),
            ("-9", Placed::Unanswered),
            ("5 - Stimme voll zu", Placed::Value(5)),
        ];
        for (text, expected) in cases {
            assert_eq!(place(text, &q, None).map(|p| p.0), Some(expected), "{text}");
        }
        assert_eq!(place("Sehr gut", &q, None), None);
        assert_eq!(
            place("4 - Stimme voll zu", &q, None),
            None,
            "number and label disagree"
        );
    }

    #[test]
    fn numbers_on_the_scale_need_nothing_shifted_ones_a_scale() {
        let q = questionnaire();
        let on = values(&[vec!["1", "5", "3", ""]], &q, None);
        assert_eq!(on.scale, Some(ScaleNote::Same));
        assert!(on.placed.is_empty() && on.unplaced.is_empty());
        let shifted = values(&[vec!["0", "4", "2"]], &q, None);
        assert_eq!(shifted.scale, Some(ScaleNote::Shifted(0, 4)));
        let seven = values(&[vec!["1", "7", "4"]], &q, None);
        assert_eq!(seven.scale, Some(ScaleNote::Points(7)));
        let texts = [
            "Strongly disagree",
            "Disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Agree",
            "Strongly agree",
        ];
        let seven_texts = values(&[texts.to_vec()], &q, None);
        assert_eq!(seven_texts.scale, Some(ScaleNote::Points(7)));
        assert!(seven_texts.placed.is_empty(), "never squeezed");
        assert_eq!(seven_texts.unplaced.len(), 7);
        let codes = values(&[vec!["-99", "3"]], &q, None);
        assert_eq!(codes.scale, Some(ScaleNote::Same));
        assert_eq!(codes.placed[0].why, Why::ToolCode("Qualtrics"));
        // -1 is SoSci's "don't know" only in a SoSci export; elsewhere it is a number
        let sosci = values(&[vec!["-1", "-9", "3"]], &q, Some(Tool::SoSci));
        assert_eq!(sosci.scale, Some(ScaleNote::Same));
        let placed: Vec<(&str, Placed)> = sosci
            .placed
            .iter()
            .map(|v| (v.text.as_str(), v.placed))
            .collect();
        assert_eq!(
            placed,
            [("-1", Placed::NotApplicable), ("-9", Placed::Unanswered)]
        );
        let other = values(&[vec!["-1", "3"]], &q, None);
        assert!(other.placed.is_empty());
        assert_ne!(other.scale, Some(ScaleNote::Same));
    }

    #[test]
    fn texts_not_placed_are_counted_never_guessed() {
        let q = questionnaire();
        let found = values(
            &[vec!["Sehr gut", "sehr gut", "Trifft voll zu", "Gut"]],
            &q,
            None,
        );
        assert_eq!(
            found.unplaced,
            vec![("Sehr gut".to_string(), 2), ("Gut".to_string(), 1)]
        );
        assert_eq!(found.placed.len(), 1);
        let mut nps = values(&[], &q, None);
        add_unplaced(
            &mut nps,
            &["10 - Extremely likely", "9", "10 - extremely likely"],
            |c| c.parse::<i64>().is_ok(),
        );
        assert_eq!(nps.unplaced, vec![("10 - Extremely likely".to_string(), 2)]);
    }
}
