//! IP addresses: canonical text (RFC 5952 for IPv6), with the /24 or /64 network as the loose key, since
//! one subscriber's address changes within it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::{Checked, refang};

pub(super) fn check(raw: &str) -> Checked {
    let text = refang(raw);
    match parse(text.trim()) {
        // One that names no machine of its own has no network key either: its network is every network.
        Ok(ip) if shared_by_many(ip).is_some() => Checked::new(ip.to_string()),
        Ok(ip) => Checked::new(ip.to_string()).with_loose(network(ip)),
        Err(why) => Checked::new(text.trim()).with_warning(Some(why)),
    }
}

/// What an address is when it names no one machine a subscriber could be found behind: one any network
/// may use for itself, or that no network routes. Shared by two cases, such an address says nothing of
/// either, so it ties no cases (rules 2026.12.7.6). The documentation ranges (RFC 5737, RFC 3849) are
/// ordinary addresses here: the manual's examples and the demo workspace use them for public ones.
pub fn shared_by_many(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            let c = v4.octets()[2];
            Some(match (a, b) {
                (0, _) => "an unspecified address (RFC 1122): it names no machine",
                (127, _) => "a loopback address (RFC 1122): every machine has it for itself",
                (10, _) | (172, 16..=31) | (192, 168) => {
                    "a private address (RFC 1918): any home or office network may use it"
                }
                (100, 64..=127) => "a carrier-grade NAT address (RFC 6598): a provider gives it to many subscribers",
                (169, 254) => "a link-local address (RFC 3927): it holds on one network segment only",
                (198, 18..=19) => {
                    "a benchmarking address (RFC 2544): no network routes it, and proxy tools hand it out locally"
                }
                (192, 0) if c == 0 => "an IETF protocol address (RFC 6890): it names no one machine",
                (224..=239, _) => "a multicast address: it names a group, not a machine",
                (240..=255, _) => "a reserved or broadcast address: no network routes it",
                _ => return None,
            })
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            Some(if v6.is_unspecified() {
                "an unspecified address (RFC 4291): it names no machine"
            } else if v6.is_loopback() {
                "a loopback address (RFC 4291): every machine has it for itself"
            } else if first == 0 {
                "an address of the reserved block ::/16 (RFC 4291): no network routes it"
            } else if first == 0x0100 && v6.segments()[1..4] == [0, 0, 0] {
                "a discard address (RFC 6666): no network routes it"
            } else if first == 0x2002 {
                // 6to4 (RFC 3056) carries an IPv4 address in its second and third groups: it is that address.
                let [_, hi, lo, ..] = v6.segments();
                let v4 = Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
                shared_by_many(IpAddr::V4(v4))?;
                "a 6to4 address (RFC 3056) carrying an IPv4 address that names no machine of its own"
            } else if let Some(v4) = nat64(v6) {
                // Read as its IPv4 address when typed; a key stored before that is judged as that address.
                shared_by_many(IpAddr::V4(v4))?;
                "a NAT64 address (RFC 6052) carrying an IPv4 address that names no machine of its own"
            } else if v6.segments()[..3] == [0x64, 0xff9b, 1] {
                "a NAT64 local-use address (RFC 8215): any network may use it for itself"
            } else if first & 0xfe00 == 0xfc00 {
                "a unique local address (RFC 4193): any network may use it for itself"
            } else if first & 0xffc0 == 0xfe80 {
                "a link-local address (RFC 4291): it holds on one network segment only"
            } else if first & 0xffc0 == 0xfec0 {
                "a site-local address (RFC 3879): any network may have used it for itself"
            } else if first & 0xff00 == 0xff00 {
                "a multicast address: it names a group, not a machine"
            } else {
                return None;
            })
        }
    }
}

/// Why a stored IP key ties no cases, if it does not: it is not an address at all (kept with its
/// warning), or one [`shared_by_many`]. Exactly the IP keys stored without a network key.
pub fn ties_nothing(key: &str) -> Option<&'static str> {
    match key.parse::<IpAddr>() {
        Ok(ip) => shared_by_many(ip),
        Err(_) => Some("not an IPv4 or IPv6 address"),
    }
}

/// An address as typed in logs and reports: maybe in brackets, with a port, a zone (`%eth0`) or a
/// host-route suffix (`/32`, `/128`). An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is its IPv4 address, and
/// so is a NAT64 one of the well-known prefix (`64:ff9b::1.2.3.4`).
/// `Err` says why the text is not one address.
fn parse(text: &str) -> Result<IpAddr, &'static str> {
    const NOT_AN_ADDRESS: &str = "not an IPv4 or IPv6 address";
    let (text, prefix) = match text.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (text, None),
    };
    // Brackets, with a port after them or not: `[2001:db8::1]:443`, `[8.8.8.8]:53`, `[fe80::1%eth0]:22`.
    let text = match text.strip_prefix('[').and_then(|t| t.split_once(']')) {
        Some((inside, "")) => inside,
        Some((inside, port)) if port.strip_prefix(':').is_some_and(is_port) => inside,
        _ => text,
    };
    let ip = text
        .parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
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
        IpAddr::V6(v6) => v6.to_ipv4_mapped().or_else(|| nat64(v6)).map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    })
}

/// The IPv4 address a NAT64 address of the well-known prefix (`64:ff9b::/96`, RFC 6052) stands for: the
/// one machine it reaches, as `::ffff:` maps one (rules 2026.12.7.15).
fn nat64(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let [.., hi, lo] = v6.segments();
    (v6.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0])
        .then(|| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8))
}

/// A port number as written after an address: 1 to 5 digits, at most 65535.
fn is_port(text: &str) -> bool {
    (1..=5).contains(&text.len())
        && text.chars().all(|c| c.is_ascii_digit())
        && text.parse::<u32>().is_ok_and(|p| p <= 65_535)
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
        // NAT64's well-known prefix (RFC 6052) reaches the IPv4 address it carries.
        assert_eq!(ip("64:ff9b::203.0.113.7"), "203.0.113.7");
        assert_eq!(ip("64:ff9b::cb00:7107"), "203.0.113.7");
        assert_eq!(ip("64:ff9b:1::cb00:7107"), "64:ff9b:1::cb00:7107", "the local-use prefix is no such mapping");
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

    /// The blocks of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890) that name no
    /// machine of its own, at both ends of each block, and the addresses just outside them, which do.
    #[test]
    fn addresses_any_network_may_use_tie_nothing_and_have_no_network_key() {
        let no_one = [
            "0.0.0.0",
            "0.255.255.255",
            "10.0.0.0",
            "10.255.255.255",
            "100.64.0.0",
            "100.127.255.255",
            "127.0.0.1",
            "127.255.255.255",
            "169.254.0.0",
            "169.254.255.255",
            "172.16.0.0",
            "172.31.255.255",
            "192.168.0.0",
            "192.168.255.255",
            "224.0.0.1",
            "239.255.255.255",
            "240.0.0.0",
            "255.255.255.255",
            // `::` alone holds no letter or digit, so it is refused as nothing to match on.
            "0:0:0:0:0:0:0:0",
            "::1",
            "::192.168.1.10",
            "fc00::",
            "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::",
            "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "ff02::1",
            "::ffff:10.1.2.3",
            "fe80::1%eth0",
            "[fe80::1%eth0]:22",
            "[10.0.0.5]:8080",
            "198.18.0.0",
            "198.19.255.255",
            "192.0.0.8",
            "fec0::1",
            "feff:ffff::1",
            "100::1",
            "2002:c0a8:10a::1",
            "64:ff9b::192.168.1.1",
            "64:ff9b::c0a8:101",
            "64:ff9b:1::5",
        ];
        for raw in no_one {
            let c = norm(Ip, raw);
            assert_eq!(c.warning, None, "{raw}");
            assert_eq!(c.loose, None, "{raw}: no network key");
            assert!(Ip.ties_nothing(&c.normalized).is_some(), "{raw}");
        }
        let someone = [
            "1.0.0.0",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.0",
            "169.253.255.255",
            "169.255.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.167.255.255",
            "192.169.0.0",
            "223.255.255.255",
            // The documentation ranges (RFC 5737, RFC 3849) stand for public addresses in examples.
            "192.0.2.5",
            "198.51.100.7",
            "203.0.113.7",
            "2001:db8::1",
            "1::",
            "64:ff9b::c000:205",
            "fbff:ffff::1",
            "2001:4860:4860::8888",
            "198.17.255.255",
            "198.20.0.0",
            "192.0.1.0",
            "100:0:0:1::1",
            "2002:808:808::1",
            "64:ff9b::808:808",
            "[8.8.8.8]:53",
        ];
        for raw in someone {
            let c = norm(Ip, raw);
            assert!(c.loose.is_some(), "{raw}: a network key");
            assert_eq!(Ip.ties_nothing(&c.normalized), None, "{raw}");
        }
        // Nor does a value kept with its warning: it is no address.
        let kept = norm(Ip, "300.1.1.1");
        assert_eq!(kept.loose, None);
        assert!(Ip.ties_nothing(&kept.normalized).is_some());
    }
}
