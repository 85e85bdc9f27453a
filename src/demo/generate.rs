//! Makes demo cases one at a time: first a plan (scenario, hiring stage, status, people, timeline),
//! then the checklist marks that tell the scenario, then the details, which sometimes repeat those of
//! an earlier case, and finally the rows (see [`super::records`]).

use chrono::{DateTime, Duration, Utc};

use crate::catalog::Catalog;
use crate::domain::identifier::Rules;
use crate::domain::{CaseStatus, Disposition, HireStage, Identifier, IdentifierKind};
use crate::store::bulk::CaseRecords;

use super::people::{self, Contacts, Firm, Person, Phone, Place};
use super::records::{self, Details};
use super::rng::Rng;
use super::scenario::{MarkSheet, Scenario};

/// How far back demo cases reach.
const SPAN_DAYS: i64 = 730;
/// At most this many earlier details of each kind are kept for later cases to repeat.
const POOL: usize = 2048;
/// Percent of cases that repeat a detail of an earlier case without any flag saying so (the link is
/// there for cross-case matching to find). Flags that mean "shared with another case" add more.
const UNNOTICED_REPEATS: u32 = 2;

/// Everything decided about a case before its rows are made.
pub(crate) struct Plan {
    pub scenario: Scenario,
    pub stage: HireStage,
    pub status: CaseStatus,
    pub disposition: Option<Disposition>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub hired_on: Option<DateTime<Utc>>,
    pub candidate: Person,
    pub home: Place,
    pub role: &'static str,
    pub firm: Option<Firm>,
    /// The facilitator, where they live, and what they did.
    pub facilitator: Option<(Person, Place, &'static str)>,
    pub vendor_contact: Option<Person>,
}

impl Plan {
    /// Position of the facilitator among the case's subjects.
    pub fn facilitator_at(&self) -> Option<usize> {
        self.facilitator.as_ref().map(|_| 1)
    }

    /// Position of the vendor's contact among the case's subjects.
    pub fn vendor_at(&self) -> Option<usize> {
        let at = 1 + usize::from(self.facilitator.is_some());
        self.vendor_contact.as_ref().map(|_| at)
    }

    /// Whether the candidate got as far as being paid and given a laptop.
    pub fn hired(&self) -> bool {
        !matches!(self.stage, HireStage::Applicant | HireStage::Onboarding)
    }
}

/// Details of earlier cases, for later cases to repeat on purpose.
#[derive(Default)]
struct Pools {
    phones: Vec<Phone>,
    emails: Vec<String>,
    addresses: Vec<String>,
    accounts: Vec<String>,
    /// Laptop-farm ship-to addresses, with their city: one farm hosts laptops for several workers.
    farms: Vec<(String, &'static str)>,
}

fn remember<T>(rng: &mut Rng, pool: &mut Vec<T>, value: T) {
    if pool.len() < POOL {
        pool.push(value);
    } else {
        let at = rng.below(POOL as u64) as usize;
        pool[at] = value;
    }
}

fn recall<T: Clone>(rng: &mut Rng, pool: &[T]) -> Option<T> {
    (!pool.is_empty()).then(|| rng.pick(pool).clone())
}

/// The details a case repeats from earlier cases.
#[derive(Default)]
struct Repeats {
    phone: Option<Phone>,
    email: Option<String>,
    address: Option<String>,
    account: Option<String>,
    farm: Option<(String, &'static str)>,
}

pub(crate) struct Generator {
    catalog: &'static Catalog,
    rng: Rng,
    contacts: Contacts,
    pools: Pools,
    now: DateTime<Utc>,
    total: u32,
    actor: String,
    /// The workspace's matching rules, under which the identifiers' keys are derived.
    rules: Rules,
}

impl Generator {
    /// Makes `total` cases for a workspace whose clock reads `now`, as `actor`.
    /// Keys are derived under `rules`, the workspace's.
    pub fn new(
        catalog: &'static Catalog,
        seed: u64,
        now: DateTime<Utc>,
        total: u32,
        actor: &str,
        rules: Rules,
    ) -> Self {
        let mut rng = Rng::new(seed);
        let contacts = Contacts::new(&mut rng);
        let actor = actor.to_string();
        Generator { catalog, rng, contacts, pools: Pools::default(), now, total, actor, rules }
    }

    /// The `index`th of `total` cases; earlier indexes are older, spread over the past two years.
    pub fn case(&mut self, index: u32) -> CaseRecords {
        let plan = self.plan(index);
        let sheet = self.sheet(&plan);
        let repeats = self.repeats(&plan, &sheet);
        let details = self.details(&plan, &sheet, &repeats);
        let rng = &mut self.rng;
        let payments = records::payments(&plan, &sheet, &details, rng);
        let identifiers = records::identifiers(&plan, &sheet, &details, &payments, &self.rules, rng);
        let case = CaseRecords {
            case: records::case_row(self.catalog, &plan, &sheet, rng),
            subjects: records::subjects(&plan, rng),
            notes: records::notes(&plan, &sheet, &details, &self.actor, rng),
            marks: records::marks(self.catalog, &plan, &sheet, &self.actor, rng),
            identifiers,
            payments,
        };
        self.remember(&repeats, details, &case.identifiers);
        case
    }

    fn plan(&mut self, index: u32) -> Plan {
        let rng = &mut self.rng;
        let now = self.now;
        let oldest = now - Duration::days(SPAN_DAYS);
        let slot = (2 * i64::from(index) + 1) * SPAN_DAYS * 86_400 / (2 * i64::from(self.total.max(1)));
        let jitter = rng.below(2 * 86_400) as i64 - 86_400;
        let created = (oldest + Duration::seconds(slot + jitter)).clamp(oldest, now - Duration::hours(2));

        let scenario = Scenario::pick(rng);
        let stage = match scenario {
            Scenario::Suspicious(scheme) => rng.choose(scheme.stages),
            _ => rng.weighted(&[
                (HireStage::Applicant, 35),
                (HireStage::Onboarding, 10),
                (HireStage::Employed, 25),
                (HireStage::Contractor, 25),
                (HireStage::Terminated, 5),
            ]),
        };
        let (status, disposition) = records::status(rng, scenario, (now - created).num_days());
        let busy_days = if status == CaseStatus::Closed { rng.range(5, 60) } else { rng.range(1, 45) };
        let busy = Duration::days(busy_days.into()) + Duration::seconds(rng.below(86_400) as i64);
        let updated = (created + busy).min(now - Duration::minutes(5));
        let hired_on = match stage {
            HireStage::Applicant => None,
            HireStage::Onboarding => Some(created - Duration::days(rng.range(0, 14).into())),
            _ => Some(created - Duration::days(rng.range(14, 300).into())),
        };

        let (facilitator_percent, job) = match scenario {
            Scenario::Suspicious(s) => s.facilitator,
            _ => (0, ""),
        };
        let vendor_percent = match scenario {
            Scenario::Suspicious(s) => s.vendor,
            Scenario::Borderline => 25,
            Scenario::Clean => 15,
        };
        let candidate = Person::random(rng);
        let home = rng.choose(people::PLACES);
        let role = rng.choose(people::ROLES);
        let firm = rng.percent(vendor_percent).then(|| Firm::random(rng));
        let facilitator =
            rng.percent(facilitator_percent).then(|| (Person::random(rng), rng.choose(people::PLACES), job));
        let vendor_contact = firm.as_ref().map(|_| Person::random(rng));
        Plan {
            scenario,
            stage,
            status,
            disposition,
            created,
            updated,
            hired_on,
            candidate,
            home,
            role,
            firm,
            facilitator,
            vendor_contact,
        }
    }

    /// The checklist: the scenario's flags, then enough other items reviewed for the case's stage.
    fn sheet(&mut self, plan: &Plan) -> MarkSheet {
        let rng = &mut self.rng;
        // Cases still being worked (and some others) show only the first signs of a scheme.
        let working = matches!(plan.status, CaseStatus::Open | CaseStatus::Investigating);
        let early = working || rng.percent(20);
        let mut sheet = MarkSheet::new(self.catalog, plan.stage);
        sheet.tell(rng, plan.scenario, early);
        let target = match plan.status {
            CaseStatus::Closed | CaseStatus::Reported => rng.range(20, 40),
            CaseStatus::Open => rng.range(10, 20),
            _ => rng.range(12, 35),
        };
        sheet.review_rest(rng, target as usize, plan.firm.is_some());
        sheet
    }

    /// Which details this case repeats from earlier ones: those its flags say are shared, and now and
    /// then one that nobody has noticed yet.
    fn repeats(&mut self, plan: &Plan, sheet: &MarkSheet) -> Repeats {
        let rng = &mut self.rng;
        let pools = &self.pools;
        let mut r = Repeats::default();
        if sheet.is_flagged("RF-COM-02") {
            if rng.percent(70) {
                r.phone = recall(rng, &pools.phones);
            } else {
                r.email = recall(rng, &pools.emails);
            }
        }
        if sheet.is_flagged("RF-PAY-05") {
            r.account = recall(rng, &pools.accounts);
        }
        let farm = matches!(plan.scenario, Scenario::Suspicious(s) if s.tag == "laptop-farm");
        if farm && !sheet.is_flagged("RF-LOC-02") && rng.percent(35) {
            r.farm = recall(rng, &pools.farms);
        }
        let noticed = r.phone.is_some() || r.email.is_some() || r.account.is_some() || r.farm.is_some();
        if !noticed && rng.percent(UNNOTICED_REPEATS) {
            match rng.below(4) {
                0 => r.phone = recall(rng, &pools.phones),
                1 => r.email = recall(rng, &pools.emails),
                2 => r.address = recall(rng, &pools.addresses),
                _ if plan.stage != HireStage::Applicant => r.account = recall(rng, &pools.accounts),
                _ => {}
            }
        }
        r
    }

    /// The case's contact and payment details: repeated ones typed differently (they normalize the
    /// same), new ones made up.
    fn details(&mut self, plan: &Plan, sheet: &MarkSheet, repeats: &Repeats) -> Details {
        let ship_to = self.ship_to(plan, sheet, repeats.farm.clone());
        let rng = &mut self.rng;
        let contacts = &mut self.contacts;
        let (bank, routing) = people::bank(rng);
        let firm_email = |contacts: &mut Contacts, rng: &mut Rng| {
            let (firm, contact) = (plan.firm.as_ref()?, plan.vendor_contact.as_ref()?);
            Some(contacts.firm_email(rng, contact, firm))
        };
        Details {
            phone: repeats.phone.unwrap_or_else(|| contacts.phone()),
            email: match &repeats.email {
                Some(e) => capitalized(e),
                None => contacts.email(rng, &plan.candidate),
            },
            address: match &repeats.address {
                Some(a) => a.to_uppercase(),
                None => people::home_address(rng, &plan.home),
            },
            account: match &repeats.account {
                Some(a) => in_groups(a),
                None => people::account_number(rng),
            },
            bank,
            routing,
            ship_to,
            facilitator_phone: plan.facilitator.as_ref().map(|_| contacts.phone()),
            vendor_email: firm_email(contacts, rng),
            repository: rng.percent(60).then(|| contacts.repository_url(&plan.candidate)),
            portfolio: rng.percent(20).then(|| contacts.portfolio_url(&plan.candidate)),
            handle: rng.percent(15).then(|| contacts.handle(&plan.candidate)),
            keep_address: repeats.address.is_some(),
            keep_account: repeats.account.is_some(),
        }
    }

    /// Where the candidate asked the laptop to go, when that is not the address on the ID: a freight
    /// forwarder, or a laptop farm (the facilitator's home, sometimes one seen in an earlier case).
    fn ship_to(
        &mut self,
        plan: &Plan,
        sheet: &MarkSheet,
        farm: Option<(String, &'static str)>,
    ) -> Option<(String, &'static str)> {
        let rng = &mut self.rng;
        if sheet.is_flagged("RF-LOC-02") {
            return Some(people::forwarder_address(rng));
        }
        if !sheet.is_flagged("RF-LOC-01") {
            return None;
        }
        if let Some((address, city)) = farm {
            return Some((address.to_uppercase(), city));
        }
        let at = match &plan.facilitator {
            Some((_, home, _)) => *home,
            None => rng.choose(people::PLACES),
        };
        let address = people::home_address(rng, &at);
        if matches!(plan.scenario, Scenario::Suspicious(s) if s.tag == "laptop-farm") {
            remember(rng, &mut self.pools.farms, (address.clone(), at.city));
        }
        Some((address, at.city))
    }

    /// Keeps what this case recorded for later cases to repeat (a repeated detail is kept already).
    fn remember(&mut self, repeats: &Repeats, d: Details, recorded: &[(Option<usize>, Identifier)]) {
        let rng = &mut self.rng;
        let pools = &mut self.pools;
        let kept = |kind, raw: &str| recorded.iter().any(|(_, i)| i.kind == kind && i.raw == raw);
        if repeats.phone.is_none() {
            remember(rng, &mut pools.phones, d.phone);
        }
        if repeats.email.is_none() && kept(IdentifierKind::Email, &d.email) {
            remember(rng, &mut pools.emails, d.email);
        }
        if repeats.address.is_none() && kept(IdentifierKind::Address, &d.address) {
            remember(rng, &mut pools.addresses, d.address);
        }
        if repeats.account.is_none() && kept(IdentifierKind::BankAccount, &d.account) {
            remember(rng, &mut pools.accounts, d.account);
        }
    }
}

/// The same email typed with a capital: it normalizes to the original.
fn capitalized(email: &str) -> String {
    let mut chars = email.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The same account number typed in groups of four: it normalizes to the original.
fn in_groups(account: &str) -> String {
    let groups: Vec<&str> = account.as_bytes().chunks(4).filter_map(|g| std::str::from_utf8(g).ok()).collect();
    groups.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn repeated_details_are_typed_differently_but_normalize_alike() {
        let check = |kind: IdentifierKind, a: &str, b: &str| {
            let (a, b) = (kind.check(a).expect("valid"), kind.check(b).expect("valid"));
            assert_eq!(a.normalized, b.normalized);
        };
        check(IdentifierKind::Email, "ann_123@example.com", &capitalized("ann_123@example.com"));
        check(IdentifierKind::BankAccount, "12345678901", &in_groups("12345678901"));
        assert_eq!(in_groups("12345678901"), "1234 5678 901");
    }

    #[test]
    fn cases_get_older_with_a_lower_index_and_stay_in_the_two_years() {
        let now = Utc::now();
        let mut g = Generator::new(catalog::builtin(), 1, now, 1000, "t", Rules::default());
        let created: Vec<String> = (0..1000).map(|i| g.case(i).case.created_at).collect();
        let oldest = crate::time::rfc3339(now - Duration::days(SPAN_DAYS));
        assert!(created.iter().all(|c| *c >= oldest && *c <= crate::time::rfc3339(now)));
        assert!(created[0] < created[500] && created[500] < created[999]);
    }
}
