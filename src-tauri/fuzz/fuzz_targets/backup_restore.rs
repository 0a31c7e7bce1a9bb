//! Restoring a backup: the file chosen could be anything (a damaged copy,
//! another program's database, a stranger's file). `check_backup` and
//! `restore` must refuse what they cannot use with a message, never panic.
//!
//! The input is the file; the passphrase is the raw key every seed backup
//! is encrypted with (see `iag_desk_fuzz::RAW_KEY`). SQLCipher checks each
//! page's authentication code, so a mutated page is refused as soon as it is
//! read: mutations test the refusals (empty and short files, other salts,
//! damaged pages), while the seeds, real backups of vaults of several
//! shapes, each run the whole restore once.
//!
//! A restore replaces a placeholder vault, which must be kept beside it.

#![no_main]

use iag_desk_core::backup::restore;
use iag_desk_core::storage::check_backup;
use iag_desk_core::{SCHEMA_VERSION, VAULT_FILE};
use iag_desk_fuzz::{
    new_vault, now, raw_key, remove_vault, scratch, write_seeds_if_asked, RAW_KEY,
};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const PLACEHOLDER: &[u8] = b"the vault that a restore replaces";

/// The vault of schema 1 that the upgrade test opens.
const SCHEMA_1: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/schema-1.vault"
);
const SCHEMA_1_PASSPHRASE: &str = "fixture passphrase 1";

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = scratch();
    let mut out = Vec::new();

    // Real backups, taken by the core.
    for (name, demo) in [("empty", false), ("demo", true)] {
        let mut vault = new_vault(&dir.join(format!("seed-{name}.vault")), demo);
        let to = dir.join(format!("seed-{name}.backup"));
        let _ = std::fs::remove_file(&to);
        iag_desk_core::backup::backup(&mut vault, &to, now()).expect("take a backup");
        out.push((
            format!("backup-{name}-vault"),
            std::fs::read(&to).expect("read the backup"),
        ));
    }

    // A vault of an old schema, re-encrypted with the raw key: restoring it
    // runs every migration since.
    let old = dir.join("seed-schema-1.vault");
    remove_vault(&old);
    // Opened from a copy: the fixture itself stays untouched.
    let fixture = dir.join("schema-1-fixture.vault");
    remove_vault(&fixture);
    std::fs::copy(SCHEMA_1, &fixture).expect("copy the schema 1 fixture");
    let conn = rusqlite::Connection::open(&fixture).expect("open the schema 1 fixture");
    conn.pragma_update(None, "key", SCHEMA_1_PASSPHRASE)
        .expect("key");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("read the fixture");
    conn.execute(
        "ATTACH DATABASE ?1 AS copy KEY ?2",
        [old.to_string_lossy().as_ref(), RAW_KEY],
    )
    .expect("attach the copy");
    conn.query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))
        .expect("re-encrypt the fixture");
    conn.pragma_update(Some("copy"), "user_version", version)
        .expect("keep its version");
    drop(conn);
    out.push((
        "backup-schema-1".into(),
        std::fs::read(&old).expect("read the copy"),
    ));

    // Small databases that pass or just miss the checks before a restore,
    // or pass them and then lack the tables a vault has.
    for (name, version, table) in [
        ("settings-only-v1", 1, "settings"),
        ("settings-only-current", SCHEMA_VERSION, "settings"),
        ("settings-only-newer", SCHEMA_VERSION + 1, "settings"),
        ("no-settings", SCHEMA_VERSION, "other"),
        ("version-0", 0, "settings"),
    ] {
        let path = dir.join(format!("seed-{name}.db"));
        remove_vault(&path);
        let conn = rusqlite::Connection::open(&path).expect("create a database");
        conn.pragma_update(None, "key", RAW_KEY).expect("key");
        conn.execute_batch(&format!(
            "CREATE TABLE {table} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO {table} VALUES ('demo.anchor', '2026-11-23');
             PRAGMA user_version = {version};"
        ))
        .expect("shape a database");
        drop(conn);
        out.push((
            format!("database-{name}"),
            std::fs::read(&path).expect("read the database"),
        ));
    }
    out
}

fn restore_into(target: &Path, backup: &Path) {
    let Ok((vault, restored)) = restore(target, backup, &raw_key(), now()) else {
        return;
    };
    assert!(
        restored.previous.as_deref().is_some_and(Path::exists),
        "the vault a restore replaced must be kept"
    );
    // The first thing the window asks of a vault it has just opened.
    let _ = vault.status(now());
}

fuzz_target!(
    init: {
        write_seeds_if_asked(seeds);
    },
    |data: &[u8]| {
        let dir = scratch();
        let backup = dir.join("chosen.backup");
        remove_vault(&backup);
        std::fs::write(&backup, data).expect("write the input file");
        let restored = dir.join("restored");
        let _ = std::fs::remove_dir_all(&restored);
        std::fs::create_dir(&restored).expect("folder for the restored vault");
        let target = restored.join(VAULT_FILE);
        std::fs::write(&target, PLACEHOLDER).expect("write the placeholder vault");
        if check_backup(&backup, &raw_key()).is_ok() {
            restore_into(&target, &backup);
        }
    }
);
