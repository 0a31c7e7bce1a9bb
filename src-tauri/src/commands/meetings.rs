use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::ids::{GroupId, MeetingId, PersonId};
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::plan::{self, GroupDue, MeetingDetail, MeetingForm, Saved};
use iag_desk_core::meetings::{self, MeetingSummary};
use tauri::State;

#[tauri::command(async)]
pub fn meetings_list(desk: State<'_, Desk>) -> CommandResult<Vec<MeetingSummary>> {
    desk.with_vault(|v| meetings::list(v, super::now()))
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
