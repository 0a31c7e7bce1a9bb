//! Papers attached to agenda items: kept inside the vault, copied out on
//! request. Adding or removing one clears an agreed agenda.

use super::editing::{saved, Saved};
use crate::confidentiality::Confidentiality;
use crate::error::{Error, Result};
use crate::ids::MeetingId;
use crate::storage::{meetings as db, Vault};
use chrono::NaiveDateTime;

/// Largest paper accepted, so a mistaken choice (a video) cannot bloat the vault.
pub const MAX_PAPER_BYTES: usize = 25 * 1024 * 1024;

/// Copies a paper into the vault under an agenda item. Adding a paper to an
/// agreed agenda clears the agreement, as any change to the agenda does.
pub fn attach_paper(
    vault: &mut Vault,
    meeting: MeetingId,
    item: i64,
    file_name: &str,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<Saved> {
    let tx = vault.conn_mut().transaction()?;
    let cleared = attach_paper_in(&tx, meeting, item, file_name, bytes, now)?;
    tx.commit()?;
    Ok(saved(cleared))
}

/// Attaches a paper inside the caller's transaction, with every check;
/// true when this cleared an agreement.
pub(crate) fn attach_paper_in(
    conn: &rusqlite::Connection,
    meeting: MeetingId,
    item: i64,
    file_name: &str,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<bool> {
    attach_paper_at_level_in(
        conn,
        meeting,
        item,
        file_name,
        bytes,
        Confidentiality::Open,
        now,
    )
}

/// As [`attach_paper_in`], at `level` or the item's, whichever is higher
/// (the demo's confidential paper on an open item).
pub(crate) fn attach_paper_at_level_in(
    conn: &rusqlite::Connection,
    meeting: MeetingId,
    item: i64,
    file_name: &str,
    bytes: &[u8],
    level: Confidentiality,
    now: NaiveDateTime,
) -> Result<bool> {
    // Only the file's own name, never the folder it came from.
    let name = std::path::Path::new(file_name)
        .file_name()
        .map(|n| n.to_string_lossy().trim().to_string())
        .unwrap_or_default();
    if name.is_empty() {
        return Err(Error::invalid("Paper", "the file has no name."));
    }
    if bytes.len() > MAX_PAPER_BYTES {
        return Err(Error::invalid(
            "Paper",
            format!(
                "{name} is {} MB; papers can be at most {} MB.",
                bytes.len().div_ceil(1024 * 1024),
                MAX_PAPER_BYTES / (1024 * 1024)
            ),
        ));
    }
    if db::item_meeting(conn, item)? != Some(meeting) {
        return Err(Error::NotFound {
            what: "That agenda item".into(),
        });
    }
    // A new paper takes its item's level; the chair may raise it.
    let (_, item_level) = crate::storage::minutes::item_level(conn, item)?;
    let level = crate::confidentiality::paper_level(item_level, level);
    db::add_paper(conn, item, &name, bytes, level, now)?;
    db::clear_agreement(conn, meeting)
}

/// Sets a paper open or confidential. A confidential item's papers stay
/// confidential; marking a paper open on an open item lets it into the
/// public pack, so the agreement of the agenda is cleared, as any change
/// to what goes out is.
pub fn set_paper_level(
    vault: &mut Vault,
    meeting: MeetingId,
    paper_id: i64,
    level: &str,
) -> Result<Saved> {
    let level = match Confidentiality::from_code(level.trim()) {
        Some(l @ (Confidentiality::Open | Confidentiality::Confidential)) => l,
        _ => return Err(Error::invalid("level", "choose open or confidential.")),
    };
    let line = db::papers(vault.conn(), meeting)?
        .into_iter()
        .find(|p| p.id == paper_id)
        .ok_or_else(|| Error::NotFound {
            what: "That paper".into(),
        })?;
    let (_, item_level) = crate::storage::minutes::item_level(vault.conn(), line.item)?;
    if crate::confidentiality::paper_level(item_level, level) != level {
        return Err(Error::invalid(
            "level",
            "this paper belongs to a confidential item, so it is confidential too.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    db::set_paper_level(&tx, paper_id, level)?;
    let cleared = db::clear_agreement(&tx, meeting)?;
    tx.commit()?;
    Ok(saved(cleared))
}

/// A paper's file name and bytes, to save a copy outside the vault.
pub fn paper(vault: &Vault, meeting: MeetingId, paper: i64) -> Result<(String, Vec<u8>)> {
    let (m, name, bytes) = db::paper(vault.conn(), paper)?;
    if m != meeting {
        return Err(Error::NotFound {
            what: "That paper".into(),
        });
    }
    Ok((name, bytes))
}

pub fn remove_paper(vault: &mut Vault, meeting: MeetingId, paper_id: i64) -> Result<Saved> {
    paper(vault, meeting, paper_id)?;
    let tx = vault.conn_mut().transaction()?;
    db::delete_paper(&tx, paper_id)?;
    let cleared = db::clear_agreement(&tx, meeting)?;
    tx.commit()?;
    Ok(saved(cleared))
}
