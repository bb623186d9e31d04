//! The entry point for reading a delivered file: tell its format from its first bytes
//! and hand it to the matching reader (`csv.rs`, `xlsx.rs`, `xls.rs`). This file does
//! not parse any format itself and never trusts a file's extension.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::source::{Format, ReadInfo, RowSink};
use crate::error::{Error, Result};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells a file's format from its first bytes: a zip container is xlsx, an OLE
/// compound file is xls, anything else is read as delimited text.
pub fn detect_format(path: &Path) -> Result<Format> {
    let mut head = Vec::with_capacity(CFB_MAGIC.len());
    File::open(path)
        .map_err(|e| unreadable(path, format!("无法打开 / cannot open: {e}")))?
        .take(CFB_MAGIC.len() as u64)
        .read_to_end(&mut head)
        .map_err(|e| unreadable(path, format!("读取失败 / read failed: {e}")))?;
    if head.is_empty() {
        return Err(unreadable(path, "文件为空 / file is empty"));
    }
    Ok(format_of(&head))
}

fn format_of(head: &[u8]) -> Format {
    if head.starts_with(ZIP_MAGIC) {
        Format::Xlsx
    } else if head.starts_with(CFB_MAGIC) {
        Format::Xls
    } else {
        Format::Csv
    }
}

/// Reads every sheet of `path` as `format` into `sink`. An error from the sink (such
/// as [`Error::Cancelled`]) stops reading and comes back unchanged; a file that cannot
/// be parsed gives [`Error::Unreadable`].
pub fn read_file(path: &Path, format: Format, sink: &mut dyn RowSink) -> Result<ReadInfo> {
    match format {
        Format::Xlsx => super::xlsx::read(path, sink),
        Format::Xls => super::xls::read(path, sink),
        Format::Csv => super::csv::read(path, sink),
    }
}

/// An [`Error::Unreadable`] for `path` with a Chinese-first reason.
pub(super) fn unreadable(path: &Path, reason: impl Into<String>) -> Error {
    Error::Unreadable {
        path: PathBuf::from(path),
        reason: reason.into(),
    }
}

/// The name of the single sheet of a one-table file: its file name without extension.
pub(super) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
