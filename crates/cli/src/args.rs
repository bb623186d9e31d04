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
