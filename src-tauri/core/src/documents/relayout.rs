//! A layout that resumes: after an edit, only the pages from the first
//! changed block on are laid out again, and drawing stops as soon as the
//! pages fall as they did before.
//!
//! A [`Relayout`] keeps the last document's blocks, its dressed pages and,
//! at every block boundary, where the composer stood (page, how much of the
//! page was filled, `y`, whether the page had content). The composer's next
//! move depends on nothing else, so for a new version of the document:
//!
//! 1. the blocks common to the start of both versions keep their pages: the
//!    layout resumes at the boundary before the first changed block;
//! 2. once past the changed blocks, at the first boundary where the
//!    composer stands exactly where it stood before the same (unchanged)
//!    blocks, the old rest of that page and every later page are taken as
//!    they were, their block numbers shifted if blocks came or went;
//! 3. pages are then numbered and dressed: a page that kept its number and
//!    the same total keeps its header and footer (and its drawing, for the
//!    preview); when the total changes, every footer says so.
//!
//! Invariant (tested below and in the integration tests): `relayout.layout(doc)`
//! equals `layout(doc)`, page for page, whatever came before.
//! The shell keeps one per vault for the documents preview; everything
//! else lays out from empty through [`layout`](super::layout), the same code.

use super::layout::{lay_block, undress, Composer, Dressing, Furniture};
use super::{preview, Block, Document, Layout, Marking, Page, Part};
use crate::error::Result;

/// The previous version of a document, laid out, ready to be laid out again.
#[derive(Debug, Default)]
pub struct Relayout {
    /// What every page's dressing and every size depend on; a change to
    /// any of it lays the document out from the start.
    settings: Option<Settings>,
    furniture: Option<Furniture>,
    blocks: Vec<Block>,
    /// Where the composer stood before each block, and after the last.
    marks: Vec<Mark>,
    laid: Layout,
    dressing: Vec<Dressing>,
    /// Each page drawn for the preview, until the page changes.
    svgs: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Settings {
    text_scale: u32,
    header_text: String,
    marking: Marking,
    watermark: Option<String>,
}

impl Settings {
    fn of(doc: &Document) -> Self {
        Settings {
            text_scale: doc.text_scale.to_bits(),
            header_text: doc.header_text.clone(),
            marking: doc.marking,
            watermark: doc.watermark.clone(),
        }
    }
}

/// Where the composer stood at a block boundary: the page (counted from
/// the document's first), how many body lines, rules and fills that page
/// held, and the composer's own state.
#[derive(Debug, Clone, Copy)]
struct Mark {
    page: usize,
    lines: usize,
    rules: usize,
    fills: usize,
    y: f32,
    content: bool,
}

impl Mark {
    fn of(composer: &Composer, first_page: usize) -> Self {
        let page = composer
            .pages
            .last()
            .expect("the composer always has a page");
        Mark {
            page: first_page + composer.pages.len() - 1,
            lines: page.lines.len(),
            rules: page.rules.len(),
            fills: page.fills.len(),
            y: composer.y,
            content: composer.content_on_page,
        }
    }

    /// Whether the composer, standing here, lays out what follows exactly
    /// as it did standing at `other`.
    fn same_state(&self, other: &Mark) -> bool {
        self.y.to_bits() == other.y.to_bits() && self.content == other.content
    }
}

impl Relayout {
    /// The last layout (empty before the first).
    pub fn current(&self) -> &Layout {
        &self.laid
    }

    pub fn into_layout(self) -> Layout {
        self.laid
    }

    /// Lays `doc` out, reusing what it can of the previous version. Equal
    /// to [`layout`](super::layout)`(doc)`.
    pub fn layout(&mut self, doc: &Document) -> Result<&Layout> {
        let settings = Settings::of(doc);
        if self.settings.as_ref() != Some(&settings) {
            let furniture = Furniture::new(doc)?;
            *self = Relayout {
                settings: Some(settings),
                furniture: Some(furniture),
                ..Relayout::default()
            };
        }
        match self.lay(doc) {
            Ok(()) => Ok(&self.laid),
            Err(e) => {
                // Half-laid pages must not be taken for the document's.
                *self = Relayout::default();
                Err(e)
            }
        }
    }

    fn lay(&mut self, doc: &Document) -> Result<()> {
        let scale = doc.text_scale.max(0.5);
        let new = &doc.blocks;
        let fresh = self.marks.is_empty();
        let (n, m) = (new.len(), self.blocks.len());
        let prefix = if fresh {
            0
        } else {
            new.iter()
                .zip(&self.blocks)
                .take_while(|(a, b)| a == b)
                .count()
        };
        if !fresh && prefix == n && n == m {
            return Ok(());
        }
        let suffix = if fresh {
            0
        } else {
            new[prefix..]
                .iter()
                .rev()
                .zip(self.blocks[prefix..].iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
        };
        let old_total = self.laid.pages.len();
        let old_marks = std::mem::take(&mut self.marks);

        // Resume at the boundary before the first changed block.
        let (first_page, mut composer, mut tail, mut tail_dressing, mut tail_svgs) = if fresh {
            (0, Composer::new(scale), Vec::new(), Vec::new(), Vec::new())
        } else {
            let at = old_marks[prefix];
            let tail = self.laid.pages.split_off(at.page);
            let tail_dressing = self.dressing.split_off(at.page);
            let tail_svgs = self.svgs.split_off(at.page);
            let mut page = tail[0].clone();
            undress(&mut page, tail_dressing[0]);
            page.lines.truncate(at.lines);
            page.rules.truncate(at.rules);
            page.fills.truncate(at.fills);
            // An inset can only be set on a page without content, and
            // makes it have content.
            if !at.content {
                page.inset = None;
            }
            let composer = Composer::resume(scale, page, at.y, at.content);
            (at.page, composer, tail, tail_dressing, tail_svgs)
        };
        let mut marks: Vec<Mark> = old_marks.iter().take(prefix).copied().collect();
        marks.reserve(n + 1 - prefix);

        // Lay out until the composer stands where it stood before the same
        // blocks, or to the end.
        let mut resumed_old = None;
        for k in prefix..=n {
            let here = Mark::of(&composer, first_page);
            if !fresh && k >= n - suffix {
                let old_k = k + m - n;
                if here.same_state(&old_marks[old_k]) {
                    resumed_old = Some((here, old_k));
                    break;
                }
            }
            marks.push(here);
            if let Some(block) = new.get(k) {
                lay_block(&mut composer, k, block)?;
            }
        }

        // The old pages that are still right, and how their block numbers move.
        let shift = n as isize - m as isize;
        let mut carried: Vec<(Page, Dressing, Option<String>)> = Vec::new();
        if let Some((here, old_k)) = resumed_old {
            let at = old_marks[old_k];
            let q = at.page - first_page;
            let mut old_page = tail[q].clone();
            undress(&mut old_page, tail_dressing[q]);
            let page = composer.pages.last_mut().expect("a page");
            page.lines
                .extend(old_page.lines.drain(at.lines..).map(|mut l| {
                    l.part = shifted(l.part, shift);
                    l
                }));
            page.rules.extend_from_slice(&old_page.rules[at.rules..]);
            page.fills.extend_from_slice(&old_page.fills[at.fills..]);
            if !at.content {
                page.inset = old_page.inset;
            }
            let page_shift = here.page as isize - at.page as isize;
            marks.extend(old_marks[old_k..].iter().map(|old| {
                let mut mark = *old;
                if old.page == at.page {
                    mark.lines = old.lines - at.lines + here.lines;
                    mark.rules = old.rules - at.rules + here.rules;
                    mark.fills = old.fills - at.fills + here.fills;
                }
                mark.page = (old.page as isize + page_shift) as usize;
                mark
            }));
            let rest = q + 1;
            carried = tail
                .drain(rest..)
                .zip(tail_dressing.drain(rest..))
                .zip(tail_svgs.drain(rest..))
                .map(|((mut page, dressing), svg)| {
                    if shift != 0 {
                        for line in &mut page.lines {
                            line.part = shifted(line.part, shift);
                        }
                    }
                    (page, dressing, svg)
                })
                .collect();
        }
        drop((tail, tail_dressing, tail_svgs));

        // Number and dress the pages.
        let furniture = self.furniture.as_ref().expect("set with the settings");
        let total = first_page + composer.pages.len() + carried.len();
        if total != old_total {
            for ((page, dressing), svg) in self
                .laid
                .pages
                .iter_mut()
                .zip(&mut self.dressing)
                .zip(&mut self.svgs)
            {
                // Pages before the first change keep their numbers.
                let number = page.number;
                undress(page, *dressing);
                *dressing = furniture.dress(page, number, total)?;
                *svg = None;
            }
        }
        for mut page in composer.pages {
            let number = self.laid.pages.len() + 1;
            self.dressing
                .push(furniture.dress(&mut page, number, total)?);
            self.laid.pages.push(page);
            self.svgs.push(None);
        }
        for (mut page, mut dressing, mut svg) in carried {
            let number = self.laid.pages.len() + 1;
            if number != page.number || total != old_total {
                undress(&mut page, dressing);
                dressing = furniture.dress(&mut page, number, total)?;
                svg = None;
            }
            self.laid.pages.push(page);
            self.dressing.push(dressing);
            self.svgs.push(svg);
        }
        self.marks = marks;
        self.blocks.clone_from(new);
        Ok(())
    }

    /// Every page of the last layout as SVG, drawing again only the pages
    /// that changed since the last call.
    pub fn svg_pages(&mut self) -> Vec<String> {
        self.svgs.resize(self.laid.pages.len(), None);
        self.laid
            .pages
            .iter()
            .zip(&mut self.svgs)
            .map(|(page, svg)| svg.get_or_insert_with(|| preview::page_svg(page)).clone())
            .collect()
    }
}

/// A part of block `b` that is now block `b + shift`.
fn shifted(part: Part, shift: isize) -> Part {
    let by = |block: usize| (block as isize + shift) as usize;
    match part {
        Part::Artifact => Part::Artifact,
        Part::Text { block } => Part::Text { block: by(block) },
        Part::ListItem { block, item, sub } => Part::ListItem {
            block: by(block),
            item,
            sub,
        },
        Part::TableCell { block, row, column } => Part::TableCell {
            block: by(block),
            row,
            column,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{layout, ListItem, Table};

    fn words(n: usize, seed: usize) -> String {
        let pool = [
            "residents",
            "فاطمة الزهراء حسن",
            "asked",
            "the",
            "inspector",
            "প্রিয়া",
            "陈美玲",
            "about",
            "stop and search",
            "figures",
        ];
        (0..n)
            .map(|i| pool[(i * 7 + seed) % pool.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Forty blocks over several pages: headings, paragraphs, lists, a
    /// table that runs over a page, page breaks and spacers.
    fn document() -> Document {
        let mut doc = Document::new("Minutes", "Marlow Fen Local IAG");
        doc.header_text = "Marlow Fen Local IAG".into();
        for i in 0..40 {
            doc.blocks.push(match i % 8 {
                0 => Block::heading(1 + (i % 3) as u8, format!("Item {i}")),
                1 | 2 => Block::paragraph(words(30 + i * 3, i)),
                3 => Block::NumberedList(vec![
                    ListItem::new("1", words(20, i)),
                    ListItem::new("2", words(12, i + 1))
                        .with_children(vec![ListItem::new("2.1", words(9, i))]),
                ]),
                4 => Block::Table(Table {
                    header: vec!["Who".into(), "What".into()],
                    rows: (0..6 + i)
                        .map(|r| vec![format!("Row {r}"), words(6, r)])
                        .collect(),
                    column_widths: vec![1.0, 3.0],
                }),
                5 => Block::Spacer(8.0),
                6 if i == 22 => Block::PageBreak,
                _ => Block::paragraph(words(15, i)),
            });
        }
        doc
    }

    /// Lays `before` out, then `after` in the same relayout, and checks the
    /// pages (and their drawings) against a fresh layout of `after`.
    fn check(before: &Document, after: &Document, what: &str) {
        let mut relayout = Relayout::default();
        relayout.layout(before).unwrap();
        relayout.svg_pages();
        let fresh = layout(after).unwrap();
        let resumed = relayout.layout(after).unwrap().clone();
        assert_eq!(
            resumed.pages.len(),
            fresh.pages.len(),
            "{what}: as many pages as a fresh layout"
        );
        for (a, b) in resumed.pages.iter().zip(&fresh.pages) {
            assert_eq!(a, b, "{what}: page {} as a fresh layout lays it", b.number);
        }
        let svgs: Vec<String> = fresh.pages.iter().map(preview::page_svg).collect();
        assert!(
            relayout.svg_pages() == svgs,
            "{what}: every page drawn as from a fresh layout"
        );
    }

    #[test]
    fn an_edit_anywhere_gives_the_pages_of_a_fresh_layout() {
        let before = document();
        assert!(layout(&before).unwrap().pages.len() >= 5, "several pages");
        for at in [0, 1, 9, 12, 20, 21, 28, 36, 39] {
            // A word more.
            let mut after = before.clone();
            after.blocks[at] = match &after.blocks[at] {
                Block::Paragraph(runs) => Block::paragraph(format!("{} again", runs[0].text)),
                Block::Heading { level, text } => Block::heading(*level, format!("{text} again")),
                _ => Block::paragraph(words(40, at)),
            };
            check(&before, &after, &format!("block {at} edited"));
            // Lines more, which moves the pages after it.
            let mut after = before.clone();
            after.blocks[at] = Block::paragraph(words(200, at));
            check(&before, &after, &format!("block {at} lengthened"));
            // A block fewer, and two more.
            let mut after = before.clone();
            after.blocks.remove(at);
            check(&before, &after, &format!("block {at} removed"));
            let mut after = before.clone();
            after.blocks.insert(at, Block::paragraph(words(25, at)));
            after.blocks.insert(at, Block::heading(2, "Inserted"));
            check(&before, &after, &format!("blocks inserted at {at}"));
        }
    }

    #[test]
    fn changes_in_two_places_and_to_the_furniture_are_laid_out_again() {
        let before = document();
        let mut after = before.clone();
        after.blocks[3] = Block::paragraph(words(90, 3));
        after.blocks[33] = Block::PageBreak;
        check(&before, &after, "two blocks far apart");
        let mut after = before.clone();
        after.header_text = "Another group".into();
        after.watermark = Some("DRAFT".into());
        check(&before, &after, "a new header and a watermark");
        let mut after = before.clone();
        after.text_scale = 1.6;
        check(&before, &after, "large print");
        check(&before, &Document::new("Empty", ""), "every block removed");
        check(&Document::new("Empty", ""), &before, "from nothing");
        check(&before, &before, "nothing changed");
    }

    #[test]
    fn a_run_of_edits_stays_the_same_as_a_fresh_layout() {
        let mut relayout = Relayout::default();
        let mut doc = document();
        for step in 0..12 {
            let at = (step * 13) % doc.blocks.len();
            match step % 3 {
                0 => doc.blocks[at] = Block::paragraph(words(10 + step * 20, step)),
                1 => doc.blocks.insert(at, Block::Inset(step)),
                _ => {
                    doc.blocks.remove(at);
                }
            }
            let resumed = relayout.layout(&doc).unwrap().clone();
            assert_eq!(
                resumed,
                layout(&doc).unwrap(),
                "edit {step} at block {at}: the same pages as a fresh layout"
            );
        }
    }

    #[test]
    fn an_edit_lays_out_only_from_its_page_and_keeps_the_other_drawings() {
        let before = document();
        let mut relayout = Relayout::default();
        relayout.layout(&before).unwrap();
        relayout.svg_pages();
        let pages = relayout.current().pages.len();
        let last = before.blocks.len() - 1;
        let mut after = before.clone();
        after.blocks[last] = Block::paragraph("A last word.");
        relayout.layout(&after).unwrap();
        let redrawn = relayout.svgs.iter().filter(|s| s.is_none()).count();
        assert_eq!(relayout.current().pages.len(), pages);
        assert_eq!(redrawn, 1, "only the last page is drawn again");
        // A heading still one line long: the rest falls as before.
        let mut again = after.clone();
        again.blocks[8] = Block::heading(3, "Item 8, renamed");
        relayout.svg_pages();
        relayout.layout(&again).unwrap();
        let redrawn = relayout.svgs.iter().filter(|s| s.is_none()).count();
        assert_eq!(
            redrawn, 1,
            "an edit that keeps the line breaks redraws its own page, not all {pages}"
        );
    }
}
