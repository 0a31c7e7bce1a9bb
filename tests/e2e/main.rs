//! End-to-end: the real `iag-desk` window under Xvfb, driven through
//! tauri-driver and WebKitWebDriver with W3C WebDriver (fantoccini).
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on PATH and a display (run
//! under `xvfb-run`); `.ci/run` installs and arranges all three. Every run
//! saves a PNG of each main screen under `<target>/e2e-screenshots/` for a
//! person to look at.

mod accessibility;
mod handover;
mod harness;
mod keyboard;
mod measure;
mod sheets;

use harness::{App, NetworkWatch, Shots};

const PASSPHRASE: &str = "kettle harbour violet";

/// First launch: create the vault with the demo force, through the form.
async fn create_vault_with_demo(app: &App) {
    app.wait_text("#gate-title", "Create your vault").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.type_into("#confirmation", PASSPHRASE).await;
    app.click("#with-demo").await;
    app.click("#create-vault").await;
}

/// Runs the command line on the window's data folder with the test
/// passphrase, as a user's script would beside the window.
/// Returns what it printed; a failure fails the test with its message.
fn cli(data: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_iag-desk"))
        .args(harness::clock_args())
        .args(args)
        .env("IAG_DESK_DATA_DIR", data)
        .env("IAG_DESK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

/// The vault and its WAL with their bytes. The `-shm` wal-index holds no
/// records and is rebuilt by any reader, so it is left out.
fn folder_snapshot(dir: &std::path::Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            !e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with("-shm")
        })
        .map(|e| {
            let e = e.unwrap();
            (e.file_name(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_launch_demo_roster_then_restart_and_unlock() {
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("first-launch");

    // First launch: the vault does not exist, so the window offers to create it.
    let app = App::launch(data.path()).await;
    app.wait_text("#gate-title", "Create your vault").await;
    app.wait_text(".warning", "cannot be recovered").await;
    shots.take(&app, "01-create-vault").await;

    // Mismatched passphrases: a specific message and no vault.
    app.type_into("#passphrase", PASSPHRASE).await;
    app.type_into("#confirmation", "kettle harbour violent")
        .await;
    app.click("#create-vault").await;
    app.wait_text("#gate-message .error", "the two passphrases are different")
        .await;
    assert!(
        !data.path().join(iag_desk_core::VAULT_FILE).exists(),
        "a refused form must not create a vault"
    );

    app.clear("#confirmation").await;
    app.type_into("#confirmation", PASSPHRASE).await;
    app.click("#create-vault").await;

    // An empty vault: the dashboard offers the demo force.
    app.wait_text("main h1", "Dashboard").await;
    app.wait_text("#welcome-title", "Your vault is empty").await;
    shots.take(&app, "02-dashboard-empty").await;
    app.click("#load-demo").await;
    app.wait_text(".figures", "active members").await;
    app.wait_text("#demo-flag", "fictional").await;
    let figures: String = app.text(".figures").await.split_whitespace().collect();
    assert!(
        figures.contains("58activemembers"),
        "the demo force has 58 active members (62 less two applicants, one on leave, \
         one who left); the dashboard shows: {figures}"
    );
    shots.take(&app, "03-dashboard").await;

    // Roster: groups by tier, then members; find a Gurmukhi name.
    app.click("a[data-route=roster]").await;
    app.wait_text("main .tree", "Fenwold Strategic IAG").await;
    app.wait_text("main", "Marlow Fen Local IAG").await;
    shots.take(&app, "04-roster-groups").await;

    app.click("a[href='#/roster/members']").await;
    app.wait_text("#member-count", "members").await;
    app.type_into("#member-search", "ਹਰਪ੍ਰੀਤ").await;
    app.wait_text("#member-count", "1 member matches").await;
    let visible = app.visible_texts("#members-table tbody tr").await;
    assert_eq!(
        visible.len(),
        1,
        "only the matching member is shown: {visible:?}"
    );
    assert!(
        visible[0].contains("ਹਰਪ੍ਰੀਤ ਕੌਰ") && visible[0].contains("Marlow Fen Local IAG"),
        "the Gurmukhi name and her group are shown: {visible:?}"
    );
    shots.take(&app, "05-roster-member-found").await;
    app.clear("#member-search").await;
    app.wait_text("#member-count", "62 members").await;
    shots.take(&app, "06-roster-members").await;

    app.click("a[href='#/roster/police']").await;
    app.wait_text("main table", "Chief Superintendent").await;
    shots.take(&app, "07-roster-police").await;

    for (route, heading, name) in [
        ("meetings", "Meetings", "08-meetings"),
        ("records", "Records", "09-records"),
        ("documents", "Documents", "10-documents"),
        ("settings", "Settings", "11-settings"),
    ] {
        app.click(&format!("a[data-route={route}]")).await;
        app.wait_text("main h1", heading).await;
        shots.take(&app, name).await;
    }
    app.wait_text("main", "Schema version").await;
    // The release, as the packages and `iag-desk --version` name it.
    app.wait_text("#app-version", env!("CARGO_PKG_VERSION"))
        .await;
    app.quit().await;

    // Restart: the vault exists, so the window asks to unlock it.
    let app = App::launch(data.path()).await;
    app.wait_text("#gate-title", "Unlock").await;
    // Taken once the first window has gone and this one waits for a passphrase.
    let before = folder_snapshot(data.path());
    app.type_into("#passphrase", "not my passphrase").await;
    app.click("#unlock-vault").await;
    app.wait_text("#gate-message .error", "does not unlock")
        .await;
    shots.take(&app, "12-unlock-wrong-passphrase").await;
    let after = folder_snapshot(data.path());
    assert!(
        before == after,
        "a wrong passphrase in the window must leave every vault file byte-identical"
    );

    app.clear("#passphrase").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock-vault").await;
    app.wait_text("main h1", "Dashboard").await;
    app.wait_text(".figures", "active members").await;

    // Locking returns to the unlock screen and the data is gone from the page.
    app.click("#lock-button").await;
    app.wait_text("#gate-title", "Unlock").await;
    let page = app.text("body").await;
    assert!(
        !page.contains("Marlow Fen"),
        "a locked window must not show roster data"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_with_demo_data_then_remove_it_from_settings() {
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("demo-choice");
    let app = App::launch(data.path()).await;
    create_vault_with_demo(&app).await;
    app.wait_text("#demo-flag", "fictional").await;
    app.wait_text(".figures", "active groups").await;

    app.click("a[data-route=settings]").await;
    app.click("#demo-remove").await;
    app.wait_text("#demo-remove-confirm", "Your own records stay")
        .await;
    shots.take(&app, "01-settings-confirm-remove").await;
    app.click("#demo-remove-yes").await;
    app.wait_text("main", "The demo force is not loaded").await;
    app.click("a[data-route=dashboard]").await;
    app.wait_text("#welcome-title", "Your vault is empty").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_find_edit_a_member_see_warnings_and_export_csv() {
    let data = tempfile::tempdir().unwrap();
    let saves = tempfile::tempdir().unwrap();
    let shots = Shots::new("roster");
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;

    // Add a member; a bad email is refused beside its field.
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.click("#add-member").await;
    app.wait_text("main h1", "Add a member").await;
    app.type_into("#person-form [name=full_name]", "ليلى الحسيني")
        .await;
    app.type_into("#person-form [name=email]", "layla@").await;
    app.type_into("#person-form [name=skills]", "Arabic interpreting")
        .await;
    app.click("#save-person").await;
    app.wait_text(
        "[data-error-for=email]",
        "does not look like an email address",
    )
    .await;
    shots.take(&app, "01-add-member-error-beside-field").await;
    app.clear("#person-form [name=email]").await;
    app.type_into("#person-form [name=email]", "layla.husseini@example.org")
        .await;
    app.click("#save-person").await;

    // Her page: a new member has no vetting yet, and says so.
    app.wait_text("main h1", "ليلى الحسيني").await;
    app.wait_text("#member-warnings", "No vetting recorded.")
        .await;
    app.wait_text("#member-warnings", "Confidentiality agreement not signed.")
        .await;
    shots.take(&app, "02-member-page-warnings").await;

    // Edit her details.
    app.click("#edit-person").await;
    app.wait_text("main h1", "Edit ليلى الحسيني").await;
    app.clear("#person-form [name=communities]").await;
    app.type_into(
        "#person-form [name=communities]",
        "Syrian families in Brackenford",
    )
    .await;
    app.click("#save-person").await;
    app.wait_text("main dl", "Syrian families in Brackenford")
        .await;

    // Find her by a search in Arabic script.
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.type_into("#member-search", "الحسيني").await;
    app.wait_text("#member-count", "1 member matches").await;
    let rows = app.visible_texts("#members-table tbody tr").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("ليلى الحسيني") && rows[0].contains("No vetting recorded."),
        "{rows:?}"
    );
    shots.take(&app, "03-found-in-arabic").await;

    // An expired vetting from the demo shows in the list too.
    app.clear("#member-search").await;
    app.type_into("#member-search", "Desmond").await;
    // Clearing the box first lists everyone: wait for the search itself
    // (a flaky click on the wrong member came from not waiting).
    app.wait_text("#member-count", "1 member matches").await;
    app.wait_text("#members-table", "Vetting (NPPV 1) expired on")
        .await;
    // Follow his own link, found by name: a click can land on a table that
    // a later keystroke's search is replacing.
    app.execute_script(
        "location.hash = [...document.querySelectorAll('#members-table a')] \
         .find((a) => a.textContent === 'Desmond Clarke').getAttribute('href')",
    )
    .await;
    app.wait_text("#member-warnings", "expired on").await;
    app.scroll_to("#vetting-form").await;
    shots.take(&app, "03b-vetting-and-agreements").await;
    app.scroll_to("#status-form").await;
    shots.take(&app, "03c-status-history").await;
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.wait_text("#member-count", "members").await;

    // A group's page: quorum evaluated, warnings, make-up with small counts hidden.
    app.click("a[href='#/roster/groups']").await;
    app.click(".tree a.name[href^='#/roster/group/']:not([href$='/1'])")
        .await;
    app.wait_text("main dl", "Quorum").await;
    app.wait_text("main", "fewer than 5").await;
    shots.take(&app, "05-group-page").await;
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.wait_text("#member-count", "members").await;

    // Export the roster and read the file.
    app.clear("#member-search").await;
    app.click("#export-csv").await;
    app.wait_text("#roster-message", "Saved the roster to")
        .await;
    shots.take(&app, "04-exported").await;
    let file = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("the export wrote a CSV file");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "Excel's UTF-8 marker");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("\"ليلى الحسيني\",\"member\",\"\",\"layla.husseini@example.org\""),
        "the new member is exported as entered"
    );
    assert!(
        text.contains("Syrian families in Brackenford"),
        "with her edit"
    );
    assert_eq!(
        text.matches("\r\n").count(),
        1 + 63 + 11,
        "header, members, police"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_from_the_template_reordered_with_a_confidential_item_and_agreed() {
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("meeting");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    // The file an "Attach…" dialog will return.
    let paper = saves.path().join("stop-search-q3.pdf");
    std::fs::write(&paper, b"%PDF-1.4 quarterly figures").unwrap();
    let paper_arg = paper.to_string_lossy().into_owned();
    let app = App::launch_with(
        data.path(),
        &["--save-dir", &save_dir, "--open-file", &paper_arg],
    )
    .await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;

    app.click("a[data-route=meetings]").await;
    app.click("#new-meeting").await;
    app.wait_text("main h1", "New meeting").await;
    app.click("#meeting-form [name=group_id] option:nth-child(4)")
        .await;
    app.type_into("#meeting-form [name=date]", "09/12/2026")
        .await;
    app.type_into("#meeting-form [name=venue]", "Marlow Fen Community Centre")
        .await;
    app.click("#create-meeting").await;
    app.wait_text("main h1", "9 December 2026, 18:30").await;
    app.wait_text("main table", "Community feedback and tensions")
        .await;

    // Move item 8 up one place: it becomes item 7.
    app.click("[data-item='7'] [data-action=up]").await;
    app.wait_text("[data-item='6']", "7").await;
    // Mark it confidential: without a reason the save is refused beside the field.
    app.click("[name='item 7.confidentiality'] option[value=confidential]")
        .await;
    app.wait_text("#agenda-form", "Public title").await;
    app.type_into(
        "[name='item 7.public_title']",
        "Community tensions (confidential)",
    )
    .await;
    app.click("#save-agenda").await;
    app.wait_text(
        "[data-error-for='item 7.reason']",
        "choose why the item is confidential",
    )
    .await;
    shots.take(&app, "01-reason-needed").await;
    app.click("[name='item 7.reason'] option[value=community_tension]")
        .await;
    app.click("#save-agenda").await;
    app.wait_text("#agenda-message", "Saved.").await;
    let rows = app.visible_texts("main table tbody tr").await;
    assert!(
        rows[6].starts_with("7")
            && rows[6].contains("Community feedback and tensions")
            && rows[6].contains("Community-tension intelligence"),
        "item 7 is the moved, confidential item: {:?}",
        &rows[5..8]
    );
    assert!(
        rows[7].contains("Scrutiny items"),
        "and scrutiny moved down to 8: {:?}",
        rows[7]
    );
    shots.take(&app, "02-agenda-saved").await;

    // Agreement by the chair and the police contact.
    app.type_into("#agree-chair [name=name]", "Siobhán Ní Bhriain")
        .await;
    app.click("#agree-chair button").await;
    app.wait_text("#agreed-chair", "Agreed by Siobhán Ní Bhriain")
        .await;
    app.type_into("#agree-police [name=name]", "Inspector Gareth Lloyd")
        .await;
    app.click("#agree-police button").await;
    app.wait_text("#meeting-status", "Agenda agreed").await;
    shots.take(&app, "03-agreed").await;

    // Editing the agreed agenda clears the agreement and says so.
    app.clear("[name='item 11.title']").await;
    app.type_into(
        "[name='item 11.title']",
        "Any other business (notified in advance)",
    )
    .await;
    app.click("#save-agenda").await;
    app.wait_text("#agenda-message", "clears the agreement")
        .await;
    app.wait_text("#meeting-status", "Planned").await;
    shots.take(&app, "04-agreement-cleared").await;

    // Rescheduled from the meeting page: a later start in another room;
    // the agenda's times follow.
    app.click("#change-details summary").await;
    app.clear("#details-form [name=time]").await;
    app.type_into("#details-form [name=time]", "19:00").await;
    app.clear("#details-form [name=venue]").await;
    app.type_into("#details-form [name=venue]", "Marlow Fen Library, Room 2")
        .await;
    app.scroll_to("#change-details").await;
    shots.take(&app, "04c-change-details").await;
    app.click("#save-details").await;
    app.wait_text("main h1", "9 December 2026, 19:00").await;
    app.wait_text("#meeting-venue", "Marlow Fen Library, Room 2")
        .await;
    app.wait_text("main table", "19:00").await;

    // The register drives the quorum: three of nine members make it.
    app.wait_text("#quorum", "Not quorate").await;
    for name in ["Gwen Roberts", "Margaret Ellison", "Zofia Wójcik"] {
        app.click(&format!(
            "[aria-label='Attendance of {name}'] option[value=present]"
        ))
        .await;
        app.wait_text(
            &format!("[aria-label='Arrived ({name})']"),
            "from the start",
        )
        .await;
    }
    app.wait_text("#quorum", "Quorate: 3 members present, 3 needed")
        .await;
    app.scroll_to("#quorum").await;
    shots.take(&app, "04b-quorate").await;

    // The register as minutes keep it: a member joining remotely, the
    // minute-taker, and the vice chair in the chair.
    let zofia = "details[data-who='Zofia Wójcik']";
    app.click(&format!("{zofia} summary")).await;
    app.click(&format!("{zofia} [name=mode] option[value=remote]"))
        .await;
    app.click(&format!("{zofia} button")).await;
    app.wait_text(&format!("{zofia} summary"), "remote").await;
    let margaret = "details[data-who='Margaret Ellison']";
    app.click(&format!("{margaret} summary")).await;
    app.click(&format!("{margaret} [name=takes_minutes]")).await;
    app.click(&format!("{margaret} button")).await;
    app.wait_text(&format!("{margaret} summary"), "takes the minutes")
        .await;
    app.click("#meeting-chair option[data-name='Zofia Wójcik']")
        .await;
    app.wait_text("main table", "In the chair").await;
    app.click(&format!("{margaret} summary")).await;
    app.scroll_to("#meeting-chair").await;
    shots.take(&app, "04d-register-details").await;

    // A guest joins the register; the agenda becomes the group's template.
    app.type_into("#guest-form [name=guest_name]", "Cllr Ayesha Rahman")
        .await;
    app.type_into(
        "#guest-form [name=role]",
        "Community Safety Officer, Fenwold District Council",
    )
    .await;
    app.type_into("#guest-form [name=for_items]", "2").await;
    app.click("#guest-form button").await;
    app.wait_text("main table", "Cllr Ayesha Rahman").await;
    // An anonymised attendee: a role, no name, never matched to the roster.
    app.click("#guest-anonymous").await;
    app.type_into("#guest-form [name=role]", "A psychologist")
        .await;
    app.type_into("#guest-form [name=for_items]", "3-4").await;
    app.click("#guest-form button").await;
    app.wait_text("main table", "A psychologist").await;
    app.click("#save-template").await;
    app.wait_text(
        "#agenda-message",
        "Saved as Marlow Fen Local IAG’s template",
    )
    .await;

    // The confidential item's real title is a canary: the calendar
    // invitation must not carry it; the hand-over file (for the secretary) does.
    const CANARY: &str = "CANARY named young man stopped on Mill Lane";
    app.clear("[name='item 7.title']").await;
    app.type_into("[name='item 7.title']", CANARY).await;
    app.click("#save-agenda").await;
    app.wait_text("main table", CANARY).await;
    app.click("#export-invitation").await;
    app.wait_text("#export-message", "Saved the invitation to")
        .await;
    app.click("#export-handover").await;
    app.wait_text("#export-message", "Saved the members’ hand-over file")
        .await;
    shots.take(&app, "05-exported").await;
    let ics = std::fs::read_to_string(saves.path().join("meeting-2026-12-09.ics")).unwrap();
    assert!(
        ics.contains("DTSTART;TZID=Europe/London:20261209T190000"),
        "{ics}"
    );
    assert!(
        !ics.contains("CANARY"),
        "a confidential title must never reach a calendar file"
    );
    // A paper attached to the police update is copied into the vault.
    app.click("[data-attach='6']").await;
    app.wait_text("main table", "stop-search-q3.pdf").await;

    // The agenda PDF: every item, the public title and reason, no canary.
    app.click("#export-agenda").await;
    app.wait_text("#export-message", "Saved the agenda to")
        .await;
    let pdf = saves
        .path()
        .join("marlow-fen-local-iag-agenda-2026-12-09.pdf");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Community tensions (confidential)"),
        "public title shown:\n{text}"
    );
    assert!(
        text.contains("taken in private: Community-tension"),
        "and the reason:\n{text}"
    );
    assert!(
        text.contains("Papers: stop-search-q3.pdf"),
        "papers are listed:\n{text}"
    );
    assert!(
        text.contains("Any other business (notified in advance)"),
        "the edited item"
    );
    assert!(
        !text.contains("CANARY"),
        "the confidential title must not reach the agenda PDF"
    );
    let png = std::process::Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
        ])
        .arg(shots.path("06-agenda-pdf"))
        .status()
        .expect("pdftoppm");
    assert!(png.success());
    let json = std::fs::read_to_string(saves.path().join("meeting-2026-12-09-members.iagmeeting"))
        .unwrap();
    assert!(json.contains(CANARY) && json.contains("\"format\": \"iag-desk.meeting\""));

    // The public minutes list everyone as UK minutes do.
    app.click("#export-minutes-here").await;
    app.wait_text("#export-message", "Saved the public minutes to")
        .await;
    let minutes = pdf_text(
        &saves
            .path()
            .join("marlow-fen-local-iag-minutes-2026-12-09.pdf"),
    );
    for wanted in [
        "Present: Zofia Wójcik (Vice Chair) in the chair (remote)",
        "Cllr Ayesha Rahman, Community Safety Officer, Fenwold District Council (for item 2)",
        "Minutes taken by: Margaret Ellison",
        "A psychologist (for items 3–4)",
    ] {
        assert!(minutes.contains(wanted), "{wanted:?} missing:\n{minutes}");
    }
    assert!(!minutes.contains("CANARY"));
    app.quit().await;
}

/// pdftotext of a saved file, white space folded.
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    assert!(out.status.success(), "{} is a readable PDF", path.display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn minutes_taken_in_the_window_with_a_confidential_item_never_reach_the_public_minutes() {
    const OPEN_NOTE: &str = "Burglary in Marlow Fen is down by a tenth.";
    const CANARY: &str = "CANARY a named family was threatened on Mill Lane";
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("minutes");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;

    app.click("a[data-route=meetings]").await;
    app.click("#new-meeting").await;
    app.wait_text("main h1", "New meeting").await;
    app.click("#meeting-form [name=group_id] option:nth-child(4)")
        .await;
    app.type_into("#meeting-form [name=date]", "11/11/2026")
        .await;
    app.type_into("#meeting-form [name=venue]", "Marlow Fen Community Centre")
        .await;
    app.click("#create-meeting").await;
    app.wait_text("main h1", "11 November 2026, 18:30").await;
    // Item 8 is taken in private.
    app.click("[name='item 8.confidentiality'] option[value=confidential]")
        .await;
    app.type_into("[name='item 8.public_title']", "Community tensions")
        .await;
    app.click("[name='item 8.reason'] option[value=community_tension]")
        .await;
    app.click("#save-agenda").await;
    app.wait_text("#agenda-message", "Saved.").await;

    app.click("#take-minutes").await;
    app.wait_text("main h1", "Minutes: Marlow Fen Local IAG")
        .await;
    app.click("[aria-label='Attendance of Gwen Roberts'] option[value=present]")
        .await;
    app.wait_text("[aria-label='Arrived (Gwen Roberts)']", "from the start")
        .await;

    // An open note and a decision under the police update, typed and autosaved.
    app.click("[data-number='6'] [data-add=note]").await;
    app.wait_text("[data-number='6'] .entry:last-child h4", "Note")
        .await;
    app.type_into("[data-number='6'] .entry:last-child textarea", OPEN_NOTE)
        .await;
    app.wait_text("#autosave-status", "All changes saved").await;
    app.click("[data-number='6'] [data-add=decision]").await;
    // The new entry is on screen once its card exists; type only then.
    app.wait_text("[data-number='6'] .entry:last-child h4", "Decision")
        .await;
    app.type_into(
        "[data-number='6'] .entry:last-child textarea",
        "To write to the district commander.",
    )
    .await;
    app.wait_text("[data-number='6'] .entry:last-child .entry-status", "Saved")
        .await;
    app.click("[data-number='6'] [data-add=advice]").await;
    app.wait_text("[data-number='6'] .entry:last-child h4", "Advice")
        .await;
    app.type_into(
        "[data-number='6'] .entry:last-child textarea",
        "Publish the figures by ward.",
    )
    .await;
    app.wait_text("[data-number='6'] .entry:last-child .entry-status", "Saved")
        .await;
    // The confidential item: its note inherits the item's level.
    app.click("[data-number='8'] [data-add=note]").await;
    app.wait_text("[data-number='8'] .entry:last-child h4", "Confidential")
        .await;
    app.type_into("[data-number='8'] .entry:last-child textarea", CANARY)
        .await;
    app.wait_text("[data-number='8'] .entry:last-child .entry-status", "Saved")
        .await;
    app.scroll_to("[data-number='6']").await;
    shots.take(&app, "01-taking-minutes").await;

    // Away and back: everything typed was saved.
    app.click("a[data-route=records]").await;
    app.wait_text("main h1", "Records").await;
    app.wait_text("#advice-results", "Publish the figures by ward.")
        .await;
    shots.take(&app, "02-advice-register").await;
    app.execute_script("history.back()").await;
    app.wait_text("main h1", "Minutes: Marlow Fen Local IAG")
        .await;
    app.wait_value("[data-number='8'] .entry:last-child textarea", CANARY)
        .await;

    app.click("#export-minutes").await;
    app.wait_text("#minutes-message", "Saved the public minutes")
        .await;
    app.click("#export-annex").await;
    app.wait_text("#minutes-message", "Saved the confidential annex")
        .await;
    shots.take(&app, "03-exported").await;
    let public = pdf_text(
        &saves
            .path()
            .join("marlow-fen-local-iag-minutes-2026-11-11.pdf"),
    );
    let annex = pdf_text(
        &saves
            .path()
            .join("marlow-fen-local-iag-confidential-annex-2026-11-11.pdf"),
    );
    assert!(public.contains(OPEN_NOTE), "{public}");
    assert!(public.contains("AGREED: To write to the district commander."));
    assert!(public.contains("Present: Gwen Roberts"));
    assert!(public.contains("Community tensions"), "the public title");
    assert!(
        !public.contains("CANARY"),
        "confidential minutes must never reach the public minutes:\n{public}"
    );
    assert!(annex.contains(CANARY), "the annex has it:\n{annex}");
    assert!(annex.contains("OFFICIAL-SENSITIVE"));

    // The accessible alternative: the same public minutes as a web page.
    app.click("#export-minutes-html").await;
    app.wait_text("#minutes-message", "Saved the public minutes as a web page")
        .await;
    let web = std::fs::read_to_string(
        saves
            .path()
            .join("marlow-fen-local-iag-minutes-2026-11-11.html"),
    )
    .unwrap();
    if let Err(problems) = iag_desk_core::documents::html::check_html(&web) {
        panic!("the public minutes' web page: {}", problems.join("\n"));
    }
    assert!(web.contains(OPEN_NOTE), "{web}");
    assert!(web.contains("Community tensions"), "the public title");
    assert!(
        !web.contains("CANARY"),
        "confidential minutes must never reach the public minutes' web page:\n{web}"
    );

    // And as Word files, for the police contact who comments in Word: the
    // public minutes without the canary, the annex with it (python-docx
    // from the test virtual environment reads every part).
    app.click("#export-minutes-docx").await;
    app.wait_text(
        "#minutes-message",
        "Saved the public minutes as a Word file",
    )
    .await;
    app.click("#export-annex-docx").await;
    app.wait_text("#minutes-message", "as a Word file").await;
    let word_text = |name: &str| {
        let out = std::process::Command::new(sheets::python())
            .args([
                "-c",
                "import docx, sys\nd = docx.Document(sys.argv[1])\n\
                 print('\\n'.join(p.text for p in d.paragraphs))",
            ])
            .arg(saves.path().join(name))
            .output()
            .expect("python-docx: bash .ci/install-deps --test");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let word = word_text("marlow-fen-local-iag-minutes-2026-11-11.docx");
    assert!(word.contains(OPEN_NOTE), "{word}");
    assert!(!word.contains("CANARY"), "{word}");
    let word = word_text("marlow-fen-local-iag-confidential-annex-2026-11-11.docx");
    assert!(word.contains(CANARY), "{word}");

    // The demo's meeting of the day before awaits approval: approve it here,
    // under the minutes item, and its minutes become locked.
    app.wait_text("[data-number='4']", "await approval").await;
    app.execute_script(
        "window.approvedMeeting = document.querySelector('[data-approve]').dataset.approve",
    )
    .await;
    app.click("[data-number='4'] [data-approve]").await;
    app.wait_text("[data-number='4'] .entry", "were approved as a true record")
        .await;
    app.execute_script("location.hash = `#/meetings/${window.approvedMeeting}/minutes`")
        .await;
    app.wait_text(
        "#minutes-locked",
        "Approved as a true record at the meeting on 11 November 2026",
    )
    .await;
    assert!(
        app.visible_texts("[data-add]").await.is_empty(),
        "approved minutes take no new entries"
    );
    shots.take(&app, "06-approved-and-locked").await;

    for (name, pdf) in [
        (
            "04-public-minutes",
            "marlow-fen-local-iag-minutes-2026-11-11.pdf",
        ),
        (
            "05-annex",
            "marlow-fen-local-iag-confidential-annex-2026-11-11.pdf",
        ),
    ] {
        let ok = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
            .arg(saves.path().join(pdf))
            .arg(shots.path(name))
            .status()
            .expect("pdftoppm");
        assert!(ok.success());
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_groups_own_prologue_edited_in_the_window_reaches_the_induction_pack() {
    const PROLOGUE: &str =
        "Croeso! Marlow Fen meets on the second Tuesday at the community centre.";
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("documents");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;

    app.click("a[data-route=documents]").await;
    app.wait_text("main h1", "Documents").await;
    // Choose the group as a person would from the list (by its name).
    app.execute_script(
        "const s = document.querySelector('[name=group]'); \
         s.value = [...s.options].find((o) => o.text === 'Marlow Fen Local IAG').value; \
         s.dispatchEvent(new Event('change'));",
    )
    .await;
    app.wait_text("[name=group] option:checked", "Marlow Fen Local IAG")
        .await;
    app.wait_text("#preview-count", "pages, as they will print")
        .await;
    app.clear("form[data-key=prologue] textarea").await;
    app.type_into("form[data-key=prologue] textarea", PROLOGUE)
        .await;
    app.click("[data-save=prologue]").await;
    app.wait_text("form[data-key=prologue]", "Saved.").await;
    // A glossary line without a meaning is refused beside the field.
    app.clear("form[data-key=glossary] textarea").await;
    app.type_into("form[data-key=glossary] textarea", "Gold command")
        .await;
    app.click("[data-save=glossary]").await;
    app.wait_text(
        "form[data-key=glossary] .field-error",
        "Term: what it means",
    )
    .await;
    app.click("[data-reset=glossary]").await;
    app.wait_text("#preview-count", "pages, as they will print")
        .await;
    app.click("#large-print").await;
    app.wait_text("#preview-count", "pages, as they will print")
        .await;
    app.scroll_to("main h1").await;
    shots.take(&app, "01-pack-editor-and-preview").await;

    app.click("#export-publication").await;
    app.wait_text("#documents-message", "Saved the induction pack")
        .await;
    let pdf = saves.path().join("Induction pack Marlow Fen Local IAG.pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains(PROLOGUE),
        "the edited prologue is in the pack:\n{text}"
    );
    assert!(text.contains("Contents") && text.contains("Confidentiality agreement"));
    // The same pack as a Word file, for whoever edits it in Word.
    app.click("#export-publication-docx").await;
    app.wait_text(
        "#documents-message",
        "Saved the induction pack as a Word file",
    )
    .await;
    let word = std::fs::read(
        saves
            .path()
            .join("Induction pack Marlow Fen Local IAG.docx"),
    )
    .unwrap();
    assert!(word.starts_with(b"PK"), "a Word file is a zip package");

    // The feedback report for a quarter, from the public record.
    app.click("a[href^='#/documents/feedback']").await;
    app.wait_text("main", "Built only from the public record")
        .await;
    app.clear("#feedback-form [name=quarter]").await;
    app.type_into("#feedback-form [name=quarter]", "2026-Q7")
        .await;
    app.click("#export-feedback").await;
    app.wait_text("[data-error-for=quarter]", "is not a quarter")
        .await;
    app.clear("#feedback-form [name=quarter]").await;
    app.type_into("#feedback-form [name=quarter]", "2026-Q3")
        .await;
    app.click("#export-feedback").await;
    app.wait_text("#documents-message", "Saved the feedback report")
        .await;
    let feedback = pdf_text(&saves.path().join("Quarterly feedback 2026-Q3.pdf"));
    assert!(
        feedback.contains("Quarterly feedback: all groups, Q3 2026"),
        "{feedback}"
    );
    app.click("#export-feedback-docx").await;
    app.wait_text(
        "#documents-message",
        "Saved the feedback report as a Word file",
    )
    .await;
    assert!(saves
        .path()
        .join("Quarterly feedback 2026-Q3.docx")
        .is_file());
    shots.take(&app, "02-feedback").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_says_what_needs_doing_and_search_finds_it() {
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("dashboard-search");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;
    // Marlow Fen's latest minutes, and the stood-down critical group's last
    // (which no later meeting of that group can now approve).
    app.wait_text("#minutes-waiting", "Minutes awaiting approval (2)")
        .await;
    app.wait_text("#backup-state", "No backup has been taken")
        .await;
    app.wait_text("#actions-overdue + ul", "use-of-force figures")
        .await;
    // Eastwick's register: a member absent from its last three meetings.
    app.wait_text(
        "section[aria-labelledby=attendance-attention]",
        "Callum Reid",
    )
    .await;
    app.wait_text(
        "section[aria-labelledby=advice-waiting]",
        "dispersal orders",
    )
    .await;
    // Work to do whatever the day: the demo's later agendas still wait for
    // both agreements.
    app.wait_text("section[aria-labelledby=agendas-waiting] a", ", ")
        .await;
    shots.take(&app, "01-dashboard").await;
    // The entry leads to the place to act: the minutes of the meeting it
    // names, whichever day that is.
    app.execute_script(
        "[...document.querySelectorAll('section[aria-labelledby=minutes-waiting] a')] \
         .find((a) => a.textContent.startsWith('Marlow Fen Local IAG, ')).click()",
    )
    .await;
    app.wait_text("main h1", "Minutes: Marlow Fen Local IAG, ")
        .await;

    // Search from the top bar: a confidential note is found, and marked.
    app.type_into("#search-box", "Fenside estate").await;
    app.execute_script("document.getElementById('search-form').requestSubmit()")
        .await;
    app.wait_text("#search-summary", "result").await;
    app.wait_text("#search-results", "Confidential").await;
    // Arrow keys move between results.
    app.execute_script("document.querySelector('#search-results a.hit').focus()")
        .await;
    shots.take(&app, "02-search").await;
    app.clear("#search-box").await;
    app.type_into("#search-box", "ਹਰਪ੍ਰੀਤ").await;
    app.execute_script("document.getElementById('search-form').requestSubmit()")
        .await;
    app.wait_text("#search-results", "Members (1)").await;
    app.click("#search-results a.hit").await;
    app.wait_text("main h1", "ਹਰਪ੍ਰੀਤ ਕੌਰ").await;
    // Typed without the accent a keyboard lacks: still found.
    app.clear("#search-box").await;
    app.type_into("#search-box", "siobhan").await;
    app.execute_script("document.getElementById('search-form').requestSubmit()")
        .await;
    app.wait_text("#search-results", "Siobhán Ní Bhriain").await;

    // Escalation: the strategic group answers Marlow Fen's concern, and
    // Marlow Fen's page shows the answer.
    let open_group = |name: &str| {
        format!(
            "location.hash = [...document.querySelectorAll('a')] \
             .find((a) => a.textContent === '{name}')?.getAttribute('href') || '#/roster/groups'"
        )
    };
    app.click("a[data-route=roster]").await;
    app.wait_text("main", "Fenwold Strategic IAG").await;
    app.execute_script(&open_group("Fenwold Strategic IAG"))
        .await;
    app.wait_text("#escalations", "Received from other groups (2)")
        .await;
    app.click("#escalations details summary").await;
    app.type_into(
        "#escalations details [name=response]",
        "We will ask the district commander for the figures.",
    )
    .await;
    app.click("#escalations details button[type=submit]").await;
    app.wait_text("#escalations", "Response from this group")
        .await;
    shots.take(&app, "03-escalation-answered").await;
    app.click("a[data-route=roster]").await;
    app.wait_text("main", "Marlow Fen Local IAG").await;
    app.execute_script(&open_group("Marlow Fen Local IAG"))
        .await;
    app.wait_text(
        "#escalations",
        "We will ask the district commander for the figures.",
    )
    .await;

    // Attendance on the group's page: the figures, the flag, and the
    // report saved as CSV; then the member's own page.
    app.click("a[data-route=roster]").await;
    app.wait_text("main", "Eastwick & Saltmarsh Local IAG")
        .await;
    app.execute_script(&open_group("Eastwick & Saltmarsh Local IAG"))
        .await;
    app.wait_text("#attendance-flags", "Callum Reid").await;
    app.wait_text("#attendance-results tr[data-person]", "Follow up")
        .await;
    app.scroll_to("#attendance").await;
    shots.take(&app, "04-group-attendance").await;
    app.click("#export-attendance-csv").await;
    app.wait_text("#attendance", "Saved the attendance report")
        .await;
    let report = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".csv"))
        .expect("the attendance report was saved");
    let csv = std::fs::read_to_string(&report).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("\"Callum Reid\"") && l.ends_with("\"yes\"")),
        "{csv}"
    );
    std::fs::remove_file(report).unwrap();
    app.execute_script(
        "[...document.querySelectorAll('#attendance-results a')] \
         .find((a) => a.textContent === 'Callum Reid').click()",
    )
    .await;
    app.wait_text("#member-attendance", "Follow up").await;
    app.scroll_to("#member-attendance").await;
    shots.take(&app, "05-member-attendance").await;

    // A backup from Settings; the dashboard then says when it was taken.
    app.click("a[data-route=settings]").await;
    app.click("#backup-now").await;
    app.wait_text("#backup-message", "Backed up to").await;
    let backups: Vec<_> = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        backups.len() == 1 && backups[0].starts_with("iag-desk-backup-"),
        "{backups:?}"
    );
    app.click("a[data-route=dashboard]").await;
    app.wait_text("#backup-state", "Last backup:").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incident_logged_a_critical_group_convened_and_its_call_list_exported() {
    const SECRET: &str = "CANARY stop of a named boy outside the Eastwick youth club";
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("incident");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;

    app.click("a[data-route=incidents]").await;
    app.wait_text("main h1", "Critical incidents").await;
    app.type_into("#incident-form [name=title]", SECRET).await;
    app.type_into("#incident-form [name=date]", "21/11/2026")
        .await;
    app.type_into("#incident-form [name=time]", "21:15").await;
    app.type_into(
        "#incident-form [name=description]",
        "A youth was stopped and searched; the mosque committee asked for a meeting.",
    )
    .await;
    app.click("#log-incident").await;
    // Confidential by default: a public title is needed.
    app.wait_text("[data-error-for=public_title]", "needs a public title")
        .await;
    app.type_into(
        "#incident-form [name=public_title]",
        "Critical incident in Eastwick",
    )
    .await;
    app.click("#log-incident").await;
    app.wait_text("main h1", "CANARY stop of a named boy").await;
    app.wait_text("#convene-form", "Why suggested").await;
    shots.take(&app, "01-suggestions").await;
    app.clear("#convene-form [name=group_name]").await;
    app.type_into("#convene-form [name=group_name]", "Eastwick critical group")
        .await;
    app.type_into("#convene-form [name=date]", "24/11/2026")
        .await;
    app.type_into("#convene-form [name=venue]", "Eastwick Fire Station")
        .await;
    app.click("#convene").await;
    app.wait_text("#convened", "Eastwick critical group was convened")
        .await;
    app.click("#export-calllist").await;
    app.wait_text("#incident-message", "Saved the call list")
        .await;
    shots.take(&app, "02-convened").await;
    let pdfs: Vec<_> = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let text = pdf_text(&pdfs[0]);
    assert!(
        text.contains("Call list: Eastwick critical group"),
        "{text}"
    );
    assert!(text.contains("Critical incident in Eastwick"));
    assert!(
        !text.contains("CANARY"),
        "the confidential title stays out of the call list"
    );
    assert!(
        !pdfs[0].to_string_lossy().contains("CANARY"),
        "and out of the file name"
    );

    app.click("a[data-route=dashboard]").await;
    app.wait_text("#incidents-open + ul", "CANARY stop of a named boy")
        .await;
    app.wait_text("#incidents-open + ul", "Eastwick critical group")
        .await;
    shots.take(&app, "03-dashboard").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passphrase_changed_and_a_backup_restored_from_settings() {
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("security");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    // The backup the "Choose a backup" dialog will return.
    let backup = saves.path().join("taken-earlier.vault");
    let backup_arg = backup.to_string_lossy().into_owned();
    let app = App::launch_with(
        data.path(),
        &["--save-dir", &save_dir, "--open-file", &backup_arg],
    )
    .await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;
    // Taken from the command line while the window is open: the vault
    // stays usable by both.
    cli(data.path(), &["backup", &backup_arg]);
    app.click("a[data-route=settings]").await;
    app.type_into(
        "#passphrase-form [name='Current passphrase']",
        "not the one",
    )
    .await;
    app.type_into(
        "#passphrase-form [name=Passphrase]",
        "lantern orchard meadow",
    )
    .await;
    app.type_into(
        "#passphrase-form [name='Confirm passphrase']",
        "lantern orchard meadow",
    )
    .await;
    app.click("#passphrase-form button[type=submit]").await;
    app.wait_text(
        "#passphrase-form .form-error",
        "not the vault's current passphrase",
    )
    .await;
    app.clear("#passphrase-form [name='Current passphrase']")
        .await;
    app.type_into("#passphrase-form [name='Current passphrase']", PASSPHRASE)
        .await;
    app.click("#passphrase-form button[type=submit]").await;
    app.wait_text("#passphrase-changed", "The passphrase is changed")
        .await;
    // The audit trail, in Settings, records it (after a redraw).
    app.click("a[data-route=dashboard]").await;
    app.click("a[data-route=settings]").await;
    app.wait_text("#audit-trail", "Passphrase changed").await;
    app.wait_text("#audit-trail", "Minutes approved").await;
    shots.take(&app, "01-passphrase-changed").await;

    // Remove the demo, then restore the backup taken with it.
    app.click("#demo-remove").await;
    app.click("#demo-remove-yes").await;
    app.wait_text("main", "The demo force is not loaded").await;
    app.type_into("#restore-form [name=passphrase]", PASSPHRASE)
        .await;
    app.click("#restore-form button[type=submit]").await;
    app.wait_text(
        "main",
        "Fenwold Police, the fictional demo force, is loaded",
    )
    .await;
    shots.take(&app, "02-restored").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unattended_window_locks_itself_and_clears_what_it_showed() {
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("idle-lock");
    let app = App::launch_with(data.path(), &["--idle-lock-seconds", "4"]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.wait_text("#members-table", "Zofia Wójcik").await;
    // No key, no click: the count runs out.
    app.wait_text("#lock-reason", "Locked after a spell without use")
        .await;
    shots.take(&app, "01-locked").await;
    let still_shown = app.visible_texts("main").await.join(" ");
    assert!(
        !still_shown.contains("Zofia"),
        "nothing the window showed survives the lock: {still_shown}"
    );
    app.execute_script(
        "if (document.body.innerText.includes('Zofia')) throw new Error('member names remain in the page')",
    )
    .await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock-vault").await;
    app.wait_text(".figures", "active members").await;
    app.quit().await;
}

/// The app makes no network connection: its whole process tree (the app and
/// WebKit's web and network processes) is sampled for TCP, UDP and raw
/// sockets while every main screen is used and documents are written. The
/// page also cannot reach anything beyond the app's own commands.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_opens_no_network_socket_and_grants_the_page_only_its_own_commands() {
    let data = tempfile::tempdir().unwrap();
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    let watch = NetworkWatch::start(&app);
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;

    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.wait_text("#members-table", "Zofia Wójcik").await;
    app.type_into("#search-box", "Fenside estate").await;
    app.execute_script("document.getElementById('search-form').requestSubmit()")
        .await;
    app.wait_text("#search-summary", "result").await;
    app.click("a[data-route=dashboard]").await;
    app.click("section[aria-labelledby=minutes-waiting] a")
        .await;
    app.wait_text("main h1", "Minutes: Marlow Fen Local IAG")
        .await;
    app.click("#export-minutes").await;
    app.wait_text("#minutes-message", "Saved the public minutes")
        .await;
    app.click("a[data-route=meetings]").await;
    app.wait_text("main h1", "Meetings").await;
    app.click("a[data-route=records]").await;
    app.wait_text("main", "Marlow Fen").await;
    app.click("a[data-route=incidents]").await;
    app.wait_text("main h1", "Critical incidents").await;
    app.click("a[data-route=documents]").await;
    app.wait_text("#preview-count", "pages, as they will print")
        .await;
    app.click("#export-publication").await;
    app.wait_text("#documents-message", "Saved the induction pack")
        .await;
    app.click("a[data-route=settings]").await;
    app.click("#backup-now").await;
    app.wait_text("#backup-message", "Backed up to").await;

    // A core or plugin command is refused: the capability grants the page
    // IAG Desk's own commands and nothing else.
    app.execute_script(
        "window.__iagRefusal = 'waiting'; \
         window.__TAURI__.core.invoke('plugin:window|set_title', { value: 'pwned' }) \
           .then(() => { window.__iagRefusal = 'allowed'; }) \
           .catch((e) => { window.__iagRefusal = 'refused: ' + e; });",
    )
    .await;
    app.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<p id=refusal-probe hidden></p>'); \
         const show = () => { const p = document.getElementById('refusal-probe'); \
           p.hidden = false; p.textContent = window.__iagRefusal; \
           if (window.__iagRefusal === 'waiting') setTimeout(show, 50); }; show();",
    )
    .await;
    app.wait_text("#refusal-probe", "refused").await;
    let refusal = app.text("#refusal-probe").await;
    assert!(refusal.contains("not allowed"), "{refusal}");

    let seen = watch.finish();
    app.quit().await;
    // The watch itself can see a socket: this test process opens one.
    let probe = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    assert!(
        !harness::network_sockets(&[std::process::id()]).is_empty(),
        "the socket check sees a UDP socket held by {probe:?}"
    );
    assert!(
        seen.samples > 20 && seen.most_processes >= 2,
        "the watch saw the app's processes: {seen:?}"
    );
    assert!(
        seen.sockets.is_empty(),
        "the app opened network sockets: {:#?}",
        seen.sockets
    );
    eprintln!(
        "no network socket in {} samples of up to {} processes",
        seen.samples, seen.most_processes
    );
}

/// A subject access request and an erasure, from the member's page: the
/// copy is saved and read back; a mistyped name erases nothing; the right
/// one removes her from the roster and from search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_data_copied_for_her_then_erased_from_her_page() {
    const NAME: &str = "Zofia Wójcik";
    let data = tempfile::tempdir().unwrap();
    let shots = Shots::new("data-protection");
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
    create_vault_with_demo(&app).await;
    app.wait_text(".figures", "active members").await;
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.type_into("#member-search", "Wójcik").await;
    app.wait_text("#member-count", "1 member matches").await;
    app.wait_text("#member-results", NAME).await;
    app.execute_script(
        "location.hash = [...document.querySelectorAll('#member-results a')] \
         .find((a) => a.textContent === 'Zofia Wójcik').getAttribute('href')",
    )
    .await;
    app.wait_text("main h1", NAME).await;

    app.click("#subject-access-pdf").await;
    app.wait_text("#data-protection-message", "Saved the copy to")
        .await;
    app.click("#subject-access-json").await;
    app.wait_text("#data-protection-message", ".json").await;
    let saved: Vec<_> = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let pdf = saved
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the PDF copy was saved");
    let json = saved
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("the JSON copy was saved");
    assert!(pdf_text(pdf).contains("Personal data held about Zofia Wójcik"));
    let copy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(copy["person"]["full_name"], NAME);
    assert!(!copy["roles"].as_array().unwrap().is_empty());

    app.scroll_to("#erase-form").await;
    app.type_into("#erase-form [name=confirm_name]", "Zofia")
        .await;
    app.click("#erase-person").await;
    app.wait_text("[data-error-for=confirm_name]", "type the name exactly")
        .await;
    shots.take(&app, "01-erase-needs-the-name").await;
    app.clear("#erase-form [name=confirm_name]").await;
    app.type_into("#erase-form [name=confirm_name]", NAME).await;
    app.click("#erase-person").await;
    app.wait_text("main h1", "Roster").await;
    app.wait_text("#member-count", "members.").await;
    app.type_into("#member-search", "Wójcik").await;
    app.wait_text("#member-count", "0 members match").await;
    app.type_into("#search-box", "Wójcik").await;
    app.execute_script("document.getElementById('search-form').requestSubmit()")
        .await;
    app.wait_text("#search-summary", "Nothing").await;
    app.click("a[data-route=settings]").await;
    app.wait_text("#audit-trail", "A person's record erased")
        .await;
    shots.take(&app, "02-audit-after-erasure").await;

    // The retention prompt: Kamil left eight months ago.
    app.clear("#retention-form [name=retention_months]").await;
    app.type_into("#retention-form [name=retention_months]", "0")
        .await;
    app.click("#retention-form button[type=submit]").await;
    app.wait_text("[data-error-for=retention_months]", "from 1 to 120")
        .await;
    app.clear("#retention-form [name=retention_months]").await;
    app.type_into("#retention-form [name=retention_months]", "6")
        .await;
    app.click("#retention-form button[type=submit]").await;
    app.click("a[data-route=dashboard]").await;
    app.wait_text("#retention-due", "Left more than 6 months ago (1)")
        .await;
    app.wait_text("section[aria-labelledby=retention-due]", "Kamil Dąbrowski")
        .await;
    app.scroll_to("#retention-due").await;
    shots.take(&app, "03-retention-prompt").await;
    app.quit().await;
}

/// A force of 10,000 members and 2,000 meetings (made with `demo --large`):
/// the member and meeting lists come a page at a time, and a meeting opens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_force_is_listed_a_page_at_a_time() {
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["init"]);
    cli(data.path(), &["demo", "--large"]);
    let shots = Shots::new("large-force");
    let app = App::launch(data.path()).await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock-vault").await;
    app.wait_text(".figures", "active members").await;
    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.wait_text("#member-count", "10,000 members.").await;
    app.wait_text(".pager", "Showing 1–50 of 10,000 members")
        .await;
    assert_eq!(
        app.visible_texts("#members-table tbody tr").await.len(),
        50,
        "one page of rows is drawn"
    );
    app.click(".pager button:last-child").await;
    app.wait_text(".pager", "Showing 51–100 of 10,000 members")
        .await;
    shots.take(&app, "01-members-page-2").await;
    app.type_into("#member-search", "ਹਰਪ੍ਰੀਤ").await;
    app.wait_text("#member-count", "members match").await;
    app.wait_text(".pager", "Showing 1–50 of").await;

    app.click("a[data-route=meetings]").await;
    app.wait_text("#meetings-held + * , main h2", "Held (2,04")
        .await;
    app.wait_text("#meetings-held .pager", "Showing 1–25 of 2,04")
        .await;
    app.click("#meetings-held .pager button:last-child").await;
    app.wait_text("#meetings-held .pager", "Showing 26–50 of")
        .await;
    shots.take(&app, "02-meetings-held-page-2").await;
    // One of the large force's meetings (the demo's own are among them,
    // wherever their dates fall).
    app.execute_script(
        "[...document.querySelectorAll('#meetings-held tbody tr')] \
           .find((tr) => tr.textContent.includes('meeting room')).querySelector('a').click()",
    )
    .await;
    app.wait_text("main h1", "18:30").await;
    app.execute_script(
        "if (![...document.querySelectorAll('main input')].some((i) => \
           i.value.startsWith('Stop and search scrutiny'))) throw new Error('agenda not shown')",
    )
    .await;
    shots.take(&app, "03-a-meeting-opened").await;
    app.quit().await;
}

/// Issue 17: one way out. The window saves the members' annex; a save
/// that fails leaves no audit line, a save that succeeds leaves one; and
/// the command line, given a folder, writes the same file under the same
/// name, with the same text and metadata, for the same vault and clock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_and_the_command_line_write_the_same_annex_audited_once_written() {
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["init"]);
    cli(data.path(), &["demo"]);
    let (meeting, date) = marlow_draft_minutes(data.path());
    let annex_lines = || {
        cli_output(data.path(), &["audit", "--json", "--limit", "500"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| {
                l["detail"]
                    .as_str()
                    .unwrap()
                    .starts_with("The members' confidential annex")
            })
            .count()
    };

    // Saving into a folder that cannot exist (its parent is a file).
    let blocker = data.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    // Opens the window saving into `save_dir`, saves the annex from the
    // minutes' page and waits for the window to say `said`.
    let save_annex = |save_dir: String, said: &'static str| {
        let data = data.path().to_owned();
        let meeting = meeting.clone();
        async move {
            let app = App::launch_with(&data, &["--save-dir", &save_dir]).await;
            app.type_into("#passphrase", PASSPHRASE).await;
            app.click("#unlock-vault").await;
            app.wait_text(".figures", "active members").await;
            app.execute_script(&format!("location.hash = '#/meetings/{meeting}/minutes'"))
                .await;
            app.click("#export-annex").await;
            app.wait_text("#minutes-message", said).await;
            app.quit().await;
        }
    };
    let blocked = blocker.join("saves").to_string_lossy().into_owned();
    save_annex(blocked, "Could not write").await;
    assert_eq!(annex_lines(), 0, "a failed save must leave no audit line");

    let saves = tempfile::tempdir().unwrap();
    save_annex(
        saves.path().to_string_lossy().into_owned(),
        "Saved the confidential annex",
    )
    .await;
    assert_eq!(annex_lines(), 1, "one save, one audit line");

    let name = format!("marlow-fen-local-iag-confidential-annex-{date}.pdf");
    let from_window = saves.path().join(&name);
    assert!(from_window.is_file(), "the window suggests {name}");
    let folder = tempfile::tempdir().unwrap();
    cli(
        data.path(),
        &[
            "minutes",
            &meeting,
            "--audience",
            "members",
            "-o",
            folder.path().to_str().unwrap(),
        ],
    );
    let from_cli = folder.path().join(&name);
    assert!(from_cli.is_file(), "the command line names it {name} too");
    assert_eq!(
        pdf_text(&from_window),
        pdf_text(&from_cli),
        "the same text from the window and the command line"
    );
    let info = |path: &std::path::Path| {
        let out = std::process::Command::new("pdfinfo")
            .arg(path)
            .output()
            .expect("pdfinfo");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.starts_with("File size"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        info(&from_window),
        info(&from_cli),
        "the same metadata and pages from the window and the command line"
    );
    assert_eq!(annex_lines(), 2, "the command line's write is audited too");
}

/// Runs the command line and reads its `--json` output.
fn cli_output(data: &std::path::Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&cli(data, args)).expect("--json prints JSON")
}

/// Marlow Fen's meeting with draft minutes: its number and ISO date.
fn marlow_draft_minutes(data: &std::path::Path) -> (String, String) {
    let all = cli_output(data, &["meetings", "list", "--json"]);
    let m = all
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["group_name"] == "Marlow Fen Local IAG" && m["status"] == "minutes_draft")
        .unwrap_or_else(|| panic!("the demo has Marlow Fen's draft minutes: {all}"))
        .clone();
    (
        m["id"].to_string(),
        m["starts_at"].as_str().unwrap()[..10].to_owned(),
    )
}

/// Issue 19: the chair sends a meeting's papers from the window. The
/// members' email draft is written (the save dialog answered by the test
/// hook), read by Python's email package, and handed to the email program
/// (a script in xdg-email's place records what it was given); then the
/// public pack alone, without the confidential paper.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_papers_sent_from_the_window_as_an_email_draft_and_a_public_pack() {
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["init"]);
    cli(data.path(), &["demo"]);
    let all = cli_output(data.path(), &["meetings", "list", "--json"]);
    let meeting = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["group_name"] == "Marlow Fen Local IAG" && m["upcoming"] == true)
        .min_by_key(|m| m["starts_at"].as_str().unwrap().to_owned())
        .expect("the demo has Marlow Fen's next meeting")["id"]
        .to_string();
    let saves = tempfile::tempdir().unwrap();
    let program_dir = tempfile::tempdir().unwrap();
    let program = program_dir.path().join("xdg-email");
    let args_file = program_dir.path().join("args");
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
            args_file.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let shots = Shots::new("papers");
    let save_dir = saves.path().to_string_lossy().into_owned();
    let app = App::launch_with(
        data.path(),
        &[
            "--save-dir",
            &save_dir,
            "--email-program",
            program.to_str().unwrap(),
        ],
    )
    .await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("#unlock-vault").await;
    app.wait_text(".figures", "active members").await;
    app.visit(&format!("#/meetings/{meeting}")).await;
    // Each paper shows its level; the cases for scrutiny are confidential.
    app.wait_until(
        "[...document.querySelectorAll('select.paper-level')].some((s) => s.getAttribute('aria-label').includes('Scrutiny cases') && s.value === 'confidential')",
        "the confidential paper's level",
    )
    .await;
    app.scroll_to("select.paper-level").await;
    shots.take(&app, "00-paper-levels").await;

    app.click("#send-papers").await;
    app.wait_text("#send-dialog", "Who the papers are for")
        .await;
    app.wait_text("#send-recipients", "Bcc").await;
    app.assert_accessible("the Send the papers dialog").await;
    shots.take(&app, "01-send-the-papers").await;
    app.click("#send-email").await;
    app.wait_text("#send-result", "email draft").await;
    app.wait_text("#send-written", "The members' agenda pack: written")
        .await;
    app.click("#open-email").await;
    app.wait_text("#email-opened", "Your email program is opening the message")
        .await;
    shots.take(&app, "02-draft-written-and-opened").await;

    let eml = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "eml"))
        .expect("the draft was written");
    let parsed = std::process::Command::new("python3")
        .args([
            "-c",
            "import email, email.policy, sys\n\
             m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)\n\
             print(m['X-Unsent'], len(m['Bcc'].addresses), m['Subject'])\n\
             [print(p.get_filename()) for p in m.iter_attachments()]",
        ])
        .arg(&eml)
        .output()
        .unwrap();
    let parsed = String::from_utf8_lossy(&parsed.stdout).into_owned();
    assert!(parsed.starts_with("1 "), "X-Unsent and Bcc: {parsed}");
    assert!(
        parsed.contains("OFFICIAL-SENSITIVE: Marlow Fen Local IAG"),
        "{parsed}"
    );
    assert!(
        parsed.contains("agenda-pack-members") && parsed.contains(".ics"),
        "{parsed}"
    );
    // The email program was given the same message, its files attached.
    let given = std::fs::read_to_string(&args_file).expect("the email program ran");
    assert!(
        given.contains("--bcc") && given.contains("@example.org"),
        "{given}"
    );
    let attached: Vec<_> = given
        .lines()
        .zip(given.lines().skip(1))
        .filter(|(flag, _)| *flag == "--attach")
        .map(|(_, path)| std::path::PathBuf::from(path))
        .collect();
    assert_eq!(attached.len(), 2, "{given}");
    assert!(attached.iter().all(|p| p.is_file()), "{attached:?}");
    let members_pack = pdf_text(&attached[0]);
    assert!(members_pack.contains("Records chosen for scrutiny"));

    // The public pack alone: the confidential paper stays out.
    app.click("input[name=send-audience][value=public]").await;
    app.wait_text("#send-recipients", "The draft goes to").await;
    app.click("#send-pack").await;
    app.wait_text("#send-result", "public agenda pack").await;
    let public = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("agenda-pack-public"))
        .expect("the public pack was written");
    let text = pdf_text(&public);
    assert!(text.contains("Police update for the meeting on"), "{text}");
    assert!(!text.contains("Records chosen for scrutiny") && !text.contains("Scrutiny cases"));
    shots.take(&app, "03-public-pack-written").await;
    app.quit().await;
}
