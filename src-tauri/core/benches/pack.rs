//! Induction pack benchmark: `cargo bench -p iag-desk-core --bench pack`.
//!
//! A 25-page large-print pack, personalised for a member with an Arabic
//! name, for the demo's Marlow Fen Local IAG (with a longer glossary so the
//! pack reaches 25 pages): read the roster and wording, lay it out twice
//! (the second pass numbers the contents), and write the PDF. Prints the
//! median with min and max against the 400 ms budget.

use iag_desk_core::documents::Relayout;
use iag_desk_core::exports;
use iag_desk_core::publications::{self, defaults, pack};
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

const PAGES: usize = 25;

fn main() {
    let (_dir, mut vault, meeting) = common::demo_meeting();
    let today = common::today();
    let group = iag_desk_core::meetings::plan::detail(&vault, meeting)
        .unwrap()
        .group_id;
    let member = iag_desk_core::roster::members::search(
        &vault,
        &iag_desk_core::roster::members::MemberQuery {
            text: "فاطمة".into(),
            ..Default::default()
        },
        today,
    )
    .unwrap()[0]
        .id;
    let now = today.and_hms_opt(20, 0, 0).unwrap();
    let pages = |vault: &iag_desk_core::Vault| {
        let view = pack::build(vault, group, Some(member), today).unwrap();
        pack::document(&view, true).unwrap().1.pages.len()
    };
    let mut glossary = defaults::GLOSSARY.to_string();
    let mut n = 0;
    while pages(&vault) < PAGES {
        for _ in 0..10 {
            n += 1;
            glossary.push_str(&format!(
                "\nLocal term {n:03}: a phrase the group uses often, explained in plain words for \
                 new members so that nobody is left out of the conversation."
            ));
        }
        publications::save_text(&mut vault, group, "glossary", &glossary, now).unwrap();
    }
    let pages = pages(&vault);

    let run = || {
        common::export(
            &vault,
            exports::Request::Publication {
                group,
                publication: publications::Publication::InductionPack,
                member: Some(member),
                large_print: true,
                format: exports::Format::Pdf,
            },
        )
    };
    common::report(
        &format!("induction pack PDF, {pages} pages"),
        400.0,
        15,
        "large print, personalised; ",
        run,
    );

    // The documents preview beside the editor: every page as SVG. From
    // nothing (the first preview), then as the window asks for it after each
    // edit, with the previous preview kept: before each run one block's
    // wording gains a word (untimed), and the preview alone is timed.
    let preview = |vault: &iag_desk_core::Vault, relayout: &mut Relayout| {
        publications::preview_in(
            vault,
            group,
            publications::Publication::InductionPack,
            Some(member),
            true,
            today,
            relayout,
        )
        .unwrap()
    };
    common::report(
        "documents preview, whole pack (nothing kept)",
        400.0,
        15,
        &format!("{pages} pages; "),
        || preview(&vault, &mut Relayout::default()),
    );
    let texts =
        publications::texts(&vault, group, publications::Publication::InductionPack).unwrap();
    let mut relayout = Relayout::default();
    preview(&vault, &mut relayout);
    let mut samples = Vec::new();
    let mut glossary_samples = Vec::new();
    for run in 0..EDITED.len() * 4 {
        let key = EDITED[run % EDITED.len()];
        let body = &texts.iter().find(|t| t.key == key).unwrap().body;
        // A word more at the end of the block's first paragraph (for the
        // glossary, its first term's meaning).
        let body = match body.split_once('\n') {
            Some((first, rest)) => format!("{first} again{run}\n{rest}"),
            None => format!("{body} again{run}"),
        };
        publications::save_text(&mut vault, group, key, &body, now).unwrap();
        let start = Instant::now();
        let svgs = std::hint::black_box(preview(&vault, &mut relayout));
        let ms = start.elapsed().as_secs_f64() * 1e3;
        if key == "glossary" {
            glossary_samples.push(ms);
        } else {
            samples.push(ms);
        }
        assert_eq!(svgs.len(), pages);
    }
    common::report_samples(
        "documents preview after a one-block edit",
        20.0,
        samples,
        "a word more in one of five sections, each in turn; the previous preview kept",
    );
    let starts = pack::section_pages(relayout.current());
    let glossary_pages = starts[8].unwrap() - starts[7].unwrap();
    common::report_samples(
        &format!("  the same, the {glossary_pages}-page glossary edited"),
        20.0,
        glossary_samples,
        "its table laid out again from its first page",
    );
}

/// The blocks the preview bench edits, in turn.
const EDITED: [&str; 6] = [
    "prologue",
    "roles",
    "glossary",
    "nolan",
    "confidentiality",
    "agreement",
];
