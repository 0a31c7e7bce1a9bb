//! The dashboard's figures against the demo, and the vault-wide search.

use crate::support::{demo_vault, now, today};
use iag_desk_core::search::{self, HitKind};
use iag_desk_core::{dashboard, meetings, minutes};

#[test]
fn every_dashboard_entry_agrees_with_the_demo() {
    let (_t, vault) = demo_vault();
    let d = dashboard::dashboard(&vault, now()).unwrap();
    // Where the demo laid its meetings out, read from the meetings list.
    let all = meetings::list(&vault, now()).unwrap();
    let held = |group: &str| -> Vec<_> {
        let mut held: Vec<_> = all
            .iter()
            .filter(|m| m.group_name == group && !m.upcoming)
            .collect();
        held.reverse();
        held
    };
    let marlow = held("Marlow Fen Local IAG");
    let critical = held("Critical Group: Kingsmead Park incident");
    let last = |h: &[&meetings::MeetingSummary]| h[h.len() - 1].when.clone();
    assert_eq!(
        d.minutes_awaiting_approval
            .iter()
            .map(|m| m.when.clone())
            .collect::<Vec<_>>(),
        [last(&marlow), last(&critical)],
        "the demo's last Marlow Fen meeting is a draft, and so is the stood-down critical \
         group's last"
    );
    let mut overdue: Vec<_> = d.overdue_actions.iter().map(|a| a.text.as_str()).collect();
    overdue.sort();
    assert_eq!(
        overdue,
        [
            "Book the stall and draw up a rota of members.",
            "Collect members' questions on the use-of-force figures for the inspector."
        ]
    );
    let awaiting: Vec<_> = d
        .advice_awaiting_response
        .iter()
        .map(|a| a.given_on.as_str())
        .collect();
    let given_on = |m: &meetings::MeetingSummary| m.when.split(',').next().unwrap().to_string();
    assert_eq!(
        awaiting,
        [
            given_on(marlow[marlow.len() - 2]),
            given_on(marlow[marlow.len() - 1])
        ],
        "advice given at Marlow Fen's last two meetings waits for its response"
    );
    assert!(d
        .overdue_groups
        .iter()
        .any(|g| g.group_name == "Young People's Subgroup"));
    assert!(d.next_meetings.len() <= 6 && !d.next_meetings.is_empty());
    assert!(d.next_meetings.iter().all(|m| m.upcoming));
    assert_eq!(
        d.agendas_awaiting_agreement.len(),
        all.iter().filter(|m| m.upcoming).count() - 2,
        "the demo's two soonest agendas are agreed, the later ones still being prepared"
    );
    let names: Vec<_> = d
        .vetting_and_agreements
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        !names.is_empty(),
        "the demo has expired and expiring vetting"
    );
    for p in &d.vetting_and_agreements {
        assert!(
            !p.warnings.is_empty(),
            "{} has a reason to be listed",
            p.name
        );
    }
    // Both minutes registers agree with the dashboard.
    let log = minutes::actions::log(&vault, &Default::default(), today()).unwrap();
    assert_eq!(
        log.iter().filter(|a| a.overdue).count(),
        d.overdue_actions.len()
    );
}

#[test]
fn search_finds_every_kind_in_any_script() {
    let (_t, vault) = demo_vault();
    let kinds = |q: &str| {
        search::search(&vault, q, today())
            .unwrap()
            .groups
            .into_iter()
            .map(|g| g.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds("ਹਰਪ੍ਰੀਤ"), [HitKind::Member]);
    assert_eq!(kinds("فاطمة"), [HitKind::Member]);
    assert!(kinds("Marlow Fen Community Centre").contains(&HitKind::Meeting));
    assert!(kinds("community feedback tensions").contains(&HitKind::AgendaItem));
    assert!(
        kinds("beat surgeries").contains(&HitKind::Minutes),
        "a note"
    );
    assert!(kinds("dispersal orders").contains(&HitKind::Advice));
    assert!(kinds("rota of members").contains(&HitKind::Action));
    // Confidential minutes are found in the app, and marked.
    let r = search::search(&vault, "Fenside estate", today()).unwrap();
    let hit = &r
        .groups
        .iter()
        .find(|g| g.kind == HitKind::Minutes)
        .unwrap()
        .hits[0];
    assert!(hit.confidential && hit.link.ends_with("/minutes"));
    // Every word must match; nothing matches nothing.
    assert_eq!(
        search::search(&vault, "Fenside zebra", today())
            .unwrap()
            .total,
        0
    );
    assert_eq!(search::search(&vault, "   ", today()).unwrap().total, 0);
    // Case does not matter.
    assert_eq!(
        search::search(&vault, "BEAT SURGERIES", today())
            .unwrap()
            .total,
        search::search(&vault, "beat surgeries", today())
            .unwrap()
            .total
    );
}

#[test]
fn the_tour_is_offered_once_per_vault_until_taken_or_skipped() {
    let temp = crate::support::TempVault::new();
    let mut vault = temp.create();
    assert!(dashboard::dashboard(&vault, now()).unwrap().tour_offered);
    dashboard::finish_tour(&mut vault).unwrap();
    assert!(!dashboard::dashboard(&vault, now()).unwrap().tour_offered);
    // Remembered in the vault, not the window.
    drop(vault);
    let vault = temp.unlock();
    assert!(!dashboard::tour_offered(&vault).unwrap());
}
