//! Finding the header row under title banners, and telling a sheet's kind from its
//! headers. Works on the first rows of a sheet only; it does not map or parse values.

use super::cell::Cell;
use super::mapping::{field_for, ColumnMap, Mapping};
use crate::kinds::Kind;
use crate::normalize::fold_header;

/// How many rows from the top of a sheet are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 40;

/// What the top of a sheet told us.
#[derive(Clone, Debug)]
pub enum Detection {
    /// A header row and the kind it belongs to.
    Found { header_index: usize, map: ColumnMap },
    /// A header-like row whose columns match no kind: the sheet is a named list.
    List { header_index: usize },
    /// Several kinds fit equally well; the user must say which.
    Ambiguous { kinds: Vec<Kind> },
    /// No row looks like a header.
    NoHeader,
}

/// Looks for the header among `rows` (the first rows of a sheet) and decides the kind:
/// the forced kind if given, otherwise the best-fitting kind.
pub fn detect(rows: &[Vec<Cell>], forced: Option<Kind>, mapping: Option<&Mapping>) -> Detection {
    let forced = forced.or(mapping.and_then(|m| m.kind));
    let candidates: Vec<Kind> = match forced {
        Some(k) => vec![k],
        None => Kind::ALL
            .into_iter()
            .filter(|k| *k != Kind::List)
            .collect(),
    };
    if forced == Some(Kind::List) {
        return match list_header(rows) {
            Some(header_index) => Detection::List { header_index },
            None => Detection::NoHeader,
        };
    }
    let mut best: Option<(usize, usize)> = None; // (score, row index)
    for (index, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let score = candidates
            .iter()
            .map(|k| header_score(*k, row, mapping))
            .max()
            .unwrap_or(0);
        if score >= 2 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, index));
        }
    }
    let Some((_, header_index)) = best else {
        return match (forced, list_header(rows)) {
            (None, Some(header_index)) => Detection::List { header_index },
            _ => Detection::NoHeader,
        };
    };
    let headers = header_texts(&rows[header_index]);
    choose_kind(&candidates, &headers, mapping, forced.is_some(), header_index)
}

fn choose_kind(
    candidates: &[Kind],
    headers: &[String],
    mapping: Option<&Mapping>,
    forced: bool,
    header_index: usize,
) -> Detection {
    let mut fits: Vec<(usize, usize, ColumnMap)> = Vec::new(); // (signature hits, fields, map)
    for kind in candidates {
        let map = ColumnMap::build(*kind, headers, mapping);
        let mapped: Vec<&str> = map.mapped_fields().collect();
        let signature = kind
            .signature()
            .iter()
            .filter(|s| mapped.contains(s))
            .count();
        if forced || (map.covers_required() && signature > 0) {
            fits.push((signature, mapped.len(), map));
        }
    }
    fits.sort_by_key(|b| std::cmp::Reverse((b.1, b.0)));
    match fits.len() {
        0 => Detection::List { header_index },
        1 => Detection::Found {
            header_index,
            map: fits.remove(0).2,
        },
        _ if (fits[0].1, fits[0].0) > (fits[1].1, fits[1].0) => Detection::Found {
            header_index,
            map: fits.remove(0).2,
        },
        _ => Detection::Ambiguous {
            kinds: fits
                .iter()
                .take_while(|f| (f.1, f.0) == (fits[0].1, fits[0].0))
                .map(|f| f.2.kind)
                .collect(),
        },
    }
}

/// How many distinct fields of `kind` the cells of `row` name.
fn header_score(kind: Kind, row: &[Cell], mapping: Option<&Mapping>) -> usize {
    let mut fields: Vec<&str> = row
        .iter()
        .filter_map(|cell| match cell {
            Cell::Text(text) => field_for(kind, text, mapping),
            _ => None,
        })
        .collect();
    fields.sort_unstable();
    fields.dedup();
    fields.len()
}

/// A list's header: the first row with as many text cells as the widest row near the top
/// (title banners are one wide cell; the header row is as wide as the data).
fn list_header(rows: &[Vec<Cell>]) -> Option<usize> {
    let texts = |row: &Vec<Cell>| {
        row.iter()
            .filter(|c| matches!(c, Cell::Text(t) if !fold_header(t).is_empty()))
            .count()
    };
    let widest = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| r.iter().filter(|c| !c.is_blank()).count())
        .max()?;
    if widest < 2 {
        return None;
    }
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| texts(r) * 10 >= widest * 8)
}

/// The header row as text, one entry per column.
pub fn header_texts(row: &[Cell]) -> Vec<String> {
    row.iter().map(|c| c.to_text().into_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string())
                }
            })
            .collect()
    }

    fn kind_of(rows: &[Vec<Cell>]) -> Option<(usize, Kind)> {
        match detect(rows, None, None) {
            Detection::Found { header_index, map } => Some((header_index, map.kind)),
            _ => None,
        }
    }

    #[test]
    fn the_header_is_found_under_a_banner() {
        let rows = vec![
            row(&["XX银行账户交易明细查询结果"]),
            row(&["查询时间:2024-03-01"]),
            row(&[]),
            row(&["交易卡号", "交易时间", "交易金额", "收付标志", "对手户名"]),
            row(&["6222020000000000001", "2024-01-05", "100", "进", "张三"]),
        ];
        assert_eq!(kind_of(&rows), Some((3, Kind::BankTransactions)));
    }

    #[test]
    fn every_kind_is_told_from_typical_headers() {
        let cases: &[(&[&str], Kind)] = &[
            (&["姓名", "身份证号", "工作单位", "职务", "任职日期"], Kind::Officials),
            (&["户号", "姓名", "身份证号", "与户主关系", "住址"], Kind::Households),
            (&["企业名称", "统一社会信用代码", "法定代表人", "成立日期"], Kind::Companies),
            (&["统一社会信用代码", "企业名称", "股东名称", "证件号码", "出资比例"], Kind::CompanyPeople),
            (&["合同编号", "采购单位", "供应商", "合同金额", "签订日期"], Kind::Contracts),
            (&["项目编号", "投标单位", "投标报价", "联系电话", "投标IP"], Kind::Bids),
            (&["资金项目", "姓名", "身份证号", "发放金额", "发放日期"], Kind::Benefits),
            (&["姓名", "身份证号", "死亡日期"], Kind::Deaths),
            (&["姓名", "身份证号", "就诊日期", "医疗机构", "报销金额"], Kind::MedicalClaims),
            (&["姓名", "身份证号", "发放单位", "发放月份", "实发金额"], Kind::Salaries),
            (&["发票代码", "发票号码", "开票日期", "销售方名称", "价税合计"], Kind::Invoices),
            (&["账号", "交易日期", "交易时间", "收入金额", "支出金额", "余额"], Kind::BankTransactions),
        ];
        for (headers, kind) in cases {
            assert_eq!(kind_of(&[row(headers)]), Some((0, *kind)), "{headers:?}");
        }
    }

    #[test]
    fn unknown_headers_make_a_list() {
        let rows = vec![
            row(&["酒驾人员名单"]),
            row(&["序号", "姓名", "身份证号", "查获日期", "处罚结果"]),
            row(&["1", "张三", "110101198001010010", "2024-01-01", "罚款"]),
        ];
        assert!(matches!(detect(&rows, None, None), Detection::List { header_index: 1 }));
    }

    #[test]
    fn a_forced_kind_still_finds_its_header() {
        let rows = vec![row(&["说明"]), row(&["姓名", "身份证号", "死亡日期"])];
        match detect(&rows, Some(Kind::Deaths), None) {
            Detection::Found { header_index, map } => {
                assert_eq!(header_index, 1);
                assert_eq!(map.kind, Kind::Deaths);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_sheet_of_numbers_has_no_header() {
        let rows = vec![vec![Cell::Number(1.0)], vec![Cell::Number(2.0)]];
        assert!(matches!(detect(&rows, None, None), Detection::NoHeader));
    }
}
