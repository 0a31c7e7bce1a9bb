//! Documents as web pages: the accessible alternative to the PDF.
//!
//! [`render_html`] writes the same [`Document`] the PDF is drawn from as one
//! self-contained HTML5 page, so a web page can never show more than its
//! PDF does: the audience filter has already run when the document is built.
//! A screen reader, a browser's reader view, a braille display or a
//! translation tool reads it natively; people who enlarge text get reflow
//! instead of a magnified A4 page.
//!
//! Invariants, each checked by [`check_html`]:
//!
//! - The page is well-formed XML as well as HTML5 (every element closed,
//!   every attribute quoted, all text escaped), so it parses the same way
//!   in a browser, an XML tool and the tests.
//! - Nothing outside the file is ever loaded: no script, no link, no image,
//!   no font; the style sheet is inline and small, and prints well.
//! - There is one `h1`, first, and no heading is more than one level below
//!   the one before it, whatever the document asked for.
//! - Every table has a header row of `th scope="col"` cells, and every body
//!   row as many cells as the header.
//! - Every run of text in a script other than Latin sits in a `span` with
//!   a `lang` naming its script (`und-Arab`: language undetermined, Arabic
//!   script, since the app does not know whether a name is Arabic, Urdu or
//!   Persian) and, for right-to-left scripts, `dir="rtl"`. A paragraph with
//!   no left-to-right letter at all reads right to left, as in the PDF.
//!
//! The security marking is text at the top and the bottom of the page, and
//! the watermark ("DRAFT") a visible note under the top marking.

use super::fonts::Script;
use super::text::reading;
use super::{Block, Document, ListItem, Table, TextRun};
use std::fmt::Write as _;

/// The page's style sheet: readable on screen, sensible on paper.
const STYLE: &str = "\
body{font-family:\"Noto Sans\",Arial,Helvetica,sans-serif;line-height:1.5;color:#111;\
background:#fff;max-width:50rem;margin:0 auto;padding:1rem 1.25rem}\
.marking{font-weight:bold;text-align:center;letter-spacing:.05em;margin:.25rem 0}\
.running-head{text-align:center;margin:0 0 .5rem}\
.watermark{font-weight:bold;text-align:center;color:#a00;border:2px solid #a00;padding:.25rem}\
header,footer{border-color:#555;border-style:solid;border-width:0}\
header{border-bottom-width:1px;margin-bottom:1rem}\
footer{border-top-width:1px;margin-top:2rem}\
h1,h2,h3{line-height:1.25;margin:1.5rem 0 .5rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\
caption{text-align:start;font-weight:bold;padding:.25rem 0}\
th,td{border:1px solid #555;padding:.25rem .5rem;text-align:start;vertical-align:top}\
th{background:#eee}\
ol.labelled{list-style:none;padding-inline-start:0}\
ol.labelled ol.labelled{padding-inline-start:2.5rem}\
.label{display:inline-block;min-width:2.5rem;font-weight:bold}\
@media print{body{max-width:none;padding:0;font-size:11pt}\
thead{display:table-header-group}tr{break-inside:avoid}\
h1,h2,h3{break-after:avoid}.page-break{break-after:page}}";

/// The whole document as one HTML page.
pub fn render_html(doc: &Document) -> String {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    let _ = write!(
        out,
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{}\">\n<head>\n",
        attribute(language(doc))
    );
    out.push_str("<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(out, "<title>{}</title>", text(&doc.title));
    if !doc.author.trim().is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\"/>",
            attribute(&doc.author)
        );
    }
    let _ = write!(out, "<style>{STYLE}");
    // Large print: the PDF's body text is 10 pt times the scale; a browser's
    // is 12 pt, so only a scale past 1.2 makes it larger.
    let percent = (doc.text_scale * 10.0 / 12.0 * 100.0).round();
    if percent > 100.0 {
        let _ = write!(out, "html{{font-size:{percent}%}}");
    }
    out.push_str("</style>\n</head>\n<body>\n<header>\n");
    let marking = doc.marking.label();
    let _ = writeln!(out, "<p class=\"marking\">{marking}</p>");
    if !doc.header_text.trim().is_empty() {
        out.push_str("<p class=\"running-head\"");
        inline_block(&mut out, &[TextRun::plain(doc.header_text.clone())]);
        out.push_str("</p>\n");
    }
    if let Some(w) = doc.watermark.as_deref().filter(|w| !w.trim().is_empty()) {
        out.push_str("<p class=\"watermark\"");
        inline_block(&mut out, &[TextRun::bold(w)]);
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n<main>\n");
    Body::default().blocks(&mut out, &doc.blocks);
    let _ = write!(
        out,
        "</main>\n<footer>\n<p class=\"marking\">{marking}</p>\n</footer>\n</body>\n</html>\n"
    );
    out
}

fn language(doc: &Document) -> &str {
    let lang = doc.language.trim();
    if lang.is_empty() {
        "en-GB"
    } else {
        lang
    }
}

/// What the body remembers while it writes blocks in order.
#[derive(Default)]
struct Body {
    /// The level of the last heading written, 0 before the first.
    last_level: u8,
    /// The last heading's text, until a table takes it as its caption.
    caption: Option<String>,
}

impl Body {
    fn blocks(&mut self, out: &mut String, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Heading { level, text } => self.heading(out, *level, text),
                Block::Paragraph(runs) => {
                    if runs.iter().any(|r| !r.text.trim().is_empty()) {
                        out.push_str("<p");
                        inline_block(out, runs);
                        out.push_str("</p>\n");
                    }
                }
                Block::NumberedList(items) => list(out, items),
                Block::Table(t) => table(out, t, self.caption.take()),
                // Space is the style sheet's job on a page that reflows.
                Block::Spacer(_) => {}
                Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
                // A paper's page is not part of a web page.
                Block::Inset(_) => {}
            }
        }
    }

    /// The first heading is the page's one `h1`; a later level 1 becomes a
    /// section (`h2`), and no heading goes more than one level deeper than
    /// the one before, so the outline a screen reader lists has no gaps.
    fn heading(&mut self, out: &mut String, level: u8, heading: &str) {
        let level = if self.last_level == 0 {
            1
        } else {
            level.clamp(2, 3).min(self.last_level + 1)
        };
        self.last_level = level;
        self.caption = Some(heading.to_string());
        let _ = write!(out, "<h{level}");
        inline_block(out, &[TextRun::plain(heading)]);
        let _ = writeln!(out, "</h{level}>");
    }
}

fn list(out: &mut String, items: &[ListItem]) {
    if items.is_empty() {
        return;
    }
    // A list whose labels are all bullets is an unordered list: a screen
    // reader then says "bullet" once, not "•" before every item.
    let bullets = items
        .iter()
        .all(|i| !i.label.chars().any(char::is_alphanumeric));
    if bullets {
        out.push_str("<ul>\n");
    } else {
        out.push_str("<ol class=\"labelled\">\n");
    }
    for item in items {
        out.push_str("<li");
        direction(out, item.text.iter().map(|r| r.text.as_str()));
        out.push('>');
        if !bullets && !item.label.trim().is_empty() {
            out.push_str("<span class=\"label\">");
            inline(out, &item.label);
            out.push_str("</span> ");
        }
        runs(out, &item.text);
        if !item.children.is_empty() {
            out.push('\n');
            list(out, &item.children);
        }
        out.push_str("</li>\n");
    }
    out.push_str(if bullets { "</ul>\n" } else { "</ol>\n" });
}

fn table(out: &mut String, t: &Table, caption: Option<String>) {
    let columns = t.header.len();
    out.push_str("<table>\n");
    if let Some(c) = caption.filter(|c| !c.trim().is_empty()) {
        out.push_str("<caption");
        inline_block(out, &[TextRun::plain(c)]);
        out.push_str("</caption>\n");
    }
    if columns > 0 {
        out.push_str("<thead>\n<tr>");
        for h in &t.header {
            out.push_str("<th scope=\"col\"");
            inline_block(out, &[TextRun::plain(h.clone())]);
            out.push_str("</th>");
        }
        out.push_str("</tr>\n</thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in fit_row(row, columns) {
            out.push_str("<td");
            inline_block(out, &[TextRun::plain(cell)]);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A row with exactly one cell per column: short rows are padded with empty
/// cells, and the text of cells past the last column joins the last cell
/// rather than being lost.
fn fit_row(row: &[String], columns: usize) -> Vec<String> {
    if columns == 0 || row.len() == columns {
        return row.to_vec();
    }
    let mut cells: Vec<String> = row.iter().take(columns).cloned().collect();
    cells.resize(columns, String::new());
    for extra in row.iter().skip(columns).filter(|c| !c.is_empty()) {
        let last = &mut cells[columns - 1];
        if !last.is_empty() {
            last.push('\n');
        }
        last.push_str(extra);
    }
    cells
}

/// Finishes an element's start tag (its direction, when it has one) and
/// writes its text.
fn inline_block(out: &mut String, text: &[TextRun]) {
    direction(out, text.iter().map(|r| r.text.as_str()));
    out.push('>');
    runs(out, text);
}

/// `dir="rtl"` when the text has right-to-left letters and no left-to-right
/// letter: the rule the PDF's layout follows for a paragraph.
fn direction<'a>(out: &mut String, text: impl Iterator<Item = &'a str> + Clone) {
    use unicode_bidi::{bidi_class, BidiClass};
    let chars = text.flat_map(str::chars);
    let has_ltr = chars.clone().any(|c| bidi_class(c) == BidiClass::L);
    let has_rtl = chars
        .clone()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL));
    if has_rtl && !has_ltr {
        out.push_str(" dir=\"rtl\"");
    }
}

fn runs(out: &mut String, runs: &[TextRun]) {
    for run in runs.iter().filter(|r| !r.text.is_empty()) {
        if run.bold {
            out.push_str("<strong>");
        }
        let mut first = true;
        for line in lines(&run.text) {
            if !first {
                out.push_str("<br/>");
            }
            first = false;
            inline(out, &line);
        }
        if run.bold {
            out.push_str("</strong>");
        }
    }
}

/// The text's lines, split where the PDF starts a new line, each character
/// read as the PDF reads it ([`reading`]); the two noncharacters XML does
/// not allow are dropped too.
fn lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in text
        .chars()
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    {
        match reading(c) {
            Some('\n') => lines.push(String::new()),
            Some(c) => lines.last_mut().into_iter().for_each(|l| l.push(c)),
            None => {}
        }
    }
    lines
}

/// How a character takes part in script runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A Latin letter: the document's own language.
    Latin,
    /// Spaces, digits and punctuation: inside a run only between two
    /// letters of the run's script.
    Neutral,
    /// A combining mark or joiner: always with the character before.
    Attached,
    /// A letter of another script.
    Other(Writing),
}

/// The writing systems a run can be tagged with. Han, kana and Hangul are
/// one run here (the fonts' `Script::Cjk`) and the tag is chosen for the
/// whole run, so a Japanese name mixing kanji and kana is one span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writing {
    Arabic,
    Hebrew,
    Bengali,
    Devanagari,
    Gurmukhi,
    Gujarati,
    Tamil,
    Cjk,
    Greek,
    Cyrillic,
    /// Any other script (Thai, Ge'ez, Sinhala…): undetermined, and its
    /// direction left to the browser.
    Unknown,
}

fn class(c: char) -> Class {
    match Script::of(c) {
        Script::Inherited => Class::Attached,
        _ if is_latin_letter(c) => Class::Latin,
        Script::Arabic => Class::Other(Writing::Arabic),
        Script::Hebrew => Class::Other(Writing::Hebrew),
        Script::Bengali => Class::Other(Writing::Bengali),
        Script::Devanagari => Class::Other(Writing::Devanagari),
        Script::Gurmukhi => Class::Other(Writing::Gurmukhi),
        Script::Gujarati => Class::Other(Writing::Gujarati),
        Script::Tamil => Class::Other(Writing::Tamil),
        Script::Cjk => Class::Other(Writing::Cjk),
        // The fonts draw Latin, Greek and Cyrillic with one face; a screen
        // reader needs to know which.
        Script::Latin | Script::Common => match c as u32 {
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Class::Other(Writing::Greek),
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Class::Other(Writing::Cyrillic)
            }
            _ if c.is_alphabetic() => Class::Other(Writing::Unknown),
            _ => Class::Neutral,
        },
    }
}

/// Letters of the Latin script, including the forms used for Polish,
/// Vietnamese, Turkish, Welsh and the rest, and full-width Latin.
pub(crate) fn is_latin_letter(c: char) -> bool {
    matches!(
        c as u32,
        0x0041..=0x005A
            | 0x0061..=0x007A
            | 0x00AA
            | 0x00BA
            | 0x00C0..=0x024F
            | 0x0250..=0x02FF
            | 0x1D00..=0x1DBF
            | 0x1E00..=0x1EFF
            | 0x2070..=0x209F
            | 0x2100..=0x214F
            | 0x2160..=0x2188
            | 0x24B6..=0x24E9
            | 0x2C60..=0x2C7F
            | 0xA720..=0xA7FF
            | 0xAB30..=0xAB6F
            | 0xFB00..=0xFB06
            | 0xFF21..=0xFF3A
            | 0xFF41..=0xFF5A
    )
}

/// `lang` and `dir` of a run.
fn tag(writing: Writing, run: &str) -> (&'static str, Option<&'static str>) {
    match writing {
        Writing::Arabic => ("und-Arab", Some("rtl")),
        Writing::Hebrew => ("und-Hebr", Some("rtl")),
        Writing::Bengali => ("und-Beng", None),
        Writing::Devanagari => ("und-Deva", None),
        Writing::Gurmukhi => ("und-Guru", None),
        Writing::Gujarati => ("und-Gujr", None),
        Writing::Tamil => ("und-Taml", None),
        Writing::Greek => ("und-Grek", None),
        Writing::Cyrillic => ("und-Cyrl", None),
        Writing::Unknown => ("und", Some("auto")),
        Writing::Cjk => {
            let kana = run
                .chars()
                .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D));
            let hangul = run.chars().any(|c| {
                matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF)
            });
            let han = run
                .chars()
                .any(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF));
            let lang = match (kana, hangul, han) {
                (true, _, _) => "und-Jpan",
                (false, true, true) => "und-Kore",
                (false, true, false) => "und-Hang",
                _ => "und-Hani",
            };
            (lang, None)
        }
    }
}

/// Escaped text, with each run in a script other than Latin in a `span`
/// carrying its `lang` (and `dir`). Neutral characters between two letters
/// of one script belong to the run; neutral characters at its edges do not,
/// so "Present: فاطمة, John" keeps its comma in the English sentence.
fn inline(out: &mut String, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut classes: Vec<Class> = Vec::with_capacity(chars.len());
    for &c in &chars {
        let k = match class(c) {
            Class::Attached => classes.last().copied().unwrap_or(Class::Neutral),
            k => k,
        };
        classes.push(k);
    }
    let mut i = 0;
    while i < chars.len() {
        let Class::Other(writing) = classes[i] else {
            escape_into(out, chars[i]);
            i += 1;
            continue;
        };
        // The run reaches the last letter of its script before a letter of
        // another script (or the end).
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() {
            match classes[j] {
                Class::Other(w) if w == writing => {
                    j += 1;
                    end = j;
                }
                Class::Neutral | Class::Attached => j += 1,
                _ => break,
            }
        }
        let run: String = chars[i..end].iter().collect();
        let (lang, dir) = tag(writing, &run);
        let _ = write!(out, "<span lang=\"{lang}\"");
        if let Some(d) = dir {
            let _ = write!(out, " dir=\"{d}\"");
        }
        out.push('>');
        run.chars().for_each(|c| escape_into(out, c));
        out.push_str("</span>");
        i = end;
    }
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
        c => out.push(c),
    }
}

/// Text for an element or an attribute, on one line and escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let one_line = lines(s).join(" ");
    one_line.chars().for_each(|c| escape_into(&mut out, c));
    out
}

fn attribute(s: &str) -> String {
    text(s)
}

/// Checks an HTML page against the invariants in this module's
/// documentation and returns every problem found, in words. The tests hold
/// every web page the app writes to it.
pub fn check_html(html: &str) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let start = html.trim_start_matches('\u{FEFF}').trim_start();
    if !start
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("<!DOCTYPE html>"))
    {
        problems.push("the page does not start with <!DOCTYPE html>".to_string());
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(html, options) {
        Ok(doc) => doc,
        Err(e) => {
            problems.push(format!("not well-formed: {e}"));
            return Err(problems);
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "html" {
        problems.push(format!(
            "the root element is <{}>, not <html>",
            root.tag_name().name()
        ));
    }
    let page_lang = root.attribute("lang").unwrap_or("").trim();
    if page_lang.is_empty() {
        problems.push("<html> has no lang".to_string());
    }
    let elements: Vec<_> = doc.descendants().filter(|n| n.is_element()).collect();
    let named = |name: &'static str| named(&elements, name);
    if !named("meta").any(|m| {
        m.attribute("charset")
            .is_some_and(|c| c.eq_ignore_ascii_case("utf-8"))
    }) {
        problems.push("no <meta charset=\"utf-8\">".to_string());
    }
    let title: String = named("title")
        .next()
        .map(|t| {
            t.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect()
        })
        .unwrap_or_default();
    if title.trim().is_empty() {
        problems.push("the <title> is missing or empty".to_string());
    }
    if named("main").count() != 1 {
        problems.push("the page needs exactly one <main>".to_string());
    }

    check_headings(&elements, &mut problems);
    for t in named("table") {
        check_table(t, &mut problems);
    }

    for e in &elements {
        let name = e.tag_name().name();
        if matches!(
            name,
            "script" | "iframe" | "object" | "embed" | "link" | "base"
        ) {
            problems.push(format!(
                "<{name}> is not allowed: the page must stand alone"
            ));
        }
        for a in e.attributes() {
            let key = a.name().to_ascii_lowercase();
            let value = a.value().trim();
            if key.starts_with("on") {
                problems.push(format!(
                    "<{name} {key}>: no script, not even in an attribute"
                ));
            }
            if matches!(
                key.as_str(),
                "src" | "href" | "srcset" | "action" | "formaction" | "poster" | "data"
            ) && !value.starts_with('#')
            {
                problems.push(format!(
                    "<{name} {key}=\"{value}\">: nothing outside the page may be loaded or linked"
                ));
            }
            if key == "style" && loads_something(value) {
                problems.push(format!("<{name} style>: loads a resource"));
            }
        }
        if name == "style" {
            let css: String = e
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            if loads_something(&css) {
                problems.push("the style sheet loads a resource".to_string());
            }
        }
    }

    check_languages(&doc, page_lang, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn named<'a, 'i>(
    elements: &'a [roxmltree::Node<'a, 'i>],
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    elements
        .iter()
        .filter(move |n| n.tag_name().name() == name)
        .copied()
}

fn loads_something(css: &str) -> bool {
    let css = css.to_ascii_lowercase();
    css.contains("url(") || css.contains("@import")
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

fn check_headings(elements: &[roxmltree::Node<'_, '_>], problems: &mut Vec<String>) {
    let headings: Vec<(u8, String)> = elements
        .iter()
        .filter_map(|e| {
            heading_level(e.tag_name().name()).map(|l| {
                let text: String = e
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                (l, text.trim().to_string())
            })
        })
        .collect();
    match headings.first() {
        None => problems.push("the page has no heading".to_string()),
        Some((1, _)) => {}
        Some((l, t)) => problems.push(format!("the first heading is h{l} (\"{t}\"), not h1")),
    }
    let h1s = headings.iter().filter(|(l, _)| *l == 1).count();
    if h1s > 1 {
        problems.push(format!("{h1s} h1 headings: a page has one"));
    }
    for pair in headings.windows(2) {
        let ((before, _), (after, t)) = (&pair[0], &pair[1]);
        if *after > before + 1 {
            problems.push(format!(
                "h{after} \"{t}\" follows h{before}: a heading level is skipped"
            ));
        }
    }
    for (l, t) in &headings {
        if t.is_empty() {
            problems.push(format!("an empty h{l}"));
        }
    }
}

fn children<'a, 'i>(
    n: roxmltree::Node<'a, 'i>,
    names: &'static [&'static str],
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && names.contains(&c.tag_name().name()))
}

fn check_table(t: roxmltree::Node<'_, '_>, problems: &mut Vec<String>) {
    let which = children(t, &["caption"])
        .next()
        .map(|c| {
            let text: String = c
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            format!("the table \"{}\"", text.trim())
        })
        .unwrap_or_else(|| "a table".to_string());
    if children(t, &["tr"]).next().is_some() {
        problems.push(format!("{which} has rows outside <thead> and <tbody>"));
    }
    let Some(head) = children(t, &["thead"]).next() else {
        problems.push(format!("{which} has no <thead>"));
        return;
    };
    let header_rows: Vec<_> = children(head, &["tr"]).collect();
    let Some(header) = header_rows.first() else {
        problems.push(format!("{which} has an empty <thead>"));
        return;
    };
    let mut columns = 0;
    for cell in children(*header, &["th", "td"]) {
        columns += 1;
        if cell.tag_name().name() != "th" {
            problems.push(format!("{which} has a <td> in its header row"));
        } else if cell.attribute("scope") != Some("col") {
            problems.push(format!("{which} has a header cell without scope=\"col\""));
        }
    }
    if columns == 0 {
        problems.push(format!("{which} has no header cells"));
    }
    let mut bodies = children(t, &["tbody"]).peekable();
    if bodies.peek().is_none() {
        problems.push(format!("{which} has no <tbody>"));
    }
    for (n, row) in bodies.flat_map(|b| children(b, &["tr"])).enumerate() {
        let cells = children(row, &["th", "td"]).count();
        if cells != columns {
            problems.push(format!(
                "{which}: row {} has {cells} cells, the header {columns}",
                n + 1
            ));
        }
    }
}

/// The script subtags that may name the script of `c`, or `None` when `c`
/// is not a letter of a script other than Latin. Independent of the
/// renderer's own detection, so the check is a second opinion.
fn script_subtags(c: char) -> Option<&'static [&'static str]> {
    if !c.is_alphabetic() || is_latin_letter(c) {
        return None;
    }
    Some(match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            &["Arab"]
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => &["Hebr"],
        0x0900..=0x097F | 0xA8E0..=0xA8FF => &["Deva"],
        0x0980..=0x09FF => &["Beng"],
        0x0A00..=0x0A7F => &["Guru"],
        0x0A80..=0x0AFF => &["Gujr"],
        0x0B80..=0x0BFF => &["Taml"],
        0x0370..=0x03FF | 0x1F00..=0x1FFF => &["Grek"],
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => &["Cyrl"],
        0x3040..=0x30FF | 0x31F0..=0x31FF => &["Jpan", "Hira", "Kana", "Hrkt"],
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => &["Kore", "Hang"],
        0x2E80..=0x2FDF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF => &["Hani", "Hans", "Hant", "Jpan", "Kore"],
        _ => &[],
    })
}

fn is_rtl_letter(c: char) -> bool {
    use unicode_bidi::{bidi_class, BidiClass};
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Every letter of a script other than Latin must be inside an element
/// whose own `lang` is not the page's (a screen reader would read it with
/// English rules), naming its script when the tag has a script subtag; a
/// right-to-left letter must be inside an element with a `dir`. The
/// `<title>` cannot hold markup, so it is read in the page's language.
fn check_languages(doc: &roxmltree::Document<'_>, page_lang: &str, problems: &mut Vec<String>) {
    for node in doc.descendants().filter(|n| n.is_text()) {
        if node.ancestors().any(|a| a.tag_name().name() == "head") {
            continue;
        }
        let Some(text) = node.text() else { continue };
        let lang_holder = node
            .ancestors()
            .find(|a| a.is_element() && a.attribute("lang").is_some());
        let lang = lang_holder.and_then(|a| a.attribute("lang")).unwrap_or("");
        let own = lang_holder.is_some_and(|a| a.parent_element().is_some())
            && !lang.eq_ignore_ascii_case(page_lang);
        let script = lang
            .split('-')
            .skip(1)
            .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
        let has_dir = node
            .ancestors()
            .any(|a| a.is_element() && a.attribute("dir").is_some());
        let shown: String = text.trim().chars().take(40).collect();
        for c in text.chars() {
            let Some(subtags) = script_subtags(c) else {
                continue;
            };
            if !own {
                problems.push(format!(
                    "\"{shown}\" is in another script but has no lang of its own"
                ));
                break;
            }
            if let Some(s) = script {
                if !subtags.is_empty() && !subtags.iter().any(|t| t.eq_ignore_ascii_case(s)) {
                    problems.push(format!(
                        "\"{shown}\" is marked lang=\"{lang}\" but is not in that script"
                    ));
                    break;
                }
            }
            if is_rtl_letter(c) && !has_dir {
                problems.push(format!("\"{shown}\" reads right to left but has no dir"));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{Marking, Table};

    fn sample() -> Document {
        let mut doc = Document::new("Minutes: Marlow Fen Local IAG <test> & co", "Marlow Fen");
        doc.header_text = "Marlow Fen Local IAG".into();
        doc.marking = Marking::OfficialSensitive;
        doc.watermark = Some("DRAFT".into());
        doc.blocks = vec![
            Block::heading(1, "Marlow Fen: minutes"),
            Block::Paragraph(vec![
                TextRun::bold("Present: "),
                TextRun::plain(
                    "فاطمة الزهراء حسن, রাজিয়া বেগম, 陈美玲, Zofia Wójcik\nand <Ivan> Иванов",
                ),
            ]),
            Block::heading(3, "Declarations of interest"),
            Block::Table(Table {
                header: vec!["Who".into(), "What".into()],
                rows: vec![
                    vec!["عمران قریشی".into(), "Works \"for\" the council".into()],
                    vec!["only one cell".into()],
                ],
                column_widths: vec![],
            }),
            Block::NumberedList(vec![
                ListItem::new("1", "First").with_children(vec![ListItem::new("1.1", "Sub")]),
                ListItem::new("2", "ਹਰਪ੍ਰੀਤ ਕੌਰ"),
            ]),
            Block::NumberedList(vec![ListItem::new("\u{2022}", "a bullet")]),
            Block::heading(1, "A second top-level heading"),
            Block::Spacer(4.0),
            Block::PageBreak,
            Block::paragraph("كيف حالك؟"),
        ];
        doc
    }

    #[test]
    fn a_rendered_document_passes_every_check() {
        let html = render_html(&sample());
        assert_eq!(check_html(&html), Ok(()), "{html}");
    }

    #[test]
    fn the_page_stands_alone_and_says_its_language_marking_and_draft() {
        let html = render_html(&sample());
        assert!(html.starts_with("<!DOCTYPE html>\n<html"));
        assert!(html.contains("lang=\"en-GB\""));
        assert!(html.contains("<meta charset=\"utf-8\"/>"));
        assert!(
            html.contains("<title>Minutes: Marlow Fen Local IAG &lt;test&gt; &amp; co</title>"),
            "the title is escaped: {html}"
        );
        assert_eq!(
            html.matches("<p class=\"marking\">OFFICIAL-SENSITIVE</p>")
                .count(),
            2,
            "the marking is shown at the top and at the bottom"
        );
        assert!(html.contains("<p class=\"watermark\"><strong>DRAFT</strong></p>"));
        for forbidden in ["<script", "http:", "https:", "url(", "<link", "<img"] {
            let without_ns = html.replace("http://www.w3.org/1999/xhtml", "");
            assert!(
                !without_ns.contains(forbidden),
                "nothing outside the page is loaded ({forbidden})"
            );
        }
    }

    #[test]
    fn headings_never_skip_a_level_and_there_is_one_h1() {
        let html = render_html(&sample());
        assert!(html.contains("<h1>Marlow Fen: minutes</h1>"));
        assert!(
            html.contains("<h2>Declarations of interest</h2>"),
            "an h3 straight after the h1 becomes an h2"
        );
        assert!(
            html.contains("<h2>A second top-level heading</h2>"),
            "a later level 1 heading is a section"
        );
    }

    #[test]
    fn other_scripts_carry_their_lang_and_direction() {
        let html = render_html(&sample());
        for expected in [
            "<span lang=\"und-Arab\" dir=\"rtl\">فاطمة الزهراء حسن</span>, ",
            "<span lang=\"und-Beng\">রাজিয়া বেগম</span>",
            "<span lang=\"und-Hani\">陈美玲</span>",
            "<span lang=\"und-Guru\">ਹਰਪ੍ਰੀਤ ਕੌਰ</span>",
            "<span lang=\"und-Cyrl\">Иванов</span>",
            "Zofia Wójcik<br/>and &lt;Ivan&gt; ",
            "<p dir=\"rtl\"><span lang=\"und-Arab\" dir=\"rtl\">كيف حالك</span>؟</p>",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }

    #[test]
    fn tables_have_a_caption_a_header_and_full_rows() {
        let html = render_html(&sample());
        assert!(html.contains("<caption>Declarations of interest</caption>"));
        assert!(html.contains("<th scope=\"col\">Who</th><th scope=\"col\">What</th>"));
        assert!(html.contains("<td>Works &quot;for&quot; the council</td>"));
        assert!(
            html.contains("<tr><td>only one cell</td><td></td></tr>"),
            "a short row is padded to the header's width"
        );
        assert_eq!(
            fit_row(&["a".into(), "b".into(), "c".into()], 2),
            vec!["a".to_string(), "b\nc".to_string()],
            "no text is lost from a long row"
        );
    }

    #[test]
    fn labelled_lists_keep_their_labels_and_bullets_are_plain() {
        let html = render_html(&sample());
        assert!(html.contains("<li><span class=\"label\">1</span> First\n<ol class=\"labelled\">"));
        assert!(html.contains("<li><span class=\"label\">1.1</span> Sub</li>"));
        assert!(html.contains("<ul>\n<li>a bullet</li>\n</ul>"));
    }

    #[test]
    fn control_characters_cannot_break_the_xml() {
        let mut doc = Document::new("T\u{0}itle", "A");
        doc.blocks = vec![
            Block::heading(1, "Heading"),
            Block::paragraph("a\u{1}b\u{FFFF}c\u{2028}d]]>e"),
        ];
        let html = render_html(&doc);
        assert_eq!(check_html(&html), Ok(()), "{html}");
        assert!(html.contains("<p>abc<br/>d]]&gt;e</p>"));
    }

    #[test]
    fn large_print_enlarges_the_page_text() {
        let mut doc = sample();
        doc.text_scale = 1.6;
        assert!(render_html(&doc).contains("html{font-size:133%}"));
        doc.text_scale = 1.0;
        assert!(!render_html(&doc).contains("html{font-size"));
    }

    /// The checker must be able to fail: each broken rule in this page is
    /// reported.
    #[test]
    fn the_checker_reports_every_problem_of_a_broken_page() {
        let broken = r##"<!DOCTYPE html>
<html>
<head><title> </title><script src="https://example.com/x.js"></script>
<style>body{background:url(https://example.com/b.png)}</style></head>
<body onload="go()"><main>
<h2>Starts at two</h2>
<h1>One</h1>
<h1>Two</h1>
<h3>Jumps</h3>
<p>فاطمة and 陈美玲 and <span lang="und-Beng">Иванов</span></p>
<p><span lang="und-Arab">عمران</span></p>
<a href="http://example.com/">away</a>
<table>
<thead><tr><th>Who</th><td>What</td></tr></thead>
<tbody><tr><td>one</td></tr></tbody>
</table>
<table><tr><td>no header</td></tr></table>
</main></body>
</html>"##;
        let problems = check_html(broken).unwrap_err();
        let all = problems.join("\n");
        for expected in [
            "<html> has no lang",
            "no <meta charset",
            "the <title> is missing or empty",
            "the first heading is h2",
            "2 h1 headings",
            "h3 \"Jumps\" follows h1",
            "<script> is not allowed",
            "<script src=\"https://example.com/x.js\">",
            "the style sheet loads a resource",
            "<body onload>",
            "<a href=\"http://example.com/\">",
            "has a <td> in its header row",
            "a header cell without scope=\"col\"",
            "row 1 has 1 cells, the header 2",
            "has no <thead>",
            "has rows outside <thead> and <tbody>",
            "\"فاطمة and 陈美玲 and\" is in another script but has no lang of its own",
            "\"Иванов\" is marked lang=\"und-Beng\" but is not in that script",
            "\"عمران\" reads right to left but has no dir",
        ] {
            assert!(
                all.contains(expected),
                "expected {expected:?} among:\n{all}"
            );
        }
    }

    #[test]
    fn the_checker_reports_a_page_that_is_not_well_formed() {
        let problems =
            check_html("<!DOCTYPE html><html lang=\"en-GB\"><body><p>open<br></p></body></html>")
                .unwrap_err();
        assert!(
            problems.iter().any(|p| p.starts_with("not well-formed")),
            "{problems:?}"
        );
        let problems = check_html("<html lang=\"en\"></html>").unwrap_err();
        assert!(problems.iter().any(|p| p.contains("<!DOCTYPE html>")));
    }
}
