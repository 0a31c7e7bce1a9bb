//! Roster CSV import: whatever bytes a spreadsheet (or anyone) hands over,
//! `roster::csv::import` must answer with a report or a list of problems,
//! never a panic. The vault holds the demo force, so the `groups` column can
//! name real groups and duplicate checks meet real people.
//!
//! A refusal must be a list of problems ("row 3, column email: …"), never a
//! failure inside the vault, which tells the person nothing they can fix.
//!
//! Each input is checked with a dry run. When the dry run passes, for one
//! input in eight (chosen by a hash of the bytes, so a crash reproduces)
//! the real import runs too and must pass with the same figures: the dry
//! run is what the window shows before anyone commits to an import. The
//! vault is then copied afresh, so every input meets the same roster; that
//! copy costs several dry runs, hence one in eight.

#![no_main]

use iag_desk_core::roster::csv;
use iag_desk_core::ErrorKind;
use iag_desk_fuzz::{demo_vault, scratch, snapshot, today, write_seeds_if_asked, TemplateVault};
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

fn state() -> &'static Mutex<TemplateVault> {
    static STATE: OnceLock<Mutex<TemplateVault>> = OnceLock::new();
    STATE.get_or_init(|| {
        let template = snapshot(demo_vault(&scratch().join("template.vault")));
        Mutex::new(TemplateVault::new(template, scratch().join("work.vault")))
    })
}

/// The demo roster as IAG Desk exports it (every row a duplicate of someone
/// already there), and one group's members.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let vault = demo_vault(&scratch().join("seeds.vault"));
    let mut out = vec![(
        "export-roster.csv".to_string(),
        csv::export(&vault, None, today()).expect("export the roster"),
    )];
    let groups = iag_desk_core::roster::groups(&vault, today()).expect("list groups");
    if let Some(g) = groups.first() {
        out.push((
            "export-group.csv".to_string(),
            csv::export(&vault, Some(g.id), today()).expect("export a group"),
        ));
    }
    out
}

/// FNV-1a: a stable hash, unlike std's, which is seeded per process.
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fuzz_target!(
    init: {
        write_seeds_if_asked(seeds);
        state();
    },
    |data: &[u8]| {
        let mut state = state().lock().unwrap();
        let planned = match csv::import(state.vault(), data, true, today()) {
            Ok(report) => report,
            // A file is refused with its problems, never with a failure of
            // the vault, which would tell the person nothing they can fix.
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Invalid, "refused without a problem list: {e:?}");
                return;
            }
        };
        if !fnv1a(data).is_multiple_of(8) {
            return;
        }
        let done = csv::import(state.vault(), data, false, today()).unwrap_or_else(|e| {
            panic!("the dry run passed ({planned:?}) but the import failed: {e:?}")
        });
        let figures = |r: &csv::ImportReport| {
            (r.rows, r.empty_rows_skipped, r.people_added, r.roles_added)
        };
        assert_eq!(
            figures(&planned),
            figures(&done),
            "the dry run and the import disagree"
        );
        state.reset();
    }
);
