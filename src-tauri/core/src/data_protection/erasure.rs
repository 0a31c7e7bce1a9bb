//! Erasure: the person's details go, and their name in every record that
//! outlives them becomes the role they held at the time.

use super::names::{capitalise, replace_name, Roles};
use super::subject_access::not_found;
use crate::dates::parse_date;
use crate::error::{Error, Problem, Result};
use crate::ids::PersonId;
use crate::storage::data_protection as db;
use crate::storage::Vault;
use crate::vocabulary::{PersonKind, Role};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct Erased {
    /// How many texts had the name replaced by a role.
    pub replaced: usize,
    /// The role most often put in the name's place, e.g. "a member".
    pub shown_as: String,
}

/// Erases a person. `confirm_name` must be their name as the roster has
/// it, so a slip cannot erase the wrong person. One transaction: on any
/// failure nothing changes.
pub fn erase(
    vault: &mut Vault,
    id: PersonId,
    confirm_name: &str,
    now: NaiveDateTime,
) -> Result<Erased> {
    let (name, kind) = db::person(vault.conn(), id)?.ok_or_else(|| not_found(id))?;
    if confirm_name.trim() != name.trim() {
        return Err(Error::rejected(vec![Problem::new(
            "confirm_name",
            format!("type the name exactly as the roster has it ({name}) to erase this person."),
        )]));
    }
    let roles = Roles {
        kind: PersonKind::from_code(&kind).unwrap_or(PersonKind::Member),
        held: db::roles(vault.conn(), id)?
            .into_iter()
            .filter_map(|(g, role, from, to)| {
                Some((
                    g,
                    Role::from_code(&role)?,
                    parse_date(&from).ok()??,
                    to.and_then(|t| parse_date(&t).ok().flatten()),
                ))
            })
            .collect(),
    };
    let tx = vault.conn_mut().transaction()?;
    let mut meeting_at: HashMap<i64, (i64, Option<NaiveDate>)> = HashMap::new();
    let mut place =
        |meeting: Option<i64>, group: Option<i64>| -> Result<(Option<i64>, Option<NaiveDate>)> {
            let Some(m) = meeting else {
                return Ok((group, None));
            };
            if let Some(known) = meeting_at.get(&m) {
                return Ok((Some(known.0), known.1));
            }
            let r = db::meeting_ref(&tx, m)?;
            let day = NaiveDateTime::parse_from_str(&r.starts_at, "%Y-%m-%dT%H:%M")
                .ok()
                .map(|t| t.date());
            meeting_at.insert(m, (r.group_id, day));
            Ok((Some(r.group_id), day))
        };
    let mut replaced = 0;
    let mut shown: HashMap<&'static str, usize> = HashMap::new();
    let mut label_for = |group: Option<i64>, on: Option<NaiveDate>| {
        let label = roles.label(group, on);
        *shown.entry(label).or_default() += 1;
        label
    };

    // Links first, so the texts they leave are swept below like any other.
    let mut links = Vec::new();
    for (meeting, _, _) in db::attendance(&tx, id)? {
        links.push(meeting);
    }
    let mut link_labels = HashMap::new();
    for m in links
        .into_iter()
        .chain(db::ballots(&tx, id)?.into_iter().map(|b| b.1))
        .chain(db::presented(&tx, id)?.into_iter().map(|p| p.1))
    {
        let (g, d) = place(Some(m), None)?;
        link_labels.insert(m, label_for(g, d));
    }
    db::unlink(&tx, id, &|m| {
        capitalise(link_labels.get(&m).copied().unwrap_or("a member"))
    })?;
    replaced += link_labels.len();

    for mut e in db::entries(&tx)? {
        let linked = [e.owner_id, e.person_id, e.removes_person_id].contains(&Some(id.0));
        let (g, d) = place(Some(e.meeting_id), None)?;
        let label = roles.label(g, d);
        let mut changed = linked;
        for t in e.texts.iter_mut() {
            if let Some(new) = replace_name(t, &name, label) {
                *t = new;
                changed = true;
                replaced += 1;
            }
        }
        if e.owner_id == Some(id.0) && e.texts[1].is_empty() {
            e.texts[1] = capitalise(label);
        }
        if e.person_id == Some(id.0) && e.texts[2].is_empty() {
            e.texts[2] = capitalise(label);
        }
        if changed {
            label_for(g, d);
            db::update_entry(&tx, &e, id)?;
        }
    }
    for column in db::TEXT_COLUMNS {
        for (key, text, meeting, group, _) in db::column_values(&tx, column)? {
            let (g, d) = place(meeting, group)?;
            let label = if column.table == "audit_log" {
                "a person whose record was erased"
            } else {
                roles.label(g, d)
            };
            if let Some(new) = replace_name(&text, &name, label) {
                db::set_column(&tx, column, key, &new)?;
                replaced += 1;
            }
        }
    }
    for (meeting, json) in db::originals(&tx)? {
        let (g, d) = place(Some(meeting), None)?;
        let mut value: serde_json::Value = serde_json::from_str(&json)
            .map_err(|e| Error::Internal(format!("approved minutes of meeting {meeting}: {e}")))?;
        if replace_in_json(&mut value, &name, roles.label(g, d)) {
            db::set_original(&tx, meeting, &value.to_string())?;
            replaced += 1;
        }
    }
    db::delete_person(&tx, id)?;
    let shown_as = shown
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(|| roles.label(None, None), |(l, _)| l)
        .to_string();
    crate::audit::record(
        &tx,
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::Erasure,
        &format!(
            "A person's record erased (roster number {}): contact, roles, vetting, agreements \
             and representation deleted; their name replaced by their role in {replaced} places.",
            id.0
        ),
    )?;
    tx.commit()?;
    crate::storage::people::checkpoint_and_truncate_wal(vault.conn())?;
    Ok(Erased { replaced, shown_as })
}

/// Replaces the name in every string of a JSON value; true if any changed.
fn replace_in_json(value: &mut serde_json::Value, name: &str, label: &str) -> bool {
    match value {
        serde_json::Value::String(s) => match replace_name(s, name, label) {
            Some(new) => {
                *s = new;
                true
            }
            None => false,
        },
        serde_json::Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, v| replace_in_json(v, name, label) | any),
        serde_json::Value::Object(map) => map
            .values_mut()
            .fold(false, |any, v| replace_in_json(v, name, label) | any),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_swept_at_every_depth() {
        let mut v = serde_json::json!({"a": ["x Jo Bloggs", {"b": "Jo Bloggs"}], "n": 3});
        assert!(replace_in_json(&mut v, "Jo Bloggs", "a member"));
        assert_eq!(
            v,
            serde_json::json!({"a": ["x a member", {"b": "A member"}], "n": 3})
        );
    }
}
