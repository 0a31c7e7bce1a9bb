use crate::support::{now, today, TempVault};
use chrono::{Days, NaiveDate, NaiveDateTime};
use iag_desk_core::meetings::plan;
use iag_desk_core::minutes::{actions, advice, record};
use iag_desk_core::roster;
use iag_desk_core::vocabulary::{MeetingStatus, PersonKind};
use iag_desk_core::{dashboard, demo, escalations, incidents, meetings, Vault};
use std::collections::BTreeMap;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn noon(on: NaiveDate) -> NaiveDateTime {
    on.and_hms_opt(12, 0, 0).unwrap()
}

/// The days the demo must look alive on (issue 16): a fixed today, 45 days
/// and a year later, a leap day, the last days of two years, and both
/// sides of the spring and autumn clock changes.
fn load_days() -> Vec<NaiveDate> {
    let base = day(2026, 12, 6);
    vec![
        base,
        today(),
        base + Days::new(45),
        day(2027, 12, 6),
        day(2028, 2, 29),
        day(2026, 12, 31),
        day(2027, 12, 31),
        day(2027, 3, 27),
        day(2027, 3, 28),
        day(2027, 10, 31),
    ]
}

fn demo_on(on: NaiveDate) -> (TempVault, Vault) {
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, on).unwrap();
    (t, vault)
}

/// What the demo holds, counted by kind, never by date: equal shapes mean
/// the same force, whatever day it was laid out on.
fn shape(vault: &Vault, on: NaiveDate) -> BTreeMap<String, usize> {
    let mut n: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |key: String, by: usize| *n.entry(key).or_default() += by;
    let c = vault.status(noon(on)).unwrap().counts;
    for (k, v) in [
        ("groups active", c.groups_active),
        ("groups stood down", c.groups_stood_down),
        ("members active", c.members_active),
        ("members", c.members_total),
        ("police contacts", c.police_contacts),
        ("meetings held", c.meetings_held),
        ("meetings upcoming", c.meetings_upcoming),
    ] {
        add(k.into(), v as usize);
    }
    for m in meetings::list(vault, noon(on)).unwrap() {
        let when = if m.upcoming { "upcoming" } else { "held" };
        add(format!("meetings {when}: {}", m.group_name), 1);
        add(format!("meetings {}: {}", m.kind_label, m.status_label), 1);
        let d = plan::detail(vault, m.id).unwrap();
        add("agenda items".into(), d.items.len());
        add(
            "agenda items with a presenter".into(),
            d.items.iter().filter(|i| !i.presenter.is_empty()).count(),
        );
        add(
            "papers".into(),
            d.items.iter().map(|i| i.papers.len()).sum(),
        );
        add(
            "agreed by a chair".into(),
            d.chair_agreed.is_some() as usize,
        );
        add(
            "agreed by a police contact".into(),
            d.police_agreed.is_some() as usize,
        );
        for r in &d.register {
            add(format!("register: {}", r.presence_label), 1);
        }
        let minutes = record::record(vault, m.id).unwrap();
        add(
            "minutes approved".into(),
            minutes.approved.is_some() as usize,
        );
        for e in minutes.items.iter().flat_map(|i| &i.entries) {
            add(format!("minute entries: {:?}", e.kind), 1);
        }
    }
    for a in advice::register(vault, &Default::default()).unwrap() {
        add(format!("advice: {}", a.response_label), 1);
    }
    for a in actions::log(vault, &Default::default(), on).unwrap() {
        add(format!("actions: {}", a.status_label), 1);
        add("actions overdue".into(), a.overdue as usize);
    }
    for i in incidents::list(vault).unwrap() {
        add(format!("incidents: {}", i.status_label), 1);
        add(
            "incidents with a critical group".into(),
            i.group_id.is_some() as usize,
        );
    }
    for g in roster::groups(vault, on).unwrap() {
        for e in escalations::for_group(vault, g.id).unwrap().raised {
            add("escalations".into(), 1);
            add(
                "escalations answered".into(),
                e.responded_on.is_some() as usize,
            );
        }
    }
    let d = dashboard::dashboard(vault, noon(on)).unwrap();
    for (k, v) in [
        ("dashboard: overdue groups", d.overdue_groups.len()),
        ("dashboard: next meetings", d.next_meetings.len()),
        (
            "dashboard: agendas awaiting agreement",
            d.agendas_awaiting_agreement.len(),
        ),
        (
            "dashboard: minutes awaiting approval",
            d.minutes_awaiting_approval.len(),
        ),
        ("dashboard: overdue actions", d.overdue_actions.len()),
        (
            "dashboard: advice awaiting a response",
            d.advice_awaiting_response.len(),
        ),
        (
            "dashboard: vetting and agreements",
            d.vetting_and_agreements.len(),
        ),
        ("dashboard: open incidents", d.open_incidents.len()),
    ] {
        add(k.into(), v);
    }
    n
}

/// The keys whose counts differ, with both counts, for a readable failure.
fn differences(
    a: &BTreeMap<String, usize>,
    b: &BTreeMap<String, usize>,
) -> Vec<(String, usize, usize)> {
    a.keys()
        .chain(b.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            (
                k.clone(),
                a.get(k).copied().unwrap_or(0),
                b.get(k).copied().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn loading_the_demo_twice_on_the_same_day_adds_nothing() {
    let t = TempVault::new();
    let mut vault = t.create();
    let first = demo::load(&mut vault, today()).unwrap();
    assert!(
        first.added > 100,
        "the demo adds a whole force, got {}",
        first.added
    );
    assert!(
        !first.refreshed,
        "a first load has nothing to bring up to date"
    );
    assert_eq!(first.anchor, today());
    let before = shape(&vault, today());

    let second = demo::load(&mut vault, today()).unwrap();
    assert_eq!(
        second.added, 0,
        "a second load the same day must add nothing"
    );
    assert!(!second.refreshed, "nor change anything");
    assert_eq!(differences(&before, &shape(&vault, today())), []);
}

#[test]
fn the_demo_has_the_same_shape_on_any_day() {
    let days = load_days();
    let (_t, vault) = demo_on(days[0]);
    let expected = shape(&vault, days[0]);
    for on in &days[1..] {
        let (_t, vault) = demo_on(*on);
        assert_eq!(
            differences(&expected, &shape(&vault, *on)),
            [],
            "loaded on {on}: counts by kind (key, on {}, on {on}) must not depend on the day",
            days[0]
        );
    }
    // The shape itself, as the brief and the CLI expect it.
    let get = |k: &str| expected.get(k).copied().unwrap_or(0);
    assert_eq!(
        (get("groups active"), get("groups stood down")),
        (11, 1),
        "1 strategic, 4 local, 6 subgroups; one stood-down critical group"
    );
    assert_eq!(
        (get("meetings held"), get("meetings upcoming")),
        (43, 10),
        "a year of meetings at each cadence, the next one for every active group but the \
         lapsed one: {expected:#?}"
    );
    assert_eq!(get("meetings upcoming: Marlow Fen Local IAG"), 1);
    assert_eq!(get("meetings held: Marlow Fen Local IAG"), 4);
    assert_eq!(get("meetings held: Fenwold Strategic IAG"), 2);
    assert_eq!(get("meetings held: Young People's Subgroup"), 3);
    assert_eq!(get("meetings upcoming: Young People's Subgroup"), 0);
    assert_eq!(
        get("meetings held: Critical Group: Kingsmead Park incident"),
        2
    );
    assert_eq!((get("incidents: Open"), get("incidents: Closed")), (1, 1));
    assert_eq!(get("dashboard: agendas awaiting agreement"), 8);
    assert!(get("actions overdue") >= 1 && get("actions: Done") >= 1);
}

#[test]
fn the_next_meetings_are_prepared_on_any_day() {
    for on in load_days() {
        let (_t, vault) = demo_on(on);
        let next: Vec<_> = meetings::list(&vault, noon(on))
            .unwrap()
            .into_iter()
            .filter(|m| m.upcoming)
            .collect();
        assert_eq!(
            next.len(),
            10,
            "{on}: every active group but one meets next"
        );
        let starts: Vec<_> = next.iter().map(|m| m.start().unwrap()).collect();
        assert!(
            starts[0].date() < starts[1].date() && starts[1].date() < starts[2].date(),
            "{on}: the force's two soonest meetings are on distinct days, before the rest"
        );
        assert!(
            starts[0].date() >= on + Days::new(3),
            "{on}: no meeting within two days of the load day"
        );
        for (n, m) in next.iter().enumerate() {
            let d = plan::detail(&vault, m.id).unwrap();
            let what = format!("{on}: {} on {}", d.group_name, d.when);
            assert!(d.items.len() >= 10, "{what}: the group's agenda");
            assert!(
                d.items
                    .iter()
                    .all(|i| !i.presenter.is_empty() && i.minutes > 0),
                "{what}: every item has a presenter and a time"
            );
            assert!(
                d.items.iter().any(|i| i.title.starts_with("Police update")
                    && ["Inspector", "Superintendent"]
                        .iter()
                        .any(|rank| i.presenter.contains(rank))),
                "{what}: the police contact, by rank and name, gives the police update"
            );
            assert!(
                d.overrun_minutes.is_none(),
                "{what}: the agenda fits the meeting"
            );
            assert!(
                d.register
                    .iter()
                    .any(|r| r.capacity == iag_desk_core::vocabulary::Capacity::Member),
                "{what}: its members are expected"
            );
            assert!(
                d.register.iter().all(|r| r.presence_label == "Expected"),
                "{what}: nobody is marked present before the meeting"
            );
            let papers: Vec<_> = d.items.iter().flat_map(|i| &i.papers).collect();
            assert!(!papers.is_empty(), "{what}: a paper is attached");
            let (name, bytes) = plan::paper(&vault, m.id, papers[0].id).unwrap();
            assert!(
                name.ends_with(".pdf") && bytes.starts_with(b"%PDF-"),
                "{what}: the paper is a real PDF ({name})"
            );
            let agreed = d.chair_agreed.is_some() && d.police_agreed.is_some();
            if n < 2 {
                assert!(
                    agreed && d.status == MeetingStatus::AgendaAgreed,
                    "{what}: one of the two soonest, agreed by chair and police"
                );
            } else {
                assert!(
                    d.chair_agreed.is_none()
                        && d.police_agreed.is_none()
                        && d.status == MeetingStatus::Planned,
                    "{what}: still being prepared"
                );
            }
        }
        let desk = dashboard::dashboard(&vault, noon(on)).unwrap();
        assert_eq!(
            desk.agendas_awaiting_agreement.len(),
            8,
            "{on}: the dashboard shows agendas to agree"
        );
    }
}

#[test]
fn loading_on_a_later_day_brings_the_demo_up_to_date() {
    let later = today() + Days::new(100);
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();

    let report = demo::load(&mut vault, later).unwrap();
    assert!(
        report.refreshed,
        "a demo laid out earlier is brought up to date"
    );
    assert_eq!(report.anchor, later);
    assert_eq!(report.added, 0, "its rows are moved, not added again");
    let (_fresh, fresh) = demo_on(later);
    assert_eq!(
        differences(&shape(&fresh, later), &shape(&vault, later)),
        [],
        "brought up to date, it is the demo a fresh load on {later} gives"
    );
    let marlow = meetings::list(&vault, noon(later))
        .unwrap()
        .into_iter()
        .find(|m| m.upcoming && m.group_name == "Marlow Fen Local IAG")
        .expect("Marlow Fen's next meeting");
    assert!(
        marlow.start().unwrap().date() > later + Days::new(2),
        "the next meeting is after the new day"
    );
    let d = plan::detail(&vault, marlow.id).unwrap();
    assert!(d.chair_agreed.is_some() && !d.register.is_empty());

    // Once up to date, loading again that day adds and changes nothing.
    let again = demo::load(&mut vault, later).unwrap();
    assert_eq!((again.added, again.refreshed), (0, false));
}

#[test]
fn real_records_that_point_at_demo_rows_survive_bringing_it_up_to_date_and_removal() {
    use iag_desk_core::incidents::{ConveneForm, IncidentForm};
    use iag_desk_core::roster::members;
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
    let marlow = crate::support::group_named(&vault, "Marlow Fen Local IAG");
    let demo_member = |vault: &Vault, name: &str| {
        roster::people(vault, PersonKind::Member, today())
            .unwrap()
            .into_iter()
            .find(|p| p.full_name == name)
            .unwrap()
            .id
    };
    let zofia = demo_member(&vault, "Zofia Wójcik");
    let chiamaka = demo_member(&vault, "Chiamaka Eze");

    // A real member with a role in a demo group.
    let real = members::add_person(
        &mut vault,
        &roster::rules::PersonForm {
            full_name: "Real Person Who Stays".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    members::assign_role(&mut vault, real, marlow, "member", "", today()).unwrap();
    // A real meeting of a demo group, its register full of demo people.
    let extra = plan::create(
        &mut vault,
        &plan::MeetingForm {
            group_id: marlow.0,
            date: "2027-01-19".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre, Mill Lane".into(),
            kind: "extraordinary".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let extra_register = plan::detail(&vault, extra).unwrap().register.len();
    // A real incident with a critical group of demo members.
    let incident = incidents::add(
        &mut vault,
        &IncidentForm {
            title: "A real incident".into(),
            date: "2026-11-20".into(),
            public_title: "Critical incident in Marlow Fen".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let convened = incidents::convene(
        &mut vault,
        incident,
        &ConveneForm {
            group_name: "Marlow Fen critical group".into(),
            members: vec![zofia.0, chiamaka.0],
            date: "2026-11-25".into(),
            time: "18:00".into(),
            venue: "Marlow Fen Police Station".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    // A real concern raised by a demo group to its demo parent.
    escalations::raise(
        &mut vault,
        marlow,
        &escalations::RaiseForm {
            text: "A real concern about street lighting.".into(),
            confidential: false,
        },
        today(),
    )
    .unwrap();

    let later = today() + Days::new(60);
    assert!(demo::load(&mut vault, later).unwrap().refreshed);
    assert_eq!(
        crate::support::group_named(&vault, "Marlow Fen Local IAG"),
        marlow,
        "demo rows keep their ids, so real rows still point at them"
    );
    assert!(
        members::search(
            &vault,
            &members::MemberQuery {
                group: Some(marlow),
                ..Default::default()
            },
            later,
        )
        .unwrap()
        .iter()
        .any(|p| p.id == real),
        "the real member keeps their role in the demo group"
    );
    let kept = plan::detail(&vault, extra).unwrap();
    assert_eq!(
        (kept.group_id, kept.register.len()),
        (marlow, extra_register),
        "the real meeting of a demo group keeps its group and its register"
    );
    let call = incidents::call_list(&vault, incident, later).unwrap();
    let names: Vec<_> = call.people.iter().map(|p| p[0].as_str()).collect();
    assert_eq!(
        names,
        ["Chiamaka Eze", "Zofia Wójcik"],
        "the real critical group keeps its demo members"
    );
    assert!(escalations::for_group(&vault, marlow)
        .unwrap()
        .raised
        .iter()
        .any(|e| e.text.contains("street lighting")));

    // Removing the demo spares the real records, whose register names the
    // demo people as guests: nothing fails, nobody disappears silently.
    assert!(demo::remove(&mut vault).unwrap() > 100);
    let people = roster::people(&vault, PersonKind::Member, later).unwrap();
    let names: Vec<_> = people.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(names, ["Real Person Who Stays"], "only demo rows go");
    let register: Vec<_> = plan::detail(&vault, convened.meeting)
        .unwrap()
        .register
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(
        register,
        ["Chiamaka Eze", "Zofia Wójcik"],
        "the real meeting still says who was expected"
    );
    assert!(incidents::detail(&vault, incident, later).is_ok());
}

#[test]
fn the_demo_force_has_the_shape_of_the_seed_forces() {
    let (_t, vault) = demo_on(today());
    let s = vault.status(now()).unwrap();
    assert!(s.demo_loaded);
    assert!(
        (55..=65).contains(&s.counts.members_total),
        "about 60 members, got {}",
        s.counts.members_total
    );
    assert!(s.counts.police_contacts >= 6);
    let groups = roster::groups(&vault, today()).unwrap();
    for g in groups
        .iter()
        .filter(|g| g.tier == iag_desk_core::vocabulary::Tier::Subgroup)
    {
        assert_eq!(g.chairs.len(), 1, "{} has a community chair", g.name);
        assert!(
            !g.police_contacts.is_empty(),
            "{} has a police SPOC",
            g.name
        );
    }
}

#[test]
fn removing_the_demo_spares_real_records() {
    let (_t, mut vault) = demo_on(today());
    iag_desk_core::roster::members::insert_member_for_tests(&vault, "Real Person Who Stays")
        .unwrap();

    let removed = demo::remove(&mut vault).unwrap();
    assert!(removed > 100);
    let s = vault.status(now()).unwrap();
    assert!(!s.demo_loaded);
    assert_eq!(s.counts.groups_active, 0);
    let people = roster::people(&vault, PersonKind::Member, today()).unwrap();
    let names: Vec<_> = people.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(names, ["Real Person Who Stays"], "only demo rows go");
    assert!(incidents::list(&vault).unwrap().is_empty());

    // And the demo can come back afterwards, laid out afresh.
    let back = demo::load(&mut vault, today() + Days::new(10)).unwrap();
    assert!(back.added > 100 && !back.refreshed);
}

#[test]
fn the_demo_has_minutes_with_every_kind_of_record() {
    use iag_desk_core::confidentiality::Confidentiality;
    use iag_desk_core::vocabulary::AdviceResponse;
    let (_t, mut vault) = demo_on(today());
    let register = advice::register(&vault, &Default::default()).unwrap();
    for response in AdviceResponse::ALL {
        assert!(
            register.iter().any(|a| a.response == *response),
            "the demo has advice {}",
            response.label()
        );
    }
    let not_followed = register
        .iter()
        .find(|a| a.response == AdviceResponse::NotFollowed)
        .unwrap();
    assert!(!not_followed.response_reason.is_empty(), "with the reason");
    let log = actions::log(&vault, &Default::default(), today()).unwrap();
    assert!(log.iter().any(|a| a.overdue), "an overdue action");
    assert!(
        log.iter().any(|a| a.status_label == "Done"),
        "a done action"
    );

    let marlow: Vec<_> = meetings::list(&vault, now())
        .unwrap()
        .into_iter()
        .filter(|m| m.group_name == "Marlow Fen Local IAG" && !m.upcoming)
        .collect();
    let statuses: Vec<_> = marlow.iter().take(3).map(|m| m.status_label).collect();
    assert_eq!(
        statuses,
        ["Minutes in draft", "Minutes approved", "Minutes approved"],
        "most recent first: a draft, then two approved"
    );
    let records: Vec<_> = marlow
        .iter()
        .take(3)
        .map(|m| record::record(&vault, m.id).unwrap())
        .collect();
    let items = || records.iter().flat_map(|r| &r.items);
    assert!(items().any(|i| i.level == Confidentiality::Confidential && !i.entries.is_empty()));
    assert!(items().any(|i| i.level == Confidentiality::NotRecorded));
    assert!(items()
        .flat_map(|i| &i.entries)
        .filter_map(|e| e.vote.as_ref())
        .any(|v| v.outcome.decided_by_casting_vote && v.declared));

    demo::remove(&mut vault).unwrap();
    assert!(advice::register(&vault, &Default::default())
        .unwrap()
        .is_empty());
    assert!(actions::log(&vault, &Default::default(), today())
        .unwrap()
        .is_empty());
}

#[test]
fn the_stood_down_critical_group_belongs_to_a_past_incident_with_its_record() {
    for on in [today(), day(2028, 2, 29)] {
        let (_t, vault) = demo_on(on);
        let group = crate::support::group_named(&vault, "Critical Group: Kingsmead Park incident");
        let all = incidents::list(&vault).unwrap();
        let past = all
            .iter()
            .find(|i| i.group_id == Some(group))
            .expect("the critical group's incident");
        assert_eq!(
            past.status,
            iag_desk_core::vocabulary::IncidentStatus::Closed,
            "{on}"
        );
        assert!(
            past.confidential
                && past
                    .public_title
                    .starts_with("Critical incident in Kingsmead Park")
        );

        let d = incidents::detail(&vault, past.id, on).unwrap();
        assert_eq!(
            d.meetings.len(),
            2,
            "{on}: its two meetings are linked to it"
        );
        assert!(
            d.advice.len() >= 2
                && d.advice.iter().all(|a| a.response
                    != iag_desk_core::vocabulary::AdviceResponse::Awaiting
                    && a.response_on.is_some()),
            "{on}: advice given, with the police response to each: {:?}",
            d.advice
        );
        assert!(d.actions.iter().any(|a| a.status_label == "Done"));

        let call = incidents::call_list(&vault, past.id, on).unwrap();
        assert!(
            call.people.len() >= 5,
            "{on}: the call list names who sat on the group: {:?}",
            call.people
        );
        assert!(call
            .people
            .iter()
            .all(|p| p[2].starts_with("07700 900") && p[3].ends_with("@example.org")));
        assert_eq!(call.incident, past.public_title, "only the public title");
    }
}

#[test]
fn words_naming_dates_follow_the_day_the_demo_is_loaded() {
    let on = day(2026, 12, 6);
    let (_t, vault) = demo_on(on);
    let open = incidents::list(&vault)
        .unwrap()
        .into_iter()
        .find(|i| i.status == iag_desk_core::vocabulary::IncidentStatus::Open)
        .unwrap();
    let d = incidents::detail(&vault, open.id, on).unwrap();
    let occurred = NaiveDate::parse_from_str(&d.form.date, "%Y-%m-%d").unwrap();
    use chrono::Datelike;
    assert!(
        open.public_title
            .ends_with(&occurred.format("%B").to_string()),
        "{} names the month it happened ({occurred})",
        open.public_title
    );
    assert_eq!(
        occurred.weekday(),
        chrono::Weekday::Fri,
        "after Friday prayers, on a Friday"
    );
    let strategic = crate::support::group_named(&vault, "Fenwold Strategic IAG");
    let s60 = escalations::for_group(&vault, strategic)
        .unwrap()
        .received
        .into_iter()
        .find(|e| e.text.contains("Section 60"))
        .unwrap();
    assert!(
        s60.text.contains("extended twice in October"),
        "raised in late October, about what happened then: {}",
        s60.text
    );
}

#[test]
fn the_demo_minutes_list_people_as_real_minutes_do() {
    let (_t, vault) = crate::support::demo_vault();
    let held = iag_desk_core::meetings::list(&vault, crate::support::now())
        .unwrap()
        .into_iter()
        .find(|m| {
            !m.upcoming && m.status == iag_desk_core::vocabulary::MeetingStatus::MinutesApproved
        })
        .expect("approved minutes in the demo");
    let text = crate::support::pdf_text(&crate::support::minutes_pdf(
        &vault,
        held.id,
        iag_desk_core::confidentiality::Audience::Public,
    ));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Secretariat: Joanne Pike, Business Support Officer, Fenwold Police",
        "Minutes taken by: Joanne Pike",
        "(remote)",
        "Cllr Dev Patel, Community Safety Lead, Fenwold District Council (for item",
        "A youth worker from a local charity (for item",
    ] {
        assert!(flat.contains(wanted), "{wanted:?} missing from:\n{flat}");
    }
    assert!(
        flat.contains("(Chair)") || flat.contains("in the chair"),
        "who chaired is marked: {flat}"
    );
}
