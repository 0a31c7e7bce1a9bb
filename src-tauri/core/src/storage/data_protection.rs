//! SQL for subject access and erasure: every place a person's name or id
//! can sit. A new table that holds people's names belongs here too; the
//! erasure test reads every text column of the decrypted vault to catch
//! one that was missed.

use crate::error::Result;
use crate::ids::PersonId;
use rusqlite::{params, Connection, OptionalExtension};

/// A meeting as a subject access copy and an erasure need it.
#[derive(Debug, Clone)]
pub(crate) struct MeetingRef {
    pub group_id: i64,
    pub group_name: String,
    pub starts_at: String,
}

pub(crate) fn meeting_ref(conn: &Connection, id: i64) -> Result<MeetingRef> {
    Ok(conn.query_row(
        "SELECT m.group_id, g.name, m.starts_at FROM meetings m
           JOIN groups g ON g.id = m.group_id WHERE m.id = ?1",
        [id],
        |r| {
            Ok(MeetingRef {
                group_id: r.get(0)?,
                group_name: r.get(1)?,
                starts_at: r.get(2)?,
            })
        },
    )?)
}

/// (full name, kind) of a person, if they are on the roster.
pub(crate) fn person(conn: &Connection, id: PersonId) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT full_name, kind FROM people WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// (group id, role code, started, ended) of a role held.
pub(crate) type RoleRow = (i64, String, String, Option<String>);

/// Every role the person held.
pub(crate) fn roles(conn: &Connection, id: PersonId) -> Result<Vec<RoleRow>> {
    let rows = conn
        .prepare(
            "SELECT group_id, role, started_on, ended_on FROM memberships
              WHERE person_id = ?1 ORDER BY started_on",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (consent given on, characteristic code → answer code) of the person's
/// own representation answers.
pub(crate) fn representation(
    conn: &Connection,
    id: PersonId,
) -> Result<Option<(String, std::collections::BTreeMap<String, String>)>> {
    let columns = super::people::REPRESENTATION_COLUMNS;
    Ok(conn
        .query_row(
            &format!(
                "SELECT consent_on, {} FROM representation WHERE person_id = ?1",
                columns.join(", ")
            ),
            [id],
            |r| {
                let mut answers = std::collections::BTreeMap::new();
                for (i, code) in columns.iter().enumerate() {
                    if let Some(v) = r.get::<_, Option<String>>(i + 1)? {
                        answers.insert(code.to_string(), v);
                    }
                }
                Ok((r.get(0)?, answers))
            },
        )
        .optional()?)
}

/// One row of the register: (meeting, capacity, presence).
pub(crate) fn attendance(conn: &Connection, id: PersonId) -> Result<Vec<(i64, String, String)>> {
    let rows = conn
        .prepare(
            "SELECT a.meeting_id, a.capacity, a.presence FROM attendance a
               JOIN meetings m ON m.id = a.meeting_id
              WHERE a.person_id = ?1 ORDER BY m.starts_at",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A minute entry with what it says and who it is linked to.
#[derive(Debug, Clone)]
pub(crate) struct EntryRow {
    pub id: i64,
    pub meeting_id: i64,
    pub item_title: String,
    pub item_public_title: String,
    pub kind: String,
    pub confidentiality: String,
    /// text, owner_text, person_text, police_recipient, response_reason.
    pub texts: [String; 5],
    pub owner_id: Option<i64>,
    pub person_id: Option<i64>,
    pub removes_person_id: Option<i64>,
}

/// Every minute entry, oldest meeting first. Names are matched in Rust,
/// since SQLite's lower() folds ASCII only and names come in every script.
pub(crate) fn entries(conn: &Connection) -> Result<Vec<EntryRow>> {
    let rows = conn
        .prepare(
            "SELECT e.id, e.meeting_id, i.title, i.public_title, e.kind, e.confidentiality,
                    e.text, e.owner_text, e.person_text, e.police_recipient, e.response_reason,
                    e.owner_id, e.person_id, e.removes_person_id
               FROM minute_entries e
               JOIN agenda_items i ON i.id = e.item_id
               JOIN meetings m ON m.id = e.meeting_id
              ORDER BY m.starts_at, i.position, e.position",
        )?
        .query_map([], |r| {
            Ok(EntryRow {
                id: r.get(0)?,
                meeting_id: r.get(1)?,
                item_title: r.get(2)?,
                item_public_title: r.get(3)?,
                kind: r.get(4)?,
                confidentiality: r.get(5)?,
                texts: [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?],
                owner_id: r.get(11)?,
                person_id: r.get(12)?,
                removes_person_id: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn update_entry(conn: &Connection, row: &EntryRow, person: PersonId) -> Result<()> {
    conn.execute(
        "UPDATE minute_entries SET text = ?2, owner_text = ?3, person_text = ?4,
                police_recipient = ?5, response_reason = ?6,
                owner_id = CASE WHEN owner_id = ?7 THEN NULL ELSE owner_id END,
                person_id = CASE WHEN person_id = ?7 THEN NULL ELSE person_id END,
                removes_person_id = CASE WHEN removes_person_id = ?7 THEN NULL
                                         ELSE removes_person_id END
          WHERE id = ?1",
        params![
            row.id,
            row.texts[0],
            row.texts[1],
            row.texts[2],
            row.texts[3],
            row.texts[4],
            person
        ],
    )?;
    Ok(())
}

/// A named ballot: (id, entry's meeting, voter name, choice, by proxy,
/// entry's level).
pub(crate) type BallotRow = (i64, i64, String, String, bool, String);

pub(crate) fn ballots(conn: &Connection, id: PersonId) -> Result<Vec<BallotRow>> {
    let rows = conn
        .prepare(
            "SELECT b.id, e.meeting_id, b.voter_name, b.choice, b.proxy_holder_id IS NOT NULL,
                    e.confidentiality
               FROM vote_ballots b JOIN minute_entries e ON e.id = b.entry_id
              WHERE b.person_id = ?1",
        )?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An agenda item the person presents: (item id, meeting, title, public
/// title, level).
pub(crate) type PresentedRow = (i64, i64, String, String, String);

pub(crate) fn presented(conn: &Connection, id: PersonId) -> Result<Vec<PresentedRow>> {
    let rows = conn
        .prepare(
            "SELECT i.id, i.meeting_id, i.title, i.public_title, i.confidentiality
               FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
              WHERE i.presenter_id = ?1 ORDER BY m.starts_at, i.position",
        )?
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A free-text column that can name people, with where its row sits (the
/// meeting, or else the group, that gives the role to put in a name's
/// place) and whether its text may be shown to the person it names.
pub(crate) struct TextColumn {
    pub table: &'static str,
    pub key: &'static str,
    pub column: &'static str,
    /// SQL giving the meeting id of the row, or NULL.
    pub meeting: &'static str,
    /// SQL giving the group id of the row when there is no meeting.
    pub group: &'static str,
    /// SQL true when the row is open. Confidential text is never copied
    /// out, even to the person it names: it is counted as withheld for the
    /// data-protection officer to review.
    pub open: &'static str,
    /// What a reader calls the row.
    pub what: &'static str,
}

const fn col(
    table: &'static str,
    column: &'static str,
    meeting: &'static str,
    group: &'static str,
    open: &'static str,
    what: &'static str,
) -> TextColumn {
    TextColumn {
        table,
        // Every table here is a rowid table; `rowid` is `id` where there is one.
        key: "rowid",
        column,
        meeting,
        group,
        open,
        what,
    }
}

const ITEM_OPEN: &str = "confidentiality = 'open'";
const ENTRY_OPEN: &str =
    "(SELECT confidentiality FROM minute_entries e WHERE e.id = entry_id) = 'open'";

/// Every free-text column outside the minute entries that can carry a
/// name. The audit trail is among them: its lines name people.
pub(crate) const TEXT_COLUMNS: &[TextColumn] = &[
    col(
        "agenda_items",
        "title",
        "meeting_id",
        "NULL",
        ITEM_OPEN,
        "Agenda item",
    ),
    col(
        "agenda_items",
        "purpose",
        "meeting_id",
        "NULL",
        ITEM_OPEN,
        "Agenda item's purpose",
    ),
    col(
        "agenda_items",
        "presenter_text",
        "meeting_id",
        "NULL",
        ITEM_OPEN,
        "Agenda item's presenter",
    ),
    col(
        "agenda_items",
        "public_title",
        "meeting_id",
        "NULL",
        "1",
        "Agenda item's public title",
    ),
    col(
        "minute_amendments",
        "before_text",
        "meeting_id",
        "NULL",
        ITEM_OPEN,
        "Minutes before an amendment",
    ),
    col(
        "minute_amendments",
        "after_text",
        "meeting_id",
        "NULL",
        ITEM_OPEN,
        "Minutes after an amendment",
    ),
    col(
        "minute_amendments",
        "reason",
        "meeting_id",
        "NULL",
        ITEM_OPEN,
        "Reason for an amendment",
    ),
    col(
        "action_history",
        "note",
        "meeting_id",
        "NULL",
        ENTRY_OPEN,
        "Action's progress note",
    ),
    col(
        "vote_ballots",
        "voter_name",
        "(SELECT meeting_id FROM minute_entries e WHERE e.id = entry_id)",
        "NULL",
        ENTRY_OPEN,
        "Named vote",
    ),
    col(
        "attendance",
        "guest_name",
        "meeting_id",
        "NULL",
        "1",
        "Register of attendance",
    ),
    col(
        "meetings",
        "chair_agreed_by",
        "id",
        "NULL",
        "1",
        "Agenda agreed by the chair",
    ),
    col(
        "meetings",
        "police_agreed_by",
        "id",
        "NULL",
        "1",
        "Agenda agreed by the police",
    ),
    col("meetings", "venue", "id", "NULL", "1", "Meeting venue"),
    col(
        "escalations",
        "text",
        "NULL",
        "from_group",
        "confidential = 0",
        "Escalation",
    ),
    col(
        "escalations",
        "response",
        "NULL",
        "to_group",
        "confidential = 0",
        "Response to an escalation",
    ),
    col(
        "incidents",
        "title",
        "NULL",
        "group_id",
        "confidential = 0",
        "Incident",
    ),
    col(
        "incidents",
        "description",
        "NULL",
        "group_id",
        "confidential = 0",
        "Incident's description",
    ),
    col(
        "incidents",
        "community_impact",
        "NULL",
        "group_id",
        "confidential = 0",
        "Incident's community impact",
    ),
    col(
        "incidents",
        "gold_answer",
        "NULL",
        "group_id",
        "confidential = 0",
        "Incident's gold group answer",
    ),
    col(
        "incidents",
        "public_title",
        "NULL",
        "group_id",
        "1",
        "Incident's public title",
    ),
    col(
        "document_texts",
        "body",
        "NULL",
        "group_id",
        "1",
        "Group's document wording",
    ),
    // Another member's history or notes that name this person are about
    // that member too: held back for review rather than copied out.
    col(
        "status_changes",
        "reason",
        "meeting_id",
        "NULL",
        "0",
        "Another member's status history",
    ),
    col(
        "people",
        "notes",
        "NULL",
        "NULL",
        "0",
        "Another person's notes",
    ),
    col("audit_log", "detail", "NULL", "NULL", "1", "Audit trail"),
];

/// A value of a text column: (key, text, meeting, group, open).
pub(crate) type ColumnValue = (i64, String, Option<i64>, Option<i64>, bool);

/// Every non-empty value of a column.
pub(crate) fn column_values(conn: &Connection, c: &TextColumn) -> Result<Vec<ColumnValue>> {
    let sql = format!(
        "SELECT {key}, {column}, {meeting}, {group}, {open} FROM {table}
          WHERE {column} IS NOT NULL AND {column} <> ''",
        key = c.key,
        column = c.column,
        meeting = c.meeting,
        group = c.group,
        open = c.open,
        table = c.table,
    );
    let rows = conn
        .prepare(&sql)?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn set_column(conn: &Connection, c: &TextColumn, key: i64, text: &str) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE {} SET {} = ?2 WHERE {} = ?1",
            c.table, c.column, c.key
        ),
        params![key, text],
    )?;
    Ok(())
}

/// Links to the person from records that outlive them become plain text:
/// the register keeps a line (so quorum and counts stand), ballots keep
/// their choice, presenters their place. `label_for_meeting` gives the
/// words that stand in for the person at that meeting.
pub(crate) fn unlink(
    conn: &Connection,
    id: PersonId,
    label_for_meeting: &dyn Fn(i64) -> String,
) -> Result<()> {
    for (row, meeting) in conn
        .prepare("SELECT id, meeting_id FROM attendance WHERE person_id = ?1")?
        .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        conn.execute(
            "UPDATE attendance SET person_id = NULL, guest_name = ?2 WHERE id = ?1",
            params![row, label_for_meeting(meeting)],
        )?;
    }
    for (row, meeting) in conn
        .prepare(
            "SELECT b.id, e.meeting_id FROM vote_ballots b
               JOIN minute_entries e ON e.id = b.entry_id WHERE b.person_id = ?1",
        )?
        .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        conn.execute(
            "UPDATE vote_ballots SET person_id = NULL, voter_name = ?2 WHERE id = ?1",
            params![row, label_for_meeting(meeting)],
        )?;
    }
    conn.execute(
        "UPDATE vote_ballots SET proxy_holder_id = NULL WHERE proxy_holder_id = ?1",
        [id],
    )?;
    for (row, meeting) in conn
        .prepare("SELECT id, meeting_id FROM agenda_items WHERE presenter_id = ?1")?
        .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        conn.execute(
            "UPDATE agenda_items SET presenter_id = NULL, presenter_text = ?2 WHERE id = ?1",
            params![row, label_for_meeting(meeting)],
        )?;
    }
    Ok(())
}

/// The approved originals, kept as JSON: (meeting, json).
pub(crate) fn originals(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let rows = conn
        .prepare("SELECT meeting_id, record_json FROM minutes_originals")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn set_original(conn: &Connection, meeting: i64, json: &str) -> Result<()> {
    conn.execute(
        "UPDATE minutes_originals SET record_json = ?2 WHERE meeting_id = ?1",
        params![meeting, json],
    )?;
    Ok(())
}

/// Deleting the person cascades to their roles, status history, vetting,
/// agreements and representation answers.
pub(crate) fn delete_person(conn: &Connection, id: PersonId) -> Result<()> {
    conn.execute("DELETE FROM people WHERE id = ?1", [id])?;
    Ok(())
}

/// People who left or were removed, with the day their status last
/// changed to that: (id, name, status, changed on).
pub(crate) fn departed(conn: &Connection) -> Result<Vec<(PersonId, String, String, String)>> {
    let rows = conn
        .prepare(
            "SELECT p.id, p.full_name, p.status,
                    coalesce((SELECT max(changed_on) FROM status_changes s
                               WHERE s.person_id = p.id AND s.status = p.status), p.joined_on, '')
               FROM people p WHERE p.status IN ('left', 'removed') ORDER BY p.full_name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
