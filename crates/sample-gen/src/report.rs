//! `expected.json` and `README.md` for the sample case, both generated from the case so
//! they always agree with the files.
//!
//! Describes; never changes the case.

use crate::case::{Case, Expect, Format, OutFile};
use crate::json::Json;
use crate::writers::RowKind;

pub const REGENERATE: &str =
    "cargo run -p mingjing-sample-gen --bin mingjing-sample -- small --out sample-data/case";

struct Counts {
    data: usize,
    rejected: usize,
    blank: usize,
    footer: usize,
}

fn counts(f: &OutFile) -> Counts {
    let mut c = Counts {
        data: 0,
        rejected: 0,
        blank: 0,
        footer: 0,
    };
    for s in &f.sheets {
        c.data += s.count(|k| matches!(k, RowKind::Data | RowKind::Reject(_)));
        c.rejected += s.count(|k| matches!(k, RowKind::Reject(_)));
        c.blank += s.count(|k| *k == RowKind::Blank);
        c.footer += s.count(|k| *k == RowKind::Footer);
    }
    c
}

fn format_label(f: &OutFile) -> String {
    match f.format {
        Format::Xlsx => "xlsx".into(),
        Format::Csv(e) => format!("csv ({})", e.label()),
    }
}

fn expect_json(e: &Expect) -> Json {
    Json::obj(vec![
        (
            "subjects",
            Json::Arr(
                e.subjects
                    .iter()
                    .map(|(r, id)| Json::obj(vec![("role", Json::s(*r)), ("id", Json::s(id))]))
                    .collect(),
            ),
        ),
        ("explanation", Json::s(&e.zh)),
        (
            "records",
            Json::Arr(
                e.refs
                    .iter()
                    .map(|r| {
                        Json::obj(vec![
                            ("file", Json::s(r.file)),
                            ("sheet", Json::s(&r.sheet)),
                            ("row", Json::Num(r.row as i64)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn model_ids(case: &Case) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for e in case.expects.iter().filter(|e| e.model != "invalid-id") {
        if !ids.contains(&e.model) {
            ids.push(e.model);
        }
    }
    ids
}

pub fn expected_json(case: &Case) -> String {
    let models = model_ids(case)
        .into_iter()
        .map(|m| {
            let of = |planted: bool| {
                Json::Arr(
                    case.expects
                        .iter()
                        .filter(|e| e.model == m && e.planted == planted)
                        .map(expect_json)
                        .collect(),
                )
            };
            (
                m.to_string(),
                Json::obj(vec![("must_fire", of(true)), ("must_not_fire", of(false))]),
            )
        })
        .collect();
    let files = case
        .files
        .iter()
        .map(|f| {
            let c = counts(f);
            let sheets = f.sheets.iter().map(|s| {
                Json::obj(vec![
                    ("name", Json::s(&s.name)),
                    ("header_row", Json::Num(s.banner.len() as i64 + 1)),
                    (
                        "data_rows",
                        Json::Num(
                            s.count(|k| matches!(k, RowKind::Data | RowKind::Reject(_))) as i64
                        ),
                    ),
                    (
                        "rejected_rows",
                        Json::Num(s.count(|k| matches!(k, RowKind::Reject(_))) as i64),
                    ),
                ])
            });
            let dup = if f.name == crate::files::BANK_PLATFORM {
                1
            } else {
                0
            };
            (
                f.name.to_string(),
                Json::obj(vec![
                    ("kind", Json::s(f.kind)),
                    ("format", Json::s(format_label(f))),
                    ("data_rows", Json::Num(c.data as i64)),
                    ("rejected_rows", Json::Num(c.rejected as i64)),
                    ("blank_rows", Json::Num(c.blank as i64)),
                    ("footer_rows", Json::Num(c.footer as i64)),
                    ("duplicate_rows", Json::Num(dup)),
                    ("sheets", Json::Arr(sheets.collect())),
                ]),
            )
        })
        .collect();
    let invalid = Json::Arr(
        case.expects
            .iter()
            .filter(|e| e.model == "invalid-id")
            .map(expect_json)
            .collect(),
    );
    let root = Json::obj(vec![
        ("about", Json::s("Expectations for the Mingjing sample case. data_rows counts every row meant as a record (rejected rows included; blank rows and footer lines not). Row numbers are 1-based sheet rows (csv: 1-based lines).")),
        ("regenerate", Json::s(REGENERATE)),
        ("models", Json::Obj(models)),
        ("invalid_id_numbers", invalid),
        ("files", Json::Obj(files)),
    ]);
    let mut out = String::new();
    root.render(0, &mut out);
    out.push('\n');
    out
}

fn refs_text(e: &Expect) -> String {
    let mut parts: Vec<(String, Vec<usize>)> = Vec::new();
    for r in &e.refs {
        let key = if r.file.ends_with(".csv") || r.sheet.is_empty() {
            r.file.to_string()
        } else {
            format!("{}!{}", r.file, r.sheet)
        };
        match parts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rows)) => rows.push(r.row),
            None => parts.push((key, vec![r.row])),
        }
    }
    parts
        .into_iter()
        .map(|(k, rows)| {
            format!(
                "{k} {}",
                rows.iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn readme(case: &Case) -> String {
    let mut s = String::new();
    s.push_str(README_HEAD);
    s.push_str("\n## 文件 / Files\n\n| 文件 file | 类型 kind | 格式 format | 数据行 data rows | 须拒收 rejected | 版式与杂乱 layout and messiness |\n| --- | --- | --- | --- | --- | --- |\n");
    for f in &case.files {
        let c = counts(f);
        s.push_str(&format!(
            "| `case/{}` | `{}` | {} | {} | {} | {}<br>{} |\n",
            f.name,
            f.kind,
            format_label(f),
            c.data,
            c.rejected,
            f.about.0,
            f.about.1
        ));
    }
    s.push_str("\n## 预置案例与近似干扰项 / Planted cases and near-misses\n\n");
    s.push_str("“应命中”是必须被模型找出的真问题;“不应命中”是看起来相似、但按模型规则不能报警的干扰项。行号为工作表中的行号(从1开始,含标题行;CSV为文件行号)。\n\n");
    s.push_str("*Must fire* rows are true cases a model has to find; *must not fire* rows look alike but are outside the rule. Row numbers are 1-based sheet rows (banner lines included; csv: file lines).\n\n");
    s.push_str("| 模型 model | 应命中? fires? | 说明 (中文) | description | 主体 subjects | 记录 file / rows |\n| --- | --- | --- | --- | --- | --- |\n");
    for e in &case.expects {
        let subjects = e
            .subjects
            .iter()
            .map(|(r, id)| format!("{r}: `{id}`"))
            .collect::<Vec<_>>()
            .join("<br>");
        let fires = match (e.model, e.planted) {
            ("invalid-id", _) => "标记 flag",
            (_, true) => "应命中 must fire",
            (_, false) => "不应命中 must not",
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            e.model,
            fires,
            e.zh,
            e.en,
            subjects,
            refs_text(e)
        ));
    }
    s.push_str(&format!("\n## 重新生成 / Regenerate\n\n```sh\n{REGENERATE}\n```\n\n输出与平台无关、逐字节可复现(固定种子的SplitMix64;工作簿创建时间固定为2024-07-01)。README.md 与 expected.json 由同一命令写在 `--out` 目录的上一级。\n\nThe output is byte-identical on every run and platform (fixed-seed SplitMix64; workbook creation time fixed at 2024-07-01). This README and `expected.json` are written by the same command, next to the `--out` directory.\n\n大数据量基准案例(不提交,`bench-data/` 已被git忽略)/ The large benchmark case (not committed; `bench-data/` is git-ignored):\n\n```sh\ncargo run --release -p mingjing-sample-gen --bin mingjing-sample -- large --out bench-data/large [--transactions 1000000] [--people 100000]\n```\n\n它覆盖全部十二类数据和一个名单,规模按约10万人的县成比例(默认值):银行流水100万行(xlsx与csv各一份,内容相同)、户籍10万人、公职人员及村(社区)干部5,000人、企业5,000家(股东及主要人员1万行)、采购合同约1万份、投标约2万条(5,000个项目)、惠民惠农资金约15万笔、死亡登记3,000人、医保结算约10万笔、工资6万行(2023年12个月)、发票约10万张、失信被执行人名单5,000人。各文件的身份证号、信用代码、单位和账户取自同一人口与企业库,可相互关联。背景数据经过设计不会偶然命中惠民资金、工资、医保、投标、发票和名单类模型;另预置了约150个真问题(每个模型10—25个:死亡后仍领取、代领入干部账户、干部违规领取低保、干部子女领取助学金、互斥资金、重复领工资、异常就医、名单碰撞、围标串标、连号发票、拆分采购),清单写在输出目录的 `planted.tsv`(不是提取文件,不要导入)。默认规模约25秒生成,约376 MB。\n\nIt covers all twelve kinds plus a named list, sized for a county of about 100,000 people (the defaults): 1,000,000 bank rows (the same rows as xlsx and as csv), 100,000 household members, 5,000 officials and village/community cadres, 5,000 companies (10,000 shareholder rows), about 10,000 contracts, about 20,000 bids over 5,000 tenders, about 150,000 benefit payments, 3,000 deaths, about 100,000 medical claims, 60,000 salary rows (12 months of 2023), about 100,000 invoices and a 5,000-person dishonest-debtor list. ID numbers, credit codes, units and accounts come from one population and company registry, so they join across files. The background is built not to fire the benefit, salary, medical, bid, invoice and list models by chance; about 150 true cases are planted (10–25 per model: paid after death, benefits paid into a cadre's account, cadres on 低保, officials' children on student aid, mutually exclusive programs, duplicate salaries, frequent or costly medical claims, list matches, shared bid IP/MAC/phone, sequential invoices, split procurement), listed in `planted.tsv` in the output directory (not an extract: do not import it). At the default size it takes about 25 seconds and about 376 MB.\n"));
    s
}

const README_HEAD: &str = "# 明镜示例案例 / Mingjing sample case

本目录是一个**完全虚构**的县级案例(青禾县):所有人名、单位、企业、账户均为虚构;身份证号使用真实的湖南邵阳地区行政区划代码(4305xx)与真实出生日期,并满足GB 11643校验;统一社会信用代码满足GB 32100校验;银行卡号满足Luhn校验。它覆盖数据字典中的全部十二类数据和一个名单(酒驾名单),包含真实数据中常见的杂乱情况,并为每个监督模型预置了应命中的真问题和不应命中的近似干扰项。

This folder is an entirely **fictional** county case (Qinghe County): every name, unit, company and account is made up. ID numbers use real area codes of Shaoyang, Hunan (4305xx) and real birth dates and pass the GB 11643 check; credit codes pass GB 32100; bank cards pass Luhn. It covers all twelve extract kinds of the data dictionary plus one named list (a drink-driving list), carries the messiness real extracts have, and plants, for every supervision model, true cases that must fire and near-misses that must not.

`expected.json` 是机器可读的期望:每个模型应找到/不应找到的主体,以及每个文件的数据行数和须拒收行数;引擎测试以它为准。

`expected.json` holds the same expectations in machine-readable form: for each model the subjects that must and must not be found, and for each file its number of data rows and of rows that must be rejected. Engine tests assert against it.
";
