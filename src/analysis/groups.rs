//! Groups and anonymity: which groups may be shown, which are pooled, which cells stay
//! empty.

use crate::analysis::scores::{Group, GroupDimension, OTHER};
use crate::analysis::statistics::Centred;
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
        let mut protect: Vec<String> = Vec::new();
        let total = *self.respondents.get(p);
        let too_small = |rest: usize| rest > 0 && rest < min_group_size;
        loop {
            let rest = total - shown.iter().map(|(_, t)| t.n).sum::<usize>();
            if !too_small(rest) || shown.is_empty() {
                break;
            }
            let smallest = (0..shown.len()).min_by_key(|&i| shown[i].1.n).unwrap_or(0);
            protect.push(shown.remove(smallest).1.name().to_string());
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
            dimensions: vec![Centred::new(q.scale.centre()); q.dimensions.len()],
            spellings: vec![(OTHER.to_string(), 1)],
        };
        let pooled_small = pooled.iter().filter(|t| t.n < min_group_size).count();
        protect.sort();
        for tally in &pooled {
            for (into, m) in pool.dimensions.iter_mut().zip(&tally.dimensions) {
                into.merge(m);
            }
        }
        let mut rows: Vec<(String, &GroupTally, usize)> = shown
            .iter()
            .map(|(_, t)| (t.name().to_string(), *t, 0))
            .collect();
        if !pooled.is_empty() {
            rows.push((OTHER.to_string(), &pool, pooled.len()));
        }
        let mut groups: Vec<Group> = rows
            .iter()
            .map(|(name, tally, pooled)| {
                let visible = tally.n >= min_group_size;
                let is_pool = *pooled > 0;
                Group {
                    name: name.clone(),
                    n: visible.then_some(tally.n),
                    pooled: *pooled,
                    pooled_small: if is_pool { pooled_small } else { 0 },
                    pooled_to_protect: if is_pool { protect.clone() } else { Vec::new() },
                    dimensions: q
                        .dimensions
                        .iter()
                        .zip(&tally.dimensions)
                        .map(|(dimension, m)| {
                            let m = m.moments();
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

    /// Pairs of group names (as shown) so alike that one may be the other mistyped:
    /// `Buchhaltung` and `Buchaltung`. Names that differ only in case, spacing or accents
    /// are one group already. Past [`MOST_GROUPS_COMPARED`] groups, nobody types them by hand.
    pub fn similar_group_names(&self) -> Vec<(Perspective, String, String)> {
        let mut similar = Vec::new();
        for p in Perspective::BOTH {
            let groups: Vec<(&String, &GroupTally)> = self.groups.get(p).iter().collect();
            if groups.len() > MOST_GROUPS_COMPARED {
                continue;
            }
            for (i, (a, ta)) in groups.iter().enumerate() {
                for (b, tb) in &groups[i + 1..] {
                    let shorter = a.chars().count().min(b.chars().count());
                    let allowed = match shorter {
                        0..=3 => 0,
                        4..=7 => 1,
                        _ => 2,
                    };
                    if allowed > 0 && strsim::damerau_levenshtein(a, b) <= allowed {
                        similar.push((p, ta.name().to_string(), tb.name().to_string()));
                    }
                }
            }
        }
        similar
    }
}

impl Tally<'_> {
    /// Groups written in more than one way and counted as one: (perspective, the name
    /// shown, the other spellings). The numbers are right; the source data is not tidy.
    pub fn merged_group_spellings(&self) -> Vec<(Perspective, String, Vec<String>)> {
        let mut merged = Vec::new();
        for p in Perspective::BOTH {
            for tally in self.groups.get(p).iter().map(|(_, t)| t) {
                if tally.spellings.len() > 1 {
                    let shown = tally.name().to_string();
                    let mut others: Vec<String> = tally
                        .spellings
                        .iter()
                        .map(|(s, _)| s.clone())
                        .filter(|s| *s != shown)
                        .collect();
                    others.sort();
                    merged.push((p, shown, others));
                }
            }
        }
        merged
    }
}

/// The most groups of a perspective compared for near spellings.
const MOST_GROUPS_COMPARED: usize = 2000;
