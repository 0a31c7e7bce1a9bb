//! The quarterly feedback report: for a group or the whole force, the
//! advice given in the quarter with what the police did with it (and, where
//! it was not followed, why), the decisions taken, actions completed and
//! still open, and the meetings held with their attendance.
//!
//! Public by construction: it is assembled from the public views of the
//! advice register and the action log, and confidential decisions appear
//! only as a count. The renderer takes only [`FeedbackReport`].

use crate::confidentiality::{effective_level, Confidentiality};
use crate::dates::long_date;
use crate::documents::{Block, Document, Marking, Table};
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::minutes::actions::{self, ActionQuery, PublicActionLine};
use crate::minutes::advice::{self, AdviceQuery, PublicAdviceLine};
use crate::storage::Vault;
use crate::vocabulary::{ActionStatus, Capacity, EntryKind, Presence};
use chrono::{Datelike, NaiveDate};

/// "2026-Q3" → 1 July 2026 to 30 September 2026.
pub fn quarter(text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || {
        Error::rejected(vec![Problem::new(
            "quarter",
            format!(
                "\u{201c}{}\u{201d} is not a quarter: write the year and the quarter, e.g. 2026-Q3.",
                text.trim()
            ),
        )])
    };
    let (year, q) = text.trim().split_once(['-', ' ']).ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let q: u32 = q
        .trim()
        .trim_start_matches(['Q', 'q'])
        .parse()
        .map_err(|_| bad())?;
    if !(1..=4).contains(&q) || !(2000..=2100).contains(&year) {
        return Err(bad());
    }
    let start = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1).ok_or_else(bad)?;
    let end = if q == 4 {
        NaiveDate::from_ymd_opt(year, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(year, 3 * q + 1, 1).and_then(|d| d.pred_opt())
    }
    .ok_or_else(bad)?;
    Ok((start, end))
}

/// The last quarter that has ended by `today`, as [`quarter`] reads it:
/// "2026-Q3" on 6 December 2026, "2026-Q4" on 1 January 2027. The report a
/// chair writes is nearly always for the quarter just gone.
pub fn last_ended_quarter(today: NaiveDate) -> String {
    match today.month0() / 3 {
        0 => format!("{}-Q4", today.year() - 1),
        current => format!("{}-Q{current}", today.year()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingHeld {
    pub date: String,
    pub group_name: String,
    pub members_present: u32,
    pub members_expected: u32,
}

/// The report as anyone may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackReport {
    pub scope: String,
    /// "1 July 2026 to 30 September 2026"
    pub period: String,
    pub quarter_label: String,
    pub advice: Vec<PublicAdviceLine>,
    /// (date, group, decision), open decisions only.
    pub decisions: Vec<[String; 3]>,
    pub confidential_decisions: usize,
    pub completed: Vec<PublicActionLine>,
    pub open: Vec<PublicActionLine>,
    pub meetings: Vec<MeetingHeld>,
}

pub fn report(
    vault: &Vault,
    quarter_text: &str,
    group: Option<GroupId>,
    today: NaiveDate,
) -> Result<FeedbackReport> {
    let (start, end) = quarter(quarter_text)?;
    let scope = match group {
        Some(g) => crate::roster::groups::name(vault, g)?,
        None => "all groups".to_string(),
    };
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let advice_lines = advice::register(
        vault,
        &AdviceQuery {
            group_id: group.map(|g| g.0),
            from: iso(start),
            to: iso(end),
            response: String::new(),
        },
    )?;
    let advice = advice::public_register(&scope, &advice_lines).lines;

    let mut decisions = Vec::new();
    let mut confidential_decisions = 0;
    for (e, p) in
        crate::storage::minutes::entries_of_kind(vault.conn(), EntryKind::Decision, group)?
    {
        let on = p.meeting_at.date();
        if on < start || on > end || e.text.trim().is_empty() {
            continue;
        }
        match effective_level(p.item_level, e.level) {
            Confidentiality::Open => decisions.push([long_date(on), p.group_name, e.text]),
            Confidentiality::Confidential => confidential_decisions += 1,
            Confidentiality::NotRecorded => {}
        }
    }

    let all = actions::log(
        vault,
        &ActionQuery {
            group_id: group.map(|g| g.0),
            ..Default::default()
        },
        today,
    )?;
    let (s, e) = (iso(start), iso(end));
    let completed: Vec<_> = all
        .iter()
        .filter(|a| {
            a.status == ActionStatus::Done
                && a.history
                    .iter()
                    .any(|h| h.status_label == "Done" && h.on_iso >= s && h.on_iso <= e)
        })
        .cloned()
        .collect();
    let open: Vec<_> = all
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.raised_iso <= e)
        .cloned()
        .collect();

    let mut meetings = Vec::new();
    let now = today.and_hms_opt(23, 59, 0).unwrap_or_default();
    for m in crate::meetings::list(vault, now)? {
        let Some(at) = m.start() else {
            continue;
        };
        if m.upcoming
            || at.date() < start
            || at.date() > end
            || group.is_some_and(|g| g != m.group_id)
        {
            continue;
        }
        let register = crate::storage::meetings::attendance(vault.conn(), m.id)?;
        let members = register.iter().filter(|r| r.capacity == Capacity::Member);
        meetings.push(MeetingHeld {
            date: long_date(at.date()),
            group_name: m.group_name,
            members_present: members
                .clone()
                .filter(|r| r.presence == Presence::Present)
                .count() as u32,
            members_expected: members.count() as u32,
        });
    }
    meetings.reverse();

    Ok(FeedbackReport {
        quarter_label: format!("Q{} {}", start.month().div_ceil(3), start.year()),
        period: format!("{} to {}", long_date(start), long_date(end)),
        advice,
        decisions,
        confidential_decisions,
        completed: actions::public_log(&scope, &completed).lines,
        open: actions::public_log(&scope, &open).lines,
        meetings,
        scope,
    })
}

pub fn document(r: &FeedbackReport) -> Document {
    let title = format!("Quarterly feedback: {}, {}", r.scope, r.quarter_label);
    let mut doc = Document::new(title.clone(), "IAG Desk");
    doc.marking = Marking::Official;
    doc.header_text = title.clone();
    let b = &mut doc.blocks;
    b.push(Block::heading(1, title));
    b.push(Block::paragraph(format!(
        "What the group advised the police between {}, what the police did with that advice \
         (including where it was not followed, and why), the decisions taken, the actions \
         completed and still open, and the meetings held.",
        r.period
    )));
    b.push(Block::heading(2, "Advice and the police response"));
    if r.advice.is_empty() {
        b.push(Block::paragraph("No advice was given in the quarter."));
    } else {
        b.push(Block::Table(Table {
            header: vec![
                "Given".into(),
                "Group".into(),
                "Advice".into(),
                "Police response".into(),
            ],
            rows: r
                .advice
                .iter()
                .map(|a| {
                    let mut response = a.response.clone();
                    if !a.response_on.is_empty() {
                        response.push_str(&format!(", {}", a.response_on));
                    }
                    if !a.response_reason.is_empty() {
                        response.push('\n');
                        response.push_str(&a.response_reason);
                    }
                    vec![
                        a.given_on.clone(),
                        a.group_name.clone(),
                        a.advice.clone(),
                        response,
                    ]
                })
                .collect(),
            column_widths: vec![1.6, 1.8, 4.0, 2.8],
        }));
    }
    b.push(Block::heading(2, "Decisions"));
    if r.decisions.is_empty() {
        b.push(Block::paragraph(
            "No decisions were recorded in the quarter.",
        ));
    } else {
        b.push(Block::Table(Table {
            header: vec!["Date".into(), "Group".into(), "Decision".into()],
            rows: r.decisions.iter().map(|d| d.to_vec()).collect(),
            column_widths: vec![1.6, 2.0, 6.0],
        }));
    }
    if r.confidential_decisions > 0 {
        b.push(Block::paragraph(format!(
            "{} further decision{} on confidential items {} recorded for members only.",
            r.confidential_decisions,
            if r.confidential_decisions == 1 {
                " was taken"
            } else {
                "s were taken"
            },
            if r.confidential_decisions == 1 {
                "and is"
            } else {
                "and are"
            }
        )));
    }
    b.push(Block::heading(2, "Actions completed in the quarter"));
    if r.completed.is_empty() {
        b.push(Block::paragraph("None."));
    } else {
        b.push(actions::table(&r.completed));
    }
    b.push(Block::heading(2, "Actions still open"));
    if r.open.is_empty() {
        b.push(Block::paragraph("None."));
    } else {
        b.push(actions::table(&r.open));
    }
    b.push(Block::heading(2, "Meetings held and attendance"));
    if r.meetings.is_empty() {
        b.push(Block::paragraph("No meetings were held in the quarter."));
    } else {
        b.push(Block::Table(Table {
            header: vec!["Date".into(), "Group".into(), "Members present".into()],
            rows: r
                .meetings
                .iter()
                .map(|m| {
                    vec![
                        m.date.clone(),
                        m.group_name.clone(),
                        if m.members_expected == 0 {
                            "register not taken".to_string()
                        } else {
                            format!("{} of {}", m.members_present, m.members_expected)
                        },
                    ]
                })
                .collect(),
            column_widths: vec![2.0, 4.0, 2.0],
        }));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_ended_quarter_is_the_one_just_gone() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(last_ended_quarter(d(2026, 12, 6)), "2026-Q3");
        assert_eq!(last_ended_quarter(d(2026, 10, 1)), "2026-Q3");
        assert_eq!(last_ended_quarter(d(2026, 9, 30)), "2026-Q2");
        assert_eq!(
            last_ended_quarter(d(2027, 1, 1)),
            "2026-Q4",
            "in January the quarter just gone is last year's fourth"
        );
        assert_eq!(last_ended_quarter(d(2028, 2, 29)), "2027-Q4");
        let (_, end) = quarter(&last_ended_quarter(d(2028, 4, 1))).unwrap();
        assert_eq!(end, d(2028, 3, 31), "the quarter's end is before today");
    }

    #[test]
    fn quarters_are_read_the_way_people_write_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(quarter("2026-Q3").unwrap(), (d(2026, 7, 1), d(2026, 9, 30)));
        assert_eq!(
            quarter("2026 q4").unwrap(),
            (d(2026, 10, 1), d(2026, 12, 31))
        );
        assert_eq!(quarter("2024-Q1").unwrap(), (d(2024, 1, 1), d(2024, 3, 31)));
        for bad in ["2026-Q5", "Q3", "2026", "twenty-Q1", ""] {
            let e = quarter(bad).unwrap_err();
            assert_eq!(e.problems()[0].field, "quarter", "{bad}");
        }
    }
}
