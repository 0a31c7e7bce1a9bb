use crate::support::{agenda_pdf, demo_vault, export, now, page};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::confidentiality::Confidentiality;
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::ids::{GroupId, MeetingId};
use iag_desk_core::meetings::agenda::{standard_template, ItemDraft};
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::vocabulary::{AttendanceMode, Capacity, MeetingStatus};
use iag_desk_core::Vault;

fn group(vault: &Vault, name: &str) -> GroupId {
    crate::support::group_named(vault, name)
}

fn form(group: GroupId) -> MeetingForm {
    MeetingForm {
        group_id: group.0,
        date: "09/12/2026".into(),
        time: "18:30".into(),
        venue: "Marlow Fen Community Centre, Mill Lane".into(),
        ..Default::default()
    }
}

fn new_meeting(vault: &mut Vault, name: &str) -> MeetingId {
    let g = group(vault, name);
    plan::create(vault, &form(g)).unwrap()
}

#[test]
fn a_new_meeting_starts_from_the_standard_agenda_with_the_roster_expected() {
    let (_t, mut vault) = demo_vault();
    let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.when, "9 December 2026, 18:30");
    assert_eq!(m.items.len(), 12);
    assert_eq!(m.items[0].starts, "18:30");
    assert_eq!(m.items[1].starts, "18:35", "after the 5-minute welcome");
    assert_eq!(m.items.last().unwrap().number, "12");
    assert_eq!(m.overrun_minutes, None);
    let members = m
        .register
        .iter()
        .filter(|r| r.capacity == iag_desk_core::vocabulary::Capacity::Member)
        .count();
    assert_eq!(members, 9, "the group's current members are expected");
    assert!(
        m.register.iter().any(|r| r.name == "Gareth Lloyd"),
        "the police contact is expected, in attendance"
    );
    assert!(!m.quorum.quorate, "nobody is marked present yet");
}

#[test]
fn a_groups_own_template_is_used_for_its_next_meeting() {
    let (_t, mut vault) = demo_vault();
    let g = group(&vault, "LGBT+ Subgroup");
    let mut t = standard_template();
    t.truncate(3);
    t.push(ItemDraft {
        title: "Pride policing debrief".into(),
        minutes: 30,
        ..Default::default()
    });
    t.push(ItemDraft {
        title: "Hate crime figures".into(),
        depth: 1,
        minutes: 10,
        ..Default::default()
    });
    plan::save_template(&mut vault, g, &t).unwrap();
    let id = plan::create(&mut vault, &form(g)).unwrap();
    let m = plan::detail(&vault, id).unwrap();
    let numbers: Vec<_> = m.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "4.1"]);
    assert_eq!(m.items[4].title, "Hate crime figures");
    assert_eq!(
        m.items[4].starts, "19:10",
        "5 + 2 + 3 + 30 minutes after 18:30"
    );
}

#[test]
fn bad_meeting_details_are_named_and_nothing_is_created() {
    let (_t, mut vault) = demo_vault();
    let before = iag_desk_core::meetings::list(&vault, now()).unwrap().len();
    let g = group(&vault, "Marlow Fen Local IAG");
    let bad = MeetingForm {
        date: "31/02/2027".into(),
        time: "25:00".into(),
        venue: "".into(),
        ..form(g)
    };
    let err = plan::create(&mut vault, &bad).unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["date", "time", "venue"]);
    assert_eq!(
        iag_desk_core::meetings::list(&vault, now()).unwrap().len(),
        before
    );
}

#[test]
fn an_overrunning_agenda_is_flagged() {
    let (_t, mut vault) = demo_vault();
    let g = group(&vault, "Marlow Fen Local IAG");
    let id = plan::create(
        &mut vault,
        &MeetingForm {
            duration_minutes: "90".into(),
            ..form(g)
        },
    )
    .unwrap();
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.total_minutes, 117);
    assert_eq!(m.overrun_minutes, Some(27));
}

#[test]
fn agreement_by_chair_and_police_and_an_edit_clears_it() {
    let (_t, mut vault) = demo_vault();
    let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
    plan::agree(&mut vault, id, "chair", "Siobhán Ní Bhriain", now()).unwrap();
    assert_eq!(
        plan::detail(&vault, id).unwrap().status,
        MeetingStatus::Planned,
        "one agreement is not enough"
    );
    plan::agree(&mut vault, id, "police", "Inspector Gareth Lloyd", now()).unwrap();
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.status, MeetingStatus::AgendaAgreed);
    assert_eq!(
        m.police_agreed.as_ref().unwrap().at,
        "23 November 2026, 12:00"
    );

    let mut drafts: Vec<ItemDraft> = m.items.iter().map(|i| i.draft.clone()).collect();
    drafts[6].title = "Scrutiny: stop and search in the town centre".into();
    let saved = plan::save_agenda(&mut vault, id, &drafts).unwrap();
    assert!(saved.agreement_cleared);
    assert!(
        saved.message.contains("clears the agreement"),
        "{}",
        saved.message
    );
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.status, MeetingStatus::Planned);
    assert!(m.chair_agreed.is_none() && m.police_agreed.is_none());
    assert!(
        !plan::save_agenda(&mut vault, id, &drafts)
            .unwrap()
            .agreement_cleared,
        "nothing left to clear"
    );
}

#[test]
fn a_meeting_is_rescheduled_but_stays_with_its_group_and_approved_minutes_lock_it() {
    let (_t, mut vault) = demo_vault();
    let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
    plan::agree(&mut vault, id, "chair", "Siobhán Ní Bhriain", now()).unwrap();
    let mut later = form(group(&vault, "Marlow Fen Local IAG"));
    later.time = "19:00".into();
    later.venue = "Marlow Fen Library, Room 2".into();
    let saved = plan::update_details(&mut vault, id, &later).unwrap();
    assert!(saved.agreement_cleared, "the agreed timings no longer hold");
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.when, "9 December 2026, 19:00");
    assert_eq!(m.venue, "Marlow Fen Library, Room 2");
    assert_eq!(m.items[0].starts, "19:00", "the agenda's times follow");
    assert!(m.chair_agreed.is_none());

    let elsewhere = form(group(&vault, "LGBT+ Subgroup"));
    let err = plan::update_details(&mut vault, id, &elsewhere).unwrap_err();
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["group_id"], "{err}");
    assert_eq!(
        plan::detail(&vault, id).unwrap().group_name,
        "Marlow Fen Local IAG"
    );

    let approved = iag_desk_core::meetings::list(&vault, now())
        .unwrap()
        .into_iter()
        .find(|m| m.status == MeetingStatus::MinutesApproved)
        .expect("the demo has approved minutes");
    let before = plan::detail(&vault, approved.id).unwrap();
    let mut moved = form(approved.group_id);
    moved.date = "01/01/2027".into();
    let err = plan::update_details(&mut vault, approved.id, &moved).unwrap_err();
    assert_eq!(err.kind(), iag_desk_core::ErrorKind::Conflict, "{err}");
    assert!(err.to_string().contains("approved"), "{err}");
    assert_eq!(plan::detail(&vault, approved.id).unwrap().when, before.when);
}

/// The one holding `role` in `group` today, from the roster.
fn holder(vault: &Vault, group: GroupId, role: &str) -> iag_desk_core::ids::PersonId {
    iag_desk_core::roster::members::search(
        vault,
        &iag_desk_core::roster::members::MemberQuery {
            group: Some(group),
            role: role.into(),
            ..Default::default()
        },
        crate::support::today(),
    )
    .unwrap()[0]
        .id
}

#[test]
fn the_register_keeps_roles_remote_items_secretariat_the_minute_taker_and_who_chaired() {
    let (_t, mut vault) = demo_vault();
    let g = group(&vault, "Marlow Fen Local IAG");
    let id = plan::create(&mut vault, &form(g)).unwrap();
    let vice = holder(&vault, g, "vice_chair");
    let m = plan::detail(&vault, id).unwrap();
    let line_of = |m: &plan::MeetingDetail, person| {
        m.register
            .iter()
            .find(|r| r.person_id == Some(person))
            .unwrap()
            .clone()
    };
    let members: Vec<_> = m
        .register
        .iter()
        .filter(|r| r.capacity == Capacity::Member)
        .map(|r| (r.person_id.unwrap(), r.name.clone()))
        .collect();
    let (remote, remote_name) = members.iter().find(|(p, _)| *p != vice).unwrap().clone();
    let (secretary, secretary_name) = members
        .iter()
        .find(|(p, _)| *p != vice && *p != remote)
        .unwrap()
        .clone();
    for p in [vice, remote, secretary] {
        plan::set_presence(&mut vault, id, p, "present", None, None).unwrap();
    }
    let remote_line = line_of(&m, remote).line;
    plan::set_line(
        &mut vault,
        id,
        remote_line,
        &plan::LineForm {
            mode: "remote".into(),
            ..Default::default()
        },
    )
    .unwrap();
    plan::set_line(
        &mut vault,
        id,
        line_of(&m, secretary).line,
        &plan::LineForm {
            capacity: "secretariat".into(),
            role: "Secretary to the group".into(),
            takes_minutes: true,
            ..Default::default()
        },
    )
    .unwrap();
    plan::add_guest(
        &mut vault,
        id,
        &plan::GuestForm {
            name: "Ayesha Rahman".into(),
            details: plan::LineForm {
                role: "Community Safety Officer, Fenwold District Council".into(),
                for_items: "2".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    plan::add_guest(
        &mut vault,
        id,
        &plan::GuestForm {
            anonymous: true,
            details: plan::LineForm {
                role: "A psychologist".into(),
                for_items: "3-4".into(),
                mode: "remote".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    plan::set_chair(&mut vault, id, Some(vice)).unwrap();

    // Back through the window's view.
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.chair, Some(vice));
    assert!(line_of(&m, vice).in_the_chair);
    assert_eq!(line_of(&m, remote).mode, AttendanceMode::Remote);
    let sec = line_of(&m, secretary);
    assert_eq!(
        (sec.capacity, sec.role.as_str(), sec.takes_minutes),
        (Capacity::Secretariat, "Secretary to the group", true)
    );
    let guest = m
        .register
        .iter()
        .find(|r| r.name == "Ayesha Rahman")
        .unwrap();
    assert_eq!(guest.for_items.as_deref(), Some("for item 2"));
    assert_eq!(guest.form.for_items, "2");
    let anonymous = m.register.iter().find(|r| r.anonymous).unwrap();
    assert_eq!(
        (anonymous.name.as_str(), anonymous.role.as_str()),
        ("", "A psychologist")
    );
    assert!(
        !m.quorum.summary.contains(" 3 members present"),
        "the secretariat is not counted: {}",
        m.quorum.summary
    );

    // And in the minutes, PDF and web page alike.
    let vice_name = line_of(&m, vice).name;
    let pdf = crate::support::pdf_text(&crate::support::minutes_pdf(&vault, id, Audience::Public));
    let page = page(export(
        &vault,
        Request::Minutes {
            meeting: id,
            audience: Audience::Public,
            format: Format::Html,
        },
    ));
    // The page's text as read: its tags taken out.
    let mut read = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => read.push(c),
            _ => {}
        }
    }
    for text in [&pdf, &read] {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for wanted in [
            format!("Present: {vice_name} (Vice Chair) in the chair"),
            format!("{remote_name} (remote)"),
            "Ayesha Rahman, Community Safety Officer, Fenwold District Council (for item 2)".into(),
            "A psychologist (for items 3–4, remote)".into(),
            format!("Secretariat: {secretary_name}, Secretary to the group"),
            format!("Minutes taken by: {secretary_name}"),
        ] {
            assert!(flat.contains(&wanted), "{wanted:?} missing from:\n{flat}");
        }
    }
}

#[test]
fn a_group_publishing_counts_names_no_member_in_its_public_minutes_and_the_annex_names_them() {
    let (_t, mut vault) = demo_vault();
    let g = group(&vault, "Marlow Fen Local IAG");
    let mut settings = iag_desk_core::roster::groups::group_form(&vault, g).unwrap();
    settings.public_attendance = "counts".into();
    iag_desk_core::roster::groups::update_group(&mut vault, g, &settings, crate::support::today())
        .unwrap();
    assert_eq!(
        iag_desk_core::roster::groups::group_form(&vault, g)
            .unwrap()
            .public_attendance,
        "counts"
    );
    let held: Vec<_> = iag_desk_core::meetings::list(&vault, now())
        .unwrap()
        .into_iter()
        .filter(|m| m.group_id == g && !m.upcoming && m.status != MeetingStatus::Planned)
        .collect();
    assert!(!held.is_empty());
    for m in held {
        let detail = plan::detail(&vault, m.id).unwrap();
        let members: Vec<String> = detail
            .register
            .iter()
            .filter(|r| r.roster_member)
            .map(|r| r.name.clone())
            .collect();
        let present = detail
            .register
            .iter()
            .filter(|r| {
                r.capacity == Capacity::Member
                    && r.presence == iag_desk_core::vocabulary::Presence::Present
            })
            .count();
        let pdf = crate::support::minutes_pdf(&vault, m.id, Audience::Public);
        let public = [
            crate::support::pdf_text(&pdf),
            crate::support::pdf_info(&pdf),
            page(export(
                &vault,
                Request::Minutes {
                    meeting: m.id,
                    audience: Audience::Public,
                    format: Format::Html,
                },
            )),
        ];
        for text in &public {
            for name in &members {
                let at = text.find(name.as_str());
                assert!(
                    at.is_none(),
                    "{name} named in the public minutes of {}: …{}…",
                    m.when,
                    at.map(|i| text[i.saturating_sub(120)..]
                        .chars()
                        .take(240)
                        .collect::<String>())
                        .unwrap_or_default()
                );
            }
        }
        let flat = public[0].split_whitespace().collect::<Vec<_>>().join(" ");
        if present > 0 {
            assert!(
                flat.contains(&format!("Present: {present} member")),
                "{flat}"
            );
        }
        let annex = crate::support::pdf_text(&crate::support::minutes_pdf(
            &vault,
            m.id,
            Audience::Members,
        ));
        for name in members.iter().take(3) {
            assert!(annex.contains(name.as_str()), "the annex names {name}");
        }
    }
}

#[test]
fn register_contradictions_are_refused_with_the_field_and_nothing_changes() {
    let (_t, mut vault) = demo_vault();
    let g = group(&vault, "Marlow Fen Local IAG");
    let id = plan::create(&mut vault, &form(g)).unwrap();
    let before = plan::detail(&vault, id).unwrap();
    let refused = |e: iag_desk_core::Error| {
        e.problems()
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect::<Vec<_>>()
    };
    let err = plan::add_guest(
        &mut vault,
        id,
        &plan::GuestForm {
            name: "Cllr Tom Brennan".into(),
            details: plan::LineForm {
                for_items: "13".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        refused(err),
        ["for_items: there is no item 13 on this agenda (its items run from 1 to 12)."]
    );
    let err = plan::add_guest(
        &mut vault,
        id,
        &plan::GuestForm {
            name: "Named Person".into(),
            anonymous: true,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(refused(err).len(), 2, "a name, and no role");
    let police = before
        .register
        .iter()
        .find(|r| r.capacity == Capacity::InAttendance)
        .unwrap();
    let err = plan::set_line(
        &mut vault,
        id,
        police.line,
        &plan::LineForm {
            capacity: "member".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        refused(err),
        ["capacity: a police contact is in attendance, never a member."]
    );
    let absent = before.register[0].person_id.unwrap();
    let err = plan::set_chair(&mut vault, id, Some(absent)).unwrap_err();
    assert_eq!(
        refused(err),
        ["chair: the chair is a member marked present at this meeting."]
    );
    let after = plan::detail(&vault, id).unwrap();
    assert_eq!(after.register.len(), before.register.len());
    assert_eq!(after.chair, None);
    assert_eq!(
        after.register.iter().map(|r| &r.form).collect::<Vec<_>>(),
        before.register.iter().map(|r| &r.form).collect::<Vec<_>>()
    );
}

#[test]
fn a_confidential_item_without_a_reason_is_refused_and_nothing_changes() {
    let (_t, mut vault) = demo_vault();
    let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
    let before = plan::detail(&vault, id).unwrap();
    let mut drafts: Vec<ItemDraft> = before.items.iter().map(|i| i.draft.clone()).collect();
    drafts[7].confidentiality = "confidential".into();
    let err = plan::save_agenda(&mut vault, id, &drafts).unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["item 8.public_title", "item 8.reason"]);
    assert_eq!(
        plan::detail(&vault, id).unwrap().items[7].confidentiality,
        Confidentiality::Open
    );

    drafts[7].public_title = "Community tensions (confidential)".into();
    drafts[7].reason = "community_tension".into();
    plan::save_agenda(&mut vault, id, &drafts).unwrap();
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(
        m.items[7].reason.as_deref(),
        Some("Community-tension intelligence")
    );
}

#[test]
fn the_quorum_follows_the_register() {
    let (_t, mut vault) = demo_vault();
    let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
    let m = plan::detail(&vault, id).unwrap();
    assert_eq!(m.quorum.needed, 3, "1/3 of 9 members");
    let members: Vec<_> = m
        .register
        .iter()
        .filter(|r| r.capacity == iag_desk_core::vocabulary::Capacity::Member)
        .filter_map(|r| r.person_id)
        .collect();
    for p in &members[..2] {
        plan::set_presence(&mut vault, id, *p, "present", None, None).unwrap();
    }
    let police = m
        .register
        .iter()
        .find(|r| r.name == "Gareth Lloyd")
        .unwrap()
        .person_id
        .unwrap();
    plan::set_presence(&mut vault, id, police, "present", None, None).unwrap();
    assert!(
        !plan::detail(&vault, id).unwrap().quorum.quorate,
        "the inspector does not count"
    );
    plan::set_presence(&mut vault, id, members[2], "present", None, None).unwrap();
    let q = plan::detail(&vault, id).unwrap().quorum;
    assert!(q.quorate, "{}", q.summary);
    assert_eq!(
        q.summary,
        "Quorate: 3 members present, 3 needed (1/3 of members (3 of 9))."
    );
    let err = plan::set_presence(&mut vault, id, members[3], "here", None, None).unwrap_err();
    assert!(err.to_string().contains("choose expected, present"));
}

#[test]
fn groups_due_to_meet_and_proposed_dates() {
    let (_t, vault) = demo_vault();
    let due = plan::due(&vault, now()).unwrap();
    let overdue: Vec<_> = due
        .iter()
        .filter(|g| g.days_overdue > 0)
        .map(|g| g.group_name.as_str())
        .collect();
    assert_eq!(
        overdue,
        ["Young People's Subgroup"],
        "the demo's one lapsed group, listed first"
    );
    assert_eq!(due[0].proposals.len(), 3, "with three dates to propose");
    assert!(
        due[0].proposals.iter().all(|p| p.contains("17:00")),
        "at the group's usual time: {:?}",
        due[0].proposals
    );
    // A year on with nothing planned, every group is overdue, with dates to propose.
    let later = now() + chrono::Duration::days(365);
    let due = plan::due(&vault, later).unwrap();
    assert!(due.iter().all(|g| g.days_overdue > 0));
    assert_eq!(due[0].proposals.len(), 3);
}

mod handover {
    use super::*;
    use iag_desk_core::confidentiality::Audience;
    use iag_desk_core::meetings::handover;

    fn prepared(vault: &mut Vault) -> MeetingId {
        let id = new_meeting(vault, "Marlow Fen Local IAG");
        let m = plan::detail(vault, id).unwrap();
        let mut drafts: Vec<ItemDraft> = m.items.iter().map(|i| i.draft.clone()).collect();
        drafts[7].confidentiality = "confidential".into();
        drafts[7].public_title = "Community tensions (confidential)".into();
        drafts[7].reason = "community_tension".into();
        drafts[5].presenter_text = "Inspector Gareth Lloyd".into();
        plan::save_agenda(vault, id, &drafts).unwrap();
        let someone = m
            .register
            .iter()
            .find(|r| r.name == "ਹਰਪ੍ਰੀਤ ਕੌਰ")
            .unwrap()
            .person_id
            .unwrap();
        plan::set_presence(vault, id, someone, "apologies", None, None).unwrap();
        id
    }

    #[test]
    fn a_meeting_travels_to_another_laptop_and_back_without_duplicating() {
        let (_a, mut chair) = demo_vault();
        let id = prepared(&mut chair);
        let json = handover::export(&chair, id, Audience::Members).unwrap();
        assert!(json.contains("\"format\": \"iag-desk.meeting\""));

        let (_b, mut secretary) = demo_vault();
        let before = iag_desk_core::meetings::list(&secretary, now())
            .unwrap()
            .len();
        let first = handover::import(&mut secretary, &json, now()).unwrap();
        assert!(!first.updated);
        assert_eq!((first.items, first.attendees), (12, 10));
        let m = plan::detail(&secretary, first.meeting).unwrap();
        assert_eq!(m.when, "9 December 2026, 18:30");
        assert_eq!(
            m.items[7].reason.as_deref(),
            Some("Community-tension intelligence")
        );
        assert_eq!(m.items[5].presenter, "Inspector Gareth Lloyd");
        assert_eq!(
            m.register
                .iter()
                .find(|r| r.name == "ਹਰਪ੍ਰੀਤ ਕੌਰ")
                .unwrap()
                .presence_label,
            "Apologies"
        );

        // Importing it again updates the same meeting.
        let again = handover::import(&mut secretary, &json, now()).unwrap();
        assert!(again.updated);
        assert_eq!(again.meeting, first.meeting);
        assert_eq!(
            iag_desk_core::meetings::list(&secretary, now())
                .unwrap()
                .len(),
            before + 1,
            "no duplicate"
        );

        // And back: the secretary's export imports onto the chair's meeting.
        let back = handover::export(&secretary, first.meeting, Audience::Members).unwrap();
        assert!(handover::import(&mut chair, &back, now()).unwrap().updated);
    }

    #[test]
    fn every_problem_is_reported_with_its_json_path_and_nothing_is_imported() {
        let (_a, mut chair) = demo_vault();
        let id = prepared(&mut chair);
        let mut file: serde_json::Value =
            serde_json::from_str(&handover::export(&chair, id, Audience::Members).unwrap())
                .unwrap();
        file["meeting"]["group"] = "Atlantis IAG".into();
        file["meeting"]["time"] = "7pm".into();
        file["meeting"]["agenda"][2]["title"] = "".into();
        file["meeting"]["agenda"][7]["reason"] = "".into();
        file["meeting"]["attendance"][0]["name"] = "Nobody Known".into();
        file["meeting"]["attendance"][0]["capacity"] = "member".into();
        file["meeting"]["attendance"][1]["presence"] = "maybe".into();
        file["meeting"]["chair_agreed"] = serde_json::json!({ "by": " ", "at": "yesterday" });
        let (_b, mut secretary) = demo_vault();
        let before = iag_desk_core::meetings::list(&secretary, now())
            .unwrap()
            .len();
        let err = handover::import(&mut secretary, &file.to_string(), now()).unwrap_err();
        let paths: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
        for expected in [
            "meeting.group",
            "meeting.time",
            "meeting.agenda[2].title",
            "meeting.agenda[7].reason",
            "meeting.attendance[0].name",
            "meeting.attendance[1].presence",
            "meeting.chair_agreed.by",
            "meeting.chair_agreed.at",
        ] {
            assert!(paths.contains(&expected), "missing {expected} in {paths:?}");
        }
        assert_eq!(
            iag_desk_core::meetings::list(&secretary, now())
                .unwrap()
                .len(),
            before,
            "all or nothing"
        );
    }

    #[test]
    fn a_person_twice_on_the_register_or_a_guest_beyond_the_agenda_is_refused_by_path() {
        let (_a, mut chair) = demo_vault();
        let id = prepared(&mut chair);
        let mut file: serde_json::Value =
            serde_json::from_str(&handover::export(&chair, id, Audience::Members).unwrap())
                .unwrap();
        let attendance = file["meeting"]["attendance"].as_array_mut().unwrap();
        let mut twice = attendance[0].clone();
        twice["presence"] = "apologies".into();
        attendance.push(twice);
        attendance.push(serde_json::json!({
            "name": "Cllr Tom Brennan", "capacity": "in_attendance", "presence": "present",
            "for_items": [11, 12]
        }));
        let last = attendance.len() - 1;
        let (_b, mut secretary) = demo_vault();
        let before = iag_desk_core::meetings::list(&secretary, now())
            .unwrap()
            .len();
        let err = handover::import(&mut secretary, &file.to_string(), now()).unwrap_err();
        let problems: Vec<String> = err
            .problems()
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        assert!(
            problems.iter().any(|p| p
                .starts_with(&format!("meeting.attendance[{}].name: ", last - 1))
                && p.contains("already on the register at meeting.attendance[0]")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with(&format!(
                "meeting.attendance[{last}].for_items[1]: item position 12 is not on this agenda"
            ))),
            "{problems:?}"
        );
        assert_eq!(
            iag_desk_core::meetings::list(&secretary, now())
                .unwrap()
                .len(),
            before,
            "nothing imported"
        );
    }

    /// The register, who chaired, the minutes, papers, approval and the
    /// updates to earlier actions travel whole: for every demo meeting,
    /// export, import into another laptop's vault (the same demo roster)
    /// and export again gives the same file, and the public minutes and the
    /// members' annex read the same on both laptops.
    #[test]
    fn every_demo_meeting_travels_to_another_laptop_and_back_unchanged() {
        use crate::support::{minutes_pdf, pdf_text};
        let (_a, chair) = demo_vault();
        let (_b, mut secretary) = demo_vault();
        let meetings = iag_desk_core::meetings::list(&chair, now()).unwrap();
        assert!(meetings.len() > 20);
        let (mut with_details, mut with_agreements, mut with_papers) = (0, 0, 0);
        let (mut approved, mut with_updates) = (0, 0);
        for m in meetings {
            let json = handover::export(&chair, m.id, Audience::Members).unwrap();
            with_details += usize::from(json.contains("\"takes_minutes\": true"));
            with_agreements += usize::from(json.contains("\"police_agreed\""));
            let file: handover::HandOver = serde_json::from_str(&json).unwrap();
            with_papers += usize::from(file.meeting.papers.as_ref().is_some_and(|p| !p.is_empty()));
            approved += usize::from(file.meeting.approval.is_some());
            with_updates += usize::from(
                file.meeting
                    .action_updates
                    .as_ref()
                    .is_some_and(|u| !u.is_empty()),
            );
            let here = handover::import(&mut secretary, &json, now())
                .unwrap_or_else(|e| panic!("{} {}: {e} {:?}", m.group_name, m.when, e.problems()));
            let back = handover::export(&secretary, here.meeting, Audience::Members).unwrap();
            assert_eq!(json, back, "{} {}", m.group_name, m.when);
            for audience in [Audience::Public, Audience::Members] {
                assert_eq!(
                    pdf_text(&minutes_pdf(&chair, m.id, audience)),
                    pdf_text(&minutes_pdf(&secretary, here.meeting, audience)),
                    "{audience:?} minutes of {} {}",
                    m.group_name,
                    m.when
                );
            }
            let status = |v: &Vault, id| {
                iag_desk_core::meetings::list(v, now())
                    .unwrap()
                    .into_iter()
                    .find(|x| x.id == id)
                    .unwrap()
                    .status
            };
            // "Held" is the demo's own mark for a past meeting without
            // minutes (nothing in the app sets it), and does not travel.
            if m.status != MeetingStatus::Held {
                assert_eq!(
                    status(&secretary, here.meeting),
                    m.status,
                    "{} {}",
                    m.group_name,
                    m.when
                );
            }
        }
        assert!(with_agreements > 0, "agreed agendas travel too");
        assert!(
            with_details >= 3,
            "the demo's held meetings carry their register details: {with_details}"
        );
        assert!(with_papers > 0, "the demo's papers travel");
        assert!(approved >= 2, "the demo's approvals travel: {approved}");
        assert!(with_updates > 0, "the demo's action updates travel");
    }

    #[test]
    fn a_file_that_is_not_json_says_where() {
        let (_t, mut vault) = demo_vault();
        let err = handover::import(
            &mut vault,
            "{\n  \"format\": \"iag-desk.meeting\",\n  oops\n}",
            now(),
        )
        .unwrap_err();
        assert!(
            err.problems()[0].field.starts_with("line 3"),
            "{:?}",
            err.problems()
        );
        let err = handover::import(&mut vault, r#"{"format":"x","version":9,"meeting":{"id":"a","group":"g","date":"","time":"","duration_minutes":1}}"#, now()).unwrap_err();
        let paths: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
        assert!(
            paths.contains(&"format") && paths.contains(&"version"),
            "{paths:?}"
        );
    }
}

mod agenda_pdf {
    use super::*;

    const CANARY: &str = "CANARY stop of a named boy outside the mosque";

    fn pdftotext(pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) must be installed");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    fn meeting_with_secret(vault: &mut Vault) -> MeetingId {
        let id = new_meeting(vault, "Marlow Fen Local IAG");
        let m = plan::detail(vault, id).unwrap();
        let mut drafts: Vec<ItemDraft> = m.items.iter().map(|i| i.draft.clone()).collect();
        drafts[7].title = CANARY.into();
        drafts[7].purpose = format!("{CANARY} (purpose)");
        drafts[7].presenter_text = "CANARY presenter".into();
        drafts[7].confidentiality = "confidential".into();
        drafts[7].public_title = "A matter concerning an individual".into();
        drafts[7].reason = "about_an_individual".into();
        plan::save_agenda(vault, id, &drafts).unwrap();
        for guest in ["রাজিয়া বেগম", "प्रिया शर्मा", "陈美玲", "عمران قریشی"]
        {
            let guest = plan::GuestForm {
                name: guest.into(),
                ..Default::default()
            };
            plan::add_guest(vault, id, &guest).unwrap();
        }
        id
    }

    #[test]
    fn the_agenda_pdf_lists_every_item_in_order_and_no_confidential_text() {
        let (_t, mut vault) = demo_vault();
        let id = meeting_with_secret(&mut vault);
        let pdf = agenda_pdf(&vault, id);
        if let Ok(dir) = std::env::var("IAG_DESK_KEEP_PDF") {
            std::fs::write(std::path::Path::new(&dir).join("agenda.pdf"), &pdf).unwrap();
        }
        let text = pdftotext(&pdf);
        assert!(
            !text.contains("CANARY"),
            "confidential text reached the public agenda:\n{text}"
        );
        assert!(
            !String::from_utf8_lossy(&pdf).contains("CANARY"),
            "nor the PDF's bytes or metadata"
        );
        let mut at = 0;
        for title in [
            "Welcome, introductions",
            "Apologies for absence",
            "Action log",
            "Police update",
            "Scrutiny items",
            "A matter concerning an individual",
            "Subgroup and local group reports",
            "Date of next meeting",
        ] {
            let found = text[at..]
                .find(title)
                .unwrap_or_else(|| panic!("{title} missing or out of order:\n{text}"));
            at += found;
        }
        assert!(text.contains("Information about an"), "the reason is shown");
        assert!(
            text.contains("OFFICIAL") && text.contains("Page 1 of"),
            "marking and page numbers"
        );
        for name in [
            "Siobhán Ní Bhriain",
            "Łukasz Nowakowski",
            "ਹਰਪ੍ਰੀਤ ਕੌਰ",
            "فاطمة الزهراء حسن",
            "রাজিয়া বেগম",
            "प्रिया शर्मा",
            "陈美玲",
            "عمران قریشی",
        ] {
            assert!(
                text.contains(name),
                "{name} must be extractable from the agenda:\n{text}"
            );
        }
    }

    #[test]
    fn the_agenda_web_page_passes_the_checks_names_every_script_and_hides_the_secret() {
        let (_t, mut vault) = demo_vault();
        let id = meeting_with_secret(&mut vault);
        let html = page(export(
            &vault,
            Request::Agenda {
                meeting: id,
                format: Format::Html,
            },
        ));
        crate::support::checked_html("agenda.html", &html);
        assert!(
            !html.contains("CANARY"),
            "confidential text reached the agenda's web page:\n{html}"
        );
        assert!(html.contains("A matter concerning an individual"));
        assert!(
            html.contains("<th scope=\"col\">Item</th>"),
            "the items are a table with column headers"
        );
        for (name, lang) in [
            ("ਹਰਪ੍ਰੀਤ ਕੌਰ", "und-Guru"),
            ("فاطمة الزهراء حسن", "und-Arab"),
            ("রাজিয়া বেগম", "und-Beng"),
            ("प्रिया शर्मा", "und-Deva"),
            ("陈美玲", "und-Hani"),
            ("عمران قریشی", "und-Arab"),
        ] {
            crate::support::assert_tagged(&html, name, lang);
        }
        for name in ["Siobhán Ní Bhriain", "Łukasz Nowakowski"] {
            assert!(
                html.contains(name),
                "{name}, in Latin script, reads in the page's language"
            );
        }
    }

    #[test]
    fn the_sign_in_sheet_has_everyone_and_blank_rows() {
        let (_t, mut vault) = demo_vault();
        let id = meeting_with_secret(&mut vault);
        let pdf = export(&vault, Request::SignIn { meeting: id }).bytes;
        if let Ok(dir) = std::env::var("IAG_DESK_KEEP_PDF") {
            std::fs::write(std::path::Path::new(&dir).join("signin.pdf"), &pdf).unwrap();
        }
        let text = pdftotext(&pdf);
        assert!(
            text.contains("Signature") && text.contains("Gareth Lloyd") && text.contains("陈美玲")
        );
        assert!(!text.contains("CANARY"));
        assert_eq!(
            text.matches("Guest").count(),
            8 + 1,
            "eight blank rows, and the hint"
        );
    }
}

mod papers {
    use super::*;

    #[test]
    fn papers_stay_with_their_item_when_the_agenda_is_reordered() {
        let (_t, mut vault) = demo_vault();
        let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
        let m = plan::detail(&vault, id).unwrap();
        let scrutiny = m.items[6].id;
        plan::attach_paper(
            &mut vault,
            id,
            scrutiny,
            "/home/chair/Papers/stop-search-q3.pdf",
            b"%PDF-1.7 figures",
            now(),
        )
        .unwrap();
        // Move scrutiny to the top and save.
        let mut drafts: Vec<ItemDraft> = m.items.iter().map(|i| i.draft.clone()).collect();
        let moved = drafts.remove(6);
        drafts.insert(0, moved);
        plan::save_agenda(&mut vault, id, &drafts).unwrap();
        let m = plan::detail(&vault, id).unwrap();
        assert_eq!(m.items[0].title, "Scrutiny items");
        assert_eq!(m.items[0].papers.len(), 1, "the paper moved with its item");
        assert_eq!(
            m.items[0].papers[0].file_name, "stop-search-q3.pdf",
            "the file's own name, not its folder"
        );
        let (name, bytes) = plan::paper(&vault, id, m.items[0].papers[0].id).unwrap();
        assert_eq!(
            (name.as_str(), bytes.as_slice()),
            ("stop-search-q3.pdf", &b"%PDF-1.7 figures"[..])
        );
        // Removing the item removes its papers.
        drafts.remove(0);
        plan::save_agenda(&mut vault, id, &drafts).unwrap();
        assert!(plan::detail(&vault, id)
            .unwrap()
            .items
            .iter()
            .all(|i| i.papers.is_empty()));
    }

    #[test]
    fn the_agenda_lists_papers_of_open_items_only_and_a_paper_clears_agreement() {
        let (_t, mut vault) = demo_vault();
        let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
        let m = plan::detail(&vault, id).unwrap();
        let mut drafts: Vec<ItemDraft> = m.items.iter().map(|i| i.draft.clone()).collect();
        drafts[7].confidentiality = "confidential".into();
        drafts[7].public_title = "A confidential matter".into();
        drafts[7].reason = "live_investigation".into();
        plan::save_agenda(&mut vault, id, &drafts).unwrap();
        plan::agree(&mut vault, id, "chair", "Siobhán Ní Bhriain", now()).unwrap();
        let saved = plan::attach_paper(
            &mut vault,
            id,
            m.items[5].id,
            "police-update.pdf",
            b"x",
            now(),
        )
        .unwrap();
        assert!(saved.agreement_cleared, "a new paper changes the agenda");
        plan::attach_paper(
            &mut vault,
            id,
            m.items[7].id,
            "CANARY-witness-statement.pdf",
            b"x",
            now(),
        )
        .unwrap();
        let view =
            iag_desk_core::meetings::papers::public_agenda(&plan::detail(&vault, id).unwrap());
        assert_eq!(view.items[5].papers, ["police-update.pdf"]);
        assert!(
            view.items[7].papers.is_empty(),
            "a confidential item's file names stay private"
        );
        let pdf = agenda_pdf(&vault, id);
        assert!(!String::from_utf8_lossy(&pdf).contains("CANARY"));
    }

    #[test]
    fn an_oversized_or_misplaced_paper_is_refused() {
        let (_t, mut vault) = demo_vault();
        let id = new_meeting(&mut vault, "Marlow Fen Local IAG");
        let other = new_meeting(&mut vault, "Brackenford Local IAG");
        let item = plan::detail(&vault, id).unwrap().items[0].id;
        let big = vec![0u8; plan::MAX_PAPER_BYTES + 1];
        let err = plan::attach_paper(&mut vault, id, item, "video.mp4", &big, now()).unwrap_err();
        assert!(
            err.to_string().contains("papers can be at most 25 MB"),
            "{err}"
        );
        let err = plan::attach_paper(&mut vault, other, item, "x.pdf", b"x", now()).unwrap_err();
        assert!(
            err.to_string().contains("not found"),
            "an item of another meeting: {err}"
        );
    }
}
