//! A person's name in records that outlive them: found in any letter case
//! and any script, and replaced by the role they held at the time ("the
//! chair", "a member").

use crate::vocabulary::{PersonKind, Role};
use chrono::NaiveDate;

/// `text` with every occurrence of `name` (any letter case, any script)
/// replaced by `label`, or `None` when the name is not there. A label that
/// opens a sentence gets a capital.
pub fn replace_name(text: &str, name: &str, label: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let wanted: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let mut found = false;
    let mut i = 0;
    while i < chars.len() {
        let whole_word = |len: usize| {
            let before = i.checked_sub(1).map(|j| chars[j].1);
            let after = chars.get(i + len).map(|c| c.1);
            !before.is_some_and(joins_word) && !after.is_some_and(joins_word)
        };
        if let Some(len) = match_at(&chars[i..], &wanted).filter(|len| whole_word(*len)) {
            let start = chars[i].0;
            let end = chars.get(i + len).map_or(text.len(), |c| c.0);
            out.push_str(&text[copied_to..start]);
            let before = text[..start].trim_end();
            if before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']) {
                out.push_str(&capitalise(label));
            } else {
                out.push_str(label);
            }
            copied_to = end;
            found = true;
            i += len;
        } else {
            i += 1;
        }
    }
    found.then(|| {
        out.push_str(&text[copied_to..]);
        out
    })
}

/// A letter that would make a match part of a longer word ("Ann Lee" in
/// "Ann Leeson"). Only Latin letters count: scripts such as Chinese write
/// names against the next word with no space between.
fn joins_word(c: char) -> bool {
    c.is_alphanumeric() && (c as u32) < 0x0250
}

/// How many characters of `chars` spell `wanted` (lower-cased), if any.
fn match_at(chars: &[(usize, char)], wanted: &[char]) -> Option<usize> {
    let mut w = 0;
    for (n, (_, c)) in chars.iter().enumerate() {
        for lower in c.to_lowercase() {
            if wanted.get(w) != Some(&lower) {
                return None;
            }
            w += 1;
        }
        if w == wanted.len() {
            return Some(n + 1);
        }
    }
    None
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A role as the minutes would put it in a sentence.
fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Chair => "the chair",
        Role::ViceChair => "the vice chair",
        Role::Secretary => "the secretary",
        Role::Member => "a member",
        Role::Nominee => "the nominee to the strategic group",
        Role::PoliceLead => "the police lead",
        Role::PoliceSpoc => "the police single point of contact",
    }
}

/// The roles one person held, to name them by role where their name was.
pub(super) struct Roles {
    pub kind: PersonKind,
    pub held: Vec<(i64, Role, NaiveDate, Option<NaiveDate>)>,
}

impl Roles {
    /// The role held in `group` on `on`; else the last role held in that
    /// group; else the last role held anywhere; else what kind of person.
    pub fn label(&self, group: Option<i64>, on: Option<NaiveDate>) -> &'static str {
        let in_group = |g: &i64| group.is_none_or(|want| *g == want);
        let at_the_time = self.held.iter().rev().find(|(g, _, from, to)| {
            in_group(g) && on.is_some_and(|d| *from <= d && to.is_none_or(|t| d <= t))
        });
        let in_that_group = || self.held.iter().rev().find(|(g, ..)| in_group(g));
        let anywhere = || self.held.last();
        match at_the_time.or_else(in_that_group).or_else(anywhere) {
            Some((_, role, ..)) => role_phrase(*role),
            None => match self.kind {
                PersonKind::Member => "a member",
                PersonKind::Police => "a police contact",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    #[test]
    fn a_name_is_replaced_in_any_case_and_any_script() {
        assert_eq!(
            replace_name(
                "Thanks to Zofia Wójcik and ZOFIA WÓJCIK.",
                "Zofia Wójcik",
                "a member"
            )
            .unwrap(),
            "Thanks to a member and a member."
        );
        assert_eq!(
            replace_name("ہرپریت: فاطمہ الحسینی نے کہا", "فاطمہ الحسینی", "the chair").unwrap(),
            "ہرپریت: The chair نے کہا"
        );
        assert_eq!(
            replace_name("Nobody here", "Zofia Wójcik", "a member"),
            None
        );
        assert_eq!(
            replace_name("Ann Leeson spoke", "Ann Lee", "a member"),
            None
        );
        assert_eq!(
            replace_name("王芳说张伟同意", "张伟", "the chair").unwrap(),
            "王芳说the chair同意"
        );
        assert_eq!(replace_name("anything", "  ", "a member"), None);
    }

    #[test]
    fn a_label_that_opens_a_sentence_gets_a_capital() {
        assert_eq!(
            replace_name(
                "Ahmed Khan reported. Ahmed Khan agreed; thanks, Ahmed Khan",
                "ahmed khan",
                "the chair"
            )
            .unwrap(),
            "The chair reported. The chair agreed; thanks, the chair"
        );
    }

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap().unwrap()
    }

    #[test]
    fn the_role_put_in_a_name_is_the_one_held_at_the_time_in_that_group() {
        let roles = Roles {
            kind: PersonKind::Member,
            held: vec![
                (1, Role::Member, day("2020-01-01"), Some(day("2024-06-30"))),
                (1, Role::Chair, day("2024-07-01"), None),
                (2, Role::Secretary, day("2022-01-01"), None),
            ],
        };
        assert_eq!(roles.label(Some(1), Some(day("2023-03-01"))), "a member");
        assert_eq!(roles.label(Some(1), Some(day("2025-03-01"))), "the chair");
        assert_eq!(
            roles.label(Some(2), Some(day("2023-03-01"))),
            "the secretary"
        );
        // A meeting of a group they never sat in: their latest role.
        assert_eq!(
            roles.label(Some(9), Some(day("2025-03-01"))),
            "the secretary"
        );
        let police = Roles {
            kind: PersonKind::Police,
            held: vec![],
        };
        assert_eq!(police.label(None, None), "a police contact");
    }
}
