//! Editing the agenda and the group's template. Changing an agreed agenda
//! clears the agreement, and the caller is told so.

use crate::confidentiality::Confidentiality;
use crate::dates::long_date;
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId};
use crate::meetings::agenda::{self, ItemDraft};
use crate::storage::{meetings as db, Vault};
use serde::Serialize;

/// The agenda a new meeting of `group` starts with: the group's own
/// template, or the standard IAG agenda.
pub fn template_for(vault: &Vault, group: GroupId) -> Result<Vec<ItemDraft>> {
    Ok(db::template(vault.conn(), group)?.unwrap_or_else(agenda::standard_template))
}

pub fn save_template(vault: &mut Vault, group: GroupId, drafts: &[ItemDraft]) -> Result<()> {
    agenda::check_agenda(drafts).map_err(Error::rejected)?;
    // A template is a shape for future meetings, not tied to saved items.
    let drafts: Vec<ItemDraft> = drafts
        .iter()
        .map(|d| ItemDraft {
            id: None,
            ..d.clone()
        })
        .collect();
    db::save_template(vault.conn(), group, &drafts)
}

#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    /// True when the agenda had been agreed and this change cleared that.
    pub agreement_cleared: bool,
    pub message: String,
}

pub(super) fn saved(cleared: bool) -> Saved {
    Saved {
        agreement_cleared: cleared,
        message: if cleared {
            "Saved. The agenda had been agreed; this change clears the agreement, so the chair and the police contact need to agree it again.".into()
        } else {
            "Saved.".into()
        },
    }
}

/// Replaces the agenda with `drafts` (all checked first; nothing saved on
/// any problem).
pub fn save_agenda(vault: &mut Vault, id: MeetingId, drafts: &[ItemDraft]) -> Result<Saved> {
    let items = agenda::check_agenda(drafts).map_err(Error::rejected)?;
    ensure_minutes_open(vault, id)?;
    // Minutes written under an item keep it: nothing acknowledged is lost.
    let written = crate::storage::minutes::items_with_entries(vault.conn(), id)?;
    let mut problems = Vec::new();
    let saved_items = db::items(vault.conn(), id)?;
    for (item, recorded) in &written {
        let title = saved_items
            .iter()
            .find(|(i, _)| i.id == Some(*item))
            .map(|(i, _)| i.title.clone())
            .unwrap_or_default();
        match items.iter().position(|i| i.id == Some(*item)) {
            None => problems.push(Problem::new(
                "items",
                format!(
                    "\u{201c}{title}\u{201d} has minutes written under it, so it cannot be \
                     removed. Delete its minute entries first."
                ),
            )),
            Some(p) if *recorded && items[p].confidentiality == Confidentiality::NotRecorded => {
                problems.push(Problem::new(
                    format!("items.{p}.confidentiality"),
                    format!(
                        "\u{201c}{title}\u{201d} has minutes written under it; delete them \
                         before making the item not recorded."
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let tx = vault.conn_mut().transaction()?;
    db::get(&tx, id)?;
    let cleared = db::clear_agreement(&tx, id)?;
    db::replace_items(&tx, id, &items)?;
    tx.commit()?;
    Ok(saved(cleared))
}

/// The agenda and the register are part of the record: once the minutes
/// are approved they are locked with them.
pub(super) fn ensure_minutes_open(vault: &Vault, id: MeetingId) -> Result<()> {
    match crate::storage::minutes::approval(vault.conn(), id)? {
        Some((on, _)) => Err(Error::Conflict(format!(
            "The minutes of this meeting were approved on {}; its details, agenda and register are \
             part of that record and can no longer change.",
            long_date(on)
        ))),
        None => Ok(()),
    }
}
