//! A large force, for trying IAG Desk at scale and for the scale
//! benchmark: about 10,000 members, 2,000 meetings and 30,000 agenda items
//! on top of the demo force. Built through the same paths a user's data
//! takes (a CSV import, meetings from each group's template), so the
//! indexes and rows are the real thing. Unlike the demo it is not marked
//! for removal: use it in a data folder of its own.

use crate::error::Result;
use crate::meetings::agenda::ItemDraft;
use crate::meetings::plan::{self, MeetingForm};
use crate::roster::{self, csv};
use crate::storage::Vault;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// Names in the scripts members write them in; a number makes each unique.
/// Shared with the roster benchmark, so both measure the same mix.
pub const NAMES: &[&str] = &[
    "Zofia Wójcik",
    "ਹਰਪ੍ਰੀਤ ਕੌਰ",
    "عمران قریشی",
    "প্রিয়া দাস",
    "陈美玲",
    "Siobhán Ní Bhriain",
    "प्रिया शर्मा",
    "فاطمة حسن",
    "Łukasz Nowak",
    "Adébáyọ̀ Ògúnlẹ́sì",
];
/// Items added to each meeting's template agenda.
const EXTRA_ITEMS: &[&str] = &[
    "Stop and search scrutiny: the quarter's figures",
    "Hate crime reporting in the area",
    "A named family's concerns after an arrest",
];
pub const SKILLS: &[&str] = &[
    "youth work",
    "mental health",
    "law",
    "faith leadership",
    "housing",
    "interpreting",
];

#[derive(Debug, Clone, Serialize)]
pub struct LargeReport {
    pub members: usize,
    pub meetings: usize,
    pub agenda_items: usize,
}

/// Adds `members` members (spread over the demo's active groups) and
/// `meetings` meetings (a fortnight apart per group, going back from
/// `today`), each from its group's template. The demo must be loaded.
pub fn grow(
    vault: &mut Vault,
    today: NaiveDate,
    members: usize,
    meetings: usize,
) -> Result<LargeReport> {
    let groups: Vec<_> = roster::groups(vault, today)?
        .into_iter()
        .filter(|g| {
            g.status == crate::vocabulary::GroupStatus::Active
                && g.tier != crate::vocabulary::Tier::Critical
        })
        .collect();
    if groups.is_empty() {
        return Err(crate::Error::Conflict(
            "Load the demo force first: the large force grows from its groups.".into(),
        ));
    }
    let mut file = String::from("full_name,email,skills,communities,phone,groups\r\n");
    for i in 0..members {
        file.push_str(&format!(
            "\"{} {i:05}\",large{i}@example.org,\"{}\",\"community {}\",07700 9{:05},\"{}\"\r\n",
            NAMES[i % NAMES.len()],
            SKILLS[i % SKILLS.len()],
            i % 40,
            i % 100_000,
            groups[i % groups.len()].name,
        ));
    }
    csv::import(vault, file.as_bytes(), false, today)?;

    let items_before = crate::storage::meetings::agenda_item_total(vault.conn())?;
    for n in 0..meetings {
        let group = &groups[n % groups.len()];
        let fortnights = (n / groups.len()) as u64 + 1;
        let day = today
            .checked_sub_days(Days::new(14 * fortnights))
            .unwrap_or(today);
        let id = plan::create(
            vault,
            &MeetingForm {
                group_id: group.id.0,
                date: day.format("%Y-%m-%d").to_string(),
                time: "18:30".into(),
                venue: format!("{} meeting room", group.name),
                ..Default::default()
            },
        )?;
        // Templates give about a dozen items; a busy group's agenda carries
        // a few more, one of them taken in confidence.
        let mut drafts: Vec<ItemDraft> = plan::detail(vault, id)?
            .items
            .into_iter()
            .map(|i| i.draft)
            .collect();
        let at = drafts.len().saturating_sub(2);
        for (k, topic) in EXTRA_ITEMS.iter().enumerate() {
            drafts.insert(
                at + k,
                ItemDraft {
                    title: format!("{topic} ({})", n + 1),
                    minutes: 10,
                    confidentiality: if k == 2 { "confidential" } else { "open" }.into(),
                    public_title: if k == 2 {
                        "Community tensions".into()
                    } else {
                        String::new()
                    },
                    reason: if k == 2 {
                        "community_tension".into()
                    } else {
                        String::new()
                    },
                    ..Default::default()
                },
            );
        }
        plan::save_agenda(vault, id, &drafts)?;
    }
    let agenda_items = crate::storage::meetings::agenda_item_total(vault.conn())? - items_before;
    Ok(LargeReport {
        members,
        meetings,
        agenda_items,
    })
}
