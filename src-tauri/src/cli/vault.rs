//! The vault from the command line: the passphrase, creating and
//! unlocking, the demo, status, backups, restores, a new passphrase, and
//! the audit trail.

use super::args::{NEW_PASSPHRASE_VAR, PASSPHRASE_VAR};
use super::output::{json, Output};
use iag_desk_core::{demo, Error, Passphrase, Result, Vault, VaultStatus};
use std::io::IsTerminal;

pub(super) fn now() -> chrono::NaiveDateTime {
    crate::clock::now()
}

pub(super) fn today() -> chrono::NaiveDate {
    crate::clock::today()
}

/// The passphrase from the environment, else from a prompt on a terminal.
/// A passphrase given in the environment, removed from it at once so that
/// nothing this process starts (the printer, a viewer) inherits it, and
/// wiped from memory when dropped.
fn taken_from_environment(var: &str) -> Option<zeroize::Zeroizing<String>> {
    let value = std::env::var(var).ok()?;
    std::env::remove_var(var);
    Some(zeroize::Zeroizing::new(value))
}

/// `confirm` asks twice (for a new vault).
fn read_passphrase(confirm: bool) -> Result<(Passphrase, Passphrase)> {
    if let Some(value) = taken_from_environment(PASSPHRASE_VAR) {
        return Ok((
            Passphrase::new(value.as_str()),
            Passphrase::new(value.as_str()),
        ));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "Passphrase",
            format!(
                "none given. Set {PASSPHRASE_VAR}, or run the command in a terminal to be asked."
            ),
        ));
    }
    let prompt = |text: &str| {
        rpassword::prompt_password(text)
            .map(Passphrase::new)
            .map_err(|e| Error::io("read the passphrase from", "the terminal", e))
    };
    let first = prompt("Vault passphrase: ")?;
    let second = if confirm {
        prompt("Type it again: ")?
    } else {
        Passphrase::new(String::new())
    };
    Ok((first, second))
}

pub(super) fn unlock(path: &std::path::Path) -> Result<Vault> {
    if !path.is_file() {
        return Err(Error::VaultMissing(path.to_path_buf()));
    }
    let (passphrase, _) = read_passphrase(false)?;
    Vault::unlock(path, &passphrase)
}

pub(super) fn init(path: &std::path::Path) -> Result<Output> {
    if path.exists() {
        return Err(Error::VaultExists(path.to_path_buf()));
    }
    let (passphrase, confirmation) = read_passphrase(true)?;
    passphrase.check_new(&confirmation)?;
    let vault = Vault::create(path, &passphrase)?;
    Ok(Output {
        text: format!(
            "Created an encrypted vault at {}.\n\
             Keep the passphrase safe: it cannot be recovered, and without it nobody, \
             including you, can open the vault.",
            vault.path().display()
        ),
        json: serde_json::json!({ "created": vault.path(), "schema_version": vault.schema_version()? }),
    })
}

pub(super) fn load_demo(path: &std::path::Path, remove: bool, large: bool) -> Result<Output> {
    let mut vault = unlock(path)?;
    if remove {
        let removed = demo::remove(&mut vault)?;
        return Ok(Output {
            text: if removed == 0 {
                "No demo records were in the vault: nothing removed.".into()
            } else {
                format!(
                    "Removed the demo force ({removed} records). Your own records are untouched."
                )
            },
            json: serde_json::json!({ "removed": removed }),
        });
    }
    let report = demo::load(&mut vault, now().date())?;
    if large {
        let members = iag_desk_core::roster::members::search(
            &vault,
            &iag_desk_core::roster::members::MemberQuery::default(),
            now().date(),
        )?
        .len();
        let grown = demo::large::grow(
            &mut vault,
            now().date(),
            10_000usize.saturating_sub(members),
            2_000,
        )?;
        return Ok(Output {
            text: format!(
                "Loaded the demo force and a large force beside it: {} more members, {} more meetings, {} more agenda items.",
                grown.members, grown.meetings, grown.agenda_items
            ),
            json: json(&grown),
        });
    }
    Ok(Output {
        text: if report.refreshed {
            format!(
                "Brought the demo force (Fenwold Police) up to date: its meetings, records and \
                 dates are laid out around {} again. Your own records are untouched.",
                iag_desk_core::dates::long_date(report.anchor)
            )
        } else if report.added == 0 {
            "The demo force (Fenwold Police) is already loaded: nothing added.".into()
        } else {
            format!(
                "Loaded the demo force (Fenwold Police): {} records added. \
                 Every name is fictional; remove it with `iag-desk demo --remove`.",
                report.added
            )
        },
        json: json(&report),
    })
}

pub(super) fn status(path: &std::path::Path) -> Result<Output> {
    let vault = unlock(path)?;
    let s: VaultStatus = vault.status(now())?;
    let c = &s.counts;
    let text = [
        format!("Vault:           {}", s.path.display()),
        format!("IAG Desk:        {}", s.app_version),
        format!("Schema version:  {}", s.schema_version),
        format!(
            "Demo force:      {}",
            if s.demo_loaded {
                "loaded"
            } else {
                "not loaded"
            }
        ),
        format!(
            "Groups:          {} active, {} stood down",
            c.groups_active, c.groups_stood_down
        ),
        format!(
            "Members:         {} active ({} on the roster)",
            c.members_active, c.members_total
        ),
        format!("Police contacts: {}", c.police_contacts),
        format!(
            "Meetings:        {} held, {} upcoming",
            c.meetings_held, c.meetings_upcoming
        ),
    ]
    .join("\n");
    Ok(Output {
        text,
        json: json(&s),
    })
}

pub(super) fn change_passphrase(path: &std::path::Path) -> Result<Output> {
    let (current, _) = read_passphrase(false)?;
    let mut vault = Vault::unlock(path, &current)?;
    let (new, confirmation) = match taken_from_environment(NEW_PASSPHRASE_VAR) {
        Some(v) => (Passphrase::new(v.as_str()), Passphrase::new(v.as_str())),
        None if std::io::stdin().is_terminal() => {
            let ask = |text: &str| {
                rpassword::prompt_password(text)
                    .map(Passphrase::new)
                    .map_err(|e| Error::io("read the passphrase from", "the terminal", e))
            };
            (ask("New passphrase: ")?, ask("Type it again: ")?)
        }
        None => {
            return Err(Error::invalid(
                "New passphrase",
                format!("none given. Set {NEW_PASSPHRASE_VAR}, or run in a terminal to be asked."),
            ))
        }
    };
    vault.change_passphrase(&current, &new, &confirmation, now())?;
    Ok(Output {
        text: "The passphrase is changed. The old one no longer opens the vault; backups taken \
               before keep the passphrase they were taken with."
            .into(),
        json: serde_json::json!({ "changed": true }),
    })
}

pub(super) fn restore(path: &std::path::Path, file: &std::path::Path) -> Result<Output> {
    let (passphrase, _) = read_passphrase(false)?;
    let (_, restored) = iag_desk_core::backup::restore(path, file, &passphrase, now())?;
    Ok(Output {
        text: match &restored.previous {
            Some(p) => format!(
                "Restored the vault from {}. The vault it replaced is kept at {}.",
                file.display(),
                p.display()
            ),
            None => format!("Restored the vault from {}.", file.display()),
        },
        json: json(&restored),
    })
}

pub(super) fn backup(path: &std::path::Path, file: &std::path::Path) -> Result<Output> {
    let mut vault = unlock(path)?;
    let report = iag_desk_core::backup::backup(&mut vault, file, now())?;
    Ok(Output {
        text: format!(
            "Backed up the vault to {} ({} KB), encrypted with the same passphrase. Keep it \
             somewhere other than this computer.",
            report.path.display(),
            report.bytes.div_ceil(1024)
        ),
        json: json(&report),
    })
}

/// Writes one of the printed documents made by `make`, always a PDF (the
/// message names no format, as before web pages existed).
/// The audit trail as Settings shows it: when, what, and about whom.
pub(super) fn audit(path: &std::path::Path, limit: usize) -> Result<Output> {
    let vault = unlock(path)?;
    let lines = iag_desk_core::audit::list(&vault, limit)?;
    let text = if lines.is_empty() {
        "The audit trail is empty.".to_owned()
    } else {
        lines
            .iter()
            .map(|l| format!("{}  {}: {}", l.at, l.action, l.detail))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Ok(Output {
        text,
        json: json(&lines),
    })
}
