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
    s.push_str(&format!("\n## 重新生成 / Regenerate\n\n```sh\n{REGENERATE}\n```\n\n输出与平台无关、逐字节可复现(固定种子的SplitMix64;工作簿创建时间固定为2024-07-01)。README.md 与 expected.json 由同一命令写在 `--out` 目录的上一级。\n\nThe output is byte-identical on every run and platform (fixed-seed SplitMix64; workbook creation time fixed at 2024-07-01). This README and `expected.json` are written by the same command, next to the `--out` directory.\n\n大数据量基准案例(不提交,`bench-data/` 已被git忽略)/ The large benchmark case (not committed; `bench-data/` is git-ignored):\n\n```sh\ncargo run --release -p mingjing-sample-gen --bin mingjing-sample -- large --out bench-data/large [--transactions 1000000] [--people 100000]\n```\n"));
    s
}

const README_HEAD: &str = "# 明镜示例案例 / Mingjing sample case

本目录是一个**完全虚构**的县级案例(青禾县):所有人名、单位、企业、账户均为虚构;身份证号使用真实的湖南邵阳地区行政区划代码(4305xx)与真实出生日期,并满足GB 11643校验;统一社会信用代码满足GB 32100校验;银行卡号满足Luhn校验。它覆盖数据字典中的全部十二类数据和一个名单(酒驾名单),包含真实数据中常见的杂乱情况,并为每个监督模型预置了应命中的真问题和不应命中的近似干扰项。

This folder is an entirely **fictional** county case (Qinghe County): every name, unit, company and account is made up. ID numbers use real area codes of Shaoyang, Hunan (4305xx) and real birth dates and pass the GB 11643 check; credit codes pass GB 32100; bank cards pass Luhn. It covers all twelve extract kinds of the data dictionary plus one named list (a drink-driving list), carries the messiness real extracts have, and plants, for every supervision model, true cases that must fire and near-misses that must not.

`expected.json` 是机器可读的期望:每个模型应找到/不应找到的主体,以及每个文件的数据行数和须拒收行数;引擎测试以它为准。

`expected.json` holds the same expectations in machine-readable form: for each model the subjects that must and must not be found, and for each file its number of data rows and of rows that must be rejected. Engine tests assert against it.
";
