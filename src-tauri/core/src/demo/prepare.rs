//! The next meeting of each active demo group, prepared as a chair has it
//! a few weeks ahead: the agenda from the group's template with presenters
//! and timings, the members expected, the police update's paper attached,
//! and for the force's two soonest meetings the agenda agreed by the chair
//! and the police contact. The later ones are still being prepared (not
//! agreed), so the dashboard has agendas awaiting agreement.
//!
//! Written inside the demo's own transaction through the checks the window
//! uses (agenda rules, attaching a paper, agreeing); a meeting that already
//! has an agenda is left as it is, so loading the demo twice adds nothing.

use crate::confidentiality::Confidentiality;
use crate::dates::long_date;
use crate::documents::{Block, Document, Table};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::meetings::agenda::{self, ItemDraft};
use crate::meetings::plan;
use crate::storage::meetings as mdb;
use crate::vocabulary::Tier;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};
use rusqlite::Connection;

/// A group's next meeting and the people who prepare it.
pub(super) struct Next<'a> {
    pub group: GroupId,
    pub group_name: &'a str,
    pub meeting: MeetingId,
    pub at: NaiveDateTime,
    pub duration_minutes: u32,
    pub tier: Tier,
    pub chair: Option<(PersonId, &'a str)>,
    pub vice_chair: Option<(PersonId, &'a str)>,
    pub secretary: Option<(PersonId, &'a str)>,
    /// "Inspector Gareth Lloyd".
    pub police: String,
    /// Agreed by the chair and the police contact.
    pub agreed: bool,
    /// Its place in the force's order of next meetings: varies the figures.
    pub seed: usize,
}

pub(super) fn prepare(conn: &Connection, next: &Next, today: NaiveDate) -> Result<()> {
    if !mdb::items(conn, next.meeting)?.is_empty() {
        return Ok(());
    }
    let drafts: Vec<ItemDraft> = mdb::template(conn, next.group)?
        .unwrap_or_else(agenda::standard_template)
        .into_iter()
        .map(|d| with_presenter_and_time(d, next))
        .collect();
    let items = agenda::check_agenda(&drafts).map_err(Error::rejected)?;
    mdb::replace_items(conn, next.meeting, &items)?;
    mdb::expect_roster(conn, next.meeting, next.group, next.at.date())?;

    // The police update's figures, sent to the chair a few days ago.
    let saved = mdb::items(conn, next.meeting)?;
    let item = saved
        .iter()
        .find(|(i, _)| is_police_update(&i.title))
        .or(saved.get(saved.len().saturating_sub(1).min(5)))
        .and_then(|(i, _)| i.id)
        .ok_or_else(|| Error::Internal("the demo agenda has no items".into()))?;
    let written = today - Days::new(6);
    let (file_name, bytes) = paper(next, written)?;
    plan::attach_paper_in(
        conn,
        next.meeting,
        item,
        &file_name,
        &bytes,
        written.and_hms_opt(10, 15, 0).expect("demo time"),
    )?;
    // The cases chosen for scrutiny name no one but are not for the
    // public: a confidential paper on an open item, so the public pack
    // leaves it out and the members' pack holds it.
    let scrutiny = saved
        .iter()
        .find(|(i, _)| i.title.to_lowercase().contains("scrutiny"))
        .and_then(|(i, _)| i.id)
        .unwrap_or(item);
    let (file_name, bytes) = scrutiny_paper(next, written)?;
    plan::attach_paper_at_level_in(
        conn,
        next.meeting,
        scrutiny,
        &file_name,
        &bytes,
        Confidentiality::Confidential,
        written.and_hms_opt(10, 40, 0).expect("demo time"),
    )?;

    if next.agreed {
        let chair = next
            .chair
            .map(|(_, name)| name)
            .ok_or_else(|| Error::Internal("a demo group without a chair".into()))?;
        let day_before = today - Days::new(1);
        plan::agree_in(
            conn,
            next.meeting,
            false,
            chair,
            (today - Days::new(2))
                .and_hms_opt(19, 40, 0)
                .expect("demo time"),
        )?;
        plan::agree_in(
            conn,
            next.meeting,
            true,
            &next.police,
            day_before.and_hms_opt(9, 15, 0).expect("demo time"),
        )?;
    }
    Ok(())
}

fn is_police_update(title: &str) -> bool {
    title.to_lowercase().contains("police update")
}

/// Who presents an item and for how long, as a chair fills them in; an
/// item that already names its presenter in the template keeps it.
fn with_presenter_and_time(mut d: ItemDraft, next: &Next) -> ItemDraft {
    let title = d.title.to_lowercase();
    let by_roster = |p: Option<(PersonId, &str)>| p.or(next.chair).map(|(id, _)| id.0);
    if d.presenter_id.is_none() && d.presenter_text.trim().is_empty() {
        match d.kind.as_str() {
            "action_log" => d.presenter_id = by_roster(next.secretary),
            "subgroup_reports" => match next.tier {
                Tier::Strategic => {
                    d.presenter_text = "Chairs of the local groups and subgroups".into()
                }
                Tier::Local => {
                    d.presenter_text = "The group's nominees to the strategic group".into()
                }
                _ => d.presenter_id = by_roster(next.chair),
            },
            _ if is_police_update(&title) || title.contains("consultation") => {
                d.presenter_text = next.police.clone()
            }
            _ if title.contains("scrutiny") => d.presenter_id = by_roster(next.vice_chair),
            _ if title.contains("community") => d.presenter_text = "All members".into(),
            _ if title.contains("apologies") || title.contains("minutes") => {
                d.presenter_id = by_roster(next.secretary)
            }
            _ => d.presenter_id = by_roster(next.chair),
        }
    }
    if d.minutes == 0 {
        d.minutes = 5;
    }
    // A three-hour strategic meeting gives the police update, scrutiny and
    // the reports from the groups more time.
    if next.duration_minutes >= 180
        && (is_police_update(&title) || title.contains("scrutiny") || d.kind == "subgroup_reports")
    {
        d.minutes += 15;
    }
    d
}

/// A one-page briefing with the area's figures for the last three full
/// months before it was written, as a PDF from the app's own renderer.
fn paper(next: &Next, written: NaiveDate) -> Result<(String, Vec<u8>)> {
    let month_start = written.with_day(1).expect("first of the month");
    let months: Vec<NaiveDate> = (1..=3)
        .rev()
        .map(|k| {
            month_start
                .checked_sub_months(Months::new(k))
                .unwrap_or(month_start)
        })
        .collect();
    let seed = next.seed as u32;
    let rows = months
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let k = k as u32;
            let figure = |base: u32, step: u32| (base + (seed * step + k * 5) % 11).to_string();
            vec![
                format!("{} {}", crate::dates::month_name(*m), m.year()),
                figure(14, 7),
                figure(30, 3),
                figure(3, 5),
                figure(22, 9),
            ]
        })
        .collect();
    let mut doc = Document::new(
        format!("Police update: {}", next.group_name),
        next.police.clone(),
    );
    doc.header_text = next.group_name.to_string();
    doc.blocks.push(Block::heading(
        1,
        format!(
            "Police update for the meeting on {}",
            long_date(next.at.date())
        ),
    ));
    doc.blocks.push(Block::paragraph(format!(
        "{} will take members through these figures under the police update. They cover the \
         three full months before {}, when this paper was written; the latest month's \
         figures are provisional.",
        next.police,
        long_date(written)
    )));
    doc.blocks.push(Block::Table(Table {
        header: vec![
            "Month".into(),
            "Burglary".into(),
            "Anti-social behaviour".into(),
            "Hate crime reports".into(),
            "Stops and searches".into(),
        ],
        rows,
        column_widths: vec![3.0, 1.6, 2.4, 2.0, 2.0],
    }));
    doc.blocks.push(Block::paragraph(
        "Questions in advance to the police contact, please, so that answers can be brought \
         to the meeting.",
    ));
    let bytes = crate::documents::render_pdf(&doc)?;
    Ok((format!("Police update for {}.pdf", next.group_name), bytes))
}

/// The stop and search records chosen for the group's scrutiny, by
/// reference only: confidential, for the members' pack.
fn scrutiny_paper(next: &Next, written: NaiveDate) -> Result<(String, Vec<u8>)> {
    let mut doc = Document::new(
        format!("Scrutiny cases: {}", next.group_name),
        next.police.clone(),
    );
    doc.marking = crate::documents::Marking::OfficialSensitive;
    doc.header_text = next.group_name.to_string();
    doc.blocks.push(Block::heading(
        1,
        format!("Records chosen for scrutiny, {}", long_date(next.at.date())),
    ));
    doc.blocks.push(Block::paragraph(format!(
        "Chosen at random on {} from the last quarter's stop and search and use of force \
         records. Members read each record before the meeting and bring their questions; the \
         records are not to be copied or discussed outside the group.",
        long_date(written)
    )));
    let seed = next.seed as u32;
    let rows = (0..5u32)
        .map(|k| {
            vec![
                format!(
                    "SS/{}/{:04}",
                    written.year(),
                    1000 + (seed * 37 + k * 211) % 9000
                ),
                [
                    "Section 1 PACE",
                    "Section 23 Misuse of Drugs Act",
                    "Section 60",
                ][((seed + k) % 3) as usize]
                    .into(),
                ["Nothing found", "Drugs found: cannabis", "Arrest"][((seed * 2 + k) % 3) as usize]
                    .into(),
                ["Yes", "No: camera not started"][((seed + k * 3) % 2) as usize].into(),
            ]
        })
        .collect();
    doc.blocks.push(Block::Table(Table {
        header: vec![
            "Record".into(),
            "Power used".into(),
            "Outcome".into(),
            "Body-worn video".into(),
        ],
        rows,
        column_widths: vec![2.2, 3.4, 2.6, 2.6],
    }));
    let bytes = crate::documents::render_pdf(&doc)?;
    Ok(("Scrutiny cases (confidential).pdf".to_string(), bytes))
}
