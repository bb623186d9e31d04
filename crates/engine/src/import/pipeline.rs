//! One delivered file, start to finish: hash it, recognise a file imported before, keep
//! its bytes in the case, read its rows on a second thread while this one normalises
//! and stores them, sheet by sheet. The caller wraps all of it in one transaction, so a
//! crash or a cancel leaves the case as it was before the file.

use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::mapping::Mapping;
use super::read::{detect_format, read_file};
use super::sheet::{SheetContext, SheetImport, SheetReport};
use super::source::{RawRow, RowSink};
use crate::error::{Error, Result};
use crate::kinds::Kind;
use crate::progress::{CancelFlag, Progress, ProgressEvent};
use crate::store::files::{self, FileOutcome, NewFile, SheetRow};

/// What the caller chose for this import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The kind of every sheet; detected from the headers when `None`.
    pub kind: Option<Kind>,
    /// A saved header mapping for headers the aliases do not know.
    pub mapping: Option<Mapping>,
    /// The name for sheets imported as a list; the file name when `None`.
    pub list_name: Option<String>,
}

/// What importing one file did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    pub file_id: i64,
    pub name: String,
    pub sha256: String,
    pub size: u64,
    pub format: String,
    pub encoding: Option<String>,
    pub sheets: Vec<SheetReport>,
    pub imported: u64,
    pub rejected: u64,
    pub duplicate_rows: u64,
    pub skipped: u64,
    /// Set when these exact bytes were imported before: that file's id and name.
    pub duplicate_of: Option<(i64, String)>,
}

impl FileReport {
    /// The file's kind: its sheets' kind when they agree, `mixed` otherwise.
    pub fn kind_code(&self) -> Option<String> {
        let mut kinds: Vec<Kind> = self.sheets.iter().filter_map(|s| s.kind).collect();
        kinds.dedup();
        match kinds.as_slice() {
            [] => None,
            [one] => Some(one.code().to_string()),
            _ => Some("mixed".to_string()),
        }
    }
}

/// Who and when, for the file's row.
pub struct Stamp<'a> {
    pub at: &'a str,
    pub actor: &'a str,
}

/// Imports one file inside the caller's open transaction.
pub fn import_file(
    conn: &Connection,
    path: &Path,
    options: &ImportOptions,
    stamp: &Stamp<'_>,
    progress: &mut dyn Progress,
    cancel: &CancelFlag,
) -> Result<FileReport> {
    let name = file_name(path);
    let unreadable = |reason: String| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    let sha256 = hash_file(path, size, &name, progress, cancel)?;
    let mut report = FileReport {
        name: name.clone(),
        sha256: sha256.clone(),
        size,
        ..FileReport::default()
    };
    let earlier = files::find_by_sha(conn, &sha256)?;
    let format = detect_format(path)?;
    report.format = format.code().to_string();
    let new_file = NewFile {
        sha256: &sha256,
        name: &name,
        size,
        format: format.code(),
        imported_at: stamp.at,
        imported_by: stamp.actor,
        duplicate_of: earlier.as_ref().map(|(id, _)| *id),
    };
    report.file_id = files::insert(conn, &new_file)?;
    if earlier.is_some() {
        report.duplicate_of = earlier;
        return Ok(report);
    }
    files::store_blob(conn, &sha256, path, size, |done| {
        progress.report(ProgressEvent {
            stage: "store-file",
            subject: &name,
            done,
            total: Some(size),
        })
    })?;
    let list_name = options
        .list_name
        .clone()
        .unwrap_or_else(|| file_stem(&name));
    let ctx = SheetContext {
        file_id: report.file_id,
        forced_kind: options.kind,
        mapping: options.mapping.as_ref(),
        list_name: &list_name,
    };
    let encoding = read_rows(
        conn,
        path,
        format,
        &ctx,
        &name,
        &mut report,
        progress,
        cancel,
    )?;
    report.encoding = encoding;
    finish(conn, &mut report, path)?;
    Ok(report)
}

/// Reads on a second thread; this thread takes sheets and rows as they come.
#[allow(clippy::too_many_arguments)]
fn read_rows(
    conn: &Connection,
    path: &Path,
    format: super::source::Format,
    ctx: &SheetContext<'_>,
    name: &str,
    report: &mut FileReport,
    progress: &mut dyn Progress,
    cancel: &CancelFlag,
) -> Result<Option<String>> {
    let (sender, receiver) = sync_channel::<Event>(16);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut sink = ChannelSink {
                sender,
                batch: Vec::with_capacity(BATCH),
            };
            read_file(path, format, &mut sink)
        });
        let consumed = consume(conn, ctx, name, receiver, report, progress, cancel);
        // The receiver is gone now, so a reader still sending stops with an error we ignore
        // in favour of the consumer's own.
        let read = reader.join().map_err(|_| Error::Unreadable {
            path: path.to_path_buf(),
            reason: "读取线程异常退出 / the reader stopped unexpectedly".to_string(),
        })?;
        consumed?;
        Ok(read?.encoding)
    })
}

const BATCH: usize = 2048;

enum Event {
    Begin(String),
    Rows(Vec<RawRow>),
    End,
}

struct ChannelSink {
    sender: SyncSender<Event>,
    batch: Vec<RawRow>,
}

impl ChannelSink {
    fn send(&self, event: Event) -> Result<()> {
        // A closed channel means the consumer stopped (error or cancel): stop reading.
        self.sender.send(event).map_err(|_| Error::Cancelled)
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.send(Event::Rows(rows))
    }
}

impl RowSink for ChannelSink {
    fn begin_sheet(&mut self, name: &str) -> Result<()> {
        self.send(Event::Begin(name.to_string()))
    }

    fn row(&mut self, row: RawRow) -> Result<()> {
        self.batch.push(row);
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn end_sheet(&mut self) -> Result<()> {
        self.flush()?;
        self.send(Event::End)
    }
}

fn consume(
    conn: &Connection,
    ctx: &SheetContext<'_>,
    name: &str,
    receiver: Receiver<Event>,
    report: &mut FileReport,
    progress: &mut dyn Progress,
    cancel: &CancelFlag,
) -> Result<()> {
    let mut current: Option<SheetImport<'_>> = None;
    let mut rows_seen = 0u64;
    for event in receiver {
        cancel.check()?;
        match event {
            Event::Begin(sheet) => current = Some(SheetImport::new(conn, &sheet)),
            Event::Rows(rows) => {
                let Some(sheet) = current.as_mut() else {
                    continue;
                };
                rows_seen += rows.len() as u64;
                for row in rows {
                    sheet.push(ctx, row)?;
                }
                progress.report(ProgressEvent {
                    stage: "read",
                    subject: name,
                    done: rows_seen,
                    total: None,
                });
            }
            Event::End => {
                if let Some(sheet) = current.take() {
                    report.sheets.push(sheet.finish(ctx)?);
                }
            }
        }
    }
    Ok(())
}

fn finish(conn: &Connection, report: &mut FileReport, path: &Path) -> Result<()> {
    for sheet in &report.sheets {
        report.imported += sheet.imported;
        report.rejected += sheet.rejected;
        report.duplicate_rows += sheet.duplicate;
        report.skipped += sheet.skipped;
    }
    if report.imported + report.duplicate_rows == 0 && report.rejected > 0 {
        let notes: Vec<String> = report
            .sheets
            .iter()
            .filter_map(|s| s.note.clone())
            .collect();
        return Err(Error::UnknownKind {
            path: path.to_path_buf(),
            reason: if notes.is_empty() {
                "没有一行可以读取 / not one row could be read".to_string()
            } else {
                notes.join("; ")
            },
        });
    }
    for sheet in &report.sheets {
        let mapping = serde_json::to_string(&sheet.mapping).ok();
        files::insert_sheet(
            conn,
            report.file_id,
            &SheetRow {
                sheet: &sheet.sheet,
                kind: sheet.kind.map(|k| k.code()),
                header_row: sheet.header_row,
                mapping: mapping.as_deref(),
                imported: sheet.imported,
                rejected: sheet.rejected,
                duplicate: sheet.duplicate,
                skipped: sheet.skipped,
                note: sheet.note.as_deref(),
            },
        )?;
    }
    let kind = report.kind_code();
    let list_name = report.sheets.iter().find_map(|s| s.list_name.clone());
    files::finish(
        conn,
        report.file_id,
        &FileOutcome {
            kind: kind.as_deref(),
            list_name: list_name.as_deref(),
            encoding: report.encoding.as_deref(),
            imported: report.imported,
            rejected: report.rejected,
            duplicate: report.duplicate_rows,
            skipped: report.skipped,
        },
    )
}

fn hash_file(
    path: &Path,
    size: u64,
    name: &str,
    progress: &mut dyn Progress,
    cancel: &CancelFlag,
) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut done = 0u64;
    loop {
        cancel.check()?;
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        done += n as u64;
        progress.report(ProgressEvent {
            stage: "hash",
            subject: name,
            done,
            total: Some(size),
        });
    }
    Ok(hex::encode(hasher.finalize()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn file_stem(name: &str) -> String {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name[..dot].to_string(),
        _ => name.to_string(),
    }
}
