//! Attendance over time: for each member, the meetings they were expected
//! at, came to, sent apologies for or missed, and whether they have now
//! missed as many meetings in a row as the group's terms of reference allow
//! (then the chair follows it up).
//!
//! Rules:
//! - a member is expected at a held meeting when they are on its register
//!   as a member; guests, police contacts, the secretariat and anonymised
//!   attendees are never counted;
//! - a meeting counts once its register shows someone present (up to the
//!   period's end): one nobody marked, or with only apologies sent ahead,
//!   says nothing yet about who came;
//! - a member still "expected" on a marked register did not come: an
//!   absence;
//! - missed in a row counts back from the latest meeting, absences always,
//!   apologies only when the group's rule says so; only a current member is
//!   flagged.

use crate::dates::long_date;
use crate::documents::{Block, Document, Marking, Table, TextRun};
use crate::error::{Error, Result};
use crate::ids::{GroupId, PersonId};
use crate::storage::meetings::{self as meetings_db, HistoryOf, HistoryRow};
use crate::storage::roster::RecordRules;
use crate::storage::Vault;
use crate::vocabulary::Presence;
use chrono::{Days, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// One member's attendance at one group's meetings over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberAttendance {
    pub person_id: PersonId,
    pub name: String,
    pub group_id: GroupId,
    pub group_name: String,
    pub expected: u32,
    pub attended: u32,
    pub apologies: u32,
    pub absences: u32,
    /// Meetings missed in a row up to the period's end, counted as the
    /// group's rule says (they may begin before the period).
    pub missed_in_a_row: u32,
    /// Why the chair should follow this member up, when they should.
    pub flag: Option<String>,
}

/// The figures for one member, from their register lines (oldest first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub expected: u32,
    pub attended: u32,
    pub apologies: u32,
    pub absences: u32,
    pub missed_in_a_row: u32,
}

/// Counts `lines` (a member's presence at each meeting held up to `to`,
/// oldest first) within `from..=to`, and the run of missed meetings that
/// ends at the latest one.
pub fn tally(
    lines: &[(NaiveDate, Presence)],
    from: NaiveDate,
    to: NaiveDate,
    apologies_count_as_missed: bool,
) -> Tally {
    let mut t = Tally::default();
    for (_, presence) in lines.iter().filter(|(d, _)| (from..=to).contains(d)) {
        t.expected += 1;
        match presence {
            Presence::Present => t.attended += 1,
            Presence::Apologies => t.apologies += 1,
            Presence::Absent | Presence::Expected => t.absences += 1,
        }
    }
    let missed = |p: &Presence| match p {
        Presence::Present => false,
        Presence::Apologies => apologies_count_as_missed,
        Presence::Absent | Presence::Expected => true,
    };
    t.missed_in_a_row = lines
        .iter()
        .filter(|(d, _)| *d <= to)
        .rev()
        .take_while(|(_, p)| missed(p))
        .count() as u32;
    t
}

/// What the flag says, when the run has reached the group's number.
fn flag(run: u32, rules: &RecordRules) -> Option<String> {
    (run >= rules.missed_in_a_row).then(|| {
        format!(
            "Has missed {run} meetings in a row{}; the terms of reference ask the chair to \
             follow up after {}.",
            if rules.apologies_count_as_missed {
                ", apologies included"
            } else {
                " without apologies"
            },
            rules.missed_in_a_row
        )
    })
}

/// The sentence the terms of reference and the report print.
pub fn rule_text(rules: &RecordRules) -> String {
    format!(
        "A member who misses {} meetings in a row{} is contacted by the chair to ask whether \
         they wish to continue as a member.",
        rules.missed_in_a_row,
        if rules.apologies_count_as_missed {
            ", with or without apologies,"
        } else {
            " without sending apologies"
        }
    )
}

/// The twelve months up to and including `today`.
pub fn last_twelve_months(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = today
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(today);
    (from, today)
}

/// The period typed into the window or given on the command line (either
/// end may be empty): each bad date named by its field.
pub fn parse_period(from: &str, to: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let mut problems = Vec::new();
    let mut read = |field: &str, text: &str| {
        crate::dates::parse_date(text).unwrap_or_else(|m| {
            problems.push(crate::error::Problem::new(field, m));
            None
        })
    };
    let period = (read("from", from), read("to", to));
    if problems.is_empty() {
        Ok(period)
    } else {
        Err(Error::rejected(problems))
    }
}

/// Members' attendance from history rows of one group: current members
/// (on `to`) are listed even before their first meeting, former members
/// only when they were expected in the period.
fn summarise(
    rows: &[HistoryRow],
    current: &[(PersonId, String)],
    group: (GroupId, &str),
    rules: &RecordRules,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<MemberAttendance> {
    let mut lines: BTreeMap<PersonId, (String, Vec<(NaiveDate, Presence)>)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.group == group.0) {
        lines
            .entry(r.person)
            .or_insert_with(|| (r.person_name.clone(), Vec::new()))
            .1
            .push((r.date, r.presence));
    }
    for (id, name) in current {
        lines
            .entry(*id)
            .or_insert_with(|| (name.clone(), Vec::new()));
    }
    let mut out: Vec<MemberAttendance> = lines
        .into_iter()
        .filter_map(|(person, (name, lines))| {
            let t = tally(&lines, from, to, rules.apologies_count_as_missed);
            let is_current = current.iter().any(|(p, _)| *p == person);
            (is_current || t.expected > 0).then(|| MemberAttendance {
                person_id: person,
                name,
                group_id: group.0,
                group_name: group.1.to_string(),
                expected: t.expected,
                attended: t.attended,
                apologies: t.apologies,
                absences: t.absences,
                missed_in_a_row: t.missed_in_a_row,
                flag: if is_current {
                    flag(t.missed_in_a_row, rules)
                } else {
                    None
                },
            })
        })
        .collect();
    out.sort_by_key(|m| m.name.to_lowercase());
    out
}

/// A group's attendance report over a period.
#[derive(Debug, Clone, Serialize)]
pub struct AttendanceReport {
    pub group_id: GroupId,
    pub group_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "7 December 2025 to 6 December 2026"
    pub period: String,
    /// The group's rule, as its terms of reference print it.
    pub rule: String,
    /// Meetings in the period whose register was taken.
    pub meetings: u32,
    pub members: Vec<MemberAttendance>,
}

/// The attendance of `group`'s members from `from` to `to` (the last
/// twelve months to `today` when not given).
pub fn report(
    vault: &Vault,
    group: GroupId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<AttendanceReport> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| last_twelve_months(to).0);
    if from > to {
        // Beside the field in the window, named on the command line.
        return Err(Error::rejected(vec![crate::error::Problem::new(
            "from",
            format!(
                "the period starts on {} but ends earlier, on {}.",
                long_date(from),
                long_date(to)
            ),
        )]));
    }
    let name = super::groups::name(vault, group)?;
    let rules = super::groups::record_rules(vault, group)?;
    let rows = meetings_db::attendance_history(vault.conn(), HistoryOf::Group(group), to)?;
    let current = meetings_db::members_on(vault.conn(), group, to)?;
    let mut meetings: Vec<_> = rows
        .iter()
        .filter(|r| (from..=to).contains(&r.date))
        .map(|r| r.meeting)
        .collect();
    meetings.dedup();
    Ok(AttendanceReport {
        group_id: group,
        members: summarise(&rows, &current, (group, &name), &rules, from, to),
        group_name: name,
        period: format!("{} to {}", long_date(from), long_date(to)),
        from,
        to,
        rule: rule_text(&rules),
        meetings: meetings.len() as u32,
    })
}

/// A member's attendance at each group they were expected at over the
/// last twelve months, for their page.
pub fn of_member(
    vault: &Vault,
    person: PersonId,
    today: NaiveDate,
) -> Result<Vec<MemberAttendance>> {
    let (from, to) = last_twelve_months(today);
    let rows = meetings_db::attendance_history(vault.conn(), HistoryOf::Person(person), to)?;
    each_group(vault, &rows, from, to, Some(person))
}

/// Current members who have missed as many meetings in a row as their
/// group allows, for the dashboard.
pub fn to_follow_up(vault: &Vault, today: NaiveDate) -> Result<Vec<MemberAttendance>> {
    let (from, to) = last_twelve_months(today);
    let rows = meetings_db::attendance_history(vault.conn(), HistoryOf::Everyone, to)?;
    let mut out = each_group(vault, &rows, from, to, None)?;
    out.retain(|m| m.flag.is_some());
    Ok(out)
}

/// The figures of every group in `rows`, each by its own rules, for its
/// members on `to` (or only `person`).
fn each_group(
    vault: &Vault,
    rows: &[HistoryRow],
    from: NaiveDate,
    to: NaiveDate,
    person: Option<PersonId>,
) -> Result<Vec<MemberAttendance>> {
    let mut groups: Vec<(GroupId, String)> = rows
        .iter()
        .map(|r| (r.group, r.group_name.clone()))
        .collect();
    groups.sort();
    groups.dedup();
    let mut out = Vec::new();
    for (group, name) in groups {
        let rules = super::groups::record_rules(vault, group)?;
        let current: Vec<_> = meetings_db::members_on(vault.conn(), group, to)?
            .into_iter()
            .filter(|(p, _)| person.is_none_or(|only| only == *p))
            .collect();
        out.extend(summarise(rows, &current, (group, &name), &rules, from, to));
    }
    Ok(out)
}

/// The report as a document: members' names and absences are personal
/// data, so it is for the group's members only.
pub fn report_document(r: &AttendanceReport) -> Document {
    let title = format!("Attendance: {}", r.group_name);
    let mut doc = Document::new(title.clone(), r.group_name.clone());
    doc.marking = Marking::OfficialSensitive;
    doc.header_text = title.clone();
    let b = &mut doc.blocks;
    b.push(Block::heading(1, title));
    b.push(Block::Paragraph(vec![
        TextRun::bold("Period: "),
        TextRun::plain(format!("{}\n", r.period)),
        TextRun::bold("Meetings held with a register: "),
        TextRun::plain(r.meetings.to_string()),
    ]));
    b.push(Block::paragraph(r.rule.clone()));
    if r.members.is_empty() {
        b.push(Block::paragraph("The group has no members in this period."));
        return doc;
    }
    b.push(Block::Table(Table {
        header: vec![
            "Member".into(),
            "Expected".into(),
            "Attended".into(),
            "Apologies".into(),
            "Absent".into(),
            "Missed in a row".into(),
        ],
        rows: r
            .members
            .iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    m.expected.to_string(),
                    m.attended.to_string(),
                    m.apologies.to_string(),
                    m.absences.to_string(),
                    if m.flag.is_some() {
                        format!("{}\nFOLLOW UP", m.missed_in_a_row)
                    } else {
                        m.missed_in_a_row.to_string()
                    },
                ]
            })
            .collect(),
        column_widths: vec![3.2, 1.2, 1.2, 1.3, 1.1, 1.5],
    }));
    b.push(Block::paragraph(
        "Guests, police contacts and the secretariat are not counted. A meeting whose \
         register was not taken is not counted.",
    ));
    doc
}

/// The report as CSV, one row per member.
pub fn report_csv(r: &AttendanceReport) -> Result<Vec<u8>> {
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    crate::roster::csv::table_bytes(
        &[
            "member",
            "group",
            "from",
            "to",
            "expected",
            "attended",
            "apologies",
            "absences",
            "missed_in_a_row",
            "follow_up",
        ],
        &r.members
            .iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    m.group_name.clone(),
                    iso(r.from),
                    iso(r.to),
                    m.expected.to_string(),
                    m.attended.to_string(),
                    m.apologies.to_string(),
                    m.absences.to_string(),
                    m.missed_in_a_row.to_string(),
                    if m.flag.is_some() { "yes" } else { "no" }.to_string(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Presence::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, day).unwrap()
    }

    #[test]
    fn each_meeting_counts_once_by_how_the_member_was_marked() {
        let lines = [
            (d(1), Present),
            (d(2), Apologies),
            (d(3), Absent),
            (d(4), Expected),
        ];
        let t = tally(&lines, d(1), d(31), false);
        assert_eq!(
            t,
            Tally {
                expected: 4,
                attended: 1,
                apologies: 1,
                absences: 2,
                missed_in_a_row: 2,
            }
        );
    }

    #[test]
    fn the_period_bounds_the_figures_but_not_the_run() {
        let lines = [
            (d(1), Absent),
            (d(2), Absent),
            (d(10), Absent),
            (d(20), Present),
        ];
        let t = tally(&lines, d(2), d(15), false);
        assert_eq!((t.expected, t.absences), (2, 2));
        assert_eq!(
            t.missed_in_a_row, 3,
            "the run reaches back before the period"
        );
    }

    #[test]
    fn apologies_break_the_run_unless_the_group_counts_them() {
        let lines = [(d(1), Absent), (d(2), Apologies), (d(3), Absent)];
        assert_eq!(tally(&lines, d(1), d(3), false).missed_in_a_row, 1);
        assert_eq!(tally(&lines, d(1), d(3), true).missed_in_a_row, 3);
    }

    #[test]
    fn coming_to_the_latest_meeting_ends_the_run() {
        let lines = [
            (d(1), Absent),
            (d(2), Absent),
            (d(3), Absent),
            (d(4), Present),
        ];
        assert_eq!(tally(&lines, d(1), d(4), true).missed_in_a_row, 0);
    }

    #[test]
    fn the_flag_comes_at_the_groups_number_and_not_before() {
        let rules = RecordRules::default();
        assert_eq!(flag(2, &rules), None);
        let f = flag(3, &rules).unwrap();
        assert!(f.contains("3 meetings in a row without apologies"), "{f}");
        let strict = RecordRules {
            missed_in_a_row: 2,
            apologies_count_as_missed: true,
            ..RecordRules::default()
        };
        assert!(flag(2, &strict).unwrap().contains("apologies included"));
    }

    #[test]
    fn twelve_months_end_today_and_begin_the_day_after_a_year_ago() {
        let (from, to) = last_twelve_months(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
        assert_eq!(from, NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
        assert_eq!(to, NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
    }
}
