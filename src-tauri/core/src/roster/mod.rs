//! The roster: a force's groups in tiers, the people on them (members and
//! police contacts) and who holds which role in which group over time.
//!
//! Invariants kept here and by the schema: police contacts are never counted
//! as members; a membership has a start date and, once it ends, an end date,
//! so a role held in the past still has an answer.

use crate::dates::long_date;
use crate::error::Result;
use crate::ids::{GroupId, PersonId};
use crate::storage::people::PeopleFilter;
use crate::storage::roster::{GroupRow, PersonRow};
use crate::storage::{self, Vault};
use crate::vocabulary::{GroupStatus, MemberStatus, PersonKind, Role, Tier, VettingLevel};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// Every group, strategic first, with who chairs it and who the police
/// contacts are on `today`.
pub fn groups(vault: &Vault, today: NaiveDate) -> Result<Vec<GroupSummary>> {
    Ok(storage::roster::list_groups(vault.conn(), today)?
        .into_iter()
        .map(GroupSummary::of)
        .collect())
}

/// Members (or police contacts), by name, with the roles they hold on `today`.
pub fn people(vault: &Vault, kind: PersonKind, today: NaiveDate) -> Result<Vec<PersonSummary>> {
    let filter = PeopleFilter {
        kind: Some(kind),
        ..Default::default()
    };
    summaries(vault.conn(), &filter, today)
}

/// The people `filter` selects, by name, with current roles, vetting state
/// and warnings on `today`.
pub(crate) fn summaries(
    conn: &Connection,
    filter: &PeopleFilter,
    today: NaiveDate,
) -> Result<Vec<PersonSummary>> {
    let facts = storage::people::compliance_facts(conn, filter, today)?;
    let policy = storage::people::policy(conn)?;
    Ok(storage::roster::list_people_matching(conn, filter, today)?
        .into_iter()
        .map(|row| {
            let f = facts.get(&row.id);
            PersonSummary::of(row, f, policy, today)
        })
        .collect())
}

impl GroupSummary {
    fn of(row: GroupRow) -> GroupSummary {
        GroupSummary {
            id: row.id,
            name: row.name,
            tier: row.tier,
            tier_label: row.tier.label(),
            parent: row.parent,
            area: row.area,
            cadence_months: row.cadence_months,
            status: row.status,
            stood_down_on: row.stood_down_on.map(long_date),
            chairs: row.chairs,
            police_contacts: row.police_contacts,
            member_count: row.member_count,
            quorum: rules::Quorum::parse(&row.quorum)
                .map(|q| q.describe(row.member_count))
                .unwrap_or(row.quorum),
            escalation: row.escalation,
        }
    }
}

impl PersonSummary {
    fn of(
        row: PersonRow,
        facts: Option<&compliance::Facts>,
        policy: compliance::Policy,
        today: NaiveDate,
    ) -> PersonSummary {
        let vetting = compliance::vetting_state(facts.and_then(|f| f.vetting.as_ref()), today);
        PersonSummary {
            id: row.id,
            full_name: row.full_name,
            kind: row.kind,
            status: row.status,
            status_label: row.status.label(),
            police_rank: row.police_rank,
            email: row.email,
            phone: row.phone,
            joined_on: row.joined_on.map(long_date),
            roles: row
                .roles
                .into_iter()
                .map(|(role, group)| format!("{}, {group}", role.label()))
                .collect(),
            skills: row.skills,
            communities: row.communities,
            vetting,
            vetting_label: vetting.label(),
            vetting_needs_attention: vetting.needs_attention(row.status),
            warnings: facts
                .map(|f| {
                    compliance::warnings(f, policy, today)
                        .into_iter()
                        .map(|w| w.message)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

pub mod attendance;
pub mod compliance;
pub mod csv;
pub mod groups;
pub mod members;
pub mod representation;
pub mod rules;
pub mod sheet;
pub mod table;

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
