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

/// Runs `f` once cold, then `runs` times, and prints one line: median, min
/// and max in milliseconds against `budget_ms`, with `note` after it.
pub fn report<T>(label: &str, budget_ms: f64, runs: usize, note: &str, mut f: impl FnMut() -> T) {
    use std::time::{Duration, Instant};
    let first = Instant::now();
    std::hint::black_box(f());
    let cold = first.elapsed();
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(samples[samples.len() / 2]);
    println!(
        "{label:<44} {median:>10.2} {:>10.2} {:>10.2} {budget_ms:>10}  {}  (n={runs}; {note}first run {:.1} ms)",
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        if median <= budget_ms { "met   " } else { "MISSED" },
        ms(cold)
    );
}
