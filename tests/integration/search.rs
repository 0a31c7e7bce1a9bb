//! The vault-wide search through its index (SQLite FTS5, migration 0012):
//! the same hits as the plain scan it replaced, over the demo and a large
//! force; kept right by every kind of write; kinder to accents; and never
//! holding text that is not recorded or has been erased.

use crate::support::{demo_vault, now, today, TempVault};
use iag_desk_core::ids::PersonId;
use iag_desk_core::paging::MAX_LIMIT;
use iag_desk_core::passphrase::Passphrase;
use iag_desk_core::roster::members::{self, MemberQuery};
use iag_desk_core::search::{self, HitKind, Results};
use iag_desk_core::{data_protection, demo, Vault};
use rusqlite::Connection;

/// Every query the search tests use, and more of each sort: names in every
/// script, places, words from agendas and minutes, parts of words, dates,
/// kinds of meeting, one and two letters, one and two Chinese characters,
/// and nothing at all.
const QUERIES: &[&str] = &[
    "ਹਰਪ੍ਰੀਤ",
    "فاطمة",
    "李晓明",
    "王",
    "晓明",
    "Marlow Fen Community Centre",
    "community feedback tensions",
    "beat surgeries",
    "BEAT SURGERIES",
    "dispersal orders",
    "rota of members",
    "Fenside estate",
    "Fenside zebra",
    "stop and search",
    "youth",
    "surger",
    "Wójcik",
    "Siobhán",
    "inspector",
    "November 2026",
    "extraordinary",
    "critical incident",
    "st",
    "e",
    "@",
    // FTS5's own query syntax, typed: always plain text to match.
    "NEAR(",
    "a\"b",
    "*",
    "x OR",
    "'",
    "nobody-at-all",
];

/// The index and the scan find the same hits for `query`: the same kinds,
/// the same totals, and (where all are listed) the same hits.
fn agree(vault: &Vault, query: &str) {
    let index = search::search_listing(vault, query, today(), MAX_LIMIT).unwrap();
    let scan = search::scan(vault, query, today(), MAX_LIMIT).unwrap();
    assert_eq!(kinds(&index), kinds(&scan), "{query:?}: kinds and totals");
    for (i, s) in index.groups.iter().zip(&scan.groups) {
        assert_eq!(i.hits.len(), s.hits.len(), "{query:?}: {} listed", i.label);
        if i.total <= MAX_LIMIT {
            assert_eq!(listed(&i.hits), listed(&s.hits), "{query:?}: {}", i.label);
        }
    }
}

fn kinds(r: &Results) -> Vec<(HitKind, usize)> {
    r.groups.iter().map(|g| (g.kind, g.total)).collect()
}

fn listed(hits: &[search::Hit]) -> Vec<String> {
    let mut all: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{} | {} | {} | {}",
                h.title, h.detail, h.link, h.confidential
            )
        })
        .collect();
    all.sort();
    all
}

fn total(vault: &Vault, query: &str, kind: HitKind) -> usize {
    search::search(vault, query, today())
        .unwrap()
        .groups
        .iter()
        .find(|g| g.kind == kind)
        .map_or(0, |g| g.total)
}

/// A second connection to the vault's file, as another program would
/// open it (with the index's functions, as every IAG Desk connection has).
fn raw(t: &TempVault) -> Connection {
    iag_desk_core::storage::raw_connection_for_tests(
        &t.path,
        &Passphrase::new(crate::support::PASSPHRASE),
    )
    .unwrap()
}

/// Each index table holds exactly the texts its view defines: nothing
/// missing, nothing stale. And FTS5's own check of each index passes.
fn index_in_step(conn: &Connection) {
    for (table, view) in [
        ("search_people", "search_people_texts"),
        ("search_meetings", "search_meeting_texts"),
        ("search_agenda_items", "search_agenda_item_texts"),
        ("search_minute_entries", "search_minute_entry_texts"),
    ] {
        for (a, b) in [
            (
                format!("SELECT id, text FROM {view}"),
                format!("SELECT rowid, text FROM {table}"),
            ),
            (
                format!("SELECT rowid, text FROM {table}"),
                format!("SELECT id, text FROM {view}"),
            ),
        ] {
            let odd: i64 = conn
                .query_row(&format!("SELECT count(*) FROM ({a} EXCEPT {b})"), [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(odd, 0, "{table} is out of step with {view}");
        }
        conn.execute(
            &format!("INSERT INTO {table}({table}) VALUES ('integrity-check')"),
            [],
        )
        .unwrap();
        let secure: i64 = conn
            .query_row(
                &format!("SELECT v FROM {table}_config WHERE k = 'secure-delete'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(secure, 1, "{table} removes deleted text from its segments");
    }
}

#[test]
fn the_index_finds_what_the_scan_found_over_the_demo_and_a_large_force() {
    let (t, mut vault) = demo_vault();
    for q in QUERIES {
        agree(&vault, q);
    }
    // The queries find something: the comparison is not of empty lists.
    assert!(search::search(&vault, "王", today()).unwrap().total > 0);
    assert!(search::search(&vault, "晓明", today()).unwrap().total > 0);
    assert!(search::search(&vault, "youth", today()).unwrap().total > 0);
    index_in_step(&raw(&t));

    let demo_members = members::search(&vault, &MemberQuery::default(), today())
        .unwrap()
        .len();
    demo::large::grow(&mut vault, today(), 10_000 - demo_members, 2_000).unwrap();
    for q in QUERIES {
        agree(&vault, q);
    }
    assert!(search::search(&vault, "youth", today()).unwrap().total > MAX_LIMIT);
    index_in_step(&raw(&t));
}

#[test]
fn the_index_follows_edits_renames_levels_erasure_and_demo_removal() {
    let (t, mut vault) = demo_vault();
    let conn = raw(&t);

    // A member's details edited: found by the new name, not the old.
    let zofia = crate::support::person_named(&vault, "Zofia Wójcik");
    let mut form = members::person(&vault, zofia, today()).unwrap().form;
    form.full_name = "Zofia Kowalczyk-Brzęczyszczykiewicz".into();
    members::update_person(&mut vault, zofia, &form, today()).unwrap();
    assert_eq!(total(&vault, "Brzeczyszczykiewicz", HitKind::Member), 1);
    // (Still found by her email address, which did not change.)
    assert!(!crate::support::member_names(&vault, "Wójcik").contains(&"Zofia Wójcik".to_string()));

    // An action's owner renamed: the action is found by the new name.
    let owner: i64 = conn
        .query_row(
            "SELECT owner_id FROM minute_entries WHERE kind = 'action' AND owner_id IS NOT NULL
              AND confidentiality = 'open' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut form = members::person(&vault, PersonId(owner), today())
        .unwrap()
        .form;
    form.full_name = "Quillon Vexworth".into();
    members::update_person(&mut vault, PersonId(owner), &form, today()).unwrap();
    assert!(total(&vault, "Quillon Vexworth", HitKind::Action) > 0);
    for q in ["Quillon", "Brzęczyszczykiewicz", "Zofia", "rota of members"] {
        agree(&vault, q);
    }
    index_in_step(&conn);

    // An item made not recorded, by any program: its entries leave the index.
    let (item, text): (i64, String) = conn
        .query_row(
            "SELECT item_id, text FROM minute_entries WHERE kind = 'advice' AND length(text) > 40
              ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let phrase: String = text
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(total(&vault, &phrase, HitKind::Advice) > 0, "{phrase}");
    conn.execute(
        "UPDATE agenda_items SET confidentiality = 'not_recorded', public_title = 'Private item',
                reason = 'other', reason_other = 'test' WHERE id = ?1",
        [item],
    )
    .unwrap();
    assert_eq!(total(&vault, &phrase, HitKind::Advice), 0, "{phrase}");
    let indexed: i64 = conn
        .query_row(
            "SELECT count(*) FROM search_minute_entries WHERE rowid IN
               (SELECT id FROM minute_entries WHERE item_id = ?1)",
            [item],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexed, 0, "no text of a not-recorded item is in the index");
    agree(&vault, &phrase);
    index_in_step(&conn);

    // A person erased: their name is in no index and found nowhere.
    let name = "Łukasz Nowakowski";
    let person = crate::support::person_named(&vault, name);
    assert!(search::search(&vault, "Nowakowski", today()).unwrap().total > 0);
    data_protection::erase(&mut vault, person, name, now()).unwrap();
    assert_eq!(
        search::search(&vault, "Nowakowski", today()).unwrap().total,
        0
    );
    for q in ["Nowakowski", "Łukasz", "member"] {
        agree(&vault, q);
    }
    index_in_step(&conn);

    // The demo removed: nothing of it is left to find.
    demo::remove(&mut vault).unwrap();
    for q in QUERIES {
        agree(&vault, q);
        assert_eq!(search::search(&vault, q, today()).unwrap().total, 0, "{q}");
    }
    index_in_step(&conn);
    for table in [
        "search_people",
        "search_meetings",
        "search_agenda_items",
        "search_minute_entries",
    ] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "{table} after the demo's removal");
    }
}

#[test]
fn accents_case_and_parts_of_names_do_not_matter_in_latin_and_every_script_is_found_as_typed() {
    let (_t, vault) = demo_vault();
    let members = |q: &str| crate::support::member_names(&vault, q);
    // Typed without the letters a keyboard lacks.
    assert_eq!(members("Siobhan"), ["Siobhán Ní Bhriain"]);
    assert_eq!(members("Lukasz"), ["Łukasz Nowakowski"]);
    assert_eq!(members("malgorzata"), ["Małgorzata Kaczmarek"]);
    assert_eq!(members("Jiri Dvorak"), ["Jiří Dvořák"]);
    assert_eq!(members("Adebayo"), members("Adébáyọ̀"));
    assert!(!members("Adebayo").is_empty());
    // With the accents, too, and in capitals.
    assert_eq!(members("SIOBHÁN"), ["Siobhán Ní Bhriain"]);
    // Any part of a name.
    assert_eq!(members("owakows"), ["Łukasz Nowakowski"]);
    // Other scripts as typed, whole or in part; one and two Chinese characters.
    assert!(members("李晓明").iter().any(|n| n.contains("李晓明")));
    assert!(members("晓明").iter().any(|n| n.contains("李晓明")));
    assert!(members("王").iter().any(|n| n.contains("王建国")));
    assert!(!members("ਹਰਪ੍ਰੀ").is_empty(), "part of a Gurmukhi name");
    // The vault-wide search folds alike: a minute naming Łukasz is found as Lukasz.
    assert_eq!(
        search::search(&vault, "Lukasz", today()).unwrap().total,
        search::search(&vault, "Łukasz", today()).unwrap().total
    );
}
