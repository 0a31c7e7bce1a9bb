//! Planning a meeting: creating it (with its agenda from the group's
//! template and its expected attendees from the roster), editing the
//! agenda, agreement by chair and police, the register and the quorum, and
//! which groups are due to meet.
//!
//! Invariant: changing an agreed agenda clears the agreement, and the caller
//! is told so; an agenda is agreed only when both chair and police agreed.

mod agreement;
mod attached_papers;
mod editing;
mod invitations;
mod register;
mod scheduling;
mod view;

pub use agreement::agree;
pub(crate) use agreement::agree_in;
pub use attached_papers::{attach_paper, paper, remove_paper, set_paper_level, MAX_PAPER_BYTES};
pub(crate) use attached_papers::{attach_paper_at_level_in, attach_paper_in};
pub use editing::{save_agenda, save_template, template_for, Saved};
pub use invitations::{calendar, invitation};
pub use register::{add_guest, set_chair, set_line, set_presence, GuestForm, LineForm};
pub use scheduling::{
    check_meeting_form, create, due, update_details, GroupDue, MeetingForm, ValidMeeting,
};
pub use view::{
    detail, title, AgendaLine, Agreement, MeetingDetail, MeetingTitle, PaperView, RegisterLine,
};
