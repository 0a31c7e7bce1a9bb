//! Critical incidents: checking what is logged, suggestions with their
//! reasons, convening a critical group, and a call list that names the
//! incident only by its public title.

use crate::support::{demo_vault, now, today};
use iag_desk_core::incidents::{self, suggest, ConveneForm, IncidentForm};
use iag_desk_core::meetings::{plan, MeetingKind};
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
    let d = incidents::detail(&vault, id).unwrap();
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
    let pdf = incidents::call_list_pdf(&vault, id, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Call list: Eastwick critical group"));
    assert!(
        text.contains("OFFICIAL-SENSITIVE"),
        "personal details are marked"
    );
    assert!(text.contains(&list.people[0][0]), "names are listed");
    assert!(!text.contains("CANARY"), "the confidential title stays out");
    let ics = plan::invitation(&vault, done.meeting, chrono::Utc::now()).unwrap();
    assert!(!ics.contains("CANARY"));
    let agenda = plan::agenda_pdf(&vault, done.meeting).unwrap();
    assert!(!String::from_utf8_lossy(&agenda).contains("CANARY"));

    let d = dashboard::dashboard(&vault, now()).unwrap();
    assert!(d.open_incidents.iter().any(|i| i.id == id));
}

#[test]
fn the_demo_has_an_open_incident_on_the_dashboard() {
    let (_t, vault) = demo_vault();
    let d = dashboard::dashboard(&vault, now()).unwrap();
    assert_eq!(d.open_incidents.len(), 1);
    assert!(d.open_incidents[0].gold_suggested);
    assert!(d.open_incidents[0].group_id.is_none(), "not yet convened");
}
