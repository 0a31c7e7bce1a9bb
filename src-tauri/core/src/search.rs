//! One search over the whole vault: members, meetings, agenda items,
//! minutes, advice and actions, results grouped by kind.
//!
//! Confidential content is found here (the person searching owns the vault
//! and sees it in the app anyway), and each hit says it is confidential;
//! no export is ever built from search results.
//!
//! Matching: every word of the query must appear (in any order, ignoring
//! case) in the text searched, so any script works as typed.

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::{long_date, long_date_time};
use crate::error::Result;
use crate::storage::{minutes as minutes_db, Vault};
use crate::vocabulary::EntryKind;
use chrono::NaiveDate;
use serde::Serialize;

/// Hits listed per kind; the rest are counted.
pub const PER_KIND: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Member,
    Meeting,
    AgendaItem,
    Minutes,
    Advice,
    Action,
}

impl HitKind {
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Member => "Members",
            HitKind::Meeting => "Meetings",
            HitKind::AgendaItem => "Agenda items",
            HitKind::Minutes => "Minutes",
            HitKind::Advice => "Advice",
            HitKind::Action => "Actions",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub title: String,
    pub detail: String,
    /// Where to go in the window, e.g. "#/meetings/12/minutes".
    pub link: String,
    pub confidential: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HitGroup {
    pub kind: HitKind,
    pub label: &'static str,
    pub hits: Vec<Hit>,
    /// All matches, including those beyond the listed ones.
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub query: String,
    /// Only kinds with at least one hit, in a fixed order.
    pub groups: Vec<HitGroup>,
    pub total: usize,
}

fn words(query: &str) -> Vec<String> {
    query
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn matches(words: &[String], haystack: &str) -> bool {
    let hay = haystack.to_lowercase();
    words.iter().all(|w| hay.contains(w.as_str()))
}

fn snippet(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 160 {
        format!("{}…", one_line.chars().take(160).collect::<String>())
    } else {
        one_line
    }
}

pub fn search(vault: &Vault, query: &str, today: NaiveDate) -> Result<Results> {
    let words = words(query);
    let mut groups: Vec<(HitKind, Vec<Hit>)> = Vec::new();
    if words.is_empty() {
        return Ok(Results {
            query: query.trim().to_string(),
            groups: Vec::new(),
            total: 0,
        });
    }
    let conn = vault.conn();

    // Members and police contacts: the roster's own search.
    let mut people = Vec::new();
    for kind in ["member", "police"] {
        let found = crate::roster::members::search(
            vault,
            &crate::roster::members::MemberQuery {
                text: query.into(),
                kind: kind.into(),
                ..Default::default()
            },
            today,
        )?;
        people.extend(found.into_iter().map(|p| Hit {
            detail: if p.roles.is_empty() {
                p.status_label.to_string()
            } else {
                p.roles.join("; ")
            },
            link: format!("#/roster/member/{}", p.id.0),
            title: p.full_name,
            confidential: false,
        }));
    }
    groups.push((HitKind::Member, people));

    let meetings = crate::storage::search::meetings(conn)?
        .into_iter()
        .filter(|m| {
            matches(
                &words,
                &format!(
                    "{} {} {} {}",
                    m.group_name,
                    m.venue,
                    long_date_time(m.starts_at),
                    m.kind.label()
                ),
            )
        })
        .map(|m| Hit {
            title: format!("{}, {}", m.group_name, long_date_time(m.starts_at)),
            detail: m.venue,
            link: format!("#/meetings/{}", m.id.0),
            confidential: false,
        })
        .collect();
    groups.push((HitKind::Meeting, meetings));

    let items = crate::storage::search::agenda_items(conn)?
        .into_iter()
        .filter(|i| {
            matches(
                &words,
                &format!(
                    "{} {} {} {}",
                    i.title, i.purpose, i.public_title, i.presenter
                ),
            )
        })
        .map(|i| Hit {
            detail: format!("{}, {}", i.group_name, long_date(i.starts_at.date())),
            link: format!("#/meetings/{}", i.meeting.0),
            confidential: i.level != Confidentiality::Open,
            title: i.title,
        })
        .collect();
    groups.push((HitKind::AgendaItem, items));

    let mut minutes = Vec::new();
    let mut advice = Vec::new();
    let mut actions = Vec::new();
    for kind in EntryKind::ALL {
        for (e, p) in minutes_db::entries_of_kind(conn, *kind, None)? {
            let level = effective_level(p.item_level, e.level);
            let haystack = format!(
                "{} {} {} {}",
                e.text,
                e.police_recipient,
                e.owner(),
                e.person()
            );
            if level == Confidentiality::NotRecorded || !matches(&words, &haystack) {
                continue;
            }
            let hit = Hit {
                title: snippet(&e.text),
                detail: format!(
                    "{}: {}, {}",
                    kind.label(),
                    p.group_name,
                    long_date(p.meeting_at.date())
                ),
                link: format!("#/meetings/{}/minutes", e.meeting.0),
                confidential: level != Confidentiality::Open,
            };
            match kind {
                EntryKind::Advice => advice.push(hit),
                EntryKind::Action => actions.push(hit),
                _ => minutes.push(hit),
            }
        }
    }
    groups.push((HitKind::Minutes, minutes));
    groups.push((HitKind::Advice, advice));
    groups.push((HitKind::Action, actions));

    let groups: Vec<HitGroup> = groups
        .into_iter()
        .filter(|(_, hits)| !hits.is_empty())
        .map(|(kind, mut hits)| {
            let total = hits.len();
            hits.truncate(PER_KIND);
            HitGroup {
                kind,
                label: kind.label(),
                hits,
                total,
            }
        })
        .collect();
    Ok(Results {
        query: query.trim().to_string(),
        total: groups.iter().map(|g| g.total).sum(),
        groups,
    })
}
