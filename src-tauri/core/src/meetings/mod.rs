//! Meetings of a group: when, where, what kind, and how far along
//! (planned → agenda agreed → held → minutes draft → minutes approved).

pub mod agenda;
pub mod attendance;
pub mod cadence;
pub mod calendar;
pub mod handover;
pub mod papers;
pub mod plan;

use crate::error::Result;
use crate::ids::{GroupId, MeetingId};
use crate::storage::{self, Vault};
use crate::vocabulary::{MeetingKind, MeetingStatus};
use chrono::NaiveDateTime;
use serde::Serialize;

/// Every meeting: upcoming ones first (soonest first), then the past.
pub fn list(vault: &Vault, now: NaiveDateTime) -> Result<Vec<MeetingSummary>> {
    storage::roster::list_meetings(vault.conn(), now)
}

impl MeetingSummary {
    /// When it starts, read back from `starts_at`.
    pub fn start(&self) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(&self.starts_at, "%Y-%m-%dT%H:%M").ok()
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
