//! SQL for meetings: creating them, their agenda items, agreement, the
//! attendance register, templates, and what cadence needs to know.

use crate::confidentiality::Confidentiality;
use crate::dates::{DATE, DATE_TIME};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::vocabulary::{
    AttendanceMode, Capacity, ExemptionReason, ItemKind, MeetingKind, MeetingStatus, PersonKind,
    Presence, Role,
};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// An agenda item as typed or imported: every field text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ItemDraft {
    /// The saved item this draft edits (None for a new item). Keeping the id
    /// keeps the item's papers when the agenda is reordered or edited.
    pub id: Option<i64>,
    pub title: String,
    pub purpose: String,
    /// 0 for a main item, 1 for a sub-item of the item above.
    pub depth: u8,
    pub minutes: u32,
    /// A presenter from the roster (their id) or free text.
    pub presenter_id: Option<i64>,
    pub presenter_text: String,
    pub confidentiality: String,
    pub public_title: String,
    pub reason: String,
    pub reason_other: String,
    pub kind: String,
}

/// An item that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: Option<i64>,
    pub title: String,
    pub purpose: String,
    pub depth: u8,
    pub minutes: u32,
    pub presenter_id: Option<i64>,
    pub presenter_text: String,
    pub confidentiality: Confidentiality,
    pub public_title: String,
    pub reason: Option<ExemptionReason>,
    pub reason_other: String,
    pub kind: ItemKind,
}

fn not_found() -> Error {
    Error::NotFound {
        what: "That meeting".into(),
    }
}

pub(crate) struct MeetingRow {
    pub group: GroupId,
    pub group_name: String,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub venue: String,
    pub online_details: String,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub chair_agreed: Option<(String, String)>,
    pub police_agreed: Option<(String, String)>,
    /// Who chaired, when someone was chosen; else the group's chair.
    pub chaired_by: Option<PersonId>,
}

pub(crate) struct NewMeetingRow<'a> {
    pub group: GroupId,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub venue: &'a str,
    pub online_details: &'a str,
    pub kind: MeetingKind,
    /// None: a new random id (for a meeting made here).
    pub handover_id: Option<&'a str>,
}

pub(crate) fn insert(conn: &Connection, m: &NewMeetingRow) -> Result<MeetingId> {
    conn.execute(
        "INSERT INTO meetings (group_id, starts_at, duration_minutes, venue, online_details, kind,
                               status, handover_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned', COALESCE(?7, lower(hex(randomblob(16)))))",
        params![
            m.group,
            m.starts_at.format(DATE_TIME).to_string(),
            m.duration_minutes,
            m.venue,
            m.online_details,
            m.kind.code(),
            m.handover_id
        ],
    )?;
    Ok(MeetingId(conn.last_insert_rowid()))
}

pub(crate) fn update_details(conn: &Connection, id: MeetingId, m: &NewMeetingRow) -> Result<()> {
    let changed = conn.execute(
        "UPDATE meetings SET group_id = ?2, starts_at = ?3, duration_minutes = ?4, venue = ?5,
                online_details = ?6, kind = ?7
          WHERE id = ?1",
        params![
            id,
            m.group,
            m.starts_at.format(DATE_TIME).to_string(),
            m.duration_minutes,
            m.venue,
            m.online_details,
            m.kind.code()
        ],
    )?;
    if changed == 0 {
        return Err(not_found());
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: MeetingId) -> Result<MeetingRow> {
    conn.query_row(
        "SELECT m.group_id, g.name, m.starts_at, m.duration_minutes, m.venue, m.online_details,
                m.kind, m.status, m.chair_agreed_by, m.chair_agreed_at, m.police_agreed_by,
                m.police_agreed_at, m.chaired_by
           FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = ?1",
        [id],
        |r| {
            let pair = |a: Option<String>, b: Option<String>| a.zip(b);
            Ok((
                r.get::<_, GroupId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                pair(r.get(8)?, r.get(9)?),
                pair(r.get(10)?, r.get(11)?),
                r.get::<_, Option<PersonId>>(12)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(not_found)
    .and_then(
        |(
            group,
            group_name,
            at,
            duration,
            venue,
            online,
            kind,
            status,
            chair,
            police,
            chaired_by,
        )| {
            Ok(MeetingRow {
                group,
                group_name,
                starts_at: NaiveDateTime::parse_from_str(&at, DATE_TIME)
                    .map_err(|_| Error::Internal("unreadable meeting time".into()))?,
                duration_minutes: duration,
                venue,
                online_details: online,
                kind: MeetingKind::from_code(&kind)
                    .ok_or_else(|| Error::Internal("unknown meeting kind".into()))?,
                status: MeetingStatus::from_code(&status)
                    .ok_or_else(|| Error::Internal("unknown meeting status".into()))?,
                chair_agreed: chair,
                police_agreed: police,
                chaired_by,
            })
        },
    )
}

pub(crate) fn set_status(conn: &Connection, id: MeetingId, status: MeetingStatus) -> Result<()> {
    conn.execute(
        "UPDATE meetings SET status = ?2 WHERE id = ?1",
        params![id, status.code()],
    )?;
    Ok(())
}

/// Clears both agreements; true when there was one to clear.
pub(crate) fn clear_agreement(conn: &Connection, id: MeetingId) -> Result<bool> {
    let had = conn.execute(
        "UPDATE meetings SET chair_agreed_by = NULL, chair_agreed_at = NULL,
                police_agreed_by = NULL, police_agreed_at = NULL,
                status = CASE status WHEN 'agenda_agreed' THEN 'planned' ELSE status END
          WHERE id = ?1 AND (chair_agreed_by IS NOT NULL OR police_agreed_by IS NOT NULL)",
        [id],
    )?;
    Ok(had > 0)
}

pub(crate) fn record_agreement(
    conn: &Connection,
    id: MeetingId,
    police: bool,
    name: &str,
    at: NaiveDateTime,
) -> Result<()> {
    let sql = if police {
        "UPDATE meetings SET police_agreed_by = ?2, police_agreed_at = ?3 WHERE id = ?1"
    } else {
        "UPDATE meetings SET chair_agreed_by = ?2, chair_agreed_at = ?3 WHERE id = ?1"
    };
    conn.execute(sql, params![id, name, at.format(DATE_TIME).to_string()])?;
    Ok(())
}

/// Replaces the agenda with `items`, in order.
/// Makes the stored agenda exactly `items`, in order: items that carry the
/// id of one of this meeting's items are updated in place (keeping their
/// papers), the rest are added, and items no longer listed are deleted.
pub(crate) fn replace_items(conn: &Connection, id: MeetingId, items: &[Item]) -> Result<()> {
    let existing: Vec<i64> = conn
        .prepare("SELECT id FROM agenda_items WHERE meeting_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Out of the way of UNIQUE (meeting_id, position) while rows move.
    conn.execute(
        "UPDATE agenda_items SET position = -position - 1 WHERE meeting_id = ?1",
        [id],
    )?;
    let mut kept = Vec::new();
    for (position, i) in items.iter().enumerate() {
        let values = params![
            id,
            position as i64,
            i.depth,
            i.title,
            i.purpose,
            i.minutes,
            i.presenter_id,
            i.presenter_text,
            i.confidentiality.code(),
            i.public_title,
            i.reason.map(|r| r.code()),
            i.reason_other,
            i.kind.code()
        ];
        match i
            .id
            .filter(|item| existing.contains(item) && !kept.contains(item))
        {
            Some(item) => {
                let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                all.push(&item);
                conn.execute(
                    "UPDATE agenda_items SET meeting_id = ?1, position = ?2, depth = ?3, title = ?4,
                            purpose = ?5, minutes = ?6, presenter_id = ?7, presenter_text = ?8,
                            confidentiality = ?9, public_title = ?10, reason = ?11,
                            reason_other = ?12, kind = ?13
                      WHERE id = ?14",
                    all.as_slice(),
                )?;
                kept.push(item);
            }
            None => {
                conn.execute(
                    "INSERT INTO agenda_items (meeting_id, position, depth, title, purpose, minutes,
                                               presenter_id, presenter_text, confidentiality,
                                               public_title, reason, reason_other, kind)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    values,
                )?;
            }
        }
    }
    for gone in existing.iter().filter(|e| !kept.contains(e)) {
        conn.execute("DELETE FROM agenda_items WHERE id = ?1", [gone])?;
    }
    Ok(())
}

/// A paper attached to an agenda item, without its bytes.
#[derive(Debug, Clone)]
pub(crate) struct PaperLine {
    pub item: i64,
    pub id: i64,
    pub file_name: String,
    pub size: i64,
    /// Its own level: open or confidential.
    pub level: Confidentiality,
}

/// The papers of a meeting, in the order they were added.
pub(crate) fn papers(conn: &Connection, meeting: MeetingId) -> Result<Vec<PaperLine>> {
    let mut stmt = conn.prepare(
        "SELECT p.item_id, p.id, p.file_name, length(p.bytes), p.confidentiality
           FROM agenda_papers p JOIN agenda_items a ON a.id = p.item_id
          WHERE a.meeting_id = ?1 ORDER BY p.id",
    )?;
    let rows = stmt
        .query_map([meeting], |r| {
            Ok(PaperLine {
                item: r.get(0)?,
                id: r.get(1)?,
                file_name: r.get(2)?,
                size: r.get(3)?,
                level: Confidentiality::from_code(&r.get::<_, String>(4)?)
                    .unwrap_or(Confidentiality::Confidential),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sets a paper's own level.
pub(crate) fn set_paper_level(conn: &Connection, paper: i64, level: Confidentiality) -> Result<()> {
    conn.execute(
        "UPDATE agenda_papers SET confidentiality = ?2 WHERE id = ?1",
        params![paper, level.code()],
    )?;
    Ok(())
}

/// A paper whole, as a hand-over file or an agenda pack carries it.
pub(crate) struct PaperRow {
    pub id: i64,
    pub item: i64,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// As stored: 2026-11-20T09:00.
    pub added_at: String,
    pub level: Confidentiality,
}

/// Every paper of a meeting with its bytes, in agenda order.
pub(crate) fn paper_files(conn: &Connection, meeting: MeetingId) -> Result<Vec<PaperRow>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.item_id, p.file_name, p.bytes, p.added_at, p.confidentiality
           FROM agenda_papers p JOIN agenda_items a ON a.id = p.item_id
          WHERE a.meeting_id = ?1 ORDER BY a.position, p.id",
    )?;
    let rows = stmt
        .query_map([meeting], |r| {
            Ok(PaperRow {
                id: r.get(0)?,
                item: r.get(1)?,
                file_name: r.get(2)?,
                bytes: r.get(3)?,
                added_at: r.get(4)?,
                level: Confidentiality::from_code(&r.get::<_, String>(5)?)
                    .unwrap_or(Confidentiality::Confidential),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every paper of a meeting, before a hand-over file puts its own.
pub(crate) fn delete_papers(conn: &Connection, meeting: MeetingId) -> Result<()> {
    conn.execute(
        "DELETE FROM agenda_papers
          WHERE item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?1)",
        [meeting],
    )?;
    Ok(())
}

/// The group's first meeting on `on` other than `not`: how a hand-over file
/// names another meeting, since ids differ between vaults.
pub(crate) fn meeting_on_day(
    conn: &Connection,
    group: GroupId,
    on: NaiveDate,
    not: MeetingId,
) -> Result<Option<MeetingId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM meetings
              WHERE group_id = ?1 AND substr(starts_at, 1, 10) = ?2 AND id <> ?3
              ORDER BY starts_at, id LIMIT 1",
            params![group, on.format(DATE).to_string(), not],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn item_meeting(conn: &Connection, item: i64) -> Result<Option<MeetingId>> {
    Ok(conn
        .query_row(
            "SELECT meeting_id FROM agenda_items WHERE id = ?1",
            [item],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn add_paper(
    conn: &Connection,
    item: i64,
    name: &str,
    bytes: &[u8],
    level: Confidentiality,
    at: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO agenda_papers (item_id, file_name, bytes, added_at, confidentiality)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            item,
            name,
            bytes,
            at.format(DATE_TIME).to_string(),
            level.code()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// (meeting, file name, bytes) of a paper.
pub(crate) fn paper(conn: &Connection, paper: i64) -> Result<(MeetingId, String, Vec<u8>)> {
    conn.query_row(
        "SELECT a.meeting_id, p.file_name, p.bytes FROM agenda_papers p
           JOIN agenda_items a ON a.id = p.item_id WHERE p.id = ?1",
        [paper],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "That paper".into(),
    })
}

pub(crate) fn delete_paper(conn: &Connection, paper: i64) -> Result<()> {
    conn.execute("DELETE FROM agenda_papers WHERE id = ?1", [paper])?;
    Ok(())
}

/// Items in order, each with its presenter's roster name when there is one.
pub(crate) fn items(conn: &Connection, id: MeetingId) -> Result<Vec<(Item, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT a.depth, a.title, a.purpose, a.minutes, a.presenter_id, a.presenter_text,
                a.confidentiality, a.public_title, a.reason, a.reason_other, a.kind, p.full_name,
                a.id
           FROM agenda_items a LEFT JOIN people p ON p.id = a.presenter_id
          WHERE a.meeting_id = ?1 ORDER BY a.position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, u8>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, String>(10)?,
            r.get::<_, Option<String>>(11)?,
            r.get::<_, i64>(12)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            depth,
            title,
            purpose,
            minutes,
            presenter_id,
            presenter_text,
            conf,
            public_title,
            reason,
            reason_other,
            kind,
            name,
            item_id,
        ) = row?;
        out.push((
            Item {
                id: Some(item_id),
                title,
                purpose,
                depth,
                minutes,
                presenter_id,
                presenter_text,
                confidentiality: Confidentiality::from_code(&conf)
                    .ok_or_else(|| Error::Internal("unknown confidentiality".into()))?,
                public_title,
                reason: reason.as_deref().and_then(ExemptionReason::from_code),
                reason_other,
                kind: ItemKind::from_code(&kind).unwrap_or(ItemKind::General),
            },
            name,
        ));
    }
    Ok(out)
}

pub(crate) fn template(conn: &Connection, group: GroupId) -> Result<Option<Vec<ItemDraft>>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT items_json FROM agenda_templates WHERE group_id = ?1",
            [group],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j)
            .map_err(|_| Error::Internal("a stored agenda template is unreadable".into()))
    })
    .transpose()
}

pub(crate) fn save_template(conn: &Connection, group: GroupId, items: &[ItemDraft]) -> Result<()> {
    let json = serde_json::to_string(items).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO agenda_templates (group_id, items_json) VALUES (?1, ?2)
         ON CONFLICT(group_id) DO UPDATE SET items_json = excluded.items_json",
        params![group, json],
    )?;
    Ok(())
}

/// One line of a meeting's register.
pub(crate) struct AttendanceRow {
    /// The line itself (guests have no person).
    pub line: i64,
    pub person: Option<PersonId>,
    /// Member or police contact, for a person on the roster.
    pub person_kind: Option<PersonKind>,
    /// The roster name, the guest's name, or empty for an anonymised attendee.
    pub name: String,
    /// Role or organisation as typed for this meeting.
    pub role_text: String,
    /// For a police contact on the roster: their rank and post.
    pub police_rank: String,
    pub capacity: Capacity,
    pub presence: Presence,
    pub mode: AttendanceMode,
    pub arrived_at: Option<usize>,
    pub left_at: Option<usize>,
    /// Agenda positions a guest attends for, first and last.
    pub for_items: Option<(usize, usize)>,
    pub takes_minutes: bool,
    pub anonymous: bool,
}

/// The details of a line besides presence, as the domain checked them.
pub(crate) struct LineDetails<'a> {
    pub role_text: &'a str,
    pub capacity: Capacity,
    pub mode: AttendanceMode,
    pub for_items: Option<(usize, usize)>,
    pub takes_minutes: bool,
}

/// Members, then the police and guests in attendance, then the secretariat;
/// by name, anonymised attendees by their role.
pub(crate) fn attendance(conn: &Connection, id: MeetingId) -> Result<Vec<AttendanceRow>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.person_id, COALESCE(p.full_name, a.guest_name), a.role_text,
                COALESCE(p.police_rank, ''), a.capacity, a.presence, a.mode,
                a.arrived_at_item, a.left_at_item, a.for_first_item, a.for_last_item,
                a.takes_minutes, a.anonymous, p.kind
           FROM attendance a LEFT JOIN people p ON p.id = a.person_id
          WHERE a.meeting_id = ?1
          ORDER BY CASE a.capacity WHEN 'member' THEN 0 WHEN 'in_attendance' THEN 1 ELSE 2 END,
                   COALESCE(p.full_name, NULLIF(a.guest_name, ''), a.role_text)",
    )?;
    let position = |v: Option<i64>| v.map(|p| p as usize);
    let rows = stmt.query_map([id], |r| {
        Ok(AttendanceRow {
            line: r.get(0)?,
            person: r.get(1)?,
            name: r.get(2)?,
            role_text: r.get(3)?,
            police_rank: r.get(4)?,
            capacity: Capacity::from_code(&r.get::<_, String>(5)?)
                .unwrap_or(Capacity::InAttendance),
            presence: Presence::from_code(&r.get::<_, String>(6)?).unwrap_or(Presence::Expected),
            mode: AttendanceMode::from_code(&r.get::<_, String>(7)?)
                .unwrap_or(AttendanceMode::InPerson),
            arrived_at: position(r.get(8)?),
            left_at: position(r.get(9)?),
            for_items: position(r.get(10)?).zip(position(r.get(11)?)),
            takes_minutes: r.get::<_, i64>(12)? != 0,
            anonymous: r.get::<_, i64>(13)? != 0,
            person_kind: r
                .get::<_, Option<String>>(14)?
                .and_then(|k| PersonKind::from_code(&k)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Who a meeting's papers go to: each named line of the register with the
/// roster e-mail address where there is one (guests have none).
pub(crate) struct AddressRow {
    pub name: String,
    /// None for a guest, who is not on the roster.
    pub person_kind: Option<PersonKind>,
    pub capacity: Capacity,
    /// Empty when the roster has no address.
    pub email: String,
}

pub(crate) fn register_addresses(conn: &Connection, id: MeetingId) -> Result<Vec<AddressRow>> {
    let mut stmt = conn.prepare(
        "SELECT COALESCE(p.full_name, a.guest_name), p.kind, a.capacity, COALESCE(p.email, '')
           FROM attendance a LEFT JOIN people p ON p.id = a.person_id
          WHERE a.meeting_id = ?1 AND a.anonymous = 0
          ORDER BY COALESCE(p.full_name, a.guest_name)",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(AddressRow {
            name: r.get(0)?,
            person_kind: r
                .get::<_, Option<String>>(1)?
                .and_then(|k| PersonKind::from_code(&k)),
            capacity: Capacity::from_code(&r.get::<_, String>(2)?)
                .unwrap_or(Capacity::InAttendance),
            email: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Changes a line's role, capacity, mode, items and minute-taking.
pub(crate) fn set_line_details(
    conn: &Connection,
    id: MeetingId,
    line: i64,
    d: &LineDetails,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE attendance SET role_text = ?3, capacity = ?4, mode = ?5, for_first_item = ?6,
                for_last_item = ?7, takes_minutes = ?8
          WHERE meeting_id = ?1 AND id = ?2",
        params![
            id,
            line,
            d.role_text,
            d.capacity.code(),
            d.mode.code(),
            d.for_items.map(|(f, _)| f as i64),
            d.for_items.map(|(_, l)| l as i64),
            d.takes_minutes as i64
        ],
    )?;
    if changed == 0 {
        return Err(Error::NotFound {
            what: "That line of this meeting's register".into(),
        });
    }
    Ok(())
}

/// Who held a role in `group` on `on`: (person, role).
pub(crate) fn group_roles_on(
    conn: &Connection,
    group: GroupId,
    on: NaiveDate,
) -> Result<Vec<(PersonId, Role)>> {
    let mut stmt = conn.prepare(
        "SELECT person_id, role FROM memberships
          WHERE group_id = ?1 AND started_on <= ?2 AND (ended_on IS NULL OR ended_on > ?2)",
    )?;
    let rows = stmt
        .query_map(params![group, on.format(DATE).to_string()], |r| {
            Ok((r.get::<_, PersonId>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, role)| Role::from_code(&role).map(|r| (p, r)))
        .collect())
}

/// Records who chaired (None: the group's chair, if present).
pub(crate) fn set_chaired_by(
    conn: &Connection,
    id: MeetingId,
    person: Option<PersonId>,
) -> Result<()> {
    conn.execute(
        "UPDATE meetings SET chaired_by = ?2 WHERE id = ?1",
        params![id, person],
    )?;
    Ok(())
}

/// Adds everyone holding a current role in the group as expected: members
/// as members, police contacts as "in attendance". Existing lines stay.
pub(crate) fn expect_roster(
    conn: &Connection,
    id: MeetingId,
    group: GroupId,
    on: NaiveDate,
) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO attendance (meeting_id, person_id, capacity, presence)
         SELECT DISTINCT ?1, m.person_id,
                CASE p.kind WHEN 'police' THEN 'in_attendance' ELSE 'member' END, 'expected'
           FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE m.group_id = ?2 AND m.started_on <= ?3 AND (m.ended_on IS NULL OR m.ended_on > ?3)
            AND p.status IN ('active', 'on_leave')",
        params![id, group, on.format(DATE).to_string()],
    )?;
    Ok(())
}

pub(crate) fn set_presence(
    conn: &Connection,
    id: MeetingId,
    person: PersonId,
    presence: Presence,
    arrived_at: Option<usize>,
    left_at: Option<usize>,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE attendance SET presence = ?3, arrived_at_item = ?4, left_at_item = ?5
          WHERE meeting_id = ?1 AND person_id = ?2",
        params![
            id,
            person,
            presence.code(),
            arrived_at.map(|a| a as i64),
            left_at.map(|l| l as i64)
        ],
    )?;
    if changed == 0 {
        return Err(Error::NotFound {
            what: "That person on this meeting's register".into(),
        });
    }
    Ok(())
}

/// Adds someone not on the roster, present: a guest, or an anonymised
/// attendee (`anonymous`, with a role and no name). Returns the line.
pub(crate) fn add_guest(
    conn: &Connection,
    id: MeetingId,
    name: &str,
    anonymous: bool,
    d: &LineDetails,
) -> Result<i64> {
    // The name, or the role that stands for it, first (the table checks one
    // is there); then the line's details as any line's are set.
    conn.execute(
        "INSERT INTO attendance (meeting_id, guest_name, anonymous, presence, role_text, capacity)
         VALUES (?1, ?2, ?3, 'present', ?4, ?5)",
        params![id, name, anonymous as i64, d.role_text, d.capacity.code()],
    )?;
    let line = conn.last_insert_rowid();
    set_line_details(conn, id, line, d)?;
    Ok(line)
}

/// For each active group: (group, name, cadence, created_on-ish, last held, last held time, next planned).
pub(crate) struct CadenceFacts {
    pub group: GroupId,
    pub name: String,
    pub cadence_months: u32,
    pub last_held: Option<NaiveDateTime>,
    pub next_planned: Option<NaiveDateTime>,
}

pub(crate) fn cadence_facts(conn: &Connection, now: NaiveDateTime) -> Result<Vec<CadenceFacts>> {
    let now_text = now.format(DATE_TIME).to_string();
    let mut stmt = conn.prepare(
        "SELECT g.id, g.name, g.cadence_months,
                (SELECT max(starts_at) FROM meetings m WHERE m.group_id = g.id AND m.starts_at <= ?1),
                (SELECT min(starts_at) FROM meetings m WHERE m.group_id = g.id AND m.starts_at > ?1)
           FROM groups g WHERE g.status = 'active'
          ORDER BY g.name",
    )?;
    let parse =
        |t: Option<String>| t.and_then(|t| NaiveDateTime::parse_from_str(&t, DATE_TIME).ok());
    let rows = stmt.query_map([&now_text], |r| {
        Ok((
            r.get::<_, GroupId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (group, name, cadence_months, last, next) = row?;
        out.push(CadenceFacts {
            group,
            name,
            cadence_months,
            last_held: parse(last),
            next_planned: parse(next),
        });
    }
    Ok(out)
}

pub(crate) fn members_count(conn: &Connection, group: GroupId, on: NaiveDate) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT m.person_id) FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE m.group_id = ?1 AND p.kind = 'member' AND m.started_on <= ?2
            AND (m.ended_on IS NULL OR m.ended_on > ?2)",
        params![group, on.format(DATE).to_string()],
        |r| r.get(0),
    )?)
}

pub(crate) fn group_quorum(conn: &Connection, group: GroupId) -> Result<String> {
    Ok(
        conn.query_row("SELECT quorum FROM groups WHERE id = ?1", [group], |r| {
            r.get(0)
        })?,
    )
}

/// A meeting as a calendar may show it: its group, time, place and kind.
pub(crate) struct CalendarRow {
    pub id: MeetingId,
    pub handover_id: Option<String>,
    pub group_name: String,
    pub starts_at: NaiveDateTime,
    pub minutes: u32,
    pub venue: String,
    pub online_details: String,
    pub kind: MeetingKind,
}

/// What a calendar may show of each meeting (of one group, or all).
pub(crate) fn calendar_rows(
    conn: &Connection,
    group: Option<GroupId>,
    only: Option<MeetingId>,
) -> Result<Vec<CalendarRow>> {
    let mut stmt = conn.prepare(
        "SELECT m.id, m.handover_id, g.name, m.starts_at, m.duration_minutes, m.venue,
                m.online_details, m.kind
           FROM meetings m JOIN groups g ON g.id = m.group_id
          WHERE (?1 IS NULL OR m.group_id = ?1) AND (?2 IS NULL OR m.id = ?2)
          ORDER BY m.starts_at",
    )?;
    let rows = stmt.query_map(params![group, only], |r| {
        Ok((
            r.get::<_, MeetingId>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, handover_id, group_name, at, minutes, venue, online_details, kind) = row?;
        out.push(CalendarRow {
            id,
            handover_id,
            group_name,
            starts_at: NaiveDateTime::parse_from_str(&at, DATE_TIME)
                .map_err(|_| Error::Internal("unreadable meeting time".into()))?,
            minutes,
            venue,
            online_details,
            kind: MeetingKind::from_code(&kind).unwrap_or(MeetingKind::Scheduled),
        });
    }
    Ok(out)
}

pub(crate) fn by_handover_id(conn: &Connection, handover_id: &str) -> Result<Option<MeetingId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM meetings WHERE handover_id = ?1",
            [handover_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Gives a meeting made before hand-over ids existed its id on first need.
pub(crate) fn ensure_handover_id(conn: &Connection, id: MeetingId) -> Result<String> {
    conn.execute(
        "UPDATE meetings SET handover_id = lower(hex(randomblob(16)))
          WHERE id = ?1 AND handover_id IS NULL",
        [id],
    )?;
    conn.query_row(
        "SELECT handover_id FROM meetings WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(not_found)
}

pub(crate) fn attendance_emails(
    conn: &Connection,
    id: MeetingId,
) -> Result<std::collections::HashMap<PersonId, String>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.email FROM attendance a JOIN people p ON p.id = a.person_id
          WHERE a.meeting_id = ?1",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, PersonId>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The one person with this name (and this email, when one is given).
pub(crate) fn person_by_name_and_email(
    conn: &Connection,
    name: &str,
    email: &str,
) -> Result<Option<PersonId>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM people WHERE full_name = ?1 AND (?2 = '' OR lower(email) = lower(?2))",
    )?;
    let ids = stmt
        .query_map(params![name.trim(), email.trim()], |r| {
            r.get::<_, PersonId>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(if ids.len() == 1 { Some(ids[0]) } else { None })
}

/// A whole register line, as a hand-over file brings it.
pub(crate) struct NewLine {
    pub person: Option<PersonId>,
    /// A guest's name; empty for a roster person or an anonymised attendee.
    pub name: String,
    pub anonymous: bool,
    pub presence: Presence,
    pub arrived_at: Option<usize>,
    pub left_at: Option<usize>,
    pub role_text: String,
    pub capacity: Capacity,
    pub mode: AttendanceMode,
    pub for_items: Option<(usize, usize)>,
    pub takes_minutes: bool,
}

/// Replaces a meeting's register with `lines` (checked by the caller: a
/// person twice is an error there, never silently dropped here).
pub(crate) fn replace_attendance(
    conn: &Connection,
    id: MeetingId,
    lines: &[NewLine],
) -> Result<()> {
    conn.execute("DELETE FROM attendance WHERE meeting_id = ?1", [id])?;
    let mut stmt = conn.prepare(
        "INSERT INTO attendance (meeting_id, person_id, guest_name, anonymous, presence,
                                 arrived_at_item, left_at_item, role_text, capacity, mode,
                                 for_first_item, for_last_item, takes_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let position = |p: Option<usize>| p.map(|p| p as i64);
    for l in lines {
        stmt.execute(params![
            id,
            l.person,
            l.name,
            l.anonymous as i64,
            l.presence.code(),
            position(l.arrived_at),
            position(l.left_at),
            l.role_text,
            l.capacity.code(),
            l.mode.code(),
            position(l.for_items.map(|(f, _)| f)),
            position(l.for_items.map(|(_, l)| l)),
            l.takes_minutes as i64
        ])?;
    }
    Ok(())
}

/// Agenda items in the whole vault.
pub(crate) fn agenda_item_total(conn: &Connection) -> Result<usize> {
    Ok(
        conn.query_row("SELECT count(*) FROM agenda_items", [], |r| {
            r.get::<_, i64>(0)
        })? as usize,
    )
}

/// One member's line on the register of a meeting that was held, for
/// attendance over time.
#[derive(Debug, Clone)]
pub(crate) struct HistoryRow {
    pub group: GroupId,
    pub group_name: String,
    pub person: PersonId,
    pub person_name: String,
    pub meeting: MeetingId,
    pub date: NaiveDate,
    pub presence: Presence,
}

/// Whose attendance to read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HistoryOf {
    Group(GroupId),
    Person(PersonId),
    Everyone,
}

/// Members' lines (never guests, the secretariat or anonymised lines) on
/// the registers of meetings held up to `to`, oldest first. A meeting
/// counts once its register shows someone present: one nobody marked, or
/// with only apologies sent ahead, says nothing yet about who came.
pub(crate) fn attendance_history(
    conn: &Connection,
    of: HistoryOf,
    to: NaiveDate,
) -> Result<Vec<HistoryRow>> {
    let (column, id) = match of {
        HistoryOf::Group(g) => ("m.group_id", g.0),
        HistoryOf::Person(p) => ("a.person_id", p.0),
        HistoryOf::Everyone => ("0", 0),
    };
    let sql = format!(
        "SELECT m.group_id, g.name, a.person_id, p.full_name, m.id, substr(m.starts_at, 1, 10),
                a.presence
           FROM attendance a
           JOIN meetings m ON m.id = a.meeting_id
           JOIN groups g ON g.id = m.group_id
           JOIN people p ON p.id = a.person_id
          WHERE {column} = ?1 AND a.capacity = 'member' AND a.anonymous = 0
            AND substr(m.starts_at, 1, 10) <= ?2
            AND EXISTS (SELECT 1 FROM attendance t
                         WHERE t.meeting_id = m.id AND t.presence = 'present')
          ORDER BY m.starts_at, m.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params![id, to.format(DATE).to_string()], |r| {
            Ok((
                HistoryRow {
                    group: r.get(0)?,
                    group_name: r.get(1)?,
                    person: r.get(2)?,
                    person_name: r.get(3)?,
                    meeting: r.get(4)?,
                    date: NaiveDate::default(),
                    presence: Presence::Expected,
                },
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(row, date, presence)| {
            Ok(HistoryRow {
                date: NaiveDate::parse_from_str(&date, DATE)
                    .map_err(|_| Error::Internal("a meeting's date in the vault".into()))?,
                presence: Presence::from_code(&presence)
                    .ok_or_else(|| Error::Internal("unknown presence code in the vault".into()))?,
                ..row
            })
        })
        .collect()
}

/// The members (never police contacts) of `group` on `on`: (id, name), by name.
pub(crate) fn members_on(
    conn: &Connection,
    group: GroupId,
    on: NaiveDate,
) -> Result<Vec<(PersonId, String)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT p.id, p.full_name FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE m.group_id = ?1 AND p.kind = 'member' AND m.started_on <= ?2
            AND (m.ended_on IS NULL OR m.ended_on > ?2)
            AND m.role NOT IN ('police_lead', 'police_spoc')
          ORDER BY p.full_name",
    )?;
    let rows = stmt
        .query_map(params![group, on.format(DATE).to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The packs of one audience already written for a meeting: how many, and
/// every paper they held.
#[derive(Debug, Clone, Default)]
pub(crate) struct PacksWritten {
    pub count: u32,
    pub papers: std::collections::HashSet<i64>,
}

pub(crate) fn packs_written(
    conn: &Connection,
    meeting: MeetingId,
    audience: crate::confidentiality::Audience,
) -> Result<PacksWritten> {
    let count: u32 = conn.query_row(
        "SELECT count(*) FROM paper_packs WHERE meeting_id = ?1 AND audience = ?2",
        params![meeting, audience.code()],
        |r| r.get(0),
    )?;
    let papers = conn
        .prepare(
            "SELECT DISTINCT pp.paper_id FROM paper_pack_papers pp
               JOIN paper_packs k ON k.id = pp.pack_id
              WHERE k.meeting_id = ?1 AND k.audience = ?2",
        )?
        .query_map(params![meeting, audience.code()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PacksWritten { count, papers })
}

/// Records a pack written: for whom, which supplement, which papers.
pub(crate) fn record_pack(
    conn: &Connection,
    meeting: MeetingId,
    audience: crate::confidentiality::Audience,
    supplement: u32,
    papers: &[i64],
    at: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO paper_packs (meeting_id, audience, supplement, written_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            meeting,
            audience.code(),
            supplement,
            at.format(DATE_TIME).to_string()
        ],
    )?;
    let pack = conn.last_insert_rowid();
    let mut insert = conn
        .prepare("INSERT OR IGNORE INTO paper_pack_papers (pack_id, paper_id) VALUES (?1, ?2)")?;
    for paper in papers {
        insert.execute(params![pack, paper])?;
    }
    Ok(())
}

/// Every pack written for a meeting, oldest first: (audience, supplement,
/// written at, how many papers).
pub(crate) fn packs_list(
    conn: &Connection,
    meeting: MeetingId,
) -> Result<Vec<(crate::confidentiality::Audience, u32, NaiveDateTime, u32)>> {
    let rows: Vec<(String, u32, String, u32)> = conn
        .prepare(
            "SELECT k.audience, k.supplement, k.written_at,
                    (SELECT count(*) FROM paper_pack_papers pp WHERE pp.pack_id = k.id)
               FROM paper_packs k WHERE k.meeting_id = ?1 ORDER BY k.id",
        )?
        .query_map([meeting], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(audience, supplement, at, papers)| {
            Ok((
                crate::confidentiality::Audience::from_code(&audience)
                    .ok_or_else(|| Error::Internal("unknown pack audience in the vault".into()))?,
                supplement,
                NaiveDateTime::parse_from_str(&at, DATE_TIME)
                    .map_err(|_| Error::Internal("a pack's time in the vault".into()))?,
                papers,
            ))
        })
        .collect()
}
