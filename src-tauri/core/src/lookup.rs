//! Finding a group or a person by what someone typed: the name (any case,
//! any script) or the number lists show. The command line names things
//! this way; a name that matches nothing, or more than one person, is a
//! problem at `field`, with what would have matched.

use crate::error::{Error, Result};
use crate::ids::{GroupId, PersonId};
use crate::roster::members::{self, MemberQuery};
use crate::storage::Vault;
use chrono::NaiveDate;

/// A group by its name or its number.
pub fn group(vault: &Vault, text: &str, field: &str, today: NaiveDate) -> Result<GroupId> {
    let text = text.trim();
    let wanted = text.to_lowercase();
    let groups = crate::roster::groups(vault, today)?;
    groups
        .iter()
        .find(|g| g.name.to_lowercase() == wanted || g.id.0.to_string() == text)
        .map(|g| g.id)
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!(
                    "there is no group called \"{text}\". The groups are: {}.",
                    groups
                        .iter()
                        .map(|g| g.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// A person on the roster by their full name or their number.
pub fn person(vault: &Vault, text: &str, field: &str, today: NaiveDate) -> Result<PersonId> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Ok(PersonId(n));
    }
    let found = members::search(
        vault,
        &MemberQuery {
            text: text.into(),
            ..Default::default()
        },
        today,
    )?;
    let wanted = text.to_lowercase();
    let exact: Vec<_> = found
        .iter()
        .filter(|p| p.full_name.to_lowercase() == wanted)
        .collect();
    match exact.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::invalid(
            field,
            format!("nobody called \"{text}\" is on the roster."),
        )),
        many => Err(Error::invalid(
            field,
            format!(
                "{} people are called \"{text}\": give the number instead ({}).",
                many.len(),
                many.iter()
                    .map(|p| p.id.0.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}
