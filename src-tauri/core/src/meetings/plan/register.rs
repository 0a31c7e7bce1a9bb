//! The attendance register as the meeting goes: who is present, who sent
//! apologies, who arrived late or left early; for each line a role or
//! organisation, in person or remote, the items a guest attends for, the
//! secretariat and the minute-taker; guests and anonymised attendees; and
//! who chaired.

use super::editing::ensure_minutes_open;
use crate::error::{Error, Problem, Result};
use crate::ids::{MeetingId, PersonId};
use crate::meetings::agenda;
use crate::storage::meetings::{AttendanceRow, LineDetails};
use crate::storage::{meetings as db, Vault};
use crate::vocabulary::{AttendanceMode, Capacity, PersonKind, Presence};
use serde::{Deserialize, Serialize};

/// Longest role or organisation kept, so a pasted paragraph cannot bloat a
/// register line.
const MAX_ROLE: usize = 200;

pub fn set_presence(
    vault: &mut Vault,
    id: MeetingId,
    person: PersonId,
    presence: &str,
    arrived_at: Option<usize>,
    left_at: Option<usize>,
) -> Result<()> {
    ensure_minutes_open(vault, id)?;
    let presence = Presence::from_code(presence.trim()).ok_or_else(|| {
        Error::invalid("presence", "choose expected, present, apologies or absent.")
    })?;
    if let (Some(a), Some(l)) = (arrived_at, left_at) {
        if l < a {
            return Err(Error::invalid(
                "left_at",
                "someone cannot leave before they arrive.",
            ));
        }
    }
    db::set_presence(vault.conn(), id, person, presence, arrived_at, left_at)
}

/// A line's details besides presence, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct LineForm {
    /// "Community Safety Officer, Fenwold District Council". Empty for a
    /// police contact means their rank from the roster.
    pub role: String,
    /// member, in_attendance or secretariat; empty keeps the line's own
    /// (a new guest is in attendance).
    pub capacity: String,
    /// in_person (the default) or remote.
    pub mode: String,
    /// The agenda items a guest attends for: "2", "3-4", or empty for all.
    pub for_items: String,
    pub takes_minutes: bool,
}

/// Someone not on the roster, as typed: a guest with a name, or an
/// anonymised attendee ("A psychologist") with a role and no name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct GuestForm {
    pub name: String,
    pub anonymous: bool,
    pub details: LineForm,
}

/// Who a line is, for the rules on what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Member,
    Police,
    Guest,
}

fn who(row: &AttendanceRow) -> Who {
    match (row.person, row.person_kind) {
        (Some(_), Some(PersonKind::Police)) => Who::Police,
        (Some(_), _) => Who::Member,
        (None, _) => Who::Guest,
    }
}

fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "2" or "3-4" (agenda numbers, "2.1" too) as the positions of the first
/// and last item, among `numbers` (the agenda's numbers in order).
pub fn parse_items(
    text: &str,
    numbers: &[String],
) -> std::result::Result<Option<(usize, usize)>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let text = text
        .trim_start_matches("items")
        .trim_start_matches("item")
        .trim();
    let (first, last) = match text.split_once(['-', '–']) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (text, text),
    };
    let range = match (numbers.first(), numbers.last()) {
        (Some(a), Some(b)) => format!("its items run from {a} to {b}"),
        _ => "it has no items yet".to_string(),
    };
    let at = |n: &str| {
        numbers
            .iter()
            .position(|x| x == n)
            .ok_or_else(|| format!("there is no item {n} on this agenda ({range})."))
    };
    let (a, b) = (at(first)?, at(last)?);
    if b < a {
        return Err(format!(
            "item {last} comes before item {first}; write them in order, as {last}-{first}."
        ));
    }
    Ok(Some((a, b)))
}

/// A line's details that passed the checks.
#[derive(Debug, PartialEq, Eq)]
struct Checked {
    role: String,
    capacity: Capacity,
    mode: AttendanceMode,
    for_items: Option<(usize, usize)>,
}

impl Checked {
    fn details(&self, takes_minutes: bool) -> LineDetails<'_> {
        LineDetails {
            role_text: &self.role,
            capacity: self.capacity,
            mode: self.mode,
            for_items: self.for_items,
            takes_minutes,
        }
    }
}

/// Checks a line's details for a line of `who`; `current` is the line's
/// capacity now (None for a new guest).
fn check_details(
    form: &LineForm,
    who: Who,
    current: Option<Capacity>,
    numbers: &[String],
) -> std::result::Result<Checked, Vec<Problem>> {
    let mut problems = Vec::new();
    let role = tidy(&form.role);
    if role.chars().count() > MAX_ROLE {
        problems.push(Problem::new(
            "role",
            format!("keep the role or organisation under {MAX_ROLE} characters."),
        ));
    }
    let capacity = match form.capacity.trim() {
        "" => current.unwrap_or(Capacity::InAttendance),
        code => Capacity::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new(
                "capacity",
                "choose member, in attendance or secretariat.",
            ));
            current.unwrap_or(Capacity::InAttendance)
        }),
    };
    if capacity == Capacity::Member && who != Who::Member {
        problems.push(Problem::new(
            "capacity",
            match who {
                Who::Police => "a police contact is in attendance, never a member.",
                _ => "only a member on the roster can be counted as a member.",
            },
        ));
    }
    if capacity == Capacity::InAttendance && who == Who::Member {
        problems.push(Problem::new(
            "capacity",
            "a member is counted as a member, or supports the meeting as secretariat.",
        ));
    }
    let mode = match form.mode.trim() {
        "" => AttendanceMode::InPerson,
        code => AttendanceMode::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::new("mode", "choose in person or remote."));
            AttendanceMode::InPerson
        }),
    };
    let for_items = match parse_items(&form.for_items, numbers) {
        Ok(Some(_)) if capacity == Capacity::Member => {
            problems.push(Problem::new(
                "for_items",
                "a member's arrival and departure say when they were there.",
            ));
            None
        }
        Ok(items) => items,
        Err(message) => {
            problems.push(Problem::new("for_items", message));
            None
        }
    };
    if problems.is_empty() {
        Ok(Checked {
            role,
            capacity,
            mode,
            for_items,
        })
    } else {
        Err(problems)
    }
}

fn agenda_numbers(vault: &Vault, id: MeetingId) -> Result<Vec<String>> {
    let items = db::items(vault.conn(), id)?;
    Ok(agenda::numbers(
        &items.iter().map(|(i, _)| i.depth).collect::<Vec<_>>(),
    ))
}

/// Changes one line's role, capacity, mode, items and minute-taking.
pub fn set_line(vault: &mut Vault, id: MeetingId, line: i64, form: &LineForm) -> Result<()> {
    ensure_minutes_open(vault, id)?;
    let row = db::attendance(vault.conn(), id)?
        .into_iter()
        .find(|r| r.line == line)
        .ok_or_else(|| Error::NotFound {
            what: "That line of this meeting's register".into(),
        })?;
    let numbers = agenda_numbers(vault, id)?;
    let checked =
        check_details(form, who(&row), Some(row.capacity), &numbers).map_err(Error::rejected)?;
    db::set_line_details(vault.conn(), id, line, &checked.details(form.takes_minutes))
}

/// Adds a guest (or an anonymised attendee), present; returns the line.
pub fn add_guest(vault: &mut Vault, id: MeetingId, form: &GuestForm) -> Result<i64> {
    ensure_minutes_open(vault, id)?;
    db::get(vault.conn(), id)?;
    let name = tidy(&form.name);
    let numbers = agenda_numbers(vault, id)?;
    let checked = check_details(&form.details, Who::Guest, None, &numbers);
    let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
    match (form.anonymous, name.is_empty()) {
        (false, true) => problems.push(Problem::new("guest_name", "enter the guest's name.")),
        (true, false) => problems.push(Problem::new(
            "guest_name",
            "an anonymised attendee has no name: give only their role.",
        )),
        _ => {}
    }
    if form.anonymous && tidy(&form.details.role).is_empty() {
        problems.push(Problem::new(
            "role",
            "give the anonymised attendee's role, for example \"A psychologist\".",
        ));
    }
    let checked = match checked {
        Ok(c) if problems.is_empty() => c,
        _ => return Err(Error::rejected(problems)),
    };
    db::add_guest(
        vault.conn(),
        id,
        &name,
        form.anonymous,
        &checked.details(form.details.takes_minutes),
    )
}

/// Records who chaired: a member on the register, present; None goes back
/// to the group's chair.
pub fn set_chair(vault: &mut Vault, id: MeetingId, person: Option<PersonId>) -> Result<()> {
    ensure_minutes_open(vault, id)?;
    if let Some(p) = person {
        let ok = db::attendance(vault.conn(), id)?.iter().any(|r| {
            r.person == Some(p) && r.capacity == Capacity::Member && r.presence == Presence::Present
        });
        if !ok {
            return Err(Error::rejected(vec![Problem::new(
                "chair",
                "the chair is a member marked present at this meeting.",
            )]));
        }
    }
    db::set_chaired_by(vault.conn(), id, person)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers() -> Vec<String> {
        ["1", "2", "2.1", "3", "4", "5", "6", "7", "8"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn items_are_read_as_the_agenda_numbers_them() {
        assert_eq!(parse_items("", &numbers()), Ok(None));
        assert_eq!(parse_items("2", &numbers()), Ok(Some((1, 1))));
        assert_eq!(parse_items("item 2.1", &numbers()), Ok(Some((2, 2))));
        assert_eq!(parse_items("items 3-4", &numbers()), Ok(Some((3, 4))));
        assert_eq!(parse_items("3 – 5", &numbers()), Ok(Some((3, 5))));
    }

    #[test]
    fn an_item_not_on_the_agenda_is_named() {
        assert_eq!(
            parse_items("9", &numbers()),
            Err("there is no item 9 on this agenda (its items run from 1 to 8).".into())
        );
        assert!(parse_items("5-3", &numbers())
            .unwrap_err()
            .contains("comes before"));
    }

    #[test]
    fn a_police_contact_is_never_a_member_and_a_member_has_no_items() {
        let form = LineForm {
            capacity: "member".into(),
            ..Default::default()
        };
        let e = check_details(&form, Who::Police, Some(Capacity::InAttendance), &numbers())
            .unwrap_err();
        assert_eq!(e[0].field, "capacity");
        let form = LineForm {
            for_items: "2".into(),
            ..Default::default()
        };
        let e = check_details(&form, Who::Member, Some(Capacity::Member), &numbers()).unwrap_err();
        assert_eq!(e[0].field, "for_items");
        let form = LineForm {
            capacity: "secretariat".into(),
            mode: "remote".into(),
            role: "  Secretary to   the group ".into(),
            takes_minutes: true,
            ..Default::default()
        };
        assert_eq!(
            check_details(&form, Who::Member, Some(Capacity::Member), &numbers()),
            Ok(Checked {
                role: "Secretary to the group".into(),
                capacity: Capacity::Secretariat,
                mode: AttendanceMode::Remote,
                for_items: None
            })
        );
    }
}
