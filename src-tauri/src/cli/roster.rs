//! The roster from the command line: listing, CSV import and export.

use super::args::RosterCommand;
use super::export::export;
use super::output::{json, Output};
use super::vault::{now, today, unlock};
use iag_desk_core::exports::Request;
use iag_desk_core::{lookup, Error, Result, Vault};

/// A group named on the command line, by name (any case) or number.
/// A group named with `--group`: its name (any case) or its number.
pub(super) fn find_group(vault: &Vault, text: &str) -> Result<iag_desk_core::ids::GroupId> {
    lookup::group(vault, text, "--group", today())
}

pub(super) fn roster(path: &std::path::Path, command: RosterCommand) -> Result<Output> {
    use iag_desk_core::roster::{csv, members};
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
        RosterCommand::Import { file, dry_run } => {
            let bytes = std::fs::read(&file).map_err(|e| Error::io("read", &file, e))?;
            let mut vault = unlock(path)?;
            let report = csv::import(&mut vault, &bytes, dry_run, today)?;
            let verb = if dry_run { "Would add" } else { "Added" };
            Ok(Output {
                text: format!(
                    "{verb} {} {} and {} roles from {} rows of {}{}.{}",
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
        RosterCommand::Export { file, group } => export(path, &file, |v| {
            let group = group.map(|g| find_group(v, &g)).transpose()?;
            Ok(Request::Roster { group })
        }),
    }
}
