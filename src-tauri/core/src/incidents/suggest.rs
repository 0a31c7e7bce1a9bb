//! Whom to call for an incident, and why: members whose skills or
//! community links match the words of the incident, ranked, with current
//! vetting and signed agreements counting in their favour. Members lacking
//! vetting or an agreement are still shown (the chair may know best) but
//! marked, with what is missing.

use crate::error::Result;
use crate::ids::PersonId;
use crate::roster::compliance::VettingState;
use crate::roster::members::{self, MemberQuery};
use crate::storage::{incidents as db, Vault};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// How many members are suggested.
pub const SUGGESTIONS: usize = 15;

/// Words too common to say anything about who should advise.
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "about", "after", "also", "association", "been", "centre", "committee", "community",
    "communities", "from", "group", "have", "into", "local", "network", "over", "people",
    "police", "said", "some", "that", "their", "them", "there", "they", "this", "those",
    "union", "were", "what", "when", "which", "with", "would",
];

fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(w))
        .map(str::to_string)
        .collect()
}

/// True when two words are the same, or one is the other with an ending
/// ("youth"/"youths", "mosque"/"mosques", "search"/"searches").
fn related(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.starts_with(a)) || (b.len() >= 5 && a.starts_with(b))
}

/// The phrases of a comma- or semicolon-separated list that share a word
/// with the incident.
fn matching_phrases(list: &str, incident: &BTreeSet<String>) -> Vec<String> {
    list.split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter(|p| {
            words(p)
                .iter()
                .any(|w| incident.iter().any(|i| related(w, i)))
        })
        .map(str::to_string)
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub person_id: PersonId,
    pub name: String,
    pub score: u32,
    /// Why they are suggested: "Skills: stop and search".
    pub reasons: Vec<String>,
    /// Current vetting and every agreement signed.
    pub ready: bool,
    /// What is missing when not ready.
    pub cautions: Vec<String>,
}

pub fn suggestions(vault: &Vault, id: i64, today: NaiveDate) -> Result<Vec<Suggestion>> {
    let stored = db::get(vault.conn(), id)?;
    let incident_words = words(&format!(
        "{} {} {}",
        stored.incident.title, stored.incident.description, stored.incident.community_impact
    ));
    let mut out: Vec<Suggestion> = members::search(vault, &MemberQuery::default(), today)?
        .into_iter()
        .filter(|p| p.status_label == "Active")
        .map(|p| {
            let skills = matching_phrases(&p.skills, &incident_words);
            let links = matching_phrases(&p.communities, &incident_words);
            let mut reasons = Vec::new();
            if !skills.is_empty() {
                reasons.push(format!("Skills: {}", skills.join(", ")));
            }
            if !links.is_empty() {
                reasons.push(format!("Links with: {}", links.join(", ")));
            }
            let mut cautions = Vec::new();
            let vetting_points = match p.vetting {
                VettingState::Current => {
                    reasons.push("Vetting current".into());
                    2
                }
                VettingState::Expiring => {
                    reasons.push("Vetting current (expiring soon)".into());
                    1
                }
                VettingState::Expired => {
                    cautions.push("Vetting expired".into());
                    0
                }
                VettingState::Missing => {
                    cautions.push("No vetting recorded".into());
                    0
                }
            };
            let unsigned: Vec<String> = p
                .warnings
                .iter()
                .filter(|w| w.ends_with("not signed."))
                .cloned()
                .collect();
            let signed = unsigned.is_empty();
            if signed {
                reasons.push("Agreements signed".into());
            }
            cautions.extend(unsigned);
            Suggestion {
                person_id: p.id,
                name: p.full_name,
                score: 3 * (skills.len() + links.len()) as u32 + vetting_points + signed as u32,
                ready: vetting_points > 0 && signed,
                reasons,
                cautions,
            }
        })
        .collect();
    // Relevance first: a member who knows the subject or the community is
    // listed (marked if not ready) before one who is merely vetted.
    let relevant = |s: &Suggestion| {
        s.reasons
            .iter()
            .any(|r| r.starts_with("Skills:") || r.starts_with("Links with:"))
    };
    out.sort_by(|a, b| {
        relevant(b)
            .cmp(&relevant(a))
            .then(b.score.cmp(&a.score))
            .then_with(|| a.name.cmp(&b.name))
    });
    out.truncate(SUGGESTIONS);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_on_shared_words_with_endings() {
        let incident = words("Stop and search of youths outside the mosque after Friday prayers");
        assert_eq!(
            matching_phrases("youth work, stop and search; accounting", &incident),
            ["youth work", "stop and search"]
        );
        assert_eq!(
            matching_phrases("Mosques and madrassas", &incident),
            ["Mosques and madrassas"]
        );
        assert!(
            matching_phrases("local community groups", &incident).is_empty(),
            "too common"
        );
    }
}
