//! The advice register: every piece of advice the groups gave the police,
//! across all meetings, with what the police did with it. The seeds insist
//! the police say what they did, *including where advice was not followed
//! and why*; so "not followed" cannot be saved without its reason, and a
//! response is dated no earlier than the advice.
//!
//! Exports (PDF, CSV) are built from [`PublicAdviceRegister`] only: advice
//! given under a confidential item or marked confidential appears as a
//! notice with its group, date and response, never its words.

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::{long_date, parse_date};
use crate::documents::{Block, Document, Marking, Table};
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId};
use crate::storage::{minutes as db, Vault};
use crate::vocabulary::{AdviceResponse, ExemptionReason};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The register's filters as typed in the window or given on the CLI.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AdviceQuery {
    pub group_id: Option<i64>,
    /// From and to (inclusive), 01/07/2026 or 2026-07-01.
    pub from: String,
    pub to: String,
    /// A response code; empty for any.
    pub response: String,
}

/// One piece of advice, in full (the owner's view inside the app).
#[derive(Debug, Clone, Serialize)]
pub struct AdviceLine {
    pub id: i64,
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    /// "14 October 2026"
    pub given_on: String,
    pub given_iso: String,
    pub level: Confidentiality,
    pub text: String,
    pub police_recipient: String,
    pub response: AdviceResponse,
    pub response_label: &'static str,
    pub response_reason: String,
    pub response_on: Option<String>,
    pub response_iso: Option<String>,
    /// For advice under a confidential item: what the public may read.
    pub item_public_title: String,
    pub item_reason: Option<String>,
}

fn date_filter(text: &str, field: &str, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    match parse_date(text) {
        Ok(d) => d,
        Err(m) => {
            problems.push(Problem::new(field, m));
            None
        }
    }
}

/// The register, filtered by group, period and response; oldest first.
pub fn register(vault: &Vault, q: &AdviceQuery) -> Result<Vec<AdviceLine>> {
    let mut problems = Vec::new();
    let from = date_filter(&q.from, "from", &mut problems);
    let to = date_filter(&q.to, "to", &mut problems);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            problems.push(Problem::new("to", "the period ends before it starts."));
        }
    }
    let response = match q.response.trim() {
        "" => None,
        code => {
            let r = AdviceResponse::from_code(code);
            if r.is_none() {
                problems.push(Problem::new(
                    "response",
                    "choose awaiting, accepted, partly accepted or not followed.",
                ));
            }
            r
        }
    };
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let rows = db::entries_of_kind(
        vault.conn(),
        crate::vocabulary::EntryKind::Advice,
        q.group_id.map(GroupId),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(e, p)| {
            let level = effective_level(p.item_level, e.level);
            // Not-recorded advice has no words to list.
            if level == Confidentiality::NotRecorded {
                return None;
            }
            let given = p.meeting_at.date();
            if from.is_some_and(|f| given < f) || to.is_some_and(|t| given > t) {
                return None;
            }
            let r = e.response.unwrap_or(AdviceResponse::Awaiting);
            if response.is_some_and(|want| want != r) {
                return None;
            }
            Some(AdviceLine {
                id: e.id,
                meeting_id: e.meeting,
                group_id: p.group,
                group_name: p.group_name,
                given_on: long_date(given),
                given_iso: given.format("%Y-%m-%d").to_string(),
                level,
                text: e.text,
                police_recipient: e.police_recipient,
                response: r,
                response_label: r.label(),
                response_reason: e.response_reason,
                response_on: e.response_on.map(long_date),
                response_iso: e.response_on.map(|d| d.format("%Y-%m-%d").to_string()),
                item_public_title: p.item_public_title,
                item_reason: p
                    .item_reason
                    .and_then(|c| ExemptionReason::from_code(&c))
                    .map(|r| match r {
                        ExemptionReason::Other => p.item_reason_other.clone(),
                        r => r.label().to_string(),
                    }),
            })
        })
        .collect())
}

/// The police response as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResponseForm {
    pub response: String,
    pub reason: String,
    pub responded_on: String,
}

/// Records what the police did with a piece of advice.
pub fn respond(vault: &mut Vault, entry: i64, form: &ResponseForm, today: NaiveDate) -> Result<()> {
    let row = db::entry(vault.conn(), entry)?;
    if row.kind != crate::vocabulary::EntryKind::Advice {
        return Err(Error::invalid(
            "entry",
            "only advice has a police response.",
        ));
    }
    let given = crate::storage::meetings::get(vault.conn(), row.meeting)?
        .starts_at
        .date();
    let mut problems = Vec::new();
    let response = AdviceResponse::from_code(form.response.trim());
    if response.is_none() {
        problems.push(Problem::new(
            "response",
            "choose awaiting, accepted, partly accepted or not followed.",
        ));
    }
    let reason = form.reason.trim();
    if response == Some(AdviceResponse::NotFollowed) && reason.is_empty() {
        problems.push(Problem::new(
            "reason",
            "when advice is not followed the police must say why: enter their reason.",
        ));
    }
    let on = if response == Some(AdviceResponse::Awaiting) {
        None
    } else {
        match parse_date(&form.responded_on) {
            Ok(Some(d)) if d < given => {
                problems.push(Problem::new(
                    "responded_on",
                    format!(
                        "the response cannot come before the advice was given ({}).",
                        long_date(given)
                    ),
                ));
                None
            }
            Ok(Some(d)) if d > today => {
                problems.push(Problem::new(
                    "responded_on",
                    "the response date cannot be in the future.",
                ));
                None
            }
            Ok(Some(d)) => Some(d),
            Ok(None) => Some(today.max(given)),
            Err(m) => {
                problems.push(Problem::new("responded_on", m));
                None
            }
        }
    };
    let Some(response) = response.filter(|_| problems.is_empty()) else {
        return Err(Error::rejected(problems));
    };
    let reason = if response == AdviceResponse::Awaiting {
        ""
    } else {
        reason
    };
    db::set_response(vault.conn(), entry, response, reason, on)
}

/// A line of the register as anyone may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicAdviceLine {
    pub given_on: String,
    pub given_iso: String,
    pub group_name: String,
    pub advice: String,
    pub police_recipient: String,
    pub response: String,
    pub response_reason: String,
    pub response_on: String,
}

/// The advice register as anyone may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicAdviceRegister {
    /// "Advice register: Marlow Fen Local IAG" or "…: all groups".
    pub title: String,
    pub lines: Vec<PublicAdviceLine>,
}

/// The only way to a `PublicAdviceRegister`: confidential words dropped here.
pub fn public_register(scope: &str, lines: &[AdviceLine]) -> PublicAdviceRegister {
    PublicAdviceRegister {
        title: format!("Advice register: {scope}"),
        lines: lines
            .iter()
            .map(|l| {
                let open = l.level == Confidentiality::Open;
                PublicAdviceLine {
                    given_on: l.given_on.clone(),
                    given_iso: l.given_iso.clone(),
                    group_name: l.group_name.clone(),
                    advice: if open {
                        l.text.clone()
                    } else {
                        "Confidential advice: recorded in the members' confidential annex."
                            .to_string()
                    },
                    police_recipient: if open {
                        l.police_recipient.clone()
                    } else {
                        String::new()
                    },
                    response: l.response_label.to_string(),
                    response_reason: if open {
                        l.response_reason.clone()
                    } else if l.response_reason.is_empty() {
                        String::new()
                    } else {
                        "Given to members in confidence.".to_string()
                    },
                    response_on: l.response_on.clone().unwrap_or_default(),
                }
            })
            .collect(),
    }
}

pub fn register_document(r: &PublicAdviceRegister) -> Document {
    let mut doc = Document::new(r.title.clone(), "IAG Desk");
    doc.marking = Marking::Official;
    doc.header_text = r.title.clone();
    doc.blocks.push(Block::heading(1, r.title.clone()));
    doc.blocks.push(Block::paragraph(
        "Advice the group gave the police and what the police did with it, including where \
         advice was not followed and why.",
    ));
    if r.lines.is_empty() {
        doc.blocks.push(Block::paragraph("No advice recorded."));
    } else {
        doc.blocks.push(Block::Table(Table {
            header: vec![
                "Given".into(),
                "Group".into(),
                "Advice".into(),
                "Response".into(),
            ],
            rows: r
                .lines
                .iter()
                .map(|l| {
                    let mut advice = l.advice.clone();
                    if !l.police_recipient.is_empty() {
                        advice.push_str(&format!("\nTo: {}", l.police_recipient));
                    }
                    let mut response = l.response.clone();
                    if !l.response_on.is_empty() {
                        response.push_str(&format!(", {}", l.response_on));
                    }
                    if !l.response_reason.is_empty() {
                        response.push('\n');
                        response.push_str(&l.response_reason);
                    }
                    vec![l.given_on.clone(), l.group_name.clone(), advice, response]
                })
                .collect(),
            column_widths: vec![1.6, 1.8, 4.0, 2.6],
        }));
    }
    doc
}

pub fn register_csv(r: &PublicAdviceRegister) -> Result<Vec<u8>> {
    crate::roster::csv::table_bytes(
        &[
            "given_on",
            "group",
            "advice",
            "police_recipient",
            "response",
            "response_reason",
            "response_on",
        ],
        &r.lines
            .iter()
            .map(|l| {
                vec![
                    l.given_iso.clone(),
                    l.group_name.clone(),
                    l.advice.clone(),
                    l.police_recipient.clone(),
                    l.response.clone(),
                    l.response_reason.clone(),
                    l.response_on.clone(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}
