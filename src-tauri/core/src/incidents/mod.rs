//! Critical incidents: the moments when community confidence is at stake.
//! An incident is logged (confidential by default, with a public title for
//! anything others see), members are suggested to advise on it, and a
//! critical group is convened in a couple of steps: the ad-hoc group, an
//! extraordinary meeting from the critical-incident agenda, a call list and
//! a calendar invitation.
//!
//! Invariant: a confidential incident's own title and description never
//! reach a document or file; the call list and the meeting carry its public
//! title (see [`call_list`]).

pub mod suggest;

use crate::dates::{long_date, long_date_time, parse_date};
use crate::documents::{Block, Document, Marking, Table};
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::meetings::agenda::{self, ItemDraft};
use crate::meetings::plan::{self, MeetingForm};
use crate::storage::{incidents as db, meetings as meetings_db, roster as roster_db, Vault};
use crate::vocabulary::{GroupStatus, IncidentStatus, Role, Tier};
use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// An incident as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct IncidentForm {
    pub title: String,
    /// 20/11/2026 or 2026-11-20.
    pub date: String,
    /// 14:30
    pub time: String,
    pub description: String,
    /// Confidential unless said otherwise.
    pub open: bool,
    pub public_title: String,
    pub community_impact: String,
    pub gold_suggested: bool,
    pub gold_answer: String,
    /// open (default), monitoring, closed
    pub status: String,
}

pub use crate::storage::incidents::ValidIncident;

pub fn check_form(
    f: &IncidentForm,
    now: NaiveDateTime,
) -> std::result::Result<ValidIncident, Vec<Problem>> {
    let mut problems = Vec::new();
    let title = f.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        problems.push(Problem::new("title", "give the incident a title."));
    }
    let date = match parse_date(&f.date) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.push(Problem::new("date", "enter the date it happened."));
            None
        }
        Err(m) => {
            problems.push(Problem::new("date", m));
            None
        }
    };
    let time = match f.time.trim() {
        "" => Some(NaiveTime::MIN),
        t => NaiveTime::parse_from_str(t, "%H:%M").ok().or_else(|| {
            problems.push(Problem::new(
                "time",
                format!("\u{201c}{t}\u{201d} is not a time; use the 24-hour clock, e.g. 14:30."),
            ));
            None
        }),
    };
    let occurred_at = date.zip(time).map(|(d, t)| d.and_time(t));
    if occurred_at.is_some_and(|at| at > now) {
        problems.push(Problem::new("date", "an incident cannot be in the future."));
    }
    let public_title = f
        .public_title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !f.open && public_title.is_empty() {
        problems.push(Problem::new(
            "public_title",
            "a confidential incident needs a public title: what others may read instead.",
        ));
    }
    if !f.open && !public_title.is_empty() && public_title == title {
        problems.push(Problem::new(
            "public_title",
            "the public title must not repeat the confidential title.",
        ));
    }
    let status = match f.status.trim() {
        "" => IncidentStatus::Open,
        s => IncidentStatus::from_code(s).unwrap_or_else(|| {
            problems.push(Problem::new("status", "choose open, monitoring or closed."));
            IncidentStatus::Open
        }),
    };
    match occurred_at {
        Some(occurred_at) if problems.is_empty() => Ok(ValidIncident {
            title,
            occurred_at,
            description: f.description.trim().to_string(),
            confidential: !f.open,
            public_title,
            community_impact: f.community_impact.trim().to_string(),
            gold_suggested: f.gold_suggested,
            gold_answer: f.gold_answer.trim().to_string(),
            status,
        }),
        _ => Err(problems),
    }
}

/// An incident as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentSummary {
    pub id: i64,
    pub title: String,
    pub public_title: String,
    pub confidential: bool,
    /// "20 November 2026, 14:30"
    pub when: String,
    pub status: IncidentStatus,
    pub status_label: &'static str,
    pub group_id: Option<GroupId>,
    pub group_name: Option<String>,
    pub gold_suggested: bool,
}

fn summary(r: &db::IncidentRow) -> IncidentSummary {
    IncidentSummary {
        id: r.id,
        title: r.incident.title.clone(),
        public_title: r.incident.public_title.clone(),
        confidential: r.incident.confidential,
        when: long_date_time(r.incident.occurred_at),
        status: r.incident.status,
        status_label: r.incident.status.label(),
        group_id: r.group,
        group_name: r.group_name.clone(),
        gold_suggested: r.incident.gold_suggested,
    }
}

pub fn list(vault: &Vault) -> Result<Vec<IncidentSummary>> {
    Ok(db::list(vault.conn())?.iter().map(summary).collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkedMeeting {
    pub id: MeetingId,
    pub group_name: String,
    pub when: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentDetail {
    pub summary: IncidentSummary,
    pub form: IncidentForm,
    pub meetings: Vec<LinkedMeeting>,
    /// Advice and actions from the minutes of the linked meetings.
    pub advice: Vec<crate::minutes::advice::AdviceLine>,
    pub actions: Vec<crate::minutes::actions::ActionLine>,
}

pub fn detail(vault: &Vault, id: i64, today: chrono::NaiveDate) -> Result<IncidentDetail> {
    let r = db::get(vault.conn(), id)?;
    let linked = db::meetings(vault.conn(), id)?;
    let ids: Vec<MeetingId> = linked.iter().map(|(m, _, _)| *m).collect();
    let group = r.group.map(|g| g.0);
    Ok(IncidentDetail {
        summary: summary(&r),
        form: IncidentForm {
            title: r.incident.title.clone(),
            date: r.incident.occurred_at.format("%Y-%m-%d").to_string(),
            time: r.incident.occurred_at.format("%H:%M").to_string(),
            description: r.incident.description.clone(),
            open: !r.incident.confidential,
            public_title: r.incident.public_title.clone(),
            community_impact: r.incident.community_impact.clone(),
            gold_suggested: r.incident.gold_suggested,
            gold_answer: r.incident.gold_answer.clone(),
            status: r.incident.status.code().into(),
        },
        advice: match group {
            Some(g) => crate::minutes::advice::register(
                vault,
                &crate::minutes::advice::AdviceQuery {
                    group_id: Some(g),
                    ..Default::default()
                },
            )?
            .into_iter()
            .filter(|a| ids.contains(&a.meeting_id))
            .collect(),
            None => Vec::new(),
        },
        actions: match group {
            Some(g) => crate::minutes::actions::log(
                vault,
                &crate::minutes::actions::ActionQuery {
                    group_id: Some(g),
                    ..Default::default()
                },
                today,
            )?
            .into_iter()
            .filter(|a| ids.contains(&a.meeting_id))
            .collect(),
            None => Vec::new(),
        },
        meetings: linked
            .into_iter()
            .map(|(id, group_name, at)| LinkedMeeting {
                id,
                group_name,
                when: long_date_time(at),
            })
            .collect(),
    })
}

pub fn add(vault: &mut Vault, form: &IncidentForm, now: NaiveDateTime) -> Result<i64> {
    let valid = check_form(form, now).map_err(Error::rejected)?;
    db::insert(vault.conn(), &valid, now, None)
}

pub fn update(vault: &mut Vault, id: i64, form: &IncidentForm, now: NaiveDateTime) -> Result<()> {
    let valid = check_form(form, now).map_err(Error::rejected)?;
    db::update(vault.conn(), id, &valid)
}

/// The agenda of a critical group's first meeting: confidential by default
/// where the police brief, open where the group agrees its advice.
pub fn critical_incident_template() -> Vec<ItemDraft> {
    let item =
        |title: &str, purpose: &str, minutes: u32, level: &str, public: &str, reason: &str| {
            ItemDraft {
                title: title.into(),
                purpose: purpose.into(),
                minutes,
                confidentiality: level.into(),
                public_title: public.into(),
                reason: reason.into(),
                ..Default::default()
            }
        };
    vec![
        item(
            "Welcome and confidentiality reminder",
            "Everything said about the incident stays in the room.",
            5,
            "open",
            "",
            "",
        ),
        item(
            "Police briefing on the incident",
            "What happened, what the police are doing, and what can be shared.",
            20,
            "confidential",
            "Police briefing on a critical incident",
            "live_investigation",
        ),
        item(
            "Community impact and tensions",
            "What members are hearing, and who is affected.",
            20,
            "confidential",
            "Community impact",
            "community_tension",
        ),
        item(
            "Is a Gold group needed?",
            "Whether the group suggests the police convene a Gold group, and why.",
            10,
            "open",
            "",
            "",
        ),
        item(
            "Advice to the police",
            "The group's advice, to be recorded with who it is given to.",
            20,
            "open",
            "",
            "",
        ),
        item(
            "Communication with communities",
            "What can be said, by whom, and when.",
            10,
            "open",
            "",
            "",
        ),
        item(
            "Actions and the next meeting",
            "Who does what, and when the group meets again.",
            5,
            "open",
            "",
            "",
        ),
    ]
}

/// How to convene a critical group, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConveneForm {
    pub group_name: String,
    pub members: Vec<i64>,
    /// One of the members, to chair; the first chosen when empty.
    pub chair: Option<i64>,
    pub date: String,
    pub time: String,
    pub venue: String,
    pub online_details: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Convened {
    pub group: GroupId,
    pub meeting: MeetingId,
}

/// Creates the ad-hoc critical group with the chosen members and its first
/// (extraordinary) meeting from the critical-incident agenda, all or
/// nothing, and links both to the incident.
pub fn convene(
    vault: &mut Vault,
    id: i64,
    form: &ConveneForm,
    now: NaiveDateTime,
) -> Result<Convened> {
    let today = now.date();
    let incident = db::get(vault.conn(), id)?;
    let mut problems = Vec::new();
    let name = form
        .group_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let groups = roster_db::group_tiers(vault.conn())?;
    if name.is_empty() {
        problems.push(Problem::new("group_name", "name the critical group."));
    } else if groups.iter().any(|(_, n, _)| n.eq_ignore_ascii_case(&name)) {
        problems.push(Problem::new(
            "group_name",
            "there is already a group with that name.",
        ));
    }
    if incident.group.is_some() {
        problems.push(Problem::new(
            "group_name",
            "a critical group has already been convened for this incident.",
        ));
    }
    let mut members: Vec<PersonId> = Vec::new();
    for m in &form.members {
        if !members.contains(&PersonId(*m)) {
            members.push(PersonId(*m));
        }
    }
    if members.is_empty() {
        problems.push(Problem::new(
            "members",
            "choose at least one member to call.",
        ));
    }
    let chair = form.chair.map(PersonId).or(members.first().copied());
    if chair.is_some_and(|c| !members.contains(&c)) {
        problems.push(Problem::new(
            "chair",
            "the chair must be one of the members called.",
        ));
    }
    let meeting = MeetingForm {
        group_id: 0,
        date: form.date.clone(),
        time: form.time.clone(),
        duration_minutes: "90".into(),
        venue: form.venue.clone(),
        online_details: form.online_details.clone(),
        kind: "critical_incident".into(),
    };
    let checked = plan::check_meeting_form(&meeting);
    if let Err(p) = &checked {
        problems.extend(p.iter().filter(|p| p.field != "group_id").cloned());
    }
    let items = agenda::check_agenda(&critical_incident_template()).map_err(Error::rejected)?;
    let (Ok(mut valid), true) = (checked, problems.is_empty()) else {
        return Err(Error::rejected(problems));
    };
    let strategic = groups
        .iter()
        .find(|(_, _, tier)| *tier == Tier::Strategic)
        .map(|(g, _, _)| *g);
    let tx = vault.conn_mut().transaction()?;
    let group = roster_db::insert_group(
        &tx,
        &roster_db::NewGroup {
            name: &name,
            tier: Tier::Critical,
            parent: strategic,
            area: "Convened for a critical incident",
            cadence_months: 1,
            status: GroupStatus::Active,
            stood_down_on: None,
        },
        None,
    )?;
    for person in &members {
        roster_db::insert_membership(
            &tx,
            &roster_db::NewMembership {
                person: *person,
                group,
                role: if Some(*person) == chair {
                    Role::Chair
                } else {
                    Role::Member
                },
                started_on: today,
                ended_on: None,
            },
            None,
        )?;
    }
    valid.group = group;
    let meeting = meetings_db::insert(&tx, &valid.row(None))?;
    meetings_db::replace_items(&tx, meeting, &items)?;
    meetings_db::expect_roster(&tx, meeting, group, valid.starts_at.date())?;
    db::set_group(&tx, id, group)?;
    db::link_meeting(&tx, id, meeting)?;
    tx.commit()?;
    Ok(Convened { group, meeting })
}

/// The call list as its readers may see it: the incident by its public
/// title when confidential, and the people to call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallList {
    pub group_name: String,
    pub incident: String,
    pub occurred: String,
    /// (name, role, phone, email)
    pub people: Vec<[String; 4]>,
}

pub fn call_list(vault: &Vault, id: i64, today: chrono::NaiveDate) -> Result<CallList> {
    let stored = db::get(vault.conn(), id)?;
    let Some(group) = stored.group else {
        return Err(Error::Conflict(
            "No critical group has been convened for this incident yet: convene it first.".into(),
        ));
    };
    // A stood-down group's roles ended the day it stood down: its call list
    // is whoever was on it then.
    let on = match stored.group_stood_down_on {
        Some(stood_down) if stood_down <= today => stood_down.pred_opt().unwrap_or(stood_down),
        _ => today,
    };
    let people = crate::roster::members::search(
        vault,
        &crate::roster::members::MemberQuery {
            group: Some(group),
            ..Default::default()
        },
        on,
    )?;
    let group_name = stored.group_name.clone().unwrap_or_default();
    Ok(CallList {
        incident: if stored.incident.confidential {
            stored.incident.public_title.clone()
        } else {
            stored.incident.title.clone()
        },
        occurred: long_date(stored.incident.occurred_at.date()),
        people: people
            .into_iter()
            .map(|p| {
                let role = p
                    .roles
                    .iter()
                    .find(|r| r.ends_with(&group_name))
                    .map(|r| r.split(',').next().unwrap_or("").trim().to_string())
                    .unwrap_or_else(|| "Member".into());
                [p.full_name, role, p.phone, p.email]
            })
            .collect(),
        group_name,
    })
}

/// The call list as a document: OFFICIAL-SENSITIVE, since it holds
/// people's phone numbers and email addresses.
pub fn call_list_document(c: &CallList) -> Document {
    let mut doc = Document::new(format!("Call list: {}", c.group_name), c.group_name.clone());
    doc.marking = Marking::OfficialSensitive;
    doc.header_text = format!("{}: call list", c.group_name);
    doc.blocks
        .push(Block::heading(1, format!("Call list: {}", c.group_name)));
    doc.blocks.push(Block::paragraph(format!(
        "Convened for: {} ({}). Personal contact details: use them only to call members to \
         this group, and destroy this list when the group stands down.",
        c.incident, c.occurred
    )));
    doc.blocks.push(Block::Table(Table {
        header: vec!["Name".into(), "Role".into(), "Phone".into(), "Email".into()],
        rows: c.people.iter().map(|p| p.to_vec()).collect(),
        column_widths: vec![3.0, 1.6, 2.2, 3.6],
    }));
    doc
}
