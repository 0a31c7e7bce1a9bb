//! The agenda and the sign-in sheet as documents.
//!
//! Confidentiality by construction: the renderers take only the view types
//! below, built by a pure function from the meeting for one audience. In
//! the public view a confidential or not-recorded item is its public title
//! and reason, nothing else: its real title, purpose, presenter and papers
//! never enter it. The members' view (their agenda pack) holds everything
//! and is marked OFFICIAL-SENSITIVE.

use super::plan::MeetingDetail;
use crate::confidentiality::{Audience, Confidentiality};
use crate::documents::{Block, Document, Marking, Table, TextRun};
use crate::minutes::actions::{ActionLine, CONFIDENTIAL_ACTION};
use crate::vocabulary::{Capacity, ItemKind};

/// An agenda item as the public may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaViewItem {
    pub number: String,
    pub starts: String,
    pub depth: u8,
    pub title: String,
    pub purpose: String,
    pub presenter: String,
    pub minutes: u32,
    /// "Confidential: Community-tension intelligence".
    pub notice: Option<String>,
    /// File names of the papers (none listed for a confidential item: a file
    /// name can say too much).
    pub papers: Vec<String>,
    /// Under the action-log item: open actions carried forward.
    pub carried_actions: Vec<String>,
    /// Under the subgroup-reports item: concerns escalated to this group,
    /// each with where it came from.
    pub escalations: Vec<String>,
}

/// The agenda as one audience may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaView {
    /// OFFICIAL for the public; OFFICIAL-SENSITIVE for members.
    pub marking: Marking,
    pub group_name: String,
    pub when: String,
    pub date: String,
    pub venue: String,
    pub online_details: String,
    pub kind_label: String,
    pub items: Vec<AgendaViewItem>,
    pub members_expected: Vec<String>,
    pub in_attendance: Vec<String>,
    pub agreed: Option<String>,
}

/// Open actions as the agenda lists them: for the public, a confidential
/// action by its dates only.
fn carried(actions: &[ActionLine], audience: Audience) -> Vec<String> {
    actions
        .iter()
        .map(|a| {
            let due = a
                .due_on
                .as_ref()
                .map(|d| format!(", due {d}{}", if a.overdue { " (overdue)" } else { "" }))
                .unwrap_or_default();
            if a.level == Confidentiality::Open || audience == Audience::Members {
                let owner = if a.owner.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", a.owner)
                };
                format!("{}{owner}: raised {}{due}", a.text, a.raised_on)
            } else {
                format!("{}: raised {}{due}", CONFIDENTIAL_ACTION, a.raised_on)
            }
        })
        .collect()
}

/// The only way to the public `AgendaView`: confidential content is
/// dropped here.
pub fn public_agenda(m: &MeetingDetail) -> AgendaView {
    agenda_view(m, Audience::Public)
}

/// When and where the meeting is, as (label, value) lines: the agenda,
/// the pack's front sheet and the email draft all say it alike.
pub(crate) fn when_and_where(a: &AgendaView) -> Vec<(&'static str, String)> {
    let mut lines = vec![("Date and time", a.when.clone())];
    if !a.venue.is_empty() {
        lines.push(("Venue", a.venue.clone()));
    }
    if !a.online_details.is_empty() {
        lines.push(("Online", a.online_details.clone()));
    }
    lines
}

/// Those lines as a document's runs: the label bold, one line each.
pub(crate) fn fact_runs(lines: &[(&'static str, String)]) -> Vec<TextRun> {
    lines
        .iter()
        .flat_map(|(label, value)| {
            [
                TextRun::bold(format!("{label}: ")),
                TextRun::plain(format!("{value}\n")),
            ]
        })
        .collect()
}

/// The agenda as the group's members read it: every item by its own title,
/// a confidential one marked so, every paper named.
pub fn members_agenda(m: &MeetingDetail) -> AgendaView {
    agenda_view(m, Audience::Members)
}

fn agenda_view(m: &MeetingDetail, audience: Audience) -> AgendaView {
    let members = audience == Audience::Members;
    let items = m
        .items
        .iter()
        .map(|i| match i.confidentiality {
            level if level == Confidentiality::Open || members => AgendaViewItem {
                number: i.number.clone(),
                starts: i.starts.clone(),
                depth: i.depth,
                title: i.title.clone(),
                purpose: i.purpose.clone(),
                presenter: i.presenter.clone(),
                minutes: i.minutes,
                // A confidential paper is not named in public: a file name
                // can say too much.
                papers: i
                    .papers
                    .iter()
                    .filter(|p| p.level == Confidentiality::Open || members)
                    .map(|p| p.file_name.clone())
                    .collect(),
                notice: (level != Confidentiality::Open).then(|| {
                    format!(
                        "{} (members only): {}",
                        if level == Confidentiality::Confidential {
                            "Confidential item, taken in private"
                        } else {
                            "Confidential item, not recorded"
                        },
                        i.reason.clone().unwrap_or_default()
                    )
                }),
                carried_actions: if i.kind == ItemKind::ActionLog {
                    carried(&m.carried_actions, audience)
                } else {
                    Vec::new()
                },
                escalations: if i.kind == ItemKind::SubgroupReports {
                    m.escalations
                        .iter()
                        .map(|e| {
                            if e.confidential && !members {
                                format!(
                                    "A confidential concern from {} (raised {}), for members only.",
                                    e.from_name, e.raised_on
                                )
                            } else {
                                format!("From {} (raised {}): {}", e.from_name, e.raised_on, e.text)
                            }
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            },
            level => AgendaViewItem {
                number: i.number.clone(),
                starts: i.starts.clone(),
                depth: i.depth,
                title: i.public_title.clone(),
                purpose: String::new(),
                presenter: String::new(),
                minutes: i.minutes,
                papers: Vec::new(),
                carried_actions: Vec::new(),
                escalations: Vec::new(),
                notice: Some(format!(
                    "{}: {}",
                    if level == Confidentiality::Confidential {
                        "Confidential item, taken in private"
                    } else {
                        "Confidential item, not recorded"
                    },
                    i.reason.clone().unwrap_or_default()
                )),
            },
        })
        .collect();
    let names = |c: Capacity| {
        m.register
            .iter()
            .filter(|r| r.capacity == c)
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
    };
    AgendaView {
        marking: if members {
            Marking::OfficialSensitive
        } else {
            Marking::Official
        },
        group_name: m.group_name.clone(),
        when: m.when.clone(),
        date: m.date.clone(),
        venue: m.venue.clone(),
        online_details: m.online_details.clone(),
        kind_label: m.kind_label.to_string(),
        items,
        members_expected: names(Capacity::Member),
        in_attendance: names(Capacity::InAttendance),
        agreed: match (&m.chair_agreed, &m.police_agreed) {
            (Some(c), Some(p)) => Some(format!(
                "Agreed by the chair, {}, on {}, and the police contact, {}, on {}.",
                c.by, c.at, p.by, p.at
            )),
            _ => None,
        },
    }
}

/// The agenda's document, built from one audience's view and marked for it.
pub fn agenda_document(a: &AgendaView) -> Document {
    let mut doc = Document::new(
        format!("Agenda: {}, {}", a.group_name, a.when),
        a.group_name.clone(),
    );
    doc.marking = a.marking;
    doc.header_text = a.group_name.clone();
    doc.blocks
        .push(Block::heading(1, format!("{}: agenda", a.group_name)));
    let mut facts = fact_runs(&when_and_where(a));
    facts.push(TextRun::bold("Meeting: "));
    facts.push(TextRun::plain(a.kind_label.clone()));
    doc.blocks.push(Block::Paragraph(facts));
    doc.blocks.push(Block::heading(2, "Items"));
    doc.blocks.push(Block::Table(Table {
        header: vec![
            "No.".into(),
            "Time".into(),
            "Item".into(),
            "Presenter".into(),
            "Mins".into(),
        ],
        rows: a
            .items
            .iter()
            .map(|i| {
                let mut item = if i.depth > 0 {
                    format!("    {}", i.title)
                } else {
                    i.title.clone()
                };
                if !i.purpose.is_empty() {
                    item.push('\n');
                    item.push_str(&i.purpose);
                }
                if let Some(n) = &i.notice {
                    item.push('\n');
                    item.push_str(n);
                }
                if !i.papers.is_empty() {
                    item.push_str("\nPapers: ");
                    item.push_str(&i.papers.join(", "));
                }
                if !i.escalations.is_empty() {
                    item.push_str("\nEscalated to this group:");
                    for e in &i.escalations {
                        item.push_str("\n• ");
                        item.push_str(e);
                    }
                }
                if !i.carried_actions.is_empty() {
                    item.push_str("\nOpen actions carried forward:");
                    for c in &i.carried_actions {
                        item.push_str("\n• ");
                        item.push_str(c);
                    }
                }
                vec![
                    i.number.clone(),
                    i.starts.clone(),
                    item,
                    i.presenter.clone(),
                    i.minutes.to_string(),
                ]
            })
            .collect(),
        column_widths: vec![0.7, 0.9, 5.0, 2.2, 0.7],
    }));
    doc.blocks.push(Block::heading(2, "Expected"));
    doc.blocks.push(Block::Paragraph(vec![
        TextRun::bold("Members: "),
        TextRun::plain(if a.members_expected.is_empty() {
            "none listed".into()
        } else {
            a.members_expected.join(", ")
        }),
    ]));
    if !a.in_attendance.is_empty() {
        doc.blocks.push(Block::Paragraph(vec![
            TextRun::bold("In attendance: "),
            TextRun::plain(a.in_attendance.join(", ")),
        ]));
    }
    doc.blocks.push(Block::Paragraph(vec![TextRun::plain(
        a.agreed
            .clone()
            .unwrap_or_else(|| "Draft: not yet agreed by the chair and the police contact.".into()),
    )]));
    if a.agreed.is_none() {
        doc.watermark = Some("DRAFT".into());
    }
    doc
}

/// Who may sign in: names only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInSheet {
    pub group_name: String,
    pub when: String,
    pub venue: String,
    /// (name, "Member" or "In attendance")
    pub people: Vec<(String, String)>,
    pub blank_rows: usize,
}

pub fn sign_in_sheet(m: &MeetingDetail) -> SignInSheet {
    SignInSheet {
        group_name: m.group_name.clone(),
        when: m.when.clone(),
        venue: m.venue.clone(),
        people: m
            .register
            .iter()
            .map(|r| {
                (
                    r.name.clone(),
                    if r.capacity == Capacity::Member {
                        "Member"
                    } else {
                        "In attendance"
                    }
                    .to_string(),
                )
            })
            .collect(),
        blank_rows: 8,
    }
}

pub fn sign_in_document(s: &SignInSheet) -> Document {
    let mut doc = Document::new(
        format!("Sign-in sheet: {}, {}", s.group_name, s.when),
        s.group_name.clone(),
    );
    doc.header_text = s.group_name.clone();
    doc.blocks.push(Block::heading(
        1,
        format!("{}: sign-in sheet", s.group_name),
    ));
    doc.blocks.push(Block::paragraph(format!(
        "{}{}",
        s.when,
        if s.venue.is_empty() {
            String::new()
        } else {
            format!(", {}", s.venue)
        }
    )));
    doc.blocks.push(Block::paragraph(
        "Please sign beside your name. Guests: please print your name and organisation in the blank rows.",
    ));
    // A blank second line in the signature cell gives room to sign by hand.
    let room = || "\n".to_string();
    let mut rows: Vec<Vec<String>> = s
        .people
        .iter()
        .map(|(n, c)| vec![n.clone(), c.clone(), room()])
        .collect();
    rows.extend((0..s.blank_rows).map(|_| vec![String::new(), "Guest".into(), room()]));
    doc.blocks.push(Block::Table(Table {
        header: vec!["Name".into(), "Attending as".into(), "Signature".into()],
        rows,
        column_widths: vec![4.0, 2.0, 4.0],
    }));
    doc
}
