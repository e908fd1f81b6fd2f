//! Following a calendar by its address: which addresses may be fetched, how an address is shown
//! back to its owner, and when a failing subscription is paused. No I/O here; the server's
//! fetcher asks these rules before every request and every redirect.

use super::import::ImportError;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use url::{Host, Url};

/// How often a followed calendar is fetched again.
pub const EVERY_SECS: i64 = 30 * 60;
/// A calendar that has failed for this long is paused and its owner told.
pub const PAUSE_AFTER_SECS: i64 = 7 * 86_400;
/// Redirects followed for one fetch; one more is a failure.
pub const MAX_REDIRECTS: usize = 5;
/// The longest address accepted.
pub const MAX_ADDRESS_CHARS: usize = 2_000;
/// Hosts an admin may allow to be fetched although they are private (a calendar server inside
/// the NGO's own network).
pub const MAX_ALLOWED_HOSTS: usize = 20;

string_enum! {
    /// Why a calendar address could not be followed or fetched, as stored and shown translated.
    FetchProblem {
        BadAddress => "bad_address",
        NotHttps => "not_https",
        PrivateAddress => "private_address",
        TooManyRedirects => "too_many_redirects",
        Unreachable => "unreachable",
        Timeout => "timeout",
        HttpStatus => "http_status",
        TooBig => "too_big",
        NotCalendar => "not_calendar",
        Unreadable => "unreadable",
        NoEvents => "no_events",
        TooManyEvents => "too_many_events",
        TooManyBusy => "too_many_busy",
    }
}

impl FetchProblem {
    /// The problem of a fetched body that could not be imported as a whole.
    pub fn of_import(error: &ImportError) -> FetchProblem {
        match error {
            ImportError::Empty | ImportError::NotCalendar => FetchProblem::NotCalendar,
            ImportError::TooBig => FetchProblem::TooBig,
            ImportError::NoEvents => FetchProblem::NoEvents,
            ImportError::TooManyEvents => FetchProblem::TooManyEvents,
            ImportError::TooManyBusyTimes => FetchProblem::TooManyBusy,
            _ => FetchProblem::Unreadable,
        }
    }
}

/// A failed fetch: the problem, and for `HttpStatus` the status the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchFailure {
    pub problem: FetchProblem,
    pub detail: Option<String>,
}

impl From<FetchProblem> for FetchFailure {
    fn from(problem: FetchProblem) -> Self {
        FetchFailure {
            problem,
            detail: None,
        }
    }
}

impl FetchFailure {
    pub fn http_status(status: u16) -> FetchFailure {
        FetchFailure {
            problem: FetchProblem::HttpStatus,
            detail: Some(status.to_string()),
        }
    }

    /// As kept in the subscription's last error: `code` or `code:detail`.
    pub fn stored(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{}:{detail}", self.problem.code()),
            None => self.problem.code().to_string(),
        }
    }

    /// Read back from [`FetchFailure::stored`]; an unknown code reads as unreadable.
    pub fn from_stored(text: &str) -> FetchFailure {
        let (code, detail) = match text.split_once(':') {
            Some((code, detail)) => (code, Some(detail.to_string())),
            None => (text, None),
        };
        FetchFailure {
            problem: FetchProblem::parse(code).unwrap_or(FetchProblem::Unreadable),
            detail,
        }
    }
}

/// The address a person pasted, as the URL to fetch: `webcal://` (what calendar apps hand out)
/// becomes `https://`; anything but an absolute http(s) URL with a host is refused.
pub fn parse_address(text: &str) -> Result<Url, FetchProblem> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_ADDRESS_CHARS {
        return Err(FetchProblem::BadAddress);
    }
    let lower = text.to_ascii_lowercase();
    let text = ["webcals://", "webcal://"]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map(|prefix| format!("https://{}", &text[prefix.len()..]))
        .unwrap_or_else(|| text.to_string());
    let url = Url::parse(&text).map_err(|_| FetchProblem::BadAddress)?;
    match url.scheme() {
        "https" | "http" if url.host().is_some() => Ok(url),
        "https" | "http" => Err(FetchProblem::BadAddress),
        _ => Err(FetchProblem::NotHttps),
    }
}

/// The host names (or addresses) an admin allowed, from the setting's text: one per line or
/// separated by commas or spaces, lower case. Refused when an entry is not a host name or an IP
/// address, or there are too many (`None`).
pub fn parse_allowed_hosts(text: &str) -> Option<Vec<String>> {
    let hosts: Vec<String> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|h| !h.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let valid = |h: &String| {
        h.len() <= 253
            && (h.parse::<IpAddr>().is_ok()
                || h.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                }))
    };
    (hosts.len() <= MAX_ALLOWED_HOSTS && hosts.iter().all(valid)).then_some(hosts)
}

/// The host of `url` as written in the allow-list (IPv6 without brackets).
pub fn host_name(url: &Url) -> Option<String> {
    Some(match url.host()? {
        Host::Domain(name) => name.to_ascii_lowercase(),
        Host::Ipv4(ip) => ip.to_string(),
        Host::Ipv6(ip) => ip.to_string(),
    })
}

/// What the fetcher may do with `url`: refused unless it is https (or http to an allowed host)
/// and, when its host is an address, a public one (or an allowed host). `Ok(true)` when the host
/// is allowed, so that its name may also resolve to private addresses.
pub fn check_target(url: &Url, allowed: &[String]) -> Result<bool, FetchProblem> {
    let host = host_name(url).ok_or(FetchProblem::BadAddress)?;
    let is_allowed = allowed.contains(&host);
    match url.scheme() {
        "https" => {}
        "http" if is_allowed => {}
        _ => return Err(FetchProblem::NotHttps),
    }
    let literal = match url.host() {
        Some(Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
        _ => None,
    };
    match literal {
        Some(ip) if !is_allowed && !is_public(ip) => Err(FetchProblem::PrivateAddress),
        _ => Ok(is_allowed),
    }
}

/// Whether `ip` is an address on the public internet: not loopback, private, link-local,
/// shared (carrier-grade NAT), documentation, benchmarking, multicast or reserved space.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => is_public_v6(ip),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19)))
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let first = ip.segments()[0];
    let nat64 = ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    if nat64 {
        let [_, _, _, _, _, _, hi, lo] = ip.segments();
        return is_public_v4(Ipv4Addr::from(((hi as u32) << 16) | lo as u32));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // The IPv4-compatible (deprecated) and other reserved space below 2000::/3.
        || (first & 0xe000) != 0x2000)
}

/// The address as shown back to its owner: scheme and host, and the file name when it is short
/// and ends in `.ics`; the rest (where the secret is) hidden. For example
/// `https://calendar.google.com/…/basic.ics`.
pub fn masked(url: &Url) -> String {
    let host = host_name(url).unwrap_or_default();
    let file = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .filter(|f| f.to_ascii_lowercase().ends_with(".ics") && f.chars().count() <= 24);
    match file {
        Some(file) => format!("{}://{host}/…/{file}", url.scheme()),
        None => format!("{}://{host}/…", url.scheme()),
    }
}

/// Whether a calendar failing since `failing_since` is to be paused now.
pub fn should_pause(failing_since: i64, now: i64) -> bool {
    now - failing_since >= PAUSE_AFTER_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        parse_address(text).expect("address")
    }

    #[test]
    fn webcal_becomes_https_and_other_schemes_are_refused() {
        assert_eq!(
            url("webcal://p52-caldav.icloud.com/published/2/abc").as_str(),
            "https://p52-caldav.icloud.com/published/2/abc"
        );
        assert_eq!(
            url("  WEBCAL://example.org/a.ics ").as_str(),
            "https://example.org/a.ics"
        );
        assert_eq!(url("webcals://example.org/a").scheme(), "https");
        assert_eq!(
            parse_address("ftp://example.org/a.ics"),
            Err(FetchProblem::NotHttps)
        );
        assert_eq!(
            parse_address("file:///etc/passwd"),
            Err(FetchProblem::NotHttps)
        );
        for bad in ["", "calendar", "https://", "//example.org/a"] {
            assert_eq!(parse_address(bad), Err(FetchProblem::BadAddress), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_ADDRESS_CHARS));
        assert_eq!(parse_address(&long), Err(FetchProblem::BadAddress));
    }

    #[test]
    fn only_public_https_targets_unless_allowed() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            check_target(&url("https://calendar.google.com/x.ics"), &none),
            Ok(false)
        );
        assert_eq!(
            check_target(&url("http://calendar.google.com/x.ics"), &none),
            Err(FetchProblem::NotHttps)
        );
        for private in [
            "https://127.0.0.1/x",
            "https://10.1.2.3/x",
            "https://192.168.0.10/x",
            "https://172.16.5.4/x",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/x",
            "https://0.0.0.0/x",
            "https://[::1]/x",
            "https://[fd00::1]/x",
            "https://[fe80::1]/x",
            "https://[::ffff:127.0.0.1]/x",
            "https://[64:ff9b::a00:1]/x",
            "https://2130706433/x",
            "https://0x7f.1/x",
        ] {
            assert_eq!(
                check_target(&url(private), &none),
                Err(FetchProblem::PrivateAddress),
                "{private}"
            );
        }
        let allowed = vec!["127.0.0.1".to_string(), "calendar.lan".to_string()];
        assert_eq!(
            check_target(&url("http://127.0.0.1:8080/x.ics"), &allowed),
            Ok(true)
        );
        assert_eq!(
            check_target(&url("https://CALENDAR.lan/x.ics"), &allowed),
            Ok(true)
        );
        assert_eq!(
            check_target(&url("https://10.0.0.1/x"), &allowed),
            Err(FetchProblem::PrivateAddress)
        );
    }

    #[test]
    fn public_addresses() {
        for ip in [
            "8.8.8.8",
            "193.40.5.1",
            "2a00:1450:4001::200e",
            "100.128.0.1",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "192.0.2.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "2001:db8::1",
            "ff02::1",
            "::",
            "::127.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn the_secret_part_is_never_shown() {
        let google = url("https://calendar.google.com/calendar/ical/liis%40gmail.com/private-0a1b2c3d4e/basic.ics");
        assert_eq!(masked(&google), "https://calendar.google.com/…/basic.ics");
        let apple = url("webcal://p52-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEyMzQ1Njc4");
        assert_eq!(masked(&apple), "https://p52-caldav.icloud.com/…");
        let nextcloud =
            url("https://cloud.example.org/remote.php/dav/public-calendars/k3Y9fX?export");
        assert_eq!(masked(&nextcloud), "https://cloud.example.org/…");
        let with_login = url("https://liis:secret@cloud.example.org/a.ics");
        assert_eq!(masked(&with_login), "https://cloud.example.org/…/a.ics");
        let long_name = url("https://example.org/0a1b2c3d4e5f6a7b8c9d0e1f2a3b.ics");
        assert_eq!(masked(&long_name), "https://example.org/…");
    }

    #[test]
    fn allowed_hosts_are_host_names_or_addresses() {
        assert_eq!(
            parse_allowed_hosts("127.0.0.1, Calendar.LAN\n::1"),
            Some(vec![
                "127.0.0.1".to_string(),
                "calendar.lan".to_string(),
                "::1".to_string()
            ])
        );
        assert_eq!(parse_allowed_hosts(""), Some(Vec::new()));
        assert_eq!(parse_allowed_hosts("http://x.org/"), None);
        assert_eq!(parse_allowed_hosts("a..b"), None);
        let many = (0..=MAX_ALLOWED_HOSTS)
            .map(|n| format!("h{n}.lan"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(parse_allowed_hosts(&many), None);
    }

    #[test]
    fn a_calendar_is_paused_after_a_week_of_failures() {
        assert!(!should_pause(1_000, 1_000 + PAUSE_AFTER_SECS - 1));
        assert!(should_pause(1_000, 1_000 + PAUSE_AFTER_SECS));
    }

    #[test]
    fn a_failure_is_stored_as_its_code_and_detail() {
        let status = FetchFailure::http_status(404);
        assert_eq!(status.stored(), "http_status:404");
        assert_eq!(FetchFailure::from_stored("http_status:404"), status);
        let timeout = FetchFailure::from(FetchProblem::Timeout);
        assert_eq!(FetchFailure::from_stored(&timeout.stored()), timeout);
        assert_eq!(
            FetchFailure::from_stored("gibberish").problem,
            FetchProblem::Unreadable
        );
    }

    #[test]
    fn import_problems_name_the_whole_file() {
        assert_eq!(
            FetchProblem::of_import(&ImportError::NotCalendar),
            FetchProblem::NotCalendar
        );
        assert_eq!(
            FetchProblem::of_import(&ImportError::NoEvents),
            FetchProblem::NoEvents
        );
        assert_eq!(
            FetchProblem::of_import(&ImportError::TooBig),
            FetchProblem::TooBig
        );
    }
}
