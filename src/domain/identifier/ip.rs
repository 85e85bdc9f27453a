//! IP addresses: canonical text (RFC 5952 for IPv6), with the /24 or /64 network as the loose key, since
//! one subscriber's address changes within it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::{Checked, refang};

pub(super) fn check(raw: &str) -> Checked {
    let text = refang(raw);
    match parse(text.trim()) {
        Ok(ip) => Checked::new(ip.to_string()).with_loose(network(ip)),
        Err(why) => Checked::new(text.trim()).with_warning(Some(why)),
    }
}

/// An address as typed in logs and reports: maybe in brackets, with a port, a zone (`%eth0`) or a
/// host-route suffix (`/32`, `/128`). An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is its IPv4 address.
/// `Err` says why the text is not one address.
fn parse(text: &str) -> Result<IpAddr, &'static str> {
    const NOT_AN_ADDRESS: &str = "not an IPv4 or IPv6 address";
    let (text, prefix) = match text.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (text, None),
    };
    let ip = text
        .parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| text.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
        .or_else(|| text.split_once('%')?.0.parse::<Ipv6Addr>().ok().map(IpAddr::V6))
        .ok_or(NOT_AN_ADDRESS)?;
    // The host route is checked against the family as written: `::ffff:1.2.3.4/128` is one address
    // (the /128 of a mapped address is the /32 of its IPv4 address), `::ffff:1.2.3.4/32` a network.
    let host_route = if ip.is_ipv4() { "32" } else { "128" };
    if let Some(prefix) = prefix.filter(|p| *p != host_route) {
        let width = if ip.is_ipv4() { 32 } else { 128 };
        return Err(match prefix.parse::<u8>() {
            Ok(bits) if bits < width => "a network wider than one address (record one address, or its /32 or /128)",
            _ => NOT_AN_ADDRESS,
        });
    }
    Ok(match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    })
}

fn network(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{}/24", Ipv4Addr::new(a, b, c, 0))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::norm;
    use crate::domain::IdentifierKind::Ip;

    fn ip(raw: &str) -> String {
        norm(Ip, raw).normalized
    }

    #[test]
    fn ips_are_canonical() {
        assert_eq!(ip("2001:DB8:0:0::1"), "2001:db8::1");
        assert_eq!(ip("2001:0db8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
        assert_eq!(ip(" 203.0.113.7 "), "203.0.113.7");
        assert!(norm(Ip, "300.1.1.1").warning.is_some());
        assert!(norm(Ip, "203.0.113").warning.is_some());
    }

    #[test]
    fn mapped_bracketed_ported_and_defanged_forms_are_the_plain_address() {
        assert_eq!(ip("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(ip("[2001:db8::1]"), "2001:db8::1");
        assert_eq!(ip("[2001:db8::1]:443"), "2001:db8::1");
        assert_eq!(ip("203.0.113.7:8080"), "203.0.113.7");
        assert_eq!(ip("203.0.113[.]7"), "203.0.113.7");
        assert_eq!(ip("fe80::1%eth0"), "fe80::1");
        assert_eq!(ip("203.0.113.7/32"), "203.0.113.7");
        assert_eq!(norm(Ip, "203.0.113.7").warning, None);
    }

    #[test]
    fn a_host_route_is_the_address_in_the_family_it_is_written_in() {
        for (raw, want) in [
            ("::ffff:1.2.3.4/128", Some("1.2.3.4")),
            ("::FFFF:203.0.113.7/128", Some("203.0.113.7")),
            ("::ffff:cb00:7107/128", Some("203.0.113.7")),
            ("2001:db8::1/128", Some("2001:db8::1")),
            ("203.0.113.7/32", Some("203.0.113.7")),
            ("::ffff:1.2.3.4/32", None),
            ("::ffff:1.2.3.4/96", None),
            ("203.0.113.7/128", None),
            ("2001:db8::1/32", None),
            ("2001:db8::1/64", None),
        ] {
            let c = norm(Ip, raw);
            match want {
                Some(ip) => {
                    assert_eq!(c.normalized, ip, "{raw}");
                    assert_eq!(c.warning, None, "{raw}");
                }
                None => assert!(c.warning.is_some(), "{raw} is a network"),
            }
        }
        assert_eq!(norm(Ip, "::ffff:1.2.3.4/128").loose.as_deref(), Some("1.2.3.0/24"));
    }

    #[test]
    fn a_network_is_not_an_address() {
        let c = norm(Ip, "203.0.113.0/24");
        assert!(c.warning.as_deref().is_some_and(|w| w.starts_with("a network wider than one address")), "{c:?}");
        assert_eq!(c.loose, None);
        let c = norm(Ip, "2001:db8::/48");
        assert!(c.warning.as_deref().is_some_and(|w| w.starts_with("a network wider than one address")), "{c:?}");
        // A prefix no address has is no network either.
        assert_eq!(norm(Ip, "203.0.113.7/33").warning.as_deref(), Some("not an IPv4 or IPv6 address"));
    }

    #[test]
    fn the_loose_key_is_the_network() {
        assert_eq!(norm(Ip, "203.0.113.7").loose.as_deref(), Some("203.0.113.0/24"));
        assert_eq!(norm(Ip, "::ffff:203.0.113.99").loose.as_deref(), Some("203.0.113.0/24"));
        assert_eq!(norm(Ip, "2001:db8:1:2:3:4:5:6").loose.as_deref(), Some("2001:db8:1:2::/64"));
        assert_eq!(norm(Ip, "2001:db8::1").loose.as_deref(), Some("2001:db8::/64"));
    }
}
