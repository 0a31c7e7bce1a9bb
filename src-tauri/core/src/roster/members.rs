//! Looking after people on the roster: adding and editing them, their status
//! over time, their roles in groups, vetting, agreements and representation.
//! Each change runs in one transaction: it happens whole or not at all.

use super::compliance::{self, VettingState, Warning};
use super::representation::{self, RepresentationForm, Summary};
use super::rules::{self, PersonForm};
use super::PersonSummary;
use crate::dates::{long_date, parse_date};
use crate::error::{Error, Problem, Result};
use crate::ids::{GroupId, MeetingId, MembershipId, PersonId};
use crate::storage::{people as db, roster as roster_db, Vault};
use crate::vocabulary::{AgreementKind, MemberStatus, PersonKind, Role, VettingLevel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct MembershipView {
    pub id: MembershipId,
    pub group_id: GroupId,
    pub group_name: String,
    pub role: Role,
    pub role_label: &'static str,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub status_label: &'static str,
    pub changed_on: String,
    pub reason: String,
    pub meeting: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VettingView {
    pub level: VettingLevel,
    pub level_label: &'static str,
    pub granted_on: String,
    pub expires_on: String,
    /// ISO dates for the edit form.
    pub granted_iso: String,
    pub expires_iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    pub kind: AgreementKind,
    pub label: &'static str,
    pub signed_on: Option<String>,
    pub signed_iso: Option<String>,
}

/// Everything the member page shows. Representation answers are not here:
/// only whether any are held, and since when.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDetail {
    pub id: PersonId,
    /// The stored values, for the edit form (dates as ISO, 2026-11-22).
    pub form: PersonForm,
    /// "22 November 2026", for reading.
    pub joined_on: Option<String>,
    pub status_label: &'static str,
    pub memberships: Vec<MembershipView>,
    pub status_history: Vec<StatusView>,
    pub vetting: Option<VettingView>,
    pub vetting_state: VettingState,
    pub agreements: Vec<AgreementView>,
    pub warnings: Vec<Warning>,
    pub representation_consent_on: Option<String>,
}

fn rejected(field: &str, message: impl Into<String>) -> Error {
    Error::rejected(vec![Problem::new(field, message)])
}

/// Adds a person. The same name and email already on the roster is reported,
/// never silently merged.
pub fn add_person(vault: &mut Vault, form: &PersonForm, today: NaiveDate) -> Result<PersonId> {
    let person = rules::check_person(form, today).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    if db::person_exists_with(&tx, &person.full_name, &person.email)?.is_some() {
        return Err(rejected(
            "full_name",
            format!(
                "{} ({}) is already on the roster.",
                person.full_name,
                if person.email.is_empty() {
                    "no email"
                } else {
                    &person.email
                }
            ),
        ));
    }
    let id = roster_db::insert_person(&tx, &person, &person.search_text(), None)?;
    db::record_status(
        &tx,
        id,
        person.status,
        person.joined_on.unwrap_or(today),
        "Added to the roster",
        None,
    )?;
    tx.commit()?;
    Ok(id)
}

/// Saves edited details; a changed status is recorded in the history today.
pub fn update_person(
    vault: &mut Vault,
    id: PersonId,
    form: &PersonForm,
    today: NaiveDate,
) -> Result<()> {
    let person = rules::check_person(form, today).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    let before = db::person_form(&tx, id)?;
    if let Some(other) = db::person_exists_with(&tx, &person.full_name, &person.email)? {
        if other != id {
            return Err(rejected(
                "full_name",
                "another person with this name and email is already on the roster.",
            ));
        }
    }
    db::update_person(&tx, id, &person, &person.search_text())?;
    if before.status != person.status.code() {
        db::record_status(&tx, id, person.status, today, "", None)?;
    }
    tx.commit()?;
    Ok(())
}

/// A status change with its date and reason, as the member page records it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
    pub changed_on: String,
    pub reason: String,
    /// For a removal: the meeting where it was decided.
    pub meeting_id: Option<MeetingId>,
}

pub fn change_status(
    vault: &mut Vault,
    id: PersonId,
    form: &StatusForm,
    today: NaiveDate,
) -> Result<()> {
    let mut problems = Vec::new();
    let status = MemberStatus::from_code(form.status.trim());
    if status.is_none() {
        problems.push(Problem::new("status", "choose a status."));
    }
    let on = match parse_date(&form.changed_on) {
        Ok(Some(d)) if d > today => {
            problems.push(Problem::new(
                "changed_on",
                "a change of status cannot be in the future.",
            ));
            None
        }
        Ok(Some(d)) => Some(d),
        Ok(None) => Some(today),
        Err(m) => {
            problems.push(Problem::new("changed_on", m));
            None
        }
    };
    let reason = form.reason.trim();
    if matches!(status, Some(MemberStatus::Left | MemberStatus::Removed)) && reason.is_empty() {
        problems.push(Problem::new("reason", "say why, for the record."));
    }
    if status == Some(MemberStatus::Removed) && form.meeting_id.is_none() {
        problems.push(Problem::new(
            "meeting_id",
            "a removal is decided at a meeting: choose the meeting.",
        ));
    }
    let (Some(status), Some(on), true) = (status, on, problems.is_empty()) else {
        return Err(Error::rejected(problems));
    };
    let tx = vault.conn_mut().transaction()?;
    db::record_status(&tx, id, status, on, reason, form.meeting_id)?;
    crate::audit::record(
        &tx,
        crate::audit::When::On(today),
        crate::vocabulary::AuditAction::StatusChanged,
        &format!(
            "{}: {} from {}.",
            crate::storage::audit::person_name(&tx, id)?,
            status.label(),
            crate::dates::long_date(on)
        ),
    )?;
    if matches!(status, MemberStatus::Left | MemberStatus::Removed) {
        // Their roles end with their membership; the history keeps them.
        for m in db::memberships_of(&tx, id)?
            .iter()
            .filter(|m| m.ended_on.is_none())
        {
            if m.started_on <= on {
                db::end_membership(&tx, m.id, on)?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// Gives `person` a role in `group` from `from`. A role they already hold in
/// that group ends the day the new one starts, so history stays continuous.
pub fn assign_role(
    vault: &mut Vault,
    person: PersonId,
    group: GroupId,
    role: &str,
    from: &str,
    today: NaiveDate,
) -> Result<MembershipId> {
    let role = Role::from_code(role.trim()).ok_or_else(|| rejected("role", "choose a role."))?;
    let from = match parse_date(from) {
        Ok(d) => d.unwrap_or(today),
        Err(m) => return Err(rejected("started_on", m)),
    };
    let tx = vault.conn_mut().transaction()?;
    let form = db::person_form(&tx, person)?;
    let is_police = form.kind == PersonKind::Police.code();
    if role.is_police() != is_police {
        return Err(rejected(
            "role",
            if is_police {
                "police contacts hold police roles (lead or single point of contact), never members' roles."
            } else {
                "police roles are for police contacts; members hold members' roles."
            },
        ));
    }
    db::end_roles_in_group(&tx, person, group, from)?;
    let id = roster_db::insert_membership(
        &tx,
        &roster_db::NewMembership {
            person,
            group,
            role,
            started_on: from,
            ended_on: None,
        },
        None,
    )?;
    tx.commit()?;
    Ok(id)
}

pub fn end_role(
    vault: &mut Vault,
    membership: MembershipId,
    on: &str,
    today: NaiveDate,
) -> Result<()> {
    let on = match parse_date(on) {
        Ok(d) => d.unwrap_or(today),
        Err(m) => return Err(rejected("ended_on", m)),
    };
    db::end_membership(vault.conn(), membership, on)
}

/// "Who chaired this group in March 2025?"
pub fn role_holders(
    vault: &Vault,
    group: GroupId,
    role: Role,
    on: NaiveDate,
) -> Result<Vec<String>> {
    db::holders(vault.conn(), group, role, on)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VettingForm {
    pub level: String,
    pub granted_on: String,
    pub expires_on: String,
}

/// Records vetting status; an empty level clears it.
pub fn set_vetting(
    vault: &mut Vault,
    person: PersonId,
    form: &VettingForm,
    today: NaiveDate,
) -> Result<()> {
    if form.level.trim().is_empty() {
        return db::clear_vetting(vault.conn(), person);
    }
    let vetting = rules::check_vetting(&form.level, &form.granted_on, &form.expires_on, today)
        .map_err(Error::rejected)?;
    db::set_vetting(vault.conn(), person, &vetting)
}

/// Records an agreement signed on a date; an empty date removes it.
pub fn set_agreement(
    vault: &mut Vault,
    person: PersonId,
    kind: &str,
    signed_on: &str,
    today: NaiveDate,
) -> Result<()> {
    let kind = AgreementKind::from_code(kind.trim())
        .ok_or_else(|| rejected("kind", "choose an agreement."))?;
    let signed = match parse_date(signed_on) {
        Ok(Some(d)) if d > today => {
            return Err(rejected(
                kind.code(),
                "an agreement cannot be signed in the future.",
            ))
        }
        Ok(d) => d,
        Err(m) => return Err(rejected(kind.code(), m)),
    };
    db::set_agreement(vault.conn(), person, kind, signed)
}

pub fn set_representation(
    vault: &mut Vault,
    person: PersonId,
    form: &RepresentationForm,
    today: NaiveDate,
) -> Result<()> {
    let answers = representation::check(form, today).map_err(Error::rejected)?;
    let tx = vault.conn_mut().transaction()?;
    db::person_form(&tx, person)?;
    db::set_representation(&tx, person, answers.consent_on, &answers.answers)?;
    tx.commit()?;
    Ok(())
}

/// Withdrawal of consent: the answers are deleted at once, their space
/// overwritten, and the WAL emptied, so they are gone from the file.
pub fn withdraw_representation(
    vault: &mut Vault,
    person: PersonId,
    today: NaiveDate,
) -> Result<bool> {
    let removed = db::withdraw_representation(vault.conn(), person)?;
    if removed {
        crate::audit::record(
            vault.conn(),
            crate::audit::When::On(today),
            crate::vocabulary::AuditAction::Erasure,
            &format!(
                "{}: representation answers withdrawn and erased.",
                crate::storage::audit::person_name(vault.conn(), person)?
            ),
        )?;
    }
    db::checkpoint_and_truncate_wal(vault.conn())?;
    Ok(removed)
}

/// The only view of representation: aggregate counts, small ones suppressed.
pub fn representation_summary(
    vault: &Vault,
    group: Option<GroupId>,
    today: NaiveDate,
) -> Result<Summary> {
    let (members, answers) = db::representation_answers(vault.conn(), group, today)?;
    Ok(representation::summarise(members, &answers))
}

pub fn person(vault: &Vault, id: PersonId, today: NaiveDate) -> Result<PersonDetail> {
    let conn = vault.conn();
    let form = db::person_form(conn, id)?;
    let status = MemberStatus::from_code(&form.status).unwrap_or(MemberStatus::Active);
    let facts = db::compliance_facts(
        conn,
        &db::PeopleFilter {
            id: Some(id),
            ..Default::default()
        },
        today,
    )?
    .remove(&id)
    .ok_or_else(|| Error::NotFound {
        what: "That person".into(),
    })?;
    let policy = db::policy(conn)?;
    let warnings = compliance::warnings(&facts, policy, today);
    let vetting_state = compliance::vetting_state(facts.vetting.as_ref(), today);
    let memberships = db::memberships_of(conn, id)?
        .into_iter()
        .map(|m| MembershipView {
            id: m.id,
            group_id: m.group,
            group_name: m.group_name,
            role: m.role,
            role_label: m.role.label(),
            current: m.started_on <= today && m.ended_on.is_none_or(|e| e > today),
            started_on: long_date(m.started_on),
            ended_on: m.ended_on.map(long_date),
        })
        .collect();
    let status_history = db::status_history(conn, id)?
        .into_iter()
        .map(|s| StatusView {
            status_label: s.status.label(),
            changed_on: long_date(s.changed_on),
            reason: s.reason,
            meeting: s
                .meeting
                .map(|(group, at)| format!("{group}, {}", long_date(at.date()))),
        })
        .collect();
    let agreements = AgreementKind::ALL
        .iter()
        .map(|k| {
            let signed = facts
                .agreements
                .iter()
                .find(|(a, _)| a == k)
                .map(|(_, d)| *d);
            AgreementView {
                kind: *k,
                label: k.label(),
                signed_on: signed.map(long_date),
                signed_iso: signed.map(|d| d.format("%Y-%m-%d").to_string()),
            }
        })
        .collect();
    Ok(PersonDetail {
        id,
        joined_on: crate::dates::parse_date(&form.joined_on)
            .ok()
            .flatten()
            .map(long_date),
        form,
        status_label: status.label(),
        memberships,
        status_history,
        vetting: facts.vetting.map(|v| VettingView {
            level: v.level,
            level_label: v.level.label(),
            granted_on: long_date(v.granted_on),
            expires_on: long_date(v.expires_on),
            granted_iso: v.granted_on.format("%Y-%m-%d").to_string(),
            expires_iso: v.expires_on.format("%Y-%m-%d").to_string(),
        }),
        vetting_state,
        agreements,
        warnings,
        representation_consent_on: db::representation_consent(conn, id)?.map(long_date),
    })
}

/// What the member list is asked for: words in any script, and filters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MemberQuery {
    pub text: String,
    /// `member` (default) or `police`.
    pub kind: String,
    pub group: Option<GroupId>,
    pub role: String,
    pub status: String,
    /// current, expiring, expired or missing.
    pub vetting: String,
}

/// Members matching every word and every filter, by name.
pub fn search(vault: &Vault, q: &MemberQuery, today: NaiveDate) -> Result<Vec<PersonSummary>> {
    let filter = filter_of(q)?;
    let mut people = super::summaries(vault.conn(), &filter, today)?;
    keep_vetting(&mut people, q);
    Ok(people)
}

/// One page of what `search` finds, the same rows in the same order, with
/// the paging done by the query: only the page's people are read and
/// summarised, not the whole list of 10,000. (A vetting filter is worked
/// out per person after reading, so that list is found whole, then cut.)
pub fn page(
    vault: &Vault,
    q: &MemberQuery,
    today: NaiveDate,
    offset: usize,
    limit: usize,
) -> Result<crate::paging::Page<PersonSummary>> {
    if !q.vetting.trim().is_empty() {
        return Ok(crate::paging::page(search(vault, q, today)?, offset, limit));
    }
    let filter = filter_of(q)?;
    let conn = vault.conn();
    let total = roster_db::people_count(conn, &filter, today)?;
    let (offset, limit) = crate::paging::place(total, offset, limit);
    let ids = roster_db::people_ids(conn, &filter, today, offset, limit)?;
    let items = super::summaries(
        conn,
        &db::PeopleFilter {
            ids: Some(ids),
            ..filter
        },
        today,
    )?;
    Ok(crate::paging::Page {
        total,
        offset,
        limit,
        items,
    })
}

/// The query's conditions, as the storage layer takes them.
fn filter_of(q: &MemberQuery) -> Result<db::PeopleFilter> {
    let kind = match q.kind.trim() {
        "police" => PersonKind::Police,
        _ => PersonKind::Member,
    };
    let status = match q.status.trim() {
        "" => None,
        s => Some(MemberStatus::from_code(s).ok_or_else(|| rejected("status", "unknown status."))?),
    };
    let role = match q.role.trim() {
        "" => None,
        r => Some(Role::from_code(r).ok_or_else(|| rejected("role", "unknown role."))?),
    };
    Ok(db::PeopleFilter {
        kind: Some(kind),
        status,
        terms: crate::folding::terms(&q.text),
        group: q.group,
        role,
        ..Default::default()
    })
}

/// The vetting filter, on each person's worked-out vetting state.
fn keep_vetting(people: &mut Vec<PersonSummary>, q: &MemberQuery) {
    if !q.vetting.trim().is_empty() {
        let wanted = q.vetting.trim();
        people.retain(|p| {
            serde_json::to_value(p.vetting)
                .ok()
                .and_then(|v| v.as_str().map(|s| s == wanted))
                .unwrap_or(false)
        });
    }
}

/// Northamptonshire's rule, as a warning: each local group sends two
/// nominees (its chair and one other) to its strategic group.
pub fn nominee_warnings(vault: &Vault, today: NaiveDate) -> Result<Vec<String>> {
    roster_db::nominee_counts(vault.conn(), today).map(|counts| {
        counts
            .into_iter()
            .filter(|(_, n)| *n != 2)
            .map(|(group, n)| {
                format!(
                    "{group} has {n} nominee{} to its strategic group; the usual practice is two (its chair and one other).",
                    if n == 1 { "" } else { "s" }
                )
            })
            .collect()
    })
}

/// Members of `group` needing attention for vetting or agreements.
pub fn group_warnings(
    vault: &Vault,
    group: GroupId,
    today: NaiveDate,
) -> Result<Vec<(String, Vec<Warning>)>> {
    let conn = vault.conn();
    let filter = db::PeopleFilter {
        kind: Some(PersonKind::Member),
        group: Some(group),
        ..Default::default()
    };
    let facts = db::compliance_facts(conn, &filter, today)?;
    let policy = db::policy(conn)?;
    let mut out = Vec::new();
    for p in roster_db::list_people_matching(conn, &filter, today)? {
        if let Some(f) = facts.get(&p.id) {
            let w = compliance::warnings(f, policy, today);
            if !w.is_empty() {
                out.push((p.full_name, w));
            }
        }
    }
    Ok(out)
}

/// Adds a plain active member with no roles. Only for tests that need a real
/// (non-demo) record without the roster's audit and duplicate checks.
#[doc(hidden)]
pub fn insert_member_for_tests(vault: &Vault, full_name: &str) -> Result<PersonId> {
    let form = PersonForm {
        full_name: full_name.into(),
        ..Default::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let person = super::rules::check_person(&form, today).map_err(Error::rejected)?;
    roster_db::insert_person(vault.conn(), &person, &person.search_text(), None)
}
