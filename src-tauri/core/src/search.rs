//! One search over the whole vault: members, meetings, agenda items,
//! minutes, advice and actions, results grouped by kind.
//!
//! Confidential content is found here (the person searching owns the vault
//! and sees it in the app anyway), and each hit says it is confidential;
//! no export is ever built from search results.
//!
//! Matching: every word of the query must appear, in any order, in the
//! text searched, compared as `folding` says (case never matters, Latin
//! accents do not either, every other script as typed). The words are
//! looked up in the search index (SQLite FTS5, migration 0012), kept in
//! step with every write by triggers; only the hits listed are read.

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::{long_date, long_date_time};
use crate::error::Result;
use crate::roster::members::{self, MemberQuery};
use crate::storage::{minutes as minutes_db, search as search_db, Vault};
use crate::vocabulary::{EntryKind, PersonKind};
use chrono::NaiveDate;
use serde::Serialize;

/// Hits listed per kind; the rest are counted. At most
/// `paging::MAX_LIMIT`, the longest page of members.
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

fn snippet(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 160 {
        format!("{}…", one_line.chars().take(160).collect::<String>())
    } else {
        one_line
    }
}

/// Everything in the vault that holds every word of `query`, by kind: the
/// first `PER_KIND` of each listed, all counted.
pub fn search(vault: &Vault, query: &str, today: NaiveDate) -> Result<Results> {
    search_listing(vault, query, today, PER_KIND)
}

/// As `search`, listing up to `per_kind` hits of each kind (at most
/// `paging::MAX_LIMIT`).
pub fn search_listing(
    vault: &Vault,
    query: &str,
    today: NaiveDate,
    per_kind: usize,
) -> Result<Results> {
    let terms = crate::folding::terms(query);
    if terms.is_empty() {
        return Ok(results(query, Vec::new()));
    }
    let conn = vault.conn();
    let mut groups = Vec::new();

    // Members, then police contacts: the roster's own search, one page each.
    let mut people = Vec::new();
    let mut total = 0;
    for kind in ["member", "police"] {
        let q = MemberQuery {
            text: query.into(),
            kind: kind.into(),
            ..Default::default()
        };
        let page = members::page(vault, &q, today, 0, per_kind)?;
        total += page.total;
        people.extend(page.items.into_iter().map(person_hit));
    }
    people.truncate(per_kind);
    groups.push((HitKind::Member, total, people));

    let found = search_db::meetings_matching(conn, &terms, per_kind)?;
    groups.push((
        HitKind::Meeting,
        found.total,
        found.rows.into_iter().map(meeting_hit).collect(),
    ));

    let found = search_db::agenda_items_matching(conn, &terms, per_kind)?;
    groups.push((
        HitKind::AgendaItem,
        found.total,
        found.rows.into_iter().map(item_hit).collect(),
    ));

    for kind in [HitKind::Minutes, HitKind::Advice, HitKind::Action] {
        let found = minutes_db::entries_matching(conn, &terms, entry_kinds(kind), per_kind)?;
        groups.push((
            kind,
            found.total,
            found.rows.into_iter().map(entry_hit).collect(),
        ));
    }
    Ok(results(query, groups))
}

/// The plain scan the search index replaced: every row read and compared
/// in Rust, case ignored, nothing else folded. Kept as the reference the
/// index is checked against (tests compare the two over whole vaults) and
/// measured beside it by the scale bench. The same groups as
/// `search_listing`, most recent first.
pub fn scan(vault: &Vault, query: &str, today: NaiveDate, per_kind: usize) -> Result<Results> {
    let words: Vec<String> = query
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Ok(results(query, Vec::new()));
    }
    let matches = |haystack: &str| {
        let hay = haystack.to_lowercase();
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    let listed = |kind: HitKind, hits: Vec<Hit>| {
        let total = hits.len();
        (kind, total, hits.into_iter().take(per_kind).collect())
    };
    let conn = vault.conn();
    let mut groups = Vec::new();

    let mut people = Vec::new();
    for kind in [PersonKind::Member, PersonKind::Police] {
        let filter = crate::storage::people::PeopleFilter {
            kind: Some(kind),
            words: words.clone(),
            ..Default::default()
        };
        people.extend(
            crate::roster::summaries(conn, &filter, today)?
                .into_iter()
                .map(person_hit),
        );
    }
    groups.push(listed(HitKind::Member, people));

    let meetings = search_db::meetings(conn)?
        .into_iter()
        .filter(|m| {
            matches(&format!(
                "{} {} {} {}",
                m.group_name,
                m.venue,
                long_date_time(m.starts_at),
                m.kind.label()
            ))
        })
        .map(meeting_hit)
        .collect();
    groups.push(listed(HitKind::Meeting, meetings));

    let items = search_db::agenda_items(conn)?
        .into_iter()
        .filter(|i| {
            matches(&format!(
                "{} {} {} {}",
                i.title, i.purpose, i.public_title, i.presenter
            ))
        })
        .map(item_hit)
        .collect();
    groups.push(listed(HitKind::AgendaItem, items));

    for group in [HitKind::Minutes, HitKind::Advice, HitKind::Action] {
        let mut found = Vec::new();
        for kind in entry_kinds(group) {
            for (e, p) in minutes_db::entries_of_kind(conn, *kind, None)? {
                let level = effective_level(p.item_level, e.level);
                let haystack = format!(
                    "{} {} {} {}",
                    e.text,
                    e.police_recipient,
                    e.owner(),
                    e.person()
                );
                if level != Confidentiality::NotRecorded && matches(&haystack) {
                    found.push((e, p));
                }
            }
        }
        // Most recent meeting first, as the index's query lists them (within
        // one meeting, kind by kind rather than in the minutes' order).
        found.sort_by_key(|(_, p)| std::cmp::Reverse(p.meeting_at));
        groups.push(listed(group, found.into_iter().map(entry_hit).collect()));
    }
    Ok(results(query, groups))
}

/// The entry kinds each group of hits lists.
fn entry_kinds(group: HitKind) -> &'static [EntryKind] {
    match group {
        HitKind::Advice => &[EntryKind::Advice],
        HitKind::Action => &[EntryKind::Action],
        _ => &[
            EntryKind::Note,
            EntryKind::Decision,
            EntryKind::Vote,
            EntryKind::Declaration,
        ],
    }
}

fn person_hit(p: crate::roster::PersonSummary) -> Hit {
    Hit {
        detail: if p.roles.is_empty() {
            p.status_label.to_string()
        } else {
            p.roles.join("; ")
        },
        link: format!("#/roster/member/{}", p.id.0),
        title: p.full_name,
        confidential: false,
    }
}

fn meeting_hit(m: search_db::MeetingRow) -> Hit {
    Hit {
        title: format!("{}, {}", m.group_name, long_date_time(m.starts_at)),
        detail: m.venue,
        link: format!("#/meetings/{}", m.id.0),
        confidential: false,
    }
}

fn item_hit(i: search_db::ItemRow) -> Hit {
    Hit {
        detail: format!("{}, {}", i.group_name, long_date(i.starts_at.date())),
        link: format!("#/meetings/{}", i.meeting.0),
        confidential: i.level != Confidentiality::Open,
        title: i.title,
    }
}

fn entry_hit((e, p): (minutes_db::EntryRow, minutes_db::Provenance)) -> Hit {
    Hit {
        title: snippet(&e.text),
        detail: format!(
            "{}: {}, {}",
            e.kind.label(),
            p.group_name,
            long_date(p.meeting_at.date())
        ),
        link: format!("#/meetings/{}/minutes", e.meeting.0),
        confidential: effective_level(p.item_level, e.level) != Confidentiality::Open,
    }
}

/// Only the kinds with at least one hit, in their fixed order.
fn results(query: &str, groups: Vec<(HitKind, usize, Vec<Hit>)>) -> Results {
    let groups: Vec<HitGroup> = groups
        .into_iter()
        .filter(|(_, total, _)| *total > 0)
        .map(|(kind, total, hits)| HitGroup {
            kind,
            label: kind.label(),
            hits,
            total,
        })
        .collect();
    Results {
        query: query.trim().to_string(),
        total: groups.iter().map(|g| g.total).sum(),
        groups,
    }
}
