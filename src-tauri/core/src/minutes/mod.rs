//! The record of a meeting: what the secretary writes under each agenda
//! item (notes, decisions, advice to the police, actions, votes and
//! declarations of interest), approval at a later meeting, and amendments.
//!
//! Invariants:
//! - An entry's level is never below its item's level: it inherits the
//!   item's level when saved and may only be raised. The level is stored
//!   with the entry, so making an item open later cannot expose what was
//!   written while it was confidential.
//! - Nothing typed for a not-recorded item or entry is stored: the text is
//!   dropped here, before any storage call, and the vault refuses it too.
//! - Approved minutes are locked; the only change is an amendment with a
//!   reason and a date, and the approved original is kept as it was.
//! - Documents are built only from an audience's view ([`audience`]); see
//!   there for what each audience may read.

pub mod actions;
pub mod advice;
pub mod audience;
pub mod document;
pub mod record;
pub mod votes;

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::{long_date, parse_date};
use crate::error::{Error, Problem, Result};
use crate::ids::{MeetingId, PersonId};
use crate::storage::{meetings as meetings_db, minutes as db, Vault};
use crate::vocabulary::{ActionStatus, Choice, EntryKind, MeetingStatus};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

impl EntryKind {
    /// What the text box of an entry of this kind asks for.
    pub fn prompt(self) -> &'static str {
        match self {
            EntryKind::Note => "Note",
            EntryKind::Decision => "What was agreed",
            EntryKind::Advice => "The advice given",
            EntryKind::Action => "The action",
            EntryKind::Vote => "The motion",
            EntryKind::Declaration => "The interest declared",
        }
    }
}

/// A named vote as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct BallotDraft {
    pub person_id: Option<i64>,
    pub voter_name: String,
    /// for, against, abstain
    pub choice: String,
    /// Someone present who cast this vote for the voter.
    pub proxy_holder_id: Option<i64>,
}

/// An entry as typed (autosaved as the secretary types): every field text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct EntryDraft {
    /// The saved entry this draft edits; None for a new entry.
    pub id: Option<i64>,
    pub item_id: i64,
    pub kind: String,
    /// open, confidential, not_recorded; empty means the item's level.
    pub confidentiality: String,
    /// The note, decision, advice, action, motion or interest declared.
    pub text: String,
    /// Advice: to whom in the police.
    pub police_recipient: String,
    /// Action: its owner from the roster, or free text.
    pub owner_id: Option<i64>,
    pub owner_text: String,
    /// Action: 22/12/2026 or 2026-12-22.
    pub due_on: String,
    /// Declaration: who declared the interest.
    pub person_id: Option<i64>,
    pub person_text: String,
    /// Vote: counts, or named votes in `ballots`.
    pub named_vote: bool,
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    /// for, against or empty: the chair's casting vote on a tie.
    pub casting_vote: String,
    /// Vote: a motion to remove this member.
    pub removes_person_id: Option<i64>,
    pub ballots: Vec<BallotDraft>,
}

pub use crate::storage::minutes::{ValidBallot, ValidEntry};

fn tidy(s: &str) -> String {
    s.trim().to_string()
}

/// Checks an entry against its item's level and the meeting's date. The
/// text of a not-recorded entry is dropped here, whatever was typed.
pub fn check_entry(
    d: &EntryDraft,
    item_level: Confidentiality,
    meeting_on: NaiveDate,
) -> std::result::Result<ValidEntry, Vec<Problem>> {
    let mut problems = Vec::new();
    if item_level == Confidentiality::NotRecorded {
        return Err(vec![Problem::new(
            "item_id",
            "this item is not recorded: nothing typed for it is kept. Only the fact that a \
             confidential matter was discussed appears in the minutes.",
        )]);
    }
    let kind = EntryKind::from_code(d.kind.trim()).unwrap_or_else(|| {
        problems.push(Problem::new(
            "kind",
            "choose note, decision, advice, action, vote or declaration of interest.",
        ));
        EntryKind::Note
    });
    let asked = match d.confidentiality.trim() {
        "" => item_level,
        code => Confidentiality::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                "confidentiality",
                "choose open, confidential or not recorded.",
            ));
            Confidentiality::NotRecorded
        }),
    };
    let level = effective_level(item_level, asked);
    if level == Confidentiality::NotRecorded {
        // Only the kind and the fact survive; not one typed character.
        return if problems.is_empty() {
            Ok(ValidEntry {
                kind,
                level,
                text: String::new(),
                police_recipient: String::new(),
                owner_id: None,
                owner_text: String::new(),
                due_on: None,
                person_id: None,
                person_text: String::new(),
                named_vote: false,
                votes: (0, 0, 0),
                casting_vote: None,
                removes_person_id: None,
                ballots: Vec::new(),
            })
        } else {
            Err(problems)
        };
    }
    let due_on = if kind == EntryKind::Action {
        match parse_date(&d.due_on) {
            Ok(Some(due)) if due < meeting_on => {
                problems.push(Problem::new(
                    "due_on",
                    format!(
                        "an action cannot be due before the meeting that set it ({}).",
                        long_date(meeting_on)
                    ),
                ));
                None
            }
            Ok(due) => due,
            Err(m) => {
                problems.push(Problem::new("due_on", m));
                None
            }
        }
    } else {
        None
    };
    let casting_vote = match d.casting_vote.trim() {
        "" => None,
        "for" => Some(Choice::For),
        "against" => Some(Choice::Against),
        _ => {
            problems.push(Problem::new(
                "casting_vote",
                "the chair's casting vote is for or against.",
            ));
            None
        }
    };
    let mut ballots = Vec::new();
    if kind == EntryKind::Vote && d.named_vote {
        for (i, b) in d.ballots.iter().enumerate() {
            let at = format!("ballots.{i}");
            let name = b
                .voter_name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if name.is_empty() {
                problems.push(Problem::new(format!("{at}.voter_name"), "name the voter."));
            }
            let Some(choice) = Choice::from_code(b.choice.trim()) else {
                problems.push(Problem::new(
                    format!("{at}.choice"),
                    "choose for, against or abstain.",
                ));
                continue;
            };
            if b.proxy_holder_id.is_some() && b.proxy_holder_id == b.person_id {
                problems.push(Problem::new(
                    format!("{at}.proxy_holder_id"),
                    "a voter cannot hold their own proxy.",
                ));
            }
            ballots.push(ValidBallot {
                person_id: b.person_id.map(PersonId),
                voter_name: name,
                choice,
                proxy_holder_id: b.proxy_holder_id.map(PersonId),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let only = |k: EntryKind, s: &str| if kind == k { tidy(s) } else { String::new() };
    Ok(ValidEntry {
        kind,
        level,
        text: d.text.trim_end().to_string(),
        police_recipient: only(EntryKind::Advice, &d.police_recipient),
        owner_id: d
            .owner_id
            .filter(|_| kind == EntryKind::Action)
            .map(PersonId),
        owner_text: only(EntryKind::Action, &d.owner_text),
        due_on,
        person_id: d
            .person_id
            .filter(|_| kind == EntryKind::Declaration)
            .map(PersonId),
        person_text: only(EntryKind::Declaration, &d.person_text),
        named_vote: kind == EntryKind::Vote && d.named_vote,
        votes: if kind == EntryKind::Vote && !d.named_vote {
            (d.votes_for, d.votes_against, d.votes_abstain)
        } else {
            (0, 0, 0)
        },
        casting_vote: casting_vote.filter(|_| kind == EntryKind::Vote),
        removes_person_id: d
            .removes_person_id
            .filter(|_| kind == EntryKind::Vote)
            .map(PersonId),
        ballots,
    })
}

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
fn ensure_unlocked(vault: &Vault, meeting: MeetingId) -> Result<()> {
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
    db::record_approval(conn, meeting, on, at, &json)?;
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

/// An entry as the minute-taking view edits it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub id: i64,
    pub item_id: i64,
    /// Effective level (never below the item's).
    pub level: Confidentiality,
    pub draft: EntryDraft,
    pub vote: Option<record::VoteRecord>,
    pub response_label: Option<&'static str>,
    pub action_status_label: Option<&'static str>,
}

/// An earlier meeting of the group whose draft minutes await approval.
#[derive(Debug, Clone, Serialize)]
pub struct AwaitingApproval {
    pub meeting_id: MeetingId,
    pub when: String,
}

/// Everything the minute-taking view needs for one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MinuteTaking {
    pub meeting: crate::meetings::plan::MeetingDetail,
    pub entries: Vec<EntryView>,
    pub awaiting_approval: Vec<AwaitingApproval>,
    /// Set once approved: "Approved as a true record at the meeting on …".
    pub approved: Option<String>,
    pub amendments: Vec<record::RecordAmendment>,
}

pub fn taking(vault: &Vault, meeting: MeetingId) -> Result<MinuteTaking> {
    let detail = crate::meetings::plan::detail(vault, meeting)?;
    let rec = record::record(vault, meeting)?;
    let by_id: std::collections::HashMap<i64, &record::RecordEntry> = rec
        .items
        .iter()
        .flat_map(|i| &i.entries)
        .map(|e| (e.id, e))
        .collect();
    let entries = db::entries(vault.conn(), meeting)?
        .into_iter()
        .map(|row| {
            let ballots = if row.named_vote {
                db::ballots(vault.conn(), row.id)?
                    .into_iter()
                    .map(|(person, voter, choice, holder)| BallotDraft {
                        person_id: person.map(|p| p.0),
                        voter_name: voter,
                        choice: choice.code().into(),
                        proxy_holder_id: holder.map(|(h, _)| h.0),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let full = by_id.get(&row.id);
            Ok(EntryView {
                id: row.id,
                item_id: row.item_id,
                level: full.map(|e| e.level).unwrap_or(row.level),
                vote: full.and_then(|e| e.vote.clone()),
                response_label: row.response.map(|r| r.label()),
                action_status_label: row.action_status.map(|s| s.label()),
                draft: EntryDraft {
                    id: Some(row.id),
                    item_id: row.item_id,
                    kind: row.kind.code().into(),
                    confidentiality: row.level.code().into(),
                    police_recipient: row.police_recipient.clone(),
                    owner_id: row.owner_id.map(|p| p.0),
                    owner_text: row.owner_text.clone(),
                    due_on: row
                        .due_on
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_default(),
                    person_id: row.person_id.map(|p| p.0),
                    person_text: row.person_text.clone(),
                    named_vote: row.named_vote,
                    votes_for: row.votes.0,
                    votes_against: row.votes.1,
                    votes_abstain: row.votes.2,
                    casting_vote: row
                        .casting_vote
                        .map(|c| c.code().to_string())
                        .unwrap_or_default(),
                    removes_person_id: row.removes_person_id.map(|p| p.0),
                    ballots,
                    text: row.text,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Listed as at the meeting's start, so "earlier" means before it.
    let starts = meetings_db::get(vault.conn(), meeting)?.starts_at;
    let awaiting_approval = crate::meetings::list(vault, starts)?
        .into_iter()
        .filter(|m| {
            m.group_id == detail.group_id
                && m.id != meeting
                && !m.upcoming
                && m.status == MeetingStatus::MinutesDraft
        })
        .map(|m| AwaitingApproval {
            meeting_id: m.id,
            when: m.when,
        })
        .collect();
    Ok(MinuteTaking {
        meeting: detail,
        entries,
        awaiting_approval,
        approved: rec.approved,
        amendments: rec.amendments,
    })
}
