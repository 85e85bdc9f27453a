//! Tests of the match rules version: how versions compare, and that a changed rule comes with a new one.

use sha2::{Digest, Sha256};

use super::*;

/// A fixed sample of tricky values for every kind.
const SAMPLE: &[(IdentifierKind, &str)] = &[
    (IdentifierKind::Email, "Jane.Doe+jobs@GoogleMail.com"),
    (IdentifierKind::Email, "ops@bücher.example"),
    (IdentifierKind::Email, "Ju\u{308}rgen.K+x@Mac.com"),
    (IdentifierKind::Email, "jane_doe-x@protonmail.ch"),
    (IdentifierKind::Email, "Jane.Doe+hire@ZohoMail.com"),
    (IdentifierKind::Phone, "(555) 010-2030 ext. 7"),
    (IdentifierKind::Phone, "+44 (0)20 7946 0958"),
    (IdentifierKind::Phone, "+54 11 15 2925-4708"),
    (IdentifierKind::Address, "12 North Main Street, Apt #4B, Springfield, Illinois 62701-1234"),
    (IdentifierKind::Address, "9 Glen Knoll Commons STE-2, Washington"),
    (IdentifierKind::Address, "9 Main St Penthouse 2, Denver, CO 80202"),
    (IdentifierKind::Address, "10 Main St, Upper Saddle River, NJ 07458"),
    (IdentifierKind::Address, "Ko\u{308}nigstra\u{df}e 5 Apt 4-B, Ko\u{308}ln"),
    (IdentifierKind::Address, "9 Oak Rd Apt 4 B, Austin, TX 78701"),
    (IdentifierKind::Address, "Apt 3B, 1420 N Maple St, Phoenix, AZ 85004"),
    (IdentifierKind::Address, "1500 South St NW, Washington, DC 20009"),
    (IdentifierKind::Address, "12 Rosa Parks Blvd, Parks City, UT 84060"),
    (IdentifierKind::Address, "Flat 3, 9 High Street, London"),
    (IdentifierKind::Address, "9 Main St, Apt 3, Washington"),
    (IdentifierKind::Url, "https://www.instagram.com/p/CxAbC12dEf/"),
    (IdentifierKind::Url, "https://www.youtube.com/watch?V=dQw4w9WgXcQ"),
    (IdentifierKind::BankAccount, "Account: 12345678, Routing:"),
    (IdentifierKind::Ip, "64:ff9b::8.8.8.8"),
    (IdentifierKind::Url, "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    (IdentifierKind::Url, "https://t.me/+AbCdEf12"),
    (IdentifierKind::Url, "https://bit.ly/3AbCdE"),
    (IdentifierKind::Url, "https://youtu.be/dQw4w9WgXcQ"),
    (IdentifierKind::Email, "\"Jane.Doe\"@example.com"),
    (IdentifierKind::Phone, "+39 06 1234 5678"),
    (IdentifierKind::Address, "1 Main St 2nd Floor, Denver, CO 80202"),
    (IdentifierKind::Address, "Apt 3B 1420 N Maple St Phoenix AZ 85004"),
    (IdentifierKind::Address, "Unit 3B, Phoenix, AZ 85004"),
    (IdentifierKind::BankAccount, "0764-0125-1 / 0001 2345 6789"),
    (IdentifierKind::BankAccount, "gb82 west 1234 5698 7654 32"),
    (IdentifierKind::BankAccount, "076401251 IBAN: GB82 WEST 1234 5698 7654 32"),
    (IdentifierKind::BankAccount, "IBAN GB82 WEST 1234 5698 7654 33"),
    (IdentifierKind::BankAccount, "076401251 Acct# 12345678"),
    (IdentifierKind::BankAccount, "Routing: 076401251, Account: 12345678"),
    (IdentifierKind::BankAccount, "076401251:076401251/99887766"),
    (IdentifierKind::BankAccount, "Account: 123456789, Routing: 076401251"),
    (IdentifierKind::RoutingNumber, "076401251"),
    (IdentifierKind::Ip, "[::ffff:203.0.113.7]:443"),
    (IdentifierKind::Ip, "2001:DB8:1:2::9"),
    (IdentifierKind::Ip, "::ffff:1.2.3.4/128"),
    (IdentifierKind::Ip, "192.168.1.10"),
    (IdentifierKind::Ip, "fe80::1%eth0"),
    (IdentifierKind::Ip, "198.18.0.1"),
    (IdentifierKind::Ip, "[8.8.8.8]:53"),
    (IdentifierKind::Ip, "64:ff9b::192.168.1.1"),
    (IdentifierKind::DeviceSerial, "S/N: c02-xk1"),
    (IdentifierKind::Url, "HTTPS://www.linkedin.com/in/Some-Dev/?trk=x"),
    (IdentifierKind::Handle, "@Some_Dev"),
    (IdentifierKind::CryptoWallet, "ethereum:0xAbCdEf0123456789aBcDeF0123456789AbCdEf01"),
    (IdentifierKind::CryptoWallet, "COSMOS1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5LZV7XU"),
    (IdentifierKind::DocumentNumber, "p-123 4567"),
    (IdentifierKind::Email, "jane\u{200b}.doe@exam\u{202e}ple.com"),
    (IdentifierKind::Handle, "@some\u{2066}_dev\u{2069}"),
    (IdentifierKind::Phone, "+39 (0)6 1234 5678"),
    (IdentifierKind::Address, "Bldg 4, 9 Main St, Springfield, IL 62701 1234"),
    (IdentifierKind::Address, "9 Main St, PH 2, Apt No. 5, Denver, CO"),
    (IdentifierKind::BankAccount, "Routing: 076401251 (Chase) Account 12345678"),
    (IdentifierKind::Phone, "+39 (0)312 345 6789"),
    (IdentifierKind::BankAccount, "076401251 12345678 (A)"),
    (IdentifierKind::Address, "Penthouse 2, 9 Main St Lot No 7, Denver, CO"),
    (IdentifierKind::Address, "9 Main St Upper, Darby, PA 19082"),
    (IdentifierKind::Address, "9 Main St Basement Upper Darby PA"),
    (IdentifierKind::Address, "9 Main St Apt, Darby, PA"),
    (IdentifierKind::Address, "9 Main St PH2, Darby, PA"),
    (IdentifierKind::Address, "9 Main St Basement Upper, Darby, PA"),
    (IdentifierKind::Address, "9 Broadway Upper, Darby, PA"),
    (IdentifierKind::Address, "9 Broadway PH 2, New York, NY"),
    (IdentifierKind::Address, "9 Main St, Wilkes-Barre, PA 187011234"),
    (IdentifierKind::Address, "100 North-West Hwy, Park Ridge, IL"),
    (IdentifierKind::Address, "9 Main St, Basement, Upper, Darby, PA"),
    (IdentifierKind::Address, "9 Broadway Upper Apt 3, Darby, PA"),
    (IdentifierKind::Address, "7 N Front, Philadelphia, PA"),
    (IdentifierKind::Address, "7½ Front, Philadelphia, PA"),
    (IdentifierKind::Address, "4500 East-West Hwy, Bethesda, MD"),
    (IdentifierKind::Address, "112\u{2013}10 Roosevelt Ave, Corona, NY"),
    (IdentifierKind::Address, "9 Main St Upper Apt 3 Darby PA"),
    (IdentifierKind::Address, "100 Saint Charles Ave, Sainte Genevieve, MO"),
    (IdentifierKind::Address, "9 Main St, Upper Apt 3, Darby, PA"),
    (IdentifierKind::Address, "9 Main St Rear #3 Apt 4 1/2, Denver, CO"),
    (IdentifierKind::Address, "9 Main St Apt 3 Upper Darby PA"),
    (IdentifierKind::Address, "9 Broadway Rear Upper Darby PA"),
    (IdentifierKind::Address, "Rear #3, 9 Main St, Darby, PA"),
    (IdentifierKind::Address, "RFD Route 2 Box 45"),
    (IdentifierKind::Address, "Apt 4 1/2 9 Main St, Darby, PA"),
    (IdentifierKind::Address, "Apt 4 B 123 Main St, Darby, PA"),
    (IdentifierKind::Address, "Unit 2050 Box 4190, APO AP 96278"),
    (IdentifierKind::Address, "9 Main St Apt 5 Bldg 4, Darby, PA"),
    (IdentifierKind::Address, "7-1/2 Main St, Darby, PA"),
    (IdentifierKind::Address, "12 Route 9-W, Darby, PA"),
    (IdentifierKind::Address, "10 Downing Street, London, SW1A2AA, United Kingdom"),
    (IdentifierKind::Address, "111 Wellington St, Ottawa, Ontario K1A0A9, Canada"),
    (IdentifierKind::Address, "Apt 5 B Bldg 4 9 Main St, Springfield, IL"),
    (IdentifierKind::Address, "9 Main St Second Floor, Parks, AZ"),
    (IdentifierKind::Address, "PSC 802 BOX 74 APO Armed Forces Europe 09499"),
    (IdentifierKind::Address, "\u{ff19} Main St, Charlotte Amalie, Virgin Islands 00802"),
    (IdentifierKind::Address, "Highway Contract Route 68 Box 23A"),
    (IdentifierKind::Address, "12 Lake Front Dr, Akron, OH"),
    (IdentifierKind::Address, "5 Suite Rd, Ste-Foy, QC"),
    (IdentifierKind::Address, "10 High Street, Romford, RM1 3AB"),
    (IdentifierKind::Address, "12 Lake Front Dr Apt 3, Akron, OH 44319"),
    (IdentifierKind::Address, "5 Unit Rd Bldg #4, Dover, DE"),
    (IdentifierKind::Address, "9 Main St PH-2, Miami, FL 33131"),
];

#[test]
fn rules_versions_compare_by_their_numbers() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let conn = store.conn();
    for (stored, newer) in [
        ("2026.12.2", false),
        ("2026.12.5.2", false),
        ("2026.12.5.3", false),
        ("2026.12.5.4", false),
        ("2026.12.5.5", false),
        ("2026.12.5.6", false),
        ("2026.12.5.7", false),
        ("2026.12.5.8", false),
        ("2026.12.6.2", false),
        ("2026.12.7.9", false),
        ("2026.12.7.14", false),
        ("2026.12.7.15", false),
        ("2026.12.7.16", false),
        ("2026.12.7.17", false),
        ("2026.12.7.18", false),
        ("2026.12.7.19", false),
        ("2026.12.7.20", false),
        ("2026.12.7.21", false),
        ("2026.12.7.22", false),
        ("2026.12.7.23", false),
        ("2026.12.7.24", false),
        ("2026.12.7.25", false),
        ("2026.12.7.26", false),
        ("2026.12.7.27", false),
        ("2026.12.7.28", false),
        ("2026.12.7.29", false),
        ("2026.12.7.30", false),
        ("2026.12.8.1", false),
        ("2026.12.8.2", false),
        ("2026.12.8.3", false),
        ("2026.12.8.4", true),
        ("2027.1", true),
        ("2026.9.30", false),
    ] {
        settings::put(conn, "match_rules", Some(stored)).unwrap();
        assert_eq!(newer_rules(conn).unwrap().is_some(), newer, "{stored}");
    }
}

#[test]
fn a_changed_rule_comes_with_a_new_rules_version() {
    let rules = Rules { phone_country: Some("US".into()) };
    let mut h = Sha256::new();
    for (kind, raw) in SAMPLE {
        let c = kind.check_with(raw, &rules).unwrap();
        h.update(format!("{kind}|{}|{:?}\n", c.normalized, c.loose));
    }
    let digest = crate::store::audit::hex(&h.finalize());
    // When this fails because a rule changed on purpose: bump MATCH_RULES, then pin the new digest.
    assert_eq!(
        (MATCH_RULES, digest.as_str()),
        ("2026.12.8.3", "9cc916ea4a589e44fc1a5253b3e2826e417c0b3f1487912c0510aa8b21bd963b"),
        "normalization output changed; bump MATCH_RULES so existing workspaces are re-keyed"
    );
}
