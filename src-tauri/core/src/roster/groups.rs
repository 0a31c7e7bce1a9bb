//! Setting up and changing groups: tier, parent, cadence, quorum, status and
//! the named point of escalation.
//!
//! Rules: names are unique (ignoring case); a local group, subgroup or
//! critical group feeds a strategic group, and a strategic group feeds none;
//! standing a group down needs the date it happened.

use super::rules::Quorum;
use crate::dates::parse_date;
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::{roster as db, Vault};
use crate::vocabulary::{GroupStatus, Marking, PublicAttendance, Tier};
use chrono::NaiveDate;

pub use crate::storage::roster::{GroupForm, RecordRules, ValidGroup};

/// What the rules need to know about the other groups: (id, name, tier).
pub type Neighbours<'a> = &'a [(GroupId, String, Tier)];

/// Checks a group's details against the rules and the other groups.
pub fn check_group(
    form: &GroupForm,
    this: Option<GroupId>,
    others: Neighbours,
    today: NaiveDate,
) -> std::result::Result<ValidGroup, Vec<Problem>> {
    let mut problems = Vec::new();
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        problems.push(Problem::new("name", "enter the group's name."));
    } else if others
        .iter()
        .any(|(id, n, _)| Some(*id) != this && n.eq_ignore_ascii_case(&name))
    {
        problems.push(Problem::new(
            "name",
            format!("there is already a group called \"{name}\"."),
        ));
    }
    let tier = Tier::from_code(form.tier.trim());
    if tier.is_none() {
        problems.push(Problem::new("tier", "choose the group's tier."));
    }
    let parent = match form.parent_id.trim() {
        "" => None,
        text => {
            match text
                .parse::<i64>()
                .ok()
                .and_then(|id| others.iter().find(|(g, _, _)| g.0 == id))
            {
                None => {
                    problems.push(Problem::new(
                        "parent_id",
                        "that parent group does not exist.",
                    ));
                    None
                }
                Some((id, _, _)) if Some(*id) == this => {
                    problems.push(Problem::new(
                        "parent_id",
                        "a group cannot report to itself.",
                    ));
                    None
                }
                Some((id, pname, ptier)) => {
                    if *ptier != Tier::Strategic {
                        problems.push(Problem::new(
                        "parent_id",
                        format!("{pname} is not a strategic group; groups report to a strategic IAG."),
                    ));
                    }
                    Some(*id)
                }
            }
        }
    };
    if tier == Some(Tier::Strategic) && parent.is_some() {
        problems.push(Problem::new(
            "parent_id",
            "a strategic group reports to no other group.",
        ));
    }
    let cadence_months = match form.cadence_months.trim() {
        "" => 3,
        text => {
            match text.parse::<u32>() {
                Ok(n) if (1..=24).contains(&n) => n,
                _ => {
                    problems.push(Problem::new(
                    "cadence_months",
                    format!("\"{text}\" is not a number of months between 1 and 24 (3 is quarterly)."),
                ));
                    3
                }
            }
        }
    };
    let quorum = match form.quorum.trim() {
        "" => Quorum::Fraction {
            numerator: 1,
            denominator: 3,
        },
        text => Quorum::parse(text).unwrap_or_else(|m| {
            problems.push(Problem::new("quorum", m));
            Quorum::Count { members: 1 }
        }),
    };
    let public_attendance = match form.public_attendance.trim() {
        "" => PublicAttendance::Names,
        code => PublicAttendance::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new("public_attendance", "choose names or counts."));
            PublicAttendance::Names
        }),
    };
    let rules = check_record_rules(form, &mut problems);
    let status = match form.status.trim() {
        "" => GroupStatus::Active,
        code => GroupStatus::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new("status", "choose active or stood down."));
            GroupStatus::Active
        }),
    };
    let stood_down_on = match parse_date(&form.stood_down_on) {
        Ok(d) => d,
        Err(m) => {
            problems.push(Problem::new("stood_down_on", m));
            None
        }
    };
    match (status, stood_down_on) {
        (GroupStatus::StoodDown, None) if !problems.iter().any(|p| p.field == "stood_down_on") => {
            problems.push(Problem::new(
                "stood_down_on",
                "enter the date the group was stood down.",
            ));
        }
        (_, Some(d)) if d > today => {
            problems.push(Problem::new(
                "stood_down_on",
                "a group cannot be stood down in the future.",
            ));
        }
        _ => {}
    }
    match tier {
        Some(tier) if problems.is_empty() => Ok(ValidGroup {
            name,
            tier,
            parent,
            area: form.area.trim().to_string(),
            cadence_months,
            quorum: quorum.to_text(),
            public_attendance,
            rules,
            escalation: form.escalation.trim().to_string(),
            status,
            stood_down_on: if status == GroupStatus::StoodDown {
                stood_down_on
            } else {
                None
            },
        }),
        _ => Err(problems),
    }
}

/// The longest draft handling line: one line under the marking, not a page.
const HANDLING_MAX: usize = 300;

/// The group's rules for its record, as its terms of reference print them.
fn check_record_rules(form: &GroupForm, problems: &mut Vec<Problem>) -> RecordRules {
    let standard = RecordRules::default();
    let missed_in_a_row = match form.missed_in_a_row.trim() {
        "" => standard.missed_in_a_row,
        text => match text.parse::<u32>() {
            Ok(n) if (1..=12).contains(&n) => n,
            _ => {
                problems.push(Problem::new(
                    "missed_in_a_row",
                    format!("\"{text}\" is not a number of meetings between 1 and 12."),
                ));
                standard.missed_in_a_row
            }
        },
    };
    let apologies_count_as_missed = match form.apologies_count_as_missed.trim() {
        "" | "no" => false,
        "yes" => true,
        _ => {
            problems.push(Problem::new(
                "apologies_count_as_missed",
                "choose yes or no.",
            ));
            false
        }
    };
    let draft_marking = match form.draft_marking.trim() {
        "" => standard.draft_marking,
        code => Marking::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                "draft_marking",
                "choose OFFICIAL or OFFICIAL-SENSITIVE.",
            ));
            standard.draft_marking
        }),
    };
    let draft_handling = form
        .draft_handling
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if draft_handling.chars().count() > HANDLING_MAX {
        problems.push(Problem::new(
            "draft_handling",
            format!(
                "keep the handling line to {HANDLING_MAX} characters (it has {}).",
                draft_handling.chars().count()
            ),
        ));
    }
    RecordRules {
        missed_in_a_row,
        apologies_count_as_missed,
        draft_marking,
        draft_handling,
    }
}

fn neighbours(vault: &Vault) -> Result<Vec<(GroupId, String, Tier)>> {
    db::group_tiers(vault.conn())
}

pub fn add_group(vault: &mut Vault, form: &GroupForm, today: NaiveDate) -> Result<GroupId> {
    let g = check_group(form, None, &neighbours(vault)?, today).map_err(Error::rejected)?;
    db::save_group(vault.conn(), None, &g)
}

pub fn update_group(
    vault: &mut Vault,
    id: GroupId,
    form: &GroupForm,
    today: NaiveDate,
) -> Result<()> {
    let g = check_group(form, Some(id), &neighbours(vault)?, today).map_err(Error::rejected)?;
    db::save_group(vault.conn(), Some(id), &g).map(|_| ())
}

/// A group's name, for titles and file names.
pub fn name(vault: &Vault, id: GroupId) -> Result<String> {
    db::group_tiers(vault.conn())?
        .into_iter()
        .find(|(group, _, _)| *group == id)
        .map(|(_, name, _)| name)
        .ok_or_else(|| Error::NotFound {
            what: "That group".into(),
        })
}

/// The stored values, for the edit form.
pub fn group_form(vault: &Vault, id: GroupId) -> Result<GroupForm> {
    db::group_form(vault.conn(), id)
}

/// What `group`'s terms of reference say about its record.
pub fn record_rules(vault: &Vault, group: GroupId) -> Result<RecordRules> {
    db::record_rules(vault.conn(), group)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn others() -> Vec<(GroupId, String, Tier)> {
        vec![
            (GroupId(1), "Fenwold Strategic IAG".into(), Tier::Strategic),
            (GroupId(2), "Marlow Fen Local IAG".into(), Tier::Local),
        ]
    }

    fn form(name: &str, tier: &str, parent: &str) -> GroupForm {
        GroupForm {
            name: name.into(),
            tier: tier.into(),
            parent_id: parent.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_local_group_reports_to_a_strategic_group_and_defaults_are_quarterly_with_a_third() {
        let g = check_group(
            &form("Kingsbridge Local IAG", "local", "1"),
            None,
            &others(),
            today(),
        )
        .unwrap();
        assert_eq!(g.parent, Some(GroupId(1)));
        assert_eq!(g.cadence_months, 3);
        assert_eq!(g.quorum, "1/3");
    }

    #[test]
    fn groups_report_only_to_strategic_groups_and_never_to_themselves() {
        let p = check_group(
            &form("Youth Subgroup", "subgroup", "2"),
            None,
            &others(),
            today(),
        )
        .unwrap_err();
        assert!(p[0].message.contains("not a strategic group"), "{p:?}");
        let p = check_group(
            &form("Fenwold Strategic IAG", "strategic", "1"),
            Some(GroupId(1)),
            &others(),
            today(),
        )
        .unwrap_err();
        assert!(
            p.iter()
                .any(|p| p.message.contains("cannot report to itself")),
            "{p:?}"
        );
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let p = check_group(
            &form("marlow fen local iag", "local", "1"),
            None,
            &others(),
            today(),
        )
        .unwrap_err();
        assert_eq!(p[0].field, "name");
        assert!(
            check_group(
                &form("Marlow Fen Local IAG", "local", "1"),
                Some(GroupId(2)),
                &others(),
                today()
            )
            .is_ok(),
            "renaming itself is fine"
        );
    }

    #[test]
    fn standing_down_needs_a_date_that_has_happened() {
        let mut f = form("Critical Group", "critical", "1");
        f.status = "stood_down".into();
        let p = check_group(&f, None, &others(), today()).unwrap_err();
        assert_eq!(p[0].field, "stood_down_on");
        f.stood_down_on = "2027-01-01".into();
        assert!(check_group(&f, None, &others(), today()).unwrap_err()[0]
            .message
            .contains("future"));
        f.stood_down_on = "1/11/2026".into();
        assert!(check_group(&f, None, &others(), today()).is_ok());
    }

    #[test]
    fn bad_cadence_and_quorum_are_named() {
        let mut f = form("Kingsbridge Local IAG", "local", "1");
        f.cadence_months = "0".into();
        f.quorum = "half".into();
        let fields: Vec<_> = check_group(&f, None, &others(), today())
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["cadence_months", "quorum"]);
    }
}
