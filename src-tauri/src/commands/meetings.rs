use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::ids::{GroupId, MeetingId, PersonId};
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::handover::{self, Imported};
use iag_desk_core::meetings::plan::{self, GroupDue, MeetingDetail, MeetingForm, Saved};
use iag_desk_core::meetings::{self, MeetingSummary};
use iag_desk_core::Error;
use tauri::State;

#[tauri::command(async)]
pub fn meetings_list(desk: State<'_, Desk>) -> CommandResult<Vec<MeetingSummary>> {
    desk.with_vault(|v| meetings::list(v, super::now()))
}

/// One page of the meetings coming up (soonest first) or held (most
/// recent first), for a vault of any size.
#[tauri::command(async)]
pub fn meetings_page(
    desk: State<'_, Desk>,
    upcoming: bool,
    offset: usize,
    limit: usize,
) -> CommandResult<iag_desk_core::paging::Page<MeetingSummary>> {
    desk.with_vault(|v| {
        let all = meetings::list(v, super::now())?;
        let section = all.into_iter().filter(|m| m.upcoming == upcoming).collect();
        Ok(iag_desk_core::paging::page(section, offset, limit))
    })
}

#[tauri::command(async)]
pub fn meetings_due(desk: State<'_, Desk>) -> CommandResult<Vec<GroupDue>> {
    desk.with_vault(|v| plan::due(v, super::now()))
}

#[tauri::command(async)]
pub fn meeting_detail(desk: State<'_, Desk>, id: MeetingId) -> CommandResult<MeetingDetail> {
    desk.with_vault(|v| plan::detail(v, id))
}

#[tauri::command(async)]
pub fn meeting_create(desk: State<'_, Desk>, form: MeetingForm) -> CommandResult<MeetingId> {
    desk.with_vault(|v| plan::create(v, &form))
}

#[tauri::command(async)]
pub fn meeting_update(
    desk: State<'_, Desk>,
    id: MeetingId,
    form: MeetingForm,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::update_details(v, id, &form))
}

#[tauri::command(async)]
pub fn agenda_save(
    desk: State<'_, Desk>,
    id: MeetingId,
    items: Vec<ItemDraft>,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::save_agenda(v, id, &items))
}

#[tauri::command(async)]
pub fn agenda_agree(
    desk: State<'_, Desk>,
    id: MeetingId,
    who: String,
    name: String,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::agree(v, id, &who, &name, super::now()))
}

#[tauri::command(async)]
pub fn agenda_template(desk: State<'_, Desk>, group: GroupId) -> CommandResult<Vec<ItemDraft>> {
    desk.with_vault(|v| plan::template_for(v, group))
}

#[tauri::command(async)]
pub fn agenda_template_save(
    desk: State<'_, Desk>,
    group: GroupId,
    items: Vec<ItemDraft>,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::save_template(v, group, &items))
}

#[tauri::command(async)]
pub fn attendance_set(
    desk: State<'_, Desk>,
    id: MeetingId,
    person: PersonId,
    presence: String,
    arrived_at: Option<usize>,
    left_at: Option<usize>,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::set_presence(v, id, person, &presence, arrived_at, left_at))
}

#[tauri::command(async)]
pub fn attendance_add_guest(
    desk: State<'_, Desk>,
    id: MeetingId,
    name: String,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::add_guest(v, id, &name))
}

const JSON: (&str, &[&str]) = ("IAG Desk hand-over file", &["json"]);

#[tauri::command]
pub async fn meetings_export_calendar(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: Option<GroupId>,
) -> CommandResult<Option<String>> {
    crate::export::save(&desk, &answers, Request::Calendar { group }).await
}

#[tauri::command]
pub async fn meeting_export_invitation(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    crate::export::save(&desk, &answers, Request::Invitation { meeting: id }).await
}

#[tauri::command]
pub async fn meeting_export_handover(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
) -> CommandResult<Option<String>> {
    let request = Request::Handover {
        meeting: id,
        audience,
    };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command]
pub async fn meeting_import_handover(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
) -> CommandResult<Option<Imported>> {
    let Some(path) = crate::dialogs::open(&answers, "Open a hand-over file", JSON).await else {
        return Ok(None);
    };
    let body = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
    desk.with_vault(|v| handover::import(v, &body, super::now()))
        .map(Some)
}

/// Opens the file the app last wrote, with the system's own program.
#[tauri::command(async)]
pub fn files_open_last(desk: State<'_, Desk>) -> CommandResult<()> {
    let path = desk
        .last_written()
        .ok_or_else(|| Error::invalid("File", "nothing has been saved yet."))?;
    Ok(crate::files::open_with_system(&path)?)
}

#[tauri::command]
pub async fn meeting_export_agenda_pdf(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    let request = Request::Agenda {
        meeting: id,
        format: Format::Pdf,
    };
    crate::export::save(&desk, &answers, request).await
}

/// The agenda as an accessible web page, from the same public view.
#[tauri::command]
pub async fn meeting_export_agenda_html(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    let request = Request::Agenda {
        meeting: id,
        format: Format::Html,
    };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command]
pub async fn meeting_export_signin_pdf(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    crate::export::save(&desk, &answers, Request::SignIn { meeting: id }).await
}

/// Asks for a file and copies it into the vault under an agenda item.
#[tauri::command]
pub async fn agenda_paper_attach(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    item: i64,
) -> CommandResult<Option<Saved>> {
    let Some(path) = crate::dialogs::open(&answers, "Attach a paper", ("Any file", &[])).await
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let name = path.to_string_lossy().into_owned();
    desk.with_vault(|v| plan::attach_paper(v, id, item, &name, &bytes, super::now()))
        .map(Some)
}

/// Saves a copy of a paper outside the vault.
#[tauri::command]
pub async fn agenda_paper_save(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    paper: i64,
) -> CommandResult<Option<String>> {
    let request = Request::Paper { meeting: id, paper };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command(async)]
pub fn agenda_paper_remove(
    desk: State<'_, Desk>,
    id: MeetingId,
    paper: i64,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::remove_paper(v, id, paper))
}
