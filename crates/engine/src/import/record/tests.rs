use super::*;
use crate::import::mapping::ColumnMap;

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn map(kind: Kind, headers: &[&str]) -> ColumnMap {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    ColumnMap::build(kind, &headers, None)
}

/// The stored value of `column` for a row of `cells` under `headers`.
fn stored(kind: Kind, headers: &[&str], cells: &[Cell], column: &str) -> Value {
    let map = map(kind, headers);
    let record = build(&map, cells).expect("row should be kept");
    let index = map
        .columns
        .iter()
        .position(|c| c.name == column)
        .expect("column");
    record.values[index].clone()
}

fn bank(cells: &[&str]) -> Result<Record, String> {
    let headers = ["账号", "交易时间", "交易金额", "收付标志", "币种"];
    let cells: Vec<Cell> = cells.iter().map(|s| text(s)).collect();
    build(&map(Kind::BankTransactions, &headers), &cells)
}

#[test]
fn a_bank_direction_flag_in_any_vocabulary_sets_the_direction() {
    let cases = [
        ("贷", 1),
        ("借", -1),
        ("进", 1),
        ("出", -1),
        ("C", 1),
        ("D", -1),
        ("-1", -1),
        ("O", -1),
    ];
    let headers = ["账号", "交易时间", "交易金额", "收付标志"];
    for (flag, want) in cases {
        let cells = [
            text("6222020200112233445"),
            text("2024-01-05 10:00:00"),
            text("1,000.00"),
            text(flag),
        ];
        assert_eq!(
            stored(Kind::BankTransactions, &headers, &cells, "direction"),
            Value::Integer(want),
            "flag {flag}"
        );
    }
}

#[test]
fn split_credit_and_debit_columns_become_amount_and_direction() {
    let headers = ["账号", "交易日期", "交易时间", "收入金额", "支出金额"];
    let row = |credit: &str, debit: &str| {
        [
            text("6222020200112233445"),
            text("2024/1/5"),
            text("13:04:05"),
            text(credit),
            text(debit),
        ]
    };
    let cells = row("", "¥2,500.00");
    assert_eq!(
        stored(Kind::BankTransactions, &headers, &cells, "amount"),
        Value::Real(2500.0)
    );
    assert_eq!(
        stored(Kind::BankTransactions, &headers, &cells, "direction"),
        Value::Integer(-1)
    );
    assert_eq!(
        stored(Kind::BankTransactions, &headers, &cells, "time"),
        Value::Text("2024-01-05 13:04:05".into())
    );
    let cells = row("300", "0.00");
    assert_eq!(
        stored(Kind::BankTransactions, &headers, &cells, "direction"),
        Value::Integer(1)
    );
    let both = row("300", "200");
    let map = map(Kind::BankTransactions, &headers);
    assert!(build(&map, &both)
        .unwrap_err()
        .contains("both credit and debit"));
}

#[test]
fn a_negative_amount_without_a_flag_is_money_out() {
    let headers = ["账号", "交易时间", "交易金额"];
    let cells = [
        text("6222020200112233445"),
        text("20240105"),
        text("(1,280.00)"),
    ];
    assert_eq!(
        stored(Kind::BankTransactions, &headers, &cells, "amount"),
        Value::Real(1280.0)
    );
    assert_eq!(
        stored(Kind::BankTransactions, &headers, &cells, "direction"),
        Value::Integer(-1)
    );
}

#[test]
fn unreadable_required_values_are_rejected_with_the_reason_and_value() {
    let err = bank(&["6222020200112233445", "2024-01-05", "abc", "进", ""]).unwrap_err();
    assert!(
        err.contains("unreadable amount") && err.contains("'abc'"),
        "{err}"
    );
    let err = bank(&["6222020200112233445", "", "100", "进", ""]).unwrap_err();
    assert!(err.contains("missing time"), "{err}");
    let err = bank(&["6222020200112233445", "2024-01-05", "100", "?", ""]).unwrap_err();
    assert!(err.contains("unreadable direction"), "{err}");
}

#[test]
fn currencies_are_named_by_code_and_default_to_yuan() {
    let record = bank(&["6222020200112233445", "2024-01-05", "100", "进", "美元"]).unwrap();
    assert!(record.values.contains(&Value::Text("USD".into())));
    let record = bank(&["6222020200112233445", "2024-01-05", "100", "进", ""]).unwrap();
    assert!(record.values.contains(&Value::Text("CNY".into())));
}

#[test]
fn identifiers_are_normalised_and_invalid_ones_kept_and_flagged() {
    let headers = ["姓名", "身份证号", "死亡日期"];
    // 15-digit legacy number → 18 digits with its check digit.
    let cells = [text("张 三"), text("110105491231002"), text("2024年1月5日")];
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "id_number"),
        Value::Text("11010519491231002X".into())
    );
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "id_number_valid"),
        Value::Integer(1)
    );
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "name"),
        Value::Text("张三".into())
    );
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "death_date"),
        Value::Text("2024-01-05".into())
    );
    // Full-width digits and a wrong check digit: kept, flagged invalid.
    let cells = [
        text("李四"),
        text("１１０１０５１９４９１２３１００２１"),
        text("45296"),
    ];
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "id_number"),
        Value::Text("110105194912310021".into())
    );
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "id_number_valid"),
        Value::Integer(0)
    );
    assert_eq!(
        stored(Kind::Deaths, &headers, &cells, "death_date"),
        Value::Text("2024-01-05".into())
    );
}

#[test]
fn a_shareholder_number_is_a_person_or_a_company() {
    let headers = ["企业名称", "股东名称", "证件号码", "出资比例"];
    let person = [
        text("某公司"),
        text("王五"),
        text("11010519491231002X"),
        text("35%"),
    ];
    assert_eq!(
        stored(Kind::CompanyPeople, &headers, &person, "id_number_type"),
        Value::Text("person".into())
    );
    assert_eq!(
        stored(Kind::CompanyPeople, &headers, &person, "share_ratio"),
        Value::Real(0.35)
    );
    let company = [
        text("某公司"),
        text("某集团"),
        text("91350100M000100Y43"),
        text("0.65"),
    ];
    assert_eq!(
        stored(Kind::CompanyPeople, &headers, &company, "id_number_type"),
        Value::Text("company".into())
    );
    // A valid ID number whose last character also happens to be a valid credit-code
    // check character (found in the large generated case) is still a person.
    let both = "430523197608298567";
    assert!(crate::normalize::parse_credit_code(both).is_some_and(|c| c.is_valid()));
    let person = [text("某公司"), text("胡静芳"), text(both), text("40%")];
    assert_eq!(
        stored(Kind::CompanyPeople, &headers, &person, "id_number_type"),
        Value::Text("person".into())
    );
}

#[test]
fn unmapped_columns_and_unreadable_optional_values_go_to_extra() {
    let headers = ["姓名", "身份证号", "工作单位", "任职日期", "备用字段"];
    let cells = [
        text("赵六"),
        text("11010519491231002X"),
        text("某局"),
        text("不详"),
        text("甲"),
    ];
    let map = map(Kind::Officials, &headers);
    let record = build(&map, &cells).unwrap();
    let extra: serde_json::Value = serde_json::from_str(record.extra.as_deref().unwrap()).unwrap();
    assert_eq!(extra["备用字段"], "甲");
    assert_eq!(extra["任职日期(无法识别)"], "不详");
}

#[test]
fn the_preferred_alias_wins_when_two_columns_feed_one_field() {
    let headers = ["姓名", "应发金额", "实发金额", "发放月份"];
    let cells = [text("钱七"), text("9000"), text("7500"), text("2024年3月")];
    assert_eq!(
        stored(Kind::Salaries, &headers, &cells, "amount"),
        Value::Real(7500.0)
    );
    assert_eq!(
        stored(Kind::Salaries, &headers, &cells, "month"),
        Value::Text("2024-03".into())
    );
}
