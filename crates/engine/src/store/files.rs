//! The `files`, `file_blobs` and `file_sheets` tables: which delivered files the case
//! holds, their bytes, and what the importer made of each sheet.

use std::io::{Read, Write};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, MAIN_DB};

use crate::error::Result;

/// A new `files` row, before its counts are known.
pub struct NewFile<'a> {
    pub sha256: &'a str,
    pub name: &'a str,
    pub size: u64,
    pub format: &'a str,
    pub imported_at: &'a str,
    pub imported_by: &'a str,
    pub duplicate_of: Option<i64>,
}

/// Counts and findings written once a file is done.
pub struct FileOutcome<'a> {
    pub kind: Option<&'a str>,
    pub list_name: Option<&'a str>,
    pub encoding: Option<&'a str>,
    pub imported: u64,
    pub rejected: u64,
    pub duplicate: u64,
    pub skipped: u64,
}

/// One sheet's findings.
pub struct SheetRow<'a> {
    pub sheet: &'a str,
    pub kind: Option<&'a str>,
    pub header_row: Option<u32>,
    pub mapping: Option<&'a str>,
    pub imported: u64,
    pub rejected: u64,
    pub duplicate: u64,
    pub skipped: u64,
    pub note: Option<&'a str>,
}

/// The earliest non-duplicate file with these bytes: its id and name.
pub fn find_by_sha(conn: &Connection, sha256: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, name FROM files WHERE sha256 = ?1 AND duplicate_of IS NULL ORDER BY id LIMIT 1",
            [sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, file: &NewFile<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO files (sha256, name, size, format, imported_at, imported_by, duplicate_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            file.sha256,
            file.name,
            file.size as i64,
            file.format,
            file.imported_at,
            file.imported_by,
            file.duplicate_of
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn finish(conn: &Connection, file_id: i64, outcome: &FileOutcome<'_>) -> Result<()> {
    conn.execute(
        "UPDATE files SET kind = ?2, list_name = ?3, encoding = ?4, rows_imported = ?5,
                rows_rejected = ?6, rows_duplicate = ?7, rows_skipped = ?8 WHERE id = ?1",
        params![
            file_id,
            outcome.kind,
            outcome.list_name,
            outcome.encoding,
            outcome.imported as i64,
            outcome.rejected as i64,
            outcome.duplicate as i64,
            outcome.skipped as i64
        ],
    )?;
    Ok(())
}

pub fn insert_sheet(conn: &Connection, file_id: i64, sheet: &SheetRow<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO file_sheets (file_id, sheet, kind, header_row, mapping, rows_imported,
                rows_rejected, rows_duplicate, rows_skipped, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            file_id,
            sheet.sheet,
            sheet.kind,
            sheet.header_row,
            sheet.mapping,
            sheet.imported as i64,
            sheet.rejected as i64,
            sheet.duplicate as i64,
            sheet.skipped as i64,
            sheet.note
        ],
    )?;
    Ok(())
}

/// Copies the delivered file's bytes into the case in chunks, so memory stays flat
/// however large the file; returns the bytes written.
pub fn store_blob(
    conn: &Connection,
    sha256: &str,
    source: &Path,
    size: u64,
    mut on_chunk: impl FnMut(u64),
) -> Result<u64> {
    conn.execute(
        "INSERT INTO file_blobs (sha256, content) VALUES (?1, zeroblob(?2))",
        params![sha256, size as i64],
    )?;
    let rowid = conn.last_insert_rowid();
    let mut blob = conn.blob_open(MAIN_DB, c"file_blobs", c"content", rowid, false)?;
    let mut file = std::fs::File::open(source)?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut written = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        // A file that grew since it was hashed would overflow the blob: stop at its size.
        let take = n.min((size - written) as usize);
        blob.write_all(&buffer[..take])?;
        written += take as u64;
        on_chunk(written);
        if written == size {
            break;
        }
    }
    Ok(written)
}

/// Writes a stored file's bytes back out, exactly as delivered.
pub fn export_blob(conn: &Connection, sha256: &str, out: &mut dyn Write) -> Result<u64> {
    let rowid: i64 = conn.query_row(
        "SELECT rowid FROM file_blobs WHERE sha256 = ?1",
        [sha256],
        |r| r.get(0),
    )?;
    let mut blob = conn.blob_open(MAIN_DB, c"file_blobs", c"content", rowid, true)?;
    Ok(std::io::copy(&mut blob, out)?)
}
