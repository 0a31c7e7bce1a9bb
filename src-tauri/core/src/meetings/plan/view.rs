//! What the meeting page shows: the agenda with times and papers, agreement,
//! the register and the quorum, carried actions and escalations. The
//! owner's own view inside the app: documents use an audience view.

use super::register::LineForm;
use crate::confidentiality::{paper_level, Confidentiality};
use crate::dates::long_date_time;
use crate::error::Result;
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::meetings::agenda::{self, ItemDraft};
use crate::meetings::attendance::{self, QuorumState};
use crate::roster::rules::Quorum;
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::{AttendanceMode, Capacity, MeetingKind, MeetingStatus, Presence};
use chrono::NaiveDateTime;
use serde::Serialize;

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
    /// Open or confidential, given its item's level too.
    pub level: Confidentiality,
    /// A confidential item's papers cannot be made open.
    pub level_fixed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterLine {
    /// The line, to change its details.
    pub line: i64,
    pub person_id: Option<PersonId>,
    /// Empty for an anonymised attendee: `role` says who they are.
    pub name: String,
    /// As printed: typed for the meeting, or a police contact's rank.
    pub role: String,
    pub anonymous: bool,
    /// A member on the roster (not a police contact or guest).
    pub roster_member: bool,
    pub capacity: Capacity,
    pub mode: AttendanceMode,
    /// "for item 2", when a guest attends for some items only.
    pub for_items: Option<String>,
    /// The same as agenda positions (first, last).
    pub for_range: Option<(usize, usize)>,
    /// The line's details as the form edits them.
    pub form: LineForm,
    pub takes_minutes: bool,
    /// In the chair at this meeting.
    pub in_the_chair: bool,
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
    /// The member chosen to chair, when not the group's own chair.
    pub chaired_by: Option<PersonId>,
    /// Who is in the chair: the one chosen, else the group's chair if present.
    pub chair: Option<PersonId>,
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
    let item_numbers = numbers.clone();
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
                .filter(|p| Some(p.item) == item.id)
                .map(|p| PaperView {
                    id: p.id,
                    file_name: p.file_name.clone(),
                    size: format!("{} KB", (p.size + 1023) / 1024),
                    level: paper_level(item.confidentiality, p.level),
                    level_fixed: item.confidentiality != Confidentiality::Open,
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
    let roles = db::group_roles_on(conn, m.group, m.starts_at.date())?;
    let chair = attendance::chair(m.chaired_by, &register, &roles);
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
        chaired_by: m.chaired_by,
        chair,
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
                line: r.line,
                person_id: r.person,
                role: attendance::role(&r),
                anonymous: r.anonymous,
                roster_member: r.person_kind == Some(crate::vocabulary::PersonKind::Member),
                mode: r.mode,
                for_items: attendance::items_phrase(r.for_items, &item_numbers),
                for_range: r.for_items,
                form: LineForm {
                    role: r.role_text.clone(),
                    capacity: r.capacity.code().into(),
                    mode: r.mode.code().into(),
                    for_items: attendance::items_text(r.for_items, &item_numbers),
                    takes_minutes: r.takes_minutes,
                },
                takes_minutes: r.takes_minutes,
                in_the_chair: r.person.is_some() && r.person == chair,
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
