//! SQL for the vault-wide search: the rows it filters.

use crate::confidentiality::Confidentiality;
use crate::dates::DATE_TIME;
use crate::error::Result;
use crate::ids::MeetingId;
use crate::vocabulary::MeetingKind;
use chrono::NaiveDateTime;
use rusqlite::Connection;

pub(crate) struct MeetingRow {
    pub id: MeetingId,
    pub group_name: String,
    pub starts_at: NaiveDateTime,
    pub venue: String,
    pub kind: MeetingKind,
}

fn at(text: String) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&text, DATE_TIME).unwrap_or_default()
}

/// Every meeting, most recent first.
pub(crate) fn meetings(conn: &Connection) -> Result<Vec<MeetingRow>> {
    let rows = conn
        .prepare(
            "SELECT m.id, g.name, m.starts_at, m.venue, m.kind
               FROM meetings m JOIN groups g ON g.id = m.group_id ORDER BY m.starts_at DESC",
        )?
        .query_map([], |r| {
            Ok(MeetingRow {
                id: r.get(0)?,
                group_name: r.get(1)?,
                starts_at: at(r.get(2)?),
                venue: r.get(3)?,
                kind: MeetingKind::from_code(&r.get::<_, String>(4)?)
                    .unwrap_or(MeetingKind::Scheduled),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) struct ItemRow {
    pub meeting: MeetingId,
    pub group_name: String,
    pub starts_at: NaiveDateTime,
    pub title: String,
    pub purpose: String,
    pub public_title: String,
    pub presenter: String,
    pub level: Confidentiality,
}

/// Every agenda item, most recent meeting first.
pub(crate) fn agenda_items(conn: &Connection) -> Result<Vec<ItemRow>> {
    let rows = conn
        .prepare(
            "SELECT a.meeting_id, g.name, m.starts_at, a.title, a.purpose, a.public_title,
                    COALESCE(p.full_name, a.presenter_text), a.confidentiality
               FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
               JOIN groups g ON g.id = m.group_id
               LEFT JOIN people p ON p.id = a.presenter_id
              ORDER BY m.starts_at DESC, a.position",
        )?
        .query_map([], |r| {
            Ok(ItemRow {
                meeting: r.get(0)?,
                group_name: r.get(1)?,
                starts_at: at(r.get(2)?),
                title: r.get(3)?,
                purpose: r.get(4)?,
                public_title: r.get(5)?,
                presenter: r.get(6)?,
                level: Confidentiality::from_code(&r.get::<_, String>(7)?)
                    .unwrap_or(Confidentiality::NotRecorded),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
