//! The large benchmark case: a million-row platform-export bank statement (xlsx and the
//! same rows as csv) plus registries at proportional sizes, streamed so memory stays small.
//!
//! No plants and no messiness beyond what the layouts need: this case measures speed.
//! It is never committed; the caller picks the directory (`bench-data/` is git-ignored).

use crate::files::PLATFORM_HEADER;
use crate::ids;
use crate::people::{Person, PersonFactory};
use crate::rng::Rng;
use crate::writers::{csv_line, csv_text, encode, fixed_properties, write_cell, Cell, Encoding};
use anyhow::{Context, Result};
use chrono::{Duration, NaiveDate};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Rows per sheet (Excel allows 1,048,576 including the header).
const SHEET_ROWS: u64 = 1_000_000;
const SEED: u64 = 0x4C41_5247_4543_4153; // "LARGECAS"

/// Streams rows into a constant-memory workbook, starting a new sheet when one is full.
struct XlsxStream {
    workbook: Workbook,
    header: Vec<String>,
    row: u32,
    date_fmt: Format,
    datetime_fmt: Format,
}

impl XlsxStream {
    fn new(header: &[&str]) -> Result<Self> {
        let mut workbook = Workbook::new();
        workbook.set_properties(&fixed_properties()?);
        let mut s = XlsxStream {
            workbook,
            header: header.iter().map(|h| h.to_string()).collect(),
            row: 0,
            date_fmt: Format::new().set_num_format("yyyy-mm-dd"),
            datetime_fmt: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        };
        s.new_sheet()?;
        Ok(s)
    }

    fn new_sheet(&mut self) -> Result<()> {
        let ws = self.workbook.add_worksheet_with_constant_memory()?;
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string(0, c as u16, h)?;
        }
        self.row = 1;
        Ok(())
    }

    fn sheet(&mut self) -> Result<&mut Worksheet> {
        let n = self.workbook.worksheets_mut().len();
        Ok(self.workbook.worksheet_from_index(n - 1)?)
    }

    fn push(&mut self, cells: &[Cell]) -> Result<()> {
        if self.row as u64 > SHEET_ROWS {
            self.new_sheet()?;
        }
        let (r, date_fmt, datetime_fmt) =
            (self.row, self.date_fmt.clone(), self.datetime_fmt.clone());
        let ws = self.sheet()?;
        for (c, cell) in cells.iter().enumerate() {
            write_cell(ws, r, c as u16, cell, &date_fmt, &datetime_fmt)?;
        }
        self.row += 1;
        Ok(())
    }

    fn save(mut self, path: &Path) -> Result<()> {
        self.workbook
            .save(path)
            .with_context(|| format!("writing {}", path.display()))
    }
}

struct CsvStream {
    out: std::io::BufWriter<std::fs::File>,
    encoding: Encoding,
    line: String,
}

impl CsvStream {
    fn new(path: &Path, header: &[&str], encoding: Encoding) -> Result<Self> {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut s = CsvStream {
            out: std::io::BufWriter::new(file),
            encoding,
            line: String::new(),
        };
        if encoding == Encoding::Utf8Bom {
            s.out.write_all(b"\xEF\xBB\xBF")?;
        }
        s.write_fields(header)?;
        Ok(s)
    }

    fn write_fields<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<()> {
        self.line.clear();
        csv_line(&mut self.line, fields);
        let bytes = encode(
            &self.line,
            if self.encoding == Encoding::Gbk {
                Encoding::Gbk
            } else {
                Encoding::Utf8
            },
        )?;
        self.out.write_all(&bytes)?;
        Ok(())
    }

    fn push(&mut self, cells: &[Cell]) -> Result<()> {
        let fields: Vec<String> = cells.iter().map(csv_text).collect();
        self.write_fields(&fields)
    }

    fn finish(mut self) -> Result<()> {
        Ok(self.out.flush()?)
    }
}

struct World {
    people: Vec<Person>,
    cards: Vec<String>,
    units: Vec<String>,
    companies: Vec<(String, String)>,
}

fn world(n_people: u64) -> World {
    let mut factory = PersonFactory::new(SEED, false);
    let people: Vec<Person> = (0..n_people)
        .map(|i| factory.random(i % 2 == 0, 1940, 2010))
        .collect();
    let cards = (0..(n_people / 10).max(10))
        .map(|i| ids::luhn_complete(&format!("621700{:012}", 430_000_000_000u64 + i * 7_919)))
        .collect();
    let units = (0..(n_people / 2_500).max(8))
        .map(|i| format!("青禾县第{}局", i + 1))
        .collect();
    let companies = (0..(n_people / 20).max(10))
        .map(|i| {
            let body: String = (0..9)
                .map(|k| ids::USCC_CHARS[((i * 31 + k * 7 + i / 31) % 31) as usize] as char)
                .collect();
            let area = crate::people::AREAS[(i % 8) as usize];
            (
                format!("青禾县第{}号商贸有限公司", i + 1),
                ids::uscc("91", area, &body),
            )
        })
        .collect();
    World {
        people,
        cards,
        units,
        companies,
    }
}

fn bank_row(w: &World, rng: &mut Rng, i: u64, start: NaiveDate) -> Vec<Cell> {
    let a = rng.below(w.cards.len() as u64) as usize;
    let b = rng.below(w.cards.len() as u64) as usize;
    let holder = &w.people[a * 10 % w.people.len()];
    let other = &w.people[b * 10 % w.people.len()];
    let time = start.and_hms_opt(0, 0, 0).unwrap_or_default()
        + Duration::seconds((i * 47 + rng.below(40)) as i64);
    let amount = rng.range(100, 5_000_000) as f64 / 100.0;
    let inflow = rng.chance(50);
    vec![
        w.cards[a].clone().into(),
        w.cards[a].clone().into(),
        holder.name.clone().into(),
        holder.id.clone().into(),
        Cell::Text(time.format("%Y-%m-%d %H:%M:%S").to_string()),
        Cell::Text(format!("{amount:.2}")),
        Cell::Text(format!("{:.2}", rng.range(0, 50_000_000) as f64 / 100.0)),
        if inflow { "进" } else { "出" }.into(),
        w.cards[b].clone().into(),
        if rng.chance(5) { "现" } else { "转" }.into(),
        other.name.clone().into(),
        other.id.clone().into(),
        "中国建设银行".into(),
        if inflow {
            "转账存入"
        } else {
            "转账支取"
        }
        .into(),
        "人民币".into(),
        "青禾支行".into(),
        "成功".into(),
        Cell::Empty,
    ]
}

/// Writes the large case; returns (path, data rows) for each file.
pub fn write(out: &Path, transactions: u64, n_people: u64) -> Result<Vec<(PathBuf, u64)>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let w = world(n_people);
    let mut written = Vec::new();
    let mut rng = Rng::new(SEED);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    let (xlsx_path, csv_path) = (
        out.join("银行流水_平台导出.xlsx"),
        out.join("银行流水_平台导出.csv"),
    );
    let mut xlsx = XlsxStream::new(&PLATFORM_HEADER)?;
    let mut csv = CsvStream::new(&csv_path, &PLATFORM_HEADER, Encoding::Utf8)?;
    for i in 0..transactions {
        let row = bank_row(&w, &mut rng, i, start);
        xlsx.push(&row)?;
        csv.push(&row)?;
    }
    xlsx.save(&xlsx_path)?;
    csv.finish()?;
    written.push((xlsx_path, transactions));
    written.push((csv_path, transactions));
    written.extend(registries(out, &w, &mut rng)?);
    Ok(written)
}

fn registries(out: &Path, w: &World, rng: &mut Rng) -> Result<Vec<(PathBuf, u64)>> {
    let mut written = Vec::new();
    let path = out.join("公职人员名册.xlsx");
    let mut x = XlsxStream::new(&[
        "姓名",
        "身份证号",
        "工作单位",
        "职务",
        "人员类别",
        "任职日期",
        "离任日期",
    ])?;
    let n_officials = (w.people.len() / 100).max(1);
    for (i, p) in w.people.iter().take(n_officials).enumerate() {
        let unit = &w.units[i % w.units.len()];
        let since = NaiveDate::from_ymd_opt(2005 + (i % 18) as i32, 1 + (i % 12) as u32, 1)
            .unwrap_or_default();
        x.push(&[
            p.name.clone().into(),
            p.id.clone().into(),
            unit.into(),
            "科员".into(),
            "公务员".into(),
            Cell::Date(since),
            Cell::Empty,
        ])?;
    }
    x.save(&path)?;
    written.push((path, n_officials as u64));

    let path = out.join("户籍信息.xlsx");
    let mut x = XlsxStream::new(&["户号", "姓名", "与户主关系", "公民身份号码", "户籍地址"])?;
    const RELATIONS: [&str; 5] = ["户主", "配偶", "长子", "长女", "母亲"];
    let mut i = 0usize;
    let mut hh = 0u64;
    while i < w.people.len() {
        hh += 1;
        let size = 1 + rng.below(5) as usize;
        for (k, p) in w.people[i..(i + size).min(w.people.len())]
            .iter()
            .enumerate()
        {
            x.push(&[
                format!("4305{hh:08}").into(),
                p.name.clone().into(),
                RELATIONS[k].into(),
                p.id.clone().into(),
                format!("青禾县{}组", hh % 90 + 1).into(),
            ])?;
        }
        i += size;
    }
    x.save(&path)?;
    written.push((path, w.people.len() as u64));

    let path = out.join("企业登记信息.xlsx");
    let mut x = XlsxStream::new(&[
        "企业名称",
        "统一社会信用代码",
        "法定代表人",
        "法定代表人证件号码",
        "成立日期",
    ])?;
    let cp_path = out.join("股东及主要人员.csv");
    let mut cp = CsvStream::new(
        &cp_path,
        &[
            "统一社会信用代码",
            "企业名称",
            "人员姓名",
            "证件号码",
            "职务",
            "出资比例",
        ],
        Encoding::Gbk,
    )?;
    for (i, (name, code)) in w.companies.iter().enumerate() {
        let legal = &w.people[(i * 20 + 1) % w.people.len()];
        let partner = &w.people[(i * 20 + 7) % w.people.len()];
        x.push(&[
            name.into(),
            code.into(),
            legal.name.clone().into(),
            legal.id.clone().into(),
            Cell::Date(
                NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default()
                    + Duration::days(i as i64 % 4_000),
            ),
        ])?;
        cp.push(&[
            code.into(),
            name.into(),
            legal.name.clone().into(),
            legal.id.clone().into(),
            "执行董事".into(),
            "60%".into(),
        ])?;
        cp.push(&[
            code.into(),
            name.into(),
            partner.name.clone().into(),
            partner.id.clone().into(),
            "股东".into(),
            "0.4".into(),
        ])?;
    }
    x.save(&path)?;
    cp.finish()?;
    written.push((path, w.companies.len() as u64));
    written.push((cp_path, w.companies.len() as u64 * 2));

    let path = out.join("政府采购合同.xlsx");
    let mut x = XlsxStream::new(&[
        "合同编号",
        "采购单位",
        "供应商名称",
        "供应商统一社会信用代码",
        "项目名称",
        "采购品目",
        "单价",
        "数量",
        "合同金额",
        "签订日期",
    ])?;
    let n_contracts = (w.people.len() / 10).max(1);
    const ITEMS: [(&str, f64); 5] = [
        ("台式计算机", 5_400.0),
        ("打印机", 2_100.0),
        ("沥青混凝土", 680.0),
        ("消毒液", 25.0),
        ("课桌椅", 350.0),
    ];
    for i in 0..n_contracts {
        let (item, base) = ITEMS[i % ITEMS.len()];
        let (name, code) = &w.companies[rng.below(w.companies.len() as u64) as usize];
        let price = (base * (0.9 + rng.below(21) as f64 / 100.0) * 100.0).round() / 100.0;
        let qty = (1 + rng.below(200)) as f64;
        let date = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default()
            + Duration::days(rng.below(900) as i64);
        x.push(&[
            format!("QHCG-L-{i:07}").into(),
            w.units[i % w.units.len()].clone().into(),
            name.into(),
            code.into(),
            format!("{item}采购项目{i}").into(),
            item.into(),
            Cell::Num(price),
            Cell::Num(qty),
            Cell::Num((price * qty * 100.0).round() / 100.0),
            Cell::Date(date),
        ])?;
    }
    x.save(&path)?;
    written.push((path, n_contracts as u64));
    Ok(written)
}
