//! Web addresses and handles. A profile URL on a known site reduces to the site and the handle it
//! names, so `https://github.com/JDoe/` and `github.com/jdoe` are the same key, `github:jdoe`. The same
//! user name on another site, or a handle typed with no site, is another account: it shares only the
//! weaker key, the user name alone.

use super::{Checked, refang};

/// Sites where `site/NAME` is a profile, with the first path segments that are pages of the site
/// instead.
#[rustfmt::skip]
const ONE_SEGMENT_PROFILES: &[(&str, &[&str])] = &[
    ("github.com", &[
        "about", "apps", "codespaces", "collections", "contact", "customer-stories", "dashboard", "enterprise",
        "events", "explore", "features", "issues", "join", "login", "logout", "marketplace", "new",
        "notifications", "organizations", "orgs", "pricing", "pulls", "readme", "search", "security",
        "settings", "signup", "site", "sponsors", "stars", "team", "topics", "trending",
    ]),
    ("gitlab.com", &["admin", "dashboard", "explore", "groups", "help", "projects", "search", "users"]),
    ("twitter.com", &[
        "compose", "explore", "hashtag", "home", "i", "intent", "login", "messages", "notifications",
        "privacy", "search", "settings", "share", "signup", "tos",
    ]),
    ("x.com", &[
        "compose", "explore", "hashtag", "home", "i", "intent", "login", "messages", "notifications",
        "privacy", "search", "settings", "share", "signup", "tos",
    ]),
    ("instagram.com", &["about", "accounts", "direct", "explore", "p", "reel", "reels", "stories", "tv"]),
    ("facebook.com", &[
        "events", "friends", "gaming", "groups", "hashtag", "help", "home.php", "login", "marketplace",
        "pages", "people", "photo.php", "search", "settings", "share", "sharer", "sharer.php", "story.php",
        "watch",
    ]),
    ("fiverr.com", &["categories", "gigs", "inbox", "join", "login", "pro", "resources", "search", "start_selling", "support"]),
    ("t.me", &["addstickers", "addtheme", "c", "iv", "joinchat", "proxy", "s", "setlanguage", "share", "socks"]),
    ("telegram.me", &["addstickers", "addtheme", "c", "iv", "joinchat", "proxy", "s", "setlanguage", "share", "socks"]),
];

/// Host prefixes for the same site: `www.`, and mobile sites.
const SITE_PREFIXES: [&str; 3] = ["www.", "m.", "mobile."];

pub(super) fn check_url(raw: &str) -> Checked {
    let url = Url::parse(raw);
    let well_formed = url.host.contains('.')
        && !url.host.starts_with('.')
        && url.host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'));
    let warning = (!well_formed).then_some("not a web address (expected host.tld/path)");
    let checked = match url.profile_handle() {
        Some(handle) if well_formed => {
            let handle = handle_key(&handle);
            Checked::new(format!("{}:{handle}", platform(&url.host))).with_loose(handle)
        }
        // A path keeps its case (RFC 3986: only the scheme and the host are case-insensitive), so that two
        // short links or file ids apart only by case (`bit.ly/3AbC`, `bit.ly/3abc`) are two addresses; the
        // same address in other letter case shares the weaker key, lowercase (rules 2026.12.7.13).
        _ => {
            let key = url.key();
            let lower = key.to_lowercase();
            match key.contains('/') {
                true => Checked::new(key).with_loose(lower),
                false => Checked::new(key),
            }
        }
    };
    checked.with_warning(warning)
}

/// A handle: no leading `@`, lowercase; its weaker key is itself, which a profile's user name on any site
/// shares. One typed as a URL (`github.com/jdoe`) is read as a URL.
pub(super) fn check_handle(raw: &str) -> Checked {
    if looks_like_url(raw) {
        return check_url(raw);
    }
    let handle = handle_key(raw);
    // A look-alike in compatibility letters dodges a match, as an email address's name is checked.
    let warning = super::compatibility_form(&handle, "another handle");
    Checked::new(handle.clone()).with_loose(handle).with_warning(warning)
}

/// The site a profile host belongs to, as a profile's key names it: `github`, `linkedin`, `x` (also
/// twitter.com), `telegram` (t.me and telegram.me), `medium` (also its subdomains).
fn platform(host: &str) -> &str {
    match host {
        "twitter.com" | "x.com" => "x",
        "t.me" | "telegram.me" => "telegram",
        _ if host.ends_with(".linkedin.com") => "linkedin",
        _ if host.ends_with(".medium.com") => "medium",
        _ => host.strip_suffix(".com").unwrap_or(host),
    }
}

fn handle_key(handle: &str) -> String {
    let words: Vec<&str> = handle.trim().trim_start_matches('@').split_whitespace().collect();
    words.join(" ").to_lowercase()
}

fn looks_like_url(raw: &str) -> bool {
    let lower = raw.trim().to_lowercase();
    let first = lower.split('/').next().unwrap_or_default();
    lower.contains("://")
        || lower.starts_with("www.")
        || (lower.contains('/') && first.contains('.') && !first.contains(char::is_whitespace))
}

/// The parts of a web address that say which page it is: lowercase host without `www.`, a mobile
/// prefix or a default port; percent-decoded path segments; the query only where it names the page.
struct Url {
    host: String,
    path: Vec<String>,
    query: String,
    /// The path and query with their letter case as typed: a few sites name a page by an id whose case
    /// matters (a YouTube video, a Telegram invite).
    cased_path: Vec<String>,
    cased_query: String,
}

impl Url {
    fn parse(raw: &str) -> Url {
        let mut url = Url::parse_text(&refang(raw.trim()), true);
        // Read a second time, as typed: a path keeps its case, but for a profile's user name, which its
        // site reads without case (`profile_handle`).
        let cased = Url::parse_text(&super::refanged(raw), false);
        (url.cased_path, url.cased_query) = (cased.path, cased.query);
        // `youtu.be/ID` is the video `youtube.com/watch?v=ID`.
        if url.host == "youtu.be"
            && let [id] = url.cased_path.as_slice()
        {
            let query = format!("v={id}");
            url = Url {
                host: "youtube.com".into(),
                path: vec!["watch".into()],
                query: query.clone(),
                cased_path: vec!["watch".into()],
                cased_query: query,
            };
        }
        url
    }

    /// The parts of `text`; with `lower`, the path's decoded characters lowercase.
    fn parse_text(text: &str, lower: bool) -> Url {
        let text = match text.split_once("://") {
            Some((scheme, rest)) if scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) => rest,
            _ => text.trim_start_matches("//"),
        };
        let text = text.split('#').next().unwrap_or_default();
        let (text, query) = text.split_once('?').unwrap_or((text, ""));
        let (authority, path) = text.split_once('/').unwrap_or((text, ""));
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")).unwrap_or(host);
        let mut host = host.trim_end_matches('.').to_string();
        if !host.is_ascii()
            && let Ok(ascii) = idna::domain_to_ascii(&host)
        {
            host = ascii;
        }
        while let Some(site) = SITE_PREFIXES.iter().find_map(|p| host.strip_prefix(p).filter(|rest| rest.contains('.')))
        {
            host = site.to_string();
        }
        let decoded = |s: &str| if lower { percent_decoded(s).to_lowercase() } else { percent_decoded(s) };
        let path = path.split('/').filter(|s| !s.is_empty()).map(decoded).collect();
        Url { host, path, query: query.to_string(), cased_path: Vec::new(), cased_query: String::new() }
    }

    /// `host/path`, plus the query parameter that names the page on the few sites that use one.
    fn key(&self) -> String {
        let mut key = self.host.clone();
        // A Telegram invite's hash is case-sensitive (base64url): `+AbC` and `+abc` are two invites.
        let invite = matches!(self.host.as_str(), "t.me" | "telegram.me")
            && (self.path.first().is_some_and(|s| s.starts_with('+'))
                || self.path.first().is_some_and(|s| s == "joinchat"))
            && self.cased_path.len() == self.path.len();
        // YouTube's `watch` page names its video by `v=`, which keeps its case below.
        let watch = self.host == "youtube.com" && self.path == ["watch"];
        let cased = invite || (!watch && self.cased_path.len() == self.path.len());
        let path = if cased { &self.cased_path } else { &self.path };
        for (i, segment) in path.iter().enumerate() {
            key.push('/');
            key.push_str(if invite && i == 0 && segment.eq_ignore_ascii_case("joinchat") {
                "joinchat"
            } else {
                segment
            });
        }
        // A YouTube video's id is case-sensitive (base64url): it is kept as typed.
        if self.host == "youtube.com"
            && self.path == ["watch"]
            && let Some(video) = param(&self.cased_query, "v")
        {
            key.push_str(&format!("?v={video}"));
        }
        key
    }

    fn param(&self, name: &str) -> Option<&str> {
        param(&self.query, name)
    }

    /// The user name a profile address names, on the sites vetdesk knows.
    fn profile_handle(&self) -> Option<String> {
        let host = self.host.as_str();
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        let handle = match (host, path.as_slice()) {
            (_, ["in", name, ..]) if host == "linkedin.com" || host.ends_with(".linkedin.com") => *name,
            ("t.me" | "telegram.me", ["s", name]) => *name,
            ("t.me" | "telegram.me", [name]) if name.starts_with('+') => return None, // an invite link
            ("upwork.com", ["freelancers" | "fl", name]) | ("upwork.com", ["o", "profiles", "users", name]) => *name,
            ("medium.com" | "youtube.com" | "tiktok.com", [name]) if name.starts_with('@') => *name,
            ("facebook.com", ["profile.php"]) => return self.param("id").map(str::to_string),
            (_, []) if host.ends_with(".medium.com") => host.strip_suffix(".medium.com")?,
            (_, [name]) => {
                let (_, reserved) = ONE_SEGMENT_PROFILES.iter().find(|(site, _)| *site == host)?;
                if reserved.contains(name) {
                    return None;
                }
                *name
            }
            _ => return None,
        };
        Some(handle.to_string())
    }
}

/// The value of query parameter `name` (as written: `v=` matches `v` only), when not empty.
fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).filter(|v| !v.is_empty())
}

/// `%C3%A9` → `é`, so a copied address matches one typed by hand; invalid encodings stay as they are.
fn percent_decoded(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match hex.filter(|_| bytes[i] == b'%').and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tests::norm;
    use crate::domain::IdentifierKind::{Handle, Url};

    fn url(raw: &str) -> String {
        norm(Url, raw).normalized
    }

    fn handle(raw: &str) -> String {
        norm(Handle, raw).normalized
    }

    #[test]
    fn urls_drop_scheme_www_port_query_fragment_and_trailing_slash() {
        assert_eq!(url("HTTPS://www.Example.com:443/Careers/?utm_source=x#apply"), "example.com/Careers");
        assert_eq!(url("http://example.com:80/"), "example.com");
        assert_eq!(url("example.com:8080/admin"), "example.com:8080/admin");
        assert_eq!(url("//m.example.com/a//b/"), "example.com/a/b");
        assert_eq!(url("https://user@portfolio.example.dev/work"), "portfolio.example.dev/work");
        assert_eq!(norm(Url, "https://example.com").warning, None);
    }

    #[test]
    fn profile_urls_reduce_to_the_handle() {
        assert_eq!(url("HTTPS://www.GitHub.com/Some-Dev/"), "github:some-dev");
        assert_eq!(url("https://www.linkedin.com/in/Jane-Doe-12ab34/"), "linkedin:jane-doe-12ab34");
        assert_eq!(url("uk.linkedin.com/in/jane-doe-12ab34/details/experience"), "linkedin:jane-doe-12ab34");
        assert_eq!(url("https://mobile.twitter.com/JDoe?lang=en"), "x:jdoe");
        assert_eq!(url("x.com/jdoe"), "x:jdoe");
        assert_eq!(url("https://t.me/jdoe_dev"), "telegram:jdoe_dev");
        assert_eq!(url("https://telegram.me/s/jdoe_dev"), "telegram:jdoe_dev");
        assert_eq!(url("instagram.com/jane.doe/"), "instagram:jane.doe");
        assert_eq!(url("https://m.facebook.com/jane.doe.77"), "facebook:jane.doe.77");
        assert_eq!(url("https://www.facebook.com/profile.php?id=100012345678&sk=about"), "facebook:100012345678");
        assert_eq!(url("https://www.upwork.com/freelancers/~01ab23cd45ef67?viewMode=1"), "upwork:~01ab23cd45ef67");
        assert_eq!(url("https://www.upwork.com/o/profiles/users/~01ab23cd45ef67/"), "upwork:~01ab23cd45ef67");
        assert_eq!(url("fiverr.com/jdoe_dev"), "fiverr:jdoe_dev");
        assert_eq!(url("gitlab.com/jdoe"), "gitlab:jdoe");
        assert_eq!(url("https://medium.com/@JDoe"), "medium:jdoe");
        assert_eq!(url("https://jdoe.medium.com/"), "medium:jdoe");
        assert_eq!(url("https://www.youtube.com/@JDoeCodes"), "youtube:jdoecodes");
    }

    /// The same user name on two sites, or typed with no site, is not one account: only the weaker key,
    /// the user name, is shared.
    #[test]
    fn one_user_name_on_two_sites_shares_only_the_weaker_key() {
        let (github, linkedin, bare) =
            (norm(Url, "github.com/jdoe"), norm(Url, "linkedin.com/in/JDoe/"), norm(Handle, "@jdoe"));
        assert_ne!(github.normalized, linkedin.normalized);
        assert_ne!(github.normalized, bare.normalized);
        for c in [&github, &linkedin, &bare] {
            assert_eq!(c.loose.as_deref(), Some("jdoe"));
        }
        assert_eq!(norm(Url, "https://twitter.com/jdoe").normalized, norm(Url, "x.com/JDoe").normalized);
    }

    #[test]
    fn site_pages_and_deeper_paths_are_not_profiles() {
        assert_eq!(url("https://github.com/orgs/acme"), "github.com/orgs/acme");
        assert_eq!(url("https://github.com/about"), "github.com/about");
        assert_eq!(url("https://github.com/jdoe/some-repo"), "github.com/jdoe/some-repo");
        assert_eq!(url("https://twitter.com/jdoe/status/123"), "twitter.com/jdoe/status/123");
        // An invite's hash and a video's id are case-sensitive (base64url): kept as typed.
        assert_eq!(url("https://t.me/+AbCdEf123"), "t.me/+AbCdEf123");
        assert_ne!(url("https://t.me/+AbCdEf123"), url("https://t.me/+abcdef123"));
        assert_eq!(url("HTTPS://T.ME/JoinChat/AbCdEf123"), "t.me/joinchat/AbCdEf123");
        assert_eq!(url("https://www.facebook.com/groups/remote-devs"), "facebook.com/groups/remote-devs");
        assert_eq!(url("https://www.linkedin.com/company/acme"), "linkedin.com/company/acme");
        assert_eq!(url("https://example.com/jdoe"), "example.com/jdoe");
        assert_eq!(url("https://m.me/jdoe"), "m.me/jdoe");
        assert_eq!(url("https://stackoverflow.com/users/12345/jdoe"), "stackoverflow.com/users/12345/jdoe");
        assert_eq!(url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42"), "youtube.com/watch?v=dQw4w9WgXcQ");
        assert_ne!(
            url("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            url("https://www.youtube.com/watch?v=DQW4W9WGXCQ")
        );
        assert_eq!(url("https://WWW.YOUTUBE.COM/WATCH?v=dQw4w9WgXcQ"), "youtube.com/watch?v=dQw4w9WgXcQ");
    }

    /// A path keeps its case (RFC 3986 section 6.2.2.1: only the scheme and the host are case-insensitive):
    /// short links, file ids and invites apart only by case are other resources, and share only the weaker
    /// key. The profile sites vetdesk knows read user names without case.
    #[test]
    fn a_path_keeps_its_case_but_on_the_profile_sites() {
        for (a, b) in [
            ("https://bit.ly/3AbCdE", "https://bit.ly/3abcde"),
            ("https://drive.google.com/file/d/1AbCdE/view", "https://drive.google.com/file/d/1abcde/view"),
            ("https://discord.gg/AbCdEf", "https://discord.gg/abcdef"),
            ("https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dqw4w9wgxcq"),
            ("https://www.youtube.com/shorts/AbCdEfGhIjK", "https://youtube.com/shorts/abcdefghijk"),
        ] {
            let (a, b) = (norm(Url, a), norm(Url, b));
            assert_ne!(a.normalized, b.normalized);
            assert_eq!(a.loose, b.loose, "the same address in other letter case: a weak link");
        }
        assert_eq!(url("https://youtu.be/dQw4w9WgXcQ?t=42"), url("https://www.youtube.com/watch?v=dQw4w9WgXcQ"));
        // A profile site reads its user names without case, not its other paths (a post, a file).
        assert_eq!(url("HTTPS://GITHUB.COM/JDoe"), "github:jdoe");
        assert_eq!(url("HTTPS://GITHUB.COM/JDoe/Some-Repo"), "github.com/JDoe/Some-Repo");
        assert_ne!(url("https://www.instagram.com/p/CxAbC12dEf/"), url("https://www.instagram.com/p/cxabc12def/"));
        // A `V=` is not the video's `v=`.
        assert_eq!(url("https://www.youtube.com/watch?V=dQw4w9WgXcQ"), "youtube.com/watch");
        assert_eq!(norm(Url, "example.com").loose, None, "no path, nothing in another case");
    }

    #[test]
    fn non_ascii_hosts_and_encoded_paths_match_their_plain_forms() {
        assert_eq!(url("https://bücher.example/Über"), "xn--bcher-kva.example/Über");
        assert_eq!(url("https://xn--bcher-kva.example/%C3%9Cber"), "xn--bcher-kva.example/Über");
        assert_eq!(url("https://www.linkedin.com/in/jos%C3%A9-p%C3%A9rez"), "linkedin:josé-pérez");
        assert_eq!(url("example.com/100%25"), "example.com/100%");
        assert_eq!(url("example.com/%zz"), "example.com/%zz");
    }

    #[test]
    fn defanged_urls_are_restored() {
        assert_eq!(url("hxxps://evil-recruiter[.]example/apply"), "evil-recruiter.example/apply");
    }

    #[test]
    fn urls_without_a_dotted_host_warn() {
        assert!(norm(Url, "localhost/admin").warning.is_some());
        assert!(norm(Url, "not a url").warning.is_some());
        assert!(norm(Url, "https:///path").warning.is_some());
    }

    #[test]
    fn a_handle_in_full_width_letters_is_flagged_as_a_look_alike() {
        let c = norm(Handle, "\u{ff4a}\u{ff44}\u{ff4f}\u{ff45}");
        assert!(
            c.warning.as_deref().is_some_and(|w| w.contains("compatibility form") && w.contains("UAX #15")),
            "{c:?}"
        );
        assert_eq!(norm(Handle, "jdoe").warning, None);
        assert_eq!(norm(Handle, "пользователь").warning, None, "letters of another script are no look-alike");
    }

    #[test]
    fn handles_drop_the_at_and_lowercase() {
        assert_eq!(handle("@JDoe"), "jdoe");
        assert_eq!(handle("  jdoe_dev "), "jdoe_dev");
        assert_eq!(handle("@@jdoe"), "jdoe");
        assert_eq!(handle("@jdoe@mastodon.social"), "jdoe@mastodon.social");
        assert_eq!(handle("live:.cid.12ab"), "live:.cid.12ab");
        assert_eq!(norm(Handle, "@jdoe").loose.as_deref(), Some("jdoe"));
    }

    #[test]
    fn handles_typed_as_urls_reduce_like_urls() {
        assert_eq!(handle("github.com/JDoe"), "github:jdoe");
        assert_eq!(handle("https://t.me/jdoe"), "telegram:jdoe");
        assert_eq!(handle("www.linkedin.com/in/jdoe"), "linkedin:jdoe");
        assert_eq!(handle("example.com/jdoe"), "example.com/jdoe");
        assert_eq!(handle("jane.doe"), "jane.doe");
        assert_eq!(handle(&url("https://github.com/jdoe")), url("https://github.com/jdoe"));
    }
}
