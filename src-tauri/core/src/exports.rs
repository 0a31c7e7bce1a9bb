//! One way out for every file IAG Desk writes: the agenda, sign-in sheet,
//! minutes and annex, registers, induction pack, terms of reference,
//! feedback report, call list, subject access copy, calendars, hand-over
//! files, the roster and a paper's copy.
//!
//! The window and the command line ask for an [`Export`] in two steps:
//! [`prepare`] reads the audience's view while they hold the vault, and
//! [`Prepared::render`] lays it out and draws it after they let go (a
//! 40-page PDF never blocks autosave). The result carries everything the
//! caller needs: the bytes, the file name to suggest, the format, who may
//! read it, and the audit line, which [`record`] writes only once the file
//! has been written. So the window and the command line cannot disagree.
//!
//! Invariants:
//! - every document is made from an audience-filtered view (the renderers
//!   take only those types), never redacted afterwards;
//! - file names are built here, from group names, dates, quarters and
//!   numbers, never from an item's or an incident's words;
//! - an audit line is recorded only after a successful write.

use crate::audit;
use crate::confidentiality::Audience;
use crate::documents::{render_html, render_pdf, Document};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::meetings::{handover, papers, plan};
use crate::minutes::actions::{self, ActionQuery};
use crate::minutes::advice::{self, AdviceQuery};
use crate::minutes::document as minutes_document;
use crate::publications::{feedback, pack, terms, Publication};
use crate::storage::Vault;
use crate::vocabulary::AuditAction;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The formats IAG Desk writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    /// The accessible alternative to a PDF: the same document as a web page.
    Html,
    Csv,
    /// An Excel workbook (the roster).
    Xlsx,
    /// iCalendar, for Outlook, Google or Apple calendars.
    Ics,
    Json,
    /// A paper as it was attached, in its own format.
    Original,
    /// An email message (a draft for the user's own email program).
    Eml,
    /// A Word document, made from the same document as the PDF.
    Docx,
    /// A meeting's hand-over file: JSON inside, under its own ending so the
    /// desktop opens it with IAG Desk (the package registers the type).
    HandOver,
}

/// The ending of a meeting's hand-over file (`.json`, the ending before
/// it had its own, is still read).
pub const HANDOVER_EXTENSION: &str = "iagmeeting";

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ics => "ics",
            Format::Json => "json",
            Format::Original => "original",
            Format::Eml => "eml",
            Format::Docx => "docx",
            Format::HandOver => HANDOVER_EXTENSION,
        }
    }

    /// The file name's ending (none for a paper, which keeps its own).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Original => "",
            other => other.code(),
        }
    }

    /// What a save dialog's filter calls it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF document",
            Format::Html => "Web page (HTML)",
            Format::Csv => "CSV (Excel)",
            Format::Xlsx => "Excel workbook",
            Format::Ics => "Calendar (iCalendar)",
            Format::Json => "JSON data",
            Format::Original => "Any file",
            Format::Eml => "Email message",
            Format::Docx => "Word document",
            Format::HandOver => "IAG Desk hand-over file",
        }
    }

    /// "as a PDF", in a message.
    pub fn words(self) -> &'static str {
        match self {
            Format::Pdf => "a PDF",
            Format::Html => "a web page (HTML)",
            Format::Csv => "CSV",
            Format::Xlsx => "an Excel workbook (.xlsx)",
            Format::Ics => "a calendar file (iCalendar)",
            Format::Json => "JSON",
            Format::Original => "the file attached",
            Format::Eml => "an email message (.eml)",
            Format::Docx => "a Word document",
            Format::HandOver => "an IAG Desk hand-over file",
        }
    }

    /// The format a file name asks for, by its ending (any case).
    fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "ics" => Some(Format::Ics),
            "json" => Some(Format::Json),
            "eml" => Some(Format::Eml),
            "docx" => Some(Format::Docx),
            HANDOVER_EXTENSION => Some(Format::HandOver),
            _ => None,
        }
    }
}

/// Who may read the file, so the window and the command line can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Readers {
    /// Anyone: nothing confidential or personal is in it.
    Anyone,
    /// The group's members only (OFFICIAL-SENSITIVE, or personal contact
    /// details).
    Members,
    /// The one person the data is about.
    ThePerson,
}

/// What to export. Names have been looked up already ([`crate::lookup`]).
#[derive(Debug, Clone)]
pub enum Request {
    Agenda {
        meeting: MeetingId,
        format: Format,
    },
    SignIn {
        meeting: MeetingId,
    },
    Minutes {
        meeting: MeetingId,
        audience: Audience,
        format: Format,
    },
    Advice {
        query: AdviceQuery,
        format: Format,
    },
    Actions {
        query: ActionQuery,
        format: Format,
    },
    Publication {
        group: GroupId,
        publication: Publication,
        member: Option<PersonId>,
        large_print: bool,
        format: Format,
    },
    Feedback {
        quarter: String,
        group: Option<GroupId>,
        format: Format,
    },
    CallList {
        incident: i64,
    },
    SubjectAccess {
        person: PersonId,
        format: Format,
    },
    Calendar {
        group: Option<GroupId>,
    },
    Invitation {
        meeting: MeetingId,
    },
    Handover {
        meeting: MeetingId,
        audience: Audience,
    },
    /// The roster (or one group's current members) as CSV or .xlsx.
    Roster {
        group: Option<GroupId>,
        format: Format,
    },
    /// Members' attendance over a period (the last twelve months unless
    /// given).
    Attendance {
        group: GroupId,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
        format: Format,
    },
    Paper {
        meeting: MeetingId,
        paper: i64,
    },
    /// The agenda with its papers in place, for one audience; a supplement
    /// holds only papers added since that audience's last pack.
    AgendaPack {
        meeting: MeetingId,
        audience: Audience,
        supplement: bool,
    },
    /// The email draft that sends that pack to the audience.
    PapersEmail {
        meeting: MeetingId,
        audience: Audience,
        supplement: bool,
    },
}

/// The formats each kind of request can be written in; the first is the
/// one a file name that names none of them gets (a document is a PDF
/// unless the name ends in .html, as before web pages existed).
pub fn formats(kind: &RequestKind) -> &'static [Format] {
    match kind {
        RequestKind::Document => &[Format::Pdf, Format::Html, Format::Docx],
        RequestKind::PdfOnly => &[Format::Pdf],
        RequestKind::Table => &[Format::Pdf, Format::Csv, Format::Docx],
        RequestKind::SubjectAccess => &[Format::Pdf, Format::Json, Format::Docx],
        RequestKind::Roster => &[Format::Csv, Format::Xlsx],
    }
}

/// The command line's families of requests, for choosing a format from
/// the file name given with `-o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// Agenda, minutes, annex, pack, terms of reference: PDF or web page.
    Document,
    /// Sign-in sheet, feedback report, call list.
    PdfOnly,
    /// Advice register and action log: PDF or CSV, which the name must say.
    Table,
    /// A person's data: PDF, or JSON when the name ends in .json.
    SubjectAccess,
    /// The roster: CSV, or an Excel workbook when the name ends in .xlsx.
    Roster,
}

/// The format the file name `name` asks for, among those `kind` writes.
pub fn format_for_file(kind: RequestKind, name: &str) -> Result<Format> {
    let allowed = formats(&kind);
    match Format::of_name(name) {
        Some(f) if allowed.contains(&f) => Ok(f),
        _ if kind == RequestKind::Table => Err(Error::invalid(
            "file",
            format!("{name}: name the file .pdf, .csv or .docx to say which format to write."),
        )),
        _ => Ok(allowed[0]),
    }
}

/// The moment the export is made, read once at the edge: the local time
/// for dates in the file and its name, UTC for a calendar's stamp.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub local: NaiveDateTime,
    pub utc: DateTime<Utc>,
}

/// The audit line an export earns, recorded after the file is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditNote {
    pub action: AuditAction,
    /// Names groups, meetings and people; never confidential text.
    pub detail: String,
}

/// What is still to be drawn once the vault is free again.
enum Body {
    /// Rendered as the request's format: a PDF or a web page.
    Document(Box<Document>),
    /// The induction pack, whose PDF lays itself out until its contents
    /// page settles (the slowest document), and whose web page has a
    /// contents list in place of page numbers.
    Pack(Box<pack::PackView>, bool),
    /// Made under the lock, being small: CSV, calendars, JSON, a paper.
    Ready(Vec<u8>),
    /// The agenda pack: its papers are read and merged when it is drawn.
    AgendaPack(Box<crate::meetings::agenda_pack::PackView>),
    /// An email draft around the audience's pack (named here).
    PapersEmail(Box<crate::meetings::papers_email::EmailView>, String),
}

/// An export read from the vault and not yet drawn.
pub struct Prepared {
    body: Body,
    meta: Meta,
    /// The moment of the export, for an email draft's date.
    stamp: DateTime<Utc>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("file_name", &self.meta.file_name)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
struct Meta {
    file_name: String,
    format: Format,
    readers: Readers,
    what: String,
    caution: Option<&'static str>,
    audit: Option<AuditNote>,
    pack: Option<crate::meetings::agenda_pack::PackRecord>,
}

/// A file ready to write.
#[derive(Debug, Clone)]
pub struct Export {
    pub bytes: Vec<u8>,
    /// The name to suggest; never built from confidential text.
    pub file_name: String,
    pub format: Format,
    pub readers: Readers,
    /// "the agenda", "5 meetings": what a message says was written.
    pub what: String,
    /// A word of care for a file not everyone may read.
    pub caution: Option<&'static str>,
    /// Recorded by [`record`] once the file is written; none for a file
    /// anyone may read.
    pub audit: Option<AuditNote>,
    /// An agenda pack's papers, recorded as sent once the file is written
    /// (so the next supplement holds only what is new).
    pub pack: Option<crate::meetings::agenda_pack::PackRecord>,
    /// Said after the file is written: a pack too large for email.
    pub size_warning: Option<String>,
    /// An email draft's parts, for the user's email program and for
    /// saying who has no email address.
    pub draft: Option<crate::meetings::papers_email::EmailDraft>,
    /// Files that travel beside this one, written into the same folder
    /// under their own names: an agenda pack's papers it cannot hold.
    pub beside: Vec<Beside>,
}

/// A file written beside an export.
#[derive(Debug, Clone)]
pub struct Beside {
    /// The paper's own name, made safe to write into a folder.
    pub file_name: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

impl Beside {
    fn of(name: &str, bytes: std::sync::Arc<Vec<u8>>) -> Beside {
        Beside {
            file_name: safe_file_name(name),
            bytes,
        }
    }
}

/// A paper's own name made safe to write into a folder: it came from
/// another machine's file, so no folders, no hidden or control characters.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        "paper".into()
    } else {
        cleaned.to_string()
    }
}

impl Export {
    /// The title of the save dialog: "Save the agenda", with who may read
    /// it when that is not everyone.
    pub fn dialog_title(&self) -> String {
        let mut title = format!("Save {}", self.what);
        match self.readers {
            Readers::Anyone => {}
            Readers::Members => title.push_str(" (members only)"),
            Readers::ThePerson => title.push_str(" (personal: give it only to them)"),
        }
        title
    }

    /// What the window and the command line say once the file is written.
    pub fn confirmation(&self, written_to: &std::path::Path) -> String {
        let size = self.bytes.len();
        let size = if size < 1024 {
            format!("{size} bytes")
        } else {
            format!("{} KB", size.div_ceil(1024))
        };
        let mut text = format!(
            "Wrote {} as {} to {} ({size}).",
            self.what,
            self.format.words(),
            written_to.display()
        );
        if let Some(caution) = self.caution {
            text.push(' ');
            text.push_str(caution);
        }
        if let Some(warning) = &self.size_warning {
            text.push(' ');
            text.push_str(warning);
        }
        if !self.beside.is_empty() {
            let names: Vec<&str> = self.beside.iter().map(|b| b.file_name.as_str()).collect();
            text.push_str(&format!(
                " Beside it, the papers a PDF pack cannot hold: {}.",
                names.join(", ")
            ));
        }
        if let Some(draft) = &self.draft {
            text.push(' ');
            text.push_str(&draft.summary());
        }
        text
    }
}

/// Reads what `request` needs from the vault: the audience's view, its
/// file name and its audit line. Cheap; the drawing is in [`Prepared::render`].
pub fn prepare(vault: &Vault, request: &Request, now: Now) -> Result<Prepared> {
    let today = now.local.date();
    let (body, meta) = match request {
        Request::Agenda { meeting, format } => {
            let view = papers::public_agenda(&plan::detail(vault, *meeting)?);
            let doc = papers::agenda_document(&view);
            let name = meeting_file_name(vault, *meeting, "agenda", *format)?;
            (document(doc), meta(name, *format, "the agenda"))
        }
        Request::SignIn { meeting } => {
            let sheet = papers::sign_in_sheet(&plan::detail(vault, *meeting)?);
            let doc = papers::sign_in_document(&sheet);
            let name = meeting_file_name(vault, *meeting, "sign-in-sheet", Format::Pdf)?;
            (document(doc), meta(name, Format::Pdf, "the sign-in sheet"))
        }
        Request::Minutes {
            meeting,
            audience,
            format,
        } => {
            let doc = minutes_document::minutes_document(vault, *meeting, *audience)?;
            match audience {
                Audience::Public => {
                    let name = meeting_file_name(vault, *meeting, "minutes", *format)?;
                    (document(doc), meta(name, *format, "the public minutes"))
                }
                Audience::Members => {
                    let name = meeting_file_name(vault, *meeting, "confidential-annex", *format)?;
                    let audit = meeting_audit(vault, *meeting, "The members' confidential annex")?;
                    (
                        document(doc),
                        Meta {
                            readers: Readers::Members,
                            caution: Some("OFFICIAL-SENSITIVE: for the group's members only."),
                            audit: Some(audit),
                            ..meta(name, *format, "the members' confidential annex")
                        },
                    )
                }
            }
        }
        Request::Advice { query, format } => {
            let scope = scope_name(vault, query.group_id)?;
            let view = advice::public_register(&scope, &advice::register(vault, query)?);
            let what = count(view.lines.len(), "piece of advice", "pieces of advice");
            let name = format!("Advice register {scope}.{}", format.extension());
            let body = match format {
                Format::Csv => Body::Ready(advice::register_csv(&view)?),
                _ => document(advice::register_document(&view)),
            };
            (body, meta(name, *format, &what))
        }
        Request::Actions { query, format } => {
            let scope = scope_name(vault, query.group_id)?;
            let view = actions::public_log(&scope, &actions::log(vault, query, today)?);
            let what = count(view.lines.len(), "action", "actions");
            let name = format!("Action log {scope}.{}", format.extension());
            let body = match format {
                Format::Csv => Body::Ready(actions::log_csv(&view)?),
                _ => document(actions::log_document(&view)),
            };
            (body, meta(name, *format, &what))
        }
        Request::Publication {
            group,
            publication,
            member,
            large_print,
            format,
        } => {
            let group_name = crate::roster::groups::name(vault, *group)?;
            let (what, title) = match publication {
                Publication::InductionPack => ("the induction pack", "Induction pack"),
                Publication::TermsOfReference => ("the terms of reference", "Terms of reference"),
            };
            let name = format!(
                "{title} {}.{}",
                group_name.replace(['/', '\\', ':'], "-"),
                format.extension()
            );
            let body = match publication {
                Publication::InductionPack => Body::Pack(
                    Box::new(pack::build(vault, *group, *member, today)?),
                    *large_print,
                ),
                Publication::TermsOfReference => document(terms::document(vault, *group, today)?),
            };
            (body, meta(name, *format, what))
        }
        Request::Feedback {
            quarter,
            group,
            format,
        } => {
            let report = feedback::report(vault, quarter, *group, today)?;
            let name = format!(
                "Quarterly feedback {}.{}",
                quarter.trim(),
                format.extension()
            );
            (
                document(feedback::document(&report)),
                meta(name, *format, "the quarterly feedback report"),
            )
        }
        Request::CallList { incident } => {
            let list = crate::incidents::call_list(vault, *incident, today)?;
            let group = crate::incidents::detail(vault, *incident, today)?
                .summary
                .group_name
                .unwrap_or_default();
            (
                document(crate::incidents::call_list_document(&list)),
                Meta {
                    readers: Readers::Members,
                    caution: Some(
                        "OFFICIAL-SENSITIVE: personal contact details, for the critical group only.",
                    ),
                    audit: Some(AuditNote {
                        action: AuditAction::ConfidentialExport,
                        detail: format!("The call list of {group} (personal contact details)."),
                    }),
                    ..meta(
                        format!("call-list-incident-{incident}.pdf"),
                        Format::Pdf,
                        "the call list",
                    )
                },
            )
        }
        Request::SubjectAccess { person, format } => {
            let copy = crate::data_protection::subject_access(vault, *person, now.local)?;
            let name = format!(
                "Subject access {} {}.{}",
                copy.person.full_name,
                today.format("%Y-%m-%d"),
                format.extension()
            );
            let audit = AuditNote {
                action: AuditAction::SubjectAccess,
                detail: crate::data_protection::subject_access_audit_detail(&copy, format.code()),
            };
            let body = match format {
                Format::Json => {
                    Body::Ready(crate::data_protection::subject_access_json(&copy)?.into_bytes())
                }
                _ => document(crate::data_protection::subject_access_document(&copy)),
            };
            (
                body,
                Meta {
                    readers: Readers::ThePerson,
                    caution: Some("Personal data: give it only to the person it is about."),
                    audit: Some(audit),
                    ..meta(name, *format, "the copy of the person's data")
                },
            )
        }
        Request::Calendar { group } => {
            let ics = plan::calendar(vault, *group, now.utc)?;
            let what = count(ics.matches("BEGIN:VEVENT").count(), "meeting", "meetings");
            (
                Body::Ready(ics.into_bytes()),
                meta("iag-meetings.ics".into(), Format::Ics, &what),
            )
        }
        Request::Invitation { meeting } => {
            let ics = plan::invitation(vault, *meeting, now.utc)?;
            let date = plan::title(vault, *meeting)?.date;
            (
                Body::Ready(ics.into_bytes()),
                meta(format!("meeting-{date}.ics"), Format::Ics, "the invitation"),
            )
        }
        Request::Handover { meeting, audience } => {
            let json = handover::export(vault, *meeting, *audience)?;
            let date = plan::title(vault, *meeting)?.date;
            let name = format!("meeting-{date}-{}.{HANDOVER_EXTENSION}", audience.code());
            match audience {
                Audience::Public => (
                    Body::Ready(json.into_bytes()),
                    Meta {
                        caution: Some(
                            "The public version: confidential items appear only by their public \
                             title and reason.",
                        ),
                        ..meta(
                            name,
                            Format::HandOver,
                            "the meeting's public hand-over file",
                        )
                    },
                ),
                Audience::Members => (
                    Body::Ready(json.into_bytes()),
                    Meta {
                        readers: Readers::Members,
                        caution: Some(
                            "It holds confidential items and minutes: pass it only to the \
                             group's chair or secretary, and delete it once imported.",
                        ),
                        audit: Some(meeting_audit(
                            vault,
                            *meeting,
                            "The members' hand-over file",
                        )?),
                        ..meta(
                            name,
                            Format::HandOver,
                            "the meeting's members' hand-over file",
                        )
                    },
                ),
            }
        }
        Request::Roster { group, format } => {
            let (bytes, format) = match format {
                Format::Xlsx => (
                    crate::roster::sheet::export(vault, *group, today)?,
                    Format::Xlsx,
                ),
                _ => (
                    crate::roster::csv::export(vault, *group, today)?,
                    Format::Csv,
                ),
            };
            (
                Body::Ready(bytes),
                Meta {
                    readers: Readers::Members,
                    ..meta(
                        format!("roster-{}.{}", today.format("%Y-%m-%d"), format.extension()),
                        format,
                        "the roster",
                    )
                },
            )
        }
        Request::Attendance {
            group,
            from,
            to,
            format,
        } => {
            let report = crate::roster::attendance::report(vault, *group, *from, *to, today)?;
            let name = format!(
                "Attendance {} {} to {}.{}",
                report.group_name.replace(['/', '\\', ':'], "-"),
                report.from.format("%Y-%m-%d"),
                report.to.format("%Y-%m-%d"),
                format.extension()
            );
            let detail = format!(
                "The attendance report of {}, {} (members' names).",
                report.group_name, report.period
            );
            let body = match format {
                Format::Csv => Body::Ready(crate::roster::attendance::report_csv(&report)?),
                _ => document(crate::roster::attendance::report_document(&report)),
            };
            (
                body,
                Meta {
                    readers: Readers::Members,
                    caution: Some("OFFICIAL-SENSITIVE: members' attendance, for the group only."),
                    audit: Some(AuditNote {
                        action: AuditAction::ConfidentialExport,
                        detail,
                    }),
                    ..meta(name, *format, "the attendance report")
                },
            )
        }
        Request::AgendaPack {
            meeting,
            audience,
            supplement,
        } => {
            let view = crate::meetings::agenda_pack::view(vault, *meeting, *audience, *supplement)?;
            let mut slug = format!("agenda-pack-{}", audience.code());
            if view.supplement > 0 {
                slug.push_str(&format!("-supplement-{}", view.supplement));
            }
            let name = meeting_file_name(vault, *meeting, &slug, Format::Pdf)?;
            let what = view.what();
            let record = view.record();
            let base = Meta {
                pack: Some(record),
                ..meta(name, Format::Pdf, &what)
            };
            let meta = match audience {
                Audience::Public => base,
                Audience::Members => Meta {
                    readers: Readers::Members,
                    caution: Some("OFFICIAL-SENSITIVE: for the group's members only."),
                    audit: Some(meeting_audit(vault, *meeting, "The members' agenda pack")?),
                    ..base
                },
            };
            (Body::AgendaPack(Box::new(view)), meta)
        }
        Request::PapersEmail {
            meeting,
            audience,
            supplement,
        } => {
            let view = crate::meetings::papers_email::view(
                vault,
                *meeting,
                *audience,
                *supplement,
                now.utc,
            )?;
            let suffix = match view.pack.supplement {
                0 => String::new(),
                n => format!("-supplement-{n}"),
            };
            let pack_name = meeting_file_name(
                vault,
                *meeting,
                &format!("agenda-pack-{}{suffix}", audience.code()),
                Format::Pdf,
            )?;
            let name = meeting_file_name(
                vault,
                *meeting,
                &format!("papers-email-{}{suffix}", audience.code()),
                Format::Eml,
            )?;
            let what = format!("the email draft with {}", view.pack.what());
            let base = Meta {
                pack: Some(view.pack.record()),
                ..meta(name, Format::Eml, &what)
            };
            let meta = match audience {
                Audience::Public => base,
                Audience::Members => Meta {
                    readers: Readers::Members,
                    caution: Some("OFFICIAL-SENSITIVE: for the group's members only."),
                    audit: Some(meeting_audit(
                        vault,
                        *meeting,
                        "The members' email draft with the agenda pack",
                    )?),
                    ..base
                },
            };
            (Body::PapersEmail(Box::new(view), pack_name), meta)
        }
        Request::Paper { meeting, paper } => {
            let (name, bytes) = plan::paper(vault, *meeting, *paper)?;
            let what = format!("a copy of {name}");
            (
                Body::Ready(bytes),
                Meta {
                    readers: Readers::Members,
                    ..meta(name, Format::Original, &what)
                },
            )
        }
    };
    Ok(Prepared {
        body,
        meta,
        stamp: now.utc,
    })
}

impl Prepared {
    /// Lays out and draws the file; needs no vault.
    pub fn render(self) -> Result<Export> {
        let format = self.meta.format;
        let mut draft = None;
        let mut beside = Vec::new();
        let bytes = match self.body {
            Body::Ready(bytes) => bytes,
            Body::Document(doc) => match format {
                Format::Html => render_html(&doc).into_bytes(),
                Format::Docx => crate::documents::render_docx(&doc)?,
                _ => render_pdf(&doc)?,
            },
            Body::AgendaPack(view) => {
                let drawn = crate::meetings::agenda_pack::draw(&view)?;
                beside = drawn
                    .separately
                    .iter()
                    .map(|(name, bytes)| Beside::of(name, bytes.clone()))
                    .collect();
                crate::documents::render_layout_with_insets(
                    &drawn.document,
                    &drawn.layout,
                    &drawn.insets,
                )?
            }
            Body::PapersEmail(view, pack_name) => {
                let drawn = crate::meetings::agenda_pack::draw(&view.pack)?;
                let pdf = crate::documents::render_layout_with_insets(
                    &drawn.document,
                    &drawn.layout,
                    &drawn.insets,
                )?;
                let (eml, parts) = crate::meetings::papers_email::write(
                    &view,
                    &pack_name,
                    pdf,
                    drawn.separately,
                    self.stamp,
                )?;
                draft = Some(parts);
                eml
            }
            Body::Pack(view, large_print) => match format {
                Format::Html => render_html(&pack::web_document(&view, large_print)).into_bytes(),
                // Word numbers its own pages: the contents list without
                // page numbers, as the web page has it.
                Format::Docx => {
                    crate::documents::render_docx(&pack::web_document(&view, large_print))?
                }
                _ => {
                    let (doc, laid) = pack::document(&view, large_print)?;
                    crate::documents::render_layout(&doc, &laid)?
                }
            },
        };
        let Meta {
            file_name,
            format,
            readers,
            what,
            caution,
            audit,
            pack,
        } = self.meta;
        let size_warning = (pack.is_some()
            && bytes.len() > crate::meetings::agenda_pack::EMAIL_LIMIT_BYTES)
            .then(|| {
                format!(
                    "At {} MB it is larger than most email systems accept (25 MB): send the \
                     papers separately, or in a supplement.",
                    bytes.len().div_ceil(1024 * 1024)
                )
            });
        Ok(Export {
            bytes,
            file_name,
            format,
            readers,
            what,
            caution,
            audit,
            pack,
            size_warning,
            draft,
            beside,
        })
    }
}

/// Records the export's audit line, if it has one. Call it only after the
/// file has been written: a failed write leaves no line behind.
pub fn record(vault: &Vault, export: &Export, now: NaiveDateTime) -> Result<()> {
    if let Some(pack) = &export.pack {
        crate::meetings::agenda_pack::record_written(vault, pack, now)?;
    }
    match &export.audit {
        Some(note) => audit::note(vault, now, note.action, &note.detail),
        None => Ok(()),
    }
}

fn document(doc: Document) -> Body {
    Body::Document(Box::new(doc))
}

fn meta(file_name: String, format: Format, what: &str) -> Meta {
    Meta {
        file_name,
        format,
        readers: Readers::Anyone,
        what: what.to_owned(),
        caution: None,
        audit: None,
        pack: None,
    }
}

/// "1 meeting", "5 meetings".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "marlow-fen-local-iag-agenda-2026-12-09.pdf": the group and the date
/// only, never an item's title, so no confidential word reaches a name.
fn meeting_file_name(
    vault: &Vault,
    meeting: MeetingId,
    what: &str,
    format: Format,
) -> Result<String> {
    let m = plan::title(vault, meeting)?;
    Ok(format!(
        "{}-{what}-{}.{}",
        slug(&m.group_name),
        m.date,
        format.extension()
    ))
}

/// Lower case, letters and digits of any script kept, runs of anything
/// else made one hyphen.
fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Which document, which group and meeting; never its content.
fn meeting_audit(vault: &Vault, meeting: MeetingId, what: &str) -> Result<AuditNote> {
    let m = plan::title(vault, meeting)?;
    Ok(AuditNote {
        action: AuditAction::ConfidentialExport,
        detail: format!("{what} of {}, {}.", m.group_name, m.when),
    })
}

/// "all groups", or the group's name, for a register's title and name.
fn scope_name(vault: &Vault, group: Option<i64>) -> Result<String> {
    match group {
        None => Ok("all groups".into()),
        Some(g) => crate::roster::groups::name(vault, GroupId(g)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_papers_name_from_another_machine_cannot_leave_its_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(
            safe_file_name("C:\\Users\\report.docx"),
            "C--Users-report.docx"
        );
        assert_eq!(safe_file_name(".hidden.pdf"), "hidden.pdf");
        assert_eq!(safe_file_name("line\nbreak.pdf"), "line-break.pdf");
        assert_eq!(safe_file_name("  "), "paper");
        assert_eq!(
            safe_file_name("Zofia Wójcik — notes.pdf"),
            "Zofia Wójcik — notes.pdf"
        );
    }

    #[test]
    fn a_file_name_says_which_format_to_write() {
        use RequestKind::*;
        assert_eq!(format_for_file(Document, "a.html").unwrap(), Format::Html);
        assert_eq!(format_for_file(Document, "A.HTM").unwrap(), Format::Html);
        assert_eq!(
            format_for_file(Document, "agenda").unwrap(),
            Format::Pdf,
            "a document is a PDF unless its name says web page"
        );
        assert_eq!(format_for_file(PdfOnly, "x.html").unwrap(), Format::Pdf);
        assert_eq!(format_for_file(Table, "log.CSV").unwrap(), Format::Csv);
        assert!(
            format_for_file(Table, "log.txt").is_err(),
            "a register's name must say PDF or CSV"
        );
        assert_eq!(
            format_for_file(SubjectAccess, "copy.json").unwrap(),
            Format::Json
        );
        assert_eq!(format_for_file(Roster, "r.XLSX").unwrap(), Format::Xlsx);
        assert_eq!(
            format_for_file(Roster, "roster.txt").unwrap(),
            Format::Csv,
            "the roster is CSV unless its name says workbook"
        );
    }

    #[test]
    fn a_meeting_file_name_keeps_letters_of_any_script() {
        assert_eq!(slug("Marlow Fen Local IAG"), "marlow-fen-local-iag");
        assert_eq!(slug("Eastwick & Saltmarsh"), "eastwick-saltmarsh");
        assert_eq!(slug("Grupa Łódź / Środa"), "grupa-łódź-środa");
    }
}
