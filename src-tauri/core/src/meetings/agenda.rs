//! Pure rules of an agenda: numbering (1, 2, 2.1…), start times and overrun,
//! confidentiality levels with their public title and reason, and the
//! built-in standard IAG template.
//!
//! Invariants: an agenda is a flat list in order, each item at depth 0 or 1;
//! the first item is at depth 0; a confidential or not-recorded item always
//! has a public title and a reason, so a public document can show it safely.

use crate::confidentiality::Confidentiality;
use crate::error::Problem;
use crate::vocabulary::{ExemptionReason, ItemKind};
use chrono::{Duration, NaiveDateTime};

pub use crate::storage::meetings::{Item, ItemDraft};

impl Item {
    /// "Live investigation or prosecution", or the text given for "other".
    pub fn reason_text(&self) -> Option<String> {
        self.reason.map(|r| match r {
            ExemptionReason::Other => self.reason_other.clone(),
            r => r.label().to_string(),
        })
    }
}

const MAX_MINUTES: u32 = 600;

/// Checks one item; `at` names it in messages ("item 3").
pub fn check_item(d: &ItemDraft, at: &str) -> Result<Item, Vec<Problem>> {
    let mut problems = Vec::new();
    let field = |f: &str| format!("{at}.{f}");
    let title = d.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        problems.push(Problem::new(field("title"), "give the item a title."));
    }
    if d.depth > 1 {
        problems.push(Problem::new(
            field("depth"),
            "items nest one level only (2, then 2.1).",
        ));
    }
    if d.minutes > MAX_MINUTES {
        problems.push(Problem::new(
            field("minutes"),
            format!(
                "{} minutes is more than a whole day; use at most {MAX_MINUTES}.",
                d.minutes
            ),
        ));
    }
    let confidentiality = match d.confidentiality.trim() {
        "" => Confidentiality::Open,
        code => Confidentiality::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                field("confidentiality"),
                "choose open, confidential or not recorded.",
            ));
            Confidentiality::Open
        }),
    };
    let kind = match d.kind.trim() {
        "" => ItemKind::General,
        code => ItemKind::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                field("kind"),
                format!("\"{code}\" is not a kind of item."),
            ));
            ItemKind::General
        }),
    };
    let public_title = d
        .public_title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut reason = None;
    if confidentiality != Confidentiality::Open {
        if public_title.is_empty() {
            problems.push(Problem::new(
                field("public_title"),
                "a confidential item needs a public title: what the public agenda may say instead.",
            ));
        } else if public_title == title {
            problems.push(Problem::new(
                field("public_title"),
                "the public title must not repeat the confidential title.",
            ));
        }
        reason = ExemptionReason::from_code(d.reason.trim());
        match reason {
            None => problems.push(Problem::new(
                field("reason"),
                "choose why the item is confidential.",
            )),
            Some(ExemptionReason::Other) if d.reason_other.trim().is_empty() => problems.push(
                Problem::new(field("reason_other"), "say what the other reason is."),
            ),
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Item {
        id: d.id,
        title,
        purpose: d.purpose.trim().to_string(),
        depth: d.depth,
        minutes: d.minutes,
        presenter_id: d.presenter_id,
        presenter_text: d.presenter_text.trim().to_string(),
        confidentiality,
        // Only a non-open item carries a public title and reason.
        public_title: if confidentiality == Confidentiality::Open {
            String::new()
        } else {
            public_title
        },
        reason,
        reason_other: if reason == Some(ExemptionReason::Other) {
            d.reason_other.trim().to_string()
        } else {
            String::new()
        },
        kind,
    })
}

/// Checks a whole agenda: every item, and that nesting starts at the top.
pub fn check_agenda(drafts: &[ItemDraft]) -> Result<Vec<Item>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut items = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        match check_item(d, &format!("item {}", i + 1)) {
            Ok(item) => items.push(item),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if drafts.first().is_some_and(|d| d.depth != 0) {
        problems.push(Problem::new(
            "item 1.depth",
            "the first item cannot be a sub-item.",
        ));
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

/// The label of the item at `position` among `numbers` ("2.1"); a position
/// past the end (an agenda shortened since) is counted from 1.
pub fn number_at(numbers: &[String], position: usize) -> String {
    numbers
        .get(position)
        .cloned()
        .unwrap_or_else(|| (position + 1).to_string())
}

/// Labels for items at the given depths: 1, 2, 2.1, 2.2, 3…
pub fn numbers(depths: &[u8]) -> Vec<String> {
    let (mut main, mut sub) = (0u32, 0u32);
    depths
        .iter()
        .map(|&d| {
            if d == 0 || main == 0 {
                main += 1;
                sub = 0;
                main.to_string()
            } else {
                sub += 1;
                format!("{main}.{sub}")
            }
        })
        .collect()
}

/// When each item starts, and by how many minutes the agenda overruns the
/// meeting (None when it fits).
pub fn start_times(
    starts_at: NaiveDateTime,
    minutes: &[u32],
    meeting_minutes: u32,
) -> (Vec<NaiveDateTime>, Option<u32>) {
    let mut at = starts_at;
    let mut times = Vec::with_capacity(minutes.len());
    for m in minutes {
        times.push(at);
        at += Duration::minutes(i64::from(*m));
    }
    let total: u32 = minutes.iter().sum();
    (times, total.checked_sub(meeting_minutes).filter(|o| *o > 0))
}

/// Moves the item at `from` (with its sub-items, if it is a main item) so
/// that it starts at position `to` of the remaining list. Keeps nesting
/// valid: a sub-item moved to the top becomes a main item.
pub fn move_item<T: Clone>(items: &[(u8, T)], from: usize, to: usize) -> Vec<(u8, T)> {
    if from >= items.len() {
        return items.to_vec();
    }
    let end = if items[from].0 == 0 {
        from + 1
            + items[from + 1..]
                .iter()
                .take_while(|(d, _)| *d == 1)
                .count()
    } else {
        from + 1
    };
    let block: Vec<(u8, T)> = items[from..end].to_vec();
    let mut rest: Vec<(u8, T)> = items[..from].iter().chain(&items[end..]).cloned().collect();
    let to = to.min(rest.len());
    rest.splice(to..to, block);
    if let Some(first) = rest.first_mut() {
        first.0 = 0;
    }
    rest
}

/// The standard IAG agenda (UK committee practice plus IAG specifics), in
/// minutes for a two-hour meeting.
pub fn standard_template() -> Vec<ItemDraft> {
    let item = |title: &str, purpose: &str, minutes: u32, kind: &str| ItemDraft {
        title: title.into(),
        purpose: purpose.into(),
        minutes,
        kind: kind.into(),
        ..Default::default()
    };
    vec![
        item("Welcome, introductions and confidentiality reminder", "The chair opens the meeting and reminds everyone how confidential matters are handled.", 5, ""),
        item("Apologies for absence", "To note apologies.", 2, ""),
        item("Declarations of interest", "Members declare any interest in an item.", 3, ""),
        item("Minutes of the previous meeting and matters arising", "To approve the minutes as a correct record.", 10, ""),
        item("Action log", "Open actions carried forward from earlier meetings.", 10, "action_log"),
        item("Police update on local crime and policing", "The inspector's update.", 20, ""),
        item("Scrutiny items", "For example stop and search, use of force.", 20, ""),
        item("Community feedback and tensions", "Members report what they hear in their communities.", 15, ""),
        item("Subgroup and local group reports", "Reports, and concerns escalated to this group.", 15, "subgroup_reports"),
        item("Consultations", "Proposed policy changes on which the police seek advice.", 10, ""),
        item("Any other business", "", 5, ""),
        item("Date of next meeting", "", 2, ""),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 9)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn numbering_nests_one_level() {
        assert_eq!(
            numbers(&[0, 0, 1, 1, 0, 1]),
            ["1", "2", "2.1", "2.2", "3", "3.1"]
        );
        assert_eq!(
            numbers(&[1, 0]),
            ["1", "2"],
            "a leading sub-item counts as a main item"
        );
        assert!(numbers(&[]).is_empty());
    }

    #[test]
    fn start_times_run_on_and_overrun_is_reported() {
        let (times, over) = start_times(at(18, 30), &[5, 10, 45], 120);
        assert_eq!(times, [at(18, 30), at(18, 35), at(18, 45)]);
        assert_eq!(over, None, "60 minutes fit in 120");
        let (_, over) = start_times(at(18, 30), &[60, 70], 120);
        assert_eq!(
            over,
            Some(10),
            "130 minutes overrun a 120-minute meeting by 10"
        );
        let (_, over) = start_times(at(18, 30), &[60, 60], 120);
        assert_eq!(over, None, "exactly full is not an overrun");
    }

    #[test]
    fn the_standard_template_fits_two_hours_and_has_an_action_log() {
        let t = standard_template();
        assert_eq!(t.len(), 12);
        let items = check_agenda(&t).unwrap();
        assert!(items.iter().any(|i| i.kind == ItemKind::ActionLog));
        let total: u32 = items.iter().map(|i| i.minutes).sum();
        assert!(
            total <= 120,
            "the template fits a two-hour meeting ({total} minutes)"
        );
    }

    #[test]
    fn a_confidential_item_needs_a_public_title_and_a_reason() {
        let d = ItemDraft {
            title: "Stop of a named young man on Mill Lane".into(),
            confidentiality: "confidential".into(),
            ..Default::default()
        };
        let p = check_item(&d, "item 4").unwrap_err();
        let fields: Vec<_> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["item 4.public_title", "item 4.reason"]);

        let ok = check_item(
            &ItemDraft {
                public_title: "A matter concerning an individual".into(),
                reason: "about_an_individual".into(),
                ..d.clone()
            },
            "item 4",
        )
        .unwrap();
        assert_eq!(
            ok.reason_text().as_deref(),
            Some("Information about an individual")
        );

        let same = ItemDraft {
            public_title: d.title.clone(),
            reason: "sub_judice".into(),
            ..d.clone()
        };
        assert!(check_item(&same, "item 4").unwrap_err()[0]
            .message
            .contains("must not repeat"));

        let other = ItemDraft {
            public_title: "A confidential matter".into(),
            reason: "other".into(),
            ..d
        };
        assert_eq!(
            check_item(&other, "item 4").unwrap_err()[0].field,
            "item 4.reason_other"
        );
    }

    #[test]
    fn an_open_item_keeps_no_public_title_or_reason() {
        let i = check_item(
            &ItemDraft {
                title: "Police update".into(),
                public_title: "ignored".into(),
                reason: "sub_judice".into(),
                ..Default::default()
            },
            "item 1",
        )
        .unwrap();
        assert_eq!((i.public_title.as_str(), i.reason), ("", None));
    }

    #[test]
    fn moving_a_main_item_takes_its_sub_items_along() {
        let items = vec![(0, "A"), (0, "B"), (1, "B.1"), (0, "C")];
        let moved = move_item(&items, 1, 2);
        assert_eq!(moved, vec![(0, "A"), (0, "C"), (0, "B"), (1, "B.1")]);
        let up = move_item(&items, 3, 0);
        assert_eq!(up, vec![(0, "C"), (0, "A"), (0, "B"), (1, "B.1")]);
        let sub_to_top = move_item(&items, 2, 0);
        assert_eq!(
            sub_to_top[0],
            (0, "B.1"),
            "a sub-item moved first becomes a main item"
        );
    }

    #[test]
    fn nesting_deeper_than_one_level_is_refused() {
        let mut t = standard_template();
        t[3].depth = 2;
        t[0].depth = 1;
        let p = check_agenda(&t).unwrap_err();
        assert!(p.iter().any(|p| p.field == "item 4.depth"));
        assert!(p.iter().any(|p| p.field == "item 1.depth"));
    }
}
