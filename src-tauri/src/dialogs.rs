//! Native file dialogs, kept out of the page: the web UI never names a path,
//! it asks the shell to ask the person.
//!
//! End-to-end tests cannot see GTK dialogs (they are separate windows), so
//! when `IAG_DESK_SAVE_DIR` is set a save goes straight into that folder
//! under the suggested name, and `IAG_DESK_OPEN_FILE` answers an open dialog.

use std::path::PathBuf;

pub async fn save(title: &str, suggested_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("IAG_DESK_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested_name));
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter(filter.0, filter.1)
        .save_file()
        .await
        .map(|h| h.path().to_path_buf())
}

pub async fn open(title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("IAG_DESK_OPEN_FILE") {
        return Some(PathBuf::from(file));
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}
