//! Rendering: a [`Layout`] becomes PDF bytes. Nothing is shaped, measured or
//! moved here; every glyph goes exactly where the layout put it.
//!
//! How text is written, and why:
//!
//! - Glyphs are shown by id (the layout's shaped glyphs), in Identity-H
//!   encoded fonts that printpdf subsets to the glyphs used. The pages'
//!   drawing is written here as content-stream bytes (`content`), not as
//!   printpdf operations: printpdf makes the skeleton and the fonts, and
//!   the codes and widths of its subsets are read back from its output.
//! - Each glyph id gets one `/ToUnicode` entry: the text of the cluster it
//!   was shaped from (consistently, the first text seen for that id).
//! - Each run is wrapped in `/Span << /ActualText (…) >> BDC … EMC` with
//!   the run's `actual_text` (see `GlyphRun::actual_text` for why, and why
//!   right-to-left runs hold it in drawn order).
//! - The watermark is drawn as glyph outlines, not text, so it never turns
//!   up in copied or extracted text.
//!
//! The PDF is tagged, for screen readers and PDF/UA checkers (structure
//! and reasons in `tagged`): a run of content carries its MCID in the same
//! `/Span` dictionary as its `/ActualText`; the running header and footer,
//! the watermark, rules and shading go in `/Artifact` sequences. The
//! structure tree, the parent tree and `/StructParents` are added to
//! printpdf's output with lopdf, beside the metadata.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Object, ObjectId};
use printpdf::{
    Codepoint, FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};

use super::content::ContentStream;
use super::fonts::{self, FontFace};
use super::layout::{layout, GlyphRun, Layout, Page, Watermark, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use super::tagged::{drawn, Furniture, Mark, Tagging};
use super::text::PT_TO_MM;
use super::Document;
use crate::error::{Error, Result};

const MM_TO_PT: f32 = 1.0 / PT_TO_MM;
const RULE_GREY: f32 = 0.45;
const WATERMARK_GREY: f32 = 0.86;
/// Stroke width of synthetic bold, as a share of the font size.
const SYNTHETIC_BOLD_STROKE: f32 = 0.035;

/// Lays `doc` out and renders it to PDF bytes.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>> {
    let laid = layout(doc)?;
    render_layout(doc, &laid)
}

/// Renders an existing layout of `doc` (its metadata comes from `doc`).
pub fn render_layout(doc: &Document, laid: &Layout) -> Result<Vec<u8>> {
    render_layout_with_insets(doc, laid, &[])
}

/// Renders a layout whose pages kept for insets ([`Block::Inset`]) show
/// them: `insets[n]` on the page laid out for `Block::Inset(n)`.
pub fn render_layout_with_insets(
    doc: &Document,
    laid: &Layout,
    insets: &[super::Inset],
) -> Result<Vec<u8>> {
    // printpdf's warnings (a font it could not subset, say) leave a valid,
    // if larger, PDF: better than none. The tests check there are none.
    let (mut lo, _warnings) = pdf_objects(doc, laid)?;
    let placed: Vec<(usize, super::Inset)> = laid
        .pages
        .iter()
        .filter_map(|p| {
            let n = p.inset?;
            insets.get(n).map(|i| (p.number, i.clone()))
        })
        .collect();
    super::inset::place(&mut lo, &placed)?;
    compress(&mut lo)?;
    let mut bytes = Vec::new();
    // Object streams (PDF 1.5) deflate the small dictionaries too: the
    // structure tree is one small object per heading, item and cell, which
    // written plain added 10–15% to a document; packed, the tagged PDF is
    // smaller than the untagged one was, in the same time.
    lo.save_with_options(
        &mut bytes,
        lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .compression_level(LEVEL)
            .build(),
    )
    .map_err(|e| Error::Internal(format!("could not write the PDF: {e}")))?;
    Ok(bytes)
}

/// Deflates every stream at a fast level. lopdf's own `compress` uses the
/// slowest level, which took a third of a 40-page document's time for
/// streams only about a tenth smaller.
fn compress(lo: &mut lopdf::Document) -> Result<()> {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(LEVEL));
        encoder
            .write_all(&stream.content)
            .and_then(|_| encoder.finish())
            .map(|packed| {
                if packed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(packed);
                }
            })
            .map_err(|e| Error::Internal(format!("could not compress the PDF: {e}")))?;
    }
    Ok(())
}

/// zlib level for PDF streams: 1 (fastest) to 9 (smallest).
const LEVEL: u32 = 3;

/// The PDF as objects, before compression, with printpdf's warnings.
///
/// printpdf makes the document's skeleton and subsets and embeds the fonts;
/// the pages' drawing is written here, straight to bytes (see `content`).
/// printpdf learns which glyphs each face needs, and the text each stands
/// for, from one sequence of glyphs per face on the first page, and the
/// codes its subsets gave them are read back from what it wrote there, so
/// the drawing uses the very codes and widths the embedded fonts have.
fn pdf_objects(
    doc: &Document,
    laid: &Layout,
) -> Result<(lopdf::Document, Vec<printpdf::PdfWarnMsg>)> {
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author = doc.author.clone();
    pdf.metadata.info.creator = "IAG Desk".to_string();
    pdf.metadata.info.producer = "IAG Desk".to_string();

    let used = glyph_texts(laid);
    let mut font_ids = BTreeMap::new();
    for &face in used.keys() {
        font_ids.insert(face, pdf.add_font(fonts::pdf_font(face)?));
    }
    let tagging = Tagging::new(doc, laid);

    pdf.pages = laid
        .pages
        .iter()
        .map(|_| PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), Vec::new()))
        .collect();
    if let Some(first) = pdf.pages.first_mut() {
        first.ops = glyph_registration(&used, &font_ids);
    }

    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != laid.pages.len() {
        return Err(internal(format!(
            "{} pages written for {} laid out",
            page_ids.len(),
            laid.pages.len()
        )));
    }
    let faces = match page_ids.first() {
        Some(&first) => face_codes(&lo, first, &used, &font_ids)?,
        None => BTreeMap::new(),
    };

    let mut watermarks = WatermarkCache::default();
    for (i, (page, &page_id)) in laid.pages.iter().zip(&page_ids).enumerate() {
        let content = page_content(page, tagging.marks(i), &faces, &mut watermarks);
        let contents = lo
            .get_dictionary(page_id)
            .and_then(|p| p.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| internal(format!("a page without contents: {e}")))?;
        lo.get_object_mut(contents)
            .and_then(Object::as_stream_mut)
            .map_err(|e| internal(format!("a page's contents: {e}")))?
            .set_plain_content(content);
    }
    finish_metadata(&mut lo, doc)?;
    tagging.write(&mut lo)?;
    Ok((lo, warnings))
}

fn internal(message: String) -> Error {
    Error::Internal(format!("could not write the PDF: {message}"))
}

/// Every glyph drawn, by face, with the text it stands for in `/ToUnicode`:
/// the first text the layout gives it, else the character the font maps to
/// it.
fn glyph_texts(laid: &Layout) -> BTreeMap<FontFace, BTreeMap<u16, String>> {
    let mut texts: BTreeMap<FontFace, BTreeMap<u16, String>> = BTreeMap::new();
    let runs = laid
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().flat_map(|l| l.runs.iter()));
    for run in runs.filter(|r| drawn(r)) {
        let face = texts.entry(run.face).or_default();
        for g in &run.glyphs {
            let entry = face.entry(g.id).or_default();
            if entry.is_empty() && !g.text.is_empty() {
                entry.clone_from(&g.text);
            }
        }
    }
    for (face, glyphs) in texts.iter_mut() {
        for (id, text) in glyphs.iter_mut() {
            if text.is_empty() {
                if let Some(c) = fonts::nominal_char(*face, *id) {
                    text.push(c);
                }
            }
        }
    }
    texts
}

/// The operations that tell printpdf every glyph each face draws: for each
/// face, its glyphs in ascending order, in one text object.
fn glyph_registration(
    used: &BTreeMap<FontFace, BTreeMap<u16, String>>,
    font_ids: &BTreeMap<FontFace, FontId>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    for (face, glyphs) in used {
        let Some(id) = font_ids.get(face) else {
            continue;
        };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(REGISTRATION_SIZE),
        });
        ops.push(Op::StartTextSection);
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                glyphs
                    .iter()
                    .map(|(&gid, text)| Codepoint {
                        gid,
                        offset: 0.0,
                        cid: Some(text.clone()),
                    })
                    .collect(),
            )],
        });
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Any size will do: the registration is read back and replaced.
const REGISTRATION_SIZE: f32 = 10.0;

/// How the PDF draws a face's glyphs: its font resource's name and, by
/// glyph id, the code of the glyph in the embedded subset and its width in
/// the font's `/W` array (thousandths of an em).
struct FaceCodes {
    resource: Vec<u8>,
    by_glyph: Vec<Option<(u16, f64)>>,
}

impl FaceCodes {
    fn get(&self, glyph: u16) -> Option<(u16, f64)> {
        self.by_glyph.get(usize::from(glyph)).copied().flatten()
    }
}

/// Reads back the first page's registration (see `glyph_registration`):
/// the codes printpdf wrote, in the order the glyphs were given, and each
/// code's width from the font's `/W` array.
fn face_codes(
    lo: &lopdf::Document,
    first_page: ObjectId,
    used: &BTreeMap<FontFace, BTreeMap<u16, String>>,
    font_ids: &BTreeMap<FontFace, FontId>,
) -> Result<BTreeMap<FontFace, FaceCodes>> {
    let bad = |e: lopdf::Error| internal(format!("reading back the fonts: {e}"));
    let page = lo.get_dictionary(first_page).map_err(bad)?;
    let contents = page
        .get(b"Contents")
        .and_then(Object::as_reference)
        .and_then(|id| lo.get_object(id))
        .and_then(Object::as_stream)
        .map_err(bad)?;
    let content = lopdf::content::Content::decode(&contents.get_plain_content().map_err(bad)?)
        .map_err(bad)?;
    let resources = match page.get(b"Resources").map_err(bad)? {
        Object::Reference(id) => lo.get_dictionary(*id).map_err(bad)?,
        Object::Dictionary(d) => d,
        _ => return Err(internal("page resources are not a dictionary".into())),
    };
    let font_dict = match resources.get(b"Font").map_err(bad)? {
        Object::Reference(id) => lo.get_dictionary(*id).map_err(bad)?,
        Object::Dictionary(d) => d,
        _ => return Err(internal("the font resources are not a dictionary".into())),
    };

    // The codes shown while each font was selected, in order.
    let mut shown: HashMap<Vec<u8>, Vec<u16>> = HashMap::new();
    let mut current: Option<Vec<u8>> = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                current = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec)
            }
            "TJ" | "Tj" => {
                let Some(font) = &current else { continue };
                let strings: Vec<&Object> = match op.operands.first() {
                    Some(Object::Array(items)) => items.iter().collect(),
                    Some(other) => vec![other],
                    None => Vec::new(),
                };
                let codes = shown.entry(font.clone()).or_default();
                for s in strings {
                    if let Object::String(bytes, _) = s {
                        codes.extend(
                            bytes
                                .chunks_exact(2)
                                .map(|b| u16::from_be_bytes([b[0], b[1]])),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    let mut faces = BTreeMap::new();
    for (face, glyphs) in used {
        let Some(id) = font_ids.get(face) else {
            continue;
        };
        let resource = id.0.as_bytes().to_vec();
        let codes = shown.remove(&resource).unwrap_or_default();
        if codes.len() != glyphs.len() {
            return Err(internal(format!(
                "{} glyphs of {} registered, {} written",
                glyphs.len(),
                face.name(),
                codes.len()
            )));
        }
        let widths = font_widths(lo, font_dict, &resource).map_err(bad)?;
        let size = glyphs.keys().last().map_or(0, |&g| usize::from(g) + 1);
        let mut by_glyph = vec![None; size];
        for (&gid, &code) in glyphs.keys().zip(&codes) {
            let width = widths.get(&code).copied().unwrap_or(DEFAULT_WIDTH);
            by_glyph[usize::from(gid)] = Some((code, width));
        }
        faces.insert(*face, FaceCodes { resource, by_glyph });
    }
    Ok(faces)
}

/// A glyph's width where `/W` gives none (the PDF's `/DW` default).
const DEFAULT_WIDTH: f64 = 1000.0;

/// The `/W` array of the font named `resource`, by code.
fn font_widths(
    lo: &lopdf::Document,
    font_dict: &lopdf::Dictionary,
    resource: &[u8],
) -> lopdf::Result<HashMap<u16, f64>> {
    let deref = |o: &Object| -> lopdf::Result<Object> {
        match o {
            Object::Reference(id) => lo.get_object(*id).cloned(),
            other => Ok(other.clone()),
        }
    };
    let type0 = deref(font_dict.get(resource)?)?;
    let descendants = deref(type0.as_dict()?.get(b"DescendantFonts")?)?;
    let cid_font = deref(
        descendants
            .as_array()?
            .first()
            .ok_or(lopdf::Error::ObjectNotFound((0, 0)))?,
    )?;
    let w = deref(cid_font.as_dict()?.get(b"W")?)?;
    let mut widths = HashMap::new();
    let mut items = w.as_array()?.iter();
    // `c [w1 w2 …]` or `c_first c_last w`.
    while let Some(first) = items.next() {
        let first = first.as_i64()?;
        match items.next() {
            Some(Object::Array(ws)) => {
                for (i, w) in ws.iter().enumerate() {
                    widths.insert((first + i as i64) as u16, w.as_float()? as f64);
                }
            }
            Some(last) => {
                let last = last.as_i64()?;
                let w = items
                    .next()
                    .ok_or(lopdf::Error::ObjectNotFound((0, 0)))?
                    .as_float()? as f64;
                for code in first..=last {
                    widths.insert(code as u16, w);
                }
            }
            None => break,
        }
    }
    Ok(widths)
}

/// One page's drawing: `marks` says, line by line, which marked-content
/// sequence each line of text goes in (see `tagged`); everything else
/// drawn is an artifact.
fn page_content(
    page: &Page,
    marks: &[Mark],
    faces: &BTreeMap<FontFace, FaceCodes>,
    watermarks: &mut WatermarkCache,
) -> Vec<u8> {
    let mut c = ContentStream::new();
    if let Some(w) = &page.watermark {
        c.raw(watermarks.drawing(w));
    }
    let borders = !page.fills.is_empty() || !page.rules.is_empty();
    if borders {
        Furniture::Borders.begin(&mut c);
    }
    for fill in &page.fills {
        c.number(fill.grey).op("g");
        let corners = [
            (fill.x, fill.y),
            (fill.x + fill.width, fill.y),
            (fill.x + fill.width, fill.y + fill.height),
            (fill.x, fill.y + fill.height),
        ];
        for (i, &(x, y)) in corners.iter().enumerate() {
            let (x, y) = page_point(x, y);
            c.point(x, y).op(if i == 0 { "m" } else { "l" });
        }
        c.op("h").op("f");
    }
    if !page.rules.is_empty() {
        c.number(RULE_GREY).op("G");
        for rule in &page.rules {
            c.number(rule.thickness).op("w");
            let (x1, y1) = page_point(rule.x1, rule.y1);
            let (x2, y2) = page_point(rule.x2, rule.y2);
            c.point(x1, y1).op("m").point(x2, y2).op("l").op("S");
        }
    }
    if borders {
        c.op("EMC");
    }
    c.number(0.0).op("g");
    // Consecutive furniture lines of one kind share an artifact sequence;
    // content runs are sequences of their own, each with its MCID.
    let mut artifact: Option<Furniture> = None;
    for (i, line) in page.lines.iter().enumerate() {
        let mark = marks
            .get(i)
            .copied()
            .unwrap_or(Mark::Artifact(Furniture::RepeatedHeader));
        let wanted = match mark {
            Mark::Artifact(furniture) => Some(furniture),
            Mark::Content { .. } => None,
        };
        if artifact != wanted {
            if artifact.is_some() {
                c.op("EMC");
            }
            if let Some(furniture) = wanted {
                furniture.begin(&mut c);
            }
            artifact = wanted;
        }
        let runs = line.runs.iter().filter(|r| drawn(r));
        for (n, run) in runs.enumerate() {
            let mcid = match mark {
                Mark::Content { first_mcid } => Some(first_mcid + n as i64),
                Mark::Artifact(_) => None,
            };
            if let Some(face) = faces.get(&run.face) {
                run_content(run, line.baseline, face, mcid, &mut c);
            }
        }
    }
    if artifact.is_some() {
        c.op("EMC");
    }
    c.into_bytes()
}

/// A point given in mm from the page's top-left, as PDF space (pt, y up).
fn page_point(x: f32, y_from_top: f32) -> (f32, f32) {
    (x * MM_TO_PT, (PAGE_HEIGHT_MM - y_from_top) * MM_TO_PT)
}

/// Draws one run, as a marked-content sequence of its own: with `mcid`,
/// content of the structure tree; without, inside an artifact.
///
/// The glyphs sharing a baseline go in one `TJ`, each placed exactly
/// where the layout put it by the adjustment before it (the viewer moves
/// the pen by the glyph's `/W` width after each glyph, so the adjustment
/// is whatever remains). One show per glyph would draw the same, but
/// PDFium then crams a line's characters into its first glyph's box and
/// selection in Chrome shows a sliver.
fn run_content(
    run: &GlyphRun,
    baseline: f32,
    face: &FaceCodes,
    mcid: Option<i64>,
    c: &mut ContentStream,
) {
    if run.glyphs.is_empty() {
        return;
    }
    if run.synthetic_bold {
        c.number(0.0).op("G");
        c.number(run.size * SYNTHETIC_BOLD_STROKE).op("w");
        c.integer(2).op("Tr");
    }
    c.name(&face.resource).number(run.size).op("Tf");
    c.op("BT");
    c.name(b"Span").raw(b"<< ").name(b"ActualText");
    c.text_string(&run.actual_text);
    if let Some(mcid) = mcid {
        c.name(b"MCID").integer(mcid);
    }
    c.raw(b">> ").op("BDC");

    let y = PAGE_HEIGHT_MM - baseline;
    // The open `TJ`: its baseline, its start (pt) and where the viewer's
    // pen is, in thousandths of an em from that start.
    let mut open: Option<(f32, f32, f64)> = None;
    let mut in_string = false;
    let size = f64::from(run.size);
    for g in &run.glyphs {
        let x = g.x * MM_TO_PT;
        let gy = (y + g.rise) * MM_TO_PT;
        let Some((code, width)) = face.get(g.id) else {
            continue;
        };
        match &mut open {
            Some((line_y, start, pen)) if *line_y == gy => {
                let wanted = (f64::from(x) - f64::from(*start)) * 1000.0 / size;
                // Rounded as written, so the pen follows what the viewer does.
                let adjust = ((*pen - wanted) * 1000.0).round() / 1000.0;
                if adjust != 0.0 {
                    if in_string {
                        c.raw(b">");
                        in_string = false;
                    }
                    c.adjustment(adjust as f32);
                    *pen -= adjust;
                }
                *pen += width;
            }
            _ => {
                if open.is_some() {
                    c.raw(if in_string { b">] " } else { b"] " }).op("TJ");
                    in_string = false;
                }
                c.raw(b"1 0 0 1 ").point(x, gy).op("Tm").raw(b"[");
                open = Some((gy, x, width));
            }
        }
        if !in_string {
            c.raw(b"<");
            in_string = true;
        }
        c.code(code);
    }
    if open.is_some() {
        c.raw(if in_string { b">] " } else { b"] " }).op("TJ");
    }
    c.op("EMC");
    c.op("ET");
    if run.synthetic_bold {
        c.integer(0).op("Tr");
    }
}

/// The watermark's drawing, made once a document: every page has the
/// same, and outlining it glyph by glyph for each page was wasted work.
#[derive(Default)]
struct WatermarkCache {
    made: Option<(Watermark, Vec<u8>)>,
}

impl WatermarkCache {
    fn drawing(&mut self, w: &Watermark) -> &[u8] {
        if self.made.as_ref().is_none_or(|(made, _)| made != w) {
            self.made = Some((w.clone(), watermark_content(w)));
        }
        self.made
            .as_ref()
            .map_or(&[], |(_, bytes)| bytes.as_slice())
    }
}

/// Writes a glyph's outline as path operators, mapped into page space.
struct OutlinePen<'a> {
    map: &'a dyn Fn(f32, f32) -> (f32, f32),
    content: &'a mut ContentStream,
    last: (f32, f32),
    open: bool,
}

impl OutlinePen<'_> {
    fn point(&mut self, x: f32, y: f32) {
        let (px, py) = (self.map)(x, y);
        self.content.point(px, py);
    }
}

impl rustybuzz::ttf_parser::OutlineBuilder for OutlinePen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.point(x, y);
        self.content.op("m");
        self.last = (x, y);
        self.open = true;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.content.op("l");
        self.last = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // A quadratic Bézier is the cubic with controls two thirds of the
        // way from each end to the quadratic's control point.
        let (x0, y0) = self.last;
        self.point(x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        self.point(x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.point(x, y);
        self.content.op("c");
        self.last = (x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.point(x1, y1);
        self.point(x2, y2);
        self.point(x, y);
        self.content.op("c");
        self.last = (x, y);
    }

    fn close(&mut self) {
        if self.open {
            self.content.op("h");
            self.open = false;
        }
    }
}

/// The watermark as filled glyph outlines, in an artifact sequence.
fn watermark_content(w: &Watermark) -> Vec<u8> {
    let (sin, cos) = w.angle.to_radians().sin_cos();
    let centre_x = w.centre_x;
    let centre_y = PAGE_HEIGHT_MM - w.centre_y;
    let mut paths = ContentStream::new();
    for run in &w.runs {
        let Ok(shaper) = fonts::shaper(run.face) else {
            continue;
        };
        let scale = run.size / shaper.units_per_em * PT_TO_MM;
        for g in &run.glyphs {
            // Font units -> mm along the text's own baseline -> rotated page mm.
            let map = |fx: f32, fy: f32| {
                let lx = g.x + fx * scale;
                let ly = g.rise + fy * scale;
                (
                    (centre_x + lx * cos - ly * sin) * MM_TO_PT,
                    (centre_y + lx * sin + ly * cos) * MM_TO_PT,
                )
            };
            let mut pen = OutlinePen {
                map: &map,
                content: &mut paths,
                last: (0.0, 0.0),
                open: false,
            };
            shaper
                .face
                .outline_glyph(rustybuzz::ttf_parser::GlyphId(g.id), &mut pen);
            rustybuzz::ttf_parser::OutlineBuilder::close(&mut pen);
        }
    }
    let paths = paths.into_bytes();
    if paths.is_empty() {
        return Vec::new();
    }
    let mut c = ContentStream::new();
    Furniture::Watermark.begin(&mut c);
    c.op("q");
    c.number(WATERMARK_GREY).op("g");
    c.raw(&paths);
    c.op("f");
    c.op("Q");
    c.op("EMC");
    c.into_bytes()
}

/// Sets the catalog's `/Lang`, and leaves in the Info dictionary only the
/// title, author, creator and producer (printpdf also writes empty subject
/// and keywords, and 1970 dates).
fn finish_metadata(lo: &mut lopdf::Document, doc: &Document) -> Result<()> {
    use lopdf::{Dictionary, Object};
    let internal = |e: lopdf::Error| Error::Internal(format!("PDF metadata: {e}"));
    lo.version = "1.7".to_string();
    let catalog = lo.catalog_mut().map_err(internal)?;
    if !doc.language.trim().is_empty() {
        catalog.set("Lang", Object::string_literal(doc.language.trim()));
    }
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));

    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(internal)?;
    let info = lo.get_dictionary_mut(info_id).map_err(internal)?;
    let keep: [&[u8]; 4] = [b"Title", b"Author", b"Creator", b"Producer"];
    let drop: Vec<Vec<u8>> = info
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| !keep.contains(&k.as_slice()))
        .collect();
    for k in drop {
        info.remove(&k);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{Block, Marking};

    fn sample() -> Document {
        let mut d = Document::new("Agenda: Marlow Fen Local IAG", "Marlow Fen Local IAG");
        d.header_text = "Marlow Fen Local IAG".into();
        d.marking = Marking::Official;
        d.watermark = Some("DRAFT".into());
        d.blocks = vec![
            Block::heading(1, "Agenda"),
            Block::paragraph("Zofia Wójcik, فاطمة الزهراء حسن, प्रिया शर्मा and 陈美玲."),
        ];
        d
    }

    #[test]
    fn renders_a_pdf_with_metadata_and_no_body_text_in_it() {
        let bytes = render_pdf(&sample()).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.7"), "a PDF file");
        let lo = lopdf::Document::load_mem(&bytes).unwrap();
        let catalog = lo.catalog().unwrap();
        assert_eq!(
            catalog.get(b"Lang").unwrap().as_str().unwrap(),
            b"en-GB",
            "the catalog must declare the document's language"
        );
        let info_id = lo.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = lo.get_dictionary(info_id).unwrap();
        let keys: Vec<String> = info
            .iter()
            .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
            .collect();
        assert_eq!(
            keys.len(),
            4,
            "only title, author, creator, producer: {keys:?}"
        );
        let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
        assert_eq!(title, "Agenda: Marlow Fen Local IAG");
        let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
        assert_eq!(author, "Marlow Fen Local IAG");
    }

    #[test]
    fn printpdf_has_nothing_to_warn_about() {
        let doc = sample();
        let (_, warnings) = pdf_objects(&doc, &layout(&doc).unwrap()).unwrap();
        assert!(warnings.is_empty(), "printpdf warned: {warnings:?}");
    }

    #[test]
    fn embeds_only_the_faces_used_and_subsets_them() {
        let bytes = render_pdf(&sample()).unwrap();
        // Latin, Arabic, Devanagari and CJK faces, subset: far below the
        // several megabytes of the full files.
        assert!(
            bytes.len() < 200_000,
            "fonts must be subset, the PDF is {} bytes",
            bytes.len()
        );
        let lo = lopdf::Document::load_mem(&bytes).unwrap();
        let font_names: Vec<String> = lo
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
            .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        assert!(!font_names.is_empty(), "fonts are embedded");
        assert!(font_names.len() <= 5, "only the faces used: {font_names:?}");
    }
}
