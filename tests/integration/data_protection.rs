//! Data-protection duties: a subject access copy holds everything about the
//! person and no confidential text; erasure leaves no trace of their name,
//! email or phone in any table while the records keep their shape; the
//! retention prompt finds people who left long ago.

use crate::support::{
    decrypted_rows, demo_vault, export, keep_pdf, now, pdf_text, today, PASSPHRASE,
};
use iag_desk_core::data_protection::{self as dp};
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::ids::{MeetingId, PersonId};
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::minutes::{self, record, EntryDraft};
use iag_desk_core::roster::members::{self, MemberQuery, StatusForm, VettingForm};
use iag_desk_core::roster::representation::RepresentationForm;
use iag_desk_core::roster::rules::PersonForm;
use iag_desk_core::{ErrorKind, Vault};

const NAME: &str = "Halina Nowak-Kowalska";
const EMAIL: &str = "halina.nk@example.org";
const PHONE: &str = "07700 900412";
const NOTES: &str = "Prefers calls after six.";
const OPEN_NOTE: &str = "Halina Nowak-Kowalska reported on the youth forum.";
const CANARY: &str = "CANARY Halina Nowak-Kowalska named the family on Mill Lane";
const GROUP: &str = "Marlow Fen Local IAG";

struct Scene {
    person: PersonId,
    meeting: MeetingId,
}

/// A member with everything a member can have: details, a role, vetting,
/// an agreement, representation answers, a place on a register, an action,
/// an open note and a confidential one naming her, a status change.
fn scene(vault: &mut Vault) -> Scene {
    let group = crate::support::group_named(vault, GROUP);
    let person = members::add_person(
        vault,
        &PersonForm {
            full_name: NAME.into(),
            kind: "member".into(),
            email: EMAIL.into(),
            phone: PHONE.into(),
            status: "active".into(),
            joined_on: "2024-03-01".into(),
            skills: "Youth work".into(),
            communities: "Polish community".into(),
            notes: NOTES.into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    members::assign_role(vault, person, group, "member", "2024-03-01", today()).unwrap();
    members::set_vetting(
        vault,
        person,
        &VettingForm {
            level: "nppv2".into(),
            granted_on: "2024-04-01".into(),
            expires_on: "2029-04-01".into(),
        },
        today(),
    )
    .unwrap();
    members::set_agreement(vault, person, "confidentiality", "2024-03-02", today()).unwrap();
    members::set_representation(
        vault,
        person,
        &RepresentationForm {
            consent_on: "2024-03-02".into(),
            answers: [("religion".to_string(), "christian".to_string())].into(),
        },
        today(),
    )
    .unwrap();
    let meeting = plan::create(
        vault,
        &MeetingForm {
            group_id: group.0,
            date: "14/10/2026".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre".into(),
            ..Default::default()
        },
    )
    .unwrap();
    plan::set_presence(vault, meeting, person, "present", None, None).unwrap();
    let items = plan::detail(vault, meeting).unwrap().items;
    let open_item = items[5].id;
    let mut drafts: Vec<_> = items.iter().map(|i| i.draft.clone()).collect();
    drafts[7].confidentiality = "confidential".into();
    drafts[7].public_title = "Community tensions".into();
    drafts[7].reason = "community_tension".into();
    plan::save_agenda(vault, meeting, &drafts).unwrap();
    let secret_item = plan::detail(vault, meeting).unwrap().items[7].id;
    let save = |vault: &mut Vault, draft: EntryDraft| {
        minutes::save_entry(vault, meeting, &draft, now()).unwrap();
    };
    save(
        vault,
        EntryDraft {
            item_id: open_item,
            kind: "note".into(),
            text: OPEN_NOTE.into(),
            ..Default::default()
        },
    );
    save(
        vault,
        EntryDraft {
            item_id: open_item,
            kind: "action".into(),
            text: "Write to the youth forum.".into(),
            owner_id: Some(person.0),
            due_on: "30/11/2026".into(),
            ..Default::default()
        },
    );
    save(
        vault,
        EntryDraft {
            item_id: secret_item,
            kind: "note".into(),
            text: CANARY.into(),
            ..Default::default()
        },
    );
    members::change_status(
        vault,
        person,
        &StatusForm {
            status: "left".into(),
            changed_on: "2026-11-01".into(),
            reason: "Moved away".into(),
            meeting_id: None,
        },
        today(),
    )
    .unwrap();
    Scene { person, meeting }
}

#[test]
fn a_subject_access_copy_holds_everything_about_the_person_and_no_confidential_text() {
    let (_t, mut vault) = demo_vault();
    let s = scene(&mut vault);
    let copy = dp::subject_access(&vault, s.person, now()).unwrap();
    let json = dp::subject_access_json(&copy).unwrap();
    let pdf = export(
        &vault,
        Request::SubjectAccess {
            person: s.person,
            format: Format::Pdf,
        },
    )
    .bytes;
    keep_pdf("subject-access", &pdf);
    let text = pdf_text(&pdf);
    for (what, held) in [
        ("name", NAME),
        ("email", EMAIL),
        ("phone", PHONE),
        ("notes", NOTES),
        ("skills", "Youth work"),
        ("communities", "Polish community"),
        ("role", "Marlow Fen Local IAG"),
        ("vetting", "NPPV"),
        ("agreement", "Confidentiality agreement"),
        ("representation", "Christian"),
        ("status history", "Moved away"),
        ("register", "14 October 2026"),
        ("open minutes", OPEN_NOTE),
        ("their action", "Write to the youth forum."),
        ("withheld record's public title", "Community tensions"),
    ] {
        assert!(
            json.contains(held),
            "{what} ({held}) is in the JSON copy:\n{json}"
        );
        // Table cells wrap and poppler reads a row's cells line by line,
        // so the PDF is checked word by word.
        let words: std::collections::HashSet<&str> = text.split_whitespace().collect();
        for word in held.split_whitespace() {
            assert!(
                words.contains(word),
                "{what}: {word:?} of {held:?} is in the PDF copy:\n{text}"
            );
        }
    }
    assert_eq!(copy.withheld.len(), 1, "{:#?}", copy.withheld);
    assert!(copy.records.iter().any(|r| r.what == "Audit trail"));
    for out in [&json, &text] {
        assert!(!out.contains("CANARY"), "no confidential text in a copy");
        assert!(!out.contains("Mill Lane"), "no confidential text in a copy");
    }
    // Only her: another member's details are not in her copy.
    let other = members::search(
        &vault,
        &MemberQuery {
            text: "Zofia".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()
    .remove(0);
    assert!(!json.contains(&other.full_name));
}

#[test]
fn erasing_a_person_leaves_their_name_nowhere_and_their_role_in_the_minutes() {
    let (t, mut vault) = demo_vault();
    let s = scene(&mut vault);
    let present_before = record::record(&vault, s.meeting).unwrap();

    // A slip of the name erases nothing.
    let before = decrypted_rows(&t.path, PASSPHRASE, &[]);
    let err = dp::erase(&mut vault, s.person, "Halina Nowak", now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(decrypted_rows(&t.path, PASSPHRASE, &[]), before);

    let erased = dp::erase(&mut vault, s.person, NAME, now()).unwrap();
    assert!(erased.replaced >= 4, "{erased:?}");
    assert_eq!(erased.shown_as, "a member");

    // No table holds her name, email or phone in any letter case.
    for (table, cells) in decrypted_rows(&t.path, PASSPHRASE, &[]) {
        for cell in cells {
            let lower = cell.to_lowercase();
            for trace in [NAME, EMAIL, PHONE, NOTES] {
                assert!(
                    !lower.contains(&trace.to_lowercase()),
                    "{trace:?} survives in {table}: {cell:?}"
                );
            }
        }
    }
    // The minutes keep their shape: her role where her name was.
    let after = record::record(&vault, s.meeting).unwrap();
    let texts: Vec<String> = after
        .items
        .iter()
        .flat_map(|i| i.entries.iter())
        .map(|e| format!("{} / {}", e.text, e.owner))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("A member reported on the youth forum.")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "Write to the youth forum. / A member"),
        "{texts:#?}"
    );
    assert_eq!(
        after.items.iter().map(|i| i.entries.len()).sum::<usize>(),
        present_before
            .items
            .iter()
            .map(|i| i.entries.len())
            .sum::<usize>(),
        "no entry is lost"
    );
    // The register keeps a line for her, by role, so counts stand.
    let register = plan::detail(&vault, s.meeting).unwrap().register;
    assert!(
        register.iter().any(|l| l.name == "A member"),
        "{register:#?}"
    );
    // Nobody left to find, and the audit trail says what happened without her name.
    assert!(members::person(&vault, s.person, today()).is_err());
    let audit = iag_desk_core::audit::list(&vault, 5).unwrap();
    assert!(audit[0].detail.contains("erased"), "{audit:#?}");
    assert!(audit.iter().all(|l| !l.detail.contains(NAME)));
    // Erasing again: the person is not there.
    let again = dp::erase(&mut vault, s.person, NAME, now()).unwrap_err();
    assert_eq!(again.kind(), ErrorKind::NotFound);
}

#[test]
fn the_retention_prompt_lists_people_who_left_longer_ago_than_the_setting() {
    let (_t, mut vault) = demo_vault();
    let s = scene(&mut vault);
    assert_eq!(dp::retention_months(&vault).unwrap(), 24);
    let due = dp::retention_due(&vault, today()).unwrap();
    let hers = due.iter().find(|d| d.person_id == s.person);
    // Her latest change to "left" is 1 November 2026: not due yet.
    assert!(hers.is_none(), "{due:#?}");
    let due_later = dp::retention_due(
        &vault,
        chrono::NaiveDate::from_ymd_opt(2028, 11, 2).unwrap(),
    )
    .unwrap();
    let hers = due_later
        .iter()
        .find(|d| d.person_id == s.person)
        .expect("due 24 months after leaving");
    assert_eq!(hers.since, "Left on 1 November 2026");

    assert_eq!(dp::set_retention_months(&mut vault, "36").unwrap(), 36);
    let due_later = dp::retention_due(
        &vault,
        chrono::NaiveDate::from_ymd_opt(2028, 11, 2).unwrap(),
    )
    .unwrap();
    assert!(due_later.iter().all(|d| d.person_id != s.person));
    for bad in ["0", "abc", "121", "-3"] {
        let err = dp::set_retention_months(&mut vault, bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{bad}");
    }
    assert_eq!(dp::retention_months(&vault).unwrap(), 36);
}
