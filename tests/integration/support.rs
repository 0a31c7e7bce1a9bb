//! Shared fixtures: a temporary data folder and a fixed clock.

use chrono::{NaiveDate, NaiveDateTime};
use iag_desk_core::{Passphrase, Vault};
use std::path::PathBuf;

pub const PASSPHRASE: &str = "kettle harbour violet";

pub struct TempVault {
    // Held so the folder lives as long as the test.
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempVault {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(iag_desk_core::VAULT_FILE);
        TempVault { dir, path }
    }

    pub fn create(&self) -> Vault {
        Vault::create(&self.path, &Passphrase::new(PASSPHRASE)).expect("create vault")
    }

    pub fn unlock(&self) -> Vault {
        Vault::unlock(&self.path, &Passphrase::new(PASSPHRASE)).expect("unlock vault")
    }

    /// Every file in the data folder with its bytes, to prove nothing changed.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    /// The files that hold data: the vault and its WAL. The `-shm` file is
    /// SQLite's wal-index, rebuilt from the WAL by whoever opens it; it holds
    /// no records and may be rewritten by any reader.
    pub fn data_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.snapshot();
        files.retain(|(name, _)| !name.ends_with("-shm"));
        files
    }
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(12, 0, 0).unwrap()
}

/// A new vault with the demo force loaded.
pub fn demo_vault() -> (TempVault, Vault) {
    let t = TempVault::new();
    let mut vault = t.create();
    iag_desk_core::demo::load(&mut vault, today()).unwrap();
    (t, vault)
}

/// Names of the members a search for `text` finds, in order.
pub fn member_names(vault: &Vault, text: &str) -> Vec<String> {
    iag_desk_core::roster::members::search(
        vault,
        &iag_desk_core::roster::members::MemberQuery {
            text: text.into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()
    .into_iter()
    .map(|p| p.full_name)
    .collect()
}

/// A group's id by its name on the demo roster.
pub fn group_named(vault: &Vault, name: &str) -> iag_desk_core::ids::GroupId {
    iag_desk_core::roster::groups(vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group called {name}"))
        .id
}
