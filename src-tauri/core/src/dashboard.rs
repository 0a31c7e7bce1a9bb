//! The first screen after unlocking: what needs doing, each entry pointing
//! to the place to act. Built from the same functions as the screens it
//! links to, so a figure here always agrees with the page behind it.

use crate::error::Result;
use crate::meetings::plan::{self, GroupDue};
use crate::meetings::{self, MeetingSummary};
use crate::minutes::actions::{self, ActionLine, ActionQuery};
use crate::minutes::advice::{self, AdviceLine, AdviceQuery};
use crate::roster::compliance::VettingState;
use crate::roster::members::{self, MemberQuery};
use crate::storage::Vault;
use crate::vocabulary::MeetingStatus;
use chrono::NaiveDateTime;
use serde::Serialize;

/// How many upcoming meetings the dashboard lists.
const NEXT_MEETINGS: usize = 6;

#[derive(Debug, Clone, Serialize)]
pub struct PersonAttention {
    pub person_id: crate::ids::PersonId,
    pub name: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub overdue_groups: Vec<GroupDue>,
    pub next_meetings: Vec<MeetingSummary>,
    /// Upcoming meetings whose agenda the chair and police have not both agreed.
    pub agendas_awaiting_agreement: Vec<MeetingSummary>,
    /// Meetings held whose draft minutes wait for approval.
    pub minutes_awaiting_approval: Vec<MeetingSummary>,
    pub overdue_actions: Vec<ActionLine>,
    pub advice_awaiting_response: Vec<AdviceLine>,
    /// Members whose vetting has expired or expires within 60 days, or who
    /// have not signed an agreement.
    pub vetting_and_agreements: Vec<PersonAttention>,
    /// Current members who have missed as many meetings in a row as their
    /// group's terms of reference allow.
    pub attendance_to_follow_up: Vec<crate::roster::attendance::MemberAttendance>,
    /// Incidents still open or being monitored.
    pub open_incidents: Vec<crate::incidents::IncidentSummary>,
    /// The last backup, and a reminder after a week.
    pub backup: crate::backup::BackupState,
    /// People who left longer ago than the retention period: keep or erase.
    pub retention_due: Vec<crate::data_protection::RetentionDue>,
    pub retention_months: u32,
    /// The first-run tour is offered until it is taken or declined.
    pub tour_offered: bool,
}

/// Set once the tour has been taken or declined, so it is offered once per
/// vault (Settings can start it again at any time).
const TOUR_KEY: &str = "desk.tour_finished";

/// Whether the dashboard should offer the first-run tour.
pub fn tour_offered(vault: &Vault) -> Result<bool> {
    Ok(vault.setting(TOUR_KEY)?.is_none())
}

/// The tour was taken to the end or skipped: stop offering it.
pub fn finish_tour(vault: &mut Vault) -> Result<()> {
    crate::storage::set_setting_in(vault.conn(), TOUR_KEY, "yes")
}

pub fn dashboard(vault: &Vault, now: NaiveDateTime) -> Result<Dashboard> {
    let today = now.date();
    let all = meetings::list(vault, now)?;
    let upcoming: Vec<_> = all.iter().filter(|m| m.upcoming).cloned().collect();
    let people = members::search(vault, &MemberQuery::default(), today)?
        .into_iter()
        .filter(|p| {
            matches!(p.vetting, VettingState::Expiring | VettingState::Expired)
                || p.warnings.iter().any(|w| w.ends_with("not signed."))
        })
        .map(|p| PersonAttention {
            person_id: p.id,
            name: p.full_name,
            warnings: p
                .warnings
                .into_iter()
                .filter(|w| !w.starts_with("No vetting"))
                .collect(),
        })
        .collect();
    Ok(Dashboard {
        overdue_groups: plan::due(vault, now)?
            .into_iter()
            .filter(|g| g.days_overdue > 0)
            .collect(),
        next_meetings: upcoming.iter().take(NEXT_MEETINGS).cloned().collect(),
        agendas_awaiting_agreement: upcoming
            .iter()
            .filter(|m| m.status == MeetingStatus::Planned)
            .cloned()
            .collect(),
        minutes_awaiting_approval: all
            .iter()
            .filter(|m| !m.upcoming && m.status == MeetingStatus::MinutesDraft)
            .cloned()
            .collect(),
        overdue_actions: actions::log(
            vault,
            &ActionQuery {
                overdue_only: true,
                ..Default::default()
            },
            today,
        )?,
        advice_awaiting_response: advice::register(
            vault,
            &AdviceQuery {
                response: "awaiting".into(),
                ..Default::default()
            },
        )?,
        vetting_and_agreements: people,
        attendance_to_follow_up: crate::roster::attendance::to_follow_up(vault, today)?,
        backup: crate::backup::state(vault, now)?,
        retention_due: crate::data_protection::retention_due(vault, today)?,
        retention_months: crate::data_protection::retention_months(vault)?,
        tour_offered: tour_offered(vault)?,
        open_incidents: crate::incidents::list(vault)?
            .into_iter()
            .filter(|i| i.status != crate::vocabulary::IncidentStatus::Closed)
            .collect(),
    })
}
