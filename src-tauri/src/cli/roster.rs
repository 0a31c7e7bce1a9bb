//! The roster from the command line: listing, import from CSV or a
//! spreadsheet (creating the groups it names when asked), export as CSV or
//! .xlsx.

use super::args::RosterCommand;
use super::export::{export, format_for};
use super::output::{json, Output};
use super::vault::{now, today, unlock};
use iag_desk_core::exports::{Request, RequestKind};
use iag_desk_core::{lookup, Error, Result, Vault};

/// A group named on the command line, by name (any case) or number.
/// A group named with `--group`: its name (any case) or its number.
pub(super) fn find_group(vault: &Vault, text: &str) -> Result<iag_desk_core::ids::GroupId> {
    lookup::group(vault, text, "--group", today())
}

pub(super) fn roster(path: &std::path::Path, command: RosterCommand) -> Result<Output> {
    use iag_desk_core::roster::members;
    use iag_desk_core::roster::table::{self, ImportOptions, NewGroups};
    use iag_desk_core::vocabulary::Tier;
    let today = now().date();
    match command {
        RosterCommand::List { group } => {
            let vault = unlock(path)?;
            let group = group.map(|g| find_group(&vault, &g)).transpose()?;
            let people = members::search(
                &vault,
                &members::MemberQuery {
                    group,
                    ..Default::default()
                },
                today,
            )?;
            let mut text = String::new();
            for p in &people {
                text.push_str(&format!(
                    "{}  [{}]  {}\n",
                    p.full_name,
                    p.status_label,
                    if p.roles.is_empty() {
                        "no current role".to_string()
                    } else {
                        p.roles.join("; ")
                    }
                ));
                for w in &p.warnings {
                    text.push_str(&format!("    ! {w}\n"));
                }
            }
            text.push_str(&format!(
                "{} member{}",
                people.len(),
                if people.len() == 1 { "" } else { "s" }
            ));
            Ok(Output {
                text,
                json: json(&people),
            })
        }
        RosterCommand::Import {
            file,
            dry_run,
            sheet,
            create_groups,
            tier,
            parent,
        } => {
            let default_tier = tier
                .map(|t| {
                    Tier::from_code(t.trim().to_lowercase().as_str()).ok_or_else(|| {
                        Error::invalid(
                            "--tier",
                            format!(
                                "\"{t}\" is not a tier; use one of: {}.",
                                Tier::ALL
                                    .iter()
                                    .map(|t| t.code())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                    })
                })
                .transpose()?;
            let bytes = std::fs::read(&file).map_err(|e| Error::io("read", &file, e))?;
            let table = table::read(&bytes, sheet.as_deref())?;
            let options = ImportOptions {
                dry_run,
                new_groups: if create_groups {
                    NewGroups::Create {
                        chosen: Vec::new(),
                        default_tier,
                        default_parent: parent,
                    }
                } else {
                    NewGroups::Refuse
                },
            };
            let mut vault = unlock(path)?;
            let report = table::import(&mut vault, &table, &options, today)?;
            let verb = if dry_run { "Would add" } else { "Added" };
            let groups = if report.new_groups.is_empty() {
                String::new()
            } else {
                format!(
                    " {} {} {}: {}.",
                    if dry_run { "Would create" } else { "Created" },
                    report.new_groups.len(),
                    if report.new_groups.len() == 1 {
                        "group"
                    } else {
                        "groups"
                    },
                    report
                        .new_groups
                        .iter()
                        .map(|g| format!(
                            "{} ({})",
                            g.name,
                            g.tier.map(|t| t.label()).unwrap_or("no tier")
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            Ok(Output {
                text: format!(
                    "{verb} {} {} and {} roles from {} rows of {}{}.{groups}{}",
                    report.people_added,
                    if report.people_added == 1 {
                        "person"
                    } else {
                        "people"
                    },
                    report.roles_added,
                    report.rows,
                    file.display(),
                    if report.empty_rows_skipped > 0 {
                        format!(" ({} empty rows skipped)", report.empty_rows_skipped)
                    } else {
                        String::new()
                    },
                    if dry_run {
                        " Nothing was changed (dry run)."
                    } else {
                        ""
                    }
                ),
                json: json(&report),
            })
        }
        RosterCommand::Export { file, group } => {
            let format = format_for(RequestKind::Roster, &file)?;
            export(path, &file, |v| {
                let group = group.map(|g| find_group(v, &g)).transpose()?;
                Ok(Request::Roster { group, format })
            })
        }
    }
}
