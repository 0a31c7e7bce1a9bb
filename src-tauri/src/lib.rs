//! The desktop shell of IAG Desk: the window, its commands, and the command
//! line. Everything it does is a thin call into `iag_desk_core`.

pub mod cli;
pub mod clock;
mod commands;
pub mod dialogs;
mod error;
mod export;
mod files;
mod instance;
pub mod paths;
mod state;

use std::path::PathBuf;

/// Parses the command line: a subcommand runs headless and returns its exit
/// code; no subcommand opens the window.
pub fn main_entry() -> i32 {
    let args = cli::parse();
    let answers = args.global.test_hooks();
    match args.command {
        Some(command) => cli::run(command, &args.global),
        None => {
            let data_dir = args.global.data_dir();
            let file = match args.file.as_deref().map(opened_file).transpose() {
                Ok(file) => file,
                Err(message) => {
                    eprintln!("iag-desk: {message}");
                    return 2;
                }
            };
            match instance::claim(&data_dir, file.as_deref()) {
                instance::Claim::Running => 0,
                instance::Claim::First(listener) => {
                    run_window(data_dir, answers, file, listener);
                    0
                }
            }
        }
    }
}

/// The file named on the command line, by its full path (a window already
/// open elsewhere reads it from its own folder). A name that is not a file
/// is most likely a mistyped command: say so rather than open a window.
fn opened_file(name: &std::path::Path) -> Result<PathBuf, String> {
    if !name.is_file() {
        return Err(format!(
            "\"{}\" is neither a command nor a file. `iag-desk --help` lists the commands; \
             a hand-over file (.{}) opens in the window.",
            name.display(),
            iag_desk_core::exports::HANDOVER_EXTENSION
        ));
    }
    std::path::absolute(name).map_err(|e| format!("{}: {e}", name.display()))
}

/// The page may only ever show IAG Desk's own files: a link or a script
/// that tries to navigate anywhere else (a website, a file) is refused, so
/// no remote page can ever reach the app's commands.
fn navigation_guard() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_, url| is_own_page(url))
        .build()
}

/// The app's own origin on each platform (tauri://localhost on Linux and
/// macOS, http(s)://tauri.localhost on Windows).
fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// The app, built but not yet run, so tests and `run_window` share one wiring.
pub fn app(
    builder: tauri::Builder<tauri::Wry>,
    data_dir: PathBuf,
    answers: dialogs::Answers,
) -> tauri::Builder<tauri::Wry> {
    builder
        .plugin(navigation_guard())
        .manage(state::Desk::new(data_dir))
        .manage(answers)
        .invoke_handler(tauri::generate_handler![
            commands::vault::vault_state,
            commands::vault::vault_create,
            commands::vault::vault_unlock,
            commands::vault::vault_lock,
            commands::vault::vault_status,
            commands::vault::vault_backup,
            commands::vault::vault_change_passphrase,
            commands::vault::vault_restore,
            commands::vault::vault_idle_lock,
            commands::vault::vault_idle_lock_set,
            commands::audit::audit_list,
            commands::choices::choices_all,
            commands::data_protection::data_protection_subject_access,
            commands::data_protection::data_protection_erase,
            commands::data_protection::data_protection_retention_months,
            commands::data_protection::data_protection_retention_months_set,
            commands::demo::demo_load,
            commands::demo::demo_remove,
            commands::roster::roster_groups,
            commands::roster::roster_group_form,
            commands::roster::roster_group_add,
            commands::roster::roster_group_update,
            commands::roster::roster_search,
            commands::roster::roster_members_page,
            commands::roster::roster_police,
            commands::roster::roster_person,
            commands::roster::roster_person_add,
            commands::roster::roster_person_update,
            commands::roster::roster_status_change,
            commands::roster::roster_role_assign,
            commands::roster::roster_role_end,
            commands::roster::roster_vetting_set,
            commands::roster::roster_agreement_set,
            commands::roster::roster_representation_set,
            commands::roster::roster_representation_withdraw,
            commands::roster::roster_representation_summary,
            commands::roster::roster_group_attention,
            commands::roster::roster_export,
            commands::roster::roster_import_check,
            commands::roster::roster_import_run,
            commands::meetings::meetings_list,
            commands::meetings::meetings_page,
            commands::meetings::meeting_detail,
            commands::meetings::meeting_create,
            commands::meetings::meeting_update,
            commands::agenda::agenda_save,
            commands::agenda::agenda_agree,
            commands::agenda::agenda_template_save,
            commands::attendance::attendance_set,
            commands::attendance::attendance_add_guest,
            commands::attendance::attendance_set_line,
            commands::attendance::attendance_set_chair,
            commands::attendance::attendance_report,
            commands::attendance::attendance_of_member,
            commands::attendance::attendance_export,
            commands::meetings::meetings_export_calendar,
            commands::meetings::meeting_export_invitation,
            commands::meetings::meeting_export_handover,
            commands::handover::handover_waiting,
            commands::handover::handover_choose,
            commands::handover::handover_check,
            commands::handover::handover_import,
            commands::handover::handover_discard,
            commands::files::files_open_last,
            commands::meetings::meeting_export_agenda,
            commands::meetings::meeting_export_signin_pdf,
            commands::agenda::agenda_paper_attach,
            commands::agenda::agenda_paper_save,
            commands::agenda::agenda_paper_remove,
            commands::agenda::agenda_paper_level_set,
            commands::papers::papers_sending,
            commands::papers::papers_save_pack,
            commands::papers::papers_save_email,
            commands::papers::papers_open_email,
            commands::minutes::minutes_taking,
            commands::minutes::minutes_entry_save,
            commands::minutes::minutes_entry_delete,
            commands::minutes::minutes_vote_declare,
            commands::minutes::minutes_approve,
            commands::minutes::minutes_amend,
            commands::minutes::minutes_export,
            commands::advice::advice_register,
            commands::advice::advice_respond,
            commands::advice::advice_export,
            commands::actions::actions_log,
            commands::actions::actions_status_set,
            commands::actions::actions_export,
            commands::publications::publications_texts,
            commands::publications::publications_text_save,
            commands::publications::publications_preview,
            commands::publications::publications_preview_closed,
            commands::publications::publications_export,
            commands::publications::publications_export_feedback,
            commands::publications::publications_print,
            commands::clock::clock_today,
            commands::dashboard::dashboard_summary,
            commands::dashboard::dashboard_tour_finish,
            commands::window::window_zoom,
            commands::search::search_run,
            commands::escalations::escalations_for_group,
            commands::escalations::escalation_raise,
            commands::escalations::escalation_respond,
            commands::incidents::incidents_list,
            commands::incidents::incident_detail,
            commands::incidents::incident_add,
            commands::incidents::incident_update,
            commands::incidents::incident_suggestions,
            commands::incidents::incident_convene,
            commands::incidents::incident_export_calllist,
        ])
}

pub fn run_window(
    data_dir: PathBuf,
    answers: dialogs::Answers,
    file: Option<PathBuf>,
    listener: Option<instance::Listener>,
) {
    lighter_webkit();
    // WebKitGTK's accelerated compositing stays on. Turning it off
    // (WEBKIT_DISABLE_COMPOSITING_MODE=1) saved about 90 MiB in the idle web
    // process, but a page then stops producing frames a few seconds after
    // the last input: requestAnimationFrame never fires and a snapshot never
    // returns until something is clicked, so a change that arrives on its
    // own (a save confirmed, an idle lock) may not be drawn. Someone whose
    // graphics driver shows a blank window can still set it themselves.
    app(tauri::Builder::default(), data_dir, answers)
        .setup(move |app| {
            use tauri::Manager;
            app.state::<state::Desk>().set_waiting(file);
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                app.manage(listener.serve(move |file| file_arrived(&handle, file)));
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the IAG Desk window could not start")
        .run(|app, event| {
            // Close the vault cleanly (checkpointing its WAL) when the window
            // goes; the process exits without running destructors otherwise.
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                if let Some(closing) = app.try_state::<instance::Closing>() {
                    closing.close();
                }
                app.state::<state::Desk>().lock();
            }
        });
}

/// WebKitGTK's DMA-BUF renderer (the web process hands each frame to the
/// window as a GPU buffer) costs about 100 MiB of the window's memory: the
/// whole process tree idled at 358.7 MiB PSS with it and 260.4 without
/// (6 December 2026, debug build under Xvfb, where the "GPU" is Mesa's
/// software renderer). Without it frames still flow (compositing stays on,
/// the frames travel in shared memory), which is all a window of forms
/// and documents needs. Set only when the person has not set it
/// themselves, and before GTK or WebKit start, while the process has one
/// thread.
fn lighter_webkit() {
    const DMABUF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
    if std::env::var_os(DMABUF).is_none() {
        std::env::set_var(DMABUF, "1");
    }
}

/// A later start handed this window a file (or just asked for the window):
/// the file waits for its check, the window comes forward, and the page
/// shows the check (or, while locked, names the file on the unlock screen).
fn file_arrived(app: &tauri::AppHandle, file: Option<PathBuf>) {
    use tauri::Manager;
    if file.is_some() {
        app.state::<state::Desk>().set_waiting(file);
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        // A DOM event, not a Tauri event: the page is granted no core
        // permissions, listening included.
        let _ = window.eval("window.dispatchEvent(new CustomEvent('handover-waiting'))");
    }
}

#[cfg(test)]
mod tests {
    use super::is_own_page;

    #[test]
    fn only_the_apps_own_pages_may_be_shown() {
        let ok = |u: &str| is_own_page(&tauri::Url::parse(u).unwrap());
        assert!(ok("tauri://localhost/index.html#/dashboard"));
        assert!(ok("https://tauri.localhost/index.html"));
        assert!(!ok("https://example.org/"));
        assert!(!ok("http://localhost:8080/"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("tauri://evil.example/"));
    }
}
