//! The full record of a meeting, as the vault holds it: every entry with
//! its effective level, the register, votes counted, action updates and
//! amendments. This is the owner's view inside the app; documents never
//! take it directly (see [`super::audience`]).
//!
//! It is also what approval keeps: the approved original is this record,
//! serialised as it stood when the minutes were approved.

use super::votes::{self, Ballot, Motion, Outcome, Tally};
use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::long_date;
use crate::error::{Error, Result};
use crate::ids::{MeetingId, PersonId};
use crate::meetings::agenda;
use crate::meetings::attendance;
use crate::storage::{meetings as meetings_db, minutes as db, Vault};
use crate::vocabulary::{
    ActionStatus, AdviceResponse, AttendanceMode, Capacity, EntryKind, ItemKind, Presence, Role,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesRecord {
    pub meeting: MeetingId,
    pub group_name: String,
    /// "9 December 2026, 18:30"
    pub when: String,
    /// 2026-12-09, for file names.
    pub date: String,
    pub venue: String,
    pub kind_label: String,
    /// "Approved as a true record at the meeting on 13 January 2027."
    pub approved: Option<String>,
    /// 0 while a draft; 1 when approved; one more for each amendment.
    pub issue: u32,
    /// Members present, with late arrival or early departure noted.
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub absent: Vec<String>,
    /// Police contacts and guests who were there, each with role or
    /// organisation, the items they attended for, and remote attendance.
    pub in_attendance: Vec<String>,
    /// There to support the meeting, not counted for the quorum.
    #[serde(default)]
    pub secretariat: Vec<String>,
    #[serde(default)]
    pub minutes_taken_by: Vec<MinuteTaker>,
    /// The group publishes how many members attended, not who: the public
    /// minutes give counts and only the annex names them.
    #[serde(default)]
    pub members_by_count: bool,
    /// Every member on the register, by name: what a group publishing
    /// counts keeps out of the public minutes.
    #[serde(default)]
    pub member_names: Vec<String>,
    /// While a draft: how the group marks its draft minutes.
    #[serde(default)]
    pub draft_marking: Option<DraftMarking>,
    pub items: Vec<RecordItem>,
    /// Earlier meetings' actions whose status was reported at this meeting.
    pub action_updates: Vec<ActionUpdate>,
    pub amendments: Vec<RecordAmendment>,
}

/// Who took the minutes, and whether they are a member (whose name a
/// group publishing counts keeps out of the public minutes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteTaker {
    pub name: String,
    pub member: bool,
}

/// The marking a group gives its draft minutes until they are approved,
/// and the handling line printed under it ("Not to be circulated beyond
/// members until approved for publication").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftMarking {
    pub marking: crate::vocabulary::Marking,
    pub handling: String,
}

impl DraftMarking {
    /// The line printed at the top of a draft: the marking and the
    /// handling words, unless the group typed the marking in them already.
    pub fn line(&self) -> Option<String> {
        let handling = self.handling.trim();
        if handling.is_empty() {
            None
        } else if handling.to_uppercase().starts_with("OFFICIAL") {
            Some(handling.to_string())
        } else {
            Some(format!("{}: {handling}", self.marking.label()))
        }
    }
}

impl MinutesRecord {
    pub fn is_draft(&self) -> bool {
        self.approved.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordItem {
    pub id: i64,
    pub number: String,
    pub depth: u8,
    pub title: String,
    pub public_title: String,
    /// Why the item is not open ("Sub judice").
    pub reason: Option<String>,
    pub level: Confidentiality,
    pub kind: ItemKind,
    pub purpose: String,
    pub presenter: String,
    /// File names of the papers under the item.
    pub papers: Vec<String>,
    pub entries: Vec<RecordEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEntry {
    pub id: i64,
    pub kind: EntryKind,
    /// Effective: the more restrictive of the entry's and its item's.
    pub level: Confidentiality,
    pub text: String,
    pub police_recipient: String,
    pub response: Option<AdviceResponse>,
    pub owner: String,
    /// "22 December 2026"
    pub due: Option<String>,
    pub action_status: Option<ActionStatus>,
    /// Who declared an interest.
    pub person: String,
    pub vote: Option<VoteRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRecord {
    /// "Ama Mensah: for (by proxy, held by Tomás Ó Briain)".
    pub named: Vec<String>,
    pub outcome: Outcome,
    /// The member a removal motion is about.
    pub removes: Option<String>,
    pub declared: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionUpdate {
    pub action_id: i64,
    pub level: Confidentiality,
    pub text: String,
    pub owner: String,
    /// When the action was raised: "14 October 2026".
    pub raised_on: String,
    pub status: ActionStatus,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAmendment {
    pub made_on: String,
    pub reason: String,
    pub item_number: String,
    pub before: String,
    pub after: String,
    pub level: Confidentiality,
}

/// What approved minutes say of their approval.
pub fn approval_line(on: chrono::NaiveDate) -> String {
    format!(
        "Approved as a true record at the meeting on {}.",
        long_date(on)
    )
}

/// Reads the full record of a meeting.
pub fn record(vault: &Vault, meeting: MeetingId) -> Result<MinutesRecord> {
    record_in(vault.conn(), meeting)
}

/// The same, inside a caller's transaction.
pub(crate) fn record_in(conn: &rusqlite::Connection, meeting: MeetingId) -> Result<MinutesRecord> {
    let m = meetings_db::get(conn, meeting)?;
    let items = meetings_db::items(conn, meeting)?;
    let papers = meetings_db::papers(conn, meeting)?;
    let numbers = agenda::numbers(&items.iter().map(|(i, _)| i.depth).collect::<Vec<_>>());
    let register = meetings_db::attendance(conn, meeting)?;
    let position_of: HashMap<i64, usize> = items
        .iter()
        .enumerate()
        .filter_map(|(p, (i, _))| i.id.map(|id| (id, p)))
        .collect();
    // Who is in the room during the item at `position`.
    let present_at = |person: PersonId, position: usize| {
        register.iter().any(|r| {
            r.person == Some(person)
                && r.presence == Presence::Present
                && r.arrived_at.is_none_or(|a| a <= position)
                && r.left_at.is_none_or(|l| l > position)
        })
    };
    let number_at = |p: usize| agenda::number_at(&numbers, p);

    let mut by_item: HashMap<i64, Vec<RecordEntry>> = HashMap::new();
    let mut entry_item: HashMap<i64, i64> = HashMap::new();
    for row in db::entries(conn, meeting)? {
        let item_level = items
            .iter()
            .find(|(i, _)| i.id == Some(row.item_id))
            .map(|(i, _)| i.confidentiality)
            .unwrap_or(Confidentiality::NotRecorded);
        let position = position_of.get(&row.item_id).copied().unwrap_or(0);
        let vote = if row.kind == EntryKind::Vote {
            let motion = if row.removes_person_id.is_some() {
                Motion::Removal
            } else {
                Motion::Ordinary
            };
            let (tally, named) = if row.named_vote {
                let mut named = Vec::new();
                let ballots = db::ballots(conn, row.id)?
                    .into_iter()
                    .map(|(_, voter, choice, holder)| {
                        named.push(match &holder {
                            Some((_, h)) => format!(
                                "{voter}: {} (by proxy, held by {h})",
                                choice.label().to_lowercase()
                            ),
                            None => format!("{voter}: {}", choice.label().to_lowercase()),
                        });
                        Ballot {
                            voter,
                            choice,
                            proxy_holder: holder.map(|(h, name)| (name, present_at(h, position))),
                        }
                    })
                    .collect();
                (Tally::Named(ballots), named)
            } else {
                let (f, a, x) = row.votes;
                (
                    Tally::Counts {
                        for_: f,
                        against: a,
                        abstain: x,
                    },
                    Vec::new(),
                )
            };
            Some(VoteRecord {
                named,
                outcome: votes::decide(&tally, motion, row.casting_vote),
                removes: row.removes_name.clone(),
                declared: row.declared,
            })
        } else {
            None
        };
        entry_item.insert(row.id, row.item_id);
        by_item.entry(row.item_id).or_default().push(RecordEntry {
            id: row.id,
            kind: row.kind,
            level: effective_level(item_level, row.level),
            owner: row.owner(),
            person: row.person(),
            text: row.text,
            police_recipient: row.police_recipient,
            response: row.response,
            due: row.due_on.map(long_date),
            action_status: row.action_status,
            vote,
        });
    }

    let record_items: Vec<RecordItem> = items
        .iter()
        .zip(&numbers)
        .map(|((i, presenter), number)| RecordItem {
            id: i.id.unwrap_or_default(),
            number: number.clone(),
            depth: i.depth,
            title: i.title.clone(),
            public_title: i.public_title.clone(),
            reason: i.reason_text(),
            level: i.confidentiality,
            kind: i.kind,
            purpose: i.purpose.clone(),
            presenter: presenter
                .clone()
                .unwrap_or_else(|| i.presenter_text.clone()),
            papers: papers
                .iter()
                .filter(|p| Some(p.item) == i.id)
                .map(|p| p.file_name.clone())
                .collect(),
            entries: i.id.and_then(|id| by_item.remove(&id)).unwrap_or_default(),
        })
        .collect();

    // Status changes reported here for actions raised at earlier meetings.
    let mut action_updates = Vec::new();
    for (action, _, status, note, _) in db::action_history(conn, Some(meeting))? {
        let row = db::entry(conn, action)?;
        if row.meeting == meeting {
            continue;
        }
        let (_, item_level) = db::item_level(conn, row.item_id)?;
        let raised = meetings_db::get(conn, row.meeting)?;
        action_updates.push(ActionUpdate {
            action_id: action,
            level: effective_level(item_level, row.level),
            owner: row.owner(),
            text: row.text,
            raised_on: long_date(raised.starts_at.date()),
            status,
            note,
        });
    }

    let approval = db::approval(conn, meeting)?;
    let amendments: Vec<RecordAmendment> = db::amendments(conn, meeting)?
        .into_iter()
        .map(|a| RecordAmendment {
            made_on: long_date(a.made_on),
            item_number: a
                .entry
                .and_then(|e| entry_item.get(&e))
                .and_then(|item| position_of.get(item))
                .map(|p| number_at(*p))
                .unwrap_or_default(),
            reason: a.reason,
            before: a.before,
            after: a.after,
            level: a.level,
        })
        .collect();
    let approved = approval.map(|(on, _)| approval_line(on));
    let roles = meetings_db::group_roles_on(conn, m.group, m.starts_at.date())?;
    let chair = attendance::chair(m.chaired_by, &register, &roles);
    // "Gwen Roberts (Vice Chair) in the chair", "Ayesha Rahman, Community
    // Safety Officer (for item 2, remote)", "A psychologist".
    let note = |r: &meetings_db::AttendanceRow| {
        let role = attendance::role(r);
        let mut s = if r.anonymous {
            role
        } else if role.is_empty() || r.capacity == Capacity::Member {
            r.name.clone()
        } else {
            format!("{}, {role}", r.name)
        };
        if r.person.is_some() && r.person == chair {
            let held = roles
                .iter()
                .filter(|(p, _)| Some(*p) == r.person)
                .map(|(_, role)| *role)
                .min_by_key(|role| *role != Role::Chair);
            s.push_str(&match held {
                Some(Role::Chair) => " (Chair)".to_string(),
                Some(Role::Member) | None => " (in the chair)".to_string(),
                Some(role) => format!(" ({}) in the chair", title_case(role.label())),
            });
        }
        let mut notes = Vec::new();
        match (r.arrived_at, r.left_at) {
            (Some(a), Some(l)) => notes.push(format!(
                "arrived for item {}, left before item {}",
                number_at(a),
                number_at(l)
            )),
            (Some(a), None) => notes.push(format!("arrived for item {}", number_at(a))),
            // Came, then left before the first item: published minutes say so.
            (None, Some(0)) => notes.push("left prior to the meeting commencing".into()),
            (None, Some(l)) => notes.push(format!("left before item {}", number_at(l))),
            (None, None) => {}
        }
        notes.extend(attendance::items_phrase(r.for_items, &numbers));
        if r.mode == AttendanceMode::Remote {
            notes.push("remote".into());
        }
        if !notes.is_empty() {
            s.push_str(&format!(" ({})", notes.join(", ")));
        }
        s
    };
    let names = |capacity: Capacity, presence: Presence| {
        let mut lines: Vec<&meetings_db::AttendanceRow> = register
            .iter()
            .filter(|r| r.capacity == capacity && r.presence == presence)
            .collect();
        // The chair first, as minutes list them.
        lines.sort_by_key(|r| !(r.person.is_some() && r.person == chair));
        lines.into_iter().map(note).collect::<Vec<_>>()
    };
    let minutes_taken_by = register
        .iter()
        .filter(|r| r.takes_minutes && r.presence == Presence::Present)
        .map(|r| MinuteTaker {
            name: if r.anonymous {
                attendance::role(r)
            } else {
                r.name.clone()
            },
            member: r.capacity == Capacity::Member
                || r.person_kind == Some(crate::vocabulary::PersonKind::Member),
        })
        .collect();
    let members_by_count = crate::storage::roster::public_attendance(conn, m.group)?
        == crate::vocabulary::PublicAttendance::Counts;
    let draft_marking = match approved {
        Some(_) => None,
        None => {
            let rules = crate::storage::roster::record_rules(conn, m.group)?;
            Some(DraftMarking {
                marking: rules.draft_marking,
                handling: rules.draft_handling,
            })
        }
    };
    Ok(MinutesRecord {
        meeting,
        group_name: m.group_name,
        when: crate::dates::long_date_time(m.starts_at),
        date: m.starts_at.format("%Y-%m-%d").to_string(),
        venue: m.venue,
        kind_label: m.kind.label().to_string(),
        issue: if approved.is_some() {
            1 + amendments.len() as u32
        } else {
            0
        },
        approved,
        present: names(Capacity::Member, Presence::Present),
        apologies: names(Capacity::Member, Presence::Apologies),
        absent: names(Capacity::Member, Presence::Absent),
        in_attendance: names(Capacity::InAttendance, Presence::Present),
        secretariat: names(Capacity::Secretariat, Presence::Present),
        minutes_taken_by,
        members_by_count,
        member_names: register
            .iter()
            .filter(|r| r.person_kind == Some(crate::vocabulary::PersonKind::Member))
            .map(|r| r.name.clone())
            .collect(),
        draft_marking,
        items: record_items,
        action_updates,
        amendments,
    })
}

/// The approved original of a meeting's minutes, exactly as approved.
pub fn approved_original(vault: &Vault, meeting: MeetingId) -> Result<Option<MinutesRecord>> {
    db::original(vault.conn(), meeting)?
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| Error::Internal(format!("unreadable approved original: {e}")))
        })
        .transpose()
}

/// "Vice chair" as minutes write a title: "Vice Chair".
fn title_case(label: &str) -> String {
    label
        .split(' ')
        .map(crate::data_protection::capitalise)
        .collect::<Vec<_>>()
        .join(" ")
}
