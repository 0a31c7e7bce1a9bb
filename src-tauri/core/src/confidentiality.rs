//! The confidentiality model, the heart of the product: the level an item
//! or an entry carries, who a document is for, and how levels combine.
//! Shared by the agenda, the minutes, storage and every output.
//!
//! Invariant: a level can be raised, never lowered; an entry's effective
//! level is the more restrictive of its own and its item's.

use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// How far an item (and later each note within it) may travel.
    Confidentiality {
        Open => ("open", "Open"),
        Confidential => ("confidential", "Confidential"),
        NotRecorded => ("not_recorded", "Not recorded"),
    }
);

/// Who a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Anyone: the public minutes, registers, hand-over files for others.
    Public,
    /// Members of the group: the confidential annex as well.
    Members,
}

impl Audience {
    pub fn code(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => "members",
        }
    }

    pub fn from_code(code: &str) -> Option<Audience> {
        match code {
            "public" => Some(Audience::Public),
            "members" => Some(Audience::Members),
            _ => None,
        }
    }
}

fn rank(level: Confidentiality) -> u8 {
    match level {
        Confidentiality::Open => 0,
        Confidentiality::Confidential => 1,
        Confidentiality::NotRecorded => 2,
    }
}

/// The more restrictive of two levels: an entry's level given its item's.
pub fn effective_level(item: Confidentiality, entry: Confidentiality) -> Confidentiality {
    if rank(entry) >= rank(item) {
        entry
    } else {
        item
    }
}

/// A paper's level given its item's: open only when both are; a paper of a
/// confidential or not-recorded item is confidential (a paper is a file
/// that exists, so it is never "not recorded").
pub fn paper_level(item: Confidentiality, paper: Confidentiality) -> Confidentiality {
    if item == Confidentiality::Open && paper == Confidentiality::Open {
        Confidentiality::Open
    } else {
        Confidentiality::Confidential
    }
}
