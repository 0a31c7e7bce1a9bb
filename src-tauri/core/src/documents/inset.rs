//! Pages of other files inside a document: a page of a PDF paper, or a
//! picture, drawn in the body of a page the layout kept for it
//! ([`Block::Inset`](super::Block::Inset)), under the document's own
//! header, marking and "Page n of N".
//!
//! Only what draws the page is copied across: its content and the fonts,
//! images, colour spaces and shapes that content names. The paper's
//! document information, XMP metadata, annotations and comments, form
//! fields, attachments and scripts are never followed, so they cannot reach
//! the pack; `/Metadata` and `/PieceInfo` inside what is copied are dropped
//! too.

use super::layout::{BODY_BOTTOM_MM, BODY_TOP_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM};
use super::layout::{PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::error::{Error, Result};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use std::collections::HashMap;
use std::sync::Arc;

/// What an inset page shows.
#[derive(Debug, Clone)]
pub enum Inset {
    /// One page of a PDF paper (the document loaded once per paper).
    PdfPage {
        source: Arc<lopdf::Document>,
        page: ObjectId,
    },
    /// A picture, at its own size (96 pixels to the inch) unless larger
    /// than the page's body.
    Picture(Arc<Picture>),
}

/// A decoded picture, ready to embed.
#[derive(Debug)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub pixels: Pixels,
}

/// 8-bit RGB, with 8-bit alpha when the picture has it. Pictures are
/// decoded, never copied as they are: a JPEG's EXIF and comments, or a
/// PNG's text chunks, could name what the pack must not.
#[derive(Debug)]
pub struct Pixels {
    pub rgb: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

/// The largest picture decoded (pixels), so a hostile file cannot ask for
/// gigabytes.
const MAX_PIXELS: u64 = 60_000_000;

/// Decodes a PNG or JPEG paper, or says what is wrong with it.
pub fn picture(bytes: &[u8]) -> std::result::Result<Picture, String> {
    if bytes.starts_with(b"\x89PNG") {
        png_picture(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_picture(bytes)
    } else {
        Err("it is not a PNG or JPEG picture".into())
    }
}

fn too_big(width: u32, height: u32) -> std::result::Result<(), String> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
        Err(format!(
            "the picture is {width} × {height} pixels, too large to place on a page"
        ))
    } else {
        Ok(())
    }
}

fn png_picture(bytes: &[u8]) -> std::result::Result<Picture, String> {
    let damaged = |e: png::DecodingError| format!("the PNG file is damaged ({e})");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(damaged)?;
    let (width, height) = reader.info().size();
    too_big(width, height)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "the PNG file is too large".to_string())?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(damaged)?;
    buf.truncate(frame.buffer_size());
    let (samples, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (2, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (4, true),
        png::ColorType::Indexed => return Err("the PNG file's palette could not be read".into()),
    };
    let mut rgb = Vec::with_capacity((width * height * 3) as usize);
    let mut alpha = has_alpha.then(|| Vec::with_capacity((width * height) as usize));
    for px in buf.chunks_exact(samples) {
        match samples {
            1 | 2 => rgb.extend_from_slice(&[px[0], px[0], px[0]]),
            _ => rgb.extend_from_slice(&px[..3]),
        }
        if let Some(a) = alpha.as_mut() {
            a.push(px[samples - 1]);
        }
    }
    Ok(Picture {
        width,
        height,
        pixels: Pixels { rgb, alpha },
    })
}

fn jpeg_picture(bytes: &[u8]) -> std::result::Result<Picture, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder =
        zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(bytes), options);
    decoder
        .decode_headers()
        .map_err(|e| format!("the JPEG file is damaged ({e:?})"))?;
    let info = decoder
        .info()
        .ok_or_else(|| "the JPEG file is damaged".to_string())?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    too_big(width, height)?;
    let rgb = decoder
        .decode()
        .map_err(|e| format!("the JPEG file is damaged ({e:?})"))?;
    if rgb.len() != (width * height * 3) as usize {
        return Err("the JPEG file is damaged (its pixels do not fill it)".into());
    }
    Ok(Picture {
        width,
        height,
        pixels: Pixels { rgb, alpha: None },
    })
}

const PT_PER_MM: f32 = 72.0 / 25.4;
/// Pictures are shown at their size on a 96-dpi screen.
const PICTURE_DPI: f32 = 96.0;

/// Keys never copied: metadata and application data a paper may carry.
const DROPPED_KEYS: &[&[u8]] = &[b"Metadata", b"PieceInfo", b"StructParents", b"OC"];

/// Draws each inset on its page (1-based page number) of `lo`.
pub(super) fn place(lo: &mut lopdf::Document, insets: &[(usize, Inset)]) -> Result<()> {
    let internal = |e: lopdf::Error| Error::Internal(format!("PDF inset: {e}"));
    let pages = lo.get_pages();
    // One copy of each source's objects, shared by all its pages.
    let mut copied: HashMap<(usize, ObjectId), ObjectId> = HashMap::new();
    for (n, (page_number, inset)) in insets.iter().enumerate() {
        let page_id = *pages
            .get(&(*page_number as u32))
            .ok_or_else(|| Error::Internal(format!("no page {page_number} for an inset")))?;
        let (xobject, width_pt, height_pt) = match inset {
            Inset::PdfPage { source, page } => {
                pdf_page_form(lo, source, *page, &mut copied).map_err(internal)?
            }
            Inset::Picture(p) => picture_xobject(lo, p),
        };
        let name = format!("Inset{n}");
        let drawing = drawing(
            &name,
            width_pt,
            height_pt,
            matches!(inset, Inset::Picture(_)),
        );
        add_to_page(lo, page_id, &name, xobject, drawing).map_err(internal)?;
    }
    Ok(())
}

/// The operators that draw the inset, fitted into the body and centred
/// across it, with a hairline round a paper's page edge.
fn drawing(name: &str, width: f32, height: f32, picture: bool) -> Vec<u8> {
    let body_left = MARGIN_LEFT_MM * PT_PER_MM;
    let body_width = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * PT_PER_MM;
    // A little room under the header rule and above the footer's.
    let body_top = (PAGE_HEIGHT_MM - BODY_TOP_MM) * PT_PER_MM;
    let body_height = (BODY_BOTTOM_MM - BODY_TOP_MM) * PT_PER_MM;
    let scale = (body_width / width).min(body_height / height).min(1.0);
    let (w, h) = (width * scale, height * scale);
    let x = body_left + (body_width - w) / 2.0;
    let y = body_top - h;
    let mut ops = String::new();
    if picture {
        // An image XObject fills the unit square.
        ops.push_str(&format!(
            "q {w:.3} 0 0 {h:.3} {x:.3} {y:.3} cm /{name} Do Q\n"
        ));
    } else {
        ops.push_str(&format!(
            "q {scale:.5} 0 0 {scale:.5} {x:.3} {y:.3} cm /{name} Do Q\n\
             q 0.6 G 0.4 w {x:.3} {y:.3} {w:.3} {h:.3} re S Q\n"
        ));
    }
    ops.into_bytes()
}

/// Adds `xobject` to the page's resources under `name` and draws it before
/// the page's own content (the header and footer then sit on top).
fn add_to_page(
    lo: &mut lopdf::Document,
    page_id: ObjectId,
    name: &str,
    xobject: ObjectId,
    drawing: Vec<u8>,
) -> lopdf::Result<()> {
    let drawing_id = lo.add_object(Stream::new(Dictionary::new(), drawing));
    // The page's resources, made its own dictionary so the others keep theirs.
    let resources = match lo.get_dictionary(page_id)?.get(b"Resources") {
        Ok(Object::Reference(id)) => lo.get_dictionary(*id)?.clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    let mut resources = resources;
    let mut xobjects = match resources.get(b"XObject") {
        Ok(Object::Reference(id)) => lo.get_dictionary(*id)?.clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    xobjects.set(name.as_bytes().to_vec(), Object::Reference(xobject));
    resources.set("XObject", Object::Dictionary(xobjects));
    let page = lo.get_dictionary_mut(page_id)?;
    page.set("Resources", Object::Dictionary(resources));
    let mut contents = vec![Object::Reference(drawing_id)];
    match page.get(b"Contents") {
        Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
        Ok(other) => contents.push(other.clone()),
        Err(_) => {}
    }
    page.set("Contents", Object::Array(contents));
    Ok(())
}

/// A page of `source` as a form XObject in `lo`: (its id, width, height in
/// points).
fn pdf_page_form(
    lo: &mut lopdf::Document,
    source: &Arc<lopdf::Document>,
    page: ObjectId,
    copied: &mut HashMap<(usize, ObjectId), ObjectId>,
) -> lopdf::Result<(ObjectId, f32, f32)> {
    let key = Arc::as_ptr(source) as usize;
    let dict = source.get_dictionary(page)?;
    let media = inherited(source, dict, b"MediaBox")
        .and_then(|o| o.as_array().ok().cloned())
        .unwrap_or_else(|| vec![0.into(), 0.into(), 595.into(), 842.into()]);
    let crop = inherited(source, dict, b"CropBox")
        .and_then(|o| o.as_array().ok().cloned())
        .unwrap_or_else(|| media.clone());
    let number = |o: &Object| o.as_float().unwrap_or(0.0);
    let bbox: Vec<f32> = crop.iter().map(number).collect();
    let [x0, y0, x1, y1] = bbox[..] else {
        return Err(lopdf::Error::DictType {
            expected: "a four-number CropBox",
            found: "something else".into(),
        });
    };
    let (left, bottom) = (x0.min(x1), y0.min(y1));
    let (width, height) = ((x1 - x0).abs().max(1.0), (y1 - y0).abs().max(1.0));
    let rotate = inherited(source, dict, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let resources = inherited(source, dict, b"Resources")
        .map(|r| copy(lo, source, key, r, copied))
        .transpose()?
        .unwrap_or_else(|| Object::Dictionary(Dictionary::new()));
    let content = source.get_page_content(page);
    let mut form = Dictionary::new();
    form.set("Type", "XObject");
    form.set("Subtype", "Form");
    form.set(
        "BBox",
        Object::Array(vec![
            left.into(),
            bottom.into(),
            (left + width).into(),
            (bottom + height).into(),
        ]),
    );
    // The page drawn from its own origin at the inset's origin, turned as
    // the paper asks.
    let (matrix, w, h) = match rotate {
        90 => (
            vec![0.0, -1.0, 1.0, 0.0, -bottom, left + width],
            height,
            width,
        ),
        180 => (
            vec![-1.0, 0.0, 0.0, -1.0, left + width, bottom + height],
            width,
            height,
        ),
        270 => (
            vec![0.0, 1.0, -1.0, 0.0, bottom + height, -left],
            height,
            width,
        ),
        _ => (vec![1.0, 0.0, 0.0, 1.0, -left, -bottom], width, height),
    };
    form.set(
        "Matrix",
        Object::Array(matrix.into_iter().map(Object::Real).collect()),
    );
    form.set("Resources", resources);
    let id = lo.add_object(Stream::new(form, content));
    Ok((id, w, h))
}

/// A page attribute, looked up through the page tree as PDF inherits them.
fn inherited<'a>(
    source: &'a lopdf::Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return source.dereference(value).ok().map(|(_, o)| o);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = source.get_dictionary(parent).ok()?;
    }
    None
}

/// Copies `object` and everything it refers to from `source` into `lo`,
/// once per source object, dropping metadata keys.
fn copy(
    lo: &mut lopdf::Document,
    source: &lopdf::Document,
    key: usize,
    object: &Object,
    copied: &mut HashMap<(usize, ObjectId), ObjectId>,
) -> lopdf::Result<Object> {
    Ok(match object {
        Object::Reference(id) => {
            if let Some(done) = copied.get(&(key, *id)) {
                return Ok(Object::Reference(*done));
            }
            // Reserve the id first: objects may refer to each other in a cycle.
            let new_id = lo.new_object_id();
            copied.insert((key, *id), new_id);
            let target = match source.get_object(*id) {
                Ok(o) => copy(lo, source, key, o, copied)?,
                Err(_) => Object::Null,
            };
            lo.objects.insert(new_id, target);
            Object::Reference(new_id)
        }
        Object::Dictionary(d) => Object::Dictionary(copy_dict(lo, source, key, d, copied)?),
        Object::Array(a) => Object::Array(
            a.iter()
                .map(|o| copy(lo, source, key, o, copied))
                .collect::<lopdf::Result<_>>()?,
        ),
        Object::Stream(s) => {
            let dict = copy_dict(lo, source, key, &s.dict, copied)?;
            let mut stream = Stream::new(dict, s.content.clone());
            stream.allows_compression = s.allows_compression;
            Object::Stream(stream)
        }
        other => other.clone(),
    })
}

fn copy_dict(
    lo: &mut lopdf::Document,
    source: &lopdf::Document,
    key: usize,
    d: &Dictionary,
    copied: &mut HashMap<(usize, ObjectId), ObjectId>,
) -> lopdf::Result<Dictionary> {
    let mut out = Dictionary::new();
    // Resources never need a page, the page tree or the catalogue; a
    // malformed paper that points at one must not drag its whole file in.
    if let Ok(kind) = d.get(b"Type").and_then(Object::as_name) {
        if matches!(kind, b"Page" | b"Pages" | b"Catalog" | b"Annot") {
            return Ok(out);
        }
    }
    for (k, v) in d.iter() {
        if DROPPED_KEYS.contains(&k.as_slice()) {
            continue;
        }
        out.set(k.clone(), copy(lo, source, key, v, copied)?);
    }
    Ok(out)
}

/// A picture as an image XObject: (its id, width, height in points).
fn picture_xobject(lo: &mut lopdf::Document, p: &Picture) -> (ObjectId, f32, f32) {
    let mut dict = Dictionary::new();
    dict.set("Type", "XObject");
    dict.set("Subtype", "Image");
    dict.set("Width", p.width as i64);
    dict.set("Height", p.height as i64);
    dict.set("BitsPerComponent", 8);
    dict.set("ColorSpace", "DeviceRGB");
    if let Some(alpha) = &p.pixels.alpha {
        let mut mask = Dictionary::new();
        mask.set("Type", "XObject");
        mask.set("Subtype", "Image");
        mask.set("Width", p.width as i64);
        mask.set("Height", p.height as i64);
        mask.set("BitsPerComponent", 8);
        mask.set("ColorSpace", "DeviceGray");
        let mask_id = lo.add_object(Stream::new(mask, alpha.clone()));
        dict.set("SMask", Object::Reference(mask_id));
    }
    let stream = Stream::new(dict, p.pixels.rgb.clone());
    let id = lo.add_object(stream);
    let to_pt = 72.0 / PICTURE_DPI;
    (id, p.width as f32 * to_pt, p.height as f32 * to_pt)
}
