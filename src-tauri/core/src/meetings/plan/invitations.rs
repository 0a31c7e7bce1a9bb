//! The meetings as calendar files: one group's (or every group's) meetings,
//! or one meeting as an invitation. Only the group, time, venue and kind go
//! in: never an agenda item.

use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId};
use crate::storage::{meetings as db, Vault};

/// The meetings of one group (or every group) as an iCalendar file. Only
/// the group, time, venue and kind go in: never an agenda item.
pub fn calendar(
    vault: &Vault,
    group: Option<GroupId>,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    let entries = calendar_entries(vault, group, None)?;
    let name = match group {
        Some(g) => crate::roster::groups::name(vault, g)?,
        None => "IAG meetings".to_string(),
    };
    Ok(crate::meetings::calendar::ics(&name, &entries, stamp))
}

fn calendar_entries(
    vault: &Vault,
    group: Option<GroupId>,
    only: Option<MeetingId>,
) -> Result<Vec<crate::meetings::calendar::CalendarEntry>> {
    Ok(db::calendar_rows(vault.conn(), group, only)?
        .into_iter()
        .map(crate::meetings::calendar::CalendarEntry::of)
        .collect())
}

/// One meeting as an invitation to add to a calendar.
pub fn invitation(
    vault: &Vault,
    id: MeetingId,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    let entries = calendar_entries(vault, None, Some(id))?;
    let first = entries.first().ok_or_else(|| Error::NotFound {
        what: "That meeting".into(),
    })?;
    Ok(crate::meetings::calendar::ics(
        &first.summary.clone(),
        &entries,
        stamp,
    ))
}
