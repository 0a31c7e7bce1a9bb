//! When and where a meeting is: the form and its checks, creating a meeting
//! (its agenda from the group's template, its expected attendees from the
//! roster), changing its details, and which groups are due to meet.

use super::editing::{ensure_minutes_open, saved, template_for, Saved};
use crate::dates::{long_date, long_date_time, parse_date};
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId};
use crate::meetings::agenda;
use crate::meetings::cadence;
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::MeetingKind;
use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A meeting as typed into the form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MeetingForm {
    pub group_id: i64,
    /// 22/11/2026 or 2026-11-22.
    pub date: String,
    /// 18:30.
    pub time: String,
    pub duration_minutes: String,
    pub venue: String,
    pub online_details: String,
    /// scheduled (default), extraordinary, critical_incident.
    pub kind: String,
}

/// A meeting's details that passed the checks.
pub struct ValidMeeting {
    pub group: GroupId,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub venue: String,
    pub online_details: String,
    pub kind: MeetingKind,
}

impl ValidMeeting {
    /// The storage row for these details.
    pub(crate) fn row<'a>(&'a self, handover_id: Option<&'a str>) -> db::NewMeetingRow<'a> {
        db::NewMeetingRow {
            group: self.group,
            starts_at: self.starts_at,
            duration_minutes: self.duration_minutes,
            venue: &self.venue,
            online_details: &self.online_details,
            kind: self.kind,
            handover_id,
        }
    }
}

/// Checks a meeting's details as typed (or as a hand-over file gives them).
pub fn check_meeting_form(f: &MeetingForm) -> std::result::Result<ValidMeeting, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = match parse_date(&f.date) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.push(Problem::new("date", "enter the date of the meeting."));
            None
        }
        Err(m) => {
            problems.push(Problem::new("date", m));
            None
        }
    };
    let time = match NaiveTime::parse_from_str(f.time.trim(), "%H:%M") {
        Ok(t) => Some(t),
        Err(_) => {
            problems.push(Problem::new(
                "time",
                format!(
                    "\"{}\" is not a time; use the 24-hour clock, e.g. 18:30.",
                    f.time.trim()
                ),
            ));
            None
        }
    };
    let duration_minutes = match f.duration_minutes.trim() {
        "" => 120,
        t => match t.parse::<u32>() {
            Ok(n) if (15..=600).contains(&n) => n,
            _ => {
                problems.push(Problem::new(
                    "duration_minutes",
                    format!("\"{t}\" is not a length between 15 and 600 minutes."),
                ));
                120
            }
        },
    };
    let kind = match f.kind.trim() {
        "" => MeetingKind::Scheduled,
        code => MeetingKind::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                "kind",
                "choose scheduled, extraordinary or critical incident.",
            ));
            MeetingKind::Scheduled
        }),
    };
    if f.venue.trim().is_empty() && f.online_details.trim().is_empty() {
        problems.push(Problem::new(
            "venue",
            "say where the meeting is, or give the online details.",
        ));
    }
    match (date, time) {
        (Some(d), Some(t)) if problems.is_empty() => Ok(ValidMeeting {
            group: GroupId(f.group_id),
            starts_at: d.and_time(t),
            duration_minutes,
            venue: f.venue.trim().to_string(),
            online_details: f.online_details.trim().to_string(),
            kind,
        }),
        _ => Err(problems),
    }
}

/// Creates a meeting with its agenda from the template and the group's
/// current members and police contacts expected.
pub fn create(vault: &mut Vault, form: &MeetingForm) -> Result<MeetingId> {
    let m = check_meeting_form(form).map_err(Error::rejected)?;
    let drafts = template_for(vault, m.group)?;
    let items = agenda::check_agenda(&drafts).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    crate::storage::roster::group_tiers(&tx)?
        .iter()
        .find(|(id, _, _)| *id == m.group)
        .ok_or_else(|| {
            Error::rejected(vec![Problem::new(
                "group_id",
                "choose the group that meets.",
            )])
        })?;
    let id = db::insert(&tx, &m.row(None))?;
    db::replace_items(&tx, id, &items)?;
    db::expect_roster(&tx, id, m.group, m.starts_at.date())?;
    tx.commit()?;
    Ok(id)
}

/// Changes when, where and what kind of meeting it is.
/// A meeting stays with its group (its register and papers are the
/// group's), and once its minutes are approved its details are part of the
/// record and locked with them.
pub fn update_details(vault: &mut Vault, id: MeetingId, form: &MeetingForm) -> Result<Saved> {
    ensure_minutes_open(vault, id)?;
    let m = check_meeting_form(form).map_err(Error::rejected)?;
    if m.group != db::get(vault.conn(), id)?.group {
        return Err(Error::rejected(vec![Problem::new(
            "group_id",
            "a meeting stays with its group; create a new meeting for the other group.",
        )]));
    }
    let tx = vault.conn_mut().transaction()?;
    let cleared = db::clear_agreement(&tx, id)?;
    db::update_details(&tx, id, &m.row(None))?;
    tx.commit()?;
    Ok(saved(cleared))
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupDue {
    pub group_id: GroupId,
    pub group_name: String,
    pub due_on: String,
    pub days_overdue: i64,
    pub next_planned: Option<String>,
    /// Three dates to offer, "9 December 2026, 18:30".
    pub proposals: Vec<String>,
}

/// Active groups with when their next meeting is due; overdue ones first.
pub fn due(vault: &Vault, now: NaiveDateTime) -> Result<Vec<GroupDue>> {
    let today = now.date();
    let mut out: Vec<GroupDue> = db::cadence_facts(vault.conn(), now)?
        .into_iter()
        .map(|f| {
            let d = cadence::due(
                f.last_held.map(|l| l.date()),
                today,
                f.cadence_months,
                f.next_planned.map(|n| n.date()),
                today,
            );
            GroupDue {
                group_id: f.group,
                group_name: f.name,
                due_on: long_date(d.due_on),
                days_overdue: d.days_overdue,
                next_planned: f.next_planned.map(long_date_time),
                proposals: if d.planned {
                    Vec::new()
                } else {
                    cadence::proposals(f.last_held, d.due_on, today)
                        .into_iter()
                        .map(long_date_time)
                        .collect()
                },
            }
        })
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.days_overdue));
    Ok(out)
}
