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
    // One more member came, then left before the first item.
    let (early, early_name) = members
        .iter()
        .find(|(p, _)| ![vice, remote, secretary].contains(p))
        .unwrap()
        .clone();
    plan::set_presence(&mut vault, id, early, "present", None, Some(0)).unwrap();

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
            format!("{early_name} (left prior to the meeting commencing)"),
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

    /// The window shows this before the user confirms an import (a file
    /// opened with a double click included): what the file holds, for
    /// which audience, and what it would change, with nothing written.
    #[test]
    fn the_import_check_says_what_a_file_holds_and_changes_and_writes_nothing() {
        let (_a, mut chair) = demo_vault();
        let id = prepared(&mut chair);
        let json = handover::export(&chair, id, Audience::Members).unwrap();

        let (b, mut secretary) = demo_vault();
        let before = b.data_files();
        let check = handover::check(&secretary, &json, now()).unwrap();
        assert!(before == b.data_files(), "a check writes nothing");
        assert_eq!(check.audience, "members");
        assert!(check.audience_label.contains("confidential"));
        assert_eq!(check.group, "Marlow Fen Local IAG");
        assert_eq!(check.when, "9 December 2026, 18:30");
        assert_eq!(check.updates, None);
        assert_eq!(
            check.holds[..2],
            [
                "12 agenda items, 1 of them confidential".to_string(),
                "10 lines on the register".to_string()
            ]
        );
        assert_eq!(
            check.changes,
            ["Adds a new meeting of Marlow Fen Local IAG on 9 December 2026, 18:30."]
        );
        // Counts and dates only: the confidential item's words stay out of
        // a screen that may be shown before anyone decides to import.
        let shown = serde_json::to_string(&check).unwrap();
        assert!(!shown.contains("Community tensions"), "{shown}");

        // The check passed, so the import does exactly that.
        let first = handover::import(&mut secretary, &json, now()).unwrap();
        let again = handover::check(&secretary, &json, now()).unwrap();
        assert_eq!(again.updates, Some(first.meeting));
        assert!(again.changes[0].starts_with("Updates the meeting of Marlow Fen Local IAG"));
        assert!(again
            .changes
            .contains(&"Replaces the agenda here (12 items) with the file’s (12 items).".into()));

        // A file the import would refuse is refused by the check, the same way.
        let mut bad: serde_json::Value = serde_json::from_str(&json).unwrap();
        bad["meeting"]["group"] = "Atlantis IAG".into();
        let refused = |e: iag_desk_core::Error| match e {
            iag_desk_core::Error::Rejected { problems } => problems,
            other => panic!("{other:?}"),
        };
        let by_check = refused(handover::check(&secretary, &bad.to_string(), now()).unwrap_err());
        let by_import =
            refused(handover::import(&mut secretary, &bad.to_string(), now()).unwrap_err());
        assert_eq!(format!("{by_check:?}"), format!("{by_import:?}"));
        assert_eq!(by_check[0].field, "meeting.group");
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
        let (mut responses, mut declared) = (0, 0);
        for m in meetings {
            let json = handover::export(&chair, m.id, Audience::Members).unwrap();
            with_details += usize::from(json.contains("\"takes_minutes\": true"));
            responses += json.matches("\"response\": ").count();
            declared += json.matches("\"declared\": true").count();
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
        assert!(
            responses >= 4,
            "the police responses to advice travel: {responses}"
        );
        assert!(declared >= 1, "declared votes travel: {declared}");
    }

    /// A guest who shares a name with someone on the roster stays a guest
    /// on the other laptop: the file says so, so the name is not matched.
    #[test]
    fn a_guest_sharing_a_members_name_stays_a_guest() {
        let (_a, mut chair) = demo_vault();
        let (_b, mut secretary) = demo_vault();
        let id = prepared(&mut chair);
        let namesake = plan::detail(&chair, id)
            .unwrap()
            .register
            .iter()
            .find(|r| r.capacity == Capacity::Member)
            .unwrap()
            .name
            .clone();
        plan::add_guest(
            &mut chair,
            id,
            &plan::GuestForm {
                name: namesake.clone(),
                details: plan::LineForm {
                    role: "Fenwold Youth Service".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .unwrap();
        let json = handover::export(&chair, id, Audience::Members).unwrap();
        assert!(json.contains("\"guest\": true"));
        let here = handover::import(&mut secretary, &json, now()).unwrap();
        let lines: Vec<_> = plan::detail(&secretary, here.meeting)
            .unwrap()
            .register
            .into_iter()
            .filter(|r| r.name == namesake)
            .map(|r| (r.person_id.is_some(), r.capacity))
            .collect();
        assert_eq!(
            lines,
            [(true, Capacity::Member), (false, Capacity::InAttendance)],
            "the member and the guest, each on their own line"
        );
        assert_eq!(
            json,
            handover::export(&secretary, here.meeting, Audience::Members).unwrap()
        );
    }

    /// A meeting's file imported again (the secretary corrected its
    /// minutes) keeps what later meetings reported on its actions: by the
    /// action's words, or by its place when the words were corrected; a
    /// file that drops such an action is refused and changes nothing.
    #[test]
    fn importing_a_meeting_again_keeps_later_reports_on_its_actions() {
        use iag_desk_core::minutes::{self, actions, EntryDraft};
        let (t, mut vault) = demo_vault();
        let g = group(&vault, "Brackenford Local IAG");
        let meeting_on = |vault: &mut Vault, date: &str| {
            plan::create(
                vault,
                &MeetingForm {
                    group_id: g.0,
                    date: date.into(),
                    time: "18:30".into(),
                    venue: "Brackenford Central Library, Meeting Room 2".into(),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let earlier = meeting_on(&mut vault, "13/10/2026");
        let later = meeting_on(&mut vault, "10/11/2026");
        let item = plan::detail(&vault, earlier).unwrap().items[5].id;
        let words = "Ask the district commander for the stop and search figures.";
        let action = minutes::save_entry(
            &mut vault,
            earlier,
            &EntryDraft {
                item_id: item,
                kind: "action".into(),
                text: words.into(),
                owner_text: "The chair".into(),
                due_on: "30/11/2026".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap()
        .id;
        minutes::save_entry(
            &mut vault,
            earlier,
            &EntryDraft {
                item_id: item,
                kind: "note".into(),
                text: "The inspector reported on burglary.".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
        actions::set_status(
            &mut vault,
            action,
            &actions::StatusForm {
                status: "done".into(),
                note: "The figures arrived.".into(),
                at_meeting_id: Some(later.0),
                changed_on: "10/11/2026".into(),
            },
            crate::support::today(),
        )
        .unwrap();
        let status_of = |vault: &Vault, text: &str| {
            actions::log(
                vault,
                &actions::ActionQuery::default(),
                crate::support::today(),
            )
            .unwrap()
            .into_iter()
            .find(|a| a.text == text)
            .map(|a| (a.status, a.history.len()))
        };
        assert_eq!(
            status_of(&vault, words),
            Some((iag_desk_core::vocabulary::ActionStatus::Done, 2))
        );
        let file: serde_json::Value =
            serde_json::from_str(&handover::export(&vault, earlier, Audience::Members).unwrap())
                .unwrap();
        let at = file["meeting"]["minutes"]
            .as_array()
            .unwrap()
            .iter()
            .position(|e| e["kind"] == "action")
            .unwrap();

        // The same file again: the later report stays.
        handover::import(&mut vault, &file.to_string(), now()).unwrap();
        assert_eq!(
            status_of(&vault, words),
            Some((iag_desk_core::vocabulary::ActionStatus::Done, 2))
        );

        // The action's words corrected: the report follows it.
        let corrected = "Ask the district commander for the stop-and-search figures by ward.";
        let mut edited = file.clone();
        edited["meeting"]["minutes"][at]["text"] = corrected.into();
        handover::import(&mut vault, &edited.to_string(), now()).unwrap();
        assert_eq!(
            status_of(&vault, corrected),
            Some((iag_desk_core::vocabulary::ActionStatus::Done, 2))
        );

        // The action dropped: refused, nothing changes.
        let mut dropped = edited.clone();
        dropped["meeting"]["minutes"]
            .as_array_mut()
            .unwrap()
            .remove(at);
        let before = crate::support::decrypted_rows(&t.path, crate::support::PASSPHRASE, &[]);
        let err = handover::import(&mut vault, &dropped.to_string(), now()).unwrap_err();
        assert_eq!(err.problems()[0].field, "meeting.minutes", "{err:?}");
        assert!(err.problems()[0].message.contains("10 November 2026"));
        assert_eq!(
            crate::support::decrypted_rows(&t.path, crate::support::PASSPHRASE, &[]),
            before
        );
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

    /// Meetings made by a small seeded generator, so the hand-over file is
    /// tried on more shapes than the demo's: guests with roles and items,
    /// remote attendance, secretariat and minute-takers, anonymised
    /// attendees, late arrivals and early departures, entries of every kind
    /// at every level, counted and named votes, papers, action updates,
    /// approvals and amendments.
    mod generated {
        use super::*;
        use iag_desk_core::meetings::plan::{GuestForm, LineForm};
        use iag_desk_core::minutes::{self, actions, BallotDraft, EntryDraft};

        /// SplitMix64: a few lines, the same numbers on every machine.
        struct Rng(u64);

        impl Rng {
            fn next(&mut self) -> u64 {
                self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = self.0;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^ (z >> 31)
            }

            fn below(&mut self, n: usize) -> usize {
                (self.next() % n as u64) as usize
            }

            fn chance(&mut self, percent: u64) -> bool {
                self.next() % 100 < percent
            }

            fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
                &items[self.below(items.len())]
            }
        }

        /// One generated meeting, with what later steps need.
        struct Made {
            id: MeetingId,
            date: chrono::NaiveDate,
            /// Recorded actions raised here: (entry, still open).
            actions: Vec<(i64, bool)>,
            /// Entries with text, which an amendment may correct.
            amendable: Vec<i64>,
        }

        const LEVELS: [&str; 5] = ["", "", "", "confidential", "not_recorded"];
        const REASONS: [&str; 4] = [
            "community_tension",
            "live_investigation",
            "about_an_individual",
            "sub_judice",
        ];

        fn make_meeting(
            v: &mut Vault,
            rng: &mut Rng,
            group: GroupId,
            date: chrono::NaiveDate,
            tag: &str,
        ) -> Made {
            let id = plan::create(
                v,
                &MeetingForm {
                    group_id: group.0,
                    date: date.format("%d/%m/%Y").to_string(),
                    time: rng.pick(&["10:00", "18:30", "19:15"]).to_string(),
                    venue: format!("Room {}, Fenwold Civic Centre", rng.below(9) + 1),
                    ..Default::default()
                },
            )
            .unwrap();

            // The agenda: some items confidential or not recorded, and
            // sometimes a sub-item, so item numbers are not positions.
            let mut drafts: Vec<ItemDraft> = plan::detail(v, id)
                .unwrap()
                .items
                .iter()
                .map(|i| i.draft.clone())
                .collect();
            assert!(drafts.len() >= 12, "the standard agenda");
            for (k, d) in drafts.iter_mut().enumerate().skip(5).take(6) {
                match rng.below(5) {
                    0 => d.confidentiality = "confidential".into(),
                    1 => d.confidentiality = "not_recorded".into(),
                    _ => continue,
                }
                d.public_title = format!("{tag}: a confidential matter ({k})");
                d.reason = rng.pick(&REASONS).to_string();
            }
            if rng.chance(50) {
                drafts[6].depth = 1;
            }
            plan::save_agenda(v, id, &drafts).unwrap();
            let m = plan::detail(v, id).unwrap();
            let numbers: Vec<String> = m.items.iter().map(|i| i.number.clone()).collect();
            let open_items: Vec<usize> = (0..m.items.len())
                .filter(|&p| m.items[p].confidentiality != Confidentiality::NotRecorded)
                .collect();

            // Papers under any item, of any level.
            for n in 0..rng.below(3) {
                let item = m.items[rng.below(m.items.len())].id;
                let len = rng.below(3000);
                let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                let name = rng.pick(&[
                    "Police update.pdf",
                    "Stop and search figures.xlsx",
                    "Überblick für Mitglieder.docx",
                    "notes.txt",
                ]);
                plan::attach_paper(v, id, item, &format!("{tag}-{n} {name}"), &bytes, now())
                    .unwrap();
            }

            // The register.
            let mut present = Vec::new();
            for line in &m.register {
                let Some(person) = line.person_id else {
                    continue;
                };
                let presence = *rng.pick(&[
                    "present",
                    "present",
                    "present",
                    "present",
                    "apologies",
                    "absent",
                ]);
                let (mut arrived, mut left) = (None, None);
                if presence == "present" {
                    if rng.chance(20) {
                        arrived = Some(1 + rng.below(4));
                    }
                    if rng.chance(20) {
                        left = Some(7 + rng.below(m.items.len() - 7));
                    }
                }
                plan::set_presence(v, id, person, presence, arrived, left).unwrap();
                let member = line.capacity == Capacity::Member;
                let mut secretariat = false;
                if rng.chance(35) {
                    secretariat = member && rng.chance(25);
                    plan::set_line(
                        v,
                        id,
                        line.line,
                        &LineForm {
                            role: if member {
                                String::new()
                            } else {
                                rng.pick(&["Neighbourhood Inspector", "", "Chief Inspector"])
                                    .to_string()
                            },
                            capacity: if secretariat {
                                "secretariat".into()
                            } else {
                                String::new()
                            },
                            mode: rng.pick(&["remote", "in_person", ""]).to_string(),
                            for_items: String::new(),
                            takes_minutes: secretariat && rng.chance(50),
                        },
                    )
                    .unwrap();
                }
                // Members counted as members, who may chair, vote and act.
                if presence == "present" && member && !secretariat {
                    present.push((person, line.name.clone()));
                }
            }
            for g in 0..rng.below(4) {
                let anonymous = rng.chance(30);
                let first = rng.below(numbers.len());
                let last = first + rng.below(numbers.len() - first);
                let for_items = match rng.below(3) {
                    0 => String::new(),
                    1 => numbers[first].clone(),
                    _ => format!("{}-{}", numbers[first], numbers[last]),
                };
                let secretariat = !anonymous && rng.chance(25);
                plan::add_guest(
                    v,
                    id,
                    &GuestForm {
                        name: if anonymous {
                            String::new()
                        } else {
                            format!("{} Guest {tag}-{g}", rng.pick(&["Cllr", "Dr", "Ms"]))
                        },
                        anonymous,
                        details: LineForm {
                            role: rng
                                .pick(&[
                                    "A youth worker from a local charity",
                                    "Community Safety Officer, Fenwold District Council",
                                    "A psychologist",
                                ])
                                .to_string(),
                            capacity: if secretariat {
                                "secretariat".into()
                            } else {
                                String::new()
                            },
                            mode: rng.pick(&["remote", ""]).to_string(),
                            for_items: if secretariat {
                                String::new()
                            } else {
                                for_items
                            },
                            takes_minutes: secretariat,
                        },
                    },
                )
                .unwrap();
            }
            if !present.is_empty() && rng.chance(40) {
                let chair = rng.pick(&present).0;
                plan::set_chair(v, id, Some(chair)).unwrap();
            }
            if rng.chance(40) {
                plan::agree(v, id, "chair", "The chair", now()).unwrap();
                plan::agree(v, id, "police", "Inspector Gareth Lloyd", now()).unwrap();
            }

            // The minutes: every kind, at every level.
            let mut made = Made {
                id,
                date,
                actions: Vec::new(),
                amendable: Vec::new(),
            };
            let kinds = [
                "note",
                "decision",
                "advice",
                "action",
                "vote",
                "declaration",
            ];
            for n in 0..6 + rng.below(6) {
                let kind = if n < kinds.len() && rng.chance(60) {
                    kinds[n]
                } else {
                    *rng.pick(&kinds)
                };
                let position = if kind == "declaration" && rng.chance(70) {
                    2
                } else {
                    *rng.pick(&open_items)
                };
                let item = m.items[position].id;
                let level = rng.pick(&LEVELS).to_string();
                let text = format!("{tag} {kind} {n}: Ama's point on the Mill Lane stop, agreed.");
                let mut draft = EntryDraft {
                    item_id: item,
                    kind: kind.into(),
                    confidentiality: level.clone(),
                    text: text.clone(),
                    ..Default::default()
                };
                match kind {
                    "advice" => draft.police_recipient = "Chief Inspector Priya Nair".into(),
                    "action" => {
                        if !present.is_empty() && rng.chance(60) {
                            draft.owner_id = Some(rng.pick(&present).0 .0);
                        } else {
                            draft.owner_text = "Fenwold District Council".into();
                        }
                        let due = date + chrono::Days::new(7 + rng.below(60) as u64);
                        draft.due_on = due.format("%d/%m/%Y").to_string();
                    }
                    "vote" if present.len() >= 3 && rng.chance(65) => {
                        draft.named_vote = true;
                        for (k, (person, name)) in present.iter().enumerate().take(5) {
                            let proxy = k == 0 && rng.chance(75);
                            draft.ballots.push(BallotDraft {
                                person_id: Some(person.0),
                                voter_name: name.clone(),
                                choice: rng.pick(&["for", "against", "abstain"]).to_string(),
                                proxy_holder_id: proxy.then(|| present[1].0 .0),
                            });
                        }
                    }
                    "vote" => {
                        draft.votes_for = rng.below(6) as u32;
                        draft.votes_against = draft.votes_for;
                        draft.votes_abstain = rng.below(3) as u32;
                        draft.casting_vote = rng.pick(&["for", "against", ""]).to_string();
                        if rng.chance(50) {
                            draft.votes_against = rng.below(6) as u32;
                        }
                    }
                    "declaration" => {
                        if !present.is_empty() && rng.chance(70) {
                            draft.person_id = Some(rng.pick(&present).0 .0);
                        } else {
                            draft.person_text = "A co-opted adviser".into();
                        }
                    }
                    _ => {}
                }
                let saved = minutes::save_entry(v, id, &draft, now()).unwrap();
                let recorded = saved.confidentiality != Confidentiality::NotRecorded;
                let day = date.format("%d/%m/%Y").to_string();
                // What an entry gathers afterwards: the police response to
                // advice, a vote declared, an action closed from the log.
                if kind == "advice" && recorded && rng.chance(60) {
                    minutes::advice::respond(
                        v,
                        saved.id,
                        &minutes::advice::ResponseForm {
                            response: rng
                                .pick(&["accepted", "partly_accepted", "not_followed"])
                                .to_string(),
                            reason: format!("{tag}: the district commander wrote back."),
                            responded_on: day.clone(),
                        },
                        crate::support::today(),
                    )
                    .unwrap();
                }
                if kind == "vote" && rng.chance(40) {
                    // A vote with no votes yet cannot be declared.
                    let _ = minutes::declare_vote(v, id, saved.id, now());
                }
                let mut still_open = true;
                if kind == "action" && recorded && rng.chance(30) {
                    actions::set_status(
                        v,
                        saved.id,
                        &actions::StatusForm {
                            status: "done".into(),
                            note: format!("{tag}: done between meetings."),
                            at_meeting_id: rng.chance(50).then_some(id.0),
                            changed_on: day.clone(),
                        },
                        crate::support::today(),
                    )
                    .unwrap();
                    still_open = false;
                }
                if recorded {
                    made.amendable.push(saved.id);
                    if kind == "action" {
                        made.actions.push((saved.id, still_open));
                    }
                }
            }
            made
        }

        /// A chain of meetings of one group: each reports on earlier
        /// actions, and most approve the minutes of the one before, some
        /// of them then amended.
        fn make_chain(v: &mut Vault, seed: u64, group: &str, dates: &[&str]) -> Vec<MeetingId> {
            let mut rng = Rng(seed);
            let g = crate::support::group_named(v, group);
            let mut made: Vec<Made> = dates
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
                    make_meeting(v, &mut rng, g, date, &format!("S{seed}M{i}"))
                })
                .collect();
            for j in 1..made.len() {
                let (earlier, later) = made.split_at_mut(j);
                let at = &later[0];
                for m in earlier.iter_mut() {
                    for (action, open) in m.actions.iter_mut().filter(|(_, open)| *open) {
                        if !rng.chance(50) {
                            continue;
                        }
                        let (status, note) = *rng.pick(&[
                            ("done", "The figures were circulated."),
                            ("dropped", "Overtaken by the new force policy."),
                            (
                                "open",
                                "Still in hand; the inspector will report next time.",
                            ),
                            ("done", ""),
                        ]);
                        actions::set_status(
                            v,
                            *action,
                            &actions::StatusForm {
                                status: status.into(),
                                note: note.into(),
                                at_meeting_id: Some(at.id.0),
                                changed_on: at.date.format("%d/%m/%Y").to_string(),
                            },
                            crate::support::today(),
                        )
                        .unwrap();
                        *open = status == "open";
                    }
                }
            }
            for j in 1..made.len() {
                if !rng.chance(75) {
                    continue;
                }
                let (earlier, at) = (&made[j - 1], &made[j]);
                let item = plan::detail(v, at.id)
                    .unwrap()
                    .items
                    .iter()
                    .find(|i| i.title.starts_with("Minutes of the previous"))
                    .unwrap()
                    .id;
                minutes::approve(v, earlier.id, at.id, item, now()).unwrap();
                for n in 0..rng.below(3) {
                    if earlier.amendable.is_empty() {
                        break;
                    }
                    let entry = *rng.pick(&earlier.amendable);
                    minutes::amend(
                        v,
                        earlier.id,
                        entry,
                        &format!("Corrected ({n}): the figure was 12%, not 10%."),
                        "The inspector corrected the figure.",
                        crate::support::today(),
                    )
                    .unwrap();
                }
            }
            made.iter().map(|m| m.id).collect()
        }

        fn status(v: &Vault, id: MeetingId) -> MeetingStatus {
            iag_desk_core::meetings::list(v, now())
                .unwrap()
                .into_iter()
                .find(|m| m.id == id)
                .unwrap()
                .status
        }

        /// Export, import into a second laptop's vault (the same roster), in
        /// the order the meetings were held, and export again: the same
        /// files, the same public minutes and members' annex, the same
        /// status. The generator is checked to have made every shape.
        #[test]
        fn generated_meetings_travel_whole_and_read_the_same() {
            use crate::support::{minutes_pdf, pdf_text};
            let (_a, mut chair) = demo_vault();
            let mut meetings = make_chain(
                &mut chair,
                7,
                "Brackenford Local IAG",
                &[
                    "2026-01-13",
                    "2026-02-10",
                    "2026-04-14",
                    "2026-05-12",
                    "2026-07-14",
                ],
            );
            meetings.extend(make_chain(
                &mut chair,
                11,
                "Disability Subgroup",
                &["2026-01-20", "2026-02-17", "2026-04-21", "2026-05-19"],
            ));
            let files: Vec<String> = meetings
                .iter()
                .map(|&id| handover::export(&chair, id, Audience::Members).unwrap())
                .collect();

            let (_b, mut secretary) = demo_vault();
            let mut here = Vec::new();
            for json in &files {
                let done = handover::import(&mut secretary, json, now())
                    .unwrap_or_else(|e| panic!("{e} {:?}\n{json}", e.problems()));
                here.push(done.meeting);
            }
            for ((&id, &copy), json) in meetings.iter().zip(&here).zip(&files) {
                assert_eq!(
                    *json,
                    handover::export(&secretary, copy, Audience::Members).unwrap(),
                    "the members' file comes back the same"
                );
                assert_eq!(
                    handover::export(&chair, id, Audience::Public).unwrap(),
                    handover::export(&secretary, copy, Audience::Public).unwrap(),
                    "the public file comes back the same"
                );
                for audience in [Audience::Public, Audience::Members] {
                    assert_eq!(
                        pdf_text(&minutes_pdf(&chair, id, audience)),
                        pdf_text(&minutes_pdf(&secretary, copy, audience)),
                        "the {audience:?} minutes read the same on both laptops"
                    );
                }
                assert_eq!(status(&chair, id), status(&secretary, copy));
            }

            // What the generator made, so a change to it cannot quietly
            // leave a shape untried.
            let parsed: Vec<handover::HandOver> = files
                .iter()
                .map(|f| serde_json::from_str(f).unwrap())
                .collect();
            let all = || parsed.iter().map(|f| &f.meeting);
            let lines = || all().flat_map(|m| &m.attendance);
            let entries = || all().flat_map(|m| &m.minutes);
            let has = |what: &str, found: bool| assert!(found, "no generated meeting has {what}");
            has("an approval", all().any(|m| m.approval.is_some()));
            has("an amendment", all().any(|m| !m.amendments.is_empty()));
            has(
                "a paper",
                all().any(|m| m.papers.as_ref().is_some_and(|p| !p.is_empty())),
            );
            has(
                "an action update",
                all().any(|m| m.action_updates.as_ref().is_some_and(|u| !u.is_empty())),
            );
            has(
                "someone else in the chair",
                all().any(|m| !m.chaired_by.is_empty()),
            );
            has("an agreed agenda", all().any(|m| m.police_agreed.is_some()));
            has(
                "a police response",
                entries().any(|e| !e.response.is_empty()),
            );
            has("a declared vote", entries().any(|e| e.declared));
            has(
                "an action closed from the log",
                entries().any(|e| e.status_changes.iter().any(|c| !c.at_this_meeting)),
            );
            has(
                "an action closed at its own meeting",
                entries().any(|e| e.status_changes.iter().any(|c| c.at_this_meeting)),
            );
            has(
                "a guest for some items",
                lines().any(|l| l.for_items.is_some()),
            );
            has(
                "a guest with a role",
                lines()
                    .any(|l| l.capacity == "in_attendance" && !l.anonymous && !l.role.is_empty()),
            );
            has("remote attendance", lines().any(|l| l.mode == "remote"));
            has("an anonymised attendee", lines().any(|l| l.anonymous));
            has(
                "the secretariat",
                lines().any(|l| l.capacity == "secretariat"),
            );
            has("a minute-taker", lines().any(|l| l.takes_minutes));
            has("a late arrival", lines().any(|l| l.arrived_at.is_some()));
            has("an early departure", lines().any(|l| l.left_at.is_some()));
            has("apologies", lines().any(|l| l.presence == "apologies"));
            has("a named vote", entries().any(|e| !e.ballots.is_empty()));
            has(
                "a proxy vote",
                entries().any(|e| e.ballots.iter().any(|b| !b.proxy_holder.is_empty())),
            );
            for kind in [
                "note",
                "decision",
                "advice",
                "action",
                "vote",
                "declaration",
            ] {
                has(kind, entries().any(|e| e.kind == kind));
            }
            for level in ["open", "confidential", "not_recorded"] {
                has(level, entries().any(|e| e.confidentiality == level));
            }
        }
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
