//! Agreement of the agenda by the chair and by the police contact; once both
//! have agreed, the meeting's status becomes "agenda agreed".

use crate::dates::long_date_time;
use crate::error::{Error, Problem, Result};
use crate::ids::MeetingId;
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::MeetingStatus;
use chrono::NaiveDateTime;

/// Records that the chair (or the police contact) agreed the agenda; once
/// both have, the meeting's status becomes "agenda agreed".
pub fn agree(
    vault: &mut Vault,
    id: MeetingId,
    who: &str,
    name: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let police = match who {
        "chair" => false,
        "police" => true,
        _ => {
            return Err(Error::invalid(
                "who",
                "the chair or the police contact agrees an agenda.",
            ))
        }
    };
    let tx = vault.conn_mut().transaction()?;
    agree_in(&tx, id, police, name, now)?;
    tx.commit()?;
    Ok(())
}

/// Records one agreement inside the caller's transaction (the window's
/// path, and the demo's): the name, the audit line, and "agenda agreed"
/// once both have agreed.
pub(crate) fn agree_in(
    conn: &rusqlite::Connection,
    id: MeetingId,
    police: bool,
    name: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::rejected(vec![Problem::new(
            "name",
            "say who agreed it.",
        )]));
    }
    db::record_agreement(conn, id, police, name, now)?;
    let row = db::get(conn, id)?;
    crate::audit::record(
        conn,
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::AgendaAgreed,
        &format!(
            "Agenda of {}, {}: agreed by the {} ({name}).",
            row.group_name,
            long_date_time(row.starts_at),
            if police { "police contact" } else { "chair" }
        ),
    )?;
    if row.chair_agreed.is_some()
        && row.police_agreed.is_some()
        && row.status == MeetingStatus::Planned
    {
        db::set_status(conn, id, MeetingStatus::AgendaAgreed)?;
    }
    Ok(())
}
