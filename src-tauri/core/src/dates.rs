//! British date formatting: "22 November 2026", as every screen and document
//! shows dates. One place, so the window, the CLI and the PDFs agree.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

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
