//! The agenda pack: the papers go out, one PDF per audience.
//!
//! A front sheet (group, meeting, date, time, venue or online details,
//! marking), a contents list whose page numbers come from the pack's own
//! pages, the agenda, then each paper after a divider page naming its
//! item, in agenda order. One run of "Page n of N" and the marking on every
//! page, the papers' own pages included. PDF papers are merged page by
//! page, PNG and JPEG pictures placed on a page at their size; any other
//! file, and a PDF that is encrypted or damaged, is named on its divider as
//! "supplied separately" and travels beside the pack.
//!
//! Confidentiality by construction: [`view`] takes the audience first and
//! reads only what it may hold. The public pack holds open papers of open
//! items, confidential items by their public title; the members' pack
//! holds everything and is OFFICIAL-SENSITIVE on every page. A paper's own
//! metadata and hidden parts never reach the pack (documents::inset copies
//! only what draws a page); the pack's own metadata is built from the view.
//!
//! A supplementary pack holds only the papers added or replaced since the
//! last pack of that audience; what each pack held is recorded once it is
//! written ([`record_written`]).

use super::papers::{self, AgendaView};
use super::plan;
use crate::confidentiality::{paper_level, Audience, Confidentiality};
use crate::dates::long_date_time;
use crate::documents::{
    layout, picture, Block, Document, Inset, Layout, Marking, Part, Picture, Table, TextRun,
};
use crate::error::{Error, Result};
use crate::ids::MeetingId;
use crate::storage::{meetings as db, Vault};
use chrono::NaiveDateTime;
use std::sync::Arc;

/// Above this a pack is too large for most email systems.
pub const EMAIL_LIMIT_BYTES: usize = 25 * 1024 * 1024;

/// A paper as one audience's pack holds it, still as bytes: it is read
/// (parsed or decoded) when the pack is drawn, outside the vault's lock.
#[derive(Debug, Clone)]
pub struct PackPaper {
    pub id: i64,
    /// "6"
    pub item_number: String,
    /// The item's title as the audience reads it.
    pub item_title: String,
    pub name: String,
    pub confidential: bool,
    pub bytes: Arc<Vec<u8>>,
}

/// One audience's agenda pack, read from the vault.
#[derive(Debug, Clone)]
pub struct PackView {
    pub audience: Audience,
    /// 0 for the pack; 1, 2… for each supplement of late papers.
    pub supplement: u32,
    pub meeting: MeetingId,
    pub agenda: AgendaView,
    pub papers: Vec<PackPaper>,
}

impl PackView {
    pub fn marking(&self) -> Marking {
        self.agenda.marking
    }

    /// "Agenda pack" or "Late papers, supplement 1".
    pub fn title(&self) -> String {
        match self.supplement {
            0 => "Agenda pack".into(),
            n => format!("Late papers, supplement {n}"),
        }
    }
}

/// Reads the pack for `audience` (a supplement: only papers added since
/// the last pack of that audience).
pub fn view(
    vault: &Vault,
    meeting: MeetingId,
    audience: Audience,
    supplement: bool,
) -> Result<PackView> {
    let detail = plan::detail(vault, meeting)?;
    let agenda = match audience {
        Audience::Public => papers::public_agenda(&detail),
        Audience::Members => papers::members_agenda(&detail),
    };
    let sent = db::packs_written(vault.conn(), meeting, audience)?;
    let number = if supplement {
        if sent.count == 0 {
            return Err(Error::invalid(
                "supplement",
                format!(
                    "no {} pack has been written for this meeting yet: write the pack first.",
                    audience_words(audience)
                ),
            ));
        }
        sent.count
    } else {
        0
    };
    let items: std::collections::HashMap<i64, &plan::AgendaLine> =
        detail.items.iter().map(|i| (i.id, i)).collect();
    let mut out = Vec::new();
    for p in db::paper_files(vault.conn(), meeting)? {
        let Some(item) = items.get(&p.item) else {
            continue;
        };
        let level = paper_level(item.confidentiality, p.level);
        if audience == Audience::Public && level != Confidentiality::Open {
            continue;
        }
        if supplement && sent.papers.contains(&p.id) {
            continue;
        }
        let item_title = match (audience, item.confidentiality) {
            (Audience::Public, Confidentiality::Open) | (Audience::Members, _) => {
                item.title.clone()
            }
            // Never reached: a public pack holds no paper of such an item.
            (Audience::Public, _) => item.public_title.clone(),
        };
        out.push(PackPaper {
            id: p.id,
            item_number: item.number.clone(),
            item_title,
            name: p.file_name,
            confidential: level != Confidentiality::Open,
            bytes: Arc::new(p.bytes),
        });
    }
    if supplement && out.is_empty() {
        return Err(Error::invalid(
            "supplement",
            format!(
                "no paper has been added or replaced since the last {} pack.",
                audience_words(audience)
            ),
        ));
    }
    Ok(PackView {
        audience,
        supplement: number,
        meeting,
        agenda,
        papers: out,
    })
}

fn audience_words(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "public",
        Audience::Members => "members'",
    }
}

/// How a paper goes into the pack.
#[derive(Debug, Clone)]
pub enum Placing {
    /// The PDF's pages, in order.
    Pages(Arc<lopdf::Document>, Vec<lopdf::ObjectId>),
    Picture(Arc<Picture>),
    /// Not placed: sent beside the pack, for this reason.
    Separately(String),
}

/// Largest PDF page count merged from one paper.
const MAX_PAPER_PAGES: usize = 2000;

/// Reads a paper to see how it can go into the pack. Never fails: what
/// cannot be placed is supplied separately, with the reason.
pub fn placing(name: &str, bytes: &[u8]) -> Placing {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF") || extension == "pdf" {
        let options = lopdf::LoadOptions {
            // A small file must not inflate to gigabytes.
            max_decompressed_size: Some(256 * 1024 * 1024),
            ..Default::default()
        };
        return match lopdf::Document::load_mem_with_options(bytes, options) {
            Err(_) => Placing::Separately("the PDF is damaged and could not be read".into()),
            Ok(pdf) if pdf.was_encrypted() || pdf.is_encrypted() => Placing::Separately(
                "the PDF is encrypted (password-protected), so it cannot be merged".into(),
            ),
            Ok(pdf) => {
                let pages: Vec<_> = pdf.get_pages().into_values().collect();
                if pages.is_empty() {
                    Placing::Separately("the PDF has no pages".into())
                } else if pages.len() > MAX_PAPER_PAGES {
                    Placing::Separately(format!("the PDF has {} pages", pages.len()))
                } else {
                    Placing::Pages(Arc::new(pdf), pages)
                }
            }
        };
    }
    if matches!(extension.as_str(), "png" | "jpg" | "jpeg")
        || bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8])
    {
        return match picture(bytes) {
            Ok(p) => Placing::Picture(Arc::new(p)),
            Err(reason) => Placing::Separately(reason),
        };
    }
    let kind = match extension.as_str() {
        "doc" | "docx" | "odt" | "rtf" => "a word-processor file".to_string(),
        "xls" | "xlsx" | "ods" | "csv" => "a spreadsheet".to_string(),
        "ppt" | "pptx" | "odp" => "a presentation".to_string(),
        "" => "a file of unknown type".to_string(),
        other => format!("a .{other} file"),
    };
    Placing::Separately(format!("{kind}, which a PDF pack cannot hold"))
}

/// The papers supplied separately and why, for the meeting page to show
/// before anything is sent.
pub fn supplied_separately(vault: &Vault, meeting: MeetingId) -> Result<Vec<(i64, String)>> {
    Ok(db::paper_files(vault.conn(), meeting)?
        .into_iter()
        .filter_map(|p| match placing(&p.file_name, &p.bytes) {
            Placing::Separately(reason) => Some((p.id, reason)),
            _ => None,
        })
        .collect())
}

/// The pack drawn: its document, layout and insets, ready to render.
pub struct DrawnPack {
    pub document: Document,
    pub layout: Layout,
    pub insets: Vec<Inset>,
    /// Papers sent beside the pack: (name, bytes).
    pub separately: Vec<(String, Arc<Vec<u8>>)>,
}

/// Lays the pack out; the contents' page numbers are read back from the
/// layout until they settle.
pub fn draw(v: &PackView) -> Result<DrawnPack> {
    let placings: Vec<Placing> = v
        .papers
        .iter()
        .map(|p| placing(&p.name, &p.bytes))
        .collect();
    let mut insets = Vec::new();
    for placing in &placings {
        match placing {
            Placing::Pages(pdf, pages) => insets.extend(pages.iter().map(|page| Inset::PdfPage {
                source: pdf.clone(),
                page: *page,
            })),
            Placing::Picture(p) => insets.push(Inset::Picture(p.clone())),
            Placing::Separately(_) => {}
        }
    }
    let separately = v
        .papers
        .iter()
        .zip(&placings)
        .filter(|(_, p)| matches!(p, Placing::Separately(_)))
        .map(|(p, _)| (p.name.clone(), p.bytes.clone()))
        .collect();
    let mut doc = Document::new(
        format!("{}: {}, {}", v.title(), v.agenda.group_name, v.agenda.when),
        v.agenda.group_name.clone(),
    );
    doc.marking = v.marking();
    doc.header_text = format!("{}: {}", v.agenda.group_name, v.title().to_lowercase());
    // Page numbers change no line breaks: the second pass settles; a third
    // is allowed for safety.
    let mut pages: Vec<Option<usize>> = vec![None; v.papers.len() + 1];
    for _ in 0..3 {
        let (blocks, starts) = blocks(v, &placings, &pages);
        doc.blocks = blocks;
        let laid = layout(&doc)?;
        let found: Vec<Option<usize>> = starts
            .iter()
            .map(|block| page_of_block(&laid, *block))
            .collect();
        if found == pages {
            return Ok(DrawnPack {
                document: doc,
                layout: laid,
                insets,
                separately,
            });
        }
        pages = found;
    }
    Err(Error::Internal(
        "the agenda pack's contents did not settle".into(),
    ))
}

/// The page a block starts on.
fn page_of_block(laid: &Layout, block: usize) -> Option<usize> {
    laid.pages.iter().find_map(|p| {
        p.lines
            .iter()
            .any(|l| matches!(l.part, Part::Text { block: b } if b == block))
            .then_some(p.number)
    })
}

/// The pack's blocks, and the block each contents entry points at (the
/// agenda's heading, then each paper's divider heading).
fn blocks(v: &PackView, placings: &[Placing], pages: &[Option<usize>]) -> (Vec<Block>, Vec<usize>) {
    let a = &v.agenda;
    let page = |n: usize| {
        pages
            .get(n)
            .copied()
            .flatten()
            .map(|p| p.to_string())
            .unwrap_or_default()
    };
    let mut b = vec![Block::heading(
        1,
        format!("{}: {}", a.group_name, v.title().to_lowercase()),
    )];
    let mut facts = vec![
        TextRun::bold("Meeting: "),
        TextRun::plain(format!("{}\n", a.kind_label)),
    ];
    facts.extend(papers::fact_runs(&papers::when_and_where(a)));
    facts.push(TextRun::bold("Marking: "));
    facts.push(TextRun::plain(match v.audience {
        Audience::Public => {
            "OFFICIAL. The public pack: open items and their open papers.".to_string()
        }
        Audience::Members => "OFFICIAL-SENSITIVE. For the group's members only: do not copy, \
                              forward or publish."
            .to_string(),
    }));
    b.push(Block::Paragraph(facts));
    if v.supplement > 0 {
        b.push(Block::paragraph(
            "These papers were added or replaced after the agenda pack was sent. Read them with \
             the agenda in that pack.",
        ));
    }
    b.push(Block::heading(2, "Contents"));
    let mut rows = Vec::new();
    if v.supplement == 0 {
        rows.push(vec![String::new(), "Agenda".into(), page(0)]);
    }
    for (n, (p, placing)) in v.papers.iter().zip(placings).enumerate() {
        let mut what = p.name.clone();
        if p.confidential {
            what.push_str(" (confidential)");
        }
        if matches!(placing, Placing::Separately(_)) {
            what.push_str(": supplied separately");
        }
        rows.push(vec![
            format!("{} {}", p.item_number, p.item_title),
            what,
            page(n + 1),
        ]);
    }
    if v.papers.is_empty() {
        b.push(Block::paragraph(if v.supplement == 0 {
            "The agenda has no papers."
        } else {
            "No papers."
        }));
    }
    b.push(Block::Table(Table {
        header: vec!["Item".into(), "Paper".into(), "Page".into()],
        rows,
        column_widths: vec![3.4, 3.4, 0.8],
    }));
    let mut starts = Vec::new();
    if v.supplement == 0 {
        b.push(Block::PageBreak);
        starts.push(b.len());
        let agenda = papers::agenda_document(a);
        b.extend(agenda.blocks);
    } else {
        starts.push(usize::MAX);
    }
    let mut inset = 0;
    for (p, placing) in v.papers.iter().zip(placings) {
        b.push(Block::PageBreak);
        starts.push(b.len());
        b.push(Block::heading(
            1,
            format!("Item {}: {}", p.item_number, p.item_title),
        ));
        let mut said = vec![TextRun::bold("Paper: "), TextRun::plain(p.name.clone())];
        if p.confidential {
            said.push(TextRun::plain(
                "\nConfidential paper: for the group's members only.".to_string(),
            ));
        }
        b.push(Block::Paragraph(said));
        match placing {
            Placing::Pages(_, pages) => {
                b.push(Block::paragraph(format!(
                    "{} page{} follow{}.",
                    pages.len(),
                    if pages.len() == 1 { "" } else { "s" },
                    if pages.len() == 1 { "s" } else { "" }
                )));
                for _ in pages {
                    b.push(Block::Inset(inset));
                    inset += 1;
                }
            }
            Placing::Picture(_) => {
                b.push(Block::Inset(inset));
                inset += 1;
            }
            Placing::Separately(reason) => b.push(Block::paragraph(format!(
                "Supplied separately: {reason}. It travels beside this pack, under its own name."
            ))),
        }
    }
    (b, starts)
}

/// Records, once the pack is written, what it held, so the next supplement
/// holds only what is new.
pub fn record_written(vault: &Vault, v: &PackRecord, now: NaiveDateTime) -> Result<()> {
    db::record_pack(
        vault.conn(),
        v.meeting,
        v.audience,
        v.supplement,
        &v.papers,
        now,
    )
}

/// What a written pack held, for [`record_written`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRecord {
    pub meeting: MeetingId,
    pub audience: Audience,
    pub supplement: u32,
    pub papers: Vec<i64>,
}

impl PackView {
    pub fn record(&self) -> PackRecord {
        PackRecord {
            meeting: self.meeting,
            audience: self.audience,
            supplement: self.supplement,
            papers: self.papers.iter().map(|p| p.id).collect(),
        }
    }

    /// "the members' agenda pack (OFFICIAL-SENSITIVE)" in a message.
    pub fn what(&self) -> String {
        let kind = match self.supplement {
            0 => "agenda pack".to_string(),
            n => format!("late papers (supplement {n})"),
        };
        format!("the {} {kind}", audience_words(self.audience))
    }

    /// When, for a file name and a message.
    pub fn when(&self) -> &str {
        &self.agenda.when
    }
}

/// When each pack of a meeting was written, for the meeting page.
pub fn written(vault: &Vault, meeting: MeetingId) -> Result<Vec<String>> {
    Ok(db::packs_list(vault.conn(), meeting)?
        .into_iter()
        .map(|(audience, supplement, at, papers)| {
            let what = match supplement {
                0 => format!("The {} agenda pack", audience_words(audience)),
                n => format!(
                    "The {} late papers, supplement {n}",
                    audience_words(audience)
                ),
            };
            format!(
                "{what}: written {} with {papers} paper{}.",
                long_date_time(at),
                if papers == 1 { "" } else { "s" }
            )
        })
        .collect())
}
