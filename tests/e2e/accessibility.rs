//! Accessibility of the real window: axe-core on every screen and form
//! state a person can reach.

use crate::harness::{App, Shots};
use crate::{create_vault_with_demo, PASSPHRASE};

/// Every screen, with the demo force loaded, checked by axe-core against
/// WCAG 2.2 AA and axe's best practices. All places are checked before the
/// test fails, so one run lists everything that needs fixing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_core() {
    let data = tempfile::tempdir().unwrap();
    let app = App::launch(data.path()).await;
    let shots = Shots::new("accessibility");
    let mut found: Vec<String> = Vec::new();
    let mut check = |place: &str, violations: Vec<String>| {
        for v in violations {
            found.push(format!("{place}: {v}"));
        }
    };

    app.wait_text("#gate-title", "Create your vault").await;
    check("the create-vault screen", app.axe_violations().await);
    // A mismatched confirmation: the errors as shown.
    app.type_into("#passphrase", PASSPHRASE).await;
    app.type_into("#confirmation", "something else").await;
    app.click("#create-vault").await;
    app.wait_until(
        "document.querySelector('#gate [role=alert], #gate .field-error:not(:empty)')",
        "the passphrase error",
    )
    .await;
    check(
        "the create-vault screen with an error",
        app.axe_violations().await,
    );
    app.clear("#passphrase").await;
    app.clear("#confirmation").await;
    create_vault_with_demo(&app).await;
    app.wait_text("#main h1", "Dashboard").await;

    let screens = [
        "#/dashboard",
        "#/roster/groups",
        "#/roster/members",
        "#/roster/police",
        "#/roster/new",
        "#/roster/new-group",
        "#/meetings",
        "#/meetings/new",
        "#/records/advice",
        "#/records/actions",
        "#/incidents",
        "#/documents/induction_pack",
        "#/documents/terms_of_reference",
        "#/documents/feedback",
        "#/settings",
        "#/search/Fenwold",
    ];
    for screen in screens {
        app.visit(screen).await;
        check(screen, app.axe_violations().await);
    }

    // Pages reached from lists: the first of each.
    app.visit("#/roster/members").await;
    let member = app.first_link("#/roster/member/").await;
    for screen in [member.clone(), format!("{member}/edit")] {
        app.visit(&screen).await;
        check(&screen, app.axe_violations().await);
    }
    app.visit("#/roster/groups").await;
    let group = app.first_link("#/roster/group/").await;
    for screen in [group.clone(), format!("{group}/edit")] {
        app.visit(&screen).await;
        check(&screen, app.axe_violations().await);
    }
    // Meetings coming up (agenda editing) and held (minutes, register,
    // votes): the first few of each, their pages and their minutes.
    app.visit("#/meetings").await;
    app.wait_until(
        "document.querySelector('#meetings-held a')",
        "the meetings held",
    )
    .await;
    let meetings: Vec<String> = serde_json::from_str(
        &app.text_of_script(
            "return JSON.stringify([
                ...[...document.querySelectorAll('#meetings-upcoming tbody a')].slice(0, 2),
                ...[...document.querySelectorAll('#meetings-held tbody a')].slice(0, 4),
             ].map((a) => a.getAttribute('href')));",
        )
        .await,
    )
    .unwrap();
    assert_eq!(meetings.len(), 6, "{meetings:?}");
    for meeting in meetings {
        for screen in [meeting.clone(), format!("{meeting}/minutes")] {
            app.visit(&screen).await;
            check(&screen, app.axe_violations().await);
        }
    }

    app.visit("#/incidents").await;
    let incident = app.first_link("#/incidents/").await;
    app.visit(&incident).await;
    check(&incident, app.axe_violations().await);

    // A form refused: the problems beside their fields.
    app.visit("#/roster/new").await;
    app.execute_script("document.querySelector('#main form').requestSubmit()")
        .await;
    app.wait_until(
        "document.querySelector('#main [aria-invalid=true]')",
        "the add-member form's problems",
    )
    .await;
    check(
        "the add-member form with problems",
        app.axe_violations().await,
    );
    shots.take(&app, "01-add-member-problems").await;

    // Locked: the unlock screen, then a wrong passphrase.
    app.click("#lock-button").await;
    app.wait_text("#gate-title", "Unlock").await;
    check("the unlock screen", app.axe_violations().await);
    app.type_into("#passphrase", "not the passphrase").await;
    app.execute_script("document.querySelector('#gate form').requestSubmit()")
        .await;
    app.wait_until(
        "document.querySelector('#gate [role=alert], #gate .field-error:not(:empty)')",
        "the wrong-passphrase message",
    )
    .await;
    check(
        "the unlock screen after a wrong passphrase",
        app.axe_violations().await,
    );

    app.quit().await;
    assert!(
        found.is_empty(),
        "axe-core found {} accessibility violation(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// WebDriver's codes for keys without a character.
const TAB: &str = "\u{E004}";
const ESCAPE: &str = "\u{E00C}";
const F1: &str = "\u{E031}";

/// Whatever has focus, as `tag#id`, or `tag` inside `#dialog` when in one.
async fn focused(app: &App) -> String {
    app.text_of_script(
        "const a = document.activeElement; const d = a.closest('dialog'); \
         return `${a.tagName.toLowerCase()}#${a.id}${d ? ' in #' + d.id : ''}`;",
    )
    .await
}

/// Help on every screen, the first-run tour and the dialogs they open:
/// each dialog passes axe-core, keeps Tab inside itself, closes with
/// Escape and gives focus back to what opened it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_on_every_screen_and_a_skippable_tour_in_dialogs_that_keep_focus() {
    let data = tempfile::tempdir().unwrap();
    let app = App::launch(data.path()).await;
    let shots = Shots::new("help");
    create_vault_with_demo(&app).await;
    app.wait_text("#main h1", "Dashboard").await;

    // First run: the tour is offered; taken to the end, it is gone for good.
    app.wait_text("#tour-offer", "New to IAG Desk?").await;
    app.assert_accessible("the dashboard offering the tour")
        .await;
    app.click("#tour-take").await;
    app.wait_text("#tour-dialog", "Step 1 of 7").await;
    assert_eq!(focused(&app).await, "button#tour-next in #tour-dialog");
    app.assert_accessible("the tour").await;
    shots.take(&app, "01-tour").await;
    // Tab cycles inside the dialog: never out to the page behind it.
    for _ in 0..6 {
        app.type_into(":focus", TAB).await;
        let now = focused(&app).await;
        assert!(
            now.ends_with("in #tour-dialog"),
            "Tab left the tour for {now}"
        );
    }
    app.click("#tour-next").await;
    app.wait_text("#tour-position", "Step 2 of 7").await;
    app.click("#tour-back").await;
    app.wait_text("#tour-position", "Step 1 of 7").await;
    for step in 2..=7 {
        app.click("#tour-next").await;
        app.wait_text("#tour-position", &format!("Step {step} of 7"))
            .await;
    }
    assert_eq!(app.text("#tour-next").await, "Finish");
    app.click("#tour-next").await;
    app.wait_until("!document.querySelector('dialog')", "the tour to close")
        .await;
    app.wait_until("!document.querySelector('#tour-offer')", "the offer to go")
        .await;
    assert_eq!(focused(&app).await, "main#main");
    app.visit("#/settings").await;
    app.visit("#/dashboard").await;
    app.wait_text("#main h2", "Groups due to meet").await;
    assert!(
        app.visible_texts("#tour-offer").await.is_empty(),
        "the tour is offered again"
    );

    // Settings can start it again, and Escape skips it.
    app.visit("#/settings").await;
    app.click("#settings-tour").await;
    app.wait_text("#tour-dialog", "Step 1 of 7").await;
    app.type_into(":focus", ESCAPE).await;
    app.wait_until(
        "!document.querySelector('dialog')",
        "Escape to close the tour",
    )
    .await;
    assert_eq!(focused(&app).await, "button#settings-tour");

    // Help on each screen: its own words, a dialog axe passes, focus back
    // to the Help button on Escape.
    let screens = [
        ("#/dashboard", "Help: The dashboard"),
        ("#/roster/members", "Help: The roster"),
        ("#/meetings", "Help: Meetings"),
        ("#/meetings/new", "Help: Planning a meeting"),
        ("#/records/actions", "Help: Records"),
        ("#/incidents", "Help: Critical incidents"),
        ("#/documents/induction_pack", "Help: Documents"),
        ("#/settings", "Help: Settings"),
        ("#/search/Fenwold", "Help: Search everything"),
    ];
    for (screen, title) in screens {
        app.visit(screen).await;
        app.click("#help-button").await;
        app.wait_text("#help-dialog-title", title).await;
        app.assert_accessible(&format!("the help for {screen}"))
            .await;
        app.type_into(":focus", ESCAPE).await;
        app.wait_until("!document.querySelector('dialog')", "the help to close")
            .await;
        assert_eq!(
            focused(&app).await,
            "button#help-button",
            "after the help for {screen}"
        );
    }
    app.visit("#/meetings").await;
    app.wait_until(
        "document.querySelector('#meetings-upcoming a')",
        "a meeting coming up",
    )
    .await;
    let meeting = app
        .text_of_script(
            "return document.querySelector('#meetings-upcoming a').getAttribute('href');",
        )
        .await;
    for (screen, title) in [
        (meeting.clone(), "Help: A meeting and its agenda"),
        (format!("{meeting}/minutes"), "Help: Taking minutes"),
    ] {
        app.visit(&screen).await;
        // F1 from wherever focus is opens the help; focus returns there.
        app.type_into("#main", F1).await;
        app.wait_text("#help-dialog-title", title).await;
        app.assert_accessible(&format!("the help for {screen}"))
            .await;
        shots.take(&app, "02-help").await;
        app.click("#help-dialog-close").await;
        app.wait_until("!document.querySelector('dialog')", "the help to close")
            .await;
        assert_eq!(focused(&app).await, "main#main");
    }
    app.quit().await;
}

/// Ctrl with = zooms the window a quarter at a time, as in a browser; at
/// 200% on the narrowest window IAG Desk allows (760 pixels, so 380 CSS
/// pixels of page) every screen reflows: nothing needs scrolling sideways
/// except a wide table inside the content, every control stays on screen,
/// and axe-core still finds nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_twice_the_size_every_screen_reflows() {
    let data = tempfile::tempdir().unwrap();
    let app = App::launch(data.path()).await;
    let shots = Shots::new("zoom");
    app.resize(760, 820).await;
    create_vault_with_demo(&app).await;
    app.wait_text("#main h1", "Dashboard").await;
    const WIDTH: &str = "return String(window.innerWidth);";
    let before: f64 = app.text_of_script(WIDTH).await.parse().unwrap();
    for _ in 0..4 {
        // Control, =, then release every modifier.
        app.type_into("#main", "\u{E009}=\u{E000}").await;
    }
    app.wait_until(
        &format!("window.innerWidth <= {} / 1.9", before),
        "the page to zoom to 200%",
    )
    .await;
    let after: f64 = app.text_of_script(WIDTH).await.parse().unwrap();
    assert!(
        (after * 2.0 - before).abs() < 20.0,
        "zoomed from {before} to {after} CSS pixels"
    );

    let screens = [
        "#/dashboard",
        "#/roster/groups",
        "#/roster/members",
        "#/roster/new",
        "#/meetings",
        "#/meetings/new",
        "#/records/advice",
        "#/incidents",
        "#/documents/induction_pack",
        "#/settings",
    ];
    let mut problems = Vec::new();
    for screen in screens {
        app.visit(screen).await;
        // The page itself never scrolls sideways; inside the content only
        // a table may be wider than the view.
        let report = app
            .text_of_script(
                "const out = [];
                 const root = document.documentElement;
                 if (root.scrollWidth > root.clientWidth + 1) out.push(`the page is ${root.scrollWidth}px wide in ${root.clientWidth}`);
                 const main = document.getElementById('main');
                 const limit = main.getBoundingClientRect().right + 1;
                 for (const el of main.querySelectorAll('h1, h2, p, label, input, select, textarea, button, a.button')) {
                   if (el.closest('table')) continue;
                   const r = el.getBoundingClientRect();
                   if (r.width && r.right > limit) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} \"${el.textContent.trim().slice(0, 30)}\" ends at ${Math.round(r.right)} past ${Math.round(limit)}`);
                 }
                 for (const id of ['help-button', 'lock-button', 'search-box']) {
                   const r = document.getElementById(id).getBoundingClientRect();
                   if (r.right > root.clientWidth + 1) out.push(`#${id} is off the screen`);
                 }
                 return out.join('; ');",
            )
            .await;
        if !report.is_empty() {
            problems.push(format!("{screen}: {report}"));
        }
        app.assert_accessible(&format!("{screen} at 200%")).await;
    }
    app.visit("#/dashboard").await;
    shots.take(&app, "01-dashboard-200").await;
    app.visit("#/roster/new").await;
    shots.take(&app, "02-add-member-200").await;
    // Ctrl+0 puts it back.
    app.type_into("#main", "\u{E009}0\u{E000}").await;
    app.wait_until(
        &format!("window.innerWidth >= {} - 2", before),
        "the zoom to reset",
    )
    .await;
    app.quit().await;
    assert!(problems.is_empty(), "at 200%:\n{}", problems.join("\n"));
}
