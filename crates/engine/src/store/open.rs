//! Opening a case file: the SQLCipher key first, then a read that proves the key,
//! then the pragmas that keep plaintext off the disk, then the migrations.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::Passphrase;
use crate::error::{Error, Result};

/// Migrations in order; entry `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_entities.sql"),
    include_str!("migrations/0003_alerts.sql"),
    include_str!("migrations/0004_list_row_index.sql"),
    include_str!("migrations/0005_transfers.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Creates a new encrypted case file; fails if the path exists.
pub fn create(path: &Path, passphrase: &Passphrase) -> Result<Connection> {
    if path.exists() {
        return Err(Error::CaseExists(path.to_path_buf()));
    }
    if passphrase.is_empty() {
        return Err(Error::EmptyPassphrase);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    initialise_sqlcipher_once();
    #[allow(clippy::disallowed_methods)] // this is the one place that keys a new file
    let conn = Connection::open_with_flags(path, flags)?;
    let conn = unlock(conn, path, passphrase)?;
    migrate(&conn)?;
    Ok(conn)
}

/// Opens an existing case file and brings its schema up to date.
pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::CaseNotFound(path.to_path_buf()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    initialise_sqlcipher_once();
    #[allow(clippy::disallowed_methods)] // this is the one place that keys an existing file
    let conn = Connection::open_with_flags(path, flags)?;
    let conn = unlock(conn, path, passphrase)?;
    migrate(&conn)?;
    Ok(conn)
}

/// An encrypted in-memory case for unit tests.
#[cfg(test)]
pub(crate) fn open_in_memory() -> Connection {
    initialise_sqlcipher_once();
    #[allow(clippy::disallowed_methods)] // keyed and migrated right below
    let conn = Connection::open_in_memory().expect("in-memory database");
    let conn = unlock(conn, Path::new(":memory:"), &Passphrase::new("test")).expect("key");
    migrate(&conn).expect("migrations");
    conn
}

/// SQLite marks itself initialised before it runs SQLCipher's own set-up
/// (`sqlcipher_extra_init`), so a second thread opening its first connection in that window
/// finds SQLCipher not ready and `PRAGMA key` fails. One connection opened to completion
/// before any other closes the window for the whole process.
fn initialise_sqlcipher_once() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        #[allow(clippy::disallowed_methods)] // holds no data; only runs SQLite's set-up
        let probe = Connection::open_in_memory();
        drop(probe);
    });
}

fn unlock(conn: Connection, path: &Path, passphrase: &Passphrase) -> Result<Connection> {
    // Wrong keys make SQLCipher log "hmac check failed" to stderr; users get our message instead.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    // The key must be the first statement that touches the file.
    conn.pragma_update(None, "key", passphrase.expose())?;
    let readable: rusqlite::Result<i64> =
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0));
    if readable.is_err() {
        return Err(Error::WrongPassphraseOrNotCase(path.to_path_buf()));
    }
    // Sorts and temporary tables stay in memory: SQLCipher does not encrypt temp files it
    // spills for them when temp_store allows files.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // WAL pages are encrypted by SQLCipher like the main file; the -shm index holds no data.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(conn)
}

fn migrate(conn: &Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        // All or nothing: a migration and its version bump commit together.
        let batch = format!(
            "BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {};\nCOMMIT;",
            index + 1
        );
        if let Err(err) = conn.execute_batch(&batch) {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(err.into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_passphrase_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.mjcase");
        drop(create(&path, &Passphrase::new("right")).unwrap());
        let err = open(&path, &Passphrase::new("wrong")).unwrap_err();
        assert_eq!(err.kind(), "wrong_passphrase");
        assert!(err.to_string().starts_with("口令错误或文件不是明镜案件"));
        assert!(open(&path, &Passphrase::new("right")).is_ok());
    }

    #[test]
    fn a_file_that_is_not_a_case_is_refused_like_a_wrong_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "just some text, not a database at all").unwrap();
        let err = open(&path, &Passphrase::new("x")).unwrap_err();
        assert_eq!(err.kind(), "wrong_passphrase");
    }

    #[test]
    fn create_refuses_an_existing_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.mjcase");
        drop(create(&path, &Passphrase::new("p")).unwrap());
        let err = create(&path, &Passphrase::new("p")).unwrap_err();
        assert_eq!(err.kind(), "case_exists");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.mjcase");
        let conn = create(&path, &Passphrase::new("p")).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = open(&path, &Passphrase::new("p")).unwrap_err();
        assert_eq!(err.kind(), "newer_schema");
    }

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A case written by the previous version (schema 3: no index on list rows' identifiers)
    /// opens, gains the index and keeps its rows.
    #[test]
    fn a_case_of_the_previous_schema_is_brought_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.mjcase");
        let pass = Passphrase::new("right");
        let conn = create(&path, &pass).unwrap();
        conn.execute_batch(
            "DROP TABLE transfers; DROP INDEX list_identifiers_row; PRAGMA user_version = 3;",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, detail, prev_hash, hash)
             VALUES ('t', 'a', 'kept', '{}', '', 'h')",
            [],
        )
        .unwrap();
        drop(conn);
        let conn = open(&path, &pass).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        let index = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'list_identifiers_row'";
        assert_eq!(count(&conn, index), 1);
        assert_eq!(
            count(
                &conn,
                "SELECT count(*) FROM audit_log WHERE action = 'kept'"
            ),
            1
        );
    }

    /// A case resolved by schema 4 has entities but no `transfers`: it gains the table
    /// and is marked for a rebuild, so its graph does not come up without transfers. A
    /// case without entities is not.
    #[test]
    fn a_resolved_case_of_schema_4_is_marked_for_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("p");
        for (name, resolved) in [("resolved.mjcase", true), ("empty.mjcase", false)] {
            let path = dir.path().join(name);
            let conn = create(&path, &pass).unwrap();
            assert!(!crate::store::derived::is_stale(&conn).unwrap());
            conn.execute_batch("DROP TABLE transfers; PRAGMA user_version = 4;")
                .unwrap();
            if resolved {
                conn.execute(
                    "INSERT INTO entities (id, type, key, name, valid) VALUES (1, 'account', '6222', NULL, 1)",
                    [],
                )
                .unwrap();
            }
            drop(conn);
            let conn = open(&path, &pass).unwrap();
            assert_eq!(version(&conn), SCHEMA_VERSION);
            assert_eq!(count(&conn, "SELECT count(*) FROM transfers"), 0);
            assert_eq!(
                crate::store::derived::is_stale(&conn).unwrap(),
                resolved,
                "{name}"
            );
        }
    }

    #[test]
    fn the_file_on_disk_is_not_plain_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.mjcase");
        drop(create(&path, &Passphrase::new("p")).unwrap());
        let head = std::fs::read(&path).unwrap();
        assert!(head.len() >= 16);
        assert_ne!(&head[..16], b"SQLite format 3\0");
    }

    #[test]
    fn the_schema_has_a_table_for_every_kind_with_its_columns() {
        let conn = open_in_memory();
        for kind in crate::kinds::Kind::ALL {
            if kind == crate::kinds::Kind::List {
                continue;
            }
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    kind.code()
                ))
                .unwrap();
            let have: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let mut want = vec!["id", "file_id", "sheet", "row_no"]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
            want.extend(kind.columns().into_iter().map(|c| c.name));
            want.extend(["fp".to_string(), "extra".to_string()]);
            assert_eq!(have, want, "{kind}");
        }
    }
}
