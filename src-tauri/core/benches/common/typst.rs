//! A [`Document`] written as Typst markup, so Typst (the best document
//! engine in the field, issue 22) can be timed setting the same minutes that
//! IAG Desk renders. Benchmark code, not product code.
//!
//! Styled to match IAG Desk's page, as `fodt.rs` does for LibreOffice: A4,
//! the body from 26 to 274 mm with 20 mm side margins, the running header
//! (the group's name, the marking on the right, a rule) and footer (the
//! marking centred, "Page n of N" on the right), Noto Sans at the layout
//! engine's sizes and line height, headings at 16, 13 and 11.5 pt, list labels
//! as given on a hanging indent, tables with a shaded header row repeated on
//! every page, and the watermark behind each page. Every piece of text goes in
//! as a Typst string (`#"…"`), never as markup, so no name can turn into
//! markup. Line and page breaking are Typst's own.

use iag_desk_core::documents::{Block, Document, ListItem, Table, TextRun};
use std::fmt::Write as _;

/// The fonts the layout engine would pick, in the order Typst falls back
/// through them (Debian's fonts-noto-core and fonts-noto-cjk).
const FONTS: &str = r#"("Noto Sans", "Noto Sans Arabic", "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Sans Devanagari", "Noto Sans Gujarati", "Noto Sans Tamil", "Noto Sans Hebrew", "Noto Sans CJK SC")"#;

/// The whole Typst source for `doc`.
pub fn typst(doc: &Document) -> String {
    let scale = doc.text_scale.max(0.1);
    let body_pt = 10.0 * scale;
    let table_pt = 9.0 * scale;
    let running_pt = 8.0 * scale.clamp(1.0, 1.5);
    let (lang, region) = doc
        .language
        .split_once('-')
        .unwrap_or((doc.language.as_str(), ""));
    let marking = doc.marking.label();

    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {})",
        string(&doc.title),
        string(&doc.author)
    );
    let _ = writeln!(
        out,
        "#set text(font: {FONTS}, size: {body_pt}pt, lang: {}, region: {}, \
         top-edge: \"ascender\", bottom-edge: \"descender\")",
        string(lang),
        string(region)
    );
    // IAG Desk's lines are 1.45 times the font size apart. With each line's
    // box from Noto Sans's ascender to its descender (1.362 em), Typst's
    // leading (the gap between boxes) is the rest: 0.088 em. 3 mm after a
    // paragraph, between those boxes, as IAG Desk leaves.
    out.push_str("#set par(leading: 0.088em, spacing: 3mm, justify: false)\n");
    let background = match &doc.watermark {
        Some(w) => format!(
            "rotate(-45deg, text(size: 96pt, weight: \"bold\", fill: luma(215), {}))",
            string(w)
        ),
        None => "none".into(),
    };
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (left: 20mm, right: 20mm, top: 26mm, bottom: 23mm), \
         header-ascent: 6mm, footer-descent: 5mm, background: {background}, \
         header: block(width: 100%, stroke: (bottom: 0.4pt + luma(115)), inset: (bottom: 1.9mm), \
         text(size: {running_pt}pt, {} + h(1fr) + strong({marking}))), \
         footer: context block(width: 100%, stroke: (top: 0.4pt + luma(115)), inset: (top: 2.9mm), \
         text(size: {running_pt}pt, h(1fr) + strong({marking}) + h(1fr) + \"Page \" + \
         counter(page).display() + \" of \" + str(counter(page).final().first()))))",
        string(&doc.header_text),
        marking = string(marking),
    );
    // Headings: 16, 13 and 11.5 pt bold, 6, 5 and 4 mm before, 1.5 mm after.
    for (level, pt, before) in [(1, 16.0, 6.0), (2, 13.0, 5.0), (3, 11.5, 4.0)] {
        let _ = writeln!(
            out,
            "#show heading.where(level: {level}): set text(size: {}pt, weight: \"bold\")\n\
             #show heading.where(level: {level}): set block(above: {before}mm, below: 1.5mm)",
            pt * scale
        );
    }
    let _ = writeln!(
        out,
        "#set table(stroke: 0.4pt + luma(115), inset: 1.5mm, fill: (_, y) => if y == 0 {{ luma(230) }})\n\
         #show table: set text(size: {table_pt}pt)"
    );

    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(
                    out,
                    "#heading(level: {}, {})",
                    (*level).clamp(1, 3),
                    string(text)
                );
            }
            Block::Paragraph(runs) => {
                let _ = writeln!(out, "#par({})", content(runs));
            }
            Block::NumberedList(items) => {
                for item in items {
                    list_item(&mut out, item, 0);
                }
            }
            Block::Table(table) => write_table(&mut out, table),
            Block::Spacer(mm) => {
                let _ = writeln!(out, "#v({mm}mm)");
            }
            Block::PageBreak => out.push_str("#pagebreak(weak: true)\n"),
            // Minutes have no insets (papers' pages); the agenda pack does.
            Block::Inset(_) => {}
        }
    }
    out
}

/// A list item on a hanging indent: a 9 mm label (11 mm for a sub-item's),
/// 1.2 mm between items.
fn list_item(out: &mut String, item: &ListItem, depth: usize) {
    let (indent, label) = if depth == 0 { (0, 9) } else { (9, 11) };
    let _ = writeln!(
        out,
        "#pad(left: {indent}mm, grid(columns: ({label}mm, 1fr), {}, {}))\n#v(1.2mm, weak: true)",
        string(&item.label),
        content(&item.text)
    );
    for child in &item.children {
        list_item(out, child, depth + 1);
    }
}

fn write_table(out: &mut String, table: &Table) {
    let columns = table.header.len().max(1);
    let widths: Vec<String> = if table.column_widths.len() == columns {
        table
            .column_widths
            .iter()
            .map(|w| format!("{w}fr"))
            .collect()
    } else {
        vec!["1fr".into(); columns]
    };
    let _ = write!(
        out,
        "#table(columns: ({},), table.header(",
        widths.join(", ")
    );
    for h in &table.header {
        let _ = write!(out, "strong({}), ", string(h));
    }
    out.push_str("), ");
    for row in &table.rows {
        for cell in row {
            let _ = write!(out, "{}, ", string(cell));
        }
    }
    out.push_str(")\n");
}

/// Runs as Typst content: plain runs as strings, bold ones in `strong`, a
/// line break where a run has `\n`.
fn content(runs: &[TextRun]) -> String {
    let mut parts = Vec::new();
    for run in runs {
        for (i, line) in run.text.split('\n').enumerate() {
            if i > 0 {
                parts.push("linebreak()".to_string());
            }
            if line.is_empty() {
                continue;
            }
            parts.push(if run.bold {
                format!("strong({})", string(line))
            } else {
                string(line)
            });
        }
    }
    if parts.is_empty() {
        "[]".into()
    } else {
        format!("[#{{{}}}]", parts.join(" + "))
    }
}

/// A Typst string literal: backslashes and quotes escaped.
fn string(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            '\r' => {}
            '\t' => s.push_str("\\t"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}
