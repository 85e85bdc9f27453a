//! Links between cases: a value one case holds that another case (or an imported reference list) also
//! holds, and the checklist item each kind of link suggests.

use serde::Serialize;

use super::IdentifierKind;
use super::word_enum;

word_enum!(
    /// How much a link says. Only `strong` and `similar` links tie cases into clusters.
    Strength, "link strength", {
        Strong => "strong",
        Similar => "similar",
        Listed => "listed",
        Weak => "weak",
    }
);

word_enum!(
    /// The kind of record holding a linked value.
    Source, "record", {
        Identifier => "identifier",
        Payment => "payment",
        Evidence => "evidence",
    }
);

word_enum!(
    /// What an imported reference list holds, and so which identifiers it is matched against.
    ListKind, "list kind", {
        FreightForwarder => "freight-forwarder",
        Voip => "voip",
        Msb => "msb",
        BadEmail => "bad-email",
        BadPhone => "bad-phone",
        BadAddress => "bad-address",
        BadBankAccount => "bad-bank-account",
        BadIp => "bad-ip",
        BadDeviceSerial => "bad-device-serial",
        BadHandle => "bad-handle",
        BadCryptoWallet => "bad-crypto-wallet",
        BadDocumentNumber => "bad-document-number",
    }
);

impl ListKind {
    /// The identifier kind whose rules normalize the list's entries.
    pub fn identifier_kind(self) -> IdentifierKind {
        match self {
            ListKind::FreightForwarder | ListKind::BadAddress => IdentifierKind::Address,
            ListKind::Voip | ListKind::BadPhone => IdentifierKind::Phone,
            ListKind::Msb => IdentifierKind::RoutingNumber,
            ListKind::BadEmail => IdentifierKind::Email,
            ListKind::BadBankAccount => IdentifierKind::BankAccount,
            ListKind::BadIp => IdentifierKind::Ip,
            ListKind::BadDeviceSerial => IdentifierKind::DeviceSerial,
            ListKind::BadHandle => IdentifierKind::Handle,
            ListKind::BadCryptoWallet => IdentifierKind::CryptoWallet,
            ListKind::BadDocumentNumber => IdentifierKind::DocumentNumber,
        }
    }

    /// Whether an entry ending in `*` stands for every value starting with it (VoIP number ranges).
    pub fn allows_prefixes(self) -> bool {
        self == ListKind::Voip
    }

    /// The checklist item a match suggests.
    pub fn suggests(self) -> &'static str {
        match self {
            ListKind::FreightForwarder => "RF-LOC-02",
            ListKind::Voip => "RF-COM-01",
            ListKind::Msb => "RF-PAY-04",
            other => shared_value_suggests(other.identifier_kind().match_group()).unwrap_or("RF-RES-09"),
        }
    }

    /// One line for `--help` and errors.
    pub fn describe(self) -> &'static str {
        match self {
            ListKind::FreightForwarder => "freight-forwarding and reshipping addresses",
            ListKind::Voip => "VoIP numbers; an entry ending in * is a range (+1 555 01*)",
            ListKind::Msb => "routing numbers of money-service businesses",
            ListKind::BadEmail => "known-bad email addresses",
            ListKind::BadPhone => "known-bad phone numbers",
            ListKind::BadAddress => "known-bad addresses",
            ListKind::BadBankAccount => "known-bad bank accounts (ROUTING:ACCOUNT or ACCOUNT)",
            ListKind::BadIp => "known-bad IP addresses",
            ListKind::BadDeviceSerial => "known-bad device serial numbers",
            ListKind::BadHandle => "known-bad handles and profile URLs",
            ListKind::BadCryptoWallet => "known-bad crypto wallets",
            ListKind::BadDocumentNumber => "known-bad document numbers",
        }
    }
}

/// Whether the key of a `url` or `handle` (its identifier kind) is a web address rather than a user
/// name: not a profile's `site:name` (whose site has no dot), nor a bare handle, but a `host/path` (a
/// video, a page, an invite). Shared, it says nothing of one operator behind many personas.
pub fn is_web_address(kind: &str, key: &str) -> bool {
    let profile = key.split_once(':').is_some_and(|(site, _)| !site.contains(['.', '/']));
    match kind {
        "url" => !profile,
        "handle" => !profile && key.contains('/'),
        _ => false,
    }
}

/// The checklist item suggested when a value of this match group is shared with another case.
pub fn shared_value_suggests(group: &str) -> Option<&'static str> {
    Some(match group {
        "email" | "phone" => "RF-COM-02",
        "bank-account" | "crypto-wallet" => "RF-PAY-05",
        "address" | "device-serial" | "ip" => "RF-LOC-04",
        "handle" => "RF-RES-09",
        "document-number" => "RF-ID-02",
        _ => return None,
    })
}

/// The checklist item suggested by a resume that nearly duplicates another case's.
pub const RESUME_SUGGESTS: &str = "RF-RES-01";
/// The checklist item suggested by a routing number that fails its check: confirming the routing number
/// belongs to a real bank is the due-diligence step, and it has raised a concern.
pub const BAD_ROUTING_SUGGESTS: &str = "DD-PAY-01";

/// A record holding a value: one side of a link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    pub source: Source,
    pub id: i64,
    pub case_id: i64,
    /// The identifier kind, `bank-account` for a payment's account, `resume` for a resume.
    pub kind: String,
    /// As typed (a payment account as `ROUTING / ACCOUNT`; a resume's file name).
    pub raw: String,
    /// The name of the subject the record belongs to; `None` for a record of no subject (or before the
    /// names are looked up, once the links are found).
    pub subject: Option<String>,
}

impl Held {
    /// The value as typed, with the name of its subject when it has one: `011000015:99887766 · Ann Lee`.
    pub fn labelled(&self) -> String {
        match &self.subject {
            Some(name) => format!("{} · {name}", self.raw),
            None => self.raw.clone(),
        }
    }
}

/// Which records of a list of links are shown with their subject's name: those of a case whose records in
/// the list belong to two subjects or more (the people of a roster hit sharing one account), where the
/// value alone would read the same on every row. A case of one subject reads as before.
pub struct Naming {
    this: bool,
    cases: std::collections::HashSet<i64>,
}

impl Naming {
    pub fn of(links: &[Link]) -> Naming {
        use std::collections::{HashMap, HashSet};
        let mut this: HashSet<&str> = HashSet::new();
        let mut others: HashMap<i64, HashSet<&str>> = HashMap::new();
        for l in links {
            this.extend(l.this.subject.as_deref());
            if let Counterpart::Case { held, .. } = &l.other {
                others.entry(held.case_id).or_default().extend(held.subject.as_deref());
            }
        }
        let cases = others.into_iter().filter(|(_, names)| names.len() > 1).map(|(case, _)| case).collect();
        Naming { this: this.len() > 1, cases }
    }

    /// This case's record of `link`, named when this case's records need it.
    pub fn this(&self, link: &Link) -> String {
        if self.this { link.this.labelled() } else { link.this.raw.clone() }
    }

    /// Another case's record, named when that case's records need it.
    pub fn other(&self, held: &Held) -> String {
        if self.cases.contains(&held.case_id) { held.labelled() } else { held.raw.clone() }
    }
}

/// What the value is shared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Counterpart {
    Case { held: Held, title: String },
    List { name: String, kind: ListKind, entry: String, label: String, line: i64 },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub strength: Strength,
    /// The match group: an identifier kind (`url` and `handle` match as `handle`), or `resume`.
    pub group: String,
    pub this: Held,
    pub other: Counterpart,
    /// The shared key (normalized value, weaker key or list entry); empty for resumes.
    pub key: String,
    /// Why they are linked, in a few words: "same phone", "same /24 network", "on list …".
    pub reason: String,
    /// Estimated Jaccard similarity, for resumes.
    pub similarity: Option<f64>,
}

impl Link {
    /// The other case's id, when the link is to a case.
    pub fn other_case(&self) -> Option<i64> {
        match &self.other {
            Counterpart::Case { held, .. } => Some(held.case_id),
            Counterpart::List { .. } => None,
        }
    }

    /// The checklist item this link suggests, if any. Weak links suggest nothing on their own.
    pub fn suggests(&self) -> Option<&'static str> {
        match (&self.other, self.strength) {
            (_, Strength::Weak) => None,
            (Counterpart::List { kind, .. }, _) => Some(kind.suggests()),
            (Counterpart::Case { .. }, Strength::Similar) => Some(RESUME_SUGGESTS),
            // A web address shared (a video, a page) is no persona.
            (Counterpart::Case { .. }, _) if is_web_address(&self.this.kind, &self.key) => None,
            (Counterpart::Case { .. }, _) => shared_value_suggests(&self.group),
        }
    }

    /// A stable name for what prompted a suggestion, so a decision on it is remembered.
    pub fn basis(&self) -> String {
        match &self.other {
            Counterpart::List { name, .. } => format!("list:{name}:{}:{}", self.group, self.key),
            Counterpart::Case { held, .. } if self.strength == Strength::Similar => {
                format!("resume:{}:{}", self.this.id, held.id)
            }
            Counterpart::Case { .. } => format!("shared:{}:{}", self.group, self.key),
        }
    }
}
