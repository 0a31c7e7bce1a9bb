//! The papers go out by email: one draft message per audience, written as
//! a standard `.eml` file for the chair's own email program to send.
//!
//! IAG Desk opens no network connection. It writes the message (MIME built
//! by mail-builder, marked `X-Unsent: 1` so Outlook opens it as a draft and
//! Thunderbird offers "Edit as new") and can hand the same parts to the
//! desktop's email program (`xdg-email`).
//!
//! - The members' draft goes Bcc to every member on the register with an
//!   email address, with the members' pack, the papers supplied separately
//!   and the calendar invitation.
//! - The public draft goes to the police contacts on the register, with
//!   the public pack and the open papers it cannot hold.
//!
//! Confidentiality by construction: the draft is made from the audience's
//! [`PackView`] only, so its subject, body and attachment names hold
//! nothing that audience's pack does not. Recipients' names are not
//! confidential text, but the members are Bcc so that no member's address
//! reaches another.

use super::agenda_pack::{self, PackView};
use super::plan;
use crate::confidentiality::Audience;
use crate::error::{Error, Result};
use crate::ids::MeetingId;
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::{Capacity, PersonKind};
use chrono::{DateTime, Utc};
use mail_builder::headers::address::Address;
use mail_builder::MessageBuilder;
use std::sync::Arc;

/// Someone the draft is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

impl Recipient {
    /// "Asha Patel <asha@example.org>", as an email program's address line
    /// takes it.
    pub fn line(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
}

/// One audience's draft, read from the vault.
#[derive(Debug, Clone)]
pub struct EmailView {
    pub pack: PackView,
    /// Police contacts (public draft).
    pub to: Vec<Recipient>,
    /// Members, each hidden from the others (members' draft).
    pub bcc: Vec<Recipient>,
    /// Who should have the papers but has no email address: the chair
    /// posts or hands the papers to them.
    pub without_email: Vec<String>,
    /// The meeting as a calendar invitation (members' draft): file name
    /// and iCalendar text.
    pub invitation: Option<(String, String)>,
}

/// Who one audience's draft goes to.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Recipients {
    /// Police contacts (public draft).
    pub to: Vec<Recipient>,
    /// Members, each hidden from the others (members' draft).
    pub bcc: Vec<Recipient>,
    /// Who should have the papers but has no email address.
    pub without_email: Vec<String>,
}

/// Reads who `audience`'s draft goes to, from the meeting's register: the
/// members for the members' draft; the police contacts (and guests, who
/// have no address here) for the public draft.
pub fn recipients(vault: &Vault, meeting: MeetingId, audience: Audience) -> Result<Recipients> {
    let mut out = Recipients::default();
    for line in db::register_addresses(vault.conn(), meeting)? {
        let member =
            line.capacity == Capacity::Member && line.person_kind == Some(PersonKind::Member);
        let police = line.person_kind == Some(PersonKind::Police);
        let guest = line.person_kind.is_none() && line.capacity == Capacity::InAttendance;
        let wanted = match audience {
            Audience::Members => member,
            Audience::Public => police || guest,
        };
        if !wanted || line.name.is_empty() {
            continue;
        }
        let email = line.email.trim();
        if email.is_empty() {
            out.without_email.push(if guest {
                format!("{} (guest)", line.name)
            } else {
                line.name
            });
            continue;
        }
        let recipient = Recipient {
            name: line.name,
            email: email.to_owned(),
        };
        match audience {
            Audience::Members => out.bcc.push(recipient),
            Audience::Public => out.to.push(recipient),
        }
    }
    Ok(out)
}

/// Reads the draft for `audience`: its pack (a supplement when asked) and
/// who it goes to.
pub fn view(
    vault: &Vault,
    meeting: MeetingId,
    audience: Audience,
    supplement: bool,
    stamp: DateTime<Utc>,
) -> Result<EmailView> {
    let pack = agenda_pack::view(vault, meeting, audience, supplement)?;
    let Recipients {
        to,
        bcc,
        without_email,
    } = recipients(vault, meeting, audience)?;
    let invitation = match audience {
        Audience::Members => Some((
            format!("meeting-{}.ics", plan::title(vault, meeting)?.date),
            plan::invitation(vault, meeting, stamp)?,
        )),
        Audience::Public => None,
    };
    Ok(EmailView {
        pack,
        to,
        bcc,
        without_email,
        invitation,
    })
}

/// What the meeting page shows before the papers go out: what travels
/// separately and why, which packs were written, and who each draft would
/// reach.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sending {
    /// Papers the pack cannot hold: (paper, reason).
    pub separately: Vec<(i64, String)>,
    /// "The members' agenda pack: written 2 December 2026 at 19:05 with 4 papers."
    pub written: Vec<String>,
    /// Whether a pack of that audience was written, so a supplement of
    /// late papers can follow.
    pub members_pack_written: bool,
    pub public_pack_written: bool,
    pub members: Recipients,
    pub public: Recipients,
}

pub fn sending(vault: &Vault, meeting: MeetingId) -> Result<Sending> {
    Ok(Sending {
        separately: agenda_pack::supplied_separately(vault, meeting)?,
        written: agenda_pack::written(vault, meeting)?,
        members_pack_written: db::packs_written(vault.conn(), meeting, Audience::Members)?.count
            > 0,
        public_pack_written: db::packs_written(vault.conn(), meeting, Audience::Public)?.count > 0,
        members: recipients(vault, meeting, Audience::Members)?,
        public: recipients(vault, meeting, Audience::Public)?,
    })
}

/// A file the message carries.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Arc<Vec<u8>>,
}

/// The draft as written: the parts an email program's compose window
/// takes, besides the `.eml` file itself.
#[derive(Debug, Clone)]
pub struct EmailDraft {
    pub to: Vec<Recipient>,
    pub bcc: Vec<Recipient>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
    pub without_email: Vec<String>,
}

impl EmailDraft {
    /// What the window and the command line say after the draft is written:
    /// who it goes to, and who must be given the papers another way.
    pub fn summary(&self) -> String {
        let mut said = match (self.to.len(), self.bcc.len()) {
            (0, 0) => "Nobody on the register has an email address: add the recipients in your \
                       email program."
                .to_string(),
            (to, 0) => format!("Addressed to {}.", people(to)),
            (0, bcc) => format!("Addressed to {} (Bcc).", people(bcc)),
            (to, bcc) => format!("Addressed to {} and {} (Bcc).", people(to), people(bcc)),
        };
        if !self.without_email.is_empty() {
            said.push_str(&format!(
                " No email address for {}: post or hand the papers to them.",
                self.without_email.join(", ")
            ));
        }
        said
    }
}

fn people(n: usize) -> String {
    format!("{n} {}", if n == 1 { "person" } else { "people" })
}

/// Writes the draft around the drawn pack: `pack_name` and `pack_pdf` are
/// the pack as [`crate::exports`] made it, `separately` the papers it could
/// not hold. `at` is the message's date.
pub fn write(
    v: &EmailView,
    pack_name: &str,
    pack_pdf: Vec<u8>,
    separately: Vec<(String, Arc<Vec<u8>>)>,
    at: DateTime<Utc>,
) -> Result<(Vec<u8>, EmailDraft)> {
    let mut attachments = vec![Attachment {
        name: pack_name.to_owned(),
        content_type: "application/pdf".into(),
        bytes: Arc::new(pack_pdf),
    }];
    for (name, bytes) in separately {
        attachments.push(Attachment {
            content_type: mime_guess::from_path(&name)
                .first_or_octet_stream()
                .essence_str()
                .to_owned(),
            name,
            bytes,
        });
    }
    if let Some((name, ics)) = &v.invitation {
        attachments.push(Attachment {
            name: name.clone(),
            content_type: "text/calendar".into(),
            bytes: Arc::new(ics.clone().into_bytes()),
        });
    }
    let draft = EmailDraft {
        to: v.to.clone(),
        bcc: v.bcc.clone(),
        subject: subject(&v.pack),
        body: body(v, &attachments),
        attachments,
        without_email: v.without_email.clone(),
    };
    let addresses = |list: &[Recipient]| {
        Address::new_list(
            list.iter()
                .map(|r| Address::new_address(Some(r.name.clone()), r.email.clone()))
                .collect(),
        )
    };
    let mut message = MessageBuilder::new()
        // Outlook opens a message with this header as a draft to send;
        // other programs ignore it.
        .header("X-Unsent", mail_builder::headers::raw::Raw::new("1"))
        .subject(draft.subject.clone())
        .date(at.timestamp())
        // Made here rather than from the machine's name, which would put
        // the laptop's host name into every draft.
        .message_id(format!(
            "iag-desk.{}.{}.{}@drafts.invalid",
            v.pack.meeting.0,
            v.pack.audience.code(),
            at.timestamp()
        ))
        .text_body(draft.body.clone());
    if !draft.to.is_empty() {
        message = message.to(addresses(&draft.to));
    }
    if !draft.bcc.is_empty() {
        message = message.bcc(addresses(&draft.bcc));
    }
    for a in &draft.attachments {
        message = message.attachment(a.content_type.as_str(), a.name.as_str(), a.bytes.as_slice());
    }
    let eml = message
        .write_to_vec()
        .map_err(|e| Error::Internal(format!("the email draft could not be written: {e}")))?;
    Ok((eml, draft))
}

/// "OFFICIAL-SENSITIVE: Marlow Fen Local IAG, 9 December 2026, 18:30:
/// agenda and papers". The marking first, as government email puts it.
fn subject(p: &PackView) -> String {
    let what = match p.supplement {
        0 => "agenda and papers".to_string(),
        n => format!("late papers, supplement {n}"),
    };
    format!(
        "{}: {}, {}: {what}",
        p.marking().label(),
        p.agenda.group_name,
        p.agenda.when
    )
}

fn body(v: &EmailView, attachments: &[Attachment]) -> String {
    let p = &v.pack;
    let a = &p.agenda;
    let greeting = match p.audience {
        Audience::Members => "Dear members,",
        Audience::Public => "Dear colleagues,",
    };
    let opening = match p.supplement {
        0 => format!(
            "Please find attached the agenda and papers for the {} meeting of {}.",
            a.kind_label.to_lowercase(),
            a.group_name
        ),
        n => format!(
            "Please find attached late papers (supplement {n}) for the meeting of {}: papers \
             added or replaced since the agenda pack was sent.",
            a.group_name
        ),
    };
    let mut text = format!("{greeting}\n\n{opening}\n\n");
    for (label, value) in super::papers::when_and_where(a) {
        text.push_str(&format!("{label}: {value}\n"));
    }
    text.push_str("\nAttached:\n");
    for (n, att) in attachments.iter().enumerate() {
        let what = if n == 0 {
            format!("the {} (PDF)", p.title().to_lowercase())
        } else if att.content_type == "text/calendar" {
            "the calendar invitation (open it to add the meeting to your calendar)".to_string()
        } else {
            "a paper supplied separately (a PDF pack cannot hold it)".to_string()
        };
        text.push_str(&format!("- {}: {what}\n", att.name));
    }
    text.push_str(&format!("\nMarking: {}\n", marking_words(p.audience)));
    text.push_str(&format!("\nChair, {}\n", a.group_name));
    text
}

fn marking_words(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "OFFICIAL. The public papers: open items and their open papers.",
        Audience::Members => {
            "OFFICIAL-SENSITIVE. For the group's members only: do not copy, forward or publish."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_who_has_no_address() {
        let draft = EmailDraft {
            to: vec![],
            bcc: vec![Recipient {
                name: "Asha".into(),
                email: "a@example.org".into(),
            }],
            subject: String::new(),
            body: String::new(),
            attachments: vec![],
            without_email: vec!["Bartłomiej Nowak".into()],
        };
        assert_eq!(
            draft.summary(),
            "Addressed to 1 person (Bcc). No email address for Bartłomiej Nowak: post or hand \
             the papers to them."
        );
    }
}
