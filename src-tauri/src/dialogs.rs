//! Native file dialogs, kept out of the page: the web UI never names a path,
//! it asks the shell to ask the person.
//!
//! End-to-end tests cannot see GTK dialogs (they are separate windows), so
//! the app can be started with pre-set answers (`--save-dir`, `--open-file`,
//! hidden from `--help`): a save then goes straight into that folder under
//! the suggested name, and an open dialog returns that file.

use std::path::PathBuf;

/// Answers given in advance, for tests. Empty for everyone else.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub save_dir: Option<PathBuf>,
    pub open_file: Option<PathBuf>,
    /// For end-to-end tests: lock after this many idle seconds instead of
    /// the minutes set in Settings.
    pub idle_lock_seconds: Option<u64>,
}

pub async fn save(
    answers: &Answers,
    title: &str,
    suggested_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    if let Some(dir) = &answers.save_dir {
        return Some(dir.join(suggested_name));
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter(filter.0, filter.1)
        .save_file()
        .await
        .map(|h| h.path().to_path_buf())
}

pub async fn open(answers: &Answers, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(file) = &answers.open_file {
        return Some(file.clone());
    }
    let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
    // An empty filter means any kind of file (papers come in every format).
    if !filter.1.is_empty() {
        dialog = dialog.add_filter(filter.0, filter.1);
    }
    dialog.pick_file().await.map(|h| h.path().to_path_buf())
}
