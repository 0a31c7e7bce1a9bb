//! The pure layout step: a [`Document`] becomes pages of positioned glyphs.
//!
//! Coordinates are millimetres from the top-left corner of an A4 portrait
//! page; a line's `baseline` is where its glyphs sit. Font sizes are points.
//!
//! Invariants (tested below): every body line lies between the left and
//! right margins and between the body's top and bottom; a table row is never
//! split across pages unless it is taller than a whole page, and every page a
//! table continues on starts with its header row; every page carries the
//! header text, the marking (top and bottom) and "Page n of N".

use std::collections::BTreeSet;

use super::fonts::{self, FontFace};
use super::text::{self, ShapedLine, Styled};
use super::{Block, Document, ListItem, Table, TextRun};
use crate::error::Result;

pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
pub const MARGIN_LEFT_MM: f32 = 20.0;
pub const MARGIN_RIGHT_MM: f32 = 20.0;
/// Top of the body text area (below the running header).
pub const BODY_TOP_MM: f32 = 26.0;
/// Bottom of the body text area (above the running footer).
pub const BODY_BOTTOM_MM: f32 = 274.0;

const BODY_WIDTH: f32 = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM;
const RIGHT_EDGE: f32 = PAGE_WIDTH_MM - MARGIN_RIGHT_MM;

const HEADER_BASELINE: f32 = 15.0;
const HEADER_RULE_Y: f32 = 18.0;
const FOOTER_RULE_Y: f32 = 279.0;
const FOOTER_BASELINE: f32 = 285.0;
const RUNNING_SIZE: f32 = 8.0;

const BODY_SIZE: f32 = 10.0;
const TABLE_SIZE: f32 = 9.0;
const PARAGRAPH_GAP: f32 = 3.0;
const LIST_ITEM_GAP: f32 = 1.2;
const LIST_LABEL_WIDTH: f32 = 9.0;
const LIST_CHILD_LABEL_WIDTH: f32 = 11.0;
const CELL_PADDING: f32 = 1.6;
const TABLE_RULE_PT: f32 = 0.5;
const HEADER_FILL_GREY: f32 = 0.9;

const WATERMARK_MAX_SIZE: f32 = 110.0;
const WATERMARK_MAX_LENGTH: f32 = 230.0;

/// Every page of a laid-out document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub pages: Vec<Page>,
}

impl Layout {
    /// Every face any page draws with (the fonts the PDF must embed).
    pub fn faces(&self) -> BTreeSet<FontFace> {
        self.pages
            .iter()
            .flat_map(|p| {
                p.lines
                    .iter()
                    .flat_map(|l| l.runs.iter())
                    .chain(p.watermark.iter().flat_map(|w| w.runs.iter()))
                    .map(|r| r.face)
            })
            .collect()
    }
}

/// One A4 page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    /// In reading order: header, body top to bottom, footer.
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    pub fills: Vec<Fill>,
    pub watermark: Option<Watermark>,
    /// The inset this page shows in its body (a paper's page, a picture).
    pub inset: Option<usize>,
}

impl Page {
    /// The page's lines, one a line, in reading order.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The lines that play `role`.
    pub fn lines_with(&self, role: LineRole) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.role == role)
    }
}

/// What a line is for, so tests and renderers can pick lines out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    Header,
    Footer,
    Heading(u8),
    Body,
    ListLabel,
    TableHeader,
    TableCell,
}

/// Where a line belongs in the document's logical structure: the block it
/// was laid out from (an index into `Document::blocks`) and, in a list or
/// a table, the item or the cell. The renderer tags the PDF from it, so a
/// paragraph wrapped over lines or pages, or a cell split across pages, is
/// still one element to a screen reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// Page furniture, not content: the running header and footer, and a
    /// table's header row repeated at the top of a later page (read once,
    /// where the table starts, not again on every page).
    Artifact,
    /// A heading's or a paragraph's text.
    Text { block: usize },
    /// A list item's label or text (the line's role says which). `sub`
    /// counts through the item's sub-items as they are laid out, flattened
    /// to one level.
    ListItem {
        block: usize,
        item: usize,
        sub: Option<usize>,
    },
    /// A table cell's text; `row` is `None` for the header row.
    TableCell {
        block: usize,
        row: Option<usize>,
        column: usize,
    },
}

/// One line of text at one size.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub role: LineRole,
    pub part: Part,
    /// The line's text in logical (reading) order.
    pub text: String,
    /// Left edge of the first glyph, mm from the page's left edge.
    pub x: f32,
    /// Baseline, mm from the page's top edge.
    pub baseline: f32,
    /// Width of the drawn glyphs, mm.
    pub width: f32,
    /// Font size, points.
    pub size: f32,
    /// In visual order, left to right.
    pub runs: Vec<GlyphRun>,
}

impl Line {
    /// Right edge of the last glyph, mm from the page's left edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}

/// Glyphs of one face, size and direction, drawn as one unit of text.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub face: FontFace,
    /// Points.
    pub size: f32,
    /// Whether the run reads right to left (its glyphs are still listed, and
    /// positioned, left to right).
    pub rtl: bool,
    /// Bold asked for but the face has no bold: drawn with a stroked outline.
    pub synthetic_bold: bool,
    /// The run's text in logical order: what copying it must give.
    pub text: String,
    /// Left edge, mm from the page's left edge (from the line's, before the
    /// line is placed).
    pub x: f32,
    pub width: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// What text extraction must give for this run (PDF `/ActualText`),
    /// in the order extractors expect it: reading order for a left-to-right
    /// run, drawn order (the reverse) for a right-to-left one.
    ///
    /// Why: one text per glyph (`/ToUnicode`) cannot say that a Devanagari
    /// vowel sign drawn before its consonant is read after it, or which
    /// letter an Arabic mark sits on, so each run carries its text whole.
    /// Extractors, poppler's `pdftotext` among them, treat right-to-left
    /// text as drawn from left to right and reverse it into reading order,
    /// and they treat a run's `/ActualText` as drawn in place of its glyphs;
    /// giving them reading order there makes every Arabic word come out
    /// backwards (checked with poppler 22.12: see the integration tests).
    pub actual_text: String,
}

/// A glyph of a run, by id in the run's face.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    /// The glyph origin, mm from the page's left edge.
    pub x: f32,
    /// Raised above the baseline by this much, mm (marks; negative is down).
    pub rise: f32,
    /// The characters this glyph stands for (possibly empty: the rest of a
    /// cluster's text is on another of its glyphs), in drawn order.
    pub text: String,
}

/// A straight line (table borders, header and footer rules), mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    /// Points.
    pub thickness: f32,
}

/// A filled rectangle (table header shading), mm from the top-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// 0 is black, 1 is white.
    pub grey: f32,
}

/// Large pale text across the page, behind everything else.
#[derive(Debug, Clone, PartialEq)]
pub struct Watermark {
    pub text: String,
    /// Points.
    pub size: f32,
    /// The middle of the text's baseline, mm from the top-left (placed so
    /// that the middle of the capitals is the middle of the page).
    pub centre_x: f32,
    pub centre_y: f32,
    /// Anticlockwise, degrees.
    pub angle: f32,
    /// Glyph x positions are relative to the centre of the baseline.
    pub runs: Vec<GlyphRun>,
}

/// Lays `doc` out on A4 pages. Pure: the same document always gives the
/// same layout. The same code as [`Relayout`](super::Relayout) from empty,
/// so a layout resumed after an edit cannot differ from a fresh one.
pub fn layout(doc: &Document) -> Result<Layout> {
    let mut relayout = super::Relayout::default();
    relayout.layout(doc)?;
    Ok(relayout.into_layout())
}

/// Lays out block `index` of a document where the composer stands.
pub(super) fn lay_block(composer: &mut Composer, index: usize, block: &Block) -> Result<()> {
    match block {
        Block::Heading { level, text } => composer.heading(*level, text, index)?,
        Block::Paragraph(runs) => composer.paragraph(runs, index)?,
        Block::NumberedList(items) => composer.list(items, index)?,
        Block::Table(table) => composer.table(table, index)?,
        Block::Spacer(mm) => composer.spacer(*mm),
        Block::PageBreak => {
            if composer.content_on_page {
                composer.new_page();
            }
        }
        Block::Inset(n) => composer.inset(*n),
    }
    Ok(())
}

fn styled(runs: &[TextRun]) -> Vec<Styled<'_>> {
    runs.iter()
        .map(|r| Styled {
            text: &r.text,
            bold: r.bold,
        })
        .collect()
}

fn shape(text: &str, bold: bool, size: f32, width: f32) -> Result<Vec<ShapedLine>> {
    text::shape_text(&[Styled { text, bold }], size, width)
}

/// Moves a shaped line to its place on the page.
fn place(
    shaped: ShapedLine,
    x: f32,
    baseline: f32,
    (role, part): (LineRole, Part),
    size: f32,
) -> Line {
    let runs = shaped
        .runs
        .into_iter()
        .map(|mut run| {
            run.x += x;
            for g in &mut run.glyphs {
                g.x += x;
            }
            run
        })
        .collect();
    Line {
        role,
        part,
        text: shaped.text,
        x,
        baseline,
        width: shaped.width,
        size,
        runs,
    }
}

/// The left edge of a line in a column from `left` of `width`: lines of a
/// right-to-left paragraph align to the right.
fn aligned_x(shaped: &ShapedLine, left: f32, width: f32) -> f32 {
    if shaped.rtl {
        left + (width - shaped.width).max(0.0)
    } else {
        left
    }
}

/// Fills pages top to bottom. What it lays out next depends only on the
/// block and on `y` and `content_on_page`, never on what the pages already
/// hold: that is what lets a layout resume at any block.
pub(super) struct Composer {
    /// Body and table text sizes, points (scaled for large print).
    body: f32,
    table: f32,
    /// Multiplies every size: 1 for normal print.
    scale: f32,
    /// The pages from the one being filled on (a resumed layout keeps the
    /// earlier ones elsewhere): bodies only, no header or footer yet.
    pub(super) pages: Vec<Page>,
    /// Top of the free space on the current page, mm.
    pub(super) y: f32,
    pub(super) content_on_page: bool,
}

impl Composer {
    /// Carries on filling `page` from `y`; a new layout starts from an
    /// empty page at the top of the body.
    pub(super) fn resume(scale: f32, page: Page, y: f32, content_on_page: bool) -> Self {
        Composer {
            body: BODY_SIZE * scale,
            table: TABLE_SIZE * scale,
            scale,
            pages: vec![page],
            y,
            content_on_page,
        }
    }

    pub(super) fn new(scale: f32) -> Self {
        Self::resume(scale, Page::default(), BODY_TOP_MM, false)
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP_MM;
        self.content_on_page = false;
    }

    /// A page of its own for an inset; what follows starts a new page.
    fn inset(&mut self, n: usize) {
        if self.content_on_page {
            self.new_page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.inset = Some(n);
        }
        self.content_on_page = true;
        self.y = BODY_BOTTOM_MM;
    }

    fn room(&self) -> f32 {
        BODY_BOTTOM_MM - self.y
    }

    /// Starts a new page unless `height` fits (or the page is still empty).
    fn ensure(&mut self, height: f32) {
        if height > self.room() + 0.001 && self.content_on_page {
            self.new_page();
        }
    }

    /// Space between blocks; none at the top of a page.
    fn gap(&mut self, mm: f32) {
        if self.content_on_page {
            self.y += mm;
        }
    }

    /// One line of a flowing block at the current position.
    fn flow_line(
        &mut self,
        shaped: ShapedLine,
        left: f32,
        width: f32,
        role: (LineRole, Part),
        size: f32,
    ) {
        let height = text::line_height(size);
        self.ensure(height);
        let x = aligned_x(&shaped, left, width);
        let baseline = self.y + text::baseline_offset(size);
        self.page()
            .lines
            .push(place(shaped, x, baseline, role, size));
        self.y += height;
        self.content_on_page = true;
    }

    fn heading(&mut self, level: u8, text: &str, block: usize) -> Result<()> {
        let level = heading_level(level);
        let (size, before) = match level {
            1 => (16.0 * self.scale, 6.0),
            2 => (13.0 * self.scale, 5.0),
            _ => (11.5 * self.scale, 4.0),
        };
        let lines = shape(text, true, size, BODY_WIDTH)?;
        self.gap(before);
        // Keep the heading with at least two lines of what follows it.
        let needed =
            lines.len() as f32 * text::line_height(size) + 2.0 * text::line_height(self.body);
        self.ensure(needed);
        for line in lines {
            self.flow_line(
                line,
                MARGIN_LEFT_MM,
                BODY_WIDTH,
                (LineRole::Heading(level), Part::Text { block }),
                size,
            );
        }
        self.y += 1.5;
        Ok(())
    }

    fn paragraph(&mut self, runs: &[TextRun], block: usize) -> Result<()> {
        let lines = text::shape_text(&styled(runs), self.body, BODY_WIDTH)?;
        let role = (LineRole::Body, Part::Text { block });
        for line in lines {
            self.flow_line(line, MARGIN_LEFT_MM, BODY_WIDTH, role, self.body);
        }
        self.y += PARAGRAPH_GAP;
        Ok(())
    }

    fn list(&mut self, items: &[ListItem], block: usize) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            let part = |sub| Part::ListItem {
                block,
                item: i,
                sub,
            };
            self.list_item(item, MARGIN_LEFT_MM, LIST_LABEL_WIDTH, part(None))?;
            for (s, child) in flatten(&item.children).into_iter().enumerate() {
                self.list_item(
                    child,
                    MARGIN_LEFT_MM + LIST_LABEL_WIDTH,
                    LIST_CHILD_LABEL_WIDTH,
                    part(Some(s)),
                )?;
            }
        }
        self.y += PARAGRAPH_GAP - LIST_ITEM_GAP;
        Ok(())
    }

    fn list_item(
        &mut self,
        item: &ListItem,
        label_x: f32,
        label_width: f32,
        part: Part,
    ) -> Result<()> {
        let text_x = label_x + label_width;
        let text_width = RIGHT_EDGE - text_x;
        let lines = text::shape_text(&styled(&item.text), self.body, text_width)?;
        let label = shape(&item.label, false, self.body, label_width * 4.0)?;
        let height = text::line_height(self.body);
        self.ensure(height);
        let baseline = self.y + text::baseline_offset(self.body);
        for l in label.into_iter().take(1) {
            let line = place(l, label_x, baseline, (LineRole::ListLabel, part), self.body);
            self.page().lines.push(line);
        }
        if lines.is_empty() {
            self.y += height;
            self.content_on_page = true;
        }
        for line in lines {
            self.flow_line(line, text_x, text_width, (LineRole::Body, part), self.body);
        }
        self.y += LIST_ITEM_GAP;
        Ok(())
    }

    /// Space that, like the gap between blocks, is dropped at the top of a
    /// page, and never pushes the next line below the body.
    fn spacer(&mut self, mm: f32) {
        if self.content_on_page {
            self.y = (self.y + mm.max(0.0)).min(BODY_BOTTOM_MM);
        }
    }

    fn table(&mut self, table: &Table, block: usize) -> Result<()> {
        let columns = table_columns(table);
        if columns == 0 {
            return Ok(());
        }
        let columns_x = column_edges(&table.column_widths, columns);
        let shape_row = |cells: &[String], bold: bool| -> Result<Vec<Vec<ShapedLine>>> {
            (0..columns)
                .map(|c| {
                    let text = cells.get(c).map(String::as_str).unwrap_or("");
                    let width = columns_x[c + 1] - columns_x[c] - 2.0 * CELL_PADDING;
                    shape(text, bold, self.table, width.max(1.0))
                })
                .collect()
        };
        let header = if table.header.is_empty() {
            None
        } else {
            Some(shape_row(&table.header, true)?)
        };
        let header_height = header.as_ref().map_or(0.0, |h| row_height(h, self.table));
        let lh = text::line_height(self.table);

        let mut rows = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            rows.push(shape_row(row, false)?);
        }

        // The header must not be stranded at the foot of a page.
        let first_row = rows.first().map_or(0.0, |r| row_height(r, self.table));
        self.gap(1.0);
        self.ensure(header_height + first_row.min(2.0 * CELL_PADDING + 2.0 * lh));
        if let Some(h) = &header {
            self.table_row(&columns_x, h, LineRole::TableHeader, |column| {
                Part::TableCell {
                    block,
                    row: None,
                    column,
                }
            });
        }

        for (r, row) in rows.into_iter().enumerate() {
            let cell = |column| Part::TableCell {
                block,
                row: Some(r),
                column,
            };
            let height = row_height(&row, self.table);
            let page_space = BODY_BOTTOM_MM - BODY_TOP_MM - header_height;
            if height > self.room() + 0.001 && height <= page_space + 0.001 {
                self.table_new_page(&columns_x, header.as_ref());
            }
            if height <= self.room() + 0.001 {
                self.table_row(&columns_x, &row, LineRole::TableCell, cell);
                continue;
            }
            // Taller than a page: split between lines, as few times as needed.
            let mut remaining = row;
            loop {
                let fit = ((self.room() - 2.0 * CELL_PADDING) / lh).floor().max(0.0) as usize;
                if fit == 0 {
                    self.table_new_page(&columns_x, header.as_ref());
                    continue;
                }
                let most = remaining.iter().map(Vec::len).max().unwrap_or(0);
                if most <= fit {
                    self.table_row(&columns_x, &remaining, LineRole::TableCell, cell);
                    break;
                }
                let rest: Vec<Vec<ShapedLine>> = remaining
                    .iter_mut()
                    .map(|cell| cell.split_off(fit.min(cell.len())))
                    .collect();
                self.table_row(&columns_x, &remaining, LineRole::TableCell, cell);
                self.table_new_page(&columns_x, header.as_ref());
                remaining = rest;
            }
        }
        self.y += PARAGRAPH_GAP;
        Ok(())
    }

    fn table_new_page(&mut self, columns_x: &[f32], header: Option<&Vec<Vec<ShapedLine>>>) {
        self.new_page();
        if let Some(h) = header {
            self.table_row(columns_x, h, LineRole::TableHeader, |_| Part::Artifact);
        }
    }

    /// Draws one row (or part of one) at the current position: shading for a
    /// header, cell text, and the borders around it. `part` gives each
    /// column's cell its place in the structure.
    fn table_row(
        &mut self,
        columns_x: &[f32],
        cells: &[Vec<ShapedLine>],
        role: LineRole,
        part: impl Fn(usize) -> Part,
    ) {
        let shaded = role == LineRole::TableHeader;
        let top = self.y;
        let height = row_height(cells, self.table);
        let left = columns_x[0];
        let right = columns_x[columns_x.len() - 1];
        let lh = text::line_height(self.table);
        let table_size = self.table;
        let page = self.page();
        if shaded {
            page.fills.push(Fill {
                x: left,
                y: top,
                width: right - left,
                height,
                grey: HEADER_FILL_GREY,
            });
        }
        for (c, cell) in cells.iter().enumerate() {
            let cell_left = columns_x[c] + CELL_PADDING;
            for (i, line) in cell.iter().enumerate() {
                let baseline =
                    top + CELL_PADDING + i as f32 * lh + text::baseline_offset(table_size);
                // Cells align left whatever their script, so a column of
                // names reads as a column.
                page.lines.push(place(
                    line.clone(),
                    cell_left,
                    baseline,
                    (role, part(c)),
                    table_size,
                ));
            }
        }
        let bottom = top + height;
        for y in [top, bottom] {
            page.rules.push(Rule {
                x1: left,
                y1: y,
                x2: right,
                y2: y,
                thickness: TABLE_RULE_PT,
            });
        }
        for &x in columns_x {
            page.rules.push(Rule {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
                thickness: TABLE_RULE_PT,
            });
        }
        self.y = bottom;
        self.content_on_page = true;
    }
}

/// Sub-items of sub-items are laid out at the sub-item level.
pub(super) fn flatten(items: &[ListItem]) -> Vec<&ListItem> {
    let mut out = Vec::new();
    for item in items {
        out.push(item);
        out.extend(flatten(&item.children));
    }
    out
}

/// Heading levels beyond 1 to 3 are laid out (and tagged) as the nearest.
pub(super) fn heading_level(level: u8) -> u8 {
    level.clamp(1, 3)
}

/// A table has as many columns as its widest row, header included.
pub(super) fn table_columns(table: &Table) -> usize {
    table
        .header
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
}

fn row_height(cells: &[Vec<ShapedLine>], size: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    lines as f32 * text::line_height(size) + 2.0 * CELL_PADDING
}

/// The x of each column's left edge, then the table's right edge.
fn column_edges(widths: &[f32], columns: usize) -> Vec<f32> {
    let shares: Vec<f32> = (0..columns)
        .map(|c| match widths.get(c) {
            Some(w) if w.is_finite() && *w > 0.0 => *w,
            _ => 1.0,
        })
        .collect();
    let total: f32 = shares.iter().sum();
    let mut edges = Vec::with_capacity(columns + 1);
    let mut x = MARGIN_LEFT_MM;
    edges.push(x);
    for share in shares {
        x += BODY_WIDTH * share / total;
        edges.push(x);
    }
    // Rounding must not push the last border past the margin.
    if let Some(last) = edges.last_mut() {
        *last = RIGHT_EDGE;
    }
    edges
}

/// What every page carries besides its body: the running header, the
/// marking top and bottom, the rules under the header and over the footer,
/// the watermark. All but "Page n of N" is the same on every page, so it is
/// shaped once per document.
#[derive(Debug, Clone)]
pub(super) struct Furniture {
    running: f32,
    header: Vec<Line>,
    footer_marking: Option<Line>,
    watermark: Option<Watermark>,
}

/// How many of a dressed page's lines are its header and its footer (its
/// furniture rules are always the last two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Dressing {
    pub head: usize,
    pub foot: usize,
}

const FURNITURE_RULES: usize = 2;

impl Furniture {
    pub(super) fn new(doc: &Document) -> Result<Self> {
        let running = RUNNING_SIZE * doc.text_scale.clamp(1.0, 1.5);
        let marking = doc.marking.label();
        let marking_line = |baseline: f32, align_right: bool| -> Result<Option<Line>> {
            let shaped = shape(marking, true, running, BODY_WIDTH)?
                .into_iter()
                .next();
            Ok(shaped
                .map(|s| {
                    let x = if align_right {
                        RIGHT_EDGE - s.width
                    } else {
                        (PAGE_WIDTH_MM - s.width) / 2.0
                    };
                    (s, x)
                })
                .map(|(s, x)| place(s, x, baseline, (LineRole::Header, Part::Artifact), running)))
        };

        let mut header = Vec::new();
        let top_marking = marking_line(HEADER_BASELINE, true)?;
        let marking_width = top_marking.as_ref().map_or(0.0, |l| l.width);
        let room = (BODY_WIDTH - marking_width - 6.0).max(10.0);
        // The header is one line: text that does not fit is cut at a line break.
        if let Some(s) = shape(&doc.header_text, false, running, room)?
            .into_iter()
            .next()
        {
            header.push(place(
                s,
                MARGIN_LEFT_MM,
                HEADER_BASELINE,
                (LineRole::Header, Part::Artifact),
                running,
            ));
        }
        header.extend(top_marking);
        let footer_marking = marking_line(FOOTER_BASELINE, false)?.map(|mut l| {
            l.role = LineRole::Footer;
            l
        });
        let watermark = match &doc.watermark {
            Some(text) if !text.trim().is_empty() => Some(watermark(text)?),
            _ => None,
        };
        Ok(Furniture {
            running,
            header,
            footer_marking,
            watermark,
        })
    }

    /// Gives a page's body its number, header, footer and watermark.
    pub(super) fn dress(&self, page: &mut Page, number: usize, total: usize) -> Result<Dressing> {
        page.number = number;
        let mut footer: Vec<Line> = self.footer_marking.iter().cloned().collect();
        let numbering = format!("Page {number} of {total}");
        if let Some(s) = shape(&numbering, false, self.running, BODY_WIDTH)?
            .into_iter()
            .next()
        {
            let x = RIGHT_EDGE - s.width;
            let role = (LineRole::Footer, Part::Artifact);
            footer.push(place(s, x, FOOTER_BASELINE, role, self.running));
        }
        let dressing = Dressing {
            head: self.header.len(),
            foot: footer.len(),
        };
        let body = std::mem::take(&mut page.lines);
        let mut lines = Vec::with_capacity(dressing.head + body.len() + dressing.foot);
        lines.extend(self.header.iter().cloned());
        lines.extend(body);
        lines.extend(footer);
        page.lines = lines;
        for y in [HEADER_RULE_Y, FOOTER_RULE_Y] {
            page.rules.push(Rule {
                x1: MARGIN_LEFT_MM,
                y1: y,
                x2: RIGHT_EDGE,
                y2: y,
                thickness: 0.4,
            });
        }
        page.watermark = self.watermark.clone();
        Ok(dressing)
    }
}

/// Takes a dressed page back to its body, as the composer left it.
pub(super) fn undress(page: &mut Page, dressing: Dressing) {
    page.lines.truncate(page.lines.len() - dressing.foot);
    page.lines.drain(..dressing.head);
    page.rules.truncate(page.rules.len() - FURNITURE_RULES);
    page.watermark = None;
    page.number = 0;
}

fn watermark(text: &str) -> Result<Watermark> {
    let mut size = WATERMARK_MAX_SIZE;
    let mut line = shape(text, true, size, f32::MAX)?.into_iter().next();
    if let Some(l) = &line {
        if l.width > WATERMARK_MAX_LENGTH {
            size *= WATERMARK_MAX_LENGTH / l.width;
            line = shape(text, true, size, f32::MAX)?.into_iter().next();
        }
    }
    let line = line.unwrap_or(ShapedLine {
        text: String::new(),
        width: 0.0,
        rtl: false,
        runs: Vec::new(),
    });
    let placed = place(line, 0.0, 0.0, (LineRole::Body, Part::Artifact), size);
    let half = placed.width / 2.0;
    let runs: Vec<GlyphRun> = placed
        .runs
        .into_iter()
        .map(|mut r| {
            r.x -= half;
            for g in &mut r.glyphs {
                g.x -= half;
            }
            r
        })
        .collect();
    // Centre the capitals, not the baseline, on the page: move the baseline
    // half a capital height "down" the rotated text.
    let cap_height = match runs.first() {
        Some(run) => {
            let shaper = fonts::shaper(run.face)?;
            let units = shaper
                .face
                .capital_height()
                .map_or(0.7 * shaper.units_per_em, f32::from);
            units / shaper.units_per_em * size * text::PT_TO_MM
        }
        None => 0.0,
    };
    let angle: f32 = 45.0;
    let (sin, cos) = angle.to_radians().sin_cos();
    Ok(Watermark {
        text: text.to_string(),
        size,
        centre_x: PAGE_WIDTH_MM / 2.0 + cap_height / 2.0 * sin,
        centre_y: PAGE_HEIGHT_MM / 2.0 + cap_height / 2.0 * cos,
        angle,
        runs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{Marking, Table};

    fn doc(blocks: Vec<Block>) -> Document {
        let mut d = Document::new("Minutes", "Marlow Fen Local IAG");
        d.header_text = "Marlow Fen Local IAG".into();
        d.marking = Marking::OfficialSensitive;
        d.blocks = blocks;
        d
    }

    fn long_text(words: usize) -> String {
        let names = [
            "Zofia Wójcik",
            "Łukasz Nowakowski",
            "فاطمة الزهراء حسن",
            "রাজিয়া বেগম",
            "ਹਰਪ੍ਰੀਤ ਕੌਰ",
            "प्रिया शर्मा",
            "陈美玲",
            "reviewed",
            "the",
            "stop and search",
            "figures",
        ];
        (0..words)
            .map(|i| names[i % names.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn table(rows: usize) -> Table {
        Table {
            header: vec!["Name".into(), "Role".into(), "Notes".into()],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        format!("Member {}", i + 1),
                        "member".into(),
                        long_text(3 + i % 7),
                    ]
                })
                .collect(),
            column_widths: vec![0.3, 0.2, 0.5],
        }
    }

    #[test]
    fn no_line_crosses_the_margins_or_the_body_area() {
        let laid = layout(&doc(vec![
            Block::heading(1, long_text(12)),
            Block::paragraph(long_text(400)),
            Block::NumberedList(vec![
                ListItem::new("1", long_text(40)),
                ListItem::new("2", long_text(30))
                    .with_children(vec![ListItem::new("2.1", long_text(50))]),
            ]),
            Block::Table(table(30)),
        ]))
        .unwrap();
        assert!(laid.pages.len() > 2, "this much text needs several pages");
        for page in &laid.pages {
            for line in &page.lines {
                assert!(
                    line.x >= MARGIN_LEFT_MM - 0.001,
                    "page {}: {:?} starts left of the margin at {}",
                    page.number,
                    line.text,
                    line.x
                );
                assert!(
                    line.right() <= PAGE_WIDTH_MM - MARGIN_RIGHT_MM + 0.001,
                    "page {}: {:?} ends right of the margin at {}",
                    page.number,
                    line.text,
                    line.right()
                );
                let running = matches!(line.role, LineRole::Header | LineRole::Footer);
                if !running {
                    assert!(
                        line.baseline > BODY_TOP_MM && line.baseline < BODY_BOTTOM_MM,
                        "page {}: {:?} at {} is outside the body area",
                        page.number,
                        line.text,
                        line.baseline
                    );
                }
                for run in &line.runs {
                    for g in &run.glyphs {
                        assert!(
                            g.x >= line.x - 1.0 && g.x <= line.right() + 0.001,
                            "glyph outside its line"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_table_breaks_between_rows_and_repeats_its_header() {
        let laid = layout(&doc(vec![Block::Table(table(80))])).unwrap();
        assert!(laid.pages.len() >= 3, "80 rows need at least three pages");
        let mut cells_seen = Vec::new();
        for page in &laid.pages {
            let header: Vec<&str> = page
                .lines_with(LineRole::TableHeader)
                .map(|l| l.text.as_str())
                .collect();
            assert_eq!(
                header,
                ["Name", "Role", "Notes"],
                "page {} must start with the table's header row",
                page.number
            );
            let first_cell = page.lines_with(LineRole::TableCell).next().unwrap();
            let last_header = page.lines_with(LineRole::TableHeader).last().unwrap();
            assert!(
                last_header.baseline < first_cell.baseline,
                "the header is above the rows on page {}",
                page.number
            );
            cells_seen.extend(
                page.lines_with(LineRole::TableCell)
                    .filter(|l| l.text.starts_with("Member "))
                    .map(|l| l.text.clone()),
            );
        }
        let expected: Vec<String> = (1..=80).map(|i| format!("Member {i}")).collect();
        assert_eq!(
            cells_seen, expected,
            "every row once, in order: no row split or lost"
        );
    }

    #[test]
    fn every_line_names_its_part_and_a_repeated_header_row_is_furniture() {
        let laid = layout(&doc(vec![
            Block::heading(1, "Minutes"),
            Block::NumberedList(vec![ListItem::new("1", "Apologies")
                .with_children(vec![ListItem::new("1.1", "None received")])]),
            Block::Table(table(80)),
        ]))
        .unwrap();
        assert!(laid.pages.len() > 2, "the table runs over several pages");
        let mut checked = 0;
        for page in &laid.pages {
            for line in &page.lines {
                let expected = match (line.role, line.text.as_str()) {
                    (LineRole::Header | LineRole::Footer, _) => Part::Artifact,
                    (LineRole::Heading(_), _) => Part::Text { block: 0 },
                    (_, "1" | "Apologies") => Part::ListItem {
                        block: 1,
                        item: 0,
                        sub: None,
                    },
                    (_, "1.1" | "None received") => Part::ListItem {
                        block: 1,
                        item: 0,
                        sub: Some(0),
                    },
                    (LineRole::TableHeader, _) if page.number > 1 => Part::Artifact,
                    (LineRole::TableHeader, text) => Part::TableCell {
                        block: 2,
                        row: None,
                        column: ["Name", "Role", "Notes"]
                            .iter()
                            .position(|h| *h == text)
                            .unwrap(),
                    },
                    // Every row's cells, in order: check the first column.
                    (_, text) if text.starts_with("Member ") => {
                        let row = text["Member ".len()..].parse::<usize>().unwrap() - 1;
                        Part::TableCell {
                            block: 2,
                            row: Some(row),
                            column: 0,
                        }
                    }
                    _ => continue,
                };
                assert_eq!(
                    line.part, expected,
                    "page {}: {:?} ({:?})",
                    page.number, line.text, line.role
                );
                checked += 1;
            }
        }
        // Running lines, heading, list, three header cells a page, 80 rows.
        let pages = laid.pages.len();
        assert_eq!(checked, 4 * pages + 1 + 4 + 3 * pages + 80);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_between_lines() {
        let mut t = table(1);
        t.rows[0][2] = long_text(900);
        let laid = layout(&doc(vec![Block::Table(t)])).unwrap();
        assert!(
            laid.pages.len() >= 2,
            "the giant cell must continue overleaf"
        );
        for page in &laid.pages {
            assert_eq!(page.lines_with(LineRole::TableHeader).count(), 3);
            for line in page.lines_with(LineRole::TableCell) {
                assert!(
                    line.baseline < BODY_BOTTOM_MM,
                    "cell text must stay in the body"
                );
            }
        }
    }

    #[test]
    fn every_page_has_the_header_the_marking_and_page_n_of_total() {
        let laid = layout(&doc(vec![
            Block::paragraph("first"),
            Block::PageBreak,
            Block::paragraph("second"),
            Block::PageBreak,
            Block::paragraph("third"),
        ]))
        .unwrap();
        assert_eq!(laid.pages.len(), 3);
        for page in &laid.pages {
            let header: Vec<&str> = page
                .lines_with(LineRole::Header)
                .map(|l| l.text.as_str())
                .collect();
            assert_eq!(
                header,
                ["Marlow Fen Local IAG", "OFFICIAL-SENSITIVE"],
                "page {} header",
                page.number
            );
            let footer: Vec<&str> = page
                .lines_with(LineRole::Footer)
                .map(|l| l.text.as_str())
                .collect();
            let numbering = format!("Page {} of 3", page.number);
            assert_eq!(
                footer,
                ["OFFICIAL-SENSITIVE", numbering.as_str()],
                "page {} footer",
                page.number
            );
        }
        assert!(laid.pages[1].text().contains("second"));
    }

    #[test]
    fn spacers_and_page_breaks_never_make_blank_pages() {
        let laid = layout(&doc(vec![
            Block::PageBreak,
            Block::Spacer(50.0),
            Block::paragraph("first"),
            Block::Spacer(400.0),
            Block::PageBreak,
            Block::paragraph("second"),
            Block::Spacer(400.0),
        ]))
        .unwrap();
        assert_eq!(
            laid.pages.len(),
            2,
            "one page per paragraph, no blank pages"
        );
        let first = laid.pages[0].lines_with(LineRole::Body).next().unwrap();
        assert!(
            first.baseline < BODY_TOP_MM + 10.0,
            "space at the top of a page is dropped"
        );
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_foot_of_a_page() {
        // Fill the first page so that the heading itself would still fit
        // but the two lines after it would not.
        let lh = text::line_height(BODY_SIZE);
        let lines_that_fit = ((BODY_BOTTOM_MM - BODY_TOP_MM) / lh) as usize;
        let filler: Vec<String> = (0..lines_that_fit - 4)
            .map(|i| format!("line {i}"))
            .collect();
        let mut blocks = vec![Block::paragraph(filler.join("\n"))];
        blocks.push(Block::heading(2, "Actions"));
        blocks.push(Block::paragraph(long_text(30)));
        let laid = layout(&doc(blocks)).unwrap();
        let page_of_heading = laid
            .pages
            .iter()
            .find(|p| p.lines_with(LineRole::Heading(2)).next().is_some())
            .unwrap();
        let body_after = page_of_heading
            .lines_with(LineRole::Body)
            .filter(|l| !l.text.starts_with("line "))
            .count();
        assert!(
            body_after >= 2,
            "the heading must share its page with its text"
        );
    }

    #[test]
    fn the_watermark_is_on_every_page_and_fits_the_diagonal() {
        let mut d = doc(vec![
            Block::paragraph("a"),
            Block::PageBreak,
            Block::paragraph("b"),
        ]);
        d.watermark = Some("DRAFT".into());
        let laid = layout(&d).unwrap();
        for page in &laid.pages {
            let w = page
                .watermark
                .as_ref()
                .expect("every page carries the watermark");
            assert_eq!(w.text, "DRAFT");
            let width: f32 = w.runs.iter().map(|r| r.width).sum();
            assert!(width > 50.0 && width <= WATERMARK_MAX_LENGTH + 0.01);
        }
    }

    #[test]
    fn any_text_lays_out_and_renders_without_failing() {
        // Scripts without a bundled font (Hebrew, Thai, emoji) draw as the
        // font's missing-glyph box; nothing may panic or overflow.
        let awkward = [
            "",
            "   ",
            "\u{301}starts with a combining mark",
            "שלום עולם",
            "สวัสดี",
            "😀 👍🏽 family: 👨‍👩‍👧",
            "\u{200F}\u{202E}override\u{202C} and \u{2067}isolate\u{2069}",
            "tab\tseparated\r\nlines\u{2028}and\u{2029}more",
            &"ابتثجحخدذرزسشصضطظعغفقكلمنهوي".repeat(8),
            "\u{FEFF}\u{200B}\u{200C}\u{200D}",
        ];
        let mut blocks: Vec<Block> = awkward.iter().map(|t| Block::paragraph(*t)).collect();
        blocks.push(Block::heading(0, "level 0"));
        blocks.push(Block::heading(9, "level 9"));
        blocks.push(Block::Table(Table {
            header: vec![],
            rows: vec![
                vec![],
                vec!["only".into()],
                awkward.iter().map(|t| t.to_string()).collect(),
            ],
            column_widths: vec![f32::NAN, -1.0, 0.0],
        }));
        blocks.push(Block::Table(Table {
            header: vec![],
            rows: vec![],
            column_widths: vec![],
        }));
        blocks.push(Block::NumberedList(vec![ListItem::new("", "")]));
        let d = doc(blocks);
        let laid = layout(&d).unwrap();
        for page in &laid.pages {
            for line in &page.lines {
                assert!(line.x >= MARGIN_LEFT_MM - 0.001 && line.right() <= RIGHT_EDGE + 0.001);
            }
        }
        let pdf = crate::documents::render_layout(&d, &laid).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn right_to_left_paragraphs_align_right() {
        let laid = layout(&doc(vec![Block::paragraph("فاطمة الزهراء حسن")])).unwrap();
        let line = laid.pages[0].lines_with(LineRole::Body).next().unwrap();
        assert!(
            (line.right() - (PAGE_WIDTH_MM - MARGIN_RIGHT_MM)).abs() < 0.01,
            "an Arabic paragraph ends at the right margin"
        );
    }
}
