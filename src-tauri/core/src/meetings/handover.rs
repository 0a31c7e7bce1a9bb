//! The hand-over file: one meeting with its agenda and attendance as JSON,
//! so a chair can pass a prepared agenda to a secretary on another laptop.
//!
//! Format (documented in the README): `{"format": "iag-desk.meeting",
//! "version": 1, "meeting": {...}}`. People are named, not numbered, since
//! ids differ between vaults. Import checks everything first, reports each
//! problem with its JSON path, then imports all or nothing; importing the
//! same meeting again (same `meeting.id`) updates it instead of adding a
//! second copy.

use super::agenda::{self, ItemDraft};
use super::attendance::{Capacity, Presence};
use super::plan::{self, MeetingForm};
use crate::error::{Error, Result};
use crate::ids::MeetingId;
use crate::roster::rules::Problem;
use crate::storage::{meetings as db, Vault};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "iag-desk.meeting";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandOver {
    pub format: String,
    pub version: u32,
    pub meeting: MeetingFile,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFile {
    /// Stable across laptops: re-importing updates the same meeting.
    pub id: String,
    /// The group's name, as on both rosters.
    pub group: String,
    /// 2026-12-09
    pub date: String,
    /// 18:30
    pub time: String,
    pub duration_minutes: u32,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub online_details: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub agenda: Vec<ItemDraft>,
    #[serde(default)]
    pub attendance: Vec<AttendeeFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendeeFile {
    pub name: String,
    #[serde(default)]
    pub email: String,
    pub capacity: String,
    pub presence: String,
}

/// The meeting as a hand-over file (pretty JSON).
pub fn export(vault: &mut Vault, id: MeetingId) -> Result<String> {
    let hid = db::ensure_handover_id(vault.conn(), id)?;
    let m = plan::detail(vault, id)?;
    let emails = db::attendance_emails(vault.conn(), id)?;
    let file = HandOver {
        format: FORMAT.into(),
        version: VERSION,
        meeting: MeetingFile {
            id: hid,
            group: m.group_name.clone(),
            date: m.date.clone(),
            time: m.time.clone(),
            duration_minutes: m.duration_minutes,
            venue: m.venue.clone(),
            online_details: m.online_details.clone(),
            kind: m.kind.code().into(),
            // Presenters travel by name: roster ids differ between laptops.
            agenda: m
                .items
                .iter()
                .map(|i| ItemDraft {
                    // Item ids belong to this vault; papers stay here too.
                    id: None,
                    presenter_id: None,
                    presenter_text: i.presenter.clone(),
                    ..i.draft.clone()
                })
                .collect(),
            attendance: m
                .register
                .iter()
                .map(|r| AttendeeFile {
                    name: r.name.clone(),
                    email: r
                        .person_id
                        .and_then(|p| emails.get(&p).cloned())
                        .unwrap_or_default(),
                    capacity: r.capacity.code().into(),
                    presence: r.presence.code().into(),
                })
                .collect(),
        },
    };
    serde_json::to_string_pretty(&file).map_err(|e| Error::Internal(e.to_string()))
}

#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub meeting: MeetingId,
    /// True when the meeting was already here and has been updated.
    pub updated: bool,
    pub items: usize,
    pub attendees: usize,
}

/// Checks a hand-over file and imports it whole, or reports every problem.
pub fn import(vault: &mut Vault, json: &str) -> Result<Imported> {
    let file: HandOver = serde_json::from_str(json).map_err(|e| {
        Error::rejected(vec![Problem::new(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not a hand-over file IAG Desk can read: {e}."),
        )])
    })?;
    let mut problems = Vec::new();
    if file.format != FORMAT {
        problems.push(Problem::new(
            "format",
            format!("expected \"{FORMAT}\", found \"{}\".", file.format),
        ));
    }
    if file.version != VERSION {
        problems.push(Problem::new(
            "version",
            format!(
                "this IAG Desk reads version {VERSION}; the file is version {}.",
                file.version
            ),
        ));
    }
    let m = &file.meeting;
    if m.id.trim().is_empty() || m.id.len() > 100 {
        problems.push(Problem::new("meeting.id", "missing or too long."));
    }
    let groups = crate::storage::roster::group_tiers(vault.conn())?;
    let group = groups
        .iter()
        .find(|(_, n, _)| n.eq_ignore_ascii_case(m.group.trim()));
    if group.is_none() {
        problems.push(Problem::new(
            "meeting.group",
            format!("there is no group called \"{}\" on this roster.", m.group),
        ));
    }
    let form = MeetingForm {
        group_id: group.map(|g| g.0 .0).unwrap_or(0),
        date: m.date.clone(),
        time: m.time.clone(),
        duration_minutes: m.duration_minutes.to_string(),
        venue: m.venue.clone(),
        online_details: m.online_details.clone(),
        kind: m.kind.clone(),
    };
    if let Err(p) = plan::check_meeting_form(&form) {
        problems.extend(
            p.into_iter()
                .map(|p| Problem::new(format!("meeting.{}", p.field), p.message)),
        );
    }
    let items = match agenda::check_agenda(&m.agenda) {
        Ok(items) => items,
        Err(p) => {
            // "item 3.title" → "meeting.agenda[2].title"
            problems.extend(p.into_iter().map(|p| {
                let path = p
                    .field
                    .strip_prefix("item ")
                    .and_then(|rest| rest.split_once('.'))
                    .and_then(|(n, f)| {
                        n.parse::<usize>()
                            .ok()
                            .map(|n| format!("meeting.agenda[{}].{f}", n - 1))
                    })
                    .unwrap_or_else(|| format!("meeting.agenda.{}", p.field));
                Problem::new(path, p.message)
            }));
            Vec::new()
        }
    };
    let mut register = Vec::new();
    for (i, a) in m.attendance.iter().enumerate() {
        let at = |f: &str| format!("meeting.attendance[{i}].{f}");
        let capacity = Capacity::from_code(&a.capacity);
        let presence = Presence::from_code(&a.presence);
        if capacity.is_none() {
            problems.push(Problem::new(at("capacity"), "use member or in_attendance."));
        }
        if presence.is_none() {
            problems.push(Problem::new(
                at("presence"),
                "use expected, present, apologies or absent.",
            ));
        }
        match db::person_by_name_and_email(vault.conn(), &a.name, &a.email)? {
            Some(person) => register.push((Some(person), a.name.clone(), capacity, presence)),
            None if capacity == Some(Capacity::InAttendance) => {
                register.push((None, a.name.clone(), capacity, presence))
            }
            None => problems.push(Problem::new(
                at("name"),
                format!("no member called \"{}\" is on this roster.", a.name),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let starts_at = plan::check_meeting_form(&form).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    let existing = db::by_handover_id(&tx, &m.id)?;
    let row = starts_at.row(Some(&m.id));
    let id = match existing {
        Some(id) => {
            db::update_details(&tx, id, &row)?;
            id
        }
        None => db::insert(&tx, &row)?,
    };
    db::replace_items(&tx, id, &items)?;
    db::replace_attendance(
        &tx,
        id,
        &register
            .iter()
            .map(|(p, n, c, pr)| {
                (
                    *p,
                    n.as_str(),
                    c.unwrap_or(Capacity::InAttendance),
                    pr.unwrap_or(Presence::Expected),
                )
            })
            .collect::<Vec<_>>(),
    )?;
    tx.commit()?;
    Ok(Imported {
        meeting: id,
        updated: existing.is_some(),
        items: items.len(),
        attendees: register.len(),
    })
}
