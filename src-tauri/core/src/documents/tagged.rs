//! Tagged PDF: the logical structure a screen reader, a reflowing viewer or
//! a PDF/UA checker reads, written beside the drawing.
//!
//! The structure is the document's, not the page's: a `/Document` element
//! holding, in reading order, `/H1`–`/H3` for headings, `/P` for
//! paragraphs, `/L` → `/LI` → `/Lbl` + `/LBody` for numbered lists (a
//! sub-list inside its item's `/LBody`), and `/Table` → `/TR` → `/TH`
//! (column scope) or `/TD` for tables. It is built from
//! [`Document::blocks`], so a table keeps a cell for every column even where
//! one is empty (a screen reader counts columns to say which header a cell
//! is under), and each line's [`Part`] says which element its text belongs
//! to.
//!
//! How content is tied to the structure, and why:
//!
//! - Each run of text drawn is one marked-content sequence,
//!   `/Span << /MCID n /ActualText … >> BDC … EMC`, and its element lists
//!   the MCIDs of all its runs, on whichever pages they fall: a paragraph
//!   wrapped over lines, or a cell continued overleaf, is one element.
//!   MCIDs count from 0 on each page.
//! - Not one sequence per line or per element with the runs' spans nested
//!   inside: poppler's structure reader (`pdfinfo -struct-text`) ends an
//!   MCID's sequence at the first `EMC` within it, so everything after an
//!   element's first run was lost; and `/ActualText` must stay on each run
//!   (see `GlyphRun::actual_text`), in a `/Span`, the only tag poppler
//!   reads it from.
//! - Everything that is not content is an `/Artifact`, so assistive
//!   technology skips it: the running header and footer, the marking,
//!   "Page n of N", the watermark, table borders and shading, and a
//!   table's header row where it is repeated on a later page (read once,
//!   where the table starts, as PDF/UA advises).
//! - Every page has `/StructParents` = its index, and the `/ParentTree`
//!   maps that index to an array whose n-th entry is the element owning
//!   MCID n on that page: the way back from content to structure.
//!
//! Invariants (tested below): every MCID in every page's content is
//! claimed by exactly one element, and the parent tree agrees; no content
//! line is an artifact and no artifact is in the tree; the element
//! sequence follows the document's blocks.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::content::ContentStream;
use super::layout::{
    flatten, heading_level, table_columns, GlyphRun, Layout, Line, LineRole, Part,
};
use super::{Block, Document};
use crate::error::{Error, Result};

/// The standard structure types used (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::H1 => "H1",
            Kind::H2 => "H2",
            Kind::H3 => "H3",
            Kind::P => "P",
            Kind::L => "L",
            Kind::LI => "LI",
            Kind::Lbl => "Lbl",
            Kind::LBody => "LBody",
            Kind::Table => "Table",
            Kind::TR => "TR",
            Kind::TH => "TH",
            Kind::TD => "TD",
        }
    }

    /// Kept even when empty: a row, or a cell, missing from a table would
    /// shift every later cell under the wrong header.
    fn kept_empty(self) -> bool {
        matches!(self, Kind::TR | Kind::TH | Kind::TD)
    }
}

/// One structure element. Its own content comes before its child
/// elements: an item's text, then its sub-list.
struct Element {
    kind: Kind,
    parent: Option<usize>,
    /// (page index, MCID) in reading order.
    content: Vec<(usize, i64)>,
    children: Vec<usize>,
}

/// What is not content, by the kind of artifact it is (ISO 32000-1,
/// 14.8.2.2, table 330).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Furniture {
    Header,
    Footer,
    Watermark,
    /// A table's header row repeated at the top of a later page.
    RepeatedHeader,
    /// Rules and shading: table borders, the header and footer rules.
    Borders,
}

impl Furniture {
    /// Writes the operator that opens its artifact sequence (`EMC` closes
    /// it).
    pub(super) fn begin(self, c: &mut ContentStream) {
        let (kind, subtype) = match self {
            Furniture::Header => ("Pagination", Some("Header")),
            Furniture::Footer => ("Pagination", Some("Footer")),
            Furniture::Watermark => ("Pagination", Some("Watermark")),
            Furniture::RepeatedHeader => ("Pagination", None),
            Furniture::Borders => ("Layout", None),
        };
        c.name(b"Artifact")
            .raw(b"<< ")
            .name(b"Type")
            .name(kind.as_bytes());
        if let Some(subtype) = subtype {
            c.name(b"Subtype").name(subtype.as_bytes());
        }
        c.raw(b">> ").op("BDC");
    }
}

/// How a line is marked in the content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// Inside an artifact sequence (consecutive lines of one kind share one).
    Artifact(Furniture),
    /// Content: the line's [`drawn`] runs carry MCIDs `first_mcid`,
    /// `first_mcid + 1`, … in order.
    Content { first_mcid: i64 },
}

/// Whether a run puts anything on the page (and so takes an MCID).
pub(super) fn drawn(run: &GlyphRun) -> bool {
    !run.glyphs.is_empty()
}

/// Which element a line's text belongs to: its part, and whether it is a
/// list item's label rather than its text.
type LeafKey = (Part, bool);

/// The structure of one document and how each line of its layout is
/// marked.
pub(super) struct Tagging {
    /// Index 0 is the `/Document` element; parents come before children.
    elements: Vec<Element>,
    /// Per page, per line.
    marks: Vec<Vec<Mark>>,
    /// Per page, per MCID: the element that owns it.
    owners: Vec<Vec<usize>>,
}

impl Tagging {
    /// `laid` must be the layout of `doc`.
    pub(super) fn new(doc: &Document, laid: &Layout) -> Tagging {
        let (mut elements, leaves) = skeleton(doc);
        let mut marks = Vec::with_capacity(laid.pages.len());
        let mut owners = Vec::with_capacity(laid.pages.len());
        for (p, page) in laid.pages.iter().enumerate() {
            let mut page_marks = Vec::with_capacity(page.lines.len());
            let mut page_owners: Vec<usize> = Vec::new();
            for line in &page.lines {
                let owner = leaf_key(line).and_then(|key| leaves.get(&key).copied());
                // A line the structure does not know would mean the layout
                // is not of this document; better hidden than misfiled.
                debug_assert!(
                    owner.is_some() || line.part == Part::Artifact,
                    "no element for {:?}",
                    line.part
                );
                let mark = match owner {
                    Some(e) => {
                        let first_mcid = page_owners.len() as i64;
                        for _ in line.runs.iter().filter(|r| drawn(r)) {
                            let mcid = page_owners.len() as i64;
                            page_owners.push(e);
                            elements[e].content.push((p, mcid));
                        }
                        Mark::Content { first_mcid }
                    }
                    None => Mark::Artifact(furniture(line)),
                };
                page_marks.push(mark);
            }
            marks.push(page_marks);
            owners.push(page_owners);
        }
        Tagging {
            elements,
            marks,
            owners,
        }
    }

    /// How each line of page `index` (0-based) is marked.
    pub(super) fn marks(&self, index: usize) -> &[Mark] {
        self.marks.get(index).map_or(&[], Vec::as_slice)
    }

    /// Adds the structure tree, the parent tree and each page's
    /// `/StructParents` to `lo`, and marks the catalog as tagged.
    pub(super) fn write(&self, lo: &mut lopdf::Document) -> Result<()> {
        let internal = |e: lopdf::Error| Error::Internal(format!("PDF structure: {e}"));
        let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
        if pages.len() != self.marks.len() {
            return Err(Error::Internal(format!(
                "PDF structure: {} pages written for {} laid out",
                pages.len(),
                self.marks.len()
            )));
        }

        // An element with nothing in it is left out, except the rows and
        // cells of a table that has content.
        let mut has_content: Vec<bool> = self
            .elements
            .iter()
            .map(|e| !e.content.is_empty())
            .collect();
        for i in (1..self.elements.len()).rev() {
            if let (true, Some(parent)) = (has_content[i], self.elements[i].parent) {
                has_content[parent] = true;
            }
        }
        let mut ids: Vec<Option<ObjectId>> = vec![None; self.elements.len()];
        let mut queue = vec![0];
        while let Some(e) = queue.pop() {
            ids[e] = Some(lo.new_object_id());
            queue.extend(
                self.elements[e]
                    .children
                    .iter()
                    .copied()
                    .filter(|&c| has_content[c] || self.elements[c].kind.kept_empty()),
            );
        }
        let root_id = lo.new_object_id();

        for (e, element) in self.elements.iter().enumerate() {
            let Some(id) = ids[e] else { continue };
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"StructElem".to_vec()));
            dict.set("S", Object::Name(element.kind.name().as_bytes().to_vec()));
            dict.set(
                "P",
                Object::Reference(element.parent.and_then(|p| ids[p]).unwrap_or(root_id)),
            );
            let home = element.content.first().map(|&(page, _)| page);
            if let Some(page) = home {
                dict.set("Pg", Object::Reference(pages[page]));
            }
            // Content on the element's own page is a bare MCID; content
            // overleaf names its page.
            let mut kids: Vec<Object> = element
                .content
                .iter()
                .map(|&(page, mcid)| {
                    if Some(page) == home {
                        Object::Integer(mcid)
                    } else {
                        let mut mcr = Dictionary::new();
                        mcr.set("Type", Object::Name(b"MCR".to_vec()));
                        mcr.set("Pg", Object::Reference(pages[page]));
                        mcr.set("MCID", Object::Integer(mcid));
                        Object::Dictionary(mcr)
                    }
                })
                .collect();
            kids.extend(
                element
                    .children
                    .iter()
                    .filter_map(|&c| ids[c])
                    .map(Object::Reference),
            );
            if !kids.is_empty() {
                dict.set("K", Object::Array(kids));
            }
            if element.kind == Kind::TH {
                let mut attributes = Dictionary::new();
                attributes.set("O", Object::Name(b"Table".to_vec()));
                attributes.set("Scope", Object::Name(b"Column".to_vec()));
                dict.set("A", Object::Dictionary(attributes));
            }
            lo.set_object(id, dict);
        }

        let mut nums = Vec::with_capacity(2 * pages.len());
        for (p, owners) in self.owners.iter().enumerate() {
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(
                owners
                    .iter()
                    .filter_map(|&e| ids[e])
                    .map(Object::Reference)
                    .collect(),
            ));
        }
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", Object::Array(nums));
        let parent_tree_id = lo.add_object(parent_tree);

        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        if let Some(document) = ids[0] {
            root.set("K", Object::Reference(document));
        }
        root.set("ParentTree", Object::Reference(parent_tree_id));
        root.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
        lo.set_object(root_id, root);

        for (p, &page_id) in pages.iter().enumerate() {
            let page = lo.get_dictionary_mut(page_id).map_err(internal)?;
            page.set("StructParents", Object::Integer(p as i64));
            // Tab order follows the structure (PDF/UA asks for it on every
            // page, whether or not it has annotations).
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
        let catalog = lo.catalog_mut().map_err(internal)?;
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(mark_info));
        Ok(())
    }
}

fn leaf_key(line: &Line) -> Option<LeafKey> {
    match line.part {
        Part::Artifact => None,
        part @ Part::ListItem { .. } => Some((part, line.role == LineRole::ListLabel)),
        part => Some((part, false)),
    }
}

fn furniture(line: &Line) -> Furniture {
    match line.role {
        LineRole::Header => Furniture::Header,
        LineRole::Footer => Furniture::Footer,
        _ => Furniture::RepeatedHeader,
    }
}

/// The elements of `doc` in reading order, and the element each kind of
/// line fills.
fn skeleton(doc: &Document) -> (Vec<Element>, HashMap<LeafKey, usize>) {
    let mut elements = vec![Element {
        kind: Kind::Document,
        parent: None,
        content: Vec::new(),
        children: Vec::new(),
    }];
    let mut add = |parent: usize, kind: Kind| -> usize {
        let index = elements.len();
        elements.push(Element {
            kind,
            parent: Some(parent),
            content: Vec::new(),
            children: Vec::new(),
        });
        elements[parent].children.push(index);
        index
    };
    let mut leaves = HashMap::new();
    for (block, b) in doc.blocks.iter().enumerate() {
        match b {
            Block::Heading { level, .. } => {
                let kind = match heading_level(*level) {
                    1 => Kind::H1,
                    2 => Kind::H2,
                    _ => Kind::H3,
                };
                leaves.insert((Part::Text { block }, false), add(0, kind));
            }
            Block::Paragraph(_) => {
                leaves.insert((Part::Text { block }, false), add(0, Kind::P));
            }
            Block::NumberedList(items) => {
                let list = add(0, Kind::L);
                for (i, item) in items.iter().enumerate() {
                    let part = |sub| Part::ListItem {
                        block,
                        item: i,
                        sub,
                    };
                    let li = add(list, Kind::LI);
                    leaves.insert((part(None), true), add(li, Kind::Lbl));
                    let body = add(li, Kind::LBody);
                    leaves.insert((part(None), false), body);
                    let subs = flatten(&item.children);
                    if subs.is_empty() {
                        continue;
                    }
                    let sub_list = add(body, Kind::L);
                    for s in 0..subs.len() {
                        let li = add(sub_list, Kind::LI);
                        leaves.insert((part(Some(s)), true), add(li, Kind::Lbl));
                        leaves.insert((part(Some(s)), false), add(li, Kind::LBody));
                    }
                }
            }
            Block::Table(table) => {
                let columns = table_columns(table);
                if columns == 0 {
                    continue;
                }
                let element = add(0, Kind::Table);
                let header = (!table.header.is_empty()).then_some(None);
                for row in header.into_iter().chain((0..table.rows.len()).map(Some)) {
                    let tr = add(element, Kind::TR);
                    let kind = if row.is_none() { Kind::TH } else { Kind::TD };
                    for column in 0..columns {
                        let part = Part::TableCell { block, row, column };
                        leaves.insert((part, false), add(tr, kind));
                    }
                }
            }
            Block::Spacer(_) | Block::PageBreak | Block::Inset(_) => {}
        }
    }
    (elements, leaves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{layout, render_pdf, ListItem, Marking, Table};
    use std::collections::HashSet;

    const ARABIC: &str = "فاطمة الزهراء حسن ستتواصل مع منتدى الشباب";
    const ROWS: usize = 40;

    fn words(n: usize) -> String {
        let words = [
            "the", "group", "reviewed", "stop", "and", "search", "figures", "for", "Zofia",
            "Wójcik", "ward",
        ];
        (0..n)
            .map(|i| words[i % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// H1, a wrapped paragraph, a list with a sub-item, a table over two
    /// pages, a paragraph over two pages and an Arabic paragraph.
    fn sample() -> Document {
        let mut d = Document::new("Minutes", "Marlow Fen Local IAG");
        d.header_text = "Marlow Fen Local IAG".into();
        d.marking = Marking::OfficialSensitive;
        d.watermark = Some("DRAFT".into());
        d.blocks = vec![
            Block::heading(1, "Minutes of the meeting"),
            Block::paragraph(words(60)),
            Block::NumberedList(vec![
                ListItem::new("1", "Zofia Wójcik to circulate the figures."),
                ListItem::new("2", "The chair to write to the commander.")
                    .with_children(vec![ListItem::new("2.1", "Book the room.")]),
            ]),
            Block::Table(Table {
                header: vec!["Name".into(), "Role".into()],
                rows: (1..=ROWS)
                    .map(|i| vec![format!("Member {i}"), "member".into()])
                    .collect(),
                column_widths: vec![2.0, 1.0],
            }),
            Block::paragraph(words(500)),
            Block::paragraph(ARABIC),
        ];
        d
    }

    /// A structure element read back from the PDF.
    #[derive(Debug)]
    struct Node {
        id: ObjectId,
        kind: String,
        /// (page index, MCID)
        content: Vec<(usize, i64)>,
        children: Vec<Node>,
        attributes: Option<Dictionary>,
    }

    impl Node {
        /// `Document(H1 P L(LI(Lbl LBody)))`: types only, in tree order.
        fn outline(&self) -> String {
            if self.children.is_empty() {
                return self.kind.clone();
            }
            let children: Vec<String> = self.children.iter().map(Node::outline).collect();
            format!("{}({})", self.kind, children.join(" "))
        }

        fn all(&self) -> Vec<&Node> {
            let mut out = vec![self];
            for c in &self.children {
                out.extend(c.all());
            }
            out
        }

        /// The `/ActualText` of the sequences the element itself owns (not
        /// its descendants'), in order.
        fn text(&self, pages: &[Scan]) -> String {
            self.content
                .iter()
                .map(|&(p, mcid)| pages[p].text.get(&mcid).cloned().unwrap_or_default())
                .collect()
        }
    }

    struct Pdf {
        lo: lopdf::Document,
        pages: Vec<ObjectId>,
    }

    impl Pdf {
        fn of(doc: &Document) -> Pdf {
            let lo = lopdf::Document::load_mem(&render_pdf(doc).unwrap()).unwrap();
            let pages = lo.get_pages().into_values().collect();
            Pdf { lo, pages }
        }

        fn dict(&self, object: &Object) -> (ObjectId, &Dictionary) {
            let id = object.as_reference().expect("an indirect object");
            (id, self.lo.get_dictionary(id).unwrap())
        }

        fn page_index(&self, object: &Object) -> usize {
            let id = object.as_reference().unwrap();
            self.pages.iter().position(|&p| p == id).expect("a page")
        }

        fn struct_tree_root(&self) -> &Dictionary {
            let (_, root) = self.dict(self.lo.catalog().unwrap().get(b"StructTreeRoot").unwrap());
            root
        }

        fn tree(&self) -> Node {
            let root = self.struct_tree_root();
            self.node(root.get(b"K").unwrap(), None)
        }

        fn node(&self, object: &Object, parent: Option<ObjectId>) -> Node {
            let (id, dict) = self.dict(object);
            assert_eq!(dict.get(b"Type").unwrap().as_name().unwrap(), b"StructElem");
            if let Some(parent) = parent {
                assert_eq!(
                    dict.get(b"P").unwrap().as_reference().unwrap(),
                    parent,
                    "an element's /P must be the element that lists it"
                );
            }
            let kind = String::from_utf8(dict.get(b"S").unwrap().as_name().unwrap().to_vec());
            let home = dict.get(b"Pg").ok().map(|pg| self.page_index(pg));
            let mut node = Node {
                id,
                kind: kind.unwrap(),
                content: Vec::new(),
                children: Vec::new(),
                attributes: dict.get(b"A").ok().map(|a| a.as_dict().unwrap().clone()),
            };
            let kids = dict.get(b"K").map_or(&[][..], |k| k.as_array().unwrap());
            for kid in kids {
                match kid {
                    Object::Integer(mcid) => {
                        let page = home.expect("a bare MCID needs the element's /Pg");
                        node.content.push((page, *mcid));
                    }
                    Object::Dictionary(mcr) => {
                        assert_eq!(mcr.get(b"Type").unwrap().as_name().unwrap(), b"MCR");
                        let page = self.page_index(mcr.get(b"Pg").unwrap());
                        let mcid = mcr.get(b"MCID").unwrap().as_i64().unwrap();
                        node.content.push((page, mcid));
                    }
                    Object::Reference(_) => node.children.push(self.node(kid, Some(id))),
                    other => panic!("unexpected kid {other:?}"),
                }
            }
            node
        }

        fn scans(&self) -> Vec<Scan> {
            self.pages.iter().map(|&p| Scan::of(&self.lo, p)).collect()
        }
    }

    /// One page's content stream, by marked-content sequence.
    #[derive(Debug, Default)]
    struct Scan {
        /// MCIDs in the order they open.
        mcids: Vec<i64>,
        /// Each MCID's `/ActualText`, runs joined.
        text: HashMap<i64, String>,
        /// The `/ActualText` of runs inside artifacts, joined.
        artifact_text: String,
        /// `/Subtype` of each artifact, or its `/Type` when it has none.
        artifact_kinds: HashSet<String>,
        /// Text shown or paths painted outside any artifact or MCID.
        unmarked: usize,
    }

    #[derive(Debug)]
    enum Sequence {
        Mcid(i64),
        Artifact,
        Other,
    }

    impl Scan {
        fn of(lo: &lopdf::Document, page: ObjectId) -> Scan {
            let content = lo.get_and_decode_page_content(page).unwrap();
            let mut scan = Scan::default();
            let mut stack: Vec<Sequence> = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" | "BMC" => {
                        // poppler's structure reader ends an MCID's sequence
                        // at the first EMC inside it: nothing may nest there.
                        assert!(
                            !stack.iter().any(|s| matches!(s, Sequence::Mcid(_))),
                            "no marked content inside an MCID's sequence"
                        );
                        let tag = op.operands[0].as_name().unwrap();
                        let props = op.operands.get(1).and_then(|p| p.as_dict().ok());
                        let mcid = props.and_then(|p| p.get(b"MCID").ok());
                        let actual = props.and_then(|p| p.get(b"ActualText").ok());
                        if tag == b"Artifact" {
                            let name = props
                                .and_then(|p| p.get(b"Subtype").or(p.get(b"Type")).ok())
                                .map_or("none".into(), |n| {
                                    String::from_utf8_lossy(n.as_name().unwrap()).into_owned()
                                });
                            scan.artifact_kinds.insert(name);
                            stack.push(Sequence::Artifact);
                        } else if let Some(mcid) = mcid {
                            let mcid = mcid.as_i64().unwrap();
                            scan.mcids.push(mcid);
                            if let Some(actual) = actual {
                                let text = lopdf::decode_text_string(actual).unwrap();
                                scan.text.entry(mcid).or_default().push_str(&text);
                            }
                            stack.push(Sequence::Mcid(mcid));
                        } else {
                            if let Some(actual) = actual {
                                let text = lopdf::decode_text_string(actual).unwrap();
                                match stack.iter().rev().find(|s| !matches!(s, Sequence::Other)) {
                                    Some(Sequence::Mcid(m)) => {
                                        scan.text.entry(*m).or_default().push_str(&text)
                                    }
                                    Some(Sequence::Artifact) => scan.artifact_text.push_str(&text),
                                    _ => {}
                                }
                            }
                            stack.push(Sequence::Other);
                        }
                    }
                    "EMC" => {
                        stack.pop().expect("EMC closes an open sequence");
                    }
                    "Tj" | "TJ" | "'" | "\"" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "S"
                    | "s" => {
                        let marked = stack
                            .iter()
                            .any(|s| matches!(s, Sequence::Mcid(_) | Sequence::Artifact));
                        if !marked {
                            scan.unmarked += 1;
                        }
                    }
                    _ => {}
                }
            }
            assert!(stack.is_empty(), "every sequence is closed on its page");
            scan
        }
    }

    fn without_spaces(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn the_sample_covers_what_the_tests_claim() {
        // The other tests rely on the table and the long paragraph each
        // running over a page break: check the layout does that.
        let laid = layout(&sample()).unwrap();
        let pages_of = |wanted: &dyn Fn(&Part) -> bool| -> HashSet<usize> {
            laid.pages
                .iter()
                .filter(|p| p.lines.iter().any(|l| wanted(&l.part)))
                .map(|p| p.number)
                .collect()
        };
        let table = pages_of(&|p| matches!(p, Part::TableCell { block: 3, .. }));
        assert_eq!(table, HashSet::from([1, 2]), "the table spans two pages");
        let long = pages_of(&|p| *p == Part::Text { block: 4 });
        assert_eq!(long.len(), 2, "the long paragraph spans two pages");
    }

    #[test]
    fn the_catalog_declares_a_tagged_pdf() {
        let pdf = Pdf::of(&sample());
        let catalog = pdf.lo.catalog().unwrap();
        let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
        assert!(
            mark_info.get(b"Marked").unwrap().as_bool().unwrap(),
            "MarkInfo must say the PDF is tagged"
        );
        let prefs = catalog
            .get(b"ViewerPreferences")
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
        let root = pdf.struct_tree_root();
        assert_eq!(
            root.get(b"Type").unwrap().as_name().unwrap(),
            b"StructTreeRoot"
        );
        assert_eq!(
            root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(),
            pdf.pages.len() as i64
        );
        let mut keys = HashSet::new();
        for &page in &pdf.pages {
            let page = pdf.lo.get_dictionary(page).unwrap();
            let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
            assert!(keys.insert(key), "each page needs its own StructParents");
            assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        }
    }

    #[test]
    fn the_structure_follows_the_reading_order() {
        let pdf = Pdf::of(&sample());
        let tree = pdf.tree();
        let rows = vec!["TR(TD TD)"; ROWS].join(" ");
        let expected = format!(
            "Document(H1 P L(LI(Lbl LBody) LI(Lbl LBody(L(LI(Lbl LBody))))) \
             Table(TR(TH TH) {rows}) P P)"
        );
        assert_eq!(tree.outline(), expected, "elements in reading order");

        // And each element holds its own text, whichever page it is on.
        let scans = pdf.scans();
        let texts: Vec<(String, String)> = tree
            .all()
            .into_iter()
            .filter(|n| !n.content.is_empty())
            .map(|n| (n.kind.clone(), without_spaces(&n.text(&scans))))
            .collect();
        let doc = sample();
        let expect = |kind: &str, text: &str| (kind.to_string(), without_spaces(text));
        assert_eq!(texts[0], expect("H1", "Minutes of the meeting"));
        assert_eq!(texts[1], expect("P", &words(60)));
        assert_eq!(texts[2], expect("Lbl", "1"));
        assert_eq!(
            texts[3],
            expect("LBody", "Zofia Wójcik to circulate the figures.")
        );
        assert_eq!(
            texts[5],
            expect("LBody", "The chair to write to the commander.")
        );
        assert_eq!(
            texts[6],
            expect("Lbl", "2.1"),
            "the sub-item follows its parent's text"
        );
        assert_eq!(texts[8], expect("TH", "Name"));
        assert_eq!(texts[9], expect("TH", "Role"));
        assert_eq!(texts[10], expect("TD", "Member 1"));
        let last_row = 10 + 2 * (ROWS - 1);
        assert_eq!(texts[last_row], expect("TD", &format!("Member {ROWS}")));
        assert_eq!(texts[last_row + 2], expect("P", &words(500)));
        // Right-to-left runs hold their text in drawn order (see
        // `GlyphRun::actual_text`): compare the letters, not their order.
        let (kind, arabic) = &texts[last_row + 3];
        assert_eq!(kind, "P");
        let mut got: Vec<char> = arabic.chars().collect();
        let mut want: Vec<char> = without_spaces(ARABIC).chars().collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(
            got, want,
            "the Arabic paragraph is one P with all its letters"
        );
        assert_eq!(texts.len(), last_row + 4, "nothing else in the tree");
        assert_eq!(doc.blocks.len(), 6);
    }

    #[test]
    fn a_paragraph_or_a_table_over_a_page_break_stays_one_element() {
        let pdf = Pdf::of(&sample());
        let tree = pdf.tree();
        let pages = |n: &Node| -> HashSet<usize> {
            n.all()
                .iter()
                .flat_map(|m| m.content.iter().map(|&(p, _)| p))
                .collect()
        };
        let table = tree.children.iter().find(|n| n.kind == "Table").unwrap();
        assert_eq!(
            pages(table),
            HashSet::from([0, 1]),
            "one Table over both pages"
        );
        let header_rows = table
            .children
            .iter()
            .filter(|r| r.children.iter().any(|c| c.kind == "TH"))
            .count();
        assert_eq!(
            header_rows, 1,
            "the repeated header row is not a second TH row"
        );
        let long = &tree.children[4];
        assert_eq!(long.kind, "P");
        assert_eq!(pages(long).len(), 2, "one P over its two pages");
        // The header row repeated on page 2 is drawn, as page furniture.
        let scans = pdf.scans();
        assert!(scans[1].artifact_text.contains("NameRole"));
        assert!(!scans[0].artifact_text.contains("NameRole"));
    }

    #[test]
    fn every_mcid_is_claimed_once_and_the_parent_tree_agrees() {
        let pdf = Pdf::of(&sample());
        let tree = pdf.tree();
        let scans = pdf.scans();
        let mut claims: HashMap<(usize, i64), Vec<ObjectId>> = HashMap::new();
        for node in tree.all() {
            for &c in &node.content {
                claims.entry(c).or_default().push(node.id);
            }
        }
        let parent_tree = pdf
            .dict(pdf.struct_tree_root().get(b"ParentTree").unwrap())
            .1;
        let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
        let mut seen = 0;
        for (p, scan) in scans.iter().enumerate() {
            let expected: Vec<i64> = (0..scan.mcids.len() as i64).collect();
            assert_eq!(
                scan.mcids, expected,
                "page {p}: MCIDs 0, 1, 2… each used once"
            );
            let page = pdf.lo.get_dictionary(pdf.pages[p]).unwrap();
            let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
            let at = nums
                .chunks(2)
                .find(|pair| pair[0].as_i64().unwrap() == key)
                .expect("the parent tree has an entry for every page");
            let owners = at[1].as_array().unwrap();
            assert_eq!(
                owners.len(),
                scan.mcids.len(),
                "page {p}: one owner per MCID"
            );
            for &mcid in &scan.mcids {
                let claimed = claims.get(&(p, mcid)).map_or(&[][..], Vec::as_slice);
                assert_eq!(
                    claimed.len(),
                    1,
                    "page {p} MCID {mcid}: claimed {claimed:?}"
                );
                assert_eq!(
                    owners[mcid as usize].as_reference().unwrap(),
                    claimed[0],
                    "page {p} MCID {mcid}: the parent tree names its element"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, claims.len(), "the tree claims no MCID the pages lack");
        assert!(seen > 40, "the sample has plenty of content");
    }

    #[test]
    fn page_furniture_is_artifact_and_never_in_the_tree() {
        let pdf = Pdf::of(&sample());
        let scans = pdf.scans();
        let total = scans.len();
        for (p, scan) in scans.iter().enumerate() {
            for furniture in [
                "Marlow Fen Local IAG".to_string(),
                "OFFICIAL-SENSITIVE".to_string(),
                format!("Page {} of {total}", p + 1),
            ] {
                assert!(
                    scan.artifact_text.contains(&furniture),
                    "page {}: {furniture:?} must be an artifact",
                    p + 1
                );
                assert!(
                    scan.text.values().all(|t| !t.contains(&furniture)),
                    "page {}: {furniture:?} must not be content",
                    p + 1
                );
            }
            for kind in ["Header", "Footer", "Watermark", "Layout"] {
                assert!(
                    scan.artifact_kinds.contains(kind),
                    "page {}: no {kind} artifact in {:?}",
                    p + 1,
                    scan.artifact_kinds
                );
            }
            assert_eq!(
                scan.unmarked,
                0,
                "page {}: all text and paths are content or artifacts",
                p + 1
            );
        }
    }

    #[test]
    fn header_cells_have_column_scope_and_data_cells_none() {
        let tree = Pdf::of(&sample()).tree();
        let cells: Vec<&Node> = tree
            .all()
            .into_iter()
            .filter(|n| n.kind == "TH" || n.kind == "TD")
            .collect();
        assert_eq!(cells.len(), 2 * (ROWS + 1));
        for cell in cells {
            let scope = cell.attributes.as_ref().map(|a| {
                (
                    a.get(b"O").unwrap().clone(),
                    a.get(b"Scope").unwrap().clone(),
                )
            });
            if cell.kind == "TH" {
                assert_eq!(
                    scope,
                    Some((
                        Object::Name(b"Table".to_vec()),
                        Object::Name(b"Column".to_vec())
                    )),
                    "a header cell heads its column"
                );
            } else {
                assert_eq!(scope, None, "a data cell heads nothing");
            }
        }
    }

    #[test]
    fn an_empty_cell_keeps_its_place_in_the_row() {
        let mut d = Document::new("Register", "Marlow Fen Local IAG");
        d.blocks = vec![Block::Table(Table {
            header: vec!["Name".into(), "".into(), "Role".into()],
            rows: vec![
                vec!["Zofia Wójcik".into(), "".into(), "chair".into()],
                vec![],
            ],
            column_widths: vec![],
        })];
        let tree = Pdf::of(&d).tree();
        assert_eq!(
            tree.outline(),
            "Document(Table(TR(TH TH TH) TR(TD TD TD) TR(TD TD TD)))",
            "a cell without text must not move the next one under the wrong header"
        );
    }

    /// Regression: the first tagged PDFs wrapped each line's runs, each in
    /// its `/ActualText` span, in one MCID sequence; poppler ended the
    /// sequence at the first span's `EMC`, and `pdfinfo -struct-text` lost
    /// every run after an element's first ("Polish: " without the name).
    #[test]
    fn poppler_reads_every_run_of_an_element_from_the_structure_tree() {
        let mut d = Document::new("Present", "Marlow Fen Local IAG");
        d.blocks = vec![
            Block::Paragraph(vec![
                crate::documents::TextRun::bold("Polish: "),
                crate::documents::TextRun::plain("Zofia Wójcik"),
            ]),
            Block::paragraph(words(60)),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("present.pdf");
        std::fs::write(&path, render_pdf(&d).unwrap()).unwrap();
        let out = std::process::Command::new("pdfinfo")
            .arg("-struct-text")
            .arg(&path)
            .output()
            .expect("pdfinfo (poppler-utils) must be installed");
        assert!(out.status.success(), "pdfinfo failed: {out:?}");
        let tree = String::from_utf8(out.stdout).unwrap();
        // Each piece of content is printed quoted, on a line of its own.
        let text: String = tree
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
            .collect();
        let text = without_spaces(&text);
        assert!(
            text.starts_with(&without_spaces("Polish: Zofia Wójcik")),
            "the bold label and the name: {tree}"
        );
        assert!(
            text.ends_with(&without_spaces(&words(60))),
            "every line of the wrapped paragraph: {tree}"
        );
    }

    #[test]
    fn a_document_without_a_body_is_still_tagged() {
        let pdf = Pdf::of(&Document::new("Empty", "Marlow Fen Local IAG"));
        assert_eq!(pdf.tree().outline(), "Document");
        let scans = pdf.scans();
        assert!(scans[0].mcids.is_empty());
        assert!(scans[0].artifact_text.contains("Page 1 of 1"));
    }
}
