//! Native file dialogs, kept out of the page: the web UI never names a path,
//! it asks the shell to ask the person.
//!
//! End-to-end tests cannot see GTK dialogs (they are separate windows), so
//! a test build (the `test-hooks` feature) can be started with pre-set
//! answers (`--save-dir`, `--open-file`): a save then goes straight into that
//! folder under the suggested name, and an open dialog returns that file.
//! The shipped binary has neither argument, reads neither variable, and
//! always asks the person.

use std::path::PathBuf;

/// Answers given in advance, for tests; without the `test-hooks` feature
/// the struct is empty and every dialog asks.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    #[cfg(feature = "test-hooks")]
    pub save_dir: Option<PathBuf>,
    #[cfg(feature = "test-hooks")]
    pub open_file: Option<PathBuf>,
    /// For end-to-end tests: lock after this many idle seconds instead of
    /// the minutes set in Settings.
    #[cfg(feature = "test-hooks")]
    pub idle_lock_seconds: Option<u64>,
    /// For end-to-end tests: the program run in place of `xdg-email`, so
    /// a test can read what the email program would have been given.
    #[cfg(feature = "test-hooks")]
    pub email_program: Option<PathBuf>,
}

impl Answers {
    /// The desktop's email program, or the one a test put in its place.
    pub fn email_program(&self) -> PathBuf {
        #[cfg(feature = "test-hooks")]
        if let Some(program) = &self.email_program {
            return program.clone();
        }
        PathBuf::from("xdg-email")
    }

    /// The idle lock a test asked for, in seconds.
    pub fn idle_lock_seconds(&self) -> Option<u64> {
        #[cfg(feature = "test-hooks")]
        return self.idle_lock_seconds;
        #[cfg(not(feature = "test-hooks"))]
        None
    }
}

pub async fn save(
    answers: &Answers,
    title: &str,
    suggested_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    #[cfg(not(feature = "test-hooks"))]
    let _ = answers;
    #[cfg(feature = "test-hooks")]
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
    #[cfg(not(feature = "test-hooks"))]
    let _ = answers;
    #[cfg(feature = "test-hooks")]
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
