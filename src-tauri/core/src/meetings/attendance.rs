//! The attendance register and the quorum, evaluated live.
//!
//! Only members count towards the quorum; police contacts and guests are
//! "in attendance". A member who has left the room (departed at an item)
//! no longer counts from that item on.

use crate::ids::PersonId;
use crate::meetings::agenda;
use crate::roster::rules::Quorum;
use crate::storage::meetings::AttendanceRow;
use crate::vocabulary::{Capacity, PersonKind, Presence, Role};
use serde::Serialize;

/// The role printed beside a name: as typed for this meeting, else a
/// police contact's rank and post from the roster.
pub(crate) fn role(row: &AttendanceRow) -> String {
    if !row.role_text.is_empty() || row.person_kind != Some(PersonKind::Police) {
        return row.role_text.clone();
    }
    row.police_rank.clone()
}

/// "for item 2" or "for items 3–4", from agenda positions and the agenda's
/// numbers.
pub fn items_phrase(items: Option<(usize, usize)>, numbers: &[String]) -> Option<String> {
    let number = |p: usize| agenda::number_at(numbers, p);
    items.map(|(a, b)| {
        if a == b {
            format!("for item {}", number(a))
        } else {
            format!("for items {}–{}", number(a), number(b))
        }
    })
}

/// The items typed back into the form: "2" or "3-4".
pub fn items_text(items: Option<(usize, usize)>, numbers: &[String]) -> String {
    let number = |p: usize| agenda::number_at(numbers, p);
    match items {
        Some((a, b)) if a == b => number(a),
        Some((a, b)) => format!("{}-{}", number(a), number(b)),
        None => String::new(),
    }
}

/// Who chaired: the member chosen, else the group's chair if present.
pub(crate) fn chair(
    chosen: Option<PersonId>,
    register: &[AttendanceRow],
    roles: &[(PersonId, Role)],
) -> Option<PersonId> {
    let present = |p: PersonId| {
        register.iter().any(|r| {
            r.person == Some(p) && r.capacity == Capacity::Member && r.presence == Presence::Present
        })
    };
    chosen.or_else(|| {
        roles
            .iter()
            .find(|(p, r)| *r == Role::Chair && present(*p))
            .map(|(p, _)| *p)
    })
}

/// One line of the register, as the quorum rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub capacity: Capacity,
    pub presence: Presence,
    /// Item position (0-based) at which they arrived; None = from the start.
    pub arrived_at: Option<usize>,
    /// Item position at which they left; None = stayed to the end.
    pub left_at: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumState {
    pub needed: u32,
    pub present: u32,
    pub quorate: bool,
    /// "Quorate: 4 members present, 3 needed (1/3 of 9 members)."
    pub summary: String,
}

/// Members in the room during item `at` (0-based), against the quorum.
pub fn quorum_at(quorum: Quorum, members: u32, lines: &[Line], at: usize) -> QuorumState {
    let present = lines
        .iter()
        .filter(|l| l.capacity == Capacity::Member && l.presence == Presence::Present)
        .filter(|l| l.arrived_at.is_none_or(|a| a <= at) && l.left_at.is_none_or(|d| d > at))
        .count() as u32;
    let needed = quorum.needed(members);
    let quorate = present >= needed;
    QuorumState {
        needed,
        present,
        quorate,
        summary: format!(
            "{}: {present} member{} present, {needed} needed ({}).",
            if quorate { "Quorate" } else { "Not quorate" },
            if present == 1 { "" } else { "s" },
            quorum.describe(members)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(presence: Presence) -> Line {
        Line {
            capacity: Capacity::Member,
            presence,
            arrived_at: None,
            left_at: None,
        }
    }

    #[test]
    fn only_present_members_count() {
        let q = Quorum::parse("1/3").unwrap();
        let lines = [
            member(Presence::Present),
            member(Presence::Present),
            member(Presence::Apologies),
            Line {
                capacity: Capacity::InAttendance,
                ..member(Presence::Present)
            },
        ];
        let s = quorum_at(q, 9, &lines, 0);
        assert_eq!(
            (s.present, s.needed, s.quorate),
            (2, 3, false),
            "police and guests do not count"
        );
        assert_eq!(
            s.summary,
            "Not quorate: 2 members present, 3 needed (1/3 of members (3 of 9))."
        );
    }

    #[test]
    fn late_arrivals_and_early_departures_change_the_count_by_item() {
        let q = Quorum::parse("3").unwrap();
        let late = Line {
            arrived_at: Some(2),
            ..member(Presence::Present)
        };
        let early = Line {
            left_at: Some(4),
            ..member(Presence::Present)
        };
        let lines = [member(Presence::Present), late, early];
        assert!(
            !quorum_at(q, 9, &lines, 1).quorate,
            "before the late arrival"
        );
        assert!(quorum_at(q, 9, &lines, 2).quorate, "from item 3");
        assert!(
            !quorum_at(q, 9, &lines, 4).quorate,
            "after the early departure"
        );
    }
}
