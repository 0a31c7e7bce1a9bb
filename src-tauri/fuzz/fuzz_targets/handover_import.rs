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
//! import too: what IAG Desk writes, it must read. The vault is then copied
//! afresh, so every input meets the same vault.

#![no_main]

use iag_desk_core::confidentiality::Audience;
use iag_desk_core::meetings::handover;
use iag_desk_core::ErrorKind;
use iag_desk_fuzz::{
    demo_vault, handover_files, now, scratch, snapshot, write_seeds_if_asked, TemplateVault,
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
/// the template does not know (a new meeting, not an update).
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut files = handover_files(&mut demo_vault(&scratch().join("seeds.vault")));
    if let Some((_, json)) = files.iter().find(|(n, _)| n.ends_with("-members.json")) {
        let mut file: handover::HandOver = serde_json::from_str(json).expect("our own export");
        file.meeting.id = "a meeting new to this vault".into();
        let json = serde_json::to_string_pretty(&file).expect("write JSON");
        files.push(("new-meeting-members.json".into(), json));
    }
    files
        .into_iter()
        .map(|(name, json)| (name, json.into_bytes()))
        .collect()
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
            panic!("IAG Desk's own export of an imported meeting does not import: {e:?}\n{again}");
        }
        state.reset();
    }
);
