//! The same documents as Word files (.docx), for the police contact who
//! comments in Word and the web team who publishes from it.
//!
//! Built with docx-rs from the very [`Document`] the PDF is drawn from, so a
//! Word file holds nothing its PDF does not. Real Word structure: Heading
//! 1-3 styles (the navigation pane and a screen reader see the outline),
//! numbered lists as Word lists, tables with a header row repeated on every
//! page, the header text and marking in the page header, the marking and
//! "Page n of N" (page fields) in the footer, the watermark on drafts.
//!
//! docx-rs 0.4 has no right-to-left run, no language, no repeated header row,
//! no watermark and no way to keep its own name out of the properties, and
//! no raw-XML hook in its model. So [`finish`] is one small step over the
//! package's XML parts after docx-rs has built them and before they are
//! zipped: it adds those five things at places the model marked, and
//! replaces the document properties with the title and language alone.

use super::fonts::Script;
use super::{Block, Document, ListItem, Table, TextRun};
use crate::error::{Error, Result};
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Start, Style, StyleType, Tab, TabValueType, TableCell,
    TableRow, WidthType,
};

/// A4 in twentieths of a point, with the PDF's 20 mm margins.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: i32 = 1134;
const TEXT_WIDTH: usize = (PAGE_WIDTH as usize) - 2 * (MARGIN as usize);

/// The character style that marks a right-to-left run for [`finish`].
const RTL_STYLE: &str = "RightToLeftText";

/// Writes `doc` as a .docx package.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>> {
    let scale = doc.text_scale.max(0.5);
    let half_points = |pt: f32| (pt * scale * 2.0).round() as usize;
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts_for(Script::Latin))
        .default_size(half_points(10.5))
        // 6 pt after each paragraph, as the PDF spaces them.
        .default_line_spacing(docx_rs::LineSpacing::new().after(120))
        .add_style(Style::new("ListParagraph", StyleType::Paragraph).name("List Paragraph"))
        .add_style(Style::new(RTL_STYLE, StyleType::Character).name("Right-to-left text"))
        .header(page_header(doc))
        .footer(page_footer(doc));
    // Word's own heading styles (by their built-in names), so the outline
    // shows in the navigation pane: size and space before and after, in pt
    // and twentieths of a point, as the PDF sets them.
    for (level, size, before, after) in
        [(1, 16.0, 240, 120), (2, 13.0, 220, 100), (3, 11.5, 200, 80)]
    {
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .bold()
                .size(half_points(size))
                .outline_lvl(level - 1)
                .line_spacing(docx_rs::LineSpacing::new().before(before).after(after)),
        );
    }
    let mut lists = 0usize;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 3);
                docx = docx.add_paragraph(
                    runs(Paragraph::new(), &[TextRun::plain(text.clone())])
                        .style(&format!("Heading{level}"))
                        .keep_next(true),
                );
            }
            Block::Paragraph(r) => docx = docx.add_paragraph(runs(Paragraph::new(), r)),
            Block::NumberedList(items) => {
                lists += 1;
                if numbered_in_order(items) {
                    let (abstract_numbering, numbering) = list_numbering(lists);
                    docx = docx
                        .add_abstract_numbering(abstract_numbering)
                        .add_numbering(numbering);
                    for p in list_paragraphs(items, Some(lists), 0) {
                        docx = docx.add_paragraph(p);
                    }
                } else {
                    for p in list_paragraphs(items, None, 0) {
                        docx = docx.add_paragraph(p);
                    }
                }
            }
            Block::Table(t) => docx = docx.add_table(table(t)),
            Block::Spacer(mm) => {
                docx = docx.add_paragraph(
                    Paragraph::new().line_spacing(
                        docx_rs::LineSpacing::new()
                            .after(0)
                            .before(0)
                            .line((mm * 56.7).round() as i32)
                            .line_rule(docx_rs::LineSpacingType::Exact),
                    ),
                )
            }
            Block::PageBreak => {
                docx = docx
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
            // A merged paper's page belongs to the PDF pack only.
            Block::Inset(_) => {}
        }
    }
    let mut xml = docx.build();
    finish(&mut xml, doc);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Internal(format!("the Word file could not be written: {e}")))?;
    Ok(out.into_inner())
}

/// The fonts a run of `script` is named in: Word and LibreOffice pick the
/// complex-script font (`w:cs`) for Arabic, Bengali, Gurmukhi, Devanagari
/// and the like, the East Asian font for Chinese, and the Latin ones for
/// the rest (Polish included). Noto names, the families the PDF embeds
/// (CJK by its installed family name); a machine without them substitutes.
fn fonts_for(script: Script) -> RunFonts {
    let cs = match script {
        Script::Arabic => "Noto Sans Arabic",
        Script::Bengali => "Noto Sans Bengali",
        Script::Devanagari => "Noto Sans Devanagari",
        Script::Gurmukhi => "Noto Sans Gurmukhi",
        Script::Gujarati => "Noto Sans Gujarati",
        Script::Tamil => "Noto Sans Tamil",
        Script::Hebrew => "Noto Sans Hebrew",
        _ => "Noto Sans",
    };
    let fonts = RunFonts::new()
        .ascii("Noto Sans")
        .hi_ansi("Noto Sans")
        .east_asia("Noto Sans CJK SC")
        .cs(cs);
    match script {
        Script::Cjk => fonts.hint("eastAsia"),
        Script::Latin | Script::Common | Script::Inherited => fonts,
        _ => fonts.hint("cs"),
    }
}

/// A run's text cut where its script changes, so each piece is named in a
/// font that has its letters; spaces and punctuation stay with the piece
/// before them.
fn by_script(text: &str) -> Vec<(Script, String)> {
    let mut pieces: Vec<(Script, String)> = Vec::new();
    for c in text.chars() {
        let script = match Script::of(c) {
            Script::Common | Script::Inherited => None,
            s => Some(s),
        };
        match (pieces.last_mut(), script) {
            (Some((current, piece)), None) => {
                let _ = current;
                piece.push(c)
            }
            (Some((current, piece)), Some(s)) if *current == s || *current == Script::Common => {
                *current = s;
                piece.push(c)
            }
            (_, s) => pieces.push((s.unwrap_or(Script::Common), c.to_string())),
        }
    }
    pieces
}

fn right_to_left(script: Script) -> bool {
    matches!(script, Script::Arabic | Script::Hebrew)
}

/// The text runs added to `p`: a piece per script, a line break for each
/// `'\n'`.
fn runs(mut p: Paragraph, text: &[TextRun]) -> Paragraph {
    for run in text {
        for (n, line) in run.text.split('\n').enumerate() {
            if n > 0 {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
            for (script, piece) in by_script(line) {
                let mut r = Run::new().add_text(piece).fonts(fonts_for(script));
                if run.bold {
                    r = r.bold();
                }
                if right_to_left(script) {
                    r = r.style(RTL_STYLE);
                }
                p = p.add_run(r);
            }
        }
    }
    p
}

/// True when the labels are 1, 2, 3… and each item's children 1.1, 1.2…:
/// then Word's own numbering shows the same labels, and the list is a
/// real Word list.
fn numbered_in_order(items: &[ListItem]) -> bool {
    items.iter().enumerate().all(|(i, item)| {
        item.label == (i + 1).to_string()
            && item
                .children
                .iter()
                .enumerate()
                .all(|(j, c)| c.label == format!("{}.{}", i + 1, j + 1) && c.children.is_empty())
    })
}

fn list_numbering(id: usize) -> (AbstractNumbering, Numbering) {
    let level = |n: usize, text: &str| {
        Level::new(
            n,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some((n as i32 + 1) * 567),
            Some(SpecialIndentType::Hanging(567)),
            None,
            None,
        )
    };
    (
        AbstractNumbering::new(id)
            .add_level(level(0, "%1"))
            .add_level(level(1, "%1.%2")),
        Numbering::new(id, id),
    )
}

/// A list's paragraphs: Word-numbered when `numbering` is given, else each
/// starting with its own label.
fn list_paragraphs(items: &[ListItem], numbering: Option<usize>, depth: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for item in items {
        let mut p = Paragraph::new().style("ListParagraph");
        p = match numbering {
            Some(id) => p.numbering(NumberingId::new(id), IndentLevel::new(depth.min(1))),
            None => {
                let indent = (depth.min(1) as i32 + 1) * 567;
                runs(
                    p.indent(
                        Some(indent),
                        Some(SpecialIndentType::Hanging(567)),
                        None,
                        None,
                    ),
                    &[TextRun::plain(format!("{}\t", item.label))],
                )
            }
        };
        out.push(runs(p, &item.text));
        out.extend(list_paragraphs(&item.children, numbering, depth + 1));
    }
    out
}

fn table(t: &Table) -> docx_rs::Table {
    let columns = t
        .header
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    let shares: Vec<f32> = if t.column_widths.len() == columns {
        t.column_widths.clone()
    } else {
        vec![1.0; columns]
    };
    let total: f32 = shares.iter().sum::<f32>().max(f32::EPSILON);
    let widths: Vec<usize> = shares
        .iter()
        .map(|s| ((s / total) * TEXT_WIDTH as f32) as usize)
        .collect();
    let cell = |text: &str, width: usize, header: bool| {
        let run = if header {
            TextRun::bold(text)
        } else {
            TextRun::plain(text)
        };
        let c = TableCell::new()
            .add_paragraph(runs(Paragraph::new(), &[run]))
            .width(width, WidthType::Dxa);
        if header {
            c.shading(Shading::new().fill("E8E8E8"))
        } else {
            c
        }
    };
    let mut rows = Vec::new();
    if !t.header.is_empty() {
        // Marked so that `finish` makes it the header row repeated on
        // every page (docx-rs cannot say so itself).
        rows.push(
            TableRow::new(
                (0..columns)
                    .map(|i| cell(t.header.get(i).map_or("", String::as_str), widths[i], true))
                    .collect(),
            )
            .cant_split(),
        );
    }
    for row in &t.rows {
        rows.push(TableRow::new(
            (0..columns)
                .map(|i| cell(row.get(i).map_or("", String::as_str), widths[i], false))
                .collect(),
        ));
    }
    docx_rs::Table::new(rows).set_grid(widths)
}

/// The running header: the document's header text at the left, the
/// marking at the right.
fn page_header(doc: &Document) -> Header {
    let p = runs(
        Paragraph::new().add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH)),
        &[TextRun::plain(doc.header_text.clone())],
    )
    .add_run(Run::new().add_tab())
    .add_run(Run::new().add_text(doc.marking.label()).bold());
    Header::new().add_paragraph(p)
}

/// The footer: the marking in the middle, "Page n of N" at the right.
fn page_footer(doc: &Document) -> Footer {
    let p = Paragraph::new()
        .add_tab(Tab::new().val(TabValueType::Center).pos(TEXT_WIDTH / 2))
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
        .add_run(Run::new().add_tab())
        .add_run(Run::new().add_text(doc.marking.label()).bold())
        .add_run(Run::new().add_tab().add_text("Page "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" of "))
        .add_num_pages(NumPages::new());
    Footer::new().add_paragraph(p.align(AlignmentType::Left))
}

/// The one step over the package's XML (see the module's comment).
fn finish(xml: &mut docx_rs::XMLDocx, doc: &Document) {
    xml.document = mark_runs_and_header_rows(&xml.document);
    xml.styles = with_language(&xml.styles, &doc.language);
    // docx-rs writes the Normal style without saying it is the default,
    // so Word and python-docx see unstyled paragraphs as having none.
    xml.styles = as_text(&xml.styles)
        .replacen(
            "<w:style w:type=\"paragraph\" w:styleId=\"Normal\">",
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">",
            1,
        )
        .into_bytes();
    if let Some(text) = &doc.watermark {
        for header in &mut xml.headers {
            *header = with_watermark(header, text);
        }
    }
    xml.doc_props.core = core_properties(&doc.title, &doc.language);
    xml.doc_props.app = app_properties();
}

fn as_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Each run of the right-to-left style gains `<w:rtl/>` (last in its run
/// properties, where the schema puts it), and each header row, marked
/// `cantSplit`, gains `<w:tblHeader/>` after it.
fn mark_runs_and_header_rows(document: &[u8]) -> Vec<u8> {
    let text = as_text(document);
    let style = format!("<w:rStyle w:val=\"{RTL_STYLE}\" />");
    let mut out = String::with_capacity(text.len() + 1024);
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&style) {
        let after = &rest[at..];
        let Some(end) = after.find("</w:rPr>") else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push_str(&after[..end]);
        out.push_str("<w:rtl />");
        rest = &after[end..];
    }
    out.push_str(rest);
    out.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .into_bytes()
}

/// The document's language on every run by default (and Arabic for
/// right-to-left text, Chinese for East Asian text).
fn with_language(styles: &[u8], language: &str) -> Vec<u8> {
    let text = as_text(styles);
    let lang = format!(
        "<w:lang w:val=\"{}\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\" />",
        escape(language)
    );
    match text.find("<w:rPrDefault>") {
        Some(start) => match text[start..].find("</w:rPr>") {
            Some(end) => {
                let at = start + end;
                format!("{}{lang}{}", &text[..at], &text[at..]).into_bytes()
            }
            None => text.into_bytes(),
        },
        None => text.into_bytes(),
    }
}

/// "DRAFT" across the page, behind the text, as Word itself writes a
/// watermark: a VML text path in the header.
fn with_watermark(header: &[u8], text: &str) -> Vec<u8> {
    let text_xml = as_text(header);
    let shape = format!(
        "<w:r><w:pict><v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" \
         adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\"><v:path textpathok=\"t\" \
         o:connecttype=\"custom\" /><v:textpath on=\"t\" fitshape=\"t\" /></v:shapetype>\
         <v:shape id=\"IagDeskWatermark\" o:spid=\"_x0000_s1025\" type=\"#_x0000_t136\" \
         style=\"position:absolute;margin-left:0;margin-top:0;width:460pt;height:115pt;\
         rotation:315;z-index:-251657216;mso-position-horizontal:center;\
         mso-position-horizontal-relative:margin;mso-position-vertical:center;\
         mso-position-vertical-relative:margin\" fillcolor=\"#d8d8d8\" stroked=\"f\">\
         <v:fill opacity=\".5\" /><v:textpath style=\"font-family:&quot;Noto Sans&quot;;\
         font-size:1pt\" string=\"{}\" /></v:shape></w:pict></w:r>",
        escape(text)
    );
    match text_xml.find("</w:p>") {
        Some(at) => format!("{}{shape}{}", &text_xml[..at], &text_xml[at..]).into_bytes(),
        None => text_xml.into_bytes(),
    }
}

/// The title and the language, and nothing else: no user name, no dates,
/// no program name that docx-rs would have put there.
fn core_properties(title: &str, language: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:language>{}</dc:language></cp:coreProperties>",
        escape(title),
        escape(language)
    )
    .into_bytes()
}

fn app_properties() -> Vec<u8> {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
     <Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
     <Application>IAG Desk</Application></Properties>"
        .as_bytes()
        .to_vec()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_cut_where_its_script_changes_and_spaces_stay_with_the_words() {
        let pieces = by_script("Chair: فاطمة حسن, 陈美玲 and Zofia");
        let scripts: Vec<Script> = pieces.iter().map(|p| p.0).collect();
        assert_eq!(
            scripts,
            [Script::Latin, Script::Arabic, Script::Cjk, Script::Latin]
        );
        assert_eq!(
            pieces.iter().map(|p| p.1.as_str()).collect::<String>(),
            "Chair: فاطمة حسن, 陈美玲 and Zofia"
        );
        assert_eq!(pieces[1].1, "فاطمة حسن, ");
    }

    #[test]
    fn the_step_over_the_xml_marks_right_to_left_runs_and_header_rows() {
        let document = br#"<w:r><w:rPr><w:rStyle w:val="RightToLeftText" /><w:rFonts w:cs="Noto Sans Arabic" /></w:rPr><w:t>x</w:t></w:r><w:r><w:rPr /></w:r><w:trPr><w:cantSplit /></w:trPr>"#;
        let done = String::from_utf8(mark_runs_and_header_rows(document)).unwrap();
        assert_eq!(
            done,
            r#"<w:r><w:rPr><w:rStyle w:val="RightToLeftText" /><w:rFonts w:cs="Noto Sans Arabic" /><w:rtl /></w:rPr><w:t>x</w:t></w:r><w:r><w:rPr /></w:r><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"#
        );
        let styles = br#"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21" /></w:rPr></w:rPrDefault></w:docDefaults>"#;
        assert!(String::from_utf8(with_language(styles, "en-GB"))
            .unwrap()
            .contains(r#"<w:sz w:val="21" /><w:lang w:val="en-GB""#));
        let core = String::from_utf8(core_properties("Agenda: A & B", "en-GB")).unwrap();
        assert!(
            core.contains("<dc:title>Agenda: A &amp; B</dc:title>") && !core.contains("creator")
        );
    }
}
