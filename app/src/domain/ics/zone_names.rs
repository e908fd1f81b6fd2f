//! The IANA zone a calendar's TZID means: an IANA name in any letter case, the same behind a
//! vendor's prefix (`/mozilla.org/20070129_1/Europe/Tallinn`), a Windows zone name as Outlook
//! and Exchange write it (`FLE Standard Time`, by CLDR's table), or a Windows display name
//! (`(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius`, by the first city that names
//! a zone).

use super::windows_zones::WINDOWS_ZONES;
use chrono_tz::{Tz, TZ_VARIANTS};

/// The zone `name` stands for, if any rule explains it.
pub fn resolve(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim();
    if name.is_empty() {
        return None;
    }
    iana(name)
        .or_else(|| windows(name))
        .or_else(|| behind_prefix(name))
        .or_else(|| display_name(name))
}

/// An IANA name, exact or in another letter case.
fn iana(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok().or_else(|| {
        TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
            .copied()
    })
}

/// A Windows zone name (CLDR's mapping), in any letter case.
fn windows(name: &str) -> Option<Tz> {
    if name.eq_ignore_ascii_case("Coordinated Universal Time") {
        return Some(chrono_tz::UTC);
    }
    WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(name))
        .and_then(|(_, zone)| zone.parse().ok())
}

/// The longest tail after a `/` that is an IANA name: `/freeassociation.sourceforge.net/Tzfile/
/// Europe/Tallinn`, `/citadel.org/20190914_1/Europe/Tallinn`.
fn behind_prefix(name: &str) -> Option<Tz> {
    name.match_indices('/')
        .find_map(|(at, _)| iana(&name[at + 1..]))
}

/// A display name: the `(UTC+02:00)` part dropped, the first listed city that is the last part
/// of an IANA name (`Tallinn` → `Europe/Tallinn`).
fn display_name(name: &str) -> Option<Tz> {
    let cities = match name.strip_prefix('(') {
        Some(rest) => rest.split_once(')')?.1,
        None => name,
    };
    if cities
        .trim()
        .eq_ignore_ascii_case("Coordinated Universal Time")
    {
        return Some(chrono_tz::UTC);
    }
    cities
        .split([',', '/', '-'])
        .map(|city| city.trim().replace(' ', "_"))
        .filter(|city| city.len() > 2)
        .find_map(|city| {
            TZ_VARIANTS
                .iter()
                .find(|tz| {
                    tz.name()
                        .rsplit('/')
                        .next()
                        .is_some_and(|last| last.eq_ignore_ascii_case(&city))
                })
                .copied()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Asia, Europe};

    #[test]
    fn every_windows_zone_of_cldr_has_its_iana_zone() {
        assert_eq!(WINDOWS_ZONES.len(), 142);
        for pair in WINDOWS_ZONES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "sorted and unique: {pair:?}");
        }
        for (windows, zone) in WINDOWS_ZONES {
            let tz = zone.parse::<Tz>();
            assert!(tz.is_ok(), "{windows} → {zone} is a zone chrono-tz knows");
            // "UTC" is an IANA name as well, and read as one.
            if windows.parse::<Tz>().is_err() {
                assert_eq!(resolve(windows).map(|t| t.name()), Some(*zone), "{windows}");
            }
        }
    }

    #[test]
    fn the_zones_people_here_use_resolve_as_outlook_writes_them() {
        let cases = [
            ("FLE Standard Time", Europe::Kiev),
            ("fle standard time", Europe::Kiev),
            ("W. Europe Standard Time", Europe::Berlin),
            ("Russian Standard Time", Europe::Moscow),
            ("Syria Standard Time", Asia::Damascus),
            ("Afghanistan Standard Time", Asia::Kabul),
            ("Arabic Standard Time", Asia::Baghdad),
            ("Eastern Standard Time", America::New_York),
            ("UTC", chrono_tz::UTC),
        ];
        for (name, zone) in cases {
            assert_eq!(resolve(name), Some(zone), "{name}");
        }
    }

    #[test]
    fn iana_names_in_any_case_and_behind_vendor_prefixes() {
        for name in [
            "Europe/Tallinn",
            "europe/tallinn",
            "\"Europe/Tallinn\"",
            "/mozilla.org/20070129_1/Europe/Tallinn",
            "/freeassociation.sourceforge.net/Tzfile/Europe/Tallinn",
            "/citadel.org/20190914_1/Europe/Tallinn",
        ] {
            assert_eq!(resolve(name), Some(Europe::Tallinn), "{name}");
        }
    }

    #[test]
    fn display_names_resolve_by_their_first_known_city() {
        let cases = [
            (
                "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius",
                Europe::Helsinki,
            ),
            (
                "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
                Europe::Amsterdam,
            ),
            ("(UTC+03:00) Moscow, St. Petersburg", Europe::Moscow),
            ("(UTC+04:30) Kabul", Asia::Kabul),
            ("(UTC) Coordinated Universal Time", chrono_tz::UTC),
        ];
        for (name, zone) in cases {
            assert_eq!(resolve(name), Some(zone), "{name}");
        }
    }

    #[test]
    fn names_nobody_explains_stay_unknown() {
        for name in [
            "",
            "Mars/Olympus",
            "My zone",
            "(UTC+02:00) Atlantis",
            "tzone://x",
        ] {
            assert_eq!(resolve(name), None, "{name}");
        }
    }
}
