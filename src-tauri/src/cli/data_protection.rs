//! Data-protection duties from the command line: erasure.

use super::output::Output;
use super::vault::{now, today, unlock};
use iag_desk_core::{lookup, Result};

pub(super) fn erase(path: &std::path::Path, person: &str, confirm: &str) -> Result<Output> {
    let mut vault = unlock(path)?;
    let id = lookup::person(&vault, person, "PERSON", today())?;
    let erased = iag_desk_core::data_protection::erase(&mut vault, id, confirm, now())?;
    Ok(Output {
        text: format!(
            "Erased. Their name was replaced by their role ({}) in {} places.",
            erased.shown_as, erased.replaced
        ),
        json: serde_json::to_value(&erased).unwrap_or_default(),
    })
}
