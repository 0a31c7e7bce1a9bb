//! Pages as SVG, for the window's preview beside the editor: the same
//! layout the PDF is drawn from, so the preview shows exactly the pages
//! that will print (page breaks, contents numbers, large print).
//!
//! Text is drawn as glyph outlines (each glyph defined once per page and
//! reused), so the SVG carries no text at all: nothing typed can become
//! markup, and the window needs none of the fonts.

use super::fonts;
use super::layout::{Layout, Page, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use super::text::PT_TO_MM;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::rc::Rc;

/// Font units, y up, as SVG path data.
struct PathPen(String);

impl rustybuzz::ttf_parser::OutlineBuilder for PathPen {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

fn glyph_ref(face: fonts::FontFace, id: u16) -> String {
    format!("g{}-{id}", face as usize)
}

thread_local! {
    /// Each glyph's outline as path data, traced once per thread: the same
    /// few hundred glyphs are on every page of every preview.
    static OUTLINES: RefCell<HashMap<(fonts::FontFace, u16), Rc<str>>> =
        RefCell::new(HashMap::new());
}

fn outline(shaper: &fonts::Shaper, face: fonts::FontFace, id: u16) -> Rc<str> {
    OUTLINES.with(|outlines| {
        outlines
            .borrow_mut()
            .entry((face, id))
            .or_insert_with(|| {
                let mut pen = PathPen(String::new());
                shaper
                    .face
                    .outline_glyph(rustybuzz::ttf_parser::GlyphId(id), &mut pen);
                pen.0.into()
            })
            .clone()
    })
}

/// One page as a standalone SVG document, sized in millimetres.
pub fn page_svg(page: &Page) -> String {
    let mut defs = String::new();
    let mut body = String::new();
    let mut defined = BTreeSet::new();
    for fill in &page.fills {
        let g = (fill.grey * 255.0).round() as u8;
        let _ = write!(
            body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="rgb({g},{g},{g})"/>"#,
            fill.x, fill.y, fill.width, fill.height
        );
    }
    for rule in &page.rules {
        let _ = write!(
            body,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#737373" stroke-width="{}"/>"##,
            rule.x1,
            rule.y1,
            rule.x2,
            rule.y2,
            rule.thickness * PT_TO_MM
        );
    }
    for line in &page.lines {
        for run in &line.runs {
            let Ok(shaper) = fonts::shaper(run.face) else {
                continue;
            };
            let scale = run.size * PT_TO_MM / shaper.units_per_em;
            for g in &run.glyphs {
                let id = glyph_ref(run.face, g.id);
                if defined.insert(id.clone()) {
                    let path = outline(shaper, run.face, g.id);
                    let _ = write!(defs, r#"<path id="{id}" d="{path}"/>"#);
                }
                let _ = write!(
                    body,
                    r##"<use href="#{id}" transform="translate({} {}) scale({scale} {})"{}/>"##,
                    g.x,
                    line.baseline - g.rise,
                    -scale,
                    if run.synthetic_bold {
                        r#" stroke="black" stroke-width="30""#
                    } else {
                        ""
                    }
                );
            }
        }
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PAGE_WIDTH_MM} {PAGE_HEIGHT_MM}" width="{PAGE_WIDTH_MM}mm" height="{PAGE_HEIGHT_MM}mm"><rect width="100%" height="100%" fill="white"/><defs>{defs}</defs><g fill="black">{body}</g></svg>"#
    )
}

/// Every page of a layout as SVG.
pub fn svg_pages(laid: &Layout) -> Vec<String> {
    laid.pages.iter().map(page_svg).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{layout, Block, Document};

    #[test]
    fn a_page_becomes_svg_with_glyphs_and_no_text() {
        let mut doc = Document::new("Preview", "Test");
        doc.blocks.push(Block::heading(1, "Welcome <script>"));
        doc.blocks
            .push(Block::paragraph("فاطمة الزهراء حسن & ਹਰਪ੍ਰੀਤ ਕੌਰ"));
        let pages = svg_pages(&layout(&doc).unwrap());
        assert_eq!(pages.len(), 1);
        let svg = &pages[0];
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<use href=\"#g"), "glyphs are drawn");
        assert!(
            !svg.contains("script") && !svg.contains("&"),
            "no text, so no markup"
        );
    }
}
