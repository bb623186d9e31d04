//! Tests of entity resolution and family relations on hand-built cases.

use super::fixture::*;
use super::*;

fn relation_line(r: &Relation) -> String {
    let name = |k: &Kin| k.name.clone().unwrap_or_default();
    format!(
        "{} {} {}→{}",
        r.kind.code(),
        r.words,
        name(&r.a),
        name(&r.b)
    )
}

/// Relation between a head of household (no ID number, sex unknown) and one member
/// whose relation word is `word`.
fn check(word: &str, expected: Option<&str>) {
    let conn = case();
    household(&conn, "H1", "户主", None, "户主");
    household(&conn, "H1", "成员", None, word);
    let got: Vec<String> = relatives(&conn)
        .unwrap()
        .iter()
        .map(relation_line)
        .collect();
    let want: Vec<String> = expected.into_iter().map(String::from).collect();
    assert_eq!(got, want, "word {word}");
}

#[test]
fn every_relation_word_relates_the_member_to_the_head() {
    check("户主", None);
    check("其他", None);
    check("保姆", None);
    check("配偶", Some("spouse 配偶 户主→成员"));
    for w in ["妻", "妻子"] {
        check(w, Some("spouse 夫妻 户主→成员"));
    }
    for w in ["夫", "丈夫"] {
        check(w, Some("spouse 夫妻 成员→户主"));
    }
    for w in [
        "子",
        "儿子",
        "长子",
        "次子",
        "三子",
        "四子",
        "二儿子",
        "独生子",
        "养子",
    ] {
        check(w, Some("parent_child 父母/儿子 户主→成员"));
    }
    for w in ["女", "女儿", "长女", "次女", "三女", "小女儿", "独生女"] {
        check(w, Some("parent_child 父母/女儿 户主→成员"));
    }
    check("子女", Some("parent_child 父母/子女 户主→成员"));
    check("父亲", Some("parent_child 父亲/子女 成员→户主"));
    check("父", Some("parent_child 父亲/子女 成员→户主"));
    check("母亲", Some("parent_child 母亲/子女 成员→户主"));
    check("母", Some("parent_child 母亲/子女 成员→户主"));
    for w in ["兄", "哥哥"] {
        check(w, Some("sibling 兄弟姐妹 成员→户主"));
    }
    for w in ["弟", "妹", "姐"] {
        let line = if w == "姐" {
            "sibling 兄弟姐妹 成员→户主"
        } else {
            "sibling 兄弟姐妹 户主→成员"
        };
        check(w, Some(line));
    }
    check("儿媳", Some("in_law 公婆/儿媳 户主→成员"));
    check("长媳", Some("in_law 公婆/儿媳 户主→成员"));
    check("女婿", Some("in_law 岳父母/女婿 户主→成员"));
    check("孙子", Some("grandparent_grandchild 祖父母/孙子 户主→成员"));
    check("孙女", Some("grandparent_grandchild 祖父母/孙女 户主→成员"));
    check(
        "外孙子",
        Some("grandparent_grandchild 外祖父母/外孙子 户主→成员"),
    );
    check(
        "外孙女",
        Some("grandparent_grandchild 外祖父母/外孙女 户主→成员"),
    );
    check("公公", Some("in_law 公公/儿媳 成员→户主"));
    check("婆婆", Some("in_law 婆婆/儿媳 成员→户主"));
    check("岳父", Some("in_law 岳父/女婿 成员→户主"));
    check("岳母", Some("in_law 岳母/女婿 成员→户主"));
    check("祖父", Some("grandparent_grandchild 祖父/孙子女 成员→户主"));
    check("祖母", Some("grandparent_grandchild 祖母/孙子女 成员→户主"));
    check(
        "外祖父",
        Some("grandparent_grandchild 外祖父/外孙子女 成员→户主"),
    );
    check(
        "外祖母",
        Some("grandparent_grandchild 外祖母/外孙子女 成员→户主"),
    );
    for w in ["嫂", "弟媳", "姐夫", "妹夫"] {
        check(w, Some("in_law 配偶的兄弟姐妹/兄弟姐妹的配偶 户主→成员"));
    }
}

/// A three-generation household: every pair's relation, derived through the head.
#[test]
fn members_are_related_to_each_other_through_the_head() {
    let conn = case();
    let members = [
        ("张父", pid("19600101", 1, true), "户主"),
        ("李母", pid("19620101", 2, false), "妻"),
        ("张大", pid("19850101", 3, true), "长子"),
        ("张二", pid("19880101", 4, true), "次子"),
        ("张女", pid("19900101", 5, false), "长女"),
        ("赵婿", pid("19890101", 6, true), "女婿"),
        ("张祖", pid("19350101", 7, true), "父亲"),
        ("王祖母", pid("19370101", 8, false), "母亲"),
        ("张伯", pid("19550101", 9, true), "兄"),
        ("赵外孙女", pid("20150101", 10, false), "外孙女"),
    ];
    for (name, id, word) in &members {
        household(&conn, "H1", name, Some(id), word);
    }
    let mut got: Vec<String> = relatives(&conn)
        .unwrap()
        .iter()
        .map(relation_line)
        .collect();
    got.sort();
    let want = "\
grandparent_grandchild 外祖父/外孙女 张父→赵外孙女
grandparent_grandchild 外祖母/外孙女 李母→赵外孙女
grandparent_grandchild 祖父/孙女 张祖→张女
grandparent_grandchild 祖父/孙子 张祖→张二
grandparent_grandchild 祖父/孙子 张祖→张大
grandparent_grandchild 祖母/孙女 王祖母→张女
grandparent_grandchild 祖母/孙子 王祖母→张二
grandparent_grandchild 祖母/孙子 王祖母→张大
in_law 公公/儿媳 张祖→李母
in_law 婆婆/儿媳 王祖母→李母
in_law 岳父/女婿 张父→赵婿
in_law 岳母/女婿 李母→赵婿
in_law 配偶的兄弟姐妹/兄弟姐妹的配偶 张伯→李母
in_law 配偶的兄弟姐妹/兄弟姐妹的配偶 张二→赵婿
in_law 配偶的兄弟姐妹/兄弟姐妹的配偶 张大→赵婿
parent_child 母亲/儿子 李母→张二
parent_child 母亲/儿子 李母→张大
parent_child 母亲/女儿 李母→张女
parent_child 母亲/女儿 张女→赵外孙女
parent_child 父亲/儿子 张父→张二
parent_child 父亲/儿子 张父→张大
parent_child 父亲/儿子 张祖→张伯
parent_child 父亲/儿子 张祖→张父
parent_child 父亲/女儿 张父→张女
parent_child 父亲/女儿 赵婿→赵外孙女
parent_child 母亲/儿子 王祖母→张伯
parent_child 母亲/儿子 王祖母→张父
sibling 兄弟 张伯→张父
sibling 兄弟 张大→张二
sibling 兄妹 张二→张女
sibling 兄妹 张大→张女
spouse 夫妻 张父→李母
spouse 夫妻 张祖→王祖母
spouse 夫妻 赵婿→张女";
    let mut want: Vec<String> = want.lines().map(String::from).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_son_in_law_is_only_the_heads_in_law_when_the_head_has_two_daughters() {
    let conn = case();
    household(
        &conn,
        "H1",
        "户主甲",
        Some(&pid("19600101", 1, true)),
        "户主",
    );
    household(
        &conn,
        "H1",
        "大女",
        Some(&pid("19850101", 2, false)),
        "长女",
    );
    household(
        &conn,
        "H1",
        "二女",
        Some(&pid("19870101", 3, false)),
        "次女",
    );
    household(
        &conn,
        "H1",
        "女婿乙",
        Some(&pid("19840101", 4, true)),
        "女婿",
    );
    household(
        &conn,
        "H1",
        "孙丙",
        Some(&pid("20100101", 5, true)),
        "外孙子",
    );
    let lines: Vec<String> = relatives(&conn)
        .unwrap()
        .iter()
        .map(relation_line)
        .collect();
    let about = |name: &str| {
        lines
            .iter()
            .filter(|l| l.contains(name))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(about("女婿乙"), ["in_law 岳父/女婿 户主甲→女婿乙"]);
    assert_eq!(
        about("孙丙"),
        ["grandparent_grandchild 外祖父/外孙子 户主甲→孙丙"]
    );
}

#[test]
fn a_daughter_in_law_is_the_wife_of_the_only_son() {
    let conn = case();
    household(
        &conn,
        "H1",
        "户主甲",
        Some(&pid("19600101", 1, true)),
        "户主",
    );
    household(&conn, "H1", "儿子乙", Some(&pid("19850101", 2, true)), "子");
    household(
        &conn,
        "H1",
        "女儿丙",
        Some(&pid("19870101", 3, false)),
        "女",
    );
    household(
        &conn,
        "H1",
        "儿媳丁",
        Some(&pid("19860101", 4, false)),
        "儿媳",
    );
    household(
        &conn,
        "H1",
        "孙戊",
        Some(&pid("20120101", 5, false)),
        "孙女",
    );
    let lines: Vec<String> = relatives(&conn)
        .unwrap()
        .iter()
        .map(relation_line)
        .collect();
    assert!(
        lines.contains(&"spouse 夫妻 儿子乙→儿媳丁".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"in_law 配偶的兄弟姐妹/兄弟姐妹的配偶 女儿丙→儿媳丁".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"parent_child 父亲/女儿 儿子乙→孙戊".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"parent_child 母亲/女儿 儿媳丁→孙戊".to_string()),
        "{lines:#?}"
    );
}

#[test]
fn rows_without_an_id_number_are_related_only_inside_their_household() {
    let conn = case();
    household(&conn, "H1", "王五", None, "户主");
    household(&conn, "H1", "王小", None, "子");
    household(&conn, "H2", "王五", None, "户主");
    household(&conn, "H2", "赵某", None, "妻");
    let rels = relatives(&conn).unwrap();
    assert_eq!(rels.len(), 2);
    assert_ne!(rels[0].a.key, rels[1].a.key, "two 王五 rows are two people");
    assert!(rels[0].a.key.starts_with("households#"));
    assert_eq!(rels[0].a.id_number, None);
    let stats = rebuilt(&conn);
    assert_eq!(stats.entities["person"], 4);
    assert_eq!(stats.links["relative"], 2);
}

#[test]
fn relatives_of_one_person_carry_sources_and_manual_entries() {
    let conn = case();
    let (head, son, other) = (
        pid("19600101", 1, true),
        pid("19850101", 2, true),
        pid("19700101", 3, false),
    );
    household(&conn, "H1", "张三", Some(&head), "户主");
    household(&conn, "H1", "张小三", Some(&son), "长子");
    household(&conn, "H9", "路人", Some(&other), "户主");
    let new = NewManualRelation {
        id_number_a: head.clone(),
        id_number_b: other.clone(),
        relation: RelationKind::Sibling,
        a_is: Some("兄".into()),
        b_is: Some("妹".into()),
        note: Some("谈话笔录".into()),
        created_by: "调查员".into(),
        created_at: "2024-03-01 10:00:00".into(),
    };
    let manual_id = add_manual_relation(&conn, &new).unwrap();
    let rels = relatives_of(&conn, &head).unwrap();
    assert_eq!(rels.len(), 2);
    assert_eq!(rels[0].a_is, "父亲");
    assert_eq!(rels[0].b.id_number.as_deref(), Some(son.as_str()));
    assert_eq!(rels[0].sources.len(), 2);
    assert_eq!(rels[0].sources[1].row, 3);
    assert_eq!(rels[0].sources[1].file_name, "extract.xlsx");
    assert_eq!(rels[1].words, "兄/妹");
    assert!(matches!(rels[1].origin, RelationOrigin::Manual { id, .. } if id == manual_id));
    assert!(rels[1].b.id_valid);
    assert_eq!(relatives_of(&conn, &son).unwrap().len(), 1);
    let stats = rebuilt(&conn);
    assert_eq!(stats.links["relative"], 2);
    assert!(delete_manual_relation(&conn, manual_id).unwrap());
    assert_eq!(relatives_of(&conn, &head).unwrap().len(), 1);
}

#[test]
fn a_manual_relation_needs_two_different_people() {
    let conn = case();
    let id = pid("19600101", 1, true);
    let new = NewManualRelation {
        id_number_a: id.clone(),
        id_number_b: id,
        relation: RelationKind::Spouse,
        a_is: None,
        b_is: None,
        note: None,
        created_by: "x".into(),
        created_at: "2024-01-01 00:00:00".into(),
    };
    assert_eq!(
        add_manual_relation(&conn, &new).unwrap_err().kind(),
        "invalid_argument"
    );
}

fn entity_keys(
    conn: &rusqlite::Connection,
    ty: &str,
) -> Vec<(String, Option<String>, Option<i64>)> {
    let mut stmt = conn
        .prepare("SELECT key, name, valid FROM entities WHERE type = ?1 ORDER BY key")
        .unwrap();
    stmt.query_map([ty], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn same_name_with_different_id_numbers_are_different_people() {
    let conn = case();
    let (a, b) = (pid("19700101", 1, true), pid("19710101", 2, true));
    official(&conn, "张伟", Some(&a), "某局", "2020-01-01", None);
    official(&conn, "张伟", Some(&b), "某局", "2020-01-01", None);
    official(&conn, "张伟", None, "某局", "2020-01-01", None);
    official(&conn, "张伟", None, "某局", "2020-01-01", None);
    rebuilt(&conn);
    let people = entity_keys(&conn, "person");
    assert_eq!(people.len(), 4);
    assert_eq!(
        people
            .iter()
            .filter(|p| p.0.starts_with("officials#"))
            .count(),
        2
    );
    assert!(people.iter().all(|p| p.1.as_deref() == Some("张伟")));
}

#[test]
fn one_id_number_seen_in_several_extracts_is_one_person() {
    // The importer stores 15-digit numbers upgraded to 18 digits, so they arrive equal.
    let conn = case();
    let id = pid("19700101", 1, true);
    official(&conn, "李四", Some(&id), "某局", "2020-01-01", None);
    household(&conn, "H1", "李四", Some(&id), "户主");
    insert(
        &conn,
        "deaths",
        &[
            ("name", text("李四")),
            ("id_number", text(&id)),
            ("id_number_valid", 1.into()),
        ],
    );
    rebuilt(&conn);
    assert_eq!(
        entity_keys(&conn, "person"),
        [(id.clone(), Some("李四".into()), Some(1))]
    );
    let e = find_entities(&conn, &id).unwrap();
    let kinds: Vec<String> = entity_sources(&conn, e[0].id)
        .unwrap()
        .into_iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(kinds, ["deaths", "households", "officials"]);
}

#[test]
fn an_invalid_id_number_matches_only_its_exact_string() {
    let conn = case();
    insert(
        &conn,
        "deaths",
        &[
            ("name", text("甲")),
            ("id_number", text("11010119700101001")),
            ("id_number_valid", 0.into()),
        ],
    );
    insert(
        &conn,
        "deaths",
        &[
            ("name", text("甲")),
            ("id_number", text("11010119700101001")),
            ("id_number_valid", 0.into()),
        ],
    );
    insert(
        &conn,
        "deaths",
        &[
            ("name", text("甲")),
            ("id_number", text("110101197001010019")),
            ("id_number_valid", 0.into()),
        ],
    );
    rebuilt(&conn);
    let people = entity_keys(&conn, "person");
    assert_eq!(people.len(), 2);
    assert!(people.iter().all(|p| p.2 == Some(0)));
}

#[test]
fn companies_are_one_by_credit_code_then_by_unique_name() {
    let conn = case();
    let code = "91110105MA01ABCD1X";
    company(&conn, "甲科技有限公司", Some(code), None, None);
    contract(
        &conn,
        "HT-1",
        "某局",
        "甲科技有限公司",
        None,
        1000.0,
        "2023-05-06",
    );
    // Two coded companies share a name: a name-only record cannot pick one.
    company(
        &conn,
        "乙商贸有限公司",
        Some("91110105MA01ABCD2X"),
        None,
        None,
    );
    company(
        &conn,
        "乙商贸有限公司",
        Some("91110105MA01ABCD3X"),
        None,
        None,
    );
    contract(
        &conn,
        "HT-2",
        "某局",
        "乙商贸有限公司",
        None,
        1000.0,
        "2023-05-06",
    );
    // No code anywhere: one company by exact name.
    contract(
        &conn,
        "HT-3",
        "某局",
        "丙建设工程有限公司",
        None,
        1000.0,
        "2023-05-06",
    );
    contract(
        &conn,
        "HT-4",
        "某局",
        "丙建设工程有限公司",
        None,
        1000.0,
        "2023-06-06",
    );
    rebuilt(&conn);
    let keys: Vec<String> = entity_keys(&conn, "company")
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(
        keys,
        [
            code,
            "91110105MA01ABCD2X",
            "91110105MA01ABCD3X",
            "丙建设工程有限公司",
            "乙商贸有限公司"
        ]
    );
    let contracted: i64 = conn
        .query_row(
            "SELECT count(*) FROM links l JOIN entities e ON e.id = l.src WHERE l.type = 'contracted_with' AND e.key = ?1",
            [code],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(contracted, 1);
}

#[test]
fn company_roles_become_shareholder_legal_rep_and_key_person_links() {
    let conn = case();
    let code = "91110105MA01ABCD1X";
    let (boss, wife) = (pid("19700101", 1, true), pid("19720101", 2, false));
    company(
        &conn,
        "甲科技有限公司",
        Some(code),
        Some(("王总", &boss)),
        Some("13800000000"),
    );
    company_person(&conn, code, "王总", &boss, "法定代表人", None);
    company_person(&conn, code, "李氏", &wife, "股东", Some(0.6));
    company_person(&conn, code, "李氏", &wife, "监事", None);
    rebuilt(&conn);
    let mut stmt = conn
        .prepare("SELECT type, label FROM links ORDER BY id")
        .unwrap();
    let links: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let want = [
        ("legal_rep", "法定代表人"),
        ("shareholder", "股东(60%)"),
        ("key_person", "监事"),
    ];
    assert_eq!(links, want.map(|(a, b)| (a.to_string(), b.to_string())));
    let legal = find_entities(&conn, &boss).unwrap();
    let sources: i64 = conn
        .query_row("SELECT count(*) FROM link_sources ls JOIN links l ON l.id = ls.link_id WHERE l.src = ?1", [legal[0].id.0], |r| r.get(0))
        .unwrap();
    assert_eq!(
        sources, 2,
        "registry and shareholder list both back the legal representative"
    );
}

#[test]
fn paid_links_count_each_transfer_once_per_currency_and_skip_failures() {
    let conn = case();
    let (a, b) = ("6222000000000001", "6222000000000002");
    Txn::out(a, b, "2024-01-05 10:00:00", 1000.0).insert(&conn);
    Txn::into_(b, a, "2024-01-05 10:00:00", 1000.0).insert(&conn); // the same transfer, seen from b
    Txn {
        currency: Some("USD"),
        ..Txn::out(a, b, "2024-01-06 10:00:00", 50.0)
    }
    .insert(&conn);
    Txn {
        success: Some(0),
        ..Txn::out(a, b, "2024-01-07 10:00:00", 9999.0)
    }
    .insert(&conn);
    Txn {
        currency: Some("人民币"),
        ..Txn::into_(a, b, "2024-02-01 09:00:00", 300.0)
    }
    .insert(&conn);
    let stats = rebuilt(&conn);
    assert_eq!(stats.links["paid"], 2);
    let mut stmt = conn
        .prepare(
            "SELECT label, detail, start_date, end_date FROM links WHERE type = 'paid' ORDER BY id",
        )
        .unwrap();
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows[0].0, "转账2笔 共1,000元 + 50 USD");
    let detail: serde_json::Value = serde_json::from_str(&rows[0].1).unwrap();
    assert_eq!(detail["totals"]["CNY"], 1000.0);
    assert_eq!(detail["count"], 2);
    assert_eq!(
        (rows[0].2.as_str(), rows[0].3.as_str()),
        ("2024-01-05", "2024-01-06")
    );
    assert_eq!(rows[1].0, "转账1笔 共300元");
    let link: i64 = conn
        .query_row(
            "SELECT id FROM links WHERE type = 'paid' ORDER BY id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let sources = link_sources(&conn, LinkId(link), 10).unwrap();
    assert_eq!(
        sources.iter().map(|s| s.row).collect::<Vec<_>>(),
        [2, 3, 4],
        "both copies and the USD row; not the failed one"
    );
}

#[test]
fn holders_and_benefit_accounts_are_linked() {
    let conn = case();
    let holder = pid("19700101", 1, true);
    Txn {
        holder_id: Some(&holder),
        ..Txn::out(
            "6222000000000001",
            "6222000000000002",
            "2024-01-05 10:00:00",
            10.0,
        )
    }
    .insert(&conn);
    let (ben, proxy) = (pid("19400101", 2, false), pid("19410101", 3, false));
    for (id, name, holder) in [(&ben, "老人甲", None), (&proxy, "老人乙", Some("村干部丙"))]
    {
        insert(
            &conn,
            "benefits",
            &[
                ("name", text(name)),
                ("id_number", text(id)),
                ("id_number_valid", 1.into()),
                ("account", text(&format!("62100000{}", &id[6..14]))),
                ("account_valid", 1.into()),
                ("account_holder", opt(holder)),
                ("amount", rusqlite::types::Value::Real(100.0)),
            ],
        );
    }
    let stats = rebuilt(&conn);
    assert_eq!(
        stats.links["holds_account"], 2,
        "the proxy-paid beneficiary does not hold the payee's account"
    );
    assert_eq!(stats.entities["account"], 4);
}

#[test]
fn officials_serve_at_units_over_their_tenure_and_bidders_share_attributes() {
    let conn = case();
    official(
        &conn,
        "赵局",
        Some(&pid("19700101", 1, true)),
        "某某局",
        "2019-01-01",
        Some("2022-12-31"),
    );
    for (i, phone) in ["13900000001", "13900000001", "13900000002"]
        .iter()
        .enumerate()
    {
        insert(
            &conn,
            "bids",
            &[
                ("tender_no", text("ZB-1")),
                ("bidder_name", text(&format!("投标{i}有限公司"))),
                ("phone", text(phone)),
                ("ip", text("10.0.0.8")),
            ],
        );
    }
    let stats = rebuilt(&conn);
    let (start, end, label): (String, String, String) = conn
        .query_row(
            "SELECT start_date, end_date, label FROM links WHERE type = 'serves_at'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (start.as_str(), end.as_str(), label.as_str()),
        ("2019-01-01", "2022-12-31", "任职(科长)")
    );
    assert_eq!(stats.links["bid_in"], 3);
    assert_eq!(
        stats.links["shares_attribute"], 4,
        "one shared phone pair, three shared IP pairs"
    );
    assert_eq!(stats.entities["tender"], 1);
}

#[test]
fn a_rebuild_replaces_the_previous_one() {
    let conn = case();
    household(&conn, "H1", "甲", Some(&pid("19600101", 1, true)), "户主");
    household(&conn, "H1", "乙", Some(&pid("19620101", 2, false)), "妻");
    let first = rebuilt(&conn);
    let second = rebuilt(&conn);
    assert_eq!(first, second);
    let links: i64 = conn
        .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(links, 1);
}

#[test]
fn a_cancelled_rebuild_keeps_the_previous_entities() {
    let conn = case();
    household(&conn, "H1", "甲", Some(&pid("19600101", 1, true)), "户主");
    rebuilt(&conn);
    let cancel = crate::progress::CancelFlag::new();
    cancel.cancel();
    let err = super::rebuild(&conn, &mut crate::progress::NoProgress, &cancel).unwrap_err();
    assert_eq!(err.kind(), "cancelled");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM entities", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn entities_are_found_by_canonical_id_typed_id_or_name() {
    let conn = case();
    contract(
        &conn,
        "HT-9",
        "某某局",
        "甲公司有限公司",
        None,
        5.0,
        "2023-01-01",
    );
    rebuilt(&conn);
    assert_eq!(
        find_entities(&conn, "HT-9").unwrap()[0].ty,
        EntityType::Contract
    );
    assert_eq!(
        find_entities(&conn, "unit:某某局").unwrap()[0].ty,
        EntityType::Unit
    );
    assert!(find_entities(&conn, "person:HT-9").unwrap().is_empty());
    assert_eq!(
        find_entities(&conn, "甲公司有限公司").unwrap()[0].valid,
        None
    );
}

#[test]
fn labels_format_money_and_ratios() {
    use super::derived::{percent, thousands};
    assert_eq!(thousands(1_200_000.0), "1,200,000");
    assert_eq!(thousands(1234.5), "1,234.50");
    assert_eq!(thousands(999.0), "999");
    assert_eq!(percent(0.6), "60%");
    assert_eq!(percent(0.355), "35.5%");
}

#[test]
fn a_rebuild_restores_every_index_of_the_derived_tables() {
    let conn = case();
    let indexes = |conn: &rusqlite::Connection| -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let squash = |v: Vec<(String, String)>| -> Vec<(String, String)> {
        v.into_iter()
            .map(|(n, sql)| (n, sql.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect()
    };
    let before = squash(indexes(&conn));
    rebuilt(&conn);
    let after = squash(indexes(&conn));
    let missing: Vec<_> = before.iter().filter(|i| !after.contains(i)).collect();
    assert!(missing.is_empty(), "{missing:?}");
    // A rebuild also makes the bank lookup indexes that imports drop.
    let added: Vec<&str> = after
        .iter()
        .filter(|i| !before.contains(i))
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(
        added,
        ["bank_transactions_counterparty", "bank_transactions_pair"]
    );
}
