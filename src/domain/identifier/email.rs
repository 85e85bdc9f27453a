//! Email addresses: lowercase, Unicode NFC, ASCII domains, RFC 5321/6531 syntax, and the provider rules
//! that make two spellings one mailbox (sources in the README table).

use email_address::{EmailAddress, Options};
use unicode_normalization::UnicodeNormalization;
use unicode_security::{RestrictionLevel, RestrictionLevelDetection};

use super::Checked;

/// A mail provider's rules for which spellings reach one mailbox.
struct Provider {
    /// The domains the rules apply to.
    domains: &'static [&'static str],
    /// The domain its addresses are keyed under when the provider documents its domains as one
    /// namespace (the same name at each is the same account); `None` keeps each domain apart.
    canonical: Option<&'static str>,
    /// `name+tag@` is delivered to `name@` (and `+` cannot be part of a user name).
    plus_tags: bool,
    /// Characters the provider ignores in user names (Gmail's dots; Proton's dots, `_` and `-`).
    ignored: &'static [char],
}

const PROVIDERS: &[Provider] = &[
    Provider {
        domains: &["gmail.com", "googlemail.com"],
        canonical: Some("gmail.com"),
        plus_tags: true,
        ignored: &['.'],
    },
    Provider {
        domains: &["outlook.com", "hotmail.com", "live.com", "msn.com"],
        canonical: None,
        plus_tags: true,
        ignored: &[],
    },
    Provider {
        domains: &["icloud.com", "me.com", "mac.com"],
        canonical: Some("icloud.com"),
        plus_tags: true,
        ignored: &[],
    },
    Provider {
        domains: &["proton.me", "protonmail.com", "protonmail.ch", "pm.me"],
        canonical: Some("proton.me"),
        plus_tags: true,
        ignored: &['.', '_', '-'],
    },
    Provider { domains: &["fastmail.com", "fastmail.fm"], canonical: None, plus_tags: true, ignored: &[] },
    // Zoho's own consumer domains, each its own (whether one name is one account on both is not
    // documented). Other Zoho data centres' domains (zoho.eu, zoho.in, ...) are not in the source's table.
    Provider { domains: &["zoho.com", "zohomail.com"], canonical: None, plus_tags: true, ignored: &[] },
    Provider {
        domains: &["yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua"],
        canonical: Some("yandex.ru"),
        plus_tags: true,
        ignored: &[],
    },
];

/// Fastmail's subdomain addressing: `anything@user.fastmail.com` is delivered to `user@fastmail.com`.
const SUBDOMAIN_ADDRESSING: [&str; 2] = ["fastmail.com", "fastmail.fm"];

const MALFORMED: &str = "not an email address (expected name@domain.tld)";
const HYPHEN: &str = "a domain name part cannot start or end with a hyphen";

pub(super) fn check(raw: &str) -> Checked {
    let address = without_wrapping(raw);
    let spaced = address.chars().any(char::is_whitespace);
    // Lowercase first, then NFC: a decomposed capital (`U` + combining diaeresis) composes to `ü`.
    let address: String = address.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).nfc().collect();
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Checked::new(address).with_warning(Some(MALFORMED));
    };
    // RFC 5321 section 4.1.2: a quoted local part that is also a dot-string names the same mailbox as the
    // dot-string ("jane.doe"@ is jane.doe@), which a sender should write without the quotes.
    let local = match local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        Some(inner) if is_dot_string(inner) => inner,
        _ => local,
    };
    // A Unicode label's hyphens are checked before IDNA hides them (`-bücher` → `xn---bcher-kva`).
    let hyphenated = domain.split('.').any(|l| l.starts_with('-') || l.ends_with('-'));
    // UTS #39 restriction levels: a word of a name or domain label whose letters mix Latin with Cyrillic or
    // Greek, or mix scripts more than a language does ("jаne" with a Cyrillic а), is how a look-alike address
    // dodges a match with the one it imitates. Latin with Han, kana or Hangul, or with one other script but
    // those two (moderately restrictive), is how people write; so are words in different scripts
    // ("пользователь_x", "пользователь+jobs").
    // A label typed in its ASCII form (`xn--exmple-4nf`) is read in the letters it stands for.
    let letters = idna::domain_to_unicode(domain).0;
    // A letter in a compatibility form (full-width `ｊ`, mathematical `𝐣`, the ligature `ﬁ`) stands for a
    // plain one (Unicode UAX #15: NFKC maps it there). IDNA maps the domain's; the name before @ keeps them.
    let compatible = super::compatibility_form(local, "another address");
    let mixed = std::iter::once(local).chain(letters.split('.')).find(|part| look_alike(part)).map(str::to_string);
    // IDNA also maps the domain's Unicode letters to their standard form (fullwidth, case, NFC).
    let (domain, idna_failed) = match idna::domain_to_ascii(domain) {
        Ok(ascii) => (ascii, false),
        Err(_) => (domain.to_string(), true),
    };
    let warning = if spaced {
        Some("an email address has no spaces".to_string())
    } else if idna_failed {
        Some(MALFORMED.to_string())
    } else if hyphenated {
        Some(HYPHEN.to_string())
    } else if let Some(problem) = compatible {
        Some(problem)
    } else if let Some(part) = mixed {
        Some(format!(
            "{part:?} mixes alphabets (such as Latin and Cyrillic), as a look-alike of another address does (Unicode UTS #39)"
        ))
    } else {
        syntax_problem(local, &domain)
    };
    let (local, domain) = mailbox(local, &domain);
    Checked::new(format!("{local}@{domain}")).with_warning(warning)
}

/// Whether `text` is an RFC 5321 dot-string: atoms of RFC 5322 `atext` (with RFC 6531's non-ASCII
/// characters) joined by single dots.
fn is_dot_string(text: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || !c.is_ascii();
    !text.is_empty() && text.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

/// Whether a word of `part` (a run of letters) mixes scripts beyond UTS #39's moderately restrictive level.
fn look_alike(part: &str) -> bool {
    part.split(|c: char| !c.is_alphabetic())
        .any(|word| word.detect_restriction_level() > RestrictionLevel::ModeratelyRestrictive)
}

/// Why `local@domain` (domain in ASCII) is not a deliverable address under RFC 5321 and RFC 6531
/// (Unicode local parts), or `None` when it is. Domain literals (`[192.0.2.1]`) are refused: a person's
/// address never is one.
fn syntax_problem(local: &str, domain: &str) -> Option<String> {
    let unquoted = !(local.starts_with('"') && local.ends_with('"') && local.len() >= 2);
    if local.is_empty() || domain.is_empty() {
        return Some(MALFORMED.into());
    }
    if unquoted && (local.starts_with('.') || local.ends_with('.') || local.contains("..")) {
        return Some("the name before @ cannot start or end with a dot or have two dots in a row".into());
    }
    if let Some(problem) = domain_problem(domain) {
        return Some(problem.into());
    }
    let options = Options::default().with_required_tld().without_domain_literal().without_display_text();
    EmailAddress::parse_with_options(&format!("{local}@{domain}"), options)
        .err()
        .map(|e| format!("not a valid email address: {}", e.to_string().to_lowercase().trim_end_matches('.')))
}

/// Why an ASCII domain is not a host name (RFC 1035/1123 labels), or `None`.
fn domain_problem(domain: &str) -> Option<&'static str> {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return Some(MALFORMED);
    }
    if labels.iter().any(|l| l.starts_with('-') || l.ends_with('-')) {
        return Some(HYPHEN);
    }
    if labels.iter().any(|l| l.len() > 63 || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')) {
        return Some("a domain name has only letters, digits and hyphens, at most 63 between dots");
    }
    if labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
        return Some("a domain name does not end in a number");
    }
    None
}

/// The mailbox a provider delivers `local@domain` to: its canonical domain, without a `+tag` or the
/// characters it ignores; Fastmail subdomain addresses and Yahoo disposable addresses reduced.
fn mailbox(local: &str, domain: &str) -> (String, String) {
    if let Some((user, base)) = domain.split_once('.')
        && SUBDOMAIN_ADDRESSING.contains(&base)
        && !user.contains('-')
    {
        return (user.to_string(), base.to_string());
    }
    if domain == "yahoo.com"
        && let Some((base, _keyword)) = local.split_once('-')
        && !base.is_empty()
    {
        // A Yahoo disposable address is `basename-keyword@yahoo.com`. Yahoo IDs cannot contain `-`, and
        // the base name is not the account's ID, so the key keeps the `-`: every keyword of one base
        // name links, and none links to a Yahoo ID that happens to equal the base name.
        return (format!("{base}-"), domain.to_string());
    }
    let Some(provider) = PROVIDERS.iter().find(|p| p.domains.contains(&domain)) else {
        return (local.to_string(), domain.to_string());
    };
    let local = match local.split_once('+') {
        Some((name, _tag)) if provider.plus_tags && !name.is_empty() => name,
        _ => local,
    };
    let stripped: String = local.chars().filter(|c| !provider.ignored.contains(c)).collect();
    let local = if stripped.is_empty() { local.to_string() } else { stripped };
    (local, provider.canonical.unwrap_or(domain).to_string())
}

/// The address inside `Name <address>` or `mailto:address?subject=...`, as pasted from a mail client.
pub fn without_wrapping(raw: &str) -> &str {
    let raw = match (raw.rfind('<'), raw.rfind('>')) {
        (Some(open), Some(close)) if open < close => &raw[open + 1..close],
        _ => raw,
    };
    let raw = raw.trim();
    match raw.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => {
            let rest = &raw[7..];
            rest.split_once('?').map_or(rest, |(address, _query)| address)
        }
        _ => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::norm;
    use crate::domain::IdentifierKind::Email;
    use crate::domain::identifier::Checked;

    fn email(raw: &str) -> String {
        norm(Email, raw).normalized
    }

    #[test]
    fn emails_lowercase_and_malformed_ones_warn() {
        let c = norm(Email, "  Jane.Doe@Example.COM ");
        assert_eq!(c, Checked { normalized: "jane.doe@example.com".into(), loose: None, warning: None });
        assert!(norm(Email, "jane.doe.example.com").warning.is_some());
        assert!(norm(Email, "jane@localhost").warning.is_some());
        assert!(norm(Email, "@example.com").warning.is_some());
        assert!(norm(Email, "jane@example.com.").warning.is_some());
        assert!(norm(Email, "jane@doe@example.com").warning.is_some());
    }

    #[test]
    fn inner_spaces_are_dropped_but_warn() {
        let c = norm(Email, "ja ne@exam ple.com");
        assert_eq!(c.normalized, "jane@example.com");
        assert_eq!(c.warning.as_deref(), Some("an email address has no spaces"));
    }

    #[test]
    fn internationalized_domains_become_ascii() {
        assert_eq!(email("jane@bücher.example"), "jane@xn--bcher-kva.example");
        assert_eq!(email("Jane@BÜCHER.example"), "jane@xn--bcher-kva.example");
        assert_eq!(email("jane@xn--bcher-kva.example"), "jane@xn--bcher-kva.example");
        // The local part may be Unicode too (SMTPUTF8); it is only lowercased.
        assert_eq!(email("Ünal@example.com"), "ünal@example.com");
        assert_eq!(norm(Email, "jane@bücher.example").warning, None);
    }

    #[test]
    fn gmail_ignores_dots_and_tags_and_googlemail_is_gmail() {
        assert_eq!(email("Jane.Doe+jobs@gmail.com"), "janedoe@gmail.com");
        assert_eq!(email("j.a.n.e.doe@googlemail.com"), "janedoe@gmail.com");
        assert_eq!(email("janedoe+a+b@GMAIL.com"), "janedoe@gmail.com");
    }

    #[test]
    fn other_providers_drop_tags_but_keep_dots() {
        assert_eq!(email("jane.doe+upwork@outlook.com"), "jane.doe@outlook.com");
        assert_eq!(email("jane.doe+x@hotmail.com"), "jane.doe@hotmail.com");
        assert_eq!(email("jane+x@icloud.com"), "jane@icloud.com");
        assert_eq!(email("jane+x@fastmail.com"), "jane@fastmail.com");
    }

    #[test]
    fn apple_and_proton_domains_are_one_namespace_and_proton_ignores_separators() {
        assert_eq!(email("Jane+x@me.com"), "jane@icloud.com");
        assert_eq!(email("jane@mac.com"), "jane@icloud.com");
        assert_eq!(email("jane.doe+x@proton.me"), "janedoe@proton.me");
        assert_eq!(email("jane_doe@protonmail.ch"), "janedoe@proton.me");
        assert_eq!(email("jane-doe@pm.me"), "janedoe@proton.me");
        assert_eq!(email("janedoe@protonmail.com"), "janedoe@proton.me");
        // Outlook's domains are separate namespaces.
        assert_ne!(email("jane@outlook.com"), email("jane@hotmail.com"));
    }

    #[test]
    fn fastmail_subdomains_and_yahoo_disposable_addresses_reduce() {
        assert_eq!(email("shop@jane.fastmail.com"), "jane@fastmail.com");
        assert_eq!(email("jane+shop@fastmail.com"), "jane@fastmail.com");
        assert_eq!(email("jdoe-shopping@yahoo.com"), "jdoe-@yahoo.com");
        assert_eq!(email("jdoe-news@yahoo.com"), email("jdoe-shopping@yahoo.com"));
        assert_ne!(email("jdoe-news@yahoo.com"), email("jdoe@yahoo.com"));
    }

    /// UAX #15: a full-width or mathematical letter in the name is named as the letter it stands for, not as
    /// a mix of alphabets; in the domain IDNA maps it (UTS #46), so the address is the plain one.
    #[test]
    fn a_compatibility_letter_is_named_as_the_letter_it_stands_for() {
        for (raw, plain, shown) in [
            ("\u{ff4a}\u{ff41}\u{ff4e}\u{ff45}@example.com", "j", "\u{ff4a}"),
            ("ja\u{1d427}e@example.com", "n", "\u{1d427}"),
            ("\u{fb01}nance@example.com", "fi", "\u{fb01}"),
        ] {
            let w = norm(Email, raw).warning.unwrap_or_default();
            assert!(w.contains(&format!("writes {plain:?} as {shown:?}")) && !w.contains("alphabets"), "{raw}: {w}");
        }
        let c = norm(Email, "jane@\u{ff47}\u{ff4d}\u{ff41}\u{ff49}\u{ff4c}.com");
        assert_eq!((c.normalized.as_str(), c.warning), ("jane@gmail.com", None));
    }

    /// UTS #39: a name or domain label in two alphabets (a Cyrillic а in a Latin name) fails the check; a
    /// name in one alphabet, any alphabet, with digits and punctuation, does not.
    #[test]
    fn a_look_alike_in_two_alphabets_fails_its_check() {
        for mixed in [
            "j\u{430}ne@example.com",
            "jane@ex\u{430}mple.com",
            "p\u{430}yp\u{430}l@example.com",
            "jane@xn--exmple-4nf.com",
        ] {
            let c = norm(Email, mixed);
            assert!(c.warning.as_deref().is_some_and(|w| w.contains("mixes alphabets")), "{mixed}: {c:?}");
        }
        for single in [
            "jane.doe+jobs@example.com",
            "\u{438}\u{432}\u{430}\u{43d}@example.com",
            "j\u{fc}rgen@b\u{fc}cher.example",
            "\u{5f20}\u{4f1f}@example.com",
            "\u{7528}\u{6237}_x@example.com",
            "\u{d55c}\u{ae00}kim@example.com",
            "o'brien@example.com",
            "\u{43f}\u{43e}\u{43b}\u{44c}\u{437}\u{43e}\u{432}\u{430}\u{442}\u{435}\u{43b}\u{44c}_x@example.com",
            "\u{3b4}\u{3bf}\u{3ba}\u{3b9}\u{3bc}\u{3ae}+jobs@example.com",
            "jane_2024@example.com",
        ] {
            assert_eq!(norm(Email, single).warning, None, "{single}");
        }
    }

    #[test]
    fn unicode_is_compared_in_nfc() {
        let composed = "j\u{fc}rgen@example.com";
        let decomposed = "ju\u{308}rgen@example.com";
        assert_eq!(email(decomposed), email(composed));
        assert_eq!(email("JU\u{308}RGEN@example.com"), "j\u{fc}rgen@example.com");
        assert_eq!(norm(Email, decomposed).warning, None);
    }

    #[test]
    fn addresses_that_break_rfc_5321_warn() {
        for bad in [
            ".jane@gmail.com",
            "jane.@gmail.com",
            "ja..ne@gmail.com",
            "jane@-bad.com",
            "jane@bad-.com",
            "jane@ex_ample.com",
            "jane@example.123",
            "ja(ne@example.com",
            "jane@[192.0.2.1]",
        ] {
            assert!(norm(Email, bad).warning.is_some(), "{bad}");
        }
        for good in [
            "\"ja..ne\"@example.com",
            "o'brien@example.ie",
            "jane_doe-1@sub.example.co.uk",
            "user%x@example.org",
            "δοκιμή@παράδειγμα.δοκιμή",
        ] {
            assert_eq!(norm(Email, good).warning, None, "{good}");
        }
    }

    /// RFC 5321 section 4.1.2: `"jane.doe"@` is the dot-string `jane.doe@` quoted; a quoted string that is
    /// no dot-string (`"ja..ne"`, `"jane doe"`) stays quoted.
    #[test]
    fn a_quoted_dot_string_is_the_same_mailbox_unquoted() {
        assert_eq!(email("\"jane.doe\"@example.com"), "jane.doe@example.com");
        assert_eq!(email("\"jane.doe\"@gmail.com"), email("janedoe@gmail.com"));
        assert_eq!(email("\"o'brien\"@example.ie"), "o'brien@example.ie");
        assert_eq!(email("\"ja..ne\"@example.com"), "\"ja..ne\"@example.com");
        assert_eq!(email("\".jane\"@example.com"), "\".jane\"@example.com");
        assert_eq!(email("\"\"@example.com"), "\"\"@example.com");
    }

    #[test]
    fn unknown_domains_keep_tags_and_dots() {
        assert_eq!(email("jane.doe+x@example.com"), "jane.doe+x@example.com");
        assert_eq!(email("jane.doe+x@yahoo.com"), "jane.doe+x@yahoo.com");
        // A local part that is only a tag is left alone.
        assert_eq!(email("+x@gmail.com"), "+x@gmail.com");
    }

    #[test]
    fn a_pasted_display_name_or_mailto_link_is_unwrapped() {
        assert_eq!(email("Jane Doe <Jane.Doe@Example.com>"), "jane.doe@example.com");
        assert_eq!(norm(Email, "Jane Doe <jane@example.com>").warning, None);
        assert_eq!(email("mailto:jane@example.com?subject=Hi"), "jane@example.com");
        assert_eq!(email("MAILTO:jane@example.com"), "jane@example.com");
    }
}
