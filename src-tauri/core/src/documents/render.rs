//! Rendering: a [`Layout`] becomes PDF bytes. Nothing is shaped, measured or
//! moved here; every glyph goes exactly where the layout put it.
//!
//! How text is written, and why:
//!
//! - Glyphs are shown by id (the layout's shaped glyphs), in Identity-H
//!   encoded fonts that printpdf subsets to the glyphs used.
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
//! the watermark, rules and shading go in `/Artifact` sequences. printpdf
//! writes those operators as they are; the structure tree, the parent tree
//! and `/StructParents` are added to its output with lopdf, beside the
//! metadata.

use std::collections::{BTreeMap, HashMap};

use printpdf::{
    Codepoint, Color, DictItem, FontId, Greyscale, LinePoint, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem, TextMatrix,
    TextRenderingMode, WindingOrder,
};

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
fn pdf_objects(
    doc: &Document,
    laid: &Layout,
) -> Result<(lopdf::Document, Vec<printpdf::PdfWarnMsg>)> {
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author = doc.author.clone();
    pdf.metadata.info.creator = "IAG Desk".to_string();
    pdf.metadata.info.producer = "IAG Desk".to_string();

    let mut font_ids = BTreeMap::new();
    for face in laid.faces() {
        font_ids.insert(face, pdf.add_font(fonts::pdf_font(face)?));
    }
    let to_unicode = glyph_texts(laid);
    let tagging = Tagging::new(doc, laid);

    pdf.pages = laid
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            PdfPage::new(
                printpdf::Mm(PAGE_WIDTH_MM),
                printpdf::Mm(PAGE_HEIGHT_MM),
                page_ops(page, tagging.marks(i), &font_ids, &to_unicode),
            )
        })
        .collect();

    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    finish_metadata(&mut lo, doc)?;
    tagging.write(&mut lo)?;
    Ok((lo, warnings))
}

/// One `/ToUnicode` text per glyph id and face: the first text the layout
/// gives it, else the character the font maps to it.
fn glyph_texts(laid: &Layout) -> HashMap<(FontFace, u16), String> {
    let mut texts: HashMap<(FontFace, u16), String> = HashMap::new();
    let runs = laid
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().flat_map(|l| l.runs.iter()));
    for run in runs {
        for g in &run.glyphs {
            let entry = texts.entry((run.face, g.id)).or_default();
            if entry.is_empty() && !g.text.is_empty() {
                entry.clone_from(&g.text);
            }
        }
    }
    for ((face, id), text) in texts.iter_mut() {
        if text.is_empty() {
            if let Some(c) = fonts::nominal_char(*face, *id) {
                text.push(c);
            }
        }
    }
    texts
}

fn pt(mm: f32) -> Pt {
    Pt(mm * MM_TO_PT)
}

/// A point given in mm from the page's top-left, as PDF space (pt, y up).
fn page_point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(PAGE_HEIGHT_MM - y_from_top),
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// One page's drawing: `marks` says, line by line, which marked-content
/// sequence each line of text goes in (see `tagged`); everything else
/// drawn is an artifact.
fn page_ops(
    page: &Page,
    marks: &[Mark],
    font_ids: &BTreeMap<FontFace, FontId>,
    to_unicode: &HashMap<(FontFace, u16), String>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    if let Some(w) = &page.watermark {
        watermark_ops(w, &mut ops);
    }
    let borders = !page.fills.is_empty() || !page.rules.is_empty();
    if borders {
        ops.push(Furniture::Borders.begin());
    }
    for fill in &page.fills {
        ops.push(Op::SetFillColor {
            col: grey(fill.grey),
        });
        let corners = [
            (fill.x, fill.y),
            (fill.x + fill.width, fill.y),
            (fill.x + fill.width, fill.y + fill.height),
            (fill.x, fill.y + fill.height),
        ];
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: corners
                        .iter()
                        .map(|&(x, y)| LinePoint {
                            p: page_point(x, y),
                            bezier: false,
                        })
                        .collect(),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
    if !page.rules.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: grey(RULE_GREY),
        });
        for rule in &page.rules {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.thickness),
            });
            ops.push(Op::DrawLine {
                line: printpdf::Line {
                    points: vec![
                        LinePoint {
                            p: page_point(rule.x1, rule.y1),
                            bezier: false,
                        },
                        LinePoint {
                            p: page_point(rule.x2, rule.y2),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
    }
    if borders {
        ops.push(Op::EndMarkedContent);
    }
    ops.push(Op::SetFillColor { col: grey(0.0) });
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
                ops.push(Op::EndMarkedContent);
            }
            if let Some(furniture) = wanted {
                ops.push(furniture.begin());
            }
            artifact = wanted;
        }
        let runs = line.runs.iter().filter(|r| drawn(r));
        for (n, run) in runs.enumerate() {
            let mcid = match mark {
                Mark::Content { first_mcid } => Some(first_mcid + n as i64),
                Mark::Artifact(_) => None,
            };
            if let Some(id) = font_ids.get(&run.face) {
                run_ops(run, line.baseline, id, mcid, to_unicode, &mut ops);
            }
        }
    }
    if artifact.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    ops
}

/// Draws one run, as a marked-content sequence of its own: with `mcid`,
/// content of the structure tree; without, inside an artifact.
fn run_ops(
    run: &GlyphRun,
    baseline: f32,
    font: &FontId,
    mcid: Option<i64>,
    to_unicode: &HashMap<(FontFace, u16), String>,
    ops: &mut Vec<Op>,
) {
    if run.glyphs.is_empty() {
        return;
    }
    if run.synthetic_bold {
        ops.push(Op::SetOutlineColor { col: grey(0.0) });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(run.size * SYNTHETIC_BOLD_STROKE),
        });
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
    }
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
        size: Pt(run.size),
    });
    ops.push(Op::StartTextSection);
    let y = PAGE_HEIGHT_MM - baseline;
    ops.push(span(&run.actual_text, mcid));
    for g in &run.glyphs {
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, g.x * MM_TO_PT, (y + g.rise) * MM_TO_PT]),
        });
        let text = to_unicode
            .get(&(run.face, g.id))
            .cloned()
            .unwrap_or_default();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(vec![Codepoint {
                gid: g.id,
                offset: 0.0,
                cid: Some(text),
            }])],
        });
    }
    ops.push(Op::EndMarkedContent);
    ops.push(Op::EndTextSection);
    if run.synthetic_bold {
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        });
    }
}

/// `/Span << /ActualText <FEFF…> /MCID n >> BDC` with `text` encoded in
/// UTF-16BE, as the PDF text-string rules require. One dictionary holds
/// both: poppler takes `/ActualText` only from a `/Span`, and its structure
/// reader ends an MCID's sequence at the first `EMC` inside it, so a span
/// nested in a sequence would cut the element's text short.
fn span(text: &str, mcid: Option<i64>) -> Op {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert(
        "ActualText".to_string(),
        DictItem::String {
            data,
            literal: false,
        },
    );
    if let Some(mcid) = mcid {
        map.insert("MCID".to_string(), DictItem::Int(mcid));
    }
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_string(),
        properties: DictItem::Dict { map },
    }
}

/// Collects a glyph outline as polygon rings, mapped into page space.
struct OutlinePen<'a> {
    map: &'a dyn Fn(f32, f32) -> Point,
    rings: Vec<PolygonRing>,
    current: Vec<LinePoint>,
    last: (f32, f32),
}

impl OutlinePen<'_> {
    fn push(&mut self, x: f32, y: f32, bezier: bool) {
        self.current.push(LinePoint {
            p: (self.map)(x, y),
            bezier,
        });
    }
}

impl rustybuzz::ttf_parser::OutlineBuilder for OutlinePen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // A quadratic Bézier is the cubic with controls two thirds of the
        // way from each end to the quadratic's control point.
        let (x0, y0) = self.last;
        self.push(x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0), true);
        self.push(x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y), true);
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.push(x1, y1, true);
        self.push(x2, y2, true);
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn close(&mut self) {
        if !self.current.is_empty() {
            self.rings.push(PolygonRing {
                points: std::mem::take(&mut self.current),
            });
        }
    }
}

fn watermark_ops(w: &Watermark, ops: &mut Vec<Op>) {
    let (sin, cos) = w.angle.to_radians().sin_cos();
    let centre_x = w.centre_x;
    let centre_y = PAGE_HEIGHT_MM - w.centre_y;
    let mut rings = Vec::new();
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
                Point {
                    x: pt(centre_x + lx * cos - ly * sin),
                    y: pt(centre_y + lx * sin + ly * cos),
                }
            };
            let mut pen = OutlinePen {
                map: &map,
                rings: Vec::new(),
                current: Vec::new(),
                last: (0.0, 0.0),
            };
            shaper
                .face
                .outline_glyph(rustybuzz::ttf_parser::GlyphId(g.id), &mut pen);
            rustybuzz::ttf_parser::OutlineBuilder::close(&mut pen);
            rings.extend(pen.rings);
        }
    }
    if rings.is_empty() {
        return;
    }
    ops.push(Furniture::Watermark.begin());
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetFillColor {
        col: grey(WATERMARK_GREY),
    });
    ops.push(Op::DrawPolygon {
        polygon: Polygon {
            rings,
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    });
    ops.push(Op::RestoreGraphicsState);
    ops.push(Op::EndMarkedContent);
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
