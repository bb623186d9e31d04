//! The extract kinds of the data dictionary, in code: each kind's canonical fields,
//! the header aliases that map to them, how each field is parsed, and which fields a
//! row cannot do without. This table drives header mapping, kind detection,
//! normalisation and the store's columns; it does not read or write anything.

use std::fmt;

/// One kind of delivered extract (`code` names from `shared/spec/data-dictionary.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Officials,
    Households,
    Companies,
    CompanyPeople,
    Contracts,
    Bids,
    Benefits,
    Deaths,
    MedicalClaims,
    Salaries,
    Invoices,
    BankTransactions,
    /// Any other table, kept whole as a named list.
    List,
}

/// How a field's raw cell is read and what the store keeps of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// Cleaned text (full-width folded, spaces collapsed).
    Text,
    /// A person's, company's or unit's name: cleaned text with inner spaces removed.
    Name,
    /// Citizen ID number; stored with a `<field>_valid` flag.
    IdNumber,
    /// Unified social credit code; stored with a `<field>_valid` flag.
    CreditCode,
    /// Either a citizen ID number or a credit code (a shareholder may be a company);
    /// stored with `<field>_valid` and `<field>_type` (`person`/`company`).
    IdOrCreditCode,
    /// Bank account or card number; stored with a `<field>_valid` flag.
    Account,
    /// Phone number, `+86`, spaces and dashes removed.
    Phone,
    /// Calendar date, stored `YYYY-MM-DD`.
    Date,
    /// Date and time, stored `YYYY-MM-DD HH:MM:SS` (time may come from a separate column).
    DateTime,
    /// Calendar month, stored `YYYY-MM`.
    Month,
    /// Money in yuan, stored as REAL rounded to the fen.
    Amount,
    /// Plain number (quantities).
    Number,
    /// Share ratio, stored as a fraction 0..=1 (`35%`, `0.35` and `35` all mean 0.35).
    Ratio,
    /// Money direction: stored 1 for in, -1 for out.
    Direction,
    /// Yes/no flag, stored 1/0 (是/否, 成功/失败, 现/转, Y/N, 1/0).
    Flag,
    /// IP address, trimmed.
    Ip,
    /// MAC address, upper case with `-` separators.
    Mac,
}

impl FieldType {
    /// Identifier fields get a companion `<field>_valid` column.
    pub fn has_valid_flag(self) -> bool {
        matches!(
            self,
            FieldType::IdNumber
                | FieldType::CreditCode
                | FieldType::IdOrCreditCode
                | FieldType::Account
        )
    }
}

/// One canonical field of a kind.
#[derive(Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub aliases: &'static [&'static str],
    pub ty: FieldType,
    /// Read from the file but not stored as a column of its own: folded into
    /// another field by the kind's own rule (bank credit/debit columns into
    /// `amount` and `direction`).
    pub input_only: bool,
}

const fn f(
    name: &'static str,
    label: &'static str,
    ty: FieldType,
    aliases: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        name,
        label,
        aliases,
        ty,
        input_only: false,
    }
}

const fn input(
    name: &'static str,
    label: &'static str,
    ty: FieldType,
    aliases: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        name,
        label,
        aliases,
        ty,
        input_only: true,
    }
}

use FieldType as T;

const ID_ALIASES: &[&str] = &[
    "身份证号",
    "公民身份号码",
    "身份证号码",
    "证件号码",
    "身份证",
    "证件号",
];
const NAME_ALIASES: &[&str] = &["姓名"];

static OFFICIALS: &[FieldSpec] = &[
    f("name", "姓名", T::Name, NAME_ALIASES),
    f("id_number", "身份证号", T::IdNumber, ID_ALIASES),
    f(
        "unit",
        "工作单位",
        T::Name,
        &["工作单位", "单位名称", "所在单位", "单位"],
    ),
    f("position", "职务", T::Text, &["职务", "职位", "现任职务"]),
    f(
        "start_date",
        "任职日期",
        T::Date,
        &["任职日期", "任职开始日期", "起始日期", "任职时间"],
    ),
    f(
        "end_date",
        "离任日期",
        T::Date,
        &["离任日期", "任职结束日期", "终止日期"],
    ),
    f("category", "人员类别", T::Text, &["人员类别", "身份类别"]),
];

static HOUSEHOLDS: &[FieldSpec] = &[
    f("household_id", "户号", T::Text, &["户号"]),
    f("name", "姓名", T::Name, NAME_ALIASES),
    f("id_number", "身份证号", T::IdNumber, ID_ALIASES),
    f("relation", "与户主关系", T::Text, &["与户主关系", "关系"]),
    f("address", "住址", T::Text, &["住址", "户籍地址"]),
];

static COMPANIES: &[FieldSpec] = &[
    f(
        "company_name",
        "企业名称",
        T::Name,
        &["企业名称", "市场主体名称", "名称"],
    ),
    f(
        "uscc",
        "统一社会信用代码",
        T::CreditCode,
        &["统一社会信用代码", "信用代码"],
    ),
    f(
        "legal_rep",
        "法定代表人",
        T::Name,
        &["法定代表人", "法人代表"],
    ),
    f(
        "legal_rep_id",
        "法定代表人证件号码",
        T::IdNumber,
        &["法定代表人证件号码", "法人身份证号"],
    ),
    f(
        "address",
        "住所",
        T::Text,
        &["住所", "注册地址", "经营场所"],
    ),
    f("phone", "联系电话", T::Phone, &["联系电话", "电话"]),
    f("established", "成立日期", T::Date, &["成立日期"]),
    f("status", "登记状态", T::Text, &["登记状态", "经营状态"]),
];

static COMPANY_PEOPLE: &[FieldSpec] = &[
    f(
        "uscc",
        "统一社会信用代码",
        T::CreditCode,
        &["统一社会信用代码"],
    ),
    f("company_name", "企业名称", T::Name, &["企业名称"]),
    f("name", "姓名", T::Name, &["姓名", "股东名称", "人员姓名"]),
    f(
        "id_number",
        "证件号码",
        T::IdOrCreditCode,
        &["证件号码", "身份证号"],
    ),
    f("role", "职务", T::Text, &["职务", "类型", "股东类型"]),
    f(
        "share_ratio",
        "出资比例",
        T::Ratio,
        &["出资比例", "持股比例"],
    ),
];

static CONTRACTS: &[FieldSpec] = &[
    f("contract_no", "合同编号", T::Text, &["合同编号"]),
    f("buyer_unit", "采购单位", T::Name, &["采购单位", "采购人"]),
    f(
        "supplier_name",
        "供应商",
        T::Name,
        &["供应商", "供应商名称", "中标单位"],
    ),
    f(
        "supplier_uscc",
        "供应商统一社会信用代码",
        T::CreditCode,
        &["供应商统一社会信用代码"],
    ),
    f("project", "项目名称", T::Text, &["项目名称"]),
    f("item", "品目", T::Text, &["品目", "采购品目", "标的名称"]),
    f("unit_price", "单价", T::Amount, &["单价"]),
    f("quantity", "数量", T::Number, &["数量"]),
    f(
        "amount",
        "合同金额",
        T::Amount,
        &["合同金额", "成交金额", "中标金额"],
    ),
    f(
        "signed_date",
        "签订日期",
        T::Date,
        &["签订日期", "合同签订日期"],
    ),
];

static BIDS: &[FieldSpec] = &[
    f("tender_no", "项目编号", T::Text, &["项目编号", "招标编号"]),
    f("bidder_name", "投标单位", T::Name, &["投标单位", "投标人"]),
    f(
        "bidder_uscc",
        "统一社会信用代码",
        T::CreditCode,
        &["统一社会信用代码"],
    ),
    f("bid_price", "投标报价", T::Amount, &["投标报价", "报价"]),
    f("contact", "联系人", T::Name, &["联系人", "委托代理人"]),
    f("phone", "联系电话", T::Phone, &["联系电话"]),
    f("ip", "投标IP", T::Ip, &["投标IP", "IP地址"]),
    f("mac", "MAC地址", T::Mac, &["MAC地址", "机器码"]),
    f("won", "是否中标", T::Flag, &["是否中标"]),
];

static BENEFITS: &[FieldSpec] = &[
    f(
        "program",
        "项目名称",
        T::Text,
        &["项目名称", "资金项目", "补贴类别"],
    ),
    f("name", "姓名", T::Name, NAME_ALIASES),
    f("id_number", "身份证号", T::IdNumber, ID_ALIASES),
    f("amount", "发放金额", T::Amount, &["发放金额", "金额"]),
    f("pay_date", "发放日期", T::Date, &["发放日期", "发放时间"]),
    f(
        "account",
        "收款账号",
        T::Account,
        &["收款账号", "银行账号", "一卡通账号"],
    ),
    f(
        "account_holder",
        "收款人",
        T::Name,
        &["收款人", "账户户名", "持卡人"],
    ),
];

static DEATHS: &[FieldSpec] = &[
    f("name", "姓名", T::Name, NAME_ALIASES),
    f("id_number", "身份证号", T::IdNumber, ID_ALIASES),
    f("death_date", "死亡日期", T::Date, &["死亡日期", "火化日期"]),
];

static MEDICAL_CLAIMS: &[FieldSpec] = &[
    f("name", "姓名", T::Name, NAME_ALIASES),
    f("id_number", "身份证号", T::IdNumber, ID_ALIASES),
    f("visit_date", "结算日期", T::Date, &["结算日期", "就诊日期"]),
    f("hospital", "医疗机构", T::Name, &["医疗机构", "就诊医院"]),
    f(
        "amount",
        "统筹支付金额",
        T::Amount,
        &["统筹支付金额", "报销金额"],
    ),
];

static SALARIES: &[FieldSpec] = &[
    f("name", "姓名", T::Name, NAME_ALIASES),
    f("id_number", "身份证号", T::IdNumber, ID_ALIASES),
    f("unit", "发放单位", T::Name, &["发放单位"]),
    f("month", "发放月份", T::Month, &["发放月份", "所属期"]),
    f("amount", "实发金额", T::Amount, &["实发金额", "应发金额"]),
];

static INVOICES: &[FieldSpec] = &[
    f("invoice_code", "发票代码", T::Text, &["发票代码"]),
    f("invoice_no", "发票号码", T::Text, &["发票号码"]),
    f("issue_date", "开票日期", T::Date, &["开票日期"]),
    f("seller_name", "销售方名称", T::Name, &["销售方名称"]),
    f(
        "seller_uscc",
        "销售方纳税人识别号",
        T::CreditCode,
        &["销售方纳税人识别号"],
    ),
    f("buyer_name", "购买方名称", T::Name, &["购买方名称"]),
    f(
        "buyer_uscc",
        "购买方纳税人识别号",
        T::CreditCode,
        &["购买方纳税人识别号"],
    ),
    f(
        "goods",
        "货物或应税劳务名称",
        T::Text,
        &["货物或应税劳务名称"],
    ),
    f("amount", "价税合计", T::Amount, &["价税合计", "金额"]),
];

static BANK_TRANSACTIONS: &[FieldSpec] = &[
    f(
        "account",
        "交易账号",
        T::Account,
        &[
            "交易账号",
            "交易卡号",
            "查询账户",
            "查询卡号",
            "本方账号",
            "本方卡号",
            "账号",
            "卡号",
        ],
    ),
    f(
        "holder_name",
        "交易户名",
        T::Name,
        &[
            "交易户名",
            "账户开户名称",
            "查询对象",
            "户名",
            "账户名称",
            "本方户名",
            "客户名称",
        ],
    ),
    f(
        "holder_id",
        "交易证件号码",
        T::IdNumber,
        &["交易证件号码", "开户人证件号码", "证件号码", "本方证件号码"],
    ),
    f("time", "交易时间", T::DateTime, &["交易时间", "交易日期"]),
    f("amount", "交易金额", T::Amount, &["交易金额", "发生额"]),
    input(
        "credit",
        "收入金额",
        T::Amount,
        &["收入金额", "贷方发生额", "收入", "贷方金额"],
    ),
    input(
        "debit",
        "支出金额",
        T::Amount,
        &["支出金额", "借方发生额", "支出", "借方金额"],
    ),
    f(
        "direction",
        "收付标志",
        T::Direction,
        &[
            "收付标志",
            "借贷标志",
            "进出标志",
            "借贷方向",
            "收支标志",
            "交易方向",
        ],
    ),
    f("currency", "币种", T::Text, &["币种", "交易币种"]),
    f(
        "balance",
        "余额",
        T::Amount,
        &["交易余额", "账户余额", "余额"],
    ),
    f(
        "counterparty_account",
        "对手账号",
        T::Account,
        &[
            "交易对手账卡号",
            "交易对方账户",
            "交易对方卡号",
            "对方账号",
            "对手账号",
            "交易对方账号",
            "对方卡号",
            "对方账户",
            "对手卡号",
        ],
    ),
    f(
        "counterparty_name",
        "对手户名",
        T::Name,
        &[
            "交易对方姓名",
            "对手户名",
            "对方户名",
            "交易对手户名",
            "交易对方户名",
            "对方名称",
            "交易对手名称",
        ],
    ),
    f(
        "counterparty_id",
        "对手证件号码",
        T::IdNumber,
        &[
            "交易对方证件号码",
            "对手身份证号",
            "对手证件号码",
            "对方证件号码",
        ],
    ),
    f(
        "counterparty_bank",
        "对手开户行",
        T::Text,
        &["交易对方账号开户行", "对手开户银行", "对方行名"],
    ),
    f(
        "summary",
        "摘要",
        T::Text,
        &["交易摘要", "摘要说明", "摘要", "用途"],
    ),
    f("type", "交易类型", T::Text, &["交易类型"]),
    f("channel", "交易渠道", T::Text, &["交易渠道", "交易方式"]),
    f("cash", "现金标志", T::Flag, &["现金标志"]),
    f("success", "交易是否成功", T::Flag, &["交易是否成功"]),
    f("branch", "交易网点名称", T::Text, &["交易网点名称"]),
    f("place", "交易发生地", T::Text, &["交易发生地"]),
    f("merchant", "商户名称", T::Text, &["商户名称"]),
    f("ip", "IP地址", T::Ip, &["IP地址"]),
    f("mac", "MAC地址", T::Mac, &["MAC", "MAC地址"]),
    f("serial", "交易流水号", T::Text, &["交易流水号"]),
    f("note", "备注", T::Text, &["备注"]),
];

/// A group of fields of which at least one must hold a readable value for a row to be kept.
pub type RequiredGroup = &'static [&'static str];

impl Kind {
    /// Every kind, in the data dictionary's order.
    pub const ALL: [Kind; 13] = [
        Kind::Officials,
        Kind::Households,
        Kind::Companies,
        Kind::CompanyPeople,
        Kind::Contracts,
        Kind::Bids,
        Kind::Benefits,
        Kind::Deaths,
        Kind::MedicalClaims,
        Kind::Salaries,
        Kind::Invoices,
        Kind::BankTransactions,
        Kind::List,
    ];

    /// The canonical name, which is also the store's table name (lists live in `list_rows`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Officials => "officials",
            Kind::Households => "households",
            Kind::Companies => "companies",
            Kind::CompanyPeople => "company_people",
            Kind::Contracts => "contracts",
            Kind::Bids => "bids",
            Kind::Benefits => "benefits",
            Kind::Deaths => "deaths",
            Kind::MedicalClaims => "medical_claims",
            Kind::Salaries => "salaries",
            Kind::Invoices => "invoices",
            Kind::BankTransactions => "bank_transactions",
            Kind::List => "list",
        }
    }

    /// The Chinese name investigators use.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Officials => "公职人员/村(社区)干部名册",
            Kind::Households => "户籍信息",
            Kind::Companies => "企业登记信息",
            Kind::CompanyPeople => "股东及主要人员",
            Kind::Contracts => "政府采购合同",
            Kind::Bids => "投标记录",
            Kind::Benefits => "惠民惠农资金发放",
            Kind::Deaths => "死亡(火化)登记",
            Kind::MedicalClaims => "医保结算",
            Kind::Salaries => "工资发放",
            Kind::Invoices => "发票",
            Kind::BankTransactions => "银行账户交易明细",
            Kind::List => "名单",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's canonical fields; empty for `List`, whose columns are whatever the file has.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::Officials => OFFICIALS,
            Kind::Households => HOUSEHOLDS,
            Kind::Companies => COMPANIES,
            Kind::CompanyPeople => COMPANY_PEOPLE,
            Kind::Contracts => CONTRACTS,
            Kind::Bids => BIDS,
            Kind::Benefits => BENEFITS,
            Kind::Deaths => DEATHS,
            Kind::MedicalClaims => MEDICAL_CLAIMS,
            Kind::Salaries => SALARIES,
            Kind::Invoices => INVOICES,
            Kind::BankTransactions => BANK_TRANSACTIONS,
            Kind::List => &[],
        }
    }

    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }

    /// Groups of fields a row cannot do without: each group needs one readable value.
    /// A bank row's amount may come from the credit or debit column instead.
    pub fn required(self) -> &'static [RequiredGroup] {
        match self {
            Kind::Officials => &[&["name"]],
            Kind::Households => &[&["name", "id_number"]],
            Kind::Companies => &[&["company_name", "uscc"]],
            Kind::CompanyPeople => &[&["uscc", "company_name"], &["name", "id_number"]],
            Kind::Contracts => &[&["buyer_unit"], &["supplier_name", "supplier_uscc"]],
            Kind::Bids => &[&["tender_no"], &["bidder_name", "bidder_uscc"]],
            Kind::Benefits => &[&["name", "id_number"], &["amount"]],
            Kind::Deaths => &[&["name", "id_number"], &["death_date"]],
            Kind::MedicalClaims => &[&["name", "id_number"], &["amount"]],
            Kind::Salaries => &[&["name", "id_number"], &["amount"]],
            Kind::Invoices => &[&["invoice_no"]],
            Kind::BankTransactions => &[&["account"], &["time"], &["amount", "credit", "debit"]],
            Kind::List => &[],
        }
    }

    /// Fields whose header alone makes this kind likely; kind detection needs one of them.
    pub fn signature(self) -> &'static [&'static str] {
        match self {
            Kind::Officials => &["unit", "position", "start_date", "category"],
            Kind::Households => &["household_id", "relation"],
            Kind::Companies => &["legal_rep", "established", "status", "legal_rep_id"],
            Kind::CompanyPeople => &["role", "share_ratio"],
            Kind::Contracts => &["contract_no", "buyer_unit", "supplier_name"],
            Kind::Bids => &["tender_no", "bidder_name", "bid_price"],
            Kind::Benefits => &["program", "pay_date"],
            Kind::Deaths => &["death_date"],
            Kind::MedicalClaims => &["visit_date", "hospital"],
            Kind::Salaries => &["month"],
            Kind::Invoices => &["invoice_no", "invoice_code"],
            Kind::BankTransactions => &["time", "direction", "counterparty_account", "balance"],
            Kind::List => &[],
        }
    }

    /// The stored columns, in table order, with their type (input-only fields left out;
    /// identifier fields followed by their `_valid` flag, and `_type` for `IdOrCreditCode`).
    pub fn columns(self) -> Vec<Column> {
        let mut out = Vec::new();
        for (field_index, field) in self.fields().iter().enumerate() {
            if field.input_only {
                continue;
            }
            let column = |name: String, role| Column {
                name,
                field: field.name,
                field_index,
                role,
            };
            out.push(column(field.name.to_string(), ColumnRole::Value));
            if field.ty.has_valid_flag() {
                out.push(column(format!("{}_valid", field.name), ColumnRole::Valid));
            }
            if field.ty == FieldType::IdOrCreditCode {
                out.push(column(
                    format!("{}_type", field.name),
                    ColumnRole::IdentifierType,
                ));
            }
        }
        out
    }
}

/// One stored column of a kind's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub field: &'static str,
    /// The field's position in `Kind::fields()`, so a row's values are found without a search.
    pub field_index: usize,
    pub role: ColumnRole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    Value,
    Valid,
    IdentifierType,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(Kind::from_code("nonsense"), None);
    }

    #[test]
    fn required_and_signature_fields_exist() {
        for kind in Kind::ALL {
            let known = |name: &str| kind.field(name).is_some();
            for group in kind.required() {
                assert!(group.iter().all(|n| known(n)), "{kind}: {group:?}");
            }
            assert!(kind.signature().iter().all(|n| known(n)), "{kind}");
        }
    }

    #[test]
    fn aliases_are_unique_within_a_kind() {
        for kind in Kind::ALL {
            let mut seen = std::collections::HashSet::new();
            for field in kind.fields() {
                for alias in field.aliases {
                    assert!(seen.insert(*alias), "{kind}: alias {alias} used twice");
                }
            }
        }
    }
}
