//! Subject access: a copy of everything held about one person, their own
//! representation answers included. Confidential records that mention them
//! are listed, with their text withheld for the data-protection officer.

use super::names::{capitalise, replace_name};
use crate::dates::{long_date, long_date_time, parse_date};
use crate::documents::{Block, Document, Marking, Table};
use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::roster::members;
use crate::roster::representation::CHARACTERISTICS;
use crate::storage::data_protection as db;
use crate::storage::Vault;
use crate::vocabulary::PersonKind;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct SubjectAccess {
    pub produced_at: String,
    pub person: PersonHeld,
    pub roles: Vec<[String; 4]>,
    pub status_history: Vec<[String; 3]>,
    pub vetting: Option<[String; 3]>,
    pub agreements: Vec<[String; 2]>,
    /// Their own answers, if they gave any: (characteristic, answer).
    pub representation: Option<Representation>,
    /// (meeting, capacity, presence).
    pub meetings: Vec<[String; 3]>,
    /// Records that name or are linked to them, with their text when open.
    pub records: Vec<RecordHeld>,
    /// Confidential records that name them: listed, text withheld.
    pub withheld: Vec<RecordHeld>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonHeld {
    pub full_name: String,
    pub kind: &'static str,
    pub police_rank: String,
    pub email: String,
    pub phone: String,
    pub status: &'static str,
    pub joined_on: Option<String>,
    pub connection: String,
    pub connection_place: String,
    pub skills: String,
    pub communities: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Representation {
    pub consent_on: String,
    pub answers: Vec<[String; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordHeld {
    /// "Minutes", "Named vote", "Audit trail"…
    pub what: String,
    /// "Marlow Fen Local IAG, 10 November 2026" or "".
    pub r#where: String,
    /// How the record concerns them: "action owner", "named".
    pub how: String,
    /// The text (empty when withheld).
    pub text: String,
}

fn meeting_label(conn_meetings: &HashMap<i64, db::MeetingRef>, id: Option<i64>) -> String {
    id.and_then(|id| conn_meetings.get(&id))
        .map(|m| {
            let day = NaiveDateTime::parse_from_str(&m.starts_at, "%Y-%m-%dT%H:%M")
                .map(|t| long_date(t.date()))
                .unwrap_or_else(|_| m.starts_at.clone());
            format!("{}, {day}", m.group_name)
        })
        .unwrap_or_default()
}

/// Looks meetings up once each.
struct MeetingCache<'a> {
    vault: &'a Vault,
    seen: HashMap<i64, db::MeetingRef>,
}

impl MeetingCache<'_> {
    fn get(&mut self, id: Option<i64>) -> Result<Option<&db::MeetingRef>> {
        let Some(id) = id else { return Ok(None) };
        if !self.seen.contains_key(&id) {
            match db::meeting_ref(self.vault.conn(), id) {
                Ok(m) => {
                    self.seen.insert(id, m);
                }
                Err(Error::Storage(rusqlite::Error::QueryReturnedNoRows)) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        Ok(self.seen.get(&id))
    }

    fn label(&mut self, id: Option<i64>) -> Result<String> {
        self.get(id)?;
        Ok(meeting_label(&self.seen, id))
    }
}

pub(super) fn not_found(id: PersonId) -> Error {
    Error::NotFound {
        what: format!("person {}", id.0),
    }
}

/// Everything held about one person.
pub fn subject_access(vault: &Vault, id: PersonId, now: NaiveDateTime) -> Result<SubjectAccess> {
    let today = now.date();
    let (name, _) = db::person(vault.conn(), id)?.ok_or_else(|| not_found(id))?;
    let detail = members::person(vault, id, today)?;
    let form = &detail.form;
    let mut meetings = MeetingCache {
        vault,
        seen: HashMap::new(),
    };

    let representation =
        db::representation(vault.conn(), id)?.map(|(consent_on, answers)| Representation {
            consent_on: parse_date(&consent_on)
                .ok()
                .flatten()
                .map(long_date)
                .unwrap_or(consent_on),
            answers: CHARACTERISTICS
                .iter()
                .filter_map(|c| {
                    let code = answers.get(c.code)?;
                    let label = c
                        .answers
                        .iter()
                        .chain([crate::roster::representation::PREFER_NOT_TO_SAY].iter())
                        .find(|(k, _)| k == code)
                        .map_or(code.as_str(), |(_, l)| l);
                    Some([c.label.to_string(), label.to_string()])
                })
                .collect(),
        });

    let mut register = Vec::new();
    for (meeting, capacity, presence) in db::attendance(vault.conn(), id)? {
        register.push([
            meetings.label(Some(meeting))?,
            match capacity.as_str() {
                "member" => "Member".to_string(),
                _ => "In attendance".to_string(),
            },
            capitalise(&presence),
        ]);
    }

    let mut records = Vec::new();
    let mut withheld = Vec::new();
    let mut keep = |open: bool, record: RecordHeld| {
        if open {
            records.push(record);
        } else {
            withheld.push(RecordHeld {
                text: String::new(),
                ..record
            });
        }
    };

    for (_, meeting, title, public_title, level) in db::presented(vault.conn(), id)? {
        let open = level == "open";
        keep(
            open,
            RecordHeld {
                what: "Agenda item".into(),
                r#where: meetings.label(Some(meeting))?,
                how: "presenter".into(),
                text: if open { title } else { public_title },
            },
        );
    }
    for e in db::entries(vault.conn())? {
        let linked = if e.owner_id == Some(id.0) {
            Some("action owner")
        } else if e.person_id == Some(id.0) {
            Some("the person the entry concerns")
        } else if e.removes_person_id == Some(id.0) {
            Some("the subject of a removal vote")
        } else {
            None
        };
        let named = e.texts.iter().any(|t| replace_name(t, &name, "").is_some());
        let Some(how) = linked.or(named.then_some("named")) else {
            continue;
        };
        let open = e.confidentiality == "open";
        let item = if open || e.item_public_title.is_empty() {
            if open {
                e.item_title.clone()
            } else {
                "an item taken in confidence".into()
            }
        } else {
            e.item_public_title.clone()
        };
        let text = e
            .texts
            .iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" — ");
        keep(
            open,
            RecordHeld {
                what: format!("Minutes ({})", e.kind),
                r#where: format!("{}: {item}", meetings.label(Some(e.meeting_id))?),
                how: how.into(),
                text,
            },
        );
    }
    for (_, meeting, _, choice, by_proxy, level) in db::ballots(vault.conn(), id)? {
        keep(
            level == "open",
            RecordHeld {
                what: "Named vote".into(),
                r#where: meetings.label(Some(meeting))?,
                how: if by_proxy { "voted by proxy" } else { "voted" }.into(),
                text: capitalise(&choice),
            },
        );
    }
    for column in db::TEXT_COLUMNS {
        if column.table == "vote_ballots" {
            continue; // their own ballots are listed above
        }
        for (key, text, meeting, _, open) in db::column_values(vault.conn(), column)? {
            if column.table == "people" && key == id.0 {
                continue; // their own notes are in their details
            }
            if replace_name(&text, &name, "").is_none() {
                continue;
            }
            keep(
                open,
                RecordHeld {
                    what: column.what.into(),
                    r#where: meetings.label(meeting)?,
                    how: "named".into(),
                    text,
                },
            );
        }
    }

    Ok(SubjectAccess {
        produced_at: long_date_time(now),
        person: PersonHeld {
            full_name: form.full_name.clone(),
            kind: PersonKind::from_code(&form.kind).map_or("Member", |k| k.label()),
            police_rank: form.police_rank.clone(),
            email: form.email.clone(),
            phone: form.phone.clone(),
            status: detail.status_label,
            joined_on: detail.joined_on.clone(),
            connection: form.connection.clone(),
            connection_place: form.connection_place.clone(),
            skills: form.skills.clone(),
            communities: form.communities.clone(),
            notes: form.notes.clone(),
        },
        roles: detail
            .memberships
            .iter()
            .map(|m| {
                [
                    m.group_name.clone(),
                    m.role_label.to_string(),
                    m.started_on.clone(),
                    m.ended_on.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        status_history: detail
            .status_history
            .iter()
            .map(|s| {
                [
                    s.status_label.to_string(),
                    s.changed_on.clone(),
                    [s.reason.clone(), s.meeting.clone().unwrap_or_default()]
                        .into_iter()
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            })
            .collect(),
        vetting: detail.vetting.as_ref().map(|v| {
            [
                v.level_label.to_string(),
                v.granted_on.clone(),
                v.expires_on.clone(),
            ]
        }),
        agreements: detail
            .agreements
            .iter()
            .filter_map(|a| Some([a.label.to_string(), a.signed_on.clone()?]))
            .collect(),
        representation,
        meetings: register,
        records,
        withheld,
    })
}

/// The copy as JSON, for the person or another system to read.
pub fn subject_access_json(s: &SubjectAccess) -> Result<String> {
    serde_json::to_string_pretty(s)
        .map_err(|e| Error::Internal(format!("subject access copy as JSON: {e}")))
}

/// The copy as a document. OFFICIAL-SENSITIVE: it holds contact details
/// and, where given, special category data.
pub fn subject_access_document(s: &SubjectAccess) -> Document {
    let p = &s.person;
    let mut doc = Document::new(
        format!("Personal data held about {}", p.full_name),
        "IAG Desk",
    );
    doc.marking = Marking::OfficialSensitive;
    doc.header_text = format!("Subject access: {}", p.full_name);
    let b = &mut doc.blocks;
    b.push(Block::heading(
        1,
        format!("Personal data held about {}", p.full_name),
    ));
    b.push(Block::paragraph(format!(
        "Everything IAG Desk holds about {}, produced on {}. Records taken in confidence \
         that mention them are listed at the end without their text, for the \
         data-protection officer to review.",
        p.full_name, s.produced_at
    )));
    let table = |header: &[&str], rows: Vec<Vec<String>>| {
        Block::Table(Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
            column_widths: Vec::new(),
        })
    };
    let none = || Block::paragraph("None held.");
    b.push(Block::heading(2, "Details"));
    let details: Vec<Vec<String>> = [
        ("Name", p.full_name.clone()),
        ("Kind", p.kind.to_string()),
        ("Police rank", p.police_rank.clone()),
        ("Email", p.email.clone()),
        ("Phone", p.phone.clone()),
        ("Status", p.status.to_string()),
        ("Joined", p.joined_on.clone().unwrap_or_default()),
        (
            "Connection to the area",
            format!("{} {}", p.connection, p.connection_place)
                .trim()
                .to_string(),
        ),
        ("Skills", p.skills.clone()),
        ("Communities", p.communities.clone()),
        ("Notes", p.notes.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| vec![k.to_string(), v])
    .collect();
    b.push(table(&["Field", "Held"], details));

    b.push(Block::heading(2, "Roles"));
    b.push(if s.roles.is_empty() {
        none()
    } else {
        table(
            &["Group", "Role", "From", "To"],
            s.roles.iter().map(|r| r.to_vec()).collect(),
        )
    });
    b.push(Block::heading(2, "Status history"));
    b.push(if s.status_history.is_empty() {
        none()
    } else {
        table(
            &["Status", "From", "Reason"],
            s.status_history.iter().map(|r| r.to_vec()).collect(),
        )
    });
    b.push(Block::heading(2, "Vetting and agreements"));
    let mut checks: Vec<Vec<String>> = s
        .vetting
        .iter()
        .map(|v| {
            vec![
                format!("Vetting: {}", v[0]),
                format!("{} to {}", v[1], v[2]),
            ]
        })
        .collect();
    checks.extend(
        s.agreements
            .iter()
            .map(|a| vec![a[0].clone(), format!("Signed {}", a[1])]),
    );
    b.push(if checks.is_empty() {
        none()
    } else {
        table(&["Check", "Held"], checks)
    });
    b.push(Block::heading(2, "Representation (your own answers)"));
    b.push(match &s.representation {
        None => none(),
        Some(r) => table(
            &[
                "Characteristic",
                &format!("Answer (consent given {})", r.consent_on),
            ],
            r.answers.iter().map(|a| a.to_vec()).collect(),
        ),
    });
    b.push(Block::heading(2, "Meetings"));
    b.push(if s.meetings.is_empty() {
        none()
    } else {
        Block::Table(Table {
            header: ["Meeting", "Capacity", "Attendance"]
                .map(String::from)
                .to_vec(),
            rows: s.meetings.iter().map(|r| r.to_vec()).collect(),
            column_widths: vec![3.0, 1.0, 1.0],
        })
    });
    b.push(Block::heading(2, "Records that name you"));
    let rows = |list: &[RecordHeld], with_text: bool| -> Vec<Vec<String>> {
        list.iter()
            .map(|r| {
                let mut row = vec![r.what.clone(), r.r#where.clone(), r.how.clone()];
                if with_text {
                    row.push(r.text.clone());
                }
                row
            })
            .collect()
    };
    b.push(if s.records.is_empty() {
        none()
    } else {
        Block::Table(Table {
            header: ["Record", "Where", "How", "Text"]
                .map(String::from)
                .to_vec(),
            rows: rows(&s.records, true),
            column_widths: vec![1.4, 2.2, 1.2, 4.0],
        })
    });
    b.push(Block::heading(2, "Confidential records, text withheld"));
    b.push(if s.withheld.is_empty() {
        none()
    } else {
        table(&["Record", "Where", "How"], rows(&s.withheld, false))
    });
    doc
}

/// The audit line for a copy (no confidential text: the person's name and
/// what was produced), recorded once the copy is written.
pub fn subject_access_audit_detail(s: &SubjectAccess, format: &str) -> String {
    format!(
        "Copy of the personal data held about {} ({format}; {} records, {} withheld).",
        s.person.full_name,
        s.records.len(),
        s.withheld.len()
    )
}
