//! The email drafts that send the papers, read back by an independent MIME
//! parser (Python's `email` package): recipients, subject, body, the
//! unsent-draft header and the attachments, and no confidential word in
//! the public draft anywhere.

use crate::agenda_pack::{
    attach, canary_meeting, meeting, pdf_paper, CANARY_ITEM, CANARY_NAME, CANARY_TEXT, CANARY_TITLE,
};
use crate::support::{demo_vault, export, pdf_info, pdf_text, today};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::{Export, Readers, Request};
use iag_desk_core::ids::MeetingId;
use iag_desk_core::Vault;
use std::path::Path;

fn draft(vault: &Vault, id: MeetingId, audience: Audience, supplement: bool) -> Export {
    export(
        vault,
        Request::PapersEmail {
            meeting: id,
            audience,
            supplement,
        },
    )
}

/// What Python's email package reads in the message; each attachment is
/// saved under `dir` by its file name.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Parsed {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    pub unsent: Option<String>,
    pub from: Option<String>,
    pub date: Option<String>,
    pub body: String,
    pub attachments: Vec<(String, String, usize)>,
    pub defects: Vec<String>,
}

const PARSER: &str = r#"
import email, email.policy, json, os, sys
raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
addresses = lambda h: [a.addr_spec for a in (msg[h].addresses if msg[h] else [])]
attachments = []
defects = [str(d) for d in msg.defects]
for part in msg.iter_attachments():
    data = part.get_content()
    if isinstance(data, str):
        data = data.encode('utf-8')
    name = part.get_filename()
    defects += [str(d) for d in part.defects]
    open(os.path.join(sys.argv[2], name), 'wb').write(data)
    attachments.append((name, part.get_content_type(), len(data)))
print(json.dumps({
    'to': addresses('To'), 'cc': addresses('Cc'), 'bcc': addresses('Bcc'),
    'subject': str(msg['Subject']), 'unsent': msg['X-Unsent'],
    'from': msg['From'], 'date': msg['Date'],
    'body': msg.get_body(preferencelist=('plain',)).get_content(),
    'attachments': attachments, 'defects': defects,
}))
"#;

pub(crate) fn parse(eml: &[u8], dir: &Path) -> Parsed {
    let file = dir.join("draft.eml");
    std::fs::write(&file, eml).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", PARSER])
        .arg(&file)
        .arg(dir)
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "Python's email package could not read the draft: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_members_draft_is_bcc_to_members_with_the_pack_the_separate_papers_and_the_invitation() {
    let (_t, mut vault) = demo_vault();
    let id = meeting(&mut vault);
    attach(
        &mut vault,
        id,
        5,
        "Police update.pdf",
        &pdf_paper("Update", 3, "U"),
    );
    attach(
        &mut vault,
        id,
        8,
        "Subgroup report.docx",
        b"PK\x03\x04 a Word file",
    );
    // One member has no email address: the draft says so.
    let detail = iag_desk_core::meetings::plan::detail(&vault, id).unwrap();
    let member = detail
        .register
        .iter()
        .find(|l| l.roster_member)
        .expect("a member is expected")
        .clone();
    let person = member.person_id.unwrap();
    let mut form = iag_desk_core::roster::members::person(&vault, person, today())
        .unwrap()
        .form;
    form.email.clear();
    iag_desk_core::roster::members::update_person(&mut vault, person, &form, today()).unwrap();

    let file = draft(&vault, id, Audience::Members, false);
    assert_eq!(file.readers, Readers::Members);
    assert!(
        file.audit.is_some(),
        "the members' draft is audited once written"
    );
    assert_eq!(
        file.file_name,
        "marlow-fen-local-iag-papers-email-members-2026-12-09.eml"
    );
    let parts = file.draft.as_ref().unwrap();
    assert_eq!(parts.without_email, std::slice::from_ref(&member.name));
    assert!(file
        .confirmation(Path::new("/tmp/x.eml"))
        .contains(&member.name));

    crate::support::keep_pdf("papers-email-members.eml", &file.bytes);
    let dir = tempfile::tempdir().unwrap();
    let parsed = parse(&file.bytes, dir.path());
    assert!(parsed.defects.is_empty(), "{:?}", parsed.defects);
    assert_eq!(
        parsed.unsent.as_deref(),
        Some("1"),
        "marked as a draft to send"
    );
    assert!(
        parsed.from.is_none(),
        "the email program fills in the sender"
    );
    assert!(parsed.date.is_some());
    assert!(
        parsed.to.is_empty() && parsed.cc.is_empty(),
        "members are Bcc only"
    );
    let members: Vec<_> = detail
        .register
        .iter()
        .filter(|l| l.roster_member && l.person_id != Some(person))
        .collect();
    assert_eq!(parsed.bcc.len(), members.len(), "{:?}", parsed.bcc);
    assert!(
        parsed.bcc.iter().all(|a| a.ends_with("@example.org")),
        "{:?}",
        parsed.bcc
    );
    assert!(
        !parsed.bcc.iter().any(|a| a.contains("police")),
        "police contacts are not sent the members' papers"
    );
    assert_eq!(
        parsed.subject,
        "OFFICIAL-SENSITIVE: Marlow Fen Local IAG, 9 December 2026, 18:30: agenda and papers"
    );
    for words in [
        "Dear members,",
        "Date and time: 9 December 2026, 18:30",
        "Venue: Marlow Fen Community Centre, Mill Lane",
        "OFFICIAL-SENSITIVE. For the group's members only",
        "Subgroup report.docx",
    ] {
        assert!(
            parsed.body.contains(words),
            "{words} missing from:\n{}",
            parsed.body
        );
    }
    let names: Vec<_> = parsed
        .attachments
        .iter()
        .map(|a| (a.0.as_str(), a.1.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "marlow-fen-local-iag-agenda-pack-members-2026-12-09.pdf",
                "application/pdf"
            ),
            (
                "Subgroup report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
            ("meeting-2026-12-09.ics", "text/calendar"),
        ]
    );
    let pack = std::fs::read(dir.path().join(names[0].0)).unwrap();
    assert!(pdf_text(&pack).contains("Update page 3 of the paper"));
    let word = std::fs::read(dir.path().join("Subgroup report.docx")).unwrap();
    assert_eq!(
        word, b"PK\x03\x04 a Word file",
        "the paper travels byte for byte"
    );
    let ics = std::fs::read_to_string(dir.path().join("meeting-2026-12-09.ics")).unwrap();
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART"),
        "{ics}"
    );

    // Writing the draft records the pack as sent: a later paper makes a
    // supplement, and its draft says so.
    iag_desk_core::exports::record(&vault, &file, crate::support::now()).unwrap();
    attach(
        &mut vault,
        id,
        9,
        "Late consultation.pdf",
        &pdf_paper("Late", 1, "L"),
    );
    let late = draft(&vault, id, Audience::Members, true);
    let parsed = parse(&late.bytes, dir.path());
    assert!(
        parsed.subject.ends_with("late papers, supplement 1"),
        "{}",
        parsed.subject
    );
    assert_eq!(
        parsed.attachments[0].0,
        "marlow-fen-local-iag-agenda-pack-members-supplement-1-2026-12-09.pdf"
    );
}

#[test]
fn the_public_draft_goes_to_the_police_contact_and_holds_no_confidential_word() {
    let (_t, mut vault) = demo_vault();
    let (id, _) = canary_meeting(&mut vault);
    attach(
        &mut vault,
        id,
        8,
        "Open briefing.docx",
        b"PK\x03\x04 an open Word file",
    );

    let public = draft(&vault, id, Audience::Public, false);
    assert_eq!(public.readers, Readers::Anyone);
    let dir = tempfile::tempdir().unwrap();
    let parsed = parse(&public.bytes, dir.path());
    assert!(parsed.defects.is_empty(), "{:?}", parsed.defects);
    assert!(parsed.bcc.is_empty(), "no member is sent the public draft");
    assert!(!parsed.to.is_empty(), "the police contact is addressed");
    assert!(
        parsed
            .to
            .iter()
            .all(|a| a.ends_with("@fenwold.police.example.org")),
        "{:?}",
        parsed.to
    );
    assert!(parsed.subject.starts_with("OFFICIAL: Marlow Fen Local IAG"));
    let names: Vec<_> = parsed.attachments.iter().map(|a| a.0.clone()).collect();
    assert_eq!(
        names,
        [
            "marlow-fen-local-iag-agenda-pack-public-2026-12-09.pdf",
            "Open briefing.docx"
        ],
        "the public pack, and the open paper it cannot hold; no invitation"
    );
    let raw = String::from_utf8_lossy(&public.bytes).into_owned();
    let pack = std::fs::read(dir.path().join(&names[0])).unwrap();
    let (text, info) = (pdf_text(&pack), pdf_info(&pack));
    for canary in [
        CANARY_TEXT,
        CANARY_NAME,
        CANARY_TITLE,
        CANARY_ITEM,
        "Tensions briefing",
    ] {
        for (part, said) in [
            ("subject", &parsed.subject),
            ("body", &parsed.body),
            ("file name", &public.file_name),
            ("message", &raw),
            ("pack text", &text),
            ("pack metadata", &info),
        ] {
            assert!(
                !said.contains(canary),
                "{canary} in the public draft's {part}"
            );
        }
        assert!(
            !names.iter().any(|n| n.contains(canary)),
            "{canary} in an attachment name"
        );
    }

    // The members' draft holds every one of them.
    let members = draft(&vault, id, Audience::Members, false);
    let parsed = parse(&members.bytes, dir.path());
    let pack = std::fs::read(dir.path().join(&parsed.attachments[0].0)).unwrap();
    let text = pdf_text(&pack);
    for canary in [CANARY_TEXT, CANARY_NAME, CANARY_ITEM, "Tensions briefing"] {
        assert!(
            text.contains(canary),
            "{canary} missing from the members' draft"
        );
    }
}
