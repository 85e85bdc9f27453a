//! Email addresses: lowercase, ASCII domains, and the provider rules that make two spellings one mailbox.

use super::Checked;

/// Providers that deliver `name+tag@` to `name@`. Their user names cannot contain `+`, so dropping the
/// tag never merges two mailboxes.
const PLUS_TAG_PROVIDERS: [&str; 17] = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "protonmail.ch",
    "proton.me",
    "pm.me",
    "fastmail.com",
    "fastmail.fm",
    "yandex.ru",
    "yandex.com",
];

pub(super) fn check(raw: &str) -> Checked {
    let address = without_wrapping(raw);
    let spaced = address.chars().any(char::is_whitespace);
    let address: String = address.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let Some((local, domain)) = address.split_once('@') else {
        return Checked::new(address).with_warning(Some("not an email address (expected name@domain.tld)"));
    };
    // IDNA also maps the domain's Unicode letters to their standard form (fullwidth, case).
    let (domain, idna_failed) = match idna::domain_to_ascii(domain) {
        Ok(ascii) => (ascii, false),
        Err(_) => (domain.to_string(), true),
    };
    let well_formed = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !idna_failed;
    let warning = if spaced {
        Some("an email address has no spaces")
    } else if !well_formed {
        Some("not an email address (expected name@domain.tld)")
    } else {
        None
    };
    let domain = if domain == "googlemail.com" { "gmail.com".to_string() } else { domain };
    let local = mailbox(local, &domain);
    Checked::new(format!("{local}@{domain}")).with_warning(warning)
}

/// The mailbox a provider delivers `local` to: without a `+tag` where the provider ignores it, and
/// without dots at Gmail.
fn mailbox(local: &str, domain: &str) -> String {
    let local = match local.split_once('+') {
        Some((name, _tag)) if !name.is_empty() && PLUS_TAG_PROVIDERS.contains(&domain) => name,
        _ => local,
    };
    if domain == "gmail.com" { local.replace('.', "") } else { local.to_string() }
}

/// The address inside `Name <address>` or `mailto:address?subject=...`, as pasted from a mail client.
fn without_wrapping(raw: &str) -> &str {
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
        assert_eq!(email("jane.doe+x@proton.me"), "jane.doe@proton.me");
        assert_eq!(email("jane+x@icloud.com"), "jane@icloud.com");
        assert_eq!(email("jane+x@fastmail.com"), "jane@fastmail.com");
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
