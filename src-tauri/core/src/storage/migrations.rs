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
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    apply_list(conn, MIGRATIONS)
}

/// All pending migrations in one transaction: either the vault moves to the
/// newest schema or it stays exactly as it was.
fn apply_list(conn: &mut Connection, migrations: &[(i64, &str)]) -> Result<()> {
    let tx = conn.transaction()?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (version, sql) in migrations.iter().filter(|(v, _)| *v > current) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
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
