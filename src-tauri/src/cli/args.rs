//! The command line's grammar: subcommands, their arguments and help, and
//! the global flags (test builds add the hooks the tests need).

use crate::paths;
use clap::{Args, Parser, Subcommand};
use iag_desk_core::confidentiality::Audience;
use std::path::PathBuf;

pub(super) const PASSPHRASE_VAR: &str = "IAG_DESK_PASSPHRASE";
/// The new passphrase for `iag-desk passphrase`, for scripts and tests.
pub(super) const NEW_PASSPHRASE_VAR: &str = "IAG_DESK_NEW_PASSPHRASE";

#[derive(Debug, Parser)]
#[command(
    name = "iag-desk",
    version,
    about = "IAG Desk: the roster, agendas, minutes and documents of an Independent Advisory Group.",
    long_about = "IAG Desk: the roster, agendas, minutes and documents of an Independent Advisory Group.\n\n\
                  With no command, opens the window (with a hand-over FILE, its import check). \
                  With a command, works headless on the same encrypted vault.",
    after_help = "The passphrase is read from IAG_DESK_PASSPHRASE, or asked for when a terminal is attached."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    /// A meeting's hand-over file (.iagmeeting, or .json) to open in the
    /// window: it shows what the file holds and imports only when you
    /// confirm. An open window for the same vault takes it.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

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
    pub(super) json: bool,

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

    /// For end-to-end tests: the program run in place of xdg-email. Test
    /// builds only.
    #[cfg(feature = "test-hooks")]
    #[arg(
        long,
        hide = true,
        env = "IAG_DESK_EMAIL_PROGRAM",
        value_name = "PROGRAM"
    )]
    pub email_program: Option<PathBuf>,

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
                email_program: self.email_program.clone(),
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
        /// The file to write: .pdf, .html for the accessible web page, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.html|FILE.docx"
        )]
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
        /// The file to write: .pdf, .html for the accessible web page, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.html|FILE.docx"
        )]
        output: PathBuf,
        /// public: the minutes anyone may read; members: the confidential annex
        #[arg(long, value_enum)]
        audience: AudienceArg,
    },
    /// Write a meeting's agenda pack: front sheet, contents, the agenda, and each paper behind a divider, for one audience (papers a PDF cannot hold are written beside it)
    PackPapers {
        /// The meeting's number, as `meetings list` shows it
        meeting: i64,
        /// public: open items' open papers only; members: everything (OFFICIAL-SENSITIVE)
        #[arg(long, value_enum)]
        audience: AudienceArg,
        /// Only the papers added or replaced since that audience's last pack ("late papers")
        #[arg(long)]
        supplement: bool,
        /// The file to write (.pdf), or a folder to write it into under its own name
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write the email draft (.eml) that sends a meeting's papers to one audience, for your own email program to send
    Send {
        /// The meeting's number, as `meetings list` shows it
        meeting: i64,
        /// members: Bcc to each member, with the members' pack and the invitation; public: to the police contact, with the public pack
        #[arg(long, value_enum)]
        audience: AudienceArg,
        /// Send only the papers added or replaced since that audience's last pack
        #[arg(long)]
        supplement: bool,
        /// The file to write (.eml), or a folder to write it into under its own name
        #[arg(short = 'o', long = "output", value_name = "FILE.eml")]
        output: PathBuf,
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
        /// The file to write: .pdf, .csv, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.csv|FILE.docx"
        )]
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
        /// The file to write: .pdf, .csv, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.csv|FILE.docx"
        )]
        output: PathBuf,
    },
    /// Write a group's attendance report (per member: expected, attended, apologies, absences) as PDF or CSV
    Attendance {
        /// The group (its name, or its number)
        group: String,
        /// From this date (2026-01-01 or 01/01/2026); twelve months before --to without it
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// To this date; today without it
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The file to write: .pdf, .csv, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.csv|FILE.docx"
        )]
        output: PathBuf,
    },
    /// Write a group's induction pack as a PDF, or as a web page when FILE ends in .html
    Pack {
        /// The group (its name, or its number)
        group: String,
        /// The file to write: .pdf, .html for the accessible web page, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.html|FILE.docx"
        )]
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
        /// The file to write: .pdf, .html for the accessible web page, or .docx for Word
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE.pdf|FILE.html|FILE.docx"
        )]
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
        /// The file to write: .pdf, or .docx for Word
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.docx")]
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
        /// The file to write: .pdf, .json, or .docx for Word
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
        /// The file to write: FILE.iagmeeting opens IAG Desk with a double click
        file: PathBuf,
        /// members: everything but not-recorded matters (for the group's own
        /// secretary or chair); public: only what the public minutes show
        #[arg(long, value_enum)]
        audience: AudienceArg,
    },
    /// Read a hand-over file (.iagmeeting or .json): a new meeting, or an update to the same one
    Import {
        file: PathBuf,
        /// Check the file and say what it holds and would change, changing nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// List members with their roles, vetting and warnings
    List {
        /// Only the current members of this group (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Add people from a CSV file or a spreadsheet (.xlsx, .ods): all rows or none; see the README for columns
    Import {
        file: PathBuf,
        /// Check the file and say what would happen, changing nothing
        #[arg(long)]
        dry_run: bool,
        /// The sheet of a spreadsheet to read (its tab's name); the first visible sheet if not given
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Create the groups the file names that are not in IAG Desk yet, in the same transaction, with the tier written after the name in the file ("Corby IAG [local]") or --tier
        #[arg(long)]
        create_groups: bool,
        /// The tier of a new group whose tier the file does not give: strategic, local, subgroup or critical
        #[arg(long, value_name = "TIER", requires = "create_groups")]
        tier: Option<String>,
        /// The strategic group new local groups, subgroups and critical groups report to: one in IAG Desk or a new strategic group in the same file
        #[arg(long, value_name = "GROUP", requires = "create_groups")]
        parent: Option<String>,
    },
    /// Write the roster to a CSV file that Excel opens directly, or to an Excel workbook when FILE ends in .xlsx
    Export {
        file: PathBuf,
        /// Only the current members of this group (its name, or its number)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
}
