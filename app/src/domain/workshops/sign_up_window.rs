//! Whether a series takes sign-ups now: the same answer for the page and for the sign-up.

use super::SeriesStatus;

string_enum!(
    /// Where a series stands between its registration opening and closing.
    SignUpWindow { NotYet => "not_yet", Open => "open", Closed => "closed" }
);

impl SignUpWindow {
    /// A cancelled series is closed; otherwise `[opens, closes)` (UTC seconds) decides.
    pub fn at(status: SeriesStatus, opens: i64, closes: i64, now: i64) -> SignUpWindow {
        if status != SeriesStatus::Open || now >= closes {
            SignUpWindow::Closed
        } else if now < opens {
            SignUpWindow::NotYet
        } else {
            SignUpWindow::Open
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_opens_and_closes() {
        let at = |now| SignUpWindow::at(SeriesStatus::Open, 10, 20, now);
        assert_eq!(at(9), SignUpWindow::NotYet);
        assert_eq!(at(10), SignUpWindow::Open);
        assert_eq!(at(19), SignUpWindow::Open);
        assert_eq!(at(20), SignUpWindow::Closed);
    }

    #[test]
    fn a_cancelled_series_is_closed_even_before_it_opens() {
        let at = |now| SignUpWindow::at(SeriesStatus::Cancelled, 10, 20, now);
        assert_eq!(at(5), SignUpWindow::Closed);
        assert_eq!(at(15), SignUpWindow::Closed);
    }
}
