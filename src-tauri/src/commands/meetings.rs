use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::ids::{GroupId, MeetingId, PersonId};
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::handover::{self, Imported};
use iag_desk_core::meetings::plan::{self, GroupDue, MeetingDetail, MeetingForm, Saved};
use iag_desk_core::meetings::{self, MeetingSummary};
use iag_desk_core::minutes::Audience;
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

/// Asks where, writes `bytes` there, and remembers it for "Open it".
pub(crate) async fn save_as(
    desk: &Desk,
    answers: &crate::dialogs::Answers,
    title: &str,
    name: &str,
    filter: (&str, &[&str]),
    bytes: &[u8],
) -> CommandResult<Option<String>> {
    let Some(path) = crate::dialogs::save(answers, title, name, filter).await else {
        return Ok(None);
    };
    crate::files::write_atomically(&path, bytes)?;
    desk.set_last_written(path.clone());
    Ok(Some(path.display().to_string()))
}

const ICS: (&str, &[&str]) = ("Calendar (iCalendar)", &["ics"]);
const JSON: (&str, &[&str]) = ("IAG Desk hand-over file", &["json"]);

#[tauri::command]
pub async fn meetings_export_calendar(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: Option<GroupId>,
) -> CommandResult<Option<String>> {
    let ics = desk.with_vault(|v| plan::calendar(v, group, crate::clock::now_utc()))?;
    save_as(
        &desk,
        &answers,
        "Save the calendar",
        "iag-meetings.ics",
        ICS,
        ics.as_bytes(),
    )
    .await
}

#[tauri::command]
pub async fn meeting_export_invitation(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    let ics = desk.with_vault(|v| plan::invitation(v, id, crate::clock::now_utc()))?;
    let date = desk.with_vault(|v| plan::title(v, id))?.date;
    save_as(
        &desk,
        &answers,
        "Save the invitation",
        &format!("meeting-{date}.ics"),
        ICS,
        ics.as_bytes(),
    )
    .await
}

#[tauri::command]
pub async fn meeting_export_handover(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
) -> CommandResult<Option<String>> {
    let json = desk.with_vault(|v| handover::export(v, id, audience))?;
    let date = desk.with_vault(|v| plan::title(v, id))?.date;
    let saved = save_as(
        &desk,
        &answers,
        "Save the hand-over file",
        &format!(
            "meeting-{date}-{}.json",
            match audience {
                Audience::Public => "public",
                Audience::Members => "members",
            }
        ),
        JSON,
        json.as_bytes(),
    )
    .await?;
    if saved.is_some() && audience == Audience::Members {
        desk.with_vault(|v| crate::audit_export(v, id, "The members' hand-over file"))?;
    }
    Ok(saved)
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

pub(crate) const PDF: (&str, &[&str]) = ("PDF document", &["pdf"]);
/// The accessible alternative to a PDF: the same document as a web page.
pub(crate) const HTML: (&str, &[&str]) = ("Web page (HTML)", &["html"]);

/// The web page's name: the PDF's, ending in `.html`.
fn html_name(pdf_name: &str) -> String {
    format!("{}.html", pdf_name.strip_suffix(".pdf").unwrap_or(pdf_name))
}

/// The two forms of a printed document: the PDF, and the same audience's
/// document as an accessible web page. Each export command names its form;
/// everything else (what is fetched, named, audited) is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Pdf,
    WebPage,
}

impl Form {
    /// Asks where, titled and named for this form, and writes `bytes`.
    pub(crate) async fn save(
        self,
        desk: &Desk,
        answers: &crate::dialogs::Answers,
        title: &str,
        pdf_name: &str,
        bytes: &[u8],
    ) -> CommandResult<Option<String>> {
        match self {
            Form::Pdf => save_as(desk, answers, title, pdf_name, PDF, bytes).await,
            Form::WebPage => {
                let title = format!("{title} as a web page");
                save_as(desk, answers, &title, &html_name(pdf_name), HTML, bytes).await
            }
        }
    }
}

/// The agenda, from the public view, in either form.
async fn export_agenda(
    desk: &Desk,
    answers: &crate::dialogs::Answers,
    id: MeetingId,
    form: Form,
) -> CommandResult<Option<String>> {
    let bytes = desk.with_vault(|v| match form {
        Form::Pdf => plan::agenda_pdf(v, id),
        Form::WebPage => plan::agenda_html(v, id).map(String::into_bytes),
    })?;
    let name = file_name(desk, id, "agenda")?;
    form.save(desk, answers, "Save the agenda", &name, &bytes)
        .await
}

#[tauri::command]
pub async fn meeting_export_agenda_pdf(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    export_agenda(&desk, &answers, id, Form::Pdf).await
}

/// The agenda as an accessible web page, from the same public view.
#[tauri::command]
pub async fn meeting_export_agenda_html(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    export_agenda(&desk, &answers, id, Form::WebPage).await
}

#[tauri::command]
pub async fn meeting_export_signin_pdf(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    let bytes = desk.with_vault(|v| plan::sign_in_pdf(v, id))?;
    let name = file_name(&desk, id, "sign-in-sheet")?;
    save_as(
        &desk,
        &answers,
        "Save the sign-in sheet",
        &name,
        PDF,
        &bytes,
    )
    .await
}

/// "marlow-fen-local-iag-agenda-2026-12-09.pdf": the group and the date only,
/// never an item's title, so no confidential word can reach a file name.
pub(crate) fn file_name(desk: &Desk, id: MeetingId, what: &str) -> CommandResult<String> {
    let m = desk.with_vault(|v| plan::title(v, id))?;
    let group: String = m
        .group_name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Ok(format!("{group}-{what}-{}.pdf", m.date))
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
    let (name, bytes) = desk.with_vault(|v| plan::paper(v, id, paper))?;
    save_as(
        &desk,
        &answers,
        "Save a copy of the paper",
        &name,
        ("Any file", &["*"]),
        &bytes,
    )
    .await
}

#[tauri::command(async)]
pub fn agenda_paper_remove(
    desk: State<'_, Desk>,
    id: MeetingId,
    paper: i64,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::remove_paper(v, id, paper))
}
