//! Shared by the document benchmarks: a vault with the demo force and a new
//! meeting of Marlow Fen Local IAG on 9 December 2026, from its template;
//! for the minutes benchmarks, that meeting minuted until its public minutes
//! run to 40 pages.

use chrono::NaiveDate;
use iag_desk_core::documents::layout;
use iag_desk_core::ids::MeetingId;
use iag_desk_core::meetings::plan::{self, MeetingForm};
use iag_desk_core::minutes::{self, audience, document, record, EntryDraft};
use iag_desk_core::{demo, exports, roster, Passphrase, Vault};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The vault (kept alive by the returned folder) and the new meeting.
/// A file's bytes through the one way out, as the window and the command
/// line make it (without writing it), at noon on [`today`].
#[allow(dead_code)] // not every bench writes a file
pub fn export(vault: &Vault, request: exports::Request) -> Vec<u8> {
    let local = today().and_hms_opt(12, 0, 0).expect("noon");
    let at = exports::Now {
        local,
        utc: local.and_utc(),
    };
    exports::prepare(vault, &request, at)
        .and_then(exports::Prepared::render)
        .expect("export")
        .bytes
}

/// The public minutes as a PDF, through the one way out.
#[allow(dead_code)] // only the minutes benches
pub fn public_minutes_pdf(vault: &Vault, meeting: MeetingId) -> Vec<u8> {
    export(
        vault,
        exports::Request::Minutes {
            meeting,
            audience: iag_desk_core::confidentiality::Audience::Public,
            format: exports::Format::Pdf,
        },
    )
}

pub fn demo_meeting() -> (tempfile::TempDir, Vault, MeetingId) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("bench.vault"),
        &Passphrase::new("benchmark passphrase"),
    )
    .unwrap();
    demo::load(&mut vault, today()).unwrap();
    let group = roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Marlow Fen Local IAG")
        .unwrap();
    let id = plan::create(
        &mut vault,
        &MeetingForm {
            group_id: group.id.0,
            date: "09/12/2026".into(),
            time: "18:30".into(),
            venue: "Marlow Fen Community Centre".into(),
            ..Default::default()
        },
    )
    .unwrap();
    (dir, vault, id)
}

/// How many pages the meeting's public minutes run to.
// Each bench compiles this module into its own crate, and only the minutes
// benches use the minuted meeting.
#[allow(dead_code)]
pub fn public_minutes_pages(vault: &Vault, id: MeetingId) -> usize {
    let r = record::record(vault, id).unwrap();
    layout(&document::public_document(&audience::public_minutes(&r)))
        .unwrap()
        .pages
        .len()
}

/// The names the minutes' entries cycle through: one per script the
/// documents must set (the comparisons look for each in the other tool's PDF).
#[allow(dead_code)]
pub const NAMES: [&str; 7] = [
    "Zofia Wójcik",
    "فاطمة الزهراء حسن",
    "রাজিয়া বেগম",
    "ਹਰਪ੍ਰੀਤ ਕੌਰ",
    "प्रिया शर्मा",
    "陈美玲",
    "Siobhán Ní Bhriain",
];

/// The demo meeting minuted until its public minutes run to at least `pages`
/// pages: notes, decisions, advice, actions and votes under every item, names
/// in several scripts, one entry in nine confidential. Returns the vault (kept
/// alive by the folder), the meeting and how many entries were written.
#[allow(dead_code)]
pub fn minuted_meeting(pages: usize) -> (tempfile::TempDir, Vault, MeetingId, usize) {
    let now = today().and_hms_opt(20, 0, 0).unwrap();
    let (dir, mut vault, id) = demo_meeting();
    let items: Vec<i64> = plan::detail(&vault, id)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect();
    let names = NAMES;
    let kinds = ["note", "decision", "advice", "action", "note", "vote"];
    let mut n = 0;
    while public_minutes_pages(&vault, id) < pages {
        for _ in 0..20 {
            let name = names[n % names.len()];
            let kind = kinds[n % kinds.len()];
            let draft = EntryDraft {
                item_id: items[5 + n % 6],
                kind: kind.into(),
                confidentiality: if n % 9 == 0 { "confidential" } else { "" }.into(),
                text: format!(
                    "{name} reported what residents on the Fenside estate said about stop and \
                     search after the arrest outside the youth club, and asked the inspector \
                     for the figures by ward and by self-defined ethnicity for the quarter ({n})."
                ),
                police_recipient: "Inspector Gareth Lloyd".into(),
                owner_text: name.into(),
                due_on: "22/12/2026".into(),
                votes_for: 5,
                votes_against: 5,
                votes_abstain: 1,
                casting_vote: "for".into(),
                ..Default::default()
            };
            minutes::save_entry(&mut vault, id, &draft, now).unwrap();
            n += 1;
        }
    }
    (dir, vault, id, n)
}

/// Runs `f` once cold, then `runs` times, and prints one line: median, min
/// and max in milliseconds against `budget_ms`, with `note` after it.
pub fn report<T>(label: &str, budget_ms: f64, runs: usize, note: &str, mut f: impl FnMut() -> T) {
    use std::time::Instant;
    let first = Instant::now();
    std::hint::black_box(f());
    let cold = first.elapsed().as_secs_f64() * 1e3;
    let samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    report_samples(
        label,
        budget_ms,
        samples,
        &format!("{note}first run {cold:.1} ms"),
    );
}

/// Prints one line for timings taken by the caller (in milliseconds), for
/// a bench whose runs need untimed work between them: median, min and max
/// against `budget_ms`, with `note` after it.
#[allow(dead_code)] // only the benches that time between untimed steps
pub fn report_samples(label: &str, budget_ms: f64, mut samples: Vec<f64>, note: &str) {
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    println!(
        "{label:<44} {median:>10.2} {:>10.2} {:>10.2} {budget_ms:>10}  {}  (n={}; {note})",
        samples[0],
        samples[samples.len() - 1],
        if median <= budget_ms {
            "met   "
        } else {
            "MISSED"
        },
        samples.len(),
    );
}
