//! Streaming reader for delimited text (CSV, tab- or semicolon-separated exports).
//! It finds the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030,
//! which covers GBK) and the delimiter by looking, never by asking, and hands every
//! record on as a row of text cells. It does not trim, find headers or judge values,
//! and it holds no more than one record and a few buffers in memory.

use std::cell::Cell as Shared;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::cell::Cell;
use super::read::{file_stem, unreadable};
use super::source::{RawRow, ReadInfo, RowSink};
use crate::error::Result;

/// How much decoded text the delimiter sniffer looks at.
const SNIFF_BYTES: u64 = 64 * 1024;
/// How many non-empty lines the delimiter sniffer weighs.
const SNIFF_LINES: usize = 20;
/// The longest record we hold in memory; longer means a broken file (an unclosed
/// quote swallowing the rest of it), not data.
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// A text encoding we found, with the number of BOM bytes to skip.
struct Detected {
    encoding: &'static Encoding,
    label: &'static str,
    bom_len: u64,
}

pub(super) fn read(path: &Path, sink: &mut dyn RowSink) -> Result<ReadInfo> {
    read_with_limit(path, sink, MAX_RECORD_BYTES)
}

/// [`read`] with the longest record allowed given (tests use a small one).
pub(super) fn read_with_limit(
    path: &Path,
    sink: &mut dyn RowSink,
    max_record: u64,
) -> Result<ReadInfo> {
    let open_err = |e: io::Error| unreadable(path, format!("无法打开 / cannot open: {e}"));
    let mut file = File::open(path).map_err(open_err)?;
    let detected = detect_encoding(&mut file).map_err(|e| read_err(path, e))?;
    file.seek(SeekFrom::Start(detected.bom_len))
        .map_err(|e| read_err(path, e))?;
    let mut text = decoded(file, detected.encoding);

    let mut head = Vec::new();
    (&mut text)
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| read_err(path, e))?;
    let delimiter = sniff_delimiter(&head);

    let guard = RecordGuard::new(io::Cursor::new(head).chain(text), max_record);
    let consumed = guard.record_end.clone();
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(guard);

    sink.begin_sheet(&file_stem(path))?;
    read_records(path, &mut reader, &consumed, sink)?;
    sink.end_sheet()?;
    Ok(ReadInfo {
        encoding: Some(detected.label.to_string()),
    })
}

fn read_err(path: &Path, e: io::Error) -> crate::Error {
    unreadable(path, format!("读取失败 / read failed: {e}"))
}

/// The file's bytes as UTF-8: passed through when they already are, decoded otherwise.
fn decoded(file: File, encoding: &'static Encoding) -> Box<dyn Read> {
    let file = BufReader::with_capacity(64 * 1024, file);
    if encoding == UTF_8 {
        return Box::new(file);
    }
    Box::new(
        DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .build(file),
    )
}

/// Hands every record to the sink, numbering rows the way a spreadsheet program
/// shows the file: blank lines, which the csv parser skips, still count as rows.
fn read_records<R: Read>(
    path: &Path,
    reader: &mut ::csv::Reader<R>,
    consumed: &Shared<u64>,
    sink: &mut dyn RowSink,
) -> Result<()> {
    let mut record = ::csv::ByteRecord::new();
    let mut row_no: u32 = 0;
    // The line after the previous record: csv counts lines, including the blank ones
    // it skips, and reports where it stands after each record.
    let mut next_line: u64 = 1;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => match e.kind() {
                ::csv::ErrorKind::Io(_) => {
                    return Err(unreadable(path, format!("读取失败 / read failed: {e}")));
                }
                // Other parse errors leave the parser able to go on: skip that record.
                _ => continue,
            },
        }
        let end = reader.position();
        consumed.set(end.byte());
        let inner_newlines: u64 = record.iter().map(|f| bytecount(f, b'\n')).sum();
        let first_line = end.line().saturating_sub(1 + inner_newlines);
        let blank_lines = u32::try_from(first_line.saturating_sub(next_line)).unwrap_or(u32::MAX);
        row_no = row_no.saturating_add(1).saturating_add(blank_lines);
        next_line = end.line();
        sink.row(RawRow {
            row_no,
            cells: record.iter().map(text_cell).collect(),
        })?;
    }
}

fn bytecount(bytes: &[u8], needle: u8) -> u64 {
    bytes.iter().filter(|&&b| b == needle).count() as u64
}

fn text_cell(field: &[u8]) -> Cell {
    if field.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(String::from_utf8_lossy(field).into_owned())
    }
}

/// Looks at the BOM, then checks the whole file for valid UTF-8 in fixed-size chunks.
fn detect_encoding(file: &mut File) -> io::Result<Detected> {
    let mut bom = Vec::with_capacity(3);
    (&mut *file).take(3).read_to_end(&mut bom)?;
    if bom.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(Detected {
            encoding: UTF_8,
            label: "UTF-8-BOM",
            bom_len: 3,
        });
    }
    if bom.starts_with(&[0xFF, 0xFE]) {
        return Ok(Detected {
            encoding: UTF_16LE,
            label: "UTF-16LE",
            bom_len: 2,
        });
    }
    if bom.starts_with(&[0xFE, 0xFF]) {
        return Ok(Detected {
            encoding: UTF_16BE,
            label: "UTF-16BE",
            bom_len: 2,
        });
    }
    file.seek(SeekFrom::Start(0))?;
    if is_utf8(file)? {
        Ok(Detected {
            encoding: UTF_8,
            label: "UTF-8",
            bom_len: 0,
        })
    } else {
        Ok(Detected {
            encoding: GB18030,
            label: "GB18030",
            bom_len: 0,
        })
    }
}

/// True when everything `input` yields is valid UTF-8. Reads in chunks, carrying a
/// character cut at a chunk's end over to the next one.
pub(super) fn is_utf8(mut input: impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut carried = 0;
    loop {
        let n = match input.read(&mut buf[carried..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carried = 0,
            // A sequence cut by the chunk's end: keep its (at most 3) bytes for the next read.
            Err(e) if e.error_len().is_none() => {
                let start = e.valid_up_to();
                buf.copy_within(start..filled, 0);
                carried = filled - start;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// Picks the delimiter that splits the first non-empty lines most consistently:
/// the one whose most common non-zero count (outside quotes) occurs on most lines.
pub(super) fn sniff_delimiter(head: &[u8]) -> u8 {
    let lines: Vec<&[u8]> = head
        .split(|&b| b == b'\n')
        .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .take(SNIFF_LINES)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_unquoted(l, delimiter)).collect();
        let (count, lines_with_it) = most_common_nonzero(&counts);
        if (lines_with_it, count) > (best.1, best.2) {
            best = (delimiter, lines_with_it, count);
        }
    }
    best.0
}

fn count_unquoted(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

/// The most common non-zero value and how often it occurs (the larger value on a tie).
fn most_common_nonzero(counts: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    for &c in counts.iter().filter(|&&c| c > 0) {
        let freq = counts.iter().filter(|&&x| x == c).count();
        if (freq, c) > (best.1, best.0) {
            best = (c, freq);
        }
    }
    best
}

/// Passes text through to the csv parser but refuses to let one record grow past
/// `limit` bytes: the parser buffers a whole record, so this bounds memory.
/// `record_end` is where the last complete record ended, as the reading loop saw it.
struct RecordGuard<R> {
    inner: R,
    limit: u64,
    delivered: u64,
    record_end: Rc<Shared<u64>>,
}

impl<R> RecordGuard<R> {
    fn new(inner: R, limit: u64) -> Self {
        RecordGuard {
            inner,
            limit,
            delivered: 0,
            record_end: Rc::new(Shared::new(0)),
        }
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.delivered.saturating_sub(self.record_end.get()) > self.limit {
            let limit = self.limit;
            return Err(io::Error::other(format!(
                "一条记录超过 {limit} 字节(引号未闭合?)/ a record longer than {limit} bytes (unclosed quote?)"
            )));
        }
        let n = self.inner.read(buf)?;
        self.delivered += n as u64;
        Ok(n)
    }
}
