//! The demo's minutes: the last three meetings of Marlow Fen Local IAG with
//! full records, so every screen and document has something real to show:
//! confidential and not-recorded items, advice with every kind of police
//! response, actions done, open and overdue, a tied vote decided by the
//! chair's casting vote, and two sets of minutes approved at the following
//! meeting (the third still a draft). And the two meetings of the stood-down
//! critical group: the advice it gave on its incident and what the police
//! did with it.
//!
//! Written inside the demo's own transaction with the same checks the
//! window uses; skipped when those meetings already have an agenda, so
//! loading the demo twice adds nothing.

use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, PersonId};
use crate::meetings::agenda::{self, ItemDraft};
use crate::minutes::{self, EntryDraft};
use crate::storage::{meetings as mdb, minutes as db};
use crate::vocabulary::{
    ActionStatus, AdviceResponse, AttendanceMode, Capacity, MeetingStatus, Presence, Role,
};
use chrono::{Days, NaiveDateTime};
use rusqlite::Connection;

struct Held {
    id: MeetingId,
    at: NaiveDateTime,
    /// Agenda item ids, in order.
    items: Vec<i64>,
    members: Vec<PersonId>,
}

impl Held {
    fn add(&self, conn: &Connection, index: usize, draft: EntryDraft) -> Result<i64> {
        let item = self.items[index];
        let (_, level) = db::item_level(conn, item)?;
        let on = self.at.date();
        let valid = minutes::check_entry(&draft, level, on).map_err(Error::rejected)?;
        minutes::insert_checked(conn, self.id, item, &valid, on, self.at)
    }
}

fn entry(kind: &str, text: &str) -> EntryDraft {
    EntryDraft {
        kind: kind.into(),
        text: text.into(),
        ..Default::default()
    }
}

/// The standard agenda with the given items made confidential or not
/// recorded, and the register taken: all but one member present.
fn hold(
    conn: &Connection,
    group: GroupId,
    id: MeetingId,
    at: NaiveDateTime,
    private: &[(usize, &str, &str, &str)],
) -> Result<Held> {
    hold_with(conn, group, id, at, agenda::standard_template(), private)
}

/// `drafts` as the agenda, with the given items made confidential or not
/// recorded, and the register taken: all but one member present.
fn hold_with(
    conn: &Connection,
    group: GroupId,
    id: MeetingId,
    at: NaiveDateTime,
    mut drafts: Vec<ItemDraft>,
    private: &[(usize, &str, &str, &str)],
) -> Result<Held> {
    for (index, level, public_title, reason) in private {
        drafts[*index] = ItemDraft {
            confidentiality: (*level).into(),
            public_title: (*public_title).into(),
            reason: (*reason).into(),
            ..drafts[*index].clone()
        };
    }
    let items = agenda::check_agenda(&drafts).map_err(Error::rejected)?;
    mdb::replace_items(conn, id, &items)?;
    mdb::expect_roster(conn, id, group, at.date())?;
    let register = mdb::attendance(conn, id)?;
    let mut members = Vec::new();
    for (n, r) in register.iter().enumerate() {
        let Some(person) = r.person else { continue };
        let presence = if r.capacity == Capacity::Member && n == 2 {
            Presence::Apologies
        } else {
            Presence::Present
        };
        // One member arrives late, during the police update.
        let arrived = (r.capacity == Capacity::Member && n == 4).then_some(5);
        mdb::set_presence(conn, id, person, presence, arrived, None)?;
        if r.capacity == Capacity::Member && presence == Presence::Present {
            members.push(person);
        }
        // One member joins by video link.
        if r.capacity == Capacity::Member && n == 3 {
            mdb::set_line_details(
                conn,
                id,
                r.line,
                &mdb::LineDetails {
                    role_text: "",
                    capacity: Capacity::Member,
                    mode: AttendanceMode::Remote,
                    for_items: None,
                    takes_minutes: false,
                },
            )?;
        }
    }
    register_as_minutes_keep_it(conn, group, id, at, items.len())?;
    mdb::set_status(conn, id, MeetingStatus::MinutesDraft)?;
    Ok(Held {
        id,
        at,
        items: mdb::items(conn, id)?
            .into_iter()
            .filter_map(|(i, _)| i.id)
            .collect(),
        members,
    })
}

/// What real minutes record besides members: the secretariat taking the
/// minutes, a council officer for one item, an anonymised specialist, and
/// the vice chair in the chair when the chair sent apologies. Lines already
/// there (the demo brought up to date) are left as they are.
fn register_as_minutes_keep_it(
    conn: &Connection,
    group: GroupId,
    id: MeetingId,
    at: NaiveDateTime,
    items: usize,
) -> Result<()> {
    let register = mdb::attendance(conn, id)?;
    let has = |name: &str| {
        register
            .iter()
            .any(|r| r.name == name || r.role_text == name)
    };
    let last = items.saturating_sub(1);
    struct Guest {
        name: &'static str,
        anonymous: bool,
        role: &'static str,
        capacity: Capacity,
        for_items: Option<(usize, usize)>,
        takes_minutes: bool,
    }
    let guests = [
        Guest {
            name: "Joanne Pike",
            anonymous: false,
            role: "Business Support Officer, Fenwold Police",
            capacity: Capacity::Secretariat,
            for_items: None,
            takes_minutes: true,
        },
        Guest {
            name: "Cllr Dev Patel",
            anonymous: false,
            role: "Community Safety Lead, Fenwold District Council",
            capacity: Capacity::InAttendance,
            for_items: Some((4.min(last), 4.min(last))),
            takes_minutes: false,
        },
        Guest {
            name: "",
            anonymous: true,
            role: "A youth worker from a local charity",
            capacity: Capacity::InAttendance,
            for_items: Some((5.min(last), 6.min(last))),
            takes_minutes: false,
        },
    ];
    for g in guests {
        if has(if g.anonymous { g.role } else { g.name }) {
            continue;
        }
        mdb::add_guest(
            conn,
            id,
            g.name,
            g.anonymous,
            &mdb::LineDetails {
                role_text: g.role,
                capacity: g.capacity,
                mode: AttendanceMode::InPerson,
                for_items: g.for_items,
                takes_minutes: g.takes_minutes,
            },
        )?;
    }
    let roles = mdb::group_roles_on(conn, group, at.date())?;
    let present = |role: Role| {
        roles.iter().find_map(|(p, r)| {
            (*r == role
                && register.iter().any(|l| {
                    l.person == Some(*p)
                        && l.capacity == Capacity::Member
                        && l.presence == Presence::Present
                }))
            .then_some(*p)
        })
    };
    if present(Role::Chair).is_none() {
        mdb::set_chaired_by(conn, id, present(Role::ViceChair))?;
    }
    Ok(())
}

fn respond(
    conn: &Connection,
    advice: i64,
    response: AdviceResponse,
    reason: &str,
    at: NaiveDateTime,
    days_later: u64,
) -> Result<()> {
    db::set_response(
        conn,
        advice,
        response,
        reason,
        Some(at.date() + Days::new(days_later)),
    )
}

/// `past` are the group's held meetings, oldest first.
pub(super) fn load(
    conn: &Connection,
    group: GroupId,
    past: &[(MeetingId, NaiveDateTime)],
) -> Result<()> {
    let [.., (m1, at1), (m2, at2), (m3, at3)] = past else {
        return Ok(());
    };
    if !mdb::items(conn, *m3)?.is_empty() {
        return Ok(());
    }
    const TENSIONS: usize = 7;
    let first = hold(
        conn,
        group,
        *m1,
        *at1,
        &[(
            TENSIONS,
            "confidential",
            "Community tensions",
            "community_tension",
        )],
    )?;
    let second = hold(
        conn,
        group,
        *m2,
        *at2,
        &[(
            9,
            "not_recorded",
            "Update on a live investigation",
            "live_investigation",
        )],
    )?;
    let third = hold(conn, group, *m3, *at3, &[])?;

    // The first meeting: its minutes approved at the second.
    let owner = |h: &Held, n: usize| Some(h.members[n % h.members.len()].0);
    first.add(
        conn,
        2,
        EntryDraft {
            person_id: owner(&first, 1),
            ..entry(
                "declaration",
                "Volunteers with Marlow Fen Youth Club, which item 7 concerns.",
            )
        },
    )?;
    first.add(
        conn,
        5,
        entry(
            "note",
            "Inspector Lloyd reported that burglary in Marlow Fen fell by a tenth over the \
             quarter, and that two new PCSOs start on the northern villages beat.",
        ),
    )?;
    let accepted = first.add(
        conn,
        5,
        EntryDraft {
            police_recipient: "Inspector Gareth Lloyd".into(),
            ..entry(
                "advice",
                "Publish the beat surgeries in the villages' newsletters as well as online, \
                 since many older residents do not use social media.",
            )
        },
    )?;
    respond(conn, accepted, AdviceResponse::Accepted, "", *at1, 12)?;
    first.add(
        conn,
        6,
        entry(
            "decision",
            "To ask for stop and search figures by ward and by self-defined ethnicity \
             every quarter.",
        ),
    )?;
    let partly = first.add(
        conn,
        6,
        EntryDraft {
            police_recipient: "Chief Inspector Priya Nair".into(),
            ..entry(
                "advice",
                "Offer body-worn video footage of stops to the scrutiny panel each quarter.",
            )
        },
    )?;
    respond(
        conn,
        partly,
        AdviceResponse::PartlyAccepted,
        "Footage will be shown twice a year, not quarterly, because of the time needed to \
         redact the faces of passers-by.",
        *at1,
        20,
    )?;
    let done = first.add(
        conn,
        6,
        EntryDraft {
            owner_id: owner(&first, 0),
            due_on: (at1.date() + Days::new(21)).format("%Y-%m-%d").to_string(),
            ..entry(
                "action",
                "Write to the district commander asking for the quarterly figures.",
            )
        },
    )?;
    first.add(
        conn,
        TENSIONS,
        entry(
            "note",
            "Members reported rising tension on the Fenside estate after an arrest outside \
             the youth club; two families have asked for reassurance visits.",
        ),
    )?;
    let not_followed = first.add(
        conn,
        TENSIONS,
        EntryDraft {
            police_recipient: "Inspector Gareth Lloyd".into(),
            ..entry(
                "advice",
                "Hold an open meeting at the youth club before any further action on the estate.",
            )
        },
    )?;
    respond(
        conn,
        not_followed,
        AdviceResponse::NotFollowed,
        "An open meeting could have prejudiced a live prosecution; the neighbourhood team \
         visited the families individually instead.",
        *at1,
        9,
    )?;
    let vote = first.add(
        conn,
        10,
        EntryDraft {
            votes_for: 3,
            votes_against: 3,
            votes_abstain: 0,
            casting_vote: "for".into(),
            ..entry(
                "vote",
                "That two members observe a stop and search briefing at Marlow Fen station.",
            )
        },
    )?;
    db::declare_vote(conn, vote, *at1)?;

    // The second meeting approves the first, reports the action done, and
    // keeps a not-recorded item.
    let (_, level) = db::item_level(conn, second.items[3])?;
    minutes::approve_in(conn, first.id, second.id, second.items[3], level, *at2)?;
    db::set_action_status(
        conn,
        done,
        ActionStatus::Done,
        at2.date(),
        "The figures arrived and were circulated.",
        Some(second.id),
    )?;
    second.add(
        conn,
        5,
        entry(
            "note",
            "Anti-social behaviour around the bus station is the main concern raised at \
             beat surgeries.",
        ),
    )?;
    second.add(
        conn,
        5,
        EntryDraft {
            police_recipient: "Chief Inspector Priya Nair".into(),
            ..entry(
                "advice",
                "Involve the youth club's leaders before dispersal orders are used at the \
                 bus station.",
            )
        },
    )?;
    second.add(
        conn,
        6,
        EntryDraft {
            owner_id: owner(&second, 2),
            due_on: (at2.date() + Days::new(14)).format("%Y-%m-%d").to_string(),
            ..entry(
                "action",
                "Collect members' questions on the use-of-force figures for the inspector.",
            )
        },
    )?;

    // The third meeting approves the second; its own minutes are a draft.
    let (_, level) = db::item_level(conn, third.items[3])?;
    minutes::approve_in(conn, second.id, third.id, third.items[3], level, *at3)?;
    third.add(
        conn,
        5,
        entry(
            "note",
            "The inspector introduced the new neighbourhood sergeant and summarised the \
             quarter's crime figures.",
        ),
    )?;
    third.add(
        conn,
        7,
        entry(
            "decision",
            &format!(
                "To run a joint stall with the neighbourhood team at the Marlow Fen {} market.",
                super::season(at3.date() + Days::new(56))
            ),
        ),
    )?;
    third.add(
        conn,
        7,
        EntryDraft {
            owner_id: owner(&third, 1),
            due_on: (at3.date() + Days::new(42)).format("%Y-%m-%d").to_string(),
            ..entry("action", "Book the stall and draw up a rota of members.")
        },
    )?;
    third.add(
        conn,
        9,
        EntryDraft {
            police_recipient: "Inspector Gareth Lloyd".into(),
            ..entry(
                "advice",
                "Translate the consultation leaflet into Polish, Bengali and Punjabi.",
            )
        },
    )?;
    Ok(())
}

/// The stood-down critical group's two meetings (`held`, oldest first):
/// the police briefing and community impact in confidence, the advice it
/// gave on its incident with the police response to each, an action done,
/// and the first meeting's minutes approved at the second.
pub(super) fn critical(
    conn: &Connection,
    group: GroupId,
    held: &[(MeetingId, NaiveDateTime)],
) -> Result<()> {
    let [(m1, at1), (m2, at2)] = held else {
        return Ok(());
    };
    if !mdb::items(conn, *m2)?.is_empty() {
        return Ok(());
    }
    // The critical-incident agenda keeps its own confidential items.
    const BRIEFING: usize = 1;
    const IMPACT: usize = 2;
    const GOLD: usize = 3;
    const ADVICE: usize = 4;
    const COMMUNICATION: usize = 5;
    const ACTIONS: usize = 6;
    let first = hold_with(
        conn,
        group,
        *m1,
        *at1,
        crate::incidents::critical_incident_template(),
        &[],
    )?;
    let mut second_agenda = crate::incidents::critical_incident_template();
    second_agenda.insert(
        1,
        ItemDraft {
            title: "Minutes of the previous meeting".into(),
            purpose: "To approve the minutes as a correct record.".into(),
            minutes: 5,
            ..Default::default()
        },
    );
    let second = hold_with(conn, group, *m2, *at2, second_agenda, &[])?;
    let owner = |h: &Held, n: usize| Some(h.members[n % h.members.len()].0);

    first.add(
        conn,
        BRIEFING,
        entry(
            "note",
            "Inspector Sandhu briefed the group: the man remains in hospital, the officers' \
             body-worn video has been secured, and the IOPC is investigating.",
        ),
    )?;
    first.add(
        conn,
        IMPACT,
        entry(
            "note",
            "Members reported fear and anger on the Kingsmead estate, most of all among young \
             Black men; church leaders are planning a vigil in the park.",
        ),
    )?;
    first.add(
        conn,
        GOLD,
        entry(
            "decision",
            "To ask the police to keep the Gold group meeting daily and to invite the critical \
             group's chair to sit on it.",
        ),
    )?;
    let statement = first.add(
        conn,
        ADVICE,
        EntryDraft {
            police_recipient: "Chief Superintendent Helen Marsh".into(),
            ..entry(
                "advice",
                "Publish a holding statement within a day that names the IOPC referral, and \
                 brief community leaders before the press.",
            )
        },
    )?;
    respond(conn, statement, AdviceResponse::Accepted, "", *at1, 1)?;
    let pause = first.add(
        conn,
        ADVICE,
        EntryDraft {
            police_recipient: "Chief Superintendent Helen Marsh".into(),
            ..entry(
                "advice",
                "Pause stop and search in Kingsmead Park for a fortnight except on \
                 intelligence, and tell residents why.",
            )
        },
    )?;
    respond(
        conn,
        pause,
        AdviceResponse::PartlyAccepted,
        "Searches in the park went ahead only with an inspector's authority, and residents \
         were told why; a full pause was not agreed because of knife crime in the area.",
        *at1,
        4,
    )?;
    first.add(
        conn,
        COMMUNICATION,
        entry(
            "note",
            "The chair and two members will attend the vigil; the neighbourhood team will keep \
             a low-key presence.",
        ),
    )?;
    let meet_family = first.add(
        conn,
        ACTIONS,
        EntryDraft {
            owner_id: owner(&first, 0),
            due_on: (at1.date() + Days::new(7)).format("%Y-%m-%d").to_string(),
            ..entry(
                "action",
                "Arrange for the family's representatives to meet the Gold group.",
            )
        },
    )?;

    // The second meeting approves the first, hears the action done, and
    // records advice the police did not follow, with their reason.
    let (_, level) = db::item_level(conn, second.items[1])?;
    minutes::approve_in(conn, first.id, second.id, second.items[1], level, *at2)?;
    db::set_action_status(
        conn,
        meet_family,
        ActionStatus::Done,
        at2.date(),
        "The family's solicitor and pastor met the Gold group.",
        Some(second.id),
    )?;
    second.add(
        conn,
        BRIEFING + 1,
        entry(
            "note",
            "The man has left hospital. The IOPC investigation continues; two officers are on \
             restricted duties.",
        ),
    )?;
    let publish = second.add(
        conn,
        ADVICE + 1,
        EntryDraft {
            police_recipient: "Chief Superintendent Helen Marsh".into(),
            ..entry(
                "advice",
                "Publish now what the force has already changed in how officers use Tasers in \
                 public spaces.",
            )
        },
    )?;
    respond(
        conn,
        publish,
        AdviceResponse::NotFollowed,
        "The IOPC asked the force to publish nothing about the arrest while it investigates; \
         the force will publish its changes when the investigation ends.",
        *at2,
        6,
    )?;
    second.add(
        conn,
        ACTIONS + 1,
        entry(
            "decision",
            "To stand down once the Gold group closes, handing any open concerns to the \
             Brackenford Local IAG.",
        ),
    )?;
    Ok(())
}

/// Eastwick's last three meetings with their registers taken (their minutes
/// are not written here): everyone there but one member, absent each time
/// without apologies, whom the dashboard then names for the chair to
/// follow up, as the group's terms of reference ask after three.
pub(super) fn registers_taken(
    conn: &Connection,
    group: GroupId,
    meetings: &[(MeetingId, NaiveDateTime)],
    absentee: PersonId,
) -> Result<()> {
    let mut latest = meetings.to_vec();
    latest.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
    for (id, at) in latest.into_iter().take(3) {
        mdb::expect_roster(conn, id, group, at.date())?;
        for r in mdb::attendance(conn, id)? {
            let Some(person) = r.person else { continue };
            let presence = if person == absentee {
                Presence::Absent
            } else {
                Presence::Present
            };
            mdb::set_presence(conn, id, person, presence, None, None)?;
        }
    }
    Ok(())
}
