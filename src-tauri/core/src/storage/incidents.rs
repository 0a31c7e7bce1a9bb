//! SQL for critical incidents and the meetings linked to them.

use crate::dates::DATE_TIME;
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId};
use crate::vocabulary::IncidentStatus;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Debug, Clone)]
pub struct ValidIncident {
    pub title: String,
    pub occurred_at: NaiveDateTime,
    pub description: String,
    pub confidential: bool,
    pub public_title: String,
    pub community_impact: String,
    pub gold_suggested: bool,
    pub gold_answer: String,
    pub status: IncidentStatus,
}

/// A stored incident: what was recorded, and its critical group.
pub(crate) struct IncidentRow {
    pub id: i64,
    pub incident: ValidIncident,
    pub group: Option<GroupId>,
    pub group_name: Option<String>,
    /// When its critical group was stood down, if it has been.
    pub group_stood_down_on: Option<NaiveDate>,
}

const SELECT: &str = "SELECT i.id, i.title, i.occurred_at, i.description, i.confidential,
        i.public_title, i.community_impact, i.gold_suggested, i.gold_answer, i.status,
        i.group_id, g.name, g.stood_down_on
   FROM incidents i LEFT JOIN groups g ON g.id = i.group_id";

fn row(r: &Row) -> rusqlite::Result<IncidentRow> {
    Ok(IncidentRow {
        id: r.get(0)?,
        incident: ValidIncident {
            title: r.get(1)?,
            occurred_at: NaiveDateTime::parse_from_str(&r.get::<_, String>(2)?, DATE_TIME)
                .unwrap_or_default(),
            description: r.get(3)?,
            confidential: r.get::<_, i64>(4)? != 0,
            public_title: r.get(5)?,
            community_impact: r.get(6)?,
            gold_suggested: r.get::<_, i64>(7)? != 0,
            gold_answer: r.get(8)?,
            status: IncidentStatus::from_code(&r.get::<_, String>(9)?)
                .unwrap_or(IncidentStatus::Open),
        },
        group: r.get(10)?,
        group_name: r.get(11)?,
        group_stood_down_on: r
            .get::<_, Option<String>>(12)?
            .and_then(|d| NaiveDate::parse_from_str(&d, crate::dates::DATE).ok()),
    })
}

/// Newest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<IncidentRow>> {
    let rows = conn
        .prepare(&format!("{SELECT} ORDER BY i.occurred_at DESC"))?
        .query_map([], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<IncidentRow> {
    conn.query_row(&format!("{SELECT} WHERE i.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "That incident".into(),
        })
}

pub(crate) fn insert(
    conn: &Connection,
    i: &ValidIncident,
    now: NaiveDateTime,
    demo: Option<super::roster::DemoRef>,
) -> Result<i64> {
    if let Some(d) = demo {
        let found: Option<i64> = conn
            .query_row(
                "SELECT id FROM incidents WHERE demo_ref = ?1",
                [d.key],
                |x| x.get(0),
            )
            .optional()?;
        if let Some(id) = found {
            if d.refresh {
                update(conn, id, i)?;
                conn.execute(
                    "UPDATE incidents SET created_at = ?2 WHERE id = ?1",
                    params![id, now.format(DATE_TIME).to_string()],
                )?;
            }
            return Ok(id);
        }
    }
    conn.execute(
        "INSERT INTO incidents (title, occurred_at, description, confidential, public_title,
                                community_impact, gold_suggested, gold_answer, status,
                                created_at, demo_ref)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            i.title,
            i.occurred_at.format(DATE_TIME).to_string(),
            i.description,
            i.confidential as i64,
            i.public_title,
            i.community_impact,
            i.gold_suggested as i64,
            i.gold_answer,
            i.status.code(),
            now.format(DATE_TIME).to_string(),
            demo.map(|d| d.key)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update(conn: &Connection, id: i64, i: &ValidIncident) -> Result<()> {
    let changed = conn.execute(
        "UPDATE incidents SET title = ?2, occurred_at = ?3, description = ?4, confidential = ?5,
                public_title = ?6, community_impact = ?7, gold_suggested = ?8, gold_answer = ?9,
                status = ?10
          WHERE id = ?1",
        params![
            id,
            i.title,
            i.occurred_at.format(DATE_TIME).to_string(),
            i.description,
            i.confidential as i64,
            i.public_title,
            i.community_impact,
            i.gold_suggested as i64,
            i.gold_answer,
            i.status.code()
        ],
    )?;
    if changed == 0 {
        return Err(Error::NotFound {
            what: "That incident".into(),
        });
    }
    Ok(())
}

pub(crate) fn set_group(conn: &Connection, id: i64, group: GroupId) -> Result<()> {
    conn.execute(
        "UPDATE incidents SET group_id = ?2 WHERE id = ?1",
        params![id, group],
    )?;
    Ok(())
}

pub(crate) fn link_meeting(conn: &Connection, id: i64, meeting: MeetingId) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO incident_meetings (incident_id, meeting_id) VALUES (?1, ?2)",
        params![id, meeting],
    )?;
    Ok(())
}

/// (meeting, group name, starts at) of the meetings linked to an incident.
pub(crate) fn meetings(
    conn: &Connection,
    id: i64,
) -> Result<Vec<(MeetingId, String, NaiveDateTime)>> {
    let rows = conn
        .prepare(
            "SELECT m.id, g.name, m.starts_at FROM incident_meetings l
               JOIN meetings m ON m.id = l.meeting_id JOIN groups g ON g.id = m.group_id
              WHERE l.incident_id = ?1 ORDER BY m.starts_at",
        )?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                NaiveDateTime::parse_from_str(&r.get::<_, String>(2)?, DATE_TIME)
                    .unwrap_or_default(),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
