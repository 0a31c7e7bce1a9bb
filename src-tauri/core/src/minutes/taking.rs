//! The minute-taking view of one meeting: its entries as drafts to edit,
//! earlier minutes awaiting approval, and the approval and amendments.

use super::drafts::{BallotDraft, EntryDraft};
use super::record;
use crate::confidentiality::Confidentiality;
use crate::error::Result;
use crate::ids::MeetingId;
use crate::storage::{meetings as meetings_db, minutes as db, Vault};
use crate::vocabulary::MeetingStatus;
use serde::Serialize;

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
