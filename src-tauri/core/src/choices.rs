//! Every closed list the window offers, as (code, label) pairs in the order
//! the core defines them, so menus, tags and labels on every screen come
//! from the same lists the rules check against and the vault stores. A new
//! kind added in Rust reaches every screen without a line of JavaScript.

use crate::confidentiality::Confidentiality;
use crate::roster::representation;
use crate::vocabulary::*;
use serde::Serialize;

/// A code and the label a person reads.
pub type Choice = (&'static str, &'static str);

#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    pub tiers: Vec<Choice>,
    pub group_statuses: Vec<Choice>,
    pub person_kinds: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub member_roles: Vec<Choice>,
    pub police_roles: Vec<Choice>,
    pub connections: Vec<Choice>,
    pub vetting_levels: Vec<Choice>,
    /// Current, expiring soon, expired, none recorded: for the filter.
    pub vetting_states: Vec<Choice>,
    pub agreements: Vec<Choice>,
    pub presences: Vec<Choice>,
    pub capacities: Vec<Choice>,
    pub attendance_modes: Vec<Choice>,
    pub public_attendances: Vec<Choice>,
    pub markings: Vec<Choice>,
    pub confidentiality: Vec<Choice>,
    pub exemption_reasons: Vec<Choice>,
    pub item_kinds: Vec<Choice>,
    pub meeting_kinds: Vec<Choice>,
    pub meeting_statuses: Vec<Choice>,
    pub incident_statuses: Vec<Choice>,
    pub audit_actions: Vec<Choice>,
    pub entry_kinds: Vec<Choice>,
    /// (kind, what its text box asks for).
    pub entry_prompts: Vec<Choice>,
    pub action_statuses: Vec<Choice>,
    pub advice_responses: Vec<Choice>,
    pub vote_choices: Vec<Choice>,
    /// (code, label, answers), "prefer not to say" always last.
    pub characteristics: Vec<(&'static str, &'static str, Vec<Choice>)>,
}

/// The (code, label) pairs of one list, in order.
macro_rules! pairs {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|x| (x.code(), x.label()))
            .collect::<Vec<Choice>>()
    };
}

pub fn every_list() -> Choices {
    let roles_where = |police: bool| {
        Role::ALL
            .iter()
            .filter(|r| r.is_police() == police)
            .map(|r| (r.code(), r.label()))
            .collect()
    };
    Choices {
        tiers: pairs!(Tier),
        group_statuses: pairs!(GroupStatus),
        person_kinds: pairs!(PersonKind),
        statuses: pairs!(MemberStatus),
        roles: pairs!(Role),
        member_roles: roles_where(false),
        police_roles: roles_where(true),
        connections: pairs!(AreaConnection),
        vetting_levels: pairs!(VettingLevel),
        vetting_states: pairs!(crate::roster::compliance::VettingState),
        agreements: pairs!(AgreementKind),
        presences: pairs!(Presence),
        capacities: pairs!(Capacity),
        attendance_modes: pairs!(AttendanceMode),
        public_attendances: pairs!(PublicAttendance),
        markings: pairs!(Marking),
        confidentiality: pairs!(Confidentiality),
        exemption_reasons: pairs!(ExemptionReason),
        item_kinds: pairs!(ItemKind),
        meeting_kinds: pairs!(MeetingKind),
        meeting_statuses: pairs!(MeetingStatus),
        incident_statuses: pairs!(IncidentStatus),
        audit_actions: pairs!(AuditAction),
        entry_kinds: pairs!(EntryKind),
        entry_prompts: EntryKind::ALL
            .iter()
            .map(|k| (k.code(), k.prompt()))
            .collect(),
        action_statuses: pairs!(ActionStatus),
        advice_responses: pairs!(AdviceResponse),
        vote_choices: pairs!(crate::vocabulary::Choice),
        characteristics: representation::CHARACTERISTICS
            .iter()
            .map(|c| {
                let mut answers = c.answers.to_vec();
                answers.push(representation::PREFER_NOT_TO_SAY);
                (c.code, c.label, answers)
            })
            .collect(),
    }
}
