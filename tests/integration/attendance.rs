//! Attendance over time against a register built by hand, the group's
//! rules for its record (printed in its terms of reference), and how its
//! draft minutes are marked until approved.

use crate::support::{export, now, pdf_info, pdf_text, today, TempVault};
use iag_desk_core::dashboard;
use iag_desk_core::exports::{Format, Readers, Request};
use iag_desk_core::ids::{GroupId, MeetingId, PersonId};
use iag_desk_core::meetings::plan::{self, GuestForm, LineForm, MeetingForm};
use iag_desk_core::roster::attendance::{self, MemberAttendance};
use iag_desk_core::roster::groups::{self, GroupForm};
use iag_desk_core::roster::members;
use iag_desk_core::roster::rules::PersonForm;
use iag_desk_core::Vault;
use std::collections::BTreeMap;

const AMIRA: &str = "Amira Haddad";
const LUKASZ: &str = "Łukasz Nowak";
const CHEN: &str = "陈静";
const DALIA: &str = "Dalia Begum";
const EVE: &str = "Eve Okafor";

struct Force {
    _t: TempVault,
    vault: Vault,
    group: GroupId,
    people: BTreeMap<&'static str, PersonId>,
}

fn person(vault: &mut Vault, name: &str, n: usize) -> PersonId {
    members::add_person(
        vault,
        &PersonForm {
            full_name: name.into(),
            email: format!("member{n}@example.org"),
            ..Default::default()
        },
        today(),
    )
    .unwrap()
}

fn meeting(vault: &mut Vault, group: GroupId, date: &str) -> MeetingId {
    plan::create(
        vault,
        &MeetingForm {
            group_id: group.0,
            date: date.into(),
            time: "18:30".into(),
            venue: "Riverside Library".into(),
            ..Default::default()
        },
    )
    .unwrap()
}

/// Seven meetings of a new group, registers marked by hand ('P' present,
/// 'A' apologies, 'X' absent, '-' left as expected, ' ' not on the
/// register), with a guest and the secretariat at each meeting held:
///
/// | meeting    | Amira | Łukasz | 陈静 | Dalia | Eve |
/// |------------|-------|--------|------|-------|-----|
/// | 10 Mar     | P     | P      | P    | P     |     |
/// | 12 May     | P     | A      | P    | X     |     |
/// | 14 Jul     | P     | X      | A    |       |     |
/// | 8 Sep      | P     | X      | X    |       |     |
/// | 13 Oct     | A     | A      | -    |       | -   |  nobody present: not counted
/// | 10 Nov     | P     | -      | X    |       | X   |
/// | 8 Dec      | P     | P      | P    |       | P   |  after the period
///
/// Dalia left on 30 June; Eve joined on 1 October.
fn force() -> Force {
    let t = TempVault::new();
    let mut vault = t.create();
    let group = groups::add_group(
        &mut vault,
        &GroupForm {
            name: "Riverside IAG".into(),
            tier: "strategic".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    let mut people = BTreeMap::new();
    for (n, name) in [AMIRA, LUKASZ, CHEN, DALIA, EVE].into_iter().enumerate() {
        let id = person(&mut vault, name, n);
        let from = if name == EVE {
            "2026-10-01"
        } else {
            "2026-01-01"
        };
        let role = if name == AMIRA { "chair" } else { "member" };
        members::assign_role(&mut vault, id, group, role, from, today()).unwrap();
        people.insert(name, id);
    }
    let dalia = members::person(&vault, people[DALIA], today())
        .unwrap()
        .memberships[0]
        .id;
    members::end_role(&mut vault, dalia, "2026-06-30", today()).unwrap();

    let registers: [(&str, [char; 5]); 7] = [
        ("10/03/2026", ['P', 'P', 'P', 'P', ' ']),
        ("12/05/2026", ['P', 'A', 'P', 'X', ' ']),
        ("14/07/2026", ['P', 'X', 'A', ' ', ' ']),
        ("08/09/2026", ['P', 'X', 'X', ' ', ' ']),
        ("13/10/2026", ['A', 'A', '-', ' ', '-']),
        ("10/11/2026", ['P', '-', 'X', ' ', 'X']),
        ("08/12/2026", ['P', 'P', 'P', ' ', 'P']),
    ];
    for (date, marks) in registers {
        let id = meeting(&mut vault, group, date);
        let on_register: Vec<_> = plan::detail(&vault, id)
            .unwrap()
            .register
            .iter()
            .filter_map(|r| r.person_id)
            .collect();
        for (name, mark) in [AMIRA, LUKASZ, CHEN, DALIA, EVE].iter().zip(marks) {
            let p = people[name];
            assert_eq!(
                on_register.contains(&p),
                mark != ' ',
                "{name} on the register of {date}"
            );
            let presence = match mark {
                'P' => "present",
                'A' => "apologies",
                'X' => "absent",
                _ => continue,
            };
            plan::set_presence(&mut vault, id, p, presence, None, None).unwrap();
        }
        if marks[0] == 'P' {
            for (name, capacity) in [("Tom Brennan", ""), ("Joanne Pike", "secretariat")] {
                plan::add_guest(
                    &mut vault,
                    id,
                    &GuestForm {
                        name: name.into(),
                        details: LineForm {
                            capacity: capacity.into(),
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                )
                .unwrap();
            }
        }
    }
    Force {
        _t: t,
        vault,
        group,
        people,
    }
}

fn figures(m: &MemberAttendance) -> [u32; 5] {
    [
        m.expected,
        m.attended,
        m.apologies,
        m.absences,
        m.missed_in_a_row,
    ]
}

fn row<'a>(rows: &'a [MemberAttendance], name: &str) -> &'a MemberAttendance {
    rows.iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("{name} is not in the report"))
}

#[test]
fn the_report_counts_the_hand_built_register_and_flags_three_missed_in_a_row() {
    let f = force();
    // The last twelve months to 23 November 2026.
    let r = attendance::report(&f.vault, f.group, None, None, today()).unwrap();
    assert_eq!(r.period, "24 November 2025 to 23 November 2026");
    assert_eq!(
        r.meetings, 5,
        "13 October (nobody present) and 8 December are not counted"
    );
    let names: Vec<_> = r.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [AMIRA, DALIA, EVE, LUKASZ, CHEN],
        "guests and the secretariat are not counted"
    );
    //                                   expected attended apologies absences in a row
    assert_eq!(figures(row(&r.members, AMIRA)), [5, 5, 0, 0, 0]);
    assert_eq!(figures(row(&r.members, LUKASZ)), [5, 1, 1, 3, 3]);
    assert_eq!(figures(row(&r.members, CHEN)), [5, 2, 1, 2, 2]);
    assert_eq!(figures(row(&r.members, DALIA)), [2, 1, 0, 1, 1]);
    assert_eq!(figures(row(&r.members, EVE)), [1, 0, 0, 1, 1]);
    let flagged: Vec<_> = r.members.iter().filter(|m| m.flag.is_some()).collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(flagged[0].name, LUKASZ);
    assert!(flagged[0]
        .flag
        .as_deref()
        .unwrap()
        .contains("3 meetings in a row without apologies"));

    // A period of the user's choosing.
    let (from, to) = attendance::parse_period("01/05/2026", "2026-09-30").unwrap();
    let summer = attendance::report(&f.vault, f.group, from, to, today()).unwrap();
    assert_eq!(summer.meetings, 3);
    assert_eq!(figures(row(&summer.members, CHEN)), [3, 1, 1, 1, 1]);

    // The dashboard's needs-attention list names the member to follow up.
    let d = dashboard::dashboard(&f.vault, now()).unwrap();
    let names: Vec<_> = d
        .attendance_to_follow_up
        .iter()
        .map(|m| (m.name.as_str(), m.group_name.as_str()))
        .collect();
    assert_eq!(names, [(LUKASZ, "Riverside IAG")]);

    // The member's own page, over the last twelve months.
    let own = attendance::of_member(&f.vault, f.people[LUKASZ], today()).unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(figures(&own[0]), [5, 1, 1, 3, 3]);
    assert!(own[0].flag.is_some());
}

#[test]
fn when_the_group_counts_apologies_as_missed_the_rule_and_the_flags_follow() {
    let mut f = force();
    let mut form = groups::group_form(&f.vault, f.group).unwrap();
    assert_eq!(
        (
            form.missed_in_a_row.as_str(),
            form.apologies_count_as_missed.as_str()
        ),
        ("3", "no"),
        "the defaults"
    );
    form.apologies_count_as_missed = "yes".into();
    groups::update_group(&mut f.vault, f.group, &form, today()).unwrap();
    let r = attendance::report(&f.vault, f.group, None, None, today()).unwrap();
    assert_eq!(
        row(&r.members, CHEN).missed_in_a_row,
        3,
        "apologies, absent, absent"
    );
    let flagged: Vec<_> = r
        .members
        .iter()
        .filter(|m| m.flag.is_some())
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(flagged, [LUKASZ, CHEN]);
    assert!(r
        .rule
        .contains("3 meetings in a row, with or without apologies"));

    // Printed in the terms of reference.
    let tor = pdf_text(
        &export(
            &f.vault,
            Request::Publication {
                group: f.group,
                publication: iag_desk_core::publications::Publication::TermsOfReference,
                member: None,
                large_print: false,
                format: Format::Pdf,
            },
        )
        .bytes,
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ");
    assert!(
        tor.contains("misses 3 meetings in a row, with or without apologies,"),
        "{tor}"
    );

    // A number out of range is refused by its field and changes nothing.
    form.missed_in_a_row = "0".into();
    form.draft_marking = "secret".into();
    let err = groups::update_group(&mut f.vault, f.group, &form, today()).unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["missed_in_a_row", "draft_marking"]);
    assert_eq!(
        groups::group_form(&f.vault, f.group)
            .unwrap()
            .missed_in_a_row,
        "3"
    );
}

#[test]
fn the_report_as_pdf_and_csv_has_the_figures_for_members_only() {
    let f = force();
    let request = |format| Request::Attendance {
        group: f.group,
        from: None,
        to: None,
        format,
    };
    let pdf = export(&f.vault, request(Format::Pdf));
    assert_eq!(pdf.readers, Readers::Members);
    assert!(
        pdf.audit.is_some(),
        "members' names leaving the vault are audited"
    );
    assert_eq!(
        pdf.file_name,
        "Attendance Riverside IAG 2025-11-24 to 2026-11-23.pdf"
    );
    crate::support::keep_pdf("attendance.pdf", &pdf.bytes);
    let text = pdf_text(&pdf.bytes);
    for needle in [
        LUKASZ,
        CHEN,
        "FOLLOW UP",
        "OFFICIAL-SENSITIVE",
        "Missed in a row",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    assert!(pdf_info(&pdf.bytes).contains("Attendance: Riverside IAG"));

    let csv = export(&f.vault, request(Format::Csv));
    let mut reader = csv::Reader::from_reader(csv.bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "member");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let lukasz = rows.iter().find(|r| r[0] == LUKASZ).unwrap();
    assert_eq!(
        lukasz[1..].to_vec(),
        [
            "Riverside IAG",
            "2025-11-24",
            "2026-11-23",
            "5",
            "1",
            "1",
            "3",
            "3",
            "yes"
        ]
    );
    assert_eq!(rows.len(), 5);

    // A period that ends before it starts says so and writes nothing.
    let err = attendance::report(
        &f.vault,
        f.group,
        attendance::parse_period("2026-09-01", "").unwrap().0,
        attendance::parse_period("", "2026-08-01").unwrap().1,
        today(),
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].field, "from");
    let err = attendance::parse_period("31/02/2026", "tomorrow").unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["from", "to"]);
}

/// A group marks its drafts OFFICIAL-SENSITIVE with a handling line until
/// they are approved; then the minutes are OFFICIAL and the line goes.
#[test]
fn draft_minutes_carry_the_groups_marking_until_approved() {
    use iag_desk_core::confidentiality::Audience;
    let (_t, mut vault) = crate::support::demo_vault();
    let g = crate::support::group_named(&vault, "Marlow Fen Local IAG");
    let mut form = groups::group_form(&vault, g).unwrap();
    form.draft_marking = "official_sensitive".into();
    form.draft_handling =
        "until approved. Not to be circulated beyond members until approved for publication".into();
    groups::update_group(&mut vault, g, &form, today()).unwrap();
    let held: Vec<_> = iag_desk_core::meetings::list(&vault, now())
        .unwrap()
        .into_iter()
        .filter(|m| m.group_id == g && !m.upcoming)
        .collect();
    let line = "OFFICIAL-SENSITIVE: until approved. Not to be circulated beyond members until \
                approved for publication";
    let mut drafts = 0;
    let mut approved = 0;
    for m in held {
        let status = m.status;
        let pdf = crate::support::minutes_pdf(&vault, m.id, Audience::Public);
        let text = pdf_text(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match status {
            iag_desk_core::vocabulary::MeetingStatus::MinutesDraft => {
                drafts += 1;
                assert!(text.contains(line), "{text}");
                assert!(!text.contains("OFFICIAL Page"), "every page marked higher");
            }
            iag_desk_core::vocabulary::MeetingStatus::MinutesApproved => {
                approved += 1;
                assert!(!text.contains("circulated beyond members"), "{text}");
                assert!(!text.contains("OFFICIAL-SENSITIVE"), "{text}");
            }
            _ => continue,
        }
        let html = crate::support::page(export(
            &vault,
            Request::Minutes {
                meeting: m.id,
                audience: Audience::Public,
                format: Format::Html,
            },
        ));
        assert_eq!(
            html.contains("circulated beyond members"),
            status == iag_desk_core::vocabulary::MeetingStatus::MinutesDraft
        );
    }
    assert!(
        drafts >= 1 && approved >= 2,
        "{drafts} drafts, {approved} approved"
    );
}
