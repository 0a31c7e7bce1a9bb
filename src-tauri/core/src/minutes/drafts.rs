//! An entry as the secretary types it, and the rules it must pass before it
//! is stored: its level never below its item's, and nothing kept of a
//! not-recorded entry.

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::{long_date, parse_date};
use crate::error::Problem;
use crate::ids::PersonId;
use crate::vocabulary::{Choice, EntryKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::storage::minutes::{ValidBallot, ValidEntry};

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
