//! The action log: every action raised at any meeting, with its owner, due
//! date, status and history. Open actions carry forward: they are listed
//! under the action-log item of the group's next agenda until done, and a
//! status reported at a meeting is minuted there.
//!
//! Exports take [`PublicActionLog`] only: a confidential action shows its
//! group, dates and status, never its words or its owner.

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::{long_date, parse_date};
use crate::documents::{Block, Document, Marking, Table};
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId};
use crate::storage::{meetings as meetings_db, minutes as db, Vault};
use crate::vocabulary::{ActionStatus, EntryKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActionQuery {
    pub group_id: Option<i64>,
    /// open, done, dropped; empty for any.
    pub status: String,
    pub overdue_only: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryLine {
    pub on: String,
    pub on_iso: String,
    pub status_label: &'static str,
    pub note: String,
}

/// One action, in full (the owner's view inside the app).
#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    pub id: i64,
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub raised_on: String,
    pub raised_iso: String,
    pub level: Confidentiality,
    pub text: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub due_iso: Option<String>,
    pub status: ActionStatus,
    pub status_label: &'static str,
    /// Open and past its due date.
    pub overdue: bool,
    pub history: Vec<HistoryLine>,
}

/// The log, filtered; oldest first.
pub fn log(vault: &Vault, q: &ActionQuery, today: NaiveDate) -> Result<Vec<ActionLine>> {
    let status = match q.status.trim() {
        "" => None,
        code => Some(ActionStatus::from_code(code).ok_or_else(|| {
            Error::rejected(vec![Problem::new(
                "status",
                "choose open, done or dropped.",
            )])
        })?),
    };
    let history = db::action_history(vault.conn(), None)?;
    let rows = db::entries_of_kind(vault.conn(), EntryKind::Action, q.group_id.map(GroupId))?;
    Ok(rows
        .into_iter()
        .filter_map(|(e, p)| {
            let level = effective_level(p.item_level, e.level);
            if level == Confidentiality::NotRecorded {
                return None;
            }
            let s = e.action_status.unwrap_or(ActionStatus::Open);
            let overdue = s == ActionStatus::Open && e.due_on.is_some_and(|d| d < today);
            if status.is_some_and(|want| want != s) || (q.overdue_only && !overdue) {
                return None;
            }
            let raised = p.meeting_at.date();
            Some(ActionLine {
                id: e.id,
                meeting_id: e.meeting,
                group_id: p.group,
                group_name: p.group_name,
                raised_on: long_date(raised),
                raised_iso: raised.format("%Y-%m-%d").to_string(),
                level,
                owner: e.owner(),
                text: e.text,
                due_on: e.due_on.map(long_date),
                due_iso: e.due_on.map(|d| d.format("%Y-%m-%d").to_string()),
                status: s,
                status_label: s.label(),
                overdue,
                history: history
                    .iter()
                    .filter(|h| h.0 == e.id)
                    .map(|(_, on, st, note, _)| HistoryLine {
                        on: long_date(*on),
                        on_iso: on.format("%Y-%m-%d").to_string(),
                        status_label: st.label(),
                        note: note.clone(),
                    })
                    .collect(),
            })
        })
        .collect())
}

/// Open actions from the group's earlier meetings: what the next agenda's
/// action-log item lists.
pub fn carried_forward(
    vault: &Vault,
    meeting: MeetingId,
    today: NaiveDate,
) -> Result<Vec<ActionLine>> {
    let m = meetings_db::get(vault.conn(), meeting)?;
    let q = ActionQuery {
        group_id: Some(m.group.0),
        status: "open".into(),
        overdue_only: false,
    };
    Ok(log(vault, &q, today)?
        .into_iter()
        .filter(|a| {
            a.meeting_id != meeting && a.raised_iso < m.starts_at.format("%Y-%m-%d").to_string()
        })
        .collect())
}

/// A change of status as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
    pub note: String,
    /// The meeting where it was reported (its minutes record the change).
    pub at_meeting_id: Option<i64>,
    pub changed_on: String,
}

pub fn set_status(
    vault: &mut Vault,
    action: i64,
    form: &StatusForm,
    today: NaiveDate,
) -> Result<()> {
    let row = db::entry(vault.conn(), action)?;
    if row.kind != EntryKind::Action {
        return Err(Error::invalid("action", "that entry is not an action."));
    }
    let raised = meetings_db::get(vault.conn(), row.meeting)?
        .starts_at
        .date();
    let mut problems = Vec::new();
    let status = ActionStatus::from_code(form.status.trim());
    if status.is_none() {
        problems.push(Problem::new("status", "choose open, done or dropped."));
    }
    if status == Some(ActionStatus::Dropped) && form.note.trim().is_empty() {
        problems.push(Problem::new("note", "say why the action was dropped."));
    }
    let at = form.at_meeting_id.map(MeetingId);
    if let Some(at) = at {
        let m = meetings_db::get(vault.conn(), at)?;
        if m.starts_at.date() < raised {
            problems.push(Problem::new(
                "at_meeting_id",
                "an action is reported on at or after the meeting that raised it.",
            ));
        }
        if crate::storage::minutes::approval(vault.conn(), at)?.is_some() {
            problems.push(Problem::new(
                "at_meeting_id",
                "that meeting's minutes are approved and locked.",
            ));
        }
    }
    let on = match parse_date(&form.changed_on) {
        Ok(Some(d)) if d > today => {
            problems.push(Problem::new(
                "changed_on",
                "the date cannot be in the future.",
            ));
            today
        }
        Ok(Some(d)) if d < raised => {
            problems.push(Problem::new(
                "changed_on",
                format!("the action was raised on {}.", long_date(raised)),
            ));
            today
        }
        Ok(Some(d)) => d,
        Ok(None) => today,
        Err(m) => {
            problems.push(Problem::new("changed_on", m));
            today
        }
    };
    let Some(status) = status.filter(|_| problems.is_empty()) else {
        return Err(Error::rejected(problems));
    };
    let tx = vault.conn_mut().transaction()?;
    db::set_action_status(&tx, action, status, on, form.note.trim(), at)?;
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicActionLine {
    pub raised_on: String,
    pub raised_iso: String,
    pub group_name: String,
    pub action: String,
    pub owner: String,
    pub due_on: String,
    pub due_iso: String,
    pub status: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicActionLog {
    pub title: String,
    pub lines: Vec<PublicActionLine>,
}

pub const CONFIDENTIAL_ACTION: &str =
    "Confidential action: recorded in the members' confidential annex.";

/// The only way to a `PublicActionLog`: confidential words dropped here.
pub fn public_log(scope: &str, lines: &[ActionLine]) -> PublicActionLog {
    PublicActionLog {
        title: format!("Action log: {scope}"),
        lines: lines
            .iter()
            .map(|a| {
                let open = a.level == Confidentiality::Open;
                PublicActionLine {
                    raised_on: a.raised_on.clone(),
                    raised_iso: a.raised_iso.clone(),
                    group_name: a.group_name.clone(),
                    action: if open {
                        a.text.clone()
                    } else {
                        CONFIDENTIAL_ACTION.into()
                    },
                    owner: if open { a.owner.clone() } else { String::new() },
                    due_on: a.due_on.clone().unwrap_or_default(),
                    due_iso: a.due_iso.clone().unwrap_or_default(),
                    status: a.status_label.to_string(),
                    overdue: a.overdue,
                }
            })
            .collect(),
    }
}

/// Public action lines as a table; the feedback report uses it too.
pub fn table(lines: &[PublicActionLine]) -> Block {
    Block::Table(Table {
        header: vec![
            "Raised".into(),
            "Group".into(),
            "Action".into(),
            "Owner".into(),
            "Due".into(),
            "Status".into(),
        ],
        rows: lines
            .iter()
            .map(|a| {
                vec![
                    a.raised_on.clone(),
                    a.group_name.clone(),
                    a.action.clone(),
                    a.owner.clone(),
                    a.due_on.clone(),
                    if a.overdue {
                        format!("{}\nOVERDUE", a.status)
                    } else {
                        a.status.clone()
                    },
                ]
            })
            .collect(),
        column_widths: vec![1.5, 1.6, 3.4, 1.6, 1.5, 1.4],
    })
}

pub fn log_document(l: &PublicActionLog) -> Document {
    let mut doc = Document::new(l.title.clone(), "IAG Desk");
    doc.marking = Marking::Official;
    doc.header_text = l.title.clone();
    doc.blocks.push(Block::heading(1, l.title.clone()));
    if l.lines.is_empty() {
        doc.blocks.push(Block::paragraph("No actions recorded."));
    } else {
        doc.blocks.push(table(&l.lines));
    }
    doc
}

pub fn log_csv(l: &PublicActionLog) -> Result<Vec<u8>> {
    crate::roster::csv::table_bytes(
        &[
            "raised_on",
            "group",
            "action",
            "owner",
            "due_on",
            "status",
            "overdue",
        ],
        &l.lines
            .iter()
            .map(|a| {
                vec![
                    a.raised_iso.clone(),
                    a.group_name.clone(),
                    a.action.clone(),
                    a.owner.clone(),
                    a.due_iso.clone(),
                    a.status.clone(),
                    if a.overdue { "yes" } else { "no" }.to_string(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}
