//! Data-protection duties under UK GDPR: a copy of everything held about
//! one person (subject access), erasing a person, and a prompt to review
//! people who left long ago.
//!
//! Rules:
//! - Subject access copies everything held about the person, their own
//!   representation answers included (it is their data). Confidential
//!   records that mention them are listed — which meeting, which item's
//!   public title — but their text is withheld for the data-protection
//!   officer to review against the exemptions; the confidentiality promise
//!   holds even here.
//! - Erasure deletes the person's contact details, roles, vetting,
//!   agreements and representation answers, and replaces their name in
//!   every record that outlives them (minutes, registers, votes, the audit
//!   trail) with the role they held at the time: "the chair", "a member".
//!   Counts and decisions stand; the person cannot be picked out.

use crate::dates::{long_date, long_date_time, parse_date};
use crate::documents::{Block, Document, Marking, Table};
use crate::error::{Error, Problem, Result};
use crate::ids::PersonId;
use crate::roster::members;
use crate::roster::representation::CHARACTERISTICS;
use crate::storage::data_protection as db;
use crate::storage::Vault;
use crate::vocabulary::{PersonKind, Role};
use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

const RETENTION_KEY: &str = "data_protection.retention_months";
/// Months after leaving before the dashboard asks whether to keep a
/// person's record, unless changed in Settings.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;
const MAX_RETENTION_MONTHS: u32 = 120;

// ----------------------------------------------------------------------
// Pure rules

/// `text` with every occurrence of `name` (any letter case, any script)
/// replaced by `label`, or `None` when the name is not there. A label that
/// opens a sentence gets a capital.
pub fn replace_name(text: &str, name: &str, label: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let wanted: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let mut found = false;
    let mut i = 0;
    while i < chars.len() {
        let whole_word = |len: usize| {
            let before = i.checked_sub(1).map(|j| chars[j].1);
            let after = chars.get(i + len).map(|c| c.1);
            !before.is_some_and(joins_word) && !after.is_some_and(joins_word)
        };
        if let Some(len) = match_at(&chars[i..], &wanted).filter(|len| whole_word(*len)) {
            let start = chars[i].0;
            let end = chars.get(i + len).map_or(text.len(), |c| c.0);
            out.push_str(&text[copied_to..start]);
            let before = text[..start].trim_end();
            if before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']) {
                out.push_str(&capitalise(label));
            } else {
                out.push_str(label);
            }
            copied_to = end;
            found = true;
            i += len;
        } else {
            i += 1;
        }
    }
    found.then(|| {
        out.push_str(&text[copied_to..]);
        out
    })
}

/// A letter that would make a match part of a longer word ("Ann Lee" in
/// "Ann Leeson"). Only Latin letters count: scripts such as Chinese write
/// names against the next word with no space between.
fn joins_word(c: char) -> bool {
    c.is_alphanumeric() && (c as u32) < 0x0250
}

/// How many characters of `chars` spell `wanted` (lower-cased), if any.
fn match_at(chars: &[(usize, char)], wanted: &[char]) -> Option<usize> {
    let mut w = 0;
    for (n, (_, c)) in chars.iter().enumerate() {
        for lower in c.to_lowercase() {
            if wanted.get(w) != Some(&lower) {
                return None;
            }
            w += 1;
        }
        if w == wanted.len() {
            return Some(n + 1);
        }
    }
    None
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A role as the minutes would put it in a sentence.
fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Chair => "the chair",
        Role::ViceChair => "the vice chair",
        Role::Secretary => "the secretary",
        Role::Member => "a member",
        Role::Nominee => "the nominee to the strategic group",
        Role::PoliceLead => "the police lead",
        Role::PoliceSpoc => "the police single point of contact",
    }
}

/// The roles one person held, to name them by role where their name was.
struct Roles {
    kind: PersonKind,
    held: Vec<(i64, Role, NaiveDate, Option<NaiveDate>)>,
}

impl Roles {
    /// The role held in `group` on `on`; else the last role held in that
    /// group; else the last role held anywhere; else what kind of person.
    fn label(&self, group: Option<i64>, on: Option<NaiveDate>) -> &'static str {
        let in_group = |g: &i64| group.is_none_or(|want| *g == want);
        let at_the_time = self.held.iter().rev().find(|(g, _, from, to)| {
            in_group(g) && on.is_some_and(|d| *from <= d && to.is_none_or(|t| d <= t))
        });
        let in_that_group = || self.held.iter().rev().find(|(g, ..)| in_group(g));
        let anywhere = || self.held.last();
        match at_the_time.or_else(in_that_group).or_else(anywhere) {
            Some((_, role, ..)) => role_phrase(*role),
            None => match self.kind {
                PersonKind::Member => "a member",
                PersonKind::Police => "a police contact",
            },
        }
    }
}

// ----------------------------------------------------------------------
// Subject access

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

fn not_found(id: PersonId) -> Error {
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

// ----------------------------------------------------------------------
// Erasure

#[derive(Debug, Clone, Serialize)]
pub struct Erased {
    /// How many texts had the name replaced by a role.
    pub replaced: usize,
    /// The role most often put in the name's place, e.g. "a member".
    pub shown_as: String,
}

/// Erases a person. `confirm_name` must be their name as the roster has
/// it, so a slip cannot erase the wrong person. One transaction: on any
/// failure nothing changes.
pub fn erase(
    vault: &mut Vault,
    id: PersonId,
    confirm_name: &str,
    now: NaiveDateTime,
) -> Result<Erased> {
    let (name, kind) = db::person(vault.conn(), id)?.ok_or_else(|| not_found(id))?;
    if confirm_name.trim() != name.trim() {
        return Err(Error::rejected(vec![Problem::new(
            "confirm_name",
            format!("type the name exactly as the roster has it ({name}) to erase this person."),
        )]));
    }
    let roles = Roles {
        kind: PersonKind::from_code(&kind).unwrap_or(PersonKind::Member),
        held: db::roles(vault.conn(), id)?
            .into_iter()
            .filter_map(|(g, role, from, to)| {
                Some((
                    g,
                    Role::from_code(&role)?,
                    parse_date(&from).ok()??,
                    to.and_then(|t| parse_date(&t).ok().flatten()),
                ))
            })
            .collect(),
    };
    let tx = vault.conn_mut().transaction()?;
    let mut meeting_at: HashMap<i64, (i64, Option<NaiveDate>)> = HashMap::new();
    let mut place =
        |meeting: Option<i64>, group: Option<i64>| -> Result<(Option<i64>, Option<NaiveDate>)> {
            let Some(m) = meeting else {
                return Ok((group, None));
            };
            if let Some(known) = meeting_at.get(&m) {
                return Ok((Some(known.0), known.1));
            }
            let r = db::meeting_ref(&tx, m)?;
            let day = NaiveDateTime::parse_from_str(&r.starts_at, "%Y-%m-%dT%H:%M")
                .ok()
                .map(|t| t.date());
            meeting_at.insert(m, (r.group_id, day));
            Ok((Some(r.group_id), day))
        };
    let mut replaced = 0;
    let mut shown: HashMap<&'static str, usize> = HashMap::new();
    let mut label_for = |group: Option<i64>, on: Option<NaiveDate>| {
        let label = roles.label(group, on);
        *shown.entry(label).or_default() += 1;
        label
    };

    // Links first, so the texts they leave are swept below like any other.
    let mut links = Vec::new();
    for (meeting, _, _) in db::attendance(&tx, id)? {
        links.push(meeting);
    }
    let mut link_labels = HashMap::new();
    for m in links
        .into_iter()
        .chain(db::ballots(&tx, id)?.into_iter().map(|b| b.1))
        .chain(db::presented(&tx, id)?.into_iter().map(|p| p.1))
    {
        let (g, d) = place(Some(m), None)?;
        link_labels.insert(m, label_for(g, d));
    }
    db::unlink(&tx, id, &|m| {
        capitalise(link_labels.get(&m).copied().unwrap_or("a member"))
    })?;
    replaced += link_labels.len();

    for mut e in db::entries(&tx)? {
        let linked = [e.owner_id, e.person_id, e.removes_person_id].contains(&Some(id.0));
        let (g, d) = place(Some(e.meeting_id), None)?;
        let label = roles.label(g, d);
        let mut changed = linked;
        for t in e.texts.iter_mut() {
            if let Some(new) = replace_name(t, &name, label) {
                *t = new;
                changed = true;
                replaced += 1;
            }
        }
        if e.owner_id == Some(id.0) && e.texts[1].is_empty() {
            e.texts[1] = capitalise(label);
        }
        if e.person_id == Some(id.0) && e.texts[2].is_empty() {
            e.texts[2] = capitalise(label);
        }
        if changed {
            label_for(g, d);
            db::update_entry(&tx, &e, id)?;
        }
    }
    for column in db::TEXT_COLUMNS {
        for (key, text, meeting, group, _) in db::column_values(&tx, column)? {
            let (g, d) = place(meeting, group)?;
            let label = if column.table == "audit_log" {
                "a person whose record was erased"
            } else {
                roles.label(g, d)
            };
            if let Some(new) = replace_name(&text, &name, label) {
                db::set_column(&tx, column, key, &new)?;
                replaced += 1;
            }
        }
    }
    for (meeting, json) in db::originals(&tx)? {
        let (g, d) = place(Some(meeting), None)?;
        let mut value: serde_json::Value = serde_json::from_str(&json)
            .map_err(|e| Error::Internal(format!("approved minutes of meeting {meeting}: {e}")))?;
        if replace_in_json(&mut value, &name, roles.label(g, d)) {
            db::set_original(&tx, meeting, &value.to_string())?;
            replaced += 1;
        }
    }
    db::delete_person(&tx, id)?;
    let shown_as = shown
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(|| roles.label(None, None), |(l, _)| l)
        .to_string();
    crate::audit::record(
        &tx,
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::Erasure,
        &format!(
            "A person's record erased (roster number {}): contact, roles, vetting, agreements \
             and representation deleted; their name replaced by their role in {replaced} places.",
            id.0
        ),
    )?;
    tx.commit()?;
    crate::storage::people::checkpoint_and_truncate_wal(vault.conn())?;
    Ok(Erased { replaced, shown_as })
}

/// Replaces the name in every string of a JSON value; true if any changed.
fn replace_in_json(value: &mut serde_json::Value, name: &str, label: &str) -> bool {
    match value {
        serde_json::Value::String(s) => match replace_name(s, name, label) {
            Some(new) => {
                *s = new;
                true
            }
            None => false,
        },
        serde_json::Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, v| replace_in_json(v, name, label) | any),
        serde_json::Value::Object(map) => map
            .values_mut()
            .fold(false, |any, v| replace_in_json(v, name, label) | any),
        _ => false,
    }
}

// ----------------------------------------------------------------------
// Retention

pub fn retention_months(vault: &Vault) -> Result<u32> {
    Ok(vault
        .setting(RETENTION_KEY)?
        .and_then(|v| v.parse().ok())
        .filter(|m| (1..=MAX_RETENTION_MONTHS).contains(m))
        .unwrap_or(DEFAULT_RETENTION_MONTHS))
}

pub fn set_retention_months(vault: &mut Vault, text: &str) -> Result<u32> {
    let months = text
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=MAX_RETENTION_MONTHS).contains(m));
    let Some(months) = months else {
        return Err(Error::rejected(vec![Problem::new(
            "retention_months",
            format!(
                "\u{201c}{}\u{201d} is not a number of months from 1 to {MAX_RETENTION_MONTHS}.",
                text.trim()
            ),
        )]));
    };
    crate::storage::set_setting_in(vault.conn(), RETENTION_KEY, &months.to_string())?;
    Ok(months)
}

/// Someone who left (or was removed) longer ago than the retention period.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionDue {
    pub person_id: PersonId,
    pub name: String,
    pub status: &'static str,
    /// "Left on 3 March 2024".
    pub since: String,
}

/// People to review for erasure: left or removed on or before
/// `today` less the retention period.
pub fn retention_due(vault: &Vault, today: NaiveDate) -> Result<Vec<RetentionDue>> {
    let months = retention_months(vault)?;
    let cutoff = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    Ok(db::departed(vault.conn())?
        .into_iter()
        .filter_map(|(id, name, status, on)| {
            let on = parse_date(&on).ok().flatten()?;
            (on <= cutoff).then(|| {
                let status = crate::vocabulary::MemberStatus::from_code(&status)
                    .map_or("Left", |s| s.label());
                RetentionDue {
                    person_id: id,
                    name,
                    status,
                    since: format!("{status} on {}", long_date(on)),
                }
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_replaced_in_any_case_and_any_script() {
        assert_eq!(
            replace_name(
                "Thanks to Zofia Wójcik and ZOFIA WÓJCIK.",
                "Zofia Wójcik",
                "a member"
            )
            .unwrap(),
            "Thanks to a member and a member."
        );
        assert_eq!(
            replace_name("ہرپریت: فاطمہ الحسینی نے کہا", "فاطمہ الحسینی", "the chair").unwrap(),
            "ہرپریت: The chair نے کہا"
        );
        assert_eq!(
            replace_name("Nobody here", "Zofia Wójcik", "a member"),
            None
        );
        assert_eq!(
            replace_name("Ann Leeson spoke", "Ann Lee", "a member"),
            None
        );
        assert_eq!(
            replace_name("王芳说张伟同意", "张伟", "the chair").unwrap(),
            "王芳说the chair同意"
        );
        assert_eq!(replace_name("anything", "  ", "a member"), None);
    }

    #[test]
    fn a_label_that_opens_a_sentence_gets_a_capital() {
        assert_eq!(
            replace_name(
                "Ahmed Khan reported. Ahmed Khan agreed; thanks, Ahmed Khan",
                "ahmed khan",
                "the chair"
            )
            .unwrap(),
            "The chair reported. The chair agreed; thanks, the chair"
        );
    }

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap().unwrap()
    }

    #[test]
    fn the_role_put_in_a_name_is_the_one_held_at_the_time_in_that_group() {
        let roles = Roles {
            kind: PersonKind::Member,
            held: vec![
                (1, Role::Member, day("2020-01-01"), Some(day("2024-06-30"))),
                (1, Role::Chair, day("2024-07-01"), None),
                (2, Role::Secretary, day("2022-01-01"), None),
            ],
        };
        assert_eq!(roles.label(Some(1), Some(day("2023-03-01"))), "a member");
        assert_eq!(roles.label(Some(1), Some(day("2025-03-01"))), "the chair");
        assert_eq!(
            roles.label(Some(2), Some(day("2023-03-01"))),
            "the secretary"
        );
        // A meeting of a group they never sat in: their latest role.
        assert_eq!(
            roles.label(Some(9), Some(day("2025-03-01"))),
            "the secretary"
        );
        let police = Roles {
            kind: PersonKind::Police,
            held: vec![],
        };
        assert_eq!(police.label(None, None), "a police contact");
    }

    #[test]
    fn json_strings_are_swept_at_every_depth() {
        let mut v = serde_json::json!({"a": ["x Jo Bloggs", {"b": "Jo Bloggs"}], "n": 3});
        assert!(replace_in_json(&mut v, "Jo Bloggs", "a member"));
        assert_eq!(
            v,
            serde_json::json!({"a": ["x a member", {"b": "A member"}], "n": 3})
        );
    }
}
