//! The command-line grammar (`../shared/spec/cli.md`), declared with clap. Parsing only:
//! no command runs here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "mingjing",
    version,
    about = "明镜 案件分析 / Mingjing case analysis: encrypted case files, import, graph, models",
    long_about = "明镜 案件分析 / Mingjing case analysis.\n\n\
        口令取自环境变量 MINGJING_PASSPHRASE,或 --keyring 指定的系统钥匙串,或无回显提示;从不取自命令行参数。\n\
        The passphrase comes from MINGJING_PASSPHRASE, the OS keyring (--keyring) or a no-echo prompt; never from an argument."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 案件文件 / case files
    #[command(subcommand)]
    Case(CaseCommand),
    /// 导入数据文件 / import delivered extracts
    Import(ImportArgs),
    /// 重建人员、企业、账户及其关系 / rebuild people, companies, accounts and their links
    Resolve(CaseArg),
    /// 列出无法读取的行 / list rows that could not be read
    Rejects(RejectsArgs),
    /// 导出案件中保存的原始文件 / write a delivered file back out, byte for byte
    #[command(subcommand)]
    File(FileCommand),
    /// 审计日志 / the audit log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// 关系图查询 / link graph queries (JSON)
    #[command(subcommand)]
    Graph(GraphCommand),
    /// 监督模型 / supervision models
    #[command(subcommand)]
    Models(ModelsCommand),
    /// 预警处置 / work alerts through their states
    #[command(subcommand)]
    Alerts(AlertsCommand),
    /// 账户画像统计 (JSON) / an account's profile statistics (JSON)
    Account {
        #[command(flatten)]
        case: CaseArg,
        account: String,
    },
    /// 数据碰撞:两表按标识比对 / collide two tables on one identifier
    Compare {
        #[command(flatten)]
        case: CaseArg,
        /// kind:officials 或 / or list:名单名称
        left: String,
        right: String,
        /// id_number | credit_code | account | phone | name
        #[arg(long, default_value = "id_number")]
        key: String,
        #[arg(long, value_enum, default_value_t = CompareWay::Overlap)]
        mode: CompareWay,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareWay {
    Overlap,
    LeftOnly,
    RightOnly,
}

#[derive(Subcommand, Debug)]
pub enum ModelsCommand {
    /// 内置及用户模型与参数 / built-in and user models with their parameters
    List {
        /// 案件文件:含其用户模型与参数 / a case, for its own models and parameters
        case: Option<PathBuf>,
        #[arg(long)]
        keyring: bool,
    },
    /// 运行模型并保存预警 / run the models and store the alerts
    Run {
        #[command(flatten)]
        case: CaseArg,
        #[arg(long = "model")]
        models: Vec<String>,
        #[arg(long, value_enum, default_value_t = AlertFormat::Text)]
        format: AlertFormat,
    },
    /// 设置本案模型参数 / set a model parameter for this case
    Set {
        #[command(flatten)]
        case: CaseArg,
        model: String,
        /// name=value
        assignment: String,
    },
    /// 导入用户模型或模型包 (TOML) / add a user model or model pack (TOML)
    Import {
        #[command(flatten)]
        case: CaseArg,
        file: PathBuf,
    },
    /// 导出用户模型为模型包 / export user models as one pack
    Export {
        #[command(flatten)]
        case: CaseArg,
        #[arg(long)]
        out: PathBuf,
        #[arg(long = "model")]
        models: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum AlertsCommand {
    /// 列出预警 / list alerts
    List {
        #[command(flatten)]
        case: CaseArg,
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        model: Option<String>,
        #[arg(long, value_enum, default_value_t = AlertFormat::Text)]
        format: AlertFormat,
    },
    /// 预警详情及处置记录 (JSON) / one alert with its history (JSON)
    Show {
        #[command(flatten)]
        case: CaseArg,
        id: String,
    },
    /// 分办 / assign
    Assign {
        #[command(flatten)]
        case: CaseArg,
        id: String,
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 开始核查 / start verifying
    Verify {
        #[command(flatten)]
        case: CaseArg,
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 处置:confirmed 属实 | false_positive 不属实 | remedied 已整改 / dispose with an outcome
    Dispose {
        #[command(flatten)]
        case: CaseArg,
        id: String,
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 归档 / archive
    Archive {
        #[command(flatten)]
        case: CaseArg,
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 重新打开 / reopen
    Reopen {
        #[command(flatten)]
        case: CaseArg,
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AlertFormat {
    Text,
    Jsonl,
}

#[derive(Subcommand, Debug)]
pub enum GraphCommand {
    /// 与某人、企业或账户相连的实体 / the entities linked to a person, company or account
    Neighbors {
        #[command(flatten)]
        case: CaseArg,
        /// 身份证号、信用代码、账号、单位名称… / canonical id
        id: String,
        #[arg(long, default_value_t = 1)]
        hops: usize,
        /// 只走这些关系 / only these link types (serves_at, shareholder, relative, paid…)
        #[arg(long = "type")]
        types: Vec<String>,
        /// 关系须在此日期后仍有效 / links still valid on or after this date
        #[arg(long)]
        from: Option<String>,
        /// 关系须在此日期前已开始 / links begun on or before this date
        #[arg(long)]
        to: Option<String>,
    },
    /// 两个实体间的最短关系路径 / the shortest link paths between two entities
    Path {
        #[command(flatten)]
        case: CaseArg,
        from_id: String,
        to_id: String,
        #[arg(long, default_value_t = 6)]
        max_hops: usize,
        /// 给出最短的 K 条(不只是等长最短)/ the K shortest paths instead of all equally short ones
        #[arg(long)]
        k: Option<usize>,
    },
    /// 从账户追踪资金 / money traced out of (and into) an account
    Flow {
        #[command(flatten)]
        case: CaseArg,
        account: String,
        #[arg(long, default_value_t = 3)]
        hops: usize,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 0.0)]
        min_amount: f64,
        /// 相邻两笔最长间隔(天)/ longest wait between two transfers on a path, in days
        #[arg(long, default_value_t = 30)]
        window_days: i64,
        #[arg(long, value_enum, default_value_t = FlowWay::Both)]
        direction: FlowWay,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FlowWay {
    Forward,
    Backward,
    Both,
}

#[derive(Args, Debug)]
pub struct CaseArg {
    /// 案件文件 / the case file
    pub case: PathBuf,
    /// 从系统钥匙串取口令(create 时存入)/ take the passphrase from the OS keyring (create: save it there)
    #[arg(long)]
    pub keyring: bool,
}

#[derive(Subcommand, Debug)]
pub enum CaseCommand {
    /// 新建加密案件文件 / create a new encrypted case file
    Create(CaseArg),
    /// 案件概况 / the case's summary
    Info {
        #[command(flatten)]
        case: CaseArg,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(flatten)]
    pub case: CaseArg,
    /// 数据文件 (xlsx, xls, csv) / extract files
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 数据类型,不给则按表头识别 / the extract kind; detected from the headers when absent
    #[arg(long)]
    pub kind: Option<String>,
    /// 保存的表头映射文件 (TOML) / a saved header mapping (TOML)
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// 作为名单导入时的名单名称 / the list name for sheets imported as a list
    #[arg(long)]
    pub list_name: Option<String>,
    /// 只显示识别结果与映射,不写入案件 / show the detected kind, mapping and counts without writing
    #[arg(long)]
    pub dry_run: bool,
    /// 导入后不重建人员、企业、账户关系(稍后用 resolve)/ do not rebuild entities and links afterwards (run `resolve` later)
    #[arg(long)]
    pub no_resolve: bool,
}

#[derive(Args, Debug)]
pub struct RejectsArgs {
    #[command(flatten)]
    pub case: CaseArg,
    #[arg(long, value_enum, default_value_t = RejectFormat::Text)]
    pub format: RejectFormat,
}

#[derive(Subcommand, Debug)]
pub enum FileCommand {
    /// 按 SHA-256 导出原始文件 / export a delivered file by its SHA-256
    Export {
        #[command(flatten)]
        case: CaseArg,
        sha256: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// 校验审计日志哈希链 / check the audit log's hash chain
    Verify(CaseArg),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RejectFormat {
    Text,
    Csv,
    Json,
}
