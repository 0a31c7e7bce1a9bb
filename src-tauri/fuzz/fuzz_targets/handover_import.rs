//! Meeting hand-over import: a JSON file from another laptop, which anyone
//! could have edited, must be imported whole or refused with its problems,
//! never panic. The vault holds the demo force plus a copy of every demo
//! meeting under a fixed hand-over id, so the seeds (the same meetings
//! exported, see `iag_desk_fuzz::handover_files`) reach both paths: a new
//! meeting, and an update of one already here (or its refusal).
//!
//! A refusal must be a list of problems, each with its JSON path, never a
//! failure inside the vault, which tells the person nothing they can fix.
//!
//! When an import passes, the meeting is exported again and that file must
//! import too: what IAG Desk writes, it must read (approved minutes, which
//! are locked, may only be refused as such). The vault is then copied
//! afresh, so every input meets the same vault.

#![no_main]

use iag_desk_core::confidentiality::Audience;
use iag_desk_core::meetings::handover;
use iag_desk_core::ErrorKind;
use iag_desk_core::Vault;
use iag_desk_fuzz::{
    demo_vault, handover_files, now, scratch, snapshot, today, write_seeds_if_asked, TemplateVault,
};
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

fn state() -> &'static Mutex<TemplateVault> {
    static STATE: OnceLock<Mutex<TemplateVault>> = OnceLock::new();
    STATE.get_or_init(|| {
        // Exported from a vault of their own: exporting gives a meeting a
        // random hand-over id, which the template must not hold.
        let files = handover_files(&mut demo_vault(&scratch().join("export.vault")));
        let mut vault = demo_vault(&scratch().join("template.vault"));
        for (name, json) in files.iter().filter(|(n, _)| n.ends_with("-members.json")) {
            handover::import(&mut vault, json, now())
                .unwrap_or_else(|e| panic!("the demo meeting {name} does not import: {e:?}"));
        }
        Mutex::new(TemplateVault::new(
            snapshot(vault),
            scratch().join("work.vault"),
        ))
    })
}

/// Every demo meeting for members and for the public, plus one under an id
/// the template does not know (a new meeting, not an update), and one with
/// a paper, approved and then amended (the demo has no amendment).
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut vault = demo_vault(&scratch().join("seeds.vault"));
    let mut files = handover_files(&mut vault);
    if let Some((_, json)) = files.iter().find(|(n, _)| n.ends_with("-members.json")) {
        let mut file: handover::HandOver = serde_json::from_str(json).expect("our own export");
        file.meeting.id = "a meeting new to this vault".into();
        let json = serde_json::to_string_pretty(&file).expect("write JSON");
        files.push(("new-meeting-members.json".into(), json));
    }
    files.push((
        "approved-amended-paper-members.json".into(),
        approved_and_amended(&mut vault),
    ));
    files
        .into_iter()
        .map(|(name, json)| (name, json.into_bytes()))
        .collect()
}

/// A meeting with papers and minutes at every level, approved at the next
/// meeting and amended: its members' file, under an id the template does
/// not know.
fn approved_and_amended(vault: &mut Vault) -> String {
    use iag_desk_core::meetings::plan::{self, MeetingForm};
    use iag_desk_core::minutes::{self, EntryDraft};
    let group = plan::detail(
        vault,
        iag_desk_core::meetings::list(vault, now()).expect("meetings")[0].id,
    )
    .expect("a demo meeting")
    .group_id;
    let meeting = |vault: &mut Vault, date: &str| {
        plan::create(
            vault,
            &MeetingForm {
                group_id: group.0,
                date: date.into(),
                time: "18:30".into(),
                venue: "Fuzz seed hall".into(),
                ..Default::default()
            },
        )
        .expect("a meeting for the seed")
    };
    let id = meeting(vault, "14/10/2026");
    let items = plan::detail(vault, id).expect("the meeting").items;
    let (open, other) = (items[5].id, items[7].id);
    for (item, name, bytes) in [
        (open, "Police update.pdf", &b"%PDF-1.7 open figures"[..]),
        (other, "Community notes.txt", &b"a few lines"[..]),
    ] {
        plan::attach_paper(vault, id, item, name, bytes, now()).expect("a paper");
    }
    let mut entry = |kind: &str, level: &str, text: &str| {
        minutes::save_entry(
            vault,
            id,
            &EntryDraft {
                item_id: open,
                kind: kind.into(),
                confidentiality: level.into(),
                text: text.into(),
                due_on: if kind == "action" {
                    "30/10/2026".into()
                } else {
                    String::new()
                },
                owner_text: if kind == "action" {
                    "The secretary".into()
                } else {
                    String::new()
                },
                ..Default::default()
            },
            now(),
        )
        .expect("an entry")
        .id
    };
    let note = entry("note", "", "Burglary fell by 10%.");
    let secret = entry(
        "note",
        "confidential",
        "A named officer's conduct was raised.",
    );
    entry("action", "", "Circulate the figures.");
    entry("note", "not_recorded", "never kept");
    let next = meeting(vault, "11/11/2026");
    let at = plan::detail(vault, next).expect("the next meeting").items[3].id;
    minutes::approve(vault, id, next, at, now()).expect("approved");
    minutes::amend(
        vault,
        id,
        note,
        "Burglary fell by 12%.",
        "The figure was corrected.",
        today(),
    )
    .expect("amended");
    minutes::amend(
        vault,
        id,
        secret,
        "A named officer's conduct was raised again.",
        "Wording.",
        today(),
    )
    .expect("amended");
    let json = handover::export(vault, id, Audience::Members).expect("export the seed");
    let mut file: handover::HandOver = serde_json::from_str(&json).expect("our own export");
    file.meeting.id = "an approved meeting new to this vault".into();
    serde_json::to_string_pretty(&file).expect("write JSON")
}

fuzz_target!(
    init: {
        write_seeds_if_asked(seeds);
        state();
    },
    |data: &[u8]| {
        // The file is read as text first; bytes that are not UTF-8 never
        // reach the import.
        let Ok(json) = std::str::from_utf8(data) else {
            return;
        };
        let mut state = state().lock().unwrap();
        let imported = match handover::import(state.vault(), json, now()) {
            Ok(imported) => imported,
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Invalid, "refused without a problem list: {e:?}");
                return;
            }
        };
        let again = handover::export(state.vault(), imported.meeting, Audience::Members)
            .unwrap_or_else(|e| panic!("an imported meeting does not export: {e:?}"));
        if let Err(e) = handover::import(state.vault(), &again, now()) {
            // Approved minutes are locked: importing them again over
            // themselves is refused by design, with that one problem.
            let approved = serde_json::from_str::<handover::HandOver>(&again)
                .is_ok_and(|f| f.meeting.approval.is_some());
            let locked = e.problems().len() == 1
                && e.problems()[0].field == "meeting.id"
                && e.problems()[0].message.contains("approved here");
            if !(approved && locked) {
                panic!(
                    "IAG Desk's own export of an imported meeting does not import: {e:?}\n{again}"
                );
            }
        }
        state.reset();
    }
);
