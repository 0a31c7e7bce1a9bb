//! Retention: how long after leaving a person's record is kept before the
//! dashboard asks whether to keep it.

use crate::dates::{long_date, parse_date};
use crate::error::{Error, Problem, Result};
use crate::ids::PersonId;
use crate::storage::data_protection as db;
use crate::storage::Vault;
use chrono::{Months, NaiveDate};
use serde::Serialize;

const RETENTION_KEY: &str = "data_protection.retention_months";
/// Months after leaving before the dashboard asks whether to keep a
/// person's record, unless changed in Settings.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;
const MAX_RETENTION_MONTHS: u32 = 120;

pub fn retention_months(vault: &Vault) -> Result<u32> {
    Ok(vault
        .setting(RETENTION_KEY)?
        .and_then(|v| v.parse().ok())
        .filter(|m| (1..=MAX_RETENTION_MONTHS).contains(m))
        .unwrap_or(DEFAULT_RETENTION_MONTHS))
}

pub fn set_retention_months(vault: &mut Vault, text: &str) -> Result<u32> {
    let months = text
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=MAX_RETENTION_MONTHS).contains(m));
    let Some(months) = months else {
        return Err(Error::rejected(vec![Problem::new(
            "retention_months",
            format!(
                "\u{201c}{}\u{201d} is not a number of months from 1 to {MAX_RETENTION_MONTHS}.",
                text.trim()
            ),
        )]));
    };
    crate::storage::set_setting_in(vault.conn(), RETENTION_KEY, &months.to_string())?;
    Ok(months)
}

/// Someone who left (or was removed) longer ago than the retention period.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionDue {
    pub person_id: PersonId,
    pub name: String,
    pub status: &'static str,
    /// "Left on 3 March 2024".
    pub since: String,
}

/// People to review for erasure: left or removed on or before
/// `today` less the retention period.
pub fn retention_due(vault: &Vault, today: NaiveDate) -> Result<Vec<RetentionDue>> {
    let months = retention_months(vault)?;
    let cutoff = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    Ok(db::departed(vault.conn())?
        .into_iter()
        .filter_map(|(id, name, status, on)| {
            let on = parse_date(&on).ok().flatten()?;
            (on <= cutoff).then(|| {
                let status = crate::vocabulary::MemberStatus::from_code(&status)
                    .map_or("Left", |s| s.label());
                RetentionDue {
                    person_id: id,
                    name,
                    status,
                    since: format!("{status} on {}", long_date(on)),
                }
            })
        })
        .collect())
}
