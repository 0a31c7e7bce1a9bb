//! The fonts every document is set in, compiled into the binary, and the
//! choice of font for each character.
//!
//! No single font covers every script a member's name may be written in, so
//! the text is cut into runs by script and each run gets the face made for
//! it (see `fonts/README.md` for where each file came from and its licence).
//! Shipping the files with `include_bytes!` makes a PDF come out the same on
//! Windows, macOS and Linux, with or without system fonts. They are stored
//! deflated (by build.rs) and inflated on first use: 3.6 MB less binary for
//! a few milliseconds once per process.
//!
//! Each face is parsed at most once per process, on first use, so a document
//! without Chinese never parses the 4 MB CJK font.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// A font face shipped with IAG Desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontFace {
    SansRegular,
    SansBold,
    ArabicRegular,
    ArabicBold,
    BengaliRegular,
    BengaliBold,
    DevanagariRegular,
    DevanagariBold,
    GurmukhiRegular,
    GurmukhiBold,
    GujaratiRegular,
    GujaratiBold,
    TamilRegular,
    TamilBold,
    HebrewRegular,
    HebrewBold,
    /// Chinese, Japanese and Korean; there is no bold face (bold is drawn
    /// by stroking the outline, see `GlyphRun::synthetic_bold`).
    Cjk,
}

const FACE_COUNT: usize = 17;

impl FontFace {
    pub const ALL: [FontFace; FACE_COUNT] = [
        FontFace::SansRegular,
        FontFace::SansBold,
        FontFace::ArabicRegular,
        FontFace::ArabicBold,
        FontFace::BengaliRegular,
        FontFace::BengaliBold,
        FontFace::DevanagariRegular,
        FontFace::DevanagariBold,
        FontFace::GurmukhiRegular,
        FontFace::GurmukhiBold,
        FontFace::GujaratiRegular,
        FontFace::GujaratiBold,
        FontFace::TamilRegular,
        FontFace::TamilBold,
        FontFace::HebrewRegular,
        FontFace::HebrewBold,
        FontFace::Cjk,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The font's name, as a person would say it.
    pub fn name(self) -> &'static str {
        match self {
            FontFace::SansRegular => "Noto Sans",
            FontFace::SansBold => "Noto Sans Bold",
            FontFace::ArabicRegular => "Noto Sans Arabic",
            FontFace::ArabicBold => "Noto Sans Arabic Bold",
            FontFace::BengaliRegular => "Noto Sans Bengali",
            FontFace::BengaliBold => "Noto Sans Bengali Bold",
            FontFace::DevanagariRegular => "Noto Sans Devanagari",
            FontFace::DevanagariBold => "Noto Sans Devanagari Bold",
            FontFace::GurmukhiRegular => "Noto Sans Gurmukhi",
            FontFace::GurmukhiBold => "Noto Sans Gurmukhi Bold",
            FontFace::GujaratiRegular => "Noto Sans Gujarati",
            FontFace::GujaratiBold => "Noto Sans Gujarati Bold",
            FontFace::TamilRegular => "Noto Sans Tamil",
            FontFace::TamilBold => "Noto Sans Tamil Bold",
            FontFace::HebrewRegular => "Noto Sans Hebrew",
            FontFace::HebrewBold => "Noto Sans Hebrew Bold",
            FontFace::Cjk => "Droid Sans Fallback",
        }
    }

    /// The face's file, deflated at build time (build.rs): the fonts are
    /// half the size in the binary this way.
    fn deflated(self) -> &'static [u8] {
        macro_rules! font {
            ($file:literal) => {
                include_bytes!(concat!(env!("OUT_DIR"), "/fonts/", $file, ".deflate"))
            };
        }
        match self {
            FontFace::SansRegular => font!("NotoSans-Regular.ttf"),
            FontFace::SansBold => font!("NotoSans-Bold.ttf"),
            FontFace::ArabicRegular => font!("NotoSansArabic-Regular.ttf"),
            FontFace::ArabicBold => font!("NotoSansArabic-Bold.ttf"),
            FontFace::BengaliRegular => font!("NotoSansBengali-Regular.ttf"),
            FontFace::BengaliBold => font!("NotoSansBengali-Bold.ttf"),
            FontFace::DevanagariRegular => {
                font!("NotoSansDevanagari-Regular.ttf")
            }
            FontFace::DevanagariBold => font!("NotoSansDevanagari-Bold.ttf"),
            FontFace::GurmukhiRegular => font!("NotoSansGurmukhi-Regular.ttf"),
            FontFace::GurmukhiBold => font!("NotoSansGurmukhi-Bold.ttf"),
            FontFace::GujaratiRegular => font!("NotoSansGujarati-Regular.ttf"),
            FontFace::GujaratiBold => font!("NotoSansGujarati-Bold.ttf"),
            FontFace::TamilRegular => font!("NotoSansTamil-Regular.ttf"),
            FontFace::TamilBold => font!("NotoSansTamil-Bold.ttf"),
            FontFace::HebrewRegular => font!("NotoSansHebrew-Regular.ttf"),
            FontFace::HebrewBold => font!("NotoSansHebrew-Bold.ttf"),
            FontFace::Cjk => font!("DroidSansFallbackFull.ttf"),
        }
    }

    /// The face's file, inflated on first use and kept for the process.
    pub(crate) fn bytes(self) -> &'static [u8] {
        static FILES: [OnceLock<Vec<u8>>; FACE_COUNT] = [const { OnceLock::new() }; FACE_COUNT];
        FILES[self.index()].get_or_init(|| {
            use std::io::Read;
            let mut out = Vec::new();
            // A file built into the binary: it cannot fail to inflate, and an
            // empty face is refused as unreadable by the callers' parsers.
            let _ = flate2::read::DeflateDecoder::new(self.deflated()).read_to_end(&mut out);
            out
        })
    }

    /// Whether this face is the bold member of its family.
    pub fn is_bold(self) -> bool {
        matches!(
            self,
            FontFace::SansBold
                | FontFace::ArabicBold
                | FontFace::BengaliBold
                | FontFace::DevanagariBold
                | FontFace::GurmukhiBold
                | FontFace::GujaratiBold
                | FontFace::TamilBold
                | FontFace::HebrewBold
        )
    }
}

/// A face ready for shaping: parsed once, then shared by every document.
pub(crate) struct Shaper {
    pub face: rustybuzz::Face<'static>,
    /// Font units per em, as a float for scaling.
    pub units_per_em: f32,
}

static SHAPERS: [OnceLock<Option<Shaper>>; FACE_COUNT] = [const { OnceLock::new() }; FACE_COUNT];

/// The shaping face of `face`, parsed on first use.
pub(crate) fn shaper(face: FontFace) -> Result<&'static Shaper> {
    SHAPERS[face.index()]
        .get_or_init(|| {
            let hb = rustybuzz::Face::from_slice(face.bytes(), 0)?;
            let units_per_em = (hb.units_per_em() as f32).max(1.0);
            Some(Shaper {
                face: hb,
                units_per_em,
            })
        })
        .as_ref()
        .ok_or_else(|| Error::Internal(format!("the bundled font {} is unreadable", face.name())))
}

static PDF_FONTS: [OnceLock<Option<printpdf::ParsedFont>>; FACE_COUNT] =
    [const { OnceLock::new() }; FACE_COUNT];

/// The face as printpdf embeds it, parsed on first use.
pub(crate) fn pdf_font(face: FontFace) -> Result<&'static printpdf::ParsedFont> {
    PDF_FONTS[face.index()]
        .get_or_init(|| {
            let mut warnings = Vec::new();
            printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
        })
        .as_ref()
        .ok_or_else(|| {
            Error::Internal(format!(
                "the bundled font {} could not be prepared for PDF",
                face.name()
            ))
        })
}

static NOMINAL_CHARS: [OnceLock<HashMap<u16, char>>; FACE_COUNT] =
    [const { OnceLock::new() }; FACE_COUNT];

/// The character whose nominal glyph is `glyph` in `face`, if any: the
/// fallback text of a glyph for PDF text extraction.
pub(crate) fn nominal_char(face: FontFace, glyph: u16) -> Option<char> {
    let map = NOMINAL_CHARS[face.index()].get_or_init(|| {
        let mut map = HashMap::new();
        let Ok(shaper) = shaper(face) else {
            return map;
        };
        if let Some(cmap) = shaper.face.tables().cmap {
            for subtable in cmap.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|cp| {
                    if let (Some(c), Some(g)) = (char::from_u32(cp), subtable.glyph_index(cp)) {
                        map.entry(g.0).or_insert(c);
                    }
                });
            }
        }
        map
    });
    map.get(&glyph).copied()
}

/// Whether `face` has a glyph of its own for `c`.
pub(crate) fn covers(face: FontFace, c: char) -> bool {
    shaper(face)
        .map(|s| s.face.glyph_index(c).is_some())
        .unwrap_or(false)
}

/// The writing systems the bundled fonts are chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Script {
    /// Spaces, digits, punctuation: take the script of their neighbours.
    Common,
    /// Combining marks and joiners: always the script of the character before.
    Inherited,
    /// Latin, Greek and Cyrillic: all in Noto Sans.
    Latin,
    Arabic,
    Bengali,
    Devanagari,
    Gurmukhi,
    Gujarati,
    Tamil,
    /// Hebrew, Yiddish and Ladino (right to left).
    Hebrew,
    /// Han, kana and Hangul.
    Cjk,
}

impl Script {
    pub(crate) fn of(c: char) -> Script {
        let u = c as u32;
        match u {
            0x0300..=0x036F
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x20D0..=0x20FF
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
            | 0x200C
            | 0x200D => Script::Inherited,
            // Danda and double danda are shared by the Indic scripts.
            0x0964 | 0x0965 => Script::Common,
            0x0600..=0x0605 | 0x060C | 0x061B | 0x061F | 0x0640 | 0x06DD => Script::Common,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x0870..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF => Script::Devanagari,
            0x0980..=0x09FF => Script::Bengali,
            0x0A00..=0x0A7F => Script::Gurmukhi,
            0x0A80..=0x0AFF => Script::Gujarati,
            0x0B80..=0x0BFF => Script::Tamil,
            // Hebrew points (U+0591–U+05C7) are marks, but must stay with the
            // Hebrew face, which has them; presentation forms share the face.
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x1100..=0x11FF
            | 0x2E80..=0x2FDF
            | 0x3000..=0x303F
            | 0x3040..=0x30FF
            | 0x3100..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF => Script::Cjk,
            _ if c.is_alphabetic() => Script::Latin,
            _ => Script::Common,
        }
    }

    /// The face made for this script.
    pub(crate) fn face(self, bold: bool) -> FontFace {
        match (self, bold) {
            (Script::Arabic, false) => FontFace::ArabicRegular,
            (Script::Arabic, true) => FontFace::ArabicBold,
            (Script::Bengali, false) => FontFace::BengaliRegular,
            (Script::Bengali, true) => FontFace::BengaliBold,
            (Script::Devanagari, false) => FontFace::DevanagariRegular,
            (Script::Devanagari, true) => FontFace::DevanagariBold,
            (Script::Gurmukhi, false) => FontFace::GurmukhiRegular,
            (Script::Gurmukhi, true) => FontFace::GurmukhiBold,
            (Script::Gujarati, false) => FontFace::GujaratiRegular,
            (Script::Gujarati, true) => FontFace::GujaratiBold,
            (Script::Tamil, false) => FontFace::TamilRegular,
            (Script::Tamil, true) => FontFace::TamilBold,
            (Script::Hebrew, false) => FontFace::HebrewRegular,
            (Script::Hebrew, true) => FontFace::HebrewBold,
            (Script::Cjk, _) => FontFace::Cjk,
            (_, false) => FontFace::SansRegular,
            (_, true) => FontFace::SansBold,
        }
    }

    /// The script tag the shaper needs to pick the right shaping rules.
    pub(crate) fn shaping_script(self) -> rustybuzz::Script {
        match self {
            Script::Arabic => rustybuzz::script::ARABIC,
            Script::Bengali => rustybuzz::script::BENGALI,
            Script::Devanagari => rustybuzz::script::DEVANAGARI,
            Script::Gurmukhi => rustybuzz::script::GURMUKHI,
            Script::Gujarati => rustybuzz::script::GUJARATI,
            Script::Tamil => rustybuzz::script::TAMIL,
            Script::Hebrew => rustybuzz::script::HEBREW,
            Script::Cjk => rustybuzz::script::HAN,
            Script::Latin | Script::Common | Script::Inherited => rustybuzz::script::LATIN,
        }
    }
}

/// The face to draw `c` with, when the surrounding run is in `script`:
/// the script's own face if it has the glyph, else the first bundled face
/// that does, else the script's face (which draws its "missing" box).
pub(crate) fn face_for(c: char, script: Script, bold: bool) -> FontFace {
    let preferred = script.face(bold);
    if c.is_whitespace() || covers(preferred, c) {
        return preferred;
    }
    let fallbacks = [
        Script::Latin,
        Script::Cjk,
        Script::Arabic,
        Script::Devanagari,
        Script::Bengali,
        Script::Gurmukhi,
        Script::Gujarati,
        Script::Tamil,
        Script::Hebrew,
    ];
    fallbacks
        .iter()
        .map(|s| s.face(bold))
        .find(|&f| f != preferred && covers(f, c))
        .unwrap_or(preferred)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses_for_shaping() {
        for face in FontFace::ALL {
            let s = shaper(face).unwrap_or_else(|e| panic!("{}: {e}", face.name()));
            assert!(s.units_per_em >= 16.0, "{} has a sane em", face.name());
        }
    }

    #[test]
    fn each_script_gets_a_face_that_has_its_letters() {
        let cases = [
            ('Ł', FontFace::SansRegular),
            ('ó', FontFace::SansRegular),
            ('ف', FontFace::ArabicRegular),
            ('ی', FontFace::ArabicRegular),
            ('র', FontFace::BengaliRegular),
            ('ਹ', FontFace::GurmukhiRegular),
            ('प', FontFace::DevanagariRegular),
            ('ભ', FontFace::GujaratiRegular),
            ('த', FontFace::TamilRegular),
            ('נ', FontFace::HebrewRegular),
            ('\u{FB2A}', FontFace::HebrewRegular),
            ('陈', FontFace::Cjk),
        ];
        for (c, expected) in cases {
            let face = face_for(c, Script::of(c), false);
            assert_eq!(face, expected, "{c} must be drawn with {}", expected.name());
            assert!(covers(face, c), "{} must have a glyph for {c}", face.name());
        }
    }

    #[test]
    fn punctuation_missing_from_a_script_face_falls_back_to_one_that_has_it() {
        // Noto Sans Arabic has no "€"; Noto Sans does.
        let face = face_for('€', Script::Arabic, false);
        assert!(covers(face, '€'), "{} must have a glyph for €", face.name());
    }
}
