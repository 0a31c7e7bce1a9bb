//! Writing the record: each autosaved entry in its own transaction,
//! deleting a draft entry, and declaring a vote's result. Approved minutes
//! refuse all of it.

use super::drafts::{check_entry, EntryDraft, ValidEntry};
use super::{record, votes};
use crate::confidentiality::Confidentiality;
use crate::dates::long_date;
use crate::error::{Error, Result};
use crate::ids::MeetingId;
use crate::storage::{meetings as meetings_db, minutes as db, Vault};
use crate::vocabulary::{ActionStatus, EntryKind, MeetingStatus};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// What the window shows after each autosave.
#[derive(Debug, Clone, Serialize)]
pub struct SavedEntry {
    pub id: i64,
    /// The level the entry was saved at (its item's, if that is higher).
    pub confidentiality: Confidentiality,
    /// "19:42": when it was saved.
    pub saved_at: String,
}

/// Refuses any change to approved minutes, naming what to do instead.
pub(super) fn ensure_unlocked(vault: &Vault, meeting: MeetingId) -> Result<()> {
    if let Some((on, _)) = db::approval(vault.conn(), meeting)? {
        return Err(Error::Conflict(format!(
            "These minutes were approved on {} and are locked. To correct them, record an \
             amendment with its reason.",
            long_date(on)
        )));
    }
    Ok(())
}

/// Saves one entry (new or changed) in its own transaction, so each
/// autosave is on disk before the window is told it is saved.
pub fn save_entry(
    vault: &mut Vault,
    meeting: MeetingId,
    draft: &EntryDraft,
    now: NaiveDateTime,
) -> Result<SavedEntry> {
    ensure_unlocked(vault, meeting)?;
    let m = meetings_db::get(vault.conn(), meeting)?;
    let (item_meeting, item_level) = db::item_level(vault.conn(), draft.item_id)?;
    if item_meeting != meeting {
        return Err(Error::NotFound {
            what: "That agenda item".into(),
        });
    }
    let entry = check_entry(draft, item_level, m.starts_at.date()).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    let mut erased = false;
    let id = match draft.id {
        Some(id) => {
            let old = db::entry(&tx, id)?;
            if old.meeting != meeting {
                return Err(Error::NotFound {
                    what: "That minute entry".into(),
                });
            }
            if old.declared {
                return Err(Error::Conflict(
                    "The result of this vote has been declared; it can no longer be changed."
                        .into(),
                ));
            }
            erased = entry.level == Confidentiality::NotRecorded
                && old.level != Confidentiality::NotRecorded;
            db::update_entry(&tx, id, &entry, now)?;
            id
        }
        None => insert_checked(&tx, meeting, draft.item_id, &entry, m.starts_at.date(), now)?,
    };
    if matches!(
        m.status,
        MeetingStatus::Planned | MeetingStatus::AgendaAgreed | MeetingStatus::Held
    ) {
        meetings_db::set_status(&tx, meeting, MeetingStatus::MinutesDraft)?;
    }
    tx.commit()?;
    if erased {
        // What was written before it became not recorded must not linger in
        // the write-ahead log either.
        crate::storage::people::checkpoint_and_truncate_wal(vault.conn())?;
    }
    Ok(SavedEntry {
        id,
        confidentiality: entry.level,
        saved_at: now.format("%H:%M:%S").to_string(),
    })
}

/// Deletes an entry of draft minutes; its text is overwritten in the file.
pub fn delete_entry(vault: &mut Vault, meeting: MeetingId, id: i64) -> Result<()> {
    ensure_unlocked(vault, meeting)?;
    let old = db::entry(vault.conn(), id)?;
    if old.meeting != meeting {
        return Err(Error::NotFound {
            what: "That minute entry".into(),
        });
    }
    db::delete_entry(vault.conn(), id)?;
    crate::storage::people::checkpoint_and_truncate_wal(vault.conn())?;
    Ok(())
}

/// Stores a checked new entry; an action starts its history as raised at
/// the meeting (`on` is the meeting's date).
pub(crate) fn insert_checked(
    conn: &rusqlite::Connection,
    meeting: MeetingId,
    item: i64,
    entry: &ValidEntry,
    on: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64> {
    let id = db::insert_entry(conn, meeting, item, entry, now)?;
    if entry.kind == EntryKind::Action && entry.level != Confidentiality::NotRecorded {
        db::add_action_history(conn, id, ActionStatus::Open, on, "Raised.", Some(meeting))?;
    }
    Ok(id)
}

/// The chair declares the result of a vote: it is fixed from then on, and
/// a carried motion to remove a member removes them, citing the meeting.
pub fn declare_vote(
    vault: &mut Vault,
    meeting: MeetingId,
    entry: i64,
    now: NaiveDateTime,
) -> Result<votes::Outcome> {
    ensure_unlocked(vault, meeting)?;
    let rec = record::record(vault, meeting)?;
    let e = rec
        .items
        .iter()
        .flat_map(|i| &i.entries)
        .find(|e| e.id == entry)
        .ok_or_else(|| Error::NotFound {
            what: "That vote".into(),
        })?;
    let Some(vote) = &e.vote else {
        return Err(Error::invalid(
            "entry",
            "only a vote has a result to declare.",
        ));
    };
    let outcome = vote.outcome.clone();
    let row = db::entry(vault.conn(), entry)?;
    if row.declared {
        return Err(Error::Conflict(
            "This vote's result was already declared.".into(),
        ));
    }
    if outcome.for_ + outcome.against + outcome.abstain == 0 {
        return Err(Error::invalid(
            "votes",
            "record the votes before declaring the result.",
        ));
    }
    let m = meetings_db::get(vault.conn(), meeting)?;
    // The removal first: it is checked by the roster's rules, and the vote
    // stays open to correct if they refuse it.
    if let (true, Some(person)) = (outcome.carried, row.removes_person_id) {
        crate::roster::members::change_status(
            vault,
            person,
            &crate::roster::members::StatusForm {
                status: "removed".into(),
                changed_on: m.starts_at.date().format("%Y-%m-%d").to_string(),
                reason: format!(
                    "Removed by a vote of {} at the meeting on {}: {}",
                    m.group_name,
                    long_date(m.starts_at.date()),
                    outcome.statement
                ),
                meeting_id: Some(meeting),
            },
            now.date().max(m.starts_at.date()),
        )?;
    }
    db::declare_vote(vault.conn(), entry, now)?;
    crate::audit::record(
        vault.conn(),
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::VoteDeclared,
        &format!(
            "A vote at {}, {}: {}{}",
            m.group_name,
            long_date(m.starts_at.date()),
            if outcome.carried {
                "carried"
            } else {
                "not carried"
            },
            if outcome.carried && row.removes_person_id.is_some() {
                "; a member removed."
            } else {
                "."
            }
        ),
    )?;
    Ok(outcome)
}
