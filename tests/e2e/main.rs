//! End-to-end: the real `iag-desk` window under Xvfb, driven through
//! tauri-driver and WebKitWebDriver with W3C WebDriver (fantoccini).
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on PATH and a display (run
//! under `xvfb-run`); `.ci/run` installs and arranges all three. Every run
//! saves a PNG of each main screen under `<target>/e2e-screenshots/` for a
//! person to look at.

mod harness;

use harness::{App, Shots};

const PASSPHRASE: &str = "kettle harbour violet";

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
    app.wait_text("#gate-title", "Create your vault").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.type_into("#confirmation", PASSPHRASE).await;
    app.click("#with-demo").await;
    app.click("#create-vault").await;
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
