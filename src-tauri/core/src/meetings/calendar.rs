//! Meetings as an iCalendar file (RFC 5545) that Outlook, Google and Apple
//! calendars import: times in Europe/London, CRLF lines folded at 75 octets,
//! text escaped.
//!
//! Built from `CalendarEntry`, which holds only what may be published: the
//! group, when, where and what kind of meeting. No agenda item (so nothing
//! confidential) can reach a calendar file.

use crate::storage::meetings::CalendarRow;
use crate::vocabulary::MeetingKind;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};

/// What a calendar may say about a meeting, and nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable across exports, so a calendar updates rather than duplicates.
    pub uid: String,
    pub summary: String,
    pub location: String,
    pub description: String,
    /// Local (UK) wall-clock time.
    pub starts_at: NaiveDateTime,
    pub minutes: u32,
    pub cancelled: bool,
}

impl CalendarEntry {
    /// The entry for a stored meeting: "Brackenford Local IAG meeting", or
    /// with its kind when it is not a scheduled one.
    pub(crate) fn of(row: CalendarRow) -> CalendarEntry {
        CalendarEntry {
            uid: format!(
                "{}@iag-desk",
                row.handover_id
                    .unwrap_or_else(|| format!("meeting-{}", row.id.0))
            ),
            summary: match row.kind {
                MeetingKind::Scheduled => format!("{} meeting", row.group_name),
                other => format!(
                    "{}: {} meeting",
                    row.group_name,
                    other.label().to_lowercase()
                ),
            },
            location: row.venue,
            description: if row.online_details.is_empty() {
                String::new()
            } else {
                format!("Online: {}", row.online_details)
            },
            starts_at: row.starts_at,
            minutes: row.minutes,
            cancelled: false,
        }
    }
}

/// Europe/London: GMT in winter, BST from the last Sunday of March to the
/// last Sunday of October (the rule in force since 1996).
const LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\n\
DTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\n\
DTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// Escapes TEXT values (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// A whole calendar. `stamp` is when the file was made (DTSTAMP, UTC).
pub fn ics(name: &str, entries: &[CalendarEntry], stamp: DateTime<Utc>) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//IAG Desk//Meetings//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", text(name))));
    out.push_str("X-WR-TIMEZONE:Europe/London\r\n");
    out.push_str(LONDON);
    for e in entries {
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&fold(&format!("UID:{}", e.uid)));
        out.push_str(&format!("DTSTAMP:{}\r\n", stamp.format("%Y%m%dT%H%M%SZ")));
        out.push_str(&format!(
            "DTSTART;TZID=Europe/London:{}\r\n",
            local(e.starts_at)
        ));
        out.push_str(&format!(
            "DTEND;TZID=Europe/London:{}\r\n",
            local(e.starts_at + Duration::minutes(i64::from(e.minutes)))
        ));
        out.push_str(&fold(&format!("SUMMARY:{}", text(&e.summary))));
        if !e.location.is_empty() {
            out.push_str(&fold(&format!("LOCATION:{}", text(&e.location))));
        }
        if !e.description.is_empty() {
            out.push_str(&fold(&format!("DESCRIPTION:{}", text(&e.description))));
        }
        out.push_str(if e.cancelled {
            "STATUS:CANCELLED\r\n"
        } else {
            "STATUS:CONFIRMED\r\n"
        });
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn entry() -> CalendarEntry {
        CalendarEntry {
            uid: "abc123@iag-desk".into(),
            summary: "Marlow Fen Local IAG: meeting".into(),
            location: "Community Centre, Mill Lane; Room 2".into(),
            description: "Online:\nhttps://example.org/join".into(),
            starts_at: NaiveDate::from_ymd_opt(2026, 12, 9)
                .unwrap()
                .and_hms_opt(18, 30, 0)
                .unwrap(),
            minutes: 120,
            cancelled: false,
        }
    }

    /// When the file was written (DTSTAMP): fixed, as every test's clock is.
    fn stamp() -> chrono::DateTime<Utc> {
        chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    #[test]
    fn times_are_london_wall_clock_with_an_end() {
        let s = ics("Marlow Fen", &[entry()], stamp());
        assert!(s.contains("DTSTART;TZID=Europe/London:20261209T183000\r\n"));
        assert!(s.contains("DTEND;TZID=Europe/London:20261209T203000\r\n"));
        assert!(
            s.contains("TZID:Europe/London\r\n"),
            "the zone is defined in the file"
        );
    }

    #[test]
    fn text_is_escaped_and_lines_folded_at_75_octets() {
        let mut e = entry();
        e.summary =
            "ਹਰਪ੍ਰੀਤ ਕੌਰ presents: a very long title that goes on and on past the line limit".into();
        let s = ics("x", &[e], stamp());
        assert!(s.contains("LOCATION:Community Centre\\, Mill Lane\\; Room 2\r\n"));
        assert!(s.contains("DESCRIPTION:Online:\\nhttps://example.org/join"));
        for line in s.split("\r\n") {
            assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        }
        assert!(
            s.lines().all(|l| !l.ends_with('\r') || s.contains("\r\n")),
            "CRLF"
        );
    }
}
