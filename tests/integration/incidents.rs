//! Critical incidents: checking what is logged, suggestions with their
//! reasons, convening a critical group, and a call list that names the
//! incident only by its public title.

use crate::support::{agenda_pdf, demo_vault, export, now, today};
use iag_desk_core::exports::Request;
use iag_desk_core::incidents::{self, suggest, ConveneForm, IncidentForm};
use iag_desk_core::meetings::plan;
use iag_desk_core::vocabulary::MeetingKind;
use iag_desk_core::{dashboard, Vault};

const SECRET: &str = "CANARY boy aged 15 searched at the Eastwick youth club";

fn log(vault: &mut Vault) -> i64 {
    incidents::add(
        vault,
        &IncidentForm {
            title: SECRET.into(),
            date: "20/11/2026".into(),
            time: "21:15".into(),
            description: "A youth was stopped and searched; the mosque committee asked for a \
                          meeting. Tension in the tenants' association too."
                .into(),
            public_title: "Critical incident in Eastwick".into(),
            community_impact: "Young people and parents are angry.".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap()
}

#[test]
fn bad_incidents_are_refused_with_every_reason() {
    let (_t, mut vault) = demo_vault();
    let before = incidents::list(&vault).unwrap().len();
    let err = incidents::add(
        &mut vault,
        &IncidentForm {
            title: " ".into(),
            date: "31/02/2026".into(),
            time: "9pm".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    for f in ["title", "date", "time", "public_title"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let err = incidents::add(
        &mut vault,
        &IncidentForm {
            title: "Later".into(),
            date: "01/01/2027".into(),
            public_title: "Something".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap_err();
    assert!(err.problems()[0].message.contains("future"));
    assert_eq!(
        incidents::list(&vault).unwrap().len(),
        before,
        "nothing saved"
    );
}

#[test]
fn suggestions_rank_by_skills_and_community_links_and_explain_why() {
    let (_t, mut vault) = demo_vault();
    // A new youth worker: relevant, but not yet vetted nor signed up.
    iag_desk_core::roster::members::add_person(
        &mut vault,
        &iag_desk_core::roster::rules::PersonForm {
            full_name: "Kwame Asante".into(),
            skills: "Youth work; boxing coach".into(),
            communities: "Tenants' association".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    let id = log(&mut vault);
    let s = suggest::suggestions(&vault, id, today()).unwrap();
    assert!(!s.is_empty());
    let top = &s[0];
    assert!(
        top.reasons
            .iter()
            .any(|r| r.starts_with("Skills:") || r.starts_with("Links with:")),
        "the best match is there for what they know: {top:?}"
    );
    let relevant = |x: &suggest::Suggestion| {
        x.reasons
            .iter()
            .any(|r| r.starts_with("Skills:") || r.starts_with("Links with:"))
    };
    assert!(
        s.windows(2)
            .all(|w| (relevant(&w[0]), w[0].score) >= (relevant(&w[1]), w[1].score)),
        "relevant members first, then by score"
    );
    assert!(
        s.iter()
            .any(|x| x.reasons.iter().any(|r| r.contains("Youth work"))),
        "youth workers are suggested for a stop of a youth"
    );
    assert!(
        s.iter()
            .any(|x| x.reasons.iter().any(|r| r.contains("Mosque committee"))),
        "and the mosque committee's link"
    );
    for x in &s {
        assert_eq!(
            x.ready,
            x.cautions.is_empty(),
            "{}: ready means nothing missing",
            x.name
        );
    }
    let kwame = s
        .iter()
        .find(|x| x.name == "Kwame Asante")
        .expect("a relevant member lacking vetting is still shown");
    assert!(!kwame.ready);
    assert!(
        kwame.cautions.iter().any(|c| c == "No vetting recorded"),
        "{kwame:?}"
    );
    assert!(
        kwame.reasons.iter().any(|r| r == "Skills: Youth work"),
        "{kwame:?}"
    );
}

#[test]
fn convening_creates_the_group_its_meeting_and_a_call_list_without_the_secret() {
    let (_t, mut vault) = demo_vault();
    let id = log(&mut vault);
    let picked: Vec<i64> = suggest::suggestions(&vault, id, today())
        .unwrap()
        .iter()
        .filter(|s| s.ready)
        .take(4)
        .map(|s| s.person_id.0)
        .collect();
    let form = ConveneForm {
        group_name: "Eastwick critical group".into(),
        members: picked.clone(),
        date: "24/11/2026".into(),
        time: "18:00".into(),
        venue: "Eastwick Fire Station Community Room".into(),
        ..Default::default()
    };
    let done = incidents::convene(&mut vault, id, &form, now()).unwrap();
    let m = plan::detail(&vault, done.meeting).unwrap();
    assert_eq!(m.kind, MeetingKind::CriticalIncident);
    assert_eq!(m.group_name, "Eastwick critical group");
    assert_eq!(m.items[1].title, "Police briefing on the incident");
    assert_eq!(
        m.register.len(),
        picked.len(),
        "the members called are expected"
    );
    let d = incidents::detail(&vault, id, today()).unwrap();
    assert_eq!(
        d.summary.group_name.as_deref(),
        Some("Eastwick critical group")
    );
    assert_eq!(d.meetings.len(), 1);

    // Twice is refused; so is a second group of the same name.
    let err = incidents::convene(&mut vault, id, &form, now()).unwrap_err();
    assert!(err.problems().iter().any(|p| p.field == "group_name"));

    let list = incidents::call_list(&vault, id, today()).unwrap();
    assert_eq!(list.people.len(), picked.len());
    assert_eq!(list.incident, "Critical incident in Eastwick");
    assert!(list
        .people
        .iter()
        .all(|p| p[2].starts_with("07700") && p[3].contains('@')));
    let pdf = export(&vault, Request::CallList { incident: id }).bytes;
    let text = crate::support::pdf_text(&pdf);
    assert!(text.contains("Call list: Eastwick critical group"));
    assert!(
        text.contains("OFFICIAL-SENSITIVE"),
        "personal details are marked"
    );
    assert!(text.contains(&list.people[0][0]), "names are listed");
    assert!(!text.contains("CANARY"), "the confidential title stays out");
    let ics = plan::invitation(&vault, done.meeting, crate::support::now().and_utc()).unwrap();
    assert!(!ics.contains("CANARY"));
    let agenda = agenda_pdf(&vault, done.meeting);
    assert!(!String::from_utf8_lossy(&agenda).contains("CANARY"));

    let d = dashboard::dashboard(&vault, now()).unwrap();
    assert!(d.open_incidents.iter().any(|i| i.id == id));

    // Advice and actions minuted at the critical group's meeting are
    // linked to the incident.
    let advice_item = plan::detail(&vault, done.meeting).unwrap().items[4].id;
    for kind in ["advice", "action"] {
        iag_desk_core::minutes::save_entry(
            &mut vault,
            done.meeting,
            &iag_desk_core::minutes::EntryDraft {
                item_id: advice_item,
                kind: kind.into(),
                text: format!("Visible patrols near the youth club ({kind})."),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    }
    let d = incidents::detail(&vault, id, today()).unwrap();
    assert_eq!((d.advice.len(), d.actions.len()), (1, 1));
}

#[test]
fn the_demo_has_an_open_incident_on_the_dashboard() {
    let (_t, vault) = demo_vault();
    let d = dashboard::dashboard(&vault, now()).unwrap();
    assert_eq!(d.open_incidents.len(), 1);
    assert!(d.open_incidents[0].gold_suggested);
    assert!(d.open_incidents[0].group_id.is_none(), "not yet convened");
}

mod escalation {
    use super::*;
    use crate::support::group_named;
    use iag_desk_core::escalations::{self, RaiseForm, ResponseForm};
    use iag_desk_core::meetings::plan::MeetingForm;

    fn next_strategic_meeting(vault: &mut Vault) -> iag_desk_core::ids::MeetingId {
        let g = group_named(vault, "Fenwold Strategic IAG");
        plan::create(
            vault,
            &MeetingForm {
                group_id: g.0,
                date: "03/12/2026".into(),
                time: "10:00".into(),
                venue: "Fenwold Police Headquarters".into(),
                ..Default::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn a_concern_goes_up_to_the_next_agenda_and_the_response_comes_back() {
        let (_t, mut vault) = demo_vault();
        let lgbt = group_named(&vault, "LGBT+ Subgroup");
        let strategic = group_named(&vault, "Fenwold Strategic IAG");
        let open = escalations::raise(
            &mut vault,
            lgbt,
            &RaiseForm {
                text: "Hate crime reports after Pride are not being followed up.".into(),
                confidential: false,
            },
            today(),
        )
        .unwrap();
        escalations::raise(
            &mut vault,
            lgbt,
            &RaiseForm {
                text: "CANARY a named officer's conduct at the Pride event".into(),
                confidential: true,
            },
            today(),
        )
        .unwrap();
        let meeting = next_strategic_meeting(&mut vault);
        let m = plan::detail(&vault, meeting).unwrap();
        assert!(m
            .escalations
            .iter()
            .any(|e| e.id == open && e.from_name == "LGBT+ Subgroup"));
        let text = crate::support::pdf_text(&agenda_pdf(&vault, meeting));
        assert!(text.contains("Escalated to this group:"), "{text}");
        assert!(
            text.contains("From LGBT+ Subgroup"),
            "with where it came from: {text}"
        );
        assert!(text.contains("A confidential concern from LGBT+ Subgroup"));
        assert!(
            !text.contains("CANARY"),
            "a confidential concern's words stay out"
        );

        // The answer flows back to the group that raised it.
        let err =
            escalations::respond(&mut vault, open, &ResponseForm::default(), today()).unwrap_err();
        assert_eq!(err.problems()[0].field, "response");
        escalations::respond(
            &mut vault,
            open,
            &ResponseForm {
                response: "Raised with the hate crime lead; a report to the next meeting.".into(),
                responded_on: "23/11/2026".into(),
            },
            today(),
        )
        .unwrap();
        let back = escalations::for_group(&vault, lgbt).unwrap();
        let answered = back.raised.iter().find(|e| e.id == open).unwrap();
        assert_eq!(answered.responded_on.as_deref(), Some("23 November 2026"));
        assert!(answered.response.contains("hate crime lead"));
        assert_eq!(back.parent.as_deref(), Some("Fenwold Strategic IAG"));
        let m = plan::detail(&vault, meeting).unwrap();
        assert!(
            !m.escalations.iter().any(|e| e.id == open),
            "answered: off the agenda"
        );
        assert!(escalations::for_group(&vault, strategic)
            .unwrap()
            .received
            .iter()
            .any(|e| e.id == open));
    }

    #[test]
    fn the_top_group_has_nowhere_to_escalate_to() {
        let (_t, mut vault) = demo_vault();
        let strategic = group_named(&vault, "Fenwold Strategic IAG");
        let err = escalations::raise(
            &mut vault,
            strategic,
            &RaiseForm {
                text: "Anything".into(),
                confidential: false,
            },
            today(),
        )
        .unwrap_err();
        assert!(err.problems()[0].message.contains("nowhere to escalate"));
    }

    #[test]
    fn the_demo_has_an_answered_escalation_and_one_waiting() {
        let (_t, vault) = demo_vault();
        let strategic = group_named(&vault, "Fenwold Strategic IAG");
        let received = escalations::for_group(&vault, strategic).unwrap().received;
        assert_eq!(received.len(), 2);
        assert!(received.iter().any(|e| e.responded_on.is_some()));
        assert!(received
            .iter()
            .any(|e| e.responded_on.is_none() && e.from_name == "Marlow Fen Local IAG"));
    }
}
