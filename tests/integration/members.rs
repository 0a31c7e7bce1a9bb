use crate::support::{demo_vault, member_names, now, today, TempVault};
use chrono::NaiveDate;
use iag_desk_core::roster::members::{self, MemberQuery, StatusForm, VettingForm};
use iag_desk_core::roster::representation::{RepresentationForm, Shown};
use iag_desk_core::roster::rules::PersonForm;
use iag_desk_core::roster::{self, compliance::VettingState};
use iag_desk_core::vocabulary::{PersonKind, Role};
use iag_desk_core::{Error, Passphrase, Vault, SCHEMA_VERSION};
use std::collections::BTreeMap;

fn form(name: &str, email: &str) -> PersonForm {
    PersonForm {
        full_name: name.into(),
        email: email.into(),
        ..Default::default()
    }
}

fn group_id(vault: &Vault, name: &str) -> iag_desk_core::ids::GroupId {
    roster::groups(vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group {name}"))
        .id
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_schema_1_vault_upgrades_and_keeps_its_data() {
    let t = TempVault::new();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/schema-1.vault"
        ),
        &t.path,
    )
    .unwrap();
    let vault = Vault::unlock(&t.path, &Passphrase::new("fixture passphrase 1")).unwrap();
    assert_eq!(vault.schema_version().unwrap(), SCHEMA_VERSION);
    let s = vault.status(now()).unwrap();
    assert_eq!(
        s.counts.members_total, 62,
        "every member survives the upgrade"
    );
    assert_eq!(s.counts.groups_active, 11);
    assert_eq!(
        member_names(&vault, "ਹਰਪ੍ਰੀਤ"),
        ["ਹਰਪ੍ਰੀਤ ਕੌਰ"],
        "old rows become searchable after the upgrade"
    );
}

#[test]
fn adding_a_person_and_finding_them_in_any_script() {
    let (_t, mut vault) = demo_vault();
    let mut f = form("  سارة   المصري ", "sara.almasri@example.org");
    f.skills = "Arabic interpreting; youth work".into();
    f.communities = "Syrian families".into();
    let id = members::add_person(&mut vault, &f, today()).unwrap();
    assert_eq!(
        member_names(&vault, "سارة"),
        ["سارة المصري"],
        "Arabic-script search"
    );
    assert_eq!(
        member_names(&vault, "SYRIAN"),
        ["سارة المصري"],
        "community, any case"
    );
    assert_eq!(
        member_names(&vault, "interpreting youth"),
        ["سارة المصري"],
        "every word must match"
    );
    let detail = members::person(&vault, id, today()).unwrap();
    assert_eq!(detail.form.full_name, "سارة المصري", "whitespace tidied");
    assert_eq!(
        detail.status_history.len(),
        1,
        "joining is the first status"
    );
}

#[test]
fn the_same_name_and_email_is_reported_not_merged() {
    let (_t, mut vault) = demo_vault();
    let before = vault.status(now()).unwrap().counts;
    let err = members::add_person(
        &mut vault,
        &form("zofia wójcik", "Zofia.Wojcik@example.org"),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].field, "full_name");
    assert!(err.to_string().contains("already on the roster"), "{err}");
    assert_eq!(vault.status(now()).unwrap().counts, before, "nothing added");
    // The same name with another email is a different person.
    members::add_person(
        &mut vault,
        &form("Zofia Wójcik", "zw2@example.org"),
        today(),
    )
    .unwrap();
}

#[test]
fn bad_details_are_refused_field_by_field_and_change_nothing() {
    let (_t, mut vault) = demo_vault();
    let before = vault.status(now()).unwrap().counts;
    let mut f = form("", "nope");
    f.joined_on = "30/02/2026".into();
    let err = members::add_person(&mut vault, &f, today()).unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["full_name", "email", "joined_on"]);
    assert_eq!(vault.status(now()).unwrap().counts, before);
}

#[test]
fn changing_a_role_keeps_the_history() {
    let (_t, mut vault) = demo_vault();
    let marlow = group_id(&vault, "Marlow Fen Local IAG");
    let gwen = members::search(
        &vault,
        &MemberQuery {
            text: "Gwen Roberts".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()[0]
        .id;
    // Gwen becomes vice chair from 1 December 2026.
    members::assign_role(
        &mut vault,
        gwen,
        marlow,
        "vice_chair",
        "2026-12-01",
        today(),
    )
    .unwrap();
    let d = members::person(&vault, gwen, day(2026, 12, 2)).unwrap();
    let current: Vec<_> = d
        .memberships
        .iter()
        .filter(|m| m.current)
        .map(|m| m.role)
        .collect();
    assert_eq!(current, [Role::ViceChair]);
    assert!(
        d.memberships
            .iter()
            .any(|m| m.role == Role::Member && m.ended_on.as_deref() == Some("1 December 2026")),
        "the earlier role ends the day the new one starts"
    );
    // Who chaired Marlow Fen in March 2025? The chair before the handover.
    let march_2025 = day(2025, 3, 15);
    assert_eq!(
        members::role_holders(&vault, marlow, Role::Chair, march_2025).unwrap(),
        ["Margaret Ellison"]
    );
    assert_eq!(
        members::role_holders(&vault, marlow, Role::Chair, today()).unwrap(),
        ["Siobhán Ní Bhriain"]
    );
}

#[test]
fn police_contacts_cannot_take_members_roles() {
    let (_t, mut vault) = demo_vault();
    let marlow = group_id(&vault, "Marlow Fen Local IAG");
    let helen = members::search(
        &vault,
        &MemberQuery {
            text: "Helen".into(),
            kind: "police".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()[0]
        .id;
    let err = members::assign_role(&mut vault, helen, marlow, "chair", "", today()).unwrap_err();
    assert!(
        err.to_string()
            .contains("police contacts hold police roles"),
        "{err}"
    );
}

#[test]
fn two_nominees_per_local_group_is_checked_and_warned_about() {
    let (_t, mut vault) = demo_vault();
    assert!(
        members::nominee_warnings(&vault, today())
            .unwrap()
            .is_empty(),
        "the demo follows the rule"
    );
    let strategic = group_id(&vault, "Fenwold Strategic IAG");
    let zofia = crate::support::person_named(&vault, "Zofia Wójcik");
    let nominee = members::person(&vault, zofia, today())
        .unwrap()
        .memberships
        .into_iter()
        .find(|m| m.current && m.group_id == strategic)
        .unwrap();
    members::end_role(&mut vault, nominee.id, "2026-11-20", today()).unwrap();
    let w = members::nominee_warnings(&vault, today()).unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("Marlow Fen Local IAG has 1 nominee"),
        "{}",
        w[0]
    );
}

#[test]
fn vetting_and_agreement_warnings_per_member_and_per_group() {
    let (_t, mut vault) = demo_vault();
    let desmond = crate::support::person_named(&vault, "Desmond Clarke");
    let d = members::person(&vault, desmond, today()).unwrap();
    assert_eq!(d.vetting_state, VettingState::Expired);
    assert!(
        d.warnings[0]
            .message
            .starts_with("Vetting (NPPV 1) expired on"),
        "{:?}",
        d.warnings
    );

    let chiamaka = crate::support::person_named(&vault, "Chiamaka Eze");
    let d = members::person(&vault, chiamaka, today()).unwrap();
    assert_eq!(d.vetting_state, VettingState::Expiring);
    assert!(
        d.warnings[0].message.contains("in 30 days"),
        "{:?}",
        d.warnings
    );

    let lukasz = crate::support::person_named(&vault, "Łukasz Nowakowski");
    let d = members::person(&vault, lukasz, today()).unwrap();
    assert_eq!(
        d.warnings[0].message,
        "Information-sharing agreement not signed."
    );

    let marlow = group_id(&vault, "Marlow Fen Local IAG");
    let names: Vec<_> = members::group_warnings(&vault, marlow, today())
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Desmond Clarke", "Łukasz Nowakowski"]);

    // Renewing vetting clears the warning.
    members::set_vetting(
        &mut vault,
        desmond,
        &VettingForm {
            level: "nppv2".into(),
            granted_on: "2026-11-01".into(),
            expires_on: "2029-11-01".into(),
        },
        today(),
    )
    .unwrap();
    assert!(members::person(&vault, desmond, today())
        .unwrap()
        .warnings
        .is_empty());

    // The filter finds members by vetting state.
    let expiring = members::search(
        &vault,
        &MemberQuery {
            vetting: "expiring".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(
        expiring
            .iter()
            .map(|p| p.full_name.as_str())
            .collect::<Vec<_>>(),
        ["Chiamaka Eze"]
    );
}

#[test]
fn impossible_vetting_dates_are_refused() {
    let (_t, mut vault) = demo_vault();
    let id = crate::support::person_named(&vault, "Gwen Roberts");
    let err = members::set_vetting(
        &mut vault,
        id,
        &VettingForm {
            level: "nppv1".into(),
            granted_on: "2026-02-30".into(),
            expires_on: "2025-01-01".into(),
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].field, "granted_on");
    assert!(err.problems()[0].message.contains("not a real date"));
}

#[test]
fn leaving_ends_roles_and_removal_needs_a_meeting() {
    let (_t, mut vault) = demo_vault();
    let id = crate::support::person_named(&vault, "Gwen Roberts");
    let err = members::change_status(
        &mut vault,
        id,
        &StatusForm {
            status: "removed".into(),
            reason: "Breach of the code of conduct".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].field, "meeting_id");

    members::change_status(
        &mut vault,
        id,
        &StatusForm {
            status: "left".into(),
            changed_on: "2026-11-20".into(),
            reason: "Moving abroad".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    let d = members::person(&vault, id, today()).unwrap();
    assert_eq!(d.status_label, "Left");
    assert!(
        d.memberships.iter().all(|m| !m.current),
        "no current roles after leaving"
    );
    assert!(!d.memberships.is_empty(), "but the history stays");
    assert_eq!(d.status_history.last().unwrap().reason, "Moving abroad");
}

#[test]
fn representation_is_only_ever_shown_in_aggregate_with_small_counts_suppressed() {
    let (_t, vault) = demo_vault();
    let force = members::representation_summary(&vault, None, today()).unwrap();
    let religion = force
        .characteristics
        .iter()
        .find(|c| c.characteristic == "Religion or belief")
        .unwrap();
    let jewish = religion
        .answers
        .iter()
        .find(|a| a.answer == "Jewish")
        .unwrap();
    assert_eq!(
        jewish.count,
        Shown::FewerThan("fewer than 5".into()),
        "a single Jewish member must not be identifiable"
    );
    assert!(
        religion
            .answers
            .iter()
            .any(|a| matches!(a.count, Shown::Count(n) if n >= 5)),
        "larger groups are counted exactly"
    );
    let json = serde_json::to_string(&force).unwrap();
    for name in ["Zofia", "Siobhán", "example.org"] {
        assert!(!json.contains(name), "no person appears in the summary");
    }
}

#[test]
fn withdrawing_consent_erases_the_answers_from_the_file() {
    // Unencrypted on purpose (an empty key), so the test can read the bytes
    // and prove the answers are physically gone, not just unlinked.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.vault");
    let mut vault = Vault::create_unencrypted_for_tests(&path).unwrap();
    let id = members::add_person(&mut vault, &form("Canary Person", ""), today()).unwrap();
    let answers = BTreeMap::from([
        ("religion".to_string(), "jewish".to_string()),
        ("sexual_orientation".to_string(), "bisexual".to_string()),
    ]);
    members::set_representation(
        &mut vault,
        id,
        &RepresentationForm {
            consent_on: "2026-11-01".into(),
            answers,
        },
        today(),
    )
    .unwrap();
    let bytes = || {
        let mut all = std::fs::read(&path).unwrap();
        if let Ok(wal) = std::fs::read(dir.path().join("plain.vault-wal")) {
            all.extend(wal);
        }
        all
    };
    let has = |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(
        has(&bytes(), "bisexual"),
        "the answer must be on disk first, or this test proves nothing"
    );

    assert!(members::withdraw_representation(&mut vault, id, today()).unwrap());
    let after = bytes();
    assert!(
        !has(&after, "bisexual") && !has(&after, "jewish"),
        "withdrawn answers must be gone from the vault and its WAL"
    );
    assert!(members::person(&vault, id, today())
        .unwrap()
        .representation_consent_on
        .is_none());
    assert!(
        !members::withdraw_representation(&mut vault, id, today()).unwrap(),
        "nothing left to withdraw"
    );
}

#[test]
fn not_found_is_specific() {
    let (_t, vault) = demo_vault();
    let err = members::person(&vault, iag_desk_core::ids::PersonId(999_999), today()).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let _ = PersonKind::Member;
}

#[test]
fn groups_are_added_and_edited_under_the_rules() {
    use iag_desk_core::roster::groups::{self, GroupForm};
    let (_t, mut vault) = demo_vault();
    let strategic = group_id(&vault, "Fenwold Strategic IAG");
    let form = GroupForm {
        name: "Kingsbridge Local IAG".into(),
        tier: "local".into(),
        parent_id: strategic.0.to_string(),
        quorum: "4".into(),
        escalation: "Chief Superintendent Helen Marsh".into(),
        ..Default::default()
    };
    let id = groups::add_group(&mut vault, &form, today()).unwrap();
    let g = roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.id == id)
        .unwrap();
    assert_eq!(g.parent.as_deref(), Some("Fenwold Strategic IAG"));
    assert_eq!(g.quorum, "4 members");

    let err = groups::add_group(&mut vault, &form, today()).unwrap_err();
    assert_eq!(err.problems()[0].field, "name", "names are unique");

    let mut f = groups::group_form(&vault, id).unwrap();
    f.status = "stood_down".into();
    f.stood_down_on = "2026-11-20".into();
    groups::update_group(&mut vault, id, &f, today()).unwrap();
    let g = roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.id == id)
        .unwrap();
    assert_eq!(g.stood_down_on.as_deref(), Some("20 November 2026"));

    let marlow = roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Marlow Fen Local IAG")
        .unwrap();
    assert_eq!(
        marlow.quorum, "1/3 of members (3 of 9)",
        "the demo's quorum, evaluated"
    );
    assert!(marlow.escalation.contains("Helen Marsh"));
}

/// Issue 22: the member list pages in its query (only the page's people
/// read and summarised), and every page is exactly the slice of the whole
/// list that in-memory paging cut before: the same people, order, totals
/// and places, whatever the filter, the script of the words, the page
/// size, or an offset past the end.
#[test]
fn the_member_list_paged_by_its_query_is_the_whole_list_cut_in_pages() {
    let (_t, vault) = demo_vault();
    let marlow = group_id(&vault, "Marlow Fen Local IAG");
    let queries = [
        MemberQuery::default(),
        MemberQuery {
            text: "a".into(),
            ..Default::default()
        },
        MemberQuery {
            text: "ਹਰਪ੍ਰੀਤ".into(),
            ..Default::default()
        },
        MemberQuery {
            text: "wójcik".into(),
            ..Default::default()
        },
        MemberQuery {
            group: Some(marlow),
            ..Default::default()
        },
        MemberQuery {
            role: "chair".into(),
            ..Default::default()
        },
        MemberQuery {
            status: "left".into(),
            ..Default::default()
        },
        MemberQuery {
            kind: "police".into(),
            ..Default::default()
        },
        MemberQuery {
            vetting: "expired".into(),
            ..Default::default()
        },
        MemberQuery {
            text: "nobody has this name".into(),
            ..Default::default()
        },
    ];
    let ids = |people: &[iag_desk_core::roster::PersonSummary]| {
        people.iter().map(|p| p.id).collect::<Vec<_>>()
    };
    for q in &queries {
        let all = members::search(&vault, q, today()).unwrap();
        for limit in [7, 50] {
            for offset in [0, 7, 14, 49, 50, 1000] {
                let paged = members::page(&vault, q, today(), offset, limit).unwrap();
                let cut = iag_desk_core::paging::page(all.clone(), offset, limit);
                assert_eq!(
                    (paged.total, paged.offset, paged.limit, ids(&paged.items)),
                    (cut.total, cut.offset, cut.limit, ids(&cut.items)),
                    "{q:?}, offset {offset}, limit {limit}"
                );
                assert_eq!(
                    serde_json::to_string(&paged.items).unwrap(),
                    serde_json::to_string(&cut.items).unwrap(),
                    "the same summaries: roles, vetting and warnings"
                );
            }
        }
    }
    // The demo has enough members for more than one page of seven.
    assert!(
        members::search(&vault, &MemberQuery::default(), today())
            .unwrap()
            .len()
            > 14
    );
}
