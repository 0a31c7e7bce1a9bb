//! The induction pack for a group: its own welcome, what an IAG is, the
//! force's groups drawn from the roster, roles, the person specification,
//! the Nolan principles, a glossary, who to contact, the next four
//! meetings, how confidentiality works, and the confidentiality agreement
//! as a form to sign. A table of contents gives the page each section
//! starts on; the numbers come from laying the pack out, not from guessing.
//!
//! Every section starts on a new page, so a member can take out the
//! agreement to sign, and large print (body text 16 pt) reflows cleanly.
//! The web page version has the same sections and words, with a list of
//! sections in place of page numbers.

use super::{prose, text};
use crate::dates::long_date;
use crate::documents::{Block, Document, Layout, LineRole, Marking, Relayout, Table, TextRun};
use crate::error::{Error, Result};
use crate::ids::{GroupId, PersonId};
use crate::storage::Vault;
use crate::vocabulary::{GroupStatus, Tier};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// Body text is scaled to this for large print: 10 pt × 1.6 = 16 pt.
pub const LARGE_PRINT_SCALE: f32 = 1.6;

/// Everything the pack says, gathered from the vault.
#[derive(Debug, Clone)]
pub struct PackView {
    pub group_name: String,
    pub area: String,
    /// For a personalised cover and agreement.
    pub member_name: Option<String>,
    pub printed_on: String,
    /// (group, tier, reports to, chair(s)) for every active group.
    pub structure: Vec<[String; 4]>,
    pub chairs: Vec<String>,
    pub police_contacts: Vec<String>,
    pub escalation: String,
    /// "9 December 2026, 18:30" or "… (to be confirmed)".
    pub next_meetings: Vec<String>,
    texts: HashMap<String, String>,
}

impl PackView {
    fn text(&self, key: &str) -> String {
        text(&self.texts, key)
    }
}

/// The sections in order, as the contents list names them.
pub const SECTIONS: &[&str] = &[
    "About this group",
    "What an IAG is",
    "What \u{201c}independent\u{201d} and \u{201c}advice\u{201d} mean",
    "How the force\u{2019}s groups fit together",
    "Roles and main duties",
    "Person specification",
    "The Nolan principles",
    "Glossary",
    "We can help you with, you can help us with",
    "Who to contact",
    "The next four meetings",
    "How confidentiality works here",
    "Confidentiality agreement",
];

pub fn build(
    vault: &Vault,
    group: GroupId,
    member: Option<PersonId>,
    today: NaiveDate,
) -> Result<PackView> {
    let groups = crate::roster::groups(vault, today)?;
    let g = groups
        .iter()
        .find(|x| x.id == group)
        .ok_or_else(|| Error::NotFound {
            what: "That group".into(),
        })?;
    let tier_rank = |t: Tier| match t {
        Tier::Strategic => 0,
        Tier::Local => 1,
        Tier::Subgroup => 2,
        Tier::Critical => 3,
    };
    let mut active: Vec<_> = groups
        .iter()
        .filter(|x| x.status == GroupStatus::Active)
        .collect();
    active.sort_by_key(|x| (tier_rank(x.tier), x.name.clone()));
    let structure = active
        .iter()
        .map(|x| {
            [
                x.name.clone(),
                x.tier_label.to_string(),
                x.parent.clone().unwrap_or_else(|| "\u{2014}".into()),
                if x.chairs.is_empty() {
                    "\u{2014}".into()
                } else {
                    x.chairs.join(", ")
                },
            ]
        })
        .collect();

    // Planned meetings first, then the group's cadence carries on.
    let now = today.and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut next: Vec<chrono::NaiveDateTime> = crate::meetings::list(vault, now)?
        .into_iter()
        .filter(|m| m.group_id == group && m.upcoming)
        .filter_map(|m| m.start())
        .collect();
    next.sort();
    let mut next_meetings: Vec<String> = next
        .iter()
        .take(4)
        .map(|at| crate::dates::long_date_time(*at))
        .collect();
    let mut last = next.last().copied();
    while next_meetings.len() < 4 {
        let Some(at) =
            last.and_then(|l| l.checked_add_months(Months::new(g.cadence_months.max(1))))
        else {
            break;
        };
        next_meetings.push(format!("{} (to be confirmed)", long_date(at.date())));
        last = Some(at);
    }

    let member_name = member
        .map(|p| crate::roster::members::person(vault, p, today).map(|d| d.form.full_name))
        .transpose()?;
    Ok(PackView {
        group_name: g.name.clone(),
        area: g.area.clone(),
        member_name,
        printed_on: long_date(today),
        structure,
        chairs: g.chairs.clone(),
        police_contacts: g.police_contacts.clone(),
        escalation: g.escalation.clone(),
        next_meetings,
        texts: crate::storage::texts::edited(vault.conn(), group)?,
    })
}

fn signature_lines(name: Option<&str>) -> Block {
    let blank = "\n\n";
    Block::Table(Table {
        header: vec!["Signed by".into(), "Complete by hand".into()],
        rows: vec![
            vec![
                "Name".into(),
                name.map(str::to_string).unwrap_or_else(|| blank.into()),
            ],
            vec!["Signature".into(), blank.into()],
            vec!["Date".into(), blank.into()],
        ],
        column_widths: vec![1.0, 4.0],
    })
}

/// What the contents list says about where each section is.
#[derive(Debug, Clone, Copy)]
enum Contents<'a> {
    /// On paper: the page each section starts on (placeholders on the
    /// first pass). Every section is a level 1 heading on its own page.
    Pages(&'a [String]),
    /// On a web page there are no pages: the contents is a list of the
    /// sections, each a section (level 2) under the pack's one title.
    Sections,
}

/// The pack's blocks, its contents as `contents` says.
fn blocks(v: &PackView, contents: Contents<'_>) -> Vec<Block> {
    let mut b = vec![Block::Spacer(30.0)];
    let section_level = match contents {
        Contents::Pages(_) => {
            b.push(Block::heading(1, "Induction pack"));
            b.push(Block::heading(2, v.group_name.clone()));
            1
        }
        Contents::Sections => {
            b.push(Block::heading(
                1,
                format!("Induction pack: {}", v.group_name),
            ));
            2
        }
    };
    if let Some(name) = &v.member_name {
        b.push(Block::Spacer(10.0));
        b.push(Block::Paragraph(vec![TextRun::bold(format!(
            "Welcome, {name}"
        ))]));
    }
    b.push(Block::Spacer(10.0));
    b.push(Block::paragraph(format!(
        "{}\nPrinted on {}.",
        v.area, v.printed_on
    )));
    b.push(Block::PageBreak);
    b.push(Block::heading(section_level, "Contents"));
    match contents {
        Contents::Pages(pages) => b.push(Block::Table(Table {
            header: vec!["Section".into(), "Page".into()],
            rows: SECTIONS
                .iter()
                .zip(pages)
                .map(|(s, p)| vec![s.to_string(), p.clone()])
                .collect(),
            column_widths: vec![6.0, 1.0],
        })),
        Contents::Sections => b.push(Block::NumberedList(
            SECTIONS
                .iter()
                .enumerate()
                .map(|(i, s)| crate::documents::ListItem::new((i + 1).to_string(), *s))
                .collect(),
        )),
    }
    let section = |b: &mut Vec<Block>, title: &str| {
        b.push(Block::PageBreak);
        b.push(Block::heading(section_level, title));
    };
    let keyed = [
        ("prologue", 0),
        ("what_is_an_iag", 1),
        ("independent_and_advice", 2),
    ];
    for (key, i) in keyed {
        section(&mut b, SECTIONS[i]);
        b.extend(prose(&v.text(key)));
    }
    section(&mut b, SECTIONS[3]);
    b.push(Block::paragraph(
        "The groups of the force today, from the roster. Local groups and subgroups report \
         to their parent group; concerns travel up to the strategic group and answers come \
         back down.",
    ));
    b.push(Block::Table(Table {
        header: vec![
            "Group".into(),
            "Tier".into(),
            "Reports to".into(),
            "Chair".into(),
        ],
        rows: v.structure.iter().map(|r| r.to_vec()).collect(),
        column_widths: vec![3.0, 2.0, 3.0, 2.5],
    }));
    for (key, i) in [("roles", 4), ("person_specification", 5), ("nolan", 6)] {
        section(&mut b, SECTIONS[i]);
        b.extend(prose(&v.text(key)));
    }
    section(&mut b, SECTIONS[7]);
    b.push(Block::Table(Table {
        header: vec!["Term".into(), "What it means".into()],
        rows: super::glossary_entries(&v.text("glossary"))
            .into_iter()
            .map(|(t, m)| vec![t, m])
            .collect(),
        column_widths: vec![2.0, 5.0],
    }));
    section(&mut b, SECTIONS[8]);
    b.extend(prose(&v.text("help_each_other")));
    section(&mut b, SECTIONS[9]);
    let or_none = |list: &[String]| {
        if list.is_empty() {
            "to be appointed".to_string()
        } else {
            list.join(", ")
        }
    };
    b.push(Block::Table(Table {
        header: vec!["Who".into(), "Name".into()],
        rows: vec![
            vec!["Chair".into(), or_none(&v.chairs)],
            vec!["Police contact".into(), or_none(&v.police_contacts)],
            vec!["Point of escalation".into(), v.escalation.clone()],
        ],
        column_widths: vec![2.0, 5.0],
    }));
    section(&mut b, SECTIONS[10]);
    if v.next_meetings.is_empty() {
        b.push(Block::paragraph("The chair will let you know the dates."));
    } else {
        b.push(Block::NumberedList(
            v.next_meetings
                .iter()
                .map(|m| crate::documents::ListItem::new("\u{2022}", m.clone()))
                .collect(),
        ));
    }
    section(&mut b, SECTIONS[11]);
    b.extend(prose(&v.text("confidentiality")));
    section(&mut b, SECTIONS[12]);
    b.push(Block::paragraph(format!("Group: {}", v.group_name)));
    b.extend(prose(&v.text("agreement")));
    b.push(Block::Spacer(6.0));
    b.push(signature_lines(v.member_name.as_deref()));
    b
}

/// The page each section starts on, read from the layout.
pub fn section_pages(laid: &Layout) -> Vec<Option<usize>> {
    SECTIONS
        .iter()
        .map(|title| {
            laid.pages.iter().find_map(|p| {
                p.lines_with(LineRole::Heading(1))
                    .any(|l| !l.text.trim().is_empty() && title.starts_with(l.text.trim()))
                    .then_some(p.number)
            })
        })
        .collect()
}

/// The pack's title, marking and print size, without its body.
fn empty_pack(v: &PackView, large_print: bool) -> Document {
    let mut doc = Document::new(
        format!("Induction pack: {}", v.group_name),
        v.group_name.clone(),
    );
    doc.marking = Marking::Official;
    doc.header_text = format!("{}: induction pack", v.group_name);
    if large_print {
        doc.text_scale = LARGE_PRINT_SCALE;
    }
    doc
}

/// The pack as a document, its contents numbered from its own layout.
pub fn document(v: &PackView, large_print: bool) -> Result<(Document, Layout)> {
    let mut relayout = Relayout::default();
    let doc = document_in(v, large_print, &mut relayout)?;
    Ok((doc, relayout.into_layout()))
}

/// The pack as a document, laid out in `relayout`, which may hold an
/// earlier version of it (the preview's, before an edit): only what changed
/// is laid out again, and the earlier contents numbers are the first guess.
/// The result is the same as [`document`]'s: the numbers change no line
/// breaks, so the contents settle on the same pages from any guess.
pub fn document_in(v: &PackView, large_print: bool, relayout: &mut Relayout) -> Result<Document> {
    let mut doc = empty_pack(v, large_print);
    let mut pages: Vec<String> = section_pages(relayout.current())
        .into_iter()
        .map(|p| p.map_or_else(|| "99".to_string(), |n| n.to_string()))
        .collect();
    // Page numbers change no line breaks, so the second pass settles; a
    // third is allowed for safety.
    for _ in 0..3 {
        doc.blocks = blocks(v, Contents::Pages(&pages));
        let laid = relayout.layout(&doc)?;
        let found: Vec<String> = section_pages(laid)
            .into_iter()
            .map(|p| p.map(|n| n.to_string()).unwrap_or_default())
            .collect();
        if found == pages {
            return Ok(doc);
        }
        pages = found;
    }
    Err(Error::Internal(
        "the induction pack's contents did not settle".into(),
    ))
}

/// The pack as a document for a web page: the same sections and words as
/// on paper, with a contents list instead of page numbers, which mean
/// nothing on a page that reflows.
pub fn web_document(v: &PackView, large_print: bool) -> Document {
    let mut doc = empty_pack(v, large_print);
    doc.blocks = blocks(v, Contents::Sections);
    doc
}
