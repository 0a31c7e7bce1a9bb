//! Terms of reference for a group: its editable purpose, membership and
//! confidentiality wording, and what the roster already knows: how often
//! it meets, its quorum, how it votes, and its named point of escalation.

use super::{prose, text};
use crate::dates::long_date;
use crate::documents::{Block, Document, Marking, TextRun};
use crate::error::{Error, Result};
use crate::ids::GroupId;
use crate::storage::Vault;
use chrono::{Months, NaiveDate};

pub const SECTIONS: &[&str] = &[
    "Purpose",
    "Membership: joining and leaving",
    "Meetings",
    "Quorum",
    "Voting",
    "Confidentiality",
    "Point of escalation",
    "Review",
];

fn frequency(months: u32) -> String {
    match months {
        0 | 1 => "The group meets every month.".into(),
        3 => "The group meets every quarter.".into(),
        6 => "The group meets twice a year.".into(),
        12 => "The group meets once a year.".into(),
        n => format!("The group meets every {n} months."),
    }
}

/// How the group's draft minutes are marked until approved.
fn draft_minutes(rules: &crate::roster::groups::RecordRules) -> String {
    let handling = if rules.draft_handling.is_empty() {
        String::new()
    } else {
        format!(", with the line \u{201c}{}\u{201d}", rules.draft_handling)
    };
    format!(
        "Draft minutes are marked {}{handling}, until the group approves them at its next \
         meeting; approved minutes are published as OFFICIAL.",
        rules.draft_marking.label()
    )
}

pub const VOTING: &str = "The group aims to reach its advice by agreement. When a vote is needed, \
a motion is carried by a simple majority of the members present and voting. A member who cannot \
attend may give a proxy vote to another member, which counts only if that member is present. If \
the votes are tied, the chair has a casting vote; without it the motion falls. A motion to ask a \
member to leave needs a majority of the members present, proxy votes counted.";

pub fn document(vault: &Vault, group: GroupId, today: NaiveDate) -> Result<Document> {
    let g = crate::roster::groups(vault, today)?
        .into_iter()
        .find(|x| x.id == group)
        .ok_or_else(|| Error::NotFound {
            what: "That group".into(),
        })?;
    let texts = crate::storage::texts::edited(vault.conn(), group)?;
    let mut doc = Document::new(format!("Terms of reference: {}", g.name), g.name.clone());
    doc.marking = Marking::Official;
    doc.header_text = format!("{}: terms of reference", g.name);
    let b = &mut doc.blocks;
    b.push(Block::heading(1, format!("{}: terms of reference", g.name)));
    let mut facts = vec![
        TextRun::bold("Tier: "),
        TextRun::plain(format!("{}\n", g.tier_label)),
        TextRun::bold("Area: "),
        TextRun::plain(format!("{}\n", g.area)),
    ];
    if let Some(parent) = &g.parent {
        facts.push(TextRun::bold("Reports to: "));
        facts.push(TextRun::plain(format!("{parent}\n")));
    }
    facts.push(TextRun::bold("Chair: "));
    facts.push(TextRun::plain(if g.chairs.is_empty() {
        "to be appointed".to_string()
    } else {
        g.chairs.join(", ")
    }));
    b.push(Block::Paragraph(facts));
    let section = |b: &mut Vec<Block>, title: &str, body: Vec<Block>| {
        b.push(Block::heading(2, title));
        b.extend(body);
    };
    section(b, SECTIONS[0], prose(&text(&texts, "tor_purpose")));
    section(b, SECTIONS[1], prose(&text(&texts, "tor_membership")));
    let rules = crate::roster::groups::record_rules(vault, group)?;
    section(
        b,
        SECTIONS[2],
        vec![
            Block::paragraph(format!(
                "{} Extra meetings may be called by the chair, or at the request of the police \
                 lead when a critical incident needs the group's advice.",
                frequency(g.cadence_months)
            )),
            Block::paragraph(crate::roster::attendance::rule_text(&rules)),
            Block::paragraph(draft_minutes(&rules)),
        ],
    );
    section(
        b,
        SECTIONS[3],
        vec![Block::paragraph(format!(
            "A meeting is quorate when at least {} are present. Police officers and guests \
             do not count towards the quorum.",
            g.quorum
        ))],
    );
    section(b, SECTIONS[4], vec![Block::paragraph(VOTING)]);
    section(b, SECTIONS[5], prose(&text(&texts, "tor_confidentiality")));
    section(
        b,
        SECTIONS[6],
        vec![Block::paragraph(if g.escalation.trim().is_empty() {
            "The group has not yet named its point of escalation: the chair will agree one \
             with the police lead."
                .to_string()
        } else {
            format!(
                "When the group's advice is not being heard, or a concern needs to go higher, \
                 the chair raises it with: {}.",
                g.escalation
            )
        })],
    );
    let review = text(&texts, "tor_review");
    let review = if review.trim().is_empty() {
        format!(
            "These terms will be reviewed by {}, or sooner if the group asks.",
            long_date(today.checked_add_months(Months::new(12)).unwrap_or(today))
        )
    } else {
        review
    };
    section(b, SECTIONS[7], prose(&review));
    b.push(Block::paragraph(format!(
        "Printed on {}.",
        long_date(today)
    )));
    Ok(doc)
}
