//! Redaction by construction: pure functions from the full record to what
//! one audience may read. The renderers in [`super::document`] accept only
//! these view types, so handing them the full record does not compile:
//!
//! ```compile_fail
//! # fn leak(r: &iag_desk_core::minutes::record::MinutesRecord) {
//! iag_desk_core::minutes::document::public_document(r);
//! # }
//! ```
//!
//! What each audience reads:
//! - **Public** (the minutes): open items and open entries in full. A
//!   confidential item shows its public title and reason only; a
//!   confidential entry inside an open item shows only that a confidential
//!   matter is recorded in the members' annex; a not-recorded item or entry
//!   shows only that a confidential matter was discussed and not recorded.
//! - **Members** (the confidential annex): everything confidential, with
//!   the item it belongs to. Open content is in the public minutes, which
//!   members also receive, so the annex does not repeat it.
//! - Nobody: not-recorded text, which was never stored.

use super::record::{MinutesRecord, RecordEntry, RecordItem};
use crate::confidentiality::Confidentiality;
use crate::vocabulary::{ActionStatus, EntryKind, ItemKind};

/// One line of minutes: "AGREED:" and what was agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteLine {
    pub label: String,
    pub text: String,
}

impl MinuteLine {
    fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        MinuteLine {
            label: label.into(),
            text: text.into(),
        }
    }
}

/// Facts every version of the minutes carries (none of them confidential:
/// the group, the time and place, who attended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub group_name: String,
    pub when: String,
    pub date: String,
    pub venue: String,
    pub kind_label: String,
    pub draft: bool,
    /// While a draft: the group's marking for drafts and its handling line.
    pub draft_marking: Option<super::record::DraftMarking>,
    pub approved: Option<String>,
    pub issue: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicItem {
    pub number: String,
    pub depth: u8,
    pub title: String,
    /// Why the item is not open, in words the public may read.
    pub notice: Option<String>,
    pub lines: Vec<MinuteLine>,
}

/// The public minutes: all that anyone may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicMinutes {
    pub heading: Heading,
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub absent: Vec<String>,
    pub in_attendance: Vec<String>,
    pub secretariat: Vec<String>,
    pub minutes_taken_by: Vec<String>,
    pub declarations: Vec<MinuteLine>,
    pub items: Vec<PublicItem>,
    /// Earlier actions reported on, when there is no action-log item.
    pub action_updates: Vec<MinuteLine>,
    pub amendments: Vec<String>,
    /// True when there is a members' annex to read alongside.
    pub has_annex: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexItem {
    pub number: String,
    /// The item's real title.
    pub title: String,
    /// "Confidential item: Sub judice", or "Open item: confidential entries".
    pub notice: String,
    pub lines: Vec<MinuteLine>,
}

/// The members' confidential annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembersAnnex {
    pub heading: Heading,
    /// Present, apologies and absent by name, when the public minutes give
    /// only counts: the annex always has the names.
    pub named_attendance: Option<[Vec<String>; 3]>,
    pub declarations: Vec<MinuteLine>,
    pub items: Vec<AnnexItem>,
    pub action_updates: Vec<MinuteLine>,
    pub amendments: Vec<String>,
}

pub const IN_ANNEX: &str =
    "A confidential matter under this item is recorded in the members' confidential annex.";
pub const NOT_RECORDED: &str =
    "A confidential matter was discussed and, at the police lead's request, not recorded.";

/// Members as the public minutes list them: by name, or for a group that
/// publishes counts, "Present: 7 members".
fn members_listed(r: &MinutesRecord, names: &[String]) -> Vec<String> {
    if !r.members_by_count || names.is_empty() {
        return names.to_vec();
    }
    let n = names.len();
    vec![format!("{n} member{}", if n == 1 { "" } else { "s" })]
}

fn heading(r: &MinutesRecord) -> Heading {
    Heading {
        group_name: r.group_name.clone(),
        when: r.when.clone(),
        date: r.date.clone(),
        venue: r.venue.clone(),
        kind_label: r.kind_label.clone(),
        draft: r.is_draft(),
        draft_marking: r.draft_marking.clone().filter(|_| r.is_draft()),
        approved: r.approved.clone(),
        issue: r.issue,
    }
}

/// The line(s) an entry becomes in the minutes, in UK practice.
fn lines_of(e: &RecordEntry) -> Vec<MinuteLine> {
    // An entry added but never written (autosave keeps it) says nothing.
    if e.text.trim().is_empty() && !matches!(e.kind, EntryKind::Vote | EntryKind::Declaration) {
        return vec![];
    }
    match e.kind {
        EntryKind::Note => vec![MinuteLine::new("", e.text.clone())],
        EntryKind::Decision => vec![MinuteLine::new("AGREED:", e.text.clone())],
        EntryKind::Advice => {
            let to = if e.police_recipient.is_empty() {
                String::new()
            } else {
                format!(" (to {})", e.police_recipient)
            };
            vec![MinuteLine::new(format!("ADVICE{to}:"), e.text.clone())]
        }
        EntryKind::Action => {
            let mut who = Vec::new();
            if !e.owner.is_empty() {
                who.push(e.owner.clone());
            }
            if let Some(d) = &e.due {
                who.push(format!("by {d}"));
            }
            let label = if who.is_empty() {
                "ACTION:".to_string()
            } else {
                format!("ACTION ({}):", who.join(", "))
            };
            vec![MinuteLine::new(label, e.text.clone())]
        }
        EntryKind::Vote => {
            let Some(v) = &e.vote else { return vec![] };
            let mut out = vec![MinuteLine::new("VOTE:", e.text.clone())];
            if !v.named.is_empty() {
                out.push(MinuteLine::new("Votes cast:", v.named.join("; ")));
            }
            for d in &v.outcome.discounted {
                out.push(MinuteLine::new("", d.clone()));
            }
            out.push(MinuteLine::new("RESULT:", v.outcome.statement.clone()));
            out
        }
        EntryKind::Declaration => vec![declaration(e)],
    }
}

fn declaration(e: &RecordEntry) -> MinuteLine {
    let who = if e.person.is_empty() {
        "A member".to_string()
    } else {
        e.person.clone()
    };
    MinuteLine::new(format!("{who}:"), e.text.clone())
}

fn update_line(u: &super::record::ActionUpdate) -> MinuteLine {
    let status = match u.status {
        ActionStatus::Open => "still open",
        ActionStatus::Done => "done",
        ActionStatus::Dropped => "dropped",
    };
    let mut text = format!("{} (raised {}", u.text, u.raised_on);
    if !u.owner.is_empty() {
        text.push_str(&format!(", {}", u.owner));
    }
    text.push_str(&format!("): {status}."));
    if !u.note.is_empty() {
        text.push(' ');
        text.push_str(&u.note);
    }
    MinuteLine::new("ACTION UPDATE:", text)
}

fn public_item(i: &RecordItem) -> PublicItem {
    let notice = |what: &str| {
        Some(match &i.reason {
            Some(r) if !r.is_empty() => format!("{what} Reason: {r}."),
            _ => what.to_string(),
        })
    };
    match i.level {
        Confidentiality::Open => {
            let mut lines = Vec::new();
            let (mut in_annex, mut not_recorded) = (false, false);
            for e in i
                .entries
                .iter()
                .filter(|e| e.kind != EntryKind::Declaration)
            {
                match e.level {
                    Confidentiality::Open => lines.extend(lines_of(e)),
                    Confidentiality::Confidential => in_annex = true,
                    Confidentiality::NotRecorded => not_recorded = true,
                }
            }
            if in_annex {
                lines.push(MinuteLine::new("", IN_ANNEX));
            }
            if not_recorded {
                lines.push(MinuteLine::new("", NOT_RECORDED));
            }
            PublicItem {
                number: i.number.clone(),
                depth: i.depth,
                title: i.title.clone(),
                notice: None,
                lines,
            }
        }
        Confidentiality::Confidential => PublicItem {
            number: i.number.clone(),
            depth: i.depth,
            title: i.public_title.clone(),
            notice: notice(
                "Confidential item, taken in private; the record is in the members' \
                 confidential annex.",
            ),
            lines: Vec::new(),
        },
        Confidentiality::NotRecorded => PublicItem {
            number: i.number.clone(),
            depth: i.depth,
            title: i.public_title.clone(),
            notice: notice(NOT_RECORDED),
            lines: Vec::new(),
        },
    }
}

fn amendment_for(a: &super::record::RecordAmendment, audience_sees: bool) -> String {
    if audience_sees {
        format!(
            "On {}, item {} was amended from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}. Reason: {}",
            a.made_on, a.item_number, a.before, a.after, a.reason
        )
    } else {
        format!(
            "On {}, a confidential part of item {} was amended; the correction is in the \
             members' confidential annex.",
            a.made_on, a.item_number
        )
    }
}

/// Everything the public may read, and nothing else.
pub fn public_minutes(r: &MinutesRecord) -> PublicMinutes {
    let all_entries = || r.items.iter().flat_map(|i| &i.entries);
    let mut declarations: Vec<MinuteLine> = all_entries()
        .filter(|e| e.kind == EntryKind::Declaration && e.level == Confidentiality::Open)
        .map(declaration)
        .collect();
    if all_entries()
        .any(|e| e.kind == EntryKind::Declaration && e.level == Confidentiality::Confidential)
    {
        declarations.push(MinuteLine::new(
            "",
            "A declaration of interest is recorded in the members' confidential annex.",
        ));
    }
    let updates: Vec<MinuteLine> = r
        .action_updates
        .iter()
        .map(|u| match u.level {
            Confidentiality::Open => update_line(u),
            _ => MinuteLine::new(
                "ACTION UPDATE:",
                "An update on a confidential action is recorded in the members' confidential annex.",
            ),
        })
        .collect();
    let mut items: Vec<PublicItem> = r.items.iter().map(public_item).collect();
    let log = r
        .items
        .iter()
        .position(|i| i.kind == ItemKind::ActionLog && i.level == Confidentiality::Open);
    let action_updates = match log {
        Some(p) => {
            items[p].lines.extend(updates);
            Vec::new()
        }
        None => updates,
    };
    let has_annex = all_entries().any(|e| e.level == Confidentiality::Confidential)
        || r.items
            .iter()
            .any(|i| i.level == Confidentiality::Confidential)
        || r.action_updates
            .iter()
            .any(|u| u.level == Confidentiality::Confidential);
    let minutes = PublicMinutes {
        heading: heading(r),
        present: members_listed(r, &r.present),
        apologies: members_listed(r, &r.apologies),
        absent: members_listed(r, &r.absent),
        in_attendance: r.in_attendance.clone(),
        secretariat: r.secretariat.clone(),
        minutes_taken_by: r
            .minutes_taken_by
            .iter()
            .map(|t| {
                if t.member && r.members_by_count {
                    "a member".to_string()
                } else {
                    t.name.clone()
                }
            })
            .collect(),
        declarations,
        items,
        action_updates,
        amendments: r
            .amendments
            .iter()
            .map(|a| amendment_for(a, a.level == Confidentiality::Open))
            .collect(),
        has_annex,
    };
    if r.members_by_count {
        without_member_names(minutes, &r.member_names)
    } else {
        minutes
    }
}

/// For a group that publishes counts: every member's name, wherever the
/// public minutes would carry it (an action's owner, a declaration, a
/// named vote), becomes "a member".
fn without_member_names(mut m: PublicMinutes, names: &[String]) -> PublicMinutes {
    let sweep = |text: &mut String| {
        for name in names {
            if let Some(new) = crate::data_protection::replace_name(text, name, "a member") {
                *text = new;
            }
        }
    };
    let lines = m
        .declarations
        .iter_mut()
        .chain(m.action_updates.iter_mut())
        .chain(m.items.iter_mut().flat_map(|i| i.lines.iter_mut()));
    for line in lines {
        sweep(&mut line.label);
        sweep(&mut line.text);
    }
    for text in m
        .amendments
        .iter_mut()
        .chain(m.in_attendance.iter_mut())
        .chain(m.secretariat.iter_mut())
    {
        sweep(text);
    }
    m
}

/// The members' confidential annex: everything confidential, by item.
pub fn members_annex(r: &MinutesRecord) -> MembersAnnex {
    let items = r
        .items
        .iter()
        .filter_map(|i| {
            let notice = match i.level {
                Confidentiality::Open => {
                    "Open item: the confidential parts of its record.".to_string()
                }
                Confidentiality::Confidential => format!(
                    "Confidential item{}. Shown in the public minutes as \u{201c}{}\u{201d}.",
                    i.reason
                        .as_ref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default(),
                    i.public_title
                ),
                Confidentiality::NotRecorded => format!(
                    "{} Shown in the public minutes as \u{201c}{}\u{201d}.",
                    NOT_RECORDED, i.public_title
                ),
            };
            let mut lines = Vec::new();
            if i.level == Confidentiality::Confidential {
                if !i.purpose.is_empty() {
                    lines.push(MinuteLine::new("Purpose:", i.purpose.clone()));
                }
                if !i.presenter.is_empty() {
                    lines.push(MinuteLine::new("Presented by:", i.presenter.clone()));
                }
                if !i.papers.is_empty() {
                    lines.push(MinuteLine::new("Papers:", i.papers.join(", ")));
                }
            }
            let mut not_recorded = false;
            for e in i
                .entries
                .iter()
                .filter(|e| e.kind != EntryKind::Declaration)
            {
                match e.level {
                    Confidentiality::Confidential => lines.extend(lines_of(e)),
                    Confidentiality::NotRecorded => not_recorded = true,
                    Confidentiality::Open => {}
                }
            }
            if not_recorded && i.level != Confidentiality::NotRecorded {
                lines.push(MinuteLine::new("", NOT_RECORDED));
            }
            let wanted = i.level == Confidentiality::Confidential
                || (i.level == Confidentiality::Open
                    && lines.iter().any(|l| l.text != NOT_RECORDED));
            wanted.then(|| AnnexItem {
                number: i.number.clone(),
                title: i.title.clone(),
                notice,
                lines,
            })
        })
        .collect();
    MembersAnnex {
        heading: heading(r),
        named_attendance: r
            .members_by_count
            .then(|| [r.present.clone(), r.apologies.clone(), r.absent.clone()]),
        declarations: r
            .items
            .iter()
            .flat_map(|i| &i.entries)
            .filter(|e| {
                e.kind == EntryKind::Declaration && e.level == Confidentiality::Confidential
            })
            .map(declaration)
            .collect(),
        items,
        action_updates: r
            .action_updates
            .iter()
            .filter(|u| u.level == Confidentiality::Confidential)
            .map(update_line)
            .collect(),
        amendments: r
            .amendments
            .iter()
            .filter(|a| a.level == Confidentiality::Confidential)
            .map(|a| amendment_for(a, true))
            .collect(),
    }
}
