//! Numbered, embedded, forward-only schema migrations.
//!
//! Never edit a migration once it has landed: users' vaults already ran it.
//! Add a new file and a new line below instead.

use crate::error::Result;
use rusqlite::Connection;

/// (version, SQL). Versions are 1, 2, 3… in order.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/0001_roster.sql")),
    (2, include_str!("../../migrations/0002_roster_details.sql")),
    (3, include_str!("../../migrations/0003_agendas.sql")),
    (4, include_str!("../../migrations/0004_minutes.sql")),
    (5, include_str!("../../migrations/0005_document_texts.sql")),
    (6, include_str!("../../migrations/0006_incidents.sql")),
    (7, include_str!("../../migrations/0007_audit.sql")),
    (8, include_str!("../../migrations/0008_register.sql")),
    (
        9,
        include_str!("../../migrations/0009_public_attendance.sql"),
    ),
    (
        10,
        include_str!("../../migrations/0010_group_record_rules.sql"),
    ),
    (11, include_str!("../../migrations/0011_papers_out.sql")),
    (12, include_str!("../../migrations/0012_search_index.sql")),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// This release of IAG Desk (the workspace version: package, `--version`
/// and Settings show the same).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The settings key naming the release that last moved the schema.
pub(super) const SCHEMA_WRITTEN_BY: &str = "schema_written_by";

/// The release that moved a too-new vault to its schema, as it recorded
/// itself; None when it did not say (or says this release, which cannot
/// have written a schema it does not know: a build from between releases).
/// Best effort: a newer schema may keep its settings elsewhere.
pub(super) fn written_by(conn: &Connection) -> Option<String> {
    super::setting_in(conn, SCHEMA_WRITTEN_BY)
        .ok()
        .flatten()
        .filter(|v| v != APP_VERSION)
}

pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    // The search index's views and triggers call Rust functions: every
    // connection that opens a vault comes through here first.
    super::search::register_functions(conn)?;
    apply_list(conn, MIGRATIONS)
}

/// All pending migrations in one transaction: either the vault moves to the
/// newest schema or it stays exactly as it was.
fn apply_list(conn: &mut Connection, migrations: &[(i64, &str)]) -> Result<()> {
    let tx = conn.transaction()?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut moved = false;
    for (version, sql) in migrations.iter().filter(|(v, _)| *v > current) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        moved = true;
    }
    if moved {
        // Which release moved the schema, so an older IAG Desk that finds
        // this vault too new can name the version to install. Written only
        // when the schema moves: opening a vault writes nothing.
        super::set_setting_in(&tx, SCHEMA_WRITTEN_BY, APP_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    /// SHA-256 of each migration as it landed. Users' vaults have already
    /// run these: the text may never change again (0004 and 0006 were
    /// edited after landing; these are their texts of 6 December 2026, the
    /// baseline). A new migration adds its line here when it lands.
    const LANDED: &[(i64, &str)] = &[
        (
            1,
            "3f794d90ba140f1e4b7060c17bc257920f1ae3da2f2c2414ce7204d05d327758",
        ),
        (
            2,
            "843a823a418b9997ff82fbe7150a35e0f4e40a305fffd129a983b0e6ef2663f7",
        ),
        (
            3,
            "e225f5a66413d967c8db53916832e13518113b94cde948bc2b2939f246e701e1",
        ),
        (
            4,
            "c3550de8b05fcd7ee5330984c6bde3997df8dc5847d36d56ea740cc1881cd8d5",
        ),
        (
            5,
            "bd70fa59f6879d5b9f8f9dd27a5649c33a586b5f7a1109f7831f994b996dff61",
        ),
        (
            6,
            "fe965c457d537ff1fba98bcef6eb02fa58f1ca603ac2c480b371a4a24716847c",
        ),
        (
            7,
            "b5c67a333f69d01ea6fb7498fa9680d7e24575488b775195c1d6eb2a05bba398",
        ),
        (
            8,
            "a910e0ae55758262a7cf9fff395032a2e39cc559511b8e469d280135cb445922",
        ),
        (
            9,
            "f7de84af88c146b0900c41c5e23a08f12a875079f05b5612d325623e4e8bd1bc",
        ),
        (
            10,
            "19e44ddf8f92b6aa4731fd9e536537521775a8ae3ad0df66f08a26b5918407e4",
        ),
        (
            11,
            "fcae57504a4d7c56969aea0f4ef345f2b67dc881abc47babb9afd4204ba6818f",
        ),
        (
            12,
            "b67c5cdebddef2f6c7f6cb1b59a58b3094cd90f0a4afce02c6d2a5383bbdc9cb",
        ),
    ];

    #[test]
    fn landed_migrations_are_frozen() {
        use sha2::{Digest, Sha256};
        for (version, sql) in MIGRATIONS {
            let hash: String = Sha256::digest(sql.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            match LANDED.iter().find(|(v, _)| v == version) {
                Some((_, landed)) => assert_eq!(
                    &hash,
                    landed,
                    "migration {version:04} has changed since it landed. Vaults in use \
                     already ran the old text, so the change would never reach them: put the \
                     file back as it was and add the change as a new migration \
                     ({:04}_….sql)",
                    MIGRATIONS.len() + 1
                ),
                None => panic!(
                    "migration {version:04} is not in LANDED: once it lands, add \
                     ({version}, \"{hash}\") there, so it can never be edited again"
                ),
            }
        }
    }

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v, i as i64 + 1, "migration versions must be 1, 2, 3…");
        }
    }

    #[test]
    fn a_failing_migration_leaves_the_schema_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        let broken: &[(i64, &str)] = &[
            (1, "CREATE TABLE a (x INTEGER);"),
            (2, "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"),
        ];
        let err = apply_list(&mut conn, broken).unwrap_err();
        assert!(matches!(err, Error::Storage(_)));
        assert_eq!(version(&conn), 0, "no migration may half-apply");
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0, "table `a` must be rolled back with `b`");
    }

    #[test]
    fn applying_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        apply(&mut conn).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
    }
}
