//! The minutes and the confidential annex as documents, in UK practice:
//! present, apologies, in attendance, declarations of interest, then each
//! item with its notes, decisions ("AGREED:"), advice, actions and votes.
//!
//! Each renderer takes only its audience's view; the PDF title and author
//! are built from the heading, which holds nothing confidential.

use super::audience::{self, Heading, MembersAnnex, MinuteLine, PublicMinutes};
use super::record;
use crate::confidentiality::Audience;
use crate::documents::{Block, Document, Marking, TextRun};
use crate::error::Result;
use crate::ids::MeetingId;
use crate::storage::Vault;

fn line(l: &MinuteLine) -> Block {
    if l.label.is_empty() {
        Block::paragraph(l.text.clone())
    } else {
        Block::Paragraph(vec![
            TextRun::bold(format!("{} ", l.label)),
            TextRun::plain(l.text.clone()),
        ])
    }
}

/// "Present: A, B". Where an entry carries its own commas ("Ayesha Rahman,
/// Community Safety Officer, Fenwold District Council") the entries are
/// parted by semicolons, so each person stays one entry.
fn names(label: &str, list: &[String], none: &str) -> Block {
    let parting = if list.iter().any(|n| n.contains(',')) {
        "; "
    } else {
        ", "
    };
    Block::Paragraph(vec![
        TextRun::bold(format!("{label}: ")),
        TextRun::plain(if list.is_empty() {
            none.to_string()
        } else {
            list.join(parting)
        }),
    ])
}

fn facts(h: &Heading) -> Block {
    let mut runs = vec![
        TextRun::bold("Date and time: "),
        TextRun::plain(format!("{}\n", h.when)),
    ];
    if !h.venue.is_empty() {
        runs.push(TextRun::bold("Venue: "));
        runs.push(TextRun::plain(format!("{}\n", h.venue)));
    }
    runs.push(TextRun::bold("Meeting: "));
    runs.push(TextRun::plain(h.kind_label.clone()));
    if h.issue > 1 {
        runs.push(TextRun::plain(format!(
            "\nIssue {}: includes the amendments listed at the end.",
            h.issue
        )));
    }
    Block::Paragraph(runs)
}

/// The group's handling line for its drafts, in bold under the title,
/// with the document's own marking (the annex is always the higher).
fn handling(h: &Heading, marking: Marking) -> Option<Block> {
    let draft = h.draft_marking.as_ref()?;
    let line = crate::minutes::record::DraftMarking {
        marking,
        handling: draft.handling.clone(),
    }
    .line()?;
    Some(Block::Paragraph(vec![TextRun::bold(line)]))
}

fn status(h: &Heading) -> Block {
    Block::paragraph(
        h.approved
            .clone()
            .unwrap_or_else(|| "DRAFT: to be approved at the next meeting.".to_string()),
    )
}

/// The public minutes, marked OFFICIAL; DRAFT across every page until approved.
pub fn public_document(m: &PublicMinutes) -> Document {
    let h = &m.heading;
    let mut doc = Document::new(
        format!("Minutes: {}, {}", h.group_name, h.when),
        h.group_name.clone(),
    );
    // A group may mark its drafts higher until they are approved.
    let marking = h
        .draft_marking
        .as_ref()
        .map_or(Marking::Official, |d| d.marking);
    doc.marking = marking;
    doc.header_text = h.group_name.clone();
    if h.draft {
        doc.watermark = Some("DRAFT".into());
    }
    let b = &mut doc.blocks;
    b.push(Block::heading(1, format!("{}: minutes", h.group_name)));
    b.extend(handling(h, marking));
    b.push(facts(h));
    b.push(names(
        "Present",
        &m.present,
        "no members recorded as present",
    ));
    b.push(names("Apologies", &m.apologies, "none"));
    if !m.absent.is_empty() {
        b.push(names("Absent", &m.absent, "none"));
    }
    b.push(names("In attendance", &m.in_attendance, "none"));
    if !m.secretariat.is_empty() {
        b.push(names("Secretariat", &m.secretariat, "none"));
    }
    if !m.minutes_taken_by.is_empty() {
        b.push(names("Minutes taken by", &m.minutes_taken_by, "none"));
    }
    b.push(Block::heading(2, "Declarations of interest"));
    if m.declarations.is_empty() {
        b.push(Block::paragraph("None declared."));
    }
    b.extend(m.declarations.iter().map(line));
    for i in &m.items {
        let title = format!("{} {}", i.number, i.title);
        b.push(Block::heading(if i.depth == 0 { 2 } else { 3 }, title));
        if let Some(n) = &i.notice {
            b.push(Block::paragraph(n.clone()));
        }
        if i.notice.is_none() && i.lines.is_empty() {
            b.push(Block::paragraph("Nothing recorded."));
        }
        b.extend(i.lines.iter().map(line));
    }
    if !m.action_updates.is_empty() {
        b.push(Block::heading(2, "Actions from earlier meetings"));
        b.extend(m.action_updates.iter().map(line));
    }
    if !m.amendments.is_empty() {
        b.push(Block::heading(2, "Amendments since approval"));
        b.extend(m.amendments.iter().map(|a| Block::paragraph(a.clone())));
    }
    b.push(Block::Spacer(4.0));
    b.push(status(h));
    if m.has_annex {
        b.push(Block::paragraph(
            "A confidential annex to these minutes is circulated to members of the group only.",
        ));
    }
    doc
}

/// The members' annex: OFFICIAL-SENSITIVE on every page and a watermark.
pub fn annex_document(a: &MembersAnnex) -> Document {
    let h = &a.heading;
    let mut doc = Document::new(
        format!(
            "Confidential annex to the minutes: {}, {}",
            h.group_name, h.when
        ),
        h.group_name.clone(),
    );
    doc.marking = Marking::OfficialSensitive;
    doc.header_text = format!("{}: confidential annex", h.group_name);
    doc.watermark = Some(if h.draft {
        "DRAFT · CONFIDENTIAL".into()
    } else {
        "CONFIDENTIAL".into()
    });
    let b = &mut doc.blocks;
    b.push(Block::heading(
        1,
        format!("{}: confidential annex to the minutes", h.group_name),
    ));
    b.extend(handling(h, Marking::OfficialSensitive));
    b.push(facts(h));
    b.push(Block::Paragraph(vec![TextRun::bold(
        "For members of the group only. Do not copy, forward or publish. Read it with the \
         public minutes, which hold everything that is open.",
    )]));
    if let Some([present, apologies, absent]) = &a.named_attendance {
        b.push(Block::heading(
            2,
            "Members present (the public minutes give counts)",
        ));
        b.push(names("Present", present, "no members recorded as present"));
        b.push(names("Apologies", apologies, "none"));
        if !absent.is_empty() {
            b.push(names("Absent", absent, "none"));
        }
    }
    if !a.declarations.is_empty() {
        b.push(Block::heading(2, "Declarations of interest"));
        b.extend(a.declarations.iter().map(line));
    }
    if a.items.is_empty() && a.declarations.is_empty() && a.action_updates.is_empty() {
        b.push(Block::paragraph(
            "Nothing confidential was recorded at this meeting.",
        ));
    }
    for i in &a.items {
        b.push(Block::heading(2, format!("{} {}", i.number, i.title)));
        b.push(Block::paragraph(i.notice.clone()));
        if i.lines.is_empty() {
            b.push(Block::paragraph("Nothing recorded."));
        }
        b.extend(i.lines.iter().map(line));
    }
    if !a.action_updates.is_empty() {
        b.push(Block::heading(
            2,
            "Confidential actions from earlier meetings",
        ));
        b.extend(a.action_updates.iter().map(line));
    }
    if !a.amendments.is_empty() {
        b.push(Block::heading(2, "Amendments since approval"));
        b.extend(a.amendments.iter().map(|x| Block::paragraph(x.clone())));
    }
    b.push(Block::Spacer(4.0));
    b.push(status(h));
    doc
}

/// The minutes (public) or the confidential annex (members) as a document,
/// built from that audience's view: the PDF and the web page are both drawn
/// from it, so neither can show more than the other.
pub fn minutes_document(vault: &Vault, meeting: MeetingId, audience: Audience) -> Result<Document> {
    let r = record::record(vault, meeting)?;
    Ok(match audience {
        Audience::Public => public_document(&audience::public_minutes(&r)),
        Audience::Members => annex_document(&audience::members_annex(&r)),
    })
}
