//! What kind of case a demo case is, and the checklist marks that tell its story: a clean candidate is
//! mostly `clear`/`na`; a suspicious one shows one coherent scheme (a laptop farm, an interview proxy…)
//! through several flagged red flags and the due-diligence checks that confirmed them.

use crate::catalog::{Catalog, ItemKind, Phase};
use crate::domain::{Assessment, HireStage, MarkState};

use super::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scenario {
    Clean,
    /// One or two weak signals that turn out to mean little (or stay unresolved).
    Borderline,
    Suspicious(&'static Scheme),
}

/// One way the scheme shows up in a case.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Scheme {
    /// Case tag, e.g. `laptop-farm`.
    pub tag: &'static str,
    /// Red flags with the note an investigator would write; the first two are the scheme's core.
    pub flags: &'static [(&'static str, &'static str)],
    /// Due-diligence checks that, once done, raised a concern.
    pub concerns: &'static [(&'static str, &'static str)],
    pub stages: &'static [HireStage],
    /// Percent of cases with a facilitator subject, and what that person did.
    pub facilitator: (u32, &'static str),
    /// Percent of cases that came through a staffing firm.
    pub vendor: u32,
}

use HireStage::{Applicant, Contractor, Employed, Onboarding, Terminated};

pub(crate) const SCHEMES: &[Scheme] = &[
    Scheme {
        tag: "laptop-farm",
        flags: &[
            ("RF-INT-01", "Camera off in two of three interviews; said the webcam was broken."),
            ("RF-LOC-01", "Asked for the laptop to go to a relative's address in another state."),
            ("RF-COM-01", "Mobile number is a VoIP line (carrier lookup)."),
            ("RF-LOC-02", "Ship-to address is a suite at a freight forwarder."),
            ("RF-LOC-04", "Laptop checks in from the facilitator's home, not the candidate's."),
            ("RF-TECH-02", "Remote access tool found at first check-in."),
            ("RF-TECH-03", "EDR reported a USB device identifying as an IP-KVM."),
            ("RF-LOC-07", "Logins arrive through a consumer VPN."),
        ],
        concerns: &[
            ("DD-LOC-01", "Ship-to address differs from the address on the ID."),
            ("DD-LOC-03", "Geolocation places the laptop at a third party's address."),
            ("DD-TECH-04", "Device hunt found tooling that has no business on the laptop."),
        ],
        stages: &[Onboarding, Employed, Contractor, Terminated],
        facilitator: (75, "Laptop host"),
        vendor: 10,
    },
    Scheme {
        tag: "interview-proxy",
        flags: &[
            ("RF-INT-06", "A different voice answered in the second interview."),
            ("RF-INT-04", "Lip movement lags the audio; face edges blur when turning."),
            ("RF-INT-01", "Kept the camera off after the first call."),
            ("RF-ID-03", "Headshot looks AI-generated."),
            ("RF-INT-05", "Could not name any neighbourhood of the claimed home town."),
            ("RF-INT-03", "Answers came after long pauses, apparently read from another screen."),
            ("RF-COM-04", "Insists on chat for all follow-ups."),
            ("RF-INT-07", "The person at stand-ups does not match the interview recording."),
        ],
        concerns: &[
            ("DD-INT-01", "Refused to hold the ID up to the camera."),
            ("DD-INT-02", "Location questions went unanswered."),
            ("DD-ID-04", "Declined every in-person meeting."),
        ],
        stages: &[Applicant, Applicant, Onboarding, Employed],
        facilitator: (40, "Interview proxy"),
        vendor: 15,
    },
    Scheme {
        tag: "payment-layering",
        flags: &[
            ("RF-PAY-08", "Asked for pay into an account in another person's name."),
            ("RF-PAY-06", "Changed bank details three times in two months."),
            ("RF-PAY-02", "Asked to be paid in a stablecoin."),
            ("RF-PAY-04", "Pay forwarded on through a payment app to a fintech account."),
            ("RF-PAY-05", "Same account also paid to another contractor."),
            ("RF-PAY-10", "Account opened and run by a 'friend'."),
            ("RF-PAY-01", "Repeated requests for advance pay; hostile when refused."),
        ],
        concerns: &[
            ("DD-PAY-01", "Bank letter could not be verified with the bank."),
            ("DD-PAY-02", "Account holder name does not match the ID."),
            ("DD-PAY-03", "Payroll cross-check found the account on another worker's file."),
        ],
        stages: &[Contractor, Employed, Terminated],
        facilitator: (30, "Account holder"),
        vendor: 20,
    },
    Scheme {
        tag: "front-company",
        flags: &[
            ("RF-VEND-02", "Firm registered four months ago; virtual-office address."),
            ("RF-VEND-04", "Vendor cannot show any background-check records."),
            ("RF-VEND-01", "Placed through an outsourcing firm."),
            ("RF-RES-06", "References unreachable; past employers' websites are new."),
            ("RF-VEND-03", "Keeps recommending 'former colleagues' for open roles."),
        ],
        concerns: &[
            ("DD-VEND-01", "Vendor did not document its checks."),
            ("DD-VEND-02", "Could not vet the individual the vendor supplied."),
        ],
        stages: &[Applicant, Contractor, Contractor, Employed],
        facilitator: (10, "Vendor contact"),
        vendor: 100,
    },
    Scheme {
        tag: "persona-farm",
        flags: &[
            ("RF-RES-01", "Resume matches two other applicants word for word."),
            ("RF-RES-02", "Employers differ between the resume and the job-site profile."),
            ("RF-COM-02", "Phone number also given by another applicant."),
            ("RF-RES-03", "An older profile shows a different face."),
            ("RF-RES-08", "Code-hosting account is new; commits back-dated three years."),
            ("RF-RES-09", "Same writing quirks as other applicants this quarter."),
            ("RF-COM-03", "Email follows the name+digits pattern seen across applicants."),
            ("RF-ID-02", "SSN belongs to a real person in another state."),
        ],
        concerns: &[
            ("DD-RES-03", "HR search found the duplicate resume."),
            ("DD-RES-01", "Past employer has no record of the candidate."),
            ("DD-COM-01", "Phone lookup returned a VoIP provider."),
        ],
        stages: &[Applicant, Applicant, Applicant, Onboarding],
        facilitator: (15, "Interview proxy"),
        vendor: 10,
    },
    Scheme {
        tag: "insider-after-hire",
        flags: &[
            ("RF-TECH-01", "RDP listening on 3389 on the company laptop."),
            ("RF-TECH-10", "Sessions lasting over 30 hours from one IP."),
            ("RF-LOC-06", "Same account logged in from three countries in one week."),
            ("RF-TECH-06", "Pushed company code to a personal repository."),
            ("RF-TECH-04", "Mouse-jiggler activity; output dropped."),
            ("RF-COM-07", "Unreachable during core hours."),
            ("RF-TECH-11", "Two concurrent sessions on one account."),
            ("RF-TECH-08", "Threatened to leak source code unless paid."),
        ],
        concerns: &[
            ("DD-TECH-03", "Monitoring shows bulk cloning of repositories."),
            ("DD-TECH-04", "Hunt found VPS exit nodes and port 3389 open."),
            ("DD-TECH-06", "Access revoked; incident opened."),
        ],
        stages: &[Employed, Employed, Terminated],
        facilitator: (20, "Laptop host"),
        vendor: 15,
    },
];

/// Weak signals for borderline cases.
const WEAK_SIGNALS: &[(&str, &str)] = &[
    ("RF-COM-04", "Prefers chat; joined video when asked."),
    ("RF-VEND-01", "Placed via a staffing firm."),
    ("RF-RES-05", "Degree abroad, US-only work history; plausible."),
    ("RF-INT-01", "Camera froze twice; blamed the connection."),
    ("RF-RES-02", "Job titles differ slightly between profiles."),
    ("RF-COM-01", "Phone is a VoIP number; says it is a work line."),
    ("RF-LOC-03", "Moved two weeks after the offer."),
    ("RF-COM-06", "First contact came from a self-styled recruiter."),
];

const CLEAR_NOTES: &[&str] = &[
    "Checked; nothing found.",
    "Looked for this; not seen.",
    "Nothing in the file suggests this.",
    "Reviewed; no concern.",
];
const DONE_NOTES: &[&str] = &["Done; no concern.", "Completed and documented.", "Done; results on file."];

impl Scenario {
    pub fn pick(rng: &mut Rng) -> Scenario {
        match rng.below(100) {
            0..55 => Scenario::Clean,
            55..75 => Scenario::Borderline,
            _ => Scenario::Suspicious(rng.pick(SCHEMES)),
        }
    }

    pub fn is_suspicious(self) -> bool {
        matches!(self, Scenario::Suspicious(_))
    }
}

/// Which hiring phases a case has reached, so its marks only touch items that could have come up.
pub(crate) fn reached(stage: HireStage, phase: Phase) -> bool {
    match stage {
        HireStage::Applicant => phase == Phase::PreHire,
        HireStage::Onboarding => phase != Phase::PostHire,
        _ => true,
    }
}

/// A case's marks while they are drawn: a state and note per catalog item, in catalog order.
pub(crate) struct MarkSheet {
    catalog: &'static Catalog,
    pub states: Vec<MarkState>,
    pub notes: Vec<&'static str>,
    stage: HireStage,
}

impl MarkSheet {
    pub fn new(catalog: &'static Catalog, stage: HireStage) -> MarkSheet {
        let n = catalog.items.len();
        MarkSheet { catalog, states: vec![MarkState::Open; n], notes: vec![""; n], stage }
    }

    fn index(&self, code: &str) -> Option<usize> {
        let item = self.catalog.item(code)?;
        let i = self.catalog.items.iter().position(|it| std::ptr::eq(it, item))?;
        reached(self.stage, item.phase).then_some(i)
    }

    /// Flags `code` if its phase was reached; returns whether it did.
    pub fn flag(&mut self, rng: &mut Rng, code: &str, note: &'static str) -> bool {
        match self.index(code) {
            Some(i) if self.states[i] == MarkState::Open => {
                self.states[i] = MarkState::Flagged;
                self.notes[i] = if rng.percent(85) { note } else { "" };
                true
            }
            _ => false,
        }
    }

    pub fn is_flagged(&self, code: &str) -> bool {
        self.catalog
            .items
            .iter()
            .zip(&self.states)
            .any(|(item, state)| item.code == code && *state == MarkState::Flagged)
    }

    pub fn touched(&self) -> usize {
        self.states.iter().filter(|s| **s != MarkState::Open).count()
    }

    /// Flags the scenario's red flags and concerns. `early` cases (just opened) show only the first
    /// signs: the scheme's core flags and at most one concern.
    pub fn tell(&mut self, rng: &mut Rng, scenario: Scenario, early: bool) {
        match scenario {
            Scenario::Clean => {
                if rng.percent(15) {
                    let (code, note) = rng.choose(&[WEAK_SIGNALS[1], WEAK_SIGNALS[2], WEAK_SIGNALS[0]]);
                    self.flag(rng, code, note);
                }
            }
            Scenario::Borderline => {
                let mut wanted = rng.range(1, 2);
                for _ in 0..20 {
                    let (code, note) = rng.pick(WEAK_SIGNALS);
                    if wanted > 0 && self.flag(rng, code, note) {
                        wanted -= 1;
                    }
                }
            }
            Scenario::Suspicious(scheme) => {
                let (least, more) = if early { (2, 25) } else { (3, 55) };
                let mut flagged = 0;
                for (k, (code, note)) in scheme.flags.iter().enumerate() {
                    let wanted = k < 2 || flagged < least || rng.percent(more);
                    if wanted && self.flag(rng, code, note) {
                        flagged += 1;
                    }
                }
                let mut concerns = 0;
                for (code, note) in scheme.concerns {
                    let wanted =
                        if early { concerns == 0 && rng.percent(50) } else { concerns == 0 || rng.percent(60) };
                    if wanted && self.flag(rng, code, note) {
                        concerns += 1;
                    }
                }
                if !early && rng.percent(20) {
                    let other = rng.pick(SCHEMES);
                    let (code, note) = rng.pick(other.flags);
                    self.flag(rng, code, note);
                }
            }
        }
    }

    /// Reviews other reachable items until `target` are touched: red flags not observed, checks done
    /// without concern, vendor items not applicable when no vendor is involved.
    pub fn review_rest(&mut self, rng: &mut Rng, target: usize, has_vendor: bool) {
        let mut open: Vec<usize> = (0..self.states.len())
            .filter(|&i| self.states[i] == MarkState::Open && reached(self.stage, self.catalog.items[i].phase))
            .collect();
        let wanted = target.saturating_sub(self.touched()).min(open.len());
        rng.choose_front(&mut open, wanted);
        for &i in &open[..wanted] {
            let item = &self.catalog.items[i];
            let vendor_item = item.category == crate::catalog::Category::Vendor;
            let (state, note) = if vendor_item && !has_vendor {
                (MarkState::Na, if rng.percent(50) { "No vendor involved." } else { "" })
            } else if rng.percent(10) {
                (MarkState::Na, if rng.percent(30) { "Not applicable to this engagement." } else { "" })
            } else {
                let notes = if item.kind == ItemKind::RedFlag { CLEAR_NOTES } else { DONE_NOTES };
                (MarkState::Clear, if rng.percent(12) { rng.choose(notes) } else { "" })
            };
            self.states[i] = state;
            self.notes[i] = note;
        }
    }

    /// Scored exactly as the workspace scores a case: every catalog item, unmarked ones `open`.
    pub fn assessment(&self) -> Assessment {
        let items: Vec<_> = self.catalog.items.iter().zip(&self.states).map(|(i, s)| i.scored(*s, false)).collect();
        Assessment::of(&items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn every_code_named_here_is_in_the_catalog() {
        let c = catalog::builtin();
        let named =
            SCHEMES.iter().flat_map(|s| s.flags.iter().chain(s.concerns)).chain(WEAK_SIGNALS).map(|(code, _)| *code);
        for code in named {
            let item = c.item(code).unwrap_or_else(|| panic!("{code} is not in the catalog"));
            let is_concern = SCHEMES.iter().any(|s| s.concerns.iter().any(|(c, _)| *c == code));
            assert_eq!(item.kind == ItemKind::DueDiligence, is_concern, "{code}");
        }
    }

    #[test]
    fn a_suspicious_sheet_flags_its_core_and_only_reached_phases() {
        let c = catalog::builtin();
        let mut rng = Rng::new(5);
        for scheme in SCHEMES {
            for stage in scheme.stages {
                let mut sheet = MarkSheet::new(c, *stage);
                sheet.tell(&mut rng, Scenario::Suspicious(scheme), false);
                sheet.review_rest(&mut rng, 30, false);
                let a = sheet.assessment();
                assert!(a.red_flags >= 2, "{} at {stage}: {a:?}", scheme.tag);
                for (item, state) in c.items.iter().zip(&sheet.states) {
                    if *state != MarkState::Open {
                        assert!(reached(*stage, item.phase), "{} marked at {stage}", item.code);
                    }
                }
            }
        }
    }
}
