//! An existing Excel roster brought into a fresh vault from the window
//! (issue 20): the check names the two groups the sheet uses that IAG Desk
//! does not have, a tier is chosen for each, and one action creates them
//! with the members.

use super::harness::{App, Shots};
use super::PASSPHRASE;
use serde_json::json;
use std::path::{Path, PathBuf};

/// The test virtual environment's Python (`.ci/install-deps --test`),
/// with python-docx and openpyxl.
pub(crate) fn python() -> PathBuf {
    let venv = std::env::var_os("IAG_DESK_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/iag-desk-venv")
        });
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `bash .ci/install-deps --test`, which installs python-docx and \
         openpyxl there",
        python.display()
    );
    python
}

/// Writes the workbook with openpyxl (the test virtual environment that
/// `.ci/install-deps --test` makes), as a chair's Excel roster.
fn excel_roster(out: &Path) {
    let python = python();
    let spec = json!({"sheets": [
        {"name": "Members", "rows": [
            ["Full name", "E-mail address", "Mobile", "Date joined", "Groups"],
            ["Aisha Okafor", "aisha@example.org", {"n": 447700900201_i64}, {"d": "2024-09-12"}, "Kettering IAG (chair); Northants Strategic IAG (nominee)"],
            ["Tomasz Nowak", "tomasz@example.org", null, {"d": "2025-01-20"}, "Kettering IAG (vice chair)"],
            ["Gurpreet Kaur", "gurpreet@example.org", {"n": 447700900203_i64}, "03/03/2025", "Kettering IAG"],
            ["Daniel Hughes", "daniel@example.org", null, {"d": "2023-06-01"}, "Northants Strategic IAG (chair)"],
        ]},
        {"name": "Old members", "rows": [["Full name"], ["Left Long Ago"]]},
    ]});
    let spec_path = out.with_extension("json");
    std::fs::write(&spec_path, spec.to_string()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/write_sheet.py");
    let run = std::process::Command::new(python)
        .arg(script)
        .arg(&spec_path)
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Chooses the option whose text is `label` in the select `css`, as a
/// person would, and tells the page.
async fn choose(app: &App, css: &str, label: &str) {
    app.execute_script(&format!(
        "const s = document.querySelector({css:?}); \
         s.value = [...s.options].find((o) => o.text === {label:?}).value; \
         s.dispatchEvent(new Event('change'));"
    ))
    .await;
    app.wait_text(&format!("{css} option:checked"), label).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_excel_roster_naming_two_new_groups_imported_into_a_fresh_vault() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let book = files.path().join("Kettering roster.xlsx");
    excel_roster(&book);
    let book_arg = book.to_string_lossy().into_owned();
    let shots = Shots::new("import-from-excel");
    let app = App::launch_with(data.path(), &["--open-file", &book_arg]).await;

    // A fresh vault: no demo force, no groups.
    app.wait_text("#gate-title", "Create your vault").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.type_into("#confirmation", PASSPHRASE).await;
    app.click("#create-vault").await;
    app.wait_text("#welcome-title", "Your vault is empty").await;

    app.click("a[data-route=roster]").await;
    app.click("a[href='#/roster/members']").await;
    app.click("#import-csv").await;
    app.wait_text("#import-check", "every row checked").await;
    app.wait_text("#import-check", "Kettering roster.xlsx, sheet Members")
        .await;
    app.wait_text(
        "#import-check",
        "2 groups are not in IAG Desk yet: Kettering IAG, Northants Strategic IAG.",
    )
    .await;
    app.wait_text("#import-create", "Import 4 people and create these groups")
        .await;
    shots.take(&app, "01-check-names-new-groups").await;

    // Another sheet of the workbook, checked in place, and back.
    choose(&app, "#import-sheet", "Old members").await;
    app.wait_text(
        "#import-check",
        "Kettering roster.xlsx, sheet Old members: every row checked. It would add 1 person",
    )
    .await;
    choose(&app, "#import-sheet", "Members").await;
    app.wait_text("#import-check", "2 groups are not in IAG Desk yet")
        .await;

    // Without a tier the action says which group needs one.
    app.click("#import-create").await;
    app.wait_text(
        "#import-problems",
        "Choose a tier for Kettering IAG, Northants Strategic IAG.",
    )
    .await;

    choose(&app, "#new-group-tier-0", "Local IAG").await;
    choose(&app, "#new-group-tier-1", "Strategic IAG").await;
    // The local group may report to the strategic group created beside it,
    // the only strategic group there will be, so it is chosen already.
    app.wait_text(
        "#new-group-parent-0 option:checked",
        "Northants Strategic IAG (new)",
    )
    .await;
    app.assert_accessible("the import's check with new groups")
        .await;
    shots.take(&app, "import-from-excel").await;
    app.click("#import-create").await;
    app.wait_text(
        "#import-done",
        "Imported 4 people and 5 roles, and created 2 groups: Kettering IAG, Northants Strategic IAG.",
    )
    .await;

    // The members on the roster, with their roles in the new groups.
    app.wait_text("#members-table", "Aisha Okafor").await;
    app.wait_text("#members-table", "Gurpreet Kaur").await;
    app.wait_text("#members-table", "Chair, Kettering IAG")
        .await;
    app.wait_text("#member-count", "4 members").await;
    shots.take(&app, "03-members-imported").await;
    let members = app.text("#members-table").await;
    assert!(
        !members.contains("Left Long Ago"),
        "only the first sheet is read: {members}"
    );

    // The groups, in their tiers.
    app.click("a[href='#/roster/groups']").await;
    app.wait_text("main", "Northants Strategic IAG").await;
    app.wait_text("main", "Kettering IAG").await;
    shots.take(&app, "04-groups-created").await;
    app.quit().await;
}
