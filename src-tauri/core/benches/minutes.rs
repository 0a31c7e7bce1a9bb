//! Minutes PDF benchmark: `cargo bench -p iag-desk-core --bench minutes`.
//!
//! Builds a meeting whose public minutes run to 40 pages (notes, decisions,
//! advice, actions and votes under every item, names in several scripts,
//! some entries confidential), then times the whole public-minutes export
//! in-process: read the record from the vault, filter it for the public,
//! lay it out and write the PDF. Prints the median with min and max against
//! the 300 ms budget.

use iag_desk_core::documents::layout;
use iag_desk_core::minutes::{audience, document, record};
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

const PAGES: usize = 40;

fn main() {
    let (_dir, vault, id, n) = common::minuted_meeting(PAGES);
    let pages = common::public_minutes_pages(&vault, id);

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
        || common::public_minutes_pdf(&vault, id),
    );
    println!(
        "{:<44} read {read:.1} ms, filter {filter:.1} ms, layout {lay:.1} ms, layout + PDF {write:.1} ms",
        "  of which (one run)"
    );
}
