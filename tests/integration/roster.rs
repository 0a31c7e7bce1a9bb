use crate::support::{demo_vault, today};

use iag_desk_core::roster;
use iag_desk_core::vocabulary::{PersonKind, Tier};

#[test]
fn groups_come_strategic_first_then_local_subgroup_critical() {
    let (_t, vault) = demo_vault();
    let tiers: Vec<Tier> = roster::groups(&vault, today())
        .unwrap()
        .iter()
        .map(|g| g.tier)
        .collect();
    let mut sorted = tiers.clone();
    sorted.sort_by_key(|t| Tier::ALL.iter().position(|x| x == t));
    assert_eq!(tiers, sorted, "groups are listed by tier");
    assert_eq!(tiers[0], Tier::Strategic);
}

#[test]
fn names_in_every_script_survive_the_round_trip() {
    let (_t, vault) = demo_vault();
    let names: Vec<String> = roster::people(&vault, PersonKind::Member, today())
        .unwrap()
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    for expected in [
        "ਹਰਪ੍ਰੀਤ ਕੌਰ",         // Gurmukhi
        "प्रिया शर्मा",        // Devanagari
        "রাজিয়া বেগম",         // Bengali
        "عمران قریشی",       // Urdu
        "فاطمة الزهراء حسن", // Arabic
        "陈美玲",            // Chinese
        "Łukasz Nowakowski", // Polish
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} must come back exactly as stored"
        );
    }
}

#[test]
fn police_contacts_are_never_counted_as_members() {
    let (_t, vault) = demo_vault();
    let members = roster::people(&vault, PersonKind::Member, today()).unwrap();
    assert!(members.iter().all(|p| p.kind == PersonKind::Member));
    assert!(!members.iter().any(|p| p.full_name == "Helen Marsh"));
    let groups = roster::groups(&vault, today()).unwrap();
    let marlow = groups
        .iter()
        .find(|g| g.name == "Marlow Fen Local IAG")
        .unwrap();
    assert_eq!(marlow.police_contacts, ["Gareth Lloyd"]);
    assert_eq!(
        marlow.member_count, 9,
        "nine members hold roles; the inspector is not counted"
    );
}

#[test]
fn a_role_that_ended_is_not_shown_as_current() {
    let (_t, vault) = demo_vault();
    let groups = roster::groups(&vault, today()).unwrap();
    let marlow = groups
        .iter()
        .find(|g| g.name == "Marlow Fen Local IAG")
        .unwrap();
    assert_eq!(
        marlow.chairs,
        ["Siobhán Ní Bhriain"],
        "the chair who handed over 20 months ago is history, not current"
    );
    // Looking back 2 years, the earlier chair held the role.
    let then = today() - chrono::Months::new(24);
    let groups_then = roster::groups(&vault, then).unwrap();
    let marlow_then = groups_then
        .iter()
        .find(|g| g.name == "Marlow Fen Local IAG")
        .unwrap();
    assert_eq!(marlow_then.chairs, ["Margaret Ellison"]);
}
