//! Documents: every PDF IAG Desk produces (agendas, minutes, rosters) is a
//! [`Document`] built by its area and handed to this engine.
//!
//! Two steps, so tests can check a document without reading PDF bytes:
//!
//! 1. [`layout`] is pure: it shapes the text (rustybuzz, a port of HarfBuzz),
//!    orders right-to-left runs (unicode-bidi), wraps lines to real glyph
//!    advances, breaks pages (tables between rows, repeating their header) and
//!    adds the header, the security marking and "Page n of N" to every page.
//!    The result, a [`Layout`], is every glyph's position on every page, and
//!    for every line the [`Part`] of the document it belongs to.
//! 2. [`render_pdf`] writes that layout to PDF bytes, placing glyphs by id,
//!    embedding subsets of the fonts this crate ships (with printpdf), and
//!    wrapping each run of text in an `/ActualText` span so copy-and-paste,
//!    search and screen readers get the words in logical order, whatever the
//!    script. The PDF is tagged (`tagged`): a structure tree of headings,
//!    paragraphs, lists and tables, so a screen reader can move by heading,
//!    read a list as a list and say which column header a cell is under.
//!
//! The same document is also written as an accessible web page by
//! [`html::render_html`], the alternative format to the PDF.
//!
//! Invariants: rendering draws exactly what the layout says and shapes
//! nothing itself; no line of the layout crosses the margins; the PDF's
//! metadata holds the caller's title, author and language, and nothing else
//! from the body. Every PDF is tagged (`/MarkInfo /Marked true`): its
//! structure tree follows the document's blocks in reading order and claims
//! every line of body text exactly once, a paragraph or a cell continued
//! overleaf staying one element; everything else drawn (running header and
//! footer, marking, page numbers, watermark, borders, a table's header row
//! repeated overleaf) is an artifact, so a screen reader reads the content
//! once and none of the furniture of every page.

mod content;
mod docx;
mod fonts;
pub mod html;
mod inset;
mod layout;
pub mod preview;
mod relayout;
mod render;
mod tagged;
mod text;

pub use docx::render_docx;
pub use fonts::FontFace;
pub use html::render_html;
pub use inset::{picture, Inset, Picture};
pub use layout::{
    layout, Fill, GlyphRun, Layout, Line, LineRole, Page, Part, PlacedGlyph, Rule, Watermark,
    BODY_BOTTOM_MM, BODY_TOP_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM,
};
pub use relayout::Relayout;
pub use render::{render_layout, render_layout_with_insets, render_pdf};

/// A document to lay out and render. Text anywhere in it may be in any
/// script; the engine picks a font per run of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Shown in the PDF viewer's title bar and stored in the PDF metadata.
    pub title: String,
    /// Stored in the PDF metadata (usually the group or the person).
    pub author: String,
    /// BCP 47 tag of the document's main language, stored in the PDF catalog.
    pub language: String,
    /// The Government Security Classification shown on every page.
    pub marking: Marking,
    /// Left of every page's header, e.g. the group's name.
    pub header_text: String,
    /// Large diagonal text behind every page, e.g. "DRAFT".
    pub watermark: Option<String>,
    /// Multiplies every text size: 1 for normal print; 1.6 for large print
    /// (body text 16 pt).
    pub text_scale: f32,
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty British English document marked OFFICIAL.
    pub fn new(title: impl Into<String>, author: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            author: author.into(),
            language: "en-GB".to_string(),
            marking: Marking::Official,
            header_text: String::new(),
            watermark: None,
            text_scale: 1.0,
            blocks: Vec::new(),
        }
    }
}

pub use crate::vocabulary::Marking;

/// One piece of a document's body, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 (largest) to 3; other levels are treated as the nearest.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<TextRun>),
    /// Numbered items; the caller supplies the labels ("1", "2", "2.1").
    NumberedList(Vec<ListItem>),
    Table(Table),
    /// Vertical space, in millimetres.
    Spacer(f32),
    /// Start the next block on a new page.
    PageBreak,
    /// A whole page kept for the n-th inset (a paper's page or a picture),
    /// which the PDF renderer draws in its body; a web page shows nothing.
    Inset(usize),
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph(vec![TextRun::plain(text)])
    }
}

/// A run of text with one style. A `'\n'` inside a run starts a new line.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub bold: bool,
}

impl TextRun {
    pub fn plain(text: impl Into<String>) -> Self {
        TextRun {
            text: text.into(),
            bold: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Self {
        TextRun {
            text: text.into(),
            bold: true,
        }
    }
}

/// One item of a numbered list, with at most one level of sub-items
/// (sub-items of sub-items are laid out at the sub-item level).
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub label: String,
    pub text: Vec<TextRun>,
    pub children: Vec<ListItem>,
}

impl ListItem {
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        ListItem {
            label: label.into(),
            text: vec![TextRun::plain(text)],
            children: Vec::new(),
        }
    }

    pub fn with_children(mut self, children: Vec<ListItem>) -> Self {
        self.children = children;
        self
    }
}

/// A table whose rows never split across pages unless one row is taller
/// than a page; its header row is repeated at the top of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each column's share of the text width. Normalised, so `[1.0, 2.0]`
    /// and `[0.33, 0.67]` mean the same; empty means equal columns.
    pub column_widths: Vec<f32>,
}

#[cfg(test)]
mod timing {
    //! Not a check: `cargo test --release -p iag-desk-core --lib
    //! documents::timing -- --ignored --nocapture` prints how long a
    //! typical two-page document takes to lay out and render.

    use super::*;
    use std::time::Instant;

    fn fifteen_item_agenda() -> Document {
        let names = [
            "Zofia Wójcik",
            "Łukasz Nowakowski",
            "فاطمة الزهراء حسن",
            "عمران قریشی",
            "রাজিয়া বেগম",
            "ਹਰਪ੍ਰੀਤ ਕੌਰ",
            "प्रिया शर्मा",
            "陈美玲",
        ];
        let mut doc = Document::new("Agenda", "Marlow Fen Local IAG");
        doc.header_text = "Marlow Fen Local IAG".into();
        doc.watermark = Some("DRAFT".into());
        doc.blocks.push(Block::heading(1, "Agenda"));
        let items = (1..=15)
            .map(|i| {
                ListItem::new(
                    i.to_string(),
                    format!(
                        "{} to report on the stop and search figures for the quarter, with a \
                         breakdown by ward and by self-defined ethnicity, and to propose the \
                         questions the group will put to the district commander.",
                        names[i % names.len()]
                    ),
                )
            })
            .collect();
        doc.blocks.push(Block::NumberedList(items));
        doc.blocks.push(Block::Table(Table {
            header: vec!["Name".into(), "Role".into()],
            rows: names
                .iter()
                .map(|n| vec![n.to_string(), "member".into()])
                .collect(),
            column_widths: vec![2.0, 1.0],
        }));
        doc
    }

    #[test]
    #[ignore = "timing, not a check: run by hand in release"]
    fn render_a_two_page_agenda() {
        let doc = fifteen_item_agenda();
        // The first render parses the fonts it needs, once per process.
        let cold = Instant::now();
        render_pdf(&doc).unwrap();
        let cold_ms = cold.elapsed().as_secs_f64() * 1000.0;
        let pages = layout(&doc).unwrap().pages.len();
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..21 {
            let start = Instant::now();
            size = render_pdf(&doc).unwrap().len();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let layout_start = Instant::now();
        for _ in 0..21 {
            layout(&doc).unwrap();
        }
        let layout_ms = layout_start.elapsed().as_secs_f64() * 1000.0 / 21.0;
        println!(
            "{pages} pages, {size} bytes: render median {:.1} ms (min {:.1}, max {:.1}); \
             layout alone {layout_ms:.1} ms; first render, parsing fonts, {cold_ms:.1} ms",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
}
