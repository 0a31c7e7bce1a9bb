//! Agenda pack benchmark: `cargo bench -p iag-desk-core --bench papers`.
//!
//! The demo meeting with four PDF papers of 25 pages each (text and a
//! table on every page, as a police briefing has) and a picture, so the
//! members' pack merges 100 pages behind its dividers. Prints the median
//! with min and max of the whole export (read from the vault, parse each
//! paper, lay out the pack until its contents settle, draw and merge)
//! against the 500 ms budget, and of the members' email draft around it.

use iag_desk_core::confidentiality::Audience;
use iag_desk_core::documents::{render_pdf, Block, Document, Table};
use iag_desk_core::exports::Request;
use iag_desk_core::meetings::plan;

#[path = "common/mod.rs"]
mod common;

fn paper(title: &str, pages: usize) -> Vec<u8> {
    let mut d = Document::new(title, "Fenwold Police");
    for n in 1..=pages {
        if n > 1 {
            d.blocks.push(Block::PageBreak);
        }
        d.blocks
            .push(Block::heading(2, format!("{title}: part {n}")));
        d.blocks.push(Block::paragraph(
            "Figures for the quarter, by ward, with the change on the same quarter last year. \
             The latest month is provisional and may change as records are completed; members \
             are asked to send questions to the police contact before the meeting.",
        ));
        d.blocks.push(Block::Table(Table {
            header: vec!["Ward".into(), "This quarter".into(), "Last year".into()],
            rows: (0..12)
                .map(|w| {
                    vec![
                        format!("Ward {w}"),
                        (w * 7 % 23).to_string(),
                        (w * 5 % 19).to_string(),
                    ]
                })
                .collect(),
            column_widths: vec![3.0, 2.0, 2.0],
        }));
    }
    render_pdf(&d).unwrap()
}

fn main() {
    let (_dir, mut vault, id) = common::demo_meeting();
    let items: Vec<i64> = plan::detail(&vault, id)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect();
    let at = common::today().and_hms_opt(9, 0, 0).unwrap();
    for (n, position) in [3usize, 5, 6, 9].into_iter().enumerate() {
        let name = format!("Briefing {}.pdf", n + 1);
        plan::attach_paper(
            &mut vault,
            id,
            items[position],
            &name,
            &paper(&name, 25),
            at,
        )
        .unwrap();
    }
    let pack = Request::AgendaPack {
        meeting: id,
        audience: Audience::Members,
        supplement: false,
    };
    let pages = {
        let bytes = common::export(&vault, pack.clone());
        lopdf::Document::load_mem(&bytes).unwrap().get_pages().len()
    };
    assert!(pages > 100, "{pages} pages");

    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10}",
        "benchmark (ms)", "median", "min", "max", "budget"
    );
    common::report(
        "members' agenda pack, 100 merged pages",
        500.0,
        15,
        &format!("{pages} pages in all; "),
        || common::export(&vault, pack.clone()),
    );
    common::report(
        "members' email draft around that pack",
        600.0,
        15,
        "",
        || {
            common::export(
                &vault,
                Request::PapersEmail {
                    meeting: id,
                    audience: Audience::Members,
                    supplement: false,
                },
            )
        },
    );
}
