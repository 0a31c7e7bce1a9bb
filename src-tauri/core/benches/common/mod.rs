//! Shared by the document benchmarks: a vault with the demo force and a new
//! meeting of Marlow Fen Local IAG on 9 December 2026, from its template.

use chrono::NaiveDate;
use iag_desk_core::ids::MeetingId;
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::{demo, roster, Passphrase, Vault};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The vault (kept alive by the returned folder) and the new meeting.
pub fn demo_meeting() -> (tempfile::TempDir, Vault, MeetingId) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("bench.vault"),
        &Passphrase::new("benchmark passphrase"),
    )
    .unwrap();
    demo::load(&mut vault, today()).unwrap();
    let group = roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Marlow Fen Local IAG")
        .unwrap();
    let id = plan::create(
        &mut vault,
        &MeetingForm {
            group_id: group.id.0,
            date: "09/12/2026".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre".into(),
            ..Default::default()
        },
    )
    .unwrap();
    (dir, vault, id)
}
