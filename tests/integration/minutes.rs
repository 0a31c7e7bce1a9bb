//! Minutes: levels and their inheritance, not-recorded text that never
//! reaches the disk, the leak suite over every output, approval and
//! amendments, votes, actions carried forward, advice responses, hand-over
//! files with minutes, and writes that survive the process being killed.

use crate::support::{
    agenda_pdf, checked_html, decrypted_rows, demo_vault, export, keep_pdf, minutes_pdf, now, page,
    pdf_info, pdf_pages, pdf_text, today, TempVault, PASSPHRASE,
};
use iag_desk_core::confidentiality::{Audience, Confidentiality};
use iag_desk_core::exports::{Export, Format, Request};
use iag_desk_core::ids::{GroupId, MeetingId, PersonId};
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::plan::{self, AgendaLine, MeetingForm};
use iag_desk_core::minutes::{self, actions, advice, document, record, BallotDraft, EntryDraft};
use iag_desk_core::publications;
use iag_desk_core::{roster, Error, ErrorKind, Vault};

const GROUP: &str = "Marlow Fen Local IAG";

fn group(vault: &Vault, name: &str) -> GroupId {
    crate::support::group_named(vault, name)
}

/// A meeting of `GROUP` on `date` (dd/mm/yyyy), from the standard template.
fn meeting_on(vault: &mut Vault, date: &str) -> MeetingId {
    let g = group(vault, GROUP);
    plan::create(
        vault,
        &MeetingForm {
            group_id: g.0,
            date: date.into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre".into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn items(vault: &Vault, id: MeetingId) -> Vec<AgendaLine> {
    plan::detail(vault, id).unwrap().items
}

fn item_titled(vault: &Vault, id: MeetingId, start: &str) -> i64 {
    items(vault, id)
        .into_iter()
        .find(|i| i.title.starts_with(start))
        .unwrap_or_else(|| panic!("no item starting {start:?}"))
        .id
}

/// Makes item `index` confidential (or not recorded) with a public title.
fn set_level(vault: &mut Vault, id: MeetingId, index: usize, level: &str, public: &str) {
    let mut drafts: Vec<ItemDraft> = items(vault, id).iter().map(|i| i.draft.clone()).collect();
    drafts[index].confidentiality = level.into();
    drafts[index].public_title = public.into();
    drafts[index].reason = "community_tension".into();
    plan::save_agenda(vault, id, &drafts).unwrap();
}

fn entry(item: i64, kind: &str, text: &str) -> EntryDraft {
    EntryDraft {
        item_id: item,
        kind: kind.into(),
        text: text.into(),
        ..Default::default()
    }
}

fn save(vault: &mut Vault, id: MeetingId, draft: EntryDraft) -> i64 {
    minutes::save_entry(vault, id, &draft, now()).unwrap().id
}

#[test]
fn entries_inherit_their_items_level_and_can_only_be_raised() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    set_level(&mut vault, id, 7, "confidential", "Community tensions");
    let tensions = items(&vault, id)[7].id;
    let police = items(&vault, id)[5].id;

    let asked_open = EntryDraft {
        confidentiality: "open".into(),
        ..entry(tensions, "note", "Said in confidence.")
    };
    let saved = minutes::save_entry(&mut vault, id, &asked_open, now()).unwrap();
    assert_eq!(
        saved.confidentiality,
        Confidentiality::Confidential,
        "an entry is never below its item's level"
    );

    let raised = EntryDraft {
        confidentiality: "confidential".into(),
        ..entry(police, "decision", "To ask for the figures by ward.")
    };
    let raised_id = save(&mut vault, id, raised);
    let open_id = save(&mut vault, id, entry(police, "note", "Burglary is down."));

    // Making the item open later does not expose what was written under it.
    set_level(&mut vault, id, 7, "open", "");
    let r = record::record(&vault, id).unwrap();
    let level = |eid: i64| {
        r.items
            .iter()
            .flat_map(|i| &i.entries)
            .find(|e| e.id == eid)
            .unwrap()
            .level
    };
    assert_eq!(level(saved.id), Confidentiality::Confidential);
    assert_eq!(level(raised_id), Confidentiality::Confidential);
    assert_eq!(level(open_id), Confidentiality::Open);
    assert_eq!(
        iag_desk_core::confidentiality::effective_level(
            Confidentiality::Confidential,
            Confidentiality::Open
        ),
        Confidentiality::Confidential
    );
}

#[test]
fn a_not_recorded_item_takes_no_entries_and_a_not_recorded_entry_keeps_no_text() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    set_level(&mut vault, id, 7, "not_recorded", "A confidential matter");
    let hidden = items(&vault, id)[7].id;
    let err =
        minutes::save_entry(&mut vault, id, &entry(hidden, "note", "typed"), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.problems()[0].message.contains("not recorded"));

    let open = items(&vault, id)[5].id;
    let draft = EntryDraft {
        confidentiality: "not_recorded".into(),
        police_recipient: "typed recipient".into(),
        ..entry(open, "advice", "typed advice")
    };
    let e = save(&mut vault, id, draft);
    let r = record::record(&vault, id).unwrap();
    let kept = r.items[5].entries.iter().find(|x| x.id == e).unwrap();
    assert_eq!(kept.level, Confidentiality::NotRecorded);
    assert!(kept.text.is_empty() && kept.police_recipient.is_empty());
    let public = minutes::audience::public_minutes(&r);
    assert!(public.items[5]
        .lines
        .iter()
        .any(|l| l.text == minutes::audience::NOT_RECORDED));
    assert_eq!(
        public.items[7].title, "A confidential matter",
        "a not-recorded item shows its public title"
    );
}

#[test]
fn not_recorded_text_never_reaches_the_file_or_its_wal() {
    // Unencrypted on purpose, so the bytes on disk can be searched.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.vault");
    let mut vault = Vault::create_unencrypted_for_tests(&path).unwrap();
    iag_desk_core::demo::load(&mut vault, today()).unwrap();
    let id = meeting_on(&mut vault, "14/10/2026");
    let open = items(&vault, id)[5].id;
    let bytes = || {
        let mut all = std::fs::read(&path).unwrap();
        if let Ok(wal) = std::fs::read(dir.path().join("plain.vault-wal")) {
            all.extend(wal);
        }
        all
    };
    let has = |needle: &str| {
        bytes()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    };

    // Typed straight into a not-recorded entry: never written.
    let draft = EntryDraft {
        confidentiality: "not_recorded".into(),
        ..entry(open, "note", "NOTREC-typed-7d2e")
    };
    save(&mut vault, id, draft);
    assert!(
        !has("NOTREC-typed-7d2e"),
        "not-recorded text reached the disk"
    );

    // Written openly first, then made not recorded: erased from file and WAL.
    let e = save(&mut vault, id, entry(open, "note", "NOTREC-later-91ab"));
    assert!(
        has("NOTREC-later-91ab"),
        "the open note must be on disk first, or this test proves nothing"
    );
    let draft = EntryDraft {
        id: Some(e),
        confidentiality: "not_recorded".into(),
        ..entry(open, "note", "NOTREC-later-91ab")
    };
    save(&mut vault, id, draft);
    assert!(
        !has("NOTREC-later-91ab"),
        "text of an entry made not recorded must be gone from the vault and its WAL"
    );
}

mod leak_suite {

    /// The meeting after the one minuted in these tests (its agenda carries
    /// the actions forward).
    fn next_meeting(v: &iag_desk_core::Vault) -> iag_desk_core::ids::MeetingId {
        iag_desk_core::meetings::list(v, now())
            .unwrap()
            .into_iter()
            .find(|x| x.when.starts_with("11 November 2026"))
            .unwrap()
            .id
    }
    use super::*;

    /// Every confidential field, each with its own canary.
    const CANARIES: &[&str] = &[
        "CANARY-item-title",
        "CANARY-item-purpose",
        "CANARY-item-presenter",
        "CANARY-paper-name",
        "CANARY-note",
        "CANARY-decision",
        "CANARY-advice",
        "CANARY-advice-recipient",
        "CANARY-action",
        "CANARY-action-owner",
        "CANARY-vote-motion",
        "CANARY-declaration",
        "CANARY-declarant",
        "CANARY-open-item-note",
        "CANARY-open-item-action",
        "CANARY-amended-text",
        "CANARY-amendment-reason",
    ];
    /// Confidential but not part of the minutes (the police response comes
    /// later, in the advice register): in no public output, nor the annex.
    const RESPONSE_CANARY: &str = "CANARY-advice-reason";
    const NOT_RECORDED: &str = "NOTREC-canary-55f1";
    /// What a confidential item's paper holds: hand-over files carry a
    /// paper's bytes in base64, where the words above would not show.
    const PAPER_BYTES: &str = "%PDF CANARY-paper-bytes";
    const OPEN_WORDS: &str = "Burglary in Marlow Fen is down by a tenth";

    struct Meeting {
        _t: TempVault,
        vault: Vault,
        id: MeetingId,
        group: GroupId,
    }

    /// A meeting with a canary in every confidential field, approved at a
    /// later meeting and then amended (so amendments are covered too).
    fn meeting_full_of_canaries() -> Meeting {
        let (t, mut vault) = demo_vault();
        let id = meeting_on(&mut vault, "14/10/2026");
        let mut drafts: Vec<ItemDraft> =
            items(&vault, id).iter().map(|i| i.draft.clone()).collect();
        drafts[7].title = "CANARY-item-title".into();
        drafts[7].purpose = "CANARY-item-purpose".into();
        drafts[7].presenter_text = "CANARY-item-presenter".into();
        drafts[7].confidentiality = "confidential".into();
        drafts[7].public_title = "Community tensions".into();
        drafts[7].reason = "community_tension".into();
        drafts[9].confidentiality = "not_recorded".into();
        drafts[9].public_title = "A matter raised by the police".into();
        drafts[9].reason = "live_investigation".into();
        plan::save_agenda(&mut vault, id, &drafts).unwrap();
        let lines = items(&vault, id);
        let (secret, police, declarations) = (lines[7].id, lines[5].id, lines[2].id);
        plan::attach_paper(
            &mut vault,
            id,
            secret,
            "CANARY-paper-name.pdf",
            PAPER_BYTES.as_bytes(),
            now(),
        )
        .unwrap();
        plan::attach_paper(
            &mut vault,
            id,
            police,
            "Open police update.pdf",
            b"%PDF open figures",
            now(),
        )
        .unwrap();

        save(&mut vault, id, entry(police, "note", OPEN_WORDS));
        save(&mut vault, id, entry(secret, "note", "CANARY-note"));
        save(&mut vault, id, entry(secret, "decision", "CANARY-decision"));
        let advice_id = save(
            &mut vault,
            id,
            EntryDraft {
                police_recipient: "CANARY-advice-recipient".into(),
                ..entry(secret, "advice", "CANARY-advice")
            },
        );
        advice::respond(
            &mut vault,
            advice_id,
            &advice::ResponseForm {
                response: "not_followed".into(),
                reason: "CANARY-advice-reason".into(),
                responded_on: "01/11/2026".into(),
            },
            today(),
        )
        .unwrap();
        save(
            &mut vault,
            id,
            EntryDraft {
                owner_text: "CANARY-action-owner".into(),
                due_on: "30/11/2026".into(),
                ..entry(secret, "action", "CANARY-action")
            },
        );
        save(
            &mut vault,
            id,
            EntryDraft {
                votes_for: 4,
                votes_against: 4,
                casting_vote: "for".into(),
                ..entry(secret, "vote", "CANARY-vote-motion")
            },
        );
        save(
            &mut vault,
            id,
            EntryDraft {
                confidentiality: "confidential".into(),
                person_text: "CANARY-declarant".into(),
                ..entry(declarations, "declaration", "CANARY-declaration")
            },
        );
        save(
            &mut vault,
            id,
            EntryDraft {
                confidentiality: "confidential".into(),
                ..entry(police, "note", "CANARY-open-item-note")
            },
        );
        save(
            &mut vault,
            id,
            EntryDraft {
                confidentiality: "confidential".into(),
                due_on: "01/12/2026".into(),
                ..entry(police, "action", "CANARY-open-item-action")
            },
        );
        let to_amend = save(&mut vault, id, entry(secret, "note", "A first draft."));
        save(
            &mut vault,
            id,
            EntryDraft {
                confidentiality: "not_recorded".into(),
                ..entry(police, "note", NOT_RECORDED)
            },
        );

        // Approved at the next meeting, then amended.
        let next = meeting_on(&mut vault, "11/11/2026");
        let minutes_item = item_titled(&vault, next, "Minutes of the previous");
        minutes::approve(&mut vault, id, next, minutes_item, now()).unwrap();
        minutes::amend(
            &mut vault,
            id,
            to_amend,
            "CANARY-amended-text",
            "CANARY-amendment-reason",
            today(),
        )
        .unwrap();
        let group = group(&vault, GROUP);
        Meeting {
            _t: t,
            vault,
            id,
            group,
        }
    }

    fn assert_clean(what: &str, text: &str) {
        for c in CANARIES.iter().chain([&NOT_RECORDED, &RESPONSE_CANARY]) {
            assert!(!text.contains(c), "{c} leaked into {what}:\n{text}");
        }
    }

    #[test]
    fn no_public_output_carries_a_confidential_canary() {
        let mut m = meeting_full_of_canaries();
        let v = &mut m.vault;

        let pdf = minutes_pdf(v, m.id, Audience::Public);
        let text = pdf_text(&pdf);
        keep_pdf("public-minutes.pdf", &pdf);
        assert!(text.contains(OPEN_WORDS), "the open note is in the minutes");
        assert_clean("the public minutes", &text);
        assert_clean("the public minutes' metadata", &pdf_info(&pdf));
        assert_clean("the public minutes' bytes", &String::from_utf8_lossy(&pdf));

        assert_clean("the agenda", &pdf_text(&agenda_pdf(v, m.id)));
        let next = next_meeting(v);
        assert_clean(
            "the next agenda (actions carried forward)",
            &pdf_text(&agenda_pdf(v, next)),
        );
        assert_clean(
            "the next meeting's minutes",
            &pdf_text(&minutes_pdf(v, next, Audience::Public)),
        );

        for format in [Format::Pdf, Format::Csv] {
            let Export {
                file_name: name,
                bytes,
                ..
            } = crate::support::export(
                v,
                Request::Advice {
                    query: advice::AdviceQuery::default(),
                    format,
                },
            );
            assert_clean("the advice register's file name", &name);
            let body = match format {
                Format::Pdf => pdf_text(&bytes),
                _ => String::from_utf8(bytes).unwrap(),
            };
            assert!(body.contains("Not followed"), "the response is public");
            assert_clean("the advice register", &body);

            let Export {
                file_name: name,
                bytes,
                ..
            } = crate::support::export(
                v,
                Request::Actions {
                    query: actions::ActionQuery::default(),
                    format,
                },
            );
            assert_clean("the action log's file name", &name);
            let body = match format {
                Format::Pdf => pdf_text(&bytes),
                _ => String::from_utf8(bytes).unwrap(),
            };
            if format == Format::Csv {
                assert!(body.contains(actions::CONFIDENTIAL_ACTION));
            }
            assert_clean("the action log", &body);
        }

        let ics = plan::calendar(v, Some(m.group), crate::support::now().and_utc()).unwrap();
        assert_clean("the calendar", &ics);
        assert_clean(
            "the invitation",
            &plan::invitation(v, m.id, crate::support::now().and_utc()).unwrap(),
        );
        let public = iag_desk_core::meetings::handover::export(v, m.id, Audience::Public).unwrap();
        assert!(public.contains(OPEN_WORDS));
        assert_clean("the public hand-over file", &public);
        let file: iag_desk_core::meetings::handover::HandOver =
            serde_json::from_str(&public).unwrap();
        assert!(
            file.meeting.approval.is_none() && file.meeting.amendments.is_empty(),
            "the approved original and the amendments hold members' text: not in a public file"
        );
        let papers = file.meeting.papers.unwrap_or_default();
        assert_eq!(
            papers.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["Open police update.pdf"],
            "an open item's paper travels in the public file; a confidential item's does not"
        );
        {
            use base64::Engine as _;
            for p in &papers {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(&p.content)
                    .unwrap();
                assert_clean(
                    "a paper in the public hand-over file",
                    &String::from_utf8_lossy(&bytes),
                );
                assert!(!String::from_utf8_lossy(&bytes).contains("CANARY"));
            }
            let secret = base64::engine::general_purpose::STANDARD.encode(PAPER_BYTES);
            assert!(
                !public.contains(&secret),
                "the confidential paper's bytes must not reach the public hand-over file"
            );
        }

        // The attendance report names members, never what was said.
        for format in [Format::Pdf, Format::Csv] {
            let file = export(
                v,
                Request::Attendance {
                    group: m.group,
                    from: None,
                    to: None,
                    format,
                },
            );
            assert_clean("the attendance report's file name", &file.file_name);
            let body = match format {
                Format::Pdf => {
                    assert_clean("the attendance report's metadata", &pdf_info(&file.bytes));
                    pdf_text(&file.bytes)
                }
                _ => String::from_utf8(file.bytes).unwrap(),
            };
            assert!(body.contains("Margaret Ellison"), "{body}");
            assert_clean("the attendance report", &body);
        }
    }

    #[test]
    fn the_members_annex_carries_every_confidential_canary_and_nothing_not_recorded() {
        let m = meeting_full_of_canaries();
        let pdf = minutes_pdf(&m.vault, m.id, Audience::Members);
        let text = pdf_text(&pdf);
        keep_pdf("members-annex.pdf", &pdf);
        for c in CANARIES {
            assert!(text.contains(c), "{c} is missing from the annex:\n{text}");
        }
        assert!(!text.contains(NOT_RECORDED));
        // The annex as a Word file holds the same, and nothing unrecorded.
        let word = crate::word::read_docx(
            &export(
                &m.vault,
                Request::Minutes {
                    meeting: m.id,
                    audience: Audience::Members,
                    format: Format::Docx,
                },
            )
            .bytes,
        );
        let parts = crate::word::all_parts(&word);
        for c in CANARIES {
            assert!(
                parts.contains(c),
                "{c} is missing from the annex's Word file"
            );
        }
        assert!(!parts.contains(NOT_RECORDED));
        assert!(
            !text.contains(OPEN_WORDS),
            "open content is in the public minutes, not repeated"
        );
        assert_clean(
            "the annex's metadata",
            &pdf_info(&pdf).replace("CANARY-item", "-"),
        );
        let members =
            iag_desk_core::meetings::handover::export(&{ m.vault }, m.id, Audience::Members)
                .unwrap();
        assert!(members.contains("CANARY-decision"));
        assert!(!members.contains(NOT_RECORDED));
        let file: iag_desk_core::meetings::handover::HandOver =
            serde_json::from_str(&members).unwrap();
        assert!(
            file.meeting.approval.is_some() && !file.meeting.amendments.is_empty(),
            "the members' file carries the approval and the amendments"
        );
        {
            use base64::Engine as _;
            let secret = base64::engine::general_purpose::STANDARD.encode(PAPER_BYTES);
            assert!(
                members.contains(&secret),
                "the members' file carries the confidential item's paper"
            );
        }
    }

    /// Every file anyone may read, as the window and the command line get
    /// it through the one way out: its text, its metadata and its name stay
    /// clear of every canary, and it earns no audit line.
    #[test]
    fn no_export_for_anyone_carries_a_confidential_canary() {
        use iag_desk_core::exports::Readers;
        use iag_desk_core::publications::Publication;
        let m = meeting_full_of_canaries();
        let v = &m.vault;
        let mut requests = vec![
            Request::SignIn { meeting: m.id },
            Request::Calendar {
                group: Some(m.group),
            },
            Request::Invitation { meeting: m.id },
            Request::Handover {
                meeting: m.id,
                audience: Audience::Public,
            },
            Request::AgendaPack {
                meeting: m.id,
                audience: Audience::Public,
                supplement: false,
            },
            Request::PapersEmail {
                meeting: m.id,
                audience: Audience::Public,
                supplement: false,
            },
            Request::Feedback {
                quarter: iag_desk_core::publications::feedback::last_ended_quarter(
                    crate::support::today() + chrono::Days::new(100),
                ),
                group: None,
                format: Format::Pdf,
            },
        ];
        for format in [Format::Pdf, Format::Html, Format::Docx] {
            requests.push(Request::Agenda {
                meeting: m.id,
                format,
            });
            requests.push(Request::Minutes {
                meeting: m.id,
                audience: Audience::Public,
                format,
            });
            for publication in [Publication::InductionPack, Publication::TermsOfReference] {
                requests.push(Request::Publication {
                    group: m.group,
                    publication,
                    member: None,
                    large_print: false,
                    format,
                });
            }
        }
        requests.push(Request::Feedback {
            quarter: iag_desk_core::publications::feedback::last_ended_quarter(
                crate::support::today() + chrono::Days::new(100),
            ),
            group: None,
            format: Format::Docx,
        });
        for format in [Format::Pdf, Format::Csv, Format::Docx] {
            requests.push(Request::Advice {
                query: advice::AdviceQuery::default(),
                format,
            });
            requests.push(Request::Actions {
                query: actions::ActionQuery::default(),
                format,
            });
        }
        for request in requests {
            let export = crate::support::export(v, request.clone());
            let what = format!("{request:?} ({})", export.file_name);
            assert_eq!(export.readers, Readers::Anyone, "{what} is for anyone");
            assert!(export.audit.is_none(), "{what} needs no audit line");
            assert_clean(&format!("the file name of {what}"), &export.file_name);
            match export.format {
                Format::Pdf => {
                    let text = pdf_text(&export.bytes);
                    // Actions carried forward list their owner, not the item;
                    // the text is checked whole either way.
                    assert_clean(&what, &text);
                    assert_clean(&format!("the metadata of {what}"), &pdf_info(&export.bytes));
                }
                Format::Docx => {
                    // Every part: body, headers, footers, comments, properties.
                    let read = crate::word::read_docx(&export.bytes);
                    assert_clean(&what, &crate::word::all_parts(&read));
                }
                Format::Eml => {
                    // The message as Python's email package reads it:
                    // headers, body, attachment names, and the pack inside.
                    assert_clean(&what, &String::from_utf8_lossy(&export.bytes));
                    let dir = tempfile::tempdir().unwrap();
                    let parsed = crate::papers_email::parse(&export.bytes, dir.path());
                    assert_clean(&format!("the subject of {what}"), &parsed.subject);
                    assert_clean(&format!("the body of {what}"), &parsed.body);
                    for (name, _, _) in &parsed.attachments {
                        assert_clean(&format!("an attachment's name in {what}"), name);
                        let bytes = std::fs::read(dir.path().join(name)).unwrap();
                        if name.contains("agenda-pack") {
                            assert_clean(&format!("{name} in {what}"), &pdf_text(&bytes));
                            assert_clean(
                                &format!("{name}'s metadata in {what}"),
                                &pdf_info(&bytes),
                            );
                        } else {
                            assert_clean(
                                &format!("{name} in {what}"),
                                &String::from_utf8_lossy(&bytes),
                            );
                        }
                    }
                }
                _ => assert_clean(&what, &String::from_utf8_lossy(&export.bytes)),
            }
        }
    }

    /// The web pages are the PDFs' alternative format, drawn from the same
    /// audience's document: the same canaries must stay out of them.
    #[test]
    fn no_public_web_page_carries_a_confidential_canary() {
        let m = meeting_full_of_canaries();
        let v = &m.vault;

        let html = page(export(
            v,
            Request::Minutes {
                meeting: m.id,
                audience: Audience::Public,
                format: Format::Html,
            },
        ));
        checked_html("public-minutes.html", &html);
        assert!(html.contains(OPEN_WORDS), "the open note is in the minutes");
        assert_eq!(
            html.matches("<p class=\"marking\">OFFICIAL</p>").count(),
            2,
            "the public minutes are marked OFFICIAL at the top and the bottom"
        );
        assert_clean("the public minutes' web page", &html);

        let agenda = page(export(
            v,
            Request::Agenda {
                meeting: m.id,
                format: Format::Html,
            },
        ));
        checked_html("agenda.html", &agenda);
        assert!(
            agenda.contains("Community tensions"),
            "the public title stands in for the confidential item"
        );
        assert_clean("the agenda's web page", &agenda);
        let next = next_meeting(v);
        let next_agenda = page(export(
            v,
            Request::Agenda {
                meeting: next,
                format: Format::Html,
            },
        ));
        checked_html("next-agenda.html", &next_agenda);
        assert_clean(
            "the next agenda's web page (actions carried forward)",
            &next_agenda,
        );

        for large_print in [false, true] {
            let html = page(export(
                v,
                Request::Publication {
                    group: m.group,
                    publication: publications::Publication::InductionPack,
                    member: None,
                    large_print,
                    format: Format::Html,
                },
            ));
            checked_html("induction-pack.html", &html);
            assert!(html.contains("Confidentiality agreement"));
            assert_clean("the induction pack's web page", &html);
        }
        let terms = page(export(
            v,
            Request::Publication {
                group: m.group,
                publication: publications::Publication::TermsOfReference,
                member: None,
                large_print: false,
                format: Format::Html,
            },
        ));
        checked_html("terms-of-reference.html", &terms);
        assert_clean("the terms of reference's web page", &terms);
    }

    #[test]
    fn the_members_annex_web_page_carries_every_canary_marked_official_sensitive() {
        let m = meeting_full_of_canaries();
        let html = page(export(
            &m.vault,
            Request::Minutes {
                meeting: m.id,
                audience: Audience::Members,
                format: Format::Html,
            },
        ));
        checked_html("members-annex.html", &html);
        for c in CANARIES {
            assert!(html.contains(c), "{c} is missing from the annex:\n{html}");
        }
        assert!(!html.contains(NOT_RECORDED), "not recorded means nowhere");
        assert!(
            !html.contains(OPEN_WORDS),
            "open content is in the public minutes, not repeated"
        );
        assert_eq!(
            html.matches("<p class=\"marking\">OFFICIAL-SENSITIVE</p>")
                .count(),
            2,
            "the annex is marked OFFICIAL-SENSITIVE at the top and the bottom"
        );
        assert!(
            html.contains("<p class=\"watermark\"><strong>CONFIDENTIAL</strong></p>"),
            "and says it is confidential where the PDF has its watermark"
        );
    }

    #[test]
    fn not_recorded_text_is_nowhere_in_the_decrypted_vault() {
        let m = meeting_full_of_canaries();
        let path = m.vault.path().to_path_buf();
        drop(m.vault);
        let mut seen = 0;
        for (table, cells) in decrypted_rows(&path, PASSPHRASE, &[]) {
            for value in cells {
                seen += 1;
                assert!(
                    !value.contains(NOT_RECORDED),
                    "not-recorded text was stored in {table}"
                );
            }
        }
        assert!(seen > 1000, "the whole vault was read ({seen} values)");
    }
}

#[test]
fn the_minutes_follow_uk_practice_and_carry_draft_and_markings() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    let lines = items(&vault, id);
    let register = plan::detail(&vault, id).unwrap().register;
    let (a, b) = (
        register[0].person_id.unwrap(),
        register[1].person_id.unwrap(),
    );
    plan::set_presence(&mut vault, id, a, "present", None, None).unwrap();
    plan::set_presence(&mut vault, id, b, "apologies", None, None).unwrap();
    save(
        &mut vault,
        id,
        EntryDraft {
            person_id: Some(a.0),
            ..entry(
                lines[2].id,
                "declaration",
                "Works for the council's housing team.",
            )
        },
    );
    save(
        &mut vault,
        id,
        entry(lines[5].id, "note", "The inspector reported on burglary."),
    );
    save(
        &mut vault,
        id,
        entry(
            lines[5].id,
            "decision",
            "To write to the district commander.",
        ),
    );
    save(
        &mut vault,
        id,
        EntryDraft {
            police_recipient: "Ch Insp Gareth Lloyd".into(),
            ..entry(
                lines[6].id,
                "advice",
                "Publish stop and search figures by ward.",
            )
        },
    );
    save(
        &mut vault,
        id,
        EntryDraft {
            owner_id: Some(a.0),
            due_on: "30/11/2026".into(),
            ..entry(lines[6].id, "action", "Draft the letter.")
        },
    );
    save(
        &mut vault,
        id,
        EntryDraft {
            votes_for: 6,
            votes_against: 1,
            votes_abstain: 1,
            ..entry(
                lines[9].id,
                "vote",
                "That the group responds to the consultation.",
            )
        },
    );
    let text = pdf_text(&minutes_pdf(&vault, id, Audience::Public));
    let mut at = 0;
    for expected in [
        "OFFICIAL",
        "Marlow Fen Local IAG: minutes",
        "14 October 2026",
        "Present:",
        "Apologies:",
        "In attendance:",
        "Declarations of interest",
        "Works for the council's housing team.",
        "6 Police update",
        "The inspector reported on burglary.",
        "AGREED: To write to the district commander.",
        "ADVICE (to Ch Insp Gareth Lloyd): Publish stop and search figures by ward.",
        "by 30 November 2026): Draft the letter.",
        "VOTE: That the group responds to the consultation.",
        "RESULT: Carried (6 for, 1 against, 1 abstention).",
        "DRAFT: to be approved at the next meeting.",
    ] {
        let found = text[at..]
            .find(expected)
            .unwrap_or_else(|| panic!("{expected:?} missing or out of order in:\n{text}"));
        at += found + expected.len();
    }
    // The watermark is drawn as outlines (not text), so it is checked on
    // the document the renderer is given.
    let r = record::record(&vault, id).unwrap();
    let public = document::public_document(&minutes::audience::public_minutes(&r));
    assert_eq!(public.watermark.as_deref(), Some("DRAFT"));
    assert_eq!(public.marking.label(), "OFFICIAL");
    let annex_doc = document::annex_document(&minutes::audience::members_annex(&r));
    assert_eq!(annex_doc.watermark.as_deref(), Some("DRAFT · CONFIDENTIAL"));
    assert_eq!(annex_doc.marking.label(), "OFFICIAL-SENSITIVE");

    let annex = pdf_pages(&minutes_pdf(&vault, id, Audience::Members));
    assert!(annex[0].contains("Nothing confidential was recorded at this meeting."));
    assert!(
        annex.iter().all(|p| p.contains("OFFICIAL-SENSITIVE")),
        "the marking is on every page of the annex"
    );
}

#[test]
fn approval_locks_the_minutes_and_amendments_make_a_new_issue_keeping_the_original() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    let item = items(&vault, id)[5].id;
    let note = save(&mut vault, id, entry(item, "note", "Burglary fell by 10%."));
    let next = meeting_on(&mut vault, "11/11/2026");
    let at = item_titled(&vault, next, "Minutes of the previous");

    // Not at an earlier meeting, nor at another group's.
    let earlier = meeting_on(&mut vault, "01/09/2026");
    let earlier_item = item_titled(&vault, earlier, "Minutes of the previous");
    assert!(minutes::approve(&mut vault, id, earlier, earlier_item, now()).is_err());

    minutes::approve(&mut vault, id, next, at, now()).unwrap();
    let r = record::record(&vault, id).unwrap();
    assert_eq!(
        r.approved.as_deref(),
        Some("Approved as a true record at the meeting on 11 November 2026.")
    );
    assert_eq!(r.issue, 1);
    let later = record::record(&vault, next).unwrap();
    assert!(
        later.items[3].entries[0]
            .text
            .contains("minutes of the meeting on 14 October 2026 were approved"),
        "the approval is minuted at the later meeting"
    );

    let err = minutes::save_entry(&mut vault, id, &entry(item, "note", "more"), now()).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Conflict,
        "approved minutes are locked"
    );
    assert!(matches!(err, Error::Conflict(_)));
    assert!(minutes::delete_entry(&mut vault, id, note).is_err());
    let drafts: Vec<ItemDraft> = items(&vault, id).iter().map(|i| i.draft.clone()).collect();
    assert_eq!(
        plan::save_agenda(&mut vault, id, &drafts)
            .unwrap_err()
            .kind(),
        ErrorKind::Conflict,
        "so is the agenda, part of the record"
    );

    let err =
        minutes::amend(&mut vault, id, note, "Burglary fell by 12%.", " ", today()).unwrap_err();
    assert_eq!(err.problems()[0].field, "reason");
    minutes::amend(
        &mut vault,
        id,
        note,
        "Burglary fell by 12%.",
        "The inspector corrected the figure.",
        today(),
    )
    .unwrap();
    let r = record::record(&vault, id).unwrap();
    assert_eq!(r.issue, 2);
    let text = pdf_text(&minutes_pdf(&vault, id, Audience::Public));
    assert!(text.contains("Issue 2"));
    assert!(text.contains("Burglary fell by 12%."));
    assert!(text.contains("Amendments since approval"));
    assert!(text.contains("The inspector corrected the figure."));
    assert!(
        !text.contains("DRAFT:"),
        "approved minutes are no longer a draft"
    );

    let original = record::approved_original(&vault, id).unwrap().unwrap();
    assert_eq!(original.issue, 1);
    assert_eq!(original.items[5].entries[0].text, "Burglary fell by 10%.");
}

#[test]
fn a_tied_vote_goes_to_the_casting_vote_and_a_carried_removal_updates_the_roster() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    let register = plan::detail(&vault, id).unwrap().register;
    let members: Vec<(PersonId, String)> = register
        .iter()
        .filter(|r| r.capacity == iag_desk_core::vocabulary::Capacity::Member)
        .map(|r| (r.person_id.unwrap(), r.name.clone()))
        .collect();
    for (p, _) in &members[..6] {
        plan::set_presence(&mut vault, id, *p, "present", None, None).unwrap();
    }
    let (subject, subject_name) = members[8].clone();
    // A named vote: three for, two against, one proxy whose holder is absent.
    let ballots = vec![
        (0, "for", None),
        (1, "for", None),
        (2, "against", None),
        (3, "against", None),
        (4, "for", None),
        (7, "against", Some(6)),
    ]
    .into_iter()
    .map(
        |(i, choice, holder): (usize, &str, Option<usize>)| BallotDraft {
            person_id: Some(members[i].0 .0),
            voter_name: members[i].1.clone(),
            choice: choice.into(),
            proxy_holder_id: holder.map(|h| members[h].0 .0),
        },
    )
    .collect();
    let aob = items(&vault, id)[10].id;
    let vote = save(
        &mut vault,
        id,
        EntryDraft {
            named_vote: true,
            ballots,
            casting_vote: "for".into(),
            removes_person_id: Some(subject.0),
            ..entry(aob, "vote", "That the member is asked to leave the group.")
        },
    );
    let r = record::record(&vault, id).unwrap();
    let outcome = &r.items[10].entries[0].vote.as_ref().unwrap().outcome;
    assert_eq!(
        (outcome.for_, outcome.against),
        (3, 2),
        "the proxy held by an absent member does not count"
    );
    assert_eq!(outcome.discounted.len(), 1);
    assert!(
        outcome.carried,
        "3 of 5 votes counted is a majority of those present"
    );

    // Counts instead: a tie, decided by the chair.
    let tie = save(
        &mut vault,
        id,
        EntryDraft {
            votes_for: 3,
            votes_against: 3,
            casting_vote: "for".into(),
            ..entry(aob, "vote", "That the group meets monthly.")
        },
    );
    let text = pdf_text(&minutes_pdf(&vault, id, Audience::Public));
    assert!(text.contains("Carried on the chair's casting vote (3 for, 3 against, 0 abstentions)."));
    assert!(text.contains("proxy vote was not counted"));

    let declared = minutes::declare_vote(&mut vault, id, vote, now()).unwrap();
    assert!(declared.carried);
    let person = roster::members::person(&vault, subject, today()).unwrap();
    assert_eq!(person.form.status, "removed", "{subject_name} is removed");
    let last = person.status_history.last().unwrap();
    assert_eq!(last.status_label, "Removed");
    assert!(
        last.meeting
            .as_deref()
            .is_some_and(|m| m.contains("14 October 2026")),
        "with the meeting as the reference: {:?}",
        last.meeting
    );
    let again = EntryDraft {
        id: Some(vote),
        ..entry(aob, "vote", "Changed after declaring")
    };
    assert_eq!(
        minutes::save_entry(&mut vault, id, &again, now())
            .unwrap_err()
            .kind(),
        ErrorKind::Conflict,
        "a declared vote is final"
    );
    minutes::declare_vote(&mut vault, id, tie, now()).unwrap();
}

#[test]
fn open_actions_carry_forward_to_the_next_agenda_until_done() {
    let (_t, mut vault) = demo_vault();
    let first = meeting_on(&mut vault, "14/10/2026");
    let item = items(&vault, first)[6].id;
    let action = save(
        &mut vault,
        first,
        EntryDraft {
            owner_text: "Ama Mensah".into(),
            due_on: "01/11/2026".into(),
            ..entry(item, "action", "Ask for the use-of-force figures.")
        },
    );
    let second = meeting_on(&mut vault, "11/11/2026");
    let carried = plan::detail(&vault, second).unwrap().carried_actions;
    let line = carried
        .iter()
        .find(|a| a.id == action)
        .expect("the open action is carried to the next meeting");
    assert!(line.overdue, "due 1 November, meeting 11 November");
    let agenda = pdf_text(&agenda_pdf(&vault, second));
    assert!(agenda.contains("Open actions carried forward"));
    assert!(agenda.contains("Ask for the use-of-force figures. (Ama Mensah)"));

    let log = actions::log(
        &vault,
        &actions::ActionQuery {
            overdue_only: true,
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    assert!(log.iter().any(|a| a.id == action));

    let err = actions::set_status(
        &mut vault,
        action,
        &actions::StatusForm {
            status: "dropped".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].field, "note", "say why it was dropped");
    actions::set_status(
        &mut vault,
        action,
        &actions::StatusForm {
            status: "done".into(),
            note: "Figures circulated.".into(),
            at_meeting_id: Some(second.0),
            changed_on: "11/11/2026".into(),
        },
        today(),
    )
    .unwrap();
    let third = meeting_on(&mut vault, "09/12/2026");
    assert!(
        !plan::detail(&vault, third)
            .unwrap()
            .carried_actions
            .iter()
            .any(|a| a.id == action),
        "a done action no longer carries forward"
    );
    let minutes_text = pdf_text(&minutes_pdf(&vault, second, Audience::Public));
    assert!(minutes_text.contains("ACTION UPDATE: Ask for the use-of-force figures."));
    assert!(minutes_text.contains("done. Figures circulated."));
    let history = &actions::log(&vault, &Default::default(), today())
        .unwrap()
        .into_iter()
        .find(|a| a.id == action)
        .unwrap()
        .history;
    assert_eq!(history.len(), 2, "raised, then done");
}

#[test]
fn advice_responses_are_checked_and_the_register_filters() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    let item = items(&vault, id)[6].id;
    let given = save(
        &mut vault,
        id,
        entry(
            item,
            "advice",
            "Explain stop and search to young people in schools.",
        ),
    );
    let respond = |vault: &mut Vault, response: &str, reason: &str, on: &str| {
        advice::respond(
            vault,
            given,
            &advice::ResponseForm {
                response: response.into(),
                reason: reason.into(),
                responded_on: on.into(),
            },
            today(),
        )
    };
    let err = respond(&mut vault, "not_followed", "", "01/11/2026").unwrap_err();
    assert_eq!(
        err.problems()[0].field,
        "reason",
        "not followed needs its reason"
    );
    let err = respond(&mut vault, "accepted", "", "01/10/2026").unwrap_err();
    assert!(err.problems()[0]
        .message
        .contains("before the advice was given"));
    let err = respond(&mut vault, "accepted", "", "01/01/2027").unwrap_err();
    assert!(err.problems()[0].message.contains("future"));
    let err = respond(&mut vault, "accepted", "", "31/02/2026").unwrap_err();
    assert_eq!(err.problems()[0].field, "responded_on");
    respond(
        &mut vault,
        "not_followed",
        "Schools declined: exam season.",
        "02/11/2026",
    )
    .unwrap();

    let find = |q: advice::AdviceQuery| {
        advice::register(&vault, &q)
            .unwrap()
            .into_iter()
            .any(|a| a.id == given)
    };
    assert!(find(advice::AdviceQuery {
        response: "not_followed".into(),
        ..Default::default()
    }));
    assert!(!find(advice::AdviceQuery {
        response: "accepted".into(),
        ..Default::default()
    }));
    assert!(find(advice::AdviceQuery {
        from: "01/10/2026".into(),
        to: "31/10/2026".into(),
        group_id: Some(group(&vault, GROUP).0),
        ..Default::default()
    }));
    assert!(!find(advice::AdviceQuery {
        from: "01/11/2026".into(),
        ..Default::default()
    }));
    assert!(!find(advice::AdviceQuery {
        group_id: Some(group(&vault, "LGBT+ Subgroup").0),
        ..Default::default()
    }));
    let err = advice::register(
        &vault,
        &advice::AdviceQuery {
            from: "01/12/2026".into(),
            to: "01/11/2026".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].field, "to");
    let line = advice::register(&vault, &Default::default())
        .unwrap()
        .into_iter()
        .find(|a| a.id == given)
        .unwrap();
    assert_eq!(line.response_label, "Not followed");
    assert_eq!(line.response_on.as_deref(), Some("2 November 2026"));
}

#[test]
fn an_item_with_minutes_cannot_be_dropped_or_made_not_recorded() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    let item = items(&vault, id)[7].id;
    save(
        &mut vault,
        id,
        entry(item, "note", "Tension after the march."),
    );
    let mut drafts: Vec<ItemDraft> = items(&vault, id).iter().map(|i| i.draft.clone()).collect();
    drafts.remove(7);
    let err = plan::save_agenda(&mut vault, id, &drafts).unwrap_err();
    assert!(err.problems()[0]
        .message
        .contains("has minutes written under it"));
    let mut drafts: Vec<ItemDraft> = items(&vault, id).iter().map(|i| i.draft.clone()).collect();
    drafts[7].confidentiality = "not_recorded".into();
    drafts[7].public_title = "A matter".into();
    drafts[7].reason = "sub_judice".into();
    assert!(plan::save_agenda(&mut vault, id, &drafts).is_err());
    // Moving it is fine: it keeps its minutes.
    let mut drafts: Vec<ItemDraft> = items(&vault, id).iter().map(|i| i.draft.clone()).collect();
    let moved = drafts.remove(7);
    drafts.insert(8, moved);
    plan::save_agenda(&mut vault, id, &drafts).unwrap();
    let r = record::record(&vault, id).unwrap();
    assert_eq!(r.items[8].entries[0].text, "Tension after the march.");
}

#[test]
fn a_hand_over_file_carries_the_minutes_for_its_audience() {
    use iag_desk_core::meetings::handover;
    let (_a, mut secretary) = demo_vault();
    let id = meeting_on(&mut secretary, "14/10/2026");
    set_level(&mut secretary, id, 7, "confidential", "Community tensions");
    let lines = items(&secretary, id);
    save(
        &mut secretary,
        id,
        entry(lines[5].id, "decision", "To write to the commander."),
    );
    save(
        &mut secretary,
        id,
        entry(lines[7].id, "note", "Named individuals discussed."),
    );
    save(
        &mut secretary,
        id,
        EntryDraft {
            owner_text: "Ama Mensah".into(),
            due_on: "30/11/2026".into(),
            ..entry(lines[5].id, "action", "Draft the letter.")
        },
    );
    let members = handover::export(&secretary, id, Audience::Members).unwrap();
    let public = handover::export(&secretary, id, Audience::Public).unwrap();
    assert!(
        !public.contains("Named individuals")
            && !public.contains("Community feedback and tensions")
    );

    let (_b, mut chair) = demo_vault();
    let done = handover::import(&mut chair, &members, now()).unwrap();
    assert_eq!(done.minute_entries, 3);
    let r = record::record(&chair, done.meeting).unwrap();
    assert_eq!(r.items[7].entries[0].text, "Named individuals discussed.");
    assert_eq!(r.items[7].entries[0].level, Confidentiality::Confidential);
    assert_eq!(r.items[5].entries[1].owner, "Ama Mensah");

    // A public copy never overwrites the full record of a meeting already here.
    let err = handover::import(&mut chair, &public, now()).unwrap_err();
    assert_eq!(err.problems()[0].field, "audience");
    // And importing the members' copy again replaces, not duplicates.
    handover::import(&mut chair, &members, now()).unwrap();
    let r = record::record(&chair, done.meeting).unwrap();
    assert_eq!(r.items.iter().map(|i| i.entries.len()).sum::<usize>(), 3);
}

mod crash {
    //! The process taking minutes is killed (SIGKILL) in the middle of its
    //! writes, again and again; every write it acknowledged must be there
    //! after reopening, and the vault must pass SQLite's integrity check.

    use super::*;
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    const VAULT_VAR: &str = "IAG_DESK_CRASH_VAULT";
    const MEETING_VAR: &str = "IAG_DESK_CRASH_MEETING";
    const ROUND_VAR: &str = "IAG_DESK_CRASH_ROUND";

    /// The child: writes notes as fast as it can, printing each one's
    /// acknowledgement only after save_entry returned (committed).
    #[test]
    #[ignore = "run by writes_acknowledged_before_a_kill_survive_it as a child process"]
    fn child_writes_until_killed() {
        let (Ok(path), Ok(meeting), Ok(round)) = (
            std::env::var(VAULT_VAR),
            std::env::var(MEETING_VAR),
            std::env::var(ROUND_VAR),
        ) else {
            return;
        };
        let mut vault = Vault::unlock(
            std::path::Path::new(&path),
            &iag_desk_core::Passphrase::new(PASSPHRASE),
        )
        .unwrap();
        let id = MeetingId(meeting.parse().unwrap());
        let item = items(&vault, id)[5].id;
        for n in 0..100_000 {
            let text = format!("round {round} write {n}");
            // Three kinds of entry, so the kills land in different writes.
            let draft = match n % 3 {
                0 => entry(item, "note", &text),
                1 => entry(item, "decision", &text),
                _ => EntryDraft {
                    owner_text: "Ama Mensah".into(),
                    due_on: "30/11/2026".into(),
                    ..entry(item, "action", &text)
                },
            };
            minutes::save_entry(&mut vault, id, &draft, now()).unwrap();
            println!("ack {text}");
        }
    }

    /// The texts of the item's entries and SQLite's verdict on the file,
    /// from a fresh open as a user's next start would make.
    fn reopen(t: &TempVault, id: MeetingId) -> (Vec<String>, String) {
        let vault = t.unlock();
        let kept = record::record(&vault, id).unwrap().items[5]
            .entries
            .iter()
            .map(|e| e.text.clone())
            .collect();
        drop(vault);
        let conn = iag_desk_core::storage::raw_connection_for_tests(
            &t.path,
            &iag_desk_core::Passphrase::new(PASSPHRASE),
        )
        .unwrap();
        let check = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        (kept, check)
    }

    /// At least 1,000 acknowledged write transactions, the writer killed
    /// with SIGKILL after a random number of them (1 to 120) each round,
    /// the vault reopened and checked after every kill.
    #[test]
    fn a_thousand_writes_acknowledged_before_kills_all_survive_them() {
        let t = TempVault::new();
        let mut vault = t.create();
        iag_desk_core::demo::load(&mut vault, today()).unwrap();
        let id = meeting_on(&mut vault, "14/10/2026");
        drop(vault);
        let mut acknowledged = Vec::new();
        // A small LCG seeded from the clock: different kill points each
        // run, printed so a failing run can be repeated.
        let mut seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as u64;
        eprintln!("crash test seed {seed}");
        let mut rounds = 0;
        while acknowledged.len() < 1000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let kill_after = 1 + (seed >> 33) as usize % 120;
            let mut child = Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "minutes::crash::child_writes_until_killed",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(VAULT_VAR, &t.path)
                .env(MEETING_VAR, id.0.to_string())
                .env(ROUND_VAR, rounds.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let out = BufReader::new(child.stdout.take().unwrap());
            let mut seen = 0;
            for line in out.lines() {
                let line = line.unwrap();
                if let Some(text) = line.strip_prefix("ack ") {
                    acknowledged.push(text.to_string());
                    seen += 1;
                    if seen == kill_after {
                        // SIGKILL: no destructor, no checkpoint, no goodbye.
                        child.kill().unwrap();
                        break;
                    }
                }
            }
            child.wait().unwrap();
            assert!(
                seen >= kill_after,
                "round {rounds}: the child wrote {seen} entries"
            );
            let (kept, check) = reopen(&t, id);
            assert_eq!(check, "ok", "round {rounds}: integrity check");
            for a in &acknowledged {
                assert!(
                    kept.contains(a),
                    "round {rounds}: acknowledged write {a:?} was lost"
                );
            }
            rounds += 1;
        }
        eprintln!(
            "{} acknowledged writes over {rounds} kills, all present",
            acknowledged.len()
        );
    }
}

#[test]
fn names_in_any_script_come_back_from_the_minutes_pdf() {
    let (_t, mut vault) = demo_vault();
    let id = meeting_on(&mut vault, "14/10/2026");
    let item = items(&vault, id)[2].id;
    let names = ["Zofia Wójcik", "فاطمة الزهراء حسن", "प्रिया शर्मा", "陈美玲"];
    for name in names {
        save(
            &mut vault,
            id,
            EntryDraft {
                person_text: name.into(),
                ..entry(item, "declaration", "Knows a family named in item 8.")
            },
        );
    }
    let text = pdf_text(&minutes_pdf(&vault, id, Audience::Public));
    for name in names {
        assert!(text.contains(name), "{name} in the minutes:\n{text}");
    }
}

#[test]
fn a_hand_over_file_with_bad_minutes_names_each_problem_and_imports_nothing() {
    use iag_desk_core::meetings::handover;
    let (_a, mut secretary) = demo_vault();
    let id = meeting_on(&mut secretary, "14/10/2026");
    set_level(&mut secretary, id, 9, "not_recorded", "A police matter");
    let open = items(&secretary, id)[5].id;
    save(
        &mut secretary,
        id,
        entry(open, "decision", "To write to the commander."),
    );
    let mut file: serde_json::Value =
        serde_json::from_str(&handover::export(&secretary, id, Audience::Members).unwrap())
            .unwrap();
    file["meeting"]["minutes"][0]["kind"] = "gossip".into();
    file["meeting"]["minutes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "item": 40, "kind": "note", "text": "x" }));
    file["meeting"]["minutes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "item": 9, "kind": "note", "text": "typed anyway" }));
    file["meeting"]["minutes"].as_array_mut().unwrap().push(
        serde_json::json!({ "item": 6, "kind": "action", "text": "y", "due_on": "31/02/2026" }),
    );
    let (_b, mut chair) = demo_vault();
    let before = iag_desk_core::meetings::list(&chair, now()).unwrap().len();
    let err = handover::import(&mut chair, &file.to_string(), now()).unwrap_err();
    let paths: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    for expected in [
        "meeting.minutes[0].kind",
        "meeting.minutes[1].item",
        "meeting.minutes[2].item_id",
        "meeting.minutes[3].due_on",
    ] {
        assert!(paths.contains(&expected), "missing {expected} in {paths:?}");
    }
    assert_eq!(
        iag_desk_core::meetings::list(&chair, now()).unwrap().len(),
        before,
        "all or nothing"
    );
}

/// A meeting approved at the next one, then amended, with a paper under an
/// open item: its members' hand-over file, as JSON to spoil.
fn approved_meeting_file() -> serde_json::Value {
    use iag_desk_core::meetings::handover;
    let (_t, mut secretary) = demo_vault();
    let id = meeting_on(&mut secretary, "14/10/2026");
    let police = items(&secretary, id)[5].id;
    plan::attach_paper(
        &mut secretary,
        id,
        police,
        "Police update.pdf",
        b"%PDF-1.7 figures",
        now(),
    )
    .unwrap();
    let note = save(
        &mut secretary,
        id,
        entry(police, "note", "Burglary fell by 10%."),
    );
    let next = meeting_on(&mut secretary, "11/11/2026");
    let at = item_titled(&secretary, next, "Minutes of the previous");
    minutes::approve(&mut secretary, id, next, at, now()).unwrap();
    minutes::amend(
        &mut secretary,
        id,
        note,
        "Burglary fell by 12%.",
        "The inspector corrected the figure.",
        today(),
    )
    .unwrap();
    serde_json::from_str(&handover::export(&secretary, id, Audience::Members).unwrap()).unwrap()
}

/// Each spoilt part of an approved meeting's file is refused by its JSON
/// path, alone or all together, and the laptop's vault is the same after.
/// What an entry gathers after it is minuted (a police response, a vote
/// declared, an action's later status) is refused by its path when it
/// does not belong to the entry or does not read, and nothing changes.
#[test]
fn a_response_declaration_or_status_change_that_does_not_fit_is_refused_by_its_path() {
    use iag_desk_core::meetings::handover;
    let mut file = approved_meeting_file();
    let entries = file["meeting"]["minutes"].as_array_mut().unwrap();
    let note = entries
        .iter()
        .position(|e| e["kind"] == "note")
        .expect("the file has a note");
    let item = entries[note]["item"].clone();
    entries.push(serde_json::json!({
        "item": item, "kind": "advice", "confidentiality": "open",
        "text": "Publish the figures by ward.", "police_recipient": "Ch Insp Gareth Lloyd"
    }));
    let advice = entries.len() - 1;
    let (t, mut chair) = demo_vault();
    let before = decrypted_rows(&t.path, PASSPHRASE, &[]);
    let cases: Vec<(String, serde_json::Value)> = vec![
        (
            format!("meeting.minutes[{note}].response"),
            serde_json::json!({ "response": "accepted" }),
        ),
        (
            format!("meeting.minutes[{advice}].response"),
            serde_json::json!({ "response": "ignored" }),
        ),
        (
            format!("meeting.minutes[{advice}].response_on"),
            serde_json::json!({ "response": "accepted", "response_on": "31/02/2026" }),
        ),
        (
            format!("meeting.minutes[{note}].declared"),
            serde_json::json!({ "declared": true }),
        ),
        (
            format!("meeting.minutes[{note}].status_changes"),
            serde_json::json!({ "status_changes": [{ "on": "2026-11-01", "status": "done" }] }),
        ),
        (
            format!("meeting.minutes[{note}].status_changes[0].status"),
            serde_json::json!({ "status_changes": [{ "on": "2026-11-01", "status": "finished" }] }),
        ),
    ];
    for (path, extra) in cases {
        let mut bad = file.clone();
        let at = if path.contains(&format!("[{advice}]")) {
            advice
        } else {
            note
        };
        for (k, v) in extra.as_object().unwrap() {
            bad["meeting"]["minutes"][at][k] = v.clone();
        }
        let err = handover::import(&mut chair, &bad.to_string(), now()).unwrap_err();
        let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&path.as_str()), "{path} not in {fields:?}");
    }
    assert_eq!(
        decrypted_rows(&t.path, PASSPHRASE, &[]),
        before,
        "a refused file changes nothing"
    );
}

#[test]
fn a_bad_approval_amendment_or_paper_is_refused_by_its_path_and_changes_nothing() {
    use iag_desk_core::meetings::handover;
    let file = approved_meeting_file();
    let (t, mut chair) = demo_vault();
    // The file as it is imports (into a vault of its own, so the refusals
    // below meet a vault without it).
    {
        let (_t, mut other) = demo_vault();
        let done = handover::import(&mut other, &file.to_string(), now()).unwrap();
        let r = record::record(&other, done.meeting).unwrap();
        assert_eq!(r.issue, 2, "approved, then amended once");
        assert_eq!(r.amendments[0].after, "Burglary fell by 12%.");
        assert_eq!(r.items[5].papers, ["Police update.pdf"]);
        assert_eq!(
            record::approved_original(&other, done.meeting)
                .unwrap()
                .unwrap()
                .items[5]
                .entries[0]
                .text,
            "Burglary fell by 10%.",
            "the approved original travels as it was approved"
        );
    }
    type Spoil = fn(&mut serde_json::Value);
    let spoils: [(&str, Spoil); 9] = [
        ("meeting.approval.on", |f| {
            f["meeting"]["approval"]["on"] = "2026-13-45".into()
        }),
        ("meeting.approval.on", |f| {
            f["meeting"]["approval"]["on"] = "2026-10-01".into()
        }),
        ("meeting.approval.original", |f| {
            f["meeting"]["approval"]["original"] = serde_json::json!({ "items": "none" })
        }),
        ("meeting.amendments[0].entry", |f| {
            f["meeting"]["amendments"][0]["entry"] = 99.into()
        }),
        ("meeting.amendments[0].made_on", |f| {
            f["meeting"]["amendments"][0]["made_on"] = "2026-11-01".into()
        }),
        ("meeting.amendments[0].confidentiality", |f| {
            f["meeting"]["amendments"][0]["confidentiality"] = "not_recorded".into()
        }),
        ("meeting.papers[0].content", |f| {
            f["meeting"]["papers"][0]["content"] = "not base64!".into()
        }),
        ("meeting.papers[0].name", |f| {
            f["meeting"]["papers"][0]["name"] = "../../.ssh/authorized_keys".into()
        }),
        ("meeting.papers[0].item", |f| {
            f["meeting"]["papers"][0]["item"] = 40.into()
        }),
    ];
    let before = decrypted_rows(&t.path, PASSPHRASE, &[]);
    for (path, spoil) in spoils {
        let mut bad = file.clone();
        spoil(&mut bad);
        let err = handover::import(&mut chair, &bad.to_string(), now()).unwrap_err();
        let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, [path], "{err:?}");
    }
    // All at once: each reported (but an amendment's date, which is
    // checked against an approval date that is itself unreadable here).
    let mut all = file.clone();
    for (_, spoil) in &spoils[..1] {
        spoil(&mut all);
    }
    for (_, spoil) in &spoils[2..] {
        spoil(&mut all);
    }
    let err = handover::import(&mut chair, &all.to_string(), now()).unwrap_err();
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    for (path, _) in spoils {
        if path != "meeting.amendments[0].made_on" {
            assert!(fields.contains(&path), "{path} missing from {fields:?}");
        }
    }
    assert_eq!(
        decrypted_rows(&t.path, PASSPHRASE, &[]),
        before,
        "a refused file changes nothing"
    );
}

/// An update to an earlier meeting's action names that meeting by its date
/// and the action by its words: on a laptop without it, the file is
/// refused by the update's path, and imports once the earlier meeting's
/// own file is in.
#[test]
fn an_update_to_an_action_of_a_meeting_not_here_is_refused_until_that_meeting_arrives() {
    use iag_desk_core::meetings::handover;
    let (_a, mut secretary) = demo_vault();
    let first = meeting_on(&mut secretary, "14/10/2026");
    let police = items(&secretary, first)[5].id;
    let action = save(
        &mut secretary,
        first,
        EntryDraft {
            owner_text: "Ama Mensah".into(),
            due_on: "30/10/2026".into(),
            ..entry(police, "action", "Draft the letter.")
        },
    );
    let second = meeting_on(&mut secretary, "11/11/2026");
    actions::set_status(
        &mut secretary,
        action,
        &actions::StatusForm {
            status: "done".into(),
            note: "Sent on 1 November.".into(),
            at_meeting_id: Some(second.0),
            changed_on: "11/11/2026".into(),
        },
        today(),
    )
    .unwrap();
    let second_file = handover::export(&secretary, second, Audience::Members).unwrap();

    let (_b, mut chair) = demo_vault();
    let err = handover::import(&mut chair, &second_file, now()).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err:?}");
    assert_eq!(err.problems()[0].field, "meeting.action_updates[0].action");
    assert!(
        err.problems()[0]
            .message
            .contains("import that meeting's hand-over file first"),
        "{err:?}"
    );

    let first_file = handover::export(&secretary, first, Audience::Members).unwrap();
    handover::import(&mut chair, &first_file, now()).unwrap();
    let done = handover::import(&mut chair, &second_file, now()).unwrap();
    let r = record::record(&chair, done.meeting).unwrap();
    assert_eq!(r.action_updates.len(), 1);
    assert_eq!(r.action_updates[0].text, "Draft the letter.");
    assert_eq!(r.action_updates[0].note, "Sent on 1 November.");
    assert_eq!(
        pdf_text(&minutes_pdf(&chair, done.meeting, Audience::Public)),
        pdf_text(&minutes_pdf(&secretary, second, Audience::Public)),
        "the update is minuted on both laptops"
    );
    let log = actions::log(&chair, &actions::ActionQuery::default(), today()).unwrap();
    assert!(
        log.iter()
            .any(|a| a.text == "Draft the letter." && a.status_label == "Done"),
        "the action is done on this laptop too"
    );
}
