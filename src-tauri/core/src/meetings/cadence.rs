//! Cadence: when a group's next meeting is due, whether it is overdue, and
//! dates to propose. Pure; today is passed in.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;

/// The day a group's next meeting falls due: its cadence after the last
/// meeting held, or after it was set up when it has never met.
pub fn next_due(last_held: Option<NaiveDate>, since: NaiveDate, cadence_months: u32) -> NaiveDate {
    let from = last_held.unwrap_or(since);
    from.checked_add_months(Months::new(cadence_months))
        .unwrap_or(from)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub due_on: NaiveDate,
    /// Days past due (0 when not overdue).
    pub days_overdue: i64,
    /// Whether a meeting is already planned on or after today.
    pub planned: bool,
}

/// A group is overdue when its next meeting has fallen due and none is planned.
pub fn due(
    last_held: Option<NaiveDate>,
    since: NaiveDate,
    cadence_months: u32,
    next_planned: Option<NaiveDate>,
    today: NaiveDate,
) -> Due {
    let due_on = next_due(last_held, since, cadence_months);
    let planned = next_planned.is_some_and(|d| d >= today);
    Due {
        due_on,
        days_overdue: if planned {
            0
        } else {
            (today - due_on).num_days().max(0)
        },
        planned,
    }
}

/// Three dates to offer a chair: the same weekday and time as the group's
/// last meeting (a Tuesday evening group stays on Tuesday evenings), from
/// the later of today and the due date, a week apart.
pub fn proposals(
    last: Option<NaiveDateTime>,
    due_on: NaiveDate,
    today: NaiveDate,
) -> Vec<NaiveDateTime> {
    let (weekday, time) = match last {
        Some(at) => (at.weekday(), at.time()),
        None => (
            Weekday::Tue,
            chrono::NaiveTime::from_hms_opt(18, 30, 0).expect("time"),
        ),
    };
    let mut day = due_on.max(today + chrono::Days::new(1));
    while day.weekday() != weekday {
        day = day.succ_opt().unwrap_or(day);
    }
    (0..3)
        .map(|w| (day + chrono::Days::new(7 * w)).and_time(time))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarterly_is_three_months_after_the_last_meeting() {
        assert_eq!(
            next_due(Some(d(2026, 8, 12)), d(2020, 1, 1), 3),
            d(2026, 11, 12)
        );
        assert_eq!(
            next_due(None, d(2026, 10, 1), 6),
            d(2027, 4, 1),
            "never met: from when it was set up"
        );
    }

    #[test]
    fn overdue_only_when_due_and_nothing_planned() {
        let today = d(2026, 11, 23);
        let late = due(Some(d(2026, 8, 12)), today, 3, None, today);
        assert_eq!(late.days_overdue, 11);
        let planned = due(Some(d(2026, 8, 12)), today, 3, Some(d(2026, 12, 1)), today);
        assert_eq!(planned.days_overdue, 0, "a planned meeting clears it");
        let not_yet = due(Some(d(2026, 10, 1)), today, 3, None, today);
        assert_eq!(not_yet.days_overdue, 0);
    }

    #[test]
    fn proposals_keep_the_groups_weekday_and_time() {
        let last = d(2026, 8, 11).and_hms_opt(18, 30, 0).unwrap(); // a Tuesday
        let p = proposals(Some(last), d(2026, 11, 11), d(2026, 11, 23));
        assert_eq!(p.len(), 3);
        assert!(p
            .iter()
            .all(|x| x.weekday() == Weekday::Tue && x.time() == last.time()));
        assert_eq!(
            p[0].date(),
            d(2026, 11, 24),
            "the first Tuesday after today, since it is overdue"
        );
        assert_eq!((p[1].date() - p[0].date()).num_days(), 7);
    }
}
