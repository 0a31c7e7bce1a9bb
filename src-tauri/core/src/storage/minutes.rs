//! SQL for the record of meetings: minute entries, named votes, action
//! history, approval, the approved original and amendments, and the
//! advice register and action log (queries over the entries).
//!
//! Nothing here decides what may be stored: the domain checks entries
//! (a not-recorded entry arrives with no text at all) before any call.

use crate::confidentiality::Confidentiality;
use crate::dates::{DATE, DATE_TIME};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::vocabulary::{ActionStatus, AdviceResponse, Choice, EntryKind};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBallot {
    pub person_id: Option<PersonId>,
    pub voter_name: String,
    pub choice: Choice,
    pub proxy_holder_id: Option<PersonId>,
}

/// An entry that passed the rules; for a not-recorded entry every text
/// field is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    pub kind: EntryKind,
    pub level: Confidentiality,
    pub text: String,
    pub police_recipient: String,
    pub owner_id: Option<PersonId>,
    pub owner_text: String,
    pub due_on: Option<NaiveDate>,
    pub person_id: Option<PersonId>,
    pub person_text: String,
    pub named_vote: bool,
    pub votes: (u32, u32, u32),
    pub casting_vote: Option<Choice>,
    pub removes_person_id: Option<PersonId>,
    pub ballots: Vec<ValidBallot>,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, DATE).ok())
}

fn day(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

fn entry_not_found() -> Error {
    Error::NotFound {
        what: "That minute entry".into(),
    }
}

/// A stored entry, with the roster names of the people it refers to.
#[derive(Debug, Clone)]
pub(crate) struct EntryRow {
    pub id: i64,
    pub meeting: MeetingId,
    pub item_id: i64,
    pub kind: EntryKind,
    pub level: Confidentiality,
    pub text: String,
    pub police_recipient: String,
    pub response: Option<AdviceResponse>,
    pub response_reason: String,
    pub response_on: Option<NaiveDate>,
    pub owner_id: Option<PersonId>,
    pub owner_text: String,
    pub owner_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub action_status: Option<ActionStatus>,
    pub person_id: Option<PersonId>,
    pub person_text: String,
    pub person_name: Option<String>,
    pub named_vote: bool,
    pub votes: (u32, u32, u32),
    pub casting_vote: Option<Choice>,
    pub removes_person_id: Option<PersonId>,
    pub removes_name: Option<String>,
    pub declared: bool,
}

impl EntryRow {
    /// The action's owner or the declarant, as the record names them.
    pub fn owner(&self) -> String {
        self.owner_name
            .clone()
            .unwrap_or_else(|| self.owner_text.clone())
    }

    pub fn person(&self) -> String {
        self.person_name
            .clone()
            .unwrap_or_else(|| self.person_text.clone())
    }
}

const ENTRY_SELECT: &str = "e.id, e.meeting_id, e.item_id, e.kind, e.confidentiality, e.text,
        e.police_recipient, e.response, e.response_reason, e.response_on,
        e.owner_id, e.owner_text, o.full_name, e.due_on, e.action_status,
        e.person_id, e.person_text, d.full_name,
        e.named_vote, e.votes_for, e.votes_against, e.votes_abstain, e.casting_vote,
        e.removes_person_id, r.full_name, e.declared_at";

const ENTRY_FROM: &str = "FROM minute_entries e
   LEFT JOIN people o ON o.id = e.owner_id
   LEFT JOIN people d ON d.id = e.person_id
   LEFT JOIN people r ON r.id = e.removes_person_id";

fn entry_row(r: &Row) -> rusqlite::Result<EntryRow> {
    let code = |i: usize| r.get::<_, String>(i);
    let opt = |i: usize| r.get::<_, Option<String>>(i);
    Ok(EntryRow {
        id: r.get(0)?,
        meeting: r.get(1)?,
        item_id: r.get(2)?,
        kind: EntryKind::from_code(&code(3)?).unwrap_or(EntryKind::Note),
        // An unreadable level is treated as the most restrictive.
        level: Confidentiality::from_code(&code(4)?).unwrap_or(Confidentiality::NotRecorded),
        text: r.get(5)?,
        police_recipient: r.get(6)?,
        response: opt(7)?.and_then(|c| AdviceResponse::from_code(&c)),
        response_reason: r.get(8)?,
        response_on: date(opt(9)?),
        owner_id: r.get(10)?,
        owner_text: r.get(11)?,
        owner_name: opt(12)?,
        due_on: date(opt(13)?),
        action_status: opt(14)?.and_then(|c| ActionStatus::from_code(&c)),
        person_id: r.get(15)?,
        person_text: r.get(16)?,
        person_name: opt(17)?,
        named_vote: r.get::<_, i64>(18)? != 0,
        votes: (r.get(19)?, r.get(20)?, r.get(21)?),
        casting_vote: opt(22)?.and_then(|c| Choice::from_code(&c)),
        removes_person_id: r.get(23)?,
        removes_name: opt(24)?,
        declared: opt(25)?.is_some(),
    })
}

/// Every entry of a meeting, in agenda order then entry order.
pub(crate) fn entries(conn: &Connection, meeting: MeetingId) -> Result<Vec<EntryRow>> {
    let sql = format!(
        "SELECT {ENTRY_SELECT} {ENTRY_FROM} JOIN agenda_items a ON a.id = e.item_id
          WHERE e.meeting_id = ?1 ORDER BY a.position, e.position"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map([meeting], entry_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn entry(conn: &Connection, id: i64) -> Result<EntryRow> {
    let sql = format!("SELECT {ENTRY_SELECT} {ENTRY_FROM} WHERE e.id = ?1");
    conn.query_row(&sql, [id], entry_row)
        .optional()?
        .ok_or_else(entry_not_found)
}

/// (meeting, level) of an agenda item.
pub(crate) fn item_level(conn: &Connection, item: i64) -> Result<(MeetingId, Confidentiality)> {
    conn.query_row(
        "SELECT meeting_id, confidentiality FROM agenda_items WHERE id = ?1",
        [item],
        |r| Ok((r.get(0)?, r.get::<_, String>(1)?)),
    )
    .optional()?
    .map(|(m, c)| {
        (
            m,
            Confidentiality::from_code(&c).unwrap_or(Confidentiality::NotRecorded),
        )
    })
    .ok_or_else(|| Error::NotFound {
        what: "That agenda item".into(),
    })
}

/// Agenda items of a meeting with minute entries under them, each with
/// whether any of those entries holds text (is not "not recorded").
pub(crate) fn items_with_entries(
    conn: &Connection,
    meeting: MeetingId,
) -> Result<Vec<(i64, bool)>> {
    let rows = conn
        .prepare(
            "SELECT item_id, MAX(confidentiality <> 'not_recorded') FROM minute_entries
              WHERE meeting_id = ?1 GROUP BY item_id",
        )?
        .query_map([meeting], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn entry_values(e: &ValidEntry) -> [Box<dyn rusqlite::ToSql + '_>; 15] {
    [
        Box::new(e.kind.code()),
        Box::new(e.level.code()),
        Box::new(e.text.as_str()),
        Box::new(e.police_recipient.as_str()),
        Box::new(e.owner_id),
        Box::new(e.owner_text.as_str()),
        Box::new(e.due_on.map(day)),
        Box::new(e.person_id),
        Box::new(e.person_text.as_str()),
        Box::new(e.named_vote as i64),
        Box::new(e.votes.0),
        Box::new(e.votes.1),
        Box::new(e.votes.2),
        Box::new(e.casting_vote.map(|c| c.code())),
        Box::new(e.removes_person_id),
    ]
}

pub(crate) fn insert_entry(
    conn: &Connection,
    meeting: MeetingId,
    item: i64,
    e: &ValidEntry,
    now: NaiveDateTime,
) -> Result<i64> {
    let position: i64 = conn.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM minute_entries WHERE item_id = ?1",
        [item],
        |r| r.get(0),
    )?;
    let stamp = now.format(DATE_TIME).to_string();
    let values = entry_values(e);
    let mut all: Vec<&dyn rusqlite::ToSql> = values.iter().map(|b| b.as_ref()).collect();
    all.extend([&meeting as &dyn rusqlite::ToSql, &item, &position, &stamp]);
    conn.execute(
        "INSERT INTO minute_entries
            (kind, confidentiality, text, police_recipient, owner_id, owner_text, due_on,
             person_id, person_text, named_vote, votes_for, votes_against, votes_abstain,
             casting_vote, removes_person_id, meeting_id, item_id, position,
             created_at, updated_at,
             response, action_status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?19,
                 CASE ?1 WHEN 'advice' THEN 'awaiting' END,
                 CASE ?1 WHEN 'action' THEN 'open' END)",
        all.as_slice(),
    )?;
    let id = conn.last_insert_rowid();
    replace_ballots(conn, id, &e.ballots)?;
    Ok(id)
}

/// Rewrites an entry's content. Its police response and action status are
/// changed only through their own calls, so they keep their history; a
/// change of kind starts them afresh.
pub(crate) fn update_entry(
    conn: &Connection,
    id: i64,
    e: &ValidEntry,
    now: NaiveDateTime,
) -> Result<()> {
    let stamp = now.format(DATE_TIME).to_string();
    let values = entry_values(e);
    let mut all: Vec<&dyn rusqlite::ToSql> = values.iter().map(|b| b.as_ref()).collect();
    all.extend([&id as &dyn rusqlite::ToSql, &stamp]);
    conn.execute(
        "UPDATE minute_entries SET
            response = CASE WHEN ?1 = 'advice' THEN COALESCE(response, 'awaiting') END,
            response_reason = CASE WHEN ?1 = 'advice' AND ?2 <> 'not_recorded'
                                   THEN response_reason ELSE '' END,
            response_on = CASE WHEN ?1 = 'advice' THEN response_on END,
            action_status = CASE WHEN ?1 = 'action' THEN COALESCE(action_status, 'open') END,
            kind = ?1, confidentiality = ?2, text = ?3, police_recipient = ?4, owner_id = ?5,
            owner_text = ?6, due_on = ?7, person_id = ?8, person_text = ?9, named_vote = ?10,
            votes_for = ?11, votes_against = ?12, votes_abstain = ?13, casting_vote = ?14,
            removes_person_id = ?15, updated_at = ?17
          WHERE id = ?16",
        all.as_slice(),
    )?;
    replace_ballots(conn, id, &e.ballots)?;
    Ok(())
}

/// Every entry of a meeting, before a hand-over file replaces them.
pub(crate) fn delete_entries(conn: &Connection, meeting: MeetingId) -> Result<()> {
    conn.execute(
        "DELETE FROM minute_entries WHERE meeting_id = ?1",
        [meeting],
    )?;
    Ok(())
}

/// Status changes of `meeting`'s own actions reported at other meetings:
/// (action, on, status, note, reported at), oldest first. Deleting the
/// meeting's entries would take them too; a hand-over import keeps them.
pub(crate) fn reported_elsewhere(conn: &Connection, meeting: MeetingId) -> Result<Vec<HistoryRow>> {
    let rows = conn
        .prepare(
            "SELECT h.entry_id, h.changed_on, h.status, h.note, h.meeting_id
               FROM action_history h JOIN minute_entries e ON e.id = h.entry_id
              WHERE e.meeting_id = ?1 AND h.meeting_id IS NOT NULL AND h.meeting_id <> ?1
              ORDER BY h.id",
        )?
        .query_map([meeting], |r| {
            Ok((
                r.get(0)?,
                date(r.get(1)?).unwrap_or_default(),
                ActionStatus::from_code(&r.get::<_, String>(2)?).unwrap_or(ActionStatus::Open),
                r.get(3)?,
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn delete_entry(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM minute_entries WHERE id = ?1", [id])?;
    Ok(())
}

fn replace_ballots(conn: &Connection, entry: i64, ballots: &[ValidBallot]) -> Result<()> {
    conn.execute("DELETE FROM vote_ballots WHERE entry_id = ?1", [entry])?;
    let mut stmt = conn.prepare(
        "INSERT INTO vote_ballots (entry_id, person_id, voter_name, choice, proxy_holder_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for b in ballots {
        stmt.execute(params![
            entry,
            b.person_id,
            b.voter_name,
            b.choice.code(),
            b.proxy_holder_id
        ])?;
    }
    Ok(())
}

/// A named vote: (person, name, choice, proxy holder's id and name).
pub(crate) type BallotRow = (Option<PersonId>, String, Choice, Option<(PersonId, String)>);

pub(crate) fn ballots(conn: &Connection, entry: i64) -> Result<Vec<BallotRow>> {
    let rows = conn
        .prepare(
            "SELECT b.person_id, b.voter_name, b.choice, b.proxy_holder_id, h.full_name
               FROM vote_ballots b LEFT JOIN people h ON h.id = b.proxy_holder_id
              WHERE b.entry_id = ?1 ORDER BY b.id",
        )?
        .query_map([entry], |r| {
            let holder: Option<PersonId> = r.get(3)?;
            let holder_name: Option<String> = r.get(4)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                Choice::from_code(&r.get::<_, String>(2)?).unwrap_or(Choice::Abstain),
                holder.map(|h| (h, holder_name.unwrap_or_default())),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn declare_vote(conn: &Connection, entry: i64, now: NaiveDateTime) -> Result<()> {
    conn.execute(
        "UPDATE minute_entries SET declared_at = ?2 WHERE id = ?1",
        params![entry, now.format(DATE_TIME).to_string()],
    )?;
    Ok(())
}

/// (approved on, at which meeting) once the minutes are approved.
pub(crate) fn approval(
    conn: &Connection,
    meeting: MeetingId,
) -> Result<Option<(NaiveDate, Option<MeetingId>)>> {
    let row: Option<(Option<String>, Option<MeetingId>)> = conn
        .query_row(
            "SELECT minutes_approved_on, minutes_approved_at FROM meetings WHERE id = ?1",
            [meeting],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(on, at)| date(on).map(|d| (d, at))))
}

/// Approves the minutes: the date, the later meeting (None when it is not
/// in this vault: a hand-over file from a laptop that has it), the lock,
/// and the approved original.
pub(crate) fn record_approval(
    conn: &Connection,
    meeting: MeetingId,
    on: NaiveDate,
    at: Option<MeetingId>,
    original_json: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE meetings SET minutes_approved_on = ?2, minutes_approved_at = ?3,
                status = 'minutes_approved'
          WHERE id = ?1",
        params![meeting, day(on), at],
    )?;
    conn.execute(
        "INSERT INTO minutes_originals (meeting_id, approved_on, record_json) VALUES (?1, ?2, ?3)",
        params![meeting, day(on), original_json],
    )?;
    Ok(())
}

/// Links minutes approved on the day of `meeting` (a later meeting of the
/// same group) but recorded without the meeting that approved them, which
/// had not arrived yet when their hand-over file was imported.
pub(crate) fn link_approvals_made_at(conn: &Connection, meeting: MeetingId) -> Result<()> {
    conn.execute(
        "UPDATE meetings SET minutes_approved_at = ?1
          WHERE minutes_approved_at IS NULL AND id <> ?1
            AND group_id = (SELECT group_id FROM meetings WHERE id = ?1)
            AND minutes_approved_on = (SELECT substr(starts_at, 1, 10) FROM meetings WHERE id = ?1)
            AND starts_at < (SELECT starts_at FROM meetings WHERE id = ?1)",
        [meeting],
    )?;
    Ok(())
}

pub(crate) fn original(conn: &Connection, meeting: MeetingId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT record_json FROM minutes_originals WHERE meeting_id = ?1",
            [meeting],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) struct AmendmentRow {
    pub entry: Option<i64>,
    pub made_on: NaiveDate,
    pub reason: String,
    pub before: String,
    pub after: String,
    pub level: Confidentiality,
}

pub(crate) fn add_amendment(conn: &Connection, meeting: MeetingId, a: &AmendmentRow) -> Result<()> {
    conn.execute(
        "INSERT INTO minute_amendments
            (meeting_id, entry_id, made_on, reason, before_text, after_text, confidentiality)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            meeting,
            a.entry,
            day(a.made_on),
            a.reason,
            a.before,
            a.after,
            a.level.code()
        ],
    )?;
    Ok(())
}

pub(crate) fn amendments(conn: &Connection, meeting: MeetingId) -> Result<Vec<AmendmentRow>> {
    let rows = conn
        .prepare(
            "SELECT entry_id, made_on, reason, before_text, after_text, confidentiality
               FROM minute_amendments WHERE meeting_id = ?1 ORDER BY id",
        )?
        .query_map([meeting], |r| {
            Ok(AmendmentRow {
                entry: r.get(0)?,
                made_on: date(r.get(1)?).unwrap_or_default(),
                reason: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
                level: Confidentiality::from_code(&r.get::<_, String>(5)?)
                    .unwrap_or(Confidentiality::Confidential),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sets an amended entry's text (the only change allowed after approval).
pub(crate) fn set_entry_text(conn: &Connection, entry: i64, text: &str) -> Result<()> {
    conn.execute(
        "UPDATE minute_entries SET text = ?2 WHERE id = ?1",
        params![entry, text],
    )?;
    Ok(())
}

pub(crate) fn set_response(
    conn: &Connection,
    entry: i64,
    response: AdviceResponse,
    reason: &str,
    on: Option<NaiveDate>,
) -> Result<()> {
    conn.execute(
        "UPDATE minute_entries SET response = ?2, response_reason = ?3, response_on = ?4
          WHERE id = ?1 AND kind = 'advice'",
        params![entry, response.code(), reason, on.map(day)],
    )?;
    Ok(())
}

pub(crate) fn set_action_status(
    conn: &Connection,
    entry: i64,
    status: ActionStatus,
    on: NaiveDate,
    note: &str,
    at: Option<MeetingId>,
) -> Result<()> {
    conn.execute(
        "UPDATE minute_entries SET action_status = ?2 WHERE id = ?1 AND kind = 'action'",
        params![entry, status.code()],
    )?;
    add_action_history(conn, entry, status, on, note, at)
}

pub(crate) fn add_action_history(
    conn: &Connection,
    entry: i64,
    status: ActionStatus,
    on: NaiveDate,
    note: &str,
    at: Option<MeetingId>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO action_history (entry_id, changed_on, status, note, meeting_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![entry, day(on), status.code(), note, at],
    )?;
    Ok(())
}

/// Removes the status changes reported at `meeting` for actions raised at
/// other meetings (before a hand-over file puts its own); returns those
/// actions, whose status is then worked out again.
pub(crate) fn delete_reported_updates(conn: &Connection, meeting: MeetingId) -> Result<Vec<i64>> {
    let actions: Vec<i64> = conn
        .prepare(
            "SELECT DISTINCT h.entry_id FROM action_history h
               JOIN minute_entries e ON e.id = h.entry_id
              WHERE h.meeting_id = ?1 AND e.meeting_id <> ?1",
        )?
        .query_map([meeting], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute(
        "DELETE FROM action_history WHERE meeting_id = ?1
            AND entry_id NOT IN (SELECT id FROM minute_entries WHERE meeting_id = ?1)",
        [meeting],
    )?;
    Ok(actions)
}

/// Sets an action's status to its latest change (by date, then as entered),
/// after its history was changed other than through [`set_action_status`].
pub(crate) fn refresh_action_status(conn: &Connection, entry: i64) -> Result<()> {
    conn.execute(
        "UPDATE minute_entries SET action_status = COALESCE(
                (SELECT status FROM action_history WHERE entry_id = ?1
                  ORDER BY changed_on DESC, id DESC LIMIT 1), action_status)
          WHERE id = ?1 AND kind = 'action'",
        [entry],
    )?;
    Ok(())
}

/// The first action with exactly these words raised at a meeting of `group`
/// on `on` (other than `not_at`): how a hand-over file names an earlier
/// meeting's action, since ids differ between vaults.
pub(crate) fn action_raised_on(
    conn: &Connection,
    group: GroupId,
    on: NaiveDate,
    text: &str,
    not_at: Option<MeetingId>,
) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT e.id FROM minute_entries e
               JOIN meetings m ON m.id = e.meeting_id
               JOIN agenda_items a ON a.id = e.item_id
              WHERE m.group_id = ?1 AND substr(m.starts_at, 1, 10) = ?2 AND e.kind = 'action'
                AND e.text = ?3 AND (?4 IS NULL OR m.id <> ?4)
              ORDER BY m.starts_at, m.id, a.position, e.position LIMIT 1",
            params![group, day(on), text, not_at],
            |r| r.get(0),
        )
        .optional()?)
}

/// One change in an action's history: (entry, on, status, note, at meeting).
pub(crate) type HistoryRow = (i64, NaiveDate, ActionStatus, String, Option<MeetingId>);

/// The history of every action of the given entries (or, with `reported_at`,
/// the changes reported at that meeting).
pub(crate) fn action_history(
    conn: &Connection,
    reported_at: Option<MeetingId>,
) -> Result<Vec<HistoryRow>> {
    let rows = conn
        .prepare(
            "SELECT entry_id, changed_on, status, note, meeting_id FROM action_history
              WHERE ?1 IS NULL OR meeting_id = ?1 ORDER BY id",
        )?
        .query_map([reported_at], |r| {
            Ok((
                r.get(0)?,
                date(r.get(1)?).unwrap_or_default(),
                ActionStatus::from_code(&r.get::<_, String>(2)?).unwrap_or(ActionStatus::Open),
                r.get(3)?,
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Where an entry was made, for the registers.
#[derive(Debug, Clone)]
pub(crate) struct Provenance {
    pub group: GroupId,
    pub group_name: String,
    pub meeting_at: NaiveDateTime,
    pub item_level: Confidentiality,
    pub item_public_title: String,
    pub item_reason: Option<String>,
    pub item_reason_other: String,
}

/// Entries of one kind across every meeting (optionally of one group), with
/// where each was made, in date order.
/// Entries of these kinds whose text, police recipient, owner or person
/// hold every term (none in a not-recorded item or entry: the index never
/// holds them), most recent meeting first, with how many there are in all.
pub(crate) fn entries_matching(
    conn: &Connection,
    terms: &[String],
    kinds: &[EntryKind],
    limit: usize,
) -> Result<super::search::Found<(EntryRow, Provenance)>> {
    use rusqlite::types::Value;
    let (condition, mut values) =
        super::search::matching(conn, super::search::Index::MinuteEntries, "e.id", terms, 1)?;
    let kinds: Vec<String> = kinds
        .iter()
        .map(|k| {
            values.push(Value::Text(k.code().into()));
            format!("?{}", values.len())
        })
        .collect();
    super::search::count_and_list(
        conn,
        &format!(
            "{ENTRY_FROM} {PROVENANCE_FROM}
              WHERE {condition} AND e.kind IN ({})",
            kinds.join(", ")
        ),
        &format!("{ENTRY_SELECT}, {PROVENANCE_SELECT}"),
        "m.starts_at DESC, a.position, e.position",
        values,
        limit,
        entry_with_provenance,
    )
}

/// Where an entry sits, selected after `ENTRY_SELECT`'s columns.
const PROVENANCE_SELECT: &str = "m.group_id, g.name, m.starts_at, a.confidentiality,
        a.public_title, a.reason, a.reason_other";
const PROVENANCE_FROM: &str = "JOIN agenda_items a ON a.id = e.item_id
           JOIN meetings m ON m.id = e.meeting_id
           JOIN groups g ON g.id = m.group_id";

fn entry_with_provenance(r: &rusqlite::Row) -> rusqlite::Result<(EntryRow, Provenance)> {
    Ok((
        entry_row(r)?,
        Provenance {
            group: r.get(26)?,
            group_name: r.get(27)?,
            meeting_at: NaiveDateTime::parse_from_str(&r.get::<_, String>(28)?, DATE_TIME)
                .unwrap_or_default(),
            item_level: Confidentiality::from_code(&r.get::<_, String>(29)?)
                .unwrap_or(Confidentiality::NotRecorded),
            item_public_title: r.get(30)?,
            item_reason: r.get(31)?,
            item_reason_other: r.get(32)?,
        },
    ))
}

pub(crate) fn entries_of_kind(
    conn: &Connection,
    kind: EntryKind,
    group: Option<GroupId>,
) -> Result<Vec<(EntryRow, Provenance)>> {
    let sql = format!(
        "SELECT {ENTRY_SELECT}, {PROVENANCE_SELECT}
           {ENTRY_FROM} {PROVENANCE_FROM}
          WHERE e.kind = ?1 AND (?2 IS NULL OR m.group_id = ?2)
          ORDER BY m.starts_at, a.position, e.position"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(params![kind.code(), group], entry_with_provenance)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
