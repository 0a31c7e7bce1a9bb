//! Changing the passphrase and restoring from a backup: both replace the
//! vault file, so both follow one discipline. The new file is written in
//! full beside the vault, forced to disk, and only then renamed over the
//! vault path (an atomic step), so at every instant the path holds a whole
//! vault: the old one (old passphrase) or the new one (new passphrase),
//! never neither, never half of one.

use super::{apply_key, restrict_permissions, Vault, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::passphrase::Passphrase;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The half-written new vault of an interrupted change of passphrase.
pub(crate) fn rekey_file(path: &Path) -> PathBuf {
    sibling(path, ".rekey")
}

fn sync(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io("write", path, e))?;
    if let Some(dir) = path.parent() {
        // The rename itself must be on disk too.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Opens `path` read-only with `passphrase` and proves the key, without
/// writing anything (no checkpoint on close either).
fn probe(path: &Path, passphrase: &Passphrase) -> Result<Connection> {
    let conn = super::open_file(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    apply_key(&conn, passphrase)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            Err(Error::WrongPassphrase(path.to_path_buf()))
        }
        Err(e) => Err(e.into()),
    }
}

impl Vault {
    /// Re-encrypts the vault under a new passphrase. The current passphrase
    /// is asked again, so an unlocked laptop left alone is not enough.
    pub(crate) fn rekey(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
        confirmation: &Passphrase,
    ) -> Result<()> {
        new.check_new(confirmation)?;
        drop(probe(&self.path, current).map_err(|e| match e {
            Error::WrongPassphrase(_) => Error::invalid(
                "Current passphrase",
                "that is not the vault's current passphrase. Nothing was changed.",
            ),
            other => other,
        })?);
        let next = rekey_file(&self.path);
        let _ = std::fs::remove_file(&next);
        let written = self.export_into(&next, Some(new)).and_then(|_| sync(&next));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&next);
            return Err(e);
        }
        // Close the old vault cleanly: its WAL is checkpointed and removed,
        // so nothing of the old file can be replayed into the new one.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| Error::Storage(e))?;
        let wal = sibling(&self.path, "-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            let _ = std::fs::remove_file(&next);
            *self = Vault::unlock(&self.path, current)?;
            return Err(Error::Internal(
                "the vault's write-ahead log could not be emptied; the passphrase is unchanged"
                    .into(),
            ));
        }
        let _ = std::fs::remove_file(&wal);
        let _ = std::fs::remove_file(sibling(&self.path, "-shm"));
        // The one step that switches vaults: atomic on every platform we run on.
        if let Err(e) = std::fs::rename(&next, &self.path) {
            let _ = std::fs::remove_file(&next);
            *self = Vault::unlock(&self.path, current)?;
            return Err(Error::io("replace", self.path.clone(), e));
        }
        sync(&self.path)?;
        *self = Vault::unlock(&self.path, new)?;
        Ok(())
    }
}

/// Checks that `from` is a backup this version can restore, opened with
/// `passphrase`: the key, SQLite's integrity check, a known schema. Writes
/// nothing anywhere.
pub fn check_backup(from: &Path, passphrase: &Passphrase) -> Result<()> {
    if !from.is_file() {
        return Err(Error::invalid(
            "file",
            format!("{} is not a file.", from.display()),
        ));
    }
    let not_a_backup = || {
        Error::invalid(
            "file",
            format!(
                "{} is not an IAG Desk backup that this passphrase opens. Nothing was changed.",
                from.display()
            ),
        )
    };
    let check = probe(from, passphrase).map_err(|e| match e {
        Error::WrongPassphrase(_) => not_a_backup(),
        other => other,
    })?;
    let integrity: String = check
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not_a_backup())?;
    if integrity != "ok" {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is damaged (SQLite's integrity check failed). Nothing was changed.",
                from.display()
            ),
        ));
    }
    let version: i64 = check.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let has_settings: bool = check.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'settings')",
        [],
        |r| r.get(0),
    )?;
    let written_by = has_settings
        .then(|| super::migrations::written_by(&check))
        .flatten();
    drop(check);
    if version > SCHEMA_VERSION {
        return Err(Error::VaultTooNew {
            path: from.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
            written_by,
        });
    }
    if version < 1 || !has_settings {
        return Err(not_a_backup());
    }
    Ok(())
}

/// What a restore did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Restored {
    /// Where the vault that was replaced was kept (None if there was none).
    pub previous: Option<PathBuf>,
}

/// Replaces the (closed) vault at `path` with the backup `from`, opened with
/// `passphrase`. The backup is checked first (the passphrase, SQLite's
/// integrity check, a schema this version understands); nothing is touched
/// unless every check passes, and the replaced vault is kept beside it,
/// named for `now`.
pub(crate) fn replace_with_backup(
    path: &Path,
    from: &Path,
    passphrase: &Passphrase,
    now: chrono::NaiveDateTime,
) -> Result<(Vault, Restored)> {
    check_backup(from, passphrase)?;
    let stamp = now.format("%Y%m%d-%H%M%S").to_string();
    let incoming = sibling(path, ".restoring");
    let remove_incoming = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(sibling(&incoming, suffix));
        }
    };
    remove_incoming();
    std::fs::copy(from, &incoming).map_err(|e| Error::io("copy", from, e))?;
    restrict_permissions(&incoming)?;
    // The copy must open as a vault of this version, upgraded and with the
    // audit trail writable, before the vault in use is moved: a database
    // that passes the checks above but lacks IAG Desk's tables (found by
    // the fuzzer) would otherwise be left in the vault's place.
    let opened = Vault::unlock(&incoming, passphrase).and_then(|v| {
        crate::storage::audit::latest(&v.conn, 1)?;
        // Everything the upgrade wrote into the file itself, so the file
        // alone is moved into place below.
        crate::storage::people::checkpoint_and_truncate_wal(&v.conn)?;
        Ok(v)
    });
    match opened {
        Ok(v) => {
            drop(v);
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(sibling(&incoming, suffix));
            }
        }
        Err(e) => {
            remove_incoming();
            return Err(Error::invalid(
                "backup",
                format!(
                    "{} opens, but is not a complete IAG Desk vault ({}). Nothing was changed.",
                    from.display(),
                    e.detail()
                ),
            ));
        }
    }
    sync(&incoming)?;
    let previous = if path.exists() {
        let kept = sibling(path, &format!(".before-restore-{stamp}"));
        std::fs::rename(path, &kept).map_err(|e| Error::io("keep", path, e))?;
        for suffix in ["-wal", "-shm"] {
            let side = sibling(path, suffix);
            if side.exists() {
                let _ = std::fs::rename(&side, sibling(&kept, suffix));
            }
        }
        Some(kept)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&incoming, path) {
        if let Some(kept) = &previous {
            let _ = std::fs::rename(kept, path);
        }
        let _ = std::fs::remove_file(&incoming);
        return Err(Error::io("replace", path, e));
    }
    sync(path)?;
    let vault = Vault::unlock(path, passphrase)?;
    Ok((vault, Restored { previous }))
}
