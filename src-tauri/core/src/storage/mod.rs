//! The vault: one SQLite file encrypted at rest with SQLCipher, and all the
//! SQL of IAG Desk (domain modules never write SQL).
//!
//! Invariants:
//! - nothing readable is ever on disk: the database, its WAL and its temp
//!   storage are encrypted or kept in memory;
//! - opening with a wrong passphrase, or a vault from a newer version, writes
//!   nothing: the file stays byte-identical;
//! - migrations are applied in one transaction, forward-only, and the schema
//!   version lives in `PRAGMA user_version`.

pub(crate) mod audit;
pub(crate) mod data_protection;
pub(crate) mod escalations;
pub(crate) mod incidents;
pub(crate) mod meetings;
mod migrations;
pub(crate) use rekey::replace_with_backup;
pub use rekey::{check_backup, Restored};
pub(crate) mod minutes;
pub(crate) mod people;
mod rekey;
pub(crate) mod roster;
pub(crate) mod search;
pub(crate) mod texts;

use crate::error::{Error, Result};
use crate::passphrase::Passphrase;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use migrations::{APP_VERSION, SCHEMA_VERSION};

/// The vault's file name inside the data folder.
pub const VAULT_FILE: &str = "iag-desk.vault";

/// An unlocked vault. Dropping it closes the database; the key lives only
/// inside SQLCipher's connection and goes with it.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("path", &self.path).finish()
    }
}

/// The figures `status` reports and the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaultCounts {
    pub groups_active: u32,
    pub groups_stood_down: u32,
    pub members_active: u32,
    pub members_total: u32,
    pub police_contacts: u32,
    pub meetings_held: u32,
    pub meetings_upcoming: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct VaultStatus {
    pub path: PathBuf,
    /// This release of IAG Desk (the packages' version).
    pub app_version: &'static str,
    pub schema_version: i64,
    pub demo_loaded: bool,
    pub counts: VaultCounts,
}

impl Vault {
    /// Creates a new encrypted vault at `path`. Refuses to overwrite anything.
    pub fn create(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        Self::create_with_key(path, Some(passphrase))
    }

    /// A vault with no encryption at all, so a test can read the file's bytes
    /// and prove that erased data is physically gone. Never used by the app.
    #[doc(hidden)]
    pub fn create_unencrypted_for_tests(path: &Path) -> Result<Vault> {
        Self::create_with_key(path, None)
    }

    fn create_with_key(path: &Path, passphrase: Option<&Passphrase>) -> Result<Vault> {
        if path.exists() {
            return Err(Error::VaultExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        let result = (|| {
            let conn = open_file(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            )?;
            if let Some(passphrase) = passphrase {
                apply_key(&conn, passphrase)?;
            }
            let mut vault = Vault {
                conn,
                path: path.to_path_buf(),
            };
            vault.configure()?;
            migrations::apply(&mut vault.conn)?;
            restrict_permissions(path)?;
            Ok(vault)
        })();
        if result.is_err() {
            // A half-made vault would later refuse every passphrase: take it away.
            remove_vault_files(path);
        }
        result
    }

    /// Opens an existing vault. A wrong passphrase or a newer schema is
    /// refused before anything is written.
    pub fn unlock(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        if !path.is_file() {
            return Err(Error::VaultMissing(path.to_path_buf()));
        }
        // Without SQLITE_OPEN_CREATE a vanished file is an error, not a new vault.
        let conn = open_file(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        // Closing the last connection normally checkpoints the WAL into the
        // main file. After a crash the WAL still holds the latest pages, and a
        // connection with the wrong key would "checkpoint" them on drop and
        // change the vault. Off until the key is proven.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        apply_key(&conn, passphrase)?;
        // The first read proves the key: SQLCipher checks the page HMAC.
        let probe: rusqlite::Result<i64> =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0));
        match probe {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(Error::WrongPassphrase(path.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        }
        // The key is proven: closing may checkpoint again, as it always should.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        // Left by a change of passphrase interrupted before its final step:
        // the vault here is the old one, whole; the half-made copy goes.
        let _ = std::fs::remove_file(rekey::rekey_file(path));
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(Error::VaultTooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
                written_by: migrations::written_by(&conn),
            });
        }
        let mut vault = Vault {
            conn,
            path: path.to_path_buf(),
        };
        vault.configure()?;
        migrations::apply(&mut vault.conn)?;
        Ok(vault)
    }

    /// Per-connection settings (never in migrations: they are not stored).
    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Each commit is on disk before the call returns (minutes autosave
        // relies on it): a power cut loses nothing that was acknowledged.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // Sorting and temp tables stay in memory: no temp file on disk at all.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Deleted content is overwritten, not merely unlinked: withdrawn
        // representation answers and erased people must be gone from the file.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        // Every page read from disk is decrypted; a cache big enough for a
        // large roster (32 MB) decrypts each page once, not on every search.
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Writes the whole vault, with its schema version, into the new file
    /// `file`, encrypted with `key`, or with the open vault's own key when
    /// None (SQLCipher gives an attached file without a KEY clause the main
    /// database's key). The file is made here, private to the user: the
    /// vault is opened without SQLite's create flag (so a mistyped path is
    /// never a new empty vault), and an attached file inherits that.
    pub(crate) fn export_into(&self, file: &Path, key: Option<&Passphrase>) -> Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(file)
            .map_err(|e| Error::io("create", file, e))?;
        let name = file.to_string_lossy();
        match key {
            Some(k) => self.conn.execute(
                "ATTACH DATABASE ?1 AS copy KEY ?2",
                [name.as_ref(), k.expose()],
            )?,
            None => self
                .conn
                .execute("ATTACH DATABASE ?1 AS copy", [name.as_ref()])?,
        };
        let exported = self
            .conn
            .query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))
            .and_then(|_| {
                let version: i64 = self
                    .conn
                    .pragma_query_value(None, "user_version", |r| r.get(0))?;
                self.conn
                    .pragma_update(Some("copy"), "user_version", version)
            });
        self.conn.execute("DETACH DATABASE copy", [])?;
        Ok(exported?)
    }

    /// Writes a complete, encrypted copy of the open vault to `to` (with the
    /// same key and schema version), via a temporary file renamed into place.
    /// Returns the copy's size in bytes.
    pub(crate) fn export_copy(&self, to: &Path) -> Result<u64> {
        let file_name = to
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into());
        let partial = to.with_file_name(format!(".{file_name}.partial"));
        let _ = std::fs::remove_file(&partial);
        let result = (|| {
            self.export_into(&partial, None)?;
            std::fs::rename(&partial, to).map_err(|e| Error::io("write", to, e))?;
            std::fs::metadata(to)
                .map(|m| m.len())
                .map_err(|e| Error::io("read", to, e))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        setting_in(&self.conn, key)
    }

    /// Path, schema and the figures, as `iag-desk status` prints them.
    pub fn status(&self, now: chrono::NaiveDateTime) -> Result<VaultStatus> {
        Ok(VaultStatus {
            path: self.path.clone(),
            app_version: APP_VERSION,
            schema_version: self.schema_version()?,
            demo_loaded: roster::has_demo_rows(&self.conn)?,
            counts: roster::counts(&self.conn, now)?,
        })
    }
}

/// Every connection to a vault file is opened here.
///
/// SQLite marks itself initialised before SQLCipher has finished its own
/// start-up, outside any lock (`sqlite3_initialize` runs `SQLITE_EXTRA_INIT`
/// last). A second thread opening its first connection in that moment gets
/// "An error occurred with PRAGMA key" for a perfectly good key. So the very
/// first connection in the process is opened by one thread while the others
/// wait, and SQLite's start-up is whole before any vault is keyed.
fn open_file(path: &Path, flags: OpenFlags) -> Result<Connection> {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // Only the start-up matters; a failure here shows again, with its
        // reason, when the vault itself is opened just below.
        let _ = Connection::open_in_memory();
    });
    Ok(Connection::open_with_flags(path, flags)?)
}

fn apply_key(conn: &Connection, passphrase: &Passphrase) -> Result<()> {
    // SQLCipher otherwise writes "hmac check failed" to stderr on a wrong key;
    // the caller gives the person a better message. Older builds lack it.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.pragma_update(None, "key", passphrase.expose())?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io("create the data folder", dir, e))
}

fn restrict_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io("protect", path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn remove_vault_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Opens a vault file with SQLCipher but without a key check or migrations.
/// Only for tests that must prepare unusual vaults (a newer schema, say).
#[doc(hidden)]
pub fn raw_connection_for_tests(path: &Path, passphrase: &Passphrase) -> Result<Connection> {
    let conn = open_file(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    apply_key(&conn, passphrase)?;
    // A write to an indexed table fires the search index's triggers.
    search::register_functions(&conn)?;
    Ok(conn)
}

pub(crate) fn setting_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(crate) fn set_setting_in(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub(crate) fn delete_setting_in(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}
