//! The roster: a force's groups in tiers, the people on them (members and
//! police contacts) and who holds which role in which group over time.
//!
//! Invariants kept here and by the schema: police contacts are never counted
//! as members; a membership has a start date and, once it ends, an end date,
//! so a role held in the past still has an answer.

use crate::error::Result;
use crate::ids::{GroupId, PersonId};
use crate::storage::{self, Vault};
use crate::vocabulary::{GroupStatus, MemberStatus, PersonKind, Role, Tier, VettingLevel};
use chrono::NaiveDate;
use serde::Serialize;

/// Every group, strategic first, with who chairs it and who the police
/// contacts are on `today`.
pub fn groups(vault: &Vault, today: NaiveDate) -> Result<Vec<GroupSummary>> {
    storage::roster::list_groups(vault.conn(), today)
}

/// Members (or police contacts), by name, with the roles they hold on `today`.
pub fn people(vault: &Vault, kind: PersonKind, today: NaiveDate) -> Result<Vec<PersonSummary>> {
    storage::roster::list_people(vault.conn(), kind, today)
}

pub mod compliance;
pub mod csv;
pub mod groups;
pub mod members;
pub mod representation;
pub mod rules;

impl Role {
    pub fn is_police(self) -> bool {
        matches!(self, Role::PoliceLead | Role::PoliceSpoc)
    }
}

/// A group as the roster screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub tier: Tier,
    pub tier_label: &'static str,
    pub parent: Option<String>,
    pub area: String,
    pub cadence_months: u32,
    pub status: GroupStatus,
    pub stood_down_on: Option<String>,
    /// Current chair(s): usually one; the community chair of a subgroup.
    pub chairs: Vec<String>,
    /// Current police single points of contact and leads.
    pub police_contacts: Vec<String>,
    /// Members currently holding any role in the group (police excluded).
    pub member_count: u32,
    /// "1/3 of members (3 of 9)" or "5 members".
    pub quorum: String,
    /// The named point of escalation.
    pub escalation: String,
}

/// A person as the roster screen lists them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub full_name: String,
    pub kind: PersonKind,
    pub status: MemberStatus,
    pub status_label: &'static str,
    pub police_rank: String,
    pub email: String,
    pub phone: String,
    pub joined_on: Option<String>,
    /// Current roles, e.g. "Chair, Brackenford IAG".
    pub roles: Vec<String>,
    pub skills: String,
    pub communities: String,
    pub vetting: compliance::VettingState,
    /// "Expiring soon": the vetting state in words.
    pub vetting_label: &'static str,
    /// True when the list should mark the vetting as needing attention.
    pub vetting_needs_attention: bool,
    /// Vetting and agreement warnings, in words.
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for t in Tier::ALL {
            assert_eq!(Tier::from_code(t.code()), Some(*t), "tier {t:?}");
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r), "role {r:?}");
        }
        for s in MemberStatus::ALL {
            assert_eq!(MemberStatus::from_code(s.code()), Some(*s), "status {s:?}");
        }
        assert_eq!(
            Tier::from_code("regional"),
            None,
            "unknown codes are refused"
        );
    }

    #[test]
    fn only_police_roles_are_police() {
        let police: Vec<_> = Role::ALL.iter().filter(|r| r.is_police()).collect();
        assert_eq!(police, [&Role::PoliceLead, &Role::PoliceSpoc]);
    }
}
