//! Escalation between tiers: a concern or action raised in a subgroup or a
//! local group goes up to its parent group. It appears on the parent's next
//! agenda under subgroup reports, saying where it came from; the parent's
//! response flows back and is shown to the group that raised it.
//!
//! A confidential escalation shows on public agendas only as "a
//! confidential concern from …", never its words.

use crate::dates::{long_date, parse_date};
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::{escalations as db, Vault};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Escalation {
    pub id: i64,
    pub from_group: GroupId,
    pub from_name: String,
    pub to_group: GroupId,
    pub to_name: String,
    pub text: String,
    pub confidential: bool,
    pub raised_on: String,
    pub response: String,
    pub responded_on: Option<String>,
}

fn view(r: db::EscalationRow) -> Escalation {
    Escalation {
        id: r.id,
        from_group: r.from_group,
        from_name: r.from_name,
        to_group: r.to_group,
        to_name: r.to_name,
        text: r.text,
        confidential: r.confidential,
        raised_on: long_date(r.raised_on),
        response: r.response,
        responded_on: r.responded_on.map(long_date),
    }
}

/// What a group has sent up, and what its child groups have sent it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupEscalations {
    /// None when the group has no parent to escalate to.
    pub parent: Option<String>,
    pub raised: Vec<Escalation>,
    pub received: Vec<Escalation>,
}

pub fn for_group(vault: &Vault, group: GroupId) -> Result<GroupEscalations> {
    let parent = db::parent(vault.conn(), group)?;
    let parent_name = match parent {
        Some(p) => crate::storage::roster::group_tiers(vault.conn())?
            .into_iter()
            .find(|(id, _, _)| *id == p)
            .map(|(_, n, _)| n),
        None => None,
    };
    let (raised, received) = db::list(vault.conn(), Some(group))?
        .into_iter()
        .map(view)
        .partition(|e| e.from_group == group);
    Ok(GroupEscalations {
        parent: parent_name,
        raised,
        received,
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RaiseForm {
    pub text: String,
    pub confidential: bool,
}

/// Sends a concern up to the group's parent.
pub fn raise(vault: &mut Vault, group: GroupId, form: &RaiseForm, today: NaiveDate) -> Result<i64> {
    let text = form.text.trim();
    if text.is_empty() {
        return Err(Error::rejected(vec![Problem::new(
            "text",
            "say what the concern or action is.",
        )]));
    }
    let Some(parent) = db::parent(vault.conn(), group)? else {
        return Err(Error::rejected(vec![Problem::new(
            "text",
            "this group reports to no other group, so there is nowhere to escalate to.",
        )]));
    };
    db::insert(
        vault.conn(),
        group,
        parent,
        text,
        form.confidential,
        today,
        None,
    )
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResponseForm {
    pub response: String,
    pub responded_on: String,
}

/// The parent group's response, which the raising group then sees.
pub fn respond(vault: &mut Vault, id: i64, form: &ResponseForm, today: NaiveDate) -> Result<()> {
    let raised = db::list(vault.conn(), None)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::NotFound {
            what: "That escalation".into(),
        })?;
    let mut problems = Vec::new();
    let response = form.response.trim();
    if response.is_empty() {
        problems.push(Problem::new("response", "write the group's response."));
    }
    let on = match parse_date(&form.responded_on) {
        Ok(Some(d)) if d < raised.raised_on => {
            problems.push(Problem::new(
                "responded_on",
                format!(
                    "the response cannot come before the concern was raised ({}).",
                    long_date(raised.raised_on)
                ),
            ));
            today
        }
        Ok(Some(d)) if d > today => {
            problems.push(Problem::new(
                "responded_on",
                "the date cannot be in the future.",
            ));
            today
        }
        Ok(Some(d)) => d,
        Ok(None) => today,
        Err(m) => {
            problems.push(Problem::new("responded_on", m));
            today
        }
    };
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    db::respond(vault.conn(), id, response, on)
}

/// Escalations awaiting a response from `group` raised before `before`:
/// what its agenda lists under subgroup reports.
pub fn awaiting(vault: &Vault, group: GroupId, before: NaiveDate) -> Result<Vec<Escalation>> {
    Ok(db::list(vault.conn(), Some(group))?
        .into_iter()
        .filter(|e| e.to_group == group && e.responded_on.is_none() && e.raised_on <= before)
        .map(view)
        .collect())
}
