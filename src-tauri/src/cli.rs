//! The command line: `iag-desk init | demo | status`, headless, plain text or
//! `--json`. It calls the same core functions as the window.
//!
//! Exit codes: 0 success, 1 the request failed (the message says why and what
//! to do), 2 the command line itself was wrong (clap's usage message).

use crate::paths;
use clap::{Args, Parser, Subcommand};
use iag_desk_core::minutes::{Audience, TableFormat};
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
        Command::Calendar { group, output } => calendar(&vault_path, group, &output),
        Command::Agenda { meeting, output } => {
            let format = DocumentFormat::of(&output);
            document(&vault_path, &output, "agenda", format, |v| {
                let id = iag_desk_core::ids::MeetingId(meeting);
                match format {
                    DocumentFormat::Pdf => iag_desk_core::meetings::plan::agenda_pdf(v, id),
                    DocumentFormat::Html => {
                        iag_desk_core::meetings::plan::agenda_html(v, id).map(String::into_bytes)
                    }
                }
            })
        }
        Command::Minutes {
            meeting,
            output,
            audience,
        } => minutes(&vault_path, meeting, &output, audience.into()),
        Command::Advice {
            group,
            from,
            to,
            response,
            output,
        } => advice(&vault_path, group, from, to, response, &output),
        Command::Actions {
            group,
            status,
            overdue,
            output,
        } => actions(&vault_path, group, status, overdue, &output),
        Command::Pack {
            group,
            output,
            member,
            large_print,
        } => pack(&vault_path, &group, member, large_print, &output),
        Command::Tor { group, output } => {
            let format = DocumentFormat::of(&output);
            document(&vault_path, &output, "terms of reference", format, |v| {
                let g = find_group(v, &group)?;
                let today = now().date();
                match format {
                    DocumentFormat::Pdf => {
                        iag_desk_core::publications::terms::terms_pdf(v, g, today)
                    }
                    DocumentFormat::Html => {
                        iag_desk_core::publications::terms::terms_html(v, g, today)
                            .map(String::into_bytes)
                    }
                }
            })
        }
        Command::Feedback {
            quarter,
            group,
            output,
        } => publication(&vault_path, &output, "quarterly feedback report", |v| {
            let g = group.as_deref().map(|g| find_group(v, g)).transpose()?;
            iag_desk_core::publications::feedback::feedback_pdf(v, &quarter, g, now().date())
        }),
        Command::Search { text } => search(&vault_path, &text.join(" ")),
        Command::SubjectAccess { person, output } => {
            let json = output.extension().is_some_and(|e| e == "json");
            publication(&vault_path, &output, "copy of the person's data", |v| {
                let id = find_member(v, &person, "PERSON")?;
                let copy = iag_desk_core::data_protection::subject_access(v, id, now())?;
                let bytes = if json {
                    iag_desk_core::data_protection::subject_access_json(&copy)?.into_bytes()
                } else {
                    iag_desk_core::data_protection::subject_access_pdf(&copy)?
                };
                iag_desk_core::data_protection::note_subject_access(
                    v,
                    &copy,
                    now(),
                    if json { "json" } else { "pdf" },
                )?;
                Ok(bytes)
            })
        }
        Command::Erase { person, confirm } => erase(&vault_path, &person, &confirm),
        Command::Backup { file } => backup(&vault_path, &file),
        Command::Passphrase => change_passphrase(&vault_path),
        Command::Restore { file } => restore(&vault_path, &file),
        Command::Incidents(IncidentsCommand::List) => incidents(&vault_path),
        Command::Calllist { incident, output } => {
            publication(&vault_path, &output, "call list", |v| {
                let bytes = iag_desk_core::incidents::call_list_pdf(v, incident, now().date())?;
                let group = iag_desk_core::incidents::detail(v, incident, now().date())?
                    .summary
                    .group_name
                    .unwrap_or_default();
                iag_desk_core::audit::note(
                    v,
                    now(),
                    iag_desk_core::audit::AuditAction::ConfidentialExport,
                    &format!("The call list of {group} (personal contact details)."),
                )?;
                Ok(bytes)
            })
        }
        Command::Signin { meeting, output } => {
            publication(&vault_path, &output, "sign-in sheet", |v| {
                iag_desk_core::meetings::plan::sign_in_pdf(
                    v,
                    iag_desk_core::ids::MeetingId(meeting),
                )
            })
        }
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
fn find_group(vault: &Vault, text: &str) -> Result<iag_desk_core::ids::GroupId> {
    let groups = iag_desk_core::roster::groups(vault, now().date())?;
    groups
        .iter()
        .find(|g| g.name.eq_ignore_ascii_case(text.trim()) || g.id.0.to_string() == text.trim())
        .map(|g| g.id)
        .ok_or_else(|| {
            Error::invalid(
                "--group",
                format!(
                    "there is no group called \"{text}\". The groups are: {}.",
                    groups
                        .iter()
                        .map(|g| g.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
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
        RosterCommand::Export { file, group } => {
            let vault = unlock(path)?;
            let group = group.map(|g| find_group(&vault, &g)).transpose()?;
            let bytes = csv::export(&vault, group, today)?;
            crate::files::write_atomically(&file, &bytes)?;
            Ok(Output {
                text: format!(
                    "Wrote the roster to {} ({} bytes).",
                    file.display(),
                    bytes.len()
                ),
                json: serde_json::json!({ "written": file, "bytes": bytes.len() }),
            })
        }
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
        } => {
            let mut vault = unlock(path)?;
            let audience = Audience::from(audience);
            let body = iag_desk_core::meetings::handover::export(
                &mut vault,
                iag_desk_core::ids::MeetingId(meeting),
                audience,
            )?;
            crate::files::write_atomically(&file, body.as_bytes())?;
            if audience == Audience::Members {
                crate::audit_export(
                    &vault,
                    iag_desk_core::ids::MeetingId(meeting),
                    "The members' hand-over file",
                )?;
            }
            Ok(Output {
                text: match audience {
                    Audience::Members => format!(
                        "Wrote meeting {meeting} to {} for members. It holds confidential \
                         items and minutes: pass it only to the group's chair or secretary, \
                         and delete it once imported.",
                        file.display()
                    ),
                    Audience::Public => format!(
                        "Wrote meeting {meeting} to {}: the public version, with confidential \
                         items shown only by their public title and reason.",
                        file.display()
                    ),
                },
                json: serde_json::json!({ "written": file, "meeting": meeting }),
            })
        }
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
fn publication(
    path: &std::path::Path,
    output: &std::path::Path,
    what: &str,
    make: impl FnOnce(&Vault) -> Result<Vec<u8>>,
) -> Result<Output> {
    let bytes = write_from_vault(path, output, make)?;
    Ok(Output {
        text: format!(
            "Wrote the {what} to {} ({} KB).",
            output.display(),
            bytes.div_ceil(1024)
        ),
        json: serde_json::json!({ "written": output, "bytes": bytes }),
    })
}

/// Unlocks the vault, makes the file's bytes and writes them atomically;
/// returns how many bytes were written.
fn write_from_vault(
    path: &std::path::Path,
    output: &std::path::Path,
    make: impl FnOnce(&Vault) -> Result<Vec<u8>>,
) -> Result<usize> {
    let vault = unlock(path)?;
    let bytes = make(&vault)?;
    crate::files::write_atomically(output, &bytes)?;
    Ok(bytes.len())
}

/// The format `-o FILE` asks for: the accessible web page for a `.html` or
/// `.htm` file, a PDF for anything else (as before web pages existed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocumentFormat {
    Pdf,
    Html,
}

impl DocumentFormat {
    fn of(output: &std::path::Path) -> Self {
        let html = output
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if html {
            DocumentFormat::Html
        } else {
            DocumentFormat::Pdf
        }
    }

    fn words(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "a PDF",
            DocumentFormat::Html => "a web page (HTML)",
        }
    }

    fn code(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Html => "html",
        }
    }
}

/// Writes a document made by `make` in `format`, saying which format.
fn document(
    path: &std::path::Path,
    output: &std::path::Path,
    what: &str,
    format: DocumentFormat,
    make: impl FnOnce(&Vault) -> Result<Vec<u8>>,
) -> Result<Output> {
    let bytes = write_from_vault(path, output, make)?;
    Ok(Output {
        text: format!(
            "Wrote the {what} as {} to {} ({} KB).",
            format.words(),
            output.display(),
            bytes.div_ceil(1024)
        ),
        json: serde_json::json!({
            "written": output,
            "bytes": bytes,
            "format": format.code(),
        }),
    })
}

fn pack(
    path: &std::path::Path,
    group: &str,
    member: Option<String>,
    large_print: bool,
    output: &std::path::Path,
) -> Result<Output> {
    let format = DocumentFormat::of(output);
    document(path, output, "induction pack", format, |v| {
        let g = find_group(v, group)?;
        let member = member
            .as_deref()
            .map(|m| find_member(v, m, "--member"))
            .transpose()?;
        let today = now().date();
        match format {
            DocumentFormat::Pdf => {
                iag_desk_core::publications::pack::pack_pdf(v, g, member, large_print, today)
            }
            DocumentFormat::Html => {
                iag_desk_core::publications::pack::pack_html(v, g, member, large_print, today)
                    .map(String::into_bytes)
            }
        }
    })
}

fn erase(path: &std::path::Path, person: &str, confirm: &str) -> Result<Output> {
    let mut vault = unlock(path)?;
    let id = find_member(&vault, person, "PERSON")?;
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
fn find_member(vault: &Vault, text: &str, arg: &str) -> Result<iag_desk_core::ids::PersonId> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Ok(iag_desk_core::ids::PersonId(n));
    }
    let found = iag_desk_core::roster::members::search(
        vault,
        &iag_desk_core::roster::members::MemberQuery {
            text: text.into(),
            ..Default::default()
        },
        now().date(),
    )?;
    let exact: Vec<_> = found
        .iter()
        .filter(|p| p.full_name.to_lowercase() == text.to_lowercase())
        .collect();
    match exact.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::invalid(
            arg,
            format!("nobody called \"{text}\" is on the roster."),
        )),
        many => Err(Error::invalid(
            arg,
            format!(
                "{} people are called \"{text}\": give the number instead ({}).",
                many.len(),
                many.iter()
                    .map(|p| p.id.0.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

fn minutes(
    path: &std::path::Path,
    meeting: i64,
    output: &std::path::Path,
    audience: Audience,
) -> Result<Output> {
    let vault = unlock(path)?;
    let id = iag_desk_core::ids::MeetingId(meeting);
    let format = DocumentFormat::of(output);
    let bytes = match format {
        DocumentFormat::Pdf => iag_desk_core::minutes::document::minutes_pdf(&vault, id, audience)?,
        DocumentFormat::Html => {
            iag_desk_core::minutes::document::minutes_html(&vault, id, audience)?.into_bytes()
        }
    };
    crate::files::write_atomically(output, &bytes)?;
    if audience == Audience::Members {
        crate::audit_export(
            &vault,
            iag_desk_core::ids::MeetingId(meeting),
            "The members' confidential annex",
        )?;
    }
    Ok(Output {
        text: format!(
            "Wrote the {} as {} to {} ({} KB).",
            match audience {
                Audience::Public => "public minutes",
                Audience::Members =>
                    "members' confidential annex (OFFICIAL-SENSITIVE: members only)",
            },
            format.words(),
            output.display(),
            bytes.len().div_ceil(1024)
        ),
        json: serde_json::json!({
            "written": output,
            "bytes": bytes.len(),
            "format": format.code(),
        }),
    })
}

fn advice(
    path: &std::path::Path,
    group: Option<String>,
    from: Option<String>,
    to: Option<String>,
    response: Option<String>,
    output: &std::path::Path,
) -> Result<Output> {
    let format = TableFormat::for_file(&output.to_string_lossy())?;
    let vault = unlock(path)?;
    let group = group.map(|g| find_group(&vault, &g)).transpose()?;
    let q = iag_desk_core::minutes::advice::AdviceQuery {
        group_id: group.map(|g| g.0),
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        response: response.unwrap_or_default(),
    };
    let table = iag_desk_core::minutes::advice_export(&vault, &q, format)?;
    write_table(
        output,
        &table,
        "advice",
        ("piece of advice", "pieces of advice"),
    )
}

fn actions(
    path: &std::path::Path,
    group: Option<String>,
    status: Option<String>,
    overdue: bool,
    output: &std::path::Path,
) -> Result<Output> {
    let format = TableFormat::for_file(&output.to_string_lossy())?;
    let vault = unlock(path)?;
    let group = group.map(|g| find_group(&vault, &g)).transpose()?;
    let q = iag_desk_core::minutes::actions::ActionQuery {
        group_id: group.map(|g| g.0),
        status: status.unwrap_or_default(),
        overdue_only: overdue,
    };
    let table = iag_desk_core::minutes::actions_export(&vault, &q, format, now().date())?;
    write_table(output, &table, "actions", ("action", "actions"))
}

/// Writes a register and says how many lines it holds.
fn write_table(
    output: &std::path::Path,
    table: &iag_desk_core::minutes::ExportedTable,
    key: &str,
    (one, many): (&str, &str),
) -> Result<Output> {
    crate::files::write_atomically(output, &table.bytes)?;
    Ok(Output {
        text: format!(
            "Wrote {} {} to {}.",
            table.rows,
            if table.rows == 1 { one } else { many },
            output.display()
        ),
        json: serde_json::json!({ "written": output, key: table.rows }),
    })
}

fn calendar(
    path: &std::path::Path,
    group: Option<String>,
    output: &std::path::Path,
) -> Result<Output> {
    let vault = unlock(path)?;
    let group = group.map(|g| find_group(&vault, &g)).transpose()?;
    let ics = iag_desk_core::meetings::plan::calendar(&vault, group, crate::clock::now_utc())?;
    crate::files::write_atomically(output, ics.as_bytes())?;
    let events = ics.matches("BEGIN:VEVENT").count();
    Ok(Output {
        text: format!(
            "Wrote {events} meeting{} to {}.",
            if events == 1 { "" } else { "s" },
            output.display()
        ),
        json: serde_json::json!({ "written": output, "meetings": events }),
    })
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
        assert_eq!(cli.global.data_dir(), PathBuf::from("/tmp/x"));
    }
}
