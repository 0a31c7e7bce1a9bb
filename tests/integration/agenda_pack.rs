//! The agenda pack: the papers merged in agenda order behind dividers, the
//! contents' page numbers, the marking and "Page n of N" on every page,
//! qpdf's structural check, what goes to the public and what to members,
//! supplements, and papers that cannot be merged.

use crate::support::{demo_vault, export, now, pdf_info, pdf_pages, pdf_text};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::documents::{render_pdf, Block, Document};
use iag_desk_core::exports::{Readers, Request};
use iag_desk_core::ids::MeetingId;
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::Vault;

/// A confidential paper's words, name and PDF title, and a confidential
/// item's title: none may reach the public pack.
pub(crate) const CANARY_TEXT: &str = "CANARY-paper-text the informant on Mill Lane";
pub(crate) const CANARY_NAME: &str = "CANARY-paper-name.pdf";
pub(crate) const CANARY_TITLE: &str = "CANARY-paper-metadata";
pub(crate) const CANARY_ITEM: &str = "CANARY-item-title";

/// A PDF paper of `pages` pages, each saying which paper and page it is,
/// its own title (metadata) set to `title`.
pub(crate) fn pdf_paper(label: &str, pages: usize, title: &str) -> Vec<u8> {
    let mut d = Document::new(title, "Fenwold Police");
    for n in 1..=pages {
        if n > 1 {
            d.blocks.push(Block::PageBreak);
        }
        d.blocks
            .push(Block::paragraph(format!("{label} page {n} of the paper")));
    }
    render_pdf(&d).unwrap()
}

/// A 120 × 80 PNG, half transparent.
fn png_paper() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 120, 80);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        // Text chunks are a picture's metadata: it must not travel.
        encoder
            .add_text_chunk("Comment".into(), CANARY_TITLE.into())
            .unwrap();
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..120 * 80)
            .flat_map(|i| [(i % 255) as u8, 90, 160, if i % 2 == 0 { 255 } else { 128 }])
            .collect();
        writer.write_image_data(&pixels).unwrap();
    }
    out
}

pub(crate) fn meeting(vault: &mut Vault) -> MeetingId {
    let g = crate::support::group_named(vault, "Marlow Fen Local IAG");
    plan::create(
        vault,
        &MeetingForm {
            group_id: g.0,
            date: "09/12/2026".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre, Mill Lane".into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn item(vault: &Vault, id: MeetingId, position: usize) -> i64 {
    plan::detail(vault, id).unwrap().items[position].id
}

pub(crate) fn attach(
    vault: &mut Vault,
    id: MeetingId,
    position: usize,
    name: &str,
    bytes: &[u8],
) -> i64 {
    let item = item(vault, id, position);
    plan::attach_paper(vault, id, item, name, bytes, now()).unwrap();
    plan::detail(vault, id).unwrap().items[position]
        .papers
        .iter()
        .find(|p| p.file_name == name)
        .unwrap()
        .id
}

fn pack(vault: &Vault, id: MeetingId, audience: Audience) -> iag_desk_core::exports::Export {
    export(
        vault,
        Request::AgendaPack {
            meeting: id,
            audience,
            supplement: false,
        },
    )
}

pub(crate) fn qpdf_check(pdf: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf must be installed (.ci/install-deps installs it)");
    assert!(
        out.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The page number the contents give for a line that contains `what`.
fn contents_page(pages: &[String], what: &str) -> usize {
    let contents = &pages[0];
    let at = contents
        .find(what)
        .unwrap_or_else(|| panic!("{what} is not in the contents:\n{contents}"));
    contents[at + what.len()..]
        .split_whitespace()
        .find_map(|w| w.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no page number after {what}:\n{contents}"))
}

#[test]
fn three_pdfs_a_picture_and_a_word_file_go_in_agenda_order_behind_their_dividers() {
    let (_t, mut vault) = demo_vault();
    let id = meeting(&mut vault);
    // Attached out of agenda order: the pack puts them back in order.
    attach(
        &mut vault,
        id,
        8,
        "Subgroup report.docx",
        b"PK\x03\x04 a Word file",
    );
    attach(
        &mut vault,
        id,
        5,
        "Stop and search Q3.pdf",
        &pdf_paper("Stop-search", 30, "Q3"),
    );
    attach(
        &mut vault,
        id,
        3,
        "Minutes of 14 October.pdf",
        &pdf_paper("Minutes", 2, "Min"),
    );
    attach(&mut vault, id, 6, "Use of force chart.png", &png_paper());
    attach(
        &mut vault,
        id,
        9,
        "Consultation.pdf",
        &pdf_paper("Consultation", 1, "Cons"),
    );

    let file = pack(&vault, id, Audience::Members);
    assert_eq!(file.readers, Readers::Members);
    assert_eq!(
        file.file_name,
        "marlow-fen-local-iag-agenda-pack-members-2026-12-09.pdf"
    );
    crate::support::keep_pdf("agenda-pack-members.pdf", &file.bytes);
    qpdf_check(&file.bytes);
    let pages = pdf_pages(&file.bytes);
    // Front sheet, agenda, 5 dividers, 30 + 2 + 1 merged pages, 1 picture.
    let total = pages.len();
    assert!(total > 1 + 1 + 5 + 33, "{total} pages");
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {total}", n + 1)),
            "page {} lacks its number:\n{page}",
            n + 1
        );
        assert!(
            page.matches("OFFICIAL-SENSITIVE").count() >= 2,
            "page {} lacks its marking at top and bottom:\n{page}",
            n + 1
        );
    }
    // The contents point at the dividers, and the dividers are in order.
    let mut last = 0;
    for (number, name) in [
        (
            "4 Minutes of the previous meeting",
            "Minutes of 14 October.pdf",
        ),
        ("6 Police update", "Stop and search Q3.pdf"),
        ("7 Scrutiny items", "Use of force chart.png"),
        ("9 Subgroup and local group reports", "Subgroup report.docx"),
        ("10 Consultations", "Consultation.pdf"),
    ] {
        let page = contents_page(&pages, name);
        assert!(page > last, "{name} on page {page} comes after page {last}");
        last = page;
        let divider = &pages[page - 1];
        let item = number.split_once(' ').unwrap();
        assert!(
            divider.contains(&format!("Item {}: {}", item.0, item.1)) && divider.contains(name),
            "page {page} is not {name}'s divider:\n{divider}"
        );
    }
    let agenda = contents_page(&pages, "Agenda");
    assert!(pages[agenda - 1].contains("Marlow Fen Local IAG: agenda"));
    // The merged pages follow their divider, in order.
    let q3 = contents_page(&pages, "Stop and search Q3.pdf");
    for n in 1..=30 {
        assert!(
            pages[q3 - 1 + n].contains(&format!("Stop-search page {n} of the paper")),
            "merged page {n}:\n{}",
            pages[q3 - 1 + n]
        );
    }
    let word = contents_page(&pages, "Subgroup report.docx");
    assert!(pages[word - 1].contains("Supplied separately: a word-processor file"));
    // The paper's own metadata does not travel; the pack's is its own.
    let info = pdf_info(&file.bytes);
    assert!(info.contains("Agenda pack: Marlow Fen Local IAG"), "{info}");
    for own in ["Title: Q3", "Title: Min", CANARY_TITLE] {
        assert!(!info.contains(own), "{own} in:\n{info}");
    }
    let raw = String::from_utf8_lossy(&qpdf_uncompressed(&file.bytes)).into_owned();
    assert!(
        !raw.contains(CANARY_TITLE),
        "a picture's text chunk reached the pack"
    );
}

/// The pack's objects uncompressed, to search its every byte.
pub(crate) fn qpdf_uncompressed(pdf: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let status = std::process::Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            "--stream-data=uncompress",
        ])
        .arg(&input)
        .arg(&output)
        .status()
        .expect("qpdf");
    assert!(status.success());
    std::fs::read(output).unwrap()
}

/// A meeting with every canary in place: a confidential item (canary
/// title) with a paper, and an open item's paper marked confidential
/// (canary name, text and PDF title) beside an open paper, whose id is
/// returned with the meeting's.
pub(crate) fn canary_meeting(vault: &mut Vault) -> (MeetingId, i64) {
    let id = meeting(vault);
    // Item 8 is taken in private, under a canary title, with a paper.
    let m = plan::detail(vault, id).unwrap();
    let mut drafts: Vec<_> = m.items.iter().map(|i| i.draft.clone()).collect();
    drafts[7].title = CANARY_ITEM.into();
    drafts[7].confidentiality = "confidential".into();
    drafts[7].public_title = "Community tensions".into();
    drafts[7].reason = "community_tension".into();
    plan::save_agenda(vault, id, &drafts).unwrap();
    attach(
        vault,
        id,
        7,
        "Tensions briefing.pdf",
        &pdf_paper(CANARY_TEXT, 2, CANARY_TITLE),
    );
    // An open item's paper marked confidential, with a canary name.
    let secret = attach(
        vault,
        id,
        5,
        CANARY_NAME,
        &pdf_paper(CANARY_TEXT, 1, CANARY_TITLE),
    );
    plan::set_paper_level(vault, id, secret, "confidential").unwrap();
    let open = attach(
        vault,
        id,
        5,
        "Police update.pdf",
        &pdf_paper("Open update", 1, "Open"),
    );
    // A confidential item's paper cannot be made open.
    let locked = plan::detail(vault, id).unwrap().items[7].papers[0].id;
    let err = plan::set_paper_level(vault, id, locked, "open").unwrap_err();
    assert!(err.to_string().contains("confidential item"), "{err}");

    (id, open)
}

#[test]
fn the_public_pack_holds_no_confidential_paper_name_text_metadata_or_title() {
    let (_t, mut vault) = demo_vault();
    let (id, open) = canary_meeting(&mut vault);
    let public = pack(&vault, id, Audience::Public);
    assert_eq!(public.readers, Readers::Anyone);
    assert!(public.audit.is_none());
    assert_eq!(public.pack.as_ref().unwrap().papers, [open]);
    qpdf_check(&public.bytes);
    let text = pdf_text(&public.bytes);
    assert!(text.contains("Open update page 1"), "{text}");
    assert!(
        text.contains("Community tensions"),
        "the public title stands in"
    );
    let raw = String::from_utf8_lossy(&qpdf_uncompressed(&public.bytes)).into_owned();
    for canary in [
        CANARY_TEXT,
        CANARY_NAME,
        CANARY_TITLE,
        CANARY_ITEM,
        "Tensions briefing",
    ] {
        assert!(!text.contains(canary), "{canary} in the public pack's text");
        assert!(
            !pdf_info(&public.bytes).contains(canary),
            "{canary} in its metadata"
        );
        assert!(!raw.contains(canary), "{canary} in the public pack's bytes");
        assert!(!public.file_name.contains(canary));
    }

    let members = pack(&vault, id, Audience::Members);
    assert!(
        members.audit.is_some(),
        "the members' pack is audited once written"
    );
    let text = pdf_text(&members.bytes);
    for canary in [CANARY_TEXT, CANARY_NAME, CANARY_ITEM, "Tensions briefing"] {
        assert!(
            text.contains(canary),
            "{canary} missing from the members' pack"
        );
    }
    assert!(
        !pdf_info(&members.bytes).contains(CANARY_TITLE),
        "a paper's own metadata is left behind even for members"
    );
}

#[test]
fn a_supplement_holds_only_the_papers_added_since_the_last_pack() {
    let (_t, mut vault) = demo_vault();
    let id = meeting(&mut vault);
    let supplement = |vault: &Vault| {
        iag_desk_core::exports::prepare(
            vault,
            &Request::AgendaPack {
                meeting: id,
                audience: Audience::Members,
                supplement: true,
            },
            crate::support::export_now(),
        )
    };
    let err = supplement(&vault).unwrap_err();
    assert!(err.to_string().contains("write the pack first"), "{err}");
    attach(
        &mut vault,
        id,
        5,
        "Police update.pdf",
        &pdf_paper("Update", 1, "U"),
    );
    let first = pack(&vault, id, Audience::Members);
    iag_desk_core::exports::record(&vault, &first, now()).unwrap();
    let err = supplement(&vault).unwrap_err();
    assert!(err.to_string().contains("no paper has been added"), "{err}");

    let late = attach(
        &mut vault,
        id,
        9,
        "Late consultation.pdf",
        &pdf_paper("Late", 1, "L"),
    );
    let file = supplement(&vault).unwrap().render().unwrap();
    assert_eq!(file.pack.as_ref().unwrap().papers, [late]);
    assert_eq!(
        file.file_name,
        "marlow-fen-local-iag-agenda-pack-members-supplement-1-2026-12-09.pdf"
    );
    let text = pdf_text(&file.bytes);
    assert!(
        text.contains("late papers, supplement 1") && text.contains("Late page 1"),
        "{text}"
    );
    assert!(
        !text.contains("Update page 1"),
        "the first pack's paper is not sent again"
    );
    iag_desk_core::exports::record(&vault, &file, now()).unwrap();
    let written = iag_desk_core::meetings::agenda_pack::written(&vault, id).unwrap();
    assert_eq!(written.len(), 2, "{written:?}");
    assert!(written[1].contains("supplement 1") && written[1].contains("1 paper."));
}

#[test]
fn an_encrypted_or_damaged_pdf_is_supplied_separately_and_a_meeting_without_papers_still_has_a_pack(
) {
    let (_t, mut vault) = demo_vault();
    let id = meeting(&mut vault);
    let empty = pack(&vault, id, Audience::Public);
    qpdf_check(&empty.bytes);
    let text = pdf_text(&empty.bytes);
    assert!(
        text.contains("The agenda has no papers.") && text.contains("Marlow Fen Local IAG: agenda")
    );

    // An encrypted copy of a good paper, made by qpdf.
    let dir = tempfile::tempdir().unwrap();
    let (plain, locked) = (dir.path().join("plain.pdf"), dir.path().join("locked.pdf"));
    std::fs::write(&plain, pdf_paper("Locked", 1, "L")).unwrap();
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "user-pass", "owner-pass", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .expect("qpdf");
    assert!(status.success());
    attach(
        &mut vault,
        id,
        5,
        "Locked.pdf",
        &std::fs::read(&locked).unwrap(),
    );
    attach(
        &mut vault,
        id,
        6,
        "Broken.pdf",
        b"%PDF-1.7 this is not really a PDF",
    );
    let reasons = iag_desk_core::meetings::agenda_pack::supplied_separately(&vault, id).unwrap();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].1.contains("encrypted"), "{reasons:?}");
    assert!(reasons[1].1.contains("damaged"), "{reasons:?}");
    let file = pack(&vault, id, Audience::Public);
    qpdf_check(&file.bytes);
    let text = pdf_text(&file.bytes);
    assert!(
        text.contains("Supplied separately: the PDF is encrypted"),
        "{text}"
    );
    assert!(
        text.contains("Supplied separately: the PDF is damaged"),
        "{text}"
    );
}

/// A newcomer opening the demo can send papers at once: each group's next
/// meeting has the police update (open) and the cases for scrutiny
/// (confidential), and only the members' pack holds the second.
#[test]
fn the_demos_next_meetings_have_an_open_and_a_confidential_paper() {
    let (_t, vault) = demo_vault();
    let upcoming: Vec<_> = iag_desk_core::meetings::list(&vault, now())
        .unwrap()
        .into_iter()
        .filter(|m| m.upcoming)
        .collect();
    let mut prepared = 0;
    for m in &upcoming {
        let detail = plan::detail(&vault, m.id).unwrap();
        let papers: Vec<_> = detail.items.iter().flat_map(|i| i.papers.iter()).collect();
        if papers.is_empty() {
            continue;
        }
        prepared += 1;
        let secret = papers
            .iter()
            .find(|p| p.file_name.starts_with("Scrutiny cases"))
            .unwrap_or_else(|| panic!("{}: {papers:?}", m.when));
        assert_eq!(secret.level.code(), "confidential");
        assert!(papers.iter().any(|p| p.level.code() == "open"));
        let public = pdf_text(&pack(&vault, m.id, Audience::Public).bytes);
        assert!(
            public.contains("Police update for the meeting on"),
            "{public}"
        );
        assert!(
            !public.contains("Records chosen for scrutiny") && !public.contains("Scrutiny cases")
        );
        let members = pdf_text(&pack(&vault, m.id, Audience::Members).bytes);
        assert!(members.contains("Records chosen for scrutiny"), "{members}");
    }
    assert!(
        prepared >= 3,
        "{prepared} of {} next meetings have papers",
        upcoming.len()
    );
}

/// A paper carrying everything a PDF can hide: document information and
/// XMP, a comment, a filled-in form field, an embedded file and a script
/// that runs on opening, each holding its own canary.
fn paper_with_hidden_parts() -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream, StringFormat};
    let mut pdf = lopdf::Document::load_mem(&pdf_paper("Visible", 1, "CANARY-info")).unwrap();
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let xmp = pdf.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        b"<x:xmpmeta><dc:title>CANARY-xmp</dc:title></x:xmpmeta>".to_vec(),
    ));
    let comment = pdf.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Text",
        "Rect" => vec![10.into(), 10.into(), 40.into(), 40.into()],
        "Contents" => text("CANARY-comment"),
    });
    let field = pdf.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx",
        "T" => text("name"), "V" => text("CANARY-field"),
        "Rect" => vec![50.into(), 50.into(), 200.into(), 70.into()],
    });
    let attached = pdf.add_object(Stream::new(
        dictionary! { "Type" => "EmbeddedFile" },
        b"CANARY-embedded".to_vec(),
    ));
    let spec = pdf.add_object(dictionary! {
        "Type" => "Filespec", "F" => text("CANARY-attachment.txt"),
        "EF" => dictionary! { "F" => attached },
    });
    let script = pdf.add_object(dictionary! {
        "S" => "JavaScript", "JS" => text("app.alert('CANARY-script')"),
    });
    let page = *pdf.get_pages().get(&1).unwrap();
    pdf.get_dictionary_mut(page).unwrap().set(
        "Annots",
        vec![Object::Reference(comment), Object::Reference(field)],
    );
    let catalog = pdf.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let root = pdf.get_dictionary_mut(catalog).unwrap();
    root.set("Metadata", xmp);
    root.set("OpenAction", script);
    root.set(
        "AcroForm",
        dictionary! { "Fields" => vec![Object::Reference(field)] },
    );
    root.set(
        "Names",
        dictionary! { "EmbeddedFiles" => dictionary! {
            "Names" => vec![text("CANARY-attachment.txt"), Object::Reference(spec)],
        }},
    );
    let mut out = Vec::new();
    pdf.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_papers_comments_form_fields_attachments_scripts_and_metadata_stay_behind() {
    let (_t, mut vault) = demo_vault();
    let id = meeting(&mut vault);
    let paper = paper_with_hidden_parts();
    // The paper really carries them: an independent reader sees them.
    let before = String::from_utf8_lossy(&qpdf_uncompressed(&paper)).into_owned();
    for canary in [
        "CANARY-comment",
        "CANARY-field",
        "CANARY-embedded",
        "CANARY-script",
        "CANARY-xmp",
    ] {
        assert!(before.contains(canary), "the test paper lacks {canary}");
    }
    attach(&mut vault, id, 5, "Briefing.pdf", &paper);
    for audience in [Audience::Public, Audience::Members] {
        let file = pack(&vault, id, audience);
        qpdf_check(&file.bytes);
        assert!(pdf_text(&file.bytes).contains("Visible page 1 of the paper"));
        let info = pdf_info(&file.bytes);
        let field = |key: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(field("JavaScript:"), "no", "{info}");
        assert_eq!(field("Form:"), "none", "{info}");
        let raw = String::from_utf8_lossy(&qpdf_uncompressed(&file.bytes)).into_owned();
        for canary in [
            "CANARY-info",
            "CANARY-comment",
            "CANARY-field",
            "CANARY-embedded",
            "CANARY-attachment",
            "CANARY-script",
            "CANARY-xmp",
        ] {
            assert!(
                !raw.contains(canary),
                "{canary} reached the {audience:?} pack"
            );
        }
    }
}

/// Papers too large together for email: the pack is still written, and
/// says so.
#[test]
fn a_pack_over_25_mb_says_so_and_suggests_sending_papers_separately() {
    let (_t, mut vault) = demo_vault();
    let id = meeting(&mut vault);
    // Two papers of 13 MB that do not compress: a picture of noise each.
    for (n, position) in [5usize, 6].into_iter().enumerate() {
        let (w, h) = (2600u32, 1700u32);
        let mut seed = 0x9E37_79B9u32.wrapping_add(n as u32);
        let pixels: Vec<u8> = (0..w * h * 3)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            })
            .collect();
        let mut png_bytes = Vec::new();
        {
            let mut e = png::Encoder::new(&mut png_bytes, w, h);
            e.set_color(png::ColorType::Rgb);
            e.set_compression(png::Compression::Fast);
            e.write_header().unwrap().write_image_data(&pixels).unwrap();
        }
        attach(
            &mut vault,
            id,
            position,
            &format!("Noise {n}.png"),
            &png_bytes,
        );
    }
    let file = pack(&vault, id, Audience::Members);
    assert!(
        file.bytes.len() > 25 * 1024 * 1024,
        "{} bytes",
        file.bytes.len()
    );
    let warning = file.size_warning.as_deref().expect("a warning");
    assert!(
        warning.contains("larger than most email systems accept"),
        "{warning}"
    );
    assert!(file
        .confirmation(std::path::Path::new("/tmp/pack.pdf"))
        .contains("send the papers separately"));
}
