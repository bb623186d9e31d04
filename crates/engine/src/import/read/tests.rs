//! Reader tests: every file is written in the test itself (rust_xlsxwriter, std::fs),
//! except the one committed .xls fixture, since nothing in Rust writes BIFF.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format as XlsxFormat, Formula, Workbook};

use super::super::cell::Cell;
use super::super::csv::{is_utf8, read_with_limit, sniff_delimiter};
use super::super::source::{Format, RawRow, RowSink};
use super::{detect_format, read_file};
use crate::error::{Error, Result};

/// Records what a reader delivers: sheet names and their rows.
#[derive(Default)]
struct Recorder {
    sheets: Vec<(String, Vec<RawRow>)>,
    open: bool,
}

impl RowSink for Recorder {
    fn begin_sheet(&mut self, name: &str) -> Result<()> {
        assert!(!self.open, "begin_sheet inside a sheet");
        self.open = true;
        self.sheets.push((name.to_string(), Vec::new()));
        Ok(())
    }
    fn row(&mut self, row: RawRow) -> Result<()> {
        assert!(self.open, "row outside a sheet");
        self.sheets
            .last_mut()
            .map(|s| s.1.push(row))
            .ok_or(Error::Cancelled)
    }
    fn end_sheet(&mut self) -> Result<()> {
        self.open = false;
        Ok(())
    }
}

/// Cancels at the second row.
#[derive(Default)]
struct CancelAtSecondRow {
    rows: usize,
}

impl RowSink for CancelAtSecondRow {
    fn begin_sheet(&mut self, _: &str) -> Result<()> {
        Ok(())
    }
    fn row(&mut self, _: RawRow) -> Result<()> {
        self.rows += 1;
        if self.rows == 2 {
            return Err(Error::Cancelled);
        }
        Ok(())
    }
    fn end_sheet(&mut self) -> Result<()> {
        Ok(())
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn read(path: &Path) -> (Recorder, Option<String>) {
    let format = detect_format(path).unwrap();
    let mut rec = Recorder::default();
    let info = read_file(path, format, &mut rec).unwrap();
    (rec, info.encoding)
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A bank extract as they come: banner, blank rows, a gap column, a date, a formula,
/// and a second, hidden sheet whose data starts at C10.
fn messy_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let date = XlsxFormat::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("流水").unwrap();
    ws.write_string(0, 0, "XX银行账户交易明细查询结果").unwrap();
    ws.write_string(2, 0, "查询时间:2024-03-01").unwrap();
    ws.write_string(4, 0, "交易时间").unwrap();
    ws.write_string(4, 1, "交易金额").unwrap();
    ws.write_string(4, 3, "对手户名").unwrap();
    ws.write_datetime_with_format(5, 0, ExcelDateTime::from_ymd(2024, 1, 5).unwrap(), &date)
        .unwrap();
    ws.write_number(5, 1, 1234.5).unwrap();
    ws.write_string(5, 3, "李四").unwrap();
    ws.write_number(6, 1, -20.0).unwrap();
    ws.write_formula(6, 2, Formula::new("=1+2").set_result("3"))
        .unwrap();
    let ws2 = wb.add_worksheet().set_name("第二户").unwrap();
    ws2.set_hidden(true);
    ws2.write_string(9, 2, "王五").unwrap();
    ws2.write_number(9, 3, 110101198001010016.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn xlsx_rows_keep_their_sheet_numbers_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.xlsx");
    messy_workbook(&path);
    let (rec, encoding) = read(&path);
    assert_eq!(encoding, None);
    let names: Vec<&str> = rec.sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["流水", "第二户"]);

    let rows = &rec.sheets[0].1;
    let numbers: Vec<u32> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [1, 3, 5, 6, 7]);
    assert_eq!(rows[0].cells, [text("XX银行账户交易明细查询结果")]);
    assert_eq!(
        rows[2].cells,
        [
            text("交易时间"),
            text("交易金额"),
            Cell::Empty,
            text("对手户名")
        ]
    );
    let jan5 = NaiveDate::from_ymd_opt(2024, 1, 5)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert_eq!(
        rows[3].cells,
        [
            Cell::DateTime(jan5),
            Cell::Number(1234.5),
            Cell::Empty,
            text("李四")
        ]
    );
    assert_eq!(
        rows[4].cells,
        [Cell::Empty, Cell::Number(-20.0), Cell::Number(3.0)]
    );

    let hidden = &rec.sheets[1].1;
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].row_no, 10);
    assert_eq!(hidden[0].cells[..2], [Cell::Empty, Cell::Empty]);
    assert_eq!(hidden[0].cells[2], text("王五"));
    assert_eq!(hidden[0].cells[3].to_text(), "110101198001010016");
}

#[test]
fn format_comes_from_bytes_not_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("renamed.csv");
    messy_workbook(&path);
    assert_eq!(detect_format(&path).unwrap(), Format::Xlsx);
    let (rec, _) = read(&path);
    assert_eq!(rec.sheets.len(), 2);

    let ole = write_file(
        dir.path(),
        "a.csv",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
    );
    assert_eq!(detect_format(&ole).unwrap(), Format::Xls);
    let text = write_file(dir.path(), "b.xlsx", "姓名,身份证号\n".as_bytes());
    assert_eq!(detect_format(&text).unwrap(), Format::Csv);
    let tiny = write_file(dir.path(), "c.csv", b"P");
    assert_eq!(detect_format(&tiny).unwrap(), Format::Csv);
}

#[test]
fn empty_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "empty.csv", b"");
    match detect_format(&path) {
        Err(Error::Unreadable { reason, .. }) => assert!(reason.contains("文件为空")),
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

#[test]
fn broken_xlsx_is_unreadable_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xlsx");
    messy_workbook(&good);
    let bytes = std::fs::read(&good).unwrap();
    let truncated = write_file(dir.path(), "truncated.xlsx", &bytes[..bytes.len() / 2]);
    let garbage = write_file(
        dir.path(),
        "garbage.xlsx",
        b"PK\x03\x04 this is no zip at all",
    );
    for path in [truncated, garbage] {
        assert_eq!(detect_format(&path).unwrap(), Format::Xlsx);
        let result = read_file(&path, Format::Xlsx, &mut Recorder::default());
        assert!(
            matches!(result, Err(Error::Unreadable { .. })),
            "{path:?}: {result:?}"
        );
    }
    let not_xls = write_file(
        dir.path(),
        "not.xls",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2],
    );
    let result = read_file(&not_xls, Format::Xls, &mut Recorder::default());
    assert!(
        matches!(result, Err(Error::Unreadable { .. })),
        "{result:?}"
    );
}

#[test]
fn zip_bomb_is_refused_before_unpacking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    std::io::copy(&mut std::io::repeat(b'0').take(101 << 20), &mut zip).unwrap();
    zip.finish().unwrap().flush().unwrap();
    match read_file(&path, Format::Xlsx, &mut Recorder::default()) {
        Err(Error::Unreadable { reason, .. }) => assert!(reason.contains("压缩比"), "{reason}"),
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

#[test]
fn oversized_sheet_dimension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in minimal_xlsx(r#"<dimension ref="A1:ALN2"/>"#) {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    match read_file(&path, Format::Xlsx, &mut Recorder::default()) {
        Err(Error::Unreadable { reason, .. }) => assert!(reason.contains("过大"), "{reason}"),
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

/// The smallest workbook calamine opens, with `dimension` placed in its one sheet.
fn minimal_xlsx(dimension: &str) -> Vec<(&'static str, String)> {
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<?xml version="1.0"?><worksheet {ns}>{dimension}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#),
        ),
    ]
}

#[test]
fn cell_beyond_the_column_limit_is_refused_even_when_undeclared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("liar.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, mut body) in minimal_xlsx("") {
        body = body.replace(r#"r="A1""#, r#"r="XFD1""#);
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let result = read_file(&path, Format::Xlsx, &mut Recorder::default());
    assert!(
        matches!(result, Err(Error::Unreadable { .. })),
        "{result:?}"
    );
}

#[test]
fn cancelling_sink_stops_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("a.xlsx");
    messy_workbook(&xlsx);
    let csv = write_file(dir.path(), "a.csv", b"a\nb\nc\n");
    let xls = fixture("small.xls");
    for (path, format) in [(xlsx, Format::Xlsx), (csv, Format::Csv), (xls, Format::Xls)] {
        let mut sink = CancelAtSecondRow::default();
        let result = read_file(&path, format, &mut sink);
        assert!(
            matches!(result, Err(Error::Cancelled)),
            "{format:?}: {result:?}"
        );
        assert_eq!(sink.rows, 2);
    }
}

#[test]
fn csv_utf8_with_and_without_bom() {
    let dir = tempfile::tempdir().unwrap();
    let body = "姓名,身份证号,金额\n张三,110101198001010016,1234.5\n";
    let plain = write_file(dir.path(), "名单.csv", body.as_bytes());
    let bom = write_file(
        dir.path(),
        "bom.csv",
        &[b"\xEF\xBB\xBF", body.as_bytes()].concat(),
    );
    for (path, label) in [(plain, "UTF-8"), (bom, "UTF-8-BOM")] {
        let (rec, encoding) = read(&path);
        assert_eq!(encoding.as_deref(), Some(label));
        let rows = &rec.sheets[0].1;
        assert_eq!(
            rows[0].cells,
            [text("姓名"), text("身份证号"), text("金额")]
        );
        assert_eq!(rows[1].row_no, 2);
        assert_eq!(rows[1].cells[0], text("张三"));
    }
    assert_eq!(read(&dir.path().join("名单.csv")).0.sheets[0].0, "名单");
}

#[test]
fn csv_gbk_reads_as_gb18030() {
    let dir = tempfile::tempdir().unwrap();
    let body = "户名,交易金额,摘要\n张三,\"1,000.00\",工资\n";
    let (bytes, _, lossy) = encoding_rs::GBK.encode(body);
    assert!(!lossy);
    let path = write_file(dir.path(), "gbk.csv", &bytes);
    let (rec, encoding) = read(&path);
    assert_eq!(encoding.as_deref(), Some("GB18030"));
    let rows = &rec.sheets[0].1;
    assert_eq!(
        rows[0].cells,
        [text("户名"), text("交易金额"), text("摘要")]
    );
    assert_eq!(
        rows[1].cells,
        [text("张三"), text("1,000.00"), text("工资")]
    );
}

#[test]
fn csv_utf16_with_bom_from_excel_unicode_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "姓名\t金额\r\n张三\t12\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let path = write_file(dir.path(), "unicode.txt", &bytes);
    let (rec, encoding) = read(&path);
    assert_eq!(encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(rec.sheets[0].1[1].cells, [text("张三"), text("12")]);
}

#[test]
fn csv_tab_delimited_with_empty_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "tab.txt",
        "姓名\t金额\t备注\n张三\t12\t\n李四\t\t 注 \n".as_bytes(),
    );
    let (rec, _) = read(&path);
    let rows = &rec.sheets[0].1;
    assert_eq!(rows[1].cells, [text("张三"), text("12"), Cell::Empty]);
    assert_eq!(rows[2].cells, [text("李四"), Cell::Empty, text(" 注 ")]);
}

#[test]
fn csv_quoted_newline_and_blank_lines_keep_spreadsheet_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let body = "标题\n\n姓名,地址,备注\n张三,\"北京市,朝阳区\n某街1号\",x\n\n李四,上海,\"他说\"\"好\"\"\"\n";
    let path = write_file(dir.path(), "q.csv", body.as_bytes());
    let (rec, _) = read(&path);
    let rows = &rec.sheets[0].1;
    let numbers: Vec<u32> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [1, 3, 4, 6]);
    assert_eq!(
        rows[2].cells,
        [text("张三"), text("北京市,朝阳区\n某街1号"), text("x")]
    );
    assert_eq!(
        rows[3].cells,
        [text("李四"), text("上海"), text("他说\"好\"")]
    );
}

#[test]
fn csv_crlf_blank_lines_and_missing_final_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "crlf.csv",
        "标题\r\n\r\n\r\n姓名,金额\r\n张三,\"1\r\n2\"\r\n李四,3".as_bytes(),
    );
    let (rec, _) = read(&path);
    let rows = &rec.sheets[0].1;
    let numbers: Vec<u32> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [1, 4, 5, 6]);
    assert_eq!(rows[2].cells, [text("张三"), text("1\r\n2")]);
    assert_eq!(rows[3].cells, [text("李四"), text("3")]);
}

#[test]
fn csv_unclosed_quote_stops_at_the_record_limit_after_delivering_earlier_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = b"a,b\nc,\"never closed\n".to_vec();
    body.extend(std::iter::repeat_n(b'x', 200_000));
    let path = write_file(dir.path(), "open-quote.csv", &body);
    let mut rec = Recorder::default();
    match read_with_limit(&path, &mut rec, 64 * 1024) {
        Err(Error::Unreadable { reason, .. }) => assert!(reason.contains("引号未闭合"), "{reason}"),
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert_eq!(rec.sheets[0].1.len(), 1);
    assert_eq!(rec.sheets[0].1[0].cells, [text("a"), text("b")]);
}

#[test]
fn csv_bad_quote_does_not_abort_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "bad.csv", b"a,b\nc,d\"e\"f,g\nh,i\n");
    let (rec, _) = read(&path);
    let rows = &rec.sheets[0].1;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2].cells, [text("h"), text("i")]);
}

#[test]
fn utf8_check_handles_characters_cut_between_reads() {
    /// Yields one byte per read, so every multi-byte character is cut.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }
    assert!(is_utf8(Trickle("明镜 𝄞 ok".as_bytes())).unwrap());
    let gbk = encoding_rs::GBK.encode("明镜").0;
    assert!(!is_utf8(Trickle(&gbk)).unwrap());
    assert!(!is_utf8(Trickle(&"镜".as_bytes()[..2])).unwrap());
    assert!(is_utf8(Cursor::new("镜".repeat(100_000))).unwrap());
}

#[test]
fn delimiter_sniffing() {
    let check = |head: &str, expected: u8| {
        assert_eq!(
            sniff_delimiter(head.as_bytes()) as char,
            expected as char,
            "{head}"
        )
    };
    check("a,b,c\n1,2,3\n", b',');
    check(
        "XX银行账户交易明细\n\n户名;账号;金额\n张三;1;2,5\n李四;3;4\n",
        b';',
    );
    check("户名|账号\n张三|\"1|2\"\n", b'|');
    check("户名\t金额\t摘要\n张三\t1,000\t工资,奖金\n", b'\t');
    check("只有一列\n", b',');
    check("", b',');
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn xls_rows_keep_their_sheet_numbers_and_values() {
    let path = fixture("small.xls");
    assert_eq!(detect_format(&path).unwrap(), Format::Xls);
    let (rec, _) = read(&path);
    let names: Vec<&str> = rec.sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["名单", "第二页"]);
    let rows = &rec.sheets[0].1;
    let numbers: Vec<u32> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [2, 4, 5]);
    assert_eq!(rows[0].cells, [Cell::Empty, text("XX县惠民资金发放名单")]);
    let jan5 = NaiveDate::from_ymd_opt(2024, 1, 5)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert_eq!(
        rows[2].cells,
        [
            Cell::Empty,
            text("张三"),
            text("110101198001010016"),
            Cell::Empty,
            Cell::Number(1234.5),
            Cell::DateTime(jan5)
        ]
    );
    let second = &rec.sheets[1].1;
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].row_no, 10);
    assert_eq!(
        second[0].cells,
        [Cell::Empty, Cell::Empty, text("李四"), Cell::Number(42.0)]
    );
}
