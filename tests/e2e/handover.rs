//! Issue 21: a hand-over file opened with IAG Desk (a double click runs
//! `iag-desk FILE`) waits behind the unlock screen, shows what it holds and
//! would change, and imports only on "Import"; a second start while the
//! window is open hands its file to that window and exits.

use crate::harness::{clock_args, App, Shots};
use crate::{cli, cli_output, PASSPHRASE};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The chair's laptop: a demo vault whose Marlow Fen meeting with draft
/// minutes is written as both hand-over files.
fn chair_files(chair: &Path, out: &Path) -> (PathBuf, PathBuf) {
    cli(chair, &["init"]);
    cli(chair, &["demo"]);
    let (meeting, date) = crate::marlow_draft_minutes(chair);
    let members = out.join(format!("meeting-{date}-members.iagmeeting"));
    let public = out.join(format!("meeting-{date}-public.iagmeeting"));
    for (file, audience) in [(&members, "members"), (&public, "public")] {
        cli(
            chair,
            &[
                "meetings",
                "export",
                &meeting,
                file.to_str().unwrap(),
                "--audience",
                audience,
            ],
        );
    }
    (members, public)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_file_opened_with_the_app_waits_for_unlock_then_imports_on_confirm() {
    let chair = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (members, public) = chair_files(chair.path(), out.path());
    // The secretary's laptop: a vault with the same roster, without the meeting.
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["init"]);
    cli(data.path(), &["demo"]);
    let before = cli_output(data.path(), &["meetings", "list", "--json"])
        .as_array()
        .unwrap()
        .len();
    let shots = Shots::new("handover");

    // Double-clicking the file starts IAG Desk with it: locked, so the
    // unlock screen names the file that waits.
    // The open dialog of "Import a hand-over file…" answers with the same file.
    let app = App::launch_with(
        data.path(),
        &[
            "--open-file",
            members.to_str().unwrap(),
            members.to_str().unwrap(),
        ],
    )
    .await;
    app.wait_text("#gate-title", "Unlock").await;
    app.wait_text(
        "#waiting-file",
        members.file_name().unwrap().to_str().unwrap(),
    )
    .await;
    shots.take(&app, "01-unlock-with-file-waiting").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock-vault").await;

    // Its check comes first: the audience, the meeting, what it holds and
    // what it would change, and nothing written yet.
    app.wait_text("main h1", "Import a hand-over file").await;
    app.wait_text("#import-audience", "Members’ copy").await;
    app.wait_text("#import-meeting", "Marlow Fen Local IAG")
        .await;
    app.wait_text("#import-holds", "agenda items").await;
    app.wait_text("#import-holds", "minute entries").await;
    app.wait_text("#import-changes", "meeting of Marlow Fen Local IAG")
        .await;
    shots.take(&app, "02-import-check").await;
    app.assert_accessible("the import check").await;
    let unchanged = cli_output(data.path(), &["meetings", "list", "--json"]);
    assert_eq!(
        unchanged.as_array().unwrap().len(),
        before,
        "a check imports nothing"
    );

    app.click("#import-confirm").await;
    app.wait_until(
        "location.hash.startsWith('#/meetings/')",
        "the imported meeting's page",
    )
    .await;
    app.wait_text("main h1", "Marlow Fen Local IAG").await;
    shots.take(&app, "02b-imported-meeting").await;

    // IAG Desk is open: a second start (another double click) hands its
    // file to this window and exits, rather than opening the vault twice.
    let started = Instant::now();
    let mut second = std::process::Command::new(env!("CARGO_BIN_EXE_iag-desk"))
        .args(clock_args())
        .arg("--data-dir")
        .arg(data.path())
        .arg(&public)
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the second start hands over and exits"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the second start exits cleanly");

    // The public copy of a meeting already here is refused, with why.
    app.wait_text("main h1", "Import a hand-over file").await;
    app.wait_text("#import-problems", "this is a public copy")
        .await;
    shots
        .take(&app, "03-second-start-refused-public-copy")
        .await;
    app.click("#import-discard").await;
    app.wait_until("location.hash === '#/meetings'", "back on Meetings")
        .await;

    // "Import a hand-over file…" leads to the same check: the members' copy
    // again, now of the meeting it added.
    app.click("#import-handover").await;
    app.wait_text(
        "#import-changes",
        "Updates the meeting of Marlow Fen Local IAG",
    )
    .await;
    app.wait_text("#import-changes", "Replaces the minutes here")
        .await;
    shots.take(&app, "04-import-again-from-meetings").await;
    app.click("#import-discard").await;
    app.wait_until("location.hash === '#/meetings'", "back on Meetings")
        .await;

    let after = cli_output(data.path(), &["meetings", "list", "--json"]);
    let after = after.as_array().unwrap();
    assert_eq!(
        after.len(),
        before + 1,
        "imported once, the public copy not"
    );
    app.quit().await;
}

/// Issue 21's smoke test of the installed package: its `iag-desk` (built
/// without the test hooks, on the real clock) unlocks a vault made by its
/// own command line, shows the import check of a hand-over file passed as
/// its argument, and paints the dashboard. `.ci/check-package` installs the
/// .deb and runs this with the installed binary and the vault's folder.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the installed package: .ci/check-package runs it"]
async fn installed_package_unlocks_opens_a_handover_file_and_paints_the_dashboard() {
    let program = std::env::var("IAG_DESK_INSTALLED")
        .expect("IAG_DESK_INSTALLED names the installed binary (/usr/bin/iag-desk)");
    let data = PathBuf::from(
        std::env::var("IAG_DESK_INSTALLED_DATA")
            .expect("IAG_DESK_INSTALLED_DATA names a data folder with a demo vault"),
    );
    let out = tempfile::tempdir().unwrap();
    let installed = |args: &[&str]| {
        let o = std::process::Command::new(&program)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env("IAG_DESK_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let list: serde_json::Value =
        serde_json::from_slice(&installed(&["meetings", "list", "--json"])).unwrap();
    // An upcoming meeting: its minutes are never approved (and locked), so
    // its own file always imports as an update, whatever the day the demo
    // was laid out around.
    let meeting = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["upcoming"] == true)
        .expect("the demo plans meetings after the day it is loaded")["id"]
        .to_string();
    let file = out.path().join("meeting.iagmeeting");
    installed(&[
        "meetings",
        "export",
        &meeting,
        file.to_str().unwrap(),
        "--audience",
        "members",
    ]);
    let shots = Shots::new("installed");

    let data_arg = data.to_string_lossy();
    let app = App::launch_program(
        &program,
        &data,
        &["--data-dir", &data_arg, file.to_str().unwrap()],
    )
    .await;
    app.wait_text("#gate-title", "Unlock").await;
    app.wait_text("#waiting-file", "meeting.iagmeeting").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock-vault").await;
    app.wait_text("main h1", "Import a hand-over file").await;
    app.wait_text("#import-changes", "Updates the meeting")
        .await;
    shots.take(&app, "01-import-check").await;
    app.click("#import-discard").await;
    app.click("a[data-route=dashboard]").await;
    app.wait_text(".figures", "active members").await;
    shots.take(&app, "02-dashboard").await;
    app.quit().await;
}
