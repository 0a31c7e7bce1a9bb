//! The attendance register as the meeting goes: who is present, who sent
//! apologies, who arrived late or left early, and guests.

use super::editing::ensure_minutes_open;
use crate::error::{Error, Problem, Result};
use crate::ids::{MeetingId, PersonId};
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::Presence;

pub fn set_presence(
    vault: &mut Vault,
    id: MeetingId,
    person: PersonId,
    presence: &str,
    arrived_at: Option<usize>,
    left_at: Option<usize>,
) -> Result<()> {
    ensure_minutes_open(vault, id)?;
    let presence = Presence::from_code(presence.trim()).ok_or_else(|| {
        Error::invalid("presence", "choose expected, present, apologies or absent.")
    })?;
    if let (Some(a), Some(l)) = (arrived_at, left_at) {
        if l < a {
            return Err(Error::invalid(
                "left_at",
                "someone cannot leave before they arrive.",
            ));
        }
    }
    db::set_presence(vault.conn(), id, person, presence, arrived_at, left_at)
}

pub fn add_guest(vault: &mut Vault, id: MeetingId, name: &str) -> Result<()> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::rejected(vec![Problem::new(
            "guest_name",
            "enter the guest's name.",
        )]));
    }
    db::get(vault.conn(), id)?;
    db::add_guest(vault.conn(), id, &name)
}
