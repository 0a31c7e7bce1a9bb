//! Vetting and agreements: which members need attention, and why. Status
//! only; the content of any vetting is never held.
//!
//! Who is checked: members who are active or on leave. Applicants are
//! awaiting checks by definition, people who left are history, and police
//! contacts are vetted by their force.

use crate::dates::long_date;
use crate::vocabulary::{AgreementKind, MemberStatus, PersonKind};
use chrono::NaiveDate;
use serde::Serialize;

/// Days ahead within which an expiry is flagged.
pub const EXPIRY_NOTICE_DAYS: i64 = 60;

pub use crate::storage::people::{Facts, Policy, Vetting};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    VettingMissing,
    VettingExpired,
    VettingExpiring,
    AgreementMissing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub concern: Concern,
    pub message: String,
}

/// The vetting state a filter or a list shows in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VettingState {
    Current,
    Expiring,
    Expired,
    Missing,
}

impl VettingState {
    pub const ALL: &'static [VettingState] = &[
        VettingState::Current,
        VettingState::Expiring,
        VettingState::Expired,
        VettingState::Missing,
    ];

    /// The text a filter sends.
    pub fn code(self) -> &'static str {
        match self {
            VettingState::Current => "current",
            VettingState::Expiring => "expiring",
            VettingState::Expired => "expired",
            VettingState::Missing => "missing",
        }
    }

    /// The word the member list shows.
    pub fn label(self) -> &'static str {
        match self {
            VettingState::Current => "Current",
            VettingState::Expiring => "Expiring soon",
            VettingState::Expired => "Expired",
            VettingState::Missing => "None recorded",
        }
    }

    /// Whether the list marks it: vetting that has lapsed, is about to, or
    /// was never recorded, for someone who is (or is about to be) active.
    /// An applicant is vetted on joining; a leaver needs none.
    pub fn needs_attention(self, status: MemberStatus) -> bool {
        self != VettingState::Current
            && !matches!(
                status,
                MemberStatus::Applicant | MemberStatus::Left | MemberStatus::Removed
            )
    }
}

pub fn vetting_state(v: Option<&Vetting>, today: NaiveDate) -> VettingState {
    match v {
        None => VettingState::Missing,
        Some(v) if v.expires_on < today => VettingState::Expired,
        Some(v) if (v.expires_on - today).num_days() <= EXPIRY_NOTICE_DAYS => {
            VettingState::Expiring
        }
        Some(_) => VettingState::Current,
    }
}

pub fn needs_checks(kind: PersonKind, status: MemberStatus) -> bool {
    kind == PersonKind::Member && matches!(status, MemberStatus::Active | MemberStatus::OnLeave)
}

/// Everything that needs attention for one person on `today`, most urgent first.
pub fn warnings(f: &Facts, policy: Policy, today: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    if !needs_checks(f.kind, f.status) {
        return out;
    }
    match (vetting_state(f.vetting.as_ref(), today), f.vetting) {
        (VettingState::Missing, _) => out.push(Warning {
            concern: Concern::VettingMissing,
            message: "No vetting recorded.".into(),
        }),
        (VettingState::Expired, Some(v)) => out.push(Warning {
            concern: Concern::VettingExpired,
            message: format!(
                "Vetting ({}) expired on {}.",
                v.level.label(),
                long_date(v.expires_on)
            ),
        }),
        (VettingState::Expiring, Some(v)) => {
            let days = (v.expires_on - today).num_days();
            out.push(Warning {
                concern: Concern::VettingExpiring,
                message: format!(
                    "Vetting ({}) expires on {}, in {} day{}.",
                    v.level.label(),
                    long_date(v.expires_on),
                    days,
                    if days == 1 { "" } else { "s" }
                ),
            });
        }
        _ => {}
    }
    let mut required = vec![
        AgreementKind::Confidentiality,
        AgreementKind::InformationSharing,
        AgreementKind::CodeOfConduct,
    ];
    if f.is_chair && policy.official_secrets_for_chairs {
        required.push(AgreementKind::OfficialSecrets);
    }
    for kind in required {
        if !f.agreements.iter().any(|(k, _)| *k == kind) {
            out.push(Warning {
                concern: Concern::AgreementMissing,
                message: format!("{} not signed.", kind.label()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::VettingLevel;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2026, 11, 23)
    }

    fn signed_all() -> Vec<(AgreementKind, NaiveDate)> {
        [
            AgreementKind::Confidentiality,
            AgreementKind::InformationSharing,
            AgreementKind::CodeOfConduct,
        ]
        .into_iter()
        .map(|k| (k, day(2025, 1, 1)))
        .collect()
    }

    fn facts(vetting: Option<Vetting>) -> Facts {
        Facts {
            kind: PersonKind::Member,
            status: MemberStatus::Active,
            is_chair: false,
            vetting,
            agreements: signed_all(),
        }
    }

    fn vetting(expires_on: NaiveDate) -> Option<Vetting> {
        Some(Vetting {
            level: VettingLevel::Nppv1,
            granted_on: day(2023, 1, 1),
            expires_on,
        })
    }

    #[test]
    fn a_member_fully_in_order_has_no_warnings() {
        assert!(warnings(&facts(vetting(day(2028, 1, 1))), Policy::default(), today()).is_empty());
    }

    #[test]
    fn expiry_is_flagged_within_60_days_and_not_before() {
        let at_60 = today() + chrono::Days::new(60);
        let w = warnings(&facts(vetting(at_60)), Policy::default(), today());
        assert_eq!(w[0].concern, Concern::VettingExpiring);
        assert_eq!(
            w[0].message,
            "Vetting (NPPV 1) expires on 22 January 2027, in 60 days."
        );
        let at_61 = today() + chrono::Days::new(61);
        assert!(warnings(&facts(vetting(at_61)), Policy::default(), today()).is_empty());
    }

    #[test]
    fn expired_and_missing_vetting_are_flagged() {
        let w = warnings(&facts(vetting(day(2026, 3, 3))), Policy::default(), today());
        assert_eq!(w[0].message, "Vetting (NPPV 1) expired on 3 March 2026.");
        let w = warnings(&facts(None), Policy::default(), today());
        assert_eq!(w[0].concern, Concern::VettingMissing);
    }

    #[test]
    fn each_missing_agreement_is_named() {
        let mut f = facts(vetting(day(2028, 1, 1)));
        f.agreements
            .retain(|(k, _)| *k != AgreementKind::InformationSharing);
        let w = warnings(&f, Policy::default(), today());
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].message, "Information-sharing agreement not signed.");
    }

    #[test]
    fn the_official_secrets_act_applies_to_chairs_only_where_the_force_uses_it() {
        let mut f = facts(vetting(day(2028, 1, 1)));
        f.is_chair = true;
        assert!(warnings(&f, Policy::default(), today()).is_empty());
        let w = warnings(
            &f,
            Policy {
                official_secrets_for_chairs: true,
            },
            today(),
        );
        assert_eq!(w[0].message, "Official Secrets Act not signed.");
    }

    #[test]
    fn applicants_leavers_and_police_are_not_checked() {
        for status in [
            MemberStatus::Applicant,
            MemberStatus::Left,
            MemberStatus::Removed,
        ] {
            let mut f = facts(None);
            f.status = status;
            assert!(
                warnings(&f, Policy::default(), today()).is_empty(),
                "{status:?}"
            );
        }
        let mut f = facts(None);
        f.kind = PersonKind::Police;
        assert!(warnings(&f, Policy::default(), today()).is_empty());
    }
}
