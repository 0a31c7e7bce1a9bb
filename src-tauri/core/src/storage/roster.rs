//! SQL for the roster and meetings: reads for the screens, and the inserts
//! the demo force (and later the roster editor) use.

use super::people::PeopleFilter;
use super::people::ValidPerson;
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, MembershipId, PersonId};
use crate::vocabulary::{
    GroupStatus, Marking, MeetingKind, MeetingStatus, MemberStatus, PersonKind, PublicAttendance,
    Role, Tier,
};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::dates::{DATE, DATE_TIME};

/// A group as typed into the form: every field text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GroupForm {
    pub name: String,
    pub tier: String,
    /// The parent group's id, or empty.
    pub parent_id: String,
    pub area: String,
    /// Months between meetings: 3 is quarterly, 6 twice a year.
    pub cadence_months: String,
    /// "5" members or "1/3" of members.
    pub quorum: String,
    pub escalation: String,
    pub status: String,
    pub stood_down_on: String,
    /// names (the default) or counts: what the public minutes say of the
    /// members there.
    pub public_attendance: String,
    /// Meetings in a row a member may miss before the chair follows it up
    /// (1 to 12; 3 when empty).
    pub missed_in_a_row: String,
    /// "yes" when apologies count as missed; "no" or empty when they do not.
    pub apologies_count_as_missed: String,
    /// official or official_sensitive: the public draft minutes' marking.
    pub draft_marking: String,
    /// The line printed under the marking of draft minutes (may be empty).
    pub draft_handling: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidGroup {
    pub name: String,
    pub tier: Tier,
    pub parent: Option<GroupId>,
    pub area: String,
    pub cadence_months: u32,
    /// The quorum rule as checked and stored: "1/3" or "5".
    pub quorum: String,
    pub escalation: String,
    pub status: GroupStatus,
    pub stood_down_on: Option<NaiveDate>,
    pub public_attendance: PublicAttendance,
    pub rules: RecordRules,
}

/// What a group's terms of reference say about its record: when a member's
/// absences need following up, and how drafts are marked until approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRules {
    pub missed_in_a_row: u32,
    pub apologies_count_as_missed: bool,
    pub draft_marking: Marking,
    pub draft_handling: String,
}

impl Default for RecordRules {
    fn default() -> Self {
        RecordRules {
            missed_in_a_row: 3,
            apologies_count_as_missed: false,
            draft_marking: Marking::Official,
            draft_handling: String::new(),
        }
    }
}

pub(crate) struct NewGroup<'a> {
    pub name: &'a str,
    pub tier: Tier,
    pub parent: Option<GroupId>,
    pub area: &'a str,
    pub cadence_months: u32,
    pub status: GroupStatus,
    pub stood_down_on: Option<NaiveDate>,
}

pub(crate) struct NewMembership {
    pub person: PersonId,
    pub group: GroupId,
    pub role: Role,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

pub(crate) struct NewMeeting<'a> {
    pub group: GroupId,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub venue: &'a str,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
}

/// A demo row's stable reference, and what a load does when a row with
/// that reference is already there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DemoRef<'a> {
    pub key: &'a str,
    /// Rewrite the existing row with the values given (the demo is being
    /// brought up to date), instead of keeping it as it is. Either way the
    /// row keeps its id, so records that point at it keep pointing at it.
    pub refresh: bool,
}

/// Inserts a row, or with a `demo_ref` already present, keeps the existing
/// one (rewritten when refreshing); either way returns the row's id. This
/// is what makes `demo` idempotent. `columns` name `values`, in order.
fn insert_or_find(
    conn: &Connection,
    table: &str,
    columns: &[&str],
    values: &[&dyn rusqlite::ToSql],
    demo: Option<DemoRef>,
) -> Result<i64> {
    if let Some(d) = demo {
        let existing: Option<i64> = conn
            .query_row(
                &format!("SELECT id FROM {table} WHERE demo_ref = ?1"),
                [d.key],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            if d.refresh {
                let sets: Vec<String> = columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{c} = ?{}", i + 1))
                    .collect();
                let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                all.push(&id);
                conn.execute(
                    &format!(
                        "UPDATE {table} SET {} WHERE id = ?{}",
                        sets.join(", "),
                        columns.len() + 1
                    ),
                    all.as_slice(),
                )?;
            }
            return Ok(id);
        }
    }
    let placeholders: Vec<String> = (1..=columns.len() + 1).map(|i| format!("?{i}")).collect();
    let demo_ref = demo.map(|d| d.key);
    let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
    all.push(&demo_ref);
    conn.execute(
        &format!(
            "INSERT INTO {table} ({}, demo_ref) VALUES ({})",
            columns.join(", "),
            placeholders.join(", ")
        ),
        all.as_slice(),
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_group(
    conn: &Connection,
    g: &NewGroup,
    demo: Option<DemoRef>,
) -> Result<GroupId> {
    insert_or_find(
        conn,
        "groups",
        &[
            "name",
            "tier",
            "parent_id",
            "area",
            "cadence_months",
            "status",
            "stood_down_on",
        ],
        &[
            &g.name,
            &g.tier.code(),
            &g.parent,
            &g.area,
            &g.cadence_months,
            &g.status.code(),
            &g.stood_down_on.map(|d| d.format(DATE).to_string()),
        ],
        demo,
    )
    .map(GroupId)
}

pub(crate) fn insert_person(
    conn: &Connection,
    p: &ValidPerson,
    search_text: &str,
    demo: Option<DemoRef>,
) -> Result<PersonId> {
    insert_or_find(
        conn,
        "people",
        &[
            "full_name",
            "kind",
            "police_rank",
            "email",
            "phone",
            "status",
            "joined_on",
            "connection",
            "connection_place",
            "skills",
            "communities",
            "notes",
            "search_text",
        ],
        &[
            &p.full_name,
            &p.kind.code(),
            &p.police_rank,
            &p.email,
            &p.phone,
            &p.status.code(),
            &p.joined_on.map(|d| d.format(DATE).to_string()),
            &p.connection.map(|c| c.code()),
            &p.connection_place,
            &p.skills,
            &p.communities,
            &p.notes,
            &search_text,
        ],
        demo,
    )
    .map(PersonId)
}

pub(crate) fn insert_membership(
    conn: &Connection,
    m: &NewMembership,
    demo: Option<DemoRef>,
) -> Result<MembershipId> {
    insert_or_find(
        conn,
        "memberships",
        &["person_id", "group_id", "role", "started_on", "ended_on"],
        &[
            &m.person,
            &m.group,
            &m.role.code(),
            &m.started_on.format(DATE).to_string(),
            &m.ended_on.map(|d| d.format(DATE).to_string()),
        ],
        demo,
    )
    .map(MembershipId)
}

pub(crate) fn insert_meeting(
    conn: &Connection,
    m: &NewMeeting,
    demo: Option<DemoRef>,
) -> Result<MeetingId> {
    insert_or_find(
        conn,
        "meetings",
        &[
            "group_id",
            "starts_at",
            "duration_minutes",
            "venue",
            "kind",
            "status",
        ],
        &[
            &m.group,
            &m.starts_at.format(DATE_TIME).to_string(),
            &m.duration_minutes,
            &m.venue,
            &m.kind.code(),
            &m.status.code(),
        ],
        demo,
    )
    .map(MeetingId)
}

pub(crate) fn has_demo_rows(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE demo_ref IS NOT NULL)
             OR EXISTS (SELECT 1 FROM people WHERE demo_ref IS NOT NULL)",
        [],
        |r| r.get(0),
    )?)
}

/// Deletes every demo row and nothing else. Real rows that pointed at a demo
/// group as their parent keep their place (parent_id becomes NULL); a real
/// meeting's register keeps a demo person's name as a guest's, since a line
/// with neither a person nor a name is refused.
pub(crate) fn delete_demo_rows(conn: &Connection) -> Result<u32> {
    conn.execute(
        "UPDATE attendance
            SET guest_name = (SELECT p.full_name FROM people p WHERE p.id = attendance.person_id)
          WHERE person_id IN (SELECT id FROM people WHERE demo_ref IS NOT NULL)
            AND meeting_id IN (SELECT id FROM meetings WHERE demo_ref IS NULL)",
        [],
    )?;
    let mut removed = 0;
    for table in ["incidents", "meetings", "memberships", "people", "groups"] {
        removed += conn.execute(
            &format!("DELETE FROM {table} WHERE demo_ref IS NOT NULL"),
            [],
        )? as u32;
    }
    Ok(removed)
}

/// The tables whose rows may carry a `demo_ref`.
pub(crate) const DEMO_TABLES: [&str; 7] = [
    "escalations",
    "incidents",
    "meetings",
    "status_changes",
    "memberships",
    "people",
    "groups",
];

/// Deletes the demo rows of `table` whose reference is not in `keep`: rows
/// an older demo had and this one has not.
pub(crate) fn delete_demo_rows_except(
    conn: &Connection,
    table: &str,
    keep: &std::collections::HashSet<String>,
) -> Result<u32> {
    let rows: Vec<(i64, String)> = conn
        .prepare(&format!(
            "SELECT id, demo_ref FROM {table} WHERE demo_ref IS NOT NULL"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = 0;
    for (id, demo_ref) in rows {
        if !keep.contains(&demo_ref) {
            removed += conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])? as u32;
        }
    }
    Ok(removed)
}

/// Empties every demo meeting of what was recorded in it (agenda and
/// papers, register, minutes, approval, agreement) and keeps the meeting
/// itself, so a demo brought up to date lays its records out again on the
/// new dates while anything that points at the meeting keeps pointing at it.
pub(crate) fn clear_demo_meeting_records(conn: &Connection) -> Result<()> {
    const DEMO: &str = "(SELECT id FROM meetings WHERE demo_ref IS NOT NULL)";
    // Entries before items: an entry's item may not go first.
    for table in [
        "minute_amendments",
        "minutes_originals",
        "minute_entries",
        "agenda_items",
        "attendance",
    ] {
        conn.execute(
            &format!("DELETE FROM {table} WHERE meeting_id IN {DEMO}"),
            [],
        )?;
    }
    conn.execute(
        "UPDATE meetings SET chair_agreed_by = NULL, chair_agreed_at = NULL,
                police_agreed_by = NULL, police_agreed_at = NULL,
                minutes_approved_on = NULL, minutes_approved_at = NULL
          WHERE demo_ref IS NOT NULL",
        [],
    )?;
    Ok(())
}

pub(crate) fn counts(conn: &Connection, now: NaiveDateTime) -> Result<super::VaultCounts> {
    let now = now.format(DATE_TIME).to_string();
    Ok(conn.query_row(
        "SELECT
           (SELECT count(*) FROM groups WHERE status = 'active'),
           (SELECT count(*) FROM groups WHERE status = 'stood_down'),
           (SELECT count(*) FROM people WHERE kind = 'member' AND status = 'active'),
           (SELECT count(*) FROM people WHERE kind = 'member'),
           (SELECT count(*) FROM people WHERE kind = 'police'),
           (SELECT count(*) FROM meetings WHERE starts_at <= ?1),
           (SELECT count(*) FROM meetings WHERE starts_at > ?1)",
        [&now],
        |r| {
            Ok(super::VaultCounts {
                groups_active: r.get(0)?,
                groups_stood_down: r.get(1)?,
                members_active: r.get(2)?,
                members_total: r.get(3)?,
                police_contacts: r.get(4)?,
                meetings_held: r.get(5)?,
                meetings_upcoming: r.get(6)?,
            })
        },
    )?)
}

/// A stored code that no longer parses means the vault was edited outside
/// the app or by a newer version: say so rather than guess.
fn parse_code<T>(value: String, parse: fn(&str) -> Option<T>, what: &str) -> Result<T> {
    parse(&value).ok_or_else(|| Error::Internal(format!("unknown {what} code in the vault")))
}

/// Who currently holds a role, by group: (group, role, name).
fn current_roles(conn: &Connection, today: NaiveDate) -> Result<Vec<(GroupId, Role, String)>> {
    let today = today.format(DATE).to_string();
    let mut stmt = conn.prepare(
        "SELECT m.group_id, m.role, p.full_name
           FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE m.started_on <= ?1 AND (m.ended_on IS NULL OR m.ended_on > ?1)
          ORDER BY p.full_name",
    )?;
    let rows = stmt.query_map([&today], |r| {
        Ok((r.get::<_, GroupId>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (g, role, name) = row?;
        out.push((g, parse_code(role, Role::from_code, "role")?, name));
    }
    Ok(out)
}

/// A group as stored, with who holds its roles on the day asked about.
pub(crate) struct GroupRow {
    pub id: GroupId,
    pub name: String,
    pub tier: Tier,
    /// The parent group's name.
    pub parent: Option<String>,
    pub area: String,
    pub cadence_months: u32,
    pub status: GroupStatus,
    pub stood_down_on: Option<NaiveDate>,
    pub chairs: Vec<String>,
    pub police_contacts: Vec<String>,
    /// Members holding any role (police excluded).
    pub member_count: u32,
    /// The quorum rule as stored ("1/3", "5").
    pub quorum: String,
    pub escalation: String,
}

/// Groups strategic first, then local, subgroups and critical groups; by name.
pub(crate) fn list_groups(conn: &Connection, today: NaiveDate) -> Result<Vec<GroupRow>> {
    let mut chairs: HashMap<GroupId, Vec<String>> = HashMap::new();
    let mut police: HashMap<GroupId, Vec<String>> = HashMap::new();
    let mut members: HashMap<GroupId, u32> = HashMap::new();
    for (group, role, name) in current_roles(conn, today)? {
        if role == Role::Chair {
            chairs.entry(group).or_default().push(name);
        } else if role.is_police() {
            police.entry(group).or_default().push(name);
            continue;
        }
        *members.entry(group).or_default() += 1;
    }
    let mut stmt = conn.prepare(
        "SELECT g.id, g.name, g.tier, p.name, g.area, g.cadence_months, g.status, g.stood_down_on,
                g.quorum, g.escalation
           FROM groups g LEFT JOIN groups p ON p.id = g.parent_id
          ORDER BY CASE g.tier WHEN 'strategic' THEN 0 WHEN 'local' THEN 1
                               WHEN 'subgroup' THEN 2 ELSE 3 END, g.name",
    )?;
    let rows = stmt.query_map([], |r: &Row| {
        Ok((
            r.get::<_, GroupId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            id,
            name,
            tier,
            parent,
            area,
            cadence_months,
            status,
            stood_down_on,
            quorum,
            escalation,
        ) = row?;
        out.push(GroupRow {
            id,
            name,
            tier: parse_code(tier, Tier::from_code, "tier")?,
            parent,
            area,
            cadence_months,
            status: parse_code(status, GroupStatus::from_code, "group status")?,
            stood_down_on: stored_date(stood_down_on),
            chairs: chairs.remove(&id).unwrap_or_default(),
            police_contacts: police.remove(&id).unwrap_or_default(),
            member_count: members.remove(&id).unwrap_or_default(),
            quorum,
            escalation,
        });
    }
    Ok(out)
}

/// A person as the roster lists them, with the roles held on the day asked
/// about: (role, group name), strategic groups first.
pub(crate) struct PersonRow {
    pub id: PersonId,
    pub full_name: String,
    pub kind: PersonKind,
    pub status: MemberStatus,
    pub police_rank: String,
    pub email: String,
    pub phone: String,
    pub joined_on: Option<NaiveDate>,
    pub roles: Vec<(Role, String)>,
    pub skills: String,
    pub communities: String,
}

/// The people `filter` selects, by name, with their current roles. Every
/// query is limited by the filter.
pub(crate) fn list_people_matching(
    conn: &Connection,
    filter: &PeopleFilter,
    today: NaiveDate,
) -> Result<Vec<PersonRow>> {
    let mut roles: HashMap<PersonId, Vec<(Role, String)>> = HashMap::new();
    {
        let (condition, values) = filter.condition_after_today(conn, today)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT m.person_id, m.role, g.name
               FROM memberships m JOIN groups g ON g.id = m.group_id
               JOIN people p ON p.id = m.person_id
              WHERE m.started_on <= ?1 AND (m.ended_on IS NULL OR m.ended_on > ?1) AND {condition}
              ORDER BY CASE g.tier WHEN 'strategic' THEN 0 WHEN 'local' THEN 1
                                   WHEN 'subgroup' THEN 2 ELSE 3 END, g.name"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok((
                r.get::<_, PersonId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (person, role, group) = row?;
            let role = parse_code(role, Role::from_code, "role")?;
            roles.entry(person).or_default().push((role, group));
        }
    }
    let (condition, values) = filter.condition(conn, 1, today)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.full_name, p.kind, p.status, p.police_rank, p.email, p.phone, p.joined_on,
                p.skills, p.communities
           FROM people p WHERE {condition} ORDER BY p.full_name, p.id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        Ok((
            r.get::<_, PersonId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            id,
            full_name,
            kind,
            status,
            police_rank,
            email,
            phone,
            joined_on,
            skills,
            communities,
        ) = row?;
        out.push(PersonRow {
            id,
            full_name,
            kind: parse_code(kind, PersonKind::from_code, "person kind")?,
            status: parse_code(status, MemberStatus::from_code, "member status")?,
            police_rank,
            email,
            phone,
            joined_on: stored_date(joined_on),
            roles: roles.remove(&id).unwrap_or_default(),
            skills,
            communities,
        });
    }
    Ok(out)
}

/// How many people `filter` selects.
pub(crate) fn people_count(
    conn: &Connection,
    filter: &PeopleFilter,
    today: NaiveDate,
) -> Result<usize> {
    let (condition, values) = filter.condition(conn, 1, today)?;
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM people p WHERE {condition}"),
        rusqlite::params_from_iter(values.iter()),
        |r| r.get(0),
    )?;
    Ok(usize::try_from(total).unwrap_or_default())
}

/// The ids of the people `filter` selects from `offset` (at most `limit`),
/// in the list's order (by name, then id): one page of the list.
pub(crate) fn people_ids(
    conn: &Connection,
    filter: &PeopleFilter,
    today: NaiveDate,
    offset: usize,
    limit: usize,
) -> Result<Vec<PersonId>> {
    let (condition, values) = filter.condition(conn, 1, today)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id FROM people p WHERE {condition} ORDER BY p.full_name, p.id
          LIMIT {limit} OFFSET {offset}"
    ))?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<PersonId>>>()?;
    Ok(ids)
}

/// For each active local group: how many of its current members are
/// currently nominees to its parent strategic group.
pub(crate) fn nominee_counts(conn: &Connection, today: NaiveDate) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT g.name,
                (SELECT count(DISTINCT n.person_id) FROM memberships n
                  WHERE n.group_id = g.parent_id AND n.role = 'nominee'
                    AND n.started_on <= ?1 AND (n.ended_on IS NULL OR n.ended_on > ?1)
                    AND n.person_id IN (SELECT l.person_id FROM memberships l
                                         WHERE l.group_id = g.id AND l.started_on <= ?1
                                           AND (l.ended_on IS NULL OR l.ended_on > ?1)))
           FROM groups g
          WHERE g.tier = 'local' AND g.status = 'active' AND g.parent_id IS NOT NULL
          ORDER BY g.name",
    )?;
    let rows = stmt
        .query_map([today.format(DATE).to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, u32)>>>()?;
    Ok(rows)
}

/// A meeting as the meetings list shows it.
pub(crate) struct MeetingRow {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub starts_at: NaiveDateTime,
    pub venue: String,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
}

/// Every meeting, soonest upcoming first, then the past, most recent first.
pub(crate) fn list_meetings(conn: &Connection, now: NaiveDateTime) -> Result<Vec<MeetingRow>> {
    let now_text = now.format(DATE_TIME).to_string();
    let mut stmt = conn.prepare(
        "SELECT m.id, m.group_id, g.name, m.starts_at, m.venue, m.kind, m.status
           FROM meetings m JOIN groups g ON g.id = m.group_id
          ORDER BY (m.starts_at > ?1) DESC,
                   CASE WHEN m.starts_at > ?1 THEN m.starts_at END ASC,
                   m.starts_at DESC",
    )?;
    let rows = stmt.query_map([&now_text], |r| {
        Ok((
            r.get::<_, MeetingId>(0)?,
            r.get::<_, GroupId>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, group_id, group_name, starts_at, venue, kind, status) = row?;
        let at = NaiveDateTime::parse_from_str(&starts_at, DATE_TIME)
            .map_err(|_| Error::Internal("a meeting time in the vault is unreadable".into()))?;
        out.push(MeetingRow {
            id,
            group_id,
            group_name,
            starts_at: at,
            venue,
            kind: parse_code(kind, MeetingKind::from_code, "meeting kind")?,
            status: parse_code(status, MeetingStatus::from_code, "meeting status")?,
        });
    }
    Ok(out)
}

fn stored_date(stored: Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(stored.as_deref()?, DATE).ok()
}

/// For the demo force: quorum and escalation, unless someone changed them.
pub(crate) fn set_group_terms_if_default(
    conn: &Connection,
    id: GroupId,
    quorum: &str,
    escalation: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE groups SET quorum = ?2, escalation = ?3 WHERE id = ?1 AND escalation = ''",
        rusqlite::params![id, quorum, escalation],
    )?;
    Ok(())
}

pub(crate) fn group_tiers(conn: &Connection) -> Result<Vec<(GroupId, String, Tier)>> {
    let mut stmt = conn.prepare("SELECT id, name, tier FROM groups")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, GroupId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, tier) = row?;
        out.push((id, name, parse_code(tier, Tier::from_code, "tier")?));
    }
    Ok(out)
}

/// Inserts (`id` None) or updates a group checked by the roster's rules.
pub(crate) fn save_group(
    conn: &Connection,
    id: Option<GroupId>,
    g: &ValidGroup,
) -> Result<GroupId> {
    let values = rusqlite::params![
        g.name,
        g.tier.code(),
        g.parent,
        g.area,
        g.cadence_months,
        g.quorum,
        g.escalation,
        g.status.code(),
        g.stood_down_on.map(|d| d.format(DATE).to_string()),
        g.public_attendance.code(),
        g.rules.missed_in_a_row,
        g.rules.apologies_count_as_missed,
        g.rules.draft_marking.code(),
        g.rules.draft_handling,
    ];
    match id {
        None => {
            conn.execute(
                "INSERT INTO groups (name, tier, parent_id, area, cadence_months, quorum, escalation,
                                     status, stood_down_on, public_attendance, missed_in_a_row,
                                     apologies_count_as_missed, draft_marking, draft_handling)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                values,
            )?;
            Ok(GroupId(conn.last_insert_rowid()))
        }
        Some(id) => {
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id);
            let changed = conn.execute(
                "UPDATE groups SET name = ?1, tier = ?2, parent_id = ?3, area = ?4, cadence_months = ?5,
                                   quorum = ?6, escalation = ?7, status = ?8, stood_down_on = ?9,
                                   public_attendance = ?10, missed_in_a_row = ?11,
                                   apologies_count_as_missed = ?12, draft_marking = ?13,
                                   draft_handling = ?14
                  WHERE id = ?15",
                all.as_slice(),
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    what: "That group".into(),
                });
            }
            Ok(id)
        }
    }
}

pub(crate) fn group_form(conn: &Connection, id: GroupId) -> Result<GroupForm> {
    conn.query_row(
        "SELECT name, tier, parent_id, area, cadence_months, quorum, escalation, status, stood_down_on,
                public_attendance, missed_in_a_row, apologies_count_as_missed, draft_marking,
                draft_handling
           FROM groups WHERE id = ?1",
        [id],
        |r| {
            Ok(GroupForm {
                name: r.get(0)?,
                tier: r.get(1)?,
                parent_id: r.get::<_, Option<i64>>(2)?.map(|p| p.to_string()).unwrap_or_default(),
                area: r.get(3)?,
                cadence_months: r.get::<_, i64>(4)?.to_string(),
                quorum: r.get(5)?,
                escalation: r.get(6)?,
                status: r.get(7)?,
                stood_down_on: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                public_attendance: r.get(9)?,
                missed_in_a_row: r.get::<_, i64>(10)?.to_string(),
                apologies_count_as_missed: if r.get(11)? { "yes" } else { "no" }.into(),
                draft_marking: r.get(12)?,
                draft_handling: r.get(13)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: "That group".into() })
}

/// What the public minutes of `group` say of the members there.
pub(crate) fn public_attendance(conn: &Connection, group: GroupId) -> Result<PublicAttendance> {
    let code: String = conn.query_row(
        "SELECT public_attendance FROM groups WHERE id = ?1",
        [group],
        |r| r.get(0),
    )?;
    parse_code(code, PublicAttendance::from_code, "public attendance")
}

/// What `group`'s terms of reference say about its record.
pub(crate) fn record_rules(conn: &Connection, group: GroupId) -> Result<RecordRules> {
    let (missed, apologies, marking, handling): (u32, bool, String, String) = conn
        .query_row(
            "SELECT missed_in_a_row, apologies_count_as_missed, draft_marking, draft_handling
               FROM groups WHERE id = ?1",
            [group],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "That group".into(),
        })?;
    Ok(RecordRules {
        missed_in_a_row: missed,
        apologies_count_as_missed: apologies,
        draft_marking: parse_code(marking, Marking::from_code, "draft marking")?,
        draft_handling: handling,
    })
}

/// Sets `group`'s rules for its record alone (the demo's groups).
pub(crate) fn set_record_rules(conn: &Connection, group: GroupId, r: &RecordRules) -> Result<()> {
    conn.execute(
        "UPDATE groups SET missed_in_a_row = ?2, apologies_count_as_missed = ?3,
                           draft_marking = ?4, draft_handling = ?5
          WHERE id = ?1",
        rusqlite::params![
            group,
            r.missed_in_a_row,
            r.apologies_count_as_missed,
            r.draft_marking.code(),
            r.draft_handling
        ],
    )?;
    Ok(())
}

/// Rows across the roster and meeting tables, to report what a load added.
pub(crate) fn row_count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM groups) + (SELECT count(*) FROM people)
              + (SELECT count(*) FROM memberships) + (SELECT count(*) FROM meetings)",
        [],
        |r| r.get(0),
    )?)
}
