//! Where a redirect may send a browser: a path on this site only. `next` parameters, the page a
//! form came from and every `Location` Tugi writes pass through `LocalPath`, so a crafted link
//! can never send someone to another site (an open redirect) or put a control character into a
//! response header.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Longer targets are not links Tugi makes.
const MAX_LEN: usize = 2048;

/// A path on this site, starting with a single `/`, without control characters or backslashes,
/// also after percent-decoding (browsers treat `/\host`, `/<TAB>/host` and `/%2F/host` as
/// another host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    pub fn parse(target: &str) -> Option<LocalPath> {
        if target.len() > MAX_LEN || !is_safe(target) {
            return None;
        }
        // Decoded once and twice: a target decoded by a proxy or a browser must be safe too.
        let once = percent_decode_str(target).decode_utf8().ok()?;
        let twice = percent_decode_str(&once).decode_utf8().ok()?;
        (is_safe(&once) && is_safe(&twice)).then(|| LocalPath(target.to_string()))
    }

    /// The target when it is safe, the home page otherwise.
    pub fn or_home(target: Option<&str>) -> LocalPath {
        target
            .and_then(LocalPath::parse)
            .unwrap_or_else(|| LocalPath("/".into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LocalPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_safe(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/'))
        && !path.chars().any(|c| c == '\\' || c.is_control())
}

/// Everything but letters, digits, `-_.~` and `/` is encoded in a query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// `text` as one value of a query string (`?next=…`).
pub fn encode_query_value(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// `page` with the `kept` query parameters and `key=text` last, as a GET form sends them.
pub fn search_url(page: &str, kept: &[(String, String)], key: &str, text: &str) -> String {
    let query: Vec<String> = kept
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(std::iter::once((key, text)))
        .map(|(k, v)| format!("{}={}", encode_query_value(k), encode_query_value(v)))
        .collect();
    format!("{page}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_url_keeps_the_other_parameters_and_encodes_the_text() {
        let kept = vec![("household".to_string(), "12".to_string())];
        assert_eq!(
            search_url("/reception", &kept, "who", "Anna Tamm&x=1"),
            "/reception?household=12&who=Anna%20Tamm%26x%3D1"
        );
        assert_eq!(
            search_url("/workshops/3", &[], "who", ""),
            "/workshops/3?who="
        );
    }

    #[test]
    fn ordinary_paths_pass_unchanged() {
        for ok in [
            "/",
            "/households/12",
            "/calendar?week=2026-03-30",
            "/households?q=Anna%20Tamm",
            "/workshops/3#seats",
        ] {
            assert_eq!(LocalPath::parse(ok).map(|p| p.to_string()), Some(ok.into()));
        }
    }

    #[test]
    fn other_sites_and_control_characters_are_refused() {
        for bad in [
            "",
            "households",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%252F/evil.example",
            "/%0d%0aSet-Cookie:%20x=1",
            "/ok\r\nSet-Cookie: x=1",
            "/%ff%fe",
        ] {
            assert_eq!(LocalPath::parse(bad), None, "{bad:?}");
        }
        assert_eq!(LocalPath::parse(&format!("/{}", "a".repeat(MAX_LEN))), None);
    }

    #[test]
    fn a_refused_target_means_home() {
        assert_eq!(LocalPath::or_home(Some("//evil.example")).as_str(), "/");
        assert_eq!(LocalPath::or_home(None).as_str(), "/");
        assert_eq!(LocalPath::or_home(Some("/account")).as_str(), "/account");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/households?q=Anna Tamm&x=1"),
            "/households%3Fq%3DAnna%20Tamm%26x%3D1"
        );
        assert_eq!(encode_query_value("/a\n"), "/a%0A");
    }
}
