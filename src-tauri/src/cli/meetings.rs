//! Meetings, search and incidents from the command line.

use super::args::MeetingsCommand;
use super::export::export;
use super::output::{json, Output};
use super::roster::find_group;
use super::vault::{now, unlock};
use iag_desk_core::exports::Request;
use iag_desk_core::ids::MeetingId;
use iag_desk_core::{Error, Result};

pub(super) fn meetings(path: &std::path::Path, command: MeetingsCommand) -> Result<Output> {
    match command {
        MeetingsCommand::List { group } => {
            let vault = unlock(path)?;
            let group = group.map(|g| find_group(&vault, &g)).transpose()?;
            let list: Vec<_> = iag_desk_core::meetings::list(&vault, now())?
                .into_iter()
                .filter(|m| group.is_none_or(|g| m.group_id == g))
                .collect();
            let mut text = String::new();
            for (upcoming, heading) in [(true, "Coming up"), (false, "Held")] {
                let part: Vec<_> = list.iter().filter(|m| m.upcoming == upcoming).collect();
                if part.is_empty() {
                    continue;
                }
                text.push_str(&format!("{heading}:\n"));
                for m in part {
                    text.push_str(&format!(
                        "  {:>5}  {}  {}  [{}]  {}\n",
                        m.id.0, m.when, m.group_name, m.status_label, m.venue
                    ));
                }
            }
            text.push_str(&format!(
                "{} meeting{}",
                list.len(),
                if list.len() == 1 { "" } else { "s" }
            ));
            Ok(Output {
                text,
                json: json(&list),
            })
        }
        MeetingsCommand::Export {
            meeting,
            file,
            audience,
        } => export(path, &file, |_| {
            Ok(Request::Handover {
                meeting: MeetingId(meeting),
                audience: audience.into(),
            })
        }),
        MeetingsCommand::Import {
            file,
            dry_run: true,
        } => {
            let body = std::fs::read_to_string(&file).map_err(|e| Error::io("read", &file, e))?;
            let vault = unlock(path)?;
            let check = iag_desk_core::meetings::handover::check(&vault, &body, now())?;
            let mut text = format!(
                "{}: {} on {}.\n{}\nThe file holds:\n",
                file.display(),
                check.group,
                check.when,
                check.audience_label
            );
            for line in &check.holds {
                text.push_str(&format!("  - {line}\n"));
            }
            text.push_str("Importing it will:\n");
            for line in &check.changes {
                text.push_str(&format!("  - {line}\n"));
            }
            text.push_str("Nothing was imported (--dry-run).");
            Ok(Output {
                text,
                json: json(&check),
            })
        }
        MeetingsCommand::Import { file, .. } => {
            let body = std::fs::read_to_string(&file).map_err(|e| Error::io("read", &file, e))?;
            let mut vault = unlock(path)?;
            let done = iag_desk_core::meetings::handover::import(&mut vault, &body, now())?;
            Ok(Output {
                text: format!(
                    "{} meeting {} from {}: {} agenda items, {} on the register, {} minute entries.",
                    if done.updated { "Updated" } else { "Added" },
                    done.meeting.0,
                    file.display(),
                    done.items,
                    done.attendees,
                    done.minute_entries
                ),
                json: json(&done),
            })
        }
    }
}

/// Prints what the search finds, grouped by kind; confidential hits are
/// marked (this is the vault owner's own terminal, never a file).
pub(super) fn search(path: &std::path::Path, text: &str) -> Result<Output> {
    let vault = unlock(path)?;
    let results = iag_desk_core::search::search(&vault, text, now().date())?;
    let mut out = String::new();
    for g in &results.groups {
        out.push_str(&format!("{} ({}):\n", g.label, g.total));
        for hit in &g.hits {
            out.push_str(&format!(
                "  {}{}\n      {}\n",
                hit.title,
                if hit.confidential {
                    "  [confidential]"
                } else {
                    ""
                },
                hit.detail
            ));
        }
    }
    out.push_str(&format!(
        "{} result{} for \"{}\"",
        results.total,
        if results.total == 1 { "" } else { "s" },
        results.query
    ));
    Ok(Output {
        text: out,
        json: json(&results),
    })
}

/// Incidents, newest first. Confidential titles are shown: this is the
/// vault owner's own terminal.
pub(super) fn incidents(path: &std::path::Path) -> Result<Output> {
    let vault = unlock(path)?;
    let list = iag_desk_core::incidents::list(&vault)?;
    let mut text = String::new();
    for i in &list {
        text.push_str(&format!(
            "  {:>4}  {}  [{}]  {}{}\n",
            i.id,
            i.when,
            i.status_label,
            i.title,
            match &i.group_name {
                Some(g) => format!("  (critical group: {g})"),
                None => String::new(),
            }
        ));
    }
    text.push_str(&format!(
        "{} incident{}",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    ));
    Ok(Output {
        text,
        json: json(&list),
    })
}
