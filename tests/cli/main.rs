//! The command line as a person or a script uses it: the real binary, a
//! temporary data folder, the passphrase in the environment, no terminal.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

// The roster from and to spreadsheets (.xlsx): import, --sheet,
// --create-groups, export read back by openpyxl.
mod packages;
mod sheets;

const PASSPHRASE: &str = "kettle harbour violet";

/// The instant the binary's clock starts at, through the test build's
/// clock hook, so a failure here can be reproduced on any day. Under
/// `.ci/any-day` (which sets `IAG_DESK_TEST_REAL_CLOCK` and shifts the system
/// clock with libfaketime) the hook is off and the binary reads the real,
/// shifted clock: tests derive what they expect from [`today`], never from a
/// date written here.
const FIXED_CLOCK: &str = "2026-12-06T10:00";

fn real_clock() -> bool {
    std::env::var_os("IAG_DESK_TEST_REAL_CLOCK").is_some()
}

/// The day the binary thinks it is (read again at each call: under the
/// real clock a run that starts at 23:59 ends on the next day).
fn today() -> chrono::NaiveDate {
    if real_clock() {
        chrono::Local::now().date_naive()
    } else {
        chrono::NaiveDateTime::parse_from_str(FIXED_CLOCK, "%Y-%m-%dT%H:%M")
            .unwrap()
            .date()
    }
}

/// The binary as a script runs it: a data folder, the passphrase in the
/// environment (or none), no terminal.
fn command(data_dir: &Path, passphrase: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iag-desk"));
    cmd.args(args)
        .env("IAG_DESK_DATA_DIR", data_dir)
        .env_remove("IAG_DESK_PASSPHRASE")
        .env_remove("IAG_DESK_CLOCK")
        // No terminal: a prompt would hang the test, so the CLI must refuse.
        .stdin(Stdio::null());
    if !real_clock() {
        cmd.env("IAG_DESK_CLOCK", FIXED_CLOCK);
    }
    if let Some(p) = passphrase {
        cmd.env("IAG_DESK_PASSPHRASE", p);
    }
    cmd
}

fn iag_desk(data_dir: &Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    command(data_dir, passphrase, args)
        .output()
        .expect("run iag-desk")
}

/// Runs iag-desk with the test passphrase and fails the test, with its
/// message, unless the command succeeds.
fn succeeds(data_dir: &Path, args: &[&str]) -> Output {
    let o = iag_desk(data_dir, Some(PASSPHRASE), args);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// `meetings export` of one meeting's hand-over file for an audience.
fn export_handover(data_dir: &Path, meeting: &str, file: &Path, audience: &str) -> Output {
    succeeds(
        data_dir,
        &[
            "meetings",
            "export",
            meeting,
            file.to_str().unwrap(),
            "--audience",
            audience,
        ],
    )
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_fails_with(o: &Output, code: i32, needle: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "exit code; stderr: {}",
        stderr(o)
    );
    assert!(
        stderr(o).contains(needle),
        "stderr must say {needle:?}, got: {}",
        stderr(o)
    );
}

fn status_json(dir: &Path) -> Value {
    let o = iag_desk(dir, Some(PASSPHRASE), &["status", "--json"]);
    assert!(o.status.success(), "status failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("status --json prints JSON")
}

#[test]
fn help_lists_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), None, &["--help"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for sub in [
        "init",
        "demo",
        "status",
        "roster",
        "meetings",
        "pack-papers",
        "send",
        "--data-dir",
        "--json",
    ] {
        assert!(text.contains(sub), "--help must list {sub}:\n{text}");
    }
}

#[test]
fn init_demo_status_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["init"]);
    assert!(o.status.success(), "init: {}", stderr(&o));
    assert!(stdout(&o).contains("cannot be recovered"), "{}", stdout(&o));

    let empty = status_json(dir.path());
    assert_eq!(empty["counts"]["members_total"], 0);
    assert_eq!(
        empty["schema_version"],
        Value::from(iag_desk_core::SCHEMA_VERSION)
    );

    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
    assert!(stdout(&o).contains("Loaded the demo force"));
    let once = status_json(dir.path());

    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["demo"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("already loaded"), "{}", stdout(&o));
    let twice = status_json(dir.path());
    assert_eq!(once, twice, "`demo` twice must give the same counts");
    assert_eq!(twice["demo_loaded"], true);

    // Weeks later, loading it again lays it out around the new day.
    let later = today() + chrono::Days::new(45);
    let o = command(dir.path(), Some(PASSPHRASE), &["demo", "--json"])
        .env("IAG_DESK_CLOCK", format!("{later}T10:00"))
        .output()
        .unwrap();
    assert!(o.status.success(), "demo later: {}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["refreshed"], true, "{report}");
    assert_eq!(report["anchor"], later.to_string(), "{report}");
    let o = command(dir.path(), Some(PASSPHRASE), &["demo"])
        .env("IAG_DESK_CLOCK", format!("{later}T10:05"))
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("already loaded"),
        "the same day again adds nothing: {}",
        stdout(&o)
    );

    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["status"]);
    let text = stdout(&o);
    assert!(text.contains("Schema version:"), "{text}");
    assert!(
        text.contains(&format!("IAG Desk:        {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains("Groups:          11 active, 1 stood down"),
        "{text}"
    );

    succeeds(dir.path(), &["demo", "--remove"]);
    assert_eq!(status_json(dir.path())["counts"]["groups_active"], 0);
}

#[test]
fn status_without_a_vault_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["status"]);
    assert_fails_with(&o, 1, "There is no vault at");
    assert!(stderr(&o).contains("iag-desk init"));
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "a failed status must create nothing"
    );
}

#[test]
fn a_wrong_passphrase_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(iag_desk(dir.path(), Some(PASSPHRASE), &["init"])
        .status
        .success());
    let vault = dir.path().join(iag_desk_core::VAULT_FILE);
    let before = std::fs::read(&vault).unwrap();
    let o = iag_desk(dir.path(), Some("not the passphrase"), &["status"]);
    assert_fails_with(&o, 1, "does not unlock");
    assert!(
        !stderr(&o).contains("hmac"),
        "SQLCipher's own log lines must not reach the user: {}",
        stderr(&o)
    );
    assert_eq!(
        before,
        std::fs::read(&vault).unwrap(),
        "vault must be byte-identical"
    );
}

#[test]
fn no_passphrase_and_no_terminal_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), None, &["init"]);
    assert_fails_with(&o, 1, "IAG_DESK_PASSPHRASE");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn init_refuses_a_short_passphrase_and_an_existing_vault() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), Some("short"), &["init"]);
    assert_fails_with(&o, 1, "at least 10 characters");
    assert!(!dir.path().join(iag_desk_core::VAULT_FILE).exists());

    assert!(iag_desk(dir.path(), Some(PASSPHRASE), &["init"])
        .status
        .success());
    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["init"]);
    assert_fails_with(&o, 1, "already exists");
}

#[test]
fn json_errors_carry_a_stable_kind() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["status", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&o.stderr).expect("JSON error on stderr");
    assert_eq!(err["error"]["kind"], "NotFound");
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no vault"));
}

#[test]
fn a_newer_vault_is_refused_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    assert!(iag_desk(dir.path(), Some(PASSPHRASE), &["init"])
        .status
        .success());
    let vault = dir.path().join(iag_desk_core::VAULT_FILE);
    {
        let conn = iag_desk_core::storage::raw_connection_for_tests(
            &vault,
            &iag_desk_core::Passphrase::new(PASSPHRASE),
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["status"]);
    // The vault names no other release (this one made it), so the message
    // says "a newer IAG Desk", and names this one.
    assert_fails_with(&o, 1, "written by a newer IAG Desk (schema 999)");
    assert!(
        stderr(&o).contains(&format!(
            "this is IAG Desk {}, which reads schemas up to",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = iag_desk(dir.path(), None, &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2), "usage errors exit 2");
    assert!(stderr(&o).contains("frobnicate"));
}

#[test]
fn a_data_folder_that_cannot_be_made_is_named() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data folder should be.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let o = iag_desk(&blocker.join("inner"), Some(PASSPHRASE), &["init"]);
    assert_fails_with(&o, 1, "Could not create the data folder");
    assert!(stderr(&o).contains("not-a-folder"), "{}", stderr(&o));
}

fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(iag_desk(dir.path(), Some(PASSPHRASE), &["init"])
        .status
        .success());
    assert!(iag_desk(dir.path(), Some(PASSPHRASE), &["demo"])
        .status
        .success());
    dir
}

#[test]
fn roster_list_by_group_shows_roles_and_warnings() {
    let dir = demo_dir();
    let o = succeeds(
        dir.path(),
        &["roster", "list", "--group", "marlow fen local iag"],
    );
    let text = stdout(&o);
    assert!(
        text.contains("ਹਰਪ੍ਰੀਤ ਕੌਰ  [Active]  Member, Marlow Fen Local IAG"),
        "{text}"
    );
    assert!(
        text.contains("! Information-sharing agreement not signed."),
        "{text}"
    );
    assert!(text.trim_end().ends_with("9 members"), "{text}");

    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["roster", "list", "--json"]);
    let people: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 62);

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "list", "--group", "Atlantis IAG"],
    );
    assert_fails_with(&o, 1, "there is no group called \"Atlantis IAG\"");
}

#[test]
fn roster_import_reports_every_problem_and_dry_run_changes_nothing() {
    let dir = demo_dir();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "full_name,email\nA Person,not-an-email\n,x@example.org\n",
    )
    .unwrap();
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "import", bad.to_str().unwrap()],
    );
    assert_fails_with(&o, 1, "2 problems found; nothing was changed");
    assert!(
        stderr(&o).contains("row 2, column email:"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("row 3, column full_name:"),
        "{}",
        stderr(&o)
    );

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "full_name,email,groups\nNew Person,new@example.org,LGBT+ Subgroup (member)\n",
    )
    .unwrap();
    let before = status_json(dir.path());
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "import", good.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        stdout(&o).contains("Would add 1 person and 1 roles"),
        "{}",
        stdout(&o)
    );
    assert_eq!(status_json(dir.path()), before, "dry run changes nothing");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "import", good.to_str().unwrap()],
    );
    assert!(stdout(&o).contains("Added 1 person"), "{}", stdout(&o));
    assert_eq!(status_json(dir.path())["counts"]["members_total"], 63);

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "import", "/no/such/file.csv"],
    );
    assert_fails_with(&o, 1, "Could not read /no/such/file.csv");
}

#[test]
fn roster_export_writes_an_excel_ready_file() {
    let dir = demo_dir();
    let out = dir.path().join("lgbt.csv");
    succeeds(
        dir.path(),
        &[
            "roster",
            "export",
            out.to_str().unwrap(),
            "--group",
            "LGBT+ Subgroup",
        ],
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text.matches("\r\n").count(),
        1 + 6,
        "header, five members and the SPOC:\n{text}"
    );
    assert!(text.contains("\"David Chen\",\"police\""));
    assert!(
        !dir.path().join("lgbt.csv.part").exists(),
        "no temporary file left behind"
    );
}

#[test]
fn meetings_list_by_group() {
    let dir = demo_dir();
    let o = succeeds(
        dir.path(),
        &["meetings", "list", "--group", "Fenwold Strategic IAG"],
    );
    let text = stdout(&o);
    assert!(text.starts_with("Coming up:\n"), "{text}");
    assert!(text.contains("Fenwold Strategic IAG  [Planned]"), "{text}");
    assert!(
        !text.contains("Marlow Fen"),
        "only the group asked for: {text}"
    );
    assert!(
        text.trim_end().ends_with("3 meetings"),
        "twice a year: two held in the past year, one coming up:\n{text}"
    );
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["meetings", "list", "--json"],
    );
    let all: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        all.as_array().unwrap().len(),
        53,
        "the demo has the same shape on any day: 43 meetings held and 10 coming up"
    );
}

#[test]
fn calendar_writes_ics_that_an_independent_parser_reads_back() {
    use icalendar::{Component, DatePerhapsTime, EventLike};
    let dir = demo_dir();
    let out = dir.path().join("marlow.ics");
    let o = succeeds(
        dir.path(),
        &[
            "calendar",
            "--group",
            "Marlow Fen Local IAG",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(stdout(&o).contains("Wrote 5 meetings"), "{}", stdout(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545 that a parser accepts");
    let cal: icalendar::Calendar = cal.into();
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(
        events.len(),
        5,
        "a year of quarterly meetings and the next one"
    );
    for e in &events {
        assert_eq!(e.get_summary(), Some("Marlow Fen Local IAG meeting"));
        assert_eq!(
            e.get_location(),
            Some("Marlow Fen Community Centre, Mill Lane")
        );
        match e.get_start() {
            Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
                tzid,
                date_time,
            })) => {
                assert_eq!(tzid, "Europe/London");
                assert_eq!(
                    date_time.format("%H:%M").to_string(),
                    "18:30",
                    "the wall-clock time"
                );
            }
            other => panic!("start must be a London date-time, got {other:?}"),
        }
        assert!(e.get_uid().is_some_and(|u| u.ends_with("@iag-desk")));
    }
}

#[test]
fn meetings_hand_over_between_two_vaults() {
    let chair = demo_dir();
    let secretary = demo_dir();
    let file = chair.path().join("meeting.json");
    let o = iag_desk(
        chair.path(),
        Some(PASSPHRASE),
        &["meetings", "list", "--json"],
    );
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = list[0]["id"].as_i64().unwrap().to_string();
    let o = export_handover(chair.path(), &id, &file, "members");
    assert!(stdout(&o).contains("delete it once imported"));
    let o = succeeds(
        secretary.path(),
        &["meetings", "import", file.to_str().unwrap()],
    );
    assert!(stdout(&o).starts_with("Added meeting"), "{}", stdout(&o));
    let o = iag_desk(
        secretary.path(),
        Some(PASSPHRASE),
        &["meetings", "import", file.to_str().unwrap()],
    );
    assert!(stdout(&o).starts_with("Updated meeting"), "{}", stdout(&o));

    std::fs::write(&file, "{ not json").unwrap();
    let o = iag_desk(
        secretary.path(),
        Some(PASSPHRASE),
        &["meetings", "import", file.to_str().unwrap()],
    );
    assert_fails_with(&o, 1, "line 1, column");
}

#[test]
fn agenda_and_sign_in_pdfs_from_the_command_line() {
    let dir = demo_dir();
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["meetings", "list", "--json"],
    );
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = list[0]["id"].as_i64().unwrap().to_string();
    for (command, needle) in [
        ("agenda", "Wrote the agenda"),
        ("signin", "Wrote the sign-in sheet"),
    ] {
        let out = dir.path().join(format!("{command}.pdf"));
        let o = succeeds(dir.path(), &[command, &id, "-o", out.to_str().unwrap()]);
        assert!(stdout(&o).contains(needle), "{}", stdout(&o));
        assert!(
            std::fs::read(&out).unwrap().starts_with(b"%PDF-"),
            "a PDF file"
        );
    }
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["agenda", "999999", "-o", "/tmp/never.pdf"],
    );
    assert_fails_with(&o, 1, "That meeting was not found");
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "{} is a readable PDF", path.display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The demo's oldest Marlow Fen meeting with minutes: it has a confidential item.
fn first_minuted_meeting(dir: &Path) -> String {
    let o = succeeds(
        dir,
        &[
            "meetings",
            "list",
            "--group",
            "Marlow Fen Local IAG",
            "--json",
        ],
    );
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    let held: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "minutes_approved")
        .collect();
    held.last().unwrap()["id"].as_i64().unwrap().to_string()
}

/// Said in confidence at the demo's first minuted meeting.
const DEMO_SECRET: &str = "rising tension on the Fenside estate";
const DEMO_SECRET_ADVICE: &str = "open meeting at the youth club";

#[test]
fn minutes_public_and_members_from_the_command_line() {
    let dir = demo_dir();
    let id = first_minuted_meeting(dir.path());
    let public = dir.path().join("minutes.pdf");
    let annex = dir.path().join("annex.pdf");
    let o = succeeds(
        dir.path(),
        &[
            "minutes",
            &id,
            "-o",
            public.to_str().unwrap(),
            "--audience",
            "public",
        ],
    );
    for log in [stdout(&o), stderr(&o)] {
        assert!(
            !log.contains(DEMO_SECRET),
            "nothing confidential in the output"
        );
    }
    let text = pdftotext(&public);
    assert!(
        text.contains("burglary in Marlow Fen fell by a tenth"),
        "{text}"
    );
    assert!(
        text.contains("Carried on the chair's casting vote"),
        "{text}"
    );
    assert!(text.contains("Approved as a true record"), "{text}");
    assert!(!text.contains(DEMO_SECRET) && !text.contains(DEMO_SECRET_ADVICE));

    let o = succeeds(
        dir.path(),
        &[
            "minutes",
            &id,
            "-o",
            annex.to_str().unwrap(),
            "--audience",
            "members",
        ],
    );
    assert!(stdout(&o).contains("OFFICIAL-SENSITIVE"));
    let text = pdftotext(&annex);
    assert!(text.contains(DEMO_SECRET), "{text}");
    assert!(text.contains("OFFICIAL-SENSITIVE"));

    // The audience must be chosen: there is no default to leak by.
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["minutes", &id, "-o", public.to_str().unwrap()],
    );
    assert_fails_with(&o, 2, "--audience");
}

/// The web page a command wrote, held to the core's HTML checks.
fn checked_html(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    if let Err(problems) = iag_desk_core::documents::html::check_html(&html) {
        panic!(
            "{} fails the HTML checks:\n{}",
            path.display(),
            problems.join("\n")
        );
    }
    html
}

#[test]
fn agenda_minutes_and_pack_as_web_pages_when_the_file_ends_in_html() {
    let dir = demo_dir();
    let id = first_minuted_meeting(dir.path());
    let run = |args: &[&str]| {
        let o = iag_desk(dir.path(), Some(PASSPHRASE), args);
        assert!(o.status.success(), "{}", stderr(&o));
        for log in [stdout(&o), stderr(&o)] {
            assert!(
                !log.contains(DEMO_SECRET),
                "nothing confidential in the output"
            );
        }
        stdout(&o)
    };

    let agenda = dir.path().join("agenda.html");
    let said = run(&["agenda", &id, "-o", agenda.to_str().unwrap()]);
    assert!(
        said.starts_with("Wrote the agenda as a web page (HTML) to"),
        "{said}"
    );
    let html = checked_html(&agenda);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Marlow Fen Local IAG: agenda"));
    assert!(!html.contains(DEMO_SECRET));

    // .htm counts too, in any case.
    let public = dir.path().join("minutes.HTM");
    let said = run(&[
        "minutes",
        &id,
        "-o",
        public.to_str().unwrap(),
        "--audience",
        "public",
    ]);
    assert!(
        said.starts_with("Wrote the public minutes as a web page (HTML)"),
        "{said}"
    );
    let html = checked_html(&public);
    assert!(
        html.contains("burglary in Marlow Fen fell by a tenth"),
        "{html}"
    );
    assert!(
        !html.contains(DEMO_SECRET) && !html.contains(DEMO_SECRET_ADVICE),
        "confidential text reached the public minutes' web page"
    );

    let annex = dir.path().join("annex.html");
    let o = succeeds(
        dir.path(),
        &[
            "minutes",
            &id,
            "-o",
            annex.to_str().unwrap(),
            "--audience",
            "members",
            "--json",
        ],
    );
    let said: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(said["format"], "html");
    let html = checked_html(&annex);
    assert!(
        html.contains(DEMO_SECRET),
        "the annex holds the confidential record"
    );
    assert!(html.contains("<p class=\"marking\">OFFICIAL-SENSITIVE</p>"));

    let pack = dir.path().join("pack.html");
    let said = run(&[
        "pack",
        "Marlow Fen Local IAG",
        "-o",
        pack.to_str().unwrap(),
        "--member",
        "فاطمة الزهراء حسن",
    ]);
    assert!(
        said.contains("induction pack as a web page (HTML)"),
        "{said}"
    );
    let html = checked_html(&pack);
    assert!(
        html.contains("<span lang=\"und-Arab\" dir=\"rtl\">فاطمة الزهراء حسن</span>"),
        "the member's name is marked as Arabic script"
    );

    // Any other extension stays a PDF, and says so.
    let pdf = dir.path().join("agenda.pdf");
    let said = run(&["agenda", &id, "-o", pdf.to_str().unwrap()]);
    assert!(said.starts_with("Wrote the agenda as a PDF to"), "{said}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn advice_and_actions_registers_as_pdf_and_csv() {
    let dir = demo_dir();
    let csv = dir.path().join("advice.csv");
    succeeds(
        dir.path(),
        &[
            "advice",
            "--group",
            "Marlow Fen Local IAG",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    let body = std::fs::read_to_string(&csv).unwrap();
    for response in [
        "Accepted",
        "Partly accepted",
        "Not followed",
        "Awaiting a response",
    ] {
        assert!(body.contains(response), "{response} in {body}");
    }
    assert!(body.contains("Confidential advice"));
    assert!(!body.contains(DEMO_SECRET_ADVICE), "{body}");
    assert!(
        !body.contains("prejudiced a live prosecution"),
        "nor its confidential reason"
    );

    let o = succeeds(
        dir.path(),
        &[
            "advice",
            "--response",
            "not_followed",
            "-o",
            dir.path().join("advice.pdf").to_str().unwrap(),
        ],
    );
    assert!(
        stdout(&o).contains("Wrote 2 pieces of advice"),
        "Marlow Fen's and the Kingsmead critical group's: {}",
        stdout(&o)
    );

    let pdf = dir.path().join("actions.pdf");
    succeeds(
        dir.path(),
        &["actions", "--overdue", "-o", pdf.to_str().unwrap()],
    );
    assert!(pdftotext(&pdf).contains("OVERDUE"));

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "actions",
            "-o",
            dir.path().join("actions.txt").to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "name the file .pdf, .csv or .docx");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "advice",
            "--from",
            "31/02/2026",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "from:");
}

/// The attendance report from the command line: the demo's Eastwick
/// member absent from its last three meetings is marked to follow up, in
/// CSV and PDF; a bad or backwards period is named and nothing is written.
#[test]
fn the_attendance_report_as_csv_and_pdf() {
    let dir = demo_dir();
    let eastwick = "Eastwick & Saltmarsh Local IAG";
    let csv = dir.path().join("attendance.csv");
    let o = succeeds(
        dir.path(),
        &["attendance", eastwick, "-o", csv.to_str().unwrap()],
    );
    assert!(stdout(&o).contains("OFFICIAL-SENSITIVE"), "{}", stdout(&o));
    let body = std::fs::read_to_string(&csv).unwrap();
    let callum = body
        .lines()
        .find(|l| l.starts_with("\"Callum Reid\","))
        .unwrap_or_else(|| panic!("{body}"));
    assert!(callum.ends_with(r#""3","0","0","3","3","yes""#), "{callum}");
    assert_eq!(
        body.lines().filter(|l| l.ends_with(r#","yes""#)).count(),
        1,
        "{body}"
    );

    let pdf = dir.path().join("attendance.pdf");
    succeeds(
        dir.path(),
        &["attendance", eastwick, "-o", pdf.to_str().unwrap()],
    );
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Callum Reid") && text.contains("FOLLOW UP"),
        "{text}"
    );

    let elsewhere = dir.path().join("never.csv");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "attendance",
            eastwick,
            "--from",
            "31/02/2026",
            "-o",
            elsewhere.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "from:");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "attendance",
            eastwick,
            "--from",
            "2026-06-01",
            "--to",
            "2026-05-01",
            "-o",
            elsewhere.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "ends earlier");
    assert!(!elsewhere.exists());
}

#[test]
fn a_public_hand_over_file_carries_only_open_minutes() {
    let dir = demo_dir();
    let id = first_minuted_meeting(dir.path());
    let file = dir.path().join("public.json");
    export_handover(dir.path(), &id, &file, "public");
    let json = std::fs::read_to_string(&file).unwrap();
    assert!(json.contains("burglary in Marlow Fen fell by a tenth"));
    assert!(!json.contains(DEMO_SECRET) && !json.contains(DEMO_SECRET_ADVICE));
    assert!(json.contains("\"audience\": \"public\""));

    // An independent JSON reader (jq) reads the members' file as the
    // format says: version 3 and the register's details.
    let members = dir.path().join("members.json");
    export_handover(dir.path(), &id, &members, "members");
    for (check, what) in [
        (
            r#".format == "iag-desk.meeting" and .version == 3"#,
            "format and version",
        ),
        (
            r#".audience == "members" and ([.meeting.attendance[] | select(.presence == "apologies")] | length == 1)"#,
            "apologies",
        ),
        (
            r#"[.meeting.attendance[] | select(.takes_minutes)] | length == 1"#,
            "one minute-taker",
        ),
        (
            r#"[.meeting.attendance[] | select(.capacity == "secretariat")] | length == 1"#,
            "the secretariat",
        ),
        (
            r#"[.meeting.attendance[] | select(.for_items != null and .role != "")] | length >= 1"#,
            "a guest for an item, with a role",
        ),
        (
            r#"[.meeting.attendance[] | select(.anonymous and .name == "")] | length == 1"#,
            "an anonymised attendee",
        ),
        (
            r#"[.meeting.attendance[] | select(.mode == "remote")] | length >= 1"#,
            "someone remote",
        ),
        (
            r#"[.meeting.minutes[] | select(.confidentiality == "confidential")] | length >= 1"#,
            "confidential minutes, members only",
        ),
    ] {
        let out = Command::new("jq")
            .args(["-e", check, members.to_str().unwrap()])
            .output()
            .expect("jq must be installed (.ci/install-deps installs it)");
        assert!(
            out.status.success(),
            "{what}: jq {check} said {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn pack_tor_and_feedback_from_the_command_line() {
    let dir = demo_dir();
    let pack = dir.path().join("pack.pdf");
    succeeds(
        dir.path(),
        &[
            "pack",
            "Marlow Fen Local IAG",
            "-o",
            pack.to_str().unwrap(),
            "--member",
            "ਹਰਪ੍ਰੀਤ ਕੌਰ",
            "--large-print",
        ],
    );
    let text = pdftotext(&pack);
    assert!(
        text.contains("Welcome, ਹਰਪ੍ਰੀਤ ਕੌਰ"),
        "{}",
        &text[..text.len().min(400)]
    );
    assert!(text.contains("Confidentiality agreement"));

    let tor = dir.path().join("tor.pdf");
    succeeds(
        dir.path(),
        &["tor", "Marlow Fen Local IAG", "-o", tor.to_str().unwrap()],
    );
    assert!(pdftotext(&tor).contains("Point of escalation"));

    // The quarter in which the demo's partly accepted advice was given,
    // read from the register: the demo is laid out around the day it was
    // loaded, so the quarter moves with the calendar.
    let register = dir.path().join("partly.csv");
    succeeds(
        dir.path(),
        &[
            "advice",
            "--response",
            "partly_accepted",
            "-o",
            register.to_str().unwrap(),
        ],
    );
    let body = std::fs::read_to_string(&register).unwrap();
    let given_on = body
        .lines()
        .nth(1)
        .and_then(|row| row.split(',').next())
        .map(|cell| cell.trim_matches('"'))
        .and_then(|cell| chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok())
        .unwrap_or_else(|| panic!("the demo has partly accepted advice, dated: {body}"));
    let quarter = {
        use chrono::Datelike;
        format!("{}-Q{}", given_on.year(), given_on.month0() / 3 + 1)
    };
    let fb = dir.path().join("feedback.pdf");
    succeeds(
        dir.path(),
        &[
            "feedback",
            "--quarter",
            &quarter,
            "-o",
            fb.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&fb);
    assert!(text.contains("Partly accepted"), "{text}");
    assert!(!text.contains(DEMO_SECRET_ADVICE) && !text.contains("prejudiced a live prosecution"));

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "pack",
            "Marlow Fen Local IAG",
            "-o",
            pack.to_str().unwrap(),
            "--member",
            "Nobody Here",
        ],
    );
    assert_fails_with(&o, 1, "nobody called \"Nobody Here\"");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["feedback", "--quarter", "Q3", "-o", fb.to_str().unwrap()],
    );
    assert_fails_with(&o, 1, "is not a quarter");
}

#[test]
fn search_from_the_command_line_groups_hits_by_kind() {
    let dir = demo_dir();
    let o = succeeds(dir.path(), &["search", "youth", "club"]);
    let text = stdout(&o);
    assert!(text.contains("Minutes ("), "{text}");
    assert!(
        text.contains("[confidential]"),
        "confidential hits are marked"
    );
    let o = succeeds(dir.path(), &["--json", "search", "ਹਰਪ੍ਰੀਤ"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["groups"][0]["kind"], "member");
    assert_eq!(v["groups"][0]["hits"][0]["title"], "ਹਰਪ੍ਰੀਤ ਕੌਰ");
}

#[test]
fn incidents_list_and_a_call_list_once_convened() {
    let dir = demo_dir();
    let o = succeeds(dir.path(), &["--json", "incidents", "list"]);
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = list[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(list[0]["status"], "open");
    let pdf = dir.path().join("calls.pdf");
    // Not convened yet: said plainly, nothing written.
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["calllist", &id, "-o", pdf.to_str().unwrap()],
    );
    assert_fails_with(&o, 1, "convene it first");
    assert!(!pdf.exists());
}

#[test]
fn backup_from_the_command_line() {
    let dir = demo_dir();
    let file = dir.path().join("copy.vault");
    let o = succeeds(dir.path(), &["backup", file.to_str().unwrap()]);
    assert!(stdout(&o).contains("encrypted with the same passphrase"));
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["backup", file.to_str().unwrap()],
    );
    assert_fails_with(&o, 1, "already exists");
}

#[test]
fn change_the_passphrase_then_restore_a_backup() {
    let dir = demo_dir();
    let file = dir.path().join("before.vault");
    succeeds(dir.path(), &["backup", file.to_str().unwrap()]);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iag-desk"));
    let o = cmd
        .args(["passphrase"])
        .env("IAG_DESK_DATA_DIR", dir.path())
        .env("IAG_DESK_PASSPHRASE", PASSPHRASE)
        .env("IAG_DESK_NEW_PASSPHRASE", "lantern orchard meadow")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = iag_desk(dir.path(), Some(PASSPHRASE), &["status"]);
    assert_fails_with(&o, 1, "does not unlock");
    let o = iag_desk(dir.path(), Some("lantern orchard meadow"), &["status"]);
    assert!(o.status.success());
    // The backup keeps the passphrase it was taken with.
    let o = succeeds(dir.path(), &["restore", file.to_str().unwrap()]);
    assert!(stdout(&o).contains("is kept at"));
    succeeds(dir.path(), &["status"]);
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "restore",
            dir.path().join("nothing.vault").to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "is not a file");
}

#[test]
fn subject_access_copy_and_erasure_from_the_command_line() {
    let dir = demo_dir();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("zofia.pdf");
    let json = out.path().join("zofia.json");
    for file in [&pdf, &json] {
        succeeds(
            dir.path(),
            &[
                "subject-access",
                "Zofia Wójcik",
                "-o",
                file.to_str().unwrap(),
            ],
        );
    }
    assert!(pdftotext(&pdf).contains("Personal data held about Zofia Wójcik"));
    let copy: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(copy["person"]["full_name"], "Zofia Wójcik");

    // The wrong confirmation erases nothing; the right one erases her.
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["erase", "Zofia Wójcik", "--confirm", "Zofia"],
    );
    assert_fails_with(&o, 1, "type the name exactly");
    let o = succeeds(
        dir.path(),
        &["erase", "Zofia Wójcik", "--confirm", "Zofia Wójcik"],
    );
    assert!(
        stdout(&o).contains("replaced by their role"),
        "{}",
        stdout(&o)
    );
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "subject-access",
            "Zofia Wójcik",
            "-o",
            json.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "PERSON: nobody called");
}

/// Issue 16: `iag-desk meetings list | true` (or `| head -1` on a long
/// list) panicked with "failed printing to stdout: Broken pipe" and exit
/// 101. The pipe's reading end is closed before the command starts, so the
/// write fails every time, whatever the timing.
#[test]
fn r16_broken_pipe_ends_the_command_quietly() {
    let dir = demo_dir();
    for args in [
        &["meetings", "list"][..],
        &["meetings", "list", "--json"],
        &["roster", "list"],
        &["status"],
        &["incidents", "list", "--json"],
        &["search", "stop", "and", "search"],
        &["--help"],
        &["--version"],
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let o = command(dir.path(), Some(PASSPHRASE), args)
            .stdout(writer)
            .output()
            .expect("run iag-desk");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?} into a closed pipe must end quietly with success; stderr: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).is_empty(),
            "{args:?} into a closed pipe must print nothing on stderr, got: {}",
            stderr(&o)
        );
    }
}

/// Issue 16: the test hooks (`--save-dir`, `--open-file`,
/// `--idle-lock-seconds`, `--clock`, `--email-program` and their variables) exist only in a
/// build with the `test-hooks` feature. This builds the binary as shipped,
/// without it, in a target folder of its own (so the test build the other
/// tests use is not overwritten), and shows every hook refused or ignored.
/// Needs cargo: `.ci/any-day` skips it (it runs test binaries directly).
#[test]
fn a_build_without_test_hooks_refuses_them() {
    let test_binary = Path::new(env!("CARGO_BIN_EXE_iag-desk"));
    let target = test_binary
        .parent()
        .and_then(Path::parent)
        .expect("the test binary lives in <target>/<profile>/")
        .join("without-test-hooks");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "--locked", "-p", "iag-desk", "--bin", "iag-desk"])
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run cargo build");
    assert!(
        built.status.success(),
        "the binary builds without test hooks: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let shipped = target.join("debug").join("iag-desk");

    let dir = tempfile::tempdir().unwrap();
    let saves = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(&shipped)
            .args(args)
            .env("IAG_DESK_DATA_DIR", dir.path())
            .env("IAG_DESK_PASSPHRASE", PASSPHRASE)
            .env("IAG_DESK_SAVE_DIR", saves.path())
            .env("IAG_DESK_OPEN_FILE", saves.path().join("chosen.json"))
            .env("IAG_DESK_CLOCK", "2040-01-01T12:00")
            .env("IAG_DESK_EMAIL_PROGRAM", "/bin/false")
            .stdin(Stdio::null())
            .output()
            .expect("run the shipped binary")
    };
    let saves_arg = saves.path().to_str().unwrap();
    for hook in [
        &["--save-dir", saves_arg][..],
        &["--open-file", "chosen.json"],
        &["--idle-lock-seconds", "4"],
        &["--clock", "2040-01-01T12:00"],
        &["--email-program", "/bin/true"],
    ] {
        let o = run(hook);
        assert_fails_with(&o, 2, "unexpected argument");
        assert!(
            stderr(&o).contains(hook[0]),
            "the refusal names {}: {}",
            hook[0],
            stderr(&o)
        );
        assert!(
            !paths_in(dir.path()).any(|_| true),
            "a refused {} must create no vault",
            hook[0]
        );
    }
    assert!(
        !paths_in(saves.path()).any(|_| true),
        "nothing may be written into IAG_DESK_SAVE_DIR"
    );
    assert!(!stdout(&run(&["--help"])).contains("save-dir"));

    // The clock variable is ignored: the demo is laid out around the real
    // day, not 2040.
    assert!(run(&["init"]).status.success());
    let o = run(&["demo", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let anchor = report["anchor"].as_str().unwrap_or_default();
    assert!(
        !anchor.starts_with("2040"),
        "the shipped binary must read the system clock, not IAG_DESK_CLOCK: {report}"
    );
    assert!(
        !paths_in(saves.path()).any(|_| true),
        "nothing may be written into IAG_DESK_SAVE_DIR"
    );
}

fn paths_in(dir: &Path) -> impl Iterator<Item = std::path::PathBuf> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path())
}

/// Marlow Fen's meeting with draft minutes: its number and ISO date.
fn marlow_draft_minutes(dir: &Path) -> (String, String) {
    let o = iag_desk(dir, Some(PASSPHRASE), &["meetings", "list", "--json"]);
    let all: Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = all
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["group_name"] == "Marlow Fen Local IAG" && m["status"] == "minutes_draft")
        .unwrap_or_else(|| panic!("the demo has Marlow Fen's draft minutes: {all}"));
    (
        m["id"].to_string(),
        m["starts_at"].as_str().unwrap()[..10].to_owned(),
    )
}

fn audit_lines(dir: &Path) -> Vec<String> {
    let o = iag_desk(
        dir,
        Some(PASSPHRASE),
        &["audit", "--json", "--limit", "500"],
    );
    assert!(o.status.success(), "audit: {}", stderr(&o));
    let lines: Value = serde_json::from_slice(&o.stdout).unwrap();
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["detail"].as_str().unwrap().to_owned())
        .collect()
}

/// Issue 17: one way out. A confidential export is audited only once the
/// file is written (a write that fails leaves no line), and `-o FOLDER`
/// writes the file under the name the window suggests.
#[test]
fn a_confidential_export_is_audited_only_once_written() {
    let dir = demo_dir();
    let (meeting, date) = marlow_draft_minutes(dir.path());
    let annex_lines = |dir: &Path| {
        audit_lines(dir)
            .into_iter()
            .filter(|d| d.starts_with("The members' confidential annex"))
            .count()
    };
    assert_eq!(annex_lines(dir.path()), 0, "no annex written yet");

    // A folder that cannot exist: its parent is a file (refused even to root).
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let unwritable = blocker.join("annex.pdf");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "minutes",
            &meeting,
            "--audience",
            "members",
            "-o",
            unwritable.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "the write must fail");
    assert_eq!(
        annex_lines(dir.path()),
        0,
        "a failed write must leave no audit line"
    );

    let out = tempfile::tempdir().unwrap();
    let o = succeeds(
        dir.path(),
        &[
            "minutes",
            &meeting,
            "--audience",
            "members",
            "-o",
            out.path().to_str().unwrap(),
            "--json",
        ],
    );
    let said: Value = serde_json::from_slice(&o.stdout).unwrap();
    let expected = format!("marlow-fen-local-iag-confidential-annex-{date}.pdf");
    assert_eq!(said["file_name"], expected.as_str(), "{said}");
    assert_eq!(said["readers"], "members", "{said}");
    assert!(
        out.path().join(&expected).is_file(),
        "written into the folder under the window's name"
    );
    assert_eq!(
        annex_lines(dir.path()),
        1,
        "one successful write, one audit line"
    );
}

/// Marlow Fen's next meeting, which the demo has prepared with papers.
fn marlow_next_meeting(dir: &Path) -> String {
    let o = iag_desk(dir, Some(PASSPHRASE), &["meetings", "list", "--json"]);
    let all: Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["group_name"] == "Marlow Fen Local IAG" && m["upcoming"] == true)
        .min_by_key(|m| m["starts_at"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("the demo has Marlow Fen's next meeting: {all}"));
    m["id"].to_string()
}

/// Issue 19: the agenda pack for each audience and the email drafts that
/// carry them, from the command line; the drafts read by Python's email
/// package.
#[test]
fn pack_papers_and_send_from_the_command_line() {
    let dir = demo_dir();
    let id = marlow_next_meeting(dir.path());
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public.pdf");
    succeeds(
        dir.path(),
        &[
            "pack-papers",
            &id,
            "--audience",
            "public",
            "-o",
            public.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&public);
    assert!(text.contains("Police update for the meeting on"), "{text}");
    assert!(
        !text.contains("Records chosen for scrutiny") && !text.contains("Scrutiny cases"),
        "the confidential paper stays out of the public pack"
    );

    let members = out.path().join("members.pdf");
    let o = succeeds(
        dir.path(),
        &[
            "pack-papers",
            &id,
            "--audience",
            "members",
            "-o",
            members.to_str().unwrap(),
        ],
    );
    assert!(stdout(&o).contains("OFFICIAL-SENSITIVE"), "{}", stdout(&o));
    assert!(pdftotext(&members).contains("Records chosen for scrutiny"));
    // Nothing is new since that pack: a supplement is refused, nothing written.
    let late = out.path().join("late.pdf");
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "pack-papers",
            &id,
            "--audience",
            "members",
            "--supplement",
            "-o",
            late.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 1, "no paper has been added or replaced");
    assert!(!late.exists());

    // The members' draft, into a folder under its own name.
    let o = succeeds(
        dir.path(),
        &[
            "send",
            &id,
            "--audience",
            "members",
            "--json",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    let said: Value = serde_json::from_slice(&o.stdout).unwrap();
    let written = Path::new(said["written"].as_str().unwrap()).to_path_buf();
    assert!(
        written
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("marlow-fen-local-iag-papers-email-members-"),
        "{said}"
    );
    let bcc = said["recipients"]["bcc"].as_array().unwrap().len();
    assert!(bcc >= 5, "{said}");
    let parsed = read_email(&written);
    assert_eq!(parsed["unsent"], "1");
    assert_eq!(parsed["bcc"].as_array().unwrap().len(), bcc);
    assert!(parsed["to"].as_array().unwrap().is_empty());
    assert!(parsed["subject"]
        .as_str()
        .unwrap()
        .starts_with("OFFICIAL-SENSITIVE: Marlow Fen Local IAG"));
    let attachments: Vec<&str> = parsed["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(
        attachments.len(),
        2,
        "the pack and the invitation: {attachments:?}"
    );
    assert!(attachments[0].contains("agenda-pack-members") && attachments[1].ends_with(".ics"));

    // The public draft goes to the police contact, with the public pack.
    let eml = out.path().join("public.eml");
    let o = succeeds(
        dir.path(),
        &[
            "send",
            &id,
            "--audience",
            "public",
            "-o",
            eml.to_str().unwrap(),
        ],
    );
    assert!(stdout(&o).contains("Addressed to"), "{}", stdout(&o));
    let parsed = read_email(&eml);
    let to = parsed["to"].as_array().unwrap();
    assert!(
        !to.is_empty() && to.iter().all(|a| a.as_str().unwrap().contains("police")),
        "{parsed}"
    );
    assert!(parsed["bcc"].as_array().unwrap().is_empty());
    let body = parsed["body"].as_str().unwrap();
    assert!(!body.contains("Scrutiny cases"), "{body}");

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "send",
            &id,
            "--audience",
            "everyone",
            "-o",
            eml.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, 2, "everyone");
}

/// Recipients, subject, body and attachment names of an .eml file, as
/// Python's email package reads them.
fn read_email(path: &Path) -> Value {
    const READER: &str = r#"
import email, email.policy, json, sys
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
addresses = lambda h: [a.addr_spec for a in (msg[h].addresses if msg[h] else [])]
print(json.dumps({
    'to': addresses('To'), 'bcc': addresses('Bcc'), 'subject': str(msg['Subject']),
    'unsent': msg['X-Unsent'], 'body': msg.get_body(preferencelist=('plain',)).get_content(),
    'attachments': [p.get_filename() for p in msg.iter_attachments()],
}))
"#;
    let o = Command::new("python3")
        .args(["-c", READER])
        .arg(path)
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Issue 20: `-o FILE.docx` writes the document as a Word file, which
/// python-docx (from the test virtual environment) reads: the public
/// minutes without the demo's confidential words, the annex with them.
#[test]
fn minutes_and_registers_as_word_files_from_the_command_line() {
    let dir = demo_dir();
    let id = first_minuted_meeting(dir.path());
    let text_of = |file: &Path| {
        let o = Command::new(sheets::python())
            .args([
                "-c",
                "import docx, sys\nd = docx.Document(sys.argv[1])\n\
                 print('\\n'.join([p.style.name + ': ' + p.text for p in d.paragraphs] + \
                 [c.text for t in d.tables for r in t.rows for c in r.cells]))",
            ])
            .arg(file)
            .output()
            .expect("python-docx: run bash .ci/install-deps --test");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let word = |args: &[&str], name: &str| {
        let file = dir.path().join(name);
        let mut all = args.to_vec();
        all.extend(["-o", file.to_str().unwrap()]);
        let o = iag_desk(dir.path(), Some(PASSPHRASE), &all);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("a Word document"), "{}", stdout(&o));
        text_of(&file)
    };
    let public = word(&["minutes", &id, "--audience", "public"], "minutes.docx");
    assert!(public.contains("Heading 1: "), "{public}");
    assert!(!public.contains(DEMO_SECRET), "{public}");
    let annex = word(&["minutes", &id, "--audience", "members"], "annex.docx");
    assert!(annex.contains(DEMO_SECRET), "{annex}");
    let advice = word(&["advice"], "advice.docx");
    assert!(
        advice.contains(DEMO_SECRET_ADVICE) || advice.contains("Heading 1: "),
        "{advice}"
    );
}

/// Issue 21: the hand-over file's own ending (which the package registers
/// so a double click opens IAG Desk); `--dry-run` says what it holds and
/// would change, changing nothing; a name that is neither a command nor a
/// file is refused rather than opening a window.
#[test]
fn a_handover_file_with_its_own_ending_is_checked_then_imported() {
    let chair = demo_dir();
    let id = first_minuted_meeting(chair.path());
    let file = chair.path().join("meeting.iagmeeting");
    export_handover(chair.path(), &id, &file, "members");
    let secretary = demo_dir();
    let count = |dir: &Path| {
        let o = succeeds(dir, &["meetings", "list", "--json"]);
        serde_json::from_str::<serde_json::Value>(&stdout(&o))
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    let before = count(secretary.path());
    let o = succeeds(
        secretary.path(),
        &["meetings", "import", file.to_str().unwrap(), "--dry-run"],
    );
    let text = stdout(&o);
    for wanted in [
        "Members’ copy: it holds confidential items and minutes.",
        "The file holds:",
        "Importing it will:",
        "Adds a new meeting of Marlow Fen Local IAG",
        "Nothing was imported (--dry-run).",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing:\n{text}");
    }
    assert!(
        !text.contains(DEMO_SECRET),
        "counts, never confidential words"
    );
    assert_eq!(count(secretary.path()), before, "a dry run imports nothing");
    let o = succeeds(
        secretary.path(),
        &["meetings", "import", file.to_str().unwrap()],
    );
    assert!(stdout(&o).starts_with("Added meeting"), "{}", stdout(&o));
    assert_eq!(count(secretary.path()), before + 1);

    let o = iag_desk(secretary.path(), Some(PASSPHRASE), &["statuss"]);
    assert_fails_with(&o, 2, "\"statuss\" is neither a command nor a file");
}
