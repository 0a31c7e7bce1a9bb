//! Minutes PDF benchmark: `cargo bench -p iag-desk-core --bench minutes`.
//!
//! Builds a meeting whose public minutes run to 40 pages (notes, decisions,
//! advice, actions and votes under every item, names in several scripts,
//! some entries confidential), then times the whole public-minutes export
//! in-process: read the record from the vault, filter it for the public,
//! lay it out and write the PDF. Prints the median with min and max against
//! the 300 ms budget.

use iag_desk_core::documents::layout;
use iag_desk_core::meetings::plan;
use iag_desk_core::minutes::{self, audience, document, record, Audience, EntryDraft};
use iag_desk_core::Vault;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

const PAGES: usize = 40;

fn pages(vault: &Vault, id: iag_desk_core::ids::MeetingId) -> usize {
    let r = record::record(vault, id).unwrap();
    layout(&document::public_document(&audience::public_minutes(&r)))
        .unwrap()
        .pages
        .len()
}

fn main() {
    let now = common::today().and_hms_opt(20, 0, 0).unwrap();
    let (_dir, mut vault, id) = common::demo_meeting();
    let items: Vec<i64> = plan::detail(&vault, id)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect();
    let names = [
        "Zofia Wójcik",
        "فاطمة الزهراء حسن",
        "রাজিয়া বেগম",
        "ਹਰਪ੍ਰੀਤ ਕੌਰ",
        "प्रिया शर्मा",
        "陈美玲",
        "Siobhán Ní Bhriain",
    ];
    let kinds = ["note", "decision", "advice", "action", "note", "vote"];
    let mut n = 0;
    while pages(&vault, id) < PAGES {
        for _ in 0..20 {
            let name = names[n % names.len()];
            let kind = kinds[n % kinds.len()];
            let draft = EntryDraft {
                item_id: items[5 + n % 6],
                kind: kind.into(),
                confidentiality: if n % 9 == 0 { "confidential" } else { "" }.into(),
                text: format!(
                    "{name} reported what residents on the Fenside estate said about stop and \
                     search after the arrest outside the youth club, and asked the inspector \
                     for the figures by ward and by self-defined ethnicity for the quarter ({n})."
                ),
                police_recipient: "Inspector Gareth Lloyd".into(),
                owner_text: name.into(),
                due_on: "22/12/2026".into(),
                votes_for: 5,
                votes_against: 5,
                votes_abstain: 1,
                casting_vote: "for".into(),
                ..Default::default()
            };
            minutes::save_entry(&mut vault, id, &draft, now).unwrap();
            n += 1;
        }
    }
    let pages = pages(&vault, id);

    // Where the time goes, once: read, filter, lay out, write.
    let phase = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64() * 1e3
    };
    let mut r = None;
    let read = phase(&mut || r = Some(record::record(&vault, id).unwrap()));
    let r = r.unwrap();
    let mut doc = None;
    let filter =
        phase(&mut || doc = Some(document::public_document(&audience::public_minutes(&r))));
    let doc = doc.unwrap();
    let lay = phase(&mut || {
        layout(&doc).unwrap();
    });
    let write = phase(&mut || {
        iag_desk_core::documents::render_pdf(&doc).unwrap();
    });

    common::report(
        &format!("minutes PDF, {pages} pages (read + filter + PDF)"),
        300.0,
        15,
        &format!("{pages} pages, {n} entries; "),
        || document::minutes_pdf(&vault, id, Audience::Public).unwrap(),
    );
    println!(
        "{:<44} read {read:.1} ms, filter {filter:.1} ms, layout {lay:.1} ms, layout + PDF {write:.1} ms",
        "  of which (one run)"
    );
}
