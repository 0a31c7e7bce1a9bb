//! Agenda PDF benchmark: `cargo bench -p iag-desk-core --bench agenda`.
//!
//! Renders a 15-item agenda (the standard twelve plus three, with names in
//! several scripts) in-process, fonts loaded once as in the running app,
//! and prints the median with min and max against the 50 ms budget.

use chrono::NaiveDate;
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::{demo, roster, Passphrase, Vault};
use std::time::{Duration, Instant};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("bench.vault"),
        &Passphrase::new("benchmark passphrase"),
    )
    .unwrap();
    demo::load(&mut vault, today).unwrap();
    let group = roster::groups(&vault, today)
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
    let mut items: Vec<ItemDraft> = plan::detail(&vault, id)
        .unwrap()
        .items
        .iter()
        .map(|i| i.draft.clone())
        .collect();
    for (n, presenter) in ["ਹਰਪ੍ਰੀਤ ਕੌਰ", "فاطمة الزهراء حسن", "陈美玲"]
        .into_iter()
        .enumerate()
    {
        items.insert(
            7,
            ItemDraft {
                title: format!("Community report {}", n + 1),
                presenter_text: presenter.into(),
                minutes: 5,
                depth: 1,
                ..Default::default()
            },
        );
    }
    plan::save_agenda(&mut vault, id, &items).unwrap();
    assert_eq!(plan::detail(&vault, id).unwrap().items.len(), 15);

    let first = Instant::now();
    plan::agenda_pdf(&vault, id).unwrap();
    let cold = first.elapsed();
    let mut samples: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(plan::agenda_pdf(&vault, id).unwrap());
            start.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = samples[samples.len() / 2];
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10}",
        "benchmark (ms)", "median", "min", "max", "budget"
    );
    println!(
        "{:<44} {:>10.2} {:>10.2} {:>10.2} {:>10}  {}  (n=30; first render with font parsing {:.1} ms)",
        "agenda PDF, 15 items (read + lay out + PDF)",
        ms(median),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        50,
        if ms(median) <= 50.0 { "met   " } else { "MISSED" },
        ms(cold)
    );
}
