//! Agenda PDF benchmark: `cargo bench -p iag-desk-core --bench agenda`.
//!
//! Renders a 15-item agenda (the standard twelve plus three, with names in
//! several scripts) in-process, fonts loaded once as in the running app,
//! and prints the median with min and max against the 50 ms budget.

use iag_desk_core::exports;
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::plan;

#[path = "common/mod.rs"]
mod common;

fn main() {
    let (_dir, mut vault, id) = common::demo_meeting();
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

    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10}",
        "benchmark (ms)", "median", "min", "max", "budget"
    );
    common::report(
        "agenda PDF, 15 items (read + lay out + PDF)",
        50.0,
        30,
        "fonts parsed on the first run; ",
        || {
            common::export(
                &vault,
                exports::Request::Agenda {
                    meeting: id,
                    format: exports::Format::Pdf,
                },
            )
        },
    );
}
