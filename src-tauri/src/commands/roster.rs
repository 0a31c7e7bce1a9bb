use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::Format;
use iag_desk_core::ids::{GroupId, MembershipId, PersonId};
use iag_desk_core::roster::compliance::Warning;
use iag_desk_core::roster::groups::{self, GroupForm};
use iag_desk_core::roster::members::{self, MemberQuery, PersonDetail, StatusForm, VettingForm};
use iag_desk_core::roster::representation::{RepresentationForm, Summary};
use iag_desk_core::roster::rules::PersonForm;
use iag_desk_core::roster::table::{
    self, FileCheck, GroupChoice, ImportOptions, ImportReport, NewGroups,
};
use iag_desk_core::roster::{self, GroupSummary, PersonSummary};
use iag_desk_core::vocabulary::PersonKind;
use iag_desk_core::Error;
use serde::Serialize;
use std::path::PathBuf;
use tauri::State;

use super::today;

#[tauri::command(async)]
pub fn roster_groups(desk: State<'_, Desk>) -> CommandResult<Vec<GroupSummary>> {
    desk.with_vault(|v| roster::groups(v, today()))
}

#[tauri::command(async)]
pub fn roster_group_form(desk: State<'_, Desk>, id: GroupId) -> CommandResult<GroupForm> {
    desk.with_vault(|v| groups::group_form(v, id))
}

#[tauri::command(async)]
pub fn roster_group_add(desk: State<'_, Desk>, form: GroupForm) -> CommandResult<GroupId> {
    desk.with_vault(|v| groups::add_group(v, &form, today()))
}

#[tauri::command(async)]
pub fn roster_group_update(
    desk: State<'_, Desk>,
    id: GroupId,
    form: GroupForm,
) -> CommandResult<()> {
    desk.with_vault(|v| groups::update_group(v, id, &form, today()))
}

#[tauri::command(async)]
pub fn roster_search(
    desk: State<'_, Desk>,
    query: MemberQuery,
) -> CommandResult<Vec<PersonSummary>> {
    desk.with_vault(|v| members::search(v, &query, today()))
}

#[tauri::command(async)]
pub fn roster_police(desk: State<'_, Desk>) -> CommandResult<Vec<PersonSummary>> {
    desk.with_vault(|v| roster::people(v, PersonKind::Police, today()))
}

/// One page of the member list, for a roster of any size.
#[tauri::command(async)]
pub fn roster_members_page(
    desk: State<'_, Desk>,
    query: MemberQuery,
    offset: usize,
    limit: usize,
) -> CommandResult<iag_desk_core::paging::Page<PersonSummary>> {
    desk.with_vault(|v| members::page(v, &query, today(), offset, limit))
}

#[tauri::command(async)]
pub fn roster_person(desk: State<'_, Desk>, id: PersonId) -> CommandResult<PersonDetail> {
    desk.with_vault(|v| members::person(v, id, today()))
}

#[tauri::command(async)]
pub fn roster_person_add(desk: State<'_, Desk>, form: PersonForm) -> CommandResult<PersonId> {
    desk.with_vault(|v| members::add_person(v, &form, today()))
}

#[tauri::command(async)]
pub fn roster_person_update(
    desk: State<'_, Desk>,
    id: PersonId,
    form: PersonForm,
) -> CommandResult<()> {
    desk.with_vault(|v| members::update_person(v, id, &form, today()))
}

#[tauri::command(async)]
pub fn roster_status_change(
    desk: State<'_, Desk>,
    id: PersonId,
    form: StatusForm,
) -> CommandResult<()> {
    desk.with_vault(|v| members::change_status(v, id, &form, today()))
}

#[tauri::command(async)]
pub fn roster_role_assign(
    desk: State<'_, Desk>,
    person: PersonId,
    group: GroupId,
    role: String,
    from: String,
) -> CommandResult<MembershipId> {
    desk.with_vault(|v| members::assign_role(v, person, group, &role, &from, today()))
}

#[tauri::command(async)]
pub fn roster_role_end(
    desk: State<'_, Desk>,
    membership: MembershipId,
    on: String,
) -> CommandResult<()> {
    desk.with_vault(|v| members::end_role(v, membership, &on, today()))
}

#[tauri::command(async)]
pub fn roster_vetting_set(
    desk: State<'_, Desk>,
    person: PersonId,
    form: VettingForm,
) -> CommandResult<()> {
    desk.with_vault(|v| members::set_vetting(v, person, &form, today()))
}

#[tauri::command(async)]
pub fn roster_agreement_set(
    desk: State<'_, Desk>,
    person: PersonId,
    kind: String,
    signed_on: String,
) -> CommandResult<()> {
    desk.with_vault(|v| members::set_agreement(v, person, &kind, &signed_on, today()))
}

#[tauri::command(async)]
pub fn roster_representation_set(
    desk: State<'_, Desk>,
    person: PersonId,
    form: RepresentationForm,
) -> CommandResult<()> {
    desk.with_vault(|v| members::set_representation(v, person, &form, today()))
}

#[tauri::command(async)]
pub fn roster_representation_withdraw(
    desk: State<'_, Desk>,
    person: PersonId,
) -> CommandResult<bool> {
    desk.with_vault(|v| members::withdraw_representation(v, person, today()))
}

#[tauri::command(async)]
pub fn roster_representation_summary(
    desk: State<'_, Desk>,
    group: Option<GroupId>,
) -> CommandResult<Summary> {
    desk.with_vault(|v| members::representation_summary(v, group, today()))
}

#[derive(Debug, Serialize)]
pub struct GroupAttention {
    pub members: Vec<(String, Vec<Warning>)>,
    pub nominees: Vec<String>,
}

#[tauri::command(async)]
pub fn roster_group_attention(
    desk: State<'_, Desk>,
    group: GroupId,
) -> CommandResult<GroupAttention> {
    desk.with_vault(|v| {
        Ok(GroupAttention {
            members: members::group_warnings(v, group, today())?,
            nominees: members::nominee_warnings(v, today())?,
        })
    })
}

/// What the import's open dialog offers: CSV and the spreadsheets
/// calamine reads.
const ROSTER_FILTER: (&str, &[&str]) = (
    "Roster (CSV, Excel, OpenDocument)",
    &["csv", "xlsx", "xlsm", "xls", "ods"],
);

/// Asks where to save, then writes the roster (or one group) as CSV or,
/// with `format` "xlsx", as an Excel workbook. Returns the path written,
/// or None when the person cancelled.
#[tauri::command]
pub async fn roster_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: Option<GroupId>,
    format: String,
) -> CommandResult<Option<String>> {
    let format = if format == "xlsx" {
        Format::Xlsx
    } else {
        Format::Csv
    };
    let request = iag_desk_core::exports::Request::Roster { group, format };
    crate::export::save(&desk, &answers, request).await
}

/// The check of a chosen file, with the file's name to show.
#[derive(Debug, Serialize)]
pub struct ImportChoice {
    pub file_name: String,
    #[serde(flatten)]
    pub check: FileCheck,
}

/// Checks a roster file (a dry run that lists groups not in IAG Desk yet
/// rather than refusing them). With no `sheet`, asks for the file; with
/// one, checks that sheet of the file already chosen. The chosen file is
/// kept by the shell, so the page never handles a path.
#[tauri::command]
pub async fn roster_import_check(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    sheet: Option<String>,
) -> CommandResult<Option<ImportChoice>> {
    let path = match (&sheet, desk.pending_import()) {
        (Some(_), Some(path)) => path,
        _ => {
            let Some(path) =
                crate::dialogs::open(&answers, "Import people from a file", ROSTER_FILTER).await
            else {
                return Ok(None);
            };
            path
        }
    };
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    desk.set_pending_import(Some(path.clone()));
    let check = desk.with_vault(|v| table::check_file(v, &bytes, sheet.as_deref(), today()))?;
    Ok(Some(ImportChoice {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        check,
    }))
}

/// Imports the file checked by `roster_import_check`, re-reading it so what
/// is imported is exactly what is on disk now (checked again, all or
/// nothing). `groups` gives a tier for each group the check listed as not
/// in IAG Desk yet, created in the same transaction; without them such
/// groups are refused in one line and nothing changes.
#[tauri::command(async)]
pub fn roster_import_run(
    desk: State<'_, Desk>,
    sheet: Option<String>,
    groups: Vec<GroupChoice>,
) -> CommandResult<ImportReport> {
    let path: PathBuf = desk
        .pending_import()
        .ok_or_else(|| Error::invalid("File", "choose a file to import first."))?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let table = table::read(&bytes, sheet.as_deref())?;
    let new_groups = if groups.is_empty() {
        NewGroups::Refuse
    } else {
        NewGroups::Create {
            chosen: groups,
            default_tier: None,
            default_parent: None,
        }
    };
    let options = ImportOptions {
        dry_run: false,
        new_groups,
    };
    let report = desk.with_vault(|v| table::import(v, &table, &options, today()))?;
    desk.set_pending_import(None);
    Ok(report)
}
