use crate::support::{now, today, TempVault, PASSPHRASE};
use iag_desk_core::{demo, Error, ErrorKind, Passphrase, Vault, SCHEMA_VERSION};

/// Byte strings that would betray plaintext on disk.
const NAMES_ON_THE_ROSTER: &[&str] = &[
    "Margaret Ellison",
    "Siobhán Ní Bhriain",
    "ਹਰਪ੍ਰੀਤ ਕੌਰ",
    "Fenwold",
    "example.org",
    "CREATE TABLE",
    "SQLite format 3",
];

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn nothing_readable_is_on_disk_in_the_vault_or_its_wal() {
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
    // While the vault is open the new rows sit in the WAL: check it too.
    let files = t.snapshot();
    assert!(
        files.iter().any(|(name, _)| name.ends_with("-wal")),
        "the test must see a WAL file to prove it is encrypted too"
    );
    for (name, bytes) in &files {
        for needle in NAMES_ON_THE_ROSTER {
            assert!(
                !contains(bytes, needle),
                "{needle:?} is readable in {name}: the vault must be encrypted at rest"
            );
        }
    }
    drop(vault);
    for (name, bytes) in t.snapshot() {
        for needle in NAMES_ON_THE_ROSTER {
            assert!(
                !contains(&bytes, needle),
                "{needle:?} readable in {name} after close"
            );
        }
    }
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
    drop(vault);
    let before = t.snapshot();

    let err = Vault::unlock(&t.path, &Passphrase::new("kettle harbour violent")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase(_)), "got {err:?}");
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("does not unlock"), "{err}");

    assert!(
        before == t.snapshot(),
        "a wrong passphrase must leave every file byte-identical"
    );
    // And the right one still works afterwards.
    let vault = t.unlock();
    assert_eq!(vault.status(now()).unwrap().counts.members_total, 62);
}

/// r1: after a crash the WAL still holds recent pages; a wrong passphrase
/// used to checkpoint them into the vault file when its connection closed.
#[test]
fn a_wrong_passphrase_after_a_crash_changes_nothing_and_loses_nothing() {
    let t = TempVault::new();
    let mut vault = t.create();
    demo::load(&mut vault, today()).unwrap();
    // A crash: the process dies without closing the database.
    std::mem::forget(vault);
    let before = t.data_files();
    assert!(
        before
            .iter()
            .any(|(name, bytes)| name.ends_with("-wal") && !bytes.is_empty()),
        "the crash must leave a WAL behind for this test to mean anything"
    );

    let err = Vault::unlock(&t.path, &Passphrase::new("kettle harbour violent")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase(_)), "got {err:?}");
    assert!(
        before == t.data_files(),
        "a wrong passphrase must not checkpoint, truncate or touch any file"
    );
    let vault = t.unlock();
    assert_eq!(
        vault.status(now()).unwrap().counts.members_total,
        62,
        "everything committed before the crash is still there"
    );
}

#[test]
fn a_vault_from_a_newer_version_is_refused_untouched() {
    let t = TempVault::new();
    drop(t.create());
    {
        let conn =
            iag_desk_core::storage::raw_connection_for_tests(&t.path, &Passphrase::new(PASSPHRASE))
                .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        // As the newer release that moved the schema records itself.
        conn.execute(
            "UPDATE settings SET value = '9.4.0' WHERE key = 'schema_written_by'",
            [],
        )
        .unwrap();
    }
    let before = t.snapshot();
    let err = Vault::unlock(&t.path, &Passphrase::new(PASSPHRASE)).unwrap_err();
    match &err {
        Error::VaultTooNew {
            found, supported, ..
        } => {
            assert_eq!(*found, SCHEMA_VERSION + 1);
            assert_eq!(*supported, SCHEMA_VERSION);
        }
        other => panic!("expected VaultTooNew, got {other:?}"),
    }
    // Both versions named: the release that wrote it and this one.
    let message = err.to_string();
    for part in [
        format!("written by IAG Desk 9.4.0 (schema {})", SCHEMA_VERSION + 1),
        format!(
            "this is IAG Desk {}, which reads schemas up to {SCHEMA_VERSION}",
            env!("CARGO_PKG_VERSION")
        ),
        "install IAG Desk 9.4.0 or later".to_string(),
    ] {
        assert!(message.contains(&part), "{part:?} not in: {message}");
    }
    assert!(before == t.snapshot(), "a newer vault must not be modified");
}

#[test]
fn a_new_vault_is_at_the_current_schema() {
    let t = TempVault::new();
    let vault = t.create();
    assert_eq!(vault.schema_version().unwrap(), SCHEMA_VERSION);
    drop(vault);
    assert_eq!(t.unlock().schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let t = TempVault::new();
    drop(t.create());
    let before = t.snapshot();
    let err = Vault::create(&t.path, &Passphrase::new("another passphrase")).unwrap_err();
    assert!(matches!(err, Error::VaultExists(_)), "got {err:?}");
    assert!(
        before == t.snapshot(),
        "an existing vault must never be overwritten"
    );
}

#[test]
fn unlocking_a_missing_vault_says_so_and_creates_nothing() {
    let t = TempVault::new();
    let err = Vault::unlock(&t.path, &Passphrase::new(PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::VaultMissing(_)), "got {err:?}");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(t.snapshot().is_empty(), "no file may appear");
}

#[test]
fn a_file_that_is_not_a_vault_is_refused_unchanged() {
    let t = TempVault::new();
    std::fs::write(&t.path, b"this is a shopping list, not a vault").unwrap();
    let before = t.snapshot();
    let err = Vault::unlock(&t.path, &Passphrase::new(PASSPHRASE)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "got {err:?}");
    assert!(before == t.snapshot());
}

#[test]
fn the_vault_and_its_folder_are_private_to_the_user() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join(iag_desk_core::VAULT_FILE);
        drop(Vault::create(&path, &Passphrase::new(PASSPHRASE)).unwrap());
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "vault readable by its owner only");
        assert_eq!(mode(path.parent().unwrap()), 0o700, "data folder private");
    }
}

mod backup {
    use super::*;
    use crate::support::{now, TempVault, PASSPHRASE};

    #[test]
    fn a_backup_is_an_encrypted_copy_that_opens_with_the_same_passphrase() {
        let t = TempVault::new();
        let mut vault = t.create();
        demo::load(&mut vault, crate::support::today()).unwrap();
        // Reopened, as every day after the first: an unlocked vault is
        // opened without SQLite's create flag, which the backup file must
        // not depend on (the first command-line backup failed on it).
        drop(vault);
        let mut vault = t.unlock();
        let before = vault.status(now()).unwrap().counts;
        assert!(
            iag_desk_core::backup::state(&vault, now()).unwrap().due,
            "none taken yet"
        );

        let to = t.dir.path().join("copy.vault");
        let report = iag_desk_core::backup::backup(&mut vault, &to, now()).unwrap();
        assert!(report.bytes > 10_000);
        let bytes = std::fs::read(&to).unwrap();
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "the backup is encrypted, not a plain database"
        );
        assert!(
            !bytes.windows(5).any(|w| w == b"Zofia"),
            "no name is readable in the backup file"
        );
        let state = iag_desk_core::backup::state(&vault, now()).unwrap();
        assert!(!state.due && state.message.starts_with("Last backup:"));

        let copy = Vault::unlock(&to, &Passphrase::new(PASSPHRASE)).unwrap();
        assert_eq!(
            copy.status(now()).unwrap().counts,
            before,
            "the same records"
        );
        assert_eq!(copy.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(matches!(
            Vault::unlock(&to, &Passphrase::new("not the passphrase")),
            Err(Error::WrongPassphrase(_))
        ));

        // Never over an existing file; nothing half-written left behind.
        let err = iag_desk_core::backup::backup(&mut vault, &to, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        let names: Vec<_> = std::fs::read_dir(t.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");

        // A week later the dashboard reminds.
        let later = now() + chrono::Duration::days(8);
        assert!(iag_desk_core::backup::state(&vault, later).unwrap().due);
    }
}

mod passphrase_and_restore {
    use super::*;
    use crate::support::{now, today, TempVault, PASSPHRASE};
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    const NEW: &str = "lantern orchard meadow";

    /// Every row but the audit trail's, which records the restore itself.
    fn dump(path: &std::path::Path, passphrase: &str) -> Vec<(String, Vec<String>)> {
        crate::support::decrypted_rows(path, passphrase, &["audit_log"])
    }

    #[test]
    fn the_passphrase_changes_and_the_data_stays() {
        let t = TempVault::new();
        let mut vault = t.create();
        demo::load(&mut vault, today()).unwrap();
        let before = vault.status(now()).unwrap().counts;
        let err = vault
            .change_passphrase(
                &Passphrase::new("not it at all"),
                &Passphrase::new(NEW),
                &Passphrase::new(NEW),
                now(),
            )
            .unwrap_err();
        assert!(err
            .to_string()
            .contains("not the vault's current passphrase"));
        assert!(vault
            .change_passphrase(
                &Passphrase::new(PASSPHRASE),
                &Passphrase::new("short"),
                &Passphrase::new("short"),
                now()
            )
            .is_err());
        vault
            .change_passphrase(
                &Passphrase::new(PASSPHRASE),
                &Passphrase::new(NEW),
                &Passphrase::new(NEW),
                now(),
            )
            .unwrap();
        assert_eq!(
            vault.status(now()).unwrap().counts,
            before,
            "still open, same data"
        );
        drop(vault);
        assert!(matches!(
            Vault::unlock(&t.path, &Passphrase::new(PASSPHRASE)),
            Err(Error::WrongPassphrase(_))
        ));
        let v = Vault::unlock(&t.path, &Passphrase::new(NEW)).unwrap();
        assert_eq!(v.status(now()).unwrap().counts, before);
    }

    const VAULT_VAR: &str = "IAG_DESK_REKEY_VAULT";

    /// The child: changes the passphrase back and forth until killed,
    /// printing each completed change.
    #[test]
    #[ignore = "run by an_interrupted_change_leaves_a_vault_that_opens_with_one_of_them"]
    fn child_rekeys_until_killed() {
        let Ok(path) = std::env::var(VAULT_VAR) else {
            return;
        };
        let path = std::path::PathBuf::from(path);
        let (mut from, mut to) = (PASSPHRASE, NEW);
        let mut vault = match Vault::unlock(&path, &Passphrase::new(from)) {
            Ok(v) => v,
            Err(_) => {
                std::mem::swap(&mut from, &mut to);
                Vault::unlock(&path, &Passphrase::new(from)).unwrap()
            }
        };
        for n in 0..10_000 {
            vault
                .change_passphrase(
                    &Passphrase::new(from),
                    &Passphrase::new(to),
                    &Passphrase::new(to),
                    now(),
                )
                .unwrap();
            println!("changed {n}");
            std::mem::swap(&mut from, &mut to);
        }
    }

    #[test]
    fn an_interrupted_change_leaves_a_vault_that_opens_with_one_of_them() {
        let t = TempVault::new();
        let mut vault = t.create();
        demo::load(&mut vault, today()).unwrap();
        let before = vault.status(now()).unwrap().counts;
        drop(vault);
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as usize;
        for round in 0..6 {
            let kill_after = 1 + (seed / (round + 1)) % 4;
            let mut child = Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "vault::passphrase_and_restore::child_rekeys_until_killed",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(VAULT_VAR, &t.path)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let out = BufReader::new(child.stdout.take().unwrap());
            let mut seen = 0;
            for line in out.lines() {
                if line.unwrap().starts_with("changed ") {
                    seen += 1;
                    if seen == kill_after {
                        break;
                    }
                }
            }
            // Killed somewhere inside the next change (or just after one).
            std::thread::sleep(std::time::Duration::from_millis((seed % 97) as u64));
            child.kill().unwrap();
            child.wait().unwrap();
            let opened = Vault::unlock(&t.path, &Passphrase::new(PASSPHRASE))
                .or_else(|_| Vault::unlock(&t.path, &Passphrase::new(NEW)))
                .unwrap_or_else(|e| panic!("round {round}: opens with neither passphrase: {e}"));
            assert_eq!(
                opened.status(now()).unwrap().counts,
                before,
                "round {round}"
            );
        }
    }

    #[test]
    fn a_backup_restores_exactly_and_the_replaced_vault_is_kept() {
        let t = TempVault::new();
        let mut vault = t.create();
        demo::load(&mut vault, today()).unwrap();
        let backup = t.dir.path().join("monday.vault");
        iag_desk_core::backup::backup(&mut vault, &backup, now()).unwrap();
        let saved = dump(&backup, PASSPHRASE);
        demo::remove(&mut vault).unwrap();
        drop(vault);

        let (restored, report) =
            iag_desk_core::backup::restore(&t.path, &backup, &Passphrase::new(PASSPHRASE), now())
                .unwrap();
        assert!(restored.status(now()).unwrap().demo_loaded);
        assert_eq!(
            iag_desk_core::audit::list(&restored, 1).unwrap()[0].action,
            "Vault restored from a backup"
        );
        drop(restored);
        assert_eq!(
            dump(&t.path, PASSPHRASE),
            saved,
            "the data is exactly the backup's"
        );
        let kept = report.previous.expect("the replaced vault is kept");
        assert!(!dump(&kept, PASSPHRASE)
            .iter()
            .any(|(_, cells)| cells.iter().any(|c| c.contains("Zofia"))));
    }

    #[test]
    fn a_corrupt_or_wrongly_opened_backup_is_refused_and_nothing_changes() {
        let t = TempVault::new();
        let mut vault = t.create();
        demo::load(&mut vault, today()).unwrap();
        let backup = t.dir.path().join("b.vault");
        iag_desk_core::backup::backup(&mut vault, &backup, now()).unwrap();
        drop(vault);
        let before = t.data_files();

        let wrong = iag_desk_core::backup::restore(
            &t.path,
            &backup,
            &Passphrase::new("wrong passphrase"),
            now(),
        );
        assert!(wrong
            .unwrap_err()
            .to_string()
            .contains("Nothing was changed"));

        let mut bytes = std::fs::read(&backup).unwrap();
        let len = bytes.len();
        for b in &mut bytes[len / 2..len / 2 + 4096] {
            *b ^= 0x5a;
        }
        let corrupt = t.dir.path().join("corrupt.bin");
        std::fs::write(&corrupt, &bytes).unwrap();
        let err =
            iag_desk_core::backup::restore(&t.path, &corrupt, &Passphrase::new(PASSPHRASE), now())
                .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        let text = t.dir.path().join("notes.txt");
        std::fs::write(&text, "not a vault at all").unwrap();
        assert!(iag_desk_core::backup::restore(
            &t.path,
            &text,
            &Passphrase::new(PASSPHRASE),
            now()
        )
        .is_err());

        // A database with the passphrase, its integrity and a settings table,
        // but none of IAG Desk's other tables (found by the fuzzer): refused
        // before the vault in use is moved, at the schema it claims (1, which
        // the upgrade cannot apply to, and current, whose tables are missing).
        for (name, version) in [("hollow-1.vault", 1), ("hollow-now.vault", SCHEMA_VERSION)] {
            let hollow = t.dir.path().join(name);
            std::fs::copy(&backup, &hollow).unwrap();
            let conn = iag_desk_core::storage::raw_connection_for_tests(
                &hollow,
                &Passphrase::new(PASSPHRASE),
            )
            .unwrap();
            conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
            let tables: Vec<String> = conn
                .prepare(
                    // Virtual tables (the search index) first: each takes
                    // its shadow tables with it.
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'settings'
                      ORDER BY sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
                )
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for table in tables {
                conn.execute_batch(&format!("DROP TABLE IF EXISTS \"{table}\";"))
                    .unwrap();
            }
            conn.pragma_update(None, "user_version", version).unwrap();
            drop(conn);
            let err = iag_desk_core::backup::restore(
                &t.path,
                &hollow,
                &Passphrase::new(PASSPHRASE),
                now(),
            )
            .unwrap_err();
            assert!(
                err.to_string().contains("not a complete IAG Desk vault"),
                "{err}"
            );
            std::fs::remove_file(&hollow).unwrap();
        }

        let mut after = t.data_files();
        after.retain(|(n, _)| !["b.vault", "corrupt.bin", "notes.txt"].contains(&n.as_str()));
        let mut expected = before;
        expected.retain(|(n, _)| n != "b.vault");
        assert_eq!(after, expected, "the vault and its WAL are untouched");
    }
}

mod audit_trail {
    use super::*;
    use crate::support::{now, today, TempVault};
    use iag_desk_core::audit;

    #[test]
    fn the_acts_that_matter_are_recorded_without_confidential_text() {
        let t = TempVault::new();
        let mut vault = t.create();
        demo::load(&mut vault, today()).unwrap();
        // The demo approves three sets of minutes (two of Marlow Fen's, one
        // of the critical group's) and agrees its two soonest agendas.
        let lines = audit::list(&vault, 100).unwrap();
        let count = |action: &str| lines.iter().filter(|l| l.action == action).count();
        assert_eq!(count("Minutes approved"), 3, "{lines:?}");
        assert_eq!(
            count("Agenda agreed"),
            4,
            "chair and police, for two meetings: {lines:?}"
        );
        iag_desk_core::backup::backup(&mut vault, &t.dir.path().join("b.vault"), now()).unwrap();
        let lines = audit::list(&vault, 100).unwrap();
        assert_eq!(lines[0].action, "Backup taken");
        assert_eq!(lines[0].at, "23 November 2026, 12:00");
        // The demo's confidential minutes never reach the trail.
        let all = serde_json::to_string(&lines).unwrap();
        for secret in [
            "Fenside",
            "youth club",
            "prejudiced",
            "Taser",
            "Kingsmead estate",
        ] {
            assert!(!all.contains(secret), "{secret} in the audit trail");
        }
    }
}
