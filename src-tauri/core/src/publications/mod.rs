//! The documents people print and keep: the induction pack, the terms of
//! reference and the quarterly feedback report.
//!
//! The pack and the terms of reference are built from editable wording
//! (per group, with defaults written for this product in [`defaults`]) and
//! live roster and meeting data. The feedback report is built only from the
//! public views of the advice register and the action log, so nothing
//! confidential can reach it.

pub mod defaults;
pub mod feedback;
pub mod pack;
pub mod terms;

use crate::documents::{Block, ListItem, Relayout, TextRun};
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::{texts as db, Vault};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Which document a block of wording belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    InductionPack,
    TermsOfReference,
}

/// One editable block: its key, its heading in the document, its default.
pub struct BlockSpec {
    pub key: &'static str,
    pub title: &'static str,
    pub default: &'static str,
    pub publication: Publication,
    pub hint: &'static str,
}

const fn spec(
    key: &'static str,
    title: &'static str,
    default: &'static str,
    publication: Publication,
    hint: &'static str,
) -> BlockSpec {
    BlockSpec {
        key,
        title,
        default,
        publication,
        hint,
    }
}

use Publication::{InductionPack as Pack, TermsOfReference as Terms};

pub const BLOCKS: &[BlockSpec] = &[
    spec(
        "prologue",
        "About this group",
        defaults::PROLOGUE,
        Pack,
        "The group's own welcome: who you are and what matters here.",
    ),
    spec(
        "what_is_an_iag",
        "What an IAG is",
        defaults::WHAT_IS_AN_IAG,
        Pack,
        "",
    ),
    spec(
        "independent_and_advice",
        "What \u{201c}independent\u{201d} and \u{201c}advice\u{201d} mean",
        defaults::INDEPENDENT_AND_ADVICE,
        Pack,
        "",
    ),
    spec(
        "roles",
        "Roles and main duties",
        defaults::ROLES,
        Pack,
        "Lines starting with \"- \" are bullets.",
    ),
    spec(
        "person_specification",
        "Person specification",
        defaults::PERSON_SPECIFICATION,
        Pack,
        "",
    ),
    spec("nolan", "The Nolan principles", defaults::NOLAN, Pack, ""),
    spec(
        "glossary",
        "Glossary",
        defaults::GLOSSARY,
        Pack,
        "One term a line: \"Term: what it means\".",
    ),
    spec(
        "help_each_other",
        "We can help you with, you can help us with",
        defaults::HELP_EACH_OTHER,
        Pack,
        "",
    ),
    spec(
        "confidentiality",
        "How confidentiality works here",
        defaults::CONFIDENTIALITY,
        Pack,
        "",
    ),
    spec(
        "agreement",
        "Confidentiality agreement",
        defaults::AGREEMENT,
        Pack,
        "The form ends with signature and date lines.",
    ),
    spec("tor_purpose", "Purpose", defaults::TOR_PURPOSE, Terms, ""),
    spec(
        "tor_membership",
        "Membership: joining and leaving",
        defaults::TOR_MEMBERSHIP,
        Terms,
        "",
    ),
    spec(
        "tor_confidentiality",
        "Confidentiality",
        defaults::TOR_CONFIDENTIALITY,
        Terms,
        "",
    ),
    spec(
        "tor_review",
        "Review",
        "",
        Terms,
        "When the terms will next be reviewed; empty means a year from the day they are printed.",
    ),
];

pub fn spec_for(key: &str) -> Option<&'static BlockSpec> {
    BLOCKS.iter().find(|b| b.key == key)
}

/// A block as the editor shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TextBlock {
    pub key: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub body: String,
    /// True when the group has not changed the default wording.
    pub is_default: bool,
}

/// Every block of one publication for a group, edited or default.
pub fn texts(vault: &Vault, group: GroupId, publication: Publication) -> Result<Vec<TextBlock>> {
    let edited = db::edited(vault.conn(), group)?;
    Ok(BLOCKS
        .iter()
        .filter(|b| b.publication == publication)
        .map(|b| TextBlock {
            key: b.key,
            title: b.title,
            hint: b.hint,
            body: edited
                .get(b.key)
                .cloned()
                .unwrap_or_else(|| b.default.to_string()),
            is_default: !edited.contains_key(b.key),
        })
        .collect())
}

/// The wording of one block for a group.
pub(crate) fn text(edited: &std::collections::HashMap<String, String>, key: &str) -> String {
    edited
        .get(key)
        .cloned()
        .or_else(|| spec_for(key).map(|b| b.default.to_string()))
        .unwrap_or_default()
}

const MAX_TEXT: usize = 20_000;

/// Saves a group's wording of one block; the same text as the default, or
/// an empty one (for a block with a default), goes back to the default.
pub fn save_text(
    vault: &mut Vault,
    group: GroupId,
    key: &str,
    body: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let spec = spec_for(key).ok_or_else(|| Error::invalid("key", "there is no such block."))?;
    crate::storage::roster::group_tiers(vault.conn())?
        .iter()
        .find(|(id, _, _)| *id == group)
        .ok_or_else(|| Error::NotFound {
            what: "That group".into(),
        })?;
    let body = body.trim_end();
    if body.chars().count() > MAX_TEXT {
        return Err(Error::rejected(vec![Problem::new(
            key,
            format!("keep it under {MAX_TEXT} characters."),
        )]));
    }
    if key == "glossary" {
        let problems: Vec<Problem> = glossary_problems(body)
            .into_iter()
            .map(|m| Problem::new(key, m))
            .collect();
        if !problems.is_empty() {
            return Err(Error::rejected(problems));
        }
    }
    if body == spec.default.trim_end() || (body.trim().is_empty() && !spec.default.is_empty()) {
        db::reset(vault.conn(), group, key)
    } else {
        db::save(vault.conn(), group, key, body, now)
    }
}

/// The pages exactly as they will print, as SVG, for the preview beside
/// the editor.
pub fn preview(
    vault: &Vault,
    group: GroupId,
    publication: Publication,
    member: Option<crate::ids::PersonId>,
    large_print: bool,
    today: chrono::NaiveDate,
) -> Result<Vec<String>> {
    preview_in(
        vault,
        group,
        publication,
        member,
        large_print,
        today,
        &mut Relayout::default(),
    )
}

/// [`preview`], laid out and drawn in `relayout`, which keeps the previous
/// preview's pages: after an edit to one block only the pages from that
/// block on are laid out and drawn again. The pages are the same as from
/// an empty one.
pub fn preview_in(
    vault: &Vault,
    group: GroupId,
    publication: Publication,
    member: Option<crate::ids::PersonId>,
    large_print: bool,
    today: chrono::NaiveDate,
    relayout: &mut Relayout,
) -> Result<Vec<String>> {
    match publication {
        Publication::InductionPack => {
            let view = pack::build(vault, group, member, today)?;
            pack::document_in(&view, large_print, relayout)?;
        }
        Publication::TermsOfReference => {
            relayout.layout(&terms::document(vault, group, today)?)?;
        }
    }
    Ok(relayout.svg_pages())
}

/// The glossary as (term, meaning), sorted by term.
pub fn glossary_entries(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = body
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(t, m)| (t.trim().to_string(), m.trim().to_string()))
        .filter(|(t, m)| !t.is_empty() && !m.is_empty())
        .collect();
    out.sort_by_key(|(t, _)| t.to_lowercase());
    out
}

fn glossary_problems(body: &str) -> Vec<String> {
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter_map(|(n, l)| match l.split_once(':') {
            Some((t, m)) if !t.trim().is_empty() && !m.trim().is_empty() => None,
            _ => Some(format!(
                "line {}: write \u{201c}Term: what it means\u{201d} (found \u{201c}{}\u{201d}).",
                n + 1,
                l.trim()
            )),
        })
        .collect()
}

/// Wording as document blocks: blank lines separate paragraphs, and lines
/// starting "- " are bullets.
pub(crate) fn prose(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for para in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let mut text = Vec::new();
        let mut bullets = Vec::new();
        let flush_text = |text: &mut Vec<String>, out: &mut Vec<Block>| {
            if !text.is_empty() {
                out.push(Block::Paragraph(vec![TextRun::plain(text.join(" "))]));
                text.clear();
            }
        };
        for line in para.lines().map(str::trim) {
            if let Some(b) = line.strip_prefix("- ") {
                flush_text(&mut text, &mut out);
                bullets.push(ListItem::new("\u{2022}", b));
            } else {
                if !bullets.is_empty() {
                    out.push(Block::NumberedList(std::mem::take(&mut bullets)));
                }
                text.push(line.to_string());
            }
        }
        flush_text(&mut text, &mut out);
        if !bullets.is_empty() {
            out.push(Block::NumberedList(bullets));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_glossary_has_at_least_25_terms_and_the_required_ones() {
        let terms = glossary_entries(defaults::GLOSSARY);
        assert!(terms.len() >= 25, "{} terms", terms.len());
        for t in [
            "Gold group",
            "SPOC",
            "LPA",
            "BCU",
            "JEG",
            "OPFCC",
            "PCC",
            "Critical incident",
            "NPPV",
            "Stop and search",
            "Section 60",
            "Community trigger",
        ] {
            assert!(terms.iter().any(|(x, _)| x == t), "{t} is explained");
        }
        assert!(glossary_problems(defaults::GLOSSARY).is_empty());
    }

    #[test]
    fn a_glossary_line_without_a_meaning_is_named_by_its_line() {
        let p = glossary_problems(
            "SPOC: single point of contact\nGold group\n\nBCU: basic command unit",
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("line 2:"), "{p:?}");
    }

    #[test]
    fn prose_makes_paragraphs_and_bullets() {
        let blocks = prose("One line\nwraps on.\n\nWe can:\n- listen;\n- advise.");
        assert_eq!(blocks.len(), 3);
        assert!(matches!(&blocks[0], Block::Paragraph(r) if r[0].text == "One line wraps on."));
        assert!(matches!(&blocks[2], Block::NumberedList(items) if items.len() == 2));
    }
}
