//! The command line: `iag-desk init | demo | status`, headless, plain text or
//! `--json`. It calls the same core functions as the window.
//!
//! Exit codes: 0 success, 1 the request failed (the message says why and what
//! to do), 2 the command line itself was wrong (clap's usage message).

use crate::paths;
use clap::{Args, Parser, Subcommand};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::{Format, Request, RequestKind};
use iag_desk_core::ids::MeetingId;
use iag_desk_core::lookup;
use iag_desk_core::publications::Publication;
use iag_desk_core::{demo, Error, Passphrase, Result, Vault, VaultStatus};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const PASSPHRASE_VAR: &str = "IAG_DESK_PASSPHRASE";
/// The new passphrase for `iag-desk passphrase`, for scripts and tests.
const NEW_PASSPHRASE_VAR: &str = "IAG_DESK_NEW_PASSPHRASE";

#[derive(Debug, Parser)]
#[command(
    name = "iag-desk",
    version,
    about = "IAG Desk: the roster, agendas, minutes and documents of an Independent Advisory Group.",
    long_about = "IAG Desk: the roster, agendas, minutes and documents of an Independent Advisory Group.\n\n\
                  With no command, opens the window. With a command, works headless on the same \
                  encrypted vault.",
    after_help = "The passphrase is read from IAG_DESK_PASSPHRASE, or asked for when a terminal is attached."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Folder holding the vault [default: the system's app-data folder, IAG Desk]
    #[arg(long, global = true, env = "IAG_DESK_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Print JSON instead of text (errors too, on stderr)
    #[arg(long, global = true)]
    json: bool,

    /// For end-to-end tests, which cannot see native dialogs: file saves go
    /// into this folder without asking. Test builds only.
    #[cfg(feature = "test-hooks")]
    #[arg(long, hide = true, env = "IAG_DESK_SAVE_DIR", value_name = "DIR")]
    pub save_dir: Option<PathBuf>,

    /// For end-to-end tests: the file an open dialog would have chosen.
    /// Test builds only.
    #[cfg(feature = "test-hooks")]
    #[arg(long, hide = true, env = "IAG_DESK_OPEN_FILE", value_name = "FILE")]
    pub open_file: Option<PathBuf>,

    /// For end-to-end tests: lock after this many idle seconds. Test builds
    /// only.
    #[cfg(feature = "test-hooks")]
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub idle_lock_seconds: Option<u64>,

    /// For tests: start the clock at this local time (it then ticks), so a
    /// test knows which day the app thinks it is. Test builds only.
    #[cfg(feature = "test-hooks")]
    #[arg(long, hide = true, env = "IAG_DESK_CLOCK", value_name = "YYYY-MM-DDTHH:MM",
          value_parser = parse_clock)]
    pub clock: Option<chrono::NaiveDateTime>,
}

#[cfg(feature = "test-hooks")]
fn parse_clock(text: &str) -> std::result::Result<chrono::NaiveDateTime, String> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| format!("{text:?} is not a local time like 2026-11-23T12:00"))
}

impl GlobalArgs {
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir
            .clone()
            .unwrap_or_else(paths::default_data_dir)
    }

    /// Applies the test hooks given (a test build's fixed start of the
    /// clock) and returns the dialogs' pre-set answers; in a build without
    /// the `test-hooks` feature there are none, and every dialog asks.
    pub fn test_hooks(&self) -> crate::dialogs::Answers {
        #[cfg(feature = "test-hooks")]
        {
            if let Some(start) = self.clock {
                crate::clock::start_at(start);
            }
            crate::dialogs::Answers {
                save_dir: self.save_dir.clone(),
                open_file: self.open_file.clone(),
                idle_lock_seconds: self.idle_lock_seconds,
            }
        }
        #[cfg(not(feature = "test-hooks"))]
        crate::dialogs::Answers::default()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new encrypted vault
    Init,
    /// Load the fictional demo force into the vault (safe to run twice)
    Demo {
        /// Remove the demo force instead, leaving every real record
        #[arg(long, conflicts_with = "large")]
        remove: bool,
        /// Also add a large force (10,000 members, 2,000 meetings, 30,000 agenda items) to try IAG Desk at scale. Not removable: use a data folder of its own
        #[arg(long)]
        large: bool,
    },
    /// Show the vault's location, schema version and counts
    Status,
    /// The roster: list members, import or export CSV
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Meetings: list them
    #[command(subcommand)]
    Meetings(MeetingsCommand),
    /// Write a meeting's agenda as a PDF, or as a web page when FILE ends in .html (public: confidential items show only their public title and reason)
    Agenda {
        /// The meeting's number, as `meetings list` shows it
        meeting: i64,
        /// The file to write: .pdf, or .html for the accessible web page
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.html")]
        output: PathBuf,
    },
    /// Write a meeting's sign-in sheet as a PDF
    Signin {
        /// The meeting's number, as `meetings list` shows it
        meeting: i64,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write a meeting's minutes as a PDF, or as a web page when FILE ends in .html: the public minutes, or the members' confidential annex
    Minutes {
        /// The meeting's number, as `meetings list` shows it
        meeting: i64,
        /// The file to write: .pdf, or .html for the accessible web page
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.html")]
        output: PathBuf,
        /// public: the minutes anyone may read; members: the confidential annex
        #[arg(long, value_enum)]
        audience: AudienceArg,
    },
    /// Write the advice register (advice given and the police response) as PDF or CSV
    Advice {
        /// Only this group's advice (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Only advice given on or after this date (2026-07-01 or 01/07/2026)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only advice given on or before this date
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only advice with this response: awaiting, accepted, partly_accepted, not_followed
        #[arg(long, value_name = "RESPONSE")]
        response: Option<String>,
        /// The file to write: .pdf or .csv
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.csv")]
        output: PathBuf,
    },
    /// Write the action log (owner, due date, status) as PDF or CSV
    Actions {
        /// Only this group's actions (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Only actions with this status: open, done, dropped
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Only open actions past their due date
        #[arg(long)]
        overdue: bool,
        /// The file to write: .pdf or .csv
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.csv")]
        output: PathBuf,
    },
    /// Write a group's induction pack as a PDF, or as a web page when FILE ends in .html
    Pack {
        /// The group (its name, or its number)
        group: String,
        /// The file to write: .pdf, or .html for the accessible web page
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.html")]
        output: PathBuf,
        /// Personalise the cover and the agreement for this member (name or number)
        #[arg(long, value_name = "MEMBER")]
        member: Option<String>,
        /// Large print: body text at 16 pt
        #[arg(long)]
        large_print: bool,
    },
    /// Write a group's terms of reference as a PDF, or as a web page when FILE ends in .html
    Tor {
        /// The group (its name, or its number)
        group: String,
        /// The file to write: .pdf, or .html for the accessible web page
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.html")]
        output: PathBuf,
    },
    /// Write the quarterly feedback report (public) as a PDF
    Feedback {
        /// The quarter, e.g. 2026-Q3
        #[arg(long, value_name = "YYYY-QN")]
        quarter: String,
        /// Only this group (its name, or its number); the whole force without it
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Critical incidents: list them
    #[command(subcommand)]
    Incidents(IncidentsCommand),
    /// The audit trail, most recent first: approvals, agreements, confidential exports, erasures, backups
    Audit {
        /// How many lines to show
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Write the call list (names, phone, email) of an incident's critical group as a PDF
    Calllist {
        /// The incident's number, as `incidents list` shows it
        incident: i64,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Take an encrypted backup of the vault (same passphrase) into a new file
    Backup {
        /// The backup file to create (never overwrites)
        file: PathBuf,
    },
    /// Change the vault's passphrase (asks for the current one, then the new one twice)
    Passphrase,
    /// Replace the vault with a backup (checked first; the replaced vault is kept beside it)
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Write a copy of everything held about one person (a subject access request), as PDF or JSON
    SubjectAccess {
        /// The person (their whole name, or their number)
        person: String,
        /// The file to write: .pdf or .json
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Erase a person: details, roles, vetting and answers deleted; their name replaced by their role in minutes and registers
    Erase {
        /// The person (their whole name, or their number)
        person: String,
        /// Their whole name as the roster has it, to confirm
        #[arg(long, value_name = "NAME")]
        confirm: String,
    },
    /// Search members, meetings, agenda items, minutes, advice and actions
    Search {
        /// Every word must match, in any script
        text: Vec<String>,
    },
    /// Write meetings as an iCalendar (.ics) file for Outlook, Google or Apple calendars
    Calendar {
        /// Only this group's meetings (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// The file to write
        #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum IncidentsCommand {
    /// List incidents, newest first, with their status and critical group
    List,
}

/// Who a document or file is for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum AudienceArg {
    Public,
    Members,
}

impl From<AudienceArg> for Audience {
    fn from(a: AudienceArg) -> Audience {
        match a {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Members => Audience::Members,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum MeetingsCommand {
    /// List meetings, upcoming first, with their status
    List {
        /// Only this group's meetings (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Write one meeting (agenda, attendance and minutes) as a hand-over file for another laptop
    Export {
        /// The meeting's number, as `meetings list` shows it
        meeting: i64,
        file: PathBuf,
        /// members: everything but not-recorded matters (for the group's own
        /// secretary or chair); public: only what the public minutes show
        #[arg(long, value_enum)]
        audience: AudienceArg,
    },
    /// Read a hand-over file: a new meeting, or an update to the same one
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// List members with their roles, vetting and warnings
    List {
        /// Only the current members of this group (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Add people from a CSV file (all rows or none; see the README for columns)
    Import {
        file: PathBuf,
        /// Check the file and say what would happen, changing nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the roster to a CSV file that Excel opens directly
    Export {
        file: PathBuf,
        /// Only the current members of this group (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
}

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
            Ok(Request::Feedback { quarter, group })
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

/// Writes to stderr; a closed stderr is no reason to panic (the exit code
/// still says what happened).
fn complain(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// What a command prints: text for people, JSON for scripts.
struct Output {
    text: String,
    json: serde_json::Value,
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn now() -> chrono::NaiveDateTime {
    crate::clock::now()
}

fn today() -> chrono::NaiveDate {
    crate::clock::today()
}

/// The passphrase from the environment, else from a prompt on a terminal.
/// A passphrase given in the environment, removed from it at once so that
/// nothing this process starts (the printer, a viewer) inherits it, and
/// wiped from memory when dropped.
fn taken_from_environment(var: &str) -> Option<zeroize::Zeroizing<String>> {
    let value = std::env::var(var).ok()?;
    std::env::remove_var(var);
    Some(zeroize::Zeroizing::new(value))
}

/// `confirm` asks twice (for a new vault).
fn read_passphrase(confirm: bool) -> Result<(Passphrase, Passphrase)> {
    if let Some(value) = taken_from_environment(PASSPHRASE_VAR) {
        return Ok((
            Passphrase::new(value.as_str()),
            Passphrase::new(value.as_str()),
        ));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "Passphrase",
            format!(
                "none given. Set {PASSPHRASE_VAR}, or run the command in a terminal to be asked."
            ),
        ));
    }
    let prompt = |text: &str| {
        rpassword::prompt_password(text)
            .map(Passphrase::new)
            .map_err(|e| Error::io("read the passphrase from", "the terminal", e))
    };
    let first = prompt("Vault passphrase: ")?;
    let second = if confirm {
        prompt("Type it again: ")?
    } else {
        Passphrase::new(String::new())
    };
    Ok((first, second))
}

fn unlock(path: &std::path::Path) -> Result<Vault> {
    if !path.is_file() {
        return Err(Error::VaultMissing(path.to_path_buf()));
    }
    let (passphrase, _) = read_passphrase(false)?;
    Vault::unlock(path, &passphrase)
}

fn init(path: &std::path::Path) -> Result<Output> {
    if path.exists() {
        return Err(Error::VaultExists(path.to_path_buf()));
    }
    let (passphrase, confirmation) = read_passphrase(true)?;
    passphrase.check_new(&confirmation)?;
    let vault = Vault::create(path, &passphrase)?;
    Ok(Output {
        text: format!(
            "Created an encrypted vault at {}.\n\
             Keep the passphrase safe: it cannot be recovered, and without it nobody, \
             including you, can open the vault.",
            vault.path().display()
        ),
        json: serde_json::json!({ "created": vault.path(), "schema_version": vault.schema_version()? }),
    })
}

fn load_demo(path: &std::path::Path, remove: bool, large: bool) -> Result<Output> {
    let mut vault = unlock(path)?;
    if remove {
        let removed = demo::remove(&mut vault)?;
        return Ok(Output {
            text: if removed == 0 {
                "No demo records were in the vault: nothing removed.".into()
            } else {
                format!(
                    "Removed the demo force ({removed} records). Your own records are untouched."
                )
            },
            json: serde_json::json!({ "removed": removed }),
        });
    }
    let report = demo::load(&mut vault, now().date())?;
    if large {
        let members = iag_desk_core::roster::members::search(
            &vault,
            &iag_desk_core::roster::members::MemberQuery::default(),
            now().date(),
        )?
        .len();
        let grown = demo::large::grow(
            &mut vault,
            now().date(),
            10_000usize.saturating_sub(members),
            2_000,
        )?;
        return Ok(Output {
            text: format!(
                "Loaded the demo force and a large force beside it: {} more members, {} more meetings, {} more agenda items.",
                grown.members, grown.meetings, grown.agenda_items
            ),
            json: json(&grown),
        });
    }
    Ok(Output {
        text: if report.refreshed {
            format!(
                "Brought the demo force (Fenwold Police) up to date: its meetings, records and \
                 dates are laid out around {} again. Your own records are untouched.",
                iag_desk_core::dates::long_date(report.anchor)
            )
        } else if report.added == 0 {
            "The demo force (Fenwold Police) is already loaded: nothing added.".into()
        } else {
            format!(
                "Loaded the demo force (Fenwold Police): {} records added. \
                 Every name is fictional; remove it with `iag-desk demo --remove`.",
                report.added
            )
        },
        json: json(&report),
    })
}

fn status(path: &std::path::Path) -> Result<Output> {
    let vault = unlock(path)?;
    let s: VaultStatus = vault.status(now())?;
    let c = &s.counts;
    let text = [
        format!("Vault:           {}", s.path.display()),
        format!("Schema version:  {}", s.schema_version),
        format!(
            "Demo force:      {}",
            if s.demo_loaded {
                "loaded"
            } else {
                "not loaded"
            }
        ),
        format!(
            "Groups:          {} active, {} stood down",
            c.groups_active, c.groups_stood_down
        ),
        format!(
            "Members:         {} active ({} on the roster)",
            c.members_active, c.members_total
        ),
        format!("Police contacts: {}", c.police_contacts),
        format!(
            "Meetings:        {} held, {} upcoming",
            c.meetings_held, c.meetings_upcoming
        ),
    ]
    .join("\n");
    Ok(Output {
        text,
        json: json(&s),
    })
}

/// A group named on the command line, by name (any case) or number.
/// A group named with `--group`: its name (any case) or its number.
fn find_group(vault: &Vault, text: &str) -> Result<iag_desk_core::ids::GroupId> {
    lookup::group(vault, text, "--group", today())
}

fn roster(path: &std::path::Path, command: RosterCommand) -> Result<Output> {
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

fn meetings(path: &std::path::Path, command: MeetingsCommand) -> Result<Output> {
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
        MeetingsCommand::Import { file } => {
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
fn search(path: &std::path::Path, text: &str) -> Result<Output> {
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
fn incidents(path: &std::path::Path) -> Result<Output> {
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

fn change_passphrase(path: &std::path::Path) -> Result<Output> {
    let (current, _) = read_passphrase(false)?;
    let mut vault = Vault::unlock(path, &current)?;
    let (new, confirmation) = match taken_from_environment(NEW_PASSPHRASE_VAR) {
        Some(v) => (Passphrase::new(v.as_str()), Passphrase::new(v.as_str())),
        None if std::io::stdin().is_terminal() => {
            let ask = |text: &str| {
                rpassword::prompt_password(text)
                    .map(Passphrase::new)
                    .map_err(|e| Error::io("read the passphrase from", "the terminal", e))
            };
            (ask("New passphrase: ")?, ask("Type it again: ")?)
        }
        None => {
            return Err(Error::invalid(
                "New passphrase",
                format!("none given. Set {NEW_PASSPHRASE_VAR}, or run in a terminal to be asked."),
            ))
        }
    };
    vault.change_passphrase(&current, &new, &confirmation, now())?;
    Ok(Output {
        text: "The passphrase is changed. The old one no longer opens the vault; backups taken \
               before keep the passphrase they were taken with."
            .into(),
        json: serde_json::json!({ "changed": true }),
    })
}

fn restore(path: &std::path::Path, file: &std::path::Path) -> Result<Output> {
    let (passphrase, _) = read_passphrase(false)?;
    let (_, restored) = iag_desk_core::storage::restore(path, file, &passphrase, now())?;
    Ok(Output {
        text: match &restored.previous {
            Some(p) => format!(
                "Restored the vault from {}. The vault it replaced is kept at {}.",
                file.display(),
                p.display()
            ),
            None => format!("Restored the vault from {}.", file.display()),
        },
        json: json(&restored),
    })
}

fn backup(path: &std::path::Path, file: &std::path::Path) -> Result<Output> {
    let mut vault = unlock(path)?;
    let report = iag_desk_core::backup::backup(&mut vault, file, now())?;
    Ok(Output {
        text: format!(
            "Backed up the vault to {} ({} KB), encrypted with the same passphrase. Keep it \
             somewhere other than this computer.",
            report.path.display(),
            report.bytes.div_ceil(1024)
        ),
        json: json(&report),
    })
}

/// Writes one of the printed documents made by `make`, always a PDF (the
/// message names no format, as before web pages existed).
/// The audit trail as Settings shows it: when, what, and about whom.
fn audit(path: &std::path::Path, limit: usize) -> Result<Output> {
    let vault = unlock(path)?;
    let lines = iag_desk_core::audit::list(&vault, limit)?;
    let text = if lines.is_empty() {
        "The audit trail is empty.".to_owned()
    } else {
        lines
            .iter()
            .map(|l| format!("{}  {}: {}", l.at, l.action, l.detail))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Ok(Output {
        text,
        json: json(&lines),
    })
}

/// Unlocks the vault, makes the file the request names and writes it
/// (into a folder under the name the window would suggest), then records
/// its audit line; says what was written.
fn export(
    path: &std::path::Path,
    output: &std::path::Path,
    request: impl FnOnce(&Vault) -> Result<Request>,
) -> Result<Output> {
    let vault = unlock(path)?;
    let request = request(&vault)?;
    let (export, written) = crate::export::write(&vault, &request, output)?;
    Ok(Output {
        text: export.confirmation(&written),
        json: serde_json::json!({
            "written": written,
            "file_name": export.file_name,
            "bytes": export.bytes.len(),
            "format": export.format.code(),
            "readers": export.readers,
        }),
    })
}

/// The format `-o FILE` asks for, by its ending.
fn format_for(kind: RequestKind, output: &std::path::Path) -> Result<Format> {
    iag_desk_core::exports::format_for_file(kind, &output.to_string_lossy())
}

fn erase(path: &std::path::Path, person: &str, confirm: &str) -> Result<Output> {
    let mut vault = unlock(path)?;
    let id = lookup::person(&vault, person, "PERSON", today())?;
    let erased = iag_desk_core::data_protection::erase(&mut vault, id, confirm, now())?;
    Ok(Output {
        text: format!(
            "Erased. Their name was replaced by their role ({}) in {} places.",
            erased.shown_as, erased.replaced
        ),
        json: serde_json::to_value(&erased).unwrap_or_default(),
    })
}

/// A person by number, or by their whole name (any script, any case).
/// `arg` names the argument in a message: `--member`, `PERSON`.
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
        assert_eq!(cli.global.data_dir(), PathBuf::from("/tmp/x"));
    }
}
