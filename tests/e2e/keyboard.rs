//! Keyboard only: the main journeys done with key presses and typed text,
//! as someone who cannot use a mouse would do them. Nothing here clicks,
//! sets the address or changes the page by script; scripts only read it
//! (what has focus, whether a screen has drawn). Every Tab stop on the way
//! is checked for a focus indicator a person can see.

use crate::harness::{App, Shots};
use crate::{pdf_text, PASSPHRASE};
use fantoccini::key::Key;

/// The new member's name, in Arabic script.
const MEMBER: &str = "ليلى الحسيني";
/// Typed under an open item: it belongs in the public minutes.
const OPEN_NOTE: &str = "Stop and search in Marlow Fen fell by a fifth this quarter.";
/// Typed into an entry made confidential: it must never reach them.
const CANARY: &str = "CANARY the family on Mill Lane named the officer";

/// The vault created, locked and unlocked; a member added; a meeting made
/// from the template and its agenda reordered; minutes taken with the
/// register, a vote, an open note and a confidential one; the public
/// minutes exported and read: all from the keyboard. On the way: the skip
/// link, focus after every screen change and redraw, and axe-core on the
/// forms and the minutes as filled in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_only_unlock_add_member_plan_meeting_minute_confidentially_export_public_minutes()
{
    let data = tempfile::tempdir().unwrap();
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();
    let shots = Shots::new("keyboard");
    let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;

    // Create the vault with the demo force: the form starts in the
    // passphrase box, Space ticks the box, Enter on the button creates.
    app.wait_text("#gate-title", "Create your vault").await;
    app.wait_focus("#passphrase").await;
    app.type_keys(PASSPHRASE).await;
    app.tab_to("#confirmation").await;
    app.type_keys(PASSPHRASE).await;
    app.tab_to("#with-demo").await;
    app.press(Key::Space).await;
    app.wait_until(
        "document.querySelector('#with-demo').checked",
        "the demo box to be ticked",
    )
    .await;
    shots.take(&app, "01-demo-ticked-with-focus").await;
    app.tab_to("#create-vault").await;
    app.press(Key::Enter).await;
    app.wait_text(".figures", "active members").await;
    // A new screen puts focus at the start of its content.
    app.wait_focus("#main").await;

    // Lock, then unlock: type the passphrase and press Enter.
    app.shift_tab_to("#lock-button").await;
    app.press(Key::Enter).await;
    app.wait_text("#gate-title", "Unlock").await;
    app.wait_focus("#passphrase").await;
    app.type_keys(PASSPHRASE).await;
    app.press(Key::Enter).await;
    app.wait_text(".figures", "active members").await;
    app.wait_focus("#main").await;

    // The skip link is the first Tab stop of the page: Shift+Tab from it
    // goes round to the page's last control, and Tab comes straight back.
    app.shift_tab_to("#skip-link").await;
    app.press_shifted(Key::Tab).await;
    app.wait_focus("#main *").await;
    assert_eq!(
        app.tab_to("#skip-link").await,
        1,
        "the skip link is the first Tab stop"
    );
    app.wait_until(
        "document.querySelector('#skip-link').getBoundingClientRect().top >= 0",
        "the skip link to be on screen once focused",
    )
    .await;
    shots.take(&app, "02-skip-link-focused").await;
    // Enter takes focus to the content and leaves the screen as it was.
    app.press(Key::Enter).await;
    app.wait_focus("#main").await;
    app.wait_until(
        "location.hash === '#/dashboard' && document.querySelector('#main h1').textContent === 'Dashboard'",
        "the dashboard to stay on screen",
    )
    .await;
    app.press(Key::Tab).await;
    app.wait_focus("#main *").await;

    // Roster → Members → Add a member.
    app.shift_tab_to("a[data-route=roster]").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", "Roster").await;
    app.wait_focus("#main").await;
    app.tab_to("a[href='#/roster/members']").await;
    app.press(Key::Enter).await;
    app.wait_text("#member-count", "members").await;
    app.wait_focus("#main").await;
    app.tab_to("#add-member").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", "Add a member").await;
    // The form starts in its first box.
    app.wait_focus("#person-form [name=full_name]").await;
    app.type_keys(MEMBER).await;
    app.tab_to("#person-form [name=email]").await;
    app.type_keys("layla.husseini@example.org").await;
    app.wait_value("#person-form [name=full_name]", MEMBER)
        .await;
    shots.take(&app, "03-member-form-focus").await;
    app.tab_to("#person-form [name=connection]").await;
    app.choose("Lives there").await;
    app.tab_to("#person-form [name=connection_place]").await;
    app.type_keys("Brackenford").await;
    app.tab_to("#person-form [name=skills]").await;
    app.type_keys("Arabic interpreting").await;
    app.assert_accessible("the add-member form, filled in by keyboard")
        .await;
    app.tab_to("#save-person").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", MEMBER).await;
    app.wait_text("#member-warnings", "No vetting recorded.")
        .await;
    app.wait_text("#main dl", "Lives there, Brackenford").await;
    app.wait_focus("#main").await;

    // Meetings → New meeting: the group, the date typed, and create.
    app.shift_tab_to("a[data-route=meetings]").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", "Meetings").await;
    app.wait_focus("#main").await;
    app.tab_to("#new-meeting").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", "New meeting").await;
    app.wait_focus("#main").await;
    app.tab_to("#meeting-form [name=group_id]").await;
    app.choose("Marlow Fen Local IAG").await;
    app.tab_to("#meeting-form [name=date]").await;
    app.type_keys("09/12/2026").await;
    app.tab_to("#meeting-form [name=venue]").await;
    app.type_keys("Marlow Fen Community Centre").await;
    app.assert_accessible("the new-meeting form, filled in by keyboard")
        .await;
    app.tab_to("#create-meeting").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", "9 December 2026, 18:30").await;
    app.wait_text("#main table", "Community feedback and tensions")
        .await;
    app.wait_focus("#main").await;

    // The template's item 8 moved up with its Up button, not dragged:
    // focus stays on the moved item's button, so it can be pressed again.
    app.tab_to("[data-item='7'] [data-action=up]").await;
    app.press(Key::Enter).await;
    app.wait_focus("[data-item='6'] [data-action=up]").await;
    app.wait_value("[name='item 7.title']", "Community feedback and tensions")
        .await;
    shots.take(&app, "04-agenda-item-moved-up").await;
    // Made a sub-item and back: the button changes with the item's depth,
    // and focus follows it rather than falling to the page.
    app.tab_to("[data-item='6'] [data-action=indent]").await;
    app.press(Key::Enter).await;
    app.wait_text("[data-item='6'] .agenda-number", "6.1").await;
    app.wait_focus("[data-item='6'] [data-action=outdent]")
        .await;
    app.press(Key::Enter).await;
    app.wait_text("[data-item='6'] .agenda-number", "7").await;
    app.wait_focus("[data-item='6'] [data-action=indent]").await;
    app.tab_to("#save-agenda").await;
    app.press(Key::Enter).await;
    app.wait_text("#agenda-message", "Saved.").await;
    app.wait_focus("#main").await;

    // Take minutes.
    app.tab_to("#take-minutes").await;
    app.press(Key::Enter).await;
    app.wait_text("#main h1", "Minutes: Marlow Fen Local IAG")
        .await;
    app.wait_focus("#main").await;

    // The register: each change is saved and redraws the page, and focus
    // comes back to the list changed, so a second arrow press still counts.
    app.tab_to("[aria-label='Attendance of Gwen Roberts']")
        .await;
    app.press(Key::Down).await;
    app.wait_text("[aria-label='Arrived (Gwen Roberts)']", "from the start")
        .await;
    app.wait_focus("[aria-label='Attendance of Gwen Roberts']")
        .await;
    app.tab_to("[aria-label='Attendance of Margaret Ellison']")
        .await;
    app.press(Key::Down).await;
    app.wait_text(
        "[aria-label='Arrived (Margaret Ellison)']",
        "from the start",
    )
    .await;
    app.wait_focus("[aria-label='Attendance of Margaret Ellison']")
        .await;
    app.press(Key::Down).await;
    app.wait_until(
        "!document.querySelector(\"[aria-label='Arrived (Margaret Ellison)']\")",
        "Margaret Ellison's apologies",
    )
    .await;
    app.wait_focus("[aria-label='Attendance of Margaret Ellison']")
        .await;
    app.wait_value("[aria-label='Attendance of Margaret Ellison']", "apologies")
        .await;

    // A note under the police update, typed where the new entry puts focus.
    app.tab_to("[data-number='6'] [data-add=note]").await;
    app.press(Key::Enter).await;
    app.wait_focus("[data-number='6'] .entry:last-child textarea")
        .await;
    app.type_keys(OPEN_NOTE).await;
    app.wait_text("[data-number='6'] .entry:last-child .entry-status", "Saved")
        .await;
    // A vote: ticking "Named vote" with Space redraws the entry with a
    // ballot per member, and focus stays on the box.
    app.tab_to("[data-number='6'] [data-add=vote]").await;
    app.press(Key::Enter).await;
    app.wait_focus("[data-number='6'] .entry:last-child textarea")
        .await;
    app.type_keys("That the group asks for the figures by ward.")
        .await;
    app.tab_to("[data-number='6'] .entry:last-child input[type=checkbox]")
        .await;
    app.press(Key::Space).await;
    app.wait_text("[data-number='6'] .entry:last-child", "Votes cast")
        .await;
    app.wait_focus("[data-number='6'] .entry:last-child input[type=checkbox]:checked")
        .await;
    app.tab_to("[aria-label='Vote of Gwen Roberts']").await;
    app.choose("For").await;
    app.wait_text("[data-number='6'] .entry:last-child .entry-status", "Saved")
        .await;

    // A note under the community item, made confidential with its own
    // confidentiality list (one place before its text), then typed.
    app.tab_to("[data-number='7'] [data-add=note]").await;
    app.press(Key::Enter).await;
    app.wait_focus("[data-number='7'] .entry:last-child textarea")
        .await;
    app.shift_tab_to("[data-number='7'] .entry:last-child select")
        .await;
    app.choose("Confidential").await;
    app.wait_text("[data-number='7'] .entry:last-child h4", "Confidential")
        .await;
    // The entry is redrawn for its new level; focus stays on the list.
    app.wait_focus("[data-number='7'] .entry:last-child select")
        .await;
    app.tab_to("[data-number='7'] .entry:last-child textarea")
        .await;
    app.type_keys(CANARY).await;
    app.wait_value("[data-number='7'] .entry:last-child textarea", CANARY)
        .await;
    app.wait_text("[data-number='7'] .entry:last-child .entry-status", "Saved")
        .await;
    shots.take(&app, "05-confidential-entry-typed").await;
    app.assert_accessible("the minutes with a confidential entry")
        .await;

    // Export the public minutes: back up the page to its button.
    app.shift_tab_to("#export-minutes").await;
    app.press(Key::Enter).await;
    app.wait_text("#minutes-message", "Saved the public minutes")
        .await;
    app.wait_focus("#export-minutes").await;
    shots.take(&app, "06-public-minutes-exported").await;
    let pdf = saves
        .path()
        .join("marlow-fen-local-iag-minutes-2026-12-09.pdf");
    assert!(pdf.exists(), "the public minutes were saved as {pdf:?}");
    let public = pdf_text(&pdf);
    assert!(public.contains(OPEN_NOTE), "the open note:\n{public}");
    assert!(
        public.contains("Present: Gwen Roberts"),
        "the register:\n{public}"
    );
    assert!(
        public.contains("That the group asks for the figures by ward."),
        "the motion:\n{public}"
    );
    assert!(
        !public.contains("CANARY"),
        "a confidential entry must never reach the public minutes:\n{public}"
    );
    app.quit().await;
}
