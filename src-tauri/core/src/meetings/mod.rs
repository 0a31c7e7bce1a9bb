//! Meetings of a group: when, where, what kind, and how far along
//! (planned → agenda agreed → held → minutes draft → minutes approved).

pub mod agenda;
pub mod agenda_pack;
pub mod attendance;
pub mod cadence;
pub mod calendar;
pub mod handover;
pub mod papers;
pub mod papers_email;
pub mod plan;

use crate::dates::{long_date_time, DATE_TIME};
use crate::error::Result;
use crate::ids::{GroupId, MeetingId};
use crate::storage::{self, Vault};
use crate::vocabulary::{MeetingKind, MeetingStatus};
use chrono::NaiveDateTime;
use serde::Serialize;

/// Every meeting: upcoming ones first (soonest first), then the past.
pub fn list(vault: &Vault, now: NaiveDateTime) -> Result<Vec<MeetingSummary>> {
    Ok(storage::roster::list_meetings(vault.conn(), now)?
        .into_iter()
        .map(|row| MeetingSummary {
            id: row.id,
            group_id: row.group_id,
            group_name: row.group_name,
            starts_at: row.starts_at.format(DATE_TIME).to_string(),
            when: long_date_time(row.starts_at),
            venue: row.venue,
            kind: row.kind,
            kind_label: row.kind.label(),
            status: row.status,
            status_label: row.status.label(),
            upcoming: row.starts_at > now,
        })
        .collect())
}

impl MeetingSummary {
    /// When it starts, read back from `starts_at`.
    pub fn start(&self) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(&self.starts_at, DATE_TIME).ok()
    }
}

/// A meeting as the meetings list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    /// Local date and time, ISO 8601 ("2026-11-22T18:30").
    pub starts_at: String,
    /// "22 November 2026, 18:30".
    pub when: String,
    pub venue: String,
    pub kind: MeetingKind,
    pub kind_label: &'static str,
    pub status: MeetingStatus,
    pub status_label: &'static str,
    /// True when the meeting starts after the moment the list was asked for.
    pub upcoming: bool,
}
