//! The documents engine end to end: a document naming people in eleven
//! scripts is rendered to PDF, then read back with poppler (`pdftotext`,
//! `pdfinfo`, `pdftoppm`), the tools a reader's PDF viewer on Linux uses.
//!
//! What a correct PDF gives `pdftotext` (poppler 22.12), and so what these
//! tests assert:
//!
//! - Latin, Bengali, Gurmukhi, Devanagari, Gujarati, Tamil and Chinese:
//!   exactly the text as typed, in reading order. Indic vowel signs drawn
//!   before their consonant and conjuncts drawn as one glyph come back as
//!   typed because every run carries its text in an `/ActualText` span.
//! - Right-to-left scripts (Arabic, Urdu, Hebrew): poppler reads glyphs
//!   left to right as drawn, reverses each right-to-left stretch into
//!   reading order, and wraps it in U+202B RIGHT-TO-LEFT EMBEDDING …
//!   U+202C POP DIRECTIONAL FORMATTING so a bidi-aware display shows it
//!   correctly. The letters between those marks are in reading order; the
//!   tests remove the marks (and fold runs of spaces, which `-layout` uses
//!   for columns) before comparing.
//! - Not round-tripped (a poppler limitation, not asserted): an Arabic
//!   word whose last letter carries a mark (e.g. tanwin in "شكراً") right
//!   after left-to-right text on the same line; poppler files that leading
//!   mark with the left-to-right text. Names rarely carry marks.
//!
//! Set `IAG_DESK_DOCS_OUT=/some/dir` to keep the PDF and its pages as PNG
//! (80 dpi) for looking at.

use iag_desk_core::documents::{
    layout, render_pdf, Block, Document, LineRole, ListItem, Marking, Table, TextRun,
};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The names from the issue, each in its own script.
const NAMES: &[(&str, &str)] = &[
    ("Polish", "Zofia Wójcik"),
    ("Polish", "Łukasz Nowakowski"),
    ("Arabic", "فاطمة الزهراء حسن"),
    ("Urdu", "عمران قریشی"),
    ("Bengali", "রাজিয়া বেগম"),
    ("Gurmukhi", "ਹਰਪ੍ਰੀਤ ਕੌਰ"),
    ("Devanagari", "प्रिया शर्मा"),
    ("Chinese", "陈美玲"),
    ("Gujarati", "ભાવના પટેલ"),
    ("Tamil", "தமிழ்செல்வி முருகன்"),
    ("Hebrew", "נועה לוי"),
];

/// Body text that must never reach the PDF's metadata.
const BODY_CANARY: &str = "canary-body-7f3a";

fn minutes() -> Document {
    let mut doc = Document::new("Minutes: Marlow Fen Local IAG", "Marlow Fen Local IAG");
    doc.header_text = "Marlow Fen Local IAG".into();
    doc.marking = Marking::OfficialSensitive;
    doc.watermark = Some("DRAFT".into());
    let mut blocks = vec![
        Block::heading(1, "Minutes of the meeting"),
        Block::paragraph(format!(
            "The group met at Marlow Fen police station ({BODY_CANARY}). The chair \
             welcomed members and police colleagues."
        )),
        Block::heading(2, "Present"),
    ];
    for (script, name) in NAMES {
        blocks.push(Block::Paragraph(vec![
            TextRun::bold(format!("{script}: ")),
            TextRun::plain(*name),
        ]));
    }
    blocks.push(Block::heading(2, "Actions"));
    blocks.push(Block::NumberedList(vec![
        ListItem::new(
            "1",
            "Zofia Wójcik to circulate the stop and search figures.",
        ),
        ListItem::new("2", "فاطمة الزهراء حسن to contact the youth forum.")
            .with_children(vec![ListItem::new("2.1", "प्रिया शर्मा to book the room.")]),
    ]));
    blocks.push(Block::heading(2, "Attendance"));
    blocks.push(Block::Table(Table {
        header: vec!["Name".into(), "Role".into()],
        rows: NAMES
            .iter()
            .map(|(_, n)| vec![n.to_string(), "member".into()])
            .collect(),
        column_widths: vec![2.0, 1.0],
    }));
    blocks.push(Block::PageBreak);
    blocks.push(Block::heading(2, "Next meeting"));
    blocks.push(Block::paragraph("Tuesday 12 January 2027 at 18:30."));
    doc.blocks = blocks;
    doc
}

/// Where the PDF goes: `IAG_DESK_DOCS_OUT` if set (kept), else a temp dir.
struct Output {
    _temp: Option<tempfile::TempDir>,
    dir: PathBuf,
}

impl Output {
    fn new(name: &str) -> Self {
        match std::env::var_os("IAG_DESK_DOCS_OUT") {
            Some(dir) => {
                let dir = PathBuf::from(dir).join(name);
                std::fs::create_dir_all(&dir).expect("output folder");
                Output { _temp: None, dir }
            }
            None => {
                let temp = tempfile::tempdir().expect("temp dir");
                let dir = temp.path().to_path_buf();
                Output {
                    _temp: Some(temp),
                    dir,
                }
            }
        }
    }

    fn write_pdf(&self, doc: &Document) -> PathBuf {
        let bytes = render_pdf(doc).expect("the document renders");
        let path = self.dir.join("document.pdf");
        std::fs::write(&path, bytes).expect("write the PDF");
        path
    }
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool} failed: {out:?}");
    assert!(
        out.stderr.is_empty(),
        "{tool} must find nothing wrong with the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// pdftotext's pages (split at form feeds), each with the directional
/// marks removed and every run of white space folded to one space.
fn extracted_pages(pdf: &Path) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf);
    text.split('\u{c}')
        .map(|page| {
            let no_marks: String = page
                .chars()
                .filter(|c| {
                    !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                })
                .collect();
            no_marks.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|page| !page.is_empty())
        .collect()
}

fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} must be in the extracted text:\n{haystack}"))
}

#[test]
fn every_name_comes_back_from_pdftotext_as_typed_and_in_reading_order() {
    let out = Output::new("names");
    let pdf = out.write_pdf(&minutes());
    let pages = extracted_pages(&pdf);
    let first = &pages[0];
    for (script, name) in NAMES {
        // The label before the name on the same line: the whole line reads
        // in order, not just the name.
        let line = format!("{script}: {name}");
        assert!(
            first.contains(&line),
            "{script} name must extract as typed, after its label: {line:?} not in\n{first}"
        );
    }
    // In the table, every name is followed by its role, and the rows keep
    // their order, across the page break (the table runs onto page 2).
    let all = pages.join(" ");
    let table = &all[position(&all, "Name Role")..];
    let mut from = 0;
    for (_, name) in NAMES {
        let row = format!("{name} member");
        let at = table[from..]
            .find(&row)
            .unwrap_or_else(|| panic!("table row {row:?} must follow the previous one:\n{table}"));
        from += at + row.len();
    }
    // Mixed directions in one list item: the Arabic name, then the English.
    assert!(
        first.contains("فاطمة الزهراء حسن") && first.contains("to contact the youth forum."),
        "a list item mixing Arabic and English keeps both"
    );
}

#[test]
fn headings_come_before_their_text_and_every_page_is_numbered_and_marked() {
    let out = Output::new("structure");
    let pdf = out.write_pdf(&minutes());
    let pages = extracted_pages(&pdf);
    assert_eq!(
        pages.len(),
        3,
        "the minutes fill three pages: the attendance table runs onto page 2, \
         then a page break"
    );
    let first = &pages[0];
    let order = [
        "Minutes of the meeting",
        "The group met at Marlow Fen police station",
        "Present",
        "Zofia Wójcik",
        "Actions",
        "1 Zofia Wójcik to circulate the stop and search figures.",
        "2.1 प्रिया शर्मा to book the room.",
        "Attendance",
        "Name Role",
    ];
    let positions: Vec<usize> = order.iter().map(|s| position(first, s)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "headings must come before the text that follows them: {order:?} at {positions:?}"
    );
    assert!(
        pages[1].starts_with("Marlow Fen Local IAG OFFICIAL-SENSITIVE Name Role"),
        "the table's header row is repeated at the top of page 2: {}",
        pages[1]
    );
    let last = &pages[2];
    assert!(position(last, "Next meeting") < position(last, "Tuesday 12 January 2027"));

    for (i, page) in pages.iter().enumerate() {
        let numbering = format!("Page {} of 3", i + 1);
        assert!(
            page.contains(&numbering),
            "page {} must say {numbering:?}",
            i + 1
        );
        assert!(
            page.starts_with("Marlow Fen Local IAG OFFICIAL-SENSITIVE"),
            "page {} must start with the header and the marking: {page}",
            i + 1
        );
        assert_eq!(
            page.matches("OFFICIAL-SENSITIVE").count(),
            2,
            "page {} is marked at the top and the bottom",
            i + 1
        );
        assert!(
            page.ends_with(&format!("OFFICIAL-SENSITIVE {numbering}")),
            "page {} must end with the marking and its number: {page}",
            i + 1
        );
        assert!(
            !page.contains("DRAFT"),
            "the watermark is drawn, not text: it must not pollute copied text"
        );
    }
}

#[test]
fn the_layout_agrees_with_the_pdf_on_pages() {
    let doc = minutes();
    let laid = layout(&doc).unwrap();
    assert_eq!(laid.pages.len(), 3);
    let footers: Vec<String> = laid
        .pages
        .iter()
        .map(|p| p.lines_with(LineRole::Footer).last().unwrap().text.clone())
        .collect();
    assert_eq!(footers, ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"]);
}

#[test]
fn arabic_ligatures_and_marks_extract_in_reading_order() {
    let mut doc = Document::new("Ligatures", "IAG Desk");
    doc.blocks = vec![
        // Lam-alef is one glyph for two letters; the shadda is a mark drawn
        // over the meem; "الله" is a ligature of four letters.
        Block::paragraph("Contact: سلام علاء"),
        Block::paragraph("Chair: عبد الله محمّد"),
    ];
    let out = Output::new("arabic");
    let pdf = out.write_pdf(&doc);
    let page = &extracted_pages(&pdf)[0];
    for expected in ["Contact: سلام علاء", "Chair: عبد الله محمّد"] {
        assert!(
            page.contains(expected),
            "{expected:?} must extract as typed:\n{page}"
        );
    }
}

#[test]
fn metadata_holds_the_title_and_author_and_no_body_text() {
    let out = Output::new("metadata");
    let pdf = out.write_pdf(&minutes());
    let info = poppler("pdfinfo", &["-enc", "UTF-8"], &pdf);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo must report {name}: {info}"))
            .to_string()
    };
    assert_eq!(field("Title"), "Minutes: Marlow Fen Local IAG");
    assert_eq!(field("Author"), "Marlow Fen Local IAG");
    assert_eq!(field("Page size"), "595.276 x 841.89 pts (A4)");
    assert!(
        !info.contains(BODY_CANARY) && !info.contains("Zofia"),
        "no body text in the metadata: {info}"
    );
    let meta = poppler("pdfinfo", &["-meta"], &pdf);
    assert!(
        !meta.contains(BODY_CANARY),
        "no body text in XMP metadata either"
    );
}

#[test]
fn every_page_renders_to_an_image_without_complaint() {
    let out = Output::new("pages");
    let pdf = out.write_pdf(&minutes());
    let prefix = out.dir.join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80"])
        .arg(&pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils) must be installed");
    assert!(
        status.status.success() && status.stderr.is_empty(),
        "{status:?}"
    );
    for n in 1..=3 {
        let png = out.dir.join(format!("page-{n}.png"));
        let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
        assert!(size > 5_000, "page {n} must render to a non-blank image");
    }
}
