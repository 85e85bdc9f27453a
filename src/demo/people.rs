//! Made-up people, firms, places and contact details. Every value is fictional by construction: emails at
//! the reserved `example.com/.net/.org` domains, phones in the 555-0100..0199 range reserved for fiction,
//! IPs from the documentation ranges, routing numbers in the unassigned-to-banks `80` prefix.

use super::rng::Rng;
use crate::domain::IdentifierKind;

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Adrian", "Alina", "Bram", "Celia", "Darius", "Elena", "Emeka", "Farah", "Gideon", "Hana", "Ilya", "Imani",
    "Jonah", "Kaia", "Kenji", "Lena", "Marco", "Mira", "Nadia", "Nikolai", "Odette", "Omar", "Priya", "Quinn",
    "Rafael", "Rosa", "Samir", "Sofia", "Tariq", "Tess", "Umar", "Vera", "Wes", "Xavier", "Yara", "Yusuf", "Zane",
    "Zoe", "Jordan", "Casey",
];

pub(crate) const LAST_NAMES: &[&str] = &[
    "Abernathy",
    "Baptiste",
    "Castellanos",
    "Dunmore",
    "Eriksen",
    "Falconer",
    "Galloway",
    "Hartigan",
    "Iversen",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Marchetti",
    "Nakamura",
    "Okonkwo",
    "Pemberton",
    "Quiroga",
    "Rasmussen",
    "Salazar",
    "Thornbury",
    "Underhill",
    "Valdivia",
    "Whitlock",
    "Yilmaz",
    "Zielinski",
    "Ashdown",
    "Brightwater",
    "Coldwell",
    "Dray",
    "Ellery",
    "Fennimore",
    "Greaves",
    "Holloway",
    "Kessler",
    "Larkin",
    "Merriweather",
    "Northcott",
    "Ormsby",
    "Penhallow",
    "Redfern",
];

/// A claimed home town: city, state, first three digits of its ZIP codes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pub city: &'static str,
    pub state: &'static str,
    pub zip3: &'static str,
}

const fn place(city: &'static str, state: &'static str, zip3: &'static str) -> Place {
    Place { city, state, zip3 }
}

pub(crate) const PLACES: &[Place] = &[
    place("Austin", "TX", "787"),
    place("Dallas", "TX", "752"),
    place("Houston", "TX", "770"),
    place("Phoenix", "AZ", "850"),
    place("Tucson", "AZ", "857"),
    place("Denver", "CO", "802"),
    place("Seattle", "WA", "981"),
    place("Portland", "OR", "972"),
    place("Sacramento", "CA", "958"),
    place("San Diego", "CA", "921"),
    place("Las Vegas", "NV", "891"),
    place("Salt Lake City", "UT", "841"),
    place("Minneapolis", "MN", "554"),
    place("Chicago", "IL", "606"),
    place("Columbus", "OH", "432"),
    place("Nashville", "TN", "372"),
    place("Atlanta", "GA", "303"),
    place("Charlotte", "NC", "282"),
    place("Raleigh", "NC", "276"),
    place("Tampa", "FL", "336"),
    place("Orlando", "FL", "328"),
    place("Richmond", "VA", "232"),
    place("Pittsburgh", "PA", "152"),
    place("Buffalo", "NY", "142"),
    place("Boston", "MA", "021"),
];

/// Invented street names, so that no generated address is someone's home.
const STREETS: &[&str] = &[
    "Bramblewood",
    "Copperleaf",
    "Fernhollow",
    "Glimmerstone",
    "Harrowgate",
    "Inkberry",
    "Juniper Hollow",
    "Kestrel Ridge",
    "Lanternfield",
    "Marrowbrook",
    "Nettlecombe",
    "Oakenshaw",
    "Pebblemoor",
    "Quillfeather",
    "Rookwood",
    "Saltmarsh",
    "Thistledown",
    "Umberfield",
    "Vesperwood",
    "Wrenfield",
    "Yarrowdale",
    "Ashcombe",
];
const STREET_KINDS: &[&str] = &["St", "Ave", "Rd", "Ln", "Dr", "Ct", "Way", "Blvd"];

/// Made-up freight-forwarding warehouses: many customers, one building, a suite number each.
const FORWARDERS: &[(&str, Place)] = &[
    ("4410 Portside Logistics Pkwy", place("Wilmington", "DE", "198")),
    ("77 Bonded Warehouse Rd", place("Elizabeth", "NJ", "072")),
    ("1850 Cargo Terminal Way", place("Miami", "FL", "331")),
    ("920 Airfreight Blvd", place("Jamaica", "NY", "114")),
    ("305 Transload Dr", place("Carson", "CA", "907")),
    ("6120 Consolidation Ct", place("Portland", "OR", "972")),
    ("18 Reship Plaza", place("Laredo", "TX", "780")),
    ("2700 Crossdock Ave", place("Doral", "FL", "331")),
];

/// Made-up banks; each gets a routing number in the `80` prefix that passes the ABA checksum.
pub(crate) const BANKS: &[&str] = &[
    "Lakemont National Bank",
    "Silvercrest Federal Credit Union",
    "Harborlight Savings Bank",
    "Prairie Summit Bank",
    "Cobalt River Trust",
    "Granite Arch Community Bank",
    "Bluefen Credit Union",
    "Meadowgate Bank & Trust",
    "Northwater Financial",
    "Ridgeway Mutual Bank",
    "Quayside Digital Bank",
    "Tallgrass Savings",
];

const FIRM_STEMS: &[&str] = &[
    "Bluepeak",
    "Brightfold",
    "Cedarline",
    "Clearpath",
    "Corvid",
    "Driftwood",
    "Everlume",
    "Fairhaven",
    "Goldcrest",
    "Hollowpine",
    "Ironvale",
    "Jadeport",
    "Keystone Bay",
    "Lumencore",
    "Maplecrest",
    "Nimbus Reach",
    "Oakridge Vale",
    "Pinecove",
    "Quartzline",
    "Redwing",
];
const FIRM_KINDS: &[&str] = &[
    "Talent Partners LLC",
    "Staffing Solutions Inc",
    "IT Consulting LLC",
    "Global Outsourcing Ltd",
    "Dev Services LLC",
    "Tech Recruiters Inc",
];

pub(crate) const PRIOR_EMPLOYERS: &[&str] = &[
    "Brightline Softworks",
    "Quarry Data Systems",
    "Tidewater Apps",
    "Helix Orchard Labs",
    "Northgate Fintech",
    "Sable Cloud Co",
    "Paperkite Studios",
    "Verdant Logic",
];

/// Job titles a remote IT worker is hired for.
pub(crate) const ROLES: &[&str] = &[
    "Senior backend engineer",
    "Full-stack developer",
    "iOS developer",
    "Android developer",
    "DevOps engineer",
    "Data engineer",
    "Blockchain developer",
    "React frontend engineer",
    "QA automation engineer",
    "Machine learning engineer",
    "Site reliability engineer",
    "Solutions architect",
    "Unity game developer",
    "Embedded firmware engineer",
    "Cloud security engineer",
    "Technical support engineer",
];

pub(crate) struct Person {
    pub first: &'static str,
    pub last: &'static str,
}

impl Person {
    pub fn random(rng: &mut Rng) -> Person {
        Person { first: rng.choose(FIRST_NAMES), last: rng.choose(LAST_NAMES) }
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// A staffing or outsourcing firm.
pub(crate) struct Firm {
    pub name: String,
    /// Its mail domain, under `example.org`.
    pub domain: String,
}

impl Firm {
    pub fn random(rng: &mut Rng) -> Firm {
        let stem = rng.pick(FIRM_STEMS);
        let kind = rng.pick(FIRM_KINDS);
        let slug: String = stem.chars().filter(char::is_ascii_alphanumeric).flat_map(char::to_lowercase).collect();
        Firm { name: format!("{stem} {kind}"), domain: format!("{slug}.example.org") }
    }
}

/// A phone number in the reserved range, kept as parts so it can be written in several styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Phone {
    area: u16,
    line: u8,
}

impl Phone {
    /// The number in one of the styles people type; every style keeps the `+1` so all normalize alike.
    pub fn styled(self, style: u64) -> String {
        let Phone { area, line } = self;
        match style % 4 {
            0 => format!("+1 ({area}) 555-01{line:02}"),
            1 => format!("+1 {area} 555 01{line:02}"),
            2 => format!("+1-{area}-555-01{line:02}"),
            _ => format!("+1.{area}.555.01{line:02}"),
        }
    }
}

/// Hands out contact details. Phones come from a counter walked in a seeded order and emails, handles
/// and profile addresses carry a serial number, so none repeats by accident (except phones, once the
/// 44,400 reserved numbers in area codes in service run out, at about 35,000 cases); repeats are made on
/// purpose.
pub(crate) struct Contacts {
    areas: Vec<u16>,
    phones_used: u64,
    phone_offset: u64,
    serials_used: u64,
    serial_offset: u64,
}

/// Steps through the phone space; a prime, so coprime with its size (444 area codes in service in
/// libphonenumber's data × 100 lines = 2^4·3·5^2·37).
const PHONE_STRIDE: u64 = 48_271;

impl Contacts {
    pub fn new(rng: &mut Rng) -> Contacts {
        // Area codes NXX without the N11 service codes and the 8XX toll-free ones, and only those in
        // service (libphonenumber's data), since a number in an unassigned area is refused.
        let areas = (200..1000u16)
            .filter(|a| {
                let (b, c) = (a / 10 % 10, a % 10);
                b != 9 && !(b == 1 && c == 1) && !(a / 100 == 8 && b == c)
            })
            .filter(|a| {
                let sample = Phone { area: *a, line: 0 }.styled(0);
                IdentifierKind::Phone.check(&sample).is_ok_and(|c| c.warning.is_none())
            })
            .collect::<Vec<_>>();
        Contacts {
            areas,
            phones_used: 0,
            phone_offset: rng.next_u64(),
            serials_used: 0,
            serial_offset: rng.below(90_000),
        }
    }

    pub fn phone(&mut self) -> Phone {
        let space = self.areas.len() as u64 * 100;
        let k = (self.phones_used.wrapping_mul(PHONE_STRIDE).wrapping_add(self.phone_offset % space)) % space;
        self.phones_used += 1;
        let areas = self.areas.len() as u64;
        Phone { area: self.areas[(k % areas) as usize], line: (k / areas) as u8 }
    }

    /// A number no other detail of this fill carries.
    fn serial(&mut self) -> u64 {
        self.serials_used += 1;
        10_000 + self.serial_offset + self.serials_used
    }

    pub fn email(&mut self, rng: &mut Rng, p: &Person) -> String {
        let n = self.serial();
        let (first, last) = (p.first.to_lowercase(), p.last.to_lowercase());
        let local = match rng.below(5) {
            0 => format!("{first}.{last}{n}"),
            1 => format!("{}{last}{n}", &first[..1]),
            2 => format!("{first}{last}.dev{n}"),
            3 => format!("{last}.{first}{n}"),
            _ => format!("{first}_{n}"),
        };
        format!("{local}@{}", rng.pick(&["example.com", "example.net", "example.org"]))
    }

    /// A work address at a firm's domain.
    pub fn firm_email(&mut self, rng: &mut Rng, p: &Person, firm: &Firm) -> String {
        let n = self.serial();
        let local = match rng.below(3) {
            0 => format!("{}.{}{n}", p.first, p.last),
            1 => format!("{}{}{n}", &p.first[..1], p.last),
            _ => format!("accounts{n}"),
        };
        format!("{}@{}", local.to_lowercase(), firm.domain)
    }

    pub fn repository_url(&mut self, p: &Person) -> String {
        let n = self.serial();
        format!("https://github.com/demo-{}{}{n}", p.first.to_lowercase(), p.last.to_lowercase())
    }

    pub fn portfolio_url(&mut self, p: &Person) -> String {
        let n = self.serial();
        format!("https://{}-{}-{n}.example.net/portfolio", p.first.to_lowercase(), p.last.to_lowercase())
    }

    pub fn handle(&mut self, p: &Person) -> String {
        format!("@demo_{}{}", p.first.to_lowercase(), self.serial())
    }
}

pub(crate) fn home_address(rng: &mut Rng, at: &Place) -> String {
    format!(
        "{} {} {}, {}, {} {}{:02}",
        rng.range(1, 9899),
        rng.pick(STREETS),
        rng.pick(STREET_KINDS),
        at.city,
        at.state,
        at.zip3,
        rng.below(100)
    )
}

/// A suite at a freight forwarder: the kind of ship-to address a laptop disappears through.
pub(crate) fn forwarder_address(rng: &mut Rng) -> (String, &'static str) {
    let (street, at) = rng.pick(FORWARDERS);
    let address = format!(
        "{street}, Ste {}-{}, {}, {} {}{:02}",
        rng.range(100, 480),
        rng.digits(5),
        at.city,
        at.state,
        at.zip3,
        rng.below(100)
    );
    (address, at.city)
}

/// A bank from [`BANKS`] and its routing number.
pub(crate) fn bank(rng: &mut Rng) -> (&'static str, String) {
    let i = rng.below(BANKS.len() as u64) as usize;
    (BANKS[i], routing_number(104_729 + i as u32 * 7_919))
}

/// `80`, six digits from `n`, and the check digit that satisfies the ABA 3-7-1 checksum.
pub(crate) fn routing_number(n: u32) -> String {
    let body = format!("80{:06}", n % 1_000_000);
    let d: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
    format!("{body}{}", (10 - sum % 10) % 10)
}

pub(crate) fn account_number(rng: &mut Rng) -> String {
    let len = rng.range(10, 12) as usize;
    rng.digits(len)
}

/// An address from the documentation ranges (RFC 5737 and RFC 3849). The IPv4 ranges hold only 762
/// addresses, so most are IPv6, or every IPv4 address would turn up in hundreds of cases.
pub(crate) fn ip(rng: &mut Rng) -> String {
    if rng.percent(20) {
        let net = rng.pick(&["192.0.2", "198.51.100", "203.0.113"]);
        format!("{net}.{}", rng.range(1, 254))
    } else {
        format!("2001:db8:{:x}:{:x}::{:x}", rng.range(1, 0xffff), rng.below(0x10000), rng.range(1, 0xffff))
    }
}

pub(crate) fn device_serial(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut part = || -> String { (0..4).map(|_| char::from(rng.choose(ALPHABET))).collect() };
    format!("DEMO-{}-{}", part(), part())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::identifier::aba_problem;

    #[test]
    fn routing_numbers_pass_the_aba_check() {
        for n in [0, 1, 104_729, 999_999, 123_456] {
            let r = routing_number(n);
            assert!(r.starts_with("80") && r.len() == 9, "{r}");
            assert_eq!(aba_problem(&r), None, "{r}");
        }
    }

    #[test]
    fn phones_do_not_repeat_until_the_range_runs_out_and_styles_normalize_alike() {
        let mut rng = Rng::new(3);
        let mut c = Contacts::new(&mut rng);
        assert!((400..704).contains(&c.areas.len()), "{}", c.areas.len());
        let mut seen = std::collections::HashSet::new();
        for _ in 0..c.areas.len() * 100 {
            assert!(seen.insert(c.phone()));
        }
        let p = c.phone();
        let norm = |s: String| IdentifierKind::Phone.check(&s).expect("a phone");
        let first = norm(p.styled(0));
        assert_eq!(first.warning, None);
        for style in 1..4 {
            assert_eq!(norm(p.styled(style)).normalized, first.normalized);
        }
        assert!(first.normalized.contains("55501"));
    }
}
