//! Re-layout after an edit (issue 22): the documents preview keeps its last
//! pages in a `Relayout` and lays out again only from the edited block on.
//! Whatever is edited, at the start, in the middle or at the end of the
//! induction pack or of the minutes, the pages must be exactly those of a
//! fresh layout of the new version: every line, every footer's "Page n of
//! N", every number in the pack's contents.

use crate::support::{demo_vault, group_named, now, today};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::documents::{layout, Layout, LineRole, Relayout};
use iag_desk_core::ids::{GroupId, MeetingId};
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::minutes::{self, document, EntryDraft};
use iag_desk_core::publications::{self, pack, Publication};
use iag_desk_core::Vault;

const GROUP: &str = "Marlow Fen Local IAG";

/// Checks `resumed` against `fresh` page for page, with the footers and
/// (for the pack) the contents' numbers named when they differ.
fn assert_same_pages(resumed: &Layout, fresh: &Layout, what: &str) {
    assert_eq!(
        resumed.pages.len(),
        fresh.pages.len(),
        "{what}: as many pages as a fresh layout"
    );
    for (a, b) in resumed.pages.iter().zip(&fresh.pages) {
        let footer = |p: &iag_desk_core::documents::Page| {
            p.lines_with(LineRole::Footer)
                .map(|l| l.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            footer(a),
            footer(b),
            "{what}: the footer of page {}",
            b.number
        );
        assert_eq!(a.text(), b.text(), "{what}: the text of page {}", b.number);
        assert!(a == b, "{what}: page {} glyph for glyph", b.number);
    }
}

/// An edit to a block's wording.
type Change = dyn Fn(&str) -> String;

/// The pack's wording of `key` with `change` made to it.
fn edit_pack(vault: &mut Vault, group: GroupId, key: &str, change: impl Fn(&str) -> String) {
    let texts = publications::texts(vault, group, Publication::InductionPack).unwrap();
    let body = &texts.iter().find(|t| t.key == key).unwrap().body;
    publications::save_text(vault, group, key, &change(body), now()).unwrap();
}

#[test]
fn the_pack_after_an_edit_anywhere_is_the_pack_laid_out_afresh() {
    let (_t, mut vault) = demo_vault();
    let group = group_named(&vault, GROUP);
    let fatima = crate::support::person_named(&vault, "فاطمة الزهراء حسن");
    let mut kept = Relayout::default();
    let preview = |vault: &Vault, kept: &mut Relayout| {
        publications::preview_in(
            vault,
            group,
            Publication::InductionPack,
            Some(fatima),
            true,
            today(),
            kept,
        )
        .unwrap()
    };
    preview(&vault, &mut kept);

    let one_word = |body: &str| format!("{body} Welcome.");
    // Three paragraphs more: the section runs onto another page, so every
    // later section, every contents number and every footer moves.
    let longer = |body: &str| {
        format!("{body}{}", "\n\nA paragraph more about it, long enough to wrap over a line or two at sixteen points.".repeat(6))
    };
    let glossary_line =
        |body: &str| format!("{body}\nWard panel: a meeting where residents set local priorities.");
    let edits: [(&str, &str, &Change); 7] = [
        ("start, a word", "prologue", &one_word),
        ("start, pages more", "prologue", &longer),
        ("middle, a word", "nolan", &one_word),
        ("middle, a glossary term", "glossary", &glossary_line),
        ("middle, pages more", "person_specification", &longer),
        ("end, a word", "agreement", &one_word),
        ("end, pages more", "agreement", &longer),
    ];
    let mut page_counts = Vec::new();
    for (what, key, change) in edits {
        edit_pack(&mut vault, group, key, change);
        let svgs = preview(&vault, &mut kept);
        let view = pack::build(&vault, group, Some(fatima), today()).unwrap();
        let (_, fresh) = pack::document(&view, true).unwrap();
        assert_same_pages(kept.current(), &fresh, what);
        assert_eq!(
            svgs,
            publications::preview(
                &vault,
                group,
                Publication::InductionPack,
                Some(fatima),
                true,
                today()
            )
            .unwrap(),
            "{what}: the preview draws the pages of a fresh preview"
        );
        // The contents give the page each section starts on.
        let starts = pack::section_pages(&fresh);
        let contents = fresh.pages[1].text();
        for (title, page) in pack::SECTIONS.iter().zip(&starts) {
            let page = page.expect("every section is in the pack");
            assert!(
                contents.contains(&format!("{title}\n{page}")),
                "{what}: the contents say {title} starts on page {page}: {contents}"
            );
        }
        page_counts.push(fresh.pages.len());
    }
    assert!(
        page_counts.windows(2).any(|w| w[0] != w[1]),
        "some edits moved the page breaks: {page_counts:?}"
    );

    // Another member, normal print, then the terms of reference, in the
    // same kept pages: each as laid out afresh.
    let mut both = |publication: Publication| {
        let resumed =
            publications::preview_in(&vault, group, publication, None, false, today(), &mut kept)
                .unwrap();
        let fresh =
            publications::preview(&vault, group, publication, None, false, today()).unwrap();
        (resumed, fresh)
    };
    let (other, fresh) = both(Publication::InductionPack);
    assert_eq!(other, fresh, "normal print, not personalised");
    let (terms, fresh) = both(Publication::TermsOfReference);
    assert_eq!(terms, fresh, "the terms of reference after the pack");
}

/// A meeting of the group minuted over several pages; the entries' ids.
fn minuted(vault: &mut Vault) -> (MeetingId, Vec<(i64, EntryDraft)>) {
    let group = group_named(vault, GROUP);
    let meeting = plan::create(
        vault,
        &MeetingForm {
            group_id: group.0,
            date: "09/12/2026".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let items: Vec<i64> = plan::detail(vault, meeting)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect();
    let names = ["Zofia Wójcik", "فاطمة الزهراء حسن", "ਹਰਪ੍ਰੀਤ ਕੌਰ", "陈美玲"];
    let entries = (0..60)
        .map(|n| {
            let mut draft = EntryDraft {
                item_id: items[5 + n % 6],
                kind: "note".into(),
                text: format!(
                    "{} reported what residents said about stop and search after the \
                     arrest outside the youth club, and asked for the figures by ward ({n}).",
                    names[n % names.len()]
                ),
                ..Default::default()
            };
            let id = minutes::save_entry(vault, meeting, &draft, now())
                .unwrap()
                .id;
            draft.id = Some(id);
            (id, draft)
        })
        .collect();
    (meeting, entries)
}

#[test]
fn the_minutes_after_an_entry_is_edited_are_the_minutes_laid_out_afresh() {
    let (_t, mut vault) = demo_vault();
    let (meeting, entries) = minuted(&mut vault);
    let mut kept = Relayout::default();
    let doc = document::minutes_document(&vault, meeting, Audience::Public).unwrap();
    let pages = kept.layout(&doc).unwrap().pages.len();
    assert!(pages >= 4, "the minutes run over several pages ({pages})");

    let picks = [
        ("first", 0),
        ("middle", entries.len() / 2),
        ("last", entries.len() - 1),
    ];
    for (what, at) in picks {
        let (_, draft) = &entries[at];
        for (how, text) in [
            (
                "a word changed",
                draft.text.replace("residents", "neighbours"),
            ),
            (
                "lines more",
                format!("{} {}", draft.text, draft.text.repeat(4)),
            ),
            ("put back", draft.text.clone()),
        ] {
            let edited = EntryDraft {
                text,
                ..draft.clone()
            };
            minutes::save_entry(&mut vault, meeting, &edited, now()).unwrap();
            let doc = document::minutes_document(&vault, meeting, Audience::Public).unwrap();
            let resumed = kept.layout(&doc).unwrap().clone();
            assert_same_pages(
                &resumed,
                &layout(&doc).unwrap(),
                &format!("the {what} entry, {how}"),
            );
        }
    }
}
