//! Any bytes uploaded as a calendar: the reader answers with busy times or a refusal, never a
//! panic, never a hang, and what it answers keeps its promises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tugi_app::domain::ics::import::{busy_times, MAX_BUSY, WINDOW_DAYS};

/// 2026-11-25 00:00 UTC: a fixed "now", so that a failure replays.
const NOW: i64 = 1_795_564_800;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(busy) = busy_times(bytes, NOW) {
        assert!(busy.spans.len() <= MAX_BUSY);
        assert!(busy.events > 0, "a file without a readable event is refused");
        let end = NOW + WINDOW_DAYS * 86_400;
        for pair in busy.spans.windows(2) {
            assert!(pair[0].end < pair[1].start, "merged and in order");
        }
        for span in &busy.spans {
            assert!(span.start < span.end && span.start >= NOW && span.end <= end);
        }
    }
});
