//! SQL for one person at a time: details, status history, roles over time,
//! vetting, agreements and representation answers; and member search.

use crate::dates::{DATE, DATE_TIME};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, MembershipId, PersonId};
use crate::vocabulary::{
    AgreementKind, AreaConnection, MemberStatus, PersonKind, Role, VettingLevel,
};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Vetting {
    pub level: VettingLevel,
    pub granted_on: NaiveDate,
    pub expires_on: NaiveDate,
}

/// The facts the rules look at for one person.
#[derive(Debug, Clone)]
pub struct Facts {
    pub kind: PersonKind,
    pub status: MemberStatus,
    /// Chairs a group today (the Official Secrets Act may apply).
    pub is_chair: bool,
    pub vetting: Option<Vetting>,
    pub agreements: Vec<(AgreementKind, NaiveDate)>,
}

/// The force's own practice, from Settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    pub official_secrets_for_chairs: bool,
}

/// A person as typed: every field text, exactly as the form or CSV gave it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PersonForm {
    pub full_name: String,
    /// `member` (default) or `police`.
    pub kind: String,
    pub police_rank: String,
    pub email: String,
    pub phone: String,
    /// applicant, active (default), on_leave, left, removed.
    pub status: String,
    pub joined_on: String,
    pub connection: String,
    pub connection_place: String,
    pub skills: String,
    pub communities: String,
    pub notes: String,
}

/// A person whose details passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPerson {
    pub full_name: String,
    pub kind: PersonKind,
    pub police_rank: String,
    pub email: String,
    pub phone: String,
    pub status: MemberStatus,
    pub joined_on: Option<NaiveDate>,
    pub connection: Option<AreaConnection>,
    pub connection_place: String,
    pub skills: String,
    pub communities: String,
    pub notes: String,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, DATE).ok())
}

fn day(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

fn not_found(what: &str) -> Error {
    Error::NotFound { what: what.into() }
}

/// The form values of a stored person, for the edit form.
pub(crate) fn person_form(conn: &Connection, id: PersonId) -> Result<PersonForm> {
    conn.query_row(
        "SELECT full_name, kind, police_rank, email, phone, status, joined_on, connection,
                connection_place, skills, communities, notes
           FROM people WHERE id = ?1",
        [id],
        |r| {
            Ok(PersonForm {
                full_name: r.get(0)?,
                kind: r.get(1)?,
                police_rank: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
                status: r.get(5)?,
                joined_on: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                connection: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                connection_place: r.get(8)?,
                skills: r.get(9)?,
                communities: r.get(10)?,
                notes: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| not_found("That person"))
}

/// Saves edited details. Status is not changed here: that goes through
/// `record_status`, which keeps the history.
/// `search_text` is what search looks through, as the roster folds it.
pub(crate) fn update_person(
    conn: &Connection,
    id: PersonId,
    p: &ValidPerson,
    search_text: &str,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE people SET full_name = ?2, kind = ?3, police_rank = ?4, email = ?5, phone = ?6,
                joined_on = ?7, connection = ?8, connection_place = ?9, skills = ?10,
                communities = ?11, notes = ?12, search_text = ?13
          WHERE id = ?1",
        params![
            id,
            p.full_name,
            p.kind.code(),
            p.police_rank,
            p.email,
            p.phone,
            p.joined_on.map(day),
            p.connection.map(|c| c.code()),
            p.connection_place,
            p.skills,
            p.communities,
            p.notes,
            search_text,
        ],
    )?;
    if changed == 0 {
        return Err(not_found("That person"));
    }
    Ok(())
}

pub(crate) fn record_status(
    conn: &Connection,
    id: PersonId,
    status: MemberStatus,
    on: NaiveDate,
    reason: &str,
    meeting: Option<MeetingId>,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE people SET status = ?2 WHERE id = ?1",
        params![id, status.code()],
    )?;
    if changed == 0 {
        return Err(not_found("That person"));
    }
    conn.execute(
        "INSERT INTO status_changes (person_id, status, changed_on, reason, meeting_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, status.code(), day(on), reason, meeting],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub(crate) struct StatusRow {
    pub status: MemberStatus,
    pub changed_on: NaiveDate,
    pub reason: String,
    /// The meeting that decided it: its group's name and when it was.
    pub meeting: Option<(String, NaiveDateTime)>,
}

pub(crate) fn status_history(conn: &Connection, id: PersonId) -> Result<Vec<StatusRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.status, s.changed_on, s.reason, g.name, m.starts_at
           FROM status_changes s
           LEFT JOIN meetings m ON m.id = s.meeting_id
           LEFT JOIN groups g ON g.id = m.group_id
          WHERE s.person_id = ?1 ORDER BY s.changed_on, s.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (status, on, reason, group, at) = row?;
        let meeting = match (group, at) {
            (Some(g), Some(at)) => Some((
                g,
                NaiveDateTime::parse_from_str(&at, DATE_TIME)
                    .map_err(|_| Error::Internal("unreadable meeting time in history".into()))?,
            )),
            _ => None,
        };
        out.push(StatusRow {
            status: MemberStatus::from_code(&status)
                .ok_or_else(|| Error::Internal("unknown status in history".into()))?,
            changed_on: NaiveDate::parse_from_str(&on, DATE)
                .map_err(|_| Error::Internal("unreadable date in history".into()))?,
            reason,
            meeting,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone)]
pub(crate) struct MembershipRow {
    pub id: MembershipId,
    pub group: GroupId,
    pub group_name: String,
    pub role: Role,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// Every role a person has held, current and past, most recent first.
pub(crate) fn memberships_of(conn: &Connection, id: PersonId) -> Result<Vec<MembershipRow>> {
    let mut stmt = conn.prepare(
        "SELECT m.id, m.group_id, g.name, m.role, m.started_on, m.ended_on
           FROM memberships m JOIN groups g ON g.id = m.group_id
          WHERE m.person_id = ?1
          ORDER BY m.ended_on IS NOT NULL, m.started_on DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, MembershipId>(0)?,
            r.get::<_, GroupId>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, group, group_name, role, started, ended) = row?;
        out.push(MembershipRow {
            id,
            group,
            group_name,
            role: Role::from_code(&role)
                .ok_or_else(|| Error::Internal("unknown role in the vault".into()))?,
            started_on: date(Some(started))
                .ok_or_else(|| Error::Internal("unreadable membership date".into()))?,
            ended_on: date(ended),
        });
    }
    Ok(out)
}

/// Ends every role `person` holds in `group` that is open on `on`.
pub(crate) fn end_roles_in_group(
    conn: &Connection,
    person: PersonId,
    group: GroupId,
    on: NaiveDate,
) -> Result<u32> {
    Ok(conn.execute(
        "UPDATE memberships SET ended_on = ?3
          WHERE person_id = ?1 AND group_id = ?2 AND ended_on IS NULL AND started_on <= ?3",
        params![person, group, day(on)],
    )? as u32)
}

pub(crate) fn end_membership(conn: &Connection, id: MembershipId, on: NaiveDate) -> Result<()> {
    let started: Option<String> = conn
        .query_row(
            "SELECT started_on FROM memberships WHERE id = ?1 AND ended_on IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(started) = started else {
        return Err(not_found("That current role"));
    };
    if day(on) < started {
        return Err(Error::invalid(
            "ended_on",
            format!("a role cannot end before it started ({started})."),
        ));
    }
    conn.execute(
        "UPDATE memberships SET ended_on = ?2 WHERE id = ?1",
        params![id, day(on)],
    )?;
    Ok(())
}

/// Names of whoever held `role` in `group` on `on`.
pub(crate) fn holders(
    conn: &Connection,
    group: GroupId,
    role: Role,
    on: NaiveDate,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT p.full_name FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE m.group_id = ?1 AND m.role = ?2 AND m.started_on <= ?3
            AND (m.ended_on IS NULL OR m.ended_on > ?3)
          ORDER BY p.full_name",
    )?;
    let names = stmt
        .query_map(params![group, role.code(), day(on)], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

pub(crate) fn set_vetting(conn: &Connection, id: PersonId, v: &Vetting) -> Result<()> {
    conn.execute(
        "INSERT INTO vetting (person_id, level, granted_on, expires_on) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(person_id) DO UPDATE SET level = excluded.level,
             granted_on = excluded.granted_on, expires_on = excluded.expires_on",
        params![id, v.level.code(), day(v.granted_on), day(v.expires_on)],
    )?;
    Ok(())
}

pub(crate) fn clear_vetting(conn: &Connection, id: PersonId) -> Result<()> {
    conn.execute("DELETE FROM vetting WHERE person_id = ?1", [id])?;
    Ok(())
}

pub(crate) fn set_agreement(
    conn: &Connection,
    id: PersonId,
    kind: AgreementKind,
    signed_on: Option<NaiveDate>,
) -> Result<()> {
    match signed_on {
        Some(d) => conn.execute(
            "INSERT INTO agreements (person_id, kind, signed_on) VALUES (?1, ?2, ?3)
             ON CONFLICT(person_id, kind) DO UPDATE SET signed_on = excluded.signed_on",
            params![id, kind.code(), day(d)],
        )?,
        None => conn.execute(
            "DELETE FROM agreements WHERE person_id = ?1 AND kind = ?2",
            params![id, kind.code()],
        )?,
    };
    Ok(())
}

/// Which people a read is about, as one SQL condition on `people p`, so
/// every query of a search touches only the people it shows: the budget for
/// searching 10,000 members is 20 ms.
#[derive(Debug, Clone, Default)]
pub(crate) struct PeopleFilter {
    pub id: Option<PersonId>,
    pub kind: Option<PersonKind>,
    pub status: Option<MemberStatus>,
    /// Lower-case words that must all appear in `people.search_text` (the
    /// plain scan the search index replaced, kept as its reference).
    pub words: Vec<String>,
    /// Folded terms (`folding::terms`) that must all be in the person's
    /// row of the search index.
    pub terms: Vec<String>,
    /// Holding a current role in this group…
    pub group: Option<GroupId>,
    /// …or this role (in that group, or in any).
    pub role: Option<Role>,
    /// Only these people (one page of a list).
    pub ids: Option<Vec<PersonId>>,
}

impl PeopleFilter {
    /// As `condition`, for a query whose own `?1` is `today`: the values
    /// come with today's date in front.
    pub fn condition_after_today(
        &self,
        conn: &Connection,
        today: NaiveDate,
    ) -> Result<(String, Vec<Value>)> {
        let (condition, mut values) = self.condition(conn, 2, today)?;
        values.insert(0, Value::Text(day(today)));
        Ok((condition, values))
    }

    /// The condition and its values, numbered from `?{first}` so a query
    /// can put its own parameters before it.
    /// (`conn` only reads the search index's vocabulary, for short terms.)
    pub fn condition(
        &self,
        conn: &Connection,
        first: usize,
        today: NaiveDate,
    ) -> Result<(String, Vec<Value>)> {
        let mut parts = vec!["1 = 1".to_string()];
        let mut values: Vec<Value> = Vec::new();
        let next = |v: Value, values: &mut Vec<Value>| {
            values.push(v);
            format!("?{}", first + values.len() - 1)
        };
        if let Some(id) = self.id {
            parts.push(format!(
                "p.id = {}",
                next(Value::Integer(id.0), &mut values)
            ));
        }
        if let Some(k) = self.kind {
            parts.push(format!(
                "p.kind = {}",
                next(Value::Text(k.code().into()), &mut values)
            ));
        }
        if let Some(s) = self.status {
            parts.push(format!(
                "p.status = {}",
                next(Value::Text(s.code().into()), &mut values)
            ));
        }
        for w in &self.words {
            parts.push(format!(
                "instr(p.search_text, {}) > 0",
                next(Value::Text(w.clone()), &mut values)
            ));
        }
        if !self.terms.is_empty() {
            let (matching, found) = super::search::matching(
                conn,
                super::search::Index::People,
                "p.id",
                &self.terms,
                first + values.len(),
            )?;
            values.extend(found);
            parts.push(matching);
        }
        if let Some(ids) = &self.ids {
            let list: Vec<String> = ids
                .iter()
                .map(|id| next(Value::Integer(id.0), &mut values))
                .collect();
            parts.push(match list.is_empty() {
                true => "0 = 1".to_string(),
                false => format!("p.id IN ({})", list.join(", ")),
            });
        }
        if self.group.is_some() || self.role.is_some() {
            let on = next(Value::Text(day(today)), &mut values);
            let mut role_sql = format!(
                "EXISTS (SELECT 1 FROM memberships f WHERE f.person_id = p.id AND f.started_on <= {on}
                         AND (f.ended_on IS NULL OR f.ended_on > {on})"
            );
            if let Some(g) = self.group {
                role_sql.push_str(&format!(
                    " AND f.group_id = {}",
                    next(Value::Integer(g.0), &mut values)
                ));
            }
            if let Some(r) = self.role {
                role_sql.push_str(&format!(
                    " AND f.role = {}",
                    next(Value::Text(r.code().into()), &mut values)
                ));
            }
            role_sql.push(')');
            parts.push(role_sql);
        }
        Ok((parts.join(" AND "), values))
    }
}

/// Vetting and agreements for the people `filter` selects, keyed by person.
pub(crate) fn compliance_facts(
    conn: &Connection,
    filter: &PeopleFilter,
    today: NaiveDate,
) -> Result<HashMap<PersonId, Facts>> {
    let mut facts: HashMap<PersonId, Facts> = HashMap::new();
    {
        let (condition, values) = filter.condition_after_today(conn, today)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT p.id, p.kind, p.status, v.level, v.granted_on, v.expires_on,
                    EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.role = 'chair'
                            AND m.started_on <= ?1 AND (m.ended_on IS NULL OR m.ended_on > ?1))
               FROM people p LEFT JOIN vetting v ON v.person_id = p.id
              WHERE {condition}"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok((
                r.get::<_, PersonId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })?;
        for row in rows {
            let (id, kind, status, level, granted, expires, is_chair) = row?;
            let vetting = match (
                level.as_deref().and_then(VettingLevel::from_code),
                date(granted),
                date(expires),
            ) {
                (Some(level), Some(granted_on), Some(expires_on)) => Some(Vetting {
                    level,
                    granted_on,
                    expires_on,
                }),
                _ => None,
            };
            facts.insert(
                id,
                Facts {
                    kind: PersonKind::from_code(&kind).unwrap_or(PersonKind::Member),
                    status: MemberStatus::from_code(&status).unwrap_or(MemberStatus::Active),
                    is_chair,
                    vetting,
                    agreements: Vec::new(),
                },
            );
        }
    }
    let (condition, values) = filter.condition(conn, 1, today)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT a.person_id, a.kind, a.signed_on
           FROM agreements a JOIN people p ON p.id = a.person_id WHERE {condition}"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        Ok((
            r.get::<_, PersonId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, kind, signed) = row?;
        if let (Some(f), Some(kind), Some(signed)) = (
            facts.get_mut(&id),
            AgreementKind::from_code(&kind),
            date(Some(signed)),
        ) {
            f.agreements.push((kind, signed));
        }
    }
    Ok(facts)
}

pub(crate) fn policy(conn: &Connection) -> Result<Policy> {
    Ok(Policy {
        official_secrets_for_chairs: super::setting_in(conn, "force.official_secrets_for_chairs")?
            .as_deref()
            == Some("yes"),
    })
}

pub(crate) const REPRESENTATION_COLUMNS: &[&str] = &[
    "age_band",
    "disability",
    "gender_reassignment",
    "marriage",
    "pregnancy",
    "race",
    "religion",
    "sex",
    "sexual_orientation",
];

/// Stores a person's answers (characteristic code → answer code), given
/// with consent on `consent_on`.
pub(crate) fn set_representation(
    conn: &Connection,
    id: PersonId,
    consent_on: NaiveDate,
    answers: &BTreeMap<&str, &str>,
) -> Result<()> {
    // Replace, never merge: an answer left blank now must not survive.
    conn.execute("DELETE FROM representation WHERE person_id = ?1", [id])?;
    let mut values: Vec<Option<&str>> = Vec::new();
    for col in REPRESENTATION_COLUMNS {
        values.push(answers.get(col).copied());
    }
    conn.execute(
        &format!(
            "INSERT INTO representation (person_id, consent_on, {}) VALUES (?1, ?2, {})",
            REPRESENTATION_COLUMNS.join(", "),
            (3..3 + REPRESENTATION_COLUMNS.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        rusqlite::params_from_iter(
            [Some(id.0.to_string()), Some(day(consent_on))]
                .into_iter()
                .chain(values.into_iter().map(|v| v.map(str::to_string))),
        ),
    )?;
    Ok(())
}

/// Deletes a person's answers. With secure_delete on, the freed space is
/// zeroed; the WAL is then checkpointed and truncated so no older copy of
/// the page survives in it either.
pub(crate) fn withdraw_representation(conn: &Connection, id: PersonId) -> Result<bool> {
    let removed = conn.execute("DELETE FROM representation WHERE person_id = ?1", [id])? > 0;
    Ok(removed)
}

pub(crate) fn checkpoint_and_truncate_wal(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

pub(crate) fn representation_consent(conn: &Connection, id: PersonId) -> Result<Option<NaiveDate>> {
    Ok(date(
        conn.query_row(
            "SELECT consent_on FROM representation WHERE person_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?,
    ))
}

/// The answers of current members of `group` (or of the whole force), for
/// aggregation only. Returns (members covered, answers of those who answered).
pub(crate) fn representation_answers(
    conn: &Connection,
    group: Option<GroupId>,
    today: NaiveDate,
) -> Result<(u32, Vec<BTreeMap<String, String>>)> {
    let current = "SELECT DISTINCT p.id FROM people p JOIN memberships m ON m.person_id = p.id
                    WHERE p.kind = 'member' AND p.status IN ('active', 'on_leave')
                      AND m.started_on <= ?2 AND (m.ended_on IS NULL OR m.ended_on > ?2)
                      AND (?1 IS NULL OR m.group_id = ?1)";
    let members: u32 = conn.query_row(
        &format!("SELECT count(*) FROM ({current})"),
        params![group, day(today)],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM representation WHERE person_id IN ({current})",
        REPRESENTATION_COLUMNS.join(", ")
    ))?;
    let rows = stmt.query_map(params![group, day(today)], |r| {
        let mut map = BTreeMap::new();
        for (i, col) in REPRESENTATION_COLUMNS.iter().enumerate() {
            if let Some(v) = r.get::<_, Option<String>>(i)? {
                map.insert(col.to_string(), v);
            }
        }
        Ok(map)
    })?;
    Ok((members, rows.collect::<rusqlite::Result<Vec<_>>>()?))
}

pub(crate) fn person_exists_with(
    conn: &Connection,
    full_name: &str,
    email: &str,
) -> Result<Option<PersonId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM people WHERE lower(full_name) = lower(?1) AND lower(email) = lower(?2)",
            params![full_name, email],
            |r| r.get(0),
        )
        .optional()?)
}

/// For the demo force: adds a row only where the person has none, so a
/// second load never overwrites what someone changed while exploring.
pub(crate) fn has_row(conn: &Connection, table: &str, id: PersonId) -> Result<bool> {
    Ok(conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE person_id = ?1)"),
        [id],
        |r| r.get(0),
    )?)
}

/// A demo status change, found by its reference; rewritten when the demo
/// is being brought up to date.
pub(crate) fn insert_status_change(
    conn: &Connection,
    id: PersonId,
    status: MemberStatus,
    on: NaiveDate,
    reason: &str,
    demo: super::roster::DemoRef,
) -> Result<()> {
    conn.execute(
        "INSERT INTO status_changes (person_id, status, changed_on, reason, demo_ref)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(demo_ref) DO UPDATE SET person_id = excluded.person_id,
             status = excluded.status, changed_on = excluded.changed_on,
             reason = excluded.reason
          WHERE ?6",
        params![id, status.code(), day(on), reason, demo.key, demo.refresh],
    )?;
    Ok(())
}
