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
        .query_map([], meeting_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn meeting_row(r: &rusqlite::Row) -> rusqlite::Result<MeetingRow> {
    Ok(MeetingRow {
        id: r.get(0)?,
        group_name: r.get(1)?,
        starts_at: at(r.get(2)?),
        venue: r.get(3)?,
        kind: MeetingKind::from_code(&r.get::<_, String>(4)?).unwrap_or(MeetingKind::Scheduled),
    })
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
        .query_map([], item_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The SQL functions the search index's views and triggers call: the same
/// folding a query gets (`iag_fold`), and the words a meeting is found by
/// besides its group and venue (`iag_meeting_words`: its long date and
/// kind, as the window shows them). Registered on every vault connection
/// before migrations run: any write to an indexed table needs them.
pub(crate) fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("iag_fold", 1, flags, |ctx| {
        Ok(crate::folding::fold(&ctx.get::<String>(0)?))
    })?;
    conn.create_scalar_function("iag_meeting_words", 2, flags, |ctx| {
        let starts_at = at(ctx.get(0)?);
        let kind = MeetingKind::from_code(&ctx.get::<String>(1)?).unwrap_or(MeetingKind::Scheduled);
        Ok(format!(
            "{} {}",
            crate::dates::long_date_time(starts_at),
            kind.label()
        ))
    })?;
    Ok(())
}

/// One of the search index's tables (migration 0012): each row's rowid is
/// the id of the record whose folded text it holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Index {
    People,
    Meetings,
    AgendaItems,
    MinuteEntries,
}

impl Index {
    fn table(self) -> &'static str {
        match self {
            Index::People => "search_people",
            Index::Meetings => "search_meetings",
            Index::AgendaItems => "search_agenda_items",
            Index::MinuteEntries => "search_minute_entries",
        }
    }
}

/// The trigram tokenizer's shortest match.
const TRIGRAM: usize = 3;

/// `{id} IN (…the index rows holding every term…)`, as an SQL condition
/// with its values numbered from `?{first}`. `terms` are folded by
/// `folding::terms`, as the index's text is. Terms of three letters or more
/// are phrases of the index (any part of a word, any script). A shorter
/// term, a one- or two-character Chinese name say, is no trigram itself:
/// it is found through the trigrams that begin with it, listed by the
/// index's vocabulary (every letter of an indexed text begins one, as each
/// text ends in two spaces). When thousands begin with it (a single Latin
/// letter), reading the folded texts is quicker than asking for them all.
pub(crate) fn matching(
    conn: &Connection,
    index: Index,
    id: &str,
    terms: &[String],
    first: usize,
) -> Result<(String, Vec<rusqlite::types::Value>)> {
    use rusqlite::types::Value;
    let table = index.table();
    let mut phrases = Vec::new();
    let mut read = Vec::new();
    for term in terms {
        if term.chars().count() >= TRIGRAM {
            phrases.push(quoted(term));
            continue;
        }
        let begin: Vec<String> = conn
            .prepare_cached(&format!(
                "SELECT term FROM {table}_terms WHERE term >= ?1 AND term < ?2 LIMIT ?3"
            ))?
            .query_map(
                rusqlite::params![
                    term,
                    format!("{term}{}", char::MAX),
                    FEW_TRIGRAMS as i64 + 1
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        match begin.len() {
            0 => return Ok(("0 = 1".into(), Vec::new())),
            n if n <= FEW_TRIGRAMS => phrases.push(format!(
                "({})",
                begin
                    .iter()
                    .map(|t| quoted(t))
                    .collect::<Vec<_>>()
                    .join(" OR ")
            )),
            _ => read.push(term.clone()),
        }
    }
    let mut values = Vec::new();
    let mut conditions = Vec::new();
    let mut next = |v: String| {
        values.push(Value::Text(v));
        format!("?{}", first + values.len() - 1)
    };
    if !phrases.is_empty() {
        // Each term a quoted string: FTS5 reads it as a phrase, never as
        // its query syntax (AND, NEAR, *, column names).
        conditions.push(format!("{table} MATCH {}", next(phrases.join(" AND "))));
    }
    for term in read {
        conditions.push(format!("instr(text, {}) > 0", next(term)));
    }
    if conditions.is_empty() {
        return Ok(("0 = 1".into(), values));
    }
    Ok((
        format!(
            "{id} IN (SELECT rowid FROM {table} WHERE {})",
            conditions.join(" AND ")
        ),
        values,
    ))
}

/// Up to this many trigrams beginning with a short term, the index finds
/// it through them; beyond, reading the folded texts is quicker.
const FEW_TRIGRAMS: usize = 200;

fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// How many rows a search found, and the first `limit` of them.
pub(crate) struct Found<T> {
    pub total: usize,
    pub rows: Vec<T>,
}

/// Counts the rows `from` (tables and a WHERE clause) selects, then reads
/// the first `limit` of them: `SELECT {columns} {from} ORDER BY {order}`.
pub(crate) fn count_and_list<T>(
    conn: &Connection,
    from: &str,
    columns: &str,
    order: &str,
    mut values: Vec<rusqlite::types::Value>,
    limit: usize,
    row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Found<T>> {
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) {from}"),
        rusqlite::params_from_iter(values.iter()),
        |r| r.get(0),
    )?;
    values.push(rusqlite::types::Value::Integer(limit as i64));
    let rows = conn
        .prepare(&format!(
            "SELECT {columns} {from} ORDER BY {order} LIMIT ?{}",
            values.len()
        ))?
        .query_map(rusqlite::params_from_iter(values.iter()), row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Found {
        total: total as usize,
        rows,
    })
}

/// Meetings whose group, venue, date or kind hold every term, most recent
/// first.
pub(crate) fn meetings_matching(
    conn: &Connection,
    terms: &[String],
    limit: usize,
) -> Result<Found<MeetingRow>> {
    let (condition, values) = matching(conn, Index::Meetings, "m.id", terms, 1)?;
    count_and_list(
        conn,
        &format!("FROM meetings m JOIN groups g ON g.id = m.group_id WHERE {condition}"),
        "m.id, g.name, m.starts_at, m.venue, m.kind",
        "m.starts_at DESC, m.id",
        values,
        limit,
        meeting_row,
    )
}

/// Agenda items whose title, purpose, public title or presenter hold every
/// term, most recent meeting first.
pub(crate) fn agenda_items_matching(
    conn: &Connection,
    terms: &[String],
    limit: usize,
) -> Result<Found<ItemRow>> {
    let (condition, values) = matching(conn, Index::AgendaItems, "a.id", terms, 1)?;
    count_and_list(
        conn,
        &format!(
            "FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
               JOIN groups g ON g.id = m.group_id
               LEFT JOIN people p ON p.id = a.presenter_id
              WHERE {condition}"
        ),
        "a.meeting_id, g.name, m.starts_at, a.title, a.purpose, a.public_title,
         COALESCE(p.full_name, a.presenter_text), a.confidentiality",
        "m.starts_at DESC, a.position",
        values,
        limit,
        item_row,
    )
}

fn item_row(r: &rusqlite::Row) -> rusqlite::Result<ItemRow> {
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
}
