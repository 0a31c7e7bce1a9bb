//! A [`Document`] written as a Flat ODT (one XML file that LibreOffice opens
//! like an .odt), so LibreOffice can be timed converting the same minutes
//! that IAG Desk renders. Benchmark code, not product code: IAG Desk never
//! writes ODF.
//!
//! The aim is the document a secretary would produce in a word processor
//! from the same minutes, styled to match IAG Desk's page: A4, 20 mm side
//! margins, the header (the group's name, the marking on the right, a rule)
//! and footer (the marking centred, "Page n of N" on the right), Noto Sans at
//! the sizes the layout engine uses, headings as real outline headings, list
//! labels as given, tables with a shaded header row repeated on every page,
//! and the DRAFT watermark as LibreOffice's own watermark (a Fontwork shape
//! in the header). Line breaking and page breaking are LibreOffice's own, so
//! page counts may differ slightly.

use iag_desk_core::documents::{layout, Block, Document, ListItem, Table, TextRun};
use std::fmt::Write as _;

/// Text width: A4 less two 20 mm margins, as in IAG Desk's layout.
const TEXT_WIDTH_MM: f32 = 170.0;
/// IAG Desk's line height, as a share of the font size, fixed whatever the
/// script. Written as LibreOffice's fixed line spacing: with "at least",
/// LibreOffice makes every line holding a Bengali, Gurmukhi or Devanagari
/// name as tall as those fonts' line metrics ask, which alone added two
/// pages to the 41; fixed, their glyphs still fit and are not clipped.
const LINE_HEIGHT: f32 = 1.45;
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Paragraph styles that blocks may use, each also written in variants that
/// read right to left, that start a new page, and that have no space above
/// (a page's first block: IAG Desk drops the gap above a block at the top of
/// a page, and LibreOffice would keep it there).
const BLOCK_STYLES: [&str; 6] = [
    "Text_20_body",
    "Heading_20_1",
    "Heading_20_2",
    "Heading_20_3",
    "List_20_1",
    "List_20_2",
];

/// The whole Flat ODT for `doc`.
pub fn fodt(doc: &Document) -> String {
    let scale = doc.text_scale.max(0.1);
    let body_pt = 10.0 * scale;
    let table_pt = 9.0 * scale;
    let running_pt = 8.0 * scale.clamp(1.0, 1.5);
    let (lang, country) = match doc.language.split_once('-') {
        Some((l, c)) => (l, c),
        None => (doc.language.as_str(), ""),
    };

    let mut out = String::with_capacity(64 * 1024);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" "#,
        r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
        r#"xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
        r#"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#,
        r#"office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">"#,
        "\n"
    ));

    // Title, author and language go to the PDF's metadata, as IAG Desk's do.
    let _ = writeln!(
        out,
        "<office:meta><dc:title>{}</dc:title><meta:initial-creator>{}</meta:initial-creator>\
         <dc:creator>{}</dc:creator><dc:language>{}</dc:language></office:meta>",
        esc(&doc.title),
        esc(&doc.author),
        esc(&doc.author),
        esc(&doc.language)
    );

    // LibreOffice sets Latin, CJK and complex scripts (Arabic, the Indic
    // scripts) in three separate fonts; any script the chosen font lacks
    // (Bengali, Gurmukhi, Devanagari here) falls back through fontconfig to
    // the matching Noto family, as in a user's word processor.
    out.push_str(
        "<office:font-face-decls>\
         <style:font-face style:name=\"Noto Sans\" svg:font-family=\"'Noto Sans'\" \
         style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>\
         <style:font-face style:name=\"Noto Sans CJK SC\" svg:font-family=\"'Noto Sans CJK SC'\" \
         style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>\
         <style:font-face style:name=\"Noto Sans Arabic\" svg:font-family=\"'Noto Sans Arabic'\" \
         style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>\
         </office:font-face-decls>\n",
    );

    // Named styles, as a template would have them.
    out.push_str("<office:styles>\n");
    let _ = writeln!(
        out,
        "<style:default-style style:family=\"paragraph\">\
         <style:paragraph-properties fo:hyphenation-ladder-count=\"no-limit\" \
         style:writing-mode=\"lr-tb\"/>\
         <style:text-properties {} fo:language=\"{}\" fo:country=\"{}\" \
         fo:hyphenate=\"false\"/></style:default-style>",
        font(body_pt, false),
        esc(lang),
        esc(country)
    );
    let _ = writeln!(
        out,
        "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\">\
         <style:paragraph-properties fo:line-height=\"{}\"/></style:style>",
        pt(body_pt * LINE_HEIGHT)
    );
    // IAG Desk leaves 3 mm after a paragraph.
    out.push_str(
        "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" \
         style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">\
         <style:paragraph-properties fo:margin-top=\"0mm\" fo:margin-bottom=\"3mm\"/>\
         </style:style>\n",
    );
    // Headings: 16, 13 and 11.5 pt bold, 6, 5 and 4 mm before, 1.5 mm after,
    // kept with what follows.
    for (level, size, before) in [(1, 16.0, 6.0), (2, 13.0, 5.0), (3, 11.5, 4.0)] {
        let size = size * scale;
        let _ = writeln!(
            out,
            "<style:style style:name=\"Heading_20_{level}\" style:display-name=\"Heading {level}\" \
             style:family=\"paragraph\" style:parent-style-name=\"Standard\" \
             style:next-style-name=\"Text_20_body\" style:default-outline-level=\"{level}\" \
             style:class=\"text\"><style:paragraph-properties fo:margin-top=\"{before}mm\" \
             fo:margin-bottom=\"1.5mm\" fo:keep-with-next=\"always\" \
             fo:line-height=\"{}\"/><style:text-properties {}/></style:style>",
            pt(size * LINE_HEIGHT),
            font(size, true)
        );
    }
    // The caller gives the labels ("1", "2.1"), so they are text before a tab
    // on a hanging indent, not LibreOffice's own numbering: 9 mm for a label,
    // 11 mm for a sub-item's, 1.2 mm between items.
    for (n, left, label) in [(1, 9.0, 9.0), (2, 20.0, 11.0)] {
        let _ = writeln!(
            out,
            "<style:style style:name=\"List_20_{n}\" style:display-name=\"List {n}\" \
             style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"list\">\
             <style:paragraph-properties fo:margin-left=\"{left}mm\" fo:text-indent=\"-{label}mm\" \
             fo:margin-top=\"0mm\" fo:margin-bottom=\"1.2mm\"><style:tab-stops>\
             <style:tab-stop style:position=\"0mm\"/></style:tab-stops>\
             </style:paragraph-properties></style:style>"
        );
    }
    let _ = write!(
        out,
        "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" \
         style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">\
         <style:paragraph-properties fo:line-height=\"{}\"/>\
         <style:text-properties {}/></style:style>\n\
         <style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" \
         style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" \
         style:class=\"extra\"><style:text-properties {}/></style:style>\n",
        pt(table_pt * LINE_HEIGHT),
        font(table_pt, false),
        font(table_pt, true)
    );
    // Running header and footer: 8 pt, a rule under the header and over the
    // footer (0.4 pt, IAG Desk's grey), with tab stops for the marking and
    // the page number.
    let _ = write!(
        out,
        "<style:style style:name=\"Header\" style:family=\"paragraph\" \
         style:parent-style-name=\"Standard\" style:class=\"extra\">\
         <style:paragraph-properties fo:line-height=\"{lh}\" \
         fo:padding-bottom=\"1.9mm\" fo:border-bottom=\"0.4pt solid #737373\">\
         <style:tab-stops><style:tab-stop style:position=\"{w}mm\" style:type=\"right\"/>\
         </style:tab-stops></style:paragraph-properties><style:text-properties {f}/></style:style>\n\
         <style:style style:name=\"Footer\" style:family=\"paragraph\" \
         style:parent-style-name=\"Standard\" style:class=\"extra\">\
         <style:paragraph-properties fo:line-height=\"{lh}\" \
         fo:padding-top=\"2.9mm\" fo:border-top=\"0.4pt solid #737373\">\
         <style:tab-stops><style:tab-stop style:position=\"{c}mm\" style:type=\"center\"/>\
         <style:tab-stop style:position=\"{w}mm\" style:type=\"right\"/></style:tab-stops>\
         </style:paragraph-properties><style:text-properties {f}/></style:style>\n",
        lh = pt(running_pt * LINE_HEIGHT),
        w = TEXT_WIDTH_MM,
        c = TEXT_WIDTH_MM / 2.0,
        f = font(running_pt, false)
    );
    let _ = writeln!(
        out,
        "<style:style style:name=\"Strong_20_Emphasis\" style:display-name=\"Strong Emphasis\" \
         style:family=\"text\"><style:text-properties {}/></style:style>",
        bold_only()
    );
    out.push_str("</office:styles>\n");

    // Automatic styles: the page, the variants of the block styles, tables,
    // spacers and the watermark.
    out.push_str("<office:automatic-styles>\n");
    // Body from 26 to 274 mm, header baseline near 15 mm and footer
    // baseline near 285 mm, as on IAG Desk's pages.
    out.push_str(
        "<style:page-layout style:name=\"pm1\"><style:page-layout-properties \
         fo:page-width=\"210mm\" fo:page-height=\"297mm\" style:print-orientation=\"portrait\" \
         fo:margin-top=\"12mm\" fo:margin-bottom=\"11mm\" fo:margin-left=\"20mm\" \
         fo:margin-right=\"20mm\"/>\
         <style:header-style><style:header-footer-properties fo:min-height=\"6mm\" \
         fo:margin-bottom=\"8mm\" style:dynamic-spacing=\"false\"/></style:header-style>\
         <style:footer-style><style:header-footer-properties fo:min-height=\"7mm\" \
         fo:margin-top=\"5mm\" style:dynamic-spacing=\"false\"/></style:footer-style>\
         </style:page-layout>\n",
    );
    for parent in BLOCK_STYLES {
        for top in [Top::Flow, Top::First, Top::Break] {
            for rtl in [false, true] {
                if top == Top::Flow && !rtl {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "<style:style style:name=\"{}\" style:family=\"paragraph\" \
                     style:parent-style-name=\"{parent}\"><style:paragraph-properties{}{}{}/>\
                     </style:style>",
                    variant(parent, top, rtl),
                    if top == Top::Flow {
                        ""
                    } else {
                        " fo:margin-top=\"0mm\""
                    },
                    if top == Top::Break {
                        " fo:break-before=\"page\""
                    } else {
                        ""
                    },
                    // Right, not start: LibreOffice 7.4 sets "start" at the
                    // left even in a right-to-left paragraph.
                    if rtl {
                        " style:writing-mode=\"rl-tb\" fo:text-align=\"right\""
                    } else {
                        ""
                    }
                );
            }
        }
    }
    out.push_str(
        "<style:style style:name=\"Tcell\" style:family=\"table-cell\">\
         <style:table-cell-properties fo:padding=\"1.6mm\" fo:border=\"0.5pt solid #737373\"/>\
         </style:style>\n\
         <style:style style:name=\"Thead\" style:family=\"table-cell\">\
         <style:table-cell-properties fo:padding=\"1.6mm\" fo:border=\"0.5pt solid #737373\" \
         fo:background-color=\"#e6e6e6\"/></style:style>\n\
         <style:style style:name=\"Trow\" style:family=\"table-row\">\
         <style:table-row-properties fo:keep-together=\"always\"/></style:style>\n",
    );
    let mut spacers: Vec<String> = Vec::new();
    let mut tables = 0;
    for block in &doc.blocks {
        match block {
            Block::Spacer(mm) => {
                let mm = format!("{:.2}", mm.max(0.0));
                if !spacers.contains(&mm) {
                    let _ = writeln!(
                        out,
                        "<style:style style:name=\"Spacer{}\" style:family=\"paragraph\" \
                         style:parent-style-name=\"Standard\"><style:paragraph-properties \
                         fo:line-height=\"{mm}mm\" fo:margin-top=\"0mm\" fo:margin-bottom=\"0mm\"/>\
                         <style:text-properties fo:font-size=\"1pt\"/></style:style>",
                        spacers.len()
                    );
                    spacers.push(mm);
                }
            }
            Block::Table(t) => {
                table_styles(&mut out, tables, t);
                tables += 1;
            }
            _ => {}
        }
    }
    if doc.watermark.is_some() {
        watermark_styles(&mut out);
    }
    out.push_str("</office:automatic-styles>\n");

    // The master page: header and footer on every page.
    let marking = esc(doc.marking.label());
    let _ = writeln!(
        out,
        "<office:master-styles><style:master-page style:name=\"Standard\" \
         style:page-layout-name=\"pm1\"><style:header><text:p text:style-name=\"Header\">{}{}\
         <text:tab/><text:span text:style-name=\"Strong_20_Emphasis\">{marking}</text:span>\
         </text:p></style:header><style:footer><text:p text:style-name=\"Footer\"><text:tab/>\
         <text:span text:style-name=\"Strong_20_Emphasis\">{marking}</text:span><text:tab/>\
         Page <text:page-number text:select-page=\"current\">1</text:page-number> of \
         <text:page-count>1</text:page-count></text:p></style:footer></style:master-page>\
         </office:master-styles>",
        doc.watermark
            .as_deref()
            .map(|w| watermark_shape(doc, w))
            .unwrap_or_default(),
        runs_xml(&[TextRun::plain(first_line(&doc.header_text))])
    );

    out.push_str("<office:body><office:text>\n");
    let mut page_break = false;
    let mut first = true;
    let spacer_index = |mm: &f32| {
        let mm = format!("{:.2}", mm.max(0.0));
        spacers.iter().position(|s| *s == mm).unwrap_or(0)
    };
    let mut table_index = 0;
    for block in &doc.blocks {
        let top = if std::mem::take(&mut page_break) {
            Top::Break
        } else if std::mem::take(&mut first) {
            Top::First
        } else {
            Top::Flow
        };
        match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 3);
                let style = variant(&format!("Heading_20_{level}"), top, is_rtl(text));
                let _ = writeln!(
                    out,
                    "<text:h text:style-name=\"{style}\" text:outline-level=\"{level}\">{}</text:h>",
                    runs_xml(&[TextRun::plain(text.as_str())])
                );
            }
            Block::Paragraph(runs) => {
                let style = variant("Text_20_body", top, is_rtl(&plain(runs)));
                let _ = writeln!(
                    out,
                    "<text:p text:style-name=\"{style}\">{}</text:p>",
                    runs_xml(runs)
                );
            }
            Block::NumberedList(items) => {
                let mut top = top;
                for item in items {
                    list_item(&mut out, item, 1, std::mem::replace(&mut top, Top::Flow));
                    for child in flatten(&item.children) {
                        list_item(&mut out, child, 2, Top::Flow);
                    }
                }
            }
            Block::Table(t) => {
                table(&mut out, table_index, t, top == Top::Break);
                table_index += 1;
            }
            Block::Spacer(mm) => {
                let _ = writeln!(
                    out,
                    "<text:p text:style-name=\"Spacer{}\"/>",
                    spacer_index(mm)
                );
            }
            Block::PageBreak => page_break = true,
            // A merged paper's page: only agenda packs have them, and the
            // comparison draws minutes.
            Block::Inset(_) => {}
        }
    }
    if page_break {
        // A break after the last block still makes a (blank) page, as it
        // does in IAG Desk.
        out.push_str("<text:p text:style-name=\"Text_20_body_b\"/>\n");
    }
    out.push_str("</office:text></office:body></office:document>\n");
    out
}

/// Where a block starts.
#[derive(Clone, Copy, PartialEq)]
enum Top {
    /// After the block before it.
    Flow,
    /// At the top of the first page.
    First,
    /// At the top of a new page, after a page break.
    Break,
}

/// The paragraph style for a block: its named style, or the variant for
/// where it starts and which way it reads.
fn variant(parent: &str, top: Top, rtl: bool) -> String {
    let top = match top {
        Top::Flow => "",
        Top::First => "t",
        Top::Break => "b",
    };
    match (top, rtl) {
        ("", false) => parent.to_string(),
        (top, rtl) => format!("{parent}_{top}{}", if rtl { "r" } else { "" }),
    }
}

/// As IAG Desk decides a paragraph's direction: the document is English, so
/// a paragraph reads right to left only when it has no left-to-right letters
/// at all and its first strong character is right to left.
fn is_rtl(text: &str) -> bool {
    let has_ltr = text
        .chars()
        .any(|c| unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::L);
    !has_ltr && unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

fn plain(runs: &[TextRun]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// IAG Desk's header is one line.
fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// Sub-items of sub-items are set at the sub-item level, as in IAG Desk.
fn flatten(items: &[ListItem]) -> Vec<&ListItem> {
    let mut out = Vec::new();
    for item in items {
        out.push(item);
        out.extend(flatten(&item.children));
    }
    out
}

fn list_item(out: &mut String, item: &ListItem, level: u8, top: Top) {
    let style = variant(&format!("List_20_{level}"), top, is_rtl(&plain(&item.text)));
    let _ = writeln!(
        out,
        "<text:p text:style-name=\"{style}\">{}<text:tab/>{}</text:p>",
        runs_xml(&[TextRun::plain(item.label.as_str())]),
        runs_xml(&item.text)
    );
}

/// Column shares as IAG Desk normalises them: a missing or unusable width
/// counts as 1.
fn column_shares(t: &Table) -> Vec<f32> {
    let columns = t
        .header
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    (0..columns)
        .map(|c| match t.column_widths.get(c) {
            Some(w) if w.is_finite() && *w > 0.0 => *w,
            _ => 1.0,
        })
        .collect()
}

fn table_styles(out: &mut String, n: usize, t: &Table) {
    let shares = column_shares(t);
    let total: f32 = shares.iter().sum();
    // Before a table 1 mm, after it 3 mm, as in IAG Desk.
    for (suffix, brk) in [("", false), ("b", true)] {
        let _ = writeln!(
            out,
            "<style:style style:name=\"Table{n}{suffix}\" style:family=\"table\">\
             <style:table-properties style:width=\"{TEXT_WIDTH_MM}mm\" table:align=\"margins\" \
             fo:margin-top=\"{}\" fo:margin-bottom=\"3mm\"{}/></style:style>",
            if brk { "0mm" } else { "1mm" },
            if brk { " fo:break-before=\"page\"" } else { "" }
        );
    }
    for (c, share) in shares.iter().enumerate() {
        let _ = writeln!(
            out,
            "<style:style style:name=\"Table{n}.C{c}\" style:family=\"table-column\">\
             <style:table-column-properties style:column-width=\"{:.2}mm\" \
             style:rel-column-width=\"{}*\"/></style:style>",
            TEXT_WIDTH_MM * share / total,
            (share / total * 65535.0).round().max(1.0)
        );
    }
}

fn table(out: &mut String, n: usize, t: &Table, page_break: bool) {
    let columns = column_shares(t).len();
    if columns == 0 {
        return;
    }
    let _ = write!(
        out,
        "<table:table table:name=\"Table{}\" table:style-name=\"Table{n}{}\">",
        n + 1,
        if page_break { "b" } else { "" }
    );
    for c in 0..columns {
        let _ = write!(
            out,
            "<table:table-column table:style-name=\"Table{n}.C{c}\"/>"
        );
    }
    let row = |out: &mut String, cells: &[String], cell_style: &str, para_style: &str| {
        out.push_str("<table:table-row table:style-name=\"Trow\">");
        for c in 0..columns {
            let text = cells.get(c).map(String::as_str).unwrap_or("");
            // Cells align left whatever their script, as in IAG Desk.
            let _ = write!(
                out,
                "<table:table-cell table:style-name=\"{cell_style}\" office:value-type=\"string\">\
                 <text:p text:style-name=\"{para_style}\">{}</text:p></table:table-cell>",
                runs_xml(&[TextRun::plain(text)])
            );
        }
        out.push_str("</table:table-row>\n");
    };
    if !t.header.is_empty() {
        // Header rows repeat at the top of every page the table runs onto.
        out.push_str("<table:table-header-rows>");
        row(out, &t.header, "Thead", "Table_20_Heading");
        out.push_str("</table:table-header-rows>\n");
    }
    for r in &t.rows {
        row(out, r, "Tcell", "Table_20_Contents");
    }
    out.push_str("</table:table>\n");
}

/// Fontwork's plain-text geometry, as LibreOffice writes its own watermark.
const FONTWORK_GEOMETRY: &str = "<draw:enhanced-geometry svg:viewBox=\"0 0 21600 21600\" \
    draw:text-areas=\"0 0 21600 21600\" draw:text-path=\"true\" draw:text-path-mode=\"shape\" \
    draw:text-path-scale=\"path\" draw:text-path-same-letter-heights=\"false\" \
    draw:type=\"fontwork-plain-text\" draw:modifiers=\"10800\" \
    draw:enhanced-path=\"M ?f3 0 L ?f5 0 N M ?f6 21600 L ?f7 21600 N\">\
    <draw:equation draw:name=\"f0\" draw:formula=\"$0 -10800\"/>\
    <draw:equation draw:name=\"f1\" draw:formula=\"?f0 *2\"/>\
    <draw:equation draw:name=\"f2\" draw:formula=\"abs(?f1 )\"/>\
    <draw:equation draw:name=\"f3\" draw:formula=\"if(?f1 ,0,?f2 )\"/>\
    <draw:equation draw:name=\"f4\" draw:formula=\"21600-?f2 \"/>\
    <draw:equation draw:name=\"f5\" draw:formula=\"if(?f1 ,?f4 ,21600)\"/>\
    <draw:equation draw:name=\"f6\" draw:formula=\"if(?f1 ,?f2 ,0)\"/>\
    <draw:equation draw:name=\"f7\" draw:formula=\"if(?f1 ,21600,?f4 )\"/>\
    <draw:handle draw:handle-position=\"$0 21600\" draw:handle-range-x-minimum=\"6629\" \
    draw:handle-range-x-maximum=\"14971\"/></draw:enhanced-geometry>";

/// The watermark's size in mm, as IAG Desk draws it (bold, up to 110 pt and
/// at most 230 mm long), as a user would size it by eye: Fontwork stretches
/// the text to fill its shape, so the shape is the text's advance wide and
/// its capitals (about 0.72 em) tall.
fn watermark_size(doc: &Document) -> (f32, f32) {
    let laid = layout(doc).unwrap();
    let w = laid.pages[0].watermark.as_ref().unwrap();
    let width: f32 = w.runs.iter().map(|r| r.width).sum();
    (width, 0.72 * w.size / PT_PER_MM)
}

fn watermark_styles(out: &mut String) {
    // IAG Desk's watermark is 86 % grey, behind the text, centred on the
    // page and turned 45 degrees.
    out.push_str(
        "<style:style style:name=\"Watermark\" style:family=\"graphic\">\
         <style:graphic-properties draw:stroke=\"none\" draw:fill=\"solid\" \
         draw:fill-color=\"#dbdbdb\" draw:auto-grow-width=\"false\" \
         draw:auto-grow-height=\"false\" style:wrap=\"run-through\" style:run-through=\"background\" \
         style:vertical-pos=\"middle\" style:vertical-rel=\"page\" \
         style:horizontal-pos=\"center\" style:horizontal-rel=\"page\" \
         draw:wrap-influence-on-position=\"once-concurrent\" style:flow-with-text=\"false\"/>\
         </style:style>\n\
         <style:style style:name=\"WatermarkText\" style:family=\"paragraph\">\
         <style:text-properties style:font-name=\"Noto Sans\" fo:font-weight=\"bold\"/>\
         </style:style>\n",
    );
}

fn watermark_shape(doc: &Document, text: &str) -> String {
    let (w, h) = watermark_size(doc);
    format!(
        "<draw:custom-shape text:anchor-type=\"paragraph\" draw:z-index=\"0\" \
         draw:name=\"PowerPlusWaterMarkObject1\" draw:style-name=\"Watermark\" \
         draw:text-style-name=\"WatermarkText\" svg:width=\"{w:.1}mm\" svg:height=\"{h:.1}mm\" \
         draw:transform=\"rotate ({}) translate (0mm 0mm)\">\
         <text:p text:style-name=\"WatermarkText\">{}</text:p>{FONTWORK_GEOMETRY}</draw:custom-shape>",
        45f32.to_radians(),
        esc(text)
    )
}

/// `font-name`, size and weight for Latin, CJK and complex scripts alike.
fn font(size_pt: f32, bold: bool) -> String {
    let size = pt(size_pt);
    let weight = if bold {
        " fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" \
         style:font-weight-complex=\"bold\""
    } else {
        ""
    };
    format!(
        "style:font-name=\"Noto Sans\" fo:font-size=\"{size}\" \
         style:font-name-asian=\"Noto Sans CJK SC\" style:font-size-asian=\"{size}\" \
         style:font-name-complex=\"Noto Sans Arabic\" style:font-size-complex=\"{size}\"{weight}"
    )
}

fn bold_only() -> &'static str {
    "fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\""
}

fn pt(value: f32) -> String {
    format!("{value:.2}pt")
}

/// Runs as ODF paragraph content: bold runs in Strong Emphasis, `'\n'` as a
/// line break, tabs as tabs, and runs of spaces kept (ODF, like HTML,
/// collapses white space unless it is written as `<text:s/>`).
fn runs_xml(runs: &[TextRun]) -> String {
    let mut out = String::new();
    // At the start of a line a space would be dropped, so it is written out.
    let mut after_space = true;
    for run in runs {
        if run.text.is_empty() {
            continue;
        }
        if run.bold {
            out.push_str("<text:span text:style-name=\"Strong_20_Emphasis\">");
        }
        for ch in run.text.chars() {
            match ch {
                '\n' => {
                    out.push_str("<text:line-break/>");
                    after_space = true;
                    continue;
                }
                '\t' => out.push_str("<text:tab/>"),
                ' ' if after_space => out.push_str("<text:s/>"),
                ' ' => out.push(' '),
                '\r' => {}
                _ => push_escaped(&mut out, ch),
            }
            after_space = ch == ' ';
        }
        if run.bold {
            out.push_str("</text:span>");
        }
    }
    out
}

/// Escapes text for XML content or a quoted attribute, dropping characters
/// XML 1.0 cannot hold at all (most C0 controls, lone surrogates cannot
/// occur in a `str`, U+FFFE and U+FFFF).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        push_escaped(&mut out, ch);
    }
    out
}

fn push_escaped(out: &mut String, ch: char) {
    match ch {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        '\t' | '\n' | '\r' => out.push(ch),
        c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
        c => out.push(c),
    }
}
