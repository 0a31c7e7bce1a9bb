//! The roster: a force's groups in tiers, the people on them (members and
//! police contacts) and who holds which role in which group over time.
//!
//! Invariants kept here and by the schema: police contacts are never counted
//! as members; a membership has a start date and, once it ends, an end date,
//! so a role held in the past still has an answer.

use crate::error::Result;
use crate::ids::{GroupId, PersonId};
use crate::storage::{self, Vault};
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

/// Declares a closed set of values stored as stable snake_case text, with the
/// label a person reads. One list per enum, so storage, JSON and screens agree.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The text stored in the vault.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The words a chair reads on screen and on paper.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }
    };
}
pub(crate) use vocabulary;

pub mod compliance;
pub mod csv;
pub mod groups;
pub mod members;
pub mod representation;
pub mod rules;

vocabulary!(
    /// How a force organises its advisory groups.
    Tier {
        Strategic => ("strategic", "Strategic IAG"),
        Local => ("local", "Local IAG"),
        Subgroup => ("subgroup", "Subgroup"),
        Critical => ("critical", "Critical / ad-hoc group"),
    }
);

vocabulary!(
    GroupStatus {
        Active => ("active", "Active"),
        StoodDown => ("stood_down", "Stood down"),
    }
);

vocabulary!(
    /// Police contacts sit on the roster but are never members.
    PersonKind {
        Member => ("member", "Member"),
        Police => ("police", "Police contact"),
    }
);

vocabulary!(
    MemberStatus {
        Applicant => ("applicant", "Applicant"),
        Active => ("active", "Active"),
        OnLeave => ("on_leave", "On leave"),
        Left => ("left", "Left"),
        Removed => ("removed", "Removed"),
    }
);

vocabulary!(
    /// A role held in one group. The police roles are held by police
    /// contacts; every other role by members.
    Role {
        Chair => ("chair", "Chair"),
        ViceChair => ("vice_chair", "Vice chair"),
        Secretary => ("secretary", "Secretary"),
        Member => ("member", "Member"),
        Nominee => ("nominee", "Nominee to the strategic group"),
        PoliceLead => ("police_lead", "Police lead"),
        PoliceSpoc => ("police_spoc", "Police single point of contact"),
    }
);

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

vocabulary!(
    /// How a member is connected to the area the group covers.
    AreaConnection {
        Lives => ("lives", "Lives there"),
        Works => ("works", "Works there"),
        Studies => ("studies", "Studies there"),
        Other => ("other", "Other substantial connection"),
    }
);

vocabulary!(
    /// Vetting level only; the content of any vetting is never held.
    VettingLevel {
        Basic => ("basic", "Basic check"),
        Nppv1 => ("nppv1", "NPPV 1"),
        Nppv2 => ("nppv2", "NPPV 2"),
        Nppv3 => ("nppv3", "NPPV 3"),
    }
);

vocabulary!(
    AgreementKind {
        Confidentiality => ("confidentiality", "Confidentiality agreement"),
        InformationSharing => ("information_sharing", "Information-sharing agreement"),
        CodeOfConduct => ("code_of_conduct", "Code of conduct"),
        OfficialSecrets => ("official_secrets", "Official Secrets Act"),
    }
);

/// A code and the label a person reads.
pub type Choice = (&'static str, &'static str);

/// Every closed list the roster screens offer, as (code, label) pairs, so the
/// window's menus come from the same lists the rules check against.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub tiers: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub member_roles: Vec<Choice>,
    pub police_roles: Vec<Choice>,
    pub connections: Vec<Choice>,
    pub vetting_levels: Vec<Choice>,
    pub agreements: Vec<Choice>,
    /// (code, label, answers)
    pub characteristics: Vec<(&'static str, &'static str, Vec<Choice>)>,
}

pub fn vocabularies() -> Vocabulary {
    fn pairs<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<(&'static str, &'static str)> {
        all.iter().map(|x| (code(*x), label(*x))).collect()
    }
    Vocabulary {
        tiers: pairs(Tier::ALL, Tier::code, Tier::label),
        statuses: pairs(MemberStatus::ALL, MemberStatus::code, MemberStatus::label),
        roles: pairs(Role::ALL, Role::code, Role::label),
        member_roles: pairs(Role::ALL, Role::code, Role::label)
            .into_iter()
            .filter(|(c, _)| !Role::from_code(c).is_some_and(Role::is_police))
            .collect(),
        police_roles: pairs(Role::ALL, Role::code, Role::label)
            .into_iter()
            .filter(|(c, _)| Role::from_code(c).is_some_and(Role::is_police))
            .collect(),
        connections: pairs(
            AreaConnection::ALL,
            AreaConnection::code,
            AreaConnection::label,
        ),
        vetting_levels: pairs(VettingLevel::ALL, VettingLevel::code, VettingLevel::label),
        agreements: pairs(
            AgreementKind::ALL,
            AgreementKind::code,
            AgreementKind::label,
        ),
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
