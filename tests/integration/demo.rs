use crate::support::{now, today, TempVault};
use iag_desk_core::roster::{self, PersonKind};
use iag_desk_core::{demo, meetings};

#[test]
fn loading_the_demo_twice_gives_the_same_counts() {
    let t = TempVault::new();
    let mut vault = t.create();
    let first = demo::load(&mut vault, today()).unwrap();
    assert!(
        first.added > 100,
        "the demo adds a whole force, got {}",
        first.added
    );
    let counts = vault.status(now()).unwrap().counts;

    let second = demo::load(&mut vault, today()).unwrap();
    assert_eq!(second.added, 0, "a second load must add nothing");
    assert_eq!(vault.status(now()).unwrap().counts, counts);

    // Even on a later day: the calendar is anchored to the first load.
    let later = today() + chrono::Days::new(100);
    assert_eq!(demo::load(&mut vault, later).unwrap().added, 0);
    assert_eq!(vault.status(now()).unwrap().counts, counts);
}

#[test]
fn the_demo_force_has_the_shape_of_the_seed_forces() {
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
    let s = vault.status(now()).unwrap();
    assert!(s.demo_loaded);
    assert_eq!(
        s.counts.groups_active, 11,
        "1 strategic, 4 local, 6 subgroups"
    );
    assert_eq!(
        s.counts.groups_stood_down, 1,
        "one stood-down critical group"
    );
    assert!(
        (55..=65).contains(&s.counts.members_total),
        "about 60 members, got {}",
        s.counts.members_total
    );
    assert!(s.counts.police_contacts >= 6);
    assert!(
        s.counts.meetings_upcoming == 10,
        "every active group but the one lapsed subgroup has its next meeting planned"
    );
    assert!(s.counts.meetings_held >= 30, "a year of past meetings");

    let groups = roster::groups(&vault, today()).unwrap();
    for g in groups.iter().filter(|g| g.tier == roster::Tier::Subgroup) {
        assert_eq!(g.chairs.len(), 1, "{} has a community chair", g.name);
        assert!(
            !g.police_contacts.is_empty(),
            "{} has a police SPOC",
            g.name
        );
    }
    let all = meetings::list(&vault, now()).unwrap();
    assert!(all.iter().any(|m| m.upcoming) && all.iter().any(|m| !m.upcoming));
}

#[test]
fn removing_the_demo_spares_real_records() {
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
    iag_desk_core::storage::insert_member_for_tests(&vault, "Real Person Who Stays").unwrap();

    let removed = demo::remove(&mut vault).unwrap();
    assert!(removed > 100);
    let s = vault.status(now()).unwrap();
    assert!(!s.demo_loaded);
    assert_eq!(s.counts.groups_active, 0);
    let people = roster::people(&vault, PersonKind::Member, today()).unwrap();
    let names: Vec<_> = people.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(names, ["Real Person Who Stays"], "only demo rows go");

    // And the demo can come back afterwards.
    assert!(demo::load(&mut vault, today()).unwrap().added > 100);
}

#[test]
fn the_demo_has_minutes_with_every_kind_of_record() {
    use iag_desk_core::meetings::agenda::Confidentiality;
    use iag_desk_core::minutes::{actions, advice, record, AdviceResponse};
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
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
