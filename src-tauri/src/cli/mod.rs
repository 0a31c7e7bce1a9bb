//! The command line: the same binary as the window, run headless with a
//! subcommand; plain text, or JSON with `--json`. Every subcommand calls the
//! same core functions as the window, and every file it writes goes through
//! the one way out (`crate::export`).
//!
//! Exit codes: 0 success, 1 the request failed (the message says why and what
//! to do), 2 the command line itself was wrong (clap's usage message).

mod args;
mod data_protection;
mod export;
mod meetings;
mod output;
mod roster;
mod vault;

pub use args::*;

use crate::paths;
use clap::Parser;
use data_protection::erase;
use export::{export, format_for};
use iag_desk_core::exports::{Request, RequestKind};
use iag_desk_core::ids::MeetingId;
use iag_desk_core::lookup;
use iag_desk_core::publications::Publication;
use iag_desk_core::Error;
use meetings::{incidents, meetings, search};
use output::complain;
use roster::{find_group, roster};
use std::io::Write;
use vault::{audit, backup, change_passphrase, init, load_demo, restore, status, today};

pub fn parse() -> Cli {
    Cli::parse()
}

pub fn run(command: Command, global: &GlobalArgs) -> i32 {
    let vault_path = paths::vault_path(&global.data_dir());
    let result = match command {
        Command::Init => init(&vault_path),
        Command::Demo { remove, large } => load_demo(&vault_path, remove, large),
        Command::Status => status(&vault_path),
        Command::Roster(c) => roster(&vault_path, c),
        Command::Meetings(c) => meetings(&vault_path, c),
        Command::Calendar { group, output } => export(&vault_path, &output, |v| {
            let group = group.map(|g| find_group(v, &g)).transpose()?;
            Ok(Request::Calendar { group })
        }),
        Command::Agenda { meeting, output } => export(&vault_path, &output, |_| {
            Ok(Request::Agenda {
                meeting: MeetingId(meeting),
                format: format_for(RequestKind::Document, &output)?,
            })
        }),
        Command::Minutes {
            meeting,
            output,
            audience,
        } => export(&vault_path, &output, |_| {
            Ok(Request::Minutes {
                meeting: MeetingId(meeting),
                audience: audience.into(),
                format: format_for(RequestKind::Document, &output)?,
            })
        }),
        Command::PackPapers {
            meeting,
            audience,
            supplement,
            output,
        } => export(&vault_path, &output, |_| {
            Ok(Request::AgendaPack {
                meeting: MeetingId(meeting),
                audience: audience.into(),
                supplement,
            })
        }),
        Command::Send {
            meeting,
            audience,
            supplement,
            output,
        } => export(&vault_path, &output, |_| {
            Ok(Request::PapersEmail {
                meeting: MeetingId(meeting),
                audience: audience.into(),
                supplement,
            })
        }),
        Command::Advice {
            group,
            from,
            to,
            response,
            output,
        } => export(&vault_path, &output, |v| {
            let format = format_for(RequestKind::Table, &output)?;
            let group = group.map(|g| find_group(v, &g)).transpose()?;
            let query = iag_desk_core::minutes::advice::AdviceQuery {
                group_id: group.map(|g| g.0),
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                response: response.unwrap_or_default(),
            };
            Ok(Request::Advice { query, format })
        }),
        Command::Actions {
            group,
            status,
            overdue,
            output,
        } => export(&vault_path, &output, |v| {
            let format = format_for(RequestKind::Table, &output)?;
            let group = group.map(|g| find_group(v, &g)).transpose()?;
            let query = iag_desk_core::minutes::actions::ActionQuery {
                group_id: group.map(|g| g.0),
                status: status.unwrap_or_default(),
                overdue_only: overdue,
            };
            Ok(Request::Actions { query, format })
        }),
        Command::Attendance {
            group,
            from,
            to,
            output,
        } => export(&vault_path, &output, |v| {
            let format = format_for(RequestKind::Table, &output)?;
            let (from, to) = iag_desk_core::roster::attendance::parse_period(
                from.as_deref().unwrap_or_default(),
                to.as_deref().unwrap_or_default(),
            )?;
            Ok(Request::Attendance {
                group: lookup::group(v, &group, "GROUP", today())?,
                from,
                to,
                format,
            })
        }),
        Command::Pack {
            group,
            output,
            member,
            large_print,
        } => export(&vault_path, &output, |v| {
            Ok(Request::Publication {
                group: lookup::group(v, &group, "GROUP", today())?,
                publication: Publication::InductionPack,
                member: member
                    .as_deref()
                    .map(|m| lookup::person(v, m, "--member", today()))
                    .transpose()?,
                large_print,
                format: format_for(RequestKind::Document, &output)?,
            })
        }),
        Command::Tor { group, output } => export(&vault_path, &output, |v| {
            Ok(Request::Publication {
                group: lookup::group(v, &group, "GROUP", today())?,
                publication: Publication::TermsOfReference,
                member: None,
                large_print: false,
                format: format_for(RequestKind::Document, &output)?,
            })
        }),
        Command::Feedback {
            quarter,
            group,
            output,
        } => export(&vault_path, &output, |v| {
            let group = group.map(|g| find_group(v, &g)).transpose()?;
            Ok(Request::Feedback {
                quarter,
                group,
                format: format_for(RequestKind::Document, &output)?,
            })
        }),
        Command::Search { text } => search(&vault_path, &text.join(" ")),
        Command::SubjectAccess { person, output } => export(&vault_path, &output, |v| {
            Ok(Request::SubjectAccess {
                person: lookup::person(v, &person, "PERSON", today())?,
                format: format_for(RequestKind::SubjectAccess, &output)?,
            })
        }),
        Command::Erase { person, confirm } => erase(&vault_path, &person, &confirm),
        Command::Backup { file } => backup(&vault_path, &file),
        Command::Passphrase => change_passphrase(&vault_path),
        Command::Restore { file } => restore(&vault_path, &file),
        Command::Incidents(IncidentsCommand::List) => incidents(&vault_path),
        Command::Audit { limit } => audit(&vault_path, limit),
        Command::Calllist { incident, output } => {
            export(&vault_path, &output, |_| Ok(Request::CallList { incident }))
        }
        Command::Signin { meeting, output } => export(&vault_path, &output, |_| {
            Ok(Request::SignIn {
                meeting: MeetingId(meeting),
            })
        }),
    };
    match result {
        Ok(out) => {
            let body = if global.json {
                out.json.to_string()
            } else {
                out.text
            };
            match writeln!(std::io::stdout().lock(), "{body}") {
                Ok(()) => 0,
                // The reader has gone (`| head -1`, `| true`): what was asked
                // is done and nobody is left to read the rest, so end
                // quietly, as ripgrep does, instead of a panic.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    complain(&format!("iag-desk: could not write the output: {e}"));
                    1
                }
            }
        }
        Err(e) => {
            let mut message = String::new();
            if global.json {
                let body = serde_json::json!({
                    "error": { "kind": e.kind(), "message": e.to_string(), "problems": e.problems() }
                });
                message.push_str(&body.to_string());
            } else if !e.problems().is_empty() {
                let n = e.problems().len();
                message.push_str(&format!(
                    "iag-desk: {n} problem{} found; nothing was changed:",
                    if n == 1 { "" } else { "s" }
                ));
                for p in e.problems() {
                    message.push_str(&format!("\n  {}: {}", p.field, p.message));
                }
            } else {
                message.push_str(&format!("iag-desk: {e}"));
            }
            if matches!(e, Error::Storage(_) | Error::Internal(_)) {
                message.push_str(&format!("\niag-desk: detail: {}", e.detail()));
            }
            complain(&message);
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_arguments_means_the_window() {
        let cli = Cli::try_parse_from(["iag-desk"]).unwrap();
        assert!(cli.command.is_none(), "no subcommand must open the window");
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["iag-desk", "status", "--json", "--data-dir", "/tmp/x"]).unwrap();
        assert!(cli.global.json);
        assert_eq!(cli.global.data_dir(), std::path::PathBuf::from("/tmp/x"));
    }
}
