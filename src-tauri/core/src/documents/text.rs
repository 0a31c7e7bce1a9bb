//! From styled text to wrapped lines of positioned glyphs.
//!
//! The steps, for each paragraph (a `'\n'` starts a new one):
//!
//! 1. Bidi levels (unicode-bidi, UAX #9). A paragraph is left to right
//!    unless it has no left-to-right letters at all.
//! 2. Items: maximal stretches with one level, one script and one face.
//!    Spaces, digits and punctuation take the script of their neighbours, so
//!    "فاطمة الزهراء" is one Arabic item and shapes with its joins intact.
//! 3. Each item is shaped once, in logical context, by rustybuzz (HarfBuzz's
//!    rules): Arabic joining forms and ligatures, Indic conjuncts, reordered
//!    vowel signs and mark positioning all come from the font's own tables.
//! 4. Lines are filled greedily in logical order, using the shaped advances,
//!    breaking after spaces, between CJK characters, after a hyphen inside a
//!    word, and, only for a word wider than the line, between clusters.
//! 5. Each line is put in visual order (UAX #9 rule L2) and its glyphs are
//!    taken, already in visual order, from the shaped items.
//!
//! Invariant: a line's width is the sum of the advances of exactly the glyphs
//! it draws, and never exceeds the width asked for unless a single cluster is
//! wider than that.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use unicode_bidi::ParagraphBidiInfo;

use super::fonts::{self, FontFace, Script};
use super::layout::{GlyphRun, PlacedGlyph};
use crate::error::Result;

/// Millimetres per PostScript point.
pub(crate) const PT_TO_MM: f32 = 25.4 / 72.0;

/// Slack for floating-point comparisons of widths, in millimetres.
const EPSILON_MM: f32 = 0.001;

/// The distance between baselines for text of `size_pt`, in millimetres.
pub(crate) fn line_height(size_pt: f32) -> f32 {
    size_pt * 1.45 * PT_TO_MM
}

/// How far below the top of its line box a line's baseline sits, in mm.
pub(crate) fn baseline_offset(size_pt: f32) -> f32 {
    size_pt * 1.08 * PT_TO_MM
}

/// A stretch of text with one style.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Styled<'a> {
    pub text: &'a str,
    pub bold: bool,
}

/// One line after shaping and wrapping. Glyph and run positions are relative
/// to the line's left edge; the layout moves them into place.
#[derive(Debug, Clone)]
pub(crate) struct ShapedLine {
    /// The line's text in logical (reading) order.
    pub text: String,
    /// Width of the drawn glyphs, in millimetres.
    pub width: f32,
    /// Whether the paragraph reads right to left (so aligns to the right).
    pub rtl: bool,
    /// Runs in visual order, left to right.
    pub runs: Vec<GlyphRun>,
}

/// Shape `pieces` at `size_pt` and wrap them to `max_width` millimetres.
/// Empty text gives no lines; an empty paragraph between two `'\n'` gives
/// an empty line.
pub(crate) fn shape_text(
    pieces: &[Styled<'_>],
    size_pt: f32,
    max_width: f32,
) -> Result<Vec<ShapedLine>> {
    let (text, bold) = normalise(pieces);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n').chain([(text.len(), "")]) {
        let range = start..i;
        start = i + 1;
        if range.is_empty() {
            lines.push(ShapedLine {
                text: String::new(),
                width: 0.0,
                rtl: false,
                runs: Vec::new(),
            });
            continue;
        }
        lines.extend(shape_paragraph(
            &text[range.clone()],
            &bold[range],
            size_pt,
            max_width,
        )?);
    }
    Ok(lines)
}

/// How a document reads one character of its text, in the PDF and the web
/// page alike: every Unicode paragraph or line separator is a line break
/// (`'\n'`), a tab a space, other control characters nothing (they have no
/// glyph and would confuse the bidi algorithm), anything else itself.
pub(super) fn reading(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        '\n' | '\u{0B}' | '\u{0C}' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            Some('\n')
        }
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Joins the pieces into one string with a bold flag per byte, each
/// character as [`reading`] takes it.
fn normalise(pieces: &[Styled<'_>]) -> (String, Vec<bool>) {
    let mut text = String::new();
    let mut bold = Vec::new();
    for piece in pieces {
        for c in piece.text.chars().filter_map(reading) {
            text.push(c);
            bold.extend(std::iter::repeat_n(piece.bold, c.len_utf8()));
        }
    }
    (text, bold)
}

/// A glyph as the shaper placed it, in millimetres.
#[derive(Debug, Clone)]
struct ShapedGlyph {
    id: u16,
    /// Byte offset (in the paragraph) of the cluster this glyph belongs to.
    cluster: usize,
    advance: f32,
    x_offset: f32,
    y_offset: f32,
    /// What this glyph stands for when text is copied (see
    /// `assign_cluster_texts`); possibly empty.
    text: String,
}

/// A maximal stretch of one bidi level, script and face, shaped.
#[derive(Debug)]
struct Item {
    range: Range<usize>,
    face: FontFace,
    rtl: bool,
    bold: bool,
    /// In visual order (the shaper's output order).
    glyphs: Vec<ShapedGlyph>,
}

fn shape_paragraph(
    text: &str,
    bold: &[bool],
    size_pt: f32,
    max_width: f32,
) -> Result<Vec<ShapedLine>> {
    // The document is English: a paragraph reads right to left only when it
    // has no left-to-right letters at all (a name or a quotation wholly in
    // Arabic script), not merely because it starts with an Arabic name.
    let has_ltr = text
        .chars()
        .any(|c| unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::L);
    let default_level = has_ltr.then(unicode_bidi::Level::ltr);
    let bidi = ParagraphBidiInfo::new(text, default_level);
    let base_rtl = bidi.paragraph_level.is_rtl();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let items = itemise(text, &chars, bold, &bidi)
        .into_iter()
        .map(|item| shape_item(text, item, size_pt))
        .collect::<Result<Vec<_>>>()?;

    // Advance of each cluster, on the cluster's first byte; breaks may only
    // fall where a cluster starts.
    let mut advance = vec![0.0f32; text.len()];
    let mut cluster_start = vec![false; text.len()];
    for item in &items {
        cluster_start[item.range.start] = true;
        for g in &item.glyphs {
            advance[g.cluster] += g.advance;
            cluster_start[g.cluster] = true;
        }
    }
    let widths: Vec<f32> = chars.iter().map(|&(b, _)| advance[b]).collect();
    let starts: Vec<bool> = chars.iter().map(|&(b, _)| cluster_start[b]).collect();

    let line_ranges = break_lines(&chars, &widths, &starts, max_width);
    Ok(line_ranges
        .into_iter()
        .map(|r| {
            let bytes = byte_range(text, &chars, r);
            build_line(text, &bidi, &items, bytes, base_rtl, size_pt)
        })
        .collect())
}

fn byte_range(text: &str, chars: &[(usize, char)], r: Range<usize>) -> Range<usize> {
    let at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    at(r.start)..at(r.end)
}

/// Cuts the paragraph into items of one level, script and face.
fn itemise(
    text: &str,
    chars: &[(usize, char)],
    bold: &[bool],
    bidi: &ParagraphBidiInfo<'_>,
) -> Vec<Item> {
    let scripts = resolve_scripts(chars);
    let mut items: Vec<Item> = Vec::new();
    let mut key_of_last: Option<(bool, u8, FontFace)> = None;
    for (i, &(b, c)) in chars.iter().enumerate() {
        let level = bidi.levels[b];
        let is_bold = bold[b];
        // Marks and joiners stay with the character they modify, whatever
        // their own coverage, so clusters are never split between faces.
        let face = match (Script::of(c), items.last()) {
            (Script::Inherited, Some(last)) if last.bold == is_bold => last.face,
            _ => fonts::face_for(c, scripts[i], is_bold),
        };
        let key = (is_bold, level.number(), face);
        if key_of_last == Some(key) {
            if let Some(last) = items.last_mut() {
                last.range.end = b + c.len_utf8();
                continue;
            }
        }
        key_of_last = Some(key);
        items.push(Item {
            range: b..b + c.len_utf8(),
            face,
            rtl: level.is_rtl(),
            bold: is_bold,
            glyphs: Vec::new(),
        });
    }
    debug_assert_eq!(items.last().map(|i| i.range.end), Some(text.len()));
    items
}

/// The script of each character, with spaces, digits and punctuation given
/// the script of the text before them (or after, at the start).
fn resolve_scripts(chars: &[(usize, char)]) -> Vec<Script> {
    let mut scripts: Vec<Script> = chars.iter().map(|&(_, c)| Script::of(c)).collect();
    let mut last_strong = None;
    for s in scripts.iter_mut() {
        match *s {
            Script::Common | Script::Inherited => {
                if let Some(l) = last_strong {
                    *s = l;
                }
            }
            strong => last_strong = Some(strong),
        }
    }
    let first_strong = scripts
        .iter()
        .copied()
        .find(|s| !matches!(s, Script::Common | Script::Inherited))
        .unwrap_or(Script::Latin);
    for s in scripts.iter_mut() {
        if matches!(s, Script::Common | Script::Inherited) {
            *s = first_strong;
        }
    }
    scripts
}

thread_local! {
    /// Shape plans are costly to build and depend only on face, direction
    /// and script; build each once per thread.
    static PLANS: RefCell<HashMap<(FontFace, bool, rustybuzz::Script), Rc<rustybuzz::ShapePlan>>> =
        RefCell::new(HashMap::new());
}

fn shape_item(text: &str, mut item: Item, size_pt: f32) -> Result<Item> {
    let shaper = fonts::shaper(item.face)?;
    let item_text = &text[item.range.clone()];
    let script = Script::of_run(item_text);
    let direction = if item.rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    };
    let hb_script = script.shaping_script();
    let plan = PLANS.with(|plans| {
        plans
            .borrow_mut()
            .entry((item.face, item.rtl, hb_script))
            .or_insert_with(|| {
                Rc::new(rustybuzz::ShapePlan::new(
                    &shaper.face,
                    direction,
                    Some(hb_script),
                    None,
                    &[],
                ))
            })
            .clone()
    });

    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(item_text);
    buffer.set_direction(direction);
    buffer.set_script(hb_script);
    // Context lets the shaper see across item edges (e.g. an Arabic letter
    // next to a character drawn from another face still joins correctly).
    buffer.set_pre_context(&text[..item.range.start]);
    buffer.set_post_context(&text[item.range.end..]);
    let mut flags = rustybuzz::BufferFlags::empty();
    if item.range.start == 0 {
        flags |= rustybuzz::BufferFlags::BEGINNING_OF_TEXT;
    }
    if item.range.end == text.len() {
        flags |= rustybuzz::BufferFlags::END_OF_TEXT;
    }
    buffer.set_flags(flags);
    let shaped = rustybuzz::shape_with_plan(&shaper.face, &plan, buffer);

    let scale = size_pt / shaper.units_per_em * PT_TO_MM;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut glyphs: Vec<ShapedGlyph> = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| ShapedGlyph {
            id: info.glyph_id as u16,
            cluster: item.range.start + info.cluster as usize,
            advance: pos.x_advance as f32 * scale,
            x_offset: pos.x_offset as f32 * scale,
            y_offset: pos.y_offset as f32 * scale,
            text: String::new(),
        })
        .collect();

    assign_cluster_texts(text, item.face, item.range.end, &mut glyphs);
    if item.rtl {
        // Extractors (poppler's, for one) read a right-to-left word's glyphs
        // from left to right, as drawn, and reverse them into reading order;
        // a glyph standing for several characters (lam-alef) must therefore
        // list them as drawn, right to left, to come out in reading order.
        for g in &mut glyphs {
            if g.text.chars().nth(1).is_some() {
                g.text = g.text.chars().rev().collect();
            }
        }
    }
    item.glyphs = glyphs;
    Ok(item)
}

/// Shares each cluster's text out among its glyphs, for PDF text
/// extraction: a glyph that is the font's own glyph for one of the
/// cluster's characters (a mark, a vowel sign) stands for that character;
/// the rest of the cluster's text goes to its first other glyph with an
/// advance (a ligature, a conjunct, a positional form), else its first
/// glyph. Keeping the glyph-to-text link this tight makes it the same
/// wherever the glyph appears, which a PDF's one `/ToUnicode` entry per
/// glyph requires.
fn assign_cluster_texts(text: &str, face: FontFace, end: usize, glyphs: &mut [ShapedGlyph]) {
    // Glyph indices grouped by cluster, clusters in logical order, glyphs
    // within a cluster in drawn order.
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by_key(|&i| (glyphs[i].cluster, i));
    let groups: Vec<&[usize]> = order
        .chunk_by(|&a, &b| glyphs[a].cluster == glyphs[b].cluster)
        .collect();
    for (k, members) in groups.iter().enumerate() {
        let cluster = glyphs[members[0]].cluster;
        let next = groups.get(k + 1).map_or(end, |g| glyphs[g[0]].cluster);
        let cluster_text = &text[cluster..next];
        if let [only] = members[..] {
            glyphs[only].text = cluster_text.to_string();
            continue;
        }
        let mut remaining: Vec<char> = cluster_text.chars().collect();
        let mut unmatched = Vec::new();
        for &i in members.iter() {
            let own = fonts::nominal_char(face, glyphs[i].id)
                .and_then(|c| remaining.iter().position(|&r| r == c));
            match own {
                Some(pos) => glyphs[i].text = remaining.remove(pos).to_string(),
                None => unmatched.push(i),
            }
        }
        if remaining.is_empty() {
            continue;
        }
        let holder = unmatched
            .iter()
            .copied()
            .find(|&i| glyphs[i].advance != 0.0)
            .or_else(|| unmatched.first().copied())
            .or_else(|| members.iter().copied().find(|&i| glyphs[i].advance != 0.0))
            .unwrap_or(members[0]);
        // The leftover characters, in their logical order, before whatever
        // the holder already stands for.
        let leftover: String = remaining.into_iter().collect();
        let own = std::mem::take(&mut glyphs[holder].text);
        glyphs[holder].text = leftover + &own;
    }
}

impl Script {
    /// The script of an item's text: its first strong character's.
    fn of_run(text: &str) -> Script {
        text.chars()
            .map(Script::of)
            .find(|s| !matches!(s, Script::Common | Script::Inherited))
            .unwrap_or(Script::Latin)
    }
}

/// Spaces a line may break after (not the no-break spaces).
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}' | '\u{2060}')
}

fn is_cjk(c: char) -> bool {
    Script::of(c) == Script::Cjk
}

/// Characters a line must not start with (closing punctuation).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
            | '｝'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
    )
}

/// Characters a line must not end with (opening punctuation).
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '〈' | '《' | '［' | '｛' | '(' | '[' | '{'
    )
}

/// Whether a line may start at char `i`.
fn can_break_before(chars: &[(usize, char)], starts: &[bool], i: usize) -> bool {
    if i == 0 || i >= chars.len() || !starts[i] {
        return false;
    }
    let prev = chars[i - 1].1;
    let cur = chars[i].1;
    if is_break_space(cur) {
        return false;
    }
    if is_break_space(prev) {
        return true;
    }
    if (is_cjk(prev) || is_cjk(cur)) && !is_closing(cur) && !is_opening(prev) {
        return true;
    }
    matches!(prev, '-' | '/' | '\u{2010}' | '\u{2013}' | '\u{2014}')
        && i >= 2
        && chars[i - 2].1.is_alphanumeric()
        && cur.is_alphanumeric()
}

/// Greedy line filling. Returns char ranges, each without its trailing
/// spaces (they hang past the line end, as in every word processor).
fn break_lines(
    chars: &[(usize, char)],
    widths: &[f32],
    starts: &[bool],
    max_width: f32,
) -> Vec<Range<usize>> {
    let n = chars.len();
    let trim = |start: usize, mut end: usize| {
        while end > start && is_break_space(chars[end - 1].1) {
            end -= 1;
        }
        start..end
    };
    let sum = |r: Range<usize>| widths[r].iter().sum::<f32>();

    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_width = 0.0;
    let mut segment_start = 0;
    let ends = (1..n)
        .filter(|&i| can_break_before(chars, starts, i))
        .chain([n]);
    for segment_end in ends {
        let visible = trim(segment_start, segment_end);
        let visible_width = sum(visible.clone());
        if line_start < segment_start && line_width + visible_width > max_width + EPSILON_MM {
            lines.push(trim(line_start, segment_start));
            line_start = segment_start;
            line_width = 0.0;
        }
        if line_start == segment_start && visible_width > max_width + EPSILON_MM {
            // A word wider than the line: break it between clusters.
            let mut piece_start = segment_start;
            let mut width = 0.0;
            for i in visible.clone() {
                if starts[i] && i > piece_start && width + widths[i] > max_width + EPSILON_MM {
                    lines.push(piece_start..i);
                    piece_start = i;
                    width = 0.0;
                }
                width += widths[i];
            }
            line_start = piece_start;
            line_width = width + sum(visible.end..segment_end);
        } else {
            line_width += sum(segment_start..segment_end);
        }
        segment_start = segment_end;
    }
    if line_start < n || lines.is_empty() {
        lines.push(trim(line_start, n));
    }
    lines
}

/// Puts one line's glyphs in visual order, left to right from x = 0.
fn build_line(
    text: &str,
    bidi: &ParagraphBidiInfo<'_>,
    items: &[Item],
    bytes: Range<usize>,
    base_rtl: bool,
    size_pt: f32,
) -> ShapedLine {
    let mut runs = Vec::new();
    let mut pen = 0.0f32;
    if !bytes.is_empty() {
        let (levels, level_runs) = bidi.visual_runs(bytes.clone());
        for level_run in level_runs {
            let rtl = levels[level_run.start].is_rtl();
            let mut overlapping: Vec<(&Item, Range<usize>)> = items
                .iter()
                .filter(|it| it.range.start < level_run.end && it.range.end > level_run.start)
                .map(|it| {
                    let start = it.range.start.max(level_run.start);
                    let end = it.range.end.min(level_run.end);
                    (it, start..end)
                })
                .collect();
            if rtl {
                overlapping.reverse();
            }
            for (item, sub) in overlapping {
                let run_x = pen;
                let mut glyphs = Vec::new();
                for g in item.glyphs.iter().filter(|g| sub.contains(&g.cluster)) {
                    glyphs.push(PlacedGlyph {
                        id: g.id,
                        x: pen + g.x_offset,
                        rise: g.y_offset,
                        text: g.text.clone(),
                    });
                    pen += g.advance;
                }
                let logical = &text[sub.clone()];
                let actual_text = if item.rtl {
                    logical.chars().rev().collect()
                } else {
                    logical.to_string()
                };
                runs.push(GlyphRun {
                    face: item.face,
                    size: size_pt,
                    rtl: item.rtl,
                    synthetic_bold: item.bold && !item.face.is_bold(),
                    text: text[sub].to_string(),
                    x: run_x,
                    width: pen - run_x,
                    glyphs,
                    actual_text,
                });
            }
        }
    }
    ShapedLine {
        text: text[bytes].to_string(),
        width: pen,
        rtl: base_rtl,
        runs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Styled<'_>> {
        vec![Styled { text, bold: false }]
    }

    fn lines(text: &str, width: f32) -> Vec<ShapedLine> {
        shape_text(&plain(text), 10.0, width).unwrap()
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word_in_order() {
        let text = "Zofia Wójcik and Łukasz Nowakowski attended the meeting of the \
                    Marlow Fen Local Independent Advisory Group on the twelfth of March.";
        let out = lines(text, 40.0);
        assert!(out.len() > 2, "a 40 mm column must wrap this sentence");
        for line in &out {
            assert!(
                line.width <= 40.0 + EPSILON_MM,
                "line {:?} is {} mm, wider than 40 mm",
                line.text,
                line.width
            );
        }
        let rejoined = out
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            rejoined, text,
            "wrapping must neither drop nor reorder words"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_clusters() {
        let out = lines("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 20.0);
        assert!(out.len() > 1, "an overlong word must be split");
        assert!(out.iter().all(|l| l.width <= 20.0 + EPSILON_MM));
    }

    #[test]
    fn chinese_breaks_between_characters() {
        let out = lines(&"陈美玲".repeat(20), 30.0);
        assert!(out.len() > 1, "CJK text wraps without spaces");
        assert!(out.iter().all(|l| l.width <= 30.0 + EPSILON_MM));
    }

    #[test]
    fn arabic_is_shaped_into_joined_forms_and_laid_out_right_to_left() {
        let out = lines("فاطمة", 100.0);
        assert_eq!(out.len(), 1);
        let line = &out[0];
        assert!(line.rtl, "an Arabic paragraph reads right to left");
        let run = &line.runs[0];
        assert!(run.rtl);
        assert_eq!(run.face, FontFace::ArabicRegular);
        // Joined letters use positional forms, which are different glyphs from
        // the isolated letters the font's cmap maps the characters to.
        let shaper = fonts::shaper(FontFace::ArabicRegular).unwrap();
        let isolated: Vec<u16> = "فاطمة"
            .chars()
            .map(|c| shaper.face.glyph_index(c).unwrap().0)
            .collect();
        let drawn: Vec<u16> = run.glyphs.iter().map(|g| g.id).collect();
        assert_ne!(drawn, isolated, "letters must not be drawn isolated");
        // The first letter (ف) is drawn rightmost: its glyph carries its text.
        let rightmost = run
            .glyphs
            .iter()
            .max_by(|a, b| a.x.total_cmp(&b.x))
            .unwrap();
        assert_eq!(rightmost.text, "ف", "the first letter must be on the right");
    }

    #[test]
    fn a_devanagari_conjunct_is_formed_and_every_character_kept_once() {
        let out = lines("प्रिया", 100.0);
        let run = &out[0].runs[0];
        assert_eq!(run.face, FontFace::DevanagariRegular);
        assert_eq!(run.actual_text, "प्रिया", "copied text is the text as typed");
        let texts: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(
            texts.chars().count(),
            "प्रिया".chars().count(),
            "every character is carried by exactly one glyph"
        );
        assert!(
            run.glyphs.len() < "प्रिया".chars().count(),
            "the conjunct and vowel sign must be formed (fewer glyphs than characters)"
        );
    }

    #[test]
    fn hebrew_is_laid_out_right_to_left_like_arabic() {
        let out = lines("נועה לוי", 100.0);
        let line = &out[0];
        assert!(line.rtl, "a Hebrew paragraph reads right to left");
        let run = &line.runs[0];
        assert!(run.rtl);
        assert_eq!(run.face, FontFace::HebrewRegular);
        assert_eq!(
            run.actual_text, "יול העונ",
            "a right-to-left run's extraction text is in drawn order"
        );
        let rightmost = run
            .glyphs
            .iter()
            .max_by(|a, b| a.x.total_cmp(&b.x))
            .unwrap();
        assert_eq!(rightmost.text, "נ", "the first letter must be on the right");
        let bold = shape_text(
            &[Styled {
                text: "נועה",
                bold: true,
            }],
            10.0,
            100.0,
        )
        .unwrap();
        assert_eq!(bold[0].runs[0].face, FontFace::HebrewBold);
        assert!(!bold[0].runs[0].synthetic_bold);
    }

    #[test]
    fn gujarati_and_tamil_vowel_signs_and_conjuncts_are_formed() {
        for (name, face) in [
            ("ભાવના પટેલ", FontFace::GujaratiRegular),
            ("தமிழ்செல்வி முருகன்", FontFace::TamilRegular),
        ] {
            let out = lines(name, 100.0);
            let run = &out[0].runs[0];
            assert_eq!(run.face, face, "{name} is set in {}", face.name());
            assert!(!run.rtl);
            assert_eq!(run.actual_text, name, "copied text is the text as typed");
            let texts: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
            assert_eq!(
                texts.chars().count(),
                name.chars().count(),
                "every character of {name} is carried by exactly one glyph"
            );
        }
        // Conjuncts: one glyph for consonant + virama + consonant (+ vowel
        // sign), so fewer glyphs than characters.
        for word in ["પ્રિયા", "ક્ષમા", "க்ஷ"] {
            let out = lines(word, 100.0);
            let run = &out[0].runs[0];
            assert!(
                run.glyphs.len() < word.chars().count(),
                "the conjunct in {word} must be formed: {} glyphs",
                run.glyphs.len()
            );
        }
        // Gujarati "ટે": the vowel sign ે is a mark drawn over the ટ, not
        // beside it.
        let out = lines("પટેલ", 100.0);
        let glyphs = &out[0].runs[0].glyphs;
        let sign = glyphs.iter().find(|g| g.text == "\u{0AC7}").unwrap();
        let consonant = glyphs.iter().find(|g| g.text == "ટ").unwrap();
        let next = glyphs.iter().find(|g| g.text == "લ").unwrap();
        assert!(
            sign.x >= consonant.x - EPSILON_MM && sign.x < next.x,
            "ે sits on ટ: ટ at {}, ે at {}, લ at {}",
            consonant.x,
            sign.x,
            next.x
        );
        // Tamil "செ": the vowel sign ெ is drawn before (left of) the
        // consonant ச it follows in the text.
        let out = lines("செ", 100.0);
        let glyphs = &out[0].runs[0].glyphs;
        let sign = glyphs.iter().find(|g| g.text == "\u{0BC6}").unwrap();
        let consonant = glyphs.iter().find(|g| g.text == "ச").unwrap();
        assert!(sign.x < consonant.x, "the vowel sign ெ is drawn first");
    }

    #[test]
    fn mixed_latin_and_arabic_keep_logical_text_and_visual_order() {
        let out = lines("Name: فاطمة حسن (chair)", 200.0);
        let line = &out[0];
        assert!(
            !line.rtl,
            "a paragraph with Latin letters reads left to right"
        );
        assert_eq!(line.text, "Name: فاطمة حسن (chair)");
        let arabic = line.runs.iter().find(|r| r.rtl).unwrap();
        assert_eq!(arabic.text, "فاطمة حسن");
        assert_eq!(
            arabic.actual_text, "نسح ةمطاف",
            "a right-to-left run's extraction text is in drawn order"
        );
        let faces: Vec<FontFace> = line.runs.iter().map(|r| r.face).collect();
        assert!(faces.contains(&FontFace::ArabicRegular));
        // Runs are in visual order: x increases along the line.
        for pair in line.runs.windows(2) {
            assert!(pair[0].x <= pair[1].x, "runs must be in visual order");
        }
    }

    #[test]
    fn an_english_sentence_starting_with_an_arabic_name_reads_left_to_right() {
        let out = lines("فاطمة حسن to contact the youth forum.", 200.0);
        assert!(!out[0].rtl, "the sentence is English");
        let first = &out[0].runs[0];
        assert!(
            first.rtl && first.text == "فاطمة حسن",
            "the name is drawn first, at the left"
        );
        assert!(
            lines("فاطمة حسن", 200.0)[0].rtl,
            "a name alone reads right to left"
        );
    }

    #[test]
    fn hard_line_breaks_and_empty_text() {
        assert!(lines("", 50.0).is_empty(), "no text, no lines");
        let out = lines("one\n\ntwo", 50.0);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["one", "", "two"]);
    }
}
