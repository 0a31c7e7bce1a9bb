//! Dates: British formatting ("22 November 2026", as every screen and
//! document shows them), reading dates as people write them, and the forms
//! the vault stores. One place, so the window, the CLI, the PDFs and the
//! vault agree.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// How the vault stores a day and a moment (local time, to the minute).
pub(crate) const DATE: &str = "%Y-%m-%d";
pub(crate) const DATE_TIME: &str = "%Y-%m-%dT%H:%M";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "November".
pub fn month_name(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// "22 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "22 November 2026, 18:30" (24-hour clock, as UK committee papers use).
pub fn long_date_time(at: NaiveDateTime) -> String {
    format!(
        "{}, {:02}:{:02}",
        long_date(at.date()),
        at.hour(),
        at.minute()
    )
}

/// A date as people write it: `2026-11-22`, `22/11/2026` (day first, as in
/// the UK) or `22 November 2026`. Empty means "not given". An impossible
/// date (31/02/2026) is an error that says so.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let parts: Option<(i32, u32, u32)> = if let Some((y, rest)) = t.split_once('-') {
        rest.split_once('-')
            .and_then(|(m, d)| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))
    } else if let Some((d, rest)) = t.split_once('/') {
        rest.split_once('/')
            .and_then(|(m, y)| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))
    } else {
        NaiveDate::parse_from_str(t, "%d %B %Y")
            .ok()
            .map(|d| (d.year(), d.month(), d.day()))
    };
    let Some((y, m, d)) = parts else {
        return Err(format!(
            "\"{t}\" is not a date; write it as 22/11/2026 or 2026-11-22."
        ));
    };
    if !(1900..=2200).contains(&y) {
        return Err(format!(
            "\"{t}\": the year {y} is out of range; write the year in full, e.g. 2026."
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d).map(Some).ok_or_else(|| {
        format!("\"{t}\" is not a real date (there is no day {d} in month {m} of {y}).")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_british_way() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(long_date(d), "22 November 2026");
        let d = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(long_date(d), "3 January 2027", "no leading zero on the day");
    }

    #[test]
    fn times_use_the_24_hour_clock() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(18, 5, 0)
            .unwrap();
        assert_eq!(long_date_time(at), "5 March 2026, 18:05");
    }
}
