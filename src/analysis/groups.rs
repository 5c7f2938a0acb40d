//! Groups and anonymity: which groups may be shown, which are pooled, which cells stay
//! empty.

use crate::analysis::scores::{Group, GroupDimension, OTHER};
use crate::analysis::statistics::Moments;
use crate::analysis::tally::{GroupTally, Tally};
use crate::model::questionnaire::Perspective;

impl Tally<'_> {
    /// The groups of a perspective as they may be shown: see [`Group`].
    ///
    /// Suppressing a small group is not enough when the whole is shown beside it: the whole
    /// minus the shown groups would give the small group's numbers back. So while the rest
    /// (respondents not in a shown group) has fewer than `min_group_size` people but more
    /// than none, the smallest shown group is pooled too; and within each dimension, while the
    /// rest of a column is that small, the smallest shown cell is left empty.
    pub(super) fn groups(
        &self,
        p: Perspective,
        min_group_size: usize,
        to_score: impl Fn(f64) -> f64,
    ) -> Vec<Group> {
        let q = self.questionnaire;
        let tallies = self.groups.get(p);
        let mut shown: Vec<(&String, &GroupTally)> = tallies
            .iter()
            .filter(|(_, t)| t.n >= min_group_size)
            .collect();
        let total = *self.respondents.get(p);
        let too_small = |rest: usize| rest > 0 && rest < min_group_size;
        loop {
            let rest = total - shown.iter().map(|(_, t)| t.n).sum::<usize>();
            if !too_small(rest) || shown.is_empty() {
                break;
            }
            let smallest = (0..shown.len()).min_by_key(|&i| shown[i].1.n).unwrap_or(0);
            shown.remove(smallest);
        }
        let shown_names: std::collections::HashSet<&String> =
            shown.iter().map(|(name, _)| *name).collect();
        let pooled: Vec<&GroupTally> = tallies
            .iter()
            .filter(|(name, _)| !shown_names.contains(name))
            .map(|(_, t)| t)
            .collect();
        let mut pool = GroupTally {
            n: pooled.iter().map(|t| t.n).sum(),
            dimensions: vec![Moments::default(); q.dimensions.len()],
        };
        for tally in &pooled {
            for (into, m) in pool.dimensions.iter_mut().zip(&tally.dimensions) {
                into.merge(m);
            }
        }
        let mut rows: Vec<(String, &GroupTally, usize)> = shown
            .iter()
            .map(|(name, t)| (name.to_string(), *t, 0))
            .collect();
        if !pooled.is_empty() {
            rows.push((OTHER.to_string(), &pool, pooled.len()));
        }
        let mut groups: Vec<Group> = rows
            .iter()
            .map(|(name, tally, pooled)| {
                let visible = tally.n >= min_group_size;
                Group {
                    name: name.clone(),
                    n: visible.then_some(tally.n),
                    pooled: *pooled,
                    dimensions: q
                        .dimensions
                        .iter()
                        .zip(&tally.dimensions)
                        .map(|(dimension, m)| {
                            let cell = visible && m.n as usize >= min_group_size;
                            GroupDimension {
                                id: dimension.id.clone(),
                                n: cell.then_some(m.n as usize),
                                score: if cell { m.mean().map(&to_score) } else { None },
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        for d in 0..q.dimensions.len() {
            let column_total = self.dimensions[d].get(p).n as usize;
            loop {
                let shown_n: usize = groups.iter().filter_map(|g| g.dimensions[d].n).sum();
                let open: Vec<usize> = (0..groups.len())
                    .filter(|&g| groups[g].dimensions[d].n.is_some())
                    .collect();
                if !too_small(column_total - shown_n) || open.is_empty() {
                    break;
                }
                let smallest = open
                    .into_iter()
                    .min_by_key(|&g| groups[g].dimensions[d].n)
                    .unwrap_or(0);
                groups[smallest].dimensions[d].n = None;
                groups[smallest].dimensions[d].score = None;
            }
        }
        groups
    }
}
