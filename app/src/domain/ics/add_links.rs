//! "Add to Google Calendar" and "Outlook" links: those calendars open a new event filled in from
//! the link's query, so no file has to be downloaded and opened first.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// What the new event is filled in with. Times are UTC instants.
pub struct AddEvent<'a> {
    pub title: &'a str,
    pub start: i64,
    pub end: i64,
    pub place: Option<&'a str>,
    /// The event's page in Tugi, so the details stay one tap away.
    pub details: &'a str,
}

/// The calendar services a link can be made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddTo {
    Google,
    Outlook,
}

impl AddTo {
    pub fn parse(code: &str) -> Option<AddTo> {
        match code {
            "google" => Some(AddTo::Google),
            "outlook" => Some(AddTo::Outlook),
            _ => None,
        }
    }
}

fn encoded(text: &str) -> String {
    utf8_percent_encode(text, NON_ALPHANUMERIC).to_string()
}

fn utc(at: i64, format: &str) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .format(format)
        .to_string()
}

/// The address that opens `event` as a new event in `service`.
pub fn add_link(service: AddTo, event: &AddEvent) -> String {
    let place = encoded(event.place.unwrap_or_default());
    let (title, details) = (encoded(event.title), encoded(event.details));
    match service {
        AddTo::Google => format!(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text={title}\
             &dates={}/{}&location={place}&details={details}",
            utc(event.start, "%Y%m%dT%H%M%SZ"),
            utc(event.end, "%Y%m%dT%H%M%SZ"),
        ),
        AddTo::Outlook => format!(
            "https://outlook.live.com/calendar/0/action/compose?rru=addevent&subject={title}\
             &startdt={}&enddt={}&location={place}&body={details}",
            utc(event.start, "%Y-%m-%dT%H:%M:%SZ"),
            utc(event.end, "%Y-%m-%dT%H:%M:%SZ"),
        ),
    }
}

/// A download's file name that says what and when: `2026-12-04-art-therapy.ics`.
pub fn file_name(date: &str, what: &str) -> String {
    let words: Vec<String> = what
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let date: String = date
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let name = [date, words.join("-")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let name: String = name.chars().take(80).collect();
    if name.is_empty() {
        "event.ics".to_owned()
    } else {
        format!("{name}.ics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art_therapy() -> AddEvent<'static> {
        AddEvent {
            title: "Kunstiteraapia & joonistamine",
            // 2026-12-04 13:00–14:30 UTC.
            start: 1_796_389_200,
            end: 1_796_394_600,
            place: Some("Ruum 2, Riia 15, Tartu"),
            details: "https://tugi.example/workshops/3",
        }
    }

    #[test]
    fn google_gets_utc_times_and_every_field_encoded() {
        let link = add_link(AddTo::Google, &art_therapy());
        assert!(link.starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE"));
        assert!(link.contains("&text=Kunstiteraapia%20%26%20joonistamine&"));
        assert!(link.contains("&dates=20261204T130000Z/20261204T143000Z&"));
        assert!(link.contains("&location=Ruum%202%2C%20Riia%2015%2C%20Tartu&"));
        assert!(link.ends_with("&details=https%3A%2F%2Ftugi%2Eexample%2Fworkshops%2F3"));
    }

    #[test]
    fn outlook_gets_iso_times() {
        let link = add_link(AddTo::Outlook, &art_therapy());
        assert!(link.contains("rru=addevent&subject=Kunstiteraapia%20%26%20joonistamine&"));
        assert!(link.contains("&startdt=2026-12-04T13:00:00Z&enddt=2026-12-04T14:30:00Z&"));
    }

    #[test]
    fn file_names_say_what_and_when() {
        assert_eq!(
            file_name("2026-12-04", "art_therapy"),
            "2026-12-04-art-therapy.ics"
        );
        assert_eq!(
            file_name("2026-12-04", "consultation"),
            "2026-12-04-consultation.ics"
        );
        assert_eq!(file_name("", "\"; evil\r\n"), "evil.ics");
        assert_eq!(file_name("", ""), "event.ics");
    }

    #[test]
    fn only_known_services_are_linked() {
        assert_eq!(AddTo::parse("google"), Some(AddTo::Google));
        assert_eq!(AddTo::parse("yahoo"), None);
    }
}
