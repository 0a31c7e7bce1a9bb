//! The wall clock, read here and nowhere else in the shell: the window's
//! commands and the command line ask this module for "now" and pass it into
//! the core, whose rules never read a clock of their own.
//!
//! Test builds (the `test-hooks` feature) can start the clock at a chosen
//! instant (`--clock 2026-11-23T12:00` or `IAG_DESK_CLOCK`), from which it
//! then ticks like the real one, so a test of the built binary or of the
//! window knows which day the app thinks it is. The shipped binary has no
//! such argument: it always reads the system clock.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use std::sync::OnceLock;

/// How far the test clock stands from the system's; never set in a build
/// without the `test-hooks` feature.
static SHIFT: OnceLock<TimeDelta> = OnceLock::new();

/// Starts the clock at `start` (the user's local time), for tests. Set once,
/// at start-up; a second call is ignored so "now" never jumps.
#[cfg(feature = "test-hooks")]
pub fn start_at(start: NaiveDateTime) {
    use chrono::TimeZone;
    // In the hour that a clock change repeats, take the first of the two.
    let start = Local
        .from_local_datetime(&start)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| start.and_utc());
    let _ = SHIFT.set(start - Utc::now());
}

/// The one reading of the system clock.
pub fn now_utc() -> DateTime<Utc> {
    Utc::now() + SHIFT.get().copied().unwrap_or_default()
}

/// The user's wall-clock time, as the core's rules take it.
pub fn now() -> NaiveDateTime {
    now_utc().with_timezone(&Local).naive_local()
}

pub fn today() -> NaiveDate {
    now().date()
}

/// Now, both ways an export needs it, from one reading.
pub fn moment() -> iag_desk_core::exports::Now {
    let utc = now_utc();
    iag_desk_core::exports::Now {
        local: utc.with_timezone(&Local).naive_local(),
        utc,
    }
}

#[cfg(all(test, feature = "test-hooks"))]
mod tests {
    use super::*;

    #[test]
    fn a_started_clock_starts_where_it_was_told_and_ticks() {
        let start = NaiveDate::from_ymd_opt(2028, 2, 29)
            .unwrap()
            .and_hms_opt(23, 59, 0)
            .unwrap();
        start_at(start);
        let first = now();
        assert!(
            (first - start).num_seconds().abs() < 5,
            "the clock must read the instant it was started at, got {first}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(now() > first, "the test clock must keep ticking");
    }
}
