//! Collision tests: kinds against lists and kinds, overlap and differences, provenance.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::*;
use crate::resolve::fixture::{case, insert, pid, text};

fn official(conn: &Connection, name: &str, id: &str) -> i64 {
    insert(
        conn,
        "officials",
        &[
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", 1.into()),
        ],
    )
}

/// A list row with the given identifiers (type, value), as the importer stores it.
fn list_row(conn: &Connection, list: &str, ids: &[(&str, &str)]) -> i64 {
    let row_no: i64 = conn
        .query_row("SELECT count(*) + 2 FROM list_rows", [], |r| r.get(0))
        .unwrap();
    conn.execute(
        "INSERT INTO list_rows (list_name, file_id, sheet, row_no, fp, data) VALUES (?1, 1, '名单', ?2, ?2, '{}')",
        rusqlite::params![list, row_no],
    )
    .unwrap();
    let row = conn.last_insert_rowid();
    for (ty, value) in ids {
        let column = if *ty == "name" {
            "姓名"
        } else {
            "身份证号"
        };
        conn.execute(
            "INSERT INTO list_identifiers (row_id, column_name, type, value, valid) VALUES (?1, ?2, ?3, ?4, 1)",
            rusqlite::params![row, column, ty, value],
        )
        .unwrap();
    }
    row
}

struct Fixture {
    conn: Connection,
    ids: [String; 3],
}

/// Officials 张三, 李四, 王五; the drink-driving list has 李四, 王五 and 赵六.
fn fixture() -> Fixture {
    let conn = case();
    let ids = [
        pid("19800101", 1, true),
        pid("19810202", 2, false),
        pid("19820303", 3, true),
    ];
    for (name, id) in ["张三", "李四", "王五"].iter().zip(&ids) {
        official(&conn, name, id);
    }
    let zhao = pid("19900404", 4, true);
    for (name, id) in [("李四", &ids[1]), ("王五", &ids[2]), ("赵六", &zhao)] {
        list_row(&conn, "酒驾名单", &[("id_number", id), ("name", name)]);
    }
    Fixture { conn, ids }
}

fn officials() -> TableRef {
    TableRef::Kind {
        kind: Kind::Officials,
        column: None,
    }
}

fn drink_list() -> TableRef {
    TableRef::List {
        name: "酒驾名单".into(),
        column: None,
    }
}

fn names(result: &CompareResult) -> Vec<(String, usize, usize)> {
    result
        .rows
        .iter()
        .map(|r| {
            let name = r
                .left
                .iter()
                .chain(&r.right)
                .find_map(|m| m.name.clone())
                .unwrap_or_default();
            (name, r.left.len(), r.right.len())
        })
        .collect()
}

fn check(mode: CompareMode, want: &[(&str, usize, usize)]) {
    let f = fixture();
    let result = compare(
        &f.conn,
        &officials(),
        &drink_list(),
        KeyType::IdNumber,
        mode,
    )
    .unwrap();
    let got = names(&result);
    let want: Vec<(String, usize, usize)> = want
        .iter()
        .map(|(n, l, r)| (n.to_string(), *l, *r))
        .collect();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted, "{mode:?}");
}

#[test]
fn overlap_and_differences_between_a_kind_and_a_list() {
    check(CompareMode::Overlap, &[("李四", 1, 1), ("王五", 1, 1)]);
    check(CompareMode::LeftOnly, &[("张三", 1, 0)]);
    check(CompareMode::RightOnly, &[("赵六", 0, 1)]);
}

#[test]
fn rows_carry_their_provenance() {
    let f = fixture();
    let result = compare(
        &f.conn,
        &officials(),
        &drink_list(),
        KeyType::IdNumber,
        CompareMode::Overlap,
    )
    .unwrap();
    let li = result.rows.iter().find(|r| r.key == f.ids[1]).unwrap();
    let left = &li.left[0];
    assert_eq!(
        (left.source.table.as_str(), left.column.as_str()),
        ("officials", "id_number")
    );
    assert_eq!(
        (left.source.sheet.as_deref(), left.source.row_no),
        (Some("Sheet1"), Some(3))
    );
    assert_eq!(left.source.file_name.as_deref(), Some("extract.xlsx"));
    let right = &li.right[0];
    assert_eq!(
        (right.source.table.as_str(), right.column.as_str()),
        ("list_rows", "身份证号")
    );
    assert_eq!(
        (right.source.sheet.as_deref(), right.source.row_no),
        (Some("名单"), Some(2))
    );
    assert_eq!(right.record().unwrap().table, "list_rows");
}

#[test]
fn two_kinds_compare_on_chosen_columns_and_shareholder_ids_by_type() {
    let f = fixture();
    insert(
        &f.conn,
        "companies",
        &[
            ("company_name", text("某某公司")),
            ("uscc", text("91110105MA01ABCD1X")),
            ("legal_rep", text("王五")),
            ("legal_rep_id", text(&f.ids[2])),
        ],
    );
    insert(
        &f.conn,
        "company_people",
        &[
            ("name", text("某某公司")),
            ("id_number", text("91110105MA01ABCD1X")),
            ("id_number_type", text("company")),
        ],
    );
    insert(
        &f.conn,
        "company_people",
        &[
            ("name", text("李四")),
            ("id_number", text(&f.ids[1])),
            ("id_number_type", text("person")),
        ],
    );
    let companies = TableRef::Kind {
        kind: Kind::Companies,
        column: Some("legal_rep_id".into()),
    };
    let result = compare(
        &f.conn,
        &officials(),
        &companies,
        KeyType::IdNumber,
        CompareMode::Overlap,
    )
    .unwrap();
    assert_eq!(names(&result), [("王五".to_string(), 1, 1)]);
    assert_eq!(result.rows[0].right[0].name.as_deref(), Some("王五"));
    let people = TableRef::Kind {
        kind: Kind::CompanyPeople,
        column: None,
    };
    let result = compare(
        &f.conn,
        &officials(),
        &people,
        KeyType::IdNumber,
        CompareMode::Overlap,
    )
    .unwrap();
    assert_eq!(names(&result), [("李四".to_string(), 1, 1)]);
    let people = TableRef::Kind {
        kind: Kind::CompanyPeople,
        column: Some("id_number".into()),
    };
    let by_code = compare(
        &f.conn,
        &people,
        &TableRef::Kind {
            kind: Kind::Companies,
            column: None,
        },
        KeyType::CreditCode,
        CompareMode::Overlap,
    )
    .unwrap();
    assert_eq!(by_code.rows.len(), 1);
}

#[test]
fn names_match_by_exact_cleaned_name() {
    let f = fixture();
    insert(
        &f.conn,
        "benefits",
        &[
            ("name", text("赵六")),
            ("amount", 100.0.into()),
            ("id_number", Value::Null),
        ],
    );
    let benefits = TableRef::Kind {
        kind: Kind::Benefits,
        column: None,
    };
    let result = compare(
        &f.conn,
        &benefits,
        &drink_list(),
        KeyType::Name,
        CompareMode::Overlap,
    )
    .unwrap();
    assert_eq!(
        result
            .rows
            .iter()
            .map(|r| r.key.as_str())
            .collect::<Vec<_>>(),
        ["赵六"]
    );
}

#[test]
fn unknown_lists_and_unusable_columns_are_refused() {
    let f = fixture();
    let missing = TableRef::List {
        name: "没有".into(),
        column: None,
    };
    let err = compare(
        &f.conn,
        &officials(),
        &missing,
        KeyType::IdNumber,
        CompareMode::Overlap,
    )
    .unwrap_err();
    assert_eq!(err.kind(), "not_found");
    let wrong = TableRef::Kind {
        kind: Kind::Officials,
        column: Some("unit".into()),
    };
    let err = compare(
        &f.conn,
        &wrong,
        &drink_list(),
        KeyType::IdNumber,
        CompareMode::Overlap,
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid_argument");
    assert!(
        err.to_string()
            .contains("公职人员/村(社区)干部名册没有可按身份证号比对的列 unit"),
        "{err}"
    );
    let none = TableRef::Kind {
        kind: Kind::Deaths,
        column: None,
    };
    assert!(compare(
        &f.conn,
        &none,
        &drink_list(),
        KeyType::Account,
        CompareMode::Overlap
    )
    .is_err());
}

#[test]
fn key_columns_come_from_the_kinds_table() {
    assert_eq!(
        key_columns(Kind::BankTransactions, KeyType::Account),
        ["account", "counterparty_account"]
    );
    assert_eq!(
        key_columns(Kind::Contracts, KeyType::CreditCode),
        ["supplier_uscc"]
    );
    assert_eq!(
        key_columns(Kind::CompanyPeople, KeyType::IdNumber),
        ["id_number"]
    );
}

#[test]
fn lists_are_described_with_their_identifier_columns() {
    let f = fixture();
    let infos = lists(&f.conn).unwrap();
    assert_eq!(infos.len(), 1);
    assert_eq!((infos[0].name.as_str(), infos[0].rows), ("酒驾名单", 3));
    let cols: Vec<(&str, &str)> = infos[0]
        .columns
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(cols, [("姓名", "name"), ("身份证号", "id_number")]);
}
