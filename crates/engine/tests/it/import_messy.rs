//! Messy delivered files, made here, imported through the façade: counts, rejects with
//! reasons, provenance, duplicates, mapping files, transactions.

use mingjing_engine::{CancelFlag, ImportOptions, Kind, Mapping, ProgressEvent};

use crate::support::{write_xlsx, TestCase};

fn bank_statement() -> Vec<Vec<&'static str>> {
    vec![
        vec!["XX银行账户交易明细查询结果"],
        vec!["查询时间:2024-03-01 10:00"],
        vec![],
        vec![
            "账号",
            "户名",
            "交易日期",
            "交易时间",
            "收入金额",
            "支出金额",
            "余额",
            "对方账号",
            "对方户名",
            "摘要",
        ],
        vec![
            "６２２２０２０２００１１２２３３４４５",
            "张 三",
            "@45296",
            "09:15:00",
            "50,000.00",
            "",
            "#50000",
            "6222020200998877665",
            "李四",
            "转账",
        ],
        vec![
            "6222020200112233445",
            "张三",
            "20240106",
            "10:00:00",
            "",
            "¥49,000.00",
            "#1000",
            "6222020200123456789",
            "王五",
            "转账",
        ],
        vec![
            "6222020200112233445",
            "张三",
            "abc",
            "",
            "10",
            "",
            "",
            "",
            "",
            "坏行",
        ],
        vec![
            "6222020200112233445",
            "张三",
            "2024年1月7日",
            "11:30",
            "(12.50)",
            "",
            "#987.5",
            "",
            "",
            "冲正",
        ],
        vec!["本页小计", "", "", "", "50,000.00", "49,000.00"],
        vec!["合计", "", "", "", "50,000.00", "49,000.00"],
        vec!["制表人:某某"],
    ]
}

#[test]
fn a_messy_bank_statement_imports_every_readable_row_and_rejects_the_rest() {
    let mut t = TestCase::new();
    let path = t.file("流水.xlsx");
    write_xlsx(&path, &[("张三_3445", bank_statement())]);
    let report = t.import(&path);
    assert_eq!(report.kind_code().as_deref(), Some("bank_transactions"));
    assert_eq!(
        (report.imported, report.rejected, report.duplicate_rows),
        (3, 1, 0)
    );
    let sheet = &report.sheets[0];
    assert_eq!(sheet.header_row, Some(4));
    assert_eq!(sheet.skipped, 2 + 3, "two banner lines, three footer lines");
    let rejects = t.case.rejects(0, 100).unwrap();
    assert_eq!(rejects.len(), 1);
    assert_eq!(
        (rejects[0].sheet.as_str(), rejects[0].row),
        ("张三_3445", 7)
    );
    assert!(
        rejects[0].reason.contains("unreadable time"),
        "{}",
        rejects[0].reason
    );
    assert_eq!(rejects[0].file_sha256, report.sha256);
    assert_eq!(rejects[0].cells[2], "abc");
}

#[test]
fn the_same_file_twice_adds_nothing_and_names_the_first() {
    let mut t = TestCase::new();
    let path = t.file("流水.xlsx");
    write_xlsx(&path, &[("s", bank_statement())]);
    let first = t.import(&path);
    let copy = t.file("流水(再次提供).xlsx");
    std::fs::copy(&path, &copy).unwrap();
    let second = t.import(&copy);
    assert_eq!(
        second.duplicate_of,
        Some((first.file_id, "流水.xlsx".to_string()))
    );
    assert_eq!(second.imported, 0);
    let summary = t.case.summary().unwrap();
    assert_eq!(summary.kinds[&Kind::BankTransactions].rows, 3);
    assert_eq!(summary.files[1].duplicate_of.as_deref(), Some("流水.xlsx"));
}

#[test]
fn rows_delivered_again_in_another_file_are_recognised_as_duplicates() {
    let mut t = TestCase::new();
    let a = t.file("a.csv");
    let b = t.file("b.csv");
    std::fs::write(
        &a,
        "姓名,身份证号,死亡日期\n张三,11010519491231002X,2024-01-05\n",
    )
    .unwrap();
    std::fs::write(&b, "姓名,身份证号,死亡日期\n张三,11010519491231002X,2024/1/5\n李四,110105194912310021,2024/2/1\n").unwrap();
    t.import(&a);
    let report = t.import(&b);
    assert_eq!((report.imported, report.duplicate_rows), (1, 1));
}

#[test]
fn a_gbk_csv_with_full_width_digits_and_a_total_row() {
    let mut t = TestCase::new();
    let path = t.file("低保.csv");
    let text = "资金项目,姓名,身份证号,发放金额,发放日期\n\
                城乡低保,王 五,１１０１０５１９４９１２３１００２Ｘ,\"1,200.50元\",2024/1/5\n\
                城乡低保,赵六,110105491231002,300,2024-02-05\n\
                合计,,,\"1,500.50\",\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&path, bytes).unwrap();
    let report = t.import(&path);
    assert_eq!(report.encoding.as_deref(), Some("GB18030"));
    assert_eq!(report.kind_code().as_deref(), Some("benefits"));
    assert_eq!(
        (report.imported, report.rejected, report.skipped),
        (2, 0, 1)
    );
}

#[test]
fn a_mapping_file_teaches_headers_the_aliases_do_not_know() {
    let mut t = TestCase::new();
    let path = t.file("odd.csv");
    std::fs::write(
        &path,
        "人名,证号,离世日\n张三,11010519491231002X,2024-01-05\n",
    )
    .unwrap();
    let err = t.import_with(
        &path,
        &ImportOptions {
            kind: Some(Kind::Deaths),
            ..Default::default()
        },
    );
    assert!(err.is_err(), "without a mapping nothing can be read");
    let mapping = Mapping::parse(
        "kind = \"deaths\"\n[columns]\n\"人名\" = \"name\"\n\"证号\" = \"id_number\"\n\"离世日\" = \"death_date\"\n",
    )
    .unwrap();
    let report = t
        .import_with(
            &path,
            &ImportOptions {
                mapping: Some(mapping),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((report.imported, report.rejected), (1, 0));
}

#[test]
fn a_table_of_no_known_kind_becomes_a_named_list() {
    let mut t = TestCase::new();
    let path = t.file("酒驾名单.xlsx");
    write_xlsx(
        &path,
        &[(
            "名单",
            vec![
                vec!["酒驾人员"],
                vec!["序号", "姓名", "身份证号", "查获日期"],
                vec!["1", "张三", "#110105194912310020", "2024-01-01"],
            ],
        )],
    );
    let report = t.import(&path);
    assert_eq!(report.sheets[0].list_name.as_deref(), Some("酒驾名单"));
    assert_eq!(report.imported, 1);
}

#[test]
fn a_cancelled_import_leaves_the_case_as_it_was() {
    let mut t = TestCase::new();
    let path = t.file("流水.xlsx");
    write_xlsx(&path, &[("s", bank_statement())]);
    let cancel = CancelFlag::new();
    let mut cancel_on_read = |event: ProgressEvent<'_>| {
        if event.stage == "store-file" {
            cancel.cancel();
        }
    };
    let err = t
        .case
        .import_file(
            &path,
            &ImportOptions::default(),
            &mut cancel_on_read,
            &cancel,
        )
        .unwrap_err();
    assert_eq!(err.kind(), "cancelled");
    let summary = t.case.summary().unwrap();
    assert!(summary.files.is_empty() && summary.kinds.is_empty());
    // And it can be imported afterwards.
    assert_eq!(t.import(&path).imported, 3);
}

#[test]
fn an_unreadable_file_is_an_error_and_leaves_nothing_behind() {
    let mut t = TestCase::new();
    let path = t.file("broken.xlsx");
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip").unwrap();
    let err = t.import_with(&path, &ImportOptions::default()).unwrap_err();
    assert_eq!(err.kind(), "unreadable_file");
    assert!(err.to_string().starts_with("无法读取文件"));
    assert!(t.case.summary().unwrap().files.is_empty());
}

#[test]
fn the_delivered_bytes_come_back_out_unchanged() {
    let mut t = TestCase::new();
    let path = t.file("流水.xlsx");
    write_xlsx(&path, &[("s", bank_statement())]);
    let report = t.import(&path);
    let mut out = Vec::new();
    t.case.export_file(&report.sha256, &mut out).unwrap();
    assert_eq!(out, std::fs::read(&path).unwrap());
}

#[test]
fn every_action_is_in_an_intact_audit_chain() {
    let mut t = TestCase::new();
    let path = t.file("流水.xlsx");
    write_xlsx(&path, &[("s", bank_statement())]);
    t.import(&path);
    t.case.rejects(0, 10).unwrap();
    // create, import, rejects
    assert_eq!(t.case.verify_audit().unwrap(), 3);
}
