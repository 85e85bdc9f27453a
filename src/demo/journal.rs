//! The investigator's journal for a demo case: an opening entry that fits how far hiring got, entries
//! about what the checklist shows (each tied to a flagged item, so the story and the marks agree), and
//! one on where the case went. Templates use `{placeholders}`.

use crate::domain::{CaseStatus, Disposition, HireStage};

use super::rng::Rng;
use super::scenario::Scenario;

/// The facts a journal entry can mention.
pub(crate) struct Story<'a> {
    pub first: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub city: &'a str,
    pub vendor: &'a str,
    pub ship_city: &'a str,
    pub other_name: &'a str,
    pub prior: &'a str,
    pub account_tail: &'a str,
    pub hired_on: &'a str,
}

/// What a case must show for an entry to be written about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Always,
    /// The candidate was not hired yet (interviews, references).
    PreHire,
    /// The candidate was hired (payroll, a laptop).
    Hired,
    /// This checklist item is flagged.
    Flagged(&'static str),
}

use When::{Always, Flagged, Hired, PreHire};

const PRE_HIRE_OPENINGS: &[&str] = &[
    "Opened after {source} flagged {name}'s application for the {role} role. Starting identity and reference checks.",
    "Routine pre-hire vetting for {name} ({role}). Claimed location: {city}.",
    "Case opened at the hiring manager's request: {first} is through to the final round for the {role} role.",
    "{source} asked for a second look at {name} before the offer goes out.",
];
const PRE_HIRE_SOURCES: &[&str] =
    &["the recruiter", "HR", "the hiring manager", "an automated duplicate-resume check", "a team lead"];

const ONBOARDING_OPENINGS: &[&str] = &[
    "Pre-start checks for {name}, who accepted the {role} offer on {hired_on}.",
    "{source} asked for identity and equipment checks before {first} starts as {role}.",
];
const ONBOARDING_SOURCES: &[&str] = &["IT onboarding", "HR", "the hiring manager", "payroll"];

const POST_HIRE_OPENINGS: &[&str] = &[
    "Periodic re-verification of {name}, working remotely as {role} since {hired_on}. Claimed location: {city}.",
    "Opened after {source} raised concerns about {name} ({role}, hired {hired_on}).",
    "Review of {name} requested by {source}; {first} has been the team's {role} since {hired_on}.",
];
const POST_HIRE_SOURCES: &[&str] = &["the SOC", "payroll", "IT asset management", "a team lead", "the hiring manager"];

const ROUTINE: &[(When, &str)] = &[
    (
        PreHire,
        "Called the number on the application; {first} answered and confirmed the interview slot. Nothing unusual.",
    ),
    (Always, "Reference check: the former manager at {prior} confirmed dates and role as on the resume."),
    (Always, "Background check returned; identity details consistent with the documents provided."),
    (PreHire, "Interview with the camera on throughout. {first} answered questions about {city} without hesitation."),
    (Hired, "Video check-in with {first}: camera on, same person as in the interview recording, knows {city} well."),
    (Always, "Compared the ID photo with the interview recording; same person."),
    (Hired, "Payroll setup reviewed: account name matches the ID; the bank confirmed the account by phone."),
    (Hired, "Laptop shipped to the address on the ID; signed for in person."),
];

const BORDERLINE: &[(When, &str)] = &[
    (
        Flagged("RF-COM-04"),
        "{first} prefers chat for most questions but joined video when asked; picture quality poor. Keeping an eye on it.",
    ),
    (Flagged("RF-VEND-01"), "Placed through {vendor}; asked the firm how it verified identity. Waiting for a reply."),
    (
        Flagged("RF-RES-02"),
        "Job titles differ between the resume and the professional profile; {first} put it down to a re-org at {prior}.",
    ),
    (
        Flagged("RF-COM-01"),
        "Phone number is a VoIP line. {first} says it is a work number; asked for a second contact number.",
    ),
    (
        Flagged("RF-INT-01"),
        "Camera froze twice in the interview; {first} blamed the connection. Asked for a short follow-up call.",
    ),
    (Flagged("RF-LOC-03"), "{first} moved two weeks after the offer; new address checks out against a utility bill."),
    (Always, "Reference at {prior} confirmed the dates but could not say much about the work itself."),
    (Always, "Background check clean. Nothing else so far; keeping the case open until the follow-up call."),
];

const SCHEMES: &[(When, &str)] = &[
    // Laptop farm.
    (
        Flagged("RF-LOC-01"),
        "{first} asked for the laptop to go to {ship_city} instead of the address on the ID: a relative would 'set it up'. Asked IT to hold the shipment.",
    ),
    (
        Flagged("RF-LOC-02"),
        "Carrier tracking shows the laptop delivered to a suite in {ship_city}; the address belongs to a freight-forwarding service.",
    ),
    (
        Flagged("RF-LOC-04"),
        "EDR check-ins come from a residential connection that does not match {city}; other corporate devices have been seen at the same address.",
    ),
    (
        Flagged("RF-TECH-03"),
        "IT found a USB device identifying as a KVM-over-IP unit attached to the laptop. Screenshots saved as evidence.",
    ),
    // Interview proxy.
    (
        Flagged("RF-INT-04"),
        "Interview recording: the face does not keep sync with the audio and the edges blur when {first} turns. Recording kept for comparison.",
    ),
    (
        Flagged("RF-INT-07"),
        "The person at the first stand-up sounded different from the interview and kept the camera off. Asked for a short on-camera call.",
    ),
    (
        Flagged("RF-INT-05"),
        "{first} could not name a single neighbourhood or landmark in {city} and changed the subject when asked.",
    ),
    (
        Flagged("RF-INT-06"),
        "Second interview: a different voice, and answers in a different style. Compared both recordings with the hiring manager.",
    ),
    // Payments.
    (
        Flagged("RF-PAY-08"),
        "Payroll received a request to move {first}'s pay to an account in the name of {other_name}.",
    ),
    (
        Flagged("RF-PAY-02"),
        "{first} asked to be paid in a stablecoin 'to avoid fees'. Told them policy is bank transfer to an account in their own name.",
    ),
    (Flagged("RF-PAY-05"), "Payroll cross-check: the account ending {account_tail} is also on another worker's file."),
    (
        Flagged("RF-PAY-06"),
        "Third change of bank details in two months; payroll has paused changes until identity is re-verified.",
    ),
    // Front company.
    (
        Flagged("RF-VEND-02"),
        "{vendor} was registered only months before placing {first}; its website lists no staff and a virtual-office address.",
    ),
    (Flagged("RF-VEND-04"), "Asked {vendor} for its background-check records on {first}; nothing after two reminders."),
    (
        Flagged("RF-VEND-03"),
        "{first} recommended two 'former colleagues' for open roles; both resumes share whole paragraphs with theirs.",
    ),
    // Persona farm.
    (
        Flagged("RF-RES-01"),
        "Duplicate-resume search: {first}'s resume matches two other applicants word for word, with different names and phone numbers.",
    ),
    (
        Flagged("RF-COM-02"),
        "The phone number on {first}'s application is also on another applicant's file under a different name.",
    ),
    (
        Flagged("RF-RES-08"),
        "The code-hosting profile was created last month but shows commits back-dated over three years.",
    ),
    (Flagged("RF-RES-03"), "Reverse image search found an older profile with a different face under the name {name}."),
    // Insider after hire.
    (Flagged("RF-TECH-01"), "SOC alert: RDP listening on 3389 on {first}'s laptop."),
    (
        Flagged("RF-TECH-10"),
        "Sessions lasting over 30 hours from one IP on {first}'s account; several accounts seen from the same address.",
    ),
    (
        Flagged("RF-TECH-06"),
        "DLP flagged a push of the main repository to a personal account. Access suspended pending review.",
    ),
    (Flagged("RF-LOC-06"), "Logins for {first}'s account from three countries in one week, none of them near {city}."),
    (
        Flagged("RF-TECH-08"),
        "{first} emailed demanding payment or the source code 'will be published'. Message preserved; legal informed.",
    ),
];

fn outcome(status: CaseStatus, disposition: Option<Disposition>, hired: bool) -> Option<&'static str> {
    Some(match (status, disposition, hired) {
        (CaseStatus::Escalated, ..) => {
            "Escalated to the insider-threat lead and legal with the timeline and evidence manifest."
        }
        (CaseStatus::Reported, _, false) => {
            "Filed an IC3 complaint using this case's summary; the application was rejected."
        }
        (CaseStatus::Reported, _, true) => {
            "Filed an IC3 complaint using this case's summary; access revoked and the laptop requested back."
        }
        (_, Some(Disposition::Cleared), _) => "Closed: checks complete, nothing of concern. Cleared.",
        (_, Some(Disposition::Confirmed), false) => {
            "Closed: false identity confirmed. Application rejected; details passed to the recruiting platform."
        }
        (_, Some(Disposition::Confirmed), true) => {
            "Closed: false identity confirmed. Access revoked, equipment recovery under way, payroll stopped."
        }
        (_, Some(Disposition::Inconclusive), false) => {
            "Closed as inconclusive: {first} withdrew before the on-camera identity check."
        }
        (_, Some(Disposition::Inconclusive), true) => {
            "Closed as inconclusive: {first} resigned before the identity re-check could be done."
        }
        _ => return None,
    })
}

/// Where a case is, as far as its journal is concerned.
pub(crate) struct Outline {
    pub scenario: Scenario,
    pub stage: HireStage,
    pub status: CaseStatus,
    pub disposition: Option<Disposition>,
}

/// `count` journal entries (at least one), oldest first.
pub(crate) fn entries(
    rng: &mut Rng,
    case: &Outline,
    flagged: &dyn Fn(&str) -> bool,
    story: &Story<'_>,
    count: usize,
) -> Vec<String> {
    let Outline { scenario, stage, status, disposition } = *case;
    let hired = !matches!(stage, HireStage::Applicant | HireStage::Onboarding);
    let (openings, sources) = match stage {
        HireStage::Applicant => (PRE_HIRE_OPENINGS, PRE_HIRE_SOURCES),
        HireStage::Onboarding => (ONBOARDING_OPENINGS, ONBOARDING_SOURCES),
        _ => (POST_HIRE_OPENINGS, POST_HIRE_SOURCES),
    };
    let source = rng.choose(sources);
    let applies = |when: When| match when {
        Always => true,
        PreHire => !hired,
        Hired => hired,
        Flagged(code) => flagged(code),
    };
    let middle = match scenario {
        Scenario::Clean => ROUTINE,
        Scenario::Borderline => BORDERLINE,
        Scenario::Suspicious(_) => SCHEMES,
    };
    let last = outcome(status, disposition, hired);
    let room = count.saturating_sub(1 + usize::from(last.is_some()));
    let mut pool: Vec<&str> = middle.iter().filter(|(when, _)| applies(*when)).map(|e| e.1).collect();
    rng.choose_front(&mut pool, room);
    if pool.len() < room {
        // Few flags to write about: the routine checks fill the rest.
        let mut routine: Vec<&str> = ROUTINE.iter().filter(|(when, _)| applies(*when)).map(|e| e.1).collect();
        rng.choose_front(&mut routine, room - pool.len());
        pool.extend(routine.into_iter().filter(|t| !middle.iter().any(|m| m.1 == *t)));
    }
    let mut templates = vec![rng.choose(openings)];
    templates.extend(pool.iter().take(room));
    if templates.len() < count {
        templates.extend(last);
    }
    templates.iter().map(|t| expand(t, story, source)).collect()
}

fn expand(template: &str, s: &Story<'_>, source: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        out.push_str(match &after[..close] {
            "first" => s.first,
            "name" => s.name,
            "role" => s.role,
            "city" => s.city,
            "vendor" => s.vendor,
            "ship_city" => s.ship_city,
            "other_name" => s.other_name,
            "prior" => s.prior,
            "account_tail" => s.account_tail,
            "hired_on" => s.hired_on,
            "source" => source,
            other => other,
        });
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    // An entry that starts with a placeholder ("the recruiter asked…") starts with a capital.
    match out.chars().next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(out.chars().skip(1)).collect(),
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    fn story() -> Story<'static> {
        Story {
            first: "Ann",
            name: "Ann Lee",
            role: "DevOps engineer",
            city: "Tucson",
            vendor: "Bluepeak Talent Partners LLC",
            ship_city: "Doral",
            other_name: "Bo Ray",
            prior: "Sable Cloud Co",
            account_tail: "1234",
            hired_on: "2025-01-02",
        }
    }

    #[test]
    fn every_template_expands_fully_and_names_real_codes() {
        let keyed = ROUTINE.iter().chain(BORDERLINE).chain(SCHEMES);
        for (when, _) in keyed.clone() {
            if let Flagged(code) = when {
                assert!(catalog::builtin().item(code).is_some(), "{code}");
            }
        }
        let all = PRE_HIRE_OPENINGS
            .iter()
            .chain(ONBOARDING_OPENINGS)
            .chain(POST_HIRE_OPENINGS)
            .copied()
            .chain(keyed.map(|e| e.1));
        for t in all {
            let text = expand(t, &story(), "the recruiter");
            assert!(!text.contains('{') && !text.contains('}'), "{text}");
            assert!(text.starts_with(|c: char| c.is_uppercase()), "{text}");
        }
    }

    #[test]
    fn entries_open_the_case_follow_the_flags_and_end_with_the_outcome() {
        let mut rng = Rng::new(9);
        let none = |_: &str| false;
        let closed = Outline {
            scenario: Scenario::Clean,
            stage: HireStage::Employed,
            status: CaseStatus::Closed,
            disposition: Some(Disposition::Cleared),
        };
        let e = entries(&mut rng, &closed, &none, &story(), 4);
        assert_eq!(e.len(), 4);
        assert!(e[0].contains("since 2025-01-02") || e[0].contains("hired 2025-01-02"), "{}", e[0]);
        assert!(e[3].starts_with("Closed"));
        let farm = crate::demo::scenario::SCHEMES.iter().find(|s| s.tag == "laptop-farm").expect("scheme");
        let only_kvm = |code: &str| code == "RF-TECH-03";
        let working = Outline {
            scenario: Scenario::Suspicious(farm),
            stage: HireStage::Employed,
            status: CaseStatus::Investigating,
            disposition: None,
        };
        let e = entries(&mut rng, &working, &only_kvm, &story(), 2);
        assert!(e[1].contains("KVM"), "{e:?}");
    }
}
