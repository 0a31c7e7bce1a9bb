//! The demo force: Fenwold Police's advisory groups, fictional and shaped
//! like the seed forces, so a chair can explore IAG Desk before typing in
//! their own roster.
//!
//! Invariants:
//! - every demo row carries a `demo_ref`, so loading twice adds nothing and
//!   removing the demo never touches a real record;
//! - dates are laid out from an anchor day stored on first load, so a later
//!   load (say, after an upgrade adds demo rows) lines up with the first;
//! - contact details are unusable on purpose: example.org addresses
//!   (RFC 2606) and Ofcom's drama range of mobile numbers (07700 900xxx).

mod force;
pub mod large;
mod minutes;

use crate::error::Result;
use crate::ids::{GroupId, PersonId};
use crate::meetings::{MeetingKind, MeetingStatus};
use crate::roster::rules::ValidPerson;
use crate::roster::{GroupStatus, MemberStatus, PersonKind};
use crate::storage::roster::{
    delete_demo_rows, insert_group, insert_meeting, insert_membership, insert_person, NewGroup,
    NewMeeting, NewMembership,
};
use crate::storage::Vault;
use chrono::{Datelike, Months, NaiveDate, NaiveTime, Weekday};
use force::{DemoGroup, GROUPS, MEMBERS, POLICE};
use serde::Serialize;
use std::collections::HashMap;

const ANCHOR_KEY: &str = "demo.anchor";

#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    /// Rows this load added (0 when the demo was already complete).
    pub added: u32,
    /// The day the demo's meeting calendar is laid out around.
    pub anchor: NaiveDate,
}

/// Loads the demo force into the vault in one transaction. Idempotent.
pub fn load(vault: &mut Vault, today: NaiveDate) -> Result<DemoReport> {
    let tx = vault.conn_mut().transaction()?;
    let anchor = match crate::storage::setting_in(&tx, ANCHOR_KEY)? {
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap_or(today),
        None => today,
    };
    let before = crate::storage::roster::row_count(&tx)?;
    crate::storage::set_setting_in(&tx, ANCHOR_KEY, &anchor.format("%Y-%m-%d").to_string())?;

    let mut group_ids: HashMap<&str, GroupId> = HashMap::new();
    for g in GROUPS {
        let stood_down_on = g.stood_down_months_ago.map(|m| months_before(anchor, m));
        let id = insert_group(
            &tx,
            &NewGroup {
                name: g.name,
                tier: g.tier,
                parent: g.parent.map(|p| group_ids[p]),
                area: g.area,
                cadence_months: g.cadence_months,
                status: if stood_down_on.is_some() {
                    GroupStatus::StoodDown
                } else {
                    GroupStatus::Active
                },
                stood_down_on,
            },
            Some(&format!("group:{}", g.key)),
        )?;
        let (quorum, escalation) = match g.tier {
            crate::roster::Tier::Strategic => (
                "5",
                "Chief Superintendent Helen Marsh, Head of Local Policing",
            ),
            crate::roster::Tier::Subgroup => (
                "3",
                "The chair of the Fenwold Strategic IAG, then Chief Superintendent Helen Marsh",
            ),
            _ => (
                "1/3",
                "The chair of the Fenwold Strategic IAG, then Chief Superintendent Helen Marsh",
            ),
        };
        crate::storage::roster::set_group_terms_if_default(&tx, id, quorum, escalation)?;
        group_ids.insert(g.key, id);
    }

    let mut people: HashMap<&str, PersonId> = HashMap::new();
    for (i, m) in MEMBERS.iter().enumerate() {
        let d = force::details(i);
        let id = insert_person(
            &tx,
            &ValidPerson {
                full_name: m.name.into(),
                kind: PersonKind::Member,
                police_rank: String::new(),
                email: format!("{}@example.org", m.email),
                phone: format!("07700 900{:03}", 100 + i),
                status: m.status,
                joined_on: Some(months_before(anchor, m.joined_months_ago)),
                connection: Some(d.connection),
                connection_place: d.place.into(),
                skills: d.skills.into(),
                communities: d.communities.into(),
                notes: String::new(),
            },
            Some(&format!("person:{}", m.email)),
        )?;
        people.insert(m.email, id);
    }
    for (i, p) in POLICE.iter().enumerate() {
        let id = insert_person(
            &tx,
            &ValidPerson {
                full_name: p.name.into(),
                kind: PersonKind::Police,
                police_rank: p.rank.into(),
                email: format!("{}@fenwold.police.example.org", p.email),
                phone: format!("07700 900{:03}", 800 + i),
                status: MemberStatus::Active,
                joined_on: None,
                connection: None,
                connection_place: String::new(),
                skills: String::new(),
                communities: String::new(),
                notes: String::new(),
            },
            Some(&format!("person:{}", p.email)),
        )?;
        people.insert(p.email, id);
    }

    extend_members(&tx, &people, anchor)?;

    for r in force::roles() {
        let group = GROUPS
            .iter()
            .find(|g| g.key == r.group)
            .expect("demo group");
        // A stood-down group's roles ended when it was stood down.
        let ended_months_ago = r.ended_months_ago.or(group.stood_down_months_ago);
        insert_membership(
            &tx,
            &NewMembership {
                person: people[r.person],
                group: group_ids[r.group],
                role: r.role,
                started_on: months_before(anchor, r.started_months_ago),
                ended_on: ended_months_ago.map(|m| months_before(anchor, m)),
            },
            Some(&format!(
                "membership:{}:{}:{}",
                r.group,
                r.person,
                r.role.code()
            )),
        )?;
    }

    let mut marlow_held = Vec::new();
    for g in GROUPS {
        for (n, (at, kind)) in meeting_dates(g, anchor).into_iter().enumerate() {
            let status = if at.date() < anchor {
                MeetingStatus::Held
            } else {
                MeetingStatus::Planned
            };
            let id = insert_meeting(
                &tx,
                &NewMeeting {
                    group: group_ids[g.key],
                    starts_at: at,
                    duration_minutes: g.duration_minutes,
                    venue: g.venue,
                    kind,
                    status,
                },
                Some(&format!("meeting:{}:{n}", g.key)),
            )?;
            if g.key == "marlow" && status == MeetingStatus::Held {
                marlow_held.push((id, at));
            }
        }
    }
    minutes::load(&tx, group_ids["marlow"], &marlow_held)?;
    crate::storage::incidents::insert(
        &tx,
        &crate::incidents::ValidIncident {
            title: "Disorder outside Brackenford mosque after a youth was stopped and searched"
                .into(),
            occurred_at: (anchor - chrono::Days::new(3))
                .and_hms_opt(14, 30, 0)
                .expect("demo incident time"),
            description: "After Friday prayers officers stopped and searched a 15-year-old \
                outside the mosque. A video of the stop was shared online within the hour, and \
                a crowd gathered; two arrests followed."
                .into(),
            confidential: true,
            public_title: "Critical incident in Brackenford, November".into(),
            community_impact: "The mosque committee and the tenants' association report anger \
                among young people and parents; some families say they will keep their \
                children at home."
                .into(),
            gold_suggested: true,
            gold_answer: "Chief Superintendent Helen Marsh convened a Gold group the same evening."
                .into(),
            status: crate::incidents::IncidentStatus::Open,
        },
        anchor.and_hms_opt(9, 0, 0).expect("demo time"),
        Some("incident:brackenford-mosque"),
    )?;
    // A concern sent up and answered, and one still waiting.
    let answered = crate::storage::escalations::insert(
        &tx,
        group_ids["stop-search"],
        group_ids["strategic"],
        "Section 60 authorisations in Brackenford were extended twice in October without the \
         subgroup being told.",
        false,
        anchor - chrono::Days::new(40),
        Some("escalation:stopsearch:s60"),
    )?;
    crate::storage::escalations::respond(
        &tx,
        answered,
        "The strategic group raised it with the Assistant Chief Constable: the subgroup's chair \
         will now be told of any extension within 24 hours.",
        anchor - chrono::Days::new(20),
    )?;
    crate::storage::escalations::insert(
        &tx,
        group_ids["marlow"],
        group_ids["strategic"],
        "Parents ask for an independent look at how dispersal orders are used near Marlow Fen \
         bus station.",
        false,
        anchor - chrono::Days::new(12),
        Some("escalation:marlow:dispersal"),
    )?;

    let added = crate::storage::roster::row_count(&tx)? - before;
    tx.commit()?;
    Ok(DemoReport { added, anchor })
}

/// Vetting, agreements, status history and representation for the demo
/// members, with the problems a chair must see: an expired and an expiring
/// vetting, a missing vetting, missing agreements, a chair without the
/// Official Secrets Act, a leaver, a member on leave, and representation
/// answers with groups small enough to be suppressed.
fn extend_members(
    tx: &rusqlite::Transaction,
    people: &HashMap<&str, PersonId>,
    anchor: NaiveDate,
) -> Result<()> {
    use crate::roster::compliance::Vetting;
    use crate::roster::representation::Answers;
    use crate::roster::{AgreementKind, VettingLevel};
    use crate::storage::people as db;

    if crate::storage::setting_in(tx, "force.official_secrets_for_chairs")?.is_none() {
        crate::storage::set_setting_in(tx, "force.official_secrets_for_chairs", "yes")?;
    }
    for (i, m) in MEMBERS.iter().enumerate() {
        let id = people[m.email];
        let joined = months_before(anchor, m.joined_months_ago);
        db::insert_status_change(
            tx,
            id,
            MemberStatus::Applicant,
            joined,
            "Applied to join",
            &format!("status:{}:applied", m.email),
        )?;
        if m.status == MemberStatus::Applicant {
            continue;
        }
        let vetted = joined + chrono::Days::new(42);
        db::insert_status_change(
            tx,
            id,
            MemberStatus::Active,
            vetted,
            "Vetting granted; welcomed at induction",
            &format!("status:{}:active", m.email),
        )?;
        match m.status {
            MemberStatus::OnLeave => db::insert_status_change(
                tx,
                id,
                MemberStatus::OnLeave,
                months_before(anchor, 3),
                "Caring responsibilities; back in the spring",
                &format!("status:{}:leave", m.email),
            )?,
            MemberStatus::Left => db::insert_status_change(
                tx,
                id,
                MemberStatus::Left,
                months_before(anchor, 8),
                "Moved away from the area",
                &format!("status:{}:left", m.email),
            )?,
            _ => {}
        }

        if !db::has_row(tx, "vetting", id)? {
            // Vetting lasts three years here; a few are made to need attention.
            let (granted_on, expires_on) = match i {
                4 => (months_before(anchor, 40), months_before(anchor, 4)),
                10 => (months_before(anchor, 35), anchor + chrono::Days::new(30)),
                33 => (anchor, anchor),
                _ => {
                    let g = months_before(anchor, m.joined_months_ago % 30);
                    (g, g.checked_add_months(Months::new(36)).unwrap_or(g))
                }
            };
            if expires_on > granted_on {
                let level = if i == 36 || i == 40 {
                    VettingLevel::Nppv2
                } else {
                    VettingLevel::Nppv1
                };
                db::set_vetting(
                    tx,
                    id,
                    &Vetting {
                        level,
                        granted_on,
                        expires_on,
                    },
                )?;
            }
        }
        if !db::has_row(tx, "agreements", id)? {
            for kind in [
                AgreementKind::Confidentiality,
                AgreementKind::InformationSharing,
                AgreementKind::CodeOfConduct,
            ] {
                if i == 6 && kind == AgreementKind::InformationSharing {
                    continue;
                }
                db::set_agreement(tx, id, kind, Some(vetted))?;
            }
            // Chairs sign the Official Secrets Act here, but one has not yet.
            if [0, 18, 27, 36, 40, 44, 48, 52, 56, 12].contains(&i) {
                db::set_agreement(tx, id, AgreementKind::OfficialSecrets, Some(vetted))?;
            }
        }
        // Two in three members chose to answer; answers spread so that some
        // counts fall below 5 and must be suppressed.
        if i % 3 != 2 && !db::has_row(tx, "representation", id)? {
            db::set_representation(tx, id, &demo_answers(i, joined))?;
        }
    }

    fn demo_answers(i: usize, consent_on: NaiveDate) -> Answers {
        const AGES: [&str; 6] = ["16_24", "25_34", "35_44", "45_54", "55_64", "65_plus"];
        const RACE: [&str; 7] = [
            "white", "asian", "black", "white", "asian", "mixed", "other",
        ];
        const RELIGION: [&str; 9] = [
            "christian",
            "muslim",
            "none",
            "sikh",
            "hindu",
            "christian",
            "none",
            "jewish",
            "prefer_not_to_say",
        ];
        let mut answers = std::collections::BTreeMap::new();
        answers.insert("age_band", AGES[(i * 5) % AGES.len()]);
        answers.insert("race", RACE[i % RACE.len()]);
        answers.insert(
            "religion",
            if i == 38 {
                "jewish"
            } else {
                RELIGION[(i * 2) % RELIGION.len()]
            },
        );
        answers.insert(
            "sex",
            if i.is_multiple_of(2) {
                "female"
            } else {
                "male"
            },
        );
        answers.insert("disability", if i.is_multiple_of(6) { "yes" } else { "no" });
        if i.is_multiple_of(4) {
            answers.insert(
                "sexual_orientation",
                if i.is_multiple_of(8) {
                    "prefer_not_to_say"
                } else {
                    "straight"
                },
            );
        }
        if i == 22 {
            answers.insert("sexual_orientation", "bisexual");
        }
        Answers {
            consent_on,
            answers,
        }
    }
    Ok(())
}

/// Removes every demo row, and nothing a person entered.
pub fn remove(vault: &mut Vault) -> Result<u32> {
    let tx = vault.conn_mut().transaction()?;
    let removed = delete_demo_rows(&tx)?;
    crate::storage::delete_setting_in(&tx, ANCHOR_KEY)?;
    tx.commit()?;
    Ok(removed)
}

fn months_before(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}

/// The second `weekday` of the month holding `day`: committee evenings fall
/// on a predictable day, as real groups arrange them.
fn second_weekday(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(day.year(), day.month(), weekday, 2).unwrap_or(day)
}

/// A year of past meetings at the group's cadence and the next one due; a
/// stood-down critical group has only the extraordinary meetings it held.
fn meeting_dates(g: &DemoGroup, anchor: NaiveDate) -> Vec<(chrono::NaiveDateTime, MeetingKind)> {
    let time = NaiveTime::from_hms_opt(g.hour, g.minute, 0).expect("demo meeting time");
    if let Some(stood_down) = g.stood_down_months_ago {
        let first = months_before(anchor, stood_down + 1);
        return [0, 9]
            .iter()
            .map(|days| {
                let date = first + chrono::Days::new(*days);
                (date.and_time(time), MeetingKind::CriticalIncident)
            })
            .collect();
    }
    let month_start = anchor.with_day(1).expect("first of month");
    let mut dates = Vec::new();
    // Walk whole cadences from a year back until the first meeting after today.
    let mut k = -(12 / g.cadence_months as i32) - 1;
    loop {
        let offset = k * g.cadence_months as i32 + g.month_offset as i32;
        let month = if offset >= 0 {
            month_start.checked_add_months(Months::new(offset as u32))
        } else {
            month_start.checked_sub_months(Months::new(offset.unsigned_abs()))
        }
        .expect("demo month");
        let date = second_weekday(month, g.weekday);
        k += 1;
        if date < months_before(anchor, 12) {
            continue;
        }
        if date >= anchor {
            if g.lapsed_months.is_none() {
                dates.push((date.and_time(time), MeetingKind::Scheduled));
            }
            break;
        }
        if g.lapsed_months
            .is_none_or(|m| date < months_before(anchor, m))
        {
            dates.push((date.and_time(time), MeetingKind::Scheduled));
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{Role, Tier};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn each_active_group_has_a_year_of_meetings_and_the_next_one() {
        let anchor = day(2026, 11, 23);
        for g in GROUPS.iter().filter(|g| g.stood_down_months_ago.is_none()) {
            let dates = meeting_dates(g, anchor);
            let upcoming = dates.iter().filter(|(d, _)| d.date() >= anchor).count();
            if let Some(lapsed) = g.lapsed_months {
                assert_eq!(
                    upcoming, 0,
                    "{}: a lapsed group has nothing planned",
                    g.name
                );
                let last = dates.last().unwrap().0.date();
                assert!(
                    last < months_before(anchor, lapsed),
                    "{}: nothing for {lapsed} months",
                    g.name
                );
                continue;
            }
            assert_eq!(upcoming, 1, "{}: exactly one meeting ahead", g.name);
            let past = dates.len() - upcoming;
            let expected = (12 / g.cadence_months) as usize;
            assert!(
                past + 1 >= expected && past <= expected,
                "{}: about a year of past meetings at its cadence, got {past}",
                g.name
            );
            assert!(
                dates.windows(2).all(|w| w[0].0 < w[1].0),
                "{}: meetings in order",
                g.name
            );
        }
    }

    #[test]
    fn meetings_fall_on_the_groups_weekday() {
        let anchor = day(2026, 11, 23);
        let g = &GROUPS[1];
        for (at, _) in meeting_dates(g, anchor) {
            assert_eq!(at.date().weekday(), g.weekday);
        }
    }

    #[test]
    fn every_role_names_a_real_group_and_person() {
        let emails: Vec<&str> = MEMBERS
            .iter()
            .map(|m| m.email)
            .chain(POLICE.iter().map(|p| p.email))
            .collect();
        for r in force::roles() {
            assert!(GROUPS.iter().any(|g| g.key == r.group), "group {}", r.group);
            assert!(emails.contains(&r.person), "person {}", r.person);
            let is_police = POLICE.iter().any(|p| p.email == r.person);
            assert_eq!(
                is_police,
                r.role.is_police(),
                "{} as {:?}: police contacts hold police roles, members the rest",
                r.person,
                r.role
            );
        }
    }

    #[test]
    fn every_local_group_sends_two_nominees_to_the_strategic_group() {
        let roles = force::roles();
        for g in GROUPS.iter().filter(|g| g.tier == Tier::Local) {
            let nominees = roles
                .iter()
                .filter(|r| r.role == Role::Nominee && r.from_group == Some(g.key))
                .count();
            assert_eq!(nominees, 2, "{} sends its chair and one other", g.name);
        }
    }

    #[test]
    fn demo_people_have_unique_references() {
        let mut seen = std::collections::HashSet::new();
        for e in MEMBERS
            .iter()
            .map(|m| m.email)
            .chain(POLICE.iter().map(|p| p.email))
        {
            assert!(seen.insert(e), "duplicate demo reference {e}");
        }
    }
}
