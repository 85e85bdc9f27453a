//! The risk assessment of a case: a bounded score whose band says what was established, and how much of
//! the checklist was reviewed. The method is written out in the README with a worked example; keep the
//! two in step, and change [`METHOD`] when the method changes so stored scores are worked out again.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{MarkState, word_enum};

/// The version of the method below; the `score_method` setting records which one stored scores follow.
pub const METHOD: &str = "2";

word_enum!(RiskBand, "risk band", {
    Low => "low",
    Elevated => "elevated",
    High => "high",
    Critical => "critical",
});

impl RiskBand {
    /// The band a score lies in: 0-24 low, 25-49 elevated, 50-74 high, 75-100 critical. Scores are made
    /// so that this is the band of what was established (see [`Assessment::of`]).
    pub fn of(score: u32) -> RiskBand {
        match score {
            0..=24 => RiskBand::Low,
            25..=49 => RiskBand::Elevated,
            50..=74 => RiskBand::High,
            _ => RiskBand::Critical,
        }
    }

    /// The lowest score of the band.
    pub fn floor(self) -> u32 {
        match self {
            RiskBand::Low => 0,
            RiskBand::Elevated => 25,
            RiskBand::High => 50,
            RiskBand::Critical => 75,
        }
    }

    /// The highest score of the band.
    pub fn ceiling(self) -> u32 {
        match self {
            RiskBand::Critical => 100,
            band => band.floor() + 24,
        }
    }

    /// What a band means, as the README and the report annex word it.
    pub fn meaning(self) -> &'static str {
        match self {
            RiskBand::Low => "no moderate or strong fact established, and at most two weak ones",
            RiskBand::Elevated => "one moderate fact, or three or more weak ones",
            RiskBand::High => "one strong fact, or two or more moderate ones",
            RiskBand::Critical => "two or more strong facts, or one strong and two or more moderate ones",
        }
    }
}

/// Whether a catalog item is an observed indicator or a check the investigator performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    RedFlag,
    DueDiligence,
}

/// One checklist item of a case as the method sees it.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    pub code: &'a str,
    pub kind: ItemKind,
    /// 1 weak, 2 moderate, 3 strong, 0 never weighed (national origin, language, education abroad).
    pub weight: u8,
    /// The underlying fact the item states; items that restate one fact share it.
    pub fact: &'a str,
    pub state: MarkState,
    /// Whether evidence is linked to the item in this case.
    pub backed: bool,
}

/// One fact established: the flagged items that state it, counted once at the weight of the heaviest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact<'a> {
    pub key: &'a str,
    pub weight: u8,
    pub codes: Vec<&'a str>,
    /// Whether evidence is linked to at least one of those items.
    pub backed: bool,
}

/// The facts a case's flagged items establish, heaviest first, then by their first code. Items of weight
/// 0 establish nothing.
pub fn facts<'a>(items: &[Scored<'a>]) -> Vec<Fact<'a>> {
    let mut by_key: BTreeMap<&str, Fact<'a>> = BTreeMap::new();
    for i in items.iter().filter(|i| i.state == MarkState::Flagged && i.weight > 0) {
        let f = by_key.entry(i.fact).or_insert(Fact { key: i.fact, weight: 0, codes: Vec::new(), backed: false });
        f.weight = f.weight.max(i.weight);
        f.codes.push(i.code);
        f.backed |= i.backed;
    }
    let mut out: Vec<Fact<'a>> = by_key.into_values().collect();
    out.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.codes.cmp(&b.codes)));
    out
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// 0-100: the band's floor plus the weight of the distinct facts established, within the band.
    pub score: u32,
    pub band: RiskBand,
    /// Distinct facts established, by weight.
    pub strong: u32,
    pub moderate: u32,
    pub weak: u32,
    /// Facts with evidence linked to at least one of their items.
    pub backed: u32,
    /// Flagged items by kind (several may state one fact).
    pub red_flags: u32,
    pub concerns: u32,
    /// Flagged items that carry no weight.
    pub unweighted: u32,
    /// Items of weight 2 or 3 reviewed and found `clear`: counter-indicators.
    pub counter: u32,
    pub reviewed: u32,
    pub total: u32,
}

impl Assessment {
    /// Assesses a case from each item of its checklist (one entry per case item of its catalog).
    ///
    /// Flagged items are grouped by the fact they state; a fact counts once, at the weight of its
    /// heaviest flagged item. The band follows from the facts (see [`RiskBand::meaning`]); the score is the
    /// band's floor plus the sum of the facts' weights, capped at the band's ceiling.
    pub fn of(items: &[Scored<'_>]) -> Assessment {
        let mut a = Assessment {
            score: 0,
            band: RiskBand::Low,
            strong: 0,
            moderate: 0,
            weak: 0,
            backed: 0,
            red_flags: 0,
            concerns: 0,
            unweighted: 0,
            counter: 0,
            reviewed: 0,
            total: 0,
        };
        for i in items {
            a.total += 1;
            if i.state != MarkState::Open {
                a.reviewed += 1;
            }
            match i.state {
                MarkState::Flagged => {
                    match i.kind {
                        ItemKind::RedFlag => a.red_flags += 1,
                        ItemKind::DueDiligence => a.concerns += 1,
                    }
                    if i.weight == 0 {
                        a.unweighted += 1;
                    }
                }
                MarkState::Clear if i.weight >= 2 => a.counter += 1,
                _ => {}
            }
        }
        let mut points = 0;
        for f in facts(items) {
            match f.weight {
                3 => a.strong += 1,
                2 => a.moderate += 1,
                _ => a.weak += 1,
            }
            a.backed += u32::from(f.backed);
            points += u32::from(f.weight);
        }
        a.band = if a.strong >= 2 || (a.strong == 1 && a.moderate >= 2) {
            RiskBand::Critical
        } else if a.strong == 1 || a.moderate >= 2 {
            RiskBand::High
        } else if a.moderate == 1 || a.weak >= 3 {
            RiskBand::Elevated
        } else {
            RiskBand::Low
        };
        a.score = (a.band.floor() + points).min(a.band.ceiling());
        a
    }

    /// Distinct facts established.
    pub fn facts(&self) -> u32 {
        self.strong + self.moderate + self.weak
    }

    /// Share of items reviewed (not `open`), in whole percent: see [`coverage_percent`].
    pub fn coverage_percent(&self) -> u32 {
        coverage_percent(self.reviewed, self.total)
    }
}

/// Share of `total` items reviewed, in whole percent, rounded down so that 100 means every item, but at
/// least 1 when any was, so that 0 means none (one of 101 items reads 1%, not 0%).
pub fn coverage_percent(reviewed: u32, total: u32) -> u32 {
    let reviewed = reviewed.min(total);
    (reviewed * 100).checked_div(total).map_or(0, |p| if reviewed > 0 { p.max(1) } else { p })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ItemKind::{DueDiligence, RedFlag};
    use MarkState::{Clear, Flagged, Na, Open};

    #[test]
    fn coverage_is_0_only_for_none_and_100_only_for_all() {
        let cases = [(0, 101, 0), (1, 101, 1), (2, 101, 1), (51, 101, 50), (100, 101, 99), (101, 101, 100), (0, 0, 0)];
        for (reviewed, total, percent) in cases {
            assert_eq!(coverage_percent(reviewed, total), percent, "{reviewed} of {total}");
        }
    }

    fn item(code: &'static str, weight: u8, fact: &'static str, state: MarkState) -> Scored<'static> {
        Scored { code, kind: RedFlag, weight, fact, state, backed: false }
    }

    #[test]
    fn one_fact_stated_by_several_items_counts_once() {
        // A laptop sent to a forwarder, recorded as two red flags and a failed check.
        let forwarder = [
            item("RF-LOC-01", 2, "laptop-forwarded", Flagged),
            item("RF-LOC-02", 3, "laptop-forwarded", Flagged),
            Scored { kind: DueDiligence, ..item("DD-LOC-01", 2, "laptop-forwarded", Flagged) },
        ];
        let a = Assessment::of(&forwarder);
        assert_eq!((a.strong, a.moderate, a.weak), (1, 0, 0), "one strong fact");
        assert_eq!((a.band, a.score), (RiskBand::High, 53));
        assert_eq!((a.red_flags, a.concerns), (2, 1), "the items themselves are still counted");
        assert_eq!(facts(&forwarder)[0].codes, ["RF-LOC-01", "RF-LOC-02", "DD-LOC-01"]);
    }

    #[test]
    fn items_of_weight_zero_never_move_the_score() {
        let base = [item("RF-ID-01", 2, "RF-ID-01", Flagged)];
        let with_origin =
            [base[0], item("RF-ID-07", 0, "RF-ID-07", Flagged), item("RF-RES-05", 0, "RF-RES-05", Flagged)];
        let (a, b) = (Assessment::of(&base), Assessment::of(&with_origin));
        assert_eq!((a.score, a.band), (b.score, b.band));
        assert_eq!((b.unweighted, b.facts()), (2, 1));
        assert_eq!(Assessment::of(&with_origin[1..]).score, 0);
    }

    #[test]
    fn bands_follow_what_was_established() {
        let band = |weights: &[u8]| {
            let codes = ["A", "B", "C", "D", "E", "F"];
            let items: Vec<_> = weights.iter().zip(codes).map(|(w, c)| item(c, *w, c, Flagged)).collect();
            Assessment::of(&items).band
        };
        use RiskBand::*;
        assert_eq!(band(&[]), Low);
        assert_eq!(band(&[1, 1]), Low);
        assert_eq!(band(&[1, 1, 1]), Elevated);
        assert_eq!(band(&[2]), Elevated);
        assert_eq!(band(&[2, 2]), High);
        assert_eq!(band(&[3]), High);
        assert_eq!(band(&[3, 2, 2]), Critical);
        assert_eq!(band(&[3, 3]), Critical);
    }

    #[test]
    fn the_score_is_bounded_and_agrees_with_its_band() {
        let codes: Vec<String> = (0..100).map(|i| format!("C{i}")).collect();
        let many: Vec<_> = codes.iter().map(|c| Scored { code: c, fact: c, ..item("", 3, "", Flagged) }).collect();
        let a = Assessment::of(&many);
        assert_eq!((a.score, a.band), (100, RiskBand::Critical));
        for weights in [&[][..], &[1], &[1, 1, 1, 1], &[2], &[2, 1, 1], &[3], &[2, 2, 2], &[3, 3], &[3, 2, 2, 1]] {
            let items: Vec<_> = weights
                .iter()
                .zip(&codes)
                .map(|(w, c)| Scored { code: c, fact: c, ..item("", *w, "", Flagged) })
                .collect();
            let a = Assessment::of(&items);
            assert!(a.score <= 100);
            assert_eq!(RiskBand::of(a.score), a.band, "{weights:?} scored {}", a.score);
        }
    }

    #[test]
    fn clear_results_on_weighty_items_are_counter_indicators_and_evidence_is_counted_apart() {
        let items = [
            Scored { backed: true, ..item("RF-PAY-01", 3, "RF-PAY-01", Flagged) },
            item("RF-COM-01", 2, "RF-COM-01", Flagged),
            item("RF-INT-01", 3, "RF-INT-01", Clear),
            item("RF-INT-02", 1, "RF-INT-02", Clear),
            item("RF-ID-03", 2, "RF-ID-03", Na),
            item("RF-ID-04", 2, "RF-ID-04", Open),
        ];
        let a = Assessment::of(&items);
        assert_eq!((a.counter, a.backed, a.facts()), (1, 1, 2));
        assert_eq!((a.reviewed, a.total, a.coverage_percent()), (5, 6, 83));
    }

    #[test]
    fn the_readme_worked_example() {
        let items = [
            item("RF-LOC-01", 2, "laptop-forwarded", Flagged),
            item("RF-LOC-02", 3, "laptop-forwarded", Flagged),
            Scored { kind: DueDiligence, ..item("DD-LOC-01", 3, "laptop-forwarded", Flagged) },
            item("RF-COM-01", 2, "virtual-phone", Flagged),
            item("RF-COM-04", 1, "RF-COM-04", Flagged),
            item("RF-ID-07", 0, "RF-ID-07", Flagged),
            item("RF-INT-01", 2, "RF-INT-01", Clear),
        ];
        let a = Assessment::of(&items);
        assert_eq!((a.strong, a.moderate, a.weak), (1, 1, 1));
        assert_eq!((a.band, a.score, a.counter, a.unweighted), (RiskBand::High, 56, 1, 1));
        let old_sum: u32 = items.iter().filter(|i| i.state == Flagged).map(|i| u32::from(i.weight)).sum();
        assert_eq!(old_sum + 1, 12, "the old method also weighed RF-ID-07 at 1");
    }

    #[test]
    fn untouched_case_is_low_with_no_coverage() {
        let a = Assessment::of(&[item("RF-ID-01", 3, "RF-ID-01", Open)]);
        assert_eq!((a.score, a.band, a.coverage_percent()), (0, RiskBand::Low, 0));
        assert_eq!(Assessment::of(&[]).coverage_percent(), 0);
    }
}
