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
    app.visit("#/meetings").await;
    let meeting = app.first_link("#/meetings/").await;
    for screen in [meeting.clone(), format!("{meeting}/minutes")] {
        app.visit(&screen).await;
        check(&screen, app.axe_violations().await);
    }
    // A meeting already held, with its minutes.
    app.visit("#/meetings").await;
    let held = app.first_link("#/meetings/").await;
    app.execute_script("location.hash = document.querySelector('#meetings-held a[href^=\"#/meetings/\"]').getAttribute('href')").await;
    app.wait_until("document.querySelector('#main h1') && !/^Loading/.test(document.querySelector('#main').textContent) && location.hash !== '#/meetings'", "a held meeting").await;
    assert_ne!(held, "");
    check("a meeting held", app.axe_violations().await);
    app.execute_script("location.hash += '/minutes'").await;
    app.wait_until("/minutes$/.test(location.hash) && document.querySelector('#main h1') && !/^Loading/.test(document.querySelector('#main').textContent)", "a held meeting's minutes").await;
    check("the minutes of a meeting held", app.axe_violations().await);

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
