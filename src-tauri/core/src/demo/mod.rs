//! The demo force: Fenwold Police's advisory groups, fictional and shaped
//! like the seed forces, so a chair can explore IAG Desk before typing in
//! their own roster.
//!
//! Invariants:
//! - every demo row carries a `demo_ref`, so removing the demo never
//!   touches a real record;
//! - every date is laid out from the day the demo is loaded, and so is every
//!   word that names a date, a month, a weekday or a season: nothing in it
//!   is written for a particular day;
//! - it has the same shape whatever the day: each active group has a year
//!   of meetings at its cadence (four a quarter apart, two six months
//!   apart) and exactly one ahead, the lapsed group none for more than five
//!   months and none ahead; no meeting falls within two days of the load
//!   day, so a clock passing midnight cannot turn one from coming to held;
//!   the force's next two meetings are always the same two, on different
//!   days;
//! - loading again on the day it was laid out adds and changes nothing;
//!   loading on another day brings it up to date: demo rows keep their ids
//!   and take the new day's dates, and what is recorded in demo meetings
//!   (agendas, registers, minutes, papers) is laid out again. Rows a person
//!   added stay, with their links to demo groups, people and meetings;
//! - contact details are unusable on purpose: example.org addresses
//!   (RFC 2606) and Ofcom's drama range of mobile numbers (07700 900xxx).

mod force;
pub mod large;
mod minutes;
mod prepare;

use crate::dates::month_name;
use crate::error::Result;
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::roster::rules::ValidPerson;
use crate::storage::roster::{
    delete_demo_rows, insert_group, insert_meeting, insert_membership, insert_person, DemoRef,
    NewGroup, NewMeeting, NewMembership,
};
use crate::storage::Vault;
use crate::vocabulary::{GroupStatus, MeetingKind, MeetingStatus, MemberStatus, PersonKind, Role};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use force::{DemoGroup, GROUPS, MEMBERS, POLICE};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The day the demo was last laid out around.
const ANCHOR_KEY: &str = "demo.anchor";

#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    /// Rows this load added (0 when the demo was already there).
    pub added: u32,
    /// The day the demo's dates are laid out around: the day it was loaded.
    pub anchor: NaiveDate,
    /// True when a demo laid out on an earlier day was brought up to date.
    pub refreshed: bool,
}

/// The demo references this load wrote, by table, and whether a row found
/// by its reference is rewritten (the demo is being brought up to date).
struct Refs {
    refresh: bool,
    seen: HashMap<&'static str, HashSet<String>>,
}

impl Refs {
    /// Notes `key` as part of this demo and hands it back.
    fn note(&mut self, table: &'static str, key: String) -> String {
        self.seen.entry(table).or_default().insert(key.clone());
        key
    }

    fn of<'a>(&self, key: &'a str) -> DemoRef<'a> {
        DemoRef {
            key,
            refresh: self.refresh,
        }
    }
}

/// Loads the demo force into the vault in one transaction, laid out around
/// `today`. Idempotent on the same day; on another day it brings the demo
/// up to date (see the module's invariants).
pub fn load(vault: &mut Vault, today: NaiveDate) -> Result<DemoReport> {
    let tx = vault.conn_mut().transaction()?;
    let laid_out_on = crate::storage::setting_in(&tx, ANCHOR_KEY)?
        .and_then(|text| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok());
    let refresh =
        laid_out_on.is_some_and(|day| day != today) && crate::storage::roster::has_demo_rows(&tx)?;
    let before = crate::storage::roster::row_count(&tx)?;
    crate::storage::set_setting_in(&tx, ANCHOR_KEY, &today.format("%Y-%m-%d").to_string())?;
    if refresh {
        crate::storage::roster::clear_demo_meeting_records(&tx)?;
    }
    let mut refs = Refs {
        refresh,
        seen: HashMap::new(),
    };

    let mut group_ids: HashMap<&str, GroupId> = HashMap::new();
    for g in GROUPS {
        let stood_down_on = critical_dates(g, today).map(|c| c.stood_down);
        let key = refs.note("groups", format!("group:{}", g.key));
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
            Some(refs.of(&key)),
        )?;
        let (quorum, escalation) = match g.tier {
            crate::vocabulary::Tier::Strategic => (
                "5",
                "Chief Superintendent Helen Marsh, Head of Local Policing",
            ),
            crate::vocabulary::Tier::Subgroup => (
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
        let key = refs.note("people", format!("person:{}", m.email));
        let person = ValidPerson {
            full_name: m.name.into(),
            kind: PersonKind::Member,
            police_rank: String::new(),
            email: format!("{}@example.org", m.email),
            phone: format!("07700 900{:03}", 100 + i),
            status: m.status,
            joined_on: Some(months_before(today, m.joined_months_ago)),
            connection: Some(d.connection),
            connection_place: d.place.into(),
            skills: d.skills.into(),
            communities: d.communities.into(),
            notes: String::new(),
        };
        let id = insert_person(&tx, &person, &person.search_text(), Some(refs.of(&key)))?;
        people.insert(m.email, id);
    }
    for (i, p) in POLICE.iter().enumerate() {
        let key = refs.note("people", format!("person:{}", p.email));
        let person = ValidPerson {
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
        };
        let id = insert_person(&tx, &person, &person.search_text(), Some(refs.of(&key)))?;
        people.insert(p.email, id);
    }

    extend_members(&tx, &people, today, &mut refs)?;

    for r in force::roles() {
        let group = GROUPS
            .iter()
            .find(|g| g.key == r.group)
            .expect("demo group");
        // A critical group's roles began the day it was convened and ended
        // when it was stood down.
        let (started_on, ended_on) = match critical_dates(group, today) {
            Some(c) => (c.convened, Some(c.stood_down)),
            None => (
                months_before(today, r.started_months_ago),
                r.ended_months_ago.map(|m| months_before(today, m)),
            ),
        };
        let key = refs.note(
            "memberships",
            format!("membership:{}:{}:{}", r.group, r.person, r.role.code()),
        );
        insert_membership(
            &tx,
            &NewMembership {
                person: people[r.person],
                group: group_ids[r.group],
                role: r.role,
                started_on,
                ended_on,
            },
            Some(refs.of(&key)),
        )?;
    }

    let mut held: HashMap<&str, Vec<(MeetingId, NaiveDateTime)>> = HashMap::new();
    let mut next = Vec::new();
    for g in GROUPS {
        for (n, (at, kind)) in meeting_dates(g, today).into_iter().enumerate() {
            let upcoming = at.date() > today;
            let key = refs.note("meetings", format!("meeting:{}:{n}", g.key));
            let id = insert_meeting(
                &tx,
                &NewMeeting {
                    group: group_ids[g.key],
                    starts_at: at,
                    duration_minutes: g.duration_minutes,
                    venue: g.venue,
                    kind,
                    status: if upcoming {
                        MeetingStatus::Planned
                    } else {
                        MeetingStatus::Held
                    },
                },
                Some(refs.of(&key)),
            )?;
            if upcoming {
                next.push((g, id, at));
            } else {
                held.entry(g.key).or_default().push((id, at));
            }
        }
    }
    let added = crate::storage::roster::row_count(&tx)?.saturating_sub(before);

    minutes::load(&tx, group_ids["marlow"], &held["marlow"])?;
    // Marlow Fen keeps its draft minutes from publication until approved.
    crate::storage::roster::set_record_rules(
        &tx,
        group_ids["marlow"],
        &crate::storage::roster::RecordRules {
            draft_handling: "not for publication until approved by the group".into(),
            ..Default::default()
        },
    )?;
    minutes::registers_taken(
        &tx,
        group_ids["eastwick"],
        &held["eastwick"],
        people[MEMBERS[26].email],
    )?;
    next.sort_by_key(|(_, _, at)| *at);
    for (n, (g, meeting, at)) in next.into_iter().enumerate() {
        prepare::prepare(
            &tx,
            &prepare::Next {
                group: group_ids[g.key],
                group_name: g.name,
                meeting,
                at,
                duration_minutes: g.duration_minutes,
                chair: holder(g.key, Role::Chair).map(|e| (people[e], person_name(e))),
                vice_chair: holder(g.key, Role::ViceChair).map(|e| (people[e], person_name(e))),
                secretary: holder(g.key, Role::Secretary).map(|e| (people[e], person_name(e))),
                police: police_contact(g.key),
                tier: g.tier,
                // The force's two soonest meetings have their agendas agreed.
                agreed: n < 2,
                seed: n,
            },
            today,
        )?;
    }

    incidents(&tx, today, &group_ids, &held, &mut refs)?;
    escalations(&tx, today, &group_ids, &mut refs)?;

    // Rows an older demo had and this one has not.
    for table in crate::storage::roster::DEMO_TABLES {
        let keep = refs.seen.remove(table).unwrap_or_default();
        crate::storage::roster::delete_demo_rows_except(&tx, table, &keep)?;
    }
    tx.commit()?;
    Ok(DemoReport {
        added,
        anchor: today,
        refreshed: refresh,
    })
}

/// Who holds `role` in the group now (the email that keys them), if anyone.
fn holder(group: &str, role: Role) -> Option<&'static str> {
    force::roles()
        .into_iter()
        .find(|r| r.group == group && r.role == role && r.ended_months_ago.is_none())
        .map(|r| r.person)
}

fn person_name(email: &str) -> &'static str {
    MEMBERS
        .iter()
        .find(|m| m.email == email)
        .map(|m| m.name)
        .or_else(|| POLICE.iter().find(|p| p.email == email).map(|p| p.name))
        .expect("demo person")
}

/// The group's police contact as people write them: rank, then name
/// ("Inspector Gareth Lloyd").
fn police_contact(group: &str) -> String {
    let email = holder(group, Role::PoliceSpoc)
        .or_else(|| holder(group, Role::PoliceLead))
        .expect("every demo group has a police contact");
    let p = POLICE
        .iter()
        .find(|p| p.email == email)
        .expect("a police contact");
    let rank = p.rank.split(',').next().unwrap_or(p.rank);
    format!("{rank} {}", p.name)
}

/// The open incident of last week, waiting for a critical group, and the
/// closed one whose critical group has stood down, linked to it and its
/// meetings as convening a group links them.
fn incidents(
    tx: &rusqlite::Transaction,
    today: NaiveDate,
    group_ids: &HashMap<&str, GroupId>,
    held: &HashMap<&str, Vec<(MeetingId, NaiveDateTime)>>,
    refs: &mut Refs,
) -> Result<()> {
    use crate::incidents::ValidIncident;
    use crate::vocabulary::IncidentStatus;
    // After Friday prayers: the last Friday at least three days ago.
    let friday = last_on_or_before(today - Days::new(3), Weekday::Fri);
    let occurred_at = friday.and_hms_opt(14, 30, 0).expect("demo incident time");
    let key = refs.note("incidents", "incident:brackenford-mosque".into());
    crate::storage::incidents::insert(
        tx,
        &ValidIncident {
            title: "Disorder outside Brackenford mosque after a youth was stopped and searched"
                .into(),
            occurred_at,
            description: "After Friday prayers officers stopped and searched a 15-year-old \
                outside the mosque. A video of the stop was shared online within the hour, and \
                a crowd gathered; two arrests followed."
                .into(),
            confidential: true,
            public_title: format!("Critical incident in Brackenford, {}", month_name(friday)),
            community_impact: "The mosque committee and the tenants' association report anger \
                among young people and parents; some families say they will keep their \
                children at home."
                .into(),
            gold_suggested: true,
            gold_answer: "Chief Superintendent Helen Marsh convened a Gold group the same evening."
                .into(),
            status: IncidentStatus::Open,
        },
        (friday + Days::new(1))
            .and_hms_opt(9, 0, 0)
            .expect("demo time"),
        Some(refs.of(&key)),
    )?;

    let critical = GROUPS
        .iter()
        .find(|g| g.key == "critical-kingsmead")
        .expect("the demo's critical group");
    let dates = critical_dates(critical, today).expect("a stood-down group");
    let key = refs.note("incidents", "incident:kingsmead-park".into());
    let id = crate::storage::incidents::insert(
        tx,
        &ValidIncident {
            title: "Man seriously injured during an arrest in Kingsmead Park; a bystander's \
                video shows a Taser used"
                .into(),
            occurred_at: dates.occurred,
            description: "Officers called to reports of a fight in Kingsmead Park restrained a \
                24-year-old Black man, who was taken to hospital with a head injury. A video of \
                the arrest was shared widely that evening; the force referred itself to the \
                IOPC."
                .into(),
            confidential: true,
            public_title: format!(
                "Critical incident in Kingsmead Park, {} {}",
                month_name(dates.occurred.date()),
                dates.occurred.year()
            ),
            community_impact: "Church leaders and the Caribbean elders report fear and anger, \
                most of all among young Black men on the Kingsmead estate; a vigil was held in \
                the park."
                .into(),
            gold_suggested: true,
            gold_answer: "A Gold group met daily for a fortnight, chaired by Chief \
                Superintendent Helen Marsh; the critical group's chair sat on it."
                .into(),
            status: IncidentStatus::Closed,
        },
        dates.convened.and_hms_opt(8, 30, 0).expect("demo time"),
        Some(refs.of(&key)),
    )?;
    let group = group_ids[critical.key];
    crate::storage::incidents::set_group(tx, id, group)?;
    let meetings = &held[critical.key];
    for (meeting, _) in meetings {
        crate::storage::incidents::link_meeting(tx, id, *meeting)?;
    }
    minutes::critical(tx, group, meetings)
}

/// A concern sent up and answered, and one still waiting.
fn escalations(
    tx: &rusqlite::Transaction,
    today: NaiveDate,
    group_ids: &HashMap<&str, GroupId>,
    refs: &mut Refs,
) -> Result<()> {
    let raised = today - Days::new(40);
    let key = refs.note("escalations", "escalation:stopsearch:s60".into());
    let answered = crate::storage::escalations::insert(
        tx,
        group_ids["stop-search"],
        group_ids["strategic"],
        &format!(
            "Section 60 authorisations in Brackenford were extended twice in {} without the \
             subgroup being told.",
            month_name(raised - Days::new(10))
        ),
        false,
        raised,
        Some(refs.of(&key)),
    )?;
    crate::storage::escalations::respond(
        tx,
        answered,
        "The strategic group raised it with the Assistant Chief Constable: the subgroup's chair \
         will now be told of any extension within 24 hours.",
        today - Days::new(20),
    )?;
    let key = refs.note("escalations", "escalation:marlow:dispersal".into());
    crate::storage::escalations::insert(
        tx,
        group_ids["marlow"],
        group_ids["strategic"],
        "Parents ask for an independent look at how dispersal orders are used near Marlow Fen \
         bus station.",
        false,
        today - Days::new(12),
        Some(refs.of(&key)),
    )?;
    Ok(())
}

/// Vetting, agreements, status history and representation for the demo
/// members, with the problems a chair must see: an expired and an expiring
/// vetting, a missing vetting, missing agreements, a chair without the
/// Official Secrets Act, a leaver, a member on leave, and representation
/// answers with groups small enough to be suppressed.
///
/// Bringing the demo up to date rewrites these; on the day it was laid out a
/// person's own changes to them stay.
fn extend_members(
    tx: &rusqlite::Transaction,
    people: &HashMap<&str, PersonId>,
    anchor: NaiveDate,
    refs: &mut Refs,
) -> Result<()> {
    use crate::roster::compliance::Vetting;
    use crate::roster::representation::Answers;
    use crate::storage::people as db;
    use crate::vocabulary::{AgreementKind, VettingLevel};

    if crate::storage::setting_in(tx, "force.official_secrets_for_chairs")?.is_none() {
        crate::storage::set_setting_in(tx, "force.official_secrets_for_chairs", "yes")?;
    }
    for (i, m) in MEMBERS.iter().enumerate() {
        let id = people[m.email];
        let joined = months_before(anchor, m.joined_months_ago);
        let mut status_change = |status, on, reason: &str, step: &str| {
            let key = refs.note("status_changes", format!("status:{}:{step}", m.email));
            db::insert_status_change(tx, id, status, on, reason, refs.of(&key))
        };
        status_change(
            MemberStatus::Applicant,
            joined,
            "Applied to join",
            "applied",
        )?;
        if m.status == MemberStatus::Applicant {
            continue;
        }
        let vetted = joined + chrono::Days::new(42);
        status_change(
            MemberStatus::Active,
            vetted,
            "Vetting granted; welcomed at induction",
            "active",
        )?;
        match m.status {
            MemberStatus::OnLeave => {
                let from = months_before(anchor, 3);
                let back = from.checked_add_months(Months::new(5)).unwrap_or(from);
                status_change(
                    MemberStatus::OnLeave,
                    from,
                    &format!("Caring responsibilities; back in the {}", season(back)),
                    "leave",
                )?
            }
            MemberStatus::Left => status_change(
                MemberStatus::Left,
                months_before(anchor, 8),
                "Moved away from the area",
                "left",
            )?,
            _ => {}
        }

        if refs.refresh || !db::has_row(tx, "vetting", id)? {
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
            } else {
                db::clear_vetting(tx, id)?;
            }
        }
        if refs.refresh || !db::has_row(tx, "agreements", id)? {
            for kind in [
                AgreementKind::Confidentiality,
                AgreementKind::InformationSharing,
                AgreementKind::CodeOfConduct,
            ] {
                let missing = i == 6 && kind == AgreementKind::InformationSharing;
                db::set_agreement(tx, id, kind, (!missing).then_some(vetted))?;
            }
            // Chairs sign the Official Secrets Act here, but one has not yet.
            if [0, 18, 27, 36, 40, 44, 48, 52, 56, 12].contains(&i) {
                db::set_agreement(tx, id, AgreementKind::OfficialSecrets, Some(vetted))?;
            }
        }
        // Two in three members chose to answer; answers spread so that some
        // counts fall below 5 and must be suppressed.
        if i % 3 != 2 && (refs.refresh || !db::has_row(tx, "representation", id)?) {
            let given = demo_answers(i, joined);
            db::set_representation(tx, id, given.consent_on, &given.answers)?;
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

/// The season a day falls in, as people in the UK say it.
fn season(day: NaiveDate) -> &'static str {
    match day.month() {
        3..=5 => "spring",
        6..=8 => "summer",
        9..=11 => "autumn",
        _ => "winter",
    }
}

/// `weekday` nearest to `day` (at most three days either side): a meeting
/// "about three months ago" on the group's usual evening.
fn nearest_weekday(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (i64::from(weekday.num_days_from_monday())
        - i64::from(day.weekday().num_days_from_monday()))
    .rem_euclid(7);
    let shift = if ahead > 3 { ahead - 7 } else { ahead };
    day + chrono::Duration::days(shift)
}

/// The first `weekday` on or after `day`.
fn first_on_or_after(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (i64::from(weekday.num_days_from_monday())
        - i64::from(day.weekday().num_days_from_monday()))
    .rem_euclid(7);
    day + chrono::Duration::days(ahead)
}

/// The last `weekday` on or before `day`.
fn last_on_or_before(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (i64::from(day.weekday().num_days_from_monday())
        - i64::from(weekday.num_days_from_monday()))
    .rem_euclid(7);
    day - chrono::Duration::days(back)
}

/// When a stood-down critical group's incident happened, when the group
/// was convened (the next day), met (twice, a fortnight apart) and stood
/// down (a fortnight after that).
#[derive(Debug, Clone, Copy)]
struct CriticalDates {
    occurred: NaiveDateTime,
    convened: NaiveDate,
    meetings: [NaiveDate; 2],
    stood_down: NaiveDate,
}

fn critical_dates(g: &DemoGroup, today: NaiveDate) -> Option<CriticalDates> {
    let months = g.stood_down_months_ago?;
    let first = nearest_weekday(months_before(today, months + 1), g.weekday);
    let second = first + Days::new(14);
    Some(CriticalDates {
        occurred: (first - Days::new(2))
            .and_hms_opt(16, 10, 0)
            .expect("demo incident time"),
        convened: first - Days::new(1),
        meetings: [first, second],
        stood_down: second + Days::new(14),
    })
}

/// A group's meetings, oldest first, laid out from `today`: a year of
/// meetings at its cadence and the next one (the first on its weekday at
/// least its lead after today); a lapsed group only meetings more than
/// its lapse ago; a stood-down critical group the two it held.
fn meeting_dates(g: &DemoGroup, today: NaiveDate) -> Vec<(NaiveDateTime, MeetingKind)> {
    let time = NaiveTime::from_hms_opt(g.hour, g.minute, 0).expect("demo meeting time");
    if let Some(c) = critical_dates(g, today) {
        return c
            .meetings
            .iter()
            .map(|d| (d.and_time(time), MeetingKind::CriticalIncident))
            .collect();
    }
    let a_year = 12 / g.cadence_months;
    let at = |day: NaiveDate| (day.and_time(time), MeetingKind::Scheduled);
    if let Some(lapsed) = g.lapsed_months {
        // Its last meeting a month more than its lapse ago, the year's
        // others before it; nothing since and nothing planned.
        let last = months_before(today, lapsed + 1);
        return (0..a_year - 1)
            .rev()
            .map(|k| {
                at(nearest_weekday(
                    months_before(last, k * g.cadence_months),
                    g.weekday,
                ))
            })
            .collect();
    }
    let next = first_on_or_after(today + Days::new(u64::from(g.lead_days)), g.weekday);
    let mut dates: Vec<_> = (1..=a_year)
        .rev()
        .map(|k| {
            at(nearest_weekday(
                months_before(next, k * g.cadence_months),
                g.weekday,
            ))
        })
        .collect();
    dates.push(at(next));
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{Role, Tier};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Every day of four years, leap days and clock changes included.
    fn every_day() -> impl Iterator<Item = NaiveDate> {
        day(2026, 1, 1)
            .iter_days()
            .take_while(|d| *d < day(2030, 1, 1))
    }

    #[test]
    fn each_active_group_has_a_year_of_meetings_and_the_next_one_on_any_day() {
        for today in every_day() {
            for g in GROUPS.iter().filter(|g| g.stood_down_months_ago.is_none()) {
                let dates = meeting_dates(g, today);
                let upcoming = dates.iter().filter(|(d, _)| d.date() > today).count();
                assert!(
                    dates.windows(2).all(|w| w[0].0 < w[1].0),
                    "{today}: {}: meetings in order",
                    g.name
                );
                if let Some(lapsed) = g.lapsed_months {
                    assert_eq!(
                        (upcoming, dates.len()),
                        (0, 3),
                        "{today}: {}: a lapsed group has three meetings and nothing planned",
                        g.name
                    );
                    let last = dates.last().unwrap().0.date();
                    assert!(
                        last < months_before(today, lapsed),
                        "{today}: {}: nothing for {lapsed} months",
                        g.name
                    );
                    continue;
                }
                assert_eq!(
                    upcoming, 1,
                    "{today}: {}: exactly one meeting ahead",
                    g.name
                );
                assert_eq!(
                    dates.len() - 1,
                    (12 / g.cadence_months) as usize,
                    "{today}: {}: a year of past meetings at its cadence",
                    g.name
                );
                let oldest = dates[0].0.date();
                assert!(
                    oldest > months_before(today, 13) && oldest < months_before(today, 9),
                    "{today}: {}: the oldest meeting is about a year ago, not {oldest}",
                    g.name
                );
            }
        }
    }

    #[test]
    fn no_meeting_falls_within_two_days_of_the_load_day() {
        for today in every_day() {
            for g in GROUPS {
                for (at, _) in meeting_dates(g, today) {
                    assert!(
                        (at.date() - today).num_days().abs() > 2,
                        "{today}: {} meets on {at}: too close for a clock passing midnight",
                        g.name
                    );
                }
            }
        }
    }

    #[test]
    fn meetings_keep_the_groups_weekday_and_time() {
        for today in every_day().step_by(5) {
            for g in GROUPS {
                for (at, _) in meeting_dates(g, today) {
                    assert_eq!(
                        (at.date().weekday(), at.time()),
                        (
                            g.weekday,
                            NaiveTime::from_hms_opt(g.hour, g.minute, 0).unwrap()
                        ),
                        "{today}: {} on {at}",
                        g.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_force_s_next_meetings_come_in_the_same_order_on_distinct_days() {
        let order = |today: NaiveDate| {
            let mut next: Vec<_> = GROUPS
                .iter()
                .flat_map(|g| {
                    meeting_dates(g, today)
                        .into_iter()
                        .filter(move |(at, _)| at.date() > today)
                        .map(move |(at, _)| (at, g.key))
                })
                .collect();
            next.sort();
            next
        };
        let first = order(day(2026, 12, 6));
        assert_eq!(
            first[..2].iter().map(|(_, g)| *g).collect::<Vec<_>>(),
            ["marlow", "brackenford"]
        );
        for today in every_day() {
            let next = order(today);
            assert_eq!(
                next.iter().map(|(_, g)| *g).collect::<Vec<_>>(),
                first.iter().map(|(_, g)| *g).collect::<Vec<_>>(),
                "{today}: the same groups in the same order"
            );
            assert!(
                next.windows(2).all(|w| w[0].0.date() < w[1].0.date()),
                "{today}: no two next meetings on the same day: {next:?}"
            );
        }
    }

    #[test]
    fn marlow_fen_last_met_long_enough_ago_for_its_actions_to_be_overdue() {
        let g = GROUPS.iter().find(|g| g.key == "marlow").unwrap();
        for today in every_day() {
            let dates = meeting_dates(g, today);
            let last_held = dates[dates.len() - 2].0.date();
            let ago = (today - last_held).num_days();
            assert!(
                (60..=100).contains(&ago),
                "{today}: the last meeting {ago} days ago; the six-week action set there \
                 must be overdue and the meeting within the quarter"
            );
        }
    }

    #[test]
    fn the_critical_group_met_and_stood_down_months_ago() {
        let g = GROUPS
            .iter()
            .find(|g| g.stood_down_months_ago.is_some())
            .unwrap();
        for today in every_day() {
            let c = critical_dates(g, today).unwrap();
            assert!(c.occurred.date() < c.convened && c.convened < c.meetings[0]);
            assert!(c.meetings[1] < c.stood_down);
            assert!(
                c.stood_down < months_before(today, 3),
                "{today}: stood down months ago, on {}",
                c.stood_down
            );
        }
    }

    #[test]
    fn words_for_dates_follow_the_date() {
        assert_eq!(month_name(day(2026, 12, 3)), "December");
        assert_eq!(month_name(day(2027, 1, 31)), "January");
        assert_eq!(season(day(2027, 2, 28)), "winter");
        assert_eq!(season(day(2027, 3, 1)), "spring");
        assert_eq!(season(day(2027, 10, 31)), "autumn");
        assert_eq!(
            last_on_or_before(day(2026, 12, 3), Weekday::Fri),
            day(2026, 11, 27)
        );
        assert_eq!(
            last_on_or_before(day(2026, 11, 27), Weekday::Fri),
            day(2026, 11, 27),
            "a Friday is its own last Friday"
        );
        assert_eq!(
            first_on_or_after(day(2026, 12, 9), Weekday::Tue),
            day(2026, 12, 15)
        );
        assert_eq!(
            nearest_weekday(day(2026, 12, 6), Weekday::Thu),
            day(2026, 12, 3)
        );
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
