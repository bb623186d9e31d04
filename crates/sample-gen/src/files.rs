//! The files of the sample case: names, kinds, banners, headers and what the README says
//! about each one's layout and messiness.
//!
//! Declarations only; rows are added by `records`, `bank` and the plants.

use crate::case::{Case, Format, OutFile};
use crate::writers::{Encoding, Sheet};

pub const OFFICIALS: &str = "公职人员名册.xlsx";
pub const HOUSEHOLDS: &str = "户籍信息.xlsx";
pub const COMPANIES: &str = "企业登记信息.xlsx";
pub const COMPANY_PEOPLE: &str = "股东及主要人员.csv";
pub const CONTRACTS: &str = "政府采购合同.xlsx";
pub const BIDS: &str = "投标记录.xlsx";
pub const BENEFITS: &str = "惠民惠农资金发放.csv";
pub const DEATHS: &str = "死亡登记.xlsx";
pub const MEDICAL: &str = "医保结算.xlsx";
pub const SALARIES: &str = "工资发放.csv";
pub const INVOICES: &str = "发票.xlsx";
pub const BANK38: &str = "资金查询反馈_38列.xlsx";
pub const BANK_PLATFORM: &str = "银行流水_平台导出.csv";
pub const BANK_SPLIT: &str = "农商银行对账单_何俊.xlsx";
pub const DRUNK_LIST: &str = "酒驾名单.xlsx";

pub const BANK38_HEADER: [&str; 38] = [
    "序号",
    "查询对象",
    "反馈单位",
    "查询项",
    "查询账户",
    "查询卡号",
    "交易类型",
    "借贷标志",
    "币种",
    "交易金额",
    "账户余额",
    "交易时间",
    "交易流水号",
    "本方账号",
    "本方卡号",
    "交易对方姓名",
    "交易对方账户",
    "交易对方卡号",
    "交易对方证件号码",
    "交易对手余额",
    "交易对方账号开户行",
    "交易摘要",
    "交易网点名称",
    "交易网点代码",
    "日志号",
    "传票号",
    "凭证种类",
    "凭证号",
    "现金标志",
    "终端号",
    "交易是否成功",
    "交易发生地",
    "商户名称",
    "商户号",
    "IP地址",
    "MAC",
    "交易柜员号",
    "备注",
];

pub const PLATFORM_HEADER: [&str; 18] = [
    "交易卡号",
    "交易账号",
    "账户开户名称",
    "开户人证件号码",
    "交易时间",
    "交易金额",
    "交易余额",
    "收付标志",
    "交易对手账卡号",
    "现金标志",
    "对手户名",
    "对手身份证号",
    "对手开户银行",
    "摘要说明",
    "交易币种",
    "交易网点名称",
    "交易是否成功",
    "IP地址",
];

pub const BIDS_HEADER: [&str; 10] = [
    "项目编号",
    "项目名称",
    "投标单位",
    "统一社会信用代码",
    "投标报价",
    "联系人",
    "联系电话",
    "投标IP",
    "MAC地址",
    "是否中标",
];

pub const BENEFITS_HEADER: [&str; 9] = [
    "序号",
    "资金项目",
    "姓名",
    "身份证号",
    "发放金额",
    "发放日期",
    "一卡通账号",
    "账户户名",
    "所属村(社区)",
];

pub const DEATHS_HEADER: [&str; 6] = [
    "姓名",
    "性别",
    "身份证号",
    "死亡日期",
    "火化日期",
    "登记单位",
];

pub const MEDICAL_HEADER: [&str; 6] = [
    "姓名",
    "身份证号",
    "结算日期",
    "就诊医院",
    "医疗总费用",
    "统筹支付金额",
];

pub const SALARIES_HEADER: [&str; 6] = [
    "姓名",
    "身份证号",
    "发放单位",
    "发放月份",
    "应发金额",
    "实发金额",
];

pub const INVOICES_HEADER: [&str; 9] = [
    "发票代码",
    "发票号码",
    "开票日期",
    "销售方名称",
    "销售方纳税人识别号",
    "购买方名称",
    "购买方纳税人识别号",
    "货物或应税劳务名称",
    "价税合计",
];

fn file(
    name: &'static str,
    kind: &'static str,
    format: Format,
    sheet: Sheet,
    about: (&'static str, &'static str),
) -> OutFile {
    OutFile {
        name,
        kind,
        format,
        sheets: vec![sheet],
        about,
    }
}

/// Declares every file of the small case, empty.
pub fn declare(case: &mut Case) {
    let xlsx = Format::Xlsx;
    case.add_file(file(OFFICIALS, "officials", xlsx,
        Sheet::new("干部名册", &["青禾县公职人员及村(社区)干部名册", "查询时间:2024-07-01 09:30:12", ""],
            &["序号", "姓名", "身份证号", "工作单位", "职务", "人员类别", "任职日期", "离任日期"]),
        ("标题与查询时间行在表头上方;任职日期混用Excel日期、2019/3/1、2019年3月1日、20190301;个别身份证号为数字单元格(15位旧号,及一个被Excel截成15位有效数字的18位号);个别姓名含空格/换行;一人先后在两个单位任职(两行)。",
         "Title and query-time lines above the header; start dates mix Excel serial dates, 2019/3/1, 2019年3月1日 and 20190301; a few ID numbers are number cells (15-digit legacy IDs, and one 18-digit ID that Excel cut to 15 significant digits); a few names carry spaces or line breaks; one official moved between two units (two rows).")));
    case.add_file(file(HOUSEHOLDS, "households", xlsx,
        Sheet::new("户籍", &["青禾县公安局户籍人口信息", ""],
            &["户号", "姓名", "性别", "与户主关系", "公民身份号码", "出生日期", "户籍地址"]),
        ("户号相同即同户;与户主关系用词多样(户主、配偶、妻、夫、长子、次子、长女、女、子、父亲、母亲、兄、弟、儿媳、女婿、孙子、孙女);老人多为15位旧身份证号(部分为数字单元格);有小写x校验位;中间夹空行;末尾有“以下空白”。",
         "Same 户号 = same household; varied relation words; older people often have 15-digit legacy IDs (some as number cells); a lowercase x check digit; blank rows inside the data; a 以下空白 line at the end.")));
    case.add_file(file(COMPANIES, "companies", xlsx,
        Sheet::new("登记信息", &["市场主体登记信息查询结果", "查询时间:2024年7月2日"],
            &["序号", "企业名称", "统一社会信用代码", "法定代表人", "法定代表人证件号码", "住所", "联系电话", "成立日期", "登记状态"]),
        ("信用代码均通过GB 32100校验;成立日期多为Excel日期,部分为中文日期。",
         "All credit codes pass the GB 32100 check; established dates are mostly Excel dates, some Chinese-style text.")));
    case.add_file(file(COMPANY_PEOPLE, "company_people", Format::Csv(Encoding::Gbk),
        Sheet::new("股东及主要人员", &[], &["统一社会信用代码", "企业名称", "人员姓名", "证件号码", "职务", "出资比例"]),
        ("GBK编码;出资比例写法混用35%、0.35、35;个别姓名含全角空格;末尾“制表人”行。",
         "GBK-encoded; share ratios written as 35%, 0.35 and 35; a few names hold an ideographic space; a 制表人 line at the end.")));
    case.add_file(file(CONTRACTS, "contracts", xlsx,
        Sheet::new("合同", &["青禾县政府采购合同汇总(2022—2024)", ""],
            &["合同编号", "采购单位", "供应商名称", "供应商统一社会信用代码", "项目名称", "采购品目", "单价", "数量", "合同金额", "签订日期"]),
        ("合同金额混用数字、千分位文本、¥前缀、“元”后缀;签订日期混用Excel日期、2024年1月5日、2024/1/5、20240105;末尾有合计行。",
         "Amounts mix numbers, thousands-separated text, a ¥ prefix and a 元 suffix; signing dates mix Excel dates, 2024年1月5日, 2024/1/5 and 20240105; a 合计 total row at the end.")));
    case.add_file(file(
        BIDS,
        "bids",
        xlsx,
        Sheet::new(
            "投标记录",
            &["青禾县公共资源交易中心投标记录"],
            &BIDS_HEADER,
        ),
        (
            "报价为千分位文本;每个项目3家投标单位。",
            "Bid prices are thousands-separated text; three bidders per tender.",
        ),
    ));
    case.add_file(file(BENEFITS, "benefits", Format::Csv(Encoding::Utf8Bom),
        Sheet::new("发放明细", &["青禾县惠民惠农财政补贴资金发放明细", ""], &BENEFITS_HEADER),
        ("UTF-8带BOM;标题和空行在表头上方;日期多为20240105,也有2024-01-05、2024/1/5;金额有“元”后缀、千分位和全角数字;少数身份证号为全角数字;一个身份证号校验位错误(须保留并标记);中间夹空行;末尾有本页小计、合计;一行无法读取(无姓名、无证件号、金额为“待核”)。",
         "UTF-8 with BOM; title and blank line above the header; dates mostly 20240105, also 2024-01-05 and 2024/1/5; amounts with 元, thousands separators and full-width digits; some full-width ID numbers; one ID number with a wrong check digit (keep and flag); blank rows; 本页小计 and 合计 rows at the end; one unreadable row (no name, no ID, amount 待核).")));
    case.add_file(file(
        DEATHS,
        "deaths",
        xlsx,
        Sheet::new("死亡火化登记", &["青禾县死亡人口火化登记"], &DEATHS_HEADER),
        (
            "死亡日期多为Excel日期,部分为中文日期;有15位旧身份证号。",
            "Death dates mostly Excel dates, some Chinese-style text; some 15-digit legacy IDs.",
        ),
    ));
    case.add_file(file(
        MEDICAL,
        "medical_claims",
        xlsx,
        Sheet::new("结算明细", &[], &MEDICAL_HEADER),
        (
            "结算日期为Excel日期;末尾合计行。",
            "Settlement dates are Excel dates; a 合计 row at the end.",
        ),
    ));
    case.add_file(file(
        SALARIES,
        "salaries",
        Format::Csv(Encoding::Utf8),
        Sheet::new("工资", &[], &SALARIES_HEADER),
        (
            "UTF-8无BOM;发放月份混用2023-05、202305、2023年5月。",
            "UTF-8 without BOM; months written as 2023-05, 202305 and 2023年5月.",
        ),
    ));
    case.add_file(file(
        INVOICES,
        "invoices",
        xlsx,
        Sheet::new("发票", &["增值税发票查询结果"], &INVOICES_HEADER),
        (
            "发票代码、号码为文本(保留前导零)。",
            "Invoice codes and numbers are text (leading zeros kept).",
        ),
    ));
    let mut b38 = file(BANK38, "bank_transactions", xlsx, Sheet::new("_", &[], &[]),
        ("38列资金查询反馈模板,一个账户一个工作表;每表上方有“XX银行账户交易明细查询结果”和查询时间行;借贷标志各行用词不同:借/贷、D/C、1/-1;末尾“本页小计”和“以下空白”;一个工作表有一行无交易时间、金额为abc(须拒收)。",
         "The 38-column feedback template, one sheet per account; each sheet has a bank title line and a query-time line above the header; the direction column uses 借/贷, D/C or 1/-1 depending on the sheet; 本页小计 and 以下空白 at the end; one sheet has a row with no time and amount abc (must be rejected)."));
    b38.sheets.clear();
    case.add_file(b38);
    case.add_file(file(BANK_PLATFORM, "bank_transactions", Format::Csv(Encoding::Utf8),
        Sheet::new("平台导出", &[], &PLATFORM_HEADER),
        ("查控平台导出格式,多个账户在一张表;收付标志多为进/出,一个外行账户用收/付;现金标志现/转;一个背景账户的支出金额写成括号负数(如(1,280.00))且标志为出;有一行完全重复(同一条流水交付两次);一行无交易时间、金额为abc(须拒收)。",
         "The control-platform export layout, many accounts in one table; direction mostly 进/出, one other bank's account uses 收/付; cash flag 现/转; one background account writes outgoing amounts in parentheses (e.g. (1,280.00)) together with flag 出; one row is an exact duplicate (the same transaction delivered twice); one row has no time and amount abc (must be rejected).")));
    case.add_file(file(BANK_SPLIT, "bank_transactions", xlsx,
        Sheet::new("对账单", &["青禾农村商业银行个人账户对账单", "户名:何俊  账号:见下表  币种:人民币", ""],
            &["交易日期", "交易时间", "账号", "户名", "摘要", "收入金额", "支出金额", "余额", "对方户名", "对方账号", "对方行名"]),
        ("银行自有对账单:收入金额/支出金额分列,交易日期(20230811文本)与交易时间(10:22:05)分列,金额为千分位文本;末尾合计行。",
         "A bank's own statement: separate 收入金额/支出金额 columns, separate 交易日期 (text 20230811) and 交易时间 (10:22:05) columns, thousands-separated amounts; a 合计 row at the end.")));
    case.add_file(file(DRUNK_LIST, "list", xlsx,
        Sheet::new("酒驾醉驾", &["青禾县公安局交警大队酒驾醉驾人员名单(2023年)"], &["序号", "姓名", "性别", "身份证号", "查获时间", "查获地点", "酒精含量(mg/100ml)", "处理结果"]),
        ("名单类:公安交警酒驾醉驾名单,含身份证号列(其中一个为小写x校验位)。",
         "A named list: the traffic police drink-driving list, with an ID-number column (one with a lowercase x).")));
}
