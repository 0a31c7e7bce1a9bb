//! Word files of the documents, read by an independent reader
//! (python-docx, from the test virtual environment `.ci/install-deps`
//! makes): headings as Word's heading styles, tables with a repeated
//! header row, the marking and page fields in header and footer, the
//! title and language and nothing else in the properties, right-to-left
//! runs marked, and fonts named for every script.

use crate::support::{demo_vault, export, today};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::publications::Publication;
use serde_json::Value;

const READER: &str = r#"
import docx, json, sys, zipfile
d = docx.Document(sys.argv[1])
body = d.element.body
paragraphs = [{'style': p.style.name, 'text': p.text} for p in d.paragraphs]
tables = []
for t in d.tables:
    first = t.rows[0]._tr
    tables.append({
        'header': [c.text for c in t.rows[0].cells],
        'rows': len(t.rows),
        'repeats': first.trPr is not None and first.trPr.find(docx.oxml.ns.qn('w:tblHeader')) is not None,
    })
section = d.sections[0]
header = ' '.join(p.text for p in section.header.paragraphs)
footer_xml = section.footer._element.xml
z = zipfile.ZipFile(sys.argv[1])
parts = {n: z.read(n).decode('utf-8', 'replace') for n in z.namelist() if n.endswith('.xml')}
cp = d.core_properties
print(json.dumps({
    'paragraphs': paragraphs, 'tables': tables, 'header': header,
    'footer_fields': [f for f in ('PAGE', 'NUMPAGES') if f in footer_xml],
    'footer_text': ' '.join(p.text for p in section.footer.paragraphs),
    'title': cp.title, 'language': cp.language, 'author': cp.author,
    'last_modified_by': cp.last_modified_by,
    'numbered': sum(1 for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None),
    'rtl_runs': parts['word/document.xml'].count('<w:rtl'),
    'parts': parts,
}))
"#;

/// What python-docx reads in a Word file.
pub(crate) fn read_docx(bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.docx");
    std::fs::write(&path, bytes).unwrap();
    crate::support::keep_pdf("last.docx", bytes);
    let out = std::process::Command::new(crate::support::python())
        .args(["-c", READER])
        .arg(&path)
        .output()
        .expect("run python-docx");
    assert!(
        out.status.success(),
        "python-docx could not read the Word file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every part's text: document, headers, footers, comments, properties.
pub(crate) fn all_parts(read: &Value) -> String {
    read["parts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn headings(read: &Value) -> Vec<(String, String)> {
    read["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["style"].as_str().unwrap().starts_with("Heading"))
        .map(|p| {
            (
                p["style"].as_str().unwrap().to_owned(),
                p["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_document_as_a_word_file_has_word_structure() {
    let (_t, vault) = demo_vault();
    let group = crate::support::group_named(&vault, "Marlow Fen Local IAG");
    let held = iag_desk_core::meetings::list(&vault, crate::support::now())
        .unwrap()
        .into_iter()
        .find(|m| !m.upcoming && m.group_id == group)
        .unwrap()
        .id;
    let person = iag_desk_core::roster::members::search(
        &vault,
        &iag_desk_core::roster::members::MemberQuery {
            text: "Zofia".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()[0]
        .id;
    let documents = [
        Request::Agenda {
            meeting: held,
            format: Format::Docx,
        },
        Request::Minutes {
            meeting: held,
            audience: Audience::Public,
            format: Format::Docx,
        },
        Request::Minutes {
            meeting: held,
            audience: Audience::Members,
            format: Format::Docx,
        },
        Request::Publication {
            group,
            publication: Publication::TermsOfReference,
            member: None,
            large_print: false,
            format: Format::Docx,
        },
        Request::Publication {
            group,
            publication: Publication::InductionPack,
            member: Some(person),
            large_print: true,
            format: Format::Docx,
        },
        Request::Feedback {
            quarter: "2026-Q3".into(),
            group: None,
            format: Format::Docx,
        },
        Request::Advice {
            query: Default::default(),
            format: Format::Docx,
        },
        Request::Actions {
            query: Default::default(),
            format: Format::Docx,
        },
        Request::Attendance {
            group,
            from: None,
            to: None,
            format: Format::Docx,
        },
        Request::SubjectAccess {
            person,
            format: Format::Docx,
        },
    ];
    for request in documents {
        let file = export(&vault, request.clone());
        let what = format!("{request:?} ({})", file.file_name);
        assert!(file.file_name.ends_with(".docx"), "{what}");
        let read = read_docx(&file.bytes);
        let heads = headings(&read);
        assert!(
            heads.iter().any(|(style, _)| style == "Heading 1"),
            "{what}: no Heading 1 in {heads:?}"
        );
        assert!(
            read["header"].as_str().unwrap().contains("OFFICIAL"),
            "{what}: the marking is not in the page header: {}",
            read["header"]
        );
        assert_eq!(
            read["footer_fields"],
            serde_json::json!(["PAGE", "NUMPAGES"]),
            "{what}"
        );
        assert!(
            read["footer_text"].as_str().unwrap().contains("Page"),
            "{what}"
        );
        assert_eq!(read["language"], "en-GB", "{what}");
        assert!(!read["title"].as_str().unwrap().is_empty(), "{what}");
        for empty in ["author", "last_modified_by"] {
            assert!(
                read[empty].as_str().unwrap_or_default().is_empty(),
                "{what}: {empty} is {}",
                read[empty]
            );
        }
        for table in read["tables"].as_array().unwrap() {
            assert_eq!(
                table["repeats"], true,
                "{what}: a table's header row does not repeat"
            );
        }
        // LibreOffice reads it too, headings and all.
        let text = libreoffice_text(&file.bytes);
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let first = &heads[0].1;
        assert!(
            words(&text).contains(&words(first)),
            "{what}: LibreOffice does not show {first:?}:\n{text}"
        );
        crate::support::keep_pdf(&file.file_name, &file.bytes);
    }
}

#[test]
fn names_in_every_script_are_named_in_fonts_that_have_them_and_arabic_runs_are_right_to_left() {
    use iag_desk_core::documents::{render_docx, Block, Document, ListItem, Table};
    let mut d = Document::new("Agenda: Scripts", "A group");
    d.header_text = "A group".into();
    d.watermark = Some("DRAFT".into());
    d.blocks = vec![
        Block::heading(1, "Members"),
        Block::paragraph("فاطمة الزهراء حسن; عمران قریشی; রাজিয়া বেগম; ਹਰਪ੍ਰੀਤ ਕੌਰ; प्रिया शर्मा; 陈美玲; Zofia Wójcik"),
        Block::NumberedList(vec![
            ListItem::new("1", "Welcome"),
            ListItem::new("2", "Police update").with_children(vec![ListItem::new("2.1", "Stop and search")]),
        ]),
        Block::Table(Table {
            header: vec!["Name".into(), "Role".into()],
            rows: vec![vec!["陈美玲".into(), "Member".into()]],
            column_widths: vec![],
        }),
    ];
    let read = read_docx(&render_docx(&d).unwrap());
    let document = read["parts"]["word/document.xml"].as_str().unwrap();
    for font in [
        "Noto Sans Arabic",
        "Noto Sans Bengali",
        "Noto Sans Gurmukhi",
        "Noto Sans Devanagari",
        "Noto Sans CJK SC",
    ] {
        assert!(document.contains(font), "{font} is not named");
    }
    // The Arabic and the Urdu name, with the "; " between them, are one
    // right-to-left run.
    assert_eq!(read["rtl_runs"], 1);
    assert!(document.contains(
        "<w:rtl /></w:rPr><w:t xml:space=\"preserve\">فاطمة الزهراء حسن; عمران قریشی; </w:t>"
    ));
    assert_eq!(read["numbered"], 3, "the list is a Word list");
    let header = read["parts"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(name, _)| name.starts_with("word/header"))
        .unwrap()
        .1
        .as_str()
        .unwrap();
    assert!(
        header.contains("string=\"DRAFT\""),
        "the watermark is in the header"
    );
    let text: String = read["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        text.contains("فاطمة الزهراء حسن; عمران قریشی"),
        "the text keeps its logical order"
    );
}

/// LibreOffice's reading of a Word file: converted to PDF headless (with a
/// profile of its own, so tests can run side by side), then pdftotext.
pub(crate) fn libreoffice_text(docx: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("document.docx");
    std::fs::write(&input, docx).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("LibreOffice (soffice) must be installed: bash .ci/install-deps --test");
    let pdf = dir.path().join("document.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the Word file: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    crate::support::pdf_text(&std::fs::read(pdf).unwrap())
}

#[test]
fn libreoffice_shows_names_in_every_script_in_their_order() {
    use iag_desk_core::documents::{render_docx, Block, Document, Table};
    let names = [
        "فاطمة الزهراء حسن",
        "عمران قریشی",
        "রাজিয়া বেগম",
        "ਹਰਪ੍ਰੀਤ ਕੌਰ",
        "प्रिया शर्मा",
        "陈美玲",
        "Zofia Wójcik",
        "Łukasz Nowakowski",
    ];
    let mut d = Document::new("Present", "A group");
    d.blocks = vec![
        Block::heading(1, "Present"),
        Block::Table(Table {
            header: vec!["Name".into(), "Role".into()],
            rows: names
                .iter()
                .map(|n| vec![n.to_string(), "Member".into()])
                .collect(),
            column_widths: vec![],
        }),
    ];
    let text = libreoffice_text(&render_docx(&d).unwrap());
    let mut last = 0;
    for name in names {
        // pdftotext gives right-to-left text in logical order, as typed:
        // a reversed name would not be found.
        let at = text[last..]
            .find(name)
            .unwrap_or_else(|| panic!("{name} is missing or out of order in:\n{text}"));
        last += at + name.len();
    }
}
