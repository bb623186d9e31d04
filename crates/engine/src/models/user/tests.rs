//! User model tests: validation messages, running read-only, packs, the sample model.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::*;
use crate::models::alerts::{self, AlertFilter};
use crate::models::runner::run_models;
use crate::models::RunCache;
use crate::progress::{CancelFlag, NoProgress};
use crate::resolve::fixture::{case, insert, text};

const STAMP: Stamp<'static> = Stamp {
    at: "2024-06-01T10:00:00+08:00",
    actor: "张三",
};
const EXAMPLE: &str = include_str!("../../../../../sample-data/models/example-large-cash.toml");

/// A model file around `sql`, with one parameter `min` and a summary naming `{n}`.
fn model_with(sql: &str, summary: &str) -> String {
    format!(
        "id = \"t-model\"\nname = \"测试\"\nneeds = [\"officials\"]\nsummary = {summary:?}\nsql = {sql:?}\n[params]\nmin = 5\n"
    )
}

const GOOD: &str = "SELECT id_number AS subject_person_id, name AS subject_person_name, id AS evidence_officials_id, name AS n FROM officials WHERE id > :min";

fn reason(conn: &Connection, text: &str) -> String {
    match validate(conn, text) {
        Err(Error::BadUserModel { reason, .. }) => reason,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("accepted: {text}"),
    }
}

#[test]
fn bad_queries_are_refused_with_clear_messages() {
    let cases = [
        ("SELECT 1 AS subject_person_id, 1 AS evidence_officials_id FROM no_such", "{n}", "SQL 引用了不存在的表 no_such(见 docs/case-schema.md) / no such table: no_such"),
        ("UPDATE officials SET name = 'x'", "{n}", "只允许一条只读的 SELECT(或 WITH)查询"),
        ("-- comment\nDELETE FROM officials", "{n}", "只允许一条只读的 SELECT(或 WITH)查询"),
        ("WITH x AS (SELECT 1) DELETE FROM officials", "{n}", "只允许一条只读的 SELECT(或 WITH)查询"),
        ("SELECT id AS subject_person_id, id AS evidence_officials_id FROM officials; DELETE FROM officials", "x", "只能有一条 SQL 语句 / only one SQL statement is allowed"),
        ("SELECT id AS evidence_officials_id, name AS n FROM officials", "{n}", "结果中缺少主体列(如 subject_person_id) / the result has no subject column"),
        ("SELECT id AS subject_person_id, name AS n FROM officials", "{n}", "结果中缺少证据列"),
        ("SELECT name AS subject_person_name, id AS evidence_officials_id FROM officials", "x", "主体 person/person 有姓名列但缺少 id 列"),
        ("SELECT id AS subject_boat_id, id AS evidence_officials_id FROM officials", "x", "主体列 subject_boat_id 应写作"),
        ("SELECT id AS subject_person_id, id AS evidence_boats_id FROM officials", "x", "证据列 evidence_boats_id 指向的表不存在"),
        ("SELECT id AS subject_person_id, id AS evidence_officials_id FROM officials WHERE id > :max", "x", "SQL 参数 :max 未在 [params] 中声明"),
        ("SELECT id AS subject_person_id, id AS evidence_officials_id FROM officials WHERE id > ?", "x", "SQL 参数 ? 未在 [params] 中声明"),
        ("SELECT nope AS subject_person_id, id AS evidence_officials_id FROM officials", "x", "SQL 引用了不存在的列 nope"),
        (GOOD, "{missing}", "summary 引用了查询结果中没有的列 {missing}"),
        (GOOD, "{n", "summary 中的花括号不成对"),
    ];
    let conn = case();
    for (sql, summary, want) in cases {
        let got = reason(&conn, &model_with(sql, summary));
        assert!(got.starts_with(want), "{sql}\n got: {got}\nwant: {want}");
    }
}

#[test]
fn bad_files_are_refused_with_clear_messages() {
    let conn = case();
    let cases = [
        ("id = \"x\"\nname = ", "TOML 格式有误 / TOML syntax error"),
        ("id = \"x\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"\ncolour = 1", "字段有误 / bad fields: unknown field `colour`"),
        ("id = \"x\"\nname = \"n\"\nsql = \"SELECT 1\"", "字段有误 / bad fields: missing field `summary`"),
        ("id = \"Bad Id\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"", "id 只能由小写字母、数字和连字符组成"),
        ("id = \"x\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"\nneeds = [\"boats\"]", "未知数据类型 boats / unknown extract kind boats"),
        ("id = \"x\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"\nseverity = \"dire\"", "严重程度应为 low、medium 或 high"),
        ("id = \"x\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"\n[params]\nm = { a = 1 }", "参数 m 的值应为数、文本或文本数组"),
        ("[[model]]\nid = \"x\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"\n[[model]]\nid = \"x\"\nname = \"n\"\nsummary = \"s\"\nsql = \"SELECT 1\"", "同一文件中 id 重复"),
    ];
    for (file, want) in cases {
        let got = reason(&conn, file);
        assert!(got.starts_with(want), "got: {got}\nwant: {want}");
    }
    let err = validate(&conn, "id = \"x\"\nname = ").unwrap_err();
    assert_eq!(err.kind(), "bad_user_model");
    assert!(err
        .to_string()
        .starts_with("用户模型有误 / bad user model ?: TOML 格式有误"));
}

fn cash(
    conn: &Connection,
    account: &str,
    holder: (&str, &str),
    amount: f64,
    direction: i64,
    ok: i64,
) -> i64 {
    insert(
        conn,
        "bank_transactions",
        &[
            ("account", text(account)),
            ("holder_name", text(holder.0)),
            ("holder_id", text(holder.1)),
            (
                "time",
                text(&format!("2024-03-0{} 10:00:00", direction + 2)),
            ),
            ("amount", amount.into()),
            ("direction", direction.into()),
            ("cash", 1.into()),
            ("success", ok.into()),
        ],
    )
}

#[test]
fn the_sample_model_loads_runs_and_files_an_alert_with_subjects_and_evidence() {
    let conn = case();
    let holder = ("何俊", "110101198001010010");
    let a = cash(&conn, "6228480000000001", holder, 60_000.0, 1, 1);
    let b = cash(&conn, "6228480000000001", holder, 80_000.5, -1, 1);
    cash(&conn, "6228480000000001", holder, 90_000.0, 1, 0);
    cash(
        &conn,
        "6228480000000002",
        ("李四", "110101198001010029"),
        49_999.0,
        1,
        1,
    );
    let ids = import(&conn, EXAMPLE, STAMP).unwrap();
    assert_eq!(ids, ["example-large-cash"]);
    let all = all_models(&conn).unwrap();
    let models: Vec<&dyn Model> = all
        .iter()
        .map(|m| m.as_ref())
        .filter(|m| m.spec().id == "example-large-cash")
        .collect();
    let report = run_models(&conn, &models, STAMP, &mut NoProgress, &CancelFlag::new()).unwrap();
    assert_eq!(report.models[0].error, None);
    assert_eq!(report.models[0].new, 1);
    let alert = &alerts::list(&conn, &AlertFilter::default()).unwrap()[0];
    let subjects: Vec<(&str, &str, &str, &str)> = alert
        .subjects
        .iter()
        .map(|s| {
            (
                s.subject_type.code(),
                s.id.as_str(),
                s.name.as_str(),
                s.role.as_str(),
            )
        })
        .collect();
    assert_eq!(
        subjects,
        [
            ("account", "6228480000000001", "何俊", "account"),
            ("person", "110101198001010010", "何俊", "holder"),
        ]
    );
    let evidence: Vec<i64> = alert.evidence.iter().map(|e| e.record_id).collect();
    assert_eq!(evidence, [a, b]);
    assert_eq!(alert.evidence[1].row_no, Some(3));
    assert_eq!(
        alert.summary,
        "何俊的账户6228480000000001有2笔单笔不低于50,000元的现金存取(存入60,000元,取出80,000.50元),最早2024-03-01 10:00:00,最晚2024-03-03 10:00:00。"
    );
}

#[test]
fn the_query_runs_read_only_and_the_connection_is_writable_afterwards() {
    let conn = case();
    let models = parse(&model_with(GOOD, "{n}")).unwrap();
    let params = crate::models::Params::defaults(&models[0].spec());
    let cancel = CancelFlag::new();
    let ctx = ModelContext {
        conn: &conn,
        params: &params,
        cancel: &cancel,
        cache: &RunCache::default(),
    };
    models[0].run(&ctx).unwrap();
    {
        let _guard = sql::QueryOnly::on(&conn).unwrap();
        let err = conn
            .execute("INSERT INTO meta (key, value) VALUES ('k', 'v')", [])
            .unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
    }
    let query_only: bool = conn
        .pragma_query_value(None, "query_only", |r| r.get(0))
        .unwrap();
    assert!(!query_only);
    conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')", [])
        .unwrap();
}

#[test]
fn list_parameters_are_bound_as_json_and_rows_with_one_key_join() {
    let conn = case();
    for (name, unit) in [("张三", "甲局"), ("李四", "乙局"), ("王五", "丙局")] {
        insert(
            &conn,
            "officials",
            &[
                ("name", text(name)),
                ("unit", text(unit)),
                ("id_number", Value::Null),
            ],
        );
    }
    let file = r#"
id = "t-units"
name = "名单内单位"
summary = "{unit}"
sql = """SELECT unit AS subject_unit_id, 'units' AS key, id AS evidence_officials_id, unit
         FROM officials WHERE unit IN (SELECT value FROM json_each(:units)) ORDER BY id"""
[params]
units = ["甲局", "丙局"]
"#;
    let models = validate(&conn, file).unwrap();
    let params = crate::models::Params::defaults(&models[0].spec());
    let cancel = CancelFlag::new();
    let drafts = models[0]
        .run(&ModelContext {
            conn: &conn,
            params: &params,
            cancel: &cancel,
            cache: &RunCache::default(),
        })
        .unwrap();
    let units: Vec<&str> = drafts.iter().map(|d| d.summary.as_str()).collect();
    assert_eq!(units, ["甲局", "丙局"]);
    assert!(drafts.iter().all(|d| d.key == "units"));
}

#[test]
fn a_pack_round_trips_through_export_and_import() {
    let conn = case();
    let second = model_with(GOOD, "{n}");
    let pack = pack_text(&[&parse(EXAMPLE).unwrap()[0], &parse(&second).unwrap()[0]]).unwrap();
    assert!(pack.contains("[[model]]"), "{pack}");
    let ids = import(&conn, &pack, STAMP).unwrap();
    assert_eq!(ids, ["example-large-cash", "t-model"]);
    let exported = export_pack(&conn, &[]).unwrap();
    let again: Vec<ModelFile> = parse(&exported)
        .unwrap()
        .into_iter()
        .map(|m| m.file)
        .collect();
    let before: Vec<ModelFile> = parse(&pack).unwrap().into_iter().map(|m| m.file).collect();
    assert_eq!(again, before);
    let one = export_pack(&conn, &["t-model".to_string()]).unwrap();
    assert_eq!(parse(&one).unwrap().len(), 1);
    assert_eq!(
        export_pack(&conn, &["nope".to_string()])
            .unwrap_err()
            .kind(),
        "not_found"
    );
}

#[test]
fn importing_is_all_or_nothing_replaces_by_id_and_is_audited() {
    let conn = case();
    import(&conn, EXAMPLE, STAMP).unwrap();
    let broken = format!("[[model]]\n{}\n[[model]]\nid = \"t-bad\"\nname = \"n\"\nsummary = \"s\"\nsql = \"UPDATE officials SET name = 1\"", &model_with(GOOD, "{n}").replace("[params]", "[model.params]"));
    assert_eq!(
        import(&conn, &broken, STAMP).unwrap_err().kind(),
        "bad_user_model"
    );
    let ids: Vec<String> = stored(&conn)
        .unwrap()
        .iter()
        .map(|m| m.id().to_string())
        .collect();
    assert_eq!(ids, ["example-large-cash"]);
    import(
        &conn,
        &EXAMPLE.replace("大额现金存取\"", "大额现金\""),
        STAMP,
    )
    .unwrap();
    assert_eq!(stored(&conn).unwrap()[0].spec().name, "大额现金");
    remove(&conn, "example-large-cash", STAMP).unwrap();
    assert!(stored(&conn).unwrap().is_empty());
    assert_eq!(
        remove(&conn, "example-large-cash", STAMP)
            .unwrap_err()
            .kind(),
        "not_found"
    );
    let mut stmt = conn
        .prepare("SELECT action FROM audit_log ORDER BY seq")
        .unwrap();
    let actions: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(actions, ["models.import", "models.import", "models.remove"]);
}

#[test]
fn summaries_show_money_and_literal_braces() {
    let cols = ["a".to_string(), "b".to_string()];
    let t = shape::Template::parse("{{{a}}} {b}元", &cols).unwrap();
    let row = [Value::Integer(2024), Value::Real(1_200_000.0)];
    assert_eq!(t.render(&row), "{2024} 1,200,000元");
    for (x, want) in [
        (0.0, "0"),
        (999.5, "999.50"),
        (1234.0, "1,234"),
        (-52_000.05, "-52,000.05"),
    ] {
        assert_eq!(shape::money(x), want);
    }
}
