//! Tallies of parts of a table, made on other threads, added to the whole in file order.
//!
//! A part is an [`Analyser`] that started empty; merging adds its counts and combines its
//! running moments with Chan, Golub & LeVeque's formula. Floating-point addition is not
//! associative, so the parts are always cut at the same places (by bytes, never by the
//! number of threads) and merged in the same order: the result is the same, bit for bit,
//! however many threads read the table.

use crate::analysis::tally::Tally;
use crate::analysis::Analyser;
use crate::input::answers::Sink;
use crate::model::respondent::Respondent;

impl<'a> Sink for Analyser<'a> {
    type Part = Analyser<'a>;

    fn add(&mut self, respondent: &Respondent) {
        Analyser::add(self, respondent);
    }

    fn part(&self) -> Option<Analyser<'a>> {
        Some(Analyser::new(self.assessment))
    }

    fn merge(&mut self, part: Analyser<'a>) {
        self.tally.merge(part.tally);
        self.comments.merge(part.comments);
        self.themes.merge(part.themes);
    }
}

impl Tally<'_> {
    /// Adds the tally of respondents read after all of this one's.
    pub(super) fn merge(&mut self, part: Tally<'_>) {
        self.respondents.self_view += part.respondents.self_view;
        self.respondents.customer += part.respondents.customer;
        for (mine, theirs) in self.items.iter_mut().zip(part.items) {
            for (mine, theirs) in [
                (&mut mine.self_view, theirs.self_view),
                (&mut mine.customer, theirs.customer),
            ] {
                if let (Some(mine), Some(theirs)) = (mine, theirs) {
                    add_counts(&mut mine.counts, &theirs.counts);
                    mine.na += theirs.na;
                    mine.missing += theirs.missing;
                }
            }
        }
        for (mine, theirs) in self.dimensions.iter_mut().zip(&part.dimensions) {
            mine.self_view.merge(&theirs.self_view);
            mine.customer.merge(&theirs.customer);
        }
        for (mine, theirs) in self.complete.iter_mut().zip(&part.complete) {
            for (mine, theirs) in [
                (&mut mine.self_view, &theirs.self_view),
                (&mut mine.customer, &theirs.customer),
            ] {
                add_counts(&mut mine.items, &theirs.items);
                mine.total.merge(&theirs.total);
            }
        }
        self.groups.self_view.merge(part.groups.self_view);
        self.groups.customer.merge(part.groups.customer);
        for (p, theirs) in [
            (&mut self.nps.self_view, &part.nps.self_view),
            (&mut self.nps.customer, &part.nps.customer),
        ] {
            add_counts(&mut p.counts, &theirs.counts);
        }
        self.drivers.merge(&part.drivers);
    }
}

fn add_counts(mine: &mut [u64], theirs: &[u64]) {
    for (m, t) in mine.iter_mut().zip(theirs) {
        *m += t;
    }
}
