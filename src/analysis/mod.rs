//! Analysis: the one pass over the respondents and everything computed from it. No
//! templates, no locale, no file system: respondents come in, one [`Analysis`] goes out, and
//! every output is made from it.

pub mod comments;
pub mod drivers;
pub mod gaps;
pub mod groups;
pub mod importance;
mod merge;
pub mod norms;
pub mod scores;
pub mod statistics;
pub mod tally;
pub mod themes;
pub mod trend;
pub mod words;

use std::collections::HashMap;

use crate::model::assessment::Assessment;
use crate::model::respondent::Respondent;
use comments::{CommentChooser, CommentKey, ShownComment};
use scores::Scores;
use tally::Tally;
use themes::ThemeCounter;
use trend::Trend;

/// What the outputs are made from: the scores, the comments a report shows, and the trend
/// against a baseline when there is one.
pub struct Analysis {
    pub scores: Scores,
    /// At most [`comments::COMMENTS_SHOWN`] per item (or NPS) and perspective.
    pub comments: Vec<ShownComment>,
    /// Per theme of the dictionary, up to two quotes per perspective (none where the
    /// theme's count is not shown).
    pub theme_quotes: Vec<scores::Both<Vec<String>>>,
    /// All comments per item (or NPS) and perspective, shown or not.
    pub comment_counts: HashMap<CommentKey, usize>,
    /// How many answer files were read.
    pub files: usize,
    /// This wave against the baseline's, with `report --baseline`.
    pub trend: Option<Trend>,
    /// Group names spelled almost alike (perspective, name, name): maybe one group.
    pub similar_groups: Vec<(crate::model::questionnaire::Perspective, String, String)>,
    /// Groups written in several ways, counted as one (perspective, shown, other spellings).
    pub merged_groups: Vec<(
        crate::model::questionnaire::Perspective,
        String,
        Vec<String>,
    )>,
}

/// Takes the respondents one at a time (see [`Tally`]) and the comments to show.
pub struct Analyser<'a> {
    assessment: &'a Assessment,
    tally: Tally<'a>,
    comments: CommentChooser,
    themes: ThemeCounter,
}

impl<'a> Analyser<'a> {
    pub fn new(assessment: &'a Assessment) -> Analyser<'a> {
        Analyser {
            assessment,
            tally: Tally::new(&assessment.questionnaire),
            comments: CommentChooser::default(),
            themes: ThemeCounter::new(
                &assessment.questionnaire,
                assessment.language,
                &assessment.themes,
            ),
        }
    }

    pub fn add(&mut self, respondent: &Respondent) {
        self.tally.add(respondent);
        self.comments.add(respondent);
        self.themes.add(respondent);
    }

    /// The analysis, for `files` answer files read.
    pub fn finish(self, files: usize) -> Analysis {
        let a = self.assessment;
        let mut scores = self.tally.finish(&a.client, &a.wave, a.min_group_size);
        let nps_asked = scores::Both::from_fn(|p| {
            scores
                .nps
                .as_ref()
                .and_then(|nps| nps.get(p).as_ref())
                .is_some_and(|nps| nps.n > 0)
        });
        let (themes, theme_quotes) = self.themes.finish(a.min_group_size, nps_asked);
        scores.themes = themes;
        scores.set_targets(&a.targets);
        let (comments, comment_counts) = self.comments.finish();
        let similar_groups = self.tally.similar_group_names();
        let merged_groups = self.tally.merged_group_spellings();
        Analysis {
            scores,
            comments,
            theme_quotes,
            comment_counts,
            files,
            trend: None,
            similar_groups,
            merged_groups,
        }
    }
}

impl Analysis {
    /// Compares this wave with an earlier one of the same questionnaire: the overall change
    /// is weighted by this questionnaire's dimension weights.
    pub fn compare_with(
        &mut self,
        assessment: &Assessment,
        baseline: &Assessment,
        analysis: &Analysis,
    ) {
        let weights: Vec<(String, f64)> = assessment
            .questionnaire
            .dimensions
            .iter()
            .map(|d| (d.id.clone(), d.weight))
            .collect();
        let mut trend = trend::trend(&self.scores, &analysis.scores, &weights, &baseline.wave);
        trend.progress = trend::progress(&trend, &assessment.targets);
        self.trend = Some(trend);
    }
}
