//! Induction pack benchmark: `cargo bench -p iag-desk-core --bench pack`.
//!
//! A 25-page large-print pack, personalised for a member with an Arabic
//! name, for the demo's Marlow Fen Local IAG (with a longer glossary so the
//! pack reaches 25 pages): read the roster and wording, lay it out twice
//! (the second pass numbers the contents), and write the PDF. Prints the
//! median with min and max against the 400 ms budget.

use iag_desk_core::exports;
use iag_desk_core::publications::{self, defaults, pack};

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
}
