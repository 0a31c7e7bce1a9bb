//! Planning a meeting: creating it (with its agenda from the group's
//! template and its expected attendees from the roster), editing the
//! agenda, agreement by chair and police, the register and the quorum, and
//! which groups are due to meet.
//!
//! Invariant: changing an agreed agenda clears the agreement, and the caller
//! is told so; an agenda is agreed only when both chair and police agreed.

use super::agenda::{self, ItemDraft};
use super::attendance::{self, QuorumState};
use super::cadence;
use crate::confidentiality::Confidentiality;
use crate::dates::{long_date, long_date_time, parse_date};
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::roster::rules::Quorum;
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::{Capacity, MeetingKind, MeetingStatus, Presence};
use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A meeting as typed into the form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MeetingForm {
    pub group_id: i64,
    /// 22/11/2026 or 2026-11-22.
    pub date: String,
    /// 18:30.
    pub time: String,
    pub duration_minutes: String,
    pub venue: String,
    pub online_details: String,
    /// scheduled (default), extraordinary, critical_incident.
    pub kind: String,
}

/// A meeting's details that passed the checks.
pub struct ValidMeeting {
    pub group: GroupId,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub venue: String,
    pub online_details: String,
    pub kind: MeetingKind,
}

impl ValidMeeting {
    /// The storage row for these details.
    pub(crate) fn row<'a>(&'a self, handover_id: Option<&'a str>) -> db::NewMeetingRow<'a> {
        db::NewMeetingRow {
            group: self.group,
            starts_at: self.starts_at,
            duration_minutes: self.duration_minutes,
            venue: &self.venue,
            online_details: &self.online_details,
            kind: self.kind,
            handover_id,
        }
    }
}

/// Checks a meeting's details as typed (or as a hand-over file gives them).
pub fn check_meeting_form(f: &MeetingForm) -> std::result::Result<ValidMeeting, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = match parse_date(&f.date) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.push(Problem::new("date", "enter the date of the meeting."));
            None
        }
        Err(m) => {
            problems.push(Problem::new("date", m));
            None
        }
    };
    let time = match NaiveTime::parse_from_str(f.time.trim(), "%H:%M") {
        Ok(t) => Some(t),
        Err(_) => {
            problems.push(Problem::new(
                "time",
                format!(
                    "\"{}\" is not a time; use the 24-hour clock, e.g. 18:30.",
                    f.time.trim()
                ),
            ));
            None
        }
    };
    let duration_minutes = match f.duration_minutes.trim() {
        "" => 120,
        t => match t.parse::<u32>() {
            Ok(n) if (15..=600).contains(&n) => n,
            _ => {
                problems.push(Problem::new(
                    "duration_minutes",
                    format!("\"{t}\" is not a length between 15 and 600 minutes."),
                ));
                120
            }
        },
    };
    let kind = match f.kind.trim() {
        "" => MeetingKind::Scheduled,
        code => MeetingKind::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                "kind",
                "choose scheduled, extraordinary or critical incident.",
            ));
            MeetingKind::Scheduled
        }),
    };
    if f.venue.trim().is_empty() && f.online_details.trim().is_empty() {
        problems.push(Problem::new(
            "venue",
            "say where the meeting is, or give the online details.",
        ));
    }
    match (date, time) {
        (Some(d), Some(t)) if problems.is_empty() => Ok(ValidMeeting {
            group: GroupId(f.group_id),
            starts_at: d.and_time(t),
            duration_minutes,
            venue: f.venue.trim().to_string(),
            online_details: f.online_details.trim().to_string(),
            kind,
        }),
        _ => Err(problems),
    }
}

/// The agenda a new meeting of `group` starts with: the group's own
/// template, or the standard IAG agenda.
pub fn template_for(vault: &Vault, group: GroupId) -> Result<Vec<ItemDraft>> {
    Ok(db::template(vault.conn(), group)?.unwrap_or_else(agenda::standard_template))
}

pub fn save_template(vault: &mut Vault, group: GroupId, drafts: &[ItemDraft]) -> Result<()> {
    agenda::check_agenda(drafts).map_err(Error::rejected)?;
    // A template is a shape for future meetings, not tied to saved items.
    let drafts: Vec<ItemDraft> = drafts
        .iter()
        .map(|d| ItemDraft {
            id: None,
            ..d.clone()
        })
        .collect();
    db::save_template(vault.conn(), group, &drafts)
}

/// Creates a meeting with its agenda from the template and the group's
/// current members and police contacts expected.
pub fn create(vault: &mut Vault, form: &MeetingForm) -> Result<MeetingId> {
    let m = check_meeting_form(form).map_err(Error::rejected)?;
    let drafts = template_for(vault, m.group)?;
    let items = agenda::check_agenda(&drafts).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    crate::storage::roster::group_tiers(&tx)?
        .iter()
        .find(|(id, _, _)| *id == m.group)
        .ok_or_else(|| {
            Error::rejected(vec![Problem::new(
                "group_id",
                "choose the group that meets.",
            )])
        })?;
    let id = db::insert(&tx, &m.row(None))?;
    db::replace_items(&tx, id, &items)?;
    db::expect_roster(&tx, id, m.group, m.starts_at.date())?;
    tx.commit()?;
    Ok(id)
}

#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    /// True when the agenda had been agreed and this change cleared that.
    pub agreement_cleared: bool,
    pub message: String,
}

fn saved(cleared: bool) -> Saved {
    Saved {
        agreement_cleared: cleared,
        message: if cleared {
            "Saved. The agenda had been agreed; this change clears the agreement, so the chair and the police contact need to agree it again.".into()
        } else {
            "Saved.".into()
        },
    }
}

/// Replaces the agenda with `drafts` (all checked first; nothing saved on
/// any problem).
pub fn save_agenda(vault: &mut Vault, id: MeetingId, drafts: &[ItemDraft]) -> Result<Saved> {
    let items = agenda::check_agenda(drafts).map_err(Error::rejected)?;
    ensure_minutes_open(vault, id)?;
    // Minutes written under an item keep it: nothing acknowledged is lost.
    let written = crate::storage::minutes::items_with_entries(vault.conn(), id)?;
    let mut problems = Vec::new();
    let saved_items = db::items(vault.conn(), id)?;
    for (item, recorded) in &written {
        let title = saved_items
            .iter()
            .find(|(i, _)| i.id == Some(*item))
            .map(|(i, _)| i.title.clone())
            .unwrap_or_default();
        match items.iter().position(|i| i.id == Some(*item)) {
            None => problems.push(Problem::new(
                "items",
                format!(
                    "\u{201c}{title}\u{201d} has minutes written under it, so it cannot be \
                     removed. Delete its minute entries first."
                ),
            )),
            Some(p) if *recorded && items[p].confidentiality == Confidentiality::NotRecorded => {
                problems.push(Problem::new(
                    format!("items.{p}.confidentiality"),
                    format!(
                        "\u{201c}{title}\u{201d} has minutes written under it; delete them \
                         before making the item not recorded."
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let tx = vault.conn_mut().transaction()?;
    db::get(&tx, id)?;
    let cleared = db::clear_agreement(&tx, id)?;
    db::replace_items(&tx, id, &items)?;
    tx.commit()?;
    Ok(saved(cleared))
}

/// The agenda and the register are part of the record: once the minutes
/// are approved they are locked with them.
fn ensure_minutes_open(vault: &Vault, id: MeetingId) -> Result<()> {
    match crate::storage::minutes::approval(vault.conn(), id)? {
        Some((on, _)) => Err(Error::Conflict(format!(
            "The minutes of this meeting were approved on {}; its agenda and register are \
             part of that record and can no longer change.",
            long_date(on)
        ))),
        None => Ok(()),
    }
}

/// Changes when, where and what kind of meeting it is.
pub fn update_details(vault: &mut Vault, id: MeetingId, form: &MeetingForm) -> Result<Saved> {
    let m = check_meeting_form(form).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    let cleared = db::clear_agreement(&tx, id)?;
    db::update_details(&tx, id, &m.row(None))?;
    tx.commit()?;
    Ok(saved(cleared))
}

/// Records that the chair (or the police contact) agreed the agenda; once
/// both have, the meeting's status becomes "agenda agreed".
pub fn agree(
    vault: &mut Vault,
    id: MeetingId,
    who: &str,
    name: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let police = match who {
        "chair" => false,
        "police" => true,
        _ => {
            return Err(Error::invalid(
                "who",
                "the chair or the police contact agrees an agenda.",
            ))
        }
    };
    let tx = vault.conn_mut().transaction()?;
    agree_in(&tx, id, police, name, now)?;
    tx.commit()?;
    Ok(())
}

/// Records one agreement inside the caller's transaction (the window's
/// path, and the demo's): the name, the audit line, and "agenda agreed"
/// once both have agreed.
pub(crate) fn agree_in(
    conn: &rusqlite::Connection,
    id: MeetingId,
    police: bool,
    name: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::rejected(vec![Problem::new(
            "name",
            "say who agreed it.",
        )]));
    }
    db::record_agreement(conn, id, police, name, now)?;
    let row = db::get(conn, id)?;
    crate::audit::record(
        conn,
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::AgendaAgreed,
        &format!(
            "Agenda of {}, {}: agreed by the {} ({name}).",
            row.group_name,
            long_date_time(row.starts_at),
            if police { "police contact" } else { "chair" }
        ),
    )?;
    if row.chair_agreed.is_some()
        && row.police_agreed.is_some()
        && row.status == MeetingStatus::Planned
    {
        db::set_status(conn, id, MeetingStatus::AgendaAgreed)?;
    }
    Ok(())
}

pub fn set_presence(
    vault: &mut Vault,
    id: MeetingId,
    person: PersonId,
    presence: &str,
    arrived_at: Option<usize>,
    left_at: Option<usize>,
) -> Result<()> {
    ensure_minutes_open(vault, id)?;
    let presence = Presence::from_code(presence.trim()).ok_or_else(|| {
        Error::invalid("presence", "choose expected, present, apologies or absent.")
    })?;
    if let (Some(a), Some(l)) = (arrived_at, left_at) {
        if l < a {
            return Err(Error::invalid(
                "left_at",
                "someone cannot leave before they arrive.",
            ));
        }
    }
    db::set_presence(vault.conn(), id, person, presence, arrived_at, left_at)
}

pub fn add_guest(vault: &mut Vault, id: MeetingId, name: &str) -> Result<()> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::rejected(vec![Problem::new(
            "guest_name",
            "enter the guest's name.",
        )]));
    }
    db::get(vault.conn(), id)?;
    db::add_guest(vault.conn(), id, &name)
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaLine {
    /// The saved item's id (papers attach to it).
    pub id: i64,
    pub number: String,
    /// "18:35".
    pub starts: String,
    pub depth: u8,
    pub title: String,
    pub purpose: String,
    pub minutes: u32,
    pub presenter: String,
    pub confidentiality: Confidentiality,
    pub public_title: String,
    pub reason: Option<String>,
    pub kind: crate::vocabulary::ItemKind,
    pub papers: Vec<PaperView>,
    /// The draft, for the editor.
    pub draft: ItemDraft,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaperView {
    pub id: i64,
    pub file_name: String,
    /// "245 KB".
    pub size: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterLine {
    pub person_id: Option<PersonId>,
    pub name: String,
    pub capacity: Capacity,
    pub presence: Presence,
    pub presence_label: &'static str,
    pub arrived_at: Option<usize>,
    pub left_at: Option<usize>,
}

/// Everything the meeting page shows. Confidential titles are here: this is
/// the owner's own view inside the app; documents use an audience view.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub when: String,
    pub date: String,
    pub time: String,
    pub duration_minutes: u32,
    pub venue: String,
    pub online_details: String,
    pub kind: MeetingKind,
    pub kind_label: &'static str,
    pub status: MeetingStatus,
    pub status_label: &'static str,
    pub items: Vec<AgendaLine>,
    pub total_minutes: u32,
    pub overrun_minutes: Option<u32>,
    pub chair_agreed: Option<Agreement>,
    pub police_agreed: Option<Agreement>,
    pub register: Vec<RegisterLine>,
    pub quorum: QuorumState,
    /// Open actions of the group's earlier meetings, listed under the
    /// action-log item; "overdue" as at the meeting's date.
    pub carried_actions: Vec<crate::minutes::actions::ActionLine>,
    /// Concerns escalated to this group and not yet answered, listed under
    /// the subgroup-reports item.
    pub escalations: Vec<crate::escalations::Escalation>,
}

fn agreement(pair: Option<(String, String)>) -> Option<Agreement> {
    pair.map(|(by, at)| Agreement {
        by,
        at: NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M")
            .map(long_date_time)
            .unwrap_or(at),
    })
}

/// A meeting's group and time only: what file names and audit lines need,
/// without reading its agenda, register, carried actions or escalations.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingTitle {
    pub group_name: String,
    /// 2026-12-09
    pub date: String,
    /// "9 December 2026, 18:30"
    pub when: String,
}

pub fn title(vault: &Vault, id: MeetingId) -> Result<MeetingTitle> {
    let m = db::get(vault.conn(), id)?;
    Ok(MeetingTitle {
        group_name: m.group_name,
        date: m.starts_at.format("%Y-%m-%d").to_string(),
        when: long_date_time(m.starts_at),
    })
}

pub fn detail(vault: &Vault, id: MeetingId) -> Result<MeetingDetail> {
    let conn = vault.conn();
    let m = db::get(conn, id)?;
    let items = db::items(conn, id)?;
    let papers = db::papers(conn, id)?;
    let numbers = agenda::numbers(&items.iter().map(|(i, _)| i.depth).collect::<Vec<_>>());
    let minutes: Vec<u32> = items.iter().map(|(i, _)| i.minutes).collect();
    let (starts, overrun) = agenda::start_times(m.starts_at, &minutes, m.duration_minutes);
    let lines = items
        .into_iter()
        .zip(numbers)
        .zip(starts)
        .map(|(((item, name), number), at)| AgendaLine {
            id: item.id.unwrap_or_default(),
            papers: papers
                .iter()
                .filter(|(item_id, ..)| Some(*item_id) == item.id)
                .map(|(_, paper, file_name, size)| PaperView {
                    id: *paper,
                    file_name: file_name.clone(),
                    size: format!("{} KB", (size + 1023) / 1024),
                })
                .collect(),
            number,
            starts: at.format("%H:%M").to_string(),
            depth: item.depth,
            presenter: name.unwrap_or_else(|| item.presenter_text.clone()),
            reason: item.reason_text(),
            draft: ItemDraft {
                id: item.id,
                title: item.title.clone(),
                purpose: item.purpose.clone(),
                depth: item.depth,
                minutes: item.minutes,
                presenter_id: item.presenter_id,
                presenter_text: item.presenter_text.clone(),
                confidentiality: item.confidentiality.code().into(),
                public_title: item.public_title.clone(),
                reason: item
                    .reason
                    .map(|r| r.code().to_string())
                    .unwrap_or_default(),
                reason_other: item.reason_other.clone(),
                kind: item.kind.code().into(),
            },
            title: item.title,
            purpose: item.purpose,
            minutes: item.minutes,
            confidentiality: item.confidentiality,
            public_title: item.public_title,
            kind: item.kind,
        })
        .collect();
    let register = db::attendance(conn, id)?;
    let members = db::members_count(conn, m.group, m.starts_at.date())?;
    let quorum = Quorum::parse(&db::group_quorum(conn, m.group)?).unwrap_or(Quorum::Fraction {
        numerator: 1,
        denominator: 3,
    });
    let lines_for_quorum: Vec<attendance::Line> = register
        .iter()
        .map(|r| attendance::Line {
            capacity: r.capacity,
            presence: r.presence,
            arrived_at: r.arrived_at,
            left_at: r.left_at,
        })
        .collect();
    Ok(MeetingDetail {
        id,
        group_id: m.group,
        group_name: m.group_name,
        when: long_date_time(m.starts_at),
        date: m.starts_at.format("%Y-%m-%d").to_string(),
        time: m.starts_at.format("%H:%M").to_string(),
        duration_minutes: m.duration_minutes,
        venue: m.venue,
        online_details: m.online_details,
        kind: m.kind,
        kind_label: m.kind.label(),
        status: m.status,
        status_label: m.status.label(),
        total_minutes: minutes.iter().sum(),
        overrun_minutes: overrun,
        items: lines,
        chair_agreed: agreement(m.chair_agreed),
        police_agreed: agreement(m.police_agreed),
        quorum: attendance::quorum_at(quorum, members, &lines_for_quorum, 0),
        carried_actions: crate::minutes::actions::carried_forward(vault, id, m.starts_at.date())?,
        escalations: crate::escalations::awaiting(vault, m.group, m.starts_at.date())?,
        register: register
            .into_iter()
            .map(|r| RegisterLine {
                person_id: r.person,
                name: r.name,
                capacity: r.capacity,
                presence: r.presence,
                presence_label: r.presence.label(),
                arrived_at: r.arrived_at,
                left_at: r.left_at,
            })
            .collect(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupDue {
    pub group_id: GroupId,
    pub group_name: String,
    pub due_on: String,
    pub days_overdue: i64,
    pub next_planned: Option<String>,
    /// Three dates to offer, "9 December 2026, 18:30".
    pub proposals: Vec<String>,
}

/// Active groups with when their next meeting is due; overdue ones first.
pub fn due(vault: &Vault, now: NaiveDateTime) -> Result<Vec<GroupDue>> {
    let today = now.date();
    let mut out: Vec<GroupDue> = db::cadence_facts(vault.conn(), now)?
        .into_iter()
        .map(|f| {
            let d = cadence::due(
                f.last_held.map(|l| l.date()),
                today,
                f.cadence_months,
                f.next_planned.map(|n| n.date()),
                today,
            );
            GroupDue {
                group_id: f.group,
                group_name: f.name,
                due_on: long_date(d.due_on),
                days_overdue: d.days_overdue,
                next_planned: f.next_planned.map(long_date_time),
                proposals: if d.planned {
                    Vec::new()
                } else {
                    cadence::proposals(f.last_held, d.due_on, today)
                        .into_iter()
                        .map(long_date_time)
                        .collect()
                },
            }
        })
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.days_overdue));
    Ok(out)
}

/// The meetings of one group (or every group) as an iCalendar file. Only
/// the group, time, venue and kind go in: never an agenda item.
pub fn calendar(
    vault: &Vault,
    group: Option<GroupId>,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    let entries = calendar_entries(vault, group, None)?;
    let name = match group {
        Some(g) => crate::storage::roster::group_tiers(vault.conn())?
            .into_iter()
            .find(|(id, _, _)| *id == g)
            .map(|(_, n, _)| n)
            .ok_or_else(|| Error::NotFound {
                what: "That group".into(),
            })?,
        None => "IAG meetings".to_string(),
    };
    Ok(super::calendar::ics(&name, &entries, stamp))
}

fn calendar_entries(
    vault: &Vault,
    group: Option<GroupId>,
    only: Option<MeetingId>,
) -> Result<Vec<super::calendar::CalendarEntry>> {
    Ok(db::calendar_rows(vault.conn(), group, only)?
        .into_iter()
        .map(super::calendar::CalendarEntry::of)
        .collect())
}

/// One meeting as an invitation to add to a calendar.
pub fn invitation(
    vault: &Vault,
    id: MeetingId,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    let entries = calendar_entries(vault, None, Some(id))?;
    let first = entries.first().ok_or_else(|| Error::NotFound {
        what: "That meeting".into(),
    })?;
    Ok(super::calendar::ics(
        &first.summary.clone(),
        &entries,
        stamp,
    ))
}

/// Largest paper accepted, so a mistaken choice (a video) cannot bloat the vault.
pub const MAX_PAPER_BYTES: usize = 25 * 1024 * 1024;

/// Copies a paper into the vault under an agenda item. Adding a paper to an
/// agreed agenda clears the agreement, as any change to the agenda does.
pub fn attach_paper(
    vault: &mut Vault,
    meeting: MeetingId,
    item: i64,
    file_name: &str,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<Saved> {
    let tx = vault.conn_mut().transaction()?;
    let cleared = attach_paper_in(&tx, meeting, item, file_name, bytes, now)?;
    tx.commit()?;
    Ok(saved(cleared))
}

/// Attaches a paper inside the caller's transaction, with every check;
/// true when this cleared an agreement.
pub(crate) fn attach_paper_in(
    conn: &rusqlite::Connection,
    meeting: MeetingId,
    item: i64,
    file_name: &str,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<bool> {
    // Only the file's own name, never the folder it came from.
    let name = std::path::Path::new(file_name)
        .file_name()
        .map(|n| n.to_string_lossy().trim().to_string())
        .unwrap_or_default();
    if name.is_empty() {
        return Err(Error::invalid("Paper", "the file has no name."));
    }
    if bytes.len() > MAX_PAPER_BYTES {
        return Err(Error::invalid(
            "Paper",
            format!(
                "{name} is {} MB; papers can be at most {} MB.",
                bytes.len().div_ceil(1024 * 1024),
                MAX_PAPER_BYTES / (1024 * 1024)
            ),
        ));
    }
    if db::item_meeting(conn, item)? != Some(meeting) {
        return Err(Error::NotFound {
            what: "That agenda item".into(),
        });
    }
    db::add_paper(conn, item, &name, bytes, now)?;
    db::clear_agreement(conn, meeting)
}

/// A paper's file name and bytes, to save a copy outside the vault.
pub fn paper(vault: &Vault, meeting: MeetingId, paper: i64) -> Result<(String, Vec<u8>)> {
    let (m, name, bytes) = db::paper(vault.conn(), paper)?;
    if m != meeting {
        return Err(Error::NotFound {
            what: "That paper".into(),
        });
    }
    Ok((name, bytes))
}

pub fn remove_paper(vault: &mut Vault, meeting: MeetingId, paper_id: i64) -> Result<Saved> {
    paper(vault, meeting, paper_id)?;
    let tx = vault.conn_mut().transaction()?;
    db::delete_paper(&tx, paper_id)?;
    let cleared = db::clear_agreement(&tx, meeting)?;
    tx.commit()?;
    Ok(saved(cleared))
}
