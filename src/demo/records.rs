//! Turns a planned case and its marks into the rows that are stored: the case itself, its subjects,
//! identifiers, payments, journal and marks, all agreeing with one another.

use chrono::{DateTime, Duration, Utc};

use crate::catalog::Catalog;
use crate::domain::identifier::Rules;
use crate::domain::{
    Case, CaseStatus, Disposition, HireStage, Identifier, IdentifierKind, Mark, MarkState, Note, Payment, Priority,
    Role, Subject,
};
use crate::time::rfc3339;

use super::generate::Plan;
use super::journal::{self, Story};
use super::people::{self, Person, Phone};
use super::rng::Rng;
use super::scenario::{MarkSheet, Scenario};

/// The contact and payment details a case records, made (or repeated from earlier cases) up front.
pub(crate) struct Details {
    pub phone: Phone,
    pub email: String,
    pub address: String,
    pub account: String,
    pub bank: &'static str,
    pub routing: String,
    /// Where the laptop was asked to go, and that place's city.
    pub ship_to: Option<(String, &'static str)>,
    pub facilitator_phone: Option<Phone>,
    pub vendor_email: Option<String>,
    pub repository: Option<String>,
    pub portfolio: Option<String>,
    pub handle: Option<String>,
    /// Whether the address on the ID must be recorded (it repeats another case's).
    pub keep_address: bool,
    pub keep_account: bool,
}

pub(crate) fn case_row(catalog: &Catalog, plan: &Plan, sheet: &MarkSheet, rng: &mut Rng) -> Case {
    let engagements: &[&str] = if plan.firm.is_some() {
        &["via staffing agency", "contract via vendor", "outsourced team"]
    } else {
        &["contract", "full-time, remote", "freelance", "6-month contract", "part-time, remote"]
    };
    let mut tags = vec!["demo".to_string()];
    match plan.scenario {
        Scenario::Suspicious(s) => tags.push(s.tag.to_string()),
        Scenario::Borderline => tags.push("watch".to_string()),
        Scenario::Clean => {}
    }
    let reported = plan.status == CaseStatus::Reported;
    if reported {
        tags.push("ic3".to_string());
    }
    let mut witnesses = String::new();
    if plan.scenario.is_suspicious() && plan.hired() && rng.percent(30) {
        witnesses = "IT help-desk lead who handled the laptop shipment (demo)".to_string();
    }
    let mut other_reports = String::new();
    if reported {
        other_reports = format!("IC3 complaint filed {} (demo)", plan.updated.format("%Y-%m-%d"));
    }
    let a = sheet.assessment();
    Case {
        id: 0,
        title: format!("DEMO · {} ({})", plan.role, rng.choose(engagements)),
        status: plan.status,
        priority: priority(rng, plan.scenario),
        disposition: plan.disposition,
        catalog_version: catalog.version.clone(),
        tags,
        witnesses,
        other_reports,
        risk_score: a.score,
        reviewed_items: a.reviewed,
        created_at: rfc3339(plan.created),
        updated_at: rfc3339(plan.updated),
        closed_at: (plan.status == CaseStatus::Closed).then(|| rfc3339(plan.updated)),
        archived: None,
    }
}

/// The candidate first, then the facilitator and the vendor's contact when there are any (the
/// positions [`Plan::facilitator_at`] and [`Plan::vendor_at`] name).
pub(crate) fn subjects(plan: &Plan, rng: &mut Rng) -> Vec<Subject> {
    let subject = |role, name: String| Subject::new(0, role, &name, &rfc3339(plan.created));
    let mut candidate = subject(Role::Candidate, plan.candidate.name());
    candidate.location = format!("{}, {}", plan.home.city, plan.home.state);
    candidate.position = plan.role.to_string();
    candidate.vendor = plan.firm.as_ref().map(|f| f.name.clone()).unwrap_or_default();
    candidate.hire_stage = Some(plan.stage);
    candidate.hired_on = plan.hired_on.map(date);
    if plan.scenario.is_suspicious() && rng.percent(40) {
        candidate.aliases.push(Person::random(rng).name());
    }
    let mut all = vec![candidate];
    if let Some((person, at, job)) = &plan.facilitator {
        let mut s = subject(Role::Facilitator, person.name());
        s.location = format!("{}, {}", at.city, at.state);
        s.position = job.to_string();
        all.push(s);
    }
    if let (Some(firm), Some(contact)) = (&plan.firm, &plan.vendor_contact) {
        let mut s = subject(Role::Vendor, contact.name());
        s.business = firm.name.clone();
        s.position = "Account manager".to_string();
        all.push(s);
    }
    all
}

/// Identifiers as they are added, each checked and normalized as the workspace would.
struct Identifiers<'a>(Vec<(Option<usize>, Identifier)>, &'a Rules);

impl Identifiers<'_> {
    fn add(&mut self, subject: usize, kind: IdentifierKind, raw: String, note: &str) {
        let Ok(checked) = kind.check_with(&raw, self.1) else {
            return;
        };
        self.0.push((
            Some(subject),
            Identifier {
                id: 0,
                case_id: 0,
                subject_id: None,
                kind,
                raw,
                normalized: checked.normalized,
                loose: checked.loose,
                warning: checked.warning,
                note: note.to_string(),
                created_at: String::new(),
                void: None,
            },
        ));
    }
}

/// Four to ten identifiers, the most telling first.
pub(crate) fn identifiers(
    plan: &Plan,
    sheet: &MarkSheet,
    d: &Details,
    payments: &[(Option<usize>, Payment)],
    rules: &Rules,
    rng: &mut Rng,
) -> Vec<(Option<usize>, Identifier)> {
    use IdentifierKind::{Address, BankAccount, DeviceSerial, Email, Handle, Ip, Phone, Url};
    let mut ids = Identifiers(Vec::new(), rules);
    let applied = "From the application";
    ids.add(0, Email, d.email.clone(), applied);
    let voip = sheet.is_flagged("RF-COM-01");
    let phone_note = if voip { "VoIP line per carrier lookup" } else { applied };
    ids.add(0, Phone, d.phone.styled(rng.below(4)), phone_note);
    if let Some((ship_to, _)) = &d.ship_to {
        let note = "Laptop ship-to address the candidate asked for";
        ids.add(0, Address, ship_to.clone(), note);
    }
    if d.keep_address || rng.percent(85) {
        ids.add(0, Address, d.address.clone(), "Address on the ID");
    }
    let paid_there = payments.iter().any(|(_, p)| p.account == d.account);
    if plan.stage != HireStage::Applicant && (d.keep_account || paid_there || rng.percent(50)) {
        ids.add(0, BankAccount, d.account.clone(), "Payroll account");
        ids.add(0, IdentifierKind::RoutingNumber, d.routing.clone(), d.bank);
    }
    if let (Some(p), Some(at)) = (d.facilitator_phone, plan.facilitator_at()) {
        ids.add(at, Phone, p.styled(rng.below(4)), "Given as an emergency contact");
    }
    if let (Some(e), Some(at)) = (&d.vendor_email, plan.vendor_at()) {
        ids.add(at, Email, e.clone(), "Vendor account manager");
    }
    let ip_notes: &[&str] = if plan.stage == HireStage::Applicant {
        &["Interview session", "Application portal", "Coding-test session"]
    } else {
        &["Seen at login", "VPN exit at login", "Onboarding call", "EDR check-in"]
    };
    for _ in 0..rng.range(1, 2) {
        ids.add(0, Ip, people::ip(rng), rng.choose(ip_notes));
    }
    if plan.stage != HireStage::Applicant && rng.percent(70) {
        ids.add(0, DeviceSerial, people::device_serial(rng), "Company laptop");
    }
    if let Some(url) = &d.repository {
        ids.add(0, Url, url.clone(), "Code-hosting profile on the resume");
    }
    if let Some(url) = &d.portfolio {
        ids.add(0, Url, url.clone(), "Portfolio site");
    }
    if let Some(handle) = &d.handle {
        ids.add(0, Handle, handle.clone(), "Messaging handle offered for 'quicker contact'");
    }
    ids.0.truncate(10);
    while ids.0.len() < 4 {
        ids.add(0, Ip, people::ip(rng), ip_notes[0]);
    }
    for (_, i) in &mut ids.0 {
        i.created_at = rfc3339(between(rng, plan.created, plan.updated));
    }
    ids.0
}

/// Pay since the hire date: invoices to the candidate's account, or as the flags say (a stablecoin,
/// an account in another name, the vendor's invoices).
pub(crate) fn payments(plan: &Plan, sheet: &MarkSheet, d: &Details, rng: &mut Rng) -> Vec<(Option<usize>, Payment)> {
    let Some(hired) = plan.hired_on.filter(|_| plan.hired()) else {
        return Vec::new();
    };
    let count = match plan.scenario {
        Scenario::Suspicious(s) if s.tag == "payment-layering" => rng.range(2, 3),
        _ => rng.range(0, 2),
    };
    let other = Person::random(rng).name();
    let mut all = Vec::new();
    for k in 0..count {
        let paid = between(rng, hired, plan.updated);
        let mut p = Payment {
            id: 0,
            case_id: 0,
            subject_id: None,
            paid_on: date(paid),
            amount_cents: i64::from(rng.range(2_500, 9_500)) * 100 + i64::from(rng.range(0, 3)) * 25,
            currency: "USD".into(),
            method: "ach".into(),
            recipient: plan.candidate.name(),
            bank: d.bank.to_string(),
            routing_number: d.routing.clone(),
            account: d.account.clone(),
            note: "Semi-monthly invoice".into(),
            created_at: rfc3339(between(rng, paid.max(plan.created), plan.updated)),
            ..Payment::default()
        };
        let mut to = Some(0);
        if sheet.is_flagged("RF-PAY-02") && k == 1 {
            p.method = "crypto".into();
            (p.bank, p.routing_number, p.account) = (String::new(), String::new(), String::new());
            p.note = "Paid in a stablecoin at the worker's insistence; wallet in the notes".into();
        } else if sheet.is_flagged("RF-PAY-08") && k > 0 {
            let (bank, routing) = people::bank(rng);
            (p.bank, p.routing_number) = (bank.to_string(), routing);
            p.account = people::account_number(rng);
            p.recipient = other.clone();
            p.method = "wire".into();
            p.note = "Sent to the new account the worker asked for".into();
        } else if let (Some(firm), Some(at)) = (&plan.firm, plan.vendor_at()) {
            p.recipient = firm.name.clone();
            p.method = "wire".into();
            p.note = format!("Invoice D-{} from the vendor", rng.digits(5));
            to = Some(at);
        }
        all.push((to, p));
    }
    all
}

/// The journal, from the opening entry to where the case went.
pub(crate) fn notes(plan: &Plan, sheet: &MarkSheet, d: &Details, author: &str, rng: &mut Rng) -> Vec<Note> {
    let count = match plan.status {
        CaseStatus::Open => rng.range(1, 2),
        CaseStatus::Closed | CaseStatus::Reported => rng.range(3, 5),
        _ => rng.range(2, 4),
    } as usize;
    let name = plan.candidate.name();
    let other = Person::random(rng).name();
    let hired_on = plan.hired_on.map(date).unwrap_or_default();
    let story = Story {
        first: plan.candidate.first,
        name: &name,
        role: plan.role,
        city: plan.home.city,
        vendor: plan.firm.as_ref().map_or("the staffing firm", |f| f.name.as_str()),
        ship_city: d.ship_to.as_ref().map_or(plan.home.city, |s| s.1),
        other_name: &other,
        prior: rng.choose(people::PRIOR_EMPLOYERS),
        account_tail: &d.account[d.account.len().saturating_sub(4)..],
        hired_on: &hired_on,
    };
    let flagged = |code: &str| sheet.is_flagged(code);
    let case = journal::Outline {
        scenario: plan.scenario,
        stage: plan.stage,
        status: plan.status,
        disposition: plan.disposition,
    };
    let bodies = journal::entries(rng, &case, &flagged, &story, count);
    let mut times: Vec<DateTime<Utc>> = bodies.iter().map(|_| between(rng, plan.created, plan.updated)).collect();
    times.sort_unstable();
    // The first entry opens the case; a finished case's last entry is its last change.
    if let Some(first) = times.first_mut() {
        *first = plan.created;
    }
    if bodies.len() > 1
        && plan.status != CaseStatus::Open
        && let Some(last) = times.last_mut()
    {
        *last = plan.updated;
    }
    bodies
        .into_iter()
        .zip(times)
        .map(|(body, at)| Note {
            id: 0,
            case_id: 0,
            body,
            author: author.to_string(),
            created_at: rfc3339(at),
            revisions: 0,
            edited: None,
            void: None,
        })
        .collect()
}

/// The touched items of `sheet`, in code order, marked over a few working sessions.
pub(crate) fn marks(catalog: &Catalog, plan: &Plan, sheet: &MarkSheet, actor: &str, rng: &mut Rng) -> Vec<Mark> {
    let sessions: Vec<String> =
        (0..rng.range(1, 3)).map(|_| rfc3339(between(rng, plan.created, plan.updated))).collect();
    let mut marks = Vec::with_capacity(sheet.touched());
    for ((item, state), note) in catalog.items.iter().zip(&sheet.states).zip(&sheet.notes) {
        if *state != MarkState::Open {
            marks.push(Mark {
                code: item.code.clone(),
                state: *state,
                note: note.to_string(),
                marked_by: actor.to_string(),
                marked_at: rng.pick(&sessions).clone(),
            });
        }
    }
    marks.sort_unstable_by(|a, b| a.code.cmp(&b.code));
    marks
}

/// Where a case stands, by scenario and age: old clean cases are closed and cleared; suspicious ones
/// end up escalated, reported or closed as confirmed.
pub(crate) fn status(rng: &mut Rng, scenario: Scenario, age_days: i64) -> (CaseStatus, Option<Disposition>) {
    use CaseStatus::{Closed, Escalated, Investigating, Open, Reported};
    use Disposition::{Cleared, Confirmed, Inconclusive};
    let closed = |d| (Closed, Some(d));
    let (open, investigating, escalated, reported) =
        ((Open, None), (Investigating, None), (Escalated, None), (Reported, None));
    let choices: &[((CaseStatus, Option<Disposition>), u32)] = match (scenario, age_days) {
        (Scenario::Clean, 90..) => &[(closed(Cleared), 88), (investigating, 7), (open, 5)],
        (Scenario::Clean, 14..) => &[(closed(Cleared), 45), (investigating, 35), (open, 20)],
        (Scenario::Clean, _) => &[(open, 60), (investigating, 40)],
        (Scenario::Borderline, 120..) => {
            &[(closed(Cleared), 40), (closed(Inconclusive), 35), (investigating, 15), (escalated, 10)]
        }
        (Scenario::Borderline, _) => &[(investigating, 50), (open, 25), (escalated, 15), (closed(Inconclusive), 10)],
        (Scenario::Suspicious(_), 120..) => {
            &[(closed(Confirmed), 40), (closed(Inconclusive), 15), (reported, 30), (escalated, 15)]
        }
        (Scenario::Suspicious(_), 30..) => {
            &[(escalated, 35), (reported, 25), (investigating, 25), (closed(Confirmed), 15)]
        }
        (Scenario::Suspicious(_), _) => &[(investigating, 50), (escalated, 35), (open, 15)],
    };
    rng.weighted(choices)
}

fn priority(rng: &mut Rng, scenario: Scenario) -> Priority {
    use Priority::{Critical, High, Low, Medium};
    match scenario {
        Scenario::Clean => rng.weighted(&[(Low, 60), (Medium, 40)]),
        Scenario::Borderline => rng.weighted(&[(Low, 10), (Medium, 60), (High, 30)]),
        Scenario::Suspicious(_) => rng.weighted(&[(Medium, 10), (High, 50), (Critical, 40)]),
    }
}

/// A moment between `from` and `to` (or `from` itself when they are the wrong way round).
pub(crate) fn between(rng: &mut Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let secs = (to - from).num_seconds();
    if secs <= 0 { from } else { from + Duration::seconds(rng.below(secs.unsigned_abs()) as i64) }
}

fn date(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}
