//! The induction pack, the terms of reference and the quarterly feedback
//! report, read back from their PDFs: every section, contents page numbers
//! that match where sections start, large print that really is 16 pt, names
//! in any script on a personalised cover, and no confidential canary in the
//! feedback report.

use crate::support::{demo_vault, export, group_named, now, pack_pdf, page, pdf_pages, today};
use iag_desk_core::documents::LineRole;
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::minutes::{self, advice, EntryDraft};
use iag_desk_core::publications::{self, feedback, pack, terms, Publication};
use iag_desk_core::Vault;

const GROUP: &str = "Marlow Fen Local IAG";

#[test]
fn the_pack_has_every_section_where_its_contents_say() {
    let (_t, vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    for large_print in [false, true] {
        let pdf = pack_pdf(&vault, g, None, large_print);
        let pages = pdf_pages(&pdf);
        let contents = &pages[1];
        assert!(
            contents.starts_with(&format!("{GROUP}: induction pack"))
                && contents.contains("Contents")
        );
        for title in pack::SECTIONS {
            // "About this group 3": the number after the title in the contents.
            let at = contents
                .find(title)
                .unwrap_or_else(|| panic!("{title} is in the contents: {contents}"));
            let number: usize = contents[at + title.len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("a page number follows {title}"));
            let page = &pages[number - 1];
            let heading_start = page
                .find("OFFICIAL")
                .map(|p| p + "OFFICIAL".len())
                .unwrap_or(0);
            assert!(
                page[heading_start..].trim_start().starts_with(title),
                "{title} starts page {number} (large print {large_print}); the page begins: {}",
                &page[..page.len().min(160)]
            );
        }
    }
}

#[test]
fn large_print_body_text_is_at_least_16_points() {
    let (_t, vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    let view = pack::build(&vault, g, None, today()).unwrap();
    let (_, laid) = pack::document(&view, true).unwrap();
    let body: Vec<f32> = laid
        .pages
        .iter()
        .flat_map(|p| p.lines_with(LineRole::Body))
        .map(|l| l.size)
        .collect();
    assert!(body.len() > 50, "there is body text");
    assert!(
        body.iter().all(|s| *s >= 16.0),
        "every body line is 16 pt or more: smallest {:?}",
        body.iter().cloned().fold(f32::MAX, f32::min)
    );
    let (_, normal) = pack::document(&view, false).unwrap();
    assert!(
        normal.pages.len() < laid.pages.len(),
        "large print takes more pages"
    );
}

#[test]
fn a_personalised_cover_carries_the_members_name_in_any_script() {
    let (_t, vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    for name in ["فاطمة الزهراء حسن", "ਹਰਪ੍ਰੀਤ ਕੌਰ", "Zofia Wójcik"]
    {
        let p = crate::support::person_named(&vault, name);
        let pdf = pack_pdf(&vault, g, Some(p), false);
        let pages = pdf_pages(&pdf);
        assert!(
            pages[0].contains(&format!("Welcome, {name}")),
            "{name} on the cover: {}",
            pages[0]
        );
        assert!(
            pages.last().unwrap().contains(name),
            "and on the agreement to sign"
        );
    }
}

/// The web page has the pack's sections as one outline (the pack's title,
/// then a section each) and a contents list without page numbers.
#[test]
fn the_pack_as_a_web_page_has_every_section_and_names_in_any_script() {
    let (_t, vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    for (name, lang) in [
        ("فاطمة الزهراء حسن", Some("und-Arab")),
        ("ਹਰਪ੍ਰੀਤ ਕੌਰ", Some("und-Guru")),
        ("Zofia Wójcik", None),
    ] {
        let p = crate::support::person_named(&vault, name);
        let html = page(export(
            &vault,
            Request::Publication {
                group: g,
                publication: Publication::InductionPack,
                member: Some(p),
                large_print: false,
                format: Format::Html,
            },
        ));
        crate::support::checked_html("induction-pack.html", &html);
        assert!(html.contains(&format!("<h1>Induction pack: {GROUP}</h1>")));
        for title in pack::SECTIONS {
            assert!(
                html.contains(&format!("<h2>{title}</h2>")),
                "{title} is a section of the web page"
            );
        }
        assert!(
            !html.contains("<th scope=\"col\">Page</th>"),
            "page numbers mean nothing on a web page"
        );
        match lang {
            Some(lang) => crate::support::assert_tagged(&html, name, lang),
            None => assert!(html.contains(&format!("Welcome, {name}"))),
        }
        assert!(
            html.matches(name).count() >= 2,
            "{name} on the cover and on the agreement to sign"
        );
    }
}

#[test]
fn the_pack_is_built_from_the_roster_and_the_groups_own_words() {
    let (_t, mut vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    let prologue = "Marlow Fen welcomes you: we meet at the community centre on Mill Lane.";
    publications::save_text(&mut vault, g, "prologue", prologue, now()).unwrap();
    let blocks = publications::texts(&vault, g, Publication::InductionPack).unwrap();
    assert!(
        !blocks
            .iter()
            .find(|b| b.key == "prologue")
            .unwrap()
            .is_default
    );
    let text = pdf_pages(&pack_pdf(&vault, g, None, false)).join(" ");
    assert!(text.contains(prologue));
    for expected in [
        "Fenwold Strategic IAG",
        "Strategic IAG",
        "Gareth Lloyd",
        "Selflessness",
        "Gold group",
        "Section 60",
        "We can help you with",
        "Signature",
        "(to be confirmed)",
    ] {
        assert!(text.contains(expected), "{expected} in the pack");
    }
    // A glossary line without its meaning is refused, naming the line.
    let err = publications::save_text(&mut vault, g, "glossary", "SPOC: single point\nGold", now())
        .unwrap_err();
    assert!(err.problems()[0].message.starts_with("line 2:"), "{err:?}");
    // Saving the default (or nothing) goes back to the default.
    publications::save_text(&mut vault, g, "prologue", "", now()).unwrap();
    let blocks = publications::texts(&vault, g, Publication::InductionPack).unwrap();
    assert!(
        blocks
            .iter()
            .find(|b| b.key == "prologue")
            .unwrap()
            .is_default
    );
}

#[test]
fn terms_of_reference_carry_the_groups_settings_and_escalation() {
    let (_t, vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    let text = pdf_pages(
        &export(
            &vault,
            Request::Publication {
                group: g,
                publication: Publication::TermsOfReference,
                member: None,
                large_print: false,
                format: Format::Pdf,
            },
        )
        .bytes,
    )
    .join(" ");
    for section in terms::SECTIONS {
        assert!(text.contains(section), "{section} in the terms");
    }
    assert!(
        text.contains("Chief Superintendent Helen Marsh"),
        "the named point of escalation"
    );
    assert!(text.contains("1/3 of members"), "the quorum: {text}");
    assert!(text.contains("casting vote"));
    assert!(text.contains("23 November 2027"), "reviewed a year on");
}

#[test]
fn the_feedback_report_is_public_and_has_the_quarters_record() {
    const CANARIES: [&str; 4] = [
        "CANARY-fb-decision",
        "CANARY-fb-advice",
        "CANARY-fb-action",
        "CANARY-fb-reason",
    ];
    let (_t, mut vault) = demo_vault();
    let g = group_named(&vault, GROUP);
    let id = plan::create(
        &mut vault,
        &MeetingForm {
            group_id: g.0,
            date: "15/09/2026".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let items = plan::detail(&vault, id).unwrap().items;
    let save = |vault: &mut Vault, item: usize, kind: &str, text: &str, level: &str| {
        minutes::save_entry(
            vault,
            id,
            &EntryDraft {
                item_id: items[item].id,
                kind: kind.into(),
                text: text.into(),
                confidentiality: level.into(),
                due_on: "30/09/2026".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap()
        .id
    };
    save(
        &mut vault,
        5,
        "decision",
        "To hold a surgery at the mosque.",
        "open",
    );
    save(&mut vault, 5, "decision", CANARIES[0], "confidential");
    let secret = save(&mut vault, 5, "advice", CANARIES[1], "confidential");
    save(&mut vault, 5, "action", CANARIES[2], "confidential");
    let open = save(
        &mut vault,
        6,
        "advice",
        "Brief the schools before the operation.",
        "open",
    );
    for (advice_id, reason) in [
        (secret, CANARIES[3]),
        (open, "Operational timing did not allow it."),
    ] {
        advice::respond(
            &mut vault,
            advice_id,
            &advice::ResponseForm {
                response: "not_followed".into(),
                reason: reason.into(),
                responded_on: "20/09/2026".into(),
            },
            today(),
        )
        .unwrap();
    }
    // The demo's own Marlow Fen meeting in the quarter, wherever the demo
    // laid it out.
    let demo_q3 = iag_desk_core::meetings::list(&vault, now())
        .unwrap()
        .into_iter()
        .filter(|m| m.group_id == g && m.id != id && !m.upcoming)
        .filter_map(|m| m.start())
        .map(|at| at.date())
        .find(|d| {
            let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
            (day(7, 1)..=day(9, 30)).contains(d)
        })
        .map(iag_desk_core::dates::long_date)
        .expect("the demo has a Marlow Fen meeting in 2026-Q3");
    for group in [Some(g), None] {
        let pdf = export(
            &vault,
            Request::Feedback {
                quarter: "2026-Q3".into(),
                group,
                format: iag_desk_core::exports::Format::Pdf,
            },
        )
        .bytes;
        let text = pdf_pages(&pdf).join(" ");
        for c in CANARIES {
            assert!(!text.contains(c), "{c} leaked into the feedback report");
        }
        assert!(
            !String::from_utf8_lossy(&pdf).contains("CANARY"),
            "nor its bytes"
        );
        assert!(text.contains("Quarterly feedback"));
        assert!(text.contains("1 July 2026 to 30 September 2026"));
        assert!(text.contains("Brief the schools before the operation."));
        assert!(
            text.contains("Operational timing did not allow it."),
            "why not followed"
        );
        assert!(text.contains("To hold a surgery at the mosque."));
        assert!(
            text.contains("further decision"),
            "confidential decisions only counted"
        );
        assert!(
            text.contains(&demo_q3),
            "the demo's Q3 meeting ({demo_q3}) is listed: {text}"
        );
        assert!(text.contains("Members present"));
    }
    let err = feedback::report(&vault, "2026-Q5", None, today()).unwrap_err();
    assert_eq!(err.problems()[0].field, "quarter");
}
