//! Links that open the app a household prefers: the phone's dialler, messages, WhatsApp,
//! Telegram, Signal or mail, from the number or address it gave.

use super::Channel as ContactChannel;

/// The number as the apps take it: `+` and digits only.
fn international(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 5 {
        return None;
    }
    Some(match phone.trim_start().starts_with('+') {
        true => format!("+{digits}"),
        false => digits,
    })
}

/// A `tel:` link to `phone`, if it holds a number.
pub fn tel(phone: &str) -> Option<String> {
    international(phone).map(|n| format!("tel:{n}"))
}

/// The link that opens `channel` with this household's number or address.
pub fn contact_link(
    channel: ContactChannel,
    phone: Option<&str>,
    email: Option<&str>,
) -> Option<String> {
    let number = phone.and_then(international);
    match channel {
        ContactChannel::Phone => number.map(|n| format!("tel:{n}")),
        ContactChannel::Sms => number.map(|n| format!("sms:{n}")),
        ContactChannel::WhatsApp => {
            number.map(|n| format!("https://wa.me/{}", n.trim_start_matches('+')))
        }
        ContactChannel::Telegram => {
            number.map(|n| format!("https://t.me/+{}", n.trim_start_matches('+')))
        }
        ContactChannel::Signal => {
            number.map(|n| format!("https://signal.me/#p/+{}", n.trim_start_matches('+')))
        }
        ContactChannel::Email => email.map(|e| format!("mailto:{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_channel_opens_its_app() {
        let phone = Some("+372 5123 4567");
        let link = |c| contact_link(c, phone, Some("olena@example.org"));
        assert_eq!(link(ContactChannel::Phone).unwrap(), "tel:+37251234567");
        assert_eq!(link(ContactChannel::Sms).unwrap(), "sms:+37251234567");
        assert_eq!(
            link(ContactChannel::WhatsApp).unwrap(),
            "https://wa.me/37251234567"
        );
        assert_eq!(
            link(ContactChannel::Telegram).unwrap(),
            "https://t.me/+37251234567"
        );
        assert_eq!(
            link(ContactChannel::Email).unwrap(),
            "mailto:olena@example.org"
        );
    }

    #[test]
    fn no_number_no_link() {
        assert_eq!(contact_link(ContactChannel::WhatsApp, None, None), None);
        assert_eq!(tel("ask at reception"), None);
        assert_eq!(tel("5123 4567").unwrap(), "tel:51234567");
    }
}
