//! Approval at a later meeting (then the minutes are locked and the
//! approved original kept) and amendments to approved minutes.

use super::drafts::{check_entry, EntryDraft};
use super::record;
use super::writing::{ensure_unlocked, insert_checked};
use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::long_date;
use crate::error::{Error, Problem, Result};
use crate::ids::MeetingId;
use crate::storage::{meetings as meetings_db, minutes as db, Vault};
use crate::vocabulary::{EntryKind, MeetingStatus};
use chrono::{NaiveDate, NaiveDateTime};

/// Approves the minutes of `meeting` at the later meeting `at`, recording
/// the decision under `at`'s agenda item `item`; then they are locked and
/// the approved original is kept.
pub fn approve(
    vault: &mut Vault,
    meeting: MeetingId,
    at: MeetingId,
    item: i64,
    now: NaiveDateTime,
) -> Result<()> {
    ensure_unlocked(vault, meeting)?;
    let earlier = meetings_db::get(vault.conn(), meeting)?;
    let later = meetings_db::get(vault.conn(), at)?;
    if later.group != earlier.group || later.starts_at <= earlier.starts_at {
        return Err(Error::invalid(
            "at",
            "minutes are approved at a later meeting of the same group.",
        ));
    }
    if db::entries(vault.conn(), meeting)?.is_empty() {
        return Err(Error::invalid(
            "meeting",
            "there are no minutes to approve for that meeting yet.",
        ));
    }
    let (item_meeting, item_level) = db::item_level(vault.conn(), item)?;
    if item_meeting != at {
        return Err(Error::NotFound {
            what: "That agenda item".into(),
        });
    }
    let tx = vault.conn_mut().transaction()?;
    approve_in(&tx, meeting, at, item, item_level, now)?;
    tx.commit()?;
    Ok(())
}

/// Records the approval (checked by the caller) inside its transaction:
/// the decision at the later meeting, the lock, and the original kept.
pub(crate) fn approve_in(
    conn: &rusqlite::Connection,
    meeting: MeetingId,
    at: MeetingId,
    item: i64,
    item_level: Confidentiality,
    now: NaiveDateTime,
) -> Result<()> {
    let earlier = meetings_db::get(conn, meeting)?;
    let later = meetings_db::get(conn, at)?;
    let on = later.starts_at.date();
    // Kept as it is approved: issue 1, with its approval line.
    let mut original = record::record_in(conn, meeting)?;
    original.approved = Some(record::approval_line(on));
    original.issue = 1;
    let json = serde_json::to_string(&original).map_err(|e| Error::Internal(e.to_string()))?;
    let decision = EntryDraft {
        item_id: item,
        kind: EntryKind::Decision.code().into(),
        text: format!(
            "The minutes of the meeting on {} were approved as a true record.",
            long_date(earlier.starts_at.date())
        ),
        ..EntryDraft::default()
    };
    let decision = check_entry(&decision, item_level, on).map_err(Error::rejected)?;
    insert_checked(conn, at, item, &decision, on, now)?;
    db::record_approval(conn, meeting, on, Some(at), &json)?;
    crate::audit::record(
        conn,
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::MinutesApproved,
        &format!(
            "Minutes of {}, {}, approved at the meeting on {}.",
            earlier.group_name,
            long_date(earlier.starts_at.date()),
            long_date(on)
        ),
    )?;
    if matches!(
        later.status,
        MeetingStatus::Planned | MeetingStatus::AgendaAgreed | MeetingStatus::Held
    ) {
        meetings_db::set_status(conn, at, MeetingStatus::MinutesDraft)?;
    }
    Ok(())
}

/// Corrects one entry of approved minutes: the change, its reason and date
/// are recorded and shown in the next issue; the approved original stays.
pub fn amend(
    vault: &mut Vault,
    meeting: MeetingId,
    entry: i64,
    text: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<()> {
    let Some((approved_on, _)) = db::approval(vault.conn(), meeting)? else {
        return Err(Error::Conflict(
            "These minutes are still a draft: change the entry itself.".into(),
        ));
    };
    let old = db::entry(vault.conn(), entry)?;
    if old.meeting != meeting {
        return Err(Error::NotFound {
            what: "That minute entry".into(),
        });
    }
    let (_, item_level) = db::item_level(vault.conn(), old.item_id)?;
    let level = effective_level(item_level, old.level);
    let mut problems = Vec::new();
    if level == Confidentiality::NotRecorded {
        problems.push(Problem::new(
            "entry",
            "a not-recorded matter has no text to amend.",
        ));
    }
    let text = text.trim_end();
    if text == old.text {
        problems.push(Problem::new(
            "text",
            "the amended text is the same as before.",
        ));
    }
    if reason.trim().is_empty() {
        problems.push(Problem::new(
            "reason",
            "say why the minutes are being corrected.",
        ));
    }
    if today < approved_on {
        problems.push(Problem::new(
            "made_on",
            "an amendment comes after the approval.",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let tx = vault.conn_mut().transaction()?;
    db::add_amendment(
        &tx,
        meeting,
        &db::AmendmentRow {
            entry: Some(entry),
            made_on: today,
            reason: reason.trim().to_string(),
            before: old.text.clone(),
            after: text.to_string(),
            level,
        },
    )?;
    db::set_entry_text(&tx, entry, text)?;
    let m = meetings_db::get(&tx, meeting)?;
    crate::audit::record(
        &tx,
        crate::audit::When::On(today),
        crate::vocabulary::AuditAction::MinutesAmended,
        &format!(
            "Minutes of {}, {}: an entry amended after approval.",
            m.group_name,
            long_date(m.starts_at.date())
        ),
    )?;
    tx.commit()?;
    Ok(())
}
