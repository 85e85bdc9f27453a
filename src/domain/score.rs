//! The risk score and review coverage of a case. The method is written out in the README; keep the two
//! in step.

use serde::Serialize;

use super::{MarkState, word_enum};

word_enum!(RiskBand, "risk band", {
    Low => "low",
    Elevated => "elevated",
    High => "high",
    Critical => "critical",
});

impl RiskBand {
    /// Band thresholds on the score: 0-2 low, 3-5 elevated, 6-9 high, 10 and above critical.
    pub fn of(score: u32) -> RiskBand {
        match score {
            0..=2 => RiskBand::Low,
            3..=5 => RiskBand::Elevated,
            6..=9 => RiskBand::High,
            _ => RiskBand::Critical,
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

/// Where a case stands: the score from its flagged items and how much of the checklist was reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub score: u32,
    pub band: RiskBand,
    pub red_flags: u32,
    pub concerns: u32,
    pub reviewed: u32,
    pub total: u32,
}

impl Assessment {
    /// Scores `marks` (item kind, weight, state), one per catalog item of the case's catalog.
    pub fn of(marks: impl IntoIterator<Item = (ItemKind, u8, MarkState)>) -> Assessment {
        let mut a = Assessment { score: 0, band: RiskBand::Low, red_flags: 0, concerns: 0, reviewed: 0, total: 0 };
        for (kind, weight, state) in marks {
            a.total += 1;
            if state != MarkState::Open {
                a.reviewed += 1;
            }
            if state == MarkState::Flagged {
                a.score += u32::from(weight);
                match kind {
                    ItemKind::RedFlag => a.red_flags += 1,
                    ItemKind::DueDiligence => a.concerns += 1,
                }
            }
        }
        a.band = RiskBand::of(a.score);
        a
    }

    /// Share of items reviewed (not `open`), in whole percent, rounded down so 100 means every item.
    pub fn coverage_percent(&self) -> u32 {
        coverage_percent(self.reviewed, self.total)
    }
}

/// Share of `total` items reviewed, in whole percent, rounded down.
pub fn coverage_percent(reviewed: u32, total: u32) -> u32 {
    (reviewed.min(total) * 100).checked_div(total).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ItemKind::{DueDiligence, RedFlag};
    use MarkState::{Clear, Flagged, Na, Open};

    #[test]
    fn flagged_items_add_their_weight_and_set_the_band() {
        let a = Assessment::of([
            (RedFlag, 3, Flagged),
            (RedFlag, 2, Clear),
            (DueDiligence, 2, Flagged),
            (RedFlag, 1, Open),
            (DueDiligence, 1, Na),
        ]);
        assert_eq!((a.score, a.band, a.red_flags, a.concerns), (5, RiskBand::Elevated, 1, 1));
        assert_eq!((a.reviewed, a.total, a.coverage_percent()), (4, 5, 80));
    }

    #[test]
    fn band_edges() {
        let bands: Vec<_> = [0, 2, 3, 5, 6, 9, 10, 40].map(RiskBand::of).to_vec();
        use RiskBand::*;
        assert_eq!(bands, [Low, Low, Elevated, Elevated, High, High, Critical, Critical]);
    }

    #[test]
    fn untouched_case_is_low_with_no_coverage() {
        let a = Assessment::of([(RedFlag, 3, Open)]);
        assert_eq!((a.score, a.band, a.coverage_percent()), (0, RiskBand::Low, 0));
        assert_eq!(Assessment::of([]).coverage_percent(), 0);
    }
}
